using System.Net;
using System.Text;
using System.Text.Json;
using Mercato.Features.Audit;
using Mercato.Features.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace Mercato.Tests;

/// <summary>The audit log's front doors: <c>mercato audit</c>, <c>GET /api/v1/audit</c> and the page, with their bad input.</summary>
public class AuditTests
{
    private const string Spend = "date,channel,spend\n2026-03-01,search,10\n2026-03-02,search,12\n";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cli_AuditJson_AfterADocumentWriteAndAnImport_ShowsBoth_ThroughTheCliDoor()
    {
        using var dir = new TempDir();
        Assert.Equal(0, (await Cli.RunAsync("config", "time-zone", "Asia/Shanghai", "--data-dir", dir.Path)).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("import", "spend", dir.File("spend.csv", Spend), "--data-dir", dir.Path)).ExitCode);

        var run = await Cli.RunAsync("audit", "--format", "json", "--data-dir", dir.Path);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var entries = json.RootElement.GetProperty("entries").EnumerateArray()
            .Select(e => (Actor: e.GetProperty("actor").GetString(), Door: e.GetProperty("door").GetString(), Action: e.GetProperty("action").GetString(),
                Collection: e.GetProperty("collection").GetString(), Before: e.GetProperty("before").ValueKind, After: e.GetProperty("after").GetString()))
            .ToList();
        var import = Assert.Single(entries, e => e.Action == "import");
        var put = Assert.Single(entries, e => e.Action == "put" && e.Collection == WorkspaceSettings.Document.Collection);
        Assert.Equal("spend", import.Collection);
        Assert.True(entries.IndexOf(import) < entries.IndexOf(put), "newest first");
        Assert.All(entries, e => Assert.Equal((Cli.Actor, "cli"), (e.Actor, e.Door)));
        Assert.Equal(JsonValueKind.Null, put.Before);
        Assert.Contains("Asia/Shanghai", put.After, StringComparison.Ordinal);

