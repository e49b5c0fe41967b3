using System.Globalization;
using Mercato.Core.Alerts;

namespace Mercato.Core.AdMonitoring;

/// <summary>When a day's invalid traffic becomes an alert (<see cref="InvalidTrafficAlert"/>).</summary>
public sealed record InvalidTrafficAlertOptions
{
    /// <summary>The invalid share of a day's clicks that alerts (10%).</summary>
    public double MinShare { get; init; } = 0.10;

    /// <summary>The invalid clicks a day must hold to alert (50): a few flagged clicks of a small channel are no finding.</summary>
    public long MinInvalidClicks { get; init; } = 50;

    /// <summary>The share of its channel's invalid clicks a placement must exceed to dominate it (half).</summary>
    public double DominantShare { get; init; } = 0.5;

    /// <summary>The invalid share that makes the alert severe (25%).</summary>
    public double SevereShare { get; init; } = 0.25;

    /// <summary>The days before the day judged that give the usual share and the start of the run (7).</summary>
    public int BaselineDays { get; init; } = 7;
}

/// <summary>
/// The alert center's invalid-traffic findings for one complete day. A scope (a channel, or a placement of a channel)
/// <b>passes</b> a day when its invalid share (flagged clicks ÷ clicks, by every rule of <see cref="InvalidTraffic"/>)
/// reaches <see cref="InvalidTrafficAlertOptions.MinShare"/> and it has at least
/// <see cref="InvalidTrafficAlertOptions.MinInvalidClicks"/> flagged clicks. A channel that passes the day judged is an
/// alert; a placement that passes it and holds more than <see cref="InvalidTrafficAlertOptions.DominantShare"/> of its
/// channel's flagged clicks that day is an alert of its own (the placement is what to exclude or claim against). Each
/// says what moved (the share, by which rules, GIVT and SIVT), how far from the scope's usual share (Σ flagged ÷ Σ clicks
/// over the <see cref="InvalidTrafficAlertOptions.BaselineDays"/> days before; score = the difference in percentage
/// points), since when (the first day of the run of consecutive passing days ending on the day judged, looking back at
/// most the baseline days) and the money at risk (<see cref="InvalidTrafficSummaries.Summarize"/> by the channel's buying
/// model; a placement's part of its channel's money at risk is in proportion to its flagged clicks, or flagged installs
/// per install). Kind <c>invalid_traffic</c>, owned by <see cref="DeliveryAnomalies.OwnerFunction"/>, severe from
/// <see cref="InvalidTrafficAlertOptions.SevereShare"/>, keyed <c>invalid_traffic:channel:{channel}:{day}</c> or
/// <c>invalid_traffic:placement:{channel}:{placement}:{day}</c>: one alert per scope and day judged, however often the
/// center evaluates.
/// </summary>
public static class InvalidTrafficAlert
{
    /// <summary>The measure the evidence names.</summary>
    public const string Measure = "invalid click share";

