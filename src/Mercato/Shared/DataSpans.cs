using Mercato.Core.Campaigns;

namespace Mercato.Shared;

/// <summary>
/// The first and last local day holding any fact (<see cref="ICampaignFactReader.DataDaysAsync"/>: MIN/MAX scans of every
/// fact table, about a second on the large demo), kept as a figure until the data changes. The default windows of the
/// brand board and the ad-monitoring pages end on its last day; in a page view the last span may answer while the next
/// is read, so that the first live event of a day does not make every such figure new at once (a window never computed
/// is waited for, and each page states the window its figures are of).
/// </summary>
public sealed class DataSpans(ICampaignFactReader facts, DataVersionCache cache)
{
    /// <summary>The span of the facts in <paramref name="zone"/>'s local days; null when the store holds none.</summary>
    public async Task<DateRange?> DaysAsync(TimeZoneInfo zone, CancellationToken cancellationToken) =>
        (await cache.FigureAsync("data days", zone, async () => new Span(await facts.DataDaysAsync(zone, cancellationToken).ConfigureAwait(false)),
            cancellationToken).ConfigureAwait(false)).Days;

    private sealed record Span(DateRange? Days);
}
