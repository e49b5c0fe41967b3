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
