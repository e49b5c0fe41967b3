using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Mercato.Core.AdMonitoring;

/// <summary>One click and the rules that flagged it (none when it looks valid), in the engine's rule order.</summary>
/// <param name="Click">The click.</param>
/// <param name="Rules">The codes of the rules that flagged it (<see cref="InvalidTrafficCodes"/>).</param>
public sealed record ClickVerdict(ClickRecord Click, IReadOnlyList<string> Rules)
{
    /// <summary>Whether any rule flagged the click.</summary>
    public bool IsInvalid => Rules.Count > 0;

    /// <summary>SIVT when any sophisticated rule flagged it, GIVT when only general ones did, null when valid.</summary>
    public InvalidTrafficCategory? Category => Rules.Count == 0
        ? null
        : Rules.Any(r => InvalidTraffic.CategoryOf(r) == InvalidTrafficCategory.Sophisticated) ? InvalidTrafficCategory.Sophisticated : InvalidTrafficCategory.General;
}

/// <summary>How the click-spamming rule judged one placement with enough installs.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Placement">The placement.</param>
/// <param name="Installs">Installs with a click-to-install time.</param>
/// <param name="LongTailShare">The share of them later than <see cref="InvalidTrafficOptions.SpamLongTail"/> after the click.</param>
/// <param name="Distance">The Kolmogorov–Smirnov distance to the other placements' click-to-install times (0 when there are too few).</param>
/// <param name="Critical">The distance it had to reach; ∞ when the other placements have fewer installs than <see cref="InvalidTrafficOptions.SpamMinInstalls"/> to compare with, and then the long-tail share alone decides.</param>
/// <param name="Flagged">Whether the placement spams.</param>
public sealed record SpamPlacement(string Channel, string Placement, int Installs, double LongTailShare, double Distance, double Critical, bool Flagged);

/// <summary>How the CTR rule judged one placement with impressions.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Placement">The placement.</param>
/// <param name="Clicks">Its clicks in the log.</param>
/// <param name="Impressions">Its impressions, as given.</param>
/// <param name="Ctr">Clicks ÷ impressions.</param>
/// <param name="Norm">The channel's norm.</param>
/// <param name="Z">The binomial z of the clicks against the norm.</param>
/// <param name="Flagged">Whether the placement's CTR is far above the norm.</param>
public sealed record CtrPlacement(string Channel, string Placement, long Clicks, long Impressions, double Ctr, double Norm, double Z, bool Flagged);

/// <summary>What the CTR rule needs: impressions per (channel, placement) over the log's period, and CTR norms per channel where known.</summary>
/// <param name="Impressions">Impressions per (channel, placement).</param>
/// <param name="Norms">The usual CTR per channel (e.g. from the channel's history or an industry benchmark); a channel without one uses the median of its placements.</param>
public sealed record PlacementDelivery(IReadOnlyDictionary<(string Channel, string Placement), long> Impressions, IReadOnlyDictionary<string, double> Norms);

/// <summary>The engine's answer: one verdict per click, in the input's order, and the placements the spamming and CTR rules judged.</summary>
/// <param name="Verdicts">One verdict per click, in the input's order.</param>
/// <param name="Placements">The placements with enough installs for the spamming rule, ordered by channel and placement.</param>
/// <param name="CtrPlacements">The placements the CTR rule judged, ordered by channel and placement (empty without impressions).</param>
public sealed record InvalidTrafficReport(IReadOnlyList<ClickVerdict> Verdicts, IReadOnlyList<SpamPlacement> Placements, IReadOnlyList<CtrPlacement> CtrPlacements)
{
    /// <summary>The flagged clicks, in time order.</summary>
    public IEnumerable<ClickVerdict> Invalid => Verdicts.Where(v => v.IsInvalid);
}

