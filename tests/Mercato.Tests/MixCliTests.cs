using System.Globalization;
using System.Text;
using System.Text.Json;
using Mercato.Core.Mix;
using Mercato.Features.Mix;

namespace Mercato.Tests;

/// <summary><c>mercato mix fit|optimize</c> on an analyst's file, as a user runs them.</summary>
public class MixCliTests
{
    private static readonly string[] Columns = ["--date", "week", "--target", "sales", "--channels", "tv,search,social"];

    /// <summary>A simulated data set as the CSV an analyst would bring: rows in reverse order, doubles round-tripped.</summary>
    private static string Csv(MixData data, Func<int, int, string?>? value = null, int? rows = null)
    {
        var csv = new StringBuilder("week,sales,tv,search,social\n");
        var n = rows ?? data.Periods.Count;
        for (var t = n - 1; t >= 0; t--)
        {
            csv.Append(data.Periods[t].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',')
                .Append(data.Outcome[t].ToString("R", CultureInfo.InvariantCulture));
            for (var c = 0; c < 3; c++)
            {
                csv.Append(',').Append(value?.Invoke(t, c) ?? data.Channels[c].Values[t].ToString("R", CultureInfo.InvariantCulture));
            }

            csv.Append('\n');
        }

        return csv.ToString();
    }

    private static MixData Simulated() => MixSimulation.Draw(seed: 31, channels: 3, weeks: 104, noise: 0.03).Data;

    private static async Task<Cli.Outcome> Mix(TempDir dir, params string[] args) => await Cli.RunAsync(["mix", .. args, "--data-dir", dir.Path]);

    [Fact]
    public async Task Fit_OnAFile_GivesTheModelsFigures_InTheDocumentedJson()
    {
        using var dir = new TempDir();
        var data = Simulated();
        var file = dir.File("weekly.csv", Csv(data));

        var run = await Mix(dir, ["fit", "--input", file, .. Columns, "--replicates", "20", "--format", "json"]);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var expected = MixModel.Fit(data with { Channels = [.. data.Channels.Select((c, i) => c with { Name = new[] { "tv", "search", "social" }[i] })] }, new MixOptions { Replicates = 20 });
        var channels = json.RootElement.GetProperty("channels").EnumerateArray().ToArray();
        Assert.Equal(["tv", "search", "social"], channels.Select(c => c.GetProperty("channel").GetString()));
        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(expected.Channels[c].Contribution.Value, channels[c].GetProperty("contribution").GetDouble(), 6);
            Assert.Equal(expected.Channels[c].Contribution.Low, channels[c].GetProperty("contributionLow").GetDouble(), 6);
            Assert.Equal(channels[c].GetProperty("contribution").GetDouble() / channels[c].GetProperty("spend").GetDouble(), channels[c].GetProperty("roi").GetDouble(), 9);
            Assert.Equal("geometric", channels[c].GetProperty("adstock").GetProperty("kind").GetString());
            Assert.Equal("hill", channels[c].GetProperty("saturation").GetProperty("kind").GetString());
        }

        var fit = json.RootElement.GetProperty("fit");
        Assert.Equal(expected.Quality.R2, fit.GetProperty("r2").GetDouble(), 9);
        Assert.Equal(expected.Quality.HoldoutMape!.Value, fit.GetProperty("holdoutMape").GetDouble(), 9);
        Assert.True(json.RootElement.GetProperty("seconds").GetDouble() > 0);

