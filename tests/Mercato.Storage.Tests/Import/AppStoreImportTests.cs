using Mercato.Core.DataCenter;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Import;

public abstract class AppStoreImportTests(StoreProvider provider) : KindImportTest(provider)
{
    private static readonly KindSample Sample = KindSample.AppStore;

    private static readonly List<(string, string, long?, long?, long)> Expected =
    [
        ("2026-03-01", "apple_app_store", 10_000L, 900L, 300L),
        ("2026-03-01", "huawei_appgallery", null, null, 12L),
        ("2026-03-02", "apple_app_store", 50L, 40L, 45L),
    ];

    private List<(string, string, long?, long?, long)> Stored() =>
        Query<(string, string, long?, long?, long)>(
            "SELECT day, store, impressions, product_page_views, installs FROM appstore ORDER BY day, store");

    [Fact]
    public void Import_ValidCsv_CountsEveryRowAndStoresExactValues()
    {
        var result = ImportCsv(DataKinds.AppStore, """
            date,store,impressions,product_page_views,installs
            2026-03-01,Apple_App_Store,10000,900,300
            2026-03-01,huawei_appgallery,,,12
            2026-03-02,apple_app_store,50,40,45
            """);

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal((3L, 3L, 0L, 0L, 0L), (result.RowsRead, result.Added, result.Updated, result.Unchanged, result.Rejected));
        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.Equal(Expected, Stored());
    }

    [Fact]
    public void Import_ValidJsonLines_StoresTheSameValuesAsCsv()
    {
        var result = ImportJsonl(DataKinds.AppStore, """
            {"date":"2026-03-01","store":"Apple_App_Store","impressions":10000,"product_page_views":"900","installs":300}
            {"date":"2026-03-01","store":"huawei_appgallery","impressions":null,"installs":12}
            {"date":"2026-03-02","store":"apple_app_store","impressions":50,"product_page_views":40,"installs":45}
            """);

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal((3L, 3L), (result.RowsRead, result.Added));
        Assert.Equal(Expected, Stored());
    }

    [Fact]
    public void Import_InstallsAbovePageViewsAndPageViewsAboveImpressions_AreAccepted()
    {
        // Stores count installs made from search results without a product page view, and page views reached by links.
        var result = ImportCsv(DataKinds.AppStore, "date,store,impressions,product_page_views,installs\n2026-03-01,apple_app_store,10,20,30\n");

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("date", null, "required")]
    [InlineData("date", "01.03.2026", "not_a_date")]
    [InlineData("store", null, "required")]
    [InlineData("store", "App Store", "not_a_word")]
    [InlineData("store", "x*41", "text_too_long|max=40")]
    [InlineData("impressions", "-1", "negative")]
    [InlineData("impressions", "1e3", "not_a_whole_number")]
    [InlineData("product_page_views", "9.5", "not_a_whole_number")]
    [InlineData("installs", null, "required")]
    [InlineData("installs", "-4", "negative")]
    public void Import_InvalidValue_IsRefusedWithLineColumnValueAndReason(string column, string? value, string reason) =>
        AssertRefused(Sample, column, value, reason);

    [Theory]
    [InlineData("store", "x*40")]
    [InlineData("impressions", null)]
    [InlineData("product_page_views", null)]
    [InlineData("installs", "0")]
    public void Import_BorderlineValue_IsAccepted(string column, string? value) => AssertAccepted(Sample, column, value);
}

public sealed class AppStoreImportTestsOnSqlite() : AppStoreImportTests(StoreProvider.Sqlite);

public sealed class AppStoreImportTestsOnPostgres() : AppStoreImportTests(StoreProvider.Postgres);
