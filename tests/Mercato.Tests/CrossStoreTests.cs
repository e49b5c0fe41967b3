using System.Text.Json.Nodes;
using Mercato.Core.Measurement.Attribution;
using Mercato.Features.Store;
using Mercato.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Mercato.Tests;

/// <summary>
/// The small demo (seed 42) loaded through the CLI into a SQLite store and into a PostgreSQL schema, once for the class.
/// Without a PostgreSQL server nothing is loaded and every test skips (fails in CI).
/// </summary>
public sealed class TwoDemoStores : IAsyncLifetime
{
    public TempDir SqliteDir { get; } = new();

    public TempDir PostgresDir { get; } = new();

    public string? Connection { get; private set; }

    private string? _schema;

    public string[] Sqlite => ["--data-dir", SqliteDir.Path];

    public string[] Postgres => ["--data-dir", PostgresDir.Path, "--store", "postgres", "--connection", Connection!];

    public async ValueTask InitializeAsync()
    {
        if (TestPostgres.ConnectionString is null)
        {
            return;
        }

        (Connection, _schema) = await TestPostgres.CreateSchemaAsync();
        foreach (var store in new[] { Sqlite, Postgres })
        {
            var loaded = await Cli.RunAsync(["demo", "--seed", "42", "--scale", "small", .. store]);
            Assert.True(loaded.ExitCode == 0, loaded.Stderr);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_schema is not null)
        {
            await TestPostgres.DropSchemaAsync(_schema);
        }

        SqliteDir.Dispose();
        PostgresDir.Dispose();
    }
}

/// <summary>
/// The same workspace in SQLite and in PostgreSQL answers the same: every report the CLI prints as JSON (attribution with
/// every model, ROI, KPIs, cohorts, campaign evaluations, the brand board) to 1e-9, and every figure of the workspace's
/// fingerprint (<see cref="WorkspaceFingerprint"/>) with money exact.
/// </summary>
public class CrossStoreTests(TwoDemoStores stores) : IClassFixture<TwoDemoStores>
{
    public static TheoryData<string> Models => [.. AttributionModels.All.Select(AttributionModels.Name)];

    [Theory]
    [MemberData(nameof(Models))]
    public async Task ReportAttribution_IsTheSameJson_OnBothStores(string model) =>
        await AssertSameJsonAsync("report", "attribution", "--model", model, "--format", "json");

    [Fact]
    public async Task ReportRoi_IsTheSameJson_OnBothStores() => await AssertSameJsonAsync("report", "roi", "--format", "json");

    [Fact]
    public async Task ReportKpis_IsTheSameJson_OnBothStores() => await AssertSameJsonAsync("report", "kpis", "--format", "json");

    [Fact]
    public async Task ReportCohorts_IsTheSameJson_OnBothStores() => await AssertSameJsonAsync("report", "cohorts", "--format", "json");

    [Fact]
    public async Task CampaignsBrand_IsTheSameJson_OnBothStores() => await AssertSameJsonAsync("campaigns", "brand", "--format", "json");

    [Fact]
    public async Task CampaignsEvaluate_IsTheSameJson_OnBothStores_ForCampaignsOfEveryStage()
    {
        TestPostgres.Require();
        var list = JsonNode.Parse((await Cli.RunAsync(["campaigns", "list", "--format", "json", .. stores.Sqlite])).Stdout)!;
        var campaigns = list["campaigns"]!.AsArray().Select(c => (Id: (string)c!["id"]!, Stage: (string)c["stage"]!)).ToList();
        // One campaign of each stage the demo has: the evaluation differs by stage (planned, running, closed).
        var sample = campaigns.GroupBy(c => c.Stage).Select(g => g.First().Id).ToList();
        Assert.True(sample.Count >= 3, "the demo has campaigns in at least three stages");
        foreach (var id in sample)
        {
            await AssertSameJsonAsync("campaigns", "evaluate", id, "--format", "json");
        }
    }

    [Fact]
    public async Task TheWholeFingerprint_IsEqual_MoneyExactly()
    {
        TestPostgres.Require();
        var time = TimeProvider.System;
        var sqlite = await FingerprintAsync(new MercatoOptions { DataDir = stores.SqliteDir.Path }, time);
        var postgres = await FingerprintAsync(new MercatoOptions { DataDir = stores.PostgresDir.Path, Store = "postgres", Connection = stores.Connection }, time);

        Assert.Empty(WorkspaceFingerprint.Differences(sqlite, postgres));
        Assert.Contains(sqlite, p => p.Name.StartsWith("evaluation ", StringComparison.Ordinal));
        Assert.Contains(sqlite, p => p.Name == "attribution shapley");
    }

    [Fact]
    public void TheFingerprintComparison_CatchesACentAndAnythingPastTheTolerance()
    {
        static IReadOnlyList<(string, JsonNode?)> Of(string json) => [("roi", JsonNode.Parse(json))];

        Assert.Empty(WorkspaceFingerprint.Differences(Of("""{"spend":"10.00","roi":0.25}"""), Of("""{"spend":"10.00","roi":0.2500000000001}""")));
        Assert.Equal(["roi.spend: \"10.00\" ≠ \"10.01\""], WorkspaceFingerprint.Differences(Of("""{"spend":"10.00"}"""), Of("""{"spend":"10.01"}""")));
        Assert.Single(WorkspaceFingerprint.Differences(Of("""{"roi":0.25}"""), Of("""{"roi":0.2500001}""")));
        Assert.Single(WorkspaceFingerprint.Differences(Of("""{"rows":[1,2]}"""), Of("""{"rows":[1]}""")));
        Assert.Single(WorkspaceFingerprint.Differences(Of("""{"a":1}"""), Of("""{"a":1,"b":2}""")));
    }

