using Mercato.Core.AdMonitoring;

namespace Mercato.Core.Tests.AdMonitoring;

/// <summary>Each invalid-traffic rule on small hand-made logs, the summaries with money at risk, and the claim list.</summary>
public class InvalidTrafficTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly BotUserAgents Bots = BotUserAgents.FromPatterns(["bot", "^curl"]);

    private const string Phone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) Mobile/15E148";

    private static ClickRecord Click(string id, double seconds, string device, string ip, string placement = "p1", string? agent = Phone, double? installAfter = null) =>
        new(id, T0.AddSeconds(seconds), "douyin", "c1", null, device, ip, agent, placement, installAfter is { } a ? T0.AddSeconds(seconds + a) : null);

    private static IReadOnlyList<string> RulesOf(InvalidTrafficReport report, string id) => report.Verdicts.Single(v => v.Click.ClickId == id).Rules;

    [Fact]
    public void Rules_HaveTheirCategories_InOrder()
    {
        Assert.Equal(
            ["bot_user_agent:General", "duplicate_click:General", "click_burst_ip:Sophisticated", "click_burst_device:Sophisticated", "click_burst_ip_range:Sophisticated", "click_injection:Sophisticated", "click_spamming:Sophisticated", "ctr_above_norm:Sophisticated"],
            InvalidTraffic.Rules.Select(r => r.Code + ":" + r.Category));
    }

    [Fact]
    public void BotUserAgent_FlagsTheListedAgentsOnly()
    {
        var report = InvalidTraffic.Scan([Click("a", 0, "d1", "1.1.1.1", agent: "Googlebot/2.1"), Click("b", 1, "d2", "1.1.1.2"), Click("c", 2, "d3", "1.1.1.3", agent: null)], Bots);

        Assert.Equal(["bot_user_agent"], RulesOf(report, "a"));
        Assert.Empty(RulesOf(report, "b"));
        Assert.Empty(RulesOf(report, "c"));
        Assert.Equal(InvalidTrafficCategory.General, report.Verdicts[0].Category);
        Assert.Null(report.Verdicts[1].Category);
    }

    [Fact]
    public void DuplicateClick_SameDeviceOrSameIpAndAgent_OnTheSamePlacement_WithinTheWindow()
    {
        ClickRecord[] clicks =
        [
            Click("first", 0, "d1", "10.0.0.1"),
            Click("device-again-29s", 29, "d1", "10.0.0.9"),        // same device, same placement, 29 s after the previous: duplicate
            Click("device-other-placement", 30, "d1", "10.0.0.9", placement: "p2"), // another placement: not a duplicate
            Click("device-again-61s", 90, "d1", "10.0.0.8"),        // 61 s after its previous on p1: not a duplicate
            Click("ip-again", 100, "d7", "10.0.0.8"),               // same IP and agent as the previous, 10 s later: duplicate
            Click("ip-other-agent", 105, "d8", "10.0.0.8", agent: "Other/1.0"), // same IP, another agent: not a duplicate
        ];

        var report = InvalidTraffic.Scan(clicks, Bots);

        Assert.Equal(
            ["", "duplicate_click", "", "", "duplicate_click", ""],
            report.Verdicts.Select(v => string.Join(';', v.Rules)));
    }

    [Fact]
    public void ClickInjection_IsAnInstallUnderTenSeconds_AndNeverAnInstallBeforeTheClick()
    {
        var report = InvalidTraffic.Scan(
            [Click("fast", 0, "d1", "1.0.0.1", installAfter: 9.9), Click("ten", 1, "d2", "1.0.0.2", installAfter: 10), Click("before", 2, "d3", "1.0.0.3", installAfter: -5)],
            Bots);

        Assert.Equal(["click_injection"], RulesOf(report, "fast"));
        Assert.Empty(RulesOf(report, "ten"));
        Assert.Empty(RulesOf(report, "before"));
        Assert.Equal(InvalidTrafficCategory.Sophisticated, report.Verdicts[0].Category);
    }

    [Fact]
    public void ClickBurst_FifteenClicksOfOneIpInTenMinutes_FlagsEveryClickInTheWindow()
    {
        // 14 clicks of one IP (new device each time, other placements so no duplicates) 40 s apart: 14 < 15, no burst.
        var below = Enumerable.Range(0, 14).Select(i => Click($"b{i}", i * 40, $"dev{i}", "5.6.7.8", placement: $"p{i}")).ToList();
        Assert.All(InvalidTraffic.Scan(below, Bots).Verdicts, v => Assert.Empty(v.Rules));

        // 15 within 560 s: all 15 flagged; a 16th 11 minutes after the 15th is alone in its window.
        var burst = Enumerable.Range(0, 15).Select(i => Click($"b{i}", i * 40, $"dev{i}", "5.6.7.8", placement: $"p{i}")).ToList();
        burst.Add(Click("later", (14 * 40) + 660, "dev99", "5.6.7.8", placement: "p99"));
        var report = InvalidTraffic.Scan(burst, Bots);

        Assert.Equal(15, report.Verdicts.Count(v => v.Rules.SequenceEqual(["click_burst_ip"])));
        Assert.Empty(RulesOf(report, "later"));
    }

    [Fact]
    public void ClickBurst_OfARange_CountsAcrossTheRangesAddresses()
    {
        // 40 clicks from 40 addresses of 9.9.9.0/24 in 390 s, one each: only the range bursts.
        var clicks = Enumerable.Range(0, 40).Select(i => Click($"r{i}", i * 10, $"dev{i}", $"9.9.9.{i + 1}", placement: $"p{i}")).ToList();
        clicks.Add(Click("outside", 400, "devx", "9.9.8.1", placement: "px"));

        var report = InvalidTraffic.Scan(clicks, Bots);

        Assert.Equal(40, report.Verdicts.Count(v => v.Rules.SequenceEqual(["click_burst_ip_range"])));
        Assert.Empty(RulesOf(report, "outside"));
    }

    [Fact]
    public void BurstThreshold_IsTheMinimum_UntilTheKeyHasAHistory_ThenMedianPlusFiveRobustSigmas()
    {
        var options = new InvalidTrafficOptions();
        var window = options.BurstWindow.Ticks;

        // Active in 23 windows: too little history, the minimum.
        Assert.Equal(15, InvalidTraffic.BurstThreshold(Enumerable.Range(0, 23).SelectMany(w => Enumerable.Repeat(w * window, 20)), 15, options));

        // 30 windows of 20 clicks: median 20, MAD 0, σ = √20; ⌈20 + 5√20⌉ = ⌈42.36⌉ = 43.
        Assert.Equal(43, InvalidTraffic.BurstThreshold(Enumerable.Range(0, 30).SelectMany(w => Enumerable.Repeat(w * window, 20)), 15, options));

        // 30 windows of 1 click: median 1, σ = 1: ⌈6⌉ = 6, below the minimum 15.
        Assert.Equal(15, InvalidTraffic.BurstThreshold(Enumerable.Range(0, 30).Select(w => w * window), 15, options));
    }

    [Fact]
    public void ClickSpamming_FlagsThePlacementWithAFlatLongTail()
    {
        var clicks = new List<ClickRecord>();
        var id = 0;

        // "good": 40 installs 2..80 minutes after the click. "spam": 40 installs spread 1 h .. 7 days; 29 of 40 beyond 24 h
        // (the one at exactly 24 h is not), and only one (1 h) is below good's longest (80 min): D = 1 − 1/40.
        for (var i = 0; i < 40; i++)
        {
            clicks.Add(Click($"g{id++}", i * 3600, $"g{i}", $"2.2.{i}.1", placement: "good", installAfter: 120 + (i * 120)));
            var after = i < 10 ? 3600 + (i * 7200) : 86_400 + ((i - 10) * 17_280);
            clicks.Add(Click($"s{id++}", (i * 3600) + 1, $"s{i}", $"3.3.{i}.1", placement: "spam", installAfter: after));
        }

        var report = InvalidTraffic.Scan(clicks, Bots);

        var spam = Assert.Single(report.Placements, p => p.Placement == "spam");
        var good = Assert.Single(report.Placements, p => p.Placement == "good");
        Assert.Equal((40, 29.0 / 40, 39.0 / 40, true), (spam.Installs, spam.LongTailShare, spam.Distance, spam.Flagged));
        Assert.Equal(1.95 * Math.Sqrt(80.0 / 1600), spam.Critical, 12);
        Assert.Equal((0.0, false), (good.LongTailShare, good.Flagged));
        Assert.All(report.Verdicts.Where(v => v.Click.Placement == "spam"), v => Assert.Equal(["click_spamming"], v.Rules));
        Assert.All(report.Verdicts.Where(v => v.Click.Placement == "good"), v => Assert.Empty(v.Rules));
    }

    [Fact]
    public void CtrAboveNorm_FlagsAPlacementAtThreeTimesItsChannelsMedian_JudgedWithItsCounts()
    {
        // baidu: p1, p2 at 2%, p3 at 2.5%, farm at 10% of 1000 impressions each; tiny: 2 clicks of 3 impressions.
        var clicks = new List<ClickRecord>();
        var t = 0;
        foreach (var (placement, count) in new[] { ("p1", 20), ("p2", 20), ("p3", 25), ("farm", 100), ("tiny", 2) })
        {
            for (var i = 0; i < count; i++, t++)
            {
                clicks.Add(Click($"{placement}-{i}", t * 60, $"d{t}", $"8.{t % 250}.{t / 250}.1", placement));
            }
        }

        var impressions = new Dictionary<(string, string), long> { [("douyin", "p1")] = 1000, [("douyin", "p2")] = 1000, [("douyin", "p3")] = 1000, [("douyin", "farm")] = 1000, [("douyin", "tiny")] = 3 };
        var report = InvalidTraffic.Scan(clicks, Bots, delivery: new PlacementDelivery(impressions, new Dictionary<string, double>()));

        // The median of 0.02, 0.02, 0.025, 0.1 and 0.667 is 0.025; farm: z = (100 − 25)/√(1000 · 0.025 · 0.975) = 15.19.
        var farm = Assert.Single(report.CtrPlacements, p => p.Placement == "farm");
        Assert.Equal((0.025, true), (farm.Norm, farm.Flagged));
        Assert.Equal(75 / Math.Sqrt(24.375), farm.Z, 12);
        Assert.False(Assert.Single(report.CtrPlacements, p => p.Placement == "tiny").Flagged);
        Assert.Equal(100, report.Verdicts.Count(v => v.Rules.SequenceEqual(["ctr_above_norm"])));
        Assert.All(report.Verdicts.Where(v => v.Click.Placement != "farm"), v => Assert.Empty(v.Rules));

        // A norm given for the channel is used instead: at 4%, 10% is 2.5× and no longer far above.
        var normed = InvalidTraffic.Scan(clicks, Bots, delivery: new PlacementDelivery(impressions, new Dictionary<string, double> { ["douyin"] = 0.04 }));
        Assert.DoesNotContain(normed.CtrPlacements, p => p.Flagged);
    }

    [Fact]
    public void Problems_OutOfOrderLog_AndSettingsOutOfRange()
    {
        var problems = InvalidTraffic.Problems(new InvalidTrafficOptions { SpamLongTailShare = 1.5 }, [Click("a", 10, "d", "1.1.1.1"), Click("b", 5, "d", "1.1.1.1")]);

        Assert.Equal(["spamLongTailShare: invalid_traffic_out_of_range", "clicks: invalid_traffic_out_of_order"], problems.Select(p => p.ToString()));
        Assert.Throws<ArgumentException>(() => InvalidTraffic.Scan([Click("a", 10, "d", "1.1.1.1"), Click("b", 5, "d", "1.1.1.1")], Bots));
    }

    [Theory]
    [InlineData("192.168.1.77", "192.168.1.77", "192.168.1.0/24")]
    [InlineData(" ::ffff:10.1.2.3 ", "10.1.2.3", "10.1.2.0/24")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("not-an-ip", "not-an-ip", null)]
    [InlineData(null, null, null)]
    public void IpKeys_AreCanonical_WithTheirRange(string? ip, string? key, string? range)
    {
        Assert.Equal((key, range), InvalidTraffic.IpKeys(ip));
    }

    [Fact]
    public void Summaries_CountPerLevel_AndMoneyAtRiskIsSpendTimesInvalidShare()
    {
        ClickRecord[] clicks =
        [
            new("1", T0, "douyin", "c1", Placement: "p1", UserAgent: "bot"),
            new("2", T0.AddSeconds(1), "douyin", "c1", Placement: "p1"),
            new("3", T0.AddSeconds(2), "douyin", "c2", Placement: "p2", InstallTimestamp: T0.AddSeconds(3)),
            new("4", T0.AddSeconds(3), "baidu", "c3", Placement: "p1"),
        ];
        var report = InvalidTraffic.Scan(clicks, Bots);
        var spend = new Dictionary<TrafficKey, decimal> { [new("douyin")] = 100m, [new("baidu")] = 50m, [new("wechat")] = 10m };

        var channels = InvalidTrafficSummaries.Summarize(report, TrafficLevel.Channel, spend);

        // douyin: 2 of 3 invalid, 100 × 2/3 = 66.666… → 66.67; baidu: nothing flagged; wechat: spend without clicks.
        var douyin = channels[0];
        Assert.Equal((new TrafficKey("douyin"), 3L, 2L, 1L, 1L, 100m, (decimal?)66.67m), (douyin.Key, douyin.Clicks, douyin.InvalidClicks, douyin.GeneralInvalid, douyin.SophisticatedInvalid, douyin.Spend, douyin.MoneyAtRisk));
        Assert.Equal(2.0 / 3, douyin.InvalidShare);
        Assert.Equal([new("bot_user_agent", 1), new("click_injection", 1)], douyin.ByRule);
        Assert.Equal((new TrafficKey("baidu"), 0m), (channels[1].Key, channels[1].MoneyAtRisk));
        Assert.Equal((new TrafficKey("wechat"), 0L, (decimal?)null), (channels[2].Key, channels[2].Clicks, channels[2].MoneyAtRisk));

        var campaigns = InvalidTrafficSummaries.Summarize(report, TrafficLevel.Campaign);
        Assert.Equal(
            ["douyin/c1:2/1", "douyin/c2:1/1", "baidu/c3:1/0"],
            campaigns.Select(r => $"{r.Key.Channel}/{r.Key.Campaign}:{r.Clicks}/{r.InvalidClicks}"));
        var placements = InvalidTrafficSummaries.Summarize(report, TrafficLevel.Placement, new Dictionary<TrafficKey, decimal> { [new("douyin", null, "p1")] = 9.99m });
        Assert.Equal((new TrafficKey("douyin", null, "p1"), (decimal?)5.00m), (placements[0].Key, placements[0].MoneyAtRisk));

        // Douyin paid per install: one install, on the injected click: all of the spend is at risk.
        var perInstall = InvalidTrafficSummaries.Summarize(report, TrafficLevel.Channel, spend, new Dictionary<string, BuyingModel> { ["douyin"] = BuyingModel.Cpi });
        Assert.Equal((1L, 1L, BuyingModel.Cpi, (decimal?)100m), (perInstall[0].Installs, perInstall[0].InvalidInstalls, perInstall[0].Pricing, perInstall[0].MoneyAtRisk));
        Assert.Equal((BuyingModel.Cpc, (decimal?)0m), (perInstall[1].Pricing, perInstall[1].MoneyAtRisk));
    }

    [Fact]
    public void ClaimList_WritesFlaggedClicksOnly_WithRfc4180Escaping_AndFormulaGuard()
    {
        var t = new DateTimeOffset(2026, 11, 11, 0, 0, 5, TimeSpan.FromHours(8));
        ClickVerdict[] verdicts =
        [
            new(new ClickRecord("k1", t, "douyin", "双11, \"爆款\"", Placement: "=HYPERLINK(\"x\")", Ip: "1.2.3.4", DeviceId: "dev\n1"), ["bot_user_agent", "duplicate_click"]),
            new(new ClickRecord("k2", t, "douyin"), []),
            new(new ClickRecord("k3", t.AddMilliseconds(250), "baidu", Placement: " padded"), ["click_injection"]),
        ];
        var writer = new StringWriter();

        var rows = ClaimList.Write(writer, verdicts);

        Assert.Equal(2, rows);
        Assert.Equal(
            "click_id,timestamp,channel,campaign,placement,ip,device_id,rules\r\n"
            + "k1,2026-11-11T00:00:05+08:00,douyin,\"双11, \"\"爆款\"\"\",\"'=HYPERLINK(\"\"x\"\")\",1.2.3.4,\"dev\n1\",bot_user_agent;duplicate_click\r\n"
            + "k3,2026-11-11T00:00:05.25+08:00,baidu,,\" padded\",,,click_injection\r\n",
            writer.ToString());
        Assert.Equal("-1", ClaimList.Field("-1", guardFormulas: false));
        Assert.Equal("'-1", ClaimList.Field("-1"));
    }
}
