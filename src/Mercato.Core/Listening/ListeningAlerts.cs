using System.Globalization;
using Mercato.Core.Alerts;
using Mercato.Core.Anomalies;
using Mercato.Core.DataCenter;

namespace Mercato.Core.Listening;

/// <summary>
/// The listening findings the alert center takes (docs/listening.md, "Alerts"). Over the <see cref="HistoryDays"/> days
/// before now, per completed UTC hour: the volume of all mentions and of each watched term is scanned by
/// <see cref="AnomalyDetector"/> (hourly, weekly season); an upward anomaly that was still running in the last
/// <see cref="RecentHours"/> hours is a finding: <c>risk_term</c> for a risk term, else <c>listening_spike</c>. Per local
/// day, the negative share is scanned by <see cref="NegativeSurge"/>; a surge on today or yesterday is a
/// <c>negative_surge</c>; per completed UTC hour too (baseline: the week before), a surge within the last
/// <see cref="RecentHours"/> hours that no daily surge of its day already reports is a <c>negative_surge</c> of its hour. Severity: severe at a score of 10 or a value of 5 × the expected (a negative share of 50%), else
/// warning. Every finding is owned by the function <c>public_opinion_monitoring</c>. The key names the series and the
/// anomaly's first hour or day, so later evaluations update the same alert.
/// </summary>
public static class ListeningAlerts
{
    /// <summary>Days of history read: the hourly detector's four-week warm-up and a week to judge.</summary>
    public const int HistoryDays = 36;

    /// <summary>An anomaly is reported when it ran within this many hours before now.</summary>
    public const int RecentHours = 48;

    /// <summary>The function that owns listening alerts.</summary>
    public const string OwnerFunction = "public_opinion_monitoring";

    /// <summary>The findings at <paramref name="now"/>.</summary>
    /// <param name="hourly">The store's hourly counts from <see cref="HistoryDays"/> days before <paramref name="now"/>.</param>
    /// <param name="watch">The watch list.</param>
    /// <param name="now">The evaluation instant.</param>
    /// <param name="zone">The workspace zone (days of the negative share).</param>
    /// <returns>The candidates, volume spikes first.</returns>
    public static IReadOnlyList<AlertCandidate> Find(IReadOnlyList<MentionHourCount> hourly, WatchList watch, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(hourly);
        ArgumentNullException.ThrowIfNull(watch);
        ArgumentNullException.ThrowIfNull(zone);
        var end = now.ToUnixTimeSeconds() / 3600;
        var first = end - (HistoryDays * 24);
        var length = (int)(end - first);
        var all = new double[length];
        var terms = watch.Terms.ToDictionary(t => t.Term, _ => new double[length], StringComparer.Ordinal);
        var firstDay = LocalTime.DayOf(first * 3_600_000, zone);
        var lastDay = LocalTime.DayOf(now, zone);
        var days = new LabelCounts[lastDay.DayNumber - firstDay.DayNumber + 1];
        Array.Fill(days, LabelCounts.Zero);
        var hours = new LabelCounts[length];
        Array.Fill(hours, LabelCounts.Zero);
        foreach (var h in hourly)
        {
            if (h.Hour < first || h.Hour > end)
            {
                continue;
            }

            var day = ListeningReport.LocalDay(h.Hour, zone).DayNumber - firstDay.DayNumber;
            if (day >= 0 && day < days.Length)
            {
                days[day] = days[day].Add(h.Label, h.Mentions, h.Reach);
            }

            if (h.Hour == end)
            {
                continue;
            }

            var i = (int)(h.Hour - first);
            all[i] += h.Mentions;
            hours[i] = hours[i].Add(h.Label, h.Mentions, h.Reach);
            foreach (var term in MentionTerms.Split(h.Terms))
            {
                if (terms.TryGetValue(term, out var series))
                {
                    series[i] += h.Mentions;
                }
            }
        }

        var found = new List<AlertCandidate>();
        found.AddRange(Spikes("all mentions", AlertKind.ListeningSpike, all, first));
        foreach (var t in watch.Terms)
        {
            found.AddRange(Spikes(t.Term, t.Kind == WatchKind.Risk ? AlertKind.RiskTerm : AlertKind.ListeningSpike, terms[t.Term], first));
        }

        var surgingDays = new HashSet<DateOnly>();
        foreach (var run in NegativeSurge.Scan(days).Where(r => r.End >= days.Length - 2))
        {
            for (var d = run.Start; d <= run.End; d++)
            {
                surgingDays.Add(firstDay.AddDays(d));
            }

            var start = LocalTime.MidnightIn(firstDay.AddDays(run.Start), zone);
            var runEnd = run.End == days.Length - 1 ? (DateTimeOffset?)null : LocalTime.MidnightIn(firstDay.AddDays(run.End + 1), zone);
            var span = days.Skip(run.Start).Take(run.End - run.Start + 1).ToList();
            found.Add(new AlertCandidate(
                AlertKind.NegativeSurge, "negative_surge:" + firstDay.AddDays(run.Start).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                run.Share >= 0.5 ? AlertSeverity.Severe : AlertSeverity.Warning, "negative share", start,
                new AlertEvidence("negative share per day", run.Share, run.Expected, run.Z, start, runEnd, LocalTime.MidnightIn(firstDay.AddDays(run.Peak), zone), null,
                [
                    new("mentions", span.Sum(d => d.Mentions).ToString(CultureInfo.InvariantCulture)),
                    new("negative", span.Sum(d => d.Negative).ToString(CultureInfo.InvariantCulture)),
                    new("scored", span.Sum(d => d.Scored).ToString(CultureInfo.InvariantCulture)),
                    new("rule", "binomial z ≥ 3.5, share ≥ baseline + 10 points, ≥ 20 scored and ≥ 10 negative a day"),
                ]),
                OwnerFunction));
        }

        foreach (var run in NegativeSurge.Scan(hours, NegativeSurge.BaselineHours).Where(r => r.End >= hours.Length - RecentHours))
        {
            var start = Hour(first + run.Start);
            if (surgingDays.Contains(LocalTime.DayOf(start, zone)))
            {
                continue;
            }

            var span = hours.Skip(run.Start).Take(run.End - run.Start + 1).ToList();
            found.Add(new AlertCandidate(
                AlertKind.NegativeSurge, string.Create(CultureInfo.InvariantCulture, $"negative_surge:{start:yyyy-MM-ddTHH}"),
                run.Share >= 0.5 ? AlertSeverity.Severe : AlertSeverity.Warning, "negative share", start,
                new AlertEvidence("negative share per hour", run.Share, run.Expected, run.Z, start, run.End == hours.Length - 1 ? null : Hour(first + run.End + 1),
                    Hour(first + run.Peak), null,
                [
                    new("mentions", span.Sum(d => d.Mentions).ToString(CultureInfo.InvariantCulture)),
                    new("negative", span.Sum(d => d.Negative).ToString(CultureInfo.InvariantCulture)),
                    new("scored", span.Sum(d => d.Scored).ToString(CultureInfo.InvariantCulture)),
                    new("rule", "binomial z ≥ 3.5 against the week before, share ≥ baseline + 10 points, ≥ 20 scored and ≥ 10 negative an hour"),
                ]),
                OwnerFunction));
        }

        return found;
    }

