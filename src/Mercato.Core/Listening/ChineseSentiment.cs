using System.Text;

namespace Mercato.Core.Listening;

/// <summary>
/// Rule-based sentiment of Simplified Chinese texts, in the manner of VADER (Hutto and Gilbert, ICWSM 2014) over jieba's
/// words and Mercato's own lexicon (<see cref="ChineseLexicon"/>); the rules and their figures are in docs/listening.md,
/// "Chinese sentiment". For one text:
/// <list type="number">
/// <item>Clauses: the text is cut at ，。！？；：,.!?;:~～…、 and white space; bracket emoticons of the lexicon ([赞]) and
/// emoji of the lexicon are taken out as tokens; the rest of each clause is cut by <see cref="ChineseSegmenter"/>;
/// punctuation tokens are dropped.</item>
/// <item>Each word's weight w (−4..+4) from the lexicon; a token the lexicon lacks but that is a negator, a "not very"
/// phrase or a degree adverb glued to a lexicon word (不好用, 超好用), or a lexicon word with a final particle (好的, 坏了),
/// is read as the two. A degree adverb right before a word of the lexicon is a degree adverb, not a word (好 in 好贵).</item>
/// <item>Up to <see cref="Window"/> tokens before the word, in its clause and stopping at an earlier lexicon word: degree
/// adverbs multiply w by their multipliers; an odd number of negators multiplies by <see cref="NegationScalar"/>; a
/// negator before a degree adverb (不很好, 不是很满意) or a "not very" token (不太) makes it "not very": the degree is
/// dropped and the negation halved (<see cref="NotVeryScalar"/>), while a degree adverb before a negator (太不好) scales
/// the negated word; an emphatic word before a negator (一点也不, 根本不) multiplies by <see cref="EmphaticScalar"/>.</item>
/// <item>A diminisher (小, 低, 不大) right after a negative word, degree adverbs allowed between, turns it (噪音很小):
/// × <see cref="NegationScalar"/> and the degrees between.</item>
/// <item>The last adversative (但是, 不过 …) splits the text: before it × <see cref="BeforeAdversative"/>, from it on
/// × <see cref="AfterAdversative"/>; without one, a concessive (虽然) splits after its own clause the same way.</item>
/// <item>A question, a clause ending in ? or ？ with a question word of the lexicon (吗, 请问), scores 0.</item>
/// <item>Sum x; each ! or ！ (at most <see cref="MaxExclamations"/>) adds <see cref="ExclamationIncrement"/> away from 0.</item>
/// <item>Score x/√(x² + <see cref="NormalisationAlpha"/>), clamped to [−1, 1], rounded to 4 places; proportions as VADER
/// sifts them (a positive weight counts w + 1, a negative w − 1, any other token 1; the exclamations go to the larger
/// side), rounded to 3 places.</item>
/// </list>
/// Thread-safe: the lexicon is read-only and the segmenter locks.
/// </summary>
public sealed class ChineseSentiment : ITextScorer
{
    /// <summary>How many tokens before a word its negators and degree adverbs may stand.</summary>
    public const int Window = 3;

    /// <summary>A negated word's factor (VADER's N_SCALAR).</summary>
    public const double NegationScalar = -0.74;

    /// <summary>The extra factor of a "not very" negation (不太好 is milder than 不好).</summary>
    public const double NotVeryScalar = 0.5;

    /// <summary>The factor of an emphatic word before a negator (一点也不好).</summary>
    public const double EmphaticScalar = 1.5;

    /// <summary>The factor of the words before the adversative (VADER's "but" rule).</summary>
    public const double BeforeAdversative = 0.5;

    /// <summary>The factor of the words from the adversative on.</summary>
    public const double AfterAdversative = 1.5;

    /// <summary>What each exclamation mark adds to the sum's magnitude (VADER's).</summary>
    public const double ExclamationIncrement = 0.292;

    /// <summary>The most exclamation marks counted.</summary>
    public const int MaxExclamations = 4;

    /// <summary>The normalisation's alpha (VADER's).</summary>
    public const double NormalisationAlpha = 15;

