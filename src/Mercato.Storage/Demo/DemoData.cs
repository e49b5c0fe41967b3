using System.Globalization;
using System.Text.Json;
using Dapper;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Core.Demo;
using Mercato.Core.Kpis;
using Mercato.Core.Organization;
using Mercato.Storage.Campaigns;
using Mercato.Storage.Import;
using Mercato.Storage.Kpis;
using Mercato.Storage.Organization;
using Mercato.Storage.Sqlite;

namespace Mercato.Storage.Demo;

/// <summary>What loading the demo company did.</summary>
/// <param name="Seed">The seed.</param>
/// <param name="Scale">The scale's word.</param>
/// <param name="RowsByKind">Rows added per data kind.</param>
/// <param name="Truth">The ground truth.</param>
/// <param name="TruthFile">Where the ground truth was written.</param>
/// <param name="Workspace">The campaigns workspace loaded with the facts (people, squads, campaigns, live-stream
/// sessions); null when the workspace has a structure of its own, which the demo's units would not fit.</param>
public sealed record DemoLoadResult(
    int Seed, string Scale, IReadOnlyDictionary<string, long> RowsByKind, DemoGroundTruth Truth, string TruthFile, DemoWorkspace? Workspace = null);

/// <summary>
/// Loads the demo company into the store (replacing any earlier demo data) and removes it. Demo rows belong to batches
/// marked as demo, one per kind, all committed in one transaction; the ground truth is kept in the store and written
/// beside it as <c>demo-ground-truth.json</c>.
/// </summary>
public sealed class DemoData(MercatoStore store)
{
    /// <summary>The file, in the data directory, holding the ground truth of the loaded demo.</summary>
    public const string TruthFileName = "demo-ground-truth.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Whether demo data is loaded.</summary>
    public bool IsLoaded
    {
        get
        {
            using var connection = store.OpenConnection();
            return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM import_batches WHERE is_demo = 1 AND status = 'committed'") > 0;
        }
    }

    /// <summary>Whether the store holds no facts at all.</summary>
    public bool StoreIsEmpty
    {
        get
        {
            using var connection = store.OpenConnection();
            return FactTables.All.All(t => connection.ExecuteScalar<long>($"SELECT EXISTS (SELECT 1 FROM {t.Table})") == 0);
        }
    }

