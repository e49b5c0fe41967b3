using System.Globalization;
using System.Text;

namespace Mercato.Storage.ClickHouse;

/// <summary>
/// The one way a value enters ClickHouse SQL. Debian's server (18.16) takes no query parameters, so every literal is
/// written into the text, and only through these functions; identifiers are checked, never escaped. Strings are quoted
/// with backslash escapes (<c>\\</c>, <c>\'</c>, <c>\0</c>, <c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\b</c>, <c>\f</c>, other
/// control characters as <c>\xHH</c>), which 18.16 and current releases read alike; any other character goes as UTF-8.
/// </summary>
public static class ClickHouseSql
{
    /// <summary>A string literal, or <c>NULL</c>.</summary>
    public static string Literal(string? value)
    {
        if (value is null)
        {
            return "NULL";
        }

        var builder = new StringBuilder(value.Length + 2);
        builder.Append('\'');
        AppendEscaped(builder, value);
        return builder.Append('\'').ToString();
    }

    /// <summary>
    /// Appends <paramref name="value"/> with backslash escapes, no quotes: the inside of a string literal, and a field of
    /// a <c>TabSeparated</c> insert body, which ClickHouse reads with the same escapes.
    /// </summary>
    internal static void AppendEscaped(StringBuilder builder, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\'':
                    builder.Append("\\'");
                    break;
                case '\0':
                    builder.Append("\\0");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case < ' ' or '\x7f':
                    builder.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
    }

    /// <summary>A 64-bit integer literal (<see cref="long.MinValue"/> included: the parser reads the sign with the digits).</summary>
    public static string Literal(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A 64-bit integer literal, or <c>NULL</c>.</summary>
    public static string Literal(long? value) => value is { } v ? Literal(v) : "NULL";

    /// <summary>
    /// An exact decimal: <c>toDecimal64('12.3456', 4)</c>, or <c>toDecimal128</c> past 18 digits. A bare <c>12.3456</c>
    /// would be read as a Float64, and a Float64 turned into a decimal loses digits (18.16 gives 12.3455).
    /// </summary>
    /// <remarks>18.16 computes with a Decimal128 of 29 digits exactly but prints it wrong (<c>toString</c> gives
    /// <c>7\0\0...</c>): read such sums back as integers of stored units, as every reader here does.</remarks>
    public static string Literal(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var scale = point < 0 ? 0 : text.Length - point - 1;
        var digits = text.Count(char.IsAsciiDigit);
        return string.Create(CultureInfo.InvariantCulture, $"toDecimal{(digits <= 18 ? 64 : 128)}('{text}', {scale})");
    }

    /// <summary>A day: <c>toDate('2024-01-31')</c>.</summary>
    public static string Literal(DateOnly value) =>
        "toDate('" + value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "')";

    /// <summary>A comma-separated list of string literals, for <c>IN (...)</c>; <c>NULL</c> alone for an empty list.</summary>
    public static string List(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = string.Join(", ", values.Select(v => Literal(v)));
        return list.Length == 0 ? "NULL" : list;
    }

    /// <summary>A comma-separated list of integer literals, for <c>IN (...)</c>; <c>NULL</c> alone for an empty list.</summary>
    public static string List(IEnumerable<long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = string.Join(", ", values.Select(Literal));
        return list.Length == 0 ? "NULL" : list;
    }

    /// <summary>
    /// A database, table or cluster name as given, after checking it is a plain identifier (a letter or underscore, then
    /// letters, digits and underscores): names are never escaped, they are refused.
    /// </summary>
    public static string Identifier(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!IsIdentifier(name))
        {
            throw new ArgumentException("not a plain identifier (letters, digits and _, not starting with a digit): " + name, nameof(name));
        }

        return name;
    }

    /// <summary>Whether <paramref name="name"/> is a plain identifier.</summary>
    public static bool IsIdentifier(string? name) =>
        name is { Length: > 0 and <= 128 }
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
