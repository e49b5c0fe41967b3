namespace Mercato.Testing;

/// <summary>
/// The ClickHouse servers of the tests: <c>MERCATO_TEST_CLICKHOUSE</c> (one node) and <c>MERCATO_TEST_CLICKHOUSE_CLUSTER</c>
/// (two shards), as <c>.ci/clickhouse.sh start</c> prints them. Without them the tests skip with the reason on a
/// developer's machine and fail in CI (<c>CI=true</c>).
/// </summary>
public static class TestClickHouseServers
{
    public const string NodeVariable = "MERCATO_TEST_CLICKHOUSE";

    public const string ClusterVariable = "MERCATO_TEST_CLICKHOUSE_CLUSTER";

    /// <summary>The connection string of the node (<paramref name="cluster"/> false) or the cluster, or a skip (a failure in CI).</summary>
    public static string Require(bool cluster = false)
    {
        var variable = cluster ? ClusterVariable : NodeVariable;
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
        {
            return value;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(variable + " is not set: CI runs the ClickHouse tests against the servers .ci/clickhouse.sh starts");
        }

        Assert.Skip(variable + " is not set: the ClickHouse tests need a server (.ci/clickhouse.sh start prints the variables)");
        return "";
    }

    /// <summary>The connection string of the node or the cluster with a database of its own (created on open), and that database's name.</summary>
    public static (string Connection, string Database) FreshDatabase(bool cluster = false)
    {
        var database = "t_" + Guid.NewGuid().ToString("N")[..16];
        return (Require(cluster) + ";Database=" + database, database);
    }

    /// <summary>Runs <paramref name="sql"/> on the node at <c>Host</c> and <c>Port</c> of <paramref name="connection"/>, over HTTP.</summary>
    public static async Task ExecuteAsync(string connection, string sql)
    {
        var parts = connection.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        using var http = new HttpClient();
        using var body = new StringContent(sql);
        using var answer = await http.PostAsync(new Uri("http://" + parts["Host"] + ":" + parts["Port"] + "/"), body);
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
    }
}
