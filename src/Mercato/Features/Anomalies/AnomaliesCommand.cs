using System.CommandLine;
using System.Globalization;
using Mercato.Core.Anomalies;

namespace Mercato.Features.Anomalies;

/// <summary><c>mercato anomalies --input FILE --time COL --value COL</c>: spikes and drops in a regular series of a CSV file.</summary>
internal static class AnomaliesCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "A CSV file with a header row: one point an hour or a day, no gaps (write 0 where nothing happened)", Required = true };
        var time = new Option<string>("--time") { Description = "The column of each point's time: YYYY-MM-DD or ISO 8601 date and time", DefaultValueFactory = _ => "time" };
        var value = new Option<string>("--value") { Description = "The column of each point's value", DefaultValueFactory = _ => "value" };
        var period = new Option<string?>("--period") { Description = "hour or day (default: the spacing of the first two points)" };
        period.AcceptOnlyFromAmong("hour", "day");
        var threshold = new Option<double>("--threshold") { Description = "Robust standard deviations from the expected value that make a point anomalous", DefaultValueFactory = _ => 3.5 };
        var minChange = new Option<double>("--min-change") { Description = "Smallest difference from the expected value that is an anomaly", DefaultValueFactory = _ => 5 };
        var minVolume = new Option<double>("--min-volume") { Description = "Smallest value of an upward anomaly", DefaultValueFactory = _ => 10 };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("anomalies", "Spikes and drops in a regular series against its seasonal baseline (same hour or day of the week), docs/anomalies.md")
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

            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(AnomalyShapes.Of(found));
                return MercatoCli.Ok;
            }

            Console.Out.WriteLine(FormattableString.Invariant(
                $"{found.Times.Count} points, one a{(found.Period == AnomalyPeriod.Hour ? "n hour" : " day")}; {found.Anomalies.Count} anomalies (threshold {options.Threshold}, min change {options.MinChange}, min volume {options.MinVolume})"));
            if (found.Anomalies.Count > 0)
            {
                CliContext.WriteTable(
                    ["start", "end", "peak", "value", "expected", "score", "direction"],
                    found.Anomalies.Select(a => (IReadOnlyList<string>)[
                        Time(found, a.Start), Time(found, a.End), Time(found, a.Peak), N(a.Value), N(a.Expected), a.Score.ToString("F1", CultureInfo.InvariantCulture), EnumWords.Word(a.Direction)]),
                    new HashSet<int> { 3, 4, 5 });
            }

            return MercatoCli.Ok;
        });
        return command;
    }

    private static string Time(AnomalyResult result, int index) => AnomalyUseCases.Format(result.Times[index], result.DateOnly);

    private static string N(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
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
