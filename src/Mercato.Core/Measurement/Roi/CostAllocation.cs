namespace Mercato.Core.Measurement.Roi;

/// <summary>A channel active in a month, with the weights the allocation rule may use.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Spend">Its media spend in the month (not negative).</param>
/// <param name="Revenue">Its attributed revenue in the month (not negative).</param>
public sealed record AllocationWeight(string Channel, decimal Spend, decimal Revenue);

/// <summary>The part of a cost given to one channel.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Amount">Its share, a multiple of 0.0001 when the cost is.</param>
public sealed record CostShare(string Channel, decimal Amount);

/// <summary>A cost spread over channels; the shares add up exactly to the cost (or are empty when not allocated).</summary>
/// <param name="Basis">The rule that applied.</param>
/// <param name="Shares">One share per channel, ordered by channel (ordinal).</param>
public sealed record CostAllocationResult(AllocationBasis Basis, IReadOnlyList<CostShare> Shares);

/// <summary>
/// Spreads a month's costs without a channel (staff, tools, ...) over the channels active that month.
/// </summary>
/// <remarks>
/// <para>
/// Rule: the share of channel <c>i</c> is <c>cost × wᵢ / Σw</c>, with <c>w</c> the media spend; in a month without any
/// media spend, <c>w</c> is the attributed revenue; with neither, <c>w = 1</c> (equal parts). A month with costs but no
/// active channel keeps them unallocated. This is the usual full-cost (absorption) allocation by an activity driver:
/// spend is the driver the department controls, revenue the fallback when nothing was bought.
/// </para>
/// <para>
/// Rounding: shares are rounded to 0.0001 by the largest-remainder (Hamilton) method: every channel first gets its exact
/// share rounded down to 0.0001; the 0.0001 units still missing go one each to the channels with the largest dropped
/// remainders (ties to the earlier channel in ordinal name order). Channels of weight 0 get nothing. Any part of the cost
/// finer than 0.0001 goes to the first channel in that order. The shares therefore always add up exactly to the cost.
/// </para>
/// </remarks>
public static class CostAllocation
{
    /// <summary>The smallest amount allocated: money in the data center has 4 decimal places.</summary>
    public const decimal Quantum = 0.0001m;

    /// <summary>The allocation rule in plain words, for the pages that show allocated costs.</summary>
    public const string Rule =
        "Costs without a channel (staff, tools, ...) are spread over the channels active in that month in proportion to "
        + "their media spend; in a month without any media spend, in proportion to their attributed revenue; with neither, "
        + "in equal parts. Shares are rounded to 0.0001 by the largest-remainder method, so they add up exactly to the cost. "
        + "A month with such costs but no active channel leaves them unallocated.";

    /// <summary>
    /// Spreads <paramref name="amount"/> over <paramref name="channels"/> by the rule in the class remarks.
    /// </summary>
    /// <param name="amount">The cost to spread, not negative.</param>
    /// <param name="channels">The channels active in the month, each named once.</param>
    public static CostAllocationResult Allocate(decimal amount, IReadOnlyList<AllocationWeight> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        if (channels.Count == 0)
        {
            return new CostAllocationResult(AllocationBasis.NotAllocated, []);
        }

        var ordered = channels.OrderBy(c => c.Channel, StringComparer.Ordinal).ToArray();
        for (var i = 0; i < ordered.Length; i++)
        {
            if (ordered[i].Spend < 0 || ordered[i].Revenue < 0)
            {
                throw new ArgumentException($"channel '{ordered[i].Channel}' has a negative weight", nameof(channels));
            }

            if (i > 0 && string.Equals(ordered[i].Channel, ordered[i - 1].Channel, StringComparison.Ordinal))
            {
                throw new ArgumentException($"channel '{ordered[i].Channel}' is listed twice", nameof(channels));
            }
        }

        AllocationBasis basis;
        decimal[] weights;
        if (ordered.Sum(c => c.Spend) > 0)
        {
            basis = AllocationBasis.Spend;
            weights = [.. ordered.Select(c => c.Spend)];
        }
        else if (ordered.Sum(c => c.Revenue) > 0)
        {
            basis = AllocationBasis.Revenue;
            weights = [.. ordered.Select(c => c.Revenue)];
        }
        else
        {
            basis = AllocationBasis.Equal;
            weights = [.. ordered.Select(_ => 1m)];
        }

        var amounts = Apportion(amount, weights);
        var shares = new CostShare[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            shares[i] = new CostShare(ordered[i].Channel, amounts[i]);
        }

        return new CostAllocationResult(basis, shares);
    }

    /// <summary>
    /// Splits <paramref name="amount"/> in proportion to <paramref name="weights"/> into multiples of
    /// <see cref="Quantum"/> that add up exactly to it (largest-remainder method; ties to the lower index).
    /// </summary>
    /// <param name="amount">The amount, not negative.</param>
    /// <param name="weights">The weights, not negative, at least one positive.</param>
    public static decimal[] Apportion(decimal amount, IReadOnlyList<decimal> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        var total = 0m;
        foreach (var weight in weights)
        {
            if (weight < 0)
            {
                throw new ArgumentException("weights must not be negative", nameof(weights));
            }

            total += weight;
        }

        if (total <= 0)
        {
            throw new ArgumentException("at least one weight must be positive", nameof(weights));
        }

        var shares = new decimal[weights.Count];
        var remainders = new decimal[weights.Count];
        var assigned = 0m;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = ExactShare(amount, weights[i], total);
            var floor = decimal.Floor(exact / Quantum) * Quantum;
            shares[i] = floor;
            remainders[i] = exact - floor;
            assigned += floor;
        }

        // Only channels with weight take part, largest dropped remainder first; OrderByDescending is stable, so ties
        // keep the lower index.
        var order = Enumerable.Range(0, weights.Count)
            .Where(i => weights[i] > 0)
            .OrderByDescending(i => remainders[i])
            .ToArray();
        var leftover = amount - assigned;
        var units = (long)decimal.Floor(leftover / Quantum);
        for (long k = 0; k < units; k++)
        {
            shares[order[k % order.Length]] += Quantum;
        }

        shares[order[0]] += leftover - (units * Quantum);
        return shares;
    }

    /// <summary>amount × weight / total, multiplying first while the product fits a decimal (exact for 4-decimal money).</summary>
    private static decimal ExactShare(decimal amount, decimal weight, decimal total) =>
        (double)amount * (double)weight < 1e27 ? amount * weight / total : amount * (weight / total);
}
