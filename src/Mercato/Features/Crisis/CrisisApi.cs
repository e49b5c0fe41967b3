using Mercato.Core.Crisis;

namespace Mercato.Features.Crisis;

/// <summary>The shapes of crisis cases in the API and the CLI's JSON.</summary>
public static class CrisisShapes
{
    /// <summary>A case as listed.</summary>
    public static object View(CrisisEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var c = entry.Case;
        return new
        {
            c.Id, c.Title, c.Severity, c.Status, c.OpenedAt, c.OpenedBy, c.Owner, entry.OwnerName, c.Alerts, c.Terms, c.WindowStart, c.FirstResponseAt, c.ClosedAt,
            entry.Version, c.Statements, c.History,
        };
    }

    /// <summary>A case with its figures (durations in minutes), timeline, top mentions and campaigns running.</summary>
    public static object Detail(CrisisDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var f = detail.Figures;
        return new
        {
            @case = View(detail.Entry),
            detail.At,
            figures = new
            {
                timeToFirstResponseMinutes = f.TimeToFirstResponse?.TotalMinutes,
                timeToResolutionMinutes = f.TimeToResolution?.TotalMinutes,
                before = Window(f.Before),
                during = Window(f.During),
                after = f.After is { } a ? Window(a) : null,
            },
            timeline = detail.Timeline.Select(t => new { t.At, t.What, t.Actor, t.Detail, mentions = t.Volume?.Mentions, negative = t.Volume?.Negative, reach = t.Volume?.Reach }),
            topMentions = detail.TopMentions.Select(m => new { id = m.MentionId, m.Timestamp, m.Source, m.Author, m.Reach, label = m.Annotation.Label, m.Text, m.Url }),
            detail.Campaigns,
        };
    }

    private static object Window(CrisisWindow w) =>
        new { w.From, w.To, w.Counts.Mentions, w.Counts.Negative, w.Counts.Positive, w.Counts.Neutral, w.Counts.Reach, w.Counts.NegativeShare };
}

