using System.Text.Json.Serialization;
using Mercato.Core.Measurement.Roi;

namespace Mercato.Core.Measurement.Cohorts;

/// <summary>What to do with a channel's budget; written <c>keep</c>, <c>watch</c>, <c>cut</c> or <c>scale</c> in JSON.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GuidanceLevel>))]
public enum GuidanceLevel
{
    /// <summary>On track, or recovering as expected: keep delivering.</summary>
    [JsonStringEnumMemberName("keep")]
    Keep,

    /// <summary>Something looks wrong (a bad month, a falling trend, no payback in sight): keep delivering, look closer.</summary>
    [JsonStringEnumMemberName("watch")]
    Watch,

    /// <summary>Losing money for months, not improving, no payback in sight: cut or rebuild.</summary>
    [JsonStringEnumMemberName("cut")]
    Cut,

    /// <summary>Paying off steadily: a candidate for more budget.</summary>
    [JsonStringEnumMemberName("scale")]
    Scale,
}

/// <summary>The guidance for one channel, with the figures it read.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Level">keep, watch, cut or scale.</param>
/// <param name="Reason">Why and what to do: a <see cref="GuidanceCodes"/> code with the figures it read.</param>
/// <param name="LatestMonth">The latest month with a ROI (null when there is none).</param>
/// <param name="LatestRoi">ROI of that month.</param>
/// <param name="CumulativeRoi">Σ net return / Σ (spend + allocated costs) over all the channel's months.</param>
/// <param name="RoiTrend">
/// Least-squares slope of the monthly ROI over the last <see cref="Guidance.TrendWindowMonths"/> calendar months, in ROI
/// per month (0.01 = one percentage point a month); null with fewer than <see cref="Guidance.MinTrendMonths"/> points.
/// </param>
/// <param name="NegativeMonthsInARow">Consecutive calendar months, up to the latest, with a negative ROI.</param>
/// <param name="PaybackOffset">The payback outlook read, in months after acquisition (null: not in sight).</param>
public sealed record ChannelGuidance(
    string Channel,
    GuidanceLevel Level,
    Message Reason,
    YearMonth? LatestMonth,
    double? LatestRoi,
    double? CumulativeRoi,
    double? RoiTrend,
    int NegativeMonthsInARow,
    int? PaybackOffset);

/// <summary>
/// Budget guidance per channel in the spirit of DOMAIN.md §6: "low early ROI is no reason to drop a channel at once; keep
/// delivering, and judge input against output month by month". It reads the monthly ROI trend, the cumulative ROI and the
/// cohorts' payback outlook, and never says "cut" on the strength of one bad month.
/// </summary>
/// <remarks>
/// <para>Figures read (months with no cost, hence no ROI, are skipped):</para>
/// <list type="bullet">
/// <item>trend: least-squares slope b = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)² of ROI y against the month x, over the months with a
/// ROI among the last <see cref="TrendWindowMonths"/> calendar months up to the latest; unknown with fewer than
/// <see cref="MinTrendMonths"/> points. Improving when b &gt; <see cref="FlatTrendBand"/>, falling when
/// b &lt; −<see cref="FlatTrendBand"/>, flat in between;</item>
/// <item>negative run: consecutive calendar months ending at the latest month with ROI &lt; 0 (a month without a ROI breaks
/// the run);</item>
/// <item>cumulative ROI: Σ net return / Σ (spend + allocated costs) over all months given;</item>
/// <item>payback in sight: the payback outlook (<see cref="CohortAnalysis.PaybackOutlook"/>) is at most
/// <see cref="PaybackHorizonMonths"/> months after acquisition. A channel with no cohort has none in sight.</item>
/// </list>
/// <para>Levels, the first that applies:</para>
/// <list type="number">
/// <item><b>cut</b>: negative run ≥ <see cref="CutNegativeMonths"/>, trend not improving, and payback not in sight;</item>
/// <item><b>scale</b>: at least <see cref="ScaleMinMonths"/> months with a ROI, cumulative ROI ≥
/// <see cref="ScaleMinCumulativeRoi"/>, latest ROI &gt; 0, trend not falling, and payback in sight;</item>
/// <item><b>watch</b>: latest ROI &lt; 0, or trend falling, or cumulative ROI &lt; 0 with payback not in sight;</item>
/// <item><b>keep</b>: otherwise (including a costly start whose trend improves or whose cohorts pay back in time, and a
/// channel with no ROI yet).</item>
/// </list>
/// </remarks>
public static class Guidance
{
    /// <summary>Calendar months, up to the latest, over which the ROI trend is fitted.</summary>
    public const int TrendWindowMonths = 6;

