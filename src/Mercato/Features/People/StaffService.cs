using Mercato.Core.Campaigns;
using Mercato.Core.Measurement.Attribution;
using Mercato.Storage.Campaigns;
using Mercato.Storage.Sqlite;
using Mercato.Core.DataCenter;

namespace Mercato.Features.People;

/// <summary>Who is stretched and who is booked twice over a range of local days.</summary>
/// <param name="From">First day.</param>
/// <param name="To">Last day, included.</param>
/// <param name="MaxConcurrentSquads">Squads at once above which a day is stretched (<see cref="Workload.MaxConcurrentSquads"/>).</param>
/// <param name="People">Everyone's load, most loaded first (<see cref="Workload.Compute"/>).</param>
/// <param name="Conflicts">Squad double bookings and live-stream overlaps on the range's days (<see cref="Workload.Conflicts"/>).</param>
public sealed record WorkloadReport(
    DateOnly From, DateOnly To, int MaxConcurrentSquads, IReadOnlyList<PersonWorkload> People, IReadOnlyList<CalendarConflict> Conflicts)
{
    /// <summary>The people stretched on some day of the range.</summary>
    public IReadOnlyList<PersonWorkload> Stretched => [.. People.Where(p => p.Stretched)];
}

/// <summary>The referral leaderboards of a window, with how the credit was computed.</summary>
/// <param name="From">First day of conversions counted; null for all.</param>
/// <param name="To">Last day; null for all.</param>
/// <param name="Model">The attribution model's name.</param>
/// <param name="ModelDescription">What the model rewards and when to distrust it.</param>
/// <param name="LookbackDays">How far before a conversion a touch still counts.</param>
/// <param name="People">People best first.</param>
/// <param name="Units">Units best first (each person's own unit).</param>
/// <param name="Unmatched">Codes nobody in the directory owns.</param>
/// <param name="Tree">
/// The units' lines rolled up the stored org tree (<see cref="Referrals.RollUp"/>); empty when the workspace has no
/// structure.
/// </param>
public sealed record LeaderboardReport(
    DateOnly? From, DateOnly? To, string Model, string ModelDescription, int LookbackDays,
    IReadOnlyList<PersonCredit> People, IReadOnlyList<UnitCredit> Units, IReadOnlyList<UnmatchedCode> Unmatched,
    IReadOnlyList<UnitTreeCredit> Tree);

/// <summary>One session with its figures.</summary>
public sealed record LiveStreamLine(LiveStreamSession Session, SessionMetrics Metrics);

/// <summary>Live-stream sessions of a window with their figures, and the host leaderboard.</summary>
/// <param name="From">First local day; null for all.</param>
/// <param name="To">Last local day; null for all.</param>
/// <param name="Sessions">Sessions by start.</param>
/// <param name="Hosts">Staff hosts and influencers side by side, best first.</param>
public sealed record LiveStreamReport(DateOnly? From, DateOnly? To, IReadOnlyList<LiveStreamLine> Sessions, IReadOnlyList<HostLine> Hosts);

/// <summary>An approved content kit's links as one person shares them.</summary>
/// <param name="Campaign">The campaign id.</param>
/// <param name="Name">The campaign's name.</param>
/// <param name="Links">The kit's links carrying the person's first code (<see cref="Referrals.ShareKit"/>).</param>
public sealed record KitShare(string Campaign, string Name, IReadOnlyList<KitLink> Links);

/// <summary>A person's referral codes and share links.</summary>
/// <param name="Person">The person's id.</param>
/// <param name="Name">Their name.</param>
/// <param name="Codes">Their referral codes.</param>
/// <param name="Kits">Per campaign with an approved kit, the links they share; none without a valid code.</param>
public sealed record PersonLinks(string Person, string Name, IReadOnlyList<string> Codes, IReadOnlyList<KitShare> Kits);

/// <summary>
/// All-staff marketing from the store, for the CLI, the API and the pages alike: referral leaderboards, workload and
/// double bookings, live-stream figures, and a person's share links (docs/campaigns.md).
/// </summary>
public sealed class StaffService(MercatoStore store, CampaignStore campaigns, TimeProvider time)
{
    /// <summary>The lookback of referral journeys: the attribution reports' default.</summary>
    public const int LookbackDays = 30;

    private readonly Mercato.Hosting.DataVersionCache _cache = new(store);

