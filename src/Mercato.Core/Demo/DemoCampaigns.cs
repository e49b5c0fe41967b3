using System.Globalization;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;

namespace Mercato.Core.Demo;

/// <summary>
/// The demo company's campaigns workspace (docs/demo-company.md, "The campaigns workspace"): the people directory, the
/// squads, the campaigns with their lifecycle history, and the live-stream sessions of the year.
/// </summary>
/// <param name="People">240 people over the demo organization's units, each owning one staff referral code.</param>
/// <param name="Squads">Cross-unit squads, time-boxed to their campaigns.</param>
/// <param name="Campaigns">One campaign per campaign code of the facts (the live-stream codes grouped by quarter), plus
/// two of the next quarter still being prepared.</param>
/// <param name="Sessions">One live-stream session per live day.</param>
/// <param name="Now">The instant the workspace is as of: the first instant after the window (stages and done milestones
/// are consistent with it).</param>
/// <param name="OverrunCampaign">The campaign whose budget is overrun on purpose.</param>
/// <param name="DoubleBooked">The person deliberately double-booked in two overlapping squads.</param>
public sealed record DemoWorkspace(
    IReadOnlyList<Person> People,
    IReadOnlyList<Squad> Squads,
    IReadOnlyList<Campaign> Campaigns,
    IReadOnlyList<LiveStreamFact> Sessions,
    DateTimeOffset Now,
    string OverrunCampaign,
    string DoubleBooked);

/// <summary>
/// Builds the demo company's campaigns workspace from the generator's ground truth: deterministic from the seed, the
/// scale and the last month. Budgets are planned near the media spend the generator wrote for each campaign's codes
/// (extrapolated to the days of the schedule outside the window), live-stream sessions carry the live room's exact
/// orders and GMV of their day. Pure: no clock, no I/O.
/// </summary>
public static class DemoCampaigns
{
    /// <summary>The UTC offset of the workspace's live streams: China Standard Time, which has no daylight saving.</summary>
    public static readonly TimeSpan LiveOffset = TimeSpan.FromHours(8);

    /// <summary>The family of the campaign planned too tight on purpose: Double 11's Douyin auction is dearer than planned.</summary>
    public const string OverrunFamily = "double11-promo";

    /// <summary>The approver of every budget: the CMO.</summary>
    public const string BudgetApprover = "lin-hui";

    /// <summary>The approver of every content kit: the head of the brand department.</summary>
    public const string KitApprover = "zhou-yan";

    /// <summary>The CEO, who hosts the 618 and Double 11 live-stream specials.</summary>
    public const string Ceo = "chen-jian";

    private const string Site = "https://www.kangning-medical.example";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly string[] AlwaysOnCodes =
        ["sem-brand", "sem-generic", "douyin-feed", "kol-doctor-talks", "health-topics", "crm-newsletter", "aso-brand", "all-staff-referral"];

    // The seasonal events of DemoCalendar.PlanDay: code stem and first and last day (month, day). Their codes carry the
    // year the event started.
    private static readonly (string Stem, int FromMonth, int FromDay, int ToMonth, int ToDay)[] Yearly =
    [
        ("winter-respiratory-care", 12, 1, 1, 31),
        ("cny-gift-for-parents", 1, 5, 2, 5),
        ("cmef-spring", 4, 11, 4, 14),
        ("cmef-autumn", 10, 12, 10, 15),
        ("world-hypertension-day", 5, 10, 5, 20),
        ("618-promo", 6, 1, 6, 18),
        ("double11-promo", 10, 20, 11, 11),
    ];

    private static readonly string[] FamilyNames =
    [
        "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo",
        "He", "Lin", "Gao", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han", "Feng", "Deng", "Cao", "Peng", "Zeng",
        "Xiao", "Tian", "Dong", "Pan", "Yuan", "Cai", "Jiang", "Yu", "Du", "Ye", "Cheng", "Wei", "Su", "Lu", "Ding", "Ren",
        "Shen", "Yao", "Qian",
    ];

    private static readonly string[] GivenNames =
    [
        "Wei", "Fang", "Na", "Min", "Jing", "Li", "Qiang", "Lei", "Jun", "Yang", "Yong", "Yan", "Jie", "Juan", "Tao", "Ming",
        "Chao", "Xiuying", "Xia", "Ping", "Gang", "Hui", "Hao", "Yu", "Xin", "Ying", "Bo", "Lin", "Rui", "Qing", "Jian", "Kai",
        "Yue", "Dan", "Lu", "Ning", "Bin", "Tingting", "Xiaoming", "Zihan", "Yuxuan", "Haoran", "Shuang", "Peng", "Hong",
        "Feng", "Wenjie", "Jiayi", "Mengyao", "Zhiwei",
    ];

    // The invited hosts of the 26th: the directory's influencers with a host name (DemoInfluencers), in directory order.
    private static readonly string[] Influencers = [.. DemoInfluencerPlan.Specs.Where(s => s.Host is not null).Select(s => s.Host!)];

