using System.Globalization;
using Mercato.Core.Organization;

namespace Mercato.Core.Campaigns;

/// <summary>The campaign workspace as a use case reads it: people, squads and campaigns, and the structure their units answer to.</summary>
/// <param name="People">The people directory, by id.</param>
/// <param name="Squads">The squads, by id.</param>
/// <param name="Campaigns">The campaigns, by id.</param>
/// <param name="Structure">The organization structure, or null when the workspace has none.</param>
public sealed record CampaignWorkspace(
    IReadOnlyList<Person> People, IReadOnlyList<Squad> Squads, IReadOnlyList<Campaign> Campaigns, OrgStructure? Structure)
{
    /// <summary>A campaign by id, or null.</summary>
    public Campaign? Campaign(string id) => Campaigns.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.Ordinal));

    /// <summary>A squad by id, or null.</summary>
    public Squad? Squad(string id) => Squads.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));

    /// <summary>A person by id, or null.</summary>
    public Person? Person(string id) => People.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));
}

/// <summary>Everything the campaign workspace holds, for export and restore.</summary>
/// <param name="People">The people directory.</param>
/// <param name="Squads">The squads.</param>
/// <param name="Campaigns">The campaigns.</param>
public sealed record CampaignBundle(IReadOnlyList<Person> People, IReadOnlyList<Squad> Squads, IReadOnlyList<Campaign> Campaigns);

