using System.Net.Http.Json;
using Mercato.Features.Settings;
using MiniExcelLibs;

namespace Mercato.Tests;

/// <summary>
/// The people pages and commands, the channel, store, settings and demo commands in English and Simplified Chinese: the
/// language asked for (<c>?lang</c>, <c>--lang</c>, the workspace's), the tables as CSV and Excel, and the workspace's
/// language and currency set with <c>mercato config</c>.
/// </summary>
public class LanguagePeopleTests
{
    // Two sessions: staff host p1 (2 h, 1,200 viewers, 18 orders, GMV 5,400), influencer Mia (1.5 h, 800 viewers, GMV 1,000).
    private const string LiveStreams = """
        session_id,campaign,host,host_kind,start,end,viewers,peak_viewers,new_followers,orders,gmv
        s1,,p1,staff,2026-11-05T19:00:00+08:00,2026-11-05T21:00:00+08:00,1200,300,40,18,5400
        s2,,Mia,influencer,2026-11-06T20:00:00+08:00,2026-11-06T21:30:00+08:00,800,400,10,5,1000
        """;

    [Fact]
    public async Task PeoplePages_SpeakTheLanguageAsked_AndMarkNamesAsData()
    {
        await using var app = await RunningApp.StartAsync();
        using (var put = await app.Client.PutAsJsonAsync("/api/v1/people/ann", new { name = "Ann Lee", unit = "brand", referralCodes = new[] { "ANN-1" } }))
        {
            put.EnsureSuccessStatusCode();
        }

        var zh = await app.Client.GetStringAsync("/campaigns/people?lang=zh-CN");
        var en = await app.Client.GetStringAsync("/campaigns/people?lang=en");
        var personZh = await app.Client.GetStringAsync("/campaigns/people/ann?lang=zh-CN");
        var boardZh = await app.Client.GetStringAsync("/campaigns/leaderboard?lang=zh-CN");
        var streamsEn = await app.Client.GetStringAsync("/campaigns/livestreams?lang=en");
        var streamsZh = await app.Client.GetStringAsync("/campaigns/livestreams?lang=zh-CN");

        Assert.Contains("<h1>营销活动</h1>", zh, StringComparison.Ordinal);
        Assert.Contains("<h2>人员名录</h2>", zh, StringComparison.Ordinal);
        Assert.Contains("<th>姓名</th>", zh, StringComparison.Ordinal);
        Assert.Contains("<h1>Campaigns</h1>", en, StringComparison.Ordinal);
        Assert.Contains("<h2>Directory</h2>", en, StringComparison.Ordinal);
        Assert.Contains("<th>Name</th>", en, StringComparison.Ordinal);
        Assert.Contains("translate=\"no\">Ann Lee</a>", zh, StringComparison.Ordinal);
        Assert.Contains("<h2>推荐功劳</h2>", personZh, StringComparison.Ordinal);
        Assert.Contains("<h2>功劳如何计算</h2>", boardZh, StringComparison.Ordinal);
        Assert.Contains("mercato import livestreams FILE", streamsEn, StringComparison.Ordinal);
        Assert.Contains("暂无直播场次", streamsZh, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PeopleList_WithLangZhCn_PrintsAChineseHeader_AndEnglishWithout()
    {
        using var dir = new TempDir();
        Assert.Equal(0, (await Cli.RunAsync("people", "add", "ann", "--name", "Ann Lee", "--unit", "brand", "--data-dir", dir.Path)).ExitCode);

        var zh = await Cli.RunAsync("people", "list", "--lang", "zh-CN", "--data-dir", dir.Path);
        var en = await Cli.RunAsync("people", "list", "--data-dir", dir.Path);

        Assert.Equal((0, 0), (zh.ExitCode, en.ExitCode));
        Assert.Matches("^ID +姓名 +组织单元", zh.Stdout);
        Assert.Contains("Ann Lee", zh.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("id   name", en.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiveStreamsReport_AsXlsx_HasTheTranslatedHeader_AndNumbersAsNumbers()
    {
        using var dir = new TempDir();
        Assert.Equal(0, (await Cli.RunAsync("import", "livestreams", dir.File("ls.csv", LiveStreams), "--data-dir", dir.Path)).ExitCode);
        var file = Path.Combine(dir.Path, "hosts.xlsx");

        var written = await Cli.RunAsync("report", "livestreams", "--format", "xlsx", "--output", file, "--lang", "zh-CN", "--data-dir", dir.Path);
        var noOutput = await Cli.RunAsync("report", "livestreams", "--format", "xlsx", "--data-dir", dir.Path);
        var csv = await Cli.RunAsync("report", "livestreams", "--format", "csv", "--data-dir", dir.Path);

        Assert.Equal(0, written.ExitCode);
        var rows = MiniExcel.Query(file).Cast<IDictionary<string, object>>().Select(r => r.Values.ToList()).ToList();
        Assert.Equal(["排名", "主播", "类型", "场次", "时长（小时）", "观众数", "订单数", "GMV（USD）", "每观看小时 GMV", "下单转化率", "涨粉率"], rows[0].Select(v => v?.ToString()));
        Assert.Equal(3, rows.Count);
        // p1 ranks first on GMV: 1,200 viewers and 5,400 of GMV are numbers, not text; its kind is a word of the language.
        Assert.Equal("p1", rows[1][1]);
        Assert.Equal("员工", rows[1][2]);
        Assert.IsNotType<string>(rows[1][5]);
        Assert.IsNotType<string>(rows[1][7]);
        Assert.Equal(1200.0, Convert.ToDouble(rows[1][5], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(5400.0, Convert.ToDouble(rows[1][7], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, noOutput.ExitCode);
        Assert.StartsWith("rank,host,kind,sessions,hours,viewers,orders,gmv (USD)", csv.Stdout.TrimStart('\uFEFF'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigLanguageAndCurrency_SetTheWorkspaces_AndRefuseWhatIsNotOne()
    {
        using var dir = new TempDir();
        Assert.Equal(0, (await Cli.RunAsync("import", "livestreams", dir.File("ls.csv", LiveStreams), "--data-dir", dir.Path)).ExitCode);

        var shown = await Cli.RunAsync("config", "language", "--data-dir", dir.Path);
        var set = await Cli.RunAsync("config", "language", "zh-CN", "--data-dir", dir.Path);
        var chinese = await Cli.RunAsync("report", "livestreams", "--data-dir", dir.Path);
        var english = await Cli.RunAsync("report", "livestreams", "--lang", "en", "--data-dir", dir.Path);
        var french = await Cli.RunAsync("config", "language", "fr", "--data-dir", dir.Path);
        var rmb = await Cli.RunAsync("config", "currency", "RMB", "--data-dir", dir.Path);
        var eur = await Cli.RunAsync("config", "currency", "eur", "--data-dir", dir.Path);
        var currency = await Cli.RunAsync("config", "currency", "--data-dir", dir.Path);
        var inEuros = await Cli.RunAsync("report", "livestreams", "--data-dir", dir.Path);
        var back = await Cli.RunAsync("config", "language", "default", "--data-dir", dir.Path);
        var language = await Cli.RunAsync("config", "language", "--data-dir", dir.Path);

        Assert.Equal((0, "en"), (shown.ExitCode, shown.Stdout.Trim()));
        Assert.Equal((0, "workspace language: zh-CN"), (set.ExitCode, set.Stdout.Trim()));
        // No --lang: the workspace's language, and its default currency (CNY for a Chinese workspace).
        Assert.Contains("GMV（CNY）", chinese.Stdout, StringComparison.Ordinal);
        Assert.Contains("gmv (CNY)", english.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, french.ExitCode);
        Assert.Contains(Messages.Text(SettingsLanguageCodes.UnknownLanguage, MessageArgs.Of(("value", "fr"), ("expected", Languages.All.ToArray())), Locale.CultureOf(Languages.Chinese)),
            french.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, rmb.ExitCode);
        Assert.Contains(Messages.Text(SettingsLanguageCodes.UnknownCurrency, MessageArgs.Of(("value", "RMB")), Locale.CultureOf(Languages.Chinese)), rmb.Stderr, StringComparison.Ordinal);
        Assert.Equal((0, "工作区货币：EUR"), (eur.ExitCode, eur.Stdout.Trim()));
        Assert.Equal("EUR", currency.Stdout.Trim());
        Assert.Contains("GMV（EUR）", inEuros.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, back.ExitCode);
        Assert.Equal("en", language.Stdout.Trim());
    }
}
