using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Mercato.Features.Export;

/// <summary>What a cell of a shown table holds once read back: a number, a share, a day, or text.</summary>
public enum CellKind
{
    /// <summary>Text, kept as written.</summary>
    Text,

    /// <summary>A number (a count, an amount, a rate written without %).</summary>
    Number,

    /// <summary>A share written as a percentage; the value is the ratio (12.5% → 0.125).</summary>
    Percent,

    /// <summary>A day, <c>yyyy-MM-dd</c>.</summary>
    Day,
}

/// <summary>One cell: its kind and its value (null for an empty cell).</summary>
public sealed record ExportCell(CellKind Kind, object? Value);

/// <summary>A table as a person sees it: a name (the file's), the header in the page's language, the rows as shown.</summary>
public sealed record ShownTable(string? Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// Every table of Mercato as a file, the same for the pages (<c>export.js</c> posts the table it shows) and the command
/// line (<c>--format csv|xlsx</c>): each cell shown is read back into what it is, so a spreadsheet gets numbers as numbers
/// and days as days. The rule (<see cref="Read"/>): <c>1,234.50</c>, <c>-3</c>, <c>¥1,234.50</c>, <c>1,234.50 CHF</c> are
/// numbers; <c>12.5%</c> is the share 0.125; <c>2026-03-01</c> is a day; anything else (<c>—</c>, <c>0042</c>, a name) is
/// text. Both languages Mercato speaks write numbers with <c>,</c> between thousands and <c>.</c> before decimals.
/// </summary>
public static partial class TableExport
{
    /// <summary>The most rows one download holds.</summary>
    public const int MaxRows = 200_000;

    /// <summary>The formats a table downloads as.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["csv", "xlsx"];

    /// <summary>What <paramref name="shown"/> (a cell's text as a page or a table shows it) is.</summary>
    public static ExportCell Read(string? shown)
    {
        var text = (shown ?? "").Trim().Replace('\u2212', '-');
        if (text.Length == 0)
        {
            return new ExportCell(CellKind.Text, null);
        }

        if (PercentPattern().Match(text) is { Success: true } percent
            && decimal.TryParse(percent.Groups["n"].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var share))
        {
            return new ExportCell(CellKind.Percent, share / 100m);
        }

        if (NumberPattern().Match(text) is { Success: true } number
            && decimal.TryParse(number.Groups["sign"].Value + number.Groups["n"].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return new ExportCell(CellKind.Number, value);
        }

        if (DayPattern().IsMatch(text) && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new ExportCell(CellKind.Day, day);
        }

        return new ExportCell(CellKind.Text, shown!.Trim());
    }

    /// <summary>A file name of <paramref name="name"/>: letters, digits (any script), <c>-</c> and <c>_</c>; "table" when none is left.</summary>
    public static string FileName(string? name, string format)
    {
        var kept = new string([.. (name ?? "").Trim().Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-')]).Trim('-');
        while (kept.Contains("--", StringComparison.Ordinal))
        {
            kept = kept.Replace("--", "-", StringComparison.Ordinal);
        }

        return (kept.Length == 0 ? "table" : kept[..Math.Min(kept.Length, 80)]) + "." + format;
    }

    /// <summary>
    /// RFC 4180 CSV in UTF-8 with a byte-order mark (so that Excel reads Chinese right): the header as shown, numbers
    /// without thousands separators and with <c>.</c> (shares as ratios), days <c>yyyy-MM-dd</c>, text quoted when needed.
    /// </summary>
    public static void WriteCsv(ShownTable table, Stream output)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        writer.Write(string.Join(',', table.Header.Select(Quote)));
        writer.Write("\r\n");
        foreach (var row in table.Rows)
        {
            writer.Write(string.Join(',', row.Select(cell => Read(cell) switch
            {
                { Value: null } => "",
                { Kind: CellKind.Number or CellKind.Percent, Value: decimal d } => d.ToString(CultureInfo.InvariantCulture),
                { Kind: CellKind.Day, Value: DateOnly day } => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                var other => Quote(Convert.ToString(other.Value, CultureInfo.InvariantCulture) ?? ""),
            })));
            writer.Write("\r\n");
        }
    }

    /// <summary>
    /// An Excel workbook of one sheet: the header as shown, numbers as numbers (<c>#,##0.##</c>), shares as numbers formatted
    /// <c>0.0%</c>, days as dates (<c>yyyy-mm-dd</c>), text as text.
    /// </summary>
    public static void WriteXlsx(ShownTable table, Stream output)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(output);
        var names = UniqueNames(table.Header);
        var cells = table.Rows.Select(row => names.Select((_, i) => i < row.Count ? Read(row[i]) : new ExportCell(CellKind.Text, null)).ToArray()).ToList();
        var columns = new List<DynamicExcelColumn>();
        for (var i = 0; i < names.Count; i++)
        {
            var kinds = cells.Select(r => r[i]).Where(c => c.Value is not null).Select(c => c.Kind).Distinct().ToList();
            var format = kinds.Count != 1 ? null : kinds[0] switch
            {
                CellKind.Percent => "0.0%",
                CellKind.Day => "yyyy-mm-dd",
                CellKind.Number => cells.Any(r => r[i].Value is decimal d && d != decimal.Truncate(d)) ? "#,##0.00" : "#,##0",
                _ => null,
            };
            columns.Add(new DynamicExcelColumn(names[i]) { Format = format, Width = Math.Clamp(names[i].Length + 4, 10, 40) });
        }

        var rows = cells.Select(row =>
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < names.Count; i++)
            {
                values[names[i]] = row[i] switch
                {
                    { Value: null } => null,
                    { Kind: CellKind.Number or CellKind.Percent, Value: decimal d } => (double)d,
                    { Kind: CellKind.Day, Value: DateOnly day } => day.ToDateTime(TimeOnly.MinValue),
                    var other => other.Value,
                };
            }

            return values;
        }).ToList();
        var configuration = new OpenXmlConfiguration { DynamicColumns = [.. columns], FastMode = true };
        output.SaveAs(rows.Count == 0 ? [names.ToDictionary(n => n, _ => (object?)null)] : rows, printHeader: true, sheetName: "Mercato", excelType: ExcelType.XLSX, configuration: configuration);
    }

    private static List<string> UniqueNames(IReadOnlyList<string> header)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var (name, i) in header.Select((h, i) => (string.IsNullOrWhiteSpace(h) ? "column " + (i + 1).ToString(CultureInfo.InvariantCulture) : h.Trim(), i)))
        {
            var unique = name;
            for (var n = 2; !seen.Add(unique); n++)
            {
                unique = name + " (" + n.ToString(CultureInfo.InvariantCulture) + ")";
            }

            names.Add(unique);
        }

        return names;
    }

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\r', '\n']) >= 0 || (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;

    [GeneratedRegex(@"^(?<n>[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?)\s?%$", RegexOptions.CultureInvariant)]
    private static partial Regex PercentPattern();

    // A number, optionally signed, with an optional currency sign before it or an ISO code after it; not a code with a
    // leading zero (0042).
    [GeneratedRegex(@"^(?<sign>[+-]?)(CN¥|US\$|JP¥|HK\$|[¥$€£])?(?<n>(0|[1-9]\d{0,2}(,\d{3})+|[1-9]\d*)(\.\d+)?|0?\.\d+)(\u00A0[A-Z]{3})?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DayPattern();
}
