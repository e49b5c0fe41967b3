using System.Globalization;
using Mercato.Core.Anomalies;

namespace Mercato.Features.Anomalies;

/// <summary>A point of <c>POST /api/v1/anomalies</c>: its time (YYYY-MM-DD or ISO 8601) and value.</summary>
/// <param name="Time">YYYY-MM-DD or an ISO 8601 date and time.</param>
/// <param name="Value">The value.</param>
public sealed record AnomalyPointBody(string? Time, double Value);

/// <summary>The body of <c>POST /api/v1/anomalies</c>: the series and the settings (defaults as the CLI's).</summary>
/// <param name="Period">hour or day (default: the spacing of the first two points).</param>
/// <param name="Points">The points, in any order, one an hour or a day without gaps.</param>
/// <param name="Threshold">Robust standard deviations that make a point anomalous (3.5).</param>
/// <param name="MinChange">Smallest difference from the expected value (5).</param>
/// <param name="MinVolume">Smallest value of an upward anomaly (10).</param>
public sealed record AnomalyBody(string? Period, IReadOnlyList<AnomalyPointBody>? Points, double? Threshold, double? MinChange, double? MinVolume);

/// <summary><c>/api/v1/anomalies</c>: the same detector and JSON as <c>mercato anomalies</c>.</summary>
public static class AnomaliesApi
{
    public static RouteGroupBuilder MapAnomaliesApi(this RouteGroupBuilder api)
    {
        api.MapPost("/anomalies", Results<Ok<object>, ProblemHttpResult> (AnomalyBody body) =>
            {
                AnomalyPeriod? period = body.Period switch { "hour" => AnomalyPeriod.Hour, "day" => AnomalyPeriod.Day, _ => null };
                if (period is null && body.Period is not null)
                {
                    return ApiProblems.Bad(AnomalyUseCaseCodes.BadPeriod, ("value", body.Period));
                }

                var problems = new List<Problem>();
                var points = new List<TimedPoint>();
                var given = body.Points ?? [];
                for (var i = 0; i < given.Count; i++)
                {
                    var where = string.Create(CultureInfo.InvariantCulture, $"points[{i}].time");
                    if (given[i] is { Time: { } text } point && AnomalyUseCases.TryParseTime(text, out var time, out var dateOnly))
                    {
                        points.Add(new TimedPoint(time, point.Value, where, dateOnly));
                    }
                    else
                    {
                        problems.Add(Problem.Of(where, AnomalyUseCaseCodes.BadTime, ("value", given[i]?.Time)));
                    }
                }

                var defaults = new AnomalyOptions();
                var options = new AnomalyOptions
                {
                    Threshold = body.Threshold ?? defaults.Threshold,
                    MinChange = body.MinChange ?? defaults.MinChange,
                    MinVolume = body.MinVolume ?? defaults.MinVolume,
                };
                var outcome = problems.Count > 0 ? Outcome<AnomalyResult>.Invalid(problems) : AnomalyUseCases.Detect(points, period, options);
                return outcome.Value is { } found ? TypedResults.Ok(AnomalyShapes.Of(found)) : ApiProblems.From(outcome, StatusCodes.Status422UnprocessableEntity);
            })
            .WithName("PostAnomalies")
            .WithSummary("Spikes and drops in a regular series ({period, points:[{time, value}], threshold?, minChange?, minVolume?}); 422 with every problem of the series");
        return api;
    }
}
