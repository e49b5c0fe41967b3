using BenchmarkDotNet.Attributes;
using Mercato.Core.Influencers;

namespace Mercato.Benchmarks;

/// <summary>
/// The fake-follower scorer over 1,000,000 sampled followers (30% fake, <see cref="FakeFollowerSimulator"/>, seed 1): each
/// follower's pFake with the default model, and the fake share with its interval; and the trainer on 10,000 labelled rows
/// (5-fold cross-validation and the final fit).
/// </summary>
[MemoryDiagnoser]
public class InfluencerBenchmarks
{
    private List<FollowerProfile> _sample = null!;
    private IReadOnlyList<LabelledFollower> _labelled = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sample = [.. FakeFollowerSimulator.Generate(1_000_000, 0.3, seed: 1).Select(f => f.Profile)];
        _labelled = FakeFollowerSimulator.Generate(10_000, 0.3, seed: 2);
    }

    [Benchmark]
    public double ScoreMillionFollowers()
    {
        var model = FakeFollowerModel.Default;
        var sum = 0.0;
        foreach (var follower in _sample)
        {
            sum += model.Score(follower);
        }

        return sum;
    }

    [Benchmark]
    public double FakeShareOfMillion() => FakeShare.Estimate(_sample, FakeFollowerModel.Default).Share;

    [Benchmark]
    public double TrainTenThousand() => FakeFollowerTrainer.Train(_labelled).Value!.CrossValidated.Accuracy;
}
