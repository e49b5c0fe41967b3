using Mercato.Core.DataCenter;
using Mercato.Core.Measurement;
using Mercato.Core.Measurement.Cohorts;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Measurement;

public abstract class CohortQueriesTests(StoreProvider provider) : StoreTest(provider)
{
    // u1: search Jan 1; orders Jan 3 (100, cost 40), Feb 10 (50, 20), Apr 5 (30, 10): January search cohort.
    // u2: email Jan 5; order Jan 6 (80, 30): January email cohort.
    // u3: order Feb 2 (60, 25) with no touch: February, no touch.
    // u4: search 2025-11-01, 80 days before its order Jan 20 (40, 10): beyond the lookback, so January, no touch.
    [Fact]
    public void Cohorts_GroupUsersByFirstOrderAndLastTouchBeforeIt()
    {
        ImportCsv(DataKinds.Touchpoints, """
            user_id,timestamp,channel
            u1,2026-01-01T00:00:00Z,search
            u2,2026-01-05T00:00:00Z,email
            u4,2025-11-01T00:00:00Z,search
            """);
        ImportCsv(DataKinds.Conversions, """
            conversion_id,user_id,timestamp,revenue,cost
            a,u1,2026-01-03T00:00:00Z,100,40
            b,u1,2026-02-10T00:00:00Z,50,20
            c,u1,2026-04-05T00:00:00Z,30,10
            d,u2,2026-01-06T00:00:00Z,80,30
            e,u3,2026-02-02T00:00:00Z,60,25
            f,u4,2026-01-20T00:00:00Z,40,10
            """);

        var data = new CohortQueries(Store).Cohorts();

        var jan = new YearMonth(2026, 1);
        var feb = new YearMonth(2026, 2);
        Assert.Equal(
            [
                new CohortSize(jan, CohortLabels.NoTouch, 1), new CohortSize(jan, "email", 1), new CohortSize(jan, "search", 1),
                new CohortSize(feb, CohortLabels.NoTouch, 1),
            ],
            data.Sizes);
        Assert.Equal(
            [
                new CohortProfit(jan, CohortLabels.NoTouch, 0, 30m), new CohortProfit(jan, "email", 0, 50m),
                new CohortProfit(jan, "search", 0, 60m), new CohortProfit(jan, "search", 1, 30m), new CohortProfit(jan, "search", 3, 20m),
                new CohortProfit(feb, CohortLabels.NoTouch, 0, 35m),
            ],
            data.Profits);
    }
}

public sealed class CohortQueriesTestsOnSqlite() : CohortQueriesTests(StoreProvider.Sqlite);

public sealed class CohortQueriesTestsOnPostgres() : CohortQueriesTests(StoreProvider.Postgres);
