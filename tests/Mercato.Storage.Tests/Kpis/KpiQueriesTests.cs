using Mercato.Core.DataCenter;
using Mercato.Core.Kpis;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Kpis;

/// <summary>Every KPI formula against small datasets whose values are computed by hand in the comments.</summary>
public abstract class KpiQueriesTests(StoreProvider provider) : StoreTest(provider)
{
    private static readonly KpiPeriod TenthToTwelfth = KpiPeriod.Of(new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 12));

    private KpiReport Compute(KpiPeriod period) => new KpiQueries(Store).Compute(period);

    private KpiFigures Figures(KpiPeriod period) => new KpiQueries(Store).Figures(period);

    private void Load(DataKind kind, string csv) => Assert.Equal(ImportStatus.Committed, ImportCsv(kind, csv).Status);

    private static void AssertValue(KpiReport report, string id, decimal expected)
    {
        var result = report[id];
        Assert.True(result.Value == expected, $"{id}: expected {expected}, got {result.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null (" + result.Reason + ")"}");
        Assert.Null(result.Reason);
    }

    private static void AssertNull(KpiReport report, string id, Message reason)
    {
        var result = report[id];
        Assert.Null(result.Value);
        Assert.Equal(reason, result.Reason);
    }

    /// <summary>
    /// Period 2026-03-10 to 2026-03-12, UTC. Rows in the period: 3-11 and 13-16, 19, 20 (15 rows; 6 users: u1, u2, u3, u4,
    /// u5, editor). Data runs from 2026-02-20 (u5) to 2026-04-15 (u6).
    /// </summary>
    private const string Activity = """
        user_id,timestamp,event,session_seconds,content_id
        u1,2026-03-01T10:00:00Z,signup,300,
        u1,2026-03-01T10:05:00Z,view,,c1
        u1,2026-03-10T09:00:00Z,login,600,
        u1,2026-03-10T09:01:00Z,view,,c1
        u1,2026-03-10T09:02:00Z,share,,c1
        u1,2026-03-12T20:00:00Z,login,300,
        u2,2026-03-10T12:00:00Z,install,120,
        u2,2026-03-10T12:01:00Z,view,,c2
        u2,2026-03-10T12:02:00Z,like,,c2
        u2,2026-03-11T08:00:00Z,login,240,
        u2,2026-03-11T08:05:00Z,post,,
        u2,2026-03-17T10:00:00Z,login,60,
        u3,2026-03-11T23:30:00Z,signup,30,
        u3,2026-03-12T00:10:00Z,view,,c2
        u3,2026-03-12T00:11:00Z,comment,,c2
        u4,2026-03-12T10:00:00Z,signup,,
        u4,2026-03-14T10:00:00Z,login,90,
        u5,2026-02-20T10:00:00Z,signup,,
        u5,2026-03-11T10:00:00Z,signup,,
        editor,2026-03-11T02:00:00Z,publish,,c4
        u6,2026-04-15T10:00:00Z,view,,c3
        """;

    [Fact]
    public void UserOperations_OnAHandComputedDataset()
    {
        Load(DataKinds.Activity, Activity);

        var report = Compute(TenthToTwelfth);

        // First signup or install ever: u1 03-01, u5 02-20 (before); u2 03-10, u3 03-11, u4 03-12 (in the period).
        // u5's second signup on 03-11 does not make it new.
        AssertValue(report, "new_users", 3);

        // Day 1: u2 (03-10 → 03-11 login), u3 (signup 23:30, view 00:10 the next day), not u4 (active on day 2 only).
        AssertValue(report, "retention_d1", 0.6667m);
        Assert.Equal([2m, 3m, 0m], report["retention_d1"].Inputs.Select(i => i.Value));

        // Day 7: only u2 (03-17).
        AssertValue(report, "retention_d7", 0.3333m);

        // Day 30 (04-09, 04-10, 04-11, all before the last day of data 04-15): nobody.
        AssertValue(report, "retention_d30", 0m);

        // User-days: 03-10 u1 u2; 03-11 u2 u3 u5 editor; 03-12 u1 u3 u4 = 9 over 3 covered days.
        AssertValue(report, "dau", 3m);
        Assert.Equal([9m, 3m], report["dau"].Inputs.Select(i => i.Value));

        // Users active on t-6..t: 03-10 {u1 u2} = 2; 03-11 {u1 u2 u3 u5 editor} = 5; 03-12 all six = 6; (2 + 5 + 6) / 3.
        AssertValue(report, "wau", 4.3333m);
        Assert.Equal([13m, 3m], report["wau"].Inputs.Select(i => i.Value));

        // 02-11 to 03-12: u1 u2 u3 u4 u5 editor (u5's 02-20 signup is inside the 30 days).
        AssertValue(report, "mau", 6m);

        // Sessions in the period: 600 + 300 + 120 + 240 + 30 = 1290 s = 21.5 min over 5.
        AssertValue(report, "avg_session_minutes", 4.3m);
        Assert.Equal([21.5m, 5m], report["avg_session_minutes"].Inputs.Select(i => i.Value));
    }

    [Fact]
    public void ContentAndProductOperations_OnAHandComputedDataset()
    {
        Load(DataKinds.Activity, Activity);

        var report = Compute(TenthToTwelfth);

        // c1 was first seen on 03-01; c2 (03-10) and c4 (published 03-11) are new; c3 comes after the period.
        AssertValue(report, "content_published", 2);
        AssertValue(report, "content_views", 3);

        // share (u1), like (u2), comment (u3).
        AssertValue(report, "content_interactions", 3);
        AssertValue(report, "content_shares", 1);
        AssertValue(report, "installs", 1);

        // u3, u4 and u5's second signup.
        AssertValue(report, "registrations", 3);

        // 5 events with session_seconds over 6 active users (editor included).
        AssertValue(report, "visits_per_user", 0.8333m);
        Assert.Equal([5m, 6m], report["visits_per_user"].Inputs.Select(i => i.Value));
        AssertValue(report, "posts", 1);
    }

    [Fact]
    public void Retention_CohortsWhoseDayNIsAfterTheLastDayOfData_AreLeftOut()
    {
        Load(DataKinds.Activity, """
            user_id,timestamp,event
            a1,2026-03-01T08:00:00Z,signup
            a1,2026-03-02T08:00:00Z,login
            a2,2026-03-05T08:00:00Z,install
            a3,2026-03-05T09:00:00Z,signup
            a2,2026-03-06T08:00:00Z,login
            """);

        var report = Compute(KpiPeriod.Month(new YearMonth(2026, 3)));

        // Last day of data 03-06. Day 1: a1 (03-02), a2 (03-06), not a3; all three are eligible.
        AssertValue(report, "retention_d1", 0.6667m);

        // Day 7 is 03-08 or 03-12 for every cohort: all after 03-06.
        AssertNull(report, "retention_d7", Message.Of(KpiCodes.NoUserOldEnough, ("days", 7), ("last", new DateOnly(2026, 3, 6))));
        Assert.Equal([0m, 0m, 3m], report["retention_d7"].Inputs.Select(i => i.Value));

        // Covered days 03-01 to 03-06: user-days a1 ×2, a2 ×2, a3 ×1 = 5 over 6 days.
        AssertValue(report, "dau", 0.8333m);
        AssertValue(report, "mau", 3);
    }

    [Fact]
    public void Retention_MixesEligibleAndExcludedCohorts()
    {
        Load(DataKinds.Activity, """
            user_id,timestamp,event
            a1,2026-03-01T08:00:00Z,signup
            a1,2026-03-08T08:00:00Z,login
            a2,2026-03-09T08:00:00Z,signup
            a3,2026-03-10T08:00:00Z,signup
            a3,2026-03-10T09:00:00Z,login
            """);

        var report = Compute(KpiPeriod.Month(new YearMonth(2026, 3)));

        // Last day 03-10. Day 7: a1 (03-08, active) is eligible; a2 (03-16) and a3 (03-17) are left out.
        AssertValue(report, "retention_d7", 1m);
        Assert.Equal([1m, 1m, 2m], report["retention_d7"].Inputs.Select(i => i.Value));

        // Day 1: a1 (03-02, inactive) and a2 (03-10, inactive) eligible, a3 (03-11) left out.
        AssertValue(report, "retention_d1", 0m);
    }

    /// <summary>
    /// Europe/Berlin moves from UTC+1 to UTC+2 at 01:00 UTC on 2026-03-29. Local times (UTC in brackets):
    /// b1 signup 03-28 23:30 (22:30Z), active 03-29 00:10 (03-28 23:10Z): day 1.
    /// b4 signup 03-28 12:00 (11:00Z), active 03-30 00:30 (03-29 22:30Z): day 2 locally, day 1 in UTC.
    /// b3 signup 03-29 01:30 (00:30Z), active 03-30 00:30 (03-29 22:30Z): day 1.
    /// b2 signup 03-29 23:30 (21:30Z), active 03-30 00:10 (03-29 22:10Z): day 1.
    /// </summary>
    private const string DaylightSaving = """
        user_id,timestamp,event
        b1,2026-03-28T23:30:00+01:00,signup
        b1,2026-03-29T00:10:00+01:00,view
        b4,2026-03-28T12:00:00+01:00,signup
        b4,2026-03-30T00:30:00+02:00,view
        b3,2026-03-29T01:30:00+01:00,signup
        b3,2026-03-30T00:30:00+02:00,view
        b2,2026-03-29T23:30:00+02:00,signup
        b2,2026-03-30T00:10:00+02:00,view
        """;

    [Fact]
    public void Retention_CountsLocalDaysAcrossADaylightSavingChange()
    {
        Assert.True(Store.TrySetTimeZone("Europe/Berlin"));
        Load(DataKinds.Activity, DaylightSaving);

        var report = Compute(KpiPeriod.Of(new DateOnly(2026, 3, 28), new DateOnly(2026, 3, 29)));

        // Last local day 03-30, so every cohort's day 1 is in the data: b1, b3, b2 retained, b4 not.
        AssertValue(report, "new_users", 4);
        AssertValue(report, "retention_d1", 0.75m);

        // 03-28: b1 b4; 03-29 (23 hours long): b1 b3 b2. 5 user-days over 2 days.
        AssertValue(report, "dau", 2.5m);
    }

    [Fact]
    public void Retention_SameDataInUtc_GivesUtcDays()
    {
        Load(DataKinds.Activity, DaylightSaving);

        var report = Compute(KpiPeriod.Of(new DateOnly(2026, 3, 28), new DateOnly(2026, 3, 29)));

        // UTC days: b1 and b2 come back the same day, b4 the next; the last day of data is 03-29, so the cohort of 03-29
        // (b3, b2) is left out: 1 of 2.
        AssertValue(report, "retention_d1", 0.5m);
        Assert.Equal([1m, 2m, 2m], report["retention_d1"].Inputs.Select(i => i.Value));
    }

    [Fact]
    public void NewUsers_AreCountedInTheWorkspaceTimeZone()
    {
        Assert.True(Store.TrySetTimeZone("Asia/Shanghai"));
        Load(DataKinds.Activity, """
            user_id,timestamp,event
            s1,2026-02-28T16:00:00Z,signup
            s2,2026-02-28T15:59:59Z,signup
            s3,2026-03-31T15:59:59Z,install
            s4,2026-03-31T16:00:00Z,install
            """);

        var report = Compute(KpiPeriod.Month(new YearMonth(2026, 3)));

        // March in Shanghai is 02-28T16:00Z to 03-31T16:00Z: s1 and s3.
        AssertValue(report, "new_users", 2);
    }

    [Fact]
    public void NewMediaAppStoreStoreAndMarketingKpis_OnAHandComputedDataset()
    {
        Load(DataKinds.Social, """
            date,platform,account,followers,reads,interactions,posts
            2026-03-08,weibo,A,1000,50,5,1
            2026-03-10,weibo,A,1010,100,10,1
            2026-03-12,weibo,A,1030,200,,2
            2026-03-13,weibo,A,1100,999,99,1
            2026-03-11,wechat,B,500,300,20,1
            2026-03-12,wechat,B,,10,1,0
            2026-03-09,douyin,C,700,1,1,1
            2026-03-11,zhihu,D,,5,,
            """);
        Load(DataKinds.AppStore, """
            date,store,impressions,product_page_views,installs
            2026-03-10,apple_app_store,1000,100,30
            2026-03-11,apple_app_store,2000,150,50
            2026-03-11,huawei_appgallery,,,20
            2026-03-13,apple_app_store,5000,400,99
            """);
        Load(DataKinds.Store, """
            date,store,visitors,orders,gmv,refunds
            2026-03-09,tmall,10,99,1,
            2026-03-10,tmall,1000,30,9000.50,100
            2026-03-12,tmall,800,20,5999.50,
            2026-03-12,jd,,10,2000,
            """);
        Load(DataKinds.Spend, """
            date,channel,campaign,spend,impressions,clicks
            2026-03-10,search,,100.5,1000,50
            2026-03-11,douyin,,200,,
            2026-03-12,search,x,99.5,500,10
            2026-03-13,search,,1000,9999,99
            """);
        Load(DataKinds.Conversions, """
            conversion_id,user_id,timestamp,revenue
            o0,u1,2026-03-09T23:59:59Z,10
            o1,u1,2026-03-10T10:00:00Z,10
            o2,u2,2026-03-12T23:59:59Z,10
            o3,u3,2026-03-13T00:00:00Z,10
            """);

        var report = Compute(TenthToTwelfth);

        // Reads 100 + 200 + 300 + 10 + 5; interactions 10 + 20 + 1 (empty cells skipped).
        AssertValue(report, "reads", 615);
        AssertValue(report, "social_interactions", 31);

        // A: 1030 (03-12) − 1000 (03-08) = 30; B: 500 − 500 (no row before, its first in the period) = 0;
        // C: 700 − 700 (no row in the period) = 0; D has no followers at all.
        AssertValue(report, "followers_gained", 30);
        Assert.Equal([2230m, 2200m, 3m], report["followers_gained"].Inputs.Select(i => i.Value));

        AssertValue(report, "store_impressions", 3000);
        AssertValue(report, "store_installs", 100);

        // Installs of the rows with impressions: (30 + 50) / 3000.
        AssertValue(report, "store_conversion_rate", 0.0267m);

        AssertValue(report, "gmv", 17000m);
        AssertValue(report, "orders", 60);
        AssertValue(report, "aov", 283.3333m);

        // Orders of the rows with visitors: (30 + 20) / 1800.
        AssertValue(report, "store_conversion", 0.0278m);

        AssertValue(report, "reach", 1500);
        AssertValue(report, "clicks", 60);
        AssertValue(report, "spend", 400m);

        // 400 / 2 conversions (o1, o2).
        AssertValue(report, "cpa", 200m);
        Assert.Equal([400m, 2m], report["cpa"].Inputs.Select(i => i.Value));
    }

    [Fact]
    public void PublicOpinion_NegativeShareOfTheScoredAndReach_OverTheLocalDaysOfThePeriod()
    {
        Assert.True(Store.TrySetTimeZone("Asia/Shanghai"));
        // 2026-03-09T17:00Z is 01:00 on March 10 in Shanghai (in the period); 2026-03-12T16:30Z is 00:30 on March 13 (after it).
        var result = ImportCsv(DataKinds.Mentions, """
            mention_id,timestamp,source,text,language,reach
            a,2026-03-09T17:00:00Z,weibo,good Acme,en,100
            b,2026-03-10T08:00:00Z,weibo,bad Acme vs Rival,en,
            c,2026-03-11T08:00:00Z,news,terrible Rival,en,50
            d,2026-03-11T09:00:00Z,forum,fine,en,5
            e,2026-03-11T10:00:00Z,forum,gut Acme,de,7
            f,2026-03-12T16:30:00Z,weibo,bad Acme,en,1000
            """, r => r with { Context = r.Context! with { Mentions = new Core.Listening.MentionAnnotator(
                new Core.Listening.SentimentScorer(new Core.Listening.Vader(Core.Listening.VaderLexicon.Parse(new StringReader("good\t1.9\nbad\t-2.5\nterrible\t-2.1\n")))),
                new Core.Listening.WatchList([new("acme", Core.Listening.WatchKind.Brand, ["Acme"]), new("rival", Core.Listening.WatchKind.Competitor, ["Rival"])])) } });
        Assert.Equal(ImportStatus.Committed, result.Status);

        var report = Compute(TenthToTwelfth);

        // a good, b bad, c terrible, d neutral (no lexicon word), e German not scored: 2 negative of 4 scored.
        AssertValue(report, "negative_share", 0.5m);
        Assert.Equal([2m, 4m], report["negative_share"].Inputs.Select(i => i.Value));
        AssertValue(report, "mention_reach", 162);

        // In the period: a, b, e name acme (3); b, c name rival (2); f is after the period. 3 / 5 with the watch list's kinds.
        var figures = Figures(TenthToTwelfth);
        Assert.Equal([("|acme|", 2L), ("|acme|rival|", 1L), ("|rival|", 1L)],
            figures.Mentions!.Terms.Select(t => (t.Terms, t.Mentions)).OrderBy(t => t.Terms, StringComparer.Ordinal));
        var voice = KpiCalculator.Compute(figures with { Listening = new ListeningInputs(["acme"], ["rival"], []) });
        AssertValue(voice, "share_of_voice", 0.6m);
        Assert.Equal([3m, 5m], voice["share_of_voice"].Inputs.Select(i => i.Value));
    }

    [Fact]
    public void EmptyStore_GivesEveryKpiNullWithTheMissingKind()
    {
        var report = Compute(TenthToTwelfth);

        Assert.Equal(KpiCatalog.All.Select(k => k.Id), report.Kpis.Select(k => k.Id));
        Assert.All(report.Kpis, k => Assert.Null(k.Value));
        AssertNull(report, "new_users", Message.Of(KpiCodes.NoKindData, ("kind", "activity")));
        AssertNull(report, "retention_d30", Message.Of(KpiCodes.NoKindData, ("kind", "activity")));
        AssertNull(report, "reads", Message.Of(KpiCodes.NoKindData, ("kind", "social")));
        AssertNull(report, "store_installs", Message.Of(KpiCodes.NoKindData, ("kind", "appstore")));
        AssertNull(report, "gmv", Message.Of(KpiCodes.NoKindData, ("kind", "store")));
        AssertNull(report, "reach", Message.Of(KpiCodes.NoKindData, ("kind", "spend")));
        AssertNull(report, "cpa", Message.Of(KpiCodes.NoKindData, ("kind", "spend")));
        AssertNull(report, "negative_share", Message.Of(KpiCodes.NoKindData, ("kind", "mentions")));
        AssertNull(report, "roi", KpiCalculator.MeasurementReason);
        AssertNull(report, "roas", KpiCalculator.MeasurementReason);
        Assert.Equal("UTC", report.TimeZone);
    }

    [Fact]
    public void KindsWithDataOutsideThePeriodOnly_SayNoDataInThePeriod()
    {
        Load(DataKinds.Activity, "user_id,timestamp,event\nu1,2026-01-05T10:00:00Z,signup\n");
        Load(DataKinds.Store, "date,store,orders,gmv\n2026-01-05,tmall,1,10\n");
        Load(DataKinds.Spend, "date,channel,spend\n2026-03-10,search,10\n");

        var report = Compute(TenthToTwelfth);

        AssertNull(report, "dau", Message.Of(KpiCodes.NoKindDataInPeriod, ("kind", "activity")));
        AssertNull(report, "retention_d1", Message.Of(KpiCodes.NoKindDataInPeriod, ("kind", "activity")));
        AssertNull(report, "gmv", Message.Of(KpiCodes.NoKindDataInPeriod, ("kind", "store")));
        AssertNull(report, "cpa", Message.Of(KpiCodes.NoKindData, ("kind", "conversions")));
        AssertNull(report, "reach", Message.Of(KpiCodes.NoRowCarries, ("kind", "spend"), ("field", "impressions")));
        AssertValue(report, "spend", 10m);
    }

    [Fact]
    public void ZeroDivisors_GiveNullWithAReason()
    {
        Load(DataKinds.Activity, "user_id,timestamp,event\nu1,2026-03-10T10:00:00Z,view\n");
        Load(DataKinds.Store, "date,store,visitors,orders,gmv\n2026-03-10,tmall,0,0,0\n");
        Load(DataKinds.AppStore, "date,store,installs\n2026-03-10,apple_app_store,5\n");
        Load(DataKinds.Spend, "date,channel,spend\n2026-03-10,search,10\n");
        Load(DataKinds.Conversions, "conversion_id,user_id,timestamp,revenue\no1,u1,2026-02-01T00:00:00Z,1\n");

        var report = Compute(TenthToTwelfth);

        AssertValue(report, "new_users", 0);
        AssertNull(report, "retention_d1", new Message(KpiCodes.NoNewUsers));
        AssertNull(report, "avg_session_minutes", new Message(KpiCodes.NoSessionSeconds));
        AssertValue(report, "visits_per_user", 0);
        AssertNull(report, "aov", new Message(KpiCodes.NoOrdersInPeriod));
        AssertNull(report, "store_conversion", new Message(KpiCodes.NoVisitorsInPeriod));
        AssertValue(report, "store_installs", 5);
        AssertNull(report, "store_conversion_rate", Message.Of(KpiCodes.NoRowCarries, ("kind", "appstore"), ("field", "impressions")));
        AssertNull(report, "cpa", new Message(KpiCodes.NoConversionsInPeriod));
    }

    [Fact]
    public void Figures_AreKeptUntilTheDataOrTheTimeZoneChanges()
    {
        Load(DataKinds.Activity, "user_id,timestamp,event\nu1,2026-03-10T23:30:00Z,signup\n");
        var queries = new KpiQueries(Store);
        var first = queries.Figures(TenthToTwelfth);

        Assert.Same(first, queries.Figures(TenthToTwelfth));

        Load(DataKinds.Activity, "user_id,timestamp,event\nu2,2026-03-11T10:00:00Z,install\n");
        Assert.Equal(2m, queries.Compute(TenthToTwelfth)["new_users"].Value);

        // 23:30 UTC on 03-12 is 03-13 in Shanghai: after the period.
        Load(DataKinds.Activity, "user_id,timestamp,event\nu3,2026-03-12T23:30:00Z,signup\n");
        Assert.Equal(3m, queries.Compute(TenthToTwelfth)["new_users"].Value);
        Assert.True(Store.TrySetTimeZone("Asia/Shanghai"));
        Assert.Equal(2m, queries.Compute(TenthToTwelfth)["new_users"].Value);
    }

    [Fact]
    public void DauAndWau_AverageOverTheDaysTheDataCovers()
    {
        // Data from 03-10 to 03-12 only; the month is averaged over its three covered days.
        Load(DataKinds.Activity, """
            user_id,timestamp,event
            u1,2026-03-10T10:00:00Z,login
            u2,2026-03-10T11:00:00Z,login
            u1,2026-03-12T10:00:00Z,login
            """);

        var report = Compute(KpiPeriod.Month(new YearMonth(2026, 3)));

        // User-days 3 over 3 days; 7-day actives: 03-10 {u1 u2}, 03-11 {u1 u2}, 03-12 {u1 u2} = 6 over 3.
        AssertValue(report, "dau", 1);
        AssertValue(report, "wau", 2);
        AssertValue(report, "mau", 2);
    }
}

public sealed class KpiQueriesTestsOnSqlite() : KpiQueriesTests(StoreProvider.Sqlite);

public sealed class KpiQueriesTestsOnPostgres() : KpiQueriesTests(StoreProvider.Postgres);
