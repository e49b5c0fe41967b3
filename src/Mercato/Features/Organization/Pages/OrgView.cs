using System.Globalization;
using Mercato.Core.Kpis;
using Mercato.Core.Organization;

namespace Mercato.Features.Organization;

/// <summary>What the organization pages share: period choices, colours, names and the unit tree in display order.</summary>
internal static class OrgView
{
    /// <summary>The org chart's fill colour of a health colour (the legend uses the same).</summary>
    public static string Fill(HealthColour colour) => colour switch
    {
        HealthColour.Green => "#2e9d57",
        HealthColour.Amber => "#e0a100",
        HealthColour.Red => "#d0342c",
        _ => "#a3abb8",
    };

    /// <summary>The colour in words, as the legend and badges write it.</summary>
    public static string Word(HealthColour colour) => colour switch
    {
        HealthColour.Green => "green",
        HealthColour.Amber => "amber",
        HealthColour.Red => "red",
        _ => "grey",
    };

    /// <summary>The CSS class of a status badge.</summary>
    public static string StatusClass(KpiStatus status) => status switch
    {
        KpiStatus.OnTrack => "status-on-track",
        KpiStatus.AtRisk => "status-at-risk",
        KpiStatus.OffTrack => "status-off-track",
        KpiStatus.NoData => "status-no-data",
        _ => "status-no-target",
    };

    /// <summary>A threshold as a percentage ("95%").</summary>
    public static string Percent(double share) => share.ToString("P0", CultureInfo.InvariantCulture);

    /// <summary>
    /// The period a page shows: the one asked for when it parses, else the default (the last month with data) with a
    /// sentence saying why.
    /// </summary>
    public static async Task<(Period Period, string? Problem)> ChoosePeriodAsync(OrganizationUseCases organization, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        if (!string.IsNullOrWhiteSpace(text) && Period.TryParse(text.Trim(), out var period))
        {
            return (period, null);
        }

        var fallback = await organization.DefaultPeriodAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(text)
            ? (fallback, null)
            : (fallback, $"\"{text}\" is not a period: use a month YYYY-MM or a quarter YYYY-Qn. Showing {fallback}.");
    }

    /// <summary>The units depth first from the root, each with its depth (units outside the tree last, at depth 0).</summary>
    public static IReadOnlyList<(OrgUnit Unit, int Depth)> TreeOrder(OrgStructure structure)
    {
        var result = new List<(OrgUnit, int)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Visit(OrgUnit unit, int depth)
        {
            if (!seen.Add(unit.Id))
            {
                return;
            }

            result.Add((unit, depth));
            foreach (var child in structure.Children(unit.Id))
            {
                Visit(child, depth + 1);
            }
        }

        foreach (var root in structure.Units.Where(u => u.Parent is null))
        {
            Visit(root, 0);
        }

        foreach (var unit in structure.Units)
        {
            Visit(unit, 0);
        }

        return result;
    }

    /// <summary>A unit's name by id, or the id itself when the structure does not have it.</summary>
    public static string UnitName(OrgStructure? structure, string? id) =>
        id is null ? "" : structure?.FindUnit(id)?.Name ?? id;

    /// <summary>A function's name by id, or the id.</summary>
    public static string FunctionName(OrgStructure? structure, string id) =>
        (structure?.FindFunction(id) ?? OrgCatalog.Find(id))?.Name ?? id;

    /// <summary>A KPI's name by id, or the id.</summary>
    public static string KpiName(string id) => KpiCatalog.Find(id)?.Name ?? id;

    /// <summary>The KPI's measure word (count, ratio, minutes, hours, money, per_user), for formatting a target.</summary>
    public static string Measure(string kpi) => KpiCatalog.Find(kpi)?.Unit.Word() ?? "count";

    /// <summary>
    /// A target as it was typed, so nothing is rounded away: a rate also as a percentage ("0.25 (25.0 %)"), other measures
    /// with thousands separators and up to four decimals.
    /// </summary>
    public static string Target(string kpi, double value)
    {
        var exact = value.ToString("#,0.####", CultureInfo.InvariantCulture);
        return Measure(kpi) switch
        {
            "ratio" => $"{exact} ({value.ToString("P1", CultureInfo.InvariantCulture)})",
            "minutes" => exact + " min",
            "hours" => exact + " h",
            _ => exact,
        };
    }

    /// <summary>"1 overlap", "2 gaps".</summary>
    public static string Count(int n, string one, string many) =>
        n.ToString("N0", CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);

    /// <summary>The structures a page may show or compare: the workspace's own and every template.</summary>
    public static IReadOnlyList<(string Value, string Label)> StructureChoices(OrgStructure? current) =>
        [(OrgSources.Current, current is null ? "current (none yet)" : $"current: {current.Name}"),
         .. OrgTemplates.Names.Select(n => (n, $"{n}: {OrgTemplates.Get(n)!.Name}"))];
}
