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
        Assert.Equal("unknown unit \"mktg\"", p.Message);
        Assert.Equal("units[2].parent: unknown unit \"mktg\"", p.ToString());
    }

    [Fact]
    public void TwoRoots_TheSecondIsReported()
    {
        var p = One(Make([new OrgUnit("other", "Other company", UnitKind.Company)]));

        Assert.Equal("units[1].parent", p.Path);
        Assert.Equal("a second root: only \"co\" may have no parent; set this unit's parent", p.Message);
    }

    [Fact]
    public void Cycle_IsReportedOnceWithItsPath()
    {
        var p = One(Make([Dept("a", "A", parent: "c"), Dept("b", "B", parent: "a"), Dept("c", "C", parent: "b")]));

        Assert.Equal("units[1].parent", p.Path);
        Assert.Equal("cycle in the tree: a → c → b → a (each unit's parent, in turn)", p.Message);
    }

    [Fact]
    public void OwnParent_AndReportingToItself_AreRefused()
    {
        var problems = Make([new OrgUnit("a", "A", UnitKind.Department, "a", null, "a")]).Validate();

        Assert.Contains(problems, p => p.Path == "units[1].parent" && p.Message == "a unit cannot be its own parent");
        Assert.Contains(problems, p => p.Path == "units[1].reportsTo" && p.Message == "a unit cannot report to itself");
    }

    [Fact]
    public void ReportsTo_TheCompany_IsAllowed_ButNotAUnitBelow()
    {
        Assert.Empty(Make([Dept("m", "Marketing"), new OrgUnit("brand", "Brand", UnitKind.Department, "m", null, "co")]).Validate());

        var p = One(Make([new OrgUnit("m", "Marketing", UnitKind.Center, "co", null, "brand"), Dept("brand", "Brand", parent: "m")]));
        Assert.Equal("units[1].reportsTo", p.Path);
        Assert.Equal("\"brand\" is below \"m\" in the tree: a unit cannot report to a unit under it", p.Message);
    }

    [Fact]
    public void DuplicateUnitId_AndBadSlug_AndMissingName()
    {
        var problems = Make([Dept("brand", "Brand"), Dept("brand", "Brand 2"), Dept("Bad Id", ""), Dept("x", " ")]).Validate();

        Assert.Contains(problems, p => p.Path == "units[2].id" && p.Message == "duplicate unit id \"brand\" (also units[1])");
        Assert.Contains(problems, p => p.Path == "units[3].id" && p.Message.StartsWith("\"Bad Id\" is not a unit id", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "units[3].name" && p.Message == "the unit needs a name");
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
        Assert.Equal(new OrgProblem("ownerships[0].unit", "unknown unit \"brnd\""), problems[0]);
        Assert.Equal(new OrgProblem("ownerships[1].function", "unknown function \"branding\": use a catalog id or add it under customFunctions"), problems[1]);
    }

    [Fact]
    public void TwoAccountableUnits_ForOneFunction_AreRefused_TwoResponsibleAreNot()
    {
        var p = One(Make([Dept("a", "A"), Dept("b", "B")], [A("a", "seo"), A("b", "seo"), R("a", "pr_strategy"), R("b", "pr_strategy")]));

        Assert.Equal("ownerships[1].role", p.Path);
        Assert.Equal("a second accountable unit for \"seo\" (\"a\" already is): keep one accountable and make the other consulted", p.Message);
    }

    [Fact]
    public void TwoRolesOfOneUnitForOneFunction_AreRefused()
    {
        var p = One(Make([Dept("a", "A")], [R("a", "seo"), C("a", "seo")]));

        Assert.Equal("ownerships[1]", p.Path);
        Assert.Equal("\"a\" already has a role for \"seo\" (responsible, ownerships[0]): one role per unit and function", p.Message);
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

        Assert.Contains(problems, p => p.Path == "customFunctions[0].id" && p.Message == "\"seo\" is a catalog function; a custom function needs another id");
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
        Assert.Equal("duplicate KPI \"dau\" (also kpis[0]): one unit answers for a KPI", problems[0].Message);
    }

    [Fact]
    public void Needs_UnknownAndDuplicate()
    {
        var problems = Make([Dept("a", "A")], needs: ["seo", "seo", "telepathy"]).Validate();

        Assert.Equal([new OrgProblem("needs[1]", "duplicate \"seo\" (also needs[0])"), new OrgProblem("needs[2]", "unknown function \"telepathy\": use a catalog id or add it under customFunctions")], problems);
    }

    [Fact]
    public void Name_IsRequired_AndTextIsOneLine()
    {
        var problems = new OrgStructure(" ", [new OrgUnit("co", "Com\npany", UnitKind.Company)]).Validate();

        Assert.Equal(["name", "units[0].name"], problems.Select(p => p.Path));
    }

    [Fact]
    public void NeedsDefault_WhenNotGiven()
    {
        var s = new OrgStructure("x", [new OrgUnit("co", "Co", UnitKind.Company)]);

        Assert.True(s.NeedsAreDefault);
        Assert.Equal(OrgStructure.DefaultNeeds([]), s.Needs);
    }
}
