using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Mercato.Core.Access;
using Mercato.Features.Access;
using Mercato.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Mercato.Benchmarks;

/// <summary>How a benchmark request reaches the app.</summary>
public enum AccessMode
{
    /// <summary>Sign-in off (<c>--no-auth</c>): every request an administrator, no authentication at all.</summary>
    NoAuth,

    /// <summary>Sign-in on, <c>Authorization: Bearer mct_...</c> with a <c>read</c> token of an executive.</summary>
    Bearer,

    /// <summary>Sign-in on, the session cookie of the executive signed in through the <c>/signin</c> form.</summary>
    Cookie,
}

/// <summary>
/// What authorization costs a request: the real app (<see cref="MercatoHost"/>, Kestrel on a loopback port, in this
/// process) over the small demo, called over HTTP with sign-in off, with a bearer token and with a signed-in cookie, for
/// two API reads and two pages. Each (mode, request) runs in its own process, which starts the app the mode needs over the
/// one shared store (<see cref="AccessApp.DataDirectory"/>: the demo is loaded by the first start and reused after).
/// The overhead of sign-in is the median with it minus the median without.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class AccessBenchmarks
{
    private AccessApp _app = null!;

    [Params(AccessMode.NoAuth, AccessMode.Bearer, AccessMode.Cookie)]
    public AccessMode Access { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _app = AccessApp.StartAsync(Access).GetAwaiter().GetResult();
        // Every request answers 200 as this mode, before anything is timed: a redirect to the sign-in page or a 401
        // would be fast and wrong.
        foreach (var path in AccessApp.Paths)
        {
            _app.GetAsync(path).GetAwaiter().GetResult();
        }

        // Every case of a run shares one process (--inProcess) or starts a new one: either way the app's code is brought
        // to its optimized tier before anything is timed, so the first cases measured do not pay for the JIT.
        foreach (var path in AccessApp.Paths)
        {
            var warming = Stopwatch.StartNew();
            for (var i = 0; i < 60 && warming.Elapsed < TimeSpan.FromSeconds(2); i++)
            {
                _app.GetAsync(path).GetAwaiter().GetResult();
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _app.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary><c>GET /api/v1/campaigns/</c>: every campaign, the lightest API read.</summary>
    [Benchmark]
    public Task<int> CampaignsApi() => _app.GetAsync(AccessApp.CampaignsApi);

    /// <summary><c>GET /api/v1/measurement/roi</c>: last month's ROI by channel, a heavy API read (the journey pass).</summary>
    [Benchmark]
    public Task<int> RoiApi() => _app.GetAsync(AccessApp.RoiApi);

    /// <summary><c>GET /campaigns</c>: the campaigns page, rendered on the server.</summary>
    [Benchmark]
    public Task<int> CampaignsPage() => _app.GetAsync(AccessApp.CampaignsPage);

    /// <summary><c>GET /campaigns/board</c>: the board page, every campaign by stage.</summary>
    [Benchmark]
    public Task<int> BoardPage() => _app.GetAsync(AccessApp.BoardPage);
}

/// <summary>
/// The real app started as <see cref="AccessBenchmarks"/> and <see cref="AccessQueryCount"/> need it, with an HTTP client
/// that calls it in one <see cref="AccessMode"/>: an executive account (<see cref="Name"/>) and a <c>read</c> token are made
/// through the use cases, as the server's administrator, and the cookie comes from posting the sign-in form.
/// </summary>
internal sealed partial class AccessApp : IAsyncDisposable
{
    public const string CampaignsApi = "/api/v1/campaigns/";
    public const string RoiApi = "/api/v1/measurement/roi";
    public const string CampaignsPage = "/campaigns";
    public const string BoardPage = "/campaigns/board";

    /// <summary>The executive the benchmark signs in as.</summary>
    public const string Name = "exec-bench";

    private const string Password = "quiet-harbor-lantern-58";

    private readonly WebApplication _app;
    private readonly HttpClient _client;

    private AccessApp(WebApplication app, HttpClient client)
    {
        _app = app;
        _client = client;
    }

    public static IReadOnlyList<string> Paths { get; } = [CampaignsApi, RoiApi, CampaignsPage, BoardPage];

    /// <summary>The small demo's store, shared by every process of the suite: benchmarks/work/access-small-demo.</summary>
    public static string DataDirectory { get; } =
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "work", "access-small-demo"));

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts the app over <see cref="DataDirectory"/> (SQLite) or, with <paramref name="postgres"/>, over that server's
    /// connection string; sign-in off for <see cref="AccessMode.NoAuth"/>, else on, with the client signed in as the mode says.
    /// </summary>
    public static async Task<AccessApp> StartAsync(AccessMode mode, string? postgres = null)
    {
        Directory.CreateDirectory(DataDirectory);
        var overrides = new Dictionary<string, string?>
        {
            ["Mercato:DataDir"] = DataDirectory,
            ["Mercato:Urls"] = "http://127.0.0.1:0",
            // The demo is loaded into the store by the first start and found there by every later one.
            ["Mercato:NoDemo"] = "false",
            ["Mercato:DemoScale"] = "small",
            ["Mercato:NoAuth"] = mode == AccessMode.NoAuth ? "true" : "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (postgres is not null)
        {
            overrides["Mercato:Store"] = "postgres";
            overrides["Mercato:Connection"] = postgres;
        }

        var (app, exit) = await MercatoHost.BuildAsync([], overrides, TextWriter.Null);
        if (app is null)
        {
            throw new InvalidOperationException("the app did not build: exit " + exit);
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var cookies = new CookieContainer();
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = new Uri(address),
        };
        var started = new AccessApp(app, client);
        switch (mode)
        {
            case AccessMode.Bearer:
                await started.EnsureAccountAsync();
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await started.NewTokenAsync());
                break;
            case AccessMode.Cookie:
                await started.EnsureAccountAsync();
                await started.SignInAsync();
                break;
            default:
                break;
        }

        return started;
    }

    /// <summary>Reads <paramref name="path"/> whole; anything but 200 is an error.</summary>
    public async Task<int> GetAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.OK
            ? body.Length
            : throw new InvalidOperationException("GET " + path + " answered " + (int)response.StatusCode + " " + response.Headers.Location);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // Outside a request the use cases act as the server's administrator.
    private async Task EnsureAccountAsync()
    {
        var accounts = _app.Services.GetRequiredService<AccountUseCases>();
        var added = await accounts.AddAsync(Name, "Executive (benchmark)", "exec@bench.example", null, [new RoleGrant(Role.Executive)], Password, default);
        if (!added.IsOk && added.Code != AccessCodes.AccountExists)
        {
            throw new InvalidOperationException("the benchmark's account was refused: " + added.Code);
        }
    }

    private async Task<string> NewTokenAsync()
    {
        var created = await _app.Services.GetRequiredService<TokenUseCases>().CreateAsync("access-benchmark", Name, TokenScope.Read, 1, default);
        return created.Value?.Raw ?? throw new InvalidOperationException("the benchmark's token was refused: " + created.Code);
    }

    private async Task SignInAsync()
    {
        var form = await _client.GetStringAsync("/signin");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var body = new FormUrlEncodedContent(
        [
            new("_handler", "sign-in"),
            new("__RequestVerificationToken", token),
            new("returnUrl", "/"),
            new("name", Name),
            new("password", Password),
        ]);
        using var response = await _client.PostAsync("/signin", body);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException("sign-in answered " + (int)response.StatusCode + ": " + await response.Content.ReadAsStringAsync());
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
