namespace Mercato.Core.Campaigns;

/// <summary>
/// Why the lifecycle refused an action: a stable snake_case <see cref="Code"/> (the API's ProblemDetails <c>code</c>, 409
/// Conflict; the CLI's exit code 2) and the <see cref="Args"/> its sentence names; the host renders the words.
/// </summary>
/// <param name="Code">One of the <see cref="LifecycleCodes"/>.</param>
/// <param name="Args">The campaign, the stages, the amounts or days the sentence names.</param>
public sealed record LifecycleRefusal(string Code, MessageArgs Args) : ICodedMessage
{
    /// <summary>One of the <see cref="LifecycleCodes"/> (or <see cref="CommonCodes.MovedMeanwhile"/>).</summary>
    public string Code { get; init; } = CodeForm.Checked(Code);

    /// <summary>A refusal with the arguments in the order given.</summary>
    public static LifecycleRefusal Of(string code, params (string Name, object? Value)[] args) => new(code, MessageArgs.Of(args));

    /// <summary>The code and arguments, for debugging only.</summary>
    public override string ToString() => Args.Count == 0 ? Code : Code + " " + Args;
}

/// <summary>The codes of <see cref="LifecycleRefusal"/>.</summary>
public static class LifecycleCodes
{
    /// <summary>No actor was given.</summary>
    public const string ActorRequired = "actor_required";

    /// <summary>The campaign is already in the requested stage.</summary>
    public const string SameStage = "same_stage";

    /// <summary>The campaign is closed; nothing moves it and its budget is not approved again.</summary>
    public const string ClosedIsFinal = "closed_is_final";

    /// <summary>
    /// The move is not to the next stage or the one before: the <c>campaign</c>, the <c>direction</c> (<c>forward</c> or
    /// <c>back</c>), the stage it is in (<c>from</c>), the one it may go to that way (<c>allowed</c>) and the one asked (<c>to</c>).
    /// </summary>
    public const string SkipsStages = "skips_stages";

    /// <summary>A move back without a note.</summary>
    public const string NoteRequired = "note_required";

    /// <summary>The move is dated before the campaign's last transition.</summary>
    public const string TimeBeforeLastTransition = "time_before_last_transition";

    /// <summary>The campaign has no budget line.</summary>
    public const string NoBudgetLines = "no_budget_lines";

    /// <summary>A budget line plans 0.</summary>
    public const string BudgetLineNotPositive = "budget_line_not_positive";

    /// <summary>No squad is attached to the campaign.</summary>
    public const string NoSquad = "no_squad";

    /// <summary>No attached squad has a lead.</summary>
    public const string NoSquadLead = "no_squad_lead";

    /// <summary>The budget has no recorded approval.</summary>
    public const string BudgetNotApproved = "budget_not_approved";

    /// <summary>The planned budget grew beyond the approved amount.</summary>
    public const string BudgetExceedsApproval = "budget_exceeds_approval";

    /// <summary>Evaluation before the campaign's last day has passed.</summary>
    public const string NotEnded = "not_ended";

    /// <summary>A content kit without messages or links cannot be approved.</summary>
    public const string EmptyKit = "empty_kit";

    /// <summary>A cancellation without a note giving the reason.</summary>
    public const string CancellationReasonRequired = "cancellation_reason_required";

    /// <summary>A cancellation from evaluation: the campaign ran, so it is evaluated and closed instead.</summary>
    public const string NotCancellable = "not_cancellable";

    /// <summary>The campaign is cancelled; nothing moves it and its budget and kit are not approved again.</summary>
    public const string CancelledIsFinal = "cancelled_is_final";
}

/// <summary>The result of a lifecycle action: the new campaign, or the refusal; exactly one is set.</summary>
/// <param name="Campaign">The campaign after the action, when it succeeded.</param>
/// <param name="Refusal">Why it was refused, when it was.</param>
public sealed record LifecycleOutcome(Campaign? Campaign, LifecycleRefusal? Refusal)
{
    /// <summary>Whether the action succeeded.</summary>
    public bool Succeeded => Refusal is null;

    /// <summary>The use-case outcome: ok with the campaign, or refused with the refusal's code and arguments.</summary>
    public Outcome<Campaign> ToOutcome() =>
        Refusal is { } refusal ? Outcome<Campaign>.Refused(refusal.Code, refusal.Args) : Outcome<Campaign>.Ok(Campaign!);

    internal static LifecycleOutcome Ok(Campaign campaign) => new(campaign, null);

