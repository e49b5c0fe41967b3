using Mercato.Features.Settings;

namespace Mercato.Tests.UseCases;

/// <summary>Workspace settings (docs/access.md): written only by an admin; read by every use case for whoever acts.</summary>
public sealed class SettingsAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Settings_AreWrittenByAnAdmin_NotAnExecutive_AndTheZoneIsReadByAnAgency()
    {
        await using var w = await TestWorkspace.OpenAsync(TestStoreKind.Sqlite);
        var settings = w.Get<SettingsUseCases>();

        w.ActAs(AccessSamples.Executive);
        await Assert.ThrowsAsync<AccessDeniedException>(() => settings.SetTimeZoneAsync("Asia/Shanghai", Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => settings.SetTruncateClickIpsAsync(true, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => settings.SetBuyingModelAsync("douyin_ads", Core.AdMonitoring.BuyingModel.Cpm, Ct));

        w.ActAs(AccessSamples.Admin);
        Expect.Ok(await settings.SetTimeZoneAsync("Asia/Shanghai", Ct));
        Expect.Ok(await settings.SetTruncateClickIpsAsync(true, Ct));

        w.ActAs(AccessSamples.Agency);
        Assert.Equal("Asia/Shanghai", (await settings.ZoneAsync(Ct)).Id);
        Assert.True(await settings.TruncateClickIpsAsync(Ct));
    }
}
