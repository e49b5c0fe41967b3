namespace Mercato.Core.DataCenter;

/// <summary>
/// The codes of a refused value in an imported row (<see cref="FieldError"/>) and of a live-stream session's rules
/// (<see cref="LiveStreamRules"/>). Rules every record shares (required, too long, negative, ...) are <see cref="CommonCodes"/>.
/// </summary>
public static class ImportCodes
{
    /// <summary>A language is not a language tag such as en, zh or zh-CN.</summary>
    public const string NotALanguage = "not_a_language";

    /// <summary>A word field holds something other than letters, digits and '_'.</summary>
    public const string NotAWord = "not_a_word";

    /// <summary>A date field is not <c>YYYY-MM-DD</c>.</summary>
    public const string NotADate = "not_a_date";

    /// <summary>A timestamp has a time but no offset, so its instant is ambiguous.</summary>
    public const string TimestampWithoutOffset = "timestamp_without_offset";

    /// <summary>A timestamp is not ISO 8601.</summary>
    public const string NotATimestamp = "not_a_timestamp";

    /// <summary>A month field is not <c>YYYY-MM</c>.</summary>
    public const string NotAMonth = "not_a_month";

    /// <summary>An amount is not a number with '.' for decimals and no thousands separators.</summary>
    public const string NotANumber = "not_a_number";

    /// <summary>An amount has more than <c>max</c> decimal places.</summary>
    public const string TooManyDecimals = "too_many_decimals";

    /// <summary>An amount is above 100 trillion.</summary>
    public const string AmountTooLarge = "amount_too_large";

    /// <summary>A count is not a whole number.</summary>
    public const string NotAWholeNumber = "not_a_whole_number";

    /// <summary>A count is above <c>max</c>.</summary>
    public const string NumberTooLarge = "number_too_large";

    /// <summary>A spend row has more <c>clicks</c> than <c>impressions</c>.</summary>
    public const string ClicksExceedImpressions = "clicks_exceed_impressions";

    /// <summary>A row gives no value for any of <c>columns</c>, which replace each other (spend's <c>date</c> and <c>timestamp</c>).</summary>
    public const string OneOfRequired = "one_of_required";

    /// <summary>A row gives values for more than one of <c>columns</c>, which replace each other.</summary>
    public const string OnlyOneOf = "only_one_of";

    /// <summary>An hourly row's timestamp is not the start of a whole hour in the workspace time zone (<c>zone</c>; the local time is <c>local</c>).</summary>
    public const string NotWholeHour = "not_whole_hour";

    /// <summary>An hourly row's timestamp is a day alone: a day's row belongs in the <c>date</c> column.</summary>
    public const string HourWithoutTime = "hour_without_time";

    /// <summary>A staff host (<c>person</c>) is not a person id of the directory.</summary>
    public const string UnknownStaffHost = "unknown_staff_host";

    /// <summary>A session's end is not after its start.</summary>
    public const string EndNotAfterStart = "end_not_after_start";

    /// <summary>A session lasts more than <c>max</c> hours.</summary>
    public const string SessionTooLong = "session_too_long";

    /// <summary>A session's <c>peak</c> viewers exceed its <c>viewers</c>.</summary>
    public const string PeakExceedsViewers = "peak_exceeds_viewers";

    /// <summary>A session had viewers but a peak of 0.</summary>
    public const string PeakViewersZero = "peak_viewers_zero";

    /// <summary>A session has GMV but no orders.</summary>
    public const string GmvWithoutOrders = "gmv_without_orders";
}