    /// <summary>Fewest monthly ROIs in the window for a trend.</summary>
    public const int MinTrendMonths = 3;

    /// <summary>A trend within ± this much ROI per month (one percentage point) counts as flat.</summary>
    public const double FlatTrendBand = 0.01;

    /// <summary>Fewest consecutive negative months before "cut" is considered.</summary>
    public const int CutNegativeMonths = 3;

    /// <summary>Payback counts as in sight when reached or projected at most this many months after acquisition.</summary>
    public const int PaybackHorizonMonths = 12;

    /// <summary>Cumulative ROI a channel needs for "scale".</summary>
    public const double ScaleMinCumulativeRoi = 0.2;

    /// <summary>Fewest months with a ROI a channel needs for "scale".</summary>
    public const int ScaleMinMonths = 3;

    /// <summary>The rules in plain words, for the pages that show guidance.</summary>
    public const string Rules =
        "Cut only when ROI has been negative for at least 3 months in a row, the trend over the last 6 months is not improving "
        + "(by more than 1 percentage point a month) and the cohorts are not projected to pay back within 12 months. "
        + "Scale when cumulative ROI is at least 20% after 3 months or more, the latest month is positive, the trend is not "
        + "falling and payback is within 12 months. Watch when the latest month is negative, the trend is falling, or "
        + "cumulative ROI is negative with no payback in sight. Otherwise keep delivering. One bad month is never a reason to cut.";

