using Mercato.Core.Campaigns;

namespace Mercato.Core.Tests.Campaigns;

/// <summary>Small fixtures for the campaign tests.</summary>
internal static class Fx
{
    public static readonly DateTimeOffset T0 = new(2026, 2, 20, 9, 0, 0, TimeSpan.Zero);

    public static DateOnly D(int month, int day) => new(2026, month, day);

    public static DateTimeOffset At(int month, int day, int hour = 0, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>A valid launch in March 2026: two budget lines (6000 + 4000), one code, steps 5 and 6.</summary>
    public static Campaign Launch(string id = "bp-launch") => new(
        id, "BP monitor launch", CampaignType.ProductLaunch, "planning", D(3, 1), D(3, 31),
        objectives: [new("reach", 100_000)],
        budget: [new(BudgetItemKind.Channel, "douyin_ads", 6000m), new(BudgetItemKind.Cost, "event", 4000m)],
        codes: ["BP-LAUNCH"],
        brandSteps: [5, 6]);

    public static Squad SquadFor(string campaignId, string id = "launch-squad", bool lead = true) => new(
        id, "Launch squad",
        [new("li-na", lead ? SquadRole.Lead : SquadRole.Media), new("wang-wei", SquadRole.Creative)],
        D(2, 15), D(4, 10), [campaignId]);

    public static LifecycleFacts Facts(params Squad[] squads) => new(squads);

    /// <summary>
    /// The campaign moved forward stage by stage to <paramref name="stage"/>, every move at <paramref name="at"/> (a valid
    /// log; gates are not run).
    /// </summary>
    public static Campaign InStage(Campaign campaign, CampaignStage stage, DateTimeOffset at, string by = "li-na")
    {
        var transitions = new List<StageTransition>();
        for (var s = CampaignStage.Planning; s < stage; s++)
        {
            transitions.Add(new StageTransition(s, s + 1, by, at));
        }

        return campaign with { Stage = stage, Transitions = transitions };
    }

    /// <summary>The campaign moved forward to <paramref name="from"/> at <paramref name="at"/>, then cancelled there with a reason.</summary>
    public static Campaign CancelledFrom(Campaign campaign, CampaignStage from, DateTimeOffset at, string reason = "called off")
    {
        var c = InStage(campaign, from, at);
        return c with
        {
            Stage = CampaignStage.Cancelled,
            Transitions = [.. c.Transitions, new StageTransition(from, CampaignStage.Cancelled, "cmo", at, reason)],
        };
    }

    public static Campaign Closed(string id, DateTimeOffset at, CampaignType type = CampaignType.ContentSeries, params int[] steps) =>
        InStage(new Campaign(id, id, type, "brand", D(1, 1), D(1, 31), codes: [id.ToUpperInvariant()], brandSteps: steps), CampaignStage.Closed, at);
}
