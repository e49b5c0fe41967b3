using Mercato.Core.Mix;

namespace Mercato.Core.Tests.Mix;

public class MixModelTests
{
    private static readonly MixOptions NoIntervals = new() { Replicates = 0 };

    [Fact]
    public void TheLinearPart_IsSolvedExactly_OnNoiselessData()
    {
        // y = 5 + 2·trend + 3·media exactly, the media column known (no decay, Hill α = 1, γ = 1).
        var sim = MixSimulation.Draw(seed: 3, channels: 1, weeks: 60, noise: 0);
        var design = new MixDesign(sim.Data, NoIntervals with { Ridge = 0 });
        var shape = new ChannelShape(0, 0, 1, 1);
        var media = design.MediaColumn(0, shape);
        var y = Enumerable.Range(0, design.N).Select(t => 5 + (2.0 * t / (design.N - 1)) + (3 * media[t])).ToArray();

        var solution = design.Solve([media], y, design.N);

        Assert.Equal(5, solution.Beta[0], 6);
        Assert.Equal(2, solution.Beta[1], 6);
        Assert.Equal(3, solution.Beta[^1], 6);
        Assert.True(solution.Rss < 1e-12);
    }

    [Fact]
    public void AMediaCoefficient_NeverGoesNegative_TheActiveSetHoldsItAtZero()
    {
        var sim = MixSimulation.Draw(seed: 4, channels: 2, weeks: 60, noise: 0);
        var design = new MixDesign(sim.Data, NoIntervals with { Ridge = 0 });
        var shape = new ChannelShape(0, 0, 1, 1);
        var media = new[] { design.MediaColumn(0, shape), design.MediaColumn(1, shape) };
        // The second channel hurts the outcome: unconstrained least squares would give it −4.
        var y = Enumerable.Range(0, design.N).Select(t => 10 + (2 * media[0][t]) - (4 * media[1][t])).ToArray();

        var solution = design.Solve(media, y, design.N);

        Assert.Equal(0, solution.Beta[^1]);
        Assert.True(solution.Beta[^2] >= 0);
        // KKT: with β₂ = 0 the loss cannot fall by raising β₂.
        var fitted = design.Fitted(media, solution.Beta);
        Assert.True(Enumerable.Range(0, design.N).Sum(t => media[1][t] * (y[t] - fitted[t])) <= 1e-9);
    }

    [Theory]
    [InlineData(1, 2, 104, 0.02)]
    [InlineData(2, 4, 156, 0.03)]
    [InlineData(3, 6, 156, 0.05)]
    [InlineData(4, 8, 156, 0.03)]
    [InlineData(5, 12, 156, 0.03)]
    [InlineData(6, 12, 208, 0.05)]
    [InlineData(7, 3, 208, 0.05)]
    [InlineData(8, 5, 104, 0.05)]
    public void TheFit_RecoversEachChannelsContribution_WithinTheStatedTolerance(int seed, int channels, int weeks, double noise)
    {
        var sim = MixSimulation.Draw(seed, channels, weeks, noise);

        var fit = MixModel.Fit(sim.Data, NoIntervals);

        // docs/mix-model.md, Recovery: the tolerances were set on 60 other simulated data sets (seeds 500 to 559, where the
        // worst misses were 30% and 54%); these eight are held out. Each channel within 35% of all media's true
        // contribution; all media together within 60% of its truth.
        var media = sim.Truth.Contributions.Sum();
        for (var c = 0; c < channels; c++)
        {
            var truth = sim.Truth.Contributions[c];
            var estimate = fit.Channels[c].Contribution.Value;
            Assert.True(Math.Abs(estimate - truth) <= 0.35 * media, $"channel {c + 1}: estimate {estimate:F0}, truth {truth:F0}, all media {media:F0}");
        }

        var allMedia = fit.Channels.Sum(c => c.Contribution.Value);
        Assert.True(Math.Abs(allMedia - media) <= 0.6 * media, $"all media: estimate {allMedia:F0}, truth {media:F0}");
        Assert.True(fit.Quality.R2 > 0.6, $"R² {fit.Quality.R2}");
        Assert.NotNull(fit.Quality.HoldoutMape);
    }

