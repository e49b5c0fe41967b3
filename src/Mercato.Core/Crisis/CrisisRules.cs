using System.Globalization;
using Mercato.Core.Alerts;

namespace Mercato.Core.Crisis;

/// <summary>The codes of crisis cases.</summary>
public static class CrisisCodes
{
    /// <summary>No case <c>id</c>.</summary>
    public const string NotFound = "crisis_not_found";

    /// <summary>Alert <c>alert</c> is <c>severity</c>; a case opens only from a severe alert.</summary>
    public const string NotSevere = "crisis_alert_not_severe";

    /// <summary>Alert <c>alert</c> already has case <c>case</c>.</summary>
    public const string AlertHasCase = "crisis_alert_has_case";

    /// <summary>Case <c>case</c> is <c>status</c>; the step needs <c>expected</c>.</summary>
    public const string WrongStatus = "crisis_wrong_status";

    /// <summary>Case <c>case</c> has no approved statement: responding needs one.</summary>
    public const string NoApprovedStatement = "crisis_no_approved_statement";

    /// <summary>Statement <c>statement</c> was drafted by <c>actor</c>, who may not approve it (four eyes).</summary>
    public const string FourEyes = "crisis_four_eyes";

    /// <summary>Case <c>case</c> has no statement <c>statement</c>.</summary>
    public const string StatementNotFound = "crisis_statement_not_found";

    /// <summary>Statement <c>statement</c> is already approved.</summary>
    public const string AlreadyApproved = "crisis_statement_approved";

    /// <summary>A text longer than <c>max</c> characters.</summary>
    public const string TooLong = "crisis_text_too_long";

    /// <summary>The start (<c>start</c>) is after now.</summary>
    public const string StartInFuture = "crisis_start_in_future";
}

/// <summary>
/// The rules of crisis cases (docs/listening.md, Crisis cases). A case opens from a severe alert (any other severity is
/// refused) or by hand with a title and a start. Statuses: open → responding (needs an approved statement), responding ⇄
/// monitoring, any status but closed → closed with a note (from monitoring the normal end; from open or responding an
/// executive decision); closed is final. A statement is approved by someone other than its drafter (four eyes).
/// </summary>
public static class CrisisRules
{
    /// <summary>The organization function that owns crises.</summary>
    public const string Function = "crisis_handling";

    /// <summary>The prefix of case ids.</summary>
    public const string IdPrefix = "C-";

    /// <summary>The longest title, term and note.</summary>
    public const int MaxText = 300;

    /// <summary>The longest statement.</summary>
    public const int MaxStatement = 4000;

    /// <summary>The id after the highest of <paramref name="taken"/>: <c>C-</c> and a number of at least six digits.</summary>
    public static string NextId(IEnumerable<string> taken) =>
        SequentialIds.Next(IdPrefix, taken);

    /// <summary>
    /// Opens case <paramref name="id"/> from <paramref name="alert"/>: refused (<see cref="CrisisCodes.NotSevere"/>) unless
    /// the alert is severe. The case takes the alert's subject as title, its severity, its since as window start, and the
    /// terms of its evidence's <c>term</c> details.
    /// </summary>
    public static Outcome<CrisisCase> OpenFromAlert(Alert alert, string id, string? owner, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.Severity != AlertSeverity.Severe)
        {
            return Outcome<CrisisCase>.Refused(CrisisCodes.NotSevere, MessageArgs.Of(("alert", alert.Id), ("severity", EnumWords.Word(alert.Severity))));
        }

