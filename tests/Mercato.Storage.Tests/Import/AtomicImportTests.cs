using Mercato.Core.DataCenter;
using Mercato.Storage.Import;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Import;

/// <summary>A file commits whole or not at all; skip-invalid, dry runs and the error cap.</summary>
public abstract class AtomicImportTests(StoreProvider provider) : StoreTest(provider)
{
    public static TheoryData<string, DataFormat> KindsAndFormats => KindSample.NamesAndFormats;

    /// <summary>Rows 0..<paramref name="count"/>-1 of the sample with the invalid row put in at <paramref name="badAt"/>.</summary>
    private static List<string?[]> RowsWithBadOne(KindSample sample, int from, int count, int badAt)
    {
        var rows = sample.Rows(from, count).ToList();
        rows.Insert(badAt, sample.BadRow);
        return rows;
    }

    [Theory]
    [MemberData(nameof(KindsAndFormats))]
    public void Import_OneInvalidRowAmongMany_ImportsNothingAndRecordsARejectedBatch(string kindName, DataFormat format)
    {
        var sample = KindSample.Of(kindName);
        var first = Import(sample.Kind, format, sample.Render(format, sample.Rows(0, 5)));
        Assert.Equal(ImportStatus.Committed, first.Status);
        var channelsBefore = Count("channels");

        // 40 new rows, 5 rows already held, and one invalid row in the middle.
        var rows = RowsWithBadOne(sample, 0, 45, 20);
        var result = Import(sample.Kind, format, sample.Render(format, rows));

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal(46, result.RowsRead);
        Assert.Equal((0L, 0L, 0L), (result.Added, result.Updated, result.Unchanged));
        Assert.Equal(1, result.Rejected);
        var error = Assert.Single(result.Errors);
        Assert.Equal(KindSample.LineOf(format, 20), error.Line);
        Assert.Equal(sample.BadColumn, error.Column);
        Assert.Equal(result.Source, error.File);
        Assert.Equal(Message.Of(StorageCodes.RowsInvalid, ("count", 1)), result.Message);
        Assert.Equal(5, Count(sample.Table));
        Assert.Equal(channelsBefore, Count("channels"));

        var batch = Queries.Batch(result.BatchId);
        Assert.NotNull(batch);
        Assert.Equal("rejected", batch.Status);
        Assert.Equal(kindName, batch.Kind);
        Assert.Equal(format == DataFormat.Csv ? "csv" : "jsonl", batch.Format);
        Assert.NotNull(batch.FinishedAt);
        Assert.Equal((46L, 0L, 0L, 0L, 1L), (batch.RowsRead, batch.RowsAdded, batch.RowsUpdated, batch.RowsUnchanged, batch.RowsRejected));
        Assert.Equal(result.Message, batch.Message);
        Assert.Equal(error, Assert.Single(batch.Errors));
        Assert.Equal(2, Queries.Batches().Count);
    }

