using System.Globalization;
using System.Text;

namespace Mercato.Benchmarks;

/// <summary>
/// Writes a click log in the <c>clicks</c> kind's columns for benchmarks/ads-e2e.sh (<c>--generate-clicks ROWS FILE</c>):
/// ROWS rows in time order over the 365 days ending yesterday (UTC), ids c1..cROWS. Five channels with 40 campaigns and 1,200
/// placements between them, about 2M users each with a device and a home IP, 20 ordinary user agents; about 1% of rows
/// from well-known crawlers of the shipped list (Baiduspider, Googlebot, bingbot, YandexBot, Bytespider, Sogou, AhrefsBot),
/// about 3% repeats of the row before (same device, IP, agent and placement, 1–20 s later: duplicate clicks), an install on
/// 3% of ordinary clicks (a log-normal delay with a median of 15 minutes, from 1 minute to about a day: real app-store
/// installs), and one placement, <c>ks-inject-7</c>, whose installs come 2–9 s after its clicks (click injection). Seeded.
/// </summary>
internal static class ClicksCsv
{
    public const string Header = "click_id,timestamp,channel,campaign,user_id,device_id,ip,user_agent,placement,install_timestamp";

    public const string InjectingPlacement = "ks-inject-7";

    private const int Users = 2_000_000;

    private static readonly (string Name, string Prefix, int Weight)[] Channels =
    [
        ("douyin_ads", "dy", 35), ("baidu_ads", "bd", 25), ("tencent_ads", "tx", 20), ("kuaishou_ads", "ks", 15), ("app_store", "as", 5),
    ];

    private static readonly string[] Agents =
    [
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 aweme_31.2.0",
        "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; 23127PN0CC Build/UKQ1.230804.001) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.230 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 13; V2254A Build/TP1A.220624.014) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 12; PGEM10 Build/SP1A.210812.016) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/110.0.5481.153 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 14; ALN-AL00 Build/HUAWEIALN-AL00) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.5735.196 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 13; SM-S9180 Build/TP1A.220624.014) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.6167.101 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 11; M2012K11AC Build/RKQ1.200826.002) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/98.0.4758.101 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 14; PJZ110 Build/UKQ1.230924.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/115.0.5790.168 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47",
        "Mozilla/5.0 (Linux; Android 13; 22081212C Build/TKQ1.220829.002) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.5414.86 Mobile Safari/537.36 Kwai/11.9",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0",
        "Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/108.0.5359.95 Safari/537.36 QIHU 360SE",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:123.0) Gecko/20100101 Firefox/123.0",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Linux; U; Android 10; zh-cn; MI 9 Build/QKQ1.190825.002) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/79.0.3945.147 Mobile Safari/537.36 XiaoMi/MiuiBrowser/13.5.40",
    ];

    private static readonly string[] Bots =
    [
        "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
        "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.199 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
        "Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)",
        "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    ];

    /// <summary>Writes ROWS rows with the header to PATH (UTF-8, LF line ends; every user agent quoted).</summary>
    public static void Write(long rows, string path, int seed = 14)
    {
        var random = new Random(seed);
        var end = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        var start = end.AddDays(-365);
        var slot = TimeSpan.FromDays(365).Ticks / rows;

        var campaigns = new string[Channels.Length][];
        var placements = new string[Channels.Length][];
        var weights = new int[100];
        for (int c = 0, w = 0; c < Channels.Length; c++)
        {
            var prefix = Channels[c].Prefix;
            campaigns[c] = [.. Enumerable.Range(1, 8).Select(k => prefix + "-cmp-" + k.ToString(CultureInfo.InvariantCulture))];
            placements[c] = [.. Enumerable.Range(1, 240).Select(k => prefix + "-pub-" + k.ToString("D3", CultureInfo.InvariantCulture))];
            for (var k = 0; k < Channels[c].Weight; k++)
            {
                weights[w++] = c;
            }
        }

        var kuaishou = Array.FindIndex(Channels, c => c.Prefix == "ks");
        placements[kuaishou][6] = InjectingPlacement;

        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 20);
        writer.Write(Header);
        writer.Write('\n');

        Span<char> buffer = stackalloc char[32];
        long user = 0;
        int channel = 0, campaign = 0, placement = 0;
        string agent = Agents[0];
        uint ip = 0;
        var at = start;
        for (long i = 0; i < rows; i++)
        {
            var repeat = i > 0 && random.Next(100) < 3;
            if (repeat)
            {
                at = at.AddTicks(TimeSpan.TicksPerSecond * (1 + random.Next(20)));
            }
            else
            {
                at = start.AddTicks((i * slot) + random.NextInt64(slot));
                user = random.Next(Users);
                channel = weights[random.Next(100)];
                campaign = random.Next(campaigns[channel].Length);

                // Placements are skewed: a quarter of the clicks on the first 24 of a channel's 240.
                placement = random.Next(4) == 0 ? random.Next(24) : random.Next(placements[channel].Length);
                agent = random.Next(100) == 0 ? Bots[random.Next(Bots.Length)] : Agents[(int)(user % Agents.Length)];

                // A home address per user in 1.0.0.0–223.255.255.255 (public-looking), mixed so that neighbours are not
                // neighbouring users.
                ip = (uint)((user * 2654435761L) & 0xFFFFFFFF);
                ip = ((ip % 223u) + 1u) << 24 | (ip & 0x00FFFFFF);
            }

            writer.Write('c');
            Write(writer, buffer, i + 1);
            writer.Write(',');
            WriteInstant(writer, buffer, at);
            writer.Write(',');
            writer.Write(Channels[channel].Name);
            writer.Write(',');
            writer.Write(campaigns[channel][campaign]);
            writer.Write(",u");
            Write(writer, buffer, user);
            writer.Write(",d");
            Write(writer, buffer, user * 7919 % 1_000_003_337);
            writer.Write(',');
            Write(writer, buffer, ip >> 24);
            writer.Write('.');
            Write(writer, buffer, (ip >> 16) & 0xFF);
            writer.Write('.');
            Write(writer, buffer, (ip >> 8) & 0xFF);
            writer.Write('.');
            Write(writer, buffer, ip & 0xFF);
            writer.Write(",\"");
            writer.Write(agent);
            writer.Write("\",");
            var name = placements[channel][placement];
            writer.Write(name);
            writer.Write(',');
            if (!repeat)
            {
                if (ReferenceEquals(name, InjectingPlacement) && random.Next(3) == 0)
                {
                    WriteInstant(writer, buffer, at.AddSeconds(2 + random.Next(8)));
                }
                else if (random.Next(100) < 3)
                {
                    // Log-normal around 15 minutes, at least a minute: most within the hour, a tail of hours.
                    var u1 = 1.0 - random.NextDouble();
                    var u2 = random.NextDouble();
                    var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
                    var seconds = Math.Min(Math.Max(900.0 * Math.Exp(1.2 * normal), 60.0), 86_400.0);
                    WriteInstant(writer, buffer, at.AddSeconds(seconds));
                }
            }

            writer.Write('\n');
        }
    }

    private static void Write(StreamWriter writer, Span<char> buffer, long value)
    {
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }

    private static void WriteInstant(StreamWriter writer, Span<char> buffer, DateTimeOffset at)
    {
        at.UtcDateTime.TryFormat(buffer, out var written, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }
}
