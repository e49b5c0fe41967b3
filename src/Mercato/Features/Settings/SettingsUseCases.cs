using Mercato.Core.Access;
using Mercato.Features.Access;

namespace Mercato.Features.Settings;

/// <summary>
/// The workspace's settings (the time zone its days are local to, click IP truncation), for every front door. Written only
/// with <see cref="Permission.ManageSettings"/>. The reads ask nothing: every use case reads them for whoever acts (an
/// import token reads the truncation and the zone, an agency's campaign page the zone), and they hold no report, money or
/// person.
/// </summary>
public sealed class SettingsUseCases(IDocumentStore documents, ICurrentUser user, OutcomeLog log, AccessGuard guard)
{
    /// <summary>The workspace settings; the defaults when none are saved.</summary>
    public async Task<Versioned<WorkspaceSettings>?> GetAsync(CancellationToken cancellationToken) =>
        await documents.GetAsync(WorkspaceSettings.Document, WorkspaceSettings.Id, cancellationToken).ConfigureAwait(false);

    /// <summary>The workspace time zone: a date without a time means midnight there. UTC unless set.</summary>
    public async Task<TimeZoneInfo> ZoneAsync(CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken).ConfigureAwait(false))?.Value.Zone ?? TimeZoneInfo.Utc;

    /// <summary>Sets the time zone; invalid (<see cref="SettingsCodes.UnknownTimeZone"/>) when this machine does not know it.</summary>
    public async Task<Outcome<TimeZoneInfo>> SetTimeZoneAsync(string zoneId, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ManageSettings);
        return log.Noted(await SetTimeZoneCoreAsync(zoneId, cancellationToken).ConfigureAwait(false), "time zone set", zoneId);
    }

    /// <summary>Whether click IPs are truncated on import (<see cref="WorkspaceSettings.TruncateClickIps"/>). Off unless set.</summary>
    public async Task<bool> TruncateClickIpsAsync(CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken).ConfigureAwait(false))?.Value.TruncateClickIps ?? false;

    /// <summary>
    /// Turns click IP truncation on or off for later imports (IPv4 to /24, IPv6 to /48); clicks stored earlier keep their
    /// IPs until they are imported again.
    /// </summary>
    public async Task<Outcome<bool>> SetTruncateClickIpsAsync(bool truncate, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ManageSettings);
        return log.Noted(await SetTruncateClickIpsCoreAsync(truncate, cancellationToken).ConfigureAwait(false), "click IP truncation set", truncate ? "on" : "off");
    }

    /// <summary>How each channel is paid (lower-case names; a channel not listed is paid per click).</summary>
    public async Task<IReadOnlyDictionary<string, Core.AdMonitoring.BuyingModel>> BuyingModelsAsync(CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken).ConfigureAwait(false))?.Value.BuyingModels ?? new Dictionary<string, Core.AdMonitoring.BuyingModel>();

    /// <summary>Sets how <paramref name="channel"/> is paid, or removes it (per click again) with null; invalid for an empty channel.</summary>
    public async Task<Outcome<IReadOnlyDictionary<string, Core.AdMonitoring.BuyingModel>>> SetBuyingModelAsync(
        string channel, Core.AdMonitoring.BuyingModel? model, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ManageSettings);
        var name = channel?.Trim().ToLowerInvariant() ?? "";
        if (name.Length == 0)
        {
            return Outcome<IReadOnlyDictionary<string, Core.AdMonitoring.BuyingModel>>.Invalid([Problem.Of("channel", CommonCodes.Required)]);
        }

        var current = await GetAsync(cancellationToken).ConfigureAwait(false);
        var value = current?.Value ?? WorkspaceSettings.Default;
        var models = new SortedDictionary<string, Core.AdMonitoring.BuyingModel>(
            value.BuyingModels?.ToDictionary() ?? [], StringComparer.Ordinal);
        if (model is { } m)
        {
            models[name] = m;
        }
        else
        {
            models.Remove(name);
        }

        IReadOnlyDictionary<string, Core.AdMonitoring.BuyingModel> set = models.ToDictionary(StringComparer.Ordinal);
        var commit = await documents.CommitAsync(
            [DocumentChange.Put(WorkspaceSettings.Document, value with { BuyingModels = set }, current?.Version ?? 0)], user, cancellationToken).ConfigureAwait(false);
        return log.Noted(
            commit.Committed ? Outcome<IReadOnlyDictionary<string, Core.AdMonitoring.BuyingModel>>.Ok(set) : Outcome<IReadOnlyDictionary<string, Core.AdMonitoring.BuyingModel>>.MovedMeanwhile(),
            "buying model set", name + " " + (model is { } w ? EnumWords.Word(w) : "cpc (default)"));
    }

    /// <summary>The workspace's language in effect (<see cref="WorkspaceSettings.EffectiveLanguage"/>).</summary>
    public async Task<string> LanguageAsync(CancellationToken cancellationToken) =>
        ((await GetAsync(cancellationToken).ConfigureAwait(false))?.Value ?? WorkspaceSettings.Default).EffectiveLanguage;

    /// <summary>The currency money is shown in (<see cref="WorkspaceSettings.EffectiveCurrency"/>).</summary>
    public async Task<string> CurrencyAsync(CancellationToken cancellationToken) =>
        ((await GetAsync(cancellationToken).ConfigureAwait(false))?.Value ?? WorkspaceSettings.Default).EffectiveCurrency;

    /// <summary>
    /// Sets the workspace's language, or clears it (English) with null; invalid (<see cref="SettingsLanguageCodes.UnknownLanguage"/>)
    /// for one Mercato does not speak.
    /// </summary>
    public async Task<Outcome<string>> SetLanguageAsync(string? language, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ManageSettings);
        string? chosen = null;
        if (!string.IsNullOrWhiteSpace(language))
        {
            if (!Languages.TryNormalize(language, out var normalized))
            {
                return Outcome<string>.Invalid([Problem.Of("language", SettingsLanguageCodes.UnknownLanguage, ("value", language), ("expected", Languages.All.ToArray()))]);
            }

            chosen = normalized;
        }

        var set = await ChangeAsync(s => s with { Language = chosen }, cancellationToken).ConfigureAwait(false);
        return log.Noted(set is { } v ? Outcome<string>.Ok(v.EffectiveLanguage) : Outcome<string>.MovedMeanwhile(), "language set", chosen ?? "default");
    }

    /// <summary>
    /// Sets the currency money is shown in (an ISO 4217 code), or clears it with null (CNY for a Chinese workspace, else
    /// USD); invalid (<see cref="SettingsLanguageCodes.UnknownCurrency"/>) for anything else. Amounts are not converted:
    /// the data is in the workspace's one currency, this names it.
    /// </summary>
    public async Task<Outcome<string>> SetCurrencyAsync(string? currency, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ManageSettings);
        string? chosen = null;
        if (!string.IsNullOrWhiteSpace(currency))
        {
            if (!Currencies.TryNormalize(currency, out var normalized))
            {
                return Outcome<string>.Invalid([Problem.Of("currency", SettingsLanguageCodes.UnknownCurrency, ("value", currency))]);
            }

            chosen = normalized;
        }

        var set = await ChangeAsync(s => s with { Currency = chosen }, cancellationToken).ConfigureAwait(false);
        return log.Noted(set is { } v ? Outcome<string>.Ok(v.EffectiveCurrency) : Outcome<string>.MovedMeanwhile(), "currency set", chosen ?? "default");
    }

    private async Task<WorkspaceSettings?> ChangeAsync(Func<WorkspaceSettings, WorkspaceSettings> change, CancellationToken cancellationToken)
    {
        var current = await GetAsync(cancellationToken).ConfigureAwait(false);
        var settings = change(current?.Value ?? WorkspaceSettings.Default);
        var commit = await documents.CommitAsync([DocumentChange.Put(WorkspaceSettings.Document, settings, current?.Version ?? 0)], user, cancellationToken)
            .ConfigureAwait(false);
        return commit.Committed ? settings : null;
    }

    private async Task<Outcome<bool>> SetTruncateClickIpsCoreAsync(bool truncate, CancellationToken cancellationToken)
    {
        var current = await GetAsync(cancellationToken).ConfigureAwait(false);
        var settings = (current?.Value ?? WorkspaceSettings.Default) with { TruncateClickIps = truncate };
        var commit = await documents.CommitAsync([DocumentChange.Put(WorkspaceSettings.Document, settings, current?.Version ?? 0)], user, cancellationToken)
            .ConfigureAwait(false);
        return commit.Committed ? Outcome<bool>.Ok(truncate) : Outcome<bool>.MovedMeanwhile();
    }

    private async Task<Outcome<TimeZoneInfo>> SetTimeZoneCoreAsync(string zoneId, CancellationToken cancellationToken)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId?.Trim() ?? "", out var zone))
        {
            return Outcome<TimeZoneInfo>.Invalid([Problem.Of("timeZone", SettingsCodes.UnknownTimeZone, ("value", zoneId))]);
        }

        var current = await GetAsync(cancellationToken).ConfigureAwait(false);
        var settings = (current?.Value ?? WorkspaceSettings.Default) with { TimeZone = zone.Id };
        var commit = await documents.CommitAsync([DocumentChange.Put(WorkspaceSettings.Document, settings, current?.Version ?? 0)], user, cancellationToken)
            .ConfigureAwait(false);
        return commit.Committed ? Outcome<TimeZoneInfo>.Ok(zone) : Outcome<TimeZoneInfo>.MovedMeanwhile();
    }
}

/// <summary>The codes of the workspace settings.</summary>
public static class SettingsCodes
{
    /// <summary>A time zone (<c>value</c>) this machine does not know.</summary>
    public const string UnknownTimeZone = "unknown_time_zone";

    /// <summary>A channel named without the buying model to give it.</summary>
    public const string BuyingModelRequired = "buying_model_required";
}

/// <summary>The codes of the languages and the currency.</summary>
public static class SettingsLanguageCodes
{
    /// <summary>A language (<c>value</c>) Mercato does not speak; <c>expected</c> lists those it does.</summary>
    public const string UnknownLanguage = "unknown_language";

    /// <summary>A currency (<c>value</c>) that is not an ISO 4217 code.</summary>
    public const string UnknownCurrency = "unknown_currency";

    /// <summary>A notice: the language asked for (<c>value</c>) is not spoken; the one shown instead is <c>language</c> (its name).</summary>
    public const string LanguageFellBack = "language_fell_back";
}
