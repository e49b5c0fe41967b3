using System.Text.Json.Serialization;

namespace Mercato.Core.Organization;

/// <summary>Which way a KPI is better; written <c>higher</c> or <c>lower</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Direction>))]
public enum Direction
{
    /// <summary>More is better (users, GMV, ROI).</summary>
    [JsonStringEnumMemberName("higher")]
    Higher,

    /// <summary>Less is better (CPA, cost per participant).</summary>
    [JsonStringEnumMemberName("lower")]
    Lower,
}

/// <summary>A KPI's standing against its target; written in snake_case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KpiStatus>))]
public enum KpiStatus
{
    /// <summary>Attainment at least <see cref="Scorecards.OnTrackAt"/>.</summary>
    [JsonStringEnumMemberName("on_track")]
    OnTrack,

    /// <summary>Attainment at least <see cref="Scorecards.AtRiskAt"/>, below on track.</summary>
    [JsonStringEnumMemberName("at_risk")]
    AtRisk,

    /// <summary>Attainment below <see cref="Scorecards.AtRiskAt"/>.</summary>
    [JsonStringEnumMemberName("off_track")]
    OffTrack,

    /// <summary>No target is set for the KPI, unit and period.</summary>
    [JsonStringEnumMemberName("no_target")]
    NoTarget,

    /// <summary>A target is set but the KPI has no value for the period.</summary>
    [JsonStringEnumMemberName("no_data")]
    NoData,
}

/// <summary>Where a KPI is heading, taking its direction into account; written in lower case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrendDirection>))]
public enum TrendDirection
{
    /// <summary>Moving the better way.</summary>
    [JsonStringEnumMemberName("improving")]
    Improving,

    /// <summary>Moving the worse way.</summary>
    [JsonStringEnumMemberName("worsening")]
    Worsening,

    /// <summary>Changing by less than <see cref="Scorecards.FlatShare"/> of its level per period.</summary>
    [JsonStringEnumMemberName("flat")]
    Flat,

    /// <summary>Fewer than two periods with a value.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,
}

/// <summary>The colour of a unit on the org chart; written in lower case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HealthColour>))]
public enum HealthColour
{
    /// <summary>Every KPI with a target and a value is on track.</summary>
    [JsonStringEnumMemberName("green")]
    Green,

    /// <summary>Some KPI is at risk, none is off track.</summary>
    [JsonStringEnumMemberName("amber")]
    Amber,

    /// <summary>Some KPI is off track.</summary>
    [JsonStringEnumMemberName("red")]
    Red,

    /// <summary>No KPI with both a target and a value.</summary>
    [JsonStringEnumMemberName("grey")]
    Grey,
}

/// <summary>A KPI's value in one period; null when it has none (no data, or undefined like a CPA without conversions).</summary>
public readonly record struct PeriodValue(Period Period, double? Value);

/// <summary>A KPI's trend.</summary>
/// <param name="Direction">Improving, worsening, flat or unknown.</param>
/// <param name="Slope">The least-squares slope in KPI units per period, or null when unknown.</param>
/// <param name="Points">How many periods with a value it was fitted on (at most <see cref="Scorecards.TrendWindow"/>).</param>
public sealed record Trend(TrendDirection Direction, double? Slope, int Points);

/// <summary>One line of a unit's scorecard.</summary>
/// <param name="Kpi">The KPI's id.</param>
/// <param name="Unit">The unit's id.</param>
/// <param name="Period">The period.</param>
/// <param name="Direction">Which way is better.</param>
/// <param name="Actual">The KPI's value in the period, or null.</param>
/// <param name="Target">The target, or null.</param>
/// <param name="Attainment">See <see cref="Scorecards.Attainment"/>; null without both an actual and a target.</param>
/// <param name="Status">On track, at risk, off track, no target or no data.</param>
/// <param name="Trend">The trend over the last periods up to this one.</param>
public sealed record ScorecardLine(
    string Kpi, string Unit, Period Period, Direction Direction, double? Actual, double? Target, double? Attainment, KpiStatus Status, Trend Trend);

/// <summary>How a unit's KPIs stand.</summary>
/// <param name="Colour">Red if any KPI is off track, else amber if any is at risk, else green if any is on track, else grey.</param>
/// <param name="OnTrack">KPIs on track.</param>
/// <param name="AtRisk">KPIs at risk.</param>
/// <param name="OffTrack">KPIs off track.</param>
/// <param name="NoData">KPIs with a target but no value.</param>
/// <param name="NoTarget">KPIs without a target.</param>
public sealed record UnitHealth(HealthColour Colour, int OnTrack, int AtRisk, int OffTrack, int NoData, int NoTarget)
{
    /// <summary>On-track KPIs among those with a target and a value, or null when there are none.</summary>
    public double? OnTrackShare => OnTrack + AtRisk + OffTrack == 0 ? null : (double)OnTrack / (OnTrack + AtRisk + OffTrack);
}

