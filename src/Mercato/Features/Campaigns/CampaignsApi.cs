using Mercato.Core.Campaigns;
using Mercato.Storage.Campaigns;

namespace Mercato.Features.Campaigns;

/// <summary>
/// <c>/api/v1/people</c>, <c>/api/v1/campaigns</c> and <c>/api/v1/squads</c>: the people directory, campaigns, their squads
/// and the activity lifecycle; the same as <c>mercato people</c> and <c>mercato campaigns</c> (docs/campaigns.md). A refused
/// lifecycle move is 409 with the refusal's <c>code</c>; invalid input is 422 with every problem and changes nothing. A refused
/// removal (a person a squad counts, a campaign that has left planning) is 409 and changes nothing.
/// </summary>
public static class CampaignsApi
{
    /// <summary>Who acts when the body names no one.</summary>
    public const string DefaultActor = "api";

    public static RouteGroupBuilder MapCampaignsApi(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people");
        people.MapGet("/", (CampaignStore store) => TypedResults.Ok(new PeopleReply(store.People())))
            .WithName("GetPeople").WithSummary("The people directory");
        people.MapGet("/{id}", Results<Ok<Person>, ProblemHttpResult> (CampaignStore store, string id) =>
                store.Person(id) is { } person ? TypedResults.Ok(person) : NoPerson(id))
            .WithName("GetPerson");
        people.MapPut("/{id}", Results<Ok<Person>, ProblemHttpResult> (CampaignStore store, string id, Person person) =>
            {
                if (IdMismatch(id, person.Id) is { } mismatch)
                {
                    return mismatch;
                }

                person = person with { Id = id };
                var saved = store.SavePerson(person);
                return saved.Saved ? TypedResults.Ok(person) : ApiProblems.Invalid(saved.Problems, ApiCodes.PersonInvalid, ("id", id));
            })
            .WithName("PutPerson").WithSummary("Add or replace a person, validated with the whole directory and the structure's units");
        people.MapDelete("/{id}", Results<NoContent, ProblemHttpResult> (CampaignStore store, string id) =>
            {
                if (store.Person(id) is null)
                {
                    return NoPerson(id);
                }

                var deleted = store.DeletePerson(id);
                if (deleted.Saved)
                {
                    return TypedResults.NoContent();
                }

                return store.Person(id) is null ? NoPerson(id) : ApiProblems.Conflict(CampaignCodes.PersonInSquad, deleted.Problems[0]);
            })
            .WithName("DeletePerson").WithSummary("Remove a person from the directory; 409 person_in_squad while a squad counts them as a member");

        var squads = api.MapGroup("/squads");
        squads.MapGet("/", (CampaignStore store) => TypedResults.Ok(new SquadsReply(store.Squads())))
            .WithName("GetSquads").WithSummary("The squads: members with roles, time box, campaigns");
        squads.MapGet("/{id}", Results<Ok<Squad>, ProblemHttpResult> (CampaignStore store, string id) =>
                store.Squad(id) is { } squad ? TypedResults.Ok(squad) : NoSquad(id))
            .WithName("GetSquad").WithSummary("One squad: members with roles, time box, campaigns");
        squads.MapPut("/{id}", Results<Ok<Squad>, ProblemHttpResult> (CampaignStore store, string id, Squad squad) =>
            {
                if (IdMismatch(id, squad.Id) is { } mismatch)
                {
                    return mismatch;
                }

                if (PeopleValidation.Nulls(squad) is { Count: > 0 } nulls)
                {
                    return ApiProblems.Invalid(nulls, ApiCodes.SquadInvalid, ("id", id));
                }

                squad = squad with { Id = id };
                var all = store.Squads();
                if (Mercato.Core.Campaigns.SquadAttachment.LeadRefusal(all, Mercato.Core.Campaigns.SquadAttachment.Replace(all, id, squad), store.Campaigns()) is { } lead)
                {
                    return ApiProblems.Conflict(lead);
                }

                var saved = store.SaveSquad(squad);
                return saved.Saved ? TypedResults.Ok(squad) : ApiProblems.Invalid(saved.Problems, ApiCodes.SquadInvalid, ("id", id));
            })
            .WithName("PutSquad").WithSummary("Add or replace a squad: its members stored people (one role each), its campaigns stored campaigns, its time box not backwards; 409 when the change leaves a campaign past planning without a squad with a lead");
        squads.MapDelete("/{id}", Results<NoContent, ProblemHttpResult> (CampaignStore store, string id) =>
            {
                var all = store.Squads();
                if (Mercato.Core.Campaigns.SquadAttachment.LeadRefusal(all, Mercato.Core.Campaigns.SquadAttachment.Replace(all, id, null), store.Campaigns()) is { } lead)
                {
                    return ApiProblems.Conflict(lead);
                }

                return store.DeleteSquad(id).Saved ? TypedResults.NoContent() : NoSquad(id);
            })
            .WithName("DeleteSquad").WithSummary("Remove a squad; its people and campaigns stay; 409 when it is the last squad with a lead of a campaign past planning");

        var campaigns = api.MapGroup("/campaigns");
        campaigns.MapGet("/", (CampaignStore store) => TypedResults.Ok(new CampaignsReply(store.Campaigns())))
            .WithName("GetCampaigns").WithSummary("Every campaign");

        campaigns.MapGet("/export", (CampaignStore store) => TypedResults.Ok(store.Export()))
            .WithName("ExportCampaigns").WithSummary("People, squads and campaigns as one bundle, as `mercato campaigns export` writes it");

        campaigns.MapPut("/import", Results<Ok<ImportedReply>, ProblemHttpResult> (CampaignStore store, CampaignBundle bundle) =>
            {
                var saved = store.Import(bundle);
                return saved.Saved
                    ? TypedResults.Ok(new ImportedReply(bundle.People?.Count ?? 0, bundle.Squads?.Count ?? 0, bundle.Campaigns?.Count ?? 0))
                    : ApiProblems.Invalid(saved.Problems, ApiCodes.BundleNotImported);
            })
            .WithName("ImportCampaigns").WithSummary("Add or replace people, squads and campaigns from a bundle; nothing changes unless all of it is valid");

        campaigns.MapGet("/brand", Results<Ok<BrandReport>, ProblemHttpResult> (CampaignService service, string? from, string? to) =>
            {
                if (!Periods.TryDay(from, out var first) || !Periods.TryDay(to, out var last))
                {
                    return Periods.DaysMalformed();
                }

                var window = service.BrandWindow(first, last);
                return window.IsValid ? TypedResults.Ok(service.BrandBoard(window))
                    : ApiProblems.Bad(CommonCodes.EndBeforeStart, ("start", window.Start), ("end", window.End));
            })
            .WithName("GetBrandBoard").WithSummary("The 9+1 brand cycle board: each step's state, campaigns and evidence over from..to (default the last 12 months of data), the cycles completed");

        campaigns.MapGet("/{id}", Results<Ok<Campaign>, ProblemHttpResult> (CampaignStore store, string id) =>
                store.Campaign(id) is { } campaign ? TypedResults.Ok(campaign) : NoCampaign(id))
            .WithName("GetCampaign");

        campaigns.MapPut("/{id}", Results<Ok<Campaign>, ProblemHttpResult> (CampaignStore store, string id, Campaign campaign) =>
            {
                if (IdMismatch(id, campaign.Id) is { } mismatch)
                {
                    return mismatch;
                }

                campaign = campaign with { Id = id };
                var stored = store.Campaign(id);
                if (LifecycleOnly(stored, campaign) is { } conflict)
                {
                    return conflict;
                }

                if (CampaignValidation.Nulls(campaign) is { Count: > 0 } nulls)
                {
                    return ApiProblems.Invalid(nulls, ApiCodes.CampaignInvalid, ("id", id));
                }

                campaign = KitBackToDraftWhenEdited(stored, campaign);

                var saved = store.SaveCampaign(campaign);
                if (saved.Saved)
                {
                    return TypedResults.Ok(campaign);
                }

                // The store refuses a changed stage or history on its own: that is a conflict with the lifecycle, not bad input.
                return saved.Problems is [{ Path: "stage" or "transitions" } only]
                    ? ApiProblems.Conflict(CampaignCodes.StageChangesThroughLifecycle, only)
                    : ApiProblems.Invalid(saved.Problems, ApiCodes.CampaignInvalid, ("id", id));
            })
            .WithName("PutCampaign").WithSummary("Create a campaign (in planning) or replace one; its stage, history and budget approval change only through the lifecycle (409)");

        campaigns.MapDelete("/{id}", Results<NoContent, ProblemHttpResult> (CampaignStore store, string id) =>
            {
                var deleted = store.DeleteCampaign(id);
                return deleted switch
                {
                    { Saved: true } => TypedResults.NoContent(),
                    { Problems: [{ Path: "stage" } refusal] } => ApiProblems.Conflict(CampaignCodes.CampaignHasHistory, refusal),
                    _ => NoCampaign(id),
                };
            })
            .WithName("DeleteCampaign").WithSummary("Remove a campaign still in planning and take it off its squads; 409 campaign_has_history once it has left planning");

        campaigns.MapPost("/{id}/advance", Results<Ok<Campaign>, ProblemHttpResult> (CampaignStore store, TimeProvider time, string id, ActionBody? body) =>
                Outcome(id, store.Advance(id, Actor(body), time.GetUtcNow(), body?.Note)))
            .WithName("AdvanceCampaign").WithSummary("Move a campaign to its next stage; 409 with the refusal's code and reason when a gate is closed");

        campaigns.MapPost("/{id}/stage/{stage}", Results<Ok<Campaign>, ProblemHttpResult> (CampaignStore store, TimeProvider time, string id, string stage, ActionBody? body) =>
            {
                if (!EnumWords.TryParse<CampaignStage>(stage, out var target))
                {
                    return ApiProblems.Bad(CommonCodes.NotOneOf, ("value", stage), ("expected", EnumWords.All<CampaignStage>()));
                }

                return Outcome(id, store.MoveTo(id, target, Actor(body), time.GetUtcNow(), body?.Note));
            })
            .WithName("MoveCampaign").WithSummary("Move a campaign to a named stage: one forward through its gate, one back with a note, or cancelled with the reason as note");

        campaigns.MapPost("/{id}/approve-budget", Results<Ok<Campaign>, ProblemHttpResult> (CampaignStore store, TimeProvider time, string id, ActionBody? body) =>
                Outcome(id, store.ApproveBudget(id, Actor(body), time.GetUtcNow(), body?.Note)))
            .WithName("ApproveCampaignBudget").WithSummary("Record the approval of the campaign's planned budget");

        campaigns.MapPost("/{id}/approve-kit", Results<Ok<Campaign>, ProblemHttpResult> (CampaignStore store, TimeProvider time, string id, ActionBody? body) =>
                Outcome(id, store.ApproveKit(id, Actor(body), time.GetUtcNow())))
            .WithName("ApproveCampaignKit").WithSummary("Record the approval of the campaign's content kit; 409 empty_kit when it has no messages or links");

        campaigns.MapGet("/{id}/evaluation", Results<Ok<CampaignEvaluationResult>, ProblemHttpResult> (CampaignService service, string id, string? baseline, string? model) =>
            {
                if (!CampaignService.TryParseRange(baseline, out var range))
                {
                    return ApiProblems.Bad(ApiCodes.BaselineMalformed);
                }

                if (!CampaignService.TryParseModel(model, out var parsed))
                {
                    return ApiProblems.Bad(CommonCodes.NotOneOf, ("value", model), ("expected", CampaignService.ModelNames));
                }

                if (service.Campaigns.Campaign(id) is null)
                {
                    return NoCampaign(id);
                }

                if (service.CheckBaseline(id, range) is { Count: > 0 } problems)
                {
                    return ApiProblems.Of(StatusCodes.Status400BadRequest, problems[0].Code, problems[0].Args,
                        more: new Dictionary<string, object?> { ["problems"] = problems });
                }

                return TypedResults.Ok(service.Evaluate(id, range, parsed)!);
            })
            .WithName("GetCampaignEvaluation").WithSummary("The campaign's evaluation (report and notes); baseline=FROM..TO, model=an attribution model (default markov)");

        campaigns.MapGet("/{id}/budget", Results<Ok<BudgetCheck>, ProblemHttpResult> (CampaignService service, string id) =>
                service.Campaigns.Campaign(id) is { } campaign ? TypedResults.Ok(service.BudgetCheck(campaign)) : NoCampaign(id))
            .WithName("GetCampaignBudget").WithSummary("Budget lines planned against actual (media spend carrying the campaign's codes in its schedule), with overrun warnings");

        campaigns.MapPut("/{id}/squad", Results<Ok<Squad>, ProblemHttpResult> (CampaignStore store, string id, SquadAttachment attach) =>
            {
                if (store.Campaign(id) is not { } campaign)
                {
                    return NoCampaign(id);
                }

                if (string.IsNullOrWhiteSpace(attach.Squad) || string.IsNullOrWhiteSpace(attach.Lead))
                {
                    return ApiProblems.Invalid(
                        [.. new[] { ("squad", attach.Squad), ("lead", attach.Lead) }.Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => new Problem(p.Item1, CommonCodes.Required))],
                        ApiCodes.CampaignInvalid, ("id", id));
                }

                var squad = Mercato.Core.Campaigns.SquadAttachment.Attach(store.Squad(attach.Squad), attach.Squad, attach.Name, attach.Lead, attach.Members ?? [], campaign);
                var saved = store.SaveSquad(squad);
                return saved.Saved ? TypedResults.Ok(squad) : ApiProblems.Invalid(saved.Problems, ApiCodes.SquadInvalid, ("id", attach.Squad));
            })
            .WithName("AttachCampaignSquad").WithSummary("Attach a squad as `mercato campaigns squad` does: the lead and members replace the squad's members; a new squad is time-boxed to the campaign, an existing one widened to cover it");

