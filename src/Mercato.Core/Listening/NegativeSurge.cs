namespace Mercato.Core.Listening;

/// <summary>A run of days whose negative share is far above its baseline. Indexes are positions in the series.</summary>
/// <param name="Start">The first day.</param>
/// <param name="End">The last day.</param>
/// <param name="Peak">The day of the largest z.</param>
/// <param name="Share">The negative share on the peak day.</param>
/// <param name="Expected">The baseline share on the peak day.</param>
/// <param name="Z">The binomial z on the peak day.</param>
public sealed record SurgeRun(int Start, int End, int Peak, double Share, double Expected, double Z);

/// <summary>
/// A surge of negative opinion, judged with its counts. For each day with n scored mentions, k of them negative, the
/// baseline share p₀ is the pooled share Σk ÷ Σn of the <see cref="BaselineDays"/> days before it (days already flagged
/// are left out, so a surge does not raise its own baseline), clamped to [0.01, 0.99]; z = (k − n·p₀) ÷ √(n·p₀·(1 − p₀)),
/// the normal approximation of the binomial test. A day surges when z ≥ <see cref="Threshold"/>, the share exceeds p₀ by at
/// least <see cref="MinShareRise"/>, n ≥ <see cref="MinScored"/> and k ≥ <see cref="MinNegative"/>: 3 negative posts of 5 in a
/// quiet day are no crisis. A day is judged only when its baseline holds at least <see cref="MinBaseline"/> scored
/// mentions. Consecutive surging days merge into one run.
/// </summary>
public static class NegativeSurge
{
    /// <summary>Days pooled for the baseline share (28: four of each weekday).</summary>
    public const int BaselineDays = 28;

    /// <summary>Hours pooled for the baseline share of an hourly series (168: the week before).</summary>
    public const int BaselineHours = 168;

    /// <summary>The z a day must reach (3.5, as the volume detector's threshold).</summary>
    public const double Threshold = 3.5;

    /// <summary>How far above the baseline the share must be (0.10: ten points).</summary>
    public const double MinShareRise = 0.10;

    /// <summary>Scored mentions a day needs to be judged (20).</summary>
    public const long MinScored = 20;

    /// <summary>Negative mentions a surging day holds at least (10).</summary>
    public const long MinNegative = 10;

    /// <summary>Scored mentions the baseline needs (50).</summary>
    public const long MinBaseline = 50;

    /// <summary>
    /// The surges of a series of days (baseline <see cref="BaselineDays"/>) or of hours (baseline <see cref="BaselineHours"/>,
    /// the same minimum counts per hour as per day, so only a busy hour can surge).
    /// </summary>
    /// <param name="days">Mentions per day (or hour) by label, in order with no gaps.</param>
    /// <param name="baseline">Points pooled for the baseline share.</param>
    /// <returns>The runs, in order.</returns>
    public static IReadOnlyList<SurgeRun> Scan(IReadOnlyList<LabelCounts> days, int baseline = BaselineDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(baseline, 1);
        ArgumentNullException.ThrowIfNull(days);
        var flagged = new bool[days.Count];
        var z = new double[days.Count];
        var expected = new double[days.Count];
        for (var t = 0; t < days.Count; t++)
        {
            long baseN = 0, baseK = 0;
            for (var j = Math.Max(0, t - baseline); j < t; j++)
            {
                if (!flagged[j])
                {
                    baseN += days[j].Scored;
                    baseK += days[j].Negative;
                }
            }

            var n = days[t].Scored;
            var k = days[t].Negative;
            if (baseN < MinBaseline || n < MinScored)
            {
                continue;
            }

            var p0 = Math.Clamp((double)baseK / baseN, 0.01, 0.99);
            expected[t] = p0;
            z[t] = (k - (n * p0)) / Math.Sqrt(n * p0 * (1 - p0));
            flagged[t] = z[t] >= Threshold && ((double)k / n) - p0 >= MinShareRise && k >= MinNegative;
        }

        var runs = new List<SurgeRun>();
        for (var t = 0; t < days.Count; t++)
        {
            if (!flagged[t])
            {
                continue;
            }

            var start = t;
            while (t + 1 < days.Count && flagged[t + 1])
            {
                t++;
            }

            var peak = Enumerable.Range(start, t - start + 1).MaxBy(i => z[i]);
            runs.Add(new SurgeRun(start, t, peak, (double)days[peak].Negative / days[peak].Scored, expected[peak], z[peak]));
        }

        return runs;
    }
}