    // Who works where: unit, head count, the titles of its staff (cycled), and how many of them host live streams.
    private static readonly (string Unit, int Count, string[] Titles, int Hosts, string HostTitle)[] Staffing =
    [
        ("company", 3, ["Executive assistant", "Strategy manager"], 0, ""),
        ("marketing", 2, ["Marketing coordinator"], 0, ""),
        ("brand", 14, ["Brand manager", "Senior designer", "Copywriter", "Brand specialist", "Video producer"], 0, ""),
        ("pr", 10, ["PR manager", "Media relations specialist", "Public-opinion analyst"], 0, ""),
        ("planning", 12, ["Campaign manager", "Product marketing manager", "Event planner", "Market researcher"], 0, ""),
        ("new_media", 18, ["New media editor", "Content strategist", "Community manager", "Short-video editor"], 0, ""),
        ("online_promotion", 16, ["Paid search specialist", "Media buyer", "SEO specialist", "Performance manager"], 0, ""),
        ("data_center", 12, ["Data analyst", "Data engineer", "Marketing scientist"], 0, ""),
        ("operations", 2, ["Operations coordinator"], 0, ""),
        ("content_ops", 10, ["Content operator", "Medical writer"], 0, ""),
        ("user_ops", 10, ["CRM specialist", "User operations specialist"], 0, ""),
        ("activity_ops", 10, ["Activity operator", "Promotion planner"], 0, ""),
        ("product_ops", 8, ["Product operator", "Product trainer"], 2, "Product expert, live-stream guest"),
        ("new_media_ops", 12, ["Douyin operator", "Xiaohongshu operator", "WeChat operator"], 2, "Short-video host"),
        ("app_store_ops", 6, ["App-store optimisation specialist"], 0, ""),
        ("store_ops", 20, ["Store operator", "Live-room operator", "Customer success specialist"], 8, "Live host"),
        ("sales", 30, ["Hospital account manager", "Sales representative", "Distributor manager", "Sales engineer"], 1, "Sales engineer, live-stream guest"),
        ("bd", 8, ["Business development manager", "Channel partnerships manager"], 0, ""),
        ("rnd", 20, ["Hardware engineer", "Firmware engineer", "Clinical affairs specialist", "Industrial designer", "Test engineer"], 1, "Product engineer, live-stream guest"),
        ("customer_service", 17, ["Customer service agent", "Care advisor", "After-sales technician"], 1, "Care advisor, live-stream guest"),
    ];

    /// <summary>Builds the workspace for the demo whose ground truth is <paramref name="truth"/>.</summary>
    public static DemoWorkspace Build(DemoGroundTruth truth)
    {
        ArgumentNullException.ThrowIfNull(truth);
        var people = BuildPeople(truth.Seed);
        var builder = new Builder(truth, people);
        return builder.Run();
    }

    /// <summary>The campaign id a fact code belongs to in the demo workspace, for any code the generator writes.</summary>
    public static string CampaignIdOf(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.StartsWith("live-", StringComparison.Ordinal) && YearMonth.TryParse(code.AsSpan(5), out var month))
        {
            return LiveProgrammeId(month.Year, Quarter(month));
        }

