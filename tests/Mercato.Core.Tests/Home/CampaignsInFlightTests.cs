using Mercato.Core.Campaigns;
using Mercato.Core.Home;

namespace Mercato.Core.Tests.Home;

public class CampaignsInFlightTests
{
    [Fact]
    public void InFlight_IsPlanningThroughEvaluation_NotClosedOrCancelled()
    {
        Assert.Equal(
            [CampaignStage.Planning, CampaignStage.ResourcesConfirmed, CampaignStage.Promotion, CampaignStage.Evaluation],
            Enum.GetValues<CampaignStage>().Where(CampaignsInFlight.IsInFlight));
    }

    [Fact]
    public void Of_KeepsTheCampaignsInFlight_ByStage_ThenSoonestEnd_ThenId()
    {
        static Campaign C(string id, CampaignStage stage, int endDay) =>
            new Campaign(id, id, CampaignType.ProductLaunch, "planning", new DateOnly(2026, 1, 1), new DateOnly(2026, 3, endDay)) with { Stage = stage };

        var campaigns = new[]
        {
            C("z", CampaignStage.Promotion, 10), C("closed", CampaignStage.Closed, 1), C("b", CampaignStage.Planning, 20),
            C("a", CampaignStage.Planning, 20), C("gone", CampaignStage.Cancelled, 1), C("y", CampaignStage.Promotion, 5),
            C("e", CampaignStage.Evaluation, 1), C("r", CampaignStage.ResourcesConfirmed, 30),
        };
        Assert.Equal(["a", "b", "r", "y", "z", "e"], CampaignsInFlight.Of(campaigns).Select(c => c.Id));
    }

    [Fact]
    public void BudgetUsed_IsActualOverPlanned_NullWithoutAPlan()
    {
        Assert.Equal(0.25, CampaignsInFlight.BudgetUsed(400m, 100m));
        Assert.Equal(1.5, CampaignsInFlight.BudgetUsed(200m, 300m));
        Assert.Equal(0.0, CampaignsInFlight.BudgetUsed(200m, 0m));
        Assert.Null(CampaignsInFlight.BudgetUsed(0m, 50m));
    }
}
