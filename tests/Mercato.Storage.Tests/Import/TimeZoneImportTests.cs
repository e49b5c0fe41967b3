using Mercato.Core.DataCenter;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Import;

/// <summary>A date alone in a timestamp means midnight in the workspace time zone.</summary>
public abstract class TimeZoneImportTests(StoreProvider provider) : StoreTest(provider)
{
    // Midnight of 2026-03-01 in Shanghai (UTC+8) is 2026-02-28T16:00:00Z.
    private static readonly long ShanghaiMidnight = Ms(2026, 2, 28, 16, 0);

    [Fact]
    public void TimeZone_IsUtcUntilSet()
    {
        Assert.Equal(TimeZoneInfo.Utc, Store.TimeZone);
    }

    [Fact]
    public void Import_DateAloneWithoutAWorkspaceZone_IsMidnightUtc()
    {
        ImportCsv(DataKinds.Activity, "user_id,timestamp,event\nu1,2026-03-01,view\n");

        Assert.Equal(Ms(2026, 3, 1), Scalar<long>("SELECT ts FROM activity"));
    }

    [Fact]
    public void Import_TimestampWithOffset_IgnoresTheWorkspaceZone()
    {
        Assert.True(Store.TrySetTimeZone("Asia/Shanghai"));

        ImportCsv(DataKinds.Activity, "user_id,timestamp,event\nu1,2026-03-01T00:00:00Z,view\nu2,2026-03-01T00:00:00-05:00,view\n");

        Assert.Equal([Ms(2026, 3, 1), Ms(2026, 3, 1, 5, 0)], Query<long>("SELECT ts FROM activity ORDER BY ts"));
    }

    [Fact]
    public void Import_SpendDates_AreCalendarDaysWhateverTheZone()
    {
        Assert.True(Store.TrySetTimeZone("Asia/Shanghai"));

        ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,1\n");

        Assert.Equal("2026-03-01", Scalar<string>("SELECT day FROM spend"));
    }

    [Fact]
    public void Import_DateAloneInAZoneWithDaylightSaving_UsesThatDaysOffset()
    {
        Assert.True(Store.TrySetTimeZone("America/New_York"));

        ImportCsv(DataKinds.Activity, "user_id,timestamp,event\nu1,2026-01-15,view\nu2,2026-07-15,view\n");

        Assert.Equal([Ms(2026, 1, 15, 5, 0), Ms(2026, 7, 15, 4, 0)], Query<long>("SELECT ts FROM activity ORDER BY ts"));
    }

    [Fact]
    public void Import_SameDateAloneReimportedAfterTheZoneChanged_IsANewInstant()
    {
        ImportCsv(DataKinds.Activity, "user_id,timestamp,event\nu1,2026-03-01,view\n");
        Assert.True(Store.TrySetTimeZone("Asia/Shanghai"));

        var second = ImportCsv(DataKinds.Activity, "user_id,timestamp,event\nu1,2026-03-01,view\n");

        Assert.Equal(1, second.Added);
        Assert.Equal([ShanghaiMidnight, Ms(2026, 3, 1)], Query<long>("SELECT ts FROM activity ORDER BY ts"));
    }
}

public sealed class TimeZoneImportTestsOnSqlite() : TimeZoneImportTests(StoreProvider.Sqlite);

public sealed class TimeZoneImportTestsOnPostgres() : TimeZoneImportTests(StoreProvider.Postgres);
