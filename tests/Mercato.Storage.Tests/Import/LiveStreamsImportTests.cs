using Mercato.Core.DataCenter;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Import;

public abstract class LiveStreamsImportTests(StoreProvider provider) : KindImportTest(provider)
{
    private static readonly KindSample Sample = KindSample.LiveStreams;

    private const string Header = "session_id,campaign,host,host_kind,start,end,viewers,peak_viewers,new_followers,orders,gmv";

    private static readonly List<(string, string?, string, string, long, long, long, long, long, long, long)> Expected =
    [
        ("ls-1", "spring", "ann", "staff", 1772395200000, 1772402400000, 1000, 300, 40, 25, 12_500_000),
        ("ls-2", null, "Mia Zhang", "influencer", 1772384400000, 1772391600000, 500, 120, 10, 0, 0),
    ];

    private List<(string, string?, string, string, long, long, long, long, long, long, long)> Stored() =>
        Query<(string, string?, string, string, long, long, long, long, long, long, long)>(
            "SELECT session_id, campaign, host, host_kind, ts, end_ts, viewers, peak_viewers, new_followers, orders, gmv FROM livestreams ORDER BY session_id");

    [Fact]
    public void Import_ValidCsv_StoresExactValues_StartAndEndAsUnixMilliseconds()
    {
        var result = ImportCsv(DataKinds.LiveStreams, Header + """

            ls-1,spring,ann,Staff,2026-03-01T20:00:00Z,2026-03-01T22:00:00Z,1000,300,40,25,1250.00
            ls-2,,Mia Zhang,influencer,2026-03-01T20:00:00+03:00,2026-03-01T22:00:00+03:00,500,120,10,0,0
            """);

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal((2L, 2L, 0L, 0L, 0L), (result.RowsRead, result.Added, result.Updated, result.Unchanged, result.Rejected));
        Assert.Equal(Expected, Stored());
    }

    [Fact]
    public void Import_ValidJsonLines_StoresTheSameValuesAsCsv()
    {
        var result = ImportJsonl(DataKinds.LiveStreams, """
            {"session_id":"ls-1","campaign":"spring","host":"ann","host_kind":"staff","start":"2026-03-01T20:00:00Z","end":"2026-03-01T22:00:00Z","viewers":1000,"peak_viewers":300,"new_followers":40,"orders":25,"gmv":1250}
            {"session_id":"ls-2","campaign":null,"host":"Mia Zhang","host_kind":"influencer","start":"2026-03-01T20:00:00+03:00","end":"2026-03-01T22:00:00+03:00","viewers":"500","peak_viewers":120,"new_followers":10,"orders":0,"gmv":"0"}
            """);

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal((2L, 2L), (result.RowsRead, result.Added));
        Assert.Equal(Expected, Stored());
    }

    [Fact]
    public void Import_DateAlone_IsMidnightInTheWorkspaceZone()
    {
        Assert.True(Store.TrySetTimeZone("Asia/Shanghai"));

        var result = ImportCsv(DataKinds.LiveStreams, Header + "\nls-1,,ann,staff,2026-03-01,2026-03-01T02:00:00+08:00,10,5,0,0,0\n");

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal(
            new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds(),
            Query<long>("SELECT ts FROM livestreams").Single());
    }

    [Fact]
    public void Import_Again_ChangesNothing_ACorrectedSessionIsUpdated()
    {
        var text = Header + """

            ls-1,,ann,staff,2026-03-01T20:00:00Z,2026-03-01T22:00:00Z,1000,300,40,25,1250
            ls-2,,Mia,influencer,2026-03-02T20:00:00Z,2026-03-02T21:00:00Z,10,5,0,0,0
            """;

        var first = ImportCsv(DataKinds.LiveStreams, text);
        var again = ImportCsv(DataKinds.LiveStreams, text);
        var corrected = ImportCsv(DataKinds.LiveStreams, Header + "\nls-1,,ann,staff,2026-03-01T20:00:00Z,2026-03-01T22:00:00Z,1000,300,40,26,1300\n");

        Assert.Equal((2L, 0L, 0L), (first.Added, first.Updated, first.Unchanged));
        Assert.Equal((0L, 0L, 2L), (again.Added, again.Updated, again.Unchanged));
        Assert.Equal((0L, 1L, 0L), (corrected.Added, corrected.Updated, corrected.Unchanged));
        Assert.Equal([("ls-1", 26L), ("ls-2", 0L)], Query<(string, long)>("SELECT session_id, orders FROM livestreams ORDER BY session_id"));
    }

    [Theory]
    [InlineData("session_id", null, "required")]
    [InlineData("session_id", "x*201", "text_too_long|max=200")]
    [InlineData("campaign", "tab\there", "control_characters")]
    [InlineData("host", null, "required")]
    [InlineData("host", "x*201", "text_too_long|max=200")]
    [InlineData("host_kind", null, "required")]
    [InlineData("host_kind", "kol", "not_one_of|expected=staff, influencer")]
    [InlineData("start", null, "required")]
    [InlineData("start", "2026-03-01T09:30:00", "timestamp_without_offset")]
    [InlineData("end", "2026-02-30", "not_a_date")]
    [InlineData("end", "2026-03-01T00:00:00Z", "end_not_after_start")]
    [InlineData("end", "2026-03-03T12:00:01Z", "session_too_long|max=48")]
    [InlineData("viewers", "-1", "negative")]
    [InlineData("viewers", "1.5", "not_a_whole_number")]
    [InlineData("peak_viewers", "103", "peak_exceeds_viewers|peak=103|viewers=102")]
    [InlineData("peak_viewers", "0", "peak_viewers_zero")]
    [InlineData("new_followers", "two", "not_a_whole_number")]
    [InlineData("orders", null, "required")]
    [InlineData("gmv", "-5", "negative")]
    [InlineData("gmv", "1.23456", "too_many_decimals|max=4")]
    [InlineData("gmv", "1,000", "not_a_number")]
    public void Import_InvalidValue_IsRefusedWithLineColumnValueAndReason(string column, string? value, string reason) =>
        AssertRefused(Sample, column, value, reason);

    [Fact]
    public void Import_GmvWithoutOrders_IsRefusedOnGmv()
    {
        var result = ImportCsv(DataKinds.LiveStreams, Header + "\nls-1,,ann,staff,2026-03-01T20:00:00Z,2026-03-01T22:00:00Z,10,5,0,0,99.5\n");

        Assert.Equal(ImportStatus.Rejected, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal((2L, "gmv", "99.5"), (error.Line, error.Column, error.Value));
        Assert.Equal(ImportCodes.GmvWithoutOrders, error.Code);
        Assert.Equal(0, Count("livestreams"));
    }

    [Theory]
    [InlineData("campaign", null)]
    [InlineData("host", "康宁 主播")]
    [InlineData("host", "x*200")]
    [InlineData("host_kind", "INFLUENCER")]
    [InlineData("end", "2026-03-03T00:00:00Z")]
    [InlineData("viewers", "10")]
    [InlineData("new_followers", "0")]
    [InlineData("gmv", "0")]
    [InlineData("gmv", "1.2345")]
    public void Import_BorderlineValue_IsAccepted(string column, string? value) => AssertAccepted(Sample, column, value);
}

public sealed class LiveStreamsImportTestsOnSqlite() : LiveStreamsImportTests(StoreProvider.Sqlite);

public sealed class LiveStreamsImportTestsOnPostgres() : LiveStreamsImportTests(StoreProvider.Postgres);
