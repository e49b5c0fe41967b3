using System.Globalization;
using System.Text;
using System.Text.Json;
using Mercato.Core.Anomalies;
using Mercato.Features.Anomalies;

namespace Mercato.Tests;

/// <summary><c>mercato anomalies</c> on a file, as a user runs it (docs/anomalies.md).</summary>
public class AnomalyCliTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Hourly mentions with a daily cycle and Poisson noise (seed 5); rows written newest first.</summary>
    private static (string Csv, double[] Values) Hourly(int hours, int spikeAt, Func<int, string?>? line = null)
    {
        var rng = new Random(5);
        var values = Enumerable.Range(0, hours).Select(t => (double)Poisson(rng, 60 * (1 + (0.8 * Math.Sin(2 * Math.PI * ((t % 24) - 9) / 24))))).ToArray();
        values[spikeAt] += 150;
        var csv = new StringBuilder("hour,mentions,source\n");
        for (var t = hours - 1; t >= 0; t--)
        {
            csv.Append(line?.Invoke(t) ?? string.Create(CultureInfo.InvariantCulture, $"{Start.AddHours(t):yyyy-MM-dd'T'HH:mm:ss'Z'},{values[t]},weibo")).Append('\n');
        }

        return (csv.ToString(), values);
    }

    private static int Poisson(Random rng, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var product = rng.NextDouble(); product > limit; product *= rng.NextDouble())
        {
            k++;
        }

        return k;
    }

    private static Task<Cli.Outcome> Run(params string[] args) => Cli.RunAsync(["anomalies", .. args]);

    [Fact]
    public async Task AHourlyFile_ItsSpikeIsFound_InTheDocumentedJson_AndTheTable()
    {
        using var dir = new TempDir();
        var spike = (24 * 7 * 5) + 14;
        var (csv, values) = Hourly(24 * 7 * 6, spike);
        var file = dir.File("mentions.csv", csv);

        var run = await Run("--input", file, "--time", "hour", "--value", "mentions", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var anomalies = json.RootElement.GetProperty("anomalies").EnumerateArray().ToArray();
        var expected = AnomalyDetector.Scan(values, AnomalyPeriod.Hour, new AnomalyOptions()).Anomalies;
        Assert.Equal(expected.Count, anomalies.Length);
        var found = Assert.Single(anomalies, a => a.GetProperty("start").GetString() == "2026-02-09T14:00:00+00:00");
        Assert.Equal(["start", "end", "peak", "value", "expected", "score", "direction"], found.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-02-09T14:00:00+00:00", found.GetProperty("peak").GetString());
        Assert.Equal(values[spike], found.GetProperty("value").GetDouble());
        Assert.Equal("up", found.GetProperty("direction").GetString());
        Assert.True(found.GetProperty("score").GetDouble() >= 3.5);

        var table = await Run("--input", file, "--time", "hour", "--value", "mentions", "--period", "hour");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("2026-02-09T14:00:00+00:00", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("direction", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadFiles_AreExit2_WithLineColumnAndReason_AndNothingOnStdout()
    {
        using var dir = new TempDir();
        var hours = 24 * 7 * 5;
        // Row t is written on line 1 + (hours − t).
        var notANumber = dir.File("nan.csv", Hourly(hours, 800, t => t == hours - 3 ? "2026-02-08T21:00:00Z,12o,weibo" : null).Csv);
        var badTime = dir.File("time.csv", Hourly(hours, 800, t => t == hours - 4 ? "2026-02-30T20:00:00Z,5,weibo" : null).Csv);
        var duplicate = dir.File("dup.csv", Hourly(hours, 800, t => t == hours - 5 ? Start.AddHours(t - 1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + ",5,weibo" : null).Csv);
        var gap = dir.File("gap.csv", string.Join('\n', Hourly(hours, 800).Csv.Split('\n').Where((_, i) => i != 10)));
        var few = dir.File("few.csv", Hourly(24 * 7, 100).Csv);

        var missing = await Run("--input", notANumber, "--time", "hour", "--value", "count");
        var nan = await Run("--input", notANumber, "--time", "hour", "--value", "mentions");
        var time = await Run("--input", badTime, "--time", "hour", "--value", "mentions");
        var dup = await Run("--input", duplicate, "--time", "hour", "--value", "mentions");
        var irregular = await Run("--input", gap, "--time", "hour", "--value", "mentions", "--period", "hour");
        var tooFew = await Run("--input", few, "--time", "hour", "--value", "mentions");
        var noFile = await Run("--input", Path.Combine(dir.Path, "nope.csv"), "--time", "hour", "--value", "mentions");
        var wrongPeriod = await Run("--input", few, "--time", "hour", "--value", "mentions", "--period", "day");

        Assert.All(new[] { missing, nan, time, dup, irregular, tooFew, noFile, wrongPeriod }, r =>
        {
            Assert.Equal(2, r.ExitCode);
            Assert.Equal("", r.Stdout);
        });
        Assert.Contains("columns: " + Messages.Text(CsvTableCodes.MissingColumn, MessageArgs.Of(("column", "count"), ("columns", new[] { "hour", "mentions", "source" }))), missing.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 4, column 2 (mentions): " + Messages.Text(CsvTableCodes.BadNumber, MessageArgs.Of(("value", "12o"))), nan.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 5, column 1 (hour): " + Messages.Text(AnomalyUseCaseCodes.BadTime, MessageArgs.Of(("value", "2026-02-30T20:00:00Z"))), time.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 7, column 1 (hour): " + Messages.Text(AnomalyUseCaseCodes.DuplicateTime, MessageArgs.Of(
            ("time", AnomalyUseCases.Format(Start.AddHours(hours - 6), false)), ("first", "line 6, column 1 (hour)"))), dup.Stderr, StringComparison.Ordinal);
        // Line 11 held t = hours − 10; the next hour (line 10) follows a gap of two.
        Assert.Contains("line 10, column 1 (hour): " + Messages.Text(AnomalyUseCaseCodes.Irregular, MessageArgs.Of(
            ("time", AnomalyUseCases.Format(Start.AddHours(hours - 9), false)), ("previous", AnomalyUseCases.Format(Start.AddHours(hours - 11), false)), ("step", "01:00:00"))), irregular.Stderr, StringComparison.Ordinal);
        Assert.Contains(Messages.Text(AnomalyCodes.TooFewPoints, MessageArgs.Of(("count", 168L), ("needed", 696L), ("warmup", 672L))), tooFew.Stderr, StringComparison.Ordinal);
        // Hours read as days: 167 gaps, 20 listed and the rest counted.
        Assert.Equal(AnomalyUseCases.MaxSpacingProblems + 1, wrongPeriod.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("points: " + Messages.Text(AnomalyUseCaseCodes.MoreSpacingProblems, MessageArgs.Of(("count", 147L))), wrongPeriod.Stderr, StringComparison.Ordinal);
        Assert.Contains(Messages.Text(AnomalyUseCaseCodes.NoSuchFile, MessageArgs.Of(("path", Path.Combine(dir.Path, "nope.csv")))), noFile.Stderr, StringComparison.Ordinal);
    }
}
