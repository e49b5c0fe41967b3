using Dapper;
using Mercato.Core.DataCenter;
using Mercato.Core.Listening;
using Mercato.Storage.Facts;

namespace Mercato.Storage.Relational;

/// <summary>
/// The mentions table for public-opinion monitoring (<see cref="IMentionStore"/>): the store groups by hour, label and
/// terms, or by source, language and label; pages and the rescore pass read mentions themselves, a page at a time.
/// </summary>
internal sealed class RelationalMentionReader(RelationalStore store) : IMentionStore
{
    /// <summary>Mentions a rescore reads at a time.</summary>
    private const int PageSize = 2_000;

    private const string Columns =
        "mention_id AS MentionId, ts AS Ts, source AS Source, author AS Author, author_followers AS AuthorFollowers, text AS Text, "
        + "url AS Url, language AS Language, language_given AS LanguageGiven, reach AS Reach, likes AS Likes, comments AS Comments, "
        + "shares AS Shares, score AS Score, label AS Label, terms AS Terms";

    public async Task<IReadOnlyList<MentionHourCount>> HourlyAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var d = store.Dialect;
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // A class with setters, not the record: on an empty result SQLite reports computed columns as BLOB, which Dapper
        // cannot match to a constructor.
        var rows = await connection.QueryAsync<HourRow>(new CommandDefinition(
            $"""
            SELECT ts / 3600000 AS Hour, label AS Label, terms AS Terms, COUNT(*) AS Mentions,
                   COALESCE({d.Sum("COALESCE(reach, 0)")}, 0) AS Reach,
                   COALESCE({d.Sum("COALESCE(likes, 0) + COALESCE(comments, 0) + COALESCE(shares, 0)")}, 0) AS Engagement
            FROM mentions WHERE ts >= @first AND ts < @end
            GROUP BY ts / 3600000, label, terms
            ORDER BY 1, 2, 3
            """,
            Bounds(from, to), cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new MentionHourCount(r.Hour, r.Label, r.Terms, r.Mentions, r.Reach, r.Engagement))];
    }

    public async Task<IReadOnlyList<MentionSourceCount>> BySourceAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var d = store.Dialect;
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<SourceRow>(new CommandDefinition(
            $"""
            SELECT source AS Source, language AS Language, label AS Label, COUNT(*) AS Mentions,
                   COALESCE({d.Sum("COALESCE(reach, 0)")}, 0) AS Reach, COALESCE({d.Sum("score")}, 0) AS ScoreSum
            FROM mentions WHERE ts >= @first AND ts < @end
            GROUP BY source, language, label
            ORDER BY 1, 2, 3
            """,
            Bounds(from, to), cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new MentionSourceCount(r.Source, r.Language, r.Label, r.Mentions, r.Reach, r.ScoreSum / 10_000.0))];
    }

    public async Task<MentionPage> ListAsync(MentionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var d = store.Dialect;
        var where = new List<string> { "ts >= @first", "ts < @end" };
        var p = Bounds(query.From, query.To);
        if (query.Source is { } source)
        {
            where.Add("source = @source");
            p.Add("source", source);
        }

        if (query.Label is { } label)
        {
            where.Add("label = @label");
            p.Add("label", label);
        }

        if (query.Term is { } term)
        {
            where.Add(d.Contains("terms", "@term"));
            p.Add("term", "|" + term + "|");
        }

        if (query.Text is { } text)
        {
            where.Add(d.Contains("text", "@text"));
            p.Add("text", text);
        }

        p.Add("limit", Math.Clamp(query.Limit, 0, 10_000));
        p.Add("offset", Math.Max(query.Offset, 0));
        var filter = string.Join(" AND ", where);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await store.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM mentions WHERE " + filter, p, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM mentions WHERE {filter} ORDER BY ts DESC, {d.Bytewise("mention_id")} LIMIT @limit OFFSET @offset",
            p, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new MentionPage(total, [.. rows.Select(r => r.ToFact())]);
    }

    public async Task<IReadOnlyList<string>> TextsAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        var p = Bounds(from, to);
        p.Add("limit", Math.Clamp(limit, 0, 1_000_000));
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT text FROM mentions WHERE ts >= @first AND ts < @end ORDER BY ts DESC LIMIT @limit", p, cancellationToken: cancellationToken)).ConfigureAwait(false)];
    }

    public Task<(DateTimeOffset First, DateTimeOffset Last)?> SpanAsync(CancellationToken cancellationToken) =>
        RelationalTimeSpan.OfAsync(store, "mentions", cancellationToken);

    public async Task<RescoreCounts> RescoreAsync(Func<MentionFact, MentionAnnotation> annotate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(annotate);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await store.BeginDocumentWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var now = store.Now();
        var batch = await RelationalBatches.InsertRunningAsync(
            connection, tx, new BatchStart(DataKinds.Mentions, "rescore", "rescore"), now, null, cancellationToken).ConfigureAwait(false);
        long read = 0, updated = 0;
        long? first = null, last = null, after = null;
        while (true)
        {
            var sql = after is null
                ? $"SELECT key AS Key, {Columns} FROM mentions ORDER BY key LIMIT {PageSize}"
                : $"SELECT key AS Key, {Columns} FROM mentions WHERE key > @after ORDER BY key LIMIT {PageSize}";
            var page = (await connection.QueryAsync<KeyedRow>(new CommandDefinition(sql, new { after }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
            foreach (var row in page)
            {
                read++;
                var fact = row.ToFact();
                var reread = annotate(fact);
                var score = MentionsTable.ScoreUnits(reread.Score);
                var terms = MentionTerms.Join(reread.Terms);
                if (reread.Language == row.Language && score == row.Score && reread.Label == row.Label && terms == row.Terms)
                {
                    continue;
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE mentions SET language = @language, score = @score, label = @label, terms = @terms WHERE key = @key",
                    new { language = reread.Language, score, label = reread.Label, terms, key = row.Key }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
                updated++;
                first = Math.Min(first ?? row.Ts, row.Ts);
                last = Math.Max(last ?? row.Ts, row.Ts);
            }

            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1].Key;
        }

        await RelationalBatches.CompleteAsync(connection, tx, batch,
            new BatchEnd(ImportStatus.Committed, read, 0, updated, read - updated, 0, null, [], []),
            new WriteCounts(0, updated, read - updated, first, last), now, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new RescoreCounts(batch, read, updated);
    }

    private static DynamicParameters Bounds(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            throw new ArgumentException("the window ends before it starts", nameof(to));
        }

        return new DynamicParameters(new { first = from.ToUnixTimeMilliseconds(), end = to.ToUnixTimeMilliseconds() });
    }

    private sealed class HourRow
    {
        public long Hour { get; set; }

        public string Label { get; set; } = "";

        public string Terms { get; set; } = "";

        public long Mentions { get; set; }

        public long Reach { get; set; }

        public long Engagement { get; set; }
    }

    private sealed class SourceRow
    {
        public string Source { get; set; } = "";

        public string Language { get; set; } = "";

        public string Label { get; set; } = "";

        public long Mentions { get; set; }

        public long Reach { get; set; }

        public long ScoreSum { get; set; }
    }

    private class Row
    {
        public string MentionId { get; set; } = "";

        public long Ts { get; set; }

        public string Source { get; set; } = "";

        public string? Author { get; set; }

        public long? AuthorFollowers { get; set; }

        public string Text { get; set; } = "";

        public string? Url { get; set; }

        public string Language { get; set; } = "";

        public string? LanguageGiven { get; set; }

        public long? Reach { get; set; }

        public long? Likes { get; set; }

        public long? Comments { get; set; }

        public long? Shares { get; set; }

        public long Score { get; set; }

        public string Label { get; set; } = "";

        public string Terms { get; set; } = "";

        public MentionFact ToFact() =>
            new(MentionId, DateTimeOffset.FromUnixTimeMilliseconds(Ts),
                EnumWords.TryParse<MentionSource>(Source, out var source) ? source : throw new InvalidDataException("unknown source '" + Source + "' in mentions"),
                Author, AuthorFollowers, Text, Url, LanguageGiven, Reach, Likes, Comments, Shares,
                new MentionAnnotation(Language, Score / 10_000.0, Label, MentionTerms.Split(Terms)));
    }

    private sealed class KeyedRow : Row
    {
        public long Key { get; set; }
    }
}
