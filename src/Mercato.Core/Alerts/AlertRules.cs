using Mercato.Core.Campaigns;
using Mercato.Core.Organization;

namespace Mercato.Core.Alerts;

/// <summary>The codes of the alert center.</summary>
public static class AlertCodes
{
    /// <summary>No alert <c>id</c>.</summary>
    public const string NotFound = "alert_not_found";

    /// <summary>Alert <c>alert</c> is <c>status</c>; the step needs <c>expected</c>.</summary>
    public const string WrongStatus = "alert_wrong_status";

    /// <summary>A dismissal needs a reason.</summary>
    public const string ReasonRequired = "alert_reason_required";

    /// <summary>A reason or note longer than <c>max</c> characters.</summary>
    public const string NoteTooLong = "alert_note_too_long";

    /// <summary>Source <c>source</c> gave a candidate without a key or a subject (<c>key</c>); it was skipped.</summary>
    public const string BadCandidate = "alert_bad_candidate";

    /// <summary>Source <c>source</c> failed: <c>error</c>; the other sources ran.</summary>
    public const string SourceFailed = "alert_source_failed";

    /// <summary>An evaluation interval (<c>value</c>) outside 0..<c>max</c> minutes.</summary>
    public const string BadInterval = "alert_bad_interval";

    /// <summary>An SMTP port (<c>value</c>) outside 1..65535.</summary>
    public const string BadPort = "alert_bad_port";

    /// <summary>E-mail is on but <c>field</c> is missing.</summary>
    public const string EmailIncomplete = "alert_email_incomplete";

    /// <summary>An e-mail address (<c>value</c>) without a local part and a domain.</summary>
    public const string BadEmail = "alert_bad_email";
}

/// <summary>What an evaluation did with one candidate.</summary>
public enum AlertMergeKind
{
    /// <summary>A new alert was opened.</summary>
    Opened,

    /// <summary>An open alert with the same key took the new evidence.</summary>
    Updated,

    /// <summary>An open alert with the same key took the new evidence and a higher severity.</summary>
    Escalated,

    /// <summary>The alert with the same key is closed (resolved or dismissed) and stays so.</summary>
    Closed,
}

/// <summary>The result of merging a candidate: the alert to store (null when closed), and what to deliver.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Alert">The alert opened or updated; the closed one, unchanged, when <see cref="AlertMergeKind.Closed"/>.</param>
/// <param name="Deliver">The event to deliver; null when nothing is delivered (an update without escalation, a closed alert).</param>
public sealed record AlertMerge(AlertMergeKind Kind, Alert Alert, AlertEvent? Deliver);

/// <summary>Which alerts a list shows; null fields do not filter.</summary>
/// <param name="Status">Only this status.</param>
/// <param name="Kind">Only this kind.</param>
/// <param name="Severity">Only this severity.</param>
public sealed record AlertFilter(AlertStatus? Status = null, AlertKind? Kind = null, AlertSeverity? Severity = null)
{
    /// <summary>No filter.</summary>
    public static AlertFilter All { get; } = new();

    /// <summary>The alerts that pass, newest opened first (ties by id, descending).</summary>
    public IReadOnlyList<Alert> Apply(IEnumerable<Alert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        return
        [
            .. alerts.Where(a => (Status is null || a.Status == Status) && (Kind is null || a.Kind == Kind) && (Severity is null || a.Severity == Severity))
                .OrderByDescending(a => a.OpenedAt).ThenByDescending(a => a.Id, StringComparer.Ordinal),
        ];
    }
}

/// <summary>
/// The rules of alerts (docs/alerts.md). Statuses: new → acknowledged; new or acknowledged → resolved (with an optional
/// note) or dismissed (with a reason, required); resolved and dismissed are final. Evaluations: a candidate whose key
/// matches an open alert updates its evidence, last seen time and severity (raised, never lowered) and is delivered
/// again only when the severity rose; a candidate whose key matches a closed alert changes nothing: closing is a
/// person's decision that the next evaluation must not undo, so a source that wants a new alert for a new episode puts
/// the episode's time window in the key.
/// </summary>
public static class AlertRules
{
    /// <summary>The longest reason or note.</summary>
    public const int MaxNote = 500;

    /// <summary>The longest key and subject.</summary>
    public const int MaxText = 300;

    /// <summary>The prefix of alert ids.</summary>
    public const string IdPrefix = "A-";

    /// <summary>
    /// The id after the highest of <paramref name="taken"/>: <c>A-</c> and a number of at least six digits, so ids sort in
    /// the order they were opened up to a million alerts.
    /// </summary>
    public static string NextId(IEnumerable<string> taken) =>
        SequentialIds.Next(IdPrefix, taken);

