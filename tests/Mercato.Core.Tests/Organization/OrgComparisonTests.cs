using System.Text.Json;
using Mercato.Core.Organization;
using static Mercato.Core.Tests.Organization.Orgs;

namespace Mercato.Core.Tests.Organization;

public class OrgComparisonTests
{
    private static FunctionComparison Row(StructureComparison c, string function) => Assert.Single(c.Functions, f => f.Function == function);

    [Fact]
    public void CompanyA_AgainstRecommended_ShowsWhereTheWorkMoves()
    {
        var c = OrgComparison.Compare(Template("company-a"), Template("recommended"));

        Assert.Equal("Company A (internet advertising)", c.A);
        var pr = Row(c, "pr_strategy");
        Assert.Equal(ComparisonVerdict.Moved, pr.Verdict);
        Assert.Equal(["Brand department"], pr.InA);
        Assert.Equal(["Public relations department"], pr.InB);
        Assert.Equal(Message.Of(OrgCodes.ComparisonMoved, ("function", "PR strategy"), ("a", "Company A (internet advertising)"), ("b", "Recommended data-driven structure"), ("in_a", new[] { "Brand department" }), ("in_b", new[] { "Public relations department" })), pr.Reason);

        Assert.Equal(ComparisonVerdict.Moved, Row(c, "event_planning").Verdict);
        Assert.Equal(["Marketing planning department"], Row(c, "event_planning").InB);
        Assert.Equal(["Business development department"], Row(c, "investment_promotion").InB);
        Assert.Equal(["User operations"], Row(c, "user_operations").InB);

        var brand = Row(c, "brand_positioning");
        Assert.Equal(ComparisonVerdict.Same, brand.Verdict);
        Assert.Equal(Message.Of(OrgCodes.ComparisonSame, ("function", "Brand positioning"), ("a", "Company A (internet advertising)"), ("b", "Recommended data-driven structure"), ("in_a", new[] { "Brand department" }), ("in_b", new[] { "Brand department" })), brand.Reason);

        var data = Row(c, "data_platform");
        Assert.Equal(ComparisonVerdict.AddedOwner, data.Verdict);
        Assert.Empty(data.InA);
        Assert.Equal(Message.Of(OrgCodes.ComparisonAddedOwner, ("function", "Data platform"), ("a", "Company A (internet advertising)"), ("b", "Recommended data-driven structure"), ("in_a", Array.Empty<string>()), ("in_b", new[] { "Data center" })), data.Reason);

        Assert.Equal(4, c.Counts[ComparisonVerdict.Same]);
        Assert.Equal(9, c.Counts[ComparisonVerdict.Moved]);
        Assert.Equal(0, c.Counts[ComparisonVerdict.RemovedOwner]);
    }

    [Fact]
    public void Reverse_TurnsAddedIntoRemoved()
    {
        var c = OrgComparison.Compare(Template("recommended"), Template("company-a"));

        var data = Row(c, "data_platform");
        Assert.Equal(ComparisonVerdict.RemovedOwner, data.Verdict);
        Assert.Equal(Message.Of(OrgCodes.ComparisonRemovedOwner, ("function", "Data platform"), ("a", "Recommended data-driven structure"), ("b", "Company A (internet advertising)"), ("in_a", new[] { "Data center" }), ("in_b", Array.Empty<string>())), data.Reason);
    }

    [Fact]
    public void SplitAndUnowned_AndOnlyRelevantFunctionsListed()
    {
        var a = Make([Dept("x", "New media"), Dept("y", "Online promotion")], [R("x", "seo"), R("y", "seo")], needs: ["seo", "ad_monitoring"]);
        var b = Make([Dept("p", "online promotion")], [R("p", "seo")], needs: ["seo"]);

        var c = OrgComparison.Compare(a, b);

        Assert.Equal(["seo", "ad_monitoring"], c.Functions.Select(f => f.Function));
        var seo = Row(c, "seo");
        Assert.Equal(ComparisonVerdict.Split, seo.Verdict);
        Assert.Equal(Message.Of(OrgCodes.ComparisonSplit, ("function", "SEO"), ("a", "Test"), ("b", "Test"), ("in_a", new[] { "New media", "Online promotion" }), ("in_b", new[] { "online promotion" })), seo.Reason);
        Assert.Equal(ComparisonVerdict.Unowned, Row(c, "ad_monitoring").Verdict);
    }

    [Fact]
    public void SameName_DifferentCase_IsSame()
    {
        var a = Make([Dept("x", "Brand Department")], [R("x", "visual_identity")]);
        var b = Make([Dept("y", "brand department")], [R("y", "visual_identity")]);

        Assert.Equal(ComparisonVerdict.Same, Assert.Single(OrgComparison.Compare(a, b).Functions).Verdict);
    }

    [Fact]
    public void Verdicts_SerializeAsSnakeCaseWords()
    {
        var json = JsonSerializer.Serialize(Enum.GetValues<ComparisonVerdict>());

        Assert.Equal("[\"same\",\"moved\",\"added_owner\",\"removed_owner\",\"split\",\"unowned\"]", json);
    }
}
