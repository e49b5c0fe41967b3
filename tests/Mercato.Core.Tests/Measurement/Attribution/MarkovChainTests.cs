using Mercato.Core.Measurement;
using Mercato.Core.Measurement.Attribution;
using static Mercato.Core.Tests.Measurement.Attribution.Journeys;

namespace Mercato.Core.Tests.Measurement.Attribution;

public class MarkovChainTests
{
    private static void AssertEffects(MarkovResult result, params (string Label, double Conversions, double Revenue)[] expected)
    {
        Assert.Equal(expected.Select(e => e.Label), result.RemovalEffects.Select(e => e.Label));
        foreach (var (effect, want) in result.RemovalEffects.Zip(expected))
        {
            Assert.Equal(want.Conversions, effect.Conversions, 1e-12);
            Assert.Equal(want.Revenue, effect.Revenue, 1e-12);
        }
    }

    [Fact]
    public void Markov_Order1_MatchesHandSolvedChain()
    {
        // Paths (each one journey): a>b>a converts (revenue 100); b does not; a>c converts (revenue 60).
        // Transition counts: start→a 2, start→b 1; a→b 1, a→c 1, a→conv 1; b→a 1, b→null 1; c→conv 1.
        // Probabilities: start: a 2/3, b 1/3. a: b, c, conv 1/3 each. b: a 1/2, null 1/2. c: conv 1.
        // Solve (I − Q)x = r: x_c = 1; x_b = x_a/2; x_a = x_b/3 + 1/3 + x_c/3 = x_a/6 + 2/3 → x_a = 4/5, x_b = 2/5;
        //   P = 2/3·4/5 + 1/3·2/5 = 2/3 (= 2 conversions / 3 journeys).
        // Remove a: start→a and b→a go to null; b converts never: P = 0, RE_a = 1.
        // Remove b: x_a = 1/3 + 1/3 = 2/3; P = 2/3·2/3 = 4/9; RE_b = 1 − (4/9)/(2/3) = 1/3.
        // Remove c: x_a = x_b/3 + 1/3, x_b = x_a/2 → x_a = 2/5, x_b = 1/5; P = 4/15 + 1/15 = 1/3; RE_c = 1/2.
        // ΣRE = 11/6, 2 conversions: a 12/11, b 4/11, c 6/11.
        // Revenue: one-step revenue r_a = 100/3 (a's journeys leaving: 3), r_c = 60, r_b = 0.
        //   y_c = 60; y_b = y_a/2; y_a = y_b/3 + 100/3 + 60/3 → y_a = 64, y_b = 32; V = 128/3 + 32/3 = 160/3.
        //   Remove a: V = 0, 1. Remove b: y_a = 160/3, V = 320/9, 1 − 2/3 = 1/3.
        //   Remove c: y_a = y_b/3 + 100/3 → y_a = 40, y_b = 20, V = 100/3, 1 − 5/8 = 3/8.
        //   Σ = 41/24, revenue 160: a 3840/41, b 1280/41, c 1440/41.
        var result = MarkovChain.Solve([P("a>b>a", 1, 100), P("b", 0, nonConversions: 1), P("a>c", 1, 60)]);

        Assert.Equal(1, result.Order);
        Assert.Equal(4, result.TransientStates);
        Assert.Equal(2.0 / 3, result.ConversionProbability, 1e-12);
        Assert.Equal(160.0 / 3, result.RevenuePerJourney, 1e-12);
        AssertEffects(result, ("a", 1, 1), ("b", 1.0 / 3, 1.0 / 3), ("c", 0.5, 3.0 / 8));
        Assert.Equal("markov", result.Attribution.Model);
        AssertCredits(result.Attribution, ("a", 12.0 / 11, 3840.0 / 41), ("b", 4.0 / 11, 1280.0 / 41), ("c", 6.0 / 11, 1440.0 / 41));
    }

