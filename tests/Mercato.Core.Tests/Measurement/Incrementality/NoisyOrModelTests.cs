using System.Globalization;
using Mercato.Core.Measurement;
using Mercato.Core.Measurement.Incrementality;

namespace Mercato.Core.Tests.Measurement.Incrementality;

public class NoisyOrModelTests
{
    private static string Label(int i) => string.Create(CultureInfo.InvariantCulture, $"c{i:D2}");

    /// <summary>The model's conversion probability for a path under parameters b and p (by label).</summary>
    private static double Probability(IEnumerable<string> touches, double b, IReadOnlyDictionary<string, double> p)
    {
        var none = 1 - b;
        foreach (var t in touches)
        {
            none *= 1 - p[t];
        }

        return 1 - none;
    }

    /// <summary>Random distinct-or-not paths of 1 to 6 touches over the labels, each with exact expected counts
    /// (conversions = round(N·P), no sampling) and revenue 50 per conversion.</summary>
    private static List<JourneyPath> ExactPaths(int seed, int count, double b, IReadOnlyDictionary<string, double> p, long journeys)
    {
        var labels = p.Keys.Order(StringComparer.Ordinal).ToArray();
        var random = new Random(seed);
        var paths = new List<JourneyPath>(count);
        for (var i = 0; i < count; i++)
        {
            var touches = Enumerable.Range(0, random.Next(1, 7)).Select(_ => labels[random.Next(labels.Length)]).ToList();
            var conversions = (long)Math.Round(journeys * Probability(touches, b, p));
            paths.Add(new JourneyPath(touches, conversions, conversions * 50m, journeys - conversions));
        }

        return paths;
    }

    private static Dictionary<string, double> TrueProbabilities(int labels)
    {
        var p = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < labels; i++)
        {
            p[Label(i)] = 0.005 + 0.01 * i; // 0.005 … 0.145
        }

