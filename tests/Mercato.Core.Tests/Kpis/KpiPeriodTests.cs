using Mercato.Core.Kpis;

namespace Mercato.Core.Tests.Kpis;

public class KpiPeriodTests
{
    [Fact]
    public void Month_RunsFromTheFirstToTheLastDay()
    {
        var february = KpiPeriod.Month(new YearMonth(2028, 2));

        Assert.Equal((new DateOnly(2028, 2, 1), new DateOnly(2028, 2, 29), 29), (february.From, february.To, february.Days));
        Assert.Equal("2028-02", february.ToString());
    }

    [Fact]
    public void Quarter_RunsOverThreeMonths()
    {
        var q4 = KpiPeriod.Quarter(2026, 4);

        Assert.Equal((new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31), 92), (q4.From, q4.To, q4.Days));
        Assert.Equal("2026-Q4", q4.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiPeriod.Quarter(2026, 5));
    }

    [Fact]
    public void For_ATargetPeriod_CoversItsDays()
    {
        Assert.Equal(KpiPeriod.Quarter(2026, 1), KpiPeriod.For(Period.Parse("2026-Q1")));
        Assert.Equal(KpiPeriod.Month(new YearMonth(2026, 2)), KpiPeriod.For(Period.Parse("2026-02")));
    }

    [Fact]
    public void OtherRuns_AreWrittenAsFromAndTo()
    {
        Assert.Equal("2026-03-01..2026-03-15", KpiPeriod.Of(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 15)).ToString());
        Assert.Equal("2026-02-01..2026-04-30", KpiPeriod.Of(new DateOnly(2026, 2, 1), new DateOnly(2026, 4, 30)).ToString());
        Assert.Equal(1, KpiPeriod.Of(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 1)).Days);
    }

    [Fact]
    public void AReversedRun_IsRefused()
    {
        Assert.False(KpiPeriod.TryCreate(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 1), out var period));
        Assert.Null(period);
        Assert.Throws<ArgumentException>(() => KpiPeriod.Of(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 1)));
    }
}
