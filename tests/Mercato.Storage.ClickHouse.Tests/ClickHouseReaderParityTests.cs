using System.Globalization;
using System.Text.Json;
using Mercato.Core.Common;
using Mercato.Core.DataCenter;
using Mercato.Core.Demo;
using Mercato.Core.Kpis;
using Mercato.Core.Measurement.Funnels;
using Mercato.Storage.ClickHouse.Tests.Support;
using Mercato.Storage.Demo;
using Mercato.Storage.Sqlite;
using Mercato.Testing;

namespace Mercato.Storage.ClickHouse.Tests;

/// <summary>
/// The catalog, demo, cohort, funnel and KPI readers over ClickHouse give what the embedded store gives for the small
/// demo (seed 7), on one node and on the two-shard cluster; plus an empty store, and a key written in two inserts.
/// </summary>
[Collection("clickhouse")]
public sealed class ClickHouseReaderParityTests(DemoInBoth loaded) : IClassFixture<DemoInBoth>
{
    private static readonly DemoOptions Small = new(7, DemoScale.Small, new YearMonth(2025, 2));

    private static readonly TimeZoneInfo[] Zones =
        [TimeZoneInfo.Utc, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")];

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task Catalog_EqualsTheEmbeddedStores(Layout layout)
    {
        var both = await loaded.GetAsync(layout);
        var (expected, actual) = (both.Sqlite.Catalog, both.ClickHouse.Facts.Catalog);
        Assert.False(await expected.IsEmptyAsync(default));
        Assert.False(await actual.IsEmptyAsync(default));
        // The version counts committed batches and names the largest id; ids differ between the stores.
        var expectedBatches = await expected.BatchesAsync(1000, null, default);
        Assert.Equal(Count(await expected.DataVersionAsync(default)), Count(await actual.DataVersionAsync(default)));
        var newest = (await actual.BatchesAsync(1, null, default))[0].Id;
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"({expectedBatches.Count}, {newest})"), await actual.DataVersionAsync(default));
        // Per kind: the same kinds with the same number of committed batches.
        var expectedKinds = await expected.DataVersionsAsync(default);
        Assert.NotEmpty(expectedKinds);
        Assert.Equal(
            expectedKinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => (k.Key, Count(k.Value))),
            (await actual.DataVersionsAsync(default)).OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => (k.Key, Count(k.Value))));

        foreach (var zone in Zones)
        {
            var sources = await expected.SourcesAsync(zone, default);
            Assert.Contains(sources.Kinds, k => k.Rows > 0 && k.FirstDate is not null && k.LastImport is not null);
            Assert.Equal(Json(sources), Json(await actual.SourcesAsync(zone, default)));
        }

        var months = await expected.MonthlyRowsAsync(default);
        Assert.True(months.Count > 10, "the demo covers months");
        Assert.Equal(months, await actual.MonthlyRowsAsync(default));

        Assert.True(expectedBatches.Count > 3, "the demo records batches");
        var actualBatches = await actual.BatchesAsync(1000, null, default);
        Assert.Equal(Json(expectedBatches.Select(WithoutId)), Json(actualBatches.Select(WithoutId)));
        Assert.Equal(Json((await expected.BatchesAsync(2, "touchpoints", default)).Select(WithoutId)),
            Json((await actual.BatchesAsync(2, "touchpoints", default)).Select(WithoutId)));
        Assert.Empty(await actual.BatchesAsync(10, "no such kind", default));
        for (var i = 0; i < expectedBatches.Count; i++)
        {
            Assert.Equal(Json(WithoutId(expectedBatches[i])), Json(WithoutId((await actual.BatchAsync(actualBatches[i].Id, default))!)));
        }

        Assert.Null(await actual.BatchAsync(12345, default));

        var channels = await expected.ChannelsAsync(default);
        Assert.Contains(channels, c => c.Touchpoints > 0 && c.Spend > 0);
        Assert.Equal(channels, await actual.ChannelsAsync(default));
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task SetChannelGroup_ChangesTheCatalogAsTheEmbeddedStore(Layout layout)
    {
        await using var db = await ClickHouseFixture.CreateAsync(layout);
        await ImportAsync(db.Facts, DataKinds.Touchpoints, Touch("a", "u1", 0, "Newsletter"));
        Assert.Equal("", await db.Facts.CampaignFacts.ChannelGroupsSignatureAsync(default)); // in the group its name guesses
        Assert.True(await db.Facts.Catalog.SetChannelGroupAsync(" NEWSLETTER ", ChannelGroup.LiveStream, default));
        Assert.False(await db.Facts.Catalog.SetChannelGroupAsync("nobody", ChannelGroup.LiveStream, default));
        var channel = Assert.Single(await db.Facts.Catalog.ChannelsAsync(default));
        Assert.Equal(("Newsletter", ChannelGroup.LiveStream.Slug(), 1L), (channel.Name, channel.Group, channel.Touchpoints));
        Assert.Equal(channel.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":live_stream", await db.Facts.CampaignFacts.ChannelGroupsSignatureAsync(default));
        // The group is the document store's, which the embedded catalog reads too.
        Assert.Equal(ChannelGroup.LiveStream.Slug(), Assert.Single(await db.Documents.Catalog.ChannelsAsync(default)).Group);
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task Demo_IsLoadedTruthAndRemoval_EqualTheEmbeddedStores(Layout layout)
    {
        var dir = Path.Combine(Path.GetTempPath(), "mercato-clickhouse-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        await using var sqlite = SqliteStore.Open(dir, new FakeTimeProvider(ClickHouseFixture.Start));
        await DemoFacts.LoadAsync(sqlite.Sink, Small, null, default);
        // Its own document store: removing the demo removes the channels only the demo used from it.
        await using var db = await ClickHouseFixture.CreateAsync(layout);
        await DemoFacts.LoadAsync(db.Facts.Sink, Small, null, default);
        var (expected, actual) = (sqlite.Demo, db.Facts.Demo);

        Assert.True(await expected.IsLoadedAsync(default));
        Assert.True(await actual.IsLoadedAsync(default));
        var truth = await expected.GroundTruthJsonAsync(default);
        Assert.NotNull(truth);
        Assert.Equal(truth, await actual.GroundTruthJsonAsync(default));
        Assert.NotEmpty(await db.Documents.Catalog.ChannelsAsync(default));

        // Loading the demo again replaces it: the replaced batches leave the import history in both.
        var batches = (await sqlite.Catalog.BatchesAsync(100, null, default)).Count;
        await DemoFacts.LoadAsync(sqlite.Sink, Small, null, default);
        await DemoFacts.LoadAsync(db.Facts.Sink, Small, null, default);
        Assert.Equal(batches, (await sqlite.Catalog.BatchesAsync(100, null, default)).Count);
        Assert.Equal(Json((await sqlite.Catalog.BatchesAsync(100, null, default)).Select(WithoutId)),
            Json((await db.Facts.Catalog.BatchesAsync(100, null, default)).Select(WithoutId)));
        Assert.Equal(Count(await sqlite.Catalog.DataVersionAsync(default)), Count(await db.Facts.Catalog.DataVersionAsync(default)));
        Assert.Equal(Json(await sqlite.Catalog.SourcesAsync(Zones[1], default)), Json(await db.Facts.Catalog.SourcesAsync(Zones[1], default)));
        Assert.True(await actual.IsLoadedAsync(default));
        Assert.Equal(await expected.GroundTruthJsonAsync(default), await actual.GroundTruthJsonAsync(default));
        Assert.Equal(await sqlite.Catalog.ChannelsAsync(default), await db.Facts.Catalog.ChannelsAsync(default));

        var removed = await expected.RemoveAsync(default);
        Assert.True(removed > 1000, "the demo holds rows");
        Assert.Equal(removed, await actual.RemoveAsync(default));

        Assert.False(await actual.IsLoadedAsync(default));
        Assert.Null(await actual.GroundTruthJsonAsync(default));
        Assert.True(await db.Facts.Catalog.IsEmptyAsync(default));
        Assert.Empty(await db.Facts.Catalog.BatchesAsync(100, null, default));
        Assert.Equal(await sqlite.Catalog.DataVersionAsync(default), await db.Facts.Catalog.DataVersionAsync(default));
        Assert.Equal(await sqlite.Catalog.ChannelsAsync(default), await db.Facts.Catalog.ChannelsAsync(default));
        Assert.Equal(await sqlite.Catalog.MonthlyRowsAsync(default), await db.Facts.Catalog.MonthlyRowsAsync(default));
        Assert.Equal(0, await actual.RemoveAsync(default));
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task Cohorts_EqualTheEmbeddedStores(Layout layout)
    {
        var both = await loaded.GetAsync(layout);
        var noTouch = 0L;
        foreach (var lookback in new[] { 30, 7, 1 })
        {
            var expected = await both.Sqlite.Cohorts.CohortsAsync(lookback, default);
            var actual = await both.ClickHouse.Facts.Cohorts.CohortsAsync(lookback, default);
            Assert.True(expected.Sizes.Count > 3, "the demo gives cohorts");
            noTouch += expected.Sizes.Where(s => s.Channel == Core.Measurement.CohortLabels.NoTouch).Sum(s => s.Users);
            Assert.True(expected.Profits.Count > 10, "the demo gives profits");
            Assert.Equal(expected.Sizes, actual.Sizes);
            Assert.Equal(expected.Profits, actual.Profits);
        }

        Assert.True(noTouch > 0, "some first conversions have no touch in the lookback");
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task Funnels_EqualTheEmbeddedStores(Layout layout)
    {
        var both = await loaded.GetAsync(layout);
        var words = await both.Sqlite.Funnels.EventsAsync(default);
        Assert.Contains(words, w => w.Event == FunnelDefinition.ConversionEvent);
        Assert.True(words.Count > 3, "the demo has event words");
        Assert.Equal(words, await both.ClickHouse.Facts.Funnels.EventsAsync(default));

        var (first, last) = (words.Min(w => w.First), words.Max(w => w.Last));
        var frequent = words.OrderByDescending(w => w.Rows).ThenBy(w => w.Event, StringComparer.Ordinal).Select(w => w.Event).ToList();
        var reads = new[]
        {
            new FunnelRead([frequent[0], frequent[1], FunnelDefinition.ConversionEvent], frequent[0], 1, first, last + 1, 7 * 86_400_000L),
            new FunnelRead([frequent[1], FunnelDefinition.ConversionEvent], frequent[1], 2, first + ((last - first) / 3), last - ((last - first) / 3), 86_400_000L),
            new FunnelRead([FunnelDefinition.ConversionEvent, frequent[2]], FunnelDefinition.ConversionEvent, 1, first, last + 1, 30 * 86_400_000L),
        };
        foreach (var read in reads)
        {
            var expected = await UsersAsync(both.Sqlite.Funnels, read);
            Assert.True(expected.Count > 10, "users entered");
            Assert.Contains(expected, u => u.Contains("|g:", StringComparison.Ordinal) && !u.Contains("|g:-", StringComparison.Ordinal));
            Assert.Equal(expected, await UsersAsync(both.ClickHouse.Facts.Funnels, read));
        }
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task Kpis_EqualTheEmbeddedStores_InThreeZones(Layout layout)
    {
        var both = await loaded.GetAsync(layout);
        var months = await both.Sqlite.Catalog.MonthlyRowsAsync(default);
        var (first, last) = (MonthOf(months.Min(m => m.Month)!), MonthOf(months.Max(m => m.Month)!));
        var periods = new List<KpiPeriod> { KpiPeriod.Of(first.FirstDay, last.AddMonths(1).FirstDay.AddDays(-1)) };
        for (var month = first; month.CompareTo(last) <= 0; month = month.AddMonths(1))
        {
            periods.Add(KpiPeriod.Month(month));
        }

        // Days around Berlin's change to winter time, a week, and the same period twice.
        periods.Add(KpiPeriod.Of(new DateOnly(2024, 10, 26), new DateOnly(2024, 10, 28)));
        periods.Add(KpiPeriod.Of(new DateOnly(2024, 10, 27), new DateOnly(2024, 10, 27)));
        periods.Add(KpiPeriod.Of(new DateOnly(2025, 1, 6), new DateOnly(2025, 1, 12)));
        periods.Add(periods[1]);
        foreach (var zone in Zones)
        {
            var expected = await both.Sqlite.Kpis.FiguresAsync(periods, zone, default);
            Assert.All(new[] { expected[0].Activity, (object?)expected[0].Social, expected[0].AppStore, expected[0].Store, expected[0].Spend, expected[0].Conversions, expected[0].Mentions },
                Assert.NotNull);
            Assert.True(expected[0].Activity!.Cohorts.Count > 10, "the demo has new users");
            Assert.True(expected[0].Activity!.ContentPublished > 10, "the demo has content");
            var actual = await both.ClickHouse.Facts.Kpis.FiguresAsync(periods, zone, default);
            Assert.Equal(periods.Count, actual.Count);
            for (var i = 0; i < periods.Count; i++)
            {
                Assert.Equal(Json(expected[i]), Json(actual[i]));
            }
        }
    }

    [Theory]
    [InlineData(Layout.Node, "Europe/Berlin")]
    [InlineData(Layout.Node, "Asia/Shanghai")]
    [InlineData(Layout.Node, "Australia/Lord_Howe")]
    [InlineData(Layout.Cluster, "Europe/Berlin")]
    public async Task LocalDayNumber_EqualsTheClock_AroundEveryChange(Layout layout, string zoneId)
    {
        await using var db = await ClickHouseFixture.CreateAsync(layout);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var (from, to) = (new DateTimeOffset(2023, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds());
        var instants = new List<long>();
        for (var ms = from; ms <= to; ms += 26_013_917)
        {
            instants.Add(ms);
        }

        // Each side of every change of offset and of every local midnight: the clock's own pieces, found by stepping hours.
        for (var ms = from; ms < to; ms += 3_600_000)
        {
            var change = zone.GetUtcOffset(DateTimeOffset.FromUnixTimeMilliseconds(ms)) != zone.GetUtcOffset(DateTimeOffset.FromUnixTimeMilliseconds(ms + 3_600_000));
            if (change || LocalTime.DayOf(ms, zone) != LocalTime.DayOf(ms + 3_600_000, zone))
            {
                // Minutes around a change of offset, quarter hours around a midnight (Lord Howe's offsets end in :30).
                for (var edge = ms; edge <= ms + 3_600_000; edge += change ? 60_000 : 900_000)
                {
                    instants.AddRange([edge - 1, edge]);
                }
            }
        }

        var clock = new LocalDayClock(zone);
        var expected = instants.Select(i => i.ToString(CultureInfo.InvariantCulture) + " " + clock.DayNumber(i).ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.True(instants.Count > 2000, "instants on each side of the changes");
        var rows = await db.Facts.Client.QueryAsync(
            "SELECT t, " + ClickHouseReads.LocalDayNumber("t", zone, instants.Min(), instants.Max()) + " FROM (SELECT toInt64(arrayJoin([" + ClickHouseSql.List(instants) + "])) AS t)",
            default);
        Assert.Equal(expected, rows.Select(r => r[0] + " " + r[1]).ToList());
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task EmptyStore_ReadsAsAnEmptyEmbeddedStore(Layout layout)
    {
        await using var db = await ClickHouseFixture.CreateAsync(layout);
        var (expected, actual) = (db.Documents, db.Facts);
        Assert.True(await expected.Catalog.IsEmptyAsync(default));
        Assert.True(await actual.Catalog.IsEmptyAsync(default));
        Assert.Equal("(0, 0)", await actual.Catalog.DataVersionAsync(default));
        Assert.Equal(await expected.Catalog.DataVersionAsync(default), await actual.Catalog.DataVersionAsync(default));
        Assert.Equal(Json(await expected.Catalog.SourcesAsync(Zones[1], default)), Json(await actual.Catalog.SourcesAsync(Zones[1], default)));
        Assert.Empty(await actual.Catalog.MonthlyRowsAsync(default));
        Assert.Empty(await actual.Catalog.BatchesAsync(10, null, default));
        Assert.Empty(await actual.Catalog.ChannelsAsync(default));
        Assert.False(await actual.Demo.IsLoadedAsync(default));
        Assert.Null(await actual.Demo.GroundTruthJsonAsync(default));
        Assert.Equal(0, await actual.Demo.RemoveAsync(default));
        var cohorts = await actual.Cohorts.CohortsAsync(30, default);
        Assert.Empty(cohorts.Sizes);
        Assert.Empty(cohorts.Profits);
        Assert.Empty(await actual.Funnels.EventsAsync(default));
        Assert.Empty(await UsersAsync(actual.Funnels, new FunnelRead(["signup"], "signup", 1, 0, long.MaxValue / 2, 1000)));
        var period = new[] { KpiPeriod.Of(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31)) };
        Assert.Equal(Json(await expected.Kpis.FiguresAsync(period, Zones[2], default)), Json(await actual.Kpis.FiguresAsync(period, Zones[2], default)));
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task KeyWrittenInTwoInserts_CountsOnce(Layout layout)
    {
        var dir = Path.Combine(Path.GetTempPath(), "mercato-clickhouse-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        await using var sqlite = SqliteStore.Open(dir, new FakeTimeProvider(ClickHouseFixture.Start));
        await using var db = await ClickHouseFixture.CreateAsync(layout, sqlite);
        // The same touchpoint and conversion again, with another time (another month) and channel: a second part each.
        IFact[][] imports =
        [
            [Touch("t1", "u1", 0, "search"), Touch("t2", "u2", 10, "search")],
            [new Conversion("c1", "u1", T0.AddMinutes(60), 10m, 2m), new ActivityEvent("u1", T0, "signup", 30, "post-1")],
            [Touch("t1", "u1", 60 * 24 * 40, "social")],
            [new Conversion("c1", "u1", T0.AddDays(41), 25.5m, 1m), new ActivityEvent("u1", T0, "signup", 30, "post-1")],
            // Followers per account and day (spread over the shards by key), one day written again with other followers.
            [
                Social(2024, 12, 20, "weibo", "brand", 90), Social(2025, 1, 3, "weibo", "brand", 100), Social(2025, 1, 10, "weibo", "brand", null),
                Social(2025, 1, 20, "weibo", "brand", 150), Social(2025, 2, 2, "weibo", "brand", 160), Social(2025, 1, 12, "douyin", "brand", 7),
                Social(2025, 1, 25, "douyin", "brand", 9), Social(2024, 11, 1, "douyin", "old", 3), Social(2025, 3, 1, "weibo", "later", 5),
            ],
            [Social(2025, 1, 20, "weibo", "brand", 170), Social(2025, 1, 3, "weibo", "brand", null)],
            [
                Mention("m1", 5, "positive", 100, "召回"), Mention("m2", 6, "negative", null, "召回", "投诉"), Mention("m3", 7, "not_scored", 50),
                Mention("m4", 8, "negative", 10, "投诉"), Mention("m5", 60, "negative", 10, "投诉"),
            ],
            // m1 again, now negative with other terms and reach.
            [Mention("m1", 5, "negative", 30, "投诉")],
        ];
        foreach (var facts in imports)
        {
            foreach (var kind in facts.Select(f => FactKindOf(f)).Distinct())
            {
                await ImportAsync(sqlite, kind, [.. facts.Where(f => FactKindOf(f) == kind)]);
                await ImportAsync(db.Facts, kind, [.. facts.Where(f => FactKindOf(f) == kind)]);
            }
        }

        var sources = await db.Facts.Catalog.SourcesAsync(Zones[0], default);
        Assert.Equal(2, sources.Kinds.Single(k => k.Kind == "touchpoints").Rows);
        Assert.Equal(1, sources.Kinds.Single(k => k.Kind == "conversions").Rows);
        Assert.Equal(1, sources.Kinds.Single(k => k.Kind == "activity").Rows);
        Assert.Equal(Json(await sqlite.Catalog.SourcesAsync(Zones[0], default)), Json(sources));
        Assert.Equal([new MonthRows("touchpoints", "2025-01", 1), new MonthRows("touchpoints", "2025-02", 1)],
            (await db.Facts.Catalog.MonthlyRowsAsync(default)).Where(m => m.Kind == "touchpoints"));
        Assert.Equal(await sqlite.Catalog.MonthlyRowsAsync(default), await db.Facts.Catalog.MonthlyRowsAsync(default));
        var channels = await db.Facts.Catalog.ChannelsAsync(default);
        Assert.Equal([("search", 1L), ("social", 1L)], channels.Select(c => (c.Name, c.Touchpoints)).Order());
        Assert.Equal(await sqlite.Catalog.ChannelsAsync(default), channels);

        var cohorts = await db.Facts.Cohorts.CohortsAsync(30, default);
        Assert.Equal([new Core.Measurement.Cohorts.CohortSize(new YearMonth(2025, 2), "social", 1)], cohorts.Sizes);
        Assert.Equal(24.5m, Assert.Single(cohorts.Profits).GrossProfit);
        var expectedCohorts = await sqlite.Cohorts.CohortsAsync(30, default);
        Assert.Equal(expectedCohorts.Sizes, cohorts.Sizes);
        Assert.Equal(expectedCohorts.Profits, cohorts.Profits);

        Assert.Equal(await sqlite.Funnels.EventsAsync(default), await db.Facts.Funnels.EventsAsync(default));
        var read = new FunnelRead(["signup", FunnelDefinition.ConversionEvent], "signup", 1, T0.ToUnixTimeMilliseconds(), T0.AddDays(1).ToUnixTimeMilliseconds(), 60 * 86_400_000L);
        var users = await UsersAsync(db.Facts.Funnels, read);
        Assert.Single(users);
        Assert.Equal(await UsersAsync(sqlite.Funnels, read), users);

        var periods = new[] { KpiPeriod.Of(new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31)), KpiPeriod.Of(new DateOnly(2025, 1, 5), new DateOnly(2025, 1, 31)) };
        var figures = await db.Facts.Kpis.FiguresAsync(periods, Zones[2], default);
        Assert.Equal(
            [new AccountFollowers("douyin", "brand", 7, 9), new AccountFollowers("douyin", "old", 3, 3), new AccountFollowers("weibo", "brand", 90, 170)],
            figures[1].Social!.Accounts);
        Assert.Equal(1, figures[0].Activity!.RowsInPeriod);
        Assert.Equal(30, figures[0].Activity!.SessionSeconds);
        Assert.Equal(1, figures[0].Conversions!.RowsInPeriod);
        var mentions = figures[1].Mentions!;
        Assert.Equal((4L, 3L, 3L, 90L), (mentions.RowsInPeriod, mentions.Scored, mentions.Negative, mentions.Reach));
        Assert.Equal([new MentionTermCount("|召回|投诉|", 1), new MentionTermCount("|投诉|", 2)], mentions.Terms);
        Assert.Equal(Json(await sqlite.Kpis.FiguresAsync(periods, Zones[2], default)), Json(figures));
    }

    private static readonly DateTimeOffset T0 = new(2025, 1, 10, 9, 0, 0, TimeSpan.Zero);

    private static Touchpoint Touch(string id, string user, int minutes, string channel) =>
        new(id, user, T0.AddMinutes(minutes), channel, null, TouchpointType.Click, null);

    private static SocialFact Social(int year, int month, int day, string platform, string account, long? followers) =>
        new(new DateOnly(year, month, day), platform, account, followers, 10, 2, null);

    private static MentionFact Mention(string id, int days, string label, long? reach, params string[] terms) =>
        new(id, T0.AddDays(days), MentionSource.Weibo, null, null, "text " + id, null, "zh", reach, null, null, null,
            new MentionAnnotation("zh", label == "negative" ? -0.5 : 0.5, label, terms));

    private static DataKind FactKindOf(IFact fact) => fact switch
    {
        MentionFact => DataKinds.Mentions,
        SocialFact => DataKinds.Social,
        Touchpoint => DataKinds.Touchpoints,
        Conversion => DataKinds.Conversions,
        _ => DataKinds.Activity,
    };

    private static async Task ImportAsync(ClickHouseFactStore store, DataKind kind, params IFact[] facts) => await ImportAsync(store.Sink, kind, facts);

    private static async Task ImportAsync(SqliteStore store, DataKind kind, params IFact[] facts) => await ImportAsync(store.Sink, kind, facts);

    private static async Task ImportAsync(IFactSink sink, DataKind kind, IFact[] facts)
    {
        await using var session = await sink.BeginAsync([new BatchStart(kind, "test.csv", "csv")], new FactSessionOptions(), default);
        foreach (var fact in facts)
        {
            session.Write(fact);
        }

        var counts = (await session.FlushAsync(default))[0];
        await session.CommitAsync([new BatchEnd(ImportStatus.Committed, facts.Length, counts.Added, counts.Updated, counts.Unchanged, 0, null, [], [])], null, default);
    }

    /// <summary>
    /// Each user who entered, as one sorted line: id, first touch's group, events. Events of one user at the same instant
    /// are put in word order: the port orders events by time only.
    /// </summary>
    private static async Task<List<string>> UsersAsync(IFunnelReader reader, FunnelRead read)
    {
        var users = new List<string>();
        await reader.ReadAsync(read, u => users.Add(u.UserId + "|g:" + (u.FirstTouchGroup ?? "-") + "|"
            + string.Join(",", u.Events.OrderBy(e => e.Time).ThenBy(e => e.Event, StringComparer.Ordinal)
                .Select(e => e.Event + "@" + e.Time.ToString(CultureInfo.InvariantCulture)))), default);
        users.Sort(StringComparer.Ordinal);
        return users;
    }

    private static YearMonth MonthOf(string text) => YearMonth.TryParse(text, out var month) ? month : throw new FormatException(text);

    private static string Count(string version) => version.Split(',')[0];

    private static BatchInfo WithoutId(BatchInfo batch) => batch with { Id = 0 };

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
