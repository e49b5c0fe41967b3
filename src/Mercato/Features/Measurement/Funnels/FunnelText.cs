using System.Globalization;
using Mercato.Core.Measurement.Funnels;

namespace Mercato.Features.Measurement.Funnels;

/// <summary>How the page and the command line write a funnel for people: the same words, columns and cells.</summary>
public static class FunnelText
{
    /// <summary>The header of a funnel table; with a split, the group's column first.</summary>
    public static IReadOnlyList<string> Header(FunnelSplit by) =>
    [
        .. by switch
        {
            FunnelSplit.ChannelGroup => [Words.W("funnels.col_channel_group")],
            FunnelSplit.Cohort => [Words.W("funnels.col_cohort")],
            _ => Array.Empty<string>(),
        },
        Words.W("funnels.col_step"), Words.W("funnels.col_users"), Words.W("funnels.col_from_previous"), Words.W("funnels.col_from_entry"),
        Words.W("funnels.col_drop_off"), Words.W("funnels.col_median"), Words.W("funnels.col_p75"),
    ];

    /// <summary>The cells of one step (without the group's); <paramref name="index"/> 0 is the entry, which has no drop-off.</summary>
    public static IReadOnlyList<string> Cells(FunnelStepFigures step, int index)
    {
        ArgumentNullException.ThrowIfNull(step);
        var first = index == 0;
        return
        [
            step.Step,
            Figures.Count(step.Users),
            Rate(step.ConversionFromPrevious),
            Rate(step.ConversionFromEntry),
            first ? "—" : Figures.Count(step.DropOff),
            Duration(step.MedianSecondsFromPrevious),
            Duration(step.P75SecondsFromPrevious),
        ];
    }

    /// <summary>Every row of a report: the total's steps, then each group's, the group first when split.</summary>
    public static IEnumerable<IReadOnlyList<string>> Rows(FunnelReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        IEnumerable<FunnelFigures> all = report.By == FunnelSplit.None ? [report.Total] : [report.Total, .. report.Groups];
        foreach (var figures in all)
        {
            for (var i = 0; i < figures.Steps.Count; i++)
            {
                var cells = Cells(figures.Steps[i], i);
                yield return report.By == FunnelSplit.None ? cells : [Group(report.By, figures.Key), .. cells];
            }
        }
    }

    /// <summary>The columns of a table to align right (the numbers).</summary>
    public static ISet<int> RightAligned(FunnelSplit by)
    {
        var shift = by == FunnelSplit.None ? 0 : 1;
        return Enumerable.Range(1 + shift, 6).ToHashSet();
    }

    /// <summary>A group's name: <see cref="Words"/> for the total and the unknown group, a channel group's term, a cohort's month.</summary>
    public static string Group(FunnelSplit by, string? key) => key switch
    {
        null => Words.W("funnels.total"),
        FunnelSplits.Unknown when by == FunnelSplit.ChannelGroup => Words.W("funnels.group_unknown"),
        _ when by == FunnelSplit.ChannelGroup && Core.DataCenter.ChannelGroups.TryParse(key, out var group) =>
            Terms.Of("channel_group", key, Core.DataCenter.ChannelGroups.Label(group)),
        _ => key,
    };

    /// <summary>The steps as one line: <c>signup → install → purchase</c>.</summary>
    public static string Steps(IEnumerable<string> steps) => string.Join(" → ", steps);

    /// <summary>A rate as a percentage with one decimal; a dash for none.</summary>
    public static string Rate(double? share) => share is null ? "—" : Figures.Percent(share);

    /// <summary>
    /// A time in the unit that reads best: seconds under 90 s, minutes under 90 min, hours (one decimal) under 48 h, else
    /// days (one decimal); a dash for none.
    /// </summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } s)
        {
            return "—";
        }

        string N(double value, string format) => value.ToString(format, CultureInfo.CurrentCulture);
        return s < 90 ? Words.W("funnels.duration_s", ("value", N(s, "0")))
            : s < 90 * 60 ? Words.W("funnels.duration_min", ("value", N(s / 60, "0")))
            : s < 48 * 3600 ? Words.W("funnels.duration_h", ("value", N(s / 3600, "0.0")))
            : Words.W("funnels.duration_d", ("value", N(s / 86_400, "0.0")));
    }
}
