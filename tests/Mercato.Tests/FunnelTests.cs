using System.Net;
using System.Text.Json;
using Mercato.Core.DataCenter;
using Mercato.Core.Demo;
using Mercato.Core.Measurement.Funnels;
using Mercato.Features.Demo;
using Mercato.Features.Measurement.Funnels;
using Mercato.Features.Settings;
using Mercato.Tests.UseCases;
using MiniExcelLibs;

namespace Mercato.Tests;

/// <summary>
/// Funnels at the front doors on the demo company: the use case against the same rules run over the generator's own
/// facts, the ground truth's signed-up users, the refusal of a step no event has, the CLI (both languages, JSON, CSV and
/// Excel), the API and the page (docs/measurement.md, Funnels).
/// </summary>
public sealed class FunnelTests
{
    private static readonly DemoOptions Small = new(42, DemoScale.Small, new YearMonth(2026, 3));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheDemosFunnels_EqualTheRulesOverTheGeneratorsFacts_AndTheTruthsSignedUpUsers()
    {
        await using var w = await TestWorkspace.OpenAsync();
        Assert.True((await w.Get<DemoUseCases>().LoadAsync(Small, null, Ct)).IsOk);
        var truth = (await w.Get<DemoUseCases>().GroundTruthAsync(Ct))!;
        var funnels = w.Get<FunnelUseCases>();
        var zone = await w.Get<SettingsUseCases>().ZoneAsync(Ct);

        // The generator's facts, again, in memory: per user the activity events and the earliest touch's channel group.
        var sink = new Facts();
        DemoCompany.Generate(Small, sink);
        var groups = truth.Channels.ToDictionary(c => c.Channel, c => c.Group.Slug(), StringComparer.OrdinalIgnoreCase);
        var activity = sink.All.OfType<ActivityEvent>().Distinct().GroupBy(a => a.UserId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(a => new FunnelEvent(a.Event, a.Timestamp.ToUnixTimeMilliseconds())).ToList(), StringComparer.Ordinal);
        var firstTouch = sink.All.OfType<Touchpoint>().GroupBy(t => t.UserId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MinBy(t => t.Timestamp)!, StringComparer.Ordinal);

        // Every user signs up or installs once: the entries of the two one-word funnels over all the data are the truth's signed-up users.
        var signups = Expect.Ok(await funnels.FunnelAsync(new FunnelRequest(["signup", "login"]), Ct));
        var installs = Expect.Ok(await funnels.FunnelAsync(new FunnelRequest(["install", "login"]), Ct));
        Assert.Equal(truth.Totals.SignedUpUsers, signups.Total.Entered + installs.Total.Entered);

        var from = new DateOnly(2026, 1, 1);
        var to = new DateOnly(2026, 2, 28);
        var (start, end) = LocalTime.Bounds(new DateRange(from, to), zone);
        foreach (var (steps, order, by) in new[]
                 {
                     ("signup,login,view,share", FunnelOrder.Strict, FunnelSplit.ChannelGroup),
                     ("signup,login,view,share", FunnelOrder.Loose, FunnelSplit.Cohort),
                     ("install,login#2,post", FunnelOrder.Strict, FunnelSplit.Cohort),
                 })
        {
            var definition = FunnelDefinition.Parse(FunnelDefinition.SplitList(steps), order, 14).Value!;
            var report = Expect.Ok(await funnels.FunnelAsync(new FunnelRequest(FunnelDefinition.SplitList(steps), order, 14, from, to, by), Ct));
            var tally = new FunnelTally(definition);
            foreach (var (user, events) in activity)
            {
                if (FunnelWalk.Walk(definition, events, start, end) is not { } path)
                {
                    continue;
                }

                tally.Add(path, by == FunnelSplit.Cohort
                    ? YearMonth.Of(LocalTime.DayOf(path.Entry, zone)).ToString()
                    : firstTouch.TryGetValue(user, out var touch) && touch.Timestamp.ToUnixTimeMilliseconds() <= path.Entry ? groups[touch.Channel] : FunnelSplits.Unknown);
            }

            Assert.Equal(tally.Total(), report.Total, FiguresComparer.Instance);
            Assert.Equal(tally.Groups(), report.Groups, FiguresComparer.Instance);
            Assert.True(report.Total.Entered > 20, steps + ": " + report.Total.Entered);
            Assert.True(report.Total.Steps[^1].Users > 0, steps + " reaches its last step");
        }
    }

