using Mercato.Core.Organization;
using Mercato.Features.Access;
using Mercato.Features.Campaigns;
using Mercato.Features.People;
using static Mercato.Tests.UseCases.Samples;

namespace Mercato.Tests.UseCases;

/// <summary>Accounts and API tokens through their use cases: sign-in, lockout, the last administrator, grants, tokens.</summary>
public abstract class AccountUseCaseTests
{
    protected abstract TestStoreKind Kind { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Password = "vivid-otter-staple-93";

    private static readonly OrgStructure Org = new("Co", [new("co", "Co", UnitKind.Company), new("brand", "Brand", UnitKind.Department, "co")]);

    private static async Task<Account> AddAsync(TestWorkspace w, string id, RoleGrant grant, string? password = Password, string? person = null) =>
        Expect.Ok(await w.Get<AccountUseCases>().AddAsync(id, id.ToUpperInvariant(), id + "@example.com", person, [grant], password, Ct)).Account;

    private static async Task SeedOrganizationAsync(TestWorkspace w)
    {
        await w.Get<IDocumentStore>().CommitAsync([DocumentChange.Put(OrganizationDocuments.Structure, Org)], new NamedUser("tester"), Ct);
        Expect.Ok(await w.Get<CampaignUseCases>().SaveAsync(Launch, mustBeNew: true, expectedVersion: null, Ct));
        Expect.Ok(await w.Get<PeopleUseCases>().SavePersonAsync(Ann, mustBeNew: true, expectedVersion: null, Ct));
    }

    [Fact]
    public async Task Add_WithAGeneratedPassword_ThatPasswordSignsIn_AndIsStoredOnlyHashed()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        var accounts = w.Get<AccountUseCases>();
        Assert.False(await accounts.AnyAccountAsync(Ct));

        var (account, generated) = Expect.Ok(await accounts.AddAsync("ann", "Ann Lee", "ann@example.com", null, [new RoleGrant(Role.Admin)], null, Ct));

        Assert.Equal(AccountUseCases.GeneratedLength, generated!.Length);
        Assert.True(await accounts.AnyAccountAsync(Ct));
        var stored = (await w.Get<IDocumentStore>().GetAsync(Account.Documents.Collection, "ann", Ct))!.Json;
        Assert.DoesNotContain(generated, stored, StringComparison.Ordinal);
        Assert.StartsWith("AQAAAA", account.PasswordHash, StringComparison.Ordinal);
        var signedIn = Expect.Ok(await accounts.SignInAsync("Ann", generated, null, Ct));
        Assert.Equal(new Principal("ann", [new RoleGrant(Role.Admin)]), signedIn.Principal());
        Assert.Equal(signedIn.Principal(), await accounts.PrincipalAsync("ann", signedIn.SessionStamp, Ct));
    }

    [Fact]
    public async Task SignIn_UnknownAccountAndWrongPassword_AreTheSameRefusal()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        await AddAsync(w, "ann", new RoleGrant(Role.Admin));
        var accounts = w.Get<AccountUseCases>();

        Expect.Refused(await accounts.SignInAsync("zoe", Password, null, Ct), AccessCodes.SignInFailed, MessageArgs.Empty);
        Expect.Refused(await accounts.SignInAsync("ann", Password + "x", null, Ct), AccessCodes.SignInFailed, MessageArgs.Empty);
        Assert.Equal(1, Expect.Ok(await accounts.GetAsync("ann", Ct)).FailedSignIns);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LockFor15Minutes_EvenTheRightOne_ThenItWorks()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        await AddAsync(w, "ann", new RoleGrant(Role.Admin));
        var accounts = w.Get<AccountUseCases>();
        for (var i = 0; i < 5; i++)
        {
            Expect.Refused(await accounts.SignInAsync("ann", "wrong-password-" + i, null, Ct), AccessCodes.SignInFailed, MessageArgs.Empty);
        }

        var until = TestWorkspace.Start.AddMinutes(15);
        Expect.Refused(await accounts.SignInAsync("ann", Password, null, Ct), AccessCodes.SignInLocked, Expect.Args(("until", until)));
        Assert.Equal(until, Expect.Ok(await accounts.GetAsync("ann", Ct)).LockedUntil);

