using System.Globalization;
using System.Net;
using Mercato.Features.Access;
using Mercato.Features.Settings;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Mercato.Tests;

/// <summary>
/// Access, the audit log, the import commands and the host in both languages: the sign-in and audit pages, the account
/// page's language choice (it changes the account and the next page's language), the administrator's
/// <c>users language</c>, a Chinese table header, an Excel table read back, the not-found and refusal pages.
/// </summary>
public class LanguageAccessTests
{
    private const string Password = "vivid-otter-staple-93";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Account?> StoredAsync(RunningApp app, string id) =>
        (await app.Services.GetRequiredService<IDocumentStore>().GetAsync(Account.Documents, id, Ct))?.Value;

    [Fact]
    public async Task SignInAndAuditPages_SpeakChinese_AndEnglish()
    {
        await using var signIn = await RunningApp.StartAsync(demo: true, auth: true);
        var zh = await signIn.Client.GetStringAsync("/signin?lang=zh-CN", Ct);
        var en = await signIn.Client.GetStringAsync("/signin?lang=en", Ct);

        Assert.Contains("<html lang=\"zh-CN\">", zh, StringComparison.Ordinal);
        Assert.Contains("<title>登录 · Mercato</title>", zh, StringComparison.Ordinal);
        Assert.Contains("<h1>登录</h1>", zh, StringComparison.Ordinal);
        Assert.Contains("演示工作区", zh, StringComparison.Ordinal);
        Assert.Contains("全部内容，外加账号、设置和数据存储。", zh, StringComparison.Ordinal);
        Assert.DoesNotContain("What they see", zh, StringComparison.Ordinal);
        Assert.Contains("<h1>Sign in</h1>", en, StringComparison.Ordinal);
        Assert.Contains("Everything, plus accounts, settings and the store.", en, StringComparison.Ordinal);

        await using var app = await RunningApp.StartAsync(actor: "ops");
        Assert.True((await app.Services.GetRequiredService<SettingsUseCases>().SetTimeZoneAsync("Europe/Berlin", Ct)).IsOk);
        var auditZh = await app.Client.GetStringAsync("/audit?lang=zh-CN", Ct);
        var auditEn = await app.Client.GetStringAsync("/audit?lang=en", Ct);

        Assert.Contains("<h1>审计日志</h1>", auditZh, StringComparison.Ordinal);
        Assert.Contains("<th>操作者</th>", auditZh, StringComparison.Ordinal);
        Assert.Contains("<h1>Audit log</h1>", auditEn, StringComparison.Ordinal);
        Assert.Contains("<th>Actor</th>", auditEn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountPage_LanguageChoice_ChangesTheAccount_AndTheNextPagesLanguage_BrowserDefaultClearsIt()
    {
        await using var app = await RunningApp.StartAsync(auth: true);
        var accounts = app.Services.GetRequiredService<AccountUseCases>();
        Assert.True((await accounts.AddAsync("bo", "Bo Chen", "bo@example.com", null, [new RoleGrant(Role.Viewer)], Password, Ct)).IsOk);
        using var browser = new WebBrowser(app);
        await WebSessions.SignInAsync(browser.Client, "bo", Password);

        var before = await browser.Client.GetStringAsync("/account", Ct);
        var chosen = await ChooseAsync(browser.Client, "zh-CN");
        var stored = (await StoredAsync(app, "bo"))!.Language;
        var next = await browser.Client.GetStringAsync("/", Ct);
        var cleared = await ChooseAsync(browser.Client, "");
        var storedAfter = (await StoredAsync(app, "bo"))!.Language;

        Assert.Contains("<html lang=\"en\">", before, StringComparison.Ordinal);
        Assert.Contains("id=\"language-form\"", before, StringComparison.Ordinal);
        Assert.Contains("<h1>Your account</h1>", before, StringComparison.Ordinal);
        Assert.Equal("zh-CN", stored);
        Assert.Contains("<html lang=\"zh-CN\">", chosen, StringComparison.Ordinal);
        Assert.Contains("<h1>我的账号</h1>", chosen, StringComparison.Ordinal);
        Assert.Contains("id=\"account-done\"", chosen, StringComparison.Ordinal);
        Assert.Contains("data-language=\"zh-CN\"", chosen, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"zh-CN\">", next, StringComparison.Ordinal);
        Assert.Null(storedAfter);
        Assert.Contains("<html lang=\"en\">", cleared, StringComparison.Ordinal);
        Assert.Contains("data-language=\"default\"", cleared, StringComparison.Ordinal);
    }

    private static async Task<string> ChooseAsync(HttpClient client, string language)
    {
        var page = await client.GetStringAsync("/account", Ct);
        var fields = PageForms.Fields(page, "language-form");
        fields.RemoveAll(f => f.Key == "language");
        fields.Add(new("language", language));
        using var response = await client.PostAsync("/account", new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    [Fact]
    public async Task UsersCommands_InChinese_HaveAChineseHeader_AndAnAdministratorSetsAnAccountsLanguage()
    {
        await using var w = await TestWorkspace.OpenAsync();
        Assert.True((await w.Get<AccountUseCases>().AddAsync("bo", "Bo Chen", "bo@example.com", null, [new RoleGrant(Role.Viewer)], Password, Ct)).IsOk);

        var set = await Cli.RunAsync(["users", "language", "bo", "zh-CN", "--lang", "zh-CN", .. w.CliArgs]);
        var list = await Cli.RunAsync(["users", "list", "--lang", "zh-CN", .. w.CliArgs]);
        var english = await Cli.RunAsync(["users", "list", "--lang", "en", .. w.CliArgs]);
        var stored = (await w.Get<IDocumentStore>().GetAsync(Account.Documents, "bo", Ct))!.Value.Language;
        var cleared = await Cli.RunAsync(["users", "language", "bo", "default", .. w.CliArgs]);
        var storedAfter = (await w.Get<IDocumentStore>().GetAsync(Account.Documents, "bo", Ct))!.Value.Language;
        var unknown = await Cli.RunAsync(["users", "language", "nobody", "en", .. w.CliArgs]);
        var unspoken = await Cli.RunAsync(["users", "language", "bo", "fr", .. w.CliArgs]);

        Assert.Equal((0, "bo 的语言：zh-CN"), (set.ExitCode, set.Stdout.Trim()));
        Assert.Equal("zh-CN", stored);
        Assert.Equal(0, list.ExitCode);
        var header = list.Stdout.Split('\n')[0];
        Assert.Contains("登录名", header, StringComparison.Ordinal);
        Assert.Contains("双重验证", header, StringComparison.Ordinal);
        Assert.Contains("未开启", list.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("id ", english.Stdout, StringComparison.Ordinal);
        Assert.Equal((0, "language of bo: browser default"), (cleared.ExitCode, cleared.Stdout.Trim()));
        Assert.Null(storedAfter);
        Assert.Equal(1, unknown.ExitCode);
        Assert.NotEqual(0, unspoken.ExitCode);
    }

    [Fact]
    public async Task Batches_AsExcel_HasTheShownHeader_AndTheCountsAsNumbers()
    {
        using var dir = new TempDir();
        var spend = dir.File("spend.csv", "date,channel,spend\n2026-02-01,search,10\n2026-02-02,search,12.5\n");
        Assert.Equal(0, (await Cli.RunAsync("import", "spend", spend, "--data-dir", dir.Path)).ExitCode);
        var file = Path.Combine(dir.Path, "batches.xlsx");

        var written = await Cli.RunAsync("batches", "--format", "xlsx", "--output", file, "--lang", "zh-CN", "--data-dir", dir.Path);
        var table = await Cli.RunAsync("batches", "--lang", "zh-CN", "--data-dir", dir.Path);

        Assert.Equal(0, written.ExitCode);
        var rows = MiniExcel.Query(file).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["批次", "数据类型", "状态", "开始时间", "读取", "新增", "更新", "已存在", "拒绝", "来源"], rows[0].Values.Select(v => v?.ToString()));
        Assert.Equal("spend", rows[1]["B"]);
        Assert.Equal("已提交", rows[1]["C"]);
        Assert.IsType<double>(rows[1]["E"]);
        Assert.Equal(2.0, Convert.ToDouble(rows[1]["E"], CultureInfo.InvariantCulture));
        Assert.Equal(0, table.ExitCode);
        Assert.StartsWith("批次", table.Stdout.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAndAudit_InChinese_SayWhatHappened_TheAuditsMachineCsvStaysAsItWas()
    {
        using var dir = new TempDir();
        var spend = dir.File("spend.csv", "date,channel,spend\n2026-02-01,search,10\n");

        var import = await Cli.RunAsync("import", "spend", spend, "--lang", "zh-CN", "--data-dir", dir.Path);
        var audit = await Cli.RunAsync("audit", "--lang", "zh-CN", "--data-dir", dir.Path);
        var csv = await Cli.RunAsync("audit", "--format", "csv", "--lang", "zh-CN", "--data-dir", dir.Path);

        Assert.Equal(0, import.ExitCode);
        Assert.Contains("已导入（导入批次 1）", import.Stdout, StringComparison.Ordinal);
        Assert.Contains("读取 1 行，新增 1 行", import.Stdout, StringComparison.Ordinal);
        Assert.Contains("操作者", audit.Stdout.Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains("导入", audit.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("id,at,actor,door,address,action,collection,target,before,after\n", csv.Stdout, StringComparison.Ordinal);
        Assert.Contains(",cli,,import,spend,1,", csv.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownAddress_IsTheNotFoundPage_InTheRequestsLanguage_TheApiKeepsItsProblem()
    {
        await using var app = await RunningApp.StartAsync();

        using var zh = await app.Client.GetAsync("/no/such/page?lang=zh-CN", Ct);
        using var en = await app.Client.GetAsync("/no/such/page?lang=en", Ct);
        using var api = await app.Client.GetAsync("/api/v1/no/such/thing", Ct);
        var zhHtml = await zh.Content.ReadAsStringAsync(Ct);
        var enHtml = await en.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.NotFound, zh.StatusCode);
        Assert.Equal("text/html", zh.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>未找到页面</h1>", zhHtml, StringComparison.Ordinal);
        Assert.Contains("/no/such/page", zhHtml, StringComparison.Ordinal);
        Assert.Contains("<nav", zhHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, en.StatusCode);
        Assert.Contains("<h1>Page not found</h1>", enHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheRefusalPage_SpeaksTheRequestsLanguage()
    {
        await using var app = await RunningApp.StartAsync(auth: true);
        Assert.True((await app.Services.GetRequiredService<AccountUseCases>().AddAsync("bo", "Bo Chen", "bo@example.com", null, [new RoleGrant(Role.Viewer)], Password, Ct)).IsOk);
        using var browser = new WebBrowser(app);
        await WebSessions.SignInAsync(browser.Client, "bo", Password);

        using var zh = await browser.Client.GetAsync("/audit?lang=zh-CN", Ct);
        using var en = await browser.Client.GetAsync("/audit?lang=en", Ct);
        var zhHtml = await zh.Content.ReadAsStringAsync(Ct);
        var enHtml = await en.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Forbidden, zh.StatusCode);
        Assert.Contains("<html lang=\"zh-CN\">", zhHtml, StringComparison.Ordinal);
        Assert.Contains("<h1>无权访问</h1>", zhHtml, StringComparison.Ordinal);
        Assert.Contains(Messages.Text(AccessCodes.Denied, MessageArgs.Of(("permission", "ReadAudit")), CultureInfo.GetCultureInfo("zh-CN")), zhHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, en.StatusCode);
        Assert.Contains("<h1>Not allowed</h1>", enHtml, StringComparison.Ordinal);
    }
}
