using Mercato.Core.Anomalies;

namespace Mercato.Core.AdMonitoring;

/// <summary>One day of a delivery ratio as its counts: clicks of impressions (CTR), conversions of clicks (CVR).</summary>
/// <param name="Successes">The numerator (clicks, conversions); not above <paramref name="Trials"/>.</param>
/// <param name="Trials">The denominator (impressions, clicks).</param>
public readonly record struct RatioCount(long Successes, long Trials);

/// <summary>The settings of the ratio test; the defaults are in docs/ads.md.</summary>
public sealed record RatioOptions
{
    /// <summary>The |z| a day must reach (default 3.5, as the volume detector's).</summary>
    public double Threshold { get; init; } = 3.5;

    /// <summary>And the successes must differ from the expected count by at least this many (default 5).</summary>
    public double MinChange { get; init; } = 5;

    /// <summary>A day is judged only when it expects at least this many successes and this many failures (default 5: the normal approximation's rule).</summary>
    public double MinExpected { get; init; } = 5;

    /// <summary>The same weekday of this many past weeks form the baseline (default 4).</summary>
    public int Weeks { get; init; } = 4;

    /// <summary>The trials the baseline needs; with fewer on the same weekdays, all the past <see cref="Weeks"/> weeks' days are pooled (default 100).</summary>
    public long MinBaselineTrials { get; init; } = 100;
}

/// <summary>A run of days whose ratio is far from its baseline in one direction. Indexes are positions in the series.</summary>
/// <param name="Start">The first day.</param>
/// <param name="End">The last day.</param>
/// <param name="Peak">The day of the largest |z|.</param>
/// <param name="Ratio">The ratio on the peak day.</param>
/// <param name="Expected">The baseline ratio on the peak day.</param>
/// <param name="Z">The z on the peak day.</param>
/// <param name="Direction">Up or down.</param>
public sealed record RatioRun(int Start, int End, int Peak, double Ratio, double Expected, double Z, AnomalyDirection Direction);

/// <summary>Every day's baseline and score (NaN where the day was not judged), the flags and the runs.</summary>
/// <param name="Expected">The baseline ratio p₀ of each day.</param>
/// <param name="Z">The z of each day.</param>
/// <param name="Rho">The overdispersion ρ used for each day.</param>
/// <param name="Flagged">Whether each day is anomalous.</param>
/// <param name="Runs">The flagged days merged into runs, in order.</param>
public sealed record RatioScan(double[] Expected, double[] Z, double[] Rho, bool[] Flagged, IReadOnlyList<RatioRun> Runs);