    /// <summary>Generates the demo company and loads it, replacing earlier demo data.</summary>
    public DemoLoadResult Load(DemoOptions options, IProgress<long>? progress = null)
    {
        using var connection = store.OpenConnection();
        connection.Execute("PRAGMA cache_size = -262144");
        using var transaction = connection.BeginTransaction();
        RemoveDemo(connection, transaction);

        var scale = options.Scale.ToString().ToLowerInvariant();
        var source = string.Create(CultureInfo.InvariantCulture, $"demo company (seed {options.Seed}, {scale}, through {options.LastMonth})");
        var channels = new ChannelResolver(connection, transaction, store);
        var writers = new Dictionary<Type, (FactWriter Writer, long BatchId, string Kind)>();
        foreach (var table in FactTables.All)
        {
            var batchId = connection.ExecuteScalar<long>(
                """
                INSERT INTO import_batches (kind, source, format, started_at, status, is_demo, pid)
                VALUES (@kind, @source, 'demo', @now, 'running', 1, @pid) RETURNING id
                """,
                new { kind = table.Kind.Name, source, now = store.Now(), pid = Environment.ProcessId },
                transaction);
            writers[table.FactType] = (new FactWriter(connection, transaction, batchId, store, channels), batchId, table.Kind.Name);
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var sink = new Sink(writers, counts, progress);
        var truth = DemoCompany.Generate(options, sink);

        // The live-stream sessions are facts of the livestreams kind, loaded with the rest; the people, squads and
        // campaigns they refer to go through the campaign store once the demo's structure is in place.
        var workspace = DemoCampaigns.Build(truth);
        foreach (var session in workspace.Sessions)
        {
            sink.Add(session);
        }

        foreach (var (writer, batchId, kind) in writers.Values)
        {
            writer.RestoreIndexes();
            var rows = counts.GetValueOrDefault(kind);
            connection.Execute(
                """
                UPDATE import_batches SET status = 'committed', finished_at = @now, rows_read = @rows, rows_added = @rows,
                    first_ts = @first, last_ts = @last
                WHERE id = @id
                """,
                new { id = batchId, now = store.Now(), rows, first = writer.FirstDatedAt, last = writer.LastDatedAt },
                transaction);
            writer.Dispose();
        }

        var truthJson = JsonSerializer.Serialize(truth, Json);
        connection.Execute(
            "INSERT INTO demo_ground_truth (id, seed, scale, created_at, truth) VALUES (1, @seed, @scale, @now, @truth)",
            new { seed = options.Seed, scale, now = store.Now(), truth = truthJson },
            transaction);
        transaction.Commit();

        var truthFile = Path.Combine(store.DataDirectory, TruthFileName);
        File.WriteAllText(truthFile, truthJson);
        bool applied;
        try
        {
            ApplyOrganization(options.LastMonth);
            applied = ApplyCampaigns(workspace);
        }
        catch (InvalidOperationException)
        {
            // All or nothing: the facts are committed by now, so take them (and the demo structure) out again. The
            // workspace was not imported: ids that clashed are the user's own and stay.
            Remove(workspace: false);
            throw;
        }

        return new DemoLoadResult(options.Seed, scale, counts, truth, truthFile, applied ? workspace : null);
    }

    /// <summary>Removes every demo row, demo batch, the ground truth and the channels only the demo used. Returns rows removed.</summary>
    public long Remove() => Remove(workspace: true);

    /// <param name="workspace">Also remove the demo's people, squads and campaigns (false when they were never imported).</param>
    private long Remove(bool workspace)
    {
        using var connection = store.OpenConnection();
        using var transaction = connection.BeginTransaction();
        var removed = RemoveDemo(connection, transaction, workspace);
        transaction.Commit();
        File.Delete(Path.Combine(store.DataDirectory, TruthFileName));
        var organization = new OrgStore(store);
        if (organization.Structure()?.Name == DemoOrganization.Name)
        {
            organization.Delete();
        }

        return removed;
    }

    /// <summary>The ground truth of the loaded demo, or null.</summary>
    public DemoGroundTruth? GroundTruth()
    {
        using var connection = store.OpenConnection();
        var json = connection.ExecuteScalar<string?>("SELECT truth FROM demo_ground_truth WHERE id = 1");
        return json is null ? null : JsonSerializer.Deserialize<DemoGroundTruth>(json, Json);
    }

    /// <summary>
    /// Gives the workspace the demo company's structure (docs/demo-company.md) and monthly targets for the last six months,
    /// unless it has a structure of its own. A target is the previous month's actual times the demo's planned change
    /// (<see cref="DemoOrganization.TargetFactor"/>), so units that slip miss it and one ambitious plan is missed on purpose.
    /// </summary>
    private void ApplyOrganization(YearMonth lastMonth)
    {
        var organization = new OrgStore(store);
        if (organization.Structure() is { } existing && existing.Name != DemoOrganization.Name)
        {
            return;
        }

        var structure = DemoOrganization.Structure();
        var saved = organization.Save(structure);
        if (!saved.Saved)
        {
            throw new InvalidOperationException("the demo structure is invalid: " + string.Join("; ", saved.Problems));
        }

        var kpis = new KpiQueries(store);
        var months = Enumerable.Range(0, DemoOrganization.TargetMonths + 1).Select(i => lastMonth.AddMonths(i - DemoOrganization.TargetMonths)).ToList();
        var reports = months.Select(m => kpis.Compute(KpiPeriod.Month(m))).ToList();
        var targets = new List<TargetInput>();
        foreach (var assignment in structure.Kpis)
        {
            if (assignment.Unit is null || KpiCatalog.Find(assignment.Kpi) is not { Source: KpiSource.Store } definition)
            {
                continue;
            }

            for (var i = 1; i < months.Count; i++)
            {
                if (reports[i - 1][definition.Id].Value is { } previous && previous > 0)
                {
                    var planned = (double)previous * DemoOrganization.TargetFactor(definition.Id, definition.Direction == KpiDirection.HigherIsBetter);
                    var rounded = Math.Round(planned, definition.Unit is KpiUnit.Count ? 0 : definition.Unit is KpiUnit.Ratio ? 4 : 2);
                    targets.Add(new TargetInput(definition.Id, assignment.Unit, Period.Of(months[i]).ToString(), rounded));
                }
            }
        }

        var result = organization.SetTargets(targets, KpiCatalog.All.Select(k => k.Id));
        if (!result.IsValid)
        {
            throw new InvalidOperationException("the demo targets are invalid: " + string.Join("; ", result.Problems));
        }
    }

    /// <summary>
    /// Imports the demo's people, squads and campaigns (<see cref="DemoCampaigns"/>) through the campaign store, when the
    /// stored structure is the demo's (its units own the campaigns). Returns whether it did.
    /// </summary>
    private bool ApplyCampaigns(DemoWorkspace workspace)
    {
        if (new OrgStore(store).Structure()?.Name != DemoOrganization.Name)
        {
            return false;
        }

        var result = new CampaignStore(store).Import(new CampaignBundle(workspace.People, workspace.Squads, workspace.Campaigns));
        if (!result.Saved)
        {
            throw new DemoRefusedException(result.Problems);
        }

        return true;
    }

    /// <summary>
    /// Removes the people, squads and campaigns of the loaded demo's workspace, rebuilt from its stored ground truth (the
    /// workspace is deterministic from it); a truth written before the workspace existed has none.
    /// </summary>
    private void RemoveWorkspace(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction)
    {
        // The workspace was imported only under the demo's structure (ApplyCampaigns); under a structure of the user's own
        // the same ids are theirs.
        if (new OrgStore(store).Structure()?.Name != DemoOrganization.Name)
        {
            return;
        }

        var json = connection.ExecuteScalar<string?>("SELECT truth FROM demo_ground_truth WHERE id = 1", transaction: transaction);
        if (json is null || JsonSerializer.Deserialize<DemoGroundTruth>(json, Json) is not { LiveDays: not null, Referrals: not null } truth)
        {
            return;
        }

        var workspace = DemoCampaigns.Build(truth);
        foreach (var (table, ids) in new[]
                 {
                     ("squads", workspace.Squads.Select(s => s.Id)),
                     ("campaigns", workspace.Campaigns.Select(c => c.Id)),
                     ("people", workspace.People.Select(p => p.Id)),
                 })
        {
            connection.Execute("DELETE FROM " + table + " WHERE id IN @ids", new { ids = ids.ToArray() }, transaction);
        }
    }

    private long RemoveDemo(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction, bool workspace = true)
    {
        if (workspace)
        {
            RemoveWorkspace(connection, transaction);
        }

        long removed = 0;
        foreach (var table in FactTables.All)
        {
            removed += connection.Execute(
                $"DELETE FROM {table.Table} WHERE batch_id IN (SELECT id FROM import_batches WHERE is_demo = 1)", transaction: transaction);
        }

        connection.Execute("DELETE FROM import_batches WHERE is_demo = 1", transaction: transaction);
        connection.Execute("DELETE FROM demo_ground_truth", transaction: transaction);
        connection.Execute(
            """
            DELETE FROM channels WHERE id NOT IN (SELECT channel_id FROM spend UNION SELECT channel_id FROM touchpoints
                                                  UNION SELECT channel_id FROM costs WHERE channel_id IS NOT NULL)
            """,
            transaction: transaction);
        return removed;
    }

    private sealed class Sink(Dictionary<Type, (FactWriter Writer, long BatchId, string Kind)> writers, Dictionary<string, long> counts, IProgress<long>? progress)
        : IDemoSink
    {
        private long _total;

        public void Add(IFact fact)
        {
            var (writer, _, kind) = writers[fact.GetType()];
            if (writer.Write(fact) == WriteOutcome.Added)
            {
                counts[kind] = counts.GetValueOrDefault(kind) + 1;
            }

            if (++_total % 100_000 == 0)
            {
                progress?.Report(_total);
            }
        }
    }
}

/// <summary>
/// The demo was not loaded and nothing changed: its people, squads and campaigns clash with the workspace's. Carries
/// <see cref="StorageCodes.DemoClashes"/> with the <c>count</c> of problems, and the problems themselves.
/// </summary>
public sealed class DemoRefusedException : InvalidOperationException, ICodedMessage
{
    /// <summary>Creates the refusal from the bundle import's problems.</summary>
    public DemoRefusedException(IReadOnlyList<Problem> problems)
        : base(StorageCodes.DemoClashes + ": " + string.Join("; ", problems.Take(5)))
    {
        Problems = problems;
        Args = MessageArgs.Of(("count", problems.Count));
    }

    /// <summary><see cref="StorageCodes.DemoClashes"/>.</summary>
    public string Code => StorageCodes.DemoClashes;

    /// <summary>The number of problems.</summary>
    public MessageArgs Args { get; }

    /// <summary>The problems of the bundle import (paths in the demo's bundle).</summary>
    public IReadOnlyList<Problem> Problems { get; }
}
