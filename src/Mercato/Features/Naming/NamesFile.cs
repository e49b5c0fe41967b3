using System.Globalization;

namespace Mercato.Features.Naming;

/// <summary>
/// A file of display names: CSV with a header row holding the columns <c>kind</c>, <c>id</c>, <c>language</c> and
/// <c>name</c> (in any order, others ignored). Every problem is named by its line and column; a language tag is taken in
/// any case (<c>zh-cn</c> is <c>zh-CN</c>).
/// </summary>
public static class NamesFile
{
    /// <summary>The rows, or every problem (paths <c>line 4, column 2 (id)</c>, in the language in effect).</summary>
    public static Outcome<IReadOnlyList<DisplayName>> Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var csv = CsvTable.Open(stream);
        var problems = new List<Problem>();
        var columns = DisplayNameRules.Fields.Select(f => csv.IndexOf(f, problems)).ToArray();
        if (problems.Count > 0)
        {
            return Outcome<IReadOnlyList<DisplayName>>.Invalid(problems);
        }

        var rows = new List<DisplayName>();
        var lines = new List<long>();
        while (csv.Read(problems))
        {
            var language = csv.Text(columns[2]);
            rows.Add(new DisplayName(csv.Text(columns[0]), csv.Text(columns[1]), Languages.TryNormalize(language, out var normal) ? normal : language, csv.Text(columns[3])));
            lines.Add(csv.Line);
        }

        foreach (var problem in DisplayNameRules.Validate(rows))
        {
            // "[3].name" → the line of row 3 and the column of its field.
            var close = problem.Path.IndexOf(']', StringComparison.Ordinal);
            var index = int.Parse(problem.Path.AsSpan(1, close - 1), NumberStyles.None, CultureInfo.InvariantCulture);
            var field = problem.Path[(close + 2)..];
            var args = problem.Code == CommonCodes.DuplicateAt
                ? problem.Args.With("other", Words.W("names.file.at_line", ("line", lines[(int)(long)problem.Args["other"]! - 1])))
                : problem.Args;
            problems.Add(problem with { Path = Words.W("names.file.at", ("line", lines[index]), ("column", (long)columns[DisplayNameRules.Fields.ToList().IndexOf(field)] + 1), ("name", field)), Args = args });
        }

        return problems.Count > 0 ? Outcome<IReadOnlyList<DisplayName>>.Invalid(problems) : Outcome<IReadOnlyList<DisplayName>>.Ok(rows);
    }
}
