using System.Globalization;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Campaigns;

/// <summary>
/// The campaign aggregates against a handful of hand-written rows, in the workspace time zone Asia/Shanghai (UTC+8, no
/// daylight saving), so that a touchpoint's local day differs from its UTC day at the window's edges. Every figure is
/// worked out by hand in the comments.
/// </summary>
public abstract class CampaignQueriesTests(StoreProvider provider) : StoreTest(provider)
{
    private static readonly DateRange Window = new(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 10));

    // Default baseline of a 10-day campaign starting 03-01: 02-19..02-28.
    private static readonly DateRange Baseline = Window.Preceding()!.Value;

    private static readonly Campaign Bp = new("bp", "BP launch", CampaignType.ProductLaunch, "brand", Window.Start, Window.End,
        budget: [new BudgetLine(BudgetItemKind.Channel, "douyin_ads", 400), new BudgetLine(BudgetItemKind.Channel, "baidu_sem", 100)],
        codes: ["BP-1", "bp-2"]);

    private static readonly Campaign Expo = new("expo", "Expo", CampaignType.Exhibition, "brand", Window.Start, Window.End, codes: ["EXPO"]);

    private const string Spend = """
        date,channel,campaign,spend,impressions,clicks
        2026-02-28,douyin_ads,BP-1,100,1000,10
        2026-03-01,douyin_ads,BP-1,200,2000,20
        2026-03-05,Douyin_Ads,bp-2,300,3000,30
        2026-03-10,baidu_sem,BP-1,50.5,500,5
        2026-03-11,baidu_sem,BP-1,999,9999,99
        2026-03-03,baidu_sem,bp-1,70,700,7
        2026-03-04,douyin_ads,EXPO,400,4000,40
        2026-03-06,weibo_ads,,80,800,8
        2026-02-25,douyin_ads,,60,600,6
        """;

    // Local days (UTC+8): t1 03-01 00:00, t2 03-02, t3 03-05, t4 03-10 23:59:59, t5 03-11 00:00, t6 02-28 23:59:59, t7 03-03, t8 03-04.
    private const string Touchpoints = """
        touchpoint_id,user_id,timestamp,channel,campaign
        t1,u1,2026-02-28T16:00:00Z,baidu_sem,BP-1
        t2,u1,2026-03-02T10:00:00Z,douyin_ads,BP-1
        t3,u2,2026-03-05T10:00:00Z,douyin_ads,bp-2
        t4,u3,2026-03-10T15:59:59Z,pr,BP-1
        t5,u4,2026-03-10T16:00:00Z,douyin_ads,BP-1
        t6,u5,2026-02-28T15:59:59Z,douyin_ads,BP-1
        t7,u6,2026-03-03T00:00:00Z,seo,
        t8,u7,2026-03-04T00:00:00Z,pr,EXPO
        """;

    // Local days: c1 03-02, c2 03-11 00:30, c3 02-27, c4 03-10 23:00.
    private const string Conversions = """
        conversion_id,user_id,timestamp,revenue,cost
        c1,u1,2026-03-02T12:00:00Z,100,40
        c2,u2,2026-03-10T16:30:00Z,50,
        c3,u9,2026-02-27T00:00:00Z,30,
        c4,u3,2026-03-10T15:00:00Z,20.25,
        """;

    private CampaignQueries Load()
    {
        Assert.True(Store.TrySetTimeZone("Asia/Shanghai"));
        Assert.Equal(ImportStatus.Committed, ImportCsv(DataKinds.Spend, Spend).Status);
        Assert.Equal(ImportStatus.Committed, ImportCsv(DataKinds.Touchpoints, Touchpoints).Status);
        Assert.Equal(ImportStatus.Committed, ImportCsv(DataKinds.Conversions, Conversions).Status);
        return new CampaignQueries(Store);
    }

    [Fact]
    public void Scope_CountsOnlyFactsCarryingACodeExactly_OnLocalDaysOfTheWindow()
    {
        var queries = Load();

        var scope = queries.Scope(Bp.Codes, Window);

        // Spend rows with BP-1 or bp-2 dated 03-01..03-10: 03-01 (2000, 20), 03-05 (3000, 30), 03-10 (500, 5). Not 02-28 or
        // 03-11 (outside), not "bp-1" (codes join exactly), not EXPO.
        Assert.Equal(5500, scope.Impressions);
        Assert.Equal(55, scope.Clicks);

        // Touchpoints t1 (local 03-01 00:00), t2, t3, t4 (local 03-10 23:59:59); not t5 (local 03-11) or t6 (local 02-28).
        Assert.Equal(4, scope.Touchpoints);
        Assert.Equal(3, scope.Participants); // u1, u2, u3
        Assert.Equal(new CampaignScopeFigures(0, 0, 0, 0), queries.Scope([], Window));
    }

    [Fact]
    public void Business_SumsEverythingInTheWindow_AndInTheBaseline()
    {
        var queries = Load();

        // Impressions 03-01..03-10: 2000 + 3000 + 500 + 700 + 4000 + 800. Touchpoints t1, t2, t3, t4, t7, t8.
        // Conversions c1 (100) and c4 (20.25); c2 is local 03-11.
        Assert.Equal(new BusinessFigures(11000, 6, 2, 120.25m), queries.Business(Window));

        // 02-19..02-28: impressions 1000 + 600; touchpoint t6 (local 02-28 23:59:59); conversion c3 (30).
        Assert.Equal(new BusinessFigures(1600, 1, 1, 30m), queries.Business(Baseline));
    }

    [Fact]
    public void DailySpend_PerDay_ByCodes_OrByChannels_InTheWindow()
    {
        var queries = Load();
        var window = new DateRange(new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 10));
        static (string, decimal)[] Days(IEnumerable<Core.AdMonitoring.DailySpend> days) =>
            [.. days.Select(d => (d.Day.ToString("MM-dd", CultureInfo.InvariantCulture), d.Spend))];

        // Codes join exactly (BP-1, bp-2; not "bp-1"); 03-11 is after the window.
        Assert.Equal([("02-28", 100m), ("03-01", 200m), ("03-05", 300m), ("03-10", 50.5m)], Days(queries.DailySpend(["BP-1", "bp-2"], null, window)));
        // Channels compared lower-cased, whatever the codes (03-04 EXPO, and the rows without a campaign).
        Assert.Equal([("02-28", 100m), ("03-01", 200m), ("03-04", 400m), ("03-05", 300m)], Days(queries.DailySpend(null, ["DOUYIN_ADS"], window)));
        Assert.Equal([("03-03", 70m), ("03-10", 50.5m)], Days(queries.DailySpend(null, ["baidu_sem"], window)));
        Assert.Equal([("03-01", 200m), ("03-05", 300m)], Days(queries.DailySpend(["BP-1", "bp-2"], ["douyin_ads"], window with { Start = new DateOnly(2026, 3, 1) })));
        Assert.Empty(queries.DailySpend([], null, window));
        Assert.Empty(queries.DailySpend(null, [], window));
    }

    [Fact]
    public void Delivery_SumsPerDayChannelAndCode_ChannelsLowerCased()
    {
        var queries = Load();

        var rows = queries.Delivery(new DateRange(new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 6)));

        Assert.Equal(
        [
            new Core.AdMonitoring.DeliveryRow(new DateOnly(2026, 3, 4), "douyin_ads", "EXPO", 400m, 4000, 40),
            new Core.AdMonitoring.DeliveryRow(new DateOnly(2026, 3, 5), "douyin_ads", "bp-2", 300m, 3000, 30),
            new Core.AdMonitoring.DeliveryRow(new DateOnly(2026, 3, 6), "weibo_ads", null, 80m, 800, 8),
        ], rows);
    }

    [Fact]
    public void ChannelActuals_MatchTheInMemoryReference()
    {
        var queries = Load();
        var rows = Spend.Split('\n').Skip(1).Select(line => line.Trim().Split(',')).Select(f => new SpendFact(
            DateOnly.ParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), f[1], f[2].Length == 0 ? null : f[2],
            decimal.Parse(f[3], CultureInfo.InvariantCulture), long.Parse(f[4], CultureInfo.InvariantCulture), long.Parse(f[5], CultureInfo.InvariantCulture)))
            .ToList();

        var actuals = queries.ChannelActuals(Bp);

        // baidu_sem: 50.5 (03-10; 03-11 is after the schedule, "bp-1" is no code of bp); douyin_ads: 200 + 300 (the 02-28
        // pre-heat is before the schedule; Douyin_Ads is the same channel).
        Assert.Equal(
            [new BudgetActual(BudgetItemKind.Channel, "baidu_sem", 50.5m), new BudgetActual(BudgetItemKind.Channel, "douyin_ads", 500m)],
            actuals);
        Assert.Equal(Budgets.SpendActuals(Bp, rows), actuals);

        var wider = new DateRange(new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 31));
        Assert.Equal(Budgets.SpendActuals(Bp, rows, wider), queries.ChannelActuals(Bp, wider));
        Assert.Equal(1049.5m, queries.ChannelActuals(Bp, wider).Single(a => a.Item == "baidu_sem").Amount);

        // Planned 400 on douyin_ads, spent 500: 100 over; baidu_sem 50.5 of 100; total 550.5 of 500.
        var check = Budgets.Check(Bp, actuals);
        Assert.Equal([100m, 0m], check.Lines.Select(l => l.Overrun));
        Assert.Equal(550.5m, check.Actual);
        Assert.Equal(2, check.Warnings.Count);
    }

    [Fact]
    public void CampaignChannelSpend_MapsCodesToCampaigns_AndFeedsStep8()
    {
        var queries = Load();

        var spend = queries.CampaignChannelSpend([Bp, Expo], Window);

        Assert.Equal(
            [
                new CampaignChannelSpend(null, "baidu_sem", 70m),
                new CampaignChannelSpend(null, "weibo_ads", 80m),
                new CampaignChannelSpend("bp", "baidu_sem", 50.5m),
                new CampaignChannelSpend("bp", "douyin_ads", 500m),
                new CampaignChannelSpend("expo", "douyin_ads", 400m),
            ],
            spend);

        // Coded spend 950.5: bp 550.5, expo 400. HHI = (550.5/950.5)² + (400/950.5)²; bp on 2 of the 3 channels.
        var concentration = BrandCycle.Concentration(spend);
        Assert.Equal("bp", concentration.TopCampaign);
        Assert.Equal(Math.Pow(550.5 / 950.5, 2) + Math.Pow(400 / 950.5, 2), concentration.Herfindahl!.Value, 12);
        Assert.Equal(3, concentration.Channels);
        Assert.Equal(2.0 / 3, concentration.TopCampaignChannelShare!.Value, 12);
    }

    [Fact]
    public void ChannelEvidence_CountsByTheCatalogGroups_AndFirstAppearance()
    {
        var queries = Load();

        var evidence = queries.ChannelEvidence(Window);

        // Groups from the catalog's guesses: baidu_sem paid_search, seo content, pr pr_earned; douyin_ads and weibo_ads social_ads.
        Assert.Equal(4, evidence.SearchPortalTouchpoints); // t1, t4, t7, t8
        Assert.Equal(2, evidence.PrTouchpoints); // t4, t8

        // Touchpoints on baidu_sem, douyin_ads, pr, seo; spend also on weibo_ads.
        Assert.Equal(5, evidence.ActiveChannels);

        // First days: douyin_ads 02-25 (spend), baidu_sem 03-01 (t1, local), seo 03-03, pr 03-04, weibo_ads 03-06.
        Assert.Equal(4, evidence.NewChannels);
        Assert.Equal(1, queries.ChannelEvidence(new DateRange(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28))).NewChannels);

        // Spend 02-25..03-11, touchpoints local 02-28..03-11, conversions local 02-27..03-11.
        Assert.Equal(new DateRange(new DateOnly(2026, 2, 25), new DateOnly(2026, 3, 11)), queries.DataDays());
    }

    [Fact]
    public void TheGroupsSignature_NamesOnlyTheGroupsSet_SoANewChannelLeavesItAsItWas()
    {
        var queries = Load();
        Assert.Equal("", queries.ChannelGroupsSignature()); // every channel in the group its name guesses

        // A channel arriving with data is in its guessed group: the data versions tell that change, the signature does not.
        Assert.Equal(ImportStatus.Committed, ImportCsv(DataKinds.Touchpoints, "user_id,timestamp,channel\nu9,2026-03-02T00:00:00Z,brand new channel\n").Status);
        Assert.Equal("", queries.ChannelGroupsSignature());

        Assert.True(Queries.SetChannelGroup("seo", ChannelGroup.PrEarned));
        Assert.True(Queries.SetChannelGroup("brand new channel", ChannelGroup.Influencer));
        var ids = Queries.Channels().ToDictionary(c => c.Name, c => c.Id.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
        Assert.Equal(
            string.Join(',', new[] { (ids["seo"], "pr_earned"), (ids["brand new channel"], "influencer") }.OrderBy(p => long.Parse(p.Item1, CultureInfo.InvariantCulture)).Select(p => p.Item1 + ":" + p.Item2)),
            queries.ChannelGroupsSignature());

        // Back in its guessed group, a channel leaves the signature again.
        Assert.True(Queries.SetChannelGroup("seo", ChannelGroup.Content));
        Assert.Equal(ids["brand new channel"] + ":influencer", queries.ChannelGroupsSignature());
    }

    [Fact]
    public void AnEmptyStore_GivesZeros_AndNoDataDays()
    {
        var queries = new CampaignQueries(Store);

        Assert.Equal(new CampaignScopeFigures(0, 0, 0, 0), queries.Scope(Bp.Codes, Window));
        Assert.Equal(new BusinessFigures(0, 0, 0, 0m), queries.Business(Window));
        Assert.Empty(queries.ChannelActuals(Bp));
        Assert.Empty(queries.CampaignChannelSpend([Bp], Window));
        Assert.Equal(new ChannelEvidence(0, 0, 0, 0), queries.ChannelEvidence(Window));
        Assert.Null(queries.DataDays());
    }
}

public sealed class CampaignQueriesTestsOnSqlite() : CampaignQueriesTests(StoreProvider.Sqlite);

public sealed class CampaignQueriesTestsOnPostgres() : CampaignQueriesTests(StoreProvider.Postgres);
