using Mercato.Core.Measurement;

namespace Mercato.Core.AdMonitoring;

/// <summary>
/// Measurement stays clean (docs/ads.md): the touches a journey scan leaves out are the clicks the invalid-traffic rules
/// flag. The rules run over the stored click log one UTC month at a time (memory stays bounded by a month's clicks; the
/// placement-level rules, click spamming and CTR above the norm, judge a placement on its month), across the journeys'
/// touch window; every flagged click that carries a user id is a touch to leave out (<see cref="TouchExclusion"/>: a
/// touchpoint with its user, channel and instant).
/// </summary>
public static class InvalidClickExclusion
{
    /// <summary>
    /// The flagged clicks of the stored log in [<paramref name="from"/>, <paramref name="to"/>) (open ends: the whole
    /// log), as touches to leave out; <see cref="TouchExclusion.None"/> when the store holds no click.
    /// </summary>
    public static async Task<TouchExclusion> BuildAsync(
        IClickStore clicks, BotUserAgents bots, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clicks);
        ArgumentNullException.ThrowIfNull(bots);
        if (await clicks.SpanAsync(cancellationToken).ConfigureAwait(false) is not { } span)
        {
            return TouchExclusion.None;
        }

        var first = from ?? span.First;
        var end = to ?? span.Last.AddTicks(1);
        var touches = new List<(string, string, DateTimeOffset)>();
        var utc = first.ToUniversalTime();
        for (var month = new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero); month < end; month = month.AddMonths(1))
        {
            var log = new List<ClickRecord>();
            var next = month.AddMonths(1);
            await foreach (var click in clicks.ClicksAsync(month < first ? first : month, next < end ? next : end, null, cancellationToken).ConfigureAwait(false))
            {
                log.Add(click with { Channel = click.Channel.ToLowerInvariant() });
            }

            touches.AddRange(InvalidTraffic.Scan(log, bots).Invalid
                .Where(v => v.Click.UserId is not null)
                .Select(v => (v.Click.UserId!, v.Click.Channel, v.Click.Timestamp)));
        }

        return new TouchExclusion(touches);
    }
}
