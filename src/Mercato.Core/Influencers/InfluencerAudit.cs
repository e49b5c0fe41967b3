using System.Text.Json.Serialization;

namespace Mercato.Core.Influencers;

/// <summary>The audience's quality band by the estimated fake share; written <c>good</c>, <c>watch</c>, <c>poor</c>, <c>unknown</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AudienceBand>))]
public enum AudienceBand
{
    /// <summary>Fake share below the watch threshold (15%).</summary>
    [JsonStringEnumMemberName("good")]
    Good,

    /// <summary>Fake share from 15% to below 30%.</summary>
    [JsonStringEnumMemberName("watch")]
    Watch,

    /// <summary>Fake share 30% or more.</summary>
    [JsonStringEnumMemberName("poor")]
    Poor,

    /// <summary>No follower sample was scored.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,
}

/// <summary>The audit's recommendation; written <c>sign</c>, <c>negotiate</c>, <c>avoid</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AuditRecommendation>))]
public enum AuditRecommendation
{
    /// <summary>No finding: sign at the rate card.</summary>
    [JsonStringEnumMemberName("sign")]
    Sign,

    /// <summary>Findings that lower the value: negotiate the price or the terms (pay on results, more deliverables).</summary>
    [JsonStringEnumMemberName("negotiate")]
    Negotiate,

    /// <summary>A poor audience or bought growth: do not work with the account.</summary>
    [JsonStringEnumMemberName("avoid")]
    Avoid,
}

/// <summary>One finding of an audit: a code of <see cref="InfluencerAuditCodes"/> with its arguments.</summary>
/// <param name="Code">The code.</param>
/// <param name="Args">Its arguments.</param>
/// <param name="Severe">Whether it alone makes the recommendation <c>avoid</c>.</param>
public sealed record AuditFinding(string Code, MessageArgs Args, bool Severe) : ICodedMessage;

/// <summary>The audit's settings; the defaults are the house's, stated in <see cref="InfluencerAudit"/>.</summary>
public sealed record InfluencerAuditOptions
{
    /// <summary>Fake share from which the audience is <see cref="AudienceBand.Watch"/> (default 0.15).</summary>
    public double FakeWatch { get; init; } = 0.15;

    /// <summary>Fake share from which the audience is <see cref="AudienceBand.Poor"/> (default 0.30).</summary>
    public double FakePoor { get; init; } = 0.30;

    /// <summary>Reach rate (median views ÷ followers) below which reach is low (default 0.05: fewer than one follower in twenty sees a post).</summary>
    public double LowReachRate { get; init; } = 0.05;

    /// <summary>Unexplained follower jumps from which the growth is taken as bought and the recommendation is avoid (default 2; one is a finding).</summary>
    public int AvoidUnexplainedJumps { get; init; } = 2;

    /// <summary>The most the workspace pays per incremental conversion; null for no ceiling (no <c>cost_per_incremental_high</c> finding).</summary>
    public decimal? MaxCostPerIncremental { get; init; }

    /// <summary>The far-above multiple of the engagement benchmark's median (default 3).</summary>
    public double FarAbove { get; init; } = EngagementBenchmarks.DefaultFarAbove;

    /// <summary>Benchmarks replacing the defaults (per workspace).</summary>
    public IReadOnlyList<EngagementBenchmark>? Benchmarks { get; init; }
}

/// <summary>What an audit reads, gathered by the caller.</summary>
/// <param name="Influencer">The influencer.</param>
/// <param name="FakeShare">The fake share of its latest scored follower sample, or null without one.</param>
/// <param name="Engagement">Its engagement over the window.</param>
/// <param name="Growth">The follower growth scan, or null when it could not run (too few snapshots).</param>
/// <param name="PastCollaborations">Reviews of its past collaborations.</param>
public sealed record InfluencerAuditInput(
    Influencer Influencer, FakeShareEstimate? FakeShare, EngagementSummary Engagement, FollowerGrowthScan? Growth,
    IReadOnlyList<CollaborationReview> PastCollaborations);

/// <summary>An audit's verdict.</summary>
/// <param name="Influencer">The influencer's id.</param>
/// <param name="Tier">The tier (by followers now, else the declared followers).</param>
/// <param name="Audience">The audience band.</param>
/// <param name="FakeShare">The fake-share estimate used.</param>
/// <param name="Engagement">Median engagement by followers against the benchmark, or null without a rate.</param>
/// <param name="UnexplainedJumps">Upward follower jumps no post explains.</param>
/// <param name="PooledRoi">(Σ profit − Σ cost) ÷ Σ cost over the past collaborations with a profit; null without one.</param>
/// <param name="Findings">The findings, in the order of the class comment.</param>
/// <param name="Recommendation">The recommendation.</param>
public sealed record InfluencerAuditResult(
    string Influencer, InfluencerTier Tier, AudienceBand Audience, FakeShareEstimate? FakeShare, EngagementComparison? Engagement,
    int UnexplainedJumps, double? PooledRoi, IReadOnlyList<AuditFinding> Findings, AuditRecommendation Recommendation);

