using System.Globalization;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Core.Demo;
using Mercato.Core.Kpis;
using Mercato.Core.Measurement;
using Mercato.Storage.Demo;
using Mercato.Storage.Import;
using Mercato.Storage.Relational;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Copy;

/// <summary>
/// A whole workspace copied from one store into an empty one of the other provider holds the same rows, ids and versions,
/// and every port answers the same; a target that holds anything is refused untouched.
/// </summary>
public sealed class StoreCopyTests : IAsyncLifetime
{
    private static readonly DemoOptions Small = new(42, DemoScale.Small, new YearMonth(2026, 3));
    private readonly TempDir _dir = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero));
    private TestStore _sqlite = null!;
    private TestStore _postgres = null!;

    public async ValueTask InitializeAsync()
    {
        TestPostgres.Require();
        _sqlite = await TestStore.OpenAsync(StoreProvider.Sqlite, _dir.File("sqlite"), _clock);
        _postgres = await TestStore.OpenAsync(StoreProvider.Postgres, _dir.File("postgres"), _clock);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task Copy_SqliteIntoPostgres_KeepsEveryRowIdAndVersion_AndTheReportsAgree() =>
        await AssertCopies(_sqlite, _postgres);

    [Fact]
    public async Task Copy_PostgresIntoSqlite_KeepsEveryRowIdAndVersion_AndTheReportsAgree() =>
        await AssertCopies(_postgres, _sqlite);

    [Fact]
    public async Task Copy_IntoAStoreHoldingADocument_IsRefused_AndChangesNothing()
    {
        await Fill(_sqlite);
        await _postgres.Inner.Documents.CommitAsync([DocumentChange.Put(WorkspaceSettings.Document, new WorkspaceSettings("Asia/Shanghai"))], new NamedUser("me"), default);

        var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() => StoreCopy.CopyAsync(_sqlite.Inner, _postgres.Inner, null, default));

        Assert.Equal(StoreCodes.TargetNotEmpty, refused.Code);
        Assert.True(await _postgres.Inner.Catalog.IsEmptyAsync(default));
        Assert.Single(await _postgres.Inner.Documents.ListAsync(WorkspaceSettings.Document.Collection, default));
    }

    [Fact]
    public async Task Copy_ThenImport_TheTargetGoesOnWithNewIds()
    {
        await Fill(_sqlite);
        await StoreCopy.CopyAsync(_sqlite.Inner, _postgres.Inner, null, default);
        var batches = (await _postgres.Inner.Catalog.BatchesAsync(1000, null, default)).Max(b => b.Id);

        var result = await new FactImporter(_postgres.Inner.Sink).ImportAsync(new ImportRequest(DataKinds.Spend, "new.csv", new FileFormat(DataFormat.Csv, false),
            () => new MemoryStream("date,channel,spend\n2026-05-01,brand_new_channel,5\n"u8.ToArray())));

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.True(result.BatchId > batches);
        Assert.Contains(await _postgres.Inner.Catalog.ChannelsAsync(default), c => c.Name == "brand_new_channel");
        var copied = (await _postgres.Inner.Audit.QueryAsync(new Mercato.Core.Access.AuditQuery(), default)).Max(e => e.Id);
        await _postgres.Inner.Audit.AppendAsync("me", Mercato.Core.Access.WriteOrigin.Cli, "import", "spend", result.BatchId.ToString(CultureInfo.InvariantCulture), default);
        Assert.True((await _postgres.Inner.Audit.QueryAsync(new Mercato.Core.Access.AuditQuery(Limit: 1), default))[0].Id > copied);
    }

    private async Task AssertCopies(TestStore from, TestStore to)
    {
        await Fill(from);
        var progress = new List<CopyProgress>();

        var result = await StoreCopy.CopyAsync(from.Inner, to.Inner, new Collector(progress), default);

        foreach (var (table, columns) in StoreCopy.Tables)
        {
            var order = table == "documents" ? "collection, id" : columns[0];
            Assert.Equal(Dump(from, table, columns, order), Dump(to, table, columns, order));
        }

        Assert.Equal(StoreCopy.Tables.Select(t => t.Table), result.Tables.Select(t => t.Table));
        Assert.Equal(["2026-03-01|9", "2026-03-01|10"], Dump(to, "spend", ["day", "hour"], "hour").Where(r => !r.EndsWith('∅')));
        Assert.Contains(progress, p => p.Table == "touchpoints" && p.Rows == p.Total && p.Total > 10_000);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        Assert.Equal(await from.Inner.Catalog.DataVersionAsync(default), await to.Inner.Catalog.DataVersionAsync(default));
        Assert.Equal((await from.Inner.Catalog.SourcesAsync(zone, default)).Kinds, (await to.Inner.Catalog.SourcesAsync(zone, default)).Kinds);
        Assert.Equal(await from.Inner.Catalog.ChannelsAsync(default), await to.Inner.Catalog.ChannelsAsync(default));
        Assert.Equal(Paths(await from.Inner.Journeys.PathsAsync(new JourneyQuery(), true, default)), Paths(await to.Inner.Journeys.PathsAsync(new JourneyQuery(), true, default)));
        var month = new[] { KpiPeriod.Month(new YearMonth(2026, 2)) };
        Assert.Equal(
            KpiCalculator.Compute((await from.Inner.Kpis.FiguresAsync(month, zone, default))[0]).Kpis.Select(k => (k.Id, k.Value)),
            KpiCalculator.Compute((await to.Inner.Kpis.FiguresAsync(month, zone, default))[0]).Kpis.Select(k => (k.Id, k.Value)));
        Assert.Equal(await from.Inner.Documents.ValuesAsync(CampaignDocuments.Campaigns, default), await to.Inner.Documents.ValuesAsync(CampaignDocuments.Campaigns, default));
    }

    /// <summary>The small demo's facts and workspace, an import rejected with its errors, a settings document at version 2.</summary>
    private static async Task Fill(TestStore store)
    {
        var demo = await DemoFacts.LoadAsync(store.Inner.Sink, Small, null, default);
        var documents = store.Inner.Documents;
        await documents.CommitAsync(
            [
                .. demo.Workspace.People.Select(p => DocumentChange.Put(CampaignDocuments.People, p)),
                .. demo.Workspace.Squads.Select(s => DocumentChange.Put(CampaignDocuments.Squads, s)),
                .. demo.Workspace.Campaigns.Select(c => DocumentChange.Put(CampaignDocuments.Campaigns, c)),
                DocumentChange.Put(WorkspaceSettings.Document, new WorkspaceSettings("UTC")),
            ],
            new NamedUser("demo"), default);
        await documents.CommitAsync([DocumentChange.Put(WorkspaceSettings.Document, new WorkspaceSettings("Asia/Shanghai"), expectedVersion: 1)], new NamedUser("cmo"), default);
        var rejected = await new FactImporter(store.Inner.Sink).ImportAsync(new ImportRequest(DataKinds.Spend, "bad.csv", new FileFormat(DataFormat.Csv, false),
            () => new MemoryStream("date,channel,spend\n2026-03-01,search,oops\n"u8.ToArray())));
        Assert.Equal(ImportStatus.Rejected, rejected.Status);
        var hourly = await new FactImporter(store.Inner.Sink).ImportAsync(new ImportRequest(DataKinds.Spend, "hourly.csv", new FileFormat(DataFormat.Csv, false),
            () => new MemoryStream("timestamp,channel,spend\n2026-03-01T09:00:00Z,search,5\n2026-03-01T10:00:00Z,search,6\n"u8.ToArray())) { Context = ParseContext.Utc });
        Assert.Equal((ImportStatus.Committed, 2L), (hourly.Status, hourly.Added));
    }

    private static List<string> Dump(TestStore store, string table, IReadOnlyList<string> columns, string order)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns)} FROM {table} ORDER BY {order}";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i =>
                reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    private static List<string> Paths(JourneyPaths paths) =>
        [.. paths.Paths.Select(p => string.Join(">", p.Touches) + "|" + p.Conversions + "|" + p.Revenue + "|" + p.NonConversions).Order(StringComparer.Ordinal),
         "none|" + paths.ConversionsWithoutTouches + "|" + paths.RevenueWithoutTouches];

    private sealed class Collector(List<CopyProgress> seen) : IProgress<CopyProgress>
    {
        public void Report(CopyProgress value) => seen.Add(value);
    }
}
