using Mercato.Core.Measurement.Attribution;
using static Mercato.Core.Tests.Measurement.Attribution.Journeys;

namespace Mercato.Core.Tests.Measurement.Attribution;

public class AttributionModelsTests
{
    [Fact]
    public void Names_AreTheCommandLineNames_InEnumOrder()
    {
        Assert.Equal(
            ["first", "last", "last-non-direct", "linear", "time-decay", "position", "markov", "shapley"],
            AttributionModels.All.Select(AttributionModels.Name));
        Assert.Equal(Enum.GetValues<AttributionModel>(), AttributionModels.All);
    }

    [Fact]
    public void Parse_RoundTripsTheNames_IgnoringCase()
    {
        foreach (var model in AttributionModels.All)
        {
            var name = AttributionModels.Name(model);
            Assert.Equal(model, AttributionModels.Parse(name));
            Assert.True(AttributionModels.TryParse(" " + name.ToUpperInvariant() + " ", out var parsed));
            Assert.Equal(model, parsed);
        }
    }

    [Fact]
    public void Parse_UnknownName_FailsAndListsTheNames()
    {
        Assert.False(AttributionModels.TryParse("data-driven", out _));
        Assert.False(AttributionModels.TryParse(null, out _));
        var error = Assert.Throws<FormatException>(() => AttributionModels.Parse("lastnondirect"));
        Assert.Contains("last-non-direct", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_GivesTwoSentencesPerModel()
    {
        foreach (var model in AttributionModels.All)
        {
            var text = AttributionModels.Describe(model);
            Assert.EndsWith(".", text, StringComparison.Ordinal);
            Assert.Equal(2, text.Split(". ").Length);
            Assert.Contains("Distrust", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TimeDecay_WithoutTimedPaths_ThrowsAClearMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => AttributionModels.Attribute(AttributionModel.TimeDecay, [P("a", 1)]));
        Assert.Equal("timedPaths", error.ParamName);
        Assert.Contains("timed paths", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Attribute_PassesTheOptionsOn()
    {
        var paths = new[] { P("a>b>c", 1, 30, 1), P("b>c", 0, nonConversions: 1), P("a", 1, 10), P("email>direct", 2, 20) };

        Assert.Equal(MarkovChain.Attribute(paths, 2), AttributionModels.Attribute(AttributionModel.Markov, paths, options: new(MarkovOrder: 2)), new ResultComparer());
        var lastNonDirect = AttributionModels.Attribute(
            AttributionModel.LastNonDirect, paths, options: new(DirectLabels: new HashSet<string>(["C", "direct"])));
        Assert.Equal(1, lastNonDirect.Credits.Single(c => c.Label == "b").Conversions);
        Assert.Equal(2, lastNonDirect.Credits.Single(c => c.Label == "email").Conversions);
        var decay = AttributionModels.Attribute(
            AttributionModel.TimeDecay, [], [T(3, 30, ("a", 2), ("b", 0))], new(HalfLifeDays: 2));
        AssertCredits(decay, ("a", 1, 10), ("b", 2, 20));
    }

    private sealed class ResultComparer : IEqualityComparer<Mercato.Core.Measurement.AttributionResult>
    {
        public bool Equals(Mercato.Core.Measurement.AttributionResult? x, Mercato.Core.Measurement.AttributionResult? y) =>
            x is not null && y is not null && x.Model == y.Model && x.TotalConversions == y.TotalConversions
            && x.TotalRevenue == y.TotalRevenue && x.Credits.SequenceEqual(y.Credits);

        public int GetHashCode(Mercato.Core.Measurement.AttributionResult obj) => obj.Credits.Count;
    }
}
