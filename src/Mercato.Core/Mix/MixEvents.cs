using System.Globalization;

namespace Mercato.Core.Mix;

/// <summary>
/// The workspace's own calendar events, fitted as controls beside the Spring Festival, 618 and Double 11
/// (docs/mix-model.md, Controls): a brand day, a trade fair, a price change. Occurrences with the same name are one control.
/// </summary>
public static class MixEvents
{
    /// <summary>The longest name.</summary>
    public const int MaxName = 40;

    /// <summary>The longest occurrence, in days: an event, not a season (seasonality is fitted on its own).</summary>
    public const int MaxDays = 92;

    /// <summary>The names Mercato fits by itself.</summary>
    public static IReadOnlyList<string> Reserved { get; } = ["spring_festival", "618", "double_11", MixWorkspace.CampaignsControl];

    /// <summary>The workspace's events in the document store, one document per occurrence (<see cref="IdOf"/>).</summary>
    public static DocumentKind<MixEvent> Documents { get; } = new("mix_events", IdOf);

    /// <summary>An occurrence's id: <c>name@YYYY-MM-DD</c> (its first day).</summary>
    public static string IdOf(MixEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Name + "@" + e.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// What is wrong with an event: a name that is not a snake_case word of 1 to <see cref="MaxName"/> characters
    /// (lower-case letters, digits and <c>_</c>, starting with a letter or digit), a reserved name, an end before the start,
    /// or more than <see cref="MaxDays"/> days.
    /// </summary>
    public static IReadOnlyList<Problem> Problems(MixEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var problems = new List<Problem>();
        if (e.Name is null || e.Name.Length is 0 or > MaxName || !char.IsAsciiLetterOrDigit(e.Name[0]) || !e.Name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            problems.Add(Problem.Of("name", MixCodes.EventBadName, ("name", e.Name), ("max", MaxName)));
        }
        else if (Reserved.Contains(e.Name, StringComparer.Ordinal))
        {
            problems.Add(Problem.Of("name", MixCodes.EventReserved, ("name", e.Name)));
        }

        if (e.Last < e.First || e.Last.DayNumber - e.First.DayNumber + 1 > MaxDays)
        {
            problems.Add(Problem.Of("last", MixCodes.EventBadDates, ("first", e.First), ("last", e.Last), ("max", MaxDays)));
        }

        return problems;
    }
}
