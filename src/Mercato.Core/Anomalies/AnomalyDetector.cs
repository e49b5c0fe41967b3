namespace Mercato.Core.Anomalies;

/// <summary>The spacing of a regular series: one point an hour or one point a day.</summary>
public enum AnomalyPeriod
{
    /// <summary>One point an hour; the season is the day (24 points).</summary>
    Hour,

    /// <summary>One point a day; the season is the week (7 points).</summary>
    Day,
}

/// <summary>Which way an anomaly departs from the expected value.</summary>
public enum AnomalyDirection
{
    /// <summary>Above the expected value (a spike).</summary>
    Up,

    /// <summary>Below the expected value (a drop, an outage).</summary>
    Down,
}

/// <summary>
/// The detector's settings; the defaults and their reasons are in docs/anomalies.md.
/// </summary>
public sealed record AnomalyOptions
{
    /// <summary>A point is anomalous when |score| reaches this many robust standard deviations (default 3.5).</summary>
    public double Threshold { get; init; } = 3.5;

    /// <summary>And when |value − expected| reaches this much (default 5: three mentions in a quiet night are no spike).</summary>
    public double MinChange { get; init; } = 5;

    /// <summary>And, for an upward anomaly, when the value itself reaches this much (default 10).</summary>
    public double MinVolume { get; init; } = 10;

    /// <summary>How many comparable past points (same hour of the day, same day of the week) form the baseline (default 8).</summary>
    public int Comparable { get; init; } = 8;

    /// <summary>
    /// After this many consecutive anomalous points in one direction the new level is taken as real and enters the
    /// baseline (default: 6 points for hours, 3 for days); null for the default of the period.
    /// </summary>
    public int? AbsorbAfter { get; init; }

    /// <summary>Whether the series cannot go below zero (counts, money): its expected value is then at least 0 (default false).</summary>
    public bool NonNegative { get; init; }
}

/// <summary>
/// One anomaly: consecutive anomalous points in the same direction, merged. Indexes are positions in the series.
/// </summary>
/// <param name="Start">The first anomalous point.</param>
/// <param name="End">The last anomalous point (the same as <paramref name="Start"/> for a single point).</param>
/// <param name="Peak">The point of the largest |score|.</param>
/// <param name="Value">The observed value at the peak.</param>
/// <param name="Expected">The expected value at the peak.</param>
/// <param name="Score">The score at the peak: (value − expected) / spread.</param>
/// <param name="Direction">Up or down.</param>
public sealed record Anomaly(int Start, int End, int Peak, double Value, double Expected, double Score, AnomalyDirection Direction);

/// <summary>Every point's baseline: NaN for the points that only build the baseline (the warm-up).</summary>
/// <param name="Expected">The expected value of each point.</param>
/// <param name="Spread">The robust spread of each point.</param>
/// <param name="Score">(value − expected) / spread.</param>
/// <param name="Flagged">Whether each point is anomalous.</param>
/// <param name="Anomalies">The flagged points merged into anomalies, in time order.</param>
public sealed record AnomalyScan(double[] Expected, double[] Spread, double[] Score, bool[] Flagged, IReadOnlyList<Anomaly> Anomalies);

/// <summary>The codes of the detector's refusals.</summary>
public static class AnomalyCodes
{
    /// <summary>A series of <c>count</c> points where the period needs at least <c>needed</c> (<c>warmup</c> only build the baseline).</summary>
    public const string TooFewPoints = "anomaly_too_few_points";

    /// <summary>A value that is not a finite number at position <c>index</c>.</summary>
    public const string NotFinite = "anomaly_not_finite";

    /// <summary>A setting (the path names it) out of its range <c>min</c>..<c>max</c>.</summary>
    public const string OutOfRange = "anomaly_out_of_range";
}

