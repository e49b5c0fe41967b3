using MiniExcelLibs;

namespace Mercato.Tests;

/// <summary>The campaigns feature in both languages: a page, a command's table, and a table written as Excel.</summary>
public class LanguageCampaignsTests
{
    private static async Task<Cli.Outcome> Run(TempDir dir, params string[] args) => await Cli.RunAsync([.. args, "--data-dir", dir.Path]);

    private static async Task CreateLaunch(TempDir dir)
    {
        var create = await Run(dir, "campaigns", "create", "bp-launch", "--name", "BP monitor launch", "--type", "product_launch", "--unit", "brand",
            "--start", "2026-03-01", "--end", "2026-03-31", "--code", "bp-launch", "--budget", "douyin_ads=6000.5", "--budget", "kol_fee=2000");
        Assert.Equal(0, create.ExitCode);
    }

    [Fact]
    public async Task BoardPage_ShowsItsWordsAndStagesInChinese_AndInEnglish()
    {
        await using var app = await RunningApp.StartAsync(demo: true);

        var zh = await app.Client.GetStringAsync("/campaigns/board?lang=zh-CN");
        var en = await app.Client.GetStringAsync("/campaigns/board?lang=en");

        Assert.Contains("<h1>营销活动</h1>", zh, StringComparison.Ordinal);
        Assert.Contains("<title>看板 · 营销活动 · Mercato</title>", zh, StringComparison.Ordinal);
        Assert.Contains("宣传推广", zh, StringComparison.Ordinal);
        Assert.DoesNotContain("Publicity and promotion", zh, StringComparison.Ordinal);
        Assert.Contains("<h1>Campaigns</h1>", en, StringComparison.Ordinal);
        Assert.Contains("<title>Board · Campaigns · Mercato</title>", en, StringComparison.Ordinal);
        Assert.Contains("id=\"board\"", en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_InChinese_HasAChineseHeaderAndStageNames_AndInEnglishStaysAsItWas()
    {
        using var dir = new TempDir();
        await CreateLaunch(dir);

        var zh = await Run(dir, "campaigns", "list", "--lang", "zh-CN");
        var en = await Run(dir, "campaigns", "list", "--lang", "en");
        var created = await Run(dir, "campaigns", "show", "bp-launch", "--lang", "zh-CN");

        Assert.Equal(0, zh.ExitCode);
        var header = zh.Stdout.Split('\n')[0];
        Assert.Contains("名称", header, StringComparison.Ordinal);
        Assert.Contains("阶段", header, StringComparison.Ordinal);
        Assert.Contains("策划", zh.Stdout, StringComparison.Ordinal);
        Assert.Contains("产品发布", zh.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("id ", en.Stdout, StringComparison.Ordinal);
        Assert.Contains("product_launch", en.Stdout, StringComparison.Ordinal);
        Assert.Contains("planning", en.Stdout, StringComparison.Ordinal);
        Assert.Contains("阶段：策划", created.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_AsExcel_HasTheShownHeader_AndTheBudgetAsANumber()
    {
        using var dir = new TempDir();
        await CreateLaunch(dir);
        var file = Path.Combine(dir.Path, "campaigns.xlsx");

        var written = await Run(dir, "campaigns", "list", "--format", "xlsx", "--output", file, "--lang", "zh-CN");
        var csv = await Run(dir, "campaigns", "list", "--format", "csv");

        Assert.Equal(0, written.ExitCode);
        var rows = MiniExcel.Query(file).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["ID", "名称", "类型", "阶段", "负责单元", "排期", "计划预算（USD）"], rows[0].Values.Select(v => v?.ToString()));
        Assert.Equal("bp-launch", rows[1]["A"]);
        Assert.Equal("策划", rows[1]["D"]);
        Assert.Equal(8000.5, Convert.ToDouble(rows[1]["G"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.IsType<double>(rows[1]["G"]);
        Assert.Equal(0, csv.ExitCode);
        Assert.StartsWith("id,name,type,stage,unit,schedule,planned (USD)", csv.Stdout.TrimStart('\uFEFF'), StringComparison.Ordinal);
    }
}
