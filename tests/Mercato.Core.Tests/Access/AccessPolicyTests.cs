using Mercato.Core.Access;

namespace Mercato.Core.Tests.Access;

/// <summary>The permission table, unit scope and inheritance, token scopes, the member's squad rule and the agency's naming.</summary>
public class AccessPolicyTests
{
    // co ─ marketing ─ brand ─ brand-east
    //    └ sales
    private static readonly UnitTree Tree = new(new Dictionary<string, string?>
    {
        ["co"] = null, ["marketing"] = "co", ["brand"] = "marketing", ["brand-east"] = "brand", ["sales"] = "co",
    });

    private static Principal Who(params RoleGrant[] grants) => new("p", grants);

    [Fact]
    public void Covers_AGrantAtAUnit_HoldsThereAndBelow_NotBesideOrAbove()
    {
        Assert.True(Tree.Covers("marketing", "marketing"));
        Assert.True(Tree.Covers("marketing", "brand"));
        Assert.True(Tree.Covers("marketing", "brand-east"));
        Assert.False(Tree.Covers("marketing", "sales"));
        Assert.False(Tree.Covers("brand", "marketing"));
        Assert.False(Tree.Covers("brand", "nowhere"));
        Assert.True(Tree.Covers(null, "sales"));
        Assert.True(Tree.Covers(null, null));
        // The workspace as a whole is covered by a grant at the root only.
        Assert.True(Tree.Covers("co", null));
        Assert.False(Tree.Covers("marketing", null));
        Assert.Equal("co", Tree.Root);
    }

    [Fact]
    public void Covers_ParentLinksThatGoRound_StopTheWalk()
    {
        var cycle = new UnitTree(new Dictionary<string, string?> { ["a"] = "b", ["b"] = "c", ["c"] = "a", ["d"] = "a" });

        Assert.True(cycle.Covers("c", "d"));
        Assert.True(cycle.Covers("b", "a"));
        Assert.False(cycle.Covers("x", "a"));
        Assert.Null(cycle.Root);
    }

    public static TheoryData<Role, Permission, Permission> Table => new()
    {
        { Role.Admin, Permission.ManageAccounts, Permission.ManageAccounts },
        { Role.Executive, Permission.ApproveBudget, Permission.ManageAccounts },
        { Role.UnitLead, Permission.WriteUnitWork, Permission.ApproveBudget },
        { Role.Member, Permission.WriteCampaign, Permission.WriteUnitWork },
        { Role.Analyst, Permission.Import, Permission.WriteCampaign },
        { Role.Viewer, Permission.ReadMoney, Permission.ReadPeople },
        { Role.Agency, Permission.ReadCampaign, Permission.ReadMoney },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Holds_EachRole_HoldsOnePermission_AndNotAnother(Role role, Permission holds, Permission lacks)
    {
        Assert.True(AccessPolicy.Holds(role, holds));
        if (role == Role.Admin)
        {
            Assert.All(Enum.GetValues<Permission>(), p => Assert.True(AccessPolicy.Holds(role, p)));
        }
        else
        {
            Assert.False(AccessPolicy.Holds(role, lacks));
        }
    }

    [Fact]
    public void Allows_AUnitLead_WritesTheWorkOfItsUnitAndBelow_ReadsEverywhere()
    {
        var lead = Who(new RoleGrant(Role.UnitLead, "marketing"));

        Assert.True(AccessPolicy.Allows(lead, Permission.WriteUnitWork, new AccessTarget("brand-east"), Tree));
        Assert.False(AccessPolicy.Allows(lead, Permission.WriteUnitWork, new AccessTarget("sales"), Tree));
        Assert.False(AccessPolicy.Allows(lead, Permission.WriteUnitWork, AccessTarget.Workspace, Tree));
        Assert.True(AccessPolicy.Allows(lead, Permission.ReadReports, new AccessTarget("sales"), Tree));
        Assert.False(AccessPolicy.Allows(lead, Permission.Import, AccessTarget.Workspace, Tree));
    }

    [Fact]
    public void Allows_AMember_WritesACampaignOnlyWhenInOneOfItsSquads()
    {
        var member = new Principal("ann", [new RoleGrant(Role.Member, "brand")], Person: "ann");
        var withoutPerson = new Principal("bo", [new RoleGrant(Role.Member, "brand")]);

        Assert.True(AccessPolicy.Allows(member, Permission.WriteCampaign, new AccessTarget("sales", "c1", ["ann", "bo"]), Tree));
        Assert.False(AccessPolicy.Allows(member, Permission.WriteCampaign, new AccessTarget("brand", "c1", ["bo"]), Tree));
        Assert.False(AccessPolicy.Allows(member, Permission.WriteCampaign, new AccessTarget("brand", "c1"), Tree));
        Assert.False(AccessPolicy.Allows(withoutPerson, Permission.WriteCampaign, new AccessTarget("brand", "c1", ["bo"]), Tree));
    }

    [Fact]
    public void Allows_AnAgency_ReadsAndWritesOnlyTheCampaignsItIsNamedOn_AndNoMoney()
    {
        var agency = Who(new RoleGrant(Role.Agency, null, ["c1", "c2"]));

        Assert.True(AccessPolicy.Allows(agency, Permission.ReadCampaign, new AccessTarget("brand", "c2"), Tree));
        Assert.True(AccessPolicy.Allows(agency, Permission.WriteCampaign, new AccessTarget("sales", "c1"), Tree));
        Assert.False(AccessPolicy.Allows(agency, Permission.ReadCampaign, new AccessTarget("brand", "c3"), Tree));
        Assert.False(AccessPolicy.Allows(agency, Permission.ReadCampaign, AccessTarget.Workspace, Tree));
        Assert.False(AccessPolicy.SeesMoney(agency, Tree));
        Assert.True(AccessPolicy.SeesMoney(Who(new RoleGrant(Role.Viewer)), Tree));
    }

    [Fact]
    public void Allows_ATokenScope_CutsTheAccountsRoles()
    {
        var admin = new RoleGrant(Role.Admin);
        var import = new Principal("bot", [admin], TokenScope: TokenScope.Import);
        var read = new Principal("bot", [admin], TokenScope: TokenScope.Read);
        var write = new Principal("bot", [admin], TokenScope: TokenScope.Write);
        var viewerWrite = new Principal("bot", [new RoleGrant(Role.Viewer)], TokenScope: TokenScope.Write);

        Assert.True(AccessPolicy.Allows(import, Permission.Import, AccessTarget.Workspace, Tree));
        Assert.False(AccessPolicy.Allows(import, Permission.ReadReports, AccessTarget.Workspace, Tree));
        Assert.True(AccessPolicy.Allows(read, Permission.ReadPeople, AccessTarget.Workspace, Tree));
        Assert.False(AccessPolicy.Allows(read, Permission.Import, AccessTarget.Workspace, Tree));
        Assert.True(AccessPolicy.Allows(write, Permission.WriteShared, AccessTarget.Workspace, Tree));
        // A token never does more than its account may.
        Assert.False(AccessPolicy.Allows(viewerWrite, Permission.WriteShared, AccessTarget.Workspace, Tree));
    }

    [Fact]
    public void Allows_NobodySignedIn_HoldsNothing()
    {
        Assert.All(Enum.GetValues<Permission>(), p => Assert.False(AccessPolicy.Allows(Principal.Anonymous, p, AccessTarget.Workspace, Tree)));
        Assert.True(Principal.Anonymous.IsAnonymous);
    }
}
