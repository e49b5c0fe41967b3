using System.Reflection;
using System.Text.RegularExpressions;
using Mercato.Core.Campaigns;
using Mercato.Core.Kpis;
using Mercato.Core.Organization;

namespace Mercato.Core.Tests.Campaigns;

/// <summary>docs/campaigns.md says what the code does: every campaign metric, evidence formula and refusal code.</summary>
public partial class CampaignDocsTests
{
    private static readonly Lazy<string> Text = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Mercato.slnx")))
        {
            dir = dir.Parent;
        }

        var text = File.ReadAllText(Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), "docs", "campaigns.md"));
        return Space().Replace(text, " ");
    });

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    [Fact]
    public void Docs_CampaignMetricRows_MatchTheCode()
    {
        foreach (var m in CampaignMetrics.All)
        {
            var row = $"| `{m.Id}` | {m.Name} | {m.Unit.Word()} | {(m.Direction == Direction.Lower ? "lower" : "higher")} | {m.Formula} |";
            Assert.Contains(row, Text.Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Docs_EvidenceFormulas_MatchTheCode()
    {
        foreach (var m in BrandCycle.Steps.SelectMany(s => s.Evidence))
        {
            Assert.Contains($"- **{m.Id}**: {m.Formula}", Text.Value, StringComparison.Ordinal);
        }

        foreach (var s in BrandCycle.Steps)
        {
            Assert.Contains($"| {s.Number} {s.Name} | `{s.Id}` | {s.Purpose} |", Text.Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Docs_ListEveryRefusalCode()
    {
        var codes = typeof(LifecycleCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();

        Assert.Equal(17, codes.Count);
        Assert.All(codes, code => Assert.Contains($"| `{code}` |", Text.Value, StringComparison.Ordinal));
    }
}
