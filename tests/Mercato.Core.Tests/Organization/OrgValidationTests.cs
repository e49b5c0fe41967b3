using Mercato.Core.Organization;
using static Mercato.Core.Tests.Organization.Orgs;

namespace Mercato.Core.Tests.Organization;

public class OrgValidationTests
{
    private static OrgProblem One(OrgStructure s) => Assert.Single(s.Validate());

    [Fact]
    public void Valid_SmallStructure_HasNoProblems() =>
        Assert.Empty(Make([Dept("brand", "Brand")], [R("brand", "brand_positioning")]).Validate());

    [Fact]
    public void UnknownParent_IsReportedAtItsPath()
    {
        var p = One(Make([Dept("brand", "Brand"), Dept("pr", "PR", parent: "mktg")]));

        Assert.Equal("units[2].parent", p.Path);
        Assert.Equal((OrgCodes.UnknownUnit, MessageArgs.Of(("unit", "mktg"))), (p.Code, p.Args));
        Assert.Equal("units[2].parent: unknown_unit", p.ToString());
    }

    [Fact]
    public void TwoRoots_TheSecondIsReported()
    {
        var p = One(Make([new OrgUnit("other", "Other company", UnitKind.Company)]));

        Assert.Equal("units[1].parent", p.Path);
        Assert.Equal((OrgCodes.SecondRoot, MessageArgs.Of(("root", "co"))), (p.Code, p.Args));
    }

    [Fact]
    public void Cycle_IsReportedOnceWithItsPath()
    {
        var p = One(Make([Dept("a", "A", parent: "c"), Dept("b", "B", parent: "a"), Dept("c", "C", parent: "b")]));

        Assert.Equal("units[1].parent", p.Path);
        Assert.Equal((OrgCodes.ParentCycle, MessageArgs.Of(("units", new[] { "a", "c", "b", "a" }))), (p.Code, p.Args));
    }

    [Fact]
    public void OwnParent_AndReportingToItself_AreRefused()
    {
        var problems = Make([new OrgUnit("a", "A", UnitKind.Department, "a", null, "a")]).Validate();

        Assert.Contains(problems, p => p.Path == "units[1].parent" && p.Code == OrgCodes.OwnParent);
        Assert.Contains(problems, p => p.Path == "units[1].reportsTo" && p.Code == OrgCodes.ReportsToItself);
    }

    [Fact]
    public void ReportsTo_TheCompany_IsAllowed_ButNotAUnitBelow()
    {
        Assert.Empty(Make([Dept("m", "Marketing"), new OrgUnit("brand", "Brand", UnitKind.Department, "m", null, "co")]).Validate());

        var p = One(Make([new OrgUnit("m", "Marketing", UnitKind.Center, "co", null, "brand"), Dept("brand", "Brand", parent: "m")]));
        Assert.Equal("units[1].reportsTo", p.Path);
        Assert.Equal((OrgCodes.ReportsToBelow, MessageArgs.Of(("target", "brand"), ("unit", "m"))), (p.Code, p.Args));
    }

    [Fact]
    public void DuplicateUnitId_AndBadSlug_AndMissingName()
    {
        var problems = Make([Dept("brand", "Brand"), Dept("brand", "Brand 2"), Dept("Bad Id", ""), Dept("x", " ")]).Validate();

        Assert.Contains(OrgProblem.Of("units[2].id", CommonCodes.DuplicateAt, ("value", "brand"), ("other", "units[1]")), problems);
        Assert.Contains(OrgProblem.Of("units[3].id", CommonCodes.NotSlug, ("value", "Bad Id"), ("max", 64)), problems);
        Assert.Contains(new OrgProblem("units[3].name", CommonCodes.Required), problems);
        Assert.Contains(problems, p => p.Path == "units[4].name");
    }

    [Fact]
    public void NoUnits_IsAProblem() =>
        Assert.Equal("units", Assert.Single(new OrgStructure("x", []).Validate()).Path);

    [Fact]
    public void Ownership_UnknownUnitAndFunction()
    {
        var problems = Make([Dept("brand", "Brand")], [R("brnd", "brand_positioning"), R("brand", "branding")]).Validate();

        Assert.Equal(2, problems.Count);
        Assert.Equal(OrgProblem.Of("ownerships[0].unit", OrgCodes.UnknownUnit, ("unit", "brnd")), problems[0]);
        Assert.Equal(OrgProblem.Of("ownerships[1].function", OrgCodes.UnknownFunction, ("function", "branding")), problems[1]);
    }

