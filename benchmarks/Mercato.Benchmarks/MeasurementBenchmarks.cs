using BenchmarkDotNet.Attributes;
using Mercato.Core.Demo;
using Mercato.Core.Measurement;
using Mercato.Core.Measurement.Attribution;
using Mercato.Core.Measurement.Incrementality;
using Mercato.Storage.Demo;
using Mercato.Storage.Relational;

namespace Mercato.Benchmarks;

/// <summary>
/// The medium demo (1.05M touchpoints, 8.4k conversions) as a store, generated once into
/// benchmarks/work/bench-medium-seed42 (about 10 s) and reused by later runs and by every benchmark process.
/// </summary>
internal static class MediumDemo
{
    public static RelationalStore Open()
    {
        var directory = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "work", "bench-medium-seed42"));
        var store = BenchStores.Open(directory);
        if (!store.Demo.IsLoadedAsync(default).GetAwaiter().GetResult())
        {
            DemoFacts.LoadAsync(store.Sink, new DemoOptions(42, DemoScale.Medium, new YearMonth(2026, 10)), null, default).GetAwaiter().GetResult();
        }

        return store;
    }
}

/// <summary>
/// The first half of every measurement report on the medium demo: the journey pass over the store (touches and
/// conversions in (user, time) order from covering indexes, folded into distinct paths), and the lift model's fit.
/// </summary>
[MemoryDiagnoser]
public class JourneyBenchmarks
{
    private RelationalStore _store = null!;
    private IReadOnlyList<JourneyPath> _marked = [];

    [GlobalSetup]
    public void Setup()
    {
        _store = MediumDemo.Open();
        _marked = Wait(_store.Journeys.PathsAsync(new JourneyQuery(), true, default)).Paths;
    }

    /// <summary>Distinct paths with conversions, revenue and non-conversions.</summary>
    [Benchmark]
    public int Paths() => Wait(_store.Journeys.PathsAsync(new JourneyQuery(), false, default)).Paths.Count;

    /// <summary>The same split by month (the ROI report's input).</summary>
    [Benchmark]
    public int PathsByMonth() => Wait(_store.Journeys.PathsByMonthAsync(new JourneyQuery(), false, default)).Count;

    /// <summary>Converting journeys with each touch's age (time decay's input).</summary>
    [Benchmark]
    public int TimedPaths() => Wait(_store.Journeys.TimedPathsAsync(new JourneyQuery(), false, default)).Count;

    internal static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

    /// <summary>The lift model's maximum-likelihood fit on the paths marked for returning customers.</summary>
    [Benchmark]
    public int LiftFit() => NoisyOrModel.Fit(_marked).Labels.Count;
}

/// <summary>The second half: each attribution model on the medium demo's distinct paths (time decay on the timed paths).</summary>
[MemoryDiagnoser]
public class AttributionBenchmarks
{
    private IReadOnlyList<JourneyPath> _paths = [];
    private IReadOnlyList<TimedPath> _timed = [];

    public static IEnumerable<AttributionModel> Models => AttributionModels.All;

    [ParamsSource(nameof(Models))]
    public AttributionModel Model { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var journeys = MediumDemo.Open().Journeys;
        _paths = JourneyBenchmarks.Wait(journeys.PathsAsync(new JourneyQuery(), false, default)).Paths;
        _timed = JourneyBenchmarks.Wait(journeys.TimedPathsAsync(new JourneyQuery(), false, default));
    }

    [Benchmark]
    public decimal Attribute() => AttributionModels.Attribute(Model, _paths, _timed).TotalRevenue;
}
