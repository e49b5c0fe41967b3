namespace Mercato.Shared;

/// <summary>A window of days asked for by a front door: both ends or neither, in order, not longer than a maximum.</summary>
public static class DayWindows
{
    /// <summary>
    /// The window of <paramref name="from"/>..<paramref name="to"/>; ok with null when neither is given (the caller's default);
    /// invalid with one end only (<see cref="ApiCodes.BothDaysOrNeither"/>), an end before the start
    /// (<see cref="CommonCodes.EndBeforeStart"/>) or more than <paramref name="maxDays"/> days (<see cref="ApiCodes.RangeTooLong"/>).
    /// </summary>
    public static Outcome<DateRange?> Given(DateOnly? from, DateOnly? to, int maxDays)
    {
        if ((from is null) != (to is null))
        {
            return Outcome<DateRange?>.Invalid([new Problem(from is null ? "from" : "to", ApiCodes.BothDaysOrNeither)]);
        }

        if (from is not { } f || to is not { } l)
        {
            return Outcome<DateRange?>.Ok(null);
        }

        var r = new DateRange(f, l);
        return !r.IsValid
            ? Outcome<DateRange?>.Invalid([Problem.Of("to", CommonCodes.EndBeforeStart, ("start", f), ("end", l))])
            : r.Days > maxDays
                ? Outcome<DateRange?>.Invalid([Problem.Of("to", ApiCodes.RangeTooLong, ("days", r.Days), ("max", maxDays))])
                : Outcome<DateRange?>.Ok(r);
    }
}
