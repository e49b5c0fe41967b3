namespace Mercato.Features.Ads;

/// <summary><c>/api/v1/ads</c>: ad monitoring; the same figures as <c>mercato ads</c>.</summary>
public static class AdsApi
{
    public static RouteGroupBuilder MapAdsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/ads");
        group.MapGet("/pacing", async Task<Results<Ok<PacingReport>, ProblemHttpResult>> (AdUseCases ads, string? through, bool? all, CancellationToken cancellationToken) =>
                !Periods.TryDay(through, out var day)
                    ? Periods.DaysMalformed()
                    : TypedResults.Ok(await ads.PacingAsync(day, all ?? false, cancellationToken)))
            .WithName("GetAdPacing")
            .WithSummary("Budget pacing through ?through=YYYY-MM-DD (default: yesterday or the last day with data): the campaigns in flight, or ?all=true every campaign with a media budget that has started");
        return api;
    }
}
