using System.Globalization;
using Mercato.Core.Anomalies;

namespace Mercato.Features.Anomalies;

/// <summary>One point of a series as a front door read it: its time, its value and where it was (a line, a JSON path).</summary>
/// <param name="Time">The point's time.</param>
/// <param name="Value">Its value.</param>
/// <param name="Where">Where it was read, for problems: <c>line 4, column 1 (time)</c> or <c>points[3].time</c>.</param>
/// <param name="DateOnly">Whether the time was written as a date alone (then the anomalies are written as dates).</param>
internal sealed record TimedPoint(DateTimeOffset Time, double Value, string Where, bool DateOnly);

/// <summary>A scanned series: its regular times and the detector's anomalies.</summary>
/// <param name="Period">The spacing of the points.</param>
/// <param name="Times">Every point's time, oldest first.</param>
/// <param name="DateOnly">Whether the times are days written as dates.</param>
/// <param name="Anomalies">The anomalies found.</param>
internal sealed record AnomalyResult(AnomalyPeriod Period, IReadOnlyList<DateTimeOffset> Times, bool DateOnly, IReadOnlyList<Anomaly> Anomalies);

/// <summary>
/// Spikes and drops in a regular series (docs/anomalies.md): the CLI's <c>mercato anomalies</c> and
/// <c>POST /api/v1/anomalies</c> both call <see cref="Detect"/>. A series must be regular: sorted here, but a duplicated
/// time, a missing hour or day or an irregular step is refused with where it is (fill a point with 0 when nothing
/// happened; the detector does not guess).
/// </summary>
internal static class AnomalyUseCases
{
    /// <summary>The duplicated times and gaps listed one by one; the rest are counted.</summary>
    public const int MaxSpacingProblems = 20;

    /// <summary>The anomalies of <paramref name="points"/> (any order), or every problem of the series and the settings.</summary>
    public static Outcome<AnomalyResult> Detect(IReadOnlyList<TimedPoint> points, AnomalyPeriod? period, AnomalyOptions options)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(options);
        var sorted = points.OrderBy(p => p.Time).ToList();
        var problems = new List<Problem>();
        if (period is null && sorted.Count >= 2)
        {
            var first = sorted[1].Time - sorted[0].Time;
            period = first == TimeSpan.FromHours(1) ? AnomalyPeriod.Hour : first == TimeSpan.FromDays(1) ? AnomalyPeriod.Day : null;
            if (period is null)
            {
                return Outcome<AnomalyResult>.Invalid([Problem.Of(sorted[1].Where, AnomalyUseCaseCodes.NoPeriod, ("step", Step(first)))]);
            }
        }

        var p = period ?? AnomalyPeriod.Day;
        var step = p == AnomalyPeriod.Hour ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
        var more = 0;
        for (var i = 1; i < sorted.Count; i++)
        {
            var gap = sorted[i].Time - sorted[i - 1].Time;
            if (gap != step && problems.Count >= MaxSpacingProblems)
            {
                // A wrong period makes every point a problem: the first ones say enough.
                more++;
            }
            else if (gap == TimeSpan.Zero)
            {
                problems.Add(Problem.Of(sorted[i].Where, AnomalyUseCaseCodes.DuplicateTime, ("time", Format(sorted[i].Time, sorted[i].DateOnly)), ("first", sorted[i - 1].Where)));
            }
            else if (gap != step)
            {
                problems.Add(Problem.Of(sorted[i].Where, AnomalyUseCaseCodes.Irregular,
                    ("time", Format(sorted[i].Time, sorted[i].DateOnly)), ("previous", Format(sorted[i - 1].Time, sorted[i - 1].DateOnly)), ("step", Step(step))));
            }
        }

        if (more > 0)
        {
            problems.Add(Problem.Of("points", AnomalyUseCaseCodes.MoreSpacingProblems, ("count", (long)more)));
        }

        var values = sorted.Select(x => x.Value).ToArray();
        problems.AddRange(AnomalyDetector.Problems(options, p, values));
        if (problems.Count > 0)
        {
            return Outcome<AnomalyResult>.Invalid(problems);
        }

