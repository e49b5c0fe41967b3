using System.Globalization;

namespace Mercato.Core.Listening;

/// <summary>
/// The data of the Chinese scorer: word weights (−4 to +4, VADER's scale; words, internet expressions, emoji and
/// bracket emoticons) and the word lists its rules use (negators, degree adverbs with multipliers, "not very" phrases,
/// adversatives, concessives, diminishers, emphatic words, question words). Mercato's own lexicon is <see cref="Shipped"/>, embedded in
/// Core (<c>Listening/zh_sentiment_lexicon.txt</c>) so that it always matches the rules that read it.
/// </summary>
public sealed class ChineseLexicon
{
    private static readonly Lazy<ChineseLexicon> ShippedLexicon = new(LoadShipped);

    private ChineseLexicon(
        Dictionary<string, double> weights,
        HashSet<string> negators,
        Dictionary<string, double> degrees,
        HashSet<string> notVery,
        HashSet<string> adversatives,
        HashSet<string> concessives,
        HashSet<string> diminishers,
        HashSet<string> emphatic,
        HashSet<string> questions)
    {
        Weights = weights;
        Negators = negators;
        Degrees = degrees;
        NotVery = notVery;
        Adversatives = adversatives;
        Concessives = concessives;
        Diminishers = diminishers;
        Emphatic = emphatic;
        Questions = questions;
    }

    /// <summary>Mercato's own lexicon, read once from Core's embedded resource.</summary>
    public static ChineseLexicon Shipped => ShippedLexicon.Value;

    /// <summary>The weight of each word, emoji (without U+FE0F) and bracket emoticon; Latin words ignore case.</summary>
    public IReadOnlyDictionary<string, double> Weights { get; }

    /// <summary>Words that flip the word after them (不, 没有 …).</summary>
    public IReadOnlySet<string> Negators { get; }

    /// <summary>Degree adverbs and the multiplier each puts on the word after it (很 1.4, 有点 0.6 …).</summary>
    public IReadOnlyDictionary<string, double> Degrees { get; }

    /// <summary>"Not very" in one token (不太, 不是很): a negation damped by half.</summary>
    public IReadOnlySet<string> NotVery { get; }

    /// <summary>Adversatives (但是, 不过 …): the text after the last one weighs more.</summary>
    public IReadOnlySet<string> Adversatives { get; }

    /// <summary>Concessives (虽然 …): without an adversative, their clause weighs less and the rest more.</summary>
    public IReadOnlySet<string> Concessives { get; }

    /// <summary>Words that, right after a negative word, turn it (噪音小, 误差很小, 问题不大).</summary>
    public IReadOnlySet<string> Diminishers { get; }

    /// <summary>Words that are emphasis before a negator (一点也不, 根本不).</summary>
    public IReadOnlySet<string> Emphatic { get; }

    /// <summary>Words that make a clause ending in a question mark a question (吗, 请问), which scores 0.</summary>
    public IReadOnlySet<string> Questions { get; }

    /// <summary>
    /// Every spelling of the lexicon that the segmenter should keep whole: the words and list entries that hold a CJK
    /// ideograph, two characters or more, with no white space (emoji and bracket emoticons are cut out before segmenting).
    /// </summary>
    public IEnumerable<string> SegmenterWords =>
        Weights.Keys.Concat(Negators).Concat(Degrees.Keys).Concat(NotVery).Concat(Adversatives).Concat(Concessives)
            .Concat(Diminishers).Concat(Emphatic).Concat(Questions)
            .Where(w => w.Length >= 2 && !w.StartsWith('[') && w.EnumerateRunes().Any(r => LanguageDetector.IsCjkIdeograph(r.Value)))
            .Distinct(StringComparer.Ordinal);

    /// <summary>
    /// Reads the lexicon format: UTF-8 lines; <c>#</c> starts a comment line, blank lines are skipped; <c>## name</c> starts
    /// a section: <c>words</c> (word, tab, weight), <c>negators</c>, <c>degree</c> (word, tab, multiplier),
    /// <c>not-very</c>, <c>adversatives</c>, <c>concessives</c>, <c>diminishers</c>, <c>emphatic</c>, <c>questions</c> (one word a
    /// line). A
    /// word written twice in a section keeps its later value. Numbers are read culture-invariant.
    /// </summary>
    /// <param name="reader">The lexicon text.</param>
    /// <returns>The lexicon.</returns>
    /// <exception cref="FormatException">An unknown section, an entry before any section, or a weight that is not a number (a broken shipped file is a bug).</exception>
    public static ChineseLexicon Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var weights = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        var negators = new HashSet<string>(StringComparer.Ordinal);
        var degrees = new Dictionary<string, double>(StringComparer.Ordinal);
        var notVery = new HashSet<string>(StringComparer.Ordinal);
        var adversatives = new HashSet<string>(StringComparer.Ordinal);
        var concessives = new HashSet<string>(StringComparer.Ordinal);
        var diminishers = new HashSet<string>(StringComparer.Ordinal);
        var emphatic = new HashSet<string>(StringComparer.Ordinal);
        var questions = new HashSet<string>(StringComparer.Ordinal);
        string? section = null;
        var number = 0;
        while (reader.ReadLine() is { } raw)
        {
            number++;
            var line = raw.Trim();
            if (line.StartsWith("##", StringComparison.Ordinal))
            {
                section = line[2..].Trim();
                continue;
            }

            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t', StringSplitOptions.TrimEntries);
            var word = NormaliseEmoji(fields[0]);
            switch (section)
            {
                case "words":
                    weights[word] = Number(fields, number);
                    break;
                case "degree":
                    degrees[word] = Number(fields, number);
                    break;
                case "negators":
                    negators.Add(word);
                    break;
                case "not-very":
                    notVery.Add(word);
                    break;
                case "adversatives":
                    adversatives.Add(word);
                    break;
                case "concessives":
                    concessives.Add(word);
                    break;
                case "diminishers":
                    diminishers.Add(word);
                    break;
                case "emphatic":
                    emphatic.Add(word);
                    break;
                case "questions":
                    questions.Add(word);
                    break;
                default:
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"line {number}: entry outside a known section ('{section}')"));
            }
        }

        return new ChineseLexicon(weights, negators, degrees, notVery, adversatives, concessives, diminishers, emphatic, questions);
    }

    /// <summary>Drops the emoji presentation selector U+FE0F, so ❤️ and ❤ are one entry.</summary>
    /// <param name="text">A word or emoji.</param>
    /// <returns>The text without U+FE0F.</returns>
    public static string NormaliseEmoji(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains('\uFE0F', StringComparison.Ordinal) ? text.Replace("\uFE0F", "", StringComparison.Ordinal) : text;
    }

    private static double Number(string[] fields, int line)
    {
        if (fields.Length < 2 || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"line {line}: expected word<TAB>number"));
        }

        return value;
    }

    private static ChineseLexicon LoadShipped()
    {
        using var stream = typeof(ChineseLexicon).Assembly.GetManifestResourceStream("Mercato.Core.Listening.zh_sentiment_lexicon.txt")
            ?? throw new InvalidOperationException("the embedded Chinese lexicon is missing from Mercato.Core");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return Parse(reader);
    }
}
