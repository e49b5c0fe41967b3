using Mercato.Core.Measurement;

namespace Mercato.Storage.ClickHouse;

/// <summary>
/// The sums ROI and the mix model read, computed in ClickHouse over the last version of each key: spend per channel and
/// month or day, costs per month and channel, conversions per day, and the months holding data. ClickHouse sums per
/// channel id; the names come from the channel catalog here (no query joins facts to documents). On a cluster each shard
/// sums its own rows and the sums are added here (a key lives on one shard).
/// </summary>
internal sealed class ClickHouseChannelMoney(ClickHouseFactStore store) : IChannelMoneyReader
{
    public async Task<IReadOnlyList<ChannelMonthSpend>> SpendAsync(YearMonth? from, YearMonth? to, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT s.2, substring(s.1, 1, 7) AS month, sum(ifNull(s.3, 0)), sum(ifNull(s.4, 0)), sum(ifNull(s.5, 0))
            FROM ({store.Latest("spend", "day, channel_id, spend, impressions, clicks")})
            WHERE 1{ClickHouseReads.Range("month", from, to)}
            GROUP BY s.2, month
            """;
        var sums = new Dictionary<(long Channel, string Month), (long Spend, long Impressions, long Clicks)>();
        foreach (var row in await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
        {
            var key = (ClickHouseFactStore.Int(row[0]), row[1]!);
            var s = sums.TryGetValue(key, out var x) ? x : default;
            sums[key] = (s.Spend + ClickHouseFactStore.Int(row[2]), s.Impressions + ClickHouseFactStore.Int(row[3]), s.Clicks + ClickHouseFactStore.Int(row[4]));
        }

        var names = await store.Channels.NamesAsync(cancellationToken).ConfigureAwait(false);
        return [.. sums.Select(s => (Name: ClickHouseReads.Name(names, s.Key.Channel), s.Key.Month, s.Value))
            .OrderBy(s => s.Month, StringComparer.Ordinal).ThenBy(s => s.Name, ClickHouseReads.Bytewise.Instance)
            .Select(s => new ChannelMonthSpend(s.Name, ClickHouseReads.Month(s.Month), StoredMoney.FromUnits(s.Value.Spend), s.Value.Impressions, s.Value.Clicks))];
    }

    public async Task<IReadOnlyList<MonthCost>> CostsAsync(YearMonth? from, YearMonth? to, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT k.1 AS month, k.2, sum(ifNull(k.3, 0))
            FROM ({store.Latest("costs", "month, channel_id, amount", "k")})
            WHERE 1{ClickHouseReads.Range("month", from, to)}
            GROUP BY month, k.2
            """;
        var sums = new Dictionary<(string Month, long? Channel), long>();
        foreach (var row in await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
        {
            var key = (row[0]!, ClickHouseFactStore.NullableInt(row[1]));
            sums[key] = (sums.TryGetValue(key, out var x) ? x : 0) + ClickHouseFactStore.Int(row[2]);
        }

        var names = await store.Channels.NamesAsync(cancellationToken).ConfigureAwait(false);
        return [.. sums.Select(s => (s.Key.Month, Name: s.Key.Channel is { } id ? ClickHouseReads.Name(names, id) : null, Amount: s.Value))
            .OrderBy(s => s.Month, StringComparer.Ordinal).ThenBy(s => s.Name, ClickHouseReads.Bytewise.Instance)
            .Select(s => new MonthCost(ClickHouseReads.Month(s.Month), s.Name, StoredMoney.FromUnits(s.Amount)))];
    }

    public async Task<IReadOnlyList<ChannelDaySpend>> DailySpendAsync(CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT s.1, s.2, sum(ifNull(s.3, 0))
            FROM ({store.Latest("spend", "day, channel_id, spend")})
            GROUP BY s.1, s.2
            """;
        var sums = new Dictionary<(string Day, long Channel), long>();
        foreach (var row in await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
        {
            var key = (row[0]!, ClickHouseFactStore.Int(row[1]));
            sums[key] = (sums.TryGetValue(key, out var x) ? x : 0) + ClickHouseFactStore.Int(row[2]);
        }

        var names = await store.Channels.NamesAsync(cancellationToken).ConfigureAwait(false);
        return [.. sums.Select(s => (s.Key.Day, Name: ClickHouseReads.Name(names, s.Key.Channel), s.Value))
            .OrderBy(s => s.Day, StringComparer.Ordinal).ThenBy(s => s.Name, ClickHouseReads.Bytewise.Instance)
            .Select(s => new ChannelDaySpend(ClickHouseReads.Day(s.Day), s.Name, StoredMoney.FromUnits(s.Value)))];
    }

    public async Task<IReadOnlyList<DayOutcome>> DailyOutcomesAsync(CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT {ClickHouseReads.UtcDay("c.1")} AS day, count(), sum(c.2), sum(ifNull(c.3, 0))
            FROM ({store.Latest("conversions", "ts, revenue, cost", "c")})
            GROUP BY day
            """;
        var sums = new SortedDictionary<string, (long Conversions, long Revenue, long Cost)>(StringComparer.Ordinal);
        foreach (var row in await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
        {
            var s = sums.TryGetValue(row[0]!, out var x) ? x : default;
            sums[row[0]!] = (s.Conversions + ClickHouseFactStore.Int(row[1]), s.Revenue + ClickHouseFactStore.Int(row[2]), s.Cost + ClickHouseFactStore.Int(row[3]));
        }

        return [.. sums.Select(s => new DayOutcome(ClickHouseReads.Day(s.Key), s.Value.Conversions, StoredMoney.FromUnits(s.Value.Revenue), StoredMoney.FromUnits(s.Value.Cost)))];
    }

    public async Task<IReadOnlyList<YearMonth>> MonthsAsync(CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT DISTINCT substring(s.1, 1, 7) FROM ({store.Latest("spend", "day")})
            UNION ALL SELECT DISTINCT s.1 FROM ({store.Latest("costs", "month")})
            UNION ALL SELECT DISTINCT substring({ClickHouseReads.UtcDay("s.1")}, 1, 7) FROM ({store.Latest("conversions", "ts")})
            """;
        var months = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var row in await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
        {
            months.Add(row[0]!);
        }

        return [.. months.Select(ClickHouseReads.Month)];
    }
}
