using Mercato.Core.DataCenter;

namespace Mercato.Core.Measurement;

/// <summary>What a journey's touches are labelled by.</summary>
public enum JourneyLabel
{
    /// <summary>The touch's channel name.</summary>
    Channel,

    /// <summary>The touch's campaign code, or <see cref="JourneyLabels.NoCampaign"/>.</summary>
    Campaign,

    /// <summary>
    /// The touch's referral code, normalized (<see cref="ReferralCode.Normalize"/>) after
    /// <see cref="JourneyLabels.ReferralPrefix"/>, for touches that carry one; the channel name otherwise.
    /// </summary>
    Referral,
}

/// <summary>Which journeys to aggregate.</summary>
/// <param name="From">First day of conversions (and of non-converting touches) counted, inclusive; null for all.</param>
/// <param name="To">Last day, inclusive; null for all.</param>
/// <param name="LookbackDays">How far before a conversion a touch still belongs to its journey.</param>
/// <param name="Label">Channels, campaigns, or referral codes (channels for touches without one).</param>
/// <param name="Exclude">Touches left out of every journey (flagged clicks); null for none.</param>
public sealed record JourneyQuery(
    DateOnly? From = null, DateOnly? To = null, int LookbackDays = 30, JourneyLabel Label = JourneyLabel.Channel, TouchExclusion? Exclude = null)
{
    /// <summary>
    /// The Unix-millisecond bounds of the UTC days [from, to], inclusive; open ends for nulls. Journeys, and the referral
    /// touches counted beside them, use these same bounds.
    /// </summary>
    public (long First, long Last) Bounds() => Bounds(From, To);

    /// <summary>The Unix-millisecond bounds of the UTC days [from, to], inclusive; open ends for nulls.</summary>
    public static (long First, long Last) Bounds(DateOnly? from, DateOnly? to) =>
        (from is { } f ? DayStart(f) : long.MinValue, to is { } t ? DayStart(t.AddDays(1)) - 1 : long.MaxValue);

    private static long DayStart(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
}

/// <summary>Journeys aggregated to distinct paths, plus the conversions no touch led to.</summary>
/// <param name="Paths">The distinct paths.</param>
/// <param name="ProductCosts">The product cost of each path's conversions, in the order of <paramref name="Paths"/>.</param>
/// <param name="ConversionsWithoutTouches">Conversions with no touch in their lookback window.</param>
/// <param name="RevenueWithoutTouches">Their revenue.</param>
public sealed record JourneyPaths(
    IReadOnlyList<JourneyPath> Paths, IReadOnlyList<decimal> ProductCosts, long ConversionsWithoutTouches, decimal RevenueWithoutTouches)
{
    /// <summary>Touchpoints the query's <see cref="JourneyQuery.Exclude"/> left out of the scan (flagged clicks' records).</summary>
    public long TouchesLeftOut { get; init; }

    /// <summary>No journeys.</summary>
    public static JourneyPaths Empty { get; } = new([], [], 0, 0m);

    /// <summary>The same paths with each path's product cost in place of its revenue: attributing these splits product cost
    /// exactly as the revenue is split.</summary>
    public IReadOnlyList<JourneyPath> CostPaths() => Paths.Select((p, i) => p with { Revenue = ProductCosts[i] }).ToList();
}

/// <summary>The labels journeys carry besides channel names and campaign codes.</summary>
public static class JourneyLabels
{
    /// <summary>The label of touches without a campaign.</summary>
    public const string NoCampaign = "(no campaign)";

    /// <summary>The label put first on the paths of returning customers (repeat journeys) when they are marked.</summary>
    public const string ReturningCustomer = "(returning customer)";

    /// <summary>
    /// What the label of a touch carrying a referral code starts with under <see cref="JourneyLabel.Referral"/>:
    /// <c>ref:LI-NA-7</c>. Touches without a code are labelled by their channel, so the prefix keeps a code apart from a
    /// channel of the same name (and from <c>direct</c> for last-non-direct); a code's label equals a channel's only if that
    /// channel is itself named <c>ref:CODE</c>.
    /// </summary>
    public const string ReferralPrefix = "ref:";

    /// <summary>The journey label of a touch carrying <paramref name="code"/>.</summary>
    public static string Referral(string code) => ReferralPrefix + code;

    /// <summary>The referral code a journey label stands for, or null for a channel's label.</summary>
    public static string? ReferralCodeOf(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return label.StartsWith(ReferralPrefix, StringComparison.Ordinal) ? label[ReferralPrefix.Length..] : null;
    }
}
