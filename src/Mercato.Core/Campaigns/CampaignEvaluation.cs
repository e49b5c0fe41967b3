using System.Globalization;
using Mercato.Core.Kpis;
using Mercato.Core.Measurement.Roi;
using Mercato.Core.Organization;

namespace Mercato.Core.Campaigns;

/// <summary>What the facts carrying the campaign's codes show over the campaign window (the store aggregates them).</summary>
/// <param name="Impressions">Σ impressions of the spend rows carrying a code, dated in the window.</param>
/// <param name="Clicks">Σ clicks of those rows.</param>
/// <param name="Touchpoints">Touchpoints carrying a code in the window.</param>
/// <param name="Participants">Distinct users among those touchpoints.</param>
public sealed record CampaignScopeFigures(long Impressions, long Clicks, long Touchpoints, long Participants);

/// <summary>The whole business over one window, all channels and campaigns: what the campaign should have moved.</summary>
/// <param name="Impressions">Σ impressions of all spend rows dated in the window.</param>
/// <param name="Touchpoints">All touchpoints in the window.</param>
/// <param name="Conversions">All conversions in the window.</param>
/// <param name="Revenue">Their revenue.</param>
public sealed record BusinessFigures(long Impressions, long Touchpoints, long Conversions, decimal Revenue);

/// <summary>The campaign's credit under one attribution model, over the window (journeys labelled by campaign).</summary>
/// <param name="Model">The model's name (<c>linear</c>, <c>markov</c>, ...).</param>
/// <param name="Conversions">Conversions credited to the campaign.</param>
/// <param name="Revenue">Revenue credited.</param>
/// <param name="ProductCost">Product cost of the goods in the credited conversions, credited the same way.</param>
public sealed record AttributedFigures(string Model, double Conversions, double Revenue, double ProductCost);

/// <summary>Everything an evaluation needs; the storage layer aggregates it for the windows <see cref="CampaignEvaluation.Windows"/> names.</summary>
/// <param name="Campaign">The campaign.</param>
/// <param name="Scope">Facts carrying the campaign's codes, over the campaign window.</param>
/// <param name="Actuals">Budget actuals: channel spend from the spend rows carrying the codes in the window (<see cref="Budgets.SpendActuals"/>), cost categories as recorded.</param>
/// <param name="Window">The whole business over the campaign window.</param>
/// <param name="Baseline">The whole business over the baseline window, or null when unknown (no uplift then).</param>
/// <param name="Attributed">The campaign's attribution credit, or null when no model was run (no ROI then).</param>
/// <param name="ExplicitBaseline">The baseline window when the user chose one; null for the default.</param>
/// <param name="KpiActuals">Actuals over the campaign window for objective KPIs that are not campaign metrics (gmv, followers_gained, ...).</param>
public sealed record EvaluationInput(
    Campaign Campaign,
    CampaignScopeFigures Scope,
    IReadOnlyList<BudgetActual> Actuals,
    BusinessFigures Window,
    BusinessFigures? Baseline = null,
    AttributedFigures? Attributed = null,
    DateRange? ExplicitBaseline = null,
    IReadOnlyDictionary<string, double>? KpiActuals = null);

/// <summary>One figure of the report, with its formula in words and, for derived figures, the arithmetic with the numbers.</summary>
/// <param name="Id">Snake_case id (the campaign metric ids where they apply).</param>
/// <param name="Label">Display label.</param>
/// <param name="Unit">What the value measures.</param>
/// <param name="Value">The value; null when undefined (a ratio over 0, no attribution).</param>
/// <param name="Formula">How it is computed, in words.</param>
/// <param name="Working">The formula with this campaign's numbers ("1250 / 10000 = 0.125"), or null for a sum read from the data.</param>
/// <param name="Note">
/// Why the working is missing or incomplete (<see cref="CampaignCodes.NoAttributionRun"/>, <see cref="CampaignCodes.NoBaselineFigures"/>,
/// <see cref="CampaignCodes.BaselineIsZero"/>), or null.
/// </param>
public sealed record ReportFigure(string Id, string Label, KpiUnit Unit, double? Value, string Formula, string? Working = null, Message? Note = null);

