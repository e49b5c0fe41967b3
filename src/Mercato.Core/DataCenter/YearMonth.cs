using System.Globalization;

namespace Mercato.Core.DataCenter;

/// <summary>A calendar month, written <c>YYYY-MM</c>.</summary>
public readonly record struct YearMonth(int Year, int Month) : IComparable<YearMonth>
{
    /// <summary>Parses exactly <c>YYYY-MM</c> with a month from 01 to 12.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out YearMonth value)
    {
        value = default;
        if (text.Length != 7 || text[4] != '-')
        {
            return false;
        }

        if (!int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || year < 1900 || year > 9999 || month < 1 || month > 12)
        {
            return false;
        }

        value = new YearMonth(year, month);
        return true;
    }

    /// <summary>The month a date falls in.</summary>
    public static YearMonth Of(DateOnly date) => new(date.Year, date.Month);

    /// <summary>The first day of the month.</summary>
    public DateOnly FirstDay => new(Year, Month, 1);

    /// <summary>The month <paramref name="months"/> later (earlier when negative).</summary>
    public YearMonth AddMonths(int months) => Of(FirstDay.AddMonths(months));

    /// <inheritdoc/>
    public int CompareTo(YearMonth other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    /// <summary><c>YYYY-MM</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
}
