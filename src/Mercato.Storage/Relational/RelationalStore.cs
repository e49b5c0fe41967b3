using System.Data.Common;
using System.Globalization;
using Mercato.Core.Access;
using Mercato.Core.AdMonitoring;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Core.Influencers;
using Mercato.Core.Kpis;
using Mercato.Core.Listening;
using Mercato.Core.Measurement;

namespace Mercato.Storage.Relational;

/// <summary>
/// The few places where the SQL of the stores differs. Everything else the relational readers write once: standard SQL
/// that SQLite and PostgreSQL both take (upserts with <c>ON CONFLICT</c>, <c>RETURNING</c>, <c>LIMIT</c>, <c>substr</c>).
/// </summary>
public abstract class SqlDialect
{
    /// <summary>SQL giving the UTC month (<c>YYYY-MM</c> text) of a Unix-millisecond column.</summary>
    public abstract string MonthOfMillis(string column);

    /// <summary>SQL giving the UTC day (<c>YYYY-MM-DD</c> text) of a Unix-millisecond column.</summary>
    public abstract string DayOfMillis(string column);

    /// <summary>SQL summing an integer expression to a 64-bit integer (NULL over no rows, as SUM does).</summary>
    public virtual string Sum(string expression) => "SUM(" + expression + ")";

    /// <summary>
    /// SQL testing <paramref name="column"/> against a list parameter (<c>@codes</c>): Dapper expands a list into
    /// <c>IN (@codes1, ...)</c> for SQLite and sends an array to PostgreSQL, which takes <c>= ANY (@codes)</c>.
    /// </summary>
    public virtual string In(string column, string parameter) => column + " IN " + parameter;

    /// <summary>A text expression as ORDER BY sorts it everywhere: by its bytes (SQLite's BINARY; PostgreSQL <c>COLLATE "C"</c>).</summary>
    public virtual string Bytewise(string expression) => expression;

    /// <summary>The negation of <see cref="In"/>.</summary>
    public virtual string NotIn(string column, string parameter) => column + " NOT IN " + parameter;

    /// <summary>SQL true when the text <paramref name="needle"/> occurs in <paramref name="haystack"/> (no pattern characters: a plain substring).</summary>
    public abstract string Contains(string haystack, string needle);
}

/// <summary>
/// A store reached through ADO.NET with hand-written SQL: the embedded SQLite file or a PostgreSQL server. The provider
/// gives connections, its dialect, its migrations, the bulk write path and the ordered cursors of the two passes that
/// read events one by one (journeys, activity days); the readers of <c>Mercato.Storage.Relational</c> implement every
/// port of Core on top, once for both.
/// </summary>
public abstract class RelationalStore : IMercatoStore
{
    private readonly Lazy<RelationalFactCatalog> _catalog;
    private readonly Lazy<RelationalKpiReader> _kpis;
    private readonly Lazy<RelationalCampaignFacts> _campaignFacts;
    private readonly Lazy<RelationalDocumentStore> _documents;
    private readonly Lazy<RelationalMentionReader> _mentions;
    private readonly Lazy<RelationalClickReader> _clicks;
    private readonly Lazy<RelationalInfluencerReader> _influencers;
    private readonly Lazy<RelationalAuditLog> _audit;

    /// <summary>Creates the readers over this store.</summary>
    protected RelationalStore(TimeProvider time)
    {
        Time = time;
        _catalog = new(() => new RelationalFactCatalog(this));
        _kpis = new(() => new RelationalKpiReader(this));
        _campaignFacts = new(() => new RelationalCampaignFacts(this));
        _documents = new(() => new RelationalDocumentStore(this));
        _mentions = new(() => new RelationalMentionReader(this));
        _clicks = new(() => new RelationalClickReader(this));
        _influencers = new(() => new RelationalInfluencerReader(this));
        _audit = new(() => new RelationalAuditLog(this));
        Journeys = new RelationalJourneyReader(this);
        Money = new RelationalChannelMoney(this);
        Demo = new RelationalDemoFacts(this);
    }

