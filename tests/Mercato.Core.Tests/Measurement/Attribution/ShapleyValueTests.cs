using Mercato.Core.Measurement;
using Mercato.Core.Measurement.Attribution;
using static Mercato.Core.Tests.Measurement.Attribution.Journeys;

namespace Mercato.Core.Tests.Measurement.Attribution;

public class ShapleyValueTests
{
    [Fact]
    public void Shapley_SmallGame_MatchesHandComputedValues()
    {
        // w({a}) = 3 (30), w({a,b}) = 2 (40), w({b,c}) = 6 (60); c alone never converts (not used).
        // v: {a} 3, {b} 0, {c} 0, {a,b} 5, {a,c} 3, {b,c} 6, {a,b,c} 11.
        // φ_a over the 6 orders: abc 3, acb 3, bac 5, bca 5, cab 3, cba 5 → 24/6 = 4; closed form 3 + 2/2 = 4.
        // φ_b = 2/2 + 6/2 = 4, φ_c = 6/2 = 3 (sum 11). Revenue: a 30 + 20 = 50, b 20 + 30 = 50, c 30.
        var result = ShapleyValue.Attribute([P("a", 3, 30), P("a>b", 2, 40), P("b>c>b", 6, 60), P("c", 0, nonConversions: 5)]);

        Assert.Equal("shapley", result.Model);
        Assert.Equal(11, result.TotalConversions);
        AssertCredits(result, ("a", 4, 50), ("b", 4, 50), ("c", 3, 30));
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 4)]
    [InlineData(3, 5)]
    [InlineData(4, 6)]
    [InlineData(5, 6)]
    public void Shapley_ClosedForm_EqualsBruteForceOverAllOrderings(int seed, int labelCount)
    {
        var labels = Enumerable.Range(0, labelCount).Select(i => ((char)('a' + i)).ToString()).ToArray();
        var paths = RandomPaths(seed, labels, 40);

        var exact = ShapleyValue.Attribute(paths);
        var (conversions, revenue) = BruteForce(paths, labels);

        foreach (var credit in exact.Credits)
        {
            Assert.Equal(conversions[credit.Label], credit.Conversions, 1e-9);
            Assert.Equal(revenue[credit.Label], credit.Revenue, 1e-6);
        }
    }

    [Fact]
    public void Shapley_MonteCarlo_AgreesWithExactWithinFourStandardErrors()
    {
        var labels = new[] { "search", "social", "email", "display", "direct", "video", "kol", "pr", "app", "sms" };
        var paths = RandomPaths(11, labels, 500);

        var exact = ShapleyValue.Attribute(paths);
        var estimate = ShapleyValue.Estimate(paths, orderings: 4000, seed: 5);

        Assert.Equal(4000, estimate.Orderings);
        Assert.Equal(exact.Credits.Select(c => c.Label), estimate.Credits.Select(c => c.Label));
        foreach (var (truth, sampled) in exact.Credits.Zip(estimate.Credits))
        {
            Assert.InRange(Math.Abs(sampled.Conversions - truth.Conversions), 0, 4 * sampled.ConversionsStandardError + 1e-9);
            Assert.InRange(Math.Abs(sampled.Revenue - truth.Revenue), 0, 4 * sampled.RevenueStandardError + 1e-6);
            Assert.True(sampled.ConversionsStandardError > 0);
        }

        Assert.Equal(estimate.TotalConversions, estimate.Credits.Sum(c => c.Conversions), 1e-9 * estimate.TotalConversions);
        Assert.Equal(estimate, ShapleyValue.Estimate(paths, orderings: 4000, seed: 5), new EstimateComparer());
    }

    /// <summary>Shapley values of v(S) = worth of the journeys whose label set lies in S, by every ordering.</summary>
    private static (Dictionary<string, double> Conversions, Dictionary<string, double> Revenue) BruteForce(
        IReadOnlyList<JourneyPath> paths, string[] labels)
    {
        var n = labels.Length;
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i);
        var worth = new double[1 << n];
        var worthRevenue = new double[1 << n];
        for (var s = 0; s < 1 << n; s++)
        {
            foreach (var path in paths)
            {
                var mask = path.Touches.Aggregate(0, (m, t) => m | (1 << index[t]));
                if ((mask & s) == mask)
                {
                    worth[s] += path.Conversions;
                    worthRevenue[s] += (double)path.Revenue;
                }
            }
        }

        var conversions = new double[n];
        var revenue = new double[n];
        var orderings = 0;
        foreach (var order in Permutations(Enumerable.Range(0, n).ToArray(), 0))
        {
            orderings++;
            var before = 0;
            foreach (var player in order)
            {
                conversions[player] += worth[before | (1 << player)] - worth[before];
                revenue[player] += worthRevenue[before | (1 << player)] - worthRevenue[before];
                before |= 1 << player;
            }
        }

        return (labels.ToDictionary(l => l, l => conversions[index[l]] / orderings),
            labels.ToDictionary(l => l, l => revenue[index[l]] / orderings));
    }

    private static IEnumerable<int[]> Permutations(int[] items, int from)
    {
        if (from == items.Length)
        {
            yield return items;
            yield break;
        }

        for (var i = from; i < items.Length; i++)
        {
            (items[from], items[i]) = (items[i], items[from]);
            foreach (var permutation in Permutations(items, from + 1))
            {
                yield return permutation;
            }

            (items[from], items[i]) = (items[i], items[from]);
        }
    }

    private sealed class EstimateComparer : IEqualityComparer<ShapleyEstimate>
    {
        public bool Equals(ShapleyEstimate? x, ShapleyEstimate? y) =>
            x is not null && y is not null && x.Orderings == y.Orderings && x.Credits.SequenceEqual(y.Credits);

        public int GetHashCode(ShapleyEstimate obj) => obj.Orderings;
    }
}
