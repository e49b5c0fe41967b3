using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Mercato.Core.DataCenter;
using Mercato.Core.Mix;
using Mercato.Features.Mix;
using Mercato.Tests.UseCases;
using Microsoft.Extensions.DependencyInjection;

namespace Mercato.Tests;

/// <summary>The Budget plans pages as a person uses them: a plan made from the form, approved, started, its review refused until the data is in.</summary>
public class MixPlanPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APlanMadeOnThePage_IsApprovedAndStartedThere_AndItsReviewSaysWhyNotYet()
    {
        await using var app = await RunningApp.StartAsync();
        await MixPlanSamples.SeedOrganizationAsync(app.Services);
        var (spend, conversions) = MixPlanSamples.Simulated(weeks: 150);
        await MixPlanSamples.ImportAsync(app.Services, DataKinds.Spend, spend.Select(r => r.Csv), "date,channel,spend");
        await MixPlanSamples.ImportAsync(app.Services, DataKinds.Conversions, conversions.Select(r => r.Csv), "conversion_id,user_id,timestamp,revenue");
        var fit = (await app.Services.GetRequiredService<MixUseCases>().FitWorkspaceAsync(MixOutcomeKind.Revenue, new MixOptions(), Ct)).Value!.Fit;
        var budget = Math.Round(fit.Channels.Sum(c => c.CurrentSpend) * 4).ToString(CultureInfo.InvariantCulture);

        var (badStatus, bad) = await app.PostFormAsync("/measurement/mix/plans", "new-plan", ("owner", "online_promotion"), ("budget", "99999999"), ("period", "4"));
        Assert.Equal(HttpStatusCode.OK, badStatus);
        Assert.Contains("data-code=\"mix_budget_infeasible\"", bad, StringComparison.Ordinal);
        Assert.Contains("the guard rails cannot meet a budget of", bad, StringComparison.Ordinal);
        Assert.Empty((await app.Services.GetRequiredService<MixPlanUseCases>().ListAsync(Ct)).Plans);

        var (_, made) = await app.PostFormAsync(
            "/measurement/mix/plans", "new-plan", ("owner", "online_promotion"), ("title", "Four weeks online"), ("budget", budget), ("period", "4"), ("objective", "revenue"), ("outcome", "revenue"));
        Assert.Contains("Four weeks online", made, StringComparison.Ordinal);
        Assert.Contains("<strong>Draft</strong>", made, StringComparison.Ordinal);
        var path = "/measurement/mix/plans/plan-2025-11-17";

        var (_, approved) = await app.SubmitAsync(path, "approve-form", new Dictionary<string, string> { ["note"] = "go" });
        Assert.Contains("Approved by Sun Tao (sun-tao, head of online_promotion)", approved, StringComparison.Ordinal);

        var (_, started) = await app.SubmitAsync(path, "start-form");
        Assert.Contains("<strong>In effect</strong>", started, StringComparison.Ordinal);

        var (_, review) = await app.SubmitAsync(path, "review-form");
        Assert.Contains("data-code=\"mix_plan_data_missing\"", review, StringComparison.Ordinal);
        Assert.Contains("spend data runs to 2025-11-16", review, StringComparison.Ordinal);
        var list = await app.Client.GetStringAsync("/measurement/mix/plans");
        Assert.Contains("No plan reviewed yet", list, StringComparison.Ordinal);
        Assert.Contains("plan-2025-11-17", list, StringComparison.Ordinal);

        // The Mix model page's proposal saves the same proposal as a second draft through the Budget plans page's form.
        var mixPage = await app.Client.GetStringAsync("/measurement/mix?budget=" + budget + "&period=4");
        var (_, second) = await app.SubmitAsync("/measurement/mix/plans", "save-as-plan", new Dictionary<string, string> { ["owner"] = "marketing", ["title"] = "From the mix page" }, mixPage);
        Assert.Contains("From the mix page", second, StringComparison.Ordinal);
        var saved = Assert.Single((await app.Services.GetRequiredService<MixPlanUseCases>().ListAsync(Ct)).Plans, p => p.Value.Id == "plan-2025-11-17-2").Value;
        Assert.Equal(("marketing", double.Parse(budget, CultureInfo.InvariantCulture)), (saved.Owner, saved.Budget));
    }

    [Fact]
    public async Task TheMixPage_AddsAndRemovesTheWorkspacesEvents_AndSaysWhatIsWrongWithABadOne()
    {
        await using var app = await RunningApp.StartAsync();

        var (_, bad) = await app.PostFormAsync("/measurement/mix", "add-event", ("eventName", "Brand Day"), ("eventFirst", "2026-05-20"), ("eventLast", "2026-05-19"));
        Assert.Contains("an event's name must be a snake_case word", bad, StringComparison.Ordinal);
        Assert.Contains("its last day must not be before its first", bad, StringComparison.Ordinal);
        var (_, badDay) = await app.PostFormAsync("/measurement/mix", "add-event", ("eventName", "brand_day"), ("eventFirst", "20 May"), ("eventLast", "2026-05-21"));
        Assert.Contains("id=\"mix-event-problems\"", badDay, StringComparison.Ordinal);
        Assert.Empty(await app.Services.GetRequiredService<MixUseCases>().EventsAsync(Ct));

        var (_, added) = await app.PostFormAsync("/measurement/mix", "add-event", ("eventName", "brand_day"), ("eventFirst", "2026-05-20"), ("eventLast", "2026-05-21"));
        Assert.Contains("data-event=\"brand_day@2026-05-20\"", added, StringComparison.Ordinal);

        var (_, removed) = await app.PostFormAsync("/measurement/mix", "remove-event-brand_day@2026-05-20");
        Assert.DoesNotContain("data-event=", removed, StringComparison.Ordinal);
        Assert.Empty(await app.Services.GetRequiredService<MixUseCases>().EventsAsync(Ct));
    }

    [Fact]
    public async Task TheEventsApi_AddsListsAndRemoves_And422sAnEventWithoutAName()
    {
        await using var app = await RunningApp.StartAsync();

        using var nameless = await app.Client.PostAsJsonAsync("/api/v1/mix/events", new { first = "2026-05-20", last = "2026-05-21" }, Ct);
        using var added = await app.Client.PostAsJsonAsync("/api/v1/mix/events", new { name = "brand_day", first = "2026-05-20", last = "2026-05-21" }, Ct);
        var listed = await app.Client.GetStringAsync("/api/v1/mix/events", Ct);
        using var removed = await app.Client.DeleteAsync("/api/v1/mix/events/brand_day?first=2026-05-20", Ct);
        using var again = await app.Client.DeleteAsync("/api/v1/mix/events/brand_day", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, nameless.StatusCode);
        Assert.Contains(MixCodes.EventBadName, await nameless.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains("\"name\":\"brand_day\",\"first\":\"2026-05-20\",\"last\":\"2026-05-21\"", listed, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (removed.StatusCode, again.StatusCode));
    }
}
