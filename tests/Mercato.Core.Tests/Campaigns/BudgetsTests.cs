using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using static Mercato.Core.Tests.Campaigns.Fx;

namespace Mercato.Core.Tests.Campaigns;

public class BudgetsTests
{
    [Fact]
    public void Check_LinesUnplannedItemsAndTotal()
    {
        // douyin_ads: 6000 planned, 4000 + 3000 actual (two spellings) → 1000 over (1/6 = 16.7%).
        // event: 4000 planned, 3500 actual → 500 left. baidu_sem: no line, 500 actual → unplanned.
        // Total: 10000 planned, 11000 actual → 1000 over (10%).
        var check = Budgets.Check(Launch(),
        [
            new(BudgetItemKind.Channel, "douyin_ads", 4000m),
            new(BudgetItemKind.Channel, "Douyin_Ads", 3000m),
            new(BudgetItemKind.Cost, "event", 3500m),
            new(BudgetItemKind.Channel, "baidu_sem", 500m),
        ]);

        Assert.Equal(
            [
                new BudgetLineStatus("channel:douyin_ads", BudgetItemKind.Channel, "douyin_ads", 6000m, 7000m, -1000m, 1000m, 7000.0 / 6000, true),
                new BudgetLineStatus("cost:event", BudgetItemKind.Cost, "event", 4000m, 3500m, 500m, 0m, 0.875, true),
                new BudgetLineStatus("channel:baidu_sem", BudgetItemKind.Channel, "baidu_sem", 0m, 500m, -500m, 500m, null, false),
            ],
            check.Lines);
        Assert.Equal((10000m, 11000m, -1000m, true), (check.Planned, check.Actual, check.Remaining, check.TotalOverrun));
        Assert.Equal(
            [
                new BudgetWarning("bp-launch", "channel:douyin_ads", 6000m, 7000m, 1000m, CampaignCodes.BudgetLineOverrun, MessageArgs.Of(
                    ("campaign", "bp-launch"), ("line", "channel:douyin_ads"), ("actual", 7000m), ("planned", 6000m), ("overrun", 1000m), ("share", 1000.0 / 6000))),
                new BudgetWarning("bp-launch", "channel:baidu_sem", 0m, 500m, 500m, CampaignCodes.BudgetUnplannedSpend, MessageArgs.Of(
                    ("campaign", "bp-launch"), ("line", "channel:baidu_sem"), ("actual", 500m))),
                new BudgetWarning("bp-launch", null, 10000m, 11000m, 1000m, CampaignCodes.BudgetTotalOverrun, MessageArgs.Of(
                    ("campaign", "bp-launch"), ("actual", 11000m), ("planned", 10000m), ("overrun", 1000m), ("share", 0.1))),
            ],
            check.Warnings);
    }

    [Fact]
    public void Check_ExactlyOnPlan_WarnsNothing_AndNoActualsMeansZero()
    {
        var onPlan = Budgets.Check(Launch(), [new(BudgetItemKind.Channel, "douyin_ads", 6000m), new(BudgetItemKind.Cost, "event", 4000m)]);
        var nothing = Budgets.Check(Launch(), []);

        Assert.Empty(onPlan.Warnings);
        Assert.False(onPlan.TotalOverrun);
        Assert.Equal([0m, 0m], nothing.Lines.Select(l => l.Actual));
        Assert.Equal(10000m, nothing.Remaining);
    }

    [Fact]
    public void Check_ALineOverWhileTheTotalIsUnder_WarnsForTheLineOnly()
    {
        var check = Budgets.Check(Launch(), [new(BudgetItemKind.Channel, "douyin_ads", 6000.01m)]);

        var only = Assert.Single(check.Warnings);
        Assert.Equal((CampaignCodes.BudgetLineOverrun, "channel:douyin_ads", 6000.01m, 0.01m), (only.Code, only.Line, only.Actual, only.Overrun));
        Assert.Equal(0.01 / 6000, (double)only.Args["share"]!, 12);
    }

    [Fact]
    public void Check_RefusesANegativeActual()
    {
        Assert.Throws<ArgumentException>(() => Budgets.Check(Launch(), [new(BudgetItemKind.Cost, "event", -1m)]));
    }

    [Fact]
    public void SpendActuals_SumsRowsCarryingTheCodesInTheWindowByChannel()
    {
        var spend = new[]
        {
            new SpendFact(D(3, 1), "Douyin_Ads", "BP-LAUNCH", 100m, 1000, 10),
            new SpendFact(D(3, 31), "douyin_ads", "BP-LAUNCH", 50m, null, null),
            new SpendFact(D(3, 15), "baidu_sem", "BP-LAUNCH", 20m, null, null),
            new SpendFact(D(4, 1), "douyin_ads", "BP-LAUNCH", 999m, null, null), // after the window
            new SpendFact(D(3, 2), "douyin_ads", "bp-launch", 999m, null, null), // codes match exactly
            new SpendFact(D(3, 2), "douyin_ads", null, 999m, null, null),
        };

        Assert.Equal(
            [new(BudgetItemKind.Channel, "baidu_sem", 20m), new BudgetActual(BudgetItemKind.Channel, "douyin_ads", 150m)],
            Budgets.SpendActuals(Launch(), spend));
        Assert.Equal([new BudgetActual(BudgetItemKind.Channel, "douyin_ads", 999m)],
            Budgets.SpendActuals(Launch(), spend, new DateRange(D(4, 1), D(4, 30))));
    }
}
