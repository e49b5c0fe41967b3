using System.Globalization;
using System.Text;

namespace Mercato.Core.Demo;

/// <summary>The true tone of a generated mention, known by construction.</summary>
internal enum DemoTone
{
    Positive,
    Negative,
    Neutral,
}

/// <summary>A device category; a clause names the categories it fits.</summary>
[Flags]
internal enum DemoDevice
{
    Nebulizer = 1,
    BpMonitor = 2,
    Oximeter = 4,
    Ecg = 8,
    Ring = 16,
    Measuring = BpMonitor | Oximeter | Ecg | Ring,
    Any = Nebulizer | Measuring,
}

/// <summary>One device a brand sells: its category, its Chinese and English names, a model code (or empty) and its price.</summary>
internal sealed record DemoProduct(DemoDevice Device, string Chinese, string English, string Model, int Price, double Weight);

/// <summary>A brand of the demo's market: the company or a competitor, with its names and devices.</summary>
internal sealed record DemoBrandSpec(string Term, string[] Chinese, string English, double Share, DemoProduct[] Products);

/// <summary>What a mention is about when its text is written.</summary>
internal enum DemoOccasion
{
    None,
    Launch,
    Festival618,
    Double11,
    Exhibition,
    Relaunch,
    Live,
}

/// <summary>
/// The texts of the demo's mentions, written from templates whose tone a human reader would give them: a positive
/// template praises (degree adverbs, emoji and slang that agree with it, a negated complaint such as 噪音不大 or "not loud
/// at all"), a negative one complains, an adversative sentence (但是 / 不过 / "but") takes the tone of its stronger second
/// clause, and a neutral one asks, states a price or reports news. Comparisons give both brands the same tone.
/// </summary>
internal static class DemoMentionTexts
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly string[] ZhDegree = ["很", "非常", "特别", "超", "挺", "真的很", "蛮"];

    private static readonly string[] EnDegree = ["really", "very", "super", "pretty", "extremely"];

    private sealed record Clause(string Text, DemoDevice Devices);

    private static Clause C(string text, DemoDevice devices = DemoDevice.Any) => new(text, devices);

    private static readonly Clause[] ZhPositive =
    [
        C("测得{d}准，和医院的结果差不多", DemoDevice.Measuring),
        C("数据{d}稳定，每次测都差不多", DemoDevice.Measuring),
        C("雾化效果{d}好，孩子咳嗽好多了", DemoDevice.Nebulizer),
        C("出雾{d}细腻，宝宝也愿意配合", DemoDevice.Nebulizer),
        C("噪音{d}小，晚上用也不吵", DemoDevice.Nebulizer),
        C("声音一点也不吵，孩子睡着了都能做", DemoDevice.Nebulizer),
        C("噪音不大，比医院那台安静多了", DemoDevice.Nebulizer),
        C("续航{d}给力，充一次电能用半个月", DemoDevice.Measuring),
        C("电池{d}耐用", DemoDevice.Measuring),
        C("效果{d}不错"),
        C("操作{d}简单，老人自己就会用"),
        C("用起来{d}方便"),
        C("做工{d}扎实，拿在手里很有质感"),
        C("性价比{d}高"),
        C("价格{d}实惠"),
        C("价格并不贵，这个价位很值"),
        C("客服{d}耐心，问什么都认真回答"),
        C("售后{d}靠谱，换货一点也不麻烦"),
        C("客服回复{d}及时"),
        C("物流{d}快，第二天就到了"),
        C("发货{d}快，包装也完好"),
        C("包装{d}严实，没有一点磕碰"),
        C("包装{d}精致，送人也体面"),
        C("连手机app{d}顺畅，数据自动同步", DemoDevice.Measuring),
    ];

    private static readonly Clause[] ZhNegative =
    [
        C("测得{d}不准，和医院差了二十多", DemoDevice.Measuring),
        C("数据忽高忽低，根本不敢信", DemoDevice.Measuring),
        C("用了一周一点效果都没有", DemoDevice.Nebulizer),
        C("出雾{d}慢，做一次要半个多小时", DemoDevice.Nebulizer),
        C("噪音{d}大，孩子一听就哭", DemoDevice.Nebulizer),
        C("声音吵得不行，晚上根本没法用", DemoDevice.Nebulizer),
        C("续航{d}差，两天就没电了", DemoDevice.Measuring),
        C("电池不耐用，充满也撑不了几天", DemoDevice.Measuring),
        C("效果不太好"),
        C("没有想象中好用"),
        C("用了两次就坏了"),
        C("做工{d}粗糙，按键都松了"),
        C("价格太贵了，不值这个价"),
        C("性价比不高"),
        C("比别家贵了快一百，不值"),
        C("客服态度{d}差"),
        C("客服一直不回复，售后推来推去"),
        C("申请售后拖了半个月都没人处理"),
        C("物流{d}慢，等了一个星期"),
        C("快递暴力运输，盒子都压扁了"),
        C("包装{d}简陋，连说明书都没有"),
        C("收到的时候包装是破的"),
        C("app老是连不上，数据也不同步", DemoDevice.Measuring),
    ];

    // Mild clauses that open an adversative sentence whose second clause, of the opposite tone, decides it.
    private static readonly string[] ZhMildNegative = ["价格有点贵", "外观一般", "说明书写得不太清楚", "物流慢了点", "刚开始不太会用", "盒子有点简陋"];

    private static readonly string[] ZhMildPositive = ["外观还挺好看的", "价格倒是便宜", "物流挺快", "包装还可以", "刚开始用着还行"];

    private static readonly string[] ZhPositiveAdversative = ["但是", "不过"];

    private static readonly string[] ZhNegativeAdversative = ["但是", "不过", "可惜"];

    private static readonly string[] ZhOpeners =
        ["", "", "", "入手了", "买了", "给爸妈买了", "用了一个月", "刚收到", "家里一直用", "朋友推荐买了", "上周下单的"];

    private static readonly string[] ZhPositiveClosers =
        ["", "", "，推荐！", "，好评", "，yyds", "，真香", "，已经回购了", "，值得入手", "，绝绝子", "，给个五星"];

    private static readonly string[] ZhNegativeClosers =
        ["", "", "，不推荐", "，避雷", "，后悔买了", "，差评", "，大家别踩雷", "，无语", "，劝退"];

    private static readonly string[] ZhPositiveEmoji = ["👍", "😊", "🥰", "❤️", "💯", "👏"];

    private static readonly string[] ZhNegativeEmoji = ["😡", "🙄", "😤", "👎", "💔", "😓"];

    private static readonly string[] ZhNeutralEmoji = ["🤔", "", "", ""];

    private static readonly string[] ZhQuestionAspects =
        ["", "噪音大不大？", "测得准吗？", "续航怎么样？", "值得买吗？", "售后怎么样？", "老人用方便吗？", "和医院的比差多少？"];

    private static readonly Clause[] EnPositive =
    [
        C("works great"),
        C("is {d} accurate, it matches my doctor's readings", DemoDevice.Measuring),
        C("gives {d} consistent readings", DemoDevice.Measuring),
        C("is {d} quiet, my kid sleeps right through it", DemoDevice.Nebulizer),
        C("is not loud at all", DemoDevice.Nebulizer),
        C("really helped my son's cough", DemoDevice.Nebulizer),
        C("is {d} easy to use, even my mom figured it out"),
        C("was a great deal for the price"),
        C("is {d} well made"),
        C("has a battery that lasts for weeks", DemoDevice.Measuring),
        C("syncs with the app perfectly", DemoDevice.Measuring),
        C("is not bad at all, honestly impressed"),
        C("does exactly what I need and I love it"),
    ];

    private static readonly Clause[] EnNegative =
    [
        C("stopped working after a week"),
        C("gives readings that are way off compared to the clinic", DemoDevice.Measuring),
        C("is not accurate at all", DemoDevice.Measuring),
        C("shows a different number every time, useless", DemoDevice.Measuring),
        C("is so loud my kid refuses to use it", DemoDevice.Nebulizer),
        C("did nothing for my son's cough", DemoDevice.Nebulizer),
        C("has a battery that dies in two days", DemoDevice.Measuring),
        C("is overpriced for what it does"),
        C("is not worth the money"),
        C("feels cheap and flimsy"),
        C("keeps disconnecting from the app", DemoDevice.Measuring),
        C("is honestly disappointing"),
        C("broke after the second use"),
    ];

    private static readonly string[] EnPositiveExtras =
        ["Customer service was {d} helpful.", "Shipping was {d} fast.", "The packaging was {d} nice.", "Setup took two minutes.", "Great value."];

    private static readonly string[] EnNegativeExtras =
        ["Customer service never replied.", "Shipping took forever.", "The box arrived damaged.", "The manual is useless.", "Support was rude."];

    private static readonly string[] EnMildPositive = ["looks nice", "was cheap", "arrived quickly", "is easy to set up"];

    private static readonly string[] EnMildNegative = ["is a bit pricey", "took a while to arrive", "has a confusing manual", "is a little bulky"];

    private static readonly string[] EnOpeners =
        ["", "", "", "Bought this for my dad. ", "Honest review: ", "Been using it for a month. ", "Update after two weeks: ", "Got it on sale. "];

    private static readonly string[] EnPositiveClosers = ["", "", " Highly recommend!", " Love it.", " Worth every penny.", " Would buy again."];

    private static readonly string[] EnNegativeClosers = ["", "", " Do not recommend.", " Returning it.", " Save your money.", " Very disappointed."];

    private static readonly string[] EnPositiveEmoji = ["", "", " 👍", " 😍", " ❤️"];

    private static readonly string[] EnNegativeEmoji = ["", "", " 😡", " 👎", " 🙄"];

    // The rumour: claims, reactions and openers that combine into negative posts, neutral questions and news, and, after
    // the company's response, posts that believe it.
    private static readonly string[] RumourOpeners = ["", "", "听说", "#康宁雾化器召回# ", "曝光！", "转发扩散：", "刚刷到，", "家长们注意："];

    private static readonly string[] RumourClaims =
        ["康宁雾化器要召回了", "康宁雾化器被曝有安全隐患", "康宁的雾化器据说有副作用", "康宁雾化器出了质量问题，要召回", "康宁医疗的雾化器被人曝光用了会过敏"];

    private static readonly string[] RumourReactions =
    [
        "，吓死了😱", "，孩子刚用了两个月，越想越后怕", "，已经申请退款了", "，客服电话一直打不通😡", "，必须投诉！",
        "，以后还敢买吗", "，出了事还不出来说明，太不负责了", "，家里有的赶紧停用吧", "，我要维权", "，太失望了💔",
    ];

    private static readonly string[] RumourNeutral =
    [
        "康宁雾化器召回是真的吗？有没有知道的", "#康宁雾化器召回# 有官方消息吗？", "网传康宁雾化器召回，记者已联系康宁医疗求证",
        "关于康宁雾化器召回传闻，市场监管部门表示正在核实", "康宁雾化器召回的事，有没有懂行的说说", "康宁医疗回应雾化器召回传闻：相关产品检测合格，未发布召回通知",
        "康宁医疗发布声明，称雾化器召回消息不实，并公布第三方检测报告",
    ];

    private static readonly string[] RumourPositive =
    [
        "康宁官方检测报告出来了，雾化器没有问题，大家别信谣👍", "康宁这次回应很快，态度也诚恳，雾化器继续用", "看了康宁的检测报告放心了，召回是谣言",
        "支持康宁！雾化器用了两年一直很好", "康宁雾化器召回原来是谣言，白担心了，还好没退款😊",
    ];

    private static readonly string[] RumourEnglish =
    [
        "Reports say Kangning is recalling its nebulizer over side effects. Scary, we stopped using ours.",
        "Kangning nebulizer recall? My kid used it for months. Asking for a refund.",
        "Filed a complaint with Kangning about the nebulizer and got no answer. Terrible.",
        "Worried about the Kangning nebulizer recall posts. Awful way to find out.",
    ];

    private static readonly string[] RumourEnglishNeutral =
    [
        "Is the Kangning nebulizer recall real? Any official statement?",
        "Kangning Medical says there is no recall of its nebulizer and has published test reports.",
    ];

    private static readonly string[] RumourEnglishPositive =
    [
        "Kangning published the test reports and the nebulizer is safe. Glad they responded so fast.",
        "Relieved: the Kangning nebulizer recall was a hoax. Great response from the company.",
    ];

    /// <summary>A Chinese or English reference to a brand's device: 康宁的雾化器, Kangning's X3 BP monitor.</summary>
    public static string Reference(DemoRandom rng, DemoBrandSpec brand, DemoProduct product, bool chinese, bool mine = true)
    {
        if (chinese)
        {
            var name = Pick(rng, brand.Chinese);
            return rng.Next(4) switch
            {
                0 => name + "的" + product.Chinese,
                1 when product.Model.Length > 0 => name + product.Model + product.Chinese,
                2 => name + "家的" + product.Chinese,
                _ => name + product.Chinese,
            };
        }

        return rng.Next(4) switch
        {
            0 => "the " + brand.English + " " + product.English,
            1 when product.Model.Length > 0 => brand.English + "'s " + product.Model + " " + product.English,
            2 => (mine ? "my " : "the ") + brand.English + " " + product.English,
            _ => brand.English + "'s " + product.English,
        };
    }

    /// <summary>An opinion or a question about one brand's device (a second brand makes it a comparison).</summary>
    public static string Opinion(DemoRandom rng, DemoTone tone, bool chinese, DemoBrandSpec brand, DemoBrandSpec? other, DemoProduct product,
        DemoOccasion occasion)
    {
        var reference = Reference(rng, brand, product, chinese, mine: other is null && tone != DemoTone.Neutral);
        if (other is not null)
        {
            var second = Reference(rng, other, other.Products.FirstOrDefault(p => p.Device == product.Device) ?? other.Products[0], chinese, mine: false);
            return chinese ? ZhComparison(rng, tone, reference, second, product) : EnComparison(rng, tone, reference, second, product);
        }

        return chinese ? Zh(rng, tone, brand, reference, product, occasion) : En(rng, tone, brand, reference, product, occasion);
    }

    /// <summary>A post of the recall rumour: before the company's response mostly alarm, after it more and more belief in the test reports.</summary>
    public static string Rumour(DemoRandom rng, DemoTone tone, bool chinese)
    {
        if (!chinese)
        {
            return tone switch
            {
                DemoTone.Negative => Pick(rng, RumourEnglish),
                DemoTone.Neutral => Pick(rng, RumourEnglishNeutral),
                _ => Pick(rng, RumourEnglishPositive),
            };
        }

        return tone switch
        {
            DemoTone.Negative => Pick(rng, RumourOpeners) + Pick(rng, RumourClaims) + Pick(rng, RumourReactions),
            DemoTone.Neutral => Pick(rng, RumourNeutral),
            _ => Pick(rng, RumourPositive),
        };
    }

    private static string Zh(DemoRandom rng, DemoTone tone, DemoBrandSpec brand, string reference, DemoProduct product, DemoOccasion occasion)
    {
        if (tone == DemoTone.Neutral)
        {
            return ZhNeutral(rng, brand, reference, product, occasion);
        }

        var positive = tone == DemoTone.Positive;
        var pool = positive ? ZhPositive : ZhNegative;
        var text = new StringBuilder();
        text.Append(ZhOpening(rng, reference, occasion, positive, product));
        if (rng.Chance(0.25))
        {
            // Adversative: a mild clause of the other tone, then the clause that decides it.
            text.Append('，').Append(Pick(rng, positive ? ZhMildNegative : ZhMildPositive))
                .Append('，').Append(Pick(rng, positive ? ZhPositiveAdversative : ZhNegativeAdversative))
                .Append(Fill(rng, Fit(rng, pool, product.Device).Text, ZhDegree));
        }
        else
        {
            var first = Fit(rng, pool, product.Device);
            text.Append('，').Append(Fill(rng, first.Text, ZhDegree));
            if (rng.Chance(0.4))
            {
                var second = Fit(rng, pool, product.Device);
                if (!ReferenceEquals(second, first))
                {
                    text.Append("，而且").Append(Fill(rng, second.Text, ZhDegree));
                }
            }
        }

        text.Append(Pick(rng, positive ? ZhPositiveClosers : ZhNegativeClosers));
        if (rng.Chance(0.5))
        {
            text.Append(Pick(rng, positive ? ZhPositiveEmoji : ZhNegativeEmoji));
        }

        return text.ToString();
    }

    private static string ZhOpening(DemoRandom rng, string reference, DemoOccasion occasion, bool positive, DemoProduct product)
    {
        if (positive && rng.Chance(0.6))
        {
            var price = Price(product.Price, 0.85);
            switch (occasion)
            {
                case DemoOccasion.Festival618:
                    return rng.Chance(0.5) ? "618入手" + reference + "，" + price + "元" + Pick(rng, ZhDegree) + "划算" : "618囤了" + reference;
                case DemoOccasion.Double11:
                    return rng.Chance(0.5) ? "双十一抢到了" + reference : "双11的" + reference + "到了";
                case DemoOccasion.Launch when product.Device == DemoDevice.BpMonitor:
                    return "康宁新出的X3血压计到手了";
                case DemoOccasion.Relaunch when product.Device == DemoDevice.Oximeter:
                    return "康宁新款O2血氧仪到手了";
                case DemoOccasion.Live:
                    return "在康宁直播间下单了" + reference + "，主播讲得" + Pick(rng, ZhDegree) + "专业";
                case DemoOccasion.Exhibition:
                    return "在CMEF展会上试了" + reference;
            }
        }

        var opener = Pick(rng, ZhOpeners);
        return opener + reference;
    }

    private static string ZhNeutral(DemoRandom rng, DemoBrandSpec brand, string reference, DemoProduct product, DemoOccasion occasion)
    {
        var name = brand.Chinese[0];
        var text = (occasion, rng.Next(10)) switch
        {
            (DemoOccasion.Festival618, < 4) => "618" + reference + "活动价" + Price(product.Price, 0.85) + "元，满300减30",
            (DemoOccasion.Double11, < 4) => "双11" + reference + "预售价" + Price(product.Price, 0.8) + "元，付定金立减50",
            (DemoOccasion.Launch, < 3) when brand.Term == "Kangning" => "康宁医疗发布新款X3血压计，售价599元，支持手机app同步",
            (DemoOccasion.Relaunch, < 3) when brand.Term == "Kangning" => "康宁医疗推出新款O2血氧仪，本月上市",
            (DemoOccasion.Exhibition, < 4) => name + "医疗亮相CMEF医博会，展出多款家用" + product.Chinese,
            (_, 0) => "有人用过" + reference + "吗？" + Pick(rng, ZhQuestionAspects),
            (_, 1) => reference + "多少钱？",
            (_, 2) => reference + "旗舰店现在" + Price(product.Price, 1.0) + "元",
            (_, 3) => "求问" + reference + "怎么连手机app",
            (_, 4) => "今天下单了" + reference + "，等收货",
            (_, 5) => reference + "到了，还没开始用",
            (_, 6) => reference + "怎么校准？说明书没看懂",
            (_, 7) => "据报道，今年家用医疗器械线上销量持续增长，" + name + "等品牌的" + product.Chinese + "销量靠前",
            (_, 8) => "想给家里老人买个" + product.Chinese + "，" + reference + "适合吗？",
            _ => reference + "今天降价到" + Price(product.Price, 0.9) + "元",
        };
        return text + (rng.Chance(0.3) ? Pick(rng, ["，蹲一个测评", "，码住", "，求解答"]) : "") + Pick(rng, ZhNeutralEmoji);
    }

    private static string ZhComparison(DemoRandom rng, DemoTone tone, string a, string b, DemoProduct product)
    {
        var degree = Pick(rng, ZhDegree);
        return tone switch
        {
            DemoTone.Positive => rng.Next(3) switch
            {
                0 => a + "和" + b + "都用过，两个都" + degree + "好用👍",
                1 when (product.Device & DemoDevice.Measuring) != 0 => "家里" + a + "和" + b + "都有，测得都" + degree + "准，放心",
                _ => "对比了" + a + "和" + b + "，都" + degree + "满意，选哪个都不会错",
            },
            DemoTone.Negative => rng.Next(3) switch
            {
                0 => a + "和" + b + "都买过，都不好用，失望",
                1 when (product.Device & DemoDevice.Measuring) != 0 => a + "和" + b + "测得都不准，差了一大截😤",
                _ => "先后买了" + a + "和" + b + "，两个都用了不到一个月就坏了，避雷",
            },
            _ => rng.Next(4) switch
            {
                0 => a + "和" + b + "哪个好？求推荐",
                1 => "纠结" + a + "还是" + b + "，有没有用过的",
                2 => "对比了一下" + a + "和" + b + "的参数，价格差不多",
                _ => a + "和" + b + "有什么区别？🤔",
            },
        };
    }

    private static string En(DemoRandom rng, DemoTone tone, DemoBrandSpec brand, string reference, DemoProduct product, DemoOccasion occasion)
    {
        if (tone == DemoTone.Neutral)
        {
            return EnNeutral(rng, brand, reference, product, occasion);
        }

        var positive = tone == DemoTone.Positive;
        var pool = positive ? EnPositive : EnNegative;
        var text = new StringBuilder();
        var opener = Pick(rng, EnOpeners);
        if (positive && occasion is DemoOccasion.Festival618 or DemoOccasion.Double11 && rng.Chance(0.4))
        {
            opener = "Grabbed it in the " + (occasion == DemoOccasion.Double11 ? "Singles' Day" : "618") + " sale. ";
        }

        text.Append(opener);
        var subject = Cap(reference);
        if (rng.Chance(0.25))
        {
            text.Append(subject).Append(' ').Append(Pick(rng, positive ? EnMildNegative : EnMildPositive)).Append(", but it ")
                .Append(Fill(rng, Fit(rng, pool, product.Device).Text, EnDegree)).Append('.');
        }
        else
        {
            text.Append(subject).Append(' ').Append(Fill(rng, Fit(rng, pool, product.Device).Text, EnDegree)).Append('.');
            if (rng.Chance(0.35))
            {
                text.Append(' ').Append(Fill(rng, Pick(rng, positive ? EnPositiveExtras : EnNegativeExtras), EnDegree));
            }
        }

        text.Append(Pick(rng, positive ? EnPositiveClosers : EnNegativeClosers));
        text.Append(Pick(rng, positive ? EnPositiveEmoji : EnNegativeEmoji));
        return text.ToString();
    }

    private static string EnNeutral(DemoRandom rng, DemoBrandSpec brand, string reference, DemoProduct product, DemoOccasion occasion) =>
        (occasion, rng.Next(9)) switch
        {
            (DemoOccasion.Launch, < 3) when brand.Term == "Kangning" => "Kangning Medical launched the X3 blood pressure monitor today, priced at 599 yuan.",
            (DemoOccasion.Exhibition, < 3) => brand.English + " is showing its home care devices at CMEF this week.",
            (DemoOccasion.Double11, < 3) => Cap(reference) + " is " + Price(product.Price, 0.8) + " yuan for Singles' Day.",
            (_, 0) => "Has anyone tried " + reference + "? How long does the battery last?",
            (_, 1) => "How much is " + reference + " right now?",
            (_, 2) => "Does " + reference + " connect to the app on Android?",
            (_, 3) => "Ordered " + reference + " today, will report back.",
            (_, 4) => Cap(reference) + " is " + Price(product.Price, 1.0) + " yuan on the official store this week.",
            (_, 5) => "Looking for a " + product.English + " for my parents. Is " + reference + " an option?",
            (_, 6) => "Where can I download the manual for " + reference + "?",
            (_, 7) => "Is " + reference + " any good?",
            _ => brand.English + " Medical posted its quarterly update on home care devices.",
        };

    private static string EnComparison(DemoRandom rng, DemoTone tone, string a, string b, DemoProduct product) => tone switch
    {
        DemoTone.Positive => rng.Next(2) == 0
            ? "Tried both " + a + " and " + b + ", both are great."
            : "We have " + a + " and " + b + " at home and I like them both.",
        DemoTone.Negative => (product.Device & DemoDevice.Measuring) != 0 && rng.Next(2) == 0
            ? "Both " + a + " and " + b + " give wrong readings. Disappointed."
            : "Returned both " + a + " and " + b + ", neither one worked properly.",
        _ => rng.Next(3) switch
        {
            0 => Cap(a) + " or " + b + "? Trying to decide.",
            1 => "What is the difference between " + a + " and " + b + "?",
            _ => "Comparing " + a + " and " + b + " before ordering one.",
        },
    };

    private static Clause Fit(DemoRandom rng, Clause[] pool, DemoDevice device)
    {
        while (true)
        {
            var c = pool[rng.Next(pool.Length)];
            if ((c.Devices & device) != 0)
            {
                return c;
            }
        }
    }

    private static string Fill(DemoRandom rng, string template, string[] degrees) =>
        template.Contains("{d}", StringComparison.Ordinal) ? template.Replace("{d}", Pick(rng, degrees), StringComparison.Ordinal) : template;

    private static string Price(int price, double factor) => ((int)Math.Round(price * factor / 10.0, MidpointRounding.AwayFromZero) * 10 - 1).ToString(Inv);

    private static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    public static T Pick<T>(DemoRandom rng, T[] items) => items[rng.Next(items.Length)];
}
