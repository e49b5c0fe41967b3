using Mercato.Core.Campaigns;
using static Mercato.Core.Tests.Campaigns.Fx;

namespace Mercato.Core.Tests.Campaigns;

public class CampaignLifecycleTests
{
    private static Campaign Approved(Campaign c) => CampaignLifecycle.ApproveBudget(c, "cmo", T0).Campaign!;

    private static LifecycleRefusal Refusal(LifecycleOutcome outcome)
    {
        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.Campaign);
        return outcome.Refusal!;
    }

    [Fact]
    public void Advance_FromPlanning_WithALeadAndPositiveLines_ConfirmsResourcesAndRecordsWhoAndWhen()
    {
        var outcome = CampaignLifecycle.Advance(Launch(), "li-na", T0, Facts(SquadFor("bp-launch")));

        Assert.True(outcome.Succeeded);
        Assert.Equal(CampaignStage.ResourcesConfirmed, outcome.Campaign!.Stage);
        Assert.Equal([new StageTransition(CampaignStage.Planning, CampaignStage.ResourcesConfirmed, "li-na", T0)], outcome.Campaign.Transitions);
    }

    [Fact]
    public void FullWalk_PlanningToClosed_RecordsFourTransitionsAndStaysValid()
    {
        var facts = Facts(SquadFor("bp-launch"));
        var c = Launch();
        c = CampaignLifecycle.Advance(c, "li-na", At(2, 20), facts).Campaign!;
        c = CampaignLifecycle.ApproveBudget(c, "cmo", At(2, 21), "within Q1 plan").Campaign!;
        c = CampaignLifecycle.Advance(c, "li-na", At(3, 1), facts, "go live").Campaign!;
        c = CampaignLifecycle.Advance(c, "zhao", At(4, 1), facts).Campaign!;
        c = CampaignLifecycle.Advance(c, "cmo", At(4, 15), facts).Campaign!;

        Assert.Equal(CampaignStage.Closed, c.Stage);
        Assert.Equal(
            [
                new StageTransition(CampaignStage.Planning, CampaignStage.ResourcesConfirmed, "li-na", At(2, 20)),
                new StageTransition(CampaignStage.ResourcesConfirmed, CampaignStage.Promotion, "li-na", At(3, 1), "go live"),
                new StageTransition(CampaignStage.Promotion, CampaignStage.Evaluation, "zhao", At(4, 1)),
                new StageTransition(CampaignStage.Evaluation, CampaignStage.Closed, "cmo", At(4, 15)),
            ],
            c.Transitions);
        Assert.Equal(new BudgetApproval("cmo", At(2, 21), 10000m, "within Q1 plan"), c.BudgetApproval);
        Assert.Equal(At(4, 15), c.ClosedAt);
        Assert.Empty(c.Validate());
    }

    [Fact]
    public void ResourcesGate_NoSquad_IsRefusedWithTheExactReason()
    {
        var r = Refusal(CampaignLifecycle.Advance(Launch(), "li-na", T0, Facts(SquadFor("other-campaign"))));

        Assert.Equal(LifecycleCodes.NoSquad, r.Code);
        Assert.Equal(MessageArgs.Of(("campaign", "bp-launch")), r.Args);
    }

    [Fact]
    public void AnOutcome_IsOkWithTheCampaign_OrRefusedWithTheCodeAndArguments()
    {
        var refused = CampaignLifecycle.Advance(Launch(), "li-na", T0, Facts(SquadFor("other-campaign"))).ToOutcome();
        var done = CampaignLifecycle.Advance(Launch(), "li-na", T0, Facts(SquadFor("bp-launch"))).ToOutcome();

        Assert.Equal((OutcomeKind.Refused, LifecycleCodes.NoSquad, MessageArgs.Of(("campaign", "bp-launch"))), (refused.Kind, refused.Code, refused.Args));
        Assert.Equal((OutcomeKind.Ok, CampaignStage.ResourcesConfirmed), (done.Kind, done.Value!.Stage));
    }

    [Fact]
    public void ResourcesGate_SquadWithoutLead_IsRefused()
    {
        var r = Refusal(CampaignLifecycle.Advance(Launch(), "li-na", T0, Facts(SquadFor("bp-launch", lead: false))));

        Assert.Equal(LifecycleCodes.NoSquadLead, r.Code);
        Assert.Equal(MessageArgs.Of(("campaign", "bp-launch"), ("squads", new[] { "launch-squad" })), r.Args);
    }

    [Fact]
    public void ResourcesGate_OneSquadWithALeadAmongSeveral_IsEnough()
    {
        var outcome = CampaignLifecycle.Advance(Launch(), "li-na", T0, Facts(SquadFor("bp-launch", "a", lead: false), SquadFor("bp-launch", "b")));

        Assert.True(outcome.Succeeded);
    }

    [Fact]
    public void ResourcesGate_NoBudgetLines_IsRefused()
    {
        var r = Refusal(CampaignLifecycle.Advance(Launch() with { Budget = [] }, "li-na", T0, Facts(SquadFor("bp-launch"))));

        Assert.Equal(LifecycleCodes.NoBudgetLines, r.Code);
        Assert.Equal(MessageArgs.Of(("campaign", "bp-launch")), r.Args);
    }

    [Fact]
    public void ResourcesGate_ALinePlannedAtZero_IsRefused()
    {
        var c = Launch() with { Budget = [new(BudgetItemKind.Channel, "douyin_ads", 0m), new(BudgetItemKind.Cost, "event", 4000m)] };

        var r = Refusal(CampaignLifecycle.Advance(c, "li-na", T0, Facts(SquadFor("bp-launch"))));

        Assert.Equal(LifecycleCodes.BudgetLineNotPositive, r.Code);
        Assert.Equal(MessageArgs.Of(("campaign", "bp-launch"), ("line", "channel:douyin_ads"), ("planned", 0m)), r.Args);
    }

    [Fact]
    public void ResourcesGate_SmallestPositiveAmount_Passes()
    {
        var c = Launch() with { Budget = [new(BudgetItemKind.Channel, "douyin_ads", 0.0001m)] };

        Assert.True(CampaignLifecycle.Advance(c, "li-na", T0, Facts(SquadFor("bp-launch"))).Succeeded);
    }

    [Fact]
    public void Blockers_ListEveryFailingGateInOrder()
    {
        var c = Launch() with { Budget = [new(BudgetItemKind.Channel, "douyin_ads", 0m)] };

        var blockers = CampaignLifecycle.Blockers(c, CampaignStage.Promotion, T0, LifecycleFacts.None);

        Assert.Equal([LifecycleCodes.BudgetNotApproved, LifecycleCodes.BudgetLineNotPositive, LifecycleCodes.NoSquad], blockers.Select(b => b.Code));
        Assert.Empty(CampaignLifecycle.Blockers(c, CampaignStage.Planning, T0, LifecycleFacts.None));
        Assert.Empty(CampaignLifecycle.Blockers(c, CampaignStage.Closed, T0, LifecycleFacts.None));
    }

    [Fact]
    public void PromotionGate_WithoutApproval_IsRefused()
    {
        var c = InStage(Launch(), CampaignStage.ResourcesConfirmed, T0);

        var r = Refusal(CampaignLifecycle.Advance(c, "li-na", T0, Facts(SquadFor("bp-launch"))));

        Assert.Equal(LifecycleCodes.BudgetNotApproved, r.Code);
        Assert.Equal(MessageArgs.Of(("campaign", "bp-launch")), r.Args);
    }

    [Fact]
    public void PromotionGate_PlannedAboveTheApprovedAmount_NeedsANewApproval()
    {
        var c = Approved(InStage(Launch(), CampaignStage.ResourcesConfirmed, T0));
        var grown = c with { Budget = [.. c.Budget, new(BudgetItemKind.Channel, "baidu_sem", 0.5m)] };

        var r = Refusal(CampaignLifecycle.Advance(grown, "li-na", T0, Facts(SquadFor("bp-launch"))));

        Assert.Equal(LifecycleCodes.BudgetExceedsApproval, r.Code);
        Assert.Equal(MessageArgs.Of(("campaign", "bp-launch"), ("planned", 10000.5m), ("approved", 10000m), ("by", "cmo")), r.Args);
        Assert.True(CampaignLifecycle.Advance(Approved(grown), "li-na", T0, Facts(SquadFor("bp-launch"))).Succeeded);
    }

    [Fact]
    public void PromotionGate_PlannedAtOrBelowTheApprovedAmount_Passes()
    {
        var c = Approved(InStage(Launch(), CampaignStage.ResourcesConfirmed, T0));
        var shrunk = c with { Budget = [new(BudgetItemKind.Channel, "douyin_ads", 6000m)] };

        Assert.True(CampaignLifecycle.Advance(c, "li-na", T0, Facts(SquadFor("bp-launch"))).Succeeded);
        Assert.True(CampaignLifecycle.Advance(shrunk, "li-na", T0, Facts(SquadFor("bp-launch"))).Succeeded);
    }

    [Fact]
    public void PromotionGate_ChecksResourcesAgain()
    {
        var c = Approved(InStage(Launch(), CampaignStage.ResourcesConfirmed, T0));

        var r = Refusal(CampaignLifecycle.Advance(c, "li-na", T0, LifecycleFacts.None));

        Assert.Equal(LifecycleCodes.NoSquad, r.Code);
    }

    [Fact]
    public void ApproveBudget_RecordsWhoWhenAndTheTotal()
    {
        var outcome = CampaignLifecycle.ApproveBudget(Launch(), " cmo ", T0, " ");

        Assert.Equal(new BudgetApproval("cmo", T0, 10000m), outcome.Campaign!.BudgetApproval);
        Assert.Equal(CampaignStage.Planning, outcome.Campaign.Stage);
        Assert.Empty(outcome.Campaign.Transitions);
    }

    [Fact]
    public void ApproveBudget_Refusals()
    {
        var noActor = Refusal(CampaignLifecycle.ApproveBudget(Launch(), "  ", T0));
        var noLines = Refusal(CampaignLifecycle.ApproveBudget(Launch() with { Budget = [] }, "cmo", T0));
        var closed = Refusal(CampaignLifecycle.ApproveBudget(InStage(Launch(), CampaignStage.Closed, T0), "cmo", T0));

        Assert.Equal((LifecycleCodes.ActorRequired, MessageArgs.Empty), (noActor.Code, noActor.Args));
        Assert.Equal((LifecycleCodes.NoBudgetLines, MessageArgs.Of(("campaign", "bp-launch"))), (noLines.Code, noLines.Args));
        Assert.Equal((LifecycleCodes.ClosedIsFinal, MessageArgs.Of(("campaign", "bp-launch"))), (closed.Code, closed.Args));
    }

    [Fact]
    public void EvaluationGate_OnTheLastDay_IsRefused()
    {
        var c = InStage(Launch(), CampaignStage.Promotion, T0);

        var r = Refusal(CampaignLifecycle.Advance(c, "zhao", At(3, 31, 23, 59), LifecycleFacts.None));

        Assert.Equal(LifecycleCodes.NotEnded, r.Code);
        Assert.Equal(MessageArgs.Of(("campaign", "bp-launch"), ("end", new DateOnly(2026, 3, 31)), ("first", new DateOnly(2026, 4, 1)), ("today", new DateOnly(2026, 3, 31))), r.Args);
    }

    [Fact]
    public void EvaluationGate_AtMidnightAfterTheLastDay_Opens()
    {
        var c = InStage(Launch(), CampaignStage.Promotion, T0);

        Assert.True(CampaignLifecycle.Advance(c, "zhao", At(4, 1), LifecycleFacts.None).Succeeded);
    }

    [Fact]
    public void EvaluationGate_UsesTheWorkspaceTimeZone()
    {
        var c = InStage(Launch(), CampaignStage.Promotion, T0);
        var beijing = TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");
        var newYork = TimeZoneInfo.CreateCustomTimeZone("UTC-5", TimeSpan.FromHours(-5), "UTC-5", "UTC-5");
        var now = At(3, 31, 16); // 2026-04-01 00:00 in UTC+8; 2026-03-31 11:00 in UTC-5

        Assert.True(CampaignLifecycle.Advance(c, "zhao", now, new LifecycleFacts([], beijing)).Succeeded);
        Assert.Equal(LifecycleCodes.NotEnded, Refusal(CampaignLifecycle.Advance(c, "zhao", At(4, 1, 4), new LifecycleFacts([], newYork))).Code);
    }

    [Fact]
    public void Close_FromEvaluation_HasNoGate()
    {
        var c = InStage(Launch(), CampaignStage.Evaluation, T0);

        var outcome = CampaignLifecycle.Advance(c, "cmo", T0, LifecycleFacts.None);

        Assert.Equal(CampaignStage.Closed, outcome.Campaign!.Stage);
    }

    [Theory]
    [InlineData(CampaignStage.Planning)]
    [InlineData(CampaignStage.ResourcesConfirmed)]
    [InlineData(CampaignStage.Promotion)]
    [InlineData(CampaignStage.Evaluation)]
    public void Closed_NeverMoves(CampaignStage target)
    {
        var c = InStage(Launch(), CampaignStage.Closed, T0);

        var r = Refusal(CampaignLifecycle.TryMoveTo(c, target, "cmo", T0, LifecycleFacts.None, "reopen"));

        Assert.Equal(LifecycleCodes.ClosedIsFinal, r.Code);
        Assert.Equal(LifecycleCodes.ClosedIsFinal, Refusal(CampaignLifecycle.Advance(c, "cmo", T0, LifecycleFacts.None)).Code);
    }

    [Fact]
    public void Closing_FromPromotion_SkipsEvaluationAndIsRefused()
    {
        var c = InStage(Launch(), CampaignStage.Promotion, T0);

        var r = Refusal(CampaignLifecycle.TryMoveTo(c, CampaignStage.Closed, "cmo", At(5, 1), LifecycleFacts.None));

        Assert.Equal(LifecycleCodes.SkipsStages, r.Code);
        Assert.Equal(MessageArgs.Of(("campaign", "bp-launch"), ("direction", "forward"), ("from", "promotion"), ("allowed", "evaluation"), ("to", "closed")), r.Args);
    }

    [Fact]
    public void Back_TwoStages_IsRefused()
    {
        var c = InStage(Launch(), CampaignStage.Promotion, T0);

        var r = Refusal(CampaignLifecycle.TryMoveTo(c, CampaignStage.Planning, "li-na", T0, LifecycleFacts.None, "rethink"));

        Assert.Equal(LifecycleCodes.SkipsStages, r.Code);
        Assert.Equal(MessageArgs.Of(("campaign", "bp-launch"), ("direction", "back"), ("from", "promotion"), ("allowed", "resources_confirmed"), ("to", "planning")), r.Args);
    }

    [Fact]
    public void Back_WithoutANote_IsRefused()
    {
        var c = InStage(Launch(), CampaignStage.Promotion, T0);

        var r = Refusal(CampaignLifecycle.TryMoveTo(c, CampaignStage.ResourcesConfirmed, "li-na", T0, LifecycleFacts.None, " "));

        Assert.Equal(LifecycleCodes.NoteRequired, r.Code);
        Assert.Equal(MessageArgs.Of(("campaign", "bp-launch"), ("from", "promotion"), ("to", "resources_confirmed")), r.Args);
    }

    [Fact]
    public void Back_OneStageWithANote_PassesNoGateAndIsRecorded()
    {
        var c = InStage(Launch() with { Budget = [] }, CampaignStage.Promotion, T0);

        var outcome = CampaignLifecycle.TryMoveTo(c, CampaignStage.ResourcesConfirmed, "li-na", At(3, 5), LifecycleFacts.None, " key visual withdrawn ");

        Assert.True(outcome.Succeeded);
        Assert.Equal(
            new StageTransition(CampaignStage.Promotion, CampaignStage.ResourcesConfirmed, "li-na", At(3, 5), "key visual withdrawn"),
            outcome.Campaign!.Transitions[^1]);
        Assert.DoesNotContain(outcome.Campaign.Validate(), p => p.Path.StartsWith("transitions", StringComparison.Ordinal));
    }

    [Fact]
    public void SameStage_IsRefused()
    {
        var r = Refusal(CampaignLifecycle.TryMoveTo(Launch(), CampaignStage.Planning, "li-na", T0, LifecycleFacts.None));

        Assert.Equal((LifecycleCodes.SameStage, MessageArgs.Of(("campaign", "bp-launch"), ("stage", "planning"))), (r.Code, r.Args));
    }

    [Fact]
    public void MissingActor_IsRefusedBeforeAnythingElse()
    {
        var r = Refusal(CampaignLifecycle.TryMoveTo(InStage(Launch(), CampaignStage.Closed, T0), CampaignStage.Closed, "", T0, LifecycleFacts.None));

        Assert.Equal(LifecycleCodes.ActorRequired, r.Code);
    }

    [Fact]
    public void AMoveDatedBeforeTheLastTransition_IsRefused_AndAtTheSameInstantPasses()
    {
        var c = InStage(Launch(), CampaignStage.Evaluation, At(4, 2, 10));

        var r = Refusal(CampaignLifecycle.Advance(c, "cmo", At(4, 2, 9), LifecycleFacts.None));

        Assert.Equal(LifecycleCodes.TimeBeforeLastTransition, r.Code);
        Assert.Equal(MessageArgs.Of(("campaign", "bp-launch"), ("at", At(4, 2, 9)), ("last", At(4, 2, 10))), r.Args);
        Assert.True(CampaignLifecycle.Advance(c, "cmo", At(4, 2, 10), LifecycleFacts.None).Succeeded);
    }

    [Fact]
    public void Property_OnlyAdjacentStagesAreReachable_FromEveryStage()
    {
        var facts = Facts(SquadFor("bp-launch"));
        foreach (var from in CampaignLifecycle.Stages)
        {
            var c = InStage(Approved(Launch()), from, T0);
            foreach (var to in CampaignLifecycle.Stages)
            {
                var outcome = CampaignLifecycle.TryMoveTo(c, to, "li-na", At(4, 1), facts, "note");
                var adjacent = Math.Abs(to - from) == 1 && from != CampaignStage.Closed;
                Assert.Equal(adjacent, outcome.Succeeded);
                if (outcome.Succeeded)
                {
                    Assert.Equal(to, outcome.Campaign!.Stage);
                    Assert.Equal(c.Transitions.Count + 1, outcome.Campaign.Transitions.Count);
                    Assert.Empty(outcome.Campaign.Validate());
                }
            }
        }
    }

    [Fact]
    public void NextAndPrevious()
    {
        Assert.Equal(CampaignStage.ResourcesConfirmed, CampaignLifecycle.Next(CampaignStage.Planning));
        Assert.Null(CampaignLifecycle.Next(CampaignStage.Closed));
        Assert.Equal(CampaignStage.Evaluation, CampaignLifecycle.Previous(CampaignStage.Closed));
        Assert.Null(CampaignLifecycle.Previous(CampaignStage.Planning));
    }

    [Fact]
    public void ApproveKit_RecordsWhoAndWhen_AndRefusesAnEmptyKit()
    {
        var kit = new ContentKit(["Accurate at home."], [new("Shop", "https://shop.example.com/bp")]);

        var approved = CampaignLifecycle.ApproveKit(Launch() with { Kit = kit }, " pr-lead ", T0).Campaign!;
        var empty = Refusal(CampaignLifecycle.ApproveKit(Launch(), "pr-lead", T0));

        Assert.Equal(kit with { ApprovedBy = "pr-lead", ApprovedAt = T0 }, approved.Kit);
        Assert.True(approved.Kit.IsApproved);
        Assert.Equal((LifecycleCodes.EmptyKit, MessageArgs.Of(("campaign", "bp-launch"))), (empty.Code, empty.Args));
        Assert.Equal(LifecycleCodes.ActorRequired, Refusal(CampaignLifecycle.ApproveKit(Launch() with { Kit = kit }, "", T0)).Code);
        Assert.Equal(LifecycleCodes.ClosedIsFinal, Refusal(CampaignLifecycle.ApproveKit(InStage(Launch() with { Kit = kit }, CampaignStage.Closed, T0), "x", T0)).Code);
    }

    [Theory]
    [InlineData(CampaignStage.Planning)]
    [InlineData(CampaignStage.ResourcesConfirmed)]
    [InlineData(CampaignStage.Promotion)]
    public void Cancel_FromPlanningResourcesOrPromotion_WithAReason_IsRecordedAndValid(CampaignStage from)
    {
        // No squad, no approval: cancelling passes no gate.
        var c = InStage(Launch() with { Budget = [] }, from, T0);

        var outcome = CampaignLifecycle.TryMoveTo(c, CampaignStage.Cancelled, " cmo ", At(3, 5), LifecycleFacts.None, " supplier recall ");

        Assert.True(outcome.Succeeded);
        var cancelled = outcome.Campaign!;
        Assert.Equal(CampaignStage.Cancelled, cancelled.Stage);
        Assert.Equal(new StageTransition(from, CampaignStage.Cancelled, "cmo", At(3, 5), "supplier recall"), cancelled.Transitions[^1]);
        Assert.Equal(c.Transitions.Count + 1, cancelled.Transitions.Count);
        Assert.Equal(cancelled.Transitions[^1], cancelled.Cancellation);
        Assert.Null(cancelled.ClosedAt);
        Assert.DoesNotContain(cancelled.Validate(), p => p.Path.StartsWith("transitions", StringComparison.Ordinal) || p.Path == "stage");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Cancel_WithoutAReason_IsRefused(string? note)
    {
        var c = InStage(Launch(), CampaignStage.Promotion, T0);

        var r = Refusal(CampaignLifecycle.TryMoveTo(c, CampaignStage.Cancelled, "cmo", At(3, 5), LifecycleFacts.None, note));

        Assert.Equal((LifecycleCodes.CancellationReasonRequired, MessageArgs.Of(("campaign", "bp-launch"))), (r.Code, r.Args));
    }

    [Fact]
    public void Cancel_FromEvaluationOrClosed_IsRefused()
    {
        var evaluation = Refusal(CampaignLifecycle.TryMoveTo(
            InStage(Launch(), CampaignStage.Evaluation, T0), CampaignStage.Cancelled, "cmo", At(4, 2), LifecycleFacts.None, "too late"));
        var closed = Refusal(CampaignLifecycle.TryMoveTo(
            InStage(Launch(), CampaignStage.Closed, T0), CampaignStage.Cancelled, "cmo", At(4, 2), LifecycleFacts.None, "too late"));

        Assert.Equal(
            (LifecycleCodes.NotCancellable, MessageArgs.Of(("campaign", "bp-launch"), ("stage", "evaluation"))),
            (evaluation.Code, evaluation.Args));
        Assert.Equal(LifecycleCodes.ClosedIsFinal, closed.Code);
    }

    [Fact]
    public void Cancel_DatedBeforeTheLastTransition_OrWithoutAnActor_IsRefused()
    {
        var c = InStage(Launch(), CampaignStage.Promotion, At(3, 5));

        Assert.Equal(LifecycleCodes.TimeBeforeLastTransition,
            Refusal(CampaignLifecycle.TryMoveTo(c, CampaignStage.Cancelled, "cmo", At(3, 4), LifecycleFacts.None, "why")).Code);
        Assert.Equal(LifecycleCodes.ActorRequired,
            Refusal(CampaignLifecycle.TryMoveTo(c, CampaignStage.Cancelled, " ", At(3, 6), LifecycleFacts.None, "why")).Code);
    }

    [Fact]
    public void Cancelled_IsFinal_NothingMovesOutAndNothingIsApproved()
    {
        var c = CancelledFrom(Launch() with { Kit = new ContentKit(["Accurate at home."], []) }, CampaignStage.Promotion, T0);
        var facts = Facts(SquadFor("bp-launch"));

        foreach (var target in CampaignLifecycle.Stages)
        {
            var r = Refusal(CampaignLifecycle.TryMoveTo(c, target, "cmo", At(4, 1), facts, "reopen"));
            Assert.Equal(LifecycleCodes.CancelledIsFinal, r.Code);
            Assert.Equal(MessageArgs.Of(("campaign", "bp-launch")), r.Args);
        }

        Assert.Equal(LifecycleCodes.SameStage, Refusal(CampaignLifecycle.TryMoveTo(c, CampaignStage.Cancelled, "cmo", At(4, 1), facts, "again")).Code);
        Assert.Equal(LifecycleCodes.CancelledIsFinal, Refusal(CampaignLifecycle.Advance(c, "cmo", At(4, 1), facts)).Code);
        Assert.Equal(LifecycleCodes.CancelledIsFinal, Refusal(CampaignLifecycle.ApproveBudget(c, "cmo", At(4, 1))).Code);
        Assert.Equal(LifecycleCodes.CancelledIsFinal, Refusal(CampaignLifecycle.ApproveKit(c, "cmo", At(4, 1))).Code);
    }

    [Fact]
    public void Cancelled_IsOffTheStrip_WithNoNextOrPrevious()
    {
        Assert.Null(CampaignLifecycle.Next(CampaignStage.Cancelled));
        Assert.Null(CampaignLifecycle.Previous(CampaignStage.Cancelled));
        Assert.DoesNotContain(CampaignStage.Cancelled, CampaignLifecycle.Stages);
        Assert.Equal([.. CampaignLifecycle.Stages, CampaignStage.Cancelled], CampaignLifecycle.AllStages);
        Assert.Equal(
            [false, false, false, false, true, true],
            CampaignLifecycle.AllStages.Select(CampaignLifecycle.IsTerminal));
        Assert.Equal(
            [true, true, true, false, false, false],
            CampaignLifecycle.AllStages.Select(CampaignLifecycle.CanCancel));
        Assert.Equal("cancelled", EnumWords.Word(CampaignStage.Cancelled));
    }

    [Fact]
    public void Validation_ALogEndingInACancellation_IsValid_ALogGoingOnAfterOne_IsNot()
    {
        var cancelled = CancelledFrom(Launch(), CampaignStage.ResourcesConfirmed, T0, "budget frozen");
        var goesOn = cancelled with
        {
            Stage = CampaignStage.Promotion,
            Transitions = [.. cancelled.Transitions, new StageTransition(CampaignStage.Cancelled, CampaignStage.Promotion, "cmo", T0)],
        };
        var fromEvaluation = CancelledFrom(Launch(), CampaignStage.Evaluation, T0);
        var noReason = cancelled with { Transitions = [.. cancelled.Transitions.Take(cancelled.Transitions.Count - 1), cancelled.Transitions[^1] with { Note = null }] };

        Assert.Empty(cancelled.Validate());
        Assert.Equal(["transitions[2].from: " + CampaignCodes.TransitionAfterCancellation], goesOn.Validate().Select(p => p.ToString()));
        Assert.Equal(["transitions[3].to: " + CampaignCodes.TransitionCancelStage], fromEvaluation.Validate().Select(p => p.ToString()));
        Assert.Equal([Problem.Of("transitions[1].note", LifecycleCodes.CancellationReasonRequired, ("campaign", "bp-launch"))], noReason.Validate());
    }
}
