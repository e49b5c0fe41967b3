using Mercato.Core.DataCenter;
using Mercato.Core.Listening;

namespace Mercato.Core.Demo;

/// <summary>
/// What is really true about the demo company's year, computed analytically from the simulation's parameters rather than
/// sampled, so that measurement algorithms can be checked against it. Serializable with System.Text.Json.
/// </summary>
/// <param name="Company">The company's name.</param>
/// <param name="Seed">The seed the data was generated with.</param>
/// <param name="Scale">The scale the data was generated at.</param>
/// <param name="FirstMonth">The first month of data.</param>
/// <param name="LastMonth">The last month of data.</param>
/// <param name="CrisisMonth">The month of the public-opinion crisis (a rumoured product recall).</param>
/// <param name="Model">The parameters of the conversion model.</param>
/// <param name="Totals">Counts and sums over everything generated.</param>
/// <param name="Channels">The truth per channel over the whole year, in <see cref="DemoCompany.Channels"/> order.</param>
/// <param name="ChannelMonths">The truth per channel and month, channel-major, months in order.</param>
/// <param name="Months">Totals per month, in order.</param>
/// <param name="Campaigns">The campaigns that ran, in order of first day.</param>
/// <param name="Referrals">Per staff referral code (STAFF-001 to STAFF-240, in order): what the generator knows exactly.</param>
/// <param name="LiveDays">Per live day, in order: the day's live-stream code, touchpoints and live-room orders.</param>
/// <param name="Listening">The year of mentions (<see cref="DemoMentions"/>): null in a truth stored before the demo had
/// mentions, and in the truth <see cref="DemoCompany.Generate"/> returns, which loading completes with
/// <see cref="DemoMentions.Generate"/>.</param>
/// <param name="Ads">The click logs and the ad-monitoring story (<see cref="DemoClickLog"/>): null in a truth stored before
/// the demo had click logs, and in the truth <see cref="DemoCompany.Generate"/> returns alone.</param>
/// <param name="Influencers">The influencer directory's story (<see cref="DemoInfluencers"/>): null in a truth stored before
/// the demo had influencers; the generator fills it after the year is generated, from the KOL touches and fees it booked
/// and the influencer facts of <see cref="DemoInfluencers.Emit"/>.</param>
public sealed record DemoGroundTruth(
    string Company,
    int Seed,
    DemoScale Scale,
    YearMonth FirstMonth,
    YearMonth LastMonth,
    YearMonth CrisisMonth,
    DemoModel Model,
    DemoTotals Totals,
    IReadOnlyList<DemoChannelTruth> Channels,
    IReadOnlyList<DemoChannelMonthTruth> ChannelMonths,
    IReadOnlyList<DemoMonthTruth> Months,
    IReadOnlyList<DemoCampaignTruth> Campaigns,
    IReadOnlyList<DemoReferralTruth> Referrals,
    IReadOnlyList<DemoLiveDayTruth> LiveDays,
    DemoListeningTruth? Listening = null,
    DemoAdTruth? Ads = null,
    DemoInfluencerTruth? Influencers = null);

/// <summary>
/// The conversion model. A journey with touches t₁…tₙ ending in month m converts with probability
/// P = 1 − (1 − k_m·b) · Πᵢ (1 − k_m·p_c(tᵢ)), where b is <see cref="AcquisitionBase"/> or <see cref="RepeatBase"/>,
/// p_c the channel's lift and k_m the month factor.
/// </summary>
/// <param name="AcquisitionBase">b for a user's first (acquisition) journey.</param>
/// <param name="RepeatBase">b for a customer's repeat journeys.</param>
/// <param name="Lifts">p_c per channel.</param>
/// <param name="MonthFactors">k_m per month (below 1 in the crisis month and the month after).</param>
/// <param name="HomeCareMeanRevenue">Expected revenue of a home-care order.</param>
/// <param name="HospitalOrderMeanRevenue">Expected revenue of a hospital (B2B) order.</param>
/// <param name="HospitalShareWithExhibition">Share of hospital orders among conversions of journeys with an exhibition touch.</param>
/// <param name="HospitalShareAcquisition">Share of hospital orders among other acquisition conversions (repeat journeys: 0).</param>
/// <param name="ExpectedGrossMargin">Expected (revenue − product cost) / revenue.</param>
/// <param name="RevenueBasis">How incremental revenue is valued, in words.</param>
public sealed record DemoModel(
    double AcquisitionBase,
    double RepeatBase,
    IReadOnlyList<DemoChannelLift> Lifts,
    IReadOnlyList<DemoMonthFactor> MonthFactors,
    double HomeCareMeanRevenue,
    double HospitalOrderMeanRevenue,
    double HospitalShareWithExhibition,
    double HospitalShareAcquisition,
    double ExpectedGrossMargin,
    string RevenueBasis);

