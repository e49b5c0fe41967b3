using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Mercato.Core.DataCenter;
using Mercato.Features.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace Mercato.Tests;

/// <summary>
/// The background demo load (docs/demo-company.md, The background load): the server answers at once, every page says how
/// far the load is, each step commits whole so a page read mid-load is consistent and no cached figure of a step outlives
/// it, <c>/health</c> says <c>demo: loading|loaded|failed</c>, and a failed load says why on every page. The load is held
/// at each step by <see cref="DemoLoad.BeforeStep"/> (small demo).
/// </summary>
public sealed class DemoBackgroundLoadTests
{
    private static readonly string[] Pages =
    [
        "/", "/ad-monitoring", "/ad-monitoring/anomalies", "/ad-monitoring/invalid", "/ad-monitoring/health", "/campaigns", "/campaigns/board", "/campaigns/brand",
        "/campaigns/calendar", "/campaigns/leaderboard", "/campaigns/livestreams", "/campaigns/people", "/datacenter", "/influencers", "/influencers/ranking",
        "/influencers/audit-followers", "/listening", "/listening/alerts", "/listening/cases", "/listening/mentions", "/measurement", "/measurement/cohorts",
        "/measurement/journeys", "/measurement/mix/plans", "/measurement/models", "/organization", "/organization/boundaries", "/organization/compare",
        "/organization/scorecards", "/organization/targets",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Holds the load before each step until the test lets it go.</summary>
    private sealed class Holds
    {
        private readonly ConcurrentDictionary<string, (TaskCompletionSource Arrived, TaskCompletionSource Release)> _steps = new(StringComparer.Ordinal);

        public (TaskCompletionSource Arrived, TaskCompletionSource Release) Of(string step) =>
            _steps.GetOrAdd(step, _ => (new(TaskCreationOptions.RunContinuationsAsynchronously), new(TaskCreationOptions.RunContinuationsAsynchronously)));

        public async Task StepAsync(string step, CancellationToken cancellationToken)
        {
            var (arrived, release) = Of(step);
            arrived.TrySetResult();
            await release.Task.WaitAsync(cancellationToken);
        }

        public Task ArrivedAsync(string step) => Of(step).Arrived.Task.WaitAsync(Ct);

        public void Release(string step) => Of(step).Release.TrySetResult();
    }

    private static async Task<string> DemoWordAsync(RunningApp app)
    {
        using var health = JsonDocument.Parse(await app.Client.GetStringAsync("/health", Ct));
        Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
        Assert.Equal("sqlite", health.RootElement.GetProperty("store").GetProperty("provider").GetString());
        return health.RootElement.GetProperty("demo").GetString()!;
    }

    [Fact]
    public async Task TheServerAnswersBeforeTheDemoIsIn_WithTheNoticeOnEveryPage_AndItIsGoneOnceLoaded()
    {
        var holds = new Holds();
        await using var app = await RunningApp.StartAsync(demo: true, demoStep: holds.StepAsync);
        await holds.ArrivedAsync(DemoSteps.Facts);

        Assert.Equal("loading", await DemoWordAsync(app));
        var html = await app.Client.GetStringAsync("/", Ct);
        Assert.Contains("id=\"demo-loading\"", html, StringComparison.Ordinal);
        Assert.Contains("Loading the demo company: 0% (starting)… Pages show what is in so far; each kind of data appears whole.", html, StringComparison.Ordinal);
        var zh = await app.Client.GetStringAsync("/organization?lang=zh-CN", Ct);
        Assert.Contains("正在载入演示公司：0%（准备中）", zh, StringComparison.Ordinal);

        holds.Release(DemoSteps.Facts);
        await holds.ArrivedAsync(DemoSteps.Structure);
        Assert.Contains("Loading the demo company: 92% (structure and targets)", await app.Client.GetStringAsync("/measurement", Ct), StringComparison.Ordinal);

        foreach (var step in new[] { DemoSteps.Structure, DemoSteps.Campaigns, DemoSteps.Influencers, DemoSteps.Accounts })
        {
            holds.Release(step);
        }

        await app.Services.GetRequiredService<DemoLoad>().Completion.WaitAsync(Ct);
        Assert.IsType<DemoLoadState.Loaded>(app.Services.GetRequiredService<DemoLoad>().State);
        Assert.Equal("loaded", await DemoWordAsync(app));
        foreach (var page in new[] { "/", "/organization", "/campaigns?lang=zh-CN" })
        {
            var after = await app.Client.GetStringAsync(page, Ct);
            Assert.DoesNotContain("demo-loading", after, StringComparison.Ordinal);
            Assert.Contains("demo-banner", after, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryPage_ReadMidLoad_Answers_AndTheFactsCommitWhole_SoNoMidLoadFigureOutlivesTheLoad()
    {
        var holds = new Holds();
        await using var app = await RunningApp.StartAsync(demo: true, demoStep: holds.StepAsync);
        var catalog = app.Services.GetRequiredService<IFactCatalog>();

        // Before any fact: an empty store, and a figure computed (and cached) on it.
        await holds.ArrivedAsync(DemoSteps.Facts);
        var empty = await catalog.DataVersionAsync(Ct);
        var roiEmpty = await app.Client.GetStringAsync("/api/v1/measurement/roi", Ct);
        await ExpectAnswersAsync(app, ["/", "/measurement", "/organization", "/campaigns"]);
        holds.Release(DemoSteps.Facts);

        // The facts are in, whole (one commit bumps the data version), the structure not yet: every page answers.
        await holds.ArrivedAsync(DemoSteps.Structure);
        var facts = await catalog.DataVersionAsync(Ct);
        Assert.NotEqual(empty, facts);
        var roiFacts = await app.Client.GetStringAsync("/api/v1/measurement/roi", Ct);
        Assert.NotEqual(roiEmpty, roiFacts);
        await ExpectAnswersAsync(app, Pages);
        holds.Release(DemoSteps.Structure);

        // The structure and targets are in, the people and campaigns not yet.
        await holds.ArrivedAsync(DemoSteps.Campaigns);
        await ExpectAnswersAsync(app, Pages);
        holds.Release(DemoSteps.Campaigns);
        await holds.ArrivedAsync(DemoSteps.Influencers);
        await ExpectAnswersAsync(app, ["/", "/influencers", "/listening/cases", "/campaigns"]);
        holds.Release(DemoSteps.Influencers);
        holds.Release(DemoSteps.Accounts);
        await app.Services.GetRequiredService<DemoLoad>().Completion.WaitAsync(Ct);

        // The later steps are documents: the facts' figures stay as they were once the facts were in.
        Assert.Equal(facts, await catalog.DataVersionAsync(Ct));
        Assert.Equal(roiFacts, await app.Client.GetStringAsync("/api/v1/measurement/roi", Ct));
    }

    [Fact]
    public async Task AFailedLoad_SaysWhyOnEveryPage_AndAtHealth()
    {
        await using var app = await RunningApp.StartAsync(demo: true, demoStep: (step, _) =>
            step == DemoSteps.Campaigns ? throw new InvalidOperationException("the test broke the load") : Task.CompletedTask);
        var load = app.Services.GetRequiredService<DemoLoad>();
        await load.Completion.WaitAsync(Ct);

        Assert.IsType<DemoLoadState.Failed>(load.State);
        Assert.Equal("failed", await DemoWordAsync(app));
        foreach (var page in new[] { "/", "/organization", "/measurement" })
        {
            var html = await app.Client.GetStringAsync(page, Ct);
            Assert.Contains("id=\"demo-failed\"", html, StringComparison.Ordinal);
            Assert.Contains("The demo company could not be loaded: the test broke the load", html, StringComparison.Ordinal);
            Assert.DoesNotContain("demo-loading", html, StringComparison.Ordinal);
        }

        Assert.Contains("演示公司未能载入：the test broke the load", await app.Client.GetStringAsync("/?lang=zh-CN", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithSignInOn_TheSignInPageSaysTheDemoIsLoading()
    {
        var holds = new Holds();
        await using var app = await RunningApp.StartAsync(demo: true, auth: true, demoStep: holds.StepAsync);
        await holds.ArrivedAsync(DemoSteps.Facts);
        Assert.Contains("id=\"demo-loading\"", await app.Client.GetStringAsync("/signin", Ct), StringComparison.Ordinal);
        holds.Release(DemoSteps.Facts);
        foreach (var step in new[] { DemoSteps.Structure, DemoSteps.Campaigns, DemoSteps.Influencers, DemoSteps.Accounts })
        {
            holds.Release(step);
        }

        await app.Services.GetRequiredService<DemoLoad>().Completion.WaitAsync(Ct);
        var html = await app.Client.GetStringAsync("/signin", Ct);
        Assert.DoesNotContain("demo-loading", html, StringComparison.Ordinal);
        Assert.Contains("id=\"demo-accounts\"", html, StringComparison.Ordinal);

        // Downloading a table needs a signed-in person: the sign-in page's table of accounts offers no download.
        Assert.Contains("<table data-export=\"off\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutTheDemo_HealthSaysNone_AndNoPageHasTheNotice()
    {
        await using var app = await RunningApp.StartAsync();
        Assert.Equal("none", await DemoWordAsync(app));
        Assert.DoesNotContain("demo-loading", await app.Client.GetStringAsync("/", Ct), StringComparison.Ordinal);
    }

    private static async Task ExpectAnswersAsync(RunningApp app, IEnumerable<string> pages)
    {
        var failures = new List<string>();
        foreach (var page in pages)
        {
            using var response = await app.Client.GetAsync(page, Ct);
            var html = await response.Content.ReadAsStringAsync(Ct);
            if (response.StatusCode != HttpStatusCode.OK || !html.Contains("id=\"demo-loading\"", StringComparison.Ordinal))
            {
                failures.Add(page + ": " + (int)response.StatusCode);
            }
        }

        Assert.Empty(failures);
    }
}