    /// <summary>The score from which a text is positive.</summary>
    public const double PositiveThreshold = 0.05;

    /// <summary>The score up to which a text is negative.</summary>
    public const double NegativeThreshold = -0.05;

    private const string ClauseBreaks = "，。！？；：,.!?;:~～…、\u3000";
    private const string Particles = "了的得啦啊呀哦吧呢嘛";

    private readonly ChineseLexicon lexicon;
    private readonly ChineseSegmenter segmenter;
    private readonly string[] negationPrefixes;
    private readonly string[] degreePrefixes;

    /// <summary>A scorer with <paramref name="lexicon"/>; the lexicon's words are added to the segmenter's dictionary.</summary>
    /// <param name="lexicon">The lexicon (<see cref="ChineseLexicon.Shipped"/>).</param>
    /// <param name="segmenter">The process's segmenter.</param>
    public ChineseSentiment(ChineseLexicon lexicon, ChineseSegmenter segmenter)
    {
        this.lexicon = lexicon ?? throw new ArgumentNullException(nameof(lexicon));
        this.segmenter = segmenter ?? throw new ArgumentNullException(nameof(segmenter));
        negationPrefixes = [.. lexicon.Negators.Concat(lexicon.NotVery).OrderByDescending(p => p.Length).ThenBy(p => p, StringComparer.Ordinal)];
        degreePrefixes = [.. lexicon.Degrees.Keys.OrderByDescending(p => p.Length).ThenBy(p => p, StringComparer.Ordinal)];
        segmenter.AddWords(lexicon.SegmenterWords);
    }

    /// <summary>The label of a score: positive at or above 0.05, negative at or below −0.05, else neutral (VADER's thresholds).</summary>
    /// <param name="score">A score.</param>
    /// <returns>The label.</returns>
    public static SentimentLabel Label(double score) =>
        score >= PositiveThreshold ? SentimentLabel.Positive
        : score <= NegativeThreshold ? SentimentLabel.Negative
        : SentimentLabel.Neutral;

    /// <summary>Scores one Chinese text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>Its sentiment, language <c>zh</c>; score 0, neutral, all proportions 0 for a text without tokens.</returns>
    public TextSentiment Score(string text)
    {
        var (tokens, questions) = Split(text);
        if (tokens.Count == 0)
        {
            return new TextSentiment(LanguageDetector.Chinese, 0, SentimentLabel.Neutral, 0, 0, 0);
        }

        var valences = Valences(tokens, questions);
        var sum = valences.Sum();
        var emphasis = Math.Min(text.Count(c => c is '!' or '！'), MaxExclamations) * ExclamationIncrement;
        if (sum > 0)
        {
            sum += emphasis;
        }
        else if (sum < 0)
        {
            sum -= emphasis;
        }

        var score = Math.Round(Math.Clamp(sum / Math.Sqrt((sum * sum) + NormalisationAlpha), -1.0, 1.0), 4, MidpointRounding.ToEven);

        var positive = valences.Where(v => v > 0).Sum(v => v + 1);
        var negative = valences.Where(v => v < 0).Sum(v => 1 - v);
        var neutral = valences.Count(v => v == 0);
        if (positive > negative)
        {
            positive += emphasis;
        }
        else if (positive < negative)
        {
            negative += emphasis;
        }

        var total = positive + negative + neutral;
        return new TextSentiment(
            LanguageDetector.Chinese,
            score,
            Label(score),
            Math.Round(positive / total, 3, MidpointRounding.ToEven),
            Math.Round(neutral / total, 3, MidpointRounding.ToEven),
            Math.Round(negative / total, 3, MidpointRounding.ToEven));
    }

    /// <summary>The tokens the rules read, in order (for tests and for explaining a score).</summary>
    /// <param name="text">The text.</param>
    /// <returns>Each token with the number of its clause.</returns>
    public IReadOnlyList<(string Text, int Clause)> Tokenize(string text) => Split(text).Tokens;

    private (List<(string Text, int Clause)> Tokens, HashSet<int> Questions) Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var questions = new HashSet<int>();
        var tokens = new List<(string Text, int Clause)>();
        var buffer = new StringBuilder();
        var clause = 0;

