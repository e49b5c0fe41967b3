using Mercato.Core.Campaigns;
using Mercato.Core.Demo;
using Mercato.Features.Campaigns;
using Mercato.Features.Organization;
using Mercato.Features.People;
using static Mercato.Tests.UseCases.Samples;

namespace Mercato.Tests.UseCases;

/// <summary>
/// The principals and the small workspace the access tests share: the demo company's structure (company &gt; marketing &gt;
/// brand and pr), Ann in brand and Bo in pr, the launch campaign of brand run by Ann's squad, and a pr campaign.
/// </summary>
public static class AccessSamples
{
    public static readonly Principal MarketingLead = new("lin", [new RoleGrant(Role.UnitLead, "marketing")]);
    public static readonly Principal BrandLead = new("zhou", [new RoleGrant(Role.UnitLead, "brand")]);
    public static readonly Principal PrLead = new("guo", [new RoleGrant(Role.UnitLead, "pr")]);
    public static readonly Principal SquadMember = new("ann-account", [new RoleGrant(Role.Member)], Person: "ann");
    public static readonly Principal OtherMember = new("zed", [new RoleGrant(Role.Member)], Person: "zed");
    public static readonly Principal Agency = new("agency", [new RoleGrant(Role.Agency, Campaigns: ["bp-launch"])]);
    public static readonly Principal Viewer = new("vic", [new RoleGrant(Role.Viewer)]);
    public static readonly Principal Analyst = new("ana", [new RoleGrant(Role.Analyst)]);
    public static readonly Principal Executive = new("cmo", [new RoleGrant(Role.Executive)]);
    public static readonly Principal Admin = Principal.Administrator("root");

    public static readonly Campaign PrPush = Launch with { Id = "pr-push", Name = "PR push", Unit = "pr", Codes = ["pr-push"] };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A SQLite workspace holding the sample structure, people, campaigns and squad, acting as an administrator.</summary>
    public static async Task<TestWorkspace> OpenAsync()
    {
        var w = await TestWorkspace.OpenAsync(TestStoreKind.Sqlite);
        Expect.Ok(await w.Get<OrganizationUseCases>().SaveAsync(DemoOrganization.Structure(), replace: false, expectedVersion: null, Ct));
        var people = w.Get<PeopleUseCases>();
        Expect.Ok(await people.SavePersonAsync(Ann, mustBeNew: true, expectedVersion: null, Ct));
        Expect.Ok(await people.SavePersonAsync(Bo, mustBeNew: true, expectedVersion: null, Ct));
        var campaigns = w.Get<CampaignUseCases>();
        Expect.Ok(await campaigns.SaveAsync(Launch, mustBeNew: true, expectedVersion: null, Ct));
        Expect.Ok(await campaigns.SaveAsync(PrPush, mustBeNew: true, expectedVersion: null, Ct));
        Expect.Ok(await people.SaveSquadAsync(LaunchSquad, expectedVersion: null, Ct));
        return w;
    }
}

