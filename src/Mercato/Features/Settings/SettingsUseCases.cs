namespace Mercato.Features.Settings;

/// <summary>The workspace's settings (the time zone its days are local to), for every front door.</summary>
public sealed class SettingsUseCases(IDocumentStore documents, ICurrentUser user, OutcomeLog log)
{
    /// <summary>The workspace settings; the defaults when none are saved.</summary>
    public async Task<Versioned<WorkspaceSettings>?> GetAsync(CancellationToken cancellationToken) =>
        await documents.GetAsync(WorkspaceSettings.Document, WorkspaceSettings.Id, cancellationToken).ConfigureAwait(false);

    /// <summary>The workspace time zone: a date without a time means midnight there. UTC unless set.</summary>
    public async Task<TimeZoneInfo> ZoneAsync(CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken).ConfigureAwait(false))?.Value.Zone ?? TimeZoneInfo.Utc;

    /// <summary>Sets the time zone; invalid (<see cref="SettingsCodes.UnknownTimeZone"/>) when this machine does not know it.</summary>
    public async Task<Outcome<TimeZoneInfo>> SetTimeZoneAsync(string zoneId, CancellationToken cancellationToken) =>
        log.Noted(await SetTimeZoneCoreAsync(zoneId, cancellationToken).ConfigureAwait(false), "time zone set", zoneId);

    private async Task<Outcome<TimeZoneInfo>> SetTimeZoneCoreAsync(string zoneId, CancellationToken cancellationToken)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId?.Trim() ?? "", out var zone))
        {
            return Outcome<TimeZoneInfo>.Invalid([Problem.Of("timeZone", SettingsCodes.UnknownTimeZone, ("value", zoneId))]);
        }

        var current = await GetAsync(cancellationToken).ConfigureAwait(false);
        var settings = (current?.Value ?? WorkspaceSettings.Default) with { TimeZone = zone.Id };
        var commit = await documents.CommitAsync([DocumentChange.Put(WorkspaceSettings.Document, settings, current?.Version ?? 0)], user.Name, cancellationToken)
            .ConfigureAwait(false);
        return commit.Committed ? Outcome<TimeZoneInfo>.Ok(zone) : Outcome<TimeZoneInfo>.MovedMeanwhile();
    }
}

/// <summary>The codes of the workspace settings.</summary>
public static class SettingsCodes
{
    /// <summary>A time zone (<c>value</c>) this machine does not know.</summary>
    public const string UnknownTimeZone = "unknown_time_zone";
}
