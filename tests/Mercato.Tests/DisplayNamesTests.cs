using System.Text.Json;
using System.Text.RegularExpressions;
using Mercato.Core.Demo;

namespace Mercato.Tests;

/// <summary>
/// Display names (docs/demo-company.md, Names in two languages): the demo's units and campaigns in Chinese in a zh-CN
/// session and as stored in an English one; <c>mercato names import</c> all or nothing, and idempotent.
/// </summary>
public sealed partial class DisplayNamesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("href=\"/campaigns/c/([^\"?]+)\"")]
    private static partial Regex CampaignLink();

    [GeneratedRegex("<h1 translate=\"no\">([^<]+)</h1>")]
    private static partial Regex Heading();

    [Fact]
    public async Task TheOrgChartAndACampaignPage_ShowChineseNamesInZhCn_AndTheStoredNamesInEnglish()
    {
        await using var app = await RunningApp.StartAsync(demo: true);

        var zh = await app.Client.GetStringAsync("/organization?lang=zh-CN", Ct);
        var en = await app.Client.GetStringAsync("/organization?lang=en", Ct);

        Assert.Contains("<a href=\"/organization/units/brand\">品牌部</a>", zh, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/organization/units/data_center\">数据中心</a>", zh, StringComparison.Ordinal);
        Assert.Contains(">康宁医疗<", zh, StringComparison.Ordinal);
        Assert.Contains(">林慧, CMO<", zh, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/organization/units/brand\">Brand department</a>", en, StringComparison.Ordinal);
        Assert.Contains(">Lin Hui, CMO<", en, StringComparison.Ordinal);
        Assert.DoesNotContain("品牌部", en, StringComparison.Ordinal);

        // The boundary findings name units by their display names too (the demo's SEO overlap).
        var boundariesZh = await app.Client.GetStringAsync("/organization/boundaries?lang=zh-CN", Ct);
        var boundariesEn = await app.Client.GetStringAsync("/organization/boundaries?lang=en", Ct);
        Assert.Contains("<span translate=\"no\">新媒体部</span> 和 <span translate=\"no\">网络推广部</span>", boundariesZh, StringComparison.Ordinal);
        Assert.DoesNotContain("New media department", boundariesZh, StringComparison.Ordinal);
        Assert.Contains("New media department", boundariesEn, StringComparison.Ordinal);

        // A coded message that names a campaign by its id shows the campaign's name in the language (the board's gates).
        var boardZh = await app.Client.GetStringAsync("/campaigns/board?lang=zh-CN", Ct);
        var boardEn = await app.Client.GetStringAsync("/campaigns/board?lang=en", Ct);
        Assert.Matches("营销活动“<span translate=\"no\">[0-9]*[\u4e00-\u9fff]", boardZh);
        Assert.DoesNotMatch("营销活动“<span translate=\"no\">[a-z]", boardZh);
        Assert.DoesNotMatch("[\u4e00-\u9fff]", Regex.Replace(boardEn, "<(script|style)[^>]*>.*?</\\1>", "", RegexOptions.Singleline).Replace("中文", "", StringComparison.Ordinal));

        var list = await app.Client.GetStringAsync("/campaigns?lang=en", Ct);
        var id = CampaignLink().Match(list).Groups[1].Value;
        var english = System.Net.WebUtility.HtmlDecode(Heading().Match(await app.Client.GetStringAsync("/campaigns/c/" + id + "?lang=en", Ct)).Groups[1].Value);
        var chinese = System.Net.WebUtility.HtmlDecode(Heading().Match(await app.Client.GetStringAsync("/campaigns/c/" + id + "?lang=zh-CN", Ct)).Groups[1].Value);

        Assert.NotEmpty(english);
        Assert.Equal(DemoNames.CampaignName(english), chinese);
        Assert.NotEqual(english, chinese);
    }

    [Fact]
    public async Task OrgCheck_InChinese_NamesTheCompanyAndUnitsByTheirChineseNames_AndInEnglishAsStored()
    {
        using var dir = new TempDir();
        string[] store = ["--data-dir", dir.Path];
        Assert.Equal(0, (await Cli.RunAsync(["demo", .. store])).ExitCode);

        var zh = await Cli.RunAsync(["org", "check", "--lang", "zh-CN", .. store]);
        var en = await Cli.RunAsync(["org", "check", "--lang", "en", .. store]);

        Assert.StartsWith("康宁医疗：", zh.Stdout, StringComparison.Ordinal);
        Assert.Contains("两个组织单元都负责SEO：新媒体部和网络推广部。", zh.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("Kangning Medical", en.Stdout, StringComparison.Ordinal);
        Assert.Contains("New media department and Online promotion department", en.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_AMalformedRow_NamesItsLineColumnAndReason_AndWritesNothing_AndAReimportChangesNothing()
    {
        using var dir = new TempDir();
        string[] store = ["--data-dir", dir.Path];
        var bad = dir.File("bad.csv", "kind,id,language,name\nunit,brand,zh-CN,品牌部\nplanet,x,zh-CN,某物\nunit,pr,fr,Relations\n");
        var good = dir.File("good.csv", "kind,id,language,name\nunit,brand,zh-CN,品牌部\nperson,lin-hui,en,\"Hui Lin, CMO\"\n");

        var refused = await Cli.RunAsync(["names", "import", bad, .. store]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("line 3, column 1 (kind): Unknown value \"planet\"", refused.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("line 4, column 3 (language): Unknown value \"fr\"", refused.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("[]", Names(await Cli.RunAsync(["names", "export", "--format", "json", .. store])));

        var first = await Cli.RunAsync(["names", "import", good, .. store]);
        var exported = await Cli.RunAsync(["names", "export", "--format", "csv", .. store]);
        var audit = await Cli.RunAsync(["audit", "--format", "json", .. store]);
        var again = await Cli.RunAsync(["names", "import", good, .. store]);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("2 rows read, 2 names new or changed.", first.Stdout, StringComparison.Ordinal);
        Assert.Equal("kind,id,language,name\nunit,brand,zh-CN,品牌部\nperson,lin-hui,en,\"Hui Lin, CMO\"\n", exported.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("2 rows read, 0 names new or changed.", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(exported.Stdout, (await Cli.RunAsync(["names", "export", "--format", "csv", .. store])).Stdout);
        Assert.Equal(audit.Stdout, (await Cli.RunAsync(["audit", "--format", "json", .. store])).Stdout);

        var zh = await Cli.RunAsync(["names", "import", bad, "--lang", "zh-CN", .. store]);
        Assert.Contains("第 3 行第 1 列（kind）", zh.Stderr, StringComparison.Ordinal);
    }

    private static string Names(Cli.Outcome run)
    {
        Assert.Equal(0, run.ExitCode);
        return JsonDocument.Parse(run.Stdout).RootElement.GetProperty("names").GetRawText();
    }
}
