using System.Globalization;
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
internal sealed class FactWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly long _batchId;
    private readonly Dictionary<FactTable, Commands> _commands = [];

    /// <summary>Rows an import adds before it defers a table's secondary indexes, at least.</summary>
    internal const long DeferIndexesAfterRows = 100_000;

    public FactWriter(SqliteConnection connection, SqliteTransaction transaction, long batchId, ChannelResolver channels)
    {
        _connection = connection;
        _transaction = transaction;
        _batchId = batchId;
        Channels = channels;
    }

    public ChannelResolver Channels { get; }

    public long? FirstDatedAt { get; private set; }

    /// <summary>What the writes so far did.</summary>
    public WriteCounts Counts => new(_added, _updated, _unchanged, FirstDatedAt, LastDatedAt);

    private long _added;
    private long _updated;
    private long _unchanged;

    public long? LastDatedAt { get; private set; }

    public WriteOutcome Write(IFact fact)
    {
        var table = FactTables.For(fact);
        if (!_commands.TryGetValue(table, out var commands))
        {
            commands = new Commands(_connection, _transaction, table, _batchId);
            _commands[table] = commands;
        }

        table.Bind(fact, commands.Values, Channels);
        var outcome = commands.Execute(fact.Key);
        if (outcome == WriteOutcome.Added && ++commands.Added == commands.DeferAt)
        {
            DropSecondaryIndexes(table);
        }

        switch (outcome)
        {
            case WriteOutcome.Added: _added++; break;
            case WriteOutcome.Updated: _updated++; break;
            default: _unchanged++; break;
        }

        if (outcome != WriteOutcome.Unchanged)
        {
            var at = table.DatedAt(fact);
            FirstDatedAt = FirstDatedAt is { } first && first <= at ? first : at;
            LastDatedAt = LastDatedAt is { } last && last >= at ? last : at;
        }

        return outcome;
    }

    /// <summary>
    /// Builds the secondary indexes this writer dropped; call it before committing. Large imports drop them once they have
    /// added <see cref="DeferIndexesAfterRows"/> rows and an eighth of what the table held: a single CREATE INDEX (one sort)
    /// then costs less than maintaining the index row by row.
    /// </summary>
    public void RestoreIndexes()
    {
        foreach (var (table, commands) in _commands)
        {
            if (commands.IndexesDropped)
            {
                foreach (var (_, create) in Schema.IndexesOf(table.Table))
                {
                    _connection.Execute(create, transaction: _transaction);
                }

                commands.IndexesDropped = false;
            }
        }
    }

    private void DropSecondaryIndexes(FactTable table)
    {
        if (Schema.IndexesOf(table.Table).Count == 0)
        {
            return;
        }

        foreach (var (name, _) in Schema.IndexesOf(table.Table))
        {
            _connection.Execute("DROP INDEX IF EXISTS " + name, transaction: _transaction);
        }

        _commands[table].IndexesDropped = true;
    }

    public void Dispose()
    {
        foreach (var commands in _commands.Values)
        {
            commands.Dispose();
        }
    }

    /// <summary>
    /// The insert and update statements of one table, prepared once and run through SQLitePCL directly: binding by
    /// position skips ADO.NET's per-parameter name lookup, which dominated the cost of a row.
    /// </summary>
    private sealed class Commands : IDisposable
    {
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _insert;
        private readonly sqlite3_stmt _update;
        private readonly long _batchId;
        private byte[] _utf8 = new byte[1024];

        public Commands(SqliteConnection connection, SqliteTransaction transaction, FactTable table, long batchId)
        {
            var columns = table.Columns;
            Values = new Cell[columns.Count];
            _db = connection.Handle!;
            _batchId = batchId;
            string P(int i) => "?" + (i + 2).ToString(CultureInfo.InvariantCulture);
            var names = string.Join(", ", columns);
            var parameters = string.Join(", ", columns.Select((_, i) => P(i)));
            var assignments = string.Join(", ", columns.Select((c, i) => c + " = " + P(i)));
            var same = string.Join(" AND ", columns.Select((c, i) => c + " IS " + P(i)));
            var batch = "?" + (columns.Count + 2).ToString(CultureInfo.InvariantCulture);
            var existing = connection.ExecuteScalar<long>($"SELECT COALESCE(MAX(id), 0) FROM {table.Table}", transaction: transaction);
            DeferAt = Math.Max(DeferIndexesAfterRows, existing / 8);
            _insert = Prepare($"INSERT INTO {table.Table} (key, {names}, batch_id) VALUES (?1, {parameters}, {batch}) ON CONFLICT (key) DO NOTHING");
            _update = Prepare($"UPDATE {table.Table} SET {assignments}, batch_id = {batch} WHERE key = ?1 AND NOT ({same})");
        }

        public Cell[] Values { get; }

        /// <summary>Rows added so far.</summary>
        public long Added { get; set; }

        /// <summary>The added-row count at which the table's secondary indexes are dropped until <see cref="RestoreIndexes"/>.</summary>
        public long DeferAt { get; }

        public bool IndexesDropped { get; set; }

        public WriteOutcome Execute(long key)
        {
            if (Run(_insert, key) == 1)
            {
                return WriteOutcome.Added;
            }

            return Run(_update, key) == 1 ? WriteOutcome.Updated : WriteOutcome.Unchanged;
        }

        public void Dispose()
        {
            _insert.Dispose();
            _update.Dispose();
        }

        private int Run(sqlite3_stmt statement, long key)
        {
            raw.sqlite3_bind_int64(statement, 1, key);
            for (var i = 0; i < Values.Length; i++)
            {
                var index = i + 2;
                var cell = Values[i];
                Check(cell switch
                {
                    { IsNull: true } => raw.sqlite3_bind_null(statement, index),
                    { Text: { } text } => BindText(statement, index, text),
                    _ => raw.sqlite3_bind_int64(statement, index, cell.Integer),
                });
            }

            raw.sqlite3_bind_int64(statement, Values.Length + 2, _batchId);
            var step = raw.sqlite3_step(statement);
            raw.sqlite3_reset(statement);
            if (step != raw.SQLITE_DONE)
            {
                Check(step);
            }

            return raw.sqlite3_changes(_db);
        }

        /// <summary>Binds text as UTF-8 from a reused buffer (SQLite copies it), without a new byte array per value.</summary>
        private int BindText(sqlite3_stmt statement, int index, string text)
        {
            var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
            if (_utf8.Length < needed)
            {
                _utf8 = new byte[Math.Max(needed, _utf8.Length * 2)];
            }

            var length = Encoding.UTF8.GetBytes(text, _utf8);
            return raw.sqlite3_bind_text(statement, index, new ReadOnlySpan<byte>(_utf8, 0, length));
        }

        private sqlite3_stmt Prepare(string sql)
        {
            Check(raw.sqlite3_prepare_v2(_db, sql, out var statement));
            return statement;
        }

        private void Check(int rc)
        {
            if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
            {
                throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);
            }
        }
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

    public long Resolve(string name)
    {
        if (_ids.TryGetValue(name, out var id))
        {
            return id;
        }

        id = _connection.ExecuteScalar<long>(
            "INSERT INTO channels (name, grp, created_at) VALUES (@name, @grp, @now) RETURNING id",
            new { name, grp = ChannelGroups.Guess(name).Slug(), now = _store.Now() }, _transaction);
        _ids[name] = id;
        Added.Add(name);
        return id;
    }
}
