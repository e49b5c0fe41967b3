using System.Text;
using System.Text.Json;
using Mercato.Core.DataCenter;
using Mercato.Core.Measurement.Attribution;
using Mercato.Features.Imports;
using Mercato.Features.Measurement;
using Mercato.Storage.Import;
using Mercato.Tests.UseCases;
using Microsoft.Extensions.DependencyInjection;

namespace Mercato.Tests;

/// <summary>Measurement stays clean: flagged clicks are left out of journeys and attribution unless a report asks for them.</summary>
public class InvalidClickExclusionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Three users each see baidu_sem, then (a day later) an app_store click that an injecting app fired 4 s before the
    // install, then convert for 100 an hour later. One more user's app_store click is real (install 5 minutes later).
    private static async Task SeedAsync(IServiceProvider services)
    {
        var touches = new StringBuilder("user_id,timestamp,channel,type\n");
        var conversions = new StringBuilder("conversion_id,user_id,timestamp,revenue\n");
        var clicks = new StringBuilder("click_id,timestamp,channel,campaign,user_id,device_id,ip,user_agent,placement,install_timestamp\n");
        var start = new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 4; i++)
        {
            var user = $"u{i}";
            var sem = start.AddHours(i);
            var app = sem.AddDays(1);
            touches.Append(FormattableString.Invariant($"{user},{sem:O},baidu_sem,click\n{user},{app:O},app_store,click\n"));
            conversions.Append(FormattableString.Invariant($"c{i},{user},{app.AddHours(1):O},100\n"));
            var install = i < 3 ? app.AddSeconds(4) : app.AddMinutes(5);
            clicks.Append(FormattableString.Invariant($"k{i},{app:O},APP_STORE,,{user},d{i},10.1.{i}.7,Mozilla/5.0 (Linux; Android 14),adnet-7,{install:O}\n"));
        }

        foreach (var (kind, text) in new[] { (DataKinds.Touchpoints, touches), (DataKinds.Conversions, conversions), (DataKinds.Clicks, clicks) })
        {
            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            var imported = await services.GetRequiredService<ImportUseCases>().ImportAsync(
                new ImportRequest(kind, kind.Name + ".csv", new FileFormat(DataFormat.Csv, false), () => new MemoryStream(bytes, writable: false)), Ct);
            Assert.Equal(ImportStatus.Committed, imported.Status);
        }
    }

    [Fact]
    public async Task Attribution_LeavesFlaggedClicksOut_ByDefault_AndSaysHowMany()
    {
        await using var w = await TestWorkspace.OpenAsync();
        await SeedAsync(w.Services);
        var measurement = w.Get<MeasurementUseCases>();

        var clean = Expect.Ok(await measurement.AttributionAsync(new AttributionRequest(AttributionModel.Last), Ct));
        var counted = Expect.Ok(await measurement.AttributionAsync(new AttributionRequest(AttributionModel.Last, IncludeInvalidClicks: true), Ct));

        // Last touch: the three injected clicks steal their conversions from baidu_sem unless left out; the real one keeps its.
        Assert.Equal([("app_store", 1.0), ("baidu_sem", 3.0)], clean.Credits.Select(c => (c.Label, c.Conversions)).Order());
        Assert.Equal(new InvalidClickNote(true, 3, 3), clean.InvalidClicks);
        Assert.Equal([("app_store", 4.0), ("baidu_sem", 0.0)], counted.Credits.Select(c => (c.Label, c.Conversions)).Order());
        Assert.Equal(new InvalidClickNote(false, 0, 0), counted.InvalidClicks);

        var journeys = await measurement.JourneysAsync(Ct);
        Assert.Equal(new InvalidClickNote(true, 3, 3), journeys.InvalidClicks);
        Assert.Equal(3, journeys.Top.Single(p => p.Touches.SequenceEqual(["baidu_sem"])).Conversions);
        // Fewer paths than the page shows: the summary holds them all, most journeys first, and its totals are theirs.
        Assert.Equal((long)journeys.Top.Count, journeys.Paths);
        Assert.Equal(journeys.Top.Sum(p => p.Conversions + p.NonConversions), journeys.Journeys);
        Assert.Equal(journeys.Top.OrderByDescending(p => p.Conversions + p.NonConversions).Select(p => p.Conversions + p.NonConversions),
            journeys.Top.Select(p => p.Conversions + p.NonConversions));

        var roi = Expect.Ok(await measurement.RoiAsync(new RoiRequest(Model: AttributionModel.Last), Ct));
        Assert.Equal(new InvalidClickNote(true, 3, 3), roi.InvalidClicks);
        Assert.Equal(3.0, roi.Channels.Single(r => r.Channel == "baidu_sem").Conversions);
    }

    [Fact]
    public async Task TheSwitch_ReachesTheApi_TheCli_AndThePages()
    {
        await using var app = await RunningApp.StartAsync();
        await SeedAsync(app.Services);

        using (var clean = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/measurement/attribution?model=last", Ct)))
        {
            var note = clean.RootElement.GetProperty("invalidClicks");
            Assert.Equal((true, 3L), (note.GetProperty("excluded").GetBoolean(), note.GetProperty("leftOut").GetInt64()));
        }

        using (var counted = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/measurement/attribution?model=last&includeInvalidClicks=true", Ct)))
        {
            var appStore = counted.RootElement.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("channel").GetString() == "app_store");
            Assert.Equal(4.0, appStore.GetProperty("conversions").GetDouble());
        }

        var page = await app.Client.GetStringAsync("/measurement/journeys", Ct);
        Assert.Contains("Invalid traffic left out: 3 touchpoints", page, StringComparison.Ordinal);
        Assert.Contains("Flagged clicks are counted", await app.Client.GetStringAsync("/measurement/models?invalid=include", Ct), StringComparison.Ordinal);

        await using var w = await TestWorkspace.OpenAsync();
        await SeedAsync(w.Services);
        var cli = await Cli.RunAsync(["report", "attribution", "--model", "last", .. w.CliArgs]);
        Assert.Equal(0, cli.ExitCode);
        Assert.Contains("Invalid traffic left out: 3 touchpoints", cli.Stdout, StringComparison.Ordinal);
        var with = await Cli.RunAsync(["report", "attribution", "--model", "last", "--include-invalid-clicks", .. w.CliArgs]);
        Assert.Matches(@"app_store\s+4\.00\s+100\.0", with.Stdout);
        Assert.Contains("counted as touches", with.Stdout, StringComparison.Ordinal);
    }
}
