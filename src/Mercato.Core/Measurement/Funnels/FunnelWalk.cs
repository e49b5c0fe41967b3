namespace Mercato.Core.Measurement.Funnels;

/// <summary>One activity event of a user, as a funnel reads it.</summary>
/// <param name="Event">The event word.</param>
/// <param name="Time">The instant, Unix milliseconds.</param>
public readonly record struct FunnelEvent(string Event, long Time);

/// <summary>How far one user went through a funnel.</summary>
/// <param name="Reached">
/// Per step reached, in order, the instant at which the user had completed it (index 0: the entry): in strict order the
/// instant of the event that made the step; in loose order the latest instant of the events that made the steps up to
/// it. Never empty: a user without an entry has no path.
/// </param>
public sealed record FunnelPath(IReadOnlyList<long> Reached)
{
    /// <summary>The entry instant.</summary>
    public long Entry => Reached[0];

    /// <summary>How many steps the user reached, the entry included.</summary>
    public int Depth => Reached.Count;
}

/// <summary>
/// The funnel of one user, from their events (docs/measurement.md, Funnels):
/// <list type="bullet">
/// <item>Occurrences are numbered per event word over the user's events from the start of the period, in time order
/// (events at the same instant in any order: they are interchangeable); events before the period are not read.</item>
/// <item>The user enters at the n-th occurrence of step 1's event (its <see cref="FunnelStep.Occurrence"/>) when it lies
/// in the period [<c>periodStart</c>, <c>periodEnd</c>); otherwise the user is not in the funnel.</item>
/// <item>A later step counts only with an event before entry + the window (exclusive: an event exactly
/// <see cref="FunnelDefinition.WithinDays"/> × 24 h after the entry is outside), of the step's word, numbered at least
/// the step's occurrence, and not already used by an earlier step (one event makes at most one step).</item>
/// <item><b>Strict</b>: step k + 1's event is at or after step k's event (the same instant counts as in order). The
/// step's instant is the earliest such event, which is the earliest instant at which the user has done steps 1..k + 1 in
/// order.</item>
/// <item><b>Loose</b>: step k + 1's event is at or after the entry, in any order with steps 2..k, and steps 1..k must
/// all have been reached. The step's instant is the earliest instant at which the user has done steps 1..k + 1: the latest
/// of their events, each step taking its earliest unused event.</item>
/// </list>
/// The same rules in brute force (every assignment of events to steps) are in the tests, as an independent oracle.
/// </summary>
public static class FunnelWalk
{
    /// <summary>The user's path through <paramref name="funnel"/>, or null when they do not enter it in the period.</summary>
    /// <param name="funnel">The funnel.</param>
    /// <param name="events">The user's events, in any order; words no step names are ignored.</param>
    /// <param name="periodStart">The period's first instant (Unix ms), inclusive.</param>
    /// <param name="periodEnd">The period's end instant (Unix ms), exclusive.</param>
    public static FunnelPath? Walk(FunnelDefinition funnel, IReadOnlyList<FunnelEvent> events, long periodStart, long periodEnd)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        ArgumentNullException.ThrowIfNull(events);
        var words = funnel.Events;
        var times = new List<long>[words.Count];
        for (var w = 0; w < words.Count; w++)
        {
            times[w] = [];
        }

        foreach (var e in events)
        {
            if (e.Time < periodStart)
            {
                continue;
            }

            for (var w = 0; w < words.Count; w++)
            {
                if (string.Equals(words[w], e.Event, StringComparison.Ordinal))
                {
                    times[w].Add(e.Time);
                    break;
                }
            }
        }

        foreach (var list in times)
        {
            list.Sort();
        }

        var used = new List<bool>[words.Count];
        for (var w = 0; w < words.Count; w++)
        {
            used[w] = [.. new bool[times[w].Count]];
        }

        int WordOf(FunnelStep step)
        {
            for (var w = 0; w < words.Count; w++)
            {
                if (string.Equals(words[w], step.Event, StringComparison.Ordinal))
                {
                    return w;
                }
            }

            throw new InvalidOperationException("a step's word is missing from the funnel's words");
        }

        var entryWord = WordOf(funnel.Steps[0]);
        var entryIndex = funnel.Steps[0].Occurrence - 1;
        if (entryIndex >= times[entryWord].Count || times[entryWord][entryIndex] >= periodEnd)
        {
            return null;
        }

        var entry = times[entryWord][entryIndex];
        used[entryWord][entryIndex] = true;
        var deadline = entry + funnel.WithinMillis;
        var reached = new List<long> { entry };
        var previous = entry;
        for (var k = 1; k < funnel.Steps.Count; k++)
        {
            var step = funnel.Steps[k];
            var w = WordOf(step);
            var from = funnel.Order == FunnelOrder.Strict ? previous : entry;
            var list = times[w];
            var found = -1;
            for (var j = step.Occurrence - 1; j < list.Count && list[j] < deadline; j++)
            {
                if (list[j] >= from && !used[w][j])
                {
                    found = j;
                    break;
                }
            }

            if (found < 0)
            {
                break;
            }

            used[w][found] = true;
            previous = list[found];
            reached.Add(funnel.Order == FunnelOrder.Strict ? list[found] : Math.Max(reached[^1], list[found]));
        }

        return new FunnelPath(reached);
    }
}
