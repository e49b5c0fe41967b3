using System.Text.Json.Serialization;

namespace Mercato.Core.Influencers;

/// <summary>The platform an influencer publishes on.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InfluencerPlatform>))]
public enum InfluencerPlatform
{
    /// <summary>Douyin.</summary>
    [JsonStringEnumMemberName("douyin")]
    Douyin,

    /// <summary>Kuaishou.</summary>
    [JsonStringEnumMemberName("kuaishou")]
    Kuaishou,

    /// <summary>Xiaohongshu (RED).</summary>
    [JsonStringEnumMemberName("xiaohongshu")]
    Xiaohongshu,

    /// <summary>Sina Weibo.</summary>
    [JsonStringEnumMemberName("weibo")]
    Weibo,

    /// <summary>Bilibili.</summary>
    [JsonStringEnumMemberName("bilibili")]
    Bilibili,

    /// <summary>WeChat Channels.</summary>
    [JsonStringEnumMemberName("wechat_channels")]
    WechatChannels,

    /// <summary>Instagram.</summary>
    [JsonStringEnumMemberName("instagram")]
    Instagram,

    /// <summary>YouTube.</summary>
    [JsonStringEnumMemberName("youtube")]
    Youtube,

    /// <summary>TikTok.</summary>
    [JsonStringEnumMemberName("tiktok")]
    Tiktok,

    /// <summary>Anywhere else.</summary>
    [JsonStringEnumMemberName("other")]
    Other,
}

/// <summary>An influencer's size band by followers (thresholds in <see cref="InfluencerTiers"/> and docs/influencers.md).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InfluencerTier>))]
public enum InfluencerTier
{
    /// <summary>Fewer than 10,000 followers.</summary>
    [JsonStringEnumMemberName("nano")]
    Nano,

    /// <summary>10,000 to 99,999.</summary>
    [JsonStringEnumMemberName("micro")]
    Micro,

    /// <summary>100,000 to 499,999.</summary>
    [JsonStringEnumMemberName("mid")]
    Mid,

    /// <summary>500,000 to 999,999.</summary>
    [JsonStringEnumMemberName("macro")]
    Macro,

    /// <summary>1,000,000 and more.</summary>
    [JsonStringEnumMemberName("mega")]
    Mega,
}

/// <summary>Where a collaboration stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CollaborationStatus>))]
public enum CollaborationStatus
{
    /// <summary>Being negotiated; nothing signed.</summary>
    [JsonStringEnumMemberName("proposed")]
    Proposed,

    /// <summary>Signed, not started.</summary>
    [JsonStringEnumMemberName("signed")]
    Signed,

    /// <summary>Running.</summary>
    [JsonStringEnumMemberName("active")]
    Active,

    /// <summary>Delivered and closed.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>Called off.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}

/// <summary>What an influencer delivers: posts, short videos, live sessions, stories.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeliverableKind>))]
public enum DeliverableKind
{
    /// <summary>An image or text post (a Xiaohongshu note, a Weibo post).</summary>
    [JsonStringEnumMemberName("post")]
    Post,

    /// <summary>A short or long video.</summary>
    [JsonStringEnumMemberName("video")]
    Video,

    /// <summary>A live-stream session.</summary>
    [JsonStringEnumMemberName("live")]
    Live,

    /// <summary>A story or other ephemeral piece.</summary>
    [JsonStringEnumMemberName("story")]
    Story,

