using System.Runtime.InteropServices;
using System.Text;

namespace Mercato.Core.Kpis;

/// <summary>
/// Activity events as a store streams them into <see cref="ActivityDays"/>, in any order. The spans are valid until the
/// next <see cref="Next"/>.
/// </summary>
public interface IActivityCursor
{
    /// <summary>Moves to the next event; false when there is none.</summary>
    bool Next();

    /// <summary>The instant, Unix milliseconds.</summary>
    long Time { get; }

    /// <summary>The user id's UTF-8 bytes.</summary>
    ReadOnlySpan<byte> User { get; }

    /// <summary>The event word's UTF-8 bytes.</summary>
    ReadOnlySpan<byte> Event { get; }

    /// <summary>Whether the event carries session_seconds.</summary>
    bool HasSession { get; }

    /// <summary>session_seconds, when <see cref="HasSession"/>.</summary>
    long SessionSeconds { get; }

    /// <summary>Whether the event carries a content id.</summary>
    bool HasContent { get; }

    /// <summary>The content id's UTF-8 bytes, when <see cref="HasContent"/>.</summary>
    ReadOnlySpan<byte> Content { get; }
}

/// <summary>
/// Every activity figure of docs/kpis.md, per local day of all the data, from one pass over the activity table: event
/// counts, new users (first signup or install) with how many came back on day 1, 7 and 30, content first seen, and who
/// was active on each day, kept as the number of active users per (day, previous active day of the same user). The
/// figures of any period follow by summing days: distinct users over days [a, b] are the user-days in [a, b] whose
/// previous active day is before a, so DAU, WAU, MAU and the active users of a period need no further pass.
/// <para>
/// Why one pass in C# rather than SQL: SQLite has no hash aggregation, so each GROUP BY the formulas need sorts every
/// event. On the large demo (18.8M events) grouping by user and local day took 11.4 s, the first sighting per content id
/// 8.4 s and the first signup per user 2.3 s, against about 9 s for this whole pass (docs/kpis.md, Speed). The pass reads
/// the rows in table order and keeps an id per user and content id, per user its first signup and last day seen, per
/// content id its first instant, and the distinct (user, day) pairs, sorted once at the end when the rows were not
/// already in user order.
/// </para>
/// </summary>
public sealed class ActivityDays
{
    private const int View = 1, Share = 2, Interaction = 4, Install = 8, Signup = 16, Post = 32;

    /// <summary>Events that count as interactions with content.</summary>
    public static IReadOnlyList<string> InteractionEvents { get; } = ["like", "comment", "share", "favorite"];

    /// <summary>Event words and the bits they set; interactions from <see cref="InteractionEvents"/>.</summary>
    private static readonly (byte[] Word, int Bits)[] EventBits = BuildEventBits();

    /// <summary>The local days holding an activity event, ascending, and their figures at the same index.</summary>
    private readonly int[] _days;
    private readonly Day[] _figures;

    /// <summary>Per day index, a run of [_runStart[i], _runStart[i + 1]) in <see cref="_previous"/> and <see cref="_cumulative"/>.</summary>
    private readonly int[] _runStart;

    /// <summary>Previous active days of the day's active users, ascending (int.MinValue: none before).</summary>
    private readonly int[] _previous;

    /// <summary>Users of the day whose previous active day is at or before the one at the same index.</summary>
    private readonly long[] _cumulative;

    private ActivityDays(DateOnly firstDay, DateOnly lastDay, int[] days, Day[] figures, int[] runStart, int[] previous, long[] cumulative)
    {
        FirstDay = firstDay;
        LastDay = lastDay;
        _days = days;
        _figures = figures;
        _runStart = runStart;
        _previous = previous;
        _cumulative = cumulative;
    }

    /// <summary>The local day of the earliest activity event.</summary>
    public DateOnly FirstDay { get; }

    /// <summary>The local day of the latest activity event ("the last day of activity data").</summary>
    public DateOnly LastDay { get; }

    /// <summary>Folds every event of <paramref name="events"/> into days of <paramref name="zone"/>; null when there is none.</summary>
    public static ActivityDays? Read(IActivityCursor events, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(zone);
        var pass = new Pass(new LocalDayClock(zone));
        while (events.Next())
        {
            pass.Add(events);
        }

        return pass.Finish(zone);
    }

