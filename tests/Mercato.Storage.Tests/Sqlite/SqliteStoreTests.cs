using Dapper;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Core.Organization;
using Mercato.Storage.Import;
using Mercato.Storage.Sqlite;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Sqlite;

public class SqliteStoreTests() : StoreTest(StoreProvider.Sqlite)
{
    private const long DeadPid = 2_147_483_000;

    /// <summary>Opens the test's store again, as another process would.</summary>
    private SqliteStore Reopen() => SqliteStore.Open(Store.DataDirectory, Clock);

    private long InsertRunningBatch(long? pid) =>
        Scalar<long>(
            """
            INSERT INTO import_batches (kind, source, format, started_at, status, pid)
            VALUES ('spend', 'big.csv', 'csv', '2026-04-01T07:00:00.000Z', 'running', @pid) RETURNING id
            """,
            new { pid });

    [Fact]
    public async Task Open_NewDirectory_CreatesTheDatabaseInWalModeWithTheCurrentSchema()
    {
        Assert.True(File.Exists(Path.Combine(Dir.File("data"), SqliteStore.DatabaseFileName)));
        Assert.Equal(Path.Combine(Dir.File("data"), "mercato.db"), Store.DatabasePath);
        Assert.Equal("wal", Scalar<string>("PRAGMA journal_mode"));
        Assert.Equal(Schema.Migrations.Count, Scalar<long>("PRAGMA user_version"));
        var health = await Store.Inner.CheckHealthAsync(default);
        Assert.True(health.Healthy);
        Assert.Contains("schema " + Schema.Migrations.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), health.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NestedDirectoryThatDoesNotExist_IsCreated()
    {
        var store = SqliteStore.Open(Dir.File(Path.Combine("a", "b", "c")), Clock);

        Assert.True(File.Exists(store.DatabasePath));
    }

    [Fact]
    public async Task Open_ExistingStore_KeepsItsDataAndSchema()
    {
        ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,1\n");

        var reopened = Reopen();

        Assert.True((await reopened.CheckHealthAsync(default)).Healthy);
        Assert.Equal(1, (await reopened.Catalog.SourcesAsync(TimeZoneInfo.Utc, default)).Kinds[0].Rows);
    }

    [Fact]
    public void Open_OverABatchLeftRunningByADeadProcess_MarksItInterrupted()
    {
        var id = InsertRunningBatch(DeadPid);
        Clock.Advance(TimeSpan.FromMinutes(5));

        Reopen();

        var batch = Queries.Batch(id);
        Assert.NotNull(batch);
        Assert.Equal("interrupted", batch.Status);
        Assert.Equal("2026-04-01T08:05:00.000Z", batch.FinishedAt);
        Assert.Equal(new Message(StorageCodes.ImportInterrupted), batch.Message);
    }

    [Fact]
    public void Open_OverARunningBatchWithoutPid_MarksItInterrupted()
    {
        var id = InsertRunningBatch(null);

        Reopen();

        Assert.Equal("interrupted", Queries.Batch(id)!.Status);
    }

    [Fact]
    public void Open_OverABatchOfALiveProcess_LeavesItRunning()
    {
        // pid 1 exists in every process namespace.
        var id = InsertRunningBatch(1);

        Reopen();

        Assert.Equal("running", Queries.Batch(id)!.Status);
    }

    [Fact]
    public void Open_LeavesFinishedBatchesAlone()
    {
        var committed = ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,1\n");
        var rejected = ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,x\n");

        Reopen();

        Assert.Equal("committed", Queries.Batch(committed.BatchId)!.Status);
        Assert.Equal("rejected", Queries.Batch(rejected.BatchId)!.Status);
    }

    [Fact]
    public void Import_KeysAreUniquePerTableAndMoneyIsWholeTenThousandths()
    {
        ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,0.1\n2026-03-02,search,0.2\n");

        Assert.Equal(3_000L, Scalar<long>("SELECT SUM(spend) FROM spend"));
        Assert.Equal("integer", Scalar<string>("SELECT DISTINCT typeof(spend) FROM spend"));
        Assert.Equal(0.3m, StoredMoney.FromUnits(Scalar<long>("SELECT SUM(spend) FROM spend")));
    }

    [Fact]
    public void Import_WhileAnotherConnectionReads_Commits()
    {
        using var reader = (Microsoft.Data.Sqlite.SqliteConnection)Store.OpenConnection();
        using var tx = reader.BeginTransaction(deferred: true);
        reader.ExecuteScalar<long>("SELECT COUNT(*) FROM spend", transaction: tx);

        var result = ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,1\n");

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal(0, reader.ExecuteScalar<long>("SELECT COUNT(*) FROM spend", transaction: tx));
    }

    [Fact]
    public void Open_StoreWithANewerSchema_IsRefusedWithTheVersions()
    {
        Execute("PRAGMA user_version = 99");

        var refused = Assert.Throws<StoreUnavailableException>(() => Reopen());

        Assert.Equal(StoreCodes.SchemaNewer, refused.Code);
        Assert.Equal(Store.DatabasePath, refused.Location);
        Assert.Contains("99", refused.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_AFileThatIsNotADatabase_IsUnreachableWithTheReason()
    {
        var dir = Dir.File("garbage");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, SqliteStore.DatabaseFileName), new string('x', 4096));

        var refused = Assert.Throws<StoreUnavailableException>(() => SqliteStore.Open(dir, Clock));

        Assert.Equal(StoreCodes.Unreachable, refused.Code);
        Assert.Contains("not a database", refused.Detail, StringComparison.Ordinal);
    }

    /// <summary>
    /// A workspace written before documents had versions (schema 8: one table per document kind, the time zone in a
    /// key/value table) opens with every document moved into the versioned table at version 1, read back as it was.
    /// </summary>
    [Fact]
    public async Task Open_StoreOfSchema8_MovesItsDocumentsIntoTheVersionedTable()
    {
        var dir = Dir.File("old");
        Directory.CreateDirectory(dir);
        var structure = OrgTemplates.Get("recommended")!;
        var person = new Person("ann", "Ann Lee", structure.Units[0].Id, "Brand manager", ["ANN-1"]);
        var campaign = new Campaign("spring", "Spring launch", CampaignType.ProductLaunch, structure.Units[0].Id, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));
        var squad = new Squad("sq", "Squad", [new SquadMember("ann", SquadRole.Lead)], new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), ["spring"]);
        var web = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + Path.Combine(dir, SqliteStore.DatabaseFileName)))
        {
            connection.Open();
            for (var i = 0; i < 8; i++)
            {
                connection.Execute(Schema.Migrations[i]);
            }

            connection.Execute("PRAGMA user_version = 8");
            connection.Execute("INSERT INTO workspace (key, value) VALUES ('time_zone', 'Asia/Shanghai')");
            connection.Execute("INSERT INTO org_structure (id, name, document, saved_at) VALUES (1, @name, @doc, '2026-01-01T00:00:00.000Z')",
                new { name = structure.Name, doc = OrgSerializer.ToJson(structure) });
            connection.Execute("INSERT INTO kpi_targets VALUES ('gmv', @unit, '2026-03', 1250.5, '2026-01-02T00:00:00.000Z')", new { unit = structure.Units[0].Id });
            connection.Execute("INSERT INTO people VALUES ('ann', @doc, '2026-01-03T00:00:00.000Z')", new { doc = System.Text.Json.JsonSerializer.Serialize(person, web) });
            connection.Execute("INSERT INTO campaigns VALUES ('spring', @doc, '2026-01-03T00:00:00.000Z')", new { doc = System.Text.Json.JsonSerializer.Serialize(campaign, web) });
            connection.Execute("INSERT INTO squads VALUES ('sq', @doc, '2026-01-03T00:00:00.000Z')", new { doc = System.Text.Json.JsonSerializer.Serialize(squad, web) });
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var store = SqliteStore.Open(dir, Clock);
        var documents = store.Documents;

        Assert.Equal(Schema.Migrations.Count, Scalar(store, "PRAGMA user_version"));
        Assert.Equal("Asia/Shanghai", (await documents.GetAsync(WorkspaceSettings.Document, WorkspaceSettings.Id, default))!.Value.TimeZone);
        var savedStructure = (await documents.GetAsync(OrganizationDocuments.Structure, OrganizationDocuments.StructureId, default))!;
        Assert.Equal(structure, savedStructure.Value);
        Assert.Equal((1L, "2026-01-01T00:00:00.000Z"), (savedStructure.Version, savedStructure.SavedAt));
        var target = Assert.Single(await documents.ValuesAsync(OrganizationDocuments.Targets, default));
        Assert.Equal(new KpiTarget("gmv", structure.Units[0].Id, Period.Month(2026, 3), 1250.5), target);
        Assert.Equal([person], await documents.ValuesAsync(CampaignDocuments.People, default));
        Assert.Equal([campaign], await documents.ValuesAsync(CampaignDocuments.Campaigns, default));
        Assert.Equal([squad], await documents.ValuesAsync(CampaignDocuments.Squads, default));
        Assert.Equal(0, Scalar(store, "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('people', 'squads', 'campaigns', 'org_structure', 'kpi_targets', 'workspace')"));
        await store.DisposeAsync();
    }

    [Fact]
    public async Task Open_AStoreOfSchema11HoldingSpend_AddsConversionsAndInstalls_AndTheEarlierFileIsAlreadyPresent()
    {
        var dir = Dir.File("v11");
        Directory.CreateDirectory(dir);
        var fact = new SpendFact(new DateOnly(2026, 3, 1), "search", "spring", 12.5m, 1000, 40);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + Path.Combine(dir, SqliteStore.DatabaseFileName)))
        {
            connection.Open();
            for (var i = 0; i < 11; i++)
            {
                connection.Execute(Schema.Migrations[i]);
            }

            connection.Execute("PRAGMA user_version = 11");
            connection.Execute("INSERT INTO channels (id, name, grp, created_at) VALUES (1, 'search', 'paid_search', '2026-01-01T00:00:00.000Z')");
            connection.Execute("INSERT INTO import_batches (id, kind, source, format, started_at, finished_at, status) "
                + "VALUES (1, 'spend', 'old.csv', 'csv', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z', 'committed')");
            connection.Execute("INSERT INTO spend (key, day, channel_id, campaign, spend, impressions, clicks, batch_id) VALUES (@key, '2026-03-01', 1, 'spring', 125000, 1000, 40, 1)",
                new { key = fact.Key });
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var store = SqliteStore.Open(dir, Clock);
        var bytes = System.Text.Encoding.UTF8.GetBytes("date,channel,campaign,spend,impressions,clicks\n2026-03-01,search,spring,12.5,1000,40\n");

        var result = await new FactImporter(store.Sink).ImportAsync(
            new ImportRequest(DataKinds.Spend, "old.csv", new FileFormat(DataFormat.Csv, false), () => new MemoryStream(bytes)) { Context = ParseContext.Utc });

        Assert.Equal(Schema.Migrations.Count, Scalar(store, "PRAGMA user_version"));
        Assert.Equal((ImportStatus.Committed, 0L, 0L, 1L), (result.Status, result.Added, result.Updated, result.Unchanged));
        Assert.Equal(0, Scalar(store, "SELECT COUNT(*) FROM spend WHERE conversions IS NOT NULL OR installs IS NOT NULL"));
        await store.DisposeAsync();
    }

    [Fact]
    public async Task Open_AStoreOfSchema12HoldingSpend_AddsTheHour_AndTheEarlierDailyFileIsAlreadyPresent()
    {
        var dir = Dir.File("v12");
        Directory.CreateDirectory(dir);
        var fact = new SpendFact(new DateOnly(2026, 3, 1), "search", "spring", 12.5m, 1000, 40, 3);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + Path.Combine(dir, SqliteStore.DatabaseFileName)))
        {
            connection.Open();
            for (var i = 0; i < 12; i++)
            {
                connection.Execute(Schema.Migrations[i]);
            }

            connection.Execute("PRAGMA user_version = 12");
            connection.Execute("INSERT INTO channels (id, name, grp, created_at) VALUES (1, 'search', 'paid_search', '2026-01-01T00:00:00.000Z')");
            connection.Execute("INSERT INTO import_batches (id, kind, source, format, started_at, finished_at, status) "
                + "VALUES (1, 'spend', 'old.csv', 'csv', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z', 'committed')");
            connection.Execute("INSERT INTO spend (key, day, channel_id, campaign, spend, impressions, clicks, conversions, batch_id) "
                + "VALUES (@key, '2026-03-01', 1, 'spring', 125000, 1000, 40, 3, 1)", new { key = fact.Key });
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var store = SqliteStore.Open(dir, Clock);
        var daily = System.Text.Encoding.UTF8.GetBytes("date,channel,campaign,spend,impressions,clicks,conversions\n2026-03-01,search,spring,12.5,1000,40,3\n");
        var hourly = System.Text.Encoding.UTF8.GetBytes("timestamp,channel,campaign,spend,impressions,clicks,conversions\n2026-03-01T09:00:00Z,search,spring,12.5,1000,40,3\n");
        ImportRequest Request(byte[] bytes) =>
            new(DataKinds.Spend, "old.csv", new FileFormat(DataFormat.Csv, false), () => new MemoryStream(bytes)) { Context = ParseContext.Utc };

        var again = await new FactImporter(store.Sink).ImportAsync(Request(daily));
        var hours = await new FactImporter(store.Sink).ImportAsync(Request(hourly));

        Assert.Equal(Schema.Migrations.Count, Scalar(store, "PRAGMA user_version"));
        Assert.Equal((ImportStatus.Committed, 0L, 0L, 1L), (again.Status, again.Added, again.Updated, again.Unchanged));
        Assert.Equal((ImportStatus.Committed, 1L, 0L, 0L), (hours.Status, hours.Added, hours.Updated, hours.Unchanged));
        Assert.Equal(1, Scalar(store, "SELECT COUNT(*) FROM spend WHERE hour IS NULL"));
        Assert.Equal(9, Scalar(store, "SELECT hour FROM spend WHERE hour IS NOT NULL"));
        await store.DisposeAsync();
    }

    private static long Scalar(SqliteStore store, string sql)
    {
        using var connection = store.OpenConnection();
        return connection.ExecuteScalar<long>(sql);
    }
}