    [Fact]
    public void Import_SkipInvalid_WithoutARenderer_WritesTheReasonsCode()
    {
        var rejectedPath = Dir.File("rejected.csv");

        var result = ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,1\n2026-03-02,search,oops\n",
            r => r with { SkipInvalid = true, RejectedPath = rejectedPath });

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal("3,\"spend\",\"oops\",\"not_a_number\",\"2026-03-02,search,oops\"", File.ReadAllLines(rejectedPath)[1]);
    }

    [Fact]
    public void Import_InvalidRowWithNewChannels_AddsNoChannelToTheCatalog()
    {
        var result = ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,brand_new,1\n2026-03-02,search,oops\n");

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal(0, Count("channels"));
        Assert.Empty(result.NewChannels);
    }

    [Theory]
    [MemberData(nameof(KindsAndFormats))]
    public void Import_SkipInvalid_ImportsTheValidRowsAndWritesTheRejectedOnesWithLineAndReason(string kindName, DataFormat format)
    {
        var sample = KindSample.Of(kindName);
        var rejectedPath = Dir.File("rejected.csv");
        var rows = RowsWithBadOne(sample, 0, 10, 4);

        var result = Import(sample.Kind, format, sample.Render(format, rows),
            r => r with { SkipInvalid = true, RejectedPath = rejectedPath, RenderReason = (code, args) => $"<{code} {args.Count}>" });

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal((11L, 10L, 1L), (result.RowsRead, result.Added, result.Rejected));
        Assert.Equal(KindSample.LineOf(format, 4), Assert.Single(result.Errors).Line);
        Assert.Equal(10, Count(sample.Table));
        Assert.Equal(rejectedPath, result.RejectedFile);

        var lines = File.ReadAllLines(rejectedPath);
        Assert.Equal(2, lines.Length);
        Assert.Equal("line,column,value,reason,record", lines[0]);
        var line = KindSample.LineOf(format, 4).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith(line + ",\"" + sample.BadColumn + "\",", lines[1], StringComparison.Ordinal);
        Assert.Contains($"\"<{result.Errors[0].Code} {result.Errors[0].Args.Count}>\"", lines[1], StringComparison.Ordinal);

        var batch = Queries.Batch(result.BatchId)!;
        Assert.Equal("committed", batch.Status);
        Assert.Equal((10L, 1L), (batch.RowsAdded, batch.RowsRejected));
        Assert.Single(batch.Errors);
    }

    [Fact]
    public void Import_SkipInvalidWithoutRejectedPath_ImportsTheValidRowsAndReportsTheErrors()
    {
        var result = ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,1\n2026-03-02,search,x\n2026-03-03,search,3\n",
            r => r with { SkipInvalid = true });

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal((3L, 2L, 1L), (result.RowsRead, result.Added, result.Rejected));
        Assert.Equal(3, Assert.Single(result.Errors).Line);
        Assert.Null(result.RejectedFile);
        Assert.Equal(2, Count("spend"));
    }

    [Fact]
    public void Import_SkipInvalidWithNothingInvalid_DoesNotPointAtAFileThatWasNeverWritten()
    {
        var rejectedPath = Dir.File("rejected.csv");

        var result = ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,1\n",
            r => r with { SkipInvalid = true, RejectedPath = rejectedPath });

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.True(result.RejectedFile is null || File.Exists(result.RejectedFile),
            "RejectedFile is " + result.RejectedFile + " but no such file exists");
    }

    [Fact]
    public void Import_SkipInvalidRowWithSeveralErrors_WritesOneRejectedLinePerError()
    {
        var rejectedPath = Dir.File("rejected.csv");

        var result = ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,1\nnope,,\"1,5\"\n",
            r => r with { SkipInvalid = true, RejectedPath = rejectedPath });

        Assert.Equal((1L, 1L), (result.Added, result.Rejected));
        var lines = File.ReadAllLines(rejectedPath);
        Assert.Equal(
            [
                "line,column,value,reason,record",
                "3,\"date\",\"nope\",\"not_a_date\",\"nope,,\"\"1,5\"\"\"",
                "3,\"channel\",\"\",\"required\",\"nope,,\"\"1,5\"\"\"",
                "3,\"spend\",\"1,5\",\"not_a_number\",\"nope,,\"\"1,5\"\"\"",
            ],
            lines);
    }

    [Theory]
    [MemberData(nameof(KindsAndFormats))]
    public void Import_MoreThan100InvalidRows_CountsAllButKeeps100Errors(string kindName, DataFormat format)
    {
        var sample = KindSample.Of(kindName);
        var rows = sample.Rows(0, 10).Concat(Enumerable.Repeat(sample.BadRow, 150)).Concat(sample.Rows(10, 10));

        var result = Import(sample.Kind, format, sample.Render(format, rows));

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal(170, result.RowsRead);
        Assert.Equal(150, result.Rejected);
        Assert.Equal(ImportResult.MaxErrorsKept, result.Errors.Count);
        Assert.Equal(Enumerable.Range(10, 100).Select(i => KindSample.LineOf(format, i)), result.Errors.Select(e => e.Line));
        Assert.Equal(Message.Of(StorageCodes.RowsInvalid, ("count", 150)), result.Message);
        var batch = Queries.Batch(result.BatchId)!;
        Assert.Equal(150, batch.RowsRejected);
        Assert.Equal(100, batch.Errors.Count);
        Assert.Equal(0, Count(sample.Table));
    }

    [Theory]
    [MemberData(nameof(KindsAndFormats))]
    public void Import_DryRun_ReportsCountsButWritesNothingAndRecordsNoBatch(string kindName, DataFormat format)
    {
        var sample = KindSample.Of(kindName);
        var text = sample.Render(format, sample.Rows(0, 6).Append(sample.Row(0)));

        var dry = Import(sample.Kind, format, text, r => r with { DryRun = true });

        Assert.Equal(ImportStatus.Committed, dry.Status);
        Assert.Equal((7L, 6L, 0L, 1L, 0L), (dry.RowsRead, dry.Added, dry.Updated, dry.Unchanged, dry.Rejected));
        Assert.Equal(0, Count(sample.Table));
        Assert.Equal(0, Count("channels"));
        Assert.Equal(0, Count("import_batches"));
        Assert.Empty(Queries.Batches());

        var real = Import(sample.Kind, format, text);
        Assert.Equal((dry.RowsRead, dry.Added, dry.Updated, dry.Unchanged), (real.RowsRead, real.Added, real.Updated, real.Unchanged));
        Assert.Equal(6, Count(sample.Table));
    }

    [Fact]
    public void Import_DryRunOverHeldRows_CountsThemUnchanged()
    {
        var sample = KindSample.Conversions;
        ImportCsv(sample.Kind, sample.Csv(sample.Rows(0, 4)));

        var dry = ImportCsv(sample.Kind, sample.Csv(sample.Rows(2, 4)), r => r with { DryRun = true });

        Assert.Equal((4L, 2L, 2L), (dry.RowsRead, dry.Added, dry.Unchanged));
        Assert.Equal(4, Count("conversions"));
        Assert.Single(Queries.Batches());
    }

    [Fact]
    public void Import_DryRunWithInvalidRows_IsRejectedAndRecordsNoBatch()
    {
        var dry = ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,x\n", r => r with { DryRun = true });

        Assert.Equal(ImportStatus.Rejected, dry.Status);
        Assert.Equal(1, dry.Rejected);
        Assert.Single(dry.Errors);
        Assert.Equal(0, Count("import_batches"));
    }

    [Fact]
    public void Import_DryRunWithMissingColumn_IsRejectedAndRecordsNoBatch()
    {
        var dry = ImportCsv(DataKinds.Spend, "date,channel\n2026-03-01,search\n", r => r with { DryRun = true });

        Assert.Equal(ImportStatus.Rejected, dry.Status);
        Assert.Equal(0, Count("import_batches"));
    }

    [Fact]
    public void Import_CommittedBatch_RecordsItsSourceCountsAndDateRange()
    {
        var result = ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-05,search,1\n2026-03-01,search,1\n2026-03-09,search,1\n",
            r => r with { IsDemo = true });

        var batch = Queries.Batch(result.BatchId)!;
        Assert.Equal("committed", batch.Status);
        Assert.Equal("test.csv", batch.Source);
        Assert.True(batch.IsDemo);
        Assert.Equal("2026-04-01T08:00:00.000Z", batch.StartedAt);
        Assert.Equal("2026-04-01T08:00:00.000Z", batch.FinishedAt);
        Assert.Equal((3L, 3L), (batch.RowsRead, batch.RowsAdded));
        Assert.Empty(batch.Errors);
        Assert.Empty(batch.Warnings);
        Assert.Null(batch.Message);
        Assert.Equal((Ms(2026, 3, 1), Ms(2026, 3, 9)),
            Query<(long, long)>("SELECT first_ts, last_ts FROM import_batches WHERE id = @id", new { id = result.BatchId }).Single());
    }

    [Fact]
    public void Batch_UnknownId_IsNull()
    {
        Assert.Null(Queries.Batch(12345));
    }

    [Fact]
    public void Batches_AreNewestFirstAndFilterByKind()
    {
        var a = ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,1\n");
        var b = ImportCsv(DataKinds.Activity, "user_id,timestamp,event\nu1,2026-03-01T00:00:00Z,view\n");
        var c = ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-02,search,1\n");

        Assert.Equal([c.BatchId, b.BatchId, a.BatchId], Queries.Batches().Select(x => x.Id));
        Assert.Equal([c.BatchId, a.BatchId], Queries.Batches(kind: "spend").Select(x => x.Id));
        Assert.Equal([c.BatchId], Queries.Batches(limit: 1).Select(x => x.Id));
    }

    [Fact]
    public void Import_FileThatCannotBeOpened_FailsAndRecordsAFailedBatch()
    {
        var missing = Dir.File("missing.csv");

        var result = ImportFile(DataKinds.Spend, missing);

        Assert.Equal(ImportStatus.Failed, result.Status);
        Assert.Equal(StorageCodes.ImportFailed, result.Message?.Code);
        Assert.Contains("missing.csv", (string?)result.Message!.Args["detail"], StringComparison.Ordinal);
        var batch = Queries.Batch(result.BatchId)!;
        Assert.Equal("failed", batch.Status);
        Assert.Equal(result.Message, batch.Message);
    }

    [Fact]
    public void Import_Progress_ReportsAllRowsAndBytesAtTheEnd()
    {
        var text = "date,channel,spend\n2026-03-01,search,1\n2026-03-02,search,2\n";
        var reports = new List<ImportProgress>();

        ImportCsv(DataKinds.Spend, text, r => r with { Progress = new SyncProgress(reports.Add) });

        Assert.Equal(new ImportProgress(System.Text.Encoding.UTF8.GetByteCount(text), 2), reports[^1]);
    }

    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}

public sealed class AtomicImportTestsOnSqlite() : AtomicImportTests(StoreProvider.Sqlite);

public sealed class AtomicImportTestsOnPostgres() : AtomicImportTests(StoreProvider.Postgres);
