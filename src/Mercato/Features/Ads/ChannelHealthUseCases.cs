using System.Globalization;
using Mercato.Core.Access;
using Mercato.Core.AdMonitoring;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Features.Access;
using Mercato.Features.Settings;

namespace Mercato.Features.Ads;

/// <summary>Channel health over a window: each channel's daily series (docs/ads.md, Channel health over time).</summary>
/// <param name="From">First day.</param>
/// <param name="To">Last day.</param>
/// <param name="Channel">The channel asked for (lower-cased), or null for every channel with data.</param>
/// <param name="ClickLog">Whether the click log holds any click of the window (else every invalid share is absent).</param>
/// <param name="Channels">One series per channel, by name.</param>
public sealed record ChannelHealthReport(DateOnly From, DateOnly To, string? Channel, bool ClickLog, IReadOnlyList<ChannelHealthSeries> Channels);

/// <summary>
/// Channel health over time for every front door: per channel and day, spend, CPC, CTR and CVR from the spend rows,
/// the invalid share from the stored click log (<see cref="InvalidTrafficUseCases"/>), and the days with a delivery
/// anomaly (<see cref="AdUseCases.AnomaliesAsync"/> over the window with the anomaly scan's usual history before it),
/// assembled by Core's <see cref="ChannelHealth"/>. It needs <see cref="Permission.ReadReports"/>.
/// </summary>
public sealed class ChannelHealthUseCases(
    AdUseCases ads, InvalidTrafficUseCases invalid, ICampaignFactReader facts, IFactCatalog catalog, SettingsUseCases settings, AccessGuard guard,
    DataVersionCache cache, TimeProvider time)
{
    /// <summary>The default window, in days (ending on the ad pages' default day).</summary>
    public const int DefaultDays = 30;

    /// <summary>The longest window, in days.</summary>
    public const int MaxDays = 92;

    /// <summary>
    /// The health of every channel with data over <paramref name="from"/>..<paramref name="to"/> (default: the
    /// <see cref="DefaultDays"/> days ending yesterday or on the last day with data), or of <paramref name="channel"/>.
    /// Invalid for a window given by one end, reversed or longer than <see cref="MaxDays"/>, and for a channel the
    /// catalog does not know (<c>not_one_of</c>).
    /// </summary>
    public async Task<Outcome<ChannelHealthReport>> HealthAsync(DateOnly? from, DateOnly? to, string? channel, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        var given = DayWindows.Given(from, to, MaxDays);
        if (!given.IsOk)
        {
            return Outcome<ChannelHealthReport>.Invalid(given.Problems);
        }

        string? only = null;
        if (!string.IsNullOrWhiteSpace(channel))
        {
            var known = (await catalog.ChannelsAsync(cancellationToken).ConfigureAwait(false)).Select(c => c.Name.ToLowerInvariant()).Order(StringComparer.Ordinal).ToList();
            only = channel.Trim().ToLowerInvariant();
            if (!known.Contains(only))
            {
                return Outcome<ChannelHealthReport>.Invalid([Problem.Of("channel", CommonCodes.NotOneOf, ("value", channel), ("expected", known))]);
            }
        }

        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        // A figure (DataVersionCache.FigureAsync) of the facts alone; the default window moves with the day, in the key.
        var key = string.Create(CultureInfo.InvariantCulture, $"channel health {given.Value} {only} {LocalTime.Today(time, zone)}");
        return Outcome<ChannelHealthReport>.Ok(await cache.FigureAsync(key, zone, async () =>
        {
            var window = given.Value ?? Ending(await ads.DefaultDayAsync(zone, cancellationToken).ConfigureAwait(false));
            var rows = await facts.DeliveryAsync(window, cancellationToken).ConfigureAwait(false);
            var clicks = await invalid.ClickDaysAsync(window, only, zone, cancellationToken).ConfigureAwait(false);
            var found = await ads.DeliveryAnomaliesAsync(window.Start.AddDays(1 - AdUseCases.DeliveryDays), window.End, cancellationToken).ConfigureAwait(false);
            var anomalies = (found.Value?.Anomalies ?? [])
                .Where(a => a.Scope.StartsWith("channel:", StringComparison.Ordinal))
                .Select(a => new AnomalySpan(a.Scope["channel:".Length..], a.Metric, a.Start, a.End));
            return new ChannelHealthReport(window.Start, window.End, only, clicks.Count > 0, ChannelHealth.Build(rows, window, clicks, anomalies, only));
        }, cancellationToken).ConfigureAwait(false));
    }

    private static DateRange Ending(DateOnly last) => new(last.AddDays(1 - DefaultDays), last);
}