    /// <summary>
    /// The findings of <paramref name="day"/> from <paramref name="report"/>, the verdicts of a click log that covers the
    /// day and the baseline days before it (scanned together, so the rules saw the same history).
    /// </summary>
    /// <param name="report">The verdicts (clicks of other days are the baseline; later ones are ignored).</param>
    /// <param name="day">The day judged (a complete local day).</param>
    /// <param name="zone">The workspace zone the clicks' days are read in.</param>
    /// <param name="spend">Each channel's spend on <paramref name="day"/>; null or missing for none (no money at risk).</param>
    /// <param name="pricing">Each channel's buying model; a channel not given is paid per click.</param>
    /// <param name="options">The thresholds; null for the defaults.</param>
    /// <returns>Channel alerts first, then placement alerts, each by name.</returns>
    public static IReadOnlyList<AlertCandidate> Find(
        InvalidTrafficReport report, DateOnly day, TimeZoneInfo zone, IReadOnlyDictionary<string, decimal>? spend = null,
        IReadOnlyDictionary<string, BuyingModel>? pricing = null, InvalidTrafficAlertOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(zone);
        options ??= new InvalidTrafficAlertOptions();
        var byDay = report.Verdicts.GroupBy(v => LocalTime.DayOf(v.Click.Timestamp, zone)).ToDictionary(g => g.Key, g => new InvalidTrafficReport([.. g], [], []));
        if (!byDay.TryGetValue(day, out var judged))
        {
            return [];
        }

        var spendKeys = spend?.ToDictionary(kv => new TrafficKey(kv.Key), kv => kv.Value);
        var channels = InvalidTrafficSummaries.Summarize(judged, TrafficLevel.Channel, spendKeys, pricing).Where(r => r.Clicks > 0).ToList();
        var placements = InvalidTrafficSummaries.Summarize(judged, TrafficLevel.Placement, null, pricing).Where(r => r.Key.Placement is not null).ToList();

        // The baseline days' rows per key, at both levels.
        var before = new Dictionary<TrafficKey, TrafficSummary>[options.BaselineDays];
        for (var i = 0; i < options.BaselineDays; i++)
        {
            before[i] = byDay.TryGetValue(day.AddDays(-1 - i), out var r)
                ? InvalidTrafficSummaries.Summarize(r, TrafficLevel.Channel).Concat(InvalidTrafficSummaries.Summarize(r, TrafficLevel.Placement)).ToDictionary(s => s.Key)
                : [];
        }

        bool Passes(TrafficSummary s) => s.InvalidClicks >= options.MinInvalidClicks && s.InvalidShare >= options.MinShare;

        var found = new List<AlertCandidate>();
        foreach (var c in channels.Where(Passes).OrderBy(c => c.Key.Channel, StringComparer.Ordinal))
        {
            var dominant = placements.Where(p => p.Key.Channel == c.Key.Channel).OrderByDescending(p => p.InvalidClicks).ThenBy(p => p.Key.Placement, StringComparer.Ordinal)
                .FirstOrDefault(p => p.InvalidClicks > options.DominantShare * c.InvalidClicks);
            found.Add(Candidate(c, c.MoneyAtRisk, dominant?.Key.Placement));
        }

        foreach (var p in placements.Where(Passes).OrderBy(p => p.Key.Channel, StringComparer.Ordinal).ThenBy(p => p.Key.Placement, StringComparer.Ordinal))
        {
            var c = channels.First(c => c.Key.Channel == p.Key.Channel);
            if (p.InvalidClicks <= options.DominantShare * c.InvalidClicks)
            {
                continue;
            }

            var (part, whole) = c.Pricing == BuyingModel.Cpi ? (p.InvalidInstalls, c.InvalidInstalls) : (p.InvalidClicks, c.InvalidClicks);
            var risk = c.MoneyAtRisk is { } m && whole > 0 ? decimal.Round(m * part / whole, 2, MidpointRounding.AwayFromZero) : (decimal?)null;
            found.Add(Candidate(p with { Spend = null, MoneyAtRisk = risk, Pricing = c.Pricing }, risk, null));
        }

        return found;

        AlertCandidate Candidate(TrafficSummary s, decimal? risk, string? dominant)
        {
            long usualClicks = 0, usualInvalid = 0;
            var since = day;
            var peak = (Day: day, Share: s.InvalidShare);
            var running = true;
            for (var i = 0; i < options.BaselineDays; i++)
            {
                var row = before[i].GetValueOrDefault(s.Key);
                usualClicks += row?.Clicks ?? 0;
                usualInvalid += row?.InvalidClicks ?? 0;
                running &= row is not null && Passes(row);
                if (running)
                {
                    since = day.AddDays(-1 - i);
                    if (row!.InvalidShare > peak.Share)
                    {
                        peak = (since, row.InvalidShare);
                    }
                }
            }

            double? usual = usualClicks > 0 ? (double)usualInvalid / usualClicks : null;
            string Text(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
            string Count(long v) => v.ToString(CultureInfo.InvariantCulture);
            var scope = s.Key.Placement is { } pl ? s.Key.Channel + " / " + pl : s.Key.Channel;
            var key = s.Key.Placement is { } placement
                ? string.Create(CultureInfo.InvariantCulture, $"invalid_traffic:placement:{s.Key.Channel}:{placement}:{day:yyyy-MM-dd}")
                : string.Create(CultureInfo.InvariantCulture, $"invalid_traffic:channel:{s.Key.Channel}:{day:yyyy-MM-dd}");
            var details = new List<KeyValuePair<string, string>>
            {
                new("day", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                new("clicks", Count(s.Clicks)),
                new("invalid_clicks", Count(s.InvalidClicks)),
                new("givt", Count(s.GeneralInvalid)),
                new("sivt", Count(s.SophisticatedInvalid)),
                new("rules", string.Join("; ", s.ByRule.Select(r => r.Key + "=" + Count(r.Value)))),
                new("usual_share", usual is { } u ? Text(u) : ""),
                new("usual_clicks", Count(usualClicks)),
                new("since", since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                new("buying_model", EnumWords.Word(s.Pricing)),
                new("spend", s.Spend?.ToString(CultureInfo.InvariantCulture) ?? ""),
                new("thresholds", string.Create(CultureInfo.InvariantCulture, $"share >= {Text(options.MinShare)}, invalid clicks >= {options.MinInvalidClicks}")),
            };
            if (dominant is not null)
            {
                details.Add(new("dominant_placement", dominant));
            }

            var start = LocalTime.MidnightIn(since, zone);
            return new AlertCandidate(
                AlertKind.InvalidTraffic,
                key,
                s.InvalidShare >= options.SevereShare ? AlertSeverity.Severe : AlertSeverity.Warning,
                scope + " invalid clicks",
                start,
                new AlertEvidence(Measure, s.InvalidShare, usual ?? 0, 100 * (s.InvalidShare - (usual ?? 0)), start, null, LocalTime.MidnightIn(peak.Day, zone), risk, details),
                DeliveryAnomalies.OwnerFunction);
        }
    }
}
