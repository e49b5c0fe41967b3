using Mercato.Core.Measurement;
using Mercato.Core.Measurement.Cohorts;

namespace Mercato.Storage.ClickHouse;

/// <summary>
/// Acquisition cohorts (<see cref="ICohortReader"/>) computed in ClickHouse over the last version of each key. A user's
/// conversions and touchpoints are on one shard, so each node computes its users' cohorts (first conversion, its UTC
/// month, the channel of the last touch at or before it within the lookback, of two at that instant the lower channel
/// id, as the embedded store picks it) and sums sizes and profits per cohort and channel id; the sums are added and the
/// channels named here.
/// </summary>
internal sealed class ClickHouseCohortReader(ClickHouseFactStore store) : ICohortReader
{
    public async Task<CohortData> CohortsAsync(int lookbackDays, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lookbackDays);
        var lookback = ClickHouseSql.Literal(lookbackDays * 86_400_000L);
        // Per user with a conversion: the first conversion's instant, and every conversion's UTC month index and profit.
        var users = $"""
            SELECT c.1 AS user_id, min(c.2) AS first_ts,
                   groupArray({MonthIndex("c.2")}) AS months, groupArray(c.3 - ifNull(c.4, 0)) AS profits
            FROM ({store.Latest("conversions", "user_id, ts, revenue, cost", "c")})
            GROUP BY user_id
            """;
        var firsts = $"SELECT c.1 AS user_id, min(c.2) AS first_ts FROM ({store.Latest("conversions", "user_id, ts", "c")}) GROUP BY user_id";
        // The last touch in [first - lookback, first]; argMax by (ts, -channel) keeps the lower channel id of a tie.
        var lastTouch = $"""
            SELECT user_id, argMax(channel, tuple(ts, -channel)) AS channel, toUInt8(1) AS touched
            FROM (SELECT t.1 AS user_id, t.2 AS ts, t.3 AS channel FROM ({store.Latest("touchpoints", "user_id, ts, channel_id", "t")}))
            ANY INNER JOIN ({firsts}) USING user_id
            WHERE ts <= first_ts AND ts >= first_ts - {lookback}
            GROUP BY user_id
            """;
        var acquired = $"""
            SELECT user_id, substring({ClickHouseReads.UtcDay("first_ts")}, 1, 7) AS cohort, {MonthIndex("first_ts")} AS cohort_index,
                   touched, channel, months, profits
            FROM ({users}) ANY LEFT JOIN ({lastTouch}) USING user_id
            """;

        var sizes = new Dictionary<(string Cohort, string Channel), long>();
        var profits = new Dictionary<(string Cohort, string Channel, long Offset), long>();
        var names = await store.Channels.NamesAsync(cancellationToken).ConfigureAwait(false);
        string ChannelOf(string? touched, string? channel) =>
            ClickHouseFactStore.Int(touched) == 1 ? ClickHouseReads.Name(names, ClickHouseFactStore.Int(channel)) : CohortLabels.NoTouch;

        foreach (var row in await store.AllNodesAsync(
                     $"SELECT cohort, touched, channel, count() FROM ({acquired}) GROUP BY cohort, touched, channel", cancellationToken).ConfigureAwait(false))
        {
            var key = (row[0]!, ChannelOf(row[1], row[2]));
            sizes[key] = sizes.GetValueOrDefault(key) + ClickHouseFactStore.Int(row[3]);
        }

        foreach (var row in await store.AllNodesAsync(
                     $"""
                     SELECT cohort, touched, channel, month - cohort_index AS month_offset, sum(profit)
                     FROM ({acquired}) ARRAY JOIN months AS month, profits AS profit
                     GROUP BY cohort, touched, channel, month_offset
                     """, cancellationToken).ConfigureAwait(false))
        {
            var key = (row[0]!, ChannelOf(row[1], row[2]), ClickHouseFactStore.Int(row[3]));
            profits[key] = profits.GetValueOrDefault(key) + ClickHouseFactStore.Int(row[4]);
        }

        return new CohortData(
            [.. sizes.OrderBy(s => s.Key.Cohort, StringComparer.Ordinal).ThenBy(s => s.Key.Channel, ClickHouseReads.Bytewise.Instance)
                .Select(s => new CohortSize(ClickHouseReads.Month(s.Key.Cohort), s.Key.Channel, s.Value))],
            [.. profits.OrderBy(p => p.Key.Cohort, StringComparer.Ordinal).ThenBy(p => p.Key.Channel, ClickHouseReads.Bytewise.Instance).ThenBy(p => p.Key.Offset)
                .Select(p => new CohortProfit(ClickHouseReads.Month(p.Key.Cohort), p.Key.Channel, (int)p.Key.Offset, StoredMoney.FromUnits(p.Value)))]);
    }

    /// <summary>Year × 12 + month of the UTC instant in ms held by <paramref name="millis"/>, as the relational stores number months.</summary>
    private static string MonthIndex(string millis) =>
        $"(toYear(toDateTime(intDiv({millis}, 1000), 'UTC')) * 12 + toMonth(toDateTime(intDiv({millis}, 1000), 'UTC')))";
}
