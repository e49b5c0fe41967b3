namespace Mercato.Core.Organization;

/// <summary>A KPI and the function it measures.</summary>
/// <param name="Kpi">The KPI's snake_case id.</param>
/// <param name="Function">The catalog function it belongs to.</param>
public sealed record KpiFunction(string Kpi, string Function);

/// <summary>
/// The function catalog: every function DOMAIN.md names for the marketing department's units (§2), the operations
/// department's modules (§3), the digital-era data center and technology (§6), and sales, which sits outside marketing (§1).
/// Ids are stable: stored structures, KPI definitions and templates refer to them.
/// </summary>
public static class OrgCatalog
{
    private const string Brand = "brand department";
    private const string Pr = "public relations department";
    private const string Planning = "marketing planning department";
    private const string NewMedia = "new media department";
    private const string Promotion = "online promotion department";
    private const string DataCenter = "data center";
    private const string Sales = "sales department";
    private const string Bd = "business development department";

    /// <summary>Every catalog function, grouped by area and unit in the order DOMAIN.md gives them.</summary>
    public static IReadOnlyList<OrgFunction> Functions { get; } =
    [
        // §2.1 Brand: strategic, company-wide; exports strategy that PR, planning and new media execute.
        F("brand_positioning", "Brand positioning", "Positioning, vision, mission, values and slogan of the company or brand.", FunctionArea.Marketing, Brand),
        F("advertising_creative", "Advertising creative", "Brand image, ad copy, key-visual posters, TV commercials and outdoor materials.", FunctionArea.Marketing, Brand),
        F("visual_identity", "Visual identity", "Logo, mascot and the VI system.", FunctionArea.Marketing, Brand),
        F("brand_architecture", "Brand architecture", "Single brand, master and sub-brands, multi-brand or hybrid.", FunctionArea.Marketing, Brand),

        // §2.2 Public relations: the company's official voice; exposure and credibility.
        F("pr_strategy", "PR strategy", "The company's official voice: what it says, when, and through whom.", FunctionArea.Marketing, Pr),
        F("media_relations", "Media relations", "Relationships with journalists and outlets; daily media management, often with an agency.", FunctionArea.Marketing, Pr),
        F("public_opinion_monitoring", "Public-opinion monitoring", "Watching and managing what is said about the company, with listening tools.", FunctionArea.Marketing, Pr),
        F("crisis_handling", "Crisis handling", "Answering a public-opinion crisis: statements, spokespeople, follow-up.", FunctionArea.Marketing, Pr),
        F("press_releases", "Press releases", "Writing and distributing press releases and articles.", FunctionArea.Marketing, Pr),
        F("interviews", "Interviews", "Arranging and preparing media interviews with spokespeople and the founder.", FunctionArea.Marketing, Pr),
        F("press_conferences", "Press conferences", "Organizing press conferences.", FunctionArea.Marketing, Pr),
        F("pr_products", "PR products", "Owned PR vehicles: company publications, white papers, reports, corporate videos.", FunctionArea.Marketing, Pr),
        F("government_relations", "Government relations", "Relations with government bodies and regulators.", FunctionArea.Marketing, Pr),

        // §2.3 Marketing planning (product marketing): the front-line command post for a product or an activity.
        F("product_positioning", "Product positioning", "Positioning analysis of a product: who it is for, against whom, and why.", FunctionArea.Marketing, Planning),
        F("selling_points", "Selling points", "Refining a product's selling points and the stories behind them.", FunctionArea.Marketing, Planning),
        F("product_communication", "Product communication strategy", "How a product or activity is communicated: messages, channels, timing.", FunctionArea.Marketing, Planning),
        F("user_insight", "User insight", "Research into users' needs, scenes and motives.", FunctionArea.Marketing, Planning),
        F("competitor_analysis", "Competitor analysis", "What competitors offer, say and spend, and where they are weak.", FunctionArea.Marketing, Planning),
        F("promotional_materials", "Promotional materials", "Brochures, sales kits, product pages and other materials for a product or activity.", FunctionArea.Marketing, Planning),
        F("event_planning", "Event planning", "Planning, materials and execution of product launches, brand launches and online and offline event marketing.", FunctionArea.Marketing, Planning),
        F("exhibitions", "Exhibitions and forums", "Trade exhibitions, investment fairs and industry forums: presence, booth, materials and follow-up.", FunctionArea.Marketing, Planning),

        // §2.4 New media (digital marketing): communication.
        F("media_matrix", "Media matrix", "Building the owned accounts: official site, Weibo, WeChat, Zhihu, Douyin/TikTok, Toutiao and others.", FunctionArea.Marketing, NewMedia),
        F("brand_communication", "Brand communication", "Creative copy, viral H5 pages and short videos that carry the brand.", FunctionArea.Marketing, NewMedia),
        F("interactive_marketing", "Interactive marketing", "Fan operation, forum interaction, online and offline activities with the audience.", FunctionArea.Marketing, NewMedia),
        F("media_buying", "Media buying", "Buying ad networks and social ads: reach, clicks and spend.", FunctionArea.Marketing, NewMedia),
        F("network_promotion", "Network promotion", "Q&A marketing and community seeding on third-party platforms.", FunctionArea.Marketing, NewMedia),
        F("influencer_marketing", "Influencer marketing", "Choosing, briefing and auditing influencers (KOLs): fit, transparent operations, real and engaged fans.", FunctionArea.Marketing, NewMedia),

        // §2.5 Online promotion: paid and organic acquisition.
        F("paid_acquisition", "Paid acquisition", "SEM, ad networks and app-store ads bought for users, judged by CPA, ROAS and ROI.", FunctionArea.Marketing, Promotion),
        F("seo", "SEO", "Organic search acquisition: placing information where customers search and ranking for it.", FunctionArea.Marketing, Promotion),

        // §3 The operations department's modules (and community operations, which DOMAIN.md names in §2.4 and §4).
        F("content_operations", "Content operations", "Production and consumption of content: positioning, planning, layout, push frequency, interaction.", FunctionArea.Operations, "operations department (content module)"),
        F("user_operations", "User operations", "Acquisition, retention, activity and word of mouth of the product's users.", FunctionArea.Operations, "operations department (user module)"),
        F("activity_operations", "Activity operations", "The activity lifecycle: planning, resources, publicity, effect evaluation, with schedule management.", FunctionArea.Operations, "operations department (activity module)"),
        F("product_operations", "Product operations", "Lifting product data through content, activities, iteration and partnerships.", FunctionArea.Operations, "operations department (product module)"),
        F("new_media_operations", "New-media operations", "Keeping the social accounts alive: content, follower interaction, events, partner resources.", FunctionArea.Operations, "operations department (new-media module)"),
        F("app_store_operations", "App-store operations", "Listing and releases, ASO, store relationships and store promotion slots.", FunctionArea.Operations, "operations department (app-store module)"),
        F("store_operations", "Store operations", "The online store: categories, hero products, listings, product pages, promotions, platform events, customer service.", FunctionArea.Operations, "operations department (e-commerce module)"),
        F("community_operations", "Community operations", "User communities and fan groups: forums, groups, moderation and word of mouth.", FunctionArea.Operations, "operations department (user module)"),
        F("live_commerce", "Live commerce", "Live-stream selling, from the CEO to store staff as hosts, and short-video commerce.", FunctionArea.Operations, "operations department (e-commerce module)"),

        // §6 The data center inside marketing, and its technology.
        F("data_platform", "Data platform", "One unified platform for marketing and operations data, first-party data first.", FunctionArea.Data, DataCenter),
        F("measurement_analytics", "Measurement and analytics", "Attribution, ROI, cohorts and reports that decide the next action and reallocate budget.", FunctionArea.Data, DataCenter),
        F("ad_monitoring", "Ad monitoring", "Verifying ad delivery: anomalies, invalid traffic, placements.", FunctionArea.Data, DataCenter),

        // §1 Sales and business development: outside the marketing department.
        F("sales", "Sales", "Selling to customers: the transaction.", FunctionArea.Sales, Sales),
        F("offline_sales", "Offline sales", "Selling through offline channels: stores, dealers, events and direct sales teams.", FunctionArea.Sales, Sales),
        F("ad_sales", "Ad sales", "Selling advertising space on the company's own media and apps.", FunctionArea.Sales, Sales),
        F("business_development", "Business development", "Partnerships and new lines of business.", FunctionArea.Sales, Bd),
        F("investment_promotion", "Investment promotion", "Recruiting distributors, agents, franchisees and investors.", FunctionArea.Sales, Bd),
    ];

