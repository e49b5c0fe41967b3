using System.Text.Json.Serialization;
using Mercato.Core.Alerts;

namespace Mercato.Core.Crisis;

/// <summary>Where a crisis case stands; written <c>open</c>, <c>responding</c>, <c>monitoring</c>, <c>closed</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CrisisStatus>))]
public enum CrisisStatus
{
    /// <summary>Opened; no statement is out yet.</summary>
    [JsonStringEnumMemberName("open")]
    Open,

    /// <summary>An approved statement is out; the team answers.</summary>
    [JsonStringEnumMemberName("responding")]
    Responding,

    /// <summary>Answered; the team watches whether it calms down.</summary>
    [JsonStringEnumMemberName("monitoring")]
    Monitoring,

    /// <summary>Over, with a note; final.</summary>
    [JsonStringEnumMemberName("closed")]
    Closed,
}

/// <summary>What a statement is; written <c>holding_statement</c>, <c>response</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StatementKind>))]
public enum StatementKind
{
    /// <summary>The first, short statement: we know, we look into it.</summary>
    [JsonStringEnumMemberName("holding_statement")]
    HoldingStatement,

    /// <summary>A fuller answer.</summary>
    [JsonStringEnumMemberName("response")]
    Response,
}

/// <summary>What happened to a case; written <c>opened</c>, <c>drafted</c>, <c>approved</c>, <c>status_changed</c>, <c>closed</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CrisisAction>))]
public enum CrisisAction
{
    /// <summary>The case was opened.</summary>
    [JsonStringEnumMemberName("opened")]
    Opened,

    /// <summary>A statement was drafted.</summary>
    [JsonStringEnumMemberName("drafted")]
    Drafted,

    /// <summary>A statement was approved.</summary>
    [JsonStringEnumMemberName("approved")]
    Approved,

    /// <summary>The status changed (other than closing).</summary>
    [JsonStringEnumMemberName("status_changed")]
    StatusChanged,

    /// <summary>The case was closed.</summary>
    [JsonStringEnumMemberName("closed")]
    Closed,
}

/// <summary>A statement of a case: drafted by one person, approved by another (four eyes).</summary>
/// <param name="Id">Its id in the case: <c>S1</c>, <c>S2</c>, ...</param>
/// <param name="Kind">Holding statement or response.</param>
/// <param name="Text">The words.</param>
/// <param name="DraftedBy">Who drafted it.</param>
/// <param name="DraftedAt">When.</param>
/// <param name="ApprovedBy">Who approved it; null while a draft.</param>
/// <param name="ApprovedAt">When; given exactly when <paramref name="ApprovedBy"/> is.</param>
public sealed record CrisisStatement(
    string Id, StatementKind Kind, string Text, string DraftedBy, DateTimeOffset DraftedAt, string? ApprovedBy = null, DateTimeOffset? ApprovedAt = null)
{
    /// <summary>Whether it is approved.</summary>
    [JsonIgnore]
    public bool IsApproved => ApprovedAt is not null;
}

/// <summary>One event of a case: who, when, what, the status before and after, the statement concerned, and the note.</summary>
/// <param name="At">When.</param>
/// <param name="Actor">Who.</param>
/// <param name="Action">What happened.</param>
/// <param name="From">The status before; null when opened.</param>
/// <param name="To">The status after.</param>
/// <param name="Statement">The statement drafted or approved; null otherwise.</param>
/// <param name="Note">The note of a status change or a closing.</param>
public sealed record CrisisChange(DateTimeOffset At, string Actor, CrisisAction Action, CrisisStatus? From, CrisisStatus To, string? Statement = null, string? Note = null);

/// <summary>
/// A crisis case (docs/listening.md, Crisis cases): opened from a severe alert or by hand, owned by the head of the unit
/// handling crises, with its statements and the history of every change. Changed only through <see cref="CrisisRules"/>.
/// </summary>
public sealed record CrisisCase
{
    /// <summary>A short sortable id, <c>C-000001</c>.</summary>
    public required string Id { get; init; }

    /// <summary>One line for people.</summary>
    public required string Title { get; init; }

    /// <summary>How severe (a case from an alert takes the alert's).</summary>
    public required AlertSeverity Severity { get; init; }

    /// <summary>Where it stands.</summary>
    public CrisisStatus Status { get; init; } = CrisisStatus.Open;

    /// <summary>When the case was opened.</summary>
    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>Who opened it.</summary>
    public required string OpenedBy { get; init; }

    /// <summary>The owner's person id (<see cref="AlertOwners.Resolve"/> for <see cref="CrisisRules.Function"/>); null when nobody could be found.</summary>
    public string? Owner { get; init; }

    /// <summary>The alerts it came from.</summary>
    public IReadOnlyList<string> Alerts { get; init; } = [];

    /// <summary>The watched terms it is about (as the watch list and stored mentions name them); empty: every mention.</summary>
    public IReadOnlyList<string> Terms { get; init; } = [];

    /// <summary>When the crisis began (the alert's since, or the given start).</summary>
    public required DateTimeOffset WindowStart { get; init; }

    /// <summary>The statements, in the order drafted.</summary>
    public IReadOnlyList<CrisisStatement> Statements { get; init; } = [];

    /// <summary>Every change, oldest first.</summary>
    public IReadOnlyList<CrisisChange> History { get; init; } = [];

    /// <summary>When it was closed; null while not.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>When the first statement was approved (the first response); null before.</summary>
    [JsonIgnore]
    public DateTimeOffset? FirstResponseAt => Statements.Where(s => s.ApprovedAt is not null).Select(s => s.ApprovedAt).Min();
}

/// <summary>The crisis cases' collection in the document store, one document per case id.</summary>
public static class CrisisDocuments
{
    /// <summary>The cases.</summary>
    public static DocumentKind<CrisisCase> Cases { get; } = new("crisis_cases", c => c.Id);
}
