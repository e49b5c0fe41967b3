using System.Text.Json;
using Mercato.Core.Campaigns;
using Mercato.Core.Kpis;
using Mercato.Core.Organization;
using static Mercato.Core.Tests.Campaigns.Fx;

namespace Mercato.Core.Tests.Campaigns;

public class CampaignModelTests
{
    private static Campaign Full() => CampaignLifecycle.ApproveBudget(Launch(), "cmo", T0).Campaign! with
    {
        Objectives = [new("reach", 100_000, "twice the last launch"), new("cost_per_participant", 25), new("gmv", 200_000)],
        Milestones = [new("Key visual approved", D(2, 25), true), new("Launch event", D(3, 1))],
        Codes = ["BP-LAUNCH", "bp-launch-kol"],
        Kit = new ContentKit(["Accurate readings at home."], [new("Product page", "https://shop.example.com/bp?x=1")], "pr-lead", T0),
    };

    [Fact]
    public void AValidCampaign_HasNoProblems()
    {
        Assert.Empty(Full().Validate());
        Assert.Empty(Launch().Validate(new OrgStructure("Co", [new("co", "Co", UnitKind.Company), new("planning", "Planning", UnitKind.Department, "co")])));
    }

    [Fact]
    public void Validation_ReportsEveryProblemWithItsPath()
    {
        var bad = new Campaign(
            "BP Launch", " ", (CampaignType)42, "", D(3, 31), D(3, 1),
            objectives: [new("nope", 1), new("reach", -1), new("reach", double.NaN)],
            budget:
            [
                new(BudgetItemKind.Channel, "douyin_ads", -5m),
                new(BudgetItemKind.Cost, "catering", 10m),
                new(BudgetItemKind.Channel, "Douyin_Ads", 1.00001m),
                new(BudgetItemKind.Channel, "", 1m),
            ],
            milestones: [new("Launch", D(3, 1)), new("launch", D(3, 2)), new("", D(3, 3))],
            codes: ["BP", "bp", " ", "BP "],
            brandSteps: [0, 10, 3, 3],
            kit: new ContentKit(["", "ok"], [new("", "ftp://x"), new("site", "/relative")])) with
        {
            Kit = new ContentKit(["", "ok"], [new("", "ftp://x"), new("site", "/relative")], "someone", null),
            Stage = CampaignStage.Promotion,
        };

        var found = bad.Validate(new OrgStructure("Co", [new("co", "Co", UnitKind.Company)]));
        var problems = found.Select(p => p.ToString()).ToList();

        Assert.Equal(
            [
                "id: not_slug",
                "name: required",
                "type: unknown_choice",
                "unit: required",
                "end: end_before_start",
                "objectives[0].kpi: unknown_kpi",
                "objectives[1].target: negative",
                "objectives[2].kpi: duplicate",
                "objectives[2].target: not_finite",
                "budget[0].planned: negative",
                "budget[1].item: not_one_of",
                "budget[2].item: duplicate",
                "budget[2].planned: amount_out_of_range",
                "budget[3].item: required",
                "milestones[1].name: duplicate_ignoring_case",
                "milestones[2].name: required",
                "codes[1]: duplicate_ignoring_case",
                "codes[2]: required",
                "codes[3]: untrimmed",
                "brandSteps[0]: brand_step_out_of_range",
                "brandSteps[1]: brand_step_out_of_range",
                "brandSteps[3]: duplicate",
                "kit.messages[0]: required",
                "kit.links[0].label: required",
                "kit.links[0].url: not_http_url",
                "kit.links[1].url: not_http_url",
                "kit.approvedBy: kit_approval_incomplete",
                "stage: stage_mismatch",
            ],
            problems);
        Assert.Equal(MessageArgs.Of(("value", "BP Launch"), ("max", 64)), found[0].Args);
        Assert.Equal(MessageArgs.Of(("expected", EnumWords.All<CampaignType>())), found[2].Args);
        Assert.Equal(MessageArgs.Of(("start", D(3, 31)), ("end", D(3, 1))), found[4].Args);
        Assert.Equal(MessageArgs.Of(("kpi", "nope")), found[5].Args);
        Assert.Equal(MessageArgs.Of(("value", "reach")), found[7].Args);
        Assert.Equal(MessageArgs.Of(("value", "catering"), ("expected", new[] { "agency", "staff", "tools", "kol_fee", "livestream_commission", "event", "other" })), found[10].Args);
        Assert.Equal(MessageArgs.Of(("value", "channel:douyin_ads")), found[11].Args);
        Assert.Equal(MessageArgs.Of(("value", "launch")), found[14].Args);
        Assert.Equal(MessageArgs.Of(("value", "bp")), found[16].Args);
        Assert.Equal(MessageArgs.Of(("step", 10), ("max", 9)), found[20].Args);
        Assert.Equal(MessageArgs.Of(("value", 3)), found[21].Args);
        Assert.Equal(MessageArgs.Of(("stage", "promotion"), ("last", "planning")), found[27].Args);
    }

