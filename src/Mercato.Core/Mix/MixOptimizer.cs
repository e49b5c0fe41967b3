using System.Text.Json.Serialization;

namespace Mercato.Core.Mix;

/// <summary>What the optimizer maximises.</summary>
public enum MixObjective
{
    /// <summary>The expected outcome, the whole budget spent.</summary>
    [JsonStringEnumMemberName("revenue")]
    Revenue,

    /// <summary>Σ margin_c·outcome_c − spend_c; the budget is a ceiling (money is left unspent where an extra unit returns less than it costs, the guard rails allowing).</summary>
    [JsonStringEnumMemberName("net-return")]
    NetReturn,
}

/// <summary>A bound on one channel's spend over the whole planning period.</summary>
public sealed record MixBound(string Channel, double Low, double High);

/// <summary>A budget question for <see cref="MixOptimizer.Propose"/>.</summary>
/// <param name="Budget">The money to plan over the whole planning period.</param>
/// <param name="Periods">How many model periods (weeks or days) the planning period holds; may be fractional (a month is 31/7 weeks).</param>
/// <param name="Bounds">Explicit bounds, over the whole planning period; a channel without current spend moves only with one.</param>
/// <param name="MaxChange">The largest move of any channel from its current spend per period, as a share (0.3: ±30%).</param>
/// <param name="Objective">What to maximise.</param>
/// <param name="Margins">For net return: the share of the outcome kept per channel (1 − product cost share − allocated costs share); missing channels use 1.</param>
public sealed record MixBudgetRequest(
    double Budget,
    double Periods,
    IReadOnlyList<MixBound> Bounds,
    double MaxChange = 0.3,
    MixObjective Objective = MixObjective.Revenue,
    IReadOnlyDictionary<string, double>? Margins = null);

/// <summary>The proposal for one channel; money over the whole planning period.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Current">The current split's spend: the budget shared as the current spend per period is.</param>
/// <param name="Proposed">The proposed spend.</param>
/// <param name="Low">The lowest spend the guard rails allow.</param>
/// <param name="High">The highest spend the guard rails allow.</param>
/// <param name="Target">Where the channel would go without the ±max-change guard rail (bounds and budget kept).</param>
/// <param name="PeriodsToTarget">How many planning periods of moves of at most max-change reach <paramref name="Target"/> (a glide path; 0 when there already, −1 when the target is 0: stepped down, never cut at once).</param>
/// <param name="Extrapolating">The proposed spend per period exceeds the highest the data has seen: the curve there is an extrapolation.</param>
/// <param name="MarginalRoi">Extra outcome per extra unit of spend at the proposed spend.</param>
/// <param name="CurrentMarginalRoi">The same at the current spend.</param>
/// <param name="Outcome">Expected outcome of the channel at the proposed spend over the period, with its interval.</param>
/// <param name="CurrentSpend">The channel's current spend per period (the mean of the last periods) times the periods planned: what the ±max-change rail is measured from.</param>
public sealed record MixAllocation(
    string Channel,
    double Current,
    double Proposed,
    double Low,
    double High,
    double Target,
    int PeriodsToTarget,
    bool Extrapolating,
    double MarginalRoi,
    double CurrentMarginalRoi,
    MixInterval Outcome,
    double CurrentSpend);

/// <summary>A proposal against keeping the current split, every total over the planning period with its interval.</summary>
/// <param name="Request">The question.</param>
/// <param name="Channels">Per channel.</param>
/// <param name="Outcome">Expected media outcome of the proposal.</param>
/// <param name="CurrentOutcome">Expected media outcome of the current split of the same budget.</param>
/// <param name="Gain">Proposal minus current split, paired replicate by replicate.</param>
/// <param name="NetReturn">Σ margin·outcome − spend of the proposal.</param>
/// <param name="CurrentNetReturn">The same for the current split.</param>
/// <param name="Roi">Outcome ÷ spend of the proposal.</param>
/// <param name="CurrentRoi">The same for the current split.</param>
/// <param name="Spent">The proposal's total spend (the budget, or less for net return).</param>
public sealed record MixProposal(
    MixBudgetRequest Request,
    IReadOnlyList<MixAllocation> Channels,
    MixInterval Outcome,
    MixInterval CurrentOutcome,
    MixInterval Gain,
    MixInterval NetReturn,
    MixInterval CurrentNetReturn,
    MixInterval Roi,
    MixInterval CurrentRoi,
    double Spent);