    [Fact]
    public void TheFit_IsDeterministic_ForTheSameSeed()
    {
        var sim = MixSimulation.Draw(seed: 11, channels: 3, weeks: 104, noise: 0.03);
        var options = new MixOptions { Replicates = 20, Seed = 5 };

        var a = MixModel.Fit(sim.Data, options);
        var b = MixModel.Fit(sim.Data, options);

        Assert.Equal(a.Channels.Select(c => c.Contribution), b.Channels.Select(c => c.Contribution));
        Assert.Equal(a.Channels.Select(c => c.MarginalRoi), b.Channels.Select(c => c.MarginalRoi));
    }

    [Fact]
    public void FitQuality_IsComputedByItsFormulas()
    {
        var sim = MixSimulation.Draw(seed: 12, channels: 2, weeks: 120, noise: 0.03);

        var fit = MixModel.Fit(sim.Data, NoIntervals with { HoldoutPeriods = 12 });

        var actual = fit.Periods.Select(p => p.Actual).ToArray();
        var fitted = fit.Periods.Select(p => p.Fitted).ToArray();
        var mean = actual.Average();
        var r2 = 1 - (actual.Zip(fitted).Sum(x => (x.First - x.Second) * (x.First - x.Second)) / actual.Sum(a => (a - mean) * (a - mean)));
        var mape = actual.Zip(fitted).Average(x => Math.Abs((x.First - x.Second) / x.First));
        var nrmse = Math.Sqrt(actual.Zip(fitted).Average(x => (x.First - x.Second) * (x.First - x.Second))) / (actual.Max() - actual.Min());
        Assert.Equal(r2, fit.Quality.R2, 12);
        Assert.Equal(mape, fit.Quality.Mape, 12);
        Assert.Equal(nrmse, fit.Quality.Nrmse, 12);
        Assert.Equal(12, fit.Quality.HoldoutPeriods);
        Assert.Equal(12, fit.Periods.Count(p => p.Forecast is not null));
        Assert.All(fit.Periods.TakeLast(12), p => Assert.NotNull(p.Forecast));
        var held = fit.Periods.TakeLast(12).ToArray();
        Assert.Equal(held.Average(p => Math.Abs((p.Actual - p.Forecast!.Value) / p.Actual)), fit.Quality.HoldoutMape!.Value, 12);
        // The decomposition adds up to the fitted value in every period.
        Assert.All(fit.Periods, p => Assert.Equal(p.Fitted, p.Baseline + p.Controls + p.Channels.Sum(), 6));
    }

    [Fact]
    public void Roi_IsContributionOverSpend_AndTheCurveStartsAtZero()
    {
        var sim = MixSimulation.Draw(seed: 13, channels: 3, weeks: 104, noise: 0.03);

        var fit = MixModel.Fit(sim.Data, new MixOptions { Replicates = 30 });

        foreach (var (channel, c) in fit.Channels.Select((x, i) => (x, i)))
        {
            Assert.Equal(channel.Contribution.Value / channel.Spend, channel.Roi.Value, 12);
            Assert.Equal(sim.Data.Channels[c].Values.Sum(), channel.Spend, 6);
            Assert.Equal(sim.Data.Channels[c].Values.TakeLast(13).Average(), channel.CurrentSpend, 9);
            Assert.True(channel.Contribution.Low <= channel.Contribution.Value && channel.Contribution.Value <= channel.Contribution.High);
            var curve = fit.Curve(c, 21);
            Assert.Equal(0, curve[0].Outcome);
            Assert.True(curve.Zip(curve.Skip(1)).All(p => p.Second.Outcome >= p.First.Outcome), "a response curve never falls");
            Assert.Equal(2 * Math.Max(channel.HighestSpend, channel.CurrentSpend), curve[^1].Spend, 6);
            // Marginal ROI is the curve's slope at the current spend.
            var h = channel.CurrentSpend * 1e-3;
            var slope = (fit.Curve(c, 2, channel.CurrentSpend + h)[1].Outcome - fit.Curve(c, 2, channel.CurrentSpend - h)[1].Outcome) / (2 * h);
            // Two central differences with different steps: equal to 1e-6 relative.
            Assert.Equal(slope, channel.MarginalRoi.Value, 1e-6 * Math.Abs(slope));
        }
    }

