using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Mercato.Core.Organization;

/// <summary>More than one unit is responsible for a function.</summary>
/// <param name="Function">The function's id.</param>
/// <param name="Units">The responsible units' ids, in unit order.</param>
/// <param name="Reason">The finding (<see cref="OrgCodes.Overlap"/>) with the names it mentions.</param>
public sealed record Overlap(string Function, IReadOnlyList<string> Units, Message Reason);

/// <summary>A function the company needs that no unit is responsible for.</summary>
/// <param name="Function">The function's id.</param>
/// <param name="Accountable">The unit accountable for it without anyone doing the work, or null.</param>
/// <param name="Reason">The finding (<see cref="OrgCodes.GapNobody"/>, <see cref="OrgCodes.GapNobodyUsualOwner"/> or <see cref="OrgCodes.GapAccountableOnly"/>).</param>
public sealed record Gap(string Function, string? Accountable, Message Reason);

/// <summary>A KPI nobody answers for, or one answered for by a unit that does not own its function.</summary>
/// <param name="Kpi">The KPI's id.</param>
/// <param name="Function">The function it measures.</param>
/// <param name="Unit">The unit it is assigned to, or null when none.</param>
/// <param name="Responsible">The units responsible for the function (where the KPI belongs), in unit order.</param>
/// <param name="Reason">The finding (<see cref="OrgCodes.KpiNobodyAnswers"/> or <see cref="OrgCodes.KpiNotOwned"/>) with the names it mentions.</param>
public sealed record UnownedKpi(string Kpi, string Function, string? Unit, IReadOnlyList<string> Responsible, Message Reason);

/// <summary>A department, team or module that, with everything below it, owns no function as responsible or accountable.</summary>
/// <param name="Unit">The unit's id.</param>
/// <param name="Reason">The finding (<see cref="OrgCodes.IdleUnit"/>) with the unit's name and the functions it is only consulted or informed on.</param>
public sealed record IdleUnit(string Unit, Message Reason);

/// <summary>A unit whose name promises one area while most of its responsible functions lie in another.</summary>
/// <param name="Unit">The unit's id.</param>
/// <param name="NameAreas">The areas the name implies, in area order.</param>
/// <param name="ActualArea">The area most of its responsible functions belong to.</param>
/// <param name="Functions">The evidence: its responsible functions outside <paramref name="NameAreas"/>, in catalog order.</param>
/// <param name="Reason">The finding (<see cref="OrgCodes.NameMismatch"/>) with the names and areas it mentions.</param>
public sealed record Mismatch(string Unit, IReadOnlyList<FunctionArea> NameAreas, FunctionArea ActualArea, IReadOnlyList<string> Functions, Message Reason);

/// <summary>
/// The boundary analysis of a structure. As JSON (web defaults): <c>{"overlaps":[...],"gaps":[...],"unownedKpis":[...],
/// "idleUnits":[...],"mismatches":[...]}</c>. Functions are listed in catalog order (custom ones after, by id), units and
/// KPIs in the structure's order.
/// </summary>
public sealed record BoundaryReport(
    IReadOnlyList<Overlap> Overlaps,
    IReadOnlyList<Gap> Gaps,
    IReadOnlyList<UnownedKpi> UnownedKpis,
    IReadOnlyList<IdleUnit> IdleUnits,
    IReadOnlyList<Mismatch> Mismatches)
{
    /// <summary>Whether nothing was found (not serialized: the JSON contract is the five arrays).</summary>
    [JsonIgnore]
    public bool IsClean => Overlaps.Count + Gaps.Count + UnownedKpis.Count + IdleUnits.Count + Mismatches.Count == 0;
}

/// <summary>
/// Finds where a structure's boundaries are wrong (DOMAIN.md §1: the same work claimed by two units or by none, names that
/// mean different things in different companies). Pure and deterministic.
/// </summary>
public static partial class OrgAnalysis
{
    /// <summary>
    /// Words of unit names and the area each implies (whole words, case-insensitive; "new media" and "public relations" as
    /// phrases). DOMAIN.md §1–§4: marketing, market, brand, planning, new media, PR and promotion are marketing names
    /// (brand is "sometimes called planning"; a new-media team under operations says both); operations and ops are
    /// operations; sales, commercial, business development and investment are sales; product and R&amp;D are product; data is data.
    /// </summary>
    public static IReadOnlyList<(string Words, FunctionArea Area)> NameWords { get; } =
    [
        ("marketing", FunctionArea.Marketing),
        ("market", FunctionArea.Marketing),
        ("brand", FunctionArea.Marketing),
        ("branding", FunctionArea.Marketing),
        ("planning", FunctionArea.Marketing),
        ("new media", FunctionArea.Marketing),
        ("digital", FunctionArea.Marketing),
        ("pr", FunctionArea.Marketing),
        ("public relations", FunctionArea.Marketing),
        ("communications", FunctionArea.Marketing),
        ("promotion", FunctionArea.Marketing),
        ("operations", FunctionArea.Operations),
        ("operation", FunctionArea.Operations),
        ("ops", FunctionArea.Operations),
        ("sales", FunctionArea.Sales),
        ("commercial", FunctionArea.Sales),
        ("business development", FunctionArea.Sales),
        ("investment", FunctionArea.Sales),
        ("product", FunctionArea.Product),
        ("r&d", FunctionArea.Product),
        ("data", FunctionArea.Data),
        ("analytics", FunctionArea.Data),
    ];

