namespace Mercato.Core.Access;

/// <summary>The rules of signing in that do not depend on the password: the second factor administrators must have.</summary>
public static class SignInRules
{
    /// <summary>
    /// Whether <paramref name="account"/> must enrol a second factor before it may sign in: when the workspace requires one
    /// for administrators (<paramref name="requiredForAdmins"/>), an account holding admin anywhere whose second factor is not on (enrolled and confirmed).
    /// </summary>
    public static bool MustEnrolSecondFactor(Account account, bool requiredForAdmins)
    {
        ArgumentNullException.ThrowIfNull(account);
        return requiredForAdmins && !account.TotpEnabled && account.Grants.Any(g => g.Role == Role.Admin);
    }
}
