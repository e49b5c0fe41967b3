using System.Text;
using System.Text.Json.Nodes;
using Mercato.Core.DataCenter;
using Mercato.Storage.Import;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Import;

/// <summary>What the JSON Lines reader refuses before a row reaches its kind.</summary>
public abstract class JsonLinesFormatTests(StoreProvider provider) : StoreTest(provider)
{
    public static TheoryData<string> Kinds => KindSample.Names;

    /// <summary>Four valid rows of <paramref name="sample"/> as JSON lines, the third replaced by <paramref name="line"/>.</summary>
    private static string WithThirdLine(KindSample sample, string line)
    {
        var lines = sample.Jsonl(sample.Rows(0, 4)).Split('\n');
        lines[2] = line;
        return string.Join('\n', lines);
    }

    private static JsonObject Object(KindSample sample, int row) => (JsonObject)JsonNode.Parse(sample.Jsonl([sample.Row(row)]))!;

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Import_InvalidJsonLine_IsRefusedOnItsLine(string kindName)
    {
        var sample = KindSample.Of(kindName);
        var truncated = sample.Jsonl([sample.Row(2)]).TrimEnd('\n').TrimEnd('}') + ",";

        var result = ImportJsonl(sample.Kind, WithThirdLine(sample, truncated));

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal((4L, 1L, 0L), (result.RowsRead, result.Rejected, result.Added));
        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, "(row)"), (error.Line, error.Column));
        Assert.Contains(error.Code, new[] { StorageCodes.NotJsonObject, StorageCodes.NotJsonObjectDetail });
        Assert.Equal(0, Count(sample.Table));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("\"a string\"")]
    [InlineData("42")]
    [InlineData("{\"user_id\":\"u1\",}")]
    [InlineData("{\"user_id\":'u1'}")]
    [InlineData("{\"user_id\":\"u1\"} {\"user_id\":\"u2\"}")]
    [InlineData("{\"user_id\":\"u1\"")]
    [InlineData("{\"user_id\":\"u1\" /* note */}")]
    public void Import_LineThatIsNotOneJsonObject_IsRefusedAsARowError(string line)
    {
        var result = ImportJsonl(DataKinds.Activity, WithThirdLine(KindSample.Activity, line));

        Assert.Equal(ImportStatus.Rejected, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, "(row)"), (error.Line, error.Column));
        Assert.Contains(error.Code, new[] { StorageCodes.NotJsonObject, StorageCodes.NotJsonObjectDetail, StorageCodes.NotSingleJsonObject });
        Assert.Equal(0, Count("activity"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Import_NestedObjectValue_IsRefusedForItsProperty(string kindName)
    {
        var sample = KindSample.Of(kindName);
        var column = sample.Kind.Fields.First(f => f.Required).Name;
        var obj = Object(sample, 2);
        obj[column] = new JsonObject { ["value"] = "x", ["deeper"] = new JsonObject { ["a"] = 1 } };

        var result = ImportJsonl(sample.Kind, WithThirdLine(sample, obj.ToJsonString()));

        Assert.Equal(ImportStatus.Rejected, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, column), (error.Line, error.Column));
        Assert.Null(error.Value);
        Assert.Equal(StorageCodes.NotScalar, error.Code);
        Assert.Equal(0, Count(sample.Table));
    }

    [Fact]
    public void Import_ArrayValue_IsRefusedForItsProperty()
    {
        var obj = Object(KindSample.Activity, 2);
        obj["content_id"] = new JsonArray(1, 2);

        var result = ImportJsonl(DataKinds.Activity, WithThirdLine(KindSample.Activity, obj.ToJsonString()));

        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, "content_id"), (error.Line, error.Column));
        Assert.Equal(StorageCodes.NotScalar, error.Code);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Import_MissingRequiredProperty_IsRefusedOnItsLine(string kindName)
    {
        var sample = KindSample.Of(kindName);
        var column = sample.Kind.Fields.Last(f => f.Required).Name;
        var obj = Object(sample, 2);
        obj.Remove(column);

        var result = ImportJsonl(sample.Kind, WithThirdLine(sample, obj.ToJsonString()));

        Assert.Equal(ImportStatus.Rejected, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, column), (error.Line, error.Column));
        Assert.Equal(CommonCodes.Required, error.Code);
    }

    [Fact]
    public void Import_PropertyGivenTwice_IsRefused()
    {
        var result = ImportJsonl(DataKinds.Activity, """{"user_id":"u1","timestamp":"2026-03-01T00:00:00Z","event":"view","event":"login"}""");

        Assert.Equal(ImportStatus.Rejected, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal((1L, "event"), (error.Line, error.Column));
        Assert.Equal(StorageCodes.PropertyTwice, error.Code);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Import_UnknownProperties_GiveOneWarningListingThemAndTheImportSucceeds(string kindName)
    {
        var sample = KindSample.Of(kindName);
        var lines = Enumerable.Range(0, 3).Select(i =>
        {
            var obj = Object(sample, i);
            obj[i == 1 ? "zeta" : "note"] = i == 2 ? new JsonObject { ["nested"] = true } : "hello";
            return obj.ToJsonString();
        });

        var result = ImportJsonl(sample.Kind, string.Join('\n', lines));

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal(3, result.Added);
        Assert.Equal([Message.Of(StorageCodes.IgnoredColumns, ("columns", new[] { "note", "zeta" }))], result.Warnings);
        Assert.Equal(3, Count(sample.Table));
    }

    [Fact]
    public void Import_BlankLines_AreSkippedAndCountedInLineNumbers()
    {
        var sample = KindSample.Activity;
        var text = sample.Jsonl([sample.Row(0)]) + "\n   \n" + sample.Jsonl([sample.With(sample.Row(1), "event", "bad event")]);

        var result = ImportJsonl(DataKinds.Activity, text);

        Assert.Equal(2, result.RowsRead);
        Assert.Equal(4, Assert.Single(result.Errors).Line);
    }

    [Fact]
    public void Import_CrLfLineEndingsAndByteOrderMark_AreRead()
    {
        var text = "\uFEFF" + KindSample.Activity.Jsonl(KindSample.Activity.Rows(0, 3)).Replace("\n", "\r\n", StringComparison.Ordinal);

        var result = ImportJsonl(DataKinds.Activity, text);

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal(3, result.Added);
    }

    [Fact]
    public void Import_EscapedCharactersInStrings_AreUnescaped()
    {
        var result = ImportJsonl(DataKinds.Activity, """{"user_id":"u\u00e9\"1","timestamp":"2026-03-01T00:00:00Z","event":"view"}""");

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal("ué\"1", Scalar<string>("SELECT user_id FROM activity"));
    }

    [Fact]
    public void Import_NonUtf8Bytes_RejectTheFileWithAClearMessageAndWriteNothing()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"user_id\":\"u1\",\"timestamp\":\"2026-03-01T00:00:00Z\",\"event\":\"view\"}\n{\"user_id\":\"Caf")
            .Append((byte)0xE9)
            .Concat(Encoding.UTF8.GetBytes("\",\"timestamp\":\"2026-03-01T00:00:00Z\",\"event\":\"view\"}\n"))
            .ToArray();

        var result = ImportBytes(DataKinds.Activity, new FileFormat(DataFormat.JsonLines, false), bytes);

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal(new Message(StorageCodes.NotUtf8), result.Message);
        Assert.Equal(StorageCodes.InvalidUtf8, Assert.Single(result.Errors).Code);
        Assert.Equal(2, Assert.Single(result.Errors).Line);
        Assert.Equal(0, result.Added);
        Assert.Equal(0, Count("activity"));
        Assert.Equal("rejected", Queries.Batch(result.BatchId)!.Status);
    }

    [Fact]
    public void Import_NonUtf8BytesWithSkipInvalid_StillFailTheFile()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"user_id\":\"u1\",\"timestamp\":\"2026-03-01T00:00:00Z\",\"event\":\"view\"}\n{\"user_id\":\"Caf")
            .Append((byte)0xE9)
            .Concat(Encoding.UTF8.GetBytes("\",\"timestamp\":\"2026-03-01T00:00:00Z\",\"event\":\"view\"}\n"))
            .ToArray();

        var result = ImportBytes(DataKinds.Activity, new FileFormat(DataFormat.JsonLines, false), bytes, r => r with { SkipInvalid = true });

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal(0, Count("activity"));
    }

    [Fact]
    public void Import_ValidUtf8ContainingTheReplacementCharacter_IsAccepted()
    {
        var result = ImportJsonl(DataKinds.Activity, "{\"user_id\":\"u\uFFFD\",\"timestamp\":\"2026-03-01T00:00:00Z\",\"event\":\"view\"}\n");

        Assert.Equal(ImportStatus.Committed, result.Status);
    }
}

public sealed class JsonLinesFormatTestsOnSqlite() : JsonLinesFormatTests(StoreProvider.Sqlite);

public sealed class JsonLinesFormatTestsOnPostgres() : JsonLinesFormatTests(StoreProvider.Postgres);
