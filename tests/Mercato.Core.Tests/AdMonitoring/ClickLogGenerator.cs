using System.Globalization;
using Mercato.Core.AdMonitoring;

namespace Mercato.Core.Tests.AdMonitoring;

/// <summary>
/// A week of synthetic click logs for four paid channels with known fraud mixed into clean traffic, and the ground truth:
/// the rules that should flag each fraudulent click. Everything follows from the seed.
/// <list type="bullet">
/// <item>Clean: 3,000 people (own device, own IP, a real browser's agent) with Poisson(3) clicks in the week on random
/// placements, more by day than by night; and a campus gateway, one IP shared by 3,000 more people clicking steadily
/// (about 21 clicks every 10 minutes: a key whose usual rate is high). App channels install on 30% of clicks, 20 s plus a
/// log-normal time later (median 4 minutes), 5% of them one to six days later.</item>
/// <item>Bots: 200 clicks with crawler agents from 20 data-centre IPs, no device id.</item>
/// <item>Duplicates: 150 clean clicks repeated one to three times, 2 to 25 s apart, same device, IP and placement.</item>
/// <item>Bursts: one IP, 300 clicks in 20 minutes with a new device each time; one device, 60 clicks in 10 minutes through
/// 60 proxies; one /24, 100 clicks in 8 minutes from 100 of its addresses.</item>
/// <item>Click injection: 80 clicks on app store placement as_p3 whose installs come 1 to 8 s later.</item>
/// <item>Click spamming: placement douyin/dy_spam, 3,000 clicks no person makes, 2% of them with an install any time in
/// the seven days after the click.</item>
/// <item>A click farm: baidu/bd_farm, 400 clicks spread over the week on 2,000 impressions (20% against the people's 2%).</item>
/// <item>Evasive fraud: 100 clicks from 10 proxies at 10 clicks in two hours each, browser agents, new devices: below every
/// threshold, there to show what the rules miss (it lowers the "any" recall).</item>
/// <item>Impressions per placement: 2% CTR of its clean clicks, ±25%.</item>
/// </list>
/// </summary>
internal static class ClickLogGenerator
{
    internal static readonly DateTimeOffset Start = new(2026, 11, 2, 0, 0, 0, TimeSpan.FromHours(8));

    private const int Days = 7;

    private static readonly string[] Channels = ["douyin", "baidu", "wechat", "app_store"];

    private static readonly string[] Browsers =
    [
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Linux; Android 13; V2227A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/98.0.4758.101 Mobile Safari/537.36 aweme_260300",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.42(0x18002a2f) NetType/WIFI Language/zh_CN",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
        "Mozilla/5.0 (Linux; Android 12; HarmonyOS; NOH-AN00) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0.4844.88 HuaweiBrowser/14.0.0.322 Mobile Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/86.0.4240.198 Safari/537.36 QIHU 360SE",
    ];

