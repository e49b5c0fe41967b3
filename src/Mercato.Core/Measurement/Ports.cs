using Mercato.Core.Measurement.Cohorts;

namespace Mercato.Core.Measurement;

/// <summary>Media spend, impressions and clicks of one channel in one month.</summary>
public sealed record ChannelMonthSpend(string Channel, YearMonth Month, decimal Spend, long Impressions, long Clicks);

/// <summary>Media spend of one channel on one UTC day.</summary>
public sealed record ChannelDaySpend(DateOnly Day, string Channel, decimal Spend);

/// <summary>Conversions, revenue and product cost of one UTC day.</summary>
public sealed record DayOutcome(DateOnly Day, long Conversions, decimal Revenue, decimal ProductCost);

/// <summary>Non-media costs of one month: per channel, or department-wide when <see cref="Channel"/> is null.</summary>
public sealed record MonthCost(YearMonth Month, string? Channel, decimal Amount);

/// <summary>Acquisition cohorts, aggregated in the store.</summary>
/// <param name="Sizes">Users per cohort month and acquisition channel.</param>
/// <param name="Profits">Gross profit per cohort, channel and months since acquisition.</param>
public sealed record CohortData(IReadOnlyList<CohortSize> Sizes, IReadOnlyList<CohortProfit> Profits);

/// <summary>
/// Journeys from the store: touchpoints and conversions streamed in (user, time) order through
/// <see cref="JourneyScan"/> and folded by <see cref="JourneyFolds"/>; only distinct paths come back. Journey days are UTC
/// days (docs/measurement.md).
/// </summary>
public interface IJourneyReader
{
    /// <summary>The distinct paths; with <paramref name="markReturningCustomers"/>, repeat journeys start with <see cref="JourneyLabels.ReturningCustomer"/>.</summary>
    Task<JourneyPaths> PathsAsync(JourneyQuery query, bool markReturningCustomers, CancellationToken cancellationToken);

    /// <summary>The distinct paths per UTC month of the conversion (or of the last touch, for a non-converting journey).</summary>
    Task<IReadOnlyDictionary<YearMonth, JourneyPaths>> PathsByMonthAsync(JourneyQuery query, bool markReturningCustomers, CancellationToken cancellationToken);

    /// <summary>Converting paths with each touch's age, for time decay; product cost in place of revenue with <paramref name="productCost"/>.</summary>
    Task<IReadOnlyList<TimedPath>> TimedPathsAsync(JourneyQuery query, bool productCost, CancellationToken cancellationToken);
}

/// <summary>
/// What ROI sums directly from the store (GROUP BY month and channel): media spend and non-media costs, and the months
/// that hold data. Months are months of UTC days.
/// </summary>
public interface IChannelMoneyReader
{
    /// <summary>Spend per channel and month in [from, to] (open ends for nulls), by month then channel.</summary>
    Task<IReadOnlyList<ChannelMonthSpend>> SpendAsync(YearMonth? from, YearMonth? to, CancellationToken cancellationToken);

    /// <summary>Non-media costs per month and channel (null channel: department-wide) in [from, to].</summary>
    Task<IReadOnlyList<MonthCost>> CostsAsync(YearMonth? from, YearMonth? to, CancellationToken cancellationToken);

    /// <summary>Spend per channel and UTC day, by day then channel (the mix model's input).</summary>
    Task<IReadOnlyList<ChannelDaySpend>> DailySpendAsync(CancellationToken cancellationToken);

    /// <summary>Conversions, revenue and product cost per UTC day of the conversion, by day (the mix model's outcome).</summary>
    Task<IReadOnlyList<DayOutcome>> DailyOutcomesAsync(CancellationToken cancellationToken);

    /// <summary>The months that hold conversions, spend or costs, oldest first.</summary>
    Task<IReadOnlyList<YearMonth>> MonthsAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Acquisition cohorts: a user is acquired by their first conversion held in the store; the cohort is that conversion's
/// UTC month and the acquisition channel the channel of the last touch at or before it within the lookback
/// (<see cref="CohortLabels.NoTouch"/> when there is none; of two touches at the same last instant, the lower channel id). Gross profit
/// is revenue − product cost of every conversion of the user, by calendar months since the cohort month.
/// </summary>
public interface ICohortReader
{
    /// <summary>Cohort sizes and gross profit by month offset.</summary>
    Task<CohortData> CohortsAsync(int lookbackDays, CancellationToken cancellationToken);
}

/// <summary>Words of the cohort report.</summary>
public static class CohortLabels
{
    /// <summary>The acquisition channel of users whose first conversion had no touch in its lookback window.</summary>
    public const string NoTouch = "(no touch)";
}
