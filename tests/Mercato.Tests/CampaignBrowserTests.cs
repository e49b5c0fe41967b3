using Mercato.Core.Campaigns;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Mercato.Tests;

/// <summary>The Campaigns pages in Debian's Chromium: a campaign created through the form and moved through its first gate.</summary>
public class CampaignBrowserTests
{
    [Fact]
    public async Task NewCampaignForm_CreatesACampaign_AndItsPageMovesItToResourcesConfirmedOnceASquadIsAttached()
    {
        await using var app = await RunningApp.StartAsync(actor: "Lin Mei");
        await app.Services.StructureAsync();
        await app.Services.PersonAsync(new Person("lin-mei", "Lin Mei", "new_media", "Content lead"));
        await app.Services.PersonAsync(new Person("wang-jun", "Wang Jun", "brand", "Designer"));
        using var browser = Browser.Start();

        browser.Navigate().GoToUrl(app.BaseAddress + "/campaigns");
        Assert.Equal("Campaigns", browser.FindElement(By.CssSelector("nav.tabs a.current")).Text);
        Assert.Contains("No campaigns yet", browser.FindElement(By.Id("no-campaigns")).Text, StringComparison.Ordinal);
        browser.FindElement(By.Id("new-campaign")).Click();
        Assert.EndsWith("/campaigns/new", browser.Url, StringComparison.Ordinal);

        // A schedule that ends before it starts is refused next to the field, and what was typed stays in the form.
        Fill(browser, "id", "bp-x4-launch");
        Fill(browser, "name", "BP monitor X4 launch");
        Browser.Choose(browser, "select[name=type]", "product_launch");
        Browser.Choose(browser, "select[name=unit]", "new_media");
        SetDate(browser, "start", "2030-03-10");
        SetDate(browser, "end", "2030-03-01");
        Fill(browser, "codes", "bp-x4");
        Fill(browser, "budget", "douyin_ads=50000\nkol_fee=20,000.50");
        Fill(browser, "objectives", "participants=5000\nroi=0.5");
        browser.FindElement(By.CssSelector("input[name=steps][value='5']")).Click();
        Browser.Submit(browser, browser.FindElement(By.Id("create")));

        Assert.EndsWith("/campaigns/new", browser.Url, StringComparison.Ordinal);
        Assert.Equal("the end 2030-03-01 is before the start 2030-03-10",
            browser.FindElement(By.XPath("//form[@id='campaign-form']//label[.//input[@name='end']]//span[@class='field-error']")).Text);
        Assert.Equal("invalid", browser.FindElement(By.XPath("//form[@id='campaign-form']//label[.//input[@name='end']]")).GetAttribute("class"));
        Assert.Equal("BP monitor X4 launch", browser.FindElement(By.CssSelector("#campaign-form input[name=name]")).GetAttribute("value"));
        Assert.Equal("douyin_ads=50000\nkol_fee=20,000.50", browser.FindElement(By.CssSelector("#campaign-form textarea[name=budget]")).GetAttribute("value"));
        Assert.Empty(await app.Services.CampaignsAsync());

        SetDate(browser, "end", "2030-03-31");
        Browser.Submit(browser, browser.FindElement(By.Id("create")));

        Assert.Equal("/campaigns/c/bp-x4-launch", new Uri(browser.Url).AbsolutePath);
        Assert.Equal("BP monitor X4 launch", browser.FindElement(By.TagName("h1")).Text);
        Assert.Equal("Campaign bp-x4-launch created in planning.", browser.FindElement(By.Id("done")).Text);
        Assert.Equal("planning", browser.FindElement(By.Id("lifecycle")).GetAttribute("data-stage"));
        var created = (await app.Services.CampaignOrNullAsync("bp-x4-launch"))!;
        Assert.Equal(CampaignType.ProductLaunch, created.Type);
        Assert.Equal(new DateRange(new(2030, 3, 10), new(2030, 3, 31)), created.Schedule);
        Assert.Equal([new BudgetLine(BudgetItemKind.Channel, "douyin_ads", 50000m), new BudgetLine(BudgetItemKind.Cost, "kol_fee", 20000.50m)], created.Budget);
        Assert.Equal([new Objective("participants", 5000), new Objective("roi", 0.5)], created.Objectives);
        Assert.Equal(["bp-x4"], created.Codes);
        Assert.Equal([5], created.BrandSteps);
        Assert.Equal(["no_squad"], browser.FindElements(By.CssSelector("#blockers li")).Select(li => li.GetAttribute("data-code")));

        // The gate holds: without a squad the move is refused with its reason and nothing changes.
        Browser.Submit(browser, browser.FindElement(By.Id("advance")));
        var refusal = browser.FindElement(By.Id("refusal"));
        Assert.Equal("no_squad", refusal.GetAttribute("data-code"));
        Assert.Contains("Nothing changed.", refusal.Text, StringComparison.Ordinal);
        Assert.Equal(CampaignStage.Planning, (await app.Services.CampaignOrNullAsync("bp-x4-launch"))!.Stage);

        // A squad from two units, led by Lin Mei, opens the gate.
        Browser.Choose(browser, "#squad-form select[name=lead]", "lin-mei");
        Browser.Choose(browser, "#squad-form select[name=member0]", "wang-jun");
        Browser.Choose(browser, "#squad-form select[name=role0]", "creative");
        Browser.Submit(browser, browser.FindElement(By.Id("attach-squad")));
        Assert.StartsWith("Squad bp-x4-launch-squad attached: 2 members", browser.FindElement(By.Id("done")).Text, StringComparison.Ordinal);
        Assert.NotEmpty(browser.FindElements(By.Id("gate-open")));
        Assert.Equal(
            [new SquadMember("lin-mei", SquadRole.Lead), new SquadMember("wang-jun", SquadRole.Creative)],
            (await app.Services.SquadOrNullAsync("bp-x4-launch-squad"))!.Members);
        Fill(browser, "#advance-form input[name=note]", "squad staffed", raw: true);
        Browser.Submit(browser, browser.FindElement(By.Id("advance")));

        Assert.Equal("resources_confirmed", browser.FindElement(By.Id("lifecycle")).GetAttribute("data-stage"));
        Assert.Equal("Moved to resources confirmed by Lin Mei.", browser.FindElement(By.Id("done")).Text);
        var moved = (await app.Services.CampaignOrNullAsync("bp-x4-launch"))!;
        Assert.Equal(CampaignStage.ResourcesConfirmed, moved.Stage);
        var transition = Assert.Single(moved.Transitions);
        Assert.Equal((CampaignStage.Planning, CampaignStage.ResourcesConfirmed, "Lin Mei", "squad staffed"),
            (transition.From, transition.To, transition.By, transition.Note));
        Assert.Contains("Lin Mei", browser.FindElement(By.Id("history")).Text, StringComparison.Ordinal);
        // Promotion is next, and its gate wants the budget approved.
        Assert.Equal(["budget_not_approved"], browser.FindElements(By.CssSelector("#blockers li")).Select(li => li.GetAttribute("data-code")));

        // The edit form starts from the stored campaign; saving keeps the stage and its history.
        browser.FindElement(By.Id("edit-link")).Click();
        Assert.Equal("channel:douyin_ads=50000\ncost:kol_fee=20000.50", browser.FindElement(By.CssSelector("#campaign-form textarea[name=budget]")).GetAttribute("value"));
        Assert.Equal("participants=5000\nroi=0.5", browser.FindElement(By.CssSelector("#campaign-form textarea[name=objectives]")).GetAttribute("value"));
        Fill(browser, "milestones", "2030-03-10 Press day\nx 2030-03-01 Venue booked");
        Fill(browser, "messages", "Measure at home, share with your doctor");
        Fill(browser, "links", "Launch page | https://example.com/x4");
        Browser.Submit(browser, browser.FindElement(By.Id("create")));
        Assert.Equal("Campaign bp-x4-launch saved.", browser.FindElement(By.Id("done")).Text);
        var edited = (await app.Services.CampaignOrNullAsync("bp-x4-launch"))!;
        Assert.Equal([new Milestone("Press day", new(2030, 3, 10)), new Milestone("Venue booked", new(2030, 3, 1), Done: true)], edited.Milestones);
        Assert.Equal(new ContentKit(["Measure at home, share with your doctor"], [new KitLink("Launch page", "https://example.com/x4")]), edited.Kit);
        Assert.Equal(moved.Transitions, edited.Transitions);
        Assert.Equal(CampaignStage.ResourcesConfirmed, edited.Stage);
        Assert.Contains("Draft: not shared until approved.", browser.FindElement(By.Id("kit-state")).Text, StringComparison.Ordinal);

        browser.Navigate().GoToUrl(app.BaseAddress + "/campaigns/board");
        var column = browser.FindElement(By.CssSelector(".board-column[data-stage=resources_confirmed]"));
        Assert.Equal("bp-x4-launch", column.FindElement(By.CssSelector(".card")).GetAttribute("data-campaign"));
        Assert.Empty(browser.FindElements(By.CssSelector(".board-column[data-stage=planning] .card")));
    }

