using System.Globalization;
using Mercato.Core.DataCenter;

namespace Mercato.Core.Campaigns;

/// <summary>
/// The short text forms people type for a campaign's parts, shared by the command line and the web form:
/// a budget line <c>ITEM=AMOUNT</c> and an objective <c>KPI=TARGET</c>.
/// </summary>
public static class CampaignInput
{
    /// <summary>Reads one line; null and the error (a <see cref="CampaignCodes"/> code with the text) when it is not in the form.</summary>
    public delegate T? Reader<T>(string text, out Message? error)
        where T : class;

    /// <summary>
    /// Reads <c>ITEM=AMOUNT</c>: a cost category (agency, staff, tools, kol_fee, livestream_commission, event, other) makes
    /// a cost line, anything else a channel line; the prefixes <c>channel:</c> and <c>cost:</c> say which. The amount is a
    /// number with a decimal point and optional thousands separators. Null and <paramref name="error"/> when it is not.
    /// </summary>
    public static BudgetLine? BudgetLine(string text, out Message? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        var eq = text.LastIndexOf('=');
        if (eq <= 0 || !decimal.TryParse(text[(eq + 1)..].Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
        {
            error = Message.Of(CampaignCodes.BudgetLineSyntax, ("text", text));
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
    public static Objective? Objective(string text, out Message? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        var eq = text.LastIndexOf('=');
        if (eq <= 0 || !double.TryParse(text[(eq + 1)..].Trim(), NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var target))
        {
            error = Message.Of(CampaignCodes.ObjectiveSyntax, ("text", text));
            return null;
        }

        return new Campaigns.Objective(text[..eq].Trim(), target);
    }

    /// <summary>
    /// Reads a milestone <c>YYYY-MM-DD NAME</c>, done when the line starts with <c>x </c> (<c>x 2026-03-01 Press day</c>);
    /// null and <paramref name="error"/> when it is not.
    /// </summary>
    public static Milestone? Milestone(string text, out Message? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        var rest = text.Trim();
        var done = rest.StartsWith("x ", StringComparison.OrdinalIgnoreCase);
        if (done)
        {
            rest = rest[2..].TrimStart();
        }

        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !DateOnly.TryParseExact(rest[..space], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || rest[(space + 1)..].Trim().Length == 0)
        {
            error = Message.Of(CampaignCodes.MilestoneSyntax, ("text", text));
            return null;
        }

        return new Campaigns.Milestone(rest[(space + 1)..].Trim(), date, done);
    }

    /// <summary>Reads a kit link <c>LABEL | URL</c>; null and <paramref name="error"/> when it is not.</summary>
    public static KitLink? Link(string text, out Message? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        var bar = text.LastIndexOf('|');
        if (bar <= 0 || text[..bar].Trim().Length == 0 || text[(bar + 1)..].Trim().Length == 0)
        {
            error = Message.Of(CampaignCodes.LinkSyntax, ("text", text));
            return null;
        }

        return new KitLink(text[..bar].Trim(), text[(bar + 1)..].Trim());
    }

    /// <summary>
    /// Reads a squad member <c>PERSON:ROLE</c> (<c>lin-mei:lead</c>, the CLI's <c>--member</c>); null and
    /// <paramref name="error"/> when it is not one.
    /// </summary>
    public static SquadMember? Member(string text, out Message? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || text[..colon].Trim().Length == 0 || !EnumWords.TryParse<SquadRole>(text[(colon + 1)..].Trim(), out var role))
        {
            error = Message.Of(CampaignCodes.MemberSyntax, ("text", text), ("roles", EnumWords.All<SquadRole>()));
            return null;
        }

        return new SquadMember(text[..colon].Trim(), role);
    }

    /// <summary>A squad member as it is read back: <c>lin-mei:lead</c>.</summary>
    public static string Format(SquadMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.Person + ":" + EnumWords.Word(member.Role);
    }

    /// <summary>A budget line as it is read back: <c>channel:douyin_ads=50000</c>.</summary>
    public static string Format(BudgetLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return $"{EnumWords.Word(line.Kind)}:{line.Item}={line.Planned.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>An objective as it is read back: <c>roi=0.5</c>.</summary>
    public static string Format(Objective objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return $"{objective.Kpi}={objective.Target.ToString("R", CultureInfo.InvariantCulture)}";
    }

    /// <summary>A milestone as it is read back: <c>x 2026-03-01 Press day</c> when done.</summary>
    public static string Format(Milestone milestone)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        return (milestone.Done ? "x " : "") + milestone.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " " + milestone.Name;
    }

    /// <summary>A kit link as it is read back: <c>Launch page | https://...</c>.</summary>
    public static string Format(KitLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return link.Label + " | " + link.Url;
    }

    /// <summary>The non-empty lines of a text box, trimmed.</summary>
    public static IEnumerable<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
}