/// <summary>
/// Budget allocation on the fitted response curves (docs/mix-model.md, Optimizer): maximise Σ w_c·r_c(s_c) subject to
/// Σ s_c = B (revenue) or ≤ B (net return) and the guard rails, by bisection on the Lagrange multiplier μ: each channel
/// takes the s in its range that maximises w_c·r_c(s) − μ·s (for a concave curve where w_c·r_c′(s) = μ, found by
/// bisection; for an S-shaped one by a scan and refinement, since the best point may jump), then any remainder left by a
/// jump goes, in small steps, where it adds the most.
/// </summary>
public static class MixOptimizer
{
    /// <summary>What is wrong with <paramref name="request"/> for <paramref name="fit"/>; empty when a proposal can be made.</summary>
    public static IReadOnlyList<Problem> Problems(MixFit fit, MixBudgetRequest request)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<Problem>();
        if (!(request.Budget >= 0) || double.IsInfinity(request.Budget))
        {
            problems.Add(Problem.Of("budget", MixCodes.BadRequest, ("field", "budget")));
        }

        if (!(request.Periods > 0) || double.IsInfinity(request.Periods))
        {
            problems.Add(Problem.Of("period", MixCodes.BadRequest, ("field", "period")));
        }

        if (!(request.MaxChange is >= 0 and <= 1))
        {
            problems.Add(Problem.Of("maxChange", MixCodes.BadRequest, ("field", "maxChange")));
        }

        foreach (var bound in request.Bounds)
        {
            if (!fit.Channels.Any(c => c.Channel == bound.Channel))
            {
                problems.Add(Problem.Of("bounds", MixCodes.UnknownChannel, ("channel", bound.Channel)));
            }
            else if (!(bound.Low >= 0) || !(bound.High >= bound.Low) || double.IsInfinity(bound.High))
            {
                problems.Add(Problem.Of("bounds", MixCodes.BadBound, ("channel", bound.Channel)));
            }
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        var (low, high) = Rails(fit, request);
        var min = low.Sum() * request.Periods;
        var max = high.Sum() * request.Periods;
        var objectiveAllowsLess = request.Objective == MixObjective.NetReturn;
        if (request.Budget < min - 1e-6 || (!objectiveAllowsLess && request.Budget > max + 1e-6))
        {
            problems.Add(Problem.Of("budget", MixCodes.BudgetInfeasible, ("budget", request.Budget), ("min", Math.Round(min, 2)), ("max", Math.Round(max, 2))));
        }

        return problems;
    }

    /// <summary>The proposal; call <see cref="Problems"/> first.</summary>
    /// <exception cref="ArgumentException">The request has problems.</exception>
    public static MixProposal Propose(MixFit fit, MixBudgetRequest request)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(request);
        var problems = Problems(fit, request);
        if (problems.Count > 0)
        {
            throw new ArgumentException("the budget request has problems: " + string.Join("; ", problems), nameof(request));
        }

        var channels = fit.Channels.Count;
        var weights = fit.Channels.Select(c => Weight(request, c.Channel)).ToArray();
        var budget = request.Budget / request.Periods;
        var (low, high) = Rails(fit, request);
        var proposed = Allocate(fit, weights, low, high, budget, request.Objective);

        // Without the ±max-change rail: where each channel is headed, for the glide path.
        var (freeLow, freeHigh) = Rails(fit, request with { MaxChange = 1e9 }, keepCurrentFloor: false);
        var target = Allocate(fit, weights, freeLow, freeHigh, Math.Min(budget, freeHigh.Sum()), request.Objective);

