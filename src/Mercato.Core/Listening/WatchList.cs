using System.Globalization;
using System.Text.Json.Serialization;

namespace Mercato.Core.Listening;

/// <summary>What a watched term names.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WatchKind>))]
public enum WatchKind
{
    /// <summary>The company's brand.</summary>
    [JsonStringEnumMemberName("brand")]
    Brand,

    /// <summary>One of its products.</summary>
    [JsonStringEnumMemberName("product")]
    Product,

    /// <summary>A competitor (for share of voice).</summary>
    [JsonStringEnumMemberName("competitor")]
    Competitor,

    /// <summary>A risk term: recall, complaint, counterfeit, side effect …</summary>
    [JsonStringEnumMemberName("risk")]
    Risk,
}

/// <summary>A watched term with its aliases: a mention matches when its text contains the term or an alias.</summary>
/// <param name="Term">The term as the workspace names it ("Kangning", "召回").</param>
/// <param name="Kind">Brand, product, competitor or risk.</param>
/// <param name="Aliases">Other spellings that count as the term ("康宁", "recall").</param>
public sealed record WatchTerm(string Term, WatchKind Kind, IReadOnlyList<string> Aliases)
{
    /// <summary>The term and its aliases.</summary>
    [JsonIgnore]
    public IEnumerable<string> Spellings => Aliases.Prepend(Term);
}

/// <summary>The workspace's watch list: one document, its terms in the order kept.</summary>
/// <param name="Terms">The terms.</param>
public sealed record WatchList(IReadOnlyList<WatchTerm> Terms)
{
    /// <summary>The longest spelling.</summary>
    public const int MaxLength = 60;

    /// <summary>The watch list's document: one per workspace.</summary>
    public static DocumentKind<WatchList> Document { get; } = new("listening_watch", _ => DocumentId);

    /// <summary>The id of the one document.</summary>
    public const string DocumentId = "workspace";

    /// <summary>
    /// The risk terms a new workspace starts from (docs/listening.md, Watch list), Chinese with their English aliases:
    /// 召回 recall, 投诉 complaint, 假货 counterfeit, 副作用 side effect, 维权 rights protection, 曝光 exposé, 退款 refund.
    /// </summary>
    public static IReadOnlyList<WatchTerm> DefaultRiskTerms { get; } =
    [
        new("召回", WatchKind.Risk, ["recall"]),
        new("投诉", WatchKind.Risk, ["complaint"]),
        new("假货", WatchKind.Risk, ["counterfeit", "fake"]),
        new("副作用", WatchKind.Risk, ["side effect"]),
        new("维权", WatchKind.Risk, ["rights protection"]),
        new("曝光", WatchKind.Risk, ["exposé", "expose"]),
        new("退款", WatchKind.Risk, ["refund"]),
    ];

    /// <summary>
    /// What is wrong with the list: a blank spelling, one longer than <see cref="MaxLength"/>, one holding <c>|</c> (the
    /// mark stored mentions keep their terms between) or a control character, or a spelling used twice
    /// (case-insensitive, across terms and aliases: a mention must match one term, not two).
    /// </summary>
    public IReadOnlyList<Problem> Problems()
    {
        var problems = new List<Problem>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Terms.Count; i++)
        {
            var t = Terms[i];
            if (!Enum.IsDefined(t.Kind))
            {
                problems.Add(Problem.Of(Path(i, "kind"), ListeningRuleCodes.WatchBadKind, ("expected", EnumWords.All<WatchKind>())));
            }

            var spellings = t.Spellings.ToList();
            for (var j = 0; j < spellings.Count; j++)
            {
                var path = j == 0 ? Path(i, "term") : Path(i, string.Create(CultureInfo.InvariantCulture, $"aliases[{j - 1}]"));
                var s = spellings[j]?.Trim() ?? "";
                if (s.Length == 0)
                {
                    problems.Add(Problem.Of(path, ListeningRuleCodes.WatchBlank));
                }
                else if (s.Length > MaxLength)
                {
                    problems.Add(Problem.Of(path, ListeningRuleCodes.WatchTooLong, ("value", s), ("max", MaxLength)));
                }
                else if (s.Contains('|', StringComparison.Ordinal) || s.Any(char.IsControl))
                {
                    problems.Add(Problem.Of(path, ListeningRuleCodes.WatchBadCharacter, ("value", s)));
                }
                else if (!seen.TryAdd(s, t.Term))
                {
                    problems.Add(Problem.Of(path, ListeningRuleCodes.WatchDuplicate, ("value", s), ("term", seen[s])));
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// The terms <paramref name="text"/> mentions, in list order: a spelling with a CJK character matches anywhere in the
    /// text; a Latin one matches as whole words (not inside a longer word), ignoring case.
    /// </summary>
    public IReadOnlyList<string> Match(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. Terms.Where(t => t.Spellings.Any(s => Contains(text, s.Trim()))).Select(t => t.Term)];
    }

    private static bool Contains(string text, string spelling)
    {
        if (spelling.Length == 0)
        {
            return false;
        }

        var wholeWords = !spelling.EnumerateRunes().Any(r => LanguageDetector.IsCjkIdeograph(r.Value));
        for (var at = text.IndexOf(spelling, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(spelling, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + spelling.Length;
            if (!wholeWords || ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end]))))
            {
                return true;
            }
        }

        return false;
    }

    private static string Path(int index, string field) => string.Create(CultureInfo.InvariantCulture, $"terms[{index}].{field}");
}

/// <summary>The codes of the listening rules.</summary>
public static class ListeningRuleCodes
{
    /// <summary>A blank term or alias.</summary>
    public const string WatchBlank = "watch_blank";

    /// <summary>A spelling (<c>value</c>) longer than <c>max</c>.</summary>
    public const string WatchTooLong = "watch_too_long";

    /// <summary>A spelling (<c>value</c>) already used by term <c>term</c>.</summary>
    public const string WatchDuplicate = "watch_duplicate";

    /// <summary>A kind that is not one of <c>expected</c>.</summary>
    public const string WatchBadKind = "watch_bad_kind";

    /// <summary>A spelling <c>value</c> holds '|' or a control character.</summary>
    public const string WatchBadCharacter = "watch_bad_character";
}
