using System.Globalization;
using System.Net;
using System.Net.Sockets;

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

/// <summary>The codes of a click row's problems (the import reports them with the row's line; the row is kept aside, not lost).</summary>
public static class ClickCodes
{
    /// <summary>A click without a click id.</summary>
    public const string MissingId = "click_missing_id";

    /// <summary>Click <c>click</c> has no channel.</summary>
    public const string MissingChannel = "click_missing_channel";

    /// <summary>Click <c>click</c> has its install (<c>install</c>) before the click (<c>timestamp</c>).</summary>
    public const string InstallBeforeClick = "click_install_before_click";

    /// <summary>Click <c>click</c> has an IP (<c>value</c>) that is neither a dotted IPv4 address nor an IPv6 address.</summary>
    public const string BadIp = "click_bad_ip";
}

/// <summary>Checks and privacy rules for click rows, for the import to apply.</summary>
public static class ClickChecks
{
    /// <summary>
    /// The problems of one click: no id, no channel, an install before the click, an IP that is not a dotted-quad IPv4
    /// (four numbers 0–255) or an IPv6 address. Paths are the column names.
    /// </summary>
    public static IReadOnlyList<Problem> Problems(ClickRecord click)
    {
        ArgumentNullException.ThrowIfNull(click);
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(click.ClickId))
        {
            problems.Add(new Problem("click_id", ClickCodes.MissingId));
        }

        if (string.IsNullOrWhiteSpace(click.Channel))
        {
            problems.Add(Problem.Of("channel", ClickCodes.MissingChannel, ("click", click.ClickId)));
        }

        if (click.InstallTimestamp is { } install && install < click.Timestamp)
        {
            problems.Add(Problem.Of("install_timestamp", ClickCodes.InstallBeforeClick, ("click", click.ClickId), ("install", install), ("timestamp", click.Timestamp)));
        }

        if (click.Ip is { } ip && !IsIp(ip))
        {
            problems.Add(Problem.Of("ip", ClickCodes.BadIp, ("click", click.ClickId), ("value", ip)));
        }

        return problems;
    }

    /// <summary>Whether <paramref name="ip"/> (trimmed) is four dot-separated numbers 0–255, or an IPv6 address.</summary>
    public static bool IsIp(string ip)
    {
        ArgumentNullException.ThrowIfNull(ip);
        var text = ip.Trim();
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6;
        }

        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit) && int.Parse(p, CultureInfo.InvariantCulture) <= 255);
    }

    /// <summary>
    /// An IP truncated for privacy (the workspace setting of issue 14): IPv4 to its first <paramref name="v4Bits"/> bits,
    /// IPv6 to its first <paramref name="v6Bits"/>, the rest zero (<c>203.0.113.77</c> → <c>203.0.113.0</c> at 24 bits);
    /// an IP that does not parse is returned as given (the check reports it). Truncation weakens the rules that key on
    /// the address: at 24 bits an IP burst is a /24 burst and IP duplicates match a whole range.
    /// </summary>
    public static string Truncate(string ip, int v4Bits = 24, int v6Bits = 48)
    {
        ArgumentNullException.ThrowIfNull(ip);
        if (!IsIp(ip) || !IPAddress.TryParse(ip.Trim(), out var address))
        {
            return ip;
        }

        var bytes = address.GetAddressBytes();
        var keep = Math.Clamp(bytes.Length == 4 ? v4Bits : v6Bits, 0, bytes.Length * 8);
        for (var b = 0; b < bytes.Length; b++)
        {
            var bits = Math.Clamp(keep - (b * 8), 0, 8);
            bytes[b] &= (byte)(0xFF << (8 - bits));
        }

        return new IPAddress(bytes).ToString();
    }
}
