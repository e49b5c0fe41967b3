namespace Mercato.Core.Measurement.Cohorts;

/// <summary>
/// How many users an acquisition cohort holds: the users whose first conversion fell in <see cref="CohortMonth"/> and
/// came through <see cref="Channel"/> (the acquisition channel, chosen by the caller). The store's
/// <c>GROUP BY cohort_month, channel</c>.
/// </summary>
/// <param name="CohortMonth">Month of the users' first conversion.</param>
/// <param name="Channel">Channel of the first conversion (canonical name, compared ordinally).</param>
/// <param name="Users">Number of users (rows of the same cohort add up).</param>
public sealed record CohortSize(YearMonth CohortMonth, string Channel, long Users);

/// <summary>
/// The gross profit (revenue − product cost) a cohort's users brought in one month after acquisition, summed over the
/// users. The store's <c>GROUP BY cohort_month, channel, months_since_acquisition</c>; months without a row count as 0.
/// </summary>
/// <param name="CohortMonth">Month of the users' first conversion.</param>
/// <param name="Channel">Acquisition channel.</param>
/// <param name="MonthsSinceAcquisition">0 for the acquisition month itself (it includes the first order), 1 for the next, ...</param>
/// <param name="GrossProfit">Summed gross profit (may be negative after returns; rows of the same key add up).</param>
public sealed record CohortProfit(YearMonth CohortMonth, string Channel, int MonthsSinceAcquisition, decimal GrossProfit);

/// <summary>
/// What a cohort cost to acquire, as the caller decides (typically that channel's spend + allocated costs in that month).
/// A cohort without a cost row cost 0 (organic users). Rows of the same cohort add up.
/// </summary>
/// <param name="CohortMonth">Month of the users' first conversion.</param>
/// <param name="Channel">Acquisition channel.</param>
/// <param name="AcquisitionCost">The cost, not negative.</param>
public sealed record CohortCost(YearMonth CohortMonth, string Channel, decimal AcquisitionCost);

/// <summary>One acquisition cohort's lifetime-value curve and payback, as observed up to the analysis's last month.</summary>
/// <param name="CohortMonth">Month of the users' first conversion.</param>
/// <param name="Channel">Acquisition channel.</param>
/// <param name="Users">Cohort size.</param>
/// <param name="AcquisitionCost">What the cohort cost to acquire.</param>
/// <param name="CacPerUser">Acquisition cost / users, rounded to 4 decimals.</param>
/// <param name="GrossProfit">The cohort's total gross profit by months since acquisition, 0..N (N = last month − cohort month).</param>
/// <param name="LtvPerUser">
/// The LTV curve: cumulative gross profit per user by months since acquisition, 0..N (the cumulative total divided by the
/// size, rounded to 4 decimals).
/// </param>
/// <param name="PaybackOffset">
/// The first offset at which the cumulative gross profit reaches the acquisition cost (≥); null if not yet.
/// </param>
/// <param name="ProjectedPaybackOffset">
/// When not yet paid back: the offset at which it would be, extrapolating the average of the last up to 3 monthly gross
/// profits after the acquisition month (<see cref="CohortAnalysis"/>); null when paid back, when the average is not
/// positive, when only the acquisition month is observed, or beyond <see cref="CohortAnalysis.MaxProjectionMonths"/>.
/// </param>
public sealed record CohortCurve(
    YearMonth CohortMonth,
    string Channel,
    long Users,
    decimal AcquisitionCost,
    decimal CacPerUser,
    IReadOnlyList<decimal> GrossProfit,
    IReadOnlyList<decimal> LtvPerUser,
    int? PaybackOffset,
    int? ProjectedPaybackOffset)
{
    /// <summary>How many months are observed: offsets 0..N, so N + 1.</summary>
    public int ObservedMonths() => GrossProfit.Count;

    /// <summary>The payback offset if reached, else the projected one, else null.</summary>
    public int? ExpectedPaybackOffset() => PaybackOffset ?? ProjectedPaybackOffset;
}
