namespace Mercato.Core.Campaigns;

/// <summary>
/// The codes of campaigns, people and squads: validation beyond the shared rules (<see cref="CommonCodes"/>), the refusals
/// of writes around the lifecycle (their values are part of the HTTP API: 409 bodies carry <c>code</c>), the short text
/// forms, the evaluation and the budget and calendar warnings. Lifecycle moves have their own <see cref="LifecycleCodes"/>.
/// </summary>
public static class CampaignCodes
{
    /// <summary>No campaign has the <c>id</c>.</summary>
    public const string CampaignNotFound = "campaign_not_found";

    /// <summary>No person has the <c>id</c>.</summary>
    public const string PersonNotFound = "person_not_found";

    /// <summary>No squad has the <c>id</c>.</summary>
    public const string SquadNotFound = "squad_not_found";

    /// <summary>An objective names a <c>kpi</c> that is neither a campaign metric nor a KPI of the catalog or the structure.</summary>
    public const string UnknownKpi = "unknown_kpi";

    /// <summary>A squad member names a <c>person</c> who is not in the directory.</summary>
    public const string UnknownPerson = "unknown_person";

    /// <summary>A squad names a <c>campaign</c> that is not stored.</summary>
    public const string UnknownCampaign = "unknown_campaign";

    /// <summary>A campaign <c>code</c> already belongs to another <c>campaign</c>.</summary>
    public const string CampaignCodeTaken = "campaign_code_taken";

    /// <summary>A brand cycle <c>step</c> is outside 1..<c>max</c>.</summary>
    public const string BrandStepOutOfRange = "brand_step_out_of_range";

    /// <summary>A content kit message holds control characters other than line breaks.</summary>
    public const string KitMessageControlCharacters = "kit_message_control_characters";

    /// <summary>A kit names who approved it but not when, or the other way round.</summary>
    public const string KitApprovalIncomplete = "kit_approval_incomplete";

    /// <summary>A transition does not start where the previous one left the campaign (<c>expected</c>).</summary>
    public const string TransitionFromMismatch = "transition_from_mismatch";

    /// <summary>A transition follows a cancellation.</summary>
    public const string TransitionAfterCancellation = "transition_after_cancellation";

    /// <summary>A cancellation from evaluation or closed.</summary>
    public const string TransitionCancelStage = "transition_cancel_stage";

    /// <summary>A transition skips stages.</summary>
    public const string TransitionNotAdjacent = "transition_not_adjacent";

    /// <summary>A transition is dated before the one before it.</summary>
    public const string TransitionsOutOfOrder = "transitions_out_of_order";

    /// <summary>The campaign's <c>stage</c> is not where its transitions end (<c>last</c>).</summary>
    public const string StageMismatch = "stage_mismatch";

    /// <summary>A referral code (<c>value</c>) is not 3 to 32 letters, digits and '-' starting and ending with a letter or digit.</summary>
    public const string NotReferralCode = "not_referral_code";

    /// <summary>A referral <c>code</c> already belongs to another <c>person</c> (compared ignoring case).</summary>
    public const string ReferralCodeTaken = "referral_code_taken";

    /// <summary>A squad without members.</summary>
    public const string SquadWithoutMembers = "squad_without_members";

    /// <summary>A <c>person</c> is a member of a squad twice.</summary>
    public const string MemberTwice = "member_twice";

    /// <summary>A person cannot be removed while squads (<c>squads</c>) count them as a member (HTTP 409).</summary>
    public const string PersonInSquad = "person_in_squad";

    /// <summary>A campaign past planning cannot be removed: its history and evaluation stay (HTTP 409).</summary>
    public const string CampaignHasHistory = "campaign_has_history";

    /// <summary>A write would change a stored campaign's <c>stage</c>; stages change only through the lifecycle (HTTP 409).</summary>
    public const string StageChangesThroughLifecycle = "stage_changes_through_lifecycle";

    /// <summary>A write would change a stored campaign's transitions, its history (HTTP 409 <c>stage_changes_through_lifecycle</c>).</summary>
    public const string TransitionsAreHistory = "transitions_are_history";

    /// <summary>A write would change the budget approval, which changes only through approve-budget (HTTP 409).</summary>
    public const string BudgetApprovalThroughLifecycle = "budget_approval_through_lifecycle";

    /// <summary>A write would change the kit approval, which changes only through approve-kit (HTTP 409).</summary>
    public const string KitApprovalThroughLifecycle = "kit_approval_through_lifecycle";

    /// <summary>
    /// A change would leave campaigns past planning without a squad with a lead (HTTP 409): the first <c>campaign</c> and its
    /// <c>stage</c>, and all of them as <c>campaigns</c>.
    /// </summary>
    public const string SquadLeadRequired = "squad_lead_required";