        var terms = alert.Evidence.Details.Where(d => d.Key == "term" && !string.IsNullOrWhiteSpace(d.Value)).Select(d => d.Value.Trim()).Distinct(StringComparer.Ordinal).ToList();
        return Outcome<CrisisCase>.Ok(Opened(id, alert.Subject, alert.Severity, terms, [alert.Id], alert.Since, owner, actor, now));
    }

    /// <summary>
    /// Opens case <paramref name="id"/> by hand: a title (required, at most <see cref="MaxText"/> characters), the terms
    /// (blank ones dropped), a start not after <paramref name="now"/>.
    /// </summary>
    public static Outcome<CrisisCase> Open(
        string id, string? title, IEnumerable<string?> terms, DateTimeOffset start, AlertSeverity severity, string? owner, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var problems = new List<Problem>();
        var text = title?.Trim() ?? "";
        if (text.Length == 0)
        {
            problems.Add(new Problem("title", CommonCodes.Required));
        }
        else if (text.Length > MaxText)
        {
            problems.Add(Problem.Of("title", CrisisCodes.TooLong, ("max", MaxText)));
        }

        var kept = terms.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (kept.Any(t => t.Length > MaxText))
        {
            problems.Add(Problem.Of("term", CrisisCodes.TooLong, ("max", MaxText)));
        }

        if (start > now)
        {
            problems.Add(Problem.Of("from", CrisisCodes.StartInFuture, ("start", start.ToString("O", CultureInfo.InvariantCulture))));
        }

        return problems.Count > 0
            ? Outcome<CrisisCase>.Invalid(problems)
            : Outcome<CrisisCase>.Ok(Opened(id, text, severity, kept, [], start, owner, actor, now));
    }

    /// <summary>Drafts a statement (text required, at most <see cref="MaxStatement"/> characters) on a case that is not closed; its id is <c>S</c> and the next number.</summary>
    public static Outcome<CrisisCase> Draft(CrisisCase crisis, StatementKind kind, string? text, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        if (crisis.Status == CrisisStatus.Closed)
        {
            return WrongStatus(crisis, [CrisisStatus.Open, CrisisStatus.Responding, CrisisStatus.Monitoring]);
        }

        var words = text?.Trim() ?? "";
        if (words.Length == 0)
        {
            return Outcome<CrisisCase>.Invalid([new Problem("text", CommonCodes.Required)]);
        }

        if (words.Length > MaxStatement)
        {
            return Outcome<CrisisCase>.Invalid([Problem.Of("text", CrisisCodes.TooLong, ("max", MaxStatement))]);
        }

        var id = "S" + (crisis.Statements.Count + 1).ToString(CultureInfo.InvariantCulture);
        return Outcome<CrisisCase>.Ok(crisis with
        {
            Statements = [.. crisis.Statements, new CrisisStatement(id, kind, words, actor, now)],
            History = [.. crisis.History, new CrisisChange(now, actor, CrisisAction.Drafted, crisis.Status, crisis.Status, id)],
        });
    }

    /// <summary>
    /// Approves a draft statement of a case that is not closed: not found without it, refused when already approved or when
    /// <paramref name="actor"/> drafted it (four eyes); records who and when.
    /// </summary>
    public static Outcome<CrisisCase> Approve(CrisisCase crisis, string statementId, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        if (crisis.Status == CrisisStatus.Closed)
        {
            return WrongStatus(crisis, [CrisisStatus.Open, CrisisStatus.Responding, CrisisStatus.Monitoring]);
        }

        if (crisis.Statements.FirstOrDefault(s => s.Id == statementId) is not { } statement)
        {
            return Outcome<CrisisCase>.NotFound(CrisisCodes.StatementNotFound, MessageArgs.Of(("case", crisis.Id), ("statement", statementId)));
        }

        if (statement.IsApproved)
        {
            return Outcome<CrisisCase>.Refused(CrisisCodes.AlreadyApproved, MessageArgs.Of(("statement", statement.Id)));
        }

        if (string.Equals(statement.DraftedBy, actor, StringComparison.Ordinal))
        {
            return Outcome<CrisisCase>.Refused(CrisisCodes.FourEyes, MessageArgs.Of(("statement", statement.Id), ("actor", actor)));
        }

        var approved = statement with { ApprovedBy = actor, ApprovedAt = now };
        return Outcome<CrisisCase>.Ok(crisis with
        {
            Statements = [.. crisis.Statements.Select(s => s.Id == statementId ? approved : s)],
            History = [.. crisis.History, new CrisisChange(now, actor, CrisisAction.Approved, crisis.Status, crisis.Status, statement.Id)],
        });
    }

    /// <summary>
    /// Moves a case to <paramref name="to"/>: open → responding (refused without an approved statement), responding →
    /// monitoring, monitoring → responding (it flared up again); closing goes through <see cref="Close"/>.
    /// </summary>
    public static Outcome<CrisisCase> Advance(CrisisCase crisis, CrisisStatus to, string actor, DateTimeOffset now, string? note)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        if (to == CrisisStatus.Closed)
        {
            return Close(crisis, actor, now, note);
        }

        CrisisStatus[] from = to switch
        {
            CrisisStatus.Responding => [CrisisStatus.Open, CrisisStatus.Monitoring],
            CrisisStatus.Monitoring => [CrisisStatus.Responding],
            _ => [],
        };
        if (!from.Contains(crisis.Status))
        {
            return WrongStatus(crisis, from);
        }

        if (to == CrisisStatus.Responding && !crisis.Statements.Any(s => s.IsApproved))
        {
            return Outcome<CrisisCase>.Refused(CrisisCodes.NoApprovedStatement, MessageArgs.Of(("case", crisis.Id)));
        }

        if (Note(note) is { } bad)
        {
            return bad;
        }

        return Outcome<CrisisCase>.Ok(crisis with
        {
            Status = to,
            History = [.. crisis.History, new CrisisChange(now, actor, CrisisAction.StatusChanged, crisis.Status, to, null, Trimmed(note))],
        });
    }

    /// <summary>
    /// Closes a case that is not closed, with a note (required, at most <see cref="MaxText"/> characters): from monitoring
    /// the normal end, from open or responding an executive decision.
    /// </summary>
    public static Outcome<CrisisCase> Close(CrisisCase crisis, string actor, DateTimeOffset now, string? note)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        if (crisis.Status == CrisisStatus.Closed)
        {
            return WrongStatus(crisis, [CrisisStatus.Open, CrisisStatus.Responding, CrisisStatus.Monitoring]);
        }

        if (Trimmed(note) is null)
        {
            return Outcome<CrisisCase>.Invalid([new Problem("note", CommonCodes.Required)]);
        }

        if (Note(note) is { } bad)
        {
            return bad;
        }

        return Outcome<CrisisCase>.Ok(crisis with
        {
            Status = CrisisStatus.Closed,
            ClosedAt = now,
            History = [.. crisis.History, new CrisisChange(now, actor, CrisisAction.Closed, crisis.Status, CrisisStatus.Closed, null, Trimmed(note))],
        });
    }

    private static CrisisCase Opened(
        string id, string title, AlertSeverity severity, IReadOnlyList<string> terms, IReadOnlyList<string> alerts, DateTimeOffset start, string? owner, string actor, DateTimeOffset now) =>
        new()
        {
            Id = id,
            Title = title,
            Severity = severity,
            OpenedAt = now,
            OpenedBy = actor,
            Owner = owner,
            Alerts = alerts,
            Terms = terms,
            WindowStart = start,
            History = [new CrisisChange(now, actor, CrisisAction.Opened, null, CrisisStatus.Open)],
        };

    private static Outcome<CrisisCase>? Note(string? note) =>
        Trimmed(note) is { Length: > MaxText } ? Outcome<CrisisCase>.Invalid([Problem.Of("note", CrisisCodes.TooLong, ("max", MaxText))]) : null;

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static Outcome<CrisisCase> WrongStatus(CrisisCase crisis, CrisisStatus[] expected) =>
        Outcome<CrisisCase>.Refused(CrisisCodes.WrongStatus, MessageArgs.Of(
            ("case", crisis.Id), ("status", EnumWords.Word(crisis.Status)), ("expected", string.Join(", ", expected.Select(EnumWords.Word)))));
}
