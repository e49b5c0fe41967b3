using System.Net;
using System.Text.Json;
using Mercato.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Mercato.Tests;

/// <summary>
/// Every page of the demo company answers 200 with its navigation, on either store. The pages load through async use
/// cases and may render while they wait; a page that dereferences what it has not loaded yet fails here.
/// </summary>
public class EveryPageTests
{
    private static readonly string[] Fixed =
    [
        "/", "/ad-monitoring", "/ad-monitoring/anomalies", "/ad-monitoring/invalid", "/ad-monitoring/health", "/campaigns", "/campaigns/board", "/campaigns/brand", "/campaigns/calendar", "/campaigns/leaderboard",
        "/campaigns/livestreams", "/campaigns/new", "/campaigns/people", "/datacenter", "/influencers", "/influencers/ranking", "/influencers/audit-followers", "/listening", "/listening/alerts", "/listening/cases", "/listening/mentions",
        "/measurement",
        "/measurement/cohorts", "/measurement/journeys", "/measurement/mix/plans", "/measurement/models", "/organization", "/organization/boundaries",
        "/organization/compare", "/organization/scorecards", "/organization/targets",
    ];

    [Theory]
    [InlineData(TestStoreKind.Sqlite)]
    [InlineData(TestStoreKind.Postgres)]
    public async Task EveryPage_OfTheDemo_Answers200WithItsNavigation(TestStoreKind store)
    {
        await using var app = await RunningApp.StartAsync(demo: true, store: store);
        var pages = await DemoPagesAsync(app);

        var failures = new List<string>();
        foreach (var page in pages)
        {
            using var response = await app.Client.GetAsync(page);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || !body.Contains("<nav", StringComparison.Ordinal))
            {
                failures.Add($"{page}: {(int)response.StatusCode} {body[..Math.Min(200, body.Length)]}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(pages.Count > 30, "the demo has campaigns, people, squads and units to show");

        // Every figure these pages showed is kept for after a restart: none is of a type that would not read back as it was.
        var shelf = app.Services.GetRequiredService<FigureShelf>();
        shelf.Flush();
        Assert.Empty(shelf.Refused.Select(t => t.FullName));
        Assert.True(Directory.EnumerateFiles(shelf.Folder).Count() >= 20, "the demo's pages show at least twenty figures");
    }

    /// <summary>
    /// Every link within the server on every page of the demo leads somewhere (no 404): the pages link campaigns,
    /// influencers, people and units by their ids, and a wrong route shows as a dead link only here. Each distinct path
    /// is fetched once; API, export and download links are not pages.
    /// </summary>
    [Fact]
    public async Task EveryLink_OnTheDemosPages_LeadsToAPage()
    {
        await using var app = await RunningApp.StartAsync(demo: true);
        var pages = await DemoPagesAsync(app);
        var linked = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            var html = await app.Client.GetStringAsync(page);
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(html, "href=\"(/[^\"#?]*)"))
            {
                var path = System.Net.WebUtility.HtmlDecode(m.Groups[1].Value);
                if (!path.StartsWith("/api/", StringComparison.Ordinal) && !path.StartsWith("/export/", StringComparison.Ordinal) && !path.Contains('.', StringComparison.Ordinal))
                {
                    linked.TryAdd(path, page);
                }
            }
        }

        var dead = new List<string>();
        foreach (var (path, from) in linked)
        {
            using var response = await app.Client.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                dead.Add($"{path} (linked from {from})");
            }
        }

        Assert.True(linked.Count > 100, linked.Count + " links");
        Assert.True(dead.Count == 0, "dead links:\n" + string.Join('\n', dead));
    }

    /// <summary>Every page of the demo: the fixed ones, and one campaign per stage, a person, a squad, three units, a batch.</summary>
    public static async Task<List<string>> DemoPagesAsync(RunningApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var pages = new List<string>(Fixed);
        using (var campaigns = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/campaigns")))
        {
            // One campaign of each stage: the campaign page shows different forms per stage.
            foreach (var id in campaigns.RootElement.GetProperty("campaigns").EnumerateArray()
                .GroupBy(c => c.GetProperty("stage").GetString()).Select(g => g.First().GetProperty("id").GetString()))
            {
                pages.AddRange([$"/campaigns/c/{id}", $"/campaigns/c/{id}/edit", $"/campaigns/c/{id}/evaluation"]);
            }
        }

        using (var people = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/people")))
        {
            pages.Add("/campaigns/people/" + people.RootElement.GetProperty("people")[0].GetProperty("id").GetString());
        }

        using (var squads = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/squads")))
        {
            pages.Add("/campaigns/squads/" + squads.RootElement.GetProperty("squads")[0].GetProperty("id").GetString());
        }

        using (var org = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/org")))
        {
            pages.AddRange(org.RootElement.GetProperty("units").EnumerateArray().Take(3).Select(u => "/organization/units/" + u.GetProperty("id").GetString()));
        }

        pages.Add("/datacenter/batches/1");
        return pages;
    }
}
