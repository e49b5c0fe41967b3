using System.Globalization;
using Mercato.Core.Access;
using Mercato.Core.DataCenter;
using Mercato.Core.AdMonitoring;
using Mercato.Core.Alerts;
using Mercato.Core.Campaigns;
using Mercato.Core.Measurement;
using Mercato.Features.Access;
using Mercato.Features.Settings;

namespace Mercato.Features.Ads;

/// <summary>Invalid traffic of a window of stored clicks, summed at one level, with the money at risk.</summary>
/// <param name="From">First day (workspace zone).</param>
/// <param name="To">Last day.</param>
/// <param name="Level">channel, campaign or placement.</param>
/// <param name="Clicks">Clicks read.</param>
/// <param name="Invalid">Of them, flagged by a rule.</param>
/// <param name="Rows">Per key, most money at risk first (the spend rows of the window give the spend; placements have none).</param>
/// <param name="Spamming">The placements the click-spamming rule judged, with their long-tail share and distance.</param>
public sealed record InvalidTrafficView(
    DateOnly From, DateOnly To, string Level, long Clicks, long Invalid, IReadOnlyList<TrafficSummary> Rows, IReadOnlyList<SpamView> Spamming);

/// <summary>A placement the click-spamming rule judged (<see cref="SpamPlacement"/>), as the front doors show it.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Placement">The placement.</param>
/// <param name="Installs">Installs with a click-to-install time.</param>
/// <param name="LongTailShare">The share of them more than a day after the click.</param>
/// <param name="Distance">The Kolmogorov–Smirnov distance to the other placements' click-to-install times.</param>
/// <param name="Critical">The distance it had to reach; null when there was nothing to compare with (the share alone decided).</param>
/// <param name="Flagged">Whether it spams.</param>
public sealed record SpamView(string Channel, string Placement, long Installs, double LongTailShare, double Distance, double? Critical, bool Flagged)
{
    /// <summary>The view of <paramref name="p"/>.</summary>
    public static SpamView Of(SpamPlacement p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.Channel, p.Placement, p.Installs, p.LongTailShare, p.Distance, double.IsFinite(p.Critical) ? p.Critical : null, p.Flagged);
    }
}

