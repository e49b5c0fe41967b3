using JiebaNet.Segmenter;

namespace Mercato.Core.Listening;

/// <summary>
/// Chinese word segmentation with jieba.NET 0.42.2 in precise mode (its dictionary's most probable cut, with the HMM for
/// words it does not know). jieba keeps its dictionary in process-wide static state, read from files whose folder is set
/// once: so there is one segmenter per process (<see cref="Load"/>), loaded once, and words added to its dictionary are
/// seen by every caller. jieba's dictionary is a plain hash table, safe for concurrent readers but not for a writer among
/// them: cutting takes a shared lock, adding words an exclusive one, and a word already added is not added again.
/// </summary>
public sealed class ChineseSegmenter
{
    /// <summary>The files of jieba's that precise-mode cutting opens: the main dictionary and the HMM's two tables.</summary>
    public static IReadOnlyList<string> DictionaryFiles { get; } = ["dict.txt", "prob_trans.json", "prob_emit.json"];

    private static readonly Lock LoadGate = new();
    private static ChineseSegmenter? loaded;

    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.NoRecursion);
    private readonly HashSet<string> added = new(StringComparer.Ordinal);
    private readonly JiebaSegmenter jieba;

    private ChineseSegmenter(string folder, JiebaSegmenter jieba)
    {
        Folder = folder;
        this.jieba = jieba;
    }

    /// <summary>The folder jieba's dictionaries were read from.</summary>
    public string Folder { get; }

    /// <summary>
    /// The process's segmenter, reading jieba's dictionaries from <paramref name="dictionaryFolder"/> the first time (about
    /// a second: the main dictionary holds some 350,000 words); later calls with the same folder return the same segmenter.
    /// </summary>
    /// <param name="dictionaryFolder">The folder holding <see cref="DictionaryFiles"/> (the build copies them to <c>Listening/jieba/</c> of each output).</param>
    /// <returns>The segmenter.</returns>
    /// <exception cref="FileNotFoundException">A dictionary file is missing (jieba itself would carry on silently with an empty dictionary).</exception>
    /// <exception cref="InvalidOperationException">The process's segmenter was already loaded from another folder (jieba's state is global).</exception>
    public static ChineseSegmenter Load(string dictionaryFolder)
    {
        ArgumentNullException.ThrowIfNull(dictionaryFolder);
        var folder = Path.GetFullPath(dictionaryFolder);
        lock (LoadGate)
        {
            if (loaded is not null)
            {
                return string.Equals(Path.TrimEndingDirectorySeparator(loaded.Folder), Path.TrimEndingDirectorySeparator(folder), StringComparison.Ordinal)
                    ? loaded
                    : throw new InvalidOperationException("jieba's dictionaries are process-wide and were loaded from " + loaded.Folder);
            }

            foreach (var file in DictionaryFiles)
            {
                var path = Path.Combine(folder, file);
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException("jieba.NET dictionary file not found (the build copies it to Listening/jieba/)", path);
                }
            }

            // jieba reads the folder when its dictionary type is first touched, so it is set before the first segmenter.
            ConfigManager.ConfigFileBaseDir = folder;
            var jieba = new JiebaSegmenter();
            _ = jieba.Cut("加载词典和模型").ToList();
            if (WordDictionary.Instance.Total <= 0)
            {
                throw new InvalidOperationException("jieba.NET read no words from " + Path.Combine(folder, "dict.txt"));
            }

            loaded = new ChineseSegmenter(Path.TrimEndingDirectorySeparator(folder), jieba);
            return loaded;
        }
    }

    /// <summary>Cuts a text into words (precise mode, with the HMM), white space dropped.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The words in order.</returns>
    public IReadOnlyList<string> Cut(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return [];
        }

        gate.EnterReadLock();
        try
        {
            return [.. jieba.Cut(text, cutAll: false, hmm: true).Where(w => !string.IsNullOrWhiteSpace(w))];
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>
    /// Adds words to jieba's dictionary so they are cut whole (brand, product and competitor names; the lexicon's words).
    /// Only spellings with a CJK ideograph and no white space are added (jieba keeps runs of Latin letters and digits whole
    /// anyway, and cuts at white space); each is added once per process, with the frequency jieba suggests for it.
    /// </summary>
    /// <param name="words">The words.</param>
    /// <returns>How many were new.</returns>
    public int AddWords(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var candidates = words
            .Select(w => w?.Trim() ?? "")
            .Where(w => w.Length >= 2 && !w.Any(char.IsWhiteSpace) && w.EnumerateRunes().Any(r => LanguageDetector.IsCjkIdeograph(r.Value)))
            .ToList();
        if (candidates.Count == 0)
        {
            return 0;
        }

        var count = 0;
        gate.EnterWriteLock();
        try
        {
            foreach (var word in candidates)
            {
                if (added.Add(word))
                {
                    jieba.AddWord(word);
                    count++;
                }
            }
        }
        finally
        {
            gate.ExitWriteLock();
        }

        return count;
    }
}
