namespace Mercato.Core.Home;

/// <summary>What a comparison of a month's figure with an earlier month's can say.</summary>
public enum ChangeKind
{
    /// <summary>This month has no value: nothing to compare.</summary>
    NoValue,

    /// <summary>The earlier month has no value (no data then): the comparison says so, never 0%.</summary>
    NoBase,

    /// <summary>Both have a value: the difference, and the relative change when the earlier value is not 0.</summary>
    Change,
}

/// <summary>A month's figure against an earlier month's.</summary>
/// <param name="Kind">What the comparison can say.</param>
/// <param name="Difference">This month − the earlier month, when both have a value.</param>
/// <param name="Ratio">The difference ÷ |the earlier value| (0.1 is +10%), when both have a value and the earlier one is not 0.</param>
public sealed record MonthChange(ChangeKind Kind, decimal? Difference, double? Ratio)
{
    /// <summary>
    /// Compares <paramref name="value"/> with <paramref name="earlier"/> (null: no value in that month): no value, no
    /// base, or the difference with the relative change (none from a base of 0).
    /// </summary>
    public static MonthChange Of(decimal? value, decimal? earlier)
    {
        if (value is not { } v)
        {
            return new MonthChange(ChangeKind.NoValue, null, null);
        }

        if (earlier is not { } e)
        {
            return new MonthChange(ChangeKind.NoBase, null, null);
        }

        var difference = v - e;
        return new MonthChange(ChangeKind.Change, difference, e == 0 ? null : (double)(difference / Math.Abs(e)));
    }
}
