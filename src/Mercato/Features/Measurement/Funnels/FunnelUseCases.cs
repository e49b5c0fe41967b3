using System.Globalization;
using Mercato.Core.Access;
using Mercato.Core.DataCenter;
using Mercato.Core.Measurement.Funnels;
using Mercato.Features.Access;
using Mercato.Features.Settings;

namespace Mercato.Features.Measurement.Funnels;

/// <summary>What a funnel report asks for.</summary>
/// <param name="Steps">The steps as written (<c>signup</c>, <c>purchase#2</c>), the entry first.</param>
/// <param name="Order">Strict (the default) or loose order.</param>
/// <param name="WithinDays">The window after the entry, days.</param>
/// <param name="From">First day of entries (workspace local days); null for the first day of activity data.</param>
/// <param name="To">Last day of entries; null for the last day of activity data.</param>
/// <param name="By">The split besides the total.</param>
public sealed record FunnelRequest(
    IReadOnlyList<string> Steps,
    FunnelOrder Order = FunnelOrder.Strict,
    int WithinDays = FunnelDefinition.DefaultWithinDays,
    DateOnly? From = null,
    DateOnly? To = null,
    FunnelSplit By = FunnelSplit.None)
{
    /// <summary>The words <c>--order</c> and <c>order=</c> take.</summary>
    public static IReadOnlyList<string> Orders => EnumWords.All<FunnelOrder>();

    /// <summary>The words <c>--by</c> and <c>by=</c> take.</summary>
    public static IReadOnlyList<string> Splits => EnumWords.All<FunnelSplit>();
}

/// <summary>
/// A funnel report: what was asked (steps, order, window, the entry days and the zone they are local to, the split), the
/// total and, when split, one group per channel group or cohort month.
/// </summary>
public sealed record FunnelReport(
    IReadOnlyList<string> Steps,
    FunnelOrder Order,
    int WithinDays,
    string From,
    string To,
    string TimeZone,
    FunnelSplit By,
    FunnelFigures Total,
    IReadOnlyList<FunnelFigures> Groups);

/// <summary>
/// Funnels over the activity data for the CLI, the API and the page (docs/measurement.md, Funnels): the store reads the
/// users who entered and their events of the funnel's words (<see cref="IFunnelReader"/>); Core walks each user
/// (<see cref="FunnelWalk"/>) and tallies the steps. Entry days are local days of the workspace zone. Results are kept
/// until the data changes. Needs <see cref="Permission.ReadReports"/>.
/// </summary>
public sealed class FunnelUseCases(IFunnelReader reader, Core.Campaigns.ICampaignFactReader facts, SettingsUseCases settings, DataVersionCache cache, AccessGuard guard)
{
    /// <summary>The event words of the activity data, by word (the steps a funnel can name).</summary>
    public async Task<IReadOnlyList<ActivityEventWord>> EventsAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return await WordsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The funnel of <paramref name="request"/>; invalid for malformed steps, a step naming no event of the activity data
    /// (<see cref="FunnelCodes.UnknownEvent"/> with the events that exist), a window or a step count out of bounds, or
    /// days that end before they start.
    /// </summary>
    public async Task<Outcome<FunnelReport>> FunnelAsync(FunnelRequest request, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        ArgumentNullException.ThrowIfNull(request);
        var parsed = FunnelDefinition.Parse(request.Steps, request.Order, request.WithinDays);
        var problems = new List<Problem>(parsed.Problems);
        if (request.From is { } f && request.To is { } t && t < f)
        {
            problems.Add(Problem.Of("to", CommonCodes.EndBeforeStart, ("start", f), ("end", t)));
        }

        if (!EnumWords.IsDefined(request.By))
        {
            problems.Add(Problem.Of("by", CommonCodes.NotOneOf, ("value", request.By.ToString()), ("expected", FunnelRequest.Splits.ToArray())));
        }

        var words = await WordsAsync(cancellationToken).ConfigureAwait(false);
        if (parsed.Value is { } definition)
        {
            var known = words.Select(w => w.Event).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < definition.Steps.Count; i++)
            {
                if (!known.Contains(definition.Steps[i].Event))
                {
                    problems.Add(Problem.Of("steps[" + i.ToString(CultureInfo.InvariantCulture) + "]", FunnelCodes.UnknownEvent,
                        ("value", definition.Steps[i].Event), ("events", words.Select(w => w.Event).ToArray())));
                }
            }
        }

        if (problems.Count > 0)
        {
            return Outcome<FunnelReport>.Invalid(problems);
        }

        var funnel = parsed.Value!;
        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var first = LocalTime.DayOf(words.Min(w => w.First), zone);
        var last = LocalTime.DayOf(words.Max(w => w.Last), zone);
        var from = request.From ?? (request.To is { } end && end < first ? end : first);
        var to = request.To ?? (from > last ? from : last);
        // The split by channel group follows the catalog's groups (a document): `channels set` shows at once.
        var groups = request.By == FunnelSplit.ChannelGroup ? " " + await facts.ChannelGroupsSignatureAsync(cancellationToken).ConfigureAwait(false) : "";
        var key = string.Create(CultureInfo.InvariantCulture,
            $"funnel {string.Join(',', funnel.Steps)} {funnel.Order} {funnel.WithinDays} {from:yyyy-MM-dd} {to:yyyy-MM-dd} {request.By}{groups}");
        // Steps are activity and conversions; the split by channel group reads each user's first touchpoint.
        var report = await cache.FigureAsync(key, zone, [DataKinds.Activity, DataKinds.Conversions, DataKinds.Touchpoints], async () =>
        {
            var (start, stop) = LocalTime.Bounds(new DateRange(from, to), zone);
            var tally = new FunnelTally(funnel);
            await reader.ReadAsync(FunnelRead.Of(funnel, start, stop), user =>
            {
                if (FunnelWalk.Walk(funnel, user.Events, start, stop) is not { } path)
                {
                    return;
                }

                tally.Add(path, request.By switch
                {
                    FunnelSplit.ChannelGroup => user.FirstTouchGroup ?? FunnelSplits.Unknown,
                    FunnelSplit.Cohort => YearMonth.Of(LocalTime.DayOf(path.Entry, zone)).ToString(),
                    _ => null,
                });
            }, cancellationToken).ConfigureAwait(false);
            return new FunnelReport(
                [.. funnel.Steps.Select(s => s.ToString())], funnel.Order, funnel.WithinDays, Day(from), Day(to), zone.Id, request.By,
                tally.Total(), request.By == FunnelSplit.None ? [] : tally.Groups());
        }, cancellationToken).ConfigureAwait(false);
        return Outcome<FunnelReport>.Ok(report);
    }

    // A figure too (the page lists the events, and the report's default window is their span): after a restart the kept
    // list answers at once, where reading every event's word takes seconds on a large store.
    private Task<IReadOnlyList<ActivityEventWord>> WordsAsync(CancellationToken cancellationToken) =>
        cache.FigureAsync("funnel events", TimeZoneInfo.Utc, [DataKinds.Activity, DataKinds.Conversions], () => reader.EventsAsync(cancellationToken), cancellationToken);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
