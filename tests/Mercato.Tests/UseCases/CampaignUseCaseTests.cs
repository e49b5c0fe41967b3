using System.Text.Json.Nodes;
using Mercato.Core.Campaigns;
using Mercato.Core.Organization;
using Mercato.Features.Campaigns;
using Mercato.Features.Organization;
using Mercato.Features.People;
using Mercato.Features.Settings;
using static Mercato.Tests.UseCases.Samples;

namespace Mercato.Tests.UseCases;

/// <summary>
/// Campaigns through their use case: saved under the workspace's rules at the version read, moved only through the
/// lifecycle by the acting person at the clock's time, removed only in planning, bundles restored whole.
/// </summary>
public abstract class CampaignUseCaseTests
{
    private static readonly DateTimeOffset Start = TestWorkspace.Start;

    protected abstract TestStoreKind Kind { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<TestWorkspace> OpenAsync(string actor = "cmo") => TestWorkspace.OpenAsync(Kind, actor);

    private static async Task SeedAllAsync(TestWorkspace w)
    {
        var people = w.Get<PeopleUseCases>();
        Expect.Ok(await people.SavePersonAsync(Ann, mustBeNew: true, expectedVersion: null, Ct));
        Expect.Ok(await people.SavePersonAsync(Bo, mustBeNew: true, expectedVersion: null, Ct));
        Expect.Ok(await w.Get<CampaignUseCases>().SaveAsync(Launch, mustBeNew: true, expectedVersion: null, Ct));
        Expect.Ok(await people.SaveSquadAsync(LaunchSquad, expectedVersion: null, Ct));
    }

    private static async Task<Versioned<Campaign>> StoredAsync(TestWorkspace w, string id = "bp-launch") =>
        Expect.Ok(await w.Get<CampaignUseCases>().GetAsync(id, Ct));

    [Fact]
    public async Task TheDefaultBrandBoard_OfAnEmptyStore_EndsToday_AndMovesWithTheClock()
    {
        // The default window's board is kept while the data is the same; with no data its window is the clock's.
        await using var w = await OpenAsync();
        var campaigns = w.Get<CampaignUseCases>();
        var today = LocalTime.Today(w.Clock, await w.Get<SettingsUseCases>().ZoneAsync(Ct));
        Assert.Equal(new DateRange(today.AddYears(-1).AddDays(1), today), Expect.Ok(await campaigns.BrandBoardAsync(null, null, Ct)).Board.Window);
        w.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(today.AddDays(1), Expect.Ok(await campaigns.BrandBoardAsync(null, null, Ct)).Board.Window.End);
    }

    // ---- ported from CampaignStoreTests ----

    [Fact]
    public async Task SavedDocuments_ReadBackEqual_AlsoFromANewStore_WithWhenAndWhoSavedThem()
    {
        await using var w = await OpenAsync();
        await SeedAllAsync(w);

        await using var reopened = await ReopenedWorkspace.OpenAsync(w);
        var campaigns = reopened.Get<CampaignUseCases>();
        var people = reopened.Get<PeopleUseCases>();
        Assert.Equal([Ann, Bo], await people.PeopleAsync(Ct));
        var stored = Expect.Ok(await campaigns.GetAsync("bp-launch", Ct));
        Assert.Equal((Launch, 1L, "2026-04-01T08:00:00.000Z", "cmo"), (stored.Value, stored.Version, stored.SavedAt, stored.SavedBy));
        Assert.Equal(LaunchSquad, Expect.Ok(await people.SquadAsync("launch-squad", Ct)).Value);
        Expect.NotFound(await campaigns.GetAsync("nope", Ct), CampaignCodes.CampaignNotFound, Expect.Args(("id", "nope")));
    }

    [Fact]
    public async Task InvalidSaves_ChangeNothing_AndSayWhy()
    {
        await using var w = await OpenAsync();
        await SeedAllAsync(w);
        var campaigns = w.Get<CampaignUseCases>();
        var people = w.Get<PeopleUseCases>();

        var badName = await campaigns.SaveAsync(Launch with { Name = "" }, mustBeNew: false, expectedVersion: null, Ct);
        var codeTaken = await campaigns.SaveAsync(Launch with { Id = "other", Codes = ["BP-LAUNCH"] }, mustBeNew: true, expectedVersion: null, Ct);
        var unknownMember = await people.SaveSquadAsync(LaunchSquad with { Members = [new SquadMember("zoe", SquadRole.Lead)] }, null, Ct);
        var unknownCampaign = await people.SaveSquadAsync(LaunchSquad with { Campaigns = ["ghost"] }, null, Ct);
        var codeTwice = await people.SavePersonAsync(Bo with { ReferralCodes = ["ann-1"] }, mustBeNew: false, expectedVersion: null, Ct);

        Expect.Invalid(badName, new Problem("name", CommonCodes.Required));
        Expect.Invalid(codeTaken, Problem.Of("codes[0]", CampaignCodes.CampaignCodeTaken, ("code", "BP-LAUNCH"), ("campaign", "bp-launch")));
        Expect.Invalid(unknownMember, Problem.Of("members[0].person", CampaignCodes.UnknownPerson, ("person", "zoe")));
        Expect.Invalid(unknownCampaign, Problem.Of("campaigns[0]", CampaignCodes.UnknownCampaign, ("campaign", "ghost")));
        Expect.Invalid(codeTwice, Problem.Of("referralCodes[0]", CampaignCodes.ReferralCodeTaken, ("code", "ann-1"), ("person", "ann")));
        var stored = await StoredAsync(w);
        Assert.Equal((Launch, 1L), (stored.Value, stored.Version));
        Assert.Single(await campaigns.ListAsync(Ct));
        var squad = Expect.Ok(await people.SquadAsync("launch-squad", Ct));
        Assert.Equal((LaunchSquad, 1L), (squad.Value, squad.Version));
        var bo = Expect.Ok(await people.PersonAsync("bo", Ct));
        Assert.Equal((Bo, 1L), (bo.Value, bo.Version));
    }

    [Fact]
    public async Task WithAStoredStructure_TheOwningUnitMustBeOneOfItsUnits()
    {
        await using var w = await OpenAsync();
        Expect.Ok(await w.Get<OrganizationUseCases>().SaveAsync(OrgTemplates.Get("recommended")!, replace: false, expectedVersion: null, Ct));
        var campaigns = w.Get<CampaignUseCases>();

        var result = await campaigns.SaveAsync(Launch with { Unit = "nowhere" }, mustBeNew: true, expectedVersion: null, Ct);

        Expect.Invalid(result, Problem.Of("unit", OrgCodes.UnknownUnit, ("unit", "nowhere")));
        Assert.Empty(await campaigns.ListAsync(Ct));
        Expect.Ok(await campaigns.SaveAsync(Launch, mustBeNew: true, expectedVersion: null, Ct));
    }

    [Fact]
    public async Task Save_CannotChangeTheStage_OnlyTheLifecycleCan()
    {
        await using var w = await OpenAsync();
        await SeedAllAsync(w);
        var campaigns = w.Get<CampaignUseCases>();
        var moved = CampaignLifecycle.Advance(Launch, "cmo", Start, new LifecycleFacts([LaunchSquad])).Campaign!;

        var result = await campaigns.SaveAsync(moved, mustBeNew: false, expectedVersion: null, Ct);

        Expect.Refused(result, CampaignCodes.StageChangesThroughLifecycle, Expect.Args(("id", "bp-launch"), ("stage", "planning")));
        var stored = await StoredAsync(w);
        Assert.Equal((CampaignStage.Planning, 1L), (stored.Value.Stage, stored.Version));
        Expect.Ok(await campaigns.SaveAsync(Launch with { Name = "BP monitor launch 2026" }, mustBeNew: false, expectedVersion: null, Ct));
    }

    [Fact]
    public async Task Lifecycle_ThroughTheUseCase_GatesOnBudgetSquadAndEndDate_AsTheActorAtTheClocksTime()
    {
        await using var w = await OpenAsync();
        var campaigns = w.Get<CampaignUseCases>();
        var people = w.Get<PeopleUseCases>();
        Expect.Ok(await campaigns.SaveAsync(Launch, mustBeNew: true, expectedVersion: null, Ct));

        Expect.Refused(await campaigns.AdvanceAsync("bp-launch", null, null, null, Ct), LifecycleCodes.NoSquad, Expect.Args(("campaign", "bp-launch")));

        Expect.Ok(await people.SavePersonAsync(Ann, true, null, Ct));
        Expect.Ok(await people.SavePersonAsync(Bo, true, null, Ct));
        Expect.Ok(await people.SaveSquadAsync(LaunchSquad, null, Ct));
        Expect.Ok(await campaigns.AdvanceAsync("bp-launch", null, null, null, Ct));

        w.Clock.Now = Start.AddHours(1);
        Expect.Refused(await campaigns.AdvanceAsync("bp-launch", null, null, null, Ct), LifecycleCodes.BudgetNotApproved, Expect.Args(("campaign", "bp-launch")));
        Assert.Equal(CampaignStage.ResourcesConfirmed, (await StoredAsync(w)).Value.Stage);

        w.Clock.Now = Start.AddHours(2);
        Expect.Ok(await campaigns.ApproveBudgetAsync("bp-launch", null, null, null, Ct));
        w.Clock.Now = Start.AddHours(3);
        var promoted = Expect.Ok(await campaigns.AdvanceAsync("bp-launch", null, null, null, Ct));
        Assert.Equal(CampaignStage.Promotion, promoted.Stage);

        w.Clock.Now = new DateTimeOffset(2026, 4, 20, 23, 0, 0, TimeSpan.Zero);
        Expect.Refused(await campaigns.AdvanceAsync("bp-launch", null, null, null, Ct), LifecycleCodes.NotEnded, Expect.Args(
            ("campaign", "bp-launch"), ("end", new DateOnly(2026, 4, 20)), ("first", new DateOnly(2026, 4, 21)), ("today", new DateOnly(2026, 4, 20))));
        Assert.Equal(CampaignStage.Promotion, (await StoredAsync(w)).Value.Stage);

        var end = new DateTimeOffset(2026, 4, 21, 0, 0, 0, TimeSpan.Zero);
        w.Clock.Now = end;
        var evaluated = Expect.Ok(await campaigns.AdvanceAsync("bp-launch", null, null, null, Ct));
        Assert.Equal(CampaignStage.Evaluation, evaluated.Stage);

        var stored = await StoredAsync(w);
        Assert.Equal(evaluated, stored.Value);
        Assert.Equal(
            [
                new StageTransition(CampaignStage.Planning, CampaignStage.ResourcesConfirmed, "cmo", Start),
                new StageTransition(CampaignStage.ResourcesConfirmed, CampaignStage.Promotion, "cmo", Start.AddHours(3)),
                new StageTransition(CampaignStage.Promotion, CampaignStage.Evaluation, "cmo", end),
            ],
            stored.Value.Transitions);
        Assert.Equal(new BudgetApproval("cmo", Start.AddHours(2), 8000m), stored.Value.BudgetApproval);
        Assert.Equal(("cmo", "2026-04-21T00:00:00.000Z"), (stored.SavedBy, stored.SavedAt));
        Expect.NotFound(await campaigns.AdvanceAsync("ghost", null, null, null, Ct), CampaignCodes.CampaignNotFound, Expect.Args(("id", "ghost")));
    }

    [Fact]
    public async Task MoveTo_Back_NeedsANote()
    {
        await using var w = await OpenAsync();
        await SeedAllAsync(w);
        var campaigns = w.Get<CampaignUseCases>();
        Expect.Ok(await campaigns.AdvanceAsync("bp-launch", null, null, null, Ct));

        var noNote = await campaigns.MoveAsync("bp-launch", CampaignStage.Planning, null, null, null, Ct);
        var withNote = await campaigns.MoveAsync("bp-launch", CampaignStage.Planning, "the launch slips a month", null, null, Ct);

        Expect.Refused(noNote, LifecycleCodes.NoteRequired, Expect.Args(("campaign", "bp-launch"), ("from", "resources_confirmed"), ("to", "planning")));
        Expect.Ok(withNote);
        var stored = await StoredAsync(w);
        Assert.Equal(CampaignStage.Planning, stored.Value.Stage);
        Assert.Equal(new StageTransition(CampaignStage.ResourcesConfirmed, CampaignStage.Planning, "cmo", Start, "the launch slips a month"), stored.Value.Transitions[^1]);
    }

    [Fact]
    public async Task Removals_KeepReferencesWhole()
    {
        await using var w = await OpenAsync();
        await SeedAllAsync(w);
        var campaigns = w.Get<CampaignUseCases>();
        var people = w.Get<PeopleUseCases>();

        var personInSquad = await people.RemovePersonAsync("bo", null, Ct);
        Assert.Equal(CampaignStage.Planning, (await StoredAsync(w)).Value.Stage);
        var campaign = await campaigns.RemoveAsync("bp-launch", null, Ct);

        Expect.Refused(personInSquad, CampaignCodes.PersonInSquad, Expect.Args(("id", "bo"), ("squads", new[] { "launch-squad" })));
        Expect.Ok(await people.PersonAsync("bo", Ct));
        Assert.Equal(["launch-squad"], Expect.Ok(campaign));
        Expect.NotFound(await campaigns.GetAsync("bp-launch", Ct), CampaignCodes.CampaignNotFound, Expect.Args(("id", "bp-launch")));
        Assert.Empty(Expect.Ok(await people.SquadAsync("launch-squad", Ct)).Value.Campaigns);
        Expect.NotFound(await campaigns.RemoveAsync("bp-launch", null, Ct), CampaignCodes.CampaignNotFound, Expect.Args(("id", "bp-launch")));
        Expect.Ok(await people.RemoveSquadAsync("launch-squad", null, Ct));
        Expect.Ok(await people.RemovePersonAsync("bo", null, Ct));
        Expect.NotFound(await people.RemovePersonAsync("bo", null, Ct), CampaignCodes.PersonNotFound, Expect.Args(("id", "bo")));
    }

    [Fact]
    public async Task Remove_OfACampaignThatLeftPlanning_IsRefused_AndChangesNothing_BackInPlanningItGoes()
    {
        await using var w = await OpenAsync();
        await SeedAllAsync(w);
        var campaigns = w.Get<CampaignUseCases>();
        var people = w.Get<PeopleUseCases>();
        Expect.Ok(await campaigns.AdvanceAsync("bp-launch", null, null, null, Ct));
        var advanced = await StoredAsync(w);

        var refused = await campaigns.RemoveAsync("bp-launch", null, Ct);

        Expect.Refused(refused, CampaignCodes.CampaignHasHistory, Expect.Args(("id", "bp-launch"), ("stage", "resources_confirmed")));
        Assert.Equal(advanced, await StoredAsync(w));
        Assert.Equal(["bp-launch"], Expect.Ok(await people.SquadAsync("launch-squad", Ct)).Value.Campaigns);

        Expect.Ok(await campaigns.MoveAsync("bp-launch", CampaignStage.Planning, "not this quarter", null, null, Ct));
        Expect.Ok(await campaigns.RemoveAsync("bp-launch", null, Ct));
        Expect.NotFound(await campaigns.GetAsync("bp-launch", Ct), CampaignCodes.CampaignNotFound, Expect.Args(("id", "bp-launch")));
        Assert.Empty(Expect.Ok(await people.SquadAsync("launch-squad", Ct)).Value.Campaigns);
    }

    [Fact]
    public async Task Import_ALogEndingInACancellation_IsRestored_ALogGoingOnAfterOne_IsInvalid()
    {
        await using var w = await OpenAsync();
        var campaigns = w.Get<CampaignUseCases>();
        var at = new DateTimeOffset(2026, 4, 2, 9, 0, 0, TimeSpan.Zero);
        var facts = new LifecycleFacts([LaunchSquad]);
        var confirmed = CampaignLifecycle.TryMoveTo(Launch, CampaignStage.ResourcesConfirmed, "cmo", at, facts).Campaign!;
        var cancelled = CampaignLifecycle.TryMoveTo(confirmed, CampaignStage.Cancelled, "cmo", at.AddHours(1), facts, "supplier recall").Campaign!;
        var goesOn = AsFileWith(cancelled, json =>
        {
            json["stage"] = "promotion";
            json["transitions"]!.AsArray().Add(new JsonObject { ["from"] = "cancelled", ["to"] = "promotion", ["by"] = "cmo", ["at"] = Iso(at.AddHours(2)) });
        });

        var refused = await campaigns.ImportAsync(new CampaignBundle([Ann, Bo], [LaunchSquad], [goesOn]), Ct);
        var nothing = await campaigns.ExportAsync(Ct);
        w.Clock.Now = Start.AddHours(5);
        var done = await campaigns.ImportAsync(new CampaignBundle([Ann, Bo], [LaunchSquad], [cancelled]), Ct);

        Expect.Invalid(refused, new Problem("campaigns[0].transitions[2].from", CampaignCodes.TransitionAfterCancellation));
        Assert.Equal((0, 0, 0), (nothing.People.Count, nothing.Squads.Count, nothing.Campaigns.Count));
        var restored = Campaign.Restore(cancelled, "cmo", Start.AddHours(5));
        Assert.Equal([restored], Expect.Ok(done).Campaigns);
        Assert.Equal(restored, (await StoredAsync(w)).Value);
        Assert.Equal(CampaignStage.Cancelled, (await campaigns.ExportAsync(Ct)).Campaigns.Single().Stage);
        w.Clock.Now = at.AddDays(1);
        Expect.Refused(await campaigns.AdvanceAsync("bp-launch", null, null, null, Ct), LifecycleCodes.CancelledIsFinal, Expect.Args(("campaign", "bp-launch")));
    }

    [Fact]
    public async Task Import_IsAllOrNothing_AndExportRoundTrips()
    {
        await using var w = await OpenAsync();
        var campaigns = w.Get<CampaignUseCases>();
        var bad = new CampaignBundle([Ann], [LaunchSquad], [Launch]); // the squad needs bo, who is not in the bundle
        var good = new CampaignBundle([Ann, Bo], [LaunchSquad], [Launch]);

        var refused = await campaigns.ImportAsync(bad, Ct);
        var nothing = await campaigns.ExportAsync(Ct);
        var done = await campaigns.ImportAsync(good, Ct);

        Expect.Invalid(refused, Problem.Of("squads[0].members[1].person", CampaignCodes.UnknownPerson, ("person", "bo")));
        Assert.Equal((0, 0, 0), (nothing.People.Count, nothing.Squads.Count, nothing.Campaigns.Count));
        Expect.Ok(done);
        var export = await campaigns.ExportAsync(Ct);
        Assert.Equal(good.People, export.People);
        Assert.Equal(good.Squads, export.Squads);
        Assert.Equal([Campaign.Restore(Launch, "cmo", Start)], export.Campaigns);

        // The export imported again is the workspace as it was: stored campaigns keep their restore mark.
        w.Clock.Advance(TimeSpan.FromHours(1));
        Expect.Ok(await campaigns.ImportAsync(export, Ct));
        var again = await campaigns.ExportAsync(Ct);
        Assert.Equal(export.People, again.People);
        Assert.Equal(export.Squads, again.Squads);
        Assert.Equal(export.Campaigns, again.Campaigns);
    }

    // ---- ported from ApproveKitTest (CampaignQueriesTests) ----

    [Fact]
    public async Task ApproveKit_RecordsWhoAndWhen_AndRefusesAnEmptyKit()
    {
        await using var w = await OpenAsync();
        var campaigns = w.Get<CampaignUseCases>();
        var expo = new Campaign("expo", "Medical expo", CampaignType.Exhibition, "brand", new DateOnly(2026, 4, 11), new DateOnly(2026, 4, 14));
        var bp = new Campaign("bp", "BP monitor", CampaignType.ProductLaunch, "brand", new DateOnly(2026, 4, 10), new DateOnly(2026, 4, 20),
            kit: new ContentKit(["BP is here"], []));
        Expect.Ok(await campaigns.SaveAsync(expo, true, null, Ct));
        Expect.Ok(await campaigns.SaveAsync(bp, true, null, Ct));
        w.Clock.Advance(TimeSpan.FromMinutes(5));

        var empty = await campaigns.ApproveKitAsync("expo", null, null, Ct);
        var approved = await campaigns.ApproveKitAsync("bp", null, null, Ct);

        Expect.Refused(empty, LifecycleCodes.EmptyKit, Expect.Args(("campaign", "expo")));
        Assert.Null((await StoredAsync(w, "expo")).Value.Kit.ApprovedBy);
        var stored = await StoredAsync(w, "bp");
        Assert.Equal(("cmo", (DateTimeOffset?)Start.AddMinutes(5)), (stored.Value.Kit.ApprovedBy, stored.Value.Kit.ApprovedAt));
        Assert.Equal(stored.Value, Expect.Ok(approved));
        Assert.Equal(2, stored.Version);
        Expect.NotFound(await campaigns.ApproveKitAsync("ghost", null, null, Ct), CampaignCodes.CampaignNotFound, Expect.Args(("id", "ghost")));
    }

    // ---- what the port makes natural ----

    [Fact]
    public async Task Save_MustBeNew_IsRefusedForATakenId()
    {
        await using var w = await OpenAsync();
        await SeedAllAsync(w);

        var again = await w.Get<CampaignUseCases>().SaveAsync(Launch with { Name = "Another" }, mustBeNew: true, expectedVersion: null, Ct);

        Expect.Refused(again, CampaignCodes.CampaignExists, Expect.Args(("id", "bp-launch")));
        var stored = await StoredAsync(w);
        Assert.Equal((Launch, 1L), (stored.Value, stored.Version));
    }

    [Fact]
    public async Task Save_AtAStaleVersion_IsMovedMeanwhile_AndChangesNothing()
    {
        await using var w = await OpenAsync();
        await SeedAllAsync(w);
        var campaigns = w.Get<CampaignUseCases>();
        var first = Launch with { Name = "First edit" };
        w.Clock.Advance(TimeSpan.FromMinutes(1));
        Expect.Ok(await campaigns.SaveAsync(first, mustBeNew: false, expectedVersion: 1, Ct));
        w.Clock.Advance(TimeSpan.FromMinutes(1));

        var second = await campaigns.SaveAsync(Launch with { Name = "Second edit" }, mustBeNew: false, expectedVersion: 1, Ct);

        Expect.MovedMeanwhile(second, Expect.Args(("campaign", "bp-launch")));
        var stored = await StoredAsync(w);
        Assert.Equal((first, 2L, "2026-04-01T08:01:00.000Z"), (stored.Value, stored.Version, stored.SavedAt));
    }

    [Fact]
    public async Task LifecycleActions_AtAStaleVersion_AreMovedMeanwhile_AndChangeNothing()
    {
        await using var w = await OpenAsync();
        await SeedAllAsync(w);
        var campaigns = w.Get<CampaignUseCases>();
        Expect.Ok(await campaigns.SaveAsync(Launch with { Name = "Renamed" }, false, 1, Ct));
        var before = await StoredAsync(w);
        var moved = Expect.Args(("campaign", "bp-launch"));

        Expect.MovedMeanwhile(await campaigns.AdvanceAsync("bp-launch", null, null, expectedVersion: 1, Ct), moved);
        Expect.MovedMeanwhile(await campaigns.MoveAsync("bp-launch", CampaignStage.Cancelled, "no budget", null, expectedVersion: 1, Ct), moved);
        Expect.MovedMeanwhile(await campaigns.ApproveBudgetAsync("bp-launch", null, null, expectedVersion: 1, Ct), moved);
        Expect.MovedMeanwhile(await campaigns.ApproveKitAsync("bp-launch", null, expectedVersion: 1, Ct), moved);
        Expect.MovedMeanwhile(await campaigns.RemoveAsync("bp-launch", expectedVersion: 1, Ct), moved);
        Expect.MovedMeanwhile(await campaigns.AttachSquadAsync("bp-launch", "second", null, "bo", [], expectedCampaignVersion: 1, Ct), moved);
        Expect.MovedMeanwhile(await campaigns.DetachSquadAsync("bp-launch", "launch-squad", expectedCampaignVersion: 1, Ct), moved);

        Assert.Equal(before, await StoredAsync(w));
        Assert.Equal([LaunchSquad], await w.Get<PeopleUseCases>().SquadsAsync(Ct));
        Expect.Ok(await campaigns.AdvanceAsync("bp-launch", null, null, expectedVersion: 2, Ct));
    }

    [Fact]
    public async Task LifecycleActions_ExpectingAStageTheCampaignLeft_AreMovedMeanwhile_AndChangeNothing()
    {
        await using var w = await OpenAsync();
        await SeedAllAsync(w);
        var campaigns = w.Get<CampaignUseCases>();
        Expect.Ok(await campaigns.AdvanceAsync("bp-launch", null, CampaignStage.Planning, null, Ct));
        var before = await StoredAsync(w);
        var moved = Expect.Args(("campaign", "bp-launch"), ("stage", "resources_confirmed"), ("from", "planning"));

        // A second click on "advance" of the page shown in planning.
        Expect.MovedMeanwhile(await campaigns.AdvanceAsync("bp-launch", null, CampaignStage.Planning, null, Ct), moved);
        Expect.MovedMeanwhile(await campaigns.MoveAsync("bp-launch", CampaignStage.Cancelled, "too late", CampaignStage.Planning, null, Ct), moved);
        Expect.MovedMeanwhile(await campaigns.ApproveBudgetAsync("bp-launch", null, CampaignStage.Planning, null, Ct), moved);
        Expect.MovedMeanwhile(await campaigns.ApproveKitAsync("bp-launch", CampaignStage.Planning, null, Ct), moved);

        Assert.Equal(before, await StoredAsync(w));
        Assert.Single(before.Value.Transitions);
        Expect.Ok(await campaigns.ApproveBudgetAsync("bp-launch", "ok", CampaignStage.ResourcesConfirmed, before.Version, Ct));
    }

    [Fact]
    public async Task Writes_AreSavedByTheActingPerson()
    {
        await using var w = await OpenAsync(actor: "lin-hui");
        await SeedAllAsync(w);
        var campaigns = w.Get<CampaignUseCases>();
        var people = w.Get<PeopleUseCases>();

        Assert.Equal("lin-hui", (await StoredAsync(w)).SavedBy);
        Assert.Equal("lin-hui", Expect.Ok(await people.PersonAsync("ann", Ct)).SavedBy);
        Assert.Equal("lin-hui", Expect.Ok(await people.SquadAsync("launch-squad", Ct)).SavedBy);

        w.Clock.Advance(TimeSpan.FromMinutes(3));
        var approved = Expect.Ok(await campaigns.ApproveBudgetAsync("bp-launch", "within plan", null, null, Ct));

        Assert.Equal(new BudgetApproval("lin-hui", Start.AddMinutes(3), 8000m, "within plan"), approved.BudgetApproval);
        var stored = await StoredAsync(w);
        Assert.Equal((2L, "2026-04-01T08:03:00.000Z", "lin-hui"), (stored.Version, stored.SavedAt, stored.SavedBy));
    }

    [Fact]
    public async Task Save_OfLifecycleState_IsRefused_HistoryBudgetApprovalAndKitApprovalAlike()
    {
        await using var w = await OpenAsync();
        await SeedAllAsync(w);
        var campaigns = w.Get<CampaignUseCases>();
        Expect.Ok(await campaigns.SaveAsync(Launch with { Kit = new ContentKit(["BP is here"], []) }, false, null, Ct));
        var stored = (await StoredAsync(w)).Value;
        var budgetApproved = CampaignLifecycle.ApproveBudget(stored, "mallory", Start).Campaign!;
        var kitApproved = CampaignLifecycle.ApproveKit(stored, "mallory", Start).Campaign!;
        var rewritten = AsFileWith(stored, json => json["transitions"] = new JsonArray(
            new JsonObject { ["from"] = "planning", ["to"] = "resources_confirmed", ["by"] = "mallory", ["at"] = Iso(Start) },
            new JsonObject { ["from"] = "resources_confirmed", ["to"] = "planning", ["by"] = "mallory", ["at"] = Iso(Start), ["note"] = "x" }));

        Expect.Refused(await campaigns.SaveAsync(budgetApproved, false, null, Ct), CampaignCodes.BudgetApprovalThroughLifecycle, Expect.Args(("id", "bp-launch")));
        Expect.Refused(await campaigns.SaveAsync(kitApproved, false, null, Ct), CampaignCodes.KitApprovalThroughLifecycle, Expect.Args(("id", "bp-launch")));
        Expect.Refused(await campaigns.SaveAsync(rewritten, false, null, Ct), CampaignCodes.TransitionsAreHistory, Expect.Args(("id", "bp-launch")));

        var after = await StoredAsync(w);
        Assert.Equal((stored, 2L), (after.Value, after.Version));
    }

    [Fact]
    public async Task Save_OfAnEditedApprovedKit_PutsItBackToDraft_AnEditBesideTheKitKeepsTheApproval()
    {
        await using var w = await OpenAsync();
        var campaigns = w.Get<CampaignUseCases>();
        var kit = new ContentKit(["BP is here"], [new KitLink("Product page", "https://example.com/bp")]);
        Expect.Ok(await campaigns.SaveAsync(Launch with { Kit = kit }, true, null, Ct));
        var approved = Expect.Ok(await campaigns.ApproveKitAsync("bp-launch", null, null, Ct));
        Assert.True(approved.Kit.IsApproved);

        var renamed = Expect.Ok(await campaigns.SaveAsync(approved with { Name = "BP launch" }, false, 2, Ct));
        Assert.Equal(approved.Kit, renamed.Kit);
        Assert.True((await StoredAsync(w)).Value.Kit.IsApproved);

        var editedKit = renamed.Kit with { Messages = ["BP is here, now cheaper"] };
        Assert.True(editedKit.IsApproved);
        var edited = Expect.Ok(await campaigns.SaveAsync(renamed with { Kit = editedKit }, false, 3, Ct));
        Assert.Equal(new ContentKit(["BP is here, now cheaper"], kit.Links), edited.Kit);
        var afterEdit = await StoredAsync(w);
        Assert.Equal((edited, 4L), (afterEdit.Value, afterEdit.Version));

        var reapproved = Expect.Ok(await campaigns.ApproveKitAsync("bp-launch", null, 4, Ct));
        var relinked = Expect.Ok(await campaigns.SaveAsync(
            reapproved with { Kit = reapproved.Kit with { Links = [new KitLink("Product page", "https://example.com/bp2")] } }, false, 5, Ct));

        Assert.Equal(new ContentKit(["BP is here, now cheaper"], [new KitLink("Product page", "https://example.com/bp2")]), relinked.Kit);
        var stored = await StoredAsync(w);
        Assert.Equal((relinked, 6L), (stored.Value, stored.Version));
        Assert.False(stored.Value.Kit.IsApproved);
    }

    [Fact]
    public async Task Import_OfAStoredCampaign_WithABudgetApprovalNobodyGave_IsInvalid_AndChangesNothing()
    {
        await using var w = await OpenAsync();
        await SeedAllAsync(w);
        var campaigns = w.Get<CampaignUseCases>();
        var stored = (await StoredAsync(w)).Value;
        var forged = CampaignLifecycle.ApproveBudget(stored, "mallory", Start).Campaign!;
        var before = await campaigns.ExportAsync(Ct);

        var result = await campaigns.ImportAsync(new CampaignBundle([Ann with { Title = "CMO" }], [], [forged]), Ct);

        Expect.Invalid(result, Problem.Of("campaigns[0].budgetApproval", CampaignCodes.BudgetApprovalThroughLifecycle, ("id", "bp-launch")));
        Assert.Equal(before.People, (await campaigns.ExportAsync(Ct)).People);
        var after = await StoredAsync(w);
        Assert.Equal((stored, 1L), (after.Value, after.Version));
        Assert.Null(after.Value.BudgetApproval);
    }

    [Fact]
    public async Task Import_OfAStoredCampaign_WithAKitApprovalNobodyGave_IsInvalid_AndChangesNothing()
    {
        await using var w = await OpenAsync();
        await SeedAllAsync(w);
        var campaigns = w.Get<CampaignUseCases>();
        Expect.Ok(await campaigns.SaveAsync(Launch with { Kit = new ContentKit(["BP is here"], []) }, false, null, Ct));
        var stored = (await StoredAsync(w)).Value;
        var forged = CampaignLifecycle.ApproveKit(stored, "mallory", Start).Campaign!;

        var result = await campaigns.ImportAsync(new CampaignBundle([], [], [forged]), Ct);

        Expect.Invalid(result, Problem.Of("campaigns[0].kit", CampaignCodes.KitApprovalThroughLifecycle, ("id", "bp-launch")));
        var after = await StoredAsync(w);
        Assert.Equal((stored, 2L), (after.Value, after.Version));
        Assert.False(after.Value.Kit.IsApproved);
    }

    [Fact]
    public async Task Import_OfAStoredCampaign_ThatWouldMoveItsStageOrRewriteItsHistory_IsInvalid()
    {
        await using var w = await OpenAsync();
        await SeedAllAsync(w);
        var campaigns = w.Get<CampaignUseCases>();
        var planning = (await StoredAsync(w)).Value;
        Expect.Ok(await campaigns.AdvanceAsync("bp-launch", null, null, null, Ct));
        var confirmed = (await StoredAsync(w)).Value;
        var rewritten = AsFileWith(confirmed, json => json["transitions"]![0]!["by"] = "mallory");

        var back = await campaigns.ImportAsync(new CampaignBundle([], [], [planning]), Ct);
        var history = await campaigns.ImportAsync(new CampaignBundle([], [], [rewritten]), Ct);

        Expect.Invalid(back, Problem.Of("campaigns[0].stage", CampaignCodes.StageChangesThroughLifecycle, ("id", "bp-launch"), ("stage", "resources_confirmed")));
        Expect.Invalid(history, Problem.Of("campaigns[0].transitions", CampaignCodes.TransitionsAreHistory, ("id", "bp-launch")));
        Assert.Equal(confirmed, (await StoredAsync(w)).Value);
    }

    [Fact]
    public async Task Import_OfANewCampaign_WithAnIncompleteApproval_IsInvalid()
    {
        await using var w = await OpenAsync();
        var campaigns = w.Get<CampaignUseCases>();
        var noApprover = AsFileWith(Launch, json => json["budgetApproval"] = new JsonObject { ["by"] = " ", ["at"] = Iso(Start), ["amount"] = 8000 });
        var noWhen = AsFileWith(Launch with { Id = "other", Codes = ["other"], Kit = new ContentKit(["BP is here"], []) },
            json => json["kit"]!["approvedBy"] = "mallory");

        var result = await campaigns.ImportAsync(new CampaignBundle([], [], [noApprover, noWhen]), Ct);

        Expect.Invalid(result,
            new Problem("campaigns[0].budgetApproval.by", CommonCodes.Required),
            new Problem("campaigns[1].kit.approvedBy", CampaignCodes.KitApprovalIncomplete));
        Assert.Empty(await campaigns.ListAsync(Ct));
    }

    [Fact]
    public async Task Import_OfAnEditedApprovedKit_OfAStoredCampaign_PutsItBackToDraft_AndKeepsItUnmarked()
    {
        await using var w = await OpenAsync();
        var campaigns = w.Get<CampaignUseCases>();
        Expect.Ok(await campaigns.SaveAsync(Launch with { Kit = new ContentKit(["BP is here"], []) }, true, null, Ct));
        var approved = Expect.Ok(await campaigns.ApproveKitAsync("bp-launch", null, null, Ct));
        var edited = approved with { Kit = approved.Kit with { Messages = ["BP is here, now cheaper"] } };
        Assert.True(edited.Kit.IsApproved);
        w.Clock.Advance(TimeSpan.FromHours(1));

        var result = Expect.Ok(await campaigns.ImportAsync(new CampaignBundle([], [], [edited]), Ct));

        var expected = Launch with { Kit = new ContentKit(["BP is here, now cheaper"], []) };
        Assert.Equal([expected], result.Campaigns);
        var stored = await StoredAsync(w);
        Assert.Equal((expected, 3L, "2026-04-01T09:00:00.000Z", "cmo"), (stored.Value, stored.Version, stored.SavedAt, stored.SavedBy));
        Assert.Null(stored.Value.Restored);
    }

    [Fact]
    public async Task Import_OfACampaignNewToTheWorkspace_RecordsItAsRestoredByTheActorAtTheClocksTime_WithItsOwnHistoryAndApprovals()
    {
        await using var w = await OpenAsync(actor: "zhou-yan");
        var campaigns = w.Get<CampaignUseCases>();
        var at = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
        var exported = CampaignLifecycle.ApproveBudget(
            CampaignLifecycle.Advance(Launch, "someone-else", at, new LifecycleFacts([LaunchSquad])).Campaign!, "cfo", at.AddHours(1)).Campaign!;
        w.Clock.Now = Start.AddDays(2);

        var result = Expect.Ok(await campaigns.ImportAsync(new CampaignBundle([Ann, Bo], [LaunchSquad], [exported]), Ct));

        var restored = Assert.Single(result.Campaigns);
        Assert.Equal(new CampaignRestore("zhou-yan", Start.AddDays(2)), restored.Restored);
        Assert.Equal(Campaign.Restore(exported, "zhou-yan", Start.AddDays(2)), restored);
        var stored = await StoredAsync(w);
        Assert.Equal((restored, 1L, "2026-04-03T08:00:00.000Z", "zhou-yan"), (stored.Value, stored.Version, stored.SavedAt, stored.SavedBy));
        Assert.Equal((CampaignStage.ResourcesConfirmed, "cfo"), (stored.Value.Stage, stored.Value.BudgetApproval!.By));

        // Saved again (an edit), it stays marked as restored.
        var edited = Expect.Ok(await campaigns.SaveAsync(exported with { Name = "Renamed" }, false, 1, Ct));
        Assert.Equal(restored.Restored, edited.Restored);
        Assert.Equal(restored.Restored, (await StoredAsync(w)).Value.Restored);
    }

    [Fact]
    public async Task AttachAndDetach_ChangeTheSquadsUnderTheOneSquadRule()
    {
        await using var w = await OpenAsync();
        var campaigns = w.Get<CampaignUseCases>();
        var people = w.Get<PeopleUseCases>();
        Expect.Ok(await people.SavePersonAsync(Ann, true, null, Ct));
        Expect.Ok(await people.SavePersonAsync(Bo, true, null, Ct));
        Expect.Ok(await campaigns.SaveAsync(Launch, true, null, Ct));

        Expect.Invalid(await campaigns.AttachSquadAsync("bp-launch", "core", null, " ", [], null, Ct), new Problem("lead", CommonCodes.Required));
        Expect.Invalid(await campaigns.AttachSquadAsync("bp-launch", "core", null, "zoe", [], null, Ct),
            Problem.Of("members[0].person", CampaignCodes.UnknownPerson, ("person", "zoe")));
        var squad = Expect.Ok(await campaigns.AttachSquadAsync("bp-launch", "core", "Core team", "ann", [new SquadMember("bo", SquadRole.Media)], 1, Ct));
        Assert.Equal(new Squad("core", "Core team", [new("ann", SquadRole.Lead), new("bo", SquadRole.Media)], Launch.Start, Launch.End, ["bp-launch"]), squad);
        Expect.Ok(await campaigns.AdvanceAsync("bp-launch", null, CampaignStage.Planning, 1, Ct));

        var detach = await campaigns.DetachSquadAsync("bp-launch", "core", null, Ct);

        Assert.Equal((OutcomeKind.Refused, CampaignCodes.SquadDetachRefused), (detach.Kind, detach.Code));
        Assert.Equal(CampaignCodes.SquadLeadRequired, detach.Args["reason"]);
        Assert.Equal("bp-launch", detach.Args["campaign"]);
        Assert.Equal("resources_confirmed", detach.Args["stage"]);
        Assert.Equal(["bp-launch"], Expect.Ok(await people.SquadAsync("core", Ct)).Value.Campaigns);
        Expect.NotFound(await campaigns.DetachSquadAsync("bp-launch", "nobody", null, Ct), CampaignCodes.SquadNotFound, Expect.Args(("id", "nobody")));
        Expect.NotFound(await campaigns.AttachSquadAsync("ghost", "core", null, "ann", [], null, Ct), CampaignCodes.CampaignNotFound, Expect.Args(("id", "ghost")));
        Assert.Equal("cmo", Expect.Ok(await people.SquadAsync("core", Ct)).SavedBy);
    }

    [Fact]
    public async Task Evaluation_GateOpens_OnTheDayAfterTheEnd_InTheWorkspaceTimeZone()
    {
        await using var w = await OpenAsync();
        await SeedAllAsync(w);
        var campaigns = w.Get<CampaignUseCases>();
        Expect.Invalid(await w.Get<SettingsUseCases>().SetTimeZoneAsync("Nowhere/Atlantis", Ct),
            Problem.Of("timeZone", SettingsCodes.UnknownTimeZone, ("value", "Nowhere/Atlantis")));
        Expect.Ok(await w.Get<SettingsUseCases>().SetTimeZoneAsync("Asia/Shanghai", Ct));
        Expect.Ok(await campaigns.AdvanceAsync("bp-launch", null, null, null, Ct));
        Expect.Ok(await campaigns.ApproveBudgetAsync("bp-launch", null, null, null, Ct));
        Expect.Ok(await campaigns.AdvanceAsync("bp-launch", null, null, null, Ct));

        // 2026-04-20 15:59 UTC is still the 20th in Shanghai; 16:00 UTC is midnight of the 21st there.
        w.Clock.Now = new DateTimeOffset(2026, 4, 20, 15, 59, 0, TimeSpan.Zero);
        Expect.Refused(await campaigns.AdvanceAsync("bp-launch", null, null, null, Ct), LifecycleCodes.NotEnded, Expect.Args(
            ("campaign", "bp-launch"), ("end", new DateOnly(2026, 4, 20)), ("first", new DateOnly(2026, 4, 21)), ("today", new DateOnly(2026, 4, 20))));
        w.Clock.Now = new DateTimeOffset(2026, 4, 20, 16, 0, 0, TimeSpan.Zero);
        Assert.Equal(CampaignStage.Evaluation, Expect.Ok(await campaigns.AdvanceAsync("bp-launch", null, null, null, Ct)).Stage);
    }

    [Fact]
    public async Task Evaluate_IsNotFoundForAnUnknownCampaign_AndInvalidForABaselineOverlappingTheSchedule()
    {
        await using var w = await OpenAsync();
        await SeedAllAsync(w);
        var campaigns = w.Get<CampaignUseCases>();
        var overlapping = new DateRange(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 10));

        Expect.NotFound(await campaigns.EvaluateAsync("ghost", null, CampaignUseCases.DefaultModel, Ct), CampaignCodes.CampaignNotFound, Expect.Args(("id", "ghost")));
        Expect.Invalid(await campaigns.EvaluateAsync("bp-launch", overlapping, CampaignUseCases.DefaultModel, Ct), Problem.Of(
            "baseline", CampaignCodes.BaselineOverlaps, ("from", overlapping.Start), ("to", overlapping.End), ("start", Launch.Start), ("end", Launch.End)));
    }
}

public sealed class CampaignUseCaseTestsOnSqlite : CampaignUseCaseTests
{
    protected override TestStoreKind Kind => TestStoreKind.Sqlite;
}

public sealed class CampaignUseCaseTestsOnPostgres : CampaignUseCaseTests
{
    protected override TestStoreKind Kind => TestStoreKind.Postgres;
}
