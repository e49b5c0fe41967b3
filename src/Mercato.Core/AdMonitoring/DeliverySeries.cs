namespace Mercato.Core.AdMonitoring;

/// <summary>The store's delivery of one day, channel and campaign code (spend rows summed).</summary>
/// <param name="Day">The local day.</param>
/// <param name="Channel">The channel's name, lower-cased.</param>
/// <param name="Code">The campaign code the rows carry, or null.</param>
/// <param name="Spend">Σ spend.</param>
/// <param name="Impressions">Σ impressions (missing counts 0).</param>
/// <param name="Clicks">Σ clicks (missing counts 0).</param>
/// <param name="Conversions">Σ conversions the platform reported (missing counts 0).</param>
public sealed record DeliveryRow(DateOnly Day, string Channel, string? Code, decimal Spend, long Impressions, long Clicks, long Conversions = 0);

/// <summary>One watched series: a channel's or a campaign's delivery per day over a window.</summary>
/// <param name="Scope"><c>channel:{name}</c> or <c>campaign:{id}</c>.</param>
/// <param name="Days">One entry per day of the window, in order (zero where nothing was delivered).</param>
public sealed record DeliveryScope(string Scope, IReadOnlyList<DeliveryDay> Days);

/// <summary>Turns the store's delivery rows into the daily series the detectors watch.</summary>
public static class DeliverySeries
{
    /// <summary>
    /// Per channel (every channel with a row in the window) and per campaign (its codes' rows, whatever the channel), the
    /// window's days in order with zeros where nothing was delivered; channels first, then campaigns, each by name.
    /// Conversions are the platform's (the spend rows' optional column; 0 where a row has none).
    /// </summary>
    /// <param name="rows">The store's rows of the window.</param>
    /// <param name="window">The days.</param>
    /// <param name="campaignOfCode">The campaign id of a code (exact), for the campaigns watched.</param>
    /// <returns>The series.</returns>
    public static IReadOnlyList<DeliveryScope> Build(IEnumerable<DeliveryRow> rows, DateRange window, IReadOnlyDictionary<string, string> campaignOfCode)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(campaignOfCode);
        var length = window.End.DayNumber - window.Start.DayNumber + 1;
        var series = new SortedDictionary<string, DeliveryDay[]>(StringComparer.Ordinal);
        void Add(string scope, int i, DeliveryRow r)
        {
            if (!series.TryGetValue(scope, out var days))
            {
                series[scope] = days = new DeliveryDay[length];
            }

            var d = days[i];
            days[i] = new DeliveryDay(d.Spend + r.Spend, d.Impressions + r.Impressions, d.Clicks + r.Clicks, d.Conversions + r.Conversions);
        }

        foreach (var r in rows)
        {
            var i = r.Day.DayNumber - window.Start.DayNumber;
            if (i < 0 || i >= length)
            {
                continue;
            }

            Add("channel:" + r.Channel, i, r);
            if (r.Code is { } code && campaignOfCode.TryGetValue(code, out var campaign))
            {
                Add("campaign:" + campaign, i, r);
            }
        }

        return
        [
            .. series.Where(s => s.Key.StartsWith("channel:", StringComparison.Ordinal)).Select(s => new DeliveryScope(s.Key, s.Value)),
            .. series.Where(s => s.Key.StartsWith("campaign:", StringComparison.Ordinal)).Select(s => new DeliveryScope(s.Key, s.Value)),
        ];
    }
}
