using System.Text;
using Mercato.Core.DataCenter;
using Mercato.Storage.Import;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Import;

public abstract class GzipImportTests(StoreProvider provider) : StoreTest(provider)
{
    public static TheoryData<string, DataFormat> KindsAndFormats => KindSample.NamesAndFormats;

    private static string Extension(DataFormat format) => format == DataFormat.Csv ? ".csv" : ".jsonl";

    private List<string> Rows(KindSample sample)
    {
        var columns = string.Join(", ", Mercato.Storage.Facts.FactTables.For(sample.Kind).Columns);
        return Rows($"SELECT key, {columns} FROM {sample.Table} ORDER BY key");
    }

    [Theory]
    [MemberData(nameof(KindsAndFormats))]
    public void Import_GzippedFile_ImportsTheSameAsThePlainFile(string kindName, DataFormat format)
    {
        var sample = KindSample.Of(kindName);
        var text = sample.Render(format, sample.Rows(0, 8));
        var plain = WriteFile("plain" + Extension(format), text);
        var gzipped = WriteFile("packed" + Extension(format) + ".gz", text);

        var fromPlain = ImportFile(sample.Kind, plain);
        var plainRows = Rows(sample);
        Execute("DELETE FROM " + sample.Table);
        var fromGzip = ImportFile(sample.Kind, gzipped);

        Assert.Equal(ImportStatus.Committed, fromGzip.Status);
        Assert.Equal((8L, 8L), (fromGzip.RowsRead, fromGzip.Added));
        Assert.Equal((fromPlain.RowsRead, fromPlain.Added), (fromGzip.RowsRead, fromGzip.Added));
        Assert.Equal(plainRows, Rows(sample));
        Assert.Equal(format == DataFormat.Csv ? "csv.gz" : "jsonl.gz", Queries.Batch(fromGzip.BatchId)!.Format);
        Assert.Equal(gzipped, Queries.Batch(fromGzip.BatchId)!.Source);
    }

    [Theory]
    [MemberData(nameof(KindsAndFormats))]
    public void Import_GzippedFileWithAnInvalidRow_ReportsTheSameLine(string kindName, DataFormat format)
    {
        var sample = KindSample.Of(kindName);
        var rows = sample.Rows(0, 3).Append(sample.BadRow);
        var path = WriteFile("bad" + Extension(format) + ".gz", sample.Render(format, rows));

        var result = ImportFile(sample.Kind, path);

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal(KindSample.LineOf(format, 3), Assert.Single(result.Errors).Line);
        Assert.Equal(path, result.Errors[0].File);
    }

    [Theory]
    [InlineData(DataFormat.Csv)]
    [InlineData(DataFormat.JsonLines)]
    public void Import_PlainTextNamedGz_IsRejectedWithAClearMessageAndWritesNothing(DataFormat format)
    {
        var sample = KindSample.Spend;
        var path = WriteFile("x" + Extension(format), sample.Render(format, sample.Rows(0, 3)));
        var misnamed = path + ".gz";
        File.Move(path, misnamed);

        var result = ImportFile(sample.Kind, misnamed);

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal(StorageCodes.NotGzip, result.Message?.Code);
        Assert.Equal((0L, 0L), (result.RowsRead, result.Added));
        Assert.Equal(0, Count("spend"));
        Assert.Equal(0, Count("channels"));
        var batch = Queries.Batch(result.BatchId)!;
        Assert.Equal("rejected", batch.Status);
        Assert.Equal(result.Message, batch.Message);
    }

    [Fact]
    public void Import_TruncatedGzip_IsRejectedAndWritesNothing()
    {
        var sample = KindSample.Activity;
        var path = WriteFile("big.jsonl.gz", sample.Jsonl(sample.Rows(0, 2000)));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var result = ImportFile(sample.Kind, path);

        Assert.NotEqual(ImportStatus.Committed, result.Status);
        Assert.Equal(0, Count("activity"));
    }

    [Fact]
    public void Import_GzippedNonUtf8Json_IsRejectedAsNotUtf8()
    {
        var bytes = Encoding.Latin1.GetBytes("{\"user_id\":\"Café\",\"timestamp\":\"2026-03-01T00:00:00Z\",\"event\":\"view\"}\n");
        var path = WriteFile("latin1.jsonl.gz", bytes);

        var result = ImportFile(DataKinds.Activity, path);

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal(new Message(StorageCodes.NotUtf8), result.Message);
    }
}

public sealed class GzipImportTestsOnSqlite() : GzipImportTests(StoreProvider.Sqlite);

public sealed class GzipImportTestsOnPostgres() : GzipImportTests(StoreProvider.Postgres);