        var imports = await Cli.RunAsync("audit", "--collection", "spend", "--format", "csv", "--data-dir", dir.Path);
        var lines = imports.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("id,at,actor,door,address,action,collection,target,before,after", lines[0]);
        Assert.EndsWith(",cmo,cli,,import,spend,1,,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_BadDateOrLimit_ExitsTwo_WithWhatIsWrong()
    {
        using var dir = new TempDir();

        var date = await Cli.RunAsync("audit", "--from", "yesterday", "--data-dir", dir.Path);
        var limit = await Cli.RunAsync("audit", "--limit", "0", "--data-dir", dir.Path);

        Assert.Equal(2, date.ExitCode);
        Assert.Contains("from is a day YYYY-MM-DD", date.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"yesterday\"", date.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, limit.ExitCode);
        Assert.Contains("the limit is a whole number from 1 to 10000, not 0", limit.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_GetAudit_ReturnsTheEntries_Filtered_AndABadFilterIs400()
    {
        await using var app = await RunningApp.StartAsync(actor: "ops");
        using (var imported = await app.Client.PostAsync("/api/v1/import/spend", new StringContent(Spend, Encoding.UTF8, "text/csv"), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        Assert.True((await app.Services.GetRequiredService<SettingsUseCases>().SetTimeZoneAsync("Europe/Berlin", Ct)).IsOk);

        using var all = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/audit", Ct));
        using var spend = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/audit?collection=spend&user=ops&from=2000-01-01&limit=5", Ct));
        using var nobody = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/audit?user=nobody", Ct));
        using var badDate = await app.Client.GetAsync("/api/v1/audit?to=31.12.2026", Ct);
        using var badLimit = await app.Client.GetAsync("/api/v1/audit?limit=10001", Ct);
        using var notANumber = await app.Client.GetAsync("/api/v1/audit?limit=many", Ct);

        var actions = all.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal("put", actions[0]);
        Assert.Contains("import", actions);
        Assert.All(all.RootElement.GetProperty("entries").EnumerateArray(), e => Assert.Equal("ops", e.GetProperty("actor").GetString()));
        var entry = Assert.Single(spend.RootElement.GetProperty("entries").EnumerateArray());
        Assert.Equal(("import", "1"), (entry.GetProperty("action").GetString(), entry.GetProperty("target").GetString()));
        Assert.Equal(JsonValueKind.Null, spend.RootElement.GetProperty("nextBefore").ValueKind);
        Assert.Empty(nobody.RootElement.GetProperty("entries").EnumerateArray());
        foreach (var (bad, code) in new[] { (badDate, AuditCodes.DateMalformed), (badLimit, AuditCodes.LimitOutOfRange), (notANumber, AuditCodes.LimitOutOfRange) })
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            using var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct));
            Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Page_ListsTheEntries_WithTheDocumentInACollapsedDetails_AndSaysWhatIsWrongWithABadFilter()
    {
        await using var app = await RunningApp.StartAsync(actor: "ops");
        Assert.True((await app.Services.GetRequiredService<SettingsUseCases>().SetTimeZoneAsync("Europe/Berlin", Ct)).IsOk);

        var html = await app.Client.GetStringAsync("/audit", Ct);
        var bad = await app.Client.GetStringAsync("/audit?from=soon", Ct);
        var layout = await app.Client.GetStringAsync("/", Ct);

        Assert.Contains("<table class=\"grid\" id=\"audit\">", html, StringComparison.Ordinal);
        Assert.Contains("<td translate=\"no\">ops</td>", html, StringComparison.Ordinal);
        Assert.Contains("<details>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<details open", html, StringComparison.Ordinal);
        Assert.Contains("Europe/Berlin", html, StringComparison.Ordinal);
        Assert.Contains("id=\"problems\"", bad, StringComparison.Ordinal);
        Assert.Contains("&quot;<span translate=\"no\">soon</span>&quot;", bad, StringComparison.Ordinal);
        Assert.Contains("href=\"/audit\"", layout, StringComparison.Ordinal);
    }
}

/// <summary>Reading the audit log is for administrators and executives; the entries name the acting principal and door.</summary>
public abstract class AuditUseCaseTests
{
    protected abstract TestStoreKind Kind { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AViewer_IsRefused_AnExecutiveReads_AndARecordNamesTheActingPrincipal()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        var audit = w.Get<AuditUseCases>();
        await audit.RecordAsync("demo_load", "demo", "42 small", Ct);

        w.ActAs(new Principal("ann", [new RoleGrant(Role.Viewer)]));
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => audit.QueryAsync(new AuditQuery(), Ct));
        Assert.Equal(("ann", Permission.ReadAudit), (refused.Actor, refused.Permission));
        w.ActAs(new Principal("lee", [new RoleGrant(Role.UnitLead, "brand")]));
        await Assert.ThrowsAsync<AccessDeniedException>(() => audit.QueryAsync(new AuditQuery(), Ct));

        w.ActAs(new Principal("bo", [new RoleGrant(Role.Executive)]));
        await audit.RecordAsync("rescore", "mentions", "9", Ct);
        var entries = await audit.QueryAsync(new AuditQuery(Limit: 50_000), Ct);

        Assert.Equal(
            [("bo", "cli", "rescore", "mentions", "9"), (w.Actor, "cli", "demo_load", "demo", "42 small")],
            entries.Select(e => (e.Actor, e.Door, e.Action, e.Collection, e.Target)));
    }

    [Fact]
    public void Parse_ReadsDaysAndInstants_AndNamesEveryBadFilter()
    {
        var days = AuditUseCases.Parse("2026-04-01", "2026-04-01", " ann ", "", null, null);
        var instants = AuditUseCases.Parse("2026-04-01T08:00:00+02:00", "2026-04-01T09:00:00Z", null, "people", 10, 5);
        var bad = AuditUseCases.Parse("April", "2026-13-01", null, null, 0, 0);
        var backwards = AuditUseCases.Parse("2026-04-02", "2026-03-31", null, null, null, null);

        Assert.Equal(
            new AuditQuery(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 2, 0, 0, 0, TimeSpan.Zero), "ann", null, AuditUseCases.DefaultLimit),
            days.Value);
        Assert.Equal(
            new AuditQuery(new DateTimeOffset(2026, 4, 1, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero), null, "people", 10, 5),
            instants.Value);
        Assert.Equal(
            [("from", AuditCodes.DateMalformed), ("to", AuditCodes.DateMalformed), ("limit", AuditCodes.LimitOutOfRange), ("before", AuditCodes.BeforeNotAnId)],
            bad.Problems.Select(p => (p.Path, p.Code)));
        Assert.Equal(("to", CommonCodes.EndBeforeStart), (backwards.Problems[0].Path, backwards.Problems[0].Code));
    }

    [Fact]
    public void ParseText_ReadsTheNumbersOfAQueryString_OnceForTheApiAndThePage()
    {
        Assert.Equal(new AuditQuery(null, null, null, null, 10, 5), AuditUseCases.ParseText(null, null, null, null, " 10 ", "5").Value);
        Assert.Equal(new AuditQuery(), AuditUseCases.ParseText("", " ", null, null, "", null).Value);
        var bad = AuditUseCases.ParseText("April", null, null, null, "ten", "x");
        Assert.Equal(
            [("limit", AuditCodes.LimitOutOfRange, "ten"), ("before", AuditCodes.BeforeNotAnId, "x"), ("from", AuditCodes.DateMalformed, "April")],
            bad.Problems.Select(p => (p.Path, p.Code, p.Args["value"] as string)));
        Assert.Equal(("limit", AuditCodes.LimitOutOfRange), (AuditUseCases.ParseText(null, null, null, null, "99999", null).Problems[0].Path,
            AuditUseCases.ParseText(null, null, null, null, "99999", null).Problems[0].Code));
    }
}

public sealed class AuditUseCaseTestsOnSqlite : AuditUseCaseTests
{
    protected override TestStoreKind Kind => TestStoreKind.Sqlite;
}

public sealed class AuditUseCaseTestsOnPostgres : AuditUseCaseTests
{
    protected override TestStoreKind Kind => TestStoreKind.Postgres;
}
