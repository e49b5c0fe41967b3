using Mercato.Core.Organization;
using static Mercato.Core.Tests.Organization.Orgs;

namespace Mercato.Core.Tests.Organization;

public class OrgTemplatesTests
{
    public static readonly TheoryData<string> Names = [.. OrgTemplates.Names];

    [Fact]
    public void Names_AreTheFourTemplates()
    {
        Assert.Equal(["recommended", "company-a", "company-b", "company-c"], OrgTemplates.Names);
        Assert.Null(OrgTemplates.Get("company-d"));
        Assert.Null(OrgTemplates.Get("Recommended"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryTemplate_IsValid_AndAssignsEveryDefaultKpiToTheResponsibleUnit(string name)
    {
        var s = Template(name);

        Assert.Empty(s.Validate());
        Assert.Equal(OrgCatalog.DefaultKpiFunctions.Select(k => (k.Kpi, k.Function)), s.Kpis.Select(k => (k.Kpi, k.Function)));
        Assert.All(s.Kpis, k => Assert.Equal(s.Responsible(k.Function).SingleOrDefault(), k.Unit));
        Assert.Equal(s, Template(name));
    }

    [Fact]
    public void Recommended_OwnsEveryCatalogFunctionExactlyOnceAsResponsible()
    {
        var s = Template("recommended");

        Assert.All(OrgCatalog.Functions, f => Assert.Single(s.Responsible(f.Id)));
        Assert.Equal(OrgCatalog.Functions.Count, s.Ownerships.Count(o => o.Role == RaciRole.Responsible));
    }

    [Fact]
    public void Recommended_AnswersForEveryKpi_AndHasNoFinding()
    {
        var s = Template("recommended");

        Assert.All(s.Kpis, k => Assert.NotNull(k.Unit));
        var report = OrgAnalysis.Check(s);
        Assert.True(report.IsClean, string.Join("\n", report.Gaps.Select(g => g.Reason).Concat(report.IdleUnits.Select(u => u.Reason))));
    }

    [Fact]
    public void Recommended_IsTheDataDrivenShape_MarketingCenterWithDataCenter_OperationsTeams_SalesOutside()
    {
        var s = Template("recommended");

        Assert.Equal("company", s.Root!.Id);
        Assert.Equal(
            ["brand", "pr", "planning", "new_media", "online_promotion", "data_center"],
            s.Children("marketing").Select(u => u.Id));
        Assert.Equal("CMO", s.FindUnit("marketing")!.Head);
        Assert.Equal(7, s.Children("operations").Count());
        Assert.All(s.Children("operations"), u => Assert.Equal(UnitKind.Team, u.Kind));
        Assert.Equal("company", s.FindUnit("sales")!.Parent);
        Assert.Equal(["data_center"], s.Responsible("measurement_analytics"));
        Assert.Equal(["operations"], s.WithRole("user_operations", RaciRole.Accountable));
    }

    [Fact]
    public void CompanyB_MarketingDepartmentDoingOfflineSales_IsAMismatch()
    {
        var report = OrgAnalysis.Check(Template("company-b"));

        var mismatch = Assert.Single(report.Mismatches);
        Assert.Equal("marketing", mismatch.Unit);
        Assert.Equal([FunctionArea.Marketing], mismatch.NameAreas);
        Assert.Equal(FunctionArea.Sales, mismatch.ActualArea);
        Assert.Equal(["sales", "offline_sales"], mismatch.Functions);
        Assert.Equal(
            Message.Of(OrgCodes.NameMismatch, ("unit", "Marketing department"), ("says", new[] { "marketing" }), ("outside", 2), ("count", 3),
                ("areas", new[] { "sales" }), ("evidence", new[] { "Sales", "Offline sales" })),
            mismatch.Reason);
    }

    [Fact]
    public void CompanyA_HasGapsButNoStoreToRun_AndItsMarketingDepartmentIsUnderChannelManagement()
    {
        var s = Template("company-a");
        var report = OrgAnalysis.Check(s);

        Assert.Equal("channel_center", s.FindUnit("marketing")!.Parent);
        Assert.Equal("rnd_center", s.FindUnit("operations")!.Parent);
        Assert.Contains(report.Gaps, g => g.Function == "content_operations");
        Assert.Contains(report.Gaps, g => g.Function == "data_platform");
        Assert.DoesNotContain(report.Gaps, g => g.Function == "store_operations");
        Assert.DoesNotContain(report.UnownedKpis, k => k.Kpi == "gmv");
        Assert.Contains(report.UnownedKpis, k => k.Kpi == "reach" && k.Unit is null);
        Assert.Empty(report.Mismatches);
        Assert.Empty(report.Overlaps);
    }

    [Fact]
    public void CompanyC_NobodyRunsUserOperations_SoNobodyAnswersForRetention()
    {
        var report = OrgAnalysis.Check(Template("company-c"));

        Assert.Contains(report.Gaps, g => g.Function == "user_operations");
        var retention = Assert.Single(report.UnownedKpis, k => k.Kpi == "retention_d7");
        Assert.Equal(Message.Of(OrgCodes.KpiNobodyAnswers, ("kpi", "retention_d7"), ("function", "User operations"), ("responsible", Array.Empty<string>())), retention.Reason);
        Assert.DoesNotContain(report.UnownedKpis, k => k.Kpi == "gmv");
        Assert.Empty(report.IdleUnits);
    }
}
