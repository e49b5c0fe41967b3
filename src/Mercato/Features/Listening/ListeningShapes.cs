using Mercato.Core.Listening;

namespace Mercato.Features.Listening;

/// <summary>One scored text as the CLI prints it (one JSON object a line) and the API returns it (an array of them).</summary>
/// <param name="Language">en, zh, or empty when auto could not tell.</param>
/// <param name="Score">VADER's compound score for English, the Chinese scorer's for Chinese, −1 to +1; 0 when not scored.</param>
/// <param name="Label">positive (score ≥ 0.05), negative (≤ −0.05), neutral, or not_scored (a scorer built without Chinese).</param>
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

/// <summary>One stored mention as the API and the CLI's JSON give it.</summary>
/// <param name="MentionId">The source's id.</param>
/// <param name="Timestamp">When it was published.</param>
/// <param name="Source">The source word.</param>
/// <param name="Author">The author.</param>
/// <param name="AuthorFollowers">The author's followers.</param>
/// <param name="Text">The text.</param>
/// <param name="Url">Its address.</param>
/// <param name="Language">The language: given, else detected (empty when undetectable).</param>
/// <param name="LanguageDetected">True when the language was detected rather than given.</param>
/// <param name="Reach">Reach.</param>
/// <param name="Likes">Likes.</param>
/// <param name="Comments">Comments.</param>
/// <param name="Shares">Shares.</param>
/// <param name="Score">Sentiment, −1 to +1 (0 when not scored).</param>
/// <param name="Label">positive, negative, neutral or not_scored.</param>
/// <param name="Terms">The watch-list terms it matched.</param>
public sealed record MentionShape(
    string MentionId, DateTimeOffset Timestamp, string Source, string? Author, long? AuthorFollowers, string Text, string? Url,
    string Language, bool LanguageDetected, long? Reach, long? Likes, long? Comments, long? Shares, double Score, string Label,
    IReadOnlyList<string> Terms)
{
    /// <summary>The shape of a stored mention.</summary>
    public static MentionShape From(Core.DataCenter.MentionFact m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(m.MentionId, m.Timestamp, EnumWords.Word(m.Source), m.Author, m.AuthorFollowers, m.Text, m.Url, m.Annotation.Language,
            m.LanguageGiven is null, m.Reach, m.Likes, m.Comments, m.Shares, m.Annotation.Score, m.Annotation.Label, m.Annotation.Terms);
    }
}

/// <summary>A page of mentions as the API and the CLI's JSON give it.</summary>
/// <param name="From">First day.</param>
/// <param name="To">Last day.</param>
/// <param name="Total">Mentions matching the filters.</param>
/// <param name="Mentions">This page, newest first.</param>
public sealed record MentionListShape(DateOnly From, DateOnly To, long Total, IReadOnlyList<MentionShape> Mentions)
{
    /// <summary>The shape of a page.</summary>
    public static MentionListShape Of(MentionList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return new(list.From, list.To, list.Page.Total, [.. list.Page.Items.Select(MentionShape.From)]);
    }
}