    /// <summary>
    /// The problem of a candidate, or null when it can be taken: a key and a subject, non-blank and at most
    /// <see cref="MaxText"/> characters.
    /// </summary>
    public static Problem? CandidateProblem(AlertCandidate candidate, string source)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return string.IsNullOrWhiteSpace(candidate.Key) || string.IsNullOrWhiteSpace(candidate.Subject) || candidate.Key.Length > MaxText
               || candidate.Subject.Length > MaxText || candidate.Evidence is null || !EnumWords.IsDefined(candidate.Kind) || !EnumWords.IsDefined(candidate.Severity)
            ? Problem.Of("candidates", AlertCodes.BadCandidate, ("source", source), ("key", candidate.Key ?? ""))
            : null;
    }

    /// <summary>
    /// Merges <paramref name="candidate"/> into the alerts with its key (<paramref name="sameKey"/>, any status): updates the
    /// open one (escalated when the severity rose), leaves a closed one as it is, else opens a new alert
    /// <paramref name="newId"/> owned by <paramref name="owner"/>.
    /// </summary>
    public static AlertMerge Merge(
        IEnumerable<Alert> sameKey, AlertCandidate candidate, string source, string newId, string? owner, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sameKey);
        ArgumentNullException.ThrowIfNull(candidate);
        var matches = sameKey.Where(a => string.Equals(a.Key, candidate.Key, StringComparison.Ordinal)).ToList();
        if (matches.FirstOrDefault(a => a.IsOpen) is { } open)
        {
            var raised = candidate.Severity > open.Severity;
            var updated = open with
            {
                Evidence = candidate.Evidence,
                LastSeenAt = now,
                Subject = candidate.Subject,
                Severity = raised ? candidate.Severity : open.Severity,
                Owner = open.Owner ?? owner,
                History = raised ? [.. open.History, new AlertChange(now, actor, AlertAction.Escalated, open.Status, open.Status, candidate.Severity)] : open.History,
            };
            return raised ? new AlertMerge(AlertMergeKind.Escalated, updated, AlertEvent.Escalated) : new AlertMerge(AlertMergeKind.Updated, updated, null);
        }

        if (matches.Count > 0)
        {
            return new AlertMerge(AlertMergeKind.Closed, matches.OrderByDescending(a => a.OpenedAt).First(), null);
        }

        var opened = new Alert
        {
            Id = newId,
            Kind = candidate.Kind,
            Key = candidate.Key,
            Severity = candidate.Severity,
            Subject = candidate.Subject,
            Source = source,
            Since = candidate.Since,
            Evidence = candidate.Evidence,
            OpenedAt = now,
            LastSeenAt = now,
            OwnerFunction = candidate.OwnerFunction,
            Owner = owner,
            History = [new AlertChange(now, actor, AlertAction.Opened, null, AlertStatus.New, candidate.Severity)],
        };
        return new AlertMerge(AlertMergeKind.Opened, opened, AlertEvent.Opened);
    }

    /// <summary>Acknowledges a new alert; refused for any other status.</summary>
    public static Outcome<Alert> Acknowledge(Alert alert, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.Status != AlertStatus.New
            ? WrongStatus(alert, [AlertStatus.New])
            : Outcome<Alert>.Ok(Change(alert, AlertAction.Acknowledged, AlertStatus.Acknowledged, actor, now, null));
    }

    /// <summary>Resolves an open alert with an optional note (trimmed; at most <see cref="MaxNote"/> characters); refused once closed.</summary>
    public static Outcome<Alert> Resolve(Alert alert, string actor, DateTimeOffset now, string? note)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (!alert.IsOpen)
        {
            return WrongStatus(alert, [AlertStatus.New, AlertStatus.Acknowledged]);
        }

        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return text is { Length: > MaxNote }
            ? Outcome<Alert>.Invalid([Problem.Of("note", AlertCodes.NoteTooLong, ("max", MaxNote))])
            : Outcome<Alert>.Ok(Change(alert, AlertAction.Resolved, AlertStatus.Resolved, actor, now, text));
    }

    /// <summary>Dismisses an open alert with a reason: required, non-blank, at most <see cref="MaxNote"/> characters; refused once closed.</summary>
    public static Outcome<Alert> Dismiss(Alert alert, string actor, DateTimeOffset now, string? reason)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (!alert.IsOpen)
        {
            return WrongStatus(alert, [AlertStatus.New, AlertStatus.Acknowledged]);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Outcome<Alert>.Invalid([new Problem("reason", AlertCodes.ReasonRequired)]);
        }

        var text = reason.Trim();
        return text.Length > MaxNote
            ? Outcome<Alert>.Invalid([Problem.Of("reason", AlertCodes.NoteTooLong, ("max", MaxNote))])
            : Outcome<Alert>.Ok(Change(alert, AlertAction.Dismissed, AlertStatus.Dismissed, actor, now, text));
    }

    /// <summary>The alert with <paramref name="attempts"/> added to its deliveries.</summary>
    public static Alert Delivered(Alert alert, IEnumerable<AlertDelivery> attempts)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(attempts);
        return alert with { Deliveries = [.. alert.Deliveries, .. attempts] };
    }

    /// <summary>The last delivery attempt, or null when the alert was never delivered.</summary>
    public static AlertDelivery? LastDelivery(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.Deliveries.Count == 0 ? null : alert.Deliveries[^1];
    }

    private static Alert Change(Alert alert, AlertAction action, AlertStatus to, string actor, DateTimeOffset now, string? note) =>
        alert with { Status = to, History = [.. alert.History, new AlertChange(now, actor, action, alert.Status, to, alert.Severity, note)] };

    private static Outcome<Alert> WrongStatus(Alert alert, AlertStatus[] expected) =>
        Outcome<Alert>.Refused(AlertCodes.WrongStatus, MessageArgs.Of(
            ("alert", alert.Id), ("status", EnumWords.Word(alert.Status)), ("expected", string.Join(", ", expected.Select(EnumWords.Word)))));
}

