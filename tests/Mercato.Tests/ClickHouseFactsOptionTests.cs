using System.Net;
using System.Text.Json;
using Mercato.Storage;

namespace Mercato.Tests;

/// <summary>
/// <c>--facts clickhouse --facts-connection STRING</c> (<c>MERCATO_FACTS</c>, <c>MERCATO_FACTS_CONNECTION</c>): facts in
/// ClickHouse, documents in the store of <c>--store</c>; invalid settings and an unreachable server are one clear line,
/// <c>/health</c> names each engine, and a server that stops answering during a request is a 503 naming it.
/// </summary>
public class ClickHouseFactsOptionTests
{
    [Fact]
    public async Task UnknownFacts_AndClickHouseWithoutAConnection_AreInvalidSettings_Exit2()
    {
        using var dir = new TempDir();

        var unknown = await Cli.RunAsync("sources", "--data-dir", dir.Path, "--facts", "cassandra");
        var bare = await Cli.RunAsync("sources", "--data-dir", dir.Path, "--facts", "clickhouse");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("'cassandra'", unknown.Stderr, StringComparison.Ordinal);
        Assert.Contains("clickhouse", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, bare.ExitCode);
        Assert.Contains("--facts-connection", bare.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", unknown.Stderr + bare.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage", "'garbage' is not Key=Value")]
    [InlineData("Host=127.0.0.1;Cluster=two", "Cluster needs Shards")]
    [InlineData("Host=127.0.0.1;Port=eighty", "Port 'eighty' is not a whole number")]
    public async Task AConnectionStringThatCannotBeRead_IsAnInvalidSetting_Exit2_NamingWhatIsWrong(string connection, string why)
    {
        using var dir = new TempDir();

        var run = await Cli.RunAsync("sources", "--data-dir", dir.Path, "--facts", "clickhouse", "--facts-connection", connection);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--facts-connection", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(why, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir.Path, "mercato.db")), "a wrong setting opens no store");
    }

    [Fact]
    public async Task UnreachableClickHouse_IsOneLine_Exit1_AndTheDocumentsStoreIsLeftAsItWas()
    {
        using var dir = new TempDir();

        var run = await Cli.RunAsync("sources", "--data-dir", dir.Path, "--facts", "clickhouse", "--facts-connection", "Host=127.0.0.1;Port=1;Database=nowhere");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("127.0.0.1:1", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("unreachable", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Health_NamesBothEngines_AndAFactStoreThatStopsAnswering_Is503_NamingIt()
    {
        var (connection, database) = TestClickHouseServers.FreshDatabase();
        await using var app = await RunningApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Mercato:Facts"] = "clickhouse",
            ["Mercato:FactsConnection"] = connection,
        });
        try
        {
            using (var health = JsonDocument.Parse(await app.Client.GetStringAsync(new Uri("/health", UriKind.Relative))))
            {
                var store = health.RootElement.GetProperty("store");
                Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
                Assert.Equal("sqlite+clickhouse", store.GetProperty("provider").GetString());
                var parts = store.GetProperty("parts").EnumerateArray().ToList();
                Assert.Equal(["documents", "facts"], parts.Select(p => p.GetProperty("role").GetString()));
                Assert.Equal(["sqlite", "clickhouse"], parts.Select(p => p.GetProperty("provider").GetString()));
                Assert.All(parts, p => Assert.True(p.GetProperty("healthy").GetBoolean()));
                Assert.Contains(database, parts[1].GetProperty("location").GetString(), StringComparison.Ordinal);
            }

            var roi = await app.Client.GetAsync(new Uri("/api/v1/measurement/roi", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, roi.StatusCode);

            // The facts' database goes away behind the server's back: ClickHouse answers every read with an error.
            await TestClickHouseServers.ExecuteAsync(connection, "DROP DATABASE " + database);

            using (var health = JsonDocument.Parse(await (await app.Client.GetAsync(new Uri("/health", UriKind.Relative))).Content.ReadAsStringAsync()))
            {
                Assert.Equal("Unhealthy", health.RootElement.GetProperty("status").GetString());
                var parts = health.RootElement.GetProperty("store").GetProperty("parts").EnumerateArray().ToList();
                Assert.True(parts[0].GetProperty("healthy").GetBoolean());
                Assert.False(parts[1].GetProperty("healthy").GetBoolean());
                Assert.Contains(database, parts[1].GetProperty("detail").GetString(), StringComparison.Ordinal);
            }

            var failed = await app.Client.GetAsync(new Uri("/api/v1/measurement/roi", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
            using var problem = JsonDocument.Parse(await failed.Content.ReadAsStringAsync());
            Assert.Equal(StoreCodes.Failed, problem.RootElement.GetProperty("code").GetString());
            Assert.Contains(database, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await TestClickHouseServers.ExecuteAsync(connection.Split(";Database=")[0], "DROP DATABASE IF EXISTS " + database);
        }
    }
}
