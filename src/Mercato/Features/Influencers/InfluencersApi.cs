using Mercato.Core.Influencers;

namespace Mercato.Features.Influencers;

/// <summary><c>/api/v1/influencers</c>: the influencer directory, audits and returns; the same figures as <c>mercato influencers</c>.</summary>
public static partial class InfluencersApi
{
    public static RouteGroupBuilder MapInfluencersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/influencers");
        group.MapGet("/", async Task<Results<Ok<IReadOnlyList<InfluencerEntry>>, ProblemHttpResult>> (
                InfluencerDirectoryUseCases uses, string? platform, string? tier, string? category, string? q, string? sort, CancellationToken cancellationToken) =>
                ApiProblems.OkOrBadRequest(await uses.ListAsync(new InfluencerFilter(platform, tier, category, q, sort), cancellationToken)))
            .WithName("GetInfluencers")
            .WithSummary("The directory with followers (latest snapshot, else declared) and tier: ?platform, tier, category, q (id, name or handle contains), sort (name|followers|tier|platform)");

        group.MapGet("/{id}", async Task<Results<Ok<InfluencerEntry>, ProblemHttpResult>> (
                InfluencerDirectoryUseCases uses, HttpResponse response, string id, CancellationToken cancellationToken) =>
            {
                var found = await uses.GetAsync(id, cancellationToken);
                if (found.Value is not { } entry)
                {
                    return ApiProblems.From(found);
                }

                DocumentVersions.SetETag(response, entry.Version);
                return TypedResults.Ok(entry);
            })
            .WithName("GetInfluencer").WithSummary("One influencer with followers and tier; the ETag is the version a change names in If-Match");

        group.MapPut("/{id}", async Task<Results<Ok<Versioned<Influencer>>, ProblemHttpResult>> (
                InfluencerDirectoryUseCases uses, HttpRequest request, string id, Influencer influencer, CancellationToken cancellationToken) =>
                await DocumentVersions.PutAsync(request, id, influencer.Id, ApiCodes.InfluencerInvalid, version => uses.SaveAsync(influencer with { Id = id }, version, cancellationToken)))
            .WithName("PutInfluencer")
            .WithSummary("Add or replace an influencer, checked against the campaign registry and the directory (a code joins facts to one influencer only); If-Match: 409 moved_meanwhile when it changed since");

        group.MapDelete("/{id}", async Task<Results<NoContent, ProblemHttpResult>> (
                InfluencerDirectoryUseCases uses, HttpRequest request, string id, CancellationToken cancellationToken) =>
                DocumentVersions.IfMatch(request, out var version) is { } bad ? bad : ApiProblems.NoContentOr(await uses.RemoveAsync(id, version, cancellationToken)))
            .WithName("DeleteInfluencer").WithSummary("Remove an influencer from the directory (its facts stay); If-Match optional");
        MapAudits(group);
        return api;
    }
}
