using Mercato.Core.AdMonitoring;
using Mercato.Core.Alerts;
using Mercato.Core.Campaigns;
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
public sealed record CampaignPacing(
    string Id, string Name, CampaignStage Stage, PacingPlan Plan, IReadOnlyList<string> Channels, bool Live, PacingResult Result, IReadOnlyList<DailySpend> Days,
    DateOnly? DataFrom);

/// <summary>Pacing of the campaigns with media budget lines, through one day.</summary>
/// <param name="Through">The last day counted: the day asked for, else yesterday or the last day with data, whichever is earlier.</param>
/// <param name="Options">The settings (tolerance, minimum elapsed days and share, band).</param>
/// <param name="Campaigns">Live campaigns first (by start), then the others that have started (newest first).</param>
public sealed record PacingReport(DateOnly Through, PacingOptions Options, IReadOnlyList<CampaignPacing> Campaigns);

/// <summary>
/// Ad monitoring for every front door (docs/ads.md). Budget pacing: each campaign's media budget (its channel budget lines;
/// cost lines are booked by month and do not pace) over its flight, spend from the spend rows carrying its codes, the
/// weekday shape from its channels' spend in the <see cref="ShapeWeeks"/> weeks before its start; the rule is Core's
/// <see cref="Pacing"/>.
/// </summary>
public sealed class AdUseCases(IDocumentStore documents, ICampaignFactReader facts, SettingsUseCases settings, TimeProvider time)
{
    /// <summary>Weeks of the campaign's channels' spend before its start read for the weekday shape.</summary>
    public const int ShapeWeeks = 8;

    /// <summary>
    /// Pacing through <paramref name="through"/> (default: yesterday, or the last day with data when that is earlier) of
    /// the campaigns live that day, or with <paramref name="all"/> of every campaign with a media budget that has started
    /// by then (cancelled ones left out).
    /// </summary>
    public async Task<PacingReport> PacingAsync(DateOnly? through, bool all, CancellationToken cancellationToken)
    {
        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var data = await facts.DataDaysAsync(zone, cancellationToken).ConfigureAwait(false);
        var yesterday = LocalTime.Today(time, zone).AddDays(-1);
        var day = through ?? (data is { } d && d.End < yesterday ? d.End : yesterday);
        var options = new PacingOptions();
        var campaigns = await documents.ValuesAsync(CampaignDocuments.Campaigns, cancellationToken).ConfigureAwait(false);
        var lines = new List<CampaignPacing>();
        foreach (var c in campaigns.Where(c => c.Stage != CampaignStage.Cancelled && c.Start <= day && (all || c.End >= day)))
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

    /// <summary>The alert center's pacing findings at <paramref name="now"/>: the campaigns live yesterday that pace over or under.</summary>
    public async Task<IReadOnlyList<AlertCandidate>> PacingAlertsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var yesterday = LocalTime.DayOf(now, zone).AddDays(-1);
        var report = await PacingAsync(yesterday, all: false, cancellationToken).ConfigureAwait(false);
        return [.. report.Campaigns.Where(c => c.DataFrom is null).Select(c => Pacing.Alert(c.Id, c.Plan, c.Result, yesterday, zone, report.Options)).OfType<AlertCandidate>()];
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
        return new CampaignPacing(c.Id, c.Name, c.Stage, plan, channels, c.End >= day, result, spend, dataFrom > c.Start ? dataFrom : null);
    }
}

/// <summary>The alert center's pacing source: over- and under-pacing campaigns (kind <c>ad_anomaly</c>).</summary>
public sealed class PacingAlertSource(AdUseCases ads) : IAlertSource
{
    /// <inheritdoc/>
    public string Name => "pacing";

    /// <inheritdoc/>
    public Task<IReadOnlyList<AlertCandidate>> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken) => ads.PacingAlertsAsync(now, cancellationToken);
}
