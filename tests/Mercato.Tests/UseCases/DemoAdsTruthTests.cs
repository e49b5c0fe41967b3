using Mercato.Core.AdMonitoring;
using Mercato.Core.Alerts;
using Mercato.Core.Demo;
using Mercato.Core.Measurement.Attribution;
using Mercato.Features.Ads;
using Mercato.Features.Demo;
using Mercato.Features.Measurement;
using Microsoft.Extensions.DependencyInjection;

namespace Mercato.Tests.UseCases;

/// <summary>The demo's ad-monitoring story as the front doors show it, against the ground truth (docs/demo-company.md, Ad monitoring).</summary>
public class DemoAdsTruthTests
{
    // The window is 2025-04 to 2026-03: Double 11 2025 runs 2025-10-20..11-11; the injection runs 2026-01-01..03-31.
    private static readonly DemoOptions Small = new(42, DemoScale.Small, new YearMonth(2026, 3));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InvalidTraffic_FindsEveryInjectedAndCrawlerClick_AndNothingElse_MonthByMonth()
    {
        await using var w = await TestWorkspace.OpenAsync();
        var truth = Expect.Ok(await w.Get<DemoUseCases>().LoadAsync(Small, null, Ct)).Truth.Ads!;
        var uses = w.Get<InvalidTrafficUseCases>();

        long injected = 0, crawlers = 0, other = 0, clicks = 0;
        for (var month = new YearMonth(2025, 4); month.CompareTo(new YearMonth(2026, 3)) <= 0; month = month.AddMonths(1))
        {
            var view = Expect.Ok(await uses.SummaryAsync(month.FirstDay, month.AddMonths(1).FirstDay.AddDays(-1), "placement", Ct));
            clicks += view.Clicks;
            foreach (var row in view.Rows)
            {
                if (row.Key.Placement == DemoAds.InjectionPlacement)
                {
                    Assert.Equal(row.Clicks, row.InvalidClicks);
                    Assert.Equal([new KeyValuePair<string, long>(InvalidTrafficCodes.ClickInjection, row.Clicks)], row.ByRule);
                    injected += row.InvalidClicks;
                }
                else
                {
                    crawlers += row.ByRule.Where(r => r.Key == InvalidTrafficCodes.BotUserAgent).Sum(r => r.Value);
                    other += row.InvalidClicks - row.ByRule.Where(r => r.Key == InvalidTrafficCodes.BotUserAgent).Sum(r => r.Value);
                }
            }
        }

        Assert.Equal((truth.Clicks, truth.InjectedClicks, truth.BotClicks, truth.DuplicateClicks), (clicks, injected, crawlers, other));
    }

    [Fact]
    public async Task Attribution_LeavesTheInjectedClicksOut_AndCountingThemHandsTheAppStoreTheirConversions()
    {
        await using var w = await TestWorkspace.OpenAsync();
        var truth = Expect.Ok(await w.Get<DemoUseCases>().LoadAsync(Small, null, Ct)).Truth.Ads!;
        var measurement = w.Get<MeasurementUseCases>();

        var clean = Expect.Ok(await measurement.AttributionAsync(new AttributionRequest(AttributionModel.Last), Ct));
        var counted = Expect.Ok(await measurement.AttributionAsync(new AttributionRequest(AttributionModel.Last, IncludeInvalidClicks: true), Ct));

        Assert.Equal(new InvalidClickNote(true, (int)(truth.InjectedClicks + truth.DuplicateClicks), truth.InjectedClicks + truth.DuplicateClicks), clean.InvalidClicks);
        double AppStore(AttributionReport r) => r.Credits.Single(c => c.Label == "app_store").Conversions;
        Assert.True(AppStore(counted) > AppStore(clean), $"app_store {AppStore(clean)} clean, {AppStore(counted)} with the injected clicks");
        Assert.Equal(clean.TotalConversions, counted.TotalConversions);
    }

    [Fact]
    public async Task Pacing_ShowsTheDouble11DouyinLineOverspending_WhileTheCampaignIsOnPace_AndAlertsOnTheLine()
    {
        await using var app = await RunningApp.StartAsync();
        Expect.Ok(await app.Services.GetRequiredService<DemoUseCases>().LoadAsync(Small, null, Ct));
        var ads = app.Services.GetRequiredService<AdUseCases>();

        var report = await ads.PacingAsync(new DateOnly(2025, 11, 11), all: true, Ct);

        var d11 = report.Campaigns.Single(c => c.Id == "double11-promo-2025");
        var douyin = d11.Lines.Single(l => l.Channel == "douyin_ads");
        Assert.Equal(PacingStatus.Over, douyin.Result.Status);
        // Planned at three quarters of what the festival auction cost: the line spends about 4/3 of its plan.
        Assert.InRange(douyin.Result.PaceRatio!.Value, 1.25, 1.45);
        Assert.DoesNotContain(d11.Lines, l => l.Channel != "douyin_ads" && l.Channel != "email" && l.Result.Status == PacingStatus.Over);

        var source = app.Services.GetServices<IAlertSource>().Single(s => s.Name == "pacing");
        var alerts = await source.EvaluateAsync(new DateTimeOffset(2025, 11, 11, 8, 0, 0, TimeSpan.Zero), Ct);
        Assert.Contains(alerts, a => a.Key == "pacing:double11-promo-2025/douyin_ads:over:2025-10-20");

        var page = await app.Client.GetStringAsync("/ad-monitoring?through=2025-11-11&all=true", Ct);
        Assert.Contains("data-campaign=\"double11-promo-2025\" data-line=\"douyin_ads\" data-status=\"over\"", page, StringComparison.Ordinal);
    }
}
