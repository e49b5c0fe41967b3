using Mercato.Core.DataCenter;

namespace Mercato.Core.Listening;

/// <summary>
/// What the import reads off a mention: the language (as given, else detected), the sentiment by
/// <see cref="SentimentScorer"/> (a language other than en and zh is labelled not scored, score 0) and the watch-list terms
/// matched by <see cref="WatchList.Match"/>. Thread-safe when the scorer is.
/// </summary>
/// <param name="scorer">The sentiment scorer.</param>
/// <param name="watch">The workspace's watch list.</param>
public sealed class MentionAnnotator(SentimentScorer scorer, WatchList watch) : IMentionAnnotator
{
    private readonly SentimentScorer scorer = scorer ?? throw new ArgumentNullException(nameof(scorer));
    private readonly WatchList watch = watch ?? throw new ArgumentNullException(nameof(watch));

    /// <inheritdoc/>
    public MentionAnnotation Annotate(string text, string? language)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentiment = language is null || SentimentScoring.IsLanguage(language)
            ? scorer.Score(text, language ?? "auto")
            : TextSentiment.NotScored(language);
        return new MentionAnnotation(sentiment.Language, Math.Round(sentiment.Score, 4), EnumWords.Word(sentiment.Label), watch.Match(text));
    }
}
