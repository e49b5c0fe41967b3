using System.Globalization;
using System.Text.RegularExpressions;

namespace Mercato.Core.Organization;

/// <summary>
/// The rules a structure must satisfy before it is stored or exported. Every problem names its path with the file format's
/// field names (<c>units[3].parent</c>).
/// </summary>
/// <remarks>
/// Decisions: at most one unit may be accountable for a function (RACI's rule: accountability that is shared belongs to
/// nobody), and a unit has one role per function. Two responsible units are allowed: that is an overlap, a fact about the
/// organization that the boundary analysis reports, not an error in the data.
/// </remarks>
internal static partial class OrgValidation
{
    public const int MaxIdLength = 64;
    public const int MaxTextLength = 200;

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex UnitIdPattern();

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SnakeCasePattern();

    public static bool IsUnitId(string? id) => id is { Length: > 0 and <= MaxIdLength } && UnitIdPattern().IsMatch(id);

    public static bool IsSnakeCase(string? id) => id is { Length: > 0 and <= MaxIdLength } && SnakeCasePattern().IsMatch(id);

    public static IReadOnlyList<OrgProblem> Validate(OrgStructure s)
    {
        var problems = new List<OrgProblem>();
        if (string.IsNullOrWhiteSpace(s.Name))
        {
            problems.Add(new("name", "the structure needs a name"));
        }
        else
        {
            CheckText(s.Name, "name", problems);
        }

        var units = CheckUnits(s.Units, problems);
        var functions = CheckFunctions(s.CustomFunctions, problems);
        CheckOwnerships(s, units, functions, problems);
        CheckKpis(s.Kpis, units, functions, problems);
        CheckNeeds(s.Needs, functions, problems);
        return problems;
    }

    private static Dictionary<string, int> CheckUnits(IReadOnlyList<OrgUnit> units, List<OrgProblem> problems)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        if (units.Count == 0)
        {
            problems.Add(new("units", "the structure has no units: add at least the company"));
            return index;
        }

        for (var i = 0; i < units.Count; i++)
        {
            var u = units[i];
            var path = P("units", i);
            if (!IsUnitId(u.Id))
            {
                problems.Add(new(path + ".id", Quote(u.Id) + " is not a unit id: use lower-case letters, digits, '_' and '-' (at most 64)"));
            }
            else if (!index.TryAdd(u.Id, i))
            {
                problems.Add(new(path + ".id", "duplicate unit id " + Quote(u.Id) + " (also " + P("units", index[u.Id]) + ")"));
            }

            if (string.IsNullOrWhiteSpace(u.Name))
            {
                problems.Add(new(path + ".name", "the unit needs a name"));
            }
            else
            {
                CheckText(u.Name, path + ".name", problems);
            }

            if (u.Head is not null)
            {
                CheckText(u.Head, path + ".head", problems);
            }

            if (!Enum.IsDefined(u.Kind))
            {
                problems.Add(new(path + ".kind", "unknown kind; expected " + OrgWords.KindsList));
            }
        }

        var roots = new List<int>();
        for (var i = 0; i < units.Count; i++)
        {
            var u = units[i];
            var path = P("units", i);
            if (u.Parent is null)
            {
                roots.Add(i);
            }
            else if (string.Equals(u.Parent, u.Id, StringComparison.Ordinal))
            {
                problems.Add(new(path + ".parent", "a unit cannot be its own parent"));
            }
            else if (!index.ContainsKey(u.Parent))
            {
                problems.Add(new(path + ".parent", "unknown unit " + Quote(u.Parent)));
            }

            if (u.ReportsTo is null)
            {
                continue;
            }

            if (string.Equals(u.ReportsTo, u.Id, StringComparison.Ordinal))
            {
                problems.Add(new(path + ".reportsTo", "a unit cannot report to itself"));
            }
            else if (!index.ContainsKey(u.ReportsTo))
            {
                problems.Add(new(path + ".reportsTo", "unknown unit " + Quote(u.ReportsTo)));
            }
            else if (IsBelow(units, index, u.ReportsTo, u.Id))
            {
                problems.Add(new(path + ".reportsTo", Quote(u.ReportsTo) + " is below " + Quote(u.Id) + " in the tree: a unit cannot report to a unit under it"));
            }
        }

