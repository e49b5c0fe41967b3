using Mercato.Core.Campaigns;
using Mercato.Features.Campaigns;
using Mercato.Features.People;
using static Mercato.Tests.UseCases.Samples;

namespace Mercato.Tests.UseCases;

/// <summary>People and squads through their use case: versioned, saved by the acting person, changed under the one squad-change rule.</summary>
public abstract class PeopleUseCaseTests
{
    protected abstract TestStoreKind Kind { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task SeedAllAsync(TestWorkspace w)
    {
        var people = w.Get<PeopleUseCases>();
        Expect.Ok(await people.SavePersonAsync(Ann, mustBeNew: true, expectedVersion: null, Ct));
        Expect.Ok(await people.SavePersonAsync(Bo, mustBeNew: true, expectedVersion: null, Ct));
        Expect.Ok(await w.Get<CampaignUseCases>().SaveAsync(Launch, mustBeNew: true, expectedVersion: null, Ct));
        Expect.Ok(await people.SaveSquadAsync(LaunchSquad, expectedVersion: null, Ct));
    }

    [Fact]
    public async Task SavePerson_IsVersioned_WithWhenAndWhoSavedIt()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind, "ann");
        var people = w.Get<PeopleUseCases>();
        Expect.Ok(await people.SavePersonAsync(Ann, true, null, Ct));
        w.Clock.Advance(TimeSpan.FromMinutes(2));

        var renamed = Expect.Ok(await people.SavePersonAsync(Ann with { Name = "Ann Li" }, false, 1, Ct));

