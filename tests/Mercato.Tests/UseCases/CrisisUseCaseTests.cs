using System.Text;
using Mercato.Core.Alerts;
using Mercato.Core.Campaigns;
using Mercato.Core.Crisis;
using Mercato.Core.DataCenter;
using Mercato.Core.Organization;
using Mercato.Features.Crisis;
using Mercato.Features.Imports;
using Mercato.Storage.Import;
using Microsoft.Extensions.DependencyInjection;

namespace Mercato.Tests.UseCases;

/// <summary>Alerts, an organization with a PR unit handling crises, mentions of 召回 (recall) and a campaign, for the crisis tests.</summary>
public static class CrisisSamples
{
    public static readonly OrgStructure Company = new(
        "Co",
        [
            new("co", "Company", UnitKind.Company, Head: "Wang Wei, CEO"),
            new("mkt", "Marketing center", UnitKind.Center, "co", "Lin Hui, CMO"),
            new("pr", "PR department", UnitKind.Department, "mkt", "Bo Chen"),
        ],
        ownerships: [new("mkt", "brand_positioning", RaciRole.Accountable), new("pr", "crisis_handling", RaciRole.Accountable)]);

    /// <summary>One mention before the alert's since (07:00 on 2026-04-01), two during, and one without the term.</summary>
    private const string Mentions = """
        mention_id,timestamp,source,author,author_followers,text,url,language,reach,likes,comments,shares
        m1,2026-03-30T10:00:00Z,weibo,ann,,I hate this terrible recall,,en,100,0,0,0
        m2,2026-04-01T07:10:00Z,weibo,bob,,I hate this terrible recall so much,,en,900,0,0,0
        m3,2026-04-01T07:40:00Z,weibo,cat,,great recall service and I love it,,en,300,0,0,0
        m4,2026-04-01T07:50:00Z,weibo,dan,,great nebulizer,,en,5000,0,0,0
        """;

    /// <summary>A warning alert A-000001, a severe one A-000002 (term 召回, since 07:00), the organization and people, the mentions and two campaigns.</summary>
    public static async Task SeedAsync(IServiceProvider services, OrgStructure? structure = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var at = TestWorkspace.Start;
        var warning = AlertRules.Merge([], FakeAlertSource.Spike(), "listening", "A-000001", null, "system", at).Alert;
        var severe = AlertRules.Merge([], FakeAlertSource.Spike(AlertSeverity.Severe, key: "risk_term:召回"), "listening", "A-000002", null, "system", at).Alert;
        var commit = await services.GetRequiredService<IDocumentStore>().CommitAsync(
            [
                DocumentChange.Put(AlertDocuments.Alerts, warning, 0),
                DocumentChange.Put(AlertDocuments.Alerts, severe, 0),
                DocumentChange.Put(OrganizationDocuments.Structure, structure ?? Company),
                DocumentChange.Put(CampaignDocuments.People, new Person("lin", "Lin Hui", "mkt")),
                DocumentChange.Put(CampaignDocuments.People, new Person("bo", "Bo Chen", "pr")),
                DocumentChange.Put(CampaignDocuments.Campaigns, new Campaign("spring", "Spring care", CampaignType.ProductLaunch, "mkt", new DateOnly(2026, 3, 20), new DateOnly(2026, 4, 10),
                    kit: new ContentKit(["No recall worries with us"], []))),
                DocumentChange.Put(CampaignDocuments.Campaigns, new Campaign("summer", "Summer", CampaignType.ProductLaunch, "mkt", new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30))),
            ],
            new NamedUser("tester"), ct);
        Assert.True(commit.Committed);
        var bytes = Encoding.UTF8.GetBytes(Mentions.Replace("\r\n", "\n", StringComparison.Ordinal));
        var imported = await services.GetRequiredService<ImportUseCases>().ImportAsync(
            new ImportRequest(DataKinds.Mentions, "mentions.csv", new FileFormat(DataFormat.Csv, false), () => new MemoryStream(bytes, writable: false)), ct);
        Assert.Equal(4L, imported.Added);
    }
}

