using System.Text.Json;
using Mercato.Core.Measurement.Roi;

namespace Mercato.Core.Tests.Measurement.Roi;

public class RoiCalculatorTests
{
    private static readonly YearMonth Jan = new(2026, 1);
    private static readonly YearMonth Feb = new(2026, 2);
    private static readonly YearMonth Mar = new(2026, 3);

    [Fact]
    public void Roi_WorkedExample_GivesHandComputedReturn()
    {
        // DOMAIN.md §6: a user acquired for 50 buys 100 in month one; product cost 40, fixed cost 5 (the channel's own).
        // gross profit = 100 − 40 = 60; allocated = 5; net return = 60 − 50 − 5 = 5;
        // ROI = 5 / (50 + 5) = 5/55; ROAS = 100 / 50 = 2; CPA = 55 / 1 = 55.
        var row = RoiCalculator.ForChannelMonth(new ChannelMonthInput("search", Jan, 50m, 1, 100, 40, 5m), 0m);

        Assert.Equal(50m, row.Spend);
        Assert.Equal(1d, row.Conversions);
        Assert.Equal(100m, row.Revenue);
        Assert.Equal(40m, row.ProductCost);
        Assert.Equal(60m, row.GrossProfit);
        Assert.Equal(5m, row.AllocatedCosts);
        Assert.Equal(5m, row.NetReturn);
        Assert.Equal(5d / 55d, row.Roi);
        Assert.Equal(2d, row.Roas);
        Assert.Equal(55m, row.Cpa);
    }

    [Fact]
    public void Roi_WorkedExample_WithFixedCostWithoutChannel_GivesTheSameReturn()
    {
        // The fixed cost 5 is a department cost; the month's only channel takes all of it: net 100 − 40 − 50 − 5 = 5.
        var result = RoiCalculator.Compute(
            [new ChannelMonthInput("search", Jan, 50m, 1, 100, 40, 0m)],
            [new DepartmentCost(Jan, 5m)]);

        var row = Assert.Single(result.Rows);
        Assert.Equal(5m, row.AllocatedCosts);
        Assert.Equal(5m, row.NetReturn);
        Assert.Equal(5d / 55d, row.Roi);
        Assert.Equal(new MonthAllocation(Jan, 5m, AllocationBasis.Spend), Assert.Single(result.Allocations));
    }

    [Fact]
    public void Roi_TwoChannels_SpreadDepartmentCostsBySpend_AndComputeEveryField()
    {
        // Department cost 40 by spend 300 : 100 → search 30, social 10.
        // search: gross 600 − 200 = 400; allocated 20 + 30 = 50; net 400 − 300 − 50 = 50; ROI 50/350; ROAS 600/300 = 2;
        //         CPA 350 / 10 = 35.
        // social: gross 150 − 50 = 100; allocated 0 + 10 = 10; net 100 − 100 − 10 = −10; ROI −10/110; ROAS 1.5;
        //         CPA 110 / 4 = 27.5.
        var result = RoiCalculator.Compute(
            [
                new ChannelMonthInput("social", Jan, 100m, 4, 150, 50, 0m),
                new ChannelMonthInput("search", Jan, 300m, 10, 600, 200, 20m),
            ],
            [new DepartmentCost(Jan, 25m), new DepartmentCost(Jan, 15m)]);

        Assert.Equal(["search", "social"], result.Rows.Select(r => r.Channel));
        var search = result.Rows[0];
        Assert.Equal(400m, search.GrossProfit);
        Assert.Equal(50m, search.AllocatedCosts);
        Assert.Equal(50m, search.NetReturn);
        Assert.Equal(50d / 350d, search.Roi);
        Assert.Equal(2d, search.Roas);
        Assert.Equal(35m, search.Cpa);

        var social = result.Rows[1];
        Assert.Equal(100m, social.GrossProfit);
        Assert.Equal(10m, social.AllocatedCosts);
        Assert.Equal(-10m, social.NetReturn);
        Assert.Equal(-10d / 110d, social.Roi);
        Assert.Equal(1.5d, social.Roas);
        Assert.Equal(27.5m, social.Cpa);
        Assert.Equal(new MonthAllocation(Jan, 40m, AllocationBasis.Spend), Assert.Single(result.Allocations));
    }