    /// <summary>The split by channel group follows the catalog's groups at once: a group changed is a new figure, not a kept one.</summary>
    [Fact]
    public async Task TheSplitByChannelGroup_FollowsAChangeOfGroup_AtOnce()
    {
        await using var w = await TestWorkspace.OpenAsync();
        Assert.True((await w.Get<DemoUseCases>().LoadAsync(Small, null, Ct)).IsOk);
        var funnels = w.Get<FunnelUseCases>();
        var request = new FunnelRequest(["signup", "login"], By: FunnelSplit.ChannelGroup);
        var before = Expect.Ok(await funnels.FunnelAsync(request, Ct)).Groups.ToDictionary(g => g.Key!, g => g.Entered, StringComparer.Ordinal);
        var channels = w.Get<Mercato.Features.Channels.ChannelUseCases>();
        var moved = (await channels.ListAsync(Ct)).Where(c => c.Group == "paid_search").ToList();
        Assert.NotEmpty(moved);

        foreach (var channel in moved)
        {
            Expect.Ok(await channels.SetGroupAsync(channel.Name, "social_ads", Ct));
        }

        var after = Expect.Ok(await funnels.FunnelAsync(request, Ct)).Groups.ToDictionary(g => g.Key!, g => g.Entered, StringComparer.Ordinal);
        Assert.True(before["paid_search"] > 0);
        Assert.False(after.ContainsKey("paid_search"));
        Assert.Equal(before["paid_search"] + before["social_ads"], after["social_ads"]);
    }

    [Fact]
    public async Task AStepNoEventHas_IsRefused_WithTheEventsThatExist()
    {
        await using var w = await TestWorkspace.OpenAsync();
        Assert.True((await w.Get<DemoUseCases>().LoadAsync(Small, null, Ct)).IsOk);

        var outcome = await w.Get<FunnelUseCases>().FunnelAsync(new FunnelRequest(["signup", "purchase", "purchase#2"]), Ct);

        Assert.Equal([("steps[1]", FunnelCodes.UnknownEvent), ("steps[2]", FunnelCodes.UnknownEvent)], outcome.Problems.Select(p => (p.Path, p.Code)));
        var problem = outcome.Problems[0];
        // The demo's orders are conversions, read as the event "conversion".
        Assert.Equal(["conversion", "install", "login", "post", "share", "signup", "view"], (IReadOnlyList<string>)problem.Args["events"]!);
        Assert.Equal(
            "no event is called \"purchase\"; the events in the data are conversion, install, login, post, share, signup and view",
            Messages.Text(problem));

        var cli = await Cli.RunAsync([.. w.CliArgs, "report", "funnel", "--steps", "signup,purchase"]);
        Assert.Equal(2, cli.ExitCode);
        Assert.Contains("no event is called \"purchase\"", cli.Stderr, StringComparison.Ordinal);
        Assert.Contains("conversion, install, login, post, share, signup and view", cli.Stderr, StringComparison.Ordinal);

        var malformed = await w.Get<FunnelUseCases>().FunnelAsync(new FunnelRequest(["signup", "login#0"], WithinDays: 400), Ct);
        Assert.Equal([("steps[1]", FunnelCodes.StepMalformed), ("withinDays", CommonCodes.OutOfRange)], malformed.Problems.Select(p => (p.Path, p.Code)));
    }

