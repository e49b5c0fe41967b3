using System.Text.Json;
using Mercato.Core.DataCenter;
using Mercato.Core.Kpis;
using Mercato.Core.Organization;

namespace Mercato.Core.Tests.Kpis;

public class KpiCatalogTests
{
    /// <summary>The KPI → function table the organization catalog uses too.</summary>
    public static TheoryData<string, string> Functions => new()
    {
        { "new_users", "user_operations" }, { "retention_d1", "user_operations" }, { "retention_d7", "user_operations" },
        { "retention_d30", "user_operations" }, { "dau", "user_operations" }, { "wau", "user_operations" },
        { "mau", "user_operations" }, { "avg_session_minutes", "user_operations" },
        { "content_published", "content_operations" }, { "content_views", "content_operations" },
        { "content_interactions", "content_operations" }, { "content_shares", "content_operations" },
        { "installs", "product_operations" }, { "registrations", "product_operations" },
        { "visits_per_user", "product_operations" }, { "posts", "product_operations" },
        { "reads", "new_media_operations" }, { "followers_gained", "new_media_operations" },
        { "social_interactions", "new_media_operations" },
        { "store_impressions", "app_store_operations" }, { "store_installs", "app_store_operations" },
        { "store_conversion_rate", "app_store_operations" },
        { "gmv", "store_operations" }, { "orders", "store_operations" }, { "aov", "store_operations" },
        { "store_conversion", "store_operations" },
        { "reach", "media_buying" }, { "clicks", "media_buying" }, { "spend", "media_buying" },
        { "cpa", "paid_acquisition" }, { "roas", "paid_acquisition" }, { "roi", "paid_acquisition" },
        { "negative_share", "public_opinion_monitoring" }, { "mention_reach", "public_opinion_monitoring" },
        { "share_of_voice", "public_opinion_monitoring" }, { "crisis_response_hours", "public_opinion_monitoring" },
        { "crisis_resolution_hours", "public_opinion_monitoring" },
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void EveryKpi_BelongsToItsFunction(string id, string function) => Assert.Equal(function, KpiCatalog.Find(id)!.FunctionId);

    [Fact]
    public void Catalog_HoldsExactlyTheListedKpis_InFunctionOrder()
    {
        Assert.Equal(Functions.Select(r => r.Data.Item1), KpiCatalog.All.Select(k => k.Id));
        Assert.Equal(KpiCatalog.FunctionIds, KpiCatalog.All.Select(k => k.FunctionId).Distinct());
    }

    [Fact]
    public void Catalog_AgreesWithTheOrganizationCatalog_KpiByKpi()
    {
        Assert.Equal(OrgCatalog.DefaultKpiFunctions.Select(k => (k.Kpi, k.Function)), KpiCatalog.All.Select(k => (k.Id, k.FunctionId)));
        Assert.All(KpiCatalog.FunctionIds, f => Assert.True(OrgCatalog.Contains(f), f));
    }

    [Fact]
    public void Definitions_SerializeWithTheirWords()
    {
        var json = JsonSerializer.Serialize(KpiCatalog.Find("visits_per_user"));

        Assert.Contains("\"Unit\":\"per_user\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Direction\":\"higher\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Source\":\"store\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryKpi_HasASnakeCaseId_AName_AFormulaSentence_AndKnownSourceKinds()
    {
        foreach (var kpi in KpiCatalog.All)
        {
            Assert.True(KpiDefinition.IsValidId(kpi.Id), kpi.Id);
            Assert.False(string.IsNullOrWhiteSpace(kpi.Name), kpi.Id);
            Assert.EndsWith(".", kpi.Formula, StringComparison.Ordinal);
            Assert.NotEmpty(kpi.SourceKinds);
            Assert.All(kpi.SourceKinds, kind => Assert.True(DataKinds.Find(kind) is not null || KpiCatalog.DocumentSources.Contains(kind), kind));
        }
    }

    [Fact]
    public void OnlyCostsNegativeShareAndCrisisTimes_AreBetterLower_AndOnlyRoiAndRoas_ComeFromMeasurement()
    {
        Assert.Equal(["spend", "cpa", "negative_share", "crisis_response_hours", "crisis_resolution_hours"], KpiCatalog.All.Where(k => k.Direction == KpiDirection.LowerIsBetter).Select(k => k.Id));
        Assert.Equal(["roas", "roi"], KpiCatalog.All.Where(k => k.Source == KpiSource.Measurement).Select(k => k.Id));
    }

    [Theory]
    [InlineData("dau", true)]
    [InlineData("retention_d30", true)]
    [InlineData("Retention_d1", false)]
    [InlineData("retention__d1", false)]
    [InlineData("_dau", false)]
    [InlineData("dau_", false)]
    [InlineData("1dau", false)]
    [InlineData("d-a-u", false)]
    [InlineData("", false)]
    public void IsValidId_AcceptsSnakeCaseOnly(string id, bool valid) => Assert.Equal(valid, KpiDefinition.IsValidId(id));

    [Fact]
    public void Find_IsExact() =>
        Assert.Equal((true, false, false), (KpiCatalog.Find("gmv") is not null, KpiCatalog.Find("GMV") is not null, KpiCatalog.Find(null) is not null));

    [Fact]
    public void Words_AreTheDocumentedOnes()
    {
        Assert.Equal(["count", "ratio", "minutes", "money", "per_user", "hours"], Enum.GetValues<KpiUnit>().Select(u => u.Word()));
        Assert.Equal(("higher", "lower"), (KpiDirection.HigherIsBetter.Word(), KpiDirection.LowerIsBetter.Word()));
        Assert.Equal(("store", "measurement"), (KpiSource.Store.Word(), KpiSource.Measurement.Word()));
    }
}