    /// <summary>
    /// The days of a store that sums activity itself (ClickHouse): per local day of <paramref name="zone"/> its totals, the
    /// active users per (day, previous active day of the same user), and the instants of the earliest and latest event;
    /// null when there is no day. Equal to <see cref="Read"/> over the same events when the sums are.
    /// </summary>
    public static ActivityDays? FromTotals(
        IEnumerable<ActivityDayTotals> days, IEnumerable<ActiveUserRun> runs, long firstInstant, long lastInstant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(zone);
        var figures = new Dictionary<int, Day>();
        foreach (var t in days)
        {
            ref var day = ref CollectionsMarshal.GetValueRefOrAddDefault(figures, t.DayNumber, out _);
            day.Rows += t.Rows;
            day.Sessions += t.Sessions;
            day.Seconds += t.Seconds;
            day.Views += t.Views;
            day.Interactions += t.Interactions;
            day.Shares += t.Shares;
            day.Installs += t.Installs;
            day.Signups += t.Signups;
            day.Posts += t.Posts;
            day.ContentFirstSeen += t.ContentFirstSeen;
            day.NewUsers += t.NewUsers;
            day.Day1 += t.Day1;
            day.Day7 += t.Day7;
            day.Day30 += t.Day30;
        }

        var pairs = new Dictionary<(int Day, int Previous), long>();
        foreach (var run in runs)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(figures, run.Day, out _).ActiveUsers += run.Users;
            CollectionsMarshal.GetValueRefOrAddDefault(pairs, (run.Day, run.Previous), out _) += run.Users;
        }

        if (figures.Count == 0)
        {
            return null;
        }

