using System.Net;
using System.Text.RegularExpressions;
using Mercato.Features.Access;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Mercato.Tests;

/// <summary>
/// The account page over HTTP against the real app with sign-in on: a person signs in through /signin with a browser's
/// cookie jar, changes their password (other sessions end, theirs stays), enrols a second factor with a code their
/// authenticator app computes, turns it off; every refusal is on the page with its code and changes nothing.
/// </summary>
public partial class AccountPageTests
{
    private const string Password = "vivid-otter-staple-93";
    private const string NextPassword = "amber-kettle-orbit-57";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<RunningApp> StartWithAsync(string name = "bo")
    {
        var app = await RunningApp.StartAsync(auth: true);
        var accounts = app.Services.GetRequiredService<AccountUseCases>();
        Assert.True((await accounts.AddAsync(name, "Bo Chen", name + "@example.com", null, [new RoleGrant(Role.Viewer)], Password, Ct)).IsOk);
        return app;
    }

    /// <summary>Posts the account page's form <paramref name="formId"/> as read in <paramref name="html"/> (or now), with <paramref name="changes"/>.</summary>
    private static async Task<string> SubmitAsync(HttpClient client, string formId, IReadOnlyDictionary<string, string>? changes = null, string? html = null)
    {
        html ??= await client.GetStringAsync("/account", Ct);
        var fields = PageForms.Fields(html, formId);
        foreach (var (name, value) in changes ?? new Dictionary<string, string>())
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }

