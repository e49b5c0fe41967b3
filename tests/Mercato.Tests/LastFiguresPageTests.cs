using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mercato.Tests;

/// <summary>
/// A page view after new data shows the last figures with their age while the new ones are computed
/// (<c>FigureWaitMilliseconds</c>, docs/architecture.md, Figures while data arrives); the API stays exact, and once the
/// new figure is computed the page shows it without the notice.
/// </summary>
public class LastFiguresPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Notice = "id=\"figures-as-of\"";

    [Fact]
    public async Task AfterNewData_ThePageShowsTheLastRoiWithItsAge_AndTheNewOneOnceTheApiComputedIt()
    {
        // A wait of zero: a view never waits for a figure it has a last result of.
        await using var app = await RunningApp.StartAsync(demo: true, settings: new Dictionary<string, string?> { ["Mercato:FigureWaitMilliseconds"] = "0" });
        var first = await app.Client.GetStringAsync("/measurement", Ct);
        Assert.DoesNotContain(Notice, first, StringComparison.Ordinal);

        // The background computation could in principle finish before the view looks at it; new data again, a few times.
        var shown = false;
        for (var attempt = 0; attempt < 5 && !shown; attempt++)
        {
            await PostTouchpointAsync(app, attempt);
            var page = await app.Client.GetStringAsync("/measurement", Ct);
            shown = page.Contains(Notice, StringComparison.Ordinal);
            if (shown)
            {
                Assert.Contains("Some figures on this page were counted", page, StringComparison.Ordinal);
            }
        }

        Assert.True(shown, "no view after new data showed the last figures' notice");

        // The API is exact: it computes (or waits for) the report at the current data, which the next view then shows.
        using (var roi = await app.Client.GetAsync("/api/v1/measurement/roi", Ct))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, roi.StatusCode);
        }

        Assert.DoesNotContain(Notice, await app.Client.GetStringAsync("/measurement", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithTheDefaultOfTheTests_APageWaitsForTheNewFigure()
    {
        await using var app = await RunningApp.StartAsync(demo: true);
        await app.Client.GetStringAsync("/measurement", Ct);
        await PostTouchpointAsync(app, 0);
        Assert.DoesNotContain(Notice, await app.Client.GetStringAsync("/measurement", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewDayOfData_ShowsTheLastBrandBoardWithItsWindow_AndTheApiWaitsForTheNewWindow()
    {
        // The default window ends on the last day with data: an event on a later day moves it. The board of a window never
        // counted is not waited for either: the last board answers with its own window and the notice.
        await using var app = await RunningApp.StartAsync(demo: true, settings: new Dictionary<string, string?> { ["Mercato:FigureWaitMilliseconds"] = "0" });
        var first = await app.Client.GetStringAsync("/campaigns/brand", Ct);
        Assert.DoesNotContain(Notice, first, StringComparison.Ordinal);
        var day = ShownEnd(first);

        var shown = false;
        for (var attempt = 0; attempt < 5 && !shown; attempt++)
        {
            day = day.AddDays(1);
            await PostTouchpointAsync(app, "new-day-" + attempt, day.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc));
            // The data's span is read at once (the ad pages read it too): the window the page is of is the new day's.
            var zone = await app.Services.GetRequiredService<Mercato.Features.Settings.SettingsUseCases>().ZoneAsync(Ct);
            Assert.Equal(day, (await app.Services.GetRequiredService<Mercato.Shared.DataSpans>().DaysAsync(zone, Ct))!.Value.End);
            var page = await app.Client.GetStringAsync("/campaigns/brand", Ct);
            shown = page.Contains(Notice, StringComparison.Ordinal);
            if (shown)
            {
                Assert.True(ShownEnd(page) < day, "the last board shows the window it was counted for, not the new day's");
            }
        }

        Assert.True(shown, "no view after a new day of data showed the last board");

        // The API waits for the new window's board; the page then shows it, without the notice.
        using (var api = System.Text.Json.JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/campaigns/brand", Ct)))
        {
            Assert.Contains(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), api.RootElement.GetProperty("board").GetProperty("window").ToString(), StringComparison.Ordinal);
        }

        var after = await app.Client.GetStringAsync("/campaigns/brand", Ct);
        Assert.DoesNotContain(Notice, after, StringComparison.Ordinal);
        Assert.Equal(day, ShownEnd(after));
    }

    /// <summary>The last day of the brand board's window, as its "to" field shows it.</summary>
    private static DateOnly ShownEnd(string page) =>
        DateOnly.ParseExact(System.Text.RegularExpressions.Regex.Match(page, "name=\"to\" value=\"([0-9-]+)\"").Groups[1].Value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The notice's age: whole seconds under a minute, then minutes, hours under two days, then days (kept figures may be old).</summary>
    [Theory]
    [InlineData(0, "en", "0 s")]
    [InlineData(59.9, "en", "59 s")]
    [InlineData(60, "en", "1 min")]
    [InlineData(3599, "en", "59 min")]
    [InlineData(3600, "en", "1 h")]
    [InlineData(172799, "en", "47 h")]
    [InlineData(172800, "en", "2 days")]
    [InlineData(7200, "zh-CN", "2 小时")]
    public void TheAgeOfTheLastFigures_IsInTheLargestWholeUnit(double seconds, string culture, string age)
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(culture);
        try
        {
            Assert.Equal(age, Mercato.Shared.LastFiguresNotice.Age(TimeSpan.FromSeconds(seconds)));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    private static Task PostTouchpointAsync(RunningApp app, int n) =>
        PostTouchpointAsync(app, "late-" + n, new DateTime(2026, 3, 15, 9, 0, 0, DateTimeKind.Utc));

    private static async Task PostTouchpointAsync(RunningApp app, string id, DateTime at)
    {
        var body = "[{\"touchpoint_id\":\"" + id + "\",\"user_id\":\"late-user\",\"timestamp\":\""
            + at.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) + "\",\"channel\":\"baidu_sem\",\"type\":\"click\"}]";
        using var response = await app.Client.PostAsync("/api/v1/events?kind=touchpoints", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>A setting of the wrong type stops the start with a message naming it, as an out-of-range one does.</summary>
public class SettingTypeTests
{
    [Theory]
    [InlineData("abc", "Mercato:FigureWaitMilliseconds")]
    [InlineData("-5", "FigureWaitMilliseconds must be between -1 and 600000")]
    public void AWaitThatIsNotANumberOrOutOfRange_IsAProblemNamingIt(string value, string named)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Mercato:FigureWaitMilliseconds"] = value })
            .Build();
        Assert.Null(Mercato.Hosting.MercatoConfiguration.Options(configuration, out var problems));
        Assert.Contains(problems, p => p.Contains(named, StringComparison.Ordinal));
    }
}
