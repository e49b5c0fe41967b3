namespace Mercato.Core.Measurement.Funnels;

/// <summary>An event word of the activity data.</summary>
/// <param name="Event">The word.</param>
/// <param name="Rows">Activity rows with it.</param>
/// <param name="First">Its earliest instant, Unix ms.</param>
/// <param name="Last">Its latest instant, Unix ms.</param>
public sealed record ActivityEventWord(string Event, long Rows, long First, long Last);

/// <summary>
/// What a funnel reads: the users who did the <see cref="EntryOccurrence"/>-th <see cref="EntryEvent"/> (numbered from
/// <see cref="From"/>) before <see cref="EntryEnd"/>, and of each such user the events of <see cref="Events"/> from
/// <see cref="From"/> to before that entry + <see cref="WithinMillis"/>.
/// </summary>
/// <param name="Events">The funnel's event words.</param>
/// <param name="EntryEvent">Step 1's word.</param>
/// <param name="EntryOccurrence">Step 1's occurrence, from 1.</param>
/// <param name="From">The period's first instant, Unix ms.</param>
/// <param name="EntryEnd">The period's end instant (exclusive), Unix ms.</param>
/// <param name="WithinMillis">The window after the entry.</param>
public sealed record FunnelRead(IReadOnlyList<string> Events, string EntryEvent, int EntryOccurrence, long From, long EntryEnd, long WithinMillis)
{
    /// <summary>The read of <paramref name="funnel"/> over the instants [<paramref name="from"/>, <paramref name="entryEnd"/>).</summary>
    public static FunnelRead Of(FunnelDefinition funnel, long from, long entryEnd)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        return new FunnelRead(funnel.Events, funnel.Steps[0].Event, funnel.Steps[0].Occurrence, from, entryEnd, funnel.WithinMillis);
    }
}

/// <summary>One user who entered a funnel, with what the funnel needs of them.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Events">Their events of the funnel's words in the read's range, by time.</param>
/// <param name="FirstTouchGroup">
/// The channel group (slug) of their earliest touchpoint, when it is at or before the entry (of two at the same instant,
/// the lower channel id's); null when they have none by then.
/// </param>
public sealed record FunnelUser(string UserId, IReadOnlyList<FunnelEvent> Events, string? FirstTouchGroup);

/// <summary>
/// The activity a funnel needs, from the store: only the funnel's event words, only the users who entered in the period,
/// only up to each one's entry + window; all in one state of the data.
/// </summary>
public interface IFunnelReader
{
    /// <summary>The event words of the activity data with their rows and first and last instants, by word (ordinal).</summary>
    Task<IReadOnlyList<ActivityEventWord>> EventsAsync(CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="each"/> once per user who entered (<see cref="FunnelRead"/>), users in no set order.</summary>
    Task ReadAsync(FunnelRead read, Action<FunnelUser> each, CancellationToken cancellationToken);
}
