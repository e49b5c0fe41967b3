using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Mercato.Core.Alerts;
using Mercato.Features.Alerts;
using Mercato.Features.Settings;
using Mercato.Tests.UseCases;

namespace Mercato.Tests;

/// <summary>Listening, crisis cases and the alert center in English and Simplified Chinese: pages, command lines, exports and the alert e-mail.</summary>
public class LanguageListeningTests
{
    private const string Csv = """
        mention_id,timestamp,source,author,author_followers,text,url,language,reach,likes,comments,shares
        m1,2026-03-01T08:00:00Z,twitter,ann,10,Kangning nebulizer is great,,,100,1,0,0
        m2,2026-03-01T09:00:00Z,twitter,bob,,"The Kangning nebulizer broke, terrible",,,50,0,0,0
        m3,2026-03-01T10:00:00Z,weibo,,,康宁雾化器非常好用，推荐！,,,,,,
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task PrepareAsync(RunningApp app)
    {
        using var watch = await app.Client.PutAsJsonAsync("/api/v1/listening/watch", new
        {
            terms = new object[] { new { term = "Kangning", kind = "brand", aliases = new[] { "康宁" } } },
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, watch.StatusCode);
        using var import = await app.Client.PostAsync("/api/v1/import/mentions", new StringContent(Csv, Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
    }

    [Fact]
    public async Task ThePages_SpeakChinese_WithZhCn_AndEnglish_WithEn()
    {
        await using var app = await RunningApp.StartAsync();
        await PrepareAsync(app);

        var alertsZh = await app.Client.GetStringAsync("/listening/alerts?lang=zh-CN", Ct);
        var alertsEn = await app.Client.GetStringAsync("/listening/alerts?lang=en", Ct);
        var overviewZh = await app.Client.GetStringAsync("/listening?from=2026-03-01&to=2026-03-01&lang=zh-CN", Ct);
        var overviewEn = await app.Client.GetStringAsync("/listening?from=2026-03-01&to=2026-03-01&lang=en", Ct);

        Assert.Contains("告警 · 舆情监测 · Mercato", alertsZh, StringComparison.Ordinal);
        Assert.Contains("<h1>舆情监测</h1>", alertsZh, StringComparison.Ordinal);
        Assert.Contains(">危机事件</a>", alertsZh, StringComparison.Ordinal);
        Assert.Contains("Alerts · Listening · Mercato", alertsEn, StringComparison.Ordinal);
        Assert.Contains("<h1>Listening</h1>", alertsEn, StringComparison.Ordinal);
        Assert.Contains("提及 <strong>3</strong> 条", overviewZh, StringComparison.Ordinal);
        Assert.Contains("<h2>每日声量与情感</h2>", overviewZh, StringComparison.Ordinal);
        Assert.Contains("<td translate=\"no\">Kangning</td>", overviewZh, StringComparison.Ordinal);
        Assert.Contains("<strong>3</strong> mentions", overviewEn, StringComparison.Ordinal);
        Assert.Contains("<h2>Volume and sentiment per day</h2>", overviewEn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommandLine_PrintsChineseHeaders_WithLangZhCn()
    {
        await using var app = await RunningApp.StartAsync();

        var zh = await Cli.RunAsync([.. new[] { "listening", "watch", "--lang", "zh-CN" }, .. app.CliArgs]);
        var en = await Cli.RunAsync([.. new[] { "listening", "watch" }, .. app.CliArgs]);
        var cases = await Cli.RunAsync([.. new[] { "crisis", "list", "--lang", "zh-CN" }, .. app.CliArgs]);

        Assert.Equal((0, 0, 0), (zh.ExitCode, en.ExitCode, cases.ExitCode));
        Assert.Matches("监测词 +类型 +别名", zh.Stdout);
        Assert.Contains("（默认风险词：尚未保存词表）", zh.Stdout, StringComparison.Ordinal);
        Assert.Matches("term +kind +aliases", en.Stdout);
        Assert.Contains("暂无危机事件", cases.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATableCommand_WritesExcel_WithTheShownHeader_AndNumbersAsNumbers()
    {
        await using var app = await RunningApp.StartAsync();
        await PrepareAsync(app);
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "sources.xlsx");

        var run = await Cli.RunAsync([.. new[] { "listening", "summary", "--from", "2026-03-01", "--to", "2026-03-01", "--table", "sources", "--format", "xlsx", "--output", file, "--lang", "zh-CN" }, .. app.CliArgs]);

        Assert.Equal(0, run.ExitCode);
        var rows = MiniExcelLibs.MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["来源", "提及数", "正面", "负面", "中性", "未评分", "平均得分"], rows[0].Keys);
        var twitter = rows.Single(r => (string)r["来源"] == "twitter");
        Assert.Equal((2d, 1d, 1d), (Convert.ToDouble(twitter["提及数"], CultureInfo.InvariantCulture), Convert.ToDouble(twitter["正面"], CultureInfo.InvariantCulture),
            Convert.ToDouble(twitter["负面"], CultureInfo.InvariantCulture)));
        Assert.IsType<double>(twitter["平均得分"]);
    }

    [Fact]
    public void TheAlertEmail_SpeaksTheLanguageItIsGiven()
    {
        var alert = AlertRules.Merge([], FakeAlertSource.Spike(), "listening", "A-000001", "bo", "system", TestWorkspace.Start).Alert;
        var settings = new AlertSettings(SmtpHost: "smtp.example.com", SmtpFrom: "mercato@example.com", SmtpTo: "pr@example.com");
        var before = CultureInfo.CurrentUICulture;

        using var zh = AlertSender.Compose(new AlertEntry(alert, 1, "Bo Chen"), AlertEvent.Opened, settings, Languages.Chinese, "CNY");
        using var en = AlertSender.Compose(new AlertEntry(alert, 1, "Bo Chen"), AlertEvent.Opened, settings);

        Assert.Contains("每小时提及数：50（预期 10，得分 4.2）", zh.TextBody, StringComparison.Ordinal);
        Assert.Contains("涉及金额：12,000.00 CNY", zh.TextBody, StringComparison.Ordinal);
        Assert.Contains("负责人：Bo Chen", zh.TextBody, StringComparison.Ordinal);
        Assert.Contains("监测词：召回", zh.TextBody, StringComparison.Ordinal);
        Assert.Contains("：Mentions of 召回 at 5× the usual level", zh.Subject, StringComparison.Ordinal);
        Assert.Contains("mentions per hour: 50 (expected 10, score 4.2)", en.TextBody, StringComparison.Ordinal);
        Assert.Equal(before, CultureInfo.CurrentUICulture);
    }

    [Fact]
    public async Task TheScheduledEmail_IsInTheWorkspacesLanguage()
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        await using var w = await TestWorkspace.OpenAsync();
        await AlertSamples.SeedAsync(w.Get<IDocumentStore>(), Ct);
        Expect.Ok(await w.Get<SettingsUseCases>().SetLanguageAsync("zh-CN", Ct));
        var source = new FakeAlertSource("listening");
        source.Next.Add(FakeAlertSource.Spike());
        var alerts = AlertSamples.UseCases(w.Services, null, source);
        Expect.Ok(await alerts.SaveSettingsAsync(
            new AlertSettings(SmtpHost: "127.0.0.1", SmtpPort: smtp.Configuration.Port, SmtpFrom: "mercato@example.com", SmtpTo: "pr@example.com", SmtpTls: false), null, Ct));
        var before = CultureInfo.CurrentUICulture;

        var done = await alerts.EvaluateAsync(Ct);

        Assert.Equal((1, 1), (done.Delivered, smtp.ReceivedEmailCount));
        using var raw = new MemoryStream(Encoding.UTF8.GetBytes(smtp.ReceivedEmail[0].Data));
        using var mail = await MimeKit.MimeMessage.LoadAsync(raw, Ct);
        Assert.Contains("负责人：Bo Chen", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("每小时提及数：50", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(before, CultureInfo.CurrentUICulture);
    }
}
