using Mercato.Core.DataCenter;

namespace Mercato.Core.Campaigns;

/// <summary>The brand board's channel evidence over a window (<see cref="ICampaignFactReader.ChannelEvidenceAsync"/>).</summary>
/// <param name="SearchPortalTouchpoints">Touchpoints on a paid search, content or PR and earned channel (step 2).</param>
/// <param name="PrTouchpoints">Touchpoints on a PR and earned channel (step 7).</param>
/// <param name="ActiveChannels">Distinct channels with a touchpoint or a spend row (step 3).</param>
/// <param name="NewChannels">Channels first seen in the window (step 3).</param>
public sealed record ChannelEvidence(long SearchPortalTouchpoints, long PrTouchpoints, long ActiveChannels, long NewChannels);

/// <summary>
/// The aggregates the campaign core needs from the fact tables (docs/campaigns.md, "Evaluation, budgets and the brand
/// board from the store"): campaign-scope and business figures for the evaluation, channel and cost actuals for the budget
/// check, campaign × channel spend and channel evidence for the brand board. The store does every GROUP BY and returns
/// sums or one row per channel.
/// </summary>
/// <remarks>
/// Windows are local days of <c>zone</c>. Spend rows carry their day as written (a local day already); touchpoints and
/// conversions are instants, counted from the local midnight that starts the first day to the one that ends the last.
/// Campaign codes join exactly (ordinal), as <see cref="Budgets.SpendActuals"/> does. Windows must be valid.
/// </remarks>
public interface ICampaignFactReader
{
    /// <summary>
    /// Facts carrying one of <paramref name="codes"/> in <paramref name="window"/>: Σ impressions and Σ clicks of the spend
    /// rows, the touchpoints and their distinct users.
    /// </summary>
    Task<CampaignScopeFigures> ScopeAsync(IReadOnlyCollection<string> codes, DateRange window, TimeZoneInfo zone, CancellationToken cancellationToken);

    /// <summary>The whole business over <paramref name="window"/>: Σ impressions of all spend rows, all touchpoints, all conversions and their revenue.</summary>
    Task<BusinessFigures> BusinessAsync(DateRange window, TimeZoneInfo zone, CancellationToken cancellationToken);

    /// <summary>
    /// Σ spend per channel (lower-cased, ordered) of the spend rows carrying one of <paramref name="codes"/> dated in
    /// <paramref name="window"/>: the store's side of <see cref="Budgets.SpendActuals"/>.
    /// </summary>
    Task<IReadOnlyList<BudgetActual>> ChannelActualsAsync(IReadOnlyCollection<string> codes, DateRange window, CancellationToken cancellationToken);

    /// <summary>
    /// Σ spend per day of the spend rows dated in <paramref name="window"/> that carry one of <paramref name="codes"/>
    /// (when given) and whose channel is one of <paramref name="channels"/> (when given, names compared lower-cased); days
    /// without a row are absent. Budget pacing reads a campaign's days, and its channels' days before it for the weekday shape.
    /// </summary>
    Task<IReadOnlyList<AdMonitoring.DailySpend>> DailySpendAsync(
        IReadOnlyCollection<string>? codes, IReadOnlyCollection<string>? channels, DateRange window, CancellationToken cancellationToken);

    /// <summary>Σ spend, impressions and clicks of the spend rows dated in <paramref name="window"/> per day, channel (lower-cased) and campaign code.</summary>
    Task<IReadOnlyList<AdMonitoring.DeliveryRow>> DeliveryAsync(DateRange window, CancellationToken cancellationToken);

    /// <summary>
    /// The same sums per day, local hour, channel (lower-cased) and campaign code over the spend rows of
    /// <paramref name="window"/> that have an hour (rows given by <c>timestamp</c>); daily rows are left out. Ordered by
    /// day, hour, channel and code.
    /// </summary>
    Task<IReadOnlyList<AdMonitoring.HourlyDeliveryRow>> HourlyDeliveryAsync(DateRange window, CancellationToken cancellationToken);

    /// <summary>
    /// Σ amount per category (ordered) of the cost rows carrying one of <paramref name="codes"/>, whatever their month
    /// (costs are booked by month, and an invoice often lands after the campaign). Costs without a campaign are the
    /// department's and belong to no campaign.
    /// </summary>
    Task<IReadOnlyList<BudgetActual>> CostActualsAsync(IReadOnlyCollection<string> codes, CancellationToken cancellationToken);

    /// <summary>
    /// Spend per campaign code and channel over <paramref name="window"/>: (code or null, channel name, Σ spend) rows; the
    /// caller maps codes to campaigns.
    /// </summary>
    Task<IReadOnlyList<CodeChannelSpend>> CodeChannelSpendAsync(DateRange window, CancellationToken cancellationToken);

    /// <summary>The channel catalog's choices of group as one text (<see cref="ChannelGroups.Signature"/>): results that depend on the groups are kept only while it and the data are the same.</summary>
    Task<string> ChannelGroupsSignatureAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The brand board's channel evidence over <paramref name="window"/>:
    /// <list type="bullet">
    /// <item>search and portal touchpoints (step 2): touchpoints on a channel in <see cref="BrandCycle.SearchPortalGroups"/>;</item>
    /// <item>PR touchpoints (step 7): touchpoints on a pr_earned channel;</item>
    /// <item>active channels (step 3): distinct channels with a touchpoint or a spend row in the window;</item>
    /// <item>new channels (step 3): channels whose first touchpoint or spend row in all the data (the earlier of the two,
    /// a touchpoint's day being its local day) falls in the window.</item>
    /// </list>
    /// </summary>
    Task<ChannelEvidence> ChannelEvidenceAsync(DateRange window, TimeZoneInfo zone, CancellationToken cancellationToken);

    /// <summary>
    /// The first and last local day with spend, a touchpoint or a conversion, or null when the store holds none of them:
    /// the span the brand board's default window is cut from.
    /// </summary>
    Task<DateRange?> DataDaysAsync(TimeZoneInfo zone, CancellationToken cancellationToken);

    /// <summary>Touchpoints per raw referral code dated in the UTC days [from, to] (open ends for nulls), as journeys count them.</summary>
    Task<IReadOnlyList<(string Code, long Touches)>> ReferralTouchesAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken);

    /// <summary>Live-stream sessions starting on the local days <paramref name="window"/> of <paramref name="zone"/>, by start, then session id.</summary>
    Task<IReadOnlyList<LiveStreamSession>> LiveStreamsAsync(DateRange window, TimeZoneInfo zone, CancellationToken cancellationToken);
}

/// <summary>Σ spend of the spend rows of one campaign code (null: rows without one) on one channel (its catalog name).</summary>
public sealed record CodeChannelSpend(string? Code, string Channel, decimal Spend);
