using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using Mercato.Core.DataCenter;

namespace Mercato.Storage.Import;

/// <summary>
/// The import pipeline: parse → validate → deduplicate → commit, one file per transaction of the fact store
/// (<see cref="IFactSink"/>). Rows stream through; nothing but the first <see cref="ImportResult.MaxErrorsKept"/> errors is
/// held in memory. A file with an invalid row commits nothing (unless skip-invalid); a killed process commits nothing of
/// the file it was importing, because the session commits only after the last row.
/// </summary>
public sealed class FactImporter(IFactSink sink)
{
    /// <summary>A session of bodies holding at most this many rows in all is small (<see cref="FactSessionOptions.Small"/>).</summary>
    public const int SmallSessionRows = 50_000;

    /// <summary>
    /// Test hook: when set to N, the importer stops after writing N rows of a file, prints a line to stderr and waits
    /// forever, so that a test can kill the process in the middle of an import.
    /// </summary>
    public const string PauseAfterRowsVariable = "MERCATO_TEST_PAUSE_AFTER_ROWS";

    private const int ProgressEvery = 1 << 16;

    /// <summary>Imports one file or body.</summary>
    public async Task<ImportResult> ImportAsync(ImportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var start = new BatchStart(request.Kind, request.Source, request.Format.ToString(), request.IsDemo);
        var session = await sink.BeginAsync([start], new FactSessionOptions(DryRun: request.DryRun), cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            var batchId = session.BatchIds[0];
            try
            {
                return await RunAsync(request, session, batchId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsInputFailure(ex))
            {
                var (status, counts, errors, message) = Failure(request, ex);
                return await FinishAsync(request, session, batchId, status, counts, errors, [], message).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The failures an import reports as its own (bad input, I/O, the store refusing), rather than as a bug.</summary>
    private static bool IsInputFailure(Exception ex) =>
        ex is InvalidUtf8Exception or IOException or DecoderFallbackException or InvalidDataException or OperationCanceledException
            or CsvFormatException or UnauthorizedAccessException or System.Data.Common.DbException;

    /// <summary>How a failure ends the batch: rejected (the input is not what it claims) or failed, and why.</summary>
    private static (ImportStatus Status, Counts Counts, List<RowError> Errors, Message Message) Failure(ImportRequest request, Exception ex)
    {
        if (ex is InvalidUtf8Exception invalid)
        {
            var error = new RowError(request.Source, invalid.Line, "(row)", null, StorageCodes.InvalidUtf8, MessageArgs.Of(("offset", invalid.Offset)));
            return (ImportStatus.Rejected, new Counts { Rejected = 1 }, [error], new Message(StorageCodes.NotUtf8));
        }

        var message = ex switch
        {
            DecoderFallbackException => new Message(StorageCodes.NotUtf8),
            InvalidDataException => Message.Of(StorageCodes.NotGzip, ("detail", ex.Message)),
            OperationCanceledException => new Message(StorageCodes.ImportCancelled),
            _ => Message.Of(StorageCodes.ImportFailed, ("detail", ex.Message)),
        };
        var status = ex is DecoderFallbackException or InvalidDataException or CsvFormatException
            ? ImportStatus.Rejected
            : ImportStatus.Failed;
        return (status, new Counts(), [], message);
    }

    /// <summary>
    /// Reads and validates a whole small body into memory, without the store: the first step of the group commit
    /// (<see cref="CommitAsync(IFactSink, IReadOnlyList{ReadBody}, CancellationToken)"/>), run on the request's own thread
    /// so that many requests parse at once. Null when the body holds more than <paramref name="maxRows"/> rows: it goes
    /// the streaming way (<see cref="ImportAsync"/>). Skip-invalid is honoured; a rejected-rows file and a dry run are not
    /// (those go the streaming way).
    /// </summary>
    public static ReadBody? Read(ImportRequest request, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(request);
        var counts = new Counts();
        var errors = new List<RowError>();
        var warnings = new List<Message>();
        try
        {
            using var raw = request.Open();
            using var counting = new PassThroughStream(raw);
            using Stream text = request.Format.Gzip ? new GZipStream(counting, CompressionMode.Decompress) : counting;
            using var reader = RowReaders.Open(text, request.Format.Format, request.Kind);
            if (reader.HeaderErrors.Count > 0)
            {
                return new ReadBody(request, [], ImportStatus.Rejected, 0, 0, [.. reader.HeaderErrors.Select(e => RowError.Of(request.Source, 1, e))], [],
                    new Message(StorageCodes.HeaderInvalid));
            }

            // Unbounded: the parser runs on this thread and hands every chunk on before the body ends.
            using var chunks = new BlockingCollection<IFact[]>();
            Parse(request, reader, counting, null, errors, counts, chunks, CancellationToken.None, maxRows);
            if (counts.Read > maxRows)
            {
                return null;
            }

            if (reader.UnknownColumns.Count > 0)
            {
                warnings.Add(Message.Of(StorageCodes.IgnoredColumns, ("columns", reader.UnknownColumns.Order(StringComparer.Ordinal))));
            }

            var facts = chunks.SelectMany(c => c).ToList();
            return counts.Rejected > 0 && !request.SkipInvalid
                ? new ReadBody(request, [], ImportStatus.Rejected, counts.Read, counts.Rejected, errors, warnings, Message.Of(StorageCodes.RowsInvalid, ("count", counts.Rejected)))
                : new ReadBody(request, facts, ImportStatus.Committed, counts.Read, counts.Rejected, errors, warnings, null);
        }
        catch (Exception ex) when (IsInputFailure(ex))
        {
            var (status, failed, failedErrors, message) = Failure(request, ex);
            return new ReadBody(request, [], status, failed.Read, failed.Rejected, failedErrors, [], message);
        }
    }

    /// <summary>
    /// Writes read bodies in one write session, one batch each, in their order, and commits once: every body that was
    /// valid is committed, with its own counts (a later body's row of an identity an earlier body wrote counts as held);
    /// a rejected or failed body records its batch as such and writes nothing. Nothing is committed when the store
    /// fails; the batches are then recorded as failed and the exception surfaces (the group commit retries each alone).
    /// On a sink that holds one batch per kind (<see cref="IFactSink.OneBatchPerKind"/>: ClickHouse) bodies of one kind go
    /// in successive sessions, one of each kind per session; a failure then leaves the sessions before it committed, and
    /// the retry of their bodies adds nothing (their rows are held).
    /// </summary>
    public static async Task<IReadOnlyList<ImportResult>> CommitAsync(IFactSink sink, IReadOnlyList<ReadBody> bodies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(bodies);
        if (sink.OneBatchPerKind && bodies.DistinctBy(b => b.Request.Kind).Count() < bodies.Count)
        {
            // Rounds of one body per kind, each its own session, in arrival order within a kind.
            var results = new ImportResult[bodies.Count];
            var rounds = bodies.Select((body, index) => (body, index))
                .GroupBy(b => b.body.Request.Kind)
                .SelectMany(kind => kind.Select((b, round) => (b.body, b.index, round)))
                .GroupBy(b => b.round)
                .OrderBy(r => r.Key);
            foreach (var round in rounds)
            {
                var members = round.ToList();
                var done = await CommitAsync(sink, [.. members.Select(m => m.body)], cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < members.Count; i++)
                {
                    results[members[i].index] = done[i];
                }
            }

            return results;
        }

        var starts = bodies.Select(b => new BatchStart(b.Request.Kind, b.Request.Source, b.Request.Format.ToString(), b.Request.IsDemo)).ToList();
        // A group commit of a few requests is small; a merge of the ingest queue writes as much as a file import.
        var small = bodies.Sum(b => (long)b.Facts.Count) <= SmallSessionRows;
        var session = await sink.BeginAsync(starts, new FactSessionOptions(Small: small), cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            try
            {
                for (var i = 0; i < bodies.Count; i++)
                {
                    foreach (var fact in bodies[i].Facts)
                    {
                        session.Write(i, fact);
                    }
                }

                var done = await session.FlushAsync(cancellationToken).ConfigureAwait(false);
                var ends = bodies.Select((b, i) => b.Status == ImportStatus.Committed
                        ? new BatchEnd(b.Status, b.Read, done[i].Added, done[i].Updated, done[i].Unchanged, b.Rejected, null, b.Warnings, b.Errors)
                        : new BatchEnd(b.Status, b.Read, 0, 0, 0, b.Rejected, b.Message, b.Warnings, b.Errors))
                    .ToList();
                await session.CommitAsync(ends, null, cancellationToken).ConfigureAwait(false);
                return [.. bodies.Select((b, i) => b.Result(session.BatchIds[i], ends[i]) with
                {
                    NewChannels = b.Status == ImportStatus.Committed ? [.. session.NewChannels] : [],
                })];
            }
            catch (Exception ex) when (IsInputFailure(ex))
            {
                var message = Message.Of(StorageCodes.ImportFailed, ("detail", ex.Message));
                await session.AbortAsync([.. bodies.Select(b => new BatchEnd(ImportStatus.Failed, b.Read, 0, 0, 0, b.Rejected, message, b.Warnings, b.Errors))],
                    CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }
    }

    private async Task<ImportResult> RunAsync(ImportRequest request, IFactWriteSession session, long batchId, CancellationToken cancellationToken)
    {
        var kind = request.Kind;
        using var raw = request.Open();
        using var counting = new PassThroughStream(raw);
        using Stream text = request.Format.Gzip ? new GZipStream(counting, CompressionMode.Decompress) : counting;
        using var reader = RowReaders.Open(text, request.Format.Format, kind);

        if (reader.HeaderErrors.Count > 0)
        {
            var headerErrors = reader.HeaderErrors.Select(e => RowError.Of(request.Source, 1, e)).ToList();
            return await FinishAsync(request, session, batchId, ImportStatus.Rejected, new Counts(), headerErrors, [],
                new Message(StorageCodes.HeaderInvalid)).ConfigureAwait(false);
        }

        using var rejected = request.SkipInvalid && !request.DryRun && request.RejectedPath is not null
            ? new RejectedRowWriter(request.RejectedPath, request.RenderReason)
            : null;
        cancellationToken.ThrowIfCancellationRequested();

        // Two stages on two threads: this one writes to the store while a second reads, parses and validates the next rows.
        var pauseAfter = PauseAfterRows();
        var errors = new List<RowError>();
        var counts = new Counts();
        long written = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var chunks = new BlockingCollection<IFact[]>(boundedCapacity: 8);
        var parsing = Task.Run(() => Parse(request, reader, counting, rejected, errors, counts, chunks, stop.Token), stop.Token);
        try
        {
            foreach (var chunk in chunks.GetConsumingEnumerable(stop.Token))
            {
                foreach (var fact in chunk)
                {
                    session.Write(fact);
                    if (pauseAfter is { } n && ++written == n)
                    {
                        Pause(n);
                    }
                }
            }
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            // Surface the parser's own failure (I/O, gzip, UTF-8) rather than the cancellation it caused.
            try
            {
                await parsing.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
            }
        }

        request.Progress?.Report(new ImportProgress(counting.BytesRead, counts.Read));
        var warnings = new List<Message>();
        if (reader.UnknownColumns.Count > 0)
        {
            warnings.Add(Message.Of(StorageCodes.IgnoredColumns, ("columns", reader.UnknownColumns.Order(StringComparer.Ordinal))));
        }

        if (counts.Rejected > 0 && !request.SkipInvalid)
        {
            return await FinishAsync(request, session, batchId, ImportStatus.Rejected, counts, errors, warnings,
                Message.Of(StorageCodes.RowsInvalid, ("count", counts.Rejected))).ConfigureAwait(false);
        }

        var done = (await session.FlushAsync(cancellationToken).ConfigureAwait(false))[0];
        counts.Added = done.Added;
        counts.Updated = done.Updated;
        counts.Unchanged = done.Unchanged;
        if (!request.DryRun)
        {
            await session.CommitAsync([End(ImportStatus.Committed, counts, errors, warnings, null)], null, cancellationToken).ConfigureAwait(false);
        }

        return Result(request, batchId, ImportStatus.Committed, counts, errors, warnings, null, session.NewChannels) with
        {
            RejectedFile = rejected?.Close(),
        };
    }

    /// <summary>
    /// The parsing stage: reads and validates every row, keeps the first errors, writes rejected rows, and hands valid
    /// facts on in chunks. After the first invalid row without skip-invalid it only validates (the file will be refused).
    /// </summary>
    private static void Parse(
        ImportRequest request, IRowReader reader, PassThroughStream counting, RejectedRowWriter? rejected, List<RowError> errors, Counts counts,
        BlockingCollection<IFact[]> chunks, CancellationToken cancellationToken, long maxRows = long.MaxValue)
    {
        const int ChunkSize = 2048;
        var kind = request.Kind;
        var context = request.Context;
        var values = new string?[kind.Fields.Count];
        var fieldErrors = new List<FieldError>();
        var chunk = new IFact[ChunkSize];
        var filled = 0;
        var writing = true;
        try
        {
            while (true)
            {
                fieldErrors.Clear();
                if (!reader.Read(values, out var line, fieldErrors))
                {
                    break;
                }

                if (++counts.Read > maxRows)
                {
                    break;
                }

                var fact = fieldErrors.Count == 0 ? kind.Parse(values, context, fieldErrors) : null;
                if (fact is null)
                {
                    counts.Rejected++;
                    var record = rejected is null ? null : reader.RawRecord();
                    foreach (var e in fieldErrors)
                    {
                        if (errors.Count < ImportResult.MaxErrorsKept)
                        {
                            errors.Add(RowError.Of(request.Source, line, e));
                        }

                        rejected?.Write(line, e, record!);
                    }

                    writing = request.SkipInvalid;
                }
                else if (writing)
                {
                    chunk[filled++] = fact;
                    if (filled == ChunkSize)
                    {
                        chunks.Add(chunk, cancellationToken);
                        chunk = new IFact[ChunkSize];
                        filled = 0;
                    }
                }

                if (counts.Read % ProgressEvery == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    request.Progress?.Report(new ImportProgress(counting.BytesRead, counts.Read));
                }
            }

            if (writing && filled > 0)
            {
                chunks.Add(chunk[..filled], cancellationToken);
            }
        }
        finally
        {
            chunks.CompleteAdding();
        }
    }

    /// <summary>Rolls the file's rows back and records how the batch ended (nothing in a dry run).</summary>
    private static async Task<ImportResult> FinishAsync(
        ImportRequest request, IFactWriteSession session, long batchId, ImportStatus status, Counts counts, List<RowError> errors,
        List<Message> warnings, Message message)
    {
        // Nothing of a refused or failed file is written, so it added, updated and kept nothing.
        counts = counts with { Added = 0, Updated = 0, Unchanged = 0 };
        if (!request.DryRun)
        {
            await session.AbortAsync([End(status, counts, errors, warnings, message)], CancellationToken.None).ConfigureAwait(false);
        }

        return Result(request, batchId, status, counts, errors, warnings, message, []);
    }

    private static BatchEnd End(ImportStatus status, Counts counts, List<RowError> errors, List<Message> warnings, Message? message) =>
        new(status, counts.Read, counts.Added, counts.Updated, counts.Unchanged, counts.Rejected, message, warnings, errors);

    private static ImportResult Result(
        ImportRequest request, long batchId, ImportStatus status, Counts counts, List<RowError> errors, List<Message> warnings,
        Message? message, IReadOnlyList<string> newChannels) =>
        new(batchId, request.Kind.Name, request.Source, status, counts.Read, counts.Added, counts.Updated, counts.Unchanged,
            counts.Rejected, errors, warnings, message)
        {
            NewChannels = newChannels.ToList(),
        };

    private static long? PauseAfterRows() =>
        long.TryParse(Environment.GetEnvironmentVariable(PauseAfterRowsVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;

    private static void Pause(long rows)
    {
        Console.Error.WriteLine(FormattableString.Invariant($"mercato-test: paused after {rows} rows"));
        Console.Error.Flush();
        Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>A body read and validated in memory (<see cref="Read"/>), waiting for its commit.</summary>
    /// <param name="Request">What was read.</param>
    /// <param name="Facts">The valid rows, in the body's order (none unless <paramref name="Status"/> is committed).</param>
    /// <param name="Status">Committed when it may be written; rejected or failed (with <paramref name="Message"/>) when not.</param>
    /// <param name="Read">Rows read.</param>
    /// <param name="Rejected">Rows refused.</param>
    /// <param name="Errors">The first refused values.</param>
    /// <param name="Warnings">What the import ignored.</param>
    /// <param name="Message">Why it was rejected or failed.</param>
    public sealed record ReadBody(
        ImportRequest Request, IReadOnlyList<IFact> Facts, ImportStatus Status, long Read, long Rejected, IReadOnlyList<RowError> Errors,
        IReadOnlyList<Message> Warnings, Message? Message)
    {
        /// <summary>The result of a body that was never written (no batch recorded): refused, or a dry run's answer.</summary>
        public ImportResult Unrecorded() => Result(0, new BatchEnd(Status, Read, 0, 0, 0, Rejected, Message, Warnings, Errors));

        internal ImportResult Result(long batchId, BatchEnd end) =>
            new(batchId, Request.Kind.Name, Request.Source, end.Status, end.Read, end.Added, end.Updated, end.Unchanged, end.Rejected,
                [.. end.Errors], [.. end.Warnings], end.Message);
    }

    private sealed record Counts
    {
        public long Read { get; set; }

        public long Added { get; set; }

        public long Updated { get; set; }

        public long Unchanged { get; set; }

        public long Rejected { get; set; }
    }

    /// <summary>Writes rejected rows as CSV: line, column, value, reason (rendered by the host, else the code), and the raw record.</summary>
    private sealed class RejectedRowWriter : IDisposable
    {
        private readonly Func<string, MessageArgs, string>? _render;
        private StreamWriter? _writer;

        public RejectedRowWriter(string path, Func<string, MessageArgs, string>? render)
        {
            Path = path;
            _render = render;
        }

        public string Path { get; }

        public void Write(long line, FieldError error, string rawRecord)
        {
            if (_writer is null)
            {
                _writer = new StreamWriter(Path, append: false, new UTF8Encoding(false));
                _writer.WriteLine("line,column,value,reason,record");
            }

            _writer.Write(line.ToString(CultureInfo.InvariantCulture));
            var reason = _render?.Invoke(error.Code, error.Args) ?? error.Code;
            foreach (var cell in new[] { error.Column, error.Value ?? string.Empty, reason, rawRecord.TrimEnd('\r', '\n') })
            {
                _writer.Write(',');
                _writer.Write('"');
                _writer.Write(cell.Replace("\"", "\"\"", StringComparison.Ordinal));
                _writer.Write('"');
            }

            _writer.WriteLine();
        }

        /// <summary>Flushes the file and returns its path, or null when no row was rejected (no file was written).</summary>
        public string? Close()
        {
            _writer?.Dispose();
            return _writer is null ? null : Path;
        }

        public void Dispose() => _writer?.Dispose();
    }
}

/// <summary>Batch status words as stored.</summary>
public static class BatchStatus
{
    /// <summary><c>committed</c>, <c>rejected</c> or <c>failed</c>.</summary>
    public static string Word(ImportStatus status) => status switch
    {
        ImportStatus.Committed => "committed",
        ImportStatus.Rejected => "rejected",
        _ => "failed",
    };
}