/// <summary>
/// Who may read and write campaigns (docs/access.md): an agency lists and opens only the campaigns it is named on (another
/// is not found, not forbidden) and sees no money; a unit lead writes the campaigns of their unit and the units below it;
/// a member writes the campaigns of the squads they are in; budget and kit approvals need their own roles.
/// </summary>
public sealed class CampaignsAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly MessageArgs PrPushArgs = Expect.Args(("id", "pr-push"));

    [Fact]
    public async Task Agency_ListsOnlyItsCampaigns_AndAnotherCampaignIsNotFound()
    {
        await using var w = await AccessSamples.OpenAsync();
        var campaigns = w.Get<CampaignUseCases>();
        w.ActAs(AccessSamples.Agency);

        Assert.Equal(["bp-launch"], (await campaigns.ListAsync(Ct)).Select(c => c.Id));
        Assert.Equal(["bp-launch"], (await campaigns.BoardAsync(Ct)).Columns.SelectMany(c => c.Campaigns).Select(c => c.Id));
        Assert.Equal(["bp-launch"], (await campaigns.MonthAsync(new YearMonth(2026, 4), Ct)).Calendar.Campaigns.Select(b => b.Campaign));
        Assert.Equal("bp-launch", Expect.Ok(await campaigns.GetAsync("bp-launch", Ct)).Value.Id);
        var detail = Expect.Ok(await campaigns.DetailAsync("bp-launch", Ct));
        Assert.Equal(("bp-launch", "launch-squad"), (detail.Campaign.Id, Assert.Single(detail.Squads).Id));
        Assert.Empty(detail.Squads[0].Members); // an agency sees no people
        Expect.NotFound(await campaigns.GetAsync("pr-push", Ct), CampaignCodes.CampaignNotFound, PrPushArgs);
        Expect.NotFound(await campaigns.DetailAsync("pr-push", Ct), CampaignCodes.CampaignNotFound, PrPushArgs);
        Expect.NotFound(await campaigns.BudgetCheckAsync("pr-push", Ct), CampaignCodes.CampaignNotFound, PrPushArgs);
        Expect.NotFound(await campaigns.AdvanceAsync("pr-push", null, null, null, Ct), CampaignCodes.CampaignNotFound, PrPushArgs);
        Expect.NotFound(await campaigns.RemoveAsync("pr-push", null, Ct), CampaignCodes.CampaignNotFound, PrPushArgs);
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.BudgetCheckAsync(AccessSamples.PrPush, Ct));

        // Everyone else who reads campaigns reads them all.
        w.ActAs(AccessSamples.Viewer);
        Assert.Equal(["bp-launch", "pr-push"], (await campaigns.ListAsync(Ct)).Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.Equal("pr-push", Expect.Ok(await campaigns.GetAsync("pr-push", Ct)).Value.Id);
        Assert.Empty(Expect.Ok(await campaigns.DetailAsync("bp-launch", Ct)).Squads[0].Members);
        w.ActAs(AccessSamples.Analyst);
        Assert.Equal(2, Expect.Ok(await campaigns.DetailAsync("bp-launch", Ct)).Squads[0].Members.Count);
    }

    [Fact]
    public async Task Agency_SeesNoMoney_NoBrandBoard_NoBundle_WhileAViewerDoes()
    {
        await using var w = await AccessSamples.OpenAsync();
        var campaigns = w.Get<CampaignUseCases>();
        w.ActAs(AccessSamples.Agency);
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.EvaluateAsync("bp-launch", null, CampaignUseCases.DefaultModel, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.DefaultBrandWindowAsync(Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.BrandBoardAsync(null, null, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.BrandBoardAsync(new DateRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.ExportAsync(Ct));

        w.ActAs(AccessSamples.Viewer);
        Assert.Equal("bp-launch", Expect.Ok(await campaigns.EvaluateAsync("bp-launch", null, CampaignUseCases.DefaultModel, Ct)).Report.Campaign);
        Expect.Ok(await campaigns.BrandBoardAsync(new DateRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)), Ct));
        // A bundle carries the people directory, which a viewer does not read; an analyst does.
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.ExportAsync(Ct));
        w.ActAs(AccessSamples.Analyst);
        Assert.Equal(2, (await campaigns.ExportAsync(Ct)).Campaigns.Count);
    }

    [Fact]
    public async Task Agency_WritesItsNamedCampaign_AnotherIsNotFound_AndItCreatesNone()
    {
        await using var w = await AccessSamples.OpenAsync();
        var campaigns = w.Get<CampaignUseCases>();
        w.ActAs(AccessSamples.Agency);

        Expect.Ok(await campaigns.SaveAsync(Launch with { Name = "Renamed by the agency" }, mustBeNew: false, expectedVersion: null, Ct));
        Expect.NotFound(await campaigns.AdvanceAsync("pr-push", null, null, null, Ct), CampaignCodes.CampaignNotFound, PrPushArgs);
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.SaveAsync(AccessSamples.PrPush with { Name = "Not ours" }, mustBeNew: false, expectedVersion: null, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.SaveAsync(Launch with { Id = "new-one", Codes = ["new-one"] }, mustBeNew: true, expectedVersion: null, Ct));

        w.ActAs(AccessSamples.Admin);
        Assert.Equal("PR push", Expect.Ok(await campaigns.GetAsync("pr-push", Ct)).Value.Name);
        Assert.Equal("Renamed by the agency", Expect.Ok(await campaigns.GetAsync("bp-launch", Ct)).Value.Name);
    }

    [Fact]
    public async Task UnitLead_AtAParentUnit_WritesAChildUnitsCampaign_AndOneAtASibling_IsRefused()
    {
        await using var w = await AccessSamples.OpenAsync();
        var campaigns = w.Get<CampaignUseCases>();

        w.ActAs(AccessSamples.MarketingLead);
        Expect.Ok(await campaigns.SaveAsync(Launch with { Name = "Edited by marketing" }, mustBeNew: false, expectedVersion: null, Ct));
        Expect.Ok(await campaigns.SaveAsync(Launch with { Id = "brand-new", Codes = ["brand-new"] }, mustBeNew: true, expectedVersion: null, Ct));

        w.ActAs(AccessSamples.PrLead);
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.SaveAsync(Launch with { Name = "Edited by pr" }, mustBeNew: false, expectedVersion: null, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.SaveAsync(Launch with { Id = "pr-in-brand", Codes = ["pr-in-brand"] }, mustBeNew: true, expectedVersion: null, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.RemoveAsync("brand-new", null, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.AdvanceAsync("bp-launch", null, null, null, Ct));
        // Handing its own campaign to a unit it does not lead is refused too.
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.SaveAsync(AccessSamples.PrPush with { Unit = "brand" }, mustBeNew: false, expectedVersion: null, Ct));
        Expect.Ok(await campaigns.SaveAsync(AccessSamples.PrPush with { Name = "Edited by pr" }, mustBeNew: false, expectedVersion: null, Ct));

        w.ActAs(AccessSamples.MarketingLead);
        Expect.Ok(await campaigns.RemoveAsync("brand-new", null, Ct));
        Assert.Equal("Edited by marketing", Expect.Ok(await campaigns.GetAsync("bp-launch", Ct)).Value.Name);
    }

    [Fact]
    public async Task Member_InTheCampaignsSquad_WritesIt_AndAMemberOutside_IsRefused()
    {
        await using var w = await AccessSamples.OpenAsync();
        var campaigns = w.Get<CampaignUseCases>();

        w.ActAs(AccessSamples.SquadMember);
        Expect.Ok(await campaigns.SaveAsync(Launch with { Name = "Edited by Ann" }, mustBeNew: false, expectedVersion: null, Ct));
        // Ann's squad does not run the pr campaign, and a member creates nothing.
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.SaveAsync(AccessSamples.PrPush with { Name = "Edited by Ann" }, mustBeNew: false, expectedVersion: null, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.SaveAsync(Launch with { Id = "ann-new", Codes = ["ann-new"] }, mustBeNew: true, expectedVersion: null, Ct));

        w.ActAs(AccessSamples.OtherMember);
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.SaveAsync(Launch with { Name = "Edited by Zed" }, mustBeNew: false, expectedVersion: null, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.MoveAsync("bp-launch", CampaignStage.Cancelled, "no", null, null, Ct));

        w.ActAs(AccessSamples.Viewer);
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.SaveAsync(Launch with { Name = "Edited by a viewer" }, mustBeNew: false, expectedVersion: null, Ct));
        Assert.Equal("Edited by Ann", Expect.Ok(await campaigns.GetAsync("bp-launch", Ct)).Value.Name);
    }

    [Fact]
    public async Task BudgetApproval_NeedsAnExecutive_AndKitApproval_AUnitLeadOfTheCampaignsUnit()
    {
        await using var w = await AccessSamples.OpenAsync();
        var campaigns = w.Get<CampaignUseCases>();

        w.ActAs(AccessSamples.MarketingLead);
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.ApproveBudgetAsync("bp-launch", null, null, null, Ct));
        w.ActAs(AccessSamples.SquadMember);
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.ApproveBudgetAsync("bp-launch", null, null, null, Ct));
        w.ActAs(AccessSamples.Executive);
        Assert.NotNull(Expect.Ok(await campaigns.ApproveBudgetAsync("bp-launch", "fine", null, null, Ct)).BudgetApproval);

        // The kit is empty, so the lifecycle refuses it: the access check let the brand lead through to that refusal.
        w.ActAs(AccessSamples.PrLead);
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.ApproveKitAsync("bp-launch", null, null, Ct));
        w.ActAs(AccessSamples.BrandLead);
        var kit = await campaigns.ApproveKitAsync("bp-launch", null, null, Ct);
        Assert.Equal(OutcomeKind.Refused, kit.Kind);
    }

    [Fact]
    public async Task Restore_WritesEveryUnitItTouches_SoALeadOfAnotherUnit_IsRefused()
    {
        await using var w = await AccessSamples.OpenAsync();
        var campaigns = w.Get<CampaignUseCases>();
        var bundle = new CampaignBundle([], [], [Launch with { Id = "restored", Codes = ["restored"] }]);

        w.ActAs(AccessSamples.PrLead);
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.ImportAsync(bundle, Ct));
        w.ActAs(AccessSamples.BrandLead);
        Expect.Ok(await campaigns.ImportAsync(bundle, Ct));
    }

    [Fact]
    public async Task NobodySignedIn_ReadsNoCampaign()
    {
        await using var w = await AccessSamples.OpenAsync();
        var campaigns = w.Get<CampaignUseCases>();
        w.ActAs(Principal.Anonymous);
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.ListAsync(Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.GetAsync("bp-launch", Ct));
        w.ActAs(new Principal("importer", [new RoleGrant(Role.Admin)], TokenScope: TokenScope.Import));
        await Assert.ThrowsAsync<AccessDeniedException>(() => campaigns.ListAsync(Ct));
    }
}
