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
                    return Bad($"unknown model '{model}'; use one of: {string.Join(", ", AttributionModels.All.Select(AttributionModels.Name))}");
                }

                if (order is < 1 or > 3 || lookbackDays is < 1 || halfLifeDays is <= 0)
                {
                    return Bad("order must be 1 to 3; lookbackDays and halfLifeDays must be positive");
                }

                if (!Periods.TryDay(from, out var fromDay) || !Periods.TryDay(to, out var toDay))
                {
                    return Bad("from and to are days YYYY-MM-DD from 1900-01-01 to 9998-12-31");
                }

                if (fromDay is { } f && toDay is { } t && t < f)
                {
                    return Bad("to is before from");
                }

                if (by is not (null or "channel" or "campaign"))
                {
                    return Bad("by is channel or campaign");
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
                    return Bad($"unknown model '{model}'");
                }

                if (!Periods.TryMonth(month ?? from, out var first) || !Periods.TryMonth(month ?? to, out var last))
                {
                    return Bad("month, from and to are months, YYYY-MM");
                }

                if (first is { } f && last is { } l && l.CompareTo(f) < 0)
                {
                    return Bad("to is before from");
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
                    : Bad($"unknown model '{model}'"))
            .WithName("GetCohorts")
            .WithSummary("Acquisition cohorts with LTV per user by month, payback, and guidance per channel");
        return api;
    }

    private static ProblemHttpResult Bad(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid measurement request", detail: detail);

}
