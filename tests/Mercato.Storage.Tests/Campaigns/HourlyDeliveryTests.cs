using Mercato.Core.AdMonitoring;
using Mercato.Core.DataCenter;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Campaigns;

/// <summary>
/// The hourly delivery read against hand-written rows in Asia/Shanghai (UTC+8): only rows with an hour, summed per local
/// day, hour, channel and code; the daily read keeps summing every row by its day.
/// </summary>
public abstract class HourlyDeliveryTests(StoreProvider provider) : StoreTest(provider)
{
    private static readonly DateRange Window = new(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2));

    private const string Daily = """
        date,channel,campaign,spend,impressions,clicks,conversions
        2026-03-01,douyin_ads,spring,100,10000,100,5
        2026-03-02,baidu_sem,,50,500,5,
        """;

    // Local hours (UTC+8): 03-01 09:00 twice for douyin (two codes, one channel spelt twice), 03-01 10:00, 03-02 00:00
    // (16:00Z the day before), 03-03 00:00 (outside the window), 02-28 23:00 (outside).
    private const string Hourly = """
        timestamp,channel,campaign,spend,impressions,clicks,conversions
        2026-03-01T01:00:00Z,douyin_ads,spring,10,1000,10,1
        2026-03-01T09:00:00+08:00,Douyin_Ads,spring,5,500,5,
        2026-03-01T01:00:00Z,douyin_ads,,2,200,2,
        2026-03-01T02:00:00Z,douyin_ads,spring,7.5,700,7,2
        2026-03-01T16:00:00Z,baidu_sem,,3,30,,
        2026-03-02T16:00:00Z,baidu_sem,,99,990,9,
        2026-02-28T15:00:00Z,baidu_sem,,88,880,8,
        """;

    private CampaignQueries Load()
    {
        Assert.True(Store.TrySetTimeZone("Asia/Shanghai"));
        Assert.Equal(ImportStatus.Committed, ImportCsv(DataKinds.Spend, Daily).Status);
        var hourly = ImportCsv(DataKinds.Spend, Hourly);
        Assert.Equal((ImportStatus.Committed, 6L, 1L), (hourly.Status, hourly.Added, hourly.Updated));
        return new CampaignQueries(Store);
    }

    [Fact]
    public void HourlyDelivery_SumsTheRowsWithAnHour_PerLocalDayHourChannelAndCode()
    {
        var queries = Load();

        var rows = queries.HourlyDelivery(Window);

        // 09:00 douyin spring: the same hour and code given twice (01:00Z and 09:00+08:00) is one fact, the later value
        // (5) replacing the earlier (10) in the same file.
        Assert.Equal(
        [
            new HourlyDeliveryRow(new DateOnly(2026, 3, 1), 9, "douyin_ads", null, 2m, 200, 2, 0),
            new HourlyDeliveryRow(new DateOnly(2026, 3, 1), 9, "douyin_ads", "spring", 5m, 500, 5, 0),
            new HourlyDeliveryRow(new DateOnly(2026, 3, 1), 10, "douyin_ads", "spring", 7.5m, 700, 7, 2),
            new HourlyDeliveryRow(new DateOnly(2026, 3, 2), 0, "baidu_sem", null, 3m, 30, 0, 0),
        ], rows);
        Assert.Empty(queries.HourlyDelivery(new DateRange(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 27))));
    }

    [Fact]
    public void DailyDelivery_SumsDailyAndHourlyRowsByTheirDay()
    {
        var queries = Load();

        var rows = queries.Delivery(Window);

        // 03-01 douyin spring: the daily row (100) and the hours (5 + 7.5) count both.
        Assert.Equal(
        [
            new DeliveryRow(new DateOnly(2026, 3, 1), "douyin_ads", null, 2m, 200, 2, 0),
            new DeliveryRow(new DateOnly(2026, 3, 1), "douyin_ads", "spring", 112.5m, 11200, 112, 7),
            new DeliveryRow(new DateOnly(2026, 3, 2), "baidu_sem", null, 53m, 530, 5, 0),
        ], rows);
        Assert.Equal(
            [new DailySpend(new DateOnly(2026, 3, 1), 114.5m), new DailySpend(new DateOnly(2026, 3, 2), 53m)],
            queries.DailySpend(null, null, Window));
    }

    [Fact]
    public void AStoreWithOnlyDailyRows_HasNoHourlyDelivery()
    {
        Assert.Equal(ImportStatus.Committed, ImportCsv(DataKinds.Spend, Daily).Status);

        Assert.Empty(new CampaignQueries(Store).HourlyDelivery(Window));
    }
}

public sealed class HourlyDeliveryTestsOnSqlite() : HourlyDeliveryTests(StoreProvider.Sqlite);

public sealed class HourlyDeliveryTestsOnPostgres() : HourlyDeliveryTests(StoreProvider.Postgres);
