using System.CommandLine;
using System.Globalization;
using Mercato.Core.Access;

namespace Mercato.Features.Access;

/// <summary>
/// <c>mercato users</c>: local accounts (docs/access.md). The command line acts as the operating-system user with
/// administrator rights: whoever can read the store file can read everything.
/// </summary>
internal static class UsersCommand
{
    public static Command Create() =>
        new("users", Words.W("access.users.description"))
        {
            Add(), List(), Grant(), Revoke(), Remove(), Passwd(), Unlock(), SignOutEverywhere(), TotpReset(), TotpEnroll(), TotpConfirm(), Language(),
        };

    private static AccountUseCases Accounts(IServiceProvider services) => services.GetRequiredService<AccountUseCases>();

    private static Argument<string> NameArgument() => new("name") { Description = Words.W("access.users.arg_name") };

    private static Option<string> RoleOption() =>
        new Option<string>("--role") { Description = Words.W("access.users.option_role", ("roles", EnumWords.All<Role>().ToArray())), Required = true }.AcceptingRoles();

    private static Option<string> AcceptingRoles(this Option<string> option)
    {
        option.AcceptOnlyFromAmong([.. EnumWords.All<Role>()]);
        return option;
    }

    private static Option<string?> UnitOption() => new("--unit") { Description = Words.W("access.users.option_unit") };

    private static Option<string[]> CampaignOption() => new("--campaign") { Description = Words.W("access.users.option_campaign"), AllowMultipleArgumentsPerToken = false };

    private static Option<bool> PasswordStdinOption(string description) => new("--password-stdin") { Description = description };

    private static RoleGrant GrantOf(ParseResult result, Option<string> role, Option<string?> unit, Option<string[]>? campaigns)
    {
        EnumWords.TryParse<Role>(result.GetValue(role), out var r);
        return new RoleGrant(r, result.GetValue(unit), campaigns is null ? null : result.GetValue(campaigns) ?? []);
    }