    /// <summary>
    /// The KPIs every template assigns, each with the function it measures (fixed: KPI definitions elsewhere must agree).
    /// </summary>
    public static IReadOnlyList<KpiFunction> DefaultKpiFunctions { get; } =
    [
        K("new_users", "user_operations"), K("retention_d1", "user_operations"), K("retention_d7", "user_operations"),
        K("retention_d30", "user_operations"), K("dau", "user_operations"), K("wau", "user_operations"),
        K("mau", "user_operations"), K("avg_session_minutes", "user_operations"),
        K("content_published", "content_operations"), K("content_views", "content_operations"),
        K("content_interactions", "content_operations"), K("content_shares", "content_operations"),
        K("installs", "product_operations"), K("registrations", "product_operations"),
        K("visits_per_user", "product_operations"), K("posts", "product_operations"),
        K("reads", "new_media_operations"), K("followers_gained", "new_media_operations"),
        K("social_interactions", "new_media_operations"),
        K("store_impressions", "app_store_operations"), K("store_installs", "app_store_operations"),
        K("store_conversion_rate", "app_store_operations"),
        K("gmv", "store_operations"), K("orders", "store_operations"), K("aov", "store_operations"),
        K("store_conversion", "store_operations"),
        K("reach", "media_buying"), K("clicks", "media_buying"), K("spend", "media_buying"),
        K("cpa", "paid_acquisition"), K("roas", "paid_acquisition"), K("roi", "paid_acquisition"),
        K("negative_share", "public_opinion_monitoring"), K("mention_reach", "public_opinion_monitoring"),
        K("share_of_voice", "public_opinion_monitoring"), K("crisis_response_hours", "public_opinion_monitoring"),
        K("crisis_resolution_hours", "public_opinion_monitoring"),
    ];

