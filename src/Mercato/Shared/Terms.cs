namespace Mercato.Shared;

/// <summary>
/// The domain's own words in the language in effect: the built-in catalogues' entries (the nine brand steps, functions,
/// KPIs, channel groups, lifecycle stages, campaign kinds, operations modules, roles, ...), named by a kind and the entry's
/// stable id. The words live in <c>Shared/Glossary/Words.resx</c> (and <c>.zh-CN</c>) as <c>term.{kind}.{id}</c>, and
/// <c>docs/glossary.md</c> lists the same pairs for translators (<c>GlossaryTests</c> holds the two equal). An entry the
/// glossary lacks shows the English the catalogue gives, and the test lists it.
/// </summary>
public static class Terms
{
    /// <summary>The word of entry <paramref name="id"/> of <paramref name="kind"/>, else <paramref name="english"/>.</summary>
    public static string Of(string kind, string id, string english)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(id);
        var key = Key(kind, id);
        return Words.Template(key) is null ? english : Words.Text(key);
    }

    /// <summary>The word of entry <paramref name="id"/> of <paramref name="kind"/> in <paramref name="culture"/>, or null when the glossary has no such entry.</summary>
    public static string? ById(string kind, string id, System.Globalization.CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(id);
        var key = Key(kind, id);
        return Words.Template(key, culture) is null ? null : Words.Text(key, null, culture);
    }

    /// <summary>
    /// The word of the entry of <paramref name="kind"/> whose English word is <paramref name="english"/> (case ignored),
    /// in <paramref name="culture"/>; null when no entry has that English word (a workspace's own function, a renamed one).
    /// </summary>
    public static string? ByEnglish(string kind, string english, System.Globalization.CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(english);
        return English.Value.TryGetValue((kind, english.ToLowerInvariant()), out var id) ? ById(kind, id, culture) : null;
    }

    // (kind, English word in lower case) → id, from the glossary's neutral catalogue; descriptions (term.kind.id.description) are not words.
    private static readonly Lazy<Dictionary<(string Kind, string English), string>> English = new(() =>
    {
        var byEnglish = new Dictionary<(string, string), string>();
        foreach (var key in Words.Keys.Where(k => k.StartsWith("term.", StringComparison.Ordinal)))
        {
            var parts = key.Split('.');
            if (parts.Length == 3 && Words.Exactly(key, Mercato.Core.Common.Languages.English) is { } word)
            {
                byEnglish.TryAdd((parts[1], word.ToLowerInvariant()), parts[2]);
            }
        }

        return byEnglish;
    });

    /// <summary>The catalogue key of an entry: <c>term.{kind}.{id}</c>.</summary>
    public static string Key(string kind, string id) => "term." + kind + "." + id;
}
