using Mercato.Core.DataCenter;

namespace Mercato.Core.Campaigns;

/// <summary>A column of the board by lifecycle stage.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Campaigns">Its campaigns, by start then id.</param>
public sealed record StageColumn(CampaignStage Stage, IReadOnlyList<Campaign> Campaigns);

/// <summary>A campaign's bar on a month calendar.</summary>
/// <param name="Campaign">Campaign id.</param>
/// <param name="Name">Campaign name.</param>
/// <param name="Type">Campaign type.</param>
/// <param name="Stage">Stage.</param>
/// <param name="Days">Its schedule clipped to the month.</param>
/// <param name="StartsBefore">Whether it starts before the month.</param>
/// <param name="EndsAfter">Whether it ends after the month.</param>
public sealed record CalendarBar(string Campaign, string Name, CampaignType Type, CampaignStage Stage, DateRange Days, bool StartsBefore, bool EndsAfter);

/// <summary>A milestone on a month calendar.</summary>
/// <param name="Campaign">Campaign id.</param>
/// <param name="Name">Milestone name.</param>
/// <param name="Date">Due day.</param>
/// <param name="Done">Whether it is done.</param>
/// <param name="Overdue">Not done and due before today (false when no today is given).</param>
public sealed record CalendarMilestone(string Campaign, string Name, DateOnly Date, bool Done, bool Overdue);

/// <summary>A live-stream session on a month calendar.</summary>
/// <param name="SessionId">Session id.</param>
/// <param name="Campaign">Its campaign code, or null.</param>
/// <param name="HostKind">Staff or influencer.</param>
/// <param name="Host">Person id or influencer name.</param>
/// <param name="Start">Start.</param>
/// <param name="End">End.</param>
/// <param name="Day">The local day it starts.</param>
public sealed record CalendarSession(string SessionId, string? Campaign, HostKind HostKind, string Host, DateTimeOffset Start, DateTimeOffset End, DateOnly Day);

/// <summary>A month of campaigns, milestones, live streams and double bookings.</summary>
/// <param name="Month">The month.</param>
/// <param name="Days">Its first to last day.</param>
/// <param name="Campaigns">Campaigns running in the month, by start, then id.</param>
/// <param name="Milestones">Milestones due in the month, by date, then campaign, then name.</param>
/// <param name="Sessions">Sessions starting in the month, by start, then id.</param>
/// <param name="Conflicts">Double bookings on days of the month (<see cref="Workload.Conflicts"/>).</param>
public sealed record MonthCalendar(
    YearMonth Month, DateRange Days, IReadOnlyList<CalendarBar> Campaigns, IReadOnlyList<CalendarMilestone> Milestones,
    IReadOnlyList<CalendarSession> Sessions, IReadOnlyList<CalendarConflict> Conflicts);

/// <summary>The board by lifecycle stage, the month calendar, and the map from campaign codes to campaigns.</summary>
public static class CampaignCalendar
{
    /// <summary>
    /// The board: one column per stage in lifecycle order, then cancelled (empty columns included), campaigns by start, then id.
    /// </summary>
    public static IReadOnlyList<StageColumn> Board(IEnumerable<Campaign> campaigns)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        var list = campaigns.ToList();
        return [.. CampaignLifecycle.AllStages.Select(stage => new StageColumn(stage,
            [.. list.Where(c => c.Stage == stage).OrderBy(c => c.Start).ThenBy(c => c.Id, StringComparer.Ordinal)]))];
    }

    /// <summary>
    /// The calendar of <paramref name="month"/>: campaigns whose schedule overlaps it (clipped), milestones due in it
    /// (overdue when not done and before <paramref name="today"/>), live-stream sessions starting in it (local day in
    /// <paramref name="zone"/>, UTC by default), and the double bookings on its days.
    /// </summary>
    public static MonthCalendar Month(
        YearMonth month, IEnumerable<Campaign> campaigns, IEnumerable<Squad>? squads = null, IEnumerable<LiveStreamSession>? sessions = null,
        DateOnly? today = null, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        var tz = zone ?? TimeZoneInfo.Utc;
        var days = new DateRange(month.FirstDay, month.FirstDay.AddMonths(1).AddDays(-1));
        var list = campaigns.ToList();
        var sessionList = (sessions ?? []).ToList();
        var bars = list
            .Where(c => c.Schedule.Overlaps(days))
            .OrderBy(c => c.Start).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => new CalendarBar(c.Id, c.Name, c.Type, c.Stage, c.Schedule.Intersect(days)!.Value, c.Start < days.Start, c.End > days.End))
            .ToList();
        var milestones = list
            .SelectMany(c => c.Milestones.Where(m => days.Contains(m.Date))
                .Select(m => new CalendarMilestone(c.Id, m.Name, m.Date, m.Done, !m.Done && today is { } t && m.Date < t)))
            .OrderBy(m => m.Date).ThenBy(m => m.Campaign, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
        var calendarSessions = sessionList
            .Select(s => new CalendarSession(s.SessionId, s.Campaign, s.HostKind, s.Host, s.Start, s.End, LocalTime.DayOf(s.Start, tz)))
            .Where(s => days.Contains(s.Day))
            .OrderBy(s => s.Start).ThenBy(s => s.SessionId, StringComparer.Ordinal)
            .ToList();
        var conflicts = Workload.Conflicts(squads ?? [], list, sessionList, days, tz);
        return new MonthCalendar(month, days, bars, milestones, calendarSessions, conflicts);
    }

    /// <summary>
    /// Campaign code → campaign id, for joining facts (<c>spend.campaign</c>, <c>touchpoints.campaign</c>, a session's
    /// campaign) to campaigns. Codes match exactly (ordinal), as the store joins them; a code claimed twice keeps the first
    /// campaign (<see cref="CampaignValidation.CheckAll"/> reports the clash).
    /// </summary>
    public static IReadOnlyDictionary<string, string> CodeMap(IEnumerable<Campaign> campaigns)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in campaigns)
        {
            foreach (var code in c.Codes)
            {
                map.TryAdd(code, c.Id);
            }
        }

        return map;
    }
}
