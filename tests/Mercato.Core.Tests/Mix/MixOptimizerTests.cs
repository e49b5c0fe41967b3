using Mercato.Core.Measurement.Roi;
using Mercato.Core.Mix;

namespace Mercato.Core.Tests.Mix;

public class MixOptimizerTests
{
    private static MixFit Fitted(int seed, int channels, MixOptions? options = null) =>
        MixModel.Fit(MixSimulation.Draw(seed, channels, 156, 0.03, options).Data, (options ?? new MixOptions()) with { Replicates = 20 });

    /// <summary>The best of every split of the budget on a grid of <paramref name="steps"/> steps per channel within the rails.</summary>
    private static double BruteForce(MixFit fit, double[] low, double[] high, double budget, int steps)
    {
        var best = double.NegativeInfinity;
        void Walk(int c, double left, double value)
        {
            if (c == low.Length - 1)
            {
                if (left >= low[c] - 1e-9 && left <= high[c] + 1e-9)
                {
                    best = Math.Max(best, value + fit.Response(c, left, -1));
                }

                return;
            }

            for (var k = 0; k <= steps; k++)
            {
                var s = low[c] + ((high[c] - low[c]) * k / steps);
                if (s > left)
                {
                    break;
                }

                Walk(c + 1, left - s, value + fit.Response(c, s, -1));
            }
        }

        Walk(0, budget, 0);
        return best;
    }

    [Fact]
    public void ConcaveCurves_EndAtEqualMarginalRoi_AndBeatEveryGridSplit()
    {
        var fit = Fitted(21, 3, new MixOptions { Saturation = SaturationKind.Logistic });
        var budget = fit.Channels.Sum(c => c.CurrentSpend) * 4;
        var request = new MixBudgetRequest(budget, 4, [], MaxChange: 0.3);

        var proposal = MixOptimizer.Propose(fit, request);

        Assert.Equal(budget, proposal.Channels.Sum(c => c.Proposed), 1e-9 * budget);

        // The rail is measured from the current spend rate over the period: 4 × the channel's current spend, ±30%.
        Assert.All(proposal.Channels.Zip(fit.Channels), x =>
        {
            Assert.Equal(x.Second.CurrentSpend * 4, x.First.CurrentSpend, 1e-9 * x.First.CurrentSpend);
            Assert.Equal(x.Second.CurrentSpend * 4 * 0.7, x.First.Low, 1e-9 * x.First.CurrentSpend);
            Assert.Equal(x.Second.CurrentSpend * 4 * 1.3, x.First.High, 1e-9 * x.First.CurrentSpend);
        });
        var inside = proposal.Channels.Where(c => c.Proposed > c.Low + 1e-6 && c.Proposed < c.High - 1e-6).ToArray();
        for (var i = 1; i < inside.Length; i++)
        {
            Assert.Equal(inside[0].MarginalRoi, inside[i].MarginalRoi, 4);
        }

        var (low, high) = MixOptimizer.Rails(fit, request);
        var grid = BruteForce(fit, low, high, budget / 4, 200);
        var ours = proposal.Channels.Select((c, i) => fit.Response(i, c.Proposed / 4, -1)).Sum();
        Assert.True(ours >= grid - 1e-6 * grid, $"optimizer {ours}, grid {grid}");
    }

    [Fact]
    public void SShapedCurves_AreHandled_NoWorseThanAFineGrid()
    {
        // Hill with α up to 2.5: several curves are convex before they bend.
        var fit = Fitted(22, 3);
        Assert.Contains(fit.Channels, c => c.Shape.Shape > 1);
        var request = new MixBudgetRequest(fit.Channels.Sum(c => c.CurrentSpend) * 1.1, 1, [], MaxChange: 0.5);

        var proposal = MixOptimizer.Propose(fit, request);

        var (low, high) = MixOptimizer.Rails(fit, request);
        var grid = BruteForce(fit, low, high, request.Budget, 300);
        var ours = proposal.Channels.Select((c, i) => fit.Response(i, c.Proposed, -1)).Sum();
        Assert.True(ours >= grid * (1 - 1e-4), $"optimizer {ours}, grid {grid}");
        Assert.Equal(request.Budget, proposal.Spent, 1e-9 * request.Budget);
    }

    [Fact]
    public void NoChannelMovesMoreThanMaxChange_AndNoneIsCutToZero_TheGlidePathSaysHowLong()
    {
        var fit = Fitted(23, 5);
        var current = fit.Channels.Sum(c => c.CurrentSpend);
        var request = new MixBudgetRequest(current, 1, [], MaxChange: 0.3);

        var proposal = MixOptimizer.Propose(fit, request);

        foreach (var (allocation, channel) in proposal.Channels.Zip(fit.Channels))
        {
            Assert.InRange(allocation.Proposed, (channel.CurrentSpend * 0.7) - 1e-6, (channel.CurrentSpend * 1.3) + 1e-6);
            Assert.True(allocation.Proposed > 0);
            if (allocation.Target < channel.CurrentSpend * 0.7)
            {
                Assert.True(allocation.PeriodsToTarget is -1 or > 1, $"{allocation.Channel}: {allocation.PeriodsToTarget}");
            }
        }

        // Keeping the current split is one of the allowed splits, so the proposal is never expected to do worse.
        Assert.True(proposal.Gain.Value >= -1e-6);
    }

