namespace Mercato.Core.Measurement.Roi;

/// <summary>
/// What one channel cost and brought in one month, already aggregated by the store and credited by an attribution model.
/// </summary>
/// <remarks>
/// Attribution gives fractional credit and works in <see cref="double"/>, so conversions, revenue and product cost arrive
/// as doubles. Revenue and product cost are money: <see cref="RoiCalculator"/> converts them to <see cref="decimal"/>
/// rounded to 4 decimal places (midpoint away from zero), the precision of every amount in the data center. Every figure
/// must be finite and not negative; values in [-1e-9, 0) are floating-point noise from the models and count as 0.
/// </remarks>
/// <param name="Channel">The channel, by its canonical name (compared ordinally).</param>
/// <param name="Month">The calendar month.</param>
/// <param name="Spend">Media spend of the channel in the month.</param>
/// <param name="Conversions">Conversions credited to the channel by the attribution model.</param>
/// <param name="Revenue">Revenue credited to the channel by the attribution model.</param>
/// <param name="ProductCost">Product cost of the goods sold in the credited conversions, credited the same way.</param>
/// <param name="NonMediaCosts">The channel's own non-media costs of the month (agency, KOL fees, commissions, ...).</param>
public sealed record ChannelMonthInput(
    string Channel,
    YearMonth Month,
    decimal Spend,
    double Conversions,
    double Revenue,
    double ProductCost,
    decimal NonMediaCosts);

/// <summary>Costs of one month that belong to no channel (staff, tools, ...); several rows of one month add up.</summary>
/// <param name="Month">The calendar month.</param>
/// <param name="Amount">The amount, not negative.</param>
public sealed record DepartmentCost(YearMonth Month, decimal Amount);

/// <summary>
/// One channel's return in one month. Serialized with the web defaults its fields are exactly <c>channel, month, spend,
/// conversions, revenue, productCost, grossProfit, allocatedCosts, netReturn, roi, roas, cpa</c> (the <c>report roi</c>
/// contract).
/// </summary>
/// <param name="Channel">The channel.</param>
/// <param name="Month">The month, <c>YYYY-MM</c> in JSON.</param>
/// <param name="Spend">Media spend.</param>
/// <param name="Conversions">Attributed conversions (fractional).</param>
/// <param name="Revenue">Attributed revenue, rounded to 4 decimals.</param>
/// <param name="ProductCost">Attributed product cost, rounded to 4 decimals.</param>
/// <param name="GrossProfit">Revenue − product cost.</param>
/// <param name="AllocatedCosts">The channel's own non-media costs + its share of the month's costs without a channel.</param>
/// <param name="NetReturn">Gross profit − spend − allocated costs.</param>
/// <param name="Roi">Net return / (spend + allocated costs); null when that cost is 0.</param>
/// <param name="Roas">Revenue / spend; null when spend is 0.</param>
/// <param name="Cpa">(Spend + allocated costs) / conversions, rounded to 4 decimals; null when conversions are 0.</param>
public sealed record ChannelMonthRoi(
    string Channel,
    YearMonth Month,
    decimal Spend,
    double Conversions,
    decimal Revenue,
    decimal ProductCost,
    decimal GrossProfit,
    decimal AllocatedCosts,
    decimal NetReturn,
    double? Roi,
    double? Roas,
    decimal? Cpa)
{
    /// <summary>What the channel cost in the month: spend + allocated costs (the denominator of ROI and CPA).</summary>
    public decimal TotalCost() => Spend + AllocatedCosts;
}

/// <summary>How a month's costs without a channel were spread (see <see cref="CostAllocation.Rule"/>).</summary>
public enum AllocationBasis
{
    /// <summary>In proportion to media spend.</summary>
    Spend,

    /// <summary>In proportion to attributed revenue (the month had no media spend).</summary>
    Revenue,

    /// <summary>In equal parts (the month had neither spend nor revenue).</summary>
    Equal,

    /// <summary>Not spread: no channel was active in the month, so the amount stays unallocated.</summary>
    NotAllocated,
}

/// <summary>How one month's costs without a channel were allocated.</summary>
/// <param name="Month">The month.</param>
/// <param name="Amount">The month's costs without a channel.</param>
/// <param name="Basis">The rule that applied.</param>
public sealed record MonthAllocation(YearMonth Month, decimal Amount, AllocationBasis Basis);

/// <summary>The monthly returns and how each month's costs without a channel were spread.</summary>
/// <param name="Rows">One row per channel and month, ordered by month, then channel (ordinal).</param>
/// <param name="Allocations">One entry per month that had costs without a channel, ordered by month.</param>
public sealed record RoiComputation(IReadOnlyList<ChannelMonthRoi> Rows, IReadOnlyList<MonthAllocation> Allocations);

/// <summary>A channel's return from its first month up to and including <see cref="Month"/>.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Month">The last month included.</param>
/// <param name="NetReturn">Running sum of the monthly net returns.</param>
/// <param name="Cost">Running sum of the monthly spend + allocated costs.</param>
/// <param name="Roi">Cumulative ROI = <see cref="NetReturn"/> / <see cref="Cost"/>; null while the cost is 0.</param>
public sealed record ChannelCumulativeRoi(string Channel, YearMonth Month, decimal NetReturn, decimal Cost, double? Roi);
