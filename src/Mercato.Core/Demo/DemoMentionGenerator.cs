using System.Globalization;
using System.Text;
using Mercato.Core.DataCenter;
using Mercato.Core.Listening;

namespace Mercato.Core.Demo;

/// <summary>One run of <see cref="DemoMentions.Generate"/>: day by day, each day's mentions sorted by time before they are written.</summary>
internal sealed class DemoMentionGenerator
{
    private const double ChineseShare = 0.82;
    private const double ComparisonShare = 0.08;
    private const int Company = 0;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // Sources per language, with their shares.
    private static readonly (MentionSource Source, double Share)[] ChineseSources =
    [
        (MentionSource.Weibo, 0.26), (MentionSource.Douyin, 0.16), (MentionSource.Xiaohongshu, 0.16), (MentionSource.Wechat, 0.10),
        (MentionSource.Zhihu, 0.08), (MentionSource.Bilibili, 0.06), (MentionSource.News, 0.06), (MentionSource.Forum, 0.06),
        (MentionSource.ReviewSite, 0.06),
    ];

    private static readonly (MentionSource Source, double Share)[] EnglishSources =
    [
        (MentionSource.Twitter, 0.30), (MentionSource.ReviewSite, 0.25), (MentionSource.Facebook, 0.20), (MentionSource.Instagram, 0.15),
        (MentionSource.News, 0.10),
    ];

    private static readonly (MentionSource Source, double Share)[] RumourFirst =
        [(MentionSource.Weibo, 0.50), (MentionSource.Douyin, 0.27), (MentionSource.Xiaohongshu, 0.23)];

    private static readonly (MentionSource Source, double Share)[] RumourLater =
    [
        (MentionSource.Weibo, 0.44), (MentionSource.Douyin, 0.23), (MentionSource.Xiaohongshu, 0.20), (MentionSource.News, 0.09),
        (MentionSource.Zhihu, 0.04),
    ];

    private static readonly (MentionSource Source, double Share)[] RumourEnglish = [(MentionSource.Twitter, 0.6), (MentionSource.News, 0.4)];

    // Weekday weights of the competitors' mentions, Sunday first (the company's follow its arrival weights).
    private static readonly double[] Weekday = [1.04, 0.96, 0.97, 0.98, 0.99, 1.02, 1.06];

    private static readonly string[] ZhPrefix = ["小", "阿", "大", "", "", "老"];

    private static readonly string[] ZhCore = ["鱼", "猫", "橙子", "米粒", "豆豆", "晴天", "柠檬", "木木", "糖糖", "一一", "桃子", "七七", "阳光", "麦兜"];

    private static readonly string[] ZhSuffix = ["妈妈", "爸爸", "酱", "同学", "在路上", "不加糖", "的日常", "", ""];

    private static readonly string[] EnFirst = ["sarah", "mike", "lily", "david", "emma", "kevin", "grace", "tom", "anna", "jason", "mei", "wei"];

    private static readonly string[] EnWord = ["health", "fit", "mom", "dad", "care", "daily", "life", "runs", "reviews", "home"];

    private static readonly string[] ZhOutlets = ["健康生活网", "器械观察", "民生新闻眼", "财经快讯", "家庭医生在线", "科技生活报"];

    private static readonly string[] EnOutlets = ["MedTech Daily", "Health Device Review", "Asia Business Wire", "Consumer Health News"];

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private readonly DemoOptions options;
    private readonly IMentionAnnotator? annotator;
    private readonly IDemoSink sink;
    private readonly DemoCalendar calendar;
    private readonly DemoRandom rng;
    private readonly DemoBrandSpec[] brands = [.. DemoMentions.Brands];

    // Counters of the truth.
    private readonly long[] labels = new long[3];
    private readonly long[] languages = new long[2];
    private readonly long[] sources = new long[Enum.GetValues<MentionSource>().Length];
    private readonly long[,] brandLabels;
    private readonly int[] brandPerDay;
    private readonly int[] negativePerDay;
    private readonly StringBuilder trueLabels = new();
    private long rumourMentions;
    private long windowMentions;
    private long windowNegative;
    private int sequence;

    private long start;
    private long end;

