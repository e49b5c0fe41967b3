using System.Runtime.InteropServices;

namespace Mercato.Core.Measurement;

/// <summary>
/// Folds the journeys of one <see cref="JourneyScan"/> into what the models read: distinct paths with their counts (all
/// together or by month), or converting paths with each touch's age. Only the distinct paths leave the fold; a store
/// streams its rows into the scan and returns these.
/// </summary>
public static class JourneyFolds
{
    /// <summary>
    /// The distinct paths with their conversions, revenue, product cost and non-conversions. With
    /// <paramref name="markReturningCustomers"/>, the journeys of users who had converted before carry one extra first
    /// touch, <see cref="JourneyLabels.ReturningCustomer"/>: a lift model fitted on these gives returning customers their
    /// own base rate instead of crediting it to the channels that mostly reach them.
    /// </summary>
    public static JourneyPaths Paths(
        JourneyQuery query, IReadOnlyDictionary<int, string> channelNames, ITouchCursor touches, IConversionCursor conversions,
        bool markReturningCustomers = false)
    {
        var groups = Count(query, channelNames, touches, conversions, byMonth: false, markReturningCustomers);
        return groups.Count == 0 ? JourneyPaths.Empty : groups.Single().Value;
    }

    /// <summary>
    /// The same aggregation split by month in one pass: a converting journey belongs to the month of its conversion, a
    /// non-converting one to the month of its last touch (UTC months).
    /// </summary>
    public static IReadOnlyDictionary<YearMonth, JourneyPaths> PathsByMonth(
        JourneyQuery query, IReadOnlyDictionary<int, string> channelNames, ITouchCursor touches, IConversionCursor conversions,
        bool markReturningCustomers = false) =>
        Count(query, channelNames, touches, conversions, byMonth: true, markReturningCustomers)
            .ToDictionary(k => YearMonth.FromIndex(k.Key), k => k.Value);

    /// <summary>
    /// Converting journeys with each touch's age at the conversion (rounded to the hour), for time decay. With
    /// <paramref name="productCost"/>, each path carries its conversions' product cost in place of their revenue.
    /// </summary>
    public static IReadOnlyList<TimedPath> Timed(
        JourneyQuery query, IReadOnlyDictionary<int, string> channelNames, ITouchCursor touches, IConversionCursor conversions,
        bool productCost = false)
    {
        var counts = new Dictionary<string, (long Conversions, long Amount)>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        var key = new char[256];
        var scan = JourneyScan.Run(query, channelNames, touches, conversions, (in ScannedJourney j) =>
        {
            if (!j.Converted || j.Labels.Length == 0)
            {
                return;
            }

            if (key.Length < 2 * j.Labels.Length)
            {
                key = new char[4 * j.Labels.Length];
            }

            for (var i = 0; i < j.Labels.Length; i++)
            {
                key[2 * i] = (char)j.Labels[i];
                key[(2 * i) + 1] = (char)Math.Round((j.At - j.TouchTimes[i]) / 3_600_000.0, MidpointRounding.AwayFromZero);
            }

            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, key.AsSpan(0, 2 * j.Labels.Length), out _);
            entry.Conversions++;
            entry.Amount += productCost ? j.Cost : j.Revenue;
        });
        return counts.Select(c => new TimedPath(
                Enumerable.Range(0, c.Key.Length / 2).Select(i => new TimedTouch(scan.Labels[c.Key[2 * i]], c.Key[(2 * i) + 1] / 24.0)).ToList(),
                c.Value.Conversions,
                StoredMoney.FromUnits(c.Value.Amount)))
            .ToList();
    }

    private struct PathCount
    {
        public long Conversions;
        public long Revenue;
        public long Cost;
        public long NonConversions;
    }

    /// <summary>
    /// Folds the scan's journeys into distinct paths, keyed by a string of label codes (code + 1; 0 marks a returning
    /// customer), after one char holding the month's index when <paramref name="byMonth"/>.
    /// </summary>
    private static Dictionary<int, JourneyPaths> Count(
        JourneyQuery query, IReadOnlyDictionary<int, string> channelNames, ITouchCursor touches, IConversionCursor conversions,
        bool byMonth, bool markReturning)
    {
        var counts = new Dictionary<string, PathCount>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        var key = new char[256];
        var scan = JourneyScan.Run(query, channelNames, touches, conversions, (in ScannedJourney j) =>
        {
            if (key.Length < j.Labels.Length + 2)
            {
                key = new char[(2 * j.Labels.Length) + 2];
            }

            var at = 0;
            if (byMonth)
            {
                key[at++] = (char)MonthOf(j.At).Index;
            }

            if (markReturning && j.Repeat && j.Labels.Length > 0)
            {
                key[at++] = '\0';
            }

            foreach (var label in j.Labels)
            {
                key[at++] = (char)(label + 1);
            }

            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, key.AsSpan(0, at), out _);
            if (j.Converted)
            {
                entry.Conversions++;
                entry.Revenue += j.Revenue;
                entry.Cost += j.Cost;
            }
            else
            {
                entry.NonConversions++;
            }
        });

        // Insertion order (the scan's order) keeps the output deterministic without sorting.
        var prefix = byMonth ? 1 : 0;
        var groups = new Dictionary<int, PathsBuilder>();
        foreach (var (path, count) in counts)
        {
            var group = byMonth ? path[0] : 0;
            if (!groups.TryGetValue(group, out var builder))
            {
                groups[group] = builder = new PathsBuilder();
            }

            if (path.Length == prefix)
            {
                builder.Bare += count.Conversions;
                builder.BareRevenue += count.Revenue;
                continue;
            }

            var labels = new string[path.Length - prefix];
            for (var i = 0; i < labels.Length; i++)
            {
                var code = path[prefix + i];
                labels[i] = code == '\0' ? JourneyLabels.ReturningCustomer : scan.Labels[code - 1];
            }

            builder.Paths.Add(new JourneyPath(labels, count.Conversions, StoredMoney.FromUnits(count.Revenue), count.NonConversions));
            builder.Costs.Add(StoredMoney.FromUnits(count.Cost));
        }

        return groups.ToDictionary(g => g.Key, g => new JourneyPaths(g.Value.Paths, g.Value.Costs, g.Value.Bare, StoredMoney.FromUnits(g.Value.BareRevenue)));
    }

    private sealed class PathsBuilder
    {
        public List<JourneyPath> Paths { get; } = [];

        public List<decimal> Costs { get; } = [];

        public long Bare { get; set; }

        public long BareRevenue { get; set; }
    }

    private static YearMonth MonthOf(long unixMillis) =>
        YearMonth.Of(DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(unixMillis).UtcDateTime));
}
