using System.Text.RegularExpressions;
using MiniExcelLibs;

namespace Mercato.Tests;

/// <summary>Influencers, ad monitoring and anomalies in English and Simplified Chinese: pages, commands, tables as files.</summary>
public partial class LanguageInfluencersAdsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Catalogues_HoldEveryKey_WithTheSamePlaceholders_InBothLanguages()
    {
        var keys = Words.Keys.Where(k => k.StartsWith("influencers.", StringComparison.Ordinal) || k.StartsWith("ads.", StringComparison.Ordinal)
            || k.StartsWith("anomalies.", StringComparison.Ordinal)).ToList();
        Assert.True(keys.Count > 300, $"only {keys.Count} keys");
        Assert.Empty(Words.Problems);
        foreach (var key in keys)
        {
            var english = Words.Exactly(key, Languages.English);
            var chinese = Words.Exactly(key, Languages.Chinese);
            Assert.True(english is not null && chinese is not null, key + " lacks a language");
            Assert.True(Placeholders(english).SetEquals(Placeholders(chinese)), key + ": the placeholders differ");
        }
    }

    [Fact]
    public async Task Pages_SpeakTheLanguageAsked_WithPlatformsAsInterfaceWords()
    {
        await using var app = await RunningApp.StartAsync(demo: true);
        var zh = await app.Client.GetStringAsync("/influencers?lang=zh-CN", Ct);
        Assert.Contains("<h1>达人（KOL）</h1>", zh, StringComparison.Ordinal);
        Assert.Contains("达人库", zh, StringComparison.Ordinal);
        Assert.Contains("抖音", zh, StringComparison.Ordinal);
        var en = await app.Client.GetStringAsync("/influencers?lang=en", Ct);
        Assert.Contains("<h1>Influencers</h1>", en, StringComparison.Ordinal);
        Assert.Contains("Douyin", en, StringComparison.Ordinal);

        var pacingZh = await app.Client.GetStringAsync("/ad-monitoring?lang=zh-CN", Ct);
        Assert.Contains("<title>广告监测 · Mercato</title>", pacingZh, StringComparison.Ordinal);
        Assert.Contains("消耗进度", pacingZh, StringComparison.Ordinal);
        Assert.Contains("<title>Ad monitoring · Mercato</title>", await app.Client.GetStringAsync("/ad-monitoring?lang=en", Ct), StringComparison.Ordinal);

        // Channel names are data: marked so, in both languages.
        var health = await app.Client.GetStringAsync("/ad-monitoring/health?lang=zh-CN", Ct);
        Assert.Contains("<h2 translate=\"no\">", health, StringComparison.Ordinal);
        Assert.Contains("渠道健康度", health, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_WriteChineseHeaders_AndTablesAsExcel_WithNumbersAsNumbers()
    {
        await using var app = await RunningApp.StartAsync(demo: true);
        var zh = await Cli.RunAsync(["influencers", "ranking", "--lang", "zh-CN", .. app.CliArgs]);
        Assert.Equal(0, zh.ExitCode);
        Assert.StartsWith("达人", zh.Stdout, StringComparison.Ordinal);
        Assert.Contains("虚假粉丝占比", zh.Stdout, StringComparison.Ordinal);
        Assert.Contains("排序：", zh.Stdout, StringComparison.Ordinal);
        var pacing = await Cli.RunAsync(["ads", "pacing", "--lang", "zh-CN", .. app.CliArgs]);
        Assert.Equal(0, pacing.ExitCode);
        Assert.StartsWith("消耗进度（截至", pacing.Stdout, StringComparison.Ordinal);
        Assert.Contains("营销活动", pacing.Stdout, StringComparison.Ordinal);
        var en = await Cli.RunAsync(["influencers", "ranking", .. app.CliArgs]);
        Assert.StartsWith("influencer", en.Stdout, StringComparison.Ordinal);

        var file = Path.Combine(app.Dir.Path, "ranking.xlsx");
        var xlsx = await Cli.RunAsync(["influencers", "ranking", "--format", "xlsx", "--output", file, "--lang", "zh-CN", .. app.CliArgs]);
        Assert.Equal((0, ""), (xlsx.ExitCode, xlsx.Stdout));
        var rows = MiniExcel.Query(file).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["达人", "平台", "粉丝数", "层级"], rows[0].Values.Take(4).Select(v => v.ToString()));
        Assert.True(rows.Count > 2);
        Assert.All(rows.Skip(1), r => Assert.IsType<double>(r["C"]));
        Assert.All(rows.Skip(1), r => Assert.IsType<double>(r["I"]));

        var pacingFile = Path.Combine(app.Dir.Path, "pacing.xlsx");
        Assert.Equal(0, (await Cli.RunAsync(["ads", "pacing", "--all", "--format", "xlsx", "--output", pacingFile, .. app.CliArgs])).ExitCode);
        var paced = MiniExcel.Query(pacingFile).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("campaign", paced[0]["A"]);
        Assert.Equal("budget (USD)", paced[0]["D"]);
        Assert.All(paced.Skip(1), r => Assert.IsType<double>(r["D"]));

        var csv = await Cli.RunAsync(["ads", "anomalies", "--format", "csv", "--lang", "zh-CN", .. app.CliArgs]);
        Assert.Equal(0, csv.ExitCode);
        Assert.StartsWith("渠道或营销活动,指标,开始,结束", csv.Stdout.TrimStart('\uFEFF'), StringComparison.Ordinal);
    }

    private static HashSet<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{([a-z0-9_]+)")]
    private static partial Regex PlaceholderPattern();
}
