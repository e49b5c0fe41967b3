using System.Net;
using System.Text.Json;
using Mercato.Hosting;
using Mercato.Storage;
using Microsoft.Data.Sqlite;

namespace Mercato.Tests;

/// <summary>
/// Choosing the store (<c>--store</c>, <c>--connection</c>) and what happens when it cannot be used: one clear line and
/// exit 1 on every command and on <c>serve</c>, never a stack trace; <c>/health</c> says which store and how it is.
/// </summary>
public class StoreSelectionTests
{
    private const string Nobody = "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=2";

    [Fact]
    public async Task Cli_WithAnUnreachablePostgres_SaysSoInOneLine_AndExits1()
    {
        using var dir = new TempDir();

        var run = await Cli.RunAsync("sources", "--data-dir", dir.Path, "--store", "postgres", "--connection", Nobody);

        Assert.Equal(1, run.ExitCode);
        var expected = Messages.Text(StoreCodes.Unreachable, MessageArgs.Of(("location", "postgres://127.0.0.1:1/none"), ("detail", ""))).TrimEnd();
        Assert.StartsWith(expected, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Cli_PostgresWithoutAConnection_IsAnInvalidSetting_Exit2()
    {
        using var dir = new TempDir();

        var run = await Cli.RunAsync("sources", "--data-dir", dir.Path, "--store", "postgres");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--connection", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_AnUnknownStore_IsAnInvalidOption_Exit2()
    {
        using var dir = new TempDir();

        var run = await Cli.RunAsync("sources", "--data-dir", dir.Path, "--store", "oracle");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("oracle", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithAnUnreachableStore_DoesNotStart_Exit1()
    {
        using var dir = new TempDir();
        var overrides = new Dictionary<string, string?>
        {
            ["Mercato:DataDir"] = dir.Path,
            ["Mercato:Urls"] = "http://127.0.0.1:0",
            ["Mercato:Store"] = "postgres",
            ["Mercato:Connection"] = Nobody,
        };

        var (app, exit) = await MercatoHost.BuildAsync([], overrides, TextWriter.Null);

        Assert.Null(app);
        Assert.Equal(1, exit);
    }

    [Fact]
    public async Task Serve_TheRealProcess_WithAnUnreachableStore_PrintsOneLine_AndExits1()
    {
        using var dir = new TempDir();

        var run = await Cli.RunAsync("serve", "--data-dir", dir.Path, "--store", "postgres", "--connection", Nobody, "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("127.0.0.1:1", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASqliteStoreWrittenByANewerMercato_IsRefused_AndLeftAsItWas()
    {
        using var dir = new TempDir();
        Assert.Equal(0, (await Cli.RunAsync("sources", "--data-dir", dir.Path)).ExitCode);
        var database = Path.Combine(dir.Path, "mercato.db");
        using (var connection = new SqliteConnection("Data Source=" + database + ";Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 999";
            command.ExecuteNonQuery();
        }

        var run = await Cli.RunAsync("sources", "--data-dir", dir.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(database, run.Stderr, StringComparison.Ordinal);
        Assert.Contains("schema 999", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        using (var connection = new SqliteConnection("Data Source=" + database + ";Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version";
            Assert.Equal(999L, command.ExecuteScalar());
        }
    }

    [Theory]
    [InlineData(TestStoreKind.Sqlite, "sqlite")]
    [InlineData(TestStoreKind.Postgres, "postgres")]
    public async Task Health_NamesTheStore_AndSaysItIsHealthy(TestStoreKind kind, string provider)
    {
        await using var app = await RunningApp.StartAsync(store: kind);

        using var response = await app.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(provider, body.RootElement.GetProperty("store").GetProperty("provider").GetString());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("store").GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Health_WhenTheSqliteFileIsReplacedByANewerSchema_IsUnhealthy_AndSaysWhy()
    {
        await using var app = await RunningApp.StartAsync();
        using (var connection = new SqliteConnection("Data Source=" + Path.Combine(app.Dir.Path, "mercato.db") + ";Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 999";
            command.ExecuteNonQuery();
        }

        using var response = await app.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("status").GetString());
        Assert.Contains("999", body.RootElement.GetProperty("store").GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