    private async Task AssertSameJsonAsync(params string[] command)
    {
        TestPostgres.Require();
        var sqlite = await Cli.RunAsync([.. command, .. stores.Sqlite]);
        var postgres = await Cli.RunAsync([.. command, .. stores.Postgres]);
        Assert.True(sqlite.ExitCode == 0, sqlite.Stderr);
        Assert.True(postgres.ExitCode == 0, postgres.Stderr);
        var differences = WorkspaceFingerprint.Differences(
            [(string.Join(' ', command), JsonNode.Parse(sqlite.Stdout))], [(string.Join(' ', command), JsonNode.Parse(postgres.Stdout))]);
        Assert.True(differences.Count == 0, string.Join('\n', differences.Take(10)));
        Assert.True(sqlite.Stdout.Length > 100, "a report with figures in it");
    }

    private static async Task<IReadOnlyList<(string Name, JsonNode? Value)>> FingerprintAsync(MercatoOptions options, TimeProvider time)
    {
        var store = await StoreSelection.OpenAsync(options, time);
        await using (store)
        {
            var services = new ServiceCollection().AddLogging().AddMercatoCore(options, store, new NamedUser("tester")).BuildServiceProvider();
            await using (services)
            {
                return await WorkspaceFingerprint.ComputeAsync(services, CancellationToken.None);
            }
        }
    }
}

/// <summary><c>mercato store copy</c>: a whole workspace moved into an empty store, checked by the command itself.</summary>
public class StoreCopyCommandTests(TwoDemoStores stores) : IClassFixture<TwoDemoStores>
{
    [Fact]
    public async Task Copy_SqliteIntoAnEmptyPostgres_EndsWithTheReportsEqual_ThenRefusesTheSameTargetAgain()
    {
        TestPostgres.Require();
        var (connection, schema) = await TestPostgres.CreateSchemaAsync();
        try
        {
            var copied = await Cli.RunAsync(["store", "copy", "--to-store", "postgres", "--to-connection", connection, .. stores.Sqlite]);

            Assert.True(copied.ExitCode == 0, copied.Stderr);
            Assert.Contains("touchpoints", copied.Stdout, StringComparison.Ordinal);
            Assert.Contains("are the same on both sides", copied.Stdout, StringComparison.Ordinal);
            Assert.Contains("touchpoints", copied.Stderr, StringComparison.Ordinal);
            using var copyDir = new TempDir();
            string[] target = ["--data-dir", copyDir.Path, "--store", "postgres", "--connection", connection];
            var bundle = await Cli.RunAsync(["campaigns", "list", "--format", "json", .. target]);
            Assert.Equal((await Cli.RunAsync(["campaigns", "list", "--format", "json", .. stores.Sqlite])).Stdout, bundle.Stdout);
            Assert.Equal(
                (await Cli.RunAsync(["batches", "--format", "json", .. stores.Sqlite])).Stdout,
                (await Cli.RunAsync(["batches", "--format", "json", .. target])).Stdout);

            var again = await Cli.RunAsync(["store", "copy", "--to-store", "postgres", "--to-connection", connection, .. stores.Sqlite]);

            Assert.Equal(2, again.ExitCode);
            Assert.Contains("is not empty", again.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            await TestPostgres.DropSchemaAsync(schema);
        }
    }

    [Fact]
    public async Task Copy_PostgresIntoAnEmptySqliteDirectory_Works_TheOtherWayRound()
    {
        TestPostgres.Require();
        using var target = new TempDir();

        var copied = await Cli.RunAsync(["store", "copy", "--to-store", "sqlite", "--to-connection", target.Path, .. stores.Postgres]);

        Assert.True(copied.ExitCode == 0, copied.Stderr);
        Assert.Equal(
            (await Cli.RunAsync(["report", "roi", "--format", "json", .. stores.Postgres])).Stdout,
            (await Cli.RunAsync(["report", "roi", "--format", "json", "--data-dir", target.Path])).Stdout);
    }

    [Fact]
    public async Task Copy_IntoAStoreThatHoldsData_IsRefused_AndWritesNothing()
    {
        using var source = new TempDir();
        using var target = new TempDir();
        var file = target.File("spend.csv", "date,channel,spend\n2026-03-01,sem,10.00\n");
        Assert.Equal(0, (await Cli.RunAsync("import", "spend", file, "--data-dir", target.Path)).ExitCode);
        var before = (await Cli.RunAsync("sources", "--format", "json", "--data-dir", target.Path)).Stdout;

        var copied = await Cli.RunAsync("store", "copy", "--to-store", "sqlite", "--to-connection", target.Path, "--data-dir", source.Path);

        Assert.Equal(2, copied.ExitCode);
        Assert.Contains(Path.Combine(target.Path, "mercato.db"), copied.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, (await Cli.RunAsync("sources", "--format", "json", "--data-dir", target.Path)).Stdout);
    }
}
