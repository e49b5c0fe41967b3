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
                var query = AuditUseCases.ParseText(from, to, user, collection, limit, before);
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
}

/// <summary>A page of the audit log.</summary>
/// <param name="Entries">The entries, newest first.</param>
/// <param name="NextBefore">The <c>before</c> of the next (older) page, or null when this page is not full.</param>
public sealed record AuditListing(IReadOnlyList<AuditEntry> Entries, long? NextBefore);
