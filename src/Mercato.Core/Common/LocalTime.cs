namespace Mercato.Core.Common;

/// <summary>
/// Local calendar days of a time zone: a date without a time means midnight in the workspace zone, and an instant belongs
/// to the local day it falls on there. Every layer asks these two questions here, so that they have one answer.
/// </summary>
public static class LocalTime
{
    /// <summary>
    /// Midnight of <paramref name="date"/> in <paramref name="zone"/>, as an instant: the first valid instant of that day
    /// (a zone that skips midnight for daylight saving starts the day at the first local time that exists, in 30-minute
    /// steps).
    /// </summary>
    public static DateTimeOffset MidnightIn(DateOnly date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>
    /// The start of local hour <paramref name="hour"/> (0–23) of <paramref name="date"/> in <paramref name="zone"/>, as an
    /// instant (an hour skipped for daylight saving starts at the first local time after it that exists, in 30-minute
    /// steps; a repeated hour at its first occurrence's offset as the zone reports it).
    /// </summary>
    public static DateTimeOffset HourIn(DateOnly date, int hour, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfNegative(hour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hour, 23);
        var local = date.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>The local date of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The local date of a Unix-millisecond instant in <paramref name="zone"/>.</summary>
    public static DateOnly DayOf(long unixMillis, TimeZoneInfo zone) => DayOf(DateTimeOffset.FromUnixTimeMilliseconds(unixMillis), zone);

    /// <summary>The instants [first, end) of the local days of <paramref name="range"/>, in Unix milliseconds.</summary>
    public static (long First, long End) Bounds(DateRange range, TimeZoneInfo zone) =>
        (MidnightIn(range.Start, zone).ToUnixTimeMilliseconds(), MidnightIn(range.End.AddDays(1), zone).ToUnixTimeMilliseconds());

    /// <summary>Today in <paramref name="zone"/> by <paramref name="time"/>.</summary>
    public static DateOnly Today(TimeProvider time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DayOf(time.GetUtcNow(), zone);
    }
}
