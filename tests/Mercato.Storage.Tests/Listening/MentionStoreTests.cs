using Mercato.Core.DataCenter;
using Mercato.Core.Listening;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Listening;

public abstract class MentionStoreTests(StoreProvider provider) : StoreTest(provider)
{
    private static readonly DateTimeOffset Day1 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly MentionAnnotator Annotator = new(
        new SentimentScorer(new Vader(VaderLexicon.Parse(new StringReader("great\t3.1\nbroken\t-2.0\n")))),
        new WatchList([new WatchTerm("Kangning", WatchKind.Brand, ["康宁"]), new WatchTerm("Yuwell", WatchKind.Competitor, []), new WatchTerm("召回", WatchKind.Risk, ["recall"])]));

    private IMentionStore Mentions => Store.Inner.Mentions;

    /// <summary>Six mentions over two hours of March 1 and one on March 2.</summary>
    private void Load(IMentionAnnotator? annotator = null)
    {
        var result = ImportCsv(DataKinds.Mentions, """
            mention_id,timestamp,source,author,author_followers,text,url,language,reach,likes,comments,shares
            a,2026-03-01T08:10:00Z,weibo,ann,10,Kangning is great,,,100,1,2,3
            b,2026-03-01T08:50:00Z,weibo,bob,,Kangning is great,,,50,,,
            c,2026-03-01T08:20:00Z,twitter,,,"Kangning broken, recall",,,,5,,
            d,2026-03-01T09:05:00Z,news,,,Yuwell and Kangning side by side,,,1000,,,
            e,2026-03-01T09:30:00Z,weibo,,,康宁雾化器,,zh,,,,
            f,2026-03-01T09:40:00Z,forum,,,Das ist KAPUTT,,de,,,,
            g,2026-03-02T10:00:00Z,twitter,,,nothing to see,,,7,,,
            """, r => r with { Context = r.Context! with { Mentions = annotator ?? Annotator } });
        Assert.Equal((ImportStatus.Committed, 7L), (result.Status, result.Added));
    }

    [Fact]
    public async Task Hourly_GroupsByHourLabelAndTerms_WithReachAndEngagement()
    {
        Load();

        var hourly = await Mentions.HourlyAsync(Day1, Day1.AddDays(1), TestContext.Current.CancellationToken);

        var h8 = Day1.AddHours(8).ToUnixTimeSeconds() / 3600;
        Assert.Equal(
            [
                new MentionHourCount(h8, "negative", "|Kangning|召回|", 1, 0, 5),
                new MentionHourCount(h8, "positive", "|Kangning|", 2, 150, 6),
                new MentionHourCount(h8 + 1, "neutral", "|Kangning|Yuwell|", 1, 1000, 0),
                new MentionHourCount(h8 + 1, "not_scored", "", 1, 0, 0),
                new MentionHourCount(h8 + 1, "not_scored", "|Kangning|", 1, 0, 0),
            ],
            hourly);
    }

    [Fact]
    public async Task BySource_CountsSourcesLanguagesAndLabels_WithTheScoreSum()
    {
        Load();

        var sources = await Mentions.BySourceAsync(Day1, Day1.AddDays(2), TestContext.Current.CancellationToken);

        Assert.Equal(["forum/de/not_scored/1", "news/en/neutral/1", "twitter/en/negative/1", "twitter/en/neutral/1", "weibo/en/positive/2", "weibo/zh/not_scored/1"],
            sources.Select(s => $"{s.Source}/{s.Language}/{s.Label}/{s.Mentions}"));
        var great = Annotator.Annotate("Kangning is great", null).Score;
        Assert.Equal(2 * great, sources.Single(s => s.Label == "positive").ScoreSum, 4);
    }

