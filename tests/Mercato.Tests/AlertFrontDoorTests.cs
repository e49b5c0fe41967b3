using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mercato.Core.Alerts;
using Mercato.Core.DataCenter;
using Mercato.Features.Alerts;
using Mercato.Features.Imports;
using Mercato.Storage.Import;
using Mercato.Tests.UseCases;
using Microsoft.Extensions.DependencyInjection;

namespace Mercato.Tests;

/// <summary>The alert center's API, command line and pages as their users call them, over alerts stored as an evaluation stores them; and the import hook.</summary>
public class AlertFrontDoorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Stores two alerts as an evaluation opens them: A-000001 (listening spike, warning) and A-000002 (risk term, severe), the second with a failed delivery.</summary>
    private static async Task SeedAsync(IServiceProvider services)
    {
        var at = new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero);
        var first = AlertRules.Merge([], FakeAlertSource.Spike(), "listening", "A-000001", null, "system", at).Alert;
        var second = AlertRules.Delivered(
            AlertRules.Merge([], FakeAlertSource.Spike(AlertSeverity.Severe, key: "risk_term:召回") with { Kind = AlertKind.RiskTerm, Subject = "召回 in 12 posts" }, "listening", "A-000002", null, "system", at.AddHours(1)).Alert,
            [new AlertDelivery(AlertChannel.Webhook, AlertEvent.Opened, at.AddHours(1), 3, false, null, "timed out after 10 s")]);
        var commit = await services.GetRequiredService<IDocumentStore>().CommitAsync(
            [DocumentChange.Put(AlertDocuments.Alerts, first, 0), DocumentChange.Put(AlertDocuments.Alerts, second, 0)], new NamedUser("system"), Ct);
        Assert.True(commit.Committed);
    }

    [Fact]
    public async Task TheApi_ListsFiltersAndShowsAlerts_MovesThem_AndAnswersBadInputWithCodes()
    {
        await using var app = await RunningApp.StartAsync(actor: "lin");
        await SeedAsync(app.Services);

        using (var all = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/alerts", Ct)))
        {
            var alerts = all.RootElement.GetProperty("alerts");
            Assert.Equal(["A-000002", "A-000001"], alerts.EnumerateArray().Select(a => a.GetProperty("id").GetString()));
            Assert.Equal(("risk_term", "severe", "new", "timed out after 10 s"),
                (alerts[0].GetProperty("kind").GetString(), alerts[0].GetProperty("severity").GetString(), alerts[0].GetProperty("status").GetString(),
                 alerts[0].GetProperty("lastDelivery").GetProperty("error").GetString()));
        }

        using (var severe = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/alerts?severity=severe&kind=risk_term", Ct)))
        {
            Assert.Equal(["A-000002"], severe.RootElement.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        }

        using (var bad = await app.Client.GetAsync("/api/v1/alerts?status=open", Ct))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
            using var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct));
            var first = problem.RootElement.GetProperty("problems")[0];
            Assert.Equal(("status", "not_one_of"), (first.GetProperty("path").GetString(), first.GetProperty("code").GetString()));
            Assert.Equal(["new", "acknowledged", "resolved", "dismissed"], first.GetProperty("args").GetProperty("expected").EnumerateArray().Select(e => e.GetString()));
        }

        using (var one = await app.Client.GetAsync("/api/v1/alerts/A-000001", Ct))
        {
            Assert.Equal((HttpStatusCode.OK, "\"1\""), (one.StatusCode, one.Headers.ETag?.Tag));
            using var body = JsonDocument.Parse(await one.Content.ReadAsStringAsync(Ct));
            Assert.Equal(50, body.RootElement.GetProperty("evidence").GetProperty("value").GetDouble());
            Assert.Equal("召回", body.RootElement.GetProperty("evidence").GetProperty("details")[0].GetProperty("value").GetString());
        }

        using (var missing = await app.Client.GetAsync("/api/v1/alerts/A-000404", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Contains("\"alert_not_found\"", await missing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using (var ack = await app.Client.PostAsync("/api/v1/alerts/A-000001/ack", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
            using var body = JsonDocument.Parse(await ack.Content.ReadAsStringAsync(Ct));
            Assert.Equal(("acknowledged", "lin"), (body.RootElement.GetProperty("status").GetString(), body.RootElement.GetProperty("history")[1].GetProperty("actor").GetString()));
        }

        using (var again = await app.Client.PostAsync("/api/v1/alerts/A-000001/ack", null, Ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Contains("\"alert_wrong_status\"", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using (var noReason = await app.Client.PostAsJsonAsync("/api/v1/alerts/A-000002/dismiss", new { reason = " " }, Ct))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
            Assert.Contains("\"alert_reason_required\"", await noReason.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using (var stale = new HttpRequestMessage(HttpMethod.Post, "/api/v1/alerts/A-000002/dismiss") { Content = JsonContent.Create(new { reason = "test post" }) })
        {
            stale.Headers.TryAddWithoutValidation("If-Match", "\"9\"");
            using var answer = await app.Client.SendAsync(stale, Ct);
            Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        }

        using (var dismissed = await app.Client.PostAsJsonAsync("/api/v1/alerts/A-000002/dismiss", new { reason = "a competitor's test post" }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        }

        using (var resolved = await app.Client.PostAsync("/api/v1/alerts/A-000001/resolve", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        }

        using (var evaluate = await app.Client.PostAsync("/api/v1/alerts/evaluate", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, evaluate.StatusCode);
            using var body = JsonDocument.Parse(await evaluate.Content.ReadAsStringAsync(Ct));
            // The listening, pacing, delivery and invalid-traffic sources are registered; with no mentions, campaign, spend or clicks stored they find nothing.
            Assert.Equal(["listening", "pacing", "delivery", "invalid_traffic"], body.RootElement.GetProperty("sources").EnumerateArray().Select(x => x.GetString()));
        }
    }

    [Fact]
    public async Task TheCli_ListsShowsAndMovesAlerts_WithTheHouseExitCodes()
    {
        await using var w = await TestWorkspace.OpenAsync();
        await SeedAsync(w.Services);
        string[] Args(params string[] args) => [.. args, .. w.CliArgs];

        var list = await Cli.RunAsync(Args("alerts", "list"));
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("A-000002  risk_term", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("webhook failed: timed out after 10 s", list.Stdout, StringComparison.Ordinal);

        var json = await Cli.RunAsync(Args("alerts", "list", "--status", "new", "--kind", "listening_spike", "--format", "json"));
        using (var doc = JsonDocument.Parse(json.Stdout))
        {
            Assert.Equal(["A-000001"], doc.RootElement.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        }

        var badStatus = await Cli.RunAsync(Args("alerts", "list", "--status", "open"));
        Assert.Equal(2, badStatus.ExitCode);
        Assert.Contains("acknowledged", badStatus.Stderr, StringComparison.Ordinal);

        var show = await Cli.RunAsync(Args("alerts", "show", "A-000002"));
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("召回 in 12 posts", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("timed out after 10 s", show.Stdout, StringComparison.Ordinal);

        Assert.Equal(1, (await Cli.RunAsync(Args("alerts", "show", "A-000404"))).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync(Args("alerts", "ack", "A-000001"))).ExitCode);
        var again = await Cli.RunAsync(Args("alerts", "ack", "A-000001"));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("refused (alert_wrong_status)", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, (await Cli.RunAsync(Args("alerts", "dismiss", "A-000002"))).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync(Args("alerts", "dismiss", "A-000002", "--reason", "test post"))).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync(Args("alerts", "resolve", "A-000001", "--note", "statement out"))).ExitCode);

        var stored = Expect.Ok(await w.Get<AlertUseCases>().GetAsync("A-000001", Ct)).Alert;
        Assert.Equal((AlertStatus.Resolved, "statement out", Cli.Actor), (stored.Status, stored.History[^1].Note, stored.History[^1].Actor));

        var evaluate = await Cli.RunAsync(Args("alerts", "evaluate"));
        Assert.Equal((0, "sources listening, pacing, delivery, invalid_traffic: 0 findings, 0 opened, 0 updated, 0 escalated, 0 already closed; 0 delivered, 0 failed"),
            (evaluate.ExitCode, evaluate.Stdout.Trim()));

        var config = await Cli.RunAsync(Args("config", "alerts", "--interval", "5", "--webhook-url", "https://hooks.example.com/m", "--webhook-secret", "s3cret"));
        Assert.Equal(0, config.ExitCode);
        Assert.Contains("(set)", config.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", config.Stdout, StringComparison.Ordinal);
        var settings = (await w.Get<AlertUseCases>().SettingsAsync(Ct)).Value;
        Assert.Equal((5, "https://hooks.example.com/m", "s3cret"), (settings.IntervalMinutes, settings.WebhookUrl, settings.WebhookSecret));
        Assert.Equal(2, (await Cli.RunAsync(Args("config", "alerts", "--interval", "2000"))).ExitCode);
    }

    [Fact]
    public async Task ThePages_ShowTheEmptyState_ThenTheAlerts_AndMoveAnAlertThroughItsForms()
    {
        await using var app = await RunningApp.StartAsync();
        var empty = await app.Client.GetStringAsync("/listening/alerts", Ct);
        Assert.Contains("id=\"alerts-empty\"", empty, StringComparison.Ordinal);
        Assert.Contains("mercato alerts evaluate", empty, StringComparison.Ordinal);
        Assert.Contains("15 minutes", empty, StringComparison.Ordinal);

        await SeedAsync(app.Services);
        var list = await app.Client.GetStringAsync("/listening/alerts", Ct);
        Assert.Contains("data-alert=\"A-000001\"", list, StringComparison.Ordinal);
        // The transport's words are data (translate="no"), the rest of the cell interface words.
        Assert.Contains("webhook failed: <span translate=\"no\">timed out after 10 s</span>", list, StringComparison.Ordinal);
        var filtered = await app.Client.GetStringAsync("/listening/alerts?severity=severe", Ct);
        Assert.DoesNotContain("data-alert=\"A-000001\"", filtered, StringComparison.Ordinal);
        Assert.Contains("id=\"alerts-bad-filter\"", await app.Client.GetStringAsync("/listening/alerts?status=open", Ct), StringComparison.Ordinal);

        var details = await app.Client.GetStringAsync("/listening/alerts/A-000002", Ct);
        Assert.Contains("id=\"alert-evidence\"", details, StringComparison.Ordinal);
        Assert.Contains("id=\"alert-deliveries\"", details, StringComparison.Ordinal);
        using (var missing = await app.Client.GetAsync("/listening/alerts/A-000404", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        var (status, refused) = await app.SubmitAsync("/listening/alerts/A-000002", "dismiss-form", new Dictionary<string, string> { ["reason"] = "" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-code=\"alert_reason_required\"", refused, StringComparison.Ordinal);

        var (_, acked) = await app.SubmitAsync("/listening/alerts/A-000001", "ack-form");
        Assert.Contains("id=\"alert-done\"", acked, StringComparison.Ordinal);
        Assert.Contains("<td id=\"alert-status\">acknowledged</td>", acked, StringComparison.Ordinal);

        var (_, dismissed) = await app.SubmitAsync("/listening/alerts/A-000002", "dismiss-form", new Dictionary<string, string> { ["reason"] = "a test post" });
        Assert.Contains("<td id=\"alert-status\">dismissed</td>", dismissed, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"dismiss-form\"", dismissed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnImportThatAddsRows_EvaluatesTheAlerts_AndOneThatAddsNothingDoesNot()
    {
        await using var w = await TestWorkspace.OpenAsync();
        var source = new FakeAlertSource("listening");
        source.Next.Add(FakeAlertSource.Spike());
        var alerts = AlertSamples.UseCases(w.Services, null, source);
        var imports = ActivatorUtilities.CreateInstance<ImportUseCases>(w.Services, (IEnumerable<IImportObserver>)[new AlertImportObserver(alerts)]);
        var bytes = Encoding.UTF8.GetBytes("date,channel,spend\n2026-03-01,search,1\n");
        ImportRequest Request() => new(DataKinds.Spend, "spend.csv", new FileFormat(DataFormat.Csv, false), () => new MemoryStream(bytes, writable: false));

        Assert.Equal(1L, (await imports.ImportAsync(Request(), Ct)).Added);
        Assert.Equal(1, source.Calls);
        Assert.Equal(["A-000001"], (await alerts.ListAsync(AlertFilter.All, Ct)).Select(e => e.Alert.Id));

        Assert.Equal(1L, (await imports.ImportAsync(Request(), Ct)).Unchanged);
        Assert.Equal(1, source.Calls);
    }
}