    internal static LifecycleOutcome Refused(LifecycleRefusal refusal) => new(null, refusal);
}

/// <summary>What the gates need to know besides the campaign.</summary>
/// <param name="Squads">The squads (all of them, or at least those attached to the campaign).</param>
/// <param name="TimeZone">The workspace time zone that turns <c>now</c> into today's local date; null for UTC.</param>
public sealed record LifecycleFacts(IReadOnlyList<Squad> Squads, TimeZoneInfo? TimeZone = null)
{
    /// <summary>No squads, UTC.</summary>
    public static LifecycleFacts None { get; } = new([]);

    /// <summary>The local date of <paramref name="now"/>.</summary>
    public DateOnly Today(DateTimeOffset now) => LocalTime.DayOf(now, TimeZone ?? TimeZoneInfo.Utc);
}

/// <summary>
/// The activity lifecycle of DOMAIN.md §3 as a pure state machine: planning → resources_confirmed → promotion →
/// evaluation → closed, or cancelled from planning, resources_confirmed or promotion. Every action returns a new campaign with the move recorded (who, when, note) or a refusal.
/// </summary>
/// <remarks>
/// <para>Rules, checked in this order (the first that fails is the refusal; <see cref="Blockers"/> lists every gate that fails):</para>
/// <list type="number">
/// <item>an actor is required;</item>
/// <item>the target is not the current stage; a closed campaign never moves (its evaluation and its place in the brand
/// cycle are history);</item>
/// <item>a move goes one stage forward, or one stage back; a move back needs a note and passes no gate;</item>
/// <item>a move is not dated before the campaign's last transition;</item>
/// <item>to resources_confirmed: at least one budget line, every line planned above 0, and a squad attached to the campaign
/// with a lead;</item>
/// <item>to promotion: a recorded budget approval covering the planned total, and the resources gate again (squads and
/// lines may have changed since);</item>
/// <item>to evaluation: the campaign's last day has passed in the workspace time zone (today &gt; end), so the window's
/// data is complete;</item>
/// <item>to closed: only from evaluation (rule 3).</item>
/// </list>
/// <para>Cancelled is off the strip: a campaign in planning, resources_confirmed or promotion may be cancelled with a note
/// giving the reason (no gate); not from evaluation or closed (a campaign that ran is evaluated and closed). A cancelled
/// campaign never moves again, like a closed one; both are <see cref="IsTerminal"/>.</para>
/// </remarks>
public static class CampaignLifecycle
{
    /// <summary>The five lifecycle steps in order (cancelled is not one of them: it is an exit, see <see cref="CanCancel"/>).</summary>
    public static IReadOnlyList<CampaignStage> Stages { get; } =
        [CampaignStage.Planning, CampaignStage.ResourcesConfirmed, CampaignStage.Promotion, CampaignStage.Evaluation, CampaignStage.Closed];

    /// <summary>Every stage, the five steps then cancelled: the board's columns and the list's filter.</summary>
    public static IReadOnlyList<CampaignStage> AllStages { get; } = [.. Stages, CampaignStage.Cancelled];

    /// <summary>The stage after <paramref name="stage"/> on the strip, or null after closed and for cancelled.</summary>
    public static CampaignStage? Next(CampaignStage stage) => IsTerminal(stage) ? null : stage + 1;

    /// <summary>The stage before <paramref name="stage"/> on the strip, or null before planning and for cancelled.</summary>
    public static CampaignStage? Previous(CampaignStage stage) =>
        stage is CampaignStage.Planning or CampaignStage.Cancelled ? null : stage - 1;

    /// <summary>Whether <paramref name="stage"/> is final: closed or cancelled.</summary>
    public static bool IsTerminal(CampaignStage stage) => stage is CampaignStage.Closed or CampaignStage.Cancelled;

    /// <summary>Whether a campaign in <paramref name="stage"/> may be cancelled: planning, resources_confirmed or promotion.</summary>
    public static bool CanCancel(CampaignStage stage) =>
        stage is CampaignStage.Planning or CampaignStage.ResourcesConfirmed or CampaignStage.Promotion;

    /// <summary>Moves the campaign to its next stage (see the class remarks for the gates).</summary>
    public static LifecycleOutcome Advance(Campaign campaign, string actor, DateTimeOffset now, LifecycleFacts facts, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return campaign.Stage switch
        {
            CampaignStage.Closed => LifecycleOutcome.Refused(Closed(campaign)),
            CampaignStage.Cancelled => LifecycleOutcome.Refused(Cancelled(campaign)),
            _ => TryMoveTo(campaign, campaign.Stage + 1, actor, now, facts, note),
        };
    }

