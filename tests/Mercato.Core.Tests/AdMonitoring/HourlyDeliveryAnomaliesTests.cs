using Mercato.Core.AdMonitoring;
using Mercato.Core.Alerts;
using Mercato.Core.Anomalies;

namespace Mercato.Core.Tests.AdMonitoring;

/// <summary>Hourly delivery series: each hour judged against the same hour of the week, and the alerts that name their hour.</summary>
public class HourlyDeliveryAnomaliesTests
{
    /// <summary>A Monday.</summary>
    private static readonly DateOnly First = new(2026, 10, 5);

    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>Clicks in an hour: 200 from 09:00 to 20:59, 40 at night, three fifths of that at weekends.</summary>
    private static long Clicks(int t)
    {
        var hour = t % 24;
        var clicks = hour is >= 9 and < 21 ? 200L : 40L;
        return (t / 24) % 7 < 5 ? clicks : clicks * 3 / 5;
    }

    /// <summary>Six weeks of hours (1,008): a 2% CTR, a CPC of 1.20, 2% of clicks convert, the same every week.</summary>
    private static List<DeliveryDay> Steady() =>
        [.. Enumerable.Range(0, 42 * 24).Select(t => new DeliveryDay(Clicks(t) * 1.20m, Clicks(t) * 50, Clicks(t), Clicks(t) / 50))];

    /// <summary>The same hours with noise of up to ±6% on clicks (and so on spend and conversions) from a fixed seed.</summary>
    private static List<DeliveryDay> Noisy()
    {
        var random = new Random(20261206);
        return
        [
            .. Enumerable.Range(0, 42 * 24).Select(t =>
            {
                var clicks = (long)Math.Round(Clicks(t) * (0.94 + (0.12 * random.NextDouble())));
                return new DeliveryDay(clicks * 1.20m, Clicks(t) * 50, clicks, clicks / 50);
            }),
        ];
    }

    [Fact]
    public void QuietHourlyNoise_RaisesNothing()
    {
        var hours = Noisy();

        Assert.All(Enum.GetValues<DeliveryMetric>(), m => Assert.Empty(DeliveryAnomalies.Scan(hours, m, AnomalyPeriod.Hour)));
        Assert.Empty(DeliveryAnomalies.HourlyAlerts("channel:douyin", hours, First, Shanghai));
    }

    [Fact]
    public void NightHours_AreNotAnomalies_AgainstTheSameHourOfTheWeek()
    {
        // The night's 40 clicks against the day's 200 would be a fall of four fifths against the hour before; the same hour
        // of the past weeks expects them.
        Assert.Empty(DeliveryAnomalies.Scan(Steady(), DeliveryMetric.Clicks, AnomalyPeriod.Hour));
    }

