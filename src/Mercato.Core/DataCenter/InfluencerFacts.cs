using System.Globalization;
using Mercato.Core.Influencers;

namespace Mercato.Core.DataCenter;

/// <summary>
/// One row of <c>influencer_snapshots</c>: an influencer's account on one day; identity (date, influencer). The averages
/// are the platform's or the agency's figures per recent post, when reported.
/// </summary>
/// <param name="Date">The day.</param>
/// <param name="Influencer">The influencer's id in the directory.</param>
/// <param name="Followers">Followers that day.</param>
/// <param name="Following">Accounts it follows.</param>
/// <param name="Posts">Posts published in all.</param>
/// <param name="AvgViews">Average views per recent post.</param>
/// <param name="AvgLikes">Average likes per recent post.</param>
/// <param name="AvgComments">Average comments per recent post.</param>
/// <param name="AvgShares">Average shares per recent post.</param>
public sealed record InfluencerSnapshotFact(
    DateOnly Date, string Influencer, long Followers, long Following, long Posts,
    double? AvgViews = null, double? AvgLikes = null, double? AvgComments = null, double? AvgShares = null) : IFact
{
    /// <inheritdoc/>
    public long Key { get; } = FactKey.Of(
        "influencer_snapshot", Date.DayNumber.ToString(CultureInfo.InvariantCulture), Influencer.ToLowerInvariant());
}

/// <summary>
/// One row of <c>influencer_posts</c>: a post and its counts as last reported; identity post_id (a later row of the same
/// post is the same row: re-importing changes nothing, a newer export is a new post id or a store-side update).
/// </summary>
/// <param name="PostId">The platform's post id.</param>
/// <param name="Influencer">The influencer's id in the directory.</param>
/// <param name="Timestamp">When it was published.</param>
/// <param name="Campaign">The campaign code it carries, when it is sponsored.</param>
/// <param name="Views">Views (plays, reads), when reported.</param>
/// <param name="Likes">Likes.</param>
/// <param name="Comments">Comments.</param>
/// <param name="Shares">Shares (reposts).</param>
/// <param name="Saves">Saves (favourites), when reported.</param>
public sealed record InfluencerPostFact(
    string PostId, string Influencer, DateTimeOffset Timestamp, string? Campaign, long? Views, long Likes, long Comments, long Shares,
    long? Saves = null) : IFact
{
    /// <inheritdoc/>
    public long Key { get; } = FactKey.Of("influencer_post", PostId);
}

/// <summary>
/// One row of <c>influencer_followers</c>: one follower in an audit sample; identity (influencer, follower_id, sampled_at).
/// </summary>
/// <param name="Influencer">The influencer whose followers were sampled.</param>
/// <param name="SampledAt">The day the sample was drawn.</param>
/// <param name="Profile">The follower's profile.</param>
public sealed record InfluencerFollowerFact(string Influencer, DateOnly SampledAt, FollowerProfile Profile) : IFact
{
    /// <inheritdoc/>
    public long Key { get; } = FactKey.Of(
        "influencer_follower", Influencer.ToLowerInvariant(), Profile.FollowerId, SampledAt.DayNumber.ToString(CultureInfo.InvariantCulture));
}
