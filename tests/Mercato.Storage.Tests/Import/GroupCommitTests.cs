using System.Text;
using Mercato.Core.DataCenter;
using Mercato.Storage.Import;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Import;

/// <summary>
/// The group commit of small bodies: read and validated in memory (<see cref="FactImporter.Read"/>), then written in one
/// session, one batch each (<see cref="FactImporter.CommitAsync"/>), with the promises of a streamed import.
/// </summary>
public abstract class GroupCommitTests(StoreProvider provider) : StoreTest(provider)
{
    public static TheoryData<string, DataFormat> KindsAndFormats => KindSample.NamesAndFormats;

    private ImportRequest Request(KindSample sample, DataFormat format, IEnumerable<string?[]> rows, string source)
    {
        var bytes = Encoding.UTF8.GetBytes(sample.Render(format, rows));
        return new ImportRequest(sample.Kind, source, new FileFormat(format, false), () => new MemoryStream(bytes, writable: false)) { Context = Store.ParseContext };
    }

    private IReadOnlyList<ImportResult> Commit(params ImportRequest[] requests) =>
        FactImporter.CommitAsync(Store.Inner.Sink, [.. requests.Select(r => FactImporter.Read(r, 1_000)!)], CancellationToken.None).GetAwaiter().GetResult();

    [Theory]
    [MemberData(nameof(KindsAndFormats))]
    public void Commit_ThreeBodiesOfOneKind_EachHasItsBatchAndItsOwnCounts(string kindName, DataFormat format)
    {
        var sample = KindSample.Of(kindName);
        var bad = sample.Rows(0, 3).ToList();
        bad.Insert(1, sample.BadRow);

        var results = Commit(
            Request(sample, format, sample.Rows(0, 10), "a"),
            Request(sample, format, sample.Rows(5, 10), "b"),
            Request(sample, format, bad, "c"));

        Assert.Equal([ImportStatus.Committed, ImportStatus.Committed, ImportStatus.Rejected], results.Select(r => r.Status));
        Assert.Equal((10L, 10L, 0L, 0L), (results[0].RowsRead, results[0].Added, results[0].Updated, results[0].Unchanged));
        // b's first five rows are a's last five: held already when b is written, after a, in the same transaction.
        Assert.Equal((10L, 5L, 0L, 5L), (results[1].RowsRead, results[1].Added, results[1].Updated, results[1].Unchanged));
        Assert.Equal((4L, 0L, 1L), (results[2].RowsRead, results[2].Added, results[2].Rejected));
        Assert.Equal(2L, results[2].Errors[0].Line - (format == DataFormat.Csv ? 1 : 0));
        Assert.Equal(15, Count(sample.Table));
        Assert.Equal(3, results.Select(r => r.BatchId).Distinct().Count());
        Assert.Equal(["committed", "committed", "rejected"], results.Select(r => Queries.Batch(r.BatchId)!.Status));
        Assert.Equal((5L, 5L), (Queries.Batch(results[1].BatchId)!.RowsAdded, Queries.Batch(results[1].BatchId)!.RowsUnchanged));
        Assert.Equal(5L, Scalar<long>($"SELECT COUNT(*) FROM {sample.Table} WHERE batch_id = @b", new { b = results[1].BatchId }));
    }

    [Fact]
    public async Task Commit_OnASinkHoldingOneBatchPerKind_GoesInRounds_WithTheSameCounts()
    {
        var touchpoints = KindSample.Of("touchpoints");
        var spend = KindSample.Of("spend");
        var sink = new OneBatchPerKindSink(Store.Inner.Sink);
        var bodies = new[]
        {
            Request(touchpoints, DataFormat.Csv, touchpoints.Rows(0, 10), "a"),
            Request(spend, DataFormat.Csv, spend.Rows(0, 4), "s"),
            Request(touchpoints, DataFormat.Csv, touchpoints.Rows(5, 10), "b"),
            Request(touchpoints, DataFormat.Csv, touchpoints.Rows(0, 10), "c"),
        }.Select(r => FactImporter.Read(r, 1_000)!).ToList();

        var results = await FactImporter.CommitAsync(sink, bodies, TestContext.Current.CancellationToken);

        // Three sessions: {a, s}, {b}, {c}; each body's counts as if written one after the other, in arrival order.
        Assert.Equal([2, 1, 1], sink.Sessions);
        Assert.All(results, r => Assert.Equal(ImportStatus.Committed, r.Status));
        Assert.Equal((10L, 0L), (results[0].Added, results[0].Unchanged));
        Assert.Equal((4L, 0L), (results[1].Added, results[1].Unchanged));
        Assert.Equal((5L, 5L), (results[2].Added, results[2].Unchanged));
        Assert.Equal((0L, 10L), (results[3].Added, results[3].Unchanged));
        Assert.Equal(4, results.Select(r => r.BatchId).Distinct().Count());
        Assert.Equal(15, Count(touchpoints.Table));
    }

