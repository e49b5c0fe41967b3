using System.Text.Json.Serialization;
using Mercato.Core.DataCenter;

namespace Mercato.Core.Campaigns;

/// <summary>A person's load over a range of days (<see cref="Workload.Compute"/>).</summary>
/// <param name="Person">The person's id.</param>
/// <param name="Name">Their name (the id when they are not in the directory).</param>
/// <param name="Unit">Their unit id, or null when they are not in the directory.</param>
/// <param name="Squads">Squads they sit in whose time box overlaps the range, by id.</param>
/// <param name="Campaigns">The campaigns of those squads whose schedule overlaps the range, by id.</param>
/// <param name="Peak">The most squads they sit in on one day of the range.</param>
/// <param name="Average">Σ over the range's days of the squads they sit in that day / the range's days.</param>
/// <param name="BusyDays">Days of the range with at least one squad.</param>
/// <param name="StretchedDays">Days of the range with more than <see cref="Workload.MaxConcurrentSquads"/> squads.</param>
public sealed record PersonWorkload(
    string Person, string Name, string? Unit, IReadOnlyList<string> Squads, IReadOnlyList<string> Campaigns,
    int Peak, double Average, int BusyDays, int StretchedDays)
{
    /// <summary>Whether the person is stretched: on some day they sit in more than <see cref="Workload.MaxConcurrentSquads"/> squads at once.</summary>
    public bool Stretched => StretchedDays > 0;
}

/// <summary>What kind of double booking a <see cref="CalendarConflict"/> is; written in snake_case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConflictKind>))]
public enum ConflictKind
{
    /// <summary>A person in two squads working on two different campaigns that run on the same days.</summary>
    [JsonStringEnumMemberName("squad_double_booking")]
    SquadDoubleBooking,

    /// <summary>A host (staff or influencer) hosting two live-stream sessions that overlap in time.</summary>
    [JsonStringEnumMemberName("live_stream_overlap")]
    LiveStreamOverlap,
}

/// <summary>A person booked twice at once.</summary>
/// <param name="Kind">Squad double booking or live-stream overlap.</param>
/// <param name="Person">The person id (for an influencer host, the name).</param>
/// <param name="First">The first squad or session id (the earlier, then ordinal).</param>
/// <param name="Second">The second squad or session id.</param>
/// <param name="FirstCampaign">The campaign on the first side (id for squads, code for sessions), or null.</param>
/// <param name="SecondCampaign">The campaign on the second side, or null.</param>
/// <param name="Days">The local days the two bookings share.</param>
/// <param name="From">For sessions, when the overlap starts; null for squads.</param>
/// <param name="To">For sessions, when the overlap ends; null for squads.</param>
/// <param name="Code"><see cref="CampaignCodes.SquadDoubleBooking"/> or <see cref="CampaignCodes.LiveStreamOverlap"/>.</param>
/// <param name="Args">The person, the two squads or sessions, their campaigns and the days or times they share.</param>
public sealed record CalendarConflict(
    ConflictKind Kind, string Person, string First, string Second, string? FirstCampaign, string? SecondCampaign,
    DateRange Days, DateTimeOffset? From, DateTimeOffset? To, string Code, MessageArgs Args) : ICodedMessage;

/// <summary>
/// Who is stretched and who is booked twice: pure functions over the people, squads, campaigns and live-stream sessions.
/// </summary>
public static class Workload
{
    /// <summary>A person is stretched on a day when they sit in more than 2 squads at once (3 or more).</summary>
    public const int MaxConcurrentSquads = 2;

