using Mercato.Core.Access;
using Mercato.Core.Demo;
using Microsoft.Extensions.Options;

namespace Mercato.Features.Access;

/// <summary>What the sign-in page shows before anyone is signed in: whether any account exists, and a demo workspace's accounts.</summary>
/// <param name="AnyAccount">Whether an account exists (else the page says how to create the first).</param>
/// <param name="DemoAccounts">The demo's accounts that exist in this workspace (none without the demo).</param>
public sealed record SignInNotice(bool AnyAccount, IReadOnlyList<DemoAccount> DemoAccounts);

/// <summary>
/// Signing in, for the anonymous caller of the sign-in page: the account's password and second factor
/// (<see cref="AccountUseCases.SignInAsync"/>), then the workspace's rule that administrators have a second factor
/// (<see cref="SignInRules.MustEnrolSecondFactor"/>).
/// </summary>
public sealed class SignInUseCases(AccountUseCases accounts, IDocumentStore documents, IOptions<MercatoOptions> options)
{
    /// <summary>Signs <paramref name="name"/> in, or says why not.</summary>
    public async Task<Outcome<Account>> SignInAsync(string name, string password, string? code, CancellationToken cancellationToken)
    {
        var outcome = await accounts.SignInAsync(name.Trim().ToLowerInvariant(), password, string.IsNullOrWhiteSpace(code) ? null : code.Trim(), cancellationToken).ConfigureAwait(false);
        return outcome.IsOk && SignInRules.MustEnrolSecondFactor(outcome.Value!, options.Value.RequireAdminTotp)
            ? Outcome<Account>.Refused(AccessCodes.SignInEnrolSecondFactor, MessageArgs.Of(("name", outcome.Value!.Id)))
            : outcome;
    }

    /// <summary>The first page of <paramref name="account"/>: the overview, or the campaigns for one who reads no report (an agency).</summary>
    public static string LandingOf(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return AccessPolicy.Allows(account.Principal(), Permission.ReadReports, AccessTarget.Workspace, UnitTree.Empty) ? "/" : "/campaigns";
    }

    /// <summary>Whether any account exists, and which demo accounts do.</summary>
    public async Task<SignInNotice> NoticeAsync(CancellationToken cancellationToken)
    {
        var stored = await documents.ValuesAsync(Account.Documents, cancellationToken).ConfigureAwait(false);
        var shown = stored.Where(a => DemoAccounts.IsDemo(a.Email))
            .Select(a => new DemoAccount(a.Id, a.Name, a.Person, a.Grants))
            .ToList();
        return new SignInNotice(stored.Count > 0, shown);
    }
}
