using System.Text;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Core.Organization;
using Mercato.Features.Imports;
using Mercato.Features.Organization;
using Mercato.Features.Targets;
using Mercato.Storage.Import;

namespace Mercato.Tests.UseCases;

/// <summary>The workspace's organization structure and KPI targets through their use cases (ported from OrgStoreTests).</summary>
public abstract class OrganizationUseCaseTests
{
    private static readonly Period Mar = Period.Parse("2026-03");

    protected abstract TestStoreKind Kind { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OrgStructure Recommended => OrgTemplates.Get("recommended")!;

    private Task<TestWorkspace> OpenAsync(string actor = "tester") => TestWorkspace.OpenAsync(Kind, actor);

    private static async Task SaveRecommendedAsync(TestWorkspace w) =>
        Expect.Ok(await w.Get<OrganizationUseCases>().SaveAsync(Recommended, replace: false, expectedVersion: null, Ct));

    private static Task<IReadOnlyList<KpiTarget>> TargetsAsync(TestWorkspace w, string? unit = null, Period? period = null, string? kpi = null) =>
        w.Get<TargetUseCases>().ListAsync(unit, period, kpi, Ct);

    [Fact]
    public async Task NewWorkspace_HasNoStructureAndNoTargets()
    {
        await using var w = await OpenAsync();
        var org = w.Get<OrganizationUseCases>();

        Assert.Null(await org.GetAsync(Ct));
        Assert.Null(await org.StructureAsync(Ct));
        Assert.Empty(await TargetsAsync(w));
        Expect.NotFound(await org.DeleteAsync(Ct), OrgHostCodes.NoStructure, MessageArgs.Empty);
    }

    [Fact]
    public async Task Save_ThenGet_GivesTheSameStructure_AndWhenAndByWhomItWasSaved_AlsoFromANewStore()
    {
        await using var w = await OpenAsync("cmo");
        var org = w.Get<OrganizationUseCases>();

        var result = await org.SaveAsync(Recommended, replace: false, expectedVersion: null, Ct);

        Assert.Equal(
            new OrgSaved(Recommended.Name, Recommended.Units.Count, Recommended.Ownerships.Count, Recommended.Kpis.Count, 0),
            Expect.Ok(result));
        Assert.Empty(result.Problems);
        var saved = (await org.GetAsync(Ct))!;
        Assert.Equal((Recommended, 1L, "2026-04-01T08:00:00.000Z", "cmo"), (saved.Value, saved.Version, saved.SavedAt, saved.SavedBy));
        await using var reopened = await ReopenedWorkspace.OpenAsync(w);
        Assert.Equal(Recommended, await reopened.Get<OrganizationUseCases>().StructureAsync(Ct));
    }

    [Fact]
    public async Task Save_Replaces_TheOneStructure_OnlyWhenAskedTo()
    {
        await using var w = await OpenAsync();
        var org = w.Get<OrganizationUseCases>();
        await SaveRecommendedAsync(w);
        w.Clock.Advance(TimeSpan.FromHours(1));
        var companyB = OrgTemplates.Get("company-b")!;

        var notReplacing = await org.SaveAsync(companyB, replace: false, expectedVersion: null, Ct);
        var replacing = await org.SaveAsync(companyB, replace: true, expectedVersion: null, Ct);

        Expect.Refused(notReplacing, ApiCodes.StructureExists, Expect.Args(("name", Recommended.Name)));
        Expect.Ok(replacing);
        Assert.Single(await w.Get<IDocumentStore>().ListAsync(OrganizationDocuments.Structure.Collection, Ct));
        var saved = (await org.GetAsync(Ct))!;
        Assert.Equal(("Company B (VR technology)", 2L, "2026-04-01T09:00:00.000Z", "tester"), (saved.Value.Name, saved.Version, saved.SavedAt, saved.SavedBy));
    }

    [Fact]
    public async Task Save_InvalidStructure_ChangesNothing_AndListsTheProblems()
    {
        await using var w = await OpenAsync();
        var org = w.Get<OrganizationUseCases>();
        await SaveRecommendedAsync(w);
        var broken = Recommended with { Units = [.. Recommended.Units, new OrgUnit("lost", "Lost", UnitKind.Team, "nowhere")] };

        var result = await org.SaveAsync(broken, replace: true, expectedVersion: null, Ct);

        Expect.Invalid(result, Problem.Of("units[18].parent", OrgCodes.UnknownUnit, ("unit", "nowhere")));
        var saved = (await org.GetAsync(Ct))!;
        Assert.Equal((Recommended, 1L), (saved.Value, saved.Version));
    }

    [Fact]
    public async Task Save_AtAStaleVersion_IsMovedMeanwhile_AndChangesNothing()
    {
        await using var w = await OpenAsync();
        var org = w.Get<OrganizationUseCases>();
        await SaveRecommendedAsync(w);
        Expect.Ok(await org.SaveAsync(OrgTemplates.Get("company-a")!, replace: true, expectedVersion: 1, Ct));

        var stale = await org.SaveAsync(OrgTemplates.Get("company-b")!, replace: true, expectedVersion: 1, Ct);
        var notNew = await org.SaveAsync(OrgTemplates.Get("company-c")!, replace: true, expectedVersion: 0, Ct);

        Expect.MovedMeanwhile(stale, MessageArgs.Empty);
        Expect.MovedMeanwhile(notNew, MessageArgs.Empty);
        var saved = (await org.GetAsync(Ct))!;
        Assert.Equal((OrgTemplates.Get("company-a")!, 2L), (saved.Value, saved.Version));
    }

    [Fact]
    public async Task Save_DoesNotChangeTheDataVersion()
    {
        await using var w = await OpenAsync();
        var catalog = w.Get<IFactCatalog>();
        var before = await catalog.DataVersionAsync(Ct);

        await SaveRecommendedAsync(w);
        Expect.Ok(await w.Get<TargetUseCases>().SetAsync([new TargetInput("dau", "user_ops", "2026-03", 100)], Ct));

        Assert.Equal(before, await catalog.DataVersionAsync(Ct));
    }

    [Fact]
    public async Task Delete_RemovesStructureAndTargets()
    {
        await using var w = await OpenAsync();
        var org = w.Get<OrganizationUseCases>();
        await SaveRecommendedAsync(w);
        Expect.Ok(await w.Get<TargetUseCases>().SetAsync([new TargetInput("dau", "user_ops", "2026-03", 100)], Ct));

        Expect.Ok(await org.DeleteAsync(Ct));

        Assert.Null(await org.GetAsync(Ct));
        Assert.Empty(await TargetsAsync(w));
        Expect.NotFound(await org.DeleteAsync(Ct), OrgHostCodes.NoStructure, MessageArgs.Empty);
    }

    [Fact]
    public async Task SetTargets_AddsThenUpdates_AndReadsBack_WithWhenAndByWhom()
    {
        await using var w = await OpenAsync("cmo");
        var targets = w.Get<TargetUseCases>();
        await SaveRecommendedAsync(w);

        var first = await targets.SetAsync(
        [
            new TargetInput("retention_d7", "user_ops", "2026-03", 0.2),
            new TargetInput("cpa", "online_promotion", "2026-Q1", 50),
            new TargetInput("dau", "user_ops", "2026-03", 1000),
        ], Ct);
        w.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await targets.SetAsync([new TargetInput("retention_d7", "user_ops", "2026-03", 0.25), new TargetInput("dau", "user_ops", "2026-04", 1100)], Ct);

        Assert.Equal(new TargetsSaved(3, 0), Expect.Ok(first));
        Assert.Equal(new TargetsSaved(1, 1), Expect.Ok(second));
        Assert.Equal([new KpiTarget("retention_d7", "user_ops", Mar, 0.25)], await TargetsAsync(w, "user_ops", Mar, "retention_d7"));
        Assert.Equal(
            ["cpa online_promotion 2026-Q1", "dau user_ops 2026-03", "dau user_ops 2026-04", "retention_d7 user_ops 2026-03"],
            (await TargetsAsync(w)).Select(t => t.Kpi + " " + t.Unit + " " + t.Period));
        Assert.Equal(["dau", "retention_d7"], (await TargetsAsync(w, unit: "user_ops", period: Mar)).Select(t => t.Kpi));
        Assert.Equal([Mar, Mar.Next()], (await TargetsAsync(w, kpi: "dau")).Select(t => t.Period));
        var updated = Assert.Single(await targets.ListVersionedAsync("user_ops", Mar, "retention_d7", Ct));
        Assert.Equal((2L, "2026-04-01T08:01:00.000Z", "cmo"), (updated.Version, updated.SavedAt, updated.SavedBy));
    }

    [Fact]
    public async Task SetTargets_WithAnyProblem_SavesNone()
    {
        await using var w = await OpenAsync();
        await SaveRecommendedAsync(w);

        var result = await w.Get<TargetUseCases>().SetAsync(
        [
            new TargetInput("dau", "user_ops", "2026-03", 1000),
            new TargetInput("happiness", "user_ops", "2026-03", 1),
            new TargetInput("dau", "nobody", "2026-3", -1),
            new TargetInput("cpa", "online_promotion", "2026-Q1", double.NaN),
        ], Ct);

        Assert.Equal((OutcomeKind.Invalid, CommonCodes.Invalid, Expect.Args(("count", 5))), (result.Kind, result.Code, result.Args));
        Assert.Equal(
            ["targets[1].kpi", "targets[2].unit", "targets[2].period", "targets[2].value", "targets[3].value"],
            result.Problems.Select(p => p.Path));
        Assert.Equal((CampaignCodes.UnknownKpi, Expect.Args(("kpi", "happiness"))), (result.Problems[0].Code, result.Problems[0].Args));
        Assert.Equal(
            [OrgCodes.UnknownUnitIn, OrgCodes.NotAPeriod, CommonCodes.Negative, CommonCodes.NotFinite],
            result.Problems.Skip(1).Select(p => p.Code));
        Assert.Empty(await TargetsAsync(w));
    }

    [Fact]
    public async Task SetTargets_WithoutAStructure_IsInvalid()
    {
        await using var w = await OpenAsync();

        var result = await w.Get<TargetUseCases>().SetAsync([new TargetInput("dau", "user_ops", "2026-03", 1000)], Ct);

        Expect.Invalid(result, new Problem("targets", OrgCodes.NoStructure));
    }

    [Fact]
    public async Task SetTargets_TheCatalogsKpisCanBeGiven_OthersNot()
    {
        await using var w = await OpenAsync();
        var targets = w.Get<TargetUseCases>();
        await SaveRecommendedAsync(w);

        Expect.Invalid(await targets.SetAsync([new TargetInput("nps", "brand", "2026-03", 40)], Ct),
            Problem.Of("targets[0].kpi", CampaignCodes.UnknownKpi, ("kpi", "nps")));
        Assert.Equal(new TargetsSaved(1, 0), Expect.Ok(await targets.SetAsync([new TargetInput("roas", "brand", "2026-03", 4)], Ct)));
    }

    [Fact]
    public async Task SetTargets_AKpiOnlyTheStructureNames_IsRefused_ForNoScorecardCouldScoreIt()
    {
        await using var w = await OpenAsync();
        var targets = w.Get<TargetUseCases>();
        // The structure's own KPI (not one Mercato computes): the scorecard has no value to hold against a target.
        var function = Recommended.Ownerships.First(o => o.Unit == "brand").Function;
        var withNps = Recommended with { Kpis = [.. Recommended.Kpis, new KpiAssignment("nps", function, "brand")] };
        Expect.Ok(await w.Get<OrganizationUseCases>().SaveAsync(withNps, replace: false, expectedVersion: null, Ct));

        var result = await targets.SetAsync([new TargetInput("nps", "brand", "2026-03", 40)], Ct);

        Assert.Equal(OutcomeKind.Invalid, result.Kind);
        Assert.Equal(["targets[0].kpi"], result.Problems.Select(p => p.Path));
        Assert.Equal(CampaignCodes.UnknownKpi, result.Problems[0].Code);
        Assert.Empty(await TargetsAsync(w));
    }

    [Fact]
    public async Task Save_RemovesTargetsOfUnitsThatAreGone_KeepsTheOthers()
    {
        await using var w = await OpenAsync();
        await SaveRecommendedAsync(w);
        Expect.Ok(await w.Get<TargetUseCases>().SetAsync(
        [
            new TargetInput("dau", "user_ops", "2026-03", 1000),
            new TargetInput("mau", "user_ops", "2026-03", 5000),
            new TargetInput("gmv", "store_ops", "2026-03", 1e6),
        ], Ct));
        var smaller = Recommended with
        {
            Units = [.. Recommended.Units.Where(u => u.Id != "user_ops")],
            Ownerships = [.. Recommended.Ownerships.Where(o => o.Unit != "user_ops")],
            Kpis = [.. Recommended.Kpis.Select(k => k.Unit == "user_ops" ? k with { Unit = null } : k)],
        };

        var result = await w.Get<OrganizationUseCases>().SaveAsync(smaller, replace: true, expectedVersion: null, Ct);

        Assert.Equal(2, Expect.Ok(result).TargetsRemoved);
        Assert.Equal(["gmv"], (await TargetsAsync(w)).Select(t => t.Kpi));
    }

    [Fact]
    public async Task DeleteTarget_RemovesOne()
    {
        await using var w = await OpenAsync();
        var targets = w.Get<TargetUseCases>();
        await SaveRecommendedAsync(w);
        Expect.Ok(await targets.SetAsync([new TargetInput("dau", "user_ops", "2026-03", 1000), new TargetInput("dau", "user_ops", "2026-Q1", 900)], Ct));

        Expect.Ok(await targets.DeleteAsync("dau", "user_ops", Mar, Ct));
        Expect.NotFound(await targets.DeleteAsync("dau", "user_ops", Mar, Ct), ApiCodes.TargetNotFound,
            Expect.Args(("kpi", "dau"), ("unit", "user_ops"), ("period", "2026-03")));

        Assert.Equal([Period.Parse("2026-Q1")], (await TargetsAsync(w)).Select(t => t.Period));
    }

    [Fact]
    public async Task Target_AtAStaleVersion_IsMovedMeanwhile_AndChangesNothing()
    {
        await using var w = await OpenAsync();
        var targets = w.Get<TargetUseCases>();
        await SaveRecommendedAsync(w);
        Expect.Ok(await targets.SetAsync(new TargetInput("dau", "user_ops", "2026-03", 1000), expectedVersion: 0, Ct));
        Expect.Ok(await targets.SetAsync(new TargetInput("dau", "user_ops", "2026-03", 1100), expectedVersion: 1, Ct));

        Expect.MovedMeanwhile(await targets.SetAsync(new TargetInput("dau", "user_ops", "2026-03", 1200), expectedVersion: 1, Ct), MessageArgs.Empty);
        Expect.MovedMeanwhile(await targets.SetAsync(new TargetInput("dau", "user_ops", "2026-04", 1200), expectedVersion: 1, Ct), MessageArgs.Empty);
        Expect.MovedMeanwhile(await targets.DeleteAsync("dau", "user_ops", Mar, expectedVersion: 1, Ct), MessageArgs.Empty);

        var stored = Assert.Single(await targets.ListVersionedAsync(null, null, null, Ct));
        Assert.Equal((new KpiTarget("dau", "user_ops", Mar, 1100), 2L), (stored.Value, stored.Version));
        Expect.Ok(await targets.DeleteAsync("dau", "user_ops", Mar, expectedVersion: 2, Ct));
        Assert.Empty(await TargetsAsync(w));
    }

    [Fact]
    public async Task Values_RoundTripExactly()
    {
        await using var w = await OpenAsync();
        await SaveRecommendedAsync(w);
        Expect.Ok(await w.Get<TargetUseCases>().SetAsync([new TargetInput("retention_d30", "user_ops", "2026-03", 0.1 + 0.2)], Ct));

        Assert.Equal(0.1 + 0.2, (await TargetsAsync(w)).Single().Value);
    }

    [Fact]
    public async Task CorruptDocument_IsAnError_NotASilentNull()
    {
        await using var w = await OpenAsync();
        var org = w.Get<OrganizationUseCases>();
        await SaveRecommendedAsync(w);
        // What a hand edit of the store could leave: a structure document that does not read back.
        var raw = new DocumentKind<string>(OrganizationDocuments.Structure.Collection, _ => OrganizationDocuments.StructureId, json => json, json => json);
        Assert.True((await w.Get<IDocumentStore>().CommitAsync([DocumentChange.Put(raw, "{\"name\": \"x\"}")], new NamedUser("hand"), Ct)).Committed);

        await Assert.ThrowsAsync<InvalidDataException>(() => org.GetAsync(Ct));
        await Assert.ThrowsAsync<InvalidDataException>(() => org.StructureAsync(Ct));
    }

    [Fact]
    public async Task ThePeriods_FollowEachKindWithMonths_ThoughTheMonthsAreKept()
    {
        await using var w = await OpenAsync();
        var org = w.Get<OrganizationUseCases>();
        async Task ImportAsync(DataKind kind, string csv)
        {
            var bytes = Encoding.UTF8.GetBytes(csv);
            var imported = await w.Get<ImportUseCases>().ImportAsync(
                new ImportRequest(kind, kind.Name + ".csv", new FileFormat(DataFormat.Csv, false), () => new MemoryStream(bytes, writable: false)), Ct);
            Assert.True(imported.Status == ImportStatus.Committed, kind.Name + ": " + string.Join("; ", imported.Errors.Select(e => e.ToString())));
        }

        async Task<string> ChoicesAsync() => string.Join(' ', await org.PeriodChoicesAsync(await org.DefaultPeriodAsync(Ct), Ct));

        await ImportAsync(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,1\n");
        Assert.Equal("2026-03 2026-Q1", await ChoicesAsync());
        Assert.Equal("2026-03 2026-Q1", await ChoicesAsync()); // the kept months
        await ImportAsync(DataKinds.Costs, "month,category,amount,kind\n2026-04,staff,1,fixed\n");
        Assert.Equal("2026-Q2 2026-04 2026-03 2026-Q1", await ChoicesAsync());
        await ImportAsync(DataKinds.Conversions, "conversion_id,user_id,timestamp,revenue\nc1,u1,2026-07-02T00:00:00Z,10\n");
        Assert.Equal("2026-Q3 2026-07 2026-Q2 2026-04 2026-03 2026-Q1", await ChoicesAsync());
        // Touchpoints carry no money: their months are not offered (and the kept months are not read again for them).
        await ImportAsync(DataKinds.Touchpoints, "user_id,timestamp,channel\nu1,2026-09-01T00:00:00Z,search\n");
        Assert.Equal("2026-07", (await org.DefaultPeriodAsync(Ct)).ToString());
    }

    [Fact]
    public async Task ImportedFacts_AndTheOrganization_LiveSideBySide()
    {
        await using var w = await OpenAsync();
        var bytes = Encoding.UTF8.GetBytes("date,channel,spend\n2026-03-01,search,1\n");
        var imported = await w.Get<ImportUseCases>().ImportAsync(
            new ImportRequest(DataKinds.Spend, "spend.csv", new FileFormat(DataFormat.Csv, false), () => new MemoryStream(bytes, writable: false)), Ct);
        Assert.Equal((ImportStatus.Committed, 1L), (imported.Status, imported.Added));

        await SaveRecommendedAsync(w);

        var sources = await w.Get<ImportUseCases>().SourcesAsync(Ct);
        Assert.Equal(1, sources.Kinds.Single(k => k.Kind == DataKinds.Spend.Name).Rows);
        Assert.NotNull(await w.Get<OrganizationUseCases>().GetAsync(Ct));
    }
}

public sealed class OrganizationUseCaseTestsOnSqlite : OrganizationUseCaseTests
{
    protected override TestStoreKind Kind => TestStoreKind.Sqlite;
}

public sealed class OrganizationUseCaseTestsOnPostgres : OrganizationUseCaseTests
{
    protected override TestStoreKind Kind => TestStoreKind.Postgres;
}
