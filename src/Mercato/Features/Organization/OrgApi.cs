using Mercato.Core.Kpis;
using Mercato.Core.Organization;
using Mercato.Features.Targets;

namespace Mercato.Features.Organization;

/// <summary>
/// <c>/api/v1/org</c> and <c>/api/v1/kpis</c>: the structure, its boundary analysis and comparison, KPI figures with owners,
/// targets and status; the same as <c>mercato org</c> and <c>mercato report kpis</c> (docs/organization.md, docs/kpis.md).
/// </summary>
public static class OrgApi
{
    /// <summary>The largest structure document accepted.</summary>
    public const int MaxDocumentBytes = 4 * 1024 * 1024;

    public static RouteGroupBuilder MapOrgApi(this RouteGroupBuilder api)
    {
        var org = api.MapGroup("/org");
        org.MapGet("/", async Task<Results<Ok<OrgStructure>, ProblemHttpResult>> (OrganizationUseCases organization, HttpResponse response, CancellationToken cancellationToken) =>
            {
                if (await organization.GetAsync(cancellationToken) is not { } stored)
                {
                    return NotFound(OrgSources.NoStructure);
                }

                DocumentVersions.SetETag(response, stored.Version);
                return TypedResults.Ok(stored.Value);
            })
            .WithName("GetOrganization").WithSummary("The workspace's structure: units, custom functions, ownerships, KPI assignments, needs");

        org.MapPut("/", async Task<Results<Ok<SavedReply>, ProblemHttpResult>> (OrganizationUseCases organization, HttpRequest request, bool? replace, CancellationToken cancellationToken) =>
            {
                if (DocumentVersions.IfMatch(request, out var version) is { } badVersion)
                {
                    return badVersion;
                }

                var format = request.ContentType?.Contains("yaml", StringComparison.OrdinalIgnoreCase) == true ? OrgFileFormat.Yaml : OrgFileFormat.Json;
                if (request.ContentLength > MaxDocumentBytes)
                {
                    return ApiProblems.Of(StatusCodes.Status413PayloadTooLarge, ApiCodes.DocumentTooLarge, MessageArgs.Of(("limit", MaxDocumentBytes)));
                }

                using var reader = new StreamReader(request.Body);
                var read = OrgSerializer.Import(await reader.ReadToEndAsync(request.HttpContext.RequestAborted), format);
                if (read.Structure is null || read.Problems.Count > 0)
                {
                    return ApiProblems.Invalid(read.Problems, ApiCodes.StructureNotSaved);
                }

                return Saved(await organization.SaveAsync(read.Structure, replace == true || version is not null, version, cancellationToken));
            })
            .Accepts<OrgStructure>("application/json", "application/yaml")
            .WithName("PutOrganization").WithSummary("Replace the structure from JSON or YAML (Content-Type application/yaml); nothing changes unless all of it is valid");

        org.MapDelete("/", async Task<Results<NoContent, ProblemHttpResult>> (OrganizationUseCases organization, CancellationToken cancellationToken) =>
                ApiProblems.NoContentOr(await organization.DeleteAsync(cancellationToken)))
            .WithName("DeleteOrganization").WithSummary("Remove the structure and every target");

        org.MapGet("/export", async Task<Results<ContentHttpResult, ProblemHttpResult>> (OrganizationUseCases organization, string? format, CancellationToken cancellationToken) =>
            {
                if (await organization.StructureAsync(cancellationToken) is not { } structure)
                {
                    return NotFound(OrgSources.NoStructure);
                }

                return format switch
                {
                    null or "yaml" => TypedResults.Text(OrgSerializer.ToYaml(structure), "application/yaml"),
                    "json" => TypedResults.Text(OrgSerializer.ToJson(structure), "application/json"),
                    _ => ApiProblems.Bad(CommonCodes.NotOneOf, ("value", format), ("expected", new[] { "yaml", "json" })),
                };
            })
            .WithName("ExportOrganization").WithSummary("The structure as a YAML (default) or JSON file");

        org.MapGet("/check", async Task<Results<Ok<BoundaryReport>, ProblemHttpResult>> (OrganizationUseCases organization, string? structure, CancellationToken cancellationToken) =>
            {
                var resolved = await organization.ResolveAsync(structure ?? OrgSources.Current, allowFiles: false, cancellationToken);
                return resolved.Value is { } s ? TypedResults.Ok(OrgAnalysis.Check(s)) : ApiProblems.From(resolved);
            })
            .WithName("CheckOrganization").WithSummary("The boundary analysis: overlaps, gaps, unownedKpis, idleUnits, mismatches, each with its reason");

        org.MapGet("/compare", async Task<Results<Ok<StructureComparison>, ProblemHttpResult>> (OrganizationUseCases organization, string? a, string? b, CancellationToken cancellationToken) =>
            {
                var left = await organization.ResolveAsync(a ?? OrgSources.Current, allowFiles: false, cancellationToken);
                var right = await organization.ResolveAsync(b ?? "recommended", allowFiles: false, cancellationToken);
                return (left.Value, right.Value) is ({ } l, { } r) ? TypedResults.Ok(OrgComparison.Compare(l, r)) : ApiProblems.From(left.IsOk ? right : left);
            })
            .WithName("CompareOrganizations").WithSummary("Two structures ('current' or template names) function by function");

        org.MapGet("/templates", () => TypedResults.Ok(OrgTemplates.Names.Select(n => new { template = n, name = OrgTemplates.Get(n)!.Name, units = OrgTemplates.Get(n)!.Units.Count })))
            .WithName("GetOrganizationTemplates");
        org.MapGet("/templates/{name}", Results<Ok<OrgStructure>, ProblemHttpResult> (string name) =>
                OrgTemplates.Get(name) is { } template ? TypedResults.Ok(template) : NoTemplate(name))
            .WithName("GetOrganizationTemplate");
        org.MapPost("/templates/{name}/apply", async Task<Results<Ok<SavedReply>, ProblemHttpResult>> (OrganizationUseCases organization, string name, bool? replace, CancellationToken cancellationToken) =>
                OrgTemplates.Get(name) is { } template ? Saved(await organization.SaveAsync(template, replace == true, null, cancellationToken)) : NoTemplate(name))
            .WithName("ApplyOrganizationTemplate").WithSummary("Create the workspace's structure from a template (replace=true to replace an existing one)");

        org.MapGet("/functions", async (OrganizationUseCases organization, CancellationToken cancellationToken) =>
                TypedResults.Ok((await organization.StructureAsync(cancellationToken))?.AllFunctions ?? OrgCatalog.Functions))
            .WithName("GetFunctions").WithSummary("The function catalog, with the workspace's own functions");

        org.MapGet("/chart", async Task<Results<Ok<ChartReply>, ProblemHttpResult>> (OrganizationUseCases organization, string? period, CancellationToken cancellationToken) =>
            {
                if (await PeriodAsync(organization, period, cancellationToken) is not { } chosen)
                {
                    return ApiProblems.Bad(ApiCodes.PeriodMalformed);
                }

                return await organization.StructureAsync(cancellationToken) is null
                    ? NotFound(OrgSources.NoStructure)
                    : TypedResults.Ok(new ChartReply(chosen.ToString(), await organization.ChartAsync(chosen, cancellationToken)));
            })
            .WithName("GetOrganizationChart").WithSummary("Every unit's health for a period: its own KPIs and its whole subtree's (the chart's colour)");

        var kpis = api.MapGroup("/kpis");
        kpis.MapGet("/", async Task<Results<Ok<KpiScorecard>, ProblemHttpResult>> (OrganizationUseCases organization, string? period, string? unit, CancellationToken cancellationToken) =>
            {
                if (await PeriodAsync(organization, period, cancellationToken) is not { } chosen)
                {
                    return ApiProblems.Bad(ApiCodes.PeriodMalformed);
                }

                return ApiProblems.OkOr(await organization.UnitScorecardAsync(chosen, unit, cancellationToken));
            })
            .WithName("GetKpis").WithSummary("Every KPI for a period (default: the last month with data), with owner, target, status and trend");

        kpis.MapGet("/catalog", () => TypedResults.Ok(KpiCatalog.All)).WithName("GetKpiCatalog").WithSummary("Every KPI: id, name, unit, direction, function, formula");

        kpis.MapGet("/targets", async Task<Results<Ok<TargetsReply>, ProblemHttpResult>> (TargetUseCases targets, string? unit, string? period, CancellationToken cancellationToken) =>
            {
                Period? only = null;
                if (period is not null)
                {
                    if (!Period.TryParse(period, out var parsed))
                    {
                        return ApiProblems.Bad(ApiCodes.PeriodMalformed);
                    }

                    only = parsed;
                }

                return TypedResults.Ok(new TargetsReply(await targets.ListAsync(unit, only, null, cancellationToken)));
            })
            .WithName("GetKpiTargets");

        kpis.MapPut("/targets", async Task<Results<Ok<TargetsSavedReply>, ProblemHttpResult>> (TargetUseCases targets, IReadOnlyList<TargetInput> inputs, CancellationToken cancellationToken) =>
            {
                var saved = await targets.SetAsync(inputs, cancellationToken);
                return saved.Value is { } s ? TypedResults.Ok(new TargetsSavedReply(s.Added, s.Updated))
                    : saved.Kind == OutcomeKind.Invalid ? ApiProblems.Invalid(saved.Problems, ApiCodes.TargetsNotSaved) : ApiProblems.From(saved);
            })
            .WithName("PutKpiTargets").WithSummary("Add or replace targets: [{kpi, unit, period, value}]; all or nothing");

        kpis.MapDelete("/targets/{kpi}/{unit}/{period}", async Task<Results<NoContent, ProblemHttpResult>> (TargetUseCases targets, string kpi, string unit, string period, CancellationToken cancellationToken) =>
            {
                if (!Period.TryParse(period, out var parsed))
                {
                    return ApiProblems.Bad(ApiCodes.PeriodMalformed);
                }

                return ApiProblems.NoContentOr(await targets.DeleteAsync(kpi, unit, parsed, cancellationToken));
            })
            .WithName("DeleteKpiTarget");
        return api;
    }

