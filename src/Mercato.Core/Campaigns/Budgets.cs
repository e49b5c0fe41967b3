using System.Text.Json.Serialization;
using Mercato.Core.DataCenter;

namespace Mercato.Core.Campaigns;

/// <summary>What was actually spent on one budget item, supplied from outside the campaign.</summary>
/// <param name="Kind">Channel or cost.</param>
/// <param name="Item">The channel name or cost category word (matched like <see cref="BudgetLine.Key"/>).</param>
/// <param name="Amount">The amount, not negative.</param>
public sealed record BudgetActual(BudgetItemKind Kind, string Item, decimal Amount)
{
    /// <summary>The identity it is matched on, as <see cref="BudgetLine.Key"/>.</summary>
    [JsonIgnore]
    public string Key => BudgetLine.KeyOf(Kind, Item);
}

/// <summary>One line of a budget check: planned against actual.</summary>
/// <param name="Key">The line's identity (<c>channel:douyin_ads</c>).</param>
/// <param name="Kind">Channel or cost.</param>
/// <param name="Item">The channel or category as the budget line (or, for an unplanned line, the first actual) wrote it.</param>
/// <param name="Planned">The planned amount; 0 for an unplanned line.</param>
/// <param name="Actual">Σ actuals with this key.</param>
/// <param name="Remaining">Planned − actual (negative when over).</param>
/// <param name="Overrun">max(0, actual − planned).</param>
/// <param name="Used">Actual / planned; null when planned is 0.</param>
/// <param name="IsPlanned">Whether the campaign has a budget line for it.</param>
public sealed record BudgetLineStatus(
    string Key, BudgetItemKind Kind, string Item, decimal Planned, decimal Actual, decimal Remaining, decimal Overrun, double? Used, bool IsPlanned);

/// <summary>A budget overrun warning.</summary>
/// <param name="Campaign">The campaign id.</param>
/// <param name="Line">The line key, or null for the total.</param>
/// <param name="Planned">Planned.</param>
/// <param name="Actual">Actual.</param>
/// <param name="Overrun">Actual − planned, above 0.</param>
/// <param name="Code">
/// <see cref="CampaignCodes.BudgetLineOverrun"/>, <see cref="CampaignCodes.BudgetUnplannedSpend"/>,
/// <see cref="CampaignCodes.BudgetTotalOverrun"/> or <see cref="CampaignCodes.BudgetTotalOverrunNoPlan"/>.
/// </param>
/// <param name="Args">The campaign, the line, the amounts and the share over.</param>
public sealed record BudgetWarning(string Campaign, string? Line, decimal Planned, decimal Actual, decimal Overrun, string Code, MessageArgs Args) : ICodedMessage;

/// <summary>A campaign's budget, planned against actual.</summary>
/// <param name="Campaign">The campaign id.</param>
/// <param name="Lines">The budget lines in the campaign's order, then unplanned items by key.</param>
/// <param name="Planned">Σ planned.</param>
/// <param name="Actual">Σ actual (unplanned items included).</param>
/// <param name="Remaining">Planned − actual.</param>
/// <param name="Warnings">One per line over its plan (unplanned items with spend included), then one for the total when it is over.</param>
public sealed record BudgetCheck(string Campaign, IReadOnlyList<BudgetLineStatus> Lines, decimal Planned, decimal Actual, decimal Remaining, IReadOnlyList<BudgetWarning> Warnings)
{
    /// <summary>Whether the total is over the plan.</summary>
    public bool TotalOverrun => Actual > Planned;
}

/// <summary>Budgets planned against actual, and the actuals the spend data gives.</summary>
public static class Budgets
{
    /// <summary>
    /// Checks a campaign's budget against <paramref name="actuals"/>: per line, actual = Σ actuals with the line's key,
    /// overrun = actual − planned when positive; actuals with no line become unplanned lines (planned 0, so any amount is
    /// an overrun); the total overruns when Σ actual &gt; Σ planned. Warnings say by how much and by what share.
    /// </summary>
    /// <exception cref="ArgumentException">An actual is negative.</exception>
    public static BudgetCheck Check(Campaign campaign, IEnumerable<BudgetActual> actuals)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(actuals);
        var sums = new Dictionary<string, (BudgetActual First, decimal Amount)>(StringComparer.Ordinal);
        foreach (var a in actuals)
        {
            if (a.Amount < 0)
            {
                throw new ArgumentException("actual " + TextRules.Quote(a.Key) + " is negative", nameof(actuals));
            }

            sums[a.Key] = sums.TryGetValue(a.Key, out var cur) ? (cur.First, cur.Amount + a.Amount) : (a, a.Amount);
        }

