using System.CommandLine;
using System.Globalization;
using Mercato.Core.Access;

namespace Mercato.Features.Access;

/// <summary><c>mercato tokens</c>: API tokens for machines and scripts (docs/access.md): create (printed once), list, revoke.</summary>
internal static class TokensCommand
{
    public static Command Create() =>
        new("tokens", Words.W("access.tokens.description"))
        {
            New(), List(), Revoke(),
        };

    private static TokenUseCases Tokens(IServiceProvider services) => services.GetRequiredService<TokenUseCases>();

    private static Command New()
    {
        var name = new Argument<string>("name") { Description = Words.W("access.tokens.create.arg_name") };
        var account = new Option<string>("--user") { Description = Words.W("access.tokens.create.option_user"), Required = true };
        var scope = new Option<string>("--scope") { Description = Words.W("access.tokens.create.option_scope"), DefaultValueFactory = _ => "import" };
        scope.AcceptOnlyFromAmong([.. EnumWords.All<TokenScope>()]);
        var expires = new Option<int?>("--expires") { Description = Words.W("access.tokens.create.option_expires", ("max", (long)TokenUseCases.MaxExpiresDays)) };
        var command = new Command("create", Words.W("access.tokens.create.description"))
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
            Console.Error.WriteLine(Words.W(
                "access.tokens.created",
                ("token", done.Token.Id),
                ("account", done.Token.Account),
                ("scope", AccessWords.Scope(done.Token.Scope)),
                ("expires", done.Token.ExpiresAt is { } at ? Words.W("access.tokens.expires_at", ("at", Iso(at))) : Words.W("access.tokens.never_expires"))));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var format = CliContext.TableFormatOption();
        var command = new Command("list", Words.W("access.tokens.list.description")) { format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var tokens = await Tokens(services).ListAsync(cancellationToken).ConfigureAwait(false);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(new { tokens });
                return MercatoCli.Ok;
            }

            var shown = result.GetValue(format)!;
            if (tokens.Count == 0 && shown == "table")
            {
                Console.Out.WriteLine(Words.W("access.tokens.none"));
                return MercatoCli.Ok;
            }

            return CliContext.WriteShown(
                result,
                shown,
                "tokens",
                [
                    Words.W("access.tokens.col_id"), Words.W("access.tokens.col_name"), Words.W("access.tokens.col_user"), Words.W("access.tokens.col_scope"),
                    Words.W("access.tokens.col_created"), Words.W("access.tokens.col_expires"), Words.W("access.tokens.col_last_use"), Words.W("access.tokens.col_state"),
                ],
                tokens.Select(t => (IReadOnlyList<string>)
                [
                    t.Id, t.Name, t.Account, AccessWords.Scope(t.Scope), Iso(t.CreatedAt), t.ExpiresAt is { } e ? Iso(e) : Words.W("access.tokens.never"),
                    t.LastUsedAt is { } u ? Iso(u) : "", AccessWords.State(t.State),
                ]));
        });
        return command;
    }

    private static Command Revoke()
    {
        var id = new Argument<string>("id") { Description = Words.W("access.tokens.revoke.arg_id") };
        var command = new Command("revoke", Words.W("access.tokens.revoke.description")) { id };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var revoked = await Tokens(services).RevokeAsync(result.GetValue(id)!, cancellationToken).ConfigureAwait(false);
            if (revoked.Value is not { } t)
            {
                return CliContext.Fail(revoked);
            }

            Console.Out.WriteLine(Words.W("access.tokens.revoked", ("token", t.Id), ("name", t.Name), ("account", t.Account)));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
}
