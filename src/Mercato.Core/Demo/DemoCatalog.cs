using Mercato.Core.DataCenter;

namespace Mercato.Core.Demo;

/// <summary>The simulation parameters of one demo channel.</summary>
/// <param name="Name">The channel name written in every fact; <see cref="ChannelGroups.Guess"/> maps it to <paramref name="Group"/>.</param>
/// <param name="Group">The channel's group.</param>
/// <param name="Description">What the channel is at the demo company.</param>
/// <param name="Lift">The true per-touch lift p_c: the probability that one touch converts a journey on its own.</param>
/// <param name="CostPerTouch">Media spend billed per tracked touchpoint (0 for channels without media spend).</param>
/// <param name="Impression">Share of the channel's touchpoints that are impressions.</param>
/// <param name="Click">Share that are clicks.</param>
/// <param name="Visit">Share that are visits.</param>
/// <param name="Referral">Share that are referrals (carrying a staff referral code).</param>
/// <param name="CarriesIds">Whether the channel's source gives each touchpoint an id.</param>
internal sealed record DemoChannelSpec(
    string Name, ChannelGroup Group, string Description, double Lift, decimal CostPerTouch,
    double Impression, double Click, double Visit, double Referral, bool CarriesIds);

/// <summary>The demo company's channels, products and fixed parameters.</summary>
internal static class DemoCatalog
{
    public const int BaiduSem = 0;
    public const int DouyinAds = 1;
    public const int Kol = 2;
    public const int Livestream = 3;
    public const int WechatOfficial = 4;
    public const int Content = 5;
    public const int Email = 6;
    public const int AppStore = 7;
    public const int Exhibition = 8;
    public const int Pr = 9;
    public const int StaffReferral = 10;
    public const int Direct = 11;

    /// <summary>Base (organic) conversion probability of an acquisition journey.</summary>
    public const double AcquisitionBase = 0.012;

    /// <summary>Base (organic) conversion probability of a repeat journey of an existing customer.</summary>
    public const double RepeatBase = 0.10;

    /// <summary>Mean number of touchpoints of an acquisition journey (1 + a geometric count).</summary>
    public const double AcquisitionTouchesMean = 10.5;

    /// <summary>Mean number of touchpoints of a repeat journey.</summary>
    public const double RepeatTouchesMean = 4.0;

    /// <summary>Longest journey, first touch to last touch.</summary>
    public const int JourneySeconds = 30 * 86_400;

    /// <summary>Probability that a customer starts another journey after a purchase.</summary>
    public const double RepeatAfterPurchase = 0.6;

    /// <summary>Probability that a customer starts another journey after a repeat journey without a purchase.</summary>
    public const double RepeatAfterMiss = 0.35;

    /// <summary>Share of hospital (B2B) orders among conversions of a journey with an exhibition touch.</summary>
    public const double HospitalShareWithExhibition = 0.04;

    /// <summary>Share of hospital (B2B) orders among other acquisition conversions (repeat journeys: none).</summary>
    public const double HospitalShareAcquisition = 0.0005;

    /// <summary>Hospital orders are uniform over multiples of 100 from 20,000 (this many hundreds) ...</summary>
    public const int HospitalOrderMinHundreds = 200;

    /// <summary>... to 120,000 (this many hundreds).</summary>
    public const int HospitalOrderMaxHundreds = 1200;

    /// <summary>Mean hospital order: the mean of the uniform range above.</summary>
    public const double HospitalOrderMean = 70_000.0;

    /// <summary>Share of home-care orders with two units (a second device for a family member).</summary>
    public const double TwoUnitShare = 0.10;

    /// <summary>Product cost is uniform between 40% and 60% of revenue, so the expected gross margin is 50%.</summary>
    public const double ExpectedGrossMargin = 0.5;

    /// <summary>Share of users who sign up or install the app without buying.</summary>
    public const double NonBuyerSignupShare = 0.35;

    /// <summary>Number of staff with a personal referral code.</summary>
    public const int StaffCount = 240;