    [Fact]
    public void PlantedHourlySpike_IsFoundAtItsHour_WithTheMoneyPaidAboveThePrice()
    {
        var hours = Steady();
        var spike = (40 * 24) + 14; // Saturday 2026-11-14, 14:00-15:00
        hours[spike] = hours[spike] with { Spend = hours[spike].Spend * 2 };

        var spend = Assert.Single(DeliveryAnomalies.Scan(hours, DeliveryMetric.Spend, AnomalyPeriod.Hour));
        var cpc = Assert.Single(DeliveryAnomalies.Scan(hours, DeliveryMetric.Cpc, AnomalyPeriod.Hour));

        // 120 clicks at 2.40 instead of 1.20: spend 288 against 144, and 1.20 × 120 = 144 paid above the price.
        Assert.Equal((spike, spike, spike, 288.0, 144.0, AnomalyDirection.Up, (decimal?)144m),
            (spend.Start, spend.End, spend.Peak, spend.Value, spend.Expected, spend.Direction, spend.MoneyInvolved));
        Assert.Equal((spike, spike, 2.4, 1.2, (decimal?)144m), (cpc.Start, cpc.End, cpc.Value, cpc.Expected, cpc.MoneyInvolved));
        Assert.Empty(DeliveryAnomalies.Scan(hours, DeliveryMetric.Clicks, AnomalyPeriod.Hour));
        Assert.Empty(DeliveryAnomalies.Scan(hours, DeliveryMetric.Ctr, AnomalyPeriod.Hour));

        var alerts = DeliveryAnomalies.HourlyAlerts("campaign:c1", hours, First, Shanghai);

        // CPM and CPA double too but are never judged by the hour here: an hour buys at most 10 thousand impressions and 4
        // conversions, fewer than 20 units.
        Assert.Equal(["ad_anomaly:campaign:c1:spend:2026-11-14T14", "ad_anomaly:campaign:c1:cpc:2026-11-14T14"], alerts.Select(a => a.Key));
        var alert = alerts[1];
        var at = new DateTimeOffset(2026, 11, 14, 14, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal((AlertKind.AdAnomaly, AlertSeverity.Severe, "campaign:c1 cpc at 2026-11-14 14:00", "ad_delivery"), (alert.Kind, alert.Severity, alert.Subject, alert.OwnerFunction));
        Assert.Equal((at, at, (DateTimeOffset?)at.AddHours(1), at, (decimal?)144m, "cpc per hour"),
            (alert.Since, alert.Evidence.Start, alert.Evidence.End, alert.Evidence.Peak, alert.Evidence.MoneyAtStake, alert.Evidence.Measure));
        Assert.Equal((2.4, 1.2), (alert.Evidence.Value, alert.Evidence.Expected));
        Assert.Equal(
            [new("hour", "2026-11-14 14:00"), new("direction", "up"), new("hours", "1"), new("spend", "288.00")],
            alert.Evidence.Details);
    }

    [Fact]
    public void HourlySpike_OlderThanTheLast48Hours_IsReportedButNotAlerted()
    {
        var hours = Steady();
        var spike = (38 * 24) + 14;
        hours[spike] = hours[spike] with { Spend = hours[spike].Spend * 2 };

        Assert.Equal(spike, Assert.Single(DeliveryAnomalies.Scan(hours, DeliveryMetric.Spend, AnomalyPeriod.Hour)).Start);
        Assert.Empty(DeliveryAnomalies.HourlyAlerts("channel:douyin", hours, First, Shanghai));
    }

    [Fact]
    public void TooShortAnHourlySeries_HasNoAnomaly()
    {
        // The hourly warm-up is four weeks of hours: 28 days and one more are needed.
        var hours = Steady().Take(28 * 24).ToList();
        hours[^10] = hours[^10] with { Spend = hours[^10].Spend * 5 };

        Assert.Empty(DeliveryAnomalies.Scan(hours, DeliveryMetric.Spend, AnomalyPeriod.Hour));
    }

    [Fact]
    public void BuildHourly_StartsEachScopeOnItsFirstHourlyDay_AndSumsItsRowsPerHour()
    {
        var window = new DateRange(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 3));
        HourlyDeliveryRow[] rows =
        [
            new(new DateOnly(2026, 3, 2), 23, "douyin", "spring", 10m, 1000, 20, 1),
            new(new DateOnly(2026, 3, 2), 23, "douyin", null, 5m, 500, 10, 0),
            new(new DateOnly(2026, 3, 3), 0, "baidu", "spring", 7m, 100, 4, 2),
            new(new DateOnly(2026, 3, 1), 5, "baidu", "other", 1m, 10, 1, 0),
            new(new DateOnly(2026, 3, 4), 1, "baidu", "spring", 99m, 1, 1, 0),
        ];

        var scopes = DeliverySeries.BuildHourly(rows, window, new Dictionary<string, string> { ["spring"] = "c-spring" });

        Assert.Equal(["channel:baidu", "channel:douyin", "campaign:c-spring"], scopes.Select(s => s.Scope));
        var (baidu, douyin, spring) = (scopes[0], scopes[1], scopes[2]);
        Assert.Equal((new DateOnly(2026, 3, 1), 72), (baidu.First, baidu.Hours.Count));
        Assert.Equal((new DateOnly(2026, 3, 2), 48), (douyin.First, douyin.Hours.Count));
        Assert.Equal(new DeliveryDay(15m, 1500, 30, 1), douyin.Hours[23]);
        Assert.Equal(new DeliveryDay(7m, 100, 4, 2), baidu.Hours[48]);
        Assert.Equal((new DateOnly(2026, 3, 2), 48), (spring.First, spring.Hours.Count));
        Assert.Equal(new DeliveryDay(10m, 1000, 20, 1), spring.Hours[23]);
        Assert.Equal(new DeliveryDay(7m, 100, 4, 2), spring.Hours[24]);
        Assert.Equal(17m, spring.Hours.Sum(h => h.Spend));
        Assert.Equal((new DateOnly(2026, 3, 3), 0), spring.At(24));
    }

    [Fact]
    public void HourIn_IsTheLocalHoursStart_AndSkipsAnHourThatDoesNotExist()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        Assert.Equal(new DateTimeOffset(2026, 11, 14, 14, 0, 0, TimeSpan.FromHours(8)), LocalTime.HourIn(new DateOnly(2026, 11, 14), 14, Shanghai));
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 3, 0, 0, TimeSpan.FromHours(-4)), LocalTime.HourIn(new DateOnly(2026, 3, 8), 2, newYork));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 1, 0, 0, TimeSpan.FromHours(-4)), LocalTime.HourIn(new DateOnly(2026, 11, 1), 1, newYork));
    }
}
