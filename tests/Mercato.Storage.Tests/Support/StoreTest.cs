using System.IO.Compression;
using System.Text;
using Dapper;
using Mercato.Core.DataCenter;
using Mercato.Storage.DataCenter;
using Mercato.Storage.Import;
using Mercato.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mercato.Storage.Tests.Support;

/// <summary>
/// Base of the tests that need a store: a real SQLite file in a fresh temporary directory per test (xunit makes one
/// instance of the test class per test), with helpers to import text and read the tables back.
/// </summary>
public abstract class StoreTest : IDisposable
{
    /// <summary>The clock of the store: 2026-04-01T08:00:00Z, moved by the tests that need it.</summary>
    protected static readonly DateTimeOffset Start = new(2026, 4, 1, 8, 0, 0, TimeSpan.Zero);

    protected StoreTest()
    {
        Dir = new TempDir();
        Clock = new FakeTimeProvider(Start);
        Store = MercatoStore.Open(Dir.File("data"), Clock);
        Importer = new FactImporter(Store);
        Queries = new DataCenterQueries(Store);
    }

    protected TempDir Dir { get; }

    protected FakeTimeProvider Clock { get; }

    protected MercatoStore Store { get; }

    protected FactImporter Importer { get; }

    protected DataCenterQueries Queries { get; }

    /// <summary>Imports <paramref name="text"/> (UTF-8) from memory.</summary>
    protected ImportResult Import(
        DataKind kind, DataFormat format, string text, Func<ImportRequest, ImportRequest>? configure = null, string? source = null) =>
        ImportBytes(kind, new FileFormat(format, false), Encoding.UTF8.GetBytes(text), configure, source);

    protected ImportResult ImportCsv(DataKind kind, string text, Func<ImportRequest, ImportRequest>? configure = null) =>
        Import(kind, DataFormat.Csv, text, configure);

    protected ImportResult ImportJsonl(DataKind kind, string text, Func<ImportRequest, ImportRequest>? configure = null) =>
        Import(kind, DataFormat.JsonLines, text, configure);

    /// <summary>Imports raw bytes from memory.</summary>
    protected ImportResult ImportBytes(
        DataKind kind, FileFormat format, byte[] bytes, Func<ImportRequest, ImportRequest>? configure = null, string? source = null)
    {
        var request = new ImportRequest(kind, source ?? "test." + format, format, () => new MemoryStream(bytes, writable: false));
        return Importer.Import(configure is null ? request : configure(request));
    }

    /// <summary>Imports a file, its format taken from its name as the CLI does.</summary>
    protected ImportResult ImportFile(DataKind kind, string path, Func<ImportRequest, ImportRequest>? configure = null)
    {
        Assert.True(FileFormat.TryFromFileName(path, out var format), "not a data file name: " + path);
        var request = new ImportRequest(kind, path, format, () => File.OpenRead(path));
        return Importer.Import(configure is null ? request : configure(request));
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 to a file of the temp directory, gzipped when the name ends in .gz.</summary>
    protected string WriteFile(string name, string text) => WriteFile(name, Encoding.UTF8.GetBytes(text));

    protected string WriteFile(string name, byte[] bytes)
    {
        var path = Dir.File(name);
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var file = File.Create(path);
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            gzip.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }

        return path;
    }

    protected long Count(string table)
    {
        using var connection = Store.OpenConnection();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM " + table);
    }

    protected List<T> Query<T>(string sql, object? parameters = null)
    {
        using var connection = Store.OpenConnection();
        return connection.Query<T>(sql, parameters).ToList();
    }

    protected T Scalar<T>(string sql, object? parameters = null)
    {
        using var connection = Store.OpenConnection();
        return connection.ExecuteScalar<T>(sql, parameters)!;
    }

    protected void Execute(string sql, object? parameters = null)
    {
        using var connection = Store.OpenConnection();
        connection.Execute(sql, parameters);
    }

    /// <summary>The id of a channel by name (case-insensitive, as the catalog matches), or null.</summary>
    protected long? ChannelId(string name) =>
        Scalar<long?>("SELECT id FROM channels WHERE name = @name", new { name });

    /// <summary>Rows in all five fact tables together.</summary>
    protected long AllFactRows() => FactTables.All.Sum(t => Count(t.Table));

    protected static long Ms(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public void Dispose()
    {
        // Pooled connections keep the database open; close this store's idle ones before deleting its directory.
        using (var connection = new SqliteConnection(Store.ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        Dir.Dispose();
        GC.SuppressFinalize(this);
    }
}