    /// <summary>Number of articles in the health content library at the end of the window.</summary>
    public const int ArticleCount = 600;

    /// <summary>Articles already published when the window opens; the rest are published during it.</summary>
    public const int BackCatalogueArticles = 360;

    public static IReadOnlyList<DemoChannelSpec> Channels { get; } =
    [
        new("baidu_sem", ChannelGroup.PaidSearch,
            "Baidu search ads on brand, product and symptom keywords (blood pressure, oximeter, nebulizer).",
            0.014, 2.60m, 0.15, 0.70, 0.15, 0, true),
        new("douyin_ads", ChannelGroup.SocialAds,
            "Douyin in-feed short-video ads for the home-care range.",
            0.0035, 1.45m, 0.75, 0.25, 0, 0, true),
        new("kol", ChannelGroup.Influencer,
            "Health influencers and doctors on Douyin and Xiaohongshu reviewing and demonstrating the devices.",
            0.009, 0.60m, 0.65, 0.35, 0, 0, true),
        new("livestream", ChannelGroup.LiveStream,
            "Weekly live-stream shopping sessions in the brand's live room, hosted by staff and product experts.",
            0.022, 0.90m, 0, 0.25, 0.75, 0, true),
        new("wechat_official", ChannelGroup.OwnedSocial,
            "The company's WeChat official account: health articles, product news and after-sales service.",
            0.006, 0.12m, 0.55, 0.30, 0.15, 0, true),
        new("content", ChannelGroup.Content,
            "The health-topic content program on the official site: articles on hypertension, respiratory care and sleep.",
            0.005, 0m, 0, 0, 1, 0, false),
        new("email", ChannelGroup.EmailCrm,
            "CRM email and newsletter to registered users and customers.",
            0.010, 0.03m, 0.60, 0.40, 0, 0, true),
        new("app_store", ChannelGroup.AppStore,
            "App-store search ads and store optimisation for the companion app that syncs device readings.",
            0.007, 1.30m, 0.70, 0.30, 0, 0, true),
        new("exhibition", ChannelGroup.OfflineEvent,
            "Medical trade exhibitions (CMEF spring and autumn) where the B2B team meets hospitals and distributors.",
            0.030, 0m, 0, 0, 1, 0, false),
        new("pr", ChannelGroup.PrEarned,
            "Press relations and earned media: launch coverage, exhibition news and crisis response.",
            0.004, 0m, 0.70, 0, 0.30, 0, false),
        new("staff_referral", ChannelGroup.Referral,
            "All-staff marketing: employees share personal referral codes (STAFF-001 to STAFF-240).",
            0.035, 0m, 0, 0, 0, 1, true),
        new("direct", ChannelGroup.Direct,
            "Direct visits to the online store and app: typed address, bookmarks, app opens.",
            0.0, 0m, 0, 0, 1, 0, false),
    ];

    /// <summary>The home-care range: price and share of orders.</summary>
    public static IReadOnlyList<(string Sku, decimal Price, double Share)> HomeCareProducts { get; } =
    [
        ("oximeter-o1", 199m, 0.22),
        ("bp-monitor-s1", 299m, 0.26),
        ("bp-monitor-x3", 599m, 0.20),
        ("nebulizer-n2", 399m, 0.18),
        ("home-ecg-e1", 1299m, 0.08),
        ("oximeter-ring-r1", 899m, 0.06),
    ];

    /// <summary>Expected revenue of a home-care order: Σ share × price × (1 + two-unit share).</summary>
    public static double HomeCareMean { get; } = ComputeHomeCareMean();

    /// <summary>Expected revenue of a converted journey given its mix.</summary>
    public static double ExpectedRevenue(double hospitalShare) =>
        (hospitalShare * HospitalOrderMean) + ((1.0 - hospitalShare) * HomeCareMean);

    private static double ComputeHomeCareMean()
    {
        var mean = 0.0;
        foreach (var (_, price, share) in HomeCareProducts)
        {
            mean += share * (double)price;
        }

        return mean * (1.0 + TwoUnitShare);
    }
}
