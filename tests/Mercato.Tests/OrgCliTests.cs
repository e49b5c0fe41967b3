using System.Text.Json;
using Mercato.Core.Organization;

namespace Mercato.Tests;

/// <summary><c>mercato org</c> and <c>mercato report kpis</c> as a user runs them.</summary>
public class OrgCliTests
{
    [Fact]
    public async Task Show_WithoutStructure_SaysHowToStart_AndTemplateCreatesIt()
    {
        using var dir = new TempDir();

        var before = await Cli.RunAsync("org", "show", "--data-dir", dir.Path);
        var apply = await Cli.RunAsync("org", "template", "company-b", "--data-dir", dir.Path);
        var again = await Cli.RunAsync("org", "template", "recommended", "--data-dir", dir.Path);
        var show = await Cli.RunAsync("org", "show", "--data-dir", dir.Path);

        Assert.Equal(1, before.ExitCode);
        Assert.Contains("mercato org template recommended", before.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, apply.ExitCode);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--replace", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("Company B (VR technology)", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("    Marketing department", show.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_Json_HasTheFiveArrays_AndFindsCompanyBsMarketingDepartmentDoingSales()
    {
        using var dir = new TempDir();
        await Cli.RunAsync("org", "template", "company-b", "--data-dir", dir.Path);

        var check = await Cli.RunAsync("org", "check", "--format", "json", "--data-dir", dir.Path);

        Assert.Equal(0, check.ExitCode);
        using var json = JsonDocument.Parse(check.Stdout);
        var root = json.RootElement;
        Assert.Equal(["overlaps", "gaps", "unownedKpis", "idleUnits", "mismatches"], root.EnumerateObject().Select(p => p.Name));
        var mismatch = Assert.Single(root.GetProperty("mismatches").EnumerateArray());
        Assert.Equal("marketing", mismatch.GetProperty("unit").GetString());
        var reason = mismatch.GetProperty("reason");
        Assert.Equal(OrgCodes.NameMismatch, reason.GetProperty("code").GetString());
        Assert.Equal(["sales"], reason.GetProperty("args").GetProperty("areas").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("sales", reason.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(root.GetProperty("gaps").EnumerateArray(), g => g.GetProperty("function").GetString() == "crisis_handling");
    }

    [Fact]
    public async Task ExportThenImport_RoundTrips_AndABadFileChangesNothing()
    {
        using var dir = new TempDir();
        await Cli.RunAsync("org", "template", "company-a", "--data-dir", dir.Path);
        var yaml = dir.File("org.yaml", "");
        var bad = dir.File("bad.yaml", "name: Broken\nunits:\n  - id: a\n    name: A\n    kind: galaxy\n");

        var export = await Cli.RunAsync("org", "export", yaml, "--data-dir", dir.Path);
        var importBad = await Cli.RunAsync("org", "import", bad, "--replace", "--data-dir", dir.Path);
        var importGood = await Cli.RunAsync("org", "import", yaml, "--replace", "--data-dir", dir.Path);
        var show = await Cli.RunAsync("org", "show", "--format", "yaml", "--data-dir", dir.Path);

        Assert.Equal(0, export.ExitCode);
        Assert.Equal(2, importBad.ExitCode);
        Assert.Contains("nothing was imported", importBad.Stderr, StringComparison.Ordinal);
        Assert.Contains("galaxy", importBad.Stderr, StringComparison.Ordinal);
        Assert.Contains(bad + ":5:11: units[0].kind:", importBad.Stderr, StringComparison.Ordinal); // line and column of the bad kind
        Assert.Equal(0, importGood.ExitCode);
        Assert.Equal(await File.ReadAllTextAsync(yaml), show.Stdout);
    }

    [Fact]
    public async Task Compare_CompanyAAgainstRecommended_ShowsPrMovingOutOfTheBrandDepartment()
    {
        using var dir = new TempDir();

        var compare = await Cli.RunAsync("org", "compare", "company-a", "recommended", "--format", "json", "--data-dir", dir.Path);

        Assert.Equal(0, compare.ExitCode);
        using var json = JsonDocument.Parse(compare.Stdout);
        var pr = json.RootElement.GetProperty("functions").EnumerateArray().Single(f => f.GetProperty("function").GetString() == "pr_strategy");
        Assert.Equal("moved", pr.GetProperty("verdict").GetString());
        Assert.Equal(["Brand department"], pr.GetProperty("inA").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["Public relations department"], pr.GetProperty("inB").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task ReportKpis_OnTheDemo_HasTheIssueShape_OwnersTargetsAndStatuses()
    {
        using var dir = new TempDir();
        await Cli.RunAsync("demo", "--data-dir", dir.Path);

        var report = await Cli.RunAsync("report", "kpis", "--period", "2026-09", "--format", "json", "--data-dir", dir.Path);
        var unit = await Cli.RunAsync("report", "kpis", "--unit", "new_media_ops", "--period", "2026-09", "--data-dir", dir.Path);
        var badPeriod = await Cli.RunAsync("report", "kpis", "--period", "2026-13", "--data-dir", dir.Path);

        Assert.Equal(0, report.ExitCode);
        using var json = JsonDocument.Parse(report.Stdout);
        Assert.Equal("2026-09", json.RootElement.GetProperty("period").GetString());
        var kpis = json.RootElement.GetProperty("kpis").EnumerateArray().ToList();
        Assert.Equal(37, kpis.Count);
        // The demo's mentions give the PR department its negative share for the month.
        var negative = kpis.Single(k => k.GetProperty("id").GetString() == "negative_share");
        Assert.True(negative.GetProperty("value").GetDouble() is > 0 and < 1);
        var retention = kpis.Single(k => k.GetProperty("id").GetString() == "retention_d7");
        Assert.Equal("user_ops", retention.GetProperty("unit").GetString());
        Assert.True(retention.GetProperty("value").GetDouble() is > 0 and < 1);
        Assert.True(retention.GetProperty("target").GetDouble() > 0);
        Assert.Contains(retention.GetProperty("status").GetString(), new[] { "on_track", "at_risk", "off_track" });
        // The demo's ambitious plan: 50% more followers than the month before.
        var followers = kpis.Single(k => k.GetProperty("id").GetString() == "followers_gained");
        Assert.Equal("off_track", followers.GetProperty("status").GetString());
        Assert.Equal(0, unit.ExitCode);
        Assert.Contains("followers_gained", unit.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("retention_d7", unit.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, badPeriod.ExitCode);
    }

    [Fact]
    public async Task Targets_SetListRemove_AndRefuseAnUnknownUnit()
    {
        using var dir = new TempDir();
        await Cli.RunAsync("org", "template", "recommended", "--data-dir", dir.Path);

        var set = await Cli.RunAsync("org", "targets", "set", "retention_d7", "user_ops", "2026-Q2", "0.2", "--data-dir", dir.Path);
        var bad = await Cli.RunAsync("org", "targets", "set", "retention_d7", "nobody", "2026-04", "0.2", "--data-dir", dir.Path);
        var list = await Cli.RunAsync("org", "targets", "--format", "json", "--data-dir", dir.Path);
        var remove = await Cli.RunAsync("org", "targets", "remove", "retention_d7", "user_ops", "2026-Q2", "--data-dir", dir.Path);
        var after = await Cli.RunAsync("org", "targets", "--format", "json", "--data-dir", dir.Path);

        Assert.Equal(0, set.ExitCode);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("nobody", bad.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(list.Stdout);
        var target = Assert.Single(json.RootElement.GetProperty("targets").EnumerateArray());
        Assert.Equal("2026-Q2", target.GetProperty("period").GetString());
        Assert.Equal(0.2, target.GetProperty("value").GetDouble());
        Assert.Equal(0, remove.ExitCode);
        using var empty = JsonDocument.Parse(after.Stdout);
        Assert.Empty(empty.RootElement.GetProperty("targets").EnumerateArray());
    }
}
