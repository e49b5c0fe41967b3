namespace Mercato.Core.AdMonitoring;

/// <summary>The click log of one day and channel: clicks logged and of them flagged by a rule.</summary>
/// <param name="Day">The local day.</param>
/// <param name="Channel">The channel (as the verdicts name it).</param>
/// <param name="Logged">Clicks in the log.</param>
/// <param name="Flagged">Of them, flagged by any rule.</param>
public sealed record ClickDay(DateOnly Day, string Channel, long Logged, long Flagged);

/// <summary>A delivery anomaly of a channel over some days, for marking them (<see cref="DeliveryAnomalies"/>).</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Metric">The metric that moved.</param>
/// <param name="Start">Its first day.</param>
/// <param name="End">Its last day.</param>
public sealed record AnomalySpan(string Channel, DeliveryMetric Metric, DateOnly Start, DateOnly End);

/// <summary>One day of a channel's health.</summary>
/// <param name="Day">The day.</param>
/// <param name="Spend">Σ spend of the spend rows.</param>
/// <param name="Impressions">Σ impressions.</param>
/// <param name="Clicks">Σ clicks the platform reported.</param>
/// <param name="Conversions">Σ conversions the platform reported (0 where rows have none).</param>
/// <param name="Cpc">Spend ÷ clicks, to 4 decimals; null without clicks.</param>
/// <param name="Ctr">Clicks ÷ impressions; null without impressions.</param>
/// <param name="Cvr">Conversions ÷ clicks; null without clicks or when the channel's rows carry no conversions in the window.</param>
/// <param name="Logged">Clicks in the click log; null when the log has none of the channel that day.</param>
/// <param name="Flagged">Of them, flagged invalid; null when not logged.</param>
/// <param name="InvalidShare">Flagged ÷ logged; null (absent, not 0) when the log has no click of the channel that day.</param>
/// <param name="Anomalies">The metrics with a delivery anomaly running that day (in the metric order); empty for none.</param>
public sealed record HealthDay(
    DateOnly Day, decimal Spend, long Impressions, long Clicks, long Conversions, decimal? Cpc, double? Ctr, double? Cvr, long? Logged, long? Flagged,
    double? InvalidShare, IReadOnlyList<DeliveryMetric> Anomalies);

/// <summary>One channel's daily health over a window.</summary>
/// <param name="Channel">The channel (lower-cased).</param>
/// <param name="HasConversions">Whether its spend rows carry conversions in the window (else CVR is absent every day).</param>
/// <param name="Days">Every day of the window, in order.</param>
public sealed record ChannelHealthSeries(string Channel, bool HasConversions, IReadOnlyList<HealthDay> Days);

