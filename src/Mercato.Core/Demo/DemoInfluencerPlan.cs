using System.Globalization;
using Mercato.Core.Influencers;

namespace Mercato.Core.Demo;

/// <summary>
/// One collaboration of the plan: the campaign stem it joins (<c>kol-doctor-talks</c> is always on and contracted by
/// half-year; the others follow their KOL slot in the calendar), the fee per day for a company of a million users, the
/// influencer's relative share of the campaign's KOL touches while it runs, and the deliverables.
/// </summary>
internal sealed record DemoCollaborationSpec(string Stem, decimal DailyFee, double Weight, (DeliverableKind Kind, int Count)[] Deliverables);

/// <summary>
/// One influencer of the demo directory: who it is, its codes, and the parameters its facts are drawn from: followers when
/// the window opens (organic, before any bought ones), yearly organic growth, the true share of fake accounts in its whole
/// audience at the window's end, its engagement over its tier's and platform's norm, and organic posts per week.
/// </summary>
internal sealed record DemoInfluencerSpec(
    string Id, string Name, InfluencerPlatform Platform, string Handle, string[] Categories, (DeliverableKind Kind, decimal Price)[] Rates,
    string[] Referral, string? Host, string CostCode, long StartFollowers, double YearlyGrowth, double FakeShare, double Engagement,
    double PostsPerWeek, long Following, long PostsBefore, DemoCollaborationSpec[] Collaborations, string Notes);

/// <summary>A collaboration placed in the window: days are window day indexes, inclusive.</summary>
internal sealed record DemoPlannedCollaboration(
    int Index, int Influencer, string Id, string Campaign, int FirstDay, int LastDay, decimal PlannedFee, double Weight, Deliverable[] Deliverables)
{
    public int Days => LastDay - FirstDay + 1;
}

/// <summary>
/// The demo's influencers placed on the calendar: each collaboration of <see cref="DemoInfluencers"/>' directory on the
/// days of its campaign's KOL slot, with its fee for the scale, and for every KOL slot the collaborations that may carry
/// its touches.
/// </summary>
internal sealed class DemoInfluencerPlan
{
    /// <summary>The influencer with bought followers.</summary>
    public const int BoughtIndex = 4;

    /// <summary>The micro influencer whose audience converts.</summary>
    public const int ConverterIndex = 3;

    /// <summary>The candidate with only a proposed collaboration.</summary>
    public const int CandidateIndex = 7;

    /// <summary>The influencer whose viral post brings a bump in followers.</summary>
    public const int ViralIndex = 2;

