using System.Globalization;
using Mercato.Core.DataCenter;

namespace Mercato.Core.Campaigns;

/// <summary>
/// The short text forms people type for a campaign's parts, shared by the command line and the web form:
/// a budget line <c>ITEM=AMOUNT</c> and an objective <c>KPI=TARGET</c>.
/// </summary>
public static class CampaignInput
{
    /// <summary>
    /// Reads <c>ITEM=AMOUNT</c>: a cost category (agency, staff, tools, kol_fee, livestream_commission, event, other) makes
    /// a cost line, anything else a channel line; the prefixes <c>channel:</c> and <c>cost:</c> say which. The amount is a
    /// number with a decimal point and optional thousands separators. Null and <paramref name="error"/> when it is not.
    /// </summary>
    public static BudgetLine? BudgetLine(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        var eq = text.LastIndexOf('=');
        if (eq <= 0 || !decimal.TryParse(text[(eq + 1)..].Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
        {
            error = $"'{text}' is not CHANNEL_OR_CATEGORY=AMOUNT";
            return null;
        }

        var item = text[..eq].Trim();
        BudgetItemKind kind;
        if (item.StartsWith("channel:", StringComparison.OrdinalIgnoreCase))
        {
            (kind, item) = (BudgetItemKind.Channel, item["channel:".Length..].Trim());
        }
        else if (item.StartsWith("cost:", StringComparison.OrdinalIgnoreCase))
        {
            (kind, item) = (BudgetItemKind.Cost, item["cost:".Length..].Trim());
        }
        else
        {
            kind = Enum.GetValues<CostCategory>().Any(c => string.Equals(c.Word(), item, StringComparison.OrdinalIgnoreCase))
                ? BudgetItemKind.Cost
                : BudgetItemKind.Channel;
        }

        return new Campaigns.BudgetLine(kind, item, amount);
    }

    /// <summary>Reads <c>KPI=TARGET</c> (a campaign metric or KPI id and a number); null and <paramref name="error"/> when it is not.</summary>
    public static Objective? Objective(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        var eq = text.LastIndexOf('=');
        if (eq <= 0 || !double.TryParse(text[(eq + 1)..].Trim(), NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var target))
        {
            error = $"'{text}' is not KPI=TARGET";
            return null;
        }

        return new Campaigns.Objective(text[..eq].Trim(), target);
    }

    /// <summary>The non-empty lines of a text box, trimmed.</summary>
    public static IEnumerable<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
}