/// <summary>The true per-touch lift of a channel.</summary>
public sealed record DemoChannelLift(string Channel, double Lift);

/// <summary>The factor applied to the base probability and every lift of journeys ending in a month.</summary>
public sealed record DemoMonthFactor(YearMonth Month, double Factor);

/// <summary>Counts and sums over everything the generator emitted, plus the expectations of the conversion model.</summary>
/// <param name="Users">Users generated.</param>
/// <param name="Journeys">Journeys with at least one touch.</param>
/// <param name="AcquisitionJourneys">First journeys of users.</param>
/// <param name="RepeatJourneys">Later journeys of customers.</param>
/// <param name="Touchpoints">Touchpoint facts emitted.</param>
/// <param name="Conversions">Conversion facts emitted.</param>
/// <param name="Revenue">Sum of the emitted conversions' revenue.</param>
/// <param name="ProductCost">Sum of the emitted conversions' product cost.</param>
/// <param name="ExpectedConversions">Σ P over journeys: the expected number of conversions.</param>
/// <param name="ConversionVariance">Σ P(1 − P) over journeys: the variance of the number of conversions.</param>
/// <param name="ExpectedRevenue">Σ P · E[revenue] over journeys.</param>
/// <param name="SignedUpUsers">Users with a signup or install event.</param>
/// <param name="ActivityEvents">Activity facts emitted.</param>
/// <param name="SpendFacts">Spend facts emitted.</param>
/// <param name="CostFacts">Cost facts emitted.</param>
/// <param name="Spend">Sum of the spend facts.</param>
/// <param name="ChannelCosts">Sum of the cost facts with a channel.</param>
/// <param name="DepartmentCosts">Sum of the cost facts without a channel (staff, tools, brand agency).</param>
public sealed record DemoTotals(
    long Users,
    long Journeys,
    long AcquisitionJourneys,
    long RepeatJourneys,
    long Touchpoints,
    long Conversions,
    decimal Revenue,
    decimal ProductCost,
    double ExpectedConversions,
    double ConversionVariance,
    double ExpectedRevenue,
    long SignedUpUsers,
    long ActivityEvents,
    long SpendFacts,
    long CostFacts,
    decimal Spend,
    decimal ChannelCosts,
    decimal DepartmentCosts);

/// <summary>
/// The truth about one channel over the year. Incremental figures are expectations (hence <see cref="double"/>):
/// Σ over journeys of (P − P without the channel's touches), times the journey's expected revenue or gross profit.
/// </summary>
/// <param name="Channel">The channel name.</param>
/// <param name="Group">Its group.</param>
/// <param name="Lift">Its true per-touch lift p_c.</param>
/// <param name="Touchpoints">Touchpoints emitted on the channel.</param>
/// <param name="IncrementalConversions">Σ (P − P₋c): conversions that would not happen without the channel.</param>
/// <param name="IncrementalRevenue">Σ (P − P₋c) · E[revenue of the journey].</param>
/// <param name="IncrementalGrossProfit">Σ (P − P₋c) · E[revenue − product cost of the journey].</param>
/// <param name="Spend">Sum of the channel's spend facts.</param>
/// <param name="ChannelCosts">Sum of the channel's cost facts.</param>
/// <param name="Roi">(incremental gross profit − spend − costs) / (spend + costs); null when spend + costs is 0.</param>
public sealed record DemoChannelTruth(
    string Channel,
    ChannelGroup Group,
    double Lift,
    long Touchpoints,
    double IncrementalConversions,
    double IncrementalRevenue,
    double IncrementalGrossProfit,
    decimal Spend,
    decimal ChannelCosts,
    double? Roi);