        var numbers = figures.Keys.ToList();
        return Build(numbers, [.. numbers.Select(n => figures[n])], pairs, firstInstant, lastInstant, zone);
    }

    /// <summary>The activity figures of <paramref name="period"/>, as docs/kpis.md defines them.</summary>
    public ActivityFigures Figures(KpiPeriod period)
    {
        var from = period.From.DayNumber;
        var to = period.To.DayNumber;
        var (lo, hi) = Range(from, to);
        var sum = default(Day);
        var cohorts = new List<RetentionCohort>();
        for (var i = lo; i < hi; i++)
        {
            ref readonly var day = ref _figures[i];
            sum.Rows += day.Rows;
            sum.Sessions += day.Sessions;
            sum.Seconds += day.Seconds;
            sum.Views += day.Views;
            sum.Interactions += day.Interactions;
            sum.Shares += day.Shares;
            sum.Installs += day.Installs;
            sum.Signups += day.Signups;
            sum.Posts += day.Posts;
            sum.ContentFirstSeen += day.ContentFirstSeen;
            if (day.NewUsers > 0)
            {
                cohorts.Add(new RetentionCohort(DateOnly.FromDayNumber(_days[i]), day.NewUsers, day.Day1, day.Day7, day.Day30));
            }
        }

        if (sum.Rows == 0)
        {
            return new ActivityFigures(0, FirstDay, LastDay, 0, [], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        var cf = Math.Max(from, FirstDay.DayNumber);
        var ct = Math.Min(to, LastDay.DayNumber);
        var (clo, chi) = Range(cf, ct);
        long userDays = 0;
        for (var i = clo; i < chi; i++)
        {
            userDays += _figures[i].ActiveUsers;
        }

        long weekly = 0;
        for (var t = cf; t <= ct; t++)
        {
            weekly += DistinctUsers(t - 6, t);
        }

        return new ActivityFigures(sum.Rows, FirstDay, LastDay, DistinctUsers(from, to), cohorts, ct - cf + 1, userDays, weekly,
            DistinctUsers(ct - 29, ct), sum.Sessions, sum.Seconds, sum.ContentFirstSeen, sum.Views, sum.Interactions, sum.Shares,
            sum.Installs, sum.Signups, sum.Posts);
    }

    /// <summary>Days ascending; per day its (previous day, users) ascending with running totals.</summary>
    private static ActivityDays Build(
        List<int> dayNumbers, List<Day> dayFigures, Dictionary<(int Day, int Previous), long> pairs, long min, long max, TimeZoneInfo zone)
    {
        var order = Enumerable.Range(0, dayNumbers.Count).OrderBy(i => dayNumbers[i]).ToArray();
        var days = order.Select(i => dayNumbers[i]).ToArray();
        var sortedFigures = order.Select(i => dayFigures[i]).ToArray();
        var sortedPairs = pairs.OrderBy(p => p.Key.Day).ThenBy(p => p.Key.Previous).ToArray();
        var runStart = new int[days.Length + 1];
        var previousDays = new int[sortedPairs.Length];
        var cumulative = new long[sortedPairs.Length];
        var slot = -1;
        long running = 0;
        for (var i = 0; i < sortedPairs.Length; i++)
        {
            var ((d, p), users) = sortedPairs[i];
            while (slot < 0 || days[slot] != d)
            {
                slot++;
                runStart[slot] = i;
                running = 0;
            }

            running += users;
            previousDays[i] = p;
            cumulative[i] = running;
        }

        for (var s = slot + 1; s <= days.Length; s++)
        {
            runStart[s] = sortedPairs.Length;
        }

        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(min), zone).DateTime);
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(max), zone).DateTime);
        return new ActivityDays(firstDay, lastDay, days, sortedFigures, runStart, previousDays, cumulative);
    }

    /// <summary>Distinct users with an event on local days <paramref name="from"/> to <paramref name="to"/> (day numbers).</summary>
    public long DistinctUsers(int from, int to)
    {
        var (lo, hi) = Range(from, to);
        long users = 0;
        for (var i = lo; i < hi; i++)
        {
            // The day's users not active on an earlier day of the range: previous active day before `from`.
            var run = _previous.AsSpan(_runStart[i], _runStart[i + 1] - _runStart[i]);
            var before = run.BinarySearch(from);
            before = before < 0 ? ~before : before;
            users += before == 0 ? 0 : _cumulative[_runStart[i] + before - 1];
        }

        return users;
    }

    /// <summary>The index range of the days from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private (int Lo, int Hi) Range(int from, int to)
    {
        if (to < from)
        {
            return (0, 0);
        }

        var lo = Array.BinarySearch(_days, from);
        var hi = Array.BinarySearch(_days, to);
        return (lo < 0 ? ~lo : lo, hi < 0 ? ~hi : hi + 1);
    }

    private static (byte[] Word, int Bits)[] BuildEventBits()
    {
        var bits = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["view"] = View, ["share"] = Share, ["install"] = Install, ["signup"] = Signup, ["post"] = Post,
        };
        foreach (var interaction in InteractionEvents)
        {
            bits[interaction] = bits.GetValueOrDefault(interaction) | Interaction;
        }

        return bits.Select(b => (Encoding.UTF8.GetBytes(b.Key), b.Value)).ToArray();
    }

    private static int BitsOf(ReadOnlySpan<byte> word)
    {
        foreach (var (w, bits) in EventBits)
        {
            if (word.SequenceEqual(w))
            {
                return bits;
            }
        }

        return 0;
    }

    /// <summary>The figures of one local day.</summary>
    private struct Day
    {
        public long Rows;
        public long Sessions;
        public long Seconds;
        public long Views;
        public long Interactions;
        public long Shares;
        public long Installs;
        public long Signups;
        public long Posts;
        public long ContentFirstSeen;
        public long ActiveUsers;
        public long NewUsers;
        public long Day1;
        public long Day7;
        public long Day30;
    }

    /// <summary>The state of the pass: per row a few array and dictionary look-ups, no allocation once ids are known.</summary>
    private sealed class Pass
    {
        private const long None = long.MaxValue;

        private readonly LocalDayClock _clock;
        private readonly Dictionary<byte[], int> _users = new(Utf8Comparer.Instance);
        private readonly Dictionary<byte[], int> _contents = new(Utf8Comparer.Instance);
        private readonly Dictionary<byte[], int>.AlternateLookup<ReadOnlySpan<byte>> _userLookup;
        private readonly Dictionary<byte[], int>.AlternateLookup<ReadOnlySpan<byte>> _contentLookup;
        private readonly Dictionary<int, int> _dayIndex = [];
        private readonly List<Day> _dayFigures = [];
        private readonly List<int> _dayNumbers = [];

        /// <summary>Per user id: the first signup or install instant (<see cref="None"/> without one) and the last day added.</summary>
        private readonly List<long> _firstSignup = [];
        private readonly List<int> _lastDayAdded = [];
        private readonly List<long> _contentFirst = [];

        /// <summary>(user id &lt;&lt; 32) | local day, once per run of the same user and day; deduplicated after sorting.</summary>
        private readonly List<long> _userDays = [];
        private bool _userDaysSorted = true;

        private readonly Utf8Key _user = new();
        private readonly Utf8Key _content = new();
        private int _userId = -1;
        private int _contentId = -1;
        private int _lastDay = int.MinValue;
        private int _lastSlot = -1;
        private long _min = long.MaxValue;
        private long _max = long.MinValue;

        public Pass(LocalDayClock clock)
        {
            _clock = clock;
            _userLookup = _users.GetAlternateLookup<ReadOnlySpan<byte>>();
            _contentLookup = _contents.GetAlternateLookup<ReadOnlySpan<byte>>();
        }

        public void Add(IActivityCursor row)
        {
            var ts = row.Time;
            _min = Math.Min(_min, ts);
            _max = Math.Max(_max, ts);
            var dayNumber = _clock.DayNumber(ts);
            if (dayNumber != _lastDay)
            {
                if (!_dayIndex.TryGetValue(dayNumber, out _lastSlot))
                {
                    _lastSlot = _dayFigures.Count;
                    _dayIndex[dayNumber] = _lastSlot;
                    _dayFigures.Add(default);
                    _dayNumbers.Add(dayNumber);
                }

                _lastDay = dayNumber;
            }

            var userBytes = row.User;
            if (_userId < 0 || !_user.Is(userBytes))
            {
                _userId = IdOf(_userLookup, _user, userBytes, out var added);
                if (added)
                {
                    _firstSignup.Add(None);
                    _lastDayAdded.Add(int.MinValue);
                }
            }

            ref var day = ref CollectionsMarshal.AsSpan(_dayFigures)[_lastSlot];
            day.Rows++;
            var code = BitsOf(row.Event);
            if (code != 0)
            {
                day.Views += code & View;
                day.Shares += (code & Share) >> 1;
                day.Interactions += (code & Interaction) >> 2;
                day.Installs += (code & Install) >> 3;
                day.Signups += (code & Signup) >> 4;
                day.Posts += (code & Post) >> 5;
                if ((code & (Install | Signup)) != 0)
                {
                    ref var first = ref CollectionsMarshal.AsSpan(_firstSignup)[_userId];
                    first = Math.Min(first, ts);
                }
            }

            if (row.HasSession)
            {
                day.Sessions++;
                day.Seconds += row.SessionSeconds;
            }

            if (row.HasContent)
            {
                var contentBytes = row.Content;
                if (_contentId < 0 || !_content.Is(contentBytes))
                {
                    _contentId = IdOf(_contentLookup, _content, contentBytes, out var added);
                    if (added)
                    {
                        _contentFirst.Add(None);
                    }
                }

                ref var first = ref CollectionsMarshal.AsSpan(_contentFirst)[_contentId];
                first = Math.Min(first, ts);
            }

            ref var lastAdded = ref CollectionsMarshal.AsSpan(_lastDayAdded)[_userId];
            if (lastAdded != dayNumber)
            {
                lastAdded = dayNumber;
                var key = ((long)_userId << 32) | (uint)dayNumber;
                if (_userDays.Count > 0 && key < _userDays[^1])
                {
                    _userDaysSorted = false;
                }

                _userDays.Add(key);
            }
        }

        public ActivityDays? Finish(TimeZoneInfo zone)
        {
            if (_dayFigures.Count == 0)
            {
                return null;
            }

            var figures = CollectionsMarshal.AsSpan(_dayFigures);
            foreach (var first in _contentFirst)
            {
                figures[_dayIndex[_clock.DayNumber(first)]].ContentFirstSeen++;
            }

            // Each user's active days in order: the day's active users by previous active day, and the retention of the
            // user's cohort day (the day of the first signup or install, itself one of the user's days).
            var pairs = new Dictionary<(int Day, int Previous), long>();
            var userDays = CollectionsMarshal.AsSpan(_userDays);
            if (!_userDaysSorted)
            {
                userDays.Sort();
            }

            var user = -1;
            var previous = int.MinValue;
            var cohortSlot = -1;
            var cohortDay = 0;
            for (var i = 0; i < userDays.Length; i++)
            {
                if (i > 0 && userDays[i] == userDays[i - 1])
                {
                    continue;
                }

                var u = (int)(userDays[i] >> 32);
                var d = (int)(uint)userDays[i];
                if (u != user)
                {
                    user = u;
                    previous = int.MinValue;
                    cohortSlot = -1;
                    if (_firstSignup[u] != None)
                    {
                        cohortDay = _clock.DayNumber(_firstSignup[u]);
                        cohortSlot = _dayIndex[cohortDay];
                    }
                }

                ref var day = ref figures[_dayIndex[d]];
                day.ActiveUsers++;
                CollectionsMarshal.GetValueRefOrAddDefault(pairs, (d, previous), out _)++;
                previous = d;
                if (cohortSlot >= 0)
                {
                    ref var cohort = ref figures[cohortSlot];
                    switch (d - cohortDay)
                    {
                        case 0: cohort.NewUsers++; break;
                        case 1: cohort.Day1++; break;
                        case 7: cohort.Day7++; break;
                        case 30: cohort.Day30++; break;
                        default: break;
                    }
                }
            }

            return Build(_dayNumbers, _dayFigures, pairs, _min, _max, zone);
        }

        private static int IdOf(
            Dictionary<byte[], int>.AlternateLookup<ReadOnlySpan<byte>> ids, Utf8Key key, ReadOnlySpan<byte> bytes, out bool added)
        {
            key.Set(bytes);
            added = false;
            if (ids.TryGetValue(bytes, out var id))
            {
                return id;
            }

            id = ids.Dictionary.Count;
            ids.Dictionary.Add(bytes.ToArray(), id);
            added = true;
            return id;
        }
    }

    /// <summary>The last id read (its UTF-8 bytes), so that runs of the same user or content skip the dictionary.</summary>
    private sealed class Utf8Key
    {
        private byte[] _bytes = new byte[64];
        private int _length;

        public bool Is(ReadOnlySpan<byte> value) => value.SequenceEqual(_bytes.AsSpan(0, _length));

        public void Set(ReadOnlySpan<byte> value)
        {
            if (value.Length > _bytes.Length)
            {
                _bytes = new byte[Math.Max(value.Length, _bytes.Length * 2)];
            }

            value.CopyTo(_bytes);
            _length = value.Length;
        }
    }

    /// <summary>Ids compared byte for byte, as the stores compare them.</summary>
    private sealed class Utf8Comparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly Utf8Comparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = default(HashCode);
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}

