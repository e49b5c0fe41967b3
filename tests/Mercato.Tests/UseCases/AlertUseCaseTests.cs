using System.Collections.Concurrent;
using System.Net;
using Mercato.Core.Alerts;
using Mercato.Core.Campaigns;
using Mercato.Core.Organization;
using Mercato.Features.Alerts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mercato.Tests.UseCases;

/// <summary>A source the tests drive: the candidates of its next evaluation, or an exception.</summary>
public sealed class FakeAlertSource(string name) : IAlertSource
{
    public string Name => name;

    public List<AlertCandidate> Next { get; } = [];

    public Exception? Throws { get; set; }

    public int Calls { get; private set; }

    public Task<IReadOnlyList<AlertCandidate>> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        Calls++;
        return Throws is { } e ? Task.FromException<IReadOnlyList<AlertCandidate>>(e) : Task.FromResult<IReadOnlyList<AlertCandidate>>([.. Next]);
    }

    public static AlertCandidate Spike(AlertSeverity severity = AlertSeverity.Warning, double value = 50, string key = "listening_spike:召回:2026-04-01T08",
        string? function = "public_opinion_monitoring") =>
        new(AlertKind.ListeningSpike, key, severity, "Mentions of 召回 at 5× the usual level", TestWorkspace.Start.AddHours(-1),
            new AlertEvidence("mentions per hour", value, 10, 4.2, TestWorkspace.Start.AddHours(-1), null, TestWorkspace.Start, 12000m, [new("term", "召回")]), function);
}

/// <summary>The organization and people the alert tests own alerts by.</summary>
public static class AlertSamples
{
    public static readonly OrgStructure Company = new(
        "Co",
        [
            new("co", "Company", UnitKind.Company, Head: "Wang Wei, CEO"),
            new("mkt", "Marketing center", UnitKind.Center, "co", "Lin Hui, CMO"),
            new("pr", "PR department", UnitKind.Department, "mkt", "Bo Chen"),
        ],
        ownerships: [new("mkt", "brand_positioning", RaciRole.Accountable), new("pr", "public_opinion_monitoring", RaciRole.Responsible)]);

    public static async Task SeedAsync(IDocumentStore documents, CancellationToken ct)
    {
        var commit = await documents.CommitAsync(
            [
                DocumentChange.Put(OrganizationDocuments.Structure, Company),
                DocumentChange.Put(CampaignDocuments.People, new Person("lin", "Lin Hui", "mkt")),
                DocumentChange.Put(CampaignDocuments.People, new Person("bo", "Bo Chen", "pr")),
            ],
            new NamedUser("tester"), ct);
        Assert.True(commit.Committed);
    }

    /// <summary>The alert use case of <paramref name="services"/> with these sources and delivery options (retries that do not wait, unless given).</summary>
    public static AlertUseCases UseCases(IServiceProvider services, AlertDeliveryOptions? options, params IAlertSource[] sources)
    {
        var sender = ActivatorUtilities.CreateInstance<AlertSender>(services, options ?? new AlertDeliveryOptions { Delay = (_, _) => Task.CompletedTask });
        return ActivatorUtilities.CreateInstance<AlertUseCases>(services, sources, sender);
    }
}

/// <summary>The alert center through its use case, on each store: open, update, escalate, the steps, closed alerts kept closed.</summary>
public abstract class AlertUseCaseTests
{
    protected abstract TestStoreKind Kind { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnEvaluation_OpensAnAlertOwnedByTheFunctionsHead_UpdatesIt_EscalatesIt_AndAClosedAlertStaysClosed()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind, "pr");
        await AlertSamples.SeedAsync(w.Get<IDocumentStore>(), Ct);
        var source = new FakeAlertSource("listening");
        var alerts = AlertSamples.UseCases(w.Services, null, source);

        source.Next.Add(FakeAlertSource.Spike());
        var first = await alerts.EvaluateAsync(Ct);
        Assert.Equal(["listening"], first.Sources);
        Assert.Equal(["A-000001"], first.Opened);
        Assert.Equal((1, 0, 0), (first.Candidates, first.Delivered, first.Failed));
        var opened = Expect.Ok(await alerts.GetAsync("A-000001", Ct));
        Assert.Equal(("bo", "Bo Chen", AlertStatus.New, AlertSeverity.Warning, 1L, "pr"), (opened.Alert.Owner, opened.OwnerName, opened.Alert.Status, opened.Alert.Severity, opened.Version, opened.Alert.History[0].Actor));

