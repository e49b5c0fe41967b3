using MiniExcelLibs;

namespace Mercato.Tests;

/// <summary>
/// Measurement and the mix model in both languages: the pages speak the language asked for, the report commands write
/// their headers in it, and a table written as Excel keeps its numbers as numbers. The data is ReportTests' hand-made
/// month: spend search 30 and email 10, two orders.
/// </summary>
public class LanguageMeasurementTests
{
    private static async Task<TempDir> LoadAsync()
    {
        var dir = new TempDir();
        var files = new (string Kind, string Name, string Text)[]
        {
            ("touchpoints", "tp.csv", "user_id,timestamp,channel\nu1,2026-01-01T10:00:00Z,search\nu1,2026-01-02T10:00:00Z,email\nu2,2026-01-03T10:00:00Z,search\n"),
            ("conversions", "conv.csv", "conversion_id,user_id,timestamp,revenue,cost\no1,u1,2026-01-03T10:00:00Z,100,40\no2,u2,2026-01-04T10:00:00Z,50,20\n"),
            ("spend", "spend.csv", "date,channel,spend\n2026-01-01,search,30\n2026-01-01,email,10\n"),
            ("costs", "costs.csv", "month,channel,category,amount,kind\n2026-01,search,agency,10,fixed\n2026-01,,staff,40,fixed\n"),
        };
        foreach (var (kind, name, text) in files)
        {
            Assert.Equal(0, (await Cli.RunAsync("import", kind, dir.File(name, text), "--data-dir", dir.Path)).ExitCode);
        }

        return dir;
    }

    [Fact]
    public async Task MeasurementPages_SpeakChineseOrEnglish_AsAsked()
    {
        await using var app = await RunningApp.StartAsync(demo: true);

        var chinese = await app.Client.GetStringAsync("/measurement?lang=zh-CN");
        var english = await app.Client.GetStringAsync("/measurement?lang=en");
        var plans = await app.Client.GetStringAsync("/measurement/mix/plans?lang=zh-CN");

        Assert.Contains("<h1>效果衡量</h1>", chinese, StringComparison.Ordinal);
        Assert.Contains("渠道计分卡", chinese, StringComparison.Ordinal);
        Assert.Contains("这些数字如何计算", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("How these numbers are computed", chinese, StringComparison.Ordinal);
        Assert.Contains("<h1>Measurement</h1>", english, StringComparison.Ordinal);
        Assert.Contains("Channel scorecard", english, StringComparison.Ordinal);
        Assert.Contains("How these numbers are computed", english, StringComparison.Ordinal);
        Assert.Contains("方案如何运作", plans, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportRoi_InChinese_WritesChineseHeaders_AndTheAttributionCsvKeepsItsMachineHeader()
    {
        using var dir = await LoadAsync();

        var roi = await Cli.RunAsync("report", "roi", "--month", "2026-01", "--model", "last", "--lang", "zh-CN", "--data-dir", dir.Path);
        var csv = await Cli.RunAsync("report", "attribution", "--model", "linear", "--format", "csv", "--lang", "zh-CN", "--data-dir", dir.Path);

        Assert.Equal(0, roi.ExitCode);
        Assert.Contains("月份", roi.Stdout, StringComparison.Ordinal);
        Assert.Contains("净回报（", roi.Stdout, StringComparison.Ordinal);
        Assert.Contains("末次触点", roi.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("net return", roi.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, csv.ExitCode);
        Assert.StartsWith("channel,conversions,revenue\n", csv.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportRoi_AsExcel_HasTheHeaderAndNumbersAsNumbers()
    {
        using var dir = await LoadAsync();
        var file = Path.Combine(dir.Path, "roi.xlsx");

        var run = await Cli.RunAsync("report", "roi", "--month", "2026-01", "--model", "last", "--format", "xlsx", "--output", file, "--data-dir", dir.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        var rows = MiniExcel.Query(file).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["month", "channel"], new[] { rows[0]["A"], rows[0]["B"] });
        Assert.StartsWith("spend (", (string)rows[0]["C"], StringComparison.Ordinal);
        Assert.StartsWith("net return (", (string)rows[0]["H"], StringComparison.Ordinal);
        var search = rows.Skip(1).Single(r => (string)r["B"] == "search");
        // search under last touch: spend 30, net return -40 (ReportTests.Roi_LastTouch_MatchesTheHandComputedMonth).
        Assert.Equal(30.0, Convert.ToDouble(search["C"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.IsNotType<string>(search["C"]);
        Assert.Equal(-40.0, Convert.ToDouble(search["H"], System.Globalization.CultureInfo.InvariantCulture));
    }
}
