using Mercato.Core.Access;
using Mercato.Core.AdMonitoring;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Core.Influencers;
using Mercato.Core.Kpis;
using Mercato.Core.Listening;
using Mercato.Core.Measurement;
using Mercato.Core.Measurement.Funnels;
using Mercato.Storage.Relational;

namespace Mercato.Storage.ClickHouse;

/// <summary>
/// A workspace whose documents (and the channel catalog, and the audit log) stay in a relational store while its facts
/// live in ClickHouse (<c>--facts clickhouse</c>): every fact port is ClickHouse's, the document ports the relational
/// store's. No query joins the two; readers ask ClickHouse for figures per channel id and name them from the catalog.
/// </summary>
public sealed class ClickHouseSplitStore : IMercatoStore
{
    private readonly RelationalStore _documents;
    private readonly ClickHouseFactStore _facts;

    private ClickHouseSplitStore(RelationalStore documents, ClickHouseFactStore facts)
    {
        _documents = documents;
        _facts = facts;
    }

    /// <summary>The documents' provider and ClickHouse: <c>sqlite+clickhouse</c> or <c>postgres+clickhouse</c>.</summary>
    public string Provider => _documents.Provider + "+clickhouse";

    /// <summary>Both places, documents first (never a password).</summary>
    public string Location => _documents.Location + "; facts: " + _facts.Location;

    /// <summary>The facts in ClickHouse (for the tests and the tools that need the engine itself).</summary>
    public ClickHouseFactStore Facts => _facts;

    /// <inheritdoc/>
    public IFactCatalog Catalog => _facts.Catalog;

    /// <inheritdoc/>
    public IFactSink Sink => _facts.Sink;

    /// <inheritdoc/>
    public IDemoFacts Demo => _facts.Demo;

    /// <inheritdoc/>
    public IJourneyReader Journeys => _facts.Journeys;

    /// <inheritdoc/>
    public IChannelMoneyReader Money => _facts.Money;

    /// <inheritdoc/>
    public ICohortReader Cohorts => _facts.Cohorts;

    /// <inheritdoc/>
    public IKpiReader Kpis => _facts.Kpis;

    /// <inheritdoc/>
    public IFunnelReader Funnels => _facts.Funnels;

    /// <inheritdoc/>
    public ICampaignFactReader CampaignFacts => _facts.CampaignFacts;

    /// <inheritdoc/>
    public IMentionStore Mentions => _facts.Mentions;

    /// <inheritdoc/>
    public IClickStore Clicks => _facts.Clicks;

    /// <inheritdoc/>
    public IInfluencerFactStore Influencers => _facts.Influencers;

    /// <inheritdoc/>
    public IDocumentStore Documents => _documents.Documents;

    /// <inheritdoc/>
    public IAuditLog Audit => _documents.Audit;

    /// <summary>
    /// Opens the facts at <paramref name="connectionString"/> beside <paramref name="documents"/>, which the result owns
    /// (disposed with it, and here when ClickHouse cannot be opened).
    /// </summary>
    /// <exception cref="StoreUnavailableException">ClickHouse cannot be reached, or its schema is newer than this program.</exception>
    public static async Task<ClickHouseSplitStore> OpenAsync(
        IMercatoStore documents, string connectionString, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        try
        {
            if (documents is not RelationalStore relational)
            {
                throw new StoreUnavailableException(StoreCodes.Unreachable, documents.Location, "the documents of a ClickHouse workspace live in SQLite or PostgreSQL");
            }

            ClickHouseFactStore facts;
            try
            {
                facts = await ClickHouseFactStore.OpenAsync(connectionString, new RelationalChannelDirectory(relational), time, cancellationToken).ConfigureAwait(false);
            }
            catch (ClickHouseException ex)
            {
                throw new StoreUnavailableException(StoreCodes.Unreachable, SafeLocation(connectionString), ex.Message, ex);
            }
            catch (FormatException ex)
            {
                throw new StoreUnavailableException(StoreCodes.Unreachable, "clickhouse", ex.Message, ex);
            }

            return new ClickHouseSplitStore(relational, facts);
        }
        catch
        {
            await documents.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Healthy when both answer with this program's schema; the parts say which one does not.</summary>
    public async Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        var documents = await _documents.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        var facts = await _facts.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        StorePartHealth[] parts =
        [
            new(StorePartHealth.DocumentsRole, _documents.Provider, _documents.Location, documents.Healthy, documents.Detail),
            new(StorePartHealth.FactsRole, "clickhouse", _facts.Location, facts.Healthy, facts.Detail),
        ];
        var detail = string.Join("; ", parts.Select(p => p.Role + ": " + (p.Healthy ? "" : "unreachable: ") + p.Detail));
        return new StoreHealth(documents.Healthy && facts.Healthy, detail, parts);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _facts.DisposeAsync().ConfigureAwait(false);
        await _documents.DisposeAsync().ConfigureAwait(false);
    }

    private static string SafeLocation(string connectionString)
    {
        try
        {
            return ClickHouseSettings.Parse(connectionString).Location;
        }
        catch (FormatException)
        {
            return "clickhouse";
        }
    }
}