    [Fact]
    public async Task PeopleSquadsAndCampaigns_AreEditedDetachedAndRemovedFromThePages_WithTheGatesKept()
    {
        await using var app = await RunningApp.StartAsync(actor: "Lin Mei");
        await app.Services.StructureAsync();
        await app.Services.PersonAsync(new Person("lin-mei", "Lin Mei", "new_media", "Content lead"));
        await app.Services.PersonAsync(new Person("wang-jun", "Wang Jun", "brand", "Designer", ["WJ-0"]));
        var budget = new[] { new BudgetLine(BudgetItemKind.Channel, "douyin_ads", 1000m) };
        await app.Services.CampaignAsync(new Campaign("draft", "Draft launch", CampaignType.ProductLaunch, "new_media", new(2030, 3, 1), new(2030, 3, 31), budget: budget));
        await app.Services.CampaignAsync(new Campaign("fair", "Spring fair", CampaignType.Exhibition, "brand", new(2030, 4, 1), new(2030, 4, 5), budget: budget));
        await app.Services.SquadAsync(new Squad("s1", "Draft squad", [new("lin-mei", SquadRole.Lead)], new(2030, 3, 1), new(2030, 3, 31), ["draft"]));
        await app.Services.SquadAsync(new Squad("s2", "Fair squad", [new("wang-jun", SquadRole.Lead)], new(2030, 4, 1), new(2030, 4, 5), ["fair"]));
        await app.Services.AdvanceAsync("fair");
        using var browser = Browser.Start();

        // Edit a person: a bad code is refused beside its field with the input kept, then the fix is saved.
        browser.Navigate().GoToUrl(app.BaseAddress + "/campaigns/people/wang-jun");
        Assert.Equal("WJ-0", browser.FindElement(By.CssSelector("#edit-person input[name=codes]")).GetAttribute("value"));
        Assert.Contains("sits in 1 squad (s2)", browser.FindElement(By.Id("remove-blocked")).Text, StringComparison.Ordinal);
        Fill(browser, "#edit-person input[name=title]", "Senior designer", raw: true);
        Fill(browser, "#edit-person input[name=codes]", "WJ-1, x", raw: true);
        Browser.Submit(browser, browser.FindElement(By.Id("save-person")));
        Assert.Equal(Messages.Text(CampaignCodes.NotReferralCode, MessageArgs.Of(("value", "x"))), browser.FindElement(By.CssSelector("#edit-person .field-error[data-field=referralCodes]")).Text);
        Assert.Equal("Senior designer", browser.FindElement(By.CssSelector("#edit-person input[name=title]")).GetAttribute("value"));
        Assert.Equal("Designer", (await app.Services.PersonOrNullAsync("wang-jun"))!.Title);
        Fill(browser, "#edit-person input[name=codes]", "WJ-1", raw: true);
        Browser.Submit(browser, browser.FindElement(By.Id("save-person")));
        Assert.Equal("Saved Wang Jun.", browser.FindElement(By.Id("done")).Text);
        Assert.Equal(new Person("wang-jun", "Wang Jun", "brand", "Senior designer", ["WJ-1"]), (await app.Services.PersonOrNullAsync("wang-jun")));

        // A campaign past planning keeps its last led squad.
        browser.Navigate().GoToUrl(app.BaseAddress + "/campaigns/c/fair");
        Browser.Submit(browser, browser.FindElement(By.CssSelector("button[data-detach=s2]")));
        Assert.Contains("keeps a squad with a lead", browser.FindElement(By.Id("squad-problems")).Text, StringComparison.Ordinal);
        Assert.Equal(["fair"], (await app.Services.SquadOrNullAsync("s2"))!.Campaigns);
        Assert.Empty(browser.FindElements(By.Id("remove-campaign")));

        // In planning the squad is detached, then removed, then its lead leaves the directory, then the campaign goes.
        browser.Navigate().GoToUrl(app.BaseAddress + "/campaigns/c/draft");
        Browser.Submit(browser, browser.FindElement(By.CssSelector("button[data-detach=s1]")));
        Assert.StartsWith("Squad s1 detached from this campaign", browser.FindElement(By.Id("done")).Text, StringComparison.Ordinal);
        Assert.Empty((await app.Services.SquadOrNullAsync("s1"))!.Campaigns);
        Assert.Equal(["no_squad"], browser.FindElements(By.CssSelector("#blockers li")).Select(li => li.GetAttribute("data-code")));

        browser.Navigate().GoToUrl(app.BaseAddress + "/campaigns/people");
        Assert.Empty(browser.FindElements(By.CssSelector("button[data-remove=s2]")));
        Browser.Submit(browser, browser.FindElement(By.CssSelector("button[data-remove=s1]")), confirm: true);
        Assert.Equal("Removed squad s1.", browser.FindElement(By.Id("saved")).Text);
        Assert.Null((await app.Services.SquadOrNullAsync("s1")));

        browser.Navigate().GoToUrl(app.BaseAddress + "/campaigns/people/lin-mei");
        Browser.Submit(browser, browser.FindElement(By.Id("remove")), confirm: true);
        Assert.Equal("/campaigns/people", new Uri(browser.Url).AbsolutePath);
        Assert.Equal("Removed Lin Mei (lin-mei) from the directory.", browser.FindElement(By.Id("saved")).Text);
        Assert.Null((await app.Services.PersonOrNullAsync("lin-mei")));

        browser.Navigate().GoToUrl(app.BaseAddress + "/campaigns/c/draft");
        Browser.Submit(browser, browser.FindElement(By.Id("remove-campaign")), confirm: true);
        Assert.Equal("/campaigns", new Uri(browser.Url).AbsolutePath);
        Assert.Equal("Campaign draft removed.", browser.FindElement(By.Id("done")).Text);
        Assert.Null((await app.Services.CampaignOrNullAsync("draft")));
        Assert.NotNull((await app.Services.CampaignOrNullAsync("fair")));
    }

