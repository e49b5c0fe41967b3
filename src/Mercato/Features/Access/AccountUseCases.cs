using System.Security.Cryptography;
using Mercato.Core.Access;
using Mercato.Features.Settings;
using Mercato.Core.Demo;
using Mercato.Core.Campaigns;
using Mercato.Core.Organization;
using Microsoft.AspNetCore.Identity;

namespace Mercato.Features.Access;

/// <summary>An account as people see it: everything but the password hash and the second factor's secret.</summary>
/// <param name="Id">The sign-in name.</param>
/// <param name="Name">The display name.</param>
/// <param name="Email">The e-mail address.</param>
/// <param name="Person">The person of the people directory, if any.</param>
/// <param name="PersonMissing">The person named is no longer in the people directory (the account still works).</param>
/// <param name="Grants">The roles held.</param>
/// <param name="TotpEnabled">Sign-in asks for a second-factor code.</param>
/// <param name="FailedSignIns">Failed sign-ins since the last success.</param>
/// <param name="LockedUntil">Sign-in refused until then; null when not locked now.</param>
/// <param name="CreatedAt">When the account was created.</param>
/// <param name="Version">The stored document's version.</param>
/// <param name="Language">The language the person chose (<c>en</c>, <c>zh-CN</c>); null: the browser's, else the workspace's.</param>
public sealed record AccountView(
    string Id, string Name, string Email, string? Person, bool PersonMissing, IReadOnlyList<RoleGrant> Grants, bool TotpEnabled,
    int FailedSignIns, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt, long Version, string? Language = null);

/// <summary>A second factor being enrolled: the secret and the <c>otpauth://</c> URI an authenticator app reads.</summary>
/// <param name="Secret">The base32 secret.</param>
/// <param name="Uri">The enrolment URI (a QR code of it, or typed in).</param>
public sealed record TotpEnrolment(string Secret, string Uri);

/// <summary>
/// Local accounts for every front door: add (with a generated password printed once when none is given), list, grant,
/// revoke, remove, set or change a password, unlock, sign out everywhere, the second factor; and for the web's sign-in,
/// where the caller is anonymous, <see cref="SignInAsync"/> and <see cref="PrincipalAsync"/>. Management needs
/// <see cref="Permission.ManageAccounts"/>; an account may change its own password, second factor and sessions. The rules
/// are <see cref="AccountRules"/> and <see cref="PasswordPolicy"/>; passwords are hashed by ASP.NET Core Identity's
/// <see cref="PasswordHasher{TUser}"/> (PBKDF2 with a per-password salt, versioned so old hashes are upgraded at sign-in).
/// </summary>
public sealed class AccountUseCases(IDocumentStore documents, AccessGuard guard, ICurrentUser user, OutcomeLog log, TimeProvider time)
{
    /// <summary>Characters of a generated password.</summary>
    public const int GeneratedLength = 20;

    private const string GeneratedAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private static readonly PasswordHasher<Account> Hasher = new();

