using System.Text;
using Mercato.Core.DataCenter;
using Mercato.Storage.Import;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Import;

/// <summary>What the CSV reader refuses before a row reaches its kind: the header, the shape of rows, quoting, encoding.</summary>
public abstract class CsvFormatTests(StoreProvider provider) : StoreTest(provider)
{
    public static TheoryData<string, string> RequiredColumns
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var kind in DataKinds.All)
            {
                foreach (var spec in kind.Fields.Where(f => f.Required))
                {
                    data.Add(kind.Name, spec.Name);
                }
            }

            return data;
        }
    }

    public static TheoryData<string> Kinds => KindSample.Names;

    /// <summary>A text column of each sample whose value stays valid with a quote inside, and a row where it has a value.</summary>
    private static (string Column, int Row) TextCell(KindSample sample) =>
        sample.Kind.Name switch
        {
            "spend" => ("channel", 2),
            "costs" => ("channel", 1),
            "social" => ("account", 2),
            "appstore" or "store" => ("store", 2),
            "livestreams" => ("session_id", 2),
            "mentions" => ("mention_id", 2),
            "clicks" => ("click_id", 2),
            "influencer_snapshots" or "influencer_posts" or "influencer_followers" => ("influencer", 2),
            _ => ("user_id", 2),
        };

    /// <summary>A CSV line (of unquoted cells) with one cell rewritten.</summary>
    private static string EditCell(string line, int index, Func<string, string> edit)
    {
        var cells = line.Split(',');
        cells[index] = edit(cells[index]);
        return string.Join(',', cells);
    }

    [Theory]
    [MemberData(nameof(RequiredColumns))]
    public void Import_MissingRequiredColumn_RejectsTheFileOnLine1BeforeAnyRow(string kindName, string column)
    {
        var sample = KindSample.Of(kindName);
        var index = sample.Kind.IndexOf(column);
        var columns = sample.Columns.Where((_, i) => i != index).ToArray();
        var rows = sample.Rows(0, 3).Select(r => r.Where((_, i) => i != index).ToArray());

        var result = ImportCsv(sample.Kind, KindSample.Csv(columns, rows));

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal(0, result.RowsRead);
        Assert.Equal(0, result.Added);
        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Equal(sample.Kind.AlternativesOf(column).Any() ? StorageCodes.RequiredColumnMissingOneOf : StorageCodes.RequiredColumnMissing, error.Code);
        Assert.Equal(0, Count(sample.Table));
        Assert.Equal(0, Count("channels"));
        var batch = Queries.Batch(result.BatchId);
        Assert.NotNull(batch);
        Assert.Equal("rejected", batch.Status);
        Assert.Equal(column, Assert.Single(batch.Errors).Column);
    }

    [Fact]
    public void Import_SeveralRequiredColumnsMissing_NamesEachOfThem()
    {
        var result = ImportCsv(DataKinds.Conversions, "conversion_id,user_id\no1,u1\n");

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal(["timestamp", "revenue"], result.Errors.Select(e => e.Column));
        Assert.All(result.Errors, e => Assert.Equal(1, e.Line));
    }

    [Fact]
    public void Import_ColumnNamesDifferingInCase_DoNotMatchTheContract()
    {
        var result = ImportCsv(DataKinds.Spend, "Date,channel,spend\n2026-03-01,search,1\n");

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal("date", Assert.Single(result.Errors).Column);
    }

    [Fact]
    public void Import_DuplicatedColumn_RejectsTheFile()
    {
        var result = ImportCsv(DataKinds.Spend, "date,channel,spend,spend\n2026-03-01,search,1,2\n");

        Assert.Equal(ImportStatus.Rejected, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal((1L, "spend"), (error.Line, error.Column));
        Assert.Equal(StorageCodes.ColumnTwice, error.Code);
        Assert.Equal(0, Count("spend"));
    }

    [Fact]
    public void Import_EmptyFile_IsRejectedForItsMissingHeader()
    {
        var result = ImportCsv(DataKinds.Spend, string.Empty);

        Assert.Equal(ImportStatus.Rejected, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Line);
        Assert.Equal(StorageCodes.NoHeader, error.Code);
    }

    [Fact]
    public void Import_HeaderOnly_CommitsNothingAndSucceeds()
    {
        var result = ImportCsv(DataKinds.Spend, "date,channel,spend\n");

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal((0L, 0L), (result.RowsRead, result.Added));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Import_UnknownColumns_GiveOneWarningListingThemAndTheImportSucceeds(string kindName)
    {
        var sample = KindSample.Of(kindName);
        var columns = sample.Columns.Prepend("zeta").Append("note").ToArray();
        var rows = sample.Rows(0, 3).Select(r => r.Prepend("z").Append("hello").ToArray());

        var result = ImportCsv(sample.Kind, KindSample.Csv(columns, rows));

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal(3, result.Added);
        Assert.Empty(result.Errors);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(Message.Of(StorageCodes.IgnoredColumns, ("columns", new[] { "note", "zeta" })), warning);
        Assert.Equal(3, Count(sample.Table));
        Assert.Equal([warning], Queries.Batch(result.BatchId)!.Warnings);
    }

    [Fact]
    public void Import_ColumnsInAnyOrder_AreMatchedByName()
    {
        var result = ImportCsv(DataKinds.Activity, "event,timestamp,user_id\nlogin,2026-03-01T00:00:00Z,u1\n");

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal(("u1", "login"), Query<(string, string)>("SELECT user_id, event FROM activity").Single());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Import_RowWithTooManyFields_IsRefusedOnItsLine(string kindName)
    {
        var sample = KindSample.Of(kindName);
        var lines = sample.Csv(sample.Rows(0, 4)).Split('\n');
        lines[3] += ",extra";

        var result = ImportCsv(sample.Kind, string.Join('\n', lines));

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal((4L, 1L, 0L), (result.RowsRead, result.Rejected, result.Added));
        var error = Assert.Single(result.Errors);
        Assert.Equal(4, error.Line);
        Assert.Equal("(row)", error.Column);
        var n = sample.Columns.Length;
        Assert.Equal((StorageCodes.FieldCount, MessageArgs.Of(("fields", n + 1), ("columns", n))), (error.Code, error.Args));
        Assert.Equal(0, Count(sample.Table));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Import_RowWithTooFewFields_IsRefusedOnItsLine(string kindName)
    {
        var sample = KindSample.Of(kindName);
        var lines = sample.Csv(sample.Rows(0, 4)).Split('\n');
        lines[2] = lines[2][..lines[2].LastIndexOf(',')];

        var result = ImportCsv(sample.Kind, string.Join('\n', lines));

        Assert.Equal(ImportStatus.Rejected, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, "(row)"), (error.Line, error.Column));
        Assert.Equal(StorageCodes.FieldCount, error.Code);
        Assert.Equal(0, Count(sample.Table));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Import_StrayQuoteInsideAnUnquotedField_IsRefusedAsMalformedQuoting(string kindName)
    {
        var sample = KindSample.Of(kindName);
        var (column, row) = TextCell(sample);
        var rows = sample.Rows(0, 4).ToArray();
        var lines = sample.Csv(rows).Split('\n');
        lines[row + 1] = EditCell(lines[row + 1], sample.Kind.IndexOf(column), v => v[..1] + "\"" + v[1..]);

        var result = ImportCsv(sample.Kind, string.Join('\n', lines));

        Assert.Equal(ImportStatus.Rejected, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal((row + 2L, "(row)"), (error.Line, error.Column));
        Assert.Equal(StorageCodes.CsvStrayQuote, error.Code);
        Assert.Equal(0, Count(sample.Table));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Import_TextAfterAClosingQuote_IsRefusedAsMalformedQuoting(string kindName)
    {
        var sample = KindSample.Of(kindName);
        var (column, row) = TextCell(sample);
        var rows = sample.Rows(0, 4).ToArray();
        var lines = sample.Csv(rows).Split('\n');
        lines[row + 1] = EditCell(lines[row + 1], sample.Kind.IndexOf(column), v => "\"" + v[..1] + "\"" + v[1..]);

        var result = ImportCsv(sample.Kind, string.Join('\n', lines));

        Assert.Equal(ImportStatus.Rejected, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal((row + 2L, "(row)"), (error.Line, error.Column));
        Assert.Equal(StorageCodes.CsvTextAfterQuote, error.Code);
        Assert.Equal(0, Count(sample.Table));
    }

    [Fact]
    public void Import_MalformedQuotingOnLaterLines_IsReportedOnEachOfThoseLinesOnly()
    {
        var result = ImportCsv(DataKinds.Spend, """
            date,channel,spend
            2026-03-01,search,1
            2026-03-02,se"arch,1
            2026-03-03,search,1
            2026-03-04,"se"arch,1
            2026-03-05,search,1
            """);

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal((5L, 2L), (result.RowsRead, result.Rejected));
        Assert.Equal([3L, 5L], result.Errors.Select(e => e.Line));
    }

    [Fact]
    public void Import_UnterminatedQuote_IsRefusedAsMalformedQuotingOnTheLineItStarts()
    {
        var result = ImportCsv(DataKinds.Spend, "date,channel,campaign,spend\n2026-03-01,search,,1\n2026-03-02,\"search,,1\n2026-03-03,search,,1\n");

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal(0, result.Added);
        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, "(row)"), (error.Line, error.Column));
        Assert.Equal(StorageCodes.CsvUnterminatedQuote, error.Code);
        Assert.Equal(0, Count("spend"));
    }

    [Fact]
    public void Import_QuotedFieldWithALineBreak_KeepsTheLineNumbersOfLaterRows()
    {
        // The line break sits in an ignored column: every contract text field refuses control characters.
        var result = ImportCsv(DataKinds.Spend, """
            date,channel,spend,note
            2026-03-01,search,1,"two
            lines"
            2026-03-02,search,abc,
            """);

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal(2, result.RowsRead);
        var error = Assert.Single(result.Errors);
        Assert.Equal((4L, "spend"), (error.Line, error.Column));
    }

    [Fact]
    public void Import_LineBreakInsideAQuotedContractField_IsRefusedAsAControlCharacter()
    {
        var result = ImportCsv(DataKinds.Spend, "date,channel,campaign,spend\n2026-03-01,search,\"spring\nsale\",1\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((2L, "campaign", "spring\nsale"), (error.Line, error.Column, error.Value));
        Assert.Equal(CommonCodes.ControlCharacters, error.Code);
    }

    [Fact]
    public void Import_QuotedFieldsWithCommasAndQuotes_AreUnquoted()
    {
        var result = ImportCsv(DataKinds.Spend, "date,channel,campaign,spend\r\n2026-03-01,\"search\",\"spring, \"\"big\"\" sale\",\"1\"\r\n");

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal("spring, \"big\" sale", Scalar<string>("SELECT campaign FROM spend"));
    }

    [Fact]
    public void Import_EmptyLinesInCsv_AreSkippedAndLineNumbersCountThem()
    {
        var result = ImportCsv(DataKinds.Spend, "date,channel,spend\n\n2026-03-01,search,1\n\n2026-03-02,search,x\n");

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal(2, result.RowsRead);
        Assert.Equal(5, Assert.Single(result.Errors).Line);
    }

    [Fact]
    public void Import_Utf8ByteOrderMark_IsNotPartOfTheFirstColumnName()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("date,channel,spend\n2026-03-01,search,1\n")).ToArray();

        var result = ImportBytes(DataKinds.Spend, new FileFormat(DataFormat.Csv, false), bytes);

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Empty(result.Warnings);
        Assert.Equal(1, Count("spend"));
    }

    [Fact]
    public void Import_NonUtf8Bytes_AreRefusedWithAClearReasonOnTheirLine()
    {
        // "Café" in Latin-1: the 0xE9 byte is not UTF-8.
        var bytes = Encoding.ASCII.GetBytes("date,channel,spend\n2026-03-01,search,1\n2026-03-02,Caf")
            .Append((byte)0xE9)
            .Concat(Encoding.ASCII.GetBytes(",1\n"))
            .ToArray();

        var result = ImportBytes(DataKinds.Spend, new FileFormat(DataFormat.Csv, false), bytes);

        Assert.Equal(ImportStatus.Rejected, result.Status);
        var error = Assert.Single(result.Errors);
        // Bytes that are not UTF-8 fail the whole file (as in JSON Lines), reported on the line they are on.
        Assert.Equal((3L, "(row)"), (error.Line, error.Column));
        Assert.Equal((StorageCodes.InvalidUtf8, MessageArgs.Of(("offset", 53))), (error.Code, error.Args));
        Assert.Equal(0, Count("spend"));
        Assert.Equal(0, Count("channels"));
    }

    [Fact]
    public void Import_NonAsciiUtf8Text_IsStoredIntact()
    {
        var result = ImportCsv(DataKinds.Spend, "date,channel,campaign,spend\n2026-03-01,小红书,春节 🎉,1\n");

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal(("小红书", "春节 🎉"),
            Query<(string, string)>("SELECT c.name, s.campaign FROM spend s JOIN channels c ON c.id = s.channel_id").Single());
    }

    private static byte[] Latin1Csv(string before, string after) =>
        Encoding.ASCII.GetBytes(before).Append((byte)0xE9).Concat(Encoding.ASCII.GetBytes(after)).ToArray();

    [Fact]
    public void Import_NonUtf8BytesWithSkipInvalid_StillFailTheFileAndWriteNothing()
    {
        // docs/data-contracts.md: "Text that is not UTF-8 ... fails the file with a clear message and writes nothing."
        var bytes = Latin1Csv("date,channel,spend\n2026-03-01,search,1\n2026-03-02,Caf", ",1\n2026-03-03,search,1\n");

        var result = ImportBytes(DataKinds.Spend, new FileFormat(DataFormat.Csv, false), bytes, r => r with { SkipInvalid = true });

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal(0, Count("spend"));
    }

    [Fact]
    public void Import_NonUtf8BytesInAnIgnoredColumn_StillFailTheFile()
    {
        var bytes = Latin1Csv("date,channel,spend,note\n2026-03-01,search,1,caf", "\n");

        var result = ImportBytes(DataKinds.Spend, new FileFormat(DataFormat.Csv, false), bytes);

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal(0, Count("spend"));
    }

    [Fact]
    public void Import_ValidUtf8ContainingTheReplacementCharacter_IsAccepted()
    {
        // U+FFFD is a character like any other when the file spells it as valid UTF-8 (EF BF BD).
        var result = ImportCsv(DataKinds.Spend, "date,channel,campaign,spend\n2026-03-01,search,spring\uFFFD,1\n");

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal("spring\uFFFD", Scalar<string>("SELECT campaign FROM spend"));
    }
}

public sealed class CsvFormatTestsOnSqlite() : CsvFormatTests(StoreProvider.Sqlite);

public sealed class CsvFormatTestsOnPostgres() : CsvFormatTests(StoreProvider.Postgres);
