using Mercato.Core.Organization;

namespace Mercato.Core.Tests.Organization;

/// <summary>Small hand-built structures for the tests.</summary>
internal static class Orgs
{
    /// <summary>A company with the given units under it (all departments unless the tuple says otherwise).</summary>
    public static OrgStructure Make(
        IReadOnlyList<OrgUnit> units,
        IReadOnlyList<Ownership>? ownerships = null,
        IReadOnlyList<KpiAssignment>? kpis = null,
        IReadOnlyList<string>? needs = null,
        IReadOnlyList<OrgFunction>? custom = null) =>
        new("Test", [new OrgUnit("co", "Company", UnitKind.Company), .. units], custom, ownerships, kpis, needs ?? []);

    public static OrgUnit Dept(string id, string name, string parent = "co") => new(id, name, UnitKind.Department, parent);

    public static Ownership R(string unit, string function) => new(unit, function, RaciRole.Responsible);

    public static Ownership A(string unit, string function) => new(unit, function, RaciRole.Accountable);

    public static Ownership C(string unit, string function) => new(unit, function, RaciRole.Consulted);

    public static OrgStructure Template(string name) => OrgTemplates.Get(name) ?? throw new InvalidOperationException(name);
}