    private static readonly string[] Crawlers =
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
        "python-requests/2.31.0",
        "curl/8.5.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36",
        "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Go-http-client/1.1",
    ];

    /// <summary>The truth label of fraud no rule is meant to catch (it counts in the "any" recall only).</summary>
    internal const string Evasive = "evasive";

    internal sealed record Log(IReadOnlyList<ClickRecord> Clicks, IReadOnlyDictionary<string, IReadOnlySet<string>> Truth, PlacementDelivery Delivery);

    public static Log Generate(int seed)
    {
        var random = new Random(seed);
        var clicks = new List<ClickRecord>();
        var truth = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var next = 0;
        string Id() => "c" + (next++).ToString("D6", CultureInfo.InvariantCulture);
        string Placement(string channel) => channel[..2] + "_p" + random.Next(10).ToString(CultureInfo.InvariantCulture);
        string PublicIp() => string.Create(CultureInfo.InvariantCulture, $"{random.Next(11, 200)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}");
        double Uniform() => random.NextDouble();
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - Uniform())) * Math.Cos(2 * Math.PI * Uniform());

        // Clicks of people come more by day (8:00–23:00) than by night, three to one.
        DateTimeOffset PersonTime()
        {
            while (true)
            {
                var t = Uniform() * Days * 86_400;
                var hour = t % 86_400 / 3600;
                if (hour is >= 8 and < 23 || Uniform() < 1.0 / 3)
                {
                    return Start.AddSeconds(Math.Floor(t));
                }
            }
        }

        DateTimeOffset? Install(string channel, DateTimeOffset click)
        {
            if (channel is not ("app_store" or "douyin") || Uniform() >= 0.3)
            {
                return null;
            }

            var seconds = Uniform() < 0.05 ? 86_400 * (1 + (Uniform() * 5)) : 20 + Math.Exp(Math.Log(240) + (1.0 * Normal()));
            return click.AddSeconds(Math.Floor(seconds));
        }

        void Add(ClickRecord click, params string[] rules)
        {
            clicks.Add(click);
            truth[click.ClickId] = rules.ToHashSet(StringComparer.Ordinal);
        }

        ClickRecord Person(string device, string ip, string agent, DateTimeOffset at)
        {
            var channel = Channels[random.Next(Channels.Length)];
            return new ClickRecord(Id(), at, channel, channel + "_c" + random.Next(2).ToString(CultureInfo.InvariantCulture), null, device, ip, agent, Placement(channel), Install(channel, at));
        }

        int Poisson(double mean)
        {
            var (k, p, limit) = (0, 1.0, Math.Exp(-mean));
            while ((p *= Uniform()) > limit)
            {
                k++;
            }

            return k;
        }

        // Clean people, each with an own IP.
        var cleanClicks = new List<ClickRecord>();
        for (var u = 0; u < 3000; u++)
        {
            var (device, ip, agent) = ("dev-" + u.ToString(CultureInfo.InvariantCulture), PublicIp(), Browsers[random.Next(Browsers.Length)]);
            for (var k = Poisson(3); k > 0; k--)
            {
                var click = Person(device, ip, agent, PersonTime());
                Add(click);
                cleanClicks.Add(click);
            }
        }

        // The campus gateway: one IP, 3,000 people, clicks spread evenly over the week.
        const string Gateway = "202.120.1.1";
        for (var u = 0; u < 3000; u++)
        {
            var (device, agent) = ("campus-" + u.ToString(CultureInfo.InvariantCulture), Browsers[random.Next(Browsers.Length)]);
            for (var k = Poisson(3); k > 0; k--)
            {
                Add(Person(device, Gateway, agent, Start.AddSeconds(Math.Floor(Uniform() * Days * 86_400))));
            }
        }

        // Bots: 20 data-centre IPs, 10 clicks each at random times.
        for (var b = 0; b < 20; b++)
        {
            var ip = string.Create(CultureInfo.InvariantCulture, $"66.249.{64 + b}.{random.Next(1, 255)}");
            var agent = Crawlers[b % Crawlers.Length];
            for (var k = 0; k < 10; k++)
            {
                var channel = Channels[random.Next(Channels.Length)];
                Add(new ClickRecord(Id(), Start.AddSeconds(Math.Floor(Uniform() * Days * 86_400)), channel, channel + "_c0", null, null, ip, agent, Placement(channel)), InvalidTrafficCodes.BotUserAgent);
            }
        }

        // Duplicates: 150 clean clicks repeated 1–3 times, 2–25 s after the previous one.
        foreach (var original in cleanClicks.OrderBy(_ => random.Next()).Take(150).ToList())
        {
            var at = original.Timestamp;
            for (var r = random.Next(1, 4); r > 0; r--)
            {
                at = at.AddSeconds(random.Next(2, 26));
                Add(original with { ClickId = Id(), Timestamp = at, InstallTimestamp = null }, InvalidTrafficCodes.DuplicateClick);
            }
        }

        // An IP burst: 300 clicks in 20 minutes, a new device each time, placements cycled so no click repeats one within 30 s.
        var burstStart = Start.AddDays(2).AddHours(14).AddSeconds(random.Next(3600));
        var farmIp = PublicIp();
        for (var k = 0; k < 300; k++)
        {
            var channel = Channels[k % 4];
            var placement = channel[..2] + "_p" + (k / 4 % 10).ToString(CultureInfo.InvariantCulture);
            Add(new ClickRecord(Id(), burstStart.AddSeconds(k * 4), channel, channel + "_c1", null, "farm-" + k.ToString(CultureInfo.InvariantCulture), farmIp, Browsers[k % Browsers.Length], placement), InvalidTrafficCodes.ClickBurstIp);
        }

        // A device burst: 60 clicks in 10 minutes, each through another proxy.
        var deviceStart = Start.AddDays(4).AddHours(20).AddSeconds(random.Next(3600));
        for (var k = 0; k < 60; k++)
        {
            var channel = Channels[k % 4];
            var placement = channel[..2] + "_p" + (k / 4 % 10).ToString(CultureInfo.InvariantCulture);
            Add(new ClickRecord(Id(), deviceStart.AddSeconds(k * 10), channel, channel + "_c0", null, "emulator-1", PublicIp(), Browsers[1], placement), InvalidTrafficCodes.ClickBurstDevice);
        }

        // A range burst: 100 clicks in 8 minutes from 100 addresses of one /24.
        var rangeStart = Start.AddDays(5).AddHours(3).AddSeconds(random.Next(3600));
        var range = string.Create(CultureInfo.InvariantCulture, $"{random.Next(11, 200)}.{random.Next(256)}.{random.Next(256)}.");
        for (var k = 0; k < 100; k++)
        {
            var channel = Channels[k % 4];
            var placement = channel[..2] + "_p" + (k / 4 % 10).ToString(CultureInfo.InvariantCulture);
            Add(new ClickRecord(Id(), rangeStart.AddSeconds(k * 4.8), channel, channel + "_c0", null, "range-" + k.ToString(CultureInfo.InvariantCulture), range + (k + 1).ToString(CultureInfo.InvariantCulture), Browsers[k % Browsers.Length], placement), InvalidTrafficCodes.ClickBurstIpRange);
        }

        // Click injection on as_p3: installs 1–8 s after the click.
        for (var k = 0; k < 80; k++)
        {
            var at = PersonTime();
            Add(new ClickRecord(Id(), at, "app_store", "app_store_c0", null, "inj-" + k.ToString(CultureInfo.InvariantCulture), PublicIp(), Browsers[random.Next(Browsers.Length)], "ap_p3", at.AddSeconds(random.Next(1, 9))), InvalidTrafficCodes.ClickInjection);
        }

        // Click spamming on dy_spam: 3,000 clicks, 2% with an install any time in the next seven days.
        for (var k = 0; k < 3000; k++)
        {
            var at = Start.AddSeconds(Math.Floor(Uniform() * Days * 86_400));
            DateTimeOffset? install = Uniform() < 0.02 ? at.AddSeconds(Math.Floor(Uniform() * Days * 86_400)) : null;
            Add(new ClickRecord(Id(), at, "douyin", "douyin_c1", null, "spam-" + k.ToString(CultureInfo.InvariantCulture), PublicIp(), Browsers[random.Next(Browsers.Length)], "dy_spam", install), InvalidTrafficCodes.ClickSpamming);
        }

        // A click farm on baidu's bd_farm: 400 clicks through the week from people who never saw 2,000 impressions (20%).
        for (var k = 0; k < 400; k++)
        {
            Add(new ClickRecord(Id(), Start.AddSeconds(Math.Floor(Uniform() * Days * 86_400)), "baidu", "baidu_c0", null, "farmed-" + k.ToString(CultureInfo.InvariantCulture), PublicIp(), Browsers[random.Next(Browsers.Length)], "bd_farm"), InvalidTrafficCodes.CtrAboveNorm);
        }

        // Evasive fraud no rule is meant to catch: 10 proxies, 10 clicks each over two hours, browser agents, new devices.
        for (var b = 0; b < 10; b++)
        {
            var (ip, from) = (PublicIp(), Start.AddSeconds(Math.Floor(Uniform() * (Days - 1) * 86_400)));
            for (var k = 0; k < 10; k++)
            {
                var channel = Channels[random.Next(Channels.Length)];
                Add(new ClickRecord(Id(), from.AddSeconds(k * 720), channel, channel + "_c0", null, $"evasive-{b}-{k}", ip, Browsers[random.Next(Browsers.Length)], Placement(channel)), Evasive);
            }
        }

        // Impressions: the people's placements at a 2% CTR (±25%) of their clean clicks, the farm's 2,000; none for dy_spam.
        var impressions = new Dictionary<(string Channel, string Placement), long>();
        foreach (var group in clicks.Where(c => truth[c.ClickId].Count == 0 && c.Placement is not null).GroupBy(c => (c.Channel, c.Placement!)))
        {
            impressions[group.Key] = (long)Math.Round(group.Count() / 0.02 * (0.8 + (0.45 * Uniform())));
        }

        impressions[("baidu", "bd_farm")] = 2000;
        return new Log([.. clicks.OrderBy(c => c.Timestamp).ThenBy(c => c.ClickId, StringComparer.Ordinal)], truth, new PlacementDelivery(impressions, new Dictionary<string, double>()));
    }
}
