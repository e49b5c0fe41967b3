using Mercato.Core.Measurement;
using Mercato.Core.Measurement.Attribution;

namespace Mercato.Features.Measurement;

/// <summary><c>/api/v1/measurement</c>: attribution, ROI and the model catalog; the same figures as <c>mercato report</c>.</summary>
public static class MeasurementApi
{
    public static RouteGroupBuilder MapMeasurementApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/measurement");
        group.MapGet("/models", () => TypedResults.Ok(AttributionModels.All.Select(m => new
            {
                name = AttributionModels.Name(m),
                description = MeasurementWords.Description(m),
            })))
            .WithName("GetAttributionModels");

        group.MapGet("/attribution", async Task<Results<Ok<IDictionary<string, object?>>, ProblemHttpResult>> (
                MeasurementUseCases measurement, string? model, int? order, string? from, string? to, string? by, int? lookbackDays, double? halfLifeDays,
                bool? includeInvalidClicks, CancellationToken cancellationToken) =>
            {
                if (!AttributionModels.TryParse(model ?? "markov", out var parsed))
                {
                    return UnknownModel(model);
                }

                if (!Periods.TryDay(from, out var fromDay) || !Periods.TryDay(to, out var toDay))
                {
                    return Periods.DaysMalformed();
                }

                if (by is not (null or "channel" or "campaign"))
                {
                    return ApiProblems.Bad(CommonCodes.NotOneOf, ("value", by), ("expected", new[] { "channel", "campaign" }));
                }

                var report = await measurement.AttributionAsync(new AttributionRequest(parsed, order ?? 1, fromDay, toDay,
                    by == "campaign" ? JourneyLabel.Campaign : JourneyLabel.Channel, lookbackDays ?? 30, halfLifeDays ?? 7, includeInvalidClicks ?? false), cancellationToken);
                return report.Value is { } r ? TypedResults.Ok(r.Shape()) : ApiProblems.From(report, StatusCodes.Status400BadRequest);
            })
            .WithName("GetAttribution")
            .WithSummary("Conversions and revenue credited to channels or campaigns by one model");

        group.MapGet("/roi", async Task<Results<Ok<RoiReport>, ProblemHttpResult>> (
                MeasurementUseCases measurement, string? month, string? from, string? to, string? model, bool? includeInvalidClicks, CancellationToken cancellationToken) =>
            {
                if (!RoiRequest.TryParseModel(model ?? AttributionModels.Name(MeasurementUseCases.DefaultRoiModel), out var parsed, out var incremental))
                {
                    return UnknownModel(model);
                }

                if (!Periods.TryMonth(month ?? from, out var first) || !Periods.TryMonth(month ?? to, out var last))
                {
                    return ApiProblems.Bad(ApiCodes.MonthsMalformed);
                }

                var report = await measurement.RoiAsync(new RoiRequest(first, last, parsed, Incremental: incremental, IncludeInvalidClicks: includeInvalidClicks ?? false), cancellationToken);
                return report.Value is { } r ? TypedResults.Ok(r) : ApiProblems.From(report, StatusCodes.Status400BadRequest);
            })
            .WithName("GetRoi")
            .WithSummary("ROI per channel and month: spend, attributed conversions and revenue, product cost, costs, net return, ROI, ROAS, CPA");
        group.MapGet("/lift", async (MeasurementUseCases measurement, CancellationToken cancellationToken) => TypedResults.Ok(await measurement.LiftAsync(cancellationToken)))
            .WithName("GetLift")
            .WithSummary("Incremental conversions per channel from the noisy-OR lift model fitted on all journeys");

        group.MapGet("/cohorts", async Task<Results<Ok<CohortReport>, ProblemHttpResult>> (MeasurementUseCases measurement, string? model, CancellationToken cancellationToken) =>
                AttributionModels.TryParse(model ?? AttributionModels.Name(MeasurementUseCases.DefaultRoiModel), out var parsed)
                    ? TypedResults.Ok(await measurement.CohortsAsync(cancellationToken, parsed))
                    : UnknownModel(model))
            .WithName("GetCohorts")
            .WithSummary("Acquisition cohorts with LTV per user by month, payback, and guidance per channel");
        Funnels.FunnelApi.MapFunnelApi(group);
        return api;
    }

    private static ProblemHttpResult UnknownModel(string? model) =>
        ApiProblems.Bad(CommonCodes.NotOneOf, ("value", model), ("expected", AttributionModels.All.Select(AttributionModels.Name)));
}
