using Mercato.Core.Access;
using Mercato.Core.Campaigns;
using Mercato.Core.Organization;

namespace Mercato.Features.Access;

/// <summary>
/// Applies <see cref="AccessPolicy"/> for the acting principal: every use-case method calls it once, before it reads or
/// writes, and nothing else decides. A refusal throws <see cref="AccessDeniedException"/>, which each front door turns
/// into its answer in one place (403 problem, the page's refusal, the CLI's message). Campaign reads of an agency are
/// filtered (<see cref="SeesCampaign"/>): a campaign it is not named on is not found, not forbidden.
/// </summary>
public sealed class AccessGuard(ICurrentUser user, IDocumentStore documents)
{
    /// <summary>Who is acting.</summary>
    public Principal Who => user.Principal;

    /// <summary>Refuses unless the principal holds <paramref name="permission"/> (a permission not scoped by unit).</summary>
    /// <exception cref="AccessDeniedException">It does not.</exception>
    public void Require(Permission permission)
    {
        if (!Allows(permission))
        {
            throw new AccessDeniedException(user.Name, permission);
        }
    }

    /// <summary>Whether the principal holds <paramref name="permission"/> (a permission not scoped by unit).</summary>
    public bool Allows(Permission permission) =>
        AccessPolicy.IsScoped(permission)
            ? throw new ArgumentException(permission + " is scoped by unit: ask with a target", nameof(permission))
            : AccessPolicy.Allows(user.Principal, permission, AccessTarget.Workspace, UnitTree.Empty);

    /// <summary>Refuses unless the principal may act with <paramref name="permission"/> on <paramref name="target"/>.</summary>
    /// <exception cref="AccessDeniedException">It may not.</exception>
    public Task RequireAsync(Permission permission, AccessTarget target, CancellationToken cancellationToken) =>
        RequireAllAsync(permission, [target], cancellationToken);

    /// <summary>Refuses unless the principal may act with <paramref name="permission"/> on every one of <paramref name="targets"/> (the tree read once).</summary>
    /// <exception cref="AccessDeniedException">It may not on one of them.</exception>
    public async Task RequireAllAsync(Permission permission, IReadOnlyCollection<AccessTarget> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var tree = await TreeAsync(permission, cancellationToken).ConfigureAwait(false);
        if (!targets.All(t => AccessPolicy.Allows(user.Principal, permission, t, tree)))
        {
            throw new AccessDeniedException(user.Name, permission);
        }
    }

    /// <summary>
    /// Refuses unless the principal may write a squad that runs <paramref name="campaigns"/>: the work of each of their
    /// units (the workspace as a whole when it runs none).
    /// </summary>
    public Task RequireSquadWriteAsync(CampaignWorkspace workspace, IEnumerable<string> campaigns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var units = campaigns.Select(workspace.Campaign).OfType<Campaign>().Select(c => c.Unit).Distinct(StringComparer.Ordinal).ToList();
        return RequireAllAsync(Permission.WriteUnitWork, units.Count == 0 ? [AccessTarget.Workspace] : [.. units.Select(u => new AccessTarget(u))], cancellationToken);
    }

    /// <summary>Whether the principal may act with <paramref name="permission"/> on <paramref name="target"/>.</summary>
    public async Task<bool> AllowsAsync(Permission permission, AccessTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return AccessPolicy.Allows(user.Principal, permission, target, await TreeAsync(permission, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The unit tree, read only when a unit-scoped grant has to be placed in it; an administrator never waits for it.</summary>
    private async Task<UnitTree> TreeAsync(Permission permission, CancellationToken cancellationToken) =>
        AccessPolicy.IsScoped(permission) && user.Principal.Grants.Any(g => g.Unit is not null)
            ? UnitTree.Of((await documents.GetAsync(OrganizationDocuments.Structure, OrganizationDocuments.StructureId, cancellationToken).ConfigureAwait(false))?.Value)
            : UnitTree.Empty;

    /// <summary>The target of <paramref name="campaign"/>: its unit, its id, the people of the squads that run it.</summary>
    public static AccessTarget CampaignTarget(Campaign campaign, IEnumerable<Squad> squads)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(squads);
        var people = squads.Where(s => s.Campaigns.Contains(campaign.Id, StringComparer.Ordinal))
            .SelectMany(s => s.Members.Select(m => m.Person)).ToHashSet(StringComparer.Ordinal);
        return new AccessTarget(campaign.Unit, campaign.Id, people);
    }

    /// <summary>
    /// Refuses unless the principal may read some campaign: whoever holds <see cref="Permission.ReadCampaign"/> for the
    /// workspace, or an agency for the campaigns it is named on (what it reads is then filtered with
    /// <see cref="SeesCampaign"/>, and a campaign it does not see is not found).
    /// </summary>
    /// <exception cref="AccessDeniedException">It may read none.</exception>
    public void RequireCampaignReads()
    {
        if (!ReadsSomeCampaign)
        {
            throw new AccessDeniedException(user.Name, Permission.ReadCampaign);
        }
    }

    /// <summary>Whether the principal may read some campaign (all of them, or an agency's named ones).</summary>
    public bool ReadsSomeCampaign =>
        Allows(Permission.ReadCampaign)
        || Who.Grants.SelectMany(g => g.Campaigns).Any(id => AccessPolicy.Allows(Who, Permission.ReadCampaign, new AccessTarget(Campaign: id), UnitTree.Empty));

    /// <summary>Whether the principal may read <paramref name="campaign"/> at all (an agency: only the ones it is named on).</summary>
    public bool SeesCampaign(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return AccessPolicy.Allows(user.Principal, Permission.ReadCampaign, new AccessTarget(campaign.Unit, campaign.Id), UnitTree.Empty);
    }

    /// <summary>
    /// Whether the principal may open <paramref name="area"/>: holds what it needs, or, for the campaigns, is an agency
    /// named on some (it sees those only).
    /// </summary>
    public bool MayOpen(Area area)
    {
        ArgumentNullException.ThrowIfNull(area);
        return area.Needs == Permission.ReadCampaign ? ReadsSomeCampaign : Allows(area.Needs);
    }

    /// <summary>Whether the principal sees revenue, margin and returns (an agency does not).</summary>
    public bool SeesMoney => Allows(Permission.ReadMoney);

    /// <summary>Whether the principal reads reports and the organization (an agency does not).</summary>
    public bool SeesReports => Allows(Permission.ReadReports);

    /// <summary>Whether the principal sees people's personal data.</summary>
    public bool SeesPeople => Allows(Permission.ReadPeople);
}