        var currentTotal = fit.Channels.Sum(c => c.CurrentSpend);
        var current = fit.Channels.Select(c => currentTotal > 0 ? budget * c.CurrentSpend / currentTotal : budget / channels).ToArray();

        var allocations = new List<MixAllocation>(channels);
        for (var c = 0; c < channels; c++)
        {
            var index = c;
            var outcome = fit.Interval(
                fit.Response(c, proposed[c], -1) * request.Periods,
                Enumerable.Range(0, fit.ReplicateCount).Select(r => fit.Response(index, proposed[index], r) * request.Periods));
            allocations.Add(new MixAllocation(
                fit.Channels[c].Channel,
                current[c] * request.Periods,
                proposed[c] * request.Periods,
                low[c] * request.Periods,
                high[c] * request.Periods,
                target[c] * request.Periods,
                Steps(fit.Channels[c].CurrentSpend, target[c], request.MaxChange),
                proposed[c] > fit.Channels[c].HighestSpend * (1 + 1e-9),
                fit.Slope(c, proposed[c], -1),
                fit.Slope(c, fit.Channels[c].CurrentSpend, -1),
                outcome,
                fit.Channels[c].CurrentSpend * request.Periods));
        }

        double Total(double[] spend, int r)
        {
            var sum = 0.0;
            for (var c = 0; c < channels; c++)
            {
                sum += fit.Response(c, spend[c], r);
            }

            return sum * request.Periods;
        }

        double Net(double[] spend, int r)
        {
            var sum = 0.0;
            for (var c = 0; c < channels; c++)
            {
                sum += (weights[c] * fit.Response(c, spend[c], r)) - spend[c];
            }

            return sum * request.Periods;
        }

