using Mercato.Core.Access;
using Mercato.Core.DataCenter;
using Mercato.Core.Listening;
using Mercato.Features.Access;
using Mercato.Features.Settings;

namespace Mercato.Features.Listening;

/// <summary>Which mentions a front door lists.</summary>
/// <param name="From">First day (workspace zone); with <paramref name="To"/>, or neither.</param>
/// <param name="To">Last day.</param>
/// <param name="Source">A source word.</param>
/// <param name="Label">positive, negative, neutral or not_scored.</param>
/// <param name="Term">A watched term.</param>
/// <param name="Text">Words the text contains.</param>
/// <param name="Limit">Page size, 1 to 500 (default 50).</param>
/// <param name="Offset">Mentions skipped (default 0).</param>
public sealed record MentionFilter(
    DateOnly? From = null, DateOnly? To = null, string? Source = null, string? Label = null, string? Term = null, string? Text = null,
    int Limit = 50, int Offset = 0);

/// <summary>A page of mentions over a window.</summary>
/// <param name="From">First day.</param>
/// <param name="To">Last day.</param>
/// <param name="Page">The mentions and their total.</param>
public sealed record MentionList(DateOnly From, DateOnly To, MentionPage Page);

/// <summary>Top terms of a window: overall by count, and per week by tf-idf.</summary>
/// <param name="From">First day.</param>
/// <param name="To">Last day.</param>
/// <param name="Mentions">Mentions read (the newest, at most <see cref="MentionUseCases.MaxTermTexts"/>).</param>
/// <param name="Overall">The most frequent words of the window.</param>
/// <param name="Weeks">Per week (Monday first, the window's ends cut), its top words by tf-idf across the weeks.</param>
public sealed record TopTermsReport(DateOnly From, DateOnly To, long Mentions, IReadOnlyList<TermWeight> Overall, IReadOnlyList<WeekTerms> Weeks);

/// <summary>One week's top words.</summary>
/// <param name="From">Its first day in the window.</param>
/// <param name="To">Its last day in the window.</param>
/// <param name="Terms">Top words by tf-idf.</param>
public sealed record WeekTerms(DateOnly From, DateOnly To, IReadOnlyList<TermWeight> Terms);

