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
}
