using System.Text.Json.Serialization;
using Mercato.Core.DataCenter;

namespace Mercato.Core.Influencers;

/// <summary>
/// What an influencer (or one collaboration) cost and brought over a window, gathered by the caller from the store and
/// the measurement models. Money in the workspace currency.
/// </summary>
/// <param name="Fees">Agreed fees of the collaborations in the window (<see cref="InfluencerReturns.FeesIn"/>).</param>
/// <param name="OtherCosts">Cost rows carrying the influencer's cost codes (product seeding, travel, boosting); rows that only restate an agreed fee belong in neither twice.</param>
/// <param name="Reach">Views of the posts.</param>
/// <param name="Engagements">Likes + comments + shares of the posts.</param>
/// <param name="Touches">Touchpoints carrying the influencer's referral or campaign codes.</param>
/// <param name="Conversions">Conversions carrying its codes (last-touch style, before any model).</param>
/// <param name="AttributedConversions">Conversions credited to it by an attribution model.</param>
/// <param name="AttributedRevenue">Revenue credited to it by that model.</param>
/// <param name="IncrementalConversions">Conversions the lift model says it caused; null without a lift estimate.</param>
/// <param name="IncrementalRevenue">Revenue the lift model says it caused; null without one.</param>
/// <param name="GrossMargin">The gross margin on revenue (0.4 = 40%), when known.</param>
/// <param name="GrossProfit">The incremental gross profit itself, when the caller knows it directly (used when no incremental revenue × margin is available).</param>
public sealed record InfluencerMoney(
    decimal Fees, decimal OtherCosts, long Reach, long Engagements, long Touches, long Conversions,
    double AttributedConversions, decimal AttributedRevenue, double? IncrementalConversions = null, decimal? IncrementalRevenue = null,
    decimal? GrossMargin = null, decimal? GrossProfit = null)
{
    /// <summary>Fees + other costs.</summary>
    public decimal Cost => Fees + OtherCosts;
}

/// <summary>Which profit the ROI uses; written <c>incremental_margin</c>, <c>gross_profit</c>, <c>attributed_margin</c>, <c>none</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RoiBasis>))]
public enum RoiBasis
{
    /// <summary>Incremental revenue × gross margin: what the money caused, at its margin (preferred).</summary>
    [JsonStringEnumMemberName("incremental_margin")]
    IncrementalMargin,

    /// <summary>The gross profit given directly.</summary>
    [JsonStringEnumMemberName("gross_profit")]
    GrossProfit,

    /// <summary>Attributed revenue × gross margin: no lift estimate, so credit stands in for causation (an upper bound, usually).</summary>
    [JsonStringEnumMemberName("attributed_margin")]
    AttributedMargin,

    /// <summary>No profit known: no ROI.</summary>
    [JsonStringEnumMemberName("none")]
    None,
}

/// <summary>The money figures of an influencer or a collaboration. Every ratio is null when its denominator is not positive (never infinity or NaN).</summary>
/// <param name="Cost">Fees + other costs.</param>
/// <param name="CostPerThousandReach">Cost × 1000 ÷ reach (CPM on views).</param>
/// <param name="CostPerEngagement">CPE = cost ÷ engagements.</param>
/// <param name="CostPerTouch">Cost ÷ touches.</param>
/// <param name="CostPerAttributedConversion">Cost ÷ attributed conversions.</param>
/// <param name="CostPerIncrementalConversion">CPIC = cost ÷ incremental conversions; null when those are unknown or ≤ 0.</param>
/// <param name="RevenueOnCost">Incremental revenue (else attributed revenue) ÷ cost (ROAS).</param>
/// <param name="Profit">The profit of <paramref name="Basis"/>; null when none.</param>
/// <param name="Basis">Which profit.</param>
/// <param name="Roi">(profit − cost) ÷ cost.</param>
public sealed record InfluencerReturn(
    decimal Cost, decimal? CostPerThousandReach, decimal? CostPerEngagement, decimal? CostPerTouch, decimal? CostPerAttributedConversion,
    decimal? CostPerIncrementalConversion, double? RevenueOnCost, decimal? Profit, RoiBasis Basis, double? Roi);

/// <summary>One deliverable kind of a collaboration: agreed against delivered.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Agreed">Pieces agreed.</param>
/// <param name="Delivered">Pieces delivered; null when the posts cannot tell (live sessions are not posts).</param>
public sealed record DeliverableReview(DeliverableKind Kind, int Agreed, int? Delivered)
{
    /// <summary>Whether fewer were delivered than agreed.</summary>
    public bool Short => Delivered < Agreed;
}

/// <summary>A collaboration's review.</summary>
/// <param name="Collaboration">Its id.</param>
/// <param name="Posts">The posts counted as its content.</param>
/// <param name="Deliverables">Agreed against delivered, per kind.</param>
/// <param name="Returns">Its money figures within its dates (fees = its agreed fee).</param>
public sealed record CollaborationReview(string Collaboration, IReadOnlyList<string> Posts, IReadOnlyList<DeliverableReview> Deliverables, InfluencerReturn Returns)
{
    /// <summary>Whether any kind was delivered short.</summary>
    public bool UnderDelivered => Deliverables.Any(d => d.Short);
}

