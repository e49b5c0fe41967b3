using Mercato.Core.DataCenter;
using Mercato.Storage.Import;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Import;

/// <summary>Re-importing changes nothing; overlaps add only what is new; restated values update.</summary>
public abstract class IdempotentImportTests(StoreProvider provider) : StoreTest(provider)
{
    public static TheoryData<string, DataFormat> KindsAndFormats => KindSample.NamesAndFormats;

    private string Snapshot(KindSample sample)
    {
        var columns = string.Join(", ", Mercato.Storage.Facts.FactTables.For(sample.Kind).Columns);
        return string.Join('\n', Rows($"SELECT key, batch_id, {columns} FROM {sample.Table} ORDER BY key"));
    }

    [Theory]
    [MemberData(nameof(KindsAndFormats))]
    public void Import_SameFileTwice_ChangesNothingTheSecondTime(string kindName, DataFormat format)
    {
        var sample = KindSample.Of(kindName);
        var text = sample.Render(format, sample.Rows(0, 12));
        var first = Import(sample.Kind, format, text);
        var before = Query<(long, long)>($"SELECT key, batch_id FROM {sample.Table} ORDER BY key");
        var channels = Count("channels");

        var second = Import(sample.Kind, format, text);

        Assert.Equal(ImportStatus.Committed, second.Status);
        Assert.Equal((12L, 12L), (first.RowsRead, first.Added));
        Assert.Equal((12L, 0L, 0L, 12L, 0L), (second.RowsRead, second.Added, second.Updated, second.Unchanged, second.Rejected));
        Assert.Empty(second.NewChannels);
        Assert.Equal(before, Query<(long, long)>($"SELECT key, batch_id FROM {sample.Table} ORDER BY key"));
        Assert.Equal(channels, Count("channels"));
        Assert.Equal((0L, 12L), (Queries.Batch(second.BatchId)!.RowsAdded, Queries.Batch(second.BatchId)!.RowsUnchanged));
    }

    [Theory]
    [MemberData(nameof(KindsAndFormats))]
    public void Import_OverlappingFiles_AddOnlyTheNewRows(string kindName, DataFormat format)
    {
        var sample = KindSample.Of(kindName);
        Import(sample.Kind, format, sample.Render(format, sample.Rows(0, 10)));

        var result = Import(sample.Kind, format, sample.Render(format, sample.Rows(6, 10)));

        Assert.Equal((10L, 6L, 0L, 4L), (result.RowsRead, result.Added, result.Updated, result.Unchanged));
        Assert.Equal(16, Count(sample.Table));
    }

    [Theory]
    [MemberData(nameof(KindsAndFormats))]
    public void Import_DuplicateRowsInsideOneFile_CountOnceAddedAndOnceUnchanged(string kindName, DataFormat format)
    {
        var sample = KindSample.Of(kindName);
        var rows = new[] { sample.Row(0), sample.Row(1), sample.Row(0) };

        var result = Import(sample.Kind, format, sample.Render(format, rows));

        Assert.Equal((3L, 2L, 0L, 1L), (result.RowsRead, result.Added, result.Updated, result.Unchanged));
        Assert.Equal(2, Count(sample.Table));
    }

    [Fact]
    public void Import_SpendRestatedWithADifferentAmount_CountsAsUpdatedAndStoresTheNewValue()
    {
        var first = ImportCsv(DataKinds.Spend, "date,channel,campaign,spend,impressions\n2026-03-01,search,spring,10,100\n2026-03-02,search,spring,20,200\n");

        var second = ImportCsv(DataKinds.Spend, "date,channel,campaign,spend,impressions\n2026-03-01,Search,spring,12.5,100\n2026-03-02,search,spring,20,200\n");

        Assert.Equal((2L, 0L, 1L, 1L), (second.RowsRead, second.Added, second.Updated, second.Unchanged));
        Assert.Equal(
            [("2026-03-01", 125_000L, second.BatchId), ("2026-03-02", 200_000L, first.BatchId)],
            Query<(string, long, long)>("SELECT day, spend, batch_id FROM spend ORDER BY day"));
    }