    /// <summary>The store's own sink, saying it holds one batch per kind (as ClickHouse's does) and checking it is given so.</summary>
    private sealed class OneBatchPerKindSink(IFactSink inner) : IFactSink
    {
        public List<int> Sessions { get; } = [];

        public bool OneBatchPerKind => true;

        public Task<IFactWriteSession> BeginAsync(IReadOnlyList<BatchStart> batches, FactSessionOptions options, CancellationToken cancellationToken)
        {
            Assert.Equal(batches.Count, batches.Select(b => b.Kind).Distinct().Count());
            Sessions.Add(batches.Count);
            return inner.BeginAsync(batches, options, cancellationToken);
        }
    }

    [Theory]
    [MemberData(nameof(KindsAndFormats))]
    public void Commit_TheSameBodyAgain_ChangesNothing(string kindName, DataFormat format)
    {
        var sample = KindSample.Of(kindName);
        Commit(Request(sample, format, sample.Rows(0, 12), "first"));
        var before = Query<(long, long)>($"SELECT key, batch_id FROM {sample.Table} ORDER BY key");

        var again = Commit(Request(sample, format, sample.Rows(0, 12), "again"))[0];

        Assert.Equal((ImportStatus.Committed, 12L, 0L, 0L, 12L), (again.Status, again.RowsRead, again.Added, again.Updated, again.Unchanged));
        Assert.Equal(before, Query<(long, long)>($"SELECT key, batch_id FROM {sample.Table} ORDER BY key"));
    }

    [Fact]
    public void Commit_AStreamedImportAndTheSameBodyRead_CountAndStoreTheSame()
    {
        var sample = KindSample.Of("touchpoints");
        var text = sample.Render(DataFormat.Csv, [.. sample.Rows(0, 8), sample.Row(2)]);
        var streamed = ImportCsv(sample.Kind, text);
        var columns = string.Join(", ", Mercato.Storage.Facts.FactTables.For(sample.Kind).Columns);
        var stored = Rows($"SELECT key, {columns} FROM {sample.Table} ORDER BY key");
        Execute($"DELETE FROM {sample.Table}");

        var read = Commit(Request(sample, DataFormat.Csv, [.. sample.Rows(0, 8), sample.Row(2)], "read"))[0];

        Assert.Equal((streamed.RowsRead, streamed.Added, streamed.Updated, streamed.Unchanged), (read.RowsRead, read.Added, read.Updated, read.Unchanged));
        Assert.Equal(stored, Rows($"SELECT key, {columns} FROM {sample.Table} ORDER BY key"));
    }

    [Fact]
    public void Read_ABodyOverTheLimit_IsLeftToTheStreamingImport()
    {
        var sample = KindSample.Of("spend");

        Assert.Null(FactImporter.Read(Request(sample, DataFormat.Csv, sample.Rows(0, 11), "big"), 10));
        Assert.NotNull(FactImporter.Read(Request(sample, DataFormat.Csv, sample.Rows(0, 10), "fits"), 10));
        Assert.Equal(0, Count(sample.Table));
    }

    [Fact]
    public async Task Read_SkipInvalid_KeepsTheValidRowsAndCountsTheRefusedOne()
    {
        var sample = KindSample.Of("touchpoints");
        var rows = sample.Rows(0, 4).ToList();
        rows.Insert(2, sample.BadRow);
        var request = Request(sample, DataFormat.Csv, rows, "skip") with { SkipInvalid = true };

        var result = (await FactImporter.CommitAsync(Store.Inner.Sink, [FactImporter.Read(request, 100)!], TestContext.Current.CancellationToken))[0];

        Assert.Equal((ImportStatus.Committed, 5L, 4L, 1L), (result.Status, result.RowsRead, result.Added, result.Rejected));
        Assert.Equal(4, Count(sample.Table));
    }