    // Verified against when the account is unknown, so an unknown name costs the same time as a wrong password.
    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword(null!, "not a password of anyone's"));

    /// <summary>Whether any account exists (a server without one says how to create the first).</summary>
    public async Task<bool> AnyAccountAsync(CancellationToken cancellationToken) =>
        (await documents.ListAsync(Account.Documents.Collection, cancellationToken).ConfigureAwait(false)).Count > 0;

    /// <summary>
    /// Adds an account: its fields, grants, person and password are checked together (invalid, nothing saved, when any
    /// rule is broken); an id taken already is refused (<see cref="AccessCodes.AccountExists"/>). Without a password one of
    /// <see cref="GeneratedLength"/> random characters is made and returned once; it is never stored but hashed.
    /// </summary>
    public async Task<Outcome<(Account Account, string? GeneratedPassword)>> AddAsync(
        string id, string name, string email, string? person, IReadOnlyList<RoleGrant> grants, string? password, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ManageAccounts);
        return log.Noted(await AddCoreAsync(id, name, email, person, grants, password, cancellationToken).ConfigureAwait(false), "account add", id);
    }

    /// <summary>Every account, by id, with whether its person is still in the people directory.</summary>
    public async Task<IReadOnlyList<AccountView>> ListAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ManageAccounts);
        var people = await PeopleAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        return [.. (await documents.ListAsync(Account.Documents, cancellationToken).ConfigureAwait(false)).Select(d => View(d, people, now))];
    }

    /// <summary>One account; not found by <see cref="AccessCodes.AccountNotFound"/>.</summary>
    public async Task<Outcome<AccountView>> GetAsync(string id, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ManageAccounts);
        return await ViewAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Grants <paramref name="grant"/> to the account: the unit must exist, an agency names existing campaigns (invalid
    /// otherwise, at <c>grant</c>); a grant held already is refused (<see cref="AccessCodes.GrantHeld"/>).
    /// </summary>
    public async Task<Outcome<AccountView>> GrantAsync(string id, RoleGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        guard.Require(Permission.ManageAccounts);
        var (tree, campaigns) = await OrganizationAsync(cancellationToken).ConfigureAwait(false);
        var problems = AccountRules.CheckGrants([grant], tree, campaigns)
            .Select(p => p with { Path = "grant" + p.Path["grants[0]".Length..] }).ToList();
        if (problems.Count > 0)
        {
            return log.Noted(Outcome<AccountView>.Invalid(problems), "account grant", id);
        }

        var changed = await UpdateAsync(
            id,
            account => account.Grants.Contains(grant)
                ? Outcome<Account>.Refused(AccessCodes.GrantHeld, GrantArgs(id, grant))
                : Outcome<Account>.Ok(account with { Grants = [.. account.Grants, grant] }),
            user,
            cancellationToken).ConfigureAwait(false);
        return log.Noted(await ViewOfAsync(id, changed, cancellationToken).ConfigureAwait(false), "account grant", id);
    }

    /// <summary>
    /// Revokes the account's grants of <paramref name="grant"/>'s role at its unit (whatever campaigns an agency's names);
    /// none held is not found (<see cref="AccessCodes.GrantNotHeld"/>); the last administrator's admin grant is refused
    /// (<see cref="AccessCodes.LastAdmin"/>).
    /// </summary>
    public async Task<Outcome<AccountView>> RevokeAsync(string id, RoleGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        guard.Require(Permission.ManageAccounts);
        var accounts = await documents.ValuesAsync(Account.Documents, cancellationToken).ConfigureAwait(false);
        var changed = await UpdateAsync(
            id,
            account =>
            {
                var kept = account.Grants.Where(g => !(g.Role == grant.Role && string.Equals(g.Unit, grant.Unit, StringComparison.Ordinal))).ToList();
                if (kept.Count == account.Grants.Count)
                {
                    return Outcome<Account>.NotFound(AccessCodes.GrantNotHeld, GrantArgs(id, grant));
                }

                return AccountRules.LastAdminRefusal(accounts, id, kept) is { } refusal
                    ? Outcome<Account>.Refused(refusal.Code, refusal.Args)
                    : Outcome<Account>.Ok(account with { Grants = kept });
            },
            user,
            cancellationToken).ConfigureAwait(false);
        return log.Noted(await ViewOfAsync(id, changed, cancellationToken).ConfigureAwait(false), "account revoke", id);
    }

    /// <summary>
    /// Removes the account and its API tokens, in one commit; the last administrator is refused
    /// (<see cref="AccessCodes.LastAdmin"/>).
    /// </summary>
    public async Task<Outcome> RemoveAsync(string id, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ManageAccounts);
        return log.Noted(await RemoveCoreAsync(id, cancellationToken).ConfigureAwait(false), "account remove", id);
    }

    /// <summary>Sets the account's password (an administrator's reset): the policy applies; every session of the account ends.</summary>
    public async Task<Outcome> SetPasswordAsync(string id, string password, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ManageAccounts);
        return log.Noted(await SetPasswordCoreAsync(id, password, cancellationToken).ConfigureAwait(false), "account password", id);
    }

    /// <summary>
    /// The signed-in account changes its own password: the current one must be right (<see cref="AccessCodes.PasswordWrong"/>),
    /// the next one passes the policy; every session ends (the caller signs in again, or re-issues its cookie).
    /// </summary>
    public async Task<Outcome> ChangeOwnPasswordAsync(string current, string next, CancellationToken cancellationToken)
    {
        var id = RequireSelf();
        var stored = await documents.GetAsync(Account.Documents, id, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return log.Noted(Outcome.NotFound(AccessCodes.AccountNotFound, MessageArgs.Of(("account", id))), "account password", id);
        }

        if (Hasher.VerifyHashedPassword(stored.Value, stored.Value.PasswordHash, current ?? "") == PasswordVerificationResult.Failed)
        {
            return log.Noted(Outcome.Refused(AccessCodes.PasswordWrong), "account password", id);
        }

        return log.Noted(await SetPasswordCoreAsync(id, next, cancellationToken).ConfigureAwait(false), "account password", id);
    }

    /// <summary>Lifts a lockout and clears the failures.</summary>
    public async Task<Outcome> UnlockAsync(string id, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ManageAccounts);
        var changed = await UpdateAsync(id, a => Outcome<Account>.Ok(AccountRules.SignInSucceeded(a)), user, cancellationToken).ConfigureAwait(false);
        return log.Noted(changed, "account unlock", id);
    }

    /// <summary>Ends every session of the account (a new session stamp): the account itself, or an administrator.</summary>
    public async Task<Outcome> SignOutEverywhereAsync(string id, CancellationToken cancellationToken)
    {
        RequireSelfOrAdmin(id);
        var changed = await UpdateAsync(id, a => Outcome<Account>.Ok(AccountRules.SignedOutEverywhere(a, NewStamp())), user, cancellationToken).ConfigureAwait(false);
        return log.Noted(changed, "account signout", id);
    }

    /// <summary>
    /// Starts the signed-in account's second factor: a new secret and its <c>otpauth://</c> URI; sign-in asks for codes
    /// only once a first code confirms it (<see cref="ConfirmTotpAsync"/>). Refused while a confirmed one is on
    /// (<see cref="AccessCodes.TotpAlreadyEnabled"/>): a stolen session cannot swap it.
    /// </summary>
    public async Task<Outcome<TotpEnrolment>> EnrollTotpAsync(CancellationToken cancellationToken)
    {
        return await EnrollCoreAsync(RequireSelf(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Confirms the signed-in account's enrolment with a first code (<see cref="AccessCodes.TotpInvalid"/> when wrong).</summary>
    public async Task<Outcome> ConfirmTotpAsync(string code, CancellationToken cancellationToken)
    {
        return await ConfirmCoreAsync(RequireSelf(), code, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Turns the second factor off (a lost phone): the account itself, or an administrator.</summary>
    public async Task<Outcome> DisableTotpAsync(string id, CancellationToken cancellationToken)
    {
        RequireSelfOrAdmin(id);
        var changed = await UpdateAsync(id, a => Outcome<Account>.Ok(a with { TotpSecret = null, TotpLastStep = null }), user, cancellationToken).ConfigureAwait(false);
        return log.Noted(changed, "account totp disable", id);
    }

    /// <summary>
    /// The signed-in account as its account page shows it; no permission asked beyond being signed in. Nobody signed in
    /// (or a token) is <see cref="AccessCodes.SignInRequired"/>; a principal with no stored account (the administrator of
    /// a server without sign-in, the command line's user) is <see cref="AccessCodes.AccountNotFound"/>.
    /// </summary>
    public async Task<Outcome<AccountView>> MineAsync(CancellationToken cancellationToken)
    {
        var who = user.Principal;
        if (who.IsAnonymous || who.TokenScope is not null)
        {
            return Outcome<AccountView>.Refused(AccessCodes.SignInRequired);
        }

        return await ViewAsync(who.Name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <see cref="ChangeOwnPasswordAsync"/>, returning the account with its new session stamp so the web can sign this
    /// browser in again while every other session ends.
    /// </summary>
    public async Task<Outcome<Account>> ChangeOwnPasswordForSessionAsync(string current, string next, CancellationToken cancellationToken)
    {
        var id = RequireSelf();
        var stored = await documents.GetAsync(Account.Documents, id, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return log.Noted(Outcome<Account>.NotFound(AccessCodes.AccountNotFound, MessageArgs.Of(("account", id))), "account password", id);
        }

        if (Hasher.VerifyHashedPassword(stored.Value, stored.Value.PasswordHash, current ?? "") == PasswordVerificationResult.Failed)
        {
            return log.Noted(Outcome<Account>.Refused(AccessCodes.PasswordWrong), "account password", id);
        }

        var stamp = NewStamp();
        var changed = await UpdateAsync(
            id,
            a => PasswordPolicy.Check(next ?? "", a.Id, a.Email, CommonPasswords.Shipped) is { Count: > 0 } problems
                ? Outcome<Account>.Invalid(problems)
                : Outcome<Account>.Ok(AccountRules.WithPassword(a, Hasher.HashPassword(a, next!), stamp)),
            user,
            cancellationToken).ConfigureAwait(false);
        return log.Noted(changed, "account password", id);
    }

    /// <summary>
    /// The signed-in account turns its second factor off (or abandons an enrolment), proving it is the person with the
    /// current password or a current code: none given is <see cref="AccessCodes.TotpProofRequired"/>, a wrong password
    /// <see cref="AccessCodes.PasswordWrong"/>, a wrong code <see cref="AccessCodes.TotpInvalid"/>; nothing enrolled is
    /// <see cref="AccessCodes.TotpNotEnrolled"/>. A stolen session alone cannot remove it.
    /// </summary>
    public async Task<Outcome> DisableOwnTotpAsync(string? password, string? code, CancellationToken cancellationToken)
    {
        var id = RequireSelf();
        var now = time.GetUtcNow();
        var changed = await UpdateAsync(
            id,
            a =>
            {
                if (a.TotpSecret is null)
                {
                    return Outcome<Account>.Refused(AccessCodes.TotpNotEnrolled, MessageArgs.Of(("account", id)));
                }

                if (!string.IsNullOrEmpty(password))
                {
                    return Hasher.VerifyHashedPassword(a, a.PasswordHash, password) == PasswordVerificationResult.Failed
                        ? Outcome<Account>.Refused(AccessCodes.PasswordWrong)
                        : Outcome<Account>.Ok(a with { TotpSecret = null, TotpLastStep = null });
                }

                if (!string.IsNullOrWhiteSpace(code))
                {
                    return Totp.Verify(a.TotpSecret, code, now, a.TotpLastStep) is null
                        ? Outcome<Account>.Refused(AccessCodes.TotpInvalid)
                        : Outcome<Account>.Ok(a with { TotpSecret = null, TotpLastStep = null });
                }

                return Outcome<Account>.Refused(AccessCodes.TotpProofRequired);
            },
            user,
            cancellationToken).ConfigureAwait(false);
        return log.Noted(changed, "account totp disable", id);
    }

    /// <summary>
    /// An administrator starts the second factor of account <paramref name="id"/> (one who must have it before signing
    /// in): a new secret and its <c>otpauth://</c> URI, on once <see cref="ConfirmTotpForAsync"/> accepts a first code.
    /// Refused while a confirmed one is on (<see cref="AccessCodes.TotpAlreadyEnabled"/>: reset it first).
    /// </summary>
    public async Task<Outcome<TotpEnrolment>> EnrollTotpForAsync(string id, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ManageAccounts);
        return await EnrollCoreAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An administrator confirms the enrolment of account <paramref name="id"/> with a first code of its authenticator
    /// (<see cref="AccessCodes.TotpInvalid"/> when wrong, <see cref="AccessCodes.TotpNotEnrolled"/> when none was started).
    /// </summary>
    public async Task<Outcome> ConfirmTotpForAsync(string id, string code, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ManageAccounts);
        return await ConfirmCoreAsync(id, code, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Signs in (no permission asked: the caller is anonymous). An unknown account and a wrong password are the same
    /// refusal (<see cref="AccessCodes.SignInFailed"/>); a locked account is <see cref="AccessCodes.SignInLocked"/> with
    /// <c>until</c>; an account with a second factor and no code is <see cref="AccessCodes.SignInTotpRequired"/>, a wrong
    /// code <see cref="AccessCodes.SignInFailed"/>. A wrong password or code counts as a failure
    /// (<see cref="AccountRules.SignInFailed"/>) and a success clears them; both are written to the account.
    /// </summary>
    public async Task<Outcome<Account>> SignInAsync(string id, string password, string? totpCode, CancellationToken cancellationToken)
    {
        var name = (id ?? "").Trim().ToLowerInvariant();
        return log.Noted(await SignInCoreAsync(name, password ?? "", totpCode, cancellationToken).ConfigureAwait(false), "sign-in", name);
    }

    /// <summary>
    /// The account's principal while <paramref name="stamp"/> is its session stamp; null when the account is gone or its
    /// stamp changed (a password change, sign out everywhere). The web asks at every request.
    /// </summary>
    public async Task<Principal?> PrincipalAsync(string id, string stamp, CancellationToken cancellationToken) =>
        (await SessionAsync(id, stamp, cancellationToken).ConfigureAwait(false))?.Principal();

    /// <summary>The account of a session while <paramref name="stamp"/> is its session stamp (its principal and its language); null otherwise.</summary>
    public async Task<Account?> SessionAsync(string id, string stamp, CancellationToken cancellationToken)
    {
        var stored = await documents.GetAsync(Account.Documents, id, cancellationToken).ConfigureAwait(false);
        return stored is { Value: var account } && string.Equals(account.SessionStamp, stamp, StringComparison.Ordinal) ? account : null;
    }

    /// <summary>
    /// Sets the signed-in person's language (<see cref="Languages"/>), or clears it with null (the browser's, else the
    /// workspace's, again); invalid (<see cref="SettingsLanguageCodes.UnknownLanguage"/>) for a language Mercato does not speak.
    /// </summary>
    public async Task<Outcome<Account>> SetOwnLanguageAsync(string? language, CancellationToken cancellationToken)
    {
        var id = RequireSelf();
        return log.Noted(await SetLanguageCoreAsync(id, language, cancellationToken).ConfigureAwait(false), "account language", id);
    }

    /// <summary>
    /// An administrator sets account <paramref name="id"/>'s language (<see cref="Languages"/>), or clears it with null (the
    /// person's browser's, else the workspace's, again): invalid (<see cref="SettingsLanguageCodes.UnknownLanguage"/>) for a
    /// language Mercato does not speak, not found (<see cref="AccessCodes.AccountNotFound"/>) for an unknown account.
    /// </summary>
    public async Task<Outcome<AccountView>> SetLanguageAsync(string id, string? language, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ManageAccounts);
        var changed = await SetLanguageCoreAsync(id, language, cancellationToken).ConfigureAwait(false);
        return log.Noted(await ViewOfAsync(id, changed, cancellationToken).ConfigureAwait(false), "account language", id);
    }

    /// <summary>A fresh random session stamp.</summary>
    internal static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A fresh random password of <see cref="GeneratedLength"/> characters that passes the policy for the account.</summary>
    internal static string GeneratePassword(string id, string email)
    {
        while (true)
        {
            var password = RandomNumberGenerator.GetString(GeneratedAlphabet, GeneratedLength);
            if (PasswordPolicy.Check(password, id, email, CommonPasswords.Shipped).Count == 0)
            {
                return password;
            }
        }
    }

    /// <summary>
    /// Creates the demo company's accounts (<see cref="DemoAccounts"/>), one per role, with the demo's public password, as
    /// the demo loads: an id held by an account of the workspace's own is left alone, and a demo account there already is
    /// replaced. Called by the demo's loading, which is an administrator's act.
    /// </summary>
    public async Task<int> LoadDemoAsync(IReadOnlyList<DemoAccount> accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        guard.Require(Permission.ManageStore);
        var stored = (await documents.ListAsync(Account.Documents, cancellationToken).ConfigureAwait(false)).ToDictionary(a => a.Value.Id, StringComparer.Ordinal);
        var changes = new List<DocumentChange>();
        foreach (var d in accounts.Where(d => !stored.TryGetValue(d.Id, out var own) || DemoAccounts.IsDemo(own.Value.Email)))
        {
            var account = new Account(d.Id, d.Name, d.Email, d.Person, d.Grants, "", null, 0, null, NewStamp(), time.GetUtcNow());
            changes.Add(DocumentChange.Put(Account.Documents, account with { PasswordHash = Hasher.HashPassword(account, DemoAccounts.Password) }));
        }

        await documents.CommitAsync(changes, user, cancellationToken).ConfigureAwait(false);
        return changes.Count;
    }

    /// <summary>
    /// Removes the demo's accounts and their tokens as the demo leaves. The last-administrator rule does not hold them: a
    /// workspace left without accounts says on its sign-in page how to create the first, and the command line always works.
    /// </summary>
    public async Task<int> RemoveDemoAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ManageStore);
        var demo = (await documents.ListAsync(Account.Documents, cancellationToken).ConfigureAwait(false))
            .Where(a => DemoAccounts.IsDemo(a.Value.Email)).Select(a => a.Value.Id).ToHashSet(StringComparer.Ordinal);
        var tokens = (await documents.ListAsync(ApiToken.Documents, cancellationToken).ConfigureAwait(false)).Where(t => demo.Contains(t.Value.Account));
        await documents.CommitAsync(
            [.. demo.Select(id => DocumentChange.Delete(Account.Documents, id)), .. tokens.Select(t => DocumentChange.Delete(ApiToken.Documents, t.Value.Id))],
            user, cancellationToken).ConfigureAwait(false);
        return demo.Count;
    }

    private async Task<Outcome<(Account Account, string? GeneratedPassword)>> AddCoreAsync(
        string id, string name, string email, string? person, IReadOnlyList<RoleGrant> grants, string? password, CancellationToken cancellationToken)
    {
        grants ??= [];
        var (tree, campaigns) = await OrganizationAsync(cancellationToken).ConfigureAwait(false);
        var problems = AccountRules.CheckFields(id, name, email).Concat(AccountRules.CheckGrants(grants, tree, campaigns)).ToList();
        if (person is not null && !(await PeopleAsync(cancellationToken).ConfigureAwait(false)).Contains(person))
        {
            problems.Add(Problem.Of("person", AccessCodes.PersonUnknown, ("person", person)));
        }

        if (password is not null)
        {
            problems.AddRange(PasswordPolicy.Check(password, id, email, CommonPasswords.Shipped));
        }

        if (problems.Count > 0)
        {
            return Outcome<(Account, string?)>.Invalid(problems);
        }

        if (await documents.GetAsync(Account.Documents, id, cancellationToken).ConfigureAwait(false) is not null)
        {
            return Outcome<(Account, string?)>.Refused(AccessCodes.AccountExists, MessageArgs.Of(("account", id)));
        }

        var generated = password is null ? GeneratePassword(id, email) : null;
        var account = new Account(id, name, email, person, grants, "", null, 0, null, NewStamp(), time.GetUtcNow());
        account = account with { PasswordHash = Hasher.HashPassword(account, password ?? generated!) };
        var commit = await documents.CommitAsync([DocumentChange.Put(Account.Documents, account, expectedVersion: 0)], user, cancellationToken).ConfigureAwait(false);
        return commit.Committed
            ? Outcome<(Account, string?)>.Ok((account, generated))
            : Outcome<(Account, string?)>.Refused(AccessCodes.AccountExists, MessageArgs.Of(("account", id)));
    }

    private async Task<Outcome> RemoveCoreAsync(string id, CancellationToken cancellationToken)
    {
        var accounts = await documents.ListAsync(Account.Documents, cancellationToken).ConfigureAwait(false);
        if (accounts.FirstOrDefault(a => a.Value.Id == id) is not { } stored)
        {
            return Outcome.NotFound(AccessCodes.AccountNotFound, MessageArgs.Of(("account", id)));
        }

        if (AccountRules.LastAdminRefusal(accounts.Select(a => a.Value), id, []) is { } refusal)
        {
            return Outcome.Refused(refusal.Code, refusal.Args);
        }

        var tokens = (await documents.ValuesAsync(ApiToken.Documents, cancellationToken).ConfigureAwait(false)).Where(t => t.Account == id);
        List<DocumentChange> changes = [DocumentChange.Delete<Account>(Account.Documents, id, stored.Version), .. tokens.Select(t => DocumentChange.Delete(ApiToken.Documents, t.Id))];
        var commit = await documents.CommitAsync(changes, user, cancellationToken).ConfigureAwait(false);
        return commit.Committed ? Outcome.Ok() : Outcome.MovedMeanwhile();
    }

    private async Task<Outcome<Account>> SetLanguageCoreAsync(string id, string? language, CancellationToken cancellationToken)
    {
        string? chosen = null;
        if (!string.IsNullOrWhiteSpace(language))
        {
            if (!Languages.TryNormalize(language, out var normalized))
            {
                return Outcome<Account>.Invalid([Problem.Of("language", SettingsLanguageCodes.UnknownLanguage, ("value", language), ("expected", Languages.All.ToArray()))]);
            }

            chosen = normalized;
        }

        return await UpdateAsync(id, a => Outcome<Account>.Ok(a with { Language = chosen }), user, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Outcome> SetPasswordCoreAsync(string id, string password, CancellationToken cancellationToken)
    {
        var stamp = NewStamp();
        return await UpdateAsync(
            id,
            a => PasswordPolicy.Check(password, a.Id, a.Email, CommonPasswords.Shipped) is { Count: > 0 } problems
                ? Outcome<Account>.Invalid(problems)
                : Outcome<Account>.Ok(AccountRules.WithPassword(a, Hasher.HashPassword(a, password), stamp)),
            user,
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<Outcome<Account>> SignInCoreAsync(string id, string password, string? totpCode, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stored = AccountRules.IsValidId(id) ? await documents.GetAsync(Account.Documents, id, cancellationToken).ConfigureAwait(false) : null;
        if (stored is not { Value: var account })
        {
            Hasher.VerifyHashedPassword(null!, DummyHash.Value, password);
            return Outcome<Account>.Refused(AccessCodes.SignInFailed);
        }

        if (AccountRules.IsLocked(account, now))
        {
            return Outcome<Account>.Refused(AccessCodes.SignInLocked, MessageArgs.Of(("until", account.LockedUntil!.Value)));
        }

        var self = new ActingAs(account.Principal(), user.Origin);
        var verified = Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verified == PasswordVerificationResult.Failed)
        {
            await UpdateAsync(id, a => Outcome<Account>.Ok(AccountRules.SignInFailed(a, now)), self, cancellationToken).ConfigureAwait(false);
            return Outcome<Account>.Refused(AccessCodes.SignInFailed);
        }

        long? step = null;
        if (account.TotpEnabled)
        {
            if (string.IsNullOrWhiteSpace(totpCode))
            {
                return Outcome<Account>.Refused(AccessCodes.SignInTotpRequired);
            }

            step = Totp.Verify(account.TotpSecret, totpCode, now, account.TotpLastStep);
            if (step is null)
            {
                await UpdateAsync(id, a => Outcome<Account>.Ok(AccountRules.SignInFailed(a, now)), self, cancellationToken).ConfigureAwait(false);
                return Outcome<Account>.Refused(AccessCodes.SignInFailed);
            }
        }

        var signedIn = AccountRules.SignInSucceeded(account) with { TotpLastStep = step ?? account.TotpLastStep };
        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            signedIn = signedIn with { PasswordHash = Hasher.HashPassword(account, password) };
        }

        if (signedIn.Equals(account))
        {
            return Outcome<Account>.Ok(account);
        }

        // The code's step is written at the version read, so the same code racing in twice signs in once.
        var commit = await documents.CommitAsync([DocumentChange.Put(Account.Documents, signedIn, stored.Version)], self, cancellationToken).ConfigureAwait(false);
        return commit.Committed ? Outcome<Account>.Ok(signedIn) : Outcome<Account>.Refused(AccessCodes.SignInFailed);
    }

    /// <summary>
    /// Reads the account, applies <paramref name="change"/>, writes it at the version read; when it moved meanwhile (a
    /// sign-in failure counted at the same moment), reads and applies again, a few times.
    /// </summary>
    private async Task<Outcome<Account>> UpdateAsync(string id, Func<Account, Outcome<Account>> change, ICurrentUser actor, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var stored = await documents.GetAsync(Account.Documents, id, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return Outcome<Account>.NotFound(AccessCodes.AccountNotFound, MessageArgs.Of(("account", id)));
            }

            var changed = change(stored.Value);
            if (changed.Value is not { } next || next.Equals(stored.Value))
            {
                return changed;
            }

            var commit = await documents.CommitAsync([DocumentChange.Put(Account.Documents, next, stored.Version)], actor, cancellationToken).ConfigureAwait(false);
            if (commit.Committed)
            {
                return changed;
            }

            if (attempt == 4)
            {
                return Outcome<Account>.MovedMeanwhile();
            }
        }
    }

    /// <summary>A new secret for <paramref name="id"/>'s second factor, off until a first code confirms it.</summary>
    private async Task<Outcome<TotpEnrolment>> EnrollCoreAsync(string id, CancellationToken cancellationToken)
    {
        var secret = Totp.NewSecret(RandomNumberGenerator.GetBytes(Totp.SecretBytes));
        var changed = await UpdateAsync(
            id,
            a => a.TotpEnabled
                ? Outcome<Account>.Refused(AccessCodes.TotpAlreadyEnabled, MessageArgs.Of(("account", id)))
                : Outcome<Account>.Ok(a with { TotpSecret = secret, TotpLastStep = null }),
            user,
            cancellationToken).ConfigureAwait(false);
        return log.Noted(
            changed.IsOk ? Outcome<TotpEnrolment>.Ok(new TotpEnrolment(secret, Totp.EnrolmentUri(secret, id))) : Outcome<TotpEnrolment>.From(changed),
            "account totp enroll",
            id);
    }

    /// <summary>Turns <paramref name="id"/>'s enrolled second factor on with a first code.</summary>
    private async Task<Outcome> ConfirmCoreAsync(string id, string code, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changed = await UpdateAsync(
            id,
            a =>
            {
                if (a.TotpSecret is null)
                {
                    return Outcome<Account>.Refused(AccessCodes.TotpNotEnrolled, MessageArgs.Of(("account", id)));
                }

                return Totp.Verify(a.TotpSecret, code, now, a.TotpLastStep) is { } step
                    ? Outcome<Account>.Ok(a with { TotpLastStep = step })
                    : Outcome<Account>.Refused(AccessCodes.TotpInvalid);
            },
            user,
            cancellationToken).ConfigureAwait(false);
        return log.Noted(changed, "account totp confirm", id);
    }

    private async Task<Outcome<AccountView>> ViewOfAsync(string id, Outcome<Account> changed, CancellationToken cancellationToken) =>
        changed.IsOk ? await ViewAsync(id, cancellationToken).ConfigureAwait(false) : Outcome<AccountView>.From(changed);

    private async Task<Outcome<AccountView>> ViewAsync(string id, CancellationToken cancellationToken)
    {
        var stored = await documents.GetAsync(Account.Documents, id, cancellationToken).ConfigureAwait(false);
        return stored is null
            ? Outcome<AccountView>.NotFound(AccessCodes.AccountNotFound, MessageArgs.Of(("account", id)))
            : Outcome<AccountView>.Ok(View(stored, await PeopleAsync(cancellationToken).ConfigureAwait(false), time.GetUtcNow()));
    }

    private static AccountView View(Versioned<Account> stored, IReadOnlySet<string> people, DateTimeOffset now)
    {
        var a = stored.Value;
        return new AccountView(
            a.Id, a.Name, a.Email, a.Person, a.Person is not null && !people.Contains(a.Person), a.Grants, a.TotpEnabled, a.FailedSignIns,
            AccountRules.IsLocked(a, now) ? a.LockedUntil : null, a.CreatedAt, stored.Version, a.Language);
    }

    private string RequireSelf()
    {
        var who = user.Principal;
        if (who.IsAnonymous || who.TokenScope is not null)
        {
            throw new AccessDeniedException(user.Name, Permission.ManageAccounts);
        }

        return who.Name;
    }

    private void RequireSelfOrAdmin(string id)
    {
        var who = user.Principal;
        if (!(who is { IsAnonymous: false, TokenScope: null } && string.Equals(who.Name, id, StringComparison.Ordinal)))
        {
            guard.Require(Permission.ManageAccounts);
        }
    }

    private static MessageArgs GrantArgs(string id, RoleGrant grant) =>
        MessageArgs.Of(("account", id), ("role", EnumWords.Word(grant.Role)), ("unit", grant.Unit));

    private async Task<(UnitTree Tree, IReadOnlySet<string> Campaigns)> OrganizationAsync(CancellationToken cancellationToken)
    {
        var structure = await documents.GetAsync(OrganizationDocuments.Structure, OrganizationDocuments.StructureId, cancellationToken).ConfigureAwait(false);
        var campaigns = await documents.ListAsync(CampaignDocuments.Campaigns.Collection, cancellationToken).ConfigureAwait(false);
        return (UnitTree.Of(structure?.Value), campaigns.Select(c => c.Id).ToHashSet(StringComparer.Ordinal));
    }

    private async Task<IReadOnlySet<string>> PeopleAsync(CancellationToken cancellationToken) =>
        (await documents.ListAsync(CampaignDocuments.People.Collection, cancellationToken).ConfigureAwait(false)).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
}
