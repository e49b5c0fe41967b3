namespace Mercato.Core.Measurement.Cohorts;

/// <summary>
/// Acquisition cohorts by month and channel of first conversion: lifetime-value curves, payback and its projection — the
/// "long-term ROI" of DOMAIN.md §6, where a user who costs more to acquire than the first order brings can still pay off.
/// </summary>
/// <remarks>
/// <para>
/// Input is aggregated so the store can <c>GROUP BY</c>: cohort sizes per (cohort month, channel), summed gross profit
/// per (cohort month, channel, months since acquisition), and the acquisition cost per cohort. Rows with the same key add
/// up; a month after acquisition without a profit row counts as 0; a cohort without a cost row cost 0. Cohorts are the
/// size rows: a cost that acquired nobody has no cohort (it shows in the monthly ROI instead).
/// </para>
/// <para>
/// With gₖ the cohort's gross profit k months after acquisition, observed for k = 0..N (N = last month − cohort month),
/// Gₖ = g₀ + … + gₖ and C the acquisition cost:
/// </para>
/// <list type="bullet">
/// <item>LTV per user at k = Gₖ / users; CAC per user = C / users (both rounded to 4 decimals for display only);</item>
/// <item>payback offset = the smallest k with Gₖ ≥ C (0 for a cohort that cost nothing and did not lose money);</item>
/// <item>projection, when not paid back and N ≥ 1: d = the mean of g over the last min(3, N) months after the
/// acquisition month (offsets max(1, N − 2)..N; the acquisition month is left out because it holds the first order, which
/// does not repeat); if d &gt; 0 the projected offset is N + ⌈(C − G_N) / d⌉, a straight-line extrapolation of the recent
/// monthly gross profit; null when d ≤ 0 or beyond <see cref="MaxProjectionMonths"/>.</item>
/// </list>
/// </remarks>
public static class CohortAnalysis
{
    /// <summary>How many recent monthly gross profits the payback projection averages.</summary>
    public const int ProjectionMonths = 3;

    /// <summary>Projections further out than this many months after acquisition are reported as not in sight (null).</summary>
    public const int MaxProjectionMonths = 120;

    /// <summary>A cohort counts as mature for a channel's payback outlook once this many months are observed.</summary>
    public const int MatureCohortMonths = 3;

    /// <summary>A channel's payback outlook reads at most this many of its most recent (mature) cohorts.</summary>
    public const int OutlookCohorts = 6;

    /// <summary>
    /// The LTV curve, payback and projection of every cohort, observed up to and including <paramref name="lastMonth"/>;
    /// ordered by cohort month, then channel (ordinal). The formulas are in the class remarks.
    /// </summary>
    /// <param name="sizes">Users per cohort (at least 1 per cohort after adding up).</param>
    /// <param name="profits">Gross profit per cohort and months since acquisition, none after <paramref name="lastMonth"/>.</param>
    /// <param name="costs">Acquisition cost per cohort.</param>
    /// <param name="lastMonth">The last month with complete data; no cohort may start after it.</param>
    public static IReadOnlyList<CohortCurve> Build(
        IEnumerable<CohortSize> sizes,
        IEnumerable<CohortProfit> profits,
        IEnumerable<CohortCost> costs,
        YearMonth lastMonth)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(profits);
        ArgumentNullException.ThrowIfNull(costs);

        var users = new Dictionary<(YearMonth, string), long>();
        foreach (var size in sizes)
        {
            if (size.CohortMonth.CompareTo(lastMonth) > 0)
            {
                throw new ArgumentException($"cohort {size.CohortMonth} {size.Channel} starts after the last month {lastMonth}", nameof(sizes));
            }

            ArgumentOutOfRangeException.ThrowIfNegative(size.Users, nameof(sizes));
            var key = (size.CohortMonth, size.Channel);
            users[key] = users.GetValueOrDefault(key) + size.Users;
        }

        var profitByKey = new Dictionary<(YearMonth, string), decimal[]>();
        foreach (var profit in profits)
        {
            var key = (profit.CohortMonth, profit.Channel);
            if (!users.ContainsKey(key))
            {
                throw new ArgumentException($"gross profit for cohort {profit.CohortMonth} {profit.Channel}, which has no size", nameof(profits));
            }

            var observed = MonthsBetween(profit.CohortMonth, lastMonth) + 1;
            if (profit.MonthsSinceAcquisition < 0 || profit.MonthsSinceAcquisition >= observed)
            {
                throw new ArgumentException(
                    $"gross profit for cohort {profit.CohortMonth} {profit.Channel} at month {profit.MonthsSinceAcquisition} lies outside 0..{observed - 1}",
                    nameof(profits));
            }

            if (!profitByKey.TryGetValue(key, out var series))
            {
                series = new decimal[observed];
                profitByKey[key] = series;
            }

            series[profit.MonthsSinceAcquisition] += profit.GrossProfit;
        }

