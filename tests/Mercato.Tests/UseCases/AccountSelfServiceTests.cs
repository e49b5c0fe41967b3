using Mercato.Features.Access;

namespace Mercato.Tests.UseCases;

/// <summary>
/// What a signed-in person does to their own account (the account page's use cases), and an administrator's enrolment of
/// someone's second factor (the command line's): who may, what proves it, and that a refusal changes nothing.
/// </summary>
public abstract class AccountSelfServiceTests
{
    protected abstract TestStoreKind Kind { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Password = "vivid-otter-staple-93";
    private const string NextPassword = "amber-kettle-orbit-57";

    private static async Task<Account> AddAsync(TestWorkspace w, string id, RoleGrant grant) =>
        Expect.Ok(await w.Get<AccountUseCases>().AddAsync(id, id.ToUpperInvariant(), id + "@example.com", null, [grant], Password, Ct)).Account;

    private static async Task<Account> StoredAsync(TestWorkspace w, string id) => (await w.Get<IDocumentStore>().GetAsync(Account.Documents, id, Ct))!.Value;

    [Fact]
    public async Task Mine_IsTheSignedInAccount_NobodySignedInIsAskedToSignIn_AnAdministratorWithoutAnAccountIsNotFound()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        var bo = await AddAsync(w, "bo", new RoleGrant(Role.Viewer));
        var accounts = w.Get<AccountUseCases>();

        var asCli = await accounts.MineAsync(Ct);
        w.ActAs(Principal.Anonymous);
        var anonymous = await accounts.MineAsync(Ct);
        w.ActAs(bo.Principal(TokenScope.Read));
        var token = await accounts.MineAsync(Ct);
        w.ActAs(bo.Principal());
        var mine = Expect.Ok(await accounts.MineAsync(Ct));

        Expect.NotFound(asCli, AccessCodes.AccountNotFound, Expect.Args(("account", "tester")));
        Expect.Refused(anonymous, AccessCodes.SignInRequired, MessageArgs.Empty);
        Expect.Refused(token, AccessCodes.SignInRequired, MessageArgs.Empty);
        Assert.Equal(("bo", "BO", "bo@example.com", false), (mine.Id, mine.Name, mine.Email, mine.TotpEnabled));
        Assert.Equal([new RoleGrant(Role.Viewer)], mine.Grants);
    }

    [Fact]
    public async Task ChangeOwnPasswordForSession_ReturnsTheAccountWithItsNewStamp_AWrongOrWeakOneChangesNothing()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        var bo = await AddAsync(w, "bo", new RoleGrant(Role.Viewer));
        var accounts = w.Get<AccountUseCases>();
        w.ActAs(bo.Principal());

        Expect.Refused(await accounts.ChangeOwnPasswordForSessionAsync("not-my-password", NextPassword, Ct), AccessCodes.PasswordWrong, MessageArgs.Empty);
        var weak = await accounts.ChangeOwnPasswordForSessionAsync(Password, "short", Ct);
        Assert.Equal(OutcomeKind.Invalid, weak.Kind);
        Assert.Equal(AccessCodes.PasswordTooShort, weak.Problems[0].Code);
        Assert.Equal(bo, await StoredAsync(w, "bo"));

        var changed = Expect.Ok(await accounts.ChangeOwnPasswordForSessionAsync(Password, NextPassword, Ct));