/// <summary>
/// An anomaly test for a daily delivery ratio (CTR, CVR), judged with its counts, in the manner of
/// <see cref="Listening.NegativeSurge"/> with a weekly season and overdispersion. For day t with n trials and k
/// successes, the baseline p₀ = Σk ÷ Σn pooled over the same weekday of the past <see cref="RatioOptions.Weeks"/> weeks,
/// or over all their days when those weekdays hold fewer than <see cref="RatioOptions.MinBaselineTrials"/> trials; the
/// first week only builds the baseline. Flagged days are left out of later baselines, so an anomaly does not raise its
/// own, except days judged on the all-days pool, which may differ by their season alone (as the volume detector's
/// fallback). Real ratios wander more from day to day than
/// a binomial allows (a different audience, another creative): a beta-binomial with intra-class correlation ρ has
/// Var(k) = n·p(1 − p)·(1 + (n − 1)·ρ); ρ is estimated by the method of moments from the baseline window's days, each
/// against its own weekday's pooled share: φ = Pearson χ² ÷ (days − weekdays), ρ = max(0, (φ − 1) ÷ (n̄ − 1)), n̄ their
/// mean trials (Williams 1982, "Extra-binomial variation in logistic linear models"). Then
/// z = (k − n·p₀) ÷ √(n·p₀(1 − p₀)(1 + (n − 1)ρ) + n²·Var(p₀)), Var(p₀) = p₀(1 − p₀)(1 + (n̄ − 1)ρ) ÷ N the baseline's
/// own error over its N trials. A day is judged only when n·p₀ and n·(1 − p₀) both reach
/// <see cref="RatioOptions.MinExpected"/> (2 clicks of 3 impressions expects 0.03 clicks at a 1% CTR: not judged), and
/// flagged when |z| ≥ <see cref="RatioOptions.Threshold"/> and |k − n·p₀| ≥ <see cref="RatioOptions.MinChange"/>.
/// Consecutive flagged days in one direction merge into a run.
/// </summary>
public static class RatioAnomaly
{
    /// <summary>
    /// Scans a daily series (days 7 apart share a weekday) or an hourly one (hours 168 apart share the hour of the week:
    /// the same rule with "day" read as "hour" and "weekday" as "hour of the week"), in order with no gaps.
    /// </summary>
    /// <param name="days">The counts per point, in order, no gaps (a point without delivery is 0 of 0).</param>
    /// <param name="options">The settings; null for the defaults.</param>
    /// <param name="period">Days (the default) or hours.</param>
    /// <exception cref="ArgumentException">A point has negative counts or more successes than trials.</exception>
    public static RatioScan Scan(IReadOnlyList<RatioCount> days, RatioOptions? options = null, AnomalyPeriod period = AnomalyPeriod.Day)
    {
        ArgumentNullException.ThrowIfNull(days);
        options ??= new RatioOptions();
        if (days.Any(d => d.Trials < 0 || d.Successes < 0 || d.Successes > d.Trials))
        {
            throw new ArgumentException("Counts must be 0 ≤ successes ≤ trials.", nameof(days));
        }

        var n = days.Count;
        var expected = new double[n];
        var z = new double[n];
        var rho = new double[n];
        var flagged = new bool[n];
        var excluded = new bool[n];
        Array.Fill(expected, double.NaN);
        Array.Fill(z, double.NaN);
        Array.Fill(rho, double.NaN);
        var season = AnomalyDetector.SeasonLength(period);
        var window = options.Weeks * season;
        // Scratch for the overdispersion of each point's window: reused, so an hourly year allocates nothing per point.
        var weekN = new long[season];
        var weekK = new long[season];
        for (var t = 0; t < n; t++)
        {
            // The same weekday of past weeks, else every day of those weeks.
            long sameN = 0, sameK = 0, allN = 0, allK = 0;
            for (var j = Math.Max(0, t - window); j < t; j++)
            {
                if (excluded[j])
                {
                    continue;
                }

                allN += days[j].Trials;
                allK += days[j].Successes;
                if ((t - j) % season == 0)
                {
                    sameN += days[j].Trials;
                    sameK += days[j].Successes;
                }
            }

            var fallback = sameN < options.MinBaselineTrials;
            var (baseN, baseK) = fallback ? (allN, allK) : (sameN, sameK);
            if (t < season || baseN < options.MinBaselineTrials)
            {
                continue;
            }

            var p0 = (double)baseK / baseN;
            var trials = days[t].Trials;
            var k = days[t].Successes;
            if (trials * p0 < options.MinExpected || trials * (1 - p0) < options.MinExpected)
            {
                continue;
            }

            var (r, meanTrials) = Overdispersion(days, excluded, Math.Max(0, t - window), t, weekN, weekK);
            var variance = (trials * p0 * (1 - p0) * (1 + ((trials - 1) * r)))
                + ((double)trials * trials * p0 * (1 - p0) * (1 + ((meanTrials - 1) * r)) / baseN);
            var diff = k - (trials * p0);
            expected[t] = p0;
            rho[t] = r;
            z[t] = diff / Math.Sqrt(variance);
            flagged[t] = Math.Abs(z[t]) >= options.Threshold && Math.Abs(diff) >= options.MinChange;

            // Judged without its weekday, a day may differ by its season alone: it is reported but stays in the history.
            excluded[t] = flagged[t] && !fallback;
        }

        return new RatioScan(expected, z, rho, flagged, Runs(days, expected, z, flagged));
    }

    /// <summary>
    /// ρ of the days from..to−1 that are not excluded and have trials: each day against its weekday's pooled share in the
    /// window; 0 with fewer than two days of freedom. Also their mean trials.
    /// </summary>
    internal static (double Rho, double MeanTrials) Overdispersion(IReadOnlyList<RatioCount> days, bool[] excluded, int from, int to, long[] weekN, long[] weekK)
    {
        var season = weekN.Length;
        Array.Clear(weekN);
        Array.Clear(weekK);
        long used = 0, trials = 0;
        for (var j = from; j < to; j++)
        {
            if (!excluded[j] && days[j].Trials > 0)
            {
                weekN[j % season] += days[j].Trials;
                weekK[j % season] += days[j].Successes;
                used++;
                trials += days[j].Trials;
            }
        }

        if (used == 0)
        {
            return (0, 0);
        }

        var groups = 0;
        foreach (var x in weekN)
        {
            groups += x > 0 ? 1 : 0;
        }

        var freedom = used - groups;
        var meanTrials = (double)trials / used;
        if (freedom < 2 || meanTrials <= 1)
        {
            return (0, meanTrials);
        }

        var chi = 0.0;
        for (var j = from; j < to; j++)
        {
            if (excluded[j] || days[j].Trials <= 0)
            {
                continue;
            }

            var p = (double)weekK[j % season] / weekN[j % season];
            var v = days[j].Trials * p * (1 - p);
            if (v > 0)
            {
                var d = days[j].Successes - (days[j].Trials * p);
                chi += d * d / v;
            }
        }

        var phi = chi / freedom;
        return (Math.Max(0, (phi - 1) / (meanTrials - 1)), meanTrials);
    }

    private static List<RatioRun> Runs(IReadOnlyList<RatioCount> days, double[] expected, double[] z, bool[] flagged)
    {
        var runs = new List<RatioRun>();
        var t = 0;
        while (t < flagged.Length)
        {
            if (!flagged[t])
            {
                t++;
                continue;
            }

            var up = z[t] > 0;
            var (start, peak) = (t, t);
            while (t < flagged.Length && flagged[t] && z[t] > 0 == up)
            {
                peak = Math.Abs(z[t]) > Math.Abs(z[peak]) ? t : peak;
                t++;
            }

            var ratio = (double)days[peak].Successes / days[peak].Trials;
            runs.Add(new RatioRun(start, t - 1, peak, ratio, expected[peak], z[peak], up ? AnomalyDirection.Up : AnomalyDirection.Down));
        }

        return runs;
    }
}
