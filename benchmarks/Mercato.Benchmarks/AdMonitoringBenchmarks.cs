using BenchmarkDotNet.Attributes;
using Mercato.Core.AdMonitoring;
using Mercato.Core.Anomalies;

namespace Mercato.Benchmarks;

/// <summary>
/// Ad monitoring's passes (docs/ads.md): every delivery metric of a year of hourly series for 500 campaigns (spend,
/// impressions, clicks and conversions around a daily and a weekly cycle, seeded; 9 metrics × 500 series of 8,760 points),
/// and the invalid-traffic rules over 1,000,000 clicks in time order (5% bots, duplicates, bursts and injected installs).
/// </summary>
[MemoryDiagnoser]
public class AdMonitoringBenchmarks
{
    private const int Hours = 24 * 365;
    private const int Campaigns = 500;
    private const int Clicks = 1_000_000;

    private DeliveryDay[][] _campaigns = null!;
    private ClickRecord[] _clicks = null!;
    private BotUserAgents _bots = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(14);
        _campaigns = new DeliveryDay[Campaigns][];
        for (var c = 0; c < Campaigns; c++)
        {
            var level = 200 + (20_000 * rng.NextDouble());
            var ctr = 0.005 + (0.03 * rng.NextDouble());
            var cpc = 0.5 + (3 * rng.NextDouble());
            var days = _campaigns[c] = new DeliveryDay[Hours];
            for (var t = 0; t < Hours; t++)
            {
                var mean = level * (1 + (0.7 * Math.Sin(2 * Math.PI * ((t % 24) - 9) / 24))) * (t / 24 % 7 >= 5 ? 0.7 : 1);
                var impressions = (long)Math.Max(0, Math.Round(mean + (Math.Sqrt(mean) * Normal(rng))));
                var clicks = (long)Math.Max(0, Math.Round((impressions * ctr) + (Math.Sqrt(impressions * ctr) * Normal(rng))));
                days[t] = new DeliveryDay(decimal.Round((decimal)(clicks * cpc), 2), impressions, clicks, clicks / 20);
            }
        }

        _bots = BotUserAgents.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "AdMonitoring", "crawler-user-agents.json")));
        string[] agents =
        [
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47",
            "Mozilla/5.0 (Linux; Android 14; V2227A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 aweme/29.1.0",
            "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0 Safari/537.36",
        ];
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        string[] channels = ["douyin_ads", "baidu_sem", "app_store", "wechat_ads"];
        _clicks = new ClickRecord[Clicks];
        for (var i = 0; i < Clicks; i++)
        {
            var at = start.AddSeconds(i * 2.6);
            var device = "d" + rng.Next(300_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var ip = "10." + rng.Next(256).ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + rng.Next(256).ToString(System.Globalization.CultureInfo.InvariantCulture) + "."
                + rng.Next(256).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var agent = agents[rng.NextDouble() < 0.05 ? 2 : rng.Next(agents.Length)];
            DateTimeOffset? install = rng.NextDouble() < 0.03 ? at.AddSeconds(rng.NextDouble() < 0.1 ? 4 : 600 + rng.Next(7200)) : null;
            _clicks[i] = new ClickRecord("k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), at, channels[i % channels.Length], "c" + (i % 40).ToString(System.Globalization.CultureInfo.InvariantCulture),
                null, device, ip, agent, "p" + (i % 200).ToString(System.Globalization.CultureInfo.InvariantCulture), install);
        }
    }

    /// <summary>Every metric of every campaign's hourly year: the spike detector on volumes and prices, the ratio test on CTR and CVR.</summary>
    [Benchmark]
    public int DeliveryYearOfHours500Campaigns()
    {
        var found = 0;
        foreach (var days in _campaigns)
        {
            foreach (var metric in Enum.GetValues<DeliveryMetric>())
            {
                found += DeliveryAnomalies.Scan(days, metric, AnomalyPeriod.Hour).Count;
            }
        }

        return found;
    }

    /// <summary>Every invalid-traffic rule over a million clicks.</summary>
    [Benchmark]
    public int InvalidTrafficMillionClicks() => InvalidTraffic.Scan(_clicks, _bots).Verdicts.Count(v => v.IsInvalid);

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
