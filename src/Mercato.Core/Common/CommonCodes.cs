namespace Mercato.Core.Common;

/// <summary>
/// The codes of rules shared by every record (text, ids, amounts, days, lists) and of the generic outcomes. A problem's
/// path says which field; the code says what is wrong with it.
/// </summary>
public static class CommonCodes
{
    /// <summary>An outcome with invalid input; <c>count</c> problems follow.</summary>
    public const string Invalid = "invalid";

    /// <summary>The document changed between reading it and writing it back (a second click, someone else's edit).</summary>
    public const string MovedMeanwhile = "moved_meanwhile";

    /// <summary>A required value is missing or blank.</summary>
    public const string Required = "required";

    /// <summary>A text is longer than <c>max</c> characters.</summary>
    public const string TextTooLong = "text_too_long";

    /// <summary>A text contains control characters (line breaks included, unless the field allows them).</summary>
    public const string ControlCharacters = "control_characters";

    /// <summary>A text starts or ends with spaces.</summary>
    public const string Untrimmed = "untrimmed";

    /// <summary>An id (<c>value</c>) is not a slug: lower-case letters, digits, '_' and '-', at most <c>max</c> characters.</summary>
    public const string NotSlug = "not_slug";

    /// <summary>An id (<c>value</c>) is not snake_case (lower-case words joined by '_', at most <c>max</c> characters).</summary>
    public const string NotSnakeCase = "not_snake_case";

    /// <summary>A list holds a null item.</summary>
    public const string NullItem = "null_item";

    /// <summary>A value is not one of the words of a closed set; <c>expected</c> lists them.</summary>
    public const string UnknownChoice = "unknown_choice";

    /// <summary>A value (<c>value</c>) is given twice where each may appear once.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>A range's <c>end</c> is before its <c>start</c>.</summary>
    public const string EndBeforeStart = "end_before_start";

    /// <summary>A <c>day</c> lies outside the supported days <c>min</c>..<c>max</c>.</summary>
    public const string DayUnsupported = "day_unsupported";

    /// <summary>A number or amount is negative.</summary>
    public const string Negative = "negative";

    /// <summary>An amount is above 10^14 or has more than 4 decimals.</summary>
    public const string AmountOutOfRange = "amount_out_of_range";

    /// <summary>A number is not finite (NaN or infinite).</summary>
    public const string NotFinite = "not_finite";

    /// <summary>A URL is not an absolute http or https URL.</summary>
    public const string NotHttpUrl = "not_http_url";

    /// <summary>A number (<c>value</c>) is outside <c>min</c>..<c>max</c>.</summary>
    public const string OutOfRange = "out_of_range";

    /// <summary>A value (<c>value</c>) is not one of the <c>expected</c> words.</summary>
    public const string NotOneOf = "not_one_of";

    /// <summary>A value (<c>value</c>) is given twice, compared ignoring case.</summary>
    public const string DuplicateIgnoringCase = "duplicate_ignoring_case";

    /// <summary>A value (<c>value</c>) is given twice; the first is at <c>other</c>.</summary>
    public const string DuplicateAt = "duplicate_at";
}
