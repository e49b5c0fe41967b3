using Mercato.Core.DataCenter;
using Mercato.Storage.Facts;
using Mercato.Storage.Import;

namespace Mercato.Storage.ClickHouse;

/// <summary>
/// The demo company's facts in ClickHouse: rows of batches marked as demo, and the ground truth the demo's commit saved.
/// Removing them deletes the rows (every version written by a demo batch), the batches and the truth with
/// <c>ALTER TABLE ... DELETE</c> on every node, waits until ClickHouse has applied those mutations (18.16 has no
/// <c>mutations_sync</c>), then removes the channels no fact uses from the channel catalog. Not atomic: a reader during
/// the removal may see part of it.
/// </summary>
internal sealed class ClickHouseDemoFacts(ClickHouseFactStore store) : IDemoFacts
{
    /// <summary>The columns of a key's row that name a channel, per kind, as the relational removal looks for used channels.</summary>
    private static readonly (string Table, string Column)[] ChannelColumns =
        [("spend", "channel_id"), ("touchpoints", "channel_id"), ("costs", "channel_id"), ("clicks", "channel_id")];

    public async Task<bool> IsLoadedAsync(CancellationToken cancellationToken) =>
        (await DemoBatchesAsync(committedOnly: true, cancellationToken).ConfigureAwait(false)).Count > 0;

    public async Task<string?> GroundTruthJsonAsync(CancellationToken cancellationToken)
    {
        var rows = await store.Client.QueryAsync("SELECT truth FROM demo_ground_truth ORDER BY saved DESC LIMIT 1", cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0][0];
    }

    public async Task<long> RemoveAsync(CancellationToken cancellationToken)
    {
        var batches = await DemoBatchesAsync(committedOnly: false, cancellationToken).ConfigureAwait(false);
        long removed = 0;
        if (batches.Count > 0)
        {
            var ids = ClickHouseSql.List(batches);
            // Rows held, as the relational stores count them: keys whose last version a demo batch wrote.
            foreach (var table in FactTables.All)
            {
                foreach (var row in await store.AllNodesAsync(
                             $"SELECT count() FROM ({store.Latest(table.Table, "batch_id")}) WHERE s.1 IN ({ids})", cancellationToken).ConfigureAwait(false))
                {
                    removed += ClickHouseFactStore.Int(row[0]);
                }
            }

            foreach (var node in store.Client.Nodes)
            {
                foreach (var kind in ClickHouseSchema.Kinds)
                {
                    await store.Client.ExecuteAsync("ALTER TABLE " + store.Local(kind.Name) + " DELETE WHERE batch_id IN (" + ids + ")", cancellationToken, node).ConfigureAwait(false);
                }
            }

            await store.Client.ExecuteAsync("ALTER TABLE batches DELETE WHERE id IN (" + ids + ")", cancellationToken).ConfigureAwait(false);
        }

        await store.Client.ExecuteAsync("ALTER TABLE demo_ground_truth DELETE WHERE 1 = 1", cancellationToken).ConfigureAwait(false);
        await store.WaitForMutationsAsync(cancellationToken).ConfigureAwait(false);

        var used = new HashSet<long>();
        foreach (var (table, column) in ChannelColumns)
        {
            foreach (var row in await store.AllNodesAsync(
                         $"SELECT DISTINCT s.1 FROM ({store.Latest(table, column)}) WHERE isNotNull(s.1)", cancellationToken).ConfigureAwait(false))
            {
                used.Add(ClickHouseFactStore.Int(row[0]));
            }
        }

        await store.Channels.RemoveUnusedAsync(used, cancellationToken).ConfigureAwait(false);
        return removed;
    }

    /// <summary>The ids of the batches whose last row marks them as demo (committed ones only, or of any status).</summary>
    private async Task<IReadOnlyList<long>> DemoBatchesAsync(bool committedOnly, CancellationToken cancellationToken)
    {
        var rows = await store.Client.QueryAsync(
            "SELECT id FROM batches GROUP BY id HAVING argMax(is_demo, version) = 1"
            + (committedOnly ? " AND argMax(status, version) = " + ClickHouseSql.Literal(BatchStatus.Word(ImportStatus.Committed)) : ""), cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => ClickHouseFactStore.Int(r[0]))];
    }
}
