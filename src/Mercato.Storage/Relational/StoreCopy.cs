using Dapper;
using Mercato.Storage.Facts;

namespace Mercato.Storage.Relational;

/// <summary>How far a copy has come: the table being copied and its rows so far.</summary>
/// <param name="Table">The table.</param>
/// <param name="Rows">Rows of it copied so far.</param>
/// <param name="Total">Rows it holds in the source.</param>
public readonly record struct CopyProgress(string Table, long Rows, long Total);

/// <summary>What a copy did: rows per table, in copy order.</summary>
/// <param name="Tables">Rows copied per table.</param>
public sealed record CopyResult(IReadOnlyList<(string Table, long Rows)> Tables);

/// <summary>
/// Copies a whole workspace from one relational store into an empty one (<c>mercato store copy</c>): the channel catalog,
/// the import history with its errors, every fact with its batch, the demo's ground truth, every document with its
/// version and the audit log, row for row and id for id. The target is written in one transaction: a copy that fails leaves it empty.
/// </summary>
public static class StoreCopy
{
    /// <summary>The tables in copy order (referenced before referencing) and their columns, as both providers name them.</summary>
    public static IReadOnlyList<(string Table, IReadOnlyList<string> Columns)> Tables { get; } =
    [
        ("channels", ["id", "name", "grp", "created_at"]),
        ("import_batches",
        [
            "id", "kind", "source", "format", "started_at", "finished_at", "status", "is_demo", "pid", "rows_read", "rows_added",
            "rows_updated", "rows_unchanged", "rows_rejected", "first_ts", "last_ts", "message", "warnings", "errors",
        ]),
        .. FactTables.All.Select(t => (t.Table, (IReadOnlyList<string>)["key", .. t.Columns, "batch_id"])),
        ("demo_ground_truth", ["id", "seed", "scale", "created_at", "truth"]),
        ("documents", ["collection", "id", "version", "document", "saved_at", "saved_by"]),
        ("audit_log", ["id", "at", "actor", "door", "address", "action", "collection", "target", "before", "after"]),
    ];

    /// <summary>Whether <paramref name="store"/> holds nothing at all: no channel, batch, fact or document.</summary>
    public static async Task<bool> IsEmptyAsync(RelationalStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (table, _) in Tables)
        {
            if (await RelationalFactCatalog.HoldsAsync(connection, null, table, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Copies everything of <paramref name="source"/> into <paramref name="target"/>, which must be empty.</summary>
    /// <exception cref="StoreUnavailableException"><see cref="StoreCodes.TargetNotEmpty"/>: the target holds data.</exception>
    public static async Task<CopyResult> CopyAsync(
        RelationalStore source, RelationalStore target, IProgress<CopyProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (!await IsEmptyAsync(target, cancellationToken).ConfigureAwait(false))
        {
            throw new StoreUnavailableException(StoreCodes.TargetNotEmpty, target.Location, "the target holds data: copy into an empty store");
        }

        await using var from = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var snapshot = await source.BeginSnapshotAsync(from, cancellationToken).ConfigureAwait(false);
        await using var to = await target.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var write = await to.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var copied = new List<(string, long)>();
        foreach (var (table, columns) in Tables)
        {
            var total = await from.ExecuteScalarAsync<long>(new CommandDefinition(
                $"SELECT COUNT(*) FROM {table}", transaction: snapshot, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await using var command = from.CreateCommand();
            command.Transaction = snapshot;
            command.CommandText = $"SELECT {string.Join(", ", columns)} FROM {table}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = await target.WriteRowsAsync(to, write, table, columns, reader,
                n => progress?.Report(new CopyProgress(table, n, total)), cancellationToken).ConfigureAwait(false);
            progress?.Report(new CopyProgress(table, rows, total));
            copied.Add((table, rows));
        }

        await target.AfterCopyAsync(to, write, cancellationToken).ConfigureAwait(false);
        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        await snapshot.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new CopyResult(copied);
    }
}
