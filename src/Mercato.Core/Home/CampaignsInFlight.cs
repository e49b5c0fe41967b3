using Mercato.Core.Campaigns;

namespace Mercato.Core.Home;

/// <summary>
/// The campaigns in flight (docs/home.md, Campaigns in flight): those in planning, resources confirmed, promotion or
/// evaluation, i.e. not yet closed and not cancelled. Their order: by stage along the lifecycle, then by last day (the one
/// ending soonest first), then by id. A campaign's budget used is actual ÷ planned, null when nothing is planned.
/// </summary>
public static class CampaignsInFlight
{
    /// <summary>The stages of a campaign in flight, in lifecycle order.</summary>
    public static IReadOnlyList<CampaignStage> Stages { get; } =
        [CampaignStage.Planning, CampaignStage.ResourcesConfirmed, CampaignStage.Promotion, CampaignStage.Evaluation];

    /// <summary>Whether a campaign in <paramref name="stage"/> is in flight.</summary>
    public static bool IsInFlight(CampaignStage stage) => Stages.Contains(stage);

    /// <summary>The campaigns of <paramref name="campaigns"/> in flight, in the order of the class remarks.</summary>
    public static IReadOnlyList<Campaign> Of(IEnumerable<Campaign> campaigns)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        return [.. campaigns.Where(c => IsInFlight(c.Stage)).OrderBy(c => c.Stage).ThenBy(c => c.End).ThenBy(c => c.Id, StringComparer.Ordinal)];
    }

    /// <summary>Actual ÷ planned (1 is the whole budget; above 1 is over it); null when <paramref name="planned"/> is not above 0.</summary>
    public static double? BudgetUsed(decimal planned, decimal actual) => planned > 0 ? (double)(actual / planned) : null;
}
