using Dapper;
using Microsoft.Data.Sqlite;

namespace Mercato.Storage.Tests.Kpis;

public class LocalDaysTests
{
    [Theory]
    [InlineData("UTC")]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Shanghai")]
    [InlineData("Australia/Lord_Howe")]
    [InlineData("Pacific/Chatham")]
    public void DayNumberSql_AgreesWithTimeZoneInfo_EveryQuarterHourOfAYear(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var first = new DateOnly(2026, 1, 1);
        var last = new DateOnly(2026, 12, 31);
        var days = new LocalDays(zone, first, last);
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE t (ts INTEGER NOT NULL)");
        var start = days.StartOf(first);
        var end = days.StartOf(last.AddDays(1));
        using (var tx = connection.BeginTransaction())
        {
            for (var ms = start; ms < end; ms += 15 * 60_000)
            {
                // Both edges of every quarter hour, so a transition is caught on the millisecond.
                connection.Execute("INSERT INTO t VALUES (@a), (@b)", new { a = ms, b = ms - 1 }, tx);
            }

            tx.Commit();
        }

        var mismatches = connection.Query<(long Ts, long Day)>($"SELECT ts, {days.DayNumberSql("ts")} FROM t")
            .Where(r => r.Day != days.DayOf(r.Ts).DayNumber)
            .Take(3)
            .ToList();

        Assert.Empty(mismatches);
    }

    [Fact]
    public void StartOf_IsLocalMidnight_AndTheDstDayIs23HoursLong()
    {
        var days = new LocalDays(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));

        Assert.Equal(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), days.StartOf(new DateOnly(2026, 3, 29)));
        Assert.Equal(23 * 3_600_000L, days.StartOf(new DateOnly(2026, 3, 30)) - days.StartOf(new DateOnly(2026, 3, 29)));
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Shanghai")]
    [InlineData("Australia/Lord_Howe")]
    [InlineData("Pacific/Chatham")]
    public void LocalDayClock_AgreesWithTimeZoneInfo_EveryQuarterHourOfAYear_InAnyOrder(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var start = new DateTimeOffset(2025, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var end = new DateTimeOffset(2027, 1, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var instants = new List<long>();
        for (var ms = start; ms < end; ms += 15 * 60_000)
        {
            // Both edges of every quarter hour, so a transition is caught on the millisecond.
            instants.Add(ms);
            instants.Add(ms - 1);
        }

        var random = new Random(1);
        var clock = new LocalDayClock(zone);
        var mismatches = instants.OrderBy(_ => random.Next())
            .Where(ms => clock.DayNumber(ms) != DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(ms), zone).DateTime).DayNumber)
            .Take(3)
            .ToList();

        Assert.Empty(mismatches);
    }
}