    [Fact]
    public void TwoAccountableUnits_ForOneFunction_AreRefused_TwoResponsibleAreNot()
    {
        var p = One(Make([Dept("a", "A"), Dept("b", "B")], [A("a", "seo"), A("b", "seo"), R("a", "pr_strategy"), R("b", "pr_strategy")]));

        Assert.Equal("ownerships[1].role", p.Path);
        Assert.Equal((OrgCodes.SecondAccountable, MessageArgs.Of(("function", "seo"), ("unit", "a"))), (p.Code, p.Args));
    }

    [Fact]
    public void TwoRolesOfOneUnitForOneFunction_AreRefused()
    {
        var p = One(Make([Dept("a", "A")], [R("a", "seo"), C("a", "seo")]));

        Assert.Equal("ownerships[1]", p.Path);
        Assert.Equal((OrgCodes.RoleTwice, MessageArgs.Of(("unit", "a"), ("function", "seo"), ("role", "responsible"), ("other", "ownerships[0]"))), (p.Code, p.Args));
    }

    [Fact]
    public void CustomFunction_CollidingWithTheCatalog_OrMalformed_IsRefused()
    {
        var problems = Make([Dept("a", "A")], custom:
        [
            new OrgFunction("seo", "Our SEO", "Search.", FunctionArea.Marketing, ""),
            new OrgFunction("Live-Shows", "Live shows", "Shows.", FunctionArea.Marketing, ""),
            new OrgFunction("podcast", "Podcast", "", FunctionArea.Marketing, ""),
        ]).Validate();

        Assert.Contains(OrgProblem.Of("customFunctions[0].id", OrgCodes.CatalogFunctionId, ("value", "seo")), problems);
        Assert.Contains(problems, p => p.Path == "customFunctions[1].id");
        Assert.Contains(problems, p => p.Path == "customFunctions[2].description");
        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void CustomFunction_CanBeOwnedAndNeeded()
    {
        var podcast = new OrgFunction("podcast", "Podcast", "A weekly health podcast.", FunctionArea.Marketing, "new media department");
        var s = Make([Dept("a", "A")], [R("a", "podcast")], needs: ["podcast"], custom: [podcast]);

        Assert.Empty(s.Validate());
        Assert.Equal(podcast, s.FindFunction("podcast"));
    }

    [Fact]
    public void Kpis_DuplicateUnknownFunctionAndUnit()
    {
        var problems = Make([Dept("a", "A")], kpis:
        [
            new KpiAssignment("dau", "user_operations", "a"),
            new KpiAssignment("dau", "user_operations", null),
            new KpiAssignment("nps", "happiness", "zz"),
            new KpiAssignment("Bad-Kpi", "seo", null),
        ]).Validate();

        Assert.Equal(
            ["kpis[1].kpi", "kpis[2].function", "kpis[2].unit", "kpis[3].kpi"],
            problems.Select(p => p.Path));
        Assert.Equal(OrgProblem.Of("kpis[1].kpi", OrgCodes.KpiTwice, ("value", "dau"), ("other", "kpis[0]")), problems[0]);
    }

    [Fact]
    public void Needs_UnknownAndDuplicate()
    {
        var problems = Make([Dept("a", "A")], needs: ["seo", "seo", "telepathy"]).Validate();

        Assert.Equal([OrgProblem.Of("needs[1]", CommonCodes.DuplicateAt, ("value", "seo"), ("other", "needs[0]")), OrgProblem.Of("needs[2]", OrgCodes.UnknownFunction, ("function", "telepathy"))], problems);
    }

    [Fact]
    public void Name_IsRequired_AndTextIsOneLine()
    {
        var problems = new OrgStructure(" ", [new OrgUnit("co", "Com\npany", UnitKind.Company)]).Validate();

        Assert.Equal(["name: required", "units[0].name: control_characters"], problems.Select(p => p.ToString()));
    }

    [Fact]
    public void NeedsDefault_WhenNotGiven()
    {
        var s = new OrgStructure("x", [new OrgUnit("co", "Co", UnitKind.Company)]);

        Assert.True(s.NeedsAreDefault);
        Assert.Equal(OrgStructure.DefaultNeeds([]), s.Needs);
    }
}
