using System.Diagnostics;
using System.Globalization;

namespace Mercato.Benchmarks;

/// <summary>
/// <see cref="AccessBenchmarks"/>' requests with the three modes' apps running at once over the one store and their
/// requests interleaved (round after round: each request once per mode, the first mode turning), timed one by one: a load that comes and goes on a
/// shared machine then weighs on every mode alike, where BenchmarkDotNet measures the modes one after the other. Prints
/// each (mode, request)'s median and the medians' difference to sign-in off.
/// <c>dotnet run -c Release --project benchmarks/Mercato.Benchmarks -- --interleaved [ROUNDS]</c> (default 300).
/// </summary>
internal static class AccessInterleaved
{
    public static async Task RunAsync(int rounds, TextWriter output)
    {
        var modes = Enum.GetValues<AccessMode>();
        var apps = new Dictionary<AccessMode, AccessApp>();
        try
        {
            foreach (var mode in modes)
            {
                apps[mode] = await AccessApp.StartAsync(mode);
            }

            var times = modes.SelectMany(m => AccessApp.Paths.Select(p => (m, p))).ToDictionary(k => k, _ => new List<double>());
            for (var round = -20; round < rounds; round++)
            {
                foreach (var path in AccessApp.Paths)
                {
                    // Who goes first turns with the rounds: no mode always follows another request of the same path.
                    foreach (var mode in modes.Skip(Math.Abs(round) % modes.Length).Concat(modes.Take(Math.Abs(round) % modes.Length)))
                    {
                        var watch = Stopwatch.StartNew();
                        await apps[mode].GetAsync(path);
                        // The first rounds warm the JIT up and are not kept.
                        if (round >= 0)
                        {
                            times[(mode, path)].Add(watch.Elapsed.TotalMilliseconds);
                        }
                    }
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rounds} rounds; medians in ms; overhead = median with sign-in minus median without"));
            output.WriteLine("| request | no auth | bearer | cookie | bearer overhead | cookie overhead |");
            output.WriteLine("|---|--:|--:|--:|--:|--:|");
            foreach (var path in AccessApp.Paths)
            {
                var off = Median(times[(AccessMode.NoAuth, path)]);
                var bearer = Median(times[(AccessMode.Bearer, path)]);
                var cookie = Median(times[(AccessMode.Cookie, path)]);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {path} | {off:F3} | {bearer:F3} | {cookie:F3} | {bearer - off:+0.000;-0.000} | {cookie - off:+0.000;-0.000} |"));
            }
        }
        finally
        {
            foreach (var app in apps.Values)
            {
                await app.DisposeAsync();
            }
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
