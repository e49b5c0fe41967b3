using System.Globalization;
using System.Text.Json.Serialization;

namespace Mercato.Core.Measurement.Funnels;

/// <summary>How the steps after the entry must follow each other (docs/measurement.md, Funnels).</summary>
public enum FunnelOrder
{
    /// <summary>
    /// Step k + 1 counts when it happens at or after step k (the instant of the event that made step k), so every step
    /// is done in the funnel's order and none is skipped. The default.
    /// </summary>
    [JsonStringEnumMemberName("strict")]
    Strict,

    /// <summary>Step k + 1 counts when it happens at or after the entry, in any order with the steps between.</summary>
    [JsonStringEnumMemberName("loose")]
    Loose,
}

/// <summary>How a funnel's users are split besides the total.</summary>
public enum FunnelSplit
{
    /// <summary>The total only.</summary>
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>By the channel group of the user's first touchpoint at or before the entry (<see cref="FunnelSplits.Unknown"/> without one).</summary>
    [JsonStringEnumMemberName("channel_group")]
    ChannelGroup,

    /// <summary>By the month (<c>YYYY-MM</c>, workspace local days) of the entry.</summary>
    [JsonStringEnumMemberName("cohort")]
    Cohort,
}

/// <summary>The words of a split.</summary>
public static class FunnelSplits
{
    /// <summary>The channel group of users with no touchpoint at or before their entry.</summary>
    public const string Unknown = "unknown";
}

/// <summary>
/// One step of a funnel: an activity event word and which occurrence of it counts, written <c>event</c> (the first) or
/// <c>event#n</c> (the n-th, e.g. <c>purchase#2</c>, a repeat purchase). Occurrences are numbered over the user's events
/// of that word from the start of the period, in time order.
/// </summary>
/// <param name="Event">The activity event word.</param>
/// <param name="Occurrence">Which occurrence, from 1.</param>
public sealed record FunnelStep(string Event, int Occurrence = 1)
{
    /// <summary>The highest occurrence number a step may name.</summary>
    public const int MaxOccurrence = 100;

    /// <summary>The longest event word (docs/data-contracts.md, activity).</summary>
    public const int MaxEventLength = 40;

    /// <summary>Parses <c>event</c> or <c>event#n</c> (surrounding spaces ignored, the word lower-cased); false for anything else.</summary>
    public static bool TryParse(string? text, out FunnelStep step)
    {
        step = new FunnelStep("", 1);
        var trimmed = text?.Trim().ToLowerInvariant() ?? "";
        var hash = trimmed.IndexOf('#', StringComparison.Ordinal);
        var word = hash < 0 ? trimmed : trimmed[..hash];
        var occurrence = 1;
        if (hash >= 0)
        {
            var number = trimmed[(hash + 1)..];
            if (number.Length is 0 or > 3 || number[0] == '0' || !number.All(char.IsAsciiDigit)
                || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out occurrence) || occurrence > MaxOccurrence)
            {
                return false;
            }
        }

        if (word.Length is 0 or > MaxEventLength || !word.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            return false;
        }

        step = new FunnelStep(word, occurrence);
        return true;
    }

    /// <summary><c>event</c>, or <c>event#n</c> after the first occurrence.</summary>
    public override string ToString() => Occurrence == 1 ? Event : Event + "#" + Occurrence.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// A funnel: its steps in order (the first is the entry), the order rule, and the window after the entry within which
/// the later steps count.
/// </summary>
/// <param name="Steps">The steps, the entry first.</param>
/// <param name="Order">Strict or loose order.</param>
/// <param name="WithinDays">Later steps count when they happen less than this many days (of 24 hours) after the entry.</param>
public sealed record FunnelDefinition(IReadOnlyList<FunnelStep> Steps, FunnelOrder Order = FunnelOrder.Strict, int WithinDays = FunnelDefinition.DefaultWithinDays)
{
    /// <summary>The window unless told otherwise.</summary>
    public const int DefaultWithinDays = 30;

    /// <summary>
    /// The event word of a conversion (an order of the conversions kind): funnels read every conversion as this event beside
    /// the activity events, so <c>signup,install,conversion,conversion#2</c> runs from sign-up to a repeat purchase. An
    /// activity event of the same word counts as one too.
    /// </summary>
    public const string ConversionEvent = "conversion";

    /// <summary>The longest window.</summary>
    public const int MaxWithinDays = 365;

    /// <summary>The fewest steps of a funnel.</summary>
    public const int MinSteps = 2;

    /// <summary>The most steps of a funnel.</summary>
    public const int MaxSteps = 10;

    /// <summary>The window in milliseconds.</summary>
    public long WithinMillis => WithinDays * 86_400_000L;

    /// <summary>The distinct event words of the steps, in the order they first appear.</summary>
    public IReadOnlyList<string> Events => [.. Steps.Select(s => s.Event).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Parses step texts (<see cref="FunnelStep.TryParse"/>) into a definition, or the problems: <c>steps</c> out of
    /// <see cref="MinSteps"/>..<see cref="MaxSteps"/> (<see cref="CommonCodes.OutOfRange"/>), <c>steps[i]</c> malformed
    /// (<see cref="FunnelCodes.StepMalformed"/>), <c>withinDays</c> out of 1..<see cref="MaxWithinDays"/>.
    /// </summary>
    public static Outcome<FunnelDefinition> Parse(IReadOnlyList<string> steps, FunnelOrder order = FunnelOrder.Strict, int withinDays = DefaultWithinDays)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var problems = new List<Problem>();
        if (steps.Count is < MinSteps or > MaxSteps)
        {
            problems.Add(Problem.Of("steps", CommonCodes.OutOfRange, ("value", steps.Count), ("min", MinSteps), ("max", MaxSteps)));
        }

        var parsed = new List<FunnelStep>();
        for (var i = 0; i < steps.Count; i++)
        {
            if (FunnelStep.TryParse(steps[i], out var step))
            {
                parsed.Add(step);
            }
            else
            {
                problems.Add(Problem.Of("steps[" + i.ToString(CultureInfo.InvariantCulture) + "]", FunnelCodes.StepMalformed,
                    ("value", steps[i]), ("max", FunnelStep.MaxOccurrence)));
            }
        }

        if (withinDays is < 1 or > MaxWithinDays)
        {
            problems.Add(Problem.Of("withinDays", CommonCodes.OutOfRange, ("value", withinDays), ("min", 1), ("max", MaxWithinDays)));
        }

        if (!EnumWords.IsDefined(order))
        {
            problems.Add(Problem.Of("order", CommonCodes.NotOneOf, ("value", order.ToString()), ("expected", EnumWords.All<FunnelOrder>().ToArray())));
        }

        return problems.Count > 0 ? Outcome<FunnelDefinition>.Invalid(problems) : Outcome<FunnelDefinition>.Ok(new FunnelDefinition(parsed, order, withinDays));
    }

    /// <summary>Splits a comma-separated list of steps (<c>signup,install,purchase,purchase#2</c>); empty items are kept, to be refused.</summary>
    public static IReadOnlyList<string> SplitList(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',').Select(s => s.Trim()).ToArray();
}
