using System.Text.Json.Serialization;
using Mercato.Core.DataCenter;
using Mercato.Core.Kpis;

namespace Mercato.Core.Campaigns;

/// <summary>An evidence metric of a brand-cycle step.</summary>
/// <param name="Id">Snake_case id, unique over all steps.</param>
/// <param name="Name">Display name.</param>
/// <param name="Unit">What the value measures.</param>
/// <param name="Formula">How it is computed, in words.</param>
/// <param name="Computed">True when <see cref="BrandCycle.Board"/> computes it from the campaigns and the spend; false when the caller supplies it.</param>
public sealed record StepMetric(string Id, string Name, KpiUnit Unit, string Formula, bool Computed);

/// <summary>A step of the 9+1 brand cycle (DOMAIN.md §5).</summary>
/// <param name="Number">1 to 9.</param>
/// <param name="Id">Snake_case id.</param>
/// <param name="Name">The step's name.</param>
/// <param name="What">What the step does, from DOMAIN.md.</param>
/// <param name="Purpose">Its purpose, from DOMAIN.md.</param>
/// <param name="Evidence">The metrics that show it working.</param>
public sealed record BrandStep(int Number, string Id, string Name, string What, string Purpose, IReadOnlyList<StepMetric> Evidence);

/// <summary>The state of a step in the current cycle; written in snake_case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepState>))]
public enum StepState
{
    /// <summary>No campaign serving the step closed in the current cycle, and none is open.</summary>
    [JsonStringEnumMemberName("not_started")]
    NotStarted,

    /// <summary>A campaign serving the step is open (any stage before closed), none closed yet in the current cycle.</summary>
    [JsonStringEnumMemberName("in_progress")]
    InProgress,

    /// <summary>A campaign serving the step closed (after its evaluation) in the current cycle.</summary>
    [JsonStringEnumMemberName("done")]
    Done,
}

/// <summary>A supplied evidence value.</summary>
/// <param name="Metric">The <see cref="StepMetric.Id"/>.</param>
/// <param name="Value">The value over the board's window, or null when unknown.</param>
public sealed record StepMetricValue(string Metric, double? Value);

/// <summary>Spend of one campaign on one channel over the board's window (the store's GROUP BY of spend rows, codes mapped to campaign ids).</summary>
/// <param name="Campaign">The campaign id, or null for spend without a (known) campaign code.</param>
/// <param name="Channel">The channel (compared ignoring case).</param>
/// <param name="Spend">Σ spend, not negative.</param>
public sealed record CampaignChannelSpend(string? Campaign, string Channel, decimal Spend);

/// <summary>Step 8's evidence: how concentrated spend and channels are on one campaign.</summary>
/// <param name="Herfindahl">Σ over campaigns of (campaign spend / spend with a campaign)²: 1 when one campaign has all, 1/n when n share equally; null without campaign spend.</param>
/// <param name="TopCampaign">The campaign with the most spend (ties: ordinal id), or null.</param>
/// <param name="TopCampaignShare">Its share of the spend with a campaign, or null.</param>
/// <param name="Channels">Channels with spend above 0 in the window, with or without a campaign.</param>
/// <param name="TopCampaignChannels">Channels with spend above 0 on the top campaign.</param>
/// <param name="TopCampaignChannelShare">TopCampaignChannels / Channels; null without channels.</param>
public sealed record SpendConcentration(
    double? Herfindahl, string? TopCampaign, double? TopCampaignShare, int Channels, int TopCampaignChannels, double? TopCampaignChannelShare);

/// <summary>An evidence metric with its value on the board.</summary>
/// <param name="Metric">The metric id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Value">The value, or null when not supplied or undefined.</param>
/// <param name="Formula">Its formula.</param>
public sealed record StepEvidence(string Metric, string Name, double? Value, string Formula);

/// <summary>A step on the brand board.</summary>
/// <param name="Number">1 to 9.</param>
/// <param name="Id">Step id.</param>
/// <param name="Name">Step name.</param>
/// <param name="Purpose">Its purpose.</param>
/// <param name="State">In the current cycle.</param>
/// <param name="Campaigns">Every campaign serving the step (ordinal id).</param>
/// <param name="DoneBy">Campaigns serving it that closed in the current cycle.</param>
/// <param name="Open">Campaigns serving it that are not closed.</param>
/// <param name="Evidence">Its evidence metrics.</param>
public sealed record StepStatus(
    int Number, string Id, string Name, string Purpose, StepState State, IReadOnlyList<string> Campaigns, IReadOnlyList<string> DoneBy,
    IReadOnlyList<string> Open, IReadOnlyList<StepEvidence> Evidence);

