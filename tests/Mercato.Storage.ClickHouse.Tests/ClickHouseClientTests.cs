using Mercato.Storage.ClickHouse.Tests.Support;
using Mercato.Storage.Sqlite;
using Mercato.Testing;

namespace Mercato.Storage.ClickHouse.Tests;

/// <summary>What a caller sees when ClickHouse refuses, is down, or is asked nonsense.</summary>
[Collection("clickhouse")]
public sealed class ClickHouseClientTests
{
    [Fact]
    public async Task DownServer_FailsToOpen_NamingWhereItLooked()
    {
        var dir = Path.Combine(Path.GetTempPath(), "mercato-clickhouse-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        await using var documents = SqliteStore.Open(dir, new FakeTimeProvider(ClickHouseFixture.Start));
        // Nothing listens on port 1 of loopback.
        var ex = await Assert.ThrowsAsync<ClickHouseException>(() => ClickHouseFactStore.OpenAsync(
            "Host=127.0.0.1;Port=1;Database=nowhere", new RelationalChannelDirectory(documents), TimeProvider.System, default));
        Assert.Contains("http://127.0.0.1:1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unreachable", ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.Code);
    }

    [Fact]
    public async Task RefusedQuery_CarriesClickHouseMessageAndCode()
    {
        using var client = new ClickHouseClient(ClickHouseSettings.Parse(TestClickHouse.Require(Layout.Node)));
        var ex = await Assert.ThrowsAsync<ClickHouseException>(() => client.ExecuteOutsideAndQueryAsync("SELECT * FROM no_such_database.no_such_table"));
        Assert.Equal(81, ex.Code);
        Assert.Contains("no_such_database", ex.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorLateInAQuery_IsAnError_NeverACutResult()
    {
        using var client = new ClickHouseClient(ClickHouseSettings.Parse(TestClickHouse.Require(Layout.Node)));
        // Rows stream out before the failing one; wait_end_of_query turns the late failure into an HTTP error.
        var ex = await Assert.ThrowsAsync<ClickHouseException>(() => client.ExecuteOutsideAndQueryAsync(
            "SELECT number, throwIf(number = 900000) FROM system.numbers LIMIT 1000000 SETTINGS max_block_size = 1000"));
        Assert.Equal(395, ex.Code);
    }

    [Fact]
    public async Task SlowServer_TimesOut_WithTheLimitInTheMessage()
    {
        using var client = new ClickHouseClient(ClickHouseSettings.Parse(TestClickHouse.Require(Layout.Node) + ";Timeout=1"));
        var ex = await Assert.ThrowsAsync<ClickHouseException>(() => client.ExecuteOutsideAndQueryAsync("SELECT sleep(3)"));
        Assert.Contains("did not answer within 1 s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxExecutionTime_IsSentWithEveryQuery()
    {
        using var client = new ClickHouseClient(ClickHouseSettings.Parse(TestClickHouse.Require(Layout.Node) + ";MaxExecutionTime=7"));
        var row = (await client.ExecuteOutsideAndQueryAsync("SELECT value FROM system.settings WHERE name = 'max_execution_time'")).Single();
        Assert.Equal("7", row[0]);
    }

    [Fact]
    public async Task RefusedInsert_FailsTheWriter_InsteadOfBlockingIt()
    {
        var connection = TestClickHouse.FreshDatabase(Layout.Node);
        using var client = new ClickHouseClient(ClickHouseSettings.Parse(connection));
        try
        {
            await client.ExecuteOutsideDatabaseAsync("CREATE DATABASE " + client.Settings.Database, default);
            await client.ExecuteAsync("CREATE TABLE t (n Int64) ENGINE = Log", default);
            await using var insert = client.BeginInsert("t", ["n"]);
            var ex = await Assert.ThrowsAsync<ClickHouseException>(async () =>
            {
                insert.Field("not a number");
                insert.EndRow();
                // Far more than the pipe holds: a writer that waited on the failed request would block here forever.
                for (var i = 0; i < 3_000_000; i++)
                {
                    insert.Field(i);
                    insert.EndRow();
                }

                await insert.CompleteAsync(default);
            });
            Assert.NotNull(ex.Code);
            Assert.Equal("0", (await client.QueryAsync("SELECT count() FROM t", default)).Single()[0]);
        }
        finally
        {
            await TestClickHouse.DropAsync(connection);
        }
    }

    [Theory]
    [InlineData("Port=x", "Port")]
    [InlineData("Database=a-b", "Database")]
    [InlineData("Cluster=c", "Shards")]
    [InlineData("Shards=127.0.0.1:1", "Cluster")]
    [InlineData("Colour=blue", "Colour")]
    public void BadConnectionString_NamesTheKey(string text, string key)
    {
        var ex = Assert.Throws<FormatException>(() => ClickHouseSettings.Parse(text));
        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Location_NeverShowsThePassword()
    {
        var settings = ClickHouseSettings.Parse("Host=db;Port=8123;Password=secret;Cluster=c;Shards=db1:8123,db2:8123");
        Assert.DoesNotContain("secret", settings.Location, StringComparison.Ordinal);
        Assert.Contains("cluster c", settings.Location, StringComparison.Ordinal);
    }
}
