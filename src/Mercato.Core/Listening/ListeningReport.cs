using Mercato.Core.Anomalies;
using Mercato.Core.DataCenter;

namespace Mercato.Core.Listening;

/// <summary>Counts of mentions by label.</summary>
/// <param name="Mentions">All mentions.</param>
/// <param name="Positive">Labelled positive.</param>
/// <param name="Negative">Labelled negative.</param>
/// <param name="Neutral">Labelled neutral.</param>
/// <param name="NotScored">In a language no scorer reads.</param>
/// <param name="Reach">Reach, summed.</param>
public sealed record LabelCounts(long Mentions, long Positive, long Negative, long Neutral, long NotScored, long Reach)
{
    /// <summary>No mentions.</summary>
    public static LabelCounts Zero { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>Negative ÷ scored (positive + negative + neutral); null when none is scored.</summary>
    public double? NegativeShare => Scored > 0 ? (double)Negative / Scored : null;

    /// <summary>(Positive − negative) ÷ scored, −1 to +1; null when none is scored.</summary>
    public double? NetSentiment => Scored > 0 ? (double)(Positive - Negative) / Scored : null;

    /// <summary>Mentions with a label other than not scored.</summary>
    public long Scored => Positive + Negative + Neutral;

    /// <summary>These counts plus <paramref name="count"/> mentions labelled <paramref name="label"/> with <paramref name="reach"/>.</summary>
    /// <param name="label">The label word.</param>
    /// <param name="count">How many.</param>
    /// <param name="reach">Their reach.</param>
    /// <returns>The sum.</returns>
    public LabelCounts Add(string label, long count, long reach) => label switch
    {
        "positive" => this with { Mentions = Mentions + count, Positive = Positive + count, Reach = Reach + reach },
        "negative" => this with { Mentions = Mentions + count, Negative = Negative + count, Reach = Reach + reach },
        "neutral" => this with { Mentions = Mentions + count, Neutral = Neutral + count, Reach = Reach + reach },
        _ => this with { Mentions = Mentions + count, NotScored = NotScored + count, Reach = Reach + reach },
    };
}

/// <summary>One local day of mentions.</summary>
/// <param name="Day">The day in the workspace zone.</param>
/// <param name="Counts">Its mentions by label.</param>
public sealed record ListeningDay(DateOnly Day, LabelCounts Counts);

/// <summary>A watched term's mentions over the window.</summary>
/// <param name="Term">The term.</param>
/// <param name="Kind">Brand, product, competitor or risk.</param>
/// <param name="Counts">Its mentions by label.</param>
public sealed record TermCounts(string Term, WatchKind Kind, LabelCounts Counts);

/// <summary>One brand's share of the voice of all watched brands (the workspace's and its competitors').</summary>
/// <param name="Term">The brand term.</param>
/// <param name="Kind">Brand (the workspace's own) or competitor.</param>
/// <param name="Mentions">Mentions naming it.</param>
/// <param name="Share">Its mentions ÷ the sum over all brand and competitor terms (a mention naming two brands counts for each).</param>
/// <param name="NetSentiment">(Positive − negative) ÷ scored, of its mentions.</param>
public sealed record VoiceShare(string Term, WatchKind Kind, long Mentions, double Share, double? NetSentiment);

/// <summary>One source's mentions over the window.</summary>
/// <param name="Source">The source word.</param>
/// <param name="Counts">Its mentions by label.</param>
/// <param name="MeanScore">The mean sentiment score of its scored mentions.</param>
public sealed record SourceCounts(string Source, LabelCounts Counts, double? MeanScore);

/// <summary>A spike found in a series of mentions.</summary>
/// <param name="Series">What was watched: <c>all</c>, a term, or <c>negative_share</c>.</param>
/// <param name="Start">The first hour or day of the spike.</param>
/// <param name="End">The end of its last hour or day (exclusive).</param>
/// <param name="Peak">The start of its peak hour or day.</param>
/// <param name="Value">The value at the peak (mentions, or the negative share).</param>
/// <param name="Expected">The expected value at the peak.</param>
/// <param name="Score">The peak's score: robust standard deviations for volumes, the binomial z for the negative share.</param>
/// <param name="Mentions">Mentions in the spike.</param>
public sealed record MentionSpike(string Series, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset Peak, double Value, double Expected, double Score, long Mentions);

/// <summary>A window of public opinion: totals, days, terms, share of voice, sources, languages and spikes.</summary>
/// <param name="From">First day (workspace zone).</param>
/// <param name="To">Last day.</param>
/// <param name="Totals">All mentions of the window.</param>
/// <param name="Days">Every day of the window.</param>
/// <param name="Terms">Every watched term, in list order.</param>
/// <param name="ShareOfVoice">The brand and competitor terms, largest share first.</param>
/// <param name="Sources">By source, most mentions first.</param>
/// <param name="Languages">Mentions by stored language (empty: undetected), most first.</param>
/// <param name="Spikes">Daily spikes of volume, per term and of the negative share that overlap the window, by start.</param>
public sealed record ListeningSummary(
    DateOnly From, DateOnly To, LabelCounts Totals, IReadOnlyList<ListeningDay> Days, IReadOnlyList<TermCounts> Terms,
    IReadOnlyList<VoiceShare> ShareOfVoice, IReadOnlyList<SourceCounts> Sources, IReadOnlyList<KeyValuePair<string, long>> Languages,
    IReadOnlyList<MentionSpike> Spikes);

/// <summary>
/// The listening report from the store's aggregates: mentions per local day and label, per watched term, share of voice,
/// sentiment by source; spikes by <see cref="AnomalyDetector"/> on daily volumes (all mentions and each term) and by
/// <see cref="NegativeSurge"/> on the daily negative share. The detectors see the <see cref="History"/> days before the
/// window as their baseline.
/// </summary>
public static class ListeningReport
{
    /// <summary>Days before a window the detectors read as baseline: the daily detector's warm-up and four weeks.</summary>
    public const int History = 35;