        w.Clock.Advance(TimeSpan.FromMinutes(15));
        source.Next[0] = FakeAlertSource.Spike(AlertSeverity.Info, 70);
        var second = await alerts.EvaluateAsync(Ct);
        Assert.Equal((string[])[], second.Opened);
        Assert.Equal(["A-000001"], second.Updated);
        var updated = Expect.Ok(await alerts.GetAsync("A-000001", Ct)).Alert;
        Assert.Equal((70.0, AlertSeverity.Warning, TestWorkspace.Start.AddMinutes(15), 1), (updated.Evidence.Value, updated.Severity, updated.LastSeenAt, updated.History.Count));

        Expect.Ok(await alerts.AcknowledgeAsync("A-000001", null, Ct));
        source.Next[0] = FakeAlertSource.Spike(AlertSeverity.Severe, 90);
        var third = await alerts.EvaluateAsync(Ct);
        Assert.Equal(["A-000001"], third.Escalated);
        var escalated = Expect.Ok(await alerts.GetAsync("A-000001", Ct)).Alert;
        Assert.Equal((AlertSeverity.Severe, AlertStatus.Acknowledged), (escalated.Severity, escalated.Status));
        Assert.Equal([AlertAction.Opened, AlertAction.Acknowledged, AlertAction.Escalated], escalated.History.Select(h => h.Action));

        var resolved = Expect.Ok(await alerts.ResolveAsync("A-000001", "statement published", null, Ct));
        Assert.Equal(("statement published", "pr"), (resolved.Alert.History[^1].Note, resolved.Alert.History[^1].Actor));
        var fourth = await alerts.EvaluateAsync(Ct);
        Assert.Equal((1, 0), (fourth.Closed, fourth.Opened.Count));
        Assert.Single(await alerts.ListAsync(AlertFilter.All, Ct));
        Assert.Equal(AlertStatus.Resolved, Expect.Ok(await alerts.GetAsync("A-000001", Ct)).Alert.Status);

        source.Next[0] = FakeAlertSource.Spike(key: "listening_spike:召回:2026-04-01T09", function: "no_such_function");
        var fifth = await alerts.EvaluateAsync(Ct);
        Assert.Equal(["A-000002"], fifth.Opened);
        Assert.Equal("lin", Expect.Ok(await alerts.GetAsync("A-000002", Ct)).Alert.Owner);
        Assert.Equal(["A-000002", "A-000001"], (await alerts.ListAsync(AlertFilter.All, Ct)).Select(e => e.Alert.Id));
        Assert.Equal(["A-000001"], (await alerts.ListAsync(new AlertFilter(AlertStatus.Resolved), Ct)).Select(e => e.Alert.Id));
    }

    [Fact]
    public async Task TheSteps_RefuseWhatTheStatusForbids_ADismissalWithoutReason_AndAnUnknownId_WithNothingSaved()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind, "pr");
        var source = new FakeAlertSource("listening");
        var alerts = AlertSamples.UseCases(w.Services, null, source);
        source.Next.Add(FakeAlertSource.Spike());
        await alerts.EvaluateAsync(Ct);

        Expect.Invalid(await alerts.DismissAsync("A-000001", "  ", null, Ct), new Problem("reason", AlertCodes.ReasonRequired));
        Assert.Equal(1L, Expect.Ok(await alerts.GetAsync("A-000001", Ct)).Version);
        Expect.NotFound(await alerts.AcknowledgeAsync("A-999999", null, Ct), AlertCodes.NotFound, Expect.Args(("id", "A-999999")));
        Expect.MovedMeanwhile(await alerts.AcknowledgeAsync("A-000001", 7, Ct), Expect.Args(("alert", "A-000001")));

        var dismissed = Expect.Ok(await alerts.DismissAsync("A-000001", "a competitor's test post", 1, Ct));
        Assert.Equal((AlertStatus.Dismissed, 2L), (dismissed.Alert.Status, dismissed.Version));
        Expect.Refused(await alerts.AcknowledgeAsync("A-000001", null, Ct), AlertCodes.WrongStatus,
            Expect.Args(("alert", "A-000001"), ("status", "dismissed"), ("expected", "new")));
        Expect.Refused(await alerts.ResolveAsync("A-000001", null, null, Ct), AlertCodes.WrongStatus,
            Expect.Args(("alert", "A-000001"), ("status", "dismissed"), ("expected", "new, acknowledged")));
        Assert.Null(Expect.Ok(await alerts.GetAsync("A-000001", Ct)).Alert.Owner);
    }

    [Fact]
    public async Task ASourceThatFails_IsReported_AndTheOthersStillRun_AndBadCandidatesAreSkipped()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        var broken = new FakeAlertSource("ad_monitoring") { Throws = new InvalidOperationException("the ad API is down") };
        var listening = new FakeAlertSource("listening");
        listening.Next.AddRange([FakeAlertSource.Spike(), FakeAlertSource.Spike(key: " ")]);
        var alerts = AlertSamples.UseCases(w.Services, null, broken, listening);

        var done = await alerts.EvaluateAsync(Ct);

        Assert.Equal(["ad_monitoring", "listening"], done.Sources);
        Assert.Equal(["A-000001"], done.Opened);
        Assert.Equal(
            [
                Problem.Of("sources", AlertCodes.SourceFailed, ("source", "ad_monitoring"), ("error", "the ad API is down")),
                Problem.Of("candidates", AlertCodes.BadCandidate, ("source", "listening"), ("key", " ")),
            ],
            done.Problems);
    }

    [Fact]
    public async Task TheSettings_AreOffUntilSaved_Validated_AndVersioned()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        var alerts = w.Get<AlertUseCases>();
        Assert.Equal((0L, AlertSettings.Default), ((await alerts.SettingsAsync(Ct)).Version, (await alerts.SettingsAsync(Ct)).Value));

        Expect.Invalid(await alerts.SaveSettingsAsync(new AlertSettings(2000, "hooks.example.com"), null, Ct),
            Problem.Of("intervalMinutes", AlertCodes.BadInterval, ("value", 2000), ("max", 1440)), new Problem("webhookUrl", CommonCodes.NotHttpUrl));
        Expect.Ok(await alerts.SaveSettingsAsync(new AlertSettings(5, " https://hooks.example.com/mercato ", "s3cret", SmtpHost: ""), 0, Ct));
        var saved = await alerts.SettingsAsync(Ct);
        Assert.Equal((1L, 5, "https://hooks.example.com/mercato", (string?)null), (saved.Version, saved.Value.IntervalMinutes, saved.Value.WebhookUrl, saved.Value.SmtpHost));
        Expect.MovedMeanwhile(await alerts.SaveSettingsAsync(AlertSettings.Default, 0, Ct), Expect.Args(("settings", AlertSettings.Id)));
        // The workspace's own settings document beside it is untouched.
        Assert.Null(await w.Get<Mercato.Features.Settings.SettingsUseCases>().GetAsync(Ct));
    }
}

