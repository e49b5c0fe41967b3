using System.Text;
using Mercato.Features.Measurement;

namespace Mercato.Features.Mix;

/// <summary>
/// The mix model's enum words (outcome, adstock, saturation, objective, plan status) for people in the language in
/// effect: the glossary's (<see cref="Terms"/>) when it has them, else this folder's catalogue (<c>mix.term.{kind}.{word}</c>).
/// The CLI's options, JSON and forms keep the words themselves.
/// </summary>
internal static class MixWords
{
    /// <summary>The word of <paramref name="value"/> for people.</summary>
    public static string Of<T>(T value)
        where T : struct, Enum => Word<T>(EnumWords.Word(value));

    /// <summary>The enum word <paramref name="word"/> of <typeparamref name="T"/> for people.</summary>
    public static string Word<T>(string word)
        where T : struct, Enum => MeasurementWords.Term("mix", Kind(typeof(T).Name), word);

    /// <summary>"; " between the parts of a note, in the language's punctuation.</summary>
    public static string Separator => Words.W("mix.separator");

    private static string Kind(string typeName)
    {
        var kind = new StringBuilder();
        foreach (var c in typeName)
        {
            if (char.IsUpper(c) && kind.Length > 0)
            {
                kind.Append('_');
            }

            kind.Append(char.ToLowerInvariant(c));
        }

        return kind.ToString();
    }
}
