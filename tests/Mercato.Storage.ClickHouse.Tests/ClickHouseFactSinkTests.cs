using Mercato.Core.DataCenter;
using Mercato.Storage.ClickHouse.Tests.Support;

namespace Mercato.Storage.ClickHouse.Tests;

/// <summary>The fact sink's promises on ClickHouse: counts, exact reads before merges, re-imports, aborts and crashes.</summary>
[Collection("clickhouse")]
public sealed class ClickHouseFactSinkTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 10, 9, 0, 0, TimeSpan.Zero);

    private static Touchpoint Touch(string id, string user, int minutes, string channel = "search", string? campaign = null) =>
        new(id, user, T0.AddMinutes(minutes), channel, campaign, TouchpointType.Click, null);

    private static async Task<WriteCounts> ImportAsync(ClickHouseFactStore store, DataKind kind, params IFact[] facts)
    {
        await using var session = await store.Sink.BeginAsync([new BatchStart(kind, "test.csv", "csv")], new FactSessionOptions(), default);
        foreach (var fact in facts)
        {
            session.Write(fact);
        }

        var counts = (await session.FlushAsync(default))[0];
        await session.CommitAsync([new BatchEnd(ImportStatus.Committed, facts.Length, counts.Added, counts.Updated, counts.Unchanged, 0, null, [], [])], null, default);
        return counts;
    }

    private static async Task<long> ScalarAsync(ClickHouseFactStore store, string sql) =>
        long.Parse((await store.Client.QueryAsync(sql, default)).Single()[0]!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Rows held as the readers see them: the last version of each key.</summary>
    private static Task<long> HeldAsync(ClickHouseFactStore store, string table) =>
        ScalarAsync(store, "SELECT count() FROM (SELECT key FROM " + table + " GROUP BY key)");

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task SameKeyInTwoInserts_CountsOnce_WithoutOptimize(Layout layout)
    {
        await using var db = await ClickHouseFixture.CreateAsync(layout);
        var store = db.Facts;
        Assert.Equal(new WriteCounts(2, 0, 0, Ms(0), Ms(5)), await ImportAsync(store, DataKinds.Touchpoints, Touch("a", "u1", 0), Touch("b", "u2", 5)));
        // The same key again with another channel and another time (both in the sorting key): a second part.
        var second = await ImportAsync(store, DataKinds.Touchpoints, Touch("a", "u1", 30, "social"));
        Assert.Equal(new WriteCounts(0, 1, 0, Ms(30), Ms(30)), second);

        Assert.Equal(3, await ScalarAsync(store, "SELECT count() FROM touchpoints"));
        Assert.Equal(2, await HeldAsync(store, "touchpoints"));
        var paths = await store.Journeys.PathsAsync(new Core.Measurement.JourneyQuery(), false, default);
        Assert.Equal(["social"], paths.Paths.Single(p => p.NonConversions == 1 && p.Touches.Contains("social")).Touches);
        Assert.Equal(2, paths.Paths.Sum(p => p.NonConversions));
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task SchemaOneDatabase_IsMarkedOnOpen_AndReadsEachKeyOnce(Layout layout)
    {
        await using var db = await ClickHouseFixture.CreateAsync(layout);
        var store = db.Facts;
        await ImportAsync(store, DataKinds.Touchpoints, Touch("a", "u1", 0), Touch("b", "u2", 5));
        await ImportAsync(store, DataKinds.Touchpoints, Touch("a", "u1", 30, "social"));
        // Back to schema 1 as a database written before the marker: no restates column, two unmarked rows of key a.
        foreach (var node in store.Client.Nodes)
        {
            foreach (var kind in ClickHouseSchema.Kinds)
            {
                foreach (var table in store.IsCluster ? [kind.Name + "_local", kind.Name] : new[] { kind.Name })
                {
                    await store.Client.ExecuteAsync("ALTER TABLE " + table + " DROP COLUMN restates", default, node);
                }
            }

            await store.Client.ExecuteAsync("DROP TABLE schema_version", default, node);
            await store.Client.ExecuteAsync(ClickHouseSchema.CreateVersion, default, node);
            await store.Client.ExecuteAsync("INSERT INTO schema_version VALUES (1, 'before')", default, node);
        }

        await using var reopened = await db.ReopenAsync();
        Assert.True((await reopened.CheckHealthAsync(default)).Healthy);
        var paths = await reopened.Journeys.PathsAsync(new Core.Measurement.JourneyQuery(), false, default);
        Assert.Equal(2, paths.Paths.Sum(p => p.NonConversions));
        Assert.Equal(["social"], paths.Paths.Single(p => p.Touches.Contains("social")).Touches);
        Assert.Equal(2, await HeldAsync(reopened, "touchpoints"));
        // A restatement after the migration is marked as any other.
        Assert.Equal(1, (await ImportAsync(reopened, DataKinds.Touchpoints, Touch("b", "u2", 5, "email"))).Updated);
        paths = await reopened.Journeys.PathsAsync(new Core.Measurement.JourneyQuery(), false, default);
        Assert.Equal(2, paths.Paths.Sum(p => p.NonConversions));
        Assert.Contains(paths.Paths, p => p.Touches.SequenceEqual(["email"]));
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task RestatedRows_InManyJourneyPasses_CountOnceInTheirUsersPass(Layout layout)
    {
        await using var db = await ClickHouseFixture.CreateAsync(layout);
        var store = db.Facts;
        var users = Enumerable.Range(0, 8).Select(i => "u" + i).ToList();
        await ImportAsync(store, DataKinds.Touchpoints, [.. users.Select((u, i) => (IFact)Touch("t" + i, u, i))]);
        await ImportAsync(store, DataKinds.Conversions, [.. users.Take(5).Select((u, i) => (IFact)new Conversion("c" + i, u, T0.AddMinutes(60 + i), 10m * (i + 1), null))]);
        // Restated: marked rows, read whole in every pass and kept in their user's pass only.
        await ImportAsync(store, DataKinds.Touchpoints, [.. users.Select((u, i) => (IFact)Touch("t" + i, u, i, i % 2 == 0 ? "social" : "email"))]);
        await ImportAsync(store, DataKinds.Conversions, [.. users.Take(5).Select((u, i) => (IFact)new Conversion("c" + i, u, T0.AddMinutes(60 + i), 7m * (i + 1), 1m))]);

        static string Flat(Core.Measurement.JourneyPaths paths) => string.Join(";", paths.Paths.Select(p =>
            string.Join(">", p.Touches) + ":" + p.Conversions + ":" + p.Revenue.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + p.NonConversions))
            + "; without touches " + paths.ConversionsWithoutTouches;
        var onePass = Flat(await store.Journeys.PathsAsync(new Core.Measurement.JourneyQuery(), false, default));
        Assert.Equal("email:2:42:2;social:3:63:1; without touches 0", onePass);
        using var limit = new JourneyPassLimit(3); // 26 rows: about nine buckets of users on one node
        Assert.Equal(onePass, Flat(await store.Journeys.PathsAsync(new Core.Measurement.JourneyQuery(), false, default)));
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task ValueRestatedAsNull_ReadsNull_NotTheOlderValue(Layout layout)
    {
        // argMax skips null values: a reader built on argMax(campaign, version) would still see "spring" here.
        await using var db = await ClickHouseFixture.CreateAsync(layout);
        var store = db.Facts;
        await ImportAsync(store, DataKinds.Touchpoints, Touch("a", "u1", 0, "search", "spring"), Touch("b", "u2", 5, "search", null));
        Assert.Equal(new WriteCounts(0, 2, 0, Ms(0), Ms(5)),
            await ImportAsync(store, DataKinds.Touchpoints, Touch("a", "u1", 0, "search", null), Touch("b", "u2", 5, "search", "autumn")));
        await ImportAsync(store, DataKinds.Conversions, new Conversion("c1", "u1", T0.AddMinutes(10), 100m, 40m));
        Assert.Equal(1, (await ImportAsync(store, DataKinds.Conversions, new Conversion("c1", "u1", T0.AddMinutes(10), 100m, null))).Updated);

        var paths = await store.Journeys.PathsAsync(new Core.Measurement.JourneyQuery(Label: Core.Measurement.JourneyLabel.Campaign), false, default);
        var converting = paths.Paths.ToList().FindIndex(p => p.Conversions == 1);
        Assert.Equal([Core.Measurement.JourneyLabels.NoCampaign], paths.Paths[converting].Touches);
        Assert.Equal(100m, paths.Paths[converting].Revenue);
        Assert.Equal(0m, paths.ProductCosts[converting]);
        Assert.Equal(["autumn"], paths.Paths.Single(p => p.NonConversions == 1).Touches);
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task WriteByBatchIndex_GoesToThatBatch_AndTwoBatchesOfOneKindAreRefused(Layout layout)
    {
        await using var db = await ClickHouseFixture.CreateAsync(layout);
        var store = db.Facts;
        await using (var session = await store.Sink.BeginAsync(
            [new BatchStart(DataKinds.Spend, "s.csv", "csv"), new BatchStart(DataKinds.Touchpoints, "t.csv", "csv")], new FactSessionOptions(), default))
        {
            session.Write(1, Touch("a", "u1", 0));
            Assert.Throws<ArgumentException>(() => session.Write(0, Touch("b", "u2", 1)));
            var counts = await session.FlushAsync(default);
            Assert.Equal((0L, 1L), (counts[0].Added, counts[1].Added));
            await session.CommitAsync(
                [.. counts.Select(c => new BatchEnd(ImportStatus.Committed, c.Added, c.Added, 0, 0, 0, null, [], []))], null, default);
        }

        Assert.Equal(1, await HeldAsync(store, "touchpoints"));
        var batches = await ScalarAsync(store, "SELECT count() FROM batches");
        await Assert.ThrowsAsync<NotSupportedException>(() => store.Sink.BeginAsync(
            [new BatchStart(DataKinds.Touchpoints, "a.csv", "csv"), new BatchStart(DataKinds.Touchpoints, "b.csv", "csv")], new FactSessionOptions(), default));
        Assert.Equal(batches, await ScalarAsync(store, "SELECT count() FROM batches"));
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task ReImport_AddsNothing_AndCountsUnchanged(Layout layout)
    {
        await using var db = await ClickHouseFixture.CreateAsync(layout);
        var facts = Enumerable.Range(0, 500).Select(i => (IFact)Touch("t" + i, "user" + (i % 37), i)).ToArray();
        Assert.Equal(500, (await ImportAsync(db.Facts, DataKinds.Touchpoints, facts)).Added);
        var again = await ImportAsync(db.Facts, DataKinds.Touchpoints, facts);
        Assert.Equal(new WriteCounts(0, 0, 500, null, null), again);
        Assert.Equal(500, await ScalarAsync(db.Facts, "SELECT count() FROM touchpoints"));
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task RowsOfOneKeyInOneSession_CountAsTheEmbeddedStoreCountsThem(Layout layout)
    {
        await using var db = await ClickHouseFixture.CreateAsync(layout);
        await ImportAsync(db.Facts, DataKinds.Conversions, new Conversion("o1", "u1", T0, 10m, null));
        // o1: the same (unchanged), then different (updated), then the same as before it (unchanged);
        // o2: new (added), then different (updated). Nulls equal nulls.
        var counts = await ImportAsync(db.Facts, DataKinds.Conversions,
            new Conversion("o1", "u1", T0, 10m, null),
            new Conversion("o1", "u1", T0, 12.5m, null),
            new Conversion("o1", "u1", T0, 12.5m, null),
            new Conversion("o2", "u2", T0.AddDays(1), 1m, 0.25m),
            new Conversion("o2", "u2", T0.AddDays(1), 1m, 0.5m));
        Assert.Equal(new WriteCounts(1, 2, 2, Ms(0), Ms(24 * 60)), counts);
        var outcomes = await db.Facts.Money.DailyOutcomesAsync(default);
        Assert.Equal([12.5m, 1m], outcomes.Select(o => o.Revenue));
        Assert.Equal([0m, 0.5m], outcomes.Select(o => o.ProductCost));
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task Abort_LeavesNoRowAndNoStaging_AndRecordsTheEnd(Layout layout)
    {
        await using var db = await ClickHouseFixture.CreateAsync(layout);
        long id;
        await using (var session = await db.Facts.Sink.BeginAsync([new BatchStart(DataKinds.Touchpoints, "bad.csv", "csv")], new FactSessionOptions(), default))
        {
            id = session.BatchIds[0];
            session.Write(Touch("a", "u1", 0));
            await session.FlushAsync(default);
            await session.AbortAsync([new BatchEnd(ImportStatus.Rejected, 1, 0, 0, 0, 1, new Mercato.Core.Common.Message("import_rejected"), [], [])], default);
        }

        Assert.Equal(0, await ScalarAsync(db.Facts, "SELECT count() FROM touchpoints"));
        Assert.Equal(0, await StagingTablesAsync(db.Facts));
        Assert.Equal("rejected", await StatusAsync(db.Facts, id));
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task DryRun_CountsButRecordsNothing(Layout layout)
    {
        await using var db = await ClickHouseFixture.CreateAsync(layout);
        await ImportAsync(db.Facts, DataKinds.Touchpoints, Touch("a", "u1", 0));
        await using (var session = await db.Facts.Sink.BeginAsync([new BatchStart(DataKinds.Touchpoints, "x.csv", "csv")], new FactSessionOptions(DryRun: true), default))
        {
            Assert.Equal([0L], session.BatchIds);
            session.Write(Touch("a", "u1", 0));
            session.Write(Touch("b", "u1", 1));
            Assert.Equal(new WriteCounts(1, 0, 1, Ms(1), Ms(1)), (await session.FlushAsync(default))[0]);
            await session.CommitAsync([new BatchEnd(ImportStatus.Committed, 2, 1, 0, 1, 0, null, [], [])], null, default);
        }

        Assert.Equal(1, await ScalarAsync(db.Facts, "SELECT count() FROM touchpoints"));
        Assert.Equal(1, await ScalarAsync(db.Facts, "SELECT uniqExact(id) FROM batches"));
        Assert.Equal(0, await StagingTablesAsync(db.Facts));
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task CrashBeforeCommit_NextOpenDropsTheStaging_AndMarksTheBatchInterrupted(Layout layout)
    {
        await using var db = await ClickHouseFixture.CreateAsync(layout);
        var (id, _) = await CrashAsync(db, commitBegun: false);

        await using var reopened = await db.ReopenAsync();
        Assert.Equal(0, await StagingTablesAsync(reopened));
        Assert.Equal(0, await ScalarAsync(reopened, "SELECT count() FROM touchpoints"));
        Assert.Equal("interrupted", await StatusAsync(reopened, id));
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task CrashDuringCommit_NextOpenFinishesTheMove(Layout layout)
    {
        await using var db = await ClickHouseFixture.CreateAsync(layout);
        var (id, rows) = await CrashAsync(db, commitBegun: true);

        await using var reopened = await db.ReopenAsync();
        Assert.Equal(0, await StagingTablesAsync(reopened));
        Assert.Equal(rows, await HeldAsync(reopened, "touchpoints"));
        Assert.Equal("committed", await StatusAsync(reopened, id));
        // Opening once more changes nothing.
        await using var third = await db.ReopenAsync();
        Assert.Equal(rows, await ScalarAsync(third, "SELECT count() FROM touchpoints"));
    }

    [Fact]
    public async Task CrashBeforeTheStagingExists_NextOpenMarksTheBatchInterrupted()
    {
        await using var db = await ClickHouseFixture.CreateAsync(Layout.Node);
        var sink = (ClickHouseFactSink)db.Facts.Sink;
        var id = db.Facts.NewStamp();
        await sink.WriteBatchAsync(id, 1, new BatchStart(DataKinds.Touchpoints, "early.csv", "csv"), "2025-03-01T12:00:00.000Z", null, null, null, 0, default);
        await db.Facts.Client.ExecuteAsync("ALTER TABLE batches UPDATE pid = 2147483000 WHERE id = " + ClickHouseSql.Literal(id), default);
        await WaitForMutationsAsync(db.Facts);

        await using var reopened = await db.ReopenAsync();
        Assert.Equal("interrupted", await StatusAsync(reopened, id));
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task AnotherLiveProcessesStaging_IsLeftAlone(Layout layout)
    {
        await using var db = await ClickHouseFixture.CreateAsync(layout);
        await using var session = await db.Facts.Sink.BeginAsync([new BatchStart(DataKinds.Touchpoints, "live.csv", "csv")], new FactSessionOptions(), default);
        session.Write(Touch("a", "u1", 0));
        await session.FlushAsync(default);

        await using var reopened = await db.ReopenAsync();
        Assert.True(await StagingTablesAsync(reopened) > 0);
        Assert.Equal("running", await StatusAsync(reopened, session.BatchIds[0]));
    }

    /// <summary>
    /// Leaves what a process killed mid-import leaves: a staging table with rows and the batch running (or committing,
    /// with its counts and version recorded), under a process id that no longer runs.
    /// </summary>
    private static async Task<(long Id, long Rows)> CrashAsync(ClickHouseFixture db, bool commitBegun)
    {
        var session = await db.Facts.Sink.BeginAsync([new BatchStart(DataKinds.Touchpoints, "crash.csv", "csv")], new FactSessionOptions(), default);
        var id = session.BatchIds[0];
        for (var i = 0; i < 300; i++)
        {
            session.Write(Touch("c" + i, "user" + (i % 11), i));
        }

        var counts = (await session.FlushAsync(default))[0];
        if (commitBegun)
        {
            var sink = (ClickHouseFactSink)db.Facts.Sink;
            await sink.WriteBatchAsync(id, 2, new BatchStart(DataKinds.Touchpoints, "crash.csv", "csv"), "2025-03-01T12:00:00.000Z",
                new BatchEnd(ImportStatus.Committed, 300, counts.Added, 0, 0, 0, null, [], []), counts, null, db.Facts.NewStamp(), default);
        }

        // The process "dies": its batch rows name a process id that runs nowhere, and the session is never ended.
        await db.Facts.Client.ExecuteAsync(
            "INSERT INTO batches SELECT id, version, kind, source, format, started_at, finished_at, status, is_demo, host, 2147483000, rows_read, rows_added,"
            + " rows_updated, rows_unchanged, rows_rejected, first_ts, last_ts, commit_version, message, warnings, errors FROM batches WHERE id = "
            + ClickHouseSql.Literal(id), default);
        await db.Facts.Client.ExecuteAsync("ALTER TABLE batches DELETE WHERE pid <> 2147483000", default);
        await WaitForMutationsAsync(db.Facts);
        GC.KeepAlive(session);
        return (id, counts.Added);
    }

    private static async Task WaitForMutationsAsync(ClickHouseFactStore store)
    {
        for (var i = 0; i < 100 && await ScalarAsync(store, "SELECT count() FROM system.mutations WHERE database = currentDatabase() AND is_done = 0") > 0; i++)
        {
            await Task.Delay(100);
        }
    }

    private static async Task<long> StagingTablesAsync(ClickHouseFactStore store)
    {
        long total = 0;
        foreach (var node in store.Client.Nodes)
        {
            total += long.Parse((await store.Client.QueryAsync(
                "SELECT count() FROM system.tables WHERE database = currentDatabase() AND name LIKE 'staging%'", default, node)).Single()[0]!,
                System.Globalization.CultureInfo.InvariantCulture);
        }

        return total;
    }

    private static async Task<string> StatusAsync(ClickHouseFactStore store, long id) =>
        (await store.Client.QueryAsync("SELECT argMax(status, version) FROM batches WHERE id = " + ClickHouseSql.Literal(id), default)).Single()[0]!;

    private static long Ms(int minutes) => T0.AddMinutes(minutes).ToUnixTimeMilliseconds();
}
