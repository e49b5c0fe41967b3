using System.Text.Json.Serialization;
using Mercato.Core.Measurement;

namespace Mercato.Core.Mix;

/// <summary>Which outcome of the workspace the model explains.</summary>
public enum MixOutcomeKind
{
    /// <summary>Revenue of the conversions.</summary>
    [JsonStringEnumMemberName("revenue")]
    Revenue,

    /// <summary>The number of conversions.</summary>
    [JsonStringEnumMemberName("conversions")]
    Conversions,

    /// <summary>Revenue − product cost.</summary>
    [JsonStringEnumMemberName("gross-profit")]
    GrossProfit,
}

/// <summary>A dated event that moves the outcome by itself (a holiday, a shopping festival, the workspace's own).</summary>
public sealed record MixEvent(string Name, DateOnly First, DateOnly Last);

/// <summary>The calendar controls Mercato knows: the Spring Festival, 618 and Double 11 (docs/mix-model.md, Controls).</summary>
public static class MixCalendar
{
    // The first day of the lunar year (Chinese New Year's Day), 2018 to 2030.
    private static readonly Dictionary<int, DateOnly> LunarNewYear = new()
    {
        [2018] = new(2018, 2, 16), [2019] = new(2019, 2, 5), [2020] = new(2020, 1, 25), [2021] = new(2021, 2, 12),
        [2022] = new(2022, 2, 1), [2023] = new(2023, 1, 22), [2024] = new(2024, 2, 10), [2025] = new(2025, 1, 29),
        [2026] = new(2026, 2, 17), [2027] = new(2027, 2, 6), [2028] = new(2028, 1, 26), [2029] = new(2029, 2, 13),
        [2030] = new(2030, 2, 3),
    };

    /// <summary>
    /// The events of the years <paramref name="fromYear"/> to <paramref name="toYear"/>: <c>spring_festival</c> from New
    /// Year's Eve to the sixth day (the statutory week), <c>618</c> from 1 to 18 June, <c>double_11</c> from 1 to 11
    /// November (the pre-sale to the day). Years without a known Spring Festival date (before 2018, after 2030) have none.
    /// </summary>
    public static IReadOnlyList<MixEvent> ChineseRetail(int fromYear, int toYear)
    {
        var events = new List<MixEvent>();
        for (var year = fromYear; year <= toYear; year++)
        {
            if (LunarNewYear.TryGetValue(year, out var day))
            {
                events.Add(new MixEvent("spring_festival", day.AddDays(-1), day.AddDays(6)));
            }

            events.Add(new MixEvent("618", new DateOnly(year, 6, 1), new DateOnly(year, 6, 18)));
            events.Add(new MixEvent("double_11", new DateOnly(year, 11, 1), new DateOnly(year, 11, 11)));
        }

        return events;
    }
}

/// <summary>A workspace's data turned into a weekly mix data set, with what was left out and why.</summary>
/// <param name="Data">Whole Monday-to-Sunday weeks from the first to the last full week with data.</param>
/// <param name="LeftOut">Channels left out (<see cref="MixCodes.LeftOut"/>).</param>
public sealed record MixWorkspaceData(MixData Data, IReadOnlyList<Problem> LeftOut);

/// <summary>Builds the weekly data set of a workspace (docs/mix-model.md, Inputs).</summary>
public static class MixWorkspace
{
    /// <summary>
    /// The fewest conversions per week on average the workspace fit takes: with fewer, counting noise alone (1/√25 = 20% of
    /// a week's outcome) is larger than the week-to-week effect of a channel, and every figure would be noise.
    /// </summary>
    public const int MinConversionsPerWeek = 25;

    /// <summary>The control of the campaigns running: the mean number per day of the week.</summary>
    public const string CampaignsControl = "campaigns";

