using System.Globalization;
using Mercato.Core.Access;
using Mercato.Core.DataCenter;
using Mercato.Features.Access;
using Mercato.Features.Listening;
using Mercato.Features.Settings;
using Mercato.Storage.Import;
using Mercato.Storage.Sqlite;

namespace Mercato.Features.Imports;

/// <summary>
/// Imports and the data center's holdings, for the API, the command line and the pages: every import runs the one
/// pipeline (<see cref="FactImporter"/>) with dates without a time read in the workspace zone and rejected rows explained
/// in the person's words; sources, batches and monthly coverage come from the fact store. Importing needs
/// <see cref="Permission.Import"/> (an <c>import</c>-scoped token holds it and nothing else, so nothing an import calls
/// checks again); reading the holdings needs <see cref="Permission.ReadReports"/>.
/// </summary>
public sealed partial class ImportUseCases(
    IFactSink sink, IFactCatalog catalog, SettingsUseCases settings, MentionReading mentions, IEnumerable<IImportObserver> observers,
    AccessGuard guard, ILogger<ImportUseCases> logger, Audit.AuditUseCases audit, TimeProvider time, IngestQueue queue, DataVersionCache cache) : IAsyncDisposable
{
    /// <summary>The most rows a body may hold to be committed with others (<see cref="ImportTogetherAsync"/>); a larger one streams alone.</summary>
    public const int GroupCommitMaxRows = 20_000;

    /// <summary>
    /// The most rows one group commit writes; a merge of the ingest queue takes this many at most. A merge writes about
    /// every leaf of the key and journey indexes its rows touch once, so on a store of tens of millions of rows larger
    /// merges cost less per row: at 400,000 the merger fell behind 50,000 events/s after a few minutes (35,300 merged/s
    /// over ten); at 1,500,000 it kept up for the ten minutes (benchmarks/RESULTS.md, 2026-12-07). The rows in flight and
    /// the merge's page cache bound the server's memory (2.3 GB at most in that run).
    /// </summary>
    public const int GroupCommitMaxWeight = 1_500_000;

    /// <summary>
    /// The most rows the ingest queue holds before a queued request waits for the merger (backpressure: about forty seconds
    /// at 50,000 events/s; the queue's depth, the merge lag and the server's memory stay bounded when senders outrun the
    /// merges).
    /// </summary>
    public const long MaxQueuedRows = 2_000_000;

    /// <summary>While data streams in, the observers (the alert evaluation) run at most once in this long.</summary>
    public static readonly TimeSpan ObserverGap = TimeSpan.FromSeconds(10);

    private readonly Lock _noticeLock = new();
    private Task? _noticing;
    private ImportResult? _pendingNotice;
    private GroupCommit<Submission, ImportResult[]>? _group;
    private long _merged;
    private long _queuedRows;
    private Task? _counted;
    private TaskCompletionSource _room = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset? _lastMerge;
    private string? _lastMergeError;

    // One loop writes the group's facts, then its audit entries: one writer after the other, never two waiting on the
    // store's lock.
    private GroupCommit<Submission, ImportResult[]> Group => LazyInitializer.EnsureInitialized(ref _group, () => new(
        async (submissions, cancellationToken) =>
        {
            var results = await FactImporter.CommitAsync(sink, [.. submissions.SelectMany(r => r.Bodies)], cancellationToken).ConfigureAwait(false);
            var split = new List<ImportResult[]>(submissions.Count);
            var audited = new List<(ImportResult, string, WriteOrigin)>(results.Count);
            var at = 0;
            foreach (var submission in submissions)
            {
                split.Add([.. results.Skip(at).Take(submission.Bodies.Length)]);
                audited.AddRange(split[^1].Select(r => (r, submission.Actor, submission.Origin)));
                at += submission.Bodies.Length;
            }

            try
            {
                await audit.RecordImportsAsync(audited, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or IOException)
            {
                // The facts are committed: the answer stands; the log says which entries are missing.
                Log.AuditFailed(logger, string.Join(", ", results.Select(r => r.BatchId)), e);
            }

            return split;
        },
        submission => Math.Max(1, submission.Bodies.Sum(b => b.Facts.Count)),
        GroupCommitMaxWeight));

    /// <summary>
    /// Imports the small bodies of one request (an events array split by kind, or one import body) through the group
    /// commit: each body is read and validated on the caller's thread, then written with the bodies of other requests
    /// that arrived meanwhile in one transaction, one batch per body; the call returns once that transaction is durable.
    /// Every body of the call commits in the same transaction. When any body has an invalid row: with
    /// <paramref name="recordRefused"/> its batch is recorded as rejected (as a streamed import records it) and the
    /// valid bodies commit; without, nothing is written or recorded and every result says what it would have done. A
    /// body over <see cref="GroupCommitMaxRows"/> rows, a dry run or a rejected-rows file goes the streaming way
    /// (<see cref="ImportAsync"/>), one body after the other. The observers (alerts) are told without being awaited, at
    /// most once per <see cref="ObserverGap"/> while data streams in.
    /// </summary>
    public async Task<IReadOnlyList<ImportResult>> ImportTogetherAsync(IReadOnlyList<ImportRequest> requests, bool recordRefused, CancellationToken cancellationToken)
    {
        guard.Require(Permission.Import);
        ArgumentNullException.ThrowIfNull(requests);
        var prepared = new List<ImportRequest>(requests.Count);
        foreach (var request in requests)
        {
            prepared.Add(await PrepareAsync(request, cancellationToken).ConfigureAwait(false));
        }

        var bodies = prepared.Any(r => r.DryRun || r.RejectedPath is not null)
            ? null
            : prepared.Select(r => FactImporter.Read(r, GroupCommitMaxRows)).ToArray();
        if (bodies is null || bodies.Any(b => b is null))
        {
            var streamed = new List<ImportResult>(requests.Count);
            if (!recordRefused && requests.Count > 1 && !requests.All(r => r.DryRun))
            {
                // One body after the other: check them all first, so that a bad row anywhere writes nothing anywhere.
                foreach (var request in requests)
                {
                    streamed.Add(await ImportAsync(request with { DryRun = true }, cancellationToken).ConfigureAwait(false));
                }

                if (streamed.Any(r => r.Status != ImportStatus.Committed))
                {
                    return streamed;
                }

                streamed.Clear();
            }

            foreach (var request in requests)
            {
                streamed.Add(await ImportAsync(request, cancellationToken).ConfigureAwait(false));
            }

            return streamed;
        }

        var read = bodies.Select(b => b!).ToArray();
        if (!recordRefused && read.Any(b => b.Status != ImportStatus.Committed))
        {
            return [.. read.Select(b => b.Unrecorded())];
        }

        ImportResult[] results;
        try
        {
            var (actor, origin) = audit.Actor;
            results = await Group.SubmitAsync(new Submission(read, actor, origin)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            var failed = Message.Of(StorageCodes.ImportFailed, ("detail", e.Message));
            results = [.. read.Select(b => (b with { Status = ImportStatus.Failed, Message = failed, Facts = [] }).Unrecorded())];
        }

        foreach (var result in results)
        {
            Log.Imported(logger, result.Kind, result.Source, result.Status, result.RowsRead, result.Added, result.Updated, result.Unchanged, result.Rejected, result.BatchId);
        }

        if (results.FirstOrDefault(r => r.Added + r.Updated > 0) is { } changed)
        {
            Notice(changed);
        }

        return results;
    }

    /// <summary>
    /// Queues the small bodies of one request (<c>?queue=true</c>): each is read and validated on the caller's thread as
    /// <see cref="ImportTogetherAsync"/> does, then appended, raw, to the ingest queue (<see cref="IngestQueue"/>), and the
    /// call returns once the append is durable: one short sequential write shared with the other requests that arrive
    /// meanwhile. The merger (<see cref="MergeQueuedAsync"/>) writes queued bodies into the store as ordinary batches,
    /// one per body, usually within seconds; until then reports do not count them. When any body has an invalid row,
    /// nothing is queued or recorded and every result says why (<see cref="QueueAnswer.Refused"/>). A dry run, skip-invalid,
    /// or a body over <see cref="GroupCommitMaxRows"/> rows, is imported at once instead (<see cref="QueueAnswer.Done"/>),
    /// as <see cref="ImportTogetherAsync"/> with <paramref name="recordRefused"/> imports it.
    /// </summary>
    public async Task<QueueAnswer> QueueAsync(IReadOnlyList<ImportRequest> requests, bool recordRefused, CancellationToken cancellationToken)
    {
        guard.Require(Permission.Import);
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Any(r => r.DryRun || r.SkipInvalid || r.RejectedPath is not null))
        {
            return new QueueAnswer(await ImportTogetherAsync(requests, recordRefused, cancellationToken).ConfigureAwait(false), [], []);
        }

        var prepared = new List<ImportRequest>(requests.Count);
        foreach (var request in requests)
        {
            prepared.Add(await PrepareAsync(request, cancellationToken).ConfigureAwait(false));
        }

        var bodies = prepared.Select(r => FactImporter.Read(r, GroupCommitMaxRows)).ToArray();
        if (bodies.Any(b => b is null))
        {
            return new QueueAnswer(await ImportTogetherAsync(requests, recordRefused, cancellationToken).ConfigureAwait(false), [], []);
        }

        if (bodies.Any(b => b!.Status != ImportStatus.Committed))
        {
            return new QueueAnswer([], [], [.. bodies.Select(b => b!.Unrecorded())]);
        }

        var (actor, origin) = audit.Actor;
        var queued = new List<QueuedBody>(prepared.Count);
        for (var i = 0; i < prepared.Count; i++)
        {
            using var raw = prepared[i].Open();
            using var copy = new MemoryStream();
            await raw.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            var context = prepared[i].Context;
            queued.Add(new QueuedBody(prepared[i].Kind.Name, prepared[i].Format.ToString(), context.TimeZone.Id, context.TruncateIps, actor, origin.Door, origin.Address,
                bodies[i]!.Read, copy.ToArray()));
        }

        await CountQueuedOnceAsync(cancellationToken).ConfigureAwait(false);
        while (Interlocked.Read(ref _queuedRows) > MaxQueuedRows)
        {
            Task room;
            lock (_noticeLock)
            {
                room = _room.Task;
            }

            await room.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        long[] ids;
        try
        {
            ids = await queue.AppendAsync(queued).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or ObjectDisposedException)
        {
            // The queue's file cannot be written (disk full, removed): the request fails as a store failure does, nothing queued.
            var failed = Message.Of(StorageCodes.ImportFailed, ("detail", e.Message));
            return new QueueAnswer([.. bodies.Select(b => (b! with { Status = ImportStatus.Failed, Message = failed, Facts = [] }).Unrecorded())], [], []);
        }

        Interlocked.Add(ref _queuedRows, queued.Sum(q => q.Rows));
        return new QueueAnswer([], [.. queued.Select((q, i) => new QueuedImport(ids[i], q.Kind, q.Rows))], []);
    }

    /// <summary>What waits in the ingest queue, and what the merger last did.</summary>
    public async Task<QueueStatus> QueueStatusAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.Import);
        var depth = await queue.DepthAsync(cancellationToken).ConfigureAwait(false);
        lock (_noticeLock)
        {
            return new QueueStatus(depth.Items, depth.Rows, depth.Oldest, _merged, _lastMerge, _lastMergeError);
        }
    }

    /// <summary>
    /// The merger's step (the server's <see cref="IngestMerger"/> runs it): takes the oldest queued bodies, up to
    /// <see cref="GroupCommitMaxWeight"/> rows, reads each again in the zone it was validated in, writes them through the
    /// group commit (one batch per body, source <c>queue #id</c>, the sender's audit entry), then removes them from the
    /// queue. A crash between the store's commit and the removal merges those bodies again: their rows are held, so
    /// nothing is added twice, and a second batch records them as unchanged. Returns the bodies merged (0: none waited).
    /// </summary>
    internal async Task<int> MergeQueuedAsync(CancellationToken cancellationToken)
    {
        await CountQueuedOnceAsync(cancellationToken).ConfigureAwait(false);
        var items = await queue.TakeAsync(GroupCommitMaxWeight, cancellationToken).ConfigureAwait(false);
        if (items.Count == 0)
        {
            return 0;
        }

        var annotator = items.Any(i => ReferenceEquals(DataKinds.Find(i.Body.Kind), DataKinds.Mentions))
            ? await mentions.AnnotatorAsync(cancellationToken).ConfigureAwait(false)
            : null;
        var submissions = items.Select(item =>
        {
            var body = item.Body;
            FileFormat.TryFromFileName("body." + body.Format, out var format);
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(body.Zone, out var found) ? found : TimeZoneInfo.Utc;
            var request = new ImportRequest(DataKinds.Find(body.Kind)!, "queue #" + item.Id.ToString(CultureInfo.InvariantCulture), format, () => new MemoryStream(body.Body))
            {
                Context = new ParseContext(zone, annotator, body.TruncateIps),
                RenderReason = (code, args) => Messages.Text(code, args),
            };
            return new Submission([FactImporter.Read(request, int.MaxValue)!], body.Actor, new WriteOrigin(body.Door, body.Address));
        }).ToList();
        var results = (await Task.WhenAll(submissions.Select(Group.SubmitAsync)).ConfigureAwait(false)).SelectMany(r => r).ToList();
        await queue.RemoveThroughAsync(items[^1].Id, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _queuedRows, -items.Sum(i => i.Body.Rows));
        lock (_noticeLock)
        {
            _room.TrySetResult();
            _room = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _merged += items.Count;
            _lastMerge = time.GetUtcNow();
            _lastMergeError = null;
        }

        Log.Merged(logger, items.Count, results.Sum(r => r.RowsRead), results.Sum(r => r.Added), results.Sum(r => r.Unchanged), items[0].Id, items[^1].Id);
        if (results.FirstOrDefault(r => r.Added + r.Updated > 0) is { } changed)
        {
            Notice(changed);
        }

        return items.Count;
    }

    /// <summary>Counts the rows the queue held when this process first used it (bodies left by a stop), once.</summary>
    private Task CountQueuedOnceAsync(CancellationToken cancellationToken) =>
        LazyInitializer.EnsureInitialized(ref _counted, () => Task.Run(
            async () => Interlocked.Add(ref _queuedRows, (await queue.DepthAsync(CancellationToken.None).ConfigureAwait(false)).Rows), CancellationToken.None))
            .WaitAsync(cancellationToken);

    /// <summary>Records why the last merge failed (the merger retries; <see cref="QueueStatusAsync"/> shows it).</summary>
    internal void MergeFailed(Exception e)
    {
        lock (_noticeLock)
        {
            _lastMergeError = e.Message;
        }

        Log.MergeFailed(logger, e);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_group is not null)
        {
            await _group.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The request as the pipeline reads it: dates in the workspace zone, mentions annotated, reasons in words.</summary>
    private async Task<ImportRequest> PrepareAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        var workspace = (await settings.GetAsync(cancellationToken).ConfigureAwait(false))?.Value ?? WorkspaceSettings.Default;
        var annotator = ReferenceEquals(request.Kind, DataKinds.Mentions) ? await mentions.AnnotatorAsync(cancellationToken).ConfigureAwait(false) : null;
        return request with
        {
            Context = new ParseContext(workspace.Zone, annotator, workspace.TruncateClickIps),
            RenderReason = request.RenderReason ?? ((code, args) => Messages.Text(code, args)),
        };
    }

    /// <summary>Tells the observers of <paramref name="result"/> in the background: one run at a time, then a gap, then the latest news.</summary>
    private void Notice(ImportResult result)
    {
        lock (_noticeLock)
        {
            _pendingNotice = result;
            _noticing ??= Task.Run(NoticeLoopAsync);
        }
    }

    private async Task NoticeLoopAsync()
    {
        while (true)
        {
            ImportResult next;
            lock (_noticeLock)
            {
                if (_pendingNotice is null)
                {
                    _noticing = null;
                    return;
                }

                next = _pendingNotice;
                _pendingNotice = null;
            }

            await NotifyAsync(next, CancellationToken.None).ConfigureAwait(false);
            await Task.Delay(ObserverGap, time).ConfigureAwait(false);
        }
    }

    private async Task NotifyAsync(ImportResult result, CancellationToken cancellationToken)
    {
        foreach (var observer in observers)
        {
            try
            {
                await observer.ImportedAsync(result, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.ObserverFailed(logger, observer.GetType().Name, result.BatchId, e);
            }
        }
    }
    /// <summary>
    /// Imports one file or body: committed whole, or rejected or failed with nothing written. Dates without a time are
    /// midnight in the workspace zone; the rejected-rows file (with skip-invalid) gives each reason in words. Mentions are
    /// read (language, sentiment, watch-list terms) with the shipped models and the workspace's current watch list. Click
    /// IPs are truncated when the workspace says so (<see cref="WorkspaceSettings.TruncateClickIps"/>).
    /// </summary>
    public async Task<ImportResult> ImportAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        guard.Require(Permission.Import);
        ArgumentNullException.ThrowIfNull(request);
        var result = await new FactImporter(sink).ImportAsync(await PrepareAsync(request, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        Log.Imported(logger, result.Kind, result.Source, result.Status, result.RowsRead, result.Added, result.Updated, result.Unchanged, result.Rejected, result.BatchId);
        await audit.RecordImportAsync(result, cancellationToken).ConfigureAwait(false);
        if (result.Added + result.Updated > 0)
        {
            await NotifyAsync(result, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Per kind: rows held, first and last date in the workspace zone, last import (a figure: DataVersionCache.FigureAsync).</summary>
    public async Task<SourcesReport> SourcesAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        return await cache.FigureAsync("sources", zone, () => catalog.SourcesAsync(zone, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rows per kind and month (a figure: DataVersionCache.FigureAsync).</summary>
    public Task<IReadOnlyList<MonthRows>> MonthlyRowsAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return cache.FigureAsync("monthly rows", TimeZoneInfo.Utc, () => catalog.MonthlyRowsAsync(cancellationToken), cancellationToken);
    }

    /// <summary>The most recent imports, newest first.</summary>
    public Task<IReadOnlyList<BatchInfo>> BatchesAsync(int limit, string? kind, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return catalog.BatchesAsync(Math.Clamp(limit, 1, 10_000), kind, cancellationToken);
    }

    /// <summary>One import, or not found (<see cref="ApiCodes.BatchNotFound"/>).</summary>
    public async Task<Outcome<BatchInfo>> BatchAsync(long id, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return Outcome<BatchInfo>.Found(await catalog.BatchAsync(id, cancellationToken).ConfigureAwait(false), ApiCodes.BatchNotFound, MessageArgs.Of(("id", id)));
    }

    /// <summary>The bodies of one request and who sent them, for the audit log.</summary>
    private sealed record Submission(FactImporter.ReadBody[] Bodies, string Actor, WriteOrigin Origin);

    private static partial class Log
    {
        [LoggerMessage(EventId = 103, Level = LogLevel.Information,
            Message = "Merged {Bodies} queued bodies ({First} to {Last}): {Read} rows read, {Added} added, {Unchanged} unchanged")]
        public static partial void Merged(ILogger logger, int bodies, long read, long added, long unchanged, long first, long last);

        [LoggerMessage(EventId = 104, Level = LogLevel.Error, Message = "Merging the ingest queue failed; the bodies stay queued and the merge is tried again")]
        public static partial void MergeFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "The audit entries of import batches {Batches} could not be written; the imports stand")]
        public static partial void AuditFailed(ILogger logger, string batches, Exception exception);

        [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "{Observer} failed after import batch {Batch}; the import stands")]
        public static partial void ObserverFailed(ILogger logger, string observer, long batch, Exception exception);

        [LoggerMessage(EventId = 100, Level = LogLevel.Information,
            Message = "Import of {Kind} from {Source}: {Status}, {Read} read, {Added} added, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected (batch {Batch})")]
        public static partial void Imported(
            ILogger logger, string kind, string source, ImportStatus status, long read, long added, long updated, long unchanged, long rejected, long batch);
    }
}