    [Fact]
    public void Read_NotUtf8_IsRejectedWithItsLine()
    {
        var bytes = Encoding.UTF8.GetBytes("touchpoint_id,user_id,timestamp,channel\nt1,u1,2026-01-01T00:00:00Z,se").Concat(new byte[] { 0xFF, 0x0A }).ToArray();
        var request = new ImportRequest(DataKinds.Touchpoints, "bytes", new FileFormat(DataFormat.Csv, false), () => new MemoryStream(bytes)) { Context = Store.ParseContext };

        var body = FactImporter.Read(request, 100)!;

        Assert.Equal(ImportStatus.Rejected, body.Status);
        Assert.Equal(StorageCodes.NotUtf8, body.Message!.Code);
        Assert.Equal(2L, body.Errors[0].Line);
    }
}

public sealed class GroupCommitTestsOnSqlite() : GroupCommitTests(StoreProvider.Sqlite);

public sealed class GroupCommitTestsOnPostgres() : GroupCommitTests(StoreProvider.Postgres);

/// <summary>The queue itself: what arrives during a commit goes into the next one; a failure fails only its own item.</summary>
public sealed class GroupCommitQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_ItemsArrivingDuringACommit_AreCommittedTogetherInTheNext()
    {
        var firstStarted = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var groups = new List<int[]>();
        await using var queue = new GroupCommit<int, int>(async (items, _) =>
        {
            lock (groups)
            {
                groups.Add([.. items]);
            }

            if (items[0] == 0)
            {
                firstStarted.SetResult();
                await release.Task;
            }

            return [.. items.Select(i => i * 10)];
        }, _ => 1, maxWeight: 100);

        var first = queue.SubmitAsync(0);
        await firstStarted.Task.WaitAsync(Ct);
        var rest = Enumerable.Range(1, 20).Select(queue.SubmitAsync).ToList();
        release.SetResult();

        Assert.Equal(0, await first.WaitAsync(Ct));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => i * 10), await Task.WhenAll(rest).WaitAsync(Ct));
        Assert.Equal([[0], [.. Enumerable.Range(1, 20)]], groups);
        Assert.Equal((2L, 21L), (queue.Commits, queue.Items));
    }

    [Fact]
    public async Task Submit_AGroupWithAFailingItem_FailsThatItemAloneAndCommitsTheOthers()
    {
        var firstStarted = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var committed = new List<int>();
        await using var queue = new GroupCommit<int, int>(async (items, _) =>
        {
            if (items[0] == 0)
            {
                firstStarted.SetResult();
                await release.Task;
            }

            if (items.Contains(13))
            {
                throw new InvalidOperationException("item 13 cannot be written");
            }

            lock (committed)
            {
                committed.AddRange(items);
            }

            return [.. items];
        }, _ => 1, maxWeight: 100);

        var first = queue.SubmitAsync(0);
        await firstStarted.Task.WaitAsync(Ct);
        var rest = Enumerable.Range(10, 6).Select(i => (Item: i, Task: queue.SubmitAsync(i))).ToList();
        release.SetResult();
        await first.WaitAsync(Ct);

        foreach (var (item, task) in rest)
        {
            if (item == 13)
            {
                var e = await Assert.ThrowsAsync<InvalidOperationException>(() => task.WaitAsync(Ct));
                Assert.Equal("item 13 cannot be written", e.Message);
            }
            else
            {
                Assert.Equal(item, await task.WaitAsync(Ct));
            }
        }

        Assert.Equal([0, 10, 11, 12, 14, 15], committed.Order());
    }

    [Fact]
    public async Task Submit_ItemsHeavierTogetherThanTheLimit_AreSplitAcrossCommits()
    {
        var firstStarted = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var groups = new List<int[]>();
        await using var queue = new GroupCommit<int, int>(async (items, _) =>
        {
            groups.Add([.. items]);
            if (items[0] == 0)
            {
                firstStarted.SetResult();
                await release.Task;
            }

            return [.. items];
        }, i => i == 0 ? 1 : 3, maxWeight: 7);

        var first = queue.SubmitAsync(0);
        await firstStarted.Task.WaitAsync(Ct);
        var rest = Enumerable.Range(1, 5).Select(queue.SubmitAsync).ToList();
        release.SetResult();
        await Task.WhenAll([first, .. rest]).WaitAsync(Ct);

        // Weights 3 each under a limit of 7: two per commit.
        Assert.Equal([[0], [1, 2], [3, 4], [5]], groups);
    }
}
