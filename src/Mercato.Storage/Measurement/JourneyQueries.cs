using System.Runtime.InteropServices;
using Mercato.Core.DataCenter;
using Mercato.Core.Measurement;
using Mercato.Storage.Sqlite;

namespace Mercato.Storage.Measurement;

/// <summary>What a journey's touches are labelled by.</summary>
public enum JourneyLabel
{
    /// <summary>The touch's channel name.</summary>
    Channel,

    /// <summary>The touch's campaign code, or <see cref="JourneyQueries.NoCampaign"/>.</summary>
    Campaign,

    /// <summary>
    /// The touch's referral code, normalized (<see cref="Mercato.Core.Campaigns.Referrals.Normalize"/>) after
    /// <see cref="JourneyQueries.ReferralPrefix"/>, for touches that carry one; the channel name otherwise.
    /// </summary>
    Referral,
}

/// <summary>Which journeys to aggregate.</summary>
/// <param name="From">First day of conversions (and of non-converting touches) counted, inclusive; null for all.</param>
/// <param name="To">Last day, inclusive; null for all.</param>
/// <param name="LookbackDays">How far before a conversion a touch still belongs to its journey.</param>
/// <param name="Label">Channels, campaigns, or referral codes (channels for touches without one).</param>
public sealed record JourneyQuery(DateOnly? From = null, DateOnly? To = null, int LookbackDays = 30, JourneyLabel Label = JourneyLabel.Channel);

/// <summary>Journeys aggregated to distinct paths, plus the conversions no touch led to.</summary>
/// <param name="Paths">The distinct paths.</param>
/// <param name="ProductCosts">The product cost of each path's conversions, in the order of <paramref name="Paths"/>.</param>
/// <param name="ConversionsWithoutTouches">Conversions with no touch in their lookback window.</param>
/// <param name="RevenueWithoutTouches">Their revenue.</param>
public sealed record JourneyPaths(
    IReadOnlyList<JourneyPath> Paths, IReadOnlyList<decimal> ProductCosts, long ConversionsWithoutTouches, decimal RevenueWithoutTouches)
{
    /// <summary>The same paths with each path's product cost in place of its revenue: attributing these splits product cost
    /// exactly as the revenue is split.</summary>
    public IReadOnlyList<JourneyPath> CostPaths() => Paths.Select((p, i) => p with { Revenue = ProductCosts[i] }).ToList();
}

/// <summary>
/// Aggregates journeys to distinct paths with their counts. The journeys come from one ordered pass over the store
/// (<see cref="JourneyScan"/>); only the distinct paths reach the models. Journey rules are in <see cref="JourneyScan"/>
/// and docs/measurement.md; workspace days are UTC days here.
/// </summary>
public sealed class JourneyQueries(MercatoStore store)
{
    /// <summary>The label of touches without a campaign.</summary>
    public const string NoCampaign = "(no campaign)";

    /// <summary>
    /// What the labels of referral touches start with under <see cref="JourneyLabel.Referral"/>: <c>ref:LI-NA-7</c>. The
    /// prefix keeps a code apart from a channel of the same name (and from <c>direct</c> for last-non-direct); a code's
    /// label equals a channel's only if that channel is itself named <c>ref:CODE</c>.
    /// </summary>
    public const string ReferralPrefix = Mercato.Core.Campaigns.Referrals.LabelPrefix;

    /// <summary>The referral code of a <see cref="JourneyLabel.Referral"/> label, or null for a channel's label.</summary>
    public static string? ReferralCodeOf(string label) => Mercato.Core.Campaigns.Referrals.CodeOfLabel(label);

    /// <summary>The label put first on the paths of returning customers by <see cref="PathsMarkingReturningCustomers"/>.</summary>
    public const string ReturningCustomer = "(returning customer)";

    /// <summary>The distinct paths with their conversions, revenue and non-conversions.</summary>
    public JourneyPaths Paths(JourneyQuery query) => Single(Count(query, byMonth: false, markReturning: false));

    /// <summary>
    /// The paths with one extra first touch, <see cref="ReturningCustomer"/>, on the journeys of users who had converted
    /// before (repeat journeys). A lift model fitted on these gives returning customers their own base rate instead of
    /// crediting it to the channels that mostly reach them.
    /// </summary>
    public JourneyPaths PathsMarkingReturningCustomers(JourneyQuery query) => Single(Count(query, byMonth: false, markReturning: true));

    /// <summary>
    /// The same aggregation split by month in one pass: a converting journey belongs to the month of its conversion, a
    /// non-converting one to the month of its last touch (UTC months).
    /// </summary>
    /// <param name="query">Which journeys.</param>
    /// <param name="markReturningCustomers">Put <see cref="ReturningCustomer"/> first on repeat journeys, as
    /// <see cref="PathsMarkingReturningCustomers"/> does.</param>
    public IReadOnlyDictionary<YearMonth, JourneyPaths> PathsByMonth(JourneyQuery query, bool markReturningCustomers = false) =>
        Count(query, byMonth: true, markReturning: markReturningCustomers).ToDictionary(k => YearMonth.FromIndex(k.Key), k => k.Value);

    /// <summary>
    /// Converting journeys with each touch's age at the conversion (rounded to the hour), for time decay. With
    /// <paramref name="productCost"/>, each path carries its conversions' product cost in place of their revenue.
    /// </summary>
    public IReadOnlyList<TimedPath> TimedPaths(JourneyQuery query, bool productCost = false)
    {
        var counts = new Dictionary<string, (long Conversions, long Amount)>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        char[] key = new char[256];
        using var connection = store.OpenConnection();
        var scan = JourneyScan.Run(connection, query, (in ScannedJourney j) =>
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
                Money.FromStore(c.Value.Amount)))
            .ToList();
    }

    private static JourneyPaths Single(Dictionary<int, JourneyPaths> groups) =>
        groups.Count == 0 ? new JourneyPaths([], [], 0, 0m) : groups.Single().Value;

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
    private Dictionary<int, JourneyPaths> Count(JourneyQuery query, bool byMonth, bool markReturning)
    {
        var counts = new Dictionary<string, PathCount>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        var key = new char[256];
        using var connection = store.OpenConnection();
        var scan = JourneyScan.Run(connection, query, (in ScannedJourney j) =>
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
                labels[i] = code == '\0' ? ReturningCustomer : scan.Labels[code - 1];
            }

            builder.Paths.Add(new JourneyPath(labels, count.Conversions, Money.FromStore(count.Revenue), count.NonConversions));
            builder.Costs.Add(Money.FromStore(count.Cost));
        }

        return groups.ToDictionary(g => g.Key, g => new JourneyPaths(g.Value.Paths, g.Value.Costs, g.Value.Bare, Money.FromStore(g.Value.BareRevenue)));
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
