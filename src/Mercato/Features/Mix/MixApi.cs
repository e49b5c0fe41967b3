using Mercato.Core.Mix;

namespace Mercato.Features.Mix;

/// <summary><c>/api/v1/mix</c>: the workspace's mix model and budget proposals; the same figures as <c>mercato mix</c>.</summary>
public static class MixApi
{
    public static RouteGroupBuilder MapMixApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/mix");
        group.MapGet("/fit", async Task<Results<Ok<object>, ProblemHttpResult>> (
                MixUseCases mix, string? outcome, string? adstock, string? saturation, int? holdoutWeeks, int? replicates, int? seed, CancellationToken cancellationToken) =>
            {
                if (Parse(outcome, adstock, saturation, holdoutWeeks, replicates, seed) is not { } parsed)
                {
                    return BadWords();
                }

                var report = await mix.FitWorkspaceAsync(parsed.Outcome, parsed.Options, cancellationToken);
                return report.Value is { } r ? TypedResults.Ok(MixShapes.Fit(r)) : ApiProblems.From(report, StatusCodes.Status422UnprocessableEntity);
            })
            .WithName("GetMixFit")
            .WithSummary("The workspace's marketing mix model: per channel contribution, ROI and marginal ROI with 90% intervals, and the fit's quality");

        group.MapPost("/optimize", async Task<Results<Ok<object>, ProblemHttpResult>> (
                MixUseCases mix, MixBudgetBody body, CancellationToken cancellationToken) =>
            {
                var (_, proposal, problem) = await ProposeAsync(mix, body, cancellationToken);
                return problem is null ? TypedResults.Ok(MixShapes.Proposal(proposal!)) : problem;
            })
            .WithName("PostMixOptimize")
            .WithSummary("A budget proposal per channel within guard rails, against keeping the current split");

        group.MapGet("/events", async (MixUseCases mix, CancellationToken cancellationToken) => TypedResults.Ok(new { events = await mix.EventsAsync(cancellationToken) }))
            .WithName("GetMixEvents").WithSummary("The workspace's own events, fitted as controls beside Spring Festival, 618 and Double 11");

        group.MapPost("/events", async Task<Results<Ok<MixEvent>, ProblemHttpResult>> (MixUseCases mix, MixEvent body, CancellationToken cancellationToken) =>
                ApiProblems.OkOr(await mix.AddEventAsync(body, cancellationToken)))
            .WithName("PostMixEvent").WithSummary("Add an occurrence of an event ({name, first, last}); the same name and first day replaces it; 422 for a bad name or dates");

        group.MapDelete("/events/{name}", async Task<Results<NoContent, ProblemHttpResult>> (MixUseCases mix, string name, DateOnly? first, CancellationToken cancellationToken) =>
                ApiProblems.NoContentOr(await mix.RemoveEventAsync(name, first, cancellationToken)))
            .WithName("DeleteMixEvent").WithSummary("Remove every occurrence of an event, or only the one starting on ?first=YYYY-MM-DD");
        return api;
    }

    /// <summary>The workspace fit and the proposal a budget body asks for, or the problem that stops them.</summary>
    internal static async Task<(MixReport? Report, MixProposal? Proposal, ProblemHttpResult? Problem)> ProposeAsync(MixUseCases mix, MixBudgetBody body, CancellationToken cancellationToken)
    {
        if (Parse(body.Outcome, body.Adstock, body.Saturation, body.HoldoutWeeks, body.Replicates, body.Seed) is not { } parsed
            || !EnumWords.TryParse<MixObjective>(body.Objective ?? "revenue", out var objective))
        {
            return (null, null, BadWords());
        }

        var report = await mix.FitWorkspaceAsync(parsed.Outcome, parsed.Options, cancellationToken);
        if (report.Value is not { } r)
        {
            return (null, null, ApiProblems.From(report, StatusCodes.Status422UnprocessableEntity));
        }

        var proposal = await mix.ProposeAsync(r, body.Budget, body.Period ?? "4", body.Bounds ?? [], body.MaxChange ?? 0.3, objective, body.Margin, cancellationToken);
        return proposal.Value is { } p ? (r, p, null) : (null, null, ApiProblems.From(proposal, StatusCodes.Status422UnprocessableEntity));
    }

    internal static (MixOutcomeKind Outcome, MixOptions Options)? Parse(string? outcome, string? adstock, string? saturation, int? holdout, int? replicates, int? seed)
    {
        if (!EnumWords.TryParse<MixOutcomeKind>(outcome ?? "revenue", out var kind)
            || !EnumWords.TryParse<AdstockKind>(adstock ?? "geometric", out var a)
            || !EnumWords.TryParse<SaturationKind>(saturation ?? "hill", out var s))
        {
            return null;
        }

        return (kind, new MixOptions { Adstock = a, Saturation = s, HoldoutPeriods = holdout, Replicates = replicates ?? 100, Seed = seed ?? 1 });
    }

    internal static ProblemHttpResult BadWords() => ApiProblems.Bad(CommonCodes.NotOneOf, ("value", "outcome, adstock, saturation or objective"),
        ("expected", EnumWords.All<MixOutcomeKind>().Concat(EnumWords.All<AdstockKind>()).Concat(EnumWords.All<SaturationKind>()).Concat(EnumWords.All<MixObjective>()).ToArray()));
}

/// <summary>The body of <c>POST /api/v1/mix/optimize</c>.</summary>
/// <param name="Budget">The money to plan over the period.</param>
/// <param name="Period">YYYY-MM or a number of periods (default 4).</param>
/// <param name="Bounds">Per channel bounds over the period.</param>
/// <param name="MaxChange">Largest move from current spend (default 0.3).</param>
/// <param name="Objective">revenue or net-return.</param>
/// <param name="Margin">Net return: what every channel keeps of a unit of outcome (default: per channel from the ROI report).</param>
/// <param name="Outcome">revenue, conversions or gross-profit.</param>
/// <param name="Adstock">geometric or weibull.</param>
/// <param name="Saturation">hill or logistic.</param>
/// <param name="HoldoutWeeks">Final periods held out.</param>
/// <param name="Replicates">Bootstrap replicates.</param>
/// <param name="Seed">Bootstrap seed.</param>
/// <param name="Title">POST /mix/plans only: the plan's title.</param>
/// <param name="Owner">POST /mix/plans only: the unit that owns the budget.</param>
public sealed record MixBudgetBody(
    double Budget,
    string? Period = null,
    IReadOnlyList<MixBound>? Bounds = null,
    double? MaxChange = null,
    string? Objective = null,
    double? Margin = null,
    string? Outcome = null,
    string? Adstock = null,
    string? Saturation = null,
    int? HoldoutWeeks = null,
    int? Replicates = null,
    int? Seed = null,
    string? Title = null,
    string? Owner = null);