    [Fact]
    public void ABudgetTheRailsCannotReach_IsRefused_WithTheFeasibleRange()
    {
        var fit = Fitted(24, 2);
        var current = fit.Channels.Sum(c => c.CurrentSpend);

        var problem = Assert.Single(MixOptimizer.Problems(fit, new MixBudgetRequest(current * 3, 1, [], MaxChange: 0.3)));

        Assert.Equal(MixCodes.BudgetInfeasible, problem.Code);
        Assert.Equal(Math.Round(current * 0.7, 2), (double)problem.Args["min"]!, 6);
        Assert.Equal(Math.Round(current * 1.3, 2), (double)problem.Args["max"]!, 6);
        Assert.Equal(MixCodes.UnknownChannel, Assert.Single(MixOptimizer.Problems(fit, new MixBudgetRequest(current, 1, [new MixBound("radio", 0, 1)]))).Code);
        Assert.Equal(MixCodes.BadBound, Assert.Single(MixOptimizer.Problems(fit, new MixBudgetRequest(current, 1, [new MixBound("channel_1", 5, 1)]))).Code);
        Assert.Throws<ArgumentException>(() => MixOptimizer.Propose(fit, new MixBudgetRequest(current * 3, 1, [])));
    }

    [Fact]
    public void AnExplicitBound_IsKept_AndSpendAboveTheHighestSeenIsFlagged()
    {
        var fit = Fitted(25, 2);
        var first = fit.Channels[0];
        var top = first.HighestSpend * 1.5;
        var request = new MixBudgetRequest(top + fit.Channels[1].CurrentSpend, 1, [new MixBound(first.Channel, top, top)], MaxChange: 0.3);

        var proposal = MixOptimizer.Propose(fit, request);

        Assert.Equal(top, proposal.Channels[0].Proposed, 6);
        Assert.True(proposal.Channels[0].Extrapolating);
        Assert.Equal(proposal.Channels[1].Proposed > fit.Channels[1].HighestSpend * (1 + 1e-9), proposal.Channels[1].Extrapolating);
    }

    [Fact]
    public void NetReturn_LeavesMoneyUnspent_WhereAnExtraUnitReturnsLessThanItCosts()
    {
        var fit = Fitted(26, 3);
        var current = fit.Channels.Sum(c => c.CurrentSpend);
        // A margin so thin that no channel pays for itself at the margin: every channel sits at its lowest rail.
        var margins = fit.Channels.ToDictionary(c => c.Channel, _ => 1e-6);
        var request = new MixBudgetRequest(current * 1.2, 1, [], 0.3, MixObjective.NetReturn, margins);

        var proposal = MixOptimizer.Propose(fit, request);

        Assert.All(proposal.Channels.Zip(fit.Channels), x => Assert.Equal(x.Second.CurrentSpend * 0.7, x.First.Proposed, 6));
        Assert.True(proposal.Spent < request.Budget);
    }

    [Fact]
    public void Margins_AreWhatEachChannelKeepsPerUnitOfOutcome_FromTheRoiReport()
    {
        static ChannelMonthRoi Row(string channel, int month, decimal revenue, decimal productCost, decimal allocated, double conversions) =>
            new(channel, new YearMonth(2026, month), 100, conversions, revenue, productCost, revenue - productCost, allocated, 0, null, null, null);

        ChannelMonthRoi[] rows =
        [
            Row("search", 1, 1000, 400, 100, 10), Row("search", 2, 1000, 400, 100, 10),
            Row("kol", 1, 500, 200, 400, 5),
        ];

        var revenue = MixMargins.FromRoi(rows, MixOutcomeKind.Revenue, ["search", "kol", "tv"]);
        var profit = MixMargins.FromRoi(rows, MixOutcomeKind.GrossProfit, ["search", "kol", "tv"]);
        var perConversion = MixMargins.FromRoi(rows, MixOutcomeKind.Conversions, ["search", "kol", "tv"]);

        // search keeps (2000 − 800 − 200) of 2000 revenue; kol loses money (500 − 200 − 400 < 0): 0; tv, credited nothing,
        // takes the ratio over all channels: (2500 − 1000 − 600) ÷ 2500.
        Assert.Equal((0.5, 0.0, 0.36), (revenue["search"], revenue["kol"], revenue["tv"]), new PairwiseTolerance(1e-12));
        Assert.Equal((1000.0 / 1200, 0.0, 900.0 / 1500), (profit["search"], profit["kol"], profit["tv"]), new PairwiseTolerance(1e-12));
        Assert.Equal((50.0, 0.0, 36.0), (perConversion["search"], perConversion["kol"], perConversion["tv"]), new PairwiseTolerance(1e-12));
        Assert.Equal(1.0, MixMargins.FromRoi([], MixOutcomeKind.Revenue, ["tv"])["tv"]);
    }

    private sealed class PairwiseTolerance(double tolerance) : IEqualityComparer<(double, double, double)>
    {
        public bool Equals((double, double, double) x, (double, double, double) y) =>
            Math.Abs(x.Item1 - y.Item1) <= tolerance && Math.Abs(x.Item2 - y.Item2) <= tolerance && Math.Abs(x.Item3 - y.Item3) <= tolerance;

        public int GetHashCode((double, double, double) obj) => 0;
    }
}
