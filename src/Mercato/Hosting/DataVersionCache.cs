using System.Collections.Concurrent;
using Mercato.Core.DataCenter;

namespace Mercato.Hosting;

/// <summary>
/// Results kept per state of the facts they read (<see cref="IFactCatalog.DataVersionsAsync"/>, per data kind) and zone:
/// a commit that changes a kind makes every result that reads that kind, and only those, out of date. A result that
/// names no kinds reads them all. Documents do not change the versions, so results that read documents put what they
/// read into the key.
/// <para>
/// An out-of-date result is computed again before it is answered, except a figure shown as a whole
/// (<see cref="FigureAsync{T}(string, TimeZoneInfo, Func{Task{T}}, CancellationToken)"/>) inside
/// <see cref="ShowLastFigures"/> (page views): there one computation per figure runs in the background, and when it takes
/// longer than what is left of the view's wait the last result is answered and its time recorded in the scope, which the
/// page shows (docs/architecture.md, Figures while data arrives). The API and the command line always wait.
/// </para>
/// </summary>
public sealed partial class DataVersionCache(IFactCatalog catalog, TimeProvider? time = null, FigureShelf? shelf = null, ILogger<DataVersionCache>? logger = null)
{
    /// <summary>A page view that waits longer than this for a figure it has no last result of logs the figure's key.</summary>
    private static readonly TimeSpan LongWait = TimeSpan.FromSeconds(1);

    /// <summary>A result not read for this long, and out of date, is dropped at the next computation.</summary>
    private static readonly TimeSpan Unread = TimeSpan.FromMinutes(10);

    private static readonly AsyncLocal<LastFigures?> Scope = new();

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Run> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _shelfRead = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots = new(Math.Max(1, Environment.ProcessorCount / 2));

    /// <summary>The scope of the current page view, or null outside one.</summary>
    public static LastFigures? Current => Scope.Value;

    /// <summary>
    /// Lets the reads under this call (a page view) answer the last result of a figure being computed again, after
    /// waiting for the new ones <paramref name="wait"/> in all from now (<see cref="Timeout.InfiniteTimeSpan"/>: always
    /// wait). <paramref name="time"/> is the clock of the wait (default the system's).
    /// </summary>
    public static LastFigures ShowLastFigures(TimeSpan wait, TimeProvider? time = null)
    {
        var figures = new LastFigures(wait, (time ?? TimeProvider.System).GetUtcNow(), Scope.Value);
        Scope.Value = figures;
        return figures;
    }

    /// <summary>Ends a <see cref="ShowLastFigures"/> scope: the enclosing one, if any, applies again.</summary>
    internal static void Restore(LastFigures? outer) => Scope.Value = outer;

    /// <summary>The result for <paramref name="key"/> at the current version of every kind and <paramref name="zone"/>, computed once.</summary>
    public Task<T> GetAsync<T>(string key, TimeZoneInfo zone, Func<Task<T>> compute, CancellationToken cancellationToken)
        where T : class => GetAsync(key, zone, null, compute, cancellationToken);

    /// <summary>
    /// The result for <paramref name="key"/> at the current version of the kinds it <paramref name="reads"/> (null: every
    /// kind) and <paramref name="zone"/>, computed once. Name a kind here only when no part of the computation reads
    /// another: a result kept past a change of a kind it reads would be wrong.
    /// </summary>
    public Task<T> GetAsync<T>(string key, TimeZoneInfo zone, IReadOnlyList<DataKind>? reads, Func<Task<T>> compute, CancellationToken cancellationToken)
        where T : class => GetAsync(key, zone, reads, compute, false, cancellationToken);

    /// <summary>
    /// <see cref="GetAsync{T}(string, TimeZoneInfo, IReadOnlyList{DataKind}?, Func{Task{T}}, CancellationToken)"/> for a
    /// figure shown as a whole: inside <see cref="ShowLastFigures"/> its last result may be answered while the next is
    /// computed. Only for a result nothing else combines with other reads (a part of a figure stays exact).
    /// </summary>
    public Task<T> FigureAsync<T>(string key, TimeZoneInfo zone, IReadOnlyList<DataKind>? reads, Func<Task<T>> compute, CancellationToken cancellationToken)
        where T : class => GetAsync(key, zone, reads, compute, true, cancellationToken);

    /// <summary><see cref="FigureAsync{T}(string, TimeZoneInfo, IReadOnlyList{DataKind}?, Func{Task{T}}, CancellationToken)"/> of every kind.</summary>
    public Task<T> FigureAsync<T>(string key, TimeZoneInfo zone, Func<Task<T>> compute, CancellationToken cancellationToken)
        where T : class => GetAsync(key, zone, null, compute, true, cancellationToken);

