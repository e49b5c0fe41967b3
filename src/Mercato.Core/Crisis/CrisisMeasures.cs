using Mercato.Core.Campaigns;
using Mercato.Core.Listening;

namespace Mercato.Core.Crisis;

/// <summary>The mentions of a case's terms over one window.</summary>
/// <param name="From">First instant (inclusive).</param>
/// <param name="To">Last instant (exclusive).</param>
/// <param name="Counts">The mentions by label; <see cref="LabelCounts.NegativeShare"/> is negative ÷ scored.</param>
public sealed record CrisisWindow(DateTimeOffset From, DateTimeOffset To, LabelCounts Counts);

/// <summary>The figures of a case.</summary>
/// <param name="TimeToFirstResponse">The first statement's approval − the case's opening; null before any approval.</param>
/// <param name="TimeToResolution">The closing − the opening; null while not closed.</param>
/// <param name="Before">The <see cref="CrisisMeasures.SideDays"/> days before the window start.</param>
/// <param name="During">From the window start to the closing (or now).</param>
/// <param name="After">From the closing to <see cref="CrisisMeasures.SideDays"/> days later (or now, when sooner); null while not closed.</param>
public sealed record CrisisFigures(TimeSpan? TimeToFirstResponse, TimeSpan? TimeToResolution, CrisisWindow Before, CrisisWindow During, CrisisWindow? After);

/// <summary>One entry of a case's timeline: an event of the case, or an hour of mentions.</summary>
/// <param name="At">When (the start of the hour for mentions).</param>
/// <param name="What">The event's action word (<c>opened</c>, <c>drafted</c>, ...) or <c>mentions</c>.</param>
/// <param name="Actor">Who, for an event.</param>
/// <param name="Detail">The statement and the status change or note, for an event.</param>
/// <param name="Volume">The hour's mentions of the case's terms by label, for <c>mentions</c>.</param>
public sealed record CrisisTimelineEntry(DateTimeOffset At, string What, string? Actor, string? Detail, LabelCounts? Volume);

/// <summary>A campaign running during a case, with whether pausing it is suggested and why.</summary>
/// <param name="Id">The campaign's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Stage">Its stage.</param>
/// <param name="Start">Its first day.</param>
/// <param name="End">Its last day.</param>
/// <param name="PauseSuggested">Whether its name or a message of its kit holds a risky spelling.</param>
/// <param name="Matched">The risky spellings found, in the order checked.</param>
public sealed record CrisisCampaign(string Id, string Name, CampaignStage Stage, DateOnly Start, DateOnly End, bool PauseSuggested, IReadOnlyList<string> Matched);

/// <summary>
/// The measures of a crisis case, pure over the store's hourly mention counts (docs/listening.md, Crisis cases): the
/// figures, the timeline and the campaigns running at the time.
/// </summary>
public static class CrisisMeasures
{
    /// <summary>The days before the window start and after the closing that the figures compare.</summary>
    public const int SideDays = 7;

