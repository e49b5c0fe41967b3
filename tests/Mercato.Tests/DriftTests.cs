using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mercato.Core.Campaigns;
using Mercato.Core.Measurement.Attribution;

namespace Mercato.Tests;

/// <summary>
/// Each rule that once drifted between the front doors, asked of the API, the CLI and the pages against one workspace:
/// they answer with the same code because they call the same use case (docs/architecture.md, "Use cases and front doors").
/// </summary>
public class DriftTests
{
    private static readonly string Today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static object Launch(string id, int startIn = -5, int endIn = 30, object? kit = null) => new
    {
        id,
        name = "Launch " + id,
        type = "product_launch",
        unit = "marketing",
        start = Day(startIn),
        end = Day(endIn),
        codes = new[] { id.ToUpperInvariant() },
        budget = new[] { new { kind = "channel", item = "paid_search", planned = 1000 } },
        kit,
    };

    private static string Day(int offset) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<JsonNode> Get(RunningApp app, string path) => JsonNode.Parse(await app.Client.GetStringAsync(path))!;

    private static async Task<string?> Code(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("code").GetString();
    }

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<Cli.Outcome> Cli(RunningApp app, params string[] args) => await Tests.Cli.RunAsync([.. args, .. app.CliArgs]);

    [Fact]
    public async Task AnEditedApprovedKit_GoesBackToDraft_ThroughTheApiThePageAndABundleImportOnTheCli()
    {
        await using var app = await RunningApp.StartAsync(actor: "cmo");
        await app.Services.StructureAsync();
        foreach (var id in new[] { "api", "page", "cli" })
        {
            await Ok(app.Client.PutAsJsonAsync("/api/v1/campaigns/" + id, Launch(id, kit: new { messages = new[] { "Hi" }, links = new[] { new { label = "Shop", url = "https://example.com/x" } } })));
            await Ok(app.Client.PostAsync($"/api/v1/campaigns/{id}/approve-kit", null));
            Assert.Equal("cmo", (string?)(await Get(app, "/api/v1/campaigns/" + id))["kit"]!["approvedBy"]);
        }

        // The API: a PUT with new messages.
        var api = (await Get(app, "/api/v1/campaigns/api")).AsObject();
        api["kit"]!["messages"] = new JsonArray("Hello");
        await Ok(app.Client.PutAsync("/api/v1/campaigns/api", new StringContent(api.ToJsonString(), System.Text.Encoding.UTF8, "application/json")));

        // The page: the edit form with new messages.
        var (status, html) = await app.SubmitAsync("/campaigns/c/page/edit", "campaign-form", new Dictionary<string, string> { ["messages"] = "Hello" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("id=\"moved\"", html, StringComparison.Ordinal);

        // The CLI: a bundle whose campaign keeps the approval it had and carries new messages.
        var bundle = JsonNode.Parse(await app.Client.GetStringAsync("/api/v1/campaigns/export"))!;
        var cli = bundle["campaigns"]!.AsArray().Single(c => (string?)c!["id"] == "cli")!;
        cli["kit"]!["messages"] = new JsonArray("Hello");
        var file = app.Dir.File("bundle.json", bundle.ToJsonString());
        var imported = await Cli(app, "campaigns", "import", file);
        Assert.True(imported.ExitCode == 0, imported.Stderr);

        foreach (var id in new[] { "api", "page", "cli" })
        {
            var kit = (await Get(app, "/api/v1/campaigns/" + id))["kit"]!;
            Assert.Equal(["Hello"], kit["messages"]!.AsArray().Select(m => (string?)m));
            Assert.Null((string?)kit["approvedBy"]);
            Assert.Null((string?)kit["approvedAt"]);
        }
    }

    [Fact]
    public async Task AnApprovalNobodyGave_IsRefused_ByThePut_AndByABundleImportOnTheApiAndTheCli()
    {
        await using var app = await RunningApp.StartAsync(actor: "cmo");
        await Ok(app.Client.PutAsJsonAsync("/api/v1/campaigns/spring", Launch("spring")));
        var stored = (await Get(app, "/api/v1/campaigns/spring")).AsObject();
        stored["budgetApproval"] = new JsonObject { ["by"] = "mallory", ["at"] = "2026-01-01T00:00:00+00:00", ["note"] = "trust me" };

        using var put = await app.Client.PutAsync("/api/v1/campaigns/spring", new StringContent(stored.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var bundle = JsonNode.Parse(await app.Client.GetStringAsync("/api/v1/campaigns/export"))!;
        bundle["campaigns"]![0] = JsonNode.Parse(stored.ToJsonString());
        using var apiImport = await app.Client.PutAsync("/api/v1/campaigns/import", new StringContent(bundle.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var cliImport = await Cli(app, "campaigns", "import", app.Dir.File("bundle.json", bundle.ToJsonString()));

        Assert.Equal(HttpStatusCode.Conflict, put.StatusCode);
        Assert.Equal(CampaignCodes.BudgetApprovalThroughLifecycle, await Code(put));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, apiImport.StatusCode);
        using (var problem = JsonDocument.Parse(await apiImport.Content.ReadAsStringAsync()))
        {
            var only = Assert.Single(problem.RootElement.GetProperty("problems").EnumerateArray());
            Assert.Equal(("campaigns[0].budgetApproval", CampaignCodes.BudgetApprovalThroughLifecycle), (only.GetProperty("path").GetString(), only.GetProperty("code").GetString()));
        }

        Assert.Equal(2, cliImport.ExitCode);
        Assert.Contains(Messages.WithPath(Problem.Of("campaigns[0].budgetApproval", CampaignCodes.BudgetApprovalThroughLifecycle, ("id", "spring"))),
            cliImport.Stderr.Split('\n').Select(l => l.Trim()));
        Assert.Null((await Get(app, "/api/v1/campaigns/spring"))["budgetApproval"]);

        // The lifecycle is the way: the approval is the acting person's, now.
        await Ok(app.Client.PostAsJsonAsync("/api/v1/campaigns/spring/approve-budget", new { note = "ok" }));
        Assert.Equal("cmo", (string?)(await Get(app, "/api/v1/campaigns/spring"))["budgetApproval"]!["by"]);
    }

    [Fact]
    public async Task RemovingTheLastLedSquadOfACampaignPastPlanning_IsRefusedAlike_ByTheApiTheCliAndThePeoplePage()
    {
        await using var app = await RunningApp.StartAsync(actor: "cmo");
        await Ok(app.Client.PutAsJsonAsync("/api/v1/people/ann", new { name = "Ann Lee", unit = "marketing" }));
        await Ok(app.Client.PutAsJsonAsync("/api/v1/campaigns/spring", Launch("spring")));
        await Ok(app.Client.PutAsJsonAsync("/api/v1/campaigns/spring/squad", new { squad = "crew", lead = "ann" }));
        await Ok(app.Client.PostAsync("/api/v1/campaigns/spring/advance", null));
        var page = await app.Client.GetStringAsync("/campaigns/people");

        using var api = await app.Client.DeleteAsync("/api/v1/squads/crew");
        var cli = await Cli(app, "people", "remove-squad", "crew");
        var (_, html) = await app.SubmitAsync("/campaigns/people", "remove-squad-form", new Dictionary<string, string> { ["squad"] = "crew" }, page);

        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        var code = await Code(api);
        Assert.Equal(CampaignCodes.SquadLeadRequired, code);
        Assert.Equal(2, cli.ExitCode);
        Assert.StartsWith($"refused ({code}): ", cli.Stderr, StringComparison.Ordinal);
        Assert.Contains($"data-code=\"{code}\"", html, StringComparison.Ordinal);
        Assert.Equal("crew", (string?)(await Get(app, "/api/v1/squads/crew"))["id"]);

        // Closed or cancelled, the campaign's squads are its record: the same on all three.
        await Ok(app.Client.PostAsJsonAsync("/api/v1/campaigns/spring/stage/cancelled", new { note = "recalled" }));
        using var api2 = await app.Client.DeleteAsync("/api/v1/squads/crew");
        var cli2 = await Cli(app, "people", "remove-squad", "crew");
        var (_, html2) = await app.SubmitAsync("/campaigns/people", "remove-squad-form", new Dictionary<string, string> { ["squad"] = "crew" }, page);
        Assert.Equal(CampaignCodes.SquadsPartOfRecord, await Code(api2));
        Assert.StartsWith($"refused ({CampaignCodes.SquadsPartOfRecord}): ", cli2.Stderr, StringComparison.Ordinal);
        Assert.Contains($"data-code=\"{CampaignCodes.SquadsPartOfRecord}\"", html2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMarkovOrderBound_IsCoresOne_OnTheApiAndTheCli()
    {
        await using var app = await RunningApp.StartAsync();
        var expected = Problem.Of("order", AttributionCodes.OrderOutOfRange, ("value", 4), ("min", 1), ("max", MarkovChain.MaxOrder));

        using var api = await app.Client.GetAsync("/api/v1/measurement/attribution?model=markov&order=4");
        var cli = await Cli(app, "report", "attribution", "--model", "markov", "--order", "4");
        using var fine = await app.Client.GetAsync($"/api/v1/measurement/attribution?model=markov&order={MarkovChain.MaxOrder}");

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        using (var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync()))
        {
            Assert.Equal(AttributionCodes.OrderOutOfRange, problem.RootElement.GetProperty("code").GetString());
            Assert.Equal(Messages.Text(expected), problem.RootElement.GetProperty("detail").GetString());
        }

        Assert.Equal(2, cli.ExitCode);
        Assert.Equal(Messages.WithPath(expected), cli.Stderr.Trim());
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task AStaleVersion_IsMovedMeanwhile_OnTheApiTheCliAndThePage_AndChangesNothing()
    {
        await using var app = await RunningApp.StartAsync(actor: "cmo");
        await Ok(app.Client.PutAsJsonAsync("/api/v1/people/ann", new { name = "Ann Lee", unit = "marketing" }));
        await Ok(app.Client.PutAsJsonAsync("/api/v1/campaigns/spring", Launch("spring")));
        await Ok(app.Client.PutAsJsonAsync("/api/v1/campaigns/spring/squad", new { squad = "crew", lead = "ann" }));
        using var first = await app.Client.GetAsync("/api/v1/campaigns/spring");
        var etag = first.Headers.ETag!.Tag;
        var page = await app.Client.GetStringAsync("/campaigns/c/spring");

        // Someone else changes the campaign after all three read it.
        await Ok(app.Client.PostAsJsonAsync("/api/v1/campaigns/spring/approve-budget", new { note = "meanwhile" }));
        var after = await app.Client.GetStringAsync("/api/v1/campaigns/spring");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/campaigns/spring/advance");
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        using var api = await app.Client.SendAsync(request);
        var cli = await Cli(app, "campaigns", "advance", "spring", "--if-version", etag.Trim('"'));
        var (_, html) = await app.SubmitAsync("/campaigns/c/spring", "advance-form", html: page);

        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        Assert.Equal(CommonCodes.MovedMeanwhile, await Code(api));
        Assert.Equal(2, cli.ExitCode);
        Assert.StartsWith($"refused ({CommonCodes.MovedMeanwhile}): ", cli.Stderr, StringComparison.Ordinal);
        Assert.Contains($"data-code=\"{CommonCodes.MovedMeanwhile}\"", html, StringComparison.Ordinal);
        Assert.Equal(after, await app.Client.GetStringAsync("/api/v1/campaigns/spring"));

        // With the version read now, the same advance goes through.
        using var fresh = await app.Client.GetAsync("/api/v1/campaigns/spring");
        using var retry = new HttpRequestMessage(HttpMethod.Post, "/api/v1/campaigns/spring/advance");
        retry.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(fresh.Headers.ETag!.Tag));
        using var moved = await app.Client.SendAsync(retry);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Contains(Today, await moved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
