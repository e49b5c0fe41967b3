using Mercato.Core.Campaigns;

namespace Mercato.Features.Campaigns;

/// <summary>
/// <c>/api/v1/campaigns</c>: campaigns, their squads, the activity lifecycle, evaluations, budgets and the brand board; the
/// same as <c>mercato campaigns</c> (docs/campaigns.md), through <see cref="CampaignUseCases"/>. The acting person of every
/// change is the server's configured actor. A refused move or removal is 409 with the refusal's <c>code</c>; invalid input is
/// 422 with every problem and changes nothing. <c>GET /campaigns/{id}</c> answers the campaign's version as an <c>ETag</c>;
/// a PUT, DELETE or action sent with it in <c>If-Match</c> (and an action with <c>?from=STAGE</c>, the stage it was asked
/// from) is 409 <c>moved_meanwhile</c> when the campaign changed since.
/// </summary>
public static class CampaignsApi
{
    public static RouteGroupBuilder MapCampaignsApi(this RouteGroupBuilder api)
    {
        var campaigns = api.MapGroup("/campaigns");
        campaigns.MapGet("/", async (CampaignUseCases uses, CancellationToken cancellationToken) =>
                TypedResults.Ok(new CampaignsReply(await uses.ListAsync(cancellationToken))))
            .WithName("GetCampaigns").WithSummary("Every campaign");

        campaigns.MapGet("/export", async (CampaignUseCases uses, CancellationToken cancellationToken) => TypedResults.Ok(await uses.ExportAsync(cancellationToken)))
            .WithName("ExportCampaigns").WithSummary("People, squads and campaigns as one bundle, as `mercato campaigns export` writes it");

        campaigns.MapPut("/import", async Task<Results<Ok<ImportedReply>, ProblemHttpResult>> (CampaignUseCases uses, CampaignBundle bundle, CancellationToken cancellationToken) =>
            {
                var imported = await uses.ImportAsync(bundle, cancellationToken);
                return imported switch
                {
                    { Value: { } b } => TypedResults.Ok(new ImportedReply(b.People.Count, b.Squads.Count, b.Campaigns.Count)),
                    { Kind: OutcomeKind.Invalid } => ApiProblems.Invalid(imported.Problems, ApiCodes.BundleNotImported),
                    _ => ApiProblems.From(imported),
                };
            })
            .WithName("ImportCampaigns").WithSummary("Add or replace people, squads and campaigns from a bundle; nothing changes unless all of it is valid; campaigns new to the workspace are marked as restored");

        campaigns.MapGet("/brand", async Task<Results<Ok<BrandReport>, ProblemHttpResult>> (CampaignUseCases uses, string? from, string? to, CancellationToken cancellationToken) =>
            {
                if (!Periods.TryDay(from, out var first) || !Periods.TryDay(to, out var last))
                {
                    return Periods.DaysMalformed();
                }

                var board = await uses.BrandBoardAsync(first, last, cancellationToken);
                return board.IsOk ? TypedResults.Ok(board.Value!) : ApiProblems.From(board, StatusCodes.Status400BadRequest);
            })
            .WithName("GetBrandBoard").WithSummary("The 9+1 brand cycle board: each step's state, campaigns and evidence over from..to (default the last 12 months of data), the cycles completed");

        campaigns.MapGet("/{id}", async Task<Results<Ok<Campaign>, ProblemHttpResult>> (CampaignUseCases uses, HttpResponse response, string id, CancellationToken cancellationToken) =>
                DocumentVersions.OkWithETag(await uses.GetAsync(id, cancellationToken), response))
            .WithName("GetCampaign").WithSummary("One campaign; its version in the ETag");

        campaigns.MapPut("/{id}", async Task<Results<Ok<Campaign>, ProblemHttpResult>> (
                CampaignUseCases uses, HttpRequest request, string id, Campaign campaign, CancellationToken cancellationToken) =>
                await DocumentVersions.PutAsync(
                    request, id, campaign.Id, ApiCodes.CampaignInvalid, version => uses.SaveAsync(campaign with { Id = id }, mustBeNew: false, version, cancellationToken),
                    // A changed history is a conflict with the lifecycle, as a changed stage is: the code says which rule, the reason what changed.
                    saved => saved.Code == CampaignCodes.TransitionsAreHistory
                        ? ApiProblems.Conflict(CampaignCodes.StageChangesThroughLifecycle, new Message(CampaignCodes.TransitionsAreHistory, saved.Args))
                        : ApiProblems.From(saved)))
            .WithName("PutCampaign").WithSummary("Create a campaign (in planning) or replace one; its stage, history and approvals change only through the lifecycle (409); an edited approved kit goes back to draft; If-Match: the version read");

        campaigns.MapDelete("/{id}", async Task<Results<NoContent, ProblemHttpResult>> (CampaignUseCases uses, HttpRequest request, string id, CancellationToken cancellationToken) =>
                DocumentVersions.IfMatch(request, out var version) is { } badVersion
                    ? badVersion
                    : ApiProblems.NoContentOr(await uses.RemoveAsync(id, version, cancellationToken)))
            .WithName("DeleteCampaign").WithSummary("Remove a campaign still in planning and take it off its squads; 409 campaign_has_history once it has left planning; If-Match: the version read");

        campaigns.MapPost("/{id}/advance", async Task<Results<Ok<Campaign>, ProblemHttpResult>> (
                CampaignUseCases uses, HttpRequest request, string id, string? from, ActionBody? body, CancellationToken cancellationToken) =>
                Expected(request, from, out var stage, out var version) ?? ApiProblems.OkOr(await uses.AdvanceAsync(id, body?.Note, stage, version, cancellationToken)))
            .WithName("AdvanceCampaign").WithSummary("Move a campaign to its next stage; 409 with the refusal's code and reason when a gate is closed; ?from=STAGE and If-Match: 409 moved_meanwhile when it moved since");

        campaigns.MapPost("/{id}/stage/{stage}", async Task<Results<Ok<Campaign>, ProblemHttpResult>> (
                CampaignUseCases uses, HttpRequest request, string id, string stage, string? from, ActionBody? body, CancellationToken cancellationToken) =>
            {
                if (!EnumWords.TryParse<CampaignStage>(stage, out var target))
                {
                    return NotAStage(stage);
                }

                return Expected(request, from, out var expected, out var version)
                    ?? ApiProblems.OkOr(await uses.MoveAsync(id, target, body?.Note, expected, version, cancellationToken));
            })
            .WithName("MoveCampaign").WithSummary("Move a campaign to a named stage: one forward through its gate, one back with a note, or cancelled with the reason as note; ?from=STAGE and If-Match as advance");

        campaigns.MapPost("/{id}/approve-budget", async Task<Results<Ok<Campaign>, ProblemHttpResult>> (
                CampaignUseCases uses, HttpRequest request, string id, string? from, ActionBody? body, CancellationToken cancellationToken) =>
                Expected(request, from, out var stage, out var version) ?? ApiProblems.OkOr(await uses.ApproveBudgetAsync(id, body?.Note, stage, version, cancellationToken)))
            .WithName("ApproveCampaignBudget").WithSummary("Record the approval of the campaign's planned budget by the acting person; ?from=STAGE and If-Match as advance");

        campaigns.MapPost("/{id}/approve-kit", async Task<Results<Ok<Campaign>, ProblemHttpResult>> (
                CampaignUseCases uses, HttpRequest request, string id, string? from, CancellationToken cancellationToken) =>
                Expected(request, from, out var stage, out var version) ?? ApiProblems.OkOr(await uses.ApproveKitAsync(id, stage, version, cancellationToken)))
            .WithName("ApproveCampaignKit").WithSummary("Record the approval of the campaign's content kit by the acting person; 409 empty_kit when it has no messages or links; ?from=STAGE and If-Match as advance");

        campaigns.MapGet("/{id}/evaluation", async Task<Results<Ok<CampaignEvaluationResult>, ProblemHttpResult>> (
                CampaignUseCases uses, string id, string? baseline, string? model, CancellationToken cancellationToken) =>
            {
                if (!CampaignUseCases.TryParseRange(baseline, out var range))
                {
                    return ApiProblems.Bad(ApiCodes.BaselineMalformed);
                }

                if (!CampaignUseCases.TryParseModel(model, out var parsed))
                {
                    return ApiProblems.Bad(CommonCodes.NotOneOf, ("value", model), ("expected", CampaignUseCases.ModelNames));
                }

                var evaluation = await uses.EvaluateAsync(id, range, parsed, cancellationToken);
                return evaluation.IsOk ? TypedResults.Ok(evaluation.Value!) : ApiProblems.From(evaluation, StatusCodes.Status400BadRequest);
            })
            .WithName("GetCampaignEvaluation").WithSummary("The campaign's evaluation (report and notes); baseline=FROM..TO, model=an attribution model (default markov)");

        campaigns.MapGet("/{id}/budget", async Task<Results<Ok<BudgetCheck>, ProblemHttpResult>> (CampaignUseCases uses, string id, CancellationToken cancellationToken) =>
                ApiProblems.OkOr(await uses.BudgetCheckAsync(id, cancellationToken)))
            .WithName("GetCampaignBudget").WithSummary("Budget lines planned against actual (media spend carrying the campaign's codes in its schedule), with overrun warnings");

        campaigns.MapPut("/{id}/squad", async Task<Results<Ok<Squad>, ProblemHttpResult>> (
                CampaignUseCases uses, string id, SquadAttachment attach, CancellationToken cancellationToken) =>
            {
                var attached = await uses.AttachSquadAsync(id, attach.Squad, attach.Name, attach.Lead, attach.Members ?? [], null, cancellationToken);
                return attached.Kind == OutcomeKind.Invalid
                    ? ApiProblems.Invalid(attached.Problems, ApiCodes.SquadInvalid, ("id", attach.Squad))
                    : ApiProblems.OkOr(attached);
            })
            .WithName("AttachCampaignSquad").WithSummary("Attach a squad as `mercato campaigns squad` does: the lead and members replace the squad's members; a new squad is time-boxed to the campaign, an existing one widened to cover it");

        campaigns.MapDelete("/{id}/squad/{squad}", async Task<Results<Ok<Squad>, ProblemHttpResult>> (CampaignUseCases uses, string id, string squad, CancellationToken cancellationToken) =>
            {
                var detached = await uses.DetachSquadAsync(id, squad, null, cancellationToken);
                return detached is { Code: CampaignCodes.SquadDetachRefused } && CampaignsArea.DetachReason(detached) is { } reason
                    ? ApiProblems.Conflict(CampaignCodes.SquadDetachRefused, reason)
                    : ApiProblems.OkOr(detached);
            })
            .WithName("DetachCampaignSquad").WithSummary("Take a squad off a campaign (it keeps its members and other campaigns); 409 squad_detach_refused with the reason for a closed campaign or the last squad with a lead of one past planning");

        return api;
    }

