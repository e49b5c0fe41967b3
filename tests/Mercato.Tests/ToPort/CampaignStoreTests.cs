using Mercato.Core.Campaigns;
using Mercato.Core.Organization;
using Mercato.Storage.Campaigns;
using Mercato.Storage.Organization;
using Mercato.Storage.Sqlite;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Campaigns;

public class CampaignStoreTests : StoreTest
{
    private static readonly Person Ann = new("ann", "Ann Lee", "brand", "Brand manager", ["ann-1"]);
    private static readonly Person Bo = new("bo", "Bo Chen", "pr", "PR lead");

    private static readonly Campaign Launch = new(
        "bp-launch", "BP monitor launch", CampaignType.ProductLaunch, "brand", new DateOnly(2026, 4, 10), new DateOnly(2026, 4, 20),
        budget: [new BudgetLine(BudgetItemKind.Channel, "douyin_ads", 6000m), new BudgetLine(BudgetItemKind.Cost, "kol_fee", 2000m)],
        codes: ["bp-launch"]);

    private static readonly Squad LaunchSquad = new(
        "launch-squad", "Launch squad", [new SquadMember("ann", SquadRole.Lead), new SquadMember("bo", SquadRole.Media)],
        new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), ["bp-launch"]);

    private CampaignStore Campaigns => new(Store);

    private void SeedAll()
    {
        Assert.True(Campaigns.SavePerson(Ann).Saved);
        Assert.True(Campaigns.SavePerson(Bo).Saved);
        Assert.True(Campaigns.SaveCampaign(Launch).Saved);
        Assert.True(Campaigns.SaveSquad(LaunchSquad).Saved);
    }

    [Fact]
    public void SavedDocuments_ReadBackEqual_AlsoFromANewStore()
    {
        SeedAll();

        var reopened = new CampaignStore(MercatoStore.Open(Store.DataDirectory, Clock));
        Assert.Equal([Ann, Bo], reopened.People());
        Assert.Equal(Launch, reopened.Campaign("bp-launch"));
        Assert.Equal(LaunchSquad, reopened.Squad("launch-squad"));
        Assert.Null(reopened.Campaign("nope"));
        Assert.Equal("2026-04-01T08:00:00.000Z", Scalar<string>("SELECT saved_at FROM campaigns WHERE id = 'bp-launch'"));
    }

    [Fact]
    public void InvalidSaves_ChangeNothing_AndSayWhy()
    {
        SeedAll();

        var badName = Campaigns.SaveCampaign(Launch with { Name = "" });
        var codeTaken = Campaigns.SaveCampaign(Launch with { Id = "other", Codes = ["BP-LAUNCH"] });
        var unknownMember = Campaigns.SaveSquad(LaunchSquad with { Members = [new SquadMember("zoe", SquadRole.Lead)] });
        var unknownCampaign = Campaigns.SaveSquad(LaunchSquad with { Campaigns = ["ghost"] });
        var codeTwice = Campaigns.SavePerson(Bo with { ReferralCodes = ["ann-1"] });

        Assert.Equal([new Problem("name", CommonCodes.Required)], badName.Problems);
        Assert.Contains(codeTaken.Problems, p => p.Code == CampaignCodes.CampaignCodeTaken && Equals(p.Args["campaign"], "bp-launch") && Equals(p.Args["code"], "BP-LAUNCH"));
        Assert.Equal([Problem.Of("members[0].person", CampaignCodes.UnknownPerson, ("person", "zoe"))], unknownMember.Problems);
        Assert.Equal([Problem.Of("campaigns[0]", CampaignCodes.UnknownCampaign, ("campaign", "ghost"))], unknownCampaign.Problems);
        Assert.Equal([Problem.Of("referralCodes[0]", CampaignCodes.ReferralCodeTaken, ("code", "ann-1"), ("person", "ann"))], codeTwice.Problems);
        Assert.Equal(Launch, Campaigns.Campaign("bp-launch"));
        Assert.Single(Campaigns.Campaigns());
        Assert.Equal(LaunchSquad, Campaigns.Squad("launch-squad"));
        Assert.Equal(Bo, Campaigns.Person("bo"));
    }

    [Fact]
    public void WithAStoredStructure_TheOwningUnitMustBeOneOfItsUnits()
    {
        new OrgStore(Store).Save(OrgTemplates.Get("recommended")!);

        var result = Campaigns.SaveCampaign(Launch with { Unit = "nowhere" });

        Assert.Equal([Problem.Of("unit", OrgCodes.UnknownUnit, ("unit", "nowhere"))], result.Problems);
        Assert.Empty(Campaigns.Campaigns());
        Assert.True(Campaigns.SaveCampaign(Launch).Saved);
    }

    [Fact]
    public void Save_CannotChangeTheStage_OnlyTheLifecycleCan()
    {
        SeedAll();
        var moved = CampaignLifecycle.Advance(Launch, "cmo", Start, new LifecycleFacts([LaunchSquad])).Campaign!;

        var result = Campaigns.SaveCampaign(moved);

        Assert.False(result.Saved);
        Assert.Equal("stage", Assert.Single(result.Problems).Path);
        Assert.Equal(CampaignStage.Planning, Campaigns.Campaign("bp-launch")!.Stage);
        Assert.True(Campaigns.SaveCampaign(Launch with { Name = "BP monitor launch 2026" }).Saved);
    }

    [Fact]
    public void Lifecycle_ThroughTheStore_GatesOnBudgetSquadAndEndDate()
    {
        Assert.True(Campaigns.SaveCampaign(Launch).Saved);

        var noSquad = Campaigns.Advance("bp-launch", "cmo", Start)!;
        Assert.Equal(LifecycleCodes.NoSquad, noSquad.Refusal!.Code);

        Assert.True(Campaigns.SavePerson(Ann).Saved);
        Assert.True(Campaigns.SavePerson(Bo).Saved);
        Assert.True(Campaigns.SaveSquad(LaunchSquad).Saved);
        Assert.True(Campaigns.Advance("bp-launch", "cmo", Start)!.Succeeded);

        var notApproved = Campaigns.Advance("bp-launch", "cmo", Start.AddHours(1))!;
        Assert.Equal(LifecycleCodes.BudgetNotApproved, notApproved.Refusal!.Code);
        Assert.Equal(CampaignStage.ResourcesConfirmed, Campaigns.Campaign("bp-launch")!.Stage);

        Assert.True(Campaigns.ApproveBudget("bp-launch", "cmo", Start.AddHours(2))!.Succeeded);
        var promoted = Campaigns.Advance("bp-launch", "cmo", Start.AddHours(3))!;
        Assert.Equal(CampaignStage.Promotion, promoted.Campaign!.Stage);

        var early = Campaigns.Advance("bp-launch", "cmo", new DateTimeOffset(2026, 4, 20, 23, 0, 0, TimeSpan.Zero))!;
        Assert.Equal(LifecycleCodes.NotEnded, early.Refusal!.Code);
        Assert.Equal(CampaignStage.Promotion, Campaigns.Campaign("bp-launch")!.Stage);

        var evaluated = Campaigns.Advance("bp-launch", "cmo", new DateTimeOffset(2026, 4, 21, 0, 0, 0, TimeSpan.Zero))!;
        Assert.Equal(CampaignStage.Evaluation, evaluated.Campaign!.Stage);

        var stored = Campaigns.Campaign("bp-launch")!;
        Assert.Equal(evaluated.Campaign, stored);
        Assert.Equal(3, stored.Transitions.Count);
        Assert.Equal("cmo", stored.BudgetApproval!.By);
        Assert.Null(Campaigns.Advance("ghost", "cmo", Start));
    }

    [Fact]
    public void MoveTo_Back_NeedsANote()
    {
        SeedAll();
        Campaigns.Advance("bp-launch", "cmo", Start);

        var noNote = Campaigns.MoveTo("bp-launch", CampaignStage.Planning, "cmo", Start)!;
        var withNote = Campaigns.MoveTo("bp-launch", CampaignStage.Planning, "cmo", Start, "the launch slips a month")!;

        Assert.Equal(LifecycleCodes.NoteRequired, noNote.Refusal!.Code);
        Assert.True(withNote.Succeeded);
        Assert.Equal(CampaignStage.Planning, Campaigns.Campaign("bp-launch")!.Stage);
    }

    [Fact]
    public void Deletes_KeepReferencesWhole()
    {
        SeedAll();

        var personInSquad = Campaigns.DeletePerson("bo");
        Assert.Equal(CampaignStage.Planning, Campaigns.Campaign("bp-launch")!.Stage);
        var campaign = Campaigns.DeleteCampaign("bp-launch");

        Assert.False(personInSquad.Saved);
        Assert.Equal([Problem.Of("id", CampaignCodes.PersonInSquad, ("id", "bo"), ("squads", new[] { "launch-squad" }))], personInSquad.Problems);
        Assert.NotNull(Campaigns.Person("bo"));
        Assert.True(campaign.Saved);
        Assert.Null(Campaigns.Campaign("bp-launch"));
        Assert.Empty(Campaigns.Squad("launch-squad")!.Campaigns);
        Assert.Equal([Problem.Of("id", CampaignCodes.CampaignNotFound, ("id", "bp-launch"))], Campaigns.DeleteCampaign("bp-launch").Problems);
        Assert.True(Campaigns.DeleteSquad("launch-squad").Saved);
        Assert.True(Campaigns.DeletePerson("bo").Saved);
        Assert.False(Campaigns.DeletePerson("bo").Saved);
    }

    [Fact]
    public void DeleteCampaign_ThatLeftPlanning_IsRefused_AndChangesNothing_BackInPlanningItGoes()
    {
        SeedAll();
        Assert.True(Campaigns.Advance("bp-launch", "cmo", Start)!.Succeeded);
        var advanced = Campaigns.Campaign("bp-launch")!;

        var refused = Campaigns.DeleteCampaign("bp-launch");

        Assert.False(refused.Saved);
        Assert.Equal(
            [Problem.Of("stage", CampaignCodes.CampaignHasHistory, ("id", "bp-launch"), ("stage", "resources_confirmed"))],
            refused.Problems);
        Assert.Equal(advanced, Campaigns.Campaign("bp-launch"));
        Assert.Equal(["bp-launch"], Campaigns.Squad("launch-squad")!.Campaigns);

        Assert.True(Campaigns.MoveTo("bp-launch", CampaignStage.Planning, "cmo", Start, "not this quarter")!.Succeeded);
        Assert.True(Campaigns.DeleteCampaign("bp-launch").Saved);
        Assert.Null(Campaigns.Campaign("bp-launch"));
        Assert.Empty(Campaigns.Squad("launch-squad")!.Campaigns);
    }

    [Fact]
    public void Import_ALogEndingInACancellation_IsStored_ALogGoingOnAfterOne_IsRefused()
    {
        var at = new DateTimeOffset(2026, 4, 2, 9, 0, 0, TimeSpan.Zero);
        var cancelled = Launch with
        {
            Stage = CampaignStage.Cancelled,
            Transitions =
            [
                new(CampaignStage.Planning, CampaignStage.ResourcesConfirmed, "cmo", at),
                new(CampaignStage.ResourcesConfirmed, CampaignStage.Cancelled, "cmo", at.AddHours(1), "supplier recall"),
            ],
        };
        var goesOn = cancelled with
        {
            Stage = CampaignStage.Promotion,
            Transitions = [.. cancelled.Transitions, new(CampaignStage.Cancelled, CampaignStage.Promotion, "cmo", at.AddHours(2))],
        };

        var refused = Campaigns.Import(new CampaignBundle([Ann, Bo], [LaunchSquad], [goesOn]));
        Assert.Empty(Campaigns.Campaigns());
        var done = Campaigns.Import(new CampaignBundle([Ann, Bo], [LaunchSquad], [cancelled]));

        Assert.Equal(
            ["campaigns[0].transitions[2].from: " + CampaignCodes.TransitionAfterCancellation],
            refused.Problems.Select(p => p.ToString()));
        Assert.True(done.Saved);
        Assert.Equal(cancelled, Campaigns.Campaign("bp-launch"));
        Assert.Equal(CampaignStage.Cancelled, Campaigns.Export().Campaigns.Single().Stage);
        Assert.Equal(LifecycleCodes.CancelledIsFinal, Campaigns.Advance("bp-launch", "cmo", at.AddDays(1))!.Refusal!.Code);
    }

    [Fact]
    public void Import_IsAllOrNothing_AndExportRoundTrips()
    {
        var bad = new CampaignBundle([Ann], [LaunchSquad], [Launch]); // the squad needs bo, who is not in the bundle
        var good = new CampaignBundle([Ann, Bo], [LaunchSquad], [Launch]);

        var refused = Campaigns.Import(bad);
        var done = Campaigns.Import(good);

        Assert.Equal([Problem.Of("squads[0].members[1].person", CampaignCodes.UnknownPerson, ("person", "bo"))], refused.Problems);
        Assert.True(done.Saved);
        var export = Campaigns.Export();
        Assert.Equal(good.People, export.People);
        Assert.Equal(good.Squads, export.Squads);
        Assert.Equal(good.Campaigns, export.Campaigns);
    }
}
