using Mercato.Core.DataCenter;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Import;

public abstract class ConversionsImportTests(StoreProvider provider) : KindImportTest(provider)
{
    private static readonly KindSample Sample = KindSample.Conversions;

    private static readonly List<(string, string, long, long, long?)> Expected =
    [
        ("o1", "u1", Ms(2026, 3, 1, 12, 0), 1_999_900L, 800_000L),
        ("o2", "u2", Ms(2026, 3, 2, 0, 0), 500_000L, null),
        ("o3", "u3", Ms(2026, 3, 3), 0L, 0L),
        ("o4", "u3", Ms(2026, 3, 3, 1, 0), 12_345_678_901L, 1L),
    ];

    private List<(string, string, long, long, long?)> Stored() =>
        Query<(string, string, long, long, long?)>("SELECT conversion_id, user_id, ts, revenue, cost FROM conversions ORDER BY ts");

    [Fact]
    public void Import_ValidCsv_CountsEveryRowAndStoresExactValues()
    {
        var result = ImportCsv(DataKinds.Conversions, """
            conversion_id,user_id,timestamp,revenue,cost
            o1,u1,2026-03-01T12:00:00Z,199.99,80
            o2,u2,2026-03-02T08:00:00+08:00,50,
            o3,u3,2026-03-03,0,0.0000
            o4,u3,2026-03-03T01:00:00Z,1234567.8901,0.0001
            """);

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal((4L, 4L, 0L, 0L, 0L), (result.RowsRead, result.Added, result.Updated, result.Unchanged, result.Rejected));
        Assert.Empty(result.Errors);
        Assert.Empty(result.NewChannels);
        Assert.Equal(Expected, Stored());
    }

    [Fact]
    public void Import_ValidJsonLines_StoresTheSameValuesAsCsv()
    {
        var result = ImportJsonl(DataKinds.Conversions, """
            {"conversion_id":"o1","user_id":"u1","timestamp":"2026-03-01T12:00:00Z","revenue":199.99,"cost":80}
            {"conversion_id":"o2","user_id":"u2","timestamp":"2026-03-02T08:00:00+08:00","revenue":"50","cost":null}
            {"conversion_id":"o3","user_id":"u3","timestamp":"2026-03-03","revenue":0,"cost":"0.0000"}
            {"conversion_id":"o4","user_id":"u3","timestamp":"2026-03-03T01:00:00Z","revenue":1234567.8901,"cost":0.0001}
            """);

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal((4L, 4L), (result.RowsRead, result.Added));
        Assert.Equal(Expected, Stored());
    }

    [Theory]
    [InlineData("conversion_id", null, "required")]
    [InlineData("conversion_id", "x*201", "text_too_long|max=200")]
    [InlineData("user_id", null, "required")]
    [InlineData("user_id", "x*201", "text_too_long|max=200")]
    [InlineData("timestamp", null, "required")]
    [InlineData("timestamp", "2026-03-01T12:00:00", "timestamp_without_offset")]
    [InlineData("timestamp", "2026-13-01", "not_a_date")]
    [InlineData("timestamp", "2026-03-01T12:00:00+25:00", "not_a_timestamp")]
    [InlineData("revenue", null, "required")]
    [InlineData("revenue", "abc", "not_a_number")]
    [InlineData("revenue", "12,5", "not_a_number")]
    [InlineData("revenue", "-5", "negative")]
    [InlineData("revenue", "1.00001", "too_many_decimals|max=4")]
    [InlineData("cost", "-0.01", "negative")]
    [InlineData("cost", "0.12345", "too_many_decimals|max=4")]
    [InlineData("cost", "free", "not_a_number")]
    public void Import_InvalidValue_IsRefusedWithLineColumnValueAndReason(string column, string? value, string reason) =>
        AssertRefused(Sample, column, value, reason);

    [Theory]
    [InlineData("conversion_id", "x*200")]
    [InlineData("revenue", "0.0001")]
    [InlineData("cost", null)]
    public void Import_BorderlineValue_IsAccepted(string column, string? value) => AssertAccepted(Sample, column, value);
}

public sealed class ConversionsImportTestsOnSqlite() : ConversionsImportTests(StoreProvider.Sqlite);

public sealed class ConversionsImportTestsOnPostgres() : ConversionsImportTests(StoreProvider.Postgres);
