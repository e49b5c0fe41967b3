using Mercato.Core.Campaigns;
using Mercato.Core.Demo;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Mercato.Tests;

/// <summary>A person in Chromium: signs in as the demo's agency, sees only what the role allows, signs out.</summary>
public sealed class AccessBrowserTests
{
    [Fact]
    public async Task TheDemosAgency_SignsIn_SeesOnlyItsCampaigns_AndSignsOut()
    {
        await using var app = await RunningApp.StartAsync(demo: true, auth: true);
        var campaigns = await app.Services.GetRequiredService<IDocumentStore>().ValuesAsync(CampaignDocuments.Campaigns, TestContext.Current.CancellationToken);
        var named = campaigns.Where(c => c.Type == CampaignType.InfluencerCollaboration).Select(c => c.Id).Order(StringComparer.Ordinal).Take(3).ToList();
        var another = campaigns.First(c => !named.Contains(c.Id)).Id;
        using var browser = Browser.Start();

        browser.Navigate().GoToUrl(app.BaseAddress + "/campaigns");
        Assert.StartsWith(app.BaseAddress + "/signin", browser.Url, StringComparison.Ordinal);
        Assert.Contains("bluewave-agency", browser.FindElement(By.Id("demo-accounts")).Text, StringComparison.Ordinal);
        browser.FindElement(By.Name("name")).SendKeys("bluewave-agency");
        browser.FindElement(By.Name("password")).SendKeys(DemoAccounts.Password);
        Browser.Submit(browser, browser.FindElement(By.Id("sign-in-button")));

        // Back on the campaigns it asked for: only the ones it is named on, and only the Campaigns area in the navigation.
        Assert.Equal(app.BaseAddress + "/campaigns", browser.Url);
        var rows = browser.FindElements(By.CssSelector("#campaigns tbody tr")).Select(r => r.GetAttribute("data-campaign") ?? "").ToList();
        Assert.Equal(named, rows.Order(StringComparer.Ordinal).ToList());
        Assert.Equal(["Campaigns"], browser.FindElements(By.CssSelector("nav.sidebar ul li a")).Select(a => a.Text.Trim()).ToList());
        Assert.Contains("bluewave-agency", browser.FindElement(By.Id("signed-in")).Text, StringComparison.Ordinal);

        // Its own campaign opens for editing, with its unit the only choice (it may not read the organization).
        browser.Navigate().GoToUrl(app.BaseAddress + "/campaigns/c/" + named[0] + "/edit");
        Assert.Equal(2, browser.FindElements(By.CssSelector("#campaign-form select[name=unit] option")).Count);

        // Another campaign is not found, the measurement reports are not allowed.
        browser.Navigate().GoToUrl(app.BaseAddress + "/campaigns/c/" + another);
        Assert.Contains("There is no campaign " + another, browser.FindElement(By.TagName("main")).Text, StringComparison.Ordinal);
        browser.Navigate().GoToUrl(app.BaseAddress + "/measurement");
        Assert.Equal("Not allowed", browser.FindElement(By.TagName("h1")).Text);

        browser.Navigate().GoToUrl(app.BaseAddress + "/campaigns");
        Browser.Submit(browser, browser.FindElement(By.CssSelector("#sign-out button")));
        Assert.StartsWith(app.BaseAddress + "/signin", browser.Url, StringComparison.Ordinal);
        browser.Navigate().GoToUrl(app.BaseAddress + "/campaigns");
        Assert.StartsWith(app.BaseAddress + "/signin", browser.Url, StringComparison.Ordinal);
    }
}
