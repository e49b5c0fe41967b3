using System.Globalization;
using Mercato.Core.Influencers;

namespace Mercato.Core.Demo;

/// <summary>
/// The demo's influencers and what is true about them (docs/demo-company.md, "Influencers"): which account bought
/// followers, which converts, the candidate, the bought-follower jump, the viral post, and per influencer its audience,
/// touches, sales and fees.
/// </summary>
/// <param name="BoughtFollowers">The mega account with bought followers, poor engagement and poor sales.</param>
/// <param name="Converter">The micro account whose audience converts.</param>
/// <param name="Candidate">The account with only a proposed collaboration (the pre-signing audit).</param>
/// <param name="JumpDays">The two days on which <paramref name="BoughtFollowers"/> gained <paramref name="JumpFollowers"/>
/// followers with no post on them, the day before or the day after.</param>
/// <param name="JumpFollowers">The followers bought.</param>
/// <param name="ViralInfluencer">The account with a viral post.</param>
/// <param name="ViralPost">The viral post's id; followers jump the day after it (+5%) and a little the day after that.</param>
/// <param name="ViralDay">The day of the viral post.</param>
/// <param name="SampledAt">The day every influencer's followers were sampled.</param>
/// <param name="Influencers">Per influencer, in directory order.</param>
/// <param name="Fees">The KOL fee cost rows booked to influencers, by month then influencer (the rest of each month's
/// KOL fees is one row without a campaign).</param>
public sealed record DemoInfluencerTruth(
    string BoughtFollowers,
    string Converter,
    string Candidate,
    IReadOnlyList<DateOnly> JumpDays,
    long JumpFollowers,
    string ViralInfluencer,
    string ViralPost,
    DateOnly ViralDay,
    DateOnly SampledAt,
    IReadOnlyList<DemoInfluencerFigures> Influencers,
    IReadOnlyList<DemoInfluencerFeeRow> Fees);

/// <summary>The truth about one influencer.</summary>
/// <param name="Id">The directory id.</param>
/// <param name="ReferralCodes">Its referral codes, which its KOL touches carry.</param>
/// <param name="CostCode">The campaign of its fee rows.</param>
/// <param name="Tier">Its tier by followers on the window's last day.</param>
/// <param name="Followers">Followers on the window's last day.</param>
/// <param name="FakeShare">The true share of fake accounts in its whole audience.</param>
/// <param name="SampleSize">Followers sampled.</param>
/// <param name="SampledFake">Of them, fake.</param>
/// <param name="Posts">Posts published in the window.</param>
/// <param name="EngagementRate">Mean over its posts of (likes + comments + shares) / followers that day.</param>
/// <param name="TierEngagementRate">The usual rate of its tier on its platform (<see cref="DemoInfluencers.TierEngagement"/>).</param>
/// <param name="Touchpoints">KOL touchpoints carrying its codes.</param>
/// <param name="Journeys">Journeys with at least one of them.</param>
/// <param name="Conversions">Of those journeys, converted.</param>
/// <param name="Revenue">Their revenue.</param>
/// <param name="IncrementalConversions">Σ over journeys of P − P without its touches (for a journey whose KOL touches all
/// carry its codes, the KOL channel's increment, as the staff-referral truth credits a code).</param>
/// <param name="IncrementalRevenue">The same terms weighted by the journey's expected revenue.</param>
/// <param name="Fees">Fees booked in the window (the sum of its cost rows).</param>
/// <param name="Collaborations">Its collaborations in the window, in order of start.</param>
public sealed record DemoInfluencerFigures(
    string Id,
    IReadOnlyList<string> ReferralCodes,
    string CostCode,
    InfluencerTier Tier,
    long Followers,
    double FakeShare,
    int SampleSize,
    int SampledFake,
    long Posts,
    double EngagementRate,
    double TierEngagementRate,
    long Touchpoints,
    long Journeys,
    long Conversions,
    decimal Revenue,
    double IncrementalConversions,
    double IncrementalRevenue,
    decimal Fees,
    IReadOnlyList<DemoCollaborationTruth> Collaborations);

