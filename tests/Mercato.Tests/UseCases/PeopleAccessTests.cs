using Mercato.Core.Campaigns;
using Mercato.Features.People;
using static Mercato.Tests.UseCases.Samples;

namespace Mercato.Tests.UseCases;

/// <summary>
/// Who may read and write people and squads (docs/access.md): people's data is read by those who hold
/// <see cref="Permission.ReadPeople"/> (not a viewer, not an agency); a person is written by a lead of their unit (both
/// units for a move); a squad by a lead of the units of the campaigns it runs.
/// </summary>
public sealed class PeopleAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PeoplesData_IsReadByAnAnalyst_AndNotByAViewerOrAnAgency()
    {
        await using var w = await AccessSamples.OpenAsync();
        var people = w.Get<PeopleUseCases>();
        foreach (var refused in new[] { AccessSamples.Viewer, AccessSamples.Agency })
        {
            w.ActAs(refused);
            await Assert.ThrowsAsync<AccessDeniedException>(() => people.PeopleAsync(Ct));
            await Assert.ThrowsAsync<AccessDeniedException>(() => people.PersonAsync("ann", Ct));
            await Assert.ThrowsAsync<AccessDeniedException>(() => people.SquadsAsync(Ct));
            await Assert.ThrowsAsync<AccessDeniedException>(() => people.SquadLinesAsync(Ct));
            await Assert.ThrowsAsync<AccessDeniedException>(() => people.LeaderboardReportAsync(null, null, PeopleUseCases.DefaultModel, Ct));
            await Assert.ThrowsAsync<AccessDeniedException>(() => people.WorkloadAsync(null, null, Ct));
            await Assert.ThrowsAsync<AccessDeniedException>(() => people.LiveStreamsAsync(null, null, Ct));
            await Assert.ThrowsAsync<AccessDeniedException>(() => people.LinksAsync("ann", null, Ct));
        }

        w.ActAs(AccessSamples.Analyst);
        Assert.Equal(["ann", "bo"], (await people.PeopleAsync(Ct)).Select(p => p.Id));
        Assert.Equal(["launch-squad"], (await people.SquadLinesAsync(Ct)).Select(s => s.Squad.Id));
        Expect.Ok(await people.LeaderboardReportAsync(null, null, PeopleUseCases.DefaultModel, Ct));
        Expect.Ok(await people.WorkloadAsync(null, null, Ct));
        Assert.Equal("ann", Expect.Ok(await people.LinksAsync("ann", null, Ct)).Person);
    }

    [Fact]
    public async Task APerson_IsWrittenByALeadOfTheirUnitOrAbove_AndMovedOnlyByALeadOfBothUnits()
    {
        await using var w = await AccessSamples.OpenAsync();
        var people = w.Get<PeopleUseCases>();
        var cy = new Person("cy", "Cy Wu", "pr");

        w.ActAs(AccessSamples.BrandLead);
        await Assert.ThrowsAsync<AccessDeniedException>(() => people.SavePersonAsync(cy, mustBeNew: true, expectedVersion: null, Ct));
        w.ActAs(AccessSamples.PrLead);
        Expect.Ok(await people.SavePersonAsync(cy, mustBeNew: true, expectedVersion: null, Ct));

        // Moving Ann from brand to pr is the work of both units.
        await Assert.ThrowsAsync<AccessDeniedException>(() => people.SavePersonAsync(Ann with { Unit = "pr" }, mustBeNew: false, expectedVersion: null, Ct));
        w.ActAs(AccessSamples.BrandLead);
        await Assert.ThrowsAsync<AccessDeniedException>(() => people.SavePersonAsync(Ann with { Unit = "pr" }, mustBeNew: false, expectedVersion: null, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => people.RemovePersonAsync("cy", null, Ct));
        w.ActAs(AccessSamples.MarketingLead);
        Expect.Ok(await people.SavePersonAsync(Ann with { Unit = "pr" }, mustBeNew: false, expectedVersion: null, Ct));

        w.ActAs(AccessSamples.Viewer);
        await Assert.ThrowsAsync<AccessDeniedException>(() => people.RemovePersonAsync("cy", null, Ct));
        w.ActAs(AccessSamples.PrLead);
        Expect.Ok(await people.RemovePersonAsync("cy", null, Ct));
    }

    [Fact]
    public async Task ASquad_IsWrittenByALeadOfTheUnitsOfItsCampaigns_AndNotByAMemberOrAnotherUnitsLead()
    {
        await using var w = await AccessSamples.OpenAsync();
        var people = w.Get<PeopleUseCases>();
        var renamed = LaunchSquad with { Name = "Renamed" };

        foreach (var refused in new[] { AccessSamples.PrLead, AccessSamples.SquadMember, AccessSamples.Viewer })
        {
            w.ActAs(refused);
            await Assert.ThrowsAsync<AccessDeniedException>(() => people.SaveSquadAsync(renamed, null, Ct));
        }

        w.ActAs(AccessSamples.BrandLead);
        Expect.Ok(await people.SaveSquadAsync(renamed, null, Ct));
        // Taking on the pr campaign as well needs a lead of pr too.
        await Assert.ThrowsAsync<AccessDeniedException>(() => people.SaveSquadAsync(renamed with { Campaigns = ["bp-launch", "pr-push"] }, null, Ct));
        w.ActAs(AccessSamples.MarketingLead);
        Expect.Ok(await people.SaveSquadAsync(renamed with { Campaigns = ["bp-launch", "pr-push"] }, null, Ct));
        w.ActAs(AccessSamples.PrLead);
        await Assert.ThrowsAsync<AccessDeniedException>(() => people.RemoveSquadAsync("launch-squad", null, Ct));
    }
}
