using Mercato.Core.Measurement;
using Mercato.Core.Mix;

namespace Mercato.Core.Tests.Mix;

public class MixWorkspaceTests
{
    [Fact]
    public void DaysBecomeWholeMondayWeeks_SumsExact_PartialWeeksDropped()
    {
        // Wednesday 2025-01-01 to Sunday 2025-03-02: the first whole week starts Monday 6 January; 8 weeks to 2 March.
        var first = new DateOnly(2025, 1, 1);
        var days = Enumerable.Range(0, 61).Select(first.AddDays).ToArray();
        var spend = days.SelectMany(d => new[]
        {
            new ChannelDaySpend(d, "search", 10m + (d.DayNumber / 7 % 5) + (d.DayNumber % 3)),
            new ChannelDaySpend(d, "flat", d.DayOfWeek == DayOfWeek.Monday && d.Day < 8 ? 5m : 0m),
        }).ToArray();
        var outcomes = days.Select(d => new DayOutcome(d, 2, 100m, 40m)).ToArray();

        var weekly = MixWorkspace.Weekly(spend, outcomes, MixOutcomeKind.GrossProfit, [new MixEvent("618", new DateOnly(2025, 1, 6), new DateOnly(2025, 1, 8))], []);

        Assert.Equal(new DateOnly(2025, 1, 6), weekly.Data.Periods[0]);
        Assert.Equal(8, weekly.Data.Periods.Count);
        Assert.All(weekly.Data.Outcome, y => Assert.Equal(7 * 60.0, y));
        var search = Assert.Single(weekly.Data.Channels);
        Assert.Equal("search", search.Name);
        Assert.Equal(Enumerable.Range(0, 7).Select(k => new DateOnly(2025, 1, 6).AddDays(k).DayNumber).Sum(n => 10.0 + (n / 7 % 5) + (n % 3)), search.Values[0]);
        Assert.Equal(MixCodes.LeftOut, Assert.Single(weekly.LeftOut).Code);
        var control = Assert.Single(weekly.Data.Controls);
        Assert.Equal("618", control.Name);
        Assert.Equal(3.0 / 7, control.Values[0], 12);
        Assert.Equal(0, control.Values[1]);
    }

    [Fact]
    public void TheCalendar_KnowsTheSpringFestivalWeek_618_AndDouble11()
    {
        var events = MixCalendar.ChineseRetail(2026, 2026);

        Assert.Contains(new MixEvent("spring_festival", new DateOnly(2026, 2, 16), new DateOnly(2026, 2, 23)), events);
        Assert.Contains(new MixEvent("618", new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 18)), events);
        Assert.Contains(new MixEvent("double_11", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 11)), events);
    }

    [Fact]
    public void AWorkspaceEvent_IsASnakeCaseName_NotReserved_OfUpToAQuarter()
    {
        var day = new DateOnly(2026, 5, 20);
        Assert.Empty(MixEvents.Problems(new MixEvent("brand_day_2", day, day)));
        Assert.Empty(MixEvents.Problems(new MixEvent("expo", day, day.AddDays(MixEvents.MaxDays - 1))));
        Assert.Equal([MixCodes.EventBadDates], MixEvents.Problems(new MixEvent("expo", day, day.AddDays(MixEvents.MaxDays))).Select(p => p.Code));
        Assert.Equal([MixCodes.EventBadDates], MixEvents.Problems(new MixEvent("expo", day, day.AddDays(-1))).Select(p => p.Code));
        foreach (var bad in new[] { "", "Brand", "brand day", "_x", "品牌日", new string('a', MixEvents.MaxName + 1) })
        {
            Assert.Equal([MixCodes.EventBadName], MixEvents.Problems(new MixEvent(bad, day, day)).Select(p => p.Code));
        }

        foreach (var reserved in new[] { "spring_festival", "618", "double_11", "campaigns" })
        {
            Assert.Equal([MixCodes.EventReserved], MixEvents.Problems(new MixEvent(reserved, day, day)).Select(p => p.Code));
        }

        Assert.Equal("expo@2026-05-20", MixEvents.IdOf(new MixEvent("expo", day, day)));
    }
}
