using Mercato.Core.Measurement.Cohorts;

namespace Mercato.Core.Tests.Measurement.Cohorts;

public class CohortAnalysisTests
{
    private static readonly YearMonth Jan = new(2026, 1);

    [Fact]
    public void Cohort_SmallCohort_GivesHandComputedLtvAndPayback()
    {
        // 4 users acquired in January through search for 200 (CAC 50 a user).
        // Gross profit by month: 100, 40, 40, 40 → cumulative 100, 140, 180, 220 → per user 25, 35, 45, 55.
        // Payback: 220 ≥ 200 first at month 3.
        var curves = CohortAnalysis.Build(
            [new CohortSize(Jan, "search", 4)],
            [
                new CohortProfit(Jan, "search", 0, 100m),
                new CohortProfit(Jan, "search", 1, 40m),
                new CohortProfit(Jan, "search", 2, 40m),
                new CohortProfit(Jan, "search", 3, 40m),
            ],
            [new CohortCost(Jan, "search", 200m)],
            new YearMonth(2026, 4));

        var curve = Assert.Single(curves);
        Assert.Equal(4, curve.Users);
        Assert.Equal(200m, curve.AcquisitionCost);
        Assert.Equal(50m, curve.CacPerUser);
        Assert.Equal([100m, 40m, 40m, 40m], curve.GrossProfit);
        Assert.Equal([25m, 35m, 45m, 55m], curve.LtvPerUser);
        Assert.Equal(3, curve.PaybackOffset);
        Assert.Null(curve.ProjectedPaybackOffset);
        Assert.Equal(4, curve.ObservedMonths());
    }

    [Fact]
    public void Cohort_PaybackAtExactlyTheCost_CountsAsPaidBack()
    {
        // 1 user for 60: 50, 10 → cumulative 50, 60; 60 ≥ 60 at month 1.
        var curve = CohortAnalysis.Curve(Jan, "a", 1, 60m, [50m, 10m]);

        Assert.Equal(1, curve.PaybackOffset);
    }

    [Fact]
    public void Cohort_MonthsWithoutRows_CountAsZero_AndRowsOfOneKeyAddUp()
    {
        // Observed Jan..Apr (offsets 0..3); rows only at 0 (30 + 6) and 2 (9); sizes 2 + 1 = 3 users.
        // Cumulative 36, 36, 45, 45 → per user 12, 12, 15, 15; cost 20 + 25 = 45 → paid back at month 2.
        var curve = Assert.Single(CohortAnalysis.Build(
            [new CohortSize(Jan, "a", 2), new CohortSize(Jan, "a", 1)],
            [new CohortProfit(Jan, "a", 0, 30m), new CohortProfit(Jan, "a", 2, 9m), new CohortProfit(Jan, "a", 0, 6m)],
            [new CohortCost(Jan, "a", 20m), new CohortCost(Jan, "a", 25m)],
            new YearMonth(2026, 4)));

        Assert.Equal(3, curve.Users);
        Assert.Equal([36m, 0m, 9m, 0m], curve.GrossProfit);
        Assert.Equal([12m, 12m, 15m, 15m], curve.LtvPerUser);
        Assert.Equal(15m, curve.CacPerUser);
        Assert.Equal(2, curve.PaybackOffset);
    }

    [Fact]
    public void Cohort_WithoutCostOrProfitRows_CostsNothing_AndPaysBackAtOnce()
    {
        // Organic users: cost 0, no profit yet: cumulative 0 ≥ 0 at month 0.
        var curve = Assert.Single(CohortAnalysis.Build([new CohortSize(Jan, "direct", 5)], [], [], new YearMonth(2026, 2)));

        Assert.Equal(0m, curve.AcquisitionCost);
        Assert.Equal([0m, 0m], curve.GrossProfit);
        Assert.Equal(0, curve.PaybackOffset);
    }

    [Fact]
    public void Cohort_OrderedByMonthThenChannel_AndEachObservedUpToTheLastMonth()
    {
        var feb = new YearMonth(2026, 2);
        var curves = CohortAnalysis.Build(
            [new CohortSize(feb, "a", 1), new CohortSize(Jan, "b", 1), new CohortSize(Jan, "a", 1)],
            [],
            [],
            new YearMonth(2026, 3));

        Assert.Equal([(Jan, "a", 3), (Jan, "b", 3), (feb, "a", 2)], curves.Select(c => (c.CohortMonth, c.Channel, c.ObservedMonths())));
    }

    [Fact]
    public void Projection_ExtrapolatesTheAverageOfTheLastThreeMonths()
    {
        // 10 users for 1000. Gross profit 300, 100, 60, 80, 100 → cumulative at month 4: 640, not paid back.
        // Last three monthly increments (months 2..4): (60 + 80 + 100) / 3 = 80. Missing 1000 − 640 = 360 → 360 / 80 = 4.5
        // → 5 more months → projected payback at month 4 + 5 = 9.
        var curve = CohortAnalysis.Curve(Jan, "a", 10, 1000m, [300m, 100m, 60m, 80m, 100m]);

        Assert.Null(curve.PaybackOffset);
        Assert.Equal(9, curve.ProjectedPaybackOffset);
        Assert.Equal(9, curve.ExpectedPaybackOffset());
    }

