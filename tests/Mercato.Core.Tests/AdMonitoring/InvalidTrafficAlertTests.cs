using Mercato.Core.AdMonitoring;
using Mercato.Core.Alerts;

namespace Mercato.Core.Tests.AdMonitoring;

/// <summary>The invalid-traffic alert rule and the channel health series on hand-made verdicts.</summary>
public class InvalidTrafficAlertTests
{
    private static readonly DateOnly D = new(2026, 11, 10);

    private static int next;

    /// <summary><paramref name="clicks"/> clicks of a channel and placement at noon UTC of <paramref name="day"/>, the first <paramref name="flagged"/> flagged by <paramref name="rule"/>.</summary>
    private static IEnumerable<ClickVerdict> Clicks(DateOnly day, string channel, string? placement, int clicks, int flagged, string rule = "click_burst_ip", bool installs = false)
    {
        var noon = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        for (var i = 0; i < clicks; i++)
        {
            var at = noon.AddSeconds(i);
            var id = Interlocked.Increment(ref next);
            yield return new ClickVerdict(
                new ClickRecord($"c{id}", at, channel, null, null, $"d{id}", null, null, placement, installs ? at.AddMinutes(5) : null),
                i < flagged ? [rule] : []);
        }
    }

    /// <summary>
    /// douyin, 500 clicks a day: on D 300 on feed (20 duplicates) and 200 on spam_app (80 in bursts): 100 flagged, 20%;
    /// D−1 and D−2 60 of spam_app's 200 flagged (12% of the channel, passing); D−3..D−7 10 flagged. baidu 90 of 1,000
    /// (9%), app_store 40 of 100 (40% but under 50 clicks). A click the day after D is ignored.
    /// </summary>
    private static InvalidTrafficReport Log()
    {
        var v = new List<ClickVerdict>();
        for (var k = 7; k >= 1; k--)
        {
            var day = D.AddDays(-k);
            v.AddRange(Clicks(day, "douyin", "feed", 300, 0));
            v.AddRange(Clicks(day, "douyin", "spam_app", 200, k <= 2 ? 60 : 10));
        }

        v.AddRange(Clicks(D, "douyin", "feed", 300, 20, "duplicate_click"));
        v.AddRange(Clicks(D, "douyin", "spam_app", 200, 80));
        v.AddRange(Clicks(D, "baidu", null, 1000, 90, "bot_user_agent"));
        v.AddRange(Clicks(D, "app_store", "search", 100, 40, "click_injection"));
        v.AddRange(Clicks(D.AddDays(1), "baidu", null, 100, 100, "bot_user_agent"));
        return new InvalidTrafficReport(v, [], []);
    }

    private static string Detail(AlertCandidate a, string name) => a.Evidence.Details.Single(d => d.Key == name).Value;

    [Fact]
    public void AChannelOverTheShareWithEnoughInvalidClicks_Alerts_WithItsUsualShare_TheRunsStart_AndTheMoneyAtRisk()
    {
        var alerts = InvalidTrafficAlert.Find(Log(), D, TimeZoneInfo.Utc, new Dictionary<string, decimal> { ["douyin"] = 1000m, ["baidu"] = 500m });

        Assert.Equal(["invalid_traffic:channel:douyin:2026-11-10", "invalid_traffic:placement:douyin:spam_app:2026-11-10"], alerts.Select(a => a.Key));
        var c = alerts[0];
        Assert.Equal((AlertKind.InvalidTraffic, AlertSeverity.Warning, "douyin invalid clicks", "ad_delivery"), (c.Kind, c.Severity, c.Subject, c.OwnerFunction));
        // 100 of 500; usual = (60 + 60 + 5 × 10) ÷ 3,500 = 0.048571...; score in points = 100 × (0.2 − 0.048571) = 15.142857.
        Assert.Equal(0.2, c.Evidence.Value, 12);
        Assert.Equal(170.0 / 3500, c.Evidence.Expected, 12);
        Assert.Equal(100 * (0.2 - (170.0 / 3500)), c.Evidence.Score, 9);
        Assert.Equal(InvalidTrafficAlert.Measure, c.Evidence.Measure);
        // D−1 and D−2 passed too (60 of 500, 12%); D−3 did not: since D−2; the peak is D.
        Assert.Equal(new DateTimeOffset(2026, 11, 8, 0, 0, 0, TimeSpan.Zero), c.Since);
        Assert.Equal((c.Since, (DateTimeOffset?)null, new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero)), (c.Evidence.Start, c.Evidence.End, c.Evidence.Peak));
        Assert.Equal(200m, c.Evidence.MoneyAtStake);   // 1,000 × 100 ÷ 500, per click
        Assert.Equal(("500", "100", "20", "80", "duplicate_click=20; click_burst_ip=80"), (Detail(c, "clicks"), Detail(c, "invalid_clicks"), Detail(c, "givt"), Detail(c, "sivt"), Detail(c, "rules")));
        Assert.Equal(("0.0486", "3500", "2026-11-08", "cpc", "1000", "spam_app"),
            (Detail(c, "usual_share"), Detail(c, "usual_clicks"), Detail(c, "since"), Detail(c, "buying_model"), Detail(c, "spend"), Detail(c, "dominant_placement")));

