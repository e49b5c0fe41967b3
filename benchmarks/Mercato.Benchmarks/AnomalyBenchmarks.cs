using BenchmarkDotNet.Attributes;
using Mercato.Core.Anomalies;

namespace Mercato.Benchmarks;

/// <summary>
/// The anomaly detector on a year of hourly points (8,760) × 50 series: Poisson counts around a daily and a weekly cycle
/// (mean 5 to 2,000 a point, seeded), each scanned with the default settings.
/// </summary>
[MemoryDiagnoser]
public class AnomalyBenchmarks
{
    private const int Hours = 24 * 365;

    private double[][] _series = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _series = new double[50][];
        for (var s = 0; s < _series.Length; s++)
        {
            var level = 5 + (1995 * rng.NextDouble());
            _series[s] = new double[Hours];
            for (var t = 0; t < Hours; t++)
            {
                var mean = level * (1 + (0.7 * Math.Sin(2 * Math.PI * ((t % 24) - 9) / 24))) * (t / 24 % 7 >= 5 ? 0.7 : 1);
                _series[s][t] = Math.Max(0, Math.Round(mean + (Math.Sqrt(mean) * Normal(rng))));
            }
        }
    }

    [Benchmark]
    public int ScanYearOfHours50Series()
    {
        var found = 0;
        var options = new AnomalyOptions();
        foreach (var series in _series)
        {
            found += AnomalyDetector.Scan(series, AnomalyPeriod.Hour, options).Anomalies.Count;
        }

        return found;
    }

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
