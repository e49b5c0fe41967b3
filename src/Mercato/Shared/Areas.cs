using Mercato.Core.Access;

namespace Mercato.Shared;

/// <summary>One area of the product in the navigation, and what a person needs to open it (the navigation shows only those).</summary>
public sealed record Area(string Path, string Title, bool Built, string Purpose, string Coming, Permission Needs = Permission.ReadReports);

/// <summary>The areas of the product. An area not built yet says so plainly and shows nothing invented.</summary>
public static class Areas
{
    public static IReadOnlyList<Area> All { get; } =
    [
        new("/", "Overview", true, "What the workspace holds.", ""),
        new("/organization", "Organization", true,
            "The marketing and operations organization as data: units, reporting lines, the functions each unit owns, the KPIs each answers for, with overlaps and gaps.",
            "Org chart, function catalog, boundary analysis, KPI scorecards."),
        new("/campaigns", "Campaigns", true,
            "Campaigns run as business units by cross-functional squads, through the activity lifecycle and the 9+1 brand cycle.",
            "Campaigns, squads, lifecycle board, calendar, brand cycle, all-staff referrals, live streams.", Permission.ReadCampaign),
        new("/datacenter", "Data center", true, "Every channel's spend, touchpoints, conversions, costs and user activity, imported safely.", ""),
        new("/measurement", "Measurement", true,
            "Closed-loop channel measurement: monthly and long-term ROI, multi-touch attribution, journeys, cohorts.",
            "Channel scorecard, ROI trend, attribution models side by side, journey Sankey, cohort LTV and payback."),
        new("/listening", "Listening", true,
            "Public-opinion monitoring: mentions, sentiment, spikes and crisis alerts.",
            "Mention streams, sentiment trend, spike detection, crisis alerts."),
        new("/influencers", "Influencers", true,
            "Influencer (KOL) audits: engagement quality, fake followers, fit and results.",
            "KOL audits, fake-follower scoring, campaign results per influencer."),
        new("/ad-monitoring", "Ad monitoring", true,
            "Ad delivery monitoring: budget pacing, anomalies and invalid traffic.",
            "Pacing, delivery anomalies, invalid traffic with the claim list."),
        new("/audit", "Audit log", true, "Every write: who, when, through which door and from where, with documents before and after.", "", Permission.ReadAudit),
    ];
}
