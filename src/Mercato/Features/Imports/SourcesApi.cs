namespace Mercato.Features.Imports;

/// <summary><c>/api/v1/sources</c> and <c>/api/v1/batches</c>: what the data center holds and how it got there.</summary>
public static class SourcesApi
{
    public static RouteGroupBuilder MapSourcesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/sources", async (ImportUseCases imports, CancellationToken cancellationToken) => TypedResults.Ok(await imports.SourcesAsync(cancellationToken)))
            .WithName("GetSources")
            .WithSummary("Per data kind: rows held, first and last date, last import (what `mercato sources --format json` prints)");

        api.MapGet("/batches", async (ImportUseCases imports, int? limit, string? kind, CancellationToken cancellationToken) =>
                TypedResults.Ok(await imports.BatchesAsync(limit ?? 50, kind, cancellationToken)))
            .WithName("GetBatches")
            .WithSummary("Import history, newest first, with each batch's counts and first errors");

        api.MapGet("/batches/{id:long}", async Task<Results<Ok<Mercato.Core.DataCenter.BatchInfo>, ProblemHttpResult>> (ImportUseCases imports, long id, CancellationToken cancellationToken) =>
                ApiProblems.OkOr(await imports.BatchAsync(id, cancellationToken)))
            .WithName("GetBatch");
        return api;
    }
}
