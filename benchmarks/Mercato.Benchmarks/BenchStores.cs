using Mercato.Storage.Postgres;
using Mercato.Storage.Relational;
using Mercato.Storage.Sqlite;
using Npgsql;

namespace Mercato.Benchmarks;

/// <summary>
/// The store the suites run on: the embedded SQLite store in a directory, or, when <see cref="StoreVariable"/> is
/// <c>postgres</c>, a schema of the server in <see cref="ConnectionVariable"/> named after the directory (so a data set
/// generated once is found again by later runs).
/// </summary>
internal static class BenchStores
{
    public const string StoreVariable = "MERCATO_BENCH_STORE";

    public const string ConnectionVariable = "MERCATO_BENCH_POSTGRES";

    private static bool Postgres => string.Equals(Environment.GetEnvironmentVariable(StoreVariable), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens the store of <paramref name="directory"/>, creating it when needed.</summary>
    public static RelationalStore Open(string directory)
    {
        if (!Postgres)
        {
            return SqliteStore.Open(directory, TimeProvider.System);
        }

        var schema = SchemaOf(directory);
        Execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        return PostgresStore.OpenAsync(new NpgsqlConnectionStringBuilder(Server) { SearchPath = schema }.ConnectionString, TimeProvider.System)
            .GetAwaiter().GetResult();
    }

    /// <summary>Opens a new, empty store for <paramref name="directory"/> (any earlier one there is removed).</summary>
    public static RelationalStore OpenFresh(string directory)
    {
        if (Postgres)
        {
            Execute("DROP SCHEMA IF EXISTS " + SchemaOf(directory) + " CASCADE");
        }

        return Open(directory);
    }

    /// <summary>Closes the store and removes its data.</summary>
    public static void Delete(RelationalStore store)
    {
        store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (store is SqliteStore sqlite)
        {
            Directory.Delete(sqlite.DataDirectory, recursive: true);
        }
        else if (store.Location.Split("search_path=") is [_, var schema])
        {
            Execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static string Server => Environment.GetEnvironmentVariable(ConnectionVariable)
        ?? throw new InvalidOperationException(ConnectionVariable + " must hold an Npgsql connection string when " + StoreVariable + "=postgres");

    private static string SchemaOf(string directory) =>
        "bench_" + new string(Path.GetFileName(directory.TrimEnd('/')).Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray());

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
