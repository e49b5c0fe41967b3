namespace Mercato.Shared;

/// <summary>
/// The ProblemDetails of every API error, rendered from codes: <c>code</c> and <c>args</c> in the body for programs,
/// <c>title</c> and <c>detail</c> from the message catalogue for people; 422s add <c>problems</c>
/// (<c>[{path, code, args, message}]</c>), 409s whose code differs from their reason's add <c>reason</c>.
/// </summary>
public static class ApiProblems
{
    /// <summary>A problem of <paramref name="status"/> with its code and arguments; the title is the status's unless given.</summary>
    public static ProblemHttpResult Of(int status, string code, MessageArgs? args = null, string? titleCode = null, MessageArgs? titleArgs = null,
        IDictionary<string, object?>? more = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code, ["args"] = args ?? MessageArgs.Empty };
        foreach (var (key, value) in more ?? new Dictionary<string, object?>())
        {
            extensions[key] = value;
        }

        return TypedResults.Problem(
            statusCode: status,
            title: Messages.Text(titleCode ?? Title(status), titleArgs),
            detail: Messages.Text(code, args),
            extensions: extensions);
    }

    /// <summary>400 with <paramref name="code"/>.</summary>
    public static ProblemHttpResult Bad(string code, params (string Name, object? Value)[] args) =>
        Of(StatusCodes.Status400BadRequest, code, MessageArgs.Of(args));

    /// <summary>404 with <paramref name="code"/>.</summary>
    public static ProblemHttpResult NotFound(string code, params (string Name, object? Value)[] args) =>
        Of(StatusCodes.Status404NotFound, code, MessageArgs.Of(args));

    /// <summary>404 for a coded message (a store's refusal that names what is missing).</summary>
    public static ProblemHttpResult NotFound(ICodedMessage missing)
    {
        ArgumentNullException.ThrowIfNull(missing);
        return Of(StatusCodes.Status404NotFound, missing.Code, missing.Args);
    }

    /// <summary>
    /// 409 with the API's <paramref name="code"/> and the words of <paramref name="reason"/>; when the reason has a code of
    /// its own, it is in <c>reason</c>.
    /// </summary>
    public static ProblemHttpResult Conflict(string code, ICodedMessage reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var extensions = new Dictionary<string, object?> { ["code"] = code, ["args"] = reason.Args };
        if (!string.Equals(reason.Code, code, StringComparison.Ordinal))
        {
            extensions["reason"] = reason.Code;
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: Messages.Text(ApiCodes.TitleRefused),
            detail: Messages.Text(reason),
            extensions: extensions);
    }

    /// <summary>409 whose reason is its code.</summary>
    public static ProblemHttpResult Conflict(ICodedMessage reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return Conflict(reason.Code, reason);
    }

    /// <summary>422 with every problem: code <see cref="CommonCodes.Invalid"/>, the count in <c>args</c>, the title from <paramref name="titleCode"/>.</summary>
    public static ProblemHttpResult Invalid<T>(IReadOnlyList<T> problems, string? titleCode = null, params (string Name, object? Value)[] titleArgs)
        where T : ICodedMessage
    {
        ArgumentNullException.ThrowIfNull(problems);
        return Of(StatusCodes.Status422UnprocessableEntity, CommonCodes.Invalid, MessageArgs.Of(("count", problems.Count)), titleCode, MessageArgs.Of(titleArgs),
            new Dictionary<string, object?> { ["problems"] = problems });
    }

    /// <summary>200 with the value of an ok outcome, else its problem (<see cref="From"/>).</summary>
    public static Results<Ok<T>, ProblemHttpResult> OkOr<T>(Outcome<T> outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.IsOk ? TypedResults.Ok(outcome.Value!) : From(outcome);
    }

    /// <summary>200 with a report, or its problem as 400: a report's invalid query (a window backwards or too long, a bad filter) is a bad request, not 422.</summary>
    public static Results<Ok<T>, ProblemHttpResult> OkOrBadRequest<T>(Outcome<T> outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.IsOk ? TypedResults.Ok(outcome.Value!) : From(outcome, StatusCodes.Status400BadRequest);
    }

    /// <summary>204 for an ok outcome, else its problem (<see cref="From"/>).</summary>
    public static Results<NoContent, ProblemHttpResult> NoContentOr(Outcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.IsOk ? TypedResults.NoContent() : From(outcome);
    }

    /// <summary>
    /// The HTTP answer of a failed outcome: 404, 422 with the problems (or <paramref name="invalidStatus"/>: 400 for a
    /// request's query parameters), 409 (refused, moved meanwhile).
    /// </summary>
    /// <exception cref="ArgumentException">The outcome is ok (a bug: there is no problem to answer).</exception>
    public static ProblemHttpResult From(Outcome outcome, int invalidStatus = StatusCodes.Status422UnprocessableEntity)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Kind switch
        {
            OutcomeKind.NotFound => Of(StatusCodes.Status404NotFound, outcome.Code!, outcome.Args),
            OutcomeKind.Invalid when invalidStatus != StatusCodes.Status422UnprocessableEntity =>
                Of(invalidStatus, outcome.Problems[0].Code, outcome.Problems[0].Args, more: new Dictionary<string, object?> { ["problems"] = outcome.Problems }),
            OutcomeKind.Invalid => Invalid(outcome.Problems),
            OutcomeKind.Refused or OutcomeKind.MovedMeanwhile => Of(StatusCodes.Status409Conflict, outcome.Code!, outcome.Args),
            _ => throw new ArgumentException("an ok outcome is not a problem", nameof(outcome)),
        };
    }

    private static string Title(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => ApiCodes.TitleSignIn,
        StatusCodes.Status403Forbidden => ApiCodes.TitleForbidden,
        StatusCodes.Status429TooManyRequests => ApiCodes.TitleTooMany,
        StatusCodes.Status404NotFound => ApiCodes.TitleNotFound,
        StatusCodes.Status409Conflict => ApiCodes.TitleRefused,
        StatusCodes.Status413PayloadTooLarge => ApiCodes.TitleTooLarge,
        StatusCodes.Status415UnsupportedMediaType => ApiCodes.TitleUnsupportedFormat,
        StatusCodes.Status422UnprocessableEntity => ApiCodes.TitleInvalid,
        >= 500 => ApiCodes.TitleFailed,
        _ => ApiCodes.TitleBadRequest,
    };
}
