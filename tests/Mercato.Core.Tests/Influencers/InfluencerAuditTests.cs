using System.Reflection;
using Mercato.Core.Anomalies;
using Mercato.Core.Influencers;

namespace Mercato.Core.Tests.Influencers;

public class InfluencerAuditTests
{
    private static readonly Influencer Kol = new(
        "kol-dr-wang", "Dr Wang", InfluencerPlatform.Instagram, "@drwang", ["health"], [], InfluencerCodes.None, [], 50_000);

    private static EngagementSummary Summary(double medianRate, double? reachRate = 0.3, long followers = 50_000) =>
        new(20, new RateSpread(20, medianRate, medianRate * 0.8, medianRate * 1.2), new RateSpread(0, null, null, null),
            new RateSpread(0, null, null, null), followers, reachRate * followers, reachRate);

    private static FakeShareEstimate Share(double share) => new(400, (int)(share * 400), share, share, share - 0.04, share + 0.04, false);

    private static FollowerGrowthScan Growth(int unexplained)
    {
        var jumps = Enumerable.Range(0, unexplained)
            .Select(i => new FollowerJump(new DateOnly(2026, 5, 1 + i), new DateOnly(2026, 5, 1 + i), new DateOnly(2026, 5, 1 + i), 3000, 40, 9, AnomalyDirection.Up, false, null))
            .Append(new FollowerJump(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 1), 5000, 40, 12, AnomalyDirection.Up, true, "viral"))
            .ToList();
        return new FollowerGrowthScan([], new AnomalyOptions(), jumps);
    }

    private static InfluencerAuditInput Input(double fake = 0.05, double rate = 0.03, double? reach = 0.3, int unexplained = 0, params CollaborationReview[] past) =>
        new(Kol, Share(fake), Summary(rate, reach), Growth(unexplained), past);

    [Fact]
    public void Assess_NothingWrong_Signs()
    {
        var r = InfluencerAudit.Assess(Input());
        Assert.Equal(AuditRecommendation.Sign, r.Recommendation);
        Assert.Empty(r.Findings);
        Assert.Equal(InfluencerTier.Micro, r.Tier);
        Assert.Equal(AudienceBand.Good, r.Audience);
        Assert.Equal(EngagementVerdict.AboveMedian, r.Engagement!.Verdict);
        Assert.Equal(0.03 / 0.024, r.Engagement.Ratio, 12);
    }

    [Theory]
    [InlineData(0.1499, AudienceBand.Good)]
    [InlineData(0.15, AudienceBand.Watch)]
    [InlineData(0.2999, AudienceBand.Watch)]
    [InlineData(0.30, AudienceBand.Poor)]
    public void Band_UsesTheDocumentedThresholds(double share, AudienceBand band) => Assert.Equal(band, InfluencerAudit.Band(Share(share)));

    [Fact]
    public void Assess_PoorAudience_Avoids()
    {
        var r = InfluencerAudit.Assess(Input(fake: 0.35));
        Assert.Equal(AuditRecommendation.Avoid, r.Recommendation);
        var f = Assert.Single(r.Findings);
        Assert.Equal(InfluencerAuditCodes.FakeShareHigh, f.Code);
        Assert.True(f.Severe);
        Assert.Equal(0.35, (double)f.Args["share"]!, 12);
        Assert.Equal(0.30, (double)f.Args["threshold"]!, 12);
    }

    [Fact]
    public void Assess_WatchAudienceLowEngagementAndReach_Negotiates_InTheDocumentedOrder()
    {
        var r = InfluencerAudit.Assess(Input(fake: 0.2, rate: 0.008, reach: 0.02, unexplained: 1));
        Assert.Equal(AuditRecommendation.Negotiate, r.Recommendation);
        Assert.Equal(
            [InfluencerAuditCodes.FakeShareWatch, InfluencerAuditCodes.EngagementBelowBenchmark, InfluencerAuditCodes.UnexplainedFollowerJumps, InfluencerAuditCodes.LowReachRate],
            r.Findings.Select(f => f.Code));
        Assert.Equal("below_low", r.Findings[1].Args["verdict"]);
        Assert.Equal(1L, r.Findings[2].Args["count"]);
        Assert.Equal(3000.0, r.Findings[2].Args["gained"]);
        Assert.Equal(1, r.UnexplainedJumps);
    }

    [Fact]
    public void Assess_TwoUnexplainedJumps_Avoids()
    {
        var r = InfluencerAudit.Assess(Input(unexplained: 2));
        Assert.Equal(AuditRecommendation.Avoid, r.Recommendation);
        Assert.True(Assert.Single(r.Findings).Severe);
    }

    [Fact]
    public void Assess_EngagementFarAboveTheBenchmark_IsAFinding()
    {
        var r = InfluencerAudit.Assess(Input(rate: 0.1));
        Assert.Equal(InfluencerAuditCodes.EngagementSuspiciouslyHigh, Assert.Single(r.Findings).Code);
        Assert.Equal(AuditRecommendation.Negotiate, r.Recommendation);
    }

    [Fact]
    public void Assess_NoSample_IsUnknownAudience()
    {
        var r = InfluencerAudit.Assess(Input() with { FakeShare = null, Growth = null });
        Assert.Equal(AudienceBand.Unknown, r.Audience);
        Assert.Equal(InfluencerAuditCodes.NoFollowerSample, Assert.Single(r.Findings).Code);
    }

    /// <summary>Two collaborations: costs 10,000 and 5,000, profits 6,000 and 3,000: pooled (9,000 − 15,000) ÷ 15,000 = −0.4.</summary>
    [Fact]
    public void Assess_PastCollaborations_PoolTheirReturnAndCheckTheCeiling()
    {
        CollaborationReview Review(string id, decimal cost, decimal profit, decimal? cpic, int delivered) => new(
            id, [], [new DeliverableReview(DeliverableKind.Video, 2, delivered)],
            new InfluencerReturn(cost, null, null, null, null, cpic, null, profit, RoiBasis.IncrementalMargin, (double)((profit - cost) / cost)));
        var input = Input(past: [Review("c1", 10_000m, 6_000m, 400m, 2), Review("c2", 5_000m, 3_000m, 90m, 1)]);
        var r = InfluencerAudit.Assess(input, new InfluencerAuditOptions { MaxCostPerIncremental = 200m });
        Assert.Equal(-0.4, r.PooledRoi!.Value, 12);
        Assert.Equal(
            [InfluencerAuditCodes.CostPerIncrementalHigh, InfluencerAuditCodes.UnderDelivered, InfluencerAuditCodes.ReturnNegative],
            r.Findings.Select(f => f.Code));
        Assert.Equal(MessageArgs.Of(("collaboration", "c2"), ("kind", "video"), ("agreed", 2L), ("delivered", 1L)), r.Findings[1].Args);
        Assert.Equal(AuditRecommendation.Negotiate, r.Recommendation);
    }

    [Fact]
    public void Codes_AreSnakeCase()
    {
        var codes = typeof(InfluencerAuditCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.True(CodeForm.IsCode(c), c));
    }
}
