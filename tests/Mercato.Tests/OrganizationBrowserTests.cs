using Mercato.Core.Organization;
using Mercato.Features.Organization;
using Mercato.Features.Targets;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Mercato.Tests;

/// <summary>The Organization pages in Debian's Chromium: org chart, unit page, targets form, boundaries and comparison.</summary>
public class OrganizationBrowserTests
{
    private static ChromeDriver StartBrowser() => Browser.Start();

    [Fact]
    public async Task OrgChart_ColoursEveryDemoUnitByItsSubtreeHealth_AndAUnitPageShowsItsKpis()
    {
        await using var app = await RunningApp.StartAsync(demo: true);
        using var browser = StartBrowser();
        var service = app.Services.GetRequiredService<OrganizationUseCases>();
        var structure = await service.StructureAsync(default);
        Assert.NotNull(structure);
        var period = await service.DefaultPeriodAsync(default);
        var expected = (await service.ChartAsync(period, default)).ToDictionary(h => h.Unit, h => h.Overall.Colour.ToString().ToLowerInvariant());

        browser.Navigate().GoToUrl(app.BaseAddress + "/organization");

        Assert.Equal("Org chart", browser.FindElement(By.CssSelector("nav.tabs a.current")).Text);
        Assert.Equal(period.ToString(), Chosen(browser, "form.filters select[name=period]"));
        var rows = browser.FindElements(By.CssSelector("#units tbody tr"));
        Assert.Equal(structure.Units.Select(u => u.Id).Order(StringComparer.Ordinal), rows.Select(r => r.GetAttribute("data-unit")!).Order(StringComparer.Ordinal));
        foreach (var row in rows)
        {
            Assert.Equal(expected[row.GetAttribute("data-unit")!], row.GetAttribute("data-health"));
        }

        // The demo misses some targets on purpose, so the company at the top is red like the units below it that miss.
        Assert.Equal("red", browser.FindElement(By.CssSelector("#units tr[data-unit=company]")).GetAttribute("data-health"));
        Assert.Contains(rows, r => r.GetAttribute("data-health") == "green");

        // The tree is drawn by ECharts with one node per unit, filled with the health colours of the legend.
        var chart = browser.FindElement(By.CssSelector("[data-chart]"));
        new WebDriverWait(browser, TimeSpan.FromSeconds(10)).Until(_ => chart.GetAttribute("data-chart-ready") == "true");
        var fills = chart.FindElements(By.CssSelector("svg path")).Select(p => p.GetAttribute("fill")).ToList();
        Assert.Contains("#d0342c", fills);
        Assert.Contains("#2e9d57", fills);
        var legend = browser.FindElement(By.Id("legend")).Text;
        Assert.Contains("red: some KPI off track", legend, StringComparison.Ordinal);
        Assert.Contains("95 %", browser.FindElement(By.CssSelector("p.hint")).Text, StringComparison.Ordinal);

        // The demo's deliberate overlap (SEO) and gap (government relations) are summarized with a link to the report.
        var summary = browser.FindElement(By.Id("boundary-summary")).Text;
        Assert.Contains("1 overlap, 1 gap", summary, StringComparison.Ordinal);

        // Clicking a node of the chart opens its unit's page: a node in the rarest colour is a unit of that colour.
        var (rarest, fill) = new[] { ("red", "#d0342c"), ("amber", "#e0a100"), ("green", "#2e9d57") }
            .Where(c => expected.ContainsValue(c.Item1)).MinBy(c => expected.Values.Count(v => v == c.Item1));
        // Find and click in one step, again if the chart redrew the node in between.
        var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(20));
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(WebDriverException));
        wait.Until(d =>
        {
            d.FindElement(By.CssSelector("[data-chart]")).FindElements(By.CssSelector("svg path")).First(p => p.GetAttribute("fill") == fill).Click();
            return d.Url.Contains("/organization/units/", StringComparison.Ordinal);
        });
        Assert.Matches("/organization/units/[a-z_]+$", browser.Url);
        Assert.Equal(rarest, expected[browser.Url.Split('/')[^1]]);
        browser.Navigate().Back();

        browser.FindElement(By.CssSelector("#units tr[data-unit=new_media] a")).Click();

        Assert.EndsWith("/organization/units/new_media", browser.Url, StringComparison.Ordinal);
        Assert.StartsWith("New media department", browser.FindElement(By.TagName("h1")).Text, StringComparison.Ordinal);
        var kpis = browser.FindElements(By.CssSelector("#kpis tr.kpi-row"));
        Assert.Equal(["reach", "clicks", "spend"], kpis.Select(r => r.GetAttribute("data-kpi")));
        var lines = (await service.ScorecardAsync(period, "new_media", default)).Kpis.ToDictionary(k => k.Id);
        foreach (var row in kpis)
        {
            var line = lines[row.GetAttribute("data-kpi")!];
            var cells = row.FindElements(By.TagName("td"));
            Assert.Equal(KpiFormat.Value(line.Measure, line.Value), cells[1].Text);
            Assert.Equal(KpiFormat.Value(line.Measure, line.Target), cells[2].Text);
            Assert.Equal(KpiFormat.Status(line.Status), cells[4].Text);
            Assert.Equal("true", cells[6].FindElement(By.CssSelector("[data-chart]")).GetAttribute("data-chart-ready"));
        }

        Assert.Contains("Sum of spend of the spend rows dated in the period.", browser.FindElement(By.Id("kpis")).Text, StringComparison.Ordinal);
        Assert.Contains(browser.FindElements(By.CssSelector("#functions tr")), r => r.GetAttribute("data-function") == "seo");
        Assert.Contains("Two units are responsible for SEO", browser.FindElement(By.Id("unit-findings")).Text, StringComparison.Ordinal);

        browser.Navigate().GoToUrl(app.BaseAddress + "/organization/units/no_such_unit");
        Assert.Contains("There is no unit \"no_such_unit\"", browser.FindElement(By.Id("not-found")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyWorkspace_GetsItsStructureFromTheTemplateForm_AndTheTargetsFormRefusesABadPeriodThenSaves()
    {
        await using var app = await RunningApp.StartAsync(demo: false);
        using var browser = StartBrowser();

        browser.Navigate().GoToUrl(app.BaseAddress + "/organization");
        Assert.Contains("no organization structure yet", browser.FindElement(By.Id("no-structure")).Text, StringComparison.Ordinal);
        Browser.Choose(browser, "#create-structure select[name=template]", "recommended");
        Browser.Submit(browser, browser.FindElement(By.CssSelector("#create-structure button[type=submit]")));

        var units = browser.FindElements(By.CssSelector("#units tbody tr"));
        Assert.Equal(OrgTemplates.Get("recommended")!.Units.Select(u => u.Id).Order(StringComparer.Ordinal),
            units.Select(r => r.GetAttribute("data-unit")!).Order(StringComparer.Ordinal));
        // Without data or targets nothing is on or off track: every unit is grey.
        Assert.All(units, r => Assert.Equal("grey", r.GetAttribute("data-health")));
        Assert.Contains("finds nothing", browser.FindElement(By.Id("boundary-summary")).Text, StringComparison.Ordinal);

        browser.Navigate().GoToUrl(app.BaseAddress + "/organization/targets");
        Assert.Contains("No targets yet", browser.FindElement(By.Id("no-targets")).Text, StringComparison.Ordinal);
        FillTarget(browser, "dau", "user_ops", "2026-13", "120");

        var error = browser.FindElement(By.CssSelector("#target-form .field-error[data-field=period]"));
        Assert.Equal(Messages.Text(OrgCodes.NotAPeriod, MessageArgs.Of(("value", "2026-13"))), error.Text);
        Assert.Contains("The target was not saved", browser.FindElement(By.Id("target-problems")).Text, StringComparison.Ordinal);
        // The user's input is still there to correct.
        Assert.Equal("dau", Chosen(browser, "#target-form select[name=kpi]"));
        Assert.Equal("user_ops", Chosen(browser, "#target-form select[name=unit]"));
        Assert.Equal("2026-13", browser.FindElement(By.CssSelector("#target-form input[name=period]")).GetAttribute("value"));
        Assert.Equal("120", browser.FindElement(By.CssSelector("#target-form input[name=value]")).GetAttribute("value"));
        Assert.Empty((await app.Services.GetRequiredService<TargetUseCases>().ListAsync(null, null, null, default)));

        FillTarget(browser, null, null, "2026-03", null);

        Assert.Contains("done=", browser.Url, StringComparison.Ordinal);
        Assert.StartsWith("Added the target for Daily active users (dau), User operations, 2026-03: 120", browser.FindElement(By.Id("saved")).Text, StringComparison.Ordinal);
        var row = browser.FindElement(By.CssSelector("#targets tr[data-kpi=dau][data-unit=user_ops][data-period='2026-03']"));
        Assert.Equal("120", row.FindElements(By.TagName("td"))[3].Text);
        var stored = Assert.Single((await app.Services.GetRequiredService<TargetUseCases>().ListAsync(null, null, null, default)));
        Assert.Equal(new KpiTarget("dau", "user_ops", Period.Month(2026, 3), 120), stored);

        // A value that is not a number is refused without saving, with the other fields checked too.
        FillTarget(browser, "retention_d7", "user_ops", "2026-Q2", "15%");
        Assert.Contains(Messages.Text(OrgCodes.TargetNotANumber, MessageArgs.Of(("value", "15%"))), browser.FindElement(By.CssSelector(".field-error[data-field=value]")).Text, StringComparison.Ordinal);
        Assert.Single((await app.Services.GetRequiredService<TargetUseCases>().ListAsync(null, null, null, default)));

        browser.Navigate().GoToUrl(app.BaseAddress + "/organization/targets");
        Browser.Submit(browser, browser.FindElement(By.CssSelector("#targets tr[data-kpi=dau] button[name=remove]")));
        Assert.StartsWith("Removed the target for Daily active users", browser.FindElement(By.Id("saved")).Text, StringComparison.Ordinal);
        Assert.Empty(browser.FindElements(By.CssSelector("#targets tr[data-kpi=dau]")));
        Assert.Empty((await app.Services.GetRequiredService<TargetUseCases>().ListAsync(null, null, null, default)));
    }

    [Fact]
    public async Task Boundaries_ListCompanyBsFindingsWithReasons_AndCompareHighlightsWhatMoves()
    {
        await using var app = await RunningApp.StartAsync(demo: false);
        using var browser = StartBrowser();
        var report = OrgAnalysis.Check(OrgTemplates.Get("company-b")!);

        browser.Navigate().GoToUrl(app.BaseAddress + "/organization/boundaries");
        Assert.Contains("no organization structure yet", browser.FindElement(By.Id("no-structure")).Text, StringComparison.Ordinal);
        Browser.Choose(browser, "form.filters select[name=structure]", "company-b");
        Browser.Submit(browser, browser.FindElement(By.CssSelector("form.filters button[type=submit]")));

        Assert.Contains("structure=company-b", browser.Url, StringComparison.Ordinal);
        Assert.Equal("Boundary report: Company B (VR technology)", browser.FindElement(By.CssSelector("h2")).Text);
        var mismatch = Assert.Single(browser.FindElements(By.CssSelector("#mismatches tbody tr")));
        Assert.Equal("marketing", mismatch.GetAttribute("data-unit"));
        Assert.Contains("Marketing department's name says marketing, but 2 of its 3 responsible functions are sales work",
            mismatch.Text, StringComparison.Ordinal);
        Assert.Equal(report.Gaps.Select(g => g.Function), browser.FindElements(By.CssSelector("#gaps tbody tr")).Select(r => r.GetAttribute("data-function")));
        Assert.Equal(29, report.Gaps.Count);
        Assert.Equal(report.UnownedKpis.Select(k => k.Kpi), browser.FindElements(By.CssSelector("#unowned-kpis tbody tr")).Select(r => r.GetAttribute("data-kpi")));
        Assert.Contains(Messages.Text(report.Gaps[0].Reason), browser.FindElement(By.Id("gaps")).Text, StringComparison.Ordinal);
        Assert.Contains("How each rule works", browser.FindElement(By.CssSelector("section.method")).Text, StringComparison.Ordinal);

        browser.Navigate().GoToUrl(app.BaseAddress + "/organization/compare?a=company-a&b=recommended");
        var comparison = OrgComparison.Compare(OrgTemplates.Get("company-a")!, OrgTemplates.Get("recommended")!);
        Assert.Equal("9", browser.FindElement(By.CssSelector("#counts [data-verdict=moved] strong")).Text);
        var moved = browser.FindElements(By.CssSelector("#comparison tr.moved"));
        Assert.Equal(comparison.Functions.Where(f => f.Verdict == ComparisonVerdict.Moved).Select(f => f.Function), moved.Select(r => r.GetAttribute("data-function")));
        Assert.Contains("PR strategy moves from Brand department to Public relations department.",
            browser.FindElement(By.CssSelector("#comparison tr[data-function=pr_strategy]")).Text, StringComparison.Ordinal);
    }

    private static void FillTarget(ChromeDriver browser, string? kpi, string? unit, string? period, string? value)
    {
        if (kpi is not null)
        {
            Browser.Choose(browser, "#target-form select[name=kpi]", kpi);
        }

        if (unit is not null)
        {
            Browser.Choose(browser, "#target-form select[name=unit]", unit);
        }

        foreach (var (name, text) in new[] { ("period", period), ("value", value) })
        {
            if (text is not null)
            {
                var input = browser.FindElement(By.CssSelector($"#target-form input[name={name}]"));
                input.Clear();
                input.SendKeys(text);
            }
        }

        Browser.Submit(browser, browser.FindElement(By.CssSelector("#target-form button[type=submit]")));
    }

    private static string? Chosen(ChromeDriver browser, string select) =>
        browser.FindElements(By.CssSelector($"{select} option")).Single(o => o.Selected).GetAttribute("value");
}
