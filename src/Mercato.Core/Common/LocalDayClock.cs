namespace Mercato.Core.Common;

/// <summary>
/// The local day of an instant, in C#, for a pass over many instants whose range is not known in advance: the same
/// arithmetic as a store that groups by local day in SQL (the instant plus the zone's UTC offset at it, divided by the length
/// of a day), with the offset looked up per UTC day. Each UTC day is asked of the zone once; a day holding a transition
/// keeps its first instant, found to the millisecond by bisection. Assumes at most one transition per UTC day, as every
/// zone in the tz database has.
/// </summary>
public sealed class LocalDayClock(TimeZoneInfo zone)
{
    private const long DayMs = 86_400_000;
    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    private readonly Dictionary<long, Piece> _days = [];
    private long _lastUtcDay = long.MinValue;
    private Piece _last;

    /// <summary>The local <see cref="DateOnly.DayNumber"/> of the Unix-ms instant <paramref name="ms"/>.</summary>
    public int DayNumber(long ms)
    {
        var utcDay = Math.DivRem(ms, DayMs, out var rest) - (rest < 0 ? 1 : 0);
        if (utcDay != _lastUtcDay)
        {
            if (!_days.TryGetValue(utcDay, out _last))
            {
                _last = PieceOf(utcDay);
                _days[utcDay] = _last;
            }

            _lastUtcDay = utcDay;
        }

        // Truncating division, as SQLite's integer division in DayNumberSql.
        return (int)((ms + (ms < _last.Change ? _last.Before : _last.After)) / DayMs) + EpochDayNumber;
    }

    private Piece PieceOf(long utcDay)
    {
        var start = utcDay * DayMs;
        var end = start + DayMs - 1;
        var before = OffsetAt(start);
        var after = OffsetAt(end);
        if (before == after)
        {
            return new Piece(before, long.MaxValue, after);
        }

        long lo = start, hi = end;
        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) / 2);
            if (OffsetAt(mid) == before)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return new Piece(before, hi, after);
    }

    private long OffsetAt(long ms) => (long)zone.GetUtcOffset(DateTimeOffset.FromUnixTimeMilliseconds(ms)).TotalMilliseconds;

    /// <summary>The offset before <see cref="Change"/> and from it on (ms); Change is long.MaxValue when the day has none.</summary>
    private readonly record struct Piece(long Before, long Change, long After);
}
