using Mercato.Core.Alerts;
using Mercato.Core.Listening;

namespace Mercato.Core.Tests.Listening;

public class ListeningAlertsTests
{
    private static readonly WatchList Watch = new([new WatchTerm("Kangning", WatchKind.Brand, []), new WatchTerm("召回", WatchKind.Risk, [])]);

    private static readonly DateTimeOffset Now = new(2026, 6, 30, 12, 30, 0, TimeSpan.Zero);

    /// <summary>Five weeks of steady hourly brand mentions (8 an hour by day, 2 by night, 20% negative); the spike hours as given.</summary>
    private static List<MentionHourCount> Steady(Func<long, (long Brand, long Recall)>? spike = null)
    {
        var end = Now.ToUnixTimeSeconds() / 3600;
        var rows = new List<MentionHourCount>();
        for (var h = end - (ListeningAlerts.HistoryDays * 24); h <= end; h++)
        {
            var hourOfDay = h % 24;
            var n = hourOfDay is >= 1 and <= 14 ? 8 : 2;
            rows.Add(new(h, "positive", "|Kangning|", n, 0, 0));
            if (spike?.Invoke(end - h) is { } s && s.Brand + s.Recall > 0)
            {
                rows.Add(new(h, "negative", "|Kangning|召回|", s.Recall, 0, 0));
                rows.Add(new(h, "negative", "|Kangning|", s.Brand, 0, 0));
            }
        }

        return rows;
    }

    [Fact]
    public void Find_QuietWeeks_FindNothing()
    {
        Assert.Empty(ListeningAlerts.Find(Steady(), Watch, Now, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Find_ASpikeInTheLastHours_IsAListeningSpikeAndARiskTerm_OwnedByPublicOpinion()
    {
        // Hours 2 to 5 before now: 60 brand mentions and 40 of the recall rumour an hour.
        var rows = Steady(ago => ago is >= 2 and <= 5 ? (60, 40) : (0, 0));

        var found = ListeningAlerts.Find(rows, Watch, Now, TimeZoneInfo.Utc);

        var start = new DateTimeOffset(2026, 6, 30, 7, 0, 0, TimeSpan.Zero);
        var risk = Assert.Single(found, c => c.Kind == AlertKind.RiskTerm);
        Assert.Equal(("risk_term:召回:2026-06-30T07", AlertSeverity.Severe, "召回", start), (risk.Key, risk.Severity, risk.Subject, risk.Since));
        Assert.Equal(ListeningAlerts.OwnerFunction, risk.OwnerFunction);
        Assert.Equal((40.0, start.AddHours(4)), (risk.Evidence.Value, risk.Evidence.End));
        Assert.Contains(new KeyValuePair<string, string>("mentions", "160"), risk.Evidence.Details);
        Assert.Contains(found, c => c.Kind == AlertKind.ListeningSpike && c.Subject == "Kangning" && c.Key == "listening_spike:Kangning:2026-06-30T07");
        Assert.Contains(found, c => c.Kind == AlertKind.ListeningSpike && c.Subject == "all mentions");
    }

    [Fact]
    public void Find_ASpikeOlderThanTwoDays_IsNotReportedAgain()
    {
        var rows = Steady(ago => ago is >= 60 and <= 63 ? (60, 40) : (0, 0));

        Assert.DoesNotContain(ListeningAlerts.Find(rows, Watch, Now, TimeZoneInfo.Utc), c => c.Kind != AlertKind.NegativeSurge);
    }

    [Fact]
    public void Find_ANegativeSurgeToday_IsANegativeSurge()
    {
        // Today 10:00: 120 negative against a day of ~120 positive: a share near 50% against a baseline of 0.
        var end = Now.ToUnixTimeSeconds() / 3600;
        var rows = Steady();
        rows.Add(new(end - 2, "negative", "|Kangning|", 120, 0, 0));
        var baseline = Steady().Where(r => r.Hour < end - 24).ToList();
        baseline.AddRange(Steady().Where(r => r.Hour < end - 24 && r.Hour % 7 == 0).Select(r => r with { Label = "negative", Mentions = 3 }));
        baseline.AddRange(rows.Where(r => r.Hour >= end - 24));

        var found = ListeningAlerts.Find(baseline, Watch, Now, TimeZoneInfo.Utc);

        var surge = Assert.Single(found, c => c.Kind == AlertKind.NegativeSurge);
        Assert.Equal(("negative_surge:2026-06-30", "negative share"), (surge.Key, surge.Subject));
        Assert.Null(surge.Evidence.End);
        Assert.True(surge.Evidence.Value > 0.5);
        Assert.Equal(AlertSeverity.Severe, surge.Severity);
    }

    [Fact]
    public void Find_ANegativeHour_TooSmallToMoveItsDay_IsANegativeSurgeOfItsHour_AndAQuietNightIsNot()
    {
        // Baseline: ~7% negative. Today (up to 12:30): one hour (10:00) with 16 negative among 24; the day stays under
        // baseline + 10 points (19 negative of 117). Another hour (03:00) with 3 negative of 11: too few to judge.
        var end = Now.ToUnixTimeSeconds() / 3600;
        var rows = Steady().Where(r => r.Hour < end - 24).ToList();
        rows.AddRange(Steady().Where(r => r.Hour < end - 24 && r.Hour % 7 == 0).Select(r => r with { Label = "negative", Mentions = 3 }));
        rows.AddRange(Steady().Where(r => r.Hour >= end - 24));
        var ten = new DateTimeOffset(2026, 6, 30, 10, 0, 0, TimeSpan.Zero);
        rows.Add(new(ten.ToUnixTimeSeconds() / 3600, "negative", "|Kangning|", 16, 0, 0));
        rows.Add(new(ten.AddHours(-7).ToUnixTimeSeconds() / 3600, "negative", "|Kangning|", 3, 0, 0));

        var found = ListeningAlerts.Find(rows, Watch, Now, TimeZoneInfo.Utc);

        var surge = Assert.Single(found, c => c.Kind == AlertKind.NegativeSurge);
        Assert.Equal(("negative_surge:2026-06-30T10", ten, ten.AddHours(1)), (surge.Key, surge.Since, surge.Evidence.End));
        Assert.Equal("negative share per hour", surge.Evidence.Measure);
        Assert.Equal(16.0 / 24, surge.Evidence.Value, 6);
        Assert.Equal(AlertSeverity.Severe, surge.Severity);
        Assert.Contains(new KeyValuePair<string, string>("scored", "24"), surge.Evidence.Details);
    }
}
