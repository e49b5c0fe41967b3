using Mercato.Core.Campaigns;
using Mercato.Core.Measurement.Roi;
using Mercato.Core.Organization;
using static Mercato.Core.Tests.Campaigns.Fx;

namespace Mercato.Core.Tests.Campaigns;

public class CampaignEvaluationTests
{
    // A ten-day launch, 1-10 March; the default baseline is 19-28 February.
    private static Campaign TenDays() => InStage(Launch() with
    {
        End = D(3, 10),
        Objectives =
        [
            new("reach", 40_000),                // 50000 / 40000 = 1.25, on track
            new("cost_per_participant", 25),     // lower is better: 25 / 20 = 1.25, on track
            new("roi", 0.6),                     // 0.5 / 0.6 = 0.8333, at risk
            new("gmv", 200_000, "store GMV"),    // supplied 150000 / 200000 = 0.75, off track
            new("followers_gained", 1000),       // not supplied: no data
        ],
    }, CampaignStage.Evaluation, At(3, 11));

    private static readonly CampaignScopeFigures Scope = new(Impressions: 50_000, Clicks: 1_200, Touchpoints: 800, Participants: 400);

    private static readonly BudgetActual[] Actuals = [new(BudgetItemKind.Channel, "douyin_ads", 6000m), new(BudgetItemKind.Cost, "event", 2000m)];

    private static EvaluationInput Input(BusinessFigures? baseline = null, AttributedFigures? attributed = null, DateRange? explicitBaseline = null) => new(
        TenDays(), Scope, Actuals,
        Window: new BusinessFigures(300_000, 5_000, 300, 150_000m),
        Baseline: baseline ?? new BusinessFigures(250_000, 4_000, 250, 120_000m),
        Attributed: attributed ?? new AttributedFigures("linear", 40, 20_000, 8_000),
        ExplicitBaseline: explicitBaseline,
        KpiActuals: new Dictionary<string, double> { ["gmv"] = 150_000, ["reach"] = 1 });

    [Fact]
    public void Evaluate_ExactFigures()
    {
        var r = CampaignEvaluation.Evaluate(Input());

        Assert.Equal(new DateRange(D(3, 1), D(3, 10)), r.Window);
        Assert.Equal(new DateRange(D(2, 19), D(2, 28)), r.Baseline);
        Assert.True(r.BaselineIsDefault);
        Assert.Equal("linear", r.Model);
        Assert.Equal((50_000L, 1_200L, 800L, 400L), (r.Reach, r.Clicks, r.Touchpoints, r.Participants));
        Assert.Equal((6000m, 2000m), (r.Spend, r.Costs));
        Assert.Equal(20m, r.CostPerParticipant);                  // (6000 + 2000) / 400
        Assert.Equal(40, r.AttributedConversions);
        Assert.Equal((20_000m, 8_000m, 12_000m), (r.AttributedRevenue, r.AttributedProductCost, r.GrossProfit));
        Assert.Equal(4_000m, r.NetReturn);                        // 12000 − 6000 − 2000
        Assert.Equal(0.5, r.Roi!.Value, 12);                      // 4000 / 8000
        Assert.Equal(20_000.0 / 6_000, r.Roas!.Value, 12);        // 20000 / 6000
    }

    [Fact]
    public void Evaluate_RoiIsRoiCalculatorsFormula()
    {
        var r = CampaignEvaluation.Evaluate(Input(attributed: new AttributedFigures("markov", 12.5, 7_777.77777, 1_234.5)));
        var direct = RoiCalculator.ForChannelMonth(new ChannelMonthInput("x", new YearMonth(2026, 3), 6000m, 12.5, 7_777.77777, 1_234.5, 2000m), 0m);

        Assert.Equal((direct.NetReturn, direct.Roi, direct.Roas, direct.Revenue), (r.NetReturn!.Value, r.Roi, r.Roas, r.AttributedRevenue!.Value));
        Assert.Equal(7_777.7778m, r.AttributedRevenue);
    }

    [Fact]
    public void Evaluate_UpliftAgainstTheDefaultBaseline()
    {
        var r = CampaignEvaluation.Evaluate(Input());

        // Same length: expected = baseline. Impressions +50000 (20%), touchpoints +1000 (25%), conversions +50 (20%), revenue +30000 (25%).
        Assert.Equal(
            [
                ("impressions", 300_000m, (decimal?)250_000m, (decimal?)250_000m, (decimal?)50_000m, (double?)0.2),
                ("touchpoints", 5_000m, 4_000m, 4_000m, 1_000m, 0.25),
                ("conversions", 300m, 250m, 250m, 50m, 0.2),
                ("revenue", 150_000m, 120_000m, 120_000m, 30_000m, 0.25),
            ],
            r.Uplift.Select(u => (u.Id, u.Window, u.Baseline, u.Expected, u.Absolute, u.Relative)));
    }