    /// <summary>The first line of standard input: a password piped in, never typed on the command line (shells keep history).</summary>
    private static async Task<string?> ReadPasswordAsync(CancellationToken cancellationToken) =>
        (await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.TrimEnd('\r');

    private static Command Add()
    {
        var name = NameArgument();
        var email = new Option<string>("--email") { Description = Words.W("access.users.option_email"), Required = true };
        var display = new Option<string?>("--display-name") { Description = Words.W("access.users.option_display_name") };
        var person = new Option<string?>("--person") { Description = Words.W("access.users.option_person") };
        var role = RoleOption();
        var unit = UnitOption();
        var campaigns = CampaignOption();
        var stdin = PasswordStdinOption(Words.W("access.users.add.option_password_stdin"));
        var command = new Command("add", Words.W("access.users.add.description"))
        {
            name, email, display, person, role, unit, campaigns, stdin,
        };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            string? password = null;
            if (result.GetValue(stdin) && (password = await ReadPasswordAsync(cancellationToken).ConfigureAwait(false)) is null)
            {
                return CliContext.Invalid(AccessCodes.PasswordTooShort, ("min", PasswordPolicy.MinLength));
            }

            var id = result.GetValue(name)!;
            var added = await Accounts(services).AddAsync(
                id, result.GetValue(display) ?? id, result.GetValue(email)!, result.GetValue(person), [GrantOf(result, role, unit, campaigns)], password,
                cancellationToken).ConfigureAwait(false);
            if (!added.IsOk)
            {
                return CliContext.Fail(added);
            }

            var (account, generated) = added.Value;
            Console.Out.WriteLine(Words.W("access.users.added", ("account", account.Id), ("grants", string.Join(", ", account.Grants.Select(AccountRules.Describe)))));
            if (generated is not null)
            {
                Console.Out.WriteLine(Words.W("access.users.generated", ("password", generated)));
            }

            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var format = CliContext.TableFormatOption();
        var command = new Command("list", Words.W("access.users.list.description")) { format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var accounts = await Accounts(services).ListAsync(cancellationToken).ConfigureAwait(false);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(new { accounts });
                return MercatoCli.Ok;
            }

            var shown = result.GetValue(format)!;
            if (accounts.Count == 0 && shown == "table")
            {
                Console.Out.WriteLine(Words.W("access.users.none"));
                return MercatoCli.Ok;
            }

            return CliContext.WriteShown(
                result,
                shown,
                "users",
                [
                    Words.W("access.users.col_id"), Words.W("access.users.col_name"), Words.W("access.users.col_email"), Words.W("access.users.col_person"),
                    Words.W("access.users.col_roles"), Words.W("access.users.col_totp"), Words.W("access.users.col_language"), Words.W("access.users.col_locked_until"),
                    Words.W("access.users.col_failures"),
                ],
                accounts.Select(a => (IReadOnlyList<string>)
                [
                    a.Id, a.Name, a.Email, a.Person is null ? "" : a.Person + (a.PersonMissing ? Words.W("access.users.person_missing") : ""),
                    string.Join(", ", a.Grants.Select(AccountRules.Describe)), a.TotpEnabled ? Words.W("access.users.on") : Words.W("access.users.off"),
                    a.Language ?? Words.W("access.users.language_default"),
                    a.LockedUntil is { } until ? until.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture) : "",
                    a.FailedSignIns.ToString(CultureInfo.InvariantCulture),
                ]),
                new HashSet<int> { 8 });
        });
        return command;
    }

    private static Command Grant()
    {
        var name = NameArgument();
        var role = RoleOption();
        var unit = UnitOption();
        var campaigns = CampaignOption();
        var command = new Command("grant", Words.W("access.users.grant.description")) { name, role, unit, campaigns };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var grant = GrantOf(result, role, unit, campaigns);
            var granted = await Accounts(services).GrantAsync(result.GetValue(name)!, grant, cancellationToken).ConfigureAwait(false);
            return Done(granted, Words.W("access.users.granted", ("grant", AccountRules.Describe(grant)), ("account", result.GetValue(name))));
        });
        return command;
    }

    private static Command Revoke()
    {
        var name = NameArgument();
        var role = RoleOption();
        var unit = UnitOption();
        var command = new Command("revoke", Words.W("access.users.revoke.description")) { name, role, unit };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var grant = GrantOf(result, role, unit, null);
            var revoked = await Accounts(services).RevokeAsync(result.GetValue(name)!, grant, cancellationToken).ConfigureAwait(false);
            return Done(revoked, Words.W("access.users.revoked", ("grant", AccountRules.Describe(grant)), ("account", result.GetValue(name))));
        });
        return command;
    }

    private static Command Remove()
    {
        var name = NameArgument();
        var command = new Command("remove", Words.W("access.users.remove.description")) { name };
        command.SetAction(async (result, services, cancellationToken) =>
            Done(await Accounts(services).RemoveAsync(result.GetValue(name)!, cancellationToken).ConfigureAwait(false), Words.W("access.users.removed", ("account", result.GetValue(name)))));
        return command;
    }

    private static Command Passwd()
    {
        var name = NameArgument();
        var stdin = PasswordStdinOption(Words.W("access.users.passwd.option_password_stdin"));
        stdin.Required = true;
        var command = new Command("passwd", Words.W("access.users.passwd.description")) { name, stdin };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var password = await ReadPasswordAsync(cancellationToken).ConfigureAwait(false) ?? "";
            var set = await Accounts(services).SetPasswordAsync(result.GetValue(name)!, password, cancellationToken).ConfigureAwait(false);
            return Done(set, Words.W("access.users.password_set", ("account", result.GetValue(name))));
        });
        return command;
    }

    private static Command Unlock()
    {
        var name = NameArgument();
        var command = new Command("unlock", Words.W("access.users.unlock.description")) { name };
        command.SetAction(async (result, services, cancellationToken) =>
            Done(await Accounts(services).UnlockAsync(result.GetValue(name)!, cancellationToken).ConfigureAwait(false), Words.W("access.users.unlocked", ("account", result.GetValue(name)))));
        return command;
    }

    private static Command SignOutEverywhere()
    {
        var name = NameArgument();
        var command = new Command("signout-everywhere", Words.W("access.users.signout_everywhere.description")) { name };
        command.SetAction(async (result, services, cancellationToken) =>
            Done(await Accounts(services).SignOutEverywhereAsync(result.GetValue(name)!, cancellationToken).ConfigureAwait(false),
                Words.W("access.users.signed_out", ("account", result.GetValue(name)))));
        return command;
    }

    private static Command TotpReset()
    {
        var name = NameArgument();
        var command = new Command("totp-reset", Words.W("access.users.totp_reset.description")) { name };
        command.SetAction(async (result, services, cancellationToken) =>
            Done(await Accounts(services).DisableTotpAsync(result.GetValue(name)!, cancellationToken).ConfigureAwait(false),
                Words.W("access.users.totp_is_off", ("account", result.GetValue(name)))));
        return command;
    }

    private static Command TotpEnroll()
    {
        var name = NameArgument();
        var command = new Command(
            "totp-enroll",
            Words.W("access.users.totp_enroll.description"))
        {
            name,
        };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var id = result.GetValue(name)!;
            var enrolled = await Accounts(services).EnrollTotpForAsync(id, cancellationToken).ConfigureAwait(false);
            if (enrolled.Value is not { } e)
            {
                return CliContext.Fail(enrolled);
            }

            Console.Out.WriteLine(Words.W("access.users.totp_secret", ("secret", e.Secret)));
            Console.Out.WriteLine(Words.W("access.users.totp_uri", ("uri", e.Uri)));
            Console.Error.WriteLine(Words.W("access.users.totp_next", ("account", id)));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command TotpConfirm()
    {
        var name = NameArgument();
        var code = new Argument<string>("code") { Description = Words.W("access.users.totp_confirm.arg_code") };
        var command = new Command("totp-confirm", Words.W("access.users.totp_confirm.description")) { name, code };
        command.SetAction(async (result, services, cancellationToken) =>
            Done(await Accounts(services).ConfirmTotpForAsync(result.GetValue(name)!, result.GetValue(code)!, cancellationToken).ConfigureAwait(false),
                Words.W("access.users.totp_is_on", ("account", result.GetValue(name)))));
        return command;
    }

    private static Command Language()
    {
        var name = NameArgument();
        string[] choices = [.. Languages.All, "default"];
        var language = new Argument<string>("language") { Description = Words.W("access.users.language.arg_language") };
        language.AcceptOnlyFromAmong(choices);
        var command = new Command("language", Words.W("access.users.language.description")) { name, language };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var chosen = result.GetValue(language);
            var set = await Accounts(services).SetLanguageAsync(result.GetValue(name)!, chosen == "default" ? null : chosen, cancellationToken).ConfigureAwait(false);
            if (set.Value is not { } account)
            {
                return CliContext.Fail(set);
            }

            Console.Out.WriteLine(Words.W("access.users.language_set", ("account", account.Id), ("language", account.Language ?? Words.W("access.users.language_default"))));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static int Done(Outcome outcome, string words)
    {
        if (!outcome.IsOk)
        {
            return CliContext.Fail(outcome);
        }

        Console.Out.WriteLine(words);
        return MercatoCli.Ok;
    }
}
