using System.Globalization;

namespace Mercato.Shared;

/// <summary>Parsing of the optional day and month bounds that the reports take on the command line and over HTTP.</summary>
public static class Periods
{
    /// <summary>
    /// Null text is no bound (true); otherwise exactly <c>YYYY-MM-DD</c> within the supported days 1900-01-01..9998-12-31
    /// (<see cref="DateRange.IsSupported"/>): a window or baseline reaching past them cannot be computed.
    /// </summary>
    public static bool TryDay(string? text, out DateOnly? day)
    {
        day = null;
        if (text is null)
        {
            return true;
        }

        var ok = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            && DateRange.IsSupported(parsed);
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

    /// <summary><see cref="ApiCodes.DaysMalformed"/> with the supported days, for a message.</summary>
    public static Message DaysMalformedMessage { get; } = Message.Of(ApiCodes.DaysMalformed, ("min", DateRange.MinDay), ("max", DateRange.MaxDay));

    /// <summary>400 <see cref="ApiCodes.DaysMalformed"/>.</summary>
    public static ProblemHttpResult DaysMalformed() => ApiProblems.Of(StatusCodes.Status400BadRequest, DaysMalformedMessage.Code, DaysMalformedMessage.Args);
}
