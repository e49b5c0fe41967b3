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
    /// <summary>Kept in the staging table; its outcome is counted when the staged rows are merged.</summary>
    Staged,
}

/// <summary>
/// Writes facts inside one open transaction. A row whose key is new is added; a row whose key exists is updated when any
/// value differs (a restated spend, a corrected order) and otherwise left as it is, so re-importing the same data changes
/// nothing.
/// </summary>
/// <remarks>
/// Two paths with one outcome. The first <see cref="SqliteStore.StageAfterRows"/> rows of a table are written one by one
/// (an insert, else an update), which is what a request of a few hundred events needs. The rest of a large import is
/// appended to a temporary staging table without any index, and <see cref="Finish"/> merges it in one statement that
/// reads the staged rows sorted by key (file order within a key) and inserts or updates each against the table: the key
/// index is then walked in order instead of at random, which is what made a large import slow. Applying the rows in
/// (key, file order) gives every row the outcome it has on the first path, so the counts are derived from what the merge
/// changed (see <see cref="Staging.Merge"/>). Everything stays inside the session's transaction.
/// </remarks>
internal sealed class FactWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly long _batchId;
    private readonly long _stageAfterRows;
    private readonly Dictionary<FactTable, Commands> _commands = [];

    /// <summary>Rows an import adds before it defers a table's secondary indexes, at least.</summary>
    internal const long DeferIndexesAfterRows = 100_000;

    /// <summary>Rows of one table a session writes one by one before it stages the rest (<see cref="SqliteStore.StageAfterRows"/>).</summary>
    internal const long DefaultStageAfterRows = 50_000;

    public FactWriter(SqliteConnection connection, SqliteTransaction transaction, long batchId, ChannelResolver channels, long stageAfterRows)
    {
        _connection = connection;
        _transaction = transaction;
        _batchId = batchId;
        _stageAfterRows = stageAfterRows;
        Channels = channels;
    }

    public ChannelResolver Channels { get; }

    public long? FirstDatedAt { get; private set; }

    /// <summary>What the writes so far did; staged rows count once <see cref="Finish"/> has merged them.</summary>
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
        if (commands.Staging is null && commands.Written >= _stageAfterRows)
        {
            commands.Staging = new Staging(_connection, _transaction, table, commands.Binder);
        }

        if (commands.Staging is { } staging)
        {
            staging.Add(fact.Key, table.DatedAt(fact), commands.Values);
            return WriteOutcome.Staged;
        }

        commands.Written++;
        var outcome = commands.Execute(fact.Key);
        if (outcome == WriteOutcome.Added && ++commands.Added == commands.DeferAt)
        {
            DropSecondaryIndexes(table);
        }

        Count(outcome, 1);
        if (outcome != WriteOutcome.Unchanged)
        {
            Dated(table.DatedAt(fact), table.DatedAt(fact));
        }

        return outcome;
    }

    /// <summary>
    /// Merges the staged rows into their tables and builds the secondary indexes this writer dropped; call it before
    /// committing (again after more writes, if any). Large imports drop the secondary indexes once they add
    /// <see cref="DeferIndexesAfterRows"/> rows and an eighth of what the table held: a single CREATE INDEX (one sort)
    /// then costs less than maintaining the index row by row.
    /// </summary>
    public void Finish()
    {
        foreach (var (table, commands) in _commands)
        {
            if (commands.Staging is { } staging)
            {
                commands.Staging = null;
                using (staging)
                {
                    // Rows the merge will add, estimated from a sample of the staged keys: a re-import adds none and
                    // should not rebuild the journey index, a first import of a large file should.
                    if (!commands.IndexesDropped && Schema.IndexesOf(table.Table).Count > 0
                        && commands.Added + staging.EstimateNewRows() >= commands.DeferAt)
                    {
                        DropSecondaryIndexes(table);
                    }

                    var merged = staging.Merge(_batchId);
                    commands.Added += merged.Added;
                    _added += merged.Added;
                    _updated += merged.Updated;
                    _unchanged += merged.Unchanged;
                    if (merged.FirstDatedAt is { } first && merged.LastDatedAt is { } last)
                    {
                        Dated(first, last);
                    }
                }
            }

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

    private void Count(WriteOutcome outcome, long rows)
    {
        switch (outcome)
        {
            case WriteOutcome.Added: _added += rows; break;
            case WriteOutcome.Updated: _updated += rows; break;
            default: _unchanged += rows; break;
        }
    }

    private void Dated(long first, long last)
    {
        FirstDatedAt = FirstDatedAt is { } f && f <= first ? f : first;
        LastDatedAt = LastDatedAt is { } l && l >= last ? l : last;
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
            commands.Staging?.Dispose();
            commands.Staging = null;
            commands.Dispose();
        }
    }

    /// <summary>
    /// Binds a row's cells to a statement through SQLitePCL directly and steps it: binding by position skips ADO.NET's
    /// per-parameter name lookup, which dominated the cost of a row.
    /// </summary>
    private sealed class Binder(sqlite3 db)
    {
        private byte[] _utf8 = new byte[1024];

        public sqlite3 Db { get; } = db;

        /// <summary>Binds <paramref name="values"/> to parameters <paramref name="first"/>, <paramref name="first"/>+1, ...</summary>
        public void Bind(sqlite3_stmt statement, int first, Cell[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                var index = first + i;
                var cell = values[i];
                Check(cell switch
                {
                    { IsNull: true } => raw.sqlite3_bind_null(statement, index),
                    { Text: { } text } => BindText(statement, index, text),
                    _ => raw.sqlite3_bind_int64(statement, index, cell.Integer),
                });
            }
        }

        /// <summary>Runs a bound statement to its end and returns the rows it changed.</summary>
        public int Run(sqlite3_stmt statement)
        {
            var step = raw.sqlite3_step(statement);
            raw.sqlite3_reset(statement);
            if (step != raw.SQLITE_DONE)
            {
                Check(step);
            }

            return raw.sqlite3_changes(Db);
        }

        public sqlite3_stmt Prepare(string sql)
        {
            Check(raw.sqlite3_prepare_v2(Db, sql, out var statement));
            return statement;
        }

        public void Check(int rc)
        {
            if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
            {
                throw new SqliteException(raw.sqlite3_errmsg(Db).utf8_to_string(), rc);
            }
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
    }

    /// <summary>The insert and update statements of one table, prepared once, and the table's staging once it has one.</summary>
    private sealed class Commands : IDisposable
    {
        private readonly sqlite3_stmt _insert;
        private readonly sqlite3_stmt _update;
        private readonly long _batchId;

        public Commands(SqliteConnection connection, SqliteTransaction transaction, FactTable table, long batchId)
        {
            var columns = table.Columns;
            Values = new Cell[columns.Count];
            Binder = new Binder(connection.Handle!);
            _batchId = batchId;
            string P(int i) => "?" + (i + 2).ToString(CultureInfo.InvariantCulture);
            var names = string.Join(", ", columns);
            var parameters = string.Join(", ", columns.Select((_, i) => P(i)));
            var assignments = string.Join(", ", columns.Select((c, i) => c + " = " + P(i)));
            var same = string.Join(" AND ", columns.Select((c, i) => c + " IS " + P(i)));
            var batch = "?" + (columns.Count + 2).ToString(CultureInfo.InvariantCulture);
            var existing = connection.ExecuteScalar<long>($"SELECT COALESCE(MAX(id), 0) FROM {table.Table}", transaction: transaction);
            DeferAt = Math.Max(DeferIndexesAfterRows, existing / 8);
            _insert = Binder.Prepare($"INSERT INTO {table.Table} (key, {names}, batch_id) VALUES (?1, {parameters}, {batch}) ON CONFLICT (key) DO NOTHING");
            _update = Binder.Prepare($"UPDATE {table.Table} SET {assignments}, batch_id = {batch} WHERE key = ?1 AND NOT ({same})");
        }

        public Cell[] Values { get; }

        public Binder Binder { get; }

        /// <summary>Rows written one by one so far.</summary>
        public long Written { get; set; }

        /// <summary>Rows added so far.</summary>
        public long Added { get; set; }

        /// <summary>The added-row count at which the table's secondary indexes are dropped until <see cref="Finish"/>.</summary>
        public long DeferAt { get; }

        public bool IndexesDropped { get; set; }

        /// <summary>Where the rest of the session's rows of this table go once <see cref="Written"/> reached the threshold.</summary>
        public Staging? Staging { get; set; }

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
            Binder.Bind(statement, 2, Values);
            raw.sqlite3_bind_int64(statement, Values.Length + 2, _batchId);
            return Binder.Run(statement);
        }
    }

    /// <summary>What one merge of staged rows did.</summary>
    private readonly record struct Merged(long Added, long Updated, long Unchanged, long? FirstDatedAt, long? LastDatedAt);

    /// <summary>
    /// A temporary table, without index, that a large import's rows are appended to (its rowid is the file order), and the
    /// merge of those rows into the fact table.
    /// </summary>
    private sealed class Staging : IDisposable
    {
        private static long _next;
        private readonly SqliteConnection _connection;
        private readonly SqliteTransaction _transaction;
        private readonly FactTable _table;
        private readonly Binder _binder;
        private readonly string _name;
        private sqlite3_stmt? _insert;
        private long _rows;
        private long _minDated = long.MaxValue;
        private long _maxDated = long.MinValue;

        public Staging(SqliteConnection connection, SqliteTransaction transaction, FactTable table, Binder binder)
        {
            _connection = connection;
            _transaction = transaction;
            _table = table;
            _binder = binder;
            _name = "mercato_stage_" + table.Table + "_" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
            // No declared types: a value keeps the type it was bound with, and the fact table's own affinity applies when
            // it is merged, exactly as when it is bound to the table's insert.
            connection.Execute($"CREATE TEMP TABLE {_name} (key, dated_at, {string.Join(", ", table.Columns)})", transaction: transaction);
            var parameters = string.Join(", ", Enumerable.Range(1, table.Columns.Count + 2).Select(i => "?" + i.ToString(CultureInfo.InvariantCulture)));
            _insert = binder.Prepare($"INSERT INTO temp.{_name} VALUES ({parameters})");
        }

        public void Add(long key, long datedAt, Cell[] values)
        {
            var insert = _insert!;
            raw.sqlite3_bind_int64(insert, 1, key);
            raw.sqlite3_bind_int64(insert, 2, datedAt);
            _binder.Bind(insert, 3, values);
            _binder.Run(insert);
            _rows++;
            _minDated = Math.Min(_minDated, datedAt);
            _maxDated = Math.Max(_maxDated, datedAt);
        }

        /// <summary>
        /// How many staged rows hold a key the table does not, estimated from up to 1,024 staged rows spread evenly over
        /// the file (a few milliseconds: each is one rowid and one key lookup).
        /// </summary>
        public long EstimateNewRows()
        {
            if (_rows == 0)
            {
                return 0;
            }

            var samples = Math.Min(_rows, 1024);
            var step = _rows / samples;
            var statement = _binder.Prepare(
                $"SELECT NOT EXISTS (SELECT 1 FROM {_table.Table} t WHERE t.key = (SELECT key FROM temp.{_name} WHERE rowid = ?1))");
            try
            {
                long absent = 0;
                for (long i = 0; i < samples; i++)
                {
                    raw.sqlite3_bind_int64(statement, 1, 1 + (i * step));
                    _binder.Check(raw.sqlite3_step(statement));
                    absent += raw.sqlite3_column_int64(statement, 0);
                    raw.sqlite3_reset(statement);
                }

                return _rows * absent / samples;
            }
            finally
            {
                statement.Dispose();
            }
        }

        /// <summary>
        /// Applies the staged rows in (key, file order), each as an insert or, for a held key, an update when a value
        /// differs, so each row meets the state the row before it left, as on the row-by-row path. The counts follow from
        /// the statement: the table's rowids are handed out in sequence, so rows added = the rise of the largest id; rows
        /// changed = what SQLite reports; updated = changed − added; unchanged = staged − changed. The instants the changed
        /// rows are dated at come from the staged rows when every one was added, else from the added rows (id above the
        /// old largest) and a temporary trigger that notes each update's new values (and the old ones when they were
        /// added by this merge, so a key added then restated in one file counts both).
        /// </summary>
        public Merged Merge(long batchId)
        {
            _insert?.Dispose();
            _insert = null;
            var table = _table.Table;
            var columns = _table.Columns;
            var names = string.Join(", ", columns);
            var maxBefore = MaxId();
            var dates = _name + "_dates";
            string Dated(string row) => DatedAtSql(_table, row);
            var old = maxBefore.ToString(CultureInfo.InvariantCulture);
            _connection.Execute(
                $"""
                CREATE TEMP TABLE {dates} (lo INTEGER, hi INTEGER);
                INSERT INTO temp.{dates} VALUES (NULL, NULL);
                CREATE TEMP TRIGGER {dates} AFTER UPDATE ON main.{table}
                BEGIN
                    UPDATE {dates} SET lo = min(coalesce(lo, {Dated("NEW.")}), {Dated("NEW.")}), hi = max(coalesce(hi, {Dated("NEW.")}), {Dated("NEW.")});
                    UPDATE {dates} SET lo = min(coalesce(lo, {Dated("OLD.")}), {Dated("OLD.")}), hi = max(coalesce(hi, {Dated("OLD.")}), {Dated("OLD.")})
                        WHERE OLD.id > {old};
                END;
                """, transaction: _transaction);

            var merge = _binder.Prepare(
                $"""
                INSERT INTO {table} (key, {names}, batch_id)
                SELECT key, {names}, ?1 FROM temp.{_name} WHERE true ORDER BY key, rowid
                ON CONFLICT (key) DO UPDATE SET {string.Join(", ", columns.Select(c => c + " = excluded." + c))}, batch_id = excluded.batch_id
                WHERE NOT ({string.Join(" AND ", columns.Select(c => c + " IS excluded." + c))})
                """);
            long changed;
            try
            {
                raw.sqlite3_bind_int64(merge, 1, batchId);
                changed = _binder.Run(merge);
            }
            finally
            {
                merge.Dispose();
            }

            var added = MaxId() - maxBefore;
            long? first = null, last = null;
            if (added == _rows && _rows > 0)
            {
                (first, last) = (_minDated, _maxDated);
            }
            else if (changed > 0)
            {
                var updates = _connection.QuerySingle<(long? Lo, long? Hi)>($"SELECT lo, hi FROM temp.{dates}", transaction: _transaction);
                var adds = added > 0
                    ? _connection.QuerySingle<(long? Lo, long? Hi)>(
                        $"SELECT MIN({Dated("")}), MAX({Dated("")}) FROM {table} WHERE id > @old", new { old = maxBefore }, _transaction)
                    : default;
                first = Min(updates.Lo, adds.Lo);
                last = Max(updates.Hi, adds.Hi);
            }

            _connection.Execute($"DROP TRIGGER temp.{dates}; DROP TABLE temp.{dates}; DROP TABLE temp.{_name};", transaction: _transaction);
            return new Merged(added, changed - added, _rows - changed, first, last);
        }

        public void Dispose()
        {
            _insert?.Dispose();
            _insert = null;
        }

        private long MaxId() => _connection.ExecuteScalar<long>($"SELECT COALESCE(MAX(id), 0) FROM {_table.Table}", transaction: _transaction);

        private static long? Min(long? a, long? b) => a is { } x && b is { } y ? Math.Min(x, y) : a ?? b;

        private static long? Max(long? a, long? b) => a is { } x && b is { } y ? Math.Max(x, y) : a ?? b;

        /// <summary>
        /// <see cref="FactTable.DatedAt"/> in SQL over the columns of <paramref name="row"/> (<c>NEW.</c>, <c>OLD.</c> or
        /// empty): the instant, or the first instant (UTC) of the day or month.
        /// </summary>
        private static string DatedAtSql(FactTable table, string row) => table.DateColumn switch
        {
            "ts" => row + "ts",
            "day" => $"unixepoch({row}day) * 1000",
            "month" => $"unixepoch({row}month || '-01') * 1000",
            var other => throw new NotSupportedException("no instant for the date column " + other),
        };
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
