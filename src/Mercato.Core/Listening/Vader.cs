using System.Collections.Frozen;
using System.Text;
using System.Text.Json.Serialization;

namespace Mercato.Core.Listening;

/// <summary>
/// VADER's four figures for one text, rounded as the reference rounds them (compound to 4 places, proportions to 3).
/// </summary>
/// <param name="Compound">The normalised sum of the adjusted valences, −1 (most negative) to +1 (most positive).</param>
/// <param name="Positive">The positive share of the text's sentiment-bearing weight.</param>
/// <param name="Neutral">The neutral share (tokens without valence).</param>
/// <param name="Negative">The negative share.</param>
public readonly record struct VaderScores(double Compound, double Positive, double Neutral, double Negative);

/// <summary>
/// VADER (Valence Aware Dictionary and sEntiment Reasoner), re-implemented from the rules of Hutto and Gilbert,
/// "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of Social Media Text" (ICWSM 2014), as the reference
/// implementation vaderSentiment 3.3.2 applies them. The valence of each token is looked up in the lexicon and adjusted by
/// the words before it (boosters and dampeners within three tokens, scaled 1, 0.95, 0.9 by distance; negations, scaled
/// by −0.74; "never so/this" and "without doubt"; idioms; "least"), by ALL-CAPS emphasis when the text mixes case, and
/// by a contrastive "but" (×0.5 before, ×1.5 after). The compound score is the sum plus punctuation emphasis, normalised
/// by x/√(x²+15); the proportions divide the positive, negative and neutral weight by their total. docs/listening.md
/// lists every rule and constant.
/// </summary>
public sealed class Vader
{
    /// <summary>The empirical rise of a booster word ("very", "extremely").</summary>
    public const double BoosterIncrement = 0.293;

    /// <summary>The empirical fall of a dampener word ("kind of", "barely").</summary>
    public const double BoosterDecrement = -0.293;

    /// <summary>The empirical rise of a word written in capitals in a text that mixes case.</summary>
    public const double CapsIncrement = 0.733;

    /// <summary>What a negation multiplies a valence by.</summary>
    public const double NegationScalar = -0.74;

    /// <summary>The rise per exclamation mark, counted up to four.</summary>
    public const double ExclamationIncrement = 0.292;

    /// <summary>The rise per question mark when there are two or three.</summary>
    public const double QuestionIncrement = 0.18;

    /// <summary>The rise for four or more question marks.</summary>
    public const double QuestionCap = 0.96;

    /// <summary>The alpha of the normalisation x/√(x²+alpha).</summary>
    public const double NormalisationAlpha = 15;

    /// <summary>Compound at or above this is positive (VADER's standard threshold).</summary>
    public const double PositiveThreshold = 0.05;

    /// <summary>Compound at or below this is negative (VADER's standard threshold).</summary>
    public const double NegativeThreshold = -0.05;

    private const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private static readonly FrozenSet<string> Negations = new[]
    {
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
        "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
        "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
        "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
        "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
        "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
        "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
        "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, double> Boosters = BuildBoosters();

    private static readonly FrozenDictionary<string, double> SpecialCases = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["the shit"] = 3,
        ["the bomb"] = 3,
        ["bad ass"] = 1.5,
        ["badass"] = 1.5,
        ["bus stop"] = 0.0,
        ["yeah right"] = -2,
        ["kiss of death"] = -1.5,
        ["to die for"] = 3,
        ["beating heart"] = 3.1,
        ["broken heart"] = -2.9,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly VaderLexicon lexicon;

    /// <summary>Creates an analyser over a lexicon.</summary>
    /// <param name="lexicon">The valences and emoji descriptions.</param>
    public Vader(VaderLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        this.lexicon = lexicon;
    }

    /// <summary>The label of a compound score: positive at or above 0.05, negative at or below −0.05, else neutral.</summary>
    /// <param name="compound">A compound score.</param>
    /// <returns>The label.</returns>
    public static SentimentLabel Label(double compound) =>
        compound >= PositiveThreshold ? SentimentLabel.Positive
        : compound <= NegativeThreshold ? SentimentLabel.Negative
        : SentimentLabel.Neutral;

    /// <summary>Scores one text (best one sentence; longer texts work but blur).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The compound score and the proportions; all zero for a text without tokens.</returns>
    public VaderScores Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var prepared = ReplaceEmoji(text);
        var tokens = Tokenise(prepared);
        var lower = new string[tokens.Count];
        for (var k = 0; k < tokens.Count; k++)
        {
            lower[k] = tokens[k].ToLowerInvariant();
        }

        var capsDiffer = MixesCase(tokens);
        var sentiments = new List<double>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            // A booster, or "kind" in "kind of", modifies its neighbour and carries no valence of its own.
            if (Boosters.ContainsKey(lower[i]) || (i < tokens.Count - 1 && lower[i] == "kind" && lower[i + 1] == "of"))
            {
                sentiments.Add(0);
                continue;
            }

            sentiments.Add(Valence(tokens, lower, i, capsDiffer));
        }

