using System.Globalization;
using Mercato.Core.DataCenter;
using Mercato.Storage.Facts;
using Mercato.Storage.Import;

namespace Mercato.Storage.ClickHouse;

/// <summary>
/// The data center's read side over ClickHouse facts: rows per kind and month counted over the last version of each key
/// (each node counts its own keys; the counts are added here), the import history from <c>batches</c> (the last version
/// of each id, on the entry node) and the channel catalog of the document store with each channel's volume.
/// </summary>
internal sealed class ClickHouseFactCatalog(ClickHouseFactStore store) : IFactCatalog
{
    private static readonly string Committed = ClickHouseSql.Literal(BatchStatus.Word(ImportStatus.Committed));

    /// <summary>
    /// The last recorded row of each batch, its columns as separate fields (a tuple column would print as one), without
    /// the demo batches a later demo replaced; add conditions with <c>AND</c>.
    /// </summary>
    private static readonly string LastBatches = """
        SELECT * FROM (
        SELECT id, b.1 AS kind, b.2 AS source, b.3 AS format, b.4 AS started_at, b.5 AS finished_at, b.6 AS status, b.7 AS is_demo,
               b.8 AS rows_read, b.9 AS rows_added, b.10 AS rows_updated, b.11 AS rows_unchanged, b.12 AS rows_rejected,
               b.13 AS message, b.14 AS warnings, b.15 AS errors
        FROM (
            SELECT id, argMax(tuple(kind, source, format, started_at, finished_at, status, is_demo, rows_read, rows_added, rows_updated,
                                    rows_unchanged, rows_rejected, message, warnings, errors), version) AS b
            FROM batches GROUP BY id
        )
        )
        """ + " WHERE status != " + ClickHouseSql.Literal(ClickHouseFactSink.RemovedStatus);

    /// <summary>The data version: committed batches and the largest committed id, written as the relational stores write it.</summary>
    public async Task<string> DataVersionAsync(CancellationToken cancellationToken)
    {
        var row = (await store.Client.QueryAsync(
            "SELECT count(), max(id) FROM (" + LastBatches + " AND status = " + Committed + ")", cancellationToken).ConfigureAwait(false)).Single();
        return string.Create(CultureInfo.InvariantCulture, $"({ClickHouseFactStore.Int(row[0])}, {ClickHouseFactStore.Int(row[1])})");
    }

    /// <summary>The data version per kind, written as the relational stores write it.</summary>
    public async Task<IReadOnlyDictionary<string, string>> DataVersionsAsync(CancellationToken cancellationToken)
    {
        var rows = await store.Client.QueryAsync(
            "SELECT kind, count(), max(id), min(started_at), max(finished_at) FROM (" + LastBatches + " AND status = " + Committed + ") GROUP BY kind",
            cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(
            r => (string)r[0]!, r => DataVersionToken.Write((string)r[3]!, ClickHouseFactStore.Int(r[1]), ClickHouseFactStore.Int(r[2]), r[4] as string),
            StringComparer.Ordinal);
    }

    /// <summary>Whether no fact table holds a row: any stored version is a key held.</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        foreach (var table in FactTables.All)
        {
            var rows = await store.AllNodesAsync("SELECT 1 FROM " + store.Local(table.Table) + " LIMIT 1", cancellationToken).ConfigureAwait(false);
            if (rows.Count > 0)
            {
                return false;
            }
        }

        return true;
    }

    public async Task<SourcesReport> SourcesAsync(TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var lastImports = (await store.Client.QueryAsync(
                "SELECT kind, max(finished_at) FROM (" + LastBatches + " AND status = " + Committed + ") GROUP BY kind", cancellationToken).ConfigureAwait(false))
            .ToDictionary(r => r[0]!, r => r[1], StringComparer.Ordinal);
        var kinds = new List<KindSummary>();
        foreach (var table in FactTables.All)
        {
            long rows = 0;
            string? first = null, last = null;
            var isText = ClickHouseKind.IsText(table.DateColumn);
            foreach (var row in await store.AllNodesAsync(
                         $"SELECT count(), min(s.1), max(s.1), count(s.1) FROM ({store.Latest(table.Table, table.DateColumn)})", cancellationToken).ConfigureAwait(false))
            {
                rows += ClickHouseFactStore.Int(row[0]);
                if (ClickHouseFactStore.Int(row[3]) > 0)
                {
                    first = first is null || Less(row[1]!, first, isText) ? row[1] : first;
                    last = last is null || Less(last, row[2]!, isText) ? row[2] : last;
                }
            }

            kinds.Add(new KindSummary(table.Kind.Name, rows, DateText(first, isText, zone), DateText(last, isText, zone),
                lastImports.GetValueOrDefault(table.Kind.Name)));
        }

        return new SourcesReport(kinds);
    }

