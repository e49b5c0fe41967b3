using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mercato.Core.AdMonitoring;

/// <summary>
/// Known bot and crawler user agents: the patterns of the maintained list <c>crawler-user-agents</c> (Martin Monperrus
/// and contributors, https://github.com/monperrus/crawler-user-agents, MIT; the npm package of that name, installed by the
/// build and shipped as <c>AdMonitoring/crawler-user-agents.json</c> with its licence). Core never opens a file: the host
/// (or a test) reads the shipped JSON and hands the text to <see cref="Parse"/>. Matching is case-insensitive and built
/// once: each pattern is split at its top-level <c>|</c>; the alternatives that are plain text (most of the list, such as
/// <c>Googlebot\/</c>) are searched for all at once with <see cref="SearchValues{T}"/> of strings, ordinal and
/// ignoring case (a vectorised multi-string search in the manner of Aho–Corasick); the others are joined into one
/// compiled regular expression, run only when the user agent contains one of their required literal substrings (the
/// longest run of plain text every match must hold, at least 3 characters), and the few without one into a small
/// expression run always. Answers are memoised per distinct user agent (up to 100,000), which in a click log repeat
/// thousands of times.
/// </summary>
public sealed class BotUserAgents
{
    private const int MaxMemo = 100_000;

    private const int MinRequired = 3;

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly SearchValues<string>? literals;
    private readonly SearchValues<string>? required;
    private readonly Regex? guarded;
    private readonly Regex? always;
    private readonly Dictionary<string, bool> memo = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    private BotUserAgents(IReadOnlyList<string> patterns)
    {
        Patterns = patterns;
        var plain = new List<string>();
        var withLiteral = new List<(string Pattern, string Literal)>();
        var without = new List<string>();
        foreach (var alternative in patterns.SelectMany(TopLevelAlternatives))
        {
            var (literal, exact) = RequiredLiteral(alternative);
            if (exact && literal.Length > 0)
            {
                plain.Add(literal);
            }
            else if (literal.Length >= MinRequired)
            {
                withLiteral.Add((alternative, literal));
            }
            else
            {
                without.Add(alternative);
            }
        }

        literals = plain.Count > 0 ? SearchValues.Create([.. plain.Distinct(StringComparer.OrdinalIgnoreCase)], StringComparison.OrdinalIgnoreCase) : null;
        if (withLiteral.Count > 0)
        {
            required = SearchValues.Create([.. withLiteral.Select(p => p.Literal).Distinct(StringComparer.OrdinalIgnoreCase)], StringComparison.OrdinalIgnoreCase);
            guarded = new Regex(string.Join('|', withLiteral.Select(p => "(?:" + p.Pattern + ")")), Options, Timeout);
        }

        always = without.Count > 0 ? new Regex(string.Join('|', without.Select(p => "(?:" + p + ")")), Options, Timeout) : null;

        // Every pattern must compile, including those searched as plain text.
        _ = new Regex(string.Join('|', patterns.Select(p => "(?:" + p + ")")), RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
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

        var span = userAgent.AsSpan();
        var bot = (literals is not null && span.IndexOfAny(literals) >= 0)
            || (always is not null && always.IsMatch(userAgent))
            || (required is not null && span.IndexOfAny(required) >= 0 && guarded!.IsMatch(userAgent));
        lock (gate)
        {
            if (memo.Count < MaxMemo)
            {
                memo[userAgent] = bot;
            }
        }

        return bot;
    }

    /// <summary>A pattern split at its top-level <c>|</c> (not inside a group or a character class).</summary>
    internal static List<string> TopLevelAlternatives(string pattern)
    {
        var parts = new List<string>();
        var start = 0;
        foreach (var (i, depth) in Structure(pattern, 0))
        {
            if (pattern[i] == '|' && depth == 0)
            {
                parts.Add(pattern[start..i]);
                start = i + 1;
            }
        }

        parts.Add(pattern[start..]);
        return parts;
    }

    /// <summary>
    /// The structural characters of <paramref name="pattern"/> from <paramref name="from"/> with the group depth after each:
    /// escapes (<c>\x</c>) and character classes (<c>[...]</c>) are stepped over whole.
    /// </summary>
    private static IEnumerable<(int Index, int Depth)> Structure(string pattern, int from)
    {
        var depth = 0;
        var i = from;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == '[')
            {
                i = ClassEnd(pattern, i) + 1;
                continue;
            }

            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            yield return (i, depth);
            i++;
        }
    }

    /// <summary>
    /// The longest run of plain text that every match of <paramref name="pattern"/> (one without a top-level <c>|</c>)
    /// holds, and whether the pattern is nothing but that text. Conservative: groups, classes, anchors, wildcards,
    /// character escapes such as <c>\d</c> and quantified characters break a run; a pattern with an escape this reader does
    /// not know (<c>\x</c>, <c>\u</c>, <c>\p</c>, back-references) has none.
    /// </summary>
    internal static (string Literal, bool Exact) RequiredLiteral(string pattern)
    {
        var runs = new List<string>();
        var run = new System.Text.StringBuilder();
        var exact = true;
        var lastLiteral = false;
        void Break()
        {
            if (run.Length > 0)
            {
                runs.Add(run.ToString());
                run.Clear();
            }

            lastLiteral = false;
        }

        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 >= pattern.Length)
                {
                    return ("", false);
                }

                var e = pattern[i + 1];
                if (char.IsAsciiLetterOrDigit(e))
                {
                    if (e is 'x' or 'u' or 'p' or 'P' or 'k' or 'c' || char.IsAsciiDigit(e))
                    {
                        return ("", false);
                    }

                    exact = false;
                    Break();
                }
                else
                {
                    run.Append(e);
                    lastLiteral = true;
                }

                i += 2;
                continue;
            }

            switch (c)
            {
                case '[':
                    exact = false;
                    Break();
                    i = ClassEnd(pattern, i) + 1;
                    continue;
                case '(':
                    exact = false;
                    Break();
                    i = GroupEnd(pattern, i) + 1;
                    continue;
                case '?' or '*' or '+' or '{':
                    exact = false;
                    if (lastLiteral)
                    {
                        // The quantified character may be absent (or repeated): it is not part of the run.
                        run.Length--;
                    }

                    Break();
                    i = c == '{' ? Math.Max(pattern.IndexOf('}', i), i) + 1 : i + 1;
                    continue;
                case '.' or '^' or '$' or '|' or ')':
                    exact = false;
                    Break();
                    i++;
                    continue;
                default:
                    run.Append(c);
                    lastLiteral = true;
                    i++;
                    continue;
            }
        }

        Break();
        var longest = runs.OrderByDescending(r => r.Length).FirstOrDefault() ?? "";
        return (longest, exact && runs.Count == 1);
    }

    /// <summary>The index of the <c>]</c> closing the class that opens at <paramref name="open"/>.</summary>
    private static int ClassEnd(string pattern, int open)
    {
        var i = open + 1;
        if (i < pattern.Length && pattern[i] == '^')
        {
            i++;
        }

        if (i < pattern.Length && pattern[i] == ']')
        {
            i++;
        }

        while (i < pattern.Length && pattern[i] != ']')
        {
            i += pattern[i] == '\\' ? 2 : 1;
        }

        return Math.Min(i, pattern.Length - 1);
    }

    /// <summary>The index of the <c>)</c> closing the group that opens at <paramref name="open"/>.</summary>
    private static int GroupEnd(string pattern, int open)
    {
        foreach (var (i, depth) in Structure(pattern, open))
        {
            if (depth == 0)
            {
                return i;
            }
        }

        return pattern.Length - 1;
    }
}
