using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Mercato.Core.AdMonitoring;

namespace Mercato.Core.Tests.AdMonitoring;

/// <summary>docs/ads.md says what the code does: every rule with its category, every code, and the measured figures.</summary>
public partial class AdsDocsTests
{
    private static readonly Lazy<string> Text = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Mercato.slnx")))
        {
            dir = dir.Parent;
        }

        var text = File.ReadAllText(Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), "docs", "ads.md"));
        return Space().Replace(text, " ");
    });

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    [Fact]
    public void Docs_RuleTable_NamesEveryRuleWithItsCategory()
    {
        foreach (var rule in InvalidTraffic.Rules)
        {
            Assert.Contains($"| `{rule.Code}` | {(rule.Category == InvalidTrafficCategory.General ? "GIVT" : "SIVT")} |", Text.Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Docs_NameEveryCode()
    {
        var codes = new[] { typeof(InvalidTrafficCodes), typeof(ClickCodes) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Select(f => (string)f.GetRawConstantValue()!);

        Assert.All(codes, code => Assert.Contains($"`{code}`", Text.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Docs_PrecisionAndRecallTable_IsWhatTheTestMeasures()
    {
        var dev = InvalidTrafficAccuracyTests.Measure(ClickLogGenerator.Generate(InvalidTrafficAccuracyTests.DevSeed));
        var held = InvalidTrafficAccuracyTests.Measure(ClickLogGenerator.Generate(InvalidTrafficAccuracyTests.HeldOutSeed));
        foreach (var (d, h) in dev.Zip(held))
        {
            var row = string.Create(
                CultureInfo.InvariantCulture,
                $"| {d.Rule} | {d.Truth} | {d.Flagged} | {d.Precision:F3} | {d.Recall:F3} | {h.Truth} | {h.Flagged} | {h.Precision:F3} | {h.Recall:F3} |");
            Assert.Contains(row, Text.Value, StringComparison.Ordinal);
        }
    }
}