    [Fact]
    public void Validation_UnknownUnitAndCustomKpiOfTheStructure()
    {
        var structure = new OrgStructure("Co", [new("co", "Co", UnitKind.Company)], kpis: [new KpiAssignment("booth_visitors", "event_planning", "co")]);
        var c = Launch() with { Objectives = [new("booth_visitors", 500)] };

        Assert.Equal([Problem.Of("unit", OrgCodes.UnknownUnit, ("unit", "planning"))], c.Validate(structure));
        Assert.Equal([Problem.Of("objectives[0].kpi", CampaignCodes.UnknownKpi, ("kpi", "booth_visitors"))], c.Validate());
    }

    [Fact]
    public void Validation_ScheduleOutsideTheSupportedDays_IsReported()
    {
        // A window or baseline reaching past 1900..9998 could not be computed; the edges themselves are fine.
        var ancient = Launch() with { Start = new DateOnly(1, 1, 1), End = new DateOnly(9999, 12, 31) };

        Assert.Equal(
            [
                Problem.Of("start", CommonCodes.DayUnsupported, ("day", new DateOnly(1, 1, 1)), ("min", DateRange.MinDay), ("max", DateRange.MaxDay)),
                Problem.Of("end", CommonCodes.DayUnsupported, ("day", new DateOnly(9999, 12, 31)), ("min", DateRange.MinDay), ("max", DateRange.MaxDay)),
            ],
            ancient.Validate());
        Assert.Empty((Launch() with { Start = DateRange.MinDay, End = DateRange.MaxDay }).Validate());
    }

    [Fact]
    public void Validation_OneDayCampaign_IsValid()
    {
        Assert.Empty((Launch() with { End = D(3, 1) }).Validate());
    }

    [Fact]
    public void Validation_TransitionLogMustChainInTimeOrder()
    {
        var c = Launch() with
        {
            Stage = CampaignStage.Promotion,
            Transitions =
            [
                new(CampaignStage.Planning, CampaignStage.ResourcesConfirmed, "a", At(3, 2)),
                new(CampaignStage.Planning, CampaignStage.Evaluation, "", At(3, 1)),
            ],
        };

        Assert.Equal(
            [
                Problem.Of("transitions[1].from", CampaignCodes.TransitionFromMismatch, ("expected", "resources_confirmed")),
                new Problem("transitions[1].to", CampaignCodes.TransitionNotAdjacent),
                new Problem("transitions[1].by", CommonCodes.Required),
                new Problem("transitions[1].at", CampaignCodes.TransitionsOutOfOrder),
                Problem.Of("stage", CampaignCodes.StageMismatch, ("stage", "promotion"), ("last", "evaluation")),
            ],
            c.Validate());
    }

    [Fact]
    public void CheckAll_FindsRepeatedIdsAndCodesClaimedByTwoCampaigns()
    {
        var a = Launch("a");
        var b = Launch("b") with { Codes = ["bp-launch", "OTHER"] };
        var a2 = Launch("a") with { Codes = ["X"] };

        Assert.Equal(
            [
                Problem.Of("campaigns[1].codes[0]", CampaignCodes.CampaignCodeTaken, ("code", "bp-launch"), ("campaign", "a")),
                Problem.Of("campaigns[2].id", CommonCodes.Duplicate, ("value", "a")),
            ],
            CampaignValidation.CheckAll([a, b, a2]));
    }

    [Fact]
    public void Json_RoundTripsWithTheWebDefaults_AndWritesTheWords()
    {
        var c = InStage(Full(), CampaignStage.Evaluation, At(4, 1));

        var json = JsonSerializer.Serialize(c, JsonSerializerOptions.Web);
        var back = JsonSerializer.Deserialize<Campaign>(json, JsonSerializerOptions.Web);

        Assert.Equal(c, back);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("bp-launch", root.GetProperty("id").GetString());
        Assert.Equal("BP monitor launch", root.GetProperty("name").GetString());
        Assert.Equal("product_launch", root.GetProperty("type").GetString());
        Assert.Equal("evaluation", root.GetProperty("stage").GetString());
        Assert.Equal("channel", root.GetProperty("budget")[0].GetProperty("kind").GetString());
        Assert.Equal("resources_confirmed", root.GetProperty("transitions")[0].GetProperty("to").GetString());
        Assert.Equal("2026-03-01", root.GetProperty("start").GetString());
        Assert.False(root.TryGetProperty("schedule", out _));
        Assert.False(root.TryGetProperty("plannedTotal", out _));
    }

