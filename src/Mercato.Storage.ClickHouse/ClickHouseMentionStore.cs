using System.Globalization;
using Mercato.Core.DataCenter;
using Mercato.Core.Listening;
using Mercato.Storage.Facts;

namespace Mercato.Storage.ClickHouse;

/// <summary>
/// Public-opinion monitoring over ClickHouse (<see cref="IMentionStore"/>), as the relational reader answers: counts by hour
/// and by source computed in ClickHouse over the last version of each key; a page is cut on each node (its first
/// offset + limit rows, newest first) and the nodes' pages are merged here; the rescore writes a new version of each
/// changed row (docs/clickhouse.md, "Readers").
/// </summary>
internal sealed class ClickHouseMentionStore(ClickHouseFactStore store) : IMentionStore
{
    /// <summary>Mentions a rescore reads at a time from a node.</summary>
    private const int PageSize = 5_000;

    /// <summary>The fact columns in the table's order: a row's tuple reads them as <c>m.1</c> to <c>m.16</c>.</summary>
    private const string Columns =
        "mention_id, ts, source, author, author_followers, text, url, language, language_given, reach, likes, comments, shares, score, label, terms";

    private static readonly string[] ColumnNames = Columns.Split(", ");

    public async Task<IReadOnlyList<MentionHourCount>> HourlyAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT intDiv(m.2, 3600000) AS hour, ifNull(m.15, ''), ifNull(m.16, ''), toInt64(count()), toInt64(sum(ifNull(m.10, 0))),
                   toInt64(sum(ifNull(m.11, 0) + ifNull(m.12, 0) + ifNull(m.13, 0)))
            FROM ({store.Latest("mentions", Columns, "m")})
            WHERE {Window(from, to)}
            GROUP BY hour, m.15, m.16
            """;
        return [.. (await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
            .GroupBy(r => (Hour: Int(r[0]), Label: r[1]!, Terms: r[2]!))
            .OrderBy(g => g.Key.Hour).ThenBy(g => g.Key.Label, ClickHouseReads.Bytewise.Instance).ThenBy(g => g.Key.Terms, ClickHouseReads.Bytewise.Instance)
            .Select(g => new MentionHourCount(g.Key.Hour, g.Key.Label, g.Key.Terms, g.Sum(r => Int(r[3])), g.Sum(r => Int(r[4])), g.Sum(r => Int(r[5]))))];
    }

    public async Task<IReadOnlyList<MentionSourceCount>> BySourceAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT ifNull(m.3, ''), ifNull(m.8, ''), ifNull(m.15, ''), toInt64(count()), toInt64(sum(ifNull(m.10, 0))), toInt64(sum(ifNull(m.14, 0)))
            FROM ({store.Latest("mentions", Columns, "m")})
            WHERE {Window(from, to)}
            GROUP BY m.3, m.8, m.15
            """;
        // Score sums are added in stored units and divided once, as the relational reader divides its SQL sum.
        return [.. (await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
            .GroupBy(r => (Source: r[0]!, Language: r[1]!, Label: r[2]!))
            .OrderBy(g => g.Key.Source, ClickHouseReads.Bytewise.Instance).ThenBy(g => g.Key.Language, ClickHouseReads.Bytewise.Instance)
            .ThenBy(g => g.Key.Label, ClickHouseReads.Bytewise.Instance)
            .Select(g => new MentionSourceCount(g.Key.Source, g.Key.Language, g.Key.Label, g.Sum(r => Int(r[3])), g.Sum(r => Int(r[4])),
                g.Sum(r => Int(r[5])) / 10_000.0))];
    }

