using System.Diagnostics;
using System.Text;
using Mercato.Core.Campaigns;
using Mercato.Core.Organization;
using Mercato.Features.Campaigns;
using Mercato.Features.Organization;
using Mercato.Features.People;
using Mercato.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Mercato.Tests;

/// <summary>A temporary directory that deletes itself.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mercato-test-" + Guid.NewGuid().ToString("N"));

    public string File(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Runs the real <c>mercato</c> executable as a child process.</summary>
public static class Cli
{
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "mercato.dll");

    /// <summary>Who the CLI acts as in the tests (<c>MERCATO_ACTOR</c>).</summary>
    public const string Actor = "cmo";

    /// <summary>Runs the CLI with <paramref name="stdin"/> as its standard input, acting as <see cref="Actor"/>.</summary>
    public static async Task<Outcome> RunWithInputAsync(byte[] stdin, params string[] args)
    {
        using var process = Start(args, redirectInput: true);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }

    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static Process Start(IEnumerable<string> args, IDictionary<string, string>? environment = null, bool redirectInput = false)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("MERCATO_DATA_DIR");
        // The tests' acting person on the command line: every change the CLI makes is recorded as theirs.
        info.Environment["MERCATO_ACTOR"] = Actor;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return Process.Start(info)!;
    }

    public static async Task<Outcome> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>The real app on a loopback port with its own data directory.</summary>
