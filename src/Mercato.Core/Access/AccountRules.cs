namespace Mercato.Core.Access;

/// <summary>
/// The rules of accounts, written once: what an account id and an e-mail address look like, which grants an organization
/// can hold, that the workspace keeps an administrator, and how failed sign-ins lock an account for a while. Pure: the
/// clock's time and any random value (a new session stamp) come from the caller.
/// </summary>
public static class AccountRules
{
    /// <summary>An account id is at most 64 characters.</summary>
    public const int MaxIdLength = 64;

    /// <summary>An e-mail address is at most 254 characters (RFC 5321's path limit).</summary>
    public const int MaxEmailLength = 254;

    /// <summary>Consecutive failed sign-ins that lock the account.</summary>
    public const int MaxFailedSignIns = 5;

    /// <summary>How long a lock lasts: 15 minutes from the failure that set it.</summary>
    public static readonly TimeSpan LockoutLength = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Whether <paramref name="id"/> is a sign-in name: a lower-case letter or digit, then up to 63 lower-case letters,
    /// digits, <c>.</c>, <c>_</c> or <c>-</c> (<c>[a-z0-9][a-z0-9._-]{0,63}</c>).
    /// </summary>
    public static bool IsValidId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength || !IsLowerAlnum(id[0]))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(IsLowerAlnum(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="email"/> looks like an e-mail address, simply: exactly one <c>@</c> with something before
    /// it, a dot after it with something on both sides of that dot, no spaces or control characters, at most 254
    /// characters. Whether the address receives mail is not this rule's business.
    /// </summary>
    public static bool IsValidEmail(string? email)
    {
        if (string.IsNullOrEmpty(email) || email.Length > MaxEmailLength || email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || email.IndexOf('@', at + 1) >= 0)
        {
            return false;
        }

        var domain = email[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        return dot > 0 && dot < domain.Length - 1;
    }

    /// <summary>
    /// The problems of an account's own fields: its id (<see cref="AccessCodes.AccountIdInvalid"/> with <c>value</c> and
    /// <c>max</c>), its display name (required, a text of at most 200 characters) and its e-mail
    /// (<see cref="AccessCodes.EmailInvalid"/> with <c>value</c>).
    /// </summary>
    public static IReadOnlyList<Problem> CheckFields(string? id, string? name, string? email)
    {
        var problems = new List<Problem>();
        if (!IsValidId(id))
        {
            problems.Add(Problem.Of("id", AccessCodes.AccountIdInvalid, ("value", id), ("max", MaxIdLength)));
        }

        TextRules.CheckRequiredText(name, "name", problems);
        if (!IsValidEmail(email))
        {
            problems.Add(Problem.Of("email", AccessCodes.EmailInvalid, ("value", email)));
        }

        return problems;
    }

    /// <summary>
    /// The problems of <paramref name="grants"/> in an organization, each at <c>grants[i]</c>: a grant's unit must be a unit
    /// of <paramref name="tree"/> (<see cref="AccessCodes.UnitUnknown"/> with <c>unit</c>); an agency's grant names at least
    /// one campaign (<see cref="AccessCodes.AgencyNeedsCampaign"/>) and only campaigns of <paramref name="campaigns"/>
    /// (<see cref="AccessCodes.CampaignUnknown"/> with <c>campaign</c>); any other grant names none
    /// (<see cref="AccessCodes.CampaignsOnlyForAgency"/> with <c>role</c>); admin is granted for the whole workspace only
    /// (<see cref="AccessCodes.AdminForWholeWorkspace"/>); the same grant is not given twice
    /// (<see cref="CommonCodes.Duplicate"/>).
    /// </summary>
    public static IReadOnlyList<Problem> CheckGrants(IReadOnlyList<RoleGrant> grants, UnitTree tree, IReadOnlySet<string> campaigns)
    {
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(campaigns);
        var problems = new List<Problem>();
        for (var i = 0; i < grants.Count; i++)
        {
            var path = Problem.At("grants", i);
            if (grants[i] is not { } grant)
            {
                problems.Add(new(path, CommonCodes.NullItem));
                continue;
            }

            if (grant.Unit is { } unit && !tree.Contains(unit))
            {
                problems.Add(Problem.Of(path + ".unit", AccessCodes.UnitUnknown, ("unit", unit)));
            }

            if (grant.Role == Role.Agency)
            {
                if (grant.Campaigns.Count == 0)
                {
                    problems.Add(new(path + ".campaigns", AccessCodes.AgencyNeedsCampaign));
                }

                for (var c = 0; c < grant.Campaigns.Count; c++)
                {
                    if (!campaigns.Contains(grant.Campaigns[c]))
                    {
                        problems.Add(Problem.Of(Problem.At(path + ".campaigns", c), AccessCodes.CampaignUnknown, ("campaign", grant.Campaigns[c])));
                    }
                }
            }
            else if (grant.Campaigns.Count > 0)
            {
                problems.Add(Problem.Of(path + ".campaigns", AccessCodes.CampaignsOnlyForAgency, ("role", EnumWords.Word(grant.Role))));
            }

            // Accounts, settings and the store belong to the whole workspace: an admin of one unit would be an admin of all.
            if (grant.Role == Role.Admin && grant.Unit is not null)
            {
                problems.Add(Problem.Of(path + ".unit", AccessCodes.AdminForWholeWorkspace, ("unit", grant.Unit)));
            }

            if (grants.Take(i).Any(g => Equals(g, grant)))
            {
                problems.Add(Problem.Of(path, CommonCodes.Duplicate, ("value", Describe(grant))));
            }
        }

        return problems;
    }

    /// <summary>
    /// The last administrator rule: the workspace always keeps an account that holds <see cref="Role.Admin"/> with no unit
    /// (<see cref="Account.IsAdmin"/>), so nobody is locked out of it for good. Giving <paramref name="id"/> the grants
    /// <paramref name="grantsAfter"/> (none: removing the account) is refused with <see cref="AccessCodes.LastAdmin"/> and
    /// <c>account</c> when the account is such an administrator now, would not be after, and no other account is one.
    /// </summary>
    /// <returns>The refusal, or null when the change keeps an administrator.</returns>
    public static Message? LastAdminRefusal(IEnumerable<Account> accounts, string id, IReadOnlyList<RoleGrant> grantsAfter)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(grantsAfter);
        var all = accounts.ToList();
        var target = all.FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.Ordinal));
        if (target is null || !target.IsAdmin || grantsAfter.Any(g => g.Role == Role.Admin && g.Unit is null))
        {
            return null;
        }

        return all.Any(a => a.IsAdmin && !string.Equals(a.Id, id, StringComparison.Ordinal))
            ? null
            : Message.Of(AccessCodes.LastAdmin, ("account", id));
    }

    /// <summary>Whether sign-in is refused at <paramref name="now"/>: a lock is set and has not run out.</summary>
    public static bool IsLocked(Account account, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account.LockedUntil is { } until && now < until;
    }

    /// <summary>
    /// The account after a failed sign-in at <paramref name="now"/>: one more consecutive failure; the
    /// <see cref="MaxFailedSignIns"/>th locks sign-in for <see cref="LockoutLength"/> from now. A failure while locked
    /// changes nothing (it neither counts nor extends the lock, so nobody can keep an account locked for ever by guessing);
    /// once a lock has run out the count starts again from the failure that follows it.
    /// </summary>
    public static Account SignInFailed(Account account, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (IsLocked(account, now))
        {
            return account;
        }

        var failures = account.LockedUntil is null ? account.FailedSignIns + 1 : 1;
        return failures >= MaxFailedSignIns
            ? account with { FailedSignIns = failures, LockedUntil = now + LockoutLength }
            : account with { FailedSignIns = failures, LockedUntil = null };
    }

    /// <summary>The account after a successful sign-in (or an administrator's unlock): no failures, no lock.</summary>
    public static Account SignInSucceeded(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account with { FailedSignIns = 0, LockedUntil = null };
    }

    /// <summary>
    /// The account with a new password hash: a new session stamp (every session signed in with the old password ends),
    /// and no failures or lock (the new password has not been guessed at).
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="passwordHash">The new password's hash.</param>
    /// <param name="newStamp">A fresh random stamp, from the caller.</param>
    public static Account WithPassword(Account account, string passwordHash, string newStamp)
    {
        ArgumentNullException.ThrowIfNull(account);
        return SignInSucceeded(account) with { PasswordHash = passwordHash, SessionStamp = Stamp(newStamp) };
    }

    /// <summary>The account signed out everywhere: a new session stamp ends every session that carries the old one.</summary>
    /// <param name="account">The account.</param>
    /// <param name="newStamp">A fresh random stamp, from the caller.</param>
    public static Account SignedOutEverywhere(Account account, string newStamp)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account with { SessionStamp = Stamp(newStamp) };
    }

    /// <summary><c>role</c> or <c>role@unit</c>, with <c>[campaigns]</c> for an agency: how a grant is written for people.</summary>
    public static string Describe(RoleGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var text = EnumWords.Word(grant.Role) + (grant.Unit is null ? "" : "@" + grant.Unit);
        return grant.Campaigns.Count == 0 ? text : text + "[" + string.Join(",", grant.Campaigns) + "]";
    }

    private static string Stamp(string stamp) =>
        string.IsNullOrEmpty(stamp) ? throw new ArgumentException("a session stamp is a fresh random value, never empty", nameof(stamp)) : stamp;

    private static bool IsLowerAlnum(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';
}