        var replicates = Enumerable.Range(0, fit.ReplicateCount).ToArray();
        var spent = proposed.Sum() * request.Periods;
        var currentSpent = current.Sum() * request.Periods;
        return new MixProposal(
            request,
            allocations,
            fit.Interval(Total(proposed, -1), replicates.Select(r => Total(proposed, r))),
            fit.Interval(Total(current, -1), replicates.Select(r => Total(current, r))),
            fit.Interval(Total(proposed, -1) - Total(current, -1), replicates.Select(r => Total(proposed, r) - Total(current, r))),
            fit.Interval(Net(proposed, -1), replicates.Select(r => Net(proposed, r))),
            fit.Interval(Net(current, -1), replicates.Select(r => Net(current, r))),
            fit.Interval(Ratio(Total(proposed, -1), spent), replicates.Select(r => Ratio(Total(proposed, r), spent))),
            fit.Interval(Ratio(Total(current, -1), currentSpent), replicates.Select(r => Ratio(Total(current, r), currentSpent))),
            spent);
    }

    /// <summary>
    /// The guard rails per period: [current·(1 − max change), current·(1 + max change)] intersected with the explicit
    /// bound; a channel with no current spend stays at 0 unless bounded explicitly.
    /// </summary>
    internal static (double[] Low, double[] High) Rails(MixFit fit, MixBudgetRequest request, bool keepCurrentFloor = true)
    {
        var n = fit.Channels.Count;
        var low = new double[n];
        var high = new double[n];
        for (var c = 0; c < n; c++)
        {
            var current = fit.Channels[c].CurrentSpend;
            var change = Math.Min(request.MaxChange, keepCurrentFloor ? 1 : double.MaxValue);
            low[c] = keepCurrentFloor ? current * Math.Max(0, 1 - change) : 0;
            high[c] = current * (1 + change);
            var bound = request.Bounds.FirstOrDefault(b => b.Channel == fit.Channels[c].Channel);
            if (bound is not null)
            {
                low[c] = Math.Max(low[c], bound.Low / request.Periods);
                high[c] = current > 0 ? Math.Min(high[c], bound.High / request.Periods) : bound.High / request.Periods;
                if (current <= 0)
                {
                    low[c] = bound.Low / request.Periods;
                }

                if (low[c] > high[c])
                {
                    // The explicit bound wins over the rail: the planner asked for it.
                    (low[c], high[c]) = (bound.Low / request.Periods, bound.High / request.Periods);
                }
            }
        }

        return (low, high);
    }

    /// <summary>The best split of <paramref name="budget"/> per period within [low, high] (see the class summary).</summary>
    internal static double[] Allocate(MixFit fit, double[] weights, double[] low, double[] high, double budget, MixObjective objective)
    {
        var n = weights.Length;
        double[] At(double mu)
        {
            var s = new double[n];
            for (var c = 0; c < n; c++)
            {
                s[c] = Best(fit, c, weights[c], mu, low[c], high[c]);
            }

            return s;
        }

        var lowSum = low.Sum();
        if (budget <= lowSum)
        {
            return (double[])low.Clone();
        }

        // μ = the marginal outcome per unit of spend; net return never pays more than 1 for 1.
        var muLow = objective == MixObjective.NetReturn ? 1.0 : 0.0;
        var spendAtFloor = At(muLow);
        if (spendAtFloor.Sum() <= budget)
        {
            // Everything worth buying fits (net return), or every channel is at its ceiling.
            return objective == MixObjective.NetReturn ? spendAtFloor : Fill(fit, weights, spendAtFloor, high, budget);
        }

        var muHigh = 1.0;
        for (var c = 0; c < n; c++)
        {
            muHigh = Math.Max(muHigh, weights[c] * MaxSlope(fit, c, high[c]));
        }

        muHigh *= 2;
        for (var k = 0; k < 100; k++)
        {
            var mu = (muLow + muHigh) / 2;
            if (At(mu).Sum() > budget)
            {
                muLow = mu;
            }
            else
            {
                muHigh = mu;
            }
        }

        // At μ_high the spend fits the budget; what a jump of an S-shaped curve left over goes where it adds the most.
        return Fill(fit, weights, At(muHigh), high, budget);
    }

    private static double[] Fill(MixFit fit, double[] weights, double[] spend, double[] high, double budget)
    {
        var s = (double[])spend.Clone();
        var left = budget - s.Sum();
        if (left <= 1e-9 * Math.Max(1, budget))
        {
            return s;
        }

        const int Steps = 400;
        var step = left / Steps;
        for (var k = 0; k < Steps; k++)
        {
            var best = -1;
            var bestGain = double.NegativeInfinity;
            for (var c = 0; c < s.Length; c++)
            {
                var room = Math.Min(step, high[c] - s[c]);
                if (room <= 0)
                {
                    continue;
                }

                var gain = weights[c] * (fit.Response(c, s[c] + room, -1) - fit.Response(c, s[c], -1)) / room;
                if (gain > bestGain)
                {
                    bestGain = gain;
                    best = c;
                }
            }

            if (best < 0)
            {
                break;
            }

            s[best] += Math.Min(step, high[best] - s[best]);
        }

        return s;
    }

    /// <summary>argmax over [low, high] of w·r(s) − μ·s for one channel.</summary>
    private static double Best(MixFit fit, int c, double w, double mu, double low, double high)
    {
        if (high <= low)
        {
            return low;
        }

        double Value(double s) => (w * fit.Response(c, s, -1)) - (mu * s);
        if (IsConcave(fit, c))
        {
            // w·r′ decreases: bisection on w·r′(s) = μ.
            if (w * fit.Slope(c, low, -1) <= mu)
            {
                return low;
            }

            if (w * fit.Slope(c, high, -1) >= mu)
            {
                return high;
            }

            double a = low, b = high;
            for (var k = 0; k < 80; k++)
            {
                var m = (a + b) / 2;
                if (w * fit.Slope(c, m, -1) > mu)
                {
                    a = m;
                }
                else
                {
                    b = m;
                }
            }

            return (a + b) / 2;
        }

        // S-shaped: scan, then refine around the best point of the scan.
        const int Points = 200;
        var bestS = low;
        var bestValue = Value(low);
        for (var k = 1; k <= Points; k++)
        {
            var s = low + ((high - low) * k / Points);
            var v = Value(s);
            if (v > bestValue)
            {
                bestValue = v;
                bestS = s;
            }
        }

        var width = (high - low) / Points;
        double lo = Math.Max(low, bestS - width), hi = Math.Min(high, bestS + width);
        for (var k = 0; k < 60; k++)
        {
            var m1 = lo + ((hi - lo) / 3);
            var m2 = hi - ((hi - lo) / 3);
            if (Value(m1) < Value(m2))
            {
                lo = m1;
            }
            else
            {
                hi = m2;
            }
        }

        var refined = (lo + hi) / 2;
        return Value(refined) >= bestValue ? refined : bestS;
    }

    private static bool IsConcave(MixFit fit, int c) =>
        fit.Options.Saturation == SaturationKind.Logistic || fit.Channels[c].Shape.Shape <= 1;

    private static double MaxSlope(MixFit fit, int c, double high)
    {
        var max = 0.0;
        for (var k = 0; k <= 50; k++)
        {
            max = Math.Max(max, fit.Slope(c, Math.Max(high, fit.Channels[c].Scale) * k / 50, -1));
        }

        return max;
    }

    private static double Weight(MixBudgetRequest request, string channel) =>
        request.Objective == MixObjective.NetReturn && request.Margins is not null && request.Margins.TryGetValue(channel, out var m) ? m : 1;

    private static int Steps(double current, double target, double maxChange)
    {
        if (Math.Abs(target - current) <= 1e-9 * Math.Max(1, current))
        {
            return 0;
        }

        if (target <= 1e-9 || current <= 0 || maxChange <= 0)
        {
            return -1;
        }

        var factor = target > current ? 1 + maxChange : 1 - maxChange;
        return (int)Math.Ceiling(Math.Log(target / current) / Math.Log(factor) - 1e-9);
    }

    private static double Ratio(double a, double b) => b > 0 ? a / b : 0;
}