/// <summary>
/// Invalid traffic over the stored click log (docs/ads.md, Invalid traffic): reads a window of clicks in time order
/// (<see cref="IClickStore"/>), runs Core's <see cref="InvalidTraffic"/> rules with the shipped crawler list, sums per
/// channel, campaign or placement with the money at risk from the window's spend rows, and writes the claim list. The
/// summary needs <see cref="Permission.ReadReports"/>; the claim list, which carries each flagged click's IP address and
/// device id, <see cref="Permission.ReadPeople"/>. The alert source's findings, the journeys' exclusions and channel
/// health's click days serve other use cases, which check for their callers.
/// </summary>
public sealed class InvalidTrafficUseCases(
    IClickStore clicks, ICampaignFactReader facts, SettingsUseCases settings, DataVersionCache cache, TimeProvider time, AccessGuard guard)
{
    /// <summary>The default window, in days (ending on the last day with clicks, not after yesterday).</summary>
    public const int DefaultDays = 7;

    /// <summary>The longest window, in days: the rules hold the window's clicks in memory.</summary>
    public const int MaxDays = 31;

    /// <summary>The level words.</summary>
    public static IReadOnlyList<string> Levels { get; } = ["channel", "campaign", "placement"];

    private static readonly Lazy<BotUserAgents> Bots = new(() =>
        BotUserAgents.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "AdMonitoring", "crawler-user-agents.json"))));

    /// <summary>The summary of a window at <paramref name="level"/> (default channel); invalid for a bad window or level.</summary>
    public async Task<Outcome<InvalidTrafficView>> SummaryAsync(DateOnly? from, DateOnly? to, string? level, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        var word = string.IsNullOrWhiteSpace(level) ? "channel" : level.Trim().ToLowerInvariant();
        if (!Levels.Contains(word))
        {
            return Outcome<InvalidTrafficView>.Invalid([Problem.Of("level", CommonCodes.NotOneOf, ("value", level), ("expected", Levels))]);
        }

        var resolved = await WindowAsync(from, to, cancellationToken).ConfigureAwait(false);
        if (resolved.Value is not var (window, zone))
        {
            return Outcome<InvalidTrafficView>.Invalid(resolved.Problems);
        }

        var buying = await settings.BuyingModelsAsync(cancellationToken).ConfigureAwait(false);
        // A figure of the clicks and the spend rows; how each channel is paid (a setting) is in the key.
        var key = string.Create(CultureInfo.InvariantCulture,
            $"invalid traffic {window.Start:yyyy-MM-dd} {window.End:yyyy-MM-dd} {word} {string.Join(',', buying.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => b.Key + ":" + b.Value))}");
        return Outcome<InvalidTrafficView>.Ok(await cache.FigureAsync(key, zone, [DataKinds.Clicks, DataKinds.Spend], async () =>
        {
            var report = await ScanWindowAsync(window, null, zone, cancellationToken).ConfigureAwait(false);
            var lvl = word switch { "campaign" => TrafficLevel.Campaign, "placement" => TrafficLevel.Placement, _ => TrafficLevel.Channel };
            var delivery = await facts.DeliveryAsync(window, cancellationToken).ConfigureAwait(false);
            var spend = new Dictionary<TrafficKey, decimal>();
            foreach (var r in delivery)
            {
                TrafficKey? at = lvl switch
                {
                    TrafficLevel.Channel => new TrafficKey(r.Channel),
                    TrafficLevel.Campaign => new TrafficKey(r.Channel, r.Code),
                    _ => null,
                };
                if (at is not null)
                {
                    spend[at] = spend.GetValueOrDefault(at) + r.Spend;
                }
            }

            var rows = InvalidTrafficSummaries.Summarize(report, lvl, spend, buying);
            return new InvalidTrafficView(
                window.Start, window.End, word, report.Verdicts.Count, report.Verdicts.Count(v => v.IsInvalid), rows, [.. report.Placements.Select(SpamView.Of)]);
        }, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Writes the claim list (CSV) of the window's flagged clicks, of one channel when given; the number written.</summary>
    public async Task<Outcome<int>> ClaimsAsync(DateOnly? from, DateOnly? to, string? channel, TextWriter writer, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadPeople);
        ArgumentNullException.ThrowIfNull(writer);
        var scanned = await ScanAsync(from, to, channel, cancellationToken).ConfigureAwait(false);
        return scanned.Value is { } s
            ? Outcome<int>.Ok(ClaimList.Write(writer, s.Report.Verdicts.Where(v => v.IsInvalid)))
            : Outcome<int>.Invalid(scanned.Problems);
    }

    /// <summary>
    /// The alert center's invalid-traffic findings at <paramref name="now"/> (Core's <see cref="InvalidTrafficAlert"/>): the
    /// day judged is yesterday, or the last day with clicks when that is earlier (the ad pages' default day); the log of
    /// that day and the <see cref="InvalidTrafficAlertOptions.BaselineDays"/> days before is scanned at once, and the day's
    /// spend rows per channel give the money at risk.
    /// </summary>
    public async Task<IReadOnlyList<AlertCandidate>> AlertsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var span = await clicks.SpanAsync(cancellationToken).ConfigureAwait(false);
        if (span is not { } s)
        {
            return [];
        }

        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var options = new InvalidTrafficAlertOptions();
        var day = AdUseCases.LastDay(LocalTime.DayOf(s.Last, zone), LocalTime.DayOf(now, zone).AddDays(-1));
        var window = new DateRange(day.AddDays(-options.BaselineDays), day);
        var report = await ScanWindowAsync(window, null, zone, cancellationToken).ConfigureAwait(false);
        var spend = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var r in await facts.DeliveryAsync(new DateRange(day, day), cancellationToken).ConfigureAwait(false))
        {
            spend[r.Channel] = spend.GetValueOrDefault(r.Channel) + r.Spend;
        }

        return InvalidTrafficAlert.Find(report, day, zone, spend, await settings.BuyingModelsAsync(cancellationToken).ConfigureAwait(false), options);
    }

    /// <summary>
    /// Logged and flagged clicks per day and channel over <paramref name="window"/> (of one channel when given), scanned in
    /// consecutive pieces of at most <see cref="MaxDays"/> days (the rules hold a piece's clicks in memory, and see the
    /// history of their piece only); empty when no stored click falls in the window.
    /// </summary>
    internal async Task<IReadOnlyList<ClickDay>> ClickDaysAsync(DateRange window, string? channel, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var span = await clicks.SpanAsync(cancellationToken).ConfigureAwait(false);
        if (span is not { } s || LocalTime.DayOf(s.Last, zone) < window.Start || LocalTime.DayOf(s.First, zone) > window.End)
        {
            return [];
        }

        var days = new List<ClickDay>();
        for (var start = window.Start; start <= window.End; start = start.AddDays(MaxDays))
        {
            var end = start.AddDays(MaxDays - 1) < window.End ? start.AddDays(MaxDays - 1) : window.End;
            var report = await ScanWindowAsync(new DateRange(start, end), channel, zone, cancellationToken).ConfigureAwait(false);
            days.AddRange(ChannelHealth.ClickDays(report.Verdicts, zone));
        }

        return days;
    }

    private async Task<Outcome<Scanned>> ScanAsync(DateOnly? from, DateOnly? to, string? channel, CancellationToken cancellationToken)
    {
        var resolved = await WindowAsync(from, to, cancellationToken).ConfigureAwait(false);
        return resolved.Value is var (window, zone)
            ? Outcome<Scanned>.Ok(new Scanned(window, await ScanWindowAsync(window, channel, zone, cancellationToken).ConfigureAwait(false)))
            : Outcome<Scanned>.Invalid(resolved.Problems);
    }

    /// <summary>The window asked for (invalid: one end given, reversed, longer than <see cref="MaxDays"/>) or the default one, and the workspace's zone.</summary>
    private async Task<Outcome<(DateRange Window, TimeZoneInfo Zone)?>> WindowAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var given = DayWindows.Given(from, to, MaxDays);
        if (!given.IsOk)
        {
            return Outcome<(DateRange, TimeZoneInfo)?>.Invalid(given.Problems);
        }

        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        return Outcome<(DateRange, TimeZoneInfo)?>.Ok((given.Value ?? await DefaultAsync(zone, cancellationToken).ConfigureAwait(false), zone));
    }

    private async Task<InvalidTrafficReport> ScanWindowAsync(DateRange window, string? channel, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var log = new List<ClickRecord>();
        await foreach (var click in clicks.ClicksAsync(LocalTime.MidnightIn(window.Start, zone), LocalTime.MidnightIn(window.End.AddDays(1), zone),
            string.IsNullOrWhiteSpace(channel) ? null : channel.Trim(), cancellationToken).ConfigureAwait(false))
        {
            log.Add(click with { Channel = click.Channel.ToLowerInvariant() });
        }

        return InvalidTraffic.Scan(log, Bots.Value);
    }

    /// <summary>
    /// The flagged clicks a journey scan leaves out (Core's <see cref="InvalidClickExclusion"/>, with the shipped crawler
    /// list) over the journeys' touch window, UTC days [<paramref name="from"/> − <paramref name="lookbackDays"/>,
    /// <paramref name="to"/>] (open ends: the whole log). Kept until the data changes.
    /// </summary>
    public Task<TouchExclusion> FlaggedTouchesAsync(DateOnly? from, DateOnly? to, int lookbackDays, CancellationToken cancellationToken) =>
        cache.GetAsync(string.Create(CultureInfo.InvariantCulture, $"flagged touches {from} {to} {lookbackDays}"), TimeZoneInfo.Utc, [DataKinds.Clicks],
            () => InvalidClickExclusion.BuildAsync(clicks, Bots.Value, from is { } f ? Utc(f.AddDays(-lookbackDays)) : null, to is { } t ? Utc(t.AddDays(1)) : null,
                cancellationToken),
            cancellationToken);

    private static DateTimeOffset Utc(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private async Task<DateRange> DefaultAsync(TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var span = await clicks.SpanAsync(cancellationToken).ConfigureAwait(false);
        var last = AdUseCases.LastDay(span is { } s ? LocalTime.DayOf(s.Last, zone) : null, zone, time);
        return new DateRange(last.AddDays(1 - DefaultDays), last);
    }

    private sealed record Scanned(DateRange Window, InvalidTrafficReport Report);
}

/// <summary>The alert center's invalid-traffic source: channels and dominant placements whose share of flagged clicks on the last complete day crosses the threshold (kind <c>invalid_traffic</c>).</summary>
public sealed class InvalidTrafficAlertSource(InvalidTrafficUseCases uses) : IAlertSource
{
    /// <inheritdoc/>
    public string Name => "invalid_traffic";

    /// <inheritdoc/>
    public Task<IReadOnlyList<AlertCandidate>> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken) => uses.AlertsAsync(now, cancellationToken);
}
