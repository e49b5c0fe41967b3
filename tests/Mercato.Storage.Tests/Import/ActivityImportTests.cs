using Mercato.Core.DataCenter;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Import;

public abstract class ActivityImportTests(StoreProvider provider) : KindImportTest(provider)
{
    private static readonly KindSample Sample = KindSample.Activity;

    private static readonly List<(string, long, string, long?, string?)> Expected =
    [
        ("u1", Ms(2026, 3, 1, 9, 0), "signup", null, null),
        ("u1", Ms(2026, 3, 1, 9, 5), "view", 120L, "c42"),
        ("u2", Ms(2026, 3, 2, 2, 0), "login", 86_400L, null),
        ("u2", Ms(2026, 3, 3), "share_v2", 0L, "c7"),
    ];

    private List<(string, long, string, long?, string?)> Stored() =>
        Query<(string, long, string, long?, string?)>("SELECT user_id, ts, event, session_seconds, content_id FROM activity ORDER BY ts");

    [Fact]
    public void Import_ValidCsv_CountsEveryRowAndStoresExactValues()
    {
        var result = ImportCsv(DataKinds.Activity, """
            user_id,timestamp,event,session_seconds,content_id
            u1,2026-03-01T09:00:00Z,signup,,
            u1,2026-03-01T17:05:00+08:00,view,120,c42
            u2,2026-03-02T10:00:00+08:00,Login,86400,
            u2,2026-03-03,SHARE_v2,0,c7
            """);

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal((4L, 4L, 0L, 0L, 0L), (result.RowsRead, result.Added, result.Updated, result.Unchanged, result.Rejected));
        Assert.Empty(result.Errors);
        Assert.Equal(Expected, Stored());
    }

    [Fact]
    public void Import_ValidJsonLines_StoresTheSameValuesAsCsv()
    {
        var result = ImportJsonl(DataKinds.Activity, """
            {"user_id":"u1","timestamp":"2026-03-01T09:00:00Z","event":"signup"}
            {"user_id":"u1","timestamp":"2026-03-01T17:05:00+08:00","event":"view","session_seconds":120,"content_id":"c42"}
            {"user_id":"u2","timestamp":"2026-03-02T10:00:00+08:00","event":"Login","session_seconds":"86400","content_id":null}
            {"user_id":"u2","timestamp":"2026-03-03","event":"SHARE_v2","session_seconds":0,"content_id":"c7"}
            """);

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal((4L, 4L), (result.RowsRead, result.Added));
        Assert.Equal(Expected, Stored());
    }

    [Theory]
    [InlineData("user_id", null, "required")]
    [InlineData("user_id", "x*201", "text_too_long|max=200")]
    [InlineData("timestamp", null, "required")]
    [InlineData("timestamp", "2026-03-01T09:00:00", "timestamp_without_offset")]
    [InlineData("timestamp", "yesterday", "not_a_timestamp")]
    [InlineData("timestamp", "2026-03-01 09:00", "timestamp_without_offset")]
    [InlineData("timestamp", "2026-02-29", "not_a_date")]
    [InlineData("event", null, "required")]
    [InlineData("event", "sign up", "not_a_word")]
    [InlineData("event", "sign-up", "not_a_word")]
    [InlineData("event", "café", "not_a_word")]
    [InlineData("event", "x*41", "text_too_long|max=40")]
    [InlineData("session_seconds", "86401", "number_too_large|max=86400")]
    [InlineData("session_seconds", "-1", "negative")]
    [InlineData("session_seconds", "12.5", "not_a_whole_number")]
    [InlineData("content_id", "x*201", "text_too_long|max=200")]
    public void Import_InvalidValue_IsRefusedWithLineColumnValueAndReason(string column, string? value, string reason) =>
        AssertRefused(Sample, column, value, reason);

    [Theory]
    [InlineData("event", "x*40")]
    [InlineData("session_seconds", "86400")]
    [InlineData("session_seconds", null)]
    [InlineData("content_id", "x*200")]
    public void Import_BorderlineValue_IsAccepted(string column, string? value) => AssertAccepted(Sample, column, value);
}

public sealed class ActivityImportTestsOnSqlite() : ActivityImportTests(StoreProvider.Sqlite);

public sealed class ActivityImportTestsOnPostgres() : ActivityImportTests(StoreProvider.Postgres);