    [Fact]
    public void Evaluate_ExplicitBaselineOfAnotherLength_ComparesAtTheDailyRate()
    {
        // Baseline 1-20 February (20 days), 400 conversions → expected over 10 days 200 → uplift 100 (50%).
        var baseline = new DateRange(D(2, 1), D(2, 20));
        var r = CampaignEvaluation.Evaluate(Input(new BusinessFigures(0, 3, 400, 100_000m), explicitBaseline: baseline));

        Assert.False(r.BaselineIsDefault);
        Assert.Equal(baseline, r.Baseline);
        var conversions = r.Uplift.Single(u => u.Id == "conversions");
        Assert.Equal((200m, 100m, 0.5), (conversions.Expected!.Value, conversions.Absolute!.Value, conversions.Relative!.Value));
        var touchpoints = r.Uplift.Single(u => u.Id == "touchpoints");
        Assert.Equal((1.5m, 4_998.5m), (touchpoints.Expected!.Value, touchpoints.Absolute!.Value)); // 3 × 10 / 20
        var impressions = r.Uplift.Single(u => u.Id == "impressions");
        Assert.Equal((0m, 300_000m, (double?)null), (impressions.Expected!.Value, impressions.Absolute!.Value, impressions.Relative));
    }

    [Fact]
    public void Evaluate_WithoutBaselineFigures_HasNoUplift()
    {
        var r = CampaignEvaluation.Evaluate(Input() with { Baseline = null });

        Assert.All(r.Uplift, u => Assert.Equal((null, null, null, null), (u.Baseline, u.Expected, u.Absolute, u.Relative)));
        var revenue = r.Figures.Single(f => f.Id == "uplift_revenue");
        Assert.Equal(((string?)null, new Message(CampaignCodes.NoBaselineFigures)), (revenue.Working, revenue.Note));
        Assert.DoesNotContain(r.Headline, m => m.Code == CampaignCodes.HeadlineRevenueUplift);
    }

    [Fact]
    public void Baseline_MustNotOverlapTheCampaignWindow()
    {
        var overlapping = new DateRange(D(2, 20), D(3, 1));

        Assert.Equal([Problem.Of("baseline", CampaignCodes.BaselineOverlaps, ("from", D(2, 20)), ("to", D(3, 1)), ("start", D(3, 1)), ("end", D(3, 10)))],
            CampaignEvaluation.CheckBaseline(TenDays(), overlapping));
        Assert.Equal([Problem.Of("baseline", CommonCodes.EndBeforeStart, ("start", D(2, 2)), ("end", D(2, 1)))],
            CampaignEvaluation.CheckBaseline(TenDays(), new DateRange(D(2, 2), D(2, 1))));
        Assert.Empty(CampaignEvaluation.CheckBaseline(TenDays(), new DateRange(D(2, 20), D(2, 28))));
        Assert.Empty(CampaignEvaluation.CheckBaseline(TenDays(), new DateRange(D(3, 11), D(3, 20))));
        Assert.Throws<ArgumentException>(() => CampaignEvaluation.Evaluate(Input(explicitBaseline: overlapping)));
    }

    [Fact]
    public void Evaluate_ObjectivesUseScorecardAttainmentAndStatus()
    {
        var r = CampaignEvaluation.Evaluate(Input());

        Assert.Equal(
            [
                ("reach", 50_000.0, 1.25, KpiStatus.OnTrack, "campaign"),
                ("cost_per_participant", 20.0, 1.25, KpiStatus.OnTrack, "campaign"),
                ("roi", 0.5, Math.Round(0.5 / 0.6, 12), KpiStatus.AtRisk, "campaign"),
                ("gmv", 150_000.0, 0.75, KpiStatus.OffTrack, "supplied"),
            ],
            r.Objectives.Take(4).Select(o => (o.Kpi, o.Actual!.Value, Math.Round(o.Attainment!.Value, 12), o.Status, o.Source)));
        var followers = r.Objectives[4];
        Assert.Equal((null, null, KpiStatus.NoData, "none"), (followers.Actual, followers.Attainment, followers.Status, followers.Source));
        Assert.Equal(("Cost per participant", Direction.Lower), (r.Objectives[1].Name, r.Objectives[1].Direction));
        Assert.Equal("store GMV", r.Objectives[3].Note);
    }