    /// <summary>Why, for the lifecycle operations; optional. The acting person is the server's configured actor.</summary>
    public sealed record ActionBody(string? Note = null);

    /// <summary>A squad to attach: its id, the lead, other members with their roles, and a name for a new squad.</summary>
    public sealed record SquadAttachment(string Squad, string Lead, IReadOnlyList<SquadMember>? Members = null, string? Name = null);

    public sealed record CampaignsReply(IReadOnlyList<Campaign> Campaigns);

    public sealed record ImportedReply(int People, int Squads, int Campaigns);

    /// <summary>
    /// What an action expects: the stage in <c>?from=</c> and the version in <c>If-Match</c> (each optional); a 400 when
    /// either is not one.
    /// </summary>
    private static ProblemHttpResult? Expected(HttpRequest request, string? from, out CampaignStage? stage, out long? version)
    {
        stage = null;
        if (DocumentVersions.IfMatch(request, out version) is { } badVersion)
        {
            return badVersion;
        }

        if (string.IsNullOrEmpty(from))
        {
            return null;
        }

        if (!EnumWords.TryParse<CampaignStage>(from, out var parsed))
        {
            return NotAStage(from);
        }

        stage = parsed;
        return null;
    }

    private static ProblemHttpResult NotAStage(string value) =>
        ApiProblems.Bad(CommonCodes.NotOneOf, ("value", value), ("expected", EnumWords.All<CampaignStage>()));
}