/// <summary>
/// The share of the outcome a channel keeps as net return, from the ROI report (docs/mix-model.md, Net return): per channel
/// over the report's rows, (revenue − product cost − allocated costs) ÷ the outcome in the model's unit (revenue, gross
/// profit, or conversions: then it is net money per conversion). A channel the report credits nothing uses the ratio over
/// all channels; with nothing credited at all, 1. Never below 0: a channel that loses money on every sale keeps nothing.
/// </summary>
public static class MixMargins
{
    /// <summary>The margin per channel of <paramref name="channels"/>.</summary>
    public static IReadOnlyDictionary<string, double> FromRoi(IEnumerable<Measurement.Roi.ChannelMonthRoi> rows, MixOutcomeKind outcome, IEnumerable<string> channels)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(channels);
        var sums = new Dictionary<string, (double Kept, double Unit)>(StringComparer.Ordinal);
        var total = (Kept: 0.0, Unit: 0.0);
        foreach (var r in rows)
        {
            var kept = (double)(r.Revenue - r.ProductCost - r.AllocatedCosts);
            var unit = outcome switch
            {
                MixOutcomeKind.Conversions => r.Conversions,
                MixOutcomeKind.GrossProfit => (double)(r.Revenue - r.ProductCost),
                _ => (double)r.Revenue,
            };
            var cur = sums.GetValueOrDefault(r.Channel);
            sums[r.Channel] = (cur.Kept + kept, cur.Unit + unit);
            total = (total.Kept + kept, total.Unit + unit);
        }

        var fallback = total.Unit > 0 ? Math.Max(0, total.Kept / total.Unit) : 1;
        return channels.ToDictionary(
            c => c,
            c => sums.TryGetValue(c, out var s) && s.Unit > 0 ? Math.Max(0, s.Kept / s.Unit) : fallback,
            StringComparer.Ordinal);
    }
}
