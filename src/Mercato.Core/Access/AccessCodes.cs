namespace Mercato.Core.Access;

/// <summary>The message codes of access, accounts and tokens.</summary>
public static class AccessCodes
{
    /// <summary>The signed-in account's roles do not allow this (<c>permission</c>).</summary>
    public const string Denied = "access_denied";

    /// <summary>Nobody is signed in.</summary>
    public const string SignInRequired = "sign_in_required";

    /// <summary>Too many sign-in attempts from one address.</summary>
    public const string SignInRateLimited = "sign_in_rate_limited";

    /// <summary>An administrator must enrol a second factor before signing in (the workspace requires one).</summary>
    public const string SignInEnrolSecondFactor = "sign_in_enrol_second_factor";
}

/// <summary>
/// Thrown by a use case when the acting principal lacks a permission. Access is checked in every use-case method, reads
/// included, most of which return values rather than outcomes; an exception that each front door turns into its answer
/// in one place (403 problem, the page's refusal, the CLI's message) keeps the check one line where it belongs.
/// </summary>
public sealed class AccessDeniedException : Exception
{
    /// <summary>A refusal of <paramref name="permission"/> to <paramref name="actor"/>.</summary>
    public AccessDeniedException(string actor, Permission permission)
        : base("access denied: " + actor + " lacks " + permission)
    {
        Actor = actor;
        Permission = permission;
    }

    /// <summary>Not used: a refusal names its permission.</summary>
    public AccessDeniedException()
        : this("anonymous", Permission.ReadReports)
    {
    }

    /// <summary>Not used: a refusal names its permission.</summary>
    public AccessDeniedException(string message)
        : base(message)
    {
        Actor = "anonymous";
    }

    /// <summary>Not used: a refusal names its permission.</summary>
    public AccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Actor = "anonymous";
    }

    /// <summary>Who was refused.</summary>
    public string Actor { get; } = "anonymous";

    /// <summary>What they lacked.</summary>
    public Permission Permission { get; }
}
