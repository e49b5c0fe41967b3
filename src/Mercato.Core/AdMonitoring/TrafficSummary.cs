namespace Mercato.Core.AdMonitoring;

/// <summary>The level a traffic summary groups by.</summary>
public enum TrafficLevel
{
    /// <summary>Per channel.</summary>
    Channel,

    /// <summary>Per channel and campaign (clicks without a campaign form their own row).</summary>
    Campaign,

    /// <summary>Per channel and placement across campaigns (clicks without a placement form their own row).</summary>
    Placement,
}

/// <summary>
/// What a summary row is about: a channel; a channel and a campaign; or a channel and a placement (the level decides which
/// fields are set; the others are null). Also the key of the spend handed to <see cref="InvalidTrafficSummaries.Summarize"/>.
/// </summary>
/// <param name="Channel">The channel.</param>
/// <param name="Campaign">The campaign, at the campaign level.</param>
/// <param name="Placement">The placement, at the placement level.</param>
public sealed record TrafficKey(string Channel, string? Campaign = null, string? Placement = null)
{
    /// <summary>The key of <paramref name="click"/> at <paramref name="level"/>.</summary>
    public static TrafficKey Of(ClickRecord click, TrafficLevel level)
    {
        ArgumentNullException.ThrowIfNull(click);
        return level switch
        {
            TrafficLevel.Campaign => new TrafficKey(click.Channel, click.Campaign),
            TrafficLevel.Placement => new TrafficKey(click.Channel, null, click.Placement),
            _ => new TrafficKey(click.Channel),
        };
    }
}

/// <summary>Invalid traffic of one channel, campaign or placement.</summary>
/// <param name="Key">What the row is about.</param>
/// <param name="Clicks">All clicks.</param>
/// <param name="InvalidClicks">Clicks flagged by any rule.</param>
/// <param name="GeneralInvalid">Flagged clicks whose rules are all GIVT.</param>
/// <param name="SophisticatedInvalid">Flagged clicks with at least one SIVT rule.</param>
/// <param name="ByRule">Flagged clicks per rule code (a click flagged by two rules counts in both), in the engine's rule order; rules that flagged nothing are left out.</param>
/// <param name="Spend">The spend given for the key, if any.</param>
/// <param name="MoneyAtRisk">Spend × invalid share, rounded to cents (half away from zero); null without spend.</param>
public sealed record TrafficSummary(
    TrafficKey Key, long Clicks, long InvalidClicks, long GeneralInvalid, long SophisticatedInvalid, IReadOnlyList<KeyValuePair<string, long>> ByRule,
    decimal? Spend, decimal? MoneyAtRisk)
{
    /// <summary>Invalid clicks ÷ clicks (0 without clicks).</summary>
    public double InvalidShare => Clicks == 0 ? 0 : (double)InvalidClicks / Clicks;
}

/// <summary>Invalid traffic summed per channel, campaign or placement, with the money at risk.</summary>
public static class InvalidTrafficSummaries
{
    /// <summary>
    /// Clicks, invalid clicks (all, GIVT-only, SIVT) and per rule for each key of <paramref name="level"/>, and the money at
    /// risk: spend × invalid clicks ÷ clicks, exact in decimal and rounded to cents. The share is of clicks: exact for
    /// cost-per-click buying, a proxy for CPM buying (the invalid share of clicks stands for that of impressions) and for
    /// CPI buying (where the claim is the flagged installs). Spend given for a key without clicks gets a row with no
    /// money at risk. Rows are ordered by money at risk, then invalid clicks, both descending, then by key.
    /// </summary>
    /// <param name="report">The engine's verdicts.</param>
    /// <param name="level">Channel, campaign or placement.</param>
    /// <param name="spend">Spend per key of the same level (keys of another level are ignored); null for none.</param>
    public static IReadOnlyList<TrafficSummary> Summarize(InvalidTrafficReport report, TrafficLevel level, IReadOnlyDictionary<TrafficKey, decimal>? spend = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = new Dictionary<TrafficKey, (long Clicks, long Invalid, long General, long Sophisticated, long[] ByRule)>();
        foreach (var verdict in report.Verdicts)
        {
            var key = TrafficKey.Of(verdict.Click, level);
            if (!rows.TryGetValue(key, out var row))
            {
                row = (0, 0, 0, 0, new long[InvalidTraffic.Rules.Count]);
            }

            row.Clicks++;
            if (verdict.IsInvalid)
            {
                row.Invalid++;
                if (verdict.Category == InvalidTrafficCategory.Sophisticated)
                {
                    row.Sophisticated++;
                }
                else
                {
                    row.General++;
                }

                for (var r = 0; r < InvalidTraffic.Rules.Count; r++)
                {
                    if (verdict.Rules.Contains(InvalidTraffic.Rules[r].Code))
                    {
                        row.ByRule[r]++;
                    }
                }
            }

            rows[key] = row;
        }

        foreach (var key in spend?.Keys ?? Enumerable.Empty<TrafficKey>())
        {
            var atLevel = level switch
            {
                TrafficLevel.Campaign => key.Placement is null,
                TrafficLevel.Placement => key.Campaign is null,
                _ => key.Campaign is null && key.Placement is null,
            };
            if (atLevel && !rows.ContainsKey(key))
            {
                rows[key] = (0, 0, 0, 0, new long[InvalidTraffic.Rules.Count]);
            }
        }

        return
        [
            .. rows.Select(kv =>
            {
                var (clicks, invalid, general, sophisticated, byRule) = kv.Value;
                decimal? money = spend is not null && spend.TryGetValue(kv.Key, out var s) ? s : null;
                decimal? risk = money is { } m && clicks > 0 ? decimal.Round(m * invalid / clicks, 2, MidpointRounding.AwayFromZero) : null;
                var rules = InvalidTraffic.Rules.Select((r, i) => new KeyValuePair<string, long>(r.Code, byRule[i])).Where(p => p.Value > 0).ToList();
                return new TrafficSummary(kv.Key, clicks, invalid, general, sophisticated, rules, money, risk);
            })
            .OrderByDescending(r => r.MoneyAtRisk ?? -1m)
            .ThenByDescending(r => r.InvalidClicks)
            .ThenBy(r => r.Key.Channel, StringComparer.Ordinal)
            .ThenBy(r => r.Key.Campaign ?? "", StringComparer.Ordinal)
            .ThenBy(r => r.Key.Placement ?? "", StringComparer.Ordinal),
        ];
    }
}