    public DemoMentionGenerator(DemoOptions options, IMentionAnnotator? annotator, IDemoSink sink)
    {
        this.options = options;
        this.annotator = annotator;
        this.sink = sink;
        calendar = new DemoCalendar(options.LastMonth);
        rng = new DemoRandom(options.Seed, DemoMentions.Stream);
        brandLabels = new long[brands.Length, 3];
        brandPerDay = new int[calendar.Days + 1];
        negativePerDay = new int[calendar.Days + 1];
    }

    private readonly record struct Pending(long Time, int Brand, int Other, double RumourHour, int Order);

    public DemoListeningTruth Run()
    {
        var baseline = DemoMentions.BaselineCount(options.Scale);
        var meanHourly = baseline / (calendar.Days * 24.0);
        var weights = new double[brands.Length][];
        for (var b = 0; b < brands.Length; b++)
        {
            weights[b] = new double[calendar.Days];
            for (var d = 0; d < calendar.Days; d++)
            {
                weights[b][d] = b == Company ? Math.Pow(calendar.ArrivalWeight[d], 1.5) : CompetitorWeight(calendar.DateOf(d));
            }

            var sum = weights[b].Sum();
            for (var d = 0; d < calendar.Days; d++)
            {
                weights[b][d] *= baseline * brands[b].Share / sum;
            }
        }

        var occasions = new DemoOccasion[calendar.Days];
        for (var d = 0; d < calendar.Days; d++)
        {
            occasions[d] = Occasion(d);
        }

        // The rumour: its hours' counts first, in time order.
        var crisisDay = Array.IndexOf(calendar.DayMonth, DemoCalendar.CrisisMonthIndex);
        start = calendar.DayStart(crisisDay) + (DemoMentions.StartUtcHour * 3600L);
        var hours = DemoMentions.PeakHours + (int)Math.Ceiling(DemoMentions.DecayHours * Math.Log(50));
        end = start + (hours * 3600L);
        var rumour = new List<Pending>();
        var peakHour = 0;
        var peakRate = 0.0;
        for (var h = 0; h < hours; h++)
        {
            var utcHour = (int)((start / 3600) + h) % 24;
            var rate = DemoMentions.PeakFactor * meanHourly * DemoMentions.Shape(h + 0.5) * Math.Sqrt(DemoCalendar.HourWeight(utcHour));
            if (rate > peakRate)
            {
                (peakRate, peakHour) = (rate, h);
            }

            var n = Poisson(rate);
            for (var i = 0; i < n; i++)
            {
                rumour.Add(new Pending(start + (h * 3600L) + rng.Next(3600), Company, -1, h, 0));
            }
        }

        rumour.Sort((a, b) => a.Time.CompareTo(b.Time));

        var next = 0;
        var day = new List<Pending>();
        for (var d = 0; d < calendar.Days; d++)
        {
            day.Clear();
            for (var b = 0; b < brands.Length; b++)
            {
                var n = Poisson(weights[b][d]);
                for (var i = 0; i < n; i++)
                {
                    var time = calendar.DayStart(d) + calendar.SecondOfDay(rng);
                    var other = rng.Chance(ComparisonShare) ? OtherBrand(b) : -1;
                    day.Add(new Pending(time, b, other, -1, day.Count));
                }
            }

            while (next < rumour.Count && rumour[next].Time < calendar.DayStart(d + 1))
            {
                day.Add(rumour[next++] with { Order = day.Count });
            }

            day.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Order.CompareTo(b.Order));
            foreach (var p in day)
            {
                Emit(p, occasions[d]);
            }
        }

