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

/// <summary>The store's delivery of one local hour of one day, channel and campaign code (the spend rows given by timestamp, summed).</summary>
/// <param name="Day">The local day.</param>
/// <param name="Hour">The local hour, 0–23.</param>
/// <param name="Channel">The channel's name, lower-cased.</param>
/// <param name="Code">The campaign code the rows carry, or null.</param>
/// <param name="Spend">Σ spend.</param>
/// <param name="Impressions">Σ impressions (missing counts 0).</param>
/// <param name="Clicks">Σ clicks (missing counts 0).</param>
/// <param name="Conversions">Σ conversions the platform reported (missing counts 0).</param>
public sealed record HourlyDeliveryRow(DateOnly Day, int Hour, string Channel, string? Code, decimal Spend, long Impressions, long Clicks, long Conversions = 0);

/// <summary>One watched hourly series: a channel's or a campaign's delivery per local hour.</summary>
/// <param name="Scope"><c>channel:{name}</c> or <c>campaign:{id}</c>.</param>
/// <param name="First">The day of the first hour: the first day of the window on which the scope has an hourly row.</param>
/// <param name="Hours">24 entries a day from <paramref name="First"/> to the window's end, hour 0 first (zero where nothing was delivered).</param>
public sealed record HourlyScope(string Scope, DateOnly First, IReadOnlyList<DeliveryDay> Hours)
{
    /// <summary>The local day and hour of point <paramref name="index"/>.</summary>
    public (DateOnly Day, int Hour) At(int index) => (First.AddDays(index / 24), index % 24);
}

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

    /// <summary>
    /// The hourly series of the same scopes from the rows that have an hour: per channel and per campaign, 24 points a
    /// local day from the first day the scope has an hourly row (its earlier days are not zeros but unknown: a scope
    /// reported daily before it was reported hourly) to the window's end, zeros where nothing was delivered; channels
    /// first, then campaigns, each by name. Hours are local clock hours: on a day that skips an hour for daylight saving
    /// that hour holds zero, and a repeated hour holds both.
    /// </summary>
    /// <param name="rows">The store's hourly rows of the window.</param>
    /// <param name="window">The days.</param>
    /// <param name="campaignOfCode">The campaign id of a code (exact), for the campaigns watched.</param>
    /// <returns>The series.</returns>
    public static IReadOnlyList<HourlyScope> BuildHourly(IEnumerable<HourlyDeliveryRow> rows, DateRange window, IReadOnlyDictionary<string, string> campaignOfCode)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(campaignOfCode);
        var length = window.End.DayNumber - window.Start.DayNumber + 1;
        var series = new SortedDictionary<string, DeliveryDay[]>(StringComparer.Ordinal);
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(string scope, int day, int hour, HourlyDeliveryRow r)
        {
            if (!series.TryGetValue(scope, out var hours))
            {
                series[scope] = hours = new DeliveryDay[length * 24];
                first[scope] = day;
            }

            first[scope] = Math.Min(first[scope], day);
            var i = (day * 24) + hour;
            var d = hours[i];
            hours[i] = new DeliveryDay(d.Spend + r.Spend, d.Impressions + r.Impressions, d.Clicks + r.Clicks, d.Conversions + r.Conversions);
        }

        foreach (var r in rows)
        {
            var day = r.Day.DayNumber - window.Start.DayNumber;
            if (day < 0 || day >= length || r.Hour is < 0 or > 23)
            {
                continue;
            }

            Add("channel:" + r.Channel, day, r.Hour, r);
            if (r.Code is { } code && campaignOfCode.TryGetValue(code, out var campaign))
            {
                Add("campaign:" + campaign, day, r.Hour, r);
            }
        }

        HourlyScope Scope(KeyValuePair<string, DeliveryDay[]> s) =>
            new(s.Key, window.Start.AddDays(first[s.Key]), s.Value[(first[s.Key] * 24)..]);
        return
        [
            .. series.Where(s => s.Key.StartsWith("channel:", StringComparison.Ordinal)).Select(Scope),
            .. series.Where(s => s.Key.StartsWith("campaign:", StringComparison.Ordinal)).Select(Scope),
        ];
    }
}