        Assert.Equal(await StoredAsync(w, "bo"), changed);
        Assert.NotEqual(bo.SessionStamp, changed.SessionStamp);
        Assert.Null(await accounts.PrincipalAsync("bo", bo.SessionStamp, Ct));
        Assert.Equal(bo.Principal(), await accounts.PrincipalAsync("bo", changed.SessionStamp, Ct));
        Expect.Ok(await accounts.SignInAsync("bo", NextPassword, null, Ct));
    }

    [Fact]
    public async Task DisableOwnTotp_NeedsTheCurrentPasswordOrACode_AWrongOneChangesNothing()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        var bo = await AddAsync(w, "bo", new RoleGrant(Role.Viewer));
        var accounts = w.Get<AccountUseCases>();
        w.ActAs(bo.Principal());
        Expect.Refused(await accounts.DisableOwnTotpAsync(Password, null, Ct), AccessCodes.TotpNotEnrolled, Expect.Args(("account", "bo")));
        var secret = Expect.Ok(await accounts.EnrollTotpAsync(Ct)).Secret;
        Expect.Ok(await accounts.ConfirmTotpAsync(Totp.Compute(secret, w.Clock.GetUtcNow()), Ct));
        var on = await StoredAsync(w, "bo");

        Expect.Refused(await accounts.DisableOwnTotpAsync(null, " ", Ct), AccessCodes.TotpProofRequired, MessageArgs.Empty);
        Expect.Refused(await accounts.DisableOwnTotpAsync("not-my-password", null, Ct), AccessCodes.PasswordWrong, MessageArgs.Empty);
        Expect.Refused(await accounts.DisableOwnTotpAsync(null, "12345", Ct), AccessCodes.TotpInvalid, MessageArgs.Empty);
        // The code that confirmed it was used already in this step.
        Expect.Refused(await accounts.DisableOwnTotpAsync(null, Totp.Compute(secret, w.Clock.GetUtcNow()), Ct), AccessCodes.TotpInvalid, MessageArgs.Empty);
        Assert.Equal(on, await StoredAsync(w, "bo"));
        w.Clock.Advance(TimeSpan.FromSeconds(30));
        Expect.Ok(await accounts.DisableOwnTotpAsync(null, Totp.Compute(secret, w.Clock.GetUtcNow()), Ct));
        Assert.Null((await StoredAsync(w, "bo")).TotpSecret);

        Expect.Ok(await accounts.EnrollTotpAsync(Ct));
        Expect.Ok(await accounts.DisableOwnTotpAsync(Password, null, Ct));
        Assert.Null((await StoredAsync(w, "bo")).TotpSecret);
    }

    [Fact]
    public async Task EnrollAndConfirmTotpFor_AnotherAccount_NeedManageAccounts_ThenItsSignInAsksForACode()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind);
        var bo = await AddAsync(w, "bo", new RoleGrant(Role.Viewer));
        await AddAsync(w, "root", new RoleGrant(Role.Admin));
        var accounts = w.Get<AccountUseCases>();
        w.ActAs(bo.Principal());
        await Assert.ThrowsAsync<AccessDeniedException>(() => accounts.EnrollTotpForAsync("root", Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => accounts.ConfirmTotpForAsync("root", "123456", Ct));
        w.ActAs(Principal.Administrator("tester"));
        Expect.Refused(await accounts.ConfirmTotpForAsync("root", "123456", Ct), AccessCodes.TotpNotEnrolled, Expect.Args(("account", "root")));
        Expect.NotFound(await accounts.EnrollTotpForAsync("zoe", Ct), AccessCodes.AccountNotFound, Expect.Args(("account", "zoe")));

        var enrolment = Expect.Ok(await accounts.EnrollTotpForAsync("root", Ct));
        Expect.Refused(await accounts.ConfirmTotpForAsync("root", "12345", Ct), AccessCodes.TotpInvalid, MessageArgs.Empty);
        Assert.False((await StoredAsync(w, "root")).TotpEnabled);
        Expect.Ok(await accounts.ConfirmTotpForAsync("root", Totp.Compute(enrolment.Secret, w.Clock.GetUtcNow()), Ct));

        Assert.Equal(Totp.EnrolmentUri(enrolment.Secret, "root"), enrolment.Uri);
        Assert.True((await StoredAsync(w, "root")).TotpEnabled);
        Expect.Refused(await accounts.EnrollTotpForAsync("root", Ct), AccessCodes.TotpAlreadyEnabled, Expect.Args(("account", "root")));
        Expect.Refused(await accounts.SignInAsync("root", Password, null, Ct), AccessCodes.SignInTotpRequired, MessageArgs.Empty);
        w.Clock.Advance(TimeSpan.FromSeconds(30));
        Expect.Ok(await accounts.SignInAsync("root", Password, Totp.Compute(enrolment.Secret, w.Clock.GetUtcNow()), Ct));
    }
}

public sealed class AccountSelfServiceTestsOnSqlite : AccountSelfServiceTests
{
    protected override TestStoreKind Kind => TestStoreKind.Sqlite;
}

public sealed class AccountSelfServiceTestsOnPostgres : AccountSelfServiceTests
{
    protected override TestStoreKind Kind => TestStoreKind.Postgres;
}
