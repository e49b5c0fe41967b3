using System.Text;

namespace Mercato.Core.Listening;

/// <summary>
/// The language rule for <c>auto</c>: among the text's letters, a share of CJK ideographs of 0.3 or more is Chinese
/// (<c>zh</c>); otherwise any Latin letter makes it English (<c>en</c>); otherwise the language is unknown (empty). A
/// count, not a model: mixed Chinese posts with brand names in Latin letters stay Chinese, and other Latin-script
/// languages are read as English.
/// </summary>
public static class LanguageDetector
{
    /// <summary>The code of English.</summary>
    public const string English = "en";

    /// <summary>The code of Chinese.</summary>
    public const string Chinese = "zh";

    /// <summary>The code of a text whose language the rule cannot tell.</summary>
    public const string Unknown = "";

    /// <summary>The share of CJK ideographs among letters from which a text is Chinese.</summary>
    public const double ChineseShare = 0.3;

    /// <summary>Applies the rule.</summary>
    /// <param name="text">The text.</param>
    /// <returns><see cref="Chinese"/>, <see cref="English"/> or <see cref="Unknown"/>.</returns>
    public static string Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var letters = 0;
        var ideographs = 0;
        var latin = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsCjkIdeograph(rune.Value))
            {
                ideographs++;
                letters++;
            }
            else if (Rune.IsLetter(rune))
            {
                letters++;
                if (IsLatin(rune.Value))
                {
                    latin++;
                }
            }
        }

        if (letters > 0 && ideographs >= ChineseShare * letters)
        {
            return Chinese;
        }

        return latin > 0 ? English : Unknown;
    }

    /// <summary>CJK Unified Ideographs with extensions A to H, and the compatibility ideographs.</summary>
    public static bool IsCjkIdeograph(int value) =>
        value is (>= 0x4E00 and <= 0x9FFF)
            or (>= 0x3400 and <= 0x4DBF)
            or (>= 0xF900 and <= 0xFAFF)
            or (>= 0x20000 and <= 0x323AF);

    /// <summary>Basic Latin, Latin-1, Latin Extended A and B, Latin Extended Additional, and full-width Latin letters.</summary>
    private static bool IsLatin(int value) =>
        value is (>= 'A' and <= 'Z')
            or (>= 'a' and <= 'z')
            or (>= 0x00C0 and <= 0x024F)
            or (>= 0x1E00 and <= 0x1EFF)
            or (>= 0xFF21 and <= 0xFF3A)
            or (>= 0xFF41 and <= 0xFF5A);
}