        return p;
    }

    [Fact]
    public void Fit_ExactExpectedCounts_RecoversParameters()
    {
        const double b = 0.02;
        var p = TrueProbabilities(15);
        var paths = ExactPaths(1, 3000, b, p, 10_000_000);

        var result = NoisyOrModel.Fit(paths);

        Assert.True(result.Converged);
        Assert.Equal(b, result.BaseProbability, 1e-3);
        Assert.Equal(p.Keys.Order(StringComparer.Ordinal), result.Labels.Select(l => l.Label));
        foreach (var label in result.Labels)
        {
            Assert.Equal(p[label.Label], label.Probability, 1e-3);
        }
    }

    [Fact]
    public void Fit_TrueParametersAreTheMaximum()
    {
        // With exact expected counts the log-likelihood at the fit is at least that at the true parameters.
        const double b = 0.05;
        var p = TrueProbabilities(5);
        var paths = ExactPaths(2, 400, b, p, 1_000_000);

        var result = NoisyOrModel.Fit(paths);

        double truth = 0;
        foreach (var path in paths)
        {
            var prob = Probability(path.Touches, b, p);
            truth += path.Conversions * Math.Log(prob) + path.NonConversions * Math.Log(1 - prob);
        }

        Assert.True(result.LogLikelihood >= truth - 1e-9 * Math.Abs(truth));
        Assert.Equal(b, result.BaseProbability, 1e-4);
    }

    [Fact]
    public void Fit_LabelNeverInAConvertingJourney_HasZeroProbability()
    {
        const double b = 0.03;
        var p = TrueProbabilities(4);
        var paths = ExactPaths(3, 300, b, p, 1_000_000);
        paths.Add(new JourneyPath(["dud"], 0, 0, 50_000));
        paths.Add(new JourneyPath(["dud", "dud"], 0, 0, 20_000));

        var result = NoisyOrModel.Fit(paths);

        var dud = Assert.Single(result.Labels, l => l.Label == "dud");
        Assert.Equal(0, dud.Probability, 1e-12);
        Assert.Equal(0, dud.IncrementalConversions, 1e-9);
        Assert.Equal(0, dud.IncrementalRevenue, 1e-9);
    }

    [Fact]
    public void Evaluate_OnTheFittedPaths_GivesTheFitsFigures_AndSplitsAcrossSubsets()
    {
        var random = new Random(7);
        string[] labels = ["a", "b", "c"];
        var paths = Enumerable.Range(0, 120).Select(_ =>
        {
            var touches = Enumerable.Range(0, random.Next(1, 4)).Select(_ => labels[random.Next(labels.Length)]).ToList();
            var conversions = random.Next(0, 30);
            return new JourneyPath(touches, conversions, conversions * (decimal)random.Next(10, 500), random.Next(1, 300));
        }).ToList();
        var fit = NoisyOrModel.Fit(paths);

        var same = NoisyOrModel.Evaluate(fit, paths);
        var unseen = NoisyOrModel.Evaluate(fit, [new JourneyPath(["z", "a"], 3, 30m, 10)]);

        foreach (var (expected, actual) in fit.Labels.Zip(same))
        {
            Assert.Equal(expected.Label, actual.Label);
            Assert.Equal(expected.IncrementalConversions, actual.IncrementalConversions, 1e-9 * Math.Max(1, expected.IncrementalConversions));
            Assert.Equal(expected.IncrementalRevenue, actual.IncrementalRevenue, 1e-9 * Math.Max(1, expected.IncrementalRevenue));
        }

        // A label the fit never saw has no lift; the others keep theirs.
        Assert.Equal(0, unseen.Single(l => l.Label == "z").IncrementalConversions);
        Assert.True(unseen.Single(l => l.Label == "a").IncrementalConversions > 0);
    }

    [Fact]
    public void Fit_IncrementalConversions_EqualTheRemovalFormula()
    {
        var random = new Random(4);
        string[] labels = ["a", "b", "c", "d"];
        var paths = Enumerable.Range(0, 200).Select(_ =>
        {
            var touches = Enumerable.Range(0, random.Next(1, 5)).Select(_ => labels[random.Next(labels.Length)]).ToList();
            var conversions = random.Next(0, 40);
            return new JourneyPath(touches, conversions, conversions * (decimal)random.Next(10, 500), random.Next(1, 400));
        }).ToList();

        var result = NoisyOrModel.Fit(paths);

        var p = result.Labels.ToDictionary(l => l.Label, l => l.Probability, StringComparer.Ordinal);
        // Revenue per conversion: that of all journeys with the same touch counts; where those never converted, the mean
        // over the converting journeys that touched the label.
        static string Counts(IEnumerable<string> touches) => string.Join(",", touches.Order(StringComparer.Ordinal));
        var perGroup = paths.GroupBy(x => Counts(x.Touches)).ToDictionary(
            g => g.Key, g => g.Sum(x => x.Conversions) > 0 ? (double?)((double)g.Sum(x => x.Revenue) / g.Sum(x => x.Conversions)) : null);
        foreach (var label in result.Labels)
        {
            var touching = paths.Where(x => x.Touches.Contains(label.Label)).ToList();
            var labelMean = (double)touching.Sum(x => x.Revenue) / touching.Sum(x => x.Conversions);
            double conversions = 0, revenue = 0;
            foreach (var path in paths)
            {
                var journeys = path.Conversions + path.NonConversions;
                var lift = Probability(path.Touches, result.BaseProbability, p)
                    - Probability(path.Touches.Where(t => t != label.Label), result.BaseProbability, p);
                conversions += journeys * lift;
                revenue += journeys * (perGroup[Counts(path.Touches)] ?? labelMean) * lift;
            }

            Assert.Equal(conversions, label.IncrementalConversions, 1e-8 * Math.Max(1, conversions));
            Assert.Equal(revenue, label.IncrementalRevenue, 1e-8 * Math.Max(1, revenue));
        }
    }

    [Fact]
    public void Fit_ThreePaths_MatchHandComputed()
    {
        // b = 0.2, p_a = 0.5, p_b = 0.1, 100 journeys per path with exact counts: "b" P = 1 − 0.8·0.9 = 0.28,
        // "a>b" P = 1 − 0.8·0.5·0.9 = 0.64, "a" P = 1 − 0.8·0.5 = 0.6. Three paths, three parameters: the fit is exact.
        JourneyPath[] paths =
        [
            new(["b"], 28, 280, 72),
            new(["a", "b"], 64, 640, 36),
            new(["a"], 60, 600, 40),
        ];

        var result = NoisyOrModel.Fit(paths);

        Assert.Equal(0.2, result.BaseProbability, 1e-8);
        Assert.Equal(0.5, result.Labels[0].Probability, 1e-8);
        Assert.Equal(0.1, result.Labels[1].Probability, 1e-8);
        // a: "a>b" 100 · (0.64 − 0.28) + "a" 100 · (0.6 − 0.2) = 36 + 40 = 76; revenue 10 per conversion: 760.
        // b: "b" 100 · (0.28 − 0.2) + "a>b" 100 · (0.64 − 0.6) = 8 + 4 = 12; revenue 120.
        Assert.Equal(76, result.Labels[0].IncrementalConversions, 1e-6);
        Assert.Equal(760, result.Labels[0].IncrementalRevenue, 1e-5);
        Assert.Equal(12, result.Labels[1].IncrementalConversions, 1e-6);
        Assert.Equal(120, result.Labels[1].IncrementalRevenue, 1e-5);
    }

    [Fact]
    public void Fit_IsDeterministic()
    {
        var p = TrueProbabilities(6);
        var paths = ExactPaths(5, 500, 0.04, p, 10_000);

        var first = NoisyOrModel.Fit(paths);
        var second = NoisyOrModel.Fit(paths);

        Assert.Equal(first.BaseProbability, second.BaseProbability);
        Assert.Equal(first.LogLikelihood, second.LogLikelihood);
        Assert.Equal(first.Iterations, second.Iterations);
        Assert.Equal(first.Labels, second.Labels);
    }

    [Fact]
    public void Fit_NoConversions_ReturnsZeros()
    {
        var result = NoisyOrModel.Fit([new JourneyPath(["a"], 0, 0, 10), new JourneyPath(["b", "a"], 0, 0, 5)]);

        Assert.Equal(0, result.BaseProbability);
        Assert.All(result.Labels, l => Assert.Equal(0, l.Probability));
        Assert.All(result.Labels, l => Assert.Equal(0, l.IncrementalConversions));
    }

    [Fact]
    public void Fit_EveryJourneyConverts_Throws()
    {
        Assert.Throws<ArgumentException>(() => NoisyOrModel.Fit([new JourneyPath(["a"], 3, 30, 0)]));
    }

    [Fact]
    public void Fit_IdenticalLabels_AreNotSeparableButStillConverge()
    {
        // "a" and "b" always occur together: only p_a and p_b's combined effect is identified.
        JourneyPath[] paths = [new(["a", "b"], 40, 0, 60), new(["c"], 10, 0, 90), new(["a", "b", "c"], 46, 0, 54)];

        var result = NoisyOrModel.Fit(paths);

        Assert.True(result.Converged);
        var combined = 1 - (1 - result.Labels[0].Probability) * (1 - result.Labels[1].Probability);
        var p = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["a"] = result.Labels[0].Probability, ["b"] = result.Labels[1].Probability, ["c"] = result.Labels[2].Probability,
        };
        Assert.InRange(combined, 0, 1);
        Assert.Equal(0.4, Probability(["a", "b"], result.BaseProbability, p), 1e-3);
    }

    [Fact]
    public void Fit_HundredThousandPaths_Converges_ToTheTrueBase()
    {
        // Its speed is measured by MeasurementBenchmarks.LiftFit (benchmarks/RESULTS.md), not asserted here.
        var p = TrueProbabilities(15);
        var paths = ExactPaths(6, 100_000, 0.02, p, 1_000);

        var result = NoisyOrModel.Fit(paths);

        Assert.True(result.Converged);
        Assert.Equal(0.02, result.BaseProbability, 5e-3);
    }
}
