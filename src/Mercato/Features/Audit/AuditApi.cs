using System.Globalization;
using Mercato.Core.Access;

namespace Mercato.Features.Audit;

/// <summary><c>/api/v1/audit</c>: the audit log, newest first; the same entries as <c>mercato audit --format json</c>.</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", async Task<Results<Ok<AuditListing>, ProblemHttpResult>> (
                AuditUseCases audit, string? from, string? to, string? user, string? collection, string? limit, string? before, CancellationToken cancellationToken) =>
            {
                if (!TryNumber(limit, out var count))
                {
                    return ApiProblems.Bad(AuditCodes.LimitOutOfRange, ("value", limit), ("max", AuditUseCases.MaxLimit));
                }

                if (!TryNumber(before, out var beforeId))
                {
                    return ApiProblems.Bad(AuditCodes.BeforeNotAnId, ("value", before));
                }

                var query = AuditUseCases.Parse(from, to, user, collection, count is { } c ? (int)Math.Clamp(c, int.MinValue, int.MaxValue) : (int?)null, beforeId);
                if (query.Value is not { } q)
                {
                    return ApiProblems.From(query, StatusCodes.Status400BadRequest);
                }

                var entries = await audit.QueryAsync(q, cancellationToken);
                return TypedResults.Ok(new AuditListing(entries, entries.Count == q.Limit ? entries[^1].Id : null));
            })
            .WithName("GetAudit")
            .WithSummary("The audit log, newest first (admins and executives): from and to a day (UTC; to included) or an ISO 8601 time, user, collection, "
                + "limit 1-10000 (default 200), before an entry's id for the next page (nextBefore); 400 for a bad filter");
        return api;
    }

    private static bool TryNumber(string? text, out long? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var ok = long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed);
        value = ok ? parsed : null;
        return ok;
    }
}

/// <summary>A page of the audit log.</summary>
/// <param name="Entries">The entries, newest first.</param>
/// <param name="NextBefore">The <c>before</c> of the next (older) page, or null when this page is not full.</param>
public sealed record AuditListing(IReadOnlyList<AuditEntry> Entries, long? NextBefore);
