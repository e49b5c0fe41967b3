using System.Net;
using System.Text;
using System.Text.Json;
using Mercato.Core.AdMonitoring;
using Microsoft.Extensions.DependencyInjection;

namespace Mercato.Tests;

/// <summary>The clicks kind through the front doors: the IP privacy setting on the command line, imports by CLI and API.</summary>
public class ClicksFrontDoorTests
{
    private const string Header = "click_id,timestamp,channel,campaign,user_id,device_id,ip,user_agent,placement,install_timestamp";

    [Fact]
    public async Task ConfigClickIps_IsKeepUntilSet_TruncateAppliesToLaterImports_KeepStoresIpsAsGiven()
    {
        using var dir = new TempDir();
        var first = dir.File("first.csv", Header + "\nk1,2026-03-01T08:00:00Z,search,,,,203.0.113.77,,,\n");
        var second = dir.File("second.csv", Header + "\nk2,2026-03-01T09:00:00Z,search,,,,2001:db8:abcd:12::9,,,\n");
        var third = dir.File("third.csv", Header + "\nk3,2026-03-01T10:00:00Z,search,,,,198.51.100.200,,,\n");

        var shown = await Cli.RunAsync("config", "click-ips", "--data-dir", dir.Path);
        var kept = await Cli.RunAsync("import", "clicks", first, "--data-dir", dir.Path);
        var set = await Cli.RunAsync("config", "click-ips", "truncate", "--data-dir", dir.Path);
        var shownAfter = await Cli.RunAsync("config", "click-ips", "--data-dir", dir.Path);
        var truncated = await Cli.RunAsync("import", "clicks", second, "--data-dir", dir.Path);
        var back = await Cli.RunAsync("config", "click-ips", "keep", "--data-dir", dir.Path);
        var keptAgain = await Cli.RunAsync("import", "clicks", third, "--data-dir", dir.Path);
        var wrong = await Cli.RunAsync("config", "click-ips", "hash", "--data-dir", dir.Path);

        Assert.Equal((0, "keep"), (shown.ExitCode, shown.Stdout.Trim()));
        Assert.Equal((0, 0, 0, 0, 0), (kept.ExitCode, set.ExitCode, truncated.ExitCode, back.ExitCode, keptAgain.ExitCode));
        Assert.Equal("click IPs: truncate", set.Stdout.Trim());
        Assert.Equal("truncate", shownAfter.Stdout.Trim());
        Assert.Equal("click IPs: keep", back.Stdout.Trim());
        Assert.Equal(2, wrong.ExitCode);
        Assert.Equal("k1|203.0.113.77|\nk2|2001:db8:abcd::|\nk3|198.51.100.200|\n", CliTests.Rows(dir.Path, "SELECT click_id, ip FROM clicks ORDER BY click_id"));
    }

    [Fact]
    public async Task ImportClicks_ABadIp_ExitsTwoWritesNothingAndNamesLineColumnAndReason()
    {
        using var dir = new TempDir();
        var file = dir.File("clicks.csv", Header + "\nk1,2026-03-01T08:00:00Z,search,,,,203.0.113.7,,,\nk2,2026-03-01T09:00:00Z,search,,,,999.1.1.1,,,\n");

        var import = await Cli.RunAsync("import", "clicks", file, "--data-dir", dir.Path);

        Assert.Equal(2, import.ExitCode);
        var output = import.Stdout + import.Stderr;
        Assert.Contains("ip", output, StringComparison.Ordinal);
        Assert.Contains(Messages.Text(ClickCodes.BadIp, MessageArgs.Of(("click", "k2"), ("value", "999.1.1.1"))), output, StringComparison.Ordinal);
        Assert.Equal(0, CliTests.Count(dir.Path, "clicks"));
    }

    [Fact]
    public async Task ApiImport_InstallBeforeClick_Is422WithLineAndReason_AValidLogCommits_AndTheRegisteredPortReadsItInOrder()
    {
        await using var app = await RunningApp.StartAsync();

        var bad = await app.Client.PostAsync("/api/v1/import/clicks", new StringContent(
            Header + "\nk1,2026-03-01T08:00:00Z,search,,,,,,,2026-03-01T07:59:00Z\n", Encoding.UTF8, "text/csv"));
        var good = await app.Client.PostAsync("/api/v1/import/clicks", new StringContent(
            Header + "\nk1,2026-03-01T08:00:00Z,search,,,,,,,2026-03-01T08:00:09Z\nk2,2026-03-01T07:00:00Z,douyin,,,,,,,\n", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        using var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync());
        var error = problem.RootElement.GetProperty("errors")[0];
        Assert.Equal((2L, "install_timestamp", ClickCodes.InstallBeforeClick),
            (error.GetProperty("line").GetInt64(), error.GetProperty("column").GetString(), error.GetProperty("code").GetString()));
        Assert.Contains("k1", error.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        using var result = JsonDocument.Parse(await good.Content.ReadAsStringAsync());
        Assert.Equal(2, result.RootElement.GetProperty("added").GetInt64());
        var port = app.Services.GetRequiredService<IClickStore>();
        var read = new List<ClickRecord>();
        var from = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        await foreach (var click in port.ClicksAsync(from, from.AddDays(1), null, TestContext.Current.CancellationToken))
        {
            read.Add(click);
        }

        Assert.Equal(["k2", "k1"], read.Select(c => c.ClickId));
        Assert.Equal(TimeSpan.FromSeconds(9), read[1].ClickToInstall);
        Assert.Equal((from.AddHours(7), from.AddHours(8)), await port.SpanAsync(TestContext.Current.CancellationToken));
    }
}