/// <summary>A unit on the org chart: the health of its own KPIs, and of its own and every unit's below it (its colour).</summary>
/// <param name="Unit">The unit's id.</param>
/// <param name="Own">The unit's own scorecard lines.</param>
/// <param name="Overall">The lines of the unit and of every unit below it: the colour the chart draws.</param>
public sealed record UnitChartHealth(string Unit, UnitHealth Own, UnitHealth Overall);

/// <summary>
/// Targets against actuals: attainment, status, trend, and the health of units. Pure; thresholds are constants so the
/// docs, the UI legend and the tests agree.
/// </summary>
public static class Scorecards
{
    /// <summary>On track from 95% attainment.</summary>
    public const double OnTrackAt = 0.95;

    /// <summary>At risk from 80% attainment (below that, off track).</summary>
    public const double AtRiskAt = 0.80;

    /// <summary>Attainment is capped at 10 (1000%): a zero or near-zero denominator must not give an absurd or infinite figure.</summary>
    public const double MaxAttainment = 10;

    /// <summary>Floating-point slack at the thresholds: 94.9999999999% counts as 95%.</summary>
    public const double Tolerance = 1e-9;

    /// <summary>The trend is fitted on at most the last 6 periods with a value.</summary>
    public const int TrendWindow = 6;

    /// <summary>A trend is flat when the fitted change per period is within 1% of the mean absolute level.</summary>
    public const double FlatShare = 0.01;

    /// <summary>
    /// How much of the target is achieved, 1 meaning exactly: actual / target when higher is better, target / actual when
    /// lower is better, clamped to [0, <see cref="MaxAttainment"/>]. Zero cases: a ratio 0/0 is 1 (a zero target met
    /// exactly); a positive number over 0 is <see cref="MaxAttainment"/> (beyond any target); so a lower-is-better actual of
    /// 0 or less against a positive target is <see cref="MaxAttainment"/>, and a higher-is-better actual at or below 0
    /// against a positive target is 0. Null when the actual or the target is missing, or the actual is not a finite number.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The target is negative or not finite (targets are validated on entry).</exception>
    public static double? Attainment(double? actual, double? target, Direction direction)
    {
        if (target is not { } t || actual is not { } a || !double.IsFinite(a))
        {
            return null;
        }

        if (!double.IsFinite(t) || t < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(target), t, "a target is a finite number, not negative");
        }

        double ratio;
        if (direction == Direction.Higher)
        {
            ratio = t > 0 ? a / t : a > 0 ? MaxAttainment : a == 0 ? 1 : 0;
        }
        else
        {
            ratio = a > 0 ? t / a : t > 0 || a < 0 ? MaxAttainment : 1;
        }

