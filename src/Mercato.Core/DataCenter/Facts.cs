namespace Mercato.Core.DataCenter;

/// <summary>A canonical fact of the data center. Its <see cref="Key"/> is the idempotency key of the row.</summary>
public interface IFact
{
    /// <summary>
    /// 64-bit idempotency key: the first eight bytes of SHA-256 over the row's identity (see docs/data-contracts.md).
    /// Two rows with the same key are the same row.
    /// </summary>
    long Key { get; }
}

/// <summary>
/// Media spend of one channel (and campaign) on one day, or in one hour of it, with the delivery the platform reports for
/// it.
/// </summary>
/// <param name="Date">The day (local, in the workspace time zone, for an hourly row).</param>
/// <param name="Channel">The channel.</param>
/// <param name="Campaign">The campaign code, when the spend belongs to one.</param>
/// <param name="Spend">The amount spent.</param>
/// <param name="Impressions">Impressions served, when reported.</param>
/// <param name="Clicks">Clicks, when reported.</param>
/// <param name="Conversions">Conversions the platform reports for the day, when reported (not part of the identity).</param>
/// <param name="Installs">App installs the platform reports for the day, when reported (not part of the identity).</param>
/// <param name="Hour">
/// The local hour (0–23) the row covers, for a row of hourly data; null for a daily row. A daily row's identity is
/// (date, channel, campaign) as it always was; an hourly row's adds the hour.
/// </param>
public sealed record SpendFact(
    DateOnly Date, string Channel, string? Campaign, decimal Spend, long? Impressions, long? Clicks, long? Conversions = null, long? Installs = null,
    int? Hour = null) : IFact
{
    /// <summary>The local hour (0–23) of an hourly row; null for a daily row.</summary>
    public int? Hour { get; } = Hour is null or (>= 0 and <= 23) ? Hour : throw new ArgumentOutOfRangeException(nameof(Hour), Hour, "an hour is 0 to 23");

    /// <inheritdoc/>
    public long Key { get; } = Hour is { } hour
        ? FactKey.Of("spend", Date.DayNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Channel.ToLowerInvariant(), Campaign ?? string.Empty, hour.ToString(System.Globalization.CultureInfo.InvariantCulture))
        : FactKey.Of("spend", Date.DayNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Channel.ToLowerInvariant(), Campaign ?? string.Empty);
}

/// <summary>The kind of contact a touchpoint records.</summary>
public enum TouchpointType
{
    /// <summary>A contact of no other type.</summary>
    Other = 0,
    /// <summary>An ad or post shown.</summary>
    Impression,
    /// <summary>A click through to the brand.</summary>
    Click,
    /// <summary>A visit to a site, shop or app.</summary>
    Visit,
    /// <summary>A visit through a referral code or link.</summary>
    Referral,
}

/// <summary>One contact between a user and a channel.</summary>
public sealed record Touchpoint(
    string? TouchpointId, string UserId, DateTimeOffset Timestamp, string Channel, string? Campaign, TouchpointType Type, string? ReferralCode) : IFact
{
    /// <inheritdoc/>
    public long Key { get; } = TouchpointId is not null
        ? FactKey.Of("touchpoint_id", TouchpointId)
        : FactKey.Of("touchpoint", UserId, FactKey.Instant(Timestamp), Channel.ToLowerInvariant(), Campaign ?? string.Empty,
            Type.ToString(), ReferralCode ?? string.Empty);
}

/// <summary>A conversion (an order) with its revenue and, where known, the product cost of the goods sold.</summary>
public sealed record Conversion(string ConversionId, string UserId, DateTimeOffset Timestamp, decimal Revenue, decimal? Cost) : IFact
{
    /// <inheritdoc/>
    public long Key { get; } = FactKey.Of("conversion", ConversionId);
}

/// <summary>Category of a non-media cost.</summary>
public enum CostCategory
{
    /// <summary>Agency fees.</summary>
    Agency,
    /// <summary>Staff cost of the marketing work.</summary>
    Staff,
    /// <summary>Software and tools.</summary>
    Tools,
    /// <summary>Fees paid to influencers.</summary>
    KolFee,
    /// <summary>Commission paid on live-stream sales.</summary>
    LivestreamCommission,
    /// <summary>Event and exhibition costs.</summary>
    Event,
    /// <summary>Any other cost.</summary>
    Other,
}

/// <summary>Whether a cost scales with volume.</summary>
public enum CostKind
{
    /// <summary>A cost that does not change with volume.</summary>
    Fixed,
    /// <summary>A cost that grows with volume.</summary>
    Variable,
}

/// <summary>
/// A non-media cost of one month, for one channel or (when <see cref="Channel"/> is null) for the whole department, and
/// optionally for one campaign (its code, as spend and touchpoints carry it).
/// </summary>
public sealed record CostFact(YearMonth Month, string? Channel, CostCategory Category, decimal Amount, CostKind Kind, string? Campaign = null) : IFact
{
    /// <inheritdoc/>
    /// <remarks>A cost without a campaign keeps the key it had before costs could carry one, so re-imports stay idempotent.</remarks>
    public long Key { get; } = Campaign is null
        ? FactKey.Of("cost", Month.ToString(), Channel?.ToLowerInvariant() ?? string.Empty, Category.ToString())
        : FactKey.Of("cost", Month.ToString(), Channel?.ToLowerInvariant() ?? string.Empty, Category.ToString(), Campaign);
}

/// <summary>One thing a user did in the product (signup, install, login, view, share, post, ...).</summary>
public sealed record ActivityEvent(string UserId, DateTimeOffset Timestamp, string Event, int? SessionSeconds, string? ContentId) : IFact
{
    /// <inheritdoc/>
    public long Key { get; } = FactKey.Of("activity", UserId, FactKey.Instant(Timestamp), Event,
        SessionSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, ContentId ?? string.Empty);
}

/// <summary>One official social-media account's day: followers at the end of the day, reads, interactions and posts.</summary>
public sealed record SocialFact(DateOnly Date, string Platform, string Account, long? Followers, long? Reads, long? Interactions, long? Posts) : IFact
{
    /// <inheritdoc/>
    public long Key { get; } = FactKey.Of("social", Date.DayNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), Platform, Account);
}

/// <summary>One app store's day for the company's app: impressions, product page views and installs.</summary>
public sealed record AppStoreFact(DateOnly Date, string Store, long? Impressions, long? ProductPageViews, long Installs) : IFact
{
    /// <inheritdoc/>
    public long Key { get; } = FactKey.Of("appstore", Date.DayNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), Store);
}

/// <summary>One e-commerce storefront's day: visitors, orders, GMV and refunds.</summary>
public sealed record StoreSalesFact(DateOnly Date, string Store, long? Visitors, long Orders, decimal Gmv, decimal? Refunds) : IFact
{
    /// <inheritdoc/>
    public long Key { get; } = FactKey.Of("store", Date.DayNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), Store);
}

/// <summary>One live-stream session (the <c>livestreams</c> kind); <see cref="ToSession"/> gives the campaign core's record.</summary>
public sealed record LiveStreamFact(
    string SessionId, string? Campaign, string Host, HostKind HostKind, DateTimeOffset Start, DateTimeOffset End,
    long Viewers, long PeakViewers, long NewFollowers, long Orders, decimal Gmv) : IFact
{
    /// <inheritdoc/>
    public long Key { get; } = FactKey.Of("livestream", SessionId);

    /// <summary>The session as the campaign core takes it.</summary>
    public LiveStreamSession ToSession() =>
        new(SessionId, Campaign, HostKind, Host, Start, End, Viewers, PeakViewers, NewFollowers, Orders, Gmv);
}