    /// <summary>The longest workload range, in days: two years of days is already more than a page can show.</summary>
    public const int MaxWorkloadDays = 731;

    /// <summary>The model the leaderboards use when none is asked for: linear, simple to explain to staff.</summary>
    public const AttributionModel DefaultModel = AttributionModel.Linear;

    /// <summary>Person and unit leaderboards: the store's referral tallies credited to the owners in the directory.</summary>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public ReferralLeaderboard Leaderboard(DateOnly? from, DateOnly? to, AttributionModel model)
    {
        if (from is { } f && to is { } t && t < f)
        {
            throw new ArgumentException("the range ends before it starts", nameof(to));
        }

        // The journey scan behind the tallies reads every touchpoint: kept until the data changes.
        var tallies = _cache.Get($"referrals {from} {to} {model}", () => new ReferralQueries(store).Tallies(from, to, model, LookbackDays));
        return Referrals.Leaderboard(tallies, campaigns.People());
    }

    /// <summary><see cref="Leaderboard"/> with the window and the model named and described.</summary>
    public LeaderboardReport LeaderboardReport(DateOnly? from, DateOnly? to, AttributionModel model)
    {
        var board = Leaderboard(from, to, model);
        var structure = new Mercato.Storage.Organization.OrgStore(store).Structure();
        return new LeaderboardReport(from, to, AttributionModels.Name(model), AttributionModels.Describe(model), LookbackDays,
            board.People, board.Units, board.Unmatched, structure is null ? [] : Referrals.RollUp(board.Units, structure));
    }

    /// <summary>Everyone's load over <paramref name="range"/> and the conflicts on its days, live-stream sessions included.</summary>
    /// <exception cref="ArgumentException">The range ends before it starts or is longer than <see cref="MaxWorkloadDays"/>.</exception>
    public WorkloadReport Workload(DateRange range)
    {
        if (!range.IsValid || range.Days > MaxWorkloadDays)
        {
            throw new ArgumentException($"the range must not end before it starts and span at most {MaxWorkloadDays} days", nameof(range));
        }

        var squads = campaigns.Squads();
        var all = campaigns.Campaigns();
        var people = Core.Campaigns.Workload.Compute(range, campaigns.People(), squads, all);
        var sessions = new LiveStreamQueries(store).Sessions(range.Start, range.End);
        var conflicts = Core.Campaigns.Workload.Conflicts(squads, all, sessions, range, store.TimeZone);
        return new WorkloadReport(range.Start, range.End, Core.Campaigns.Workload.MaxConcurrentSquads, people, conflicts);
    }

    /// <summary>The current month in the workspace time zone: the default window of the workload.</summary>
    public DateRange ThisMonth()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), store.TimeZone).DateTime);
        var first = new DateOnly(today.Year, today.Month, 1);
        return new DateRange(first, first.AddMonths(1).AddDays(-1));
    }

    /// <summary>Sessions starting on the local days from..to (all when null) with their figures, and the host leaderboard.</summary>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public LiveStreamReport LiveStreams(DateOnly? from, DateOnly? to)
    {
        var queries = new LiveStreamQueries(store);
        var sessions = queries.Sessions(from ?? DateOnly.MinValue.AddDays(1), to ?? DateOnly.MaxValue.AddDays(-1));
        return new LiveStreamReport(from, to,
            [.. sessions.Select(s => new LiveStreamLine(s, Core.Campaigns.LiveStreams.Metrics(s)))],
            Core.Campaigns.LiveStreams.Leaderboard(sessions, campaigns.People()));
    }

    /// <summary>
    /// A person's codes and, for every campaign with an approved content kit (only <paramref name="campaign"/> when
    /// given), the links they share; null when there is no such person.
    /// </summary>
    public PersonLinks? Links(string personId, string? campaign = null)
    {
        if (campaigns.Person(personId) is not { } person)
        {
            return null;
        }

        var kits = campaigns.Campaigns()
            .Where(c => campaign is null || c.Id == campaign)
            .Where(c => c.Kit.IsApproved && !CampaignLifecycle.IsTerminal(c.Stage)) // nothing to share for a closed or cancelled campaign
            .Select(c => new KitShare(c.Id, c.Name, Referrals.ShareKit(c.Kit, person)))
            .Where(k => k.Links.Count > 0)
            .ToList();
        return new PersonLinks(person.Id, person.Name, person.ReferralCodes, kits);
    }
}
