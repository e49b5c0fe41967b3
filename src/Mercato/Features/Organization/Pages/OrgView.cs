using System.Globalization;
using Mercato.Core.Kpis;
using Mercato.Core.Organization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

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

    /// <summary>The colour's word for CSS classes and data attributes (green, amber, red, grey): never translated.</summary>
    public static string Word(HealthColour colour) => colour switch
    {
        HealthColour.Green => "green",
        HealthColour.Amber => "amber",
        HealthColour.Red => "red",
        _ => "grey",
    };

    /// <summary>The colour in words, as the legend and badges write it.</summary>
    public static string Colour(HealthColour colour) => OrgText.Term("health_colour", Word(colour), Word(colour));

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
    public static string Percent(double share) => KpiFormat.Percent(share, 0);

    /// <summary>
    /// The period a page shows: the one asked for when it parses, else the default (the last month with data) with a
    /// sentence saying why.
    /// </summary>
    public static async Task<(Period Period, MarkupString? Problem)> ChoosePeriodAsync(OrganizationUseCases organization, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        if (!string.IsNullOrWhiteSpace(text) && Period.TryParse(text.Trim(), out var period))
        {
            return (period, null);
        }

        var fallback = await organization.DefaultPeriodAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(text)
            ? (fallback, null)
            : (fallback, Words.WM("organization.period_problem", ("value", text), ("fallback", fallback.ToString())));
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

    /// <summary>A unit's name by id (<see cref="UnitName(OrgStructure?, OrgUnit)"/>), or the id itself when the structure does not have it.</summary>
    public static string UnitName(OrgStructure? structure, string? id) =>
        id is null ? "" : structure?.FindUnit(id) is { } unit ? UnitName(structure, unit) : id;

    /// <summary>A unit's name in the language in effect (<see cref="Shared.Names"/>); a template's units keep theirs.</summary>
    public static string UnitName(OrgStructure? structure, OrgUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return IsTemplate(structure) ? unit.Name : Shared.Names.Of(DisplayNames.Unit, unit.Id, unit.Name);
    }

    /// <summary>The company's name (the structure's) in the language in effect; a template's keeps its own.</summary>
    public static string CompanyName(OrgStructure structure)
    {
        ArgumentNullException.ThrowIfNull(structure);
        return IsTemplate(structure) ? structure.Name : Shared.Names.Of(DisplayNames.Company, structure.Name, structure.Name);
    }

    /// <summary>
    /// A unit's head as the structure names it (<c>Chen Jian, CEO</c>), the person's name in the language in effect when it
    /// is a person of the directory (by the id the name makes: <c>chen-jian</c>); null stays null.
    /// </summary>
    public static string? Head(OrgStructure? structure, string? head)
    {
        if (head is null || IsTemplate(structure))
        {
            return head;
        }

        var comma = head.IndexOf(',', StringComparison.Ordinal);
        var name = comma < 0 ? head : head[..comma].Trim();
        var shown = Shared.Names.Of(DisplayNames.Person, name.ToLowerInvariant().Replace(' ', '-'), name);
        return ReferenceEquals(shown, name) ? head : shown + (comma < 0 ? "" : head[comma..]);
    }

    /// <summary>Whether <paramref name="structure"/> is one of the built-in templates (whose names are the catalogue's, never the workspace's).</summary>
    private static bool IsTemplate(OrgStructure? structure) => structure is not null && TemplateNames.Contains(structure.Name);

    private static readonly HashSet<string> TemplateNames = [.. OrgTemplates.Names.Select(n => OrgTemplates.Get(n)!.Name)];

    /// <summary>A function's name by id (a catalog function's in the language in effect), or the id.</summary>
    public static string FunctionName(OrgStructure? structure, string id) =>
        (structure?.FindFunction(id) ?? OrgCatalog.Find(id)) is { } function ? OrgText.FunctionName(function) : id;

    /// <summary>Whether a function's name is data (a workspace's own function, or an unknown id), not a catalogue word.</summary>
    public static bool FunctionIsData(OrgStructure? structure, string id) =>
        (structure?.FindFunction(id) ?? OrgCatalog.Find(id)) is not { } function || !OrgText.IsCatalog(function);

    /// <summary>A KPI's name by id, or the id.</summary>
    public static string KpiName(string id) => OrgText.KpiName(id);

    /// <summary>The KPI's measure word (count, ratio, minutes, hours, money, per_user), for formatting a target.</summary>
    public static string Measure(string kpi) => KpiCatalog.Find(kpi)?.Unit.Word() ?? "count";

    /// <summary>
    /// A target as it was typed, so nothing is rounded away: a rate also as a percentage ("0.25 (25.0 %)"), other measures
    /// with thousands separators and up to four decimals.
    /// </summary>
    public static string Target(string kpi, double value)
    {
        var exact = value.ToString("#,0.####", CultureInfo.CurrentCulture);
        return Measure(kpi) switch
        {
            "ratio" => Words.W("organization.format.ratio_target", ("value", exact), ("percent", KpiFormat.Percent(value, 1))),
            "minutes" => Words.W("organization.format.minutes", ("value", exact)),
            "hours" => Words.W("organization.format.hours", ("value", exact)),
            _ => exact,
        };
    }

    /// <summary>
    /// The structures a page may show or compare, for a select: the workspace's own (its name is data, or "none yet") in
    /// one group and every template (its name and title, data) in another.
    /// </summary>
    public static RenderFragment StructureOptions(OrgStructure? current, string selected) => builder =>
    {
        builder.OpenElement(0, "optgroup");
        builder.AddAttribute(1, "label", Words.W("organization.structure.current_group"));
        Option(builder, OrgSources.Current, current is null ? Words.W("organization.structure.current_none") : current.Name, current is not null, selected);
        builder.CloseElement();
        builder.OpenElement(2, "optgroup");
        builder.AddAttribute(3, "label", Words.W("organization.structure.templates_group"));
        foreach (var name in OrgTemplates.Names)
        {
            Option(builder, name, $"{name}: {OrgTemplates.Get(name)!.Name}", true, selected);
        }

        builder.CloseElement();
    };

    private static void Option(RenderTreeBuilder builder, string value, string label, bool data, string selected)
    {
        builder.OpenElement(10, "option");
        builder.AddAttribute(11, "value", value);
        builder.AddAttribute(12, "selected", value == selected);
        builder.AddAttribute(13, "translate", data ? "no" : null);
        builder.AddContent(14, label);
        builder.CloseElement();
    }
}
