using Mercato.Core.Access;
using Mercato.Core.Campaigns;
using Mercato.Core.Kpis;
using Mercato.Core.Measurement;
using Mercato.Core.Measurement.Attribution;
using Mercato.Features.Access;
using Mercato.Features.Measurement;
using Mercato.Features.Settings;

namespace Mercato.Features.Campaigns;

/// <summary>An evaluation with the notes that say where its supplied figures came from.</summary>
/// <param name="Report">The core's report.</param>
/// <param name="Notes">Where the attributed figures, the KPI actuals and the cost actuals came from, one message each (<see cref="CampaignNoteCodes"/>).</param>
public sealed record CampaignEvaluationResult(EvaluationReport Report, IReadOnlyList<Message> Notes);

/// <summary>The brand board with the step-8 details and the notes on where the supplied evidence came from.</summary>
/// <param name="Board">The core's board.</param>
/// <param name="Concentration">Step 8 in detail: the top campaign, its share, the channel counts.</param>
/// <param name="Notes">Where the evidence values came from (<see cref="CampaignNoteCodes"/>).</param>
public sealed record BrandReport(BrandBoard Board, SpendConcentration Concentration, IReadOnlyList<Message> Notes);

/// <summary>A campaign as its page and <c>mercato campaigns show</c> present it.</summary>
/// <param name="Campaign">The stored campaign.</param>
/// <param name="Version">Its version: what a write made from this view expects.</param>
/// <param name="Squads">The squads working on it, by id (without their members for one who does not read people's data).</param>
/// <param name="Next">The stage an advance would move it to; null for a closed or cancelled campaign.</param>
/// <param name="Blockers">What keeps it from <paramref name="Next"/> now (empty: every gate is open).</param>
/// <param name="Zone">The workspace time zone, in which its times and days are shown.</param>
/// <param name="Today">Today in that zone.</param>
public sealed record CampaignDetail(
    Campaign Campaign, long Version, IReadOnlyList<Squad> Squads, CampaignStage? Next, IReadOnlyList<LifecycleRefusal> Blockers, TimeZoneInfo Zone, DateOnly Today);

/// <summary>The board by stage with what blocks each campaign's next move and the budget overruns.</summary>
/// <param name="Columns">One column per stage (<see cref="CampaignCalendar.Board"/>).</param>
/// <param name="Blockers">Campaign id → what keeps it from its next stage now (closed and cancelled ones have none).</param>
/// <param name="Warnings">The overrun warnings of every campaign (<see cref="CampaignUseCases.BudgetWarningsAsync"/>).</param>
/// <param name="Zone">The workspace time zone.</param>
public sealed record CampaignBoard(
    IReadOnlyList<StageColumn> Columns, IReadOnlyDictionary<string, IReadOnlyList<LifecycleRefusal>> Blockers, IReadOnlyList<BudgetWarning> Warnings, TimeZoneInfo Zone);

/// <summary>A month of the campaign calendar with the budget overruns of the campaigns running in it.</summary>
/// <param name="Calendar">The month (<see cref="CampaignCalendar.Month"/>).</param>
/// <param name="Warnings">The overrun warnings of the campaigns running in the month, by campaign id.</param>
/// <param name="Zone">The workspace time zone.</param>
/// <param name="Today">Today in that zone.</param>
public sealed record CampaignMonth(MonthCalendar Calendar, IReadOnlyList<BudgetWarning> Warnings, TimeZoneInfo Zone, DateOnly Today);