/// <summary>
/// Influencer money: cost = fees + other costs; CPM = cost × 1000 ÷ reach; CPE = cost ÷ engagements; cost per touch =
/// cost ÷ touches; cost per attributed conversion; CPIC = cost ÷ incremental conversions; ROAS = revenue ÷ cost with the
/// incremental revenue when the lift model gave one, else the attributed revenue. ROI = (profit − cost) ÷ cost, the profit
/// being, in this order of preference: incremental revenue × gross margin (what the influencer caused, at the margin);
/// the gross profit given; attributed revenue × gross margin (credit, not causation: it overstates when the buyers would
/// have bought anyway); none, and then no ROI. A denominator ≤ 0 or unknown gives null, never infinity or NaN.
/// </summary>
public static class InfluencerReturns
{
    /// <summary>The money figures of <paramref name="money"/>, as the class comment says.</summary>
    public static InfluencerReturn Compute(InfluencerMoney money)
    {
        ArgumentNullException.ThrowIfNull(money);
        var cost = money.Cost;
        decimal? Per(double units) => units > 0 ? cost / (decimal)units : null;
        var (profit, basis) =
            money.IncrementalRevenue is { } ir && money.GrossMargin is { } m1 ? (ir * m1, RoiBasis.IncrementalMargin)
            : money.GrossProfit is { } gp ? (gp, RoiBasis.GrossProfit)
            : money.GrossMargin is { } m2 ? (money.AttributedRevenue * m2, RoiBasis.AttributedMargin)
            : ((decimal?)null, RoiBasis.None);
        var revenue = money.IncrementalRevenue ?? money.AttributedRevenue;
        return new InfluencerReturn(
            cost,
            money.Reach > 0 ? cost * 1000m / money.Reach : null,
            Per(money.Engagements),
            Per(money.Touches),
            Per(money.AttributedConversions),
            money.IncrementalConversions is { } ic ? Per(ic) : null,
            cost > 0 ? (double)(revenue / cost) : null,
            profit,
            basis,
            cost > 0 && profit is { } p ? (double)((p - cost) / cost) : null);
    }

    /// <summary>
    /// The agreed fees of the collaborations that start in [<paramref name="from"/>, <paramref name="to"/>] and were
    /// signed (signed, active or completed: a proposal costs nothing yet, a cancellation is taken as unpaid).
    /// </summary>
    public static decimal FeesIn(IEnumerable<Collaboration> collaborations, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(collaborations);
        return collaborations
            .Where(c => c.Start >= from && c.Start <= to && c.Status is CollaborationStatus.Signed or CollaborationStatus.Active or CollaborationStatus.Completed)
            .Sum(c => c.AgreedFee);
    }

    /// <summary>
    /// The posts that are <paramref name="collaboration"/>'s content: published on a day of [start, end] and, when it has
    /// a code, carrying that code as their campaign (ignoring case); without a code, every post of its dates.
    /// </summary>
    public static IReadOnlyList<InfluencerPostFact> PostsOf(Collaboration collaboration, IEnumerable<InfluencerPostFact> posts, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(collaboration);
        ArgumentNullException.ThrowIfNull(posts);
        return [.. posts.Where(p =>
        {
            var day = Engagement.DayOf(p.Timestamp, zone);
            return day >= collaboration.Start && day <= collaboration.End
                && (collaboration.Code is null || string.Equals(p.Campaign, collaboration.Code, StringComparison.OrdinalIgnoreCase));
        }).OrderBy(p => p.Timestamp).ThenBy(p => p.PostId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Reviews <paramref name="collaboration"/>: its posts (<see cref="PostsOf"/>) against the agreed deliverables, and
    /// its money figures from <paramref name="money"/> (the caller's figures within its dates; the fees are replaced by
    /// its agreed fee). Post facts do not say their kind: with <paramref name="kindOf"/> each post counts for its kind;
    /// without it the posts fill the agreed kinds other than live in the agreed order (a kind takes up to its count, the
    /// last such kind takes the rest). Live sessions are not posts: their delivered count is <paramref name="liveSessions"/>
    /// (from the live-stream facts), else null.
    /// </summary>
    public static CollaborationReview Review(
        Collaboration collaboration, IEnumerable<InfluencerPostFact> posts, InfluencerMoney money,
        Func<InfluencerPostFact, DeliverableKind>? kindOf = null, int? liveSessions = null, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(collaboration);
        ArgumentNullException.ThrowIfNull(money);
        var content = PostsOf(collaboration, posts, zone);
        var agreed = collaboration.Deliverables.GroupBy(d => d.Kind).Select(g => (Kind: g.Key, Count: g.Sum(d => d.Count))).ToList();
        var reviews = new List<DeliverableReview>();
        if (kindOf is not null)
        {
            foreach (var (kind, count) in agreed)
            {
                reviews.Add(new DeliverableReview(kind, count, kind == DeliverableKind.Live && liveSessions is { } l ? l + content.Count(p => kindOf(p) == kind) : content.Count(p => kindOf(p) == kind)));
            }
        }
        else
        {
            var left = content.Count;
            var pieces = agreed.Where(a => a.Kind != DeliverableKind.Live).ToList();
            foreach (var (kind, count) in agreed)
            {
                if (kind == DeliverableKind.Live)
                {
                    reviews.Add(new DeliverableReview(kind, count, liveSessions));
                    continue;
                }

                var last = pieces[^1].Kind == kind;
                var take = last ? left : Math.Min(left, count);
                left -= take;
                reviews.Add(new DeliverableReview(kind, count, take));
            }
        }

        return new CollaborationReview(
            collaboration.Id, [.. content.Select(p => p.PostId)], reviews, Compute(money with { Fees = collaboration.AgreedFee }));
    }
}
