using System.Globalization;

namespace Mercato.Storage.ClickHouse;

/// <summary>
/// Where the facts live and how to talk to them, from a connection string of <c>Key=Value</c> pairs separated by
/// <c>;</c> (keys ignore case): <c>Host</c> (default 127.0.0.1), <c>Port</c> (the HTTP port, default 8123),
/// <c>Database</c> (default <c>mercato</c>), <c>User</c> (default <c>default</c>), <c>Password</c>, <c>Timeout</c> (seconds
/// an HTTP call may take, default 300), <c>MaxExecutionTime</c> (seconds the server may spend on one query, default 300),
/// and for a cluster <c>Cluster</c> (its name in the servers' <c>remote_servers</c>) with <c>Shards</c> (every shard's
/// <c>host:httpPort</c>, comma-separated, in the cluster's shard order).
/// </summary>
/// <remarks>
/// The shards' HTTP addresses are given because the servers know each other only by their native ports, and without
/// ZooKeeper there is no <c>ON CLUSTER</c>: the schema is created on each shard, and journeys, whose users never span
/// shards, are computed on each shard and only the path counts summed.
/// </remarks>
public sealed record ClickHouseSettings
{
    /// <summary>The entry node's host.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The entry node's HTTP port.</summary>
    public int Port { get; init; } = 8123;

    /// <summary>The database holding the fact tables.</summary>
    public string Database { get; init; } = "mercato";

    /// <summary>The user.</summary>
    public string User { get; init; } = "default";

    /// <summary>The password (never shown in <see cref="Location"/>).</summary>
    public string Password { get; init; } = "";

    /// <summary>How long one HTTP call may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>How long the server may work on one query (<c>max_execution_time</c>).</summary>
    public int MaxExecutionTimeSeconds { get; init; } = 300;

    /// <summary>The cluster's name, or null for one node.</summary>
    public string? Cluster { get; init; }

    /// <summary>Every shard's HTTP address (<c>http://host:port/</c>), in shard order; empty for one node.</summary>
    public IReadOnlyList<Uri> Shards { get; init; } = [];

    /// <summary>The entry node's HTTP address.</summary>
    public Uri Endpoint => new(string.Create(CultureInfo.InvariantCulture, $"http://{Host}:{Port}/"));

    /// <summary>Where the facts are, for people and logs: host, port, database and cluster, never the password.</summary>
    public string Location => string.Create(CultureInfo.InvariantCulture, $"clickhouse http://{Host}:{Port}/ database {Database}")
        + (Cluster is null ? "" : ", cluster " + Cluster + " (" + string.Join(", ", Shards.Select(s => s.Authority)) + ")");

    /// <summary>Reads a connection string; throws <see cref="FormatException"/> naming the key that is wrong.</summary>
    public static ClickHouseSettings Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var settings = new ClickHouseSettings();
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException("ClickHouse connection string: '" + part + "' is not Key=Value");
            }

            var key = part[..eq].Trim();
            var value = part[(eq + 1)..].Trim();
            settings = key.ToUpperInvariant() switch
            {
                "HOST" => settings with { Host = value },
                "PORT" => settings with { Port = Number(key, value, 1, 65535) },
                "DATABASE" => settings with { Database = ClickHouseSql.IsIdentifier(value) ? value : throw Bad(key, value, "a plain identifier") },
                "USER" or "USERNAME" => settings with { User = value },
                "PASSWORD" => settings with { Password = value },
                "TIMEOUT" => settings with { Timeout = TimeSpan.FromSeconds(Number(key, value, 1, 86_400)) },
                "MAXEXECUTIONTIME" => settings with { MaxExecutionTimeSeconds = Number(key, value, 1, 86_400) },
                "CLUSTER" => settings with { Cluster = ClickHouseSql.IsIdentifier(value) ? value : throw Bad(key, value, "a plain identifier") },
                "SHARDS" => settings with { Shards = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => Address(key, s))] },
                _ => throw new FormatException("ClickHouse connection string: unknown key '" + key + "'"),
            };
        }

        if (settings.Cluster is not null && settings.Shards.Count == 0)
        {
            throw new FormatException("ClickHouse connection string: Cluster needs Shards (every shard's host:httpPort, in shard order)");
        }

        if (settings.Cluster is null && settings.Shards.Count > 0)
        {
            throw new FormatException("ClickHouse connection string: Shards needs Cluster");
        }

        return settings;
    }

    private static int Number(string key, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw Bad(key, value, string.Create(CultureInfo.InvariantCulture, $"a whole number from {min} to {max}"));

    private static Uri Address(string key, string value) =>
        Uri.TryCreate("http://" + value + "/", UriKind.Absolute, out var uri) && !uri.IsDefaultPort && uri.AbsolutePath == "/"
            ? uri
            : throw Bad(key, value, "host:port");

    private static FormatException Bad(string key, string value, string what) =>
        new("ClickHouse connection string: " + key + " '" + value + "' is not " + what);
}
