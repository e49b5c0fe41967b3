using System.Security.Cryptography;
using Mercato.Core.Access;

namespace Mercato.Features.Access;

/// <summary>A token as listed: never its hash.</summary>
/// <param name="Id">The public id (the part after <c>mct_</c>).</param>
/// <param name="Name">What it is for.</param>
/// <param name="Account">The account it acts as.</param>
/// <param name="Scope">What it may do, at most.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ExpiresAt">When it stops working; null for never.</param>
/// <param name="LastUsedAt">When it was last accepted (written at most every five minutes).</param>
/// <param name="RevokedAt">When it was revoked.</param>
/// <param name="State"><c>active</c>, <c>expired</c> or <c>revoked</c>.</param>
public sealed record TokenView(
    string Id, string Name, string Account, TokenScope Scope, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt, string State);

/// <summary>A token just created: the whole token, shown once, and what is stored of it.</summary>
/// <param name="Raw">The token (<c>mct_…</c>): shown once, never stored.</param>
/// <param name="Token">The stored token (its hash only).</param>
public sealed record CreatedToken(string Raw, ApiToken Token);

/// <summary>
/// API tokens for machines and scripts, for every front door: create (the token shown once, stored as its SHA-256),
/// list, revoke; all three for an administrator (<see cref="Permission.ManageAccounts"/>) or the account itself for its
/// own tokens. <see cref="AuthenticateAsync"/> is the bearer check of the API: the caller is anonymous until it succeeds.
/// </summary>
public sealed class TokenUseCases(IDocumentStore documents, AccessGuard guard, ICurrentUser user, OutcomeLog log, TimeProvider time)
{
    /// <summary>The longest a token may last: ten years.</summary>
    public const int MaxExpiresDays = 3650;

    /// <summary>How often a token's last use is written at most: a busy client does not write a document per request.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Creates a token named <paramref name="name"/> acting as <paramref name="account"/> within <paramref name="scope"/>,
    /// expiring after <paramref name="expiresDays"/> days (1 to 3650) or never: invalid for a blank name or days out of
    /// range, not found for an unknown account.
    /// </summary>
    public async Task<Outcome<CreatedToken>> CreateAsync(string name, string account, TokenScope scope, int? expiresDays, CancellationToken cancellationToken)
    {
        RequireSelfOrAdmin(account);
        return log.Noted(await CreateCoreAsync(name, account, scope, expiresDays, cancellationToken).ConfigureAwait(false), "token create", account);
    }

