using Mercato.Core.Mix;

namespace Mercato.Features.Mix;

/// <summary>The JSON the CLI and the API write for a fit and a proposal (docs/mix-model.md, Output).</summary>
internal static class MixShapes
{
    public static object Fit(MixReport report)
    {
        var fit = report.Fit;
        return new
        {
            channels = fit.Channels.Select(c => new
            {
                channel = c.Channel,
                spend = c.Spend,
                contribution = c.Contribution.Value,
                contributionLow = c.Contribution.Low,
                contributionHigh = c.Contribution.High,
                roi = c.Roi.Value,
                roiLow = c.Roi.Low,
                roiHigh = c.Roi.High,
                marginalRoi = c.MarginalRoi.Value,
                marginalRoiLow = c.MarginalRoi.Low,
                marginalRoiHigh = c.MarginalRoi.High,
                currentSpend = c.CurrentSpend,
                highestSpend = c.HighestSpend,
                adstock = Adstock(fit, c),
                saturation = Saturation(fit, c),
            }),
            baseline = fit.Baseline.Value,
            baselineLow = fit.Baseline.Low,
            baselineHigh = fit.Baseline.High,
            controls = new { names = report.Controls, total = fit.ControlsTotal.Value, low = fit.ControlsTotal.Low, high = fit.ControlsTotal.High },
            outcome = fit.Periods.Sum(p => p.Actual),
            periods = fit.Periods.Count,
            periodDays = fit.StepDays,
            fit = new
            {
                r2 = fit.Quality.R2,
                mape = fit.Quality.Mape,
                nrmse = fit.Quality.Nrmse,
                holdoutPeriods = fit.Quality.HoldoutPeriods,
                holdoutR2 = fit.Quality.HoldoutR2,
                holdoutMape = fit.Quality.HoldoutMape,
                holdoutNrmse = fit.Quality.HoldoutNrmse,
            },
            intervals = new { level = fit.Options.IntervalLevel, method = "moving-block residual bootstrap, percentile", replicates = fit.Replicates },
            warnings = fit.Warnings.Concat(report.LeftOut).Select(w => new { code = w.Code, args = w.Args, text = Messages.Text(w) }),
            seconds = Math.Round(report.Seconds, 3),
        };
    }

    public static object Proposal(MixProposal proposal, string? savedPlan = null) => new
    {
        savedPlan,
        budget = proposal.Request.Budget,
        periods = proposal.Request.Periods,
        objective = EnumWords.Word(proposal.Request.Objective),
        maxChange = proposal.Request.MaxChange,
        margins = proposal.Request.Margins,
        spent = proposal.Spent,
        channels = proposal.Channels.Select(c => new
        {
            channel = c.Channel,
            current = c.Current,
            proposed = c.Proposed,
            change = c.Current > 0 ? (c.Proposed / c.Current) - 1 : (double?)null,
            low = c.Low,
            high = c.High,
            currentSpend = c.CurrentSpend,
            target = c.Target,
            periodsToTarget = c.PeriodsToTarget,
            extrapolating = c.Extrapolating,
            marginalRoi = c.MarginalRoi,
            currentMarginalRoi = c.CurrentMarginalRoi,
            outcome = c.Outcome.Value,
            outcomeLow = c.Outcome.Low,
            outcomeHigh = c.Outcome.High,
        }),
        outcome = Interval(proposal.Outcome),
        currentOutcome = Interval(proposal.CurrentOutcome),
        gain = Interval(proposal.Gain),
        netReturn = Interval(proposal.NetReturn),
        currentNetReturn = Interval(proposal.CurrentNetReturn),
        roi = Interval(proposal.Roi),
        currentRoi = Interval(proposal.CurrentRoi),
    };

    /// <summary>A plan as stored (its fields camelCase, statuses and words as in the CLI) with its version.</summary>
    public static object Plan(Versioned<MixPlan> plan) => new { version = plan.Version, savedAt = plan.SavedAt, savedBy = plan.SavedBy, plan = plan.Value };

    /// <summary>Every plan and the accuracy of past forecasts.</summary>
    public static object Book(MixPlanBook book) => new { plans = book.Plans.Select(Plan), accuracy = book.Accuracy };

    private static object Interval(MixInterval i) => new { value = i.Value, low = i.Low, high = i.High };

    private static object Adstock(MixFit fit, MixChannelFit c) => fit.Options.Adstock == AdstockKind.Geometric
        ? new { kind = "geometric", decay = c.Shape.First, maxLag = fit.MaxLag }
        : new { kind = "weibull", shape = c.Shape.First, scale = c.Shape.Second, maxLag = fit.MaxLag };

    private static object Saturation(MixFit fit, MixChannelFit c) => fit.Options.Saturation == SaturationKind.Hill
        ? new { kind = "hill", alpha = c.Shape.Shape, gamma = c.Shape.HalfPoint, spendUnit = c.Scale, coefficient = c.Coefficient }
        : (object)new { kind = "logistic", mu = c.Shape.HalfPoint, spendUnit = c.Scale, coefficient = c.Coefficient };
}
