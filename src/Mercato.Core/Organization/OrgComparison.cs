using System.Text.Json.Serialization;

namespace Mercato.Core.Organization;

/// <summary>What happens to a function between two structures; written in snake_case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComparisonVerdict>))]
public enum ComparisonVerdict
{
    /// <summary>One unit of the same name is responsible in both.</summary>
    [JsonStringEnumMemberName("same")]
    Same,

    /// <summary>One unit is responsible in each, under different names: the work moves.</summary>
    [JsonStringEnumMemberName("moved")]
    Moved,

    /// <summary>Nobody is responsible in A (a gap), somebody is in B.</summary>
    [JsonStringEnumMemberName("added_owner")]
    AddedOwner,

    /// <summary>Somebody is responsible in A, nobody in B (a gap).</summary>
    [JsonStringEnumMemberName("removed_owner")]
    RemovedOwner,

    /// <summary>More than one unit is responsible in A or in B (an overlap on at least one side).</summary>
    [JsonStringEnumMemberName("split")]
    Split,

    /// <summary>Nobody is responsible in either.</summary>
    [JsonStringEnumMemberName("unowned")]
    Unowned,
}

/// <summary>One function in two structures.</summary>
/// <param name="Function">The function's id.</param>
/// <param name="Name">The function's name.</param>
/// <param name="InA">The names of the units responsible in A, in unit order.</param>
/// <param name="InB">The names of the units responsible in B, in unit order.</param>
/// <param name="Verdict">Same, moved, added owner, removed owner, split or unowned.</param>
/// <param name="Reason">The comparison: a code per verdict (<see cref="OrgCodes.ComparisonSame"/>, ...) with the function's and structures' names and the units.</param>
public sealed record FunctionComparison(
    string Function, string Name, IReadOnlyList<string> InA, IReadOnlyList<string> InB, ComparisonVerdict Verdict, Message Reason);

/// <summary>Two structures side by side, function by function (catalog order, then custom functions by id).</summary>
/// <param name="A">The first structure's name.</param>
/// <param name="B">The second structure's name.</param>
/// <param name="Functions">Every function either structure needs or has a responsible unit for.</param>
public sealed record StructureComparison(string A, string B, IReadOnlyList<FunctionComparison> Functions)
{
    /// <summary>How many functions got each verdict.</summary>
    public IReadOnlyDictionary<ComparisonVerdict, int> Counts =>
        Enum.GetValues<ComparisonVerdict>().ToDictionary(v => v, v => Functions.Count(f => f.Verdict == v));
}

/// <summary>
/// Compares who is responsible for each function in two structures. Units are matched by name (case-insensitive), not
/// by id: two companies' ids mean nothing to each other, their names are what people read.
/// </summary>
public static class OrgComparison
{
    /// <summary>Compares <paramref name="a"/> with <paramref name="b"/> (for example company A against the recommended structure).</summary>
    public static StructureComparison Compare(OrgStructure a, OrgStructure b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var functions = a.AllFunctions.Concat(b.CustomFunctions)
            .DistinctBy(f => f.Id, StringComparer.Ordinal)
            .Where(f => a.Needs.Contains(f.Id) || b.Needs.Contains(f.Id) || a.Responsible(f.Id).Count > 0 || b.Responsible(f.Id).Count > 0)
            .OrderBy(f => OrgCatalog.Position(f.Id))
            .ThenBy(f => f.Id, StringComparer.Ordinal);
        var rows = new List<FunctionComparison>();
        foreach (var f in functions)
        {
            var inA = Names(a, f.Id);
            var inB = Names(b, f.Id);
            var (verdict, reason) = Judge(f.Name, a.Name, inA, b.Name, inB);
            rows.Add(new FunctionComparison(f.Id, f.Name, inA, inB, verdict, reason));
        }

        return new StructureComparison(a.Name, b.Name, rows);
    }

    private static List<string> Names(OrgStructure s, string function) =>
        [.. s.Responsible(function).Select(id => s.FindUnit(id)!.Name).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static (ComparisonVerdict, Message) Judge(string function, string nameA, List<string> a, string nameB, List<string> b)
    {
        var (verdict, code) =
            a.Count == 0 && b.Count == 0 ? (ComparisonVerdict.Unowned, OrgCodes.ComparisonUnowned)
            : a.Count == 0 ? (ComparisonVerdict.AddedOwner, OrgCodes.ComparisonAddedOwner)
            : b.Count == 0 ? (ComparisonVerdict.RemovedOwner, OrgCodes.ComparisonRemovedOwner)
            : a.Count > 1 || b.Count > 1 ? (ComparisonVerdict.Split, OrgCodes.ComparisonSplit)
            : string.Equals(a[0], b[0], StringComparison.OrdinalIgnoreCase) ? (ComparisonVerdict.Same, OrgCodes.ComparisonSame)
            : (ComparisonVerdict.Moved, OrgCodes.ComparisonMoved);
        return (verdict, Message.Of(code, ("function", function), ("a", nameA), ("b", nameB), ("in_a", a), ("in_b", b)));
    }
}
