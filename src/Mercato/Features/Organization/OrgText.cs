using System.Globalization;
using System.Text.RegularExpressions;
using Mercato.Core.Kpis;
using Mercato.Core.Organization;
using Microsoft.AspNetCore.Components;

namespace Mercato.Features.Organization;

/// <summary>
/// The organization's words in the language in effect, for the pages and the commands: the catalogue's entries (functions,
/// KPIs, unit kinds, RACI roles, areas, statuses) through <see cref="Terms"/>, their descriptions, formulas and inputs from
/// this feature's catalogue, and the boundary findings' sentences with those words translated and names marked as data.
/// English reads exactly as the catalogues of Core write it.
/// </summary>
public static partial class OrgText
{
    /// <summary>
    /// A built-in entry's word (<see cref="Terms.Of"/>) in Chinese; in English the Core catalogue's own English, so that
    /// the English pages read as they always did.
    /// </summary>
    public static string Term(string kind, string id, string english) =>
        Locale.Language == Languages.English ? english : Terms.Of(kind, id, english);

    /// <summary>A catalog function's name, or a custom function's (data) as written.</summary>
    public static string FunctionName(OrgFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return IsCatalog(function) ? Term("function", function.Id, function.Name) : function.Name;
    }

    /// <summary>A catalog function's description in the language in effect, or a custom function's (data) as written.</summary>
    public static string FunctionDescription(OrgFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return IsCatalog(function) ? Term("function", function.Id + ".description", function.Description) : function.Description;
    }

    /// <summary>Whether the function is the catalog's (its words translate) rather than a workspace's own (data).</summary>
    public static bool IsCatalog(OrgFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return OrgCatalog.Find(function.Id) is { } catalog && string.Equals(catalog.Name, function.Name, StringComparison.Ordinal);
    }

    /// <summary>A KPI's name by id, or the id.</summary>
    public static string KpiName(string id) => KpiCatalog.Find(id) is { } kpi ? Term("kpi", kpi.Id, kpi.Name) : id;

    /// <summary>A KPI's formula in words (docs/kpis.md), for a page: field and event names as code in Chinese.</summary>
    public static MarkupString KpiFormula(string id, string english)
    {
        ArgumentNullException.ThrowIfNull(english);
        var key = "organization.kpi_formula." + id;
        return Locale.Language == Languages.English || Words.Template(key) is null ? new(Encode(english)) : Markup(key);
    }

    /// <summary>The name of one figure a KPI is computed from ("covered days", "new users active on day 7").</summary>
    public static string KpiInput(string english)
    {
        ArgumentNullException.ThrowIfNull(english);
        if (Locale.Language == Languages.English)
        {
            return english;
        }

        if (RetentionInput().Match(english) is { Success: true } m)
        {
            var n = long.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            var key = m.Groups["active"].Success ? "organization.kpi_input.retained" : m.Groups["day"].Success ? "organization.kpi_input.eligible" : "organization.kpi_input.excluded";
            return Words.W(key, ("n", n), ("day", m.Groups["day"].Value));
        }

        return Own("organization.kpi_input." + Slug(english), english);
    }

    /// <summary>A unit kind (company, center, department, team, module).</summary>
    public static string Kind(UnitKind kind) => Term("unit_kind", kind.Word(), kind.Word());

    /// <summary>A RACI role (responsible, accountable, consulted, informed).</summary>
    public static string Role(RaciRole role) => Term("raci_role", role.Word(), role.Word());

    /// <summary>A function area (marketing, operations, sales, product, data).</summary>
    public static string Area(FunctionArea area) => Term("function_area", area.Word(), area.Word());

    /// <summary>An area by its word, as the findings carry it.</summary>
    public static string Area(string word) => OrgWords.TryParseArea(word, out var area) ? Area(area) : word;

    /// <summary>The measure of a KPI (count, ratio, minutes, hours, money, per_user) in words.</summary>
    public static string Measure(string measure) => Term("kpi_unit", measure, measure);

    /// <summary>
    /// The sentence of a finding, a comparison or a KPI's reason, as plain text (the command line): its function and area
    /// words in the language in effect. In English, exactly <see cref="Messages.Text(ICodedMessage, CultureInfo?)"/>.
    /// </summary>
    public static string Text(ICodedMessage message, OrgStructure? structure = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Locale.Language == Languages.English && !Names.Any)
        {
            return Messages.Text(message);
        }

