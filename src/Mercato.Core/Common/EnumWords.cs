using System.Reflection;
using System.Text.Json.Serialization;

namespace Mercato.Core.Common;

/// <summary>
/// The words enumerations are written as in files, JSON, URLs and the command line: each member's
/// <see cref="JsonStringEnumMemberNameAttribute"/>, so JSON and the words can never disagree.
/// </summary>
public static class EnumWords
{
    /// <summary>The word of an enumeration value (<c>product_launch</c>, <c>resources_confirmed</c>, ...).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a member of the enumeration.</exception>
    public static string Word<T>(T value)
        where T : struct, Enum =>
        Table<T>.Words.TryGetValue(value, out var word) ? word : throw new ArgumentOutOfRangeException(nameof(value), value, null);

    /// <summary>Parses a word, ignoring case and surrounding spaces; false for anything else (numbers included).</summary>
    public static bool TryParse<T>(string? word, out T value)
        where T : struct, Enum
    {
        value = default;
        return word is not null && Table<T>.Values.TryGetValue(word.Trim(), out value);
    }

    /// <summary>Every word of the enumeration, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>()
        where T : struct, Enum => Table<T>.Ordered;

    /// <summary>Whether <paramref name="value"/> is a member of its enumeration.</summary>
    public static bool IsDefined<T>(T value)
        where T : struct, Enum => Table<T>.Words.ContainsKey(value);

    private static class Table<T>
        where T : struct, Enum
    {
        public static readonly Dictionary<T, string> Words = typeof(T)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(
                f => (T)f.GetValue(null)!,
                f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name.ToLowerInvariant());

        public static readonly IReadOnlyList<string> Ordered = [.. Words.OrderBy(p => p.Key).Select(p => p.Value)];

        public static readonly Dictionary<string, T> Values = Words.ToDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);
    }
}
