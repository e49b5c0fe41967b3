using System.Globalization;
using Mercato.Core.Access;
using Mercato.Core.AdMonitoring;
using Mercato.Core.Alerts;
using Mercato.Core.Anomalies;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Features.Access;
using Mercato.Features.Settings;

namespace Mercato.Features.Ads;

/// <summary>One campaign's pacing.</summary>
/// <param name="Id">The campaign's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Stage">Its stage.</param>
/// <param name="Plan">Its media budget (Σ planned of its channel lines) over its flight.</param>
/// <param name="Channels">The channels of its budget lines.</param>
/// <param name="Live">Whether the pacing day falls in its flight.</param>
/// <param name="Result">The pacing through the report's day.</param>
/// <param name="Days">Its spend per day from the flight's start through the report's day (days without spend absent).</param>
/// <param name="DataFrom">The first day the store holds data for, when the flight started before it (its early spend is
/// missing, so the pacing reads low and raises no alert); null otherwise.</param>
/// <param name="Lines">Each channel budget line paced on its own (a campaign on pace overall can overspend one channel
/// and underspend another); empty for a campaign with one line, which is the campaign.</param>
public sealed record CampaignPacing(
    string Id, string Name, CampaignStage Stage, PacingPlan Plan, IReadOnlyList<string> Channels, bool Live, PacingResult Result, IReadOnlyList<DailySpend> Days,
    DateOnly? DataFrom, IReadOnlyList<LinePacing> Lines);

/// <summary>One anomaly of a channel's or a campaign's delivery, with its days.</summary>
/// <param name="Scope"><c>channel:{name}</c> or <c>campaign:{id}</c>.</param>
/// <param name="Metric">The series (spend, impressions, clicks, cpm, cpc, ctr, ...).</param>
/// <param name="Start">Its first day.</param>
/// <param name="End">Its last day.</param>
/// <param name="Peak">The day furthest from expected.</param>
/// <param name="Value">The value that day (money, count, price or ratio).</param>
/// <param name="Expected">The expected value that day.</param>
/// <param name="Score">Robust z (volumes, prices) or beta-binomial z (ratios).</param>
/// <param name="Direction">up or down.</param>
/// <param name="MoneyInvolved">Spend above or below expected, the price difference times the volume bought, or the run's spend (ratios); null for counts.</param>
/// <param name="StartHour">For an anomaly of an hourly series: the local hour of <paramref name="Start"/> it starts; null for a daily one.</param>
/// <param name="EndHour">For an hourly one: the local hour of <paramref name="End"/> it ends.</param>
/// <param name="PeakHour">For an hourly one: the local hour of <paramref name="Peak"/>.</param>
public sealed record DeliveryFinding(
    string Scope, DeliveryMetric Metric, DateOnly Start, DateOnly End, DateOnly Peak, double Value, double Expected, double Score,
    Core.Anomalies.AnomalyDirection Direction, decimal? MoneyInvolved, int? StartHour = null, int? EndHour = null, int? PeakHour = null)
{
    /// <summary>Whether the anomaly is one of an hourly series (the values are per hour).</summary>
    public bool Hourly => StartHour is not null;
}

/// <summary>The delivery anomalies of a window.</summary>
/// <param name="From">First day.</param>
/// <param name="To">Last day.</param>
/// <param name="Scopes">The channels and campaigns watched.</param>
/// <param name="Anomalies">Newest first (a day's daily anomalies before its hourly ones), then by scope and metric.</param>
/// <param name="HourlyScopes">The channels and campaigns also watched hour by hour: those with spend rows given by timestamp in the window.</param>
public sealed record DeliveryReport(DateOnly From, DateOnly To, IReadOnlyList<string> Scopes, IReadOnlyList<DeliveryFinding> Anomalies, IReadOnlyList<string> HourlyScopes);

/// <summary>Pacing of the campaigns with media budget lines, through one day.</summary>
/// <param name="Through">The last day counted: the day asked for, else yesterday or the last day with data, whichever is earlier.</param>
/// <param name="Options">The settings (tolerance, minimum elapsed days and share, band).</param>
/// <param name="Campaigns">Live campaigns first (by start), then the others that have started (newest first).</param>
public sealed record PacingReport(DateOnly Through, PacingOptions Options, IReadOnlyList<CampaignPacing> Campaigns);

