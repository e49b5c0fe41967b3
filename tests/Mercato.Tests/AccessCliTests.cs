using System.Text.Json;
using Mercato.Features.Access;
using Mercato.Tests.UseCases;

namespace Mercato.Tests;

/// <summary><c>mercato users</c> and <c>mercato tokens</c> as an administrator runs them on the store's machine.</summary>
public class AccessCliTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Runs the CLI with <paramref name="stdin"/> (a password, one line) piped to it, acting as <see cref="Cli.Actor"/>.</summary>
    private static Task<Cli.Outcome> RunAsync(string? stdin, params string[] args) =>
        Cli.RunWithInputAsync(stdin is null ? [] : System.Text.Encoding.UTF8.GetBytes(stdin + "\n"), args);

    [Fact]
    public async Task UsersAdd_PasswordFromStdinOrGeneratedOnce_BothSignIn_AndTheLastAdminStays()
    {
        await using var w = await TestWorkspace.OpenAsync();

        var first = await RunAsync("vivid-otter-staple-93", ["users", "add", "ann", "--email", "ann@example.com", "--role", "admin", "--password-stdin", .. w.CliArgs]);
        var second = await RunAsync(null, ["users", "add", "bo", "--email", "bo@example.com", "--display-name", "Bo Chen", "--role", "viewer", .. w.CliArgs]);
        var weak = await RunAsync("password", ["users", "add", "cy", "--email", "cy@example.com", "--role", "viewer", "--password-stdin", .. w.CliArgs]);
        var remove = await RunAsync(null, ["users", "remove", "ann", .. w.CliArgs]);
        var list = await RunAsync(null, ["users", "list", "--format", "json", .. w.CliArgs]);

        Assert.Equal((0, "added ann (admin)\n"), (first.ExitCode, first.Stdout));
        Assert.Equal(0, second.ExitCode);
        var generated = second.Stdout.Split('\n')[1].Split(": ")[1];
        Assert.Equal(AccountUseCases.GeneratedLength, generated.Length);
        var accounts = w.Get<AccountUseCases>();
        Expect.Ok(await accounts.SignInAsync("ann", "vivid-otter-staple-93", null, Ct));
        Assert.Equal("bo", Expect.Ok(await accounts.SignInAsync("bo", generated, null, Ct)).Id);
        Assert.Equal(2, weak.ExitCode);
        Assert.Contains(Messages.Text(AccessCodes.PasswordTooShort, MessageArgs.Of(("min", 12))), weak.Stderr, StringComparison.Ordinal);
        Assert.Contains(Messages.Text(AccessCodes.PasswordCommon), weak.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, remove.ExitCode);
        Assert.StartsWith("refused (access_last_admin): ", remove.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(list.Stdout);
        Assert.Equal(
            [("ann", "ann", "admin"), ("bo", "Bo Chen", "viewer")],
            json.RootElement.GetProperty("accounts").EnumerateArray()
                .Select(a => (a.GetProperty("id").GetString(), a.GetProperty("name").GetString(), a.GetProperty("grants")[0].GetProperty("role").GetString())));
    }

    [Fact]
    public async Task UsersGrant_AtAnUnknownUnit_ExitsTwo_AndChangesNothing_UnlockAndPasswdWork()
    {
        await using var w = await TestWorkspace.OpenAsync();
        await RunAsync("vivid-otter-staple-93", ["users", "add", "ann", "--email", "ann@example.com", "--role", "admin", "--password-stdin", .. w.CliArgs]);
        var accounts = w.Get<AccountUseCases>();
        for (var i = 0; i < 5; i++)
        {
            await accounts.SignInAsync("ann", "wrong-password", null, Ct);
        }

        var grant = await RunAsync(null, ["users", "grant", "ann", "--role", "unit_lead", "--unit", "nowhere", .. w.CliArgs]);
        var unlock = await RunAsync(null, ["users", "unlock", "ann", .. w.CliArgs]);
        var passwd = await RunAsync("another-long-passphrase", ["users", "passwd", "ann", "--password-stdin", .. w.CliArgs]);

        Assert.Equal(2, grant.ExitCode);
        Assert.Contains("grant.unit: " + Messages.Text(AccessCodes.UnitUnknown, MessageArgs.Of(("unit", "nowhere"))), grant.Stderr, StringComparison.Ordinal);
        Assert.Equal([new RoleGrant(Role.Admin)], Expect.Ok(await accounts.GetAsync("ann", Ct)).Grants);
        Assert.Equal((0, 0), (unlock.ExitCode, passwd.ExitCode));
        Expect.Refused(await accounts.SignInAsync("ann", "vivid-otter-staple-93", null, Ct), AccessCodes.SignInFailed, MessageArgs.Empty);
        Expect.Ok(await accounts.SignInAsync("ann", "another-long-passphrase", null, Ct));
    }

    [Fact]
    public async Task Tokens_CreatePrintsTheTokenOnce_ItAuthenticates_ListShowsNoSecret_RevokeEndsIt()
    {
        await using var w = await TestWorkspace.OpenAsync();
        await RunAsync(null, ["users", "add", "etl", "--email", "etl@example.com", "--role", "analyst", .. w.CliArgs]);

        var create = await RunAsync(null, ["tokens", "create", "nightly import", "--user", "etl", "--scope", "read", "--expires", "30", .. w.CliArgs]);
        var unknownUser = await RunAsync(null, ["tokens", "create", "x", "--user", "zoe", .. w.CliArgs]);
        var raw = create.Stdout.Trim();
        var principal = Expect.Ok(await w.Get<TokenUseCases>().AuthenticateAsync(raw, Ct));
        var list = await RunAsync(null, ["tokens", "list", "--format", "json", .. w.CliArgs]);
        var id = TokenFormat.Parse(raw).Value!;
        var revoke = await RunAsync(null, ["tokens", "revoke", id, .. w.CliArgs]);
        var again = await RunAsync(null, ["tokens", "revoke", "nosuchid", .. w.CliArgs]);

        Assert.Equal(0, create.ExitCode);
        Assert.Contains("shown once", create.Stderr, StringComparison.Ordinal);
        Assert.Equal(new Principal("etl", [new RoleGrant(Role.Analyst)], null, TokenScope.Read), principal);
        Assert.Equal(1, unknownUser.ExitCode);
        Assert.Contains(Messages.Text(AccessCodes.AccountNotFound, MessageArgs.Of(("account", "zoe"))), unknownUser.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(raw, list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(TokenFormat.Hash(raw), list.Stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(list.Stdout);
        var token = Assert.Single(json.RootElement.GetProperty("tokens").EnumerateArray());
        Assert.Equal((id, "nightly import", "etl", "read", "active"),
            (token.GetProperty("id").GetString(), token.GetProperty("name").GetString(), token.GetProperty("account").GetString(),
             token.GetProperty("scope").GetString(), token.GetProperty("state").GetString()));
        Assert.Equal(0, revoke.ExitCode);
        Assert.Equal(AccessCodes.TokenRevoked, (await w.Get<TokenUseCases>().AuthenticateAsync(raw, Ct)).Code);
        Assert.Equal(1, again.ExitCode);
    }

    [Fact]
    public void GrantRefusals_ReadWithAndWithoutAUnit()
    {
        string T(string code, string? unit) =>
            Messages.Text(code, MessageArgs.Of(("account", "ann"), ("role", "viewer"), ("unit", unit)), System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal("account \"ann\" holds viewer at unit \"brand\" already", T(AccessCodes.GrantHeld, "brand"));
        Assert.Equal("account \"ann\" holds viewer already", T(AccessCodes.GrantHeld, null));
        Assert.Equal("account \"ann\" does not hold viewer for the whole organization", T(AccessCodes.GrantNotHeld, null));
        Assert.Equal("account \"ann\" does not hold viewer at unit \"brand\"", T(AccessCodes.GrantNotHeld, "brand"));
    }
}
