using System.Globalization;
using Mercato.Core.AdMonitoring;
using Mercato.Core.DataCenter;

namespace Mercato.Core.Demo;

/// <summary>
/// What the demo's ad monitoring must find (docs/demo-company.md, Ad monitoring): the click logs of the ad platforms, one
/// app-store placement injecting clicks, bots on the search ads, a week in which Douyin's feed CPC doubles, and
/// the Double 11 Douyin budget planned a quarter short (<see cref="DemoCampaigns.OverrunFamily"/>).
/// </summary>
/// <param name="Channels">The channels with a click log.</param>
/// <param name="Clicks">Rows in the click logs.</param>
/// <param name="ClicksByChannel">Of them, per channel.</param>
/// <param name="TrackedClicks">The click touchpoints of those channels, each logged once (same user, channel and second).</param>
/// <param name="Installs">Real clicks that carry an app install (app_store clicks of users who installed within
/// <see cref="DemoAds.InstallWindowHours"/> hours).</param>
/// <param name="InjectionChannel">The channel of the injecting placement.</param>
/// <param name="InjectionPlacement">The placement that injects clicks.</param>
/// <param name="InjectionFrom">First day it injects.</param>
/// <param name="InjectionTo">Last day it injects.</param>
/// <param name="InjectedClicks">Clicks it fired (each seconds before an organic install; each also a click touchpoint of
/// <see cref="InjectionChannel"/> in the touchpoints kind, as an attribution provider records it).</param>
/// <param name="BotClicks">Search-engine crawler clicks on the search ads (no user, no touchpoint).</param>
/// <param name="DuplicateClicks">Real users' clicks on a placement within 30 s (the default duplicate window) of their
/// previous click there: a duplicate by the industry's definition, general invalid traffic; the first click stays.</param>
/// <param name="CpcJump">The week Douyin's feed CPC doubled.</param>
public sealed record DemoAdTruth(
    IReadOnlyList<string> Channels,
    long Clicks,
    IReadOnlyList<DemoCountTruth> ClicksByChannel,
    long TrackedClicks,
    long Installs,
    string InjectionChannel,
    string InjectionPlacement,
    DateOnly InjectionFrom,
    DateOnly InjectionTo,
    long InjectedClicks,
    long BotClicks,
    long DuplicateClicks,
    DemoCpcJump CpcJump);

/// <summary>
/// A week in which one campaign's ads on one channel win worse placements: the same touches (impressions) and spend bring
/// 1/<see cref="Factor"/> of the clicks, so its CPC is <see cref="Factor"/> times its usual and its CTR 1/<see cref="Factor"/>
/// (each click of the week is kept with probability 1/Factor, the others recorded as impressions).
/// </summary>
/// <param name="Channel">The channel.</param>
/// <param name="Campaign">The campaign code.</param>
/// <param name="From">First day (UTC).</param>
/// <param name="To">Last day.</param>
/// <param name="Factor">The CPC multiplier.</param>
public sealed record DemoCpcJump(string Channel, string Campaign, DateOnly From, DateOnly To, decimal Factor)
{
    /// <summary>Whether <paramref name="day"/> of <paramref name="channel"/> and <paramref name="campaign"/> is in the jump.</summary>
    public bool Covers(DateOnly day, string channel, string? campaign) =>
        day >= From && day <= To && channel == Channel && campaign == Campaign;
}

/// <summary>The demo's ad-monitoring story: the CPC jump's week and the click logs (<see cref="DemoClickLog"/>).</summary>
public static class DemoAds
{
    /// <summary>The channels whose platforms deliver a click log.</summary>
    public static IReadOnlyList<string> ClickChannels { get; } = ["app_store", "baidu_sem", "douyin_ads"];

    /// <summary>The injecting placement (an ad network's sub-publisher) of the app-store campaign.</summary>
    public const string InjectionPlacement = "adnet-mobiboost";

    /// <summary>The app-store campaign the injected clicks claim.</summary>
    public const string InjectionCampaign = "aso-brand";

    /// <summary>The share of organic installs in the injection period that the placement claims.</summary>
    public const double InjectionShare = 0.5;

    /// <summary>The window months (0-based) of the injection: the last three.</summary>
    public const int InjectionFirstMonth = 9;

    /// <summary>
    /// An app-store click carries the install of its user when the install came within this many hours: the demo's users
    /// install when they sign up, which can be days after the click that made them look, and an attribution provider
    /// that credited those would show every store placement as spraying clicks.
    /// </summary>
    public const int InstallWindowHours = 24;

    /// <summary>Crawler clicks per thousand search-ad clicks.</summary>
    public const double BotPerMille = 5;

    /// <summary>The demo random stream of the click logs (1 to 9 are the other kinds', 11 the CPC jump's).</summary>
    internal const ulong Stream = 10;

