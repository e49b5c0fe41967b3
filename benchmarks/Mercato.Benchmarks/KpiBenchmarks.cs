using BenchmarkDotNet.Attributes;
using Mercato.Core.Kpis;
using Mercato.Storage.Relational;

namespace Mercato.Benchmarks;

/// <summary>
/// Every KPI of docs/kpis.md on a demo store: the medium demo (benchmarks/work/bench-medium-seed42), or the store in
/// MERCATO_BENCH_DATA_DIR (e.g. a copy of the large demo), on the store <see cref="BenchStores.StoreVariable"/> names. Cold: a fresh reader, so the one pass over the
/// activity table is included. Warm: the activity days of this data version already kept, and a month (a run of 31 days)
/// whose figures are not, a different one each invocation.
/// </summary>
[MemoryDiagnoser]
public class KpiBenchmarks
{
    private static readonly DateOnly LastDay = new(2026, 10, 31);

    private RelationalStore _store = null!;
    private IKpiReader _warm = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _store = Environment.GetEnvironmentVariable("MERCATO_BENCH_DATA_DIR") is { Length: > 0 } directory
            ? BenchStores.Open(directory)
            : MediumDemo.Open();
        _warm = new RelationalKpiReader(_store);
        Compute(_warm, [KpiPeriod.Month(new YearMonth(2026, 10))]);
    }

    /// <summary>One month, the activity days kept: the calendar kinds' queries and sums over the kept days.</summary>
    [Benchmark]
    public decimal? MonthWarm()
    {
        // 31-day runs ending on successive days, so no two invocations ask for the same period (64 are kept).
        var to = LastDay.AddDays(-(_next++ % 300));
        return Compute(_warm, [KpiPeriod.Of(to.AddDays(-30), to)])[0]["dau"].Value;
    }

    /// <summary>One month with nothing kept: the pass over all activity, then the month.</summary>
    [Benchmark]
    public decimal? MonthCold() => Compute(new RelationalKpiReader(_store), [KpiPeriod.Month(new YearMonth(2026, 10))])[0]["dau"].Value;

    /// <summary>The scorecard's six months in one call, nothing kept.</summary>
    [Benchmark]
    public int SixMonthsCold() =>
        Compute(new RelationalKpiReader(_store), [.. Enumerable.Range(0, 6).Select(i => KpiPeriod.Month(new YearMonth(2026, 5 + i)))]).Count;

    private static IReadOnlyList<KpiReport> Compute(IKpiReader reader, IReadOnlyList<KpiPeriod> periods) =>
        [.. reader.FiguresAsync(periods, TimeZoneInfo.Utc, default).GetAwaiter().GetResult().Select(KpiCalculator.Compute)];
}