/// <summary>
/// The truth about one channel in one month. A journey's increments count in the month of its decision instant (the
/// last touch plus the conversion delay: the month its conversion is, or would have been, recorded).
/// </summary>
public sealed record DemoChannelMonthTruth(
    string Channel,
    YearMonth Month,
    long Touchpoints,
    double IncrementalConversions,
    double IncrementalRevenue,
    double IncrementalGrossProfit,
    decimal Spend,
    decimal ChannelCosts,
    double? Roi);

/// <summary>Totals of one month. Expected and actual conversions count in the month of the journey's decision instant.</summary>
/// <param name="Month">The month.</param>
/// <param name="NewUsers">Users whose first recorded touch is in the month.</param>
/// <param name="Touchpoints">Touchpoints in the month.</param>
/// <param name="ExpectedConversions">Σ P over the journeys deciding in the month.</param>
/// <param name="Conversions">Conversions emitted in the month.</param>
/// <param name="Revenue">Their revenue.</param>
/// <param name="Spend">Spend facts of the month.</param>
/// <param name="ChannelCosts">Cost facts of the month with a channel.</param>
/// <param name="DepartmentCosts">Cost facts of the month without a channel.</param>
public sealed record DemoMonthTruth(
    YearMonth Month,
    long NewUsers,
    long Touchpoints,
    double ExpectedConversions,
    long Conversions,
    decimal Revenue,
    decimal Spend,
    decimal ChannelCosts,
    decimal DepartmentCosts);

/// <summary>A campaign that ran on one channel: its days, touchpoints and media spend.</summary>
public sealed record DemoCampaignTruth(
    string Campaign,
    string Channel,
    DateOnly FirstDay,
    DateOnly LastDay,
    long Touchpoints,
    decimal Spend);

/// <summary>
/// One staff referral code, exactly as generated. A user is referred by one colleague, so every referral touch of a user
/// carries the same code; a journey "contains" the code when it has a referral touch.
/// </summary>
/// <param name="Code">The code, <c>STAFF-001</c> to <c>STAFF-240</c>.</param>
/// <param name="Touchpoints">Touchpoints carrying the code (all on staff_referral).</param>
/// <param name="Journeys">Journeys with at least one touch carrying the code.</param>
/// <param name="Conversions">Conversions that closed such a journey.</param>
/// <param name="Revenue">Their revenue.</param>
/// <param name="IncrementalConversions">Σ over those journeys of (P − P without the staff_referral touches): the
/// conversions the code really caused, the code's share of the staff_referral channel's incremental conversions.</param>
public sealed record DemoReferralTruth(
    string Code,
    long Touchpoints,
    long Journeys,
    long Conversions,
    decimal Revenue,
    double IncrementalConversions);

/// <summary>
/// One live day: the live-stream code running that day, the livestream touchpoints of the day, and the live-room orders:
/// home-care conversions whose journey's last touch was that day's live stream (hospital orders go through the B2B team).
/// </summary>
public sealed record DemoLiveDayTruth(DateOnly Date, string Campaign, long Touchpoints, long Orders, decimal Gmv);

