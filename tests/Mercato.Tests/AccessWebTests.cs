using System.Net;
using System.Net.Http.Headers;
using Mercato.Features.Access;
using Mercato.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Mercato.Tests;

/// <summary>
/// Sign-in and serving as the network sees them: lockout and the rate limit at the sign-in form, forms refused without the
/// antiforgery token, tokens refused when malformed or revoked and cut to their scope, a removed account's session ended,
/// the return address kept on this server, the security headers, and sign-in off refused beyond loopback.
/// </summary>
public sealed class AccessWebTests
{
    private const string Password = "web-test-pass-2026";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<RunningApp> StartAsync(params (string Key, string? Value)[] settings)
    {
        var app = await RunningApp.StartAsync(auth: true, settings: settings.ToDictionary(s => s.Key, s => s.Value));
        var accounts = app.Services.GetRequiredService<AccountUseCases>();
        Assert.True((await accounts.AddAsync("ann", "Ann", "ann@example.com", null, [new RoleGrant(Role.Analyst)], Password, Ct)).IsOk);
        return app;
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_TheRightOneIsRefusedUntilTheLockEnds()
    {
        await using var app = await StartAsync();
        using var browser = new WebBrowser(app, follow: false);
        for (var i = 0; i < 5; i++)
        {
            var wrong = await WebSessions.SignInAsync(browser.Client, "ann", "not-the-password-" + i);
            Assert.Equal(AccessCodes.SignInFailed, WebSessions.SignInRefusal(wrong.Html));
        }

        var right = await WebSessions.SignInAsync(browser.Client, "ann", Password);
        Assert.Equal(AccessCodes.SignInLocked, WebSessions.SignInRefusal(right.Html));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/datacenter", Ct)).StatusCode);

        // An administrator unlocks it from the command line's use case; then the right password signs in.
        Assert.True((await app.Services.GetRequiredService<AccountUseCases>().UnlockAsync("ann", Ct)).IsOk);
        var again = await WebSessions.SignInAsync(browser.Client, "ann", Password);
        Assert.Equal(HttpStatusCode.Redirect, again.Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/datacenter", Ct)).StatusCode);
    }

    [Fact]
    public async Task SignInAttempts_BeyondTheLimitPerMinute_Get429_OpeningThePageStaysFree()
    {
        await using var app = await StartAsync(("Mercato:SignInsPerMinute", "3"));
        using var browser = new WebBrowser(app, follow: false);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await WebSessions.SignInAsync(browser.Client, "nobody", "whatever-it-is-" + i)).Status);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/signin", Ct)).StatusCode);
    }

    [Fact]
    public async Task FormsWithoutTheAntiforgeryToken_AreRefused()
    {
        await using var app = await StartAsync();
        using var browser = new WebBrowser(app, follow: false);
        using var signIn = await browser.Client.PostAsync("/signin", new FormUrlEncodedContent(
            [new("_handler", "sign-in"), new("name", "ann"), new("password", Password)]), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Null(signIn.Headers.Location);

        Assert.Equal(HttpStatusCode.Redirect, (await WebSessions.SignInAsync(browser.Client, "ann", Password)).Status);
        using var signOut = await browser.Client.PostAsync("/signout", new FormUrlEncodedContent([new("everywhere", "true")]), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/datacenter", Ct)).StatusCode); // still signed in
    }

    [Fact]
    public async Task Tokens_MalformedOrRevoked_Get401WithTheReason_AnImportToken_ImportsAndReadsNothing()
    {
        await using var app = await StartAsync();
        var tokens = app.Services.GetRequiredService<TokenUseCases>();
        var import = (await tokens.CreateAsync("feed", "ann", TokenScope.Import, 30, Ct)).Value!;
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseAddress) };

        async Task<(HttpStatusCode Status, string Body)> AsAsync(string? token, HttpMethod method, string url, string? json = null)
        {
            using var request = new HttpRequestMessage(method, url);
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            if (json is not null)
            {
                request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request, Ct);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
        }

        const string Event = "[{\"kind\":\"touchpoints\",\"user_id\":\"u1\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"channel\":\"email\"}]";
        var malformed = await AsAsync("mct_short", HttpMethod.Get, "/api/v1/sources");
        Assert.Equal(HttpStatusCode.Unauthorized, malformed.Status);
        Assert.Contains("\"code\":\"token_malformed\"", malformed.Body, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await AsAsync(import.Raw, HttpMethod.Post, "/api/v1/events", Event)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await AsAsync(import.Raw, HttpMethod.Get, "/api/v1/sources")).Status);