    /// <summary>What saving a structure did.</summary>
    public sealed record SavedReply(string Name, int Units, int Ownerships, int Kpis, int TargetsRemoved);

    /// <summary>The chart's health per unit for a period.</summary>
    public sealed record ChartReply(string Period, IReadOnlyList<UnitChartHealth> Units);

    public sealed record TargetsReply(IReadOnlyList<KpiTarget> Targets);

    public sealed record TargetsSavedReply(int Added, int Updated);

    private static Results<Ok<SavedReply>, ProblemHttpResult> Saved(Outcome<OrgSaved> saved) =>
        saved.Value is { } s ? TypedResults.Ok(new SavedReply(s.Name, s.Units, s.Ownerships, s.Kpis, s.TargetsRemoved))
            : saved.Kind == OutcomeKind.Invalid ? ApiProblems.Invalid(saved.Problems, ApiCodes.StructureNotSaved) : ApiProblems.From(saved);

    /// <summary>The period asked for, the default one when none is, or null when the text is not a period.</summary>
    private static async Task<Period?> PeriodAsync(OrganizationUseCases organization, string? text, CancellationToken cancellationToken) =>
        text is null ? await organization.DefaultPeriodAsync(cancellationToken) : Period.TryParse(text, out var period) ? period : null;

    private static ProblemHttpResult NotFound(Message missing) => ApiProblems.NotFound(missing);

    private static ProblemHttpResult NoTemplate(string name) => ApiProblems.NotFound(ApiCodes.TemplateNotFound, ("name", name), ("expected", OrgTemplates.Names));
}
