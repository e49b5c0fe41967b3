using System.Globalization;

namespace Mercato.Core.Listening;

/// <summary>
/// VADER's data: the word (and emoticon) valences and the emoji descriptions. Core never opens a file: the host reads
/// the lexicon shipped from the npm package <c>vader-sentiment</c> and hands the text here.
/// </summary>
public sealed class VaderLexicon
{
    private readonly Dictionary<string, double> valences;
    private readonly Dictionary<string, string> emoji;

    private VaderLexicon(Dictionary<string, double> valences, Dictionary<string, string> emoji)
    {
        this.valences = valences;
        this.emoji = emoji;
    }

    /// <summary>How many words and emoticons carry a valence.</summary>
    public int Count => valences.Count;

    /// <summary>How many emoji translate to words.</summary>
    public int EmojiCount => emoji.Count;

    /// <summary>
    /// Reads VADER's lexicon format: one entry a line, tab-separated, the token first and its mean valence second
    /// (further columns, the standard deviation and the raters' scores, are ignored); blank lines are skipped.
    /// </summary>
    /// <param name="lexicon">The lexicon text (<c>vader_lexicon.txt</c>).</param>
    /// <param name="emoji">Optional emoji descriptions, one a line: the emoji, a tab, the words it stands for.</param>
    /// <returns>The lexicon.</returns>
    /// <exception cref="FormatException">A line has no tab or its valence is not a number (a broken shipped file is a bug).</exception>
    public static VaderLexicon Parse(TextReader lexicon, TextReader? emoji = null)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        var valences = new Dictionary<string, double>(8192, StringComparer.Ordinal);
        var lineNumber = 0;
        while (lexicon.ReadLine() is { } line)
        {
            lineNumber++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            var parts = trimmed.Split('\t');
            if (parts.Length < 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var valence))
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"VADER lexicon line {lineNumber} is not 'token<TAB>valence'."));
            }

            valences[parts[0]] = valence;
        }

        var descriptions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (emoji is not null)
        {
            while (emoji.ReadLine() is { } line)
            {
                var trimmed = line.Trim();
                var tab = trimmed.IndexOf('\t', StringComparison.Ordinal);
                if (tab > 0 && tab < trimmed.Length - 1)
                {
                    descriptions[trimmed[..tab]] = trimmed[(tab + 1)..];
                }
            }
        }

        return new VaderLexicon(valences, descriptions);
    }

    /// <summary>The valence of a lower-cased token, if the lexicon has it.</summary>
    /// <param name="token">The token, already lower-cased.</param>
    /// <param name="valence">Its mean valence (−4 to +4).</param>
    /// <returns>Whether the token is in the lexicon.</returns>
    public bool TryGetValence(string token, out double valence) => valences.TryGetValue(token, out valence);

    /// <summary>Whether a lower-cased token is in the lexicon.</summary>
    /// <param name="token">The token, already lower-cased.</param>
    /// <returns>True when the lexicon has it.</returns>
    public bool Contains(string token) => valences.ContainsKey(token);

    /// <summary>The words an emoji (one code point, as the reference looks them up) stands for.</summary>
    /// <param name="codePoint">The emoji as a string of one code point.</param>
    /// <param name="description">Its words.</param>
    /// <returns>Whether the emoji is known.</returns>
    public bool TryGetEmoji(string codePoint, out string description) =>
        emoji.TryGetValue(codePoint, out description!);
}