public sealed class RunningApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningApp(WebApplication app, TempDir dir, string baseAddress)
    {
        _app = app;
        Dir = dir;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = new Uri(baseAddress) };
    }

    public TempDir Dir { get; }

    public string BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Posts a page's form as a browser would: reads the page for its antiforgery token, then posts the fields with the
    /// form's name (<c>_handler</c>). Redirects are followed, so a done action returns the page it leads to.
    /// </summary>
    public async Task<(System.Net.HttpStatusCode Status, string Html)> PostFormAsync(string path, string form, params (string Name, string Value)[] fields)
    {
        var page = await Client.GetStringAsync(path);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        List<KeyValuePair<string, string>> body = [new("_handler", form), new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))];
        using var response = await Client.PostAsync(path, new FormUrlEncodedContent(body));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Posts the form <paramref name="formId"/> as a browser would after the user changed <paramref name="changes"/>: every
    /// field with the value the page rendered (inputs, checked boxes, textareas, selected options, the form's name and
    /// token), from <paramref name="html"/> when given (a page read earlier: the form as it was then), else read now.
    /// </summary>
    public async Task<(System.Net.HttpStatusCode Status, string Html)> SubmitAsync(string path, string formId, IReadOnlyDictionary<string, string>? changes = null, string? html = null)
    {
        html ??= await Client.GetStringAsync(path);
        var fields = PageForms.Fields(html, formId);
        foreach (var (name, value) in changes ?? new Dictionary<string, string>())
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }

        using var response = await Client.PostAsync(path, new FormUrlEncodedContent(fields));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The store the app runs on: <c>--data-dir</c> and, for PostgreSQL, <c>--store</c> and <c>--connection</c>.</summary>
    public string[] CliArgs => _connection is null
        ? ["--data-dir", Dir.Path]
        : ["--data-dir", Dir.Path, "--store", "postgres", "--connection", _connection];

    private string? _connection;
    private string? _schema;

    /// <summary>
    /// Starts the app on a fresh store: SQLite in a temporary data directory, or a fresh schema on the tests' PostgreSQL
    /// server (skipped without one, failed in CI). Sign-in is off (every request an administrator) unless
    /// <paramref name="auth"/>: the access tests turn it on; the others test features, not access.
    /// </summary>
    public static async Task<RunningApp> StartAsync(bool demo = false, long? maxImportBytes = null, TestStoreKind store = TestStoreKind.Sqlite, string? actor = null,
        bool auth = false, IReadOnlyDictionary<string, string?>? settings = null, Func<string, CancellationToken, Task>? demoStep = null)
    {
        var dir = new TempDir();
        var overrides = new Dictionary<string, string?>
        {
            ["Mercato:DataDir"] = dir.Path,
            ["Mercato:Urls"] = "http://127.0.0.1:0",
            ["Mercato:NoDemo"] = demo ? "false" : "true",
            ["Mercato:DemoScale"] = "small",
            ["Mercato:NoAuth"] = auth ? "false" : "true",
            // Pages wait for every figure, as the API does: tests that import and then look read the new figures. The
            // last-figure behaviour has tests of its own that set a wait.
            ["Mercato:FigureWaitMilliseconds"] = "-1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        if (maxImportBytes is { } max)
        {
            overrides["Mercato:MaxImportBytes"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (actor is not null)
        {
            overrides["Mercato:Actor"] = actor;
        }

        (string Connection, string Schema)? postgres = null;
        if (store == TestStoreKind.Postgres)
        {
            postgres = await TestPostgres.CreateSchemaAsync();
            overrides["Mercato:Store"] = "postgres";
            overrides["Mercato:Connection"] = postgres.Value.Connection;
        }

        var (app, exit) = await MercatoHost.BuildAsync([], overrides, TextWriter.Null);
        if (app is null)
        {
            throw new InvalidOperationException("the app did not build: exit " + exit);
        }

        // The demo loads in the background once the server answers; a test reads it whole (it waits for the load) unless it
        // watches the load itself through demoStep (awaited before each step, DemoLoad.BeforeStep).
        var load = app.Services.GetRequiredService<Mercato.Features.Demo.DemoLoad>();
        load.BeforeStep = demoStep;
        await app.StartAsync();
        if (demoStep is null)
        {
            await load.Completion;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningApp(app, dir, address) { _connection = postgres?.Connection, _schema = postgres?.Schema };
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_schema is not null)
        {
            await TestPostgres.DropSchemaAsync(_schema);
        }

        Dir.Dispose();
    }
}

/// <summary>Whether a server or browser test may skip: only outside CI.</summary>
public static class Requirements
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips the test with <paramref name="reason"/> on a developer machine; fails it in CI.</summary>
    public static void Require(bool present, string reason)
    {
        if (present)
        {
            return;
        }

        if (InCi)
        {
            Assert.Fail(reason + " (required in CI)");
        }

        Assert.Skip(reason);
    }
}

/// <summary>Debian's Chromium through chromedriver, headless; skips on a machine without them and fails in CI.</summary>
public static class Browser
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";

    public static OpenQA.Selenium.Chrome.ChromeDriver Start(string? downloads = null)
    {
        Requirements.Require(File.Exists(Chromium) && File.Exists(ChromeDriver),
            $"browser tests need Debian's chromium and chromium-driver ({Chromium}, {ChromeDriver})");
        var options = new OpenQA.Selenium.Chrome.ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--window-size=1400,1000", "--user-data-dir=" + Path.Combine(Path.GetTempPath(), "mercato-chromium-" + Guid.NewGuid().ToString("N")));
        if (downloads is not null)
        {
            options.AddUserProfilePreference("download.default_directory", downloads);
            options.AddUserProfilePreference("download.prompt_for_download", false);
        }

        var service = OpenQA.Selenium.Chrome.ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new OpenQA.Selenium.Chrome.ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// Clicks a submit button and waits for the page it leads to: the old document carried a marker, the new one does not
    /// and has finished loading. While Chromium swaps documents any probe may fail (a stale element, "node does not belong
    /// to the document", a script run in the dying page); those are retried, not reported.
    /// </summary>
    /// <param name="browser">The browser.</param>
    /// <param name="button">The submit button.</param>
    /// <param name="confirm">The button asks to confirm first (a destructive action): accept the dialog.</param>
    public static void Submit(OpenQA.Selenium.Chrome.ChromeDriver browser, OpenQA.Selenium.IWebElement button, bool confirm = false)
    {
        var marker = Guid.NewGuid().ToString("N");
        browser.ExecuteScript("window.__mercatoPage = arguments[0];", marker);
        button.Click();
        if (confirm)
        {
            browser.SwitchTo().Alert().Accept();
        }

        new OpenQA.Selenium.Support.UI.WebDriverWait(browser, TimeSpan.FromSeconds(30)).Until(d =>
        {
            try
            {
                var page = (OpenQA.Selenium.IJavaScriptExecutor)d;
                return !Equals(page.ExecuteScript("return window.__mercatoPage || null;"), marker)
                    && Equals(page.ExecuteScript("return document.readyState;"), "complete");
            }
            catch (OpenQA.Selenium.WebDriverException)
            {
                return false;
            }
        });
    }

    /// <summary>Chooses the option with <paramref name="value"/> in the select found by <paramref name="select"/>.</summary>
    public static void Choose(OpenQA.Selenium.Chrome.ChromeDriver browser, string select, string value) =>
        browser.FindElement(OpenQA.Selenium.By.CssSelector($"{select} option[value='{value}']")).Click();
}

/// <summary>Text as the pages write it into HTML.</summary>
public static class Html
{
    /// <summary>The HTML-encoded text (quotes as <c>&amp;quot;</c>), as Razor renders a string.</summary>
    public static string Encode(string text) => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(text);
}

/// <summary>Sets up a workspace through its use cases (the way every front door writes), asserting each write succeeds.</summary>
public static class Seed
{
    public static async Task StructureAsync(this IServiceProvider services, string template = "recommended")
    {
        var saved = await services.GetRequiredService<OrganizationUseCases>().SaveAsync(OrgTemplates.Get(template)!, replace: true, null, default);
        Assert.True(saved.IsOk, saved.ToString());
    }

    public static async Task PersonAsync(this IServiceProvider services, Person person)
    {
        var saved = await services.GetRequiredService<PeopleUseCases>().SavePersonAsync(person, mustBeNew: false, null, default);
        Assert.True(saved.IsOk, saved.ToString());
    }

    public static async Task CampaignAsync(this IServiceProvider services, Campaign campaign)
    {
        var saved = await services.GetRequiredService<CampaignUseCases>().SaveAsync(campaign, mustBeNew: false, null, default);
        Assert.True(saved.IsOk, saved.ToString());
    }

    public static async Task SquadAsync(this IServiceProvider services, Squad squad)
    {
        var saved = await services.GetRequiredService<PeopleUseCases>().SaveSquadAsync(squad, null, default);
        Assert.True(saved.IsOk, saved.ToString());
    }

    /// <summary>Moves a campaign to its next stage as the app's acting person.</summary>
    public static async Task AdvanceAsync(this IServiceProvider services, string campaign, string? note = null)
    {
        var moved = await services.GetRequiredService<CampaignUseCases>().AdvanceAsync(campaign, note, null, null, default);
        Assert.True(moved.IsOk, moved.ToString());
    }

    /// <summary>A stored campaign, or null.</summary>
    public static async Task<Campaign?> CampaignOrNullAsync(this IServiceProvider services, string id) =>
        (await services.GetRequiredService<CampaignUseCases>().GetAsync(id, default)).Value?.Value;

    /// <summary>A stored person, or null.</summary>
    public static async Task<Person?> PersonOrNullAsync(this IServiceProvider services, string id) =>
        (await services.GetRequiredService<PeopleUseCases>().PersonAsync(id, default)).Value?.Value;

    /// <summary>A stored squad, or null.</summary>
    public static async Task<Squad?> SquadOrNullAsync(this IServiceProvider services, string id) =>
        (await services.GetRequiredService<PeopleUseCases>().SquadAsync(id, default)).Value?.Value;

    public static Task<IReadOnlyList<Campaign>> CampaignsAsync(this IServiceProvider services) =>
        services.GetRequiredService<CampaignUseCases>().ListAsync(default);

    public static Task<IReadOnlyList<Squad>> SquadsAsync(this IServiceProvider services) =>
        services.GetRequiredService<PeopleUseCases>().SquadsAsync(default);

    public static Task<IReadOnlyList<Person>> PeopleAsync(this IServiceProvider services) =>
        services.GetRequiredService<PeopleUseCases>().PeopleAsync(default);
}

/// <summary>Reads a server-rendered form's fields out of its HTML, as a browser would submit them.</summary>
public static partial class PageForms
{
    public static List<KeyValuePair<string, string>> Fields(string html, string formId)
    {
        var form = FormPattern().Matches(html).FirstOrDefault(m => AttributeOf(m.Groups["open"].Value, "id") == formId)
            ?? throw new InvalidOperationException($"no form with id {formId} on the page");
        var body = form.Groups["body"].Value;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (System.Text.RegularExpressions.Match input in InputPattern().Matches(body))
        {
            var tag = input.Value;
            var type = AttributeOf(tag, "type") ?? "text";
            if (AttributeOf(tag, "name") is not { } name || type is "submit" or "button" || (type is "checkbox" or "radio" && !HasAttribute(tag, "checked")))
            {
                continue;
            }

            fields.Add(new(name, AttributeOf(tag, "value") ?? (type == "checkbox" ? "on" : "")));
        }

        foreach (System.Text.RegularExpressions.Match area in TextAreaPattern().Matches(body))
        {
            if (AttributeOf(area.Groups["open"].Value, "name") is { } name)
            {
                fields.Add(new(name, System.Net.WebUtility.HtmlDecode(area.Groups["text"].Value)));
            }
        }

        foreach (System.Text.RegularExpressions.Match select in SelectPattern().Matches(body))
        {
            if (AttributeOf(select.Groups["open"].Value, "name") is not { } name)
            {
                continue;
            }

            var options = OptionPattern().Matches(select.Groups["options"].Value).Select(o => o.Value).ToList();
            var chosen = options.FirstOrDefault(o => HasAttribute(o, "selected")) ?? options.FirstOrDefault();
            if (chosen is not null)
            {
                fields.Add(new(name, AttributeOf(chosen, "value") ?? ""));
            }
        }

        return fields;
    }

    private static string? AttributeOf(string tag, string name)
    {
        var match = System.Text.RegularExpressions.Regex.Match(tag, $@"\s{name}=""(?<v>[^""]*)""");
        return match.Success ? System.Net.WebUtility.HtmlDecode(match.Groups["v"].Value) : null;
    }

    private static bool HasAttribute(string tag, string name) => System.Text.RegularExpressions.Regex.IsMatch(tag, $@"\s{name}(\s|=|/?>)");

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<open><form\b[^>]*>)(?<body>.*?)</form>", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex FormPattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"<input\b[^>]*>")]
    private static partial System.Text.RegularExpressions.Regex InputPattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<open><textarea\b[^>]*>)(?<text>.*?)</textarea>", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex TextAreaPattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<open><select\b[^>]*>)(?<options>.*?)</select>", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex SelectPattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"<option\b[^>]*>")]
    private static partial System.Text.RegularExpressions.Regex OptionPattern();
}
