using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mercato.Core.Campaigns;
using Mercato.Features.Campaigns;
using Microsoft.Extensions.DependencyInjection;

namespace Mercato.Tests;

/// <summary>
/// A campaign evaluated from the store, by the API and the CLI, on a dataset small enough to work by hand (UTC days).
/// </summary>
/// <remarks>
/// Campaign "spring", 2026-03-01..2026-03-10 (10 days), code SPR; planned paid_search 1000 and agency 500.
/// Spend carrying SPR: 600 + 300 = 900 (impressions 15000, clicks 400); the baseline 02-19..02-28 has 100 of uncoded
/// spend with 4000 impressions. Touchpoints in the window: u1 SPR (03-02), u1 email (03-03), u2 SPR (03-04); in the
/// baseline u3 email. Conversions: c1 u1 03-03 revenue 2000 product cost 400, c2 u2 03-06 500/100, c3 u3 02-26 200/50.
/// Linear attribution by campaign: c1's path [SPR, (no campaign)] gives SPR half (1000 revenue, 200 cost), c2's [SPR]
/// all (500, 100): 1.5 conversions, revenue 1500, product cost 300. Net return = (1500 − 300) − 900 − 0 = 300;
/// ROI = 300 / 900 = 0.3333; ROAS = 1500 / 900 = 1.6667; cost per participant = 900 / 2 = 450.
/// Uplift of revenue: window 2500 against baseline 200 × 10 / 10: +2300, +1150%.
/// Objectives: participants 2 of 4 (50%, off track); attributed revenue 1500 of 1200 (125%, on track); cpa (the KPI:
/// media spend 900 / 2 conversions = 450) against 500, lower is better (111%, on track); gmv no data.
/// </remarks>
public class CampaignEvaluationTests
{
    private const string Spend = "date,channel,campaign,spend,impressions,clicks\n"
        + "2026-03-02,paid_search,SPR,600,10000,300\n2026-03-05,paid_search,SPR,300,5000,100\n2026-02-25,paid_search,,100,4000,50\n";

    private const string Touchpoints = "touchpoint_id,user_id,timestamp,channel,campaign\n"
        + "t1,u1,2026-03-02T10:00:00Z,paid_search,SPR\nt2,u1,2026-03-03T10:00:00Z,email,\nt3,u2,2026-03-04T10:00:00Z,paid_search,SPR\n"
        + "t4,u3,2026-02-26T10:00:00Z,email,\n";

    private const string Conversions = "conversion_id,user_id,timestamp,revenue,cost\n"
        + "c1,u1,2026-03-03T12:00:00Z,2000,400\nc2,u2,2026-03-06T12:00:00Z,500,100\nc3,u3,2026-02-26T12:00:00Z,200,50\n";

    private static readonly object Spring = new
    {
        id = "spring",
        name = "Spring launch",
        type = "product_launch",
        unit = "marketing",
        start = "2026-03-01",
        end = "2026-03-10",
        codes = new[] { "SPR" },
        brandSteps = new[] { 5, 6 },
        budget = new object[]
        {
            new { kind = "channel", item = "paid_search", planned = 1000 },
            new { kind = "cost", item = "agency", planned = 500 },
        },
        objectives = new object[]
        {
            new { kpi = "participants", target = 4 },
            new { kpi = "attributed_revenue", target = 1200 },
            new { kpi = "cpa", target = 500 },
            new { kpi = "gmv", target = 1000 },
        },
    };

    /// <summary>The headline's codes and arguments; pages and the CLI show it rendered (<see cref="Headline"/>).</summary>
    private static readonly Message[] HeadlineParts =
    [
        Message.Of(CampaignCodes.HeadlineCampaign, ("name", "Spring launch"), ("from", new DateOnly(2026, 3, 1)), ("to", new DateOnly(2026, 3, 10))),
        Message.Of(CampaignCodes.HeadlineRoi, ("roi", 1d / 3), ("cost", 900m)),
        Message.Of(CampaignCodes.HeadlineObjectivesMet, ("met", 2), ("count", 4)),
        Message.Of(CampaignCodes.HeadlineRevenueUplift, ("relative", 11.5)),
    ];

