namespace Mercato.Core.DataCenter;

/// <summary>Where a mention was published.</summary>
public enum MentionSource
{
    /// <summary>Sina Weibo.</summary>
    Weibo,
    /// <summary>WeChat (official accounts, Moments, Channels).</summary>
    Wechat,
    /// <summary>Douyin.</summary>
    Douyin,
    /// <summary>Xiaohongshu (RED).</summary>
    Xiaohongshu,
    /// <summary>Zhihu.</summary>
    Zhihu,
    /// <summary>Bilibili.</summary>
    Bilibili,
    /// <summary>News sites and wires.</summary>
    News,
    /// <summary>Forums and bulletin boards.</summary>
    Forum,
    /// <summary>Twitter / X.</summary>
    Twitter,
    /// <summary>Facebook.</summary>
    Facebook,
    /// <summary>Instagram.</summary>
    Instagram,
    /// <summary>Review sites and shop reviews.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("review_site")]
    ReviewSite,
    /// <summary>Anywhere else.</summary>
    Other,
}

/// <summary>What the import reads off a mention's text: its language, its sentiment and the watch-list terms it names.</summary>
/// <param name="Language">The language: the one given, else the detected one (<c>en</c>, <c>zh</c>, or empty when undetectable).</param>
/// <param name="Score">The sentiment score, −1 to +1 (0 when not scored).</param>
/// <param name="Label">positive, negative, neutral or not_scored.</param>
/// <param name="Terms">The watch-list terms matched, in list order.</param>
public sealed record MentionAnnotation(string Language, double Score, string Label, IReadOnlyList<string> Terms);

/// <summary>Reads a mention's text at import and at rescoring (the listening feature implements it).</summary>
public interface IMentionAnnotator
{
    /// <summary>Annotates one text.</summary>
    /// <param name="text">The mention's text.</param>
    /// <param name="language">The language given with the mention (lower-case primary subtag), or null to detect it.</param>
    /// <returns>Its language, sentiment and matched terms.</returns>
    MentionAnnotation Annotate(string text, string? language);
}

/// <summary>
/// One public mention of the company, its products or its competitors, with what the import read off it: language (given
/// or detected), sentiment and matched watch-list terms.
/// </summary>
/// <param name="MentionId">The source's id of the post, comment or article.</param>
/// <param name="Timestamp">When it was published.</param>
/// <param name="Source">Where.</param>
/// <param name="Author">Who wrote it, when known.</param>
/// <param name="AuthorFollowers">The author's followers, when known.</param>
/// <param name="Text">The text.</param>
/// <param name="Url">Its address.</param>
/// <param name="LanguageGiven">The language given with the row (lower-case primary subtag), or null when it was detected.</param>
/// <param name="Reach">How many saw it, when the source says.</param>
/// <param name="Likes">Likes.</param>
/// <param name="Comments">Comments.</param>
/// <param name="Shares">Shares or reposts.</param>
/// <param name="Annotation">Language, sentiment and terms read at import.</param>
public sealed record MentionFact(
    string MentionId, DateTimeOffset Timestamp, MentionSource Source, string? Author, long? AuthorFollowers, string Text, string? Url,
    string? LanguageGiven, long? Reach, long? Likes, long? Comments, long? Shares, MentionAnnotation Annotation) : IFact
{
    /// <inheritdoc/>
    public long Key { get; } = FactKey.Of("mention", MentionId);

    /// <summary>The watch-list terms as stored: each between <c>|</c> marks (<c>|召回|投诉|</c>), empty when none, so one term is found with <c>LIKE '%|term|%'</c>.</summary>
    public string StoredTerms => MentionTerms.Join(Annotation.Terms);
}

/// <summary>How matched terms are stored in one text column.</summary>
public static class MentionTerms
{
    /// <summary>The terms between <c>|</c> marks, or the empty text when there are none.</summary>
    /// <param name="terms">The terms (a term never holds <c>|</c>: the watch list refuses it).</param>
    /// <returns>The stored form.</returns>
    public static string Join(IReadOnlyList<string> terms) =>
        terms is null || terms.Count == 0 ? string.Empty : "|" + string.Join('|', terms) + "|";

