using BenchmarkDotNet.Attributes;
using Mercato.Core.Mix;

namespace Mercato.Benchmarks;

/// <summary>
/// The mix model on the yardstick: 3 years of weekly data, 12 channels (simulated by
/// <see cref="MixSimulation"/>, seed 1, noise 3%). <see cref="FitWithIntervals"/> is the whole fit with 100 bootstrap
/// replicates and the holdout fit; <see cref="FitAndOptimize"/> adds one budget proposal; <see cref="FitPointOnly"/> is the
/// point fit alone (no bootstrap), to show where the time goes.
/// </summary>
[MemoryDiagnoser]
public class MixBenchmarks
{
    private MixData _data = null!;

    [Params(4, 12)]
    public int Channels { get; set; }

    [GlobalSetup]
    public void Setup() => _data = MixSimulation.Draw(seed: 1, channels: Channels, weeks: 156, noise: 0.03).Data;

    [Benchmark]
    public MixFit FitPointOnly() => MixModel.Fit(_data, new MixOptions { Replicates = 0 });

    [Benchmark]
    public MixFit FitWithIntervals() => MixModel.Fit(_data, new MixOptions());

    [Benchmark]
    public MixProposal FitAndOptimize()
    {
        var fit = MixModel.Fit(_data, new MixOptions());
        var budget = fit.Channels.Sum(c => c.CurrentSpend) * 4;
        return MixOptimizer.Propose(fit, new MixBudgetRequest(budget, 4, []));
    }
}
