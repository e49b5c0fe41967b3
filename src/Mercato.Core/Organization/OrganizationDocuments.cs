namespace Mercato.Core.Organization;

/// <summary>The organization's collections in the document store: the one structure, and the KPI targets of its units.</summary>
public static class OrganizationDocuments
{
    /// <summary>The id of the workspace's structure (a workspace has one).</summary>
    public const string StructureId = "current";

    /// <summary>The structure, in the JSON form of docs/organization.md (<see cref="OrgSerializer.ToJson"/>).</summary>
    public static DocumentKind<OrgStructure> Structure { get; } = new(
        "org_structure",
        _ => StructureId,
        OrgSerializer.ToJson,
        json => OrgSerializer.FromJson(json) is { Structure: { } structure }
            ? structure
            : throw new InvalidDataException("the stored organization structure does not read back"));

    /// <summary>KPI targets, one document per KPI, unit and period (id <c>kpi|unit|period</c>).</summary>
    public static DocumentKind<KpiTarget> Targets { get; } = new("kpi_targets", t => TargetId(t.Kpi, t.Unit, t.Period));

    /// <summary>The id of the target of one KPI, unit and period.</summary>
    public static string TargetId(string kpi, string unit, Period period) => kpi + "|" + unit + "|" + period;
}
