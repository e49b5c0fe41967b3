using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mercato.Core.Campaigns;
using Mercato.Core.Demo;
using Mercato.Features.Alerts;
using Microsoft.Extensions.DependencyInjection;

namespace Mercato.Tests;

/// <summary>
/// The home page (docs/home.md) against the pages and reports behind its figures: the month's money equals the ROI
/// report's, the KPI health counts the scorecards page's, the open alerts and the campaigns in flight what their API
/// lists; a late data kind is flagged; every link opens; both languages; a viewer sees no people, an agency its campaigns.
/// </summary>
public sealed class HomePageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string MainOf(string html) => html[html.IndexOf("<main", StringComparison.Ordinal)..];

    /// <summary>The HTML of the element with <paramref name="id"/>, up to its closing tag (no nesting of the same tag inside).</summary>
    private static string Part(string html, string id, string tag)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no element #{id} on the page");
        var end = html.IndexOf($"</{tag}>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    [Fact]
    public async Task TheMonthsMoney_IsTheRoiReportsForThatMonth_Exactly_AndAMonthWithoutDataSaysSo()
    {
        await using var app = await RunningApp.StartAsync(demo: true);
        var html = await app.Client.GetStringAsync("/", Ct);
        var month = MonthOf(html);

        var run = await Cli.RunAsync(["report", "roi", "--format", "json", .. app.CliArgs]);
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var rows = json.RootElement.GetProperty("channels").EnumerateArray().Where(r => r.GetProperty("month").GetString() == month).ToList();
        Assert.NotEmpty(rows);
        Assert.Equal(rows.Sum(r => r.GetProperty("spend").GetDecimal()), FigureValue(html, "spend"));
        Assert.Equal(rows.Sum(r => r.GetProperty("revenue").GetDecimal()), FigureValue(html, "revenue"));
        Assert.Equal(rows.Sum(r => r.GetProperty("grossProfit").GetDecimal()), FigureValue(html, "gross_profit"));
        Assert.Equal(rows.Sum(r => r.GetProperty("netReturn").GetDecimal()), FigureValue(html, "net_return"));

        // The demo holds twelve months: the same month a year earlier has no data, and the page says so instead of a change.
        var yearAgo = YearMonth.TryParse(month, out var m) ? m.AddMonths(-12).ToString() : "";
        var spendRow = Regex.Match(html, "<tr data-figure=\"spend\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("no data for " + yearAgo, spendRow, StringComparison.Ordinal);
        Assert.DoesNotContain(">0.0%<", spendRow, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"sparkline\"", spendRow, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KpiHealth_CountsAsTheScorecardsPage_OpenAlertsAndCampaignsInFlightAsTheirApis()
    {
        await using var app = await RunningApp.StartAsync(demo: true);
        var alerts = app.Services.GetRequiredService<AlertUseCases>();
        await alerts.EvaluateAsync(Ct);
        var open = (await alerts.ListAsync(Core.Alerts.AlertFilter.All, Ct)).Count(e => e.Alert.Status is Core.Alerts.AlertStatus.New or Core.Alerts.AlertStatus.Acknowledged);
        var html = await app.Client.GetStringAsync("/", Ct);
        var month = MonthOf(html);

        var scorecards = await app.Client.GetStringAsync("/organization/scorecards?period=" + month, Ct);
        var theirs = Strongs(scorecards, "counts");
        var ours = Strongs(html, "home-health-counts");
        Assert.Equal(6, theirs.Count);
        Assert.Equal(theirs, ours);

        Assert.True(open > 0, "the demo's evaluation opens alerts");
        Assert.Equal(open.ToString(CultureInfo.InvariantCulture), Regex.Match(html, "id=\"home-alert-count\" data-count=\"(\\d+)\"").Groups[1].Value);

        using var api = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/campaigns", Ct));
        var inFlight = api.RootElement.GetProperty("campaigns").EnumerateArray()
            .Where(c => c.GetProperty("stage").GetString() is "planning" or "resources_confirmed" or "promotion" or "evaluation")
            .Select(c => c.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(inFlight);
        Assert.Equal(inFlight, CampaignRows(html).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(inFlight.Count.ToString(CultureInfo.InvariantCulture), Regex.Match(html, "id=\"home-campaign-count\" data-count=\"(\\d+)\"").Groups[1].Value);
    }

    [Fact]
    public async Task EveryLinkOfTheHomePage_Opens()
    {
        await using var app = await RunningApp.StartAsync(demo: true);
        var html = MainOf(await app.Client.GetStringAsync("/", Ct));
        var links = Regex.Matches(html, "href=\"(/[^\"]*)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct(StringComparer.Ordinal).ToList();
        Assert.Contains("/measurement?month=" + MonthOf(html), links);
        Assert.Contains(links, l => l.StartsWith("/organization/scorecards?period=", StringComparison.Ordinal));
        Assert.Contains(links, l => l.StartsWith("/campaigns/c/", StringComparison.Ordinal));
        var failed = new List<string>();
        foreach (var link in links)
        {
            using var answer = await app.Client.GetAsync(link, Ct);
            if (answer.StatusCode != HttpStatusCode.OK)
            {
                failed.Add($"{link}: {(int)answer.StatusCode}");
            }
        }

        Assert.True(failed.Count == 0, string.Join("\n", failed));
    }

    [Fact]
    public async Task AKindOlderThanItsUsualLag_IsFlagged()
    {
        await using var app = await RunningApp.StartAsync();
        var fresh = await app.Client.GetStringAsync("/", Ct);
        Assert.Contains("id=\"home-late-count\" data-count=\"0\"", fresh, StringComparison.Ordinal);
        Assert.Contains("id=\"home-no-data\"", fresh, StringComparison.Ordinal);

        using (var imported = await app.Client.PostAsync("/api/v1/import/spend", new StringContent("date,channel,spend\n2020-03-01,search,10\n2020-03-02,search,12.5\n", Encoding.UTF8, "text/csv"), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        var html = await app.Client.GetStringAsync("/", Ct);
        Assert.Contains("id=\"home-late-count\" data-count=\"1\"", html, StringComparison.Ordinal);
        var late = Part(html, "home-late-kinds", "table");
        Assert.Contains("<tr data-kind=\"spend\">", late, StringComparison.Ordinal);
        Assert.Contains("2020-03-02", late, StringComparison.Ordinal);
        // The month shown is the latest with data; its spend is what was imported, and the month before had none.
        Assert.Equal("2020-03", MonthOf(html));
        Assert.Equal(22.5m, FigureValue(html, "spend"));
        Assert.Contains("no data for 2020-02", html, StringComparison.Ordinal);
        Assert.Contains("id=\"home-no-movers\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTitle_IsChineseInChinese_AndEnglishInEnglish()
    {
        await using var app = await RunningApp.StartAsync(demo: true);
        var zh = await app.Client.GetStringAsync("/?lang=zh-CN", Ct);
        var en = await app.Client.GetStringAsync("/?lang=en", Ct);
        Assert.Contains("<h1>概览</h1>", zh, StringComparison.Ordinal);
        Assert.Contains("<title>概览 · Mercato</title>", zh, StringComparison.Ordinal);
        Assert.Contains("进行中的营销活动", zh, StringComparison.Ordinal);
        Assert.Contains("<h1>Overview</h1>", en, StringComparison.Ordinal);
        Assert.Contains("Campaigns in flight", en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AViewer_SeesNoPeople_AnAgencyOnlyItsCampaigns()
    {
        await using var app = await RunningApp.StartAsync(demo: true, auth: true);
        await app.Services.GetRequiredService<AlertUseCases>().EvaluateAsync(Ct);

        using var admin = new WebBrowser(app);
        await WebSessions.SignInAsync(admin.Client, "admin", DemoAccounts.Password);
        var full = await admin.Client.GetStringAsync("/", Ct);
        var leads = Regex.Matches(full, "<td class=\"leads\" translate=\"no\">([^<]+)</td>").SelectMany(m => m.Groups[1].Value.Split(", ")).Distinct().ToList();
        Assert.NotEmpty(leads);
        Assert.Contains("class=\"owner\"", full, StringComparison.Ordinal);

        using var viewer = new WebBrowser(app);
        await WebSessions.SignInAsync(viewer.Client, "board", DemoAccounts.Password);
        var seen = await viewer.Client.GetStringAsync("/", Ct);
        Assert.Contains("id=\"home-figures\"", seen, StringComparison.Ordinal);
        Assert.Contains("id=\"home-alerts\"", seen, StringComparison.Ordinal);
        Assert.Equal(CampaignRows(full), CampaignRows(seen));
        Assert.DoesNotContain("class=\"leads\"", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"owner\"", seen, StringComparison.Ordinal);
        Assert.All(leads, name => Assert.DoesNotContain(name, MainOf(seen), StringComparison.Ordinal));

        var campaigns = await app.Services.GetRequiredService<IDocumentStore>().ValuesAsync(CampaignDocuments.Campaigns, Ct);
        var named = campaigns.Where(c => c.Type == CampaignType.InfluencerCollaboration).Select(c => c.Id).Order(StringComparer.Ordinal).Take(3).ToHashSet();
        var expected = CampaignRows(full).Where(named.Contains).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        using var agency = new WebBrowser(app);
        await WebSessions.SignInAsync(agency.Client, "bluewave-agency", DemoAccounts.Password);
        using var answer = await agency.Client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var own = await answer.Content.ReadAsStringAsync(Ct);
        Assert.Equal(expected, CampaignRows(own).Order(StringComparer.Ordinal).ToList());
        foreach (var part in new[] { "id=\"figures\"", "id=\"health\"", "id=\"attention\"", "id=\"movers\"", "class=\"leads\"" })
        {
            Assert.DoesNotContain(part, own, StringComparison.Ordinal);
        }
    }

    private static string MonthOf(string html) => Regex.Match(html, "id=\"home-month\" data-month=\"(\\d{4}-\\d{2})\"").Groups[1].Value;

    private static decimal FigureValue(string html, string figure) =>
        decimal.Parse(Regex.Match(html, $"<tr data-figure=\"{figure}\">.*?data-value=\"([^\"]+)\"", RegexOptions.Singleline).Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>The first six counts (<c>&lt;strong&gt;</c>) after the element with <paramref name="id"/>: on track, at risk, off track, no target, no data, nobody answers for.</summary>
    private static List<string> Strongs(string html, string id) =>
        [.. Regex.Matches(html[html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal)..], "<strong>([^<]+)</strong>").Take(6).Select(m => m.Groups[1].Value)];

    private static List<string> CampaignRows(string html) =>
        html.Contains("id=\"home-campaigns\"", StringComparison.Ordinal)
            ? [.. Regex.Matches(Part(html, "home-campaigns", "table"), "<tr data-campaign=\"([^\"]+)\"").Select(m => m.Groups[1].Value)]
            : [];
}