    /// <summary>Runs every boundary rule; see the record types for each finding.</summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>Overlap: two or more units responsible for one function (any function, needed or not).</item>
    /// <item>Gap: a function in <see cref="OrgStructure.Needs"/> with no responsible unit. An accountable unit alone does
    /// not close a gap: someone answers for the work but nobody does it; the finding names that unit.</item>
    /// <item>Unowned KPI: a KPI of a needed function with no unit, or whose unit is neither responsible nor accountable for
    /// the KPI's function. KPIs of functions the company does not need are not reported.</item>
    /// <item>Idle unit: a department, team or module that is responsible or accountable for no function, and nor is any
    /// unit below it (companies and centers group units and are never idle).</item>
    /// <item>Mismatch: a unit whose name implies one or more areas (<see cref="NameWords"/>) while more than half of its
    /// responsible functions lie outside them; the area holding the most of them is reported with the evidence.</item>
    /// </list>
    /// </remarks>
    public static BoundaryReport Check(OrgStructure structure)
    {
        ArgumentNullException.ThrowIfNull(structure);
        var view = new View(structure);
        return new BoundaryReport(Overlaps(view), Gaps(view), UnownedKpis(view), IdleUnits(view), Mismatches(view));
    }

    /// <summary>The areas a unit name implies, in area order; empty when the name says nothing (a "Channel management center").</summary>
    public static IReadOnlyList<FunctionArea> AreasOfName(string name)
    {
        var text = " " + string.Join(" ", WordPattern().Matches(name.ToLowerInvariant()).Select(m => m.Value)) + " ";
        return [.. NameWords
            .Where(w => text.Contains(" " + w.Words + " ", StringComparison.Ordinal))
            .Select(w => w.Area)
            .Distinct()
            .Order()];
    }