    /// <summary>The terms of a stored form.</summary>
    /// <param name="stored">The stored form.</param>
    /// <returns>The terms.</returns>
    public static IReadOnlyList<string> Split(string? stored) =>
        string.IsNullOrEmpty(stored) ? [] : stored.Split('|', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// mentions: mention_id, timestamp, source, author?, author_followers?, text, url?, language?, reach?, likes?, comments?,
/// shares?; identity mention_id. The text may hold line breaks and tabs (posts do) but no other control character. A
/// language is a tag such as <c>en</c>, <c>zh-CN</c> or <c>ja</c>; its primary subtag is stored, and only en and zh are
/// scored (any other is stored, labelled not scored and counted as such).
/// </summary>
internal sealed class MentionsKind : DataKind
{
    /// <summary>Longest text accepted, in characters.</summary>
    public const int MaxTextLength = 20_000;

    /// <summary>Longest address accepted.</summary>
    public const int MaxUrlLength = 2_000;

    private static readonly (string, MentionSource)[] Sources =
        [.. Enum.GetValues<MentionSource>().Select(s => (EnumWords.Word(s), s))];

    public override string Name => "mentions";

    public override IReadOnlyList<FieldSpec> Fields { get; } =
    [
        new("mention_id", true, "the source's id of the post, comment or article"),
        new("timestamp", true, "when it was published: ISO 8601 with offset or Z; a date alone is midnight in the workspace time zone"),
        new("source", true, "weibo, wechat, douyin, xiaohongshu, zhihu, bilibili, news, forum, twitter, facebook, instagram, review_site or other"),
        new("author", false, "the author's name or handle"),
        new("author_followers", false, "the author's followers, a whole number"),
        new("text", true, "the text, at most 20,000 characters; line breaks and tabs allowed"),
        new("url", false, "its address"),
        new("language", false, "en, zh (or a tag such as zh-CN), another language tag, or empty to detect"),
        new("reach", false, "how many saw it, a whole number"),
        new("likes", false, "likes, a whole number"),
        new("comments", false, "comments, a whole number"),
        new("shares", false, "shares or reposts, a whole number"),
    ];

    public override string IdentityDescription => "mention_id";

    public override IFact? Parse(ReadOnlySpan<string?> v, ParseContext context, List<FieldError> errors)
    {
        var before = errors.Count;
        FieldParsers.Text(v[0], "mention_id", true, FieldParsers.MaxIdLength, errors, out var id);
        FieldParsers.Timestamp(v[1], "timestamp", context, errors, out var timestamp);
        FieldParsers.Choice(v[2], "source", true, Sources, errors, out var source);
        FieldParsers.Text(v[3], "author", false, FieldParsers.MaxIdLength, errors, out var author);
        FieldParsers.Count(v[4], "author_followers", false, long.MaxValue, errors, out var followers);
        MentionText(v[5], errors, out var text);
        FieldParsers.Text(v[6], "url", false, MaxUrlLength, errors, out var url);
        Language(v[7], errors, out var language);
        FieldParsers.Count(v[8], "reach", false, long.MaxValue, errors, out var reach);
        FieldParsers.Count(v[9], "likes", false, long.MaxValue, errors, out var likes);
        FieldParsers.Count(v[10], "comments", false, long.MaxValue, errors, out var comments);
        FieldParsers.Count(v[11], "shares", false, long.MaxValue, errors, out var shares);
        if (errors.Count > before)
        {
            return null;
        }

        var annotation = (context.Mentions ?? PlainAnnotator.Instance).Annotate(text!, language);
        return new MentionFact(id!, timestamp, source!.Value, author, followers, text!, url, language, reach, likes, comments, shares, annotation);
    }

    /// <summary>Required, at most <see cref="MaxTextLength"/> characters, line breaks and tabs allowed, no other control character.</summary>
    private static void MentionText(string? raw, List<FieldError> errors, out string? value)
    {
        value = raw?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            value = null;
            errors.Add(new FieldError("text", raw, CommonCodes.Required));
            return;
        }

        if (value.Length > MaxTextLength)
        {
            errors.Add(FieldError.Of("text", raw, CommonCodes.TextTooLong, ("max", MaxTextLength)));
            value = null;
            return;
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                errors.Add(new FieldError("text", raw, CommonCodes.ControlCharacters));
                value = null;
                return;
            }
        }
    }

    /// <summary>A language tag (BCP 47 shape: letters, then subtags of letters and digits after '-' or '_'); its primary subtag, lower-cased.</summary>
    private static void Language(string? raw, List<FieldError> errors, out string? value)
    {
        value = null;
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var parts = text.Split('-', '_');
        var ok = text.Length <= 35 && parts[0].Length is >= 2 and <= 8 && parts[0].All(char.IsAsciiLetter)
            && parts.Skip(1).All(p => p.Length is >= 1 and <= 8 && p.All(char.IsAsciiLetterOrDigit));
        if (!ok)
        {
            errors.Add(new FieldError("language", raw, ImportCodes.NotALanguage));
            return;
        }

        value = parts[0].ToLowerInvariant();
    }

    /// <summary>Without the listening feature: the language as given (else empty), not scored, no terms.</summary>
    private sealed class PlainAnnotator : IMentionAnnotator
    {
        public static PlainAnnotator Instance { get; } = new();

        public MentionAnnotation Annotate(string text, string? language) => new(language ?? string.Empty, 0, "not_scored", []);
    }
}
