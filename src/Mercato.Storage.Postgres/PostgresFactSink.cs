using System.Globalization;
using Dapper;
using Mercato.Core.DataCenter;
using Mercato.Storage.Facts;
using Mercato.Storage.Relational;
using Npgsql;
using NpgsqlTypes;

namespace Mercato.Storage.Postgres;

/// <summary>
/// Writes facts into the server store: every row of the session streams by binary COPY into one temporary staging table
/// (<see cref="PostgresSchema.StagingTable"/>, its <c>kind</c> column holding the row's batch index in the session), in the
/// session's transaction; at the end, batch by batch in order, one statement counts what each row does and one merge
/// applies the last row of each key. A batch holds an advisory lock on the session's
/// connection while it runs, so another process can tell a running import from one whose process ended.
/// </summary>
/// <remarks>
/// Outcomes are counted as the embedded store counts them row by row: a key's first row in the session is compared with
/// the stored row (added when there is none, updated when any value differs, else unchanged), and each later row of the
/// same key with the row before it.
/// </remarks>
internal sealed class PostgresFactSink(PostgresStore store) : IFactSink
{
    public async Task<IFactWriteSession> BeginAsync(IReadOnlyList<BatchStart> batches, FactSessionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(options);
        var connection = (NpgsqlConnection)await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var ids = new long[batches.Count];
            if (!options.DryRun)
            {
                for (var i = 0; i < batches.Count; i++)
                {
                    // The id is reserved and locked before the running row is visible, so no one sees it running unlocked.
                    ids[i] = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                        "SELECT nextval(pg_get_serial_sequence('import_batches', 'id'))", cancellationToken: cancellationToken)).ConfigureAwait(false);
                    await connection.ExecuteAsync(new CommandDefinition(PostgresLocks.LockBatch, new { id = ids[i] },
                        cancellationToken: cancellationToken)).ConfigureAwait(false);
                    await RelationalBatches.InsertRunningAsync(connection, null, batches[i], store.Now(), ids[i], cancellationToken).ConfigureAwait(false);
                }
            }

            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (options.ReplaceDemo)
            {
                await RelationalDemoFacts.RemoveAsync(connection, transaction, store.Dialect, ids, cancellationToken).ConfigureAwait(false);
            }

            await connection.ExecuteAsync(new CommandDefinition(PostgresSchema.StagingTable, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var channels = (await connection.QueryAsync<(long Id, string Name)>(new CommandDefinition(
                    "SELECT id, name FROM channels", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false))
                .ToDictionary(c => c.Name, c => c.Id, StringComparer.OrdinalIgnoreCase);
            return new Session(store, connection, transaction, batches, ids, channels);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed class Session : IFactWriteSession, IChannelIds
    {
        private static readonly string CopyCommand = "COPY mercato_stage (kind, seq, key, dated_at, "
            + string.Join(", ", Enumerable.Range(0, PostgresSchema.StagingSlots).Select(i => $"t{i}, n{i}"))
            + ") FROM STDIN (FORMAT BINARY)";

        private readonly PostgresStore _store;
        private readonly NpgsqlConnection _connection;
        private readonly NpgsqlTransaction _transaction;
        private readonly IReadOnlyList<BatchStart> _batches;
        private readonly long[] _ids;
        private readonly Dictionary<string, long> _channels;
        private readonly Dictionary<Type, (FactTable Table, short Batch)> _tables = [];
        private readonly FactTable[] _batchTables;
        private readonly Cell[] _cells = new Cell[PostgresSchema.StagingSlots];
        private readonly List<string> _added = [];
        private NpgsqlBinaryImporter? _copy;
        private long _seq;
        private WriteCounts[]? _counts;
        private bool _done;

        public Session(
            PostgresStore store, NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<BatchStart> batches, long[] ids,
            Dictionary<string, long> channels)
        {
            _store = store;
            _connection = connection;
            _transaction = transaction;
            _batches = batches;
            _ids = ids;
            _channels = channels;
            _batchTables = new FactTable[batches.Count];
            for (var i = 0; i < batches.Count; i++)
            {
                // The staging table's first column holds the batch's index in the session (several batches may share a kind).
                var table = FactTables.For(batches[i].Kind);
                _batchTables[i] = table;
                _tables.TryAdd(table.FactType, (table, (short)i));
            }
        }

        public IReadOnlyList<long> BatchIds => _ids;

        public IReadOnlyList<string> NewChannels => _added;

        public void Write(IFact fact)
        {
            if (!_tables.TryGetValue(fact.GetType(), out var entry))
            {
                throw new ArgumentException("no batch of this session holds " + fact.GetType().Name, nameof(fact));
            }

            WriteRow(entry.Table, entry.Batch, fact);
        }

        public void Write(int batch, IFact fact)
        {
            ArgumentNullException.ThrowIfNull(fact);
            if (_batchTables[batch].FactType != fact.GetType())
            {
                throw new ArgumentException("batch " + batch + " of this session does not hold " + fact.GetType().Name, nameof(fact));
            }

            WriteRow(_batchTables[batch], (short)batch, fact);
        }

        private void WriteRow(FactTable table, short kind, IFact fact)
        {
            // Binding may meet a new channel, which ends the COPY for a moment to add it: bind before the row starts.
            table.Bind(fact, _cells, this);
            var copy = _copy ??= _connection.BeginBinaryImport(CopyCommand);
            copy.StartRow();
            copy.Write(kind, NpgsqlDbType.Smallint);
            copy.Write(++_seq, NpgsqlDbType.Bigint);
            copy.Write(fact.Key, NpgsqlDbType.Bigint);
            copy.Write(table.DatedAt(fact), NpgsqlDbType.Bigint);
            var columns = table.Columns.Count;
            for (var i = 0; i < PostgresSchema.StagingSlots; i++)
            {
                var cell = i < columns ? _cells[i] : default;
                if (i < columns && !cell.IsNull && cell.Text is { } text)
                {
                    copy.Write(text, NpgsqlDbType.Text);
                    copy.WriteNull();
                }
                else if (i < columns && !cell.IsNull)
                {
                    copy.WriteNull();
                    copy.Write(cell.Integer, NpgsqlDbType.Bigint);
                }
                else
                {
                    copy.WriteNull();
                    copy.WriteNull();
                }
            }
        }

        public long Resolve(string name)
        {
            if (_channels.TryGetValue(name, out var id))
            {
                return id;
            }

            EndCopy();
            var added = _connection.ExecuteScalar<long?>(
                """
                INSERT INTO channels (name, grp, created_at) VALUES (@name, @grp, @now)
                ON CONFLICT ((lower(name))) DO NOTHING RETURNING id
                """,
                new { name, grp = ChannelGroups.Guess(name).Slug(), now = _store.Now() }, _transaction);
            id = added ?? _connection.ExecuteScalar<long>("SELECT id FROM channels WHERE lower(name) = lower(@name)", new { name }, _transaction);
            _channels[name] = id;
            if (added is not null)
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

            EndCopy();
            var counts = new WriteCounts[_batches.Count];
            for (var i = 0; i < _batches.Count; i++)
            {
                var table = _batchTables[i];
                var kind = (short)i;
                var row = await _connection.QuerySingleAsync<(long Added, long Updated, long Unchanged, long? First, long? Last)>(new CommandDefinition(
                    CountSql(table), new { kind }, _transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                counts[i] = new WriteCounts(row.Added, row.Updated, row.Unchanged, row.First, row.Last);
                await _connection.ExecuteAsync(new CommandDefinition(
                    MergeSql(table), new { kind, batch = _ids[i] }, _transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            _counts = counts;
            return counts;
        }

        public async Task CommitAsync(IReadOnlyList<BatchEnd> ends, string? groundTruthJson, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(ends);
            var counts = await FlushAsync(cancellationToken).ConfigureAwait(false);
            var now = _store.Now();
            for (var i = 0; i < _ids.Length; i++)
            {
                await RelationalBatches.CompleteAsync(_connection, _transaction, _ids[i], ends[i], counts[i], now, cancellationToken).ConfigureAwait(false);
            }

            if (groundTruthJson is not null)
            {
                await RelationalBatches.SaveGroundTruthAsync(_connection, _transaction, groundTruthJson, now, cancellationToken).ConfigureAwait(false);
            }

            await _transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _done = true;
            await UnlockAsync().ConfigureAwait(false);
        }

        public async Task AbortAsync(IReadOnlyList<BatchEnd> ends, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(ends);
            await CancelCopyAsync().ConfigureAwait(false);
            await _transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            _done = true;
            for (var i = 0; i < _ids.Length; i++)
            {
                if (_ids[i] != 0)
                {
                    await RelationalBatches.CompleteAsync(_connection, null, _ids[i], ends[i], null, _store.Now(), cancellationToken).ConfigureAwait(false);
                }
            }

            await UnlockAsync().ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            await CancelCopyAsync().ConfigureAwait(false);
            if (!_done && _connection.State == System.Data.ConnectionState.Open)
            {
                await _transaction.RollbackAsync().ConfigureAwait(false);
                await UnlockAsync().ConfigureAwait(false);
            }

            await _transaction.DisposeAsync().ConfigureAwait(false);
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        private void EndCopy()
        {
            if (_copy is not null)
            {
                _copy.Complete();
                _copy.Dispose();
                _copy = null;
            }
        }

        private async Task CancelCopyAsync()
        {
            if (_copy is not null)
            {
                // Disposing an importer that was not completed cancels the COPY; the transaction is rolled back after.
                try
                {
                    await _copy.DisposeAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is NpgsqlException or PostgresException or InvalidOperationException)
                {
                }

                _copy = null;
            }
        }

        private async Task UnlockAsync()
        {
            foreach (var id in _ids.Where(id => id != 0))
            {
                await _connection.ExecuteAsync(PostgresLocks.UnlockBatch, new { id }).ConfigureAwait(false);
            }
        }

        private static string Slots(FactTable table, string prefix = "") =>
            string.Join(", ", Enumerable.Range(0, table.Columns.Count).Select(i => prefix + PostgresSchema.Slot(table, i)));

        private static string Columns(FactTable table, string prefix) => string.Join(", ", table.Columns.Select(c => prefix + c));

        /// <summary>Added, updated, unchanged and the instants the changed rows span, counted row by row as the embedded store does.</summary>
        private static string CountSql(FactTable table) => string.Create(CultureInfo.InvariantCulture, $"""
            SELECT COUNT(*) FILTER (WHERE o = 1), COUNT(*) FILTER (WHERE o = 2), COUNT(*) FILTER (WHERE o = 0),
                   MIN(dated_at) FILTER (WHERE o <> 0), MAX(dated_at) FILTER (WHERE o <> 0)
            FROM (
                SELECT s.dated_at,
                       CASE WHEN s.prev_seq IS NULL THEN
                                CASE WHEN t.key IS NULL THEN 1 WHEN ROW({Columns(table, "t.")}) IS DISTINCT FROM s.cur THEN 2 ELSE 0 END
                            WHEN s.prev IS DISTINCT FROM s.cur THEN 2 ELSE 0 END AS o
                FROM (SELECT key, dated_at, ROW({Slots(table)}) AS cur, LAG(ROW({Slots(table)})) OVER w AS prev, LAG(seq) OVER w AS prev_seq
                      FROM mercato_stage WHERE kind = @kind WINDOW w AS (PARTITION BY key ORDER BY seq)) s
                LEFT JOIN {table.Table} t ON t.key = s.key
            ) x
            """);

        /// <summary>The last row of each key, added or written over a different stored row.</summary>
        private static string MergeSql(FactTable table) => string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO {table.Table} (key, {Columns(table, "")}, batch_id)
            SELECT DISTINCT ON (key) key, {Slots(table)}, @batch FROM mercato_stage WHERE kind = @kind ORDER BY key, seq DESC
            ON CONFLICT (key) DO UPDATE SET {string.Join(", ", table.Columns.Select(c => c + " = excluded." + c))}, batch_id = excluded.batch_id
            WHERE ROW({Columns(table, table.Table + ".")}) IS DISTINCT FROM ROW({Columns(table, "excluded.")})
            """);
    }
}