        var costByKey = new Dictionary<(YearMonth, string), decimal>();
        foreach (var cost in costs)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(cost.AcquisitionCost, nameof(costs));
            var key = (cost.CohortMonth, cost.Channel);
            costByKey[key] = costByKey.GetValueOrDefault(key) + cost.AcquisitionCost;
        }

        var curves = new List<CohortCurve>(users.Count);
        foreach (var ((month, channel), size) in users
            .OrderBy(u => u.Key.Item1)
            .ThenBy(u => u.Key.Item2, StringComparer.Ordinal))
        {
            if (size == 0)
            {
                throw new ArgumentException($"cohort {month} {channel} has no users", nameof(sizes));
            }

            var gross = profitByKey.GetValueOrDefault((month, channel)) ?? new decimal[MonthsBetween(month, lastMonth) + 1];
            curves.Add(Curve(month, channel, size, costByKey.GetValueOrDefault((month, channel)), gross));
        }

        return curves;
    }

    /// <summary>
    /// One cohort's curve from its monthly gross profit (index = months since acquisition); the formulas are in the class
    /// remarks.
    /// </summary>
    /// <param name="cohortMonth">Month of the first conversion.</param>
    /// <param name="channel">Acquisition channel.</param>
    /// <param name="users">Cohort size, at least 1.</param>
    /// <param name="acquisitionCost">Acquisition cost, not negative.</param>
    /// <param name="grossProfit">The cohort's gross profit for months 0..N after acquisition (at least month 0).</param>
    public static CohortCurve Curve(YearMonth cohortMonth, string channel, long users, decimal acquisitionCost, IReadOnlyList<decimal> grossProfit)
    {
        ArgumentNullException.ThrowIfNull(grossProfit);
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(acquisitionCost);
        ArgumentOutOfRangeException.ThrowIfZero(grossProfit.Count, nameof(grossProfit));

        var ltv = new decimal[grossProfit.Count];
        var cumulative = 0m;
        int? payback = null;
        for (var k = 0; k < grossProfit.Count; k++)
        {
            cumulative += grossProfit[k];
            ltv[k] = PerUser(cumulative, users);
            if (payback is null && cumulative >= acquisitionCost)
            {
                payback = k;
            }
        }

        var projected = payback is null ? Project(grossProfit, cumulative, acquisitionCost) : null;
        return new CohortCurve(
            cohortMonth,
            channel,
            users,
            acquisitionCost,
            PerUser(acquisitionCost, users),
            [.. grossProfit],
            ltv,
            payback,
            projected);
    }

    /// <summary>
    /// A channel's payback outlook in months after acquisition: the median expected payback (reached, else projected; a
    /// cohort with neither counts as never) of the channel's last <see cref="OutlookCohorts"/> cohorts with at least
    /// <see cref="MatureCohortMonths"/> months observed, or of its last <see cref="OutlookCohorts"/> cohorts if none is
    /// that mature. With an even count the later of the two middle values is taken (the cautious one). Null when the
    /// channel has no cohort or the median is never.
    /// </summary>
    /// <param name="cohorts">Cohorts of any channels; only <paramref name="channel"/>'s are read.</param>
    /// <param name="channel">The channel.</param>
    public static int? PaybackOutlook(IEnumerable<CohortCurve> cohorts, string channel)
    {
        ArgumentNullException.ThrowIfNull(cohorts);
        var own = cohorts
            .Where(c => string.Equals(c.Channel, channel, StringComparison.Ordinal))
            .OrderByDescending(c => c.CohortMonth)
            .ToArray();
        if (own.Length == 0)
        {
            return null;
        }

        var mature = own.Where(c => c.ObservedMonths() >= MatureCohortMonths).ToArray();
        var expected = (mature.Length > 0 ? mature : own)
            .Take(OutlookCohorts)
            .Select(c => c.ExpectedPaybackOffset() ?? int.MaxValue)
            .Order()
            .ToArray();
        var median = expected[expected.Length / 2];
        return median == int.MaxValue ? null : median;
    }

    /// <summary>Whole months from <paramref name="from"/> to <paramref name="to"/> (negative when earlier).</summary>
    internal static int MonthsBetween(YearMonth from, YearMonth to) => (to.Year * 12 + to.Month) - (from.Year * 12 + from.Month);

    private static int? Project(IReadOnlyList<decimal> grossProfit, decimal cumulative, decimal acquisitionCost)
    {
        var last = grossProfit.Count - 1;
        if (last < 1)
        {
            return null;
        }

        var first = Math.Max(1, last - ProjectionMonths + 1);
        var sum = 0m;
        for (var k = first; k <= last; k++)
        {
            sum += grossProfit[k];
        }

        var average = sum / (last - first + 1);
        if (average <= 0)
        {
            return null;
        }

        // Compare before dividing: a tiny average would overflow the quotient.
        var gap = acquisitionCost - cumulative;
        if (last >= MaxProjectionMonths || gap > average * (MaxProjectionMonths - last))
        {
            return null;
        }

        return last + (int)decimal.Ceiling(gap / average);
    }

    private static decimal PerUser(decimal amount, long users) =>
        decimal.Round(amount / users, 4, MidpointRounding.AwayFromZero);
}
