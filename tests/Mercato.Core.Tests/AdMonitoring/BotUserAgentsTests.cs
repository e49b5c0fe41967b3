using System.Text.Json;
using System.Text.RegularExpressions;
using Mercato.Core.AdMonitoring;

namespace Mercato.Core.Tests.AdMonitoring;

/// <summary>The shipped crawler list (npm crawler-user-agents, copied into AdMonitoring/ by the build) and its matching.</summary>
public class BotUserAgentsTests
{
    internal static readonly Lazy<BotUserAgents> Shipped = new(() =>
        BotUserAgents.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "AdMonitoring", "crawler-user-agents.json"))));

    [Fact]
    public void Shipped_ListAndLicence_AreInTheOutput()
    {
        Assert.True(Shipped.Value.Patterns.Count > 500, $"{Shipped.Value.Patterns.Count} patterns");
        Assert.Contains("MIT", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "AdMonitoring", "crawler-user-agents.LICENSE.txt")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)")]
    [InlineData("curl/8.5.0")]
    [InlineData("python-requests/2.31.0")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36")]
    [InlineData("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)")]
    [InlineData("MOZILLA/5.0 (COMPATIBLE; GOOGLEBOT/2.1)")]
    [InlineData("Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)")]
    public void KnownCrawlers_AreBots(string userAgent)
    {
        Assert.True(Shipped.Value.IsBot(userAgent));
    }

    [Theory]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0")]
    [InlineData("Mozilla/5.0 (Linux; Android 13; V2227A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/98.0.4758.101 Mobile Safari/537.36 aweme_260300")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.42(0x18002a2f) NetType/WIFI Language/zh_CN")]
    [InlineData("")]
    [InlineData(null)]
    public void Browsers_AndMissingAgents_AreNotBots(string? userAgent)
    {
        Assert.False(Shipped.Value.IsBot(userAgent));
    }

    /// <summary>Every example agent the list gives for its patterns (its <c>instances</c>).</summary>
    private static List<string> Instances()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "AdMonitoring", "crawler-user-agents.json")));
        return
        [
            .. document.RootElement.EnumerateArray()
                .SelectMany(e => e.TryGetProperty("instances", out var i) ? i.EnumerateArray().Select(x => x.GetString()!) : [])
                .Where(x => !string.IsNullOrWhiteSpace(x)),
        ];
    }

    [Fact]
    public void EveryExampleOfTheList_IsABot()
    {
        var instances = Instances();

        Assert.True(instances.Count > 1000, $"{instances.Count} instances");
        Assert.All(instances, ua => Assert.True(Shipped.Value.IsBot(ua), ua));
    }

    [Fact]
    public void TheFastPath_AnswersAsTheWholeListAsOneRegularExpression()
    {
        var reference = new Regex(string.Join('|', Shipped.Value.Patterns.Select(p => "(?:" + p + ")")), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        string[] browsers =
        [
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
            "Dalvik/2.1.0 (Linux; U; Android 12; M2102J2SC Build/SKQ1.211006.001)",
            "okhttp/4.9.0",
            "BlogTraffic/4.1 Feed-Fetcher",
            "Mozilla/5.0 (compatible; SISTRIX Crawler; http://crawler.sistrix.net/)",
            "AdsBot-Google-Mobile-Apps",
        ];

        var disagreements = Instances().Concat(browsers).Concat(Instances().Select(i => i.ToUpperInvariant()))
            .Where(ua => Shipped.Value.IsBot(ua) != reference.IsMatch(ua)).ToList();

        Assert.Empty(disagreements);
    }

    [Theory]
    [InlineData("Googlebot\\/", "Googlebot/", true)]
    [InlineData("^curl", "curl", false)]
    [InlineData("AdsBot-Google([^-]|$)", "AdsBot-Google", false)]
    [InlineData("BlogTraffic\\/\\d\\.\\d+ Feed-Fetcher", " Feed-Fetcher", false)]
    [InlineData("[wW]get", "get", false)]
    [InlineData("S[eE][mM]rushBot", "rushBot", false)]
    [InlineData("Mediapartners \\(Googlebot\\)", "Mediapartners (Googlebot)", true)]
    [InlineData("colou?r", "colo", false)]
    [InlineData("\\x41bc", "", false)]
    public void RequiredLiteral_IsTheLongestPlainRunEveryMatchHolds(string pattern, string literal, bool exact)
    {
        Assert.Equal((literal, exact), BotUserAgents.RequiredLiteral(pattern));
    }

    [Fact]
    public void TopLevelAlternatives_SplitOutsideGroupsAndClasses()
    {
        Assert.Equal(["Automaton", "Newsify Feed Fetcher"], BotUserAgents.TopLevelAlternatives("Automaton|Newsify Feed Fetcher"));
        Assert.Equal(["(sistrix|SISTRIX) [cC]rawler"], BotUserAgents.TopLevelAlternatives("(sistrix|SISTRIX) [cC]rawler"));
        Assert.Equal(["[|]a", "b\\|c"], BotUserAgents.TopLevelAlternatives("[|]a|b\\|c"));
    }

    [Fact]
    public void Patterns_MatchCaseInsensitively_AndExtraPatternsJoin()
    {
        var bots = BotUserAgents.Parse("""[{"pattern":"Googlebot\\/"},{"pattern":"^curl"}]""", ["ClickFarm"]);

        Assert.Equal(["Googlebot\\/", "^curl", "ClickFarm"], bots.Patterns);
        Assert.True(bots.IsBot("googlebot/2.1"));
        Assert.True(bots.IsBot("CURL/7"));
        Assert.False(bots.IsBot("not curl/7"));
        Assert.True(bots.IsBot("x clickfarm y"));
    }

    [Fact]
    public void Parse_NotAnArrayOfPatterns_IsAFormatError()
    {
        Assert.Throws<FormatException>(() => BotUserAgents.Parse("""{"pattern":"x"}"""));
        Assert.Throws<FormatException>(() => BotUserAgents.Parse("""[{"url":"x"}]"""));
    }
}