    [Fact]
    public void Markov_Order2_SlidingWindowsWithoutPadding_MatchHandSolve()
    {
        // a>b>c converts (30): start→(a,b)→(b,c)→conv. b>c does not: start→(b,c)→null. a converts (10): start→(a)→conv;
        // (a) is a one-touch state, apart from every two-touch window.
        // start: 1/3 each; (a,b)→(b,c) 1; (b,c): conv 1/2, null 1/2; (a)→conv 1.
        // x_(b,c) = 1/2, x_(a,b) = 1/2, x_(a) = 1: P = (1/2 + 1/2 + 1)/3 = 2/3.
        // Remove a ((a,b), (a) to null): P = 1/6, RE = 3/4. Remove b ((a,b), (b,c)): P = 1/3, RE = 1/2.
        // Remove c ((b,c)): (a,b) then leads to null, P = 1/3, RE = 1/2. ΣRE = 7/4: a 6/7, b 4/7, c 4/7.
        // Revenue: r_(b,c) = 30/2 = 15, r_(a) = 10: V = (15 + 15 + 10)/3 = 40/3. Remove a: V = 5, 1 − 3/8 = 5/8.
        // Remove b: V = 10/3, 3/4. Remove c: V = 10/3, 3/4. Σ = 17/8, revenue 40: a 200/17, b 240/17, c 240/17.
        var result = MarkovChain.Solve([P("a>b>c", 1, 30), P("b>c", 0, nonConversions: 1), P("a", 1, 10)], order: 2);

        Assert.Equal(4, result.TransientStates);
        Assert.Equal(2.0 / 3, result.ConversionProbability, 1e-12);
        Assert.Equal(40.0 / 3, result.RevenuePerJourney, 1e-12);
        AssertEffects(result, ("a", 0.75, 5.0 / 8), ("b", 0.5, 0.75), ("c", 0.5, 0.75));
        AssertCredits(result.Attribution, ("a", 6.0 / 7, 200.0 / 17), ("b", 4.0 / 7, 240.0 / 17), ("c", 4.0 / 7, 240.0 / 17));
    }

    [Fact]
    public void Markov_Order3_MatchesHandSolve()
    {
        // a>b>c>a converts (20): start→(a,b,c)→(b,c,a)→conv. b>c>a does not: start→(b,c,a)→null.
        // c>a converts (40): start→(c,a)→conv (shorter than 3: one state).
        // x_(b,c,a) = 1/2 = x_(a,b,c), x_(c,a) = 1: P = 2/3. Every state holds a and c: RE_a = RE_c = 1.
        // Remove b: only (c,a) is left: P = 1/3, RE_b = 1/2. ΣRE = 5/2: a 4/5, b 2/5, c 4/5.
        // Revenue: r_(b,c,a) = 20/2 = 10, r_(c,a) = 40: V = (10 + 10 + 40)/3 = 20. Remove b: V = 40/3, 1/3.
        // Σ = 7/3, revenue 60: a 180/7, b 60/7, c 180/7.
        var result = MarkovChain.Solve([P("a>b>c>a", 1, 20), P("b>c>a", 0, nonConversions: 1), P("c>a", 1, 40)], order: 3);

        Assert.Equal(4, result.TransientStates);
        Assert.Equal(2.0 / 3, result.ConversionProbability, 1e-12);
        AssertEffects(result, ("a", 1, 1), ("b", 0.5, 1.0 / 3), ("c", 1, 1));
        AssertCredits(result.Attribution, ("a", 0.8, 180.0 / 7), ("b", 0.4, 60.0 / 7), ("c", 0.8, 180.0 / 7));
    }

