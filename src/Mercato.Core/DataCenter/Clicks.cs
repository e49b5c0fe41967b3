using Mercato.Core.AdMonitoring;

namespace Mercato.Core.DataCenter;

/// <summary>One row of the <c>clicks</c> kind as stored: the click, keyed by its click id.</summary>
/// <param name="Click">The click, its IP truncated when the workspace asks for it.</param>
public sealed record ClickFact(ClickRecord Click) : IFact
{
    /// <inheritdoc/>
    public long Key { get; } = FactKey.Of("click", Click.ClickId);
}

/// <summary>
/// clicks: click_id, timestamp, channel, campaign?, user_id?, device_id?, ip?, user_agent?, placement?, install_timestamp?;
/// identity click_id. A missing click id or channel is <c>required</c>, as in every kind; the click rules are then
/// <see cref="ClickChecks.Problems"/>'s (an install before the click, an IP that does not parse), reported with the column
/// they concern. An IP is stored as given, or truncated (<see cref="ClickChecks.Truncate"/>) when
/// <see cref="ParseContext.TruncateIps"/> is set.
/// </summary>
internal sealed class ClicksKind : DataKind
{
    /// <summary>Longest user agent accepted, in characters.</summary>
    public const int MaxUserAgentLength = 2_000;

    /// <summary>Longest IP text accepted before it is checked (an IPv6 address with a zone fits).</summary>
    public const int MaxIpLength = 100;

    public override string Name => "clicks";

    public override IReadOnlyList<FieldSpec> Fields { get; } =
    [
        new("click_id", true, "the ad platform's or the tracker's click id"),
        new("timestamp", true, "when the click happened: ISO 8601 with offset or Z; a date alone is midnight in the workspace time zone"),
        new("channel", true, "channel name"),
        new("campaign", false, "campaign code"),
        new("user_id", false, "the advertiser's user id"),
        new("device_id", false, "the device id (IDFA, OAID, ...)"),
        new("ip", false, "a dotted IPv4 address or an IPv6 address; stored as given, or truncated to /24 and /48 when the workspace says so"),
        new("user_agent", false, "the HTTP user agent, at most 2,000 characters"),
        new("placement", false, "the placement: publisher, sub-site, app id or keyword"),
        new("install_timestamp", false, "when the app install attributed to the click happened, not before the click; same form as timestamp"),
    ];

    public override string IdentityDescription => "click_id";

    public override IFact? Parse(ReadOnlySpan<string?> v, ParseContext context, List<FieldError> errors)
    {
        var before = errors.Count;
        FieldParsers.Text(v[0], "click_id", true, FieldParsers.MaxIdLength, errors, out var id);
        var timeOk = FieldParsers.Timestamp(v[1], "timestamp", context, errors, out var timestamp);
        FieldParsers.Text(v[2], "channel", true, FieldParsers.MaxChannelLength, errors, out var channel);
        FieldParsers.Text(v[3], "campaign", false, FieldParsers.MaxIdLength, errors, out var campaign);
        FieldParsers.Text(v[4], "user_id", false, FieldParsers.MaxIdLength, errors, out var user);
        FieldParsers.Text(v[5], "device_id", false, FieldParsers.MaxIdLength, errors, out var device);
        var ipOk = FieldParsers.Text(v[6], "ip", false, MaxIpLength, errors, out var ip);
        FieldParsers.Text(v[7], "user_agent", false, MaxUserAgentLength, errors, out var agent);
        FieldParsers.Text(v[8], "placement", false, FieldParsers.MaxIdLength, errors, out var placement);
        var installOk = OptionalTimestamp(v[9], "install_timestamp", context, errors, out var install);

        // The click rules judge what parsed: a value already refused (a missing id or channel included) is not refused twice.
        var click = new ClickRecord(
            id ?? "?", timestamp, channel ?? "?", campaign, user, device, ipOk ? ip : null, agent, placement, timeOk && installOk ? install : null);
        foreach (var problem in ClickChecks.Problems(click))
        {
            var index = IndexOf(problem.Path);
            errors.Add(new FieldError(problem.Path, index >= 0 ? v[index] : null, problem.Code, problem.Args));
        }

        if (errors.Count > before)
        {
            return null;
        }

        return new ClickFact(context.TruncateIps && ip is not null ? click with { Ip = ClickChecks.Truncate(ip) } : click);
    }

    /// <summary>An optional timestamp: absent is null, present is read as <see cref="FieldParsers.Timestamp"/> reads it.</summary>
    private static bool OptionalTimestamp(string? raw, string column, ParseContext context, List<FieldError> errors, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return true;
        }

        if (!FieldParsers.Timestamp(raw, column, context, errors, out var parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }
}
