using Mercato.Core.Access;
using Mercato.Core.AdMonitoring;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Core.Influencers;
using Mercato.Core.Kpis;
using Mercato.Core.Listening;
using Mercato.Core.Measurement;

namespace Mercato.Storage;

/// <summary>
/// One opened store and the ports of Core it serves: facts (catalog, sink, demo, the readers of measurement, KPIs and
/// campaigns) and documents. Facts and documents are separate ports, so a deployment may keep them in different engines;
/// no query joins the two.
/// </summary>
public interface IMercatoStore : IAsyncDisposable
{
    /// <summary>The provider's word: <c>sqlite</c> or <c>postgres</c>.</summary>
    string Provider { get; }

    /// <summary>Where the store is, for people and logs (a file path, or host, port and database; never a password).</summary>
    string Location { get; }

    /// <summary>The data center's read side.</summary>
    IFactCatalog Catalog { get; }

    /// <summary>Where imports and the demo write facts.</summary>
    IFactSink Sink { get; }

    /// <summary>The demo company's facts.</summary>
    IDemoFacts Demo { get; }

    /// <summary>Journeys for attribution and lift.</summary>
    IJourneyReader Journeys { get; }

    /// <summary>Spend, costs and the months holding data.</summary>
    IChannelMoneyReader Money { get; }

    /// <summary>Acquisition cohorts.</summary>
    ICohortReader Cohorts { get; }

    /// <summary>The inputs of the KPIs.</summary>
    IKpiReader Kpis { get; }

    /// <summary>The activity of funnels.</summary>
    Core.Measurement.Funnels.IFunnelReader Funnels { get; }

    /// <summary>The campaign core's aggregates.</summary>
    ICampaignFactReader CampaignFacts { get; }

    /// <summary>Public mentions: aggregates, pages and every mention for a rescore.</summary>
    IMentionStore Mentions { get; }

    /// <summary>Click-level logs for ad monitoring, in time order.</summary>
    IClickStore Clicks { get; }

    /// <summary>Influencer snapshots, posts and follower samples for audits.</summary>
    IInfluencerFactStore Influencers { get; }

    /// <summary>The workspace's documents.</summary>
    IDocumentStore Documents { get; }

    /// <summary>The audit log: every write, append-only (document commits record theirs in the same transaction).</summary>
    IAuditLog Audit { get; }

    /// <summary>Whether the store answers and its schema is the program's.</summary>
    Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken);
}

/// <summary>Whether a store answers and its schema is current.</summary>
/// <param name="Healthy">Reachable with the program's schema (every part, when it has parts).</param>
/// <param name="Detail">Engine, version, schema version and location; or what is wrong.</param>
/// <param name="Parts">For a workspace kept in two engines (documents in one, facts in ClickHouse): each one's health.</param>
public sealed record StoreHealth(bool Healthy, string Detail, IReadOnlyList<StorePartHealth>? Parts = null);

/// <summary>One engine of a workspace kept in two, for <c>/health</c>: which one does not answer.</summary>
/// <param name="Role"><see cref="DocumentsRole"/> or <see cref="FactsRole"/>.</param>
/// <param name="Provider">The engine's word: <c>sqlite</c>, <c>postgres</c> or <c>clickhouse</c>.</param>
/// <param name="Location">Where it is (never a password).</param>
/// <param name="Healthy">Reachable with the program's schema.</param>
/// <param name="Detail">Engine, version and schema; or what is wrong.</param>
public sealed record StorePartHealth(string Role, string Provider, string Location, bool Healthy, string Detail)
{
    /// <summary>The part holding documents, the channel catalog and the audit log.</summary>
    public const string DocumentsRole = "documents";

    /// <summary>The part holding facts.</summary>
    public const string FactsRole = "facts";
}

/// <summary>Why a store could not be opened: a stable code and its arguments, for the host to put into words.</summary>
public static class StoreCodes
{
    /// <summary>The store could not be reached or opened (<c>location</c>, <c>reason</c>).</summary>
    public const string Unreachable = "store_unreachable";

    /// <summary>The store's schema is newer than this program knows (<c>location</c>, <c>schema</c>, <c>known</c>).</summary>
    public const string SchemaNewer = "store_schema_newer";

    /// <summary>A store stopped answering during an operation (<c>detail</c>: the engine's words with its address).</summary>
    public const string Failed = "store_failed";

    /// <summary>The target of a copy already holds data (<c>location</c>).</summary>
    public const string TargetNotEmpty = "store_target_not_empty";
}

/// <summary>
/// A store that stopped answering during an operation after it was opened (ClickHouse down or too slow, a shard lost): the
/// operation fails whole, with the engine's words and its address, never with a partial figure. The host answers 503.
/// </summary>
public class StoreFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreFailedException()
    {
    }

    /// <summary>Creates the exception; <paramref name="message"/> names the store's address and what went wrong.</summary>
    public StoreFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public StoreFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A store that cannot be used: unreachable, or its schema newer than the program.</summary>
public sealed class StoreUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreUnavailableException(string code, string location, string detail, Exception? inner = null)
        : base(code + ": " + location + ": " + detail, inner)
    {
        Code = code;
        Location = location;
        Detail = detail;
    }

    /// <summary>Creates the exception without details (serialization and tooling).</summary>
    public StoreUnavailableException()
        : this(StoreCodes.Unreachable, "", "")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public StoreUnavailableException(string message)
        : this(StoreCodes.Unreachable, "", message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public StoreUnavailableException(string message, Exception inner)
        : this(StoreCodes.Unreachable, "", message, inner)
    {
    }

    /// <summary>One of <see cref="StoreCodes"/>.</summary>
    public string Code { get; }

    /// <summary>Where the store is.</summary>
    public string Location { get; }

    /// <summary>What the engine said, or the schema versions.</summary>
    public string Detail { get; }
}
