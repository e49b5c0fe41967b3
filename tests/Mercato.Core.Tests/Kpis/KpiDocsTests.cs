using System.Text.RegularExpressions;
using Mercato.Core.Kpis;

namespace Mercato.Core.Tests.Kpis;

/// <summary>docs/kpis.md says what the code does: every KPI's table row and formula sentence.</summary>
public partial class KpiDocsTests
{
    private static readonly Lazy<string> Text = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Mercato.slnx")))
        {
            dir = dir.Parent;
        }

        return File.ReadAllText(Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), "docs", "kpis.md"));
    });

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    public static TheoryData<string> Ids => new(KpiCatalog.All.Select(k => k.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Docs_TableRow_MatchesTheCatalog(string id)
    {
        var kpi = KpiCatalog.Find(id)!;
        var row = $"| `{kpi.Id}` | {kpi.Name} | {kpi.FunctionId} | {kpi.Unit.Word()} | {kpi.Direction.Word()} |";

        Assert.Contains(row, Text.Value, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Docs_FormulaBullet_StartsWithTheCatalogsFormula(string id)
    {
        var kpi = KpiCatalog.Find(id)!;

        Assert.Contains($"- **{kpi.Id}**: {kpi.Formula}", Space().Replace(Text.Value, " "), StringComparison.Ordinal);
    }
}