        var table = await Mix(dir, ["fit", "--input", file, .. Columns, "--replicates", "20"]);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("R² ", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("search", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadFiles_AreExit2_WithLineColumnAndReason()
    {
        using var dir = new TempDir();
        var data = Simulated();
        var notANumber = dir.File("nan.csv", Csv(data, (t, c) => t == 100 && c == 1 ? "12o" : null));
        var negative = dir.File("negative.csv", Csv(data, (t, c) => t == 50 && c == 0 ? "-5" : null));
        var constant = dir.File("constant.csv", Csv(data, (_, c) => c == 2 ? "700" : null));
        var tooFew = dir.File("short.csv", Csv(data, rows: 12));
        var duplicated = dir.File("dup.csv", Csv(data) + Csv(data).Split('\n')[1] + "\n");

        var missing = await Mix(dir, "fit", "--input", notANumber, "--date", "week", "--target", "sales", "--channels", "tv,radio");
        var nan = await Mix(dir, ["fit", "--input", notANumber, .. Columns]);
        var neg = await Mix(dir, ["fit", "--input", negative, .. Columns]);
        var flat = await Mix(dir, ["fit", "--input", constant, .. Columns]);
        var few = await Mix(dir, ["fit", "--input", tooFew, .. Columns]);
        var dup = await Mix(dir, ["fit", "--input", duplicated, .. Columns]);
        var noColumns = await Mix(dir, "fit", "--input", negative);

        Assert.All(new[] { missing, nan, neg, flat, few, dup, noColumns }, r => Assert.Equal(2, r.ExitCode));
        Assert.Contains(Messages.Text(CsvTableCodes.MissingColumn, MessageArgs.Of(("column", "radio"), ("columns", new[] { "week", "sales", "tv", "search", "social" }))), missing.Stderr, StringComparison.Ordinal);
        // Row t = 100 is written 4th from the top (104 rows, reversed): line 1 + (103 − 100) + 1 = 5; search is column 4.
        Assert.Contains("line 5, column 4 (search): " + Messages.Text(CsvTableCodes.BadNumber, MessageArgs.Of(("value", "12o"))), nan.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 55: " + Messages.Text(MixCodes.NegativeSpend, MessageArgs.Of(("channel", "tv"), ("date", data.Periods[50]), ("value", -5.0))), neg.Stderr, StringComparison.Ordinal);
        Assert.Contains(Messages.Text(MixCodes.ConstantChannel, MessageArgs.Of(("channel", "social"))), flat.Stderr, StringComparison.Ordinal);
        Assert.Contains(Messages.Text(MixCodes.TooFewPeriods, MessageArgs.Of(("needed", (long)MixChecks.PeriodsNeeded(3, 0, 0)), ("have", 12L))), few.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 106, column 1 (week): " + Messages.Text(MixFileCodes.DuplicateDate, MessageArgs.Of(("date", data.Periods[103]), ("line", 2L))), dup.Stderr, StringComparison.Ordinal);
        Assert.Contains(Messages.Text(MixCliCodes.FileNeedsColumns), noColumns.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Optimize_ProposesTheWholeBudgetWithinTheRails_AndRefusesAnUnreachableOneWithTheRange()
    {
        using var dir = new TempDir();
        var data = Simulated();
        var file = dir.File("weekly.csv", Csv(data));
        var current = data.Channels.Sum(c => c.Values.TakeLast(13).Average()) * 4;
        var budget = Math.Round(current, 0).ToString(CultureInfo.InvariantCulture);

        var ok = await Mix(dir, ["optimize", "--input", file, .. Columns, "--replicates", "20", "--budget", budget, "--period", "4", "--format", "json"]);
        var tooMuch = await Mix(dir, ["optimize", "--input", file, .. Columns, "--replicates", "20", "--budget", (current * 3).ToString("F0", CultureInfo.InvariantCulture)]);
        var badBound = await Mix(dir, ["optimize", "--input", file, .. Columns, "--budget", budget, "--bound", "tv=5"]);

        Assert.Equal(0, ok.ExitCode);
        using var json = JsonDocument.Parse(ok.Stdout);
        Assert.Equal(double.Parse(budget, CultureInfo.InvariantCulture), json.RootElement.GetProperty("spent").GetDouble(), 3);
        foreach (var channel in json.RootElement.GetProperty("channels").EnumerateArray())
        {
            var proposed = channel.GetProperty("proposed").GetDouble();
            Assert.InRange(proposed, channel.GetProperty("low").GetDouble() - 1e-6, channel.GetProperty("high").GetDouble() + 1e-6);
        }

        Assert.Equal(2, tooMuch.ExitCode);
        Assert.Contains("the guard rails cannot meet a budget of", tooMuch.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, badBound.ExitCode);
        Assert.Contains(Messages.Text(MixCliCodes.BadBoundText, MessageArgs.Of(("value", "tv=5"))), badBound.Stderr, StringComparison.Ordinal);
    }
}