        return Math.Clamp(ratio, 0, MaxAttainment);
    }

    /// <summary>The status of an attainment: on track from <see cref="OnTrackAt"/>, at risk from <see cref="AtRiskAt"/>, else off track.</summary>
    public static KpiStatus StatusOf(double attainment) =>
        attainment >= OnTrackAt - Tolerance ? KpiStatus.OnTrack
        : attainment >= AtRiskAt - Tolerance ? KpiStatus.AtRisk
        : KpiStatus.OffTrack;

    /// <summary><see cref="KpiStatus.NoTarget"/> without a target, <see cref="KpiStatus.NoData"/> without an actual, else <see cref="StatusOf"/>.</summary>
    public static KpiStatus Status(double? actual, double? target, Direction direction) =>
        target is null ? KpiStatus.NoTarget
        : Attainment(actual, target, direction) is { } attainment ? StatusOf(attainment)
        : KpiStatus.NoData;

    /// <summary>
    /// The trend of a KPI: the ordinary least-squares slope of value on period (consecutive periods one apart, so a missing
    /// period keeps its place) over the last <see cref="TrendWindow"/> periods with a value, up to and including
    /// <paramref name="upTo"/> when given. Improving when the slope goes the better way, worsening when it goes the worse,
    /// flat when |slope| ≤ <see cref="FlatShare"/> × the mean absolute value, unknown with fewer than two values.
    /// </summary>
    /// <exception cref="ArgumentException">The history mixes months and quarters.</exception>
    public static Trend TrendOf(IEnumerable<PeriodValue> history, Direction direction, Period? upTo = null)
    {
        var points = history
            .Where(p => p.Value is { } v && double.IsFinite(v) && (upTo is null || p.Period <= upTo.Value))
            .OrderBy(p => p.Period)
            .ToList();
        if (points.Select(p => p.Period.Kind).Distinct().Count() > 1)
        {
            throw new ArgumentException("a trend is fitted on periods of one kind: months or quarters", nameof(history));
        }

        points = [.. points.DistinctBy(p => p.Period).TakeLast(TrendWindow)];
        if (points.Count < 2)
        {
            return new Trend(TrendDirection.Unknown, null, points.Count);
        }

        var xs = points.Select(p => (double)p.Period.Ordinal).ToArray();
        var ys = points.Select(p => p.Value!.Value).ToArray();
        var mx = xs.Average();
        var my = ys.Average();
        var sxy = 0.0;
        var sxx = 0.0;
        for (var i = 0; i < xs.Length; i++)
        {
            sxy += (xs[i] - mx) * (ys[i] - my);
            sxx += (xs[i] - mx) * (xs[i] - mx);
        }

        var slope = sxy / sxx;
        var level = ys.Average(Math.Abs);
        if (Math.Abs(slope) <= FlatShare * level || slope == 0)
        {
            return new Trend(TrendDirection.Flat, slope, points.Count);
        }

        var better = direction == Direction.Higher ? slope > 0 : slope < 0;
        return new Trend(better ? TrendDirection.Improving : TrendDirection.Worsening, slope, points.Count);
    }

    /// <summary>
    /// A scorecard line: <paramref name="actual"/> and <paramref name="target"/> for <paramref name="period"/>, the
    /// attainment and status, and the trend over <paramref name="history"/> (values of earlier periods; the current one is
    /// taken from <paramref name="actual"/>).
    /// </summary>
    public static ScorecardLine Line(
        string kpi, string unit, Period period, Direction direction, double? actual, double? target, IEnumerable<PeriodValue>? history = null)
    {
        var series = (history ?? []).Where(p => p.Period != period).Append(new PeriodValue(period, actual));
        return new ScorecardLine(
            kpi, unit, period, direction, actual, target,
            Attainment(actual, target, direction), Status(actual, target, direction), TrendOf(series, direction, period));
    }

    /// <summary>The health of a set of KPI statuses; see <see cref="UnitHealth"/> for the colour rule.</summary>
    public static UnitHealth Health(IEnumerable<KpiStatus> statuses)
    {
        int on = 0, risk = 0, off = 0, noData = 0, noTarget = 0;
        foreach (var s in statuses)
        {
            switch (s)
            {
                case KpiStatus.OnTrack: on++; break;
                case KpiStatus.AtRisk: risk++; break;
                case KpiStatus.OffTrack: off++; break;
                case KpiStatus.NoData: noData++; break;
                default: noTarget++; break;
            }
        }

        var colour = off > 0 ? HealthColour.Red : risk > 0 ? HealthColour.Amber : on > 0 ? HealthColour.Green : HealthColour.Grey;
        return new UnitHealth(colour, on, risk, off, noData, noTarget);
    }

    /// <summary>
    /// The org chart's colours: for every unit (in the structure's order) the health of its own lines and of the lines of
    /// its whole subtree. A center is red when any department below it has a KPI off track: the chart leads the eye down to
    /// the problem.
    /// </summary>
    public static IReadOnlyList<UnitChartHealth> Chart(OrgStructure structure, IEnumerable<ScorecardLine> lines)
    {
        ArgumentNullException.ThrowIfNull(structure);
        var byUnit = lines.ToLookup(l => l.Unit, l => l.Status, StringComparer.Ordinal);
        var children = structure.Units.Where(u => u.Parent is not null).ToLookup(u => u.Parent!, u => u.Id, StringComparer.Ordinal);
        var result = new List<UnitChartHealth>();
        foreach (var unit in structure.Units)
        {
            var subtree = new List<KpiStatus>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>([unit.Id]);
            while (stack.Count > 0)
            {
                var id = stack.Pop();
                if (!seen.Add(id))
                {
                    continue;
                }

                subtree.AddRange(byUnit[id]);
                foreach (var child in children[id])
                {
                    stack.Push(child);
                }
            }

            result.Add(new UnitChartHealth(unit.Id, Health(byUnit[unit.Id]), Health(subtree)));
        }

        return result;
    }
}
