using System.Globalization;
using System.Text;

namespace Mercato.Storage.Tests.Kpis;

/// <summary>
/// Local calendar days of a time zone over a range of days, for SQL: the instant each day starts, and an expression
/// that turns a Unix-millisecond column into the local day's <see cref="DateOnly.DayNumber"/>. The zone's UTC offset is
/// piecewise constant; the expression adds the offset of the piece an instant falls in (a CASE over the transitions
/// inside the range, daylight saving included) and divides by the length of a day, so the store groups by local day
/// without calling back into .NET.
/// </summary>
internal sealed class LocalDays
{
    private const long DayMs = 86_400_000;
    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    private readonly TimeZoneInfo _zone;

    /// <summary>(first instant, offset in ms) of each piece; the first piece also covers every earlier instant.</summary>
    private readonly List<(long From, long Offset)> _pieces = [];

    /// <summary>Prepares the days <paramref name="first"/> to <paramref name="last"/>; instants outside keep the edge offsets.</summary>
    public LocalDays(TimeZoneInfo zone, DateOnly first, DateOnly last)
    {
        _zone = zone;
        var previousStart = StartOf(first.AddDays(-1));
        var offset = OffsetAt(previousStart);
        _pieces.Add((long.MinValue, offset));
        for (var day = first; day <= last.AddDays(2); day = day.AddDays(1))
        {
            var start = StartOf(day);
            var next = OffsetAt(start);
            if (next != offset)
            {
                // One transition between two local midnights: find its first instant by bisection.
                long lo = previousStart, hi = start;
                while (hi - lo > 1)
                {
                    var mid = lo + ((hi - lo) / 2);
                    if (OffsetAt(mid) == offset)
                    {
                        lo = mid;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                _pieces.Add((hi, next));
                offset = next;
            }

            previousStart = start;
        }
    }

    /// <summary>The first instant of a local day, Unix ms (the first valid instant when midnight is skipped).</summary>
    public long StartOf(DateOnly day) => LocalTime.MidnightIn(day, _zone).ToUnixTimeMilliseconds();

    /// <summary>The local day of an instant.</summary>
    public DateOnly DayOf(long ms) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(ms), _zone).DateTime);

    /// <summary>SQL giving the local <see cref="DateOnly.DayNumber"/> of the Unix-ms <paramref name="column"/>.</summary>
    public string DayNumberSql(string column)
    {
        var sql = new StringBuilder("((").Append(column).Append(" + ");
        if (_pieces.Count == 1)
        {
            sql.Append(Number(_pieces[0].Offset));
        }
        else
        {
            sql.Append("CASE");
            for (var i = 1; i < _pieces.Count; i++)
            {
                sql.Append(" WHEN ").Append(column).Append(" < ").Append(Number(_pieces[i].From)).Append(" THEN ").Append(Number(_pieces[i - 1].Offset));
            }

            sql.Append(" ELSE ").Append(Number(_pieces[^1].Offset)).Append(" END");
        }

        return sql.Append(") / ").Append(Number(DayMs)).Append(" + ").Append(Number(EpochDayNumber)).Append(')').ToString();
    }

    private long OffsetAt(long ms) => (long)_zone.GetUtcOffset(DateTimeOffset.FromUnixTimeMilliseconds(ms)).TotalMilliseconds;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