        Assert.True((await tokens.RevokeAsync(import.Token.Id, Ct)).IsOk);
        var revoked = await AsAsync(import.Raw, HttpMethod.Post, "/api/v1/events", Event);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.Status);
        Assert.Contains("\"code\":\"token_revoked\"", revoked.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARemovedAccount_LosesItsSession_AtItsNextRequest()
    {
        await using var app = await StartAsync();
        var accounts = app.Services.GetRequiredService<AccountUseCases>();
        Assert.True((await accounts.AddAsync("root", "Root", "root@example.com", null, [new RoleGrant(Role.Admin)], Password, Ct)).IsOk);
        using var browser = new WebBrowser(app, follow: false);
        await WebSessions.SignInAsync(browser.Client, "ann", Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/datacenter", Ct)).StatusCode);

        Assert.True((await accounts.RemoveAsync("ann", Ct)).IsOk);
        using var after = await browser.Client.GetAsync("/datacenter", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/signin", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_GoesBackOnlyToAPathOfThisServer()
    {
        await using var app = await StartAsync();
        using var browser = new WebBrowser(app, follow: false);
        var local = await WebSessions.SignInAsync(browser.Client, "ann", Password, returnUrl: "/datacenter");
        Assert.Equal("/datacenter", local.Location!.OriginalString.Replace(app.BaseAddress, "", StringComparison.Ordinal));
        using var other = new WebBrowser(app, follow: false);
        var away = await WebSessions.SignInAsync(other.Client, "ann", Password, returnUrl: "//evil.example/x");
        Assert.Equal("/", away.Location!.OriginalString.Replace(app.BaseAddress, "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryAnswer_CarriesTheSecurityHeaders_AndTheSessionCookieIsHttpOnly()
    {
        await using var app = await StartAsync();
        using var browser = new WebBrowser(app, follow: false);
        using var page = await browser.Client.GetAsync("/signin", Ct);
        Assert.Equal(WebAccess.ContentSecurityPolicy, page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", page.Headers.GetValues("Referrer-Policy").Single());

        var page2 = await browser.Client.GetStringAsync("/signin", Ct);
        using var signIn = await browser.Client.PostAsync("/signin", new FormUrlEncodedContent(
            [new("_handler", "sign-in"), new("__RequestVerificationToken", WebSessions.AntiforgeryTokenOf(page2)), new("name", "ann"), new("password", Password)]), Ct);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mercato.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5190", false)]
    [InlineData("http://192.168.1.20:5190", false)]
    [InlineData("http://[::]:5190", false)]
    [InlineData("http://*:5190", false)]
    [InlineData("http://127.0.0.1:5190;http://localhost:5191", true)]
    [InlineData("http://[::1]:5190", true)]
    public async Task SignInOff_IsRefusedUnlessEveryAddressIsLoopback(string urls, bool accepted)
    {
        Assert.Equal(accepted, ServingGuard.NonLoopback(urls).Count == 0);
        using var dir = new TempDir();
        var (app, exit) = await MercatoHost.BuildAsync([], new Dictionary<string, string?>
        {
            ["Mercato:DataDir"] = dir.Path, ["Mercato:Urls"] = urls, ["Mercato:NoAuth"] = "true", ["Mercato:NoDemo"] = "true",
        }, TextWriter.Null, Ct);
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        Assert.Equal(accepted ? MercatoCli.Ok : MercatoCli.InvalidInput, exit);
    }
}