    [Fact]
    public void Import_OptionalValueDroppedOnReimport_CountsAsUpdatedAndClearsIt()
    {
        ImportCsv(DataKinds.Spend, "date,channel,spend,impressions\n2026-03-01,search,10,100\n");

        var second = ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,10\n");

        Assert.Equal((1L, 0L), (second.Updated, second.Unchanged));
        Assert.Null(Scalar<long?>("SELECT impressions FROM spend"));
    }

    [Fact]
    public void Import_SameAmountWrittenDifferently_IsUnchanged()
    {
        ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,10\n");

        var second = ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,10.0000\n");

        Assert.Equal((0L, 0L, 1L), (second.Added, second.Updated, second.Unchanged));
    }

    [Fact]
    public void Import_RestatedSpendInsideOneFile_KeepsTheLastValue()
    {
        var result = ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,10\n2026-03-01,search,11\n");

        Assert.Equal((1L, 1L, 0L), (result.Added, result.Updated, result.Unchanged));
        Assert.Equal(110_000L, Scalar<long>("SELECT spend FROM spend"));
    }

    [Fact]
    public void Import_SpendCampaignIsPartOfTheIdentity()
    {
        var result = ImportCsv(DataKinds.Spend, "date,channel,campaign,spend\n2026-03-01,search,,1\n2026-03-01,search,a,2\n2026-03-01,search,A,3\n");

        Assert.Equal(3, result.Added);
    }

    [Fact]
    public void Import_CorrectedConversion_CountsAsUpdated()
    {
        ImportCsv(DataKinds.Conversions, "conversion_id,user_id,timestamp,revenue,cost\no1,u1,2026-03-01T00:00:00Z,100,40\n");

        var second = ImportCsv(DataKinds.Conversions, "conversion_id,user_id,timestamp,revenue,cost\no1,u1,2026-03-01T00:00:00Z,90,40\n");

        Assert.Equal((0L, 1L), (second.Added, second.Updated));
        Assert.Equal(1, Count("conversions"));
        Assert.Equal(900_000L, Scalar<long>("SELECT revenue FROM conversions"));
    }

    [Fact]
    public void Import_CostWithADifferentKind_UpdatesTheRowOfItsMonthChannelAndCategory()
    {
        ImportCsv(DataKinds.Costs, "month,channel,category,amount,kind\n2026-03,kol,kol_fee,100,fixed\n2026-03,,kol_fee,100,fixed\n");

        var second = ImportCsv(DataKinds.Costs, "month,channel,category,amount,kind\n2026-03,KOL,kol_fee,100,variable\n2026-03,,kol_fee,100,fixed\n");

        Assert.Equal((0L, 1L, 1L), (second.Added, second.Updated, second.Unchanged));
        Assert.Equal(2, Count("costs"));
        Assert.Equal("variable", Scalar<string>("SELECT kind FROM costs WHERE channel_id IS NOT NULL"));
    }

    [Fact]
    public void Import_TouchpointWithSameIdAndOtherValues_CountsAsUpdated()
    {
        ImportCsv(DataKinds.Touchpoints, "touchpoint_id,user_id,timestamp,channel,type\nt1,u1,2026-03-01T00:00:00Z,search,click\n");

        var second = ImportCsv(DataKinds.Touchpoints, "touchpoint_id,user_id,timestamp,channel,type\nt1,u1,2026-03-01T00:00:00Z,douyin,click\n");

        Assert.Equal((0L, 1L), (second.Added, second.Updated));
        Assert.Equal(1, Count("touchpoints"));
        Assert.Equal("douyin", Scalar<string>("SELECT c.name FROM touchpoints t JOIN channels c ON c.id = t.channel_id"));
    }

