using System.Globalization;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;

namespace Mercato.Shared;

/// <summary>Which form field a validation problem belongs to, for the Campaigns forms.</summary>
public static class FormProblems
{
    /// <summary>The form field a problem's path belongs to: <c>budget[1].item</c> → <c>budget</c>.</summary>
    public static string Field(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var end = path.IndexOfAny(['[', '.']);
        return end < 0 ? path : path[..end];
    }

    /// <summary>"invalid" (the label's class) when <paramref name="field"/> has a problem, otherwise null.</summary>
    public static string? Invalid(IEnumerable<Problem> problems, string field) =>
        problems.Any(p => Field(p.Path) == field) ? "invalid" : null;

    /// <summary>The items of a one-per-line box; a line that does not read adds a problem on <paramref name="field"/>.</summary>
    public static List<T> Lines<T>(string? text, string field, CampaignInput.Reader<T> read, List<Problem> problems)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(problems);
        var result = new List<T>();
        foreach (var line in CampaignInput.Lines(text))
        {
            if (read(line, out var error) is { } item)
            {
                result.Add(item);
            }
            else
            {
                problems.Add(new(field, error!.Code, error.Args));
            }
        }

        return result;
    }

    /// <summary>A required day <c>YYYY-MM-DD</c> from a date box; null and a problem on <paramref name="field"/> when it is not one.</summary>
    public static DateOnly? Day(string? text, string field, List<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        problems.Add(string.IsNullOrWhiteSpace(text) ? new Problem(field, CommonCodes.Required) : Problem.Of(field, ImportCodes.NotADate, ("value", text)));
        return null;
    }
}
