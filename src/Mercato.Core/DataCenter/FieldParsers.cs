using System.Globalization;

namespace Mercato.Core.DataCenter;

/// <summary>Culture-invariant parsers for field values; each adds a <see cref="FieldError"/> and returns false on bad input.</summary>
public static class FieldParsers
{
    /// <summary>Longest identifier (user, touchpoint, conversion, content id) accepted.</summary>
    public const int MaxIdLength = 200;

    /// <summary>Longest channel name accepted.</summary>
    public const int MaxChannelLength = 100;

    /// <summary>Money keeps at most four decimal places (the store holds amounts as whole ten-thousandths).</summary>
    public const int MaxMoneyDecimals = 4;

    /// <summary>Largest amount accepted: 10¹⁴, so that ten-thousandths fit a 64-bit integer with room for sums.</summary>
    public const decimal MaxMoney = 100_000_000_000_000m;

    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mmK",
    ];

    /// <summary>A required text value: present, trimmed, at most <paramref name="maxLength"/> characters, no control characters.</summary>
    public static bool Text(string? raw, string column, bool required, int maxLength, List<FieldError> errors, out string? value)
    {
        value = raw?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            value = null;
            if (required)
            {
                errors.Add(new FieldError(column, raw, CommonCodes.Required));
                return false;
            }

            return true;
        }

        if (value.Length > maxLength)
        {
            errors.Add(FieldError.Of(column, raw, CommonCodes.TextTooLong, ("max", maxLength)));
            return false;
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                errors.Add(new FieldError(column, raw, CommonCodes.ControlCharacters));
                return false;
            }
        }

        return true;
    }

    /// <summary>Longest word (an activity event, a social platform, an app store) accepted.</summary>
    public const int MaxWordLength = 40;

    /// <summary>
    /// A lower-case word of <c>a-z</c>, <c>0-9</c> and <c>_</c>, at most <paramref name="maxLength"/> characters; the input
    /// is matched case-insensitively and given back lower-cased.
    /// </summary>
    public static bool Word(string? raw, string column, bool required, int maxLength, List<FieldError> errors, out string? value)
    {
        if (!Text(raw, column, required, maxLength, errors, out value))
        {
            return false;
        }

        if (value is null)
        {
            return true;
        }

        value = value.ToLowerInvariant();
        foreach (var c in value)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            {
                errors.Add(new FieldError(column, raw, ImportCodes.NotAWord));
                value = null;
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// An ISO 8601 timestamp with an offset or <c>Z</c> (for example <c>2026-03-01T09:30:00+08:00</c>), or a date alone
    /// (<c>2026-03-01</c>), which means midnight in the workspace time zone. A date and time without an offset is refused
    /// because its instant is ambiguous.
    /// </summary>
    public static bool Timestamp(string? raw, string column, ParseContext context, List<FieldError> errors, out DateTimeOffset value)
    {
        value = default;
        if (Absent(raw, column, required: true, errors, out var text, out var ok))
        {
            return ok;
        }

        if (text.Length == 10)
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                value = LocalTime.MidnightIn(date, context.TimeZone);
                return true;
            }

            errors.Add(new FieldError(column, raw, ImportCodes.NotADate));
            return false;
        }

        if (!HasOffset(text))
        {
            // Only a date and time that would parse with an offset lacks one; anything else is no timestamp at all.
            errors.Add(new FieldError(column, raw, Parses(text + "Z", out _) ? ImportCodes.TimestampWithoutOffset : ImportCodes.NotATimestamp));
            return false;
        }

        if (Parses(text, out value))
        {
            return true;
        }

        errors.Add(new FieldError(column, raw, ImportCodes.NotATimestamp));
        return false;

        static bool Parses(string text, out DateTimeOffset value) =>
            IsoTimestamp.TryParseCommon(text, out value)
            || DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>A calendar date, exactly <c>YYYY-MM-DD</c>.</summary>
    public static bool Date(string? raw, string column, List<FieldError> errors, out DateOnly value)
    {
        value = default;
        if (Absent(raw, column, required: true, errors, out var text, out var ok))
        {
            return ok;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            return true;
        }

        errors.Add(new FieldError(column, raw, ImportCodes.NotADate));
        return false;
    }

    /// <summary>A month, exactly <c>YYYY-MM</c>.</summary>
    public static bool Month(string? raw, string column, List<FieldError> errors, out YearMonth value)
    {
        value = default;
        if (Absent(raw, column, required: true, errors, out var text, out var ok))
        {
            return ok;
        }

        if (YearMonth.TryParse(text, out value))
        {
            return true;
        }

        errors.Add(new FieldError(column, raw, ImportCodes.NotAMonth));
        return false;
    }

    /// <summary>A non-negative money amount with '.' as the decimal point and no thousands separators.</summary>
    public static bool Money(string? raw, string column, bool required, List<FieldError> errors, out decimal? value)
    {
        value = null;
        if (Absent(raw, column, required, errors, out var text, out var ok))
        {
            return ok;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
        {
            errors.Add(new FieldError(column, raw, ImportCodes.NotANumber));
            return false;
        }

        if (amount < 0)
        {
            errors.Add(new FieldError(column, raw, CommonCodes.Negative));
            return false;
        }

        if (amount.Scale > MaxMoneyDecimals && amount != decimal.Round(amount, MaxMoneyDecimals))
        {
            errors.Add(FieldError.Of(column, raw, ImportCodes.TooManyDecimals, ("max", MaxMoneyDecimals)));
            return false;
        }

        if (amount > MaxMoney)
        {
            errors.Add(new FieldError(column, raw, ImportCodes.AmountTooLarge));
            return false;
        }

        value = amount;
        return true;
    }

    /// <summary>A non-negative whole number.</summary>
    public static bool Count(string? raw, string column, bool required, long max, List<FieldError> errors, out long? value)
    {
        value = null;
        if (Absent(raw, column, required, errors, out var text, out var ok))
        {
            return ok;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
        {
            errors.Add(new FieldError(column, raw, ImportCodes.NotAWholeNumber));
            return false;
        }

        if (count < 0)
        {
            errors.Add(new FieldError(column, raw, CommonCodes.Negative));
            return false;
        }

        if (count > max)
        {
            errors.Add(FieldError.Of(column, raw, ImportCodes.NumberTooLarge, ("max", max)));
            return false;
        }

        value = count;
        return true;
    }

    /// <summary>Largest decimal accepted by <see cref="DecimalNumber"/>: 10¹⁴, so that ten-thousandths fit a 64-bit integer.</summary>
    public const decimal MaxDecimal = 100_000_000_000_000m;

    /// <summary>Decimal places a value read by <see cref="DecimalNumber"/> keeps (the store holds it as whole ten-thousandths).</summary>
    public const int DecimalPlaces = 4;

    /// <summary>
    /// A non-negative decimal (an average, a rate) with '.' as the decimal point and no thousands separators, at most
    /// <see cref="MaxDecimal"/>, rounded half away from zero to <see cref="DecimalPlaces"/> places; null when optional
    /// and absent. Unlike <see cref="Money"/>, more places are rounded rather than refused: a platform's averages carry
    /// whatever its division gave.
    /// </summary>
    public static bool DecimalNumber(string? raw, string column, bool required, List<FieldError> errors, out double? value)
    {
        value = null;
        if (Absent(raw, column, required, errors, out var text, out var ok))
        {
            return ok;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            errors.Add(new FieldError(column, raw, ImportCodes.NotANumber));
            return false;
        }

        if (number < 0)
        {
            errors.Add(new FieldError(column, raw, CommonCodes.Negative));
            return false;
        }

        if (number > MaxDecimal)
        {
            errors.Add(FieldError.Of(column, raw, ImportCodes.NumberTooLarge, ("max", MaxDecimal)));
            return false;
        }

        // Through whole ten-thousandths, so the double is the one the store gives back (units / 10,000).
        var units = (long)decimal.Round(number * 10_000m, MidpointRounding.AwayFromZero);
        value = units / 10_000.0;
        return true;
    }

    private static readonly (string Word, bool Value)[] Booleans =
        [("true", true), ("false", false), ("1", true), ("0", false), ("yes", true), ("no", false)];

    /// <summary>
    /// A yes-or-no value: <c>true</c>/<c>false</c>, <c>1</c>/<c>0</c> or <c>yes</c>/<c>no</c>, case-insensitive (a JSON
    /// Lines <c>true</c> arrives as the word); anything else is <see cref="CommonCodes.NotOneOf"/> naming the words.
    /// </summary>
    public static bool Boolean(string? raw, string column, bool required, List<FieldError> errors, out bool? value) =>
        Choice(raw, column, required, Booleans, errors, out value);

    /// <summary>One of a fixed set of lower-case words; null (and no error) when optional and absent.</summary>
    public static bool Choice<T>(string? raw, string column, bool required, IReadOnlyList<(string Word, T Value)> choices,
        List<FieldError> errors, out T? value)
        where T : struct
    {
        value = null;
        if (Absent(raw, column, required, errors, out var text, out var ok))
        {
            return ok;
        }

        foreach (var (word, choice) in choices)
        {
            if (string.Equals(word, text, StringComparison.OrdinalIgnoreCase))
            {
                value = choice;
                return true;
            }
        }

        errors.Add(FieldError.Of(column, raw, CommonCodes.NotOneOf, ("value", text), ("expected", choices.Select(c => c.Word))));
        return false;
    }

    /// <summary>
    /// True when the value is empty (then <paramref name="ok"/> says whether that is allowed, and a missing required value
    /// has been reported); otherwise gives the trimmed <paramref name="text"/>.
    /// </summary>
    private static bool Absent(string? raw, string column, bool required, List<FieldError> errors, out string text, out bool ok)
    {
        text = raw?.Trim() ?? string.Empty;
        if (text.Length > 0)
        {
            ok = true;
            return false;
        }

        ok = !required;
        if (required)
        {
            errors.Add(new FieldError(column, raw, CommonCodes.Required));
        }

        return true;
    }

    private static bool HasOffset(string text)
    {
        if (text.EndsWith('Z') || text.EndsWith('z'))
        {
            return true;
        }

        // An offset is a '+' or '-' after the time part: ±HH:MM or ±HHMM at the end.
        var timeStart = text.IndexOfAny(['T', 't', ' ']);
        if (timeStart < 0)
        {
            return false;
        }

        return text.AsSpan(timeStart).IndexOfAny('+', '-') >= 0;
    }
}