    [GeneratedRegex("[a-z0-9&]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    private static List<Overlap> Overlaps(View v)
    {
        var found = new List<Overlap>();
        foreach (var f in v.Functions)
        {
            var units = v.S.Responsible(f.Id);
            if (units.Count < 2)
            {
                continue;
            }

            var names = units.Select(v.UnitName).ToList();
            found.Add(new Overlap(f.Id, units, Message.Of(OrgCodes.Overlap, ("count", units.Count), ("others", units.Count - 1), ("function", f.Name), ("units", names))));
        }

        return found;
    }

    private static List<Gap> Gaps(View v)
    {
        var found = new List<Gap>();
        foreach (var f in v.Functions.Where(f => v.Needed.Contains(f.Id)))
        {
            if (v.S.Responsible(f.Id).Count > 0)
            {
                continue;
            }

            var accountable = v.S.WithRole(f.Id, RaciRole.Accountable).FirstOrDefault();
            var reason = accountable is not null
                ? Message.Of(OrgCodes.GapAccountableOnly, ("unit", v.UnitName(accountable)), ("function", f.Name))
                : f.UsualOwner.Length > 0
                    ? Message.Of(OrgCodes.GapNobodyUsualOwner, ("function", f.Name), ("owner", f.UsualOwner))
                    : Message.Of(OrgCodes.GapNobody, ("function", f.Name));
            found.Add(new Gap(f.Id, accountable, reason));
        }

        return found;
    }

    private static List<UnownedKpi> UnownedKpis(View v)
    {
        var found = new List<UnownedKpi>();
        foreach (var k in v.S.Kpis)
        {
            if (!v.Needed.Contains(k.Function))
            {
                continue;
            }

            var function = v.S.FindFunction(k.Function);
            var functionName = function?.Name ?? k.Function;
            var responsible = v.S.Responsible(k.Function);
            var responsibleNames = responsible.Select(v.UnitName).ToList();
            if (k.Unit is null)
            {
                found.Add(new UnownedKpi(k.Kpi, k.Function, null, responsible,
                    Message.Of(OrgCodes.KpiNobodyAnswers, ("kpi", k.Kpi), ("function", functionName), ("responsible", responsibleNames))));
                continue;
            }

            var owns = v.S.Ownerships.Any(o =>
                string.Equals(o.Unit, k.Unit, StringComparison.Ordinal)
                && string.Equals(o.Function, k.Function, StringComparison.Ordinal)
                && o.Role is RaciRole.Responsible or RaciRole.Accountable);
            if (!owns)
            {
                found.Add(new UnownedKpi(k.Kpi, k.Function, k.Unit, responsible, Message.Of(OrgCodes.KpiNotOwned,
                    ("kpi", k.Kpi), ("unit", v.UnitName(k.Unit)), ("function", functionName), ("responsible", responsibleNames))));
            }
        }

        return found;
    }

    private static List<IdleUnit> IdleUnits(View v)
    {
        var owning = v.S.Ownerships
            .Where(o => o.Role is RaciRole.Responsible or RaciRole.Accountable)
            .Select(o => o.Unit)
            .ToHashSet(StringComparer.Ordinal);
        var found = new List<IdleUnit>();
        foreach (var u in v.S.Units.Where(u => u.Kind is UnitKind.Department or UnitKind.Team or UnitKind.Module))
        {
            if (v.Subtree(u.Id).Any(owning.Contains))
            {
                continue;
            }

            var minor = v.S.Ownerships
                .Where(o => string.Equals(o.Unit, u.Id, StringComparison.Ordinal))
                .OrderBy(o => OrgCatalog.Position(o.Function))
                .ThenBy(o => o.Function, StringComparer.Ordinal)
                .Select(o => v.FunctionName(o.Function))
                .ToList();
            found.Add(new IdleUnit(u.Id, Message.Of(OrgCodes.IdleUnit, ("unit", u.Name), ("minor", minor))));
        }

        return found;
    }

    private static List<Mismatch> Mismatches(View v)
    {
        var found = new List<Mismatch>();
        foreach (var u in v.S.Units)
        {
            var implied = AreasOfName(u.Name);
            if (implied.Count == 0)
            {
                continue;
            }

            var functions = v.Functions
                .Where(f => v.S.Ownerships.Any(o =>
                    o.Role == RaciRole.Responsible
                    && string.Equals(o.Unit, u.Id, StringComparison.Ordinal)
                    && string.Equals(o.Function, f.Id, StringComparison.Ordinal)))
                .ToList();
            var outside = functions.Where(f => !implied.Contains(f.Area)).ToList();
            if (functions.Count == 0 || outside.Count * 2 <= functions.Count)
            {
                continue;
            }

            // The area holding most of the evidence; ties go to the earlier area (marketing, operations, sales, product, data).
            var actual = outside.GroupBy(f => f.Area).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
            found.Add(new Mismatch(u.Id, implied, actual, [.. outside.Select(f => f.Id)], Message.Of(OrgCodes.NameMismatch,
                ("unit", u.Name), ("says", implied.Select(a => a.Word())), ("outside", outside.Count), ("count", functions.Count),
                ("areas", outside.Select(f => f.Area).Distinct().Order().Select(a => a.Word())), ("evidence", outside.Select(f => f.Name)))));
        }

        return found;
    }

    /// <summary>Lookups shared by the rules.</summary>
    private sealed class View
    {
        public View(OrgStructure s)
        {
            S = s;
            Needed = s.Needs.ToHashSet(StringComparer.Ordinal);
            Functions = [.. s.AllFunctions
                .DistinctBy(f => f.Id, StringComparer.Ordinal)
                .OrderBy(f => OrgCatalog.Position(f.Id))
                .ThenBy(f => f.Id, StringComparer.Ordinal)];
            _units = s.Units.DistinctBy(u => u.Id, StringComparer.Ordinal).ToDictionary(u => u.Id, StringComparer.Ordinal);
            _children = s.Units.Where(u => u.Parent is not null).ToLookup(u => u.Parent!, u => u.Id, StringComparer.Ordinal);
        }

        private readonly Dictionary<string, OrgUnit> _units;
        private readonly ILookup<string, string> _children;

        public OrgStructure S { get; }

        public HashSet<string> Needed { get; }

        public IReadOnlyList<OrgFunction> Functions { get; }

        public string UnitName(string id) => _units.TryGetValue(id, out var u) ? u.Name : id;

        public string FunctionName(string id) => S.FindFunction(id)?.Name ?? id;

        /// <summary>The unit and every unit below it (each once, even if the tree has a cycle).</summary>
        public IEnumerable<string> Subtree(string id)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>([id]);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                if (!seen.Add(current))
                {
                    continue;
                }

                yield return current;
                foreach (var child in _children[current])
                {
                    stack.Push(child);
                }
            }
        }
    }
}
