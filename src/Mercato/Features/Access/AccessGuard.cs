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
    public async Task RequireAsync(Permission permission, AccessTarget target, CancellationToken cancellationToken)
    {
        if (!await AllowsAsync(permission, target, cancellationToken).ConfigureAwait(false))
        {
            throw new AccessDeniedException(user.Name, permission);
        }
    }

    /// <summary>Whether the principal may act with <paramref name="permission"/> on <paramref name="target"/>.</summary>
    public async Task<bool> AllowsAsync(Permission permission, AccessTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var who = user.Principal;
        // The tree is read only when a unit-scoped grant has to be placed in it; an administrator never waits for it.
        var needsTree = AccessPolicy.IsScoped(permission) && who.Grants.Any(g => g.Unit is not null);
        var tree = needsTree
            ? UnitTree.Of((await documents.GetAsync(OrganizationDocuments.Structure, OrganizationDocuments.StructureId, cancellationToken).ConfigureAwait(false))?.Value)
            : UnitTree.Empty;
        return AccessPolicy.Allows(who, permission, target, tree);
    }

    /// <summary>The target of <paramref name="campaign"/>: its unit, its id, the people of the squads that run it.</summary>
    public static AccessTarget CampaignTarget(Campaign campaign, IEnumerable<Squad> squads)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(squads);
        var people = squads.Where(s => s.Campaigns.Contains(campaign.Id, StringComparer.Ordinal))
            .SelectMany(s => s.Members.Select(m => m.Person)).ToHashSet(StringComparer.Ordinal);
        return new AccessTarget(campaign.Unit, campaign.Id, people);
    }

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
        return Allows(area.Needs) || area.Needs == Permission.ReadCampaign && Who.Grants.Any(g => g.Role == Role.Agency && g.Campaigns.Count > 0);
    }

    /// <summary>Whether the principal sees revenue, margin and returns (an agency does not).</summary>
    public bool SeesMoney => Allows(Permission.ReadMoney);

    /// <summary>Whether the principal sees people's personal data.</summary>
    public bool SeesPeople => Allows(Permission.ReadPeople);
}