    /// <summary>
    /// The week the always-on <c>douyin-feed</c> campaign's CPC doubles on Douyin: seven days from the first
    /// Monday on or after the 8th of the window's fifth month, else the nearest of the others (fourth, sixth, third, ...) in
    /// March to May or July to September: outside the shopping festivals, the winter and the crisis month.
    /// </summary>
    public static DemoCpcJump CpcJump(YearMonth lastMonth)
    {
        var first = lastMonth.AddMonths(-11);
        var month = new[] { 4, 3, 5, 2, 6, 8, 9, 10, 11, 1 }.Select(first.AddMonths).First(m => m.Month is not (1 or 2 or 6 or 10 or 11 or 12) && m != first.AddMonths(DemoCalendar.CrisisMonthIndex));
        var start = new DateOnly(month.Year, month.Month, 8);
        while (start.DayOfWeek != DayOfWeek.Monday)
        {
            start = start.AddDays(1);
        }

        return new DemoCpcJump("douyin_ads", "douyin-feed", start, start.AddDays(6), 2.0m);
    }
}

/// <summary>
/// The ad platforms' click logs, made as the demo's facts pass: every click touchpoint of a <see cref="DemoAds.ClickChannels"/>
/// channel is logged with its user's device, IP and browser, a placement, and (app_store) the user's install when it came
/// within <see cref="DemoAds.InstallWindowHours"/> hours; in the last three months <see cref="DemoAds.InjectionPlacement"/>
/// fires a click 2 to 9 seconds before half the organic installs, which the attribution provider also records as an
/// app_store click touchpoint; and search-engine crawlers click the search ads. Passes every fact on to the inner sink.
/// Drawn from its own random stream: the other facts are the same with or without it.
/// </summary>
public sealed class DemoClickLog : IDemoSink
{
    private static readonly string[] Agents =
    [
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49",
        "Mozilla/5.0 (Linux; Android 13; HUAWEI Mate 50) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 14; Xiaomi 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 14; OPPO Find X7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 13; vivo X100) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/117.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36",
    ];

    private static readonly string[] Bots =
    [
        "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
        "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    ];

    private static readonly string[] Stores = ["huawei_appgallery", "xiaomi_getapps", "oppo_store", "vivo_store", "apple_search_ads"];

    private static readonly string[] Keywords = ["kw:blood-pressure", "kw:oximeter", "kw:nebulizer", "kw:home-ecg"];

    private readonly IDemoSink _inner;
    private readonly DemoRandom _rng;
    private readonly DateOnly _firstDay;
    private readonly DateOnly _lastDay;
    private readonly DateTimeOffset _injectionStart;
    private readonly List<ClickRecord> _user = [];
    private readonly Dictionary<string, long> _byChannel = new(StringComparer.Ordinal);
    private readonly long[] _searchClicksPerDay;
    private string? _userId;
    private long _sequence;
    private long _tracked;
    private long _installs;
    private long _injected;
    private long _bots;
    private long _duplicates;

    /// <summary>A click log for the demo of <paramref name="options"/>, passing every fact on to <paramref name="inner"/>.</summary>
    public DemoClickLog(DemoOptions options, IDemoSink inner)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _rng = new DemoRandom(options.Seed, DemoAds.Stream);
        LastMonth = options.LastMonth;
        _firstDay = options.LastMonth.AddMonths(-11).FirstDay;
        _lastDay = options.LastMonth.AddMonths(1).FirstDay.AddDays(-1);
        _injectionStart = Midnight(options.LastMonth.AddMonths(DemoAds.InjectionFirstMonth - 11).FirstDay);
        _searchClicksPerDay = new long[_lastDay.DayNumber - _firstDay.DayNumber + 1];
    }

    private YearMonth LastMonth { get; }

    /// <inheritdoc/>
    public void Add(IFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var user = fact switch
        {
            Touchpoint t => t.UserId,
            Conversion c => c.UserId,
            ActivityEvent a => a.UserId,
            _ => null,
        };
        if (user != _userId)
        {
            Flush();
            _userId = user;
        }

        _inner.Add(fact);
        switch (fact)
        {
            case Touchpoint { Type: TouchpointType.Click } t when DemoAds.ClickChannels.Contains(t.Channel):
                _tracked++;
                _user.Add(Click(t.UserId, t.Timestamp, t.Channel, t.Campaign, Placement(t.Channel, t.Campaign)));
                break;
            case ActivityEvent { Event: "install" } a:
                Install(a);
                break;
        }
    }

    /// <summary>Writes the last user's clicks and the crawlers', and returns the truth of the logs.</summary>
    public DemoAdTruth Finish()
    {
        Flush();
        _userId = null;
        Crawl();
        return new DemoAdTruth(
            DemoAds.ClickChannels,
            _byChannel.Values.Sum(),
            [.. DemoAds.ClickChannels.Select(c => new DemoCountTruth(c, _byChannel.GetValueOrDefault(c)))],
            _tracked,
            _installs,
            "app_store",
            DemoAds.InjectionPlacement,
            DateOnly.FromDateTime(_injectionStart.UtcDateTime),
            _lastDay,
            _injected,
            _bots,
            _duplicates,
            DemoAds.CpcJump(LastMonth));
    }

