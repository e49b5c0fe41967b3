namespace Mercato.Core.Kpis;

/// <summary>
/// The KPIs Mercato computes (DOMAIN.md §2 and §3), each tied to the function that answers for it. Function ids are the
/// organization catalog's: <c>user_operations</c>, <c>content_operations</c>, <c>product_operations</c>,
/// <c>new_media_operations</c>, <c>app_store_operations</c>, <c>store_operations</c>, <c>media_buying</c>,
/// <c>paid_acquisition</c>, <c>public_opinion_monitoring</c>. The formulas are written out in docs/kpis.md exactly as <see cref="KpiCalculator"/> and the
/// store compute them.
/// </summary>
public static class KpiCatalog
{
    /// <summary>The function ids the catalog's KPIs belong to, in catalog order.</summary>
    public static IReadOnlyList<string> FunctionIds { get; } =
    [
        "user_operations", "content_operations", "product_operations", "new_media_operations", "app_store_operations",
        "store_operations", "media_buying", "paid_acquisition", "public_opinion_monitoring",
    ];

    private const string Activity = "activity";
    private const string Social = "social";
    private const string AppStore = "appstore";
    private const string Store = "store";
    private const string Spend = "spend";
    private const string Mentions = "mentions";
    private const string Conversions = "conversions";

    /// <summary>The documents (not data kinds) a KPI may read besides facts: the watch list and the crisis cases.</summary>
    public static IReadOnlyList<string> DocumentSources { get; } = ["watch_list", "crisis_cases"];

    private static string Retention(int n) =>
        $"Among users whose first signup or install event falls in the period (their cohort day d, a local day), the share with an activity event on local day d + {n}; users whose day d + {n} is after the last day of activity data are left out.";

