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

    /// <summary>The catalogue key of an entry: <c>term.{kind}.{id}</c>.</summary>
    public static string Key(string kind, string id) => "term." + kind + "." + id;
}
