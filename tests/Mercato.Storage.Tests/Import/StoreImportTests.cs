using Mercato.Core.DataCenter;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Import;

public abstract class StoreImportTests(StoreProvider provider) : KindImportTest(provider)
{
    private static readonly KindSample Sample = KindSample.Store;

    private static readonly List<(string, string, long?, long, long, long?)> Expected =
    [
        ("2026-03-01", "jd_store", null, 3L, 8_970_000L, null),
        ("2026-03-01", "tmall_flagship", 1200L, 30L, 155_435_000L, 2_990_000L),
        ("2026-03-02", "tmall_flagship", 0L, 0L, 0L, 0L),
    ];

    private List<(string, string, long?, long, long, long?)> Stored() =>
        Query<(string, string, long?, long, long, long?)>(
            "SELECT day, store, visitors, orders, gmv, refunds FROM store ORDER BY day, store");

    [Fact]
    public void Import_ValidCsv_CountsEveryRowAndStoresExactValues()
    {
        var result = ImportCsv(DataKinds.Store, """
            date,store,visitors,orders,gmv,refunds
            2026-03-01,tmall_flagship,1200,30,15543.5,299
            2026-03-01,jd_store,,3,897,
            2026-03-02,tmall_flagship,0,0,0,0
            """);

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal((3L, 3L, 0L, 0L, 0L), (result.RowsRead, result.Added, result.Updated, result.Unchanged, result.Rejected));
        Assert.Empty(result.Errors);
        Assert.Equal(Expected, Stored());
    }

    [Fact]
    public void Import_ValidJsonLines_StoresTheSameValuesAsCsv()
    {
        var result = ImportJsonl(DataKinds.Store, """
            {"date":"2026-03-01","store":"tmall_flagship","visitors":1200,"orders":30,"gmv":15543.5,"refunds":"299"}
            {"date":"2026-03-01","store":"jd_store","visitors":null,"orders":"3","gmv":"897.0000"}
            {"date":"2026-03-02","store":"tmall_flagship","visitors":0,"orders":0,"gmv":0,"refunds":0}
            """);

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal((3L, 3L), (result.RowsRead, result.Added));
        Assert.Equal(Expected, Stored());
    }

    [Fact]
    public void Import_OrdersAboveVisitorsAndRefundsAboveGmv_AreAccepted()
    {
        // A visitor may order twice, and a day's refunds settle orders of earlier days.
        var result = ImportCsv(DataKinds.Store, "date,store,visitors,orders,gmv,refunds\n2026-03-01,tmall_flagship,2,3,10,50\n");

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Import_StoreNameIsPartOfTheIdentityExactly()
    {
        var result = ImportCsv(DataKinds.Store, "date,store,orders,gmv\n2026-03-01,Tmall,1,10\n2026-03-01,tmall,1,10\n2026-03-01,Tmall,2,20\n");

        Assert.Equal((2L, 1L), (result.Added, result.Updated));
    }

    [Theory]
    [InlineData("date", null, "required")]
    [InlineData("date", "2026-3-1", "not_a_date")]
    [InlineData("store", null, "required")]
    [InlineData("store", "x*201", "text_too_long|max=200")]
    [InlineData("visitors", "-1", "negative")]
    [InlineData("visitors", "12.0", "not_a_whole_number")]
    [InlineData("orders", null, "required")]
    [InlineData("orders", "-1", "negative")]
    [InlineData("gmv", null, "required")]
    [InlineData("gmv", "1,000", "not_a_number")]
    [InlineData("gmv", "-0.01", "negative")]
    [InlineData("gmv", "1.23456", "too_many_decimals|max=4")]
    [InlineData("gmv", "100000000000000.01", "amount_too_large")]
    [InlineData("refunds", "-5", "negative")]
    [InlineData("refunds", "abc", "not_a_number")]
    public void Import_InvalidValue_IsRefusedWithLineColumnValueAndReason(string column, string? value, string reason) =>
        AssertRefused(Sample, column, value, reason);

    [Theory]
    [InlineData("store", "康宁医疗旗舰店")]
    [InlineData("store", "x*200")]
    [InlineData("visitors", null)]
    [InlineData("refunds", null)]
    [InlineData("gmv", "0")]
    [InlineData("gmv", "100000000000000")]
    public void Import_BorderlineValue_IsAccepted(string column, string? value) => AssertAccepted(Sample, column, value);
}

public sealed class StoreImportTestsOnSqlite() : StoreImportTests(StoreProvider.Sqlite);

public sealed class StoreImportTestsOnPostgres() : StoreImportTests(StoreProvider.Postgres);
