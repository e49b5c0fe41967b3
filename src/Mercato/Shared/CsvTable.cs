using System.Globalization;
using CsvHelper;

namespace Mercato.Shared;

/// <summary>
/// An analyst's CSV file read by a feature's own command (mix fit, anomalies): comma-separated, a header row (names
/// trimmed, a byte-order mark dropped), invariant numbers; the named columns found or reported, rows of the wrong width
/// reported and skipped, every unreadable cell named by its line and column.
/// </summary>
internal sealed class CsvTable : IDisposable
{
    private readonly CsvReader _csv;
    private readonly List<string> _header;

    private CsvTable(CsvReader csv)
    {
        _csv = csv;
        _header = [.. csv.Headers.Select(h => (h ?? "").Trim().TrimStart('\uFEFF'))];
    }

    /// <summary>The 1-based line of the current row.</summary>
    public long Line => _csv.LineNumber;

    /// <summary>Opens <paramref name="stream"/> (left open) and reads its header.</summary>
    public static CsvTable Open(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var options = CsvReaderOptions.Default with { Separator = ',', HasHeader = true, TrackLineNumbers = true };
        return new CsvTable(CsvReader.Create(stream, options, leaveOpen: true));
    }

    /// <summary>"line 4, column 2 (mentions)", or "line 4" without a column: where a problem is.</summary>
    public static string At(long line, int? column, string? name) => column is { } c
        ? string.Create(CultureInfo.InvariantCulture, $"line {line}, column {c + 1} ({name})")
        : string.Create(CultureInfo.InvariantCulture, $"line {line}");

    /// <summary>The index of column <paramref name="name"/>; −1 and a problem (<see cref="CsvTableCodes.MissingColumn"/>) when the header lacks it.</summary>
    public int IndexOf(string name, List<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var index = _header.IndexOf(name);
        if (index < 0)
        {
            problems.Add(Problem.Of("columns", CsvTableCodes.MissingColumn, ("column", name), ("columns", _header.ToArray())));
        }

        return index;
    }

    /// <summary>Moves to the next row as wide as the header; a narrower or wider one is a problem (<see cref="CsvTableCodes.FieldCount"/>) and skipped. False at the end.</summary>
    public bool Read(List<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        while (_csv.Read())
        {
            if (_csv.FieldCount == _header.Count)
            {
                return true;
            }

            problems.Add(Problem.Of(At(Line, null, null), CsvTableCodes.FieldCount, ("fields", (long)_csv.FieldCount), ("columns", (long)_header.Count)));
        }

        return false;
    }

    /// <summary>The current row's cell in <paramref name="column"/>, trimmed.</summary>
    public string Text(int column) => _csv.GetString(column).Trim();

    /// <summary>The current row's finite number in <paramref name="column"/>; null and a problem (<see cref="CsvTableCodes.BadNumber"/>) when it is not one.</summary>
    public double? Number(int column, string name, List<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var text = Text(column);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        problems.Add(Problem.Of(At(Line, column, name), CsvTableCodes.BadNumber, ("value", text)));
        return null;
    }

    public void Dispose() => _csv.Dispose();
}

/// <summary>The codes of an analyst's unreadable CSV file (<see cref="CsvTable"/>).</summary>
public static class CsvTableCodes
{
    /// <summary>A named column (<c>column</c>) is not in the header (<c>columns</c>).</summary>
    public const string MissingColumn = "csv_missing_column";

    /// <summary>A row with <c>fields</c> fields under a header of <c>columns</c>.</summary>
    public const string FieldCount = "csv_field_count";

    /// <summary>A value (<c>value</c>) that is not a number.</summary>
    public const string BadNumber = "csv_bad_number";
}
