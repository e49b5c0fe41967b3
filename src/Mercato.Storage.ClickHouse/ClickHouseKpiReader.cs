using System.Globalization;
using Mercato.Core.Kpis;

namespace Mercato.Storage.ClickHouse;

/// <summary>
/// What ClickHouse sums for the catalog KPIs (<see cref="IKpiReader"/>), over the last version of each key, each node
/// summing its own keys and the sums added here. Activity is summed per local day in ClickHouse (the zone's offsets are
/// written into the SQL, <see cref="ClickHouseReads.LocalDayNumber"/>) into <see cref="ActivityDays.FromTotals"/>: a
/// user's events are on one shard, so active users per (day, previous active day) and the retention of each signup day
/// are counted per node; content ids are not sharded, so on a cluster each node gives each content id's first instant
/// and the earliest is taken here. Social followers are taken per account on each node and the latest (earliest) day wins
/// here. The activity days are kept until the data version or the zone changes. Not one snapshot: ClickHouse has none,
/// so an import committing during the call may show in some figures and not others.
/// </summary>
internal sealed class ClickHouseKpiReader(ClickHouseFactStore store) : IKpiReader
{
    private readonly SemaphoreSlim _activityLock = new(1, 1);
    private (string Version, ActivityDays? Days)? _activity;

    public async Task<IReadOnlyList<KpiFigures>> FiguresAsync(IReadOnlyList<KpiPeriod> periods, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(zone);
        if (periods.Any(p => p is null))
        {
            throw new ArgumentException("A period is null.", nameof(periods));
        }

        var holds = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var table in new[] { "social", "appstore", "store", "spend", "mentions", "conversions" })
        {
            holds[table] = (await store.AllNodesAsync("SELECT 1 FROM " + store.Local(table) + " LIMIT 1", cancellationToken).ConfigureAwait(false)).Count > 0;
        }

        var activity = await ActivityAsync(zone, cancellationToken).ConfigureAwait(false);
        var computed = new Dictionary<(DateOnly, DateOnly), KpiFigures>();
        var result = new List<KpiFigures>();
        foreach (var period in periods)
        {
            if (!computed.TryGetValue((period.From, period.To), out var figures))
            {
                var (from, to) = (ClickHouseSql.Literal(Day(period.From)), ClickHouseSql.Literal(Day(period.To)));
                var (first, end) = LocalTime.Bounds(new DateRange(period.From, period.To), zone);
                figures = computed[(period.From, period.To)] = new KpiFigures(
                    period,
                    zone.Id,
                    activity?.Figures(period),
                    holds["social"] ? await SocialAsync(from, to, cancellationToken).ConfigureAwait(false) : null,
                    holds["appstore"] ? await AppStoreAsync(from, to, cancellationToken).ConfigureAwait(false) : null,
                    holds["store"] ? await StoreAsync(from, to, cancellationToken).ConfigureAwait(false) : null,
                    holds["spend"] ? await SpendAsync(from, to, cancellationToken).ConfigureAwait(false) : null,
                    holds["conversions"] ? await ConversionsAsync(first, end, cancellationToken).ConfigureAwait(false) : null,
                    holds["mentions"] ? await MentionsAsync(first, end, cancellationToken).ConfigureAwait(false) : null);
            }

            result.Add(figures);
        }

