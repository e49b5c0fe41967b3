using Mercato.Core.Access;
using Mercato.Core.Campaigns;
using Mercato.Core.Measurement;
using Mercato.Core.Mix;
using Mercato.Features.Access;
using Mercato.Features.Campaigns;
using Mercato.Features.Settings;

namespace Mercato.Features.Mix;

/// <summary>Every plan with the accuracy of the reviewed ones' forecasts.</summary>
/// <param name="Plans">The plans, newest period first, with versions.</param>
/// <param name="Accuracy">How past forecasts fared.</param>
public sealed record MixPlanBook(IReadOnlyList<Versioned<MixPlan>> Plans, MixPlanAccuracy Accuracy);

/// <summary>
/// Budget plans for every front door (docs/mix-model.md, Plans): a workspace proposal saved as a draft, approved by a
/// budget owner from the organization, put in effect, reviewed against the period's data with the model refitted, and
/// turned into campaigns' budget lines. The rules are <see cref="MixPlans"/>'; this class reads, runs them and commits.
/// Plans are read by whoever reads reports, drafted, started, reviewed and removed by whoever writes the work of the
/// owning unit, and approved only by a holder of <see cref="Permission.ApproveBudget"/> for the workspace.
/// </summary>
public sealed class MixPlanUseCases(
    MixUseCases mix, IChannelMoneyReader money, IDocumentStore documents, WorkspaceDocuments workspace, SettingsUseCases settings,
    ICurrentUser user, TimeProvider time, OutcomeLog log, AccessGuard guard)
{
    /// <summary>
    /// The dates a planning period covers: a month (<c>YYYY-MM</c>), or N model periods starting the day after the fit's
    /// last period. Null for anything else.
    /// </summary>
    public static DateRange? PlanningDates(string text, MixFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        if (YearMonth.TryParse(text, out var month))
        {
            var first = new DateOnly(month.Year, month.Month, 1);
            return new DateRange(first, first.AddMonths(1).AddDays(-1));
        }

        if (MixUseCases.Periods(text, fit.StepDays) is not { } n || fit.Periods.Count == 0)
        {
            return null;
        }

        var from = fit.Periods[^1].Start.AddDays(fit.StepDays);
        return new DateRange(from, from.AddDays((int)Math.Ceiling((n * fit.StepDays) - 1e-9) - 1));
    }

    /// <summary>Every plan, newest period first, and the accuracy of past forecasts.</summary>
    public async Task<MixPlanBook> ListAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        var plans = await documents.ListAsync(MixDocuments.Plans, cancellationToken).ConfigureAwait(false);
        return new MixPlanBook(
            [.. plans.OrderByDescending(p => p.Value.From).ThenBy(p => p.Value.Id, StringComparer.Ordinal)],
            MixPlans.Accuracy(plans.Select(p => p.Value)));
    }

    /// <summary>One plan with its version, or not found.</summary>
    public Task<Outcome<Versioned<MixPlan>>> GetAsync(string id, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return GetCoreAsync(id, cancellationToken);
    }

    /// <summary>The work of a plan's owning unit (the workspace as a whole for a plan with no owner).</summary>
    private static AccessTarget OwnerTarget(string? owner) => new(string.IsNullOrEmpty(owner) ? null : owner);

    private async Task<Outcome<Versioned<MixPlan>>> GetCoreAsync(string id, CancellationToken cancellationToken) =>
        Outcome<Versioned<MixPlan>>.Found(await documents.GetAsync(MixDocuments.Plans, id, cancellationToken).ConfigureAwait(false), MixPlanCodes.NotFound, MessageArgs.Of(("id", id)));

    /// <summary>
    /// Saves <paramref name="proposal"/>, made on <paramref name="report"/>, as a draft plan for <paramref name="period"/>
    /// owned by unit <paramref name="owner"/>: refused for a file's fit (a plan is reviewed against the workspace's data)
    /// and by <see cref="MixPlans.Draft"/>'s rules.
    /// </summary>
    public async Task<Outcome<MixPlan>> SaveAsync(MixReport report, MixProposal proposal, DateRange period, string title, string owner, CancellationToken cancellationToken)
    {
        await guard.RequireAsync(Permission.WriteUnitWork, OwnerTarget(owner), cancellationToken).ConfigureAwait(false);
        return await SaveCoreAsync(report, proposal, period, title, owner, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Outcome<MixPlan>> SaveCoreAsync(MixReport report, MixProposal proposal, DateRange period, string title, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.WorkspaceOutcome is not { } outcome)
        {
            return log.Noted(Outcome<MixPlan>.Refused(MixPlanCodes.NeedsWorkspace), "mix plan save", title);
        }

        var structure = (await workspace.LoadAsync(cancellationToken).ConfigureAwait(false)).Workspace.Structure;
        var taken = (await documents.ListAsync(MixDocuments.Plans, cancellationToken).ConfigureAwait(false)).Select(p => p.Value.Id);
        var draft = MixPlans.Draft(
            MixPlans.NextId(taken, period.Start), title, owner, period, proposal, MixPlanModel.Of(report.Fit, outcome), structure, user.Name, time.GetUtcNow());
        return log.Noted(await CommitAsync(draft, 0, cancellationToken).ConfigureAwait(false), "mix plan save", draft.Value?.Id ?? title);
    }

    /// <summary>
    /// Fits the workspace, proposes <paramref name="budget"/> over <paramref name="period"/> (<c>YYYY-MM</c> or a number
    /// of periods) and saves the proposal as a draft (<see cref="SaveAsync"/>): the fit's, the proposal's and the draft's
    /// refusals as they are; a period that is neither is invalid (<see cref="MixCliCodes.BadPeriod"/>).
    /// </summary>
    public async Task<Outcome<MixPlan>> DraftAsync(
        MixOutcomeKind outcome, MixOptions options, double budget, string period, IReadOnlyList<MixBound> bounds, double maxChange, MixObjective objective,
        double? margin, string? title, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        await guard.RequireAsync(Permission.WriteUnitWork, OwnerTarget(owner), cancellationToken).ConfigureAwait(false);
        var fitted = await mix.FitWorkspaceAsync(outcome, options, cancellationToken).ConfigureAwait(false);
        if (fitted.Value is not { } report)
        {
            return Outcome<MixPlan>.From(fitted);
        }

        if (PlanningDates(period, report.Fit) is not { } dates)
        {
            return Outcome<MixPlan>.Invalid([Problem.Of("period", MixCliCodes.BadPeriod, ("value", period))]);
        }

        var proposal = await mix.ProposeAsync(report, budget, period, bounds, maxChange, objective, margin, cancellationToken).ConfigureAwait(false);
        if (proposal.Value is not { } p)
        {
            return Outcome<MixPlan>.From(proposal);
        }

        return await SaveCoreAsync(report, p, dates, string.IsNullOrWhiteSpace(title) ? DefaultTitle(dates) : title, owner, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The title of a plan saved without one, in the language in effect.</summary>
    public static string DefaultTitle(DateRange dates) => Words.W("mix.plan.default_title", ("from", dates.Start), ("to", dates.End));

    /// <summary>Approves a draft as person <paramref name="person"/> of the directory (<see cref="MixPlans.Approve"/>).</summary>
    public async Task<Outcome<MixPlan>> ApproveAsync(string id, string person, string? note, long? expectedVersion, CancellationToken cancellationToken)
    {
        await guard.RequireAsync(Permission.ApproveBudget, AccessTarget.Workspace, cancellationToken).ConfigureAwait(false);
        var loaded = await workspace.LoadAsync(cancellationToken).ConfigureAwait(false);
        return await ApplyAsync("mix plan approve", id, expectedVersion, ownersWork: false, plan => MixPlans.Approve(plan, person, loaded.Workspace.People, loaded.Workspace.Structure, time.GetUtcNow(), note), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Puts an approved plan in effect once its period has started (<see cref="MixPlans.Start"/>).</summary>
    public async Task<Outcome<MixPlan>> StartAsync(string id, long? expectedVersion, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        var today = LocalTime.Today(time, await settings.ZoneAsync(cancellationToken).ConfigureAwait(false));
        return await ApplyAsync("mix plan start", id, expectedVersion, ownersWork: true, plan => MixPlans.Start(plan, user.Name, time.GetUtcNow(), today), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reviews a plan in effect whose period is over and whose data is in: refits the plan's model on the workspace's data
    /// (every period fitted) and sets the forecast against actual spend and the measured outcome (<see cref="MixPlans.Review"/>).
    /// Refused by the review's gate before any fit; the refit's own refusal (too little data) is returned as it is.
    /// </summary>
    public async Task<Outcome<MixPlan>> ReviewAsync(string id, long? expectedVersion, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        if ((await GetCoreAsync(id, cancellationToken).ConfigureAwait(false)).Value is not { } stored)
        {
            return Outcome<MixPlan>.NotFound(MixPlanCodes.NotFound, MessageArgs.Of(("id", id)));
        }

        var plan = stored.Value;
        await guard.RequireAsync(Permission.WriteUnitWork, OwnerTarget(plan.Owner), cancellationToken).ConfigureAwait(false);
        var today = LocalTime.Today(time, await settings.ZoneAsync(cancellationToken).ConfigureAwait(false));
        var spend = await money.DailySpendAsync(cancellationToken).ConfigureAwait(false);
        DateOnly? through = spend.Count > 0 ? spend.Max(s => s.Day) : null;
        if (MixPlans.ReviewRefusal(plan, today, through) is { } refused)
        {
            return log.Noted(refused, "mix plan review", id);
        }

        var refit = await mix.FitWorkspaceAsync(plan.Model.Outcome, plan.Model.RefitOptions(), cancellationToken).ConfigureAwait(false);
        if (refit.Value is not { } report)
        {
            return log.Noted(Outcome<MixPlan>.From(refit), "mix plan review", id);
        }

        var outcomes = await money.DailyOutcomesAsync(cancellationToken).ConfigureAwait(false);
        var actualSpend = spend.Where(s => plan.Period.Contains(s.Day))
            .GroupBy(s => s.Channel, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (double)g.Sum(s => s.Spend), StringComparer.Ordinal);
        var actualOutcome = outcomes.Where(o => plan.Period.Contains(o.Day)).Sum(o => MixWorkspace.OutcomeOf(o, plan.Model.Outcome));
        var input = new MixReviewInput(through!.Value, actualSpend, actualOutcome, report.Fit);
        return await ApplyAsync("mix plan review", id, expectedVersion ?? stored.Version, ownersWork: false, p => MixPlans.Review(p, input, user.Name, time.GetUtcNow(), today), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Removes a draft; refused for any other status (<see cref="MixPlans.RemoveRefusal"/>).</summary>
    public async Task<Outcome<MixPlan>> RemoveAsync(string id, long? expectedVersion, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        if ((await GetCoreAsync(id, cancellationToken).ConfigureAwait(false)).Value is not { } stored)
        {
            return Outcome<MixPlan>.NotFound(MixPlanCodes.NotFound, MessageArgs.Of(("id", id)));
        }

        await guard.RequireAsync(Permission.WriteUnitWork, OwnerTarget(stored.Value.Owner), cancellationToken).ConfigureAwait(false);

        if (MixPlans.RemoveRefusal(stored.Value) is { } refused)
        {
            return log.Noted(refused, "mix plan remove", id);
        }

        var done = (await documents.CommitAsync([DocumentChange.Delete(MixDocuments.Plans, id, expectedVersion ?? stored.Version)], user, cancellationToken).ConfigureAwait(false)).Committed;
        return log.Noted(done ? Outcome<MixPlan>.Ok(stored.Value) : Outcome<MixPlan>.MovedMeanwhile(MessageArgs.Of(("plan", id))), "mix plan remove", id);
    }

    /// <summary>
    /// Funds campaign <paramref name="campaignId"/> with channel budget lines from an approved plan
    /// (<see cref="MixPlans.ToCampaign"/>), the campaign's edit rules applied (<see cref="WorkspaceRules.Edit"/>); the
    /// campaign and the plan's list of campaigns are written in one commit.
    /// </summary>
    public async Task<Outcome<Campaign>> ToCampaignAsync(string id, string campaignId, IReadOnlyList<string> channels, double share, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channels);
        guard.Require(Permission.ReadReports);
        if ((await GetCoreAsync(id, cancellationToken).ConfigureAwait(false)).Value is not { } stored)
        {
            return Outcome<Campaign>.NotFound(MixPlanCodes.NotFound, MessageArgs.Of(("id", id)));
        }

        // The plan's owning unit spends its money, and the campaign is edited: both must be the principal's to write.
        await guard.RequireAsync(Permission.WriteUnitWork, OwnerTarget(stored.Value.Owner), cancellationToken).ConfigureAwait(false);
        var loaded = await workspace.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (loaded.Workspace.Campaign(campaignId) is not { } campaign || !guard.SeesCampaign(campaign))
        {
            return Outcome<Campaign>.NotFound(CampaignCodes.CampaignNotFound, MessageArgs.Of(("id", campaignId)));
        }

        await guard.RequireAsync(Permission.WriteCampaign, AccessGuard.CampaignTarget(campaign, loaded.Workspace.Squads), cancellationToken).ConfigureAwait(false);

        var moved = MixPlans.ToCampaign(stored.Value, campaign, channels, share);
        if (!moved.IsOk)
        {
            return log.Noted(Outcome<Campaign>.From(moved), "mix plan to campaign", id);
        }

        var (plan, edited) = moved.Value;

        var edit = WorkspaceRules.Edit(loaded.Workspace, edited);
        if (!edit.IsOk)
        {
            return log.Noted(edit, "mix plan to campaign", id);
        }

        var done = await workspace.CommitAsync(
            [
                DocumentChange.Put(CampaignDocuments.Campaigns, edit.Value!, loaded.CampaignVersion(campaignId)),
                DocumentChange.Put(MixDocuments.Plans, plan, stored.Version),
            ],
            cancellationToken).ConfigureAwait(false);
        return log.Noted(done ? edit : Outcome<Campaign>.MovedMeanwhile(MessageArgs.Of(("plan", id))), "mix plan to campaign", id);
    }

    /// <summary>
    /// Runs one rule on the stored plan and stores the result at the version read (or <paramref name="expectedVersion"/>);
    /// with <paramref name="ownersWork"/>, refused unless the principal writes the work of the plan's owning unit.
    /// </summary>
    private async Task<Outcome<MixPlan>> ApplyAsync(
        string what, string id, long? expectedVersion, bool ownersWork, Func<MixPlan, Outcome<MixPlan>> rule, CancellationToken cancellationToken)
    {
        if ((await GetCoreAsync(id, cancellationToken).ConfigureAwait(false)).Value is not { } stored)
        {
            return Outcome<MixPlan>.NotFound(MixPlanCodes.NotFound, MessageArgs.Of(("id", id)));
        }

        if (ownersWork)
        {
            await guard.RequireAsync(Permission.WriteUnitWork, OwnerTarget(stored.Value.Owner), cancellationToken).ConfigureAwait(false);
        }

        if (expectedVersion is { } version && version != stored.Version)
        {
            return Outcome<MixPlan>.MovedMeanwhile(MessageArgs.Of(("plan", id)));
        }

        return log.Noted(await CommitAsync(rule(stored.Value), stored.Version, cancellationToken).ConfigureAwait(false), what, id);
    }

    private async Task<Outcome<MixPlan>> CommitAsync(Outcome<MixPlan> outcome, long version, CancellationToken cancellationToken)
    {
        if (outcome.Value is not { } plan)
        {
            return outcome;
        }

        return (await documents.CommitAsync([DocumentChange.Put(MixDocuments.Plans, plan, version)], user, cancellationToken).ConfigureAwait(false)).Committed
            ? outcome
            : Outcome<MixPlan>.MovedMeanwhile(MessageArgs.Of(("plan", plan.Id)));
    }
}
