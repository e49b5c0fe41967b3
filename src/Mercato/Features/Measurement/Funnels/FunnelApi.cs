using Mercato.Core.Measurement.Funnels;

namespace Mercato.Features.Measurement.Funnels;

/// <summary><c>GET /api/v1/measurement/funnel</c>: the same funnel as <c>mercato report funnel</c>.</summary>
public static class FunnelApi
{
    /// <summary>Maps the funnel under the measurement group.</summary>
    public static RouteGroupBuilder MapFunnelApi(this RouteGroupBuilder measurement)
    {
        measurement.MapGet("/funnel", async Task<Results<Ok<FunnelReport>, ProblemHttpResult>> (
                FunnelUseCases funnels, string? steps, string? order, int? withinDays, string? from, string? to, string? by, CancellationToken cancellationToken) =>
            {
                if (!TryWord(order, FunnelOrder.Strict, out var parsedOrder))
                {
                    return ApiProblems.Bad(CommonCodes.NotOneOf, ("value", order), ("expected", FunnelRequest.Orders.ToArray()));
                }

                if (!TryWord(by, FunnelSplit.None, out var split))
                {
                    return ApiProblems.Bad(CommonCodes.NotOneOf, ("value", by), ("expected", FunnelRequest.Splits.ToArray()));
                }

                if (!Periods.TryDay(from, out var fromDay) || !Periods.TryDay(to, out var toDay))
                {
                    return Periods.DaysMalformed();
                }

                return ApiProblems.OkOrBadRequest(await funnels.FunnelAsync(
                    new FunnelRequest(FunnelDefinition.SplitList(steps), parsedOrder, withinDays ?? FunnelDefinition.DefaultWithinDays, fromDay, toDay, split),
                    cancellationToken));
            })
            .WithName("GetFunnel")
            .WithSummary("A funnel of activity events: users per step, conversion, drop-off and time between steps, by channel group or cohort");
        return measurement;
    }

    /// <summary>A word of <typeparamref name="T"/>, or <paramref name="fallback"/> when none is given.</summary>
    internal static bool TryWord<T>(string? text, T fallback, out T value)
        where T : struct, Enum
    {
        value = fallback;
        return string.IsNullOrWhiteSpace(text) || EnumWords.TryParse(text, out value);
    }
}
