using Mercato.Core.Anomalies;

namespace Mercato.Core.Tests.Anomalies;

/// <summary>The seasonal median detector (docs/anomalies.md) on hand-made series and on many seeded synthetic ones.</summary>
public class AnomalyDetectorTests
{
    private static readonly AnomalyOptions Defaults = new();

    /// <summary>A daily series with a weekly cycle (weekends at <paramref name="weekend"/> × the weekday level) and Poisson noise.</summary>
    private static double[] Daily(int days, double level, double weekend = 1, double trendPerDay = 0, int seed = 7)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, days).Select(t => AnomalySeries.Poisson(rng, (level + (trendPerDay * t)) * (t % 7 >= 5 ? weekend : 1)))];
    }

    [Fact]
    public void Flat_WithASpike_ExpectedIsTheMedian_SpreadIsThePoissonFloorWidenedForTheMedian()
    {
        var values = Enumerable.Repeat(100.0, 60).ToArray();
        values[40] = 160;

        var scan = AnomalyDetector.Scan(values, AnomalyPeriod.Day, Defaults);

        var anomaly = Assert.Single(scan.Anomalies);
        Assert.Equal((40, 40, 40, AnomalyDirection.Up), (anomaly.Start, anomaly.End, anomaly.Peak, anomaly.Direction));
        Assert.Equal(100, anomaly.Expected);
        Assert.Equal(160, anomaly.Value);

        // Day 40 has comparable weekdays 33, 26, 19, 12 (7 is the earliest with a week before it): n = 4, MAD 0, floor √100.
        var spread = 10 * Math.Sqrt(1 + (Math.PI / 8));
        Assert.Equal(spread, scan.Spread[40], 9);
        Assert.Equal(60 / spread, anomaly.Score, 9);
        Assert.True(double.IsNaN(scan.Expected[13]));
        Assert.False(double.IsNaN(scan.Expected[14]));
    }

    [Fact]
    public void AFlaggedPoint_EntersLaterBaselines_AsItsExpectedValue()
    {
        var values = Enumerable.Repeat(50.0, 80).ToArray();
        values[35] = 400;
        values[42] = 400;
        values[49] = 400;

        var scan = AnomalyDetector.Scan(values, AnomalyPeriod.Day, Defaults);

        // Three spikes on the same weekday: each is compared with 50, not with the spikes before it.
        Assert.Equal([35, 42, 49], scan.Anomalies.Select(a => a.Start));
        Assert.All(scan.Anomalies, a => Assert.Equal(50, a.Expected));
    }

    [Fact]
    public void SingleSpikes_AreFound_InNoisyDailySeries_AtLowAndHighVolume()
    {
        foreach (var level in new[] { 20.0, 5000 })
        {
            var values = Daily(120, level);
            values[60] += Math.Max(8 * Math.Sqrt(level), 15);
            values[90] -= level > 100 ? level / 2 : 0;

            var anomalies = AnomalyDetector.Scan(values, AnomalyPeriod.Day, Defaults).Anomalies;

            Assert.Contains(anomalies, a => a.Start == 60 && a.Direction == AnomalyDirection.Up);
            Assert.Equal(level > 100, anomalies.Any(a => a.Start == 90 && a.Direction == AnomalyDirection.Down));
            Assert.True(anomalies.Count <= 3, string.Join(", ", anomalies));
        }
    }

    [Fact]
    public void WeeklySeasonality_AndATrend_RaiseNoAlarm_AndASpikeOnAQuietWeekendIsFound()
    {
        var values = Daily(200, 1000, weekend: 0.3, trendPerDay: 5);

        Assert.Empty(AnomalyDetector.Scan(values, AnomalyPeriod.Day, Defaults).Anomalies);

        // A weekend day (t % 7 == 5) at the weekday level: ordinary on a weekday, a spike on a weekend.
        values[152] = 1000 + (5 * 152);
        var anomaly = Assert.Single(AnomalyDetector.Scan(values, AnomalyPeriod.Day, Defaults).Anomalies);
        Assert.Equal(152, anomaly.Start);
        Assert.InRange(anomaly.Expected, 0.3 * 1700, 0.3 * 1820);
    }

    [Fact]
    public void ALevelShift_IsFlaggedAtItsStart_ThenAbsorbedWithinAboutAWeek()
    {
        var values = Daily(150, 500);
        for (var t = 80; t < values.Length; t++)
        {
            values[t] += 300;
        }

        var anomalies = AnomalyDetector.Scan(values, AnomalyPeriod.Day, Defaults).Anomalies;

        var shift = Assert.Single(anomalies);
        Assert.Equal(80, shift.Start);
        Assert.Equal(AnomalyDirection.Up, shift.Direction);
        Assert.InRange(shift.End, 82, 80 + 7 + 3);
    }

    [Fact]
    public void QuietNights_WithTinyCounts_RaiseNoAlarm_ButABurstDoes()
    {
        // Hours: 0–1 a night, about 8 by day; a night of 4 after a week of zeros is no spike (min change 5, min volume 10).
        var rng = new Random(3);
        var values = Enumerable.Range(0, 24 * 7 * 6).Select(t => t % 24 is >= 1 and <= 6 ? 0 : AnomalySeries.Poisson(rng, 8)).ToArray();
        values[(24 * 7 * 5) + 3] = 4;

        Assert.Empty(AnomalyDetector.Scan(values, AnomalyPeriod.Hour, Defaults).Anomalies);

        values[(24 * 7 * 5) + 4] = 40;
        var burst = Assert.Single(AnomalyDetector.Scan(values, AnomalyPeriod.Hour, Defaults).Anomalies);
        Assert.Equal((24 * 7 * 5) + 4, burst.Start);
    }

    [Fact]
    public void ConsecutiveAnomalousPoints_InOneDirection_AreOneAnomaly_PeakAtTheLargestScore()
    {
        var values = Enumerable.Repeat(100.0, 60).ToArray();
        values[40] = 150;
        values[41] = 190;
        values[42] = 40;

        var anomalies = AnomalyDetector.Scan(values, AnomalyPeriod.Day, Defaults with { AbsorbAfter = 5 }).Anomalies;

        Assert.Equal(2, anomalies.Count);
        Assert.Equal((40, 41, 41, 190.0, AnomalyDirection.Up), (anomalies[0].Start, anomalies[0].End, anomalies[0].Peak, anomalies[0].Value, anomalies[0].Direction));
        Assert.Equal((42, 42, AnomalyDirection.Down), (anomalies[1].Start, anomalies[1].End, anomalies[1].Direction));
    }

    [Fact]
    public void Problems_NameShortSeries_NonFiniteValues_AndSettingsOutOfRange()
    {
        Assert.Empty(AnomalyDetector.Problems(Defaults, AnomalyPeriod.Day, new double[15]));
        Assert.Equal(AnomalyCodes.TooFewPoints, Assert.Single(AnomalyDetector.Problems(Defaults, AnomalyPeriod.Day, new double[14])).Code);
        Assert.Equal(AnomalyCodes.TooFewPoints, Assert.Single(AnomalyDetector.Problems(Defaults, AnomalyPeriod.Hour, new double[695])).Code);
        Assert.Equal(AnomalyCodes.NotFinite, Assert.Single(AnomalyDetector.Problems(Defaults, AnomalyPeriod.Day, [.. new double[20], double.NaN])).Code);
        Assert.Equal(["threshold", "minChange"], AnomalyDetector.Problems(Defaults with { Threshold = 0, MinChange = -1 }, AnomalyPeriod.Day).Select(p => p.Path));
    }

    /// <summary>
    /// Recall and false alarms on 200 synthetic series (AnomalySeries: hourly for even seeds, 8 weeks; daily for odd seeds,
    /// a year; quiet and busy, weekly and daily cycles, trends, Poisson noise; three single-point spikes each). The floors
    /// and ceilings were chosen on seeds 1–200 (8σ spikes: recall 95.3% hourly, 96.3% daily; 1.21 and 1.80 false alarms
    /// per 1,000 points) and are checked here on the held-out seeds 1001–1200 (docs/anomalies.md has the figures).
    /// </summary>
    [Theory]
    [InlineData(AnomalyPeriod.Hour)]
    [InlineData(AnomalyPeriod.Day)]
    public void HeldOutSeeds_RecallAtLeast93Percent_ForSpikesOf8Sigma_AndAtMost2Point5FalseAlarmsPer1000Points(AnomalyPeriod period)
    {
        var seeds = Enumerable.Range(1001, 200).Where(s => (s % 2 == 0) == (period == AnomalyPeriod.Hour)).ToArray();

        var (recall, falseAlarms) = AnomalySeries.Measure(seeds, sigmas: 8);
        var (recall6, _) = AnomalySeries.Measure(seeds, sigmas: 6);

        Assert.True(recall >= 0.93, $"recall {recall:P1}");
        Assert.True(recall6 >= 0.80, $"recall at 6σ {recall6:P1}");
        Assert.True(falseAlarms <= 2.5, $"{falseAlarms:F2} false alarms per 1,000 points");
    }

    [Fact]
    public void NonNegative_KeepsTheExpectedValueOfACountAtZeroOrAbove()
    {
        // A sparse series (a live-stream channel: spend on a few days, nothing on most) whose week-to-week level shifts move
        // comparable points below zero by the difference of the trailing means.
        var rng = new Random(5);
        var values = Enumerable.Range(0, 120).Select(_ => rng.NextDouble() < 0.15 ? 15 + (rng.NextDouble() * 10) : 0).ToArray();

        var plain = AnomalyDetector.Scan(values, AnomalyPeriod.Day, new AnomalyOptions());
        var floored = AnomalyDetector.Scan(values, AnomalyPeriod.Day, new AnomalyOptions { NonNegative = true });

        Assert.Contains(plain.Expected, e => e < 0);
        // (The warm-up days have no baseline: NaN.)
        Assert.All(floored.Expected.Where(e => !double.IsNaN(e)), e => Assert.True(e >= 0, e.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        // Up to the first point the plain baseline put below zero the two agree (after it, a flagged point enters the history
        // as its expected value, which now differs).
        var first = Array.FindIndex(plain.Expected, e => e < 0);
        Assert.Equal(plain.Expected.Take(first), floored.Expected.Take(first));
        Assert.Equal(0, floored.Expected[first]);
    }
}