/// <summary>
/// A robust seasonal baseline detector for a regular series. For each point t of a series with a weekly season P (168
/// for hours: the same hour of the same weekday; 7 for days: the same weekday) the comparable points are t − kP for
/// k = 1..K (K = <see cref="AnomalyOptions.Comparable"/>, those with a full week before them); each is moved to today's
/// level by the ratio of the one-week trailing means before t and before it (their difference when either is zero),
/// which follows a trend and a level once it is absorbed; the expected value is the median of the n moved comparable
/// points; σ is 1.4826 × their median absolute deviation (MAD, consistent with a normal standard deviation), floored by
/// √max(expected, 0) (the Poisson standard deviation of a count, so a flat series is not infinitely sensitive) and by
/// 0.5; the spread is σ √(1 + π / 2n), the new point's own σ and the median's error; score = (value − expected) / spread.
/// A point is anomalous when |score| ≥ threshold, |value − expected| ≥ the minimum change and, going up, value ≥ the
/// minimum volume. A day with fewer than three comparable weekdays (days 14–27) falls back to the median of the trailing
/// 14 days, σ at least their standard deviation (which holds the weekly cycle), and its points enter the history as
/// observed. An anomalous point enters the later baselines as its expected value, not its observed one, so a spike does
/// not raise the next week's baseline; a run that reaches <see cref="AnomalyOptions.AbsorbAfter"/> anomalous points in
/// one direction is a level shift: the run's observed values enter the baseline, which catches up within about one
/// season, and the run ends there.
/// Seasonal median baselines with MAD scores follow Hochenbaum, Vallis and Kejariwal (2017), "Automatic anomaly
/// detection in the cloud via statistical learning", without the ESD step.
/// </summary>
public static class AnomalyDetector
{
    private const double MadToSigma = 1.4826;

    private const int MinComparable = 3;

    private const int DailyFallbackDays = 14;

    /// <summary>The season's length in points: a week, 168 hours or 7 days.</summary>
    public static int SeasonLength(AnomalyPeriod period) => period == AnomalyPeriod.Hour ? 168 : 7;

    /// <summary>
    /// The points that only build the baseline: four weeks of hours (three comparable hours of the week moved by a full
    /// week's level), or 14 days (the daily fallback's window).
    /// </summary>
    public static int Warmup(AnomalyPeriod period) => period == AnomalyPeriod.Hour ? 4 * 168 : DailyFallbackDays;

    /// <summary>The shortest series scanned: the warm-up and one more day (696 hours, 15 days).</summary>
    public static int MinimumPoints(AnomalyPeriod period) => Warmup(period) + (period == AnomalyPeriod.Hour ? 24 : 1);

    /// <summary>The run length after which a level shift is absorbed, under <paramref name="options"/>.</summary>
    public static int AbsorbAfter(AnomalyPeriod period, AnomalyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AbsorbAfter ?? (period == AnomalyPeriod.Hour ? 6 : 3);
    }

