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
        group.MapGet("/anomalies", async Task<Results<Ok<DeliveryReport>, ProblemHttpResult>> (AdUseCases ads, string? from, string? to, CancellationToken cancellationToken) =>
                !Periods.TryDay(from, out var first) || !Periods.TryDay(to, out var last)
                    ? Periods.DaysMalformed()
                    : ApiProblems.OkOrBadRequest(await ads.AnomaliesAsync(first, last, cancellationToken)))
            .WithName("GetAdAnomalies")
            .WithSummary("Delivery anomalies per channel and campaign (spend, impressions, clicks, CPM, CPC, CTR, ...) over ?from&to (default: the 63 days ending yesterday or on the last day with data)");
        group.MapGet("/invalid", async Task<Results<Ok<InvalidTrafficView>, ProblemHttpResult>> (
                InvalidTrafficUseCases uses, string? from, string? to, string? by, CancellationToken cancellationToken) =>
                !Periods.TryDay(from, out var first) || !Periods.TryDay(to, out var last)
                    ? Periods.DaysMalformed()
                    : ApiProblems.OkOrBadRequest(await uses.SummaryAsync(first, last, by, cancellationToken)))
            .WithName("GetInvalidTraffic")
            .WithSummary("Invalid traffic of the stored click log over ?from&to (default: the 7 days ending on the last day with clicks; at most 31), ?by=channel|campaign|placement");
        group.MapGet("/health", async Task<Results<Ok<ChannelHealthReport>, ProblemHttpResult>> (
                ChannelHealthUseCases health, string? from, string? to, string? channel, CancellationToken cancellationToken) =>
                !Periods.TryDay(from, out var first) || !Periods.TryDay(to, out var last)
                    ? Periods.DaysMalformed()
                    : ApiProblems.OkOrBadRequest(await health.HealthAsync(first, last, channel, cancellationToken)))
            .WithName("GetChannelHealth")
            .WithSummary("Channel health per day over ?from&to (default: the 30 days ending yesterday or on the last day with data; at most 92), ?channel= for one: spend, CPC, CTR, CVR, invalid share (null where the click log has no click), delivery anomalies");

        group.MapGet("/claims", async Task<IResult> (InvalidTrafficUseCases uses, string? from, string? to, string? channel, CancellationToken cancellationToken) =>
            {
                if (!Periods.TryDay(from, out var first) || !Periods.TryDay(to, out var last))
                {
                    return Periods.DaysMalformed();
                }

                using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
                var written = await uses.ClaimsAsync(first, last, channel, text, cancellationToken);
                return written.IsOk
                    ? Results.Text(text.ToString(), "text/csv; charset=utf-8")
                    : ApiProblems.From(written, StatusCodes.Status400BadRequest);
            })
            .WithName("GetInvalidTrafficClaims")
            .WithSummary("The claim list as CSV: every flagged click of ?from&to (?channel= for one channel) with the rules that flagged it");
        return api;
    }
}
