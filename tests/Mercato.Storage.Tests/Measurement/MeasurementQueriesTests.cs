using Mercato.Core.DataCenter;
using Mercato.Core.Measurement;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Measurement;

public abstract class MeasurementQueriesTests(StoreProvider provider) : StoreTest(provider)
{
    private MeasurementQueries Load()
    {
        ImportCsv(DataKinds.Spend, """
            date,channel,campaign,spend,impressions,clicks
            2026-01-01,search,a,10.5,100,10
            2026-01-31,search,b,4.5,,
            2026-02-01,search,a,1,10,1
            2026-01-15,kol,,200,5000,50
            """);
        ImportCsv(DataKinds.Costs, """
            month,channel,category,amount,kind
            2026-01,kol,kol_fee,300,variable
            2026-01,,staff,1000,fixed
            2026-01,,tools,50.25,fixed
            2026-03,,staff,1000,fixed
            """);
        return new MeasurementQueries(Store);
    }

    [Fact]
    public void Spend_SumsPerChannelAndMonth()
    {
        var spend = Load().Spend();

        Assert.Equal(
            [
                new ChannelMonthSpend("kol", new YearMonth(2026, 1), 200m, 5000, 50),
                new ChannelMonthSpend("search", new YearMonth(2026, 1), 15m, 100, 10),
                new ChannelMonthSpend("search", new YearMonth(2026, 2), 1m, 10, 1),
            ],
            spend);
    }

    [Fact]
    public void Spend_RespectsTheMonthRange()
    {
        var spend = Load().Spend(new YearMonth(2026, 2), new YearMonth(2026, 2));

        Assert.Equal(1m, Assert.Single(spend).Spend);
    }

    [Fact]
    public void Costs_SplitChannelAndDepartmentCosts()
    {
        var costs = Load().Costs();

        Assert.Equal(
            [
                new MonthCost(new YearMonth(2026, 1), null, 1050.25m),
                new MonthCost(new YearMonth(2026, 1), "kol", 300m),
                new MonthCost(new YearMonth(2026, 3), null, 1000m),
            ],
            costs);
    }

    [Fact]
    public void DailySpend_SumsPerDayAndChannel_AndDailyOutcomes_PerUtcDayOfTheConversion()
    {
        var queries = Load();
        ImportCsv(DataKinds.Spend, "date,channel,campaign,spend\n2026-01-01,search,c,0.25\n");
        ImportCsv(DataKinds.Conversions, """
            conversion_id,user_id,timestamp,revenue,cost
            o1,u,2026-05-02T23:59:59Z,5,2
            o2,v,2026-05-02T00:00:00Z,7.5,
            o3,w,2026-05-03T00:00:00+08:00,1,1
            """);

        Assert.Equal(
            [
                new ChannelDaySpend(new DateOnly(2026, 1, 1), "search", 10.75m),
                new ChannelDaySpend(new DateOnly(2026, 1, 15), "kol", 200m),
                new ChannelDaySpend(new DateOnly(2026, 1, 31), "search", 4.5m),
                new ChannelDaySpend(new DateOnly(2026, 2, 1), "search", 1m),
            ],
            queries.DailySpend());
        // o3 is 2026-05-02T16:00Z: the UTC day counts.
        Assert.Equal([new DayOutcome(new DateOnly(2026, 5, 2), 3, 13.5m, 3m)], queries.DailyOutcomes());
    }

    [Fact]
    public void Months_ListEveryMonthWithData()
    {
        var queries = Load();
        ImportCsv(DataKinds.Conversions, "conversion_id,user_id,timestamp,revenue\no1,u,2026-05-02T00:00:00Z,5\n");

        Assert.Equal([new YearMonth(2026, 1), new YearMonth(2026, 2), new YearMonth(2026, 3), new YearMonth(2026, 5)], queries.Months());
    }
}

public sealed class MeasurementQueriesTestsOnSqlite() : MeasurementQueriesTests(StoreProvider.Sqlite);

public sealed class MeasurementQueriesTestsOnPostgres() : MeasurementQueriesTests(StoreProvider.Postgres);