    /// <summary>Every token (an administrator), or the acting account's own, newest first; never a hash.</summary>
    public async Task<IReadOnlyList<TokenView>> ListAsync(CancellationToken cancellationToken)
    {
        var own = guard.Allows(Permission.ManageAccounts) ? null : Self() ?? throw new AccessDeniedException(user.Name, Permission.ManageAccounts);
        var now = time.GetUtcNow();
        return
        [
            .. (await documents.ValuesAsync(ApiToken.Documents, cancellationToken).ConfigureAwait(false))
                .Where(t => own is null || string.Equals(t.Account, own, StringComparison.Ordinal))
                .OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id, StringComparer.Ordinal)
                .Select(t => View(t, now)),
        ];
    }

    /// <summary>Revokes a token (at once, for good); a token revoked already stays revoked as it was.</summary>
    public async Task<Outcome<TokenView>> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        var stored = await documents.GetAsync(ApiToken.Documents, id, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            // Who may not manage accounts learns nothing of other accounts' tokens.
            guard.Require(Permission.ManageAccounts);
            return log.Noted(Outcome<TokenView>.NotFound(AccessCodes.TokenNotFound, MessageArgs.Of(("token", id))), "token revoke", id);
        }

        RequireSelfOrAdmin(stored.Value.Account);
        var now = time.GetUtcNow();
        if (stored.Value.RevokedAt is not null)
        {
            return log.Noted(Outcome<TokenView>.Ok(View(stored.Value, now)), "token revoke", id);
        }

        var revoked = stored.Value with { RevokedAt = now };
        var commit = await documents.CommitAsync([DocumentChange.Put(ApiToken.Documents, revoked, stored.Version)], user, cancellationToken).ConfigureAwait(false);
        return log.Noted(commit.Committed ? Outcome<TokenView>.Ok(View(revoked, now)) : Outcome<TokenView>.MovedMeanwhile(), "token revoke", id);
    }

    /// <summary>
    /// The principal a bearer token acts as (no permission asked: the caller is anonymous): its account's, cut to the
    /// token's scope. Refused with <see cref="AccessCodes.TokenMalformed"/> (not a Mercato token),
    /// <see cref="AccessCodes.TokenUnknown"/> (no such token, a wrong secret, or its account is gone),
    /// <see cref="AccessCodes.TokenRevoked"/> or <see cref="AccessCodes.TokenExpired"/>. The last use is written when
    /// the one stored is older than <see cref="LastUseResolution"/>.
    /// </summary>
    public async Task<Outcome<Principal>> AuthenticateAsync(string raw, CancellationToken cancellationToken)
    {
        var parsed = TokenFormat.Parse(raw);
        if (parsed.Value is not { } id)
        {
            return Outcome<Principal>.From(parsed);
        }

        var stored = await documents.GetAsync(ApiToken.Documents, id, cancellationToken).ConfigureAwait(false);
        if (stored is not { Value: var token } || !TokenFormat.HashesEqual(token.Hash, TokenFormat.Hash(raw)))
        {
            return Outcome<Principal>.Refused(AccessCodes.TokenUnknown);
        }

        var now = time.GetUtcNow();
        if (token.RevokedAt is { } revokedAt)
        {
            return Outcome<Principal>.Refused(AccessCodes.TokenRevoked, MessageArgs.Of(("token", id), ("at", revokedAt)));
        }

        if (token.ExpiresAt is { } expiresAt && now >= expiresAt)
        {
            return Outcome<Principal>.Refused(AccessCodes.TokenExpired, MessageArgs.Of(("token", id), ("at", expiresAt)));
        }

        if (await documents.GetAsync(Account.Documents, token.Account, cancellationToken).ConfigureAwait(false) is not { Value: var account })
        {
            return Outcome<Principal>.Refused(AccessCodes.TokenUnknown);
        }

        var principal = account.Principal(token.Scope);
        if (token.LastUsedAt is not { } last || now - last >= LastUseResolution)
        {
            // A lost race with another request's write is fine: that one recorded the use.
            var used = token with { LastUsedAt = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero) };
            await documents.CommitAsync([DocumentChange.Put(ApiToken.Documents, used, stored.Version)], new ActingAs(principal, user.Origin), cancellationToken).ConfigureAwait(false);
        }

        return Outcome<Principal>.Ok(principal);
    }

    private async Task<Outcome<CreatedToken>> CreateCoreAsync(string name, string account, TokenScope scope, int? expiresDays, CancellationToken cancellationToken)
    {
        var problems = new List<Problem>();
        TextRules.CheckRequiredText(name, "name", problems);
        if (!EnumWords.IsDefined(scope))
        {
            problems.Add(Problem.Of("scope", CommonCodes.NotOneOf, ("value", scope.ToString()), ("expected", EnumWords.All<TokenScope>())));
        }

        if (expiresDays is < 1 or > MaxExpiresDays)
        {
            problems.Add(Problem.Of("expires", CommonCodes.OutOfRange, ("value", expiresDays), ("min", 1), ("max", MaxExpiresDays)));
        }

        if (problems.Count > 0)
        {
            return Outcome<CreatedToken>.Invalid(problems);
        }

        if (await documents.GetAsync(Account.Documents, account, cancellationToken).ConfigureAwait(false) is null)
        {
            return Outcome<CreatedToken>.NotFound(AccessCodes.AccountNotFound, MessageArgs.Of(("account", account)));
        }

        var now = time.GetUtcNow();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var (id, raw) = TokenFormat.Create(RandomNumberGenerator.GetBytes(TokenFormat.IdBytes), RandomNumberGenerator.GetBytes(TokenFormat.SecretBytes));
            var token = new ApiToken(id, name, account, scope, TokenFormat.Hash(raw), now, expiresDays is { } days ? now.AddDays(days) : null, null, null);
            // Version 0: a new id only; two tokens drawing the same id (one in 2^40) draw again.
            var commit = await documents.CommitAsync([DocumentChange.Put(ApiToken.Documents, token, expectedVersion: 0)], user, cancellationToken).ConfigureAwait(false);
            if (commit.Committed)
            {
                return Outcome<CreatedToken>.Ok(new CreatedToken(raw, token));
            }
        }

        return Outcome<CreatedToken>.MovedMeanwhile();
    }

    private static TokenView View(ApiToken t, DateTimeOffset now) =>
        new(t.Id, t.Name, t.Account, t.Scope, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt,
            t.RevokedAt is not null ? "revoked" : t.WorksAt(now) ? "active" : "expired");

    /// <summary>The acting account when it is a signed-in person (not anonymous, not a token); null otherwise.</summary>
    private string? Self() => user.Principal is { IsAnonymous: false, TokenScope: null } who ? who.Name : null;

    private void RequireSelfOrAdmin(string account)
    {
        if (!string.Equals(Self(), account, StringComparison.Ordinal))
        {
            guard.Require(Permission.ManageAccounts);
        }
    }
}
