using Mercato.Core.Campaigns;
using Mercato.Core.Measurement.Attribution;

namespace Mercato.Features.People;

/// <summary>
/// The people directory, the squads and all-staff marketing over HTTP: <c>/api/v1/people</c> and <c>/api/v1/squads</c>
/// (read, add or replace, remove), <c>/api/v1/people/workload</c>, <c>/api/v1/people/leaderboard</c>,
/// <c>/api/v1/people/{id}/links</c> and <c>/api/v1/livestreams</c>; the same as <c>mercato people</c> and
/// <c>mercato report livestreams</c> (docs/campaigns.md), through <see cref="PeopleUseCases"/>. A GET of one person or
/// squad answers its version as the <c>ETag</c>; a PUT or DELETE that sends it back in <c>If-Match</c> is 409
/// <c>moved_meanwhile</c> when the document changed since. Invalid input is 422 with every problem and changes nothing; a
/// refused removal or change (a person a squad counts, the one squad-change rule) is 409 with the refusal's code. Bad days
/// or an unknown model are 400, an unknown person, squad or campaign 404.
/// </summary>
public static class StaffApi
{
    /// <summary>The people directory.</summary>
    public sealed record PeopleReply(IReadOnlyList<Person> People);

    /// <summary>The squads.</summary>
    public sealed record SquadsReply(IReadOnlyList<Squad> Squads);