/// <summary>The brand board: the nine steps and how many times the brand has gone round.</summary>
/// <param name="CompletedCycles">Cycles completed.</param>
/// <param name="CompletedAt">When each completed (the closing that completed it).</param>
/// <param name="CurrentCycle">CompletedCycles + 1: the round the brand is on (the "+1").</param>
/// <param name="Window">The window the evidence covers.</param>
/// <param name="Steps">The nine steps in order.</param>
public sealed record BrandBoard(int CompletedCycles, IReadOnlyList<DateTimeOffset> CompletedAt, int CurrentCycle, DateRange Window, IReadOnlyList<StepStatus> Steps);

/// <summary>
/// The 9+1 brand marketing cycle (DOMAIN.md §5): a brand grows by going round nine steps and then round again. Pure
/// functions over the campaigns (which steps they serve, when they closed) and supplied evidence values.
/// </summary>
/// <remarks>
/// Cycles: closed campaigns are taken in order of their closing time (then id); each adds the steps it serves to the
/// current cycle's done set; when the set holds all nine steps the cycle completes and the next one starts empty. Steps a
/// closing serves are all credited to the cycle it completes (none carry over). A step is done in the current cycle when
/// a campaign serving it closed since the last completion; in progress when not done and a campaign serving it is open;
/// otherwise not started. A cancelled campaign serves no step: it never closes, is not open and is not listed among a
/// step's campaigns. Its spend still counts in step 8's concentration figures: the money was spent.
/// </remarks>
public static class BrandCycle
{
    /// <summary>Nine steps.</summary>
    public const int StepCount = 9;

    /// <summary>The channel groups that count as search and portal coverage for step 2.</summary>
    public static IReadOnlyList<ChannelGroup> SearchPortalGroups { get; } = [ChannelGroup.PaidSearch, ChannelGroup.Content, ChannelGroup.PrEarned];

    private static StepMetric S(string id, string name, KpiUnit unit, string formula) => new(id, name, unit, formula, false);

    private static StepMetric C(string id, string name, KpiUnit unit, string formula) => new(id, name, unit, formula, true);

    /// <summary>The nine steps, in order.</summary>
    public static IReadOnlyList<BrandStep> Steps { get; } =
    [
        new(1, "tell_stories", "Tell stories",
            "The company's story (vision, philosophy, culture), the founder's (how it started, endorsements), the product's (selling-point stories).",
            "A source of information people want to pass on.",
            [
                S("stories_published", "Stories published", KpiUnit.Count, "The content_published KPI over the window: content items whose first event falls in it."),
                S("story_shares", "Story shares", KpiUnit.Count, "The content_shares KPI over the window: share events of content."),
            ]),
        new(2, "spread_information", "Spread information",
            "Place information in advance in industry portals, general portals, traditional media and search engines.",
            "When customers search, they find you.",
            [
                S("search_portal_touchpoints", "Search and portal touchpoints", KpiUnit.Count,
                    "Touchpoints in the window whose channel is in the paid_search, content (SEO, official site) or pr_earned group."),
                S("mentions", "Mentions", KpiUnit.Count, "Mentions of the brand in the window from public-opinion monitoring (none until listening data is loaded)."),
            ]),
        new(3, "build_channels", "Build channels",
            "Online channels (resource swaps, alliances) and offline ones (product experience, gatherings).",
            "Stable promotion channels.",
            [
                S("active_channels", "Active channels", KpiUnit.Count, "Distinct channels with a touchpoint or spend in the window."),
                S("new_channels", "New channels", KpiUnit.Count, "Channels whose first touchpoint or spend in all the data falls in the window."),
            ]),
        new(4, "play_in_circles", "Play in circles",
            "Join other circles to widen contacts; build your own and recruit fans.",
            "Shared interest and emotional bonds with fans.",
            [
                S("followers_gained", "Followers gained", KpiUnit.Count, "The followers_gained KPI over the window: community members won on the official accounts."),
                S("community_interactions", "Community interactions", KpiUnit.Count, "The social_interactions KPI over the window: how engaged the fans are, not how many."),
            ]),
        new(5, "upgrade_product", "Upgrade the product",
            "Iterate core products, launch new ones.",
            "Experience beyond expectation.",
            [
                C("launches_closed", "Launches closed", KpiUnit.Count, "Product-launch campaigns serving step 5 that closed in the window."),
                S("retention_d30", "Day-30 retention", KpiUnit.Ratio, "The retention_d30 KPI over the window."),
            ]),
        new(6, "event_marketing", "Event marketing",
            "Combine product stories, celebrity effect and hot social events.",
            "Turn prospects into buyers.",
            [
                S("event_conversions", "Event conversions", KpiUnit.Count, "Σ attributed conversions of the campaigns serving step 6 over the window (their evaluations)."),
                S("gmv", "GMV", KpiUnit.Money, "The gmv KPI over the window."),
            ]),
        new(7, "initiate_call", "Initiate a call",
            "Convene industry events and alliances.",
            "The image of an industry leader.",
            [
                C("industry_events", "Industry events", KpiUnit.Count, "Exhibition and brand-event campaigns serving step 7 whose schedule overlaps the window."),
                S("pr_touchpoints", "PR and earned touchpoints", KpiUnit.Count, "Touchpoints in the window whose channel is in the pr_earned group."),
            ]),
        new(8, "integrated_marketing", "Integrated marketing",
            "Put all resources (channels, content, tools) behind one theme at once.",
            "A breakout moment of communication.",
            [
                C("spend_hhi", "Spend concentration (Herfindahl)", KpiUnit.Ratio,
                    "Σ over campaigns of (campaign spend / spend carrying a campaign code)² in the window: 1 when one campaign takes all, 1/n when n share equally."),
                C("top_campaign_channel_share", "Channels on the top campaign", KpiUnit.Ratio,
                    "Channels with spend on the campaign with the most spend / channels with any spend in the window."),
            ]),
        new(9, "brand_upgrade", "Brand upgrade",
            "Positioning, image and creative upgraded.",
            "Higher tonality and premium pricing room.",
            [
                C("upgrades_closed", "Brand upgrades closed", KpiUnit.Count, "Campaigns serving step 9 that closed in the window."),
                S("aov", "Average order value", KpiUnit.Money, "The aov KPI over the window: premium pricing room shows in what a buyer pays."),
            ]),
    ];

