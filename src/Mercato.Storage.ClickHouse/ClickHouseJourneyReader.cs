using System.Globalization;
using System.Text;
using Mercato.Core.DataCenter;
using Mercato.Core.Measurement;

namespace Mercato.Storage.ClickHouse;

/// <summary>
/// Journeys computed in ClickHouse: only distinct paths with their counts come back, never events. The rules are those
/// of <see cref="JourneyScan"/> (docs/measurement.md), written as array functions that 18.16 has (no window functions):
/// <list type="number">
/// <item>The last version of each touchpoint and conversion (<see cref="ClickHouseReads.Latest"/>); touches of the
/// query's window (<see cref="JourneyScan.TouchWindow"/>), every conversion.</item>
/// <item>Per user, the events in one array sorted as the embedded store's journey index reads them: by time, touches
/// before a conversion at the same instant, ties by channel, campaign and referral code (nulls first), conversions by
/// revenue and cost.</item>
/// <item>Each touch's gap is the number of conversions before it; the gap closed by conversion n splits into the touches
/// more than the lookback before it (a non-converting journey) and the rest (its converting journey); the touches after
/// the last conversion form a non-converting journey. Journeys count by the same bounds as the scan.</item>
/// <item>Grouped by path (and month, or touch ages), with conversions, revenue, product cost and non-conversions.</item>
/// </list>
/// On a cluster the query runs on each shard over its local tables and the counts are added here: sharding by user keeps a
/// journey on one shard, so the sums are exact, and a shard that does not answer fails the read.
/// </summary>
internal sealed class ClickHouseJourneyReader(ClickHouseFactStore store) : IJourneyReader
{
    public async Task<JourneyPaths> PathsAsync(JourneyQuery query, bool markReturningCustomers, CancellationToken cancellationToken)
    {
        var groups = await CountAsync(query, markReturningCustomers, byMonth: false, cancellationToken).ConfigureAwait(false);
        var paths = groups.TryGetValue(0, out var found) ? found : JourneyPaths.Empty;
        var leftOut = await LeftOutAsync(query, cancellationToken).ConfigureAwait(false);
        return leftOut == 0 ? paths : paths with { TouchesLeftOut = leftOut };
    }

    public async Task<IReadOnlyDictionary<YearMonth, JourneyPaths>> PathsByMonthAsync(
        JourneyQuery query, bool markReturningCustomers, CancellationToken cancellationToken) =>
        (await CountAsync(query, markReturningCustomers, byMonth: true, cancellationToken).ConfigureAwait(false))
            .ToDictionary(g => new YearMonth(g.Key / 100, g.Key % 100), g => g.Value);

    public async Task<IReadOnlyList<TimedPath>> TimedPathsAsync(JourneyQuery query, bool productCost, CancellationToken cancellationToken)
    {
        Check(query);
        var names = await store.Channels.NamesAsync(cancellationToken).ConfigureAwait(false);
        var labels = new LabelDecoder(query.Label, names);
        string Sql(Pass pass) => $"""
            SELECT arrayStringConcat(arrayMap(l -> hex(l), path), ','), arrayStringConcat(arrayMap(a -> toString(a), ages), ','),
                   count(), sum({(productCost ? "cost" : "revenue")})
            FROM ({JourneysSql(query, names, pass)})
            WHERE converted = 1 AND length(path) > 0
            GROUP BY path, ages
            """;
        var counts = new Dictionary<string, (IReadOnlyList<TimedTouch> Touches, long Conversions, long Amount)>(StringComparer.Ordinal);
        foreach (var pass in await PassesAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in await store.Client.QueryAsync(Sql(pass), cancellationToken, pass.Node).ConfigureAwait(false))
            {
                var path = labels.Decode(row[0]!);
                var ages = row[1]!.Split(',').Select(a => long.Parse(a, NumberStyles.None, CultureInfo.InvariantCulture) / 24.0).ToList();
                var touches = path.Select((l, i) => new TimedTouch(l, ages[i])).ToList();
                var key = string.Join('\0', touches.Select(t => t.Label + "\u0001" + t.AgeDays.ToString("R", CultureInfo.InvariantCulture)));
                var entry = counts.TryGetValue(key, out var e) ? e : (touches, 0L, 0L);
                counts[key] = (entry.Touches, entry.Conversions + ClickHouseFactStore.Int(row[2]), entry.Amount + ClickHouseFactStore.Int(row[3]));
            }
        }

