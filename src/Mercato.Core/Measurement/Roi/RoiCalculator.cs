namespace Mercato.Core.Measurement.Roi;

/// <summary>
/// Return on investment per channel and month, and over time: the closed loop of DOMAIN.md §6 ("judge input against
/// output month by month"; "from short-sighted ROI to long-term ROI").
/// </summary>
/// <remarks>
/// <para>For a channel in a month, with revenue, conversions and product cost as credited by the attribution model:</para>
/// <list type="bullet">
/// <item>gross profit = revenue − product cost;</item>
/// <item>allocated costs = the channel's own non-media costs + its share of the month's costs without a channel
/// (<see cref="CostAllocation.Rule"/>);</item>
/// <item>net return = gross profit − spend − allocated costs;</item>
/// <item>ROI = net return / (spend + allocated costs), null when spend + allocated costs = 0;</item>
/// <item>ROAS = revenue / spend, null when spend = 0;</item>
/// <item>CPA = (spend + allocated costs) / conversions, rounded to 4 decimals, null when conversions = 0.</item>
/// </list>
/// <para>
/// Money is <see cref="decimal"/>: revenue and product cost credits (doubles from attribution) are rounded to 4 decimals
/// (midpoint away from zero) before any sum, so a row's money fields add up exactly. ROI and ROAS are ratios, computed in
/// <see cref="double"/> from the exact decimal numerator and denominator.
/// </para>
/// <para>
/// Cumulative ROI of a channel up to month m = Σ net return / Σ (spend + allocated costs) over its months up to m: the
/// long-term view in which a channel with a costly start can still pay off.
/// </para>
/// <para>
/// DOMAIN.md §6's worked example: a user acquired for 50 (spend) who buys 100 in month one, product cost 40 and fixed
/// costs 5, gives net return 100 − 40 − 50 − 5 = 5 and ROI 5 / 55.
/// </para>
/// </remarks>
public static class RoiCalculator
{
    /// <summary>Model noise tolerated below zero in the doubles from attribution; such values count as 0.</summary>
    public const double NegativeTolerance = 1e-9;

    /// <summary>
    /// The return of every channel and month, spreading each month's costs without a channel over the channels that
    /// have a row in that month.
    /// </summary>
    /// <param name="channelMonths">One row per channel and month (a repeated pair is an error).</param>
    /// <param name="departmentCosts">Costs without a channel; rows of the same month add up.</param>
    public static RoiComputation Compute(IEnumerable<ChannelMonthInput> channelMonths, IEnumerable<DepartmentCost> departmentCosts)
    {
        ArgumentNullException.ThrowIfNull(channelMonths);
        ArgumentNullException.ThrowIfNull(departmentCosts);

        var inputs = channelMonths
            .OrderBy(r => r.Month)
            .ThenBy(r => r.Channel, StringComparer.Ordinal)
            .ToArray();
        var costsByMonth = new SortedDictionary<YearMonth, decimal>();
        foreach (var cost in departmentCosts)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(cost.Amount, nameof(departmentCosts));
            costsByMonth[cost.Month] = costsByMonth.GetValueOrDefault(cost.Month) + cost.Amount;
        }

        var shares = new Dictionary<(YearMonth Month, string Channel), decimal>();
        var allocations = new List<MonthAllocation>(costsByMonth.Count);
        var byMonth = inputs.GroupBy(r => r.Month).ToDictionary(g => g.Key, g => g.ToArray());
        foreach (var (month, amount) in costsByMonth)
        {
            var present = byMonth.GetValueOrDefault(month) ?? [];
            var weights = present.Select(r => new AllocationWeight(r.Channel, r.Spend, ToMoney(r.Revenue, nameof(r.Revenue)))).ToArray();
            var allocation = CostAllocation.Allocate(amount, weights);
            allocations.Add(new MonthAllocation(month, amount, allocation.Basis));
            foreach (var share in allocation.Shares)
            {
                shares[(month, share.Channel)] = share.Amount;
            }
        }

