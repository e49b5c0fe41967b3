using Mercato.Core.DataCenter;
using Mercato.Core.Demo;
using Mercato.Storage.Facts;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Demo;

public abstract class DemoDataTests(StoreProvider provider) : StoreTest(provider)
{
    private static readonly DemoOptions Small = new(42, DemoScale.Small, new YearMonth(2026, 3));

    [Fact]
    public void Load_StoresEveryGeneratedFact_AndTheTruthsTotals()
    {
        var demo = new DemoData(Store);

        var loaded = demo.Load(Small);

        var totals = loaded.Truth.Totals;
        var ads = loaded.Truth.Ads!;
        // The touchpoints are the journeys' plus the injected app-store clicks' (the attribution provider records those too).
        Assert.Equal(totals.Touchpoints + ads.InjectedClicks, Count("touchpoints"));
        Assert.Equal(ads.Clicks, Count("clicks"));
        Assert.Equal(totals.Conversions, Count("conversions"));
        Assert.Equal(totals.SpendFacts, Count("spend"));
        Assert.Equal(totals.CostFacts, Count("costs"));
        Assert.Equal(totals.ActivityEvents, Count("activity"));
        Assert.Equal(StoredMoney.ToUnits(totals.Revenue), Scalar<long>("SELECT SUM(revenue) FROM conversions"));
        Assert.Equal(StoredMoney.ToUnits(totals.Spend), Scalar<long>("SELECT SUM(spend) FROM spend"));
        Assert.Equal(totals.Touchpoints + ads.InjectedClicks, loaded.RowsByKind["touchpoints"]);
        Assert.Equal(ads.Clicks, loaded.RowsByKind["clicks"]);
        Assert.True(demo.IsLoaded);
    }

    [Fact]
    public async Task Load_StoresTheInfluencerFacts_AndTheReadPortFindsTheTruthsStory()
    {
        var loaded = new DemoData(Store).Load(Small);
        var truth = loaded.Truth.Influencers!;
        var facts = new List<IFact>();
        DemoInfluencers.Emit(Small, new ListSink(facts));
        var days = Small.LastMonth.AddMonths(1).FirstDay.DayNumber - Small.LastMonth.AddMonths(-11).FirstDay.DayNumber;

        Assert.Equal(8 * days, Count("influencer_snapshots"));
        Assert.Equal(truth.Influencers.Sum(i => i.Posts), Count("influencer_posts"));
        Assert.Equal(8 * DemoInfluencers.SampleSize, Count("influencer_followers"));
        Assert.Equal(facts.OfType<InfluencerPostFact>().Count(), loaded.RowsByKind["influencer_posts"]);

        // The bought followers' jump, the viral post and the samples, read back through the port.
        var port = Store.Inner.Influencers;
        var jump = await port.SnapshotsAsync(truth.BoughtFollowers, truth.JumpDays[0].AddDays(-1), truth.JumpDays[1], TestContext.Current.CancellationToken);
        Assert.Equal(3, jump.Count);
        Assert.InRange(jump[2].Followers - jump[0].Followers, 290_000, 310_000);
        var viralDay = new DateTimeOffset(truth.ViralDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var posts = await port.PostsAsync(truth.ViralInfluencer, viralDay, viralDay.AddDays(1), TestContext.Current.CancellationToken);
        Assert.Contains(posts, p => p.PostId == truth.ViralPost);
        Assert.Equal([truth.SampledAt], await port.SampleDaysAsync(truth.BoughtFollowers, TestContext.Current.CancellationToken));
        Assert.Equal(DemoInfluencers.SampleSize, (await port.FollowerSampleAsync(truth.BoughtFollowers, truth.SampledAt, TestContext.Current.CancellationToken)).Count);
    }

    [Fact]
    public void Load_PerChannelSpendInTheStore_EqualsTheTruth()
    {
        var loaded = new DemoData(Store).Load(Small);

        var stored = Query<(string Name, long Spend)>(
                "SELECT c.name, SUM(s.spend) FROM spend s JOIN channels c ON c.id = s.channel_id GROUP BY c.name")
            .ToDictionary(r => r.Name, r => StoredMoney.FromUnits(r.Spend));
        foreach (var channel in loaded.Truth.Channels.Where(c => c.Spend > 0))
        {
            Assert.Equal(channel.Spend, stored[channel.Channel]);
        }
    }

    [Fact]
    public void GroundTruth_RoundTripsThroughTheStore()
    {
        var demo = new DemoData(Store);
        var loaded = demo.Load(Small);

        var truth = demo.GroundTruth()!;

        Assert.Equal(loaded.Truth.Totals, truth.Totals);
        Assert.Equal(loaded.Truth.Channels, truth.Channels);
        Assert.Equal(loaded.Truth.Ads! with { Channels = [], ClicksByChannel = [] }, truth.Ads! with { Channels = [], ClicksByChannel = [] });
        Assert.Equal(loaded.Truth.Ads.ClicksByChannel, truth.Ads.ClicksByChannel);
        Assert.Equal(loaded.Truth.FirstMonth, truth.FirstMonth);
        Assert.Contains("\"firstMonth\": \"2025-04\"", loaded.TruthJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Twice_ReplacesTheDemoInsteadOfDoublingIt()
    {
        var demo = new DemoData(Store);
        demo.Load(Small);
        var first = Count("touchpoints");

        demo.Load(Small with { Seed = 43 });

        var second = new DemoData(Store).GroundTruth()!;
        Assert.Equal(second.Totals.Touchpoints + second.Ads!.InjectedClicks, Count("touchpoints"));
        Assert.Equal(second.Ads.Clicks, Count("clicks"));
        Assert.NotEqual(first, Count("touchpoints"));
        Assert.Equal(FactTables.All.Count, Scalar<long>("SELECT COUNT(*) FROM import_batches WHERE is_demo = 1"));
    }

    [Fact]
    public void Remove_DeletesDemoRowsAndChannels_AndKeepsImportedRows()
    {
        var demo = new DemoData(Store);
        demo.Load(Small);
        ImportCsv(DataKinds.Touchpoints, "user_id,timestamp,channel\nmine,2026-03-01T00:00:00Z,baidu_sem\nmine,2026-03-02T00:00:00Z,my_channel\n");

        var removed = demo.Remove();

        Assert.True(removed > 1000);
        Assert.Equal(2, Count("touchpoints"));
        Assert.Equal(0, Count("conversions"));
        Assert.Equal(["baidu_sem", "my_channel"], Query<string>("SELECT name FROM channels ORDER BY name"));
        Assert.False(demo.IsLoaded);
        Assert.Null(demo.GroundTruth());
    }

    [Fact]
    public void StoreIsEmpty_IsTrueOnlyBeforeAnyFact()
    {
        var demo = new DemoData(Store);
        Assert.True(demo.StoreIsEmpty);

        ImportCsv(DataKinds.Costs, "month,category,amount,kind\n2026-01,staff,100,fixed\n");

        Assert.False(demo.StoreIsEmpty);
    }

    private sealed class ListSink(List<IFact> facts) : IDemoSink
    {
        public void Add(IFact fact) => facts.Add(fact);
    }
}

public sealed class DemoDataTestsOnSqlite() : DemoDataTests(StoreProvider.Sqlite);

public sealed class DemoDataTestsOnPostgres() : DemoDataTests(StoreProvider.Postgres);
