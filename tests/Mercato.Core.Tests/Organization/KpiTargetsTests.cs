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
                new OrgProblem("targets[1].kpi", "unknown KPI \"happiness\""),
                new OrgProblem("targets[1].unit", "unknown unit \"nobody\" in \"Recommended data-driven structure\""),
                new OrgProblem("targets[1].period", "\"March\" is not a period: use a month YYYY-MM or a quarter YYYY-Qn (2026-03, 2026-Q1)"),
                new OrgProblem("targets[1].value", "the target is not a finite number"),
                new OrgProblem("targets[2].period", "\"2026-Q5\" is not a period: use a month YYYY-MM or a quarter YYYY-Qn (2026-03, 2026-Q1)"),
                new OrgProblem("targets[2].value", "a target cannot be negative"),
                new OrgProblem("targets[3]", "the same KPI, unit and period as targets[0]"),
                new OrgProblem("targets[4].kpi", "a KPI id is required"),
                new OrgProblem("targets[4].unit", "a unit id is required"),
                new OrgProblem("targets[4].period", "\"\" is not a period: use a month YYYY-MM or a quarter YYYY-Qn (2026-03, 2026-Q1)"),
                new OrgProblem("targets[4].value", "the target is not a finite number"),
            ],
            result.Problems);
    }

    [Fact]
    public void WithoutAStructure_NoTargetIsValid()
    {
        var result = KpiTargets.Validate([new TargetInput("dau", "x", "2026-03", 1)], null);

        Assert.Equal("targets", Assert.Single(result.Problems).Path);
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