    /// <summary>The report.</summary>
    /// <param name="from">First day of the window.</param>
    /// <param name="to">Last day of the window.</param>
    /// <param name="zone">The workspace zone (an hour belongs to the local day its start falls on).</param>
    /// <param name="hourly">The store's hourly counts from <see cref="History"/> days before <paramref name="from"/> to the end of <paramref name="to"/>.</param>
    /// <param name="sources">The store's counts by source over the window.</param>
    /// <param name="watch">The watch list.</param>
    /// <returns>The summary.</returns>
    public static ListeningSummary Build(
        DateOnly from, DateOnly to, TimeZoneInfo zone, IReadOnlyList<MentionHourCount> hourly, IReadOnlyList<MentionSourceCount> sources, WatchList watch)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(hourly);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(watch);
        var first = from.AddDays(-History);
        var dayCount = to.DayNumber - first.DayNumber + 1;
        var all = new LabelCounts[dayCount];
        Array.Fill(all, LabelCounts.Zero);
        var termDays = watch.Terms.ToDictionary(t => t.Term, _ => Filled(dayCount), StringComparer.Ordinal);
        foreach (var h in hourly)
        {
            var day = LocalDay(h.Hour, zone).DayNumber - first.DayNumber;
            if (day < 0 || day >= dayCount)
            {
                continue;
            }

            all[day] = all[day].Add(h.Label, h.Mentions, h.Reach);
            foreach (var term in MentionTerms.Split(h.Terms))
            {
                if (termDays.TryGetValue(term, out var series))
                {
                    series[day] = series[day].Add(h.Label, h.Mentions, h.Reach);
                }
            }
        }

