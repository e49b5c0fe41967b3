using System.Globalization;
using Mercato.Core.Mix;

namespace Mercato.Features.Mix;

/// <summary>Which columns of an analyst's CSV file hold what: <c>mercato mix fit --input FILE --date COL --target COL --channels A,B</c>.</summary>
/// <param name="Date">The column of each period's first day (YYYY-MM-DD).</param>
/// <param name="Target">The outcome's column.</param>
/// <param name="Channels">The spend columns, one per channel.</param>
/// <param name="Controls">Other drivers' columns.</param>
public sealed record MixFileColumns(string Date, string Target, IReadOnlyList<string> Channels, IReadOnlyList<string> Controls);

/// <summary>
/// Reads a mix data set from CSV (comma-separated, a header row, invariant numbers): rows in any order, sorted by date;
/// every unreadable value is a problem with its line and column, a duplicated date names both lines.
/// </summary>
public static class MixFile
{
    /// <summary>
    /// The data set, or every problem: the file's own (columns, dates, numbers, duplicated dates) and then the model's
    /// (<see cref="MixChecks.Problems"/> under <paramref name="options"/>), each period's problem named by its line.
    /// </summary>
    public static Outcome<MixData> Read(Stream stream, MixFileColumns columns, MixOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(options);
        using var csv = CsvTable.Open(stream);
        var problems = new List<Problem>();
        var dateColumn = csv.IndexOf(columns.Date, problems);
        var targetColumn = csv.IndexOf(columns.Target, problems);
        var channelColumns = columns.Channels.Select(c => csv.IndexOf(c, problems)).ToArray();
        var controlColumns = columns.Controls.Select(c => csv.IndexOf(c, problems)).ToArray();
        if (problems.Count > 0)
        {
            return Outcome<MixData>.Invalid(problems);
        }

        var rows = new List<(DateOnly Date, long Line, double Target, double[] Spend, double[] Controls)>();
        while (csv.Read(problems))
        {
            var line = csv.Line;
            var dateText = csv.Text(dateColumn);
            var ok = DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
            if (!ok)
            {
                problems.Add(Problem.Of(CsvTable.At(line, dateColumn, columns.Date), MixFileCodes.BadDate, ("value", dateText)));
            }

            double Number(int column, string name)
            {
                var value = csv.Number(column, name, problems);
                ok &= value is not null;
                return value ?? 0;
            }

            var target = Number(targetColumn, columns.Target);
            var spend = new double[channelColumns.Length];
            for (var c = 0; c < spend.Length; c++)
            {
                spend[c] = Number(channelColumns[c], columns.Channels[c]);
            }

            var controls = new double[controlColumns.Length];
            for (var c = 0; c < controls.Length; c++)
            {
                controls[c] = Number(controlColumns[c], columns.Controls[c]);
            }

            if (ok)
            {
                rows.Add((date, line, target, spend, controls));
            }
        }

        rows.Sort((a, b) => a.Date.CompareTo(b.Date));
        for (var i = 1; i < rows.Count; i++)
        {
            if (rows[i].Date == rows[i - 1].Date)
            {
                var (first, second) = rows[i].Line < rows[i - 1].Line ? (rows[i].Line, rows[i - 1].Line) : (rows[i - 1].Line, rows[i].Line);
                problems.Add(Problem.Of(CsvTable.At(second, dateColumn, columns.Date), MixFileCodes.DuplicateDate, ("date", rows[i].Date), ("line", first)));
            }
        }

        if (problems.Count > 0)
        {
            return Outcome<MixData>.Invalid(problems);
        }

        var data = new MixData(
            rows.Select(r => r.Date).ToArray(),
            rows.Select(r => r.Target).ToArray(),
            columns.Channels.Select((name, c) => new MixSeries(name, rows.Select(r => r.Spend[c]).ToArray())).ToArray(),
            columns.Controls.Select((name, c) => new MixSeries(name, rows.Select(r => r.Controls[c]).ToArray())).ToArray());
        var checks = MixChecks.Problems(data, options);
        return checks.Count == 0
            ? Outcome<MixData>.Ok(data)
            : Outcome<MixData>.Invalid([.. checks.Select(p => MixChecks.Period(p.Path) is { } t ? p with { Path = CsvTable.At(rows[t].Line, null, null) } : p)]);
    }

}

/// <summary>The codes of an unreadable mix file.</summary>
public static class MixFileCodes
{
    /// <summary>A date (<c>value</c>) that is not YYYY-MM-DD.</summary>
    public const string BadDate = "mix_bad_date";

    /// <summary>A date (<c>date</c>) already on line <c>line</c>.</summary>
    public const string DuplicateDate = "mix_duplicate_date";
}
