using Mercato.Core.DataCenter;

namespace Mercato.Core.Influencers;

/// <summary>Post counts of one influencer over a window, summed in the store.</summary>
/// <param name="Influencer">The influencer id (as stored, lower-cased).</param>
/// <param name="Posts">Posts published in the window.</param>
/// <param name="Views">Views of the posts that report views.</param>
/// <param name="PostsWithViews">How many posts report views.</param>
/// <param name="Likes">Likes.</param>
/// <param name="Comments">Comments.</param>
/// <param name="Shares">Shares.</param>
public sealed record InfluencerPostTotals(string Influencer, long Posts, long Views, long PostsWithViews, long Likes, long Comments, long Shares);

/// <summary>
/// The store's side of influencer audits (the <c>influencer_snapshots</c>, <c>influencer_posts</c> and
/// <c>influencer_followers</c> kinds). Influencer ids are matched ignoring case.
/// </summary>
public interface IInfluencerFactStore
{
    /// <summary>The influencer's snapshots in [<paramref name="from"/>, <paramref name="to"/>] (days, inclusive), oldest first.</summary>
    Task<IReadOnlyList<InfluencerSnapshotFact>> SnapshotsAsync(string influencer, DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>The latest snapshot of every influencer on or before <paramref name="asOf"/>, one per influencer, by id.</summary>
    Task<IReadOnlyList<InfluencerSnapshotFact>> LatestSnapshotsAsync(DateOnly asOf, CancellationToken cancellationToken);

    /// <summary>The influencer's posts published in [<paramref name="from"/>, <paramref name="to"/>) (instants), oldest first, ties by post id.</summary>
    Task<IReadOnlyList<InfluencerPostFact>> PostsAsync(string influencer, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Every influencer's post totals over [<paramref name="from"/>, <paramref name="to"/>), one GROUP BY in the store, by id.</summary>
    Task<IReadOnlyList<InfluencerPostTotals>> PostTotalsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>When the newest post of any influencer was published, or null when no post is stored.</summary>
    Task<DateTimeOffset?> LatestPostAsync(CancellationToken cancellationToken);

    /// <summary>The days on which the influencer's followers were sampled, newest first.</summary>
    Task<IReadOnlyList<DateOnly>> SampleDaysAsync(string influencer, CancellationToken cancellationToken);

    /// <summary>The followers sampled on <paramref name="sampledAt"/>, by follower id (ordinal).</summary>
    Task<IReadOnlyList<FollowerProfile>> FollowerSampleAsync(string influencer, DateOnly sampledAt, CancellationToken cancellationToken);
}
