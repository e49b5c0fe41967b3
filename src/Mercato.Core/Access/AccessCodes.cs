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

    /// <summary>An account id that is not a sign-in name (<c>value</c>, <c>max</c>).</summary>
    public const string AccountIdInvalid = "account_id_invalid";

    /// <summary>An e-mail address that is not one (<c>value</c>).</summary>
    public const string EmailInvalid = "account_email_invalid";

    /// <summary>No account has this id (<c>account</c>).</summary>
    public const string AccountNotFound = "account_not_found";

    /// <summary>An account with this id exists already (<c>account</c>).</summary>
    public const string AccountExists = "account_exists";

    /// <summary>A grant names a unit the organization does not have (<c>unit</c>).</summary>
    public const string UnitUnknown = "access_unit_unknown";

    /// <summary>An agency's grant names a campaign that does not exist (<c>campaign</c>).</summary>
    public const string CampaignUnknown = "access_campaign_unknown";

    /// <summary>An agency's grant names no campaign.</summary>
    public const string AgencyNeedsCampaign = "access_agency_needs_campaign";

    /// <summary>Admin granted at a unit (<c>unit</c>): accounts, settings and the store are the whole workspace's.</summary>
    public const string AdminForWholeWorkspace = "access_admin_whole_workspace";

    /// <summary>A grant other than an agency's names campaigns (<c>role</c>).</summary>
    public const string CampaignsOnlyForAgency = "access_campaigns_only_for_agency";

    /// <summary>The account already holds this grant (<c>account</c>, <c>role</c>, <c>unit</c>).</summary>
    public const string GrantHeld = "access_grant_held";

    /// <summary>The account does not hold this grant (<c>account</c>, <c>role</c>, <c>unit</c>).</summary>
    public const string GrantNotHeld = "access_grant_not_held";

    /// <summary>The change would leave the workspace with no administrator (<c>account</c>).</summary>
    public const string LastAdmin = "access_last_admin";

    /// <summary>The person is not in the people directory (<c>person</c>).</summary>
    public const string PersonUnknown = "access_person_unknown";

    /// <summary>A password shorter than the policy's minimum (<c>min</c>).</summary>
    public const string PasswordTooShort = "password_too_short";

    /// <summary>A password longer than the policy's maximum (<c>max</c>).</summary>
    public const string PasswordTooLong = "password_too_long";

    /// <summary>A password on the list of common passwords.</summary>
    public const string PasswordCommon = "password_common";

    /// <summary>A password that contains the account's id or the local part of its e-mail (<c>name</c>).</summary>
    public const string PasswordContainsName = "password_contains_name";

    /// <summary>The current password given to change it is wrong.</summary>
    public const string PasswordWrong = "password_wrong";

    /// <summary>Unknown account or wrong password (the same answer for both: no probing for names).</summary>
    public const string SignInFailed = "sign_in_failed";

    /// <summary>Too many failed sign-ins: refused until <c>until</c>.</summary>
    public const string SignInLocked = "sign_in_locked";

    /// <summary>The account has a second factor and no code was given.</summary>
    public const string SignInTotpRequired = "sign_in_totp_required";

    /// <summary>A second-factor code that is not the current one (or was used already).</summary>
    public const string TotpInvalid = "totp_invalid";

    /// <summary>The account's second factor is on already: turn it off before enrolling anew (<c>account</c>).</summary>
    public const string TotpAlreadyEnabled = "totp_already_enabled";

    /// <summary>The account has started no second-factor enrolment to confirm (<c>account</c>).</summary>
    public const string TotpNotEnrolled = "totp_not_enrolled";

    /// <summary>Turning the second factor off asks for the current password or a code of the authenticator app.</summary>
    public const string TotpProofRequired = "totp_proof_required";

    /// <summary>The new password and its repetition differ (the account page's form).</summary>
    public const string PasswordRepeatDiffers = "password_repeat_differs";

    /// <summary>A string that is not a Mercato API token (<c>reason</c>: prefix, length or characters).</summary>
    public const string TokenMalformed = "token_malformed";

    /// <summary>A well-formed token that no stored token matches.</summary>
    public const string TokenUnknown = "token_unknown";

    /// <summary>The token was revoked (<c>token</c>, <c>at</c>).</summary>
    public const string TokenRevoked = "token_revoked";

    /// <summary>The token expired (<c>token</c>, <c>at</c>).</summary>
    public const string TokenExpired = "token_expired";

    /// <summary>No token has this id (<c>token</c>).</summary>
    public const string TokenNotFound = "token_not_found";
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