        campaigns.MapDelete("/{id}/squad/{squad}", Results<Ok<Squad>, ProblemHttpResult> (CampaignStore store, string id, string squad) =>
            {
                if (store.Campaign(id) is not { } campaign)
                {
                    return NoCampaign(id);
                }

                if (store.Squad(squad) is not { } stored)
                {
                    return NoSquad(squad);
                }

                var (detached, refusal) = Mercato.Core.Campaigns.SquadAttachment.Detach(stored, campaign, store.Squads());
                if (refusal is not null)
                {
                    return ApiProblems.Conflict(CampaignCodes.SquadDetachRefused, refusal);
                }

                var saved = store.SaveSquad(detached!);
                return saved.Saved ? TypedResults.Ok(detached!) : ApiProblems.Invalid(saved.Problems, ApiCodes.SquadInvalid, ("id", squad));
            })
            .WithName("DetachCampaignSquad").WithSummary("Take a squad off a campaign (it keeps its members and other campaigns); 409 for a closed campaign or the last squad with a lead of one past planning");

        return api;
    }

    /// <summary>Who acts and why, for the lifecycle operations; both optional (the actor defaults to "api").</summary>
    public sealed record ActionBody(string? Actor = null, string? Note = null);

    /// <summary>A squad to attach: its id, the lead, other members with their roles, and a name for a new squad.</summary>
    public sealed record SquadAttachment(string Squad, string Lead, IReadOnlyList<SquadMember>? Members = null, string? Name = null);

    public sealed record PeopleReply(IReadOnlyList<Person> People);

    public sealed record SquadsReply(IReadOnlyList<Squad> Squads);

    public sealed record CampaignsReply(IReadOnlyList<Campaign> Campaigns);

    public sealed record ImportedReply(int People, int Squads, int Campaigns);

    private static string Actor(ActionBody? body) => body?.Actor ?? DefaultActor;

    private static Results<Ok<Campaign>, ProblemHttpResult> Outcome(string id, LifecycleOutcome? outcome) =>
        outcome?.ToOutcome() switch
        {
            null => NoCampaign(id),
            { IsOk: true, Value: { } campaign } => TypedResults.Ok(campaign),
            var refused => ApiProblems.From(refused),
        };

    /// <summary>A stage, history or budget approval that PUT would change: those move only through the lifecycle.</summary>
    private static ProblemHttpResult? LifecycleOnly(Campaign? stored, Campaign campaign)
    {
        var stage = stored?.Stage ?? CampaignStage.Planning;
        if (campaign.Stage != stage)
        {
            return ApiProblems.Conflict(Message.Of(CampaignCodes.StageChangesThroughLifecycle, ("id", campaign.Id), ("stage", EnumWords.Word(stage))));
        }

        if (!(stored?.Transitions ?? []).SequenceEqual(campaign.Transitions))
        {
            return ApiProblems.Conflict(CampaignCodes.StageChangesThroughLifecycle, Message.Of(CampaignCodes.TransitionsAreHistory, ("id", campaign.Id)));
        }

        if (stored?.BudgetApproval != campaign.BudgetApproval)
        {
            return ApiProblems.Conflict(Message.Of(CampaignCodes.BudgetApprovalThroughLifecycle, ("id", campaign.Id)));
        }

        var storedKit = stored?.Kit ?? ContentKit.Empty;
        return campaign.Kit.ApprovedBy != storedKit.ApprovedBy || campaign.Kit.ApprovedAt != storedKit.ApprovedAt
            ? ApiProblems.Conflict(Message.Of(CampaignCodes.KitApprovalThroughLifecycle, ("id", campaign.Id)))
            : null;
    }

    /// <summary>An approved kit whose messages or links change goes back to draft: what staff share must be what was approved.</summary>
    private static Campaign KitBackToDraftWhenEdited(Campaign? stored, Campaign campaign) =>
        stored is { Kit.IsApproved: true } && campaign.Kit.IsApproved
        && (!stored.Kit.Messages.SequenceEqual(campaign.Kit.Messages, StringComparer.Ordinal) || !stored.Kit.Links.SequenceEqual(campaign.Kit.Links))
            ? campaign with { Kit = campaign.Kit with { ApprovedBy = null, ApprovedAt = null } }
            : campaign;

    private static ProblemHttpResult? IdMismatch(string id, string? bodyId) =>
        string.IsNullOrEmpty(bodyId) || bodyId == id
            ? null
            : ApiProblems.Invalid([Problem.Of("id", ApiCodes.IdMismatch, ("body", bodyId), ("address", id))]);

    private static ProblemHttpResult NoPerson(string id) => ApiProblems.NotFound(CampaignCodes.PersonNotFound, ("id", id));

    private static ProblemHttpResult NoCampaign(string id) => ApiProblems.NotFound(CampaignCodes.CampaignNotFound, ("id", id));

    private static ProblemHttpResult NoSquad(string id) => ApiProblems.NotFound(CampaignCodes.SquadNotFound, ("id", id));
}