/// <summary>Crisis cases through their use case, on each store: opening, four eyes, the statuses, figures, timeline and campaigns.</summary>
public abstract class CrisisUseCaseTests
{
    protected abstract TestStoreKind Kind { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASevereAlert_OpensACaseOwnedByThePrHead_AnsweredWithFourEyes_MeasuredAndClosed()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind, "pr");
        await CrisisSamples.SeedAsync(w.Services);
        var crisis = w.Get<CrisisUseCases>();
        var lin = ActivatorUtilities.CreateInstance<CrisisUseCases>(w.Services, (ICurrentUser)new NamedUser("lin"));

        Assert.Empty(await crisis.ListAsync(null, Ct));
        var warning = await crisis.OpenFromAlertAsync("A-000001", Ct);
        Assert.Equal((OutcomeKind.Refused, CrisisCodes.NotSevere), (warning.Kind, warning.Code));
        Assert.Equal(OutcomeKind.NotFound, (await crisis.OpenFromAlertAsync("A-000404", Ct)).Kind);

        var opened = Expect.Ok(await crisis.OpenFromAlertAsync("A-000002", Ct));
        Assert.Equal(("C-000001", "bo", "Bo Chen", CrisisStatus.Open, TestWorkspace.Start.AddHours(-1), 1L), (opened.Case.Id, opened.Case.Owner, opened.OwnerName, opened.Case.Status, opened.Case.WindowStart, opened.Version));
        Assert.Equal(["召回"], opened.Case.Terms);
        Assert.Equal(CrisisCodes.AlertHasCase, (await crisis.OpenFromAlertAsync("A-000002", Ct)).Code);
        Assert.Equal("C-000001", (await crisis.ForAlertAsync("A-000002", Ct))?.Case.Id);

        w.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(CrisisCodes.NoApprovedStatement, (await crisis.AdvanceAsync("C-000001", "responding", null, null, Ct)).Code);
        Assert.Equal(OutcomeKind.Invalid, (await crisis.DraftAsync("C-000001", "tweet", "x", null, Ct)).Kind);
        // A step decided on another version than the stored one changes nothing (the failed steps above stored nothing: still 1).
        Assert.Equal(OutcomeKind.MovedMeanwhile, (await crisis.DraftAsync("C-000001", "holding_statement", "stale", 2, Ct)).Kind);
        Assert.Equal(2L, Expect.Ok(await crisis.DraftAsync("C-000001", "holding_statement", "We are looking into it.", 1, Ct)).Version);
        Assert.Equal(OutcomeKind.MovedMeanwhile, (await lin.ApproveAsync("C-000001", "S1", 1, Ct)).Kind);
        Assert.Equal(CrisisCodes.FourEyes, (await crisis.ApproveAsync("C-000001", "S1", null, Ct)).Code);
        w.Clock.Advance(TimeSpan.FromMinutes(25));
        var approved = Expect.Ok(await lin.ApproveAsync("C-000001", "S1", null, Ct));
        Assert.Equal(("lin", (DateTimeOffset?)TestWorkspace.Start.AddMinutes(45)), (approved.Case.Statements[0].ApprovedBy, approved.Case.Statements[0].ApprovedAt));
        Expect.Ok(await crisis.AdvanceAsync("C-000001", "responding", null, null, Ct));
        Expect.Ok(await crisis.AdvanceAsync("C-000001", "monitoring", "calmer", null, Ct));
        Assert.Equal(OutcomeKind.Invalid, (await crisis.CloseAsync("C-000001", "", null, Ct)).Kind);
        w.Clock.Advance(TimeSpan.FromHours(2));
        var closed = Expect.Ok(await crisis.CloseAsync("C-000001", "recall rumour denied", null, Ct));
        Assert.Equal((CrisisStatus.Closed, 6L), (closed.Case.Status, closed.Version));
        Assert.Equal(CrisisCodes.WrongStatus, (await crisis.AdvanceAsync("C-000001", "monitoring", null, null, Ct)).Code);