/// <summary>The sums of one local day of activity, for <see cref="ActivityDays.FromTotals"/> (docs/kpis.md).</summary>
/// <param name="DayNumber">The local day's <see cref="DateOnly.DayNumber"/>.</param>
/// <param name="Rows">Events.</param>
/// <param name="Sessions">Events with session_seconds.</param>
/// <param name="Seconds">Their session_seconds.</param>
/// <param name="Views">view events.</param>
/// <param name="Interactions">Events of <see cref="ActivityDays.InteractionEvents"/>.</param>
/// <param name="Shares">share events.</param>
/// <param name="Installs">install events.</param>
/// <param name="Signups">signup events.</param>
/// <param name="Posts">post events.</param>
/// <param name="ContentFirstSeen">Content ids whose earliest event is on this day.</param>
/// <param name="NewUsers">Users whose first signup or install is on this day.</param>
/// <param name="Day1">Of those, active 1 day later.</param>
/// <param name="Day7">Of those, active 7 days later.</param>
/// <param name="Day30">Of those, active 30 days later.</param>
public readonly record struct ActivityDayTotals(
    int DayNumber, long Rows, long Sessions, long Seconds, long Views, long Interactions, long Shares, long Installs, long Signups, long Posts,
    long ContentFirstSeen, long NewUsers, long Day1, long Day7, long Day30);

/// <summary>Users active on local day <paramref name="Day"/> whose previous active day was <paramref name="Previous"/>.</summary>
/// <param name="Day">The day's <see cref="DateOnly.DayNumber"/>.</param>
/// <param name="Previous">The previous active day's number, <see cref="int.MinValue"/> for none.</param>
/// <param name="Users">How many users.</param>
public readonly record struct ActiveUserRun(int Day, int Previous, long Users);
