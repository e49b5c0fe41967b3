using System.CommandLine;
using System.Globalization;
using Mercato.Core.Access;

namespace Mercato.Features.Access;

/// <summary><c>mercato tokens</c>: API tokens for machines and scripts (docs/access.md): create (printed once), list, revoke.</summary>
internal static class TokensCommand
{
    public static Command Create() =>
        new("tokens", "API tokens for machines and scripts (Authorization: Bearer): create (printed once, stored hashed), list, revoke")
        {
            New(), List(), Revoke(),
        };

    private static TokenUseCases Tokens(IServiceProvider services) => services.GetRequiredService<TokenUseCases>();

    private static Command New()
    {
        var name = new Argument<string>("name") { Description = "What the token is for (shown in the list)" };
        var account = new Option<string>("--user") { Description = "The account the token acts as", Required = true };
        var scope = new Option<string>("--scope") { Description = "What it may do at most: import (the ingestion endpoints), read, or write (default import)", DefaultValueFactory = _ => "import" };
        scope.AcceptOnlyFromAmong([.. EnumWords.All<TokenScope>()]);
        var expires = new Option<int?>("--expires") { Description = "Days until it stops working, 1 to 3650 (default: never)" };
        var command = new Command("create", "Create a token acting as an account within a scope; the token is printed once and only its hash is kept")
        {
            name, account, scope, expires,
        };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            EnumWords.TryParse<TokenScope>(result.GetValue(scope), out var s);
            var created = await Tokens(services).CreateAsync(result.GetValue(name)!, result.GetValue(account)!, s, result.GetValue(expires), cancellationToken)
                .ConfigureAwait(false);
            if (created.Value is not { } done)
            {
                return CliContext.Fail(created);
            }

            Console.Out.WriteLine(done.Raw);
            Console.Error.WriteLine(
                $"token {done.Token.Id} for {done.Token.Account}, scope {EnumWords.Word(done.Token.Scope)}, "
                + (done.Token.ExpiresAt is { } at ? "expires " + Iso(at) : "never expires")
                + ": shown once, copy it now (send it as Authorization: Bearer <token>)");
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("list", "Every token with its account, scope, creation, expiry, last use and state (never the token itself)") { format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var tokens = await Tokens(services).ListAsync(cancellationToken).ConfigureAwait(false);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(new { tokens });
                return MercatoCli.Ok;
            }

            if (tokens.Count == 0)
            {
                Console.Out.WriteLine("no tokens: create one with mercato tokens create NAME --user U [--scope import|read|write]");
                return MercatoCli.Ok;
            }

            CliContext.WriteTable(
                ["id", "name", "user", "scope", "created", "expires", "last use", "state"],
                tokens.Select(t => (IReadOnlyList<string>)
                [
                    t.Id, t.Name, t.Account, EnumWords.Word(t.Scope), Iso(t.CreatedAt), t.ExpiresAt is { } e ? Iso(e) : "never",
                    t.LastUsedAt is { } u ? Iso(u) : "", t.State,
                ]));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Revoke()
    {
        var id = new Argument<string>("id") { Description = "The token's id (the list's first column)" };
        var command = new Command("revoke", "Revoke a token at once and for good") { id };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var revoked = await Tokens(services).RevokeAsync(result.GetValue(id)!, cancellationToken).ConfigureAwait(false);
            if (revoked.Value is not { } t)
            {
                return CliContext.Fail(revoked);
            }

            Console.Out.WriteLine($"revoked {t.Id} ({t.Name}, {t.Account})");
            return MercatoCli.Ok;
        });
        return command;
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
}
