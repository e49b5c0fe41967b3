using Mercato.Core.DataCenter;
using Mercato.Core.Listening;
using Mercato.Storage.Import;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Import;

public abstract class MentionsImportTests(StoreProvider provider) : KindImportTest(provider)
{
    private static readonly KindSample Sample = KindSample.Mentions;

    private const string Header = "mention_id,timestamp,source,author,author_followers,text,url,language,reach,likes,comments,shares";

    /// <summary>A small lexicon: "great" +3.1, "broken" −2.0; the watch list names the brand and one risk term.</summary>
    private static readonly MentionAnnotator Annotator = new(
        new SentimentScorer(new Vader(VaderLexicon.Parse(new StringReader("great\t3.1\nbroken\t-2.0\n")))),
        new WatchList([new WatchTerm("Kangning", WatchKind.Brand, ["康宁"]), new WatchTerm("召回", WatchKind.Risk, ["recall"])]));

    private static readonly MentionAnnotator Renamed = new(
        new SentimentScorer(new Vader(VaderLexicon.Parse(new StringReader("great\t3.1\nbroken\t-2.0\n")))),
        new WatchList([new WatchTerm("nebulizer", WatchKind.Product, [])]));

    private ImportResult Import(string text, IMentionAnnotator? annotator = null) =>
        ImportCsv(DataKinds.Mentions, text, r => r with { Context = r.Context! with { Mentions = annotator ?? Annotator } });

    private List<(string, long, string, string?, long?, string, string?, string, string?, long?, long?, long?, long?, long, string, string)> Stored() =>
        Query<(string, long, string, string?, long?, string, string?, string, string?, long?, long?, long?, long?, long, string, string)>(
            "SELECT mention_id, ts, source, author, author_followers, text, url, language, language_given, reach, likes, comments, shares, score, label, terms "
            + "FROM mentions ORDER BY mention_id");

    [Fact]
    public void Import_ValidCsv_StoresValuesWithLanguageSentimentAndTerms()
    {
        var result = Import(Header + """

            m1,2026-03-01T20:00:00Z,weibo,ann,1200,"Kangning nebulizer is GREAT!
            second line",https://weibo.com/1,,5000,10,2,1
            m2,2026-03-01T21:00:00+08:00,review_site,,,康宁的雾化器召回了,,zh-CN,,,,
            m3,2026-03-02T08:00:00Z,twitter,bob,,Das Gerät ist kaputt,,de,,,,
            m4,2026-03-02T09:00:00Z,forum,,,"broken, recall it",,,,,,
            """);

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal((4L, 4L, 0L), (result.RowsRead, result.Added, result.Rejected));
        var stored = Stored();
        Assert.Equal(("m1", 1772395200000L, "weibo", "ann", 1200L, "Kangning nebulizer is GREAT!\nsecond line", "https://weibo.com/1", "en", (string?)null, 5000L, 10L, 2L, 1L),
            (stored[0].Item1, stored[0].Item2, stored[0].Item3, stored[0].Item4, stored[0].Item5, stored[0].Item6.Replace("\r\n", "\n", StringComparison.Ordinal), stored[0].Item7, stored[0].Item8, stored[0].Item9, stored[0].Item10, stored[0].Item11, stored[0].Item12, stored[0].Item13));
        // VADER on "Kangning nebulizer is GREAT! second line": 3.1 × (1 + 0.733 capital emphasis) + 0.292 for one '!'.
        var expected = Annotator.Annotate(stored[0].Item6, null);
        Assert.Equal((long)Math.Round(expected.Score * 10_000), stored[0].Item14);
        Assert.True(stored[0].Item14 > 5000);
        Assert.Equal(("positive", "|Kangning|"), (stored[0].Item15, stored[0].Item16));
        // Given as zh-CN: stored as zh, the tag kept; no Chinese scorer in this test, so not scored; both CJK terms match.
        Assert.Equal(("zh", "zh", 0L, "not_scored", "|Kangning|召回|"), (stored[1].Item8, stored[1].Item9, stored[1].Item14, stored[1].Item15, stored[1].Item16));
        // German is stored as given and not scored.
        Assert.Equal(("de", "de", 0L, "not_scored", ""), (stored[2].Item8, stored[2].Item9, stored[2].Item14, stored[2].Item15, stored[2].Item16));
        // Detected English, negative, the alias "recall" names the risk term.
        Assert.Equal(("en", (string?)null, "negative", "|召回|"), (stored[3].Item8, stored[3].Item9, stored[3].Item15, stored[3].Item16));
        Assert.True(stored[3].Item14 < 0);
    }