/// <summary>
/// The rules of every write to the campaign workspace, once, for every front door (docs/campaigns.md): a person is valid
/// with the whole directory; a person a squad counts stays; a squad's members and campaigns are stored; a change to the
/// squads never strands a campaign past planning without a led squad nor takes a squad off a closed or cancelled
/// campaign's record; a campaign's stage, history and approvals change only through the lifecycle, and an edited approved
/// kit goes back to draft; a campaign leaves the workspace only while in planning; a bundle is a restore, validated whole
/// and recorded on each campaign it brings.
/// </summary>
public static class WorkspaceRules
{
    /// <summary>
    /// The problems of saving <paramref name="person"/> (new or replacing the one with its id), checked with the whole
    /// directory: the person is put last, so a referral code shared with someone else is reported on them.
    /// </summary>
    public static IReadOnlyList<Problem> PersonProblems(CampaignWorkspace workspace, Person person)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(person);
        List<Person> people = [.. workspace.People.Where(p => p.Id != person.Id), person];
        var prefix = Problem.At("people", people.Count - 1) + ".";
        return [.. PeopleValidation.Validate(people, workspace.Structure)
            .Where(p => p.Path.StartsWith(prefix, StringComparison.Ordinal))
            .Select(p => p with { Path = p.Path[prefix.Length..] })];
    }

    /// <summary>Why person <paramref name="id"/> cannot be removed: a squad counts them (<see cref="CampaignCodes.PersonInSquad"/>); null when they can.</summary>
    public static Message? PersonRemovalRefusal(CampaignWorkspace workspace, string id)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var squads = workspace.Squads.Where(s => s.Members.Any(m => m.Person == id)).Select(s => s.Id).ToList();
        return squads.Count == 0 ? null : Message.Of(CampaignCodes.PersonInSquad, ("id", id), ("squads", squads));
    }

    /// <summary>The problems of saving <paramref name="squad"/>: nulls, then members that are stored people and campaigns that are stored campaigns.</summary>
    public static IReadOnlyList<Problem> SquadProblems(CampaignWorkspace workspace, Squad squad)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(squad);
        var nulls = PeopleValidation.Nulls(squad);
        return nulls.Count > 0 ? nulls : PeopleValidation.Validate(squad, workspace.People, workspace.Campaigns.Select(c => c.Id));
    }

    /// <summary>
    /// The one rule of a change to the squads: why squad <paramref name="id"/> cannot become <paramref name="after"/>
    /// (null: removed), or null when it can. A change that takes the squad off a closed or cancelled campaign is refused
    /// (<see cref="CampaignCodes.SquadsPartOfRecord"/>: its squads are its record), and so is one that leaves a campaign
    /// past planning without a squad with a lead (<see cref="SquadAttachment.LeadRefusal"/>). Removing a squad detaches it
    /// from every campaign it works on, so removal, edit and detach answer alike.
    /// </summary>
    public static Message? SquadChangeRefusal(CampaignWorkspace workspace, string id, Squad? after)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var before = workspace.Squad(id);
        foreach (var campaign in (before?.Campaigns ?? []).Where(c => after is null || !after.Serves(c)).Select(workspace.Campaign).OfType<Campaign>())
        {
            if (CampaignLifecycle.IsTerminal(campaign.Stage))
            {
                return Message.Of(CampaignCodes.SquadsPartOfRecord, ("campaign", campaign.Id), ("stage", EnumWords.Word(campaign.Stage)));
            }
        }

        return SquadAttachment.LeadRefusal(workspace.Squads, SquadAttachment.Replace(workspace.Squads, id, after), workspace.Campaigns);
    }

    /// <summary>
    /// What saving <paramref name="edited"/> stores: refused when it would change the stored campaign's stage, history or
    /// approvals (those move only through the lifecycle; a new campaign starts in planning with none), invalid with every
    /// problem of its own and of the codes and ids it shares with others, else the campaign to store: an approved kit whose
    /// messages or links changed goes back to draft, and a restored campaign stays marked as restored.
    /// </summary>
    public static Outcome<Campaign> Edit(CampaignWorkspace workspace, Campaign edited)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(edited);
        var nulls = CampaignValidation.Nulls(edited);
        if (nulls.Count > 0)
        {
            return Outcome<Campaign>.Invalid(nulls);
        }

        var stored = workspace.Campaign(edited.Id);
        if (LifecycleOnly(stored, edited) is { } refusal)
        {
            return Outcome<Campaign>.Refused(refusal.Code, refusal.Args);
        }

        var campaign = edited with { Kit = KitAfterEdit(stored?.Kit, edited.Kit), Restored = stored?.Restored };
        var problems = CampaignProblems(workspace, campaign);
        return problems.Count > 0 ? Outcome<Campaign>.Invalid(problems) : Outcome<Campaign>.Ok(campaign);
    }

    /// <summary>
    /// The kit to store when <paramref name="stored"/> is edited into <paramref name="edited"/>: an approved kit whose
    /// messages or links change goes back to draft, because what staff share must be what was approved.
    /// </summary>
    public static ContentKit KitAfterEdit(ContentKit? stored, ContentKit edited)
    {
        ArgumentNullException.ThrowIfNull(edited);
        return stored is { IsApproved: true } && edited.IsApproved
               && (!stored.Messages.SequenceEqual(edited.Messages, StringComparer.Ordinal) || !stored.Links.SequenceEqual(edited.Links))
            ? edited.AsDraft()
            : edited;
    }

    /// <summary>
    /// Why a campaign cannot be removed: it has left planning, so its history and evaluation stay
    /// (<see cref="CampaignCodes.CampaignHasHistory"/>); null when it can. Removal takes it off every squad's list.
    /// </summary>
    public static Message? RemovalRefusal(Campaign stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.Stage == CampaignStage.Planning
            ? null
            : Message.Of(CampaignCodes.CampaignHasHistory, ("id", stored.Id), ("stage", EnumWords.Word(stored.Stage)));
    }

    /// <summary>The squads that work on campaign <paramref name="id"/>, as they are once it is removed.</summary>
    public static IReadOnlyList<Squad> SquadsAfterRemoval(CampaignWorkspace workspace, string id)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return [.. workspace.Squads.Where(s => s.Serves(id)).Select(s => s with { Campaigns = [.. s.Campaigns.Where(c => c != id)] })];
    }

    /// <summary>
    /// A bundle restored into the workspace, validated whole against what is stored and what it brings (problem paths
    /// <c>people[i]</c>, <c>squads[i]</c>, <c>campaigns[i]</c>): a campaign the workspace holds keeps its stage, history and
    /// approvals (those change only through the lifecycle; an edited approved kit goes back to draft), and a campaign new to
    /// the workspace comes with its own, which its history must lead to, marked as restored by <paramref name="by"/> at
    /// <paramref name="at"/> (<see cref="Campaign.Restore"/>) unless <paramref name="markRestored"/> is false (the demo
    /// company, whose campaigns are generated with their history). The result is the bundle to store.
    /// </summary>
    public static Outcome<CampaignBundle> Restore(
        CampaignWorkspace workspace, CampaignBundle bundle, string by, DateTimeOffset at, bool markRestored = true)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(bundle);
        bundle = new CampaignBundle(bundle.People ?? [], bundle.Squads ?? [], bundle.Campaigns ?? []); // a file may leave a list out
        List<Problem> nulls =
        [
            .. CampaignValidation.NullItems("people", bundle.People), .. CampaignValidation.NullItems("squads", bundle.Squads),
            .. CampaignValidation.NullItems("campaigns", bundle.Campaigns),
            .. bundle.Squads.Select((s, i) => (s, i)).Where(x => x.s is not null)
                .SelectMany(x => PeopleValidation.Nulls(x.s).Select(p => p.Under(Problem.At("squads", x.i)))),
            .. bundle.Campaigns.Select((c, i) => (c, i)).Where(x => x.c is not null)
                .SelectMany(x => CampaignValidation.Nulls(x.c).Select(p => p.Under(Problem.At("campaigns", x.i)))),
        ];
        if (nulls.Count > 0)
        {
            return Outcome<CampaignBundle>.Invalid(nulls);
        }

        var problems = new List<Problem>();
        var people = workspace.People.ToList();
        foreach (var p in bundle.People)
        {
            people = Replace(people, p, x => x.Id);
        }

        var positions = bundle.People.Select(p => Problem.At("people", people.FindIndex(x => x.Id == p.Id))).ToList();
        foreach (var problem in PeopleValidation.Validate(people, workspace.Structure))
        {
            var i = positions.FindIndex(pos => problem.Path.StartsWith(pos + ".", StringComparison.Ordinal));
            if (i >= 0)
            {
                problems.Add(problem with { Path = Problem.At("people", i) + problem.Path[positions[i].Length..] });
            }
        }

        var campaigns = workspace.Campaigns.ToList();
        var restored = new List<Campaign>();
        for (var i = 0; i < bundle.Campaigns.Count; i++)
        {
            var c = bundle.Campaigns[i];
            var path = Problem.At("campaigns", i);
            var stored = workspace.Campaign(c.Id);
            if (stored is not null)
            {
                if (LifecycleOnly(stored, c) is { } refusal)
                {
                    var field = refusal.Code switch
                    {
                        CampaignCodes.StageChangesThroughLifecycle => "stage",
                        CampaignCodes.TransitionsAreHistory => "transitions",
                        CampaignCodes.BudgetApprovalThroughLifecycle => "budgetApproval",
                        _ => "kit",
                    };
                    problems.Add(new Problem(path + "." + field, refusal.Code, refusal.Args));
                }

                c = c with { Kit = KitAfterEdit(stored.Kit, c.Kit), Restored = stored.Restored };
            }
            else if (markRestored)
            {
                c = Campaign.Restore(c, by, at);
            }

            problems.AddRange(c.Validate(workspace.Structure).Select(p => p.Under(path)));
            restored.Add(c);
            campaigns = Replace(campaigns, c, x => x.Id);
        }

        foreach (var problem in CampaignValidation.CheckAll(campaigns))
        {
            // The path is in the stored campaigns and the bundle's together, not the bundle's own list: it goes with the arguments.
            problems.Add(new("campaigns", problem.Code, problem.Args.With("at", problem.Path)));
        }

        var campaignIds = campaigns.Select(c => c.Id).ToList();
        for (var i = 0; i < bundle.Squads.Count; i++)
        {
            problems.AddRange(PeopleValidation.Validate(bundle.Squads[i], people, campaignIds).Select(p => p.Under(Problem.At("squads", i))));
        }

        return problems.Count > 0
            ? Outcome<CampaignBundle>.Invalid(problems)
            : Outcome<CampaignBundle>.Ok(new CampaignBundle(bundle.People, bundle.Squads, restored));
    }

    /// <summary>
    /// Why saving <paramref name="edited"/> over <paramref name="stored"/> would change what only the lifecycle changes: its
    /// stage, its transitions, its budget approval, its kit's approval; null when it would not.
    /// </summary>
    public static Message? LifecycleOnly(Campaign? stored, Campaign edited)
    {
        ArgumentNullException.ThrowIfNull(edited);
        var stage = stored?.Stage ?? CampaignStage.Planning;
        if (edited.Stage != stage)
        {
            return Message.Of(CampaignCodes.StageChangesThroughLifecycle, ("id", edited.Id), ("stage", EnumWords.Word(stage)));
        }

        if (!(stored?.Transitions ?? []).SequenceEqual(edited.Transitions))
        {
            return Message.Of(CampaignCodes.TransitionsAreHistory, ("id", edited.Id));
        }

        if (stored?.BudgetApproval != edited.BudgetApproval)
        {
            return Message.Of(CampaignCodes.BudgetApprovalThroughLifecycle, ("id", edited.Id));
        }

        var storedKit = stored?.Kit ?? ContentKit.Empty;
        return edited.Kit.ApprovedBy != storedKit.ApprovedBy || edited.Kit.ApprovedAt != storedKit.ApprovedAt
            ? Message.Of(CampaignCodes.KitApprovalThroughLifecycle, ("id", edited.Id))
            : null;
    }

    /// <summary>The campaign's own problems, then those of the ids and codes it shares with the other campaigns (it goes last, so a clash is reported on it).</summary>
    private static List<Problem> CampaignProblems(CampaignWorkspace workspace, Campaign campaign)
    {
        var problems = campaign.Validate(workspace.Structure).ToList();
        if (problems.Count > 0)
        {
            return problems;
        }

        List<Campaign> all = [.. workspace.Campaigns.Where(c => c.Id != campaign.Id), campaign];
        var prefix = string.Create(CultureInfo.InvariantCulture, $"campaigns[{all.Count - 1}].");
        problems.AddRange(CampaignValidation.CheckAll(all)
            .Where(p => p.Path.StartsWith(prefix, StringComparison.Ordinal))
            .Select(p => p with { Path = p.Path[prefix.Length..] }));
        return problems;
    }

    private static List<T> Replace<T>(IReadOnlyList<T> items, T item, Func<T, string> id)
    {
        var list = items.ToList();
        var i = list.FindIndex(x => id(x) == id(item));
        if (i >= 0)
        {
            list[i] = item;
        }
        else
        {
            list.Add(item);
        }

        return list;
    }
}
