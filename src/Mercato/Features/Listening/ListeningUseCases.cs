using System.Globalization;
using System.Text;
using Mercato.Core.Listening;

namespace Mercato.Features.Listening;

/// <summary>
/// The sentiment models the build ships, loaded once on first use and shared by scoring, imports of mentions and rescoring:
/// VADER's lexicon and emoji names in <c>Listening/</c> beside the program, and the Chinese scorer (Mercato's own lexicon,
/// embedded in Core, over jieba.NET's dictionaries in <c>Listening/jieba/</c>).
/// </summary>
public sealed class SentimentModels
{
    /// <summary>Where the build puts VADER's lexicon, the emoji names and their licences.</summary>
    public static string LexiconFolder { get; } = Path.Combine(AppContext.BaseDirectory, "Listening");

    /// <summary>Where the build puts jieba.NET's dictionaries (copied from the package by Mercato.Core's build).</summary>
    public static string SegmenterFolder { get; } = Path.Combine(LexiconFolder, "jieba");

    private readonly Lazy<SentimentScorer> scorer;
    private readonly Lazy<ChineseSegmenter>? segmenter;
    private readonly Lock pendingGate = new();
    private readonly List<string> pending = [];
    private bool loaded;

    /// <summary>Reads the shipped models on first use.</summary>
    public SentimentModels()
    {
        segmenter = new Lazy<ChineseSegmenter>(() => ChineseSegmenter.Load(SegmenterFolder));
        scorer = new Lazy<SentimentScorer>(() =>
        {
            var built = new SentimentScorer(new Vader(LoadShipped()), new ChineseSentiment(ChineseLexicon.Shipped, segmenter.Value));
            AddPending();
            return built;
        });
    }

    /// <summary>Uses the scorer <paramref name="scorer"/> builds (tests give small lexicons); <see cref="AddWords"/> then does nothing.</summary>
    public SentimentModels(Func<SentimentScorer> scorer)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        this.scorer = new Lazy<SentimentScorer>(scorer);
    }

    /// <summary>The scorer, loaded on first use.</summary>
    public SentimentScorer Scorer => scorer.Value;

    /// <summary>Cuts Chinese into words with jieba (the watch list's words whole), or null when these models have no segmenter.</summary>
    public Func<string, IEnumerable<string>>? Segment => segmenter is null
        ? null
        : text =>
        {
            _ = scorer.Value;
            return segmenter.Value.Cut(text);
        };

    /// <summary>
    /// Adds words (the watch list's brand, product and competitor spellings) to the Chinese segmenter's dictionary so that
    /// they are cut whole. Before the models are loaded the words wait, so a watch-list save does not pay for loading;
    /// the segmenter adds each word once per process.
    /// </summary>
    public void AddWords(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (segmenter is null)
        {
            return;
        }

        lock (pendingGate)
        {
            if (!loaded)
            {
                pending.AddRange(words);
                return;
            }
        }

        segmenter.Value.AddWords(words);
    }

    /// <summary>The shipped lexicon: <c>Listening/vader_lexicon.txt</c> and <c>Listening/emoji_lexicon.txt</c>.</summary>
    public static VaderLexicon LoadShipped()
    {
        using var lexicon = File.OpenText(Path.Combine(LexiconFolder, "vader_lexicon.txt"));
        using var emoji = File.OpenText(Path.Combine(LexiconFolder, "emoji_lexicon.txt"));
        return VaderLexicon.Parse(lexicon, emoji);
    }

    private void AddPending()
    {
        lock (pendingGate)
        {
            segmenter!.Value.AddWords(pending);
            pending.Clear();
            loaded = true;
        }
    }
}

/// <summary>
/// Public opinion: the sentiment of texts (posts, comments, reviews), for <c>mercato listening score</c> and
/// <c>POST /api/v1/listening/score</c>. The rule is Core's (<see cref="SentimentScorer"/>); this class checks the front
/// doors' input.
/// </summary>
public sealed class ListeningUseCases(SentimentModels models)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Scores texts in order; <paramref name="language"/> is en, zh or auto (null: auto).</summary>
    public Outcome<IReadOnlyList<TextSentiment>> Score(IReadOnlyList<string> texts, string? language)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var lang = language ?? "auto";
        if (!SentimentScoring.IsLanguage(lang))
        {
            return Outcome<IReadOnlyList<TextSentiment>>.Invalid([Problem.Of("lang", CommonCodes.NotOneOf, ("value", lang), ("expected", SentimentScoring.Languages.ToArray()))]);
        }

        var scorer = models.Scorer;
        var scored = new TextSentiment[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            scored[i] = scorer.Score(texts[i], lang);
        }

        return Outcome<IReadOnlyList<TextSentiment>>.Ok(scored);
    }

    /// <summary>
    /// Splits a file's bytes into lines (LF or CRLF; a UTF-8 byte order mark at the start is dropped; a final line break
    /// ends the last line rather than starting an empty one) and decodes each as strict UTF-8. Any line that is not valid
    /// UTF-8 is a problem with its line number and the first bad byte and its position, and then no line is returned.
    /// </summary>
    public static Outcome<IReadOnlyList<string>> ReadLines(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        var lines = new List<string>();
        var problems = new List<Problem>();
        var number = 0;
        while (!bytes.IsEmpty)
        {
            number++;
            var end = bytes.IndexOf((byte)'\n');
            var line = end < 0 ? bytes : bytes[..end];
            bytes = end < 0 ? [] : bytes[(end + 1)..];
            if (line.EndsWith((ReadOnlySpan<byte>)[(byte)'\r']))
            {
                line = line[..^1];
            }

            try
            {
                lines.Add(StrictUtf8.GetString(line));
            }
            catch (DecoderFallbackException bad)
            {
                var at = bad.Index < 0 ? 0 : bad.Index;
                var value = bad.BytesUnknown is { Length: > 0 } unknown ? "0x" + Convert.ToHexString(unknown) : "?";
                problems.Add(Problem.Of(string.Create(CultureInfo.InvariantCulture, $"line {number}"), ListeningCodes.NotUtf8,
                    ("line", number), ("value", value), ("offset", at + 1)));
            }
        }

        return problems.Count > 0 ? Outcome<IReadOnlyList<string>>.Invalid(problems) : Outcome<IReadOnlyList<string>>.Ok(lines);
    }
}

/// <summary>The codes of public opinion's front doors.</summary>
public static class ListeningCodes
{
    /// <summary>No watched term <c>term</c>.</summary>
    public const string WatchTermNotFound = "watch_term_not_found";

    /// <summary>Line <c>line</c> of the input is not UTF-8: byte <c>value</c> at byte <c>offset</c> of the line.</summary>
    public const string NotUtf8 = "listening_not_utf8";

    /// <summary>The API's body is not a JSON array of strings; <c>reason</c> says what it is.</summary>
    public const string BodyNotTexts = "listening_body_not_texts";
}
