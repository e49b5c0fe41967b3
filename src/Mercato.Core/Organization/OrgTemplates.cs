namespace Mercato.Core.Organization;

/// <summary>
/// Ready-made structures: the recommended data-driven one (DOMAIN.md §6) and the three real companies of DOMAIN.md §4, as
/// they are, so the boundary analysis shows why names cannot be trusted. Every template assigns every KPI of
/// <see cref="OrgCatalog.DefaultKpiFunctions"/> to the unit responsible for its function (none when nobody is).
/// </summary>
public static class OrgTemplates
{
    /// <summary>The template names: <c>recommended</c>, <c>company-a</c>, <c>company-b</c>, <c>company-c</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["recommended", "company-a", "company-b", "company-c"];

    /// <summary>The template called <paramref name="name"/> (case-sensitive), or null for an unknown name.</summary>
    public static OrgStructure? Get(string name) => name switch
    {
        "recommended" => Recommended(),
        "company-a" => CompanyA(),
        "company-b" => CompanyB(),
        "company-c" => CompanyC(),
        _ => null,
    };

    /// <summary>
    /// The data-driven structure: the CMO's marketing center with brand, PR, marketing planning, new media, online promotion
    /// and a data center; an operations department whose teams are the seven modules of DOMAIN.md §3 (community operations
    /// with user operations, live commerce with the store); sales and business development outside marketing. Every catalog
    /// function has exactly one responsible unit; the operations department is accountable for its teams' functions.
    /// </summary>
    private static OrgStructure Recommended()
    {
        var b = new Builder("Recommended data-driven structure");
        b.Unit("company", "Company", UnitKind.Company, null, "CEO");
        b.Unit("marketing", "Marketing center", UnitKind.Center, "company", "CMO");
        b.Unit("brand", "Brand department", UnitKind.Department, "marketing", null,
            "brand_positioning", "advertising_creative", "visual_identity", "brand_architecture");
        b.Unit("pr", "Public relations department", UnitKind.Department, "marketing", null,
            "pr_strategy", "media_relations", "public_opinion_monitoring", "crisis_handling", "press_releases", "interviews",
            "press_conferences", "pr_products", "government_relations");
        b.Unit("planning", "Marketing planning department", UnitKind.Department, "marketing", null,
            "product_positioning", "selling_points", "product_communication", "user_insight", "competitor_analysis",
            "promotional_materials", "event_planning", "exhibitions");
        b.Unit("new_media", "New media department", UnitKind.Department, "marketing", null,
            "media_matrix", "brand_communication", "interactive_marketing", "media_buying", "network_promotion", "influencer_marketing");
        b.Unit("online_promotion", "Online promotion department", UnitKind.Department, "marketing", null, "paid_acquisition", "seo");
        b.Unit("data_center", "Data center", UnitKind.Department, "marketing", null, "data_platform", "measurement_analytics", "ad_monitoring");
        b.Unit("operations", "Operations department", UnitKind.Department, "company", "Head of operations");
        b.Unit("content_ops", "Content operations", UnitKind.Team, "operations", null, "content_operations");
        b.Unit("user_ops", "User operations", UnitKind.Team, "operations", null, "user_operations", "community_operations");
        b.Unit("activity_ops", "Activity operations", UnitKind.Team, "operations", null, "activity_operations");
        b.Unit("product_ops", "Product operations", UnitKind.Team, "operations", null, "product_operations");
        b.Unit("new_media_ops", "New-media operations", UnitKind.Team, "operations", null, "new_media_operations");
        b.Unit("app_store_ops", "App-store operations", UnitKind.Team, "operations", null, "app_store_operations");
        b.Unit("store_ops", "Store operations", UnitKind.Team, "operations", null, "store_operations", "live_commerce");
        b.Unit("sales", "Sales department", UnitKind.Department, "company", null, "sales", "offline_sales", "ad_sales");
        b.Unit("bd", "Business development department", UnitKind.Department, "company", null, "business_development", "investment_promotion");

        b.Role("operations", RaciRole.Accountable,
            "content_operations", "user_operations", "community_operations", "activity_operations", "product_operations",
            "new_media_operations", "app_store_operations", "store_operations", "live_commerce");

        // Brand exports strategy that new media and planning execute (§2.1); the data center drives spending decisions (§6).
        b.Role("brand", RaciRole.Consulted, "brand_communication", "event_planning");
        b.Role("data_center", RaciRole.Consulted, "media_buying", "paid_acquisition");
        b.Role("pr", RaciRole.Informed, "influencer_marketing");
        return b.Build();
    }

