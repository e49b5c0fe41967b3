using Mercato.Core.DataCenter;
using Mercato.Storage.Import;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Import;

public abstract class SpendImportTests(StoreProvider provider) : KindImportTest(provider)
{
    private static readonly KindSample Sample = KindSample.Spend;

    private List<(string Day, string Channel, string? Campaign, long Spend, long? Impressions, long? Clicks)> Stored() =>
        Query<(string, string, string?, long, long?, long?)>(
            """
            SELECT s.day, c.name, s.campaign, s.spend, s.impressions, s.clicks
            FROM spend s JOIN channels c ON c.id = s.channel_id ORDER BY s.day, s.spend
            """);

    [Fact]
    public void Import_ValidCsv_CountsEveryRowAndStoresExactValues()
    {
        var result = ImportCsv(DataKinds.Spend, """
            date,channel,campaign,spend,impressions,clicks
            2026-03-01,search,spring,12.5,1000,40
            2026-03-01,social_feed,,7,,
            2026-03-02,Search,spring,0.0001,10,10
            """);

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal("spend", result.Kind);
        Assert.Equal(3, result.RowsRead);
        Assert.Equal(3, result.Added);
        Assert.Equal(0, result.Updated);
        Assert.Equal(0, result.Unchanged);
        Assert.Equal(0, result.Rejected);
        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.True(result.BatchId > 0);
        Assert.Equal(["search", "social_feed"], result.NewChannels);
        Assert.Equal(
            [
                ("2026-03-01", "social_feed", null, 70_000L, null, null),
                ("2026-03-01", "search", "spring", 125_000L, 1000L, 40L),
                ("2026-03-02", "search", "spring", 1L, 10L, 10L),
            ],
            Stored());
        Assert.Equal(result.BatchId, Scalar<long>("SELECT MIN(batch_id) FROM spend"));
        Assert.Equal(result.BatchId, Scalar<long>("SELECT MAX(batch_id) FROM spend"));
    }

    [Fact]
    public void Import_ValidJsonLines_StoresTheSameValuesAsCsv()
    {
        var result = ImportJsonl(DataKinds.Spend, """
            {"date":"2026-03-01","channel":"search","campaign":"spring","spend":12.5,"impressions":1000,"clicks":40}
            {"date":"2026-03-01","channel":"social_feed","campaign":null,"spend":"7"}
            {"date":"2026-03-02","channel":"Search","campaign":"spring","spend":0.0001,"impressions":"10","clicks":10}
            """);

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal(3, result.RowsRead);
        Assert.Equal(3, result.Added);
        Assert.Equal(
            [
                ("2026-03-01", "social_feed", null, 70_000L, null, null),
                ("2026-03-01", "search", "spring", 125_000L, 1000L, 40L),
                ("2026-03-02", "search", "spring", 1L, 10L, 10L),
            ],
            Stored());
    }

    [Fact]
    public void Import_OnlyRequiredColumns_StoresNullsForTheOptionalOnes()
    {
        var result = ImportCsv(DataKinds.Spend, "spend,channel,date\n3.25,wechat_ads,2026-03-05\n");

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal([("2026-03-05", "wechat_ads", null, 32_500L, null, null)], Stored());
    }

    [Fact]
    public void Import_ValuesWithSurroundingSpaces_AreTrimmed()
    {
        var result = ImportCsv(DataKinds.Spend, "date,channel,campaign,spend\n 2026-03-05 , search , spring , 2.5 \n");

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal([("2026-03-05", "search", "spring", 25_000L, null, null)], Stored());
    }

