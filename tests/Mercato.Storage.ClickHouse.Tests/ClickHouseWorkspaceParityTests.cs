using Mercato.Core.Common;
using Mercato.Core.Demo;
using Mercato.Features.Demo;
using Mercato.Features.Store;
using Mercato.Hosting;
using Mercato.Storage.ClickHouse.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Mercato.Storage.ClickHouse.Tests;

/// <summary>
/// The whole workspace with its facts in ClickHouse (<c>--facts clickhouse</c>, on one node and on the two-shard cluster)
/// answers as the embedded store does: the small demo loaded into both, then every report of the workspace's fingerprint
/// (attribution with every model, ROI, the KPI scorecard, cohorts, every campaign's evaluation, the data center's sources)
/// compared with money exact and ratios to 1e-9 (<see cref="WorkspaceFingerprint"/>).
/// </summary>
[Collection("clickhouse")]
public sealed class ClickHouseWorkspaceParityTests
{
    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task TheWholeFingerprint_IsTheEmbeddedStores_MoneyExactly(Layout layout)
    {
        var connection = TestClickHouse.FreshDatabase(layout);
        var root = Path.Combine(Path.GetTempPath(), "mercato-clickhouse-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var embedded = await LoadDemoAndFingerprintAsync(new MercatoOptions { DataDir = Path.Combine(root, "sqlite") });
            var split = await LoadDemoAndFingerprintAsync(new MercatoOptions
            {
                DataDir = Path.Combine(root, "split"),
                Facts = "clickhouse",
                FactsConnection = connection,
            });

            Assert.Contains(embedded, p => p.Name == "attribution shapley");
            Assert.Contains(embedded, p => p.Name == "roi");
            Assert.Contains(embedded, p => p.Name.StartsWith("kpis ", StringComparison.Ordinal));
            Assert.Contains(embedded, p => p.Name.StartsWith("evaluation ", StringComparison.Ordinal));
            var differences = WorkspaceFingerprint.Differences(embedded, split);
            Assert.True(differences.Count == 0, string.Join('\n', differences.Take(20)));
        }
        finally
        {
            await TestClickHouse.DropAsync(connection);
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static async Task<IReadOnlyList<(string Name, System.Text.Json.Nodes.JsonNode? Value)>> LoadDemoAndFingerprintAsync(MercatoOptions options)
    {
        Directory.CreateDirectory(options.DataDir);
        var store = await StoreSelection.OpenAsync(options, TimeProvider.System);
        await using (store)
        {
            var services = new ServiceCollection().AddLogging().AddMercatoCore(options, store, new NamedUser("tester")).BuildServiceProvider();
            await using (services)
            {
                var demo = services.GetRequiredService<DemoUseCases>();
                var loaded = await demo.LoadAsync(new DemoOptions(42, DemoScale.Small, demo.LastMonth()), null, default);
                Assert.True(loaded.IsOk, loaded.Code);
                return await WorkspaceFingerprint.ComputeAsync(services, default);
            }
        }
    }
}