/// <summary>
/// Public opinion over stored mentions, for every front door: the summary (days, terms, share of voice, sources,
/// spikes; Core's <see cref="ListeningReport"/>), pages of mentions with filters, top terms, and the rescore after a
/// lexicon or watch-list change. A window defaults to the 30 days ending on the day of the newest mention. Reading needs
/// <see cref="Permission.ReadReports"/>; the rescore, which writes every mention again, <see cref="Permission.Import"/>.
/// </summary>
public sealed class MentionUseCases(
    IMentionStore mentions, WatchListUseCases watch, SettingsUseCases settings, MentionReading reading, DataVersionCache cache, TimeProvider time,
    OutcomeLog log, AccessGuard guard, Audit.AuditUseCases audit)
{
    /// <summary>The longest window, in days.</summary>
    public const int MaxDays = 366;

    /// <summary>The default window, in days.</summary>
    public const int DefaultDays = 30;

    /// <summary>Mention texts read for top terms at most (the newest of the window).</summary>
    public const int MaxTermTexts = 50_000;

    /// <summary>The label words a filter takes.</summary>
    public static IReadOnlyList<string> Labels { get; } = EnumWords.All<SentimentLabel>();

    /// <summary>The summary of a window.</summary>
    public async Task<Outcome<ListeningSummary>> SummaryAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        var window = await WindowAsync(from, to, cancellationToken).ConfigureAwait(false);
        if (window.Value is not { } w)
        {
            return Outcome<ListeningSummary>.Invalid(window.Problems);
        }

        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var list = await watch.StoredAsync(cancellationToken).ConfigureAwait(false);
        // Kept until the data, the zone or the watch list changes (the list is a document: its version is in the key).
        return Outcome<ListeningSummary>.Ok(await cache.FigureAsync(FormattableString.Invariant($"listening summary {w} watch {list.Version}"), zone, [DataKinds.Mentions], async () =>
        {
            var (start, end) = Bounds(w, zone);
            var hourly = await mentions.HourlyAsync(LocalTime.MidnightIn(w.Start.AddDays(-ListeningReport.History), zone), end, cancellationToken).ConfigureAwait(false);
            var sources = await mentions.BySourceAsync(start, end, cancellationToken).ConfigureAwait(false);
            return ListeningReport.Build(w.Start, w.End, zone, hourly, sources, list.Value);
        }, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A page of mentions, newest first.</summary>
    public async Task<Outcome<MentionList>> ListAsync(MentionFilter filter, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        ArgumentNullException.ThrowIfNull(filter);
        var problems = new List<Problem>();
        if (filter.Source is { } source && !EnumWords.TryParse<MentionSource>(source, out _))
        {
            problems.Add(Problem.Of("source", CommonCodes.NotOneOf, ("value", source), ("expected", EnumWords.All<MentionSource>())));
        }

        if (filter.Label is { } label && !Labels.Contains(label, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add(Problem.Of("label", CommonCodes.NotOneOf, ("value", label), ("expected", Labels)));
        }

        if (filter.Limit is < 1 or > 500)
        {
            problems.Add(Problem.Of("limit", CommonCodes.OutOfRange, ("value", filter.Limit), ("min", 1), ("max", 500)));
        }

        if (filter.Offset < 0)
        {
            problems.Add(Problem.Of("offset", CommonCodes.OutOfRange, ("value", filter.Offset), ("min", 0), ("max", int.MaxValue)));
        }

        var window = await WindowAsync(filter.From, filter.To, cancellationToken).ConfigureAwait(false);
        problems.AddRange(window.Problems);
        if (problems.Count > 0 || window.Value is not { } w)
        {
            return Outcome<MentionList>.Invalid(problems);
        }

        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var (start, end) = Bounds(w, zone);
        var sourceWord = filter.Source is { } s1 && EnumWords.TryParse<MentionSource>(s1, out var parsed) ? EnumWords.Word(parsed) : null;
        var page = await mentions.ListAsync(new MentionQuery(start, end, sourceWord, filter.Label?.ToLowerInvariant(), Blank(filter.Term), Blank(filter.Text),
            filter.Limit, filter.Offset), cancellationToken).ConfigureAwait(false);
        return Outcome<MentionList>.Ok(new MentionList(w.Start, w.End, page));
    }

    /// <summary>Top terms of a window.</summary>
    public async Task<Outcome<TopTermsReport>> TermsAsync(DateOnly? from, DateOnly? to, int top, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        if (top is < 1 or > 100)
        {
            return Outcome<TopTermsReport>.Invalid([Problem.Of("top", CommonCodes.OutOfRange, ("value", top), ("min", 1), ("max", 100))]);
        }

        var window = await WindowAsync(from, to, cancellationToken).ConfigureAwait(false);
        if (window.Value is not { } w)
        {
            return Outcome<TopTermsReport>.Invalid(window.Problems);
        }

        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var stored = await watch.StoredAsync(cancellationToken).ConfigureAwait(false);
        return Outcome<TopTermsReport>.Ok(await cache.FigureAsync(FormattableString.Invariant($"listening terms {w} top {top} watch {stored.Version}"), zone, [DataKinds.Mentions],
            () => TermsAsync(w, top, zone, stored.Value, cancellationToken), cancellationToken).ConfigureAwait(false));
    }

    private async Task<TopTermsReport> TermsAsync(DateRange w, int top, TimeZoneInfo zone, WatchList list, CancellationToken cancellationToken)
    {
        var leaveOut = list.Terms.SelectMany(t => t.Spellings).SelectMany(s => MentionWords.Of(s).Append(s.ToLowerInvariant())).ToHashSet(StringComparer.Ordinal);
        var weeks = Weeks(w);
        var words = new List<string>[weeks.Count];
        for (var i = 0; i < weeks.Count; i++)
        {
            words[i] = [];
        }

        long read = 0;
        foreach (var week in weeks.Select((range, index) => (range, index)))
        {
            var (ws, we) = Bounds(week.range, zone);
            var texts = await mentions.TextsAsync(ws, we, MaxTermTexts, cancellationToken).ConfigureAwait(false);
            read += texts.Count;
            foreach (var text in texts)
            {
                words[week.index].AddRange(MentionWords.Of(text, reading.Segmenter));
            }
        }

        var overall = words.SelectMany(x => x).Where(x => !leaveOut.Contains(x)).GroupBy(x => x, StringComparer.Ordinal)
            .Select(g => new TermWeight(g.Key, g.Count(), g.Count()))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Term, StringComparer.Ordinal).Take(top).ToList();
        var ranked = TopTerms.ByPeriod(words, top, leaveOut);
        return new TopTermsReport(w.Start, w.End, read, overall, [.. weeks.Select((range, i) => new WeekTerms(range.Start, range.End, ranked[i]))]);
    }

    /// <summary>Reads every stored mention again with the current models and watch list; one batch records it.</summary>
    public async Task<RescoreCounts> RescoreAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.Import);
        var annotator = await reading.AnnotatorAsync(cancellationToken).ConfigureAwait(false);
        var counts = await mentions.RescoreAsync(m => annotator.Annotate(m.Text, m.LanguageGiven), cancellationToken).ConfigureAwait(false);
        log.Noted(Outcome.Ok(), "mentions rescore", counts.BatchId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await audit.RecordAsync("rescore", "mentions", counts.BatchId.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        return counts;
    }

    /// <summary>The window asked for, or the default: the 30 days ending on the newest mention's day (today without mentions).</summary>
    private async Task<Outcome<DateRange?>> WindowAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var given = DayWindows.Given(from, to, MaxDays);
        if (!given.IsOk || given.Value is not null)
        {
            return given;
        }

        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var span = await mentions.SpanAsync(cancellationToken).ConfigureAwait(false);
        var last = span is { } sp ? LocalTime.DayOf(sp.Last, zone) : LocalTime.Today(time, zone);
        return Outcome<DateRange?>.Ok(new DateRange(last.AddDays(1 - DefaultDays), last));
    }

    private static (DateTimeOffset Start, DateTimeOffset End) Bounds(DateRange range, TimeZoneInfo zone) =>
        (LocalTime.MidnightIn(range.Start, zone), LocalTime.MidnightIn(range.End.AddDays(1), zone));

    /// <summary>Monday-to-Sunday weeks, the first and last cut to the window.</summary>
    private static List<DateRange> Weeks(DateRange window)
    {
        var weeks = new List<DateRange>();
        var start = window.Start;
        while (start <= window.End)
        {
            var sunday = start.AddDays((7 - (int)start.DayOfWeek) % 7);
            var end = sunday < window.End ? sunday : window.End;
            weeks.Add(new DateRange(start, end));
            start = end.AddDays(1);
        }

        return weeks;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
