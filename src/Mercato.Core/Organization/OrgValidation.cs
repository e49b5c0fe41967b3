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
            problems.Add(new("name", CommonCodes.Required));
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
            problems.Add(new("units", OrgCodes.NoUnits));
            return index;
        }

        for (var i = 0; i < units.Count; i++)
        {
            var u = units[i];
            var path = P("units", i);
            if (!IsUnitId(u.Id))
            {
                problems.Add(OrgProblem.Of(path + ".id", CommonCodes.NotSlug, ("value", u.Id), ("max", MaxIdLength)));
            }
            else if (!index.TryAdd(u.Id, i))
            {
                problems.Add(OrgProblem.Of(path + ".id", CommonCodes.DuplicateAt, ("value", u.Id), ("other", P("units", index[u.Id]))));
            }

            if (string.IsNullOrWhiteSpace(u.Name))
            {
                problems.Add(new(path + ".name", CommonCodes.Required));
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
                problems.Add(OrgProblem.Of(path + ".kind", CommonCodes.UnknownChoice, ("expected", OrgWords.KindWordList)));
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
                problems.Add(new(path + ".parent", OrgCodes.OwnParent));
            }
            else if (!index.ContainsKey(u.Parent))
            {
                problems.Add(OrgProblem.Of(path + ".parent", OrgCodes.UnknownUnit, ("unit", u.Parent)));
            }

            if (u.ReportsTo is null)
            {
                continue;
            }

            if (string.Equals(u.ReportsTo, u.Id, StringComparison.Ordinal))
            {
                problems.Add(new(path + ".reportsTo", OrgCodes.ReportsToItself));
            }
            else if (!index.ContainsKey(u.ReportsTo))
            {
                problems.Add(OrgProblem.Of(path + ".reportsTo", OrgCodes.UnknownUnit, ("unit", u.ReportsTo)));
            }
            else if (IsBelow(units, index, u.ReportsTo, u.Id))
            {
                problems.Add(OrgProblem.Of(path + ".reportsTo", OrgCodes.ReportsToBelow, ("target", u.ReportsTo), ("unit", u.Id)));
            }
        }

        if (roots.Count > 1)
        {
            var first = units[roots[0]].Id;
            foreach (var i in roots.Skip(1))
            {
                problems.Add(OrgProblem.Of(P("units", i) + ".parent", OrgCodes.SecondRoot, ("root", first)));
            }
        }

        var cycles = ReportCycles(units, index, problems);
        if (roots.Count == 0 && !cycles)
        {
            problems.Add(new("units", OrgCodes.NoRoot));
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
                        problems.Add(OrgProblem.Of(P("units", firstIndex) + ".parent", OrgCodes.ParentCycle, ("units", rotated)));
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
                problems.Add(OrgProblem.Of(path + ".id", CommonCodes.NotSnakeCase, ("value", f.Id), ("max", MaxIdLength)));
            }
            else if (OrgCatalog.Contains(f.Id))
            {
                problems.Add(OrgProblem.Of(path + ".id", OrgCodes.CatalogFunctionId, ("value", f.Id)));
            }
            else if (!seen.TryAdd(f.Id, i))
            {
                problems.Add(OrgProblem.Of(path + ".id", CommonCodes.DuplicateAt, ("value", f.Id), ("other", P("customFunctions", seen[f.Id]))));
            }
            else
            {
                known[f.Id] = f;
            }

            if (string.IsNullOrWhiteSpace(f.Name))
            {
                problems.Add(new(path + ".name", CommonCodes.Required));
            }
            else
            {
                CheckText(f.Name, path + ".name", problems);
            }

            if (string.IsNullOrWhiteSpace(f.Description))
            {
                problems.Add(new(path + ".description", CommonCodes.Required));
            }
            else
            {
                CheckText(f.Description, path + ".description", problems, 500);
            }

            CheckText(f.UsualOwner, path + ".usualOwner", problems);
            if (!Enum.IsDefined(f.Area))
            {
                problems.Add(OrgProblem.Of(path + ".area", CommonCodes.UnknownChoice, ("expected", OrgWords.AreaWordList)));
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
                problems.Add(OrgProblem.Of(path + ".role", CommonCodes.UnknownChoice, ("expected", OrgWords.RoleWordList)));
                continue;
            }

            if (!unitOk || !functionOk)
            {
                continue;
            }

            if (!pairs.TryAdd((o.Unit, o.Function), i))
            {
                var other = s.Ownerships[pairs[(o.Unit, o.Function)]];
                problems.Add(OrgProblem.Of(path, OrgCodes.RoleTwice, ("unit", o.Unit), ("function", o.Function), ("role", other.Role.Word()),
                    ("other", P("ownerships", pairs[(o.Unit, o.Function)]))));
                continue;
            }

            if (o.Role == RaciRole.Accountable && !accountable.TryAdd(o.Function, i))
            {
                var first = s.Ownerships[accountable[o.Function]].Unit;
                problems.Add(OrgProblem.Of(path + ".role", OrgCodes.SecondAccountable, ("function", o.Function), ("unit", first)));
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
                problems.Add(OrgProblem.Of(path + ".kpi", CommonCodes.NotSnakeCase, ("value", k.Kpi), ("max", MaxIdLength)));
            }
            else if (!seen.TryAdd(k.Kpi, i))
            {
                problems.Add(OrgProblem.Of(path + ".kpi", OrgCodes.KpiTwice, ("value", k.Kpi), ("other", P("kpis", seen[k.Kpi]))));
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
                problems.Add(OrgProblem.Of(path, CommonCodes.DuplicateAt, ("value", needs[i]), ("other", P("needs", seen[needs[i]]))));
            }
        }
    }

    private static bool CheckUnitRef(string? id, string path, Dictionary<string, int> units, List<OrgProblem> problems)
    {
        if (string.IsNullOrEmpty(id))
        {
            problems.Add(new(path, CommonCodes.Required));
            return false;
        }

        if (!units.ContainsKey(id))
        {
            problems.Add(OrgProblem.Of(path, OrgCodes.UnknownUnit, ("unit", id)));
            return false;
        }

        return true;
    }

    private static bool CheckFunctionRef(string? id, string path, Dictionary<string, OrgFunction> functions, List<OrgProblem> problems)
    {
        if (string.IsNullOrEmpty(id))
        {
            problems.Add(new(path, CommonCodes.Required));
            return false;
        }

        if (!functions.ContainsKey(id))
        {
            problems.Add(OrgProblem.Of(path, OrgCodes.UnknownFunction, ("function", id)));
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
            problems.Add(OrgProblem.Of(path, CommonCodes.TextTooLong, ("max", max)));
        }

        if (text.Any(char.IsControl))
        {
            problems.Add(new(path, CommonCodes.ControlCharacters));
        }
    }

    internal static string P(string list, int i) => string.Create(CultureInfo.InvariantCulture, $"{list}[{i}]");
}
