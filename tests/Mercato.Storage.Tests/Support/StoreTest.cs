using System.IO.Compression;
using System.Text;
using Dapper;
using Mercato.Core.DataCenter;
using Mercato.Storage.Facts;
using Mercato.Storage.Import;

namespace Mercato.Storage.Tests.Support;

/// <summary>
/// Base of the tests that need a store: a real store of the test class's provider per test (xunit makes one instance of
/// the test class per test): a SQLite file in a fresh temporary directory, or a fresh schema of the PostgreSQL server
/// (<see cref="TestPostgres"/>). A behaviour test class is abstract and runs once per provider through its two sealed
/// subclasses (<c>OnSqlite</c>, <c>OnPostgres</c>), which is the conformance suite. Helpers import text and read the tables
/// back with portable SQL.
/// </summary>
public abstract class StoreTest(StoreProvider provider) : IAsyncLifetime
{
    /// <summary>The clock of the store: 2026-04-01T08:00:00Z, moved by the tests that need it.</summary>
    protected static readonly DateTimeOffset Start = new(2026, 4, 1, 8, 0, 0, TimeSpan.Zero);

    private TestStore? _store;

    protected StoreProvider Provider { get; } = provider;

    protected TempDir Dir { get; } = new();

    protected FakeTimeProvider Clock { get; } = new(Start);

    protected TestStore Store => _store ?? throw new InvalidOperationException("the store opens in InitializeAsync");

    protected FactImporter Importer => new(Store.Inner.Sink);

    protected DataCenterQueries Queries => new(Store);

    public virtual async ValueTask InitializeAsync() => _store = await TestStore.OpenAsync(Provider, Dir.File("data"), Clock);

    public virtual async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        Dir.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Skips a test that is about one provider's own mechanics when the class runs on the other.</summary>
    protected void Only(StoreProvider only)
    {
        if (Provider != only)
        {
            Assert.Skip("about the " + only + " store only");
        }
    }

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
        var request = new ImportRequest(kind, source ?? "test." + format, format, () => new MemoryStream(bytes, writable: false)) { Context = Store.ParseContext };
        return Importer.ImportAsync(configure is null ? request : configure(request)).GetAwaiter().GetResult();
    }

    /// <summary>Imports a file, its format taken from its name as the CLI does.</summary>
    protected ImportResult ImportFile(DataKind kind, string path, Func<ImportRequest, ImportRequest>? configure = null)
    {
        Assert.True(FileFormat.TryFromFileName(path, out var format), "not a data file name: " + path);
        var request = new ImportRequest(kind, path, format, () => File.OpenRead(path)) { Context = Store.ParseContext };
        return Importer.ImportAsync(configure is null ? request : configure(request)).GetAwaiter().GetResult();
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

    /// <summary>
    /// Every row of <paramref name="sql"/> as one line, its values joined by <c>|</c> (null as <c>∅</c>, numbers invariant):
    /// whole rows compared across stores without engine-specific JSON functions.
    /// </summary>
    protected List<string> Rows(string sql)
    {
        using var connection = Store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i =>
                reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    /// <summary>The id of a channel by its exact name, or null.</summary>
    protected long? ChannelId(string name) =>
        Scalar<long?>("SELECT id FROM channels WHERE name = @name", new { name });

    /// <summary>Rows in all five fact tables together.</summary>
    protected long AllFactRows() => FactTables.All.Sum(t => Count(t.Table));

    protected static long Ms(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).ToUnixTimeMilliseconds();
}