    [Fact]
    public async Task TheCommand_WritesTheTableInBothLanguages_AndJsonCsvAndExcel()
    {
        await using var w = await TestWorkspace.OpenAsync();
        Assert.True((await w.Get<DemoUseCases>().LoadAsync(Small, null, Ct)).IsOk);
        string[] funnel = [.. w.CliArgs, "report", "funnel", "--steps", "signup,login,view", "--by", "cohort", "--from", "2026-01-01", "--to", "2026-03-31"];

        var english = await Cli.RunAsync([.. funnel, "--lang", "en"]);
        Assert.True(english.ExitCode == 0, english.Stderr);
        Assert.Contains("Funnel signup → login → view, strict order, within 30 days; entries 2026-01-01 to 2026-03-31", english.Stdout, StringComparison.Ordinal);
        Assert.Contains("From previous step", english.Stdout, StringComparison.Ordinal);

        var chinese = await Cli.RunAsync([.. funnel, "--lang", "zh-CN"]);
        Assert.True(chinese.ExitCode == 0, chinese.Stderr);
        Assert.Contains("严格顺序", chinese.Stdout, StringComparison.Ordinal);
        Assert.Contains("同期群", chinese.Stdout, StringComparison.Ordinal);
        Assert.Contains("较上一步转化率", chinese.Stdout, StringComparison.Ordinal);

        var json = await Cli.RunAsync([.. funnel, "--format", "json"]);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal("strict", doc.RootElement.GetProperty("order").GetString());
        Assert.Equal("cohort", doc.RootElement.GetProperty("by").GetString());
        var total = doc.RootElement.GetProperty("total");
        var entered = total.GetProperty("entered").GetInt64();
        Assert.Equal(entered, total.GetProperty("steps")[0].GetProperty("users").GetInt64());
        Assert.Equal(["2026-01", "2026-02", "2026-03"], doc.RootElement.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("key").GetString()));
        Assert.Equal(entered, doc.RootElement.GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("entered").GetInt64()));

        var file = Path.Combine(w.Dir.Path, "funnel.xlsx");
        var excel = await Cli.RunAsync([.. funnel, "--lang", "zh-CN", "--format", "xlsx", "--output", file]);
        Assert.True(excel.ExitCode == 0, excel.Stderr);
        var rows = MiniExcel.Query(file).Cast<IDictionary<string, object>>().ToList();
        var header = rows[0];
        Assert.Equal(["同期群", "步骤", "用户数", "较上一步转化率", "较入口转化率", "流失", "距上一步用时（中位数）", "距上一步用时（第 75 百分位）"], header.Values.Select(v => v?.ToString()));
        var first = rows[1].Values.ToList();
        Assert.Equal("合计", first[0]);
        Assert.Equal("signup", first[1]);
        Assert.Equal((double)entered, Assert.IsType<double>(first[2]));
        Assert.Equal(1.0, Assert.IsType<double>(first[4]));
        Assert.Equal(1 + (3 * 4), rows.Count);

        var csv = await Cli.RunAsync([.. funnel, "--format", "csv"]);
        Assert.Contains("Cohort,Step,Users,From previous step,From entry,Drop-off", csv.Stdout, StringComparison.Ordinal);
        Assert.Contains("Total,signup," + entered.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",—,1.0,—,", csv.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApiAndThePage_ShowTheFunnel_InBothLanguages()
    {
        await using var app = await RunningApp.StartAsync(demo: true);

        using var ok = await app.Client.GetAsync("/api/v1/measurement/funnel?steps=signup,login,view&by=channel_group&order=loose&withinDays=7", Ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using (var doc = JsonDocument.Parse(await ok.Content.ReadAsStringAsync(Ct)))
        {
            Assert.Equal(["signup", "login", "view"], doc.RootElement.GetProperty("steps").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal("loose", doc.RootElement.GetProperty("order").GetString());
            Assert.Equal(7, doc.RootElement.GetProperty("withinDays").GetInt32());
            var steps = doc.RootElement.GetProperty("total").GetProperty("steps");
            Assert.True(steps[0].GetProperty("users").GetInt64() >= steps[1].GetProperty("users").GetInt64());
            Assert.Equal(JsonValueKind.Null, steps[0].GetProperty("conversionFromPrevious").ValueKind);
            Assert.Equal(JsonValueKind.Number, steps[1].GetProperty("medianSecondsFromPrevious").ValueKind);
            Assert.Contains(doc.RootElement.GetProperty("groups").EnumerateArray(), g => g.GetProperty("key").GetString() == "paid_search");
        }

        using var unknown = await app.Client.GetAsync("/api/v1/measurement/funnel?steps=signup,purchase", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        using (var problem = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync(Ct)))
        {
            Assert.Equal(FunnelCodes.UnknownEvent, problem.RootElement.GetProperty("code").GetString());
            Assert.Contains("signup", problem.RootElement.GetProperty("args").GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        }

        using var badOrder = await app.Client.GetAsync("/api/v1/measurement/funnel?steps=signup,login&order=sideways", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badOrder.StatusCode);
        Assert.Contains(CommonCodes.NotOneOf, await badOrder.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var chinese = await app.Client.GetStringAsync("/measurement/funnels?lang=zh-CN", Ct);
        Assert.Contains("漏斗分析", chinese, StringComparison.Ordinal);
        Assert.Contains("较上一步转化率", chinese, StringComparison.Ordinal);
        Assert.Contains("<option value=\"signup\" selected", chinese, StringComparison.Ordinal);
        Assert.Contains("id=\"funnel-total\"", chinese, StringComparison.Ordinal);

        var english = await app.Client.GetStringAsync("/measurement/funnels?lang=en&step=signup&n=1&step=login&n=2&order=loose&by=cohort", Ct);
        Assert.Contains("<h2>Funnels</h2>", english, StringComparison.Ordinal);
        Assert.Contains("loose order", english, StringComparison.Ordinal);
        Assert.Contains("data-step=\"login#2\"", english, StringComparison.Ordinal);
        Assert.Contains("id=\"funnel-groups\"", english, StringComparison.Ordinal);
        Assert.Contains("How these numbers are computed", english, StringComparison.Ordinal);

        var refused = await app.Client.GetStringAsync("/measurement/funnels?lang=en&step=signup&step=&step=login&n=1&n=1&n=0", Ct);
        Assert.Contains("data-code=\"funnel_step_malformed\"", refused, StringComparison.Ordinal);
    }

    /// <summary>Figures equal, times to the microsecond (the mean's division may differ in the last bit).</summary>
    private sealed class FiguresComparer : IEqualityComparer<FunnelFigures>
    {
        public static readonly FiguresComparer Instance = new();

        public bool Equals(FunnelFigures? x, FunnelFigures? y) =>
            x is not null && y is not null && x.Key == y.Key && x.Entered == y.Entered && x.Steps.Count == y.Steps.Count
            && x.Steps.Zip(y.Steps).All(p => p.First with { MeanSecondsFromPrevious = null } == p.Second with { MeanSecondsFromPrevious = null }
                && Math.Abs((p.First.MeanSecondsFromPrevious ?? 0) - (p.Second.MeanSecondsFromPrevious ?? 0)) < 1e-6);

        public int GetHashCode(FunnelFigures obj) => obj.Entered.GetHashCode();
    }

    private sealed class Facts : IDemoSink
    {
        public List<IFact> All { get; } = [];

        public void Add(IFact fact) => All.Add(fact);
    }
}