/// <summary>A collaboration in the window as booked.</summary>
/// <param name="Id">The collaboration id.</param>
/// <param name="Campaign">Its campaign code (a campaign of the workspace).</param>
/// <param name="Start">First day.</param>
/// <param name="End">Last day.</param>
/// <param name="Status">Active when it runs to the window's last day, completed otherwise.</param>
/// <param name="Deliverables">What was agreed.</param>
/// <param name="Fee">The fee booked: the sum of its parts in the monthly cost rows (the agreed fee, scaled down in a month
/// whose KOL fees could not hold it).</param>
/// <param name="Touchpoints">The KOL touches it carried.</param>
public sealed record DemoCollaborationTruth(
    string Id, string Campaign, DateOnly Start, DateOnly End, CollaborationStatus Status, IReadOnlyList<Deliverable> Deliverables,
    decimal Fee, long Touchpoints);

/// <summary>One KOL fee cost row booked to an influencer.</summary>
/// <param name="Month">The month.</param>
/// <param name="Influencer">The influencer.</param>
/// <param name="CostCode">The row's campaign.</param>
/// <param name="Amount">The amount.</param>
public sealed record DemoInfluencerFeeRow(YearMonth Month, string Influencer, string CostCode, decimal Amount);

/// <summary>
/// The demo company's influencer directory and the facts of the influencer kinds: eight accounts across the Chinese
/// platforms, the four invited live-stream hosts among them, collaborations on the KOL campaigns, one mega account with
/// bought followers and one micro account whose audience converts. The KOL touchpoints carry the codes of the influencer
/// running on their day and campaign, and the monthly KOL fees are booked per influencer (<see cref="DemoCompany.Generate"/>);
/// the snapshots, posts and follower samples come from <see cref="Emit"/>, on their own random stream.
/// </summary>
public static class DemoInfluencers
{
    /// <summary>Followers sampled per influencer.</summary>
    public const int SampleSize = 400;

    /// <summary>
    /// The usual engagement per follower and post ((likes + comments + shares) / followers) of a tier on a platform: nano 6%,
    /// micro 4%, mid 2.5%, macro 1.8%, mega 1.2%, times 0.6 on Weibo, 1.1 on Xiaohongshu, 0.9 on WeChat Channels.
    /// </summary>
    public static double TierEngagement(InfluencerPlatform platform, InfluencerTier tier) =>
        DemoInfluencerFacts.TierRate(tier) * DemoInfluencerFacts.PlatformFactor(platform);

