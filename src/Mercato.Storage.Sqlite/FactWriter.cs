using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Dapper;
using Mercato.Core.DataCenter;
using Mercato.Storage.Facts;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Mercato.Storage.Sqlite;

/// <summary>What writing one fact did.</summary>
internal enum WriteOutcome
{
    Added,
    Updated,
    Unchanged,
}

/// <summary>
/// Writes facts inside one open transaction. A row whose key is new is added; a row whose key exists is updated when any
/// value differs (a restated spend, a corrected order) and otherwise left as it is, so re-importing the same data changes
/// nothing.
/// </summary>
/// <remarks>
/// Rows are not written the moment they arrive: a table's rows are gathered, encoded, into a chunk of up to
/// <see cref="SqliteStore.WriteChunkRows"/> rows, and each full chunk (the last one on <see cref="Finish"/>) is sorted by key,
/// rows of one key kept in file order, and written row by row in that order. The keys are hashes, so in file order every
/// row landed on a random page of the key index, and a large import spent its time walking to those pages; in key order
/// consecutive rows land on the same or the next page. Chunks are written in file order and the rows of one key keep
/// theirs, so every row meets the state the rows before it in the file left, and its outcome is what it was when rows were
/// written as they came. The table's rowids follow key order within a chunk; nothing reads facts by rowid order.
/// </remarks>
internal sealed partial class FactWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly long _batchId;
    private readonly int _chunkRows;
    private readonly Dictionary<FactTable, Commands> _commands = [];

    /// <summary>Rows an import adds before it defers a table's secondary indexes, at least.</summary>
    internal const long DeferIndexesAfterRows = 100_000;

    /// <summary>Rows of one table gathered and sorted before they are written (<see cref="SqliteStore.WriteChunkRows"/>).</summary>
    internal const int DefaultChunkRows = 1 << 18;

    /// <summary>The page cache (PRAGMA cache_size, negative: KiB) while secondary indexes are built (<see cref="BuildIndexes"/>).</summary>
    private const long IndexBuildCacheSize = -4096;

    /// <summary>Rows of a chunk from which it is written on another thread; smaller ones (tests) are written in place.</summary>
    internal const int BackgroundChunkRows = 1 << 14;

    /// <summary>Encoded bytes of one table's chunk at which it is written however few its rows (long texts).</summary>
    internal const int MaxChunkBytes = 64 << 20;

    public FactWriter(SqliteConnection connection, SqliteTransaction transaction, long batchId, ChannelResolver channels, int chunkRows)
    {
        _connection = connection;
        _transaction = transaction;
        _batchId = batchId;
        _chunkRows = Math.Max(1, chunkRows);
        Channels = channels;
    }

    public ChannelResolver Channels { get; }

    public long? FirstDatedAt { get; private set; }

    /// <summary>What the writes so far did; rows still gathered in a chunk count once <see cref="Finish"/> has written them.</summary>
    public WriteCounts Counts => new(_added, _updated, _unchanged, FirstDatedAt, LastDatedAt);

    private long _added;
    private long _updated;
    private long _unchanged;

    public long? LastDatedAt { get; private set; }

    public void Write(IFact fact)
    {
        var table = FactTables.For(fact);
        if (!_commands.TryGetValue(table, out var commands))
        {
            Channels.Turn.Wait();
            commands = new Commands(_connection, _transaction, table, _batchId) { ChunkRows = Math.Min(_chunkRows, BackgroundChunkRows) };
            _commands[table] = commands;
        }

        // Binding resolves the channel now, so new channels get their ids in the order the file names them.
        table.Bind(fact, commands.Values, Channels);
        var chunk = commands.Filling;
        chunk.Add(fact.Key, table.DatedAt(fact), commands.Values);
        if (chunk.Count >= commands.ChunkRows || chunk.Bytes >= MaxChunkBytes)
        {
            // The first chunks are small and each is twice the one before, up to the full size: writing starts while the
            // program is still warming up, when the table is small and key order gains little anyway.
            commands.ChunkRows = (int)Math.Min(_chunkRows, 2L * commands.ChunkRows);
            if (chunk.Count < BackgroundChunkRows)
            {
                Channels.Turn.Wait();
                WriteChunk(table, commands, chunk);
                return;
            }

            // A large chunk is written on another thread while this one gathers the next into the spare, which the
            // chunk written before has finished with once Start returns. It is sorted here, while the one before is
            // still being written: the writing thread is the one that sets the pace.
            chunk.Sort();
            Channels.Turn.Start(() => WriteChunk(table, commands, chunk));
            commands.Filling = commands.Spare;
            commands.Spare = chunk;
        }
    }

    /// <summary>
    /// Writes the rows still gathered and builds the secondary indexes this writer dropped; call it before committing
    /// (again after more writes, if any). Large imports drop the secondary indexes once they add
    /// <see cref="DeferIndexesAfterRows"/> rows and an eighth of what the table held: a single CREATE INDEX (one sort)
    /// then costs less than maintaining the index row by row.
    /// </summary>
    public void Finish()
    {
        Channels.Turn.Wait();
        foreach (var (table, commands) in _commands)
        {
            WriteChunk(table, commands, commands.Filling);
            if (commands.IndexesDropped)
            {
                BuildIndexes(table.Table);
                commands.IndexesDropped = false;
            }
        }
    }

    /// <summary>
    /// Builds the secondary indexes of <paramref name="table"/> with a small page cache. CREATE INDEX sorts the table's
    /// entries in runs as large as the page cache (at least 250 pages, 4 MB), and sorting one 256 MB run in memory is slow
    /// (every step of its merge sort misses the processor's caches): with 4 MB runs, merged afterwards, building the
    /// journey index of 10M rows took less than half the time (11 s instead of 23 s of processor time, sqlite3 3.40 on the
    /// benchmark's file), and a thirtieth of the memory. A helper thread per spare core sorts runs while the table is
    /// read (a quarter less wall time on two cores, for little memory with runs this small).
    /// </summary>
    private void BuildIndexes(string table)
    {
        var cache = _connection.ExecuteScalar<long>("PRAGMA cache_size", transaction: _transaction);
        var threads = _connection.ExecuteScalar<long>("PRAGMA threads", transaction: _transaction);
        Pragmas(IndexBuildCacheSize, Math.Min(Environment.ProcessorCount, 4) - 1);
        try
        {
            foreach (var (_, create) in Schema.IndexesOf(table))
            {
                _connection.Execute(create, transaction: _transaction);
            }
        }
        finally
        {
            Pragmas(cache, threads);
        }
    }

    private void Pragmas(long cacheSize, long threads) => _connection.Execute(
        string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = {cacheSize}; PRAGMA threads = {threads}"), transaction: _transaction);

    private unsafe void WriteChunk(FactTable table, Commands commands, Chunk chunk)
    {
        if (chunk.Count == 0)
        {
            return;
        }

        chunk.Sort();
        if (!commands.IndexesDropped && commands.Added + chunk.Count >= commands.DeferAt
            && Schema.IndexesOf(table.Table).Count > 0 && commands.Added + commands.NewRowsAmong(chunk) >= commands.DeferAt)
        {
            // A chunk that will take the table past the point of deferring its indexes drops them before its first row,
            // not when that row comes: none of its rows then pays for the indexes at random.
            DropSecondaryIndexes(table, commands);
        }

        // The chunk's buffer stays pinned while its rows are written: texts are bound in place, not copied.
        fixed (byte* bytes = chunk.Buffer)
        {
            try
            {
                for (var i = 0; i < chunk.Count; i++)
                {
                    var row = chunk[i];
                    var outcome = commands.Execute(row.Key, bytes + row.Offset, row.Length);
                    switch (outcome)
                    {
                        case WriteOutcome.Added:
                            _added++;
                            if (++commands.Added == commands.DeferAt)
                            {
                                DropSecondaryIndexes(table, commands);
                            }

                            break;
                        case WriteOutcome.Updated:
                            _updated++;
                            break;
                        default:
                            _unchanged++;
                            break;
                    }

                    if (outcome != WriteOutcome.Unchanged)
                    {
                        FirstDatedAt = FirstDatedAt is { } first && first <= row.DatedAt ? first : row.DatedAt;
                        LastDatedAt = LastDatedAt is { } last && last >= row.DatedAt ? last : row.DatedAt;
                    }
                }
            }
            finally
            {
                commands.EndChunk();
            }
        }

        chunk.Clear();
    }

    private void DropSecondaryIndexes(FactTable table, Commands commands)
    {
        if (Schema.IndexesOf(table.Table).Count == 0)
        {
            return;
        }

        foreach (var (name, _) in Schema.IndexesOf(table.Table))
        {
            _connection.Execute("DROP INDEX IF EXISTS " + name, transaction: _transaction);
        }

        commands.IndexesDropped = true;
    }

    public void Dispose()
    {
        // A chunk may still be being written when an import fails or is refused: its statements are in use until then.
        Channels.Turn.Drain();
        foreach (var commands in _commands.Values)
        {
            commands.Dispose();
        }
    }

    /// <summary>
    /// The insert and update statements of one table, prepared once and run through the bundled SQLite library directly (see
    /// <see cref="RowReader"/>): SQLitePCL's calls take the statement as a safe handle, two interlocked operations and a GC
    /// transition each, and copy every text; a row is a dozen calls. Binding is short and never calls back, so it runs
    /// without the GC transition, and texts are bound in place from the pinned chunk (SQLITE_STATIC); stepping keeps the
    /// transition.
    /// </summary>
    /// <remarks>
    /// Two statements, as when rows were written as they came: an insert that does nothing for a key already held, then,
    /// only when it did nothing, an update where a value differs. One upsert statement instead measured three times slower
    /// on a first import: with a DO UPDATE clause SQLite keeps a statement journal, a copy of every page the row touches.
    /// </remarks>
    private sealed unsafe partial class Commands : IDisposable
    {
        private const string Library = "e_sqlite3";

        private readonly SqliteConnection _connection;
        private readonly sqlite3_stmt _insert;
        private readonly sqlite3_stmt _update;
        private readonly sqlite3_stmt _held;
        private readonly nint _db;
        private readonly nint _insertHandle;
        private readonly nint _updateHandle;
        private readonly long _batchId;
        private readonly int _batchParameter;

        public Commands(SqliteConnection connection, SqliteTransaction transaction, FactTable table, long batchId)
        {
            var columns = table.Columns;
            _connection = connection;
            Values = new Cell[columns.Count];
            _batchId = batchId;
            _batchParameter = columns.Count + 2;
            string P(int i) => "?" + (i + 2).ToString(CultureInfo.InvariantCulture);
            var names = string.Join(", ", columns);
            var parameters = string.Join(", ", columns.Select((_, i) => P(i)));
            var assignments = string.Join(", ", columns.Select((c, i) => c + " = " + P(i)));
            var same = string.Join(" AND ", columns.Select((c, i) => c + " IS " + P(i)));
            var batch = "?" + _batchParameter.ToString(CultureInfo.InvariantCulture);
            var existing = connection.ExecuteScalar<long>($"SELECT COALESCE(MAX(id), 0) FROM {table.Table}", transaction: transaction);
            DeferAt = Math.Max(DeferIndexesAfterRows, existing / 8);
            _insert = Prepare($"INSERT INTO {table.Table} (key, {names}, batch_id) VALUES (?1, {parameters}, {batch}) ON CONFLICT (key) DO NOTHING");
            _update = Prepare($"UPDATE {table.Table} SET {assignments}, batch_id = {batch} WHERE key = ?1 AND NOT ({same})");
            _held = Prepare($"SELECT 1 FROM {table.Table} WHERE key = ?1");
            _db = connection.Handle!.DangerousGetHandle();
            _insertHandle = _insert.DangerousGetHandle();
            _updateHandle = _update.DangerousGetHandle();
        }

        /// <summary>The cells a fact is bound into before it joins <see cref="Filling"/>.</summary>
        public Cell[] Values { get; }

        /// <summary>The rows at which the chunk being gathered is written.</summary>
        public int ChunkRows { get; set; }

        /// <summary>The chunk rows are gathered into.</summary>
        public Chunk Filling { get; set; } = new();

        /// <summary>The other chunk: being written, or written and empty.</summary>
        public Chunk Spare { get; set; } = new();

        /// <summary>Rows added so far.</summary>
        public long Added { get; set; }

        /// <summary>The added-row count at which the table's secondary indexes are dropped until <see cref="Finish"/>.</summary>
        public long DeferAt { get; }

        public bool IndexesDropped { get; set; }

        /// <summary>Forgets the bindings, which point into the chunk's buffer.</summary>
        public void EndChunk()
        {
            ClearBindings(_insertHandle);
            ClearBindings(_updateHandle);
        }

        /// <summary>Writes one row from its encoded values (<see cref="Chunk"/>), which must stay pinned until <see cref="EndChunk"/>.</summary>
        public WriteOutcome Execute(long key, byte* values, int length)
        {
            if (Run(_insertHandle, key, values, length) == 1)
            {
                return WriteOutcome.Added;
            }

            return Run(_updateHandle, key, values, length) == 1 ? WriteOutcome.Updated : WriteOutcome.Unchanged;
        }

        /// <summary>
        /// How many rows of the sorted <paramref name="chunk"/> hold a key the table does not, estimated from 64 of them
        /// spread over it (64 key lookups): a first import adds them all, a re-import none.
        /// </summary>
        public long NewRowsAmong(Chunk chunk)
        {
            const int Samples = 64;
            var samples = Math.Min(Samples, chunk.Count);
            var absent = 0;
            for (var i = 0; i < samples; i++)
            {
                raw.sqlite3_bind_int64(_held, 1, chunk[(int)((long)i * chunk.Count / samples)].Key);
                var step = raw.sqlite3_step(_held);
                raw.sqlite3_reset(_held);
                if (step == raw.SQLITE_DONE)
                {
                    absent++;
                }
                else if (step != raw.SQLITE_ROW)
                {
                    Check(step);
                }
            }

            return (long)chunk.Count * absent / samples;
        }

        public void Dispose()
        {
            _insert.Dispose();
            _update.Dispose();
            _held.Dispose();
        }

        private int Run(nint statement, long key, byte* values, int length)
        {
            Check(BindInt64(statement, 1, key));
            var index = 2;
            var end = values + length;
            while (values < end)
            {
                switch (*values)
                {
                    case Chunk.Integer:
                        Check(BindInt64(statement, index, BinaryPrimitives.ReadInt64LittleEndian(new ReadOnlySpan<byte>(values + 1, 8))));
                        values += 9;
                        break;
                    case Chunk.Text:
                        var bytes = BinaryPrimitives.ReadInt32LittleEndian(new ReadOnlySpan<byte>(values + 1, 4));
                        Check(BindText(statement, index, values + 5, bytes, 0));
                        values += 5 + bytes;
                        break;
                    default:
                        Check(BindNull(statement, index));
                        values++;
                        break;
                }

                index++;
            }

            Check(BindInt64(statement, _batchParameter, _batchId));
            var step = Step(statement);
            Reset(statement);
            if (step != raw.SQLITE_DONE)
            {
                Check(step);
            }

            return Changes(_db);
        }

        private sqlite3_stmt Prepare(string sql)
        {
            var db = _connection.Handle!;
            var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
            return rc == raw.SQLITE_OK ? statement : throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }

        private void Check(int rc)
        {
            if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
            {
                throw new SqliteException(raw.sqlite3_errmsg(_connection.Handle!).utf8_to_string(), rc);
            }
        }

        [LibraryImport(Library, EntryPoint = "sqlite3_step")]
        private static partial int Step(nint statement);

        [LibraryImport(Library, EntryPoint = "sqlite3_reset")]
        private static partial int Reset(nint statement);

        [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64")]
        [SuppressGCTransition]
        private static partial int BindInt64(nint statement, int index, long value);

        [LibraryImport(Library, EntryPoint = "sqlite3_bind_null")]
        [SuppressGCTransition]
        private static partial int BindNull(nint statement, int index);

        /// <summary><paramref name="destructor"/> 0 is SQLITE_STATIC: the bytes stay where they are until rebound.</summary>
        [LibraryImport(Library, EntryPoint = "sqlite3_bind_text")]
        [SuppressGCTransition]
        private static partial int BindText(nint statement, int index, byte* text, int bytes, nint destructor);

        [LibraryImport(Library, EntryPoint = "sqlite3_clear_bindings")]
        [SuppressGCTransition]
        private static partial int ClearBindings(nint statement);

        [LibraryImport(Library, EntryPoint = "sqlite3_changes")]
        [SuppressGCTransition]
        private static partial int Changes(nint db);
    }

    /// <summary>
    /// Rows of one table waiting to be written: per row its key, its instant and its values encoded in one growing buffer
    /// (a tag byte each: null; an integer, 8 bytes; or UTF-8 text, a 4-byte length and the bytes), so a million gathered
    /// rows are two arrays rather than millions of objects.
    /// </summary>
    private sealed class Chunk
    {
        public const byte Null = 0;
        public const byte Integer = 1;
        public const byte Text = 2;

        private byte[] _bytes = new byte[1 << 12];
        private Row[] _rows = new Row[64];
        private long[] _keys = new long[64];

        public int Count { get; private set; }

        /// <summary>Encoded bytes held.</summary>
        public int Bytes { get; private set; }

        public Row this[int i] => _rows[i];

        public void Add(long key, long datedAt, Cell[] values)
        {
            var needed = 0;
            foreach (var cell in values)
            {
                needed += cell switch
                {
                    { IsNull: true } => 1,
                    { Text: { } text } => 5 + Encoding.UTF8.GetMaxByteCount(text.Length),
                    _ => 9,
                };
            }

            if (_bytes.Length - Bytes < needed)
            {
                Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Bytes + needed));
            }

            if (Count == _rows.Length)
            {
                Array.Resize(ref _rows, _rows.Length * 2);
                Array.Resize(ref _keys, _rows.Length);
            }

            var start = Bytes;
            var at = start;
            foreach (var cell in values)
            {
                if (cell.IsNull)
                {
                    _bytes[at++] = Null;
                }
                else if (cell.Text is { } text)
                {
                    _bytes[at] = Text;
                    var length = Encoding.UTF8.GetBytes(text, _bytes.AsSpan(at + 5));
                    BinaryPrimitives.WriteInt32LittleEndian(_bytes.AsSpan(at + 1), length);
                    at += 5 + length;
                }
                else
                {
                    _bytes[at] = Integer;
                    BinaryPrimitives.WriteInt64LittleEndian(_bytes.AsSpan(at + 1), cell.Integer);
                    at += 9;
                }
            }

            Sorted = false;
            _keys[Count] = key;
            _rows[Count++] = new Row(key, datedAt, start, at - start);
            Bytes = at;
        }

        /// <summary>
        /// Orders the rows by key, the rows of one key in the order they came (their place in the buffer). The keys are
        /// sorted as plain numbers, the rows alongside (no comparison delegate: three times faster), then the rare runs of
        /// one key are put back in file order.
        /// </summary>
        public void Sort()
        {
            if (Count < 2 || Sorted)
            {
                return;
            }

            var rows = _rows.AsSpan(0, Count);
            _keys.AsSpan(0, Count).Sort(rows);
            for (var i = 0; i < rows.Length - 1; i++)
            {
                var end = i + 1;
                while (end < rows.Length && rows[end].Key == rows[i].Key)
                {
                    end++;
                }

                if (end - i > 1)
                {
                    rows[i..end].Sort(static (a, b) => a.Offset.CompareTo(b.Offset));
                }

                i = end - 1;
            }

            Sorted = true;
        }

        /// <summary>True once <see cref="Sort"/> has ordered the rows gathered.</summary>
        public bool Sorted { get; private set; }

        /// <summary>The encoded rows; row <c>i</c> is <c>Length</c> bytes from <c>Offset</c>.</summary>
        public byte[] Buffer => _bytes;

        /// <summary>Forgets the rows; a buffer grown past what a chunk needs is given back.</summary>
        public void Clear()
        {
            Count = 0;
            Bytes = 0;
            Sorted = false;
            if (_bytes.Length > MaxChunkBytes * 2)
            {
                _bytes = new byte[1 << 12];
            }
        }

        public readonly record struct Row(long Key, long DatedAt, int Offset, int Length);
    }
}

