using Mercato.Core.DataCenter;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Import;

public abstract class CostsImportTests(StoreProvider provider) : KindImportTest(provider)
{
    private static readonly KindSample Sample = KindSample.Costs;

    private static readonly List<(string, string?, string, long, string)> Expected =
    [
        ("2026-03", null, "staff", 500_000_000L, "fixed"),
        ("2026-03", "kol", "kol_fee", 120_005_000L, "variable"),
        ("2026-04", "search", "agency", 30_000_000L, "fixed"),
        ("2026-04", "search", "livestream_commission", 5L, "variable"),
    ];

    private List<(string, string?, string, long, string)> Stored() =>
        Query<(string, string?, string, long, string)>(
            """
            SELECT k.month, c.name, k.category, k.amount, k.kind
            FROM costs k LEFT JOIN channels c ON c.id = k.channel_id ORDER BY k.month, k.amount DESC
            """);

    [Fact]
    public void Import_ValidCsv_CountsEveryRowAndStoresExactValues()
    {
        var result = ImportCsv(DataKinds.Costs, """
            month,channel,category,amount,kind
            2026-03,,staff,50000,fixed
            2026-03,kol,KOL_FEE,12000.5,variable
            2026-04,search,agency,3000,Fixed
            2026-04,search,livestream_commission,0.0005,variable
            """);

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal((4L, 4L, 0L, 0L, 0L), (result.RowsRead, result.Added, result.Updated, result.Unchanged, result.Rejected));
        Assert.Equal(["kol", "search"], result.NewChannels);
        Assert.Equal(Expected, Stored());
        Assert.Equal(1, Scalar<long>("SELECT COUNT(*) FROM costs WHERE channel_id IS NULL"));
    }

    [Fact]
    public void Import_CampaignColumn_IsOptional_StoredWhenGiven_AndMakesItsOwnFact()
    {
        // A file of the five original columns still imports; a campaign code makes a cost the campaign's, a fact of its own.
        var old = ImportCsv(DataKinds.Costs, """
            month,channel,category,amount,kind
            2026-04,,event,800,fixed
            """);
        var tagged = ImportCsv(DataKinds.Costs, """
            month,channel,category,amount,kind,campaign
            2026-04,,event,800,fixed,cmef-spring-2026
            2026-04,,event,800,fixed,
            """);

        Assert.Equal((1L, 0L), (old.Added, old.Rejected));
        Assert.Equal((1L, 1L), (tagged.Added, tagged.Unchanged));
        Assert.Equal(
            [(null, 8_000_000L), ("cmef-spring-2026", 8_000_000L)],
            Query<(string?, long)>("SELECT campaign, amount FROM costs ORDER BY campaign NULLS FIRST"));
    }

    [Fact]
    public void Import_ValidJsonLines_StoresTheSameValuesAsCsv()
    {
        var result = ImportJsonl(DataKinds.Costs, """
            {"month":"2026-03","category":"staff","amount":50000,"kind":"fixed"}
            {"month":"2026-03","channel":"kol","category":"KOL_FEE","amount":12000.5,"kind":"variable"}
            {"month":"2026-04","channel":"search","category":"agency","amount":"3000","kind":"Fixed"}
            {"month":"2026-04","channel":"search","category":"livestream_commission","amount":0.0005,"kind":"variable"}
            """);

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal((4L, 4L), (result.RowsRead, result.Added));
        Assert.Equal(Expected, Stored());
    }

    [Theory]
    [InlineData("month", null, "required")]
    [InlineData("month", "2026-13", "not_a_month")]
    [InlineData("month", "2026-3", "not_a_month")]
    [InlineData("month", "2026-03-01", "not_a_month")]
    [InlineData("month", "March", "not_a_month")]
    [InlineData("channel", "x*101", "text_too_long|max=100")]
    [InlineData("category", null, "required")]
    [InlineData("category", "salary", "not_one_of|expected=agency, staff, tools, kol_fee, livestream_commission, event, other")]
    [InlineData("amount", null, "required")]
    [InlineData("amount", "abc", "not_a_number")]
    [InlineData("amount", "-1", "negative")]
    [InlineData("amount", "1.00001", "too_many_decimals|max=4")]
    [InlineData("kind", null, "required")]
    [InlineData("kind", "monthly", "not_one_of|expected=fixed, variable")]
    public void Import_InvalidValue_IsRefusedWithLineColumnValueAndReason(string column, string? value, string reason) =>
        AssertRefused(Sample, column, value, reason);

    [Theory]
    [InlineData("channel", null)]
    [InlineData("category", "Tools")]
    [InlineData("category", "event")]
    [InlineData("kind", "VARIABLE")]
    public void Import_BorderlineValue_IsAccepted(string column, string? value) => AssertAccepted(Sample, column, value);
}

public sealed class CostsImportTestsOnSqlite() : CostsImportTests(StoreProvider.Sqlite);

public sealed class CostsImportTestsOnPostgres() : CostsImportTests(StoreProvider.Postgres);