    public static RouteGroupBuilder MapStaffApi(this RouteGroupBuilder api)
    {
        // One group per resource: the directory's CRUD and the staff figures below share the /people prefix.
        var people = api.MapGroup("/people");
        people.MapGet("/", async (PeopleUseCases uses, CancellationToken cancellationToken) =>
                TypedResults.Ok(new PeopleReply(await uses.PeopleAsync(cancellationToken))))
            .WithName("GetPeople").WithSummary("The people directory");

        people.MapGet("/{id}", async Task<Results<Ok<Person>, ProblemHttpResult>> (PeopleUseCases uses, HttpResponse response, string id, CancellationToken cancellationToken) =>
                DocumentVersions.OkWithETag(await uses.PersonAsync(id, cancellationToken), response))
            .WithName("GetPerson").WithSummary("One person; the ETag is the version a change names in If-Match");

        people.MapPut("/{id}", async Task<Results<Ok<Person>, ProblemHttpResult>> (
                PeopleUseCases uses, HttpRequest request, string id, Person person, CancellationToken cancellationToken) =>
                await DocumentVersions.PutAsync(request, id, person.Id, ApiCodes.PersonInvalid, version => uses.SavePersonAsync(person with { Id = id }, mustBeNew: false, version, cancellationToken)))
            .WithName("PutPerson")
            .WithSummary("Add or replace a person, validated with the whole directory and the structure's units; If-Match: 409 moved_meanwhile when it changed since");

        people.MapDelete("/{id}", async Task<Results<NoContent, ProblemHttpResult>> (
                PeopleUseCases uses, HttpRequest request, string id, CancellationToken cancellationToken) =>
            {
                if (DocumentVersions.IfMatch(request, out var version) is { } badVersion)
                {
                    return badVersion;
                }

                return ApiProblems.NoContentOr(await uses.RemovePersonAsync(id, version, cancellationToken));
            })
            .WithName("DeletePerson").WithSummary("Remove a person from the directory; 409 person_in_squad while a squad counts them as a member");

        people.MapGet("/workload", async Task<Results<Ok<WorkloadReport>, ProblemHttpResult>> (
                PeopleUseCases uses, string? from, string? to, CancellationToken cancellationToken) =>
            {
                if (!Periods.TryDay(from, out var first) || !Periods.TryDay(to, out var last))
                {
                    return Periods.DaysMalformed();
                }

                return ApiProblems.OkOrBadRequest(await uses.WorkloadAsync(first, last, cancellationToken));
            })
            .WithName("GetWorkload").WithSummary("Who is stretched (more than 2 squads on one day) and who is booked twice, over a range of days (default: this month)");

        people.MapGet("/leaderboard", async Task<Results<Ok<LeaderboardReport>, ProblemHttpResult>> (
                PeopleUseCases uses, string? from, string? to, string? model, CancellationToken cancellationToken) =>
            {
                if (!AttributionModels.TryParse(model ?? AttributionModels.Name(PeopleUseCases.DefaultModel), out var parsed))
                {
                    return ApiProblems.Bad(CommonCodes.NotOneOf, ("value", model), ("expected", AttributionModels.All.Select(AttributionModels.Name)));
                }

                if (!Periods.TryDay(from, out var first) || !Periods.TryDay(to, out var last))
                {
                    return Periods.DaysMalformed();
                }

                return ApiProblems.OkOrBadRequest(await uses.LeaderboardReportAsync(first, last, parsed, cancellationToken));
            })
            .WithName("GetReferralLeaderboard").WithSummary("Referral credit per person and unit, and codes nobody owns, by an attribution model (default linear)");

        people.MapGet("/{id}/links", async Task<Results<Ok<PersonLinks>, ProblemHttpResult>> (
                PeopleUseCases uses, string id, string? campaign, CancellationToken cancellationToken) =>
                ApiProblems.OkOr(await uses.LinksAsync(id, campaign, cancellationToken)))
            .WithName("GetPersonLinks").WithSummary("A person's referral codes and their share links for every approved content kit");

        var squads = api.MapGroup("/squads");
        squads.MapGet("/", async (PeopleUseCases uses, CancellationToken cancellationToken) =>
                TypedResults.Ok(new SquadsReply(await uses.SquadsAsync(cancellationToken))))
            .WithName("GetSquads").WithSummary("The squads: members with roles, time box, campaigns");

        squads.MapGet("/{id}", async Task<Results<Ok<Squad>, ProblemHttpResult>> (PeopleUseCases uses, HttpResponse response, string id, CancellationToken cancellationToken) =>
                DocumentVersions.OkWithETag(await uses.SquadAsync(id, cancellationToken), response))
            .WithName("GetSquad").WithSummary("One squad: members with roles, time box, campaigns; the ETag is the version a change names in If-Match");

        squads.MapPut("/{id}", async Task<Results<Ok<Squad>, ProblemHttpResult>> (
                PeopleUseCases uses, HttpRequest request, string id, Squad squad, CancellationToken cancellationToken) =>
                await DocumentVersions.PutAsync(request, id, squad.Id, ApiCodes.SquadInvalid, version => uses.SaveSquadAsync(squad with { Id = id }, version, cancellationToken)))
            .WithName("PutSquad")
            .WithSummary("Add or replace a squad: its members stored people (one role each), its campaigns stored campaigns, its time box not backwards; "
                + "409 when the change leaves a campaign past planning without a squad with a lead or takes the squad off a closed or cancelled campaign");

        squads.MapDelete("/{id}", async Task<Results<NoContent, ProblemHttpResult>> (
                PeopleUseCases uses, HttpRequest request, string id, CancellationToken cancellationToken) =>
            {
                if (DocumentVersions.IfMatch(request, out var version) is { } badVersion)
                {
                    return badVersion;
                }

                return ApiProblems.NoContentOr(await uses.RemoveSquadAsync(id, version, cancellationToken));
            })
            .WithName("DeleteSquad")
            .WithSummary("Remove a squad (it leaves the campaigns it works on; its people stay); 409 when it is the last squad with a lead of a campaign past planning or part of a closed or cancelled campaign's record");

        api.MapGet("/livestreams", async Task<Results<Ok<LiveStreamReport>, ProblemHttpResult>> (
                PeopleUseCases uses, string? from, string? to, CancellationToken cancellationToken) =>
            {
                if (!Periods.TryDay(from, out var first) || !Periods.TryDay(to, out var last))
                {
                    return Periods.DaysMalformed();
                }

                return ApiProblems.OkOrBadRequest(await uses.LiveStreamsAsync(first, last, cancellationToken));
            })
            .WithName("GetLiveStreams").WithSummary("Live-stream sessions with hours, viewer-hours, GMV per viewer-hour, order conversion and follower gain, and the host leaderboard");

        return api;
    }
}
