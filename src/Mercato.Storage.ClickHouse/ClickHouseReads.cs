using System.Globalization;
using System.Text;

namespace Mercato.Storage.ClickHouse;

/// <summary>
/// What every ClickHouse reader shares: the last version of each key (exact before merges, docs/clickhouse.md), a query
/// run on every node (each shard answers for its own keys; the caller adds the answers), and the decoding of stored days,
/// months and channel ids.
/// </summary>
internal static class ClickHouseReads
{
    /// <summary>
    /// The last version of each key of a fact table, as one tuple column named <paramref name="alias"/>: read it as
    /// <c>alias.1</c>, <c>alias.2</c> and so on, in the order of <paramref name="columns"/> (column names, comma-separated).
    /// A key none of whose rows is marked <see cref="ClickHouseKind.Restates"/> has one row, read as it is; only the marked
    /// keys are grouped (<see cref="ClickHouseKind.LastOf"/>), so the read needs no hash table over every key (at 10M
    /// touchpoints a grouping of every key took 1.3 s, and 100M keys would not fit). On a cluster it reads the node's local table: run it with
    /// <see cref="AllNodesAsync"/>.
    /// </summary>
    public static string Latest(this ClickHouseFactStore store, string table, string columns, string alias = "s") =>
        LatestWhere(store, table, columns, alias, null);

    /// <summary>
    /// <see cref="Latest"/> with the unmarked keys' rows (one per key) narrowed to those <paramref name="rowFilter"/> keeps;
    /// a marked key's last version is read whole, so the caller must apply the filter again to the result. Empty: no filter.
    /// </summary>
    public static string LatestOfRows(this ClickHouseFactStore store, string table, string columns, string alias, string rowFilter) =>
        LatestWhere(store, table, columns, alias, null, rowFilter);

    private static string LatestWhere(ClickHouseFactStore store, string table, string columns, string alias, string? keyFilter, string rowFilter = "")
    {
        var kind = ClickHouseSchema.Kinds.First(k => k.Name == table);
        var names = columns.Split(',', StringSplitOptions.TrimEntries);
        var local = store.Local(table);
        var where = keyFilter is null ? "" : "(" + keyFilter + ") AND ";
        var marked = "(SELECT key FROM " + local + " WHERE " + where + ClickHouseKind.Restates + " = 1)";
        return "SELECT tuple(" + string.Join(", ", names) + ") AS " + alias + " FROM " + local + " WHERE " + where
            + (rowFilter.Length == 0 ? "" : "(" + rowFilter + ") AND ") + "key NOT IN " + marked
            + " UNION ALL SELECT " + kind.LastOf(names, "version") + " AS " + alias + " FROM " + local + " WHERE " + where + "key IN " + marked + " GROUP BY key";
    }

    /// <summary>The UTC day (yyyy-MM-dd) of an instant in epoch milliseconds held by <paramref name="millis"/>.</summary>
    public static string UtcDay(string millis) => "toString(toDate(toDateTime(intDiv(" + millis + ", 1000), 'UTC'), 'UTC'))";

    /// <summary>
    /// The local <see cref="DateOnly.DayNumber"/> in <paramref name="zone"/> of the instant in epoch ms held by
    /// <paramref name="millis"/>, for instants from <paramref name="from"/> to <paramref name="to"/>: the zone's offsets and
    /// their changes in that span are found here, by .NET's time zone data as <see cref="LocalDayClock"/> finds them (at most
    /// one change per UTC day, located to the millisecond), and written into the SQL as a <c>multiIf</c> over the instants
    /// of change, so ClickHouse's own time zone data (which may differ) is never used. Truncating division, as the clock's.
    /// </summary>
    public static string LocalDayNumber(string millis, TimeZoneInfo zone, long from, long to)
    {
        ArgumentNullException.ThrowIfNull(zone);
        const long dayMs = 86_400_000;
        long OffsetAt(long ms) => (long)zone.GetUtcOffset(DateTimeOffset.FromUnixTimeMilliseconds(ms)).TotalMilliseconds;
        var branches = new StringBuilder();
        var first = Math.DivRem(from, dayMs, out var rest) - (rest < 0 ? 1 : 0);
        var last = Math.DivRem(to, dayMs, out rest) - (rest < 0 ? 1 : 0);
        for (var day = first; day <= last; day++)
        {
            var (start, end) = (day * dayMs, (day * dayMs) + dayMs - 1);
            var before = OffsetAt(start);
            if (before == OffsetAt(end))
            {
                continue;
            }

            long lo = start, hi = end;
            while (hi - lo > 1)
            {
                var mid = lo + ((hi - lo) / 2);
                (lo, hi) = OffsetAt(mid) == before ? (mid, hi) : (lo, mid);
            }

            branches.Append(CultureInfo.InvariantCulture, $"{millis} < {ClickHouseSql.Literal(hi)}, {ClickHouseSql.Literal(before)}, ");
        }

        var offset = branches.Length == 0
            ? ClickHouseSql.Literal(OffsetAt(to))
            : "multiIf(" + branches + ClickHouseSql.Literal(OffsetAt(to)) + ")";
        return "(intDiv(" + millis + " + " + offset + ", 86400000) + " + ClickHouseSql.Literal((long)new DateOnly(1970, 1, 1).DayNumber) + ")";
    }

