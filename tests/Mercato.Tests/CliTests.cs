using System.Globalization;
using System.Text;
using System.Text.Json;
using Mercato.Core.DataCenter;
using Mercato.Storage.Import;
using Microsoft.Data.Sqlite;

namespace Mercato.Tests;

public class CliTests
{
    private const string Touchpoints = """
        touchpoint_id,user_id,timestamp,channel,campaign,type,referral_code
        t1,u1,2026-03-01T09:00:00Z,search,spring,click,
        t2,u1,2026-03-02T09:00:00Z,email,,visit,
        t3,u2,2026-03-05,newsletter_x,,impression,
        """;

    [Fact]
    public async Task Import_ValidFile_PrintsSummaryAndSourcesShowIt()
    {
        using var dir = new TempDir();
        var file = dir.File("tp.csv", Touchpoints);

        var import = await Cli.RunAsync("import", "touchpoints", file, "--data-dir", dir.Path);
        var sources = await Cli.RunAsync("sources", "--format", "json", "--data-dir", dir.Path);

        Assert.Equal(0, import.ExitCode);
        Assert.Contains("rows read 3, added 3, updated 0, already present 0, rejected 0", import.Stdout, StringComparison.Ordinal);
        Assert.Contains("new channels: search, email, newsletter_x", import.Stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(sources.Stdout);
        var touchpoints = json.RootElement.GetProperty("kinds").EnumerateArray().Single(k => k.GetProperty("kind").GetString() == "touchpoints");
        Assert.Equal(3, touchpoints.GetProperty("rows").GetInt64());
        Assert.Equal("2026-03-01", touchpoints.GetProperty("firstDate").GetString());
        Assert.Equal("2026-03-05", touchpoints.GetProperty("lastDate").GetString());
        Assert.False(string.IsNullOrEmpty(touchpoints.GetProperty("lastImport").GetString()));
    }

    [Fact]
    public async Task Import_SameFileTwice_SecondTimeAddsNothing()
    {
        using var dir = new TempDir();
        var file = dir.File("tp.csv", Touchpoints);

        await Cli.RunAsync("import", "touchpoints", file, "--data-dir", dir.Path);
        var again = await Cli.RunAsync("import", "touchpoints", file, "--data-dir", dir.Path);

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("added 0, updated 0, already present 3, rejected 0", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(3, Count(dir.Path, "touchpoints"));
    }

    [Fact]
    public async Task Import_InvalidRow_ExitsTwoWritesNothingAndNamesLineColumnAndReason()
    {
        using var dir = new TempDir();
        var file = dir.File("tp.csv", Touchpoints + "\nt4,u3,2026-03-06T10:00:00,search,,click,\n");

        var import = await Cli.RunAsync("import", "touchpoints", file, "--data-dir", dir.Path);

        Assert.Equal(2, import.ExitCode);
        Assert.Contains(Messages.WithPlace(new RowError(file, 5, "timestamp", "2026-03-06T10:00:00", ImportCodes.TimestampWithoutOffset, MessageArgs.Empty)),
            import.Stderr, StringComparison.Ordinal);
        Assert.Contains("REJECTED, nothing written", import.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, Count(dir.Path, "touchpoints"));
    }

    [Fact]
    public async Task Import_SkipInvalid_ImportsValidRowsAndWritesRejectedFile()
    {
        using var dir = new TempDir();
        var file = dir.File("tp.csv", Touchpoints + "\nt4,u3,2026-03-06T10:00:00,search,,click,\n");

        var import = await Cli.RunAsync("import", "touchpoints", file, "--skip-invalid", "--data-dir", dir.Path);

        Assert.Equal(0, import.ExitCode);
        Assert.Equal(3, Count(dir.Path, "touchpoints"));
        var rejected = await File.ReadAllTextAsync(file + ".rejected.csv");
        Assert.Contains("5,\"timestamp\",\"2026-03-06T10:00:00\",\"" + Messages.Text(ImportCodes.TimestampWithoutOffset) + "\"", rejected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MissingRequiredColumn_ExitsTwo()
    {
        using var dir = new TempDir();
        var file = dir.File("c.csv", "conversion_id,user_id,revenue\no1,u1,10\n");

        var import = await Cli.RunAsync("import", "conversions", file, "--data-dir", dir.Path);

        Assert.Equal(2, import.ExitCode);
        Assert.Contains("column 'timestamp'", import.Stderr, StringComparison.Ordinal);
        Assert.Contains(Messages.Text(StorageCodes.RequiredColumnMissing), import.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_UnknownKindOrExtension_ExitsTwo_MissingFileExitsOne()
    {
        using var dir = new TempDir();
        var txt = dir.File("tp.txt", Touchpoints);

        var unknownKind = await Cli.RunAsync("import", "weather", txt, "--data-dir", dir.Path);
        var badExtension = await Cli.RunAsync("import", "touchpoints", txt, "--data-dir", dir.Path);
        var missing = await Cli.RunAsync("import", "touchpoints", Path.Combine(dir.Path, "nope.csv"), "--data-dir", dir.Path);

        Assert.Equal(2, unknownKind.ExitCode);
        Assert.Contains("unknown data kind 'weather'", unknownKind.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, badExtension.ExitCode);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no such file", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_GzippedJsonLines_Imports()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "conv.jsonl.gz");
        await using (var gz = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest))
        {
            await gz.WriteAsync(Encoding.UTF8.GetBytes(
                "{\"conversion_id\":\"o1\",\"user_id\":\"u1\",\"timestamp\":\"2026-03-01T10:00:00+08:00\",\"revenue\":199.5,\"cost\":90}\n" +
                "{\"conversion_id\":\"o2\",\"user_id\":\"u2\",\"timestamp\":\"2026-03-02T10:00:00Z\",\"revenue\":\"1299\"}\n"));
        }

        var import = await Cli.RunAsync("import", "conversions", path, "--data-dir", dir.Path, "--format", "json");

        Assert.Equal(0, import.ExitCode);
        using var json = JsonDocument.Parse(import.Stdout);
        Assert.Equal(2, json.RootElement.GetProperty("imports")[0].GetProperty("added").GetInt64());
        using var connection = Open(dir.Path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT SUM(revenue) FROM conversions";
        Assert.Equal(14_985_000L, (long)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task Demo_LoadsThenRemoves_AndSeedIsDeterministic()
    {
        using var a = new TempDir();
        using var b = new TempDir();

        var demo = await Cli.RunAsync("demo", "--seed", "7", "--scale", "small", "--data-dir", a.Path);
        await Cli.RunAsync("demo", "--seed", "7", "--scale", "small", "--data-dir", b.Path);

        Assert.Equal(0, demo.ExitCode);
        Assert.True(Count(a.Path, "touchpoints") > 1000);
        Assert.Equal(Fingerprint(a.Path, "touchpoints"), Fingerprint(b.Path, "touchpoints"));
        Assert.Equal(Fingerprint(a.Path, "conversions"), Fingerprint(b.Path, "conversions"));
        Assert.True(File.Exists(Path.Combine(a.Path, "demo-ground-truth.json")));

        var remove = await Cli.RunAsync("demo", "--remove", "--data-dir", a.Path);
        Assert.Equal(0, remove.ExitCode);
        Assert.Equal(0, Count(a.Path, "touchpoints"));
        Assert.Equal(0, Count(a.Path, "activity"));
    }

    [Fact]
    public async Task Demo_Reload_ReplacesEarlierDemoAndKeepsOwnImports()
    {
        using var dir = new TempDir();
        var file = dir.File("tp.csv", Touchpoints);
        await Cli.RunAsync("demo", "--seed", "1", "--data-dir", dir.Path);
        await Cli.RunAsync("import", "touchpoints", file, "--data-dir", dir.Path);
        var afterFirst = Count(dir.Path, "touchpoints");

        await Cli.RunAsync("demo", "--seed", "1", "--data-dir", dir.Path);
        await Cli.RunAsync("demo", "--remove", "--data-dir", dir.Path);

        Assert.True(afterFirst > 3);
        Assert.Equal(3, Count(dir.Path, "touchpoints"));
    }

    [Fact]
    public async Task Batches_ListsImportsWithTheirErrors()
    {
        using var dir = new TempDir();
        var bad = dir.File("bad.csv", "date,channel,spend\n2026-01-01,search,-5\n");
        await Cli.RunAsync("import", "spend", bad, "--data-dir", dir.Path);

        var list = await Cli.RunAsync("batches", "--format", "json", "--data-dir", dir.Path);
        var one = await Cli.RunAsync("batches", "1", "--data-dir", dir.Path);

        using var json = JsonDocument.Parse(list.Stdout);
        var batch = json.RootElement.GetProperty("batches")[0];
        Assert.Equal("rejected", batch.GetProperty("status").GetString());
        Assert.Equal(1, batch.GetProperty("rowsRejected").GetInt64());
        Assert.Contains("bad.csv:2: column 'spend' value \"-5\": " + Messages.Text(CommonCodes.Negative), one.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channels_Set_ClassifiesAnUnassignedChannel()
    {
        using var dir = new TempDir();
        await Cli.RunAsync("import", "touchpoints", dir.File("tp.csv", Touchpoints), "--data-dir", dir.Path);

        var before = await Cli.RunAsync("channels", "--format", "json", "--data-dir", dir.Path);
        var set = await Cli.RunAsync("channels", "set", "newsletter_x", "email_crm", "--data-dir", dir.Path);
        var badGroup = await Cli.RunAsync("channels", "set", "newsletter_x", "carrier_pigeon", "--data-dir", dir.Path);
        var after = await Cli.RunAsync("channels", "--format", "json", "--data-dir", dir.Path);

        Assert.Contains("\"group\": \"unassigned\"", before.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, set.ExitCode);
        Assert.Equal(2, badGroup.ExitCode);
        Assert.DoesNotContain("\"group\": \"unassigned\"", after.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataDir_DefaultsToEnvironmentVariable()
    {
        using var dir = new TempDir();
        using var process = Cli.Start(["import", "touchpoints", dir.File("tp.csv", Touchpoints)],
            new Dictionary<string, string> { ["MERCATO_DATA_DIR"] = dir.Path });
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(3, Count(dir.Path, "touchpoints"));
    }

    internal static SqliteConnection Open(string dataDir)
    {
        var connection = new SqliteConnection("Data Source=" + Path.Combine(dataDir, "mercato.db"));
        connection.Open();
        return connection;
    }

    internal static long Count(string dataDir, string table)
    {
        using var connection = Open(dataDir);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM " + table;
        return (long)command.ExecuteScalar()!;
    }

    internal static string Rows(string dataDir, string sql)
    {
        using var connection = Open(dataDir);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var text = new StringBuilder();
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                text.Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Every column of every row, in key order: equal fingerprints mean equal tables.</summary>
    internal static string Fingerprint(string dataDir, string table)
    {
        using var connection = Open(dataDir);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table} ORDER BY key";
        using var reader = command.ExecuteReader();
        var text = new StringBuilder();
        // The row id and the batch that wrote a row are bookkeeping; the facts are the other columns.
        var batchColumn = reader.GetOrdinal("batch_id");
        var idColumn = reader.GetOrdinal("id");
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (i != batchColumn && i != idColumn)
                {
                    text.Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
                }
            }

            text.Append('\n');
        }

        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