/// <summary>
/// Maps channel names to catalog ids inside a transaction, adding unknown names (grouped by the built-in guess, else
/// unassigned). Names match case-insensitively; the first spelling seen is kept.
/// </summary>
internal sealed class ChannelResolver : IChannelIds
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly SqliteStore _store;
    private readonly Dictionary<string, long> _ids;

    public ChannelResolver(SqliteConnection connection, SqliteTransaction transaction, SqliteStore store)
    {
        _connection = connection;
        _transaction = transaction;
        _store = store;
        _ids = connection.Query<(long Id, string Name)>("SELECT id, name FROM channels", transaction: transaction)
            .ToDictionary(r => r.Name, r => r.Id, StringComparer.OrdinalIgnoreCase);
    }

    public List<string> Added { get; } = [];

    /// <summary>Whose turn it is on the session's connection: a chunk being written on another thread, or this one.</summary>
    public ConnectionTurn Turn { get; } = new();

    public long Resolve(string name)
    {
        if (_ids.TryGetValue(name, out var id))
        {
            return id;
        }

        Turn.Wait();
        id = _connection.ExecuteScalar<long>(
            "INSERT INTO channels (name, grp, created_at) VALUES (@name, @grp, @now) RETURNING id",
            new { name, grp = ChannelGroups.Guess(name).Slug(), now = _store.Now() }, _transaction);
        _ids[name] = id;
        Added.Add(name);
        return id;
    }
}

/// <summary>
/// The one chunk a session writes on another thread (<see cref="FactWriter"/>) while the import's thread gathers the next.
/// The connection is used by one thread at a time: the import's thread waits for the chunk before it touches the
/// connection itself (a new channel, a new table, the last chunk, the commit) and before it starts the next chunk.
/// </summary>
internal sealed class ConnectionTurn
{
    private Task? _writing;

    /// <summary>Waits for the chunk being written, if any, and rethrows its failure.</summary>
    public void Wait()
    {
        var writing = _writing;
        _writing = null;
        writing?.GetAwaiter().GetResult();
    }

    /// <summary>Waits for the chunk being written, then starts writing the next with <paramref name="write"/>.</summary>
    public void Start(Action write)
    {
        Wait();
        _writing = Task.Factory.StartNew(write, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Waits for the chunk being written, ignoring its failure: the session is being rolled back anyway.</summary>
    public void Drain()
    {
        try
        {
            Wait();
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException or ObjectDisposedException)
        {
        }
    }
}