    /// <summary>
    /// The workload of every person of <paramref name="people"/> and of every squad member not in it, over
    /// <paramref name="range"/>: per day the number of squads whose time box contains the day and that count the person
    /// as a member; the peak, the average over the range's days, the busy and stretched days. A squad whose campaigns are
    /// all cancelled does not count (a cancelled campaign frees its people), and cancelled campaigns are not listed. Ordered by peak, then
    /// average (both descending), then person id (ordinal).
    /// </summary>
    public static IReadOnlyList<PersonWorkload> Compute(DateRange range, IEnumerable<Person> people, IEnumerable<Squad> squads, IEnumerable<Campaign> campaigns)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(squads);
        ArgumentNullException.ThrowIfNull(campaigns);
        if (!range.IsValid)
        {
            throw new ArgumentException("the range ends before it starts: " + range, nameof(range));
        }

        var directory = people.GroupBy(p => p.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var byId = campaigns.GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var schedules = byId.Values.Where(c => c.Stage != CampaignStage.Cancelled)
            .ToDictionary(c => c.Id, c => c.Schedule, StringComparer.Ordinal);
        var active = squads.Where(s => s.TimeBox.Overlaps(range) && !Freed(s, byId)).ToList();
        var ids = directory.Keys.Concat(active.SelectMany(s => s.Members.Select(m => m.Person))).Distinct(StringComparer.Ordinal);
        var result = new List<PersonWorkload>();
        foreach (var id in ids)
        {
            var mine = active.Where(s => s.Members.Any(m => string.Equals(m.Person, id, StringComparison.Ordinal)))
                .OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
            int peak = 0, busy = 0, stretched = 0;
            long total = 0;
            foreach (var day in range.EachDay())
            {
                var count = mine.Count(s => s.TimeBox.Contains(day));
                total += count;
                peak = Math.Max(peak, count);
                busy += count > 0 ? 1 : 0;
                stretched += count > MaxConcurrentSquads ? 1 : 0;
            }

            var campaignIds = mine.SelectMany(s => s.Campaigns)
                .Where(c => schedules.TryGetValue(c, out var sched) && sched.Overlaps(range))
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var person = directory.GetValueOrDefault(id);
            result.Add(new PersonWorkload(id, person?.Name ?? id, person?.Unit, [.. mine.Select(s => s.Id)], campaignIds,
                peak, (double)total / range.Days, busy, stretched));
        }

        return [.. result.OrderByDescending(w => w.Peak).ThenByDescending(w => w.Average).ThenBy(w => w.Person, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Calendar conflicts, ordered by first day, then kind, person, first and second id, campaigns.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Squad double booking: person P sits in two different squads A and B; a ∈ A's campaigns and b ∈ B's campaigns are two
    /// different campaigns, neither closed nor cancelled; and the days D = A's time box ∩ B's time box ∩ a's schedule ∩ b's schedule
    /// (∩ <paramref name="range"/> when given) are not empty. The schedule stands for the campaign's publicity and promotion
    /// days, so a calendar can warn about next month before either campaign reaches the promotion stage. Two squads of one
    /// campaign are not a conflict: it is the same work. One conflict per (P, A, B, a, b).
    /// </para>
    /// <para>
    /// Live-stream overlap: one host (same kind; a person id, or an influencer name ignoring case) hosts two sessions whose
    /// [start, end) intervals intersect; back-to-back sessions (one ends when the next starts) are fine. Days are the local
    /// dates of the overlap in <paramref name="zone"/> (UTC by default); with <paramref name="range"/> only overlaps touching
    /// it are reported.
    /// </para>
    /// </remarks>
    public static IReadOnlyList<CalendarConflict> Conflicts(
        IEnumerable<Squad> squads, IEnumerable<Campaign> campaigns, IEnumerable<LiveStreamSession>? sessions = null,
        DateRange? range = null, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(squads);
        ArgumentNullException.ThrowIfNull(campaigns);
        var byId = campaigns.GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var list = squads.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        var result = new List<CalendarConflict>();
        for (var i = 0; i < list.Count; i++)
        {
            for (var j = i + 1; j < list.Count; j++)
            {
                var (a, b) = (list[i], list[j]);
                if (a.TimeBox.Intersect(b.TimeBox) is not { } both)
                {
                    continue;
                }

                var shared = a.Members.Select(m => m.Person).Intersect(b.Members.Select(m => m.Person), StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal).ToList();
                if (shared.Count == 0)
                {
                    continue;
                }

                foreach (var ca in Live(a, byId))
                {
                    foreach (var cb in Live(b, byId))
                    {
                        if (string.Equals(ca.Id, cb.Id, StringComparison.Ordinal)
                            || both.Intersect(ca.Schedule) is not { } d1 || d1.Intersect(cb.Schedule) is not { } d2)
                        {
                            continue;
                        }

                        if (range is { } r)
                        {
                            if (d2.Intersect(r) is not { } clipped)
                            {
                                continue;
                            }

                            d2 = clipped;
                        }

                        foreach (var person in shared)
                        {
                            result.Add(new CalendarConflict(ConflictKind.SquadDoubleBooking, person, a.Id, b.Id, ca.Id, cb.Id, d2, null, null,
                                CampaignCodes.SquadDoubleBooking, MessageArgs.Of(("person", person), ("first", a.Id), ("second", b.Id),
                                    ("first_campaign", ca.Id), ("second_campaign", cb.Id), ("from", d2.Start), ("to", d2.End))));
                        }
                    }
                }
            }
        }

        var tz = zone ?? TimeZoneInfo.Utc;
        foreach (var host in (sessions ?? []).GroupBy(s => (s.HostKind, Key: s.HostKind == HostKind.Influencer ? s.Host.Trim().ToUpperInvariant() : s.Host)))
        {
            var ordered = host.Where(s => s.End > s.Start).OrderBy(s => s.Start).ThenBy(s => s.SessionId, StringComparer.Ordinal).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                for (var j = i + 1; j < ordered.Count && ordered[j].Start < ordered[i].End; j++)
                {
                    var (s1, s2) = (ordered[i], ordered[j]);
                    var from = s2.Start;
                    var to = s1.End < s2.End ? s1.End : s2.End;
                    var days = new DateRange(LocalTime.DayOf(from, tz), LocalTime.DayOf(to.AddTicks(-1), tz));
                    if (range is { } r && !days.Overlaps(r))
                    {
                        continue;
                    }

                    var who = s1.Host.Trim();
                    result.Add(new CalendarConflict(ConflictKind.LiveStreamOverlap, who, s1.SessionId, s2.SessionId, s1.Campaign, s2.Campaign, days, from, to,
                        CampaignCodes.LiveStreamOverlap, MessageArgs.Of(("person", who), ("first", s1.SessionId), ("second", s2.SessionId), ("from", from), ("to", to))));
                }
            }
        }

        return [.. result
            .OrderBy(c => c.Days.Start)
            .ThenBy(c => c.Kind)
            .ThenBy(c => c.Person, StringComparer.Ordinal)
            .ThenBy(c => c.First, StringComparer.Ordinal)
            .ThenBy(c => c.Second, StringComparer.Ordinal)
            .ThenBy(c => c.FirstCampaign, StringComparer.Ordinal)
            .ThenBy(c => c.SecondCampaign, StringComparer.Ordinal)];
    }

    /// <summary>A squad that works on campaigns, every one of them cancelled: its people are free again.</summary>
    private static bool Freed(Squad squad, Dictionary<string, Campaign> byId) =>
        squad.Campaigns.Count > 0
        && squad.Campaigns.All(id => byId.TryGetValue(id, out var c) && c.Stage == CampaignStage.Cancelled);

    private static IEnumerable<Campaign> Live(Squad squad, Dictionary<string, Campaign> byId) =>
        squad.Campaigns.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(id => byId.GetValueOrDefault(id))
            .OfType<Campaign>()
            .Where(c => !CampaignLifecycle.IsTerminal(c.Stage) && c.Schedule.IsValid);
}
