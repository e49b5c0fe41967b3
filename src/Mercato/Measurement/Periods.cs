using System.Globalization;
using Mercato.Core.DataCenter;

namespace Mercato.Measurement;

/// <summary>Parsing of the optional day and month bounds that the reports take on the command line and over HTTP.</summary>
public static class Periods
{
    /// <summary>Null text is no bound (true); otherwise exactly <c>YYYY-MM-DD</c>.</summary>
    public static bool TryDay(string? text, out DateOnly? day)
    {
        day = null;
        if (text is null)
        {
            return true;
        }

        var ok = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed);
        day = ok ? parsed : null;
        return ok;
    }

    /// <summary>Null text is no bound (true); otherwise exactly <c>YYYY-MM</c>.</summary>
    public static bool TryMonth(string? text, out YearMonth? month)
    {
        month = null;
        if (text is null)
        {
            return true;
        }

        var ok = YearMonth.TryParse(text, out var parsed);
        month = ok ? parsed : null;
        return ok;
    }
}
