using Mercato.Core.Kpis;
using Mercato.Core.Organization;

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
        org.MapGet("/", Results<Ok<OrgStructure>, ProblemHttpResult> (OrgService service) =>
                service.Org.Structure() is { } structure ? TypedResults.Ok(structure) : NotFound(OrgSources.NoStructure))
            .WithName("GetOrganization").WithSummary("The workspace's structure: units, custom functions, ownerships, KPI assignments, needs");

        org.MapPut("/", async Task<Results<Ok<SavedReply>, ProblemHttpResult>> (OrgService service, HttpRequest request, bool? replace) =>
            {
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

                return Save(service, read.Structure, replace == true);
            })
            .Accepts<OrgStructure>("application/json", "application/yaml")
            .WithName("PutOrganization").WithSummary("Replace the structure from JSON or YAML (Content-Type application/yaml); nothing changes unless all of it is valid");

        org.MapDelete("/", Results<NoContent, ProblemHttpResult> (OrgService service) =>
                service.Org.Delete() ? TypedResults.NoContent() : NotFound(OrgSources.NoStructure))
            .WithName("DeleteOrganization").WithSummary("Remove the structure and every target");

        org.MapGet("/export", Results<ContentHttpResult, ProblemHttpResult> (OrgService service, string? format) =>
            {
                if (service.Org.Structure() is not { } structure)
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

        org.MapGet("/check", Results<Ok<BoundaryReport>, ProblemHttpResult> (OrgService service, string? structure) =>
            {
                var resolved = OrgSources.Resolve(service.Org, structure ?? OrgSources.Current, allowFiles: false, out var problem);
                return resolved is null ? NotFound(problem!) : TypedResults.Ok(OrgAnalysis.Check(resolved));
            })
            .WithName("CheckOrganization").WithSummary("The boundary analysis: overlaps, gaps, unownedKpis, idleUnits, mismatches, each with its reason");

        org.MapGet("/compare", Results<Ok<StructureComparison>, ProblemHttpResult> (OrgService service, string? a, string? b) =>
            {
                var left = OrgSources.Resolve(service.Org, a ?? OrgSources.Current, allowFiles: false, out var problemA);
                var right = OrgSources.Resolve(service.Org, b ?? "recommended", allowFiles: false, out var problemB);
                return left is null || right is null ? NotFound((problemA ?? problemB)!) : TypedResults.Ok(OrgComparison.Compare(left, right));
            })
            .WithName("CompareOrganizations").WithSummary("Two structures ('current' or template names) function by function");

        org.MapGet("/templates", () => TypedResults.Ok(OrgTemplates.Names.Select(n => new { template = n, name = OrgTemplates.Get(n)!.Name, units = OrgTemplates.Get(n)!.Units.Count })))
            .WithName("GetOrganizationTemplates");
        org.MapGet("/templates/{name}", Results<Ok<OrgStructure>, ProblemHttpResult> (string name) =>
                OrgTemplates.Get(name) is { } template ? TypedResults.Ok(template) : NoTemplate(name))
            .WithName("GetOrganizationTemplate");
        org.MapPost("/templates/{name}/apply", Results<Ok<SavedReply>, ProblemHttpResult> (OrgService service, string name, bool? replace) =>
                OrgTemplates.Get(name) is { } template ? Save(service, template, replace == true) : NoTemplate(name))
            .WithName("ApplyOrganizationTemplate").WithSummary("Create the workspace's structure from a template (replace=true to replace an existing one)");

        org.MapGet("/functions", (OrgService service) => TypedResults.Ok(service.Org.Structure()?.AllFunctions ?? OrgCatalog.Functions))
            .WithName("GetFunctions").WithSummary("The function catalog, with the workspace's own functions");

        org.MapGet("/chart", Results<Ok<ChartReply>, ProblemHttpResult> (OrgService service, string? period) =>
            {
                if (!TryPeriod(service, period, out var chosen))
                {
                    return ApiProblems.Bad(ApiCodes.PeriodMalformed);
                }

                return service.Org.Structure() is null
                    ? NotFound(OrgSources.NoStructure)
                    : TypedResults.Ok(new ChartReply(chosen.ToString(), service.Chart(chosen)));
            })
            .WithName("GetOrganizationChart").WithSummary("Every unit's health for a period: its own KPIs and its whole subtree's (the chart's colour)");

        var kpis = api.MapGroup("/kpis");
        kpis.MapGet("/", Results<Ok<KpiScorecard>, ProblemHttpResult> (OrgService service, string? period, string? unit) =>
            {
                if (!TryPeriod(service, period, out var chosen))
                {
                    return ApiProblems.Bad(ApiCodes.PeriodMalformed);
                }

                if (unit is not null && service.Org.Structure()?.FindUnit(unit) is null)
                {
                    return ApiProblems.NotFound(ApiCodes.UnitNotFound, ("unit", unit));
                }

                return TypedResults.Ok(service.Scorecard(chosen, unit));
            })
            .WithName("GetKpis").WithSummary("Every KPI for a period (default: the last month with data), with owner, target, status and trend");

        kpis.MapGet("/catalog", () => TypedResults.Ok(KpiCatalog.All)).WithName("GetKpiCatalog").WithSummary("Every KPI: id, name, unit, direction, function, formula");

        kpis.MapGet("/targets", Results<Ok<TargetsReply>, ProblemHttpResult> (OrgService service, string? unit, string? period) =>
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

                return TypedResults.Ok(new TargetsReply(service.Org.Targets(unit, only)));
            })
            .WithName("GetKpiTargets");

        kpis.MapPut("/targets", Results<Ok<TargetsSavedReply>, ProblemHttpResult> (OrgService service, IReadOnlyList<TargetInput> targets) =>
            {
                var saved = service.Org.SetTargets(targets, KpiCatalog.All.Select(k => k.Id));
                return saved.IsValid ? TypedResults.Ok(new TargetsSavedReply(saved.Added, saved.Updated)) : ApiProblems.Invalid(saved.Problems, ApiCodes.TargetsNotSaved);
            })
            .WithName("PutKpiTargets").WithSummary("Add or replace targets: [{kpi, unit, period, value}]; all or nothing");

        kpis.MapDelete("/targets/{kpi}/{unit}/{period}", Results<NoContent, ProblemHttpResult> (OrgService service, string kpi, string unit, string period) =>
            {
                if (!Period.TryParse(period, out var parsed))
                {
                    return ApiProblems.Bad(ApiCodes.PeriodMalformed);
                }

                return service.Org.DeleteTarget(kpi, unit, parsed) ? TypedResults.NoContent() : ApiProblems.NotFound(ApiCodes.TargetNotFound);
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

    private static Results<Ok<SavedReply>, ProblemHttpResult> Save(OrgService service, OrgStructure structure, bool replace)
    {
        if (!replace && service.Org.Structure() is { } existing)
        {
            return ApiProblems.Of(StatusCodes.Status409Conflict, ApiCodes.StructureExists, MessageArgs.Of(("name", existing.Name)));
        }

        var saved = service.Org.Save(structure);
        return saved.Saved
            ? TypedResults.Ok(new SavedReply(structure.Name, structure.Units.Count, structure.Ownerships.Count, structure.Kpis.Count, saved.TargetsRemoved))
            : ApiProblems.Invalid(saved.Problems, ApiCodes.StructureNotSaved);
    }

    private static bool TryPeriod(OrgService service, string? text, out Period period)
    {
        if (text is null)
        {
            period = service.DefaultPeriod();
            return true;
        }

        return Period.TryParse(text, out period);
    }

    private static ProblemHttpResult NotFound(Message missing) => ApiProblems.NotFound(missing);

    private static ProblemHttpResult NoTemplate(string name) => ApiProblems.NotFound(ApiCodes.TemplateNotFound, ("name", name), ("expected", OrgTemplates.Names));
}