public sealed class AlertUseCaseTestsOnSqlite : AlertUseCaseTests
{
    protected override TestStoreKind Kind => TestStoreKind.Sqlite;
}

public sealed class AlertUseCaseTestsOnPostgres : AlertUseCaseTests
{
    protected override TestStoreKind Kind => TestStoreKind.Postgres;
}

/// <summary>A webhook receiver on a loopback port: records each request and answers as told (a status, or a delay first).</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public ConcurrentQueue<(byte[] Body, IHeaderDictionary Headers)> Received { get; } = new();

    /// <summary>The answers to the next requests, in order; 200 once they run out.</summary>
    public ConcurrentQueue<int> Answers { get; } = new();

    /// <summary>How long to wait before answering (a receiver that times out).</summary>
    public TimeSpan Stall { get; set; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver!.Received.Enqueue((body.ToArray(), new HeaderDictionary(request.Headers.ToDictionary(h => h.Key, h => h.Value))));
            if (receiver.Stall > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(receiver.Stall, request.HttpContext.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return Results.Empty;
                }
            }

            return Results.StatusCode(receiver.Answers.TryDequeue(out var status) ? status : 200);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, address + "/hook");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Delivery to a real loopback webhook: signed, retried with backoff, every attempt on the alert, the alert kept whatever happens.</summary>