        return [.. counts.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new TimedPath(c.Value.Touches, c.Value.Conversions, StoredMoney.FromUnits(c.Value.Amount)))];
    }

    private async Task<Dictionary<int, JourneyPaths>> CountAsync(JourneyQuery query, bool markReturning, bool byMonth, CancellationToken cancellationToken)
    {
        Check(query);
        var names = await store.Channels.NamesAsync(cancellationToken).ConfigureAwait(false);
        var labels = new LabelDecoder(query.Label, names);
        var month = byMonth ? "toYYYYMM(toDateTime(intDiv(at, 1000), 'UTC'))" : "toUInt32(0)";
        string Sql(Pass pass) => $"""
            SELECT {month} AS m, arrayStringConcat(arrayMap(l -> hex(l), path), ','), {(markReturning ? "repeat AND length(path) > 0" : "0")} AS mark,
                   sum(converted), sum(revenue), sum(cost), sum(1 - converted)
            FROM ({JourneysSql(query, names, pass)})
            GROUP BY m, path, mark
            """;
        var groups = new Dictionary<int, Dictionary<string, PathCount>>();
        var bare = new Dictionary<int, (long Conversions, long Revenue)>();
        foreach (var pass in await PassesAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in await store.Client.QueryAsync(Sql(pass), cancellationToken, pass.Node).ConfigureAwait(false))
            {
                var group = (int)ClickHouseFactStore.Int(row[0]);
                var path = labels.Decode(row[1]!);
                long conversions = ClickHouseFactStore.Int(row[3]), revenue = ClickHouseFactStore.Int(row[4]), cost = ClickHouseFactStore.Int(row[5]), non = ClickHouseFactStore.Int(row[6]);
                if (path.Count == 0)
                {
                    var b = bare.TryGetValue(group, out var x) ? x : default;
                    bare[group] = (b.Conversions + conversions, b.Revenue + revenue);
                    continue;
                }

                IReadOnlyList<string> full = row[2] == "1" ? [JourneyLabels.ReturningCustomer, .. path] : path;
                if (!groups.TryGetValue(group, out var paths))
                {
                    groups[group] = paths = new(StringComparer.Ordinal);
                }

                var key = string.Join('\0', full);
                if (!paths.TryGetValue(key, out var entry))
                {
                    paths[key] = entry = new PathCount(full);
                }

                entry.Conversions += conversions;
                entry.Revenue += revenue;
                entry.Cost += cost;
                entry.Non += non;
            }
        }

        var result = new Dictionary<int, JourneyPaths>();
        foreach (var group in groups.Keys.Union(bare.Keys))
        {
            var ordered = groups.TryGetValue(group, out var paths) ? paths.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToList() : [];
            var b = bare.TryGetValue(group, out var x) ? x : default;
            result[group] = new JourneyPaths(
                [.. ordered.Select(p => new JourneyPath(p.Labels, p.Conversions, StoredMoney.FromUnits(p.Revenue), p.Non))],
                [.. ordered.Select(p => StoredMoney.FromUnits(p.Cost))],
                b.Conversions,
                StoredMoney.FromUnits(b.Revenue));
        }

        return result;
    }

    private sealed class PathCount(IReadOnlyList<string> labels)
    {
        public IReadOnlyList<string> Labels { get; } = labels;

        public long Conversions { get; set; }

        public long Revenue { get; set; }

        public long Cost { get; set; }

        public long Non { get; set; }
    }

    /// <summary>
    /// The journey queries to run: on each node, one per bucket of users (<c>cityHash64(user_id) % n = i</c>), with
    /// <c>n</c> such that a pass holds at most <see cref="RowsPerPass"/> touchpoints and conversions in its per-user
    /// arrays. A user's events are all in one bucket, so the passes' counts add up exactly, as the shards' do. At 50M
    /// touchpoints on a shard one pass needed more than 9.3 GB; 10M touchpoints on one node fit in 4 GB.
    /// </summary>
    private async Task<List<Pass>> PassesAsync(CancellationToken cancellationToken)
    {
        var passes = new List<Pass>();
        var sql = $"SELECT (SELECT count() FROM {store.Local("touchpoints")}) + (SELECT count() FROM {store.Local("conversions")})";
        foreach (var node in store.Client.Nodes)
        {
            var rows = ClickHouseFactStore.Int((await store.Client.QueryAsync(sql, cancellationToken, node).ConfigureAwait(false)).Single()[0]);
            var n = Math.Max(1, (rows + RowsPerPass - 1) / RowsPerPass);
            for (var i = 0; i < n; i++)
            {
                passes.Add(new Pass(node, n, i));
            }
        }

        return passes;
    }

    /// <summary>One journey query on <paramref name="Node"/>: the users of bucket <paramref name="Index"/> of <paramref name="Buckets"/>.</summary>
    private readonly record struct Pass(Uri Node, long Buckets, long Index)
    {
        /// <summary>The condition keeping this pass's users, over the user id in <paramref name="user"/>; empty for a single pass.</summary>
        public string Filter(string user) =>
            Buckets == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $"cityHash64({user}) % {Buckets} = {Index}");

        /// <summary><see cref="Filter"/> as an AND clause to append.</summary>
        public string And(string user) => Buckets == 1 ? "" : " AND " + Filter(user);
    }

    /// <summary>The rows one journey pass reads at most on a node (the 4 GB per-query limit of .ci/clickhouse.sh holds it).</summary>
    internal static long RowsPerPass { get; set; } = 5_000_000;

    private static void Check(JourneyQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.LookbackDays);
    }

    /// <summary>
    /// How many touchpoints of the query's window its excluded touches (<see cref="JourneyQuery.Exclude"/>) leave out,
    /// counted on every node, as the embedded store's scan counts the records it skips.
    /// </summary>
    private async Task<long> LeftOutAsync(JourneyQuery query, CancellationToken cancellationToken)
    {
        if (query.Exclude is not { Count: > 0 })
        {
            return 0;
        }

        var excluded = Excluded(query, await store.Channels.NamesAsync(cancellationToken).ConfigureAwait(false));
        if (excluded is null)
        {
            return 0;
        }

        var sql = $"SELECT count() FROM ({store.Latest("touchpoints", "user_id, ts, channel_id", "t")}) WHERE 1{TouchWindow(query)} AND (t.1, t.3, t.2) IN ({excluded})";
        long total = 0;
        foreach (var row in await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
        {
            total += ClickHouseFactStore.Int(row[0]);
        }

        return total;
    }

    /// <summary>
    /// The query's excluded touches as a list of <c>(user_id, channel_id, ts)</c> literals for <c>IN</c>, channels named
    /// by the catalog ignoring case as the embedded store matches them; null when there are none or none can match.
    /// </summary>
    private static string? Excluded(JourneyQuery query, IReadOnlyDictionary<long, string> names)
    {
        if (query.Exclude is not { Count: > 0 } exclude)
        {
            return null;
        }

        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (id, name) in names)
        {
            ids[name.ToLowerInvariant()] = id;
        }

        var list = new StringBuilder();
        foreach (var (user, channel, time) in exclude.Touches())
        {
            if (ids.TryGetValue(channel, out var id))
            {
                list.Append(list.Length == 0 ? "(" : ", (").Append(ClickHouseSql.Literal(user)).Append(", ").Append(ClickHouseSql.Literal(id))
                    .Append(", ").Append(ClickHouseSql.Literal(time)).Append(')');
            }
        }

        return list.Length == 0 ? null : list.ToString();
    }

    /// <summary>The AND clauses keeping the touches of the query's window (<see cref="JourneyScan.TouchWindow"/>), over <c>t.2</c>.</summary>
    private static string TouchWindow(JourneyQuery query)
    {
        var (first, last) = JourneyScan.TouchWindow(query);
        return (first == long.MinValue ? "" : " AND t.2 >= " + ClickHouseSql.Literal(first))
            + (last == long.MaxValue ? "" : " AND t.2 <= " + ClickHouseSql.Literal(last));
    }

    /// <summary>
    /// <paramref name="expression"/>, marked as reading <paramref name="columns"/>: 18.16 does not see the columns a lambda
    /// captures when it prunes a subquery's columns, and fails with "Unknown identifier"; naming them beside the expression
    /// in a tuple keeps them (current releases read it the same).
    /// </summary>
    private static string Captures(string expression, params string[] columns) =>
        "tupleElement(tuple(" + expression + ", " + string.Join(", ", columns) + "), 1)";

    /// <summary>
    /// The touch's label as the query asks, encoded so the decoder can finish it (names and referral codes are C#'s); never
    /// empty, so a path of one label is never taken for the empty path of a conversion without touches.
    /// </summary>
    private static string LabelSql(JourneyLabel label, string channel, string campaign, string referral) => label switch
    {
        JourneyLabel.Campaign => $"if(isNull({campaign}), '-', concat('=', assumeNotNull({campaign})))",
        JourneyLabel.Referral => $"if(isNull({referral}), toString({channel}), concat(toString({channel}), '=', assumeNotNull({referral})))",
        _ => $"toString({channel})",
    };

    /// <summary>
    /// One row per counted journey on a node: <c>path</c> (encoded labels), <c>converted</c>, <c>revenue</c>, <c>cost</c>,
    /// <c>at</c> (the conversion's instant or the last touch's), <c>repeat</c>, and <c>ages</c> (hours from each touch to
    /// the conversion, rounded half up, for a converting journey).
    /// </summary>
    private string JourneysSql(JourneyQuery query, IReadOnlyDictionary<long, string> names, Pass pass)
    {
        var (from, to) = query.Bounds();
        var lookback = ClickHouseSql.Literal(query.LookbackDays * 86_400_000L);
        var touchWhere = TouchWindow(query) + (Excluded(query, names) is { } excluded ? " AND (t.1, t.3, t.2) NOT IN (" + excluded + ")" : "");
        var fromSql = ClickHouseSql.Literal(from);
        var toSql = ClickHouseSql.Literal(to);
        return $"""
            SELECT path, converted, revenue, cost, at, repeat, ages
            FROM (
                SELECT ts, labels, c_rev, c_cost, n, closing, conv_at, early, late,
                       arrayJoin([
                           ({Captures("arrayMap(i -> labels[i], early)", "labels")}, toUInt8(0), toInt64(0), toInt64(0), ts[early[-1]], n > 0, emptyArrayInt64(),
                            length(early) > 0 AND ts[early[-1]] >= {fromSql}),
                           ({Captures("arrayMap(i -> labels[i], late)", "labels")}, toUInt8(1), c_rev[n + 1], c_cost[n + 1], conv_at, n > 0,
                            {Captures("arrayMap(i -> intDiv(conv_at - ts[i] + 1800000, 3600000), late)", "conv_at", "ts")},
                            closing AND conv_at >= {fromSql} AND conv_at <= {toSql})
                       ]) AS j,
                       j.1 AS path, j.2 AS converted, j.3 AS revenue, j.4 AS cost, j.5 AS at, j.6 AS repeat, j.7 AS ages
                FROM (
                    SELECT ts, kinds, segs, labels, c_ts, c_rev, c_cost, arrayJoin(range(length(c_ts) + 1)) AS n,
                           n < length(c_ts) AS closing,
                           if(closing, c_ts[n + 1], toInt64(0)) AS conv_at,
                           {Captures("arrayFilter(i -> kinds[i] = 0 AND segs[i] = n, arrayEnumerate(ts))", "kinds", "segs", "n")} AS gap,
                           if(closing, {Captures("arrayFilter(i -> conv_at - ts[i] > " + lookback + ", gap)", "conv_at", "ts")}, gap) AS early,
                           if(closing, {Captures("arrayFilter(i -> conv_at - ts[i] <= " + lookback + ", gap)", "conv_at", "ts")}, emptyArrayUInt32()) AS late
                    FROM (
                        SELECT user_id,
                               arraySort((x, k) -> k, groupArray(e_ts), groupArray(e_key)) AS ts,
                               arraySort((x, k) -> k, groupArray(e_kind), groupArray(e_key)) AS kinds,
                               arraySort((x, k) -> k, groupArray(e_label), groupArray(e_key)) AS labels,
                               arraySort((x, k) -> k, groupArray(e_rev), groupArray(e_key)) AS revs,
                               arraySort((x, k) -> k, groupArray(e_cost), groupArray(e_key)) AS costs,
                               arrayCumSum(kinds) AS segs,
                               arrayFilter((x, k) -> k = 1, ts, kinds) AS c_ts,
                               arrayFilter((x, k) -> k = 1, revs, kinds) AS c_rev,
                               arrayFilter((x, k) -> k = 1, costs, kinds) AS c_cost
                        FROM (
                            SELECT t.1 AS user_id, t.2 AS e_ts, toUInt8(0) AS e_kind,
                                   {LabelSql(query.Label, "t.3", "t.4", "t.5")} AS e_label,
                                   toInt64(0) AS e_rev, toInt64(0) AS e_cost,
                                   (t.2, toUInt8(0), t.3, isNotNull(t.4), ifNull(t.4, ''), isNotNull(t.5), ifNull(t.5, ''), toInt64(0), toUInt8(0), toInt64(0)) AS e_key
                            FROM ({store.LatestOfRows("touchpoints", "user_id, ts, channel_id, campaign, referral_code", "t", pass.Filter("user_id"))})
                            WHERE 1{touchWhere}{pass.And("t.1")}
                            UNION ALL
                            SELECT c.1 AS user_id, c.2 AS e_ts, toUInt8(1) AS e_kind, '' AS e_label, c.3 AS e_rev, ifNull(c.4, toInt64(0)) AS e_cost,
                                   (c.2, toUInt8(1), toInt64(0), toUInt8(0), '', toUInt8(0), '', c.3, isNotNull(c.4), ifNull(c.4, toInt64(0))) AS e_key
                            FROM ({store.LatestOfRows("conversions", "user_id, ts, revenue, cost", "c", pass.Filter("user_id"))})
                            WHERE 1{pass.And("c.1")}
                        )
                        GROUP BY user_id
                    )
                )
                WHERE j.8
            )
            """;
    }

    /// <summary>Turns the encoded labels of a path into the labels the models read, as <see cref="JourneyScan"/> names them.</summary>
    private sealed class LabelDecoder(JourneyLabel label, IReadOnlyDictionary<long, string> names)
    {
        private readonly Dictionary<string, string> _cache = new(StringComparer.Ordinal);

        public IReadOnlyList<string> Decode(string hexPath)
        {
            if (hexPath.Length == 0)
            {
                return [];
            }

            var parts = hexPath.Split(',');
            var labels = new string[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                if (!_cache.TryGetValue(parts[i], out var decoded))
                {
                    decoded = Label(Encoding.UTF8.GetString(Convert.FromHexString(parts[i])));
                    _cache[parts[i]] = decoded;
                }

                labels[i] = decoded;
            }

            return labels;
        }

        private string Label(string raw)
        {
            switch (label)
            {
                case JourneyLabel.Campaign:
                    return raw[0] == '-' ? JourneyLabels.NoCampaign : raw[1..];
                case JourneyLabel.Referral:
                    var eq = raw.IndexOf('=', StringComparison.Ordinal);
                    if (eq >= 0 && ReferralCode.Normalize(raw[(eq + 1)..]) is { } code)
                    {
                        return JourneyLabels.Referral(code);
                    }

                    return Channel(eq >= 0 ? raw[..eq] : raw);
                default:
                    return Channel(raw);
            }
        }

        private string Channel(string id) =>
            names.TryGetValue(long.Parse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), out var name)
                ? name
                : throw new InvalidDataException("a touchpoint refers to channel " + id + ", which the channel catalog does not hold");
    }
}
