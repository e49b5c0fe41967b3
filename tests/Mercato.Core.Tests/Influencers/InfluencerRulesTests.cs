using Mercato.Core.Influencers;

namespace Mercato.Core.Tests.Influencers;

public class InfluencerRulesTests
{
    private static readonly Influencer Valid = new(
        "dr-wang", "Dr Wang", InfluencerPlatform.Douyin, "drwang", ["health"], [new RateCardItem(DeliverableKind.Video, 1000m)],
        new InfluencerCodes(["KOL-WANG"], ["wang-notes"], ["Dr Wang"], ["kol-wang-fee"]),
        [new Collaboration("c1", "spring-2026", [new Deliverable(DeliverableKind.Video, 2)], 500m, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), CollaborationStatus.Completed, "spring-2026")]);

    private static readonly string[] Campaigns = ["spring", "spring-2026"];

    private static List<(string, string)> Problems(Influencer i, params Influencer[] others) =>
        [.. InfluencerRules.Problems(i, Campaigns, others).Select(p => (p.Path, p.Code))];

    [Fact]
    public void AValidInfluencer_HasNoProblem_AndMayTagItsPostsWithItsCampaignsCode() => Assert.Empty(Problems(Valid));

    [Fact]
    public void ACode_JoinsOneOwner_NotAnotherInfluencerNorACampaign()
    {
        var other = Valid with { Id = "li-na", Codes = new InfluencerCodes(["kol-wang"], ["SPRING-2026"], ["dr wang"], []), Collaborations = [] };
        Assert.Equal(
            [
                ("codes.referral[0]", InfluencerDirectoryCodes.CodeTakenByInfluencer), ("codes.campaign[0]", InfluencerDirectoryCodes.CodeIsCampaign),
                ("codes.hosts[0]", InfluencerDirectoryCodes.CodeTakenByInfluencer),
            ],
            Problems(other, Valid));

        // The stored version of the same influencer is not "another".
        Assert.Empty(Problems(Valid, Valid));
    }

    [Fact]
    public void BadFields_AreEachReportedWithTheirPath()
    {
        var bad = Valid with
        {
            Id = "Dr Wang",
            Name = " ",
            Categories = ["health", "HEALTH"],
            RateCard = [new RateCardItem(DeliverableKind.Video, -1m), new RateCardItem(DeliverableKind.Video, 2m)],
            DeclaredFollowers = -5,
            Collaborations =
            [
                new Collaboration("c1", "autumn", [new Deliverable(DeliverableKind.Post, 0)], -3m, new DateOnly(2026, 3, 31), new DateOnly(2026, 3, 1), CollaborationStatus.Active, "nobody"),
                new Collaboration("c1", null, [], 1m, new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 2), CollaborationStatus.Proposed),
            ],
        };
        Assert.Equal(
            [
                ("id", CommonCodes.NotSlug), ("name", CommonCodes.Required), ("declaredFollowers", CommonCodes.Negative),
                ("categories[1]", CommonCodes.DuplicateIgnoringCase), ("rateCard[0].price", CommonCodes.Negative), ("rateCard[1].kind", CommonCodes.Duplicate),
                ("collaborations[0].campaign", InfluencerDirectoryCodes.UnknownCampaign), ("collaborations[0].code", InfluencerDirectoryCodes.CollaborationCodeNotOwn),
                ("collaborations[0].end", CommonCodes.EndBeforeStart), ("collaborations[0].agreedFee", CommonCodes.Negative),
                ("collaborations[0].deliverables[0].count", CommonCodes.OutOfRange), ("collaborations[1].id", CommonCodes.Duplicate),
            ],
            Problems(bad));
    }

    [Theory]
    [InlineData(0, InfluencerTier.Nano)]
    [InlineData(9_999, InfluencerTier.Nano)]
    [InlineData(10_000, InfluencerTier.Micro)]
    [InlineData(99_999, InfluencerTier.Micro)]
    [InlineData(100_000, InfluencerTier.Mid)]
    [InlineData(499_999, InfluencerTier.Mid)]
    [InlineData(500_000, InfluencerTier.Macro)]
    [InlineData(1_000_000, InfluencerTier.Mega)]
    [InlineData(-3, InfluencerTier.Nano)]
    public void Tiers_FollowTheDocumentedBands(long followers, InfluencerTier tier) => Assert.Equal(tier, InfluencerTiers.Of(followers));

    [Fact]
    public void BenchmarkRows_AreShares_WithLowAtMostTheMedian()
    {
        var set = new EngagementBenchmarkSet(
        [
            new EngagementBenchmark(InfluencerPlatform.Douyin, InfluencerTier.Mid, 0.03, 0.01),
            new EngagementBenchmark(InfluencerPlatform.Douyin, InfluencerTier.Mid, 0.03, 0.01),
            new EngagementBenchmark(InfluencerPlatform.Weibo, InfluencerTier.Mega, 2.5, 0.01),
            new EngagementBenchmark(InfluencerPlatform.Weibo, InfluencerTier.Macro, 0.02, 0.03),
        ]);
        Assert.Equal([("rows[1]", CommonCodes.Duplicate), ("rows[2].median", CommonCodes.OutOfRange), ("rows[3].low", CommonCodes.OutOfRange)],
            set.Problems().Select(p => (p.Path, p.Code)));
    }
}
