using Mercato.Core.DataCenter;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Import;

public abstract class TouchpointsImportTests(StoreProvider provider) : KindImportTest(provider)
{
    private static readonly KindSample Sample = KindSample.Touchpoints;

    private static readonly List<(string?, string, long, string, string?, string, string?)> Expected =
    [
        ("t1", "u1", Ms(2026, 3, 1, 1, 30), "search", "spring", "click", null),
        ("t2", "u2", Ms(2026, 3, 1, 10, 0) + 250, "douyin", null, "impression", null),
        (null, "u3", Ms(2026, 3, 2), "Referral", null, "referral", "REF7"),
        (null, "u4", Ms(2026, 3, 3, 4, 59, 59), "search", null, "other", null),
    ];

    private List<(string? Id, string User, long Ts, string Channel, string? Campaign, string Type, string? Referral)> Stored() =>
        Query<(string?, string, long, string, string?, string, string?)>(
            """
            SELECT t.touchpoint_id, t.user_id, t.ts, c.name, t.campaign, t.type, t.referral_code
            FROM touchpoints t JOIN channels c ON c.id = t.channel_id ORDER BY t.ts
            """);

    [Fact]
    public void Import_ValidCsv_CountsEveryRowAndStoresExactValues()
    {
        var result = ImportCsv(DataKinds.Touchpoints, """
            touchpoint_id,user_id,timestamp,channel,campaign,type,referral_code
            t1,u1,2026-03-01T09:30:00+08:00,search,spring,click,
            t2,u2,2026-03-01T10:00:00.250Z,douyin,,IMPRESSION,
            ,u3,2026-03-02,Referral,,referral,REF7
            ,u4,2026-03-02 23:59:59-05:00,search,,,
            """);

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal((4L, 4L, 0L, 0L, 0L), (result.RowsRead, result.Added, result.Updated, result.Unchanged, result.Rejected));
        Assert.Empty(result.Errors);
        Assert.Equal(Expected, Stored().Select(r => (r.Id, r.User, r.Ts, r.Channel, r.Campaign, r.Type, r.Referral)).ToList());
        Assert.Equal(3, Count("channels"));
    }

    [Fact]
    public void Import_ValidJsonLines_StoresTheSameValuesAsCsv()
    {
        var result = ImportJsonl(DataKinds.Touchpoints, """
            {"touchpoint_id":"t1","user_id":"u1","timestamp":"2026-03-01T09:30:00+08:00","channel":"search","campaign":"spring","type":"click"}
            {"touchpoint_id":"t2","user_id":"u2","timestamp":"2026-03-01T10:00:00.250Z","channel":"douyin","type":"IMPRESSION","referral_code":null}

            {"user_id":"u3","timestamp":"2026-03-02","channel":"Referral","type":"referral","referral_code":"REF7"}
            {"touchpoint_id":"","user_id":"u4","timestamp":"2026-03-02 23:59:59-05:00","channel":"search"}
            """);

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal((4L, 4L), (result.RowsRead, result.Added));
        Assert.Equal(Expected, Stored().Select(r => (r.Id, r.User, r.Ts, r.Channel, r.Campaign, r.Type, r.Referral)).ToList());
    }

    [Fact]
    public void Import_NumericUserIdInJson_IsStoredAsItsText()
    {
        var result = ImportJsonl(DataKinds.Touchpoints, """{"user_id":12345,"timestamp":"2026-03-01T00:00:00Z","channel":"search"}""");

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal("12345", Scalar<string>("SELECT user_id FROM touchpoints"));
    }

    [Theory]
    [InlineData("touchpoint_id", "x*201", "text_too_long|max=200")]
    [InlineData("user_id", null, "required")]
    [InlineData("user_id", "   ", "required")]
    [InlineData("user_id", "x*201", "text_too_long|max=200")]
    [InlineData("timestamp", null, "required")]
    [InlineData("timestamp", "2026-03-01T09:30:00", "timestamp_without_offset")]
    [InlineData("timestamp", "2026-03-01 09:30:00", "timestamp_without_offset")]
    [InlineData("timestamp", "2026-02-30", "not_a_date")]
    [InlineData("timestamp", "2026-03-01T25:00:00Z", "not_a_timestamp")]
    [InlineData("timestamp", "2026-02-30T10:00:00+08:00", "not_a_timestamp")]
    [InlineData("channel", null, "required")]
    [InlineData("channel", "x*101", "text_too_long|max=100")]
    [InlineData("campaign", "x*201", "text_too_long|max=200")]
    [InlineData("type", "banner", "not_one_of|expected=impression, click, visit, referral, other")]
    [InlineData("referral_code", "x*201", "text_too_long|max=200")]
    [InlineData("referral_code", "a\u0001b", "control_characters")]
    public void Import_InvalidValue_IsRefusedWithLineColumnValueAndReason(string column, string? value, string reason) =>
        AssertRefused(Sample, column, value, reason);

    [Theory]
    [InlineData("touchpoint_id", "x*200")]
    [InlineData("timestamp", "2026-03-01T09:30:00+0800")]
    [InlineData("timestamp", "2026-03-01 09:30:00.250+0800")]
    [InlineData("timestamp", "2026-03-01T09:30Z")]
    [InlineData("timestamp", "2026-03-01T09:30:00.1234567Z")]
    [InlineData("type", "Visit")]
    [InlineData("type", null)]
    public void Import_BorderlineValue_IsAccepted(string column, string? value) => AssertAccepted(Sample, column, value);

    [Fact]
    public void Import_TimestampWithOffset_IsStoredAsUtcMilliseconds()
    {
        ImportCsv(DataKinds.Touchpoints, "user_id,timestamp,channel\nu1,2026-03-01T00:00:00.999-02:30,search\n");

        Assert.Equal(Ms(2026, 3, 1, 2, 30) + 999, Scalar<long>("SELECT ts FROM touchpoints"));
    }

    [Fact]
    public void Import_TimestampBeyondMilliseconds_IsKeptToTheMillisecond()
    {
        ImportCsv(DataKinds.Touchpoints, "user_id,timestamp,channel\nu1,2026-03-01 09:30:00.2509999+08:00,search\n");

        Assert.Equal(Ms(2026, 3, 1, 1, 30) + 250, Scalar<long>("SELECT ts FROM touchpoints"));
    }
}

public sealed class TouchpointsImportTestsOnSqlite() : TouchpointsImportTests(StoreProvider.Sqlite);

public sealed class TouchpointsImportTestsOnPostgres() : TouchpointsImportTests(StoreProvider.Postgres);
