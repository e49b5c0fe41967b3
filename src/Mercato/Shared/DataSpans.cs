using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;

namespace Mercato.Shared;

/// <summary>
/// The first and last local day with spend, a touchpoint or a conversion (<see cref="ICampaignFactReader.DataDaysAsync"/>:
/// MIN/MAX scans of those tables, about a second on the large demo), kept as a figure until one of those kinds changes.
/// The default windows of the brand board and the ad-monitoring pages end on its last day; in a page view the last span
/// may answer while the next is read, so that the first live event of a day does not make every such figure new at once
/// (each page states the window its figures are of).
/// </summary>
public sealed class DataSpans(ICampaignFactReader facts, DataVersionCache cache)
{
    /// <summary>The span of the facts in <paramref name="zone"/>'s local days; null when the store holds none.</summary>
    public async Task<DateRange?> DaysAsync(TimeZoneInfo zone, CancellationToken cancellationToken) =>
        (await cache.FigureAsync("data days", zone, [DataKinds.Spend, DataKinds.Touchpoints, DataKinds.Conversions], async () => new Span(await facts.DataDaysAsync(zone, cancellationToken).ConfigureAwait(false)),
            cancellationToken).ConfigureAwait(false)).Days;

    private sealed record Span(DateRange? Days);
}
