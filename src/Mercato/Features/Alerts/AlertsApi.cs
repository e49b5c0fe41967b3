namespace Mercato.Features.Alerts;

/// <summary>
/// <c>/api/v1/alerts</c>: the alert center, as <c>mercato alerts</c>. Unknown words in the query are 422 with the
/// expected words; an unknown id 404; a step the alert's status does not allow 409 <c>alert_wrong_status</c>; a dismissal
/// without a reason 422. Steps take <c>If-Match</c> (the version read).
/// </summary>
public static class AlertsApi
{
    public static RouteGroupBuilder MapAlertsApi(this RouteGroupBuilder api)
    {
        var alerts = api.MapGroup("/alerts");
        alerts.MapGet("", async Task<Results<Ok<object>, ProblemHttpResult>> (AlertUseCases uses, string? status, string? kind, string? severity, CancellationToken cancellationToken) =>
            {
                var filter = AlertUseCases.Filter(status, kind, severity);
                if (filter.Value is not { } f)
                {
                    return ApiProblems.From(filter);
                }

                var list = await uses.ListAsync(f, cancellationToken);
                return TypedResults.Ok<object>(new { alerts = list.Select(AlertShapes.View) });
            })
            .WithName("GetAlerts").WithSummary("Alerts, newest first; ?status=new|acknowledged|resolved|dismissed&kind=...&severity=info|warning|severe");

        alerts.MapGet("/{id}", async Task<Results<Ok<object>, ProblemHttpResult>> (AlertUseCases uses, HttpResponse response, string id, CancellationToken cancellationToken) =>
            {
                var found = await uses.GetAsync(id, cancellationToken);
                if (found.Value is not { } entry)
                {
                    return ApiProblems.From(found);
                }

                DocumentVersions.SetETag(response, entry.Version);
                return TypedResults.Ok(AlertShapes.View(entry));
            })
            .WithName("GetAlert").WithSummary("One alert with its evidence, history and delivery attempts; ETag: the version");

        alerts.MapPost("/{id}/ack", (AlertUseCases uses, HttpRequest request, string id, CancellationToken cancellationToken) =>
                StepAsync(request, version => uses.AcknowledgeAsync(id, version, cancellationToken)))
            .WithName("AcknowledgeAlert").WithSummary("Acknowledge a new alert; 409 alert_wrong_status otherwise");

        alerts.MapPost("/{id}/resolve", (AlertUseCases uses, HttpRequest request, string id, AlertNoteBody? body, CancellationToken cancellationToken) =>
                StepAsync(request, version => uses.ResolveAsync(id, body?.Note, version, cancellationToken)))
            .WithName("ResolveAlert").WithSummary("Resolve an open alert ({note} optional); 409 once resolved or dismissed");

        alerts.MapPost("/{id}/dismiss", (AlertUseCases uses, HttpRequest request, string id, AlertReasonBody? body, CancellationToken cancellationToken) =>
                StepAsync(request, version => uses.DismissAsync(id, body?.Reason, version, cancellationToken)))
            .WithName("DismissAlert").WithSummary("Dismiss an open alert ({reason} required: 422 alert_reason_required without)");

        alerts.MapPost("/evaluate", async (AlertUseCases uses, CancellationToken cancellationToken) => TypedResults.Ok(await uses.EvaluateAsync(cancellationToken)))
            .WithName("EvaluateAlerts").WithSummary("Run every alert source now: alerts opened, updated, escalated; deliveries; sources that failed");
        return api;
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> StepAsync(HttpRequest request, Func<long?, Task<Outcome<AlertEntry>>> step)
    {
        if (DocumentVersions.IfMatch(request, out var version) is { } bad)
        {
            return bad;
        }

        var done = await step(version);
        return done.Value is { } entry ? TypedResults.Ok(AlertShapes.View(entry)) : ApiProblems.From(done);
    }
}

/// <summary>The body of a resolution.</summary>
/// <param name="Note">What was done, optional.</param>
public sealed record AlertNoteBody(string? Note = null);

/// <summary>The body of a dismissal.</summary>
/// <param name="Reason">Why the alert is not worth handling.</param>
public sealed record AlertReasonBody(string? Reason = null);
