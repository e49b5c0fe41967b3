using System.Diagnostics;
using Mercato.Storage.Sqlite;
using Mercato.Testing;

namespace Mercato.Storage.ClickHouse.Tests.Support;

/// <summary>
/// The ClickHouse servers of the tests: <c>MERCATO_TEST_CLICKHOUSE</c> (one node) and <c>MERCATO_TEST_CLICKHOUSE_CLUSTER</c>
/// (two shards), as <c>.ci/clickhouse.sh start</c> prints them. Without them the tests skip with the reason on a
/// developer's machine and fail in CI (<c>CI=true</c>).
/// </summary>
public static class TestClickHouse
{
    /// <summary>The connection string of a layout, or a skip (a failure in CI) when it is not set.</summary>
    public static string Require(Layout layout) => TestClickHouseServers.Require(layout == Layout.Cluster);

    /// <summary>The connection string of <paramref name="layout"/> with a fresh database of its own.</summary>
    public static string FreshDatabase(Layout layout) => Require(layout) + ";Database=t_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Drops the database of <paramref name="connectionString"/> on every node.</summary>
    public static async Task DropAsync(string connectionString)
    {
        var settings = ClickHouseSettings.Parse(connectionString);
        using var client = new ClickHouseClient(settings);
        foreach (var node in client.Nodes)
        {
            await client.ExecuteOutsideDatabaseAsync("DROP DATABASE IF EXISTS " + settings.Database, default, node);
        }
    }

    /// <summary>Runs <c>.ci/clickhouse.sh</c> with <paramref name="arguments"/> (the tests stop and start a shard with it).</summary>
    public static void Script(params string[] arguments)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, ".ci", "clickhouse.sh")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            Assert.Skip(".ci/clickhouse.sh not found above " + AppContext.BaseDirectory);
            return;
        }

        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(dir.FullName, ".ci", "clickhouse.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, ".ci/clickhouse.sh " + string.Join(' ', arguments) + " failed: " + output);
    }
}

/// <summary>One node or the two-shard cluster.</summary>
public enum Layout
{
    Node,
    Cluster,
}

/// <summary>
/// A fresh ClickHouse database with its fact store, the channel catalog kept in an embedded store beside it (as a
/// deployment keeps documents in SQLite or PostgreSQL), dropped on dispose.
/// </summary>
public sealed class ClickHouseFixture : IAsyncDisposable
{
    private readonly string _dir;

    private ClickHouseFixture(string connectionString, string dir, SqliteStore documents, ClickHouseFactStore facts)
    {
        ConnectionString = connectionString;
        _dir = dir;
        Documents = documents;
        Facts = facts;
    }

    public static DateTimeOffset Start { get; } = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public string ConnectionString { get; }

    public SqliteStore Documents { get; }

    public ClickHouseFactStore Facts { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public static async Task<ClickHouseFixture> CreateAsync(Layout layout, SqliteStore? documents = null)
    {
        var connection = TestClickHouse.FreshDatabase(layout);
        var dir = Path.Combine(Path.GetTempPath(), "mercato-clickhouse-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        documents ??= SqliteStore.Open(dir, new FakeTimeProvider(Start));
        var facts = await ClickHouseFactStore.OpenAsync(connection, new RelationalChannelDirectory(documents), new FakeTimeProvider(Start), default);
        return new ClickHouseFixture(connection, dir, documents, facts);
    }

    /// <summary>Opens the same database again, as the next process would (recovery runs).</summary>
    public Task<ClickHouseFactStore> ReopenAsync() =>
        ClickHouseFactStore.OpenAsync(ConnectionString, new RelationalChannelDirectory(Documents), Time, default);

    public async ValueTask DisposeAsync()
    {
        await Facts.DisposeAsync();
        await Documents.DisposeAsync();
        await TestClickHouse.DropAsync(ConnectionString);
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>
/// Limits the rows of a journey pass (<see cref="ClickHouseJourneyReader.RowsPerPass"/>) until disposed, so a small data
/// set runs in many passes; the tests of the <c>clickhouse</c> collection run one at a time.
/// </summary>
public sealed class JourneyPassLimit : IDisposable
{
    private readonly long _before = ClickHouseJourneyReader.RowsPerPass;

    public JourneyPassLimit(long rowsPerPass) => ClickHouseJourneyReader.RowsPerPass = rowsPerPass;

    public void Dispose() => ClickHouseJourneyReader.RowsPerPass = _before;
}