/// <summary>
/// The invalid-traffic rules over a time-ordered click log, following the MRC/IAB split of general (GIVT) and
/// sophisticated (SIVT) invalid traffic. Each rule is independent; a click carries every rule that flagged it.
/// <list type="bullet">
/// <item><c>bot_user_agent</c> (GIVT): the user agent matches the shipped crawler list (<see cref="BotUserAgents"/>).</item>
/// <item><c>duplicate_click</c> (GIVT): the same device, or the same IP with the same user agent, clicked the same
/// (channel, campaign, placement) within <see cref="InvalidTrafficOptions.DuplicateWindow"/> of its previous click there;
/// the first click stays valid.</item>
/// <item><c>click_burst_ip</c>, <c>click_burst_device</c>, <c>click_burst_ip_range</c> (SIVT): a sliding window of
/// <see cref="InvalidTrafficOptions.BurstWindow"/> holds at least T clicks of one key; every click in such a window is
/// flagged. T is the key kind's minimum; a key active in at least <see cref="InvalidTrafficOptions.BurstLearnAfter"/>
/// distinct fixed windows (an office, a carrier gateway) has T = max(minimum, ⌈m + k·σ⌉), m the median of its counts in
/// its active windows, σ = max(1.4826 × their median absolute deviation, √max(m, 1)) (the Poisson floor), k =
/// <see cref="InvalidTrafficOptions.BurstScore"/>: a robust z-score against the key's own usual rate, as the volume
/// detector's. A range counts only the clicks that no IP burst flagged, so one address's burst is not also its range's.</item>
/// <item><c>click_injection</c> (SIVT): the install came less than <see cref="InvalidTrafficOptions.InjectionWindow"/>
/// after the click (a download and a first open take longer; an app that listens for installs fires a click
/// just before the first open).</item>
/// <item><c>click_spamming</c> (SIVT): a placement with at least <see cref="InvalidTrafficOptions.SpamMinInstalls"/>
/// installs whose click-to-install times have a long tail share (later than
/// <see cref="InvalidTrafficOptions.SpamLongTail"/>) of at least <see cref="InvalidTrafficOptions.SpamLongTailShare"/> and
/// a two-sample Kolmogorov–Smirnov distance D to the other placements' times of at least c·√((n + m) / nm) (the
/// asymptotic critical value; c = 1.95 is α = 0.001; the share alone decides when the other placements have fewer
/// installs than the minimum): sprayed clicks catch organic installs at any time of the
/// attribution window, so their times are flat, where real clicks install within the hour. Every click of such a
/// placement is flagged.</item>
/// <item><c>ctr_above_norm</c> (SIVT), when impressions per placement are given: a placement with at least
/// <see cref="InvalidTrafficOptions.CtrMinClicks"/> clicks in the log whose CTR (clicks in the log ÷ its impressions) is at
/// least <see cref="InvalidTrafficOptions.CtrNormFactor"/> × its channel's norm and whose binomial
/// z = (k − n·p) ÷ √(n·p(1 − p)) against the norm p reaches <see cref="InvalidTrafficOptions.CtrScore"/>: clicks that no
/// impression explains (a click farm, clicks fired without an ad shown). The norm is the one given for the channel, else
/// the median CTR of the channel's placements with impressions (robust to the very placements judged; at least three are
/// needed). Every click of such a placement is flagged.</item>
/// </list>
/// </summary>
public static class InvalidTraffic
{
    private const double MadToSigma = 1.4826;

    private const int Bot = 1, Duplicate = 2, BurstIp = 4, BurstDevice = 8, BurstRange = 16, Injection = 32, Spamming = 64, CtrAbove = 128;

    /// <summary>The rules in the order a verdict lists them.</summary>
    public static IReadOnlyList<InvalidTrafficRule> Rules { get; } =
    [
        new(InvalidTrafficCodes.BotUserAgent, InvalidTrafficCategory.General),
        new(InvalidTrafficCodes.DuplicateClick, InvalidTrafficCategory.General),
        new(InvalidTrafficCodes.ClickBurstIp, InvalidTrafficCategory.Sophisticated),
        new(InvalidTrafficCodes.ClickBurstDevice, InvalidTrafficCategory.Sophisticated),
        new(InvalidTrafficCodes.ClickBurstIpRange, InvalidTrafficCategory.Sophisticated),
        new(InvalidTrafficCodes.ClickInjection, InvalidTrafficCategory.Sophisticated),
        new(InvalidTrafficCodes.ClickSpamming, InvalidTrafficCategory.Sophisticated),
        new(InvalidTrafficCodes.CtrAboveNorm, InvalidTrafficCategory.Sophisticated),
    ];