    [Theory]
    [InlineData("date", null, "one_of_required|columns=date, timestamp")]
    [InlineData("date", "2026-02-30", "not_a_date")]
    [InlineData("date", "03/01/2026", "not_a_date")]
    [InlineData("date", "2026-03-01T00:00:00Z", "not_a_date")]
    [InlineData("channel", null, "required")]
    [InlineData("channel", "x*101", "text_too_long|max=100")]
    [InlineData("channel", "tab\there", "control_characters")]
    [InlineData("campaign", "x*201", "text_too_long|max=200")]
    [InlineData("spend", null, "required")]
    [InlineData("spend", "abc", "not_a_number")]
    [InlineData("spend", "1,000", "not_a_number")]
    [InlineData("spend", "1e3", "not_a_number")]
    [InlineData("spend", "-1", "negative")]
    [InlineData("spend", "1.23456", "too_many_decimals|max=4")]
    [InlineData("spend", "100000000000000.01", "amount_too_large")]
    [InlineData("impressions", "1.5", "not_a_whole_number")]
    [InlineData("impressions", "many", "not_a_whole_number")]
    [InlineData("impressions", "-3", "negative")]
    [InlineData("clicks", "-1", "negative")]
    [InlineData("conversions", "-1", "negative")]
    [InlineData("conversions", "2.5", "not_a_whole_number")]
    [InlineData("installs", "some", "not_a_whole_number")]
    [InlineData("installs", "-7", "negative")]
    public void Import_InvalidValue_IsRefusedWithLineColumnValueAndReason(string column, string? value, string reason) =>
        AssertRefused(Sample, column, value, reason);

    [Fact]
    public void Import_ClicksAboveImpressions_IsRefused()
    {
        var bad = Sample.With(Sample.With(Sample.Row(2), "impressions", "10"), "clicks", "11");
        AssertRefusedRow(bad, "clicks", "11", "clicks_exceed_impressions|clicks=11|impressions=10");
    }

    [Theory]
    [InlineData("spend", "12.50000")]
    [InlineData("spend", "0")]
    [InlineData("spend", "+5")]
    [InlineData("spend", "100000000000000")]
    [InlineData("clicks", "1000")]
    [InlineData("channel", "x*100")]
    public void Import_BorderlineValue_IsAccepted(string column, string value) => AssertAccepted(Sample, column, value);

    [Fact]
    public void Import_ConversionsAndInstalls_AreStored_NullWhenNotGiven()
    {
        var result = ImportCsv(DataKinds.Spend, """
            date,channel,campaign,spend,impressions,clicks,conversions,installs
            2026-03-01,app_store,spring,10,1000,40,3,12
            2026-03-02,app_store,spring,10,1000,40,,
            2026-03-03,app_store,spring,10,1000,40,500,0
            """);

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal([("2026-03-01", 3L, 12L), ("2026-03-02", null, null), ("2026-03-03", 500L, 0L)],
            Query<(string, long?, long?)>("SELECT day, conversions, installs FROM spend ORDER BY day"));
    }

    [Fact]
    public void Import_AnEarlierFileWithoutTheNewColumns_IsAlreadyPresent_AddingThemUpdatesTheSameRows()
    {
        var earlier = "date,channel,campaign,spend,impressions,clicks\n2026-03-01,search,spring,12.5,1000,40\n2026-03-02,search,,7,,\n";
        var first = ImportCsv(DataKinds.Spend, earlier);
        var again = ImportCsv(DataKinds.Spend, earlier);
        var emptyColumns = ImportCsv(DataKinds.Spend, "date,channel,campaign,spend,impressions,clicks,conversions,installs\n2026-03-01,search,spring,12.5,1000,40,,\n");
        var withDelivery = ImportJsonl(DataKinds.Spend, """
            {"date":"2026-03-01","channel":"Search","campaign":"spring","spend":12.5,"impressions":1000,"clicks":40,"conversions":4,"installs":9}
            """);

        Assert.Equal((2L, 0L, 0L), (first.Added, first.Updated, first.Unchanged));
        Assert.Equal((0L, 0L, 2L), (again.Added, again.Updated, again.Unchanged));
        Assert.Equal((0L, 0L, 1L), (emptyColumns.Added, emptyColumns.Updated, emptyColumns.Unchanged));
        Assert.Equal((0L, 1L, 0L), (withDelivery.Added, withDelivery.Updated, withDelivery.Unchanged));
        Assert.Equal([("2026-03-01", 4L, 9L), ("2026-03-02", null, null)],
            Query<(string, long?, long?)>("SELECT day, conversions, installs FROM spend ORDER BY day"));
    }