    /// <summary>
    /// Moves the campaign to <paramref name="stage"/>: one stage forward through its gate, one back with a note, or to
    /// cancelled (from planning, resources_confirmed or promotion) with a note giving the reason.
    /// </summary>
    public static LifecycleOutcome TryMoveTo(
        Campaign campaign, CampaignStage stage, string actor, DateTimeOffset now, LifecycleFacts facts, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(facts);
        var refusal = MoveRefusal(campaign, stage, actor, now, note)
            ?? (stage != CampaignStage.Cancelled && stage > campaign.Stage ? Blockers(campaign, stage, now, facts).FirstOrDefault() : null);
        if (refusal is not null)
        {
            return LifecycleOutcome.Refused(refusal);
        }

        var transition = new StageTransition(campaign.Stage, stage, actor.Trim(), now, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        return LifecycleOutcome.Ok(campaign with { Stage = stage, Transitions = [.. campaign.Transitions, transition] });
    }

    /// <summary>
    /// Every gate that stops the campaign entering <paramref name="stage"/> from the stage before it, in gate order; empty
    /// when the gate is open (or for planning, and for closed and cancelled, which have no gate of their own). Pages show these as a checklist.
    /// </summary>
    public static IReadOnlyList<LifecycleRefusal> Blockers(Campaign campaign, CampaignStage stage, DateTimeOffset now, LifecycleFacts facts)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(facts);
        var result = new List<LifecycleRefusal>();
        switch (stage)
        {
            case CampaignStage.ResourcesConfirmed:
                Resources(campaign, facts, result);
                break;
            case CampaignStage.Promotion:
                Budget(campaign, result);
                Resources(campaign, facts, result);
                break;
            case CampaignStage.Evaluation:
                var today = facts.Today(now);
                if (today <= campaign.End)
                {
                    result.Add(LifecycleRefusal.Of(LifecycleCodes.NotEnded,
                        ("campaign", campaign.Id), ("end", campaign.End), ("first", campaign.End.AddDays(1)), ("today", today)));
                }

                break;
        }

        return result;
    }

