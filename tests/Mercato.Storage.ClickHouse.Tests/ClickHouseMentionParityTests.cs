using System.Globalization;
using Mercato.Core.Common;
using Mercato.Core.DataCenter;
using Mercato.Core.Listening;
using Mercato.Storage.ClickHouse.Tests.Support;

namespace Mercato.Storage.ClickHouse.Tests;

/// <summary>
/// Mentions in ClickHouse (one node, then the two-shard cluster) read as the embedded store's do over the small demo:
/// hourly and per-source counts, pages, texts and the span; a rescore changes the same rows in both and the readers then
/// agree again.
/// </summary>
[Collection("clickhouse")]
public sealed class ClickHouseMentionParityTests(DemoInBoth demo) : IClassFixture<DemoInBoth>
{
    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task Readers_EqualTheEmbeddedStores(Layout layout)
    {
        var both = await demo.GetAsync(layout);
        await AssertSameAsync(both.Sqlite.Mentions, both.Facts.Mentions);
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task Rescore_ChangesTheSameRows_AndTheReadersAgreeAfter(Layout layout)
    {
        await using var both = await DemoInBoth.LoadAsync(layout);
        var (expected, actual) = (both.Sqlite.Mentions, both.Facts.Mentions);
        var before = await actual.BySourceAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, default);

        var sqlite = await expected.RescoreAsync(Rescore, default);
        var clickHouse = await actual.RescoreAsync(Rescore, default);
        Assert.True(sqlite.Read > 100 && sqlite.Updated > 10 && sqlite.Updated < sqlite.Read, "the rescore changes some mentions, not all");
        Assert.Equal((sqlite.Read, sqlite.Updated), (clickHouse.Read, clickHouse.Updated));
        Assert.NotEqual(before, await actual.BySourceAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, default));
        await AssertSameAsync(expected, actual);

        // Again: nothing changes; the last version of each rescored key is the second write, never the import's.
        var again = await actual.RescoreAsync(Rescore, default);
        Assert.Equal((sqlite.Read, 0L), (again.Read, again.Updated));
        var rows = await both.Facts.AllNodesAsync(
            "SELECT toInt64(count()), toInt64(uniqExact(key)), toInt64(uniqExact(batch_id)) FROM " + both.Facts.Local("mentions"), default);
        Assert.Equal(sqlite.Read + sqlite.Updated, rows.Sum(r => long.Parse(r[0]!, CultureInfo.InvariantCulture)));
        Assert.Equal(sqlite.Read, rows.Sum(r => long.Parse(r[1]!, CultureInfo.InvariantCulture)));
        // Each row keeps the batch that brought it (the demo's mentions batch).
        Assert.All(rows, r => Assert.Equal("1", r[2]));
        var batch = (await both.Facts.Client.QueryAsync(
            "SELECT argMax(kind, version), argMax(source, version), argMax(status, version), argMax(rows_updated, version), argMax(rows_unchanged, version)"
            + " FROM batches WHERE id = " + ClickHouseSql.Literal(clickHouse.BatchId), default)).Single();
        Assert.Equal<string>(["mentions", "rescore", "committed", clickHouse.Updated.ToString(CultureInfo.InvariantCulture),
            (clickHouse.Read - clickHouse.Updated).ToString(CultureInfo.InvariantCulture)], [.. batch.Select(b => b ?? "null")]);
        await AssertSameAsync(expected, actual);
    }

    /// <summary>A deterministic rereading that changes about half of the demo's mentions: language, score, label and terms.</summary>
    private static MentionAnnotation Rescore(MentionFact m)
    {
        var n = m.Text.Length + (int)(m.Timestamp.ToUnixTimeMilliseconds() % 7);
        return n % 2 == 0
            ? m.Annotation
            : new MentionAnnotation(n % 3 == 0 ? "en" : m.Annotation.Language, (n % 11 - 5) / 7.0, n % 5 == 0 ? "negative" : "positive",
                n % 4 == 1 ? ["Kangning", "Yuwell"] : []);
    }

    internal static async Task AssertSameAsync(IMentionStore expected, IMentionStore actual)
    {
        var span = await expected.SpanAsync(default);
        Assert.NotNull(span);
        Assert.Equal(span, await actual.SpanAsync(default));
        var (first, last) = span.Value;
        var end = last.AddMilliseconds(1);
        var middle = first + ((last - first) / 2);
        foreach (var (from, to) in new[] { (first, end), (middle, middle.AddDays(9)), (middle, middle) })
        {
            var hourly = await expected.HourlyAsync(from, to, default);
            Assert.True(from == to || hourly.Count > 0, "the window holds mentions");
            Assert.Equal(hourly, await actual.HourlyAsync(from, to, default));
            var sources = await expected.BySourceAsync(from, to, default);
            Assert.Equal(sources.Select(Flat), (await actual.BySourceAsync(from, to, default)).Select(Flat));
            Assert.Equal(await expected.TextsAsync(from, to, 50, default), await actual.TextsAsync(from, to, 50, default));
        }

        var all = await expected.ListAsync(new MentionQuery(first, end, null, null, null, null, 100_000, 0), default);
        Assert.True(all.Total > 100, "the demo has mentions");
        var some = all.Items[all.Items.Count / 3];
        var word = some.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).OrderByDescending(w => w.Length).First();
        var term = all.Items.SelectMany(i => i.Annotation.Terms).FirstOrDefault();
        var queries = new List<MentionQuery>
        {
            new(first, end, null, null, null, null, 100_000, 0),
            new(first, end, null, null, null, null, 25, 0),
            new(first, end, null, null, null, null, 25, 40),
            new(middle, end, EnumWords.Word(some.Source), null, null, null, 30, 5),
            new(first, end, null, some.Annotation.Label, null, null, 30, 10),
            new(first, end, null, null, null, word.ToUpperInvariant(), 20, 0),
            new(first, end, null, null, null, "no such text at all", 20, 0),
        };
        if (term is not null)
        {
            queries.Add(new(first, end, null, null, term.ToLowerInvariant(), null, 20, 3));
        }

        foreach (var query in queries)
        {
            var page = await expected.ListAsync(query, default);
            var got = await actual.ListAsync(query, default);
            Assert.Equal(page.Total, got.Total);
            Assert.Equal(page.Items.Select(Flat), got.Items.Select(Flat));
        }
    }

    private static string Flat(MentionSourceCount c) => string.Create(CultureInfo.InvariantCulture,
        $"{c.Source}|{c.Language}|{c.Label}|{c.Mentions}|{c.Reach}|{c.ScoreSum:R}");

    private static string Flat(MentionFact m) => string.Join("\u001f", m.MentionId, m.Timestamp.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        m.Source.ToString(), m.Author, m.AuthorFollowers?.ToString(CultureInfo.InvariantCulture), m.Text, m.Url, m.LanguageGiven,
        m.Reach?.ToString(CultureInfo.InvariantCulture), m.Likes?.ToString(CultureInfo.InvariantCulture), m.Comments?.ToString(CultureInfo.InvariantCulture),
        m.Shares?.ToString(CultureInfo.InvariantCulture), m.Annotation.Language, m.Annotation.Score.ToString("R", CultureInfo.InvariantCulture),
        m.Annotation.Label, string.Join("|", m.Annotation.Terms));
}
