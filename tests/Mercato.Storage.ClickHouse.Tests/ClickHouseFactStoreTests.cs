using Mercato.Storage.ClickHouse.Tests.Support;

namespace Mercato.Storage.ClickHouse.Tests;

/// <summary>Opening: the schema on every node, its version, and the health a host shows.</summary>
[Collection("clickhouse")]
public sealed class ClickHouseFactStoreTests
{
    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task Open_CreatesTheSchemaOnEveryNode_AndIsHealthy(Layout layout)
    {
        await using var db = await ClickHouseFixture.CreateAsync(layout);
        foreach (var node in db.Facts.Client.Nodes)
        {
            var tables = (await db.Facts.Client.QueryAsync("SELECT name, engine FROM system.tables WHERE database = currentDatabase()", default, node))
                .ToDictionary(r => r[0]!, r => r[1]!);
            var local = layout == Layout.Cluster ? "touchpoints_local" : "touchpoints";
            Assert.Equal("ReplacingMergeTree", tables[local]);
            if (layout == Layout.Cluster)
            {
                Assert.Equal("Distributed", tables["touchpoints"]);
            }
        }

        var health = await db.Facts.CheckHealthAsync(default);
        Assert.True(health.Healthy, health.Detail);
        Assert.Contains("schema 2", health.Detail, StringComparison.Ordinal);
        // Opening again changes nothing.
        await using var again = await db.ReopenAsync();
        Assert.True((await again.CheckHealthAsync(default)).Healthy);
    }

    [Fact]
    public async Task NewerSchema_IsRefused()
    {
        await using var db = await ClickHouseFixture.CreateAsync(Layout.Node);
        await db.Facts.Client.ExecuteAsync("INSERT INTO schema_version VALUES (99, 'later')", default);
        var ex = await Assert.ThrowsAsync<ClickHouseException>(db.ReopenAsync);
        Assert.Contains("newer than this program's", ex.Message, StringComparison.Ordinal);
        Assert.False((await db.Facts.CheckHealthAsync(default)).Healthy);
    }
}
