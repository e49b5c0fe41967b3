using Mercato.Core.DataCenter;

namespace Mercato.Storage.Import;

/// <summary>
/// The codes the storage makes itself: a file's header and rows as the readers see them, an import batch's outcome and
/// warnings, and refusals of the stored workspace. Rules of values are <see cref="ImportCodes"/> and <see cref="CommonCodes"/>.
/// </summary>
public static class StorageCodes
{
    /// <summary>An error stored before errors had codes: the old sentence is the <c>reason</c>.</summary>
    public const string Legacy = "legacy";

    /// <summary>A CSV file without a header row.</summary>
    public const string NoHeader = "no_header";

    /// <summary>A column appears twice in the header.</summary>
    public const string ColumnTwice = "column_twice";

    /// <summary>A required column of the contract is missing from the header.</summary>
    public const string RequiredColumnMissing = "required_column_missing";

    /// <summary>None of <c>columns</c>, which replace each other (spend's <c>date</c> and <c>timestamp</c>), is in the header.</summary>
    public const string RequiredColumnMissingOneOf = "required_column_missing_one_of";

    /// <summary>The header holds more than one of <c>columns</c>, which replace each other.</summary>
    public const string ColumnsExclusive = "columns_exclusive";

    /// <summary>A quote inside an unquoted CSV field.</summary>
    public const string CsvStrayQuote = "csv_stray_quote";

    /// <summary>Text after the closing quote of a CSV field.</summary>
    public const string CsvTextAfterQuote = "csv_text_after_quote";

    /// <summary>A quoted CSV field that is never closed.</summary>
    public const string CsvUnterminatedQuote = "csv_unterminated_quote";

    /// <summary>Another malformed CSV quoting (the reader's <c>detail</c>).</summary>
    public const string CsvMalformed = "csv_malformed";

    /// <summary>A CSV row has <c>fields</c> fields where the header has <c>columns</c>.</summary>
    public const string FieldCount = "field_count";

    /// <summary>A JSON Lines line is not a JSON object (the parser's <c>detail</c>).</summary>
    public const string NotJsonObjectDetail = "not_json_object_detail";

    /// <summary>A JSON Lines line is not a JSON object.</summary>
    public const string NotJsonObject = "not_json_object";

    /// <summary>A JSON Lines line holds more than one JSON value.</summary>
    public const string NotSingleJsonObject = "not_single_json_object";

    /// <summary>A property appears twice in a JSON Lines object.</summary>
    public const string PropertyTwice = "property_twice";

    /// <summary>A JSON Lines property holds an object or an array.</summary>
    public const string NotScalar = "not_scalar";

    /// <summary>The input stops being UTF-8 at byte <c>offset</c>.</summary>
    public const string InvalidUtf8 = "invalid_utf8";

    /// <summary>Batch: the file is not UTF-8 text.</summary>
    public const string NotUtf8 = "not_utf8";

    /// <summary>Batch: the file is not gzip (the decompressor's <c>detail</c>).</summary>
    public const string NotGzip = "not_gzip";

    /// <summary>Batch: the import was cancelled.</summary>
    public const string ImportCancelled = "import_cancelled";

    /// <summary>Batch: something other than the input failed (the system's <c>detail</c>: I/O, the database).</summary>
    public const string ImportFailed = "import_failed";

    /// <summary>Batch: the header is invalid, nothing was imported.</summary>
    public const string HeaderInvalid = "header_invalid";

    /// <summary>Batch: <c>count</c> invalid rows, nothing was imported.</summary>
    public const string RowsInvalid = "rows_invalid";

    /// <summary>Batch: the importing process ended before the import finished; nothing of it was committed.</summary>
    public const string ImportInterrupted = "import_interrupted";

    /// <summary>Batch warning: <c>columns</c> not in the contract were ignored.</summary>
    public const string IgnoredColumns = "ignored_columns";

    /// <summary>The demo was not loaded: its people, squads and campaigns clash with the workspace's (<c>count</c> problems).</summary>
    public const string DemoClashes = "demo_clashes";
}