    public async Task<IReadOnlyList<MonthRows>> MonthlyRowsAsync(CancellationToken cancellationToken)
    {
        var rows = new List<MonthRows>();
        foreach (var table in FactTables.All)
        {
            var month = table.DateColumn switch
            {
                "ts" => "substring(" + ClickHouseReads.UtcDay("s.1") + ", 1, 7)",
                "day" => "substring(s.1, 1, 7)",
                _ => "s.1",
            };
            var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
            long undated = 0;
            foreach (var row in await store.AllNodesAsync(
                         $"SELECT {month} AS m, count() FROM ({store.Latest(table.Table, table.DateColumn)}) GROUP BY m", cancellationToken).ConfigureAwait(false))
            {
                if (row[0] is { } m)
                {
                    counts[m] = counts.GetValueOrDefault(m) + ClickHouseFactStore.Int(row[1]);
                }
                else
                {
                    undated += ClickHouseFactStore.Int(row[1]);
                }
            }

            // A null month sorts first, as ORDER BY puts NULL first in both relational stores' ascending order.
            if (undated > 0)
            {
                rows.Add(new MonthRows(table.Kind.Name, null!, undated));
            }

            rows.AddRange(counts.Select(c => new MonthRows(table.Kind.Name, c.Key, c.Value)));
        }

        return rows;
    }

    public async Task<IReadOnlyList<BatchInfo>> BatchesAsync(int limit, string? kind, CancellationToken cancellationToken)
    {
        var sql = LastBatches + (kind is null ? "" : " AND kind = " + ClickHouseSql.Literal(kind))
            + " ORDER BY id DESC LIMIT " + ClickHouseSql.Literal((long)Math.Max(limit, 0));
        return [.. (await store.Client.QueryAsync(sql, cancellationToken).ConfigureAwait(false)).Select(ToInfo)];
    }

    public async Task<BatchInfo?> BatchAsync(long id, CancellationToken cancellationToken)
    {
        if (id < 0)
        {
            return null;
        }

        var rows = await store.Client.QueryAsync(LastBatches + " AND id = " + ClickHouseSql.Literal(id), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : ToInfo(rows[0]);
    }

    public async Task<IReadOnlyList<ChannelInfo>> ChannelsAsync(CancellationToken cancellationToken)
    {
        var touchpoints = new Dictionary<long, long>();
        foreach (var row in await store.AllNodesAsync(
                     $"SELECT t.1, count() FROM ({store.Latest("touchpoints", "channel_id", "t")}) GROUP BY t.1", cancellationToken).ConfigureAwait(false))
        {
            var id = ClickHouseFactStore.Int(row[0]);
            touchpoints[id] = touchpoints.GetValueOrDefault(id) + ClickHouseFactStore.Int(row[1]);
        }

        var spend = new Dictionary<long, long>();
        foreach (var row in await store.AllNodesAsync(
                     $"SELECT s.1, sum(ifNull(s.2, 0)) FROM ({store.Latest("spend", "channel_id, spend")}) GROUP BY s.1", cancellationToken).ConfigureAwait(false))
        {
            var id = ClickHouseFactStore.Int(row[0]);
            spend[id] = spend.GetValueOrDefault(id) + ClickHouseFactStore.Int(row[1]);
        }

        return [.. (await store.Channels.ListAsync(cancellationToken).ConfigureAwait(false))
            .Select(c =>
            {
                ChannelGroups.TryParse(c.Group, out var group);
                return new ChannelInfo(c.Id, c.Name, group.Slug(), group.Label(), touchpoints.GetValueOrDefault(c.Id),
                    StoredMoney.FromUnits(spend.GetValueOrDefault(c.Id)));
            })
            .OrderBy(c => c.Group == ChannelGroup.Unassigned.Slug() ? 0 : 1)
            .ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase)];
    }

    public Task<bool> SetChannelGroupAsync(string channel, ChannelGroup group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return store.Channels.SetGroupAsync(channel, group, cancellationToken);
    }

    /// <summary>Whether stored date <paramref name="a"/> comes before <paramref name="b"/>: text bytewise, instants as numbers.</summary>
    private static bool Less(string a, string b, bool isText) =>
        isText ? ClickHouseReads.Bytewise.Instance.Compare(a, b) < 0 : ClickHouseFactStore.Int(a) < ClickHouseFactStore.Int(b);

    /// <summary>A stored date as YYYY-MM-DD, as the relational catalog writes it: instants in the zone, months at their first day.</summary>
    private static string? DateText(string? stored, bool isText, TimeZoneInfo zone) => stored switch
    {
        null => null,
        _ when !isText => LocalTime.DayOf(ClickHouseFactStore.Int(stored), zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        { Length: 7 } month => month + "-01",
        _ => stored,
    };

    private static BatchInfo ToInfo(string?[] r) => new(
        ClickHouseFactStore.Int(r[0]), r[1]!, r[2]!, r[3]!, r[4]!, r[5], r[6]!, ClickHouseFactStore.Int(r[7]) != 0, ClickHouseFactStore.Int(r[8]),
        ClickHouseFactStore.Int(r[9]), ClickHouseFactStore.Int(r[10]), ClickHouseFactStore.Int(r[11]), ClickHouseFactStore.Int(r[12]),
        StoredMessages.ReadMessage(r[13]), StoredMessages.ReadWarnings(r[14]), StoredMessages.ReadErrors(r[15]));
}
