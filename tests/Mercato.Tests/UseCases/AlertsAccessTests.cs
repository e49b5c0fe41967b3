using System.Text;
using Mercato.Core.Alerts;
using Mercato.Core.DataCenter;
using Mercato.Features.Alerts;
using Mercato.Features.Imports;
using Mercato.Storage.Import;

namespace Mercato.Tests.UseCases;

/// <summary>
/// Who may read and handle alerts and their settings, and that the server's own evaluation (after an import) runs
/// whoever imported.
/// </summary>
public sealed class AlertsAccessTests
{
    private static readonly Principal Viewer = new("vic", [new RoleGrant(Role.Viewer)]);
    private static readonly Principal Agency = new("ag", [new RoleGrant(Role.Agency, Campaigns: ["spring"])]);
    private static readonly Principal Analyst = new("ana", [new RoleGrant(Role.Analyst)]);
    private static readonly Principal Lead = new("lee", [new RoleGrant(Role.UnitLead, "pr")]);
    private static readonly Principal ImportToken = new("bot", [new RoleGrant(Role.Analyst)], TokenScope: TokenScope.Import);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AViewerReadsAlertsAndSettings_AnAgencyIsRefused()
    {
        await using var w = await TestWorkspace.OpenAsync(TestStoreKind.Sqlite, "pr");
        await CrisisSamples.SeedAsync(w.Services);
        var alerts = w.Get<AlertUseCases>();

        w.ActAs(Viewer);
        Assert.Equal(["A-000001", "A-000002"], (await alerts.ListAsync(AlertFilter.All, Ct)).Select(e => e.Alert.Id).Order(StringComparer.Ordinal));
        Assert.Equal(AlertStatus.New, Expect.Ok(await alerts.GetAsync("A-000001", Ct)).Alert.Status);
        Assert.Equal(0L, (await alerts.SettingsAsync(Ct)).Version);

        w.ActAs(Agency);
        await Assert.ThrowsAsync<AccessDeniedException>(() => alerts.ListAsync(AlertFilter.All, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => alerts.GetAsync("A-000001", Ct));
        Assert.Equal(Permission.ReadReports, (await Assert.ThrowsAsync<AccessDeniedException>(() => alerts.SettingsAsync(Ct))).Permission);
    }

    [Fact]
    public async Task AUnitLeadHandlesAlertsSavesSettingsAndEvaluates_AViewerAndAnAnalystAreRefused_WithNothingChanged()
    {
        await using var w = await TestWorkspace.OpenAsync(TestStoreKind.Sqlite, "pr");
        await CrisisSamples.SeedAsync(w.Services);
        var source = new FakeAlertSource("listening");
        var alerts = AlertSamples.UseCases(w.Services, null, source);
        var settings = AlertSettings.Default with { IntervalMinutes = 5 };

        foreach (var refused in new[] { Viewer, Analyst })
        {
            w.ActAs(refused);
            Assert.Equal(Permission.WriteShared, (await Assert.ThrowsAsync<AccessDeniedException>(() => alerts.AcknowledgeAsync("A-000001", null, Ct))).Permission);
            await Assert.ThrowsAsync<AccessDeniedException>(() => alerts.ResolveAsync("A-000001", "done", null, Ct));
            await Assert.ThrowsAsync<AccessDeniedException>(() => alerts.DismissAsync("A-000001", "noise", null, Ct));
            await Assert.ThrowsAsync<AccessDeniedException>(() => alerts.SaveSettingsAsync(settings, null, Ct));
            await Assert.ThrowsAsync<AccessDeniedException>(() => alerts.EvaluateAsync(Ct));
        }

        Assert.Equal((AlertStatus.New, 1L), (Expect.Ok(await alerts.GetAsync("A-000001", Ct)).Alert.Status, Expect.Ok(await alerts.GetAsync("A-000001", Ct)).Version));
        Assert.Equal((0L, 0), ((await alerts.SettingsAsync(Ct)).Version, source.Calls));

        w.ActAs(Lead);
        Expect.Ok(await alerts.AcknowledgeAsync("A-000001", null, Ct));
        Expect.Ok(await alerts.ResolveAsync("A-000001", "statement out", null, Ct));
        Expect.Ok(await alerts.DismissAsync("A-000002", "handled in the case", null, Ct));
        Assert.Equal(5, Expect.Ok(await alerts.SaveSettingsAsync(settings, 0, Ct)).IntervalMinutes);
        await alerts.EvaluateAsync(Ct);
        Assert.Equal(1, source.Calls);
    }

    [Fact]
    public async Task AfterAnImportByAnImportToken_TheServerEvaluatesTheAlerts_ThoughTheTokenMayNotEvaluateByHand()
    {
        await using var w = await TestWorkspace.OpenAsync(TestStoreKind.Sqlite, "pr");
        await AlertSamples.SeedAsync(w.Get<IDocumentStore>(), Ct);
        var source = new FakeAlertSource("listening");
        source.Next.Add(FakeAlertSource.Spike());
        var alerts = AlertSamples.UseCases(w.Services, null, source);
        var bytes = Encoding.UTF8.GetBytes("date,channel,spend\n2026-03-01,search,1\n");

        w.ActAs(ImportToken);
        var imported = await w.Get<ImportUseCases>().ImportAsync(
            new ImportRequest(DataKinds.Spend, "spend.csv", new FileFormat(DataFormat.Csv, false), () => new MemoryStream(bytes, writable: false)), Ct);
        await Assert.ThrowsAsync<AccessDeniedException>(() => alerts.EvaluateAsync(Ct));
        await new AlertImportObserver(alerts).ImportedAsync(imported, Ct);

        Assert.Equal(1, source.Calls);
        w.ActAs(Viewer);
        Assert.Equal(["A-000001"], (await alerts.ListAsync(AlertFilter.All, Ct)).Select(e => e.Alert.Id));
    }
}
