using System.Net;
using System.Text;
using System.Text.Json;
using Mercato.Core.AdMonitoring;
using Mercato.Core.Alerts;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Features.Ads;
using Mercato.Features.Campaigns;
using Mercato.Features.Imports;
using Mercato.Storage.Import;
using Mercato.Tests.UseCases;
using Microsoft.Extensions.DependencyInjection;

namespace Mercato.Tests;

/// <summary>Budget pacing through the use case, the alert source, the API and the command line, against hand-computed figures.</summary>
public class AdsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // bp-launch: 6,000 of douyin_ads over 2026-04-10..04-20 (11 days), codes bp-launch; a cost line does not pace.
    // Spend with its code: 600, 700, 800, 900 on 04-10..04-13 (3,000); a row of another code and one before the flight.
    private const string Spend = """
        date,channel,campaign,spend
        2026-04-10,douyin_ads,bp-launch,600
        2026-04-11,douyin_ads,bp-launch,700
        2026-04-12,douyin_ads,bp-launch,800
        2026-04-13,douyin_ads,bp-launch,900
        2026-04-12,douyin_ads,other,5000
        2026-04-09,baidu_sem,bp-launch,100
        """;

    private static async Task SeedAsync(IServiceProvider services)
    {
        Expect.Ok(await services.GetRequiredService<CampaignUseCases>().ImportAsync(
            new CampaignBundle([Samples.Ann, Samples.Bo], [Samples.LaunchSquad], [Samples.Launch]), Ct));
        var bytes = Encoding.UTF8.GetBytes(Spend);
        var imported = await services.GetRequiredService<ImportUseCases>().ImportAsync(
            new ImportRequest(DataKinds.Spend, "spend.csv", new FileFormat(DataFormat.Csv, false), () => new MemoryStream(bytes, writable: false)), Ct);
        Assert.Equal(ImportStatus.Committed, imported.Status);
    }

    [Fact]
    public async Task Pacing_IsTheMediaBudgetProRataToTheFlight_AndOverPacingIsAnAlert()
    {
        await using var w = await TestWorkspace.OpenAsync();
        await SeedAsync(w.Services);
        var ads = w.Get<AdUseCases>();

        var report = await ads.PacingAsync(new DateOnly(2026, 4, 13), all: false, Ct);

        var c = Assert.Single(report.Campaigns);
        Assert.Equal(("bp-launch", 6000m, true), (c.Id, c.Plan.Budget, c.Live));
        Assert.Equal(["douyin_ads"], c.Channels);
        // No douyin_ads spend before the flight: equal weights. Expected 6,000 × 4/11 = 2,181.82; pace 3,000 / 2,181.82 = 1.375;
        // projected 3,000 × 11/4 = 8,250: over (beyond +15%).
        Assert.Equal((PacingStatus.Over, 4, 11, 3000m), (c.Result.Status, c.Result.ElapsedDays, c.Result.FlightDays, c.Result.Actual));
        Assert.Equal(2181.82m, decimal.Round(c.Result.Expected, 2));
        Assert.Equal(1.375, c.Result.PaceRatio!.Value, 3);
        Assert.Equal(8250m, decimal.Round(c.Result.Projected!.Value, 2));
        Assert.Null(c.DataFrom);
        Assert.Equal([600m, 700m, 800m, 900m], c.Days.Select(d => d.Spend));

        // Before the flight nothing is in flight; after it, only --all shows it, as ended.
        Assert.Empty((await ads.PacingAsync(new DateOnly(2026, 4, 9), all: true, Ct)).Campaigns);
        Assert.Empty((await ads.PacingAsync(new DateOnly(2026, 4, 25), all: false, Ct)).Campaigns);
        var ended = Assert.Single((await ads.PacingAsync(new DateOnly(2026, 4, 25), all: true, Ct)).Campaigns);
        Assert.Equal((false, PacingStatus.Under, 3000m, 6000m), (ended.Live, ended.Result.Status, ended.Result.Actual, ended.Result.Expected));

        // The alert center's source: the campaigns live yesterday (04-13 at 2026-04-14 08:00 UTC) that pace over or under.
        var source = Assert.Single(w.Services.GetServices<IAlertSource>(), s => s.Name == "pacing");
        var alert = Assert.Single(await source.EvaluateAsync(new DateTimeOffset(2026, 4, 14, 8, 0, 0, TimeSpan.Zero), Ct));
        Assert.Equal(("pacing:bp-launch:over:2026-04-10", AlertKind.AdAnomaly, AlertSeverity.Warning), (alert.Key, alert.Kind, alert.Severity));
        Assert.Equal(2250m, decimal.Round(alert.Evidence.MoneyAtStake!.Value, 2));
    }

    [Fact]
    public async Task Pacing_PacesEachChannelLine_SoACampaignOnPaceCanShowOneLineOverAndAnotherUnder()
    {
        await using var w = await TestWorkspace.OpenAsync();
        var campaign = Samples.Launch with
        {
            Budget = [new BudgetLine(BudgetItemKind.Channel, "douyin_ads", 6000m), new BudgetLine(BudgetItemKind.Channel, "baidu_sem", 2200m)],
        };
        Expect.Ok(await w.Get<CampaignUseCases>().ImportAsync(new CampaignBundle([Samples.Ann, Samples.Bo], [Samples.LaunchSquad], [campaign]), Ct));
        var spend = "date,channel,campaign,spend\n" + string.Concat(Enumerable.Range(0, 4).Select(i => FormattableString.Invariant(
            $"2026-04-{10 + i},douyin_ads,bp-launch,{600 + (100 * i)}\n2026-04-{10 + i},baidu_sem,bp-launch,100\n")));
        Assert.Equal(ImportStatus.Committed, (await ImportAsync(w, DataKinds.Spend, spend)).Status);

        var c = Assert.Single((await w.Get<AdUseCases>().PacingAsync(new DateOnly(2026, 4, 13), all: false, Ct)).Campaigns);

        // 4 of 11 days, no history (equal weights). Campaign: 8,200 planned, expected 2,981.82, spent 3,400: 1.140, on pace.
        Assert.Equal((PacingStatus.OnPace, 8200m, 3400m, 2981.82m), (c.Result.Status, c.Plan.Budget, c.Result.Actual, decimal.Round(c.Result.Expected, 2)));
        // douyin_ads: 6,000 × 4/11 = 2,181.82 expected, 3,000 spent, 1.375, projected 8,250: over.
        // baidu_sem: 2,200 × 4/11 = 800 expected, 400 spent, 0.5, projected 1,100: under.
        Assert.Equal(["baidu_sem", "douyin_ads"], c.Lines.Select(l => l.Channel));
        var baidu = c.Lines[0].Result;
        var douyin = c.Lines[1].Result;
        Assert.Equal((PacingStatus.Under, 400m, 800m, 1100m), (baidu.Status, baidu.Actual, decimal.Round(baidu.Expected, 2), decimal.Round(baidu.Projected!.Value, 2)));
        Assert.Equal((PacingStatus.Over, 3000m, 2181.82m, 8250m), (douyin.Status, douyin.Actual, decimal.Round(douyin.Expected, 2), decimal.Round(douyin.Projected!.Value, 2)));
        Assert.Equal(0.5, baidu.PaceRatio!.Value, 9);
        Assert.Equal(3000 / 2181.82, douyin.PaceRatio!.Value, 9);   // against the expected spend rounded to cents

        // The alert source raises the two lines and not the campaign.
        var source = Assert.Single(w.Services.GetServices<IAlertSource>(), s => s.Name == "pacing");
        var alerts = await source.EvaluateAsync(new DateTimeOffset(2026, 4, 14, 8, 0, 0, TimeSpan.Zero), Ct);
        Assert.Equal(["pacing:bp-launch/baidu_sem:under:2026-04-10", "pacing:bp-launch/douyin_ads:over:2026-04-10"], alerts.Select(a => a.Key).Order(StringComparer.Ordinal));
        Assert.Equal([1100m, 2250m], alerts.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => decimal.Round(a.Evidence.MoneyAtStake!.Value, 2)));   // 2,200 − 1,100 left unspent; 8,250 − 6,000 beyond
    }

    [Fact]
    public async Task TheApiAndTheCli_ShowTheSamePacing_AndRefuseABadDay()
    {
        await using var app = await RunningApp.StartAsync();
        await SeedAsync(app.Services);

        using (var body = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/ads/pacing?through=2026-04-13", Ct)))
        {
            var c = body.RootElement.GetProperty("campaigns")[0];
            Assert.Equal(("2026-04-13", "bp-launch", "over"), (body.RootElement.GetProperty("through").GetString(), c.GetProperty("id").GetString(),
                c.GetProperty("result").GetProperty("status").GetString()));
        }

        using (var bad = await app.Client.GetAsync("/api/v1/ads/pacing?through=2026-13-01", Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        var page = await app.Client.GetStringAsync("/ad-monitoring?through=2026-04-13", Ct);
        Assert.Contains("data-campaign=\"bp-launch\" data-status=\"over\"", page, StringComparison.Ordinal);

        await using var w = await TestWorkspace.OpenAsync();
        await SeedAsync(w.Services);
        var table = await Cli.RunAsync(["ads", "pacing", "--through", "2026-04-13", .. w.CliArgs]);
        Assert.Equal(0, table.ExitCode);
        var row = table.Stdout.Split('\n').Single(l => l.StartsWith("bp-launch", StringComparison.Ordinal));
        Assert.Contains("2,181.82", row, StringComparison.Ordinal);
        Assert.Matches(@"\s1\.3[78]\s", row); // 1.375 as the pace, to two places
        Assert.EndsWith("over", row.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(2, (await Cli.RunAsync(["ads", "pacing", "--through", "13/04/2026", .. w.CliArgs])).ExitCode);
    }

    [Fact]
    public async Task DeliveryAnomalies_FindACpcJump_WithTheMoneyInvolved_AndRaiseAlerts()
    {
        await using var w = await TestWorkspace.OpenAsync();
        Expect.Ok(await w.Get<CampaignUseCases>().ImportAsync(new CampaignBundle([Samples.Ann, Samples.Bo], [Samples.LaunchSquad], [Samples.Launch]), Ct));
        // 63 days to 2026-03-31 (yesterday at the workspace's clock): 1,000 impressions, 50 clicks and 25 conversions a day
        // for 100 (CPC 2.00, CPA 4.00); the last three days the same delivery costs 200 (CPC 4.00, CPA 8.00).
        var csv = new StringBuilder("date,channel,campaign,spend,impressions,clicks,conversions\n");
        var last = new DateOnly(2026, 3, 31);
        for (var day = last.AddDays(-62); day <= last; day = day.AddDays(1))
        {
            csv.Append(FormattableString.Invariant($"{day:yyyy-MM-dd},douyin_ads,bp-launch,{(day > last.AddDays(-3) ? 200 : 100)},1000,50,25\n"));
        }

        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        Assert.Equal(ImportStatus.Committed, (await w.Get<ImportUseCases>().ImportAsync(
            new ImportRequest(DataKinds.Spend, "spend.csv", new FileFormat(DataFormat.Csv, false), () => new MemoryStream(bytes, writable: false)), Ct)).Status);
        var ads = w.Get<AdUseCases>();

        var report = Expect.Ok(await ads.AnomaliesAsync(null, null, Ct));

        Assert.Equal((last.AddDays(-62), last), (report.From, report.To));
        Assert.Equal(["channel:douyin_ads", "campaign:bp-launch"], report.Scopes);
        var cpc = Assert.Single(report.Anomalies, a => a.Scope == "channel:douyin_ads" && a.Metric == DeliveryMetric.Cpc);
        Assert.Equal((last.AddDays(-2), last, 4.0, 2.0), (cpc.Start, cpc.End, cpc.Value, cpc.Expected));
        Assert.Equal(300m, cpc.MoneyInvolved);   // (4 − 2) × 150 clicks
        Assert.Contains(report.Anomalies, a => a.Scope == "campaign:bp-launch" && a.Metric == DeliveryMetric.Spend);
        // The spend rows' conversions reach the scan: CPA 8.00 against 4.00 on 75 conversions.
        var cpa = Assert.Single(report.Anomalies, a => a.Scope == "channel:douyin_ads" && a.Metric == DeliveryMetric.Cpa);
        Assert.Equal((8.0, 4.0, 300m), (cpa.Value, cpa.Expected, cpa.MoneyInvolved));
        Assert.DoesNotContain(report.Anomalies, a => a.Metric is DeliveryMetric.Ctr or DeliveryMetric.Cvr or DeliveryMetric.Clicks or DeliveryMetric.Impressions or DeliveryMetric.Conversions);
        Assert.Equal(OutcomeKind.Invalid, (await ads.AnomaliesAsync(last, null, Ct)).Kind);
        Assert.Equal(OutcomeKind.Invalid, (await ads.AnomaliesAsync(last, last.AddDays(-1), Ct)).Kind);

        var source = Assert.Single(w.Services.GetServices<IAlertSource>(), s => s.Name == "delivery");
        var alerts = await source.EvaluateAsync(TestWorkspace.Start, Ct);
        var alert = Assert.Single(alerts, a => a.Key == "ad_anomaly:channel:douyin_ads:cpc:2026-03-29");
        Assert.Equal((AlertKind.AdAnomaly, AlertSeverity.Severe, 300m), (alert.Kind, alert.Severity, alert.Evidence.MoneyAtStake));
    }

    [Fact]
    public async Task HourlyDelivery_IsJudgedHourByHour_AndAnHourlySpikeIsAnAlertNamingItsHour()
    {
        await using var w = await TestWorkspace.OpenAsync();
        Expect.Ok(await w.Get<CampaignUseCases>().ImportAsync(new CampaignBundle([Samples.Ann, Samples.Bo], [Samples.LaunchSquad], [Samples.Launch]), Ct));
        // 35 days of hours to 2026-03-31 (yesterday at the workspace's clock, UTC): 10 spent an hour on 1,000 impressions and
        // 50 clicks (CPC 0.20); at 14:00 on the last day the same delivery costs 30 (CPC 0.60).
        var csv = new StringBuilder("timestamp,channel,campaign,spend,impressions,clicks\n");
        var last = new DateOnly(2026, 3, 31);
        for (var day = last.AddDays(-34); day <= last; day = day.AddDays(1))
        {
            for (var hour = 0; hour < 24; hour++)
            {
                csv.Append(FormattableString.Invariant($"{day:yyyy-MM-dd}T{hour:00}:00:00Z,douyin_ads,bp-launch,{(day == last && hour == 14 ? 30 : 10)},1000,50\n"));
            }
        }

        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        var imported = await w.Get<ImportUseCases>().ImportAsync(
            new ImportRequest(DataKinds.Spend, "hourly.csv", new FileFormat(DataFormat.Csv, false), () => new MemoryStream(bytes, writable: false)), Ct);
        Assert.Equal((ImportStatus.Committed, 840L), (imported.Status, imported.Added));
        var ads = w.Get<AdUseCases>();

        var report = Expect.Ok(await ads.AnomaliesAsync(null, null, Ct));

        Assert.Equal(["channel:douyin_ads", "campaign:bp-launch"], report.HourlyScopes);
        var hourly = report.Anomalies.Where(a => a.Hourly && a.Scope == "channel:douyin_ads").ToList();
        Assert.Equal([DeliveryMetric.Spend, DeliveryMetric.Cpc], hourly.Select(a => a.Metric));
        var spend = hourly[0];
        Assert.Equal((last, 14, last, 14, 14, 30.0, 10.0, (decimal?)20m), (spend.Start, spend.StartHour, spend.End, spend.EndHour, spend.PeakHour, spend.Value, spend.Expected, spend.MoneyInvolved));
        var cpc = hourly[1];
        Assert.Equal((0.6, 0.2, (decimal?)20m), (Math.Round(cpc.Value, 6), Math.Round(cpc.Expected, 6), cpc.MoneyInvolved)); // (0.60 − 0.20) × 50 clicks

        var source = Assert.Single(w.Services.GetServices<IAlertSource>(), s => s.Name == "delivery");
        var alerts = await source.EvaluateAsync(TestWorkspace.Start, Ct);
        var alert = Assert.Single(alerts, a => a.Key == "ad_anomaly:channel:douyin_ads:spend:2026-03-31T14");
        Assert.Equal(("channel:douyin_ads spend at 2026-03-31 14:00", new DateTimeOffset(2026, 3, 31, 14, 0, 0, TimeSpan.Zero), 20m),
            (alert.Subject, alert.Since, alert.Evidence.MoneyAtStake));
        Assert.Contains(alerts, a => a.Key == "ad_anomaly:campaign:bp-launch:cpc:2026-03-31T14");

        var cli = await Cli.RunAsync(["ads", "anomalies", .. w.CliArgs]);
        Assert.Equal(0, cli.ExitCode);
        Assert.Contains("2026-03-31 14:00", cli.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidTraffic_OfTheStoredClickLog_FlagsEachRule_PutsMoneyAtRisk_AndWritesTheClaimList()
    {
        await using var w = await TestWorkspace.OpenAsync();
        // 30 ordinary douyin_ads clicks (one device and address each, ten minutes apart) on 2026-03-30, a repeat of the first
        // device's click 20 s later (duplicate), two from Baidu's crawler, and three app-store clicks whose installs follow
        // 4 s later (click injection). Spend that day: douyin_ads 100, app_store 50.
        var log = new StringBuilder("click_id,timestamp,channel,campaign,device_id,ip,user_agent,placement,install_timestamp\n");
        var day = new DateTimeOffset(2026, 3, 30, 1, 0, 0, TimeSpan.Zero);
        const string phone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Mobile/15E148";
        for (var i = 0; i < 30; i++)
        {
            log.Append(FormattableString.Invariant($"k{i},{day.AddMinutes(10 * i):O},douyin_ads,bp-launch,d{i},10.0.{i}.1,{phone},feed,\n"));
        }

        log.Append(FormattableString.Invariant($"dup,{day.AddSeconds(20):O},douyin_ads,bp-launch,d0,10.0.0.1,{phone},feed,\n"));
        log.Append(FormattableString.Invariant($"bot1,{day.AddMinutes(3):O},douyin_ads,bp-launch,b1,66.249.1.1,Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html),feed,\n"));
        log.Append(FormattableString.Invariant($"bot2,{day.AddMinutes(4):O},douyin_ads,bp-launch,b2,66.249.1.2,Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html),feed,\n"));
        for (var i = 0; i < 3; i++)
        {
            var at = day.AddHours(2 + i);
            log.Append(FormattableString.Invariant($"inj{i},{at:O},app_store,,a{i},10.9.{i}.1,{phone},store_search,{at.AddSeconds(4):O}\n"));
        }

        Assert.Equal(ImportStatus.Committed, (await ImportAsync(w, DataKinds.Clicks, log.ToString())).Status);
        Assert.Equal(ImportStatus.Committed, (await ImportAsync(w, DataKinds.Spend, "date,channel,spend\n2026-03-30,douyin_ads,100\n2026-03-30,app_store,50\n")).Status);
        var uses = w.Get<InvalidTrafficUseCases>();

        var view = Expect.Ok(await uses.SummaryAsync(null, null, null, Ct));

        Assert.Equal((new DateOnly(2026, 3, 24), new DateOnly(2026, 3, 30), 36L, 6L), (view.From, view.To, view.Clicks, view.Invalid));
        var douyin = view.Rows.Single(r => r.Key.Channel == "douyin_ads");
        Assert.Equal((33L, 3L, 100m, 9.09m), (douyin.Clicks, douyin.InvalidClicks, douyin.Spend, douyin.MoneyAtRisk));   // 100 × 3/33
        Assert.Equal([new KeyValuePair<string, long>("bot_user_agent", 2), new KeyValuePair<string, long>("duplicate_click", 1)], douyin.ByRule);
        var store = view.Rows.Single(r => r.Key.Channel == "app_store");
        Assert.Equal((3L, 3L, 50m, 50m), (store.Clicks, store.InvalidClicks, store.Spend, store.MoneyAtRisk));
        Assert.Equal([new KeyValuePair<string, long>("click_injection", 3)], store.ByRule);
        Assert.Equal(OutcomeKind.Invalid, (await uses.SummaryAsync(null, null, "device", Ct)).Kind);
        Assert.Equal(OutcomeKind.Invalid, (await uses.SummaryAsync(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 30), null, Ct)).Kind);   // over 31 days

        using var claims = new StringWriter();
        Assert.Equal(3, Expect.Ok(await uses.ClaimsAsync(null, null, "douyin_ads", claims, Ct)));
        var lines = claims.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("click_id,timestamp,channel,campaign,placement,ip,device_id,rules", lines[0].TrimEnd('\r'));
        Assert.Equal(["bot1", "bot2", "dup"], lines.Skip(1).Select(l => l.Split(',')[0]).Order(StringComparer.Ordinal));

        var cli = await Cli.RunAsync(["ads", "claims", "--channel", "app_store", .. w.CliArgs]);
        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(4, cli.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("click_injection", cli.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, (await Cli.RunAsync(["ads", "invalid", "--by", "device", .. w.CliArgs])).ExitCode);
    }

    private static Task<ImportResult> ImportAsync(TestWorkspace w, DataKind kind, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return w.Get<ImportUseCases>().ImportAsync(
            new ImportRequest(kind, kind.Name + ".csv", new FileFormat(DataFormat.Csv, false), () => new MemoryStream(bytes, writable: false)), Ct);
    }
}