        var rows = new ChannelMonthRoi[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            if (i > 0 && inputs[i].Month == inputs[i - 1].Month
                && string.Equals(inputs[i].Channel, inputs[i - 1].Channel, StringComparison.Ordinal))
            {
                throw new ArgumentException($"channel '{inputs[i].Channel}' appears twice in {inputs[i].Month}", nameof(channelMonths));
            }

            rows[i] = ForChannelMonth(inputs[i], shares.GetValueOrDefault((inputs[i].Month, inputs[i].Channel)));
        }

        return new RoiComputation(rows, allocations);
    }

    /// <summary>
    /// The return of one channel in one month, given its share of the month's costs without a channel (the formulas are
    /// in the class remarks).
    /// </summary>
    /// <param name="input">The channel's figures for the month.</param>
    /// <param name="departmentCostShare">Its share of the month's costs without a channel (0 when there are none).</param>
    public static ChannelMonthRoi ForChannelMonth(ChannelMonthInput input, decimal departmentCostShare)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegative(input.Spend, nameof(input));
        ArgumentOutOfRangeException.ThrowIfNegative(input.NonMediaCosts, nameof(input));
        ArgumentOutOfRangeException.ThrowIfNegative(departmentCostShare);
        var conversions = NonNegative(input.Conversions, nameof(input.Conversions));
        var revenue = ToMoney(input.Revenue, nameof(input.Revenue));
        var productCost = ToMoney(input.ProductCost, nameof(input.ProductCost));

        var grossProfit = revenue - productCost;
        var allocated = input.NonMediaCosts + departmentCostShare;
        var cost = input.Spend + allocated;
        var netReturn = grossProfit - cost;
        return new ChannelMonthRoi(
            input.Channel,
            input.Month,
            input.Spend,
            conversions,
            revenue,
            productCost,
            grossProfit,
            allocated,
            netReturn,
            Ratio(netReturn, cost),
            Ratio(revenue, input.Spend),
            conversions == 0 ? null : decimal.Round(cost / (decimal)conversions, 4, MidpointRounding.AwayFromZero));
    }

    /// <summary>
    /// Cumulative ROI of every channel month by month: running sums of net return and of spend + allocated costs over
    /// the channel's months in order, and their ratio. Ordered by channel (ordinal), then month.
    /// </summary>
    /// <param name="rows">Monthly returns, one per channel and month (a repeated pair is an error).</param>
    public static IReadOnlyList<ChannelCumulativeRoi> Cumulative(IEnumerable<ChannelMonthRoi> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var result = new List<ChannelCumulativeRoi>();
        foreach (var channel in rows.GroupBy(r => r.Channel, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var netReturn = 0m;
            var cost = 0m;
            YearMonth? previous = null;
            foreach (var row in channel.OrderBy(r => r.Month))
            {
                if (previous == row.Month)
                {
                    throw new ArgumentException($"channel '{row.Channel}' appears twice in {row.Month}", nameof(rows));
                }

                previous = row.Month;
                netReturn += row.NetReturn;
                cost += row.TotalCost();
                result.Add(new ChannelCumulativeRoi(channel.Key, row.Month, netReturn, cost, Ratio(netReturn, cost)));
            }
        }

        return result;
    }

    /// <summary>numerator / denominator as a double; null when the denominator is 0.</summary>
    internal static double? Ratio(decimal numerator, decimal denominator) =>
        denominator == 0 ? null : (double)numerator / (double)denominator;

    /// <summary>A credited amount as money: rounded to 4 decimals, midpoint away from zero.</summary>
    internal static decimal ToMoney(double value, string name)
    {
        var rounded = decimal.Round((decimal)NonNegative(value, name), 4, MidpointRounding.AwayFromZero);
        return rounded == 0 ? 0m : rounded;
    }

    private static double NonNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < -NegativeTolerance)
        {
            throw new ArgumentOutOfRangeException(name, value, "must be finite and not negative");
        }

        return value < 0 ? 0 : value;
    }
}
