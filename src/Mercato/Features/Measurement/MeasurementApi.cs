using System.Globalization;
using Mercato.Core.DataCenter;
using Mercato.Core.Measurement.Attribution;
using Mercato.Storage.Measurement;

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
                description = AttributionModels.Describe(m),
            })))
            .WithName("GetAttributionModels");

        group.MapGet("/attribution", Results<Ok<IDictionary<string, object?>>, ProblemHttpResult> (
                MeasurementService measurement, string? model, int? order, string? from, string? to, string? by, int? lookbackDays, double? halfLifeDays) =>
            {
                if (!AttributionModels.TryParse(model ?? "markov", out var parsed))
                {
                    return UnknownModel(model);
                }

                if (order is < 1 or > 3 || lookbackDays is < 1 || halfLifeDays is <= 0)
                {
                    return ApiProblems.Bad(ApiCodes.AttributionOptionsOutOfRange);
                }

                if (!Periods.TryDay(from, out var fromDay) || !Periods.TryDay(to, out var toDay))
                {
                    return Periods.DaysMalformed();
                }

                if (fromDay is { } f && toDay is { } t && t < f)
                {
                    return ApiProblems.Bad(CommonCodes.EndBeforeStart, ("start", f), ("end", t));
                }

                if (by is not (null or "channel" or "campaign"))
                {
                    return ApiProblems.Bad(CommonCodes.NotOneOf, ("value", by), ("expected", new[] { "channel", "campaign" }));
                }

                var report = measurement.Attribution(new AttributionRequest(parsed, order ?? 1, fromDay, toDay,
                    by == "campaign" ? JourneyLabel.Campaign : JourneyLabel.Channel, lookbackDays ?? 30, halfLifeDays ?? 7));
                return TypedResults.Ok(report.Shape());
            })
            .WithName("GetAttribution")
            .WithSummary("Conversions and revenue credited to channels or campaigns by one model");

        group.MapGet("/roi", Results<Ok<RoiReport>, ProblemHttpResult> (MeasurementService measurement, string? month, string? from, string? to, string? model) =>
            {
                if (!RoiRequest.TryParseModel(model ?? AttributionModels.Name(MeasurementService.DefaultRoiModel), out var parsed, out var incremental))
                {
                    return UnknownModel(model);
                }

                if (!Periods.TryMonth(month ?? from, out var first) || !Periods.TryMonth(month ?? to, out var last))
                {
                    return ApiProblems.Bad(ApiCodes.MonthsMalformed);
                }

                if (first is { } f && last is { } l && l.CompareTo(f) < 0)
                {
                    return ApiProblems.Bad(CommonCodes.EndBeforeStart, ("start", f.ToString()), ("end", l.ToString()));
                }

                return TypedResults.Ok(measurement.Roi(new RoiRequest(first, last, parsed, Incremental: incremental)));
            })
            .WithName("GetRoi")
            .WithSummary("ROI per channel and month: spend, attributed conversions and revenue, product cost, costs, net return, ROI, ROAS, CPA");
        group.MapGet("/lift", (MeasurementService measurement) => TypedResults.Ok(measurement.Lift()))
            .WithName("GetLift")
            .WithSummary("Incremental conversions per channel from the noisy-OR lift model fitted on all journeys");

        group.MapGet("/cohorts", Results<Ok<CohortReport>, ProblemHttpResult> (MeasurementService measurement, string? model) =>
                AttributionModels.TryParse(model ?? AttributionModels.Name(MeasurementService.DefaultRoiModel), out var parsed)
                    ? TypedResults.Ok(measurement.Cohorts(parsed))
                    : UnknownModel(model))
            .WithName("GetCohorts")
            .WithSummary("Acquisition cohorts with LTV per user by month, payback, and guidance per channel");
        return api;
    }

    private static ProblemHttpResult UnknownModel(string? model) =>
        ApiProblems.Bad(CommonCodes.NotOneOf, ("value", model), ("expected", AttributionModels.All.Select(AttributionModels.Name)));
}
