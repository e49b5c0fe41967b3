using Mercato.Core.AdMonitoring;
using Mercato.Core.Alerts;
using Mercato.Core.Anomalies;

namespace Mercato.Core.Tests.AdMonitoring;

/// <summary>Delivery series watched by the existing detectors, and the alert center's findings.</summary>
public class DeliveryAnomaliesTests
{
    /// <summary>A Monday.</summary>
    private static readonly DateOnly First = new(2026, 10, 5);

    /// <summary>Six weeks: 1000 clicks on weekdays and 600 at weekends, a 2% CTR, a CPC of 1.20, 2% of clicks convert.</summary>
    private static List<DeliveryDay> Steady() =>
    [
        .. Enumerable.Range(0, 42).Select(t =>
        {
            var clicks = t % 7 < 5 ? 1000L : 600L;
            return new DeliveryDay(clicks * 1.20m, clicks * 50, clicks, clicks / 50);
        }),
    ];

    [Fact]
    public void SteadyDelivery_HasNoAnomaly()
    {
        Assert.All(Enum.GetValues<DeliveryMetric>(), m => Assert.Empty(DeliveryAnomalies.Scan(Steady(), m)));
        Assert.Empty(DeliveryAnomalies.Alerts("douyin", Steady(), First, TimeZoneInfo.Utc));
    }

    [Fact]
    public void CpcDoubling_OnTheLastWeekend_IsASpendAndACpcAnomaly_WithTheMoneyPaidAboveThePrice()
    {
        var days = Steady();
        days[40] = days[40] with { Spend = days[40].Spend * 2 };
        days[41] = days[41] with { Spend = days[41].Spend * 2 };

        var cpc = Assert.Single(DeliveryAnomalies.Scan(days, DeliveryMetric.Cpc));
        var spend = Assert.Single(DeliveryAnomalies.Scan(days, DeliveryMetric.Spend));

        // (2.40 − 1.20) × 600 clicks × 2 days = 1440; spend 1440 a day against 720 expected, twice.
        Assert.Equal((40, 41, 2.4, 1.2, AnomalyDirection.Up, (decimal?)1440m), (cpc.Start, cpc.End, cpc.Value, cpc.Expected, cpc.Direction, cpc.MoneyInvolved));
        Assert.Equal((40, 41, 1440.0, 720.0, (decimal?)1440m), (spend.Start, spend.End, spend.Value, spend.Expected, spend.MoneyInvolved));
        Assert.Empty(DeliveryAnomalies.Scan(days, DeliveryMetric.Clicks));
        Assert.Empty(DeliveryAnomalies.Scan(days, DeliveryMetric.Ctr));

        var alerts = DeliveryAnomalies.Alerts("douyin/c1", days, First, TimeZoneInfo.Utc);

        // CPM doubles too; CPA is not judged at weekends (12 conversions a day, fewer than 20), so it carries Friday's.
        Assert.Equal(["ad_anomaly:douyin/c1:spend:2026-11-14", "ad_anomaly:douyin/c1:cpm:2026-11-14", "ad_anomaly:douyin/c1:cpc:2026-11-14"], alerts.Select(a => a.Key));
        var alert = alerts[2];
        Assert.Equal((AlertKind.AdAnomaly, AlertSeverity.Severe, "douyin/c1 cpc", "ad_delivery"), (alert.Kind, alert.Severity, alert.Subject, alert.OwnerFunction));
        Assert.Equal((new DateTimeOffset(2026, 11, 14, 0, 0, 0, TimeSpan.Zero), (DateTimeOffset?)null, (decimal?)1440m), (alert.Since, alert.Evidence.End, alert.Evidence.MoneyAtStake));
        Assert.Contains(new KeyValuePair<string, string>("direction", "up"), alert.Evidence.Details);
    }

    [Fact]
    public void ClicksThatStopComing_AreACtrDrop_WithTheDaysSpend()
    {
        var days = Steady();
        days[41] = days[41] with { Clicks = 200, Spend = 240m };

        var ctr = Assert.Single(DeliveryAnomalies.Scan(days, DeliveryMetric.Ctr));

        Assert.Equal((41, AnomalyDirection.Down, 200.0 / 30_000, 0.02, (decimal?)240m), (ctr.Start, ctr.Direction, ctr.Value, ctr.Expected, ctr.MoneyInvolved));
    }

    [Fact]
    public void TooShortASeries_HasNoVolumeAnomaly()
    {
        Assert.Empty(DeliveryAnomalies.Scan(Steady().Take(14).ToList(), DeliveryMetric.Spend));
    }
}