    /// <summary>
    /// Records the approval of the campaign's budget: who, when, and the planned total approved. Refused without an actor,
    /// for a closed or cancelled campaign, and without budget lines. Approving again replaces the previous approval.
    /// </summary>
    public static LifecycleOutcome ApproveBudget(Campaign campaign, string actor, DateTimeOffset now, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (string.IsNullOrWhiteSpace(actor))
        {
            return LifecycleOutcome.Refused(ActorRequired());
        }

        if (Final(campaign) is { } final)
        {
            return LifecycleOutcome.Refused(final);
        }

        if (campaign.Budget.Count == 0)
        {
            return LifecycleOutcome.Refused(NoLines(campaign));
        }

        var approval = new BudgetApproval(actor.Trim(), now, campaign.PlannedTotal, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        return LifecycleOutcome.Ok(campaign with { BudgetApproval = approval });
    }

    /// <summary>
    /// Records the approval of the campaign's content kit (who, when), after which staff may share it
    /// (<see cref="Referrals.ShareKit"/>). Refused without an actor, for a closed or cancelled campaign, and for a kit with neither
    /// messages nor links.
    /// </summary>
    public static LifecycleOutcome ApproveKit(Campaign campaign, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (string.IsNullOrWhiteSpace(actor))
        {
            return LifecycleOutcome.Refused(ActorRequired());
        }

        if (Final(campaign) is { } final)
        {
            return LifecycleOutcome.Refused(final);
        }

        if (campaign.Kit.Messages.Count == 0 && campaign.Kit.Links.Count == 0)
        {
            return LifecycleOutcome.Refused(LifecycleRefusal.Of(LifecycleCodes.EmptyKit, ("campaign", campaign.Id)));
        }

        return LifecycleOutcome.Ok(campaign with { Kit = campaign.Kit with { ApprovedBy = actor.Trim(), ApprovedAt = now } });
    }

    private static LifecycleRefusal? MoveRefusal(Campaign campaign, CampaignStage stage, string actor, DateTimeOffset now, string? note)
    {
        if (string.IsNullOrWhiteSpace(actor))
        {
            return ActorRequired();
        }

        if (!EnumWords.IsDefined(stage))
        {
            throw new ArgumentOutOfRangeException(nameof(stage), stage, "not a stage");
        }

        if (stage == campaign.Stage)
        {
            return LifecycleRefusal.Of(LifecycleCodes.SameStage, ("campaign", campaign.Id), ("stage", Word(stage)));
        }

        if (Final(campaign) is { } final)
        {
            return final;
        }

        if (stage == CampaignStage.Cancelled)
        {
            if (!CanCancel(campaign.Stage))
            {
                return LifecycleRefusal.Of(LifecycleCodes.NotCancellable, ("campaign", campaign.Id), ("stage", Word(campaign.Stage)));
            }

            if (string.IsNullOrWhiteSpace(note))
            {
                return LifecycleRefusal.Of(LifecycleCodes.CancellationReasonRequired, ("campaign", campaign.Id));
            }

            return TimeRefusal(campaign, now);
        }

        var back = stage < campaign.Stage;
        if (Math.Abs(stage - campaign.Stage) != 1)
        {
            return LifecycleRefusal.Of(LifecycleCodes.SkipsStages, ("campaign", campaign.Id), ("direction", back ? "back" : "forward"),
                ("from", Word(campaign.Stage)), ("allowed", Word(back ? campaign.Stage - 1 : campaign.Stage + 1)), ("to", Word(stage)));
        }

        if (back && string.IsNullOrWhiteSpace(note))
        {
            return LifecycleRefusal.Of(LifecycleCodes.NoteRequired, ("campaign", campaign.Id), ("from", Word(campaign.Stage)), ("to", Word(stage)));
        }

        return TimeRefusal(campaign, now);
    }

    private static LifecycleRefusal? TimeRefusal(Campaign campaign, DateTimeOffset now) =>
        campaign.Transitions.Count > 0 && now < campaign.Transitions[^1].At
            ? LifecycleRefusal.Of(LifecycleCodes.TimeBeforeLastTransition, ("campaign", campaign.Id), ("at", now), ("last", campaign.Transitions[^1].At))
            : null;

    private static LifecycleRefusal? Final(Campaign campaign) => campaign.Stage switch
    {
        CampaignStage.Closed => Closed(campaign),
        CampaignStage.Cancelled => Cancelled(campaign),
        _ => null,
    };

    private static void Resources(Campaign campaign, LifecycleFacts facts, List<LifecycleRefusal> result)
    {
        if (campaign.Budget.Count == 0)
        {
            result.Add(NoLines(campaign));
        }

        foreach (var line in campaign.Budget.Where(l => l.Planned <= 0))
        {
            result.Add(LifecycleRefusal.Of(LifecycleCodes.BudgetLineNotPositive, ("campaign", campaign.Id), ("line", line.Key), ("planned", line.Planned)));
        }

        var squads = facts.Squads.Where(s => s.Serves(campaign.Id)).ToList();
        if (squads.Count == 0)
        {
            result.Add(LifecycleRefusal.Of(LifecycleCodes.NoSquad, ("campaign", campaign.Id)));
        }
        else if (!squads.Any(s => s.HasLead))
        {
            result.Add(LifecycleRefusal.Of(LifecycleCodes.NoSquadLead, ("campaign", campaign.Id), ("squads", squads.Select(s => s.Id))));
        }
    }

    private static void Budget(Campaign campaign, List<LifecycleRefusal> result)
    {
        if (campaign.BudgetApproval is not { } approval)
        {
            result.Add(LifecycleRefusal.Of(LifecycleCodes.BudgetNotApproved, ("campaign", campaign.Id)));
        }
        else if (campaign.PlannedTotal > approval.Amount)
        {
            result.Add(LifecycleRefusal.Of(LifecycleCodes.BudgetExceedsApproval,
                ("campaign", campaign.Id), ("planned", campaign.PlannedTotal), ("approved", approval.Amount), ("by", approval.By)));
        }
    }

    private static LifecycleRefusal ActorRequired() => new(LifecycleCodes.ActorRequired, MessageArgs.Empty);

    private static LifecycleRefusal Closed(Campaign campaign) => LifecycleRefusal.Of(LifecycleCodes.ClosedIsFinal, ("campaign", campaign.Id));

    private static LifecycleRefusal Cancelled(Campaign campaign) => LifecycleRefusal.Of(LifecycleCodes.CancelledIsFinal, ("campaign", campaign.Id));

    private static LifecycleRefusal NoLines(Campaign campaign) => LifecycleRefusal.Of(LifecycleCodes.NoBudgetLines, ("campaign", campaign.Id));

    private static string Word(CampaignStage stage) => EnumWords.Word(stage);
}
