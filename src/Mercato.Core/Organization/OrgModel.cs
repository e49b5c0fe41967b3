using System.Globalization;
using System.Text.Json.Serialization;

namespace Mercato.Core.Organization;

/// <summary>One unit of the organization tree.</summary>
/// <param name="Id">A slug, unique in the structure: lower-case letters, digits, <c>_</c> and <c>-</c>, starting with a letter or digit.</param>
/// <param name="Name">The unit's name as people say it ("Brand department").</param>
/// <param name="Kind">Company, center, department, team or module.</param>
/// <param name="Parent">The id of the unit above in the tree; null for the root (exactly one).</param>
/// <param name="Head">The head of the unit (a person or a title), optional.</param>
/// <param name="ReportsTo">
/// The unit the head reports to when that is not the tree parent (a brand department inside the marketing center whose
/// head reports straight to the CEO); null when the head reports to the parent's head.
/// </param>
public sealed record OrgUnit(
    string Id,
    string Name,
    UnitKind Kind,
    string? Parent = null,
    string? Head = null,
    string? ReportsTo = null);

/// <summary>A function of the catalog (<see cref="OrgCatalog"/>) or one the user added.</summary>
/// <param name="Id">Stable snake_case id.</param>
/// <param name="Name">Short name ("Public-opinion monitoring").</param>
/// <param name="Description">One line: what the work is.</param>
/// <param name="Area">Marketing, operations, sales, product or data.</param>
/// <param name="UsualOwner">The kind of unit that usually owns it ("brand department"); may be empty for custom functions.</param>
public sealed record OrgFunction(string Id, string Name, string Description, FunctionArea Area, string UsualOwner);

/// <summary>A unit's RACI role for a function.</summary>
/// <param name="Unit">The unit's id.</param>
/// <param name="Function">The function's id.</param>
/// <param name="Role">Responsible, accountable, consulted or informed.</param>
public sealed record Ownership(string Unit, string Function, RaciRole Role);

/// <summary>Who answers for a KPI.</summary>
/// <param name="Kpi">The KPI's snake_case id.</param>
/// <param name="Function">The function the KPI measures.</param>
/// <param name="Unit">The unit that answers for it; null when nobody does.</param>
public sealed record KpiAssignment(string Kpi, string Function, string? Unit);

/// <summary>
/// One problem found in a structure or a file: where (a path such as <c>units[3].parent</c>, with the line and column when the
/// file's parser knows them) and what, as a code with its arguments (the host renders the sentence).
/// </summary>
/// <param name="Path">Field names as in the file format, list indexes from 0; empty for the whole document.</param>
/// <param name="Code">What is wrong: one of the <see cref="OrgCodes"/> or <see cref="CommonCodes"/>.</param>
/// <param name="Args">The values its sentence names.</param>
/// <param name="Line">1-based line in the file, when known.</param>
/// <param name="Column">1-based column in the file, when known.</param>
public sealed record OrgProblem(string Path, string Code, MessageArgs Args, int? Line = null, int? Column = null) : ICodedMessage
{
    /// <summary>What is wrong: a snake_case code.</summary>
    public string Code { get; init; } = CodeForm.Checked(Code);

    /// <summary>A problem without arguments.</summary>
    public OrgProblem(string path, string code)
        : this(path, code, MessageArgs.Empty)
    {
    }

    /// <summary>A problem with the arguments in the order given.</summary>
    public static OrgProblem Of(string path, string code, params (string Name, object? Value)[] args) => new(path, code, MessageArgs.Of(args));

    /// <summary>"line 4, column 7: units[3].parent: unknown_unit", for debugging only.</summary>
    public override string ToString()
    {
        var where = Line is { } line
            ? string.Create(CultureInfo.InvariantCulture, $"line {line}, column {Column ?? 1}: ")
            : "";
        return Path.Length == 0 ? where + Code : where + Path + ": " + Code;
    }
}

/// <summary>
/// A company's organization: its units, the functions it added to the catalog, who owns which function, who answers for
/// which KPI, and which functions the company needs. Immutable; compare with <c>==</c> (lists compare item by item).
/// Build one with the constructor and check it with <see cref="Validate"/>: the analyses tolerate an invalid structure
/// (they skip what they cannot resolve) but only a valid one is stored or imported.
/// </summary>
public sealed record OrgStructure
{
    /// <summary>Creates a structure; <paramref name="needs"/> null means <see cref="DefaultNeeds"/>.</summary>
    public OrgStructure(
        string name,
        IReadOnlyList<OrgUnit> units,
        IReadOnlyList<OrgFunction>? customFunctions = null,
        IReadOnlyList<Ownership>? ownerships = null,
        IReadOnlyList<KpiAssignment>? kpis = null,
        IReadOnlyList<string>? needs = null)
    {
        Name = name;
        Units = [.. units];
        CustomFunctions = [.. customFunctions ?? []];
        Ownerships = [.. ownerships ?? []];
        Kpis = [.. kpis ?? []];
        Needs = needs is null ? DefaultNeeds(CustomFunctions) : [.. needs];
    }

