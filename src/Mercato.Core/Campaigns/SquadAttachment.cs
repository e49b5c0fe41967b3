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
    public static (Squad? Squad, string? Refusal) Detach(Squad squad, Campaign campaign, IEnumerable<Squad> squads)
    {
        ArgumentNullException.ThrowIfNull(squad);
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(squads);
        if (!squad.Serves(campaign.Id))
        {
            return (null, $"squad \"{squad.Id}\" does not work on campaign \"{campaign.Id}\"");
        }

        if (CampaignLifecycle.IsTerminal(campaign.Stage))
        {
            return (null, $"campaign \"{campaign.Id}\" is {CampaignWords.Word(campaign.Stage)}: its squads are part of its record");
        }

        if (NeedsThisLead(squad.Id, campaign, squads))
        {
            return (null, $"campaign \"{campaign.Id}\" is in stage {CampaignWords.Word(campaign.Stage)} and keeps a squad with a lead: "
                + "attach another squad with a lead first");
        }

        return (squad with { Campaigns = [.. squad.Campaigns.Where(c => c != campaign.Id)] }, null);
    }

    /// <summary>
    /// Why an edited squad cannot be saved, or null: a squad left without a lead may not be the only squad with a lead of a
    /// campaign it serves that is past planning (the resources gate that campaign passed).
    /// </summary>
    /// <param name="edited">The squad as it would be saved.</param>
    /// <param name="campaigns">The stored campaigns.</param>
    /// <param name="squads">Every stored squad.</param>
    public static string? EditRefusal(Squad edited, IEnumerable<Campaign> campaigns, IEnumerable<Squad> squads)
    {
        ArgumentNullException.ThrowIfNull(edited);
        ArgumentNullException.ThrowIfNull(campaigns);
        ArgumentNullException.ThrowIfNull(squads);
        if (edited.HasLead)
        {
            return null;
        }

        var stranded = campaigns.Where(c => edited.Serves(c.Id) && NeedsThisLead(edited.Id, c, squads)).Select(c => c.Id).ToList();
        return stranded.Count == 0
            ? null
            : $"squad \"{edited.Id}\" is the only squad with a lead on {string.Join(", ", stranded.Select(c => $"\"{c}\""))}, past planning: keep one member as lead";
    }

    /// <summary>The campaign is past planning and no squad other than <paramref name="squadId"/> leads it.</summary>
    private static bool NeedsThisLead(string squadId, Campaign campaign, IEnumerable<Squad> squads) =>
        campaign.Stage != CampaignStage.Planning && !squads.Any(s => s.Id != squadId && s.Serves(campaign.Id) && s.HasLead);
}