        return code;
    }

    private static int Quarter(YearMonth month) => ((month.Month - 1) / 3) + 1;

    private static string LiveProgrammeId(int year, int quarter) => string.Create(Inv, $"live-programme-{year:D4}-q{quarter}");

    private static string LiveCode(YearMonth month) => string.Create(Inv, $"live-{month.Year:D4}-{month.Month:D2}");

    private static DateOnly LastDay(YearMonth month) => month.AddMonths(1).FirstDay.AddDays(-1);

    private static List<Person> BuildPeople(int seed)
    {
        var rng = new DemoRandom(seed, 6);
        var structure = DemoOrganization.Structure();
        var heads = structure.Units.ToDictionary(u => u.Id, u => u.Head, StringComparer.Ordinal);
        var unitNames = structure.Units.ToDictionary(u => u.Id, u => u.Name, StringComparer.Ordinal);
        var takenIds = new HashSet<string>(StringComparer.Ordinal);
        var takenNames = new HashSet<string>(StringComparer.Ordinal);

        // Heads first, so that generated names never take their ids.
        var drafts = new List<(string Id, string Name, string Unit, string Title, bool Host)>();
        foreach (var (unit, _, _, _, _) in Staffing)
        {
            if (heads.GetValueOrDefault(unit) is { } head)
            {
                var comma = head.IndexOf(',', StringComparison.Ordinal);
                var name = comma < 0 ? head : head[..comma].Trim();
                var title = comma < 0 ? "Head of the " + unitNames[unit] : head[(comma + 1)..].Trim();
                var id = name.ToLowerInvariant().Replace(' ', '-');
                takenIds.Add(id);
                takenNames.Add(name);
                drafts.Add((id, name, unit, title, id == Ceo));
            }
        }

        var all = new List<(string Id, string Name, string Unit, string Title, bool Host)>();
        foreach (var (unit, count, titles, hosts, hostTitle) in Staffing)
        {
            var staff = drafts.Where(d => d.Unit == unit).ToList();
            var generated = 0;
            while (staff.Count < count)
            {
                string name;
                do
                {
                    name = FamilyNames[rng.Next(FamilyNames.Length)] + " " + GivenNames[rng.Next(GivenNames.Length)];
                }
                while (!takenNames.Add(name));

                var id = name.ToLowerInvariant().Replace(' ', '-');
                var unique = id;
                for (var n = 2; !takenIds.Add(unique); n++)
                {
                    unique = string.Create(Inv, $"{id}-{n}");
                }

                var host = generated < hosts;
                var title = host ? hostTitle : titles[(generated - hosts) % titles.Length];
                staff.Add((unique, name, unit, title, host));
                generated++;
            }

            all.AddRange(staff);
        }

        // Codes are handed out in a seeded order: the generator's skew makes STAFF-001 the busiest referrer, and the busiest
        // referrers should be anyone, not the CEO and the heads.
        var codes = Enumerable.Range(1, DemoCatalog.StaffCount).ToArray();
        for (var i = codes.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (codes[i], codes[j]) = (codes[j], codes[i]);
        }

        return [.. all.Select((p, i) => new Person(p.Id, p.Name, p.Unit, p.Title,
            [string.Create(Inv, $"STAFF-{codes[i]:D3}")], p.Host))];
    }

    /// <summary>What a family of campaign codes is: its name, type, owner, steps and the squad it needs.</summary>
    private sealed record Family(
        string Name, CampaignType Type, string Unit, int[] Steps, double Roi, string LeadUnit, string[] Extra, int Hosts,
        string[] Messages, (string Label, string Path)[] Links);

    private static Family FamilyOf(string stem) => stem switch
    {
        "sem-brand" => new("Baidu brand search", CampaignType.PaidMediaFlight, "online_promotion", [2], 1.0, "online_promotion", [], 0, [], []),
        "sem-generic" => new("Baidu symptom and product search", CampaignType.PaidMediaFlight, "online_promotion", [2], 0.4, "online_promotion", [], 0, [], []),
        "douyin-feed" => new("Douyin in-feed video ads", CampaignType.PaidMediaFlight, "online_promotion", [2], 0.2, "online_promotion", [], 0, [], []),
        "aso-brand" => new("App-store search and optimisation", CampaignType.AppStorePromotion, "app_store_ops", [3], 0.3, "online_promotion", [], 0, [], []),
        "kol-doctor-talks" => new("Doctors talk home care (KOL series)", CampaignType.InfluencerCollaboration, "new_media", [1, 4], 0.2, "new_media", [], 0, [], []),
        "health-topics" => new("Health topics content programme", CampaignType.ContentSeries, "content_ops", [1, 2], 0.2, "new_media", [], 0, [], []),
        "crm-newsletter" => new("CRM newsletter", CampaignType.ContentSeries, "user_ops", [4], 2.0, "new_media", [], 0, [], []),
        "all-staff-referral" => new("All-staff referral programme", CampaignType.BrandEvent, "marketing", [3, 4], 1.0, "planning",
            ["sales", "rnd", "customer_service"], 0,
            ["Share Kangning with the people you care for: your code gives them a welcome gift.", "Every department sells: from the lab to the call centre."],
            [("Home-care range", "/home-care"), ("Welcome gift", "/welcome")]),
        "live" => new("Live-stream programme", CampaignType.LiveStream, "store_ops", [3, 6], 0.8, "store_ops", ["product_ops", "customer_service"], 3,
            ["Weekly live shopping: meet the engineers and nurses behind the devices.", "Live-room prices for viewers only, every 5th, 12th, 19th and 26th."],
            [("Live room", "/live"), ("This month's programme", "/live/programme")]),
        "winter-respiratory-care" => new("Winter respiratory care", CampaignType.ContentSeries, "new_media", [1, 2], 0.3, "new_media", ["customer_service"], 0, [], []),
        "cny-gift-for-parents" => new("A blood-pressure monitor for your parents (Chinese New Year)", CampaignType.StorePromotion, "activity_ops", [4, 6], 0.4, "activity_ops", ["store_ops"], 0,
            ["Bring health home for the New Year: a BP monitor for mum and dad.", "Order by the 25th, delivered before the holiday."],
            [("Gift page", "/gifts/new-year")]),
        "cmef-spring" => new("CMEF spring (Shanghai)", CampaignType.Exhibition, "planning", [3, 7], 0.3, "planning", ["sales", "bd", "rnd"], 0, [], []),
        "cmef-autumn" => new("CMEF autumn (Shenzhen)", CampaignType.Exhibition, "planning", [3, 7], 0.3, "planning", ["sales", "bd", "rnd"], 0, [], []),
        "world-hypertension-day" => new("World Hypertension Day: know your numbers", CampaignType.MissionMarketing, "brand", [1, 4], 0.1, "brand", ["customer_service", "rnd"], 0,
            ["Know your numbers: one in four adults has high blood pressure, and half of them do not know it.", "Free community checks in 30 cities."],
            [("Know your numbers", "/know-your-numbers"), ("Find a free check", "/know-your-numbers/checks")]),
        "618-promo" => new("618 shopping festival", CampaignType.StorePromotion, "activity_ops", [6, 8], 0.5, "activity_ops", ["store_ops", "app_store_ops"], 1,
            ["618: the whole home-care range at festival prices.", "Live special on the 18th with our CEO."],
            [("618 deals", "/618"), ("Live special", "/live/618")]),
        "double11-promo" => new("Double 11 shopping festival", CampaignType.StorePromotion, "activity_ops", [6, 8], 0.5, "activity_ops", ["store_ops", "app_store_ops"], 1,
            ["Double 11: health for the whole family at the year's best prices.", "Live special on the 11th with our CEO."],
            [("Double 11 deals", "/double11"), ("Live special", "/live/double11")]),
        "bp-monitor-x3-launch" => new("BP monitor X3 launch", CampaignType.ProductLaunch, "planning", [5, 8], 0.2, "planning", ["rnd", "product_ops", "pr"], 0,
            ["X3: clinically validated accuracy, readings synced to the app and to your doctor.", "Launch price 599 for the first six weeks."],
            [("Meet the X3", "/products/bp-monitor-x3"), ("Clinical validation", "/products/bp-monitor-x3/validation")]),
        "recall-rumour-response" => new("Nebulizer recall rumour: response", CampaignType.BrandEvent, "pr", [1, 2], 0.0, "pr", ["customer_service", "rnd", "new_media"], 0, [], []),
        "oximeter-o2-launch" => new("Oximeter O2 launch: trust rebuilt", CampaignType.ProductLaunch, "product_ops", [5, 9], 0.2, "planning", ["rnd", "brand"], 0,
            ["O2: hospital-grade readings at home, with a three-year warranty.", "Tested by independent labs; the test reports are public."],
            [("Meet the O2", "/products/oximeter-o2"), ("Independent test reports", "/quality/reports")]),
        _ => throw new InvalidOperationException("no demo campaign family for code stem '" + stem + "'"),
    };

    private static string StemOf(string code)
    {
        if (code.StartsWith("live-", StringComparison.Ordinal))
        {
            return "live";
        }

        foreach (var (stem, _, _, _, _) in Yearly)
        {
            if (code.StartsWith(stem + "-", StringComparison.Ordinal))
            {
                return stem;
            }
        }

        return code;
    }

    private sealed class Builder(DemoGroundTruth truth, List<Person> people)
    {
        private readonly DemoRandom rng = new(truth.Seed, 7);
        private readonly YearMonth lastMonth = truth.LastMonth;
        private readonly DateOnly windowStart = truth.FirstMonth.FirstDay;
        private readonly DateOnly windowEnd = LastDay(truth.LastMonth);
        private readonly decimal moneyScale = DemoCompany.UserCount(truth.Scale) / 1_000_000m;
        private readonly Dictionary<string, List<string>> unitStaff = new(StringComparer.Ordinal);
        private readonly List<string> hosts = [];
        private readonly Dictionary<string, int> cursors = new(StringComparer.Ordinal);

        private DateTimeOffset Now => new(windowEnd.AddDays(1), TimeOnly.MinValue, TimeSpan.Zero);

        public DemoWorkspace Run()
        {
            var heads = new HashSet<string>(DemoOrganization.Structure().Units.Select(u => u.Head ?? "")
                .Select(h => (h.Contains(',', StringComparison.Ordinal) ? h[..h.IndexOf(',', StringComparison.Ordinal)] : h).ToLowerInvariant().Replace(' ', '-')), StringComparer.Ordinal);
            foreach (var p in people)
            {
                if (!unitStaff.TryGetValue(p.Unit, out var list))
                {
                    unitStaff[p.Unit] = list = [];
                }

                // Heads approve and steer; squads are staffed from their teams, the hosts from the host roster.
                if (p.IsStaffHost)
                {
                    if (p.Id != Ceo)
                    {
                        hosts.Add(p.Id);
                    }
                }
                else if (!heads.Contains(p.Id))
                {
                    list.Add(p.Id);
                }
            }

            // One campaign per code family occurrence, in order of first day.
            var rows = truth.Campaigns;
            var byCampaign = rows.GroupBy(r => CampaignIdOf(r.Campaign), StringComparer.Ordinal)
                .OrderBy(g => g.Min(r => r.FirstDay)).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
            var drafts = new List<Draft>();
            foreach (var group in byCampaign)
            {
                drafts.Add(Plan(group.Key, [.. group]));
            }

            drafts.AddRange(NextQuarter(drafts));

            // Squads: the always-on campaigns share three standing squads; every other campaign has its own. Squads of
            // campaigns that are not closed are staffed first, from distinct people, so that the one double booking
            // planted below is the only conflict of the workspace.
            var groups = new List<(string Id, string Name, List<Draft> Campaigns)>
            {
                ("performance-squad", "Performance marketing squad", [.. drafts.Where(d => d.Stem is "sem-brand" or "sem-generic" or "douyin-feed" or "aso-brand")]),
                ("content-crm-squad", "Content and CRM squad", [.. drafts.Where(d => d.Stem is "health-topics" or "crm-newsletter" or "kol-doctor-talks")]),
                ("all-staff-squad", "All-staff marketing squad", [.. drafts.Where(d => d.Stem is "all-staff-referral")]),
            };
            groups.AddRange(drafts.Where(d => !AlwaysOnCodes.Contains(d.Stem)).Select(d => (d.Id + "-squad", d.Campaign.Name + " squad", new List<Draft> { d })));
            var order = groups.OrderBy(g => g.Campaigns.All(d => d.Campaign.Stage == CampaignStage.Closed) ? 1 : 0).ToList();
            var squads = new Dictionary<string, Squad>(StringComparer.Ordinal);
            foreach (var (id, name, members) in order)
            {
                squads[id] = Staff(id, name, members);
            }

            // The planted conflict: the performance squad's analyst also joins the running live programme's squad.
            var performance = squads["performance-squad"];
            var analyst = performance.Members.First(m => m.Role == SquadRole.Analyst).Person;
            var live = drafts.First(d => d.Stem == "live" && d.Campaign.Stage == CampaignStage.Promotion);
            var liveSquad = squads[live.Id + "-squad"];
            squads[liveSquad.Id] = liveSquad with { Members = [.. liveSquad.Members, new SquadMember(analyst, SquadRole.Analyst)] };

            var campaigns = drafts.Select(d => History(d, squads.Values.First(s => s.Serves(d.Id)))).ToList();
            var sessions = Sessions(squads);
            return new DemoWorkspace(people, [.. groups.Select(g => squads[g.Id])], campaigns, sessions, Now,
                drafts.First(d => d.Stem == OverrunFamily).Id, analyst);
        }

        private sealed record Draft(string Id, string Stem, Campaign Campaign, Family Family, string? Kit);

        private Draft Plan(string id, List<DemoCampaignTruth> rows)
        {
            var code = rows[0].Campaign;
            var stem = StemOf(code);
            var family = FamilyOf(stem);
            DateOnly start, end;
            IReadOnlyList<string> codes;
            var name = family.Name;
            if (stem == "live")
            {
                var month = YearMonth.Of(rows[0].FirstDay);
                var first = new YearMonth(month.Year, ((Quarter(month) - 1) * 3) + 1);
                start = first.FirstDay;
                end = LastDay(first.AddMonths(2));
                codes = [LiveCode(first), LiveCode(first.AddMonths(1)), LiveCode(first.AddMonths(2))];
                name = string.Create(Inv, $"{family.Name} {month.Year} Q{Quarter(month)}");
            }
            else if (AlwaysOnCodes.Contains(stem))
            {
                // Always on: the programme year opened with the window and runs one more quarter.
                start = windowStart;
                end = LastDay(lastMonth.AddMonths(3));
                codes = [code];
            }
            else if (Yearly.FirstOrDefault(y => y.Stem == stem) is { Stem: not null } yearly)
            {
                var year = int.Parse(code.AsSpan(stem.Length + 1), NumberStyles.None, Inv);
                start = new DateOnly(year, yearly.FromMonth, yearly.FromDay);
                end = new DateOnly(yearly.ToMonth < yearly.FromMonth ? year + 1 : year, yearly.ToMonth, yearly.ToDay);
                codes = [code];
                name = string.Create(Inv, $"{family.Name} {year}");
            }
            else
            {
                // The one-offs run exactly the days the generator gives them.
                start = rows.Min(r => r.FirstDay);
                end = rows.Max(r => r.LastDay);
                if (stem == "recall-rumour-response")
                {
                    start = new DateOnly(start.Year, start.Month, 1);
                    end = LastDay(YearMonth.Of(start));
                }

                codes = [code];
            }

            var schedule = new DateRange(start, end);
            var inWindow = schedule.Intersect(new DateRange(windowStart, windowEnd))?.Days ?? 1;
            var extrapolate = (decimal)schedule.Days / inWindow;
            var lines = new List<BudgetLine>();
            foreach (var channel in rows.GroupBy(r => r.Channel, StringComparer.Ordinal).OrderBy(g => g.Min(r => r.FirstDay)).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                var spec = DemoCatalog.Channels.First(c => c.Name == channel.Key);
                if (spec.CostPerTouch > 0)
                {
                    var factor = stem == OverrunFamily && channel.Key == "douyin_ads" ? 0.75m : 1.02m + (0.10m * (decimal)rng.NextDouble());
                    var note = stem == OverrunFamily && channel.Key == "douyin_ads"
                        ? "planned at last year's auction prices; the festival auction ran a third dearer"
                        : null;
                    lines.Add(new BudgetLine(BudgetItemKind.Channel, channel.Key, Nice(channel.Sum(r => r.Spend) * extrapolate * factor), note));
                }
            }

            foreach (var (category, amount, note) in CostLines(stem, rows, schedule, extrapolate))
            {
                lines.Add(new BudgetLine(BudgetItemKind.Cost, category, Nice(amount * moneyScale), note));
            }

            var objectives = Objectives(family, rows, lines, extrapolate);
            var milestones = new List<Milestone>
            {
                new("Brief approved", start.AddDays(-28), start.AddDays(-28) < windowEnd.AddDays(1)),
                new("Kick-off", start, start < windowEnd.AddDays(1)),
                new("Wrap-up report", end.AddDays(7), end < lastMonth.FirstDay),
            };
            var stage = end < lastMonth.FirstDay ? CampaignStage.Closed
                : end < windowEnd ? CampaignStage.Evaluation
                : CampaignStage.Promotion;
            ContentKit? kit = family.Messages.Length == 0 ? null
                : new ContentKit(family.Messages, [.. family.Links.Select(l => new KitLink(l.Label, Site + l.Path + "?utm_campaign=" + id))]);
            var campaign = new Campaign(id, name, family.Type, family.Unit, start, end, objectives, lines, milestones, codes, family.Steps, kit) { Stage = stage };
            return new Draft(id, stem, campaign, family, null);
        }

        /// <summary>Non-media costs of a campaign, for a million users a year (the generator's cost facts carry no campaign code).</summary>
        private IEnumerable<(string Category, decimal Amount, string Note)> CostLines(string stem, List<DemoCampaignTruth> rows, DateRange schedule, decimal extrapolate)
        {
            var channels = rows.Select(r => r.Channel).ToHashSet(StringComparer.Ordinal);
            var months = (decimal)schedule.Days / 30.4m;
            if (channels.Contains("exhibition"))
            {
                yield return ("event", 800_000m, "stand, travel and hospitality");
            }

            if (stem == "live")
            {
                var gmv = truth.LiveDays.Where(d => CampaignIdOf(d.Campaign) == CampaignIdOf(rows[0].Campaign)).Sum(d => d.Gmv);
                yield return ("agency", 60_000m * months, "live-room operator");
                if (gmv > 0)
                {
                    yield return ("livestream_commission", 0.12m * gmv * extrapolate / moneyScale, "12% of live-room sales");
                }
            }
            else if (stem == "all-staff-referral")
            {
                var referred = truth.Referrals.Sum(r => r.Conversions);
                yield return ("other", Math.Max(1, 40m * referred * extrapolate / moneyScale), "gift cards, 40 per referred order");
            }
            else if (channels.Contains("pr"))
            {
                var amount = stem switch
                {
                    "bp-monitor-x3-launch" => 70_000m,
                    "recall-rumour-response" => 330_000m,
                    "oximeter-o2-launch" => 40_000m,
                    _ => 20_000m,
                };
                yield return ("agency", amount, "PR agency, above the retainer");
            }
            else if (channels.Contains("content"))
            {
                var amount = stem switch
                {
                    "health-topics" => 110_000m * months,
                    "world-hypertension-day" => 50_000m,
                    _ => 30_000m,
                };
                yield return ("agency", amount, "content agency");
            }
        }

        private List<Objective> Objectives(Family family, List<DemoCampaignTruth> rows, List<BudgetLine> lines, decimal extrapolate)
        {
            var objectives = new List<Objective>();
            var paid = rows.Where(r => DemoCatalog.Channels.First(c => c.Name == r.Channel).CostPerTouch > 0).Sum(r => r.Touchpoints);
            var touches = rows.Sum(r => r.Touchpoints);
            var ambition = 0.9m + (0.25m * (decimal)rng.NextDouble());
            if (paid > 0)
            {
                objectives.Add(new("reach", (double)Nice(paid * extrapolate * ambition), "impressions of the campaign's spend rows"));
            }

            objectives.Add(new("participants", (double)Nice(Math.Max(1, touches * extrapolate * 0.8m * ambition)), "distinct users touched"));
            if (family.Roi > 0)
            {
                var outlay = lines.Sum(l => l.Planned);
                objectives.Add(new("attributed_revenue", (double)Nice(2m * outlay * (1m + (decimal)family.Roi)), "last-touch attribution, campaigns as labels"));
                objectives.Add(new("roi", family.Roi, "gross profit net of spend and costs, over spend and costs"));
            }
            else
            {
                objectives.Add(new("touchpoints", (double)Nice(Math.Max(1, touches * extrapolate * ambition)), "people reached by the response"));
            }

            return objectives;
        }

        /// <summary>The next quarter: the next live-stream programme with its resources confirmed, and the next seasonal event in planning.</summary>
        private IEnumerable<Draft> NextQuarter(List<Draft> drafts)
        {
            var first = new YearMonth(lastMonth.Year, ((Quarter(lastMonth) - 1) * 3) + 1).AddMonths(3);
            var current = drafts.Last(d => d.Stem == "live");
            var liveId = LiveProgrammeId(first.Year, Quarter(first));
            var live = current.Campaign with
            {
                Id = liveId,
                Name = string.Create(Inv, $"{current.Family.Name} {first.Year} Q{Quarter(first)}"),
                Start = first.FirstDay,
                End = LastDay(first.AddMonths(2)),
                Codes = [LiveCode(first), LiveCode(first.AddMonths(1)), LiveCode(first.AddMonths(2))],
                Budget = [.. current.Campaign.Budget.Select(l => l with { Planned = Nice(l.Planned * 1.05m) })],
                Milestones = [new("Brief approved", first.FirstDay.AddDays(-28), first.FirstDay.AddDays(-28) <= windowEnd), new("Kick-off", first.FirstDay, false), new("Wrap-up report", LastDay(first.AddMonths(2)).AddDays(7), false)],
                Kit = ContentKit.Empty,
                Stage = CampaignStage.ResourcesConfirmed,
            };
            yield return new Draft(liveId, "live", live, current.Family, null);

            var next = Yearly
                .Select(y =>
                {
                    var year = windowEnd.Year;
                    var start = new DateOnly(year, y.FromMonth, y.FromDay);
                    if (start <= windowEnd)
                    {
                        start = start.AddYears(1);
                    }

                    return (y.Stem, Start: start);
                })
                .OrderBy(x => x.Start).ThenBy(x => x.Stem, StringComparer.Ordinal).First();
            var code = string.Create(Inv, $"{next.Stem}-{next.Start.Year:D4}");
            var previous = drafts.Where(d => d.Stem == next.Stem).MaxBy(d => d.Campaign.Start)!;
            var days = previous.Campaign.End.DayNumber - previous.Campaign.Start.DayNumber;
            var planned = previous.Campaign with
            {
                Id = code,
                Name = string.Create(Inv, $"{previous.Family.Name} {next.Start.Year}"),
                Start = next.Start,
                End = next.Start.AddDays(days),
                Codes = [code],
                Budget = [.. previous.Campaign.Budget.Select(l => l with { Planned = Nice(l.Planned * 1.08m), Note = l.Note is null ? null : "draft" })],
                Milestones = [new("Brief approved", next.Start.AddDays(-28), false), new("Kick-off", next.Start, false), new("Wrap-up report", next.Start.AddDays(days + 7), false)],
                Kit = previous.Campaign.Kit == ContentKit.Empty ? ContentKit.Empty
                    : new ContentKit(previous.Campaign.Kit.Messages, [.. previous.Campaign.Kit.Links.Select(l => l with { Url = l.Url.Replace(previous.Id, code, StringComparison.Ordinal) })]),
                Stage = CampaignStage.Planning,
            };
            yield return new Draft(code, next.Stem, planned, previous.Family, null);
        }

        private Squad Staff(string id, string name, List<Draft> drafts)
        {
            var family = drafts[0].Family;
            var members = new List<SquadMember>();
            void Add(string unit, SquadRole role)
            {
                var person = Next(unit, members);
                members.Add(new SquadMember(person, role));
            }

            Add(family.LeadUnit, SquadRole.Lead);
            Add("brand", SquadRole.Creative);
            if (drafts.Any(d => d.Campaign.Budget.Any(l => l.Kind == BudgetItemKind.Channel && l.Item is not "livestream" and not "wechat_official")))
            {
                Add("online_promotion", SquadRole.Media);
            }

            Add(family.Type is CampaignType.ContentSeries or CampaignType.MissionMarketing or CampaignType.InfluencerCollaboration ? "content_ops" : "new_media", SquadRole.Content);
            Add("data_center", SquadRole.Analyst);
            foreach (var unit in family.Extra)
            {
                Add(unit, SquadRole.Other);
            }

            for (var h = 0; h < family.Hosts; h++)
            {
                // The 618 and Double 11 squads' host is the CEO; the live programmes take theirs from the host roster.
                var host = family.Type == CampaignType.StorePromotion ? Ceo : NextHost(members);
                members.Add(new SquadMember(host, SquadRole.Host));
            }

            var start = drafts.Min(d => d.Campaign.Start).AddDays(-28);
            var end = drafts.Max(d => d.Campaign.End).AddDays(14);
            return new Squad(id, name, members, start, end, [.. drafts.Select(d => d.Id)]);
        }

        private string Next(string unit, List<SquadMember> members)
        {
            var staff = unitStaff[unit];
            var at = cursors.GetValueOrDefault(unit);
            for (var tries = 0; tries < staff.Count; tries++)
            {
                var person = staff[(at + tries) % staff.Count];
                if (members.All(m => m.Person != person))
                {
                    cursors[unit] = at + tries + 1;
                    return person;
                }
            }

            throw new InvalidOperationException("unit " + unit + " has too few people for a squad");
        }

        private string NextHost(List<SquadMember> members)
        {
            var at = cursors.GetValueOrDefault("#hosts");
            for (var tries = 0; tries < hosts.Count; tries++)
            {
                var person = hosts[(at + tries) % hosts.Count];
                if (members.All(m => m.Person != person))
                {
                    cursors["#hosts"] = at + tries + 1;
                    return person;
                }
            }

            throw new InvalidOperationException("too few staff hosts");
        }

        /// <summary>
        /// The campaign's history, consistent with its stage: resources confirmed three weeks before the start by the squad
        /// lead, the budget approved by the CMO two weeks before, the kit approved by the head of brand one week before,
        /// promotion on the first day, evaluation the day after the last, closed one to three weeks later.
        /// </summary>
        private Campaign History(Draft draft, Squad squad)
        {
            var c = draft.Campaign;
            var lead = squad.Members.First(m => m.Role == SquadRole.Lead).Person;
            var analyst = squad.Members.First(m => m.Role == SquadRole.Analyst).Person;
            DateTimeOffset At(DateOnly day, int hour) => new(day, new TimeOnly(hour, 0), TimeSpan.Zero);
            var transitions = new List<StageTransition>();
            BudgetApproval? approval = null;
            var kit = c.Kit;
            switch (c.Stage)
            {
                case CampaignStage.Planning:
                    break;
                case CampaignStage.ResourcesConfirmed:
                    transitions.Add(new(CampaignStage.Planning, CampaignStage.ResourcesConfirmed, lead, At(lastMonth.FirstDay.AddDays(19), 2), "squad and budget lines confirmed"));
                    break;
                default:
                    transitions.Add(new(CampaignStage.Planning, CampaignStage.ResourcesConfirmed, lead, At(c.Start.AddDays(-21), 2), "squad and budget lines confirmed"));
                    approval = new BudgetApproval(BudgetApprover, At(c.Start.AddDays(-14), 6), c.PlannedTotal, "approved at the monthly budget review");
                    if (kit.Messages.Count > 0)
                    {
                        kit = kit with { ApprovedBy = KitApprover, ApprovedAt = At(c.Start.AddDays(-7), 3) };
                    }

                    transitions.Add(new(CampaignStage.ResourcesConfirmed, CampaignStage.Promotion, lead, At(c.Start, 1), null));
                    if (c.Stage >= CampaignStage.Evaluation)
                    {
                        transitions.Add(new(CampaignStage.Promotion, CampaignStage.Evaluation, analyst, At(c.End.AddDays(1), 2), null));
                    }

                    if (c.Stage == CampaignStage.Closed)
                    {
                        transitions.Add(new(CampaignStage.Evaluation, CampaignStage.Closed, BudgetApprover, At(c.End.AddDays(8 + rng.Next(14)), 8), "evaluation reviewed"));
                    }

                    break;
            }

            return c with { Transitions = transitions, BudgetApproval = approval, Kit = kit };
        }

        /// <summary>
        /// One session per live day, 20:00 China time (19:30 for the 618 and Double 11 specials, which the CEO hosts),
        /// hosted by the quarter's staff hosts in turn and on the 26th by an invited influencer. Orders and GMV are the live
        /// room's exact figures of the day (<see cref="DemoLiveDayTruth"/>); viewers are the day's live-stream touchpoints
        /// times 6 to 9 (the panel records the viewers who clicked through or visited; the platform counts everyone who
        /// watched), the peak 22–38% of viewers, new followers 2–5% of them.
        /// </summary>
        private List<LiveStreamFact> Sessions(Dictionary<string, Squad> squads)
        {
            var random = new DemoRandom(truth.Seed, 8);
            var sessions = new List<LiveStreamFact>();
            var turn = 0;
            foreach (var day in truth.LiveDays)
            {
                var special = (day.Date.Month == 6 && day.Date.Day == 18) || (day.Date.Month == 11 && day.Date.Day == 11);
                var squad = squads[CampaignIdOf(day.Campaign) + "-squad"];
                var roster = squad.Members.Where(m => m.Role == SquadRole.Host).Select(m => m.Person).ToList();
                var (kind, host) = special ? (HostKind.Staff, Ceo)
                    : day.Date.Day == 26 ? (HostKind.Influencer, Influencers[(day.Date.Month - 1) % Influencers.Length])
                    : (HostKind.Staff, roster[turn++ % roster.Count]);
                var start = new DateTimeOffset(day.Date, special ? new TimeOnly(19, 30) : new TimeOnly(20, 0), LiveOffset);
                var end = start.AddMinutes(special ? 240 : 120 + (15 * random.Next(5)));
                var viewers = (long)Math.Round(day.Touchpoints * (6.0 + (3.0 * random.NextDouble())), MidpointRounding.AwayFromZero);
                var peak = viewers == 0 ? 0 : Math.Max(1, (long)Math.Round(viewers * (0.22 + (0.16 * random.NextDouble())), MidpointRounding.AwayFromZero));
                var followers = (long)Math.Round(viewers * (0.02 + (0.03 * random.NextDouble())), MidpointRounding.AwayFromZero);
                var id = string.Create(Inv, $"kn-live-{day.Date:yyyyMMdd}");
                sessions.Add(new LiveStreamFact(id, day.Campaign, host, kind, start, end, viewers, peak, followers, day.Orders, day.Gmv));
            }

            return sessions;
        }
    }

    /// <summary>Rounds a positive amount up to three significant figures (at least 1), so plans read like plans.</summary>
    private static decimal Nice(decimal amount)
    {
        if (amount <= 1)
        {
            return 1;
        }

        var step = 1m;
        while (amount / step >= 1000)
        {
            step *= 10;
        }

        return Math.Ceiling(amount / step) * step;
    }
}
