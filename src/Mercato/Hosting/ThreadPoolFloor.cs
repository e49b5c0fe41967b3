namespace Mercato.Hosting;

/// <summary>
/// The server's floor of thread-pool workers. The stores' drivers block the thread they run on: SQLite is synchronous, so
/// a merge of the ingest queue holds a worker for seconds, each append's sync for milliseconds, and a figure counted in
/// the background for as long as its query. The pool starts with one worker per core and, when every worker is blocked,
/// adds about one more per half second: on a 2-core machine requests waited seconds for a thread while nothing was wrong
/// with the store (benchmarks/RESULTS.md, 2026-12-07, the ingest queue: p99 2.9 s at 50,000 events/s on the large demo
/// with the pool's default floor, 130 ms with this one). A blocked worker costs its stack and nothing else.
/// </summary>
public static class ThreadPoolFloor
{
    /// <summary>Workers the pool keeps ready without waiting to add them.</summary>
    public const int MinWorkers = 32;

    /// <summary>Raises the pool's floor of workers to <see cref="MinWorkers"/> (never lowers it); the I/O floor is kept.</summary>
    public static void Raise()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < MinWorkers)
        {
            ThreadPool.SetMinThreads(MinWorkers, io);
        }
    }
}
