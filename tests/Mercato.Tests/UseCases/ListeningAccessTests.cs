using Mercato.Core.Listening;
using Mercato.Features.Listening;

namespace Mercato.Tests.UseCases;

/// <summary>Who may read public opinion, change the watch list and rescore the mentions.</summary>
public sealed class ListeningAccessTests
{
    private static readonly Principal Viewer = new("vic", [new RoleGrant(Role.Viewer)]);
    private static readonly Principal Agency = new("ag", [new RoleGrant(Role.Agency, Campaigns: ["spring"])]);
    private static readonly Principal Analyst = new("ana", [new RoleGrant(Role.Analyst)]);
    private static readonly Principal Lead = new("lee", [new RoleGrant(Role.UnitLead, "pr")]);

    private static readonly WatchTerm Brand = new("Mercato", WatchKind.Brand, []);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AViewerReadsTheSummaryMentionsTermsAndWatchList_AnAgencyIsRefusedEach()
    {
        await using var w = await TestWorkspace.OpenAsync(TestStoreKind.Sqlite, "pr");
        await CrisisSamples.SeedAsync(w.Services);
        var mentions = w.Get<MentionUseCases>();
        var watch = w.Get<WatchListUseCases>();

        w.ActAs(Viewer);
        Expect.Ok(await mentions.SummaryAsync(null, null, Ct));
        Assert.Equal(4L, Expect.Ok(await mentions.ListAsync(new MentionFilter(), Ct)).Page.Total);
        Expect.Ok(await mentions.TermsAsync(null, null, 10, Ct));
        Assert.Equal(0L, (await watch.GetAsync(Ct)).Version);

        w.ActAs(Agency);
        await Assert.ThrowsAsync<AccessDeniedException>(() => mentions.SummaryAsync(null, null, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => mentions.ListAsync(new MentionFilter(), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => mentions.TermsAsync(null, null, 10, Ct));
        Assert.Equal(Permission.ReadReports, (await Assert.ThrowsAsync<AccessDeniedException>(() => watch.GetAsync(Ct))).Permission);
    }

    [Fact]
    public async Task AUnitLeadChangesTheWatchList_AViewerAndAnAnalystAreRefused_WithTheListUnchanged()
    {
        await using var w = await TestWorkspace.OpenAsync();
        var watch = w.Get<WatchListUseCases>();
        var list = new WatchList([.. WatchList.DefaultRiskTerms, Brand]);

        foreach (var refused in new[] { Viewer, Analyst })
        {
            w.ActAs(refused);
            Assert.Equal(Permission.WriteShared, (await Assert.ThrowsAsync<AccessDeniedException>(() => watch.SaveAsync(list, null, Ct))).Permission);
            await Assert.ThrowsAsync<AccessDeniedException>(() => watch.AddAsync(Brand, Ct));
            await Assert.ThrowsAsync<AccessDeniedException>(() => watch.RemoveAsync(WatchList.DefaultRiskTerms[0].Term, Ct));
        }

        Assert.Equal(0L, (await watch.GetAsync(Ct)).Version);

        w.ActAs(Lead);
        Expect.Ok(await watch.AddAsync(Brand, Ct));
        Expect.Ok(await watch.RemoveAsync(Brand.Term, Ct));
        Expect.Ok(await watch.SaveAsync(list, 2, Ct));
        Assert.Equal(3L, (await watch.GetAsync(Ct)).Version);
    }

    [Fact]
    public async Task AnAnalystRescoresTheMentions_AViewerAndAUnitLeadAreRefused()
    {
        await using var w = await TestWorkspace.OpenAsync(TestStoreKind.Sqlite, "pr");
        await CrisisSamples.SeedAsync(w.Services);
        var mentions = w.Get<MentionUseCases>();

        foreach (var refused in new[] { Viewer, Lead })
        {
            w.ActAs(refused);
            Assert.Equal(Permission.Import, (await Assert.ThrowsAsync<AccessDeniedException>(() => mentions.RescoreAsync(Ct))).Permission);
        }

        w.ActAs(Analyst);
        Assert.Equal(4L, (await mentions.RescoreAsync(Ct)).Read);
    }
}