/// <summary>
/// The audit verdict. Audience: the fake-share estimate's point value banded good (&lt; 15%), watch (15–30%), poor
/// (≥ 30%): HypeAuditor's audience-quality guidance treats a quarter to a third of suspicious followers as the point
/// where a campaign's reach is materially inflated; the bands are defaults (<see cref="InfluencerAuditOptions"/>).
/// Findings, in this order: <c>no_follower_sample</c> (no sample); <c>fake_share_high</c> (poor, severe) or
/// <c>fake_share_watch</c>; <c>engagement_below_benchmark</c> (median engagement by followers below the benchmark's
/// median for the platform and tier) or <c>engagement_suspiciously_high</c> (above the far-above multiple: excellent or
/// bought; check before paying for it); <c>unexplained_follower_jumps</c> (severe from
/// <see cref="InfluencerAuditOptions.AvoidUnexplainedJumps"/>); <c>low_reach_rate</c>; per past collaboration
/// <c>under_delivered</c> (each short kind) and <c>cost_per_incremental_high</c> (CPIC above the ceiling); and
/// <c>return_negative</c> (pooled ROI below 0). Recommendation: <c>avoid</c> when any finding is severe; else
/// <c>negotiate</c> when there is any finding; else <c>sign</c>.
/// </summary>
public static class InfluencerAudit
{
    /// <summary>The band of a fake share under <paramref name="options"/>.</summary>
    public static AudienceBand Band(FakeShareEstimate? estimate, InfluencerAuditOptions? options = null)
    {
        options ??= new InfluencerAuditOptions();
        return estimate is null || estimate.Sample == 0 ? AudienceBand.Unknown
            : estimate.Share >= options.FakePoor ? AudienceBand.Poor
            : estimate.Share >= options.FakeWatch ? AudienceBand.Watch
            : AudienceBand.Good;
    }

    /// <summary>Assesses <paramref name="input"/>, as the class comment says.</summary>
    public static InfluencerAuditResult Assess(InfluencerAuditInput input, InfluencerAuditOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= new InfluencerAuditOptions();
        var findings = new List<AuditFinding>();
        void Add(string code, bool severe, params (string, object?)[] args) => findings.Add(new AuditFinding(code, MessageArgs.Of(args), severe));

        var band = Band(input.FakeShare, options);
        if (band == AudienceBand.Unknown)
        {
            Add(InfluencerAuditCodes.NoFollowerSample, false);
        }
        else if (band != AudienceBand.Good)
        {
            var f = input.FakeShare!;
            Add(
                band == AudienceBand.Poor ? InfluencerAuditCodes.FakeShareHigh : InfluencerAuditCodes.FakeShareWatch,
                band == AudienceBand.Poor,
                ("share", f.Share), ("low", f.Low), ("high", f.High), ("threshold", band == AudienceBand.Poor ? options.FakePoor : options.FakeWatch));
        }

        var followers = input.Engagement.FollowersNow ?? input.Influencer.DeclaredFollowers ?? 0;
        var tier = InfluencerTiers.Of(followers);
        EngagementComparison? comparison = null;
        if (input.Engagement.ByFollowers.Median is { } rate)
        {
            var benchmark = EngagementBenchmarks.Lookup(input.Influencer.Platform, tier, options.Benchmarks);
            comparison = EngagementBenchmarks.Compare(rate, benchmark, options.FarAbove);
            if (comparison.Verdict is EngagementVerdict.BelowLow or EngagementVerdict.BelowMedian)
            {
                Add(
                    InfluencerAuditCodes.EngagementBelowBenchmark, false, ("rate", rate), ("median", benchmark.Median), ("low", benchmark.Low),
                    ("ratio", comparison.Ratio), ("verdict", comparison.Verdict == EngagementVerdict.BelowLow ? "below_low" : "below_median"));
            }
            else if (comparison.Verdict == EngagementVerdict.FarAbove)
            {
                Add(InfluencerAuditCodes.EngagementSuspiciouslyHigh, false, ("rate", rate), ("median", benchmark.Median), ("ratio", comparison.Ratio));
            }
        }

        var unexplained = input.Growth?.Unexplained ?? [];
        if (unexplained.Count > 0)
        {
            Add(
                InfluencerAuditCodes.UnexplainedFollowerJumps, unexplained.Count >= options.AvoidUnexplainedJumps,
                ("count", (long)unexplained.Count), ("gained", unexplained.Sum(j => j.Gained)));
        }

        if (input.Engagement.ReachRate is { } reach && reach < options.LowReachRate)
        {
            Add(InfluencerAuditCodes.LowReachRate, false, ("reach_rate", reach), ("threshold", options.LowReachRate));
        }

        decimal profit = 0;
        decimal cost = 0;
        var anyProfit = false;
        foreach (var review in input.PastCollaborations)
        {
            foreach (var d in review.Deliverables.Where(d => d.Short))
            {
                Add(
                    InfluencerAuditCodes.UnderDelivered, false, ("collaboration", review.Collaboration), ("kind", EnumWords.Word(d.Kind)),
                    ("agreed", (long)d.Agreed), ("delivered", (long)d.Delivered!.Value));
            }

            if (options.MaxCostPerIncremental is { } ceiling && review.Returns.CostPerIncrementalConversion is { } cpic && cpic > ceiling)
            {
                Add(InfluencerAuditCodes.CostPerIncrementalHigh, false, ("collaboration", review.Collaboration), ("cpic", cpic), ("ceiling", ceiling));
            }

            if (review.Returns.Profit is { } p && review.Returns.Cost > 0)
            {
                profit += p;
                cost += review.Returns.Cost;
                anyProfit = true;
            }
        }

        double? pooled = anyProfit ? (double)((profit - cost) / cost) : null;
        if (pooled < 0)
        {
            Add(InfluencerAuditCodes.ReturnNegative, false, ("roi", pooled));
        }

        var recommendation = findings.Any(f => f.Severe) ? AuditRecommendation.Avoid
            : findings.Count > 0 ? AuditRecommendation.Negotiate
            : AuditRecommendation.Sign;
        return new InfluencerAuditResult(
            input.Influencer.Id, tier, band, input.FakeShare, comparison, unexplained.Count, pooled, findings, recommendation);
    }
}
