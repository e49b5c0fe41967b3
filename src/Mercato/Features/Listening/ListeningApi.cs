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
            .WithSummary("Score a JSON array of texts (?lang=en|zh|auto, default auto): one {language, score, label, pos, neu, neg} per text, in order; English by VADER, Chinese by Mercato's lexicon and rules over jieba's words; 422 for a body that is not an array of strings");

        group.MapGet("/summary", async Task<Results<Ok<ListeningSummary>, ProblemHttpResult>> (
                MentionUseCases uses, string? from, string? to, CancellationToken cancellationToken) =>
                !Periods.TryDay(from, out var first) || !Periods.TryDay(to, out var last)
                    ? Periods.DaysMalformed()
                    : ApiProblems.OkOrBadRequest(await uses.SummaryAsync(first, last, cancellationToken)))
            .WithName("GetListeningSummary")
            .WithSummary("Mentions of a window (?from&to, default the 30 days ending on the newest mention's day): totals by label, days, watched terms, share of voice, sources, languages and spikes");

        group.MapGet("/mentions", async Task<Results<Ok<MentionListShape>, ProblemHttpResult>> (
                MentionUseCases uses, string? from, string? to, string? source, string? label, string? term, string? q, int? limit, int? offset,
                CancellationToken cancellationToken) =>
            {
                if (!Periods.TryDay(from, out var first) || !Periods.TryDay(to, out var last))
                {
                    return Periods.DaysMalformed();
                }

                var found = await uses.ListAsync(new MentionFilter(first, last, source, label, term, q, limit ?? 50, offset ?? 0), cancellationToken);
                return found.Value is { } list ? TypedResults.Ok(MentionListShape.Of(list)) : ApiProblems.From(found, StatusCodes.Status400BadRequest);
            })
            .WithName("GetMentions")
            .WithSummary("The mention stream, newest first: ?from&to, source, label (positive|negative|neutral|not_scored), term, q (text contains), limit (1..500, default 50), offset");

        group.MapGet("/terms", async Task<Results<Ok<TopTermsReport>, ProblemHttpResult>> (
                MentionUseCases uses, string? from, string? to, int? top, CancellationToken cancellationToken) =>
                !Periods.TryDay(from, out var first) || !Periods.TryDay(to, out var last)
                    ? Periods.DaysMalformed()
                    : ApiProblems.OkOrBadRequest(await uses.TermsAsync(first, last, top ?? 15, cancellationToken)))
            .WithName("GetListeningTerms")
            .WithSummary("Top words of a window: overall by count and per week by tf-idf (?from&to, top 1..100, default 15)");

        group.MapPost("/rescore", async (MentionUseCases uses, CancellationToken cancellationToken) =>
                TypedResults.Ok(await uses.RescoreAsync(cancellationToken)))
            .WithName("PostListeningRescore")
            .WithSummary("Read every stored mention again with the current models and watch list; one batch of the mentions kind records it");
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
