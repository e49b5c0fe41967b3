using System.Globalization;
using System.Text;
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
    private const string DayOfTs = "toString(toDate(toDateTime(intDiv(ts, 1000), 'UTC'), 'UTC'))";

    public async Task<IReadOnlyList<ChannelMonthSpend>> SpendAsync(YearMonth? from, YearMonth? to, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT s.2, substring(s.1, 1, 7) AS month, sum(ifNull(s.3, 0)), sum(ifNull(s.4, 0)), sum(ifNull(s.5, 0))
            FROM ({Latest("spend", "day, channel_id, spend, impressions, clicks")})
            WHERE 1{Range("month", from, to)}
            GROUP BY s.2, month
            """;
        var sums = new Dictionary<(long Channel, string Month), (long Spend, long Impressions, long Clicks)>();
        foreach (var row in await AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
        {
            var key = (ClickHouseFactStore.Int(row[0]), row[1]!);
            var s = sums.TryGetValue(key, out var x) ? x : default;
            sums[key] = (s.Spend + ClickHouseFactStore.Int(row[2]), s.Impressions + ClickHouseFactStore.Int(row[3]), s.Clicks + ClickHouseFactStore.Int(row[4]));
        }

        var names = await store.Channels.NamesAsync(cancellationToken).ConfigureAwait(false);
        return [.. sums.Select(s => (Name: Name(names, s.Key.Channel), s.Key.Month, s.Value))
            .OrderBy(s => s.Month, StringComparer.Ordinal).ThenBy(s => s.Name, Bytewise.Instance)
            .Select(s => new ChannelMonthSpend(s.Name, Month(s.Month), StoredMoney.FromUnits(s.Value.Spend), s.Value.Impressions, s.Value.Clicks))];
    }

    public async Task<IReadOnlyList<MonthCost>> CostsAsync(YearMonth? from, YearMonth? to, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT k.1 AS month, k.2, sum(ifNull(k.3, 0))
            FROM ({Latest("costs", "month, channel_id, amount", "k")})
            WHERE 1{Range("month", from, to)}
            GROUP BY month, k.2
            """;
        var sums = new Dictionary<(string Month, long? Channel), long>();
        foreach (var row in await AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
        {
            var key = (row[0]!, ClickHouseFactStore.NullableInt(row[1]));
            sums[key] = (sums.TryGetValue(key, out var x) ? x : 0) + ClickHouseFactStore.Int(row[2]);
        }

        var names = await store.Channels.NamesAsync(cancellationToken).ConfigureAwait(false);
        return [.. sums.Select(s => (s.Key.Month, Name: s.Key.Channel is { } id ? Name(names, id) : null, Amount: s.Value))
            .OrderBy(s => s.Month, StringComparer.Ordinal).ThenBy(s => s.Name, Bytewise.Instance)
            .Select(s => new MonthCost(Month(s.Month), s.Name, StoredMoney.FromUnits(s.Amount)))];
    }

    public async Task<IReadOnlyList<ChannelDaySpend>> DailySpendAsync(CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT s.1, s.2, sum(ifNull(s.3, 0))
            FROM ({Latest("spend", "day, channel_id, spend")})
            GROUP BY s.1, s.2
            """;
        var sums = new Dictionary<(string Day, long Channel), long>();
        foreach (var row in await AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
        {
            var key = (row[0]!, ClickHouseFactStore.Int(row[1]));
            sums[key] = (sums.TryGetValue(key, out var x) ? x : 0) + ClickHouseFactStore.Int(row[2]);
        }

        var names = await store.Channels.NamesAsync(cancellationToken).ConfigureAwait(false);
        return [.. sums.Select(s => (s.Key.Day, Name: Name(names, s.Key.Channel), s.Value))
            .OrderBy(s => s.Day, StringComparer.Ordinal).ThenBy(s => s.Name, Bytewise.Instance)
            .Select(s => new ChannelDaySpend(Day(s.Day), s.Name, StoredMoney.FromUnits(s.Value)))];
    }

    public async Task<IReadOnlyList<DayOutcome>> DailyOutcomesAsync(CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT {DayOfTs.Replace("ts", "c.1", StringComparison.Ordinal)} AS day, count(), sum(c.2), sum(ifNull(c.3, 0))
            FROM ({Latest("conversions", "ts, revenue, cost", "c")})
            GROUP BY day
            """;
        var sums = new SortedDictionary<string, (long Conversions, long Revenue, long Cost)>(StringComparer.Ordinal);
        foreach (var row in await AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
        {
            var s = sums.TryGetValue(row[0]!, out var x) ? x : default;
            sums[row[0]!] = (s.Conversions + ClickHouseFactStore.Int(row[1]), s.Revenue + ClickHouseFactStore.Int(row[2]), s.Cost + ClickHouseFactStore.Int(row[3]));
        }

        return [.. sums.Select(s => new DayOutcome(Day(s.Key), s.Value.Conversions, StoredMoney.FromUnits(s.Value.Revenue), StoredMoney.FromUnits(s.Value.Cost)))];
    }

    public async Task<IReadOnlyList<YearMonth>> MonthsAsync(CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT DISTINCT substring(s.1, 1, 7) FROM ({Latest("spend", "day")})
            UNION ALL SELECT DISTINCT s.1 FROM ({Latest("costs", "month")})
            UNION ALL SELECT DISTINCT substring({DayOfTs.Replace("ts", "s.1", StringComparison.Ordinal)}, 1, 7) FROM ({Latest("conversions", "ts")})
            """;
        var months = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var row in await AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
        {
            months.Add(row[0]!);
        }

        return [.. months.Select(Month)];
    }

    /// <summary>The last version of each key of a fact table, as one tuple column named <paramref name="alias"/>.</summary>
    private string Latest(string table, string columns, string alias = "s") =>
        "SELECT argMax(tuple(" + columns + "), version) AS " + alias + " FROM " + store.Local(table) + " GROUP BY key";

    private static string Range(string column, YearMonth? from, YearMonth? to) =>
        (from is { } f ? " AND " + column + " >= " + ClickHouseSql.Literal(f.ToString()) : "")
        + (to is { } t ? " AND " + column + " <= " + ClickHouseSql.Literal(t.ToString()) : "");

    private async Task<List<string?[]>> AllNodesAsync(string sql, CancellationToken cancellationToken)
    {
        var rows = new List<string?[]>();
        foreach (var node in store.Client.Nodes)
        {
            rows.AddRange(await store.Client.QueryAsync(sql, cancellationToken, node).ConfigureAwait(false));
        }

        return rows;
    }

    private static string Name(IReadOnlyDictionary<long, string> names, long id) =>
        names.TryGetValue(id, out var name) ? name : throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
            $"a fact refers to channel {id}, which the channel catalog does not hold"));

    private static DateOnly Day(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new InvalidDataException("stored day is malformed: " + text);

    private static YearMonth Month(string text) =>
        YearMonth.TryParse(text, out var month) ? month : throw new InvalidDataException("stored month is malformed: " + text);

    /// <summary>Text in the order of its UTF-8 bytes, nulls first: how the other stores sort names.</summary>
    private sealed class Bytewise : IComparer<string?>
    {
        public static Bytewise Instance { get; } = new();

        public int Compare(string? x, string? y) =>
            x is null ? (y is null ? 0 : -1) : y is null ? 1 : Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y));
    }
}
