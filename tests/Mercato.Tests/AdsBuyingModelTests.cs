using System.Text;
using Mercato.Core.AdMonitoring;
using Mercato.Core.DataCenter;
using Mercato.Features.Ads;
using Mercato.Features.Imports;
using Mercato.Features.Settings;
using Mercato.Storage.Import;
using Mercato.Tests.UseCases;

namespace Mercato.Tests;

/// <summary>How a channel is paid decides the money invalid traffic puts at risk: per click unless the workspace says otherwise.</summary>
public class AdsBuyingModelTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PerInstall_PutsTheInvalidShareOfInstallsAtRisk_AndTheSettingIsKeptPerChannel()
    {
        await using var w = await TestWorkspace.OpenAsync();
        // app_store on 2026-03-30, spend 60: four clicks; two injected (install 4 s later), one real with an install 5
        // minutes later, one real without. Per click 2/4 of 60 = 30; per install 2/3 of 60 = 40.
        var day = new DateTimeOffset(2026, 3, 30, 10, 0, 0, TimeSpan.Zero);
        var log = new StringBuilder("click_id,timestamp,channel,device_id,ip,placement,install_timestamp\n");
        log.Append(FormattableString.Invariant($"i1,{day:O},app_store,d1,10.0.0.1,adnet,{day.AddSeconds(4):O}\n"));
        log.Append(FormattableString.Invariant($"i2,{day.AddHours(1):O},app_store,d2,10.0.1.1,adnet,{day.AddHours(1).AddSeconds(4):O}\n"));
        log.Append(FormattableString.Invariant($"r1,{day.AddHours(2):O},app_store,d3,10.0.2.1,store,{day.AddHours(2).AddMinutes(5):O}\n"));
        log.Append(FormattableString.Invariant($"r2,{day.AddHours(3):O},app_store,d4,10.0.3.1,store,\n"));
        foreach (var (kind, text) in new[] { (DataKinds.Clicks, log.ToString()), (DataKinds.Spend, "date,channel,spend\n2026-03-30,app_store,60\n") })
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            Assert.Equal(ImportStatus.Committed, (await w.Get<ImportUseCases>().ImportAsync(
                new ImportRequest(kind, kind.Name + ".csv", new FileFormat(DataFormat.Csv, false), () => new MemoryStream(bytes, writable: false)), Ct)).Status);
        }

        var uses = w.Get<InvalidTrafficUseCases>();
        var perClick = Assert.Single(Expect.Ok(await uses.SummaryAsync(null, null, null, Ct)).Rows);
        Assert.Equal((BuyingModel.Cpc, 30m), (perClick.Pricing, perClick.MoneyAtRisk));

        var settings = w.Get<SettingsUseCases>();
        Expect.Ok(await settings.SetBuyingModelAsync(" App_Store ", BuyingModel.Cpi, Ct));
        var perInstall = Assert.Single(Expect.Ok(await uses.SummaryAsync(null, null, null, Ct)).Rows);
        Assert.Equal((BuyingModel.Cpi, 3L, 2L, 40m), (perInstall.Pricing, perInstall.Installs, perInstall.InvalidInstalls, perInstall.MoneyAtRisk));
        Assert.Equal(BuyingModel.Cpi, (await settings.BuyingModelsAsync(Ct))["app_store"]);

        Expect.Ok(await settings.SetBuyingModelAsync("app_store", null, Ct));
        Assert.Empty(await settings.BuyingModelsAsync(Ct));
        Assert.Equal(OutcomeKind.Invalid, (await settings.SetBuyingModelAsync(" ", BuyingModel.Cpm, Ct)).Kind);

        var cli = await Cli.RunAsync(["config", "buying-model", "app_store", "cpi", .. w.CliArgs]);
        Assert.Equal((0, "app_store: cpi"), (cli.ExitCode, cli.Stdout.Trim()));
        var table = await Cli.RunAsync(["ads", "invalid", .. w.CliArgs]);
        Assert.Matches(@"app_store\s+4\s+2\s.*60\.00\s+cpi\s+40\.00", table.Stdout);
        Assert.Equal(2, (await Cli.RunAsync(["config", "buying-model", "app_store", .. w.CliArgs])).ExitCode);
    }
}
