using System.Globalization;
using System.Text.Json;
using Mercato.Core.DataCenter;
using Mercato.Storage.Facts;
using Mercato.Storage.Import;

namespace Mercato.Storage.ClickHouse;

/// <summary>
/// Writes facts into ClickHouse, which has no transactions, through a staging table per batch
/// (<c>staging_&lt;batch&gt;</c>; on a cluster a Distributed one over <c>staging_&lt;batch&gt;_local</c> on each shard,
/// sharded as the fact table is, so a row and the stored row of its key are on the same shard):
/// <list type="number">
/// <item>Begin records each batch as running (version 1, with this machine's name and the process id) and creates its
/// staging table. Rows stream into it as they are written, each with its order in the session.</item>
/// <item>Flush counts, on each node, what every row does as the embedded store counts it row by row: a key's first row
/// is compared with the stored row (added when there is none, updated when a value differs, else unchanged), each later
/// row of the key with the row before it.</item>
/// <item>Commit records the batch as committing (version 2, with its counts and the commit's version stamp), moves the
/// last row of each key that is new or differs from the stored row into the fact table with that stamp as its version
/// (<c>INSERT INTO t SELECT ... FROM staging</c>), records the end (version 3) and drops the staging table. Unchanged rows
/// are not written again, so a re-import adds nothing.</item>
/// <item>Abort drops the staging tables and records the end.</item>
/// </list>
/// Opening the store after a crash (docs/clickhouse.md, "Crashes"): a staging table whose batch is still running and whose
/// process is gone is dropped and the batch marked interrupted; one whose batch was committing has its move done again
/// (the move is idempotent: the same rows with the same version) and its batch completed.
/// </summary>
internal sealed class ClickHouseFactSink(ClickHouseFactStore store) : IFactSink
{
    private const int Running = 1;
    private const int Committing = 2;
    private const int Ended = 3;

    /// <summary>A replaced demo batch's last row: status <see cref="RemovedStatus"/>, left out of the import history.</summary>
    private const int Removed = 4;

    /// <summary>The status of a demo batch a later demo replaced (the relational stores delete such batches).</summary>
    internal const string RemovedStatus = "removed";

    public bool OneBatchPerKind => true;

