using Mercato.Core.Access;

namespace Mercato.Core.Tests.Access;

/// <summary>Account ids, e-mail addresses, grants in an organization, the last administrator, lockout and session stamps.</summary>
public class AccountRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly UnitTree Tree = new(new Dictionary<string, string?> { ["co"] = null, ["marketing"] = "co", ["brand"] = "marketing" });

    private static readonly HashSet<string> Campaigns = new(["bp-launch", "spring"], StringComparer.Ordinal);

    private static Account Acc(string id, params RoleGrant[] grants) => new(id, id, id + "@example.com", null, grants, "hash", null, 0, null, "stamp", T0);

    [Theory]
    [InlineData("ann", true)]
    [InlineData("a", true)]
    [InlineData("0day", true)]
    [InlineData("ann.lee_2-x", true)]
    [InlineData("Ann", false)]
    [InlineData(".ann", false)]
    [InlineData("-ann", false)]
    [InlineData("ann lee", false)]
    [InlineData("ann@x", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValidId_LowerCaseLetterOrDigit_ThenLettersDigitsDotUnderscoreDash(string? id, bool valid) =>
        Assert.Equal(valid, AccountRules.IsValidId(id));

    [Fact]
    public void IsValidId_AtMost64Characters()
    {
        Assert.True(AccountRules.IsValidId(new string('a', 64)));
        Assert.False(AccountRules.IsValidId(new string('a', 65)));
    }

    [Theory]
    [InlineData("ann@example.com", true)]
    [InlineData("ann.lee+x@mail.example.cn", true)]
    [InlineData("ann@example", false)]
    [InlineData("ann@@example.com", false)]
    [InlineData("ann@ex@ample.com", false)]
    [InlineData("@example.com", false)]
    [InlineData("ann lee@example.com", false)]
    [InlineData("ann@example.", false)]
    [InlineData("ann@.com", false)]
    [InlineData("", false)]
    public void IsValidEmail_OneAt_ADotAfterIt_NoSpaces(string email, bool valid) => Assert.Equal(valid, AccountRules.IsValidEmail(email));

    [Fact]
    public void CheckFields_NamesEachBrokenField()
    {
        Assert.Empty(AccountRules.CheckFields("ann", "Ann Lee", "ann@example.com"));
        Assert.Equal(
            [
                Problem.Of("id", AccessCodes.AccountIdInvalid, ("value", "Ann"), ("max", 64)),
                new Problem("name", CommonCodes.Required),
                Problem.Of("email", AccessCodes.EmailInvalid, ("value", "ann")),
            ],
            AccountRules.CheckFields("Ann", " ", "ann"));
    }

    [Fact]
    public void CheckGrants_AUnitMustExist_AnAgencyNamesExistingCampaigns_OthersNone()
    {
        var grants = new[]
        {
            new RoleGrant(Role.Admin),
            new RoleGrant(Role.UnitLead, "brand"),
            new RoleGrant(Role.UnitLead, "nowhere"),
            new RoleGrant(Role.Agency, null, ["bp-launch", "autumn"]),
            new RoleGrant(Role.Agency),
            new RoleGrant(Role.Viewer, null, ["spring"]),
            new RoleGrant(Role.UnitLead, "brand"),
        };

        Assert.Equal(
            [
                Problem.Of("grants[2].unit", AccessCodes.UnitUnknown, ("unit", "nowhere")),
                Problem.Of("grants[3].campaigns[1]", AccessCodes.CampaignUnknown, ("campaign", "autumn")),
                new Problem("grants[4].campaigns", AccessCodes.AgencyNeedsCampaign),
                Problem.Of("grants[5].campaigns", AccessCodes.CampaignsOnlyForAgency, ("role", "viewer")),
                Problem.Of("grants[6]", CommonCodes.Duplicate, ("value", "unit_lead@brand")),
            ],
            AccountRules.CheckGrants(grants, Tree, Campaigns));
    }

    [Fact]
    public void CheckGrants_AdminIsGrantedForTheWholeWorkspaceOnly()
    {
        Assert.Empty(AccountRules.CheckGrants([new RoleGrant(Role.Admin), new RoleGrant(Role.Executive, "brand")], Tree, Campaigns));
        Assert.Equal(
            [Problem.Of("grants[0].unit", AccessCodes.AdminForWholeWorkspace, ("unit", "brand"))],
            AccountRules.CheckGrants([new RoleGrant(Role.Admin, "brand")], Tree, Campaigns));
    }

    [Fact]
    public void CheckGrants_WithNoOrganization_OnlyWholeOrganizationGrantsPass()
    {
        Assert.Empty(AccountRules.CheckGrants([new RoleGrant(Role.Executive)], UnitTree.Empty, Campaigns));
        Assert.Equal(
            [Problem.Of("grants[0].unit", AccessCodes.UnitUnknown, ("unit", "brand"))],
            AccountRules.CheckGrants([new RoleGrant(Role.UnitLead, "brand")], UnitTree.Empty, Campaigns));
    }

    [Fact]
    public void LastAdminRefusal_TheOnlyWholeOrganizationAdmin_CannotBeRemovedOrLoseTheGrant()
    {
        var ann = Acc("ann", new RoleGrant(Role.Admin));
        var bo = Acc("bo", new RoleGrant(Role.Admin, "brand"), new RoleGrant(Role.Executive));
        var expected = Message.Of(AccessCodes.LastAdmin, ("account", "ann"));

        Assert.Equal(expected, AccountRules.LastAdminRefusal([ann, bo], "ann", []));
        Assert.Equal(expected, AccountRules.LastAdminRefusal([ann, bo], "ann", [new RoleGrant(Role.Admin, "brand")]));
        // Keeping the grant, another grant changing, another account going: all fine.
        Assert.Null(AccountRules.LastAdminRefusal([ann, bo], "ann", [new RoleGrant(Role.Admin), new RoleGrant(Role.Viewer)]));
        Assert.Null(AccountRules.LastAdminRefusal([ann, bo], "bo", []));
        Assert.Null(AccountRules.LastAdminRefusal([ann, bo], "zoe", []));
    }

    [Fact]
    public void LastAdminRefusal_WithASecondAdmin_EitherMayGo()
    {
        var ann = Acc("ann", new RoleGrant(Role.Admin));
        var cy = Acc("cy", new RoleGrant(Role.Admin));

        Assert.Null(AccountRules.LastAdminRefusal([ann, cy], "ann", []));
        Assert.Null(AccountRules.LastAdminRefusal([ann, cy], "cy", [new RoleGrant(Role.Viewer)]));
    }

    [Fact]
    public void SignInFailed_TheFifthConsecutiveFailure_LocksFor15Minutes()
    {
        var a = Acc("ann");
        for (var i = 1; i <= 4; i++)
        {
            a = AccountRules.SignInFailed(a, T0.AddSeconds(i));
            Assert.Equal((i, (DateTimeOffset?)null), (a.FailedSignIns, a.LockedUntil));
            Assert.False(AccountRules.IsLocked(a, T0.AddSeconds(i)));
        }

        a = AccountRules.SignInFailed(a, T0.AddMinutes(1));

        Assert.Equal((5, (DateTimeOffset?)T0.AddMinutes(16)), (a.FailedSignIns, a.LockedUntil));
        Assert.True(AccountRules.IsLocked(a, T0.AddMinutes(1)));
        Assert.True(AccountRules.IsLocked(a, T0.AddMinutes(16).AddTicks(-1)));
        Assert.False(AccountRules.IsLocked(a, T0.AddMinutes(16)));
    }

    [Fact]
    public void SignInFailed_WhileLocked_ExtendsNothing_AfterTheLock_CountsFromOne()
    {
        var locked = Acc("ann") with { FailedSignIns = 5, LockedUntil = T0.AddMinutes(15) };

        Assert.Same(locked, AccountRules.SignInFailed(locked, T0.AddMinutes(14)));
        var after = AccountRules.SignInFailed(locked, T0.AddMinutes(20));
        Assert.Equal((1, (DateTimeOffset?)null), (after.FailedSignIns, after.LockedUntil));
    }

    [Fact]
    public void SignInSucceeded_ClearsFailuresAndLock()
    {
        var failing = Acc("ann") with { FailedSignIns = 3 };
        var locked = Acc("ann") with { FailedSignIns = 5, LockedUntil = T0.AddMinutes(15) };

        Assert.Equal((0, (DateTimeOffset?)null), (AccountRules.SignInSucceeded(failing).FailedSignIns, AccountRules.SignInSucceeded(failing).LockedUntil));
        Assert.Equal(Acc("ann"), AccountRules.SignInSucceeded(locked));
    }

    [Fact]
    public void WithPassword_AndSignOutEverywhere_TakeTheNewStampGiven()
    {
        var locked = Acc("ann") with { FailedSignIns = 5, LockedUntil = T0.AddMinutes(15) };

        Assert.Equal(Acc("ann") with { PasswordHash = "new", SessionStamp = "s2" }, AccountRules.WithPassword(locked, "new", "s2"));
        Assert.Equal(locked with { SessionStamp = "s3" }, AccountRules.SignedOutEverywhere(locked, "s3"));
        Assert.Throws<ArgumentException>(() => AccountRules.SignedOutEverywhere(locked, ""));
    }

    [Fact]
    public void Account_TotpIsOn_OnlyOnceAFirstCodeConfirmedTheSecret()
    {
        Assert.False(Acc("ann").TotpEnabled);
        Assert.False((Acc("ann") with { TotpSecret = "JBSWY3DPEHPK3PXP" }).TotpEnabled);
        Assert.True((Acc("ann") with { TotpSecret = "JBSWY3DPEHPK3PXP", TotpLastStep = 1 }).TotpEnabled);
        Assert.NotEqual(Acc("ann") with { TotpLastStep = 1 }, Acc("ann") with { TotpLastStep = 2 });
    }
}