    /// <summary>The category of a rule's code.</summary>
    /// <exception cref="ArgumentException">Not a rule's code.</exception>
    public static InvalidTrafficCategory CategoryOf(string code) =>
        Rules.FirstOrDefault(r => string.Equals(r.Code, code, StringComparison.Ordinal))?.Category
        ?? throw new ArgumentException("Not an invalid-traffic rule: " + code, nameof(code));

    /// <summary>Every setting out of range and, with a log, the first click out of time order.</summary>
    public static IReadOnlyList<Problem> Problems(InvalidTrafficOptions options, IReadOnlyList<ClickRecord>? clicks = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<Problem>();
        void Range(string path, double value, double min, double max)
        {
            if (!(value >= min && value <= max))
            {
                problems.Add(Problem.Of(path, InvalidTrafficCodes.OutOfRange, ("value", value), ("min", min), ("max", max)));
            }
        }

        Range("duplicateWindow", options.DuplicateWindow.TotalSeconds, 0, 86_400);
        Range("burstWindow", options.BurstWindow.TotalSeconds, 1, 86_400);
        Range("burstMinDevice", options.BurstMinDevice, 2, 1e9);
        Range("burstMinIp", options.BurstMinIp, 2, 1e9);
        Range("burstMinRange", options.BurstMinRange, 2, 1e9);
        Range("burstScore", options.BurstScore, 0, 100);
        Range("burstLearnAfter", options.BurstLearnAfter, 3, 1e9);
        Range("injectionWindow", options.InjectionWindow.TotalSeconds, 0, 3600);
        Range("spamLongTail", options.SpamLongTail.TotalHours, 1, 24 * 90);
        Range("spamLongTailShare", options.SpamLongTailShare, 0, 1);
        Range("spamKsCoefficient", options.SpamKsCoefficient, 0, 10);
        Range("spamMinInstalls", options.SpamMinInstalls, 2, 1e9);
        Range("ctrNormFactor", options.CtrNormFactor, 1, 1000);
        Range("ctrScore", options.CtrScore, 0, 100);
        Range("ctrMinClicks", options.CtrMinClicks, 1, 1e9);
        if (clicks is not null)
        {
            for (var i = 1; i < clicks.Count; i++)
            {
                if (clicks[i].Timestamp < clicks[i - 1].Timestamp)
                {
                    problems.Add(Problem.Of("clicks", InvalidTrafficCodes.OutOfOrder, ("index", (long)i), ("click", clicks[i].ClickId)));
                    break;
                }
            }
        }

        return problems;
    }

    /// <summary>Runs every rule over <paramref name="clicks"/> (oldest first) as the class comment says.</summary>
    /// <param name="clicks">The log, in time order (<see cref="Problems"/> says when it is not).</param>
    /// <param name="bots">The known bots.</param>
    /// <param name="options">The thresholds; null for the defaults.</param>
    /// <param name="delivery">Impressions per placement over the log's period, and CTR norms per channel, for <c>ctr_above_norm</c>; null to skip that rule.</param>
    /// <exception cref="ArgumentException">The settings or the order fail <see cref="Problems"/>.</exception>
    public static InvalidTrafficReport Scan(IReadOnlyList<ClickRecord> clicks, BotUserAgents bots, InvalidTrafficOptions? options = null, PlacementDelivery? delivery = null)
    {
        ArgumentNullException.ThrowIfNull(clicks);
        ArgumentNullException.ThrowIfNull(bots);
        options ??= new InvalidTrafficOptions();
        if (Problems(options, clicks) is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(clicks));
        }

