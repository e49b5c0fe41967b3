using Mercato.Core.Access;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Core.Measurement;
using Mercato.Core.Measurement.Attribution;
using Mercato.Features.Access;
using Mercato.Features.Campaigns;
using Mercato.Features.Settings;

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

/// <summary>A squad as a page lists it: with the version a change must name, and why removing it now is refused.</summary>
/// <param name="Squad">The squad.</param>
/// <param name="Version">Its stored version.</param>
/// <param name="RemovalRefusal">
/// Why <see cref="PeopleUseCases.RemoveSquadAsync"/> would refuse it now (the one squad-change rule,
/// <see cref="WorkspaceRules.SquadChangeRefusal"/>); null when it would not.
/// </param>
public sealed record SquadLine(Squad Squad, long Version, Message? RemovalRefusal);

/// <summary>
/// People, squads and all-staff marketing, for the API, the command line and the pages alike (docs/campaigns.md): the
/// people directory and the squads, written under the workspace's rules (<see cref="WorkspaceRules"/>) at the version they
/// were read; referral leaderboards, workload and double bookings, live-stream figures, and a person's share links.
/// Everything here names people, so every read needs <see cref="Permission.ReadPeople"/>; a person is written by whoever
/// writes the work of their unit, a squad by whoever writes the work of the units of the campaigns it runs.
/// </summary>
public sealed class PeopleUseCases(
    WorkspaceDocuments workspace, ICampaignFactReader facts, IJourneyReader journeys, SettingsUseCases settings, DataVersionCache cache, TimeProvider time, OutcomeLog log,
    AccessGuard guard)
{
    /// <summary>The lookback of referral journeys: the attribution reports' default.</summary>
    public const int LookbackDays = 30;

    /// <summary>The longest workload range, in days: two years of days is already more than a page can show.</summary>
    public const int MaxWorkloadDays = 731;

    /// <summary>The model the leaderboards use when none is asked for: linear, simple to explain to staff.</summary>
    public const AttributionModel DefaultModel = AttributionModel.Linear;

    /// <summary>The people directory, by id.</summary>
    public Task<IReadOnlyList<Person>> PeopleAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadPeople);
        return workspace.PeopleAsync(cancellationToken);
    }

    /// <summary>One person with the version a change must name, or not found.</summary>
    public async Task<Outcome<Versioned<Person>>> PersonAsync(string id, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadPeople);
        return Outcome<Versioned<Person>>.Found(await workspace.PersonAsync(id, cancellationToken).ConfigureAwait(false), CampaignCodes.PersonNotFound, MessageArgs.Of(("id", id)));
    }

    /// <summary>
    /// Adds (<paramref name="mustBeNew"/>: refused when the id is taken) or replaces a person, valid with the whole
    /// directory and the structure's units; moved meanwhile when <paramref name="expectedVersion"/> (or the version just
    /// read) is not the stored one.
    /// </summary>
    public async Task<Outcome<Person>> SavePersonAsync(Person person, bool mustBeNew, long? expectedVersion, CancellationToken cancellationToken) =>
        log.Noted(await SavePersonCoreAsync(person, mustBeNew, expectedVersion, cancellationToken).ConfigureAwait(false), "person save", person.Id);

    private async Task<Outcome<Person>> SavePersonCoreAsync(Person person, bool mustBeNew, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        // A person is the work of their unit; moving them is the work of both units.
        await guard.RequireAsync(Permission.WriteUnitWork, new AccessTarget(person.Unit), cancellationToken).ConfigureAwait(false);
        var loaded = await workspace.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (loaded.Workspace.Person(person.Id) is { } stored && !string.Equals(stored.Unit, person.Unit, StringComparison.Ordinal))
        {
            await guard.RequireAsync(Permission.WriteUnitWork, new AccessTarget(stored.Unit), cancellationToken).ConfigureAwait(false);
        }

        if (mustBeNew && loaded.Workspace.Person(person.Id) is not null)
        {
            return Outcome<Person>.Refused(CampaignCodes.PersonExists, MessageArgs.Of(("id", person.Id)));
        }

        var problems = WorkspaceRules.PersonProblems(loaded.Workspace, person);
        if (problems.Count > 0)
        {
            return Outcome<Person>.Invalid(problems);
        }

        return await workspace.CommitAsync([DocumentChange.Put(CampaignDocuments.People, person, expectedVersion ?? loaded.PersonVersion(person.Id))], cancellationToken)
            .ConfigureAwait(false)
            ? Outcome<Person>.Ok(person)
            : Outcome<Person>.MovedMeanwhile();
    }

    /// <summary>Removes a person: not found, refused while a squad counts them (<see cref="CampaignCodes.PersonInSquad"/>), or moved meanwhile.</summary>
    public async Task<Outcome> RemovePersonAsync(string id, long? expectedVersion, CancellationToken cancellationToken) =>
        log.Noted(await RemovePersonCoreAsync(id, expectedVersion, cancellationToken).ConfigureAwait(false), "person remove", id);

    private async Task<Outcome> RemovePersonCoreAsync(string id, long? expectedVersion, CancellationToken cancellationToken)
    {
        // Whether the person exists is itself personal data.
        guard.Require(Permission.ReadPeople);
        var loaded = await workspace.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (loaded.Workspace.Person(id) is not { } person)
        {
            return Outcome.NotFound(CampaignCodes.PersonNotFound, MessageArgs.Of(("id", id)));
        }

        await guard.RequireAsync(Permission.WriteUnitWork, new AccessTarget(person.Unit), cancellationToken).ConfigureAwait(false);

        if (WorkspaceRules.PersonRemovalRefusal(loaded.Workspace, id) is { } refusal)
        {
            return Outcome.Refused(refusal.Code, refusal.Args);
        }

        return await workspace.CommitAsync([DocumentChange.Delete(CampaignDocuments.People, id, expectedVersion ?? loaded.PersonVersion(id))], cancellationToken)
            .ConfigureAwait(false)
            ? Outcome.Ok()
            : Outcome.MovedMeanwhile();
    }

    /// <summary>
    /// Why person <paramref name="id"/> cannot be removed now (<see cref="WorkspaceRules.PersonRemovalRefusal"/>), for a page
    /// that says so before the attempt; null when they can (or do not exist).
    /// </summary>
    public async Task<Message?> PersonRemovalRefusalAsync(string id, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadPeople);
        return WorkspaceRules.PersonRemovalRefusal((await workspace.LoadAsync(cancellationToken).ConfigureAwait(false)).Workspace, id);
    }

    /// <summary>The squads, by id.</summary>
    public Task<IReadOnlyList<Squad>> SquadsAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadPeople);
        return workspace.SquadsAsync(cancellationToken);
    }

    /// <summary>
    /// The squads, by id, each with its version and why removing it now is refused (the rule <see cref="RemoveSquadAsync"/>
    /// applies), so a page offers removal only where it can succeed and names the version it read.
    /// </summary>
    public async Task<IReadOnlyList<SquadLine>> SquadLinesAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadPeople);
        var loaded = await workspace.LoadAsync(cancellationToken).ConfigureAwait(false);
        return [.. loaded.Workspace.Squads.Select(s => new SquadLine(s, loaded.SquadVersion(s.Id), WorkspaceRules.SquadChangeRefusal(loaded.Workspace, s.Id, null)))];
    }

    /// <summary>One squad with its version, or not found.</summary>
    public async Task<Outcome<Versioned<Squad>>> SquadAsync(string id, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadPeople);
        return Outcome<Versioned<Squad>>.Found(await workspace.SquadAsync(id, cancellationToken).ConfigureAwait(false), CampaignCodes.SquadNotFound, MessageArgs.Of(("id", id)));
    }

    /// <summary>
    /// Adds or replaces a squad: invalid with every problem (members stored people with one role each, campaigns stored
    /// campaigns, a time box that does not end before it starts); refused by the one squad-change rule
    /// (<see cref="WorkspaceRules.SquadChangeRefusal"/>); moved meanwhile.
    /// </summary>
    public async Task<Outcome<Squad>> SaveSquadAsync(Squad squad, long? expectedVersion, CancellationToken cancellationToken) =>
        log.Noted(await SaveSquadCoreAsync(squad, expectedVersion, cancellationToken).ConfigureAwait(false), "squad save", squad.Id);

    private async Task<Outcome<Squad>> SaveSquadCoreAsync(Squad squad, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(squad);
        var loaded = await workspace.LoadAsync(cancellationToken).ConfigureAwait(false);
        await guard.RequireSquadWriteAsync(loaded.Workspace, [.. squad.Campaigns, .. loaded.Workspace.Squad(squad.Id)?.Campaigns ?? []], cancellationToken).ConfigureAwait(false);
        var problems = WorkspaceRules.SquadProblems(loaded.Workspace, squad);
        if (problems.Count > 0)
        {
            return Outcome<Squad>.Invalid(problems);
        }

        if (WorkspaceRules.SquadChangeRefusal(loaded.Workspace, squad.Id, squad) is { } refusal)
        {
            return Outcome<Squad>.Refused(refusal.Code, refusal.Args);
        }

        return await workspace.CommitAsync([DocumentChange.Put(CampaignDocuments.Squads, squad, expectedVersion ?? loaded.SquadVersion(squad.Id))], cancellationToken)
            .ConfigureAwait(false)
            ? Outcome<Squad>.Ok(squad)
            : Outcome<Squad>.MovedMeanwhile();
    }

    /// <summary>Removes a squad (it leaves every campaign it works on): not found, refused by the one squad-change rule, or moved meanwhile.</summary>
    public async Task<Outcome> RemoveSquadAsync(string id, long? expectedVersion, CancellationToken cancellationToken) =>
        log.Noted(await RemoveSquadCoreAsync(id, expectedVersion, cancellationToken).ConfigureAwait(false), "squad remove", id);

    private async Task<Outcome> RemoveSquadCoreAsync(string id, long? expectedVersion, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadPeople);
        var loaded = await workspace.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (loaded.Workspace.Squad(id) is not { } squad)
        {
            return Outcome.NotFound(CampaignCodes.SquadNotFound, MessageArgs.Of(("id", id)));
        }

        await guard.RequireSquadWriteAsync(loaded.Workspace, squad.Campaigns, cancellationToken).ConfigureAwait(false);

        if (WorkspaceRules.SquadChangeRefusal(loaded.Workspace, id, null) is { } refusal)
        {
            return Outcome.Refused(refusal.Code, refusal.Args);
        }

        return await workspace.CommitAsync([DocumentChange.Delete(CampaignDocuments.Squads, id, expectedVersion ?? loaded.SquadVersion(id))], cancellationToken)
            .ConfigureAwait(false)
            ? Outcome.Ok()
            : Outcome.MovedMeanwhile();
    }

    /// <summary>Person and unit leaderboards: the store's referral tallies credited to the owners in the directory.</summary>
    private async Task<ReferralLeaderboard> LeaderboardAsync(DateOnly? from, DateOnly? to, AttributionModel model, CancellationToken cancellationToken)
    {
        // The journey scan behind the tallies reads every touchpoint: kept until the data changes.
        var tallies = await cache.FigureAsync($"referrals {from} {to} {model}", TimeZoneInfo.Utc, async () =>
        {
            var touches = await facts.ReferralTouchesAsync(from, to, cancellationToken).ConfigureAwait(false);
            var query = new JourneyQuery(from, to, LookbackDays, JourneyLabel.Referral);
            IReadOnlyList<Credit> credits;
            if (model == AttributionModel.TimeDecay)
            {
                // Time decay reads only the timed paths: one scan, not two.
                var timed = await journeys.TimedPathsAsync(query, false, cancellationToken).ConfigureAwait(false);
                credits = timed.Count == 0 ? [] : AttributionModels.Attribute(model, [], timed).Credits;
            }
            else
            {
                // With no conversion there is nothing to credit (and Markov has no conversion probability to remove from).
                var paths = (await journeys.PathsAsync(query, false, cancellationToken).ConfigureAwait(false)).Paths;
                credits = paths.All(p => p.Conversions == 0) ? [] : AttributionModels.Attribute(model, paths, null).Credits;
            }

            return Referrals.Tallies(touches, credits);
        }, cancellationToken).ConfigureAwait(false);
        return Referrals.Leaderboard(tallies, await workspace.PeopleAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The leaderboards of a window with the model named and described; invalid when the range ends before it starts.</summary>
    public async Task<Outcome<LeaderboardReport>> LeaderboardReportAsync(DateOnly? from, DateOnly? to, AttributionModel model, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadPeople);
        if (from is { } f && to is { } t && t < f)
        {
            return Outcome<LeaderboardReport>.Invalid([Problem.Of("to", CommonCodes.EndBeforeStart, ("start", f), ("end", t))]);
        }

        var board = await LeaderboardAsync(from, to, model, cancellationToken).ConfigureAwait(false);
        var structure = (await workspace.LoadAsync(cancellationToken).ConfigureAwait(false)).Workspace.Structure;
        return Outcome<LeaderboardReport>.Ok(new LeaderboardReport(from, to, AttributionModels.Name(model), AttributionModels.Describe(model), LookbackDays,
            board.People, board.Units, board.Unmatched, structure is null ? [] : Referrals.RollUp(board.Units, structure)));
    }

    /// <summary>
    /// Everyone's load from <paramref name="from"/> to <paramref name="to"/> (both, or neither for this month in the
    /// workspace zone) and the conflicts on its days, live-stream sessions included; invalid when only one day is given
    /// (<see cref="ApiCodes.BothDaysOrNeither"/>), the range ends before it starts or spans more than
    /// <see cref="MaxWorkloadDays"/> days.
    /// </summary>
    public async Task<Outcome<WorkloadReport>> WorkloadAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadPeople);
        if ((from is null) != (to is null))
        {
            return Outcome<WorkloadReport>.Invalid([new Problem(from is null ? "from" : "to", ApiCodes.BothDaysOrNeither)]);
        }

        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var r = from is { } f && to is { } l ? new DateRange(f, l) : ThisMonth(zone);
        if (!r.IsValid)
        {
            return Outcome<WorkloadReport>.Invalid([Problem.Of("to", CommonCodes.EndBeforeStart, ("start", r.Start), ("end", r.End))]);
        }

        if (r.Days > MaxWorkloadDays)
        {
            return Outcome<WorkloadReport>.Invalid([Problem.Of("to", ApiCodes.RangeTooLong, ("days", r.Days), ("max", MaxWorkloadDays))]);
        }

        var loaded = (await workspace.LoadAsync(cancellationToken).ConfigureAwait(false)).Workspace;
        var people = Core.Campaigns.Workload.Compute(r, loaded.People, loaded.Squads, loaded.Campaigns);
        var sessions = await facts.LiveStreamsAsync(r, zone, cancellationToken).ConfigureAwait(false);
        var conflicts = Core.Campaigns.Workload.Conflicts(loaded.Squads, loaded.Campaigns, sessions, r, zone);
        return Outcome<WorkloadReport>.Ok(new WorkloadReport(r.Start, r.End, Core.Campaigns.Workload.MaxConcurrentSquads, people, conflicts));
    }

    /// <summary>The current month in <paramref name="zone"/>: the default window of the workload.</summary>
    private DateRange ThisMonth(TimeZoneInfo zone)
    {
        var today = LocalTime.Today(time, zone);
        var first = new DateOnly(today.Year, today.Month, 1);
        return new DateRange(first, first.AddMonths(1).AddDays(-1));
    }

    /// <summary>
    /// Sessions starting on the local days from..to (all when null) with their figures, and the host leaderboard; invalid
    /// when the range ends before it starts.
    /// </summary>
    public async Task<Outcome<LiveStreamReport>> LiveStreamsAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        // The host leaderboard ranks staff by name.
        guard.Require(Permission.ReadPeople);
        if (from is { } f && to is { } t && t < f)
        {
            return Outcome<LiveStreamReport>.Invalid([Problem.Of("to", CommonCodes.EndBeforeStart, ("start", f), ("end", t))]);
        }

        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var sessions = await facts.LiveStreamsAsync(new DateRange(from ?? DateOnly.MinValue.AddDays(1), to ?? DateOnly.MaxValue.AddDays(-1)), zone, cancellationToken)
            .ConfigureAwait(false);
        return Outcome<LiveStreamReport>.Ok(new LiveStreamReport(from, to,
            [.. sessions.Select(s => new LiveStreamLine(s, Core.Campaigns.LiveStreams.Metrics(s)))],
            Core.Campaigns.LiveStreams.Leaderboard(sessions, await workspace.PeopleAsync(cancellationToken).ConfigureAwait(false))));
    }

    /// <summary>
    /// A person's codes and, for every campaign with an approved content kit still running (only <paramref name="campaign"/>
    /// when given), the links they share; not found for an unknown person or campaign.
    /// </summary>
    public async Task<Outcome<PersonLinks>> LinksAsync(string personId, string? campaign, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadPeople);
        var loaded = (await workspace.LoadAsync(cancellationToken).ConfigureAwait(false)).Workspace;
        if (campaign is not null && loaded.Campaign(campaign) is null)
        {
            return Outcome<PersonLinks>.NotFound(CampaignCodes.CampaignNotFound, MessageArgs.Of(("id", campaign)));
        }

        if (loaded.Person(personId) is not { } person)
        {
            return Outcome<PersonLinks>.NotFound(CampaignCodes.PersonNotFound, MessageArgs.Of(("id", personId)));
        }

        var kits = loaded.Campaigns
            .Where(c => campaign is null || c.Id == campaign)
            .Where(c => c.Kit.IsApproved && !CampaignLifecycle.IsTerminal(c.Stage)) // nothing to share for a closed or cancelled campaign
            .Select(c => new KitShare(c.Id, c.Name, Referrals.ShareKit(c.Kit, person)))
            .Where(k => k.Links.Count > 0)
            .ToList();
        return Outcome<PersonLinks>.Ok(new PersonLinks(person.Id, person.Name, person.ReferralCodes, kits));
    }
}