    [Fact]
    public void Roi_ZeroDenominators_GiveNulls()
    {
        // Nothing spent, no costs, nothing converted: ROI, ROAS and CPA have no denominator.
        var idle = RoiCalculator.ForChannelMonth(new ChannelMonthInput("pr", Jan, 0m, 0, 0, 0, 0m), 0m);
        Assert.Null(idle.Roi);
        Assert.Null(idle.Roas);
        Assert.Null(idle.Cpa);
        Assert.Equal(0m, idle.NetReturn);

        // No media spend but a KOL fee of 10; revenue 30 from 2 conversions:
        // ROAS null (spend 0); ROI = (30 − 0 − 0 − 10) / 10 = 2; CPA = 10 / 2 = 5.
        var kol = RoiCalculator.ForChannelMonth(new ChannelMonthInput("kol", Jan, 0m, 2, 30, 0, 10m), 0m);
        Assert.Null(kol.Roas);
        Assert.Equal(2d, kol.Roi);
        Assert.Equal(5m, kol.Cpa);

        // Spend 100 and no conversion: CPA null, ROI = (0 − 100) / 100 = −1, ROAS = 0 / 100 = 0.
        var dry = RoiCalculator.ForChannelMonth(new ChannelMonthInput("display", Jan, 100m, 0, 0, 0, 0m), 0m);
        Assert.Null(dry.Cpa);
        Assert.Equal(-1d, dry.Roi);
        Assert.Equal(0d, dry.Roas);
    }

    [Fact]
    public void Cpa_FractionalConversions_IsRoundedToFourDecimals()
    {
        // 100 / 3 = 33.3333…; 100 / 2.5 = 40; 200 / 3 = 66.6666… → 66.6667 (away from zero).
        Assert.Equal(33.3333m, RoiCalculator.ForChannelMonth(new ChannelMonthInput("a", Jan, 100m, 3, 0, 0, 0m), 0m).Cpa);
        Assert.Equal(40m, RoiCalculator.ForChannelMonth(new ChannelMonthInput("a", Jan, 100m, 2.5, 0, 0, 0m), 0m).Cpa);
        Assert.Equal(66.6667m, RoiCalculator.ForChannelMonth(new ChannelMonthInput("a", Jan, 200m, 3, 0, 0, 0m), 0m).Cpa);
    }

    [Fact]
    public void Revenue_CreditsAsDoubles_AreRoundedToFourDecimals()
    {
        // 0.1 + 0.2 = 0.30000000000000004 → 0.3; 12.34565 → 12.3457 (midpoint away from zero); 1/3 → 0.3333.
        var row = RoiCalculator.ForChannelMonth(new ChannelMonthInput("a", Jan, 0m, 1, 0.1 + 0.2, 12.34565, 0m), 0m);
        Assert.Equal(0.3m, row.Revenue);
        Assert.Equal(12.3457m, row.ProductCost);
        Assert.Equal(0.3m - 12.3457m, row.GrossProfit);
        Assert.Equal(0.3333m, RoiCalculator.ForChannelMonth(new ChannelMonthInput("a", Jan, 0m, 1, 1d / 3d, 0, 0m), 0m).Revenue);
    }

