using Mercato.Core.Listening;

namespace Mercato.Features.Listening;

/// <summary>One scored text as the CLI prints it (one JSON object a line) and the API returns it (an array of them).</summary>
/// <param name="Language">en, zh, or empty when auto could not tell.</param>
/// <param name="Score">VADER's compound score for English, −1 to +1; 0 when not scored.</param>
/// <param name="Label">positive (score ≥ 0.05), negative (≤ −0.05), neutral, or not_scored (Chinese, not built yet).</param>
/// <param name="Pos">VADER's positive proportion.</param>
/// <param name="Neu">VADER's neutral proportion.</param>
/// <param name="Neg">VADER's negative proportion.</param>
public sealed record ListeningScore(string Language, double Score, SentimentLabel Label, double Pos, double Neu, double Neg)
{
    /// <summary>The shape of a Core result.</summary>
    public static ListeningScore From(TextSentiment sentiment)
    {
        ArgumentNullException.ThrowIfNull(sentiment);
        return new(sentiment.Language, sentiment.Score, sentiment.Label, sentiment.Positive, sentiment.Neutral, sentiment.Negative);
    }
}
