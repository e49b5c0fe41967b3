using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Mercato.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Mercato.Tests;

/// <summary>
/// The ingest queue (<c>?queue=true</c>): a valid request answered 202 once its rows are durable in the queue, then merged
/// into the store as its own batch (source <c>queue #id</c>) with its sender's audit entry; a malformed request refused
/// with its line and nothing queued; a body sent twice adding nothing the second time; bodies left in the queue by a stop
/// merged when the server starts again.
/// </summary>
public sealed class IngestQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Events(string prefix, int rows, int badAt = -1) => EventIngestTests.Events(prefix, rows, badAt);

    private static Task<long> TouchpointsAsync(RunningApp app) => EventIngestTests.TouchpointsAsync(app);

    /// <summary>Waits until the merger has emptied the queue (it runs on its own; the test waits for the outcome, not a time).</summary>
    private static async Task<JsonElement> DrainedAsync(RunningApp app)
    {
        while (true)
        {
            using var state = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/import/queue", Ct));
            if (state.RootElement.GetProperty("items").GetInt64() == 0)
            {
                return state.RootElement.Clone();
            }

            await Task.Delay(50, Ct);
        }
    }

    private static async Task<long[]> QueuedIdsAsync(HttpResponseMessage answer)
    {
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal("/api/v1/import/queue", answer.Headers.Location?.OriginalString);
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Ct));
        return [.. json.RootElement.GetProperty("queued").EnumerateArray().Select(q => q.GetProperty("id").GetInt64())];
    }

    [Theory]
    [InlineData(TestStoreKind.Sqlite)]
    [InlineData(TestStoreKind.Postgres)]
    public async Task QueuedRequests_Answer202_ThenEachIsMergedAsItsOwnBatch_WithItsAuditEntry(TestStoreKind kind)
    {
        await using var app = await RunningApp.StartAsync(store: kind);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(c => app.Client.PostAsync("/api/v1/events?queue=true", Events("q" + c, 120), Ct)));
        var ids = (await Task.WhenAll(answers.Select(QueuedIdsAsync))).SelectMany(i => i).ToList();

        Assert.Equal(4, ids.Distinct().Count());
        var drained = await DrainedAsync(app);
        Assert.Equal(0L, drained.GetProperty("rows").GetInt64());
        Assert.Equal(4L, drained.GetProperty("mergedSinceStart").GetInt64());
        Assert.Equal(480L, await TouchpointsAsync(app));
        using var batches = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/batches?limit=50", Ct));
        var merged = batches.RootElement.EnumerateArray()
            .Where(b => b.GetProperty("source").GetString()!.StartsWith("queue #", StringComparison.Ordinal)).ToList();
        Assert.Equal(ids.Select(i => "queue #" + i).Order(), merged.Select(b => b.GetProperty("source").GetString()).Order());
        Assert.All(merged, b => Assert.Equal(("committed", 120L), (b.GetProperty("status").GetString(), b.GetProperty("rowsAdded").GetInt64())));
        var audit = await app.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Collection: "touchpoints"), Ct);
        Assert.Equal(
            merged.Select(b => b.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)).Order(),
            audit.Where(e => e.Action == "import").Select(e => e.Target).Order());
    }

    [Fact]
    public async Task AQueuedRequestWithAMalformedRow_IsRefusedWithItsLine_AndNothingIsQueued()
    {
        await using var app = await RunningApp.StartAsync();

        var refused = await app.Client.PostAsync("/api/v1/events?queue=true", Events("bad", 50, badAt: 20), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        using (var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)))
        {
            var error = Assert.Single(problem.RootElement.GetProperty("errors").EnumerateArray());
            Assert.Equal((21L, "timestamp"), (error.GetProperty("line").GetInt64(), error.GetProperty("column").GetString()));
        }

        var state = await DrainedAsync(app);
        Assert.Equal(0L, state.GetProperty("mergedSinceStart").GetInt64());
        Assert.Equal(0L, await TouchpointsAsync(app));
        Assert.False(File.Exists(Path.Combine(app.Dir.Path, IngestQueue.FileName)), "nothing was ever queued, so the queue's file was never made");
    }

    [Fact]
    public async Task ACsvBodyQueuedTwice_AddsItsRowsOnce_AndTheSecondBatchCountsThemHeld()
    {
        await using var app = await RunningApp.StartAsync();
        const string csv = "touchpoint_id,user_id,timestamp,channel\nt1,u1,2026-03-01T07:00:00Z,email\nt2,u2,2026-03-01T08:00:00Z,email\n";

        var first = await QueuedIdsAsync(await app.Client.PostAsync("/api/v1/import/touchpoints?queue=true", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct));
        await DrainedAsync(app);
        var second = await QueuedIdsAsync(await app.Client.PostAsync("/api/v1/import/touchpoints?queue=true", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct));
        await DrainedAsync(app);

        Assert.Equal(2L, await TouchpointsAsync(app));
        using var batches = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/batches?limit=10", Ct));
        var bySource = batches.RootElement.EnumerateArray().ToDictionary(b => b.GetProperty("source").GetString()!);
        Assert.Equal(2L, bySource["queue #" + first[0]].GetProperty("rowsAdded").GetInt64());
        Assert.Equal((0L, 2L), (bySource["queue #" + second[0]].GetProperty("rowsAdded").GetInt64(), bySource["queue #" + second[0]].GetProperty("rowsUnchanged").GetInt64()));
    }

    [Fact]
    public async Task SkipInvalidWithQueue_IsImportedAtOnce_WithItsRejectedRowCounted_AndNothingQueued()
    {
        await using var app = await RunningApp.StartAsync();
        const string csv = "touchpoint_id,user_id,timestamp,channel\ns1,u1,2026-03-01T07:00:00Z,email\ns2,u2,soon,email\n";

        var answer = await app.Client.PostAsync("/api/v1/import/touchpoints?queue=true&skipInvalid=true", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Ct));
        Assert.Equal(("committed", 2L, 1L, 1L), (json.RootElement.GetProperty("status").GetString(), json.RootElement.GetProperty("rowsRead").GetInt64(),
            json.RootElement.GetProperty("added").GetInt64(), json.RootElement.GetProperty("rejected").GetInt64()));
        Assert.Equal(1L, await TouchpointsAsync(app));
        Assert.False(File.Exists(Path.Combine(app.Dir.Path, IngestQueue.FileName)), "a skip-invalid body is never queued");
    }

    [Fact]
    public async Task AQueueFileThatCannotBeWritten_FailsTheRequestWith500_AndNothingIsImported()
    {
        await using var app = await RunningApp.StartAsync();
        // A directory where the queue's file should be: SQLite cannot open it.
        Directory.CreateDirectory(Path.Combine(app.Dir.Path, IngestQueue.FileName));

        var answer = await app.Client.PostAsync("/api/v1/events?queue=true", Events("nowhere", 10), Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, answer.StatusCode);
        using var problem = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Ct));
        Assert.Equal("import_failed", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(0L, await TouchpointsAsync(app));
    }

    [Fact]
    public async Task BodiesLeftInTheQueueByAStop_AreMergedWhenTheServerStarts_InTheZoneTheyWereReadIn()
    {
        using var dir = new TempDir();
        await using (var queue = new IngestQueue(dir.Path, TimeProvider.System))
        {
            // A date without a time, validated in Shanghai: midnight there is 16:00 UTC the day before.
            var body = Encoding.UTF8.GetBytes("touchpoint_id,user_id,timestamp,channel\nleft-1,u1,2026-03-01,email\nleft-2,u2,2026-03-02T09:00:00Z,email\n");
            await queue.AppendAsync([new QueuedBody("touchpoints", "csv", "Asia/Shanghai", false, "analyst-7", "api", "127.0.0.1", 2, body)]);
        }

        await using var app = await RunningApp.StartAsync(settings: new Dictionary<string, string?> { ["Mercato:DataDir"] = dir.Path });
        await DrainedAsync(app);

        Assert.Equal(2L, await TouchpointsAsync(app));
        using var batches = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/batches?limit=10", Ct));
        var batch = Assert.Single(batches.RootElement.EnumerateArray(), b => b.GetProperty("source").GetString() == "queue #1");
        Assert.Equal(2L, batch.GetProperty("rowsAdded").GetInt64());
        var audit = await app.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Collection: "touchpoints"), Ct);
        Assert.Equal("analyst-7", Assert.Single(audit, e => e.Action == "import").Actor);
        using var sources = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/sources", Ct));
        var touchpoints = sources.RootElement.GetProperty("kinds").EnumerateArray().Single(k => k.GetProperty("kind").GetString() == "touchpoints");
        // Midnight in Shanghai is 16:00 UTC the day before: the workspace (UTC) sees it on 28 February.
        Assert.Equal("2026-02-28", touchpoints.GetProperty("firstDate").GetString());
    }
}
