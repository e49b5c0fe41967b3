using System.Net;
using System.Text.RegularExpressions;

namespace Mercato.Tests;

/// <summary>A browser of the access tests: its own cookie jar; redirects followed or not.</summary>
public sealed class WebBrowser(RunningApp app, bool follow = true) : IDisposable
{
    public HttpClient Client { get; } = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = follow })
    {
        BaseAddress = new Uri(app.BaseAddress),
    };

    public void Dispose() => Client.Dispose();
}

/// <summary>Signing in through the /signin form as a browser does.</summary>
public static partial class WebSessions
{
    /// <summary>The antiforgery token of the first form of <paramref name="html"/>.</summary>
    public static string AntiforgeryTokenOf(string html) => AntiforgeryToken().Match(html).Groups[1].Value;

    /// <summary>The code of the sign-in page's refusal, or null.</summary>
    public static string? SignInRefusal(string html) => SignInRefused().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>Posts the sign-in form; returns the answer (the page it leads to, or the form with its refusal).</summary>
    public static async Task<(HttpStatusCode Status, string Html, Uri? Location)> SignInAsync(
        HttpClient client, string name, string password, string? code = null, string? returnUrl = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var ct = TestContext.Current.CancellationToken;
        var page = await client.GetStringAsync("/signin", ct);
        List<KeyValuePair<string, string>> fields =
        [
            new("_handler", "sign-in"), new("__RequestVerificationToken", AntiforgeryTokenOf(page)), new("name", name), new("password", password), new("code", code ?? ""),
        ];
        if (returnUrl is not null)
        {
            fields.Add(new("returnUrl", returnUrl));
        }

        using var response = await client.PostAsync("/signin", new FormUrlEncodedContent(fields), ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(ct), response.Headers.Location ?? response.RequestMessage?.RequestUri);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("id=\"sign-in-refused\" data-code=\"([^\"]+)\"")]
    private static partial Regex SignInRefused();
}
