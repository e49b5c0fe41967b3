using System.Globalization;
using Mercato.Core.AdMonitoring;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Core.Measurement;

namespace Mercato.Storage.ClickHouse;

/// <summary>
/// The campaign core's aggregates (<see cref="ICampaignFactReader"/>) computed in ClickHouse over the last version of each
/// key, as the relational reader computes them: local-day windows become instant bounds here (<see cref="LocalTime.Bounds"/>),
/// sums come back per channel id and are named (and lower-cased, grouped again) from the channel catalog. On a cluster each
/// shard answers for its own keys and the answers are added here; distinct users add up because a user's touchpoints are
/// on one shard.
/// </summary>
internal sealed class ClickHouseCampaignFacts(ClickHouseFactStore store) : ICampaignFactReader
{
    private const string SpendColumns = "day, channel_id, campaign, spend, impressions, clicks, conversions, hour";

    public async Task<CampaignScopeFigures> ScopeAsync(IReadOnlyCollection<string> codes, DateRange window, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codes);
        Valid(window);
        if (codes.Count == 0)
        {
            return new CampaignScopeFigures(0, 0, 0, 0);
        }

        var (first, end) = LocalTime.Bounds(window, zone);
        var sql = $"""
            SELECT 0, toInt64(sum(ifNull(s.5, 0))), toInt64(sum(ifNull(s.6, 0)))
            FROM ({store.Latest("spend", SpendColumns)})
            WHERE s.3 IN ({ClickHouseSql.List(codes)}){DayRange("s.1", window)}
            UNION ALL
            SELECT 1, toInt64(count()), toInt64(uniqExact(t.2))
            FROM ({store.Latest("touchpoints", "ts, user_id, campaign", "t")})
            WHERE t.3 IN ({ClickHouseSql.List(codes)}){TsRange("t.1", first, end)}
            """;
        long impressions = 0, clicks = 0, touches = 0, users = 0;
        foreach (var row in await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
        {
            if (row[0] == "0")
            {
                impressions += Int(row[1]);
                clicks += Int(row[2]);
            }
            else
            {
                touches += Int(row[1]);
                users += Int(row[2]);
            }
        }

        return new CampaignScopeFigures(impressions, clicks, touches, users);
    }

