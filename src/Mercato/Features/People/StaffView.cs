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

    /// <summary>A whole count with thousands separators, in the culture in effect.</summary>
    public static string Count(long value) => Figures.Count(value);

    /// <summary>A fractional figure with two decimals, in the culture in effect.</summary>
    public static string Figure(double value) => value.ToString("N2", CultureInfo.CurrentCulture);

    /// <summary>An optional figure with two decimals, a dash when there is none.</summary>
    public static string Figure(double? value) => value is { } v ? Figure(v) : "–";

    /// <summary>Money with two decimals, in the culture in effect (the column header names the currency).</summary>
    public static string Money(decimal value) => Figures.Money(value);

    /// <summary>An optional ratio as a percentage with two decimals, a dash when there is none.</summary>
    public static string Percent(double? value) => value is { } v ? Figures.Percent(v, 2) : "–";

    /// <summary>A role's word in the language in effect (the glossary's, else this feature's).</summary>
    public static string Word(SquadRole role)
    {
        var word = EnumWords.Word(role);
        return Terms.Of("squad_role", word, Words.W("people.role." + word));
    }

    /// <summary>A host kind's word in the language in effect (the glossary's, else this feature's).</summary>
    public static string Word(Core.DataCenter.HostKind kind)
    {
        var word = EnumWords.Word(kind);
        return Terms.Of("host_kind", word, Words.W("people.host_kind." + word));
    }

    /// <summary>An attribution model's name as people read it (the id the filter and the CLI take stays <see cref="Core.Measurement.Attribution.AttributionModels.Name"/>).</summary>
    public static string ModelName(Core.Measurement.Attribution.AttributionModel model) =>
        Words.W("people.model." + ModelKey(model));

    /// <summary>What an attribution model rewards and when to distrust it, in the language in effect.</summary>
    public static string ModelDescription(Core.Measurement.Attribution.AttributionModel model) =>
        Words.W("people.model_description." + ModelKey(model));

    private static string ModelKey(Core.Measurement.Attribution.AttributionModel model) =>
        Core.Measurement.Attribution.AttributionModels.Name(model).Replace('-', '_');

    /// <summary>
    /// A coded message as HTML for a page: its words in the language in effect, every string argument (an id, a name) marked
    /// <c>translate="no"</c> as data.
    /// </summary>
    public static Microsoft.AspNetCore.Components.MarkupString MessageHtml(ICodedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var template = Messages.Template(message.Code);
        if (template is null)
        {
            return new(Encode(message.Code));
        }

        // A select form's key and a nested message's code are words the template chooses by, not data to show.
        bool Shown(string name) =>
            !System.Text.RegularExpressions.Regex.IsMatch(template, "\\{" + name + ":[^{}]*=") && !message.Args.Keys.Any(k => k.StartsWith(name + ".", StringComparison.Ordinal));
        var args = message.Args.Select(a => a.Value switch
        {
            string text when Shown(a.Key) => (a.Key, (object?)Data(text)),
            IReadOnlyList<string> list => (a.Key, list.Select(Data).ToArray()),
            _ => (a.Key, a.Value),
        }).ToArray();
        return new(Messages.Render(Encode(template), args.Length == 0 ? MessageArgs.Empty : MessageArgs.Of(args), CultureInfo.CurrentUICulture));
    }

    private static string Data(string text) => "<span translate=\"no\">" + Encode(text) + "</span>";

    private static string Encode(string text) => System.Net.WebUtility.HtmlEncode(text);

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
