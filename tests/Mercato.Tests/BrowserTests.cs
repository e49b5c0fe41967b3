using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Mercato.Tests;

/// <summary>Drives Debian's Chromium through chromedriver; skips on a machine without them, fails in CI.</summary>
public class BrowserTests
{
    private static ChromeDriver StartBrowser() => Browser.Start();

    [Fact]
    public async Task DataCenterPage_ShowsDemoHoldings_AndUploadGoesThroughThePipeline()
    {
        await using var app = await RunningApp.StartAsync(demo: true);
        using var browser = StartBrowser();

        browser.Navigate().GoToUrl(app.BaseAddress + "/datacenter");

        Assert.Contains("Demo data.", browser.FindElement(By.CssSelector(".demo-banner")).Text, StringComparison.Ordinal);
        var kinds = browser.FindElements(By.CssSelector("#kinds tbody tr"));
        Assert.Equal(["spend", "touchpoints", "conversions", "costs", "activity", "social", "appstore", "store", "livestreams", "mentions", "clicks",
            "influencer_snapshots", "influencer_posts", "influencer_followers"], kinds.Select(r => r.GetAttribute("data-kind")));
        var touchpointRows = long.Parse(kinds[1].FindElements(By.TagName("td"))[1].Text.Replace(",", "", StringComparison.Ordinal),
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(touchpointRows > 1000, $"touchpoints shown: {touchpointRows}");
        Assert.True(browser.FindElements(By.CssSelector("#channel-table tbody tr")).Count >= 12);
        // One committed demo batch per kind, mentions and clicks included, and the influencer kinds (snapshots, posts and
        // follower samples of the demo's influencers).
        Assert.Equal(14, browser.FindElements(By.CssSelector("#batches tbody tr.status-committed")).Count);
        // The coverage chart is drawn by ECharts from the npm package the build copied: it has SVG bars for the kinds.
        var chart = browser.FindElement(By.CssSelector("[data-chart]"));
        Assert.Equal("true", chart.GetAttribute("data-chart-ready"));
        Assert.NotEmpty(chart.FindElements(By.CssSelector("svg path")));

        var good = app.Dir.File("orders.csv",
            "conversion_id,user_id,timestamp,revenue,cost\nweb-1,u1,2026-03-01T10:00:00Z,299,120\nweb-2,u2,2026-03-02T10:00:00Z,1299.5,600\n");
        Upload(browser, "conversions", good);

        Assert.Matches("/datacenter/batches/[0-9]+$", browser.Url);
        Assert.Equal("committed", browser.FindElement(By.CssSelector("h1 .badge")).Text);
        Assert.Contains("Added\r\n2", browser.FindElement(By.CssSelector("dl.facts")).Text.Replace("\n", "\r\n", StringComparison.Ordinal), StringComparison.Ordinal);

        var bad = app.Dir.File("bad-orders.csv", "conversion_id,user_id,timestamp,revenue\nweb-3,u3,yesterday,10\n");
        Upload(browser, "conversions", bad);

        Assert.Equal("rejected", browser.FindElement(By.CssSelector("h1 .badge")).Text);
        var error = browser.FindElements(By.CssSelector("#errors tbody tr td")).Select(td => td.Text).ToList();
        Assert.Equal(["bad-orders.csv", "2", "timestamp", "yesterday"], error.Take(4));
    }

    private static void Upload(ChromeDriver browser, string kind, string path)
    {
        browser.Navigate().GoToUrl(new Uri(new Uri(browser.Url), "/datacenter"));
        browser.FindElement(By.CssSelector($"form.upload select[name=kind] option[value={kind}]")).Click();
        browser.FindElement(By.CssSelector("form.upload input[type=file]")).SendKeys(path);
        browser.FindElement(By.CssSelector("form.upload button[type=submit]")).Click();
        new WebDriverWait(browser, TimeSpan.FromSeconds(30)).Until(b => b.Url.Contains("/datacenter/batches/", StringComparison.Ordinal));
    }
}
