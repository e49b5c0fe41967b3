using Mercato.Core.DataCenter;
using Mercato.Hosting;

namespace Mercato.Tests;

/// <summary>
/// <see cref="DataVersionCache"/> keeps a result while the kinds it reads are unchanged, whatever else is imported, and
/// computes it again as soon as one of them changes; a result that names no kinds follows them all.
/// </summary>
public class DataVersionCacheTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;

    private readonly VersionsCatalog _catalog = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private int _computed;

    private Task<string> Compute() => Task.FromResult("v" + ++_computed);

    [Fact]
    public async Task AResult_IsKeptWhileOtherKindsChange_AndComputedAgainWhenItsOwnKindChanges()
    {
        _catalog.Now["mentions"] = "(1, 1)";
        _catalog.Now["touchpoints"] = "(1, 2)";
        var cache = new DataVersionCache(_catalog);

        Assert.Equal("v1", await cache.GetAsync("summary", Utc, [DataKinds.Mentions], Compute, default));
        Assert.Equal("v1", await cache.GetAsync("summary", Utc, [DataKinds.Mentions], Compute, default));
        _catalog.Now["touchpoints"] = "(2, 3)";
        _catalog.Now["clicks"] = "(1, 4)";
        Assert.Equal("v1", await cache.GetAsync("summary", Utc, [DataKinds.Mentions], Compute, default));
        _catalog.Now["mentions"] = "(2, 5)";
        Assert.Equal("v2", await cache.GetAsync("summary", Utc, [DataKinds.Mentions], Compute, default));
    }

    [Fact]
    public async Task AResultOfEveryKind_IsComputedAgainWhenAnyKindChanges_AppearsOrGoes()
    {
        _catalog.Now["spend"] = "(1, 1)";
        var cache = new DataVersionCache(_catalog);

        Assert.Equal("v1", await cache.GetAsync("roi", Utc, Compute, default));
        _catalog.Now["spend"] = "(2, 2)";
        Assert.Equal("v2", await cache.GetAsync("roi", Utc, Compute, default));
        _catalog.Now["clicks"] = "(1, 3)";
        Assert.Equal("v3", await cache.GetAsync("roi", Utc, Compute, default));
        _catalog.Now.Remove("clicks");
        Assert.Equal("v4", await cache.GetAsync("roi", Utc, Compute, default));
        Assert.Equal("v4", await cache.GetAsync("roi", Utc, Compute, default));
    }

    [Fact]
    public async Task AKindWithoutData_ThenImported_ComputesTheResultAgain()
    {
        var cache = new DataVersionCache(_catalog);

        Assert.Equal("v1", await cache.GetAsync("flagged", Utc, [DataKinds.Clicks], Compute, default));
        _catalog.Now["clicks"] = "(1, 1)";
        Assert.Equal("v2", await cache.GetAsync("flagged", Utc, [DataKinds.Clicks], Compute, default));
    }

    [Fact]
    public async Task EachKindItReads_Counts_InAnyOrder()
    {
        _catalog.Now["activity"] = "(1, 1)";
        _catalog.Now["conversions"] = "(1, 2)";
        var cache = new DataVersionCache(_catalog);

        Assert.Equal("v1", await cache.GetAsync("funnel", Utc, [DataKinds.Activity, DataKinds.Conversions], Compute, default));
        Assert.Equal("v1", await cache.GetAsync("funnel", Utc, [DataKinds.Conversions, DataKinds.Activity], Compute, default));
        _catalog.Now["conversions"] = "(2, 3)";
        Assert.Equal("v2", await cache.GetAsync("funnel", Utc, [DataKinds.Activity, DataKinds.Conversions], Compute, default));
    }

    [Fact]
    public async Task ResultsInTwoZones_AreKeptSideBySide()
    {
        _catalog.Now["spend"] = "(1, 1)";
        var cache = new DataVersionCache(_catalog);
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        Assert.Equal("v1", await cache.GetAsync("days", Utc, Compute, default));
        Assert.Equal("v2", await cache.GetAsync("days", shanghai, Compute, default));
        Assert.Equal("v1", await cache.GetAsync("days", Utc, Compute, default));
        Assert.Equal("v2", await cache.GetAsync("days", shanghai, Compute, default));
    }

    /// <summary>A page view (waiting <paramref name="wait"/>) of one figure: its value, and the oldest time the view showed (null: current).</summary>
    private async Task<(string Value, DateTimeOffset? AsOf)> ViewAsync(DataVersionCache cache, TimeSpan wait, string key, Func<Task<string>> compute)
    {
        using var figures = DataVersionCache.ShowLastFigures(wait, _clock);
        return (await cache.FigureAsync(key, Utc, compute, default), figures.OldestAsOf);
    }

    [Fact]
    public async Task APageView_ShowsTheLastResultWithItsTime_WhileOneComputationOfTheNextRuns()
    {
        _catalog.Now["touchpoints"] = "(1, 1)";
        var cache = new DataVersionCache(_catalog, _clock);
        Assert.Equal("v1", await cache.GetAsync("kpis", Utc, Compute, default));
        var counted = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromSeconds(30));
        _catalog.Now["touchpoints"] = "(2, 2)";
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        async Task<string> Slow()
        {
            Interlocked.Increment(ref started);
            await gate.Task;
            return "new";
        }

        using (var figures = DataVersionCache.ShowLastFigures(TimeSpan.Zero, _clock))
        {
            Assert.Same(figures, DataVersionCache.Current);
            Assert.Equal("v1", await cache.FigureAsync("kpis", Utc, Slow, default));
            Assert.Equal("v1", await cache.FigureAsync("kpis", Utc, Slow, default));
            Assert.Equal(counted, figures.OldestAsOf);
        }

        Assert.Null(DataVersionCache.Current);
        // Once the background computation runs (it holds its slot), the exact read below joins it rather than computing.
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref started) == 1, TimeSpan.FromMinutes(1)));
        gate.SetResult();
        // Outside a page view the read is exact: it waits for the computation of this version that is running.
        Assert.Equal("new", await cache.FigureAsync("kpis", Utc, Slow, default));
        Assert.Equal(1, started);
        Assert.Equal(("new", null), await ViewAsync(cache, TimeSpan.Zero, "kpis", Slow));
    }

    [Fact]
    public async Task APageView_WaitsForAResultNeverComputed_AndForOneThatFinishesWithinItsWait()
    {
        _catalog.Now["spend"] = "(1, 1)";
        var cache = new DataVersionCache(_catalog, _clock);
        Assert.Equal(("v1", null), await ViewAsync(cache, TimeSpan.Zero, "roi", Compute));
        _catalog.Now["spend"] = "(2, 2)";
        // A wait far longer than the computation: the view answers the new result.
        Assert.Equal(("v2", null), await ViewAsync(cache, TimeSpan.FromMinutes(5), "roi", Compute));
    }

    [Fact]
    public async Task AFailedComputation_IsNotKept_AndTheNextViewComputesAgain()
    {
        _catalog.Now["spend"] = "(1, 1)";
        var cache = new DataVersionCache(_catalog, _clock);
        Assert.Equal("v1", await cache.GetAsync("roi", Utc, Compute, default));
        _catalog.Now["spend"] = "(2, 2)";
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<string> Failing()
        {
            await gate.Task;
            throw new InvalidOperationException("store unreachable");
        }

        Assert.Equal(("v1", _clock.GetUtcNow()), await ViewAsync(cache, TimeSpan.Zero, "roi", Failing));

        gate.SetResult();
        // Exact: the failure of the running computation, or of its own when that one has ended.
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync("roi", Utc, Failing, default));
        Assert.Equal("store unreachable", failed.Message);
        // The failing computation may still be waiting for its slot: a view that joins it sees its failure; the next one,
        // after it ended, computes again.
        string? value = null;
        for (var view = 0; view < 2 && value is null; view++)
        {
            try
            {
                var (shown, asOf) = await ViewAsync(cache, TimeSpan.FromMinutes(5), "roi", Compute);
                Assert.Null(asOf);
                value = shown;
            }
            catch (InvalidOperationException joined)
            {
                Assert.Equal("store unreachable", joined.Message);
            }
        }

        Assert.Equal("v2", value);
    }

    [Fact]
    public async Task APart_IsExactInAPageView_AndEveryReadInsideAFiguresComputationToo()
    {
        _catalog.Now["spend"] = "(1, 1)";
        var cache = new DataVersionCache(_catalog, _clock);
        var gate = Task.CompletedTask;
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<string> Roi()
        {
            entered.TrySetResult();
            await gate;
            return "roi of " + await cache.FigureAsync("paths", Utc, Compute, default);
        }

        Assert.Equal("roi of v1", await cache.FigureAsync("roi", Utc, Roi, default));
        _catalog.Now["spend"] = "(2, 2)";
        using (var figures = DataVersionCache.ShowLastFigures(TimeSpan.Zero, _clock))
        {
            // A part (GetAsync) never answers its last result.
            Assert.Equal("v2", await cache.GetAsync("paths", Utc, Compute, default));
            Assert.Null(figures.OldestAsOf);
        }

        _catalog.Now["spend"] = "(3, 3)";
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate = release.Task;
        entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.Equal(("roi of v1", _clock.GetUtcNow()), await ViewAsync(cache, TimeSpan.Zero, "roi", Roi));

        // The background computation runs (it holds its slot): the exact read joins it, and sees what it read.
        await entered.Task.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        release.SetResult();
        // The figure computed in the background read its parts at the new version, not their last results.
        Assert.Equal("roi of v3", await cache.GetAsync("roi", Utc, Roi, default));
    }
}
