using System.Globalization;
using Mercato.Core.DataCenter;
using Mercato.Core.Influencers;
using Mercato.Storage.Facts;

namespace Mercato.Storage.ClickHouse;

/// <summary>
/// Influencer audits over ClickHouse (<see cref="IInfluencerFactStore"/>), as the relational reader answers: ids are stored
/// lower-cased and the id asked for is lower-cased here; each node reads the last version of its keys; the latest snapshot
/// per influencer and the post totals are grouped in ClickHouse on each node and combined here (an influencer's rows may
/// be on several shards: snapshots, posts and samples are sharded by key). Results "by id" are in id bytes order.
/// </summary>
internal sealed class ClickHouseInfluencerStore(ClickHouseFactStore store) : IInfluencerFactStore
{
    private const string SnapshotColumns = "day, influencer, followers, following, posts, avg_views, avg_likes, avg_comments, avg_shares";

    private const string PostColumns = "post_id, influencer, ts, campaign, views, likes, comments, shares, saves";

    private const string FollowerColumns =
        "influencer, day, follower_id, followers, following, posts, has_profile_picture, is_private, username, bio_length, account_age_days";

    public async Task<IReadOnlyList<InfluencerSnapshotFact>> SnapshotsAsync(string influencer, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(influencer);
        var sql = $"""
            SELECT {Elements("s", 9)} FROM ({store.Latest("influencer_snapshots", SnapshotColumns)})
            WHERE s.2 = {ClickHouseSql.Literal(Id(influencer))} AND s.1 >= {Day(from)} AND s.1 <= {Day(to)}
            """;
        return [.. (await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false)).OrderBy(r => r[0], StringComparer.Ordinal).Select(Snapshot)];
    }

    public async Task<IReadOnlyList<InfluencerSnapshotFact>> LatestSnapshotsAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        // Each node's last snapshot per influencer; across nodes the later day wins (one row per day and influencer).
        var sql = $"""
            SELECT {Elements("l", 9)} FROM (
                SELECT argMax(s, s.1) AS l FROM ({store.Latest("influencer_snapshots", SnapshotColumns)})
                WHERE s.1 <= {Day(asOf)}
                GROUP BY s.2)
            """;
        return [.. (await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
            .GroupBy(r => r[1]!, StringComparer.Ordinal)
            .Select(g => g.MaxBy(r => r[0], StringComparer.Ordinal)!)
            .OrderBy(r => r[1], ClickHouseReads.Bytewise.Instance)
            .Select(Snapshot)];
    }

    public async Task<IReadOnlyList<InfluencerPostFact>> PostsAsync(string influencer, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(influencer);
        var sql = $"""
            SELECT {Elements("p", 9)} FROM ({store.Latest("influencer_posts", PostColumns, "p")})
            WHERE p.2 = {ClickHouseSql.Literal(Id(influencer))} AND {Window("p.3", from, to)}
            """;
        return [.. (await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
            .OrderBy(r => Int(r[2])).ThenBy(r => r[0], ClickHouseReads.Bytewise.Instance)
            .Select(r => new InfluencerPostFact(r[0]!, r[1]!, DateTimeOffset.FromUnixTimeMilliseconds(Int(r[2])), r[3], NullableInt(r[4]),
                Int(r[5]), Int(r[6]), Int(r[7]), NullableInt(r[8])))];
    }

    public async Task<IReadOnlyList<InfluencerPostTotals>> PostTotalsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT assumeNotNull(p.2), toInt64(count()), toInt64(sum(ifNull(p.5, 0))), toInt64(count(p.5)), toInt64(sum(ifNull(p.6, 0))),
                   toInt64(sum(ifNull(p.7, 0))), toInt64(sum(ifNull(p.8, 0)))
            FROM ({store.Latest("influencer_posts", PostColumns, "p")})
            WHERE {Window("p.3", from, to)}
            GROUP BY p.2
            """;
        return [.. (await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
            .GroupBy(r => r[0]!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, ClickHouseReads.Bytewise.Instance)
            .Select(g => new InfluencerPostTotals(g.Key, g.Sum(r => Int(r[1])), g.Sum(r => Int(r[2])), g.Sum(r => Int(r[3])), g.Sum(r => Int(r[4])),
                g.Sum(r => Int(r[5])), g.Sum(r => Int(r[6]))))];
    }

    public async Task<DateTimeOffset?> LatestPostAsync(CancellationToken cancellationToken)
    {
        // max of no rows is 0 in ClickHouse, not null: each node says how many rows it read.
        var held = (await store.AllNodesAsync($"SELECT toInt64(count()), max(p.1) FROM ({store.Latest("influencer_posts", "ts", "p")})", cancellationToken)
            .ConfigureAwait(false)).Where(r => Int(r[0]) > 0).ToList();
        return held.Count == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(held.Max(r => Int(r[1])));
    }

    public async Task<IReadOnlyList<DateOnly>> SampleDaysAsync(string influencer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(influencer);
        var sql = $"""
            SELECT DISTINCT f.2 FROM ({store.Latest("influencer_followers", "influencer, day", "f")})
            WHERE f.1 = {ClickHouseSql.Literal(Id(influencer))}
            """;
        return [.. (await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
            .Select(r => r[0]!).Distinct(StringComparer.Ordinal).OrderDescending(StringComparer.Ordinal).Select(ClickHouseReads.Day)];
    }

    public async Task<IReadOnlyList<FollowerProfile>> FollowerSampleAsync(string influencer, DateOnly sampledAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(influencer);
        var sql = $"""
            SELECT {Elements("f", 11)} FROM ({store.Latest("influencer_followers", FollowerColumns, "f")})
            WHERE f.1 = {ClickHouseSql.Literal(Id(influencer))} AND f.2 = {Day(sampledAt)}
            """;
        return [.. (await store.AllNodesAsync(sql, cancellationToken).ConfigureAwait(false))
            .OrderBy(r => r[2], ClickHouseReads.Bytewise.Instance)
            .Select(r => new FollowerProfile(r[2]!, Int(r[3]), Int(r[4]), Int(r[5]), Int(r[6]) != 0, Int(r[7]) != 0, r[8],
                r[9] is null ? null : checked((int)Int(r[9])), r[10] is null ? null : checked((int)Int(r[10]))))];
    }

    private static InfluencerSnapshotFact Snapshot(string?[] r) => new(
        ClickHouseReads.Day(r[0]!), r[1]!, Int(r[2]), Int(r[3]), Int(r[4]), InfluencerSnapshotsTable.FromUnits(NullableInt(r[5])),
        InfluencerSnapshotsTable.FromUnits(NullableInt(r[6])), InfluencerSnapshotsTable.FromUnits(NullableInt(r[7])),
        InfluencerSnapshotsTable.FromUnits(NullableInt(r[8])));

    /// <summary>The id as stored: trimmed, lower-cased in the invariant culture (as the import keeps it).</summary>
    private static string Id(string influencer) => influencer.Trim().ToLowerInvariant();

    /// <summary>A day as the text it is stored as, quoted.</summary>
    private static string Day(DateOnly day) => ClickHouseSql.Literal(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>Elements 1 to <paramref name="count"/> of tuple <paramref name="alias"/>.</summary>
    private static string Elements(string alias, int count) =>
        string.Join(", ", Enumerable.Range(1, count).Select(i => alias + "." + i.ToString(CultureInfo.InvariantCulture)));

    private static string Window(string column, DateTimeOffset from, DateTimeOffset to) =>
        column + " >= " + ClickHouseSql.Literal(from.ToUnixTimeMilliseconds()) + " AND " + column + " < " + ClickHouseSql.Literal(to.ToUnixTimeMilliseconds());

    private static long Int(string? text) => ClickHouseFactStore.Int(text);

    private static long? NullableInt(string? text) => ClickHouseFactStore.NullableInt(text);
}
