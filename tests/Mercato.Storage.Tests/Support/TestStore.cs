using System.Data.Common;
using Mercato.Core.DataCenter;
using Mercato.Storage.Postgres;
using Mercato.Storage.Relational;
using Mercato.Storage.Sqlite;

namespace Mercato.Storage.Tests.Support;

/// <summary>
/// An opened store of one provider for a test, with the workspace time zone the test works in (the zone is a workspace
/// setting the use cases pass to the ports; here the test holds it). Reads block on the async ports: the tests are
/// sequential and have no synchronization context.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly string? _schema;
    private readonly bool _ownsSchema;

    private TestStore(StoreProvider provider, RelationalStore inner, string dataDirectory, string? postgres, string? schema, bool ownsSchema)
    {
        Provider = provider;
        Inner = inner;
        DataDirectory = dataDirectory;
        PostgresConnection = postgres;
        _schema = schema;
        _ownsSchema = ownsSchema;
    }

    public StoreProvider Provider { get; }

    /// <summary>The store under test.</summary>
    public RelationalStore Inner { get; }

    /// <summary>The directory of the test's files (the SQLite database lives in it).</summary>
    public string DataDirectory { get; }

    /// <summary>The SQLite database file (SQLite only).</summary>
    public string DatabasePath => ((SqliteStore)Inner).DatabasePath;

    /// <summary>The connection string of the test's schema (PostgreSQL only).</summary>
    public string? PostgresConnection { get; }

    /// <summary>The workspace time zone of the test; UTC unless set.</summary>
    public TimeZoneInfo TimeZone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>How imports read dates without a time: midnight in <see cref="TimeZone"/>.</summary>
    public ParseContext ParseContext => new(TimeZone);

    public static async Task<TestStore> OpenAsync(StoreProvider provider, string dataDirectory, TimeProvider clock)
    {
        if (provider == StoreProvider.Sqlite)
        {
            return new TestStore(provider, SqliteStore.Open(dataDirectory, clock), dataDirectory, null, null, false);
        }

        var (connection, schema) = await TestPostgres.CreateSchemaAsync();
        Directory.CreateDirectory(dataDirectory);
        return new TestStore(provider, await PostgresStore.OpenAsync(connection, clock), dataDirectory, connection, schema, true);
    }

    /// <summary>Opens the same store a second time, as another process would (the first stays open).</summary>
    public async Task<TestStore> ReopenAsync(TimeProvider clock) =>
        Provider == StoreProvider.Sqlite
            ? new TestStore(Provider, SqliteStore.Open(DataDirectory, clock), DataDirectory, null, null, false) { TimeZone = TimeZone }
            : new TestStore(Provider, await PostgresStore.OpenAsync(PostgresConnection!, clock), DataDirectory, PostgresConnection, _schema, false) { TimeZone = TimeZone };

    /// <summary>Sets the workspace time zone; false when it is not an IANA zone this machine knows.</summary>
    public bool TrySetTimeZone(string id)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return false;
        }

        TimeZone = zone;
        return true;
    }

    public string DataVersion() => Inner.Catalog.DataVersionAsync(CancellationToken.None).GetAwaiter().GetResult();

    public IReadOnlyDictionary<string, string> DataVersions() => Inner.Catalog.DataVersionsAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>A connection to run the test's own SQL (portable SQL only, unless the test is for one provider).</summary>
    public DbConnection OpenConnection() => Inner.OpenConnectionAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        await Inner.DisposeAsync();
        if (_ownsSchema && _schema is not null)
        {
            await TestPostgres.DropSchemaAsync(_schema);
        }
    }
}