    /// <summary>The ids of <see cref="DefaultKpiFunctions"/>, in the same order.</summary>
    public static IReadOnlyList<string> KpiIds { get; } = [.. DefaultKpiFunctions.Select(k => k.Kpi)];

    private static readonly Dictionary<string, OrgFunction> ById = Functions.ToDictionary(f => f.Id, StringComparer.Ordinal);

    private static readonly Dictionary<string, int> Order =
        Functions.Select((f, i) => (f.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);

    /// <summary>A catalog function by id, or null.</summary>
    public static OrgFunction? Find(string id) => ById.GetValueOrDefault(id);

    /// <summary>Whether <paramref name="id"/> is a catalog function.</summary>
    public static bool Contains(string id) => ById.ContainsKey(id);

    /// <summary>The function a default KPI measures, or null for a KPI outside <see cref="DefaultKpiFunctions"/>.</summary>
    public static string? FunctionOfKpi(string kpiId) =>
        DefaultKpiFunctions.FirstOrDefault(k => string.Equals(k.Kpi, kpiId, StringComparison.Ordinal))?.Function;

    /// <summary>The position of a catalog function (reports sort by it); custom functions come after every catalog one.</summary>
    internal static int Position(string id) => Order.TryGetValue(id, out var i) ? i : int.MaxValue;

    private static OrgFunction F(string id, string name, string description, FunctionArea area, string owner) =>
        new(id, name, description, area, owner);

    private static KpiFunction K(string kpi, string function) => new(kpi, function);
}
