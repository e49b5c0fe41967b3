using System.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Mercato.Core.DataCenter;
using Mercato.Core.Kpis;
using Mercato.Core.Measurement;
using Mercato.Storage.Relational;
using Npgsql;
using NpgsqlTypes;

namespace Mercato.Storage.Postgres;

/// <summary>
/// The server store: a PostgreSQL database reached with an Npgsql connection string. Opening it brings the schema up to
/// date and marks imports whose process ended mid-way as interrupted. The readers of <see cref="RelationalStore"/> serve
/// every port; this class adds the connection settings, the migrations, the bulk write path (binary COPY into a staging
/// table and one merge per kind) and the journey and activity cursors, which fetch rows in blocks from server-side cursors
/// of one snapshot.
/// </summary>
public sealed class PostgresStore : RelationalStore
{
    private readonly NpgsqlDataSource _source;

    private PostgresStore(NpgsqlDataSource source, string location, TimeProvider time)
        : base(time)
    {
        _source = source;
        Location = location;
        Sink = new PostgresFactSink(this);
        Cohorts = new RelationalCohortReader(this, PostgresCohortSql.Acquired, PostgresCohortSql.MonthIndexOfConversion);
    }

    /// <inheritdoc/>
    public override string Provider => "postgres";

    /// <inheritdoc/>
    public override string Location { get; }

    /// <inheritdoc/>
    public override SqlDialect Dialect { get; } = new PostgresDialect();

    /// <inheritdoc/>
    public override IFactSink Sink { get; }

    /// <inheritdoc/>
    public override ICohortReader Cohorts { get; }

    /// <summary>Connects with <paramref name="connectionString"/> (an Npgsql connection string), migrates, and marks interrupted imports.</summary>
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refuses, or the schema is newer than this program.</exception>
    public static async Task<PostgresStore> OpenAsync(string connectionString, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new StoreUnavailableException(StoreCodes.Unreachable, "(connection string)", ex.Message, ex);
        }

        var location = string.Create(CultureInfo.InvariantCulture, $"postgres://{builder.Host}:{builder.Port}/{builder.Database}")
            + (string.IsNullOrEmpty(builder.SearchPath) ? "" : "?search_path=" + builder.SearchPath);
        // Long imports and scans are bounded by the caller's cancellation, not by a command timeout.
        builder.CommandTimeout = 0;
        var source = NpgsqlDataSource.Create(builder.ConnectionString);
        var store = new PostgresStore(source, location, time);
        try
        {
            await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await MigrateAsync(connection, location, cancellationToken).ConfigureAwait(false);
            await store.MarkInterruptedBatchesAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            await source.DisposeAsync().ConfigureAwait(false);
            throw new StoreUnavailableException(StoreCodes.Unreachable, location, ex.Message, ex);
        }
        catch
        {
            await source.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return store;
    }