    /// <summary>Taking a squad off a campaign was refused (HTTP 409); the problem's own code says why.</summary>
    public const string SquadDetachRefused = "squad_detach_refused";

    /// <summary>The <c>squad</c> does not work on the <c>campaign</c> it is taken off.</summary>
    public const string SquadNotOnCampaign = "squad_not_on_campaign";

    /// <summary>The <c>campaign</c> is closed or cancelled (<c>stage</c>): its squads are part of its record.</summary>
    public const string SquadsPartOfRecord = "squads_part_of_record";

    /// <summary>A budget line typed as text (<c>text</c>) is not <c>CHANNEL_OR_CATEGORY=AMOUNT</c>.</summary>
    public const string BudgetLineSyntax = "budget_line_syntax";

    /// <summary>An objective typed as text (<c>text</c>) is not <c>KPI=TARGET</c>.</summary>
    public const string ObjectiveSyntax = "objective_syntax";

    /// <summary>A milestone typed as text (<c>text</c>) is not <c>YYYY-MM-DD NAME</c>.</summary>
    public const string MilestoneSyntax = "milestone_syntax";

    /// <summary>A kit link typed as text (<c>text</c>) is not <c>LABEL | URL</c>.</summary>
    public const string LinkSyntax = "link_syntax";

    /// <summary>A squad member typed as text (<c>text</c>) is not <c>PERSON:ROLE</c> with one of the <c>roles</c>.</summary>
    public const string MemberSyntax = "member_syntax";

    /// <summary>The default baseline (the <c>from</c>..<c>to</c> schedule's length before it) would start before <c>min</c>.</summary>
    public const string NoDefaultBaseline = "no_default_baseline";

    /// <summary>The chosen baseline <c>from</c>..<c>to</c> overlaps the campaign window <c>start</c>..<c>end</c>.</summary>
    public const string BaselineOverlaps = "baseline_overlaps";

    /// <summary>An attributed figure has no working: no attribution model was run.</summary>
    public const string NoAttributionRun = "no_attribution_run";

    /// <summary>An uplift has no working: the baseline figures are unknown.</summary>
    public const string NoBaselineFigures = "no_baseline_figures";

    /// <summary>An uplift has no relative change: the expected baseline value is 0.</summary>
    public const string BaselineIsZero = "baseline_is_zero";

    /// <summary>The head of an evaluation's headline: the campaign's <c>name</c> and window <c>from</c>..<c>to</c>.</summary>
    public const string HeadlineCampaign = "headline_campaign";

    /// <summary>Headline part: the <c>roi</c> on the <c>cost</c> (spend and costs).</summary>
    public const string HeadlineRoi = "headline_roi";

    /// <summary>Headline part: the <c>cost</c>, no ROI without attribution.</summary>
    public const string HeadlineRoiNotComputed = "headline_roi_not_computed";

    /// <summary>Headline part: ROI undefined, no spend or costs.</summary>
    public const string HeadlineRoiUndefined = "headline_roi_undefined";

    /// <summary>Headline part: <c>met</c> of <c>count</c> objectives met.</summary>
    public const string HeadlineObjectivesMet = "headline_objectives_met";

    /// <summary>Headline part: the <c>relative</c> revenue uplift against the baseline.</summary>
    public const string HeadlineRevenueUplift = "headline_revenue_uplift";

    /// <summary>A planned budget <c>line</c> spent <c>actual</c> of <c>planned</c>, <c>overrun</c> over (<c>share</c> of the plan).</summary>
    public const string BudgetLineOverrun = "budget_line_overrun";

    /// <summary>Spend (<c>actual</c>) on an item (<c>line</c>) the campaign has no budget line for.</summary>
    public const string BudgetUnplannedSpend = "budget_unplanned_spend";

    /// <summary>The campaign's total <c>actual</c> is over its <c>planned</c> total by <c>overrun</c> (<c>share</c> of the plan).</summary>
    public const string BudgetTotalOverrun = "budget_total_overrun";

    /// <summary>The campaign spent <c>actual</c> with nothing planned at all.</summary>
    public const string BudgetTotalOverrunNoPlan = "budget_total_overrun_no_plan";

    /// <summary>A <c>person</c> is in two squads whose campaigns run on the same days <c>from</c>..<c>to</c>.</summary>
    public const string SquadDoubleBooking = "squad_double_booking";

    /// <summary>A host (<c>person</c>) hosts two live streams at the same time, <c>from</c> to <c>to</c>.</summary>
    public const string LiveStreamOverlap = "live_stream_overlap";

    /// <summary>A person with the <c>id</c> is already in the directory.</summary>
    public const string PersonExists = "person_exists";

    /// <summary>A campaign with the <c>id</c> already exists.</summary>
    public const string CampaignExists = "campaign_exists";
}
