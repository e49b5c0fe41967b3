using System.Globalization;
using Dapper;
using Mercato.Core.DataCenter;
using Microsoft.Data.Sqlite;

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

    public FactWriter(SqliteConnection connection, SqliteTransaction transaction, long batchId, MercatoStore store, ChannelResolver? channels = null)
    {
        _connection = connection;
        _transaction = transaction;
        _batchId = batchId;
        Channels = channels ?? new ChannelResolver(connection, transaction, store);
    }

    public ChannelResolver Channels { get; }

    public long? FirstDatedAt { get; private set; }

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
        if (outcome != WriteOutcome.Unchanged)
        {
            var at = table.DatedAt(fact);
            FirstDatedAt = FirstDatedAt is { } first && first <= at ? first : at;
            LastDatedAt = LastDatedAt is { } last && last >= at ? last : at;
        }

        return outcome;
    }

    public void Dispose()
    {
        foreach (var commands in _commands.Values)
        {
            commands.Dispose();
        }
    }

    private sealed class Commands : IDisposable
    {
        private readonly SqliteCommand _insert;
        private readonly SqliteCommand _update;
        private readonly SqliteParameter[] _insertParameters;
        private readonly SqliteParameter[] _updateParameters;

        public Commands(SqliteConnection connection, SqliteTransaction transaction, FactTable table, long batchId)
        {
            var columns = table.Columns;
            Values = new object?[columns.Count];
            var names = string.Join(", ", columns);
            var parameters = string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)));
            var assignments = string.Join(", ", columns.Select((c, i) => c + " = $p" + i.ToString(CultureInfo.InvariantCulture)));
            var same = string.Join(" AND ", columns.Select((c, i) => c + " IS $p" + i.ToString(CultureInfo.InvariantCulture)));

            _insert = Prepare(connection, transaction,
                $"INSERT INTO {table.Table} (key, {names}, batch_id) VALUES ($key, {parameters}, $batch) ON CONFLICT (key) DO NOTHING",
                columns.Count, batchId, out _insertParameters);
            _update = Prepare(connection, transaction,
                $"UPDATE {table.Table} SET {assignments}, batch_id = $batch WHERE key = $key AND NOT ({same})",
                columns.Count, batchId, out _updateParameters);
        }

        public object?[] Values { get; }

        public WriteOutcome Execute(long key)
        {
            if (Run(_insert, _insertParameters, key) == 1)
            {
                return WriteOutcome.Added;
            }

            return Run(_update, _updateParameters, key) == 1 ? WriteOutcome.Updated : WriteOutcome.Unchanged;
        }

        public void Dispose()
        {
            _insert.Dispose();
            _update.Dispose();
        }

        private int Run(SqliteCommand command, SqliteParameter[] parameters, long key)
        {
            parameters[0].Value = key;
            for (var i = 0; i < Values.Length; i++)
            {
                parameters[i + 1].Value = Values[i] ?? DBNull.Value;
            }

            return command.ExecuteNonQuery();
        }

        private static SqliteCommand Prepare(
            SqliteConnection connection, SqliteTransaction transaction, string sql, int count, long batchId, out SqliteParameter[] parameters)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            parameters = new SqliteParameter[count + 1];
            parameters[0] = command.Parameters.Add("$key", SqliteType.Integer);
            for (var i = 0; i < count; i++)
            {
                parameters[i + 1] = command.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), null));
            }

            command.Parameters.AddWithValue("$batch", batchId);
            command.Prepare();
            return command;
        }
    }
}

/// <summary>
/// Maps channel names to catalog ids inside a transaction, adding unknown names (grouped by the built-in guess, else
/// unassigned). Names match case-insensitively; the first spelling seen is kept.
/// </summary>
internal sealed class ChannelResolver
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly MercatoStore _store;
    private readonly Dictionary<string, long> _ids;

    public ChannelResolver(SqliteConnection connection, SqliteTransaction transaction, MercatoStore store)
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
