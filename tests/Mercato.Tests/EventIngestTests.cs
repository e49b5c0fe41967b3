using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Mercato.Tests;

/// <summary>
/// Streamed events through the group commit: concurrent requests each answered with their own batch and counts once
/// durable, a malformed request refused alone while the good ones land, a re-sent request adding nothing.
/// </summary>
public sealed class EventIngestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A JSON array of touchpoints with ids prefix-0, prefix-1, ...; a bad timestamp at row badAt (0-based).</summary>
    internal static StringContent Events(string prefix, int rows, int badAt = -1)
    {
        var body = new StringBuilder("[");
        for (var i = 0; i < rows; i++)
        {
            var stamp = i == badAt ? "yesterday" : new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            body.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                $$"""{"kind":"touchpoints","touchpoint_id":"{{prefix}}-{{i}}","user_id":"u{{i % 37}}","timestamp":"{{stamp}}","channel":"search","type":"click"}""");
        }

        return new StringContent(body.Append(']').ToString(), Encoding.UTF8, "application/json");
    }

    /// <summary>Touchpoints the store holds, as the sources report says.</summary>
    internal static async Task<long> TouchpointsAsync(RunningApp app)
    {
        using var sources = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/sources", Ct));
        return sources.RootElement.GetProperty("kinds").EnumerateArray().Single(k => k.GetProperty("kind").GetString() == "touchpoints").GetProperty("rows").GetInt64();
    }

    [Fact]
    public async Task EightConcurrentRequests_EachCommitsItsOwnBatch_AndOneMalformedRequestIsRefusedAlone()
    {
        await using var app = await RunningApp.StartAsync();
        var good = Enumerable.Range(0, 8).Select(c => app.Client.PostAsync("/api/v1/events", Events("c" + c, 250), Ct)).ToList();
        var bad = app.Client.PostAsync("/api/v1/events", Events("bad", 250, badAt: 120), Ct);

        var answers = await Task.WhenAll(good);
        var refused = await bad;

        var batches = new List<long>();
        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Ct));
            var import = Assert.Single(json.RootElement.GetProperty("imports").EnumerateArray());
            Assert.Equal(("committed", 250L, 250L), (import.GetProperty("status").GetString(), import.GetProperty("rowsRead").GetInt64(), import.GetProperty("added").GetInt64()));
            batches.Add(import.GetProperty("batchId").GetInt64());
        }

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        using (var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)))
        {
            var error = Assert.Single(problem.RootElement.GetProperty("errors").EnumerateArray());
            Assert.Equal((121L, "timestamp"), (error.GetProperty("line").GetInt64(), error.GetProperty("column").GetString()));
        }

        Assert.Equal(2000L, await TouchpointsAsync(app));
        Assert.Equal(8, batches.Distinct().Count());
        foreach (var id in batches)
        {
            using var batch = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/batches/" + id, Ct));
            Assert.Equal(("committed", 250L), (batch.RootElement.GetProperty("status").GetString(), batch.RootElement.GetProperty("rowsAdded").GetInt64()));
        }

        var audit = await app.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Collection: "touchpoints"), Ct);
        Assert.Equal(batches.Order().Select(b => b.ToString(CultureInfo.InvariantCulture)), audit.Where(e => e.Action == "import").Select(e => e.Target).Order());
    }

    [Fact]
    public async Task ARequestSentAgain_AddsNothing_AndCountsEveryRowAsHeld()
    {
        await using var app = await RunningApp.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.Client.PostAsync("/api/v1/events", Events("again", 40), Ct)).StatusCode);

        var again = await app.Client.PostAsync("/api/v1/events", Events("again", 40), Ct);

        using var json = JsonDocument.Parse(await again.Content.ReadAsStringAsync(Ct));
        var import = Assert.Single(json.RootElement.GetProperty("imports").EnumerateArray());
        Assert.Equal((0L, 40L), (import.GetProperty("added").GetInt64(), import.GetProperty("unchanged").GetInt64()));
        Assert.Equal(40L, await TouchpointsAsync(app));
    }

    [Fact]
    public async Task ConcurrentCsvImports_WithOneInvalid_RecordItsRejectedBatch_AndCommitTheOthers()
    {
        await using var app = await RunningApp.StartAsync();
        StringContent Csv(string prefix, string badStamp = "2026-03-01T08:00:00Z") => new(
            $"touchpoint_id,user_id,timestamp,channel\n{prefix}-1,u1,2026-03-01T07:00:00Z,email\n{prefix}-2,u2,{badStamp},email\n", Encoding.UTF8, "text/csv");

        var answers = await Task.WhenAll(
            app.Client.PostAsync("/api/v1/import/touchpoints", Csv("a"), Ct),
            app.Client.PostAsync("/api/v1/import/touchpoints", Csv("b", "soon"), Ct),
            app.Client.PostAsync("/api/v1/import/touchpoints", Csv("c"), Ct));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.UnprocessableEntity, HttpStatusCode.OK], answers.Select(a => a.StatusCode));
        using var problem = JsonDocument.Parse(await answers[1].Content.ReadAsStringAsync(Ct));
        Assert.Equal(3L, problem.RootElement.GetProperty("errors")[0].GetProperty("line").GetInt64());
        var rejected = problem.RootElement.GetProperty("batchId").GetInt64();
        using var batch = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/batches/" + rejected, Ct));
        Assert.Equal("rejected", batch.RootElement.GetProperty("status").GetString());
        Assert.Equal(4L, await TouchpointsAsync(app));
    }
}