        w.Clock.Advance(TimeSpan.FromMinutes(15));
        Expect.Ok(await accounts.SignInAsync("ann", Password, null, Ct));
        Assert.Equal((0, (DateTimeOffset?)null), (Expect.Ok(await accounts.GetAsync("ann", Ct)) is var v ? (v.FailedSignIns, v.LockedUntil) : default));
    }

    [Fact]
    public async Task Unlock_LiftsALockout()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        await AddAsync(w, "ann", new RoleGrant(Role.Admin));
        var accounts = w.Get<AccountUseCases>();
        for (var i = 0; i < 5; i++)
        {
            await accounts.SignInAsync("ann", "wrong-password-" + i, null, Ct);
        }

        Expect.Ok(await accounts.UnlockAsync("ann", Ct));

        Expect.Ok(await accounts.SignInAsync("ann", Password, null, Ct));
    }

    [Fact]
    public async Task Remove_TheLastAdministrator_IsRefused_AndSoIsRevokingTheirAdminGrant()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        await AddAsync(w, "ann", new RoleGrant(Role.Admin));
        await AddAsync(w, "bo", new RoleGrant(Role.Viewer));
        var accounts = w.Get<AccountUseCases>();
        var last = Expect.Args(("account", "ann"));

        Expect.Refused(await accounts.RemoveAsync("ann", Ct), AccessCodes.LastAdmin, last);
        Expect.Refused(await accounts.RevokeAsync("ann", new RoleGrant(Role.Admin), Ct), AccessCodes.LastAdmin, last);
        Assert.Equal(["ann", "bo"], (await accounts.ListAsync(Ct)).Select(a => a.Id));

        Expect.Ok(await accounts.GrantAsync("bo", new RoleGrant(Role.Admin), Ct));
        Expect.Ok(await accounts.RemoveAsync("ann", Ct));
        Assert.Equal(["bo"], (await accounts.ListAsync(Ct)).Select(a => a.Id));
    }

    [Fact]
    public async Task Add_AtAnUnknownUnitOrWithAnUnknownPerson_IsInvalid_AndSavesNothing()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        await SeedOrganizationAsync(w);
        var accounts = w.Get<AccountUseCases>();

        var added = await accounts.AddAsync("ann", "Ann", "ann@example.com", "zoe", [new RoleGrant(Role.UnitLead, "nowhere")], Password, Ct);

        Expect.Invalid(added,
            Problem.Of("grants[0].unit", AccessCodes.UnitUnknown, ("unit", "nowhere")),
            Problem.Of("person", AccessCodes.PersonUnknown, ("person", "zoe")));
        Assert.Empty(await accounts.ListAsync(Ct));
        Assert.False(await accounts.AnyAccountAsync(Ct));
    }

    [Fact]
    public async Task Grant_AtAUnitOfTheOrganization_AndAnAgencyOnAnExistingCampaign_Others_AreInvalid()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        await SeedOrganizationAsync(w);
        await AddAsync(w, "ann", new RoleGrant(Role.UnitLead, "brand"), person: "ann");
        var accounts = w.Get<AccountUseCases>();

        Expect.Ok(await accounts.GrantAsync("ann", new RoleGrant(Role.Agency, null, ["bp-launch"]), Ct));
        Expect.Invalid(await accounts.GrantAsync("ann", new RoleGrant(Role.Agency, null, ["autumn"]), Ct),
            Problem.Of("grant.campaigns[0]", AccessCodes.CampaignUnknown, ("campaign", "autumn")));
        Expect.Refused(await accounts.GrantAsync("ann", new RoleGrant(Role.UnitLead, "brand"), Ct), AccessCodes.GrantHeld,
            Expect.Args(("account", "ann"), ("role", "unit_lead"), ("unit", "brand")));
        Expect.NotFound(await accounts.RevokeAsync("ann", new RoleGrant(Role.Viewer), Ct), AccessCodes.GrantNotHeld,
            Expect.Args(("account", "ann"), ("role", "viewer"), ("unit", null)));

        Assert.Equal([new RoleGrant(Role.UnitLead, "brand"), new RoleGrant(Role.Agency, null, ["bp-launch"])], Expect.Ok(await accounts.GetAsync("ann", Ct)).Grants);
    }

    [Fact]
    public async Task List_ReportsAPersonWhoLeftTheDirectory_AndTheAccountStillSignsIn()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        await SeedOrganizationAsync(w);
        await AddAsync(w, "ann", new RoleGrant(Role.Admin), person: "ann");
        var accounts = w.Get<AccountUseCases>();
        Assert.False(Assert.Single(await accounts.ListAsync(Ct)).PersonMissing);

        Expect.Ok(await w.Get<PeopleUseCases>().RemovePersonAsync("ann", null, Ct));

        Assert.True(Assert.Single(await accounts.ListAsync(Ct)).PersonMissing);
        Assert.Equal("ann", Expect.Ok(await accounts.SignInAsync("ann", Password, null, Ct)).Principal().Person);
    }

    [Fact]
    public async Task AViewer_CannotAddOrListAccounts()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        w.ActAs(new Principal("ann", [new RoleGrant(Role.Viewer)]));
        var accounts = w.Get<AccountUseCases>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => accounts.AddAsync("bo", "Bo", "bo@example.com", null, [new RoleGrant(Role.Admin)], null, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => accounts.ListAsync(Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => accounts.SignOutEverywhereAsync("bo", Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => w.Get<TokenUseCases>().CreateAsync("ci", "bo", TokenScope.Import, null, Ct));
    }

    [Fact]
    public async Task Passwords_FollowThePolicy_AndAChangeEndsEverySession()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        var before = await AddAsync(w, "ann", new RoleGrant(Role.Admin));
        var accounts = w.Get<AccountUseCases>();

        Expect.Invalid(await accounts.AddAsync("bo", "Bo", "bo@example.com", null, [new RoleGrant(Role.Viewer)], "1qaz2wsx3edc", Ct),
            new Problem("password", AccessCodes.PasswordCommon));
        Expect.Invalid(await accounts.SetPasswordAsync("ann", "short", Ct), Problem.Of("password", AccessCodes.PasswordTooShort, ("min", 12)));
        w.ActAs(before.Principal());
        Expect.Refused(await accounts.ChangeOwnPasswordAsync("not-my-password", "brand-new-passphrase", Ct), AccessCodes.PasswordWrong, MessageArgs.Empty);
        Expect.Ok(await accounts.ChangeOwnPasswordAsync(Password, "brand-new-passphrase", Ct));

        Assert.Null(await accounts.PrincipalAsync("ann", before.SessionStamp, Ct));
        Expect.Refused(await accounts.SignInAsync("ann", Password, null, Ct), AccessCodes.SignInFailed, MessageArgs.Empty);
        var after = Expect.Ok(await accounts.SignInAsync("ann", "brand-new-passphrase", null, Ct));
        Expect.Ok(await accounts.SignOutEverywhereAsync("ann", Ct));
        Assert.Null(await accounts.PrincipalAsync("ann", after.SessionStamp, Ct));
    }

    [Fact]
    public async Task Totp_OnceConfirmed_SignInAsksForACode_AndACodeWorksOnce()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        var ann = await AddAsync(w, "ann", new RoleGrant(Role.Admin));
        var accounts = w.Get<AccountUseCases>();
        w.ActAs(ann.Principal());
        var enrolment = Expect.Ok(await accounts.EnrollTotpAsync(Ct));
        Assert.StartsWith("otpauth://totp/Mercato:ann?secret=" + enrolment.Secret, enrolment.Uri, StringComparison.Ordinal);
        // Not on until a code confirms it.
        Expect.Ok(await accounts.SignInAsync("ann", Password, null, Ct));
        var good = new[] { -30, 0, 30 }.Select(s => Totp.Compute(enrolment.Secret, w.Clock.Now.AddSeconds(s))).ToHashSet();
        var wrong = Enumerable.Range(0, 4).Select(i => i.ToString("000000", System.Globalization.CultureInfo.InvariantCulture)).First(c => !good.Contains(c));
        Expect.Refused(await accounts.ConfirmTotpAsync(wrong, Ct), AccessCodes.TotpInvalid, MessageArgs.Empty);
        Expect.Ok(await accounts.ConfirmTotpAsync(Totp.Compute(enrolment.Secret, w.Clock.Now), Ct));
        Expect.Refused(await accounts.EnrollTotpAsync(Ct), AccessCodes.TotpAlreadyEnabled, Expect.Args(("account", "ann")));

        Expect.Refused(await accounts.SignInAsync("ann", Password, null, Ct), AccessCodes.SignInTotpRequired, MessageArgs.Empty);
        // The code that confirmed it was used in this step already.
        Expect.Refused(await accounts.SignInAsync("ann", Password, Totp.Compute(enrolment.Secret, w.Clock.Now), Ct), AccessCodes.SignInFailed, MessageArgs.Empty);
        w.Clock.Advance(TimeSpan.FromSeconds(30));
        Expect.Ok(await accounts.SignInAsync("ann", Password, Totp.Compute(enrolment.Secret, w.Clock.Now), Ct));

        Expect.Ok(await accounts.DisableTotpAsync("ann", Ct));
        Expect.Ok(await accounts.SignInAsync("ann", Password, null, Ct));
    }

    [Fact]
    public async Task Token_Create_ThenAuthenticate_ActsAsTheAccountWithinItsScope()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        await AddAsync(w, "etl", new RoleGrant(Role.Analyst));
        var tokens = w.Get<TokenUseCases>();

        var created = Expect.Ok(await tokens.CreateAsync("nightly import", "etl", TokenScope.Import, null, Ct));

        Assert.Equal(TokenFormat.Hash(created.Raw), created.Token.Hash);
        var stored = (await w.Get<IDocumentStore>().GetAsync(ApiToken.Documents.Collection, created.Token.Id, Ct))!.Json;
        Assert.DoesNotContain(created.Raw, stored, StringComparison.Ordinal);
        Assert.Equal(new Principal("etl", [new RoleGrant(Role.Analyst)], null, TokenScope.Import), Expect.Ok(await tokens.AuthenticateAsync(created.Raw, Ct)));
        var listed = Assert.Single(await tokens.ListAsync(Ct));
        Assert.Equal(("nightly import", "etl", TokenScope.Import, "active", (DateTimeOffset?)TestWorkspace.Start), (listed.Name, listed.Account, listed.Scope, listed.State, listed.LastUsedAt));
    }

    [Fact]
    public async Task Token_LastUse_IsWrittenAtMostEveryFiveMinutes()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        await AddAsync(w, "etl", new RoleGrant(Role.Analyst));
        var tokens = w.Get<TokenUseCases>();
        var created = Expect.Ok(await tokens.CreateAsync("ci", "etl", TokenScope.Read, null, Ct));
        async Task<long> VersionAsync() => (await w.Get<IDocumentStore>().GetAsync(ApiToken.Documents.Collection, created.Token.Id, Ct))!.Version;

        Expect.Ok(await tokens.AuthenticateAsync(created.Raw, Ct));
        w.Clock.Advance(TimeSpan.FromMinutes(4));
        Expect.Ok(await tokens.AuthenticateAsync(created.Raw, Ct));
        Assert.Equal(2, await VersionAsync());
        w.Clock.Advance(TimeSpan.FromMinutes(1));
        Expect.Ok(await tokens.AuthenticateAsync(created.Raw, Ct));

        Assert.Equal(3, await VersionAsync());
        Assert.Equal(TestWorkspace.Start.AddMinutes(5), Assert.Single(await tokens.ListAsync(Ct)).LastUsedAt);
    }

    [Fact]
    public async Task Token_RevokedExpiredMalformedOrUnknown_IsRefused()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        await AddAsync(w, "etl", new RoleGrant(Role.Analyst));
        await AddAsync(w, "ann", new RoleGrant(Role.Admin));
        var tokens = w.Get<TokenUseCases>();
        var revoked = Expect.Ok(await tokens.CreateAsync("old", "etl", TokenScope.Write, null, Ct));
        var expiring = Expect.Ok(await tokens.CreateAsync("trial", "etl", TokenScope.Read, 7, Ct));
        var orphan = Expect.Ok(await tokens.CreateAsync("gone", "etl", TokenScope.Read, null, Ct));

        Assert.Equal("revoked", Expect.Ok(await tokens.RevokeAsync(revoked.Token.Id, Ct)).State);
        Expect.Refused(await tokens.AuthenticateAsync(revoked.Raw, Ct), AccessCodes.TokenRevoked,
            Expect.Args(("token", revoked.Token.Id), ("at", TestWorkspace.Start)));
        Expect.Ok(await tokens.AuthenticateAsync(expiring.Raw, Ct));
        w.Clock.Advance(TimeSpan.FromDays(7));
        Expect.Refused(await tokens.AuthenticateAsync(expiring.Raw, Ct), AccessCodes.TokenExpired,
            Expect.Args(("token", expiring.Token.Id), ("at", TestWorkspace.Start.AddDays(7))));
        Expect.Refused(await tokens.AuthenticateAsync("Bearer " + orphan.Raw, Ct), AccessCodes.TokenMalformed, Expect.Args(("reason", "prefix")));
        Expect.Refused(await tokens.AuthenticateAsync(orphan.Raw[..^1], Ct), AccessCodes.TokenMalformed, Expect.Args(("reason", "length")));
        var wrongSecret = orphan.Raw[..^1] + (orphan.Raw[^1] == 'A' ? 'B' : 'A');
        Expect.Refused(await tokens.AuthenticateAsync(wrongSecret, Ct), AccessCodes.TokenUnknown, MessageArgs.Empty);
        Expect.Refused(await tokens.AuthenticateAsync(TokenFormat.Create(new byte[5], new byte[32]).Raw, Ct), AccessCodes.TokenUnknown, MessageArgs.Empty);

        // Removing the account removes its tokens.
        Expect.Ok(await w.Get<AccountUseCases>().RemoveAsync("etl", Ct));
        Expect.Refused(await tokens.AuthenticateAsync(orphan.Raw, Ct), AccessCodes.TokenUnknown, MessageArgs.Empty);
        Assert.Empty(await tokens.ListAsync(Ct));
    }

    [Fact]
    public async Task Token_AnAccountManagesItsOwnTokens_AndNooneElses()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        var bo = await AddAsync(w, "bo", new RoleGrant(Role.Analyst));
        await AddAsync(w, "cy", new RoleGrant(Role.Analyst));
        var tokens = w.Get<TokenUseCases>();
        var cys = Expect.Ok(await tokens.CreateAsync("cy's", "cy", TokenScope.Read, null, Ct));
        w.ActAs(bo.Principal());

        var own = Expect.Ok(await tokens.CreateAsync("bo's", "bo", TokenScope.Import, 30, Ct));

        Assert.Equal([own.Token.Id], (await tokens.ListAsync(Ct)).Select(t => t.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => tokens.RevokeAsync(cys.Token.Id, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => tokens.RevokeAsync("nosuchid", Ct));
        Expect.Ok(await tokens.RevokeAsync(own.Token.Id, Ct));
        // A token cannot mint tokens, even for its own account.
        w.ActAs(bo.Principal(TokenScope.Write));
        await Assert.ThrowsAsync<AccessDeniedException>(() => tokens.CreateAsync("more", "bo", TokenScope.Write, null, Ct));
    }
}

public sealed class AccountUseCaseTestsOnSqlite : AccountUseCaseTests
{
    protected override TestStoreKind Kind => TestStoreKind.Sqlite;
}

public sealed class AccountUseCaseTestsOnPostgres : AccountUseCaseTests
{
    protected override TestStoreKind Kind => TestStoreKind.Postgres;
}