    public async Task<BusinessFigures> BusinessAsync(DateRange window, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        Valid(window);
        var (first, end) = LocalTime.Bounds(window, zone);
        var sql = $"""
            SELECT 0, toInt64(sum(ifNull(s.5, 0))), toInt64(0)
            FROM ({store.Latest("spend", SpendColumns)})
            WHERE 1{DayRange("s.1", window)}
            UNION ALL
            SELECT 1, toInt64(count()), toInt64(0) FROM ({store.Latest("touchpoints", "ts", "t")}) WHERE 1{TsRange("t.1", first, end)}
            UNION ALL
            SELECT 2, toInt64(count()), toInt64(sum(ifNull(c.2, 0))) FROM ({store.Latest("conversions", "ts, revenue", "c")}) WHERE 1{TsRange("c.1", first, end)}
            """;
        long impressions = 0, touches = 0, conversions = 0, revenue = 0;
        foreach (var row in await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
        {
            switch (row[0])
            {
                case "0":
                    impressions += Int(row[1]);
                    break;
                case "1":
                    touches += Int(row[1]);
                    break;
                default:
                    conversions += Int(row[1]);
                    revenue += Int(row[2]);
                    break;
            }
        }

        return new BusinessFigures(impressions, touches, conversions, StoredMoney.FromUnits(revenue));
    }

    public async Task<IReadOnlyList<BudgetActual>> ChannelActualsAsync(IReadOnlyCollection<string> codes, DateRange window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codes);
        Valid(window);
        if (codes.Count == 0)
        {
            return [];
        }

        var sql = $"""
            SELECT s.2, sum(ifNull(s.4, 0))
            FROM ({store.Latest("spend", SpendColumns)})
            WHERE s.3 IN ({ClickHouseSql.List(codes)}){DayRange("s.1", window)}
            GROUP BY s.2
            """;
        var names = await store.Channels.NamesAsync(cancellationToken).ConfigureAwait(false);
        return [.. (await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
            .GroupBy(r => ClickHouseReads.Name(names, Int(r[0])).ToLowerInvariant(), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new BudgetActual(BudgetItemKind.Channel, g.Key, StoredMoney.FromUnits(g.Sum(r => Int(r[1])))))];
    }

    public async Task<IReadOnlyList<DailySpend>> DailySpendAsync(
        IReadOnlyCollection<string>? codes, IReadOnlyCollection<string>? channels, DateRange window, CancellationToken cancellationToken)
    {
        Valid(window);
        if (codes is { Count: 0 } || channels is { Count: 0 })
        {
            return [];
        }

        var filter = DayRange("s.1", window);
        if (codes is not null)
        {
            filter += " AND s.3 IN (" + ClickHouseSql.List(codes) + ")";
        }

        if (channels is not null)
        {
            // The channels named are turned into their ids from the catalog (no query joins facts to documents), matched as
            // the embedded store matches them: SQLite's LOWER(name), which folds ASCII letters only, against the names asked
            // for lower-cased.
            var wanted = channels.Select(c => c.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
            var names = await store.Channels.NamesAsync(cancellationToken).ConfigureAwait(false);
            var ids = names.Where(n => wanted.Contains(FoldAscii(n.Value))).Select(n => n.Key).ToList();
            if (ids.Count == 0)
            {
                return [];
            }

            filter += " AND s.2 IN (" + ClickHouseSql.List(ids) + ")";
        }

        var sql = $"""
            SELECT s.1, sum(ifNull(s.4, 0))
            FROM ({store.Latest("spend", SpendColumns)})
            WHERE 1{filter}
            GROUP BY s.1
            """;
        return [.. (await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
            .GroupBy(r => r[0]!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DailySpend(ClickHouseReads.Day(g.Key), StoredMoney.FromUnits(g.Sum(r => Int(r[1])))))];
    }

    public async Task<IReadOnlyList<DeliveryRow>> DeliveryAsync(DateRange window, CancellationToken cancellationToken)
    {
        Valid(window);
        var sql = $"""
            SELECT s.1, s.2, s.3, sum(ifNull(s.4, 0)), sum(ifNull(s.5, 0)), sum(ifNull(s.6, 0)), sum(ifNull(s.7, 0))
            FROM ({store.Latest("spend", SpendColumns)})
            WHERE 1{DayRange("s.1", window)}
            GROUP BY s.1, s.2, s.3
            """;
        var names = await store.Channels.NamesAsync(cancellationToken).ConfigureAwait(false);
        return [.. (await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
            .GroupBy(r => (Day: r[0]!, Channel: ClickHouseReads.Name(names, Int(r[1])).ToLowerInvariant(), Code: r[2]))
            .OrderBy(g => g.Key.Day, StringComparer.Ordinal).ThenBy(g => g.Key.Channel, StringComparer.Ordinal).ThenBy(g => g.Key.Code, StringComparer.Ordinal)
            .Select(g => new DeliveryRow(ClickHouseReads.Day(g.Key.Day), g.Key.Channel, g.Key.Code,
                StoredMoney.FromUnits(g.Sum(r => Int(r[3]))), g.Sum(r => Int(r[4])), g.Sum(r => Int(r[5])), g.Sum(r => Int(r[6]))))];
    }

    public async Task<IReadOnlyList<HourlyDeliveryRow>> HourlyDeliveryAsync(DateRange window, CancellationToken cancellationToken)
    {
        Valid(window);
        var sql = $"""
            SELECT s.1, assumeNotNull(s.8), s.2, s.3, sum(ifNull(s.4, 0)), sum(ifNull(s.5, 0)), sum(ifNull(s.6, 0)), sum(ifNull(s.7, 0))
            FROM ({store.Latest("spend", SpendColumns)})
            WHERE isNotNull(s.8){DayRange("s.1", window)}
            GROUP BY s.1, s.8, s.2, s.3
            """;
        var names = await store.Channels.NamesAsync(cancellationToken).ConfigureAwait(false);
        return [.. (await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
            .GroupBy(r => (Day: r[0]!, Hour: Int(r[1]), Channel: ClickHouseReads.Name(names, Int(r[2])).ToLowerInvariant(), Code: r[3]))
            .OrderBy(g => g.Key.Day, StringComparer.Ordinal).ThenBy(g => g.Key.Hour).ThenBy(g => g.Key.Channel, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Code, StringComparer.Ordinal)
            .Select(g => new HourlyDeliveryRow(ClickHouseReads.Day(g.Key.Day), checked((int)g.Key.Hour), g.Key.Channel, g.Key.Code,
                StoredMoney.FromUnits(g.Sum(r => Int(r[4]))), g.Sum(r => Int(r[5])), g.Sum(r => Int(r[6])), g.Sum(r => Int(r[7]))))];
    }

    public async Task<IReadOnlyList<BudgetActual>> CostActualsAsync(IReadOnlyCollection<string> codes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.Count == 0)
        {
            return [];
        }

        var sql = $"""
            SELECT ifNull(k.1, ''), sum(ifNull(k.2, 0))
            FROM ({store.Latest("costs", "category, amount, campaign", "k")})
            WHERE k.3 IN ({ClickHouseSql.List(codes)})
            GROUP BY k.1
            """;
        return [.. (await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
            .GroupBy(r => r[0]!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, ClickHouseReads.Bytewise.Instance)
            .Select(g => new BudgetActual(BudgetItemKind.Cost, g.Key, StoredMoney.FromUnits(g.Sum(r => Int(r[1])))))];
    }

    public async Task<IReadOnlyList<CodeChannelSpend>> CodeChannelSpendAsync(DateRange window, CancellationToken cancellationToken)
    {
        Valid(window);
        var sql = $"""
            SELECT s.3, s.2, sum(ifNull(s.4, 0))
            FROM ({store.Latest("spend", SpendColumns)})
            WHERE 1{DayRange("s.1", window)}
            GROUP BY s.3, s.2
            """;
        var names = await store.Channels.NamesAsync(cancellationToken).ConfigureAwait(false);
        // The relational reader groups by code and channel name; its order (code bytewise with nulls first, then the name
        // folded as SQLite's NOCASE folds it: ASCII letters only) is kept.
        return [.. (await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
            .GroupBy(r => (Code: r[0], Channel: ClickHouseReads.Name(names, Int(r[1]))))
            .OrderBy(g => g.Key.Code, ClickHouseReads.Bytewise.Instance).ThenBy(g => FoldAscii(g.Key.Channel), ClickHouseReads.Bytewise.Instance)
            .Select(g => new CodeChannelSpend(g.Key.Code, g.Key.Channel, StoredMoney.FromUnits(g.Sum(r => Int(r[2])))))];
    }

    public async Task<string> ChannelGroupsSignatureAsync(CancellationToken cancellationToken)
    {
        return ChannelGroups.Signature((await store.Channels.ListAsync(cancellationToken).ConfigureAwait(false)).Select(c => (c.Id, c.Name, c.Group)));
    }

    public async Task<ChannelEvidence> ChannelEvidenceAsync(DateRange window, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        Valid(window);
        ArgumentNullException.ThrowIfNull(zone);
        var (firstTs, endTs) = LocalTime.Bounds(window, zone);
        // Per channel: touchpoints in the window, the first touchpoint instant ever; spend rows in the window, the first
        // spend day ever. Tag 0 rows are touchpoints, tag 1 rows spend.
        var sql = $"""
            SELECT 0, t.1, toInt64(countIf({TsIn("t.2", firstTs, endTs)})), toString(min(t.2))
            FROM ({store.Latest("touchpoints", "channel_id, ts", "t")})
            GROUP BY t.1
            UNION ALL
            SELECT 1, s.2, toInt64(countIf(1{DayRange("s.1", window)})), min(s.1)
            FROM ({store.Latest("spend", SpendColumns)})
            GROUP BY s.2
            """;
        var touches = new Dictionary<long, long>();
        var active = new HashSet<long>();
        var first = new Dictionary<long, DateOnly>();
        void Keep(long channel, DateOnly day) => first[channel] = first.TryGetValue(channel, out var d) && d <= day ? d : day;
        foreach (var row in await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
        {
            var channel = Int(row[1]);
            var inWindow = Int(row[2]);
            if (inWindow > 0)
            {
                active.Add(channel);
            }

            if (row[0] == "0")
            {
                touches[channel] = (touches.TryGetValue(channel, out var n) ? n : 0) + inWindow;
                Keep(channel, LocalTime.DayOf(Int(row[3]), zone));
            }
            else
            {
                Keep(channel, ClickHouseReads.Day(row[3]!));
            }
        }

        var groups = await store.Channels.GroupsAsync(cancellationToken).ConfigureAwait(false);
        var search = BrandCycle.SearchPortalGroups.Select(g => g.Slug()).ToHashSet(StringComparer.Ordinal);
        var pr = ChannelGroup.PrEarned.Slug();
        long InGroups(Func<string, bool> inGroup) => touches.Where(t => groups.TryGetValue(t.Key, out var g) && inGroup(g)).Sum(t => t.Value);
        return new ChannelEvidence(InGroups(search.Contains), InGroups(g => g == pr), active.Count, first.Values.LongCount(window.Contains));
    }

    public async Task<DateRange?> DataDaysAsync(TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zone);
        // min and max of no rows are the type's default in ClickHouse, not null: each part says how many rows it read.
        var sql = $"""
            SELECT 0, toInt64(count()), min(s.1), max(s.1) FROM ({store.Latest("spend", "day")})
            UNION ALL SELECT 1, toInt64(count()), toString(min(t.1)), toString(max(t.1)) FROM ({store.Latest("touchpoints", "ts", "t")})
            UNION ALL SELECT 1, toInt64(count()), toString(min(c.1)), toString(max(c.1)) FROM ({store.Latest("conversions", "ts", "c")})
            """;
        var days = new List<DateOnly>();
        foreach (var row in await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
        {
            if (Int(row[1]) == 0)
            {
                continue;
            }

            if (row[0] == "0")
            {
                days.Add(ClickHouseReads.Day(row[2]!));
                days.Add(ClickHouseReads.Day(row[3]!));
            }
            else
            {
                days.Add(LocalTime.DayOf(Int(row[2]), zone));
                days.Add(LocalTime.DayOf(Int(row[3]), zone));
            }
        }

        return days.Count == 0 ? null : new DateRange(days.Min(), days.Max());
    }

    public async Task<IReadOnlyList<(string Code, long Touches)>> ReferralTouchesAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        if (from is { } f && to is { } t && t < f)
        {
            throw new ArgumentException("the range ends before it starts", nameof(to));
        }

        var (first, last) = JourneyQuery.Bounds(from, to);
        var sql = $"""
            SELECT assumeNotNull(t.2), count()
            FROM ({store.Latest("touchpoints", "ts, referral_code", "t")})
            WHERE isNotNull(t.2) AND t.1 >= {ClickHouseSql.Literal(first)} AND t.1 <= {ClickHouseSql.Literal(last)}
            GROUP BY t.2
            """;
        // The relational reader's GROUP BY gives the codes in byte order.
        return [.. (await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
            .GroupBy(r => r[0]!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, ClickHouseReads.Bytewise.Instance)
            .Select(g => (g.Key, g.Sum(r => Int(r[1]))))];
    }

    public async Task<IReadOnlyList<LiveStreamSession>> LiveStreamsAsync(DateRange window, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        Valid(window);
        var (first, end) = LocalTime.Bounds(window, zone);
        var columns = "session_id, campaign, host, host_kind, ts, end_ts, viewers, peak_viewers, new_followers, orders, gmv";
        var sql = $"""
            SELECT l.1, l.2, l.3, l.4, l.5, l.6, l.7, l.8, l.9, l.10, l.11
            FROM ({store.Latest("livestreams", columns, "l")})
            WHERE 1{TsRange("l.5", first, end)}
            """;
        return [.. (await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
            .OrderBy(r => Int(r[4])).ThenBy(r => r[0], ClickHouseReads.Bytewise.Instance)
            .Select(r => new LiveStreamSession(r[0]!, r[1],
                EnumWords.TryParse<HostKind>(r[3], out var kind) ? kind : throw new InvalidDataException("unknown host kind '" + r[3] + "' in livestreams"),
                r[2]!, DateTimeOffset.FromUnixTimeMilliseconds(Int(r[4])), DateTimeOffset.FromUnixTimeMilliseconds(Int(r[5])),
                Int(r[6]), Int(r[7]), Int(r[8]), Int(r[9]), StoredMoney.FromUnits(Int(r[10]))))];
    }

    private static long Int(string? text) => ClickHouseFactStore.Int(text);

    /// <summary>An AND clause keeping stored days (text) inside <paramref name="window"/>.</summary>
    private static string DayRange(string column, DateRange window) =>
        " AND " + column + " >= " + ClickHouseSql.Literal(Text(window.Start)) + " AND " + column + " <= " + ClickHouseSql.Literal(Text(window.End));

    /// <summary>An AND clause keeping instants in [first, end).</summary>
    private static string TsRange(string column, long first, long end) => " AND " + TsIn(column, first, end);

    private static string TsIn(string column, long first, long end) =>
        column + " >= " + ClickHouseSql.Literal(first) + " AND " + column + " < " + ClickHouseSql.Literal(end);

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>ASCII capitals folded to small letters, nothing else: SQLite's NOCASE.</summary>
    private static string FoldAscii(string text) => string.Create(text.Length, text, (span, t) =>
    {
        for (var i = 0; i < t.Length; i++)
        {
            span[i] = t[i] is >= 'A' and <= 'Z' ? (char)(t[i] + 32) : t[i];
        }
    });

    private static void Valid(DateRange window)
    {
        if (!window.IsValid)
        {
            throw new ArgumentException("the window " + window + " ends before it starts", nameof(window));
        }
    }
}
