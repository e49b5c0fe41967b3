namespace Mercato.Core.AdMonitoring;

/// <summary>
/// The store's side of ad monitoring's click logs (the <c>clicks</c> kind): every click of a window in time order, read a
/// page at a time so a log of tens of millions of rows never sits in memory at once, and the span of what is stored.
/// </summary>
public interface IClickStore
{
    /// <summary>
    /// The clicks in [<paramref name="from"/>, <paramref name="to"/>), of one channel when <paramref name="channel"/> is
    /// given (matched ignoring case, as the channel catalog matches names; an unknown channel has no clicks), in time
    /// order with ties by click id (ordinal). Timestamps come back in UTC to the millisecond; the channel is the
    /// catalog's name for it. Streamed: the store is read in pages as the caller enumerates.
    /// </summary>
    /// <param name="from">First instant (inclusive).</param>
    /// <param name="to">Last instant (exclusive).</param>
    /// <param name="channel">Only this channel; null for every channel.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>The clicks, in (timestamp, click id) order.</returns>
    IAsyncEnumerable<ClickRecord> ClicksAsync(DateTimeOffset from, DateTimeOffset to, string? channel, CancellationToken cancellationToken);

    /// <summary>The first and last click instant stored, or null when no click is stored.</summary>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>The span, or null.</returns>
    Task<(DateTimeOffset First, DateTimeOffset Last)?> SpanAsync(CancellationToken cancellationToken);
}
