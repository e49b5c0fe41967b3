namespace Mercato.Core.DataCenter;

/// <summary>
/// The shapes of ISO 8601 timestamp that exports write almost always, read without the general parser:
/// <c>yyyy-MM-ddTHH:mm:ss</c> (or a space for the <c>T</c>), an optional fraction of one to seven digits, then <c>Z</c>
/// or <c>±HH:mm</c>. It answers only when it is sure: every other text, and every value out of the plain ranges (a 60th
/// second, an offset of 14 hours or more, the years 1 and 9999 at the edges of <see cref="DateTimeOffset"/>), is left to
/// <see cref="DateTimeOffset.TryParseExact(string, string[], IFormatProvider, System.Globalization.DateTimeStyles, out DateTimeOffset)"/>
/// with the accepted formats, so that the two together accept and refuse exactly what the general parser alone does (a
/// test compares them on valid, edge and mutated texts). It exists because imports parse a timestamp per row: the
/// general parser with six formats was a quarter of the parsing thread's time on a million touchpoints.
/// </summary>
public static class IsoTimestamp
{
    /// <summary>True with the instant when <paramref name="text"/> has one of the common shapes and plain values; false otherwise (not an error: ask the general parser).</summary>
    public static bool TryParseCommon(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 20 || text[4] != '-' || text[7] != '-' || text[10] is not ('T' or ' ') || text[13] != ':' || text[16] != ':')
        {
            return false;
        }

        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second))
        {
            return false;
        }

        if (year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var at = 19;
        long ticks = 0;
        if (text[at] == '.')
        {
            var start = ++at;
            while (at < text.Length && char.IsAsciiDigit(text[at]))
            {
                at++;
            }

            var digits = at - start;
            if (digits is < 1 or > 7)
            {
                return false;
            }

            for (var i = start; i < at; i++)
            {
                ticks = ticks * 10 + (text[i] - '0');
            }

            for (var i = digits; i < 7; i++)
            {
                ticks *= 10;
            }
        }

        TimeSpan offset;
        var rest = text[at..];
        if (rest is "Z")
        {
            offset = TimeSpan.Zero;
        }
        else if (rest.Length == 6 && rest[0] is '+' or '-' && rest[3] == ':' && Digits(rest, 1, 2, out var offsetHours) && Digits(rest, 4, 2, out var offsetMinutes)
                 && offsetHours < 14 && offsetMinutes < 60)
        {
            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (rest[0] == '-')
            {
                offset = -offset;
            }
        }
        else
        {
            return false;
        }

        value = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(ticks), offset);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var c = text[i];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return true;
    }
}
