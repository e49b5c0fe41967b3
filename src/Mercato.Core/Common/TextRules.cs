using System.Globalization;

namespace Mercato.Core.Common;

/// <summary>The rules every free text and amount of a record follows: names, notes, codes, planned and reported money.</summary>
public static class TextRules
{
    /// <summary>Names, notes, messages and campaign codes: at most 200 characters (the data contracts' limit for codes).</summary>
    public const int MaxTextLength = 200;

    /// <summary>Planned amounts: at most 10¹⁴ with at most 4 decimals, like every amount of the data center.</summary>
    public const decimal MaxAmount = 100_000_000_000_000m;

    public static void CheckRequiredText(string? text, string path, string missing, List<Problem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new(path, missing));
        }
        else
        {
            CheckText(text, path, MaxTextLength, problems);
        }
    }

    public static void CheckText(string text, string path, int max, List<Problem> problems)
    {
        if (text.Length > max)
        {
            problems.Add(new(path, string.Create(CultureInfo.InvariantCulture, $"at most {max} characters")));
        }
        else if (text.Any(char.IsControl))
        {
            problems.Add(new(path, "must not contain control characters"));
        }
        else if (!string.Equals(text, text.Trim(), StringComparison.Ordinal))
        {
            problems.Add(new(path, "must not start or end with spaces"));
        }
    }

    public static string Quote(string? text) => "\"" + text + "\"";
}
