using Mercato.Storage;
using Mercato.Storage.ClickHouse;
using Mercato.Storage.Postgres;
using Mercato.Storage.Sqlite;

namespace Mercato.Hosting;

/// <summary>
/// The one place that knows the storage providers: opens the store the options name (<c>--store</c>,
/// <c>MERCATO_STORE</c>) and registers each port of Core it serves. Everything else sees only the ports.
/// </summary>
public static class StoreSelection
{
    /// <summary>The provider words.</summary>
    public static IReadOnlyList<string> Providers { get; } = ["sqlite", "postgres"];

    /// <summary>Where facts can live apart from the documents (<c>--facts</c>, <c>MERCATO_FACTS</c>).</summary>
    public static IReadOnlyList<string> FactStores { get; } = ["clickhouse"];

    /// <summary>
    /// Opens the store of <paramref name="options"/>: with <see cref="MercatoOptions.Facts"/> <c>clickhouse</c>, its
    /// documents in the store of <see cref="MercatoOptions.Store"/> and its facts in ClickHouse.
    /// </summary>
    /// <exception cref="StoreUnavailableException">It cannot be reached, or its schema is newer than this program.</exception>
    public static async Task<IMercatoStore> OpenAsync(MercatoOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Facts == "clickhouse" && string.IsNullOrWhiteSpace(options.FactsConnection))
        {
            throw new StoreUnavailableException(StoreCodes.Unreachable, "clickhouse", "no connection string: give --facts-connection or MERCATO_FACTS_CONNECTION");
        }

        var documents = await OpenDocumentsAsync(options, time, cancellationToken).ConfigureAwait(false);
        return options.Facts == "clickhouse"
            ? await ClickHouseSplitStore.OpenAsync(documents, options.FactsConnection!, time, cancellationToken).ConfigureAwait(false)
            : documents;
    }

    private static async Task<IMercatoStore> OpenDocumentsAsync(MercatoOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        return options.Store switch
        {
            "postgres" => await PostgresStore.OpenAsync(
                string.IsNullOrWhiteSpace(options.Connection)
                    ? throw new StoreUnavailableException(StoreCodes.Unreachable, "postgres", "no connection string: give --connection or MERCATO_CONNECTION")
                    : options.Connection,
                time, cancellationToken).ConfigureAwait(false),
            _ => SqliteStore.Open(DataDirectory.Resolve(options.DataDir), time),
        };
    }

    /// <summary>Opens another store by provider word and location (a data directory or a connection string), for a copy.</summary>
    public static Task<IMercatoStore> OpenAsync(string provider, string location, TimeProvider time, CancellationToken cancellationToken = default) =>
        OpenAsync(new MercatoOptions { Store = provider, DataDir = location, Connection = location }, time, cancellationToken);

    /// <summary>
    /// Registers <paramref name="store"/> and every port it serves; the read ports behind <see cref="SlowCalls"/>, which logs
    /// any call over a second.
    /// </summary>
    public static IServiceCollection AddMercatoStore(this IServiceCollection services, IMercatoStore store)
    {
        services.AddSingleton(store);
        services.AddSingleton(store.Sink);
        services.AddSingleton(store.Documents);
        services.AddSingleton(store.Audit);
        Timed(services, store.Mentions);
        Timed(services, store.Clicks);
        Timed(services, store.Influencers);
        Timed(services, store.Catalog);
        Timed(services, store.Demo);
        Timed(services, store.Journeys);
        Timed(services, store.Money);
        Timed(services, store.Cohorts);
        Timed(services, store.Kpis);
        Timed(services, store.Funnels);
        Timed(services, store.CampaignFacts);
        return services;
    }

    private static void Timed<T>(IServiceCollection services, T port)
        where T : class =>
        services.AddSingleton(provider => SlowCalls.Wrap(port, provider.GetRequiredService<ILoggerFactory>().CreateLogger("Mercato.Store"), provider.GetRequiredService<TimeProvider>()));
}
