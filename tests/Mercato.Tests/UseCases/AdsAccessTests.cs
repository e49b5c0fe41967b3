using Mercato.Features.Ads;

namespace Mercato.Tests.UseCases;

/// <summary>
/// Who may read the ad reports (delivery anomalies, pacing, channel health, invalid traffic) and the claim list, which
/// carries each flagged click's IP address and device id.
/// </summary>
public sealed class AdsAccessTests
{
    private static readonly Principal Viewer = new("vic", [new RoleGrant(Role.Viewer)]);
    private static readonly Principal Agency = new("ag", [new RoleGrant(Role.Agency, Campaigns: ["spring"])]);
    private static readonly Principal Analyst = new("ana", [new RoleGrant(Role.Analyst)]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AViewerReadsTheAdReports_AnAgencyIsRefusedEach()
    {
        await using var w = await TestWorkspace.OpenAsync(TestStoreKind.Sqlite, "pr");
        await CrisisSamples.SeedAsync(w.Services);
        var ads = w.Get<AdUseCases>();
        var health = w.Get<ChannelHealthUseCases>();
        var invalid = w.Get<InvalidTrafficUseCases>();

        w.ActAs(Viewer);
        Expect.Ok(await ads.AnomaliesAsync(null, null, Ct));
        Assert.Empty((await ads.PacingAsync(null, true, Ct)).Campaigns);
        Expect.Ok(await health.HealthAsync(null, null, null, Ct));
        Assert.Equal(0L, Expect.Ok(await invalid.SummaryAsync(null, null, null, Ct)).Clicks);

        w.ActAs(Agency);
        Assert.Equal(Permission.ReadReports, (await Assert.ThrowsAsync<AccessDeniedException>(() => ads.AnomaliesAsync(null, null, Ct))).Permission);
        await Assert.ThrowsAsync<AccessDeniedException>(() => ads.PacingAsync(null, true, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => health.HealthAsync(null, null, null, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => invalid.SummaryAsync(null, null, null, Ct));
    }

    [Fact]
    public async Task AnAnalystWritesTheClaimList_AViewerIsRefused_AndNothingIsWritten()
    {
        await using var w = await TestWorkspace.OpenAsync();
        var invalid = w.Get<InvalidTrafficUseCases>();
        using var refusedWriter = new StringWriter();
        using var writer = new StringWriter();

        w.ActAs(Viewer);
        Assert.Equal(Permission.ReadPeople, (await Assert.ThrowsAsync<AccessDeniedException>(() => invalid.ClaimsAsync(null, null, null, refusedWriter, Ct))).Permission);
        Assert.Equal("", refusedWriter.ToString());

        w.ActAs(Analyst);
        Assert.Equal(0, Expect.Ok(await invalid.ClaimsAsync(null, null, null, writer, Ct)));
        Assert.StartsWith("click_id,", writer.ToString(), StringComparison.Ordinal);
    }
}
