using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mercato.Core.Common;

/// <summary>Whether a <see cref="Period"/> is a month or a quarter.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PeriodKind>))]
public enum PeriodKind
{
    /// <summary>A calendar month, <c>YYYY-MM</c>.</summary>
    [JsonStringEnumMemberName("month")]
    Month,

    /// <summary>A calendar quarter, <c>YYYY-Qn</c>.</summary>
    [JsonStringEnumMemberName("quarter")]
    Quarter,
}

/// <summary>
/// A target period: a calendar month (<c>2026-03</c>) or quarter (<c>2026-Q1</c>, January to March), in the workspace
/// time zone like every date of the data center. Written the same way in JSON.
/// </summary>
[JsonConverter(typeof(PeriodJsonConverter))]
public readonly record struct Period : IComparable<Period>
{
    private Period(PeriodKind kind, int year, int number)
    {
        Kind = kind;
        Year = year;
        Number = number;
    }

    /// <summary>Month or quarter.</summary>
    public PeriodKind Kind { get; }

    /// <summary>The year.</summary>
    public int Year { get; }

    /// <summary>The month (1–12) or the quarter (1–4).</summary>
    public int Number { get; }

    /// <summary>A month period.</summary>
    public static Period Month(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1900);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        return new Period(PeriodKind.Month, year, month);
    }

    /// <summary>A quarter period.</summary>
    public static Period Quarter(int year, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1900);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        return new Period(PeriodKind.Quarter, year, quarter);
    }

    /// <summary>The month period of <paramref name="month"/>.</summary>
    public static Period Of(YearMonth month) => Month(month.Year, month.Month);

    /// <summary>Parses exactly <c>YYYY-MM</c> (month 01–12) or <c>YYYY-Qn</c> (n 1–4, <c>q</c> accepted), years 1900–9998
    /// (a period's end, the first day after it, must still be a date).</summary>
    public static bool TryParse(string? text, out Period period)
    {
        period = default;
        if (text is null || text.Length != 7 || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || year is < 1900 or > 9998)
        {
            return false;
        }

        if (text[5] is 'Q' or 'q')
        {
            if (text[6] is < '1' or > '4')
            {
                return false;
            }

            period = new Period(PeriodKind.Quarter, year, text[6] - '0');
            return true;
        }

        if (!int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12)
        {
            return false;
        }

        period = new Period(PeriodKind.Month, year, month);
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/>; throws <see cref="FormatException"/> otherwise.</summary>
    public static Period Parse(string text) =>
        TryParse(text, out var period) ? period : throw new FormatException("expected a period as YYYY-MM or YYYY-Qn: " + text);

    /// <summary>The first month of the period.</summary>
    public YearMonth FirstMonth => Kind == PeriodKind.Month ? new YearMonth(Year, Number) : new YearMonth(Year, Number * 3 - 2);

    /// <summary>The last month of the period.</summary>
    public YearMonth LastMonth => Kind == PeriodKind.Month ? new YearMonth(Year, Number) : new YearMonth(Year, Number * 3);

    /// <summary>The months of the period, in order (one or three).</summary>
    public IReadOnlyList<YearMonth> Months => Kind == PeriodKind.Month ? [FirstMonth] : [FirstMonth, FirstMonth.AddMonths(1), LastMonth];

    /// <summary>The first day of the period.</summary>
    public DateOnly Start => FirstMonth.FirstDay;

    /// <summary>The day after the period's last day (exclusive end).</summary>
    public DateOnly End => LastMonth.FirstDay.AddMonths(1);

    /// <summary>Whether <paramref name="month"/> lies in the period.</summary>
    public bool Contains(YearMonth month) => month.CompareTo(FirstMonth) >= 0 && month.CompareTo(LastMonth) <= 0;

    /// <summary>Whether <paramref name="day"/> lies in the period.</summary>
    public bool Contains(DateOnly day) => Contains(YearMonth.Of(day));

    /// <summary>A running count of periods of this kind (months or quarters since year 0), so that consecutive periods differ by 1.</summary>
    public int Ordinal => Kind == PeriodKind.Month ? Year * 12 + Number - 1 : Year * 4 + Number - 1;

    /// <summary>The period <paramref name="count"/> periods of the same kind later (earlier when negative).</summary>
    public Period Add(int count)
    {
        var per = Kind == PeriodKind.Month ? 12 : 4;
        var ordinal = Ordinal + count;
        return new Period(Kind, ordinal / per, ordinal % per + 1);
    }

    /// <summary>The period before.</summary>
    public Period Previous() => Add(-1);

    /// <summary>The period after.</summary>
    public Period Next() => Add(1);

    /// <summary>Orders by first month, a month before the quarter that starts with it.</summary>
    public int CompareTo(Period other)
    {
        var byStart = FirstMonth.CompareTo(other.FirstMonth);
        return byStart != 0 ? byStart : Kind.CompareTo(other.Kind);
    }

    /// <summary><c>YYYY-MM</c> or <c>YYYY-Qn</c>.</summary>
    public override string ToString() => Kind == PeriodKind.Month
        ? string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Number:D2}")
        : string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}");

    /// <summary>Whether <paramref name="left"/> comes before <paramref name="right"/>.</summary>
    public static bool operator <(Period left, Period right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> comes after <paramref name="right"/>.</summary>
    public static bool operator >(Period left, Period right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> comes before or is <paramref name="right"/>.</summary>
    public static bool operator <=(Period left, Period right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> comes after or is <paramref name="right"/>.</summary>
    public static bool operator >=(Period left, Period right) => left.CompareTo(right) >= 0;
}

/// <summary>Reads and writes a <see cref="Period"/> as the JSON string <c>"2026-03"</c> or <c>"2026-Q1"</c>.</summary>
public sealed class PeriodJsonConverter : JsonConverter<Period>
{
    /// <inheritdoc/>
    public override Period Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Period.TryParse(reader.GetString(), out var period) ? period : throw new JsonException("expected a period as \"YYYY-MM\" or \"YYYY-Qn\"");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Period value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
