using System.Text.Json;
using Mercato.Core.Organization;
using static Mercato.Core.Tests.Organization.Orgs;

namespace Mercato.Core.Tests.Organization;

public class OrgAnalysisTests
{
    [Fact]
    public void Overlap_TwoResponsibleUnits_OneFinding()
    {
        var s = Make([Dept("new_media", "New media"), Dept("promo", "Online promotion")], [R("new_media", "seo"), R("promo", "seo")], needs: ["seo"]);

        var report = OrgAnalysis.Check(s);

        var overlap = Assert.Single(report.Overlaps);
        Assert.Equal("seo", overlap.Function);
        Assert.Equal(["new_media", "promo"], overlap.Units);
        Assert.Equal(Message.Of(OrgCodes.Overlap, ("count", 2), ("others", 1), ("function", "SEO"), ("units", new[] { "New media", "Online promotion" })), overlap.Reason);
        Assert.Empty(report.Gaps);
        Assert.Empty(report.IdleUnits);
        Assert.Empty(report.Mismatches);
        Assert.Empty(report.UnownedKpis);
    }

    [Fact]
    public void Overlap_ThreeUnits_SaysTheOthers()
    {
        var s = Make([Dept("a", "A"), Dept("b", "B"), Dept("c", "C")], [R("c", "seo"), R("a", "seo"), R("b", "seo")]);

        var overlap = Assert.Single(OrgAnalysis.Check(s).Overlaps);

        Assert.Equal(["a", "b", "c"], overlap.Units);
        Assert.Equal(Message.Of(OrgCodes.Overlap, ("count", 3), ("others", 2), ("function", "SEO"), ("units", new[] { "A", "B", "C" })), overlap.Reason);
    }

    [Fact]
    public void Gap_NeededFunctionWithoutResponsible_NamesTheUsualOwner()
    {
        var s = Make([Dept("brand", "Brand")], [R("brand", "brand_positioning")], needs: ["brand_positioning", "crisis_handling"]);

        var gap = Assert.Single(OrgAnalysis.Check(s).Gaps);

        Assert.Equal("crisis_handling", gap.Function);
        Assert.Null(gap.Accountable);
        Assert.Equal(Message.Of(OrgCodes.GapNobodyUsualOwner, ("function", "Crisis handling"), ("owner", "public relations department")), gap.Reason);
    }

    [Fact]
    public void Gap_AccountableAloneDoesNotCloseIt()
    {
        var s = Make([Dept("pr", "PR department")], [A("pr", "crisis_handling"), R("pr", "pr_strategy")], needs: ["crisis_handling"]);

        var gap = Assert.Single(OrgAnalysis.Check(s).Gaps);

        Assert.Equal("pr", gap.Accountable);
        Assert.Equal(Message.Of(OrgCodes.GapAccountableOnly, ("unit", "PR department"), ("function", "Crisis handling")), gap.Reason);
    }

    [Fact]
    public void Gap_FunctionNotNeeded_IsNotReported() =>
        Assert.Empty(OrgAnalysis.Check(Make([Dept("a", "A")], [R("a", "seo")], needs: ["seo"])).Gaps);

    [Fact]
    public void UnownedKpi_WithoutUnit_PointsToTheResponsibleUnit()
    {
        var s = Make([Dept("ops", "Operations")], [R("ops", "user_operations")],
            [new KpiAssignment("dau", "user_operations", null), new KpiAssignment("mau", "user_operations", "ops")], needs: ["user_operations"]);

        var kpi = Assert.Single(OrgAnalysis.Check(s).UnownedKpis);

        Assert.Equal("dau", kpi.Kpi);
        Assert.Null(kpi.Unit);
        Assert.Equal(["ops"], kpi.Responsible);
        Assert.Equal(Message.Of(OrgCodes.KpiNobodyAnswers, ("kpi", "dau"), ("function", "User operations"), ("responsible", new[] { "Operations" })), kpi.Reason);
    }

    [Fact]
    public void UnownedKpi_AssignedToAUnitThatDoesNotOwnTheFunction_SaysWhich()
    {
        var s = Make([Dept("brand", "Brand department"), Dept("ops", "Operations")],
            [R("ops", "user_operations"), R("brand", "brand_positioning")],
            [new KpiAssignment("retention_d7", "user_operations", "brand")], needs: ["user_operations", "brand_positioning"]);

        var kpi = Assert.Single(OrgAnalysis.Check(s).UnownedKpis);

        Assert.Equal("brand", kpi.Unit);
        Assert.Equal(
            Message.Of(OrgCodes.KpiNotOwned, ("kpi", "retention_d7"), ("unit", "Brand department"), ("function", "User operations"), ("responsible", new[] { "Operations" })),
            kpi.Reason);
    }

    [Fact]
    public void UnownedKpi_AccountableUnitMayAnswer_AndUnneededFunctionsAreSkipped()
    {
        var s = Make([Dept("ops", "Operations"), Dept("team", "User team", parent: "ops")],
            [A("ops", "user_operations"), R("team", "user_operations")],
            [new KpiAssignment("dau", "user_operations", "ops"), new KpiAssignment("gmv", "store_operations", null)], needs: ["user_operations"]);

        Assert.True(OrgAnalysis.Check(s).IsClean);
    }

