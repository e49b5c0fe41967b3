using System.Globalization;
using System.Text.Json.Serialization;
using Mercato.Core.Alerts;
using Mercato.Core.Anomalies;

namespace Mercato.Core.AdMonitoring;

/// <summary>A watched delivery series; written <c>spend</c>, <c>impressions</c>, <c>clicks</c>, <c>conversions</c>, <c>cpm</c>, <c>cpc</c>, <c>cpa</c>, <c>ctr</c>, <c>cvr</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeliveryMetric>))]
public enum DeliveryMetric
{
    /// <summary>Money spent.</summary>
    [JsonStringEnumMemberName("spend")]
    Spend,

    /// <summary>Impressions.</summary>
    [JsonStringEnumMemberName("impressions")]
    Impressions,

    /// <summary>Clicks.</summary>
    [JsonStringEnumMemberName("clicks")]
    Clicks,

    /// <summary>Conversions.</summary>
    [JsonStringEnumMemberName("conversions")]
    Conversions,

    /// <summary>Cost per thousand impressions: spend × 1000 ÷ impressions.</summary>
    [JsonStringEnumMemberName("cpm")]
    Cpm,

    /// <summary>Cost per click: spend ÷ clicks.</summary>
    [JsonStringEnumMemberName("cpc")]
    Cpc,

    /// <summary>Cost per acquisition: spend ÷ conversions.</summary>
    [JsonStringEnumMemberName("cpa")]
    Cpa,

    /// <summary>Click-through rate: clicks ÷ impressions.</summary>
    [JsonStringEnumMemberName("ctr")]
    Ctr,

    /// <summary>Conversion rate: conversions ÷ clicks.</summary>
    [JsonStringEnumMemberName("cvr")]
    Cvr,
}

/// <summary>One day of delivery of a channel or campaign.</summary>
/// <param name="Spend">Money spent.</param>
/// <param name="Impressions">Impressions.</param>
/// <param name="Clicks">Clicks.</param>
/// <param name="Conversions">Conversions.</param>
public readonly record struct DeliveryDay(decimal Spend, long Impressions, long Clicks, long Conversions);

/// <summary>One anomaly of a delivery series. Indexes are positions in the daily series.</summary>
/// <param name="Metric">The series.</param>
/// <param name="Start">The first day.</param>
/// <param name="End">The last day.</param>
/// <param name="Peak">The day furthest from expected.</param>
/// <param name="Value">The value on the peak day (in the metric's unit: money, a count, a price, a ratio).</param>
/// <param name="Expected">The expected value on the peak day.</param>
/// <param name="Score">The score on the peak day (robust z for volumes and prices, beta-binomial z for ratios).</param>
/// <param name="Direction">Up or down.</param>
/// <param name="MoneyInvolved">Spend: spend above (or below) expected over the run; prices: the price difference times the volume bought over the run; ratios: the run's spend; counts: null.</param>
public sealed record DeliveryAnomaly(DeliveryMetric Metric, int Start, int End, int Peak, double Value, double Expected, double Score, AnomalyDirection Direction, decimal? MoneyInvolved);

/// <summary>
/// The daily (or hourly) delivery series of a channel or campaign watched for anomalies, by the detectors that already exist:
/// volumes (spend, impressions, clicks, conversions) by <see cref="AnomalyDetector"/> (daily or hourly, weekly season, default
/// settings); prices (CPM, CPC, CPA) by the same detector on the price in hundredths of the currency unit (fen, cents), so
/// its count-minded floors (a Poisson σ of √expected, a change of at least 5) become about 1% of a price of 100 units and
/// 5 hundredths; CPC and CPA, whose denominators are counts, at a coarser scale when their volume is small (the median
/// day's clicks or conversions over the median price), so that the floor is the price's own sampling noise (about
/// 1/√n of it: 10% at 100 clicks a day) and chance does not read as a price move; with a day that bought fewer than <see cref="MinPriceVolume"/> units (clicks, conversions, thousand
/// impressions) taking the last judged price (the first such days, the first judged one); ratios (CTR, CVR) by
/// <see cref="RatioAnomaly"/>, judged with their counts.
/// </summary>
public static class DeliveryAnomalies
{
    /// <summary>The units a day must buy for its price to count (20 clicks, conversions or thousand impressions).</summary>
    public const long MinPriceVolume = 20;

    /// <summary>The function that owns ad alerts.</summary>
    public const string OwnerFunction = "ad_delivery";

