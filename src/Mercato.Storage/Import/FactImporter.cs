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
            catch (Exception ex) when (ex is InvalidUtf8Exception or IOException or DecoderFallbackException or InvalidDataException
                                           or OperationCanceledException or CsvFormatException or UnauthorizedAccessException
                                           or System.Data.Common.DbException)
            {
                var message = ex switch
                {
                    DecoderFallbackException => new Message(StorageCodes.NotUtf8),
                    InvalidDataException => Message.Of(StorageCodes.NotGzip, ("detail", ex.Message)),
                    OperationCanceledException => new Message(StorageCodes.ImportCancelled),
                    _ => Message.Of(StorageCodes.ImportFailed, ("detail", ex.Message)),
                };
                if (ex is InvalidUtf8Exception invalid)
                {
                    var error = new RowError(request.Source, invalid.Line, "(row)", null, StorageCodes.InvalidUtf8, MessageArgs.Of(("offset", invalid.Offset)));
                    return await FinishAsync(request, session, batchId, ImportStatus.Rejected, new Counts { Rejected = 1 }, [error], [],
                        new Message(StorageCodes.NotUtf8)).ConfigureAwait(false);
                }

                var status = ex is DecoderFallbackException or InvalidDataException or CsvFormatException
                    ? ImportStatus.Rejected
                    : ImportStatus.Failed;
                return await FinishAsync(request, session, batchId, status, new Counts(), [], [], message).ConfigureAwait(false);
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
        BlockingCollection<IFact[]> chunks, CancellationToken cancellationToken)
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

                counts.Read++;
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