    /// <summary>A step by number (1–9), or null.</summary>
    public static BrandStep? Find(int number) => number is >= 1 and <= StepCount ? Steps[number - 1] : null;

    /// <summary>
    /// Step 8's evidence from spend rows: Herfindahl index of the campaigns' spend shares (rows without a campaign left
    /// out), the top campaign, and the share of the window's channels active on it. Rows with spend 0 are ignored.
    /// </summary>
    /// <exception cref="ArgumentException">A row's spend is negative.</exception>
    public static SpendConcentration Concentration(IEnumerable<CampaignChannelSpend> spend)
    {
        ArgumentNullException.ThrowIfNull(spend);
        var rows = spend.ToList();
        if (rows.Any(r => r.Spend < 0))
        {
            throw new ArgumentException("spend must not be negative", nameof(spend));
        }

        rows = [.. rows.Where(r => r.Spend > 0)];
        var channels = rows.Select(r => r.Channel.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Count();
        var byCampaign = rows.Where(r => r.Campaign is not null)
            .GroupBy(r => r.Campaign!, StringComparer.Ordinal)
            .Select(g => (Campaign: g.Key, Spend: g.Sum(r => r.Spend), Channels: g.Select(r => r.Channel.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Count()))
            .OrderByDescending(g => g.Spend).ThenBy(g => g.Campaign, StringComparer.Ordinal)
            .ToList();
        var total = byCampaign.Sum(g => g.Spend);
        if (total == 0)
        {
            return new SpendConcentration(null, null, null, channels, 0, channels > 0 ? 0 : null);
        }

        var hhi = byCampaign.Sum(g => Math.Pow((double)(g.Spend / total), 2));
        var top = byCampaign[0];
        return new SpendConcentration(hhi, top.Campaign, (double)(top.Spend / total), channels, top.Channels, (double)top.Channels / channels);
    }

    /// <summary>
    /// Cycles completed by the closed campaigns (see the class remarks): the closing times that completed a cycle, and the
    /// steps done in the current cycle with the campaigns that did them.
    /// </summary>
    public static (IReadOnlyList<DateTimeOffset> CompletedAt, IReadOnlyDictionary<int, IReadOnlyList<string>> DoneBy) Cycles(IEnumerable<Campaign> campaigns)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        var completed = new List<DateTimeOffset>();
        var done = new Dictionary<int, List<string>>();
        var closings = campaigns
            .Select(c => (Campaign: c, At: c.ClosedAt))
            .Where(x => x.At is not null)
            .OrderBy(x => x.At).ThenBy(x => x.Campaign.Id, StringComparer.Ordinal);
        foreach (var (campaign, at) in closings)
        {
            foreach (var step in campaign.BrandSteps.Where(s => s is >= 1 and <= StepCount).Distinct())
            {
                if (!done.TryGetValue(step, out var list))
                {
                    done[step] = list = [];
                }

                list.Add(campaign.Id);
            }

            if (done.Count == StepCount)
            {
                completed.Add(at!.Value);
                done.Clear();
            }
        }

        return (completed, done.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)[.. p.Value.Order(StringComparer.Ordinal)]));
    }

    /// <summary>
    /// Spend per campaign and channel for step 8: each row's code mapped to its campaign by
    /// <see cref="CampaignCalendar.CodeMap"/> (exact; a code no campaign claims and a row without a code give a null
    /// campaign), channels lower-cased; ordered by campaign (null first), then channel.
    /// </summary>
    public static IReadOnlyList<CampaignChannelSpend> CampaignChannelSpend(IEnumerable<Campaign> campaigns, IEnumerable<CodeChannelSpend> rows)
    {
        var codes = CampaignCalendar.CodeMap(campaigns);
        return [.. rows
            .GroupBy(r => (Campaign: r.Code is not null && codes.TryGetValue(r.Code, out var id) ? id : null, Channel: r.Channel.ToLowerInvariant()))
            .OrderBy(g => g.Key.Campaign, StringComparer.Ordinal).ThenBy(g => g.Key.Channel, StringComparer.Ordinal)
            .Select(g => new CampaignChannelSpend(g.Key.Campaign, g.Key.Channel, g.Sum(r => r.Spend)))];
    }

    /// <summary>
    /// The brand board: for each step its state in the current cycle, the campaigns serving it, and its evidence over
    /// <paramref name="window"/> (computed metrics from the campaigns and <paramref name="spend"/>, the others from
    /// <paramref name="values"/>; unknown ids in <paramref name="values"/> are ignored, a repeated id keeps the last).
    /// Closing days for "closed in the window" are local days in <paramref name="zone"/> (UTC by default).
    /// </summary>
    public static BrandBoard Board(
        IReadOnlyList<Campaign> campaigns, DateRange window, IEnumerable<StepMetricValue>? values = null,
        IEnumerable<CampaignChannelSpend>? spend = null, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        campaigns = [.. campaigns.Where(c => c.Stage != CampaignStage.Cancelled)];
        var tz = zone ?? TimeZoneInfo.Utc;
        var (completedAt, doneBy) = Cycles(campaigns);
        var supplied = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var v in values ?? [])
        {
            supplied[v.Metric] = v.Value;
        }

        var concentration = Concentration(spend ?? []);
        bool ClosedIn(Campaign c) => c.ClosedAt is { } at && window.Contains(LocalTime.DayOf(at, tz));
        var computed = new Dictionary<string, double?>(StringComparer.Ordinal)
        {
            ["launches_closed"] = campaigns.Count(c => c.Type == CampaignType.ProductLaunch && c.BrandSteps.Contains(5) && ClosedIn(c)),
            ["industry_events"] = campaigns.Count(c => c.Type is CampaignType.Exhibition or CampaignType.BrandEvent
                && c.BrandSteps.Contains(7) && c.Schedule.Overlaps(window)),
            ["spend_hhi"] = concentration.Herfindahl,
            ["top_campaign_channel_share"] = concentration.TopCampaignChannelShare,
            ["upgrades_closed"] = campaigns.Count(c => c.BrandSteps.Contains(9) && ClosedIn(c)),
        };

        var steps = Steps.Select(step =>
        {
            var serving = campaigns.Where(c => c.BrandSteps.Contains(step.Number)).Select(c => c.Id).Order(StringComparer.Ordinal).ToList();
            var open = campaigns.Where(c => c.BrandSteps.Contains(step.Number) && !CampaignLifecycle.IsTerminal(c.Stage))
                .Select(c => c.Id).Order(StringComparer.Ordinal).ToList();
            var done = doneBy.GetValueOrDefault(step.Number) ?? [];
            var state = done.Count > 0 ? StepState.Done : open.Count > 0 ? StepState.InProgress : StepState.NotStarted;
            var evidence = step.Evidence.Select(m => new StepEvidence(m.Id, m.Name,
                m.Computed ? computed[m.Id] : supplied.GetValueOrDefault(m.Id), m.Formula)).ToList();
            return new StepStatus(step.Number, step.Id, step.Name, step.Purpose, state, serving, done, open, evidence);
        }).ToList();

        return new BrandBoard(completedAt.Count, completedAt, completedAt.Count + 1, window, steps);
    }
}