    [Fact]
    public void Import_TouchpointsWithoutId_DedupeOnAllTheirFields()
    {
        const string Header = "user_id,timestamp,channel,campaign,type,referral_code\n";
        const string Row = "u1,2026-03-01T08:00:00+08:00,search,spring,click,R1\n";
        var first = ImportCsv(DataKinds.Touchpoints, Header + Row);

        // The same instant written in another offset, the channel in another case and the type in capitals: the same touchpoint.
        var same = ImportCsv(DataKinds.Touchpoints, Header + Row + "u1,2026-03-01T00:00:00Z,SEARCH,spring,Click,R1\n");
        Assert.Equal((2L, 0L, 0L, 2L), (same.RowsRead, same.Added, same.Updated, same.Unchanged));

        // Each field changed on its own makes a different touchpoint.
        var different = ImportCsv(DataKinds.Touchpoints, Header + """
            u2,2026-03-01T08:00:00+08:00,search,spring,click,R1
            u1,2026-03-01T08:00:01+08:00,search,spring,click,R1
            u1,2026-03-01T08:00:00+08:00,douyin,spring,click,R1
            u1,2026-03-01T08:00:00+08:00,search,summer,click,R1
            u1,2026-03-01T08:00:00+08:00,search,,click,R1
            u1,2026-03-01T08:00:00+08:00,search,spring,visit,R1
            u1,2026-03-01T08:00:00+08:00,search,spring,click,R2
            u1,2026-03-01T08:00:00+08:00,search,spring,click,
            """);
        Assert.Equal((8L, 8L, 0L), (different.RowsRead, different.Added, different.Unchanged));
        Assert.Equal(1 + 8, Count("touchpoints"));
        Assert.Equal(1, first.Added);
    }

    [Fact]
    public void Import_TouchpointWithIdAndOneWithout_AreDifferentRows()
    {
        var result = ImportCsv(DataKinds.Touchpoints,
            "touchpoint_id,user_id,timestamp,channel\nt1,u1,2026-03-01T00:00:00Z,search\n,u1,2026-03-01T00:00:00Z,search\n");

        Assert.Equal(2, result.Added);
    }

    [Fact]
    public void Import_ActivityDiffersOnlyInEventCase_IsTheSameRow()
    {
        var result = ImportCsv(DataKinds.Activity, "user_id,timestamp,event\nu1,2026-03-01T00:00:00Z,Login\nu1,2026-03-01T08:00:00+08:00,login\n");

        Assert.Equal((1L, 1L), (result.Added, result.Unchanged));
    }

    [Fact]
    public void Import_ChannelNamesDifferingInCase_AreOneChannelKeepingTheFirstSpelling()
    {
        var first = ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,Search,1\n2026-03-02,search,2\n");
        var second = ImportCsv(DataKinds.Touchpoints, "user_id,timestamp,channel\nu1,2026-03-01T00:00:00Z,SEARCH\n");
        var third = ImportCsv(DataKinds.Costs, "month,channel,category,amount,kind\n2026-03, search ,agency,1,fixed\n");

        Assert.Equal(["Search"], first.NewChannels);
        Assert.Empty(second.NewChannels);
        Assert.Empty(third.NewChannels);
        Assert.Equal([(1L, "Search")], Query<(long, string)>("SELECT id, name FROM channels"));
        Assert.Equal(1, Scalar<long>("SELECT COUNT(DISTINCT channel_id) FROM spend"));
        Assert.Equal(1L, Scalar<long>("SELECT channel_id FROM touchpoints"));
        Assert.Equal(1L, Scalar<long>("SELECT channel_id FROM costs"));
    }

    [Fact]
    public void Import_SpendForTheSameDayInChannelsDifferingInCase_IsOneRow()
    {
        var result = ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,Search,1\n2026-03-01,search,1\n");

        Assert.Equal((1L, 1L), (result.Added, result.Unchanged));
        Assert.Equal(1, Count("spend"));
    }

    [Fact]
    public void Import_CsvThenTheSameRowsAsJsonLines_ChangesNothing()
    {
        foreach (var sample in KindSample.All)
        {
            Import(sample.Kind, DataFormat.Csv, sample.Csv(sample.Rows(0, 5)));
            var snapshot = Snapshot(sample);

            var again = Import(sample.Kind, DataFormat.JsonLines, sample.Jsonl(sample.Rows(0, 5)));

            Assert.Equal((0L, 0L, 5L), (again.Added, again.Updated, again.Unchanged));
            Assert.Equal(snapshot, Snapshot(sample));
        }
    }
}

public sealed class IdempotentImportTestsOnSqlite() : IdempotentImportTests(StoreProvider.Sqlite);

public sealed class IdempotentImportTestsOnPostgres() : IdempotentImportTests(StoreProvider.Postgres);
