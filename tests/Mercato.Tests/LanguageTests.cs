using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Mercato.Core.Demo;
using Mercato.Features.Export;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Mercato.Tests;

/// <summary>
/// The two languages: the word catalogues complete in both, the language of a request (the person's setting, the
/// switcher's cookie, Accept-Language, the workspace's; an unknown one falls back with a notice), the CLI's --lang, and
/// tables read back into numbers, shares and days for CSV and Excel.
/// </summary>
public partial class LanguageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void EveryWord_HasBothLanguages_WithTheSamePlaceholders_InOneCatalogueOnly()
    {
        Assert.Empty(Words.Problems);
        Assert.NotEmpty(Words.Keys);
        var wrong = new List<string>();
        foreach (var key in Words.Keys)
        {
            var en = Words.Exactly(key, Languages.English);
            var zh = Words.Exactly(key, Languages.Chinese);
            if (string.IsNullOrWhiteSpace(en) || string.IsNullOrWhiteSpace(zh))
            {
                wrong.Add($"{key} ({Words.CatalogueOf(key)}): {(string.IsNullOrWhiteSpace(en) ? "no English" : "no Chinese")}");
                continue;
            }

            var a = PlaceholderNames(en);
            var b = PlaceholderNames(zh);
            if (!a.SetEquals(b))
            {
                wrong.Add($"{key}: placeholders {string.Join(",", a.Order(StringComparer.Ordinal))} in English, {string.Join(",", b.Order(StringComparer.Ordinal))} in Chinese");
            }
        }

        Assert.True(wrong.Count == 0, wrong.Count + " words wrong:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void EveryWordKeyWrittenInTheSources_IsInACatalogue()
    {
        var root = RepositoryRoot();
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src", "Mercato"), "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                         && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var code = string.Join('\n', File.ReadAllLines(file).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));
            foreach (Match match in KeyUse().Matches(code))
            {
                var key = match.Groups["key"].Value;
                if (Words.Template(key, CultureInfo.InvariantCulture) is null)
                {
                    missing.Add($"{Path.GetRelativePath(root, file)}: {key}");
                }
            }
        }

        Assert.True(missing.Count == 0, "keys used but in no catalogue:\n" + string.Join("\n", missing.Distinct()));
    }

    [Theory]
    [InlineData("en", true, "en")]
    [InlineData("EN-gb", true, "en")]
    [InlineData("zh", true, "zh-CN")]
    [InlineData("zh_CN", true, "zh-CN")]
    [InlineData("zh-Hans-CN", true, "zh-CN")]
    [InlineData("zh-SG", true, "zh-CN")]
    [InlineData("zh-TW", false, "en")]
    [InlineData("zh-Hant", false, "en")]
    [InlineData("fr", false, "en")]
    [InlineData("", false, "en")]
    public void Languages_NormalizeWhatTheySpeak(string tag, bool spoken, string language)
    {
        Assert.Equal(spoken, Languages.TryNormalize(tag, out var normalized));
        Assert.Equal(language, normalized);
    }

    [Theory]
    [InlineData("cny", true, "CNY")]
    [InlineData(" EUR ", true, "EUR")]
    [InlineData("RMB", false, "RMB")]
    [InlineData("US$", false, "US$")]
    [InlineData("XAU", false, "XAU")]
    public void Currencies_AreIso4217Codes(string code, bool known, string normalized)
    {
        Assert.Equal(known, Currencies.TryNormalize(code, out var currency));
        Assert.Equal(normalized, currency);
    }

    [Fact]
    public void TheWorkspaceCurrency_DefaultsByLanguage()
    {
        Assert.Equal("USD", WorkspaceSettings.Default.EffectiveCurrency);
        Assert.Equal("CNY", (WorkspaceSettings.Default with { Language = "zh-CN" }).EffectiveCurrency);
        Assert.Equal("EUR", (WorkspaceSettings.Default with { Language = "zh-CN", Currency = "EUR" }).EffectiveCurrency);
    }

    [Theory]
    [InlineData("en", "CNY", 1234.5, "CN¥1,234.50")]
    [InlineData("zh-CN", "CNY", 1234.5, "¥1,234.50")]
    [InlineData("en", "USD", -20, "-$20.00")]
    [InlineData("zh-CN", "EUR", 0.5, "€0.50")]
    [InlineData("en", "CHF", 1000000, "1,000,000.00\u00A0CHF")]
    public async Task Amounts_CarryTheWorkspaceCurrency(string language, string currency, double value, string shown)
    {
        // A flow of its own: the culture and the currency set here end with it.
        var text = await Task.Run(() =>
        {
            Locale.Apply(language, currency);
            return (Figures.Amount((decimal)value), Figures.Currency, Locale.Language);
        }, Ct);
        Assert.Equal((shown, currency, language), text);
    }

    [Theory]
    [InlineData("1,234.50", CellKind.Number, "1234.50")]
    [InlineData("-3", CellKind.Number, "-3")]
    [InlineData("0", CellKind.Number, "0")]
    [InlineData("0.25", CellKind.Number, "0.25")]
    [InlineData("¥1,234.50", CellKind.Number, "1234.50")]
    [InlineData("-$20.00", CellKind.Number, "-20.00")]
    [InlineData("1,000.00\u00A0CHF", CellKind.Number, "1000.00")]
    [InlineData("12.5%", CellKind.Percent, "0.125")]
    [InlineData("-0.4%", CellKind.Percent, "-0.004")]
    [InlineData("2026-03-01", CellKind.Day, "2026-03-01")]
    [InlineData("2026-02-30", CellKind.Text, "2026-02-30")]
    [InlineData("0042", CellKind.Text, "0042")]
    [InlineData("1,23", CellKind.Text, "1,23")]
    [InlineData("—", CellKind.Text, "—")]
    [InlineData("search", CellKind.Text, "search")]
    [InlineData("  品牌部 ", CellKind.Text, "品牌部")]
    public void ACellAsShown_IsReadBackIntoWhatItIs(string shown, CellKind kind, string value)
    {
        var cell = TableExport.Read(shown);
        Assert.Equal(kind, cell.Kind);
        Assert.Equal(value, cell.Value switch
        {
            decimal d => d.ToString(CultureInfo.InvariantCulture),
            DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            var other => other?.ToString(),
        });
    }

    [Fact]
    public void Csv_WritesValues_AndQuotesText()
    {
        var table = new ShownTable("ROI", ["渠道", "花费", "ROI", "日"], [["search, paid", "¥1,234.50", "12.5%", "2026-03-01"], ["say \"hi\"", "", "—", "x"]]);
        using var file = new MemoryStream();
        TableExport.WriteCsv(table, file);
        Assert.Equal("\uFEFF渠道,花费,ROI,日\r\n\"search, paid\",1234.50,0.125,2026-03-01\r\n\"say \"\"hi\"\"\",,—,x\r\n", System.Text.Encoding.UTF8.GetString(file.ToArray()));
    }

    [Fact]
    public void Xlsx_HoldsNumbersAsNumbers_AndDaysAsDates()
    {
        var table = new ShownTable("ROI", ["渠道", "花费", "ROI", "日", "渠道"], [["search", "1,234.50", "12.5%", "2026-03-01", "x"], ["email", "2", "—", "2026-03-02", "y"]]);
        using var file = new MemoryStream();
        TableExport.WriteXlsx(table, file);
        file.Position = 0;
        var rows = file.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["渠道", "花费", "ROI", "日", "渠道 (2)"], rows[0].Keys);
        Assert.Equal(1234.5, Assert.IsType<double>(rows[0]["花费"]));
        Assert.Equal(0.125, Assert.IsType<double>(rows[0]["ROI"]));
        Assert.Equal(new DateTime(2026, 3, 1), Assert.IsType<DateTime>(rows[0]["日"]));
        Assert.Equal("—", rows[1]["ROI"]);
        Assert.Equal("search", rows[0]["渠道"]);
    }

    [Theory]
    [InlineData("Revenue: Q1/2026 ROI", "Revenue-Q1-2026-ROI.csv")]
    [InlineData("渠道 ROI", "渠道-ROI.csv")]
    [InlineData("../../etc", "etc.csv")]
    [InlineData("", "table.csv")]
    public void FileNames_KeepLettersAndDigitsOnly(string name, string file) => Assert.Equal(file, TableExport.FileName(name, "csv"));

    [Fact]
    public async Task ARequest_SpeaksWhatItIsAskedFor_InOrder()
    {
        await using var app = await RunningApp.StartAsync(demo: true);
        Assert.Contains("<html lang=\"en\">", await app.Client.GetStringAsync("/", Ct), StringComparison.Ordinal);

        using var chinese = new HttpRequestMessage(HttpMethod.Get, "/");
        chinese.Headers.AcceptLanguage.ParseAdd("fr-FR, zh-CN;q=0.8, en;q=0.5");
        using var answer = await app.Client.SendAsync(chinese, Ct);
        var html = await answer.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains(">概览</a>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"zh-CN\">", await app.Client.GetStringAsync("/?lang=zh", Ct), StringComparison.Ordinal);

        var unknown = await app.Client.GetStringAsync("/measurement?lang=klingon", Ct);
        Assert.Contains("<html lang=\"en\">", unknown, StringComparison.Ordinal);
        Assert.Matches("id=\"language-fell-back\">The language &quot;klingon&quot; is not available; showing English.<", unknown);
    }

    [Fact]
    public async Task TheSwitcher_SetsTheBrowsersLanguage_AndGoesBack()
    {
        await using var app = await RunningApp.StartAsync(demo: true);
        using var browser = new WebBrowser(app, follow: false);
        var page = await browser.Client.GetStringAsync("/measurement", Ct);
        using var switched = await browser.Client.PostAsync("/language", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", WebSessions.AntiforgeryTokenOf(page)), new("to", "zh-CN"), new("return", "/measurement?x=1")]), Ct);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/measurement?x=1", switched.Headers.Location?.OriginalString);
        Assert.Contains("<html lang=\"zh-CN\">", await browser.Client.GetStringAsync("/measurement", Ct), StringComparison.Ordinal);

        // Back to English; a return address of another server goes home instead.
        page = await browser.Client.GetStringAsync("/", Ct);
        using var back = await browser.Client.PostAsync("/language", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", WebSessions.AntiforgeryTokenOf(page)), new("to", "en"), new("return", "//evil.example/")]), Ct);
        Assert.Equal("/", back.Headers.Location?.OriginalString);
        Assert.Contains("<html lang=\"en\">", await browser.Client.GetStringAsync("/", Ct), StringComparison.Ordinal);

        // Without the form's token, nothing changes.
        using var forged = await browser.Client.PostAsync("/language", new FormUrlEncodedContent([new("to", "zh-CN"), new("return", "/")]), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("<html lang=\"en\">", await browser.Client.GetStringAsync("/", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignedInPerson_KeepsTheirLanguage_OnEveryBrowser()
    {
        await using var app = await RunningApp.StartAsync(demo: true, auth: true);
        using (var first = new WebBrowser(app))
        {
            var (_, signedIn, _) = await WebSessions.SignInAsync(first.Client, "ma-rui", DemoAccounts.Password);
            Assert.Null(WebSessions.SignInRefusal(signedIn));
            var page = await first.Client.GetStringAsync("/measurement", Ct);
            using var switched = await first.Client.PostAsync("/language", new FormUrlEncodedContent(
                [new("__RequestVerificationToken", WebSessions.AntiforgeryTokenOf(page)), new("to", "zh"), new("return", "/measurement")]), Ct);
            var after = await switched.Content.ReadAsStringAsync(Ct);
            Assert.Contains("<html lang=\"zh-CN\">", after, StringComparison.Ordinal);
            Assert.Contains("id=\"signed-in\"", after, StringComparison.Ordinal);
        }

        var account = await app.Services.GetRequiredService<IDocumentStore>().GetAsync(Account.Documents, "ma-rui", Ct);
        Assert.Equal("zh-CN", account!.Value.Language);

        // Another browser, whose Accept-Language asks for English: the person's setting wins once they sign in.
        using var second = new WebBrowser(app);
        second.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        Assert.Contains("<html lang=\"en\">", await second.Client.GetStringAsync("/signin", Ct), StringComparison.Ordinal);
        var (_, html, _) = await WebSessions.SignInAsync(second.Client, "ma-rui", DemoAccounts.Password);
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommandLine_SpeaksItsLanguage_AndSaysWhenItCannot()
    {
        using var dir = new TempDir();
        var unknown = await Cli.RunAsync("sources", "--lang", "tlh", "--data-dir", dir.Path);
        Assert.Equal(0, unknown.ExitCode);
        Assert.Contains("The language \"tlh\" is not available; showing English", unknown.Stderr, StringComparison.OrdinalIgnoreCase);

        var xlsx = await Cli.RunAsync("sources", "--format", "xlsx", "--data-dir", dir.Path);
        Assert.Equal(2, xlsx.ExitCode);
        Assert.Contains("--output", xlsx.Stderr, StringComparison.Ordinal);

        var file = Path.Combine(dir.Path, "sources.xlsx");
        var written = await Cli.RunAsync("sources", "--format", "xlsx", "--output", file, "--data-dir", dir.Path);
        Assert.Equal(0, written.ExitCode);
        var rows = MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(rows, r => Equals(r.Values.First(), "spend") && r.Values.Skip(1).First() is double);
    }

    [Fact]
    public async Task TheExport_AnswersTheFileOfATable_AndRefusesWhatIsNotOne()
    {
        await using var app = await RunningApp.StartAsync();
        using var csv = await app.Client.PostAsync("/export/csv", JsonContent.Create(new { name = "ROI 月度", header = new[] { "a", "b" }, rows = new[] { new[] { "1,000", "5%" } } }), Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("\uFEFFa,b\r\n1000,0.05\r\n", System.Text.Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync(Ct)));
        Assert.Equal("ROI-月度.csv", csv.Content.Headers.ContentDisposition?.FileNameStar);

        using var pdf = await app.Client.PostAsync("/export/pdf", JsonContent.Create(new { header = new[] { "a" }, rows = Array.Empty<string[]>() }), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, pdf.StatusCode);
        using var headless = await app.Client.PostAsync("/export/csv", JsonContent.Create(new { rows = Array.Empty<string[]>() }), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, headless.StatusCode);
    }

    [Fact]
    public async Task TheExport_AsksForASignedInPerson()
    {
        await using var app = await RunningApp.StartAsync(auth: true);
        using var browser = new WebBrowser(app, follow: false);
        using var answer = await browser.Client.PostAsync("/export/csv", JsonContent.Create(new { header = new[] { "a" }, rows = Array.Empty<string[]>() }), Ct);
        Assert.True(answer.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, answer.StatusCode.ToString());
    }

    private static HashSet<string> PlaceholderNames(string template) =>
        [.. Placeholder().Matches(template).Select(m => m.Groups[1].Value)];

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Mercato.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("the repository root (Mercato.slnx) was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\{([a-zA-Z_][a-zA-Z0-9_]*)[:}]")]
    private static partial Regex Placeholder();

    [GeneratedRegex("""\b(?:W|WM|Words\.W|Words\.Text)\("(?<key>[a-z0-9_]+(?:\.[a-z0-9_]+)+)"[,)]""")]
    private static partial Regex KeyUse();
}