/// <summary>The campaign window against the baseline for one business figure.</summary>
/// <param name="Id">impressions, touchpoints, conversions or revenue.</param>
/// <param name="Label">Display label.</param>
/// <param name="Window">The value over the campaign window.</param>
/// <param name="Baseline">The value over the baseline window; null when unknown.</param>
/// <param name="Expected">Baseline × window days / baseline days (rounded to 4 decimals): what the window would have had at the baseline's daily rate.</param>
/// <param name="Absolute">Window − expected.</param>
/// <param name="Relative">Absolute / expected; null when expected is 0 or unknown.</param>
/// <param name="Formula">The formula in words.</param>
public sealed record UpliftLine(string Id, string Label, decimal Window, decimal? Baseline, decimal? Expected, decimal? Absolute, double? Relative, string Formula);

/// <summary>An objective against its actual.</summary>
/// <param name="Kpi">The KPI id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Direction">Which way is better.</param>
/// <param name="Target">The target.</param>
/// <param name="Actual">The actual, or null.</param>
/// <param name="Attainment"><see cref="Scorecards.Attainment"/>; null without an actual.</param>
/// <param name="Status"><see cref="Scorecards.Status"/>: on track, at risk, off track, or no data.</param>
/// <param name="Source"><c>campaign</c> (computed by the evaluation), <c>supplied</c> (from <see cref="EvaluationInput.KpiActuals"/>) or <c>none</c>.</param>
/// <param name="Note">The objective's note.</param>
public sealed record ObjectiveResult(
    string Kpi, string Name, Direction Direction, double Target, double? Actual, double? Attainment, KpiStatus Status, string Source, string? Note);

/// <summary>
/// A campaign's evaluation: a record a page renders as a report a CMO can forward. The typed fields are exact (money is
/// decimal); <see cref="Figures"/> lists every figure in report order with its formula.
/// </summary>
/// <param name="Campaign">Campaign id.</param>
/// <param name="Name">Campaign name.</param>
/// <param name="Type">Campaign type.</param>
/// <param name="Unit">Owning unit id.</param>
/// <param name="Stage">Stage when evaluated.</param>
/// <param name="Window">The campaign window: its schedule.</param>
/// <param name="Baseline">The baseline window.</param>
/// <param name="BaselineIsDefault">Whether the baseline is the default (same length, immediately before).</param>
/// <param name="Model">The attribution model, or null.</param>
/// <param name="Reach">Σ impressions carrying the codes.</param>
/// <param name="Clicks">Σ clicks carrying the codes.</param>
/// <param name="Touchpoints">Touchpoints carrying the codes.</param>
/// <param name="Participants">Distinct users touched.</param>
/// <param name="Spend">Σ channel actuals.</param>
/// <param name="Costs">Σ cost actuals.</param>
/// <param name="CostPerParticipant">(Spend + costs) / participants, 4 decimals; null without participants.</param>
/// <param name="AttributedConversions">Credited conversions, or null.</param>
/// <param name="AttributedRevenue">Credited revenue (4 decimals), or null.</param>
/// <param name="AttributedProductCost">Credited product cost (4 decimals), or null.</param>
/// <param name="GrossProfit">Attributed revenue − product cost, or null.</param>
/// <param name="NetReturn">Gross profit − spend − costs, or null.</param>
/// <param name="Roi">Net return / (spend + costs), or null.</param>
/// <param name="Roas">Attributed revenue / spend, or null.</param>
/// <param name="Uplift">Impressions, touchpoints, conversions and revenue against the baseline.</param>
/// <param name="Objectives">Each objective, in the campaign's order.</param>
/// <param name="Budget">Planned against actual.</param>
/// <param name="Figures">Every figure in report order with its formula.</param>
/// <param name="Headline">
/// What a reader sees first: <see cref="CampaignCodes.HeadlineCampaign"/> (name and window), then its parts (ROI, objectives
/// met, revenue uplift); the host renders the first, a colon, and the parts joined by "; ".
/// </param>
public sealed record EvaluationReport(
    string Campaign, string Name, CampaignType Type, string Unit, CampaignStage Stage,
    DateRange Window, DateRange Baseline, bool BaselineIsDefault, string? Model,
    long Reach, long Clicks, long Touchpoints, long Participants,
    decimal Spend, decimal Costs, decimal? CostPerParticipant,
    double? AttributedConversions, decimal? AttributedRevenue, decimal? AttributedProductCost, decimal? GrossProfit, decimal? NetReturn, double? Roi, double? Roas,
    IReadOnlyList<UpliftLine> Uplift, IReadOnlyList<ObjectiveResult> Objectives, BudgetCheck Budget, IReadOnlyList<ReportFigure> Figures, IReadOnlyList<Message> Headline);