    public static IReadOnlyList<DemoInfluencerSpec> Specs { get; } =
    [
        new("kol-dr-tang", "唐医生健康说", InfluencerPlatform.Douyin, "drtang_health", ["medical science", "health"],
            [(DeliverableKind.Video, 18_000m), (DeliverableKind.Live, 45_000m)],
            ["KOL-DRTANG"], "Dr. Tang Health Talk", "kol-fee-drtang", 300_000, 0.22, 0.06, 1.0, 4.0, 410, 860,
            [new("kol-doctor-talks", 450m, 3.0, [(DeliverableKind.Video, 24), (DeliverableKind.Live, 2)]),
             new("bp-monitor-x3-launch", 350m, 2.0, [(DeliverableKind.Video, 4), (DeliverableKind.Live, 1)])],
            "Cardiologist at a Chengdu hospital; explains readings and hypertension in plain words."),
        new("kol-nurse-ling", "护士小玲在家", InfluencerPlatform.Xiaohongshu, "nurse_ling_home", ["elderly care", "health"],
            [(DeliverableKind.Post, 6_000m), (DeliverableKind.Video, 9_000m), (DeliverableKind.Live, 20_000m)],
            ["KOL-NURSELING"], "Nurse Ling at Home", "kol-fee-nurseling", 118_000, 0.25, 0.04, 1.1, 3.5, 260, 540,
            [new("kol-doctor-talks", 250m, 2.0, [(DeliverableKind.Post, 24), (DeliverableKind.Live, 2)]),
             new("cny-gift-for-parents", 300m, 2.0, [(DeliverableKind.Post, 4), (DeliverableKind.Video, 2)])],
            "Home-care nurse; notes on caring for elderly parents."),
        new("kol-xiaoyu-family", "小雨家庭护理", InfluencerPlatform.Kuaishou, "xiaoyu_family_care", ["parenting", "elderly care"],
            [(DeliverableKind.Video, 10_000m), (DeliverableKind.Live, 25_000m)],
            ["KOL-XIAOYU"], "Xiaoyu Family Care", "kol-fee-xiaoyu", 165_000, 0.18, 0.09, 0.9, 5.0, 530, 1_240,
            [new("cny-gift-for-parents", 350m, 2.0, [(DeliverableKind.Video, 5), (DeliverableKind.Live, 1)]),
             new("618-promo", 400m, 2.0, [(DeliverableKind.Video, 4), (DeliverableKind.Live, 1)])],
            "A young mother caring for her parents and her children; family health routines."),
        new("kol-uncle-zhao", "赵叔量血压", InfluencerPlatform.WechatChannels, "uncle_zhao_bp", ["elderly care", "health"],
            [(DeliverableKind.Video, 1_500m), (DeliverableKind.Live, 4_000m)],
            ["KOL-UNCLEZHAO", "ZHAO-BP"], "Uncle Zhao Checks Blood Pressure", "kol-fee-unclezhao", 30_500, 0.35, 0.03, 1.9, 3.0, 180, 310,
            [new("kol-doctor-talks", 60m, 1.6, [(DeliverableKind.Video, 20), (DeliverableKind.Live, 2)]),
             new("bp-monitor-x3-launch", 80m, 2.0, [(DeliverableKind.Video, 4)]),
             new("double11-promo", 80m, 2.0, [(DeliverableKind.Video, 3), (DeliverableKind.Live, 1)])],
            "Retired teacher who measures his blood pressure every morning on camera; a small, loyal audience of retirees."),
        new("kol-health-star", "健康星球日报", InfluencerPlatform.Weibo, "health_planet_daily", ["health", "fitness"],
            [(DeliverableKind.Post, 60_000m), (DeliverableKind.Video, 120_000m)],
            ["KOL-HEALTHSTAR"], null, "kol-fee-healthstar", 1_940_000, 0.08, 0.45, 0.22, 6.0, 1_350, 5_600,
            [new("bp-monitor-x3-launch", 1_400m, 0.6, [(DeliverableKind.Post, 6), (DeliverableKind.Video, 2)]),
             new("618-promo", 1_500m, 0.5, [(DeliverableKind.Post, 4), (DeliverableKind.Video, 1)]),
             new("double11-promo", 1_500m, 0.5, [(DeliverableKind.Post, 5), (DeliverableKind.Video, 1)])],
            "Health news account with a very large following; pitched by an agency as a mega reach buy."),
        new("kol-coach-li", "李教练燃脂课", InfluencerPlatform.Bilibili, "coach_li_fit", ["fitness", "health"],
            [(DeliverableKind.Video, 30_000m), (DeliverableKind.Live, 50_000m)],
            ["KOL-COACHLI", "LI-FIT"], null, "kol-fee-coachli", 520_000, 0.18, 0.11, 0.95, 3.0, 620, 980,
            [new("618-promo", 400m, 1.5, [(DeliverableKind.Video, 3)]),
             new("oximeter-o2-launch", 500m, 1.5, [(DeliverableKind.Video, 4), (DeliverableKind.Live, 1)])],
            "Fitness coach; workouts with heart-rate and oxygen checks."),
        new("kol-mama-chen", "陈妈妈育儿记", InfluencerPlatform.Xiaohongshu, "mama_chen_parenting", ["parenting", "health"],
            [(DeliverableKind.Post, 8_000m), (DeliverableKind.Video, 12_000m)],
            ["KOL-MAMACHEN"], null, "kol-fee-mamachen", 150_000, 0.2, 0.07, 1.05, 4.0, 350, 720,
            [new("oximeter-o2-launch", 300m, 1.5, [(DeliverableKind.Post, 4), (DeliverableKind.Video, 2)]),
             new("double11-promo", 350m, 1.5, [(DeliverableKind.Post, 4), (DeliverableKind.Video, 2)])],
            "Mother of two; family health notes, from fevers to grandparents' check-ups."),
        new("kol-dr-fang", "方医生科普", InfluencerPlatform.Bilibili, "drfang_science", ["medical science"],
            [(DeliverableKind.Video, 22_000m), (DeliverableKind.Live, 40_000m)],
            ["KOL-DRFANG"], null, "kol-fee-drfang", 255_000, 0.2, 0.05, 1.0, 2.5, 290, 410,
            [],
            "Respiratory physician explaining medical science; candidate for next quarter's doctor talks, not signed."),
    ];

    /// <summary>The candidate's proposed deal: next quarter's doctor talks, 90 days from the day after the window.</summary>
    public static DemoCollaborationSpec CandidateProposal { get; } =
        new("kol-doctor-talks", 300m, 0, [(DeliverableKind.Video, 12), (DeliverableKind.Live, 1)]);

    private readonly List<DemoPlannedCollaboration> collaborations = [];
    private readonly List<int>[] slotCollaborations;