/// <summary>
/// <c>/api/v1/crisis</c>: crisis cases, as <c>mercato crisis</c>. An unknown case or statement is 404; a step the status
/// does not allow, an approval by the drafter (four eyes), a case from an alert that is not severe 409; an invalid body 422.
/// </summary>
public static class CrisisApi
{
    public static RouteGroupBuilder MapCrisisApi(this RouteGroupBuilder api)
    {
        var crisis = api.MapGroup("/crisis");
        crisis.MapGet("", async Task<Results<Ok<object>, ProblemHttpResult>> (CrisisUseCases uses, string? status, CancellationToken cancellationToken) =>
            {
                var filter = CrisisUseCases.StatusFilter(status);
                if (!filter.IsOk)
                {
                    return ApiProblems.From(filter);
                }

                var list = await uses.ListAsync(filter.Value, cancellationToken);
                return TypedResults.Ok<object>(new { cases = list.Select(CrisisShapes.View) });
            })
            .WithName("GetCrisisCases").WithSummary("Crisis cases, newest first; ?status=open|responding|monitoring|closed");

        crisis.MapGet("/{id}", async Task<Results<Ok<object>, ProblemHttpResult>> (HttpResponse response, CrisisUseCases uses, string id, CancellationToken cancellationToken) =>
            {
                var found = await uses.GetAsync(id, cancellationToken);
                if (found.Value is not { } detail)
                {
                    return ApiProblems.From(found);
                }

                DocumentVersions.SetETag(response, detail.Entry.Version);
                return TypedResults.Ok(CrisisShapes.Detail(detail));
            })
            .WithName("GetCrisisCase").WithSummary("One case with figures, timeline, top mentions and the campaigns running");

        crisis.MapPost("", async Task<Results<Created<object>, ProblemHttpResult>> (CrisisUseCases uses, CrisisOpenBody? body, CancellationToken cancellationToken) =>
            {
                Outcome<CrisisEntry> opened;
                if (!string.IsNullOrWhiteSpace(body?.Alert))
                {
                    opened = await uses.OpenFromAlertAsync(body.Alert.Trim(), cancellationToken);
                }
                else if (body?.From is not { } from)
                {
                    opened = Outcome<CrisisEntry>.Invalid([new Problem(body?.Title is null ? "alert" : "from", CommonCodes.Required)]);
                }
                else
                {
                    opened = await uses.OpenAsync(body.Title, body.Term, from, cancellationToken);
                }

                return opened.Value is { } entry
                    ? TypedResults.Created("/api/v1/crisis/" + Uri.EscapeDataString(entry.Case.Id), CrisisShapes.View(entry))
                    : ApiProblems.From(opened);
            })
            .WithName("OpenCrisisCase").WithSummary("Open a case: {alert} (a severe alert) or {title, term?, from}");

        crisis.MapPost("/{id}/statements", (HttpRequest request, CrisisUseCases uses, string id, CrisisStatementBody? body, CancellationToken cancellationToken) =>
                StepAsync(request, v => uses.DraftAsync(id, body?.Kind, body?.Text, v, cancellationToken)))
            .WithName("DraftCrisisStatement").WithSummary("Draft a statement: {kind: holding_statement|response, text}; If-Match: the case's ETag, 409 moved_meanwhile when it changed");

        crisis.MapPost("/{id}/statements/{statementId}/approve", (HttpRequest request, CrisisUseCases uses, string id, string statementId, CancellationToken cancellationToken) =>
                StepAsync(request, v => uses.ApproveAsync(id, statementId, v, cancellationToken)))
            .WithName("ApproveCrisisStatement").WithSummary("Approve a statement; 409 crisis_four_eyes for its drafter");

        crisis.MapPost("/{id}/status", (HttpRequest request, CrisisUseCases uses, string id, CrisisStatusBody? body, CancellationToken cancellationToken) =>
                StepAsync(request, v => uses.AdvanceAsync(id, body?.Status, body?.Note, v, cancellationToken)))
            .WithName("MoveCrisisCase").WithSummary("Move a case: {status: responding|monitoring|closed, note}; 409 crisis_wrong_status");

        crisis.MapPost("/{id}/close", (HttpRequest request, CrisisUseCases uses, string id, CrisisNoteBody? body, CancellationToken cancellationToken) =>
                StepAsync(request, v => uses.CloseAsync(id, body?.Note, v, cancellationToken)))
            .WithName("CloseCrisisCase").WithSummary("Close a case with a {note} (required)");
        return api;
    }

    /// <summary>A step with the case's version from <c>If-Match</c> (400 when not a version); the case it leaves with its new <c>ETag</c>.</summary>
    private static async Task<Results<Ok<object>, ProblemHttpResult>> StepAsync(HttpRequest request, Func<long?, Task<Outcome<CrisisEntry>>> step)
    {
        if (DocumentVersions.IfMatch(request, out var version) is { } bad)
        {
            return bad;
        }

        var done = await step(version);
        if (done.Value is not { } entry)
        {
            return ApiProblems.From(done);
        }

        DocumentVersions.SetETag(request.HttpContext.Response, entry.Version);
        return TypedResults.Ok(CrisisShapes.View(entry));
    }
}

/// <summary>The body of an opening: an alert, or a title, a term and a start.</summary>
/// <param name="Alert">A severe alert's id.</param>
/// <param name="Title">The case's title (by hand).</param>
/// <param name="Term">A watched term (by hand, optional).</param>
/// <param name="From">When the crisis began (by hand).</param>
public sealed record CrisisOpenBody(string? Alert = null, string? Title = null, string? Term = null, DateTimeOffset? From = null);

/// <summary>The body of a draft.</summary>
/// <param name="Kind"><c>holding_statement</c> (default) or <c>response</c>.</param>
/// <param name="Text">The words.</param>
public sealed record CrisisStatementBody(string? Kind = null, string? Text = null);

/// <summary>The body of a status change.</summary>
/// <param name="Status"><c>responding</c>, <c>monitoring</c> or <c>closed</c>.</param>
/// <param name="Note">Why (required to close).</param>
public sealed record CrisisStatusBody(string? Status = null, string? Note = null);

/// <summary>The body of a closing.</summary>
/// <param name="Note">Why (required).</param>
public sealed record CrisisNoteBody(string? Note = null);
