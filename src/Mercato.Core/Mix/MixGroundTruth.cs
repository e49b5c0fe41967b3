namespace Mercato.Core.Mix;

/// <summary>One channel's contribution from the mix model beside what is known to be true of it.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Estimate">The model's contribution over the data, with its interval.</param>
/// <param name="Truth">The true contribution (the demo generator's incremental conversions or revenue).</param>
public sealed record MixTruthChannel(string Channel, MixInterval Estimate, double Truth)
{
    /// <summary>Whether the interval holds the truth.</summary>
    public bool Covered => Estimate.Covers(Truth);
}

/// <summary>The mix model's contributions against a known truth, channel by channel and for all media together.</summary>
/// <param name="Channels">The fitted channels that have a truth, in the fit's order.</param>
/// <param name="Media">All those channels' contribution together, with its interval: <see cref="MixFit.Media"/> when every fitted channel has a truth, else the sums of the channels' ends (wider than the joint interval).</param>
/// <param name="TrueMedia">Their true contribution together.</param>
/// <param name="RankCorrelation">Spearman's ρ between estimates and truths (ties take their mean rank); 0 when either side is constant or there are fewer than two channels.</param>
/// <param name="MedianError">The median over channels of |estimate − truth| ÷ <paramref name="TrueMedia"/>: the measure of docs/mix-model.md, Recovery.</param>
/// <param name="WorstError">The largest of those.</param>
/// <param name="Outside">Channels with a truth that the model does not hold (no spend, or left out of the fit), in the order of the truth's keys.</param>
/// <param name="TrueOutside">Their true contribution together.</param>
public sealed record MixTruthComparison(
    IReadOnlyList<MixTruthChannel> Channels,
    MixInterval Media,
    double TrueMedia,
    double RankCorrelation,
    double MedianError,
    double WorstError,
    IReadOnlyList<string> Outside,
    double TrueOutside)
{
    /// <summary>All media's estimate ÷ its truth (∞ when the truth is 0 and the estimate is not; 1 when both are).</summary>
    public double MediaRatio => TrueMedia > 0 ? Media.Value / TrueMedia : Media.Value > 0 ? double.PositiveInfinity : 1;

    /// <summary>How many channels' intervals hold their truth.</summary>
    public int Covered => Channels.Count(c => c.Covered);
}

/// <summary>
/// Compares a fit with a known truth per channel (the demo company's incremental conversions or revenue,
/// docs/mix-model.md, Demo company): the estimates beside the truths, all media's total against the true total, Spearman's
/// rank correlation, and each channel's error as a share of all media's true contribution.
/// </summary>
public static class MixGroundTruth
{
    /// <summary>The comparison of <paramref name="fit"/> with <paramref name="truth"/> (channel → true contribution over the same data).</summary>
    public static MixTruthComparison Compare(MixFit fit, IReadOnlyDictionary<string, double> truth)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(truth);
        var channels = fit.Channels
            .Where(c => truth.ContainsKey(c.Channel))
            .Select(c => new MixTruthChannel(c.Channel, c.Contribution, truth[c.Channel]))
            .ToList();
        var fitted = fit.Channels.Select(c => c.Channel).ToHashSet(StringComparer.Ordinal);
        var outside = truth.Keys.Where(k => !fitted.Contains(k)).ToList();
        var media = channels.Count == fit.Channels.Count
            ? fit.Media
            : new MixInterval(channels.Sum(c => c.Estimate.Value), channels.Sum(c => c.Estimate.Low), channels.Sum(c => c.Estimate.High));
        var trueMedia = channels.Sum(c => c.Truth);
        var errors = channels.Select(c => trueMedia > 0 ? Math.Abs(c.Estimate.Value - c.Truth) / trueMedia : 0).Order().ToArray();
        return new MixTruthComparison(
            channels,
            media,
            trueMedia,
            Spearman([.. channels.Select(c => c.Estimate.Value)], [.. channels.Select(c => c.Truth)]),
            errors.Length > 0 ? MixFit.Quantile(errors, 0.5) : 0,
            errors.Length > 0 ? errors[^1] : 0,
            outside,
            outside.Sum(k => truth[k]));
    }

    /// <summary>Spearman's ρ: Pearson's correlation of the ranks, tied values sharing their mean rank; 0 when undefined.</summary>
    public static double Spearman(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException("the two lists must be of the same length", nameof(b));
        }

        if (a.Count < 2)
        {
            return 0;
        }

        var ra = Ranks(a);
        var rb = Ranks(b);
        var ma = ra.Average();
        var mb = rb.Average();
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < ra.Length; i++)
        {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }

        return saa > 0 && sbb > 0 ? sab / Math.Sqrt(saa * sbb) : 0;
    }

    /// <summary>Ranks from 1, ties sharing the mean of the ranks they span.</summary>
    private static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }

            var rank = ((start + end) / 2.0) + 1;
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = rank;
            }

            start = end + 1;
        }

        return ranks;
    }
}