    /// <inheritdoc/>
    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Opens a connection synchronously (the write session's channel lookups run inside a synchronous write).</summary>
    internal NpgsqlConnection OpenConnection() => _source.OpenConnection();

    /// <inheritdoc/>
    public override async ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public override async ValueTask<DbTransaction> BeginDocumentWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await ((NpgsqlConnection)connection).BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(PostgresLocks.LockDocuments, transaction: transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return transaction;
    }

    /// <inheritdoc/>
    public override async Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var version = await SchemaVersionAsync(connection, cancellationToken).ConfigureAwait(false);
            var detail = string.Create(CultureInfo.InvariantCulture, $"postgres {connection.PostgreSqlVersion}, schema {version}, {Location}");
            return version == PostgresSchema.Migrations.Count
                ? new StoreHealth(true, detail)
                : new StoreHealth(false, detail + string.Create(CultureInfo.InvariantCulture, $": this program knows schema {PostgresSchema.Migrations.Count}"));
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return new StoreHealth(false, Location + ": " + ex.Message);
        }
    }

    /// <inheritdoc/>
    protected internal override JourneyCursors OpenJourneyCursors(DbConnection connection, DbTransaction? transaction, JourneyQuery query)
    {
        var npgsql = (NpgsqlConnection)connection;
        var (from, to) = JourneyScan.TouchWindow(query);
        var tag = query.Label switch
        {
            JourneyLabel.Campaign => ", campaign",
            JourneyLabel.Referral => ", referral_code",
            _ => "",
        };
        var where = (from, to) switch
        {
            (long.MinValue, long.MaxValue) => "",
            (long.MinValue, _) => string.Create(CultureInfo.InvariantCulture, $" WHERE ts <= {to}"),
            (_, long.MaxValue) => string.Create(CultureInfo.InvariantCulture, $" WHERE ts >= {from}"),
            _ => string.Create(CultureInfo.InvariantCulture, $" WHERE ts BETWEEN {from} AND {to}"),
        };
        var touches = new BlockCursor(npgsql, "mercato_touches",
            $"SELECT user_id, ts, channel_id{tag} FROM touchpoints{where} ORDER BY user_id COLLATE \"C\", ts");
        var conversions = new BlockCursor(npgsql, "mercato_conversions",
            "SELECT user_id, ts, revenue, COALESCE(cost, 0) FROM conversions ORDER BY user_id COLLATE \"C\", ts");
        return new JourneyCursors(new TouchCursor(touches, tag.Length > 0), new ConversionCursor(conversions), [touches, conversions]);
    }

    /// <inheritdoc/>
    protected internal override ActivityDays? ReadActivityDays(DbConnection connection, DbTransaction transaction, TimeZoneInfo zone)
    {
        using var events = new BlockCursor((NpgsqlConnection)connection, "mercato_activity",
            "SELECT ts, user_id, event, session_seconds, content_id FROM activity");
        return ActivityDays.Read(new ActivityCursor(events), zone);
    }

    /// <inheritdoc/>
    protected internal override async Task<long> WriteRowsAsync(
        DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, DbDataReader rows,
        Action<long> progress, CancellationToken cancellationToken)
    {
        var npgsql = (NpgsqlConnection)connection;
        var types = (await npgsql.QueryAsync<(string Name, string Type)>(new CommandDefinition(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table",
                new { table }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(c => c.Name, c => c.Type == "bigint" ? NpgsqlDbType.Bigint : NpgsqlDbType.Text, StringComparer.Ordinal);
        var columnTypes = columns.Select(c => types[c]).ToArray();
        await using var copy = await npgsql.BeginBinaryImportAsync(
            $"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        long count = 0;
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < columnTypes.Length; i++)
            {
                if (rows.IsDBNull(i))
                {
                    await copy.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                }
                else if (columnTypes[i] == NpgsqlDbType.Bigint)
                {
                    await copy.WriteAsync(Convert.ToInt64(rows.GetValue(i), CultureInfo.InvariantCulture), NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await copy.WriteAsync(Convert.ToString(rows.GetValue(i), CultureInfo.InvariantCulture), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                }
            }

            if (++count % 100_000 == 0)
            {
                progress(count);
            }
        }

        await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    /// <inheritdoc/>
    protected internal override async Task AfterCopyAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var table in new[] { "channels", "import_batches", "audit_log" })
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)",
                transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<long> SchemaVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT CASE WHEN to_regclass('mercato_schema') IS NULL THEN 0 ELSE (SELECT COALESCE(MAX(version), 0) FROM mercato_schema) END",
            cancellationToken: cancellationToken)).ConfigureAwait(false) ?? 0;

    private static async Task MigrateAsync(NpgsqlConnection connection, string location, CancellationToken cancellationToken)
    {
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(PostgresLocks.LockMigration, transaction: tx,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("CREATE TABLE IF NOT EXISTS mercato_schema (version bigint PRIMARY KEY, applied_at text NOT NULL)",
            transaction: tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COALESCE(MAX(version), 0) FROM mercato_schema",
            transaction: tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (version > PostgresSchema.Migrations.Count)
        {
            throw new StoreUnavailableException(StoreCodes.SchemaNewer, location,
                string.Create(CultureInfo.InvariantCulture, $"schema {version}, this program knows {PostgresSchema.Migrations.Count}"));
        }

        for (var i = (int)version; i < PostgresSchema.Migrations.Count; i++)
        {
            await connection.ExecuteAsync(new CommandDefinition(PostgresSchema.Migrations[i], transaction: tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO mercato_schema (version, applied_at) VALUES (@v, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'))",
                new { v = (long)i + 1 }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A running batch whose advisory lock nobody holds lost its process (a live import holds the lock on its own
    /// connection for as long as it runs, on whichever machine): it is interrupted.
    /// </summary>
    private async Task MarkInterruptedBatchesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        foreach (var (id, _) in await RelationalBatches.RunningAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            var free = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                PostgresLocks.TryLockBatch, new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (free)
            {
                await RelationalBatches.MarkInterruptedAsync(connection, id, Now(), cancellationToken).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(
                    PostgresLocks.UnlockBatch, new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
        }
    }

    private sealed class PostgresDialect : SqlDialect
    {
        public override string MonthOfMillis(string column) => "to_char(to_timestamp(" + column + " / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM')";

        public override string DayOfMillis(string column) => "to_char(to_timestamp(" + column + " / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD')";

        public override string Sum(string expression) => "SUM(" + expression + ")::bigint";

        public override string Bytewise(string expression) => expression + " COLLATE \"C\"";

        public override string Contains(string haystack, string needle) => "strpos(lower(" + haystack + "), lower(" + needle + ")) > 0";

        public override string In(string column, string parameter) => column + " = ANY (" + parameter + ")";

        public override string NotIn(string column, string parameter) => "NOT (" + column + " = ANY (" + parameter + "))";
    }

    private sealed class TouchCursor(BlockCursor rows, bool tagged) : ITouchCursor
    {
        public bool Next() => rows.Next();

        public ReadOnlySpan<byte> User => rows.Bytes(0);

        public long Time => rows.Int64(1);

        public int Channel => (int)rows.Int64(2);

        public bool HasTag => tagged && !rows.IsNull(3);

        public ReadOnlySpan<byte> Tag => tagged ? rows.Bytes(3) : [];
    }

    private sealed class ConversionCursor(BlockCursor rows) : IConversionCursor
    {
        public bool Next() => rows.Next();

        public ReadOnlySpan<byte> User => rows.Bytes(0);

        public long Time => rows.Int64(1);

        public long Revenue => rows.Int64(2);

        public long Cost => rows.Int64(3);
    }

    private sealed class ActivityCursor(BlockCursor rows) : IActivityCursor
    {
        public bool Next() => rows.Next();

        public long Time => rows.Int64(0);

        public ReadOnlySpan<byte> User => rows.Bytes(1);

        public ReadOnlySpan<byte> Event => rows.Bytes(2);

        public bool HasSession => !rows.IsNull(3);

        public long SessionSeconds => rows.Int64(3);

        public bool HasContent => !rows.IsNull(4);

        public ReadOnlySpan<byte> Content => rows.Bytes(4);
    }
}
