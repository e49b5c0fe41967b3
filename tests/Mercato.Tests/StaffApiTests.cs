using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mercato.Core.Campaigns;
using Microsoft.Extensions.DependencyInjection;

namespace Mercato.Tests;

/// <summary>
/// All-staff marketing over HTTP and the command line: <c>/api/v1/people/workload</c>, <c>/people/leaderboard</c>,
/// <c>/people/{id}/links</c>, <c>/livestreams</c>, <c>mercato people workload|leaderboard|links</c> and the four pages.
/// </summary>
public class StaffApiTests
{
    private static string Day(int fromToday) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(fromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // u1: a touch carrying ann-1, then an email click, then a purchase of 100: linear gives ANN-1 half (0.5, 50).
    // u2: a touch carrying Ann-1, then a purchase of 40: all of it (1, 40). u3: zed-9, nobody's code, no purchase.
    private const string Touches = """
        user_id,timestamp,channel,campaign,type,referral_code
        u1,2026-03-01T00:00:00Z,search,,referral,ann-1
        u1,2026-03-02T00:00:00Z,email,,click,
        u2,2026-03-05T00:00:00Z,kol,,referral,Ann-1
        u3,2026-03-07T00:00:00Z,staff_referral,,referral,zed-9
        """;

    private const string Conversions = """
        conversion_id,user_id,timestamp,revenue,cost
        c1,u1,2026-03-03T00:00:00Z,100,
        c2,u2,2026-03-06T00:00:00Z,40,
        """;

    private const string Sessions = """
        session_id,campaign,host,host_kind,start,end,viewers,peak_viewers,new_followers,orders,gmv
        a,SPR26,ann,staff,2026-03-10T20:00:00Z,2026-03-10T22:00:00Z,1000,300,50,40,8000
        b,,Mia Zhang,influencer,2026-03-11T12:00:00Z,2026-03-11T15:00:00Z,2000,900,100,50,10000
        """;

    private static object Campaign(string id, string code, bool withKit = false) => new
    {
        id,
        name = "Campaign " + id,
        type = "product_launch",
        unit = "brand",
        start = Day(-5),
        end = Day(30),
        codes = new[] { code },
        kit = withKit
            ? new
            {
                messages = new[] { "Try the new monitor" },
                links = new[] { new { label = "Launch page", url = "https://example.com/launch?utm=staff#buy" } },
            }
            : null,
    };

    /// <summary>ann leads three squads of three campaigns running now (stretched), bo has a code and sits nowhere.</summary>
    private static async Task SeedAsync(RunningApp app)
    {
        async Task Ok(Task<HttpResponseMessage> call)
        {
            using var response = await call;
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        await Ok(app.Client.PutAsJsonAsync("/api/v1/people/ann", new { name = "Ann Lee", unit = "brand", title = "Brand lead", referralCodes = new[] { "ANN-1" }, isStaffHost = true }));
        await Ok(app.Client.PutAsJsonAsync("/api/v1/people/bo", new { name = "Bo Chen", unit = "sales", referralCodes = new[] { "BO-1" } }));
        await Ok(app.Client.PutAsJsonAsync("/api/v1/campaigns/c1", Campaign("c1", "SPR26", withKit: true)));
        await Ok(app.Client.PostAsJsonAsync("/api/v1/campaigns/c1/approve-kit", new { actor = "cmo" }));
        await Ok(app.Client.PutAsJsonAsync("/api/v1/campaigns/c2", Campaign("c2", "SUM26")));
        await Ok(app.Client.PutAsJsonAsync("/api/v1/campaigns/c3", Campaign("c3", "AUT26")));
        foreach (var n in new[] { "1", "2", "3" })
        {
            await Ok(app.Client.PutAsJsonAsync($"/api/v1/campaigns/c{n}/squad", new { squad = "s" + n, lead = "ann" }));
        }

        await Ok(app.Client.PostAsync("/api/v1/import/touchpoints", new StringContent(Touches, Encoding.UTF8, "text/csv")));
        await Ok(app.Client.PostAsync("/api/v1/import/conversions", new StringContent(Conversions, Encoding.UTF8, "text/csv")));
        await Ok(app.Client.PostAsync("/api/v1/import/livestreams", new StringContent(Sessions, Encoding.UTF8, "text/csv")));
    }

    private static async Task<JsonDocument> GetJson(RunningApp app, string path)
    {
        using var response = await app.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task AssertBad(RunningApp app, string path, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        using var response = await app.Client.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Leaderboard_CreditsHalfAJourneyToTheCode_AndKeepsUnownedCodesApart()
    {
        await using var app = await RunningApp.StartAsync();
        await SeedAsync(app);

        using var linear = await GetJson(app, "/api/v1/people/leaderboard?from=2026-03-01&to=2026-03-31&model=linear");
        using var last = await GetJson(app, "/api/v1/people/leaderboard?model=last");

        var root = linear.RootElement;
        Assert.Equal("linear", root.GetProperty("model").GetString());
        Assert.Equal(30, root.GetProperty("lookbackDays").GetInt32());
        var ann = Assert.Single(root.GetProperty("people").EnumerateArray());
        Assert.Equal(("ann", 1, "brand"), (ann.GetProperty("person").GetString(), ann.GetProperty("rank").GetInt32(), ann.GetProperty("unit").GetString()));
        Assert.Equal((2L, 1.5, 90m), (ann.GetProperty("touches").GetInt64(), ann.GetProperty("conversions").GetDouble(), ann.GetProperty("revenue").GetDecimal()));
        var unit = Assert.Single(root.GetProperty("units").EnumerateArray());
        Assert.Equal(("brand", 1, 90m), (unit.GetProperty("unit").GetString(), unit.GetProperty("people").GetInt32(), unit.GetProperty("revenue").GetDecimal()));
        var zed = Assert.Single(root.GetProperty("unmatched").EnumerateArray());
        Assert.Equal(("ZED-9", 1L, 0.0), (zed.GetProperty("code").GetString(), zed.GetProperty("touches").GetInt64(), zed.GetProperty("conversions").GetDouble()));
        // Last touch: u1's purchase closes on email, so the code keeps only u2's.
        var annLast = Assert.Single(last.RootElement.GetProperty("people").EnumerateArray());
        Assert.Equal((1.0, 40m), (annLast.GetProperty("conversions").GetDouble(), annLast.GetProperty("revenue").GetDecimal()));
        // No org structure stored yet: nothing to roll up. With one, Ann's 90 climbs brand → marketing → company.
        Assert.Empty(root.GetProperty("tree").EnumerateArray());
        await app.Services.StructureAsync();
        using var rolled = await GetJson(app, "/api/v1/people/leaderboard?from=2026-03-01&to=2026-03-31&model=linear");
        Assert.Equal(
            [("company", 0, 1, 90m, 1.0), ("marketing", 1, 1, 90m, 1.0), ("brand", 2, 1, 90m, 1.0)],
            rolled.RootElement.GetProperty("tree").EnumerateArray().Select(u => (
                u.GetProperty("unit").GetString(), u.GetProperty("depth").GetInt32(), u.GetProperty("people").GetInt32(),
                u.GetProperty("revenue").GetDecimal(), u.GetProperty("share").GetDouble())));
        var treePage = await app.Client.GetStringAsync("/campaigns/leaderboard?model=linear&from=2026-03-01&to=2026-03-31");
        Assert.Contains("<tr data-unit=\"marketing\" data-depth=\"1\">", treePage, StringComparison.Ordinal);
        Assert.Contains("Marketing center", treePage, StringComparison.Ordinal);

        await AssertBad(app, "/api/v1/people/leaderboard?model=bogus");
        await AssertBad(app, "/api/v1/people/leaderboard?from=2026-13-01");
        await AssertBad(app, "/api/v1/people/leaderboard?from=2026-03-31&to=2026-03-01");
    }

    [Fact]
    public async Task Workload_FindsTheStretchedPerson_AndEveryDoubleBooking()
    {
        await using var app = await RunningApp.StartAsync();
        await SeedAsync(app);

        using var today = await GetJson(app, $"/api/v1/people/workload?from={Day(0)}&to={Day(0)}");
        using var month = await GetJson(app, "/api/v1/people/workload");

        var root = today.RootElement;
        Assert.Equal(2, root.GetProperty("maxConcurrentSquads").GetInt32());
        var people = root.GetProperty("people").EnumerateArray().ToList();
        Assert.Equal(["ann", "bo"], people.Select(p => p.GetProperty("person").GetString()));
        Assert.Equal((3, 1, true), (people[0].GetProperty("peak").GetInt32(), people[0].GetProperty("stretchedDays").GetInt32(), people[0].GetProperty("stretched").GetBoolean()));
        Assert.Equal((0, false), (people[1].GetProperty("peak").GetInt32(), people[1].GetProperty("stretched").GetBoolean()));
        var conflicts = root.GetProperty("conflicts").EnumerateArray().ToList();
        Assert.Equal([("s1", "s2"), ("s1", "s3"), ("s2", "s3")], conflicts.Select(c => (c.GetProperty("first").GetString(), c.GetProperty("second").GetString())));
        Assert.All(conflicts, c => Assert.Equal("squad_double_booking", c.GetProperty("kind").GetString()));
        Assert.Equal(Day(0), conflicts[0].GetProperty("days").GetProperty("start").GetString());
        Assert.Equal("ann", Assert.Single(month.RootElement.GetProperty("stretched").EnumerateArray()).GetProperty("person").GetString());

        await AssertBad(app, "/api/v1/people/workload?from=2026-03-01");
        await AssertBad(app, "/api/v1/people/workload?from=2026-03-31&to=2026-03-01");
        await AssertBad(app, "/api/v1/people/workload?from=03/01/2026&to=2026-03-31");
        await AssertBad(app, "/api/v1/people/workload?from=2020-01-01&to=2026-01-01");
        // The page applies the same rule (the use case's): one day alone is refused with the reason, this month shown instead.
        var halfPage = await app.Client.GetStringAsync("/campaigns/people?from=2026-03-01");
        Assert.Contains(System.Net.WebUtility.HtmlEncode(Messages.Sentence(new Problem("to", ApiCodes.BothDaysOrNeither)) + " Showing this month."), halfPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_CarryThePersonsFirstCode_ForApprovedKitsOnly()
    {
        await using var app = await RunningApp.StartAsync();
        await SeedAsync(app);

        using var ann = await GetJson(app, "/api/v1/people/ann/links");
        using var onlyC2 = await GetJson(app, "/api/v1/people/ann/links?campaign=c2");

        Assert.Equal(["ANN-1"], ann.RootElement.GetProperty("codes").EnumerateArray().Select(c => c.GetString()));
        var kit = Assert.Single(ann.RootElement.GetProperty("kits").EnumerateArray());
        Assert.Equal("c1", kit.GetProperty("campaign").GetString());
        Assert.Equal("https://example.com/launch?utm=staff&ref=ANN-1#buy", Assert.Single(kit.GetProperty("links").EnumerateArray()).GetProperty("url").GetString());
        Assert.Empty(onlyC2.RootElement.GetProperty("kits").EnumerateArray());

        // A cancelled campaign's kit is not shared any more.
        using (var cancelled = await app.Client.PostAsJsonAsync("/api/v1/campaigns/c1/stage/cancelled", new { actor = "cmo", note = "product recalled" }))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }

        using var afterCancel = await GetJson(app, "/api/v1/people/ann/links");
        Assert.Empty(afterCancel.RootElement.GetProperty("kits").EnumerateArray());

        await AssertBad(app, "/api/v1/people/nobody/links", HttpStatusCode.NotFound);
        await AssertBad(app, "/api/v1/people/ann/links?campaign=nope", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task LiveStreams_SessionsWithFigures_AndHostsSideBySide()
    {
        await using var app = await RunningApp.StartAsync();
        await SeedAsync(app);

        using var march = await GetJson(app, "/api/v1/livestreams?from=2026-03-01&to=2026-03-31");
        using var april = await GetJson(app, "/api/v1/livestreams?from=2026-04-01&to=2026-04-30");

        var sessions = march.RootElement.GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal(["a", "b"], sessions.Select(s => s.GetProperty("session").GetProperty("sessionId").GetString()));
        var a = sessions[0].GetProperty("metrics");
        Assert.Equal((2.0, 2000.0, 4.0, 0.04, 0.05),
            (a.GetProperty("hours").GetDouble(), a.GetProperty("viewerHours").GetDouble(), a.GetProperty("gmvPerViewerHour").GetDouble(),
             a.GetProperty("orderConversion").GetDouble(), a.GetProperty("followerGain").GetDouble()));
        var hosts = march.RootElement.GetProperty("hosts").EnumerateArray().ToList();
        Assert.Equal([("Mia Zhang", "influencer", 1), ("Ann Lee", "staff", 2)],
            hosts.Select(h => (h.GetProperty("name").GetString(), h.GetProperty("hostKind").GetString(), h.GetProperty("rank").GetInt32())));
        Assert.Empty(april.RootElement.GetProperty("sessions").EnumerateArray());

        await AssertBad(app, "/api/v1/livestreams?from=2026-3-1");
        await AssertBad(app, "/api/v1/livestreams?from=2026-03-31&to=2026-03-01");
    }

    [Fact]
    public async Task Pages_ShowTheFiguresOrSayWhatDataTheyNeed()
    {
        await using var app = await RunningApp.StartAsync();
        var emptyPeople = await app.Client.GetStringAsync("/campaigns/people");
        var emptyBoard = await app.Client.GetStringAsync("/campaigns/leaderboard");
        var emptyStreams = await app.Client.GetStringAsync("/campaigns/livestreams");
        await SeedAsync(app);

        var people = await app.Client.GetStringAsync("/campaigns/people");
        var person = await app.Client.GetStringAsync("/campaigns/people/ann");
        using var nobodyResponse = await app.Client.GetAsync("/campaigns/people/nobody");
        var nobody = await nobodyResponse.Content.ReadAsStringAsync();
        var board = await app.Client.GetStringAsync("/campaigns/leaderboard?model=linear&from=2026-03-01&to=2026-03-31");
        var streams = await app.Client.GetStringAsync("/campaigns/livestreams");

        Assert.Contains("id=\"no-people\"", emptyPeople, StringComparison.Ordinal);
        Assert.Contains("id=\"no-squads\"", emptyPeople, StringComparison.Ordinal);
        Assert.Contains("id=\"no-referrals\"", emptyBoard, StringComparison.Ordinal);
        Assert.Contains("mercato import livestreams FILE", emptyStreams, StringComparison.Ordinal);
        foreach (var page in new[] { emptyPeople, emptyBoard, emptyStreams, people, person, board, streams })
        {
            Assert.Contains("<h1>Campaigns</h1>", page, StringComparison.Ordinal);
        }

        Assert.Contains("Stretched (more than 2 squads on some day): <span translate=\"no\">Ann Lee</span>.", people, StringComparison.Ordinal);
        Assert.Contains("href=\"/campaigns/c/c1\"", people, StringComparison.Ordinal);
        Assert.Contains("https://example.com/launch?utm=staff&amp;ref=ANN-1#buy", person, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, nobodyResponse.StatusCode);
        Assert.Contains("There is no person &quot;nobody&quot;", nobody, StringComparison.Ordinal);
        Assert.Contains("<strong>linear</strong>", board, StringComparison.Ordinal);
        Assert.Contains("data-code=\"ZED-9\"", board, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">1.50</td>", board, StringComparison.Ordinal);
        Assert.Contains("Viewer-hours are an approximation", streams, StringComparison.Ordinal);
        Assert.Contains("data-host=\"Mia Zhang\" data-kind=\"influencer\"", streams, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_PeopleLeaderboardWorkloadLinks_ExitCodes()
    {
        await using var app = await RunningApp.StartAsync();
        await SeedAsync(app);
        var dir = app.Dir.Path;

        var board = await Cli.RunAsync("people", "leaderboard", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "json", "--data-dir", dir);
        var badModel = await Cli.RunAsync("people", "leaderboard", "--model", "bogus", "--data-dir", dir);
        var workload = await Cli.RunAsync("people", "workload", "--from", Day(0), "--to", Day(0), "--data-dir", dir);
        var halfRange = await Cli.RunAsync("people", "workload", "--from", "2026-03-01", "--data-dir", dir);
        var links = await Cli.RunAsync("people", "links", "ann", "--data-dir", dir);
        var nobody = await Cli.RunAsync("people", "links", "nobody", "--data-dir", dir);
        var noCampaign = await Cli.RunAsync("people", "links", "ann", "--campaign", "nope", "--data-dir", dir);

        Assert.Equal(0, board.ExitCode);
        using (var json = JsonDocument.Parse(board.Stdout))
        {
            var ann = Assert.Single(json.RootElement.GetProperty("people").EnumerateArray());
            Assert.Equal((1.5, 90m), (ann.GetProperty("conversions").GetDouble(), ann.GetProperty("revenue").GetDecimal()));
        }

        Assert.Equal(2, badModel.ExitCode);
        Assert.Contains("unknown model 'bogus'", badModel.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, workload.ExitCode);
        Assert.Contains("warning: ann is in squads \"s1\" and \"s2\"", workload.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, halfRange.ExitCode);
        Assert.Contains(Messages.Text(ApiCodes.BothDaysOrNeither), halfRange.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, links.ExitCode);
        Assert.Contains("Launch page: https://example.com/launch?utm=staff&ref=ANN-1#buy", links.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, nobody.ExitCode);
        Assert.Equal(1, noCampaign.ExitCode);
    }

    [Fact]
    public async Task AddPersonForm_ShowsProblemsPerField_KeepsTheInput_ThenAdds()
    {
        await using var app = await RunningApp.StartAsync();
        Task<(HttpStatusCode Status, string Html)> Post(params (string Name, string Value)[] fields) =>
            app.PostFormAsync("/campaigns/people", "add-person", fields);

        var refused = await Post(("id", "cy"), ("name", "Cy Wu"), ("unit", ""), ("codes", "CY-1, x"));
        var added = await Post(("id", "cy"), ("name", "Cy Wu"), ("unit", "sales"), ("codes", "CY-1"), ("host", "true"));
        var again = await Post(("id", "cy"), ("name", "Someone else"), ("unit", "sales"));

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("<span class=\"field-error\" data-field=\"unit\">" + Html.Encode(Messages.Text(CommonCodes.Required)) + "</span>", refused.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"referralCodes\">" + Html.Encode(Messages.Text(CampaignCodes.NotReferralCode, MessageArgs.Of(("value", "x")))),
            refused.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"CY-1, x\"", refused.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"Cy Wu\"", refused.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.Contains("Added Cy Wu (cy) to sales.", added.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"id\">" + Html.Encode(Messages.Text(CampaignCodes.PersonExists, MessageArgs.Of(("id", "cy")))), again.Html, StringComparison.Ordinal);
        using var cy = await GetJson(app, "/api/v1/people/cy");
        Assert.Equal(["CY-1"], cy.RootElement.GetProperty("referralCodes").EnumerateArray().Select(c => c.GetString()));
        Assert.True(cy.RootElement.GetProperty("isStaffHost").GetBoolean());
    }

    [Fact]
    public async Task SquadPage_EditsNameTimeBoxAndMembers_KeepsTheLead_AndAnswers404ForNoSquad()
    {
        await using var app = await RunningApp.StartAsync();
        await SeedAsync(app);
        Task<(HttpStatusCode Status, string Html)> Post(params (string Name, string Value)[] fields) =>
            app.PostFormAsync("/campaigns/squads/s2", "edit-squad", [("edit", "1"), .. fields]);
        var (start, end) = (Day(-3), Day(30));

        var page = await app.Client.GetStringAsync("/campaigns/squads/s2");
        var badLine = await Post(("name", "Spring crew"), ("start", start), ("end", end), ("members", "ann:lead\nbo:boss"));
        var unknown = await Post(("name", "Spring crew"), ("start", start), ("end", end), ("members", "ann:lead\nghost:media"));
        var saved = await Post(("name", "Spring crew"), ("start", start), ("end", end), ("members", "ann:lead\nbo:analyst"));
        using var missing = await app.Client.GetAsync("/campaigns/squads/nope");

        Assert.Contains("<textarea name=\"members\" rows=\"6\" cols=\"36\">ann:lead</textarea>", page, StringComparison.Ordinal);
        Assert.Contains("data-field=\"members\">" + Html.Encode(Messages.Text(CampaignCodes.MemberSyntax, MessageArgs.Of(("text", "bo:boss"), ("roles", EnumWords.All<SquadRole>())))),
            badLine.Html, StringComparison.Ordinal);
        Assert.Contains("ann:lead&#xA;bo:boss</textarea>", badLine.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"members\">" + Html.Encode(Messages.WithPath(Problem.Of("members[1].person", CampaignCodes.UnknownPerson, ("person", "ghost")))),
            unknown.Html, StringComparison.Ordinal);
        Assert.Contains("Squad s2 saved.", saved.Html, StringComparison.Ordinal);
        using (var squad = await GetJson(app, "/api/v1/squads/s2"))
        {
            Assert.Equal("Spring crew", squad.RootElement.GetProperty("name").GetString());
            Assert.Equal((start, end), (squad.RootElement.GetProperty("start").GetString(), squad.RootElement.GetProperty("end").GetString()));
            Assert.Equal(["ann:lead", "bo:analyst"], squad.RootElement.GetProperty("members").EnumerateArray()
                .Select(m => m.GetProperty("person").GetString() + ":" + m.GetProperty("role").GetString()));
        }

        // Past planning the campaign keeps a squad with a lead: an edit that drops it is refused and changes nothing.
        using (var budgeted = await app.Client.PutAsJsonAsync("/api/v1/campaigns/c2", new
        {
            id = "c2", name = "Campaign c2", type = "product_launch", unit = "brand", start = Day(-5), end = Day(30), codes = new[] { "SUM26" },
            budget = new[] { new { kind = "channel", item = "paid_search", planned = 1000 } },
        }))
        {
            Assert.Equal(HttpStatusCode.OK, budgeted.StatusCode);
        }

        using (var advanced = await app.Client.PostAsync("/api/v1/campaigns/c2/advance", null))
        {
            Assert.True(advanced.IsSuccessStatusCode, await advanced.Content.ReadAsStringAsync());
        }

        var unled = await Post(("name", "Spring crew"), ("start", start), ("end", end), ("members", "ann:media\nbo:analyst"));
        Assert.Contains("data-code=\"squad_lead_required\">" + Html.Encode(Messages.Sentence(Message.Of(CampaignCodes.SquadLeadRequired,
            ("campaign", "c2"), ("stage", "resources_confirmed"), ("campaigns", new[] { "c2" })))), unled.Html, StringComparison.Ordinal);
        using (var squad = await GetJson(app, "/api/v1/squads/s2"))
        {
            Assert.Equal("lead", squad.RootElement.GetProperty("members")[0].GetProperty("role").GetString());
        }

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("There is no squad &quot;nope&quot;", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
