namespace Mercato.Core.Common;

/// <summary>The rules every free text and amount of a record follows: names, notes, codes, planned and reported money.</summary>
public static class TextRules
{
    /// <summary>Names, notes, messages and campaign codes: at most 200 characters (the data contracts' limit for codes).</summary>
    public const int MaxTextLength = 200;

    /// <summary>Planned amounts: at most 10¹⁴ with at most 4 decimals, like every amount of the data center.</summary>
    public const decimal MaxAmount = 100_000_000_000_000m;

    /// <summary>A required text: present (<see cref="CommonCodes.Required"/>), then <see cref="CheckText"/> with <see cref="MaxTextLength"/>.</summary>
    public static void CheckRequiredText(string? text, string path, List<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new(path, CommonCodes.Required));
        }
        else
        {
            CheckText(text, path, MaxTextLength, problems);
        }
    }

    /// <summary>
    /// A text: at most <paramref name="max"/> characters (<see cref="CommonCodes.TextTooLong"/> with <c>max</c>), no control
    /// characters, no surrounding spaces; the first rule broken is the problem.
    /// </summary>
    public static void CheckText(string text, string path, int max, List<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(problems);
        if (text.Length > max)
        {
            problems.Add(Problem.Of(path, CommonCodes.TextTooLong, ("max", max)));
        }
        else if (text.Any(char.IsControl))
        {
            problems.Add(new(path, CommonCodes.ControlCharacters));
        }
        else if (!string.Equals(text, text.Trim(), StringComparison.Ordinal))
        {
            problems.Add(new(path, CommonCodes.Untrimmed));
        }
    }

    /// <summary><c>"text"</c>: a value quoted inside an exception message (a bug report, never a message for people).</summary>
    public static string Quote(string? text) => "\"" + text + "\"";
}