    /// <summary>Every setting out of range and, with a series, a series too short or holding a value that is not finite.</summary>
    public static IReadOnlyList<Problem> Problems(AnomalyOptions options, AnomalyPeriod period, IReadOnlyList<double>? values = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<Problem>();
        void Range(string path, double value, double min, double max)
        {
            if (!(value >= min && value <= max))
            {
                problems.Add(Problem.Of(path, AnomalyCodes.OutOfRange, ("value", value), ("min", min), ("max", max)));
            }
        }

        Range("threshold", options.Threshold, 0.5, 100);
        Range("minChange", options.MinChange, 0, 1e12);
        Range("minVolume", options.MinVolume, 0, 1e12);
        Range("comparable", options.Comparable, MinComparable, 52);
        Range("absorbAfter", options.AbsorbAfter ?? 1, 1, 1000);
        if (values is not null)
        {
            if (values.Count < MinimumPoints(period))
            {
                problems.Add(Problem.Of("points", AnomalyCodes.TooFewPoints, ("count", (long)values.Count), ("needed", (long)MinimumPoints(period)), ("warmup", (long)Warmup(period))));
            }

            for (var i = 0; i < values.Count; i++)
            {
                if (!double.IsFinite(values[i]))
                {
                    problems.Add(Problem.Of("points", AnomalyCodes.NotFinite, ("index", (long)i)));
                    break;
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// Scans <paramref name="values"/> (one point per <paramref name="period"/>, oldest first, no gaps) as the class
    /// comment says; the settings and the series must pass <see cref="Problems"/>.
    /// </summary>
    public static AnomalyScan Scan(IReadOnlyList<double> values, AnomalyPeriod period, AnomalyOptions options)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(options);
        if (Problems(options, period) is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        var n = values.Count;
        var p = SeasonLength(period);
        var warmup = Warmup(period);
        var absorbAfter = AbsorbAfter(period, options);
        var expected = new double[n];
        var spread = new double[n];
        var score = new double[n];
        var flagged = new bool[n];
        Array.Fill(expected, double.NaN);
        Array.Fill(spread, double.NaN);
        Array.Fill(score, double.NaN);

        // The baseline's series: observed values, except anomalous points, which enter as their expected values.
        var clean = new double[n];
        var sums = new double[n + 1];
        var window = new double[Math.Max(options.Comparable, DailyFallbackDays)];
        var deviations = new double[window.Length];
        var run = 0;
        var runDirection = AnomalyDirection.Up;
        for (var t = 0; t < n; t++)
        {
            var x = values[t];
            if (t < warmup)
            {
                Keep(t, x);
                continue;
            }

            var lag = p;
            var count = 0;
            var level = (sums[t] - sums[t - lag]) / lag;
            for (var k = 1; k <= options.Comparable; k++)
            {
                var j = t - (k * lag);
                if (j < lag)
                {
                    break;
                }

                var then = (sums[j] - sums[j - lag]) / lag;
                window[count++] = level > 0 && then > 0 ? clean[j] * (level / then) : clean[j] + level - then;
            }

            var fallback = count < MinComparable;
            if (fallback)
            {
                // Too little history for the season (days only: hours wait for it in the warm-up).
                count = 0;
                for (var j = t - DailyFallbackDays; j < t; j++)
                {
                    window[count++] = clean[j];
                }
            }

            var median = Median(window.AsSpan(0, count));
            if (options.NonNegative && median < 0)
            {
                // Comparable points moved to today's level by a difference can fall below zero; a count or an amount cannot.
                median = 0;
            }

            for (var i = 0; i < count; i++)
            {
                deviations[i] = Math.Abs(window[i] - median);
            }

            // The spread of a new point around a median of `count` points: the point's own σ and the median's error
            // (variance π σ² / 2n for a median of n normal points).
            var sigma = Math.Max(MadToSigma * Median(deviations.AsSpan(0, count)), Math.Max(Math.Sqrt(Math.Max(median, 0)), 0.5));
            if (fallback)
            {
                // The trailing days mix weekdays and weekends: their standard deviation keeps a weekly cycle from alarming.
                sigma = Math.Max(sigma, StandardDeviation(window.AsSpan(0, count)));
            }

            var s = sigma * Math.Sqrt(1 + (Math.PI / (2 * count)));
            var diff = x - median;
            var z = diff / s;
            expected[t] = median;
            spread[t] = s;
            score[t] = z;
            var direction = diff >= 0 ? AnomalyDirection.Up : AnomalyDirection.Down;
            var anomalous = Math.Abs(z) >= options.Threshold
                && Math.Abs(diff) >= options.MinChange
                && (direction == AnomalyDirection.Down || x >= options.MinVolume);
            flagged[t] = anomalous;
            if (!anomalous || fallback)
            {
                // An ordinary point, or one scored by the fallback: without a seasonal baseline nothing is sure enough
                // to be kept out of the history.
                run = 0;
                Keep(t, x);
                continue;
            }

            run = run > 0 && runDirection == direction ? run + 1 : 1;
            runDirection = direction;
            if (run < absorbAfter)
            {
                Keep(t, median);
            }
            else
            {
                // A level shift: the run's observed values become the baseline's history.
                var first = t - run + 1;
                for (var j = first; j <= t; j++)
                {
                    Keep(j, values[j]);
                }
            }
        }

        return new AnomalyScan(expected, spread, score, flagged, Merge(values, expected, score, flagged));

        void Keep(int t, double value)
        {
            clean[t] = value;
            sums[t + 1] = sums[t] + value;
        }
    }

    /// <summary>Consecutive anomalous points in the same direction as one anomaly, its peak at the largest |score|.</summary>
    private static List<Anomaly> Merge(IReadOnlyList<double> values, double[] expected, double[] score, bool[] flagged)
    {
        var anomalies = new List<Anomaly>();
        var t = 0;
        while (t < flagged.Length)
        {
            if (!flagged[t])
            {
                t++;
                continue;
            }

            var up = score[t] >= 0;
            var start = t;
            var peak = t;
            while (t < flagged.Length && flagged[t] && score[t] >= 0 == up)
            {
                if (Math.Abs(score[t]) > Math.Abs(score[peak]))
                {
                    peak = t;
                }

                t++;
            }

            anomalies.Add(new Anomaly(start, t - 1, peak, values[peak], expected[peak], score[peak], up ? AnomalyDirection.Up : AnomalyDirection.Down));
        }

        return anomalies;
    }

    private static double StandardDeviation(Span<double> values)
    {
        var mean = 0.0;
        foreach (var v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        var squares = 0.0;
        foreach (var v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        return Math.Sqrt(squares / (values.Length - 1));
    }

    private static double Median(Span<double> values)
    {
        var copy = values.Length <= 64 ? stackalloc double[values.Length] : new double[values.Length];
        values.CopyTo(copy);
        copy.Sort();
        var m = copy.Length / 2;
        return copy.Length % 2 == 1 ? copy[m] : (copy[m - 1] + copy[m]) / 2;
    }
}
