using Mercato.Hosting;
using Mercato.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mercato.Tests;

/// <summary>The stores a host test runs against.</summary>
public enum TestStoreKind
{
    /// <summary>The embedded store in a fresh data directory.</summary>
    Sqlite,

    /// <summary>A fresh schema on the tests' PostgreSQL server (<see cref="TestPostgres"/>; skips without one, fails in CI).</summary>
    Postgres,
}

/// <summary>
/// A workspace for use-case tests: a fresh store of one provider and the same service container the server and the CLI
/// build (<see cref="MercatoServices.AddMercatoCore"/>), acting as <see cref="Actor"/> at a clock that stands still until
/// moved. <see cref="CliArgs"/> point the real CLI at the same store.
/// </summary>
public sealed class TestWorkspace : IAsyncDisposable
{
    /// <summary>When the clock starts: 2026-04-01 08:00 UTC.</summary>
    public static readonly DateTimeOffset Start = new(2026, 4, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;
    private readonly string? _schema;

    private TestWorkspace(TestStoreKind kind, TempDir dir, string? connection, string? schema, ServiceProvider services, FakeTimeProvider clock, string actor)
    {
        Kind = kind;
        Dir = dir;
        Connection = connection;
        _schema = schema;
        _services = services;
        Clock = clock;
        Actor = actor;
    }

    public TestStoreKind Kind { get; }

    /// <summary>The data directory (the SQLite file, the demo's ground truth).</summary>
    public TempDir Dir { get; }

    /// <summary>The connection string of the test's schema (PostgreSQL only).</summary>
    public string? Connection { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>The acting person of every write.</summary>
    public string Actor { get; }

    public IServiceProvider Services => _services;

    /// <summary>From now on the use cases act as <paramref name="principal"/> (an administrator named <see cref="Actor"/> until then).</summary>
    public void ActAs(Principal principal) => ((TestUser)_services.GetRequiredService<ICurrentUser>()).Principal = principal;

    /// <summary>The options that name this store, for the CLI (<c>--data-dir</c>, <c>--store</c>, <c>--connection</c>).</summary>
    public string[] CliArgs => Kind == TestStoreKind.Sqlite
        ? ["--data-dir", Dir.Path]
        : ["--data-dir", Dir.Path, "--store", "postgres", "--connection", Connection!];

    /// <summary>The use case (or any service) of this workspace.</summary>
    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static async Task<TestWorkspace> OpenAsync(TestStoreKind kind = TestStoreKind.Sqlite, string actor = "tester")
    {
        var dir = new TempDir();
        string? connection = null;
        string? schema = null;
        if (kind == TestStoreKind.Postgres)
        {
            (connection, schema) = await TestPostgres.CreateSchemaAsync();
        }

        var clock = new FakeTimeProvider(Start);
        var options = new MercatoOptions { DataDir = dir.Path, Store = kind == TestStoreKind.Sqlite ? "sqlite" : "postgres", Connection = connection };
        var store = await StoreSelection.OpenAsync(options, clock);
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(clock)
            .AddMercatoCore(options, store, new TestUser(actor))
            .BuildServiceProvider();
        return new TestWorkspace(kind, dir, connection, schema, services, clock, actor);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.GetRequiredService<IMercatoStore>().DisposeAsync();
        await _services.DisposeAsync();
        if (_schema is not null)
        {
            await TestPostgres.DropSchemaAsync(_schema);
        }

        Dir.Dispose();
    }
}

/// <summary>The acting person of a <see cref="TestWorkspace"/>: an administrator until a test acts as someone else.</summary>
internal sealed class TestUser(string name) : ICurrentUser
{
    public Principal Principal { get; set; } = Principal.Administrator(name);

    public string Name => Principal.Name;

    public WriteOrigin Origin => WriteOrigin.Cli;
}