/// <summary>
/// Ad monitoring for every front door (docs/ads.md). Budget pacing: each campaign's media budget (its channel budget lines;
/// cost lines are booked by month and do not pace) over its flight, spend from the spend rows carrying its codes, the
/// weekday shape from its channels' spend in the <see cref="ShapeWeeks"/> weeks before its start; the rule is Core's
/// <see cref="Pacing"/>. Both reports need <see cref="Permission.ReadReports"/> (an agency reads its campaigns, not the
/// ad reports across them); the alert sources' findings serve the server's evaluation and check nothing.
/// </summary>
public sealed class AdUseCases(
    IDocumentStore documents, ICampaignFactReader facts, SettingsUseCases settings, TimeProvider time, AccessGuard guard, DataSpans spans, DataVersionCache cache)
{
    /// <summary>Weeks of the campaign's channels' spend before its start read for the weekday shape.</summary>
    public const int ShapeWeeks = 8;

    /// <summary>Days of delivery the anomaly window holds by default, and the alert source reads (nine weeks: the daily detector's warm-up and seven weeks to judge).</summary>
    public const int DeliveryDays = 63;

    /// <summary>The longest anomaly window, in days.</summary>
    public const int MaxDays = 366;

    /// <summary>
    /// The delivery anomalies of every channel and campaign over <paramref name="from"/>..<paramref name="to"/> (default:
    /// the <see cref="DeliveryDays"/> days ending yesterday or on the last day with data): each metric's runs by Core's
    /// <see cref="DeliveryAnomalies"/> over the daily series (every spend row, hourly ones summed into their day) and, for
    /// the scopes with hourly rows in the window, over their hourly series too (<see cref="AnomalyPeriod.Hour"/>). Invalid
    /// for a window given by one end, reversed or longer than <see cref="MaxDays"/>.
    /// </summary>
    public Task<Outcome<DeliveryReport>> AnomaliesAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return DeliveryAnomaliesAsync(from, to, cancellationToken);
    }

    /// <summary><see cref="AnomaliesAsync"/> without its check, for channel health, which checks for its caller.</summary>
    internal async Task<Outcome<DeliveryReport>> DeliveryAnomaliesAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var given = DayWindows.Given(from, to, MaxDays);
        if (!given.IsOk)
        {
            return Outcome<DeliveryReport>.Invalid(given.Problems);
        }

        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var window = given.Value ?? Ending(await DefaultDayAsync(zone, cancellationToken).ConfigureAwait(false));
        // A figure of the spend rows; which campaign each code belongs to (documents) is in the key.
        var ofCode = await CampaignOfCodeAsync(cancellationToken).ConfigureAwait(false);
        var key = string.Create(CultureInfo.InvariantCulture,
            $"delivery anomalies {window.Start:yyyy-MM-dd} {window.End:yyyy-MM-dd} {string.Join(',', ofCode.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key + ":" + c.Value))}");
        return Outcome<DeliveryReport>.Ok(await cache.FigureAsync(key, zone, [DataKinds.Spend], () => DeliveryReportAsync(window, ofCode, cancellationToken), cancellationToken)
            .ConfigureAwait(false));
    }

    private async Task<DeliveryReport> DeliveryReportAsync(DateRange window, Dictionary<string, string> ofCode, CancellationToken cancellationToken)
    {
        var findings = new List<DeliveryFinding>();
        var scopes = await SeriesAsync(window, ofCode, cancellationToken).ConfigureAwait(false);
        foreach (var scope in scopes)
        {
            foreach (var metric in Enum.GetValues<DeliveryMetric>())
            {
                findings.AddRange(DeliveryAnomalies.Scan(scope.Days, metric).Select(a => new DeliveryFinding(
                    scope.Scope, metric, window.Start.AddDays(a.Start), window.Start.AddDays(a.End), window.Start.AddDays(a.Peak), a.Value, a.Expected, a.Score,
                    a.Direction, a.MoneyInvolved)));
            }
        }

        var hourly = await HourlySeriesAsync(window, ofCode, cancellationToken).ConfigureAwait(false);
        foreach (var scope in hourly)
        {
            foreach (var metric in Enum.GetValues<DeliveryMetric>())
            {
                findings.AddRange(DeliveryAnomalies.Scan(scope.Hours, metric, AnomalyPeriod.Hour).Select(a =>
                {
                    var (start, startHour) = scope.At(a.Start);
                    var (end, endHour) = scope.At(a.End);
                    var (peak, peakHour) = scope.At(a.Peak);
                    return new DeliveryFinding(scope.Scope, metric, start, end, peak, a.Value, a.Expected, a.Score, a.Direction, a.MoneyInvolved, startHour, endHour, peakHour);
                }));
            }
        }

        return new DeliveryReport(window.Start, window.End, [.. scopes.Select(s => s.Scope)],
        [
            .. findings.OrderByDescending(f => f.End).ThenByDescending(f => f.EndHour ?? 24).ThenBy(f => f.Scope, StringComparer.Ordinal).ThenBy(f => f.Metric),
        ],
        [.. hourly.Select(s => s.Scope)]);
    }

    /// <summary>
    /// The alert center's delivery findings at <paramref name="now"/>: anomalies still running on one of the last two days
    /// up to yesterday, of the daily series and, where the window holds hourly rows, of the hourly series (in the last 48
    /// hours; those alerts name their hour). For the alert center's evaluation only; no front door calls it.
    /// </summary>
    public async Task<IReadOnlyList<AlertCandidate>> DeliveryAlertsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var window = Ending(LocalTime.DayOf(now, zone).AddDays(-1));
        var ofCode = await CampaignOfCodeAsync(cancellationToken).ConfigureAwait(false);
        var scopes = await SeriesAsync(window, ofCode, cancellationToken).ConfigureAwait(false);
        var hourly = await HourlySeriesAsync(window, ofCode, cancellationToken).ConfigureAwait(false);
        return
        [
            .. scopes.SelectMany(s => DeliveryAnomalies.Alerts(s.Scope, s.Days, window.Start, zone)),
            .. hourly.SelectMany(s => DeliveryAnomalies.HourlyAlerts(s.Scope, s.Hours, s.First, zone)),
        ];
    }

    private static DateRange Ending(DateOnly last) => new(last.AddDays(1 - DeliveryDays), last);

    private async Task<IReadOnlyList<DeliveryScope>> SeriesAsync(DateRange window, Dictionary<string, string> ofCode, CancellationToken cancellationToken) =>
        DeliverySeries.Build(await facts.DeliveryAsync(window, cancellationToken).ConfigureAwait(false), window, ofCode);

    private async Task<IReadOnlyList<HourlyScope>> HourlySeriesAsync(DateRange window, Dictionary<string, string> ofCode, CancellationToken cancellationToken)
    {
        var rows = await facts.HourlyDeliveryAsync(window, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? [] : DeliverySeries.BuildHourly(rows, window, ofCode);
    }

    private async Task<Dictionary<string, string>> CampaignOfCodeAsync(CancellationToken cancellationToken)
    {
        var campaigns = await documents.ValuesAsync(CampaignDocuments.Campaigns, cancellationToken).ConfigureAwait(false);
        var ofCode = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in campaigns.Where(c => c.Stage != CampaignStage.Cancelled))
        {
            foreach (var code in c.Codes)
            {
                ofCode.TryAdd(code, c.Id);
            }
        }

        return ofCode;
    }

    /// <summary>The day a default window ends on (<see cref="LastDay(DateOnly?, TimeZoneInfo, TimeProvider)"/>) for the spend rows.</summary>
    internal async Task<DateOnly> DefaultDayAsync(TimeZoneInfo zone, CancellationToken cancellationToken) =>
        DefaultDay(await spans.DaysAsync(zone, cancellationToken).ConfigureAwait(false), zone);

    private DateOnly DefaultDay(DateRange? data, TimeZoneInfo zone) => LastDay(data?.End, zone, time);

    /// <summary>The last day a default window ends on: yesterday in the workspace zone, or the last day with data when that is earlier.</summary>
    internal static DateOnly LastDay(DateOnly? lastData, TimeZoneInfo zone, TimeProvider time) => LastDay(lastData, LocalTime.Today(time, zone).AddDays(-1));

    /// <summary>The same rule for a given yesterday (an alert evaluation's).</summary>
    internal static DateOnly LastDay(DateOnly? lastData, DateOnly yesterday) => lastData is { } d && d < yesterday ? d : yesterday;

    /// <summary>
    /// Pacing through <paramref name="through"/> (default: yesterday, or the last day with data when that is earlier) of
    /// the campaigns live that day, or with <paramref name="all"/> of every campaign with a media budget that has started
    /// by then (cancelled ones left out).
    /// </summary>
    public Task<PacingReport> PacingAsync(DateOnly? through, bool all, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return PacingCoreAsync(through, all, cancellationToken);
    }

    /// <summary>Whether <paramref name="c"/> is not cancelled and has started by <paramref name="day"/>: it may be paced then.</summary>
    private static bool Started(Campaign c, DateOnly day) => c.Stage != CampaignStage.Cancelled && c.Start <= day;

    private async Task<PacingReport> PacingCoreAsync(DateOnly? through, bool all, CancellationToken cancellationToken)
    {
        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var campaigns = await documents.ValuesAsync(CampaignDocuments.Campaigns, cancellationToken).ConfigureAwait(false);
        // The data's span (a scan of the event tables) is read only when a campaign may be paced, or the day comes from it:
        // the alert center asks after every import, in workspaces with no campaign too.
        var data = through is { } given && !campaigns.Any(c => Started(c, given))
            ? null
            : await spans.DaysAsync(zone, cancellationToken).ConfigureAwait(false);
        var day = through ?? DefaultDay(data, zone);
        var options = new PacingOptions();
        var lines = new List<CampaignPacing>();
        foreach (var c in campaigns.Where(c => Started(c, day) && (all || c.End >= day)))
        {
            if (await PaceAsync(c, day, data?.Start, options, cancellationToken).ConfigureAwait(false) is { } paced)
            {
                lines.Add(paced);
            }
        }

        return new PacingReport(day, options,
        [
            .. lines.Where(l => l.Live).OrderBy(l => l.Plan.Start).ThenBy(l => l.Id, StringComparer.Ordinal),
            .. lines.Where(l => !l.Live).OrderByDescending(l => l.Plan.End).ThenBy(l => l.Id, StringComparer.Ordinal),
        ]);
    }

    /// <summary>
    /// The alert center's pacing findings at <paramref name="now"/>: the campaigns live yesterday that pace over or under,
    /// and their channel lines that do (scope <c>{campaign}/{channel}</c>). For the alert center's evaluation only; no front
    /// door calls it.
    /// </summary>
    public async Task<IReadOnlyList<AlertCandidate>> PacingAlertsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var yesterday = LocalTime.DayOf(now, zone).AddDays(-1);
        var report = await PacingCoreAsync(yesterday, all: false, cancellationToken).ConfigureAwait(false);
        return
        [
            .. report.Campaigns.Where(c => c.DataFrom is null).SelectMany(c => c.Lines
                    .Select(l => Pacing.Alert(c.Id + "/" + l.Channel, l.Plan, l.Result, yesterday, zone, report.Options))
                    .Prepend(Pacing.Alert(c.Id, c.Plan, c.Result, yesterday, zone, report.Options)))
                .OfType<AlertCandidate>(),
        ];
    }

    private async Task<CampaignPacing?> PaceAsync(Campaign c, DateOnly day, DateOnly? dataFrom, PacingOptions options, CancellationToken cancellationToken)
    {
        var media = c.Budget.Where(b => b.Kind == BudgetItemKind.Channel).ToList();
        var budget = media.Sum(b => b.Planned);
        if (budget <= 0 || c.Codes.Count == 0)
        {
            return null;
        }

        var plan = new PacingPlan(budget, c.Start, c.End);
        var channels = media.Select(b => b.Item.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var last = day < c.End ? day : c.End;
        var spend = await facts.DailySpendAsync(c.Codes, null, new DateRange(c.Start, last), cancellationToken).ConfigureAwait(false);
        var history = await facts.DailySpendAsync(null, channels, new DateRange(c.Start.AddDays(-7 * ShapeWeeks), c.Start.AddDays(-1)), cancellationToken)
            .ConfigureAwait(false);
        var result = Pacing.Compute(plan, spend, day, history, options);
        var lines = new List<LinePacing>();
        if (channels.Count > 1)
        {
            foreach (var channel in channels)
            {
                var amount = media.Where(b => string.Equals(b.Item.Trim(), channel, StringComparison.OrdinalIgnoreCase)).Sum(b => b.Planned);
                if (amount <= 0)
                {
                    continue;
                }

                var linePlan = plan with { Budget = amount };
                var lineSpend = await facts.DailySpendAsync(c.Codes, [channel], new DateRange(c.Start, last), cancellationToken).ConfigureAwait(false);
                var lineHistory = await facts.DailySpendAsync(null, [channel], new DateRange(c.Start.AddDays(-7 * ShapeWeeks), c.Start.AddDays(-1)), cancellationToken)
                    .ConfigureAwait(false);
                lines.Add(new LinePacing(channel, linePlan, Pacing.Compute(linePlan, lineSpend, day, lineHistory, options)));
            }
        }

        return new CampaignPacing(c.Id, c.Name, c.Stage, plan, channels, c.End >= day, result, spend, dataFrom > c.Start ? dataFrom : null, lines);
    }
}

/// <summary>The alert center's delivery source: anomalies of channels' and campaigns' daily (and hourly) delivery (kind <c>ad_anomaly</c>).</summary>
public sealed class DeliveryAlertSource(AdUseCases ads) : IAlertSource
{
    /// <inheritdoc/>
    public string Name => "delivery";

    /// <inheritdoc/>
    public Task<IReadOnlyList<AlertCandidate>> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken) => ads.DeliveryAlertsAsync(now, cancellationToken);
}

/// <summary>The alert center's pacing source: over- and under-pacing campaigns (kind <c>ad_anomaly</c>).</summary>
public sealed class PacingAlertSource(AdUseCases ads) : IAlertSource
{
    /// <inheritdoc/>
    public string Name => "pacing";

    /// <inheritdoc/>
    public Task<IReadOnlyList<AlertCandidate>> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken) => ads.PacingAlertsAsync(now, cancellationToken);
}
