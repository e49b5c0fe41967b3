namespace Mercato.Core.Campaigns;

/// <summary>
/// Attaching a squad to a campaign, the smallest step that opens the resources gate: the lead and members given become
/// the squad's members (one role each); a new squad is named after its id (unless a name is given) and time-boxed to the
/// campaign's schedule; an existing squad keeps its other campaigns and is widened to cover this campaign's schedule.
/// </summary>
public static class SquadAttachment
{
    /// <summary>The squad after attaching it to <paramref name="campaign"/>; validate it with the people before saving.</summary>
    /// <param name="existing">The stored squad with id <paramref name="squadId"/>, or null when it is new.</param>
    /// <param name="squadId">The squad's id.</param>
    /// <param name="name">A new name, or null to keep the current one (a new squad is named after its id).</param>
    /// <param name="lead">The person who leads it.</param>
    /// <param name="members">The other members with their roles.</param>
    /// <param name="campaign">The campaign it works on.</param>
    public static Squad Attach(Squad? existing, string squadId, string? name, string lead, IEnumerable<SquadMember> members, Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(campaign);
        List<SquadMember> list = [new(lead, SquadRole.Lead), .. members];
        return existing is null
            ? new Squad(squadId, name ?? squadId, list, campaign.Start, campaign.End, [campaign.Id])
            : existing with
            {
                Name = name ?? existing.Name,
                Members = list,
                Start = existing.Start < campaign.Start ? existing.Start : campaign.Start,
                End = existing.End > campaign.End ? existing.End : campaign.End,
                Campaigns = existing.Serves(campaign.Id) ? existing.Campaigns : [.. existing.Campaigns, campaign.Id],
            };
    }

    /// <summary>
    /// The squad after taking it off <paramref name="campaign"/>, or the reason it cannot be: a closed or cancelled campaign's squads are
    /// part of its record, and a campaign past planning keeps at least one squad with a lead (the resources gate it passed),
    /// so its last one goes only once another is attached. The squad keeps its members and its other campaigns.
    /// </summary>
    /// <param name="squad">The squad.</param>
    /// <param name="campaign">The campaign it works on.</param>
    /// <param name="squads">Every stored squad (those serving the campaign are the ones that count).</param>
    public static (Squad? Squad, Message? Refusal) Detach(Squad squad, Campaign campaign, IEnumerable<Squad> squads)
    {
        ArgumentNullException.ThrowIfNull(squad);
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(squads);
        if (!squad.Serves(campaign.Id))
        {
            return (null, Message.Of(CampaignCodes.SquadNotOnCampaign, ("squad", squad.Id), ("campaign", campaign.Id)));
        }

        if (CampaignLifecycle.IsTerminal(campaign.Stage))
        {
            return (null, Message.Of(CampaignCodes.SquadsPartOfRecord, ("campaign", campaign.Id), ("stage", EnumWords.Word(campaign.Stage))));
        }

        var detached = squad with { Campaigns = [.. squad.Campaigns.Where(c => c != campaign.Id)] };
        var all = squads.ToList();
        return LeadRefusal(all, Replace(all, squad.Id, detached), [campaign]) is { } refusal ? (null, refusal) : (detached, null);
    }

    /// <summary>
    /// Why a change to the squads cannot be made, or null: a campaign past planning passed the resources gate with a squad
    /// that has a lead, so a change (an edit, a detach, a removal) that leaves such a campaign led before and unled after
    /// is refused: <see cref="CampaignCodes.SquadLeadRequired"/> with the first such <c>campaign</c> and its <c>stage</c>, and the
    /// ids of all of them as <c>campaigns</c>.
    /// </summary>
    /// <param name="before">Every stored squad.</param>
    /// <param name="after">The squads as they would be after the change.</param>
    /// <param name="campaigns">The campaigns to check (the stored ones, or those the change touches).</param>
    public static Message? LeadRefusal(IReadOnlyList<Squad> before, IReadOnlyList<Squad> after, IEnumerable<Campaign> campaigns)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(campaigns);
        static bool Led(IEnumerable<Squad> squads, string campaign) => squads.Any(s => s.Serves(campaign) && s.HasLead);
        var stranded = campaigns
            .Where(c => c.Stage != CampaignStage.Planning && Led(before, c.Id) && !Led(after, c.Id))
            .ToList();
        return stranded.Count == 0
            ? null
            : Message.Of(CampaignCodes.SquadLeadRequired,
                ("campaign", stranded[0].Id), ("stage", EnumWords.Word(stranded[0].Stage)), ("campaigns", stranded.Select(c => c.Id)));
    }

    /// <summary><paramref name="squads"/> with the squad <paramref name="id"/> replaced by <paramref name="squad"/> (added when new, left out when null).</summary>
    public static IReadOnlyList<Squad> Replace(IEnumerable<Squad> squads, string id, Squad? squad)
    {
        ArgumentNullException.ThrowIfNull(squads);
        List<Squad> result = [.. squads.Where(s => s.Id != id)];
        if (squad is not null)
        {
            result.Add(squad);
        }

        return result;
    }
}