    /// <summary>The clock of batch, channel and document timestamps.</summary>
    public TimeProvider Time { get; }

    /// <inheritdoc/>
    public abstract string Provider { get; }

    /// <inheritdoc/>
    public abstract string Location { get; }

    /// <summary>The provider's SQL differences.</summary>
    public abstract SqlDialect Dialect { get; }

    /// <inheritdoc/>
    public IFactCatalog Catalog => _catalog.Value;

    /// <inheritdoc/>
    public abstract IFactSink Sink { get; }

    /// <inheritdoc/>
    public IDemoFacts Demo { get; }

    /// <inheritdoc/>
    public IJourneyReader Journeys { get; }

    /// <inheritdoc/>
    public IChannelMoneyReader Money { get; }

    /// <inheritdoc/>
    public abstract ICohortReader Cohorts { get; }

    /// <inheritdoc/>
    public IKpiReader Kpis => _kpis.Value;

    /// <inheritdoc/>
    public Core.Measurement.Funnels.IFunnelReader Funnels => field ??= new RelationalFunnelReader(this);

    /// <inheritdoc/>
    public ICampaignFactReader CampaignFacts => _campaignFacts.Value;

    /// <inheritdoc/>
    public IDocumentStore Documents => _documents.Value;

    /// <inheritdoc/>
    public IMentionStore Mentions => _mentions.Value;

    /// <inheritdoc/>
    public IClickStore Clicks => _clicks.Value;

    /// <inheritdoc/>
    public IInfluencerFactStore Influencers => _influencers.Value;

    /// <inheritdoc/>
    public IAuditLog Audit => _audit.Value;

    /// <summary>Opens a connection with the store's session settings.</summary>
    public abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Begins a read-only transaction that sees one state of the data for all its statements.</summary>
    public abstract ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Begins a write transaction that holds the store's document lock from its start: document commits run one at a
    /// time, so the versions they check are the versions they replace.
    /// </summary>
    public abstract ValueTask<DbTransaction> BeginDocumentWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <inheritdoc/>
    public abstract Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Opens, on <paramref name="connection"/> (inside <paramref name="transaction"/> when given), the two cursors of a
    /// journey scan: touchpoints of <see cref="JourneyScan.TouchWindow"/> carrying the query's tag, and every conversion,
    /// both in (user bytes, time) order.
    /// </summary>
    protected internal abstract JourneyCursors OpenJourneyCursors(DbConnection connection, DbTransaction? transaction, JourneyQuery query);

    /// <summary>Streams every activity event into <see cref="ActivityDays.Read"/>; null when the table holds none.</summary>
    protected internal abstract ActivityDays? ReadActivityDays(DbConnection connection, DbTransaction transaction, TimeZoneInfo zone);

    /// <summary>
    /// Writes every row of <paramref name="rows"/> (columns in <paramref name="columns"/> order) into
    /// <paramref name="table"/> inside <paramref name="transaction"/>, the provider's fastest way (<see cref="StoreCopy"/>);
    /// returns the rows written, reporting the count now and then.
    /// </summary>
    protected internal abstract Task<long> WriteRowsAsync(
        DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, DbDataReader rows,
        Action<long> progress, CancellationToken cancellationToken);

    /// <summary>What a copy needs after the rows are in (identity sequences moved past the copied ids).</summary>
    protected internal virtual Task AfterCopyAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Now, as the store writes instants: ISO 8601 UTC with milliseconds.</summary>
    public string Now() => Instant(Time.GetUtcNow());

    /// <summary>An instant as the store writes it: UTC to the millisecond, so text order is time order.</summary>
    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The two cursors of a journey scan and what to dispose when it ends.</summary>
/// <param name="Touches">Touchpoints in (user, time) order.</param>
/// <param name="Conversions">Conversions in (user, time) order.</param>
/// <param name="Resources">Statements, readers or commands to dispose after the scan.</param>
public sealed record JourneyCursors(ITouchCursor Touches, IConversionCursor Conversions, IReadOnlyList<IDisposable> Resources) : IDisposable
{
    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var resource in Resources)
        {
            resource.Dispose();
        }
    }
}
