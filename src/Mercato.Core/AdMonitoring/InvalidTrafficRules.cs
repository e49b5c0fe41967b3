using System.Text.Json.Serialization;

namespace Mercato.Core.AdMonitoring;

/// <summary>
/// The industry's split of invalid traffic (MRC Invalid Traffic Detection and Filtration Guidelines, 2015 and its 2020
/// addendum; IAB/MRC): written <c>givt</c>, <c>sivt</c>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<InvalidTrafficCategory>))]
public enum InvalidTrafficCategory
{
    /// <summary>General invalid traffic: found by routine filtration (lists, simple checks), such as known crawlers and duplicate clicks.</summary>
    [JsonStringEnumMemberName("givt")]
    General,

    /// <summary>Sophisticated invalid traffic: needs analysis across many events (bursts, click injection, click spamming).</summary>
    [JsonStringEnumMemberName("sivt")]
    Sophisticated,
}

/// <summary>
/// The codes of the invalid-traffic rules (each flagged click carries the codes of the rules that flagged it) and of the
/// engine's refusals. The rules and their thresholds are in docs/ads.md.
/// </summary>
public static class InvalidTrafficCodes
{
    /// <summary>GIVT: the user agent is on the list of known bots and crawlers.</summary>
    public const string BotUserAgent = "bot_user_agent";

    /// <summary>GIVT: the same device, or the same IP and user agent, clicked the same placement again within the duplicate window.</summary>
    public const string DuplicateClick = "duplicate_click";

    /// <summary>SIVT: one IP clicked far more often within the burst window than it usually does.</summary>
    public const string ClickBurstIp = "click_burst_ip";

    /// <summary>SIVT: one device clicked far more often within the burst window than it usually does.</summary>
    public const string ClickBurstDevice = "click_burst_device";

    /// <summary>SIVT: one IP range (IPv4 /24, IPv6 /64) clicked far more often within the burst window than it usually does.</summary>
    public const string ClickBurstIpRange = "click_burst_ip_range";

    /// <summary>SIVT: the install came within seconds of the click, faster than a download and first open can happen.</summary>
    public const string ClickInjection = "click_injection";

    /// <summary>SIVT: the click's placement has a flat long tail of click-to-install times (clicks sprayed to claim organic installs).</summary>
    public const string ClickSpamming = "click_spamming";

    /// <summary>SIVT: the click's placement has a click-through rate far above its channel's norm (clicks that no impression explains).</summary>
    public const string CtrAboveNorm = "ctr_above_norm";

    /// <summary>SIVT: a conversion the channel claims with no valid click of that channel by the same user or device before it (<see cref="NoTouchConversions"/>).</summary>
    public const string ConversionWithoutTouch = "conversion_without_touch";

    /// <summary>The click at position <c>index</c> (<c>click</c>) is earlier than the one before it: the log must be in time order.</summary>
    public const string OutOfOrder = "invalid_traffic_out_of_order";

    /// <summary>A setting (the path names it) out of its range <c>min</c>..<c>max</c>.</summary>
    public const string OutOfRange = "invalid_traffic_out_of_range";
}

/// <summary>One rule of the engine: its code and its category.</summary>
/// <param name="Code">The rule's code (<see cref="InvalidTrafficCodes"/>).</param>
/// <param name="Category">GIVT or SIVT.</param>
public sealed record InvalidTrafficRule(string Code, InvalidTrafficCategory Category);

/// <summary>
/// The thresholds of the invalid-traffic rules; the defaults and their reasons are in docs/ads.md.
/// </summary>
public sealed record InvalidTrafficOptions
{
    /// <summary>A second click of the same device (or the same IP and user agent) on the same placement within this time is a duplicate (default 30 s).</summary>
    public TimeSpan DuplicateWindow { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The sliding window in which clicks of one IP, device or range are counted for a burst (default 10 minutes).</summary>
    public TimeSpan BurstWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The fewest clicks of one device in a burst window that can be a burst (default 8).</summary>
    public int BurstMinDevice { get; init; } = 8;

    /// <summary>The fewest clicks of one IP in a burst window that can be a burst (default 15).</summary>
    public int BurstMinIp { get; init; } = 15;

    /// <summary>The fewest clicks of one IP range in a burst window that can be a burst (default 40).</summary>
    public int BurstMinRange { get; init; } = 40;

    /// <summary>
    /// A key seen in at least <see cref="BurstLearnAfter"/> distinct windows has its own usual rate: its burst threshold is
    /// the median of its window counts plus this many robust standard deviations (default 5).
    /// </summary>
    public double BurstScore { get; init; } = 5;

    /// <summary>Distinct windows a key must be active in before its own rate raises its threshold (default 24: four hours of activity).</summary>
    public int BurstLearnAfter { get; init; } = 24;

    /// <summary>An install less than this long after its click is click injection (default 10 s).</summary>
    public TimeSpan InjectionWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A click-to-install time longer than this is in the long tail (default 24 hours).</summary>
    public TimeSpan SpamLongTail { get; init; } = TimeSpan.FromHours(24);

    /// <summary>A placement spams when at least this share of its installs is in the long tail (default 0.4) ...</summary>
    public double SpamLongTailShare { get; init; } = 0.4;

    /// <summary>... its click-to-install times differ from the other placements' by a Kolmogorov–Smirnov distance D ≥ c·√((n + m) / nm) with this c (default 1.95, α = 0.001) ...</summary>
    public double SpamKsCoefficient { get; init; } = 1.95;

    /// <summary>... and it has at least this many installs to judge by (default 20).</summary>
    public int SpamMinInstalls { get; init; } = 20;

    /// <summary>A placement's click-through rate is far above its channel's norm at this many times the norm (default 3) ...</summary>
    public double CtrNormFactor { get; init; } = 3;

    /// <summary>... with a binomial z of at least this against the norm (default 3.5) ...</summary>
    public double CtrScore { get; init; } = 3.5;

    /// <summary>... and at least this many clicks (default 20).</summary>
    public int CtrMinClicks { get; init; } = 20;
}