        void Flush()
        {
            if (buffer.Length == 0)
            {
                return;
            }

            foreach (var word in segmenter.Cut(buffer.ToString()))
            {
                if (word.Any(char.IsLetterOrDigit))
                {
                    tokens.Add((word, clause));
                }
            }

            buffer.Clear();
        }

        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || ClauseBreaks.Contains(c, StringComparison.Ordinal))
            {
                Flush();
                if (c is '?' or '？')
                {
                    questions.Add(clause);
                }

                clause++;
                i++;
                continue;
            }

            if (c == '[')
            {
                var end = text.IndexOf(']', i + 1);
                if (end > i && end - i <= 12 && lexicon.Weights.ContainsKey(text[i..(end + 1)]))
                {
                    Flush();
                    tokens.Add((text[i..(end + 1)], clause));
                    i = end + 1;
                    continue;
                }
            }

            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length);
            if (!Rune.IsLetterOrDigit(rune) && rune.Value >= 0x2000)
            {
                var symbol = rune.ToString();
                if (lexicon.Weights.ContainsKey(symbol))
                {
                    Flush();
                    tokens.Add((symbol, clause));
                    i += length;
                    continue;
                }

                // Emoji modifiers (presentation selector, skin tones, joiner) carry nothing of their own.
                if (rune.Value is 0xFE0F or 0x200D or (>= 0x1F3FB and <= 0x1F3FF))
                {
                    i += length;
                    continue;
                }
            }

            buffer.Append(text, i, length);
            i += length;
        }

        Flush();
        return (tokens, questions);
    }

    private double[] Valences(IReadOnlyList<(string Text, int Clause)> tokens, HashSet<int> questions)
    {
        var n = tokens.Count;
        var weights = new double?[n];
        for (var i = 0; i < n; i++)
        {
            // A word of weight 0 is in the lexicon only to be kept whole: it is no sentiment word.
            weights[i] = Weight(tokens[i].Text) is { } w and not 0 ? w : null;
        }

        var asDegree = new bool[n];
        for (var i = 0; i + 1 < n; i++)
        {
            asDegree[i] = lexicon.Degrees.ContainsKey(tokens[i].Text) && tokens[i + 1].Clause == tokens[i].Clause && weights[i + 1] is not null;
        }

        var valences = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (weights[i] is { } w && !asDegree[i])
            {
                valences[i] = Modify(tokens, weights, asDegree, i, w);
            }
        }

        Diminish(tokens, valences);
        Adversative(tokens, valences);
        foreach (var clause in questions)
        {
            if (tokens.Any(t => t.Clause == clause && lexicon.Questions.Contains(t.Text)))
            {
                for (var i = 0; i < n; i++)
                {
                    if (tokens[i].Clause == clause)
                    {
                        valences[i] = 0;
                    }
                }
            }
        }

        return valences;
    }

    private double Modify(IReadOnlyList<(string Text, int Clause)> tokens, double?[] weights, bool[] asDegree, int at, double weight)
    {
        var multiplier = 1.0;
        var negations = 0;
        var notVery = false;
        // A lexicon word with its negator inside (不好用, 没用) takes emphasis before it as a negated word would.
        var seenNegator = negationPrefixes.Any(p => tokens[at].Text.Length > p.Length && tokens[at].Text.StartsWith(p, StringComparison.Ordinal));
        var seenDegree = false;
        for (var d = 1; d <= Window; d++)
        {
            var j = at - d;
            if (j < 0 || tokens[j].Clause != tokens[at].Clause)
            {
                break;
            }

            var word = tokens[j].Text;
            if (weights[j] is not null && !asDegree[j])
            {
                break;
            }

            if (lexicon.NotVery.Contains(word))
            {
                negations++;
                notVery = true;
                seenNegator = true;
            }
            else if (lexicon.Negators.Contains(word))
            {
                negations++;
                if (seenDegree && !seenNegator)
                {
                    notVery = true;
                    multiplier = 1.0;
                }

                seenNegator = true;
            }
            else if (seenNegator && lexicon.Emphatic.Contains(word))
            {
                multiplier *= EmphaticScalar;
            }
            else if (lexicon.Degrees.TryGetValue(word, out var degree))
            {
                multiplier *= degree;
                seenDegree = true;
            }
        }

        var value = weight * multiplier;
        if (negations % 2 == 1)
        {
            value *= NegationScalar * (notVery ? NotVeryScalar : 1.0);
        }

        return value;
    }

    private void Diminish(IReadOnlyList<(string Text, int Clause)> tokens, double[] valences)
    {
        for (var i = 1; i < tokens.Count; i++)
        {
            if (DiminisherDegree(tokens[i].Text) is not { } degree)
            {
                continue;
            }

            for (var j = i - 1; j >= Math.Max(0, i - Window) && tokens[j].Clause == tokens[i].Clause; j--)
            {
                if (valences[j] < 0)
                {
                    valences[j] *= NegationScalar * degree;
                    break;
                }

                if (valences[j] > 0 || !lexicon.Degrees.TryGetValue(tokens[j].Text, out var m))
                {
                    break;
                }

                degree *= m;
            }
        }
    }

    /// <summary>1 for a diminisher, the adverb's multiplier for a diminisher glued to a degree adverb (很小); null otherwise.</summary>
    private double? DiminisherDegree(string token)
    {
        if (lexicon.Diminishers.Contains(token))
        {
            return 1.0;
        }

        foreach (var prefix in degreePrefixes)
        {
            if (token.Length > prefix.Length && token.StartsWith(prefix, StringComparison.Ordinal) && lexicon.Diminishers.Contains(token[prefix.Length..]))
            {
                return lexicon.Degrees[prefix];
            }
        }

        return null;
    }

    private void Adversative(IReadOnlyList<(string Text, int Clause)> tokens, double[] valences)
    {
        var pivot = -1;
        for (var i = tokens.Count - 1; i >= 0 && pivot < 0; i--)
        {
            if (lexicon.Adversatives.Contains(tokens[i].Text))
            {
                pivot = i;
            }
        }

        if (pivot < 0)
        {
            for (var i = 0; i < tokens.Count && pivot < 0; i++)
            {
                if (lexicon.Concessives.Contains(tokens[i].Text))
                {
                    var clause = tokens[i].Clause;
                    for (var j = i + 1; j < tokens.Count; j++)
                    {
                        if (tokens[j].Clause != clause)
                        {
                            pivot = j;
                            break;
                        }
                    }

                    break;
                }
            }
        }

        if (pivot < 0)
        {
            return;
        }

        for (var i = 0; i < valences.Length; i++)
        {
            valences[i] *= i < pivot ? BeforeAdversative : AfterAdversative;
        }
    }

    /// <summary>The lexicon's weight of a token, read through a glued negator or degree adverb or a final particle; null when it has none.</summary>
    private double? Weight(string token)
    {
        if (lexicon.Weights.TryGetValue(token, out var w))
        {
            return w;
        }

        if (token.Length < 2)
        {
            return null;
        }

        foreach (var prefix in negationPrefixes)
        {
            if (token.Length > prefix.Length && token.StartsWith(prefix, StringComparison.Ordinal) && lexicon.Weights.TryGetValue(token[prefix.Length..], out var rest))
            {
                return rest * NegationScalar * (lexicon.NotVery.Contains(prefix) ? NotVeryScalar : 1.0);
            }
        }

        foreach (var prefix in degreePrefixes)
        {
            if (token.Length > prefix.Length && token.StartsWith(prefix, StringComparison.Ordinal) && lexicon.Weights.TryGetValue(token[prefix.Length..], out var rest))
            {
                return rest * lexicon.Degrees[prefix];
            }
        }

        if (Particles.Contains(token[^1], StringComparison.Ordinal) && lexicon.Weights.TryGetValue(token[..^1], out var bare))
        {
            return bare;
        }

        // A longer token ending in a lexicon word of two characters or more (价格便宜): the word's weight.
        for (var start = 1; start <= token.Length - 2; start++)
        {
            if (lexicon.Weights.TryGetValue(token[start..], out var tail))
            {
                return tail;
            }
        }

        return null;
    }
}
