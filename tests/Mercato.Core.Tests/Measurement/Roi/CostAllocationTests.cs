using Mercato.Core.Measurement.Roi;

namespace Mercato.Core.Tests.Measurement.Roi;

public class CostAllocationTests
{
    [Fact]
    public void Allocate_BySpend_GivesTheMissingUnitToTheLargestRemainder()
    {
        // 100 by spend 1 : 2 → exact 33.3333… and 66.6666…; floors 33.3333 + 66.6666 = 99.9999; the missing 0.0001 goes
        // to b, whose dropped remainder (0.0000666…) is larger than a's (0.0000333…).
        var result = CostAllocation.Allocate(100m, [new AllocationWeight("b", 2m, 0m), new AllocationWeight("a", 1m, 0m)]);

        Assert.Equal(AllocationBasis.Spend, result.Basis);
        Assert.Equal([new CostShare("a", 33.3333m), new CostShare("b", 66.6667m)], result.Shares);
        Assert.Equal(100m, result.Shares.Sum(s => s.Amount));
    }

    [Fact]
    public void Allocate_TiedRemainders_GoToTheEarlierChannelByName()
    {
        // 100 over three equal spends: 33.3333 each = 99.9999; the tie for the last 0.0001 goes to "a" (ordinal first).
        var result = CostAllocation.Allocate(
            100m,
            [new AllocationWeight("c", 5m, 0m), new AllocationWeight("a", 5m, 0m), new AllocationWeight("b", 5m, 0m)]);

        Assert.Equal([33.3334m, 33.3333m, 33.3333m], result.Shares.Select(s => s.Amount));
        Assert.Equal(["a", "b", "c"], result.Shares.Select(s => s.Channel));
    }

    [Fact]
    public void Allocate_NoSpend_FallsBackToRevenue()
    {
        // Spend 0 everywhere; revenue 30 : 10 → 8 × 3/4 = 6 and 8 × 1/4 = 2.
        var result = CostAllocation.Allocate(8m, [new AllocationWeight("a", 0m, 30m), new AllocationWeight("b", 0m, 10m)]);

        Assert.Equal(AllocationBasis.Revenue, result.Basis);
        Assert.Equal([6m, 2m], result.Shares.Select(s => s.Amount));
    }

    [Fact]
    public void Allocate_NoSpendNoRevenue_SplitsEqually()
    {
        // 10 / 3 = 3.3333… each → 3.3333 × 3 = 9.9999, the tie goes to "a": 3.3334.
        var result = CostAllocation.Allocate(
            10m,
            [new AllocationWeight("a", 0m, 0m), new AllocationWeight("b", 0m, 0m), new AllocationWeight("c", 0m, 0m)]);

        Assert.Equal(AllocationBasis.Equal, result.Basis);
        Assert.Equal([3.3334m, 3.3333m, 3.3333m], result.Shares.Select(s => s.Amount));
    }

    [Fact]
    public void Allocate_BySpend_ChannelWithoutSpendGetsNothing_EvenWithRevenue()
    {
        var result = CostAllocation.Allocate(9m, [new AllocationWeight("a", 3m, 0m), new AllocationWeight("b", 0m, 500m)]);

        Assert.Equal([9m, 0m], result.Shares.Select(s => s.Amount));
    }

    [Fact]
    public void Allocate_NoChannel_LeavesTheCostUnallocated()
    {
        var result = CostAllocation.Allocate(7m, []);

        Assert.Equal(AllocationBasis.NotAllocated, result.Basis);
        Assert.Empty(result.Shares);
    }

    [Fact]
    public void Allocate_SameChannelTwice_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            CostAllocation.Allocate(1m, [new AllocationWeight("a", 1m, 0m), new AllocationWeight("a", 1m, 0m)]));
    }

    [Fact]
    public void Apportion_AmountFinerThanAUnit_PutsTheResidueOnTheFirstLargestRemainder()
    {
        // 1.00005 over two equal weights: exact 0.500025 each, floors 0.5 + 0.5; no whole 0.0001 is missing, the
        // residue 0.00005 goes to the first: 0.50005 + 0.5 = 1.00005.
        Assert.Equal([0.50005m, 0.5m], CostAllocation.Apportion(1.00005m, [1m, 1m]));
    }

    [Fact]
    public void Apportion_AlwaysSumsExactly_InUnitsOfAQuantum()
    {
        var random = new Random(20260101);
        for (var round = 0; round < 500; round++)
        {
            var amount = random.Next(0, 10_000_000) / 10_000m;
            var weights = Enumerable.Range(0, random.Next(1, 9)).Select(_ => random.Next(0, 1_000_000) / 100m).ToArray();
            if (weights.Sum() == 0)
            {
                weights[0] = 1m;
            }

            var shares = CostAllocation.Apportion(amount, weights);

            Assert.Equal(amount, shares.Sum());
            for (var i = 0; i < shares.Length; i++)
            {
                Assert.True(shares[i] >= 0);
                Assert.Equal(0m, shares[i] % CostAllocation.Quantum);
                Assert.True(weights[i] > 0 || shares[i] == 0, "a channel of weight 0 got a share");

                // Largest remainder never moves a share by a whole unit or more from its exact value.
                Assert.True(Math.Abs(shares[i] - (amount * weights[i] / weights.Sum())) < CostAllocation.Quantum);
            }
        }
    }

    [Fact]
    public void Apportion_InvalidWeights_Throw()
    {
        Assert.Throws<ArgumentException>(() => CostAllocation.Apportion(1m, [0m, 0m]));
        Assert.Throws<ArgumentException>(() => CostAllocation.Apportion(1m, [2m, -1m]));
        Assert.Throws<ArgumentOutOfRangeException>(() => CostAllocation.Apportion(-1m, [1m]));
    }
}