        return Truth(peakHour);
    }

    private void Emit(Pending p, DemoOccasion occasion)
    {
        var isRumour = p.RumourHour >= 0;
        bool chinese;
        MentionSource source;
        DemoTone tone;
        string text;
        if (isRumour)
        {
            chinese = !(p.RumourHour >= 8 && rng.Chance(0.06));
            source = Draw(chinese ? p.RumourHour < 4 ? RumourFirst : RumourLater : RumourEnglish);
            tone = RumourTone(p.RumourHour);
            text = DemoMentionTexts.Rumour(rng, tone, chinese);
        }
        else
        {
            chinese = rng.Chance(ChineseShare);
            source = Draw(chinese ? ChineseSources : EnglishSources);
            tone = Tone(p.Brand, p.Time);
            var brand = brands[p.Brand];
            var product = Product(brand);
            text = DemoMentionTexts.Opinion(rng, tone, chinese, brand, p.Other >= 0 ? brands[p.Other] : null, product,
                p.Brand == Company ? occasion : DemoOccasion.None);
        }

        sequence++;
        var id = "dm-" + sequence.ToString("D6", Inv);
        var (author, followers, reach, likes, comments, shares, url) = Audience(source, chinese, isRumour);
        var language = chinese ? "zh" : "en";
        var given = rng.Chance(0.5) ? language : null;
        var annotation = annotator?.Annotate(text, given) ?? new MentionAnnotation(given ?? string.Empty, 0, "not_scored", []);
        sink.Add(new MentionFact(id, DateTimeOffset.FromUnixTimeSeconds(p.Time), source, author, followers, text, url, given, reach, likes,
            comments, shares, annotation));

        // The truth.
        var t = (int)tone;
        labels[t]++;
        languages[chinese ? 0 : 1]++;
        sources[(int)source]++;
        trueLabels.Append(tone switch { DemoTone.Positive => 'p', DemoTone.Negative => 'n', _ => 'u' });
        brandLabels[p.Brand, t]++;
        if (p.Other >= 0)
        {
            brandLabels[p.Other, t]++;
        }

        if (p.Brand == Company || p.Other == Company)
        {
            var localDay = (int)(DemoMentions.ZoneDay(p.Time) - DemoMentions.ZoneDay(calendar.WindowStart));
            brandPerDay[localDay]++;
            if (tone == DemoTone.Negative)
            {
                negativePerDay[localDay]++;
            }
        }

        if (isRumour)
        {
            rumourMentions++;
        }

        if (p.Time >= start && p.Time < end)
        {
            windowMentions++;
            windowNegative += tone == DemoTone.Negative ? 1 : 0;
        }
    }

    /// <summary>
    /// The rumour's tone: before the company's response 88% negative, 10% neutral (questions, news); after it the negative
    /// share falls from 85% to 45% over 150 hours while belief in the test reports grows from 3% to 33%.
    /// </summary>
    private DemoTone RumourTone(double hour)
    {
        double negative, positive;
        if (hour < DemoMentions.ResponseHours)
        {
            (negative, positive) = (0.88, 0.02);
        }
        else
        {
            var f = Math.Min(1.0, (hour - DemoMentions.ResponseHours) / 150.0);
            (negative, positive) = (0.85 - (0.40 * f), 0.03 + (0.30 * f));
        }

        return ToneOf(negative, positive);
    }

    /// <summary>
    /// An ordinary mention's tone. The company: 52% positive, 15% negative on ordinary days; 62% and 10% on campaign days;
    /// 30% and 40% while the rumour runs; 45% and 22% in the rest of the crisis month and the month after. Competitors:
    /// 50% and 17%. The rest is neutral.
    /// </summary>
    private DemoTone Tone(int brand, long time)
    {
        if (brand != Company)
        {
            return ToneOf(0.17, 0.50);
        }

        var month = calendar.MonthOf(time);
        var day = (int)((time - calendar.WindowStart) / DemoCalendar.SecondsPerDay);
        return time >= start && time < end ? ToneOf(0.40, 0.30)
            : month is DemoCalendar.CrisisMonthIndex or DemoCalendar.CrisisMonthIndex + 1 ? ToneOf(0.22, 0.45)
            : Occasion(day) != DemoOccasion.None ? ToneOf(0.10, 0.62)
            : ToneOf(0.15, 0.52);
    }

    private DemoTone ToneOf(double negative, double positive)
    {
        var u = rng.NextDouble();
        return u < negative ? DemoTone.Negative : u < negative + positive ? DemoTone.Positive : DemoTone.Neutral;
    }

    /// <summary>What the company's mentions of a day talk about: the festival, the launch, the relaunch, the fair or the live stream running.</summary>
    private DemoOccasion Occasion(int day)
    {
        var found = DemoOccasion.None;
        foreach (var s in calendar.SlotsOn(day))
        {
            var code = calendar.Slots[s].Campaign ?? "";
            var occasion = code.StartsWith("618-promo", StringComparison.Ordinal) ? DemoOccasion.Festival618
                : code.StartsWith("double11-promo", StringComparison.Ordinal) ? DemoOccasion.Double11
                : code == "bp-monitor-x3-launch" ? DemoOccasion.Launch
                : code == "oximeter-o2-launch" ? DemoOccasion.Relaunch
                : code.StartsWith("cmef-", StringComparison.Ordinal) ? DemoOccasion.Exhibition
                : code.StartsWith("live-", StringComparison.Ordinal) ? DemoOccasion.Live
                : DemoOccasion.None;
            if (occasion != DemoOccasion.None && (found == DemoOccasion.None || occasion < found))
            {
                found = occasion;
            }
        }

        return found;
    }

    private static double CompetitorWeight(DateOnly date)
    {
        var md = (date.Month * 100) + date.Day;
        var festival = md is >= 601 and <= 618 || md is >= 1020 and <= 1111;
        return Weekday[(int)date.DayOfWeek] * (festival ? 1.2 : 1.0);
    }

    private int OtherBrand(int brand)
    {
        // The company is compared with a competitor by their shares; a competitor with the company half the time.
        if (brand != Company && rng.Chance(0.5))
        {
            return Company;
        }

        var total = 0.0;
        for (var b = 1; b < brands.Length; b++)
        {
            total += b == brand ? 0 : brands[b].Share;
        }

        var u = rng.NextDouble() * total;
        for (var b = 1; b < brands.Length; b++)
        {
            if (b == brand)
            {
                continue;
            }

            u -= brands[b].Share;
            if (u < 0)
            {
                return b;
            }
        }

        return brand == brands.Length - 1 ? 1 : brands.Length - 1;
    }

    private DemoProduct Product(DemoBrandSpec brand)
    {
        var u = rng.NextDouble() * brand.Products.Sum(p => p.Weight);
        foreach (var p in brand.Products)
        {
            u -= p.Weight;
            if (u < 0)
            {
                return p;
            }
        }

        return brand.Products[^1];
    }

    private MentionSource Draw((MentionSource Source, double Share)[] table)
    {
        var u = rng.NextDouble() * table.Sum(t => t.Share);
        foreach (var (source, share) in table)
        {
            u -= share;
            if (u < 0)
            {
                return source;
            }
        }

        return table[^1].Source;
    }

    /// <summary>
    /// Who wrote it and how far it went. Followers are Pareto-tailed (α 1.15 from 80: most accounts have a few hundred, a
    /// few have millions); news outlets have 0.2 to 5 million; shop reviewers are anonymous. Reach is 5–40% of followers
    /// (three times that for rumour posts), likes about 3% of reach, comments and shares a share of likes (rumour posts are
    /// shared six times as much), each geometric around its mean.
    /// </summary>
    private (string? Author, long? Followers, long? Reach, long? Likes, long? Comments, long? Shares, string Url) Audience(
        MentionSource source, bool chinese, bool rumour)
    {
        string? author;
        long? followers;
        switch (source)
        {
            case MentionSource.News:
                author = DemoMentionTexts.Pick(rng, chinese ? ZhOutlets : EnOutlets);
                followers = (long)(200_000 * Math.Pow(25, rng.NextDouble()));
                break;
            case MentionSource.ReviewSite:
                author = chinese ? "买家" + Base62[rng.Next(36)] + "***" + rng.Next(10).ToString(Inv) : "Verified buyer";
                followers = null;
                break;
            default:
                author = chinese ? ZhHandle() : EnHandle();
                followers = (long)Math.Min(20_000_000, 80 / Math.Pow(1 - rng.NextDouble(), 1 / 1.15));
                break;
        }

        long? reach = null, comments = null, shares = null;
        long likes;
        if (followers is { } f)
        {
            var share = source == MentionSource.News ? 0.02 + (0.08 * rng.NextDouble()) : 0.05 + (0.35 * rng.NextDouble());
            reach = (long)(f * share * (rumour ? 3 : 1)) + rng.Geometric(40);
            likes = rng.Geometric(reach.Value * 0.03);
            comments = rng.Geometric(likes * 0.12);
            shares = rng.Geometric(likes * 0.06 * (rumour ? 6 : 1));
        }
        else
        {
            likes = rng.Geometric(1.5);
        }

        return (author, followers, reach, likes, comments, shares, Url(source, chinese, author));
    }

    private string ZhHandle()
    {
        var handle = DemoMentionTexts.Pick(rng, ZhPrefix) + DemoMentionTexts.Pick(rng, ZhCore) + DemoMentionTexts.Pick(rng, ZhSuffix);
        return rng.Chance(0.4) ? handle + (1980 + rng.Next(45)).ToString(Inv) : handle;
    }

    private string EnHandle() =>
        DemoMentionTexts.Pick(rng, EnFirst) + (rng.Chance(0.5) ? "_" : ".") + DemoMentionTexts.Pick(rng, EnWord) + rng.Next(100).ToString(Inv);

    private string Url(MentionSource source, bool chinese, string? author)
    {
        var n = sequence.ToString(Inv);
        return source switch
        {
            MentionSource.Weibo => "https://weibo.com/" + Digits(10) + "/" + Code(9),
            MentionSource.Wechat => "https://mp.weixin.qq.com/s/" + Code(22),
            MentionSource.Douyin => "https://www.douyin.com/video/7" + Digits(18),
            MentionSource.Xiaohongshu => "https://www.xiaohongshu.com/explore/" + Hex(24),
            MentionSource.Zhihu => "https://www.zhihu.com/question/" + Digits(9) + "/answer/" + Digits(10),
            MentionSource.Bilibili => "https://www.bilibili.com/video/BV1" + Code(9),
            MentionSource.News => chinese ? "https://news.example.cn/health/" + Digits(8) + "/" + n + ".html" : "https://news.example.com/health/" + n,
            MentionSource.Forum => "https://bbs.example.cn/thread-" + Digits(7) + "-1-1.html",
            MentionSource.ReviewSite => chinese ? "https://review.example.cn/r/" + n : "https://reviews.example.com/r/" + n,
            MentionSource.Twitter => "https://x.com/" + author + "/status/1" + Digits(18),
            MentionSource.Facebook => "https://www.facebook.com/" + author + "/posts/" + Digits(16),
            MentionSource.Instagram => "https://www.instagram.com/p/" + Code(11) + "/",
            _ => "https://example.com/" + n,
        };
    }

    private string Digits(int count) => Chars("0123456789", count);

    private string Hex(int count) => Chars("0123456789abcdef", count);

    private string Code(int count) => Chars(Base62, count);

    private string Chars(string alphabet, int count)
    {
        Span<char> chars = stackalloc char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = alphabet[rng.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>A Poisson count (Knuth's product of uniforms below a mean of 30, the normal approximation above).</summary>
    private int Poisson(double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean < 30)
        {
            var limit = Math.Exp(-mean);
            var k = 0;
            var product = rng.NextDouble();
            while (product > limit)
            {
                k++;
                product *= rng.NextDouble();
            }

            return k;
        }

        var z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        return Math.Max(0, (int)Math.Round(mean + (z * Math.Sqrt(mean)), MidpointRounding.AwayFromZero));
    }

    private DemoListeningTruth Truth(int peakHour)
    {
        static DemoCountTruth Count(string key, long count) => new(key, count);
        var brandTruth = brands.Select((b, i) => new DemoBrandTruth(b.Term, i == Company ? WatchKind.Brand : WatchKind.Competitor,
            brandLabels[i, 0] + brandLabels[i, 1] + brandLabels[i, 2], brandLabels[i, 0], brandLabels[i, 1], brandLabels[i, 2])).ToList();
        var rumour = new DemoRumourTruth("nebulizer-n2", DateTimeOffset.FromUnixTimeSeconds(start),
            DateTimeOffset.FromUnixTimeSeconds(start + (peakHour * 3600L)), DateTimeOffset.FromUnixTimeSeconds(start + (DemoMentions.ResponseHours * 3600L)),
            DateTimeOffset.FromUnixTimeSeconds(end), ["weibo", "douyin", "xiaohongshu"], DemoMentions.PeakFactor, rumourMentions, windowMentions,
            windowNegative);
        return new DemoListeningTruth(
            DemoMentions.DayZone,
            DemoMentions.WatchList.Terms,
            sequence,
            rumour,
            [Count("positive", labels[0]), Count("negative", labels[1]), Count("neutral", labels[2])],
            [Count("zh", languages[0]), Count("en", languages[1])],
            [.. Enum.GetValues<MentionSource>().Select(s => Count(EnumWords.Word(s), sources[(int)s]))],
            brandTruth,
            calendar.DateOf(0),
            brandPerDay,
            negativePerDay,
            trueLabels.ToString());
    }
}