    private static IEnumerable<AlertCandidate> Spikes(string series, AlertKind kind, double[] values, long first)
    {
        if (values.Length < AnomalyDetector.MinimumPoints(AnomalyPeriod.Hour))
        {
            yield break;
        }

        var scan = AnomalyDetector.Scan(values, AnomalyPeriod.Hour, new AnomalyOptions());
        foreach (var a in scan.Anomalies.Where(a => a.Direction == AnomalyDirection.Up && a.End >= values.Length - RecentHours))
        {
            var start = Hour(first + a.Start);
            var running = a.End == values.Length - 1;
            var severe = a.Score >= 10 || a.Value >= 5 * Math.Max(a.Expected, 1);
            var mentions = values.Skip(a.Start).Take(a.End - a.Start + 1).Sum();
            yield return new AlertCandidate(
                kind, string.Create(CultureInfo.InvariantCulture, $"{EnumWords.Word(kind)}:{series}:{start:yyyy-MM-ddTHH}"),
                severe ? AlertSeverity.Severe : AlertSeverity.Warning, series, start,
                new AlertEvidence("mentions per hour", a.Value, a.Expected, a.Score, start, running ? null : Hour(first + a.End + 1), Hour(first + a.Peak), null,
                [
                    new("mentions", mentions.ToString(CultureInfo.InvariantCulture)),
                    new("hours", (a.End - a.Start + 1).ToString(CultureInfo.InvariantCulture)),
                    new("rule", "hourly volume ≥ 3.5 robust standard deviations above the same hour of the weekday, +5 and ≥ 10 mentions"),
                ]),
                OwnerFunction);
        }
    }

    private static DateTimeOffset Hour(long hour) => DateTimeOffset.FromUnixTimeSeconds(hour * 3600);
}