    /// <summary>Anything else.</summary>
    [JsonStringEnumMemberName("other")]
    Other,
}

/// <summary>One line of a rate card: the price of one deliverable.</summary>
/// <param name="Kind">The deliverable.</param>
/// <param name="Price">Its price in the workspace currency, not negative.</param>
public sealed record RateCardItem(DeliverableKind Kind, decimal Price);

/// <summary>A deliverable of a collaboration: how many were agreed.</summary>
/// <param name="Kind">The deliverable.</param>
/// <param name="Count">How many were agreed, at least 1.</param>
public sealed record Deliverable(DeliverableKind Kind, int Count);

/// <summary>
/// The codes that join an influencer to the facts. Codes are compared ignoring case; no two influencers share one, and none
/// is the code of a campaign in the campaign registry (a campaign's code belongs to the campaign).
/// </summary>
/// <param name="Referral">Touchpoint <c>referral_code</c> values that are this influencer's (its links, coupon codes).</param>
/// <param name="Campaign">Touchpoint and post <c>campaign</c> values used only for this influencer's content.</param>
/// <param name="Hosts">Live-stream <c>host</c> names of kind influencer that are this influencer.</param>
/// <param name="Costs">Cost rows' <c>campaign</c> values that carry this influencer's fees and other costs.</param>
public sealed record InfluencerCodes(
    IReadOnlyList<string> Referral, IReadOnlyList<string> Campaign, IReadOnlyList<string> Hosts, IReadOnlyList<string> Costs)
{
    /// <summary>No codes.</summary>
    public static InfluencerCodes None { get; } = new([], [], [], []);

    /// <summary>Every code with what it joins: (<c>referral</c>|<c>campaign</c>|<c>host</c>|<c>cost</c>, code).</summary>
    [JsonIgnore]
    public IEnumerable<(string Kind, string Code)> All =>
        Referral.Select(c => ("referral", c)).Concat(Campaign.Select(c => ("campaign", c)))
            .Concat(Hosts.Select(c => ("host", c))).Concat(Costs.Select(c => ("cost", c)));
}

/// <summary>One collaboration with an influencer.</summary>
/// <param name="Id">The collaboration's id, unique within the influencer (e.g. <c>2026-double11</c>).</param>
/// <param name="Campaign">The campaign it belongs to (a campaign code of the registry), or null.</param>
/// <param name="Deliverables">What was agreed.</param>
/// <param name="AgreedFee">The fee agreed, in the workspace currency.</param>
/// <param name="Start">First day.</param>
/// <param name="End">Last day (not before <paramref name="Start"/>).</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Code">
/// The campaign code its posts and touches carry (one of the influencer's <see cref="InfluencerCodes.Campaign"/> or
/// <see cref="InfluencerCodes.Referral"/> codes), or null when its results are the influencer's touches within its dates.
/// </param>
public sealed record Collaboration(
    string Id, string? Campaign, IReadOnlyList<Deliverable> Deliverables, decimal AgreedFee, DateOnly Start, DateOnly End,
    CollaborationStatus Status, string? Code = null);

/// <summary>An influencer (KOL) in the workspace's directory.</summary>
/// <param name="Id">The id: lower-case letters, digits and dashes (e.g. <c>kol-dr-wang</c>).</param>
/// <param name="Name">The display name.</param>
/// <param name="Platform">The main platform.</param>
/// <param name="Handle">The account's handle on the platform.</param>
/// <param name="Categories">Content categories (health, parenting, fitness, ...).</param>
/// <param name="RateCard">Prices per deliverable.</param>
/// <param name="Codes">The codes that join it to the facts.</param>
/// <param name="Collaborations">Collaborations, in order of start.</param>
/// <param name="DeclaredFollowers">Followers as declared when added (the tier uses the latest snapshot when there is one).</param>
/// <param name="Notes">Free text.</param>
public sealed record Influencer(
    string Id,
    string Name,
    InfluencerPlatform Platform,
    string Handle,
    IReadOnlyList<string> Categories,
    IReadOnlyList<RateCardItem> RateCard,
    InfluencerCodes Codes,
    IReadOnlyList<Collaboration> Collaborations,
    long? DeclaredFollowers = null,
    string? Notes = null)
{
    /// <summary>The directory's collection: one document per influencer, by id.</summary>
    public static DocumentKind<Influencer> Documents { get; } = new("influencers", i => i.Id);
}