/// <summary>
/// Who owns an alert: the head of the unit that owns the alert's function in the workspace's organization (the
/// accountable unit, else the first responsible one), falling back to the head of the top marketing unit (the unit
/// nearest the root that owns any marketing-area function, else the root), else nobody. A unit's head names a person
/// when the text before its first comma ("Lin Hui, CMO") is the person's name or id.
/// </summary>
public static class AlertOwners
{
    /// <summary>The owner's person, or null when the structure, the unit or its head's person is missing.</summary>
    public static Person? Resolve(OrgStructure? structure, IEnumerable<Person> people, string? function)
    {
        ArgumentNullException.ThrowIfNull(people);
        if (structure is null)
        {
            return null;
        }

        var directory = people.ToList();
        if (function is { Length: > 0 } f && OwningUnit(structure, f) is { } unit && HeadOf(unit, directory) is { } head)
        {
            return head;
        }

        return TopMarketingUnit(structure) is { } top ? HeadOf(top, directory) : null;
    }

    /// <summary>The unit that owns <paramref name="function"/>: the accountable unit, else the first responsible one, else null.</summary>
    public static OrgUnit? OwningUnit(OrgStructure structure, string function)
    {
        ArgumentNullException.ThrowIfNull(structure);
        var id = structure.WithRole(function, RaciRole.Accountable).FirstOrDefault() ?? structure.Responsible(function).FirstOrDefault();
        return id is null ? null : structure.FindUnit(id);
    }

    /// <summary>
    /// The top marketing unit: of the units responsible or accountable for a function of the marketing area, the one
    /// nearest the root (first in unit order on a tie); the root when no unit owns one.
    /// </summary>
    public static OrgUnit? TopMarketingUnit(OrgStructure structure)
    {
        ArgumentNullException.ThrowIfNull(structure);
        var marketing = structure.Ownerships
            .Where(o => o.Role is RaciRole.Responsible or RaciRole.Accountable && structure.FindFunction(o.Function)?.Area == FunctionArea.Marketing)
            .Select(o => o.Unit)
            .ToHashSet(StringComparer.Ordinal);
        return structure.Units.Where(u => marketing.Contains(u.Id)).OrderBy(u => Depth(structure, u)).FirstOrDefault() ?? structure.Root;
    }

    /// <summary>The person the unit's head names, or null.</summary>
    public static Person? HeadOf(OrgUnit unit, IReadOnlyList<Person> people)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(people);
        if (string.IsNullOrWhiteSpace(unit.Head))
        {
            return null;
        }

        var comma = unit.Head.IndexOf(',', StringComparison.Ordinal);
        var name = (comma < 0 ? unit.Head : unit.Head[..comma]).Trim();
        return people.FirstOrDefault(p => p.Name == name || p.Id == name);
    }

    private static int Depth(OrgStructure structure, OrgUnit unit)
    {
        var depth = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var u = unit; u.Parent is { } parent && seen.Add(u.Id) && structure.FindUnit(parent) is { } up; u = up)
        {
            depth++;
        }

        return depth;
    }
}

/// <summary>The alerts' collection in the document store, one document per alert id (a few thousand are expected; lists read them all).</summary>
public static class AlertDocuments
{
    /// <summary>The alerts.</summary>
    public static DocumentKind<Alert> Alerts { get; } = new("alerts", a => a.Id);
}
