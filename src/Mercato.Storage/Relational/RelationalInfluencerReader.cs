using System.Globalization;
using Dapper;
using Mercato.Core.DataCenter;
using Mercato.Core.Influencers;
using Mercato.Storage.Facts;

namespace Mercato.Storage.Relational;

/// <summary>
/// The influencer tables for audits (<see cref="IInfluencerFactStore"/>). Ids are stored lower-cased on import and the id
/// asked for is lower-cased (invariant culture) here, so equality on the <c>(influencer, day)</c> and
/// <c>(influencer, ts)</c> indexes matches ignoring case. The latest snapshots and the post totals are one GROUP BY each in
/// the store; results "by id" are in id bytes (ordinal) order.
/// </summary>
internal sealed class RelationalInfluencerReader(RelationalStore store) : IInfluencerFactStore
{
    private const string SnapshotColumns =
        "day AS Day, influencer AS Influencer, followers AS Followers, following AS Following, posts AS Posts, avg_views AS AvgViews, "
        + "avg_likes AS AvgLikes, avg_comments AS AvgComments, avg_shares AS AvgShares";

    private const string PostColumns =
        "post_id AS PostId, influencer AS Influencer, ts AS Ts, campaign AS Campaign, views AS Views, likes AS Likes, comments AS Comments, "
        + "shares AS Shares, saves AS Saves";

    private const string FollowerColumns =
        "follower_id AS FollowerId, followers AS Followers, following AS Following, posts AS Posts, has_profile_picture AS HasProfilePicture, "
        + "is_private AS IsPrivate, username AS Username, bio_length AS BioLength, account_age_days AS AccountAgeDays";

    public async Task<IReadOnlyList<InfluencerSnapshotFact>> SnapshotsAsync(string influencer, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(influencer);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<SnapshotRow>(new CommandDefinition(
            $"SELECT {SnapshotColumns} FROM influencer_snapshots WHERE influencer = @id AND day >= @from AND day <= @to ORDER BY day",
            new { id = Id(influencer), from = Day(from), to = Day(to) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToFact())];
    }

    public async Task<IReadOnlyList<InfluencerSnapshotFact>> LatestSnapshotsAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var d = store.Dialect;
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // One row per (day, influencer): the key is that pair's, so the join on each influencer's last day finds one row.
        var rows = await connection.QueryAsync<SnapshotRow>(new CommandDefinition(
            $"""
            SELECT {SnapshotColumns} FROM influencer_snapshots s
            JOIN (SELECT influencer AS last_influencer, MAX(day) AS last_day FROM influencer_snapshots WHERE day <= @asOf GROUP BY influencer) m
              ON s.influencer = m.last_influencer AND s.day = m.last_day
            ORDER BY {d.Bytewise("s.influencer")}
            """,
            new { asOf = Day(asOf) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToFact())];
    }

    public async Task<IReadOnlyList<InfluencerPostFact>> PostsAsync(string influencer, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(influencer);
        var d = store.Dialect;
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<PostRow>(new CommandDefinition(
            $"SELECT {PostColumns} FROM influencer_posts WHERE influencer = @id AND ts >= @first AND ts < @end ORDER BY ts, {d.Bytewise("post_id")}",
            new { id = Id(influencer), first = from.ToUnixTimeMilliseconds(), end = to.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToFact())];
    }

    public async Task<IReadOnlyList<InfluencerPostTotals>> PostTotalsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var d = store.Dialect;
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // A class with setters, not the record: on an empty result SQLite reports computed columns as BLOB.
        var rows = await connection.QueryAsync<TotalsRow>(new CommandDefinition(
            $"""
            SELECT influencer AS Influencer, COUNT(*) AS Posts, COALESCE({d.Sum("views")}, 0) AS Views, COUNT(views) AS PostsWithViews,
                   COALESCE({d.Sum("likes")}, 0) AS Likes, COALESCE({d.Sum("comments")}, 0) AS Comments, COALESCE({d.Sum("shares")}, 0) AS Shares
            FROM influencer_posts WHERE ts >= @first AND ts < @end
            GROUP BY influencer
            ORDER BY {d.Bytewise("influencer")}
            """,
            new { first = from.ToUnixTimeMilliseconds(), end = to.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new InfluencerPostTotals(r.Influencer, r.Posts, r.Views, r.PostsWithViews, r.Likes, r.Comments, r.Shares))];
    }

    public async Task<IReadOnlyList<DateOnly>> SampleDaysAsync(string influencer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(influencer);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var days = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT day FROM influencer_followers WHERE influencer = @id ORDER BY day DESC",
            new { id = Id(influencer) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. days.Select(ParseDay)];
    }

    public async Task<IReadOnlyList<FollowerProfile>> FollowerSampleAsync(string influencer, DateOnly sampledAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(influencer);
        var d = store.Dialect;
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<FollowerRow>(new CommandDefinition(
            $"SELECT {FollowerColumns} FROM influencer_followers WHERE influencer = @id AND day = @day ORDER BY {d.Bytewise("follower_id")}",
            new { id = Id(influencer), day = Day(sampledAt) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToProfile())];
    }

    /// <summary>The id as stored: trimmed, lower-cased in the invariant culture (as the import keeps it).</summary>
    private static string Id(string influencer) => influencer.Trim().ToLowerInvariant();

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ParseDay(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class SnapshotRow
    {
        public string Day { get; set; } = "";

        public string Influencer { get; set; } = "";

        public long Followers { get; set; }

        public long Following { get; set; }

        public long Posts { get; set; }

        public long? AvgViews { get; set; }

        public long? AvgLikes { get; set; }

        public long? AvgComments { get; set; }

        public long? AvgShares { get; set; }

        public InfluencerSnapshotFact ToFact() => new(
            ParseDay(Day), Influencer, Followers, Following, Posts, InfluencerSnapshotsTable.FromUnits(AvgViews), InfluencerSnapshotsTable.FromUnits(AvgLikes),
            InfluencerSnapshotsTable.FromUnits(AvgComments), InfluencerSnapshotsTable.FromUnits(AvgShares));
    }

    private sealed class PostRow
    {
        public string PostId { get; set; } = "";

        public string Influencer { get; set; } = "";

        public long Ts { get; set; }

        public string? Campaign { get; set; }

        public long? Views { get; set; }

        public long Likes { get; set; }

        public long Comments { get; set; }

        public long Shares { get; set; }

        public long? Saves { get; set; }

        public InfluencerPostFact ToFact() =>
            new(PostId, Influencer, DateTimeOffset.FromUnixTimeMilliseconds(Ts), Campaign, Views, Likes, Comments, Shares, Saves);
    }

    private sealed class TotalsRow
    {
        public string Influencer { get; set; } = "";

        public long Posts { get; set; }

        public long Views { get; set; }

        public long PostsWithViews { get; set; }

        public long Likes { get; set; }

        public long Comments { get; set; }

        public long Shares { get; set; }
    }

    private sealed class FollowerRow
    {
        public string FollowerId { get; set; } = "";

        public long Followers { get; set; }

        public long Following { get; set; }

        public long Posts { get; set; }

        public long HasProfilePicture { get; set; }

        public long IsPrivate { get; set; }

        public string? Username { get; set; }

        public long? BioLength { get; set; }

        public long? AccountAgeDays { get; set; }

        public FollowerProfile ToProfile() => new(
            FollowerId, Followers, Following, Posts, HasProfilePicture != 0, IsPrivate != 0, Username, (int?)BioLength, (int?)AccountAgeDays);
    }
}