        ApplyBut(lower, sentiments);
        return Summarise(sentiments, prepared);
    }

    private double Valence(List<string> tokens, string[] lower, int i, bool capsDiffer)
    {
        if (!lexicon.TryGetValence(lower[i], out var baseValence))
        {
            return 0;
        }

        var valence = baseValence;

        // "no" before a lexicon word negates it rather than counting as a negative word itself.
        if (lower[i] == "no" && i != tokens.Count - 1 && lexicon.Contains(lower[i + 1]))
        {
            valence = 0.0;
        }

        if ((i > 0 && lower[i - 1] == "no")
            || (i > 1 && lower[i - 2] == "no")
            || (i > 2 && lower[i - 3] == "no" && (lower[i - 1] == "or" || lower[i - 1] == "nor")))
        {
            valence = baseValence * NegationScalar;
        }

        if (capsDiffer && IsUpper(tokens[i]))
        {
            valence += valence > 0 ? CapsIncrement : -CapsIncrement;
        }

        for (var startI = 0; startI < 3; startI++)
        {
            var before = i - (startI + 1);
            if (i > startI && !lexicon.Contains(lower[before]))
            {
                var s = BoosterScalar(tokens[before], lower[before], valence, capsDiffer);
                if (startI == 1 && s != 0)
                {
                    s *= 0.95;
                }

                if (startI == 2 && s != 0)
                {
                    s *= 0.9;
                }

                valence += s;
                valence = NegationCheck(valence, lower, startI, i);
                if (startI == 2)
                {
                    valence = SpecialIdioms(valence, lower, i);
                }
            }
        }

        return LeastCheck(valence, lower, i);
    }

    private static double BoosterScalar(string token, string lowerToken, double valence, bool capsDiffer)
    {
        if (!Boosters.TryGetValue(lowerToken, out var scalar))
        {
            return 0.0;
        }

        if (valence < 0)
        {
            scalar = -scalar;
        }

        if (capsDiffer && IsUpper(token))
        {
            scalar += valence > 0 ? CapsIncrement : -CapsIncrement;
        }

        return scalar;
    }

    private static bool IsNegation(string lowerToken) =>
        Negations.Contains(lowerToken) || lowerToken.Contains("n't", StringComparison.Ordinal);

    private static double NegationCheck(double valence, string[] lower, int startI, int i)
    {
        switch (startI)
        {
            case 0:
                return IsNegation(lower[i - 1]) ? valence * NegationScalar : valence;
            case 1:
                if (lower[i - 2] == "never" && (lower[i - 1] == "so" || lower[i - 1] == "this"))
                {
                    return valence * 1.25;
                }

                if (lower[i - 2] == "without" && lower[i - 1] == "doubt")
                {
                    return valence;
                }

                return IsNegation(lower[i - 2]) ? valence * NegationScalar : valence;
            default:
                // The reference's condition, kept as written: "never so/this" three back, or "so"/"this" just before.
                if ((lower[i - 3] == "never" && (lower[i - 2] == "so" || lower[i - 2] == "this"))
                    || lower[i - 1] == "so" || lower[i - 1] == "this")
                {
                    return valence * 1.25;
                }

                if (lower[i - 3] == "without" && (lower[i - 2] == "doubt" || lower[i - 1] == "doubt"))
                {
                    return valence;
                }

                return IsNegation(lower[i - 3]) ? valence * NegationScalar : valence;
        }
    }

    private static double SpecialIdioms(double valence, string[] lower, int i)
    {
        var oneZero = lower[i - 1] + " " + lower[i];
        var twoOneZero = lower[i - 2] + " " + lower[i - 1] + " " + lower[i];
        var twoOne = lower[i - 2] + " " + lower[i - 1];
        var threeTwoOne = lower[i - 3] + " " + lower[i - 2] + " " + lower[i - 1];
        var threeTwo = lower[i - 3] + " " + lower[i - 2];
        foreach (var sequence in (ReadOnlySpan<string>)[oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo])
        {
            if (SpecialCases.TryGetValue(sequence, out var idiom))
            {
                valence = idiom;
                break;
            }
        }

        if (lower.Length - 1 > i && SpecialCases.TryGetValue(lower[i] + " " + lower[i + 1], out var after))
        {
            valence = after;
        }

        if (lower.Length - 1 > i + 1 && SpecialCases.TryGetValue(lower[i] + " " + lower[i + 1] + " " + lower[i + 2], out var after2))
        {
            valence = after2;
        }

        // Two-word dampeners ("kind of", "sort of", "just enough") before the word.
        foreach (var gram in (ReadOnlySpan<string>)[threeTwoOne, threeTwo, twoOne])
        {
            if (Boosters.TryGetValue(gram, out var scalar))
            {
                valence += scalar;
            }
        }

        return valence;
    }

    private double LeastCheck(double valence, string[] lower, int i)
    {
        // "least" before a word negates it, except in "at least" and "very least".
        if (i > 1 && !lexicon.Contains(lower[i - 1]) && lower[i - 1] == "least")
        {
            return lower[i - 2] != "at" && lower[i - 2] != "very" ? valence * NegationScalar : valence;
        }

        if (i > 0 && !lexicon.Contains(lower[i - 1]) && lower[i - 1] == "least")
        {
            return valence * NegationScalar;
        }

        return valence;
    }

    /// <summary>
    /// The contrastive "but": sentiments before the first "but" are halved, those after it raised by half. The reference
    /// finds each value's position with <c>list.index</c> (the first equal value), so repeated values can land on an
    /// earlier position; this is kept so the figures match the reference.
    /// </summary>
    private static void ApplyBut(string[] lower, List<double> sentiments)
    {
        var butIndex = Array.IndexOf(lower, "but");
        if (butIndex < 0)
        {
            return;
        }

        for (var k = 0; k < sentiments.Count; k++)
        {
            var sentiment = sentiments[k];
            var si = sentiments.IndexOf(sentiment);
            if (si < butIndex)
            {
                sentiments[si] = sentiment * 0.5;
            }
            else if (si > butIndex)
            {
                sentiments[si] = sentiment * 1.5;
            }
        }
    }

    private static VaderScores Summarise(List<double> sentiments, string text)
    {
        if (sentiments.Count == 0)
        {
            return new VaderScores(0, 0, 0, 0);
        }

        var sum = 0.0;
        foreach (var s in sentiments)
        {
            sum += s;
        }

        var emphasis = PunctuationEmphasis(text);
        if (sum > 0)
        {
            sum += emphasis;
        }
        else if (sum < 0)
        {
            sum -= emphasis;
        }

        var compound = Math.Clamp(sum / Math.Sqrt((sum * sum) + NormalisationAlpha), -1.0, 1.0);

        // Each scored token counts its valence plus one, so that it weighs against neutral tokens counted as one.
        var positive = 0.0;
        var negative = 0.0;
        var neutral = 0;
        foreach (var s in sentiments)
        {
            if (s > 0)
            {
                positive += s + 1;
            }

            if (s < 0)
            {
                negative += s - 1;
            }

            if (s == 0)
            {
                neutral++;
            }
        }

        if (positive > Math.Abs(negative))
        {
            positive += emphasis;
        }
        else if (positive < Math.Abs(negative))
        {
            negative -= emphasis;
        }

        var total = positive + Math.Abs(negative) + neutral;
        return new VaderScores(
            Math.Round(compound, 4, MidpointRounding.ToEven),
            Math.Round(Math.Abs(positive / total), 3, MidpointRounding.ToEven),
            Math.Round(Math.Abs(neutral / total), 3, MidpointRounding.ToEven),
            Math.Round(Math.Abs(negative / total), 3, MidpointRounding.ToEven));
    }

    private static double PunctuationEmphasis(string text)
    {
        var exclamations = 0;
        var questions = 0;
        foreach (var c in text)
        {
            if (c == '!')
            {
                exclamations++;
            }
            else if (c == '?')
            {
                questions++;
            }
        }

        var emphasis = Math.Min(exclamations, 4) * ExclamationIncrement;
        if (questions > 1)
        {
            emphasis += questions <= 3 ? questions * QuestionIncrement : QuestionCap;
        }

        return emphasis;
    }

    /// <summary>Each emoji the lexicon knows becomes its words, set off by a space from a word it touches.</summary>
    private string ReplaceEmoji(string text)
    {
        if (lexicon.EmojiCount == 0)
        {
            return text.Trim();
        }

        var builder = new StringBuilder(text.Length + 16);
        var previousSpace = true;
        foreach (var rune in text.EnumerateRunes())
        {
            var codePoint = rune.ToString();
            if (rune.Value > 0x7F && lexicon.TryGetEmoji(codePoint, out var description))
            {
                if (!previousSpace)
                {
                    builder.Append(' ');
                }

                builder.Append(description);
                previousSpace = false;
            }
            else
            {
                builder.Append(codePoint);
                previousSpace = rune.Value == ' ';
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>
    /// Splits on white space and strips leading and trailing ASCII punctuation from each token, unless that leaves two
    /// characters or fewer (then the token was likely an emoticon such as ":)" and stays whole).
    /// </summary>
    private static List<string> Tokenise(string text)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var k = 0; k <= text.Length; k++)
        {
            var boundary = k == text.Length || char.IsWhiteSpace(text[k]);
            if (boundary)
            {
                if (start >= 0)
                {
                    var token = text[start..k];
                    var stripped = token.AsSpan().Trim(AsciiPunctuation);
                    tokens.Add(stripped.Length <= 2 ? token : stripped.ToString());
                    start = -1;
                }
            }
            else if (start < 0)
            {
                start = k;
            }
        }

        return tokens;
    }

    /// <summary>Python's <c>str.isupper</c>: at least one cased letter and no lower-case one.</summary>
    private static bool IsUpper(string token)
    {
        var cased = false;
        foreach (var c in token)
        {
            if (char.IsLower(c))
            {
                return false;
            }

            if (char.IsUpper(c))
            {
                cased = true;
            }
        }

        return cased;
    }

    /// <summary>Whether some, but not all, tokens are in capitals: only then is a word in capitals emphasis.</summary>
    private static bool MixesCase(List<string> tokens)
    {
        var upper = 0;
        foreach (var token in tokens)
        {
            if (IsUpper(token))
            {
                upper++;
            }
        }

        var differential = tokens.Count - upper;
        return differential > 0 && differential < tokens.Count;
    }

    private static FrozenDictionary<string, double> BuildBoosters()
    {
        string[] increments =
        [
            "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably", "decidedly", "deeply",
            "effing", "enormous", "enormously", "entirely", "especially", "exceptional", "exceptionally", "extreme",
            "extremely", "fabulously", "flipping", "flippin", "frackin", "fracking", "fricking", "frickin", "frigging",
            "friggin", "fully", "fuckin", "fucking", "fuggin", "fugging", "greatly", "hella", "highly", "hugely",
            "incredible", "incredibly", "intensely", "major", "majorly", "more", "most", "particularly", "purely",
            "quite", "really", "remarkably", "so", "substantially", "thoroughly", "total", "totally", "tremendous",
            "tremendously", "uber", "unbelievably", "unusually", "utter", "utterly", "very",
        ];
        string[] decrements =
        [
            "almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of", "less", "little",
            "marginal", "marginally", "occasional", "occasionally", "partly", "scarce", "scarcely", "slight", "slightly",
            "somewhat", "sort of", "sorta", "sortof", "sort-of",
        ];
        var boosters = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var word in increments)
        {
            boosters[word] = BoosterIncrement;
        }

        foreach (var word in decrements)
        {
            boosters[word] = BoosterDecrement;
        }

        return boosters.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

/// <summary>The label of a sentiment score.</summary>
public enum SentimentLabel
{
    /// <summary>Between the thresholds.</summary>
    Neutral,

    /// <summary>At or above the positive threshold.</summary>
    Positive,

    /// <summary>At or below the negative threshold.</summary>
    Negative,

    /// <summary>The text's language has no scorer yet.</summary>
    [JsonStringEnumMemberName("not_scored")]
    NotScored,
}
