using Mercato.Core.Campaigns;
using Mercato.Core.Mix;

namespace Mercato.Features.Mix;

/// <summary>
/// <c>/api/v1/mix/plans</c>: budget plans from a proposal to its review, as <c>mercato mix plans</c>. Every step answers
/// 409 with the rule's code when refused, and takes <c>If-Match</c> (the version read) to refuse a plan changed since.
/// </summary>
public static class MixPlansApi
{
    public static RouteGroupBuilder MapMixPlansApi(this RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/mix/plans");
        plans.MapGet("", async (MixPlanUseCases uses, CancellationToken cancellationToken) => TypedResults.Ok(MixShapes.Book(await uses.ListAsync(cancellationToken))))
            .WithName("GetMixPlans").WithSummary("Every budget plan, newest period first, and the accuracy of past forecasts");

        plans.MapGet("/{id}", async Task<Results<Ok<object>, ProblemHttpResult>> (MixPlanUseCases uses, HttpResponse response, string id, CancellationToken cancellationToken) =>
            {
                var found = await uses.GetAsync(id, cancellationToken);
                if (found.Value is not { } v)
                {
                    return ApiProblems.From(found);
                }

                DocumentVersions.SetETag(response, v.Version);
                return TypedResults.Ok(MixShapes.Plan(v));
            })
            .WithName("GetMixPlan").WithSummary("One plan with its version (also the ETag)");

        plans.MapPost("", async Task<Results<Created<object>, ProblemHttpResult>> (MixPlanUseCases uses, MixBudgetBody body, CancellationToken cancellationToken) =>
            {
                if (MixApi.Parse(body.Outcome, body.Adstock, body.Saturation, body.HoldoutWeeks, body.Replicates, body.Seed) is not { } parsed
                    || !EnumWords.TryParse<MixObjective>(body.Objective ?? "revenue", out var objective))
                {
                    return MixApi.BadWords();
                }

                if (body.Owner is not { Length: > 0 } owner)
                {
                    return ApiProblems.Bad(MixCliCodes.PlanNeedsOwner);
                }

                var saved = await uses.DraftAsync(
                    parsed.Outcome, parsed.Options, body.Budget, body.Period ?? "4", body.Bounds ?? [], body.MaxChange ?? 0.3, objective, body.Margin, body.Title, owner, cancellationToken);
                return saved.Value is { } plan
                    ? TypedResults.Created("/api/v1/mix/plans/" + plan.Id, (object)new { version = 1L, plan })
                    : ApiProblems.From(saved);
            })
            .WithName("PostMixPlan").WithSummary("Fit, propose and save the proposal as a draft plan for the period (the optimize body plus title and owner)");

        plans.MapPost("/{id}/approve", async Task<Results<Ok<MixPlan>, ProblemHttpResult>> (
                MixPlanUseCases uses, HttpRequest request, string id, MixApprovalBody body, CancellationToken cancellationToken) =>
                DocumentVersions.IfMatch(request, out var version) is { } bad
                    ? bad
                    : ApiProblems.OkOr(await uses.ApproveAsync(id, body.Person ?? "", body.Note, version, cancellationToken)))
            .WithName("ApproveMixPlan").WithSummary("Approve a draft as a person of the directory who heads the owning unit or a unit above it; 409 mix_plan_not_budget_owner names who can");

        plans.MapPost("/{id}/start", async Task<Results<Ok<MixPlan>, ProblemHttpResult>> (MixPlanUseCases uses, HttpRequest request, string id, CancellationToken cancellationToken) =>
                DocumentVersions.IfMatch(request, out var version) is { } bad ? bad : ApiProblems.OkOr(await uses.StartAsync(id, version, cancellationToken)))
            .WithName("StartMixPlan").WithSummary("Put an approved plan in effect; 409 mix_plan_not_started before its first day");

        plans.MapPost("/{id}/review", async Task<Results<Ok<MixPlan>, ProblemHttpResult>> (MixPlanUseCases uses, HttpRequest request, string id, CancellationToken cancellationToken) =>
                DocumentVersions.IfMatch(request, out var version) is { } bad ? bad : ApiProblems.OkOr(await uses.ReviewAsync(id, version, cancellationToken)))
            .WithName("ReviewMixPlan").WithSummary("Review a plan in effect once its period is over and its data in: forecast against actual per channel, the model refitted");

        plans.MapDelete("/{id}", async Task<Results<NoContent, ProblemHttpResult>> (MixPlanUseCases uses, HttpRequest request, string id, CancellationToken cancellationToken) =>
                DocumentVersions.IfMatch(request, out var version) is { } bad ? bad : ApiProblems.NoContentOr(await uses.RemoveAsync(id, version, cancellationToken)))
            .WithName("DeleteMixPlan").WithSummary("Remove a draft; 409 mix_plan_wrong_status otherwise");

        plans.MapPost("/{id}/campaigns", async Task<Results<Ok<Campaign>, ProblemHttpResult>> (
                MixPlanUseCases uses, string id, MixToCampaignBody body, CancellationToken cancellationToken) =>
                ApiProblems.OkOr(await uses.ToCampaignAsync(id, body.Campaign ?? "", body.Channels ?? [], body.Share ?? 1, cancellationToken)))
            .WithName("MixPlanToCampaign").WithSummary("Fund a campaign with channel budget lines from an approved plan (a share of it, some channels): its own lines stay, this plan's earlier lines are replaced; the campaign's rules apply");
        return api;
    }
}

/// <summary>The body of an approval.</summary>
/// <param name="Person">The approver's person id.</param>
/// <param name="Note">What they say.</param>
public sealed record MixApprovalBody(string Person, string? Note = null);

/// <summary>The body of a plan put on a campaign.</summary>
/// <param name="Campaign">The campaign's id.</param>
/// <param name="Channels">Only these channels (default: all with planned spend).</param>
/// <param name="Share">The share of the plan's amounts (default 1).</param>
public sealed record MixToCampaignBody(string Campaign, IReadOnlyList<string>? Channels = null, double? Share = null);