/// <summary>
/// Campaigns for the API, the command line and the pages alike (docs/campaigns.md): written under the workspace's rules
/// (<see cref="WorkspaceRules"/>) at the version they were read, moved only through the lifecycle
/// (<see cref="CampaignLifecycle"/>) by the acting person at the injected clock's time, squads attached and detached by the
/// one squad-change rule, bundles restored whole; and their evaluation, budget actuals and the 9+1 brand board from the
/// store (<see cref="ICampaignFactReader"/> aggregates the facts, <see cref="MeasurementUseCases"/> credits campaigns,
/// the KPI reader computes catalog KPIs, and the pure core finishes). Every public method asks the <see cref="AccessGuard"/>
/// first: reads of one campaign the principal does not see are not found, lists hold only the campaigns it sees, writes
/// need <see cref="Permission.WriteCampaign"/> on the campaign (its unit, its squads' people, an agency's naming).
/// </summary>
public sealed class CampaignUseCases(
    WorkspaceDocuments workspace, ICampaignFactReader facts, Organization.KpiInputs kpis, MeasurementUseCases measurement, SettingsUseCases settings,
    DataVersionCache cache, ICurrentUser user, TimeProvider time, OutcomeLog log, Core.Listening.IMentionStore mentions,
    AccessGuard guard, DataSpans spans)
{
    /// <summary>The model an evaluation uses unless told otherwise: the ROI default (order-1 Markov).</summary>
    public const AttributionModel DefaultModel = MeasurementUseCases.DefaultRoiModel;

    /// <summary>Brand evidence read from catalog KPIs over the board's window: evidence id → KPI id.</summary>
    public static IReadOnlyDictionary<string, string> BrandKpis { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["stories_published"] = "content_published",
        ["story_shares"] = "content_shares",
        ["followers_gained"] = "followers_gained",
        ["community_interactions"] = "social_interactions",
        ["retention_d30"] = "retention_d30",
        ["gmv"] = "gmv",
        ["aov"] = "aov",
    };

    /// <summary>Where cost lines take their actual from.</summary>
    public static Message CostNote { get; } = new(CampaignNoteCodes.CostActuals);

    /// <summary>Every campaign the principal sees, by id.</summary>
    public async Task<IReadOnlyList<Campaign>> ListAsync(CancellationToken cancellationToken)
    {
        guard.RequireCampaignReads();
        return await VisibleAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The stored campaigns the principal sees (an agency: the ones it is named on), by id.</summary>
    private async Task<IReadOnlyList<Campaign>> VisibleAsync(CancellationToken cancellationToken) =>
        [.. (await workspace.CampaignsAsync(cancellationToken).ConfigureAwait(false)).Where(guard.SeesCampaign)];

    /// <summary>One campaign with its version, or not found (also when the principal does not see it).</summary>
    public async Task<Outcome<Versioned<Campaign>>> GetAsync(string id, CancellationToken cancellationToken)
    {
        guard.RequireCampaignReads();
        var stored = await workspace.CampaignAsync(id, cancellationToken).ConfigureAwait(false);
        return Outcome<Versioned<Campaign>>.Found(stored is not null && guard.SeesCampaign(stored.Value) ? stored : null, CampaignCodes.CampaignNotFound, MessageArgs.Of(("id", id)));
    }

    /// <summary>
    /// Not found when there is no campaign <paramref name="id"/> or the principal does not see it (an agency reading another
    /// campaign learns nothing of it); else refused (<see cref="AccessDeniedException"/>) unless it holds
    /// <paramref name="permission"/> on it: <see cref="Permission.WriteCampaign"/> at its unit, squads and naming, the
    /// approvals at its unit. Null when it may go on.
    /// </summary>
    private async Task<Outcome<T>?> DeniedOrMissingAsync<T>(LoadedWorkspace loaded, string id, Permission permission, CancellationToken cancellationToken)
    {
        if (loaded.Workspace.Campaign(id) is not { } campaign || !guard.SeesCampaign(campaign))
        {
            return Outcome<T>.NotFound(CampaignCodes.CampaignNotFound, MessageArgs.Of(("id", id)));
        }

        var target = permission == Permission.WriteCampaign ? AccessGuard.CampaignTarget(campaign, loaded.Workspace.Squads) : new AccessTarget(campaign.Unit);
        await guard.RequireAsync(permission, target, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Creates (<paramref name="mustBeNew"/>: refused when the id is taken) or replaces a campaign under
    /// <see cref="WorkspaceRules.Edit"/>: its stage, history and approvals unchanged, an edited approved kit back to draft,
    /// valid on its own and with the other campaigns; moved meanwhile when the stored one is not the version read.
    /// </summary>
    public async Task<Outcome<Campaign>> SaveAsync(Campaign campaign, bool mustBeNew, long? expectedVersion, CancellationToken cancellationToken) =>
        log.Noted(await SaveCoreAsync(campaign, mustBeNew, expectedVersion, cancellationToken).ConfigureAwait(false), "campaign save", campaign.Id);

    private async Task<Outcome<Campaign>> SaveCoreAsync(Campaign campaign, bool mustBeNew, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var loaded = await workspace.LoadAsync(cancellationToken).ConfigureAwait(false);
        var existing = loaded.Workspace.Campaign(campaign.Id);
        if (existing is null || mustBeNew || !guard.SeesCampaign(existing))
        {
            // Creating one is work of the unit it is created in (and an id taken by a campaign the principal does not
            // see is said to be taken only to one who may create there).
            await guard.RequireAsync(Permission.WriteUnitWork, new AccessTarget(campaign.Unit), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await guard.RequireAsync(Permission.WriteCampaign, AccessGuard.CampaignTarget(existing, loaded.Workspace.Squads), cancellationToken).ConfigureAwait(false);
            if (!string.Equals(existing.Unit, campaign.Unit, StringComparison.Ordinal))
            {
                // Handing a campaign to another unit is work of that unit too.
                await guard.RequireAsync(Permission.WriteUnitWork, new AccessTarget(campaign.Unit), cancellationToken).ConfigureAwait(false);
            }
        }

        if (mustBeNew && existing is not null)
        {
            return Outcome<Campaign>.Refused(CampaignCodes.CampaignExists, MessageArgs.Of(("id", campaign.Id)));
        }

        var edit = WorkspaceRules.Edit(loaded.Workspace, campaign);
        if (!edit.IsOk)
        {
            return edit;
        }

        return await workspace.CommitAsync([DocumentChange.Put(CampaignDocuments.Campaigns, edit.Value!, expectedVersion ?? loaded.CampaignVersion(campaign.Id))], cancellationToken)
            .ConfigureAwait(false)
            ? edit
            : Outcome<Campaign>.MovedMeanwhile(MessageArgs.Of(("campaign", campaign.Id)));
    }

    /// <summary>
    /// Removes a campaign still in planning and takes it off every squad's list, in one commit: the ids of those squads;
    /// not found, refused once it has left planning (<see cref="CampaignCodes.CampaignHasHistory"/>), or moved meanwhile
    /// (<paramref name="expectedVersion"/>, or the version just read, is not the stored one).
    /// </summary>
    public async Task<Outcome<IReadOnlyList<string>>> RemoveAsync(string id, long? expectedVersion, CancellationToken cancellationToken) =>
        log.Noted(await RemoveCoreAsync(id, expectedVersion, cancellationToken).ConfigureAwait(false), "campaign remove", id);

    private async Task<Outcome<IReadOnlyList<string>>> RemoveCoreAsync(string id, long? expectedVersion, CancellationToken cancellationToken)
    {
        var loaded = await workspace.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (await DeniedOrMissingAsync<IReadOnlyList<string>>(loaded, id, Permission.WriteCampaign, cancellationToken).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }

        var stored = loaded.Workspace.Campaign(id)!;
        if (WorkspaceRules.RemovalRefusal(stored) is { } refusal)
        {
            return Outcome<IReadOnlyList<string>>.Refused(refusal.Code, refusal.Args);
        }

        var squads = WorkspaceRules.SquadsAfterRemoval(loaded.Workspace, id);
        List<DocumentChange> changes =
        [
            DocumentChange.Delete(CampaignDocuments.Campaigns, id, expectedVersion ?? loaded.CampaignVersion(id)),
            .. squads.Select(s => DocumentChange.Put(CampaignDocuments.Squads, s, loaded.SquadVersion(s.Id))),
        ];
        return await workspace.CommitAsync(changes, cancellationToken).ConfigureAwait(false)
            ? Outcome<IReadOnlyList<string>>.Ok([.. squads.Select(s => s.Id)])
            : Outcome<IReadOnlyList<string>>.MovedMeanwhile(MessageArgs.Of(("campaign", id)));
    }

    /// <summary>
    /// Moves a campaign to its next stage through its gate (<see cref="CampaignLifecycle.Advance"/>); moved meanwhile when
    /// it is no longer in <paramref name="expectedStage"/> or at <paramref name="expectedVersion"/> (both optional).
    /// </summary>
    public Task<Outcome<Campaign>> AdvanceAsync(string id, string? note, CampaignStage? expectedStage, long? expectedVersion, CancellationToken cancellationToken) =>
        ApplyAsync("campaign advance", id, Permission.WriteCampaign, expectedStage, expectedVersion, (c, actor, now, facts) => CampaignLifecycle.Advance(c, actor, now, facts, note), cancellationToken);

    /// <summary>
    /// Moves a campaign to a named stage: one forward through its gate, one back with a note, or cancelled with the reason
    /// as note; moved meanwhile as <see cref="AdvanceAsync"/>.
    /// </summary>
    public Task<Outcome<Campaign>> MoveAsync(
        string id, CampaignStage stage, string? note, CampaignStage? expectedStage, long? expectedVersion, CancellationToken cancellationToken) =>
        ApplyAsync("campaign move to " + EnumWords.Word(stage), id, Permission.WriteCampaign, expectedStage, expectedVersion, (c, actor, now, facts) => CampaignLifecycle.TryMoveTo(c, stage, actor, now, facts, note), cancellationToken);

    /// <summary>Records the acting person's approval of the campaign's planned budget; moved meanwhile as <see cref="AdvanceAsync"/>.</summary>
    public Task<Outcome<Campaign>> ApproveBudgetAsync(string id, string? note, CampaignStage? expectedStage, long? expectedVersion, CancellationToken cancellationToken) =>
        ApplyAsync("campaign approve budget", id, Permission.ApproveBudget, expectedStage, expectedVersion, (c, actor, now, _) => CampaignLifecycle.ApproveBudget(c, actor, now, note), cancellationToken);

    /// <summary>Records the acting person's approval of the campaign's content kit; refused for an empty kit; moved meanwhile as <see cref="AdvanceAsync"/>.</summary>
    public Task<Outcome<Campaign>> ApproveKitAsync(string id, CampaignStage? expectedStage, long? expectedVersion, CancellationToken cancellationToken) =>
        ApplyAsync("campaign approve kit", id, Permission.ApproveKit, expectedStage, expectedVersion, (c, actor, now, _) => CampaignLifecycle.ApproveKit(c, actor, now), cancellationToken);

    /// <summary>
    /// Runs one lifecycle action on the stored campaign as the acting person, now, and stores the result at the version
    /// read: not found; moved meanwhile when the campaign is no longer in <paramref name="expectedStage"/> (a form shown
    /// in another stage, a second click) or at <paramref name="expectedVersion"/>, or changed before the write; else the
    /// lifecycle's outcome. The principal must hold <paramref name="permission"/> on the campaign
    /// (<see cref="Permission.WriteCampaign"/> for a move, the approval's own for an approval).
    /// </summary>
    private async Task<Outcome<Campaign>> ApplyAsync(
        string what, string id, Permission permission, CampaignStage? expectedStage, long? expectedVersion,
        Func<Campaign, string, DateTimeOffset, LifecycleFacts, LifecycleOutcome> action, CancellationToken cancellationToken) =>
        log.Noted(await ApplyCoreAsync(id, permission, expectedStage, expectedVersion, action, cancellationToken).ConfigureAwait(false), what, id);

    private async Task<Outcome<Campaign>> ApplyCoreAsync(
        string id, Permission permission, CampaignStage? expectedStage, long? expectedVersion, Func<Campaign, string, DateTimeOffset, LifecycleFacts, LifecycleOutcome> action,
        CancellationToken cancellationToken)
    {
        var loaded = await workspace.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (await DeniedOrMissingAsync<Campaign>(loaded, id, permission, cancellationToken).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }

        var campaign = loaded.Workspace.Campaign(id)!;

        if (expectedStage is { } from && campaign.Stage != from)
        {
            return Outcome<Campaign>.MovedMeanwhile(MessageArgs.Of(
                ("campaign", id), ("stage", EnumWords.Word(campaign.Stage)), ("from", EnumWords.Word(from))));
        }

        if (MovedSince<Campaign>(loaded, id, expectedVersion) is { } moved)
        {
            return moved;
        }

        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var outcome = action(campaign, user.Name, time.GetUtcNow(), new LifecycleFacts(loaded.Workspace.Squads, zone)).ToOutcome();
        if (!outcome.IsOk)
        {
            return outcome;
        }

        return await workspace.CommitAsync([DocumentChange.Put(CampaignDocuments.Campaigns, outcome.Value!, loaded.CampaignVersion(id))], cancellationToken)
            .ConfigureAwait(false)
            ? outcome
            : Outcome<Campaign>.MovedMeanwhile(MessageArgs.Of(("campaign", id)));
    }

    /// <summary>Moved meanwhile when campaign <paramref name="id"/> is not at <paramref name="expectedVersion"/> (none expected: null).</summary>
    private static Outcome<T>? MovedSince<T>(LoadedWorkspace loaded, string id, long? expectedVersion) =>
        expectedVersion is { } version && loaded.CampaignVersion(id) != version
            ? Outcome<T>.MovedMeanwhile(MessageArgs.Of(("campaign", id)))
            : null;

    /// <summary>
    /// Campaign <paramref name="id"/> with its version, its squads and what blocks its next stage now (the gates of
    /// <see cref="CampaignLifecycle.Blockers"/> with the workspace's squads and time zone), or not found.
    /// </summary>
    public async Task<Outcome<CampaignDetail>> DetailAsync(string id, CancellationToken cancellationToken)
    {
        guard.RequireCampaignReads();
        var loaded = await workspace.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (loaded.Workspace.Campaign(id) is not { } campaign || !guard.SeesCampaign(campaign))
        {
            return Outcome<CampaignDetail>.NotFound(CampaignCodes.CampaignNotFound, MessageArgs.Of(("id", id)));
        }

        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var facts = new LifecycleFacts(loaded.Workspace.Squads, zone);
        var next = CampaignLifecycle.Next(campaign.Stage);
        // Squads' members are people's data: one who does not read people (a viewer, an agency) sees the squads without them.
        var squads = loaded.Workspace.Squads.Where(s => s.Serves(id)).Select(s => guard.SeesPeople ? s : s with { Members = [] });
        return Outcome<CampaignDetail>.Ok(new CampaignDetail(
            campaign, loaded.CampaignVersion(id), [.. squads], next,
            next is { } n ? CampaignLifecycle.Blockers(campaign, n, now, facts) : [], zone, facts.Today(now)));
    }

    /// <summary>Every campaign in its stage's column, with what blocks each one's next move now and the budget overruns.</summary>
    public async Task<CampaignBoard> BoardAsync(CancellationToken cancellationToken)
    {
        guard.RequireCampaignReads();
        var loaded = (await workspace.LoadAsync(cancellationToken).ConfigureAwait(false)).Workspace;
        var visible = loaded.Campaigns.Where(guard.SeesCampaign).ToList();
        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var facts = new LifecycleFacts(loaded.Squads, zone);
        var blockers = visible.ToDictionary(
            c => c.Id,
            c => CampaignLifecycle.Next(c.Stage) is { } next ? CampaignLifecycle.Blockers(c, next, now, facts) : (IReadOnlyList<LifecycleRefusal>)[],
            StringComparer.Ordinal);
        return new CampaignBoard(CampaignCalendar.Board(visible), blockers, await WarningsAsync(visible, cancellationToken).ConfigureAwait(false), zone);
    }

    /// <summary>
    /// The calendar of <paramref name="month"/> (this month in the workspace zone when null): the campaigns running in it,
    /// their milestones, the live-stream sessions starting in it, the double bookings, and the budget overruns of the
    /// campaigns running in it.
    /// </summary>
    public async Task<CampaignMonth> MonthAsync(YearMonth? month, CancellationToken cancellationToken)
    {
        guard.RequireCampaignReads();
        var loaded = (await workspace.LoadAsync(cancellationToken).ConfigureAwait(false)).Workspace;
        var visible = loaded.Campaigns.Where(guard.SeesCampaign).ToList();
        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var today = LocalTime.Today(time, zone);
        var m = month ?? YearMonth.Of(today);
        var first = m.FirstDay;
        var last = first.AddMonths(1).AddDays(-1);
        // A day either side: a session is placed on its local day by the calendar, and overlaps count for double bookings.
        var sessions = await facts.LiveStreamsAsync(
            new DateRange(first > DateRange.MinDay ? first.AddDays(-1) : first, last < DateRange.MaxDay ? last.AddDays(1) : last), zone, cancellationToken).ConfigureAwait(false);
        var calendar = CampaignCalendar.Month(m, visible, loaded.Squads, sessions, today, zone);
        var running = calendar.Campaigns.Select(b => b.Campaign).ToHashSet(StringComparer.Ordinal);
        var warnings = await WarningsAsync([.. visible.Where(c => running.Contains(c.Id))], cancellationToken).ConfigureAwait(false);
        return new CampaignMonth(calendar, warnings, zone, today);
    }

    /// <summary>
    /// Attaches a squad to a campaign (<see cref="SquadAttachment.Attach"/>): the lead and members replace the squad's; a
    /// new squad is time-boxed to the campaign, an existing one widened to cover it. Not found, invalid, refused by the one
    /// squad-change rule, or moved meanwhile (also when the campaign is not at <paramref name="expectedCampaignVersion"/>:
    /// the campaign a page showed).
    /// </summary>
    public async Task<Outcome<Squad>> AttachSquadAsync(
        string id, string squadId, string? name, string lead, IReadOnlyList<SquadMember> members, long? expectedCampaignVersion, CancellationToken cancellationToken) =>
        log.Noted(await AttachSquadCoreAsync(id, squadId, name, lead, members, expectedCampaignVersion, cancellationToken).ConfigureAwait(false), "campaign attach squad", id + "/" + squadId);

    private async Task<Outcome<Squad>> AttachSquadCoreAsync(
        string id, string squadId, string? name, string lead, IReadOnlyList<SquadMember> members, long? expectedCampaignVersion, CancellationToken cancellationToken)
    {
        var loaded = await workspace.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (loaded.Workspace.Campaign(id) is not { } campaign || !guard.SeesCampaign(campaign))
        {
            return Outcome<Squad>.NotFound(CampaignCodes.CampaignNotFound, MessageArgs.Of(("id", id)));
        }

        // Staffing is work of the units whose campaigns the squad runs: this one and the ones it runs already.
        await guard.RequireSquadWriteAsync(loaded.Workspace, [id, .. loaded.Workspace.Squad(squadId)?.Campaigns ?? []], cancellationToken).ConfigureAwait(false);
        if (MovedSince<Squad>(loaded, id, expectedCampaignVersion) is { } moved)
        {
            return moved;
        }

        List<Problem> missing = [.. new[] { ("squad", squadId), ("lead", lead) }.Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => new Problem(p.Item1, CommonCodes.Required))];
        if (missing.Count > 0)
        {
            return Outcome<Squad>.Invalid(missing);
        }

        var squad = SquadAttachment.Attach(loaded.Workspace.Squad(squadId), squadId, name, lead, members, campaign);
        return await SaveSquadAsync(loaded, squad, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes a squad off a campaign (it keeps its members and other campaigns): not found; refused when it does not work on
    /// it, when the campaign is closed or cancelled (its squads are its record) or when it is the last squad with a lead of
    /// a campaign past planning (<see cref="CampaignCodes.SquadDetachRefused"/> with the reason's code as <c>reason</c> and
    /// its arguments); moved meanwhile (also when the campaign is not at <paramref name="expectedCampaignVersion"/>).
    /// </summary>
    public async Task<Outcome<Squad>> DetachSquadAsync(string id, string squadId, long? expectedCampaignVersion, CancellationToken cancellationToken) =>
        log.Noted(await DetachSquadCoreAsync(id, squadId, expectedCampaignVersion, cancellationToken).ConfigureAwait(false), "campaign detach squad", id + "/" + squadId);

    private async Task<Outcome<Squad>> DetachSquadCoreAsync(string id, string squadId, long? expectedCampaignVersion, CancellationToken cancellationToken)
    {
        var loaded = await workspace.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (loaded.Workspace.Campaign(id) is not { } campaign || !guard.SeesCampaign(campaign))
        {
            return Outcome<Squad>.NotFound(CampaignCodes.CampaignNotFound, MessageArgs.Of(("id", id)));
        }

        await guard.RequireSquadWriteAsync(loaded.Workspace, [id, .. loaded.Workspace.Squad(squadId)?.Campaigns ?? []], cancellationToken).ConfigureAwait(false);
        if (MovedSince<Squad>(loaded, id, expectedCampaignVersion) is { } moved)
        {
            return moved;
        }

        if (loaded.Workspace.Squad(squadId) is not { } squad)
        {
            return Outcome<Squad>.NotFound(CampaignCodes.SquadNotFound, MessageArgs.Of(("id", squadId)));
        }

        var (detached, refusal) = SquadAttachment.Detach(squad, campaign, loaded.Workspace.Squads);
        if (refusal is not null)
        {
            return Outcome<Squad>.Refused(CampaignCodes.SquadDetachRefused, refusal.Args.With("reason", refusal.Code));
        }

        return await SaveSquadAsync(loaded, detached!, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Outcome<Squad>> SaveSquadAsync(LoadedWorkspace loaded, Squad squad, CancellationToken cancellationToken)
    {
        var problems = WorkspaceRules.SquadProblems(loaded.Workspace, squad);
        if (problems.Count > 0)
        {
            return Outcome<Squad>.Invalid(problems);
        }

        if (WorkspaceRules.SquadChangeRefusal(loaded.Workspace, squad.Id, squad) is { } refusal)
        {
            return Outcome<Squad>.Refused(refusal.Code, refusal.Args);
        }

        return await workspace.CommitAsync([DocumentChange.Put(CampaignDocuments.Squads, squad, loaded.SquadVersion(squad.Id))], cancellationToken).ConfigureAwait(false)
            ? Outcome<Squad>.Ok(squad)
            : Outcome<Squad>.MovedMeanwhile();
    }

    /// <summary>
    /// People, squads and campaigns as one bundle: the campaigns the principal sees. A bundle carries the people directory,
    /// so it also needs <see cref="Permission.ReadPeople"/>.
    /// </summary>
    public async Task<CampaignBundle> ExportAsync(CancellationToken cancellationToken)
    {
        guard.RequireCampaignReads();
        guard.Require(Permission.ReadPeople);
        var w = (await workspace.LoadAsync(cancellationToken).ConfigureAwait(false)).Workspace;
        return new CampaignBundle(w.People, w.Squads, [.. w.Campaigns.Where(guard.SeesCampaign)]);
    }

    /// <summary>
    /// Restores a bundle (<see cref="WorkspaceRules.Restore"/>): every person, squad and campaign of it added or replaced
    /// in one commit, or nothing and every problem; campaigns new to the workspace are marked as restored by the acting
    /// person now; stored campaigns keep their stage, history and approvals.
    /// </summary>
    public async Task<Outcome<CampaignBundle>> ImportAsync(CampaignBundle bundle, CancellationToken cancellationToken) =>
        log.Noted(await ImportCoreAsync(bundle, cancellationToken).ConfigureAwait(false), "bundle import", $"of {bundle?.Campaigns?.Count ?? 0} campaigns");

    private async Task<Outcome<CampaignBundle>> ImportCoreAsync(CampaignBundle bundle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        // A restore writes the work of every unit it touches: each campaign's and each person's unit, and each squad's
        // campaigns' units (the workspace as a whole for a squad that runs none).
        // Nulls and repeated ids are the restore's to refuse with their paths; the check only skips them.
        var campaignUnits = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var c in (bundle.Campaigns ?? []).OfType<Campaign>().Where(c => c.Id is not null))
        {
            campaignUnits.TryAdd(c.Id, c.Unit);
        }

        var stored = (await workspace.CampaignsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(c => c.Id, c => c.Unit, StringComparer.Ordinal);
        var targets = new HashSet<string?>(campaignUnits.Values, StringComparer.Ordinal);
        targets.UnionWith((bundle.People ?? []).OfType<Person>().Select(p => p.Unit));
        foreach (var squad in (bundle.Squads ?? []).OfType<Squad>())
        {
            List<string?> units = [.. (squad.Campaigns ?? []).OfType<string>().Select(c => campaignUnits.GetValueOrDefault(c) ?? stored.GetValueOrDefault(c)).OfType<string>()];
            targets.UnionWith(units.Count == 0 ? [null] : units);
        }

        await guard.RequireAllAsync(Permission.WriteUnitWork, [.. targets.Select(u => new AccessTarget(u))], cancellationToken).ConfigureAwait(false);

        return await RestoreAsync(bundle, markRestored: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The demo company's workspace, restored without the restore mark (its campaigns are generated with their history).
    /// No check of its own: only <see cref="Demo.DemoUseCases"/> calls it, which asks for <see cref="Permission.ManageStore"/>.
    /// </summary>
    internal Task<Outcome<CampaignBundle>> LoadDemoAsync(CampaignBundle bundle, CancellationToken cancellationToken) =>
        RestoreAsync(bundle, markRestored: false, cancellationToken);

    private async Task<Outcome<CampaignBundle>> RestoreAsync(CampaignBundle bundle, bool markRestored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var loaded = await workspace.LoadAsync(cancellationToken).ConfigureAwait(false);
        var restored = WorkspaceRules.Restore(loaded.Workspace, bundle, user.Name, time.GetUtcNow(), markRestored);
        if (!restored.IsOk)
        {
            return restored;
        }

        var b = restored.Value!;
        List<DocumentChange> changes =
        [
            .. b.People.Select(p => DocumentChange.Put(CampaignDocuments.People, p, loaded.PersonVersion(p.Id))),
            .. b.Campaigns.Select(c => DocumentChange.Put(CampaignDocuments.Campaigns, c, loaded.CampaignVersion(c.Id))),
            .. b.Squads.Select(s => DocumentChange.Put(CampaignDocuments.Squads, s, loaded.SquadVersion(s.Id))),
        ];
        return await workspace.CommitAsync(changes, cancellationToken).ConfigureAwait(false) ? restored : Outcome<CampaignBundle>.MovedMeanwhile();
    }

    /// <summary>
    /// Removes the given people, squads and campaigns (the demo's), whatever their versions. No check of its own: only
    /// <see cref="Demo.DemoUseCases"/> calls it, which asks for <see cref="Permission.ManageStore"/>.
    /// </summary>
    internal async Task RemoveAsync(CampaignBundle bundle, CancellationToken cancellationToken) =>
        await workspace.CommitAsync(
            [
                .. bundle.Squads.Select(s => DocumentChange.Delete(CampaignDocuments.Squads, s.Id)),
                .. bundle.Campaigns.Select(c => DocumentChange.Delete(CampaignDocuments.Campaigns, c.Id)),
                .. bundle.People.Select(p => DocumentChange.Delete(CampaignDocuments.People, p.Id)),
            ],
            cancellationToken).ConfigureAwait(false);

    /// <summary>Parses <c>YYYY-MM-DD..YYYY-MM-DD</c> (a range written as <see cref="DateRange.ToString"/>); null text is no range.</summary>
    public static bool TryParseRange(string? text, out DateRange? range)
    {
        range = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var parts = text.Trim().Split("..");
        if (parts.Length == 2 && Periods.TryDay(parts[0].Trim(), out var from) && Periods.TryDay(parts[1].Trim(), out var to))
        {
            range = new DateRange(from!.Value, to!.Value);
            return true;
        }

        return false;
    }

    /// <summary>Parses an attribution model name; null or empty text is <see cref="DefaultModel"/>.</summary>
    public static bool TryParseModel(string? text, out AttributionModel model)
    {
        model = DefaultModel;
        return string.IsNullOrWhiteSpace(text) || AttributionModels.TryParse(text, out model);
    }

    /// <summary>The attribution model names an evaluation takes.</summary>
    public static IReadOnlyList<string> ModelNames { get; } = [.. AttributionModels.All.Select(AttributionModels.Name)];

    /// <summary>
    /// Evaluates campaign <paramref name="id"/> over its schedule against <paramref name="baseline"/> (default: the same
    /// number of days just before it) with the attribution <paramref name="model"/>: not found, invalid for a baseline that
    /// cannot be used (<see cref="CampaignEvaluation.CheckBaseline"/>), else the report with where its figures came from.
    /// </summary>
    public async Task<Outcome<CampaignEvaluationResult>> EvaluateAsync(string id, DateRange? baseline, AttributionModel model, CancellationToken cancellationToken)
    {
        // An evaluation is the campaign's return: revenue, margin and ROI.
        guard.Require(Permission.ReadMoney);
        if (await workspace.CampaignAsync(id, cancellationToken).ConfigureAwait(false) is not { } stored || !guard.SeesCampaign(stored.Value))
        {
            return Outcome<CampaignEvaluationResult>.NotFound(CampaignCodes.CampaignNotFound, MessageArgs.Of(("id", id)));
        }

        var c = stored.Value;
        if (CampaignEvaluation.CheckBaseline(c, baseline) is { Count: > 0 } problems)
        {
            return Outcome<CampaignEvaluationResult>.Invalid(problems);
        }

        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var (window, before) = CampaignEvaluation.Windows(c, baseline);
        var notes = new List<Message>();

        var request = new AttributionRequest(model, From: window.Start, To: window.End, By: JourneyLabel.Campaign);
        var attribution = (await measurement.AttributionAsync(request, cancellationToken).ConfigureAwait(false)).Value!;
        var codes = c.Codes.ToHashSet(StringComparer.Ordinal);
        var credited = attribution.Credits.Where(x => codes.Contains(x.Label)).ToList();
        var productCosts = await measurement.ProductCostCreditsAsync(request, cancellationToken).ConfigureAwait(false);
        var productCost = codes.Sum(code => productCosts.GetValueOrDefault(code));
        var attributed = new AttributedFigures(attribution.Model, credited.Sum(x => x.Conversions), credited.Sum(x => x.Revenue), productCost);
        notes.Add(Message.Of(CampaignNoteCodes.Attributed, ("model", attribution.Model), ("from", window.Start), ("to", window.End),
            ("lookback", attribution.LookbackDays), ("codes", c.Codes)));

        var kpiActuals = new Dictionary<string, double>(StringComparer.Ordinal);
        var needed = c.Objectives.Select(o => o.Kpi).Where(k => CampaignMetrics.Find(k) is null).Distinct(StringComparer.Ordinal).ToList();
        if (needed.Count > 0)
        {
            var report = await KpisAsync(window, zone, cancellationToken).ConfigureAwait(false);
            foreach (var kpi in needed)
            {
                if (KpiCatalog.Find(kpi) is null)
                {
                    notes.Add(Message.Of(CampaignNoteCodes.NotCatalogKpi, ("kpi", kpi)));
                }
                else if (report[kpi].Value is { } value)
                {
                    kpiActuals[kpi] = (double)value;
                    notes.Add(Message.Of(CampaignNoteCodes.WholeBusinessKpi, ("kpi", kpi), ("from", window.Start), ("to", window.End), ("zone", zone.Id)));
                }
                else
                {
                    notes.Add(new Message(CampaignNoteCodes.KpiNoValue,
                        MessageArgs.Of(("kpi", kpi), ("from", window.Start), ("to", window.End)).WithMessage("reason", report[kpi].Reason!)));
                }
            }
        }

        notes.Add(CostNote);
        var input = new EvaluationInput(
            c, await facts.ScopeAsync(c.Codes, window, zone, cancellationToken).ConfigureAwait(false), await ActualsAsync(c, cancellationToken).ConfigureAwait(false),
            await facts.BusinessAsync(window, zone, cancellationToken).ConfigureAwait(false), await facts.BusinessAsync(before, zone, cancellationToken).ConfigureAwait(false),
            attributed, baseline, kpiActuals);
        return Outcome<CampaignEvaluationResult>.Ok(new CampaignEvaluationResult(CampaignEvaluation.Evaluate(input), notes));
    }

    /// <summary>The budget actuals of a campaign: channel spend from the store over its schedule, and the costs carrying its codes (see <see cref="CostNote"/>).</summary>
    private async Task<IReadOnlyList<BudgetActual>> ActualsAsync(Campaign campaign, CancellationToken cancellationToken) =>
    [
        .. await facts.ChannelActualsAsync(campaign.Codes, campaign.Schedule, cancellationToken).ConfigureAwait(false),
        .. await facts.CostActualsAsync(campaign.Codes, cancellationToken).ConfigureAwait(false),
    ];

    /// <summary>A campaign's budget planned against the store's actuals; refused for a campaign the principal does not see.</summary>
    public async Task<BudgetCheck> BudgetCheckAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        guard.RequireCampaignReads();
        if (!guard.SeesCampaign(campaign))
        {
            throw new AccessDeniedException(guard.Who.Name, Permission.ReadCampaign);
        }

        return Budgets.Check(campaign, await ActualsAsync(campaign, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Campaign <paramref name="id"/>'s budget planned against the store's actuals, or not found (also when the principal does not see it).</summary>
    public async Task<Outcome<BudgetCheck>> BudgetCheckAsync(string id, CancellationToken cancellationToken)
    {
        guard.RequireCampaignReads();
        return await workspace.CampaignAsync(id, cancellationToken).ConfigureAwait(false) is { } stored && guard.SeesCampaign(stored.Value)
            ? Outcome<BudgetCheck>.Ok(Budgets.Check(stored.Value, await ActualsAsync(stored.Value, cancellationToken).ConfigureAwait(false)))
            : Outcome<BudgetCheck>.NotFound(CampaignCodes.CampaignNotFound, MessageArgs.Of(("id", id)));
    }

    /// <summary>The overrun warnings of every stored campaign the principal sees, by campaign id, then in each check's order.</summary>
    public async Task<IReadOnlyList<BudgetWarning>> BudgetWarningsAsync(CancellationToken cancellationToken)
    {
        guard.RequireCampaignReads();
        return await WarningsAsync(await VisibleAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The overrun warnings of <paramref name="campaigns"/> (already filtered to what the principal sees), by campaign id.</summary>
    private async Task<IReadOnlyList<BudgetWarning>> WarningsAsync(IReadOnlyList<Campaign> campaigns, CancellationToken cancellationToken)
    {
        var warnings = new List<BudgetWarning>();
        foreach (var c in campaigns.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            warnings.AddRange(Budgets.Check(c, await ActualsAsync(c, cancellationToken).ConfigureAwait(false)).Warnings);
        }

        return warnings;
    }

    /// <summary>
    /// The default brand window: the twelve months of data up to the last local day with spend, a touchpoint or a
    /// conversion (the last 365 days, or 366 across a 29 February); today's when the store is empty.
    /// </summary>
    public async Task<DateRange> DefaultBrandWindowAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return await DefaultBrandWindowCoreAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<DateRange> DefaultBrandWindowCoreAsync(CancellationToken cancellationToken)
    {
        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var last = (await spans.DaysAsync(zone, cancellationToken).ConfigureAwait(false))?.End ?? LocalTime.Today(time, zone);
        return new DateRange(last.AddYears(-1).AddDays(1), last);
    }

    /// <summary>
    /// The brand window from optional bounds: <paramref name="to"/> defaults to the last day with data (a year after
    /// <paramref name="from"/> when only that is given), <paramref name="from"/> to a year before the end.
    /// </summary>
    public async Task<DateRange> BrandWindowAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        var last = to ?? (from is { } f ? Clamp(f.AddYears(1).AddDays(-1)) : (await DefaultBrandWindowCoreAsync(cancellationToken).ConfigureAwait(false)).End);
        return new DateRange(from ?? Clamp(last.AddYears(-1).AddDays(1)), last);

        static DateOnly Clamp(DateOnly day) => day < DateRange.MinDay ? DateRange.MinDay : day > DateRange.MaxDay ? DateRange.MaxDay : day;
    }

    /// <summary>
    /// The brand board over <paramref name="from"/>..<paramref name="to"/> (<see cref="BrandWindowAsync"/>'s defaults for
    /// a missing bound). With neither, the default window's board (<see cref="DefaultBrandWindowAsync"/>): its evidence is
    /// one figure of the latest window, so that in a page view the first event of a new day, which moves the default
    /// window, shows the last board with its window and age while the new window's is counted (the API and the command
    /// line wait for it). Invalid for a window that ends before it starts.
    /// </summary>
    public async Task<Outcome<BrandReport>> BrandBoardAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        if (from is not null || to is not null)
        {
            return await BrandBoardAsync(await BrandWindowAsync(from, to, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }

        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var all = await VisibleAsync(cancellationToken).ConfigureAwait(false);
        var inputs = await EvidenceInputsAsync(all, cancellationToken).ConfigureAwait(false);
        // The window follows the data, which the versions follow; only an empty store's (today's) moves with the clock.
        var empty = await spans.DaysAsync(zone, cancellationToken).ConfigureAwait(false) is null ? " empty on " + LocalTime.Today(time, zone) : "";
        var evidence = await cache.FigureAsync("brand evidence of the default window " + inputs + empty, zone,
            async () => await EvidenceAsync(await DefaultBrandWindowCoreAsync(cancellationToken).ConfigureAwait(false), zone, inputs, cancellationToken).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        return Outcome<BrandReport>.Ok(Assemble(all, evidence, inputs, zone));
    }

    /// <summary>The brand board over <paramref name="window"/>, every evidence value the store can give filled in; invalid for a window that ends before it starts.</summary>
    public async Task<Outcome<BrandReport>> BrandBoardAsync(DateRange window, CancellationToken cancellationToken)
    {
        // The board is a report of the whole business (its KPIs, its spend); the campaigns on it are the ones the principal sees.
        guard.Require(Permission.ReadReports);
        if (!window.IsValid)
        {
            return Outcome<BrandReport>.Invalid([Problem.Of("to", CommonCodes.EndBeforeStart, ("start", window.Start), ("end", window.End))]);
        }

        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var all = await VisibleAsync(cancellationToken).ConfigureAwait(false);
        var inputs = await EvidenceInputsAsync(all, cancellationToken).ConfigureAwait(false);
        return Outcome<BrandReport>.Ok(Assemble(all, await EvidenceAsync(window, zone, inputs, cancellationToken).ConfigureAwait(false), inputs, zone));
    }

    /// <summary>What the brand evidence reads besides the facts: the KPIs' listening inputs, the channel groups, the watch list's brand terms, whether a campaign the principal sees serves step 6.</summary>
    private async Task<BrandInputs> EvidenceInputsAsync(IReadOnlyList<Campaign> all, CancellationToken cancellationToken)
    {
        // The KPIs' inputs carry the watch list's brand terms: the list is read once.
        var (read, listening) = await kpis.ListeningAsync(cancellationToken).ConfigureAwait(false);
        var groups = await facts.ChannelGroupsSignatureAsync(cancellationToken).ConfigureAwait(false);
        return new BrandInputs(listening, groups, [.. read.BrandTerms.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            all.Any(c => c.BrandSteps.Contains(6) && c.Codes.Count > 0));
    }

    /// <summary>The brand board's evidence from the facts over <paramref name="window"/>, each part a figure of its own (the default window's shares them).</summary>
    private async Task<BrandEvidence> EvidenceAsync(DateRange window, TimeZoneInfo zone, BrandInputs inputs, CancellationToken cancellationToken)
    {
        var report = await KpisAsync(window, zone, inputs.Listening, cancellationToken).ConfigureAwait(false);

        // Two passes over the touchpoints: kept until the data or the channel groups change.
        var channels = await cache.FigureAsync("brand channels " + window + " " + inputs.Groups, zone,
            () => facts.ChannelEvidenceAsync(window, zone, cancellationToken), cancellationToken).ConfigureAwait(false);
        long? mentioned = null;
        if (await mentions.SpanAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            var brands = inputs.BrandTerms.ToHashSet(StringComparer.Ordinal);
            mentioned = (await cache.FigureAsync("brand mentions " + window + " " + string.Join('|', inputs.BrandTerms), zone, [Core.DataCenter.DataKinds.Mentions],
                async () =>
                {
                    var hourly = await mentions.HourlyAsync(
                        LocalTime.MidnightIn(window.Start, zone), LocalTime.MidnightIn(window.End.AddDays(1), zone), cancellationToken).ConfigureAwait(false);
                    return new Count(hourly.Where(h => Core.DataCenter.MentionTerms.Split(h.Terms).Any(brands.Contains)).Sum(h => h.Mentions));
                }, cancellationToken).ConfigureAwait(false)).Value;
        }

        // The attribution run over the whole window is skipped when no campaign serves step 6 (Σ over none is 0).
        var credits = !inputs.Step6 ? null : (await cache.FigureAsync("brand conversions by campaign code " + window,
            zone, async () => new Credits((await measurement.AttributionAsync(
                    new AttributionRequest(DefaultModel, From: window.Start, To: window.End, By: JourneyLabel.Campaign), cancellationToken).ConfigureAwait(false))
                .Value!.Credits.ToDictionary(x => x.Label, x => x.Conversions, StringComparer.Ordinal)), cancellationToken).ConfigureAwait(false)).ByCode;
        return new BrandEvidence(window, report, channels, mentioned, credits, await facts.CodeChannelSpendAsync(window, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The board of <paramref name="all"/> over the evidence's window: the KPI values with a note for each missing one, the counted evidence, step 8's spend.</summary>
    private static BrandReport Assemble(IReadOnlyList<Campaign> all, BrandEvidence evidence, BrandInputs inputs, TimeZoneInfo zone)
    {
        var window = evidence.Window;
        var notes = new List<Message>();
        var values = new List<StepMetricValue>();
        foreach (var (metric, kpi) in BrandKpis)
        {
            values.Add(new StepMetricValue(metric, (double?)evidence.Kpis[kpi].Value));
            if (evidence.Kpis[kpi].Value is null)
            {
                notes.Add(new Message(CampaignNoteCodes.BrandKpiNoValue,
                    MessageArgs.Of(("metric", metric), ("kpi", kpi), ("from", window.Start), ("to", window.End)).WithMessage("reason", evidence.Kpis[kpi].Reason!)));
            }
        }

        values.Add(new StepMetricValue("search_portal_touchpoints", evidence.Channels.SearchPortalTouchpoints));
        values.Add(new StepMetricValue("pr_touchpoints", evidence.Channels.PrTouchpoints));
        values.Add(new StepMetricValue("active_channels", evidence.Channels.ActiveChannels));
        values.Add(new StepMetricValue("new_channels", evidence.Channels.NewChannels));
        values.Add(new StepMetricValue("mentions", evidence.Mentions));
        notes.Add(evidence.Mentions is null ? new Message(CampaignNoteCodes.NoListeningData) : Message.Of(CampaignNoteCodes.BrandMentions, ("terms", inputs.BrandTerms)));

        var eventCodes = all.Where(c => c.BrandSteps.Contains(6)).SelectMany(c => c.Codes).ToHashSet(StringComparer.Ordinal);
        values.Add(new StepMetricValue("event_conversions", evidence.Credits is null ? 0 : evidence.Credits.Where(x => eventCodes.Contains(x.Key)).Sum(x => x.Value)));
        notes.Add(Message.Of(CampaignNoteCodes.EventConversions, ("model", AttributionModels.Name(DefaultModel))));
        notes.Add(new Message(CampaignNoteCodes.ChannelGroups));

        var spend = BrandCycle.CampaignChannelSpend(all, evidence.Spend);
        var board = BrandCycle.Board(all, window, values, spend, zone);
        return new BrandReport(board, BrandCycle.Concentration(spend), notes);
    }

    /// <summary>The brand evidence's inputs from the documents (<see cref="EvidenceInputsAsync"/>); its text is part of the figures' keys.</summary>
    private sealed record BrandInputs(string Listening, string Groups, string[] BrandTerms, bool Step6)
    {
        public override string ToString() => Listening + " " + Groups + " " + string.Join('|', BrandTerms) + " " + (Step6 ? "step6" : "no step6");
    }

    /// <summary>
    /// The brand board's evidence from the facts over <paramref name="Window"/>: every catalog KPI, the channel evidence,
    /// the mentions of the brand terms (null: no listening data), the conversions credited per campaign code (null: no
    /// campaign serves step 6), spend per code and channel.
    /// </summary>
    private sealed record BrandEvidence(
        DateRange Window, KpiReport Kpis, ChannelEvidence Channels, long? Mentions, IReadOnlyDictionary<string, double>? Credits, IReadOnlyList<CodeChannelSpend> Spend);

    /// <summary>Every catalog KPI over a window of local days, kept until the data, the zone, the watch list or a crisis case changes.</summary>
    private async Task<KpiReport> KpisAsync(DateRange window, TimeZoneInfo zone, CancellationToken cancellationToken) =>
        await KpisAsync(window, zone, (await kpis.ListeningAsync(cancellationToken).ConfigureAwait(false)).Signature, cancellationToken).ConfigureAwait(false);

    /// <summary><see cref="KpisAsync(DateRange, TimeZoneInfo, CancellationToken)"/> with the listening inputs' signature read.</summary>
    private Task<KpiReport> KpisAsync(DateRange window, TimeZoneInfo zone, string listening, CancellationToken cancellationToken) =>
        cache.FigureAsync("kpis " + window + " " + listening, zone, async () =>
            KpiCalculator.Compute((await kpis.FiguresAsync([KpiPeriod.Of(window.Start, window.End)], zone, cancellationToken).ConfigureAwait(false))[0]),
            cancellationToken);

    private sealed record Count(long Value);

    private sealed record Credits(IReadOnlyDictionary<string, double> ByCode);
}

/// <summary>The notes of an evaluation and of the brand board: where their supplied figures came from.</summary>
public static class CampaignNoteCodes
{
    /// <summary>The attributed figures: the <c>model</c>, the window <c>from</c>..<c>to</c>, the <c>lookback</c> and the campaign's <c>codes</c>.</summary>
    public const string Attributed = "note_attributed";

    /// <summary>An objective's <c>kpi</c> is not a catalog KPI, so it has no actual from the data.</summary>
    public const string NotCatalogKpi = "note_not_catalog_kpi";

    /// <summary>An objective's <c>kpi</c> is the whole business's over <c>from</c>..<c>to</c> in the workspace time <c>zone</c>.</summary>
    public const string WholeBusinessKpi = "note_whole_business_kpi";

    /// <summary>An objective's <c>kpi</c> has no value over <c>from</c>..<c>to</c>, for the nested <c>reason</c>.</summary>
    public const string KpiNoValue = "note_kpi_no_value";

    /// <summary>Cost lines take their actual from the costs rows carrying the campaign's codes.</summary>
    public const string CostActuals = "note_cost_actuals";

    /// <summary>A brand <c>metric</c>'s <c>kpi</c> has no value over <c>from</c>..<c>to</c>, for the nested <c>reason</c>.</summary>
    public const string BrandKpiNoValue = "note_brand_kpi_no_value";

    /// <summary>Mentions have no value: no listening data is stored yet.</summary>
    public const string NoListeningData = "note_no_listening_data";

    /// <summary>Mentions: stored mentions naming one of the watch list's brand <c>terms</c>, each counted once.</summary>
    public const string BrandMentions = "note_brand_mentions";

    /// <summary>Event conversions: what the <c>model</c> credits to the campaigns serving step 6.</summary>
    public const string EventConversions = "note_event_conversions";

    /// <summary>Channel groups come from the channel catalog.</summary>
    public const string ChannelGroups = "note_channel_groups";
}
