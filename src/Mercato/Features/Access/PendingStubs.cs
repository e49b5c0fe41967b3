using Mercato.Core.Access;

namespace Mercato.Features.Access;

#pragma warning disable CA1822, IDE0060
/// <summary>Stub until the accounts branch lands.</summary>
public sealed class AccountUseCases(IDocumentStore documents)
{
    public Task<Principal?> PrincipalAsync(string id, string stamp, CancellationToken cancellationToken) => Task.FromResult<Principal?>(null);

    public Task<Outcome<Account>> SignInAsync(string id, string password, string? totpCode, CancellationToken cancellationToken) =>
        Task.FromResult(Outcome<Account>.Refused("sign_in_failed"));

    public Task<Outcome> SignOutEverywhereAsync(string id, CancellationToken cancellationToken) => Task.FromResult(Outcome.Ok());

    public Task<bool> AnyAccountAsync(CancellationToken cancellationToken) => Task.FromResult(documents is null);
}

/// <summary>Stub until the accounts branch lands.</summary>
public sealed class TokenUseCases
{
    public Task<Outcome<Principal>> AuthenticateAsync(string raw, CancellationToken cancellationToken) =>
        Task.FromResult(Outcome<Principal>.Refused("token_unknown"));
}
#pragma warning restore CA1822, IDE0060
