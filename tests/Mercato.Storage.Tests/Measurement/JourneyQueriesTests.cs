using Mercato.Core.DataCenter;
using Mercato.Core.Measurement;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Measurement;

public abstract class JourneyQueriesTests(StoreProvider provider) : StoreTest(provider)
{
    // a: search d1, email d3, converts d4 (100), then direct d10 and nothing more.
    // b: search d1, converts d40: the touch is 39 days before, beyond the 30-day lookback.
    // c: converts d5 with no touch.
    // d: kol d1, kol d2, converts d3 (50); search d4, converts d5 (20); the second journey starts after the first conversion.
    // e: kol at the same instant as its conversion d6 (10): a touch at the conversion's instant belongs to it.
    private const string Touches = """
        user_id,timestamp,channel,campaign
        a,2026-01-01T00:00:00Z,search,spring
        a,2026-01-03T00:00:00Z,email,
        a,2026-01-10T00:00:00Z,direct,
        b,2026-01-01T00:00:00Z,search,spring
        d,2026-01-01T00:00:00Z,kol,kol-jan
        d,2026-01-02T00:00:00Z,kol,kol-jan
        d,2026-01-04T00:00:00Z,search,
        e,2026-01-06T00:00:00Z,kol,kol-jan
        """;

    private const string Conversions = """
        conversion_id,user_id,timestamp,revenue,cost
        a1,a,2026-01-04T00:00:00Z,100,40
        b1,b,2026-02-09T00:00:00Z,70,
        c1,c,2026-01-05T00:00:00Z,30,
        d1,d,2026-01-03T00:00:00Z,50,25
        d2,d,2026-01-05T00:00:00Z,20,8
        e1,e,2026-01-06T00:00:00Z,10,
        """;

    private JourneyPaths Load(JourneyQuery query)
    {
        Assert.Equal(Mercato.Core.DataCenter.ImportStatus.Committed, ImportCsv(DataKinds.Touchpoints, Touches).Status);
        Assert.Equal(Mercato.Core.DataCenter.ImportStatus.Committed, ImportCsv(DataKinds.Conversions, Conversions).Status);
        return new JourneyQueries(Store).Paths(query);
    }

    private static Dictionary<string, (long Conversions, decimal Revenue, long NonConversions)> ByPath(JourneyPaths paths) =>
        paths.Paths.ToDictionary(p => string.Join(">", p.Touches), p => (p.Conversions, p.Revenue, p.NonConversions));

    [Fact]
    public void Paths_FollowTheJourneyRules()
    {
        var paths = Load(new JourneyQuery());

        var byPath = ByPath(paths);
        Assert.Equal((1L, 100m, 0L), byPath["search>email"]);
        Assert.Equal((1L, 50m, 0L), byPath["kol>kol"]);
        // d's second journey converts; b's lone search is too old for its conversion and does not convert.
        Assert.Equal((1L, 20m, 1L), byPath["search"]);
        Assert.Equal((0L, 0m, 1L), byPath["direct"]);
        Assert.Equal((1L, 10m, 0L), byPath["kol"]);
        Assert.Equal(5, byPath.Count);
        // b's conversion (its touch is beyond the lookback) and c's have no touches.
        Assert.Equal(2, paths.ConversionsWithoutTouches);
        Assert.Equal(100m, paths.RevenueWithoutTouches);
    }

    [Fact]
    public void Paths_LongerLookback_PutsOldTouchesIntoTheJourney()
    {
        var paths = Load(new JourneyQuery(LookbackDays: 60));

        var byPath = ByPath(paths);
        Assert.Equal((2L, 90m, 0L), byPath["search"]);
        Assert.Equal(1, paths.ConversionsWithoutTouches);
    }

    [Fact]
    public void Paths_ByCampaign_LabelsTouchesWithoutCampaign()
    {
        var paths = Load(new JourneyQuery(Label: JourneyLabel.Campaign));

        var byPath = ByPath(paths);
        Assert.Equal((1L, 100m, 0L), byPath["spring>" + JourneyLabels.NoCampaign]);
        Assert.Equal((1L, 50m, 0L), byPath["kol-jan>kol-jan"]);
    }

    [Fact]
    public void Paths_DateRange_CountsConversionsInsideIt()
    {
        var paths = Load(new JourneyQuery(From: new DateOnly(2026, 1, 5), To: new DateOnly(2026, 1, 31)));

        var byPath = ByPath(paths);
        // Conversions on Jan 5 and 6 only: d2 (search) and e1 (kol); c1 has no touch. a's direct on Jan 10 never converts.
        Assert.Equal((1L, 20m, 0L), byPath["search"]);
        Assert.Equal((1L, 10m, 0L), byPath["kol"]);
        Assert.Equal((0L, 0m, 1L), byPath["direct"]);
        Assert.Equal(3, byPath.Count);
        Assert.Equal(1, paths.ConversionsWithoutTouches);
    }

    [Fact]
    public void PathsByMonth_SplitsByConversionMonthAndLastTouch()
    {
        Load(new JourneyQuery());

        var months = new JourneyQueries(Store).PathsByMonth(new JourneyQuery());

        var january = months[new YearMonth(2026, 1)];
        Assert.Equal(ByPath(new JourneyQueries(Store).Paths(new JourneyQuery(To: new DateOnly(2026, 1, 31)))), ByPath(january));
        Assert.Equal(1, january.ConversionsWithoutTouches);
        var february = months[new YearMonth(2026, 2)];
        Assert.Empty(february.Paths);
        Assert.Equal((1L, 70m), (february.ConversionsWithoutTouches, february.RevenueWithoutTouches));
        Assert.Equal(2, months.Count);
    }

    [Fact]
    public void CostPaths_CarryEachPathsProductCost()
    {
        var paths = Load(new JourneyQuery());

        var costs = paths.CostPaths().ToDictionary(p => string.Join(">", p.Touches), p => p.Revenue);
        Assert.Equal(40m, costs["search>email"]);
        Assert.Equal(25m, costs["kol>kol"]);
        Assert.Equal(8m, costs["search"]);
        Assert.Equal(0m, costs["direct"]);
    }

    [Fact]
    public void TimedPaths_GiveEachTouchItsAgeAtConversion()
    {
        Load(new JourneyQuery());

        var timed = new JourneyQueries(Store).TimedPaths(new JourneyQuery());

        var a = timed.Single(p => p.Revenue == 100m);
        Assert.Equal([new TimedTouch("search", 3), new TimedTouch("email", 1)], a.Touches);
        var e = timed.Single(p => p.Revenue == 10m);
        Assert.Equal([new TimedTouch("kol", 0)], e.Touches);
        Assert.Equal(4, timed.Sum(p => p.Conversions));
    }

    [Fact]
    public void Paths_TotalConversions_EqualTheConversionsTable()
    {
        var paths = Load(new JourneyQuery());

        Assert.Equal(Count("conversions"), paths.Paths.Sum(p => p.Conversions) + paths.ConversionsWithoutTouches);
        Assert.Equal(280m, paths.Paths.Sum(p => p.Revenue) + paths.RevenueWithoutTouches);
    }
}

public sealed class JourneyQueriesTestsOnSqlite() : JourneyQueriesTests(StoreProvider.Sqlite);

public sealed class JourneyQueriesTestsOnPostgres() : JourneyQueriesTests(StoreProvider.Postgres);