    public async Task<IFactWriteSession> BeginAsync(IReadOnlyList<BatchStart> batches, FactSessionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(options);
        // Rows are counted against the fact tables, not against another batch's staging: one batch per kind, refused
        // before anything is recorded.
        if (batches.Select(b => b.Kind).Distinct().Count() != batches.Count)
        {
            throw new NotSupportedException("a ClickHouse write session holds one batch per kind (no group commit of one kind's requests)");
        }

        var ids = new long[batches.Count];
        var staging = new long[batches.Count];
        for (var i = 0; i < batches.Count; i++)
        {
            staging[i] = store.NewStamp();
            if (!options.DryRun)
            {
                ids[i] = staging[i];
                await WriteBatchAsync(ids[i], Running, batches[i], store.Now(), null, null, null, 0, cancellationToken).ConfigureAwait(false);
            }
        }

        var demoBatches = options.ReplaceDemo ? await DemoBatchesAsync(cancellationToken).ConfigureAwait(false) : [];
        var channels = (await store.Channels.NamesAsync(cancellationToken).ConfigureAwait(false))
            .ToDictionary(c => c.Value, c => c.Key, StringComparer.OrdinalIgnoreCase);
        var session = new Session(store, this, batches, ids, staging, channels, demoBatches, options.DryRun);
        try
        {
            for (var i = 0; i < batches.Count; i++)
            {
                await CreateStagingAsync(ClickHouseSchema.For(batches[i].Kind), staging[i], cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return session;
    }

    /// <summary>Drops the staging of imports whose process ended and finishes the moves that had begun (see the class).</summary>
    internal async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var client = store.Client;
        var stagingIds = new SortedSet<long>();
        foreach (var node in client.Nodes)
        {
            var rows = await client.QueryAsync(
                "SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE 'staging\\_%'", cancellationToken, node).ConfigureAwait(false);
            foreach (var row in rows)
            {
                if (ClickHouseSchema.StagingId(row[0]!) is { } id)
                {
                    stagingIds.Add(id);
                }
            }
        }

        // A batch recorded as running whose process died before its staging table was made has no staging table.
        var unfinished = await store.Client.QueryAsync("SELECT id FROM batches GROUP BY id HAVING max(version) < 3", cancellationToken).ConfigureAwait(false);
        var ids = new SortedSet<long>(stagingIds);
        ids.UnionWith(unfinished.Select(r => ClickHouseFactStore.Int(r[0])));
        if (ids.Count == 0)
        {
            return;
        }

        var batches = (await ReadBatchesAsync(ids, cancellationToken).ConfigureAwait(false)).ToDictionary(b => b.Id);
        foreach (var id in ids)
        {
            if (!batches.TryGetValue(id, out var batch))
            {
                // A dry run's staging (no batch is recorded for it): its process may still be counting; it is dropped
                // when that session ends, or here once it is a day old.
                if (await StagingAgeHoursAsync(id, cancellationToken).ConfigureAwait(false) >= 24)
                {
                    await DropStagingAsync(id, CancellationToken.None).ConfigureAwait(false);
                }

                continue;
            }

            if (!ClickHouseFactStore.ProcessGone(batch.Host, batch.Pid))
            {
                continue;
            }

            if (batch.Version == Running || (batch.Version == Committing && !stagingIds.Contains(id)))
            {
                await DropStagingAsync(id, cancellationToken).ConfigureAwait(false);
                await MarkInterruptedAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            else if (batch.Version == Committing && stagingIds.Contains(id))
            {
                var kind = ClickHouseSchema.Kinds.First(k => k.Table.Kind.Name == batch.Kind);
                await MoveAsync(kind, id, id, batch.CommitVersion, [], cancellationToken).ConfigureAwait(false);
                await EndCommittedAsync(batch, cancellationToken).ConfigureAwait(false);
                await DropStagingAsync(id, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await DropStagingAsync(id, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<double> StagingAgeHoursAsync(long id, CancellationToken cancellationToken)
    {
        var rows = await store.Client.QueryAsync(
            "SELECT dateDiff('hour', metadata_modification_time, now()) FROM system.tables WHERE database = currentDatabase() AND name = "
            + ClickHouseSql.Literal(store.Local(ClickHouseSchema.Staging(id))), cancellationToken, store.Client.Nodes[0]).ConfigureAwait(false);
        return rows.Count == 0 ? 0 : ClickHouseFactStore.Int(rows[0][0]);
    }

    private async Task CreateStagingAsync(ClickHouseKind kind, long id, CancellationToken cancellationToken)
    {
        var client = store.Client;
        foreach (var node in client.Nodes)
        {
            await client.ExecuteAsync(ClickHouseSchema.CreateStaging(kind, id, store.IsCluster), cancellationToken, node).ConfigureAwait(false);
        }

        if (client.Settings.Cluster is { } cluster)
        {
            await client.ExecuteAsync(ClickHouseSchema.CreateDistributed(ClickHouseSchema.Staging(id), client.Settings.Database, cluster, kind.ShardBy), cancellationToken).ConfigureAwait(false);
        }
    }

    internal async Task DropStagingAsync(long id, CancellationToken cancellationToken)
    {
        var client = store.Client;
        if (store.IsCluster)
        {
            foreach (var node in client.Nodes)
            {
                await client.ExecuteAsync("DROP TABLE IF EXISTS " + ClickHouseSchema.Staging(id), cancellationToken, node).ConfigureAwait(false);
            }
        }

        foreach (var node in client.Nodes)
        {
            await client.ExecuteAsync("DROP TABLE IF EXISTS " + store.Local(ClickHouseSchema.Staging(id)), cancellationToken, node).ConfigureAwait(false);
        }
    }

    /// <summary>The committed demo batches, whose rows a session that replaces the demo leaves out of its comparisons.</summary>
    private async Task<IReadOnlyList<long>> DemoBatchesAsync(CancellationToken cancellationToken)
    {
        var rows = await store.Client.QueryAsync(
            "SELECT id FROM batches GROUP BY id HAVING argMax(is_demo, version) = 1 AND argMax(status, version) = 'committed'", cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => ClickHouseFactStore.Int(r[0]))];
    }

    /// <summary>What one batch's staging does to the stored rows: counted row by row (see the class).</summary>
    internal async Task<WriteCounts> CountAsync(ClickHouseKind kind, long stagingId, IReadOnlyList<long> ignoredBatches, CancellationToken cancellationToken)
    {
        long added = 0, updated = 0, unchanged = 0;
        long? first = null, last = null;
        foreach (var node in store.Client.Nodes)
        {
            var row = (await store.Client.QueryAsync(CountSql(kind, stagingId, ignoredBatches), cancellationToken, node).ConfigureAwait(false)).Single();
            added += ClickHouseFactStore.Int(row[0]);
            updated += ClickHouseFactStore.Int(row[1]);
            unchanged += ClickHouseFactStore.Int(row[2]);
            if (ClickHouseFactStore.Int(row[5]) > 0)
            {
                var lo = ClickHouseFactStore.Int(row[3]);
                var hi = ClickHouseFactStore.Int(row[4]);
                first = first is { } f ? Math.Min(f, lo) : lo;
                last = last is { } l ? Math.Max(l, hi) : hi;
            }
        }

        return new WriteCounts(added, updated, unchanged, first, last);
    }

    /// <summary>Moves the last row of each new or changed key from the staging into the fact table, on every node.</summary>
    internal async Task MoveAsync(ClickHouseKind kind, long stagingId, long batchId, long version, IReadOnlyList<long> ignoredBatches, CancellationToken cancellationToken)
    {
        foreach (var node in store.Client.Nodes)
        {
            await store.Client.ExecuteAsync(MoveSql(kind, stagingId, batchId, version, ignoredBatches), cancellationToken, node).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Per key the staging holds: <c>present</c> (the table has a row of it), <c>held</c> (a row outside the ignored
    /// batches) and <c>stored_fp</c>, the fingerprint of the last version outside them.
    /// </summary>
    private string StoredSql(ClickHouseKind kind, string staging, IReadOnlyList<long> ignoredBatches)
    {
        var counted = ignoredBatches.Count == 0 ? "1" : "batch_id NOT IN (" + ClickHouseSql.List(ignoredBatches) + ")";
        return "SELECT key, 1 AS present, max(" + counted + ") AS held, argMaxIf(" + kind.Fingerprint() + ", version, " + counted + ") AS stored_fp FROM "
            + store.Local(kind.Name) + " WHERE key IN (SELECT key FROM " + staging + ") GROUP BY key";
    }

    private string CountSql(ClickHouseKind kind, long stagingId, IReadOnlyList<long> ignoredBatches)
    {
        var staging = store.Local(ClickHouseSchema.Staging(stagingId));
        return $"""
            SELECT sum(held = 0), sum((held = 1 AND fps[1] != stored_fp) + changes), sum((held = 1 AND fps[1] = stored_fp) + (length(fps) - 1 - changes)),
                   minIf(arrayReduce('min', changed_at), length(changed_at) > 0), maxIf(arrayReduce('max', changed_at), length(changed_at) > 0),
                   sum(length(changed_at) > 0)
            FROM (
                SELECT fps, changes, held, stored_fp,
                       arrayFilter((d, c) -> c, dts, arrayPushFront(diffs, held = 0 OR fps[1] != stored_fp)) AS changed_at
                FROM (
                    SELECT key,
                           arraySort((f, s) -> s, groupArray(fp), groupArray(seq)) AS fps,
                           arraySort((d, s) -> s, groupArray(dated_at), groupArray(seq)) AS dts,
                           arrayMap((a, b) -> a != b, arrayPopFront(fps), arrayPopBack(fps)) AS diffs,
                           arraySum(diffs) AS changes
                    FROM (SELECT key, seq, dated_at, {kind.Fingerprint()} AS fp FROM {staging})
                    GROUP BY key
                ) ANY LEFT JOIN ({StoredSql(kind, staging, ignoredBatches)}) USING key
            )
            """;
    }

    private string MoveSql(ClickHouseKind kind, long stagingId, long batchId, long version, IReadOnlyList<long> ignoredBatches)
    {
        var staging = store.Local(ClickHouseSchema.Staging(stagingId));
        var columns = string.Join(", ", kind.Columns);
        var elements = string.Join(", ", kind.Columns.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"tupleElement(last_row, {i + 1})")));
        return $"""
            INSERT INTO {store.Local(kind.Name)} (key, {columns}, batch_id, version, {ClickHouseKind.Restates})
            SELECT key, {elements}, {ClickHouseSql.Literal(batchId)}, {ClickHouseSql.Literal(version)}, present
            FROM (
                SELECT key, {kind.LastOf(kind.Columns, "seq")} AS last_row, argMax({kind.Fingerprint()}, seq) AS last_fp
                FROM {staging} GROUP BY key
            ) ANY LEFT JOIN ({StoredSql(kind, staging, ignoredBatches)}) USING key
            WHERE held = 0 OR last_fp != stored_fp
            """;
    }

    /// <summary>Removes the rows of replaced demo batches (a mutation: ClickHouse applies it in the background).</summary>
    internal async Task DeleteBatchesAsync(IReadOnlyList<long> batchIds, CancellationToken cancellationToken)
    {
        if (batchIds.Count == 0)
        {
            return;
        }

        foreach (var node in store.Client.Nodes)
        {
            foreach (var kind in ClickHouseSchema.Kinds)
            {
                await store.Client.ExecuteAsync("ALTER TABLE " + store.Local(kind.Name) + " DELETE WHERE batch_id IN (" + ClickHouseSql.List(batchIds) + ")",
                    cancellationToken, node).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Writes each replaced demo batch's row again as removed (an insert, seen at once, where deleting the row would be a
    /// mutation applied later), so the import history and the data version leave it out as the relational stores do.
    /// </summary>
    internal async Task MarkRemovedAsync(IReadOnlyList<long> batchIds, CancellationToken cancellationToken)
    {
        if (batchIds.Count == 0)
        {
            return;
        }

        await store.Client.ExecuteAsync(
            "INSERT INTO batches SELECT id, " + ClickHouseSql.Literal((long)Removed) + ", kind, source, format, started_at, finished_at, "
            + ClickHouseSql.Literal(RemovedStatus) + ", is_demo, host, pid, rows_read, rows_added, rows_updated, rows_unchanged, rows_rejected, first_ts,"
            + " last_ts, commit_version, message, warnings, errors FROM batches WHERE id IN (" + ClickHouseSql.List(batchIds) + ") AND version = "
            + ClickHouseSql.Literal((long)Ended) + " LIMIT 1 BY id", cancellationToken).ConfigureAwait(false);
    }

    internal async Task WriteBatchAsync(
        long id, int version, BatchStart start, string startedAt, BatchEnd? end, WriteCounts? counts, string? finishedAt, long commitVersion,
        CancellationToken cancellationToken)
    {
        var status = version == Running ? "running" : version == Committing ? "committing" : BatchStatus.Word(end!.Status);
        var values = string.Join(", ",
            ClickHouseSql.Literal(id), ClickHouseSql.Literal((long)version), ClickHouseSql.Literal(start.Kind.Name), ClickHouseSql.Literal(start.Source),
            ClickHouseSql.Literal(start.Format), ClickHouseSql.Literal(startedAt), ClickHouseSql.Literal(finishedAt), ClickHouseSql.Literal(status),
            start.IsDemo ? "1" : "0", ClickHouseSql.Literal(Environment.MachineName), ClickHouseSql.Literal((long)Environment.ProcessId),
            ClickHouseSql.Literal(end?.Read ?? 0), ClickHouseSql.Literal(end?.Added ?? 0), ClickHouseSql.Literal(end?.Updated ?? 0),
            ClickHouseSql.Literal(end?.Unchanged ?? 0), ClickHouseSql.Literal(end?.Rejected ?? 0),
            ClickHouseSql.Literal(counts?.FirstDatedAt), ClickHouseSql.Literal(counts?.LastDatedAt), ClickHouseSql.Literal(commitVersion),
            ClickHouseSql.Literal(end?.Message is null ? null : JsonSerializer.Serialize(end.Message)),
            ClickHouseSql.Literal(end is null || end.Warnings.Count == 0 ? null : JsonSerializer.Serialize(end.Warnings)),
            ClickHouseSql.Literal(end is null || end.Errors.Count == 0 ? null : JsonSerializer.Serialize(end.Errors)));
        await store.Client.ExecuteAsync("INSERT INTO batches (id, version, kind, source, format, started_at, finished_at, status, is_demo, host, pid, "
            + "rows_read, rows_added, rows_updated, rows_unchanged, rows_rejected, first_ts, last_ts, commit_version, message, warnings, errors) VALUES ("
            + values + ")", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A batch as last recorded, for recovery.</summary>
    internal sealed record StoredBatch(long Id, long Version, string Kind, string Status, string Host, long Pid, long CommitVersion);

    internal async Task<IReadOnlyList<StoredBatch>> ReadBatchesAsync(IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        var rows = await store.Client.QueryAsync(
            "SELECT id, max(version), argMax(kind, version), argMax(status, version), argMax(host, version), argMax(pid, version), argMax(commit_version, version)"
            + " FROM batches WHERE id IN (" + ClickHouseSql.List(ids) + ") GROUP BY id", cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new StoredBatch(
            ClickHouseFactStore.Int(r[0]), ClickHouseFactStore.Int(r[1]), r[2]!, r[3]!, r[4]!, ClickHouseFactStore.Int(r[5]), ClickHouseFactStore.Int(r[6])))];
    }

    /// <summary>Writes a batch's row again with a new status, keeping everything else of its last row.</summary>
    private Task RewriteBatchAsync(StoredBatch batch, string status, string? message, CancellationToken cancellationToken) =>
        store.Client.ExecuteAsync(
            "INSERT INTO batches SELECT id, " + ClickHouseSql.Literal((long)Ended) + ", kind, source, format, started_at, " + ClickHouseSql.Literal(store.Now())
            + ", " + ClickHouseSql.Literal(status) + ", is_demo, host, pid, rows_read, rows_added, rows_updated, rows_unchanged, rows_rejected, first_ts, last_ts,"
            + " commit_version, " + (message is null ? "message" : "toNullable(" + ClickHouseSql.Literal(message) + ")") + ", warnings, errors"
            + " FROM batches WHERE id = " + ClickHouseSql.Literal(batch.Id) + " AND version = " + ClickHouseSql.Literal(batch.Version) + " LIMIT 1",
            cancellationToken);

    private Task MarkInterruptedAsync(StoredBatch batch, CancellationToken cancellationToken) =>
        RewriteBatchAsync(batch, "interrupted", JsonSerializer.Serialize(new Message(StorageCodes.ImportInterrupted)), cancellationToken);

    private Task EndCommittedAsync(StoredBatch batch, CancellationToken cancellationToken) =>
        RewriteBatchAsync(batch, "committed", null, cancellationToken);

    /// <summary>One session: a staging table per batch, filled by one streamed insert each.</summary>
    private sealed class Session : IFactWriteSession, IChannelIds
    {
        private readonly ClickHouseFactStore _store;
        private readonly ClickHouseFactSink _sink;
        private readonly IReadOnlyList<BatchStart> _batches;
        private readonly long[] _ids;
        private readonly long[] _staging;
        private readonly Dictionary<string, long> _channels;
        private readonly IReadOnlyList<long> _demoBatches;
        private readonly bool _dryRun;
        private readonly string _startedAt;
        private readonly Dictionary<Type, int> _byFactType = [];
        private readonly TsvInsert?[] _inserts;
        private readonly Cell[] _cells = new Cell[32];
        private readonly List<string> _added = [];
        private long _seq;
        private WriteCounts[]? _counts;
        private bool _done;

        public Session(
            ClickHouseFactStore store, ClickHouseFactSink sink, IReadOnlyList<BatchStart> batches, long[] ids, long[] staging,
            Dictionary<string, long> channels, IReadOnlyList<long> demoBatches, bool dryRun)
        {
            _store = store;
            _sink = sink;
            _batches = batches;
            _ids = ids;
            _staging = staging;
            _channels = channels;
            _demoBatches = demoBatches;
            _dryRun = dryRun;
            _startedAt = store.Now();
            _inserts = new TsvInsert?[batches.Count];
            for (var i = 0; i < batches.Count; i++)
            {
                _byFactType[FactTables.For(batches[i].Kind).FactType] = i;
            }
        }

        public void Write(int batch, IFact fact)
        {
            ArgumentNullException.ThrowIfNull(fact);
            if (!_byFactType.TryGetValue(fact.GetType(), out var held) || held != batch)
            {
                throw new ArgumentException("batch " + batch + " of this session does not hold " + fact.GetType().Name, nameof(fact));
            }

            Write(fact);
        }

        public IReadOnlyList<long> BatchIds => _ids;

        public IReadOnlyList<string> NewChannels => _added;

        public void Write(IFact fact)
        {
            ArgumentNullException.ThrowIfNull(fact);
            if (!_byFactType.TryGetValue(fact.GetType(), out var batch))
            {
                throw new ArgumentException("no batch of this session holds " + fact.GetType().Name, nameof(fact));
            }

            if (_counts is not null)
            {
                throw new InvalidOperationException("the session was flushed: no more rows");
            }

            var table = FactTables.For(fact);
            table.Bind(fact, _cells, this);
            var insert = _inserts[batch] ??= _store.Client.BeginInsert(
                ClickHouseSchema.Staging(_staging[batch]), ["key", "seq", "dated_at", .. table.Columns]);
            insert.Field(fact.Key);
            insert.Field(++_seq);
            insert.Field(table.DatedAt(fact));
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var cell = _cells[i];
                if (cell.IsNull)
                {
                    insert.Field((string?)null);
                }
                else if (cell.Text is { } text)
                {
                    insert.Field(text);
                }
                else
                {
                    insert.Field(cell.Integer);
                }
            }

            insert.EndRow();
        }

        public long Resolve(string name)
        {
            if (_channels.TryGetValue(name, out var id))
            {
                return id;
            }

            (id, var added) = _store.Channels.Resolve(name);
            _channels[name] = id;
            if (added)
            {
                _added.Add(name);
            }

            return id;
        }

        public async Task<IReadOnlyList<WriteCounts>> FlushAsync(CancellationToken cancellationToken)
        {
            if (_counts is not null)
            {
                return _counts;
            }

            foreach (var insert in _inserts)
            {
                if (insert is not null)
                {
                    await insert.CompleteAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            var counts = new WriteCounts[_batches.Count];
            for (var i = 0; i < _batches.Count; i++)
            {
                counts[i] = _inserts[i] is null
                    ? WriteCounts.None
                    : await _sink.CountAsync(ClickHouseSchema.For(_batches[i].Kind), _staging[i], _demoBatches, cancellationToken).ConfigureAwait(false);
            }

            _counts = counts;
            return counts;
        }

        public async Task CommitAsync(IReadOnlyList<BatchEnd> ends, string? groundTruthJson, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(ends);
            var counts = await FlushAsync(cancellationToken).ConfigureAwait(false);
            if (_dryRun)
            {
                await DropAllAsync().ConfigureAwait(false);
                _done = true;
                return;
            }

            var version = await _store.NewCommitVersionAsync(cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < _ids.Length; i++)
            {
                await _sink.WriteBatchAsync(_ids[i], Committing, _batches[i], _startedAt, ends[i], counts[i], null, version, cancellationToken).ConfigureAwait(false);
            }

            // From here the commit is promised: a crash is finished by the next open (RecoverAsync), so nothing below
            // listens to the caller's cancellation.
            for (var i = 0; i < _ids.Length; i++)
            {
                if (_inserts[i] is not null)
                {
                    await _sink.MoveAsync(ClickHouseSchema.For(_batches[i].Kind), _staging[i], _ids[i], version, _demoBatches, CancellationToken.None).ConfigureAwait(false);
                }
            }

            var now = _store.Now();
            for (var i = 0; i < _ids.Length; i++)
            {
                await _sink.WriteBatchAsync(_ids[i], Ended, _batches[i], _startedAt, ends[i], counts[i], now, version, CancellationToken.None).ConfigureAwait(false);
            }

            if (groundTruthJson is not null)
            {
                await SaveGroundTruthAsync(groundTruthJson, now, version).ConfigureAwait(false);
            }

            await _sink.DeleteBatchesAsync(_demoBatches, CancellationToken.None).ConfigureAwait(false);
            await _sink.MarkRemovedAsync(_demoBatches, CancellationToken.None).ConfigureAwait(false);
            _done = true;
            await DropAllAsync().ConfigureAwait(false);
        }

        public async Task AbortAsync(IReadOnlyList<BatchEnd> ends, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(ends);
            await CancelInsertsAsync().ConfigureAwait(false);
            await DropAllAsync().ConfigureAwait(false);
            _done = true;
            var now = _store.Now();
            for (var i = 0; i < _ids.Length; i++)
            {
                if (_ids[i] != 0)
                {
                    await _sink.WriteBatchAsync(_ids[i], Ended, _batches[i], _startedAt, ends[i], null, now, 0, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await CancelInsertsAsync().ConfigureAwait(false);
            if (!_done)
            {
                _done = true;
                // Neither committed nor aborted (the caller failed): nothing was moved, so the batches were interrupted.
                try
                {
                    await DropAllAsync().ConfigureAwait(false);
                    var now = _store.Now();
                    for (var i = 0; i < _ids.Length; i++)
                    {
                        if (_ids[i] != 0)
                        {
                            var end = new BatchEnd(ImportStatus.Failed, 0, 0, 0, 0, 0, new Message(StorageCodes.ImportInterrupted), [], []);
                            await _sink.WriteBatchAsync(_ids[i], Ended, _batches[i], _startedAt, end, null, now, 0, CancellationToken.None).ConfigureAwait(false);
                        }
                    }
                }
                catch (ClickHouseException)
                {
                    // The server is gone: the next open finds the staging tables and marks the batches interrupted.
                }
            }
        }

        private async Task CancelInsertsAsync()
        {
            for (var i = 0; i < _inserts.Length; i++)
            {
                if (_inserts[i] is { } insert)
                {
                    await insert.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        private async Task DropAllAsync()
        {
            foreach (var id in _staging)
            {
                await _sink.DropStagingAsync(id, CancellationToken.None).ConfigureAwait(false);
            }
        }

        private Task SaveGroundTruthAsync(string json, string now, long version)
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var seed = root.TryGetProperty("seed", out var s) ? s.GetInt64() : 0L;
            var scale = root.TryGetProperty("scale", out var sc) ? sc.ToString() : "";
            return _store.Client.ExecuteAsync(
                "INSERT INTO demo_ground_truth (saved, seed, scale, created_at, truth) VALUES (" + string.Join(", ",
                    ClickHouseSql.Literal(version), ClickHouseSql.Literal(seed), ClickHouseSql.Literal(scale), ClickHouseSql.Literal(now), ClickHouseSql.Literal(json)) + ")",
                CancellationToken.None);
        }
    }
}