    /// <summary>
    /// The anomalies of one metric over <paramref name="days"/> (in order, no gaps; too short a series has none), one point
    /// a day or, for hourly data, one an hour (then "day" in the names means the point).
    /// </summary>
    public static IReadOnlyList<DeliveryAnomaly> Scan(IReadOnlyList<DeliveryDay> days, DeliveryMetric metric, AnomalyPeriod period = AnomalyPeriod.Day)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (metric is DeliveryMetric.Ctr or DeliveryMetric.Cvr)
        {
            var counts = days.Select(d => metric == DeliveryMetric.Ctr ? new RatioCount(d.Clicks, d.Impressions) : new RatioCount(d.Conversions, d.Clicks)).ToList();
            return
            [
                .. RatioAnomaly.Scan(counts, null, period).Runs.Select(r => new DeliveryAnomaly(
                    metric, r.Start, r.End, r.Peak, r.Ratio, r.Expected, r.Z, r.Direction, Sum(days, r.Start, r.End, d => d.Spend))),
            ];
        }

        if (days.Count < AnomalyDetector.MinimumPoints(period))
        {
            return [];
        }

        var price = metric is DeliveryMetric.Cpm or DeliveryMetric.Cpc or DeliveryMetric.Cpa;
        var values = price ? Prices(days, metric) : [.. days.Select(d => Volume(d, metric))];
        if (values is null)
        {
            return [];
        }

        var scale = price ? PriceScale(days, metric, values) : 1.0;
        if (price)
        {
            for (var t = 0; t < values.Length; t++)
            {
                values[t] *= scale;
            }
        }

