using Mercato.Core.DataCenter;
using Mercato.Core.Influencers;

namespace Mercato.Core.Tests.Influencers;

public class InfluencerReturnsTests
{
    private static readonly InfluencerMoney Money = new(
        Fees: 10_000m, OtherCosts: 2_000m, Reach: 400_000, Engagements: 24_000, Touches: 3_000, Conversions: 90,
        AttributedConversions: 60, AttributedRevenue: 45_000m, IncrementalConversions: 40, IncrementalRevenue: 30_000m, GrossMargin: 0.6m);

    /// <summary>Cost 12,000: CPM 12,000 × 1000 ÷ 400,000 = 30; CPE 0.5; per touch 4; per attributed 200; CPIC 300; profit 30,000 × 0.6 = 18,000; ROI 0.5; ROAS 2.5.</summary>
    [Fact]
    public void Compute_GivesTheHandComputedFigures()
    {
        var r = InfluencerReturns.Compute(Money);
        Assert.Equal(new InfluencerReturn(12_000m, 30m, 0.5m, 4m, 200m, 300m, 2.5, 18_000m, RoiBasis.IncrementalMargin, 0.5), r);
    }

    [Fact]
    public void Compute_NonPositiveDenominators_GiveNull()
    {
        var r = InfluencerReturns.Compute(Money with { Reach = 0, Engagements = 0, Touches = 0, AttributedConversions = 0, IncrementalConversions = -3 });
        Assert.Null(r.CostPerThousandReach);
        Assert.Null(r.CostPerEngagement);
        Assert.Null(r.CostPerTouch);
        Assert.Null(r.CostPerAttributedConversion);
        Assert.Null(r.CostPerIncrementalConversion);
        var free = InfluencerReturns.Compute(Money with { Fees = 0, OtherCosts = 0 });
        Assert.Null(free.Roi);
        Assert.Null(free.RevenueOnCost);
        Assert.Null(InfluencerReturns.Compute(Money with { IncrementalConversions = null }).CostPerIncrementalConversion);
    }

    [Fact]
    public void Compute_RoiBasis_FallsBackInTheDocumentedOrder()
    {
        var gp = InfluencerReturns.Compute(Money with { GrossMargin = null, GrossProfit = 6_000m });
        Assert.Equal(RoiBasis.GrossProfit, gp.Basis);
        Assert.Equal(-0.5, gp.Roi);
        Assert.Equal(2.5, gp.RevenueOnCost);

        var attributed = InfluencerReturns.Compute(Money with { IncrementalRevenue = null });
        Assert.Equal(RoiBasis.AttributedMargin, attributed.Basis);
        Assert.Equal(27_000m, attributed.Profit);
        Assert.Equal(1.25, attributed.Roi);
        Assert.Equal(3.75, attributed.RevenueOnCost);

        var none = InfluencerReturns.Compute(Money with { GrossMargin = null });
        Assert.Equal(RoiBasis.None, none.Basis);
        Assert.Null(none.Roi);
        Assert.Null(none.Profit);
    }

    private static Collaboration Collab(string id, CollaborationStatus status, int startDay, decimal fee, string? code = null, params Deliverable[] deliverables) =>
        new(id, null, deliverables, fee, new DateOnly(2026, 11, startDay), new DateOnly(2026, 11, startDay + 10), status, code);

    [Fact]
    public void FeesIn_CountsSignedCollaborationsStartingInTheWindow()
    {
        Collaboration[] c =
        [
            Collab("a", CollaborationStatus.Completed, 1, 1000m), Collab("b", CollaborationStatus.Active, 5, 200m),
            Collab("c", CollaborationStatus.Proposed, 5, 50_000m), Collab("d", CollaborationStatus.Cancelled, 5, 40_000m),
            Collab("e", CollaborationStatus.Signed, 20, 7m),
        ];
        Assert.Equal(1_200m, InfluencerReturns.FeesIn(c, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 15)));
    }

    private static InfluencerPostFact Post(string id, int day, string? campaign) =>
        new(id, "kol-a", new DateTimeOffset(2026, 11, day, 10, 0, 0, TimeSpan.Zero), campaign, 1000, 50, 5, 5);

    [Fact]
    public void Review_CountsTheCollaborationsPosts_AgainstTheAgreedDeliverables()
    {
        var c = Collab(
            "2026-d11", CollaborationStatus.Completed, 1, 8_000m, "WANG-D11",
            new Deliverable(DeliverableKind.Video, 2), new Deliverable(DeliverableKind.Post, 1), new Deliverable(DeliverableKind.Live, 1));
        InfluencerPostFact[] posts = [Post("p2", 9, "wang-d11"), Post("p1", 3, "wang-d11"), Post("late", 20, "wang-d11"), Post("other", 4, "brand-x")];
        var review = InfluencerReturns.Review(c, posts, Money);
        Assert.Equal(["p1", "p2"], review.Posts);
        Assert.Equal(
            [new DeliverableReview(DeliverableKind.Video, 2, 2), new DeliverableReview(DeliverableKind.Post, 1, 0), new DeliverableReview(DeliverableKind.Live, 1, null)],
            review.Deliverables);
        Assert.True(review.UnderDelivered);

        // The money within its dates, with its agreed fee: cost 8,000 + 2,000 = 10,000, CPIC 250, ROI (18,000 − 10,000) ÷ 10,000.
        Assert.Equal(10_000m, review.Returns.Cost);
        Assert.Equal(250m, review.Returns.CostPerIncrementalConversion);
        Assert.Equal(0.8, review.Returns.Roi);

        var byKind = InfluencerReturns.Review(c, posts, Money, p => p.PostId == "p1" ? DeliverableKind.Post : DeliverableKind.Video, liveSessions: 1);
        Assert.Equal([1, 1, 1], byKind.Deliverables.Select(d => d.Delivered!.Value));
        Assert.True(byKind.UnderDelivered);
    }
}
