namespace Mercato.Core.Listening;

/// <summary>The sentiment of one text as the front doors show it.</summary>
/// <param name="Language">The language it was scored as: <c>en</c>, <c>zh</c>, or empty when <c>auto</c> could not tell.</param>
/// <param name="Score">English: VADER's compound score, −1 to +1; 0 where not scored.</param>
/// <param name="Label">Positive, negative, neutral, or not scored.</param>
/// <param name="Positive">VADER's positive proportion.</param>
/// <param name="Neutral">VADER's neutral proportion.</param>
/// <param name="Negative">VADER's negative proportion.</param>
public sealed record TextSentiment(string Language, double Score, SentimentLabel Label, double Positive, double Neutral, double Negative);

/// <summary>
/// Which scorer reads a text: English and texts of no detectable language (emoticons, emoji, digits) go to VADER, whose
/// lexicon holds emoticons and reads emoji by their names; Chinese has no scorer yet and is labelled not scored with a
/// score of 0. <c>auto</c> decides by <see cref="LanguageDetector"/>.
/// </summary>
public static class SentimentScoring
{
    /// <summary>The language words a caller may ask for.</summary>
    public static IReadOnlyList<string> Languages { get; } = [LanguageDetector.English, LanguageDetector.Chinese, "auto"];

    /// <summary>Whether <paramref name="language"/> is one of <see cref="Languages"/> (case-sensitive, as written in the docs).</summary>
    /// <param name="language">The word.</param>
    /// <returns>True for en, zh or auto.</returns>
    public static bool IsLanguage(string language) => Languages.Contains(language, StringComparer.Ordinal);

    /// <summary>Scores one text.</summary>
    /// <param name="vader">The English scorer.</param>
    /// <param name="text">The text.</param>
    /// <param name="language">en, zh or auto.</param>
    /// <returns>Its sentiment.</returns>
    /// <exception cref="ArgumentException"><paramref name="language"/> is not one of <see cref="Languages"/> (the front doors check it first).</exception>
    public static TextSentiment Score(Vader vader, string text, string language)
    {
        ArgumentNullException.ThrowIfNull(vader);
        ArgumentNullException.ThrowIfNull(text);
        if (!IsLanguage(language))
        {
            throw new ArgumentException("expected en, zh or auto", nameof(language));
        }

        var resolved = language == "auto" ? LanguageDetector.Detect(text) : language;
        if (resolved == LanguageDetector.Chinese)
        {
            return new TextSentiment(resolved, 0, SentimentLabel.NotScored, 0, 0, 0);
        }

        var scores = vader.Score(text);
        return new TextSentiment(resolved, scores.Compound, Vader.Label(scores.Compound), scores.Positive, scores.Neutral, scores.Negative);
    }
}
