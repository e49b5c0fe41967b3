using Mercato.Storage.Import;

namespace Mercato.Storage.Tests.Import;

public class FileFormatTests
{
    [Theory]
    [InlineData("spend.csv", DataFormat.Csv, false, "csv")]
    [InlineData("/data/in/Spend.CSV", DataFormat.Csv, false, "csv")]
    [InlineData("spend.csv.gz", DataFormat.Csv, true, "csv.gz")]
    [InlineData("events.jsonl", DataFormat.JsonLines, false, "jsonl")]
    [InlineData("events.ndjson", DataFormat.JsonLines, false, "jsonl")]
    [InlineData("events.jsonl.gz", DataFormat.JsonLines, true, "jsonl.gz")]
    [InlineData("events.JSONL.GZ", DataFormat.JsonLines, true, "jsonl.gz")]
    public void TryFromFileName_KnownExtension_GivesFormatAndCompression(string path, DataFormat format, bool gzip, string text)
    {
        Assert.True(FileFormat.TryFromFileName(path, out var parsed));
        Assert.Equal(new FileFormat(format, gzip), parsed);
        Assert.Equal(text, parsed.ToString());
    }

    [Theory]
    [InlineData("spend.txt")]
    [InlineData("spend.gz")]
    [InlineData("spend.json")]
    [InlineData("spend.csv.zip")]
    [InlineData("csv")]
    public void TryFromFileName_OtherExtension_IsFalse(string path)
    {
        Assert.False(FileFormat.TryFromFileName(path, out _));
    }
}
