using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using static Mercato.Core.Tests.Campaigns.Fx;

namespace Mercato.Core.Tests.Campaigns;

public class CampaignCalendarTests
{
    [Fact]
    public void Board_HasEveryStageInOrder_ThenCancelled_CampaignsByStartThenId()
    {
        var a = Launch("a") with { Start = D(3, 5) };
        var b = Launch("b");
        var c = InStage(Launch("c"), CampaignStage.Promotion, T0);

        var d = CancelledFrom(Launch("d"), CampaignStage.Promotion, T0);

        var board = CampaignCalendar.Board([a, c, b, d]);

        Assert.Equal([.. CampaignLifecycle.Stages, CampaignStage.Cancelled], board.Select(col => col.Stage));
        Assert.Equal(["b", "a"], board[0].Campaigns.Select(x => x.Id));
        Assert.Equal(["c"], board[2].Campaigns.Select(x => x.Id));
        Assert.Empty(board[4].Campaigns);
        Assert.Equal(["d"], board[5].Campaigns.Select(x => x.Id));
    }

    [Fact]
    public void Month_BarsMilestonesSessionsAndConflicts()
    {
        var feb = Launch("feb-mar") with
        {
            Start = D(2, 20), End = D(3, 5),
            Milestones = [new("Wrap-up", D(3, 5)), new("Kick-off", D(2, 20), true), new("Report", D(3, 3), true)],
        };
        var march = Launch("march") with { Start = D(3, 10), End = D(4, 10), Codes = ["M"] };
        var april = Launch("april") with { Start = D(4, 1), End = D(4, 30), Codes = ["A"] };
        var squads = new[]
        {
            SquadFor("feb-mar", "s1"),
            new Squad("s2", "Two", [new("li-na", SquadRole.Lead)], D(3, 1), D(4, 30), ["march", "april"]),
        };
        var sessions = new[]
        {
            new LiveStreamSession("live-1", "M", HostKind.Staff, "li-na", At(3, 31, 20), At(3, 31, 22), 10, 5, 0, 0, 0m),
            new LiveStreamSession("live-2", "M", HostKind.Staff, "li-na", At(4, 1, 20), At(4, 1, 22), 10, 5, 0, 0, 0m),
        };

        var cal = CampaignCalendar.Month(new YearMonth(2026, 3), [april, march, feb], squads, sessions, today: D(3, 4));

        Assert.Equal(new DateRange(D(3, 1), D(3, 31)), cal.Days);
        Assert.Equal(
            [
                new CalendarBar("feb-mar", "BP monitor launch", CampaignType.ProductLaunch, CampaignStage.Planning, new DateRange(D(3, 1), D(3, 5)), true, false),
                new CalendarBar("march", "BP monitor launch", CampaignType.ProductLaunch, CampaignStage.Planning, new DateRange(D(3, 10), D(3, 31)), false, true),
            ],
            cal.Campaigns);
        Assert.Equal(
            [new CalendarMilestone("feb-mar", "Report", D(3, 3), true, false), new CalendarMilestone("feb-mar", "Wrap-up", D(3, 5), false, false)],
            cal.Milestones);
        Assert.Equal(["live-1"], cal.Sessions.Select(s => s.SessionId));
        // li-na sits in s1 (feb-mar, to 5 March) and s2 (march from 10 March): no shared campaign days in March.
        Assert.Empty(cal.Conflicts);

        var later = CampaignCalendar.Month(new YearMonth(2026, 3), [feb], [], [], today: D(3, 6));
        Assert.True(later.Milestones.Single(m => m.Name == "Wrap-up").Overdue);
    }

    [Fact]
    public void Month_ReportsDoubleBookingsOnItsDays()
    {
        var a = Launch("a");
        var b = Launch("b") with { Codes = ["B"] };
        var squads = new[] { SquadFor("a", "s1"), SquadFor("b", "s2") };

        var cal = CampaignCalendar.Month(new YearMonth(2026, 3), [a, b], squads);

        Assert.Equal(
            [("li-na", new DateRange(D(3, 1), D(3, 31))), ("wang-wei", new DateRange(D(3, 1), D(3, 31)))],
            cal.Conflicts.Select(c => (c.Person, c.Days)));
    }

    [Fact]
    public void CodeMap_JoinsCodesExactly_FirstClaimWins()
    {
        var map = CampaignCalendar.CodeMap([Launch("a"), Launch("b") with { Codes = ["BP-LAUNCH", "B"] }]);

        Assert.Equal("a", map["BP-LAUNCH"]);
        Assert.Equal("b", map["B"]);
        Assert.False(map.ContainsKey("bp-launch"));
    }
}
