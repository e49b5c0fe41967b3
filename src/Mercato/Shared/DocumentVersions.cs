using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Mercato.Shared;

/// <summary>
/// How the API carries a document's version: a GET answers it as a strong <c>ETag</c> (<c>"7"</c>); a PUT, DELETE or
/// action sends it back in <c>If-Match</c> and is answered 409 <c>moved_meanwhile</c> when the document changed since.
/// Without <c>If-Match</c> the write applies to whatever version is stored (last writer wins, as before versions).
/// </summary>
public static class DocumentVersions
{
    /// <summary>The version in the request's <c>If-Match</c>: null when absent or <c>*</c>; false when it is not a version this API gave.</summary>
    public static bool TryIfMatch(HttpRequest request, out long? version)
    {
        ArgumentNullException.ThrowIfNull(request);
        version = null;
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return true;
        }

        if (header.StartsWith("W/", StringComparison.Ordinal))
        {
            header = header[2..];
        }

        if (long.TryParse(header.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
        {
            version = parsed;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Reads <c>If-Match</c>: the version, or a 400 problem (<see cref="ApiCodes.BadIfMatch"/>) when the header is not one.
    /// </summary>
    public static ProblemHttpResult? IfMatch(HttpRequest request, out long? version) =>
        TryIfMatch(request, out version) ? null : ApiProblems.Bad(ApiCodes.BadIfMatch, ("value", request.Headers.IfMatch.ToString()));

    /// <summary>Sets the response's <c>ETag</c> to <paramref name="version"/>.</summary>
    public static void SetETag(HttpResponse response, long version)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers[HeaderNames.ETag] = "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";
    }

    /// <summary>
    /// A <c>PUT</c> of a document at <paramref name="id"/>: 400 for an <c>If-Match</c> that is not a version, 422 when the
    /// body names another id, else <paramref name="save"/> with the version asked for; its invalid outcome is 422 titled
    /// <paramref name="invalidTitle"/>, any other problem as <paramref name="problem"/> answers it (by default
    /// <see cref="ApiProblems.From"/>).
    /// </summary>
    public static async Task<Results<Ok<T>, ProblemHttpResult>> PutAsync<T>(
        HttpRequest request, string id, string? bodyId, string invalidTitle, Func<long?, Task<Outcome<T>>> save, Func<Outcome<T>, ProblemHttpResult>? problem = null)
    {
        ArgumentNullException.ThrowIfNull(save);
        if (IfMatch(request, out var version) is { } badVersion)
        {
            return badVersion;
        }

        if (!string.IsNullOrEmpty(bodyId) && bodyId != id)
        {
            return ApiProblems.Invalid([Problem.Of("id", ApiCodes.IdMismatch, ("body", bodyId), ("address", id))]);
        }

        var saved = await save(version).ConfigureAwait(false);
        return saved switch
        {
            { Value: { } stored } => TypedResults.Ok(stored),
            { Kind: OutcomeKind.Invalid } => ApiProblems.Invalid(saved.Problems, invalidTitle, ("id", id)),
            _ => problem is null ? ApiProblems.From(saved) : problem(saved),
        };
    }

    /// <summary>200 with a versioned document's value and its <c>ETag</c>, or the outcome's problem.</summary>
    public static Results<Ok<T>, ProblemHttpResult> OkWithETag<T>(Outcome<Versioned<T>> outcome, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Value is not { } versioned)
        {
            return ApiProblems.From(outcome);
        }

        SetETag(response, versioned.Version);
        return TypedResults.Ok(versioned.Value);
    }
}
