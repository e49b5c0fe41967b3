using System.Diagnostics;
using System.Globalization;
using Mercato.Core.DataCenter;
using Mercato.Core.Measurement;
using Mercato.Storage.Relational;

namespace Mercato.Storage.ClickHouse;

/// <summary>
/// Facts in ClickHouse, on one node or a cluster of shards (docs/clickhouse.md): the sink that imports write through,
/// the journey reader and the money reader. Documents, and the channel catalog the facts refer to, stay in the store
/// chosen for them (<see cref="IChannelDirectory"/>). Opening creates the database and schema where missing and cleans
/// up after a process that ended during an import.
/// </summary>
public sealed class ClickHouseFactStore : IAsyncDisposable
{
    private static long _lastStamp;
    private readonly ClickHouseClient _client;

    private ClickHouseFactStore(ClickHouseClient client, IChannelDirectory channels, TimeProvider time)
    {
        _client = client;
        Channels = channels;
        Time = time;
        Sink = new ClickHouseFactSink(this);
        Journeys = new ClickHouseJourneyReader(this);
        Money = new ClickHouseChannelMoney(this);
        Catalog = new ClickHouseFactCatalog(this);
        Demo = new ClickHouseDemoFacts(this);
        Cohorts = new ClickHouseCohortReader(this);
        Funnels = new ClickHouseFunnelReader(this);
        Kpis = new ClickHouseKpiReader(this);
        CampaignFacts = new ClickHouseCampaignFacts(this);
        Mentions = new ClickHouseMentionStore(this);
        Clicks = new ClickHouseClickStore(this);
        Influencers = new ClickHouseInfluencerStore(this);
    }

    /// <summary>Where the facts are: host, port, database and cluster (never a password).</summary>
    public string Location => _client.Settings.Location;

    /// <summary>Whether the facts are spread over the shards of a cluster.</summary>
    public bool IsCluster => _client.Settings.Cluster is not null;

    /// <summary>Where imports and the demo write facts.</summary>
    public IFactSink Sink { get; }

    /// <summary>Journeys as distinct paths with counts, computed in ClickHouse.</summary>
    public IJourneyReader Journeys { get; }

    /// <summary>Spend and cost sums, computed in ClickHouse.</summary>
    public IChannelMoneyReader Money { get; }

    /// <summary>Rows per kind and month, the import history and the channel catalog with volumes.</summary>
    public IFactCatalog Catalog { get; }

    /// <summary>The demo's facts: loaded or not, its ground truth, removal.</summary>
    public IDemoFacts Demo { get; }

    /// <summary>Acquisition cohorts, computed in ClickHouse.</summary>
    public ICohortReader Cohorts { get; }

    /// <summary>The activity of funnels: entered users and their events, streamed.</summary>
    public Core.Measurement.Funnels.IFunnelReader Funnels { get; }

    /// <summary>What the KPIs sum per period of local days, computed in ClickHouse.</summary>
    public Core.Kpis.IKpiReader Kpis { get; }

    /// <summary>The campaign core's aggregates (evaluation, budgets, delivery, brand board), computed in ClickHouse.</summary>
    public Mercato.Core.Campaigns.ICampaignFactReader CampaignFacts { get; }

    /// <summary>Mentions by hour and source, pages of them, and the rescore, over ClickHouse.</summary>
    public Mercato.Core.Listening.IMentionStore Mentions { get; }

    /// <summary>The click log, streamed from every node in time order.</summary>
    public Mercato.Core.AdMonitoring.IClickStore Clicks { get; }

    /// <summary>Influencer snapshots, posts and follower samples, over ClickHouse.</summary>
    public Mercato.Core.Influencers.IInfluencerFactStore Influencers { get; }

    internal IChannelDirectory Channels { get; }

    internal TimeProvider Time { get; }

    internal ClickHouseClient Client => _client;