        var scan = AnomalyDetector.Scan(values, p, options);
        return Outcome<AnomalyResult>.Ok(new AnomalyResult(p, [.. sorted.Select(x => x.Time)], p == AnomalyPeriod.Day && sorted.All(x => x.DateOnly), scan.Anomalies));
    }

    /// <summary>The anomalies of a CSV file's <paramref name="timeColumn"/> and <paramref name="valueColumn"/>, or every problem with its line and column.</summary>
    public static Outcome<AnomalyResult> DetectFile(Stream stream, string timeColumn, string valueColumn, AnomalyPeriod? period, AnomalyOptions options)
    {
        var points = AnomalyFile.Read(stream, timeColumn, valueColumn);
        return points.Value is { } read ? Detect(read, period, options) : Outcome<AnomalyResult>.From(points);
    }

    /// <summary>A time as ISO 8601: a date for days written as dates, else the date, time and offset.</summary>
    public static string Format(DateTimeOffset time, bool dateOnly) => dateOnly
        ? time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A time read from a file or a body: <c>YYYY-MM-DD</c> (midnight UTC) or an ISO 8601 date and time (UTC without an offset).</summary>
    public static bool TryParseTime(string text, out DateTimeOffset time, out bool dateOnly)
    {
        dateOnly = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day);
        if (dateOnly)
        {
            time = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time) && text.Contains('T', StringComparison.Ordinal);
    }

    private static string Step(TimeSpan step) => step.ToString("c", CultureInfo.InvariantCulture);
}

/// <summary>Reads a series from CSV (comma-separated, a header row, invariant numbers), every unreadable cell named by its line and column.</summary>
internal static class AnomalyFile
{
    public static Outcome<IReadOnlyList<TimedPoint>> Read(Stream stream, string timeColumn, string valueColumn)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var csv = CsvTable.Open(stream);
        var problems = new List<Problem>();
        var timeIndex = csv.IndexOf(timeColumn, problems);
        var valueIndex = csv.IndexOf(valueColumn, problems);
        if (problems.Count > 0)
        {
            return Outcome<IReadOnlyList<TimedPoint>>.Invalid(problems);
        }

        var points = new List<TimedPoint>();
        while (csv.Read(problems))
        {
            var line = csv.Line;
            var timeText = csv.Text(timeIndex);
            var ok = AnomalyUseCases.TryParseTime(timeText, out var time, out var dateOnly);
            if (!ok)
            {
                problems.Add(Problem.Of(CsvTable.At(line, timeIndex, timeColumn), AnomalyUseCaseCodes.BadTime, ("value", timeText)));
            }

            var value = csv.Number(valueIndex, valueColumn, problems);
            ok &= value is not null;

            if (ok)
            {
                points.Add(new TimedPoint(time, value!.Value, CsvTable.At(line, timeIndex, timeColumn), dateOnly));
            }
        }

        return problems.Count > 0 ? Outcome<IReadOnlyList<TimedPoint>>.Invalid(problems) : Outcome<IReadOnlyList<TimedPoint>>.Ok(points);
    }

}

/// <summary>The codes of an unreadable or irregular series.</summary>
public static class AnomalyUseCaseCodes
{
    /// <summary>A time (<c>value</c>) that is neither YYYY-MM-DD nor an ISO 8601 date and time.</summary>
    public const string BadTime = "anomaly_bad_time";

    /// <summary>A time (<c>time</c>) already at <c>first</c>.</summary>
    public const string DuplicateTime = "anomaly_duplicate_time";

    /// <summary>A time (<c>time</c>) that does not follow the previous one (<c>previous</c>) by one <c>step</c>.</summary>
    public const string Irregular = "anomaly_irregular";

    /// <summary>No period given and the first two points are <c>step</c> apart, neither an hour nor a day.</summary>
    public const string NoPeriod = "anomaly_no_period";

    /// <summary><c>count</c> more duplicated times and gaps, beyond those listed.</summary>
    public const string MoreSpacingProblems = "anomaly_more_spacing_problems";

    /// <summary>No file at <c>path</c>.</summary>
    public const string NoSuchFile = "anomaly_no_such_file";

    /// <summary>A period (<c>value</c>) other than hour or day.</summary>
    public const string BadPeriod = "anomaly_bad_period";
}
