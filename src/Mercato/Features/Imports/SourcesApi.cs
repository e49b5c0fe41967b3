using Mercato.Storage.DataCenter;

namespace Mercato.Features.Imports;

/// <summary><c>/api/v1/sources</c> and <c>/api/v1/batches</c>: what the data center holds and how it got there.</summary>
public static class SourcesApi
{
    public static RouteGroupBuilder MapSourcesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/sources", (DataCenterQueries queries) => TypedResults.Ok(queries.Sources()))
            .WithName("GetSources")
            .WithSummary("Per data kind: rows held, first and last date, last import (what `mercato sources --format json` prints)");

        api.MapGet("/batches", (DataCenterQueries queries, int? limit, string? kind) =>
                TypedResults.Ok(queries.Batches(Math.Clamp(limit ?? 50, 1, 1000), kind)))
            .WithName("GetBatches")
            .WithSummary("Import history, newest first, with each batch's counts and first errors");

        api.MapGet("/batches/{id:long}", Results<Ok<BatchInfo>, ProblemHttpResult> (DataCenterQueries queries, long id) =>
                queries.Batch(id) is { } batch
                    ? TypedResults.Ok(batch)
                    : ApiProblems.NotFound(ApiCodes.BatchNotFound, ("id", id)))
            .WithName("GetBatch");
        return api;
    }
}
