using Mercato.Features.Access;
using Mercato.Tests.UseCases;
using OtpNet;

namespace Mercato.Tests;

/// <summary>
/// <c>mercato users totp-enroll</c> and <c>totp-confirm</c>: an administrator gives an account (one that must have a second
/// factor before it may sign in) its secret on the store's machine, and confirms it with a code of the authenticator app.
/// </summary>
public class TotpCliTests
{
    private const string Password = "vivid-otter-staple-93";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TotpEnroll_PrintsTheSecretAndUriOnce_TotpConfirm_TurnsItOn_ThenSignInAsksForACode()
    {
        await using var w = await TestWorkspace.OpenAsync();
        var accounts = w.Get<AccountUseCases>();
        Expect.Ok(await accounts.AddAsync("root", "Root", "root@example.com", null, [new RoleGrant(Role.Admin)], Password, Ct));

        var unknown = await Cli.RunAsync(["users", "totp-enroll", "zoe", .. w.CliArgs]);
        var notStarted = await Cli.RunAsync(["users", "totp-confirm", "root", "123456", .. w.CliArgs]);
        var enroll = await Cli.RunAsync(["users", "totp-enroll", "root", .. w.CliArgs]);
        var lines = enroll.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var secret = lines[0]["secret (shown once): ".Length..];
        var mistyped = await Cli.RunAsync(["users", "totp-confirm", "root", "12345", .. w.CliArgs]);
        var offAfterMistype = (await accounts.GetAsync("root", Ct)).Value!.TotpEnabled;
        // The CLI runs on the real clock: the code of now is accepted in its step and one either side.
        var confirm = await Cli.RunAsync(["users", "totp-confirm", "root", new OtpNet.Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow), .. w.CliArgs]);
        var again = await Cli.RunAsync(["users", "totp-enroll", "root", .. w.CliArgs]);

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains(Messages.Text(AccessCodes.AccountNotFound, MessageArgs.Of(("account", "zoe"))), unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, notStarted.ExitCode);
        Assert.Contains(Messages.Text(AccessCodes.TotpNotEnrolled, MessageArgs.Of(("account", "root"))), notStarted.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, enroll.ExitCode);
        Assert.Equal(2, lines.Length);
        Assert.Equal(32, secret.Length);
        Assert.Equal("uri: " + Mercato.Core.Access.Totp.EnrolmentUri(secret, "root"), lines[1]);
        Assert.Contains("mercato users totp-confirm root CODE", enroll.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, mistyped.ExitCode);
        Assert.Contains(Messages.Text(AccessCodes.TotpInvalid), mistyped.Stderr, StringComparison.Ordinal);
        Assert.False(offAfterMistype);
        Assert.Equal((0, "second factor of root is on\n"), (confirm.ExitCode, confirm.Stdout));
        Assert.Equal(2, again.ExitCode);
        Assert.DoesNotContain("secret", again.Stdout, StringComparison.Ordinal);
        Assert.True((await accounts.GetAsync("root", Ct)).Value!.TotpEnabled);
        Expect.Refused(await accounts.SignInAsync("root", Password, null, Ct), AccessCodes.SignInTotpRequired, MessageArgs.Empty);
    }
}
