using Mercato.Core.Organization;

namespace Mercato.Core.Tests.Organization;

public class OrgCatalogTests
{
    // The ids other parts of Mercato rely on (KPI definitions, templates): they must exist with exactly these spellings.
    public static readonly TheoryData<string> RequiredIds =
    [
        "content_operations", "user_operations", "activity_operations", "product_operations", "new_media_operations",
        "app_store_operations", "store_operations", "media_buying", "paid_acquisition", "seo", "brand_positioning",
        "advertising_creative", "visual_identity", "brand_architecture", "pr_strategy", "media_relations",
        "public_opinion_monitoring", "crisis_handling", "press_releases", "interviews", "press_conferences", "pr_products",
        "government_relations", "product_positioning", "selling_points", "product_communication", "user_insight",
        "competitor_analysis", "promotional_materials", "event_planning", "media_matrix", "brand_communication",
        "interactive_marketing", "network_promotion", "sales", "business_development", "investment_promotion",
        "offline_sales", "ad_sales", "data_platform", "measurement_analytics", "ad_monitoring",
    ];

    [Theory]
    [MemberData(nameof(RequiredIds))]
    public void Catalog_HasEveryRequiredId(string id) => Assert.NotNull(OrgCatalog.Find(id));

    [Fact]
    public void Catalog_IdsAreUniqueSnakeCase_AndEveryFunctionIsDescribed()
    {
        Assert.Equal(OrgCatalog.Functions.Count, OrgCatalog.Functions.Select(f => f.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(OrgCatalog.Functions, f =>
        {
            Assert.True(OrgValidation.IsSnakeCase(f.Id), f.Id);
            Assert.False(string.IsNullOrWhiteSpace(f.Name));
            Assert.False(string.IsNullOrWhiteSpace(f.UsualOwner));
            Assert.EndsWith(".", f.Description, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', f.Description);
        });
    }

    [Fact]
    public void Catalog_Areas_PutTheOperationsModulesInOperations_AndSalesOutsideMarketing()
    {
        Assert.Equal(FunctionArea.Operations, OrgCatalog.Find("store_operations")!.Area);
        Assert.Equal(FunctionArea.Marketing, OrgCatalog.Find("media_buying")!.Area);
        Assert.Equal(FunctionArea.Data, OrgCatalog.Find("ad_monitoring")!.Area);
        Assert.Equal(
            ["sales", "offline_sales", "ad_sales", "business_development", "investment_promotion"],
            OrgCatalog.Functions.Where(f => f.Area == FunctionArea.Sales).Select(f => f.Id));
    }

    [Fact]
    public void DefaultKpiFunctions_IsTheFixedTable()
    {
        Assert.Equal(37, OrgCatalog.DefaultKpiFunctions.Count);
        Assert.Equal(OrgCatalog.KpiIds, OrgCatalog.DefaultKpiFunctions.Select(k => k.Kpi));
        Assert.Equal(37, OrgCatalog.KpiIds.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("public_opinion_monitoring", OrgCatalog.FunctionOfKpi("negative_share"));
        Assert.All(OrgCatalog.DefaultKpiFunctions, k => Assert.NotNull(OrgCatalog.Find(k.Function)));
        Assert.Equal("user_operations", OrgCatalog.FunctionOfKpi("retention_d7"));
        Assert.Equal("store_operations", OrgCatalog.FunctionOfKpi("store_conversion"));
        Assert.Equal("app_store_operations", OrgCatalog.FunctionOfKpi("store_conversion_rate"));
        Assert.Equal("media_buying", OrgCatalog.FunctionOfKpi("reach"));
        Assert.Equal("paid_acquisition", OrgCatalog.FunctionOfKpi("roi"));
        Assert.Equal("new_media_operations", OrgCatalog.FunctionOfKpi("followers_gained"));
        Assert.Null(OrgCatalog.FunctionOfKpi("nps"));
    }

    [Fact]
    public void DefaultNeeds_AreMarketingOperationsAndData_NotSales()
    {
        var needs = OrgStructure.DefaultNeeds([]);

        Assert.Contains("seo", needs);
        Assert.Contains("store_operations", needs);
        Assert.Contains("data_platform", needs);
        Assert.DoesNotContain("sales", needs);
        Assert.DoesNotContain("ad_sales", needs);
        Assert.Equal(OrgCatalog.Functions.Count(f => f.Area != FunctionArea.Sales), needs.Count);
    }
}

public class OrgDocsTests
{
    private static string Docs()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Mercato.slnx")))
        {
            dir = dir.Parent;
        }

        return File.ReadAllText(Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), "docs", "organization.md"));
    }

    [Fact]
    public void Docs_CatalogTable_HasEveryFunctionAsInTheCode()
    {
        var docs = Docs();

        Assert.All(OrgCatalog.Functions, f =>
            Assert.Contains($"| `{f.Id}` | {f.Name} | {f.Area.Word()} | {f.UsualOwner} | {f.Description} |", docs, StringComparison.Ordinal));
    }

    [Fact]
    public void Docs_StateTheThresholds()
    {
        var docs = Docs();

        Assert.Contains("attainment ≥ 0.95 (`OnTrackAt`)", docs, StringComparison.Ordinal);
        Assert.Contains("0.80 (`AtRiskAt`)", docs, StringComparison.Ordinal);
        Assert.Equal((0.95, 0.80, 10d, 6), (Scorecards.OnTrackAt, Scorecards.AtRiskAt, Scorecards.MaxAttainment, Scorecards.TrendWindow));
    }
}