/// <summary>
/// The truth about the demo's year of mentions (docs/demo-company.md, Mentions): the watch list the demo uses, the recall
/// rumour's window, counts by label, language, source and brand, brand mentions per local day, and the true label of every
/// generated mention.
/// </summary>
/// <param name="DayZone">The zone of <paramref name="FirstDay"/> and the per-day counts: Asia/Shanghai (UTC+8, no daylight saving).</param>
/// <param name="WatchList">The demo's watch list: the brand, its products, the three competitors and the default risk terms.</param>
/// <param name="Mentions">Mentions generated: <c>dm-000001</c> to <c>dm-</c> this number, in time order.</param>
/// <param name="Rumour">The recall rumour.</param>
/// <param name="Labels">Mentions per true label (positive, negative, neutral).</param>
/// <param name="Languages">Mentions per language (zh, en).</param>
/// <param name="Sources">Mentions per source word, in <see cref="DataCenter.MentionSource"/> order.</param>
/// <param name="Brands">Per brand (the company first, then the competitors): the mentions naming it, by true label. A
/// comparison names two brands and counts for both, so share of voice is a brand's mentions over the sum of all brands'.</param>
/// <param name="FirstDay">The local day of the first entry of <paramref name="BrandPerDay"/>.</param>
/// <param name="BrandPerDay">Mentions naming the company, per local day from <paramref name="FirstDay"/>.</param>
/// <param name="NegativeBrandPerDay">Of those, the negative ones.</param>
/// <param name="TrueLabels">One character per mention, in id order: <c>p</c> positive, <c>n</c> negative, <c>u</c> neutral.</param>
public sealed record DemoListeningTruth(
    string DayZone,
    IReadOnlyList<WatchTerm> WatchList,
    long Mentions,
    DemoRumourTruth Rumour,
    IReadOnlyList<DemoCountTruth> Labels,
    IReadOnlyList<DemoCountTruth> Languages,
    IReadOnlyList<DemoCountTruth> Sources,
    IReadOnlyList<DemoBrandTruth> Brands,
    DateOnly FirstDay,
    IReadOnlyList<int> BrandPerDay,
    IReadOnlyList<int> NegativeBrandPerDay,
    string TrueLabels)
{
    /// <summary>The true label of mention <c>dm-</c><paramref name="number"/> (1-based): positive, negative or neutral.</summary>
    public string LabelOf(int number) => TrueLabels[number - 1] switch
    {
        'p' => "positive",
        'n' => "negative",
        _ => "neutral",
    };
}

/// <summary>
/// The recall rumour: it starts at <paramref name="Start"/> on weibo, douyin and xiaohongshu (news four hours later, English
/// posts eight), its expected hourly volume peaks in the hour from <paramref name="Peak"/>, the company's response is
/// published at <paramref name="Response"/>, and by <paramref name="End"/> its volume has fallen below 2% of the peak's.
/// </summary>
/// <param name="Product">The product the rumour is about.</param>
/// <param name="Start">The first instant of the rumour.</param>
/// <param name="Peak">The start of the hour of highest expected volume.</param>
/// <param name="Response">When the company's response (test reports, no recall) is published.</param>
/// <param name="End">The end of the window (exclusive).</param>
/// <param name="Platforms">Where it starts.</param>
/// <param name="PeakFactor">The rumour's expected volume in its peak hour over the year's mean hourly volume of all mentions.</param>
/// <param name="RumourMentions">Mentions of the rumour wave itself (all name the company).</param>
/// <param name="WindowMentions">All mentions from start to end.</param>
/// <param name="WindowNegative">Of those, the negative ones.</param>
public sealed record DemoRumourTruth(
    string Product, DateTimeOffset Start, DateTimeOffset Peak, DateTimeOffset Response, DateTimeOffset End, IReadOnlyList<string> Platforms,
    double PeakFactor, long RumourMentions, long WindowMentions, long WindowNegative);

/// <summary>A count under a key.</summary>
public sealed record DemoCountTruth(string Key, long Count);

/// <summary>The mentions naming one brand, by true label.</summary>
/// <param name="Term">The brand's watch-list term.</param>
/// <param name="Kind">brand for the company, competitor otherwise.</param>
/// <param name="Mentions">Mentions naming it.</param>
/// <param name="Positive">Of those, positive.</param>
/// <param name="Negative">Negative.</param>
/// <param name="Neutral">Neutral.</param>
public sealed record DemoBrandTruth(string Term, WatchKind Kind, long Mentions, long Positive, long Negative, long Neutral);
