using Dapper;
using Mercato.Core.DataCenter;
using Mercato.Storage.Import;
using Mercato.Storage.Postgres;
using Mercato.Storage.Tests.Support;
using Npgsql;

namespace Mercato.Storage.Tests.Postgres;

/// <summary>The server store's own mechanics: migrations, refusals at open, and how it tells a running import from a dead one.</summary>
public class PostgresStoreTests() : StoreTest(StoreProvider.Postgres)
{
    [Fact]
    public async Task Open_NewSchema_CreatesTheTablesAtTheCurrentVersion_AndIsHealthy()
    {
        var health = await Store.Inner.CheckHealthAsync(default);

        Assert.True(health.Healthy, health.Detail);
        Assert.Contains("schema " + PostgresSchema.Migrations.Count, health.Detail, StringComparison.Ordinal);
        Assert.Equal(PostgresSchema.Migrations.Count, Scalar<long>("SELECT MAX(version) FROM mercato_schema"));
        Assert.Equal("postgres", Store.Inner.Provider);
        Assert.DoesNotContain("Password", Store.Inner.Location, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Open_TwiceAtOnce_MigratesOnce()
    {
        var (connection, schema) = await TestPostgres.CreateSchemaAsync();
        try
        {
            var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresStore.OpenAsync(connection, Clock)));

            await using var check = new NpgsqlConnection(connection);
            Assert.Equal(PostgresSchema.Migrations.Count, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM mercato_schema"));
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
        finally
        {
            await TestPostgres.DropSchemaAsync(schema);
        }
    }

    [Fact]
    public async Task Open_SchemaNewerThanTheProgram_IsRefusedWithTheVersions()
    {
        Execute("INSERT INTO mercato_schema (version, applied_at) VALUES (99, 'later')");

        var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() => PostgresStore.OpenAsync(Store.PostgresConnection!, Clock));

        Assert.Equal(StoreCodes.SchemaNewer, refused.Code);
        Assert.Contains("99", refused.Detail, StringComparison.Ordinal);
        Assert.False((await Store.Inner.CheckHealthAsync(default)).Healthy);
    }

    [Fact]
    public async Task Open_ServerThatDoesNotAnswer_IsUnreachable_WithTheLocationAndNoPassword()
    {
        var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            PostgresStore.OpenAsync("Host=127.0.0.1;Port=1;Username=nobody;Password=secret;Database=none;Timeout=2", Clock));

        Assert.Equal(StoreCodes.Unreachable, refused.Code);
        Assert.Equal("postgres://127.0.0.1:1/none", refused.Location);
        Assert.DoesNotContain("secret", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_MalformedConnectionString_IsUnreachable()
    {
        var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() => PostgresStore.OpenAsync("Host=;Port=notanumber", Clock));

        Assert.Equal(StoreCodes.Unreachable, refused.Code);
    }

    [Fact]
    public async Task Open_ARunningBatchNobodyHolds_IsMarkedInterrupted_AndOneStillHeldStaysRunning()
    {
        var dead = InsertRunning();
        var alive = InsertRunning();
        await using var holder = new NpgsqlConnection(Store.PostgresConnection);
        await holder.OpenAsync();
        await holder.ExecuteAsync(PostgresLocks.LockBatch, new { id = alive });
        Clock.Advance(TimeSpan.FromMinutes(5));

        await using (await Store.ReopenAsync(Clock))
        {
        }

        Assert.Equal(("interrupted", "2026-04-01T08:05:00.000Z"), (Queries.Batch(dead)!.Status, Queries.Batch(dead)!.FinishedAt));
        Assert.Equal(new Message(StorageCodes.ImportInterrupted), Queries.Batch(dead)!.Message);
        Assert.Equal("running", Queries.Batch(alive)!.Status);
    }

    [Fact]
    public void Import_HoldsItsBatchLockOnlyWhileItRuns()
    {
        var result = ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,1\n");

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.True(Scalar<bool>(PostgresLocks.TryLockBatch, new { id = result.BatchId }));
    }

    [Fact]
    public void StagingTable_HasASlotForEveryColumnOfTheWidestKind() =>
        Assert.Equal(PostgresSchema.StagingSlots, Mercato.Storage.Facts.FactTables.All.Max(t => t.Columns.Count));

    [Fact]
    public async Task Open_AStoreOfSchema4HoldingSpend_AddsTheHour_AndTheEarlierDailyFileIsAlreadyPresent()
    {
        var earlier = "date,channel,campaign,spend,impressions,clicks,conversions\n2026-03-01,search,spring,12.5,1000,40,3\n";
        Assert.Equal(1, ImportCsv(DataKinds.Spend, earlier).Added);
        // Back to schema 4: the later migrations (the hour, 5; the influencer tables, 6; the audit log, 7) undone.
        Execute("ALTER TABLE spend DROP COLUMN hour");
        Execute("DROP TABLE influencer_snapshots; DROP TABLE influencer_posts; DROP TABLE influencer_followers");
        Execute("DROP TABLE audit_log; DROP FUNCTION audit_log_append_only()");
        Execute("DELETE FROM mercato_schema WHERE version >= 5");

        await using var migrated = await PostgresStore.OpenAsync(Store.PostgresConnection!, Clock);
        var bytes = System.Text.Encoding.UTF8.GetBytes(earlier);
        var again = await new FactImporter(migrated.Sink).ImportAsync(
            new ImportRequest(DataKinds.Spend, "old.csv", new FileFormat(DataFormat.Csv, false), () => new MemoryStream(bytes)) { Context = ParseContext.Utc });

        Assert.Equal(PostgresSchema.Migrations.Count, Scalar<long>("SELECT MAX(version) FROM mercato_schema"));
        Assert.Equal((ImportStatus.Committed, 0L, 0L, 1L), (again.Status, again.Added, again.Updated, again.Unchanged));
        Assert.Equal(1, Scalar<long>("SELECT COUNT(*) FROM spend WHERE hour IS NULL"));
    }

    private long InsertRunning() =>
        Scalar<long>(
            """
            INSERT INTO import_batches (kind, source, format, started_at, status, pid)
            VALUES ('spend', 'big.csv', 'csv', '2026-04-01T07:00:00.000Z', 'running', 1) RETURNING id
            """);
}
