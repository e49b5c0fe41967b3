using System.Globalization;

namespace Mercato.Core.Common;

/// <summary>
/// A range of local days, both ends included: a campaign's schedule, a squad's time box, an evaluation window.
/// Written <c>2026-03-01..2026-03-31</c>.
/// </summary>
/// <param name="Start">The first day.</param>
/// <param name="End">The last day (included); not before <paramref name="Start"/> in a valid range.</param>
public readonly record struct DateRange(DateOnly Start, DateOnly End)
{
    /// <summary>Whether the end is not before the start.</summary>
    public bool IsValid => End >= Start;

    /// <summary>The number of days, both ends counted (1 for a one-day range); 0 for an invalid range.</summary>
    public int Days => IsValid ? End.DayNumber - Start.DayNumber + 1 : 0;

    /// <summary>Whether <paramref name="day"/> lies in the range.</summary>
    public bool Contains(DateOnly day) => day >= Start && day <= End;

    /// <summary>Whether the two ranges share at least one day.</summary>
    public bool Overlaps(DateRange other) => IsValid && other.IsValid && Start <= other.End && other.Start <= End;

    /// <summary>The days both ranges share, or null when they share none.</summary>
    public DateRange? Intersect(DateRange other) =>
        Overlaps(other) ? new DateRange(Start > other.Start ? Start : other.Start, End < other.End ? End : other.End) : null;

    /// <summary>The days of the range in order.</summary>
    public IEnumerable<DateOnly> EachDay()
    {
        for (var d = Start; d <= End; d = d.AddDays(1))
        {
            yield return d;
        }
    }

    /// <summary>
    /// The range of the same length that ends the day before this one starts: the default evaluation baseline. Null when
    /// it would start before <see cref="MinDay"/> (a schedule longer than the days before it).
    /// </summary>
    public DateRange? Preceding() =>
        Start.DayNumber - Days < MinDay.DayNumber ? null : new DateRange(Start.AddDays(-Days), Start.AddDays(-1));

    /// <summary>The first day Mercato works with: reports, windows and schedules stay within 1900–9998, as periods do.</summary>
    public static DateOnly MinDay { get; } = new(1900, 1, 1);

    /// <summary>The last day Mercato works with; a year of room is left below <see cref="DateOnly.MaxValue"/> for windows and baselines.</summary>
    public static DateOnly MaxDay { get; } = new(9998, 12, 31);

    /// <summary>Whether <paramref name="day"/> lies in <see cref="MinDay"/>..<see cref="MaxDay"/>.</summary>
    public static bool IsSupported(DateOnly day) => day >= MinDay && day <= MaxDay;

    /// <summary><c>YYYY-MM-DD..YYYY-MM-DD</c>.</summary>
    public override string ToString() =>
        Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".." + End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
