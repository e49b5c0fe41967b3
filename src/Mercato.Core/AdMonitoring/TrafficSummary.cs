using System.Text.Json.Serialization;

namespace Mercato.Core.AdMonitoring;

/// <summary>How a channel is paid; written <c>cpc</c>, <c>cpm</c>, <c>cpi</c>. It decides what share of the spend invalid traffic puts at risk.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BuyingModel>))]
public enum BuyingModel
{
    /// <summary>Paid per click: the invalid share of clicks.</summary>
    [JsonStringEnumMemberName("cpc")]
    Cpc,

    /// <summary>Paid per thousand impressions: the invalid share of clicks stands for that of impressions (a proxy: the log has no impressions).</summary>
    [JsonStringEnumMemberName("cpm")]
    Cpm,

    /// <summary>Paid per install: the invalid share of the installs attributed to the clicks.</summary>
    [JsonStringEnumMemberName("cpi")]
    Cpi,
}

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
/// <param name="MoneyAtRisk">Spend × the invalid share the buying model pays by, rounded to cents (half away from zero); null without spend (or, per install, without installs).</param>
/// <param name="Installs">Clicks with an attributed install.</param>
/// <param name="InvalidInstalls">Flagged clicks with an attributed install.</param>
/// <param name="Pricing">The channel's buying model the money at risk follows.</param>
public sealed record TrafficSummary(
    TrafficKey Key, long Clicks, long InvalidClicks, long GeneralInvalid, long SophisticatedInvalid, IReadOnlyList<KeyValuePair<string, long>> ByRule,
    decimal? Spend, decimal? MoneyAtRisk, long Installs = 0, long InvalidInstalls = 0, BuyingModel Pricing = BuyingModel.Cpc)
{
    /// <summary>Invalid clicks ÷ clicks (0 without clicks).</summary>
    public double InvalidShare => Clicks == 0 ? 0 : (double)InvalidClicks / Clicks;
}

/// <summary>Invalid traffic summed per channel, campaign or placement, with the money at risk.</summary>
public static class InvalidTrafficSummaries
{
    /// <summary>
    /// Clicks, invalid clicks (all, GIVT-only, SIVT) and per rule for each key of <paramref name="level"/>, and the money at
    /// risk by the channel's buying model, exact in decimal and rounded to cents: per click (the default) spend × invalid
    /// clicks ÷ clicks; per thousand impressions the same (the invalid share of clicks stands for that of impressions);
    /// per install spend × flagged clicks with an install ÷ clicks with an install. Spend given for a key without clicks
    /// gets a row with no money at risk. Rows are ordered by money at risk, then invalid clicks, both descending, then by
    /// key.
    /// </summary>
    /// <param name="report">The engine's verdicts.</param>
    /// <param name="level">Channel, campaign or placement.</param>
    /// <param name="spend">Spend per key of the same level (keys of another level are ignored); null for none.</param>
    /// <param name="pricing">The buying model per channel; a channel not given is paid per click.</param>
    public static IReadOnlyList<TrafficSummary> Summarize(
        InvalidTrafficReport report, TrafficLevel level, IReadOnlyDictionary<TrafficKey, decimal>? spend = null, IReadOnlyDictionary<string, BuyingModel>? pricing = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = new Dictionary<TrafficKey, (long Clicks, long Invalid, long General, long Sophisticated, long[] ByRule, long Installs, long InvalidInstalls)>();
        foreach (var verdict in report.Verdicts)
        {
            var key = TrafficKey.Of(verdict.Click, level);
            if (!rows.TryGetValue(key, out var row))
            {
                row = (0, 0, 0, 0, new long[InvalidTraffic.Rules.Count], 0, 0);
            }

            row.Clicks++;
            var installed = verdict.Click.InstallTimestamp is not null;
            row.Installs += installed ? 1 : 0;
            if (verdict.IsInvalid)
            {
                row.Invalid++;
                row.InvalidInstalls += installed ? 1 : 0;
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
                rows[key] = (0, 0, 0, 0, new long[InvalidTraffic.Rules.Count], 0, 0);
            }
        }

        return
        [
            .. rows.Select(kv =>
            {
                var (clicks, invalid, general, sophisticated, byRule, installs, invalidInstalls) = kv.Value;
                var model = pricing?.GetValueOrDefault(kv.Key.Channel) ?? BuyingModel.Cpc;
                var (part, whole) = model == BuyingModel.Cpi ? (invalidInstalls, installs) : (invalid, clicks);
                decimal? money = spend is not null && spend.TryGetValue(kv.Key, out var s) ? s : null;
                decimal? risk = money is { } m && whole > 0 ? decimal.Round(m * part / whole, 2, MidpointRounding.AwayFromZero) : null;
                var rules = InvalidTraffic.Rules.Select((r, i) => new KeyValuePair<string, long>(r.Code, byRule[i])).Where(p => p.Value > 0).ToList();
                return new TrafficSummary(kv.Key, clicks, invalid, general, sophisticated, rules, money, risk, installs, invalidInstalls, model);
            })
            .OrderByDescending(r => r.MoneyAtRisk ?? -1m)
            .ThenByDescending(r => r.InvalidClicks)
            .ThenBy(r => r.Key.Channel, StringComparer.Ordinal)
            .ThenBy(r => r.Key.Campaign ?? "", StringComparer.Ordinal)
            .ThenBy(r => r.Key.Placement ?? "", StringComparer.Ordinal),
        ];
    }
}