/// <summary>
/// A campaign's effect evaluation (DOMAIN.md §3: reach, participants, cost per participant, conversions, ROI; §6: judge
/// input against output). Pure: the storage layer aggregates the inputs over the windows <see cref="Windows"/> gives.
/// </summary>
/// <remarks>
/// <para>
/// Two scopes. Campaign scope: facts carrying one of the campaign's codes in the campaign window (reach, clicks,
/// touchpoints, participants), the budget actuals (spend, costs) and the campaign's attribution credit; ROI, net return
/// and ROAS come from <see cref="RoiCalculator.ForChannelMonth"/> with the campaign as the "channel", its costs as the
/// allocated costs and no department share. Business scope: all facts, in the campaign window against a baseline window,
/// to show what moved.
/// </para>
/// <para>
/// The baseline window is by default the same number of days immediately before the start ([start − n, start − 1] for a
/// campaign of n days); the user may choose another one, which must not overlap the campaign window. Uplift = window −
/// expected, with expected = baseline × (window days / baseline days), so a baseline of another length is compared at its
/// daily rate; relative uplift = uplift / expected. This is a plain before/after comparison: seasonality and other
/// campaigns running at the same time move it too, and it says so in the report.
/// </para>
/// </remarks>
public static class CampaignEvaluation
{
    /// <summary>The campaign window and the baseline window the store must aggregate for.</summary>
    /// <exception cref="ArgumentException">The explicit baseline is invalid (see <see cref="CheckBaseline"/>).</exception>
    public static (DateRange Window, DateRange Baseline) Windows(Campaign campaign, DateRange? explicitBaseline = null)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (CheckBaseline(campaign, explicitBaseline) is { Count: > 0 } problems)
        {
            throw new ArgumentException(problems[0].ToString(), nameof(explicitBaseline));
        }

