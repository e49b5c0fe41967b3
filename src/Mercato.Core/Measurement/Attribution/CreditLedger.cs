using System.Globalization;

namespace Mercato.Core.Measurement.Attribution;

/// <summary>
/// Accumulates credits per label while a model walks the paths, and checks the paths on the way in. Every label it is
/// shown is listed in the result (with zero credit if nothing was credited to it); labels it never saw are absent.
/// </summary>
internal sealed class CreditLedger
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _labels = [];
    private readonly List<double> _conversions = [];
    private readonly List<double> _revenue = [];

    public long TotalConversions { get; private set; }

    public decimal TotalRevenue { get; private set; }

    public int Count => _labels.Count;

    public string Label(int id) => _labels[id];

    /// <summary>The id of a label, registering it (with zero credit) the first time.</summary>
    public int Id(string label)
    {
        if (!_ids.TryGetValue(label, out var id))
        {
            id = _labels.Count;
            _ids.Add(label, id);
            _labels.Add(label);
            _conversions.Add(0);
            _revenue.Add(0);
        }

        return id;
    }

    public void Add(int id, double conversions, double revenue)
    {
        _conversions[id] += conversions;
        _revenue[id] += revenue;
    }

    /// <summary>Checks a path, registers its labels and adds its conversions and revenue to the totals.</summary>
    public void Register(JourneyPath path, int index)
    {
        if (path is null)
        {
            throw new ArgumentException(Message(index, "is null"), "paths");
        }

        CheckCounts(path.Conversions, path.Revenue, index, "paths");
        if (path.NonConversions < 0)
        {
            throw new ArgumentException(Message(index, "has negative non-conversions"), "paths");
        }

        if (path.Touches is null || path.Touches.Count == 0)
        {
            throw new ArgumentException(
                Message(index, "has no touches; conversions without touches have no one to credit and are reported apart"), "paths");
        }

        foreach (var label in path.Touches)
        {
            Id(CheckLabel(label, index, "paths"));
        }

        AddTotals(path.Conversions, path.Revenue);
    }

    /// <summary>Checks a timed path, registers its labels and adds its conversions and revenue to the totals.</summary>
    public void Register(TimedPath path, int index)
    {
        if (path is null)
        {
            throw new ArgumentException(Message(index, "is null"), "timedPaths");
        }

        CheckCounts(path.Conversions, path.Revenue, index, "timedPaths");
        if (path.Touches is null || path.Touches.Count == 0)
        {
            throw new ArgumentException(
                Message(index, "has no touches; conversions without touches have no one to credit and are reported apart"), "timedPaths");
        }

        foreach (var touch in path.Touches)
        {
            Id(CheckLabel(touch.Label, index, "timedPaths"));
            if (!(touch.AgeDays >= 0) || double.IsInfinity(touch.AgeDays))
            {
                throw new ArgumentException(Message(index, "has a touch whose age is negative or not a finite number"), "timedPaths");
            }
        }

        AddTotals(path.Conversions, path.Revenue);
    }

    /// <summary>The credits sorted by label (ordinal), every registered label present.</summary>
    public AttributionResult ToResult(string model)
    {
        var credits = new Credit[_labels.Count];
        for (var i = 0; i < credits.Length; i++)
        {
            credits[i] = new Credit(_labels[i], _conversions[i], _revenue[i]);
        }

        Array.Sort(credits, (a, b) => string.CompareOrdinal(a.Label, b.Label));
        return new AttributionResult(model, TotalConversions, TotalRevenue, credits);
    }

    /// <summary>Label ids in ordinal order of their labels.</summary>
    public int[] SortedIds()
    {
        var ids = Enumerable.Range(0, _labels.Count).ToArray();
        Array.Sort(ids, (a, b) => string.CompareOrdinal(_labels[a], _labels[b]));
        return ids;
    }

    private void AddTotals(long conversions, decimal revenue)
    {
        TotalConversions = checked(TotalConversions + conversions);
        TotalRevenue += revenue;
    }

    private static void CheckCounts(long conversions, decimal revenue, int index, string parameter)
    {
        if (conversions < 0)
        {
            throw new ArgumentException(Message(index, "has negative conversions"), parameter);
        }

        if (revenue < 0)
        {
            throw new ArgumentException(Message(index, "has negative revenue"), parameter);
        }

        if (conversions == 0 && revenue != 0)
        {
            throw new ArgumentException(Message(index, "has revenue but no conversions"), parameter);
        }
    }

    private static string CheckLabel(string label, int index, string parameter) => string.IsNullOrEmpty(label)
        ? throw new ArgumentException(Message(index, "has a touch without a label"), parameter)
        : label;

    private static string Message(int index, string problem) =>
        string.Create(CultureInfo.InvariantCulture, $"Path {index} {problem}.");
}
