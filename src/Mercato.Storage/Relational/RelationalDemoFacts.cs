using System.Data.Common;
using Dapper;
using Mercato.Core.DataCenter;
using Mercato.Storage.Facts;

namespace Mercato.Storage.Relational;

/// <summary>
/// The demo company's facts: rows of batches marked as demo, and the ground truth kept beside them. Removing them deletes
/// the rows, the batches, the truth and the channels no other row uses, in one transaction.
/// </summary>
internal sealed class RelationalDemoFacts(RelationalStore store) : IDemoFacts
{
    public async Task<bool> IsLoadedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM import_batches WHERE is_demo = 1 AND status = 'committed'", cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
    }

    public async Task<string?> GroundTruthJsonAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT truth FROM demo_ground_truth WHERE id = 1", cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<long> RemoveAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var removed = await RemoveAsync(connection, transaction, store.Dialect, [], cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }

    /// <summary>
    /// Removes the demo's rows, batches, truth and unused channels inside the caller's transaction, except the batches
    /// <paramref name="keep"/> (those of a demo load that replaces the earlier one).
    /// </summary>
    internal static async Task<long> RemoveAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, IReadOnlyList<long> keep, CancellationToken cancellationToken)
    {
        var demo = new { keep = keep.Count == 0 ? [-1L] : keep.ToArray() };
        long removed = 0;
        foreach (var table in FactTables.All)
        {
            removed += await connection.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM {table.Table} WHERE batch_id IN (SELECT id FROM import_batches WHERE is_demo = 1 AND {dialect.NotIn("id", "@keep")})", demo, transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM import_batches WHERE is_demo = 1 AND {dialect.NotIn("id", "@keep")}", demo, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var sql in new[]
                 {
                     "DELETE FROM demo_ground_truth",
                     """
                     DELETE FROM channels WHERE id NOT IN (SELECT channel_id FROM spend UNION SELECT channel_id FROM touchpoints
                                                           UNION SELECT channel_id FROM costs WHERE channel_id IS NOT NULL
                                                           UNION SELECT channel_id FROM clicks)
                     """,
                 })
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return removed;
    }
}
