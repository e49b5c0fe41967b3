using Mercato.Core.Influencers;
using Mercato.Core.Measurement.Attribution;
using Mercato.Features.Influencers;

namespace Mercato.Tests.UseCases;

/// <summary>Who may read the influencer directory and audits, and who may change what all units share of them.</summary>
public sealed class InfluencersAccessTests
{
    private static readonly Principal Viewer = new("vic", [new RoleGrant(Role.Viewer)]);
    private static readonly Principal Agency = new("ag", [new RoleGrant(Role.Agency, Campaigns: ["spring"])]);
    private static readonly Principal Analyst = new("ana", [new RoleGrant(Role.Analyst)]);
    private static readonly Principal Lead = new("lee", [new RoleGrant(Role.UnitLead, "pr")]);

    private static readonly Influencer LiNa = new("li-na", "Li Na", InfluencerPlatform.Xiaohongshu, "lina", [], [], InfluencerCodes.None, []);
    private static readonly EngagementBenchmark Micro = new(InfluencerPlatform.Xiaohongshu, InfluencerTier.Micro, 0.05, 0.02);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AViewerReadsTheDirectoryAndTheAudits_AnAgencyIsRefusedEach()
    {
        await using var w = await TestWorkspace.OpenAsync();
        var directory = w.Get<InfluencerDirectoryUseCases>();
        var audits = w.Get<InfluencerAuditUseCases>();
        Expect.Ok(await directory.SaveAsync(LiNa, 0, Ct));
        FollowerProfile[] sample = [new("f1", 10, 100, 3, true, false)];
        List<Func<Task>> reads =
        [
            () => directory.ListAsync(new InfluencerFilter(), Ct),
            () => directory.GetAsync("li-na", Ct),
            () => audits.ProfileAsync("li-na", AttributionModel.Last, Ct),
            () => audits.AuditAsync("li-na", AttributionModel.Last, Ct),
            () => audits.ReviewAsync("li-na", "none", AttributionModel.Last, Ct),
            () => audits.RankingAsync(null, AttributionModel.Last, Ct),
            () => audits.ScoreAsync(sample, "default", Ct),
            () => audits.TrainedAsync(Ct),
            () => audits.BenchmarkTableAsync(Ct),
        ];

        w.ActAs(Viewer);
        foreach (var read in reads)
        {
            await read();
        }

        Assert.Equal(["li-na"], Expect.Ok(await directory.ListAsync(new InfluencerFilter(), Ct)).Select(e => e.Influencer.Id));
        Assert.Equal("li-na", Expect.Ok(await audits.AuditAsync("li-na", AttributionModel.Last, Ct)).Profile.Entry.Influencer.Id);
        Assert.Equal(["li-na"], Expect.Ok(await audits.RankingAsync(null, AttributionModel.Last, Ct)).Lines.Select(l => l.Influencer));

        w.ActAs(Agency);
        foreach (var read in reads)
        {
            Assert.Equal(Permission.ReadReports, (await Assert.ThrowsAsync<AccessDeniedException>(read)).Permission);
        }
    }

    [Fact]
    public async Task AUnitLeadWritesTheDirectoryBenchmarksAndModel_AViewerAndAnAnalystAreRefused_WithNothingSaved()
    {
        await using var w = await TestWorkspace.OpenAsync();
        var directory = w.Get<InfluencerDirectoryUseCases>();
        var audits = w.Get<InfluencerAuditUseCases>();
        var before = await audits.BenchmarkTableAsync(Ct);

        foreach (var refused in new[] { Viewer, Analyst })
        {
            w.ActAs(refused);
            Assert.Equal(Permission.WriteShared, (await Assert.ThrowsAsync<AccessDeniedException>(() => directory.SaveAsync(LiNa, 0, Ct))).Permission);
            await Assert.ThrowsAsync<AccessDeniedException>(() => directory.RemoveAsync("li-na", null, Ct));
            await Assert.ThrowsAsync<AccessDeniedException>(() => audits.SetBenchmarksAsync([Micro], Ct));
            await Assert.ThrowsAsync<AccessDeniedException>(() => audits.TrainAsync([], "labels.csv", null, null, Ct));
        }

        w.ActAs(Viewer);
        NotFound(await directory.GetAsync("li-na", Ct));
        Assert.Equal(before, await audits.BenchmarkTableAsync(Ct));

        w.ActAs(Lead);
        Expect.Ok(await directory.SaveAsync(LiNa, 0, Ct));
        Assert.Contains(Micro, Expect.Ok(await audits.SetBenchmarksAsync([Micro], Ct)));
        // Past the check, the trainer judges the rows: none is not enough to cross-validate.
        Assert.False((await audits.TrainAsync([], "labels.csv", null, null, Ct)).IsOk);
        Expect.Ok(await directory.RemoveAsync("li-na", null, Ct));
    }

    private static void NotFound(Outcome outcome) => Assert.Equal(OutcomeKind.NotFound, outcome.Kind);
}