    /// <summary>Guidance for every channel that has monthly rows, ordered by channel (ordinal).</summary>
    /// <param name="rows">Monthly returns of any channels.</param>
    /// <param name="cohorts">Acquisition cohorts, for the payback outlook of each channel.</param>
    public static IReadOnlyList<ChannelGuidance> AdviseAll(IEnumerable<ChannelMonthRoi> rows, IEnumerable<CohortCurve> cohorts)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(cohorts);
        var curves = cohorts.ToArray();
        return
        [
            .. rows
                .GroupBy(r => r.Channel, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Advise(g.Key, g, CohortAnalysis.PaybackOutlook(curves, g.Key))),
        ];
    }

    /// <summary>Guidance for one channel by the rules in the class remarks.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="months">Its monthly returns (rows of other channels are ignored; a repeated month is an error).</param>
    /// <param name="paybackOffset">
    /// Its payback outlook in months after acquisition, reached or projected (<see cref="CohortAnalysis.PaybackOutlook"/>);
    /// null when not in sight.
    /// </param>
    public static ChannelGuidance Advise(string channel, IEnumerable<ChannelMonthRoi> months, int? paybackOffset)
    {
        ArgumentNullException.ThrowIfNull(months);
        var own = months
            .Where(r => string.Equals(r.Channel, channel, StringComparison.Ordinal))
            .OrderBy(r => r.Month)
            .ToArray();
        for (var i = 1; i < own.Length; i++)
        {
            if (own[i].Month == own[i - 1].Month)
            {
                throw new ArgumentException($"channel '{channel}' appears twice in {own[i].Month}", nameof(months));
            }
        }

        var netReturn = own.Sum(r => r.NetReturn);
        var cost = own.Sum(r => r.TotalCost());
        var cumulative = RoiCalculator.Ratio(netReturn, cost);
        var series = own.Where(r => r.Roi is not null).Select(r => (r.Month, Roi: r.Roi!.Value)).ToArray();
        var inSight = paybackOffset is { } p && p <= PaybackHorizonMonths;
        if (series.Length == 0)
        {
            return new ChannelGuidance(
                channel, GuidanceLevel.Keep, new Message(GuidanceCodes.NoCosts),
                null, null, cumulative, null, 0, paybackOffset);
        }

        var (latestMonth, latest) = series[^1];
        var trend = Trend(series);
        var run = NegativeRun(series);
        var improving = trend > FlatTrendBand;
        var falling = trend < -FlatTrendBand;

        GuidanceLevel level;
        string code;
        if (run >= CutNegativeMonths && !improving && !inSight)
        {
            (level, code) = (GuidanceLevel.Cut, GuidanceCodes.Cut);
        }
        else if (series.Length >= ScaleMinMonths && cumulative >= ScaleMinCumulativeRoi && latest > 0 && !falling && inSight)
        {
            (level, code) = (GuidanceLevel.Scale, GuidanceCodes.Scale);
        }
        else if (run >= CutNegativeMonths)
        {
            (level, code) = (GuidanceLevel.Watch, improving ? GuidanceCodes.NegativeButImproving : GuidanceCodes.NegativeButPayback);
        }
        else if (latest < 0)
        {
            (level, code) = (GuidanceLevel.Watch, GuidanceCodes.BadMonth);
        }
        else if (falling)
        {
            (level, code) = (GuidanceLevel.Watch, GuidanceCodes.Falling);
        }
        else if (cumulative < 0 && !inSight)
        {
            (level, code) = (GuidanceLevel.Watch, GuidanceCodes.NoPaybackInSight);
        }
        else
        {
            (level, code) = (GuidanceLevel.Keep, cumulative < 0 ? GuidanceCodes.CostlyStart : GuidanceCodes.OnTrack);
        }

        // The figures as the sentences show them: ROI in percent and the trend in percentage points, one decimal.
        var reason = Message.Of(code,
            ("run", run), ("latest", Hundredths(latest)), ("month", latestMonth.ToString()), ("cumulative", Hundredths(cumulative)),
            ("trend", Hundredths(trend)), ("payback_state", PaybackState(paybackOffset)), ("payback", paybackOffset));
        return new ChannelGuidance(channel, level, reason, latestMonth, latest, cumulative, trend, run, paybackOffset);
    }

    /// <summary>
    /// Least-squares slope of ROI against the month over the months of <paramref name="series"/> within the last
    /// <see cref="TrendWindowMonths"/> calendar months; null with fewer than <see cref="MinTrendMonths"/> points.
    /// </summary>
    internal static double? Trend(IReadOnlyList<(YearMonth Month, double Roi)> series)
    {
        var latest = series[^1].Month;
        var points = series
            .Select(p => (X: (double)CohortAnalysis.MonthsBetween(latest, p.Month), Y: p.Roi))
            .Where(p => p.X > -TrendWindowMonths)
            .ToArray();
        if (points.Length < MinTrendMonths)
        {
            return null;
        }

        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var sxy = points.Sum(p => (p.X - meanX) * (p.Y - meanY));
        var sxx = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return sxy / sxx;
    }

    private static int NegativeRun(IReadOnlyList<(YearMonth Month, double Roi)> series)
    {
        var run = 0;
        for (var i = series.Count - 1; i >= 0 && series[i].Roi < 0; i--)
        {
            if (i < series.Count - 1 && CohortAnalysis.MonthsBetween(series[i].Month, series[i + 1].Month) != 1)
            {
                break;
            }

            run++;
        }

        return run;
    }

    /// <summary>ratio × 100 rounded to one decimal, never -0; null stays null.</summary>
    private static double? Hundredths(double? ratio)
    {
        if (ratio is not { } r)
        {
            return null;
        }

        var value = Math.Round(r * 100, 1, MidpointRounding.AwayFromZero);
        return value == 0 ? 0 : value;
    }

    /// <summary><c>expected</c> (within the horizon), <c>late</c> (after it) or <c>none</c> (not in sight).</summary>
    private static string PaybackState(int? offset) =>
        offset is { } o ? (o <= PaybackHorizonMonths ? "expected" : "late") : "none";
}