    public DemoInfluencerPlan(DemoCalendar calendar, decimal moneyScale)
    {
        Calendar = calendar;
        MoneyScale = moneyScale;
        slotCollaborations = new List<int>[calendar.Slots.Count];
        for (var s = 0; s < slotCollaborations.Length; s++)
        {
            slotCollaborations[s] = [];
        }

        var half = calendar.Months[6].FirstDay.DayNumber - calendar.FirstMonth.FirstDay.DayNumber;
        for (var i = 0; i < Specs.Count; i++)
        {
            foreach (var spec in Specs[i].Collaborations)
            {
                foreach (var slot in calendar.Slots)
                {
                    if (slot.Channel != DemoCatalog.Kol || slot.Campaign is not { } code
                        || !(code == spec.Stem || (code.Length > spec.Stem.Length + 1 && code.StartsWith(spec.Stem + "-", StringComparison.Ordinal) && char.IsAsciiDigit(code[spec.Stem.Length + 1]))))
                    {
                        continue;
                    }

                    if (spec.Stem == "kol-doctor-talks")
                    {
                        // Always on: contracted by half-year.
                        Place(i, slot, spec, slot.FirstDay, half - 1);
                        Place(i, slot, spec, half, slot.LastDay);
                    }
                    else
                    {
                        Place(i, slot, spec, slot.FirstDay, slot.LastDay);
                    }
                }
            }
        }
    }

    public DemoCalendar Calendar { get; }

    public decimal MoneyScale { get; }

    public IReadOnlyList<DemoPlannedCollaboration> Collaborations => collaborations;

    /// <summary>The collaborations that may carry the touches of a slot (on their days).</summary>
    public IReadOnlyList<int> OfSlot(int slot) => slotCollaborations[slot];

    /// <summary>The status of a collaboration as of the window's end: active when it runs to the window's last day.</summary>
    public CollaborationStatus StatusOf(DemoPlannedCollaboration c) =>
        c.LastDay == Calendar.Days - 1 ? CollaborationStatus.Active : CollaborationStatus.Completed;

    /// <summary>
    /// The influencer carrying a KOL touch of <paramref name="slot"/> on <paramref name="day"/>, as the collaboration's
    /// index: the collaborations running then are weighted by their share, and <paramref name="u"/> (uniform in [0, 1),
    /// stable per user) picks one; −1 when none runs.
    /// </summary>
    public int Pick(int slot, int day, double u)
    {
        var list = slotCollaborations[slot];
        var total = 0.0;
        foreach (var c in list)
        {
            var p = collaborations[c];
            if (day >= p.FirstDay && day <= p.LastDay)
            {
                total += p.Weight;
            }
        }

        if (total <= 0)
        {
            return -1;
        }

        var at = u * total;
        var last = -1;
        foreach (var c in list)
        {
            var p = collaborations[c];
            if (day >= p.FirstDay && day <= p.LastDay)
            {
                last = c;
                at -= p.Weight;
                if (at < 0)
                {
                    return c;
                }
            }
        }

        return last;
    }

    /// <summary>
    /// A uniform draw in [0, 1) from a user id and the seed: FNV-1a over the id, finished with SplitMix64. It reads no
    /// random stream, so the generator's draws are the same with or without influencers.
    /// </summary>
    public static ulong UserHash(string userId, int seed)
    {
        var h = 14695981039346656037UL ^ unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL);
        foreach (var ch in userId)
        {
            h = unchecked((h ^ ch) * 1099511628211UL);
        }

        h = unchecked((h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL);
        h = unchecked((h ^ (h >> 27)) * 0x94D049BB133111EBUL);
        return h ^ (h >> 31);
    }

    /// <summary>The uniform double in [0, 1) of a hash's top 53 bits.</summary>
    public static double Uniform(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    /// <summary>The month parts of a collaboration's fee: spread over its days, rounded to cents, the last month taking the rest.</summary>
    public decimal[] MonthParts(DemoPlannedCollaboration c)
    {
        var parts = new decimal[12];
        var first = Calendar.DayMonth[c.FirstDay];
        var last = Calendar.DayMonth[c.LastDay];
        var assigned = 0m;
        for (var m = first; m <= last; m++)
        {
            if (m == last)
            {
                parts[m] = c.PlannedFee - assigned;
                break;
            }

            var days = 0;
            for (var d = c.FirstDay; d <= c.LastDay; d++)
            {
                days += Calendar.DayMonth[d] == m ? 1 : 0;
            }

            parts[m] = Math.Round(c.PlannedFee * days / c.Days, 2, MidpointRounding.ToEven);
            assigned += parts[m];
        }

        return parts;
    }

    private void Place(int influencer, DemoSlot slot, DemoCollaborationSpec spec, int first, int last)
    {
        if (last < first)
        {
            return;
        }

        var start = Calendar.DateOf(first);
        var id = spec.Stem == "kol-doctor-talks"
            ? string.Create(CultureInfo.InvariantCulture, $"{spec.Stem}-{start.Year:D4}-{start.Month:D2}")
            : slot.Campaign!;
        var days = last - first + 1;
        var fee = Math.Round(spec.DailyFee * days * MoneyScale, 2, MidpointRounding.ToEven);
        var deliverables = spec.Deliverables.Select(d => new Deliverable(d.Kind, d.Count)).ToArray();
        var index = collaborations.Count;
        collaborations.Add(new DemoPlannedCollaboration(index, influencer, id, slot.Campaign!, first, last, fee, spec.Weight, deliverables));
        slotCollaborations[slot.Index].Add(index);
    }
}