public class AlertDeliveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnOpenedAlert_IsPostedSigned_RetriedAfterA500_AndBothAttemptsAreOnTheAlert()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answers.Enqueue(500);
        await using var w = await TestWorkspace.OpenAsync();
        var waits = new List<TimeSpan>();
        var source = new FakeAlertSource("listening");
        source.Next.Add(FakeAlertSource.Spike());
        var alerts = AlertSamples.UseCases(w.Services, new AlertDeliveryOptions { Delay = (t, _) => { waits.Add(t); return Task.CompletedTask; } }, source);
        Expect.Ok(await alerts.SaveSettingsAsync(new AlertSettings(WebhookUrl: receiver.Url, WebhookSecret: "s3cret"), null, Ct));

        var done = await alerts.EvaluateAsync(Ct);

        Assert.Equal((1, 0), (done.Delivered, done.Failed));
        Assert.Equal([TimeSpan.FromSeconds(1)], waits);
        var requests = receiver.Received.ToArray();
        Assert.Equal(2, requests.Length);
        foreach (var (body, headers) in requests)
        {
            Assert.True(AlertSignature.Verify(body, "s3cret", headers["X-Mercato-Signature"]), "the signature verifies with the secret");
            Assert.False(AlertSignature.Verify(body, "other", headers["X-Mercato-Signature"]));
            Assert.Equal("alert.opened", headers["X-Mercato-Event"].ToString());
            Assert.Equal("2026-04-01T08:00:00Z", headers["X-Mercato-Timestamp"].ToString());
        }

        using var json = System.Text.Json.JsonDocument.Parse(requests[0].Body);
        Assert.Equal(("alert.opened", "A-000001", "listening_spike", "warning", "new"),
            (json.RootElement.GetProperty("event").GetString(), json.RootElement.GetProperty("alert").GetProperty("id").GetString(),
             json.RootElement.GetProperty("alert").GetProperty("kind").GetString(), json.RootElement.GetProperty("alert").GetProperty("severity").GetString(),
             json.RootElement.GetProperty("alert").GetProperty("status").GetString()));

        var alert = Expect.Ok(await alerts.GetAsync("A-000001", Ct)).Alert;
        Assert.Equal(
            [
                new AlertDelivery(AlertChannel.Webhook, AlertEvent.Opened, TestWorkspace.Start, 1, false, 500, "HTTP 500"),
                new AlertDelivery(AlertChannel.Webhook, AlertEvent.Opened, TestWorkspace.Start, 2, true, 200),
            ],
            alert.Deliveries);

        // Seen again at the same severity: not posted again; escalated: posted as alert.escalated.
        await alerts.EvaluateAsync(Ct);
        Assert.Equal(2, receiver.Received.Count);
        source.Next[0] = FakeAlertSource.Spike(AlertSeverity.Severe);
        await alerts.EvaluateAsync(Ct);
        Assert.Equal(3, receiver.Received.Count);
        Assert.Equal("alert.escalated", receiver.Received.Last().Headers["X-Mercato-Event"].ToString());
    }

    [Fact]
    public async Task AWebhookThatTimesOut_IsTriedThreeTimes_TheFailureIsRecorded_AndTheAlertStays()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Stall = TimeSpan.FromSeconds(20);
        await using var w = await TestWorkspace.OpenAsync();
        var source = new FakeAlertSource("listening");
        source.Next.Add(FakeAlertSource.Spike());
        var alerts = AlertSamples.UseCases(w.Services, new AlertDeliveryOptions { Timeout = TimeSpan.FromMilliseconds(200), Delay = (_, _) => Task.CompletedTask }, source);
        Expect.Ok(await alerts.SaveSettingsAsync(new AlertSettings(WebhookUrl: receiver.Url), null, Ct));

        var done = await alerts.EvaluateAsync(Ct);

        Assert.Equal(["A-000001"], done.Opened);
        Assert.Equal((0, 1), (done.Delivered, done.Failed));
        var alert = Expect.Ok(await alerts.GetAsync("A-000001", Ct)).Alert;
        Assert.Equal(AlertStatus.New, alert.Status);
        Assert.Equal([1, 2, 3], alert.Deliveries.Select(d => d.Attempt));
        Assert.All(alert.Deliveries, d => Assert.Equal((false, (int?)null, "timed out after 0.2 s"), (d.Ok, d.HttpStatus, d.Error)));
    }

    [Fact]
    public async Task AnUnreachableWebhook_RecordsTheConnectionError_AndTheAlertStays()
    {
        await using var w = await TestWorkspace.OpenAsync();
        var source = new FakeAlertSource("listening");
        source.Next.Add(FakeAlertSource.Spike());
        var alerts = AlertSamples.UseCases(w.Services, null, source);
        // Port 9 on loopback (discard) refuses: nothing listens there on these machines.
        Expect.Ok(await alerts.SaveSettingsAsync(new AlertSettings(WebhookUrl: "http://127.0.0.1:9/hook"), null, Ct));

        var done = await alerts.EvaluateAsync(Ct);

        Assert.Equal(1, done.Failed);
        var alert = Expect.Ok(await alerts.GetAsync("A-000001", Ct)).Alert;
        Assert.Equal(3, alert.Deliveries.Count);
        Assert.All(alert.Deliveries, d => Assert.False(string.IsNullOrEmpty(d.Error)));
    }

    [Fact]
    public async Task AnOpenedAlert_IsMailedOverSmtp_WhenSmtpIsSet_AndTheAttemptIsOnTheAlert()
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        await using var w = await TestWorkspace.OpenAsync();
        var source = new FakeAlertSource("listening");
        source.Next.Add(FakeAlertSource.Spike());
        var alerts = AlertSamples.UseCases(w.Services, null, source);
        Expect.Ok(await alerts.SaveSettingsAsync(
            new AlertSettings(SmtpHost: "127.0.0.1", SmtpPort: smtp.Configuration.Port, SmtpFrom: "mercato@example.com", SmtpTo: "pr@example.com", SmtpTls: false), null, Ct));

        var done = await alerts.EvaluateAsync(Ct);

        Assert.Equal((1, 0, 1), (done.Delivered, done.Failed, smtp.ReceivedEmailCount));
        var mail = smtp.ReceivedEmail[0];
        Assert.Equal(["pr@example.com"], mail.ToAddresses.Select(a => a.Address));
        Assert.Contains("A-000001", mail.Data, StringComparison.Ordinal);
        Assert.Equal([new AlertDelivery(AlertChannel.Email, AlertEvent.Opened, TestWorkspace.Start, 1, true)], Expect.Ok(await alerts.GetAsync("A-000001", Ct)).Alert.Deliveries);
    }

    [Fact]
    public void TheEmail_NamesSeverityKindAndSubject_AndCarriesTheEvidence()
    {
        var alert = AlertRules.Merge([], FakeAlertSource.Spike(), "listening", "A-000001", "bo", "system", TestWorkspace.Start).Alert;
        using var message = AlertSender.Compose(new AlertEntry(alert, 1, "Bo Chen"), AlertEvent.Opened, new AlertSettings(SmtpHost: "smtp.example.com", SmtpFrom: "mercato@example.com", SmtpTo: "pr@example.com, cmo@example.com"));

        Assert.Equal("[warning] listening_spike: Mentions of 召回 at 5× the usual level", message.Subject);
        Assert.Equal(["pr@example.com", "cmo@example.com"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("mercato@example.com", message.From.Mailboxes.Single().Address);
        var text = message.TextBody;
        Assert.Contains("alert.opened A-000001 (new)", text, StringComparison.Ordinal);
        Assert.Contains("mentions per hour: 50 (expected 10, score 4.2)", text, StringComparison.Ordinal);
        Assert.Contains("money at stake: 12,000.00", text, StringComparison.Ordinal);
        Assert.Contains("owner: Bo Chen", text, StringComparison.Ordinal);
        Assert.Contains("term: 召回", text, StringComparison.Ordinal);
    }
}

/// <summary>The server's schedule: reads the interval each round, survives a failure, and stops cleanly.</summary>
public class AlertScheduleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheSchedule_WaitsTheIntervalThenEvaluates_SurvivesUnreadableSettings_AndStopsCleanly()
    {
        await using var w = await TestWorkspace.OpenAsync();
        var documents = w.Get<IDocumentStore>();
        // Settings that do not read back: the round fails, is logged, and the schedule looks again a minute later.
        Assert.True((await documents.CommitAsync([new DocumentChange.PutChange(AlertSettings.Document.Collection, AlertSettings.Id, null, "{\"intervalMinutes\":\"x\"}")], new NamedUser("t"), Ct)).Committed);
        var source = new FakeAlertSource("listening");
        source.Next.Add(FakeAlertSource.Spike());
        var alerts = AlertSamples.UseCases(w.Services, null, source);
        var waits = new List<TimeSpan>();
        var third = new TaskCompletionSource();
        var schedule = new AlertSchedule(alerts, w.Clock, w.Get<ILogger<AlertSchedule>>())
        {
            Wait = async (wait, cancellationToken) =>
            {
                waits.Add(wait);
                if (waits.Count == 1)
                {
                    Assert.Equal(0, source.Calls);
                    Expect.Ok(await alerts.SaveSettingsAsync(new AlertSettings(5), null, CancellationToken.None));
                }

                if (waits.Count == 3)
                {
                    third.SetResult();
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
            },
        };

        await schedule.StartAsync(Ct);
        await third.Task.WaitAsync(TimeSpan.FromMinutes(1), Ct);
        await schedule.StopAsync(Ct);

        Assert.Equal([AlertSchedule.OffRecheck, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)], waits);
        Assert.Equal(1, source.Calls);
        Assert.True(schedule.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Equal(["A-000001"], (await alerts.ListAsync(AlertFilter.All, Ct)).Select(e => e.Alert.Id));
    }
}

