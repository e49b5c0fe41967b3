namespace Mercato.Core.Listening;

/// <summary>The sentiment of one text as the front doors show it.</summary>
/// <param name="Language">The language it was scored as: <c>en</c>, <c>zh</c>, or empty when <c>auto</c> could not tell.</param>
/// <param name="Score">English: VADER's compound score, −1 to +1; Chinese: the Chinese scorer's score, −1 to +1; 0 where not scored.</param>
/// <param name="Label">Positive, negative, neutral, or not scored.</param>
/// <param name="Positive">The positive proportion (VADER's, or the Chinese scorer's share of positive weight).</param>
/// <param name="Neutral">The neutral proportion.</param>
/// <param name="Negative">The negative proportion.</param>
public sealed record TextSentiment(string Language, double Score, SentimentLabel Label, double Positive, double Neutral, double Negative)
{
    /// <summary>A text in <paramref name="language"/> that no scorer reads: score 0, labelled not scored.</summary>
    /// <param name="language">The language word.</param>
    /// <returns>The not-scored sentiment.</returns>
    public static TextSentiment NotScored(string language) => new(language, 0, SentimentLabel.NotScored, 0, 0, 0);
}

/// <summary>A scorer of texts in one language.</summary>
public interface ITextScorer
{
    /// <summary>Scores one text known to be in the scorer's language.</summary>
    /// <param name="text">The text.</param>
    /// <returns>Its sentiment, with <see cref="TextSentiment.Language"/> the scorer's language.</returns>
    TextSentiment Score(string text);
}

/// <summary>
/// Which scorer reads a text: English and texts of no detectable language (emoticons, emoji, digits) go to VADER, whose
/// lexicon holds emoticons and reads emoji by their names; Chinese goes to the Chinese scorer when there is one, else it is
/// labelled not scored with a score of 0. <c>auto</c> decides by <see cref="LanguageDetector"/>. Thread-safe when its scorers are.
/// </summary>
/// <param name="english">VADER.</param>
/// <param name="chinese">The Chinese scorer, or null.</param>
public sealed class SentimentScorer(Vader english, ITextScorer? chinese = null)
{
    private readonly Vader english = english ?? throw new ArgumentNullException(nameof(english));

    /// <summary>Scores one text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="language">en, zh or auto.</param>
    /// <returns>Its sentiment.</returns>
    /// <exception cref="ArgumentException"><paramref name="language"/> is not one of <see cref="SentimentScoring.Languages"/> (the front doors check it first).</exception>
    public TextSentiment Score(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!SentimentScoring.IsLanguage(language))
        {
            throw new ArgumentException("expected en, zh or auto", nameof(language));
        }

        var resolved = language == "auto" ? LanguageDetector.Detect(text) : language;
        if (resolved == LanguageDetector.Chinese)
        {
            return chinese?.Score(text) ?? TextSentiment.NotScored(resolved);
        }

        var scores = english.Score(text);
        return new TextSentiment(resolved, scores.Compound, Vader.Label(scores.Compound), scores.Positive, scores.Neutral, scores.Negative);
    }
}

/// <summary>The language words of the scoring front doors.</summary>
public static class SentimentScoring
{
    /// <summary>The language words a caller may ask for.</summary>
    public static IReadOnlyList<string> Languages { get; } = [LanguageDetector.English, LanguageDetector.Chinese, "auto"];

    /// <summary>Whether <paramref name="language"/> is one of <see cref="Languages"/> (case-sensitive, as written in the docs).</summary>
    /// <param name="language">The word.</param>
    /// <returns>True for en, zh or auto.</returns>
    public static bool IsLanguage(string language) => Languages.Contains(language, StringComparer.Ordinal);
}