    /// <summary>
    /// Company A, internet advertising (DOMAIN.md §4): a marketing department under the channel management center doing
    /// marketing activities, investment promotion and exhibitions; brand (with PR) under a brand management center;
    /// operations under product R&amp;D. It runs no online store, so store operations and live commerce are not needed.
    /// </summary>
    private static OrgStructure CompanyA()
    {
        var b = new Builder("Company A (internet advertising)");
        b.Unit("company", "Company A", UnitKind.Company, null, "CEO");
        b.Unit("channel_center", "Channel management center", UnitKind.Center, "company", null);
        b.Unit("marketing", "Marketing department", UnitKind.Department, "channel_center", null,
            "event_planning", "investment_promotion", "exhibitions");
        b.Unit("brand_center", "Brand management center", UnitKind.Center, "company", null);
        b.Unit("brand", "Brand department", UnitKind.Department, "brand_center", null,
            "brand_positioning", "advertising_creative", "visual_identity", "brand_architecture", "pr_strategy",
            "media_relations", "press_releases");
        b.Unit("rnd_center", "Product R&D center", UnitKind.Center, "company", null);
        b.Unit("operations", "Operations department", UnitKind.Department, "rnd_center", null,
            "product_operations", "user_operations", "app_store_operations");
        IReadOnlyList<string> needs = [.. OrgStructure.DefaultNeeds([]).Where(f => f is not ("store_operations" or "live_commerce"))];
        return b.Build(needs);
    }

    /// <summary>
    /// Company B, VR technology (DOMAIN.md §4): the "marketing department" under the market center is an offline sales
    /// force that also runs marketing activities; brand, PR and self-media sit in the brand department under the planning
    /// center; operations (product, user and community operations) under the operations center.
    /// </summary>
    private static OrgStructure CompanyB()
    {
        var b = new Builder("Company B (VR technology)");
        b.Unit("company", "Company B", UnitKind.Company, null, "CEO");
        b.Unit("market_center", "Market center", UnitKind.Center, "company", null);
        b.Unit("marketing", "Marketing department", UnitKind.Department, "market_center", null,
            "sales", "offline_sales", "event_planning");
        b.Unit("planning_center", "Planning center", UnitKind.Center, "company", null);
        b.Unit("brand", "Brand department", UnitKind.Department, "planning_center", null,
            "brand_positioning", "advertising_creative", "visual_identity", "pr_strategy", "media_relations", "press_releases",
            "media_matrix", "new_media_operations");
        b.Unit("operations_center", "Operations center", UnitKind.Center, "company", null);
        b.Unit("operations", "Operations department", UnitKind.Department, "operations_center", null,
            "product_operations", "user_operations", "community_operations");
        return b.Build();
    }

    /// <summary>
    /// Company C, internet medical (DOMAIN.md §4): everything under one market operations center: an operations department
    /// (app, mall and content operations), a commercial department (ad sales, business development) and a planning
    /// department that does brand, PR, media and marketing planning.
    /// </summary>
    private static OrgStructure CompanyC()
    {
        var b = new Builder("Company C (internet medical)");
        b.Unit("company", "Company C", UnitKind.Company, null, "CEO");
        b.Unit("market_ops_center", "Market operations center", UnitKind.Center, "company", null);
        b.Unit("operations", "Operations department", UnitKind.Department, "market_ops_center", null,
            "product_operations", "store_operations", "content_operations");
        b.Unit("commercial", "Commercial department", UnitKind.Department, "market_ops_center", null, "ad_sales", "business_development");
        b.Unit("planning", "Planning department", UnitKind.Department, "market_ops_center", null,
            "brand_positioning", "advertising_creative", "visual_identity", "pr_strategy", "media_relations", "press_releases",
            "media_matrix", "brand_communication", "event_planning", "promotional_materials");
        return b.Build();
    }

    private sealed class Builder(string name)
    {
        private readonly List<OrgUnit> _units = [];
        private readonly List<Ownership> _ownerships = [];

        public void Unit(string id, string unitName, UnitKind kind, string? parent, string? head, params string[] responsible)
        {
            _units.Add(new OrgUnit(id, unitName, kind, parent, head));
            Role(id, RaciRole.Responsible, responsible);
        }

        public void Role(string unit, RaciRole role, params string[] functions) =>
            _ownerships.AddRange(functions.Select(f => new Ownership(unit, f, role)));

        public OrgStructure Build(IReadOnlyList<string>? needs = null)
        {
            IReadOnlyList<KpiAssignment> kpis = [.. OrgCatalog.DefaultKpiFunctions.Select(k => new KpiAssignment(
                k.Kpi,
                k.Function,
                _ownerships.FirstOrDefault(o => o.Role == RaciRole.Responsible && string.Equals(o.Function, k.Function, StringComparison.Ordinal))?.Unit))];
            return new OrgStructure(name, _units, [], _ownerships, kpis, needs);
        }
    }
}