    public async Task<MentionPage> ListAsync(MentionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = Window(query.From, query.To);
        if (query.Source is { } source)
        {
            filter += " AND m.3 = " + ClickHouseSql.Literal(source);
        }

        if (query.Label is { } label)
        {
            filter += " AND m.15 = " + ClickHouseSql.Literal(label);
        }

        // lower() folds ASCII letters only, as SQLite's lower() does: "case-insensitive for Latin letters".
        if (query.Term is { } term)
        {
            filter += " AND position(lower(ifNull(m.16, '')), lower(" + ClickHouseSql.Literal("|" + term + "|") + ")) > 0";
        }

        if (query.Text is { } text)
        {
            filter += " AND position(lower(ifNull(m.6, '')), lower(" + ClickHouseSql.Literal(text) + ")) > 0";
        }

        var limit = Math.Clamp(query.Limit, 0, 10_000);
        var offset = Math.Max(query.Offset, 0);
        var latest = store.Latest("mentions", Columns, "m");
        long total = 0;
        foreach (var row in await store.AllNodesAsync($"SELECT toInt64(count()) FROM ({latest}) WHERE {filter}", cancellationToken).ConfigureAwait(false))
        {
            total += Int(row[0]);
        }

        // Each node's first offset + limit rows hold every row of the merged page.
        var rows = await store.AllNodesAsync(
            $"SELECT {Fields("m")} FROM ({latest}) WHERE {filter} ORDER BY m.2 DESC, m.1 LIMIT {ClickHouseSql.Literal((long)offset + limit)}",
            cancellationToken).ConfigureAwait(false);
        return new MentionPage(total, [.. Newest(rows).Skip(offset).Take(limit).Select(r => ToFact(r, 0))]);
    }