    [Fact]
    public void IdleUnit_DepartmentOwningNothing_ButNotItsParentOrACenter()
    {
        var s = Make(
            [new OrgUnit("center", "Market center", UnitKind.Center, "co"), Dept("ops", "Operations"), new OrgUnit("team", "Growth team", UnitKind.Team, "ops"), Dept("idle", "Strategy office")],
            [R("team", "user_operations"), C("idle", "seo"), new Ownership("idle", "pr_strategy", RaciRole.Informed)]);

        var idle = Assert.Single(OrgAnalysis.Check(s).IdleUnits);

        Assert.Equal("idle", idle.Unit);
        Assert.Equal(Message.Of(OrgCodes.IdleUnit, ("unit", "Strategy office"), ("minor", new[] { "PR strategy", "SEO" })), idle.Reason);
    }

    [Fact]
    public void Mismatch_NeedsMoreThanHalfOutsideTheNamedArea()
    {
        // Half outside is not "mostly": one marketing and one sales function is no mismatch.
        var half = Make([Dept("m", "Marketing department")], [R("m", "event_planning"), R("m", "offline_sales")]);
        Assert.Empty(OrgAnalysis.Check(half).Mismatches);

        var most = Make([Dept("m", "Marketing department")], [R("m", "event_planning"), R("m", "offline_sales"), R("m", "ad_sales")]);
        var mismatch = Assert.Single(OrgAnalysis.Check(most).Mismatches);
        Assert.Equal(FunctionArea.Sales, mismatch.ActualArea);
        Assert.Equal(["offline_sales", "ad_sales"], mismatch.Functions);
    }

    [Fact]
    public void Mismatch_NameWithTwoAreas_AcceptsEither_AndNamesWithoutAreaAreNotJudged()
    {
        var s = Make(
            [Dept("mo", "Market operations center"), Dept("x", "Channel management"), Dept("ops", "Operations department")],
            [R("mo", "store_operations"), R("mo", "content_operations"), R("x", "offline_sales"), R("ops", "seo"), R("ops", "paid_acquisition"), R("ops", "user_operations")]);

        var mismatch = Assert.Single(OrgAnalysis.Check(s).Mismatches);

        Assert.Equal("ops", mismatch.Unit);
        Assert.Equal([FunctionArea.Operations], mismatch.NameAreas);
        Assert.Equal(FunctionArea.Marketing, mismatch.ActualArea);
        Assert.Equal(["paid_acquisition", "seo"], mismatch.Functions);
        Assert.Equal(
            Message.Of(OrgCodes.NameMismatch, ("unit", "Operations department"), ("says", new[] { "operations" }), ("outside", 2), ("count", 3),
                ("areas", new[] { "marketing" }), ("evidence", new[] { "Paid acquisition", "SEO" })),
            mismatch.Reason);
    }

    [Theory]
    [InlineData("Marketing department", new[] { FunctionArea.Marketing })]
    [InlineData("Market operations center", new[] { FunctionArea.Marketing, FunctionArea.Operations })]
    [InlineData("New-media operations", new[] { FunctionArea.Marketing, FunctionArea.Operations })]
    [InlineData("PR department", new[] { FunctionArea.Marketing })]
    [InlineData("Public Relations", new[] { FunctionArea.Marketing })]
    [InlineData("Commercial department", new[] { FunctionArea.Sales })]
    [InlineData("Product R&D center", new[] { FunctionArea.Product })]
    [InlineData("Data center", new[] { FunctionArea.Data })]
    [InlineData("Channel management center", new FunctionArea[0])]
    [InlineData("Supermarket team", new FunctionArea[0])]
    [InlineData("Press office", new FunctionArea[0])]
    public void AreasOfName_MatchesWholeWords(string name, FunctionArea[] areas) =>
        Assert.Equal(areas, OrgAnalysis.AreasOfName(name));

    [Fact]
    public void Report_IsDeterministic_AndSortedInCatalogOrder()
    {
        var s = Make([Dept("a", "A"), Dept("b", "B")],
            [R("a", "seo"), R("b", "seo"), R("a", "brand_positioning"), R("b", "brand_positioning")],
            needs: ["user_operations", "crisis_handling", "brand_architecture"]);

        var report = OrgAnalysis.Check(s);

        Assert.Equal(["brand_positioning", "seo"], report.Overlaps.Select(o => o.Function));
        Assert.Equal(["brand_architecture", "crisis_handling", "user_operations"], report.Gaps.Select(g => g.Function));
        Assert.Equal(JsonSerializer.Serialize(report), JsonSerializer.Serialize(OrgAnalysis.Check(s)));
    }

    [Fact]
    public void Report_AsJson_HasTheFiveArraysOfTheContract()
    {
        var json = JsonSerializer.Serialize(OrgAnalysis.Check(Template("company-b")), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        using var doc = JsonDocument.Parse(json);

        Assert.Equal(["overlaps", "gaps", "unownedKpis", "idleUnits", "mismatches"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        var mismatch = doc.RootElement.GetProperty("mismatches")[0];
        Assert.Equal("sales", mismatch.GetProperty("actualArea").GetString());
        Assert.Equal("marketing", mismatch.GetProperty("nameAreas")[0].GetString());
    }
}
