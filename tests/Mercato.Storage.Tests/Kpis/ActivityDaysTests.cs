using System.Globalization;
using System.Text;
using System.Text.Json;
using Mercato.Core.DataCenter;
using Mercato.Core.Demo;
using Mercato.Core.Kpis;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Kpis;

/// <summary>
/// The one-pass activity days against the SQL they replaced (<see cref="ActivitySqlOracle"/>), over the small demo and over
/// random data stored in random order, in zones with daylight saving; several periods in one call against one at a time;
/// and the kept figures against a later import.
/// </summary>
public class ActivityDaysTests() : StoreTest(StoreProvider.Sqlite)
{
    private static readonly DemoOptions Small = new(42, DemoScale.Small, new YearMonth(2026, 3));

    [Theory]
    [InlineData("UTC")]
    [InlineData("Europe/Berlin")]
    [InlineData("Pacific/Chatham")]
    public void SmallDemo_EveryMonthAndQuarter_MatchesTheSqlItReplaced(string zone)
    {
        var truth = new DemoData(Store).Load(Small).Truth;
        Assert.True(Store.TrySetTimeZone(zone));
        var queries = new KpiQueries(Store);
        var months = Enumerable.Range(-1, 14).Select(i => KpiPeriod.Month(truth.FirstMonth.AddMonths(i))).ToList();
        var quarters = new[] { 2025, 2026 }.SelectMany(y => Enumerable.Range(1, 4).Select(q => KpiPeriod.Quarter(y, q)));

        foreach (var period in months.Concat(quarters))
        {
            AssertSameActivity(ActivitySqlOracle.Figures(Store, period), queries.Figures(period).Activity, period);
        }
    }

    [Theory]
    [InlineData("UTC", 1)]
    [InlineData("Europe/Berlin", 2)]
    [InlineData("Australia/Lord_Howe", 3)]
    [InlineData("America/New_York", 4)]
    public void RandomEventsInRandomOrder_EveryRunOfDays_MatchTheSqlItReplaced(string zone, int seed)
    {
        Assert.Equal(ImportStatus.Committed, ImportCsv(DataKinds.Activity, RandomActivity(seed)).Status);
        Assert.True(Store.TrySetTimeZone(zone));
        var queries = new KpiQueries(Store);

        // Runs of 1, 3, 7, 31 and 92 days starting every 5 days from before the data to after it: a DST day, days without
        // events, the first and last day of data, periods past either end.
        var first = new DateOnly(2026, 2, 20);
        foreach (var length in new[] { 1, 3, 7, 31, 92 })
        {
            for (var from = first; from <= new DateOnly(2026, 6, 10); from = from.AddDays(5))
            {
                var period = KpiPeriod.Of(from, from.AddDays(length - 1));
                AssertSameActivity(ActivitySqlOracle.Figures(Store, period), queries.Figures(period).Activity, period);
            }
        }
    }