    /// <summary>An AND clause bounding a text month column (yyyy-MM) by <paramref name="from"/> and <paramref name="to"/>, each optional.</summary>
    public static string Range(string column, YearMonth? from, YearMonth? to) =>
        (from is { } f ? " AND " + column + " >= " + ClickHouseSql.Literal(f.ToString()) : "")
        + (to is { } t ? " AND " + column + " <= " + ClickHouseSql.Literal(t.ToString()) : "");

    /// <summary>
    /// Runs <paramref name="sql"/> on every node and returns all their rows: a key lives on one shard, so sums and counts
    /// per group are added by the caller. A node that does not answer fails the whole read (never a partial figure).
    /// </summary>
    public static async Task<List<string?[]>> AllNodesAsync(this ClickHouseFactStore store, string sql, CancellationToken cancellationToken)
    {
        var rows = new List<string?[]>();
        foreach (var node in store.Client.Nodes)
        {
            rows.AddRange(await store.Client.QueryAsync(sql, cancellationToken, node).ConfigureAwait(false));
        }

        return rows;
    }

    /// <summary>
    /// Waits until every node has applied its mutations (<c>ALTER TABLE ... DELETE</c>): 18.16 has no <c>mutations_sync</c>,
    /// so this asks <c>system.mutations</c> every 100 ms.
    /// </summary>
    public static async Task WaitForMutationsAsync(this ClickHouseFactStore store, CancellationToken cancellationToken)
    {
        foreach (var node in store.Client.Nodes)
        {
            while ((await store.Client.QueryAsync(
                       "SELECT count() FROM system.mutations WHERE database = currentDatabase() AND is_done = 0", cancellationToken, node).ConfigureAwait(false))
                   .Single()[0] != "0")
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A channel's name from the catalog; a fact naming a channel the catalog lacks is a broken store.</summary>
    public static string Name(IReadOnlyDictionary<long, string> names, long id) =>
        names.TryGetValue(id, out var name) ? name : throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
            $"a fact refers to channel {id}, which the channel catalog does not hold"));

    public static DateOnly Day(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new InvalidDataException("stored day is malformed: " + text);

    public static YearMonth Month(string text) =>
        YearMonth.TryParse(text, out var month) ? month : throw new InvalidDataException("stored month is malformed: " + text);

    /// <summary>Text in the order of its UTF-8 bytes, nulls first: how the other stores sort names.</summary>
    public sealed class Bytewise : IComparer<string?>
    {
        public static Bytewise Instance { get; } = new();

        public int Compare(string? x, string? y) =>
            x is null ? (y is null ? 0 : -1) : y is null ? 1 : Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y));
    }

    /// <summary>
    /// <see cref="Latest"/> over the keys that <paramref name="keyFilter"/> (a condition on <c>key</c> alone) keeps: every
    /// version of a key shares its key, so filtering before the GROUP BY is exact and spares the other keys' grouping.
    /// </summary>
    public static string LatestOfKeys(this ClickHouseFactStore store, string table, string columns, string alias, string keyFilter) =>
        LatestWhere(store, table, columns, alias, keyFilter);
}
