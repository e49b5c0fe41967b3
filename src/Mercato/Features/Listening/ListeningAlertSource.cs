using Mercato.Core.Alerts;
using Mercato.Core.Listening;
using Mercato.Features.Settings;

namespace Mercato.Features.Listening;

/// <summary>The alert center's listening source: Core's <see cref="ListeningAlerts"/> over the stored mentions of the last weeks.</summary>
public sealed class ListeningAlertSource(IMentionStore mentions, WatchListUseCases watch, SettingsUseCases settings) : IAlertSource
{
    /// <inheritdoc/>
    public string Name => "listening";

    /// <inheritdoc/>
    public async Task<IReadOnlyList<AlertCandidate>> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var list = (await watch.StoredAsync(cancellationToken).ConfigureAwait(false)).Value;
        var hourly = await mentions.HourlyAsync(now.AddDays(-ListeningAlerts.HistoryDays - 1), now.AddHours(1), cancellationToken).ConfigureAwait(false);
        return ListeningAlerts.Find(hourly, list, now, zone);
    }
}
