using Dapper;
using Mercato.Core.DataCenter;
using Mercato.Storage.DataCenter;
using Mercato.Storage.Import;
using Mercato.Storage.Sqlite;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Sqlite;

public class MercatoStoreTests : StoreTest
{
    private const long DeadPid = 2_147_483_000;

    private long InsertRunningBatch(long? pid) =>
        Scalar<long>(
            """
            INSERT INTO import_batches (kind, source, format, started_at, status, pid)
            VALUES ('spend', 'big.csv', 'csv', '2026-04-01T07:00:00.000Z', 'running', @pid) RETURNING id
            """,
            new { pid });

    [Fact]
    public void Open_NewDirectory_CreatesTheDatabaseInWalModeWithTheCurrentSchema()
    {
        Assert.True(File.Exists(Path.Combine(Dir.File("data"), MercatoStore.DatabaseFileName)));
        Assert.Equal(Path.Combine(Dir.File("data"), "mercato.db"), Store.DatabasePath);
        Assert.Equal("wal", Scalar<string>("PRAGMA journal_mode"));
        Assert.Equal(Schema.Migrations.Count, Scalar<long>("PRAGMA user_version"));
        Assert.True(Store.IsHealthy(out var detail));
        Assert.Contains("schema " + Schema.Migrations.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NestedDirectoryThatDoesNotExist_IsCreated()
    {
        var store = MercatoStore.Open(Dir.File(Path.Combine("a", "b", "c")));

        Assert.True(File.Exists(store.DatabasePath));
    }

    [Fact]
    public void Open_ExistingStore_KeepsItsDataAndSchema()
    {
        ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,1\n");

        var reopened = MercatoStore.Open(Store.DataDirectory);

        Assert.True(reopened.IsHealthy(out _));
        Assert.Equal(1, new DataCenterQueries(reopened).Sources().Kinds[0].Rows);
    }

    [Fact]
    public void Open_OverABatchLeftRunningByADeadProcess_MarksItInterrupted()
    {
        var id = InsertRunningBatch(DeadPid);
        Clock.Advance(TimeSpan.FromMinutes(5));

        MercatoStore.Open(Store.DataDirectory, Clock);

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

        MercatoStore.Open(Store.DataDirectory);

        Assert.Equal("interrupted", Queries.Batch(id)!.Status);
    }

    [Fact]
    public void Open_OverABatchOfALiveProcess_LeavesItRunning()
    {
        // pid 1 exists in every process namespace.
        var id = InsertRunningBatch(1);

        MercatoStore.Open(Store.DataDirectory);

        Assert.Equal("running", Queries.Batch(id)!.Status);
    }

    [Fact]
    public void Open_LeavesFinishedBatchesAlone()
    {
        var committed = ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,1\n");
        var rejected = ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,x\n");

        MercatoStore.Open(Store.DataDirectory);

        Assert.Equal("committed", Queries.Batch(committed.BatchId)!.Status);
        Assert.Equal("rejected", Queries.Batch(rejected.BatchId)!.Status);
    }

    [Fact]
    public void Import_KeysAreUniquePerTableAndMoneyIsWholeTenThousandths()
    {
        ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,0.1\n2026-03-02,search,0.2\n");

        Assert.Equal(3_000L, Scalar<long>("SELECT SUM(spend) FROM spend"));
        Assert.Equal("integer", Scalar<string>("SELECT DISTINCT typeof(spend) FROM spend"));
        Assert.Equal(0.3m, Money.FromStore(Scalar<long>("SELECT SUM(spend) FROM spend")));
    }

    [Fact]
    public void Import_WhileAnotherConnectionReads_Commits()
    {
        using var reader = Store.OpenConnection();
        using var tx = reader.BeginTransaction(deferred: true);
        reader.ExecuteScalar<long>("SELECT COUNT(*) FROM spend", transaction: tx);

        var result = ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,1\n");

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal(0, reader.ExecuteScalar<long>("SELECT COUNT(*) FROM spend", transaction: tx));
    }
}
