namespace Mercato.Core.Measurement.Funnels;

/// <summary>One step of a funnel's figures.</summary>
/// <param name="Step">The step as written (<c>purchase#2</c>).</param>
/// <param name="Event">Its event word.</param>
/// <param name="Occurrence">Which occurrence of the word counts.</param>
/// <param name="Users">Users who reached the step.</param>
/// <param name="ConversionFromPrevious">Users ÷ the previous step's users; null for the entry, or when the previous step has none.</param>
/// <param name="ConversionFromEntry">Users ÷ the users who entered; null when none entered.</param>
/// <param name="DropOff">The previous step's users who did not reach this one (0 for the entry).</param>
/// <param name="MedianSecondsFromPrevious">The median time from the previous step, seconds; null for the entry or without users.</param>
/// <param name="P75SecondsFromPrevious">The 75th percentile of the time from the previous step, seconds.</param>
/// <param name="MeanSecondsFromPrevious">The mean time from the previous step, seconds.</param>
public sealed record FunnelStepFigures(
    string Step,
    string Event,
    int Occurrence,
    long Users,
    double? ConversionFromPrevious,
    double? ConversionFromEntry,
    long DropOff,
    double? MedianSecondsFromPrevious,
    double? P75SecondsFromPrevious,
    double? MeanSecondsFromPrevious);

/// <summary>A funnel's figures over a set of users: all of them, or one group of a split.</summary>
/// <param name="Key">The group (a channel group's slug, <see cref="FunnelSplits.Unknown"/>, or a month <c>YYYY-MM</c>); null for the total.</param>
/// <param name="Entered">Users who entered.</param>
/// <param name="Steps">Per step, the entry first.</param>
public sealed record FunnelFigures(string? Key, long Entered, IReadOnlyList<FunnelStepFigures> Steps)
{
    /// <summary>Users who reached the last step ÷ users who entered; null when none entered.</summary>
    public double? Conversion => Entered == 0 ? null : (double)Steps[^1].Users / Entered;
}

/// <summary>
/// Adds users' paths (<see cref="FunnelWalk"/>) under a key and gives the figures: users per step, conversion from the
/// previous step and from the entry, drop-off, and the median, 75th percentile and mean of the time from the previous step
/// (the difference of the two steps' instants of each user who reached the step). Percentiles interpolate linearly between
/// the sorted values (the p-quantile of n values is at rank p · (n − 1) from 0), so the median of two values is their mean.
/// </summary>
public sealed class FunnelTally(FunnelDefinition funnel)
{
    private readonly Dictionary<string, Counts> _groups = new(StringComparer.Ordinal);
    private readonly Counts _total = new(funnel.Steps.Count);

    /// <summary>Adds one user's path to the total and, when <paramref name="key"/> is given, to its group.</summary>
    public void Add(FunnelPath path, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        _total.Add(path);
        if (key is not null)
        {
            if (!_groups.TryGetValue(key, out var counts))
            {
                _groups[key] = counts = new Counts(funnel.Steps.Count);
            }

            counts.Add(path);
        }
    }

    /// <summary>The figures of every user added.</summary>
    public FunnelFigures Total() => _total.Figures(funnel, null);

    /// <summary>The figures of each key, by key (ordinal).</summary>
    public IReadOnlyList<FunnelFigures> Groups() => [.. _groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Value.Figures(funnel, g.Key))];

    /// <summary>The <paramref name="p"/>-quantile (0..1) of <paramref name="sorted"/> values, linear between ranks; null for none.</summary>
    public static double? Quantile(IReadOnlyList<long> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + ((rank - low) * (sorted[high] - sorted[low]));
    }

    private sealed class Counts(int steps)
    {
        private readonly long[] _users = new long[steps];
        private readonly List<long>[] _gaps = [.. Enumerable.Range(0, steps).Select(_ => new List<long>())];

        public void Add(FunnelPath path)
        {
            for (var k = 0; k < path.Depth; k++)
            {
                _users[k]++;
                if (k > 0)
                {
                    _gaps[k].Add(path.Reached[k] - path.Reached[k - 1]);
                }
            }
        }

        public FunnelFigures Figures(FunnelDefinition funnel, string? key)
        {
            var entered = _users[0];
            var steps = new List<FunnelStepFigures>(_users.Length);
            for (var k = 0; k < _users.Length; k++)
            {
                var step = funnel.Steps[k];
                var gaps = _gaps[k];
                gaps.Sort();
                static double? Seconds(double? millis) => millis / 1000.0;
                steps.Add(new FunnelStepFigures(
                    step.ToString(),
                    step.Event,
                    step.Occurrence,
                    _users[k],
                    k == 0 || _users[k - 1] == 0 ? null : (double)_users[k] / _users[k - 1],
                    entered == 0 ? null : (double)_users[k] / entered,
                    k == 0 ? 0 : _users[k - 1] - _users[k],
                    Seconds(Quantile(gaps, 0.5)),
                    Seconds(Quantile(gaps, 0.75)),
                    gaps.Count == 0 ? null : gaps.Sum() / 1000.0 / gaps.Count));
            }

            return new FunnelFigures(key, entered, steps);
        }
    }
}
