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
        new("users", "Accounts that sign in: add, list, grant and revoke roles, remove, set a password, unlock, sign out everywhere, enrol or reset the second factor")
        {
            Add(), List(), Grant(), Revoke(), Remove(), Passwd(), Unlock(), SignOutEverywhere(), TotpReset(), TotpEnroll(), TotpConfirm(),
        };

    private static AccountUseCases Accounts(IServiceProvider services) => services.GetRequiredService<AccountUseCases>();

    private static Argument<string> NameArgument() => new("name") { Description = "The account's sign-in name (lower-case letters, digits, '.', '_', '-')" };

    private static Option<string> RoleOption() =>
        new Option<string>("--role") { Description = "The role: " + string.Join(", ", EnumWords.All<Role>()), Required = true }.AcceptingRoles();

    private static Option<string> AcceptingRoles(this Option<string> option)
    {
        option.AcceptOnlyFromAmong([.. EnumWords.All<Role>()]);
        return option;
    }

    private static Option<string?> UnitOption() => new("--unit") { Description = "The unit the role is granted at (and below); none: the whole organization" };

    private static Option<string[]> CampaignOption() => new("--campaign") { Description = "For an agency: a campaign it is named on; repeat for more", AllowMultipleArgumentsPerToken = false };

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
        var email = new Option<string>("--email") { Description = "The e-mail address", Required = true };
        var display = new Option<string?>("--display-name") { Description = "The name shown (default: the sign-in name)" };
        var person = new Option<string?>("--person") { Description = "The person of the people directory the account is" };
        var role = RoleOption();
        var unit = UnitOption();
        var campaigns = CampaignOption();
        var stdin = PasswordStdinOption("Read the password from the first line of standard input; without it a password is generated and printed once");
        var command = new Command("add", "Add an account with one role (grant more with users grant); the password from standard input, else a generated one printed once")
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
            Console.Out.WriteLine($"added {account.Id} ({string.Join(", ", account.Grants.Select(AccountRules.Describe))})");
            if (generated is not null)
            {
                Console.Out.WriteLine("password (shown once, change it after signing in): " + generated);
            }

            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("list", "Every account: roles, second factor, lockout, and whether its person is still in the people directory") { format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var accounts = await Accounts(services).ListAsync(cancellationToken).ConfigureAwait(false);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(new { accounts });
                return MercatoCli.Ok;
            }

            if (accounts.Count == 0)
            {
                Console.Out.WriteLine("no accounts: add the first with mercato users add NAME --email E --role admin");
                return MercatoCli.Ok;
            }

            CliContext.WriteTable(
                ["id", "name", "email", "person", "roles", "totp", "locked until", "failures"],
                accounts.Select(a => (IReadOnlyList<string>)
                [
                    a.Id, a.Name, a.Email, a.Person is null ? "" : a.Person + (a.PersonMissing ? " (not in the directory)" : ""),
                    string.Join(", ", a.Grants.Select(AccountRules.Describe)), a.TotpEnabled ? "on" : "off",
                    a.LockedUntil is { } until ? until.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture) : "",
                    a.FailedSignIns.ToString(CultureInfo.InvariantCulture),
                ]),
                new HashSet<int> { 7 });
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Grant()
    {
        var name = NameArgument();
        var role = RoleOption();
        var unit = UnitOption();
        var campaigns = CampaignOption();
        var command = new Command("grant", "Grant a role at a unit (or the whole organization); an agency names its campaigns") { name, role, unit, campaigns };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var grant = GrantOf(result, role, unit, campaigns);
            var granted = await Accounts(services).GrantAsync(result.GetValue(name)!, grant, cancellationToken).ConfigureAwait(false);
            return Done(granted, $"granted {AccountRules.Describe(grant)} to {result.GetValue(name)}");
        });
        return command;
    }

    private static Command Revoke()
    {
        var name = NameArgument();
        var role = RoleOption();
        var unit = UnitOption();
        var command = new Command("revoke", "Revoke a role held at a unit (or the whole organization); the last administrator keeps theirs") { name, role, unit };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var grant = GrantOf(result, role, unit, null);
            var revoked = await Accounts(services).RevokeAsync(result.GetValue(name)!, grant, cancellationToken).ConfigureAwait(false);
            return Done(revoked, $"revoked {AccountRules.Describe(grant)} from {result.GetValue(name)}");
        });
        return command;
    }

    private static Command Remove()
    {
        var name = NameArgument();
        var command = new Command("remove", "Remove an account and its API tokens; the last administrator stays") { name };
        command.SetAction(async (result, services, cancellationToken) =>
            Done(await Accounts(services).RemoveAsync(result.GetValue(name)!, cancellationToken).ConfigureAwait(false), $"removed {result.GetValue(name)}"));
        return command;
    }

    private static Command Passwd()
    {
        var name = NameArgument();
        var stdin = PasswordStdinOption("Read the new password from the first line of standard input (required)");
        stdin.Required = true;
        var command = new Command("passwd", "Set an account's password (from standard input); every session of the account ends") { name, stdin };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var password = await ReadPasswordAsync(cancellationToken).ConfigureAwait(false) ?? "";
            var set = await Accounts(services).SetPasswordAsync(result.GetValue(name)!, password, cancellationToken).ConfigureAwait(false);
            return Done(set, $"password set for {result.GetValue(name)}; its sessions have ended");
        });
        return command;
    }

    private static Command Unlock()
    {
        var name = NameArgument();
        var command = new Command("unlock", "Lift a lockout after failed sign-ins") { name };
        command.SetAction(async (result, services, cancellationToken) =>
            Done(await Accounts(services).UnlockAsync(result.GetValue(name)!, cancellationToken).ConfigureAwait(false), $"unlocked {result.GetValue(name)}"));
        return command;
    }

    private static Command SignOutEverywhere()
    {
        var name = NameArgument();
        var command = new Command("signout-everywhere", "End every session of an account (its browsers must sign in again; API tokens are not affected)") { name };
        command.SetAction(async (result, services, cancellationToken) =>
            Done(await Accounts(services).SignOutEverywhereAsync(result.GetValue(name)!, cancellationToken).ConfigureAwait(false),
                $"signed {result.GetValue(name)} out everywhere"));
        return command;
    }

    private static Command TotpReset()
    {
        var name = NameArgument();
        var command = new Command("totp-reset", "Turn an account's second factor off (a lost phone); the person enrols again after signing in") { name };
        command.SetAction(async (result, services, cancellationToken) =>
            Done(await Accounts(services).DisableTotpAsync(result.GetValue(name)!, cancellationToken).ConfigureAwait(false),
                $"second factor of {result.GetValue(name)} is off"));
        return command;
    }

    private static Command TotpEnroll()
    {
        var name = NameArgument();
        var command = new Command(
            "totp-enroll",
            "Start an account's second factor (an administrator who must have one before signing in): prints the secret and the otpauth URI once; confirm with totp-confirm")
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

            Console.Out.WriteLine("secret (shown once): " + e.Secret);
            Console.Out.WriteLine("uri: " + e.Uri);
            Console.Error.WriteLine($"add it to an authenticator app, then run: mercato users totp-confirm {id} CODE");
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command TotpConfirm()
    {
        var name = NameArgument();
        var code = new Argument<string>("code") { Description = "The 6-digit code the authenticator app shows now" };
        var command = new Command("totp-confirm", "Confirm an account's second factor with a first code; from then on its sign-in asks for a code") { name, code };
        command.SetAction(async (result, services, cancellationToken) =>
            Done(await Accounts(services).ConfirmTotpForAsync(result.GetValue(name)!, result.GetValue(code)!, cancellationToken).ConfigureAwait(false),
                $"second factor of {result.GetValue(name)} is on"));
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
