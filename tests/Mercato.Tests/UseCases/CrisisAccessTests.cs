using Mercato.Features.Crisis;

namespace Mercato.Tests.UseCases;

/// <summary>Who may read crisis cases and who may open them, write and approve statements, and move them on.</summary>
public sealed class CrisisAccessTests
{
    private static readonly Principal Viewer = new("vic", [new RoleGrant(Role.Viewer)]);
    private static readonly Principal Agency = new("ag", [new RoleGrant(Role.Agency, Campaigns: ["spring"])]);
    private static readonly Principal Analyst = new("ana", [new RoleGrant(Role.Analyst)]);
    private static readonly Principal Lead = new("lee", [new RoleGrant(Role.UnitLead, "pr")]);
    private static readonly Principal OtherLead = new("lin", [new RoleGrant(Role.UnitLead, "mkt")]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AUnitLeadOpensACaseAndAnswersIt_AViewerAndAnAnalystAreRefusedEveryStep_WithNothingSaved()
    {
        await using var w = await TestWorkspace.OpenAsync(TestStoreKind.Sqlite, "pr");
        await CrisisSamples.SeedAsync(w.Services);
        var crisis = w.Get<CrisisUseCases>();

        foreach (var refused in new[] { Viewer, Analyst })
        {
            w.ActAs(refused);
            Assert.Equal(Permission.WriteShared, (await Assert.ThrowsAsync<AccessDeniedException>(() => crisis.OpenFromAlertAsync("A-000002", Ct))).Permission);
            await Assert.ThrowsAsync<AccessDeniedException>(() => crisis.OpenAsync("Recall rumour", "召回", TestWorkspace.Start, Ct));
        }

        w.ActAs(Viewer);
        Assert.Empty(await crisis.ListAsync(null, Ct));

        w.ActAs(Lead);
        var opened = Expect.Ok(await crisis.OpenFromAlertAsync("A-000002", Ct));
        var id = opened.Case.Id;
        var drafted = Expect.Ok(await crisis.DraftAsync(id, null, "We are looking into it.", null, Ct));
        var statement = drafted.Case.Statements[0].Id;

        foreach (var refused in new[] { Viewer, Analyst })
        {
            w.ActAs(refused);
            await Assert.ThrowsAsync<AccessDeniedException>(() => crisis.DraftAsync(id, null, "Another", null, Ct));
            await Assert.ThrowsAsync<AccessDeniedException>(() => crisis.ApproveAsync(id, statement, null, Ct));
            await Assert.ThrowsAsync<AccessDeniedException>(() => crisis.AdvanceAsync(id, "responding", null, null, Ct));
            await Assert.ThrowsAsync<AccessDeniedException>(() => crisis.CloseAsync(id, "over", null, Ct));
        }

        w.ActAs(Viewer);
        Assert.Equal(drafted.Version, Expect.Ok(await crisis.GetAsync(id, Ct)).Entry.Version);

        // Four eyes: another lead approves what this one drafted.
        w.ActAs(OtherLead);
        Expect.Ok(await crisis.ApproveAsync(id, statement, null, Ct));
        Expect.Ok(await crisis.AdvanceAsync(id, "responding", null, null, Ct));
        Expect.Ok(await crisis.CloseAsync(id, "over", null, Ct));
    }

    [Fact]
    public async Task AViewerReadsTheCases_AnAgencyIsRefused()
    {
        await using var w = await TestWorkspace.OpenAsync(TestStoreKind.Sqlite, "pr");
        await CrisisSamples.SeedAsync(w.Services);
        var crisis = w.Get<CrisisUseCases>();
        var id = Expect.Ok(await crisis.OpenFromAlertAsync("A-000002", Ct)).Case.Id;

        w.ActAs(Viewer);
        Assert.Equal([id], (await crisis.ListAsync(null, Ct)).Select(e => e.Case.Id));
        Assert.Equal(id, (await crisis.ForAlertAsync("A-000002", Ct))?.Case.Id);
        Assert.Equal(id, Expect.Ok(await crisis.GetAsync(id, Ct)).Entry.Case.Id);

        w.ActAs(Agency);
        Assert.Equal(Permission.ReadReports, (await Assert.ThrowsAsync<AccessDeniedException>(() => crisis.ListAsync(null, Ct))).Permission);
        await Assert.ThrowsAsync<AccessDeniedException>(() => crisis.ForAlertAsync("A-000002", Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => crisis.GetAsync(id, Ct));
    }
}
