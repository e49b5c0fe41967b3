using System.Globalization;
using Mercato.Core.Campaigns;
using Mercato.Features.Campaigns;

namespace Mercato.Features.People;

/// <summary>Shared words and numbers of the people, leaderboard and live-stream pages.</summary>
public static class StaffView
{
    /// <summary>The path of a person's page.</summary>
    public static string PersonPath(string id) => "/campaigns/people/" + Uri.EscapeDataString(id);

    /// <summary>The squad page's address.</summary>
    public static string SquadPath(string id) => "/campaigns/squads/" + Uri.EscapeDataString(id);

    /// <summary>A day as <c>YYYY-MM-DD</c>.</summary>
    public static string Day(DateOnly day) => CampaignsArea.Day(day);

    /// <summary>A range as <c>2026-03-01 – 2026-03-31</c>, one day as itself.</summary>
    public static string Days(DateRange range) => range.Start == range.End ? Day(range.Start) : Day(range.Start) + " – " + Day(range.End);

    /// <summary>A whole count with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A fractional figure with two decimals.</summary>
    public static string Figure(double value) => value.ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>An optional figure with two decimals, a dash when there is none.</summary>
    public static string Figure(double? value) => value is { } v ? Figure(v) : "–";

    /// <summary>Money with two decimals.</summary>
    public static string Money(decimal value) => value.ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>An optional ratio as a percentage with two decimals, a dash when there is none.</summary>
    public static string Percent(double? value) => value is { } v ? v.ToString("P2", CultureInfo.InvariantCulture) : "–";

    /// <summary>A role's word.</summary>
    public static string Word(SquadRole role) => EnumWords.Word(role);

    /// <summary>
    /// Why a report's window was refused, as a sentence of its own: the first problem's words without its path (a page's
    /// filter has no field named <c>to</c>), or the outcome's.
    /// </summary>
    public static string WindowProblem(Outcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Problems is [var first, ..] ? Messages.Sentence(first) : Messages.Sentence(outcome);
    }

    /// <summary>
    /// A document's id and the version a page read, as one form value (<c>s1|3</c>): for a list whose rows each post their
    /// own removal from one form.
    /// </summary>
    public static string WithVersion(string id, long version) => id + "|" + version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The id and version of <see cref="WithVersion"/>; the version is null when the value carries none (or not a number).</summary>
    public static (string Id, long? Version) ReadVersion(string? value)
    {
        var text = value?.Trim() ?? "";
        var bar = text.LastIndexOf('|');
        if (bar < 0)
        {
            return (text, null);
        }

        return (text[..bar], Version(text[(bar + 1)..]));
    }

    /// <summary>A version posted by a form's hidden <c>version</c> field; null when there is none or it is not a version.</summary>
    public static long? Version(string? text) =>
        long.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0 ? version : null;

    /// <summary>Parses an optional day of a query string; false when the text is not <c>YYYY-MM-DD</c>.</summary>
    public static bool TryDay(string? text, out DateOnly? day) => Mercato.Shared.Periods.TryDay(string.IsNullOrWhiteSpace(text) ? null : text.Trim(), out day);
}
