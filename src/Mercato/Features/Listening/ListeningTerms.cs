using System.Text.RegularExpressions;

namespace Mercato.Features.Listening;

/// <summary>
/// The words of listening's, the alert center's and crisis cases' enums (sentiment labels, watch kinds, alert kinds,
/// severities and statuses, crisis statuses, ...) as people read them: in English the stored word itself, as the pages,
/// tables and e-mails always wrote it (scripts read the tables); in another language the glossary's word
/// (<see cref="Terms.Of"/>, kind = the enum's name in snake case).
/// </summary>
public static partial class ListeningTerms
{
    /// <summary>The word of <paramref name="word"/> of <paramref name="kind"/>; <paramref name="english"/> (else the word) in English.</summary>
    public static string Of(string kind, string word, string? english = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(word);
        return Locale.Language == Languages.English ? english ?? word : Terms.Of(kind, word, english ?? word);
    }

    /// <summary>The word of an enum value: kind = the enum's name in snake case (<c>AlertKind</c> → <c>alert_kind</c>).</summary>
    public static string Of<T>(T value)
        where T : struct, Enum => Of(Kind<T>(), EnumWords.Word(value));

    /// <summary>The glossary kind of an enum: its name in snake case.</summary>
    public static string Kind<T>()
        where T : struct, Enum => Upper().Replace(typeof(T).Name, "_$1").TrimStart('_').ToLowerInvariant();

    [GeneratedRegex("([A-Z])")]
    private static partial Regex Upper();
}