    /// <summary>The problem of a weekly data set whose conversions are too few (<see cref="MinConversionsPerWeek"/>), or null.</summary>
    public static Problem? Sparse(IReadOnlyList<DayOutcome> outcomes, int weeks)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var perWeek = weeks > 0 ? (double)outcomes.Sum(o => o.Conversions) / weeks : 0;
        return perWeek < MinConversionsPerWeek
            ? Problem.Of("target", MixCodes.SparseOutcome, ("needed", (long)MinConversionsPerWeek), ("have", Math.Round(perWeek, 1)))
            : null;
    }

    /// <summary>A day's value of the chosen outcome: conversions, revenue, or revenue − product cost.</summary>
    public static double OutcomeOf(DayOutcome day, MixOutcomeKind outcome)
    {
        ArgumentNullException.ThrowIfNull(day);
        return outcome switch
        {
            MixOutcomeKind.Conversions => day.Conversions,
            MixOutcomeKind.GrossProfit => (double)(day.Revenue - day.ProductCost),
            _ => (double)day.Revenue,
        };
    }

    /// <summary>
    /// Spend per channel and the chosen outcome per week (whole weeks, Monday first: a partial week at either end would
    /// read as a dip); controls: each event's share of the week's days, and the mean number of campaigns running per
    /// day (<c>campaigns</c>); a control that never changes is dropped. A channel that spends in fewer than
    /// <see cref="MixChecks.MinActivePeriods"/> weeks or never changes is left out with the reason.
    /// </summary>
    public static MixWorkspaceData Weekly(
        IReadOnlyList<ChannelDaySpend> spend,
        IReadOnlyList<DayOutcome> outcomes,
        MixOutcomeKind outcome,
        IReadOnlyList<MixEvent> events,
        IReadOnlyList<(DateOnly First, DateOnly Last)> campaigns)
    {
        ArgumentNullException.ThrowIfNull(spend);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(campaigns);
        var days = spend.Select(s => s.Day).Concat(outcomes.Select(o => o.Day)).ToArray();
        if (days.Length == 0)
        {
            return new MixWorkspaceData(new MixData([], [], [], []), []);
        }

        var first = days.Min();
        var last = days.Max();
        var start = first.AddDays(((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7);
        var end = last.AddDays(-(((int)last.DayOfWeek - (int)DayOfWeek.Sunday + 7) % 7));
        var weeks = Math.Max(0, (end.DayNumber - start.DayNumber + 1) / 7);
        var periods = Enumerable.Range(0, weeks).Select(w => start.AddDays(7 * w)).ToArray();
        int Week(DateOnly day) => day < start || day > end ? -1 : (day.DayNumber - start.DayNumber) / 7;

        var target = new double[weeks];
        foreach (var o in outcomes)
        {
            var w = Week(o.Day);
            if (w >= 0)
            {
                target[w] += OutcomeOf(o, outcome);
            }
        }

        var byChannel = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var s in spend)
        {
            var w = Week(s.Day);
            if (w < 0)
            {
                continue;
            }

            if (!byChannel.TryGetValue(s.Channel, out var series))
            {
                byChannel[s.Channel] = series = new double[weeks];
            }

            series[w] += (double)s.Spend;
        }

        var channels = new List<MixSeries>();
        var leftOut = new List<Problem>();
        foreach (var (name, series) in byChannel)
        {
            var active = series.Count(v => v > 0);
            if (active < MixChecks.MinActivePeriods || MixChecks.Variation(series) < 0.05)
            {
                leftOut.Add(Problem.Of("channels", MixCodes.LeftOut, ("channel", name), ("min", (long)MixChecks.MinActivePeriods)));
                continue;
            }

            channels.Add(new MixSeries(name, series));
        }

        var controls = new List<MixSeries>();
        foreach (var group in events.GroupBy(e => e.Name, StringComparer.Ordinal))
        {
            var share = new double[weeks];
            foreach (var e in group)
            {
                for (var day = e.First; day <= e.Last; day = day.AddDays(1))
                {
                    var w = Week(day);
                    if (w >= 0)
                    {
                        share[w] += 1.0 / 7;
                    }
                }
            }

            AddIfVaries(controls, group.Key, share);
        }

        var running = new double[weeks];
        foreach (var (from, to) in campaigns)
        {
            for (var day = from; day <= to; day = day.AddDays(1))
            {
                var w = Week(day);
                if (w >= 0)
                {
                    running[w] += 1.0 / 7;
                }
            }
        }

        AddIfVaries(controls, CampaignsControl, running);
        return new MixWorkspaceData(new MixData(periods, target, channels, controls), leftOut);
    }

    private static void AddIfVaries(List<MixSeries> controls, string name, double[] values)
    {
        if (values.Length > 0 && values.Any(v => Math.Abs(v - values[0]) > 1e-12))
        {
            controls.Add(new MixSeries(name, values));
        }
    }
}