    public async Task<IReadOnlyList<string>> TextsAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        var n = Math.Clamp(limit, 0, 1_000_000);
        var rows = await store.AllNodesAsync(
            $"SELECT m.1, m.2, ifNull(m.6, '') FROM ({store.Latest("mentions", Columns, "m")}) WHERE {Window(from, to)} ORDER BY m.2 DESC, m.1 LIMIT {ClickHouseSql.Literal(n)}",
            cancellationToken).ConfigureAwait(false);
        return [.. Newest(rows).Take(n).Select(r => r[2]!)];
    }

    public async Task<(DateTimeOffset First, DateTimeOffset Last)?> SpanAsync(CancellationToken cancellationToken)
    {
        // min and max of no rows are 0 in ClickHouse, not null: each node says how many rows it read.
        var rows = await store.AllNodesAsync(
            $"SELECT toInt64(count()), min(m.1), max(m.1) FROM ({store.Latest("mentions", "ts", "m")})", cancellationToken).ConfigureAwait(false);
        var held = rows.Where(r => Int(r[0]) > 0).ToList();
        return held.Count == 0
            ? null
            : (DateTimeOffset.FromUnixTimeMilliseconds(held.Min(r => Int(r[1]))), DateTimeOffset.FromUnixTimeMilliseconds(held.Max(r => Int(r[2]))));
    }

    /// <summary>
    /// Reads every mention's last version, node by node in key order, and writes each row whose language, score, label or
    /// terms changed once more, whole (its batch kept), with a commit version above every version before: the last version
    /// of each key is then the rescored one. Recorded as a committed batch of the mentions kind (source <c>rescore</c>).
    /// Not atomic to readers: while it runs some rows are rescored and others not; a process that dies meanwhile leaves
    /// its batch running (marked interrupted on the next open) and the rows written so far rescored.
    /// </summary>
    public async Task<RescoreCounts> RescoreAsync(Func<MentionFact, MentionAnnotation> annotate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(annotate);
        var sink = (ClickHouseFactSink)store.Sink;
        var start = new BatchStart(DataKinds.Mentions, "rescore", "rescore");
        var now = store.Now();
        var version = await store.NewCommitVersionAsync(cancellationToken).ConfigureAwait(false);
        var batch = store.NewStamp();
        await sink.WriteBatchAsync(batch, 1, start, now, null, null, null, version, cancellationToken).ConfigureAwait(false);
        long read = 0, updated = 0;
        long? first = null, last = null;
        string[] insertColumns = ["key", .. ColumnNames, "batch_id", "version", ClickHouseKind.Restates];
        foreach (var node in store.Client.Nodes)
        {
            var insert = store.Client.BeginInsert(store.Local("mentions"), insertColumns, node);
            await using (insert.ConfigureAwait(false))
            {
                long? after = null;
                while (true)
                {
                    var keys = after is { } a ? "key > " + ClickHouseSql.Literal(a) : "1";
                    var page = await store.Client.QueryAsync(
                        $"SELECT m.1, m.2, {Fields("m", 2)} FROM ({store.LatestOfKeys("mentions", "key, batch_id, " + Columns, "m", keys)}) ORDER BY m.1 LIMIT {PageSize}",
                        cancellationToken, node).ConfigureAwait(false);
                    foreach (var row in page)
                    {
                        read++;
                        var reread = annotate(ToFact(row, 2));
                        var score = MentionsTable.ScoreUnits(reread.Score);
                        var terms = MentionTerms.Join(reread.Terms);
                        if (reread.Language == (row[9] ?? "") && score == Int(row[15]) && reread.Label == (row[16] ?? "") && terms == (row[17] ?? ""))
                        {
                            continue;
                        }

                        insert.Field(Int(row[0]));
                        for (var i = 2; i < 18; i++)
                        {
                            insert.Field(i switch
                            {
                                9 => reread.Language,
                                15 => ClickHouseSql.Literal(score),
                                16 => reread.Label,
                                17 => terms,
                                _ => row[i],
                            });
                        }

                        insert.Field(Int(row[1]));
                        insert.Field(version);
                        insert.Field(1L);
                        insert.EndRow();
                        updated++;
                        var ts = Int(row[3]);
                        first = Math.Min(first ?? ts, ts);
                        last = Math.Max(last ?? ts, ts);
                    }

                    if (page.Count < PageSize)
                    {
                        break;
                    }

                    after = Int(page[^1][0]);
                }

                await insert.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await sink.WriteBatchAsync(batch, 3, start, now, new BatchEnd(ImportStatus.Committed, read, 0, updated, read - updated, 0, null, [], []),
            new WriteCounts(0, updated, read - updated, first, last), store.Now(), version, CancellationToken.None).ConfigureAwait(false);
        return new RescoreCounts(batch, read, updated);
    }

    /// <summary>Rows of every node, newest first, ties by mention id (bytewise), as each node ordered its own.</summary>
    private static IEnumerable<string?[]> Newest(IEnumerable<string?[]> rows) =>
        rows.OrderByDescending(r => Int(r[1])).ThenBy(r => r[0], ClickHouseReads.Bytewise.Instance);

    /// <summary>The 16 fact columns of tuple <paramref name="alias"/>, from element <paramref name="skip"/> + 1.</summary>
    private static string Fields(string alias, int skip = 0) =>
        string.Join(", ", Enumerable.Range(skip + 1, ColumnNames.Length).Select(i => alias + "." + i.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The mention of a row whose fact columns start at <paramref name="at"/>, as the relational reader builds it.</summary>
    private static MentionFact ToFact(string?[] r, int at)
    {
        var source = r[at + 2] ?? "";
        return new MentionFact(r[at]!, DateTimeOffset.FromUnixTimeMilliseconds(Int(r[at + 1])),
            EnumWords.TryParse<MentionSource>(source, out var s) ? s : throw new InvalidDataException("unknown source '" + source + "' in mentions"),
            r[at + 3], NullableInt(r[at + 4]), r[at + 5] ?? "", r[at + 6], r[at + 8], NullableInt(r[at + 9]), NullableInt(r[at + 10]),
            NullableInt(r[at + 11]), NullableInt(r[at + 12]),
            new MentionAnnotation(r[at + 7] ?? "", Int(r[at + 13]) / 10_000.0, r[at + 14] ?? "", MentionTerms.Split(r[at + 15])));
    }

    private static string Window(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            throw new ArgumentException("the window ends before it starts", nameof(to));
        }

        return "m.2 >= " + ClickHouseSql.Literal(from.ToUnixTimeMilliseconds()) + " AND m.2 < " + ClickHouseSql.Literal(to.ToUnixTimeMilliseconds());
    }

    private static long Int(string? text) => ClickHouseFactStore.Int(text);

    private static long? NullableInt(string? text) => ClickHouseFactStore.NullableInt(text);
}