    private static string Headline => Messages.Joined(HeadlineParts);

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static async Task<RunningApp> StartWithData()
    {
        var app = await RunningApp.StartAsync();
        foreach (var (kind, csv) in new[] { ("spend", Spend), ("touchpoints", Touchpoints), ("conversions", Conversions) })
        {
            var import = await app.Client.PostAsync("/api/v1/import/" + kind, Csv(csv));
            Assert.True(import.IsSuccessStatusCode, kind + ": " + await import.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.OK, (await app.Client.PutAsJsonAsync("/api/v1/campaigns/spring", Spring)).StatusCode);
        return app;
    }

    private static void AssertSpringReport(JsonElement report)
    {
        var headline = report.GetProperty("headline").EnumerateArray().ToList();
        Assert.Equal(HeadlineParts.Select(p => p.Code), headline.Select(h => h.GetProperty("code").GetString()));
        Assert.Equal("Spring launch", headline[0].GetProperty("args").GetProperty("name").GetString());
        Assert.Equal(1d / 3, headline[1].GetProperty("args").GetProperty("roi").GetDouble(), 4);
        Assert.Equal((2, 4), (headline[2].GetProperty("args").GetProperty("met").GetInt32(), headline[2].GetProperty("args").GetProperty("count").GetInt32()));
        Assert.Equal(11.5, headline[3].GetProperty("args").GetProperty("relative").GetDouble(), 9);
        Assert.Equal(Headline, string.Concat(headline[0].GetProperty("message").GetString(), ": ",
            string.Join("; ", headline.Skip(1).Select(h => h.GetProperty("message").GetString()))));
        Assert.Equal("linear", report.GetProperty("model").GetString());
        Assert.Equal(15000, report.GetProperty("reach").GetInt64());
        Assert.Equal(400, report.GetProperty("clicks").GetInt64());
        Assert.Equal(2, report.GetProperty("touchpoints").GetInt64());
        Assert.Equal(2, report.GetProperty("participants").GetInt64());
        Assert.Equal(900m, report.GetProperty("spend").GetDecimal());
        Assert.Equal(0m, report.GetProperty("costs").GetDecimal());
        Assert.Equal(450m, report.GetProperty("costPerParticipant").GetDecimal());
        Assert.Equal(1.5, report.GetProperty("attributedConversions").GetDouble(), 9);
        Assert.Equal(1500m, report.GetProperty("attributedRevenue").GetDecimal());
        Assert.Equal(300m, report.GetProperty("attributedProductCost").GetDecimal());
        Assert.Equal(300m, report.GetProperty("netReturn").GetDecimal());
        Assert.Equal(0.3333, report.GetProperty("roi").GetDouble(), 4);
        Assert.Equal(1.6667, report.GetProperty("roas").GetDouble(), 4);

        var uplift = report.GetProperty("uplift").EnumerateArray().ToDictionary(u => u.GetProperty("id").GetString()!);
        Assert.Equal(2500m, uplift["revenue"].GetProperty("window").GetDecimal());
        Assert.Equal(200m, uplift["revenue"].GetProperty("expected").GetDecimal());
        Assert.Equal(2300m, uplift["revenue"].GetProperty("absolute").GetDecimal());
        Assert.Equal(11.5, uplift["revenue"].GetProperty("relative").GetDouble(), 9);
        Assert.Equal(11000m, uplift["impressions"].GetProperty("absolute").GetDecimal()); // 15000 − 4000
        Assert.Equal(2m, uplift["touchpoints"].GetProperty("absolute").GetDecimal()); // 3 − 1
        Assert.Equal(1m, uplift["conversions"].GetProperty("absolute").GetDecimal()); // 2 − 1

        var objectives = report.GetProperty("objectives").EnumerateArray().ToDictionary(o => o.GetProperty("kpi").GetString()!);
        Assert.Equal(0.5, objectives["participants"].GetProperty("attainment").GetDouble(), 9);
        Assert.Equal("off_track", objectives["participants"].GetProperty("status").GetString());
        Assert.Equal(1.25, objectives["attributed_revenue"].GetProperty("attainment").GetDouble(), 9);
        Assert.Equal("on_track", objectives["attributed_revenue"].GetProperty("status").GetString());
        Assert.Equal(450, objectives["cpa"].GetProperty("actual").GetDouble(), 9);
        Assert.Equal("supplied", objectives["cpa"].GetProperty("source").GetString());
        Assert.Equal(500.0 / 450, objectives["cpa"].GetProperty("attainment").GetDouble(), 9);
        Assert.Equal("on_track", objectives["cpa"].GetProperty("status").GetString());
        Assert.Equal("no_data", objectives["gmv"].GetProperty("status").GetString());
        Assert.Equal("none", objectives["gmv"].GetProperty("source").GetString());
    }

    [Fact]
    public async Task Api_Evaluation_HasTheHandComputedRoiUpliftAndAttainment_AndRefusesBadInput()
    {
        await using var app = await StartWithData();

        var ok = await app.Client.GetAsync("/api/v1/campaigns/spring/evaluation?model=linear");
        var badBaseline = await app.Client.GetAsync("/api/v1/campaigns/spring/evaluation?baseline=2026-02-01");
        var overlapping = await app.Client.GetAsync("/api/v1/campaigns/spring/evaluation?baseline=2026-02-20..2026-03-01");
        var badModel = await app.Client.GetAsync("/api/v1/campaigns/spring/evaluation?model=magic");
        var unknown = await app.Client.GetAsync("/api/v1/campaigns/ghost/evaluation");
        var explicitBaseline = await app.Client.GetAsync("/api/v1/campaigns/spring/evaluation?model=linear&baseline=2026-02-21..2026-02-25");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using (var json = JsonDocument.Parse(await ok.Content.ReadAsStringAsync()))
        {
            AssertSpringReport(json.RootElement.GetProperty("report"));
            Assert.Contains(json.RootElement.GetProperty("notes").EnumerateArray(), n => n.GetProperty("code").GetString() == CampaignNoteCodes.CostActuals
                && n.GetProperty("message").GetString() == Messages.Text(CampaignUseCases.CostNote));
        }

        Assert.Equal(HttpStatusCode.BadRequest, badBaseline.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, overlapping.StatusCode);
        using (var problem = JsonDocument.Parse(await overlapping.Content.ReadAsStringAsync()))
        {
            Assert.Equal(CampaignCodes.BaselineOverlaps, problem.RootElement.GetProperty("code").GetString());
            var args = problem.RootElement.GetProperty("args");
            Assert.Equal(("2026-02-20", "2026-03-01", "2026-03-01", "2026-03-10"),
                (args.GetProperty("from").GetString(), args.GetProperty("to").GetString(), args.GetProperty("start").GetString(), args.GetProperty("end").GetString()));
            Assert.Equal("baseline", Assert.Single(problem.RootElement.GetProperty("problems").EnumerateArray()).GetProperty("path").GetString());
        }

        Assert.Equal(HttpStatusCode.BadRequest, badModel.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using (var created = await app.Client.PutAsJsonAsync("/api/v1/campaigns/decades",
                   new { name = "Decades", type = "content_series", unit = "brand", start = "1950-01-01", end = "2026-12-31" }))
        {
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        using (var noDefault = await app.Client.GetAsync("/api/v1/campaigns/decades/evaluation"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noDefault.StatusCode);
            Assert.Contains("would start before 1900-01-01: give a baseline", await noDefault.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var page = await app.Client.GetAsync("/campaigns/c/decades/evaluation"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("would start before 1900-01-01: give a baseline.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A 5-day baseline 02-21..02-25 holds 4000 impressions and nothing else: expected = 4000 × 10 / 5 = 8000.
        using (var json = JsonDocument.Parse(await explicitBaseline.Content.ReadAsStringAsync()))
        {
            var report = json.RootElement.GetProperty("report");
            Assert.False(report.GetProperty("baselineIsDefault").GetBoolean());
            var impressions = report.GetProperty("uplift").EnumerateArray().Single(u => u.GetProperty("id").GetString() == "impressions");
            Assert.Equal(8000m, impressions.GetProperty("expected").GetDecimal());
            Assert.Equal(7000m, impressions.GetProperty("absolute").GetDecimal());
        }
    }

    [Fact]
    public async Task Api_Budget_ApproveKit_AndBrand_AnswerWithFiguresOr4xx()
    {
        await using var app = await StartWithData();

        var budget = await app.Client.GetAsync("/api/v1/campaigns/spring/budget");
        var noBudget = await app.Client.GetAsync("/api/v1/campaigns/ghost/budget");
        var emptyKit = await app.Client.PostAsync("/api/v1/campaigns/spring/approve-kit", null);
        var noKit = await app.Client.PostAsync("/api/v1/campaigns/ghost/approve-kit", null);
        var brand = await app.Client.GetAsync("/api/v1/campaigns/brand?from=2026-03-01&to=2026-03-10");
        var badBrand = await app.Client.GetAsync("/api/v1/campaigns/brand?from=March");
        var backwards = await app.Client.GetAsync("/api/v1/campaigns/brand?from=2026-03-10&to=2026-03-01");
        var ancient = await app.Client.GetAsync("/api/v1/campaigns/brand?from=0001-01-01");
        var farBaseline = await app.Client.GetAsync("/api/v1/campaigns/spring/evaluation?baseline=9999-12-01..9999-12-31");
        var page = await app.Client.GetStringAsync("/campaigns/c/spring/evaluation?model=linear");
        var brandPage = await app.Client.GetStringAsync("/campaigns/brand");

        Assert.Equal(HttpStatusCode.OK, budget.StatusCode);
        using (var json = JsonDocument.Parse(await budget.Content.ReadAsStringAsync()))
        {
            var lines = json.RootElement.GetProperty("lines").EnumerateArray().ToList();
            Assert.Equal(["channel:paid_search", "cost:agency"], lines.Select(l => l.GetProperty("key").GetString()));
            Assert.Equal([900m, 0m], lines.Select(l => l.GetProperty("actual").GetDecimal()));
            Assert.Equal(600m, json.RootElement.GetProperty("remaining").GetDecimal());
            Assert.Empty(json.RootElement.GetProperty("warnings").EnumerateArray());
        }

        Assert.Equal(HttpStatusCode.NotFound, noBudget.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, emptyKit.StatusCode);
        using (var problem = JsonDocument.Parse(await emptyKit.Content.ReadAsStringAsync()))
        {
            Assert.Equal("empty_kit", problem.RootElement.GetProperty("code").GetString());
        }

        Assert.Equal(HttpStatusCode.NotFound, noKit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, brand.StatusCode);
        using (var json = JsonDocument.Parse(await brand.Content.ReadAsStringAsync()))
        {
            var board = json.RootElement.GetProperty("board");
            Assert.Equal(0, board.GetProperty("completedCycles").GetInt32());
            var steps = board.GetProperty("steps").EnumerateArray().ToList();
            Assert.Equal(9, steps.Count);
            Assert.Equal("in_progress", steps[4].GetProperty("state").GetString()); // spring serves step 5 and is open
            Assert.Equal("not_started", steps[0].GetProperty("state").GetString());
            var evidence = steps.SelectMany(s => s.GetProperty("evidence").EnumerateArray())
                .ToDictionary(e => e.GetProperty("metric").GetString()!, e => e.GetProperty("value"));
            Assert.Equal(2, evidence["search_portal_touchpoints"].GetDouble()); // t1 and t3 on paid_search
            Assert.Equal(2, evidence["active_channels"].GetDouble()); // paid_search, email
            // Spring serves step 6. Markov (the default) on the paths [SPR, (no campaign)] and [SPR], both converting: removing SPR
            // loses both conversions (effect 1), removing (no campaign) half of one path (0.5); SPR gets 2 × 1 / 1.5.
            Assert.Equal(4.0 / 3, evidence["event_conversions"].GetDouble(), 9);
            Assert.Equal(1, evidence["spend_hhi"].GetDouble(), 9);
        }

        Assert.Equal(HttpStatusCode.BadRequest, badBrand.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, ancient.StatusCode); // outside 1900..9998: a clear 400, not a 500
        Assert.Equal(HttpStatusCode.BadRequest, farBaseline.StatusCode);
        Assert.Contains(Headline, WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains("before/after comparison", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">1.5</td>", page, StringComparison.Ordinal); // attributed conversions, not rounded to 2
        Assert.Contains("id=\"brand-board\"", brandPage, StringComparison.Ordinal);
        Assert.Contains("/campaigns/c/spring", brandPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CostRowsCarryingTheCode_AreTheCostLinesActuals_AndEnterTheRoi()
    {
        await using var app = await StartWithData();
        // Spring's agency fee is invoiced in April, after the campaign: it still counts. The department's agency retainer
        // (no campaign) and another campaign's event cost do not.
        const string Costs = "month,channel,category,amount,kind,campaign\n"
            + "2026-04,,agency,200,fixed,SPR\n2026-03,,agency,1000,fixed,\n2026-03,,event,50,fixed,OTHER\n";
        var import = await app.Client.PostAsync("/api/v1/import/costs", Csv(Costs));
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());

        var budget = (await app.Services.GetRequiredService<CampaignUseCases>().BudgetCheckAsync("spring", default)).Value!;
        using var json = JsonDocument.Parse(await (await app.Client.GetAsync("/api/v1/campaigns/spring/evaluation?model=linear")).Content.ReadAsStringAsync());

        var agency = budget.Lines.Single(l => l.Key == "cost:agency");
        Assert.Equal((500m, 200m, 300m), (agency.Planned, agency.Actual, agency.Remaining));
        Assert.Equal(1100m, budget.Actual); // 900 of paid search spend + 200 of agency
        var report = json.RootElement.GetProperty("report");
        Assert.Equal(200m, report.GetProperty("costs").GetDecimal());
        Assert.Equal(550m, report.GetProperty("costPerParticipant").GetDecimal()); // (900 + 200) / 2
        Assert.Equal(100m, report.GetProperty("netReturn").GetDecimal()); // 1500 − 300 − 900 − 200
        Assert.Equal(0.0909, report.GetProperty("roi").GetDouble(), 4); // 100 / 1100

        // The same file again changes nothing.
        using var again = JsonDocument.Parse(await (await app.Client.PostAsync("/api/v1/import/costs", Csv(Costs))).Content.ReadAsStringAsync());
        Assert.Equal(0, again.RootElement.GetProperty("added").GetInt64());
    }

    [Fact]
    public async Task BrandBoard_EventConversions_AreWhatMarkovCreditsTheStep6CampaignsCodes()
    {
        // Spring (code SPR) serves step 6. Over 03-01..03-10 two journeys convert: u1 SPR → (no campaign) → c1, u2 SPR → c2.
        // Order-1 Markov by campaign: start → SPR 1; SPR → none 1/2, SPR → conversion 1/2; none → conversion 1. Removing SPR
        // leaves no path (effect 1); removing none leaves 1/2 (effect 1/2). SPR's share 1 / 1.5 of 2 conversions: 4/3.
        await using var app = await StartWithData();
        var service = app.Services.GetRequiredService<CampaignUseCases>();
        var board = (await service.BrandBoardAsync(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 10), default)).Value!.Board;
        Assert.Equal(4d / 3, board.Steps.SelectMany(s => s.Evidence).Single(e => e.Metric == "event_conversions").Value!.Value, 12);
    }

    [Fact]
    public async Task BrandBoard_ChannelEvidence_FollowsARegroupedChannel_ThoughItIsKept()
    {
        await using var app = await StartWithData();
        var service = app.Services.GetRequiredService<CampaignUseCases>();
        var window = new DateRange(new(2026, 2, 20), new(2026, 3, 10));
        async Task<double?> Search() =>
            (await service.BrandBoardAsync(window, default)).Value!.Board.Steps.SelectMany(s => s.Evidence).Single(e => e.Metric == "search_portal_touchpoints").Value;

        Assert.Equal(2, await Search()); // t1 and t3 on paid_search
        Assert.Equal(2, await Search()); // the kept answer

        Assert.True((await app.Services.GetRequiredService<Mercato.Features.Channels.ChannelUseCases>().SetGroupAsync("email", "paid_search", default)).IsOk);
        Assert.Equal(4, await Search()); // email's t2 and t4 now count as search too
    }

    [Fact]
    public async Task Cli_Evaluate_PrintsTheReport_AndExitsOneForAnUnknownId_TwoForBadInput()
    {
        using var dir = new TempDir();
        async Task<Cli.Outcome> Run(params string[] args) => await Cli.RunAsync([.. args, "--data-dir", dir.Path]);
        foreach (var (kind, csv) in new[] { ("spend", Spend), ("touchpoints", Touchpoints), ("conversions", Conversions) })
        {
            Assert.Equal(0, (await Run("import", kind, dir.File(kind + ".csv", csv))).ExitCode);
        }

        var bundle = dir.File("bundle.json", JsonSerializer.Serialize(new { campaigns = new[] { Spring } }));
        Assert.Equal(0, (await Run("campaigns", "import", bundle)).ExitCode);

        var json = await Run("campaigns", "evaluate", "spring", "--model", "linear", "--format", "json");
        var table = await Run("campaigns", "evaluate", "spring", "--model", "linear");
        var unknown = await Run("campaigns", "evaluate", "ghost");
        var badBaseline = await Run("campaigns", "evaluate", "spring", "--baseline", "2026-02-01..March");
        var overlapping = await Run("campaigns", "evaluate", "spring", "--baseline", "2026-03-05..2026-03-20");
        var badModel = await Run("campaigns", "evaluate", "spring", "--model", "magic");
        var budget = await Run("campaigns", "budget", "spring");
        var kit = await Run("campaigns", "approve-kit", "spring");

        Assert.Equal(0, json.ExitCode);
        using (var doc = JsonDocument.Parse(json.Stdout))
        {
            AssertSpringReport(doc.RootElement.GetProperty("report"));
        }

        Assert.Equal(0, table.ExitCode);
        Assert.Contains(Headline, table.Stdout, StringComparison.Ordinal);
        Assert.Contains("300 / (900 + 0) = 0.3333", table.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal(2, badBaseline.ExitCode);
        Assert.Equal(2, overlapping.ExitCode);
        Assert.Contains(Messages.WithPath(Problem.Of("baseline", CampaignCodes.BaselineOverlaps, ("from", new DateOnly(2026, 3, 5)), ("to", new DateOnly(2026, 3, 20)),
            ("start", new DateOnly(2026, 3, 1)), ("end", new DateOnly(2026, 3, 10)))), overlapping.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, badModel.ExitCode);
        Assert.Equal(0, budget.ExitCode);
        Assert.Contains("channel:paid_search", budget.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, kit.ExitCode);
        Assert.Contains("refused (empty_kit)", kit.Stderr, StringComparison.Ordinal);
    }
}