    /// <summary>What the figures need read: [window start − <see cref="SideDays"/>, closing + <see cref="SideDays"/> or now).</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Span(CrisisCase crisis, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        var end = crisis.ClosedAt is { } closed ? Min(closed.AddDays(SideDays), now) : now;
        return (crisis.WindowStart.AddDays(-SideDays), Max(end, crisis.WindowStart));
    }

    /// <summary>Whether a store row of matched terms (<c>|a|b|</c>) is about the case: it holds one of the case's terms; every row when the case has none.</summary>
    public static bool Matches(CrisisCase crisis, string storedTerms)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        return crisis.Terms.Count == 0 || crisis.Terms.Any(t => (storedTerms ?? "").Contains("|" + t + "|", StringComparison.Ordinal));
    }

    /// <summary>
    /// The figures: time to first response = the earliest approval of a statement − the opening; time to resolution =
    /// the closing − the opening; the mentions of the case's terms (a mention naming two of them counts once) by label in
    /// three windows, an hour counted in the window its start falls in: before [start − 7 days, start), during [start,
    /// closing or now), after [closing, min(closing + 7 days, now)) once closed.
    /// </summary>
    public static CrisisFigures Figures(CrisisCase crisis, IEnumerable<MentionHourCount> hourly, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        ArgumentNullException.ThrowIfNull(hourly);
        var rows = hourly.Where(h => Matches(crisis, h.Terms)).ToList();
        var start = crisis.WindowStart;
        var duringEnd = Max(crisis.ClosedAt ?? now, start);
        var before = Window(rows, start.AddDays(-SideDays), start);
        var during = Window(rows, start, duringEnd);
        var after = crisis.ClosedAt is { } closed ? Window(rows, closed, Max(Min(closed.AddDays(SideDays), now), closed)) : null;
        return new CrisisFigures(crisis.FirstResponseAt - crisis.OpenedAt, crisis.ClosedAt - crisis.OpenedAt, before, during, after);
    }

    /// <summary>
    /// The timeline: the case's events (its history) and, for each hour of [window start, closing or now) with mentions of
    /// the case's terms, the hour's counts; by time, an event before an hour starting at the same instant.
    /// </summary>
    public static IReadOnlyList<CrisisTimelineEntry> Timeline(CrisisCase crisis, IEnumerable<MentionHourCount> hourly, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        ArgumentNullException.ThrowIfNull(hourly);
        var from = crisis.WindowStart;
        var to = Max(crisis.ClosedAt ?? now, from);
        var events = crisis.History.Select(h => new CrisisTimelineEntry(h.At, EnumWords.Word(h.Action), h.Actor, Detail(h), null));
        var volume = hourly.Where(h => Matches(crisis, h.Terms))
            .GroupBy(h => h.Hour)
            .Select(g => (At: DateTimeOffset.FromUnixTimeSeconds(g.Key * 3600), Counts: g.Aggregate(LabelCounts.Zero, (c, h) => c.Add(h.Label, h.Mentions, h.Reach))))
            .Where(v => v.At >= from && v.At < to && v.Counts.Mentions > 0)
            .Select(v => new CrisisTimelineEntry(v.At, "mentions", null, null, v.Counts));
        return [.. events.Select(e => (Entry: e, Order: 0)).Concat(volume.Select(v => (Entry: v, Order: 1))).OrderBy(e => e.Entry.At).ThenBy(e => e.Order).Select(e => e.Entry)];
    }

    /// <summary>
    /// The campaigns running during the case: not cancelled, with days [start, end] overlapping [<paramref name="from"/>,
    /// <paramref name="to"/>]. Pausing is suggested when the campaign's name or a message of its content kit contains
    /// (ignoring case) one of the case's terms, an alias the watch list gives them, or a spelling (term or alias) of a
    /// risk term of the watch list.
    /// </summary>
    public static IReadOnlyList<CrisisCampaign> Running(CrisisCase crisis, IEnumerable<Campaign> campaigns, WatchList? watch, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        ArgumentNullException.ThrowIfNull(campaigns);
        var terms = watch?.Terms ?? [];
        var risky = crisis.Terms
            .Concat(terms.Where(t => crisis.Terms.Contains(t.Term, StringComparer.Ordinal)).SelectMany(t => t.Spellings))
            .Concat(terms.Where(t => t.Kind == WatchKind.Risk).SelectMany(t => t.Spellings))
            .Where(s => !string.IsNullOrWhiteSpace(s))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return
        [
            .. campaigns.Where(c => c.Stage != CampaignStage.Cancelled && c.Start <= to && c.End >= from)
                .OrderBy(c => c.Start).ThenBy(c => c.Id, StringComparer.Ordinal)
                .Select(c =>
                {
                    var texts = c.Kit.Messages.Prepend(c.Name).ToList();
                    var matched = risky.Where(s => texts.Any(t => t.Contains(s, StringComparison.OrdinalIgnoreCase))).ToList();
                    return new CrisisCampaign(c.Id, c.Name, c.Stage, c.Start, c.End, matched.Count > 0, matched);
                }),
        ];
    }

    private static CrisisWindow Window(List<MentionHourCount> rows, DateTimeOffset from, DateTimeOffset to)
    {
        var counts = LabelCounts.Zero;
        foreach (var h in rows)
        {
            var at = DateTimeOffset.FromUnixTimeSeconds(h.Hour * 3600);
            if (at >= from && at < to)
            {
                counts = counts.Add(h.Label, h.Mentions, h.Reach);
            }
        }

        return new CrisisWindow(from, to, counts);
    }

    private static string? Detail(CrisisChange h)
    {
        var parts = new List<string>();
        if (h.Statement is { } s)
        {
            parts.Add(s);
        }

        if (h.From is { } from && from != h.To)
        {
            parts.Add(EnumWords.Word(from) + " → " + EnumWords.Word(h.To));
        }

        if (h.Note is { } note)
        {
            parts.Add(note);
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
