using System.Text;

namespace Mercato.Core.Listening;

/// <summary>A term and its weight in one period.</summary>
/// <param name="Term">The word.</param>
/// <param name="Count">Times it occurs in the period's mentions.</param>
/// <param name="Score">Its weight: tf-idf for a period, the count for the whole window.</param>
public sealed record TermWeight(string Term, long Count, double Score);

/// <summary>The words of mention texts for top terms: Latin words and Chinese words, stop words left out.</summary>
public static class MentionWords
{
    private static readonly HashSet<string> EnglishStop = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "you", "your", "are", "was", "were", "but", "not", "this", "that", "with", "have", "has", "had",
        "its", "it's", "they", "them", "their", "there", "what", "when", "who", "will", "would", "can", "could", "just", "from",
        "our", "out", "all", "any", "about", "been", "than", "then", "too", "very", "how", "why", "did", "does", "doesn", "don",
        "didn", "isn", "wasn", "aren", "one", "get", "got", "also", "more", "some", "into", "over", "only", "much", "such",
        "here", "after", "before", "because", "again", "still", "even", "really", "http", "https", "www", "com",
    };

    private static readonly HashSet<string> ChineseStop = new(StringComparer.Ordinal)
    {
        "我们", "你们", "他们", "这个", "那个", "就是", "还是", "但是", "不过", "然而", "可是", "因为", "所以", "如果", "已经", "一个",
        "没有", "什么", "怎么", "这样", "那样", "自己", "现在", "大家", "真的", "非常", "有点", "比较", "觉得", "感觉", "而且", "然后",
        "一下", "一直", "还有", "可以", "这么", "那么", "时候", "今天", "昨天", "东西",
    };

    /// <summary>
    /// The words of <paramref name="text"/>: runs of Latin letters and digits, lower-cased, of three characters or more and
    /// not English stop words; runs of CJK ideographs cut into words by <paramref name="segment"/> (jieba when the host has
    /// it), else into overlapping two-character pieces; Chinese words of one character and Chinese stop words are left out.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="segment">Cuts a run of Chinese into words, or null.</param>
    /// <returns>The words in order.</returns>
    public static IEnumerable<string> Of(string text, Func<string, IEnumerable<string>>? segment = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var latin = new StringBuilder();
        var cjk = new StringBuilder();
        var words = new List<string>();
        foreach (var rune in text.EnumerateRunes())
        {
            if (LanguageDetector.IsCjkIdeograph(rune.Value))
            {
                Latin(latin, words);
                cjk.Append(rune.ToString());
            }
            else if (Rune.IsLetterOrDigit(rune) || (rune.Value == '\'' && latin.Length > 0))
            {
                Chinese(cjk, words, segment);
                latin.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else
            {
                Latin(latin, words);
                Chinese(cjk, words, segment);
            }
        }

        Latin(latin, words);
        Chinese(cjk, words, segment);
        return words;
    }

    private static void Latin(StringBuilder run, List<string> words)
    {
        if (run.Length == 0)
        {
            return;
        }

        var word = run.ToString().Trim('\'');
        run.Clear();
        if (word.Length >= 3 && !EnglishStop.Contains(word) && !word.All(char.IsAsciiDigit))
        {
            words.Add(word);
        }
    }

    private static void Chinese(StringBuilder run, List<string> words, Func<string, IEnumerable<string>>? segment)
    {
        if (run.Length == 0)
        {
            return;
        }

        var text = run.ToString();
        run.Clear();
        IEnumerable<string> pieces = segment is not null
            ? segment(text)
            : Enumerable.Range(0, Math.Max(0, text.Length - 1)).Select(i => text.Substring(i, 2));
        words.AddRange(pieces.Where(w => w.Length >= 2 && !ChineseStop.Contains(w)));
    }
}

/// <summary>
/// Top terms of periods by tf-idf: each period's mentions form one document; tf(t, p) = count of t in p ÷ words in p;
/// idf(t) = ln((1 + P) ÷ (1 + df(t))) + 1 over the P periods (the smoothed form, so a term of every period still counts
/// a little); score = tf × idf. A term that fills every week (the brand's own name) sinks; one that fills one week (a
/// recall rumour) rises in that week.
/// </summary>
public static class TopTerms
{
    /// <summary>The top terms of each period.</summary>
    /// <param name="periods">The words of each period's mentions.</param>
    /// <param name="top">How many per period.</param>
    /// <param name="leaveOut">Words never listed (the watch list's own spellings, shown elsewhere).</param>
    /// <returns>Per period, the top terms by score (ties by count, then ordinal), at most <paramref name="top"/>.</returns>
    public static IReadOnlyList<IReadOnlyList<TermWeight>> ByPeriod(IReadOnlyList<IReadOnlyList<string>> periods, int top, IReadOnlySet<string>? leaveOut = null)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var counts = periods.Select(p => p.Where(w => leaveOut is null || !leaveOut.Contains(w))
            .GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal)).ToList();
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in counts)
        {
            foreach (var term in c.Keys)
            {
                df[term] = df.GetValueOrDefault(term) + 1;
            }
        }

        var n = periods.Count;
        return [.. counts.Select(c =>
        {
            var total = (double)c.Values.Sum();
            return (IReadOnlyList<TermWeight>)[.. c
                .Select(p => new TermWeight(p.Key, p.Value, p.Value / total * (Math.Log((1.0 + n) / (1.0 + df[p.Key])) + 1)))
                .OrderByDescending(t => t.Score).ThenByDescending(t => t.Count).ThenBy(t => t.Term, StringComparer.Ordinal)
                .Take(top)];
        })];
    }
}