    [Fact]
    public async Task List_FiltersBySourceLabelTermAndText_NewestFirst_WithTheTotal()
    {
        Load();
        var ct = TestContext.Current.CancellationToken;
        MentionQuery All(int limit = 10, int offset = 0) => new(Day1, Day1.AddDays(2), null, null, null, null, limit, offset);

        var all = await Mentions.ListAsync(All(), ct);
        var page = await Mentions.ListAsync(All(2, 1), ct);
        var weibo = await Mentions.ListAsync(All() with { Source = "weibo" }, ct);
        var recall = await Mentions.ListAsync(All() with { Term = "召回" }, ct);
        var kangning = await Mentions.ListAsync(All() with { Term = "Kangning", Label = "positive" }, ct);
        var text = await Mentions.ListAsync(All() with { Text = "KANGNING is" }, ct);
        var chinese = await Mentions.ListAsync(All() with { Text = "雾化" }, ct);
        var percent = await Mentions.ListAsync(All() with { Text = "%" }, ct);

        Assert.Equal((7L, "g,f,e,d,b,c,a"), (all.Total, string.Join(',', all.Items.Select(m => m.MentionId))));
        Assert.Equal((7L, "f,e"), (page.Total, string.Join(',', page.Items.Select(m => m.MentionId))));
        Assert.Equal("e,b,a", string.Join(',', weibo.Items.Select(m => m.MentionId)));
        Assert.Equal("c", string.Join(',', recall.Items.Select(m => m.MentionId)));
        Assert.Equal("b,a", string.Join(',', kangning.Items.Select(m => m.MentionId)));
        Assert.Equal("b,a", string.Join(',', text.Items.Select(m => m.MentionId)));
        Assert.Equal("e", string.Join(',', chinese.Items.Select(m => m.MentionId)));
        Assert.Empty(percent.Items);
        var a = all.Items.Single(m => m.MentionId == "a");
        Assert.Equal(new MentionFact("a", Day1.AddHours(8).AddMinutes(10), MentionSource.Weibo, "ann", 10, "Kangning is great", null, null, 100, 1, 2, 3,
            a.Annotation), a);
        Assert.Equal(("en", "positive", "Kangning"), (a.Annotation.Language, a.Annotation.Label, string.Join(",", a.Annotation.Terms)));
        Assert.Equal("zh", all.Items.Single(m => m.MentionId == "e").LanguageGiven);
    }

    [Fact]
    public async Task TextsAndSpan_ReadTheWindowNewestFirst_AndTheStoredSpan()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.Null(await Mentions.SpanAsync(ct));
        Load();

        Assert.Equal(["Das ist KAPUTT", "康宁雾化器"], await Mentions.TextsAsync(Day1, Day1.AddDays(1), 2, ct));
        Assert.Equal((Day1.AddHours(8).AddMinutes(10), new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero)), await Mentions.SpanAsync(ct));
    }

    [Fact]
    public async Task Rescore_StoresOnlyWhatChanged_InOneBatch_AndTheDataVersionMoves()
    {
        var ct = TestContext.Current.CancellationToken;
        Load();
        var before = await Store.Inner.Catalog.DataVersionAsync(ct);
        var renamed = new MentionAnnotator(
            new SentimentScorer(new Vader(VaderLexicon.Parse(new StringReader("great\t3.1\nbroken\t-2.0\n")))),
            new WatchList([new WatchTerm("Kangning", WatchKind.Brand, ["康宁"]), new WatchTerm("Yuwell", WatchKind.Competitor, [])]));

        var first = await Mentions.RescoreAsync(m => renamed.Annotate(m.Text, m.LanguageGiven), ct);
        var again = await Mentions.RescoreAsync(m => renamed.Annotate(m.Text, m.LanguageGiven), ct);

        Assert.Equal((7L, 1L), (first.Read, first.Updated));
        Assert.Equal((7L, 0L), (again.Read, again.Updated));
        Assert.Equal("|Kangning|", Scalar<string>("SELECT terms FROM mentions WHERE mention_id = 'c'"));
        Assert.NotEqual(before, await Store.Inner.Catalog.DataVersionAsync(ct));
        Assert.Equal([("mentions", "rescore", "committed", 0L, 1L, 6L)],
            Query<(string, string, string, long, long, long)>(
                "SELECT kind, source, status, rows_added, rows_updated, rows_unchanged FROM import_batches WHERE id = @id", new { id = first.BatchId }));
        // Each row keeps the batch that brought it.
        Assert.Equal(1L, Scalar<long>("SELECT COUNT(DISTINCT batch_id) FROM mentions"));
    }

    [Fact]
    public async Task Rescore_OfAnEmptyStore_ReadsNothing()
    {
        var counts = await Mentions.RescoreAsync(m => m.Annotation, TestContext.Current.CancellationToken);

        Assert.Equal((0L, 0L), (counts.Read, counts.Updated));
    }
}

public sealed class MentionStoreTestsOnSqlite() : MentionStoreTests(StoreProvider.Sqlite);

public sealed class MentionStoreTestsOnPostgres() : MentionStoreTests(StoreProvider.Postgres);
