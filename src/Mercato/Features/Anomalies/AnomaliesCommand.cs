using System.CommandLine;
using System.Globalization;
using Mercato.Core.Anomalies;

namespace Mercato.Features.Anomalies;

/// <summary><c>mercato anomalies --input FILE --time COL --value COL</c>: spikes and drops in a regular series of a CSV file.</summary>
internal static class AnomaliesCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = Words.W("anomalies.cli.input"), Required = true };
        var time = new Option<string>("--time") { Description = Words.W("anomalies.cli.time"), DefaultValueFactory = _ => "time" };
        var value = new Option<string>("--value") { Description = Words.W("anomalies.cli.value"), DefaultValueFactory = _ => "value" };
        var period = new Option<string?>("--period") { Description = Words.W("anomalies.cli.period") };
        period.AcceptOnlyFromAmong("hour", "day");
        var threshold = new Option<double>("--threshold") { Description = Words.W("anomalies.cli.threshold"), DefaultValueFactory = _ => 3.5 };
        var minChange = new Option<double>("--min-change") { Description = Words.W("anomalies.cli.min_change"), DefaultValueFactory = _ => 5 };
        var minVolume = new Option<double>("--min-volume") { Description = Words.W("anomalies.cli.min_volume"), DefaultValueFactory = _ => 10 };
        var format = CliContext.TableFormatOption();
        var command = new Command("anomalies", Words.W("anomalies.cli.description"))
        {
            input, time, value, period, threshold, minChange, minVolume, format,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(input)!;
            if (!File.Exists(path))
            {
                return CliContext.Invalid(AnomalyUseCaseCodes.NoSuchFile, ("path", path));
            }

            AnomalyPeriod? p = result.GetValue(period) switch { "hour" => AnomalyPeriod.Hour, "day" => AnomalyPeriod.Day, _ => null };
            var options = new AnomalyOptions { Threshold = result.GetValue(threshold), MinChange = result.GetValue(minChange), MinVolume = result.GetValue(minVolume) };
            await using var stream = File.OpenRead(path);
            var outcome = AnomalyUseCases.DetectFile(stream, result.GetValue(time)!, result.GetValue(value)!, p, options);
            if (outcome.Value is not { } found)
            {
                return CliContext.Fail(outcome);
            }

            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(AnomalyShapes.Of(found));
                return MercatoCli.Ok;
            }

            if (shown == "table")
            {
                Console.Out.WriteLine(Words.W(
                    "anomalies.cli.summary", ("points", (long)found.Times.Count), ("period", found.Period == AnomalyPeriod.Hour ? "hour" : "day"), ("anomalies", (long)found.Anomalies.Count),
                    ("threshold", options.Threshold), ("min_change", options.MinChange), ("min_volume", options.MinVolume)));
                if (found.Anomalies.Count == 0)
                {
                    return MercatoCli.Ok;
                }
            }

            return CliContext.WriteShown(
                result, shown, "anomalies",
                [
                    Words.W("anomalies.cli.col_start"), Words.W("anomalies.cli.col_end"), Words.W("anomalies.cli.col_peak"), Words.W("anomalies.cli.col_value"),
                    Words.W("anomalies.cli.col_expected"), Words.W("anomalies.cli.col_score"), Words.W("anomalies.cli.col_direction"),
                ],
                found.Anomalies.Select(a => (IReadOnlyList<string>)[
                    Time(found, a.Start), Time(found, a.End), Time(found, a.Peak), N(a.Value), N(a.Expected), a.Score.ToString("F1", CultureInfo.CurrentCulture),
                    Words.W("anomalies.direction." + EnumWords.Word(a.Direction))]),
                new HashSet<int> { 3, 4, 5 });
        });
        return command;
    }

    private static string Time(AnomalyResult result, int index) => AnomalyUseCases.Format(result.Times[index], result.DateOnly);

    private static string N(double value) => value.ToString("#,0.##", CultureInfo.CurrentCulture);
}

/// <summary>The JSON the CLI and the API write (docs/anomalies.md, Output).</summary>
internal static class AnomalyShapes
{
    public static object Of(AnomalyResult result) => new
    {
        anomalies = result.Anomalies.Select(a => new
        {
            start = AnomalyUseCases.Format(result.Times[a.Start], result.DateOnly),
            end = AnomalyUseCases.Format(result.Times[a.End], result.DateOnly),
            peak = AnomalyUseCases.Format(result.Times[a.Peak], result.DateOnly),
            value = a.Value,
            expected = a.Expected,
            score = a.Score,
            direction = EnumWords.Word(a.Direction),
        }),
    };
}