    [Fact]
    public void Import_HourlyFile_StoresTheLocalDayAndHour_AndAReimportAddsNothing()
    {
        Assert.True(Store.TrySetTimeZone("Asia/Shanghai"));
        var hourly = """
            timestamp,channel,campaign,spend,impressions,clicks,conversions
            2026-03-01T09:00:00+08:00,douyin_ads,spring,12.5,1000,40,2
            2026-03-01T02:00:00Z,douyin_ads,spring,20,1500,50,
            2026-02-28T16:00:00Z,douyin_ads,spring,3,100,1,
            2026-03-01 23:00:00+0800,Douyin_Ads,,1.25,10,1,
            """;

        var first = ImportCsv(DataKinds.Spend, hourly);
        var again = ImportCsv(DataKinds.Spend, hourly);
        var asJsonl = ImportJsonl(DataKinds.Spend, """
            {"timestamp":"2026-03-01T01:00:00Z","channel":"douyin_ads","campaign":"spring","spend":12.5,"impressions":1000,"clicks":40,"conversions":2}
            """);

        Assert.Equal((ImportStatus.Committed, 4L, 0L, 0L), (first.Status, first.Added, first.Updated, first.Unchanged));
        Assert.Equal((ImportStatus.Committed, 0L, 0L, 4L), (again.Status, again.Added, again.Updated, again.Unchanged));
        Assert.Equal((0L, 0L, 1L), (asJsonl.Added, asJsonl.Updated, asJsonl.Unchanged));

        // 02-28T16:00Z is 03-01 00:00 in Shanghai; 02:00Z is 10:00.
        Assert.Equal(
            [("2026-03-01", 0L, 30_000L), ("2026-03-01", 9L, 125_000L), ("2026-03-01", 10L, 200_000L), ("2026-03-01", 23L, 12_500L)],
            Query<(string, long?, long)>("SELECT day, hour, spend FROM spend ORDER BY hour"));
    }

    [Fact]
    public void Import_DailyAndHourlyRowsOfOneDay_AreDifferentFacts_AndBothCount()
    {
        var daily = ImportCsv(DataKinds.Spend, "date,channel,campaign,spend\n2026-03-01,search,spring,100\n");
        var hourly = ImportCsv(DataKinds.Spend, "timestamp,channel,campaign,spend\n2026-03-01T00:00:00Z,search,spring,40\n2026-03-01T01:00:00Z,search,spring,60\n");

        Assert.Equal((1L, 2L), (daily.Added, hourly.Added));
        Assert.Equal([("2026-03-01", null), ("2026-03-01", 0L), ("2026-03-01", 1L)], Query<(string, long?)>("SELECT day, hour FROM spend ORDER BY COALESCE(hour, -1)"));
        Assert.Equal(2_000_000L, Scalar<long>("SELECT SUM(spend) FROM spend WHERE day = '2026-03-01'"));
    }

    [Theory]
    [InlineData("2026-03-01T09:30:00Z", "not_whole_hour|zone=UTC|local=2026-03-01T09:30:00+00:00")]
    [InlineData("2026-03-01T09:00:01Z", "not_whole_hour|zone=UTC|local=2026-03-01T09:00:01+00:00")]
    [InlineData("2026-03-01", "hour_without_time")]
    [InlineData("2026-03-01T09:00:00", "timestamp_without_offset")]
    public void Import_HourlyRowNotOnAWholeHour_IsRefusedWithLineColumnAndReason(string timestamp, string reason)
    {
        foreach (var format in BothFormats)
        {
            var text = format == DataFormat.Csv
                ? "timestamp,channel,spend\n2026-03-01T08:00:00Z,search,1\n" + timestamp + ",search,2\n"
                : "{\"timestamp\":\"2026-03-01T08:00:00Z\",\"channel\":\"search\",\"spend\":1}\n{\"timestamp\":\"" + timestamp + "\",\"channel\":\"search\",\"spend\":2}\n";

            var result = Import(DataKinds.Spend, format, text);

            Assert.Equal(ImportStatus.Rejected, result.Status);
            var error = Assert.Single(result.Errors);
            Assert.Equal((KindSample.LineOf(format, 1), "timestamp", timestamp), (error.Line, error.Column, error.Value));
            AssertReason(reason, error);
            Assert.Equal(0, Count("spend"));
        }
    }

