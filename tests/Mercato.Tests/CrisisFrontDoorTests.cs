using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mercato.Features.Crisis;
using Mercato.Tests.UseCases;
using Microsoft.Extensions.DependencyInjection;

namespace Mercato.Tests;

/// <summary>Crisis cases through the API, the command line and the pages, with the house's status and exit codes.</summary>
public class CrisisFrontDoorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheApi_OpensAnswersMovesAndClosesACase_AndAnswersRefusalsWithCodes()
    {
        await using var app = await RunningApp.StartAsync(actor: "lin");
        await CrisisSamples.SeedAsync(app.Services);

        using (var empty = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/crisis", Ct)))
        {
            Assert.Equal(0, empty.RootElement.GetProperty("cases").GetArrayLength());
        }

        using (var warning = await app.Client.PostAsJsonAsync("/api/v1/crisis", new { alert = "A-000001" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, warning.StatusCode);
            Assert.Contains("\"crisis_alert_not_severe\"", await warning.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using (var noStart = await app.Client.PostAsJsonAsync("/api/v1/crisis", new { title = "Rumour" }, Ct))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, noStart.StatusCode);
        }

        using (var opened = await app.Client.PostAsJsonAsync("/api/v1/crisis", new { alert = "A-000002" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
            using var body = JsonDocument.Parse(await opened.Content.ReadAsStringAsync(Ct));
            Assert.Equal(("C-000001", "open", "bo"), (body.RootElement.GetProperty("id").GetString(), body.RootElement.GetProperty("status").GetString(), body.RootElement.GetProperty("owner").GetString()));
        }

        using (var byHand = await app.Client.PostAsJsonAsync("/api/v1/crisis", new { title = "Nebulizer complaints", term = "召回", from = "2026-03-31T00:00:00Z" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, byHand.StatusCode);
        }

        using (var early = await app.Client.PostAsJsonAsync("/api/v1/crisis/C-000001/status", new { status = "responding" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            Assert.Contains("\"crisis_no_approved_statement\"", await early.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using (var blank = await app.Client.PostAsJsonAsync("/api/v1/crisis/C-000001/statements", new { text = " " }, Ct))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, blank.StatusCode);
        }

        using (var drafted = await app.Client.PostAsJsonAsync("/api/v1/crisis/C-000001/statements", new { kind = "holding_statement", text = "We are looking into it." }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, drafted.StatusCode);
        }

        using (var self = await app.Client.PostAsync("/api/v1/crisis/C-000001/statements/S1/approve", null, Ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
            Assert.Contains("\"crisis_four_eyes\"", await self.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using (var missing = await app.Client.PostAsync("/api/v1/crisis/C-000001/statements/S9/approve", null, Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        var bo = ActivatorUtilities.CreateInstance<CrisisUseCases>(app.Services, (ICurrentUser)new NamedUser("bo"));
        Expect.Ok(await bo.ApproveAsync("C-000001", "S1", null, Ct));
        using (var responding = await app.Client.PostAsJsonAsync("/api/v1/crisis/C-000001/status", new { status = "responding" }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, responding.StatusCode);
        }

        using (var noNote = await app.Client.PostAsJsonAsync("/api/v1/crisis/C-000001/close", new { note = "" }, Ct))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, noNote.StatusCode);
        }

        // Opened 1, drafted 2, approved 3, responding 4: the ETag says 4, a close decided on 3 is refused, a bad If-Match is 400.
        using (var read = await app.Client.GetAsync("/api/v1/crisis/C-000001", Ct))
        {
            Assert.Equal("\"4\"", read.Headers.ETag?.Tag);
        }

        foreach (var (ifMatch, status) in new[] { ("\"3\"", HttpStatusCode.Conflict), ("soon", HttpStatusCode.BadRequest) })
        {
            using var stale = new HttpRequestMessage(HttpMethod.Post, "/api/v1/crisis/C-000001/close") { Content = JsonContent.Create(new { note = "denied" }) };
            stale.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            using var refused = await app.Client.SendAsync(stale, Ct);
            Assert.Equal(status, refused.StatusCode);
        }

        using var current = new HttpRequestMessage(HttpMethod.Post, "/api/v1/crisis/C-000001/close") { Content = JsonContent.Create(new { note = "denied" }) };
        current.Headers.TryAddWithoutValidation("If-Match", "\"4\"");
        using (var closed = await app.Client.SendAsync(current, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
            Assert.Equal("\"5\"", closed.Headers.ETag?.Tag);
        }

        using (var again = await app.Client.PostAsJsonAsync("/api/v1/crisis/C-000001/close", new { note = "again" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Contains("\"crisis_wrong_status\"", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using (var one = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/crisis/C-000001", Ct)))
        {
            var root = one.RootElement;
            Assert.Equal("closed", root.GetProperty("case").GetProperty("status").GetString());
            Assert.Equal(1, root.GetProperty("figures").GetProperty("before").GetProperty("mentions").GetInt64());
            Assert.True(root.GetProperty("campaigns")[0].GetProperty("pauseSuggested").GetBoolean());
            Assert.Equal("m2", root.GetProperty("topMentions")[0].GetProperty("id").GetString());
        }

        using (var closedOnly = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/crisis?status=closed", Ct)))
        {
            Assert.Equal(["C-000001"], closedOnly.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        }

        using (var badStatus = await app.Client.GetAsync("/api/v1/crisis?status=done", Ct))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, badStatus.StatusCode);
        }

        using (var notFound = await app.Client.GetAsync("/api/v1/crisis/C-000404", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
            Assert.Contains("\"crisis_not_found\"", await notFound.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheCli_OpensRespondsApprovesMovesAndCloses_WithTheHouseExitCodes()
    {
        await using var w = await TestWorkspace.OpenAsync();
        await CrisisSamples.SeedAsync(w.Services);
        string[] Args(params string[] args) => [.. args, .. w.CliArgs];

        var empty = await Cli.RunAsync(Args("crisis", "list"));
        Assert.Equal(0, empty.ExitCode);
        Assert.Contains("no crisis cases", empty.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, (await Cli.RunAsync(Args("crisis", "open", "--alert", "A-000001"))).ExitCode);
        Assert.Equal(1, (await Cli.RunAsync(Args("crisis", "open", "--alert", "A-000404"))).ExitCode);
        Assert.Equal(2, (await Cli.RunAsync(Args("crisis", "open", "--title", "Rumour", "--from", "yesterday"))).ExitCode);
        var opened = await Cli.RunAsync(Args("crisis", "open", "--alert", "A-000002"));
        Assert.Equal((0, "C-000001: open (version 1)"), (opened.ExitCode, opened.Stdout.Trim()));
        Assert.Equal(0, (await Cli.RunAsync(Args("crisis", "open", "--title", "Rumour", "--term", "召回", "--from", "2026-03-31T00:00:00Z"))).ExitCode);

        var drafted = await Cli.RunAsync(Args("crisis", "respond", "C-000001", "--statement", "We are looking into it."));
        Assert.Equal((0, "C-000001: open (version 2; last statement S1)"), (drafted.ExitCode, drafted.Stdout.Trim()));
        var self = await Cli.RunAsync(Args("crisis", "approve", "C-000001", "S1"));
        Assert.Equal(2, self.ExitCode);
        Assert.Contains("crisis_four_eyes", self.Stderr, StringComparison.Ordinal);
        Expect.Ok(await w.Get<CrisisUseCases>().ApproveAsync("C-000001", "S1", null, Ct));
        Assert.Equal(2, (await Cli.RunAsync(Args("crisis", "status", "C-000001", "monitoring"))).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync(Args("crisis", "status", "C-000001", "responding"))).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync(Args("crisis", "status", "C-000001", "monitoring", "--note", "calmer"))).ExitCode);
        Assert.Equal(2, (await Cli.RunAsync(Args("crisis", "close", "C-000001"))).ExitCode);
        // Versions: opened 1, drafted 2, approved 3, responding 4, monitoring 5.
        var stale = await Cli.RunAsync(Args("crisis", "close", "C-000001", "--note", "denied", "--if-version", "4"));
        Assert.Equal(2, stale.ExitCode);
        Assert.Contains("moved_meanwhile", stale.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await Cli.RunAsync(Args("crisis", "close", "C-000001", "--note", "denied", "--if-version", "5"))).ExitCode);
        Assert.Equal(1, (await Cli.RunAsync(Args("crisis", "close", "C-000404", "--note", "x"))).ExitCode);

        var show = await Cli.RunAsync(Args("crisis", "show", "C-000001"));
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("We are looking into it.", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("suggested (", show.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, (await Cli.RunAsync(Args("crisis", "show", "C-000404"))).ExitCode);

        var json = await Cli.RunAsync(Args("crisis", "list", "--status", "closed", "--format", "json"));
        using (var doc = JsonDocument.Parse(json.Stdout))
        {
            var only = Assert.Single(doc.RootElement.GetProperty("cases").EnumerateArray());
            Assert.Equal(("C-000001", Cli.Actor), (only.GetProperty("id").GetString(), only.GetProperty("history").EnumerateArray().Last().GetProperty("actor").GetString()));
        }

        Assert.Equal(2, (await Cli.RunAsync(Args("crisis", "list", "--status", "done"))).ExitCode);
    }

    [Fact]
    public async Task ThePages_ShowTheEmptyState_OpenACaseFromASevereAlert_AndAnswerIt()
    {
        await using var app = await RunningApp.StartAsync(actor: "lin");
        var empty = await app.Client.GetStringAsync("/listening/cases", Ct);
        Assert.Contains("id=\"cases-empty\"", empty, StringComparison.Ordinal);
        Assert.Contains("mercato crisis open --alert ID", empty, StringComparison.Ordinal);
        Assert.Contains("href=\"/listening/cases\" class=\"current\"", empty, StringComparison.Ordinal);

        await CrisisSamples.SeedAsync(app.Services);
        Assert.DoesNotContain("id=\"open-crisis-form\"", await app.Client.GetStringAsync("/listening/alerts/A-000001", Ct), StringComparison.Ordinal);
        var (status, opened) = await app.SubmitAsync("/listening/alerts/A-000002", "open-crisis-form");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1>Crisis case C-000001</h1>", opened, StringComparison.Ordinal);
        Assert.Contains("id=\"case-no-statements\"", opened, StringComparison.Ordinal);
        Assert.Contains("data-campaign=\"spring\"", opened, StringComparison.Ordinal);
        Assert.Contains("id=\"alert-crisis-case\"", await app.Client.GetStringAsync("/listening/alerts/A-000002", Ct), StringComparison.Ordinal);

        var (_, drafted) = await app.SubmitAsync("/listening/cases/C-000001", "draft-form", new Dictionary<string, string> { ["text"] = "We are looking into it." });
        Assert.Contains("data-statement=\"S1\"", drafted, StringComparison.Ordinal);
        var (_, refused) = await app.SubmitAsync("/listening/cases/C-000001", "approve-form");
        Assert.Contains("data-code=\"crisis_four_eyes\"", refused, StringComparison.Ordinal);
        var (_, early) = await app.SubmitAsync("/listening/cases/C-000001", "move-form", new Dictionary<string, string> { ["status"] = "responding" });
        Assert.Contains("data-code=\"crisis_no_approved_statement\"", early, StringComparison.Ordinal);
        var (_, closed) = await app.SubmitAsync("/listening/cases/C-000001", "close-form", new Dictionary<string, string> { ["note"] = "handled by the executive" });
        Assert.Contains("<td id=\"case-status\">closed</td>", closed, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"draft-form\"", closed, StringComparison.Ordinal);

        var (_, byHand) = await app.SubmitAsync("/listening/cases", "open-case-form", new Dictionary<string, string> { ["title"] = "Rumour", ["term"] = "", ["from"] = "2026-03-31T00:00:00Z" });
        Assert.Contains("<h1>Crisis case C-000002</h1>", byHand, StringComparison.Ordinal);
        var (_, badStart) = await app.SubmitAsync("/listening/cases", "open-case-form", new Dictionary<string, string> { ["title"] = "Rumour", ["from"] = "soon" });
        Assert.Contains("id=\"cases-refused\"", badStart, StringComparison.Ordinal);

        var list = await app.Client.GetStringAsync("/listening/cases", Ct);
        Assert.Contains("data-case=\"C-000001\"", list, StringComparison.Ordinal);
        Assert.Contains("data-case=\"C-000002\"", list, StringComparison.Ordinal);
        using var missing = await app.Client.GetAsync("/listening/cases/C-000404", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
