namespace Mercato.Core.Influencers;

/// <summary>The codes of the influencer audit: the trainer's refusals and the audit's findings (snake_case; the host renders the words).</summary>
public static class InfluencerAuditCodes
{
    /// <summary>The labelled rows hold one class only (<c>class</c>: <c>fake</c> or <c>genuine</c>): nothing to learn a boundary from.</summary>
    public const string OneClass = "audit_one_class";

    /// <summary>Too few labelled rows: <c>needed</c> rows (or rows of the smaller class), <c>have</c>, with <c>k</c> folds.</summary>
    public const string TooFewRows = "audit_too_few_rows";

    /// <summary>A feature that is not a finite number: row <c>index</c>, feature <c>feature</c>.</summary>
    public const string NotFinite = "audit_not_finite";

    /// <summary>A model whose lists disagree in length or hold a value that is not finite (<c>field</c>).</summary>
    public const string BadModel = "audit_bad_model";

    /// <summary>Too few days of snapshots for the growth scan: <c>days</c> of changes, <c>needed</c>.</summary>
    public const string GrowthTooFewDays = "audit_growth_too_few_days";

    /// <summary>Finding: the estimated fake share is at or above the poor band (<c>share</c>, <c>low</c>, <c>high</c>, <c>threshold</c>).</summary>
    public const string FakeShareHigh = "fake_share_high";

    /// <summary>Finding: the estimated fake share is in the watch band (<c>share</c>, <c>low</c>, <c>high</c>, <c>threshold</c>).</summary>
    public const string FakeShareWatch = "fake_share_watch";

    /// <summary>Finding: no follower sample was scored, so audience quality is unknown.</summary>
    public const string NoFollowerSample = "no_follower_sample";

    /// <summary>Finding: median engagement by followers below the benchmark's median (<c>rate</c>, <c>median</c>, <c>low</c>, <c>ratio</c>, <c>verdict</c>).</summary>
    public const string EngagementBelowBenchmark = "engagement_below_benchmark";

    /// <summary>Finding: engagement far above the benchmark (more than the far-above multiple of its median): bought engagement is as likely as talent (<c>rate</c>, <c>median</c>, <c>ratio</c>).</summary>
    public const string EngagementSuspiciouslyHigh = "engagement_suspiciously_high";

    /// <summary>Finding: upward follower jumps that no viral post explains (<c>count</c>, <c>gained</c>: followers gained on those days).</summary>
    public const string UnexplainedFollowerJumps = "unexplained_follower_jumps";

    /// <summary>Finding: median views per post are a small share of followers (<c>reach_rate</c>, <c>threshold</c>).</summary>
    public const string LowReachRate = "low_reach_rate";

    /// <summary>Finding: a past collaboration's cost per incremental conversion above the workspace's ceiling (<c>collaboration</c>, <c>cpic</c>, <c>ceiling</c>).</summary>
    public const string CostPerIncrementalHigh = "cost_per_incremental_high";

    /// <summary>Finding: past collaborations returned less than they cost (<c>roi</c>: the pooled return on cost).</summary>
    public const string ReturnNegative = "return_negative";

    /// <summary>Finding: a past collaboration delivered fewer pieces than agreed (<c>collaboration</c>, <c>kind</c>, <c>agreed</c>, <c>delivered</c>).</summary>
    public const string UnderDelivered = "under_delivered";
}