        if (roots.Count > 1)
        {
            var first = units[roots[0]].Id;
            foreach (var i in roots.Skip(1))
            {
                problems.Add(new(P("units", i) + ".parent", "a second root: only " + Quote(first) + " may have no parent; set this unit's parent"));
            }
        }

        var cycles = ReportCycles(units, index, problems);
        if (roots.Count == 0 && !cycles)
        {
            problems.Add(new("units", "no root: exactly one unit (the company) must have no parent"));
        }

        return index;
    }

    /// <summary>Whether <paramref name="candidate"/> lies strictly below <paramref name="ancestor"/> (stops on cycles).</summary>
    private static bool IsBelow(IReadOnlyList<OrgUnit> units, Dictionary<string, int> index, string candidate, string ancestor)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var current = units[index[candidate]].Parent;
        while (current is not null && seen.Add(current) && index.TryGetValue(current, out var i))
        {
            if (string.Equals(current, ancestor, StringComparison.Ordinal))
            {
                return true;
            }

            current = units[i].Parent;
        }

        return false;
    }

    /// <summary>Reports each cycle of parent links once, at the unit of the cycle that comes first in the list.</summary>
    private static bool ReportCycles(IReadOnlyList<OrgUnit> units, Dictionary<string, int> index, List<OrgProblem> problems)
    {
        var found = false;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < units.Count; i++)
        {
            var path = new List<string>();
            var onPath = new Dictionary<string, int>(StringComparer.Ordinal);
            var current = units[i].Id;
            while (current is not null && index.TryGetValue(current, out var at) && !reported.Contains(current))
            {
                if (onPath.TryGetValue(current, out var start))
                {
                    var cycle = path.Skip(start).ToList();
                    if (cycle.Count > 1)
                    {
                        var firstIndex = cycle.Min(id => index[id]);
                        var first = units[firstIndex].Id;
                        var rotated = cycle.SkipWhile(id => id != first).Concat(cycle.TakeWhile(id => id != first)).Append(first);
                        problems.Add(new(P("units", firstIndex) + ".parent", "cycle in the tree: " + string.Join(" → ", rotated) + " (each unit's parent, in turn)"));
                        found = true;
                    }

                    foreach (var id in cycle)
                    {
                        reported.Add(id);
                    }

                    break;
                }

                onPath[current] = path.Count;
                path.Add(current);
                var parent = units[at].Parent;
                current = string.Equals(parent, current, StringComparison.Ordinal) ? null : parent;
            }

            foreach (var id in path)
            {
                reported.Add(id);
            }
        }

        return found;
    }

    private static Dictionary<string, OrgFunction> CheckFunctions(IReadOnlyList<OrgFunction> custom, List<OrgProblem> problems)
    {
        var known = OrgCatalog.Functions.ToDictionary(f => f.Id, StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < custom.Count; i++)
        {
            var f = custom[i];
            var path = P("customFunctions", i);
            if (!IsSnakeCase(f.Id))
            {
                problems.Add(new(path + ".id", Quote(f.Id) + " is not a function id: use snake_case (lower-case words joined by '_', at most 64)"));
            }
            else if (OrgCatalog.Contains(f.Id))
            {
                problems.Add(new(path + ".id", Quote(f.Id) + " is a catalog function; a custom function needs another id"));
            }
            else if (!seen.TryAdd(f.Id, i))
            {
                problems.Add(new(path + ".id", "duplicate function id " + Quote(f.Id) + " (also " + P("customFunctions", seen[f.Id]) + ")"));
            }
            else
            {
                known[f.Id] = f;
            }

            if (string.IsNullOrWhiteSpace(f.Name))
            {
                problems.Add(new(path + ".name", "the function needs a name"));
            }
            else
            {
                CheckText(f.Name, path + ".name", problems);
            }

            if (string.IsNullOrWhiteSpace(f.Description))
            {
                problems.Add(new(path + ".description", "the function needs a one-line description"));
            }
            else
            {
                CheckText(f.Description, path + ".description", problems, 500);
            }

            CheckText(f.UsualOwner, path + ".usualOwner", problems);
            if (!Enum.IsDefined(f.Area))
            {
                problems.Add(new(path + ".area", "unknown area; expected " + OrgWords.AreasList));
            }
        }

        return known;
    }

    private static void CheckOwnerships(
        OrgStructure s, Dictionary<string, int> units, Dictionary<string, OrgFunction> functions, List<OrgProblem> problems)
    {
        var pairs = new Dictionary<(string, string), int>();
        var accountable = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < s.Ownerships.Count; i++)
        {
            var o = s.Ownerships[i];
            var path = P("ownerships", i);
            var unitOk = CheckUnitRef(o.Unit, path + ".unit", units, problems);
            var functionOk = CheckFunctionRef(o.Function, path + ".function", functions, problems);
            if (!Enum.IsDefined(o.Role))
            {
                problems.Add(new(path + ".role", "unknown role; expected " + OrgWords.RolesList));
                continue;
            }

            if (!unitOk || !functionOk)
            {
                continue;
            }

            if (!pairs.TryAdd((o.Unit, o.Function), i))
            {
                var other = s.Ownerships[pairs[(o.Unit, o.Function)]];
                problems.Add(new(path, Quote(o.Unit) + " already has a role for " + Quote(o.Function) + " (" + other.Role.Word() + ", "
                    + P("ownerships", pairs[(o.Unit, o.Function)]) + "): one role per unit and function"));
                continue;
            }

            if (o.Role == RaciRole.Accountable && !accountable.TryAdd(o.Function, i))
            {
                var first = s.Ownerships[accountable[o.Function]].Unit;
                problems.Add(new(path + ".role", "a second accountable unit for " + Quote(o.Function) + " (" + Quote(first)
                    + " already is): keep one accountable and make the other consulted"));
            }
        }
    }

    private static void CheckKpis(
        IReadOnlyList<KpiAssignment> kpis, Dictionary<string, int> units, Dictionary<string, OrgFunction> functions, List<OrgProblem> problems)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < kpis.Count; i++)
        {
            var k = kpis[i];
            var path = P("kpis", i);
            if (!IsSnakeCase(k.Kpi))
            {
                problems.Add(new(path + ".kpi", Quote(k.Kpi) + " is not a KPI id: use snake_case"));
            }
            else if (!seen.TryAdd(k.Kpi, i))
            {
                problems.Add(new(path + ".kpi", "duplicate KPI " + Quote(k.Kpi) + " (also " + P("kpis", seen[k.Kpi]) + "): one unit answers for a KPI"));
            }

            CheckFunctionRef(k.Function, path + ".function", functions, problems);
            if (k.Unit is not null)
            {
                CheckUnitRef(k.Unit, path + ".unit", units, problems);
            }
        }
    }

    private static void CheckNeeds(IReadOnlyList<string> needs, Dictionary<string, OrgFunction> functions, List<OrgProblem> problems)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < needs.Count; i++)
        {
            var path = P("needs", i);
            if (CheckFunctionRef(needs[i], path, functions, problems) && !seen.TryAdd(needs[i], i))
            {
                problems.Add(new(path, "duplicate " + Quote(needs[i]) + " (also " + P("needs", seen[needs[i]]) + ")"));
            }
        }
    }

    private static bool CheckUnitRef(string? id, string path, Dictionary<string, int> units, List<OrgProblem> problems)
    {
        if (string.IsNullOrEmpty(id))
        {
            problems.Add(new(path, "a unit id is required"));
            return false;
        }

        if (!units.ContainsKey(id))
        {
            problems.Add(new(path, "unknown unit " + Quote(id)));
            return false;
        }

        return true;
    }

    private static bool CheckFunctionRef(string? id, string path, Dictionary<string, OrgFunction> functions, List<OrgProblem> problems)
    {
        if (string.IsNullOrEmpty(id))
        {
            problems.Add(new(path, "a function id is required"));
            return false;
        }

        if (!functions.ContainsKey(id))
        {
            problems.Add(new(path, "unknown function " + Quote(id) + ": use a catalog id or add it under customFunctions"));
            return false;
        }

        return true;
    }

    private static void CheckText(string? text, string path, List<OrgProblem> problems, int max = MaxTextLength)
    {
        if (text is null)
        {
            return;
        }

        if (text.Length > max)
        {
            problems.Add(new(path, string.Create(CultureInfo.InvariantCulture, $"longer than {max} characters")));
        }

        if (text.Any(char.IsControl))
        {
            problems.Add(new(path, "one line of text expected (no line breaks or control characters)"));
        }
    }

    internal static string P(string list, int i) => string.Create(CultureInfo.InvariantCulture, $"{list}[{i}]");

    internal static string Quote(string? text) => "\"" + text + "\"";
}