    private async Task<T> GetAsync<T>(string key, TimeZoneInfo zone, IReadOnlyList<DataKind>? reads, Func<Task<T>> compute, bool figure, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(compute);
        var asOf = _time.GetUtcNow();
        var versions = await catalog.DataVersionsAsync(cancellationToken).ConfigureAwait(false);
        string[]? kinds = reads is null ? null : [.. reads.Select(k => k.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        // Local days depend on the zone, which a data import does not change: another zone is another entry.
        var full = zone.Id + "|" + (kinds is null ? "*" : string.Join(',', kinds)) + "|" + key;
        var version = Version(kinds, versions);
        _entries.TryGetValue(full, out var last);
        // After a start, a figure's last result is on the shelf; one of another history of the facts is not a last result.
        if (last is null && figure && shelf is not null && _shelfRead.TryAdd(full, 0)
            && shelf.Take<T>(full) is { } shelved && SameHistory(shelved.Version, version))
        {
            last = _entries.GetOrAdd(full, new Entry(kinds, shelved.Version, shelved.Value, shelved.AsOf));
        }

        if (last is not null)
        {
            last.ReadAt = asOf;
            if (last.Version == version)
            {
                return (T)last.Value;
            }
        }

        Sweep(versions, asOf);
        async Task<T> ComputeAsync()
        {
            var value = await compute().ConfigureAwait(false);
            Keep(full, new Entry(kinds, version, value, asOf) { ReadAt = asOf }, figure ? typeof(T) : null);
            return value;
        }

        var figures = figure ? Scope.Value : null;
        if (figures is null || figures.Wait == Timeout.InfiniteTimeSpan)
        {
            // Exact: this version's computation when one is running, else one of our own.
            // Only one that has started: a queued one may wait for the slot this very computation holds.
            if (_running.TryGetValue(full, out var same) && same.Version == version && same.Started
                && await TryAwaitAsync(same, cancellationToken).ConfigureAwait(false) is { } shared)
            {
                return (T)shared.Value;
            }

            return await ComputeAsync().ConfigureAwait(false);
        }

        // A page view: one computation per result at a time, in the background; the last result while it runs.
        // A figure never computed is waited for: its computation does not queue behind the refreshes of the others.
        var run = Running(full, kinds, version, asOf, compute, queued: last is not null);
        if (last is not null && !await FinishesWithinAsync(run.Task, figures.Left(_time), cancellationToken).ConfigureAwait(false))
        {
            figures.Shown(last.AsOf);
            return (T)last.Value;
        }

        var waited = _time.GetTimestamp();
        var awaited = await TryAwaitAsync(run, cancellationToken).ConfigureAwait(false);
        if (last is null && _time.GetElapsedTime(waited) is var took && took > LongWait && logger is not null)
        {
            LogWaited(logger, (long)took.TotalMilliseconds, full);
        }

        if (awaited is not { } done)
        {
            // The computation was given up by the view that started it (its client left): the last result, or our own.
            if (last is not null)
            {
                figures.Shown(last.AsOf);
                return (T)last.Value;
            }

            return await ComputeAsync().ConfigureAwait(false);
        }

        if (done.Version != version)
        {
            figures.Shown(done.AsOf);
        }

        return (T)done.Value;
    }

    /// <summary>
    /// The running computation of <paramref name="full"/>, started here when none runs; a <paramref name="queued"/> one (a
    /// refresh of a figure with a last result) waits for one of the bounded slots first.
    /// </summary>
    private Run Running<T>(string full, string[]? kinds, string version, DateTimeOffset asOf, Func<Task<T>> compute, bool queued)
        where T : class
    {
        var source = new TaskCompletionSource<Entry>(TaskCreationOptions.RunContinuationsAsynchronously);
        var mine = new Run(version, source.Task);
        var run = _running.GetOrAdd(full, mine);
        if (!ReferenceEquals(run, mine))
        {
            return run;
        }

        // Task.Run: the embedded store answers synchronously, so compute() would return only when done. The run leaves
        // the running set before its result is seen, so a view that sees it ended starts the next one.
        _ = Task.Run(async () =>
        {
            // Inside the computation every read is exact: a figure is never made of an older part and a newer one.
            Scope.Value = null;
            // A bounded number at a time: the store answers synchronously, so each holds a thread, and views need some.
            if (queued)
            {
                await _slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            }

            mine.Started = true;
            Entry? entry = null;
            Exception? failed = null;
            try
            {
                entry = new Entry(kinds, version, await compute().ConfigureAwait(false), asOf) { ReadAt = asOf };
                Keep(full, entry, typeof(T));
            }
            catch (Exception e)
            {
                failed = e;
            }
            finally
            {
                if (queued)
                {
                    _slots.Release();
                }
            }

            _running.TryRemove(KeyValuePair.Create(full, mine));
            if (failed is OperationCanceledException cancelled)
            {
                source.SetCanceled(cancelled.CancellationToken);
            }
            else if (failed is not null)
            {
                source.SetException(failed);
                _ = source.Task.Exception; // observed: the views waiting for it see it
            }
            else
            {
                source.SetResult(entry!);
            }
        });
        return mine;
    }

    /// <summary>
    /// Keeps <paramref name="entry"/> unless a result read at a later time is already kept; a figure's (of
    /// <paramref name="figure"/>, its type) also on the shelf, for after a restart.
    /// </summary>
    private void Keep(string full, Entry entry, Type? figure)
    {
        if (ReferenceEquals(_entries.AddOrUpdate(full, entry, (_, kept) => kept.AsOf > entry.AsOf ? kept : entry), entry) && figure is not null)
        {
            shelf?.Put(full, new FigureShelf.Shelved(entry.Version, entry.AsOf, entry.Value, figure));
        }
    }

    /// <summary>
    /// Whether a result at the versions <paramref name="kept"/> is an earlier state of the facts at <paramref name="now"/>:
    /// every kind it read with data has data now, of the same history (<see cref="DataVersionToken.History"/>).
    /// </summary>
    internal static bool SameHistory(string kept, string now)
    {
        var current = Tokens(now);
        return Tokens(kept).All(k => k.Value == "-"
            || (current.TryGetValue(k.Key, out var token) && token != "-"
                && DataVersionToken.History(token) == DataVersionToken.History(k.Value)));
    }

    private static Dictionary<string, string> Tokens(string version) =>
        version.Length == 0
            ? []
            : version.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "-", StringComparer.Ordinal);

    /// <summary>The run's result; null when it was cancelled by its starter while this caller still wants it.</summary>
    private static async Task<Entry?> TryAwaitAsync(Run run, CancellationToken cancellationToken)
    {
        try
        {
            return await run.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<bool> FinishesWithinAsync(Task task, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (task.IsCompleted || wait <= TimeSpan.Zero)
        {
            return task.IsCompleted;
        }

        try
        {
            await task.WaitAsync(wait, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Failed or given up: the caller sees it when it reads the run.
        }

        return true;
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Information, Message = "A page view waited {Milliseconds} ms for a figure with no last result: {Key}")]
    private static partial void LogWaited(ILogger logger, long milliseconds, string key);

    /// <summary>Drops the results that are out of date and were not read for <see cref="Unread"/>.</summary>
    private void Sweep(IReadOnlyDictionary<string, string> versions, DateTimeOffset now)
    {
        foreach (var (entryKey, entry) in _entries)
        {
            if (now - entry.ReadAt > Unread && entry.Version != Version(entry.Kinds, versions))
            {
                _entries.TryRemove(KeyValuePair.Create(entryKey, entry));
            }
        }
    }

    /// <summary>The versions of <paramref name="kinds"/> (null: every kind with data) as one text; a kind without data is "-".</summary>
    private static string Version(string[]? kinds, IReadOnlyDictionary<string, string> versions) =>
        kinds is null
            ? string.Join(';', versions.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + "=" + v.Value))
            : string.Join(';', kinds.Select(k => k + "=" + versions.GetValueOrDefault(k, "-")));

    private sealed record Entry(string[]? Kinds, string Version, object Value, DateTimeOffset AsOf)
    {
        /// <summary>When a view last asked for it.</summary>
        public DateTimeOffset ReadAt { get; set; }
    }

    private sealed class Run(string version, Task<Entry> task)
    {
        public string Version { get; } = version;

        public Task<Entry> Task { get; } = task;

        /// <summary>Whether it holds a slot of the background computations (it may be waiting for one).</summary>
        public volatile bool Started;
    }
}

/// <summary>
/// One page view's permission to show the last result of a figure being computed again
/// (<see cref="DataVersionCache.ShowLastFigures"/>), and the oldest such result it showed.
/// </summary>
public sealed class LastFigures : IDisposable
{
    private readonly LastFigures? _outer;
    private readonly DateTimeOffset _from;
    private readonly Lock _lock = new();
    private DateTimeOffset? _oldest;

    internal LastFigures(TimeSpan wait, DateTimeOffset from, LastFigures? outer)
    {
        Wait = wait;
        _from = from;
        _outer = outer;
    }

    /// <summary>How long the view's reads wait in all, from its start, for new results before they answer the last ones.</summary>
    public TimeSpan Wait { get; }

    /// <summary>What is left of <see cref="Wait"/> at <paramref name="time"/>'s now.</summary>
    internal TimeSpan Left(TimeProvider time)
    {
        var left = Wait - (time.GetUtcNow() - _from);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>When the oldest result shown in this view was read from the facts; null when every figure was current.</summary>
    public DateTimeOffset? OldestAsOf
    {
        get
        {
            lock (_lock)
            {
                return _oldest;
            }
        }
    }

    /// <summary>Raised when a result older than the facts is shown (from any thread).</summary>
    public event Action? Changed;

    internal void Shown(DateTimeOffset asOf)
    {
        lock (_lock)
        {
            if (_oldest is { } oldest && oldest <= asOf)
            {
                return;
            }

            _oldest = asOf;
        }

        Changed?.Invoke();
    }

    /// <inheritdoc />
    public void Dispose() => DataVersionCache.Restore(_outer);
}
