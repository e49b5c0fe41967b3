using Mercato.Core.Campaigns;
using Mercato.Core.Measurement.Attribution;

namespace Mercato.Features.People;

/// <summary>
/// All-staff marketing over HTTP: <c>/api/v1/people/workload</c>, <c>/api/v1/people/leaderboard</c>,
/// <c>/api/v1/people/{id}/links</c> and <c>/api/v1/livestreams</c>; the same figures as <c>mercato people workload</c>,
/// <c>mercato people leaderboard</c>, <c>mercato people links</c> and <c>mercato report livestreams</c>
/// (docs/campaigns.md). Bad days or an unknown model are 400, an unknown person or campaign 404.
/// </summary>
public static class StaffApi
{
    public static RouteGroupBuilder MapStaffApi(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people");
        people.MapGet("/workload", Results<Ok<WorkloadReport>, ProblemHttpResult> (StaffService staff, string? from, string? to) =>
            {
                if (!Periods.TryDay(from, out var first) || !Periods.TryDay(to, out var last))
                {
                    return Periods.DaysMalformed();
                }

                if ((first is null) != (last is null))
                {
                    return ApiProblems.Bad(ApiCodes.BothDaysOrNeither);
                }

                var range = first is { } f && last is { } l ? new DateRange(f, l) : staff.ThisMonth();
                if (!range.IsValid)
                {
                    return ApiProblems.Bad(CommonCodes.EndBeforeStart, ("start", range.Start), ("end", range.End));
                }

                return range.Days > StaffService.MaxWorkloadDays
                    ? ApiProblems.Bad(ApiCodes.RangeTooLong, ("days", range.Days), ("max", StaffService.MaxWorkloadDays))
                    : TypedResults.Ok(staff.Workload(range));
            })
            .WithName("GetWorkload").WithSummary("Who is stretched (more than 2 squads on one day) and who is booked twice, over a range of days (default: this month)");

        people.MapGet("/leaderboard", Results<Ok<LeaderboardReport>, ProblemHttpResult> (StaffService staff, string? from, string? to, string? model) =>
            {
                if (!AttributionModels.TryParse(model ?? AttributionModels.Name(StaffService.DefaultModel), out var parsed))
                {
                    return ApiProblems.Bad(CommonCodes.NotOneOf, ("value", model), ("expected", AttributionModels.All.Select(AttributionModels.Name)));
                }

                if (!Periods.TryDay(from, out var first) || !Periods.TryDay(to, out var last))
                {
                    return Periods.DaysMalformed();
                }

                return first > last ? ApiProblems.Bad(CommonCodes.EndBeforeStart, ("start", first), ("end", last)) : TypedResults.Ok(staff.LeaderboardReport(first, last, parsed));
            })
            .WithName("GetReferralLeaderboard").WithSummary("Referral credit per person and unit, and codes nobody owns, by an attribution model (default linear)");

        people.MapGet("/{id}/links", Results<Ok<PersonLinks>, ProblemHttpResult> (StaffService staff, Storage.Campaigns.CampaignStore store, string id, string? campaign) =>
            {
                if (campaign is not null && store.Campaign(campaign) is null)
                {
                    return ApiProblems.NotFound(CampaignCodes.CampaignNotFound, ("id", campaign));
                }

                return staff.Links(id, campaign) is { } links ? TypedResults.Ok(links) : ApiProblems.NotFound(CampaignCodes.PersonNotFound, ("id", id));
            })
            .WithName("GetPersonLinks").WithSummary("A person's referral codes and their share links for every approved content kit");

        api.MapGet("/livestreams", Results<Ok<LiveStreamReport>, ProblemHttpResult> (StaffService staff, string? from, string? to) =>
            {
                if (!Periods.TryDay(from, out var first) || !Periods.TryDay(to, out var last))
                {
                    return Periods.DaysMalformed();
                }

                return first > last ? ApiProblems.Bad(CommonCodes.EndBeforeStart, ("start", first), ("end", last)) : TypedResults.Ok(staff.LiveStreams(first, last));
            })
            .WithName("GetLiveStreams").WithSummary("Live-stream sessions with hours, viewer-hours, GMV per viewer-hour, order conversion and follower gain, and the host leaderboard");

        return api;
    }
}