    [Fact]
    public void Import_FileWithBothDateAndTimestamp_IsRefusedBeforeAnyRow()
    {
        var result = ImportCsv(DataKinds.Spend, "date,channel,spend,timestamp\n2026-03-01,search,1,\n,search,2,2026-03-01T08:00:00Z\n");

        Assert.Equal((ImportStatus.Rejected, 0L), (result.Status, result.RowsRead));
        var error = Assert.Single(result.Errors);
        Assert.Equal((1L, "timestamp", StorageCodes.ColumnsExclusive), (error.Line, error.Column, error.Code));
        AssertReason("columns_exclusive|columns=date, timestamp", error);
        Assert.Equal(0, Count("spend"));
    }

    [Fact]
    public void Import_FileWithNeitherDateNorTimestamp_IsRefusedBeforeAnyRow()
    {
        var result = ImportCsv(DataKinds.Spend, "channel,spend\nsearch,1\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((ImportStatus.Rejected, 1L, "date"), (result.Status, error.Line, error.Column));
        AssertReason("required_column_missing_one_of|columns=date, timestamp", error);
    }

    [Fact]
    public void Import_JsonLinesRowWithBothOrNeither_IsRefusedOnItsLine()
    {
        var result = ImportJsonl(DataKinds.Spend, """
            {"date":"2026-03-01","channel":"search","spend":1}
            {"date":"2026-03-01","timestamp":"2026-03-01T08:00:00Z","channel":"search","spend":1}
            {"channel":"search","spend":1}
            """);

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal([(2L, "timestamp", "only_one_of"), (3L, "date", "one_of_required")], result.Errors.Select(e => (e.Line, e.Column, e.Code)));
    }

    [Fact]
    public void Import_TrailingZerosBeyondFourDecimals_StoreTheExactAmount()
    {
        ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,12.50000\n");

        Assert.Equal(125_000L, Scalar<long>("SELECT spend FROM spend"));
    }

    [Fact]
    public void Import_ClicksWithoutImpressions_IsAccepted()
    {
        var result = ImportCsv(DataKinds.Spend, "date,channel,spend,clicks\n2026-03-01,search,1,50\n");

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal([("2026-03-01", "search", null, 10_000L, null, 50L)], Stored());
    }

    [Fact]
    public void Import_RowWithSeveralBadValues_ReportsEachOfThem()
    {
        var result = ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-13-01,,abc\n");

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal(1, result.Rejected);
        Assert.Equal(["date", "channel", "spend"], result.Errors.Select(e => e.Column));
        Assert.All(result.Errors, e => Assert.Equal(2, e.Line));
    }

    private void AssertRefusedRow(string?[] bad, string column, string value, string reason)
    {
        foreach (var format in BothFormats)
        {
            var result = Import(DataKinds.Spend, format, Sample.Render(format, [Sample.Row(0), Sample.Row(1), bad]));

            Assert.Equal(ImportStatus.Rejected, result.Status);
            var error = Assert.Single(result.Errors);
            Assert.Equal(KindSample.LineOf(format, 2), error.Line);
            Assert.Equal(column, error.Column);
            Assert.Equal(value, error.Value);
            AssertReason(reason, error);
            Assert.Equal(0, Count("spend"));
        }
    }
}

public sealed class SpendImportTestsOnSqlite() : SpendImportTests(StoreProvider.Sqlite);

public sealed class SpendImportTestsOnPostgres() : SpendImportTests(StoreProvider.Postgres);