        var scan = AnomalyDetector.Scan(values, period, new AnomalyOptions { NonNegative = true });
        return
        [
            .. scan.Anomalies.Select(a => new DeliveryAnomaly(
                metric, a.Start, a.End, a.Peak, a.Value / scale, a.Expected / scale, a.Score, a.Direction, Money(days, metric, scan, values, a, scale))),
        ];
    }

    /// <summary>
    /// The alert center's findings for <paramref name="scope"/> (a channel or a campaign): every anomaly of every metric
    /// still running on one of the last <paramref name="recentDays"/> days of <paramref name="days"/> (the first of which
    /// is <paramref name="first"/>), of kind <c>ad_anomaly</c>, owned by <see cref="OwnerFunction"/>, keyed by the scope,
    /// the metric and the first day, severe when the peak is 2× the expected or more (or half or less) or its score
    /// reaches 10, else warning.
    /// </summary>
    public static IReadOnlyList<AlertCandidate> Alerts(string scope, IReadOnlyList<DeliveryDay> days, DateOnly first, TimeZoneInfo zone, int recentDays = 2)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(zone);
        return Candidates(
            scope, days, AnomalyPeriod.Day, recentDays, t => LocalTime.MidnightIn(first.AddDays(t), zone),
            t => first.AddDays(t).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "per day", "days", null);
    }

    /// <summary>
    /// The same findings over an hourly series: <paramref name="hours"/> holds 24 points a local day from
    /// <paramref name="first"/> (hour 0 first; <see cref="DeliverySeries.BuildHourly"/>), scanned with
    /// <see cref="AnomalyPeriod.Hour"/> (each hour against the same hour of the week in the past weeks); the anomalies still
    /// running in the last <paramref name="recentHours"/> hours become candidates keyed by the scope, the metric and the
    /// first hour (<c>ad_anomaly:{scope}:{metric}:{yyyy-MM-dd}T{HH}</c>, never a daily key), their subject and evidence
    /// naming the hour.
    /// </summary>
    public static IReadOnlyList<AlertCandidate> HourlyAlerts(string scope, IReadOnlyList<DeliveryDay> hours, DateOnly first, TimeZoneInfo zone, int recentHours = 48)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(zone);
        return Candidates(
            scope, hours, AnomalyPeriod.Hour, recentHours, t => LocalTime.HourIn(first.AddDays(t / 24), t % 24, zone),
            t => string.Create(CultureInfo.InvariantCulture, $"{first.AddDays(t / 24):yyyy-MM-dd}T{t % 24:00}"), "per hour", "hours",
            t => string.Create(CultureInfo.InvariantCulture, $"{first.AddDays(t / 24):yyyy-MM-dd} {t % 24:00}:00"));
    }

    private static List<AlertCandidate> Candidates(
        string scope, IReadOnlyList<DeliveryDay> points, AnomalyPeriod period, int recent, Func<int, DateTimeOffset> startOf, Func<int, string> keyOf,
        string per, string length, Func<int, string>? hourOf)
    {
        var found = new List<AlertCandidate>();
        foreach (var metric in Enum.GetValues<DeliveryMetric>())
        {
            foreach (var a in Scan(points, metric, period).Where(a => a.End >= points.Count - recent))
            {
                var word = EnumWords.Word(metric);
                var start = startOf(a.Start);
                var running = a.End == points.Count - 1;
                var factor = a.Expected > 0 ? a.Value / a.Expected : double.PositiveInfinity;
                var severe = Math.Abs(a.Score) >= 10 || factor >= 2 || factor <= 0.5;
                List<KeyValuePair<string, string>> details =
                [
                    new("direction", EnumWords.Word(a.Direction)),
                    new(length, (a.End - a.Start + 1).ToString(CultureInfo.InvariantCulture)),
                    new("spend", Sum(points, a.Start, a.End, d => d.Spend).ToString(CultureInfo.InvariantCulture)),
                ];
                if (hourOf is not null)
                {
                    details.Insert(0, new("hour", hourOf(a.Start)));
                }

                found.Add(new AlertCandidate(
                    AlertKind.AdAnomaly,
                    string.Concat("ad_anomaly:", scope, ":", word, ":", keyOf(a.Start)),
                    severe ? AlertSeverity.Severe : AlertSeverity.Warning,
                    hourOf is null ? scope + " " + word : scope + " " + word + " at " + hourOf(a.Start),
                    start,
                    new AlertEvidence(
                        word + " " + per, a.Value, a.Expected, a.Score, start, running ? null : startOf(a.End + 1), startOf(a.Peak), a.MoneyInvolved, details),
                    OwnerFunction));
            }
        }

        return found;
    }

    private static double Volume(DeliveryDay d, DeliveryMetric metric) => metric switch
    {
        DeliveryMetric.Spend => (double)d.Spend,
        DeliveryMetric.Impressions => d.Impressions,
        DeliveryMetric.Clicks => d.Clicks,
        _ => d.Conversions,
    };

    /// <summary>The units a price is paid per: clicks, conversions, thousand impressions.</summary>
    private static double Units(DeliveryDay d, DeliveryMetric metric) => metric switch
    {
        DeliveryMetric.Cpm => d.Impressions / 1000.0,
        DeliveryMetric.Cpc => d.Clicks,
        _ => d.Conversions,
    };

    /// <summary>
    /// The factor prices are judged at: hundredths of the currency unit (100), or for CPC and CPA, when smaller, the median
    /// units a judged day bought over the median judged price, so that the detector's count floor (σ ≥ √expected) is the
    /// price's own sampling noise, 1/√(clicks or conversions) of it: 100 clicks a day move CPC by about 10% by chance alone.
    /// </summary>
    private static double PriceScale(IReadOnlyList<DeliveryDay> days, DeliveryMetric metric, double[] prices)
    {
        if (metric == DeliveryMetric.Cpm)
        {
            return 100;
        }

        var units = days.Select(d => Units(d, metric)).Where(u => u >= MinPriceVolume).Order().ToList();
        var judged = prices.Where(p => p > 0).Order().ToList();
        if (units.Count == 0 || judged.Count == 0)
        {
            return 100;
        }

        return Math.Min(100, units[units.Count / 2] / judged[judged.Count / 2]);
    }

    /// <summary>Prices in currency units, days with too little volume carrying the last judged price; null when no day has enough.</summary>
    private static double[]? Prices(IReadOnlyList<DeliveryDay> days, DeliveryMetric metric)
    {
        var values = new double[days.Count];
        double? last = null;
        var pending = 0;
        for (var t = 0; t < days.Count; t++)
        {
            var units = Units(days[t], metric);
            if (units >= MinPriceVolume)
            {
                last = (double)days[t].Spend / units;
                for (var j = t - pending; j < t; j++)
                {
                    values[j] = last.Value;
                }

                pending = 0;
                values[t] = last.Value;
            }
            else if (last is { } l)
            {
                values[t] = l;
            }
            else
            {
                pending++;
            }
        }

        return last is null ? null : values;
    }

    private static decimal? Money(IReadOnlyList<DeliveryDay> days, DeliveryMetric metric, AnomalyScan scan, double[] values, Anomaly a, double scale)
    {
        if (metric is DeliveryMetric.Impressions or DeliveryMetric.Clicks or DeliveryMetric.Conversions)
        {
            return null;
        }

        var money = 0.0;
        for (var t = a.Start; t <= a.End; t++)
        {
            var difference = (values[t] - scan.Expected[t]) / scale;
            money += metric == DeliveryMetric.Spend ? difference : difference * Units(days[t], metric);
        }

        return decimal.Round((decimal)money, 2, MidpointRounding.AwayFromZero);
    }

    private static decimal Sum(IReadOnlyList<DeliveryDay> days, int start, int end, Func<DeliveryDay, decimal> pick)
    {
        var sum = 0m;
        for (var t = start; t <= end; t++)
        {
            sum += pick(days[t]);
        }

        return sum;
    }
}
