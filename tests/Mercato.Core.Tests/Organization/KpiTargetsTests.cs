using Mercato.Core.Organization;
using static Mercato.Core.Tests.Organization.Orgs;

namespace Mercato.Core.Tests.Organization;

public class KpiTargetsTests
{
    [Fact]
    public void ValidTargets_Pass()
    {
        var result = KpiTargets.Validate(
            [new TargetInput("retention_d7", "user_ops", "2026-03", 0.2), new TargetInput("gmv", "store_ops", "2026-Q2", 1_000_000)],
            Template("recommended"));

        Assert.True(result.IsValid);
        Assert.Equal(new KpiTarget("gmv", "store_ops", Period.Quarter(2026, 2), 1_000_000), result.Targets[1]);
    }

    [Fact]
    public void EveryProblem_IsListed_AndNothingPasses()
    {
        var result = KpiTargets.Validate(
            [
                new TargetInput("retention_d7", "user_ops", "2026-03", 0.2),
                new TargetInput("happiness", "nobody", "March", double.NaN),
                new TargetInput("cpa", "online_promotion", "2026-Q5", -5),
                new TargetInput("retention_d7", "user_ops", "2026-03", 0.3),
                new TargetInput(null, "", null, double.PositiveInfinity),
            ],
            Template("recommended"));

        Assert.False(result.IsValid);
        Assert.Empty(result.Targets);
        Assert.Equal(
            [
                OrgProblem.Of("targets[1].kpi", Mercato.Core.Campaigns.CampaignCodes.UnknownKpi, ("kpi", "happiness")),
                OrgProblem.Of("targets[1].unit", OrgCodes.UnknownUnitIn, ("unit", "nobody"), ("structure", "Recommended data-driven structure")),
                OrgProblem.Of("targets[1].period", OrgCodes.NotAPeriod, ("value", "March")),
                new OrgProblem("targets[1].value", CommonCodes.NotFinite),
                OrgProblem.Of("targets[2].period", OrgCodes.NotAPeriod, ("value", "2026-Q5")),
                new OrgProblem("targets[2].value", CommonCodes.Negative),
                OrgProblem.Of("targets[3]", OrgCodes.TargetTwice, ("other", "targets[0]")),
                new OrgProblem("targets[4].kpi", CommonCodes.Required),
                new OrgProblem("targets[4].unit", CommonCodes.Required),
                OrgProblem.Of("targets[4].period", OrgCodes.NotAPeriod, ("value", null)),
                new OrgProblem("targets[4].value", CommonCodes.NotFinite),
            ],
            result.Problems);
    }

    [Fact]
    public void WithoutAStructure_NoTargetIsValid()
    {
        var result = KpiTargets.Validate([new TargetInput("dau", "x", "2026-03", 1)], null);

        Assert.Equal(new OrgProblem("targets", OrgCodes.NoStructure), Assert.Single(result.Problems));
    }

    [Fact]
    public void KnownKpis_CanBeGiven_AndTheStructuresOwnKpisCount()
    {
        var s = Make([Dept("a", "A")], kpis: [new KpiAssignment("talk_viewers", "seo", "a")]);

        Assert.True(KpiTargets.Validate([new TargetInput("talk_viewers", "a", "2026-03", 1)], s).IsValid);
        Assert.True(KpiTargets.Validate([new TargetInput("dau", "a", "2026-03", 1)], s).IsValid);
        Assert.False(KpiTargets.Validate([new TargetInput("dau", "a", "2026-03", 1)], s, ["nps"]).IsValid);
        Assert.True(KpiTargets.Validate([new TargetInput("nps", "a", "2026-03", 0)], s, ["nps"]).IsValid);
    }
}
