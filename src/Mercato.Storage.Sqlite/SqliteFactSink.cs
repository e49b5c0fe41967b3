using Dapper;
using Mercato.Core.DataCenter;
using Mercato.Storage.Facts;
using Mercato.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace Mercato.Storage.Sqlite;

/// <summary>
/// Writes facts into the embedded store: one SQLite transaction per session, rows inserted or updated one by one through
/// prepared statements, in chunks sorted by key (<see cref="FactWriter"/>), so each row's outcome (added, updated,
/// unchanged) is what it is when rows are written as they come. Batches are recorded as running, with the process id,
/// before the transaction begins.
/// </summary>
internal sealed class SqliteFactSink(SqliteStore store) : IFactSink
{
    public async Task<IFactWriteSession> BeginAsync(IReadOnlyList<BatchStart> batches, FactSessionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(options);
        var ids = new long[batches.Count];
        if (!options.DryRun)
        {
            // One transaction for all the running rows: a group commit records many batches, and each commit costs a sync.
            using var bookkeeping = store.OpenConnection();
            using var running = bookkeeping.BeginTransaction();
            for (var i = 0; i < batches.Count; i++)
            {
                ids[i] = await RelationalBatches.InsertRunningAsync(bookkeeping, running, batches[i], store.Now(), null, cancellationToken).ConfigureAwait(false);
            }

            running.Commit();
        }

        var connection = store.OpenConnection();
        try
        {
            // A larger page cache keeps a large import's random key inserts off the disk: 1 GB holds the leaves a merge of the
            // ingest queue dirties on a store of tens of millions of rows (256 MB spilled them to the WAL and read them back:
            // the merger fell behind 50,000 events/s; benchmarks/RESULTS.md, 2026-12-07). SQLite takes the pages as it needs
            // them and the session gives them back at its end (below). Group commits of a few requests take a small cache,
            // so the server's memory stays flat while it streams without the queue (ten minutes of streamed events: 256 MB
            // caches kept by the pool grew RSS from 127 to 1,015 MB; 16 MB held it at 237-246 MB).
            connection.Execute(options.Small ? "PRAGMA cache_size = -16384" : "PRAGMA cache_size = -1048576");
            var transaction = connection.BeginTransaction();
            if (options.ReplaceDemo)
            {
                await RelationalDemoFacts.RemoveAsync(connection, transaction, store.Dialect, ids, cancellationToken).ConfigureAwait(false);
            }

            return new Session(store, connection, transaction, batches, ids, options.Small);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed class Session : IFactWriteSession
    {
        private readonly SqliteStore _store;
        private readonly SqliteConnection _connection;
        private readonly SqliteTransaction _transaction;
        private readonly long[] _ids;
        private readonly FactWriter[] _writers;
        private readonly Dictionary<Type, FactWriter> _byFactType = [];
        private readonly Type[] _factTypes;
        private readonly ChannelResolver _channels;
        private readonly bool _small;
        private bool _done;

        public Session(SqliteStore store, SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<BatchStart> batches, long[] ids, bool small)
        {
            _small = small;
            _store = store;
            _connection = connection;
            _transaction = transaction;
            _ids = ids;
            _channels = new ChannelResolver(connection, transaction, store);
            _writers = new FactWriter[batches.Count];
            _factTypes = new Type[batches.Count];
            for (var i = 0; i < batches.Count; i++)
            {
                _writers[i] = new FactWriter(connection, transaction, ids[i], _channels, store.WriteChunkRows);
                _factTypes[i] = FactTables.For(batches[i].Kind).FactType;
                _byFactType.TryAdd(_factTypes[i], _writers[i]);
            }
        }

        public IReadOnlyList<long> BatchIds => _ids;

        public IReadOnlyList<string> NewChannels => _channels.Added;

        public void Write(IFact fact) =>
            (_byFactType.TryGetValue(fact.GetType(), out var writer)
                ? writer
                : throw new ArgumentException("no batch of this session holds " + fact.GetType().Name, nameof(fact))).Write(fact);

        public void Write(int batch, IFact fact)
        {
            ArgumentNullException.ThrowIfNull(fact);
            if (_factTypes[batch] != fact.GetType())
            {
                throw new ArgumentException("batch " + batch + " of this session does not hold " + fact.GetType().Name, nameof(fact));
            }

            _writers[batch].Write(fact);
        }

        public Task<IReadOnlyList<WriteCounts>> FlushAsync(CancellationToken cancellationToken)
        {
            Finish();
            return Task.FromResult<IReadOnlyList<WriteCounts>>([.. _writers.Select(w => w.Counts)]);
        }

        public async Task CommitAsync(IReadOnlyList<BatchEnd> ends, string? groundTruthJson, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(ends);
            // Rows written since the flush, if any, are written before the counts are recorded.
            Finish();
            var now = _store.Now();
            for (var i = 0; i < _ids.Length; i++)
            {
                await RelationalBatches.CompleteAsync(_connection, _transaction, _ids[i], ends[i], _writers[i].Counts, now, cancellationToken).ConfigureAwait(false);
            }

            if (groundTruthJson is not null)
            {
                await RelationalBatches.SaveGroundTruthAsync(_connection, _transaction, groundTruthJson, now, cancellationToken).ConfigureAwait(false);
            }

            _transaction.Commit();
            _done = true;
        }

        public async Task AbortAsync(IReadOnlyList<BatchEnd> ends, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(ends);
            DisposeWriters();
            _transaction.Rollback();
            _done = true;
            using var bookkeeping = _store.OpenConnection();
            for (var i = 0; i < _ids.Length; i++)
            {
                if (_ids[i] != 0)
                {
                    await RelationalBatches.CompleteAsync(bookkeeping, null, _ids[i], ends[i], null, _store.Now(), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            DisposeWriters();
            if (!_done)
            {
                _transaction.Rollback();
            }

            await _transaction.DisposeAsync().ConfigureAwait(false);
            // The pool keeps the connection: give back the large cache a big session took (SQLite frees the pages), or
            // every pooled connection that ever ran a merge would hold 1 GB.
            try
            {
                _connection.Execute("PRAGMA cache_size = -2000");
            }
            catch (SqliteException)
            {
                // A connection that cannot take a pragma any more is not worth keeping: the pool drops it when it fails again.
            }

            await _connection.DisposeAsync().ConfigureAwait(false);
            if (!_small)
            {
                NativeHeap.Trim();
            }
        }

        private void Finish()
        {
            foreach (var writer in _writers)
            {
                writer.Finish();
            }
        }

        private void DisposeWriters()
        {
            foreach (var writer in _writers)
            {
                writer.Dispose();
            }
        }
    }
}