        return Messages.Text(message.Code, MessageArgs.Of([.. message.Args.Select(a => (a.Key, a.Value switch
        {
            string text => (object?)(TranslateArg(a.Key, text) ?? UnitName(structure, a.Key, text)),
            IReadOnlyList<string> list => list.Select(item => TranslateArg(a.Key, item) ?? UnitName(structure, a.Key, item)).ToArray(),
            var other => other,
        }))]));
    }

    /// <summary>
    /// The sentence of <paramref name="message"/> for a page: as <see cref="Text"/>, HTML-encoded, every other name (units,
    /// structures, custom functions, KPI ids, data kinds) marked <c>translate="no"</c> as data.
    /// </summary>
    public static MarkupString Html(ICodedMessage? message, OrgStructure? structure = null)
    {
        if (message is null)
        {
            return new("");
        }

        var template = Messages.Template(message.Code);
        if (template is null)
        {
            return new(Encode(message.Code));
        }

        string Cell(string key, string text) => TranslateArg(key, text) is { } word ? Encode(word) : Data(UnitName(structure, key, text));
        var args = MessageArgs.Of([.. message.Args.Select(a => (a.Key, a.Value switch
        {
            // A nested message's arguments (name.argument) render through Messages as they are; a select form's key stays a key.
            _ when a.Key.Contains('.', StringComparison.Ordinal) => a.Value,
            string text when Regex.IsMatch(template, "\\{" + Regex.Escape(a.Key) + ":[^{}]*=") => text,
            string text => (object?)Cell(a.Key, text),
            IReadOnlyList<string> list => list.Select(item => Cell(a.Key, item)).ToArray(),
            var other => other,
        }))]);
        return new(Messages.Render(Encode(template), args, CultureInfo.CurrentUICulture));
    }

    /// <summary>
    /// <see cref="Words.WM"/> for words whose links carry an argument (<c>[set one](/organization/targets?unit={unit})</c>):
    /// an argument inside a link's address is escaped for it, every other string argument is marked as data.
    /// </summary>
    public static MarkupString Markup(string key, params (string Name, object? Value)[] args)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(args);
        var template = Words.Template(key);
        if (template is null)
        {
            return new(Encode(key));
        }

        var html = Encode(template);
        html = Regex.Replace(html, "`([^`]+)`", "<code>$1</code>");
        html = Regex.Replace(html, @"\*\*([^*]+)\*\*", "<strong>$1</strong>");
        html = Regex.Replace(html, @"(?<![*\w])\*([^*\s][^*]*)\*(?!\w)", "<em>$1</em>");
        html = Regex.Replace(html, @"\[([^\]]+)\]\((/[^)\s]*)\)", "<a href=\"$2\">$1</a>");
        var marked = args.Select(a => a.Value switch
        {
            string text when Regex.IsMatch(html, "href=\"[^\"]*\\{" + Regex.Escape(a.Name) + "\\}") => (a.Name, (object?)Uri.EscapeDataString(text)),
            string text => (a.Name, Data(text)),
            _ => a,
        }).ToArray();
        return new(Messages.Render(html, marked.Length == 0 ? MessageArgs.Empty : MessageArgs.Of(marked), CultureInfo.CurrentUICulture));
    }

    /// <summary>
    /// A unit's name as a finding carries it (<c>unit</c>, <c>units</c>), shown by its display name in the language in effect
    /// (<see cref="Names"/>) when <paramref name="structure"/> has a unit of that name; any other text as it is.
    /// </summary>
    private static string UnitName(OrgStructure? structure, string key, string text) =>
        structure is not null && key is "unit" or "units" && structure.Units.FirstOrDefault(u => u.Name == text) is { } unit
            ? Names.Of(DisplayNames.Unit, unit.Id, unit.Name)
            : text;

    /// <summary>The translated word of a finding's argument (a catalog function, an area, a usual owner), or null when it is a name.</summary>
    private static string? TranslateArg(string key, string text) => key switch
    {
        "function" or "evidence" or "minor" => ByName.TryGetValue(text, out var function) ? Term("function", function.Id, function.Name) : null,
        "says" or "areas" => OrgWords.TryParseArea(text, out var area) ? Area(area) : null,
        "owner" => Own("organization.usual_owner." + Slug(text), text),
        _ => null,
    };

    private static readonly Dictionary<string, OrgFunction> ByName = OrgCatalog.Functions.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>This feature's words for <paramref name="key"/>; in English (or without the key) <paramref name="english"/>.</summary>
    private static string Own(string key, string english) =>
        Locale.Language == Languages.English || Words.Template(key) is null ? english : Words.W(key);

    /// <summary>A key's last part from English words: lower case, runs of anything else as one underscore.</summary>
    public static string Slug(string english) => NotWord().Replace(english.ToLowerInvariant(), "_").Trim('_');

    private static string Data(string text) => Words.Data(text);

    private static string Encode(string text) => Words.Encode(text);

    [GeneratedRegex(@"^new users (active on day (?<n>\d+)(?<active>)|with day (?<n>\d+) on or before the last day of data \((?<day>[^)]*)\)|left out: day (?<n>\d+) after the last day of data)$", RegexOptions.CultureInvariant)]
    private static partial Regex RetentionInput();

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotWord();
}