        var lines = new List<BudgetLineStatus>();
        var planned = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var order = new List<(string Key, BudgetItemKind Kind, string Item)>();
        foreach (var l in campaign.Budget)
        {
            if (!planned.ContainsKey(l.Key))
            {
                order.Add((l.Key, l.Kind, l.Item.Trim()));
            }

            planned[l.Key] = planned.GetValueOrDefault(l.Key) + l.Planned;
        }

        foreach (var (key, value) in sums.Where(p => !planned.ContainsKey(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            order.Add((key, value.First.Kind, value.First.Item.Trim()));
        }

        var warnings = new List<BudgetWarning>();
        foreach (var (key, kind, item) in order)
        {
            var isPlanned = planned.TryGetValue(key, out var p);
            var actual = sums.TryGetValue(key, out var s) ? s.Amount : 0m;
            var overrun = Math.Max(0, actual - p);
            lines.Add(new BudgetLineStatus(key, kind, item, p, actual, p - actual, overrun, p > 0 ? (double)actual / (double)p : null, isPlanned));
            if (overrun > 0)
            {
                warnings.Add(isPlanned
                    ? new BudgetWarning(campaign.Id, key, p, actual, overrun, CampaignCodes.BudgetLineOverrun, MessageArgs.Of(
                        ("campaign", campaign.Id), ("line", key), ("actual", actual), ("planned", p), ("overrun", overrun), ("share", Share(overrun, p))))
                    : new BudgetWarning(campaign.Id, key, p, actual, overrun, CampaignCodes.BudgetUnplannedSpend, MessageArgs.Of(
                        ("campaign", campaign.Id), ("line", key), ("actual", actual))));
            }
        }

        var totalPlanned = lines.Sum(l => l.Planned);
        var totalActual = lines.Sum(l => l.Actual);
        if (totalActual > totalPlanned)
        {
            var over = totalActual - totalPlanned;
            warnings.Add(totalPlanned > 0
                ? new BudgetWarning(campaign.Id, null, totalPlanned, totalActual, over, CampaignCodes.BudgetTotalOverrun, MessageArgs.Of(
                    ("campaign", campaign.Id), ("actual", totalActual), ("planned", totalPlanned), ("overrun", over), ("share", Share(over, totalPlanned))))
                : new BudgetWarning(campaign.Id, null, totalPlanned, totalActual, over, CampaignCodes.BudgetTotalOverrunNoPlan, MessageArgs.Of(
                    ("campaign", campaign.Id), ("actual", totalActual), ("overrun", over))));
        }

        return new BudgetCheck(campaign.Id, lines, totalPlanned, totalActual, totalPlanned - totalActual, warnings);
    }

    /// <summary>
    /// The channel actuals of a campaign from spend rows: Σ spend per channel (lower-cased) of the rows whose campaign code
    /// is one of the campaign's codes (exact match) and whose date lies in <paramref name="window"/> (default: the
    /// campaign's schedule). What the store's GROUP BY returns; here for small inputs and tests.
    /// </summary>
    public static IReadOnlyList<BudgetActual> SpendActuals(Campaign campaign, IEnumerable<SpendFact> spend, DateRange? window = null)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(spend);
        var codes = campaign.Codes.ToHashSet(StringComparer.Ordinal);
        var w = window ?? campaign.Schedule;
        return [.. spend
            .Where(s => s.Campaign is not null && codes.Contains(s.Campaign) && w.Contains(s.Date))
            .GroupBy(s => s.Channel.ToLowerInvariant(), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new BudgetActual(BudgetItemKind.Channel, g.Key, g.Sum(s => s.Spend)))];
    }

    private static double Share(decimal part, decimal whole) => (double)part / (double)whole;
}