        return (campaign.Schedule, explicitBaseline ?? campaign.Schedule.Preceding()
            ?? throw new ArgumentException("the campaign has no default baseline: check it first with CheckBaseline", nameof(campaign)));
    }

    /// <summary>
    /// Problems of a chosen baseline (path <c>baseline</c>): its end before its start, or days shared with the campaign
    /// window; without one, a default baseline that would start before 1900-01-01.
    /// </summary>
    public static IReadOnlyList<Problem> CheckBaseline(Campaign campaign, DateRange? baseline)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (baseline is not { } b)
        {
            return campaign.Schedule.Preceding() is null
                ? [Problem.Of("baseline", CampaignCodes.NoDefaultBaseline, ("from", campaign.Start), ("to", campaign.End), ("min", DateRange.MinDay))]
                : [];
        }

        if (!b.IsValid)
        {
            return [CampaignValidation.EndBeforeStart("baseline", b.Start, b.End)];
        }

        return b.Overlaps(campaign.Schedule)
            ? [Problem.Of("baseline", CampaignCodes.BaselineOverlaps, ("from", b.Start), ("to", b.End), ("start", campaign.Start), ("end", campaign.End))]
            : [];
    }

    /// <summary>Evaluates a campaign; see the class remarks for the method and <see cref="ReportFigure.Formula"/> for each figure.</summary>
    public static EvaluationReport Evaluate(EvaluationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var c = input.Campaign;
        var (window, baseline) = Windows(c, input.ExplicitBaseline);
        var scope = input.Scope;
        if (scope.Impressions < 0 || scope.Clicks < 0 || scope.Touchpoints < 0 || scope.Participants < 0)
        {
            throw new ArgumentException("campaign figures must not be negative", nameof(input));
        }

        var budget = Budgets.Check(c, input.Actuals);
        var spend = budget.Lines.Where(l => l.Kind == BudgetItemKind.Channel).Sum(l => l.Actual);
        var costs = budget.Lines.Where(l => l.Kind == BudgetItemKind.Cost).Sum(l => l.Actual);
        decimal? perParticipant = scope.Participants > 0
            ? decimal.Round((spend + costs) / scope.Participants, 4, MidpointRounding.AwayFromZero)
            : null;

        ChannelMonthRoi? roi = null;
        if (input.Attributed is { } attributed)
        {
            roi = RoiCalculator.ForChannelMonth(
                new ChannelMonthInput(c.Id, YearMonth.Of(c.Start), spend, attributed.Conversions, attributed.Revenue, attributed.ProductCost, costs), 0m);
        }

        var figures = new List<ReportFigure>();
        void Add(string id, KpiUnit unit, double? value, string? working = null)
        {
            var metric = CampaignMetrics.Find(id)!;
            figures.Add(new ReportFigure(id, metric.Name, unit, value, metric.Formula, working, working is null && roi is null && IsAttributed(id) ? NoModel : null));
        }

        static bool IsAttributed(string id) => id is "attributed_conversions" or "attributed_revenue" or "net_return" or "roi" or "roas";

        Add("reach", KpiUnit.Count, scope.Impressions);
        Add("clicks", KpiUnit.Count, scope.Clicks);
        Add("touchpoints", KpiUnit.Count, scope.Touchpoints);
        Add("participants", KpiUnit.Count, scope.Participants);
        Add("spend", KpiUnit.Money, (double)spend);
        Add("costs", KpiUnit.Money, (double)costs);
        Add("cost_per_participant", KpiUnit.Money, (double?)perParticipant,
            $"({N(spend)} + {N(costs)}) / {N(scope.Participants)} = {(perParticipant is { } cpp ? N(cpp) : "none")}");
        Add("attributed_conversions", KpiUnit.Count, roi?.Conversions);
        Add("attributed_revenue", KpiUnit.Money, (double?)roi?.Revenue);
        Add("net_return", KpiUnit.Money, (double?)roi?.NetReturn, roi is null ? null
            : $"({N(roi.Revenue)} − {N(roi.ProductCost)}) − {N(spend)} − {N(costs)} = {N(roi.NetReturn)}");
        Add("roi", KpiUnit.Ratio, roi?.Roi, roi is null ? null
            : $"{N(roi.NetReturn)} / ({N(spend)} + {N(costs)}) = {Ratio(roi.Roi)}");
        Add("roas", KpiUnit.Ratio, roi?.Roas, roi is null ? null
            : $"{N(roi.Revenue)} / {N(spend)} = {Ratio(roi.Roas)}");

        var uplift = Uplift(input.Window, input.Baseline, window, baseline);
        foreach (var u in uplift)
        {
            figures.Add(new ReportFigure("uplift_" + u.Id, "Uplift in " + u.Label.ToLowerInvariant(), u.Id == "revenue" ? KpiUnit.Money : KpiUnit.Count,
                (double?)u.Absolute, u.Formula,
                u.Expected is not null
                    ? $"{N(u.Window)} − {N(u.Baseline!.Value)} × {window.Days} / {baseline.Days} = {N(u.Absolute!.Value)}" + (u.Relative is { } r ? $" ({Pct(r)})" : "")
                    : null,
                u.Expected is null ? new Message(CampaignCodes.NoBaselineFigures) : u.Relative is null ? new Message(CampaignCodes.BaselineIsZero) : null));
        }

        var actuals = new Dictionary<string, double?>(StringComparer.Ordinal)
        {
            ["reach"] = scope.Impressions, ["clicks"] = scope.Clicks, ["touchpoints"] = scope.Touchpoints,
            ["participants"] = scope.Participants, ["spend"] = (double)spend, ["costs"] = (double)costs,
            ["cost_per_participant"] = (double?)perParticipant, ["attributed_conversions"] = roi?.Conversions,
            ["attributed_revenue"] = (double?)roi?.Revenue, ["net_return"] = (double?)roi?.NetReturn, ["roi"] = roi?.Roi, ["roas"] = roi?.Roas,
        };
        var objectives = c.Objectives.Select(o =>
        {
            var (name, direction) = CampaignMetrics.Describe(o.Kpi) ?? (o.Kpi, Direction.Higher);
            double? actual;
            string source;
            if (actuals.TryGetValue(o.Kpi, out var computed))
            {
                (actual, source) = (computed, "campaign");
            }
            else if (input.KpiActuals is not null && input.KpiActuals.TryGetValue(o.Kpi, out var supplied))
            {
                (actual, source) = (supplied, "supplied");
            }
            else
            {
                (actual, source) = (null, "none");
            }

            return new ObjectiveResult(o.Kpi, name, direction, o.Target, actual,
                Scorecards.Attainment(actual, o.Target, direction), Scorecards.Status(actual, o.Target, direction), source, o.Note);
        }).ToList();

        var headline = Headline(c, window, roi, spend + costs, objectives, uplift);
        return new EvaluationReport(
            c.Id, c.Name, c.Type, c.Unit, c.Stage, window, baseline, input.ExplicitBaseline is null, input.Attributed?.Model,
            scope.Impressions, scope.Clicks, scope.Touchpoints, scope.Participants, spend, costs, perParticipant,
            roi?.Conversions, roi?.Revenue, roi?.ProductCost, roi?.GrossProfit, roi?.NetReturn, roi?.Roi, roi?.Roas,
            uplift, objectives, budget, figures, headline);
    }

    /// <summary>
    /// Uplift of each business figure: expected = baseline × window days / baseline days (4 decimals), absolute = window −
    /// expected, relative = absolute / expected (null when expected is 0); all null without baseline figures.
    /// </summary>
    public static IReadOnlyList<UpliftLine> Uplift(BusinessFigures window, BusinessFigures? baseline, DateRange windowDays, DateRange baselineDays)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (!windowDays.IsValid || !baselineDays.IsValid)
        {
            throw new ArgumentException("both windows must end on or after their start");
        }

        const string Rule = " over the campaign window against the baseline window at the same daily rate: window − baseline × window days / baseline days; relative = that / (baseline × window days / baseline days). A before/after comparison: seasonality and other campaigns move it too.";
        return
        [
            Line("impressions", "Impressions", window.Impressions, baseline?.Impressions, "All impressions of the spend data" + Rule),
            Line("touchpoints", "Touchpoints", window.Touchpoints, baseline?.Touchpoints, "All touchpoints" + Rule),
            Line("conversions", "Conversions", window.Conversions, baseline?.Conversions, "All conversions" + Rule),
            Line("revenue", "Revenue", window.Revenue, baseline?.Revenue, "Revenue of all conversions" + Rule),
        ];

        UpliftLine Line(string id, string label, decimal now, decimal? before, string formula)
        {
            if (before is not { } b)
            {
                return new UpliftLine(id, label, now, null, null, null, null, formula);
            }

            var expected = decimal.Round(b * windowDays.Days / baselineDays.Days, 4, MidpointRounding.AwayFromZero);
            var absolute = now - expected;
            return new UpliftLine(id, label, now, b, expected, absolute, expected == 0 ? null : (double)absolute / (double)expected, formula);
        }
    }

    private static readonly Message NoModel = new(CampaignCodes.NoAttributionRun);

    private static List<Message> Headline(Campaign c, DateRange window, ChannelMonthRoi? roi, decimal cost, IReadOnlyList<ObjectiveResult> objectives, IReadOnlyList<UpliftLine> uplift)
    {
        var parts = new List<Message> { Message.Of(CampaignCodes.HeadlineCampaign, ("name", c.Name), ("from", window.Start), ("to", window.End)) };
        parts.Add(roi?.Roi is { } r
            ? Message.Of(CampaignCodes.HeadlineRoi, ("roi", r), ("cost", cost))
            : roi is null ? Message.Of(CampaignCodes.HeadlineRoiNotComputed, ("cost", cost)) : new Message(CampaignCodes.HeadlineRoiUndefined));
        var judged = objectives.Where(o => o.Status is KpiStatus.OnTrack or KpiStatus.AtRisk or KpiStatus.OffTrack).ToList();
        if (objectives.Count > 0)
        {
            parts.Add(Message.Of(CampaignCodes.HeadlineObjectivesMet, ("met", judged.Count(o => o.Status == KpiStatus.OnTrack)), ("count", objectives.Count)));
        }

        var revenue = uplift.First(u => u.Id == "revenue");
        if (revenue.Relative is { } rel)
        {
            parts.Add(Message.Of(CampaignCodes.HeadlineRevenueUplift, ("relative", rel)));
        }

        return parts;
    }

    private static string N(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Ratio(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "none";

    private static string Pct(double value) => value.ToString("0.#%", CultureInfo.InvariantCulture);
}
