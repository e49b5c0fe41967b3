using Mercato.Core.Measurement;

namespace Mercato.Core.Tests.Measurement.Attribution;

/// <summary>Small builders and checks shared by the attribution tests.</summary>
internal static class Journeys
{
    /// <summary>A path written "a>b>a".</summary>
    public static JourneyPath P(string touches, long conversions, decimal revenue = 0, long nonConversions = 0) =>
        new(touches.Split('>'), conversions, revenue, nonConversions);

    /// <summary>A timed path from (label, age in days) pairs.</summary>
    public static TimedPath T(long conversions, decimal revenue, params (string Label, double AgeDays)[] touches) =>
        new(touches.Select(t => new TimedTouch(t.Label, t.AgeDays)).ToList(), conversions, revenue);

    /// <summary>Asserts the credits are exactly these (label, conversions, revenue), in this order, within 1e-12.</summary>
    public static void AssertCredits(AttributionResult result, params (string Label, double Conversions, double Revenue)[] expected)
    {
        Assert.Equal(expected.Select(e => e.Label), result.Credits.Select(c => c.Label));
        foreach (var (credit, want) in result.Credits.Zip(expected))
        {
            Assert.Equal(want.Conversions, credit.Conversions, 1e-12);
            Assert.Equal(want.Revenue, credit.Revenue, 1e-9);
        }
    }

    /// <summary>Random paths over <paramref name="labels"/>: 1 to 6 touches, some converting, some not.</summary>
    public static List<JourneyPath> RandomPaths(int seed, IReadOnlyList<string> labels, int count)
    {
        var random = new Random(seed);
        var paths = new List<JourneyPath>(count);
        for (var i = 0; i < count; i++)
        {
            var touches = Enumerable.Range(0, random.Next(1, 7)).Select(_ => labels[random.Next(labels.Count)]).ToList();
            var conversions = random.Next(4) == 0 ? 0 : random.Next(1, 20);
            var revenue = conversions * (decimal)random.Next(100, 100_000) / 100m;
            paths.Add(new JourneyPath(touches, conversions, revenue, random.Next(0, 30)));
        }

        return paths;
    }

    /// <summary>Random converting timed paths over <paramref name="labels"/>, ages 0 to 30 days.</summary>
    public static List<TimedPath> RandomTimedPaths(int seed, IReadOnlyList<string> labels, int count)
    {
        var random = new Random(seed);
        var paths = new List<TimedPath>(count);
        for (var i = 0; i < count; i++)
        {
            var touches = Enumerable.Range(0, random.Next(1, 7))
                .Select(_ => new TimedTouch(labels[random.Next(labels.Count)], Math.Round(random.NextDouble() * 30 * 24) / 24))
                .ToList();
            var conversions = random.Next(1, 20);
            paths.Add(new TimedPath(touches, conversions, conversions * (decimal)random.Next(100, 100_000) / 100m));
        }

        return paths;
    }

    /// <summary>The paths followed by their copies with <paramref name="x"/> and <paramref name="y"/> swapped: a path
    /// multiset that swapping the two labels leaves unchanged.</summary>
    public static List<JourneyPath> Symmetrized(IReadOnlyList<JourneyPath> paths, string x, string y) =>
        [.. paths, .. paths.Select(p => p with { Touches = p.Touches.Select(t => Swap(t, x, y)).ToList() })];

    /// <summary>The same for timed paths.</summary>
    public static List<TimedPath> Symmetrized(IReadOnlyList<TimedPath> paths, string x, string y) =>
        [.. paths, .. paths.Select(p => p with { Touches = p.Touches.Select(t => t with { Label = Swap(t.Label, x, y) }).ToList() })];

    private static string Swap(string label, string x, string y) => label == x ? y : label == y ? x : label;
}
