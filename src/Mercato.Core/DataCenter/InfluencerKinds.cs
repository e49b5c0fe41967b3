using Mercato.Core.Influencers;
using static Mercato.Core.DataCenter.FieldParsers;

namespace Mercato.Core.DataCenter;

/// <summary>
/// influencer_snapshots: date, influencer, followers, following, posts, avg_views?, avg_likes?, avg_comments?,
/// avg_shares?; identity (date, influencer). The influencer id is kept lower-cased, so the store matches it ignoring case.
/// </summary>
internal sealed class InfluencerSnapshotsKind : DataKind
{
    public override string Name => "influencer_snapshots";

    public override IReadOnlyList<FieldSpec> Fields { get; } =
    [
        new("date", true, "the day, YYYY-MM-DD"),
        new("influencer", true, "the influencer's id in the directory (e.g. kol-dr-wang), matched ignoring case"),
        new("followers", true, "followers that day, a whole number"),
        new("following", true, "accounts it follows, a whole number"),
        new("posts", true, "posts published in all, a whole number"),
        new("avg_views", false, "average views per recent post, a non-negative decimal"),
        new("avg_likes", false, "average likes per recent post, a non-negative decimal"),
        new("avg_comments", false, "average comments per recent post, a non-negative decimal"),
        new("avg_shares", false, "average shares per recent post, a non-negative decimal"),
    ];

    public override string IdentityDescription => "(date, influencer)";

    public override IFact? Parse(ReadOnlySpan<string?> v, ParseContext context, List<FieldError> errors)
    {
        var before = errors.Count;
        Date(v[0], "date", errors, out var date);
        Text(v[1], "influencer", true, MaxIdLength, errors, out var influencer);
        Count(v[2], "followers", true, long.MaxValue, errors, out var followers);
        Count(v[3], "following", true, long.MaxValue, errors, out var following);
        Count(v[4], "posts", true, long.MaxValue, errors, out var posts);
        DecimalNumber(v[5], "avg_views", false, errors, out var views);
        DecimalNumber(v[6], "avg_likes", false, errors, out var likes);
        DecimalNumber(v[7], "avg_comments", false, errors, out var comments);
        DecimalNumber(v[8], "avg_shares", false, errors, out var shares);
        return errors.Count > before
            ? null
            : new InfluencerSnapshotFact(date, influencer!.ToLowerInvariant(), followers!.Value, following!.Value, posts!.Value, views, likes, comments, shares);
    }
}

/// <summary>
/// influencer_posts: post_id, influencer, timestamp, campaign?, views?, likes, comments, shares, saves?; identity post_id
/// (a later export of the same post updates its counts). The influencer id is kept lower-cased.
/// </summary>
internal sealed class InfluencerPostsKind : DataKind
{
    public override string Name => "influencer_posts";

    public override IReadOnlyList<FieldSpec> Fields { get; } =
    [
        new("post_id", true, "the platform's post id"),
        new("influencer", true, "the influencer's id in the directory, matched ignoring case"),
        new("timestamp", true, "when it was published: ISO 8601 with offset or Z; a date alone is midnight in the workspace time zone"),
        new("campaign", false, "the campaign code it carries, when it is sponsored"),
        new("views", false, "views (plays, reads), a whole number, when the platform reports them"),
        new("likes", true, "likes, a whole number"),
        new("comments", true, "comments, a whole number"),
        new("shares", true, "shares (reposts), a whole number"),
        new("saves", false, "saves (favourites), a whole number, when reported"),
    ];

    public override string IdentityDescription => "post_id";

    public override IFact? Parse(ReadOnlySpan<string?> v, ParseContext context, List<FieldError> errors)
    {
        var before = errors.Count;
        Text(v[0], "post_id", true, MaxIdLength, errors, out var id);
        Text(v[1], "influencer", true, MaxIdLength, errors, out var influencer);
        Timestamp(v[2], "timestamp", context, errors, out var timestamp);
        Text(v[3], "campaign", false, MaxIdLength, errors, out var campaign);
        Count(v[4], "views", false, long.MaxValue, errors, out var views);
        Count(v[5], "likes", true, long.MaxValue, errors, out var likes);
        Count(v[6], "comments", true, long.MaxValue, errors, out var comments);
        Count(v[7], "shares", true, long.MaxValue, errors, out var shares);
        Count(v[8], "saves", false, long.MaxValue, errors, out var saves);
        return errors.Count > before
            ? null
            : new InfluencerPostFact(id!, influencer!.ToLowerInvariant(), timestamp, campaign, views, likes!.Value, comments!.Value, shares!.Value, saves);
    }
}

/// <summary>
/// influencer_followers: influencer, sampled_at, follower_id, followers, following, posts, has_profile_picture, is_private,
/// username?, bio_length?, account_age_days?; identity (influencer, follower_id, sampled_at). One row is one follower of an
/// audit sample (<see cref="FollowerProfile"/>). The influencer id is kept lower-cased; the follower id as given.
/// </summary>
internal sealed class InfluencerFollowersKind : DataKind
{
    public override string Name => "influencer_followers";

    public override IReadOnlyList<FieldSpec> Fields { get; } =
    [
        new("influencer", true, "the influencer whose followers were sampled, matched ignoring case"),
        new("sampled_at", true, "the day the sample was drawn, YYYY-MM-DD"),
        new("follower_id", true, "the follower's id on the platform"),
        new("followers", true, "accounts following the follower, a whole number"),
        new("following", true, "accounts the follower follows, a whole number"),
        new("posts", true, "posts the follower has published, a whole number"),
        new("has_profile_picture", true, "whether it has a profile picture of its own: true/false, 1/0 or yes/no"),
        new("is_private", true, "whether the account is private: true/false, 1/0 or yes/no"),
        new("username", false, "its username"),
        new("bio_length", false, "length of its bio in characters, a whole number"),
        new("account_age_days", false, "days since the account was created, a whole number"),
    ];

    public override string IdentityDescription => "(influencer, follower_id, sampled_at)";

    public override IFact? Parse(ReadOnlySpan<string?> v, ParseContext context, List<FieldError> errors)
    {
        var before = errors.Count;
        Text(v[0], "influencer", true, MaxIdLength, errors, out var influencer);
        Date(v[1], "sampled_at", errors, out var sampledAt);
        Text(v[2], "follower_id", true, MaxIdLength, errors, out var follower);
        Count(v[3], "followers", true, long.MaxValue, errors, out var followers);
        Count(v[4], "following", true, long.MaxValue, errors, out var following);
        Count(v[5], "posts", true, long.MaxValue, errors, out var posts);
        Boolean(v[6], "has_profile_picture", true, errors, out var picture);
        Boolean(v[7], "is_private", true, errors, out var isPrivate);
        Text(v[8], "username", false, MaxIdLength, errors, out var username);
        Count(v[9], "bio_length", false, int.MaxValue, errors, out var bio);
        Count(v[10], "account_age_days", false, int.MaxValue, errors, out var age);
        if (errors.Count > before)
        {
            return null;
        }

        var profile = new FollowerProfile(follower!, followers!.Value, following!.Value, posts!.Value, picture!.Value, isPrivate!.Value, username,
            (int?)bio, (int?)age);
        return new InfluencerFollowerFact(influencer!.ToLowerInvariant(), sampledAt, profile);
    }
}
