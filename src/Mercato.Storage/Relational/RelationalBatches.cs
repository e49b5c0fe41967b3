using System.Data.Common;
using System.Text.Json;
using Dapper;
using Mercato.Core.DataCenter;
using Mercato.Storage.Import;

namespace Mercato.Storage.Relational;

/// <summary>
/// The import history in <c>import_batches</c>: a batch is recorded as running (committed at once, with the importing
/// process's id) before its rows are written, and completed in the transaction that commits them, or afterwards when they
/// were rolled back. A running batch whose process is gone was interrupted; its rows were never committed.
/// </summary>
internal static class RelationalBatches
{
    /// <summary>The note on a batch whose process ended before the import finished, as stored.</summary>
    public static string InterruptedMessage { get; } = JsonSerializer.Serialize(new Message(StorageCodes.ImportInterrupted));

    /// <summary>Records a running batch; with <paramref name="id"/>, under that id (a provider that reserves ids first).</summary>
    public static async Task<long> InsertRunningAsync(
        DbConnection connection, DbTransaction? transaction, BatchStart start, string now, long? id, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            id is null
                ? """
                  INSERT INTO import_batches (kind, source, format, started_at, status, is_demo, pid)
                  VALUES (@kind, @source, @format, @now, 'running', @demo, @pid) RETURNING id
                  """
                : """
                  INSERT INTO import_batches (id, kind, source, format, started_at, status, is_demo, pid)
                  VALUES (@id, @kind, @source, @format, @now, 'running', @demo, @pid) RETURNING id
                  """,
            new
            {
                id,
                kind = start.Kind.Name,
                source = start.Source,
                format = start.Format,
                now,
                demo = start.IsDemo ? 1L : 0L,
                pid = (long)Environment.ProcessId,
            },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);

    /// <summary>Records how a batch ended, with the instants its changed rows span.</summary>
    public static Task CompleteAsync(
        DbConnection connection, DbTransaction? transaction, long id, BatchEnd end, WriteCounts? counts, string now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE import_batches SET status = @status, finished_at = @now, rows_read = @read, rows_added = @added,
                rows_updated = @updated, rows_unchanged = @unchanged, rows_rejected = @rejected, first_ts = @first,
                last_ts = @last, message = @message, warnings = @warnings, errors = @errors
            WHERE id = @id
            """,
            new
            {
                id,
                status = BatchStatus.Word(end.Status),
                now,
                read = end.Read,
                added = end.Added,
                updated = end.Updated,
                unchanged = end.Unchanged,
                rejected = end.Rejected,
                first = counts?.FirstDatedAt,
                last = counts?.LastDatedAt,
                message = end.Message is null ? null : JsonSerializer.Serialize(end.Message),
                warnings = end.Warnings.Count == 0 ? null : JsonSerializer.Serialize(end.Warnings),
                errors = end.Errors.Count == 0 ? null : JsonSerializer.Serialize(end.Errors),
            },
            transaction, cancellationToken: cancellationToken));

    /// <summary>The running batches: id and the process that started them.</summary>
    public static async Task<IReadOnlyList<(long Id, long? Pid)>> RunningAsync(DbConnection connection, CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<(long Id, long? Pid)>(new CommandDefinition(
            "SELECT id, pid FROM import_batches WHERE status = 'running'", cancellationToken: cancellationToken)).ConfigureAwait(false)];

    /// <summary>Marks a running batch interrupted.</summary>
    public static Task MarkInterruptedAsync(DbConnection connection, long id, string now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE import_batches SET status = 'interrupted', finished_at = @now, message = @m WHERE id = @id AND status = 'running'",
            new { id, now, m = InterruptedMessage }, cancellationToken: cancellationToken));

    /// <summary>Keeps the demo's ground truth (one row).</summary>
    public static Task SaveGroundTruthAsync(DbConnection connection, DbTransaction transaction, string json, string now, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO demo_ground_truth (id, seed, scale, created_at, truth) VALUES (1, @seed, @scale, @now, @truth)",
            new
            {
                seed = root.TryGetProperty("seed", out var seed) ? seed.GetInt64() : 0L,
                scale = root.TryGetProperty("scale", out var scale) ? scale.ToString() : "",
                now,
                truth = json,
            },
            transaction, cancellationToken: cancellationToken));
    }
}
