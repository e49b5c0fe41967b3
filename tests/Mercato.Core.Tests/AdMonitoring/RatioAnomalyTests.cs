using Mercato.Core.AdMonitoring;
using Mercato.Core.Anomalies;

namespace Mercato.Core.Tests.AdMonitoring;

/// <summary>The ratio test (CTR, CVR) on hand-computed cases.</summary>
public class RatioAnomalyTests
{
    /// <summary>Four weeks of 1000 impressions a day with the clicks given per day of the week (Monday first), then the days given.</summary>
    private static List<RatioCount> Weeks(int[] clicksByWeekday, params RatioCount[] then)
    {
        var days = Enumerable.Range(0, 28).Select(d => new RatioCount(clicksByWeekday[d % 7], 1000)).ToList();
        days.AddRange(then);
        return days;
    }

    private static readonly int[] Flat = [20, 20, 20, 20, 20, 20, 20];

    [Fact]
    public void DoubleTheClicks_OnAThousandImpressions_IsAnUpwardRun()
    {
        var scan = RatioAnomaly.Scan(Weeks(Flat, new RatioCount(40, 1000)));

        // p₀ = 80/4000 = 0.02, ρ = 0 (every day exactly 2%): z = 20 / √(1000·0.02·0.98 + 1000²·0.02·0.98/4000) = 20/√24.5.
        Assert.Equal(0.02, scan.Expected[28]);
        Assert.Equal(0, scan.Rho[28]);
        Assert.Equal(20 / Math.Sqrt(24.5), scan.Z[28], 12);
        Assert.Equal(new RatioRun(28, 28, 28, 0.04, 0.02, scan.Z[28], AnomalyDirection.Up), Assert.Single(scan.Runs));
        Assert.All(Enumerable.Range(0, 28), t => Assert.False(scan.Flagged[t]));
    }

    [Fact]
    public void TwoClicksOfThreeImpressions_IsNeverJudged()
    {
        var scan = RatioAnomaly.Scan(Weeks(Flat, new RatioCount(2, 3), new RatioCount(3, 3)));

        Assert.Equal([double.NaN, double.NaN], scan.Z[28..]);
        Assert.Empty(scan.Runs);
    }

    [Fact]
    public void HalfAgainTheClicks_IsBelowTheThreshold()
    {
        var scan = RatioAnomaly.Scan(Weeks(Flat, new RatioCount(30, 1000)));

        Assert.Equal(10 / Math.Sqrt(24.5), scan.Z[28], 12);
        Assert.Empty(scan.Runs);
    }

    [Fact]
    public void NoClicks_IsADownwardRun()
    {
        var scan = RatioAnomaly.Scan(Weeks(Flat, new RatioCount(0, 1000)));

        Assert.Equal((AnomalyDirection.Down, -20 / Math.Sqrt(24.5)), (Assert.Single(scan.Runs).Direction, scan.Z[28]));
    }

    [Fact]
    public void Weekends_AreJudgedAgainstWeekends()
    {
        // Weekdays 2%, weekends 4%; the new week's Saturday (day 33) at 4% is ordinary.
        int[] weekly = [20, 20, 20, 20, 20, 40, 40];
        var scan = RatioAnomaly.Scan(Weeks(weekly, [.. Enumerable.Range(28, 7).Select(d => new RatioCount(weekly[d % 7], 1000))]));

        Assert.Equal((0.04, 0.0, 0.0), (scan.Expected[33], scan.Z[33], scan.Rho[33]));
        Assert.Empty(scan.Runs);
    }

    [Fact]
    public void DayToDayWander_WidensTheTest_ByTheBetaBinomialDispersion()
    {
        // Weeks alternate 25 and 15 clicks a day: each weekday pools to 2%, every day is 5 clicks off, Pearson
        // χ² = 28 · 25/19.6 on 28 − 7 days of freedom: φ = 1.7007, ρ = (φ − 1)/999; the variance grows by φ:
        // z = 20/√(24.5 φ) = 3.098, below 3.5 (the binomial 4.04 would have flagged it).
        var days = Enumerable.Range(0, 28).Select(d => new RatioCount(d / 7 % 2 == 0 ? 25 : 15, 1000)).ToList();
        days.Add(new RatioCount(40, 1000));

        var scan = RatioAnomaly.Scan(days);

        var phi = 28 * 25 / 19.6 / 21;
        Assert.Equal((phi - 1) / 999, scan.Rho[28], 15);
        Assert.Equal(20 / Math.Sqrt(24.5 * phi), scan.Z[28], 10);
        Assert.Empty(scan.Runs);
    }

    [Fact]
    public void FlaggedDays_StayOutOfLaterBaselines_AndConsecutiveDaysMerge()
    {
        // Days 28 and 29 both at 4%; day 35 (the weekday of 28) at 4% again is judged against 2%, not a baseline the
        // first surge raised.
        var days = Weeks(Flat, new RatioCount(40, 1000), new RatioCount(40, 1000));
        days.AddRange(Enumerable.Range(30, 5).Select(_ => new RatioCount(20, 1000)));
        days.Add(new RatioCount(40, 1000));

        var scan = RatioAnomaly.Scan(days);

        Assert.Equal([(28, 29), (35, 35)], scan.Runs.Select(r => (r.Start, r.End)));
        Assert.Equal(0.02, scan.Expected[35]);
    }

    [Fact]
    public void FewTrialsOnTheWeekday_PoolsEveryDayOfTheWeeks()
    {
        // Mondays had no impressions: Monday day 28 falls back to all 24 other days, 480 of 24000.
        var days = Enumerable.Range(0, 28).Select(d => d % 7 == 0 ? new RatioCount(0, 0) : new RatioCount(20, 1000)).ToList();
        days.Add(new RatioCount(40, 1000));

        var scan = RatioAnomaly.Scan(days);

        Assert.Equal(0.02, scan.Expected[28]);
        Assert.Equal(20 / Math.Sqrt(19.6 + (19.6 / 24)), scan.Z[28], 12);
    }

    [Fact]
    public void Hourly_IsJudgedAgainstTheSameHourOfTheWeek()
    {
        // Four weeks of hours: 1000 impressions, 20 clicks by day (8:00–20:00), 60 by night; then a night hour at 60
        // (ordinary) and a day hour at 40 (against the same hour of the past four weeks: z = 20/√24.5).
        var hours = Enumerable.Range(0, 4 * 168).Select(h => new RatioCount(h % 24 is >= 8 and < 20 ? 20 : 60, 1000)).ToList();
        hours.Add(new RatioCount(60, 1000));
        hours.AddRange(Enumerable.Range(hours.Count, 9).Select(h => new RatioCount(h % 24 is >= 8 and < 20 ? 20 : 60, 1000)));
        hours.Add(new RatioCount(40, 1000));

        var scan = RatioAnomaly.Scan(hours, period: AnomalyPeriod.Hour);

        Assert.Equal((0.06, 0.0), (scan.Expected[672], scan.Z[672]));
        Assert.Equal(20 / Math.Sqrt(24.5), scan.Z[682], 12);
        Assert.Equal([682], scan.Runs.Select(r => r.Start));
    }

    [Fact]
    public void ImpossibleCounts_AreABug()
    {
        Assert.Throws<ArgumentException>(() => RatioAnomaly.Scan([new RatioCount(4, 3)]));
    }
}