    private void Install(ActivityEvent install)
    {
        // The real click the install belongs to: the user's last app_store click before it, within the attribution window.
        var at = install.Timestamp;
        for (var i = _user.Count - 1; i >= 0; i--)
        {
            var c = _user[i];
            if (c.Channel == "app_store" && c.Timestamp <= at)
            {
                if (at - c.Timestamp <= TimeSpan.FromHours(DemoAds.InstallWindowHours))
                {
                    _user[i] = c with { InstallTimestamp = at };
                    _installs++;
                }

                return;
            }
        }

        // An organic install: the injecting placement claims half of those in its months with a click just before the first open.
        if (at < _injectionStart || !_rng.Chance(DemoAds.InjectionShare))
        {
            return;
        }

        var fired = at.AddSeconds(-(2 + _rng.Next(8)));
        _inner.Add(new Touchpoint(null, install.UserId, fired, "app_store", DemoAds.InjectionCampaign, TouchpointType.Click, null));
        _user.Add(Click(install.UserId, fired, "app_store", DemoAds.InjectionCampaign, DemoAds.InjectionPlacement) with { InstallTimestamp = at });
        _injected++;
    }

    private ClickRecord Click(string user, DateTimeOffset at, string channel, string? campaign, string placement)
    {
        var h = Hash(user);
        var ip = string.Create(CultureInfo.InvariantCulture,
            $"{(h % 4) switch { 0 => 36, 1 => 112, 2 => 183, _ => 223 }}.{(h >> 8) % 256}.{(h >> 16) % 256}.{1 + ((h >> 24) % 254)}");
        return new ClickRecord(
            string.Create(CultureInfo.InvariantCulture, $"ck-{++_sequence:D9}"), at, channel, campaign, user,
            string.Create(CultureInfo.InvariantCulture, $"dev-{h:x16}"), ip, Agents[(int)((h >> 32) % (ulong)Agents.Length)], placement, null);
    }

    private string Placement(string channel, string? campaign) => channel switch
    {
        "baidu_sem" => campaign == "sem-brand" ? "kw:brand" : Keywords[_rng.Next(Keywords.Length)],
        "douyin_ads" => _rng.Chance(0.8) ? "feed" : "search",
        _ => Stores[_rng.Next(Stores.Length)],
    };

    private void Flush()
    {
        // One user is one device: a click within the duplicate window of the user's previous click on the same placement is a duplicate.
        var window = new InvalidTrafficOptions().DuplicateWindow;
        var last = new Dictionary<(string, string?, string?), DateTimeOffset>();
        foreach (var click in _user.OrderBy(c => c.Timestamp))
        {
            var key = (click.Channel, click.Campaign, click.Placement);
            if (last.TryGetValue(key, out var previous) && click.Timestamp - previous <= window)
            {
                _duplicates++;
            }

            last[key] = click.Timestamp;
        }

        foreach (var click in _user)
        {
            Write(click);
        }

        _user.Clear();
    }

    private void Write(ClickRecord click)
    {
        _inner.Add(new ClickFact(click));
        _byChannel[click.Channel] = _byChannel.GetValueOrDefault(click.Channel) + 1;
        if (click.Channel == "baidu_sem" && click.UserId is not null)
        {
            var day = DateOnly.FromDateTime(click.Timestamp.UtcDateTime).DayNumber - _firstDay.DayNumber;
            if (day >= 0 && day < _searchClicksPerDay.Length)
            {
                _searchClicksPerDay[day]++;
            }
        }
    }

    /// <summary>Crawlers click the search ads: per day, a Poisson count of mean <see cref="DemoAds.BotPerMille"/>‰ of the day's search-ad clicks.</summary>
    private void Crawl()
    {
        for (var day = 0; day < _searchClicksPerDay.Length; day++)
        {
            var mean = _searchClicksPerDay[day] * DemoAds.BotPerMille / 1000.0;
            var n = Poisson(mean);
            var midnight = Midnight(_firstDay.AddDays(day));
            for (var i = 0; i < n; i++)
            {
                var at = midnight.AddSeconds(_rng.Next(86_400));
                var agent = Bots[_rng.Next(Bots.Length)];
                var ip = string.Create(CultureInfo.InvariantCulture, $"220.181.108.{1 + _rng.Next(254)}");
                Write(new ClickRecord(string.Create(CultureInfo.InvariantCulture, $"ck-{++_sequence:D9}"), at, "baidu_sem", "sem-brand", null, null, ip, agent, "kw:brand", null));
                _bots++;
            }
        }
    }

    private int Poisson(double mean)
    {
        // Knuth's product of uniforms: the means here are small (a few a day).
        var limit = Math.Exp(-mean);
        var n = 0;
        for (var p = _rng.NextDouble(); p > limit; p *= _rng.NextDouble())
        {
            n++;
        }

        return n;
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static ulong Hash(string user)
    {
        var h = 14_695_981_039_346_656_037UL;
        foreach (var c in user)
        {
            h = (h ^ c) * 1_099_511_628_211UL;
        }

        return h ^ (h >> 29);
    }
}
