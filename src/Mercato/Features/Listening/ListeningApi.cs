using System.Text.Json;
using Mercato.Core.Listening;

namespace Mercato.Features.Listening;

/// <summary><c>/api/v1/listening</c>: public opinion; the same figures as <c>mercato listening</c>.</summary>
public static class ListeningApi
{
    public static RouteGroupBuilder MapListeningApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/listening");
        group.MapGet("/watch", async (WatchListUseCases uses, HttpResponse response, CancellationToken cancellationToken) =>
            {
                var list = await uses.GetAsync(cancellationToken);
                DocumentVersions.SetETag(response, list.Version);
                return TypedResults.Ok(new { version = list.Version, terms = list.Value.Terms });
            })
            .WithName("GetWatchList").WithSummary("The watch list (the default risk terms at version 0 until one is saved); ETag: the version");

        group.MapPut("/watch", async Task<Results<Ok<WatchList>, ProblemHttpResult>> (WatchListUseCases uses, HttpRequest request, WatchList body, CancellationToken cancellationToken) =>
                DocumentVersions.IfMatch(request, out var version) is { } bad ? bad : ApiProblems.OkOr(await uses.SaveAsync(body, version, cancellationToken)))
            .WithName("PutWatchList").WithSummary("Replace the watch list ({terms:[{term,kind,aliases}]}); 422 for a blank, long or duplicated spelling; If-Match: the version read");

        group.MapPost("/score", async Task<Results<Ok<IReadOnlyList<ListeningScore>>, ProblemHttpResult>> (
                ListeningUseCases listening, HttpRequest request, string? lang, CancellationToken cancellationToken) =>
            {
                if (await ReadTextsAsync(request, cancellationToken) is not { } texts)
                {
                    return ApiProblems.Of(StatusCodes.Status422UnprocessableEntity, ListeningCodes.BodyNotTexts);
                }

                var scored = listening.Score(texts, lang);
                if (scored.Value is not { } sentiments)
                {
                    return ApiProblems.From(scored, StatusCodes.Status400BadRequest);
                }

                return TypedResults.Ok<IReadOnlyList<ListeningScore>>([.. sentiments.Select(ListeningScore.From)]);
            })
            .Accepts<string[]>("application/json")
            .WithName("PostListeningScore")
            .WithSummary("Score a JSON array of texts (?lang=en|zh|auto, default auto): one {language, score, label, pos, neu, neg} per text, in order; English by VADER, Chinese not scored yet; 422 for a body that is not an array of strings");
        return api;
    }

    /// <summary>The body as texts, or null when it is not a JSON array of strings.</summary>
    private static async Task<List<string>?> ReadTextsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var texts = new List<string>(document.RootElement.GetArrayLength());
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return null;
                }

                texts.Add(item.GetString()!);
            }

            return texts;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
