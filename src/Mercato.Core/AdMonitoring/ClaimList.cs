using System.Globalization;
using System.Text;

namespace Mercato.Core.AdMonitoring;

/// <summary>
/// The claim list: the flagged clicks as CSV, to send to a channel with a refund claim. RFC 4180: a header row, comma
/// separated, CRLF line ends, a field quoted when it holds a comma, a quote, a line break or leading or trailing space,
/// quotes inside doubled. Times are ISO 8601 with their offset, culture-invariant. Rules are joined with <c>;</c>. A field
/// that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return gets a leading apostrophe unless
/// <c>guardFormulas</c> is off: placements and user agents come from publishers, and a spreadsheet would run such a field
/// as a formula (OWASP, "CSV injection").
/// </summary>
public static class ClaimList
{
    /// <summary>The header row's columns.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["click_id", "timestamp", "channel", "campaign", "placement", "ip", "device_id", "rules"];

    /// <summary>Writes the header and one row per flagged click of <paramref name="verdicts"/>, in their order; valid clicks are skipped.</summary>
    /// <param name="writer">Where to write (left open).</param>
    /// <param name="verdicts">The verdicts (typically <see cref="InvalidTrafficReport.Verdicts"/>, filtered to a channel and period).</param>
    /// <param name="guardFormulas">Whether fields that a spreadsheet would run as formulas get a leading apostrophe.</param>
    /// <returns>The number of rows written, the header excluded.</returns>
    public static int Write(TextWriter writer, IEnumerable<ClickVerdict> verdicts, bool guardFormulas = true)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(verdicts);
        writer.Write(string.Join(',', Columns));
        writer.Write("\r\n");
        var rows = 0;
        foreach (var v in verdicts)
        {
            if (!v.IsInvalid)
            {
                continue;
            }

            var c = v.Click;
            string?[] fields =
            [
                c.ClickId, c.Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture), c.Channel, c.Campaign, c.Placement, c.Ip,
                c.DeviceId, string.Join(';', v.Rules),
            ];
            for (var i = 0; i < fields.Length; i++)
            {
                if (i > 0)
                {
                    writer.Write(',');
                }

                writer.Write(Field(fields[i], guardFormulas));
            }

            writer.Write("\r\n");
            rows++;
        }

        return rows;
    }

    /// <summary>One field, escaped as the class comment says; null is an empty field.</summary>
    public static string Field(string? value, bool guardFormulas = true)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (guardFormulas && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        var quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]);
        if (!quote)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        return builder.ToString();
    }
}
