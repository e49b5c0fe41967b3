using Mercato.Core.DataCenter;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Import;

public abstract class SocialImportTests(StoreProvider provider) : KindImportTest(provider)
{
    private static readonly KindSample Sample = KindSample.Social;

    private static readonly List<(string, string, string, long?, long?, long?, long?)> Expected =
    [
        ("2026-03-01", "wechat", "kangning_health", 1200L, 5400L, 130L, 1L),
        ("2026-03-01", "weibo", "Kangning", null, 800L, null, 3L),
        ("2026-03-02", "weibo", "Kangning", 901L, 0L, 0L, 0L),
    ];

    private List<(string, string, string, long?, long?, long?, long?)> Stored() =>
        Query<(string, string, string, long?, long?, long?, long?)>(
            "SELECT day, platform, account, followers, reads, interactions, posts FROM social ORDER BY day, platform");

    [Fact]
    public void Import_ValidCsv_CountsEveryRowAndStoresExactValues()
    {
        var result = ImportCsv(DataKinds.Social, """
            date,platform,account,followers,reads,interactions,posts
            2026-03-01,WeChat,kangning_health,1200,5400,130,1
            2026-03-01,weibo,Kangning,,800,,3
            2026-03-02,weibo,Kangning,901,0,0,0
            """);

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal((3L, 3L, 0L, 0L, 0L), (result.RowsRead, result.Added, result.Updated, result.Unchanged, result.Rejected));
        Assert.Empty(result.Errors);
        Assert.Equal(Expected, Stored());
    }

    [Fact]
    public void Import_ValidJsonLines_StoresTheSameValuesAsCsv()
    {
        var result = ImportJsonl(DataKinds.Social, """
            {"date":"2026-03-01","platform":"WeChat","account":"kangning_health","followers":1200,"reads":"5400","interactions":130,"posts":1}
            {"date":"2026-03-01","platform":"weibo","account":"Kangning","followers":null,"reads":800,"posts":3}
            {"date":"2026-03-02","platform":"weibo","account":"Kangning","followers":901,"reads":0,"interactions":0,"posts":0}
            """);

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal((3L, 3L), (result.RowsRead, result.Added));
        Assert.Equal(Expected, Stored());
    }

    [Fact]
    public void Import_SameDayPlatformAndAccount_IsOneRow_PlatformCaseIgnored_AccountCaseKept()
    {
        var result = ImportCsv(DataKinds.Social, """
            date,platform,account,followers
            2026-03-01,weibo,Kangning,10
            2026-03-01,WEIBO,Kangning,11
            2026-03-01,weibo,kangning,12
            """);

        Assert.Equal((2L, 1L), (result.Added, result.Updated));
        Assert.Equal([("Kangning", 11L), ("kangning", 12L)], Query<(string, long)>("SELECT account, followers FROM social ORDER BY account"));
    }

    [Theory]
    [InlineData("date", null, "required")]
    [InlineData("date", "2026-02-30", "not_a_date")]
    [InlineData("date", "2026-03-01T00:00:00Z", "not_a_date")]
    [InlineData("platform", null, "required")]
    [InlineData("platform", "we chat", "not_a_word")]
    [InlineData("platform", "微博", "not_a_word")]
    [InlineData("platform", "x*41", "text_too_long|max=40")]
    [InlineData("account", null, "required")]
    [InlineData("account", "x*201", "text_too_long|max=200")]
    [InlineData("account", "tab\there", "control_characters")]
    [InlineData("followers", "-1", "negative")]
    [InlineData("followers", "1.5", "not_a_whole_number")]
    [InlineData("reads", "1,000", "not_a_whole_number")]
    [InlineData("interactions", "-2", "negative")]
    [InlineData("posts", "two", "not_a_whole_number")]
    public void Import_InvalidValue_IsRefusedWithLineColumnValueAndReason(string column, string? value, string reason) =>
        AssertRefused(Sample, column, value, reason);

    [Theory]
    [InlineData("platform", "x*40")]
    [InlineData("platform", "Xiaohongshu")]
    [InlineData("account", "康宁医疗")]
    [InlineData("account", "x*200")]
    [InlineData("followers", null)]
    [InlineData("followers", "0")]
    [InlineData("reads", null)]
    [InlineData("interactions", null)]
    [InlineData("posts", null)]
    public void Import_BorderlineValue_IsAccepted(string column, string? value) => AssertAccepted(Sample, column, value);
}

public sealed class SocialImportTestsOnSqlite() : SocialImportTests(StoreProvider.Sqlite);

public sealed class SocialImportTestsOnPostgres() : SocialImportTests(StoreProvider.Postgres);