    [Fact]
    public async Task CancelForm_NeedsAReason_ThenCancels_AndThePageSaysWhenWhoAndWhy()
    {
        await using var app = await RunningApp.StartAsync(actor: "Lin Mei");
        await app.Services.StructureAsync();
        var budget = new[] { new BudgetLine(BudgetItemKind.Channel, "douyin_ads", 1000m) };
        await app.Services.CampaignAsync(new Campaign("fair", "Spring fair", CampaignType.Exhibition, "brand", new(2030, 4, 1), new(2030, 4, 5), budget: budget));
        using var browser = Browser.Start();

        browser.Navigate().GoToUrl(app.BaseAddress + "/campaigns/c/fair");
        Assert.Null(browser.FindElement(By.Id("cancel-campaign")).GetAttribute("open"));
        browser.FindElement(By.CssSelector("#cancel-campaign summary")).Click();
        Fill(browser, "#cancel-form input[name=note]", " ", raw: true);
        Browser.Submit(browser, browser.FindElement(By.Id("cancel")), confirm: true);

        Assert.Equal("cancellation_reason_required", browser.FindElement(By.Id("refusal")).GetAttribute("data-code"));
        Assert.NotNull(browser.FindElement(By.Id("cancel-campaign")).GetAttribute("open"));
        Assert.Equal(CampaignStage.Planning, (await app.Services.CampaignOrNullAsync("fair"))!.Stage);

        Fill(browser, "#cancel-form input[name=note]", "Venue closed", raw: true);
        Browser.Submit(browser, browser.FindElement(By.Id("cancel")), confirm: true);

        Assert.Equal("Cancelled by Lin Mei: Venue closed.", browser.FindElement(By.Id("done")).Text);
        Assert.Equal("cancelled", browser.FindElement(By.Id("lifecycle")).GetAttribute("data-stage"));
        Assert.Matches(@"^Cancelled on \d{4}-\d{2}-\d{2} by Lin Mei: Venue closed\.", browser.FindElement(By.Id("cancelled")).Text);
        Assert.Equal("planning", browser.FindElement(By.CssSelector("#lifecycle li.stopped")).GetAttribute("data-stage"));
        Assert.Empty(browser.FindElements(By.Id("advance-form")));
        Assert.Empty(browser.FindElements(By.Id("cancel-form")));
        var cancelled = (await app.Services.CampaignOrNullAsync("fair"))!;
        Assert.Equal(CampaignStage.Cancelled, cancelled.Stage);
        Assert.Equal((CampaignStage.Planning, "Lin Mei", "Venue closed"), (cancelled.Cancellation!.From, cancelled.Cancellation.By, cancelled.Cancellation.Note));
    }

    private static void Fill(ChromeDriver browser, string field, string text, bool raw = false)
    {
        var input = browser.FindElement(By.CssSelector(raw ? field : $"#campaign-form [name={field}]"));
        input.Clear();
        input.SendKeys(text);
    }

    /// <summary>Sets a date input's value directly: typing into it depends on the browser's locale.</summary>
    private static void SetDate(ChromeDriver browser, string field, string day) =>
        browser.ExecuteScript("arguments[0].value = arguments[1];", browser.FindElement(By.CssSelector($"#campaign-form input[name={field}]")), day);
}