/// <summary>
/// Channel health over time: per channel and day, spend, CPC = spend ÷ clicks, CTR = clicks ÷ impressions, CVR =
/// conversions ÷ clicks (the platform's counts from the spend rows) and the invalid share = flagged clicks ÷ logged
/// clicks (the click log, judged by <see cref="InvalidTraffic"/>), with the days a delivery anomaly runs marked. A ratio
/// whose divisor is 0 is absent (null), never 0; so is the invalid share of a day the log has no click of the channel.
/// </summary>
public static class ChannelHealth
{
    /// <summary>Logged and flagged clicks per local day and channel of <paramref name="verdicts"/>, by day then channel.</summary>
    public static IReadOnlyList<ClickDay> ClickDays(IEnumerable<ClickVerdict> verdicts, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        ArgumentNullException.ThrowIfNull(zone);
        var counts = new Dictionary<(DateOnly, string), (long Logged, long Flagged)>();
        foreach (var v in verdicts)
        {
            var key = (LocalTime.DayOf(v.Click.Timestamp, zone), v.Click.Channel);
            var (logged, flagged) = counts.GetValueOrDefault(key);
            counts[key] = (logged + 1, flagged + (v.IsInvalid ? 1 : 0));
        }

        return [.. counts.Select(kv => new ClickDay(kv.Key.Item1, kv.Key.Item2, kv.Value.Logged, kv.Value.Flagged))
            .OrderBy(d => d.Day).ThenBy(d => d.Channel, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The series of every channel with a spend row or a logged click in <paramref name="window"/> (or of
    /// <paramref name="channel"/> alone when given, even without data), by name; rows, clicks and anomalies outside the
    /// window are ignored.
    /// </summary>
    /// <param name="rows">The spend rows summed per day, channel and code.</param>
    /// <param name="window">The days.</param>
    /// <param name="clicks">The click log per day and channel.</param>
    /// <param name="anomalies">The channels' delivery anomalies.</param>
    /// <param name="channel">Only this channel (compared lower-cased); null for all.</param>
    public static IReadOnlyList<ChannelHealthSeries> Build(
        IEnumerable<DeliveryRow> rows, DateRange window, IEnumerable<ClickDay> clicks, IEnumerable<AnomalySpan> anomalies, string? channel = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(clicks);
        ArgumentNullException.ThrowIfNull(anomalies);
        var only = string.IsNullOrWhiteSpace(channel) ? null : channel.Trim().ToLowerInvariant();
        bool Wanted(string c) => only is null || c == only;
        bool Inside(DateOnly d) => d >= window.Start && d <= window.End;
        var length = window.End.DayNumber - window.Start.DayNumber + 1;
        var delivery = new SortedDictionary<string, DeliveryDay[]>(StringComparer.Ordinal);
        DeliveryDay[] Of(string c) => delivery.TryGetValue(c, out var d) ? d : delivery[c] = new DeliveryDay[length];
        if (only is not null)
        {
            Of(only);
        }

        foreach (var r in rows.Where(r => Inside(r.Day) && Wanted(r.Channel.ToLowerInvariant())))
        {
            var days = Of(r.Channel.ToLowerInvariant());
            var i = r.Day.DayNumber - window.Start.DayNumber;
            var d = days[i];
            days[i] = new DeliveryDay(d.Spend + r.Spend, d.Impressions + r.Impressions, d.Clicks + r.Clicks, d.Conversions + r.Conversions);
        }

        var logged = new Dictionary<(string, DateOnly), ClickDay>();
        foreach (var c in clicks.Where(c => Inside(c.Day) && Wanted(c.Channel.ToLowerInvariant())))
        {
            var name = c.Channel.ToLowerInvariant();
            Of(name);
            var key = (name, c.Day);
            logged[key] = logged.TryGetValue(key, out var had) ? had with { Logged = had.Logged + c.Logged, Flagged = had.Flagged + c.Flagged } : c;
        }

        var marks = anomalies.Select(a => a with { Channel = a.Channel.ToLowerInvariant() }).ToList();
        return
        [
            .. delivery.Select(kv =>
            {
                var name = kv.Key;
                var days = kv.Value;
                var converts = days.Any(d => d.Conversions > 0);
                return new ChannelHealthSeries(name, converts,
                [
                    .. days.Select((d, i) =>
                    {
                        var day = window.Start.AddDays(i);
                        var log = logged.GetValueOrDefault((name, day));
                        return new HealthDay(
                            day, d.Spend, d.Impressions, d.Clicks, d.Conversions,
                            d.Clicks > 0 ? decimal.Round(d.Spend / d.Clicks, 4, MidpointRounding.AwayFromZero) : null,
                            d.Impressions > 0 ? (double)d.Clicks / d.Impressions : null,
                            converts && d.Clicks > 0 ? (double)d.Conversions / d.Clicks : null,
                            log?.Logged, log?.Flagged, log is { Logged: > 0 } l ? (double)l.Flagged / l.Logged : null,
                            [.. marks.Where(a => a.Channel == name && a.Start <= day && day <= a.End).Select(a => a.Metric).Distinct().Order()]);
                    }),
                ]);
            }),
        ];
    }
}
