using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mercato.Core.Common;

/// <summary>A calendar month, written <c>YYYY-MM</c> (also in JSON).</summary>
[JsonConverter(typeof(YearMonthJsonConverter))]
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

    /// <summary>Months since the start of year 0: consecutive months have consecutive indexes.</summary>
    public int Index => (Year * 12) + Month - 1;

    /// <summary>The month of an <see cref="Index"/>.</summary>
    public static YearMonth FromIndex(int index) => new(index / 12, (index % 12) + 1);

    /// <inheritdoc/>
    public int CompareTo(YearMonth other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    /// <summary><c>YYYY-MM</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
}

/// <summary>Reads and writes a <see cref="YearMonth"/> as the JSON string <c>"YYYY-MM"</c>.</summary>
public sealed class YearMonthJsonConverter : JsonConverter<YearMonth>
{
    /// <inheritdoc/>
    public override YearMonth Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        YearMonth.TryParse(reader.GetString(), out var month) ? month : throw new JsonException("expected a month as \"YYYY-MM\"");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, YearMonth value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
