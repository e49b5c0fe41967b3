namespace Mercato.Core.AdMonitoring;

/// <summary>
/// One row of a click-level log (the <c>clicks</c> kind): identity <paramref name="ClickId"/>. Optional fields are null
/// when the source did not give them; a rule that needs a field never judges a click without it.
/// </summary>
/// <param name="ClickId">The ad platform's or the tracker's click id.</param>
/// <param name="Timestamp">When the click happened.</param>
/// <param name="Channel">The channel (<c>baidu_sem</c>, <c>douyin</c>, an app store ...).</param>
/// <param name="Campaign">The campaign, when known.</param>
/// <param name="UserId">The advertiser's user id, when known.</param>
/// <param name="DeviceId">The device id (IDFA, OAID, ...), when known.</param>
/// <param name="Ip">The IP address as given (possibly truncated for privacy), when known.</param>
/// <param name="UserAgent">The HTTP user agent, when known.</param>
/// <param name="Placement">The placement (publisher, sub-site, app id, keyword), when known.</param>
/// <param name="InstallTimestamp">When the app install attributed to this click happened, when there was one.</param>
public sealed record ClickRecord(
    string ClickId,
    DateTimeOffset Timestamp,
    string Channel,
    string? Campaign = null,
    string? UserId = null,
    string? DeviceId = null,
    string? Ip = null,
    string? UserAgent = null,
    string? Placement = null,
    DateTimeOffset? InstallTimestamp = null)
{
    /// <summary>The click-to-install time (CTIT) when the click has an install that does not precede it; else null.</summary>
    public TimeSpan? ClickToInstall => InstallTimestamp is { } install && install >= Timestamp ? install - Timestamp : null;
}