    [Fact]
    public void Markov_RepeatsInARow_GiveTheSameResultAsChannelAttributionsCollapsedStates()
    {
        // A self-loop only rescales a state's other transitions, so keeping repeats (a>a>b) gives what dropping the
        // repeated state gives (a>b), as ChannelAttribution does; at order 2 a>a>a>b visits (a,a),(a,a),(a,b) ≈ a>a>b.
        JourneyPath[] repeated = [P("a>a>b>b>c", 3, 30, 4), P("b>b", 1, 5, 6), P("c>a>a", 2, 8, 1), P("a>a>a>b", 1, 2, 2)];
        JourneyPath[] collapsed = [P("a>b>c", 3, 30, 4), P("b", 1, 5, 6), P("c>a", 2, 8, 1), P("a>b", 1, 2, 2)];
        JourneyPath[] collapsedStates = [P("a>a>b>b>c", 3, 30, 4), P("b>b", 1, 5, 6), P("c>a>a", 2, 8, 1), P("a>a>b", 1, 2, 2)];

        AssertSame(MarkovChain.Solve(repeated), MarkovChain.Solve(collapsed));
        AssertSame(MarkovChain.Solve(repeated, 2), MarkovChain.Solve(collapsedStates, 2));

        static void AssertSame(MarkovResult left, MarkovResult right)
        {
            Assert.Equal(right.ConversionProbability, left.ConversionProbability, 1e-12);
            foreach (var (l, r) in left.RemovalEffects.Zip(right.RemovalEffects))
            {
                Assert.Equal(r.Label, l.Label);
                Assert.Equal(r.Conversions, l.Conversions, 1e-12);
                Assert.Equal(r.Revenue, l.Revenue, 1e-12);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Markov_ConversionProbability_EqualsObservedConversionsPerJourney(int order)
    {
        // The chain is estimated from whole paths, so the observed flow solves its balance equations.
        var paths = RandomPaths(order * 17, ["a", "b", "c", "d", "e"], 300);
        var journeys = paths.Sum(p => p.Conversions + p.NonConversions);

        var result = MarkovChain.Solve(paths, order);

        Assert.Equal((double)paths.Sum(p => p.Conversions) / journeys, result.ConversionProbability, 1e-12);
        Assert.Equal((double)paths.Sum(p => p.Revenue) / journeys, result.RevenuePerJourney, 1e-9);
        Assert.All(result.RemovalEffects, e => Assert.InRange(e.Conversions, 0, 1));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Markov_HigherOrders_RunAndSumToTheTotals(int order)
    {
        var paths = RandomPaths(99 + order, ["search", "social", "email", "display", "direct", "video", "kol"], 2000);

        var result = MarkovChain.Solve(paths, order);

        Assert.Equal(paths.Sum(p => p.Conversions), result.Attribution.TotalConversions);
        Assert.Equal(result.Attribution.TotalConversions, result.Attribution.Credits.Sum(c => c.Conversions), 1e-9 * result.Attribution.TotalConversions);
        Assert.Equal((double)result.Attribution.TotalRevenue, result.Attribution.Credits.Sum(c => c.Revenue), 1e-9 * (double)result.Attribution.TotalRevenue);
        Assert.True(result.TransientStates > 7);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Markov_BracketingSweeps_AgreeWithElimination(int order)
    {
        // Dense limit 0 sends every multi-state component through the sweeps; int.MaxValue through elimination.
        var paths = RandomPaths(order + 40, ["search", "social", "email", "display", "direct", "video"], 1500);

        var swept = MarkovChain.Solve(paths, order, denseLimit: 0);
        var eliminated = MarkovChain.Solve(paths, order, denseLimit: int.MaxValue);

        Assert.Equal(eliminated.ConversionProbability, swept.ConversionProbability, 1e-12);
        Assert.Equal(eliminated.RevenuePerJourney, swept.RevenuePerJourney, 1e-9);
        foreach (var (s, e) in swept.RemovalEffects.Zip(eliminated.RemovalEffects))
        {
            Assert.Equal(e.Conversions, s.Conversions, 1e-11);
            Assert.Equal(e.Revenue, s.Revenue, 1e-11);
        }
    }

    [Fact]
    public void Markov_HandSolvedChain_IsTheSameThroughTheSweeps()
    {
        var result = MarkovChain.Solve([P("a>b>a", 1, 100), P("b", 0, nonConversions: 1), P("a>c", 1, 60)], 1, denseLimit: 0);

        AssertEffects(result, ("a", 1, 1), ("b", 1.0 / 3, 1.0 / 3), ("c", 0.5, 3.0 / 8));
    }

    [Fact]
    public void Markov_NothingConverts_GivesZeroCreditsAndZeroEffects()
    {
        var result = MarkovChain.Solve([P("a>b", 0, nonConversions: 3), P("b", 0, nonConversions: 1)]);

        Assert.Equal(0, result.ConversionProbability);
        Assert.All(result.RemovalEffects, e => Assert.Equal(0, e.Conversions));
        AssertCredits(result.Attribution, ("a", 0, 0), ("b", 0, 0));
    }

    [Fact]
    public void Markov_RejectsOrdersOutsideOneToThree()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MarkovChain.Solve([P("a", 1)], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MarkovChain.Solve([P("a", 1)], 4));
    }

    [Fact]
    public void DenseSolve_SolvesAGeneralSystemWithPivoting()
    {
        // [0 2 | 4 2] [1 1 | 3 1] needs a row swap: x = (1, 2) for the first right-hand side, (0, 1) for the second.
        double[] a = [0, 2, 4, 2, 1, 1, 3, 1];

        AbsorbingChain.DenseSolve(a, 2);

        Assert.Equal(1, a[2], 1e-15);
        Assert.Equal(0, a[3], 1e-15);
        Assert.Equal(2, a[6], 1e-15);
        Assert.Equal(1, a[7], 1e-15);
    }
}
