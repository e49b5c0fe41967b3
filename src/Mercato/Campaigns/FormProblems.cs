using Mercato.Core.Campaigns;

namespace Mercato.Campaigns;

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
    public static string? Invalid(IEnumerable<CampaignProblem> problems, string field) =>
        problems.Any(p => Field(p.Path) == field) ? "invalid" : null;
}