    /// <summary>The structure's name ("Company B").</summary>
    public string Name { get; init; }

    /// <summary>The units, in the order the user gave them (reports list units in this order).</summary>
    public IReadOnlyList<OrgUnit> Units { get; init; }

    /// <summary>Functions the user added; their ids must not collide with the catalog's.</summary>
    public IReadOnlyList<OrgFunction> CustomFunctions { get; init; }

    /// <summary>Unit × function roles; one role per unit and function, at most one accountable unit per function.</summary>
    public IReadOnlyList<Ownership> Ownerships { get; init; }

    /// <summary>KPI assignments, one per KPI id.</summary>
    public IReadOnlyList<KpiAssignment> Kpis { get; init; }

    /// <summary>The functions the company needs: the boundary analysis reports a gap for each one nobody is responsible for.</summary>
    public IReadOnlyList<string> Needs { get; init; }

    /// <summary>
    /// What a company needs unless it says otherwise: every catalog function of the marketing, operations and data areas,
    /// then the custom functions of those areas. Sales and product functions may sit outside the structure.
    /// </summary>
    public static IReadOnlyList<string> DefaultNeeds(IEnumerable<OrgFunction> customFunctions) =>
        [.. OrgCatalog.Functions.Concat(customFunctions).Where(f => IsNeededByDefault(f.Area)).Select(f => f.Id)];

    /// <summary>Whether <see cref="Needs"/> is exactly the default for this structure's custom functions (exports then omit it).</summary>
    [JsonIgnore]
    public bool NeedsAreDefault => Needs.SequenceEqual(DefaultNeeds(CustomFunctions), StringComparer.Ordinal);

    /// <summary>Every problem that makes the structure invalid (name, units, customFunctions, ownerships, kpis, needs, in that order); empty when it is valid.</summary>
    public IReadOnlyList<OrgProblem> Validate() => OrgValidation.Validate(this);

    /// <summary>A function of the catalog or of this structure by id, or null.</summary>
    public OrgFunction? FindFunction(string id) =>
        OrgCatalog.Find(id) ?? CustomFunctions.FirstOrDefault(f => string.Equals(f.Id, id, StringComparison.Ordinal));

    /// <summary>A unit by id, or null.</summary>
    public OrgUnit? FindUnit(string id) => Units.FirstOrDefault(u => string.Equals(u.Id, id, StringComparison.Ordinal));

    /// <summary>The catalog's functions followed by the custom ones: the order reports list functions in.</summary>
    [JsonIgnore]
    public IEnumerable<OrgFunction> AllFunctions => OrgCatalog.Functions.Concat(CustomFunctions);

    /// <summary>The ids of the units responsible for <paramref name="functionId"/>, in unit order.</summary>
    public IReadOnlyList<string> Responsible(string functionId) => WithRole(functionId, RaciRole.Responsible);

    /// <summary>The ids of the units with <paramref name="role"/> for <paramref name="functionId"/>, in unit order.</summary>
    public IReadOnlyList<string> WithRole(string functionId, RaciRole role)
    {
        var ids = Ownerships
            .Where(o => o.Role == role && string.Equals(o.Function, functionId, StringComparison.Ordinal))
            .Select(o => o.Unit)
            .ToHashSet(StringComparer.Ordinal);
        return [.. Units.Where(u => ids.Contains(u.Id)).Select(u => u.Id).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The units directly below <paramref name="unitId"/>, in unit order.</summary>
    public IEnumerable<OrgUnit> Children(string unitId) =>
        Units.Where(u => string.Equals(u.Parent, unitId, StringComparison.Ordinal));

    /// <summary>The root unit (the one without a parent), or null when there is none or several.</summary>
    [JsonIgnore]
    public OrgUnit? Root => Units.Count(u => u.Parent is null) == 1 ? Units.First(u => u.Parent is null) : null;

    internal static bool IsNeededByDefault(FunctionArea area) =>
        area is FunctionArea.Marketing or FunctionArea.Operations or FunctionArea.Data;

    /// <inheritdoc/>
    public bool Equals(OrgStructure? other) =>
        other is not null
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && Units.SequenceEqual(other.Units)
        && CustomFunctions.SequenceEqual(other.CustomFunctions)
        && Ownerships.SequenceEqual(other.Ownerships)
        && Kpis.SequenceEqual(other.Kpis)
        && Needs.SequenceEqual(other.Needs, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Name, Units.Count, CustomFunctions.Count, Ownerships.Count, Kpis.Count, Needs.Count);
}
