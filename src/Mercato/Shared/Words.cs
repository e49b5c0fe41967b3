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
public static class Words
{
    private static readonly Lazy<Catalogues> All = new(Load);

    /// <summary>The text of <paramref name="key"/> in the UI culture, its placeholders filled from <paramref name="args"/>.</summary>
    public static string W(string key, params (string Name, object? Value)[] args) => Text(key, args.Length == 0 ? MessageArgs.Empty : MessageArgs.Of(args), null);

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

    private sealed record Catalogues(FrozenDictionary<string, ResourceManager> ByKey, IReadOnlyList<string> Problems);
}