    [Fact]
    public void NoActivity_GivesNoActivityFigures()
    {
        Assert.Equal(ImportStatus.Committed, ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-10,search,10\n").Status);

        var figures = new KpiQueries(Store).Figures(KpiPeriod.Month(new YearMonth(2026, 3)));

        Assert.Null(figures.Activity);
        Assert.NotNull(figures.Spend);
    }

    [Fact]
    public void SeveralPeriodsInOneCall_EqualEachComputedAlone()
    {
        var truth = new DemoData(Store).Load(Small).Truth;
        var periods = Enumerable.Range(0, 6).Select(i => KpiPeriod.Month(truth.FirstMonth.AddMonths(i + 3)))
            .Append(KpiPeriod.Quarter(2025, 4))
            .Append(KpiPeriod.Of(new DateOnly(2025, 12, 20), new DateOnly(2026, 1, 10)))
            .ToList();

        var together = new KpiQueries(Store).Compute(periods);

        Assert.Equal(periods.Count, together.Count);
        for (var i = 0; i < periods.Count; i++)
        {
            Assert.Equal(periods[i], together[i].Period);
            Assert.Equal(Json(new KpiQueries(Store).Compute(periods[i])), Json(together[i]));
        }
    }

    [Fact]
    public void SeveralPeriods_OnHandMadeData_EqualEachAlone_AndTheSamePeriodTwiceIsOneFigure()
    {
        Assert.Equal(ImportStatus.Committed, ImportCsv(DataKinds.Activity, RandomActivity(7)).Status);
        var march = KpiPeriod.Month(new YearMonth(2026, 3));
        var april = KpiPeriod.Month(new YearMonth(2026, 4));
        var queries = new KpiQueries(Store);

        var figures = queries.Figures([march, april, march]);

        Assert.Equal(Json(new KpiQueries(Store).Figures(march)), Json(figures[0]));
        Assert.Equal(Json(new KpiQueries(Store).Figures(april)), Json(figures[1]));
        Assert.Same(figures[0], figures[2]);
        Assert.Same(figures[1], queries.Figures(april));
    }

    [Fact]
    public void UsersAndContent_AreTheirExactBytes_AsTheSqlItReplacedSaw()
    {
        Assert.Equal(ImportStatus.Committed, ImportCsv(DataKinds.Activity, ActivityDaysStoreTests.ExactBytesCsv).Status);
        var period = KpiPeriod.Of(new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 10));

        AssertSameActivity(ActivitySqlOracle.Figures(Store, period), new KpiQueries(Store).Figures(period).Activity!, period);
    }

    /// <summary>
    /// About 2,000 events of 60 users over 2026-03 to 2026-05 (Berlin's and New York's spring DST, Lord Howe's autumn one),
    /// in random order: every event word, session seconds on some, content ids on some, users with a repeated signup,
    /// instants near local midnights.
    /// </summary>
    private static string RandomActivity(int seed)
    {
        var random = new Random(seed);
        string[] events = ["signup", "install", "login", "view", "share", "like", "comment", "favorite", "post", "publish", "logout"];
        var rows = new List<string>();
        var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        for (var u = 0; u < 60; u++)
        {
            var joined = start.AddHours(random.Next(0, 24 * 80)).AddMinutes(random.Next(0, 60));
            var user = "u" + u.ToString(CultureInfo.InvariantCulture);
            if (random.Next(4) > 0)
            {
                rows.Add(Row(user, joined, random.Next(2) == 0 ? "signup" : "install", random.Next(3) == 0 ? 30 : null, null));
            }

            var active = random.Next(1, 60);
            for (var e = 0; e < active; e++)
            {
                // Days 0 to 40 after joining, some at 23:00-01:00 UTC.
                var at = joined.AddDays(random.Next(-3, 41)).AddMinutes(random.Next(-90, 90));
                var word = events[random.Next(events.Length)];
                var content = word is "login" or "logout" or "signup" or "install" ? null : "c" + random.Next(40).ToString(CultureInfo.InvariantCulture);
                rows.Add(Row(user, at, word, random.Next(3) == 0 ? random.Next(0, 3600) : null, content));
            }
        }

        var text = new StringBuilder("user_id,timestamp,event,session_seconds,content_id\n");
        foreach (var row in rows.OrderBy(_ => random.Next()))
        {
            text.Append(row).Append('\n');
        }

        return text.ToString();

        static string Row(string user, DateTimeOffset at, string word, int? seconds, string? content) => string.Create(
            CultureInfo.InvariantCulture, $"{user},{at:yyyy-MM-dd'T'HH:mm:ss'Z'},{word},{seconds},{content}");
    }

    private static void AssertSameActivity(ActivityFigures? expected, ActivityFigures? actual, KpiPeriod period)
    {
        Assert.True((expected is null) == (actual is null), $"{period}: {expected} vs {actual}");
        if (expected is null)
        {
            return;
        }

        Assert.True(expected with { Cohorts = [] } == actual! with { Cohorts = [] }, $"{period}:\n{expected}\n{actual}");
        Assert.True(expected.Cohorts.SequenceEqual(actual.Cohorts), $"{period} cohorts:\n{string.Join("\n", expected.Cohorts)}\n---\n{string.Join("\n", actual.Cohorts)}");
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