    [Fact]
    public void Evaluate_EveryFigureHasAFormula_AndDerivedFiguresShowTheirWorking()
    {
        var r = CampaignEvaluation.Evaluate(Input());

        Assert.Equal(
            [
                "reach", "clicks", "touchpoints", "participants", "spend", "costs", "cost_per_participant", "attributed_conversions",
                "attributed_revenue", "net_return", "roi", "roas", "uplift_impressions", "uplift_touchpoints", "uplift_conversions", "uplift_revenue",
            ],
            r.Figures.Select(f => f.Id));
        Assert.All(r.Figures, f => Assert.False(string.IsNullOrWhiteSpace(f.Formula)));
        var working = r.Figures.Where(f => f.Working is not null).ToDictionary(f => f.Id, f => f.Working);
        Assert.Equal("(6000 + 2000) / 400 = 20", working["cost_per_participant"]);
        Assert.Equal("(20000 − 8000) − 6000 − 2000 = 4000", working["net_return"]);
        Assert.Equal("4000 / (6000 + 2000) = 0.5", working["roi"]);
        Assert.Equal("20000 / 6000 = 3.3333", working["roas"]);
        Assert.Equal("150000 − 120000 × 10 / 10 = 30000 (25%)", working["uplift_revenue"]);
        Assert.All(r.Figures.Where(f => f.Working is not null), f => Assert.Null(f.Note));
        Assert.Equal(
            [
                Message.Of(CampaignCodes.HeadlineCampaign, ("name", "BP monitor launch"), ("from", D(3, 1)), ("to", D(3, 10))),
                Message.Of(CampaignCodes.HeadlineRoi, ("roi", 0.5), ("cost", 8000m)),
                Message.Of(CampaignCodes.HeadlineObjectivesMet, ("met", 2), ("count", 5)),
                Message.Of(CampaignCodes.HeadlineRevenueUplift, ("relative", 0.25)),
            ],
            r.Headline);
    }

    [Fact]
    public void Evaluate_WithoutAttribution_HasNoRoi()
    {
        var r = CampaignEvaluation.Evaluate(Input() with { Attributed = null });

        Assert.Equal((null, null, null, null, (string?)null), (r.AttributedRevenue, r.NetReturn, r.Roi, r.Roas, r.Model));
        Assert.Equal(KpiStatus.NoData, r.Objectives.Single(o => o.Kpi == "roi").Status);
        Assert.Equal(Message.Of(CampaignCodes.HeadlineRoiNotComputed, ("cost", 8000m)), r.Headline[1]);
        Assert.All(r.Figures.Where(f => f.Id is "attributed_conversions" or "attributed_revenue" or "net_return" or "roi" or "roas"),
            f => Assert.Equal(((string?)null, new Message(CampaignCodes.NoAttributionRun)), (f.Working, f.Note)));
    }

    [Fact]
    public void Evaluate_EmptyCampaign_NoParticipantsNoSpend()
    {
        var c = TenDays() with { Budget = [], Objectives = [] };
        var r = CampaignEvaluation.Evaluate(new EvaluationInput(c, new CampaignScopeFigures(0, 0, 0, 0), [], new BusinessFigures(0, 0, 0, 0m),
            new BusinessFigures(0, 0, 0, 0m), new AttributedFigures("last", 0, 0, 0)));

        Assert.Equal(((decimal?)null, 0m, (double?)null, (double?)null), (r.CostPerParticipant, r.NetReturn!.Value, r.Roi, r.Roas));
        Assert.All(r.Uplift, u => Assert.Null(u.Relative));
        Assert.Equal([CampaignCodes.HeadlineCampaign, CampaignCodes.HeadlineRoiUndefined], r.Headline.Select(m => m.Code));
        Assert.Empty(r.Budget.Lines);
    }

    [Fact]
    public void Evaluate_BudgetIsCheckedAgainstTheSameActuals()
    {
        var r = CampaignEvaluation.Evaluate(Input() with { Actuals = [new(BudgetItemKind.Channel, "douyin_ads", 7000m), new(BudgetItemKind.Channel, "kol", 100m)] });

        Assert.Equal(7100m, r.Spend);
        Assert.Equal(0m, r.Costs);
        Assert.Equal(["channel:douyin_ads", "channel:kol"], r.Budget.Warnings.Select(w => w.Line));
    }

    [Fact]
    public void Windows_DefaultBaselineIsTheSameLengthImmediatelyBefore()
    {
        Assert.Equal((new DateRange(D(3, 1), D(3, 31)), new DateRange(D(1, 29), D(2, 28))), CampaignEvaluation.Windows(Launch()));
        var oneDay = Launch() with { End = D(3, 1) };
        Assert.Equal(new DateRange(D(2, 28), D(2, 28)), CampaignEvaluation.Windows(oneDay).Baseline);
    }
}
