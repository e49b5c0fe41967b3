using OpenQA.Selenium;

namespace Mercato.Tests;

/// <summary>
/// Chromium switches the demo to Simplified Chinese with the switcher and walks every page of <see cref="EveryPageTests"/>:
/// each page is in zh-CN and shows no English interface text. What counts as English: a Latin word of two letters or more
/// in the page's visible text, outside data (an element marked <c>translate="no"</c>: names, ids, channels, file names),
/// code (<c>code</c>, <c>kbd</c>, <c>pre</c>, form fields) and charts (drawn from data), and not one of the names and
/// acronyms Chinese text writes in Latin letters (<see cref="Allowed"/>) nor a file extension (<c>.csv</c>). The same rules as <c>untranslated.py</c>.
/// Attributes (titles, placeholders) are not walked.
/// </summary>
public class ZhCnBrowserTests
{
    /// <summary>Latin words a Chinese interface keeps: product and method names, acronyms, units.</summary>
    public static readonly string[] Allowed =
    [
        "Mercato", "KPI", "KPIs", "ROI", "ROAS", "GMV", "CSV", "Excel", "API", "OpenAPI", "TOTP", "ID", "URL", "UTC", "SEO", "SEM", "KOL", "KOLs", "H5",
        "AOV", "CPC", "CPM", "CPI", "CPA", "CTR", "CVR", "LTV", "CAC", "ASO", "PR", "UV", "PV", "App", "iOS", "Android", "SKU", "JSON", "YAML", "HTTP",
        "HTTPS", "IP", "IPv4", "IPv6", "GIVT", "SIVT", "MMM", "RFM", "VADER", "NPS", "PDF", "SMS", "QR", "AI", "Markov", "Shapley", "Weibull", "Hill", "Logistic",
        "Adstock", "MAPE", "NRMSE", "DECOMP", "RSSD", "Robyn", "Meridian", "HubSpot", "PostHog", "Matomo", "Mautic", "Brandwatch", "HypeAuditor",
        "PostgreSQL", "SQLite", "ClickHouse", "Chromium", "RACI", "Q1", "Q2", "Q3", "Q4", "vs", "YoY", "MoM", "WoW", "p50", "p75", "p95", "KB", "MB",
        "GB", "ms", "en", "zh", "CN", "CNY", "USD", "EUR", "GBP", "JPY", "HKD", "English", "CRM",
    ];

    private const string Walk = """
        const allowed = new Set(arguments[0]);
        const skip = el => el.closest('script,style,code,kbd,pre,textarea,template,noscript,svg,[data-chart],[translate="no"],input,select');
        const found = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent.replace(/\s+/g, ' ').trim();
            if (!text || !node.parentElement || skip(node.parentElement)) continue;
            const style = getComputedStyle(node.parentElement);
            if (style.display === 'none' || style.visibility === 'hidden') continue;
            const words = (text.replace(/\.[A-Za-z0-9]+\b/g, ' ').match(/[A-Za-z][A-Za-z'’²]+/g) || []).filter(w => !allowed.has(w));
            if (words.length) found.push(text.slice(0, 120));
        }
        return [document.documentElement.lang, ...new Set(found)];
        """;

    [Fact]
    public async Task EveryPage_InChinese_ShowsNoEnglishInterfaceText()
    {
        await using var app = await RunningApp.StartAsync(demo: true);
        var pages = (await EveryPageTests.DemoPagesAsync(app))
            .Concat(["/measurement/funnels", "/measurement/mix", "/audit", "/influencers/kol-dr-fang", "/listening/cases/C-000000"]).Distinct().ToList();
        Assert.True(pages.Count >= 50, string.Join(", ", pages));
        using var browser = Browser.Start();
        browser.Navigate().GoToUrl(app.BaseAddress + "/");
        Browser.Submit(browser, browser.FindElement(By.CssSelector("#language-switch button[value='zh-CN']")));

        var untranslated = new List<string>();
        foreach (var page in pages)
        {
            browser.Navigate().GoToUrl(app.BaseAddress + page);
            var result = ((IReadOnlyCollection<object>)browser.ExecuteScript(Walk, (object)Allowed)!).Select(o => (string)o).ToList();
            if (result[0] != "zh-CN")
            {
                untranslated.Add($"{page}: the page is in \"{result[0]}\"");
            }

            untranslated.AddRange(result.Skip(1).Select(text => $"{page}: {text}"));
        }

        Assert.True(untranslated.Count == 0, $"{untranslated.Count} pieces of English on {pages.Count} pages in zh-CN:\n" + string.Join("\n", untranslated));
    }

    [Fact]
    public async Task ATable_DownloadsAsExcel_WithItsChineseHeader_AndNumbersAsNumbers()
    {
        await using var app = await RunningApp.StartAsync(demo: true);
        using var downloads = new TempDir();
        using var browser = Browser.Start(downloads.Path);
        browser.Navigate().GoToUrl(app.BaseAddress + "/datacenter?lang=zh-CN");
        Browser.Submit(browser, browser.FindElement(By.CssSelector("#language-switch button[value='zh-CN']")));
        browser.FindElement(By.CssSelector("#kinds + p.export button.export-xlsx")).Click();

        var file = Path.Combine(downloads.Path, "数据中心.xlsx");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(file) && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.True(File.Exists(file), "downloaded: " + string.Join(", ", Directory.GetFiles(downloads.Path).Select(Path.GetFileName)));
        var rows = MiniExcelLibs.MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["数据类型", "行数", "最早日期", "最晚日期", "新鲜度", "最近导入"], rows[0].Keys);
        Assert.Equal("touchpoints", rows[1]["数据类型"]);
        Assert.True(Assert.IsType<double>(rows[1]["行数"]) > 1000);
        Assert.IsType<DateTime>(rows[1]["最早日期"]);
    }
}
