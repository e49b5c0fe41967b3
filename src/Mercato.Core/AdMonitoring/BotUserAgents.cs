using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mercato.Core.AdMonitoring;

/// <summary>
/// Known bot and crawler user agents: the patterns of the maintained list <c>crawler-user-agents</c> (Martin Monperrus
/// and contributors, https://github.com/monperrus/crawler-user-agents, MIT; the npm package of that name, installed by the
/// build and shipped as <c>AdMonitoring/crawler-user-agents.json</c> with its licence). Core never opens a file: the host
/// (or a test) reads the shipped JSON and hands the text to <see cref="Parse"/>. The patterns are joined into one
/// alternation compiled once to IL (<see cref="RegexOptions.Compiled"/>; the non-backtracking engine refuses an
/// alternation this large), matched case-insensitively and culture-invariantly with a timeout, and the answers are memoised
/// per distinct user agent (up to 100,000 of them), which in a click log repeat thousands of times.
/// </summary>
public sealed class BotUserAgents
{
    private const int MaxMemo = 100_000;

    private readonly Regex regex;
    private readonly Dictionary<string, bool> memo = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    private BotUserAgents(IReadOnlyList<string> patterns)
    {
        Patterns = patterns;
        regex = new Regex(
            string.Join('|', patterns.Select(p => "(?:" + p + ")")),
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled,
            TimeSpan.FromSeconds(5));
    }

    /// <summary>The patterns, as given (.NET regular expressions).</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary>
    /// A list from regular-expression patterns (for a workspace's own additions, and for tests); blank patterns are skipped.
    /// </summary>
    /// <exception cref="ArgumentException">A pattern does not compile (a broken list is a bug).</exception>
    public static BotUserAgents FromPatterns(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var list = patterns.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct(StringComparer.Ordinal).ToList();
        return new BotUserAgents(list);
    }

    /// <summary>
    /// Reads the format of <c>crawler-user-agents.json</c>: a JSON array of objects, each with a <c>pattern</c> (a regular
    /// expression; the other fields, <c>url</c>, <c>instances</c>, <c>description</c>, <c>tags</c>, are ignored).
    /// </summary>
    /// <param name="json">The file's text.</param>
    /// <param name="extra">Patterns to add to the list (a workspace's own).</param>
    /// <exception cref="FormatException">The text is not such an array (a broken shipped file is a bug).</exception>
    public static BotUserAgents Parse(string json, IEnumerable<string>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("The crawler user-agent list is not a JSON array.");
        }

        var patterns = new List<string>();
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("pattern", out var pattern) || pattern.ValueKind != JsonValueKind.String)
            {
                throw new FormatException("An entry of the crawler user-agent list has no string 'pattern'.");
            }

            patterns.Add(pattern.GetString()!);
        }

        return FromPatterns(patterns.Concat(extra ?? []));
    }

    /// <summary>Whether <paramref name="userAgent"/> matches a pattern; a missing or blank user agent is not judged (false).</summary>
    public bool IsBot(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return false;
        }

        lock (gate)
        {
            if (memo.TryGetValue(userAgent, out var known))
            {
                return known;
            }
        }

        var bot = regex.IsMatch(userAgent);
        lock (gate)
        {
            if (memo.Count < MaxMemo)
            {
                memo[userAgent] = bot;
            }
        }

        return bot;
    }
}
