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
            kit: new ContentKit(["", "ok"], [new("", "ftp://x"), new("site", "/relative")], "someone"),
            stage: CampaignStage.Promotion);

        var problems = bad.Validate(new OrgStructure("Co", [new("co", "Co", UnitKind.Company)])).Select(p => p.ToString()).ToList();

        Assert.Equal(
            [
                "id: \"BP Launch\" must be a slug: lower-case letters, digits, '_' and '-', starting with a letter or digit, at most 64 characters",
                "name: a campaign needs a name",
                "type: unknown campaign type; expected one of product_launch, exhibition, brand_event, content_series, live_stream, influencer_collaboration, paid_media_flight, mission_marketing, app_store_promotion, store_promotion",
                "unit: a campaign needs an owning unit",
                "end: the end 2026-03-01 is before the start 2026-03-31",
                "objectives[0].kpi: unknown KPI \"nope\"",
                "objectives[1].target: the target must be a finite number, not negative",
                "objectives[2].kpi: KPI \"reach\" has two objectives",
                "objectives[2].target: the target must be a finite number, not negative",
                "budget[0].planned: the planned amount must not be negative",
                "budget[1].item: unknown cost category \"catering\"; expected one of agency, staff, tools, kol_fee, livestream_commission, event, other",
                "budget[2].item: budget line \"channel:douyin_ads\" is given twice",
                "budget[2].planned: the planned amount must be at most 10^14 with at most 4 decimals",
                "budget[3].item: a channel line needs a channel",
                "milestones[1].name: milestone \"launch\" is given twice",
                "milestones[2].name: a milestone needs a name",
                "codes[1]: code \"bp\" is given twice (codes are compared ignoring case)",
                "codes[2]: a campaign code must not be empty",
                "codes[3]: must not start or end with spaces",
                "brandSteps[0]: brand cycle step 0 is outside 1-9",
                "brandSteps[1]: brand cycle step 10 is outside 1-9",
                "brandSteps[3]: brand cycle step 3 is given twice",
                "kit.messages[0]: a message must not be empty",
                "kit.links[0].label: a link needs a label",
                "kit.links[0].url: must be an absolute http or https URL",
                "kit.links[1].url: must be an absolute http or https URL",
                "kit.approvedBy: an approved kit needs both who approved it and when",
                "stage: the stage is promotion but the transitions end in planning",
            ],
            problems);
    }

    [Fact]
    public void Validation_UnknownUnitAndCustomKpiOfTheStructure()
    {
        var structure = new OrgStructure("Co", [new("co", "Co", UnitKind.Company)], kpis: [new KpiAssignment("booth_visitors", "event_planning", "co")]);
        var c = Launch() with { Objectives = [new("booth_visitors", 500)] };

        Assert.Equal(["unit: unknown unit \"planning\""], c.Validate(structure).Select(p => p.ToString()));
        Assert.Equal(["objectives[0].kpi: unknown KPI \"booth_visitors\""], c.Validate().Select(p => p.ToString()));
    }

    [Fact]
    public void Validation_ScheduleOutsideTheSupportedDays_IsReported()
    {
        // A window or baseline reaching past 1900..9998 could not be computed; the edges themselves are fine.
        var ancient = Launch() with { Start = new DateOnly(1, 1, 1), End = new DateOnly(9999, 12, 31) };

        Assert.Equal(
            ["start: 0001-01-01 is outside the supported days 1900-01-01..9998-12-31", "end: 9999-12-31 is outside the supported days 1900-01-01..9998-12-31"],
            ancient.Validate().Select(p => p.ToString()));
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
                "transitions[1].from: expected resources_confirmed, the stage the previous transition left the campaign in",
                "transitions[1].to: a transition moves one stage forward or back",
                "transitions[1].by: a transition needs who made it",
                "transitions[1].at: transitions must be in time order",
                "stage: the stage is promotion but the transitions end in evaluation",
            ],
            c.Validate().Select(p => p.ToString()));
    }

    [Fact]
    public void CheckAll_FindsRepeatedIdsAndCodesClaimedByTwoCampaigns()
    {
        var a = Launch("a");
        var b = Launch("b") with { Codes = ["bp-launch", "OTHER"] };
        var a2 = Launch("a") with { Codes = ["X"] };

        Assert.Equal(
            [
                "campaigns[1].codes[0]: code \"bp-launch\" already belongs to campaign \"a\"",
                "campaigns[2].id: campaign id \"a\" is used twice",
            ],
            CampaignValidation.CheckAll([a, b, a2]).Select(p => p.ToString()));
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
        Assert.Equal("baseline: the same number of days before 1950-01-01..2026-12-31 would start before 1900-01-01: give a baseline",
            Assert.Single(CampaignEvaluation.CheckBaseline(longCampaign, null)).ToString());
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
