namespace Mercato.Core.Common;

/// <summary>
/// The workspace's own settings, one document: the time zone its days are local to (a date without a time means midnight
/// there), UTC unless set; and whether click IPs are truncated for privacy as they are imported, off unless set.
/// </summary>
/// <param name="TimeZone">An IANA time zone id.</param>
/// <param name="TruncateClickIps">
/// Whether the import truncates the IP of every click (the <c>clicks</c> kind) before it is stored: IPv4 to its /24, IPv6
/// to its /48. Off: IPs are stored as given. Clicks stored earlier are not changed; re-importing them applies the setting.
/// </param>
/// <param name="BuyingModels">How each channel (lower case) is paid, which decides the share of its spend invalid traffic
/// puts at risk (<see cref="AdMonitoring.BuyingModel"/>); a channel not listed is paid per click. Null: none set.</param>
/// <param name="Language">The workspace's language (<see cref="Languages"/>): what a person sees who has not chosen one and whose
/// browser asks for none Mercato speaks, and what the command line speaks without <c>--lang</c>. Null: English.</param>
/// <param name="Currency">The ISO 4217 code money is shown in. Null: CNY for a Chinese workspace, else USD.</param>
public sealed record WorkspaceSettings(
    string TimeZone = "UTC",
    bool TruncateClickIps = false,
    IReadOnlyDictionary<string, AdMonitoring.BuyingModel>? BuyingModels = null,
    string? Language = null,
    string? Currency = null)
{
    /// <summary>The language in effect: the one set, else English.</summary>
    public string EffectiveLanguage => Language is { } l && Languages.TryNormalize(l, out var language) ? language : Languages.English;

    /// <summary>The currency in effect: the one set, else CNY for a Chinese workspace and USD for any other.</summary>
    public string EffectiveCurrency => Currency is { } c && Currencies.TryNormalize(c, out var currency)
        ? currency
        : EffectiveLanguage == Languages.Chinese ? Currencies.Yuan : Currencies.Dollar;

    /// <summary>The settings of a workspace that has none saved.</summary>
    public static WorkspaceSettings Default { get; } = new();

    /// <summary>The collection holding the one settings document, <c>workspace</c>.</summary>
    public static DocumentKind<WorkspaceSettings> Document { get; } = new("settings", _ => Id);

    /// <summary>The id of the settings document.</summary>
    public const string Id = "workspace";

    /// <summary>The time zone; UTC when the id is not one this machine knows.</summary>
    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
