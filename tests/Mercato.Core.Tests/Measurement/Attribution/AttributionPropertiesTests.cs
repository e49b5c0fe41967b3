using Mercato.Core.Measurement;
using Mercato.Core.Measurement.Attribution;
using static Mercato.Core.Tests.Measurement.Attribution.Journeys;

namespace Mercato.Core.Tests.Measurement.Attribution;

/// <summary>Properties every model must have, on random path sets.</summary>
public class AttributionPropertiesTests
{
    private static readonly string[] Labels = ["search", "social", "email", "display", "direct", "video", "x", "y"];

    public static TheoryData<AttributionModel, int, int> Cases()
    {
        var data = new TheoryData<AttributionModel, int, int>();
        foreach (var model in AttributionModels.All)
        {
            foreach (var seed in new[] { 1, 2, 3 })
            {
                data.Add(model, 1, seed);
                if (model == AttributionModel.Markov)
                {
                    data.Add(model, 2, seed);
                    data.Add(model, 3, seed);
                }
            }
        }

        return data;
    }

    private static AttributionResult Run(AttributionModel model, int order, List<JourneyPath> paths, List<TimedPath> timed) =>
        AttributionModels.Attribute(model, paths, timed, new AttributionOptions(MarkovOrder: order));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Credits_SumToTotals_AreNonNegative_AndListExactlyThePresentLabels(AttributionModel model, int order, int seed)
    {
        // "never" is in no path and must not be listed; the listed labels are exactly those of the input.
        var paths = RandomPaths(seed, Labels, 400);
        var timed = RandomTimedPaths(seed, Labels, 400);

        var result = Run(model, order, paths, timed);

        var usesTimed = model == AttributionModel.TimeDecay;
        long conversions = usesTimed ? timed.Sum(p => p.Conversions) : paths.Sum(p => p.Conversions);
        var revenue = usesTimed ? timed.Sum(p => p.Revenue) : paths.Sum(p => p.Revenue);
        var present = (usesTimed ? timed.SelectMany(p => p.Touches.Select(t => t.Label)) : paths.SelectMany(p => p.Touches))
            .Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(AttributionModels.Name(model), result.Model);
        Assert.Equal(conversions, result.TotalConversions);
        Assert.Equal(revenue, result.TotalRevenue);
        Assert.Equal(conversions, result.Credits.Sum(c => c.Conversions), 1e-9 * conversions);
        Assert.Equal((double)revenue, result.Credits.Sum(c => c.Revenue), 1e-9 * (double)revenue);
        Assert.All(result.Credits, c => Assert.True(c.Conversions >= 0 && c.Revenue >= 0));
        Assert.Equal(present, result.Credits.Select(c => c.Label));
        Assert.DoesNotContain(result.Credits, c => c.Label == "never");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SymmetricLabels_GetEqualCredit(AttributionModel model, int order, int seed)
    {
        // Each path is joined by its copy with x and y swapped, so swapping x and y leaves the path multiset unchanged.
        var paths = Symmetrized(RandomPaths(seed + 100, Labels, 200), "x", "y");
        var timed = Symmetrized(RandomTimedPaths(seed + 100, Labels, 200), "x", "y");

        var result = Run(model, order, paths, timed);

        var x = result.Credits.Single(c => c.Label == "x");
        var y = result.Credits.Single(c => c.Label == "y");
        Assert.True(x.Conversions > 0);
        Assert.Equal(x.Conversions, y.Conversions, 1e-9 * result.TotalConversions);
        Assert.Equal(x.Revenue, y.Revenue, 1e-9 * (double)result.TotalRevenue);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ALabelOnlyInNonConvertingJourneys_IsListed_AndRuleBasedModelsGiveItNothing(AttributionModel model, int order, int seed)
    {
        var paths = RandomPaths(seed + 200, Labels, 200);
        paths.Add(P("lurker>search", 0, nonConversions: 50));
        var timed = RandomTimedPaths(seed + 200, Labels, 200);
        timed.Add(T(0, 0, ("lurker", 3)));

        var lurker = Run(model, order, paths, timed).Credits.Single(c => c.Label == "lurker");

        // Markov may credit it: a non-converting journey still teaches the chain transitions that lead to conversions.
        if (model != AttributionModel.Markov)
        {
            Assert.Equal(0, lurker.Conversions);
            Assert.Equal(0, lurker.Revenue);
        }
    }
}
