using System.Globalization;
using System.Text;
using Mercato.Core.DataCenter;
using Mercato.Storage.Facts;
using Mercato.Storage.Import;
using Mercato.Storage.Sqlite;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Import;

/// <summary>
/// The embedded store gathers a table's rows into chunks and writes each chunk sorted by key (<see cref="FactWriter"/>).
/// That must change nothing but speed: every test runs the same files through a store that writes each row as it comes
/// (chunks of one row) and through one that sorts (small chunks, so that a file crosses many chunk boundaries, or the
/// real size), and compares the counts, the batches' recorded counts and instants, and every stored row.
/// </summary>
public class KeyOrderedImportTests() : StoreTest(StoreProvider.Sqlite)
{
    private TestStore? _direct;

    /// <summary>The store that writes every row as it comes.</summary>
    private TestStore Direct => _direct ?? throw new InvalidOperationException("opened in InitializeAsync");

    public static TheoryData<string> KindNames => KindSample.Names;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _direct = await TestStore.OpenAsync(StoreProvider.Sqlite, Dir.File("direct"), Clock);
        ((SqliteStore)Direct.Inner).WriteChunkRows = 1;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_direct is not null)
        {
            await _direct.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private void ChunksOf(int rows) => ((SqliteStore)Store.Inner).WriteChunkRows = rows;

    /// <summary>Imports the same text into both stores and checks that results, batches and rows agree; returns the sorting store's result.</summary>
    private ImportResult ImportBoth(DataKind kind, DataFormat format, string text, Func<ImportRequest, ImportRequest>? configure = null)
    {
        var direct = ImportInto(Direct, kind, format, text, configure);
        var sorted = ImportInto(Store, kind, format, text, configure);
        Assert.True(sorted.Status == direct.Status, sorted.Message?.ToString());

        Assert.Equal(
            (direct.Status, direct.RowsRead, direct.Added, direct.Updated, direct.Unchanged, direct.Rejected),
            (sorted.Status, sorted.RowsRead, sorted.Added, sorted.Updated, sorted.Unchanged, sorted.Rejected));
        Assert.Equal(direct.NewChannels, sorted.NewChannels);
        Assert.Equal(Snapshot(Direct, kind), Snapshot(Store, kind));
        return sorted;
    }

    private static ImportResult ImportInto(
        TestStore store, DataKind kind, DataFormat format, string text, Func<ImportRequest, ImportRequest>? configure)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var request = new ImportRequest(kind, "test." + format, new FileFormat(format, false), () => new MemoryStream(bytes, writable: false))
        {
            Context = store.ParseContext,
        };
        return new FactImporter(store.Inner.Sink).ImportAsync(configure is null ? request : configure(request)).GetAwaiter().GetResult();
    }

    /// <summary>Every stored row of the kind's table by key (its values and the batch that wrote it), the batches and the channels.</summary>
    private static List<string> Snapshot(TestStore store, DataKind kind)
    {
        var table = FactTables.For(kind);
        using var connection = store.Inner.OpenConnectionAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        var lines = new List<string>();
        void Read(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                lines.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i =>
                    reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
            }
        }

        Read($"SELECT key, batch_id, {string.Join(", ", table.Columns)} FROM {table.Table} ORDER BY key");
        Read("SELECT id, kind, status, rows_read, rows_added, rows_updated, rows_unchanged, rows_rejected, first_ts, last_ts FROM import_batches ORDER BY id");
        Read("SELECT id, name, grp FROM channels ORDER BY id");
        return lines;
    }

    private string[] Indexes(string table) => Query<string>(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = @table AND sql IS NOT NULL ORDER BY name", new { table }).ToArray();

    private static string Touchpoints(IEnumerable<(string Id, string User, int Minute, string Channel)> rows)
    {
        var csv = new StringBuilder("touchpoint_id,user_id,timestamp,channel\n");
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var (id, user, minute, channel) in rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{id},{user},{start.AddMinutes(minute):yyyy-MM-dd'T'HH:mm:ss'Z'},{channel}\n");
        }

        return csv.ToString();
    }

    private static (string, string, int, string) Touch(int i, string channel = "search") => ("t" + i.ToString(CultureInfo.InvariantCulture), "u" + (i % 997).ToString(CultureInfo.InvariantCulture), i, channel);

    [Theory]
    [MemberData(nameof(KindNames))]
    public void SortedChunks_NewHeldAndRepeatedRows_CountAndStoreAsRowByRow(string kindName)
    {
        var sample = KindSample.Of(kindName);
        ChunksOf(4);
        ImportBoth(sample.Kind, DataFormat.Csv, sample.Csv(sample.Rows(0, 10)));

        // Rows 5-9 are held, 10-19 new, and 12 and 3 come twice; the file is out of order.
        var rows = sample.Rows(5, 15).Reverse().Append(sample.Row(12)).Append(sample.Row(3)).Append(sample.Row(3)).ToList();
        var result = ImportBoth(sample.Kind, DataFormat.Csv, sample.Csv(rows));

        Assert.Equal((18L, 10L, 0L, 8L), (result.RowsRead, result.Added, result.Updated, result.Unchanged));
    }

    [Fact]
    public void SortedChunks_RestatedRowsAndRestatementsInsideTheFile_CountAndStoreAsRowByRow()
    {
        ChunksOf(3);
        ImportBoth(DataKinds.Touchpoints, DataFormat.Csv, Touchpoints(Enumerable.Range(0, 20).Select(i => Touch(i))));

        var file = new[]
        {
            Touch(25), Touch(1, "douyin"), Touch(2), Touch(30), Touch(3, "douyin"), Touch(3, "search"),
            // A held touch restated, then restated back to what is held: two updates.
            Touch(4, "wechat"), Touch(4),
            // A new touch, then again the same, then restated, then restated once more to the same.
            Touch(40), Touch(40), Touch(40, "email"), Touch(40, "email"),
            // A new touch restated back to its first values.
            Touch(41), Touch(41, "sms"), Touch(41),
        };
        var result = ImportBoth(DataKinds.Touchpoints, DataFormat.Csv, Touchpoints(file));

        Assert.Equal((15L, 4L, 8L, 3L), (result.RowsRead, result.Added, result.Updated, result.Unchanged));
    }

    [Fact]
    public void SortedChunks_RestatedSpendConversionsAndCosts_CountAndStoreAsRowByRow()
    {
        ChunksOf(2);
        ImportBoth(DataKinds.Spend, DataFormat.Csv, "date,channel,campaign,spend\n2026-03-01,search,a,10\n2026-03-02,search,a,20\n2026-03-03,search,a,30\n");
        var spend = ImportBoth(DataKinds.Spend, DataFormat.Csv,
            "date,channel,campaign,spend\n2026-03-03,search,a,31\n2026-03-01,search,a,10\n2026-03-04,search,a,40\n2026-03-02,Search,A,20\n2026-03-02,search,a,21\n2026-03-04,search,a,41\n");
        Assert.Equal((6L, 2L, 3L, 1L), (spend.RowsRead, spend.Added, spend.Updated, spend.Unchanged));

        ImportBoth(DataKinds.Conversions, DataFormat.Csv, "conversion_id,user_id,timestamp,revenue,cost\no1,u1,2026-03-01T00:00:00Z,100,40\no2,u2,2026-03-02T00:00:00Z,50,\n");
        var conversions = ImportBoth(DataKinds.Conversions, DataFormat.Csv,
            "conversion_id,user_id,timestamp,revenue,cost\no2,u2,2026-03-02T00:00:00Z,50,5\no1,u1,2026-03-01T00:00:00Z,100,40\no3,u1,2026-03-05T00:00:00Z,1,\n");
        Assert.Equal((1L, 1L, 1L), (conversions.Added, conversions.Updated, conversions.Unchanged));

        ImportBoth(DataKinds.Costs, DataFormat.Csv, "month,channel,category,amount,kind\n2026-03,kol,kol_fee,100,fixed\n2026-04,,agency,5,fixed\n");
        var costs = ImportBoth(DataKinds.Costs, DataFormat.Csv,
            "month,channel,category,amount,kind\n2026-04,,agency,5,fixed\n2026-03,KOL,kol_fee,100,variable\n2026-05,,agency,7,fixed\n");
        Assert.Equal((1L, 1L, 1L), (costs.Added, costs.Updated, costs.Unchanged));
    }

    [Fact]
    public void SortedChunks_OnlyHeldRows_RecordNoInstants()
    {
        ChunksOf(7);
        var text = Touchpoints(Enumerable.Range(0, 50).Select(i => Touch(i)));
        ImportBoth(DataKinds.Touchpoints, DataFormat.Csv, text);

        var again = ImportBoth(DataKinds.Touchpoints, DataFormat.Csv, text);

        Assert.Equal((0L, 0L, 50L), (again.Added, again.Updated, again.Unchanged));
        Assert.Equal((null, null), Query<(long?, long?)>("SELECT first_ts, last_ts FROM import_batches WHERE id = @id", new { id = again.BatchId }).Single());
    }

    [Fact]
    public void SortedChunks_SkipInvalidAndDryRun_CountAsRowByRow()
    {
        ChunksOf(3);
        ImportBoth(DataKinds.Touchpoints, DataFormat.Csv, Touchpoints(Enumerable.Range(0, 10).Select(i => Touch(i))));
        var text = Touchpoints(Enumerable.Range(5, 10).Select(i => Touch(i, i % 2 == 0 ? "search" : "email"))) + "t99,u1,not-a-time,search\n";

        var dry = ImportBoth(DataKinds.Touchpoints, DataFormat.Csv, text, r => r with { SkipInvalid = true, DryRun = true });
        var skipped = ImportBoth(DataKinds.Touchpoints, DataFormat.Csv, text, r => r with { SkipInvalid = true });

        Assert.Equal((11L, 5L, 3L, 2L, 1L), (dry.RowsRead, dry.Added, dry.Updated, dry.Unchanged, dry.Rejected));
        Assert.Equal((dry.Added, dry.Updated, dry.Unchanged), (skipped.Added, skipped.Updated, skipped.Unchanged));
        Assert.Equal(15, Count("touchpoints"));
    }

    [Fact]
    public void SortedChunksRefused_AddNothingAndKeepTheIndexes()
    {
        ChunksOf(3);
        ImportBoth(DataKinds.Touchpoints, DataFormat.Csv, Touchpoints(Enumerable.Range(0, 10).Select(i => Touch(i))));

        var refused = ImportBoth(DataKinds.Touchpoints, DataFormat.Csv,
            Touchpoints(Enumerable.Range(5, 20).Select(i => Touch(i, "email"))) + "t99,u1,not-a-time,search\n");
        var next = ImportBoth(DataKinds.Touchpoints, DataFormat.Csv, Touchpoints(Enumerable.Range(8, 5).Select(i => Touch(i, "sms"))));

        Assert.Equal(ImportStatus.Rejected, refused.Status);
        Assert.Equal((3L, 2L, 0L), (next.Added, next.Updated, next.Unchanged));
        Assert.Equal(13, Count("touchpoints"));
        Assert.Equal(["touchpoints_journey", "touchpoints_key"], Indexes("touchpoints"));
    }

    [Fact]
    public void NewChannelWhoseIdIsTheNextRowid_DoesNotMakeAnUpdateCountAsAdded()
    {
        // Channels 1 and 2, touches 1 and 2; then a touch restated onto a new channel, whose id (3) is the rowid the next
        // added touch would get, and which is the connection's last inserted rowid when the touch is written.
        ImportBoth(DataKinds.Touchpoints, DataFormat.Csv, Touchpoints([Touch(1), Touch(2, "douyin")]));

        var restated = ImportBoth(DataKinds.Touchpoints, DataFormat.Csv, Touchpoints([Touch(1, "wechat")]));
        var added = ImportBoth(DataKinds.Touchpoints, DataFormat.Csv, Touchpoints([Touch(2, "douyin"), Touch(3, "sms")]));
        var both = ImportBoth(DataKinds.Touchpoints, DataFormat.Csv, Touchpoints([Touch(4, "email"), Touch(1, "kol")]));

        Assert.Equal(3, ChannelId("wechat"));
        Assert.Equal((0L, 1L, 0L), (restated.Added, restated.Updated, restated.Unchanged));
        Assert.Equal(4, ChannelId("sms"));
        Assert.Equal((1L, 0L, 1L), (added.Added, added.Updated, added.Unchanged));
        Assert.Equal((1L, 1L, 0L), (both.Added, both.Updated, both.Unchanged));
        Assert.Equal(4, Count("touchpoints"));
    }

    [Fact]
    public void SortedChunks_OneChunkOfTheRealSize_CountAndStoreAsRowByRow()
    {
        ImportBoth(DataKinds.Touchpoints, DataFormat.Csv, Touchpoints(Enumerable.Range(0, 3_000).Select(i => Touch(i))));

        var result = ImportBoth(DataKinds.Touchpoints, DataFormat.Csv, Touchpoints(MixedByUser(0, 3_000, 4_000, 100)));

        Assert.Equal(4_000, result.Added);
        Assert.True(FactWriter.DefaultChunkRows > result.RowsRead);
    }

    [Fact]
    public void SortedChunks_LargeImportThatDefersTheJourneyIndex_CountsAndStoresAsRowByRowAndRebuildsTheIndex()
    {
        // Past DeferIndexesAfterRows added rows both stores drop the journey index and build it again before committing;
        // chunks this large are written on another thread while the next is gathered.
        ChunksOf(FactWriter.BackgroundChunkRows + 1_000);
        ImportBoth(DataKinds.Touchpoints, DataFormat.Csv, Touchpoints(Enumerable.Range(0, 30_000).Select(i => Touch(i))));
        var added = (int)FactWriter.DeferIndexesAfterRows + 10_000;

        var result = ImportBoth(DataKinds.Touchpoints, DataFormat.Csv, Touchpoints(MixedByUser(20_000, 30_000, added, 5_000)));

        Assert.Equal(added, result.Added);
        Assert.True(result.Updated > 5_000);
        Assert.Equal(["touchpoints_journey", "touchpoints_key"], Indexes("touchpoints"));
        Assert.Equal(
            Query<string>("SELECT user_id || ts || channel_id FROM touchpoints INDEXED BY touchpoints_journey ORDER BY user_id, ts"),
            Query<string>("SELECT user_id || ts || channel_id FROM touchpoints NOT INDEXED ORDER BY user_id, ts, channel_id, campaign, referral_code"));
    }

    [Fact]
    public void SortedChunksRefused_WhileAChunkIsWrittenOnAnotherThread_AddNothing()
    {
        ChunksOf(FactWriter.BackgroundChunkRows);
        ImportBoth(DataKinds.Touchpoints, DataFormat.Csv, Touchpoints(Enumerable.Range(0, 1_000).Select(i => Touch(i))));
        var rows = Enumerable.Range(0, 3 * FactWriter.BackgroundChunkRows).Select(i => Touch(i, "email"));

        var refused = ImportBoth(DataKinds.Touchpoints, DataFormat.Csv, Touchpoints(rows) + "t-1,u1,not-a-time,search\n");

        Assert.Equal(ImportStatus.Rejected, refused.Status);
        Assert.Equal(1_000, Count("touchpoints"));
        Assert.Equal(0, Scalar<long>("SELECT COUNT(*) FROM touchpoints WHERE channel_id = (SELECT id FROM channels WHERE name = 'email')"));
        Assert.Equal(["touchpoints_journey", "touchpoints_key"], Indexes("touchpoints"));
    }

    /// <summary>
    /// Touches <paramref name="from"/> to <paramref name="held"/> − 1 as held (unchanged), <paramref name="added"/> new ones
    /// after them, the first <paramref name="restated"/> held ones on another channel, and repeats inside the file both
    /// equal and restated; sorted by user, as a per-user export is, so the keys arrive in no order.
    /// </summary>
    private static IEnumerable<(string, string, int, string)> MixedByUser(int from, int held, int added, int restated)
    {
        var random = new Random(7);
        var rows = new List<(string, string, int, string)>();
        rows.AddRange(Enumerable.Range(from, held - from + added).Select(i => Touch(i)));
        rows.AddRange(Enumerable.Range(0, restated).Select(i => Touch(i, "douyin")));
        rows.AddRange(Enumerable.Range(0, rows.Count / 30).Select(_ => Touch(from + random.Next(held - from + added))));
        rows.AddRange(Enumerable.Range(0, rows.Count / 100).Select(_ => Touch(held + random.Next(added), "email")));
        return rows.Select((r, i) => (Row: r, Order: i)).OrderBy(r => r.Row.Item2, StringComparer.Ordinal).ThenBy(r => r.Order).Select(r => r.Row);
    }
}