    [Fact]
    public void Projection_LeavesOutTheAcquisitionMonth_WhenFewMonthsAreObserved()
    {
        // Months 0..1 observed: 300, 50; the first order (month 0) does not repeat, so the increment is 50 alone.
        // Cost 500: missing 500 − 350 = 150 → 150 / 50 = 3 → projected at month 1 + 3 = 4.
        Assert.Equal(4, CohortAnalysis.Curve(Jan, "a", 1, 500m, [300m, 50m]).ProjectedPaybackOffset);

        // Months 0..2: increments 50 and 30, average 40; cost 500: missing 500 − 380 = 120 → 3 → month 2 + 3 = 5.
        Assert.Equal(5, CohortAnalysis.Curve(Jan, "a", 1, 500m, [300m, 50m, 30m]).ProjectedPaybackOffset);
    }

    [Fact]
    public void Projection_IsNull_WhenOnlyTheAcquisitionMonthIsObserved()
    {
        Assert.Null(CohortAnalysis.Curve(Jan, "a", 1, 500m, [300m]).ProjectedPaybackOffset);
    }

    [Fact]
    public void Projection_IsNull_WhenTheRecentIncrementsAreNotPositive()
    {
        // Last three increments 10, −10, 0 → average 0: never pays back at this pace.
        Assert.Null(CohortAnalysis.Curve(Jan, "a", 1, 500m, [100m, 10m, -10m, 0m]).ProjectedPaybackOffset);

        // Average −5.
        Assert.Null(CohortAnalysis.Curve(Jan, "a", 1, 500m, [100m, 0m, -5m, -10m]).ProjectedPaybackOffset);
    }

    [Fact]
    public void Projection_BeyondTheMaximum_IsNull()
    {
        // Missing 10000 − 1 = 9999 at 1 a month: month 1 + 9999, far beyond 120.
        Assert.Null(CohortAnalysis.Curve(Jan, "a", 1, 10_000m, [0m, 1m]).ProjectedPaybackOffset);

        // Exactly at the maximum: missing 119 at 1 a month → 1 + 119 = 120, still reported.
        Assert.Equal(CohortAnalysis.MaxProjectionMonths, CohortAnalysis.Curve(Jan, "a", 1, 120m, [0m, 1m]).ProjectedPaybackOffset);
    }

    [Fact]
    public void Build_InconsistentRows_Throw()
    {
        var last = new YearMonth(2026, 3);

        // Profit for a cohort without a size.
        Assert.Throws<ArgumentException>(() =>
            CohortAnalysis.Build([new CohortSize(Jan, "a", 1)], [new CohortProfit(Jan, "b", 0, 1m)], [], last));

        // Profit observed after the last month (Jan + 3 = April).
        Assert.Throws<ArgumentException>(() =>
            CohortAnalysis.Build([new CohortSize(Jan, "a", 1)], [new CohortProfit(Jan, "a", 3, 1m)], [], last));

        // A cohort starting after the last month.
        Assert.Throws<ArgumentException>(() => CohortAnalysis.Build([new CohortSize(new YearMonth(2026, 4), "a", 1)], [], [], last));

        // A cohort of nobody.
        Assert.Throws<ArgumentException>(() => CohortAnalysis.Build([new CohortSize(Jan, "a", 0)], [], [], last));
    }

    [Fact]
    public void PaybackOutlook_IsTheMedianOfTheRecentMatureCohorts()
    {
        // Mature cohorts (≥ 3 months observed) of "a": paid back at 0 and at 2, projected at 9, never; the young March
        // cohort and the other channel are not read.
        var cohorts = new[]
        {
            Cohort(new YearMonth(2025, 10), "a", 100m, [100m, 0m, 0m]), // 100 ≥ 100: paid back at 0
            Cohort(new YearMonth(2025, 11), "a", 100m, [50m, 30m, 30m]), // 50, 80, 110: paid back at 2
            Cohort(new YearMonth(2025, 12), "a", 1000m, [300m, 100m, 60m, 80m, 100m]), // projected at 9
            Cohort(Jan, "a", 1000m, [10m, 0m, 0m]), // increments 0, 0: never
            Cohort(new YearMonth(2026, 3), "a", 1000m, [10m]), // one month observed: not mature, not read
            Cohort(Jan, "b", 1m, [5m, 5m, 5m]),
        };

        // With the October cohort among the last 6 mature ones: 0, 2, 9, never → even count, the later middle: 9.
        Assert.Equal(9, CohortAnalysis.PaybackOutlook(cohorts, "a"));

        // Without the two cohorts that pay back early, never wins the median.
        Assert.Null(CohortAnalysis.PaybackOutlook(cohorts.Where(c => c.CohortMonth.Year == 2026 || c.CohortMonth.Month == 12), "a"));
        Assert.Equal(0, CohortAnalysis.PaybackOutlook(cohorts, "b"));
        Assert.Null(CohortAnalysis.PaybackOutlook(cohorts, "nobody"));
    }

    [Fact]
    public void PaybackOutlook_WithOnlyYoungCohorts_ReadsThem()
    {
        // Two months observed each: projected at 4 (300, 50 for 500) and paid back at 0.
        // Sorted 0, 4 → even count, the later middle: 4.
        var cohorts = new[]
        {
            Cohort(Jan, "a", 500m, [300m, 50m]),
            Cohort(new YearMonth(2026, 2), "a", 5m, [10m, 0m]),
        };

        Assert.Equal(4, CohortAnalysis.PaybackOutlook(cohorts, "a"));
    }

    private static CohortCurve Cohort(YearMonth month, string channel, decimal cost, decimal[] grossProfit) =>
        CohortAnalysis.Curve(month, channel, 1, cost, grossProfit);
}
