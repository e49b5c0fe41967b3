namespace Mercato.Core.Measurement.Cohorts;

/// <summary>
/// The reasons of <see cref="ChannelGuidance"/>. Their arguments: <c>run</c> (negative months in a row), <c>latest</c> and
/// <c>cumulative</c> (ROI in percent, one decimal, null when unknown), <c>month</c> (the latest month), <c>trend</c>
/// (percentage points a month, null with too few months), <c>payback_state</c> (<c>expected</c>, <c>late</c> or <c>none</c>)
/// and <c>payback</c> (the month after acquisition).
/// </summary>
public static class GuidanceCodes
{
    /// <summary>Keep: no month with costs yet.</summary>
    public const string NoCosts = "guidance_no_costs";

    /// <summary>Cut: negative for months, not improving, no payback in sight.</summary>
    public const string Cut = "guidance_cut";

    /// <summary>Scale: cumulative ROI high, latest positive, trend not falling, payback in sight.</summary>
    public const string Scale = "guidance_scale";

    /// <summary>Watch: negative for months but improving.</summary>
    public const string NegativeButImproving = "guidance_negative_improving";

    /// <summary>Watch: negative for months but cohorts projected to pay back.</summary>
    public const string NegativeButPayback = "guidance_negative_payback";

    /// <summary>Watch: one bad month.</summary>
    public const string BadMonth = "guidance_bad_month";

    /// <summary>Watch: still positive but falling.</summary>
    public const string Falling = "guidance_falling";

    /// <summary>Watch: cumulative ROI negative and no payback in sight.</summary>
    public const string NoPaybackInSight = "guidance_no_payback";

    /// <summary>Keep: cumulative ROI still negative, a costly start.</summary>
    public const string CostlyStart = "guidance_costly_start";

    /// <summary>Keep: on track.</summary>
    public const string OnTrack = "guidance_on_track";
}