    /// <summary>Every KPI, grouped by function in <see cref="FunctionIds"/> order.</summary>
    public static IReadOnlyList<KpiDefinition> All { get; } =
    [
        new("new_users", "New users", KpiUnit.Count, KpiDirection.HigherIsBetter, "user_operations",
            "Users whose first signup or install event in all the data falls in the period.", [Activity]),
        new("retention_d1", "Day-1 retention", KpiUnit.Ratio, KpiDirection.HigherIsBetter, "user_operations", Retention(1), [Activity]),
        new("retention_d7", "Day-7 retention", KpiUnit.Ratio, KpiDirection.HigherIsBetter, "user_operations", Retention(7), [Activity]),
        new("retention_d30", "Day-30 retention", KpiUnit.Ratio, KpiDirection.HigherIsBetter, "user_operations", Retention(30), [Activity]),
        new("dau", "Daily active users", KpiUnit.Count, KpiDirection.HigherIsBetter, "user_operations",
            "Distinct (user, local day) pairs with an activity event on the covered days of the period, divided by the number of covered days (the period's days from the first to the last day of activity data).",
            [Activity]),
        new("wau", "Weekly active users", KpiUnit.Count, KpiDirection.HigherIsBetter, "user_operations",
            "For each covered day t of the period, the distinct users with an activity event on days t − 6 to t; the mean over the covered days.",
            [Activity]),
        new("mau", "Monthly active users", KpiUnit.Count, KpiDirection.HigherIsBetter, "user_operations",
            "Distinct users with an activity event on the 30 days ending on the last covered day of the period.", [Activity]),
        new("avg_session_minutes", "Average session length", KpiUnit.Minutes, KpiDirection.HigherIsBetter, "user_operations",
            "Sum of session_seconds / 60 over the period's activity events that carry session_seconds, divided by their number.",
            [Activity]),

        new("content_published", "Content published", KpiUnit.Count, KpiDirection.HigherIsBetter, "content_operations",
            "Distinct content_id whose earliest activity event in all the data (publish, view, share, post, ...) falls in the period.",
            [Activity]),
        new("content_views", "Content views", KpiUnit.Count, KpiDirection.HigherIsBetter, "content_operations",
            "Number of view events in the period.", [Activity]),
        new("content_interactions", "Content interactions", KpiUnit.Count, KpiDirection.HigherIsBetter, "content_operations",
            "Number of like, comment, share and favorite events in the period.", [Activity]),
        new("content_shares", "Content shares", KpiUnit.Count, KpiDirection.HigherIsBetter, "content_operations",
            "Number of share events in the period.", [Activity]),

        new("installs", "Installs", KpiUnit.Count, KpiDirection.HigherIsBetter, "product_operations",
            "Number of install events in the period.", [Activity]),
        new("registrations", "Registrations", KpiUnit.Count, KpiDirection.HigherIsBetter, "product_operations",
            "Number of signup events in the period.", [Activity]),
        new("visits_per_user", "Visits per user", KpiUnit.PerUser, KpiDirection.HigherIsBetter, "product_operations",
            "Activity events of the period that carry session_seconds (one per visit), divided by the distinct users with an activity event in the period.",
            [Activity]),
        new("posts", "User posts", KpiUnit.Count, KpiDirection.HigherIsBetter, "product_operations",
            "Number of post events (user-generated posts) in the period.", [Activity]),

        new("reads", "Reads", KpiUnit.Count, KpiDirection.HigherIsBetter, "new_media_operations",
            "Sum of reads of the social rows dated in the period.", [Social]),
        new("followers_gained", "Followers gained", KpiUnit.Count, KpiDirection.HigherIsBetter, "new_media_operations",
            "For each social account, followers on its last row with followers dated up to the period's last day, minus followers on its last such row before the period (its first such row in the period when it has none before); summed over accounts.",
            [Social]),
        new("social_interactions", "Social interactions", KpiUnit.Count, KpiDirection.HigherIsBetter, "new_media_operations",
            "Sum of interactions of the social rows dated in the period.", [Social]),

        new("store_impressions", "App-store impressions", KpiUnit.Count, KpiDirection.HigherIsBetter, "app_store_operations",
            "Sum of impressions of the app-store rows dated in the period.", [AppStore]),
        new("store_installs", "App-store installs", KpiUnit.Count, KpiDirection.HigherIsBetter, "app_store_operations",
            "Sum of installs of the app-store rows dated in the period.", [AppStore]),
        new("store_conversion_rate", "App-store conversion rate", KpiUnit.Ratio, KpiDirection.HigherIsBetter, "app_store_operations",
            "Sum of installs divided by sum of impressions, over the app-store rows dated in the period that carry impressions.",
            [AppStore]),

        new("gmv", "GMV", KpiUnit.Money, KpiDirection.HigherIsBetter, "store_operations",
            "Sum of gmv of the store rows dated in the period (refunds not deducted).", [Store]),
        new("orders", "Orders", KpiUnit.Count, KpiDirection.HigherIsBetter, "store_operations",
            "Sum of orders of the store rows dated in the period.", [Store]),
        new("aov", "Average order value", KpiUnit.Money, KpiDirection.HigherIsBetter, "store_operations",
            "Sum of gmv divided by sum of orders, over the store rows dated in the period.", [Store]),
        new("store_conversion", "Store conversion rate", KpiUnit.Ratio, KpiDirection.HigherIsBetter, "store_operations",
            "Sum of orders divided by sum of visitors, over the store rows dated in the period that carry visitors.", [Store]),

        new("reach", "Reach", KpiUnit.Count, KpiDirection.HigherIsBetter, "media_buying",
            "Sum of impressions of the spend rows dated in the period.", [Spend]),
        new("clicks", "Clicks", KpiUnit.Count, KpiDirection.HigherIsBetter, "media_buying",
            "Sum of clicks of the spend rows dated in the period.", [Spend]),
        new("spend", "Media spend", KpiUnit.Money, KpiDirection.LowerIsBetter, "media_buying",
            "Sum of spend of the spend rows dated in the period.", [Spend]),

        new("cpa", "Cost per acquisition", KpiUnit.Money, KpiDirection.LowerIsBetter, "paid_acquisition",
            "Media spend dated in the period divided by the number of conversions in the period.", [Spend, Conversions]),
        new("roas", "Return on ad spend", KpiUnit.Ratio, KpiDirection.HigherIsBetter, "paid_acquisition",
            "Attributed revenue divided by media spend, over the period's months, from the measurement reports.",
            [Spend, Conversions, "touchpoints"], KpiSource.Measurement),
        new("roi", "Return on investment", KpiUnit.Ratio, KpiDirection.HigherIsBetter, "paid_acquisition",
            "(Attributed gross profit − spend − allocated costs) / (spend + allocated costs), over the period's months, from the measurement reports.",
            [Spend, Conversions, "touchpoints", "costs"], KpiSource.Measurement),

        new("negative_share", "Negative share of mentions", KpiUnit.Ratio, KpiDirection.LowerIsBetter, "public_opinion_monitoring",
            "Mentions published in the period labelled negative divided by those labelled positive, negative or neutral (mentions in a language without a scorer left out).",
            [Mentions]),
        new("mention_reach", "Mention reach", KpiUnit.Count, KpiDirection.HigherIsBetter, "public_opinion_monitoring",
            "Sum of the reach of the mentions published in the period (a mention without reach counts 0).", [Mentions]),
        new("share_of_voice", "Share of voice", KpiUnit.Ratio, KpiDirection.HigherIsBetter, "public_opinion_monitoring",
            "Mentions published in the period naming a brand term of the watch list, counted once per brand term named, divided by the same count over the brand and competitor terms (a mention naming the brand and a competitor counts for each).",
            [Mentions, "watch_list"]),
        new("crisis_response_hours", "Crisis time to first response", KpiUnit.Hours, KpiDirection.LowerIsBetter, "public_opinion_monitoring",
            "Mean hours from a crisis case's opening to the first approval of a statement, over the cases opened in the period that have one (cases still without an approved statement are counted in the inputs, not in the mean).",
            ["crisis_cases"]),
        new("crisis_resolution_hours", "Crisis time to resolution", KpiUnit.Hours, KpiDirection.LowerIsBetter, "public_opinion_monitoring",
            "Mean hours from a crisis case's opening to its closing, over the cases closed in the period.", ["crisis_cases"]),
    ];

    private static readonly Dictionary<string, KpiDefinition> ById = All.ToDictionary(k => k.Id, StringComparer.Ordinal);

    /// <summary>A KPI by id (exact, snake_case), or null.</summary>
    public static KpiDefinition? Find(string? id) => id is not null && ById.TryGetValue(id, out var kpi) ? kpi : null;

    /// <summary>The KPIs of one function, in catalog order.</summary>
    public static IReadOnlyList<KpiDefinition> OfFunction(string functionId) =>
        All.Where(k => string.Equals(k.FunctionId, functionId, StringComparison.Ordinal)).ToList();
}
