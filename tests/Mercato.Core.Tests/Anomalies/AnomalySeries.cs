using Mercato.Core.Anomalies;

namespace Mercato.Core.Tests.Anomalies;

/// <summary>
/// Synthetic count series with known spikes: a level (quiet: 1–20 a point; busy: 200–5,000), a daily cycle for hours
/// (nights at a tenth of the peak hour or less), a weekly cycle (±0–40%), a trend (−50%..+100% over the series) and
/// Poisson noise. Spikes add max(<c>sigmas</c> × √λ, 15) to a single point, λ being the point's true mean.
/// </summary>
internal static class AnomalySeries
{
    /// <summary>A series drawn from <paramref name="seed"/>: even seeds hourly (8 weeks), odd seeds daily (a year).</summary>
    public static (double[] Values, AnomalyPeriod Period, int[] Spikes) Draw(int seed, int spikes, double sigmas)
    {
        var rng = new Random(seed);
        var period = seed % 2 == 0 ? AnomalyPeriod.Hour : AnomalyPeriod.Day;
        var n = period == AnomalyPeriod.Hour ? 24 * 7 * 8 : 364;
        var quiet = rng.NextDouble() < 0.5;
        var level = quiet ? 1 + (19 * rng.NextDouble()) : 200 + (4800 * rng.NextDouble());
        var weekly = 0.4 * rng.NextDouble();
        var weekPhase = 2 * Math.PI * rng.NextDouble();
        var daily = 0.5 + (0.45 * rng.NextDouble());
        var trend = -0.5 + (1.5 * rng.NextDouble());
        var lambda = new double[n];
        var values = new double[n];
        for (var t = 0; t < n; t++)
        {
            var day = period == AnomalyPeriod.Hour ? t / 24 : t;
            var m = level * (1 + (trend * t / n)) * (1 + (weekly * Math.Cos((2 * Math.PI * (day % 7) / 7) + weekPhase)));
            if (period == AnomalyPeriod.Hour)
            {
                m *= 1 + (daily * Math.Sin(2 * Math.PI * ((t % 24) - 9) / 24));
            }

            lambda[t] = m;
            values[t] = Poisson(rng, m);
        }

        var placed = new List<int>();
        var p = AnomalyDetector.SeasonLength(period);
        var first = AnomalyDetector.Warmup(period) + 2;
        while (placed.Count < spikes)
        {
            var at = first + rng.Next(n - first);
            if (placed.All(s => Math.Abs(s - at) > 3))
            {
                placed.Add(at);
                values[at] += Math.Round(Math.Max(sigmas * Math.Sqrt(lambda[at]), 15));
            }
        }

        placed.Sort();
        return (values, period, [.. placed]);
    }

    /// <summary>Knuth's method for small means, the rounded normal approximation above 60.</summary>
    public static double Poisson(Random rng, double mean)
    {
        if (mean > 60)
        {
            var u1 = 1 - rng.NextDouble();
            var u2 = rng.NextDouble();
            var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            return Math.Max(0, Math.Round(mean + (Math.Sqrt(mean) * z)));
        }

        var limit = Math.Exp(-mean);
        var k = 0;
        var product = rng.NextDouble();
        while (product > limit)
        {
            k++;
            product *= rng.NextDouble();
        }

        return k;
    }

    /// <summary>
    /// Recall (the share of injected spikes with an upward anomaly starting within ±1 point) over the series with spikes of
    /// <paramref name="seeds"/>, and false alarms (anomalies per 1,000 scored points) over the same seeds' series drawn
    /// without spikes.
    /// </summary>
    public static (double Recall, double FalseAlarmsPerThousand) Measure(IEnumerable<int> seeds, double sigmas, AnomalyOptions? options = null)
    {
        options ??= new AnomalyOptions();
        var found = 0;
        var injected = 0;
        var alarms = 0;
        var scored = 0;
        foreach (var seed in seeds)
        {
            var (values, period, spikes) = Draw(seed, 3, sigmas);
            var scan = AnomalyDetector.Scan(values, period, options);
            injected += spikes.Length;
            found += spikes.Count(s => scan.Anomalies.Any(a => a.Direction == AnomalyDirection.Up && Math.Abs(a.Start - s) <= 1));

            var (clean, _, _) = Draw(seed, 0, sigmas);
            var quiet = AnomalyDetector.Scan(clean, period, options);
            alarms += quiet.Anomalies.Count;
            scored += clean.Length - AnomalyDetector.Warmup(period);
        }

        return ((double)found / injected, 1000.0 * alarms / scored);
    }
}
