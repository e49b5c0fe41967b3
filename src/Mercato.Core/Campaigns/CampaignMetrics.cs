using Mercato.Core.Kpis;
using Mercato.Core.Organization;

namespace Mercato.Core.Campaigns;

/// <summary>A measure the campaign evaluation computes for the campaign itself, usable as an objective.</summary>
/// <param name="Id">Snake_case id; five of them (<c>reach</c>, <c>clicks</c>, <c>spend</c>, <c>roi</c>, <c>roas</c>) are also KPI catalog ids.</param>
/// <param name="Name">Display name.</param>
/// <param name="Unit">What the value measures.</param>
/// <param name="Direction">Which way is better.</param>
/// <param name="Formula">The formula, in words, as <see cref="CampaignEvaluation"/> computes it.</param>
public sealed record CampaignMetric(string Id, string Name, KpiUnit Unit, Direction Direction, string Formula);

/// <summary>
/// The campaign's own measures (DOMAIN.md §3, activity operations: reach, participants, cost per participant,
/// conversions, ROI). Objectives may name these or any KPI of <see cref="KpiCatalog"/>; for the ids here the evaluation
/// computes the actual in campaign scope (facts carrying the campaign's codes, over its window), for any other KPI the
/// caller supplies the actual over the window (<see cref="EvaluationInput.KpiActuals"/>).
/// </summary>
public static class CampaignMetrics
{
    /// <summary>Every campaign metric, in report order.</summary>
    public static IReadOnlyList<CampaignMetric> All { get; } =
    [
        new("reach", "Reach", KpiUnit.Count, Direction.Higher,
            "Sum of impressions of the spend rows carrying one of the campaign's codes, dated in the campaign window."),
        new("clicks", "Clicks", KpiUnit.Count, Direction.Higher,
            "Sum of clicks of the spend rows carrying one of the campaign's codes, dated in the campaign window."),
        new("touchpoints", "Touchpoints", KpiUnit.Count, Direction.Higher,
            "Number of touchpoints carrying one of the campaign's codes, in the campaign window."),
        new("participants", "Participants", KpiUnit.Count, Direction.Higher,
            "Distinct users among the touchpoints carrying one of the campaign's codes, in the campaign window."),
        new("spend", "Media spend", KpiUnit.Money, Direction.Lower,
            "Sum of spend of the spend rows carrying one of the campaign's codes, dated in the campaign window."),
        new("costs", "Non-media costs", KpiUnit.Money, Direction.Lower,
            "Sum of the amounts of the cost rows carrying one of the campaign's codes (the actuals of its cost budget lines), whatever their month."),
        new("cost_per_participant", "Cost per participant", KpiUnit.Money, Direction.Lower,
            "(Media spend + non-media costs) / participants, rounded to 4 decimals; none without participants."),
        new("attributed_conversions", "Attributed conversions", KpiUnit.Count, Direction.Higher,
            "Conversions credited to the campaign by the chosen attribution model (journeys labelled by campaign), in the campaign window."),
        new("attributed_revenue", "Attributed revenue", KpiUnit.Money, Direction.Higher,
            "Revenue credited to the campaign by the chosen attribution model, in the campaign window, rounded to 4 decimals."),
        new("net_return", "Net return", KpiUnit.Money, Direction.Higher,
            "Attributed gross profit (attributed revenue − attributed product cost) − media spend − non-media costs (RoiCalculator)."),
        new("roi", "Return on investment", KpiUnit.Ratio, Direction.Higher,
            "Net return / (media spend + non-media costs) (RoiCalculator); none when both are 0."),
        new("roas", "Return on ad spend", KpiUnit.Ratio, Direction.Higher,
            "Attributed revenue / media spend (RoiCalculator); none when spend is 0."),
    ];

    private static readonly Dictionary<string, CampaignMetric> ById = All.ToDictionary(m => m.Id, StringComparer.Ordinal);

    /// <summary>A campaign metric by id, or null.</summary>
    public static CampaignMetric? Find(string? id) => id is not null && ById.TryGetValue(id, out var m) ? m : null;

    /// <summary>
    /// The direction and name of an objective's KPI: the campaign metric's when there is one, else the KPI catalog's;
    /// null for an unknown id.
    /// </summary>
    public static (string Name, Direction Direction)? Describe(string? kpi)
    {
        if (Find(kpi) is { } metric)
        {
            return (metric.Name, metric.Direction);
        }

        return KpiCatalog.Find(kpi) is { } def
            ? (def.Name, def.Direction == KpiDirection.LowerIsBetter ? Direction.Lower : Direction.Higher)
            : null;
    }
}
