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
    /// <c>alias.1</c>, <c>alias.2</c> and so on, in the order of <paramref name="columns"/>. On a cluster it reads the
    /// node's local table: run it with <see cref="AllNodesAsync"/>.
    /// </summary>
    public static string Latest(this ClickHouseFactStore store, string table, string columns, string alias = "s") =>
        "SELECT argMax(tuple(" + columns + "), version) AS " + alias + " FROM " + store.Local(table) + " GROUP BY key";

    /// <summary>The UTC day (yyyy-MM-dd) of an instant in epoch milliseconds held by <paramref name="millis"/>.</summary>
    public static string UtcDay(string millis) => "toString(toDate(toDateTime(intDiv(" + millis + ", 1000), 'UTC'), 'UTC'))";

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
        "SELECT argMax(tuple(" + columns + "), version) AS " + alias + " FROM " + store.Local(table) + " WHERE " + keyFilter + " GROUP BY key";
}