        var n = clicks.Count;
        var marks = new int[n];
        var ips = new string?[n];
        var ranges = new string?[n];
        var ipKeys = new Dictionary<string, (string?, string?)>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            if (clicks[i].Ip is { } raw)
            {
                if (!ipKeys.TryGetValue(raw, out var keys))
                {
                    ipKeys[raw] = keys = IpKeys(raw);
                }

                (ips[i], ranges[i]) = keys;
            }
        }

        // GIVT: the list, and duplicates against the previous click of the same key on the same placement.
        var lastByDevice = new Dictionary<(string, string, string?, string?), DateTimeOffset>();
        var lastByIp = new Dictionary<(string, string, string, string?, string?), DateTimeOffset>();
        for (var i = 0; i < n; i++)
        {
            var c = clicks[i];
            if (bots.IsBot(c.UserAgent))
            {
                marks[i] |= Bot;
            }

            var duplicate = false;
            if (!string.IsNullOrEmpty(c.DeviceId))
            {
                var key = (c.DeviceId, c.Channel, c.Campaign, c.Placement);
                duplicate |= lastByDevice.TryGetValue(key, out var last) && c.Timestamp - last <= options.DuplicateWindow;
                lastByDevice[key] = c.Timestamp;
            }

            if (ips[i] is { } ip)
            {
                var key = (ip, c.UserAgent ?? "", c.Channel, c.Campaign, c.Placement);
                duplicate |= lastByIp.TryGetValue(key, out var last) && c.Timestamp - last <= options.DuplicateWindow;
                lastByIp[key] = c.Timestamp;
            }

            if (duplicate)
            {
                marks[i] |= Duplicate;
            }

            if (c.ClickToInstall is { } ctit && ctit < options.InjectionWindow)
            {
                marks[i] |= Injection;
            }
        }

        // SIVT: bursts per key.
        Bursts(clicks, i => clicks[i].DeviceId is { Length: > 0 } d ? d : null, options.BurstMinDevice, BurstDevice, marks, options);
        Bursts(clicks, i => ips[i], options.BurstMinIp, BurstIp, marks, options);

        // A range counts the clicks no single address's burst explains: a burst of one IP is not also a burst of its range.
        Bursts(clicks, i => (marks[i] & BurstIp) == 0 ? ranges[i] : null, options.BurstMinRange, BurstRange, marks, options);

        // SIVT: spamming placements.
        var placements = SpamPlacements(clicks, options);
        var spamming = placements.Where(p => p.Flagged).Select(p => (p.Channel, p.Placement)).ToHashSet();
        if (spamming.Count > 0)
        {
            for (var i = 0; i < n; i++)
            {
                if (clicks[i].Placement is { } pl && spamming.Contains((clicks[i].Channel, pl)))
                {
                    marks[i] |= Spamming;
                }
            }
        }

        // SIVT: placements whose CTR no impression explains.
        var ctr = delivery is null ? [] : CtrPlacements(clicks, delivery, options);
        var farms = ctr.Where(p => p.Flagged).Select(p => (p.Channel, p.Placement)).ToHashSet();
        if (farms.Count > 0)
        {
            for (var i = 0; i < n; i++)
            {
                if (clicks[i].Placement is { } pl && farms.Contains((clicks[i].Channel, pl)))
                {
                    marks[i] |= CtrAbove;
                }
            }
        }

        var codes = new Dictionary<int, IReadOnlyList<string>>();
        var verdicts = new ClickVerdict[n];
        for (var i = 0; i < n; i++)
        {
            if (!codes.TryGetValue(marks[i], out var list))
            {
                list = [.. Rules.Where((_, bit) => (marks[i] & (1 << bit)) != 0).Select(r => r.Code)];
                codes[marks[i]] = list;
            }

            verdicts[i] = new ClickVerdict(clicks[i], list);
        }

        return new InvalidTrafficReport(verdicts, placements, ctr);
    }

    /// <summary>
    /// The key of an IP and of its range: the address in its canonical form (an IPv4-mapped IPv6 address as IPv4) and
    /// <c>a.b.c.0/24</c> for IPv4 or the first four groups and <c>::/64</c> for IPv6; an IP that does not parse keys
    /// itself (trimmed) and has no range; a missing one has neither.
    /// </summary>
    public static (string? Ip, string? Range) IpKeys(string? ip)
    {
        if (string.IsNullOrWhiteSpace(ip))
        {
            return (null, null);
        }

        var trimmed = ip.Trim();
        if (!IPAddress.TryParse(trimmed, out var address))
        {
            return (trimmed, null);
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return (address.ToString(), string.Create(CultureInfo.InvariantCulture, $"{bytes[0]}.{bytes[1]}.{bytes[2]}.0/24"));
        }

        var prefix = new byte[16];
        Array.Copy(bytes, prefix, 8);
        return (address.ToString(), new IPAddress(prefix) + "/64");
    }

    private static void Bursts(IReadOnlyList<ClickRecord> clicks, Func<int, string?> keyOf, int minimum, int bit, int[] marks, InvalidTrafficOptions options)
    {
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < clicks.Count; i++)
        {
            if (keyOf(i) is { } key)
            {
                if (!groups.TryGetValue(key, out var list))
                {
                    groups[key] = list = [];
                }

                list.Add(i);
            }
        }

        var window = options.BurstWindow.Ticks;
        foreach (var indexes in groups.Values)
        {
            if (indexes.Count < minimum)
            {
                continue;
            }

            var threshold = indexes.Count < options.BurstLearnAfter ? minimum : BurstThreshold(indexes.Select(i => clicks[i].Timestamp.UtcTicks), minimum, options);
            var start = 0;
            var marked = -1;
            for (var end = 0; end < indexes.Count; end++)
            {
                var t = clicks[indexes[end]].Timestamp.UtcTicks;
                while (t - clicks[indexes[start]].Timestamp.UtcTicks >= window)
                {
                    start++;
                }

                if (end - start + 1 >= threshold)
                {
                    for (var j = Math.Max(start, marked + 1); j <= end; j++)
                    {
                        marks[indexes[j]] |= bit;
                    }

                    marked = end;
                }
            }
        }
    }

    /// <summary>
    /// A key's burst threshold from its click times (in order): the minimum, or, for a key active in at least
    /// <see cref="InvalidTrafficOptions.BurstLearnAfter"/> fixed windows, ⌈median + k·σ⌉ of its counts in those windows
    /// when higher (the class comment gives σ).
    /// </summary>
    internal static int BurstThreshold(IEnumerable<long> ticks, int minimum, InvalidTrafficOptions options)
    {
        // The times are in order: count the clicks of each fixed window as they come.
        var counts = new List<double>();
        var window = long.MinValue;
        foreach (var t in ticks)
        {
            var w = t / options.BurstWindow.Ticks;
            if (w != window)
            {
                counts.Add(0);
                window = w;
            }

            counts[^1]++;
        }

        if (counts.Count < options.BurstLearnAfter)
        {
            return minimum;
        }

        var median = Median([.. counts]);
        var deviations = counts.Select(c => Math.Abs(c - median)).ToArray();
        var sigma = Math.Max(MadToSigma * Median(deviations), Math.Sqrt(Math.Max(median, 1)));
        return (int)Math.Max(minimum, Math.Ceiling(median + (options.BurstScore * sigma)));
    }

    private static List<SpamPlacement> SpamPlacements(IReadOnlyList<ClickRecord> clicks, InvalidTrafficOptions options)
    {
        // Every click-to-install time in seconds, with its placement's number; a click without a placement only joins the reference.
        var ids = new Dictionary<(string, string), int>();
        var times = new List<(double Seconds, int Placement)>();
        foreach (var c in clicks)
        {
            if (c.ClickToInstall is not { } ctit)
            {
                continue;
            }

            var id = -1;
            if (c.Placement is { } pl && !ids.TryGetValue((c.Channel, pl), out id))
            {
                id = ids.Count;
                ids[(c.Channel, pl)] = id;
            }

            times.Add((ctit.TotalSeconds, id));
        }

        times.Sort((a, b) => a.Seconds.CompareTo(b.Seconds));
        var counts = new int[ids.Count];
        var tails = new int[ids.Count];
        var tail = options.SpamLongTail.TotalSeconds;
        foreach (var (seconds, id) in times)
        {
            if (id >= 0)
            {
                counts[id]++;
                tails[id] += seconds > tail ? 1 : 0;
            }
        }

        var found = new List<SpamPlacement>();
        foreach (var ((channel, placement), id) in ids)
        {
            var n = counts[id];
            if (n < options.SpamMinInstalls)
            {
                continue;
            }

            var m = times.Count - n;
            var share = (double)tails[id] / n;
            var distance = m > 0 ? KolmogorovSmirnov(times, id, n, m) : 0;
            var critical = m >= options.SpamMinInstalls ? options.SpamKsCoefficient * Math.Sqrt((double)(n + m) / ((double)n * m)) : double.PositiveInfinity;
            var flagged = share >= options.SpamLongTailShare && (double.IsPositiveInfinity(critical) || distance >= critical);
            found.Add(new SpamPlacement(channel, placement, n, share, distance, critical, flagged));
        }

        return [.. found.OrderBy(p => p.Channel, StringComparer.Ordinal).ThenBy(p => p.Placement, StringComparer.Ordinal)];
    }

    private static List<CtrPlacement> CtrPlacements(IReadOnlyList<ClickRecord> clicks, PlacementDelivery delivery, InvalidTrafficOptions options)
    {
        var counts = new Dictionary<(string, string), long>();
        foreach (var c in clicks)
        {
            if (c.Placement is { } pl)
            {
                counts[(c.Channel, pl)] = counts.GetValueOrDefault((c.Channel, pl)) + 1;
            }
        }

        var rows = delivery.Impressions.Where(kv => kv.Value > 0).Select(kv => (kv.Key.Channel, kv.Key.Placement, Impressions: kv.Value, Clicks: counts.GetValueOrDefault(kv.Key))).ToList();
        var found = new List<CtrPlacement>();
        foreach (var channel in rows.GroupBy(r => r.Channel))
        {
            double? norm = delivery.Norms.TryGetValue(channel.Key, out var given) ? given
                : channel.Count() >= 3 ? Median([.. channel.Select(r => (double)r.Clicks / r.Impressions)]) : null;
            if (norm is not { } p || p <= 0 || p >= 1)
            {
                continue;
            }

            foreach (var r in channel)
            {
                var rate = (double)r.Clicks / r.Impressions;
                var z = (r.Clicks - (r.Impressions * p)) / Math.Sqrt(r.Impressions * p * (1 - p));
                var flagged = r.Clicks >= options.CtrMinClicks && rate >= options.CtrNormFactor * p && z >= options.CtrScore;
                found.Add(new CtrPlacement(r.Channel, r.Placement, r.Clicks, r.Impressions, rate, p, z, flagged));
            }
        }

        return [.. found.OrderBy(p => p.Channel, StringComparer.Ordinal).ThenBy(p => p.Placement, StringComparer.Ordinal)];
    }

    /// <summary>sup |F(x) − G(x)| of the placement's times (n) and all others (m), over the jump points of the sorted times.</summary>
    private static double KolmogorovSmirnov(List<(double Seconds, int Placement)> sorted, int id, int n, int m)
    {
        double d = 0;
        int inside = 0, outside = 0;
        for (var i = 0; i < sorted.Count; i++)
        {
            if (sorted[i].Placement == id)
            {
                inside++;
            }
            else
            {
                outside++;
            }

            // Compare only after the last of equal times, so ties jump together.
            if (i + 1 == sorted.Count || sorted[i + 1].Seconds > sorted[i].Seconds)
            {
                d = Math.Max(d, Math.Abs(((double)inside / n) - ((double)outside / m)));
            }
        }

        return d;
    }

    private static double Median(double[] values)
    {
        var copy = (double[])values.Clone();
        Array.Sort(copy);
        var mid = copy.Length / 2;
        return copy.Length % 2 == 1 ? copy[mid] : (copy[mid - 1] + copy[mid]) / 2;
    }
}