    /// <summary>
    /// Honest intervals: over 100 simulated data sets, the 90% interval of the first channel's contribution covers the
    /// truth in 80 to 97 of them (the bar; docs/mix-model.md reports the count).
    /// </summary>
    [Fact]
    public void NinetyPercentIntervals_CoverTheTruth_In80To97Of100Cases()
    {
        var covered = 0;
        var lock_ = new object();
        Parallel.For(0, 100, seed =>
        {
            var sim = MixSimulation.Draw(1000 + seed, channels: 3, weeks: 104, noise: 0.04);
            var fit = MixModel.Fit(sim.Data, new MixOptions { Seed = seed });
            if (fit.Channels[0].Contribution.Covers(sim.Truth.Contributions[0]))
            {
                lock (lock_)
                {
                    covered++;
                }
            }
        });

        Assert.InRange(covered, 80, 97);
    }

    [Fact]
    public void BadData_IsEveryProblemWithItsCode()
    {
        var periods = Enumerable.Range(0, 12).Select(w => new DateOnly(2025, 1, 6).AddDays(7 * w)).ToList();
        periods[5] = periods[4];
        var spend = Enumerable.Range(0, 12).Select(t => 100.0 + t).ToArray();
        spend[3] = -1;
        var data = new MixData(
            periods,
            Enumerable.Range(0, 12).Select(t => 1000.0 + t).ToArray(),
            [new MixSeries("tv", spend), new MixSeries("flat", Enumerable.Repeat(5.0, 12).ToArray())],
            []);

        var codes = MixChecks.Problems(data, new MixOptions()).Select(p => p.Code).ToArray();

        Assert.Contains(MixCodes.DuplicatePeriod, codes);
        Assert.Contains(MixCodes.IrregularPeriods, codes);
        Assert.Contains(MixCodes.NegativeSpend, codes);
        Assert.Contains(MixCodes.ConstantChannel, codes);
        var tooFew = MixChecks.Problems(data, new MixOptions()).Single(p => p.Code == MixCodes.TooFewPeriods);
        Assert.Equal(12L, tooFew.Args["have"]);
        Assert.Equal((long)MixChecks.PeriodsNeeded(2, 0, 0), tooFew.Args["needed"]);
        Assert.Throws<ArgumentException>(() => MixModel.Fit(data, new MixOptions()));
    }

    [Fact]
    public void ABaselineBelowZero_IsAWarning_WithItsWeeksAndLowest()
    {
        // An outcome of 5 without the channel, falling by 30 over the year, while the channel adds 30 to 90 a week in
        // proportion to its spend. A concave (logistic) curve through that straight line leaves a positive offset that the
        // intercept (held at 0 or above) cannot give back, so the fit puts the intercept at 0 and lets the trend fall from
        // there: the pattern of the medium demo, where the baseline is below zero in every week but the first.
        var random = new Random(5);
        var n = 60;
        var periods = Enumerable.Range(0, n).Select(w => new DateOnly(2025, 1, 6).AddDays(7 * w)).ToArray();
        var spend = Enumerable.Range(0, n).Select(_ => 500 + (1000 * random.NextDouble())).ToArray();
        var outcome = Enumerable.Range(0, n).Select(t => 5 + (60 * spend[t] / 1000) - (30.0 * t / (n - 1))).ToArray();
        var data = new MixData(periods, outcome, [new MixSeries("tv", spend)], []);

        var fit = MixModel.Fit(data, NoIntervals with { Saturation = SaturationKind.Logistic });

        var warning = Assert.Single(fit.Warnings, w => w.Code == MixCodes.NegativeBaseline);
        var below = fit.Periods.Where(p => p.Baseline < 0).ToList();
        Assert.NotEmpty(below);
        Assert.Equal((long)below.Count, warning.Args["periods"]);
        Assert.Equal((long)n, warning.Args["of"]);
        Assert.Equal(Math.Round(below.Min(p => p.Baseline), 2), warning.Args["lowest"]);
        Assert.Equal(below.MinBy(p => p.Baseline)!.Start, warning.Args["day"]);
        Assert.Equal("trend", warning.Args["by"]);
        Assert.DoesNotContain(MixModel.Fit(MixSimulation.Draw(seed: 6, channels: 2, weeks: 60, noise: 0.03).Data, NoIntervals).Warnings, w => w.Code == MixCodes.NegativeBaseline);
    }
}