        // spam_app holds 80 of the channel's 100 flagged clicks: its own alert, 40% (severe), usual (60 + 60 + 50) ÷ 1,400,
        // its part of the money at risk 200 × 80 ÷ 100 = 160.
        var p = alerts[1];
        Assert.Equal((AlertSeverity.Severe, "douyin / spam_app invalid clicks", 0.4, 160m), (p.Severity, p.Subject, p.Evidence.Value, p.Evidence.MoneyAtStake));
        Assert.Equal(170.0 / 1400, p.Evidence.Expected, 12);
        Assert.Equal(new DateTimeOffset(2026, 11, 8, 0, 0, 0, TimeSpan.Zero), p.Since);
    }

    [Fact]
    public void TheThresholds_AreInclusive_AndAPlacementThatDoesNotDominate_HasNoAlertOfItsOwn()
    {
        // 50 of 500 (exactly 10%, exactly 50): alerts; split over two placements of 25 each, neither reaches 50 clicks.
        var v = Clicks(D, "wechat", "a", 250, 25).Concat(Clicks(D, "wechat", "b", 250, 25)).ToList();
        var alert = Assert.Single(InvalidTrafficAlert.Find(new InvalidTrafficReport(v, [], []), D, TimeZoneInfo.Utc));
        Assert.Equal(("invalid_traffic:channel:wechat:2026-11-10", 0.0, 10.0), (alert.Key, alert.Evidence.Expected, alert.Evidence.Score));
        Assert.Null(alert.Evidence.MoneyAtStake);   // no spend given
        Assert.Equal("", Detail(alert, "usual_share"));   // no clicks before: no usual share
        Assert.DoesNotContain(alert.Evidence.Details, d => d.Key == "dominant_placement");   // 25 of 50 is half, not more: no placement dominates
        Assert.Equal(D, DateOnly.FromDateTime(alert.Since.UtcDateTime));

        // 49 of 490 (10%, one click short) and 50 of 501 (9.98%) do not.
        Assert.Empty(InvalidTrafficAlert.Find(new InvalidTrafficReport([.. Clicks(D, "wechat", "a", 490, 49)], [], []), D, TimeZoneInfo.Utc));
        Assert.Empty(InvalidTrafficAlert.Find(new InvalidTrafficReport([.. Clicks(D, "wechat", "a", 501, 50)], [], []), D, TimeZoneInfo.Utc));
        // A day without clicks has nothing to say.
        Assert.Empty(InvalidTrafficAlert.Find(new InvalidTrafficReport(v, [], []), D.AddDays(1), TimeZoneInfo.Utc));
    }

    [Fact]
    public void PerInstall_TheMoneyAtRiskFollowsTheFlaggedInstalls()
    {
        // 200 installed clicks of an app store, 60 flagged (injection): 30%; per install 600 × 60 ÷ 200 = 180.
        var v = Clicks(D, "app_store", "search", 200, 60, "click_injection", installs: true).ToList();
        var alerts = InvalidTrafficAlert.Find(new InvalidTrafficReport(v, [], []), D, TimeZoneInfo.Utc,
            new Dictionary<string, decimal> { ["app_store"] = 600m }, new Dictionary<string, BuyingModel> { ["app_store"] = BuyingModel.Cpi });

        Assert.Equal([180m, 180m], alerts.Select(a => a.Evidence.MoneyAtStake));   // the channel, and its one placement holding every flagged click
        Assert.Equal("cpi", Detail(alerts[1], "buying_model"));
    }

    [Fact]
    public void ChannelHealth_GivesEachDaysRatios_AbsentWhereTheDivisorIsZero_AndMarksAnomalies()
    {
        var window = new DateRange(D.AddDays(-2), D);
        DeliveryRow[] rows =
        [
            new(D.AddDays(-2), "Douyin", "x", 100m, 1000, 50, 5),
            new(D.AddDays(-2), "douyin", null, 20m, 0, 10, 1),
            new(D, "douyin", "x", 30m, 500, 0, 0),
            new(D, "baidu", null, 10m, 100, 4, 0),
            new(D.AddDays(1), "douyin", "x", 999m, 1, 1, 1),   // after the window
        ];
        ClickDay[] clicks = [new(D.AddDays(-2), "douyin", 40, 10), new(D, "baidu", 8, 0)];
        AnomalySpan[] anomalies = [new("douyin", DeliveryMetric.Cpc, D.AddDays(-1), D), new("douyin", DeliveryMetric.Spend, D, D.AddDays(3))];

        var series = ChannelHealth.Build(rows, window, clicks, anomalies);

        Assert.Equal(["baidu", "douyin"], series.Select(s => s.Channel));
        var douyin = series[1];
        Assert.True(douyin.HasConversions);
        var first = douyin.Days[0];
        // 120 spend, 1,000 impressions, 60 clicks, 6 conversions: CPC 2, CTR 0.06, CVR 0.1; 10 of 40 logged clicks flagged.
        Assert.Equal((120m, 1000L, 60L, 6L, (decimal?)2m), (first.Spend, first.Impressions, first.Clicks, first.Conversions, first.Cpc));
        Assert.Equal((0.06, 0.1, 40L, 10L, 0.25), (first.Ctr!.Value, first.Cvr!.Value, first.Logged!.Value, first.Flagged!.Value, first.InvalidShare!.Value));
        Assert.Empty(first.Anomalies);
        var empty = douyin.Days[1];
        Assert.Equal((0m, (decimal?)null, (double?)null, (double?)null, (double?)null), (empty.Spend, empty.Cpc, empty.Ctr, empty.Cvr, empty.InvalidShare));
        Assert.Equal([DeliveryMetric.Cpc], empty.Anomalies);
        var last = douyin.Days[2];
        Assert.Equal(((decimal?)null, (double?)0.0, (double?)null, (long?)null), (last.Cpc, last.Ctr, last.Cvr, last.Logged));
        Assert.Equal([DeliveryMetric.Spend, DeliveryMetric.Cpc], last.Anomalies);
        // baidu's rows carry no conversions: no CVR, not 0; its 8 logged clicks, none flagged, give a share of 0.
        var baidu = series[0].Days[2];
        Assert.Equal((false, (double?)null, (decimal?)2.5m, (double?)0.0), (series[0].HasConversions, baidu.Cvr, baidu.Cpc, baidu.InvalidShare));

        var only = Assert.Single(ChannelHealth.Build(rows, window, clicks, anomalies, "WeChat"));
        Assert.Equal(("wechat", 3), (only.Channel, only.Days.Count));
        Assert.All(only.Days, d => Assert.Equal((0m, (double?)null), (d.Spend, d.InvalidShare)));

        var days = ChannelHealth.ClickDays([.. Clicks(D, "douyin", null, 10, 3), .. Clicks(D.AddDays(-1), "douyin", null, 5, 0)], TimeZoneInfo.Utc);
        Assert.Equal([new ClickDay(D.AddDays(-1), "douyin", 5, 0), new ClickDay(D, "douyin", 10, 3)], days);
    }
}