    [Fact]
    public void Equality_ComparesListsItemByItem()
    {
        Assert.Equal(Full(), Full());
        Assert.NotEqual(Full(), Full() with { Codes = ["BP-LAUNCH"] });
        Assert.Equal(Full().GetHashCode(), Full().GetHashCode());
    }

    [Fact]
    public void Words_RoundTripEveryEnum()
    {
        Assert.Equal(10, EnumWords.All<CampaignType>().Count);
        foreach (var type in Enum.GetValues<CampaignType>())
        {
            Assert.True(EnumWords.TryParse<CampaignType>(EnumWords.Word(type).ToUpperInvariant(), out var back));
            Assert.Equal(type, back);
        }

        Assert.Equal(["planning", "resources_confirmed", "promotion", "evaluation", "closed", "cancelled"], EnumWords.All<CampaignStage>());
        Assert.Equal(["lead", "creative", "media", "content", "analyst", "host", "other"], EnumWords.All<SquadRole>());
        Assert.False(EnumWords.TryParse<CampaignType>("1", out _));
        Assert.False(EnumWords.TryParse<CampaignType>("launch", out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnumWords.Word((CampaignStage)9));
    }

    [Fact]
    public void DateRange_DaysOverlapAndPreceding()
    {
        var march = new DateRange(D(3, 1), D(3, 31));

        Assert.Equal(31, march.Days);
        Assert.Equal(new DateRange(D(1, 29), D(2, 28)), march.Preceding());
        // A schedule longer than the days before it has no default baseline (it would start before 1900-01-01).
        var century = new DateRange(new(1950, 1, 1), new(2026, 12, 31));
        Assert.Null(century.Preceding());
        Assert.Equal(new DateRange(DateRange.MinDay, new(1949, 12, 31)), new DateRange(new(1950, 1, 1), new(1999, 12, 31)).Preceding());
        var longCampaign = new Campaign("long", "Long", CampaignType.ContentSeries, "brand", century.Start, century.End);
        Assert.Equal(Problem.Of("baseline", CampaignCodes.NoDefaultBaseline, ("from", century.Start), ("to", century.End), ("min", DateRange.MinDay)),
            Assert.Single(CampaignEvaluation.CheckBaseline(longCampaign, null)));
        Assert.Empty(CampaignEvaluation.CheckBaseline(longCampaign, new DateRange(new(1940, 1, 1), new(1940, 12, 31))));
        Assert.True(march.Overlaps(new DateRange(D(3, 31), D(4, 2))));
        Assert.False(march.Overlaps(new DateRange(D(4, 1), D(4, 2))));
        Assert.Equal(new DateRange(D(3, 31), D(3, 31)), march.Intersect(new DateRange(D(3, 31), D(4, 2))));
        Assert.Equal(0, new DateRange(D(3, 2), D(3, 1)).Days);
        Assert.False(new DateRange(D(3, 2), D(3, 1)).Overlaps(march));
        Assert.Equal("2026-03-01..2026-03-31", march.ToString());
    }

    [Fact]
    public void Metrics_DescribeCampaignMetricsAndCatalogKpis()
    {
        Assert.Equal(("Cost per participant", Direction.Lower), CampaignMetrics.Describe("cost_per_participant"));
        Assert.Equal(("GMV", Direction.Higher), CampaignMetrics.Describe("gmv"));
        Assert.Equal(("Cost per acquisition", Direction.Lower), CampaignMetrics.Describe("cpa"));
        Assert.Null(CampaignMetrics.Describe("nope"));
        Assert.Equal(CampaignMetrics.All.Count, CampaignMetrics.All.Select(m => m.Id).Distinct().Count());
        // The campaign metrics that share a catalog id agree with the catalog on direction.
        foreach (var m in CampaignMetrics.All.Where(m => KpiCatalog.Find(m.Id) is not null))
        {
            var catalog = KpiCatalog.Find(m.Id)!;
            Assert.Equal(catalog.Direction == KpiDirection.LowerIsBetter ? Direction.Lower : Direction.Higher, m.Direction);
        }
    }
}