        var stored = Expect.Ok(await people.PersonAsync("ann", Ct));
        Assert.Equal((renamed, 2L, "2026-04-01T08:02:00.000Z", "ann"), (stored.Value, stored.Version, stored.SavedAt, stored.SavedBy));
        Expect.NotFound(await people.PersonAsync("zoe", Ct), CampaignCodes.PersonNotFound, Expect.Args(("id", "zoe")));
    }

    [Fact]
    public async Task Workload_TakesBothDaysOrNeither_OneDayAloneIsInvalid()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind, "ann");
        var people = w.Get<PeopleUseCases>();

        var fromOnly = await people.WorkloadAsync(new DateOnly(2026, 4, 1), null, Ct);
        var toOnly = await people.WorkloadAsync(null, new DateOnly(2026, 4, 30), Ct);
        var both = Expect.Ok(await people.WorkloadAsync(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), Ct));
        var neither = Expect.Ok(await people.WorkloadAsync(null, null, Ct));

        Assert.Equal([("to", ApiCodes.BothDaysOrNeither)], fromOnly.Problems.Select(p => (p.Path, p.Code)));
        Assert.Equal([("from", ApiCodes.BothDaysOrNeither)], toOnly.Problems.Select(p => (p.Path, p.Code)));
        Assert.Equal((new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30)), (both.From, both.To));
        // Neither: this month of the workspace zone (UTC here) at the test clock, 2026-04-01.
        Assert.Equal((new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30)), (neither.From, neither.To));
    }

    [Fact]
    public async Task SavePerson_MustBeNew_IsRefusedForATakenId()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        var people = w.Get<PeopleUseCases>();
        Expect.Ok(await people.SavePersonAsync(Ann, true, null, Ct));

        Expect.Refused(await people.SavePersonAsync(Ann with { Name = "Another Ann" }, true, null, Ct), CampaignCodes.PersonExists, Expect.Args(("id", "ann")));

        Assert.Equal([Ann], await people.PeopleAsync(Ct));
    }

    [Fact]
    public async Task Writes_AtAStaleVersion_AreMovedMeanwhile_AndChangeNothing()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        await SeedAllAsync(w);
        var people = w.Get<PeopleUseCases>();
        var renamedSquad = LaunchSquad with { Name = "Launch crew" };
        Expect.Ok(await people.SavePersonAsync(Bo with { Title = "Head of PR" }, false, 1, Ct));
        Expect.Ok(await people.SaveSquadAsync(renamedSquad, 1, Ct));

        Expect.MovedMeanwhile(await people.SavePersonAsync(Bo with { Title = "Intern" }, false, 1, Ct), MessageArgs.Empty);
        Expect.MovedMeanwhile(await people.SavePersonAsync(new Person("cy", "Cy", "brand"), false, expectedVersion: 3, Ct), MessageArgs.Empty);
        Expect.MovedMeanwhile(await people.SaveSquadAsync(LaunchSquad with { Name = "Old name" }, 1, Ct), MessageArgs.Empty);
        Expect.MovedMeanwhile(await people.RemoveSquadAsync("launch-squad", 1, Ct), MessageArgs.Empty);
        Expect.Ok(await people.SaveSquadAsync(renamedSquad with { Members = [new SquadMember("ann", SquadRole.Lead)] }, 2, Ct));
        Expect.MovedMeanwhile(await people.RemovePersonAsync("bo", 1, Ct), MessageArgs.Empty);

        var bo = Expect.Ok(await people.PersonAsync("bo", Ct));
        Assert.Equal((Bo with { Title = "Head of PR" }, 2L), (bo.Value, bo.Version));
        Assert.Equal(["ann", "bo"], (await people.PeopleAsync(Ct)).Select(p => p.Id));
        var squad = Expect.Ok(await people.SquadAsync("launch-squad", Ct));
        Assert.Equal(("Launch crew", 3L), (squad.Value.Name, squad.Version));
        Expect.Ok(await people.RemovePersonAsync("bo", 2, Ct));
        Expect.Ok(await people.RemoveSquadAsync("launch-squad", 3, Ct));
    }

    [Fact]
    public async Task SquadChanges_ThatLeaveACampaignPastPlanningWithoutALead_AreRefused()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        await SeedAllAsync(w);
        var people = w.Get<PeopleUseCases>();
        Expect.Ok(await w.Get<CampaignUseCases>().AdvanceAsync("bp-launch", null, null, null, Ct));
        var stranded = Expect.Args(("campaign", "bp-launch"), ("stage", "resources_confirmed"), ("campaigns", new[] { "bp-launch" }));

        Expect.Refused(await people.RemoveSquadAsync("launch-squad", null, Ct), CampaignCodes.SquadLeadRequired, stranded);
        Expect.Refused(await people.SaveSquadAsync(LaunchSquad with { Members = [new SquadMember("ann", SquadRole.Creative)] }, null, Ct),
            CampaignCodes.SquadLeadRequired, stranded);
        Expect.Refused(await people.SaveSquadAsync(LaunchSquad with { Campaigns = [] }, null, Ct), CampaignCodes.SquadLeadRequired, stranded);

        Assert.Equal(new Message(CampaignCodes.SquadLeadRequired, stranded), Assert.Single(await people.SquadLinesAsync(Ct)).RemovalRefusal);
        var squad = Expect.Ok(await people.SquadAsync("launch-squad", Ct));
        Assert.Equal((LaunchSquad, 1L), (squad.Value, squad.Version));

        // Another led squad on the campaign lets the first one go.
        Expect.Ok(await people.SaveSquadAsync(new Squad("backup", "Backup", [new SquadMember("bo", SquadRole.Lead)], Launch.Start, Launch.End, ["bp-launch"]), null, Ct));
        Expect.Ok(await people.RemoveSquadAsync("launch-squad", null, Ct));
    }

    [Fact]
    public async Task SquadChanges_OfACancelledCampaign_AreRefused_ItsSquadsArePartOfItsRecord()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        await SeedAllAsync(w);
        var people = w.Get<PeopleUseCases>();
        var campaigns = w.Get<CampaignUseCases>();
        Expect.Ok(await campaigns.MoveAsync("bp-launch", CampaignStage.Cancelled, "supplier recall", null, null, Ct));
        var record = Expect.Args(("campaign", "bp-launch"), ("stage", "cancelled"));

        Expect.Refused(await people.RemoveSquadAsync("launch-squad", null, Ct), CampaignCodes.SquadsPartOfRecord, record);
        Expect.Refused(await people.SaveSquadAsync(LaunchSquad with { Campaigns = [] }, null, Ct), CampaignCodes.SquadsPartOfRecord, record);
        var detach = await campaigns.DetachSquadAsync("bp-launch", "launch-squad", null, Ct);
        Assert.Equal((OutcomeKind.Refused, CampaignCodes.SquadDetachRefused), (detach.Kind, detach.Code));
        Assert.Equal(record.With("reason", CampaignCodes.SquadsPartOfRecord), detach.Args);

        Assert.Equal(LaunchSquad, Expect.Ok(await people.SquadAsync("launch-squad", Ct)).Value);
        // A change that keeps the squad on the campaign is not one of its record.
        Expect.Ok(await people.SaveSquadAsync(LaunchSquad with { Name = "Launch squad (2026)" }, null, Ct));
    }

    [Fact]
    public async Task PersonRemovalRefusal_SaysWhyBeforeTheAttempt()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        await SeedAllAsync(w);
        var people = w.Get<PeopleUseCases>();

        Assert.Equal(Message.Of(CampaignCodes.PersonInSquad, ("id", "ann"), ("squads", new[] { "launch-squad" })), await people.PersonRemovalRefusalAsync("ann", Ct));
        Expect.Ok(await people.SavePersonAsync(new Person("cy", "Cy", "brand"), true, null, Ct));
        Assert.Null(await people.PersonRemovalRefusalAsync("cy", Ct));
        Expect.Ok(await people.RemovePersonAsync("cy", null, Ct));
    }
}

public sealed class PeopleUseCaseTestsOnSqlite : PeopleUseCaseTests
{
    protected override TestStoreKind Kind => TestStoreKind.Sqlite;
}

public sealed class PeopleUseCaseTestsOnPostgres : PeopleUseCaseTests
{
    protected override TestStoreKind Kind => TestStoreKind.Postgres;
}