    [Fact]
    public void Inputs_TinyNegativeNoise_CountsAsZero_ButRealNegativesAndNaN_Throw()
    {
        var row = RoiCalculator.ForChannelMonth(new ChannelMonthInput("a", Jan, 10m, -1e-12, -1e-12, 0, 0m), 0m);
        Assert.Equal(0d, row.Conversions);
        Assert.Equal(0m, row.Revenue);

        Assert.Throws<ArgumentOutOfRangeException>(() => RoiCalculator.ForChannelMonth(new ChannelMonthInput("a", Jan, 10m, 1, -1, 0, 0m), 0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => RoiCalculator.ForChannelMonth(new ChannelMonthInput("a", Jan, 10m, double.NaN, 0, 0, 0m), 0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => RoiCalculator.ForChannelMonth(new ChannelMonthInput("a", Jan, -1m, 1, 0, 0, 0m), 0m));
    }

    [Fact]
    public void Compute_SameChannelTwiceInAMonth_Throws()
    {
        Assert.Throws<ArgumentException>(() => RoiCalculator.Compute(
            [new ChannelMonthInput("a", Jan, 1m, 0, 0, 0, 0m), new ChannelMonthInput("a", Jan, 2m, 0, 0, 0, 0m)],
            []));
    }

    [Fact]
    public void Compute_MonthWithoutChannels_LeavesDepartmentCostsUnallocated()
    {
        // Feb has 7 of staff cost but no active channel: it is reported, not spread into January.
        var result = RoiCalculator.Compute(
            [new ChannelMonthInput("a", Jan, 10m, 1, 20, 0, 0m)],
            [new DepartmentCost(Feb, 7m)]);

        Assert.Equal(0m, Assert.Single(result.Rows).AllocatedCosts);
        Assert.Equal(new MonthAllocation(Feb, 7m, AllocationBasis.NotAllocated), Assert.Single(result.Allocations));
    }

    [Fact]
    public void Compute_EachMonthSpreadsOnlyItsOwnCosts_WithItsOwnBasis()
    {
        // Jan: spend 30 : 10 → 12 over a, b = 9, 3. Feb: no spend, revenue 10 : 30 → 8 = 2, 6.
        // Mar: neither → 1 equally = 0.5, 0.5.
        var result = RoiCalculator.Compute(
            [
                new ChannelMonthInput("a", Jan, 30m, 0, 0, 0, 0m),
                new ChannelMonthInput("b", Jan, 10m, 0, 0, 0, 0m),
                new ChannelMonthInput("a", Feb, 0m, 0, 10, 0, 0m),
                new ChannelMonthInput("b", Feb, 0m, 0, 30, 0, 0m),
                new ChannelMonthInput("a", Mar, 0m, 0, 0, 0, 0m),
                new ChannelMonthInput("b", Mar, 0m, 0, 0, 0, 0m),
            ],
            [new DepartmentCost(Mar, 1m), new DepartmentCost(Jan, 12m), new DepartmentCost(Feb, 8m)]);

        Assert.Equal([9m, 3m, 2m, 6m, 0.5m, 0.5m], result.Rows.Select(r => r.AllocatedCosts));
        Assert.Equal(
            [AllocationBasis.Spend, AllocationBasis.Revenue, AllocationBasis.Equal],
            result.Allocations.Select(a => a.Basis));
    }

    [Fact]
    public void Cumulative_RunsSumsOfNetReturnAndCost_PerChannel()
    {
        // search: net −20, +10, +40 on cost 100 each → cumulative −20/100, −10/200, 30/300.
        // pr: no cost in Jan (ROI undefined), then net −5 on cost 5 in Feb → null, then −5/5.
        var rows = new[]
        {
            RoiCalculator.ForChannelMonth(new ChannelMonthInput("search", Mar, 100m, 1, 140, 0, 0m), 0m),
            RoiCalculator.ForChannelMonth(new ChannelMonthInput("search", Jan, 100m, 1, 80, 0, 0m), 0m),
            RoiCalculator.ForChannelMonth(new ChannelMonthInput("pr", Jan, 0m, 0, 0, 0, 0m), 0m),
            RoiCalculator.ForChannelMonth(new ChannelMonthInput("search", Feb, 100m, 1, 110, 0, 0m), 0m),
            RoiCalculator.ForChannelMonth(new ChannelMonthInput("pr", Feb, 0m, 0, 0, 0, 5m), 0m),
        };

        var cumulative = RoiCalculator.Cumulative(rows);

        Assert.Equal(
            [
                new ChannelCumulativeRoi("pr", Jan, 0m, 0m, null),
                new ChannelCumulativeRoi("pr", Feb, -5m, 5m, -1d),
                new ChannelCumulativeRoi("search", Jan, -20m, 100m, -20d / 100d),
                new ChannelCumulativeRoi("search", Feb, -10m, 200m, -10d / 200d),
                new ChannelCumulativeRoi("search", Mar, 30m, 300m, 30d / 300d),
            ],
            cumulative);
    }

    [Fact]
    public void ChannelMonthRoi_SerializesToTheReportRoiContract()
    {
        var row = RoiCalculator.ForChannelMonth(new ChannelMonthInput("search", Jan, 50m, 0, 100, 40, 5m), 0m);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(row, JsonSerializerOptions.Web));

        Assert.Equal(
            ["channel", "month", "spend", "conversions", "revenue", "productCost", "grossProfit", "allocatedCosts", "netReturn", "roi", "roas", "cpa"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-01", json.RootElement.GetProperty("month").GetString());
        Assert.Equal(5m, json.RootElement.GetProperty("netReturn").GetDecimal());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("cpa").ValueKind);
    }
}
