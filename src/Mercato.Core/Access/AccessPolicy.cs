using Mercato.Core.Organization;

namespace Mercato.Core.Access;

/// <summary>
/// What an access decision is about: nothing in particular (the workspace), a unit, or a campaign with its unit and the
/// people of the squads that run it.
/// </summary>
/// <param name="Unit">The unit the thing belongs to; null for the workspace as a whole.</param>
/// <param name="Campaign">The campaign's id, when the thing is a campaign.</param>
/// <param name="SquadPeople">The people of the campaign's squads (a member writes the campaigns of squads they are in).</param>
public sealed record AccessTarget(string? Unit = null, string? Campaign = null, IReadOnlyCollection<string>? SquadPeople = null)
{
    /// <summary>The workspace as a whole.</summary>
    public static AccessTarget Workspace { get; } = new();
}

/// <summary>The units' parent links: which units a grant at a unit covers (that unit and every unit below it).</summary>
public sealed class UnitTree
{
    private readonly Dictionary<string, string?> _parents;

    /// <summary>The tree of <paramref name="parents"/> (unit id to its parent's id, null for the root).</summary>
    public UnitTree(IReadOnlyDictionary<string, string?> parents)
    {
        ArgumentNullException.ThrowIfNull(parents);
        _parents = new Dictionary<string, string?>(parents, StringComparer.Ordinal);
        Root = _parents.Count(p => p.Value is null) == 1 ? _parents.First(p => p.Value is null).Key : null;
    }

    /// <summary>No organization yet.</summary>
    public static UnitTree Empty { get; } = new(new Dictionary<string, string?>());

    /// <summary>The tree of an organization.</summary>
    public static UnitTree Of(OrgStructure? structure) =>
        structure is null ? Empty : new(structure.Units.ToDictionary(u => u.Id, u => u.Parent, StringComparer.Ordinal));

    /// <summary>The root unit, or null when there is none (or more than one).</summary>
    public string? Root { get; }

    /// <summary>Whether <paramref name="unit"/> is a unit of the tree.</summary>
    public bool Contains(string unit) => _parents.ContainsKey(unit);

    /// <summary>
    /// Whether a grant at <paramref name="grantUnit"/> covers <paramref name="unit"/>: a grant with no unit covers
    /// everything; a grant at a unit covers it and the units below it; the workspace as a whole (<paramref name="unit"/>
    /// null) is covered by a grant at the root. Parent links that go round stop the walk (a broken tree covers less).
    /// </summary>
    public bool Covers(string? grantUnit, string? unit)
    {
        if (grantUnit is null)
        {
            return true;
        }

        if (unit is null)
        {
            return string.Equals(grantUnit, Root, StringComparison.Ordinal);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (string? at = unit; at is not null && seen.Add(at); at = _parents.GetValueOrDefault(at))
        {
            if (string.Equals(at, grantUnit, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// The access rules, written once: which role holds which permission (the table of docs/access.md), how a grant's unit
/// scopes it, and what a token's scope leaves of an account's roles. The use cases ask; no front door decides.
/// </summary>
public static class AccessPolicy
{
    private static readonly Permission[] Reads = [Permission.ReadReports, Permission.ReadCampaign, Permission.ReadPeople, Permission.ReadMoney, Permission.ReadAudit];

    private static readonly Dictionary<Role, HashSet<Permission>> Table = new()
    {
        [Role.Admin] = [.. Enum.GetValues<Permission>()],
        [Role.Executive] = [.. Enum.GetValues<Permission>().Except([Permission.ManageAccounts, Permission.ManageSettings, Permission.ManageStore])],
        [Role.UnitLead] = [Permission.ReadReports, Permission.ReadCampaign, Permission.ReadPeople, Permission.ReadMoney, Permission.WriteUnitWork,
            Permission.WriteCampaign, Permission.ApproveKit, Permission.WriteShared],
        [Role.Member] = [Permission.ReadReports, Permission.ReadCampaign, Permission.ReadPeople, Permission.ReadMoney, Permission.WriteCampaign],
        [Role.Analyst] = [Permission.ReadReports, Permission.ReadCampaign, Permission.ReadPeople, Permission.ReadMoney, Permission.Import, Permission.ClassifyChannels],
        [Role.Viewer] = [Permission.ReadReports, Permission.ReadCampaign, Permission.ReadMoney],
        [Role.Agency] = [Permission.ReadCampaign, Permission.WriteCampaign],
    };

    /// <summary>Permissions whose grant must cover the target's unit; the others hold wherever the role is granted.</summary>
    private static readonly HashSet<Permission> Scoped = [Permission.WriteUnitWork, Permission.WriteCampaign, Permission.ApproveKit, Permission.ApproveBudget];

    /// <summary>Whether <paramref name="role"/> holds <paramref name="permission"/> somewhere (the table, scope aside).</summary>
    public static bool Holds(Role role, Permission permission) => Table[role].Contains(permission);

    /// <summary>Whether <paramref name="permission"/> is scoped by the target's unit.</summary>
    public static bool IsScoped(Permission permission) => Scoped.Contains(permission);

    /// <summary>
    /// Whether <paramref name="who"/> may act with <paramref name="permission"/> on <paramref name="target"/>. A grant
    /// counts when its role holds the permission and, for a scoped permission, its unit covers the target's unit
    /// (<see cref="UnitTree.Covers"/>); a member's grant writes a campaign only when the member's person is in one of its
    /// squads; an agency's grant reads and writes only the campaigns it names. A token's scope cuts the account's roles:
    /// <c>import</c> leaves only <see cref="Permission.Import"/>, <c>read</c> only the reads.
    /// </summary>
    public static bool Allows(Principal who, Permission permission, AccessTarget target, UnitTree tree)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(tree);
        if (who.TokenScope is TokenScope.Import && permission != Permission.Import
            || who.TokenScope is TokenScope.Read && !Reads.Contains(permission))
        {
            return false;
        }

        return who.Grants.Any(g => GrantAllows(who, g, permission, target, tree));
    }

    /// <summary>Whether <paramref name="who"/> sees revenue, margin and returns (an agency does not).</summary>
    public static bool SeesMoney(Principal who, UnitTree tree) => Allows(who, Permission.ReadMoney, AccessTarget.Workspace, tree);

    private static bool GrantAllows(Principal who, RoleGrant grant, Permission permission, AccessTarget target, UnitTree tree)
    {
        if (!Holds(grant.Role, permission))
        {
            return false;
        }

        switch (grant.Role)
        {
            case Role.Agency:
                return target.Campaign is { } campaign && grant.Campaigns.Contains(campaign, StringComparer.Ordinal);
            case Role.Member when permission == Permission.WriteCampaign:
                return who.Person is { } person && target.SquadPeople is { } people && people.Contains(person);
            default:
                return !IsScoped(permission) || tree.Covers(grant.Unit, target.Unit);
        }
    }
}
