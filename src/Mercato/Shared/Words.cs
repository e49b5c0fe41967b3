using System.Collections.Frozen;
using System.Globalization;
using System.Resources;

namespace Mercato.Shared;

/// <summary>
/// The interface's own words (titles, labels, column headers, buttons, explanations, CLI lines), one catalogue per feature:
/// <c>Features/X/Words.resx</c> (English) and <c>Words.zh-CN.resx</c> beside it (Simplified Chinese), key =
/// <c>feature.what</c> (<c>home.title</c>, <c>measurement.roi.col_spend</c>), value = the text with the placeholders of
/// <see cref="Messages"/>. Coded messages (refusals, problems, findings) stay in <c>Messages.resx</c>. Pages write
/// <c>@W("home.title")</c> (<c>_Imports.razor</c> imports this class statically); commands write <c>Words.W(...)</c>.
/// </summary>
/// <remarks>
/// Every catalogue is found by name (<c>*.Words.resources</c> in this assembly), so a feature adds words without touching
/// a shared file; a key may live in one catalogue only (<see cref="Problems"/> says otherwise). An unknown key renders as
/// the key, never throws; <c>WordsCatalogueTests</c> fails for a key used but not defined, or lacking either language.
/// </remarks>
public static partial class Words
{
    private static readonly Lazy<Catalogues> All = new(Load);

    /// <summary>The text of <paramref name="key"/> in the UI culture, its placeholders filled from <paramref name="args"/>.</summary>
    public static string W(string key, params (string Name, object? Value)[] args) => Text(key, args.Length == 0 ? MessageArgs.Empty : MessageArgs.Of(args), null);

    /// <summary>
    /// The text of <paramref name="key"/> as HTML for a page, when the words hold markup: <c>`x`</c> is code,
    /// <c>**x**</c> strong, <c>*x*</c> emphasis, <c>[text](/path)</c> a link within this server. The catalogue's text is
    /// encoded first; every string argument is encoded and marked <c>translate="no"</c> (it is data: a name, an id), except
    /// one a select form chooses by.
    /// </summary>
    public static Microsoft.AspNetCore.Components.MarkupString WM(string key, params (string Name, object? Value)[] args)
    {
        ArgumentNullException.ThrowIfNull(key);
        var template = Template(key, CultureInfo.CurrentUICulture);
        if (template is null)
        {
            return new(Encode(key));
        }

        var html = Encode(template);
        html = CodePattern().Replace(html, "<code>$1</code>");
        html = StrongPattern().Replace(html, "<strong>$1</strong>");
        html = EmphasisPattern().Replace(html, "<em>$1</em>");
        html = LinkPattern().Replace(html, "<a href=\"$2\">$1</a>");
        var marked = args.Select(a => a.Value switch
        {
            string text when !System.Text.RegularExpressions.Regex.IsMatch(template, "\\{" + a.Name + ":[^{}]*=") => (a.Name, (object?)Data(text)),
            IReadOnlyList<string> list => (a.Name, list.Select(Data).ToArray()),
            _ => a,
        }).ToArray();
        return new(Messages.Render(html, marked.Length == 0 ? MessageArgs.Empty : MessageArgs.Of(marked), CultureInfo.CurrentUICulture));
    }

    /// <summary>The text of <paramref name="key"/> in <paramref name="culture"/> (the UI culture by default).</summary>
    public static string Text(string key, MessageArgs? args = null, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        culture ??= CultureInfo.CurrentUICulture;
        var template = Template(key, culture);
        return template is null ? key : Messages.Render(template, args ?? MessageArgs.Empty, culture);
    }

    /// <summary>The catalogue's text of <paramref name="key"/> in <paramref name="culture"/> (English where it lacks one), or null for an unknown key.</summary>
    public static string? Template(string key, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        return All.Value.ByKey.TryGetValue(key, out var catalogue) ? catalogue.GetString(key, culture ?? CultureInfo.CurrentUICulture) : null;
    }

    /// <summary>The text of <paramref name="key"/> in exactly <paramref name="language"/>, without falling back: null when that catalogue lacks it.</summary>
    public static string? Exactly(string key, string language)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!All.Value.ByKey.TryGetValue(key, out var catalogue))
        {
            return null;
        }

        var set = catalogue.GetResourceSet(CultureInfo.GetCultureInfo(language == Languages.English ? "" : language), createIfNotExists: true, tryParents: false);
        return set?.GetString(key);
    }

    /// <summary>Every key of every catalogue.</summary>
    public static IReadOnlyCollection<string> Keys => All.Value.ByKey.Keys;

    /// <summary>Keys defined in more than one catalogue (each listed with its catalogues): must be none.</summary>
    public static IReadOnlyList<string> Problems => All.Value.Problems;

    /// <summary>The catalogue (resource base name) holding <paramref name="key"/>, or null.</summary>
    public static string? CatalogueOf(string key) => All.Value.ByKey.TryGetValue(key, out var catalogue) ? catalogue.BaseName : null;

    private static Catalogues Load()
    {
        var assembly = typeof(Words).Assembly;
        var byKey = new Dictionary<string, ResourceManager>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".Words.resources", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var baseName = name[..^".resources".Length];
            var manager = new ResourceManager(baseName, assembly);
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new ResourceReader(stream);
            foreach (System.Collections.DictionaryEntry entry in reader)
            {
                var key = (string)entry.Key;
                if (!byKey.TryAdd(key, manager))
                {
                    problems.Add($"{key}: in {byKey[key].BaseName} and {baseName}");
                }
            }
        }

        return new Catalogues(byKey.ToFrozenDictionary(StringComparer.Ordinal), problems);
    }

    internal static string Data(string text) => "<span translate=\"no\">" + Encode(text) + "</span>";

    // Text content and double-quoted attributes need these four; ' and # stay as they are (# is a plural form's number).
    internal static string Encode(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex("`([^`]+)`")]
    private static partial System.Text.RegularExpressions.Regex CodePattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"\*\*([^*]+)\*\*")]
    private static partial System.Text.RegularExpressions.Regex StrongPattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![*\w])\*([^*\s][^*]*)\*(?!\w)")]
    private static partial System.Text.RegularExpressions.Regex EmphasisPattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"\[([^\]]+)\]\((/[^)\s]*)\)")]
    private static partial System.Text.RegularExpressions.Regex LinkPattern();

    private sealed record Catalogues(FrozenDictionary<string, ResourceManager> ByKey, IReadOnlyList<string> Problems);
}
