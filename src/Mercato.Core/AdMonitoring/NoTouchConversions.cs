namespace Mercato.Core.AdMonitoring;

/// <summary>A conversion (an order, a registration, an install) a channel claims or Mercato recorded.</summary>
/// <param name="ConversionId">The conversion's id.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Channel">The channel that claims it; null when no channel does (then any click is a touch).</param>
/// <param name="UserId">The advertiser's user id, when known.</param>
/// <param name="DeviceId">The device id, when known.</param>
public sealed record ConversionRecord(string ConversionId, DateTimeOffset Timestamp, string? Channel = null, string? UserId = null, string? DeviceId = null);

/// <summary>Conversions of one channel and how many of them had no touch.</summary>
/// <param name="Channel">The claiming channel (empty for conversions no channel claims).</param>
/// <param name="Conversions">Conversions judged (with a user or device id).</param>
/// <param name="Untouched">Those without a prior touch.</param>
public sealed record NoTouchSummary(string Channel, long Conversions, long Untouched)
{
    /// <summary>Untouched ÷ conversions (0 without conversions).</summary>
    public double Share => Conversions == 0 ? 0 : (double)Untouched / Conversions;
}

/// <summary>The answer: the conversions without a touch, how many could not be judged, and the counts per channel.</summary>
/// <param name="Untouched">The conversions without a prior touch, in the input's order.</param>
/// <param name="Unjudged">Conversions with neither a user nor a device id, which cannot be matched to clicks.</param>
/// <param name="ByChannel">Per claiming channel, by untouched share descending, then channel.</param>
public sealed record NoTouchResult(IReadOnlyList<ConversionRecord> Untouched, int Unjudged, IReadOnlyList<NoTouchSummary> ByChannel);

/// <summary>
/// Conversions with no prior touch (<c>conversion_without_touch</c>, SIVT when a channel claims them): a conversion is
/// touched when a valid click of the claiming channel (of any channel when none claims it) with the same user id or the
/// same device id came at most the lookback before it (and not after it). Clicks flagged invalid are no touch: a
/// conversion reached only through invalid clicks is exactly what attribution fraud claims. A channel that reports many
/// conversions Mercato never saw a click for is claiming organic or other channels' conversions (or its clicks are not
/// logged: the share is evidence to ask about, not proof).
/// </summary>
public static class NoTouchConversions
{
    /// <summary>The default lookback: 7 days, a common click-through attribution window.</summary>
    public static readonly TimeSpan DefaultLookback = TimeSpan.FromDays(7);

    /// <summary>Finds the conversions without a touch.</summary>
    /// <param name="conversions">The conversions, any order.</param>
    /// <param name="clicks">The click log, any order.</param>
    /// <param name="lookback">How long before a conversion a click still touches it; null for <see cref="DefaultLookback"/>.</param>
    /// <param name="invalid">Click ids flagged invalid, which are no touch; null for none.</param>
    public static NoTouchResult Find(IEnumerable<ConversionRecord> conversions, IEnumerable<ClickRecord> clicks, TimeSpan? lookback = null, IReadOnlySet<string>? invalid = null)
    {
        ArgumentNullException.ThrowIfNull(conversions);
        ArgumentNullException.ThrowIfNull(clicks);
        var window = lookback ?? DefaultLookback;

        // Click times per identity ("u:" user, "d:" device), and per identity and channel.
        var any = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        var byChannel = new Dictionary<(string, string), List<long>>();
        foreach (var c in clicks)
        {
            if (invalid?.Contains(c.ClickId) == true)
            {
                continue;
            }

            foreach (var identity in Identities(c.UserId, c.DeviceId))
            {
                Add(any, identity, c.Timestamp.UtcTicks);
                Add(byChannel, (identity, c.Channel), c.Timestamp.UtcTicks);
            }
        }

        foreach (var list in any.Values.Concat(byChannel.Values))
        {
            list.Sort();
        }

        var untouched = new List<ConversionRecord>();
        var counts = new Dictionary<string, (long Conversions, long Untouched)>(StringComparer.Ordinal);
        var unjudged = 0;
        foreach (var conversion in conversions)
        {
            var identities = Identities(conversion.UserId, conversion.DeviceId).ToList();
            if (identities.Count == 0)
            {
                unjudged++;
                continue;
            }

            var (to, from) = (conversion.Timestamp.UtcTicks, conversion.Timestamp.UtcTicks - window.Ticks);
            var touched = identities.Any(id => Touches(
                conversion.Channel is { } ch ? byChannel.GetValueOrDefault((id, ch)) : any.GetValueOrDefault(id), from, to));
            var key = conversion.Channel ?? "";
            var (n, u) = counts.GetValueOrDefault(key);
            counts[key] = (n + 1, u + (touched ? 0 : 1));
            if (!touched)
            {
                untouched.Add(conversion);
            }
        }

        var summaries = counts.Select(kv => new NoTouchSummary(kv.Key, kv.Value.Conversions, kv.Value.Untouched))
            .OrderByDescending(s => s.Share).ThenBy(s => s.Channel, StringComparer.Ordinal).ToList();
        return new NoTouchResult(untouched, unjudged, summaries);
    }

    private static IEnumerable<string> Identities(string? user, string? device)
    {
        if (!string.IsNullOrEmpty(user))
        {
            yield return "u:" + user;
        }

        if (!string.IsNullOrEmpty(device))
        {
            yield return "d:" + device;
        }
    }

    private static void Add<TKey>(Dictionary<TKey, List<long>> index, TKey key, long ticks)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(ticks);
    }

    /// <summary>Whether a sorted list holds a time in [from, to].</summary>
    private static bool Touches(List<long>? times, long from, long to)
    {
        if (times is null)
        {
            return false;
        }

        var i = times.BinarySearch(to);
        var last = i >= 0 ? i : ~i - 1;

        // A hit is a click at the conversion's instant; otherwise ~i − 1 is the last click before it.
        return last >= 0 && times[last] >= from;
    }
}