    /// <summary>
    /// Opens the facts at <paramref name="connectionString"/> (<see cref="ClickHouseSettings"/>): creates the database and
    /// the tables where missing, refuses a schema newer than this program's, then drops the staging tables of imports
    /// whose process ended (their batches marked interrupted) and finishes the moves of those that had begun to commit.
    /// </summary>
    public static async Task<ClickHouseFactStore> OpenAsync(
        string connectionString, IChannelDirectory channels, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(time);
        var client = new ClickHouseClient(ClickHouseSettings.Parse(connectionString));
        try
        {
            var store = new ClickHouseFactStore(client, channels, time);
            await store.CreateSchemaAsync(cancellationToken).ConfigureAwait(false);
            await ((ClickHouseFactSink)store.Sink).RecoverAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Whether every node answers with this program's schema; the detail names the node that does not.</summary>
    public async Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            var versions = new List<string>();
            foreach (var node in _client.Nodes)
            {
                var row = (await _client.QueryAsync("SELECT version(), (SELECT max(version) FROM schema_version)", cancellationToken, node).ConfigureAwait(false)).Single();
                versions.Add(row[0] ?? "?");
                if (Int(row[1]) != ClickHouseSchema.Version)
                {
                    return new StoreHealth(false, Location + ": " + node.Authority + " has schema " + row[1]
                        + string.Create(CultureInfo.InvariantCulture, $", this program knows {ClickHouseSchema.Version}"));
                }
            }

            return new StoreHealth(true, "clickhouse " + string.Join(", ", versions.Distinct(StringComparer.Ordinal))
                + string.Create(CultureInfo.InvariantCulture, $", schema {ClickHouseSchema.Version}, ") + Location);
        }
        catch (ClickHouseException ex)
        {
            return new StoreHealth(false, ex.Message);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Now, as batches record instants: ISO 8601 UTC with milliseconds.</summary>
    internal string Now() => RelationalStore.Instant(Time.GetUtcNow());

    /// <summary>
    /// A new id for a batch or a commit: Unix milliseconds times 1000 plus a random remainder, so later ids are larger
    /// (a later commit's rows win) and two processes starting in the same millisecond rarely meet.
    /// </summary>
    internal long NewStamp()
    {
        var candidate = (Time.GetUtcNow().ToUnixTimeMilliseconds() * 1000) + Random.Shared.Next(1000);
        while (true)
        {
            var last = Interlocked.Read(ref _lastStamp);
            var next = Math.Max(candidate, last + 1);
            if (Interlocked.CompareExchange(ref _lastStamp, next, last) == last)
            {
                return next;
            }
        }
    }

    /// <summary>
    /// The version a commit writes its rows with: above every version committed before (recorded with the batches), so
    /// the later commit's rows win even when clocks stand still or step back.
    /// </summary>
    internal async Task<long> NewCommitVersionAsync(CancellationToken cancellationToken)
    {
        var max = Int((await _client.QueryAsync("SELECT max(commit_version) FROM batches", cancellationToken).ConfigureAwait(false)).Single()[0]);
        var stamp = NewStamp();
        return stamp > max ? stamp : max + 1;
    }

    /// <summary>The table a node holds of <paramref name="name"/>.</summary>
    internal string Local(string name) => ClickHouseSchema.Local(name, IsCluster);

    private async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        var settings = _client.Settings;
        foreach (var node in _client.Nodes)
        {
            await _client.ExecuteOutsideDatabaseAsync("CREATE DATABASE IF NOT EXISTS " + ClickHouseSql.Identifier(settings.Database), cancellationToken, node).ConfigureAwait(false);
            await _client.ExecuteAsync(ClickHouseSchema.CreateVersion, cancellationToken, node).ConfigureAwait(false);
            var version = Int((await _client.QueryAsync("SELECT max(version) FROM schema_version", cancellationToken, node).ConfigureAwait(false)).Single()[0]);
            if (version > ClickHouseSchema.Version)
            {
                throw new ClickHouseException(string.Create(CultureInfo.InvariantCulture,
                    $"{Location}: {node.Authority} has schema {version}, newer than this program's {ClickHouseSchema.Version}"));
            }

            foreach (var kind in ClickHouseSchema.Kinds)
            {
                await _client.ExecuteAsync(ClickHouseSchema.CreateFactTable(kind, IsCluster), cancellationToken, node).ConfigureAwait(false);
                if (settings.Cluster is { } cluster)
                {
                    await _client.ExecuteAsync(ClickHouseSchema.CreateDistributed(kind.Name, settings.Database, cluster, kind.ShardBy), cancellationToken, node).ConfigureAwait(false);
                }

                if (version == 1)
                {
                    await MarkRestatedAsync(kind, node, cancellationToken).ConfigureAwait(false);
                }
            }

            if (version < ClickHouseSchema.Version)
            {
                await _client.ExecuteAsync(string.Create(CultureInfo.InvariantCulture,
                    $"INSERT INTO schema_version VALUES ({ClickHouseSchema.Version}, {ClickHouseSql.Literal(Now())})"), cancellationToken, node).ConfigureAwait(false);
            }
        }

        await _client.ExecuteAsync(ClickHouseSchema.CreateBatches, cancellationToken).ConfigureAwait(false);
        await _client.ExecuteAsync(ClickHouseSchema.CreateGroundTruth, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Schema 1 to 2: adds <see cref="ClickHouseKind.Restates"/> to a fact table (and its Distributed table) and writes,
    /// for every key holding more than one row, its last version once more marked, so the reads group that key. Done
    /// again after a crash before the schema's version is written, it adds the same rows again: harmless.
    /// </summary>
    private async Task MarkRestatedAsync(ClickHouseKind kind, Uri node, CancellationToken cancellationToken)
    {
        var local = Local(kind.Name);
        foreach (var table in IsCluster ? [local, kind.Name] : new[] { local })
        {
            var has = await _client.QueryAsync("SELECT count() FROM system.columns WHERE database = currentDatabase() AND table = "
                + ClickHouseSql.Literal(table) + " AND name = " + ClickHouseSql.Literal(ClickHouseKind.Restates), cancellationToken, node).ConfigureAwait(false);
            if (Int(has.Single()[0]) == 0)
            {
                await _client.ExecuteAsync("ALTER TABLE " + table + " ADD COLUMN " + ClickHouseKind.Restates + " UInt8 DEFAULT 0", cancellationToken, node).ConfigureAwait(false);
            }
        }

        string[] columns = ["key", .. kind.Columns, "batch_id", "version"];
        var elements = string.Join(", ", columns.Skip(1).Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"t.{i + 1}")));
        await _client.ExecuteAsync("INSERT INTO " + local + " (" + string.Join(", ", columns) + ", " + ClickHouseKind.Restates + ") SELECT key, " + elements
            + ", 1 FROM (SELECT key, " + kind.LastOf(columns.Skip(1), "version") + " AS t FROM " + local + " GROUP BY key HAVING count() > 1)",
            cancellationToken, node).ConfigureAwait(false);
    }

    internal static long Int(string? text) => text is null ? 0 : long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    internal static long? NullableInt(string? text) => text is null ? null : Int(text);

    /// <summary>Whether the process that started a batch on this machine is gone (another machine's: unknown, so no).</summary>
    internal static bool ProcessGone(string host, long pid)
    {
        if (!string.Equals(host, Environment.MachineName, StringComparison.Ordinal))
        {
            return false;
        }

        if (pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(checked((int)pid));
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