        using var response = await client.PostAsync("/account", new FormUrlEncodedContent(fields), Ct);
        var answer = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, response.StatusCode + ": " + answer);
        return answer;
    }

    private static string? RefusalCode(string html) => RefusedCode().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    private static async Task<Account?> StoredAsync(RunningApp app, string id) =>
        (await app.Services.GetRequiredService<IDocumentStore>().GetAsync(Account.Documents, id, Ct))?.Value;

    /// <summary>The code an authenticator app shows for <paramref name="secret"/> at <paramref name="at"/> (SHA-1, 6 digits, 30 s).</summary>
    private static string CodeOf(string secret, DateTime at) => new OtpNet.Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(at);

    [Fact]
    public async Task ChangingThePassword_OnTheAccountPage_EndsOtherSessions_ThisBrowserStaysSignedIn()
    {
        await using var app = await StartWithAsync();
        using var mine = new WebBrowser(app);
        using var other = new WebBrowser(app, follow: false);
        await WebSessions.SignInAsync(mine.Client, "bo", Password);
        var otherSignIn = await WebSessions.SignInAsync(other.Client, "bo", Password);
        Assert.Equal(HttpStatusCode.Redirect, otherSignIn.Status);
        using (var before = await other.Client.GetAsync("/account", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var page = await mine.Client.GetStringAsync("/account", Ct);
        var wrong = await SubmitAsync(mine.Client, "password-form", new Dictionary<string, string> { ["current"] = "not-my-password-at-all", ["next"] = NextPassword, ["repeat"] = NextPassword });
        var differ = await SubmitAsync(mine.Client, "password-form", new Dictionary<string, string> { ["current"] = Password, ["next"] = NextPassword, ["repeat"] = NextPassword + "x" });
        var weak = await SubmitAsync(mine.Client, "password-form", new Dictionary<string, string> { ["current"] = Password, ["next"] = "short", ["repeat"] = "short" });
        var stampBefore = (await StoredAsync(app, "bo"))!.SessionStamp;
        using (var stillIn = await other.Client.GetAsync("/account", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        }

        var done = await SubmitAsync(mine.Client, "password-form", new Dictionary<string, string> { ["current"] = Password, ["next"] = NextPassword, ["repeat"] = NextPassword });

        Assert.Contains("<code>bo</code>", page, StringComparison.Ordinal);
        Assert.Contains("bo@example.com", page, StringComparison.Ordinal);
        Assert.Contains("Bo Chen", page, StringComparison.Ordinal);
        Assert.Contains("data-role=\"viewer\"", page, StringComparison.Ordinal);
        Assert.Equal(AccessCodes.PasswordWrong, RefusalCode(wrong));
        Assert.Contains(Html.Encode(Messages.Text(AccessCodes.PasswordWrong)), wrong, StringComparison.Ordinal);
        Assert.Equal(AccessCodes.PasswordRepeatDiffers, RefusalCode(differ));
        Assert.Equal(AccessCodes.PasswordTooShort, RefusalCode(weak));
        Assert.Contains("id=\"account-done\"", done, StringComparison.Ordinal);
        Assert.NotEqual(stampBefore, (await StoredAsync(app, "bo"))!.SessionStamp);
        using var otherAfter = await other.Client.GetAsync("/account", Ct);
        Assert.Equal(HttpStatusCode.Redirect, otherAfter.StatusCode);
        Assert.StartsWith("/signin", otherAfter.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var mineAfter = await mine.Client.GetAsync("/account", Ct);
        Assert.Equal(HttpStatusCode.OK, mineAfter.StatusCode);
        Assert.Equal("/account", mineAfter.RequestMessage!.RequestUri!.AbsolutePath);
        var accounts = app.Services.GetRequiredService<AccountUseCases>();
        Assert.Equal(AccessCodes.SignInFailed, (await accounts.SignInAsync("bo", Password, null, Ct)).Code);
        Assert.True((await accounts.SignInAsync("bo", NextPassword, null, Ct)).IsOk);
    }

    [Fact]
    public async Task SecondFactor_EnrolledOnTheAccountPage_WithAnAppsCode_ThenSignInAsksForIt_AndTurnsOffOnlyWithAProof()
    {
        await using var app = await StartWithAsync();
        using var mine = new WebBrowser(app);
        await WebSessions.SignInAsync(mine.Client, "bo", Password);

        var setUp = await SubmitAsync(mine.Client, "totp-setup-form");
        var secret = SecretShown().Match(setUp).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        var uri = System.Net.WebUtility.HtmlDecode(UriShown().Match(setUp).Groups[1].Value);
        var mistyped = await SubmitAsync(mine.Client, "totp-confirm-form", new Dictionary<string, string> { ["code"] = "12345" }, setUp);
        var offAfterMistype = (await StoredAsync(app, "bo"))!.TotpEnabled;
        // The app uses the real clock (TimeProvider.System): the code of now is accepted in its step and one either side.
        var confirmed = await SubmitAsync(mine.Client, "totp-confirm-form", new Dictionary<string, string> { ["code"] = CodeOf(secret, DateTime.UtcNow) }, mistyped);

        Assert.Equal(32, secret.Length);
        Assert.Equal($"otpauth://totp/Mercato:bo?secret={secret}&issuer=Mercato&algorithm=SHA1&digits=6&period=30", uri);
        Assert.Contains($"href=\"{Html.Encode(uri)}\"", setUp, StringComparison.Ordinal);
        Assert.Equal(AccessCodes.TotpInvalid, RefusalCode(mistyped));
        Assert.False(offAfterMistype);
        Assert.Contains("id=\"totp-secret\"", mistyped, StringComparison.Ordinal);
        Assert.Contains("id=\"account-done\"", confirmed, StringComparison.Ordinal);
        Assert.Contains("id=\"totp-on\"", confirmed, StringComparison.Ordinal);
        Assert.True((await StoredAsync(app, "bo"))!.TotpEnabled);

        using var later = new WebBrowser(app, follow: false);
        var withoutCode = await WebSessions.SignInAsync(later.Client, "bo", Password);
        // The next step's code: the confirming code's step is used, and a code is good once.
        var withCode = await WebSessions.SignInAsync(later.Client, "bo", Password, CodeOf(secret, DateTime.UtcNow.AddSeconds(30)));
        using var signedIn = await later.Client.GetAsync("/account", Ct);

        Assert.Equal(HttpStatusCode.OK, withoutCode.Status);
        Assert.Equal(AccessCodes.SignInTotpRequired, WebSessions.SignInRefusal(withoutCode.Html));
        Assert.Equal(HttpStatusCode.Redirect, withCode.Status);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);

        var noProof = await SubmitAsync(mine.Client, "totp-off-form");
        var wrongPassword = await SubmitAsync(mine.Client, "totp-off-form", new Dictionary<string, string> { ["password"] = "not-my-password-at-all" });
        var stillOn = (await StoredAsync(app, "bo"))!.TotpEnabled;
        var off = await SubmitAsync(mine.Client, "totp-off-form", new Dictionary<string, string> { ["password"] = Password });

        Assert.Equal(AccessCodes.TotpProofRequired, RefusalCode(noProof));
        Assert.Equal(AccessCodes.PasswordWrong, RefusalCode(wrongPassword));
        Assert.True(stillOn);
        Assert.Contains("id=\"totp-off-state\"", off, StringComparison.Ordinal);
        Assert.Null((await StoredAsync(app, "bo"))!.TotpSecret);
    }

    [Fact]
    public async Task SignOutEverywhere_FromTheAccountPage_EndsEverySessionOfTheAccount()
    {
        await using var app = await StartWithAsync();
        using var mine = new WebBrowser(app, follow: false);
        using var other = new WebBrowser(app, follow: false);
        await WebSessions.SignInAsync(mine.Client, "bo", Password);
        await WebSessions.SignInAsync(other.Client, "bo", Password);
        var page = await mine.Client.GetStringAsync("/account", Ct);

        using var signedOut = await mine.Client.PostAsync("/signout", new FormUrlEncodedContent(PageForms.Fields(page, "signout-everywhere-form")), Ct);

        Assert.Contains("action=\"/signout\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        foreach (var browser in new[] { mine, other })
        {
            using var after = await browser.Client.GetAsync("/account", Ct);
            Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
            Assert.StartsWith("/signin", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AFormPostWithoutTheAntiforgeryToken_IsRefused_AndChangesNothing()
    {
        await using var app = await StartWithAsync();
        using var mine = new WebBrowser(app);
        await WebSessions.SignInAsync(mine.Client, "bo", Password);
        var before = await StoredAsync(app, "bo");

        using var response = await mine.Client.PostAsync("/account", new FormUrlEncodedContent(
        [
            new("_handler", "change-password"), new("current", Password), new("next", NextPassword), new("repeat", NextPassword),
        ]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await StoredAsync(app, "bo"));
        using var page = await mine.Client.GetAsync("/account", Ct);
        Assert.Equal("/account", page.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task WithSignInOff_TheAccountPage_SaysThereIsNoAccount()
    {
        await using var app = await RunningApp.StartAsync();

        var page = await app.Client.GetStringAsync("/account", Ct);

        Assert.Contains("id=\"account-no-auth\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"password-form\"", page, StringComparison.Ordinal);
    }

    [GeneratedRegex("id=\"account-refused\" data-code=\"([^\"]+)\"")]
    private static partial Regex RefusedCode();

    [GeneratedRegex("id=\"totp-secret\">([A-Z2-7 ]+)<")]
    private static partial Regex SecretShown();

    [GeneratedRegex("id=\"totp-uri\">([^<]+)<")]
    private static partial Regex UriShown();
}
