using System.Net;
using System.Text;
using System.Text.Json;
using Mercato.Core.AdMonitoring;
using Mercato.Core.Alerts;
using Mercato.Core.DataCenter;
using Mercato.Features.Ads;
using Mercato.Features.Alerts;
using Mercato.Features.Imports;
using Mercato.Storage.Import;
using Mercato.Tests.UseCases;
using Microsoft.Extensions.DependencyInjection;

namespace Mercato.Tests;

/// <summary>The invalid-traffic alert source and channel health over time, through the use cases, the API, the CLI and the page.</summary>
public class AdsHealthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Phone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Mobile/15E148";

    private const string Spider = "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)";

    private static readonly DateOnly Last = new(2026, 3, 31);

    /// <summary>
    /// 63 days of douyin_ads to 2026-03-31 (yesterday at the workspace's clock): 1,000 impressions, 50 clicks and 25
    /// conversions a day for 100, the last three days for 200 (a CPC run from 03-29). Click log: on 2026-03-29, 100
    /// ordinary douyin_ads clicks; on 03-30, 240 ordinary clicks on feed and 60 of Baidu's crawler on feed_b (each click
    /// its own device and /24, a minute apart: no duplicate, no burst).
    /// </summary>
    private static async Task SeedAsync(IServiceProvider services)
    {
        var csv = new StringBuilder("date,channel,campaign,spend,impressions,clicks,conversions\n");
        for (var day = Last.AddDays(-62); day <= Last; day = day.AddDays(1))
        {
            csv.Append(FormattableString.Invariant($"{day:yyyy-MM-dd},douyin_ads,bp-launch,{(day > Last.AddDays(-3) ? 200 : 100)},1000,50,25\n"));
        }

        Assert.Equal(ImportStatus.Committed, (await ImportAsync(services, DataKinds.Spend, csv.ToString())).Status);
        var log = new StringBuilder("click_id,timestamp,channel,campaign,device_id,ip,user_agent,placement,install_timestamp\n");
        var n = 0;
        void Add(DateTimeOffset at, string agent, string placement)
        {
            n++;
            log.Append(FormattableString.Invariant($"k{n},{at:O},douyin_ads,bp-launch,d{n},10.{n / 250}.{n % 250}.1,{agent},{placement},\n"));
        }

        var d29 = new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 100; i++)
        {
            Add(d29.AddMinutes(i), Phone, "feed");
        }

        var d30 = new DateTimeOffset(2026, 3, 30, 1, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 300; i++)
        {
            Add(d30.AddMinutes(i), i % 5 == 4 ? Spider : Phone, i % 5 == 4 ? "feed_b" : "feed");
        }

        Assert.Equal(ImportStatus.Committed, (await ImportAsync(services, DataKinds.Clicks, log.ToString())).Status);
    }

    [Fact]
    public async Task InvalidTrafficSource_AlertsTheChannelAndItsDominantPlacement_OnTheLastDayWithClicks_Once()
    {
        await using var w = await TestWorkspace.OpenAsync();
        await SeedAsync(w.Services);

        var source = Assert.Single(w.Services.GetServices<IAlertSource>(), s => s.Name == "invalid_traffic");
        var alerts = await source.EvaluateAsync(TestWorkspace.Start, Ct);

        // Yesterday is 03-31; the last day with clicks, 03-30, is earlier: 60 of 300 flagged (20%), usual 0 of 100 on 03-29.
        Assert.Equal(["invalid_traffic:channel:douyin_ads:2026-03-30", "invalid_traffic:placement:douyin_ads:feed_b:2026-03-30"], alerts.Select(a => a.Key));
        var c = alerts[0];
        Assert.Equal((AlertKind.InvalidTraffic, AlertSeverity.Warning, 0.2, 0.0), (c.Kind, c.Severity, c.Evidence.Value, c.Evidence.Expected));
        Assert.Equal(20.0, c.Evidence.Score, 9);   // points above the usual share
        Assert.Equal(40m, c.Evidence.MoneyAtStake);   // 200 × 60 ÷ 300, per click
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.Zero), c.Since);
        Assert.Contains(new KeyValuePair<string, string>("rules", "bot_user_agent=60"), c.Evidence.Details);
        Assert.Contains(new KeyValuePair<string, string>("dominant_placement", "feed_b"), c.Evidence.Details);
        var p = alerts[1];
        Assert.Equal((AlertSeverity.Severe, 1.0, 40m), (p.Severity, p.Evidence.Value, p.Evidence.MoneyAtStake));

        // The alert center opens them once (the imports' own evaluation may already have); evaluating again updates the same two.
        var center = w.Get<AlertUseCases>();
        var first = await center.EvaluateAsync(Ct);
        Assert.Contains("invalid_traffic", first.Sources);
        Assert.Empty(first.Problems.Select(p => p.ToString()));
        var second = await center.EvaluateAsync(Ct);
        Assert.Empty(second.Opened);
        var stored = await center.ListAsync(new AlertFilter(Kind: AlertKind.InvalidTraffic), Ct);
        Assert.Equal(alerts.Select(a => a.Key).Order(StringComparer.Ordinal), stored.Select(a => a.Alert.Key).Order(StringComparer.Ordinal));
        Assert.All(stored, a => Assert.Equal("invalid_traffic", a.Alert.Source));
    }

    [Fact]
    public async Task Health_GivesEachDaysSpendCpcCtrCvr_TheInvalidShareWhereTheLogCoversTheDay_AndMarksAnomalies()
    {
        await using var w = await TestWorkspace.OpenAsync();
        await SeedAsync(w.Services);
        var health = w.Get<ChannelHealthUseCases>();

        var report = Expect.Ok(await health.HealthAsync(null, null, null, Ct));

        // Default: the 30 days ending yesterday (03-31, also the last day with data).
        Assert.Equal((Last.AddDays(-29), Last, true), (report.From, report.To, report.ClickLog));
        var c = Assert.Single(report.Channels);
        Assert.Equal(("douyin_ads", true, 30), (c.Channel, c.HasConversions, c.Days.Count));
        var day28 = c.Days.Single(d => d.Day == Last.AddDays(-3));
        Assert.Equal((100m, 1000L, 50L, 25L, (decimal?)2m, (double?)0.05, (double?)0.5), (day28.Spend, day28.Impressions, day28.Clicks, day28.Conversions, day28.Cpc, day28.Ctr, day28.Cvr));
        Assert.Empty(day28.Anomalies);
        var day31 = c.Days[^1];
        Assert.Equal(((decimal?)4m, (double?)null), (day31.Cpc, day31.InvalidShare));   // no click logged on 03-31: absent
        Assert.Contains(DeliveryMetric.Cpc, day31.Anomalies);
        Assert.Contains(DeliveryMetric.Cpa, day31.Anomalies);
        // The CPC run marks 03-29..03-31 and nothing before it.
        Assert.Equal([Last.AddDays(-2), Last.AddDays(-1), Last], c.Days.Where(d => d.Anomalies.Count > 0).Select(d => d.Day));
        var day30 = c.Days[^2];
        Assert.Equal((300L, 60L, 0.2), (day30.Logged!.Value, day30.Flagged!.Value, day30.InvalidShare!.Value));
        Assert.Equal((100L, 0L, 0.0), (c.Days[^3].Logged!.Value, c.Days[^3].Flagged!.Value, c.Days[^3].InvalidShare!.Value));
        Assert.All(c.Days.SkipLast(3), d => Assert.Null(d.InvalidShare));

        // A window without clicks says so; bad input is refused with the ads endpoints' codes.
        Assert.False(Expect.Ok(await health.HealthAsync(Last.AddDays(-10), Last.AddDays(-5), "DOUYIN_ADS", Ct)).ClickLog);
        Assert.Equal("not_one_of", Code(await health.HealthAsync(null, null, "nope", Ct)));
        Assert.Equal("end_before_start", Code(await health.HealthAsync(Last, Last.AddDays(-1), null, Ct)));
        Assert.Equal("range_too_long", Code(await health.HealthAsync(Last.AddDays(-92), Last, null, Ct)));
        Assert.Equal(92, Expect.Ok(await health.HealthAsync(Last.AddDays(-91), Last, null, Ct)).Channels[0].Days.Count);
    }

    [Fact]
    public async Task TheApiTheCliAndThePage_ShowTheSameHealth_AndRefuseBadInput()
    {
        await using var app = await RunningApp.StartAsync();
        await SeedAsync(app.Services);

        using (var body = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/ads/health?from=2026-03-29&to=2026-03-31&channel=douyin_ads", Ct)))
        {
            var root = body.RootElement;
            Assert.Equal(("2026-03-29", "2026-03-31", "douyin_ads"), (root.GetProperty("from").GetString(), root.GetProperty("to").GetString(), root.GetProperty("channel").GetString()));
            var days = root.GetProperty("channels")[0].GetProperty("days");
            Assert.Equal((4m, 0.2, JsonValueKind.Null), (days[1].GetProperty("cpc").GetDecimal(), days[1].GetProperty("invalidShare").GetDouble(), days[2].GetProperty("invalidShare").ValueKind));
            Assert.Equal("cpc", days[0].GetProperty("anomalies").EnumerateArray().Select(a => a.GetString()).Single(a => a == "cpc"));
        }

        foreach (var (query, code) in new[] { ("from=2026-03-31&to=2026-03-01", "end_before_start"), ("from=2026-01-01&to=2026-04-30", "range_too_long"), ("channel=nope", "not_one_of"), ("from=2026-03-31", "both_days_or_neither") })
        {
            using var bad = await app.Client.GetAsync("/api/v1/ads/health?" + query, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            using var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct));
            Assert.Equal(code, problem.RootElement.GetProperty("problems")[0].GetProperty("code").GetString());
        }

        var page = await app.Client.GetStringAsync("/ad-monitoring/health?from=2026-03-29&to=2026-03-31", Ct);
        Assert.Contains("data-channel=\"douyin_ads\" data-days=\"3\" data-anomaly-days=\"3\"", page, StringComparison.Ordinal);
        Assert.Contains("CPC = spend ÷ clicks", page, StringComparison.Ordinal);
        Assert.Contains("invalid share = flagged clicks ÷ logged clicks", page, StringComparison.Ordinal);
        Assert.Contains("data-chart=", page, StringComparison.Ordinal);
        Assert.Contains("id=\"health-refused\"", await app.Client.GetStringAsync("/ad-monitoring/health?channel=nope", Ct), StringComparison.Ordinal);

        await using var w = await TestWorkspace.OpenAsync();
        await SeedAsync(w.Services);
        var json = await Cli.RunAsync(["ads", "health", "--from", "2026-03-30", "--to", "2026-03-31", "--channel", "douyin_ads", "--format", "json", .. w.CliArgs]);
        Assert.Equal(0, json.ExitCode);
        using (var body = JsonDocument.Parse(json.Stdout))
        {
            var days = body.RootElement.GetProperty("channels")[0].GetProperty("days");
            Assert.Equal((300, 60), (days[0].GetProperty("logged").GetInt32(), days[0].GetProperty("flagged").GetInt32()));
        }

        var table = await Cli.RunAsync(["ads", "health", "--from", "2026-03-30", "--to", "2026-03-31", .. w.CliArgs]);
        Assert.Equal(0, table.ExitCode);
        var row = table.Stdout.Split('\n').Single(l => l.Contains("2026-03-30", StringComparison.Ordinal) && l.StartsWith("douyin_ads", StringComparison.Ordinal));
        Assert.Contains("20.0 %", row, StringComparison.Ordinal);
        Assert.Contains("4.00", row, StringComparison.Ordinal);
        var bad31 = await Cli.RunAsync(["ads", "health", "--channel", "nope", .. w.CliArgs]);
        Assert.Equal(2, bad31.ExitCode);
        Assert.Contains("nope", bad31.Stderr, StringComparison.Ordinal);
    }

    private static string? Code<T>(Outcome<T> outcome) => Assert.Single(outcome.Problems).Code;

    private static Task<ImportResult> ImportAsync(IServiceProvider services, DataKind kind, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return services.GetRequiredService<ImportUseCases>().ImportAsync(
            new ImportRequest(kind, kind.Name + ".csv", new FileFormat(DataFormat.Csv, false), () => new MemoryStream(bytes, writable: false)), Ct);
    }
}
