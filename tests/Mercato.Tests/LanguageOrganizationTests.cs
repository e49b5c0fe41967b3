using MiniExcelLibs;

namespace Mercato.Tests;

/// <summary>
/// The organization pages and commands (<c>org ...</c>, <c>org targets</c>, <c>report kpis</c>) in English and Simplified
/// Chinese: the language asked for (<c>?lang</c>, <c>--lang</c>), names kept as data, and the tables as CSV and Excel.
/// </summary>
public class LanguageOrganizationTests
{
    [Fact]
    public async Task OrganizationPages_SpeakTheLanguageAsked_AndMarkNamesAsData()
    {
        await using var app = await RunningApp.StartAsync();

        var emptyZh = await app.Client.GetStringAsync("/organization?lang=zh-CN");
        var emptyEn = await app.Client.GetStringAsync("/organization?lang=en");
        using (var applied = await app.Client.PostAsync("/api/v1/org/templates/company-b/apply", null))
        {
            applied.EnsureSuccessStatusCode();
        }

        var boundariesZh = await app.Client.GetStringAsync("/organization/boundaries?lang=zh-CN");
        var boundariesEn = await app.Client.GetStringAsync("/organization/boundaries?lang=en");
        var scorecardsZh = await app.Client.GetStringAsync("/organization/scorecards?lang=zh-CN");
        var targetsZh = await app.Client.GetStringAsync("/organization/targets?lang=zh-CN");
        var unitZh = await app.Client.GetStringAsync("/organization/units/marketing?lang=zh-CN");

        Assert.Contains("<h1>组织架构</h1>", emptyZh, StringComparison.Ordinal);
        Assert.Contains("此工作区尚未建立组织架构。", emptyZh, StringComparison.Ordinal);
        Assert.Contains("<h1>Organization</h1>", emptyEn, StringComparison.Ordinal);
        Assert.Contains("This workspace has no organization structure yet.", emptyEn, StringComparison.Ordinal);
        Assert.Contains("<h2>职能边界报告：<span translate=\"no\">Company B (VR technology)</span></h2>", boundariesZh, StringComparison.Ordinal);
        Assert.Contains("<h2>名不副实的单元</h2>", boundariesZh, StringComparison.Ordinal);
        Assert.Contains("Boundary report: <span translate=\"no\">Company B (VR technology)</span>", boundariesEn, StringComparison.Ordinal);
        Assert.Contains("<h2>Names that do not match the work</h2>", boundariesEn, StringComparison.Ordinal);
        Assert.Contains("<h2>计算方法</h2>", scorecardsZh, StringComparison.Ordinal);
        Assert.Contains("<h2>新建或修改目标</h2>", targetsZh, StringComparison.Ordinal);
        Assert.Contains("translate=\"no\">Marketing department</span>", unitZh, StringComparison.Ordinal);
        Assert.Contains("<h2>职能边界问题</h2>", unitZh, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrgShow_WithLangZhCn_PrintsAChineseHeader_AndEnglishWithout()
    {
        using var dir = new TempDir();
        Assert.Equal(0, (await Cli.RunAsync("org", "template", "recommended", "--data-dir", dir.Path)).ExitCode);

        var zh = await Cli.RunAsync("org", "show", "--lang", "zh-CN", "--data-dir", dir.Path);
        var en = await Cli.RunAsync("org", "show", "--data-dir", dir.Path);
        var checkZh = await Cli.RunAsync("org", "check", "--lang", "zh-CN", "--data-dir", dir.Path);

        Assert.Equal((0, 0, 0), (zh.ExitCode, en.ExitCode, checkZh.ExitCode));
        Assert.Matches("(?m)^组织单元 +类型 +负责人 +汇报线 +负责的职能$", zh.Stdout);
        Assert.Contains("  Marketing center", zh.Stdout, StringComparison.Ordinal);
        Assert.Matches("(?m)^unit +kind +head +reporting +responsible for$", en.Stdout);
        Assert.Contains("职能重叠 0 处，职能空缺 0 处", checkZh.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TargetsAndKpis_AsXlsx_HaveTheTranslatedHeader_AndNumbersAsNumbers()
    {
        using var dir = new TempDir();
        Assert.Equal(0, (await Cli.RunAsync("org", "template", "recommended", "--data-dir", dir.Path)).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("org", "targets", "set", "dau", "user_ops", "2026-03", "12000", "--data-dir", dir.Path)).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("org", "targets", "set", "retention_d7", "user_ops", "2026-03", "0.25", "--data-dir", dir.Path)).ExitCode);
        var targets = Path.Combine(dir.Path, "targets.xlsx");
        var kpis = Path.Combine(dir.Path, "kpis.xlsx");

        var written = await Cli.RunAsync("org", "targets", "--format", "xlsx", "--output", targets, "--lang", "zh-CN", "--data-dir", dir.Path);
        var report = await Cli.RunAsync("report", "kpis", "--period", "2026-03", "--format", "xlsx", "--output", kpis, "--data-dir", dir.Path);
        var noOutput = await Cli.RunAsync("org", "targets", "--format", "xlsx", "--data-dir", dir.Path);
        var csv = await Cli.RunAsync("org", "targets", "--format", "csv", "--data-dir", dir.Path);

        Assert.Equal((0, 0, 2), (written.ExitCode, report.ExitCode, noOutput.ExitCode));
        var rows = MiniExcel.Query(targets).Cast<IDictionary<string, object>>().Select(r => r.Values.ToList()).ToList();
        Assert.Equal(["组织单元", "KPI", "期间", "目标", "版本"], rows[0].Select(v => v?.ToString()));
        Assert.Equal(3, rows.Count);
        var dau = rows.Single(r => Equals(r[1], "dau"));
        var retention = rows.Single(r => Equals(r[1], "retention_d7"));
        Assert.Equal(12000.0, Assert.IsType<double>(dau[3]));
        Assert.Equal(0.25, Assert.IsType<double>(retention[3]));
        Assert.Equal(1.0, Assert.IsType<double>(dau[4]));
        Assert.StartsWith("unit,kpi,period,target,version\r\n", csv.Stdout.TrimStart('\uFEFF'), StringComparison.Ordinal);

        // Every KPI of the catalog, its target as a number (the ratio as a share), its name and the reason for no value beside.
        var lines = MiniExcel.Query(kpis).Cast<IDictionary<string, object>>().Select(r => r.Values.ToList()).ToList();
        Assert.Equal(["kpi", "unit", "value", "target", "attainment", "status", "trend", "name", "note"], lines[0].Select(v => v?.ToString()));
        Assert.Equal(38, lines.Count);
        var dauLine = lines.Single(r => Equals(r[0], "dau"));
        Assert.Equal(12000.0, Assert.IsType<double>(dauLine[3]));
        Assert.Equal("Daily active users", dauLine[7]);
        Assert.False(string.IsNullOrEmpty(dauLine[8]?.ToString()));
        Assert.Equal(0.25, Assert.IsType<double>(lines.Single(r => Equals(r[0], "retention_d7"))[3]), 6);
    }
}
