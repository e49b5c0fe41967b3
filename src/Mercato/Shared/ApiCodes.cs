namespace Mercato.Shared;

/// <summary>
/// The codes the host makes itself: the titles of ProblemDetails and what the front doors refuse about a request before
/// any use case runs (a malformed day, a body too large, an id that does not match the address). Their sentences are in
/// the same catalogue as Core's and the storage's.
/// </summary>
public static class ApiCodes
{
    /// <summary>Title of a 400.</summary>
    public const string TitleBadRequest = "title_bad_request";

    /// <summary>Title of a 404.</summary>
    public const string TitleNotFound = "title_not_found";

    /// <summary>401: nobody signed in, or a token that is not accepted.</summary>
    public const string TitleSignIn = "title_sign_in";

    /// <summary>403: the role does not allow it.</summary>
    public const string TitleForbidden = "title_forbidden";

    /// <summary>429: too many requests.</summary>
    public const string TitleTooMany = "title_too_many";

    /// <summary>Title of a 409.</summary>
    public const string TitleRefused = "title_refused";

    /// <summary>Title of a 422.</summary>
    public const string TitleInvalid = "title_invalid";

    /// <summary>Title of a 500 (an import that failed for a reason other than its input).</summary>
    public const string TitleFailed = "title_failed";

    /// <summary>Title of a 413.</summary>
    public const string TitleTooLarge = "title_too_large";

    /// <summary>Title of a 415.</summary>
    public const string TitleUnsupportedFormat = "title_unsupported_format";

    /// <summary>A file named on the command line (<c>path</c>) that does not exist.</summary>
    public const string FileNotFound = "file_not_found";

    /// <summary>An <c>If-Match</c> header that is not a version this API gave in an <c>ETag</c>.</summary>
    public const string BadIfMatch = "bad_if_match";

    /// <summary>Days in a query are not <c>YYYY-MM-DD</c> from <c>min</c> to <c>max</c>.</summary>
    public const string DaysMalformed = "days_malformed";

    /// <summary>Months in a query are not <c>YYYY-MM</c>.</summary>
    public const string MonthsMalformed = "months_malformed";

    /// <summary>A period in a query is not <c>YYYY-MM</c> or <c>YYYY-Qn</c>.</summary>
    public const string PeriodMalformed = "period_malformed";

    /// <summary>A baseline is not <c>FROM..TO</c> with days.</summary>
    public const string BaselineMalformed = "baseline_malformed";

    /// <summary>Only one of from and to was given where both or neither are needed.</summary>
    public const string BothDaysOrNeither = "both_days_or_neither";

    /// <summary>A range of <c>days</c> days is longer than <c>max</c>.</summary>
    public const string RangeTooLong = "range_too_long";

    /// <summary>Attribution options out of range: order 1 to 3, positive lookback and half-life.</summary>
    public const string AttributionOptionsOutOfRange = "attribution_options_out_of_range";

    /// <summary>The body's id (<c>body</c>) is not the address's (<c>address</c>).</summary>
    public const string IdMismatch = "id_mismatch";

    /// <summary>A body larger than the import limit of <c>limit</c> bytes.</summary>
    public const string BodyTooLarge = "body_too_large";

    /// <summary>A structure document larger than <c>limit</c> bytes.</summary>
    public const string DocumentTooLarge = "document_too_large";

    /// <summary>A body that is neither CSV nor JSON Lines.</summary>
    public const string UnsupportedBodyFormat = "unsupported_body_format";

    /// <summary>A body that is not JSON (the parser's <c>detail</c>).</summary>
    public const string BodyNotJson = "body_not_json";

    /// <summary>A body that is not a JSON array of rows.</summary>
    public const string BodyNotArray = "body_not_array";

    /// <summary>An event row without a kind.</summary>
    public const string RowWithoutKind = "row_without_kind";

    /// <summary><c>rejected</c> rows are invalid, nothing was imported; the first <c>shown</c> errors are listed.</summary>
    public const string RowsRejected = "rows_rejected";

    /// <summary>No import batch has the <c>id</c>.</summary>
    public const string BatchNotFound = "batch_not_found";

    /// <summary>No channel of the catalog is named <c>name</c>.</summary>
    public const string ChannelNotFound = "channel_not_found";

    /// <summary>No structure template is named <c>name</c> (one of <c>expected</c>).</summary>
    public const string TemplateNotFound = "template_not_found";

    /// <summary>No target for the KPI, unit and period.</summary>
    public const string TargetNotFound = "target_not_found";

    /// <summary>The <c>unit</c> is not in the structure.</summary>
    public const string UnitNotFound = "unit_not_found";

    /// <summary>The workspace already has a structure (<c>name</c>); add replace=true to replace it (HTTP 409).</summary>
    public const string StructureExists = "structure_exists";

    /// <summary>Title: the <c>id</c> of a person is not valid.</summary>
    public const string PersonInvalid = "person_invalid";

    /// <summary>Title: the <c>id</c> of an influencer is not valid.</summary>
    public const string InfluencerInvalid = "influencer_invalid";

    /// <summary>Title: the squad <c>id</c> is not valid.</summary>
    public const string SquadInvalid = "squad_invalid";

    /// <summary>Title: the campaign <c>id</c> is not valid.</summary>
    public const string CampaignInvalid = "campaign_invalid";

    /// <summary>Title: the bundle was not imported.</summary>
    public const string BundleNotImported = "bundle_not_imported";

    /// <summary>Title: the structure was not imported or saved.</summary>
    public const string StructureNotSaved = "structure_not_saved";

    /// <summary>Title: no target was saved.</summary>
    public const string TargetsNotSaved = "targets_not_saved";

    /// <summary>Title: event rows without a kind.</summary>
    public const string RowsWithoutKind = "rows_without_kind";

    /// <summary>An uploaded file (<c>name</c>) that is not .csv, .jsonl, .csv.gz or .jsonl.gz.</summary>
    public const string UnsupportedFile = "unsupported_file";

    /// <summary>A channel (<c>name</c>) or group (<c>group</c>) that is unknown.</summary>
    public const string ChannelOrGroupUnknown = "channel_or_group_unknown";
}