        return result;
    }

    /// <summary>The activity days of the data version and zone, read once per both.</summary>
    private async Task<ActivityDays?> ActivityAsync(TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var version = await store.Catalog.DataVersionAsync(cancellationToken).ConfigureAwait(false) + "|" + zone.Id;
        await _activityLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_activity is not { } kept || kept.Version != version)
            {
                _activity = (version, await ReadActivityAsync(zone, cancellationToken).ConfigureAwait(false));
            }

            return _activity.Value.Days;
        }
        finally
        {
            _activityLock.Release();
        }
    }

    private async Task<ActivityDays?> ReadActivityAsync(TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        long rows = 0, min = long.MaxValue, max = long.MinValue;
        foreach (var row in await store.AllNodesAsync(
                     $"SELECT count(), min(a.1), max(a.1) FROM ({store.Latest("activity", "ts", "a")})", cancellationToken).ConfigureAwait(false))
        {
            if (ClickHouseFactStore.Int(row[0]) > 0)
            {
                rows += ClickHouseFactStore.Int(row[0]);
                min = Math.Min(min, ClickHouseFactStore.Int(row[1]));
                max = Math.Max(max, ClickHouseFactStore.Int(row[2]));
            }
        }

        if (rows == 0)
        {
            return null;
        }

        string DayOf(string millis) => ClickHouseReads.LocalDayNumber(millis, zone, min, max);
        var interactions = ClickHouseSql.List(ActivityDays.InteractionEvents);
        var firstEvents = ClickHouseSql.List(["install", "signup"]);
        var totals = new List<ActivityDayTotals>();
        // Events per day, by word: a null word counts as no word.
        foreach (var r in await store.AllNodesAsync(
                     $"""
                     SELECT {DayOf("ts")} AS d, count(), count(ss), sum(ifNull(ss, 0)), countIf(ev = {W("view")}), countIf(ev IN ({interactions})),
                            countIf(ev = {W("share")}), countIf(ev = {W("install")}), countIf(ev = {W("signup")}), countIf(ev = {W("post")})
                     FROM (SELECT a.1 AS ts, ifNull(a.2, {W("")}) AS ev, a.3 AS ss FROM ({store.Latest("activity", "ts, event, session_seconds", "a")}))
                     GROUP BY d
                     """, cancellationToken).ConfigureAwait(false))
        {
            var v = r.Select(ClickHouseFactStore.Int).ToArray();
            totals.Add(new ActivityDayTotals((int)v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], 0, 0, 0, 0, 0));
        }

        // Per user: the sorted distinct local days and the first signup or install.
        var users = $"""
            SELECT a.1 AS user_id, arraySort(groupUniqArray({DayOf("a.2")})) AS days,
                   countIf(ifNull(a.3, {W("")}) IN ({firstEvents})) AS signups, minIf(a.2, ifNull(a.3, {W("")}) IN ({firstEvents})) AS first_signup
            FROM ({store.Latest("activity", "user_id, ts, event", "a")})
            GROUP BY user_id
            """;
        var runs = new List<ActiveUserRun>();
        foreach (var r in await store.AllNodesAsync(
                     $"""
                     SELECT days[i] AS d, if(i = 1, {ClickHouseSql.Literal((long)int.MinValue)}, days[i - 1]) AS p, count()
                     FROM ({users}) ARRAY JOIN arrayEnumerate(days) AS i
                     GROUP BY d, p
                     """, cancellationToken).ConfigureAwait(false))
        {
            runs.Add(new ActiveUserRun((int)ClickHouseFactStore.Int(r[0]), (int)ClickHouseFactStore.Int(r[1]), ClickHouseFactStore.Int(r[2])));
        }

        foreach (var r in await store.AllNodesAsync(
                     $"""
                     SELECT cohort, count(), sum(has(days, cohort + 1)), sum(has(days, cohort + 7)), sum(has(days, cohort + 30))
                     FROM (SELECT days, {DayOf("first_signup")} AS cohort FROM ({users}) WHERE signups > 0)
                     GROUP BY cohort
                     """, cancellationToken).ConfigureAwait(false))
        {
            var v = r.Select(ClickHouseFactStore.Int).ToArray();
            totals.Add(new ActivityDayTotals((int)v[0], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, v[1], v[2], v[3], v[4]));
        }

        var contents = $"SELECT a.1 AS content, min(a.2) AS first FROM ({store.Latest("activity", "content_id, ts", "a")}) WHERE isNotNull(a.1) GROUP BY content";
        if (store.IsCluster)
        {
            // A content id may be seen on several shards: its first instant is the earliest of theirs.
            var firsts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var r in await store.AllNodesAsync(contents, cancellationToken).ConfigureAwait(false))
            {
                var at = ClickHouseFactStore.Int(r[1]);
                firsts[r[0]!] = firsts.TryGetValue(r[0]!, out var seen) ? Math.Min(seen, at) : at;
            }

            var clock = new LocalDayClock(zone);
            totals.AddRange(firsts.Values.GroupBy(clock.DayNumber)
                .Select(g => new ActivityDayTotals(g.Key, 0, 0, 0, 0, 0, 0, 0, 0, 0, g.LongCount(), 0, 0, 0, 0)));
        }
        else
        {
            foreach (var r in await store.AllNodesAsync($"SELECT {DayOf("first")} AS d, count() FROM ({contents}) GROUP BY d", cancellationToken).ConfigureAwait(false))
            {
                totals.Add(new ActivityDayTotals((int)ClickHouseFactStore.Int(r[0]), 0, 0, 0, 0, 0, 0, 0, 0, 0, ClickHouseFactStore.Int(r[1]), 0, 0, 0, 0));
            }
        }

        return ActivityDays.FromTotals(totals, runs, min, max, zone);
    }

    private async Task<SocialFigures> SocialAsync(string from, string to, CancellationToken cancellationToken)
    {
        var sums = new Sums(await store.AllNodesAsync(
            $"""
            SELECT count(), sum(ifNull(s.2, 0)), count(s.2), sum(ifNull(s.3, 0)), count(s.3)
            FROM ({store.Latest("social", "day, reads, interactions")}) WHERE s.1 >= {from} AND s.1 <= {to}
            """, cancellationToken).ConfigureAwait(false));
        // Per account: the followers of the last day up to the period's end, of the last day before its start, and of
        // its first day within the period (days with followers only); the nodes' answers are merged by day.
        var accounts = new Dictionary<(string Platform, string Account), (Pick End, Pick Before, Pick First)>();
        foreach (var r in await store.AllNodesAsync(
                     $"""
                     SELECT s.2, s.3,
                            countIf(has_end), maxIf(s.1, has_end), argMaxIf(assumeNotNull(s.4), s.1, has_end),
                            countIf(has_before), maxIf(s.1, has_before), argMaxIf(assumeNotNull(s.4), s.1, has_before),
                            countIf(has_first), minIf(s.1, has_first), argMinIf(assumeNotNull(s.4), s.1, has_first)
                     FROM (
                         SELECT s, isNotNull(s.4) AND s.1 <= {to} AS has_end, isNotNull(s.4) AND s.1 < {from} AS has_before,
                                isNotNull(s.4) AND s.1 >= {from} AND s.1 <= {to} AS has_first
                         FROM ({store.Latest("social", "day, platform, account, followers")})
                     )
                     WHERE isNotNull(s.2) AND isNotNull(s.3)
                     GROUP BY s.2, s.3
                     """, cancellationToken).ConfigureAwait(false))
        {
            var key = (r[0]!, r[1]!);
            var (end, before, first) = (Pick.Of(r, 2), Pick.Of(r, 5), Pick.Of(r, 8));
            accounts[key] = accounts.TryGetValue(key, out var seen)
                ? (Pick.Later(seen.End, end), Pick.Later(seen.Before, before), Pick.Earlier(seen.First, first))
                : (end, before, first);
        }

        var followers = accounts
            .Select(a => (a.Key, End: a.Value.End.Followers, Before: a.Value.Before.Followers ?? a.Value.First.Followers))
            .Where(a => a.End is not null && a.Before is not null)
            .OrderBy(a => a.Key.Platform, ClickHouseReads.Bytewise.Instance).ThenBy(a => a.Key.Account, ClickHouseReads.Bytewise.Instance)
            .Select(a => new AccountFollowers(a.Key.Platform, a.Key.Account, a.Before!.Value, a.End!.Value))
            .ToList();
        return new SocialFigures(sums[0], sums.Nullable(1), sums.Nullable(3), followers);
    }

    private async Task<AppStoreFigures> AppStoreAsync(string from, string to, CancellationToken cancellationToken)
    {
        var sums = new Sums(await store.AllNodesAsync(
            $"""
            SELECT count(), sum(ifNull(s.2, 0)), count(s.2), sum(ifNull(s.3, 0)), sumIf(ifNull(s.3, 0), isNotNull(s.2))
            FROM ({store.Latest("appstore", "day, impressions, installs")}) WHERE s.1 >= {from} AND s.1 <= {to}
            """, cancellationToken).ConfigureAwait(false));
        return new AppStoreFigures(sums[0], sums.Nullable(1), sums[3], sums[4]);
    }

    private async Task<StoreSalesFigures> StoreAsync(string from, string to, CancellationToken cancellationToken)
    {
        var sums = new Sums(await store.AllNodesAsync(
            $"""
            SELECT count(), sum(ifNull(s.2, 0)), sum(ifNull(s.3, 0)), sum(ifNull(s.4, 0)), count(s.4), sumIf(ifNull(s.2, 0), isNotNull(s.4))
            FROM ({store.Latest("store", "day, orders, gmv, visitors")}) WHERE s.1 >= {from} AND s.1 <= {to}
            """, cancellationToken).ConfigureAwait(false));
        return new StoreSalesFigures(sums[0], sums[1], StoredMoney.FromUnits(sums[2]), sums.Nullable(3), sums[5]);
    }

    private async Task<SpendFigures> SpendAsync(string from, string to, CancellationToken cancellationToken)
    {
        var sums = new Sums(await store.AllNodesAsync(
            $"""
            SELECT count(), sum(ifNull(s.2, 0)), sum(ifNull(s.3, 0)), count(s.3), sum(ifNull(s.4, 0)), count(s.4)
            FROM ({store.Latest("spend", "day, spend, impressions, clicks")}) WHERE s.1 >= {from} AND s.1 <= {to}
            """, cancellationToken).ConfigureAwait(false));
        return new SpendFigures(sums[0], StoredMoney.FromUnits(sums[1]), sums.Nullable(2), sums.Nullable(4));
    }

    private async Task<ConversionFigures> ConversionsAsync(long first, long end, CancellationToken cancellationToken)
    {
        var sums = new Sums(await store.AllNodesAsync(
            $"SELECT count() FROM ({store.Latest("conversions", "ts", "c")}) WHERE c.1 >= {ClickHouseSql.Literal(first)} AND c.1 < {ClickHouseSql.Literal(end)}",
            cancellationToken).ConfigureAwait(false));
        return new ConversionFigures(sums[0]);
    }

    private async Task<MentionFigures> MentionsAsync(long first, long end, CancellationToken cancellationToken)
    {
        var inPeriod = $"ifNull(m.1 >= {ClickHouseSql.Literal(first)} AND m.1 < {ClickHouseSql.Literal(end)}, 0)";
        var sums = new Sums(await store.AllNodesAsync(
            $"""
            SELECT count(), sum(ifNull(m.2 != {W("not_scored")}, 0)), sum(ifNull(m.2 = {W("negative")}, 0)), sum(ifNull(m.3, 0))
            FROM ({store.Latest("mentions", "ts, label, reach, terms", "m")}) WHERE {inPeriod}
            """, cancellationToken).ConfigureAwait(false));
        var terms = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var r in await store.AllNodesAsync(
                     $"SELECT m.4, count() FROM ({store.Latest("mentions", "ts, label, reach, terms", "m")}) WHERE {inPeriod} AND ifNull(m.4 != {W("")}, 0) GROUP BY m.4",
                     cancellationToken).ConfigureAwait(false))
        {
            terms[r[0]!] = terms.GetValueOrDefault(r[0]!) + ClickHouseFactStore.Int(r[1]);
        }

        return new MentionFigures(sums[0], sums[1], sums[2], sums[3],
            [.. terms.OrderBy(t => t.Key, ClickHouseReads.Bytewise.Instance).Select(t => new MentionTermCount(t.Key, t.Value))]);
    }

    /// <summary>A word of the SQL, as a literal.</summary>
    private static string W(string word) => ClickHouseSql.Literal(word);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// One row of sums added over the nodes. A nullable SQL sum comes as the sum of the values and the count of non-null
    /// ones (the field after it): null when every node counted none, as SQL's SUM is over no value.
    /// </summary>
    private sealed class Sums
    {
        private readonly long[] _values;

        public Sums(IEnumerable<string?[]> rows)
        {
            long[]? values = null;
            foreach (var row in rows)
            {
                values ??= new long[row.Length];
                for (var i = 0; i < row.Length; i++)
                {
                    values[i] += ClickHouseFactStore.Int(row[i]);
                }
            }

            _values = values ?? [];
        }

        public long this[int index] => _values[index];

        public long? Nullable(int index) => _values[index + 1] == 0 ? null : _values[index];
    }

    /// <summary>A day's followers an account's node chose (none when it had no such day).</summary>
    private readonly record struct Pick(string? Day, long? Followers)
    {
        public static Pick Of(string?[] row, int at) =>
            ClickHouseFactStore.Int(row[at]) == 0 ? default : new Pick(row[at + 1], ClickHouseFactStore.Int(row[at + 2]));

        public static Pick Later(Pick a, Pick b) => a.Day is null || (b.Day is not null && string.CompareOrdinal(b.Day, a.Day) > 0) ? b : a;

        public static Pick Earlier(Pick a, Pick b) => a.Day is null || (b.Day is not null && string.CompareOrdinal(b.Day, a.Day) < 0) ? b : a;
    }
}
