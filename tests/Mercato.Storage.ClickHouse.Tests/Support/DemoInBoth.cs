using Mercato.Core.Common;
using Mercato.Core.Demo;
using Mercato.Storage.Demo;
using Mercato.Storage.Sqlite;
using Mercato.Testing;

namespace Mercato.Storage.ClickHouse.Tests.Support;

/// <summary>
/// The small demo (seed 7) loaded into the embedded store and into ClickHouse, once per layout, with the embedded store's
/// channel catalog: the readers' parity tests read both and compare. Tests that change facts load their own
/// (<see cref="LoadAsync"/>).
/// </summary>
public sealed class DemoInBoth : IAsyncDisposable
{
    /// <summary>The demo every parity test loads.</summary>
    public static DemoOptions Small { get; } = new(7, DemoScale.Small, new YearMonth(2025, 2));

    private readonly Dictionary<Layout, Task<Stores>> _loads = [];
    private readonly Lock _lock = new();

    /// <summary>The demo in both stores on <paramref name="layout"/>, loaded on first use.</summary>
    public Task<Stores> GetAsync(Layout layout)
    {
        TestClickHouse.Require(layout);
        lock (_lock)
        {
            if (!_loads.TryGetValue(layout, out var load))
            {
                _loads[layout] = load = LoadAsync(layout);
            }

            return load;
        }
    }

    /// <summary>A fresh load of the demo in both stores (dispose it).</summary>
    public static async Task<Stores> LoadAsync(Layout layout)
    {
        TestClickHouse.Require(layout);
        var dir = Path.Combine(Path.GetTempPath(), "mercato-clickhouse-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var sqlite = SqliteStore.Open(dir, new FakeTimeProvider(ClickHouseFixture.Start));
        await DemoFacts.LoadAsync(sqlite.Sink, Small, null, default);
        // The channel catalog is the embedded store's: both stores' facts refer to the same channel ids.
        var clickHouse = await ClickHouseFixture.CreateAsync(layout, sqlite);
        var load = await DemoFacts.LoadAsync(clickHouse.Facts.Sink, Small, null, default);
        return new Stores(sqlite, clickHouse, load);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var load in _loads.Values)
        {
            if (load.IsCompletedSuccessfully)
            {
                await load.Result.DisposeAsync();
            }
        }
    }

    /// <summary>The embedded store and the ClickHouse fixture (whose documents are the embedded store), and what the load into ClickHouse wrote.</summary>
    public sealed record Stores(SqliteStore Sqlite, ClickHouseFixture ClickHouse, DemoFactsLoad FirstLoad) : IAsyncDisposable
    {
        public ClickHouseFactStore Facts => ClickHouse.Facts;

        public ValueTask DisposeAsync() => ClickHouse.DisposeAsync();
    }
}