        var skip = History;
        var days = all.Skip(skip).Select((c, i) => new ListeningDay(from.AddDays(i), c)).ToList();
        var totals = days.Aggregate(LabelCounts.Zero, (a, d) => Sum(a, d.Counts));
        var terms = watch.Terms.Select(t => new TermCounts(t.Term, t.Kind, termDays[t.Term].Skip(skip).Aggregate(LabelCounts.Zero, Sum))).ToList();
        var brands = terms.Where(t => t.Kind is WatchKind.Brand or WatchKind.Competitor).ToList();
        var voice = brands.Sum(b => b.Counts.Mentions);
        var shares = brands
            .Select(b => new VoiceShare(b.Term, b.Kind, b.Counts.Mentions, voice > 0 ? (double)b.Counts.Mentions / voice : 0, b.Counts.NetSentiment))
            .OrderByDescending(v => v.Mentions).ThenBy(v => v.Term, StringComparer.Ordinal).ToList();
        var bySource = sources.GroupBy(s => s.Source, StringComparer.Ordinal)
            .Select(g =>
            {
                var counts = g.Aggregate(LabelCounts.Zero, (a, s) => a.Add(s.Label, s.Mentions, s.Reach));
                var scored = g.Where(s => s.Label != "not_scored").ToList();
                var n = scored.Sum(s => s.Mentions);
                return new SourceCounts(g.Key, counts, n > 0 ? scored.Sum(s => s.ScoreSum) / n : null);
            })
            .OrderByDescending(s => s.Counts.Mentions).ThenBy(s => s.Source, StringComparer.Ordinal).ToList();
        var languages = sources.GroupBy(s => s.Language, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, long>(g.Key, g.Sum(s => s.Mentions)))
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();

        var spikes = new List<MentionSpike>();
        var windowStart = Midnight(from, zone);
        var dayStarts = Enumerable.Range(0, dayCount).Select(i => Midnight(first.AddDays(i), zone)).Append(Midnight(to.AddDays(1), zone)).ToArray();
        spikes.AddRange(DailySpikes("all", all, dayStarts));
        foreach (var t in watch.Terms)
        {
            spikes.AddRange(DailySpikes(t.Term, termDays[t.Term], dayStarts));
        }

        spikes.AddRange(NegativeSurge.Scan(all).Select(s => new MentionSpike(
            "negative_share", dayStarts[s.Start], dayStarts[s.End + 1], dayStarts[s.Peak], s.Share, s.Expected, s.Z,
            all.Skip(s.Start).Take(s.End - s.Start + 1).Sum(c => c.Mentions))));
        return new ListeningSummary(from, to, totals, days, terms, shares, bySource, languages,
            [.. spikes.Where(s => s.End > windowStart).OrderBy(s => s.Start).ThenBy(s => s.Series, StringComparer.Ordinal)]);
    }

    /// <summary>The local day an hour (hours since the epoch, UTC) starts on.</summary>
    /// <param name="hour">Hours since the Unix epoch.</param>
    /// <param name="zone">The zone.</param>
    /// <returns>The local day.</returns>
    public static DateOnly LocalDay(long hour, TimeZoneInfo zone) => LocalTime.DayOf(hour * 3_600_000, zone);

    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone) => LocalTime.MidnightIn(day, zone);

    private static IEnumerable<MentionSpike> DailySpikes(string series, LabelCounts[] days, DateTimeOffset[] dayStarts)
    {
        if (days.Length < AnomalyDetector.MinimumPoints(AnomalyPeriod.Day))
        {
            return [];
        }

        var scan = AnomalyDetector.Scan([.. days.Select(d => (double)d.Mentions)], AnomalyPeriod.Day, new AnomalyOptions());
        return scan.Anomalies.Where(a => a.Direction == AnomalyDirection.Up).Select(a => new MentionSpike(
            series, dayStarts[a.Start], dayStarts[a.End + 1], dayStarts[a.Peak], a.Value, a.Expected, a.Score,
            days.Skip(a.Start).Take(a.End - a.Start + 1).Sum(d => d.Mentions)));
    }

    private static LabelCounts[] Filled(int count)
    {
        var series = new LabelCounts[count];
        Array.Fill(series, LabelCounts.Zero);
        return series;
    }

    private static LabelCounts Sum(LabelCounts a, LabelCounts b) =>
        new(a.Mentions + b.Mentions, a.Positive + b.Positive, a.Negative + b.Negative, a.Neutral + b.Neutral, a.NotScored + b.NotScored, a.Reach + b.Reach);
}