    [Fact]
    public void Import_ValidJsonLines_StoresTheSameValuesAsCsv_SoItIsUnchanged()
    {
        var csv = Import(Header + "\nm1,2026-03-01T20:00:00Z,weibo,ann,1200,Kangning is great,,en,5000,10,2,1\n");
        var csvRows = Stored();
        var jsonl = ImportJsonl(DataKinds.Mentions, """
            {"mention_id":"m1","timestamp":"2026-03-01T20:00:00Z","source":"WEIBO","author":"ann","author_followers":1200,"text":"Kangning is great","url":null,"language":"en","reach":"5000","likes":10,"comments":2,"shares":1}
            """, r => r with { Context = r.Context! with { Mentions = Annotator } });

        Assert.Equal((ImportStatus.Committed, ImportStatus.Committed), (csv.Status, jsonl.Status));
        Assert.Equal((1L, 0L, 0L, 1L), (csv.Added, jsonl.Added, jsonl.Updated, jsonl.Unchanged));
        Assert.Equal(csvRows, Stored());
    }

    [Fact]
    public void Import_Again_ChangesNothing_AWatchListChangeUpdatesTheTerms()
    {
        var text = Header + "\nm1,2026-03-01T20:00:00Z,weibo,,,Kangning nebulizer is great,,,,,,\nm2,2026-03-01T21:00:00Z,news,,,Nothing here,,,,,,\n";

        var first = Import(text);
        var again = Import(text);
        var renamed = Import(text, Renamed);

        Assert.Equal((2L, 0L, 0L), (first.Added, first.Updated, first.Unchanged));
        Assert.Equal((0L, 0L, 2L), (again.Added, again.Updated, again.Unchanged));
        Assert.Equal((0L, 1L, 1L), (renamed.Added, renamed.Updated, renamed.Unchanged));
        Assert.Equal([("m1", "|nebulizer|"), ("m2", "")], Query<(string, string)>("SELECT mention_id, terms FROM mentions ORDER BY mention_id"));
    }

    [Fact]
    public void Import_WithoutAnAnnotator_StoresTheLanguageAsGiven_NotScored()
    {
        var result = ImportCsv(DataKinds.Mentions, Header + "\nm1,2026-03-01T20:00:00Z,weibo,,,great,,EN-us,,,,\nm2,2026-03-01T20:00:00Z,weibo,,,great,,,,,,\n");

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal([("m1", "en", "not_scored"), ("m2", "", "not_scored")], Query<(string, string, string)>("SELECT mention_id, language, label FROM mentions ORDER BY mention_id"));
    }

    [Theory]
    [InlineData("mention_id", null, "required")]
    [InlineData("mention_id", "x*201", "text_too_long|max=200")]
    [InlineData("timestamp", null, "required")]
    [InlineData("timestamp", "2026-03-01T09:30:00", "timestamp_without_offset")]
    [InlineData("source", null, "required")]
    [InlineData("source", "tiktok", "not_one_of|expected=weibo, wechat, douyin, xiaohongshu, zhihu, bilibili, news, forum, twitter, facebook, instagram, review_site, other")]
    [InlineData("author", "x*201", "text_too_long|max=200")]
    [InlineData("author_followers", "-1", "negative")]
    [InlineData("author_followers", "1.5", "not_a_whole_number")]
    [InlineData("text", null, "required")]
    [InlineData("text", "x*20001", "text_too_long|max=20000")]
    [InlineData("text", "bell\u0007here", "control_characters")]
    [InlineData("url", "x*2001", "text_too_long|max=2000")]
    [InlineData("language", "english!", "not_a_language")]
    [InlineData("language", "e", "not_a_language")]
    [InlineData("language", "zh--CN", "not_a_language")]
    [InlineData("reach", "many", "not_a_whole_number")]
    [InlineData("likes", "-3", "negative")]
    [InlineData("comments", "2.5", "not_a_whole_number")]
    [InlineData("shares", "-1", "negative")]
    public void Import_InvalidValue_IsRefusedWithLineColumnValueAndReason(string column, string? value, string reason) =>
        AssertRefused(Sample, column, value, reason);

    [Theory]
    [InlineData("author", null)]
    [InlineData("text", "x*20000")]
    [InlineData("text", "tab\there")]
    [InlineData("text", "😡😡😡")]
    [InlineData("language", "ja")]
    [InlineData("language", "zh_Hans_CN")]
    [InlineData("language", "EN")]
    [InlineData("source", "Review_Site")]
    [InlineData("reach", "0")]
    public void Import_BorderlineValue_IsAccepted(string column, string? value) => AssertAccepted(Sample, column, value);
}

public sealed class MentionsImportTestsOnSqlite() : MentionsImportTests(StoreProvider.Sqlite);

public sealed class MentionsImportTestsOnPostgres() : MentionsImportTests(StoreProvider.Postgres);