    /// <summary>
    /// Writes the influencer facts of the demo of <paramref name="options"/> to <paramref name="sink"/>: a snapshot per
    /// influencer and day, its posts, and <see cref="SampleSize"/> sampled followers each. Drawn from their own random stream:
    /// the same as the truth <see cref="DemoCompany.Generate"/> describes. Returns the number of facts.
    /// </summary>
    public static long Emit(DemoOptions options, IDemoSink sink)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        var plan = new DemoInfluencerPlan(new DemoCalendar(options.LastMonth), MoneyScale(options.Scale));
        return DemoInfluencerFacts.Run(options.Seed, plan, sink).Facts;
    }

    /// <summary>
    /// The directory documents of the demo whose truth is <paramref name="truth"/> (empty when the truth has no influencers):
    /// rate cards and fees scale with the demo like all its money; every collaboration's agreed fee is the fee booked; the
    /// declared followers are the last day's, as an agency quotes them (two significant digits).
    /// </summary>
    public static IReadOnlyList<Influencer> Build(DemoGroundTruth truth)
    {
        ArgumentNullException.ThrowIfNull(truth);
        if (truth.Influencers is not { } influencers)
        {
            return [];
        }

        var scale = MoneyScale(truth.Scale);
        var specs = DemoInfluencerPlan.Specs;
        var list = new List<Influencer>(specs.Count);
        for (var i = 0; i < specs.Count; i++)
        {
            var spec = specs[i];
            var figures = influencers.Influencers[i];
            var collaborations = figures.Collaborations
                .Select(c => new Collaboration(c.Id, c.Campaign, c.Deliverables, c.Fee, c.Start, c.End, c.Status, c.Campaign))
                .ToList();
            if (i == DemoInfluencerPlan.CandidateIndex)
            {
                var proposal = DemoInfluencerPlan.CandidateProposal;
                var start = truth.LastMonth.AddMonths(1).FirstDay;
                collaborations.Add(new Collaboration(string.Create(CultureInfo.InvariantCulture, $"{proposal.Stem}-{start.Year:D4}-{start.Month:D2}"),
                    proposal.Stem, [.. proposal.Deliverables.Select(d => new Deliverable(d.Kind, d.Count))],
                    Math.Round(proposal.DailyFee * 90 * scale, 2, MidpointRounding.ToEven), start, start.AddDays(89), CollaborationStatus.Proposed));
            }

            list.Add(new Influencer(spec.Id, spec.Name, spec.Platform, spec.Handle, spec.Categories,
                [.. spec.Rates.Select(r => new RateCardItem(r.Kind, Math.Round(r.Price * scale, 2, MidpointRounding.ToEven)))],
                new InfluencerCodes(spec.Referral, [], spec.Host is { } host ? [host] : [], [spec.CostCode]),
                collaborations,
                Declared(figures.Followers),
                spec.Notes));
        }

        return list;
    }

    /// <summary>
    /// The engagement benchmarks the demo workspace sets (its agency's norms): for every platform and tier the median is
    /// <see cref="TierEngagement"/> and low is 40% of it, as the defaults' convention.
    /// </summary>
    public static IReadOnlyList<EngagementBenchmark> Benchmarks { get; } =
    [
        .. Enum.GetValues<InfluencerPlatform>().SelectMany(p => Enum.GetValues<InfluencerTier>()
            .Select(t => new EngagementBenchmark(p, t, TierEngagement(p, t), EngagementBenchmarks.DefaultLowShare * TierEngagement(p, t)))),
    ];

    /// <summary>The random stream of <see cref="VerifiedFollowers"/>, its own.</summary>
    internal const ulong VerifiedStream = 13;

    /// <summary>What the demo says its verified followers are, as the workspace model's <c>trainedOn</c>.</summary>
    public const string VerifiedSource = "demo: followers of Kangning Medical's own accounts, checked one by one by the new-media team";

    /// <summary>
    /// The followers of the company's own accounts that its new-media team checked by hand (the demo's labelled set):
    /// 1,000 to train the workspace's fake-follower model and 500 held out, 30% fake, drawn from the same genuine and fake
    /// profiles as the influencers' samples (docs/demo-company.md), on their own random stream. The default model was fitted
    /// on Instagram accounts and reads these platforms' genuine users as fake far too often; a workspace trains its own,
    /// and the demo does so as it loads.
    /// </summary>
    public static (IReadOnlyList<LabelledFollower> Train, IReadOnlyList<LabelledFollower> Holdout) VerifiedFollowers(int seed)
    {
        var rng = new DemoRandom(seed, VerifiedStream);
        List<LabelledFollower> Draw(string prefix, int count) =>
        [
            .. Enumerable.Range(1, count).Select(i =>
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i:D4}");
                var fake = rng.Chance(0.3);
                return new LabelledFollower(fake ? DemoInfluencerFacts.Fake(rng, id) : DemoInfluencerFacts.Genuine(rng, id), fake);
            }),
        ];
        var train = Draw("verified", 1_000);
        return (train, Draw("holdout", 500));
    }

    /// <summary>Followers as an agency quotes them: two significant digits (2,438,215 is 2.4 million).</summary>
    internal static long Declared(long followers)
    {
        var unit = 1L;
        while (followers / unit >= 100)
        {
            unit *= 10;
        }

        return (long)Math.Round(followers / (double)unit, MidpointRounding.AwayFromZero) * unit;
    }

    internal static decimal MoneyScale(DemoScale scale) => DemoCompany.UserCount(scale) / 1_000_000m;
}
