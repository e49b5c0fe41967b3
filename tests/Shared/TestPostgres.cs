using Npgsql;

namespace Mercato.Testing;

/// <summary>
/// The PostgreSQL server of the tests: the connection string in <c>MERCATO_TEST_POSTGRES</c>. Without it the PostgreSQL half
/// of the suite skips with the reason on a developer's machine and fails in CI (<c>CI=true</c>), where <c>.ci/run</c>
/// starts a throwaway cluster and sets it.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "MERCATO_TEST_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Skips the test (fails it in CI) when no server is configured.</summary>
    public static string Require()
    {
        if (ConnectionString is { } connection)
        {
            return connection;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(Variable + " is not set: CI runs the PostgreSQL half of the suite against the server .ci/run starts");
        }

        Assert.Skip(Variable + " is not set: the PostgreSQL half of the suite needs a server (.ci/run starts one)");
        return "";
    }

    /// <summary>Creates a fresh schema and returns a connection string whose search path is that schema.</summary>
    public static async Task<(string ConnectionString, string Schema)> CreateSchemaAsync()
    {
        var server = Require();
        var schema = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE SCHEMA " + schema, connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema };
        return (builder.ConnectionString, schema);
    }

    /// <summary>Drops a schema made by <see cref="CreateSchemaAsync"/>.</summary>
    public static async Task DropSchemaAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(Require());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("DROP SCHEMA IF EXISTS " + schema + " CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
