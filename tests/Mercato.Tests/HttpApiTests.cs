using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Mercato.Tests;

public class HttpApiTests
{
    private const string Csv = "touchpoint_id,user_id,timestamp,channel,type\nt1,u1,2026-03-01T09:00:00Z,search,click\nt2,u2,2026-03-02T09:00:00Z,email,visit\n";

    private static StringContent Body(string text, string mediaType) => new(text, Encoding.UTF8, mediaType);

    [Fact]
    public async Task Health_And_OpenApi_Answer()
    {
        await using var app = await RunningApp.StartAsync();

        var health = await app.Client.GetAsync("/health");
        var openApi = await app.Client.GetStringAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using (var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync()))
        {
            Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        }

        using var doc = JsonDocument.Parse(openApi);
        Assert.True(doc.RootElement.GetProperty("paths").TryGetProperty("/api/v1/import/{kind}", out _));
        Assert.True(doc.RootElement.GetProperty("paths").TryGetProperty("/api/v1/sources", out _));
    }

    [Fact]
    public async Task ImportCsv_CommitsAndSourcesMatchesCliShape()
    {
        await using var app = await RunningApp.StartAsync();

        var response = await app.Client.PostAsync("/api/v1/import/touchpoints", Body(Csv, "text/csv"));
        var again = await app.Client.PostAsync("/api/v1/import/touchpoints", Body(Csv, "text/csv"));
        using var sources = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/sources"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, result.RootElement.GetProperty("added").GetInt64());
        using var second = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        Assert.Equal(0, second.RootElement.GetProperty("added").GetInt64());
        Assert.Equal(2, second.RootElement.GetProperty("unchanged").GetInt64());
        var tp = sources.RootElement.GetProperty("kinds").EnumerateArray().Single(k => k.GetProperty("kind").GetString() == "touchpoints");
        Assert.Equal(2, tp.GetProperty("rows").GetInt64());
        Assert.Equal("2026-03-01", tp.GetProperty("firstDate").GetString());
    }

    [Fact]
    public async Task ImportInvalid_Returns422ProblemDetailsListingBadRows_AndWritesNothing()
    {
        await using var app = await RunningApp.StartAsync();

        var response = await app.Client.PostAsync("/api/v1/import/spend",
            Body("date,channel,spend,impressions,clicks\n2026-01-01,search,10,100,5\n2026-01-02,search,abc,100,500\n", "text/csv"));
        using var sources = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/sources"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = problem.RootElement.GetProperty("errors")[0];
        Assert.Equal(3, error.GetProperty("line").GetInt64());
        Assert.Equal("spend", error.GetProperty("column").GetString());
        Assert.Equal("abc", error.GetProperty("value").GetString());
        Assert.Equal(Mercato.Core.DataCenter.ImportCodes.NotANumber, error.GetProperty("code").GetString());
        Assert.Equal(Messages.Text(Mercato.Core.DataCenter.ImportCodes.NotANumber), error.GetProperty("reason").GetString());
        Assert.Equal((ApiCodes.RowsRejected, 1), (problem.RootElement.GetProperty("code").GetString(), problem.RootElement.GetProperty("args").GetProperty("rejected").GetInt32()));
        var spend = sources.RootElement.GetProperty("kinds").EnumerateArray().Single(k => k.GetProperty("kind").GetString() == "spend");
        Assert.Equal(0, spend.GetProperty("rows").GetInt64());
    }

    [Fact]
    public async Task ImportJsonLines_ByContentType()
    {
        await using var app = await RunningApp.StartAsync();

        var response = await app.Client.PostAsync("/api/v1/import/costs",
            Body("{\"month\":\"2026-01\",\"category\":\"staff\",\"amount\":12000,\"kind\":\"fixed\"}\n", "application/x-ndjson"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Import_OverLimit_Is413_UnknownFormat_Is415_UnknownKind_Is404()
    {
        await using var app = await RunningApp.StartAsync(maxImportBytes: 2048);
        var big = new StringBuilder("touchpoint_id,user_id,timestamp,channel\n");
        for (var i = 0; i < 200; i++)
        {
            big.Append("t").Append(i).Append(",u1,2026-03-01T09:00:00Z,search\n");
        }

        var tooLarge = await app.Client.PostAsync("/api/v1/import/touchpoints", Body(big.ToString(), "text/csv"));
        var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/v1/import/touchpoints")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big.ToString()))),
        };
        chunked.Content.Headers.ContentType = new("text/csv");
        chunked.Headers.TransferEncodingChunked = true;
        var tooLargeChunked = await app.Client.SendAsync(chunked);
        var unsupported = await app.Client.PostAsync("/api/v1/import/touchpoints", Body(Csv, "application/xml"));
        var unknown = await app.Client.PostAsync("/api/v1/import/weather", Body(Csv, "text/csv"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLargeChunked.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Events_MixedKinds_AllOrNothing()
    {
        await using var app = await RunningApp.StartAsync();
        const string good = """
            [
              {"kind":"touchpoints","user_id":"u1","timestamp":"2026-03-01T09:00:00Z","channel":"search","type":"click"},
              {"kind":"conversions","conversion_id":"o1","user_id":"u1","timestamp":"2026-03-01T10:00:00Z","revenue":199},
              {"kind":"activity","user_id":"u1","timestamp":"2026-03-01T10:05:00Z","event":"signup"}
            ]
            """;
        const string bad = """
            [
              {"kind":"touchpoints","user_id":"u2","timestamp":"2026-03-01T09:00:00Z","channel":"search"},
              {"kind":"conversions","conversion_id":"o2","user_id":"u2","timestamp":"2026-03-01T10:00:00Z","revenue":-1}
            ]
            """;

        var ok = await app.Client.PostAsync("/api/v1/events", Body(good, "application/json"));
        var refused = await app.Client.PostAsync("/api/v1/events", Body(bad, "application/json"));
        using var sources = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/sources"));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(2, problem.RootElement.GetProperty("errors")[0].GetProperty("line").GetInt64());
        var rows = sources.RootElement.GetProperty("kinds").EnumerateArray().ToDictionary(k => k.GetProperty("kind").GetString()!, k => k.GetProperty("rows").GetInt64());
        Assert.Equal(1, rows["touchpoints"]);
        Assert.Equal(1, rows["conversions"]);
        Assert.Equal(1, rows["activity"]);
    }

    [Fact]
    public async Task Channels_PutGroup_ValidatesGroupAndChannel()
    {
        await using var app = await RunningApp.StartAsync();
        await app.Client.PostAsync("/api/v1/import/touchpoints", Body(Csv.Replace("email", "mystery", StringComparison.Ordinal), "text/csv"));

        var ok = await app.Client.PutAsJsonAsync("/api/v1/channels/mystery", new { group = "referral" });
        var badGroup = await app.Client.PutAsJsonAsync("/api/v1/channels/mystery", new { group = "nope" });
        var noChannel = await app.Client.PutAsJsonAsync("/api/v1/channels/ghost", new { group = "referral" });

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        // A group that is not one is invalid input in the body: 422 with the path and code, as every PUT answers it.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badGroup.StatusCode);
        using (var problem = JsonDocument.Parse(await badGroup.Content.ReadAsStringAsync()))
        {
            var only = Assert.Single(problem.RootElement.GetProperty("problems").EnumerateArray());
            Assert.Equal("group", only.GetProperty("path").GetString());
            Assert.Equal(CommonCodes.NotOneOf, only.GetProperty("code").GetString());
        }

        Assert.Equal(HttpStatusCode.NotFound, noChannel.StatusCode);
        var channels = await app.Client.GetStringAsync("/api/v1/channels");
        Assert.Contains("\"name\":\"mystery\",\"group\":\"referral\"", channels, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_SayWhenDemoDataIsShown_AndEveryAreaIsBuilt()
    {
        await using var app = await RunningApp.StartAsync(demo: true);

        var home = await app.Client.GetStringAsync("/");
        var influencers = await app.Client.GetStringAsync("/influencers");
        var measurement = await app.Client.GetStringAsync("/measurement");
        var dataCenter = await app.Client.GetStringAsync("/datacenter");

        Assert.Contains("Demo data.", home, StringComparison.Ordinal);
        Assert.Contains("mercato demo --remove", dataCenter, StringComparison.Ordinal);
        Assert.DoesNotContain("Not built yet.", influencers, StringComparison.Ordinal);
        Assert.Contains("id=\"directory\"", influencers, StringComparison.Ordinal);
        Assert.Contains("Demo data.", influencers, StringComparison.Ordinal);
        Assert.Contains("Channel scorecard", measurement, StringComparison.Ordinal);
        Assert.DoesNotContain("Not built yet.", measurement, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MeasurementPages_ShowDemoFigures()
    {
        await using var app = await RunningApp.StartAsync(demo: true);

        var scorecard = await app.Client.GetStringAsync("/measurement?model=linear&sort=spend");
        var models = await app.Client.GetStringAsync("/measurement/models");
        var journeys = await app.Client.GetStringAsync("/measurement/journeys");
        var cohorts = await app.Client.GetStringAsync("/measurement/cohorts");

        Assert.Contains("id=\"scorecard\"", scorecard, StringComparison.Ordinal);
        Assert.Contains("data-channel=\"baidu_sem\"", scorecard, StringComparison.Ordinal);
        Assert.Contains("How these numbers are computed", scorecard, StringComparison.Ordinal);
        Assert.Contains("data-channel=\"douyin_ads\"", models, StringComparison.Ordinal);
        Assert.Contains("sankey", journeys, StringComparison.Ordinal);
        Assert.Contains("id=\"guidance\"", cohorts, StringComparison.Ordinal);
        Assert.Contains("lift model: incremental", models, StringComparison.Ordinal);
        Assert.Contains("demo truth: incremental", models, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lift_FitsTheDemoAndCreditsEveryChannel()
    {
        await using var app = await RunningApp.StartAsync(demo: true);

        using var lift = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/measurement/lift"));

        Assert.True(lift.RootElement.GetProperty("converged").GetBoolean());
        var labels = lift.RootElement.GetProperty("labels").EnumerateArray().ToList();
        Assert.Equal(12, labels.Count);
        Assert.All(labels, l => Assert.InRange(l.GetProperty("probability").GetDouble(), 0, 1));
        Assert.InRange(lift.RootElement.GetProperty("baseProbability").GetDouble(), 0.001, 0.2);
    }
}
