using System.Collections.Frozen;

namespace Mercato.Core.Access;

/// <summary>
/// A local account: who signs in, the person of the people directory they are, the roles they hold, and the state of
/// their sign-in (password hash, second factor, failures and lockout, the stamp that ends every session when it changes).
/// Stored as one <c>accounts</c> document; the id is the sign-in name, lower-case.
/// </summary>
/// <param name="Id">The sign-in name: lower-case letters, digits, <c>.</c>, <c>_</c>, <c>-</c>; at most 64.</param>
/// <param name="Name">The display name.</param>
/// <param name="Email">The e-mail address.</param>
/// <param name="Person">The person of the people directory, if any.</param>
/// <param name="Grants">The roles held.</param>
/// <param name="PasswordHash">The password as ASP.NET Core Identity's hasher writes it (PBKDF2, salted, versioned).</param>
/// <param name="TotpSecret">The base32 secret of the second factor, once enrolled.</param>
/// <param name="FailedSignIns">Failed sign-ins since the last success.</param>
/// <param name="LockedUntil">Sign-in refused until then, after too many failures.</param>
/// <param name="SessionStamp">Changes at every password change and "sign out everywhere": older sessions end.</param>
/// <param name="CreatedAt">When the account was created.</param>
/// <param name="TotpLastStep">
/// The 30-second step of the last second-factor code accepted: a code is good once (no replay within its step), and an
/// enrolment counts as done once a first code was accepted (null while the secret waits for its confirming code).
/// </param>
/// <param name="Language">The language the person chose (<see cref="Common.Languages"/>); null: the browser's, else the workspace's.</param>
public sealed record Account(
    string Id,
    string Name,
    string Email,
    string? Person,
    IReadOnlyList<RoleGrant> Grants,
    string PasswordHash,
    string? TotpSecret,
    int FailedSignIns,
    DateTimeOffset? LockedUntil,
    string SessionStamp,
    DateTimeOffset CreatedAt,
    long? TotpLastStep = null,
    string? Language = null)
{
    /// <summary>The <c>accounts</c> collection.</summary>
    public static DocumentKind<Account> Documents { get; } = new("accounts", a => a.Id) { SecretFields = ["passwordHash", "totpSecret"] };

    /// <summary>The roles held, compared item by item.</summary>
    public IReadOnlyList<RoleGrant> Grants { get; init; } = [.. Grants ?? []];

    /// <summary>What the account acts as.</summary>
    public Principal Principal(TokenScope? scope = null) => new(Id, Grants, Person, scope);

    /// <summary>Whether sign-in asks for a second-factor code: a secret is enrolled and was confirmed with a code.</summary>
    public bool TotpEnabled => TotpSecret is not null && TotpLastStep is not null;

    /// <summary>Whether the account holds the admin role for the whole organization.</summary>
    public bool IsAdmin => Grants.Any(g => g.Role == Role.Admin && g.Unit is null);

    /// <summary>Value equality with the grants compared item by item.</summary>
    public bool Equals(Account? other) =>
        other is not null && Id == other.Id && Name == other.Name && Email == other.Email && Person == other.Person
        && Grants.SequenceEqual(other.Grants) && PasswordHash == other.PasswordHash && TotpSecret == other.TotpSecret
        && FailedSignIns == other.FailedSignIns && LockedUntil == other.LockedUntil && SessionStamp == other.SessionStamp
        && CreatedAt == other.CreatedAt && TotpLastStep == other.TotpLastStep && Language == other.Language;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Email, Grants.Count, SessionStamp);
}

/// <summary>
/// An API token for machines and scripts: shown once when created (<c>mct_</c> + id + secret), stored as the SHA-256 of the
/// whole token; acts as its account within its scope until it expires or is revoked. One <c>api_tokens</c> document.
/// </summary>
/// <param name="Id">The token's public id (the part after <c>mct_</c> and before the secret).</param>
/// <param name="Name">What it is for.</param>
/// <param name="Account">The account it acts as.</param>
/// <param name="Scope">What it may do, at most.</param>
/// <param name="Hash">Lower-case hex SHA-256 of the whole token.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ExpiresAt">When it stops working; null for never.</param>
/// <param name="LastUsedAt">When it was last accepted (to the minute).</param>
/// <param name="RevokedAt">When it was revoked; null while it works.</param>
public sealed record ApiToken(
    string Id,
    string Name,
    string Account,
    TokenScope Scope,
    string Hash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt)
{
    /// <summary>The <c>api_tokens</c> collection.</summary>
    public static DocumentKind<ApiToken> Documents { get; } = new("api_tokens", t => t.Id) { SecretFields = ["hash"] };

    /// <summary>Whether the token works at <paramref name="now"/>.</summary>
    public bool WorksAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);
}

/// <summary>
/// The collections whose documents hold secrets, by name, with their <see cref="DocumentKind{T}.SecretFields"/>: the
/// document store receives changes by collection name and redacts these fields in the audit log.
/// </summary>
public static class SecretDocuments
{
    /// <summary>What a redacted field's value becomes.</summary>
    public const string Redacted = "[redacted]";

    private static readonly FrozenDictionary<string, IReadOnlyList<string>> ByCollection = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Account.Documents.Collection] = Account.Documents.SecretFields,
        [ApiToken.Documents.Collection] = ApiToken.Documents.SecretFields,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The secret fields of <paramref name="collection"/>'s documents; empty for a collection without secrets.</summary>
    public static IReadOnlyList<string> Of(string collection) =>
        ByCollection.TryGetValue(collection, out var fields) ? fields : [];
}