        w.Clock.Advance(TimeSpan.FromHours(1));
        var d = Expect.Ok(await crisis.GetAsync("C-000001", Ct));
        Assert.Equal((TimeSpan?)TimeSpan.FromMinutes(45), d.Figures.TimeToFirstResponse);
        Assert.Equal((TimeSpan?)TimeSpan.FromMinutes(165), d.Figures.TimeToResolution);
        Assert.Equal((1L, 1L, 1.0), (d.Figures.Before.Counts.Mentions, d.Figures.Before.Counts.Negative, d.Figures.Before.Counts.NegativeShare));
        Assert.Equal((2L, 1L, 0.5, 1200L), (d.Figures.During.Counts.Mentions, d.Figures.During.Counts.Negative, d.Figures.During.Counts.NegativeShare, d.Figures.During.Counts.Reach));
        Assert.Equal(0L, d.Figures.After!.Counts.Mentions);
        Assert.Equal(["m2", "m3"], d.TopMentions.Select(m => m.MentionId));
        Assert.Contains(d.Timeline, t => t.What == "mentions" && t.At == TestWorkspace.Start.AddHours(-1) && t.Volume!.Mentions == 2);
        Assert.Equal("closed", d.Timeline[^1].What);
        var running = Assert.Single(d.Campaigns);
        Assert.Equal(("spring", true), (running.Id, running.PauseSuggested));
        Assert.Contains("recall", running.Matched);

        Assert.Equal(["C-000001"], (await crisis.ListAsync(CrisisStatus.Closed, Ct)).Select(e => e.Case.Id));
        Assert.Empty(await crisis.ListAsync(CrisisStatus.Open, Ct));
        Assert.Equal(CrisisCodes.NotFound, (await crisis.GetAsync("C-000404", Ct)).Code);
    }

    [Fact]
    public async Task ACaseOpenedByHand_FallsBackToTheMarketingHead_AndMayBeClosedByAnExecutive()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind, "pr");
        await CrisisSamples.SeedAsync(w.Services, AlertSamples.Company);
        var crisis = w.Get<CrisisUseCases>();

        var bad = await crisis.OpenAsync(" ", null, TestWorkspace.Start.AddDays(1), Ct);
        Assert.Equal(OutcomeKind.Invalid, bad.Kind);
        var opened = Expect.Ok(await crisis.OpenAsync("Nebulizer complaints", "", TestWorkspace.Start.AddHours(-2), Ct));
        Assert.Equal(("C-000001", "lin", AlertSeverity.Severe), (opened.Case.Id, opened.Case.Owner, opened.Case.Severity));
        Assert.Empty(opened.Case.Terms);

        var d = Expect.Ok(await crisis.GetAsync("C-000001", Ct));
        Assert.Equal(3L, d.Figures.During.Counts.Mentions);
        Assert.Equal("m4", d.TopMentions[0].MentionId);

        var closed = Expect.Ok(await crisis.AdvanceAsync("C-000001", "closed", "handled by the CEO's office", null, Ct));
        Assert.Equal((CrisisStatus.Open, CrisisStatus.Closed), (closed.Case.History[^1].From, closed.Case.History[^1].To));
        Assert.Equal(OutcomeKind.Invalid, (await crisis.AdvanceAsync("C-000001", "open", null, null, Ct)).Kind);
    }
}

public sealed class CrisisUseCaseTestsOnSqlite : CrisisUseCaseTests
{
    protected override TestStoreKind Kind => TestStoreKind.Sqlite;
}

public sealed class CrisisUseCaseTestsOnPostgres : CrisisUseCaseTests
{
    protected override TestStoreKind Kind => TestStoreKind.Postgres;
}
