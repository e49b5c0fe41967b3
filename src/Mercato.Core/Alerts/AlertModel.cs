using System.Text.Json.Serialization;

namespace Mercato.Core.Alerts;

/// <summary>What an alert is about; written <c>listening_spike</c>, <c>negative_surge</c>, <c>risk_term</c>, <c>ad_anomaly</c>, <c>invalid_traffic</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertKind>))]
public enum AlertKind
{
    /// <summary>Mentions rose far above their expected level.</summary>
    [JsonStringEnumMemberName("listening_spike")]
    ListeningSpike,

    /// <summary>The share of negative mentions rose far above its expected level.</summary>
    [JsonStringEnumMemberName("negative_surge")]
    NegativeSurge,

    /// <summary>A risk term of the watch list was mentioned.</summary>
    [JsonStringEnumMemberName("risk_term")]
    RiskTerm,

    /// <summary>Ad delivery moved far from its expected level (spend, price, clicks).</summary>
    [JsonStringEnumMemberName("ad_anomaly")]
    AdAnomaly,

    /// <summary>Traffic that looks invalid (bots, click farms).</summary>
    [JsonStringEnumMemberName("invalid_traffic")]
    InvalidTraffic,
}

/// <summary>How urgent an alert is; written <c>info</c>, <c>warning</c>, <c>severe</c>, in rising order.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertSeverity>))]
public enum AlertSeverity
{
    /// <summary>Worth a look.</summary>
    [JsonStringEnumMemberName("info")]
    Info,

    /// <summary>Needs attention today.</summary>
    [JsonStringEnumMemberName("warning")]
    Warning,

    /// <summary>Needs attention now.</summary>
    [JsonStringEnumMemberName("severe")]
    Severe,
}

/// <summary>Where an alert stands; written <c>new</c>, <c>acknowledged</c>, <c>resolved</c>, <c>dismissed</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertStatus>))]
public enum AlertStatus
{
    /// <summary>Opened, nobody has taken it yet.</summary>
    [JsonStringEnumMemberName("new")]
    New,

    /// <summary>Someone has taken it.</summary>
    [JsonStringEnumMemberName("acknowledged")]
    Acknowledged,

    /// <summary>Handled; closed for good.</summary>
    [JsonStringEnumMemberName("resolved")]
    Resolved,

    /// <summary>Not worth handling, with the reason; closed for good.</summary>
    [JsonStringEnumMemberName("dismissed")]
    Dismissed,
}

/// <summary>
/// What a source found. <paramref name="Key"/> identifies the same finding across evaluations (e.g.
/// <c>listening_spike:召回:2026-03-14T08</c>), so re-evaluating updates an open alert instead of opening a second one.
/// </summary>
/// <param name="Kind">What it is about.</param>
/// <param name="Key">The finding's identity across evaluations; a closed alert with the same key is never reopened, so put the time window in the key.</param>
/// <param name="Severity">How urgent.</param>
/// <param name="Subject">One line for people ("Mentions of 召回 at 5× the usual level").</param>
/// <param name="Since">When the finding began.</param>
/// <param name="Evidence">What moved and how far.</param>
/// <param name="OwnerFunction">The organization function that owns the finding (<c>public_opinion_monitoring</c>, <c>crisis_handling</c>, <c>ad_delivery</c> ...); null for the top marketing unit.</param>
public sealed record AlertCandidate(AlertKind Kind, string Key, AlertSeverity Severity, string Subject, DateTimeOffset Since, AlertEvidence Evidence, string? OwnerFunction);

/// <summary>Evidence: what moved, how far from expected, since when, the money involved when known, and free details shown as a table.</summary>
/// <param name="Measure">What was measured ("mentions per hour").</param>
/// <param name="Value">The value observed.</param>
/// <param name="Expected">The value expected.</param>
/// <param name="Score">How far from expected, in the source's unit (a z-score, a ratio).</param>
/// <param name="Start">When the movement started.</param>
/// <param name="End">When it ended; null while it goes on.</param>
/// <param name="Peak">When it peaked.</param>
/// <param name="MoneyAtStake">The money involved, when known.</param>
/// <param name="Details">Free details, in order, shown as a two-column table.</param>
public sealed record AlertEvidence(
    string Measure, double Value, double Expected, double Score, DateTimeOffset Start, DateTimeOffset? End, DateTimeOffset Peak, decimal? MoneyAtStake,
    IReadOnlyList<KeyValuePair<string, string>> Details);

/// <summary>A source of findings; the host registers each in DI as <see cref="IAlertSource"/>.</summary>
public interface IAlertSource
{
    /// <summary>The source's name, shown with its alerts and its failures (<c>listening</c>, <c>ad_monitoring</c>).</summary>
    string Name { get; }

    /// <summary>What the source finds at <paramref name="now"/>; the alert center opens or updates an alert per candidate.</summary>
    Task<IReadOnlyList<AlertCandidate>> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>How an alert is delivered; written <c>webhook</c>, <c>email</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertChannel>))]
public enum AlertChannel
{
    /// <summary>A signed JSON POST.</summary>
    [JsonStringEnumMemberName("webhook")]
    Webhook,

    /// <summary>An e-mail over SMTP.</summary>
    [JsonStringEnumMemberName("email")]
    Email,
}

/// <summary>Why an alert is delivered; written <c>alert.opened</c>, <c>alert.escalated</c> (the webhook's event header).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertEvent>))]
public enum AlertEvent
{
    /// <summary>A new alert.</summary>
    [JsonStringEnumMemberName("alert.opened")]
    Opened,

    /// <summary>An open alert's severity rose.</summary>
    [JsonStringEnumMemberName("alert.escalated")]
    Escalated,
}

/// <summary>What happened to an alert; written <c>opened</c>, <c>escalated</c>, <c>acknowledged</c>, <c>resolved</c>, <c>dismissed</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertAction>))]
public enum AlertAction
{
    /// <summary>Opened by an evaluation.</summary>
    [JsonStringEnumMemberName("opened")]
    Opened,

    /// <summary>Its severity rose at an evaluation.</summary>
    [JsonStringEnumMemberName("escalated")]
    Escalated,

    /// <summary>Taken by someone.</summary>
    [JsonStringEnumMemberName("acknowledged")]
    Acknowledged,

    /// <summary>Handled.</summary>
    [JsonStringEnumMemberName("resolved")]
    Resolved,

    /// <summary>Dismissed with a reason.</summary>
    [JsonStringEnumMemberName("dismissed")]
    Dismissed,
}

/// <summary>One change of an alert: who, when, what, the status before and after, and what they said.</summary>
/// <param name="At">When.</param>
/// <param name="Actor">Who (the acting person; the evaluation's actor for opened and escalated).</param>
/// <param name="Action">What happened.</param>
/// <param name="From">The status before; null when opened.</param>
/// <param name="To">The status after.</param>
/// <param name="Severity">The severity after the change.</param>
/// <param name="Note">The note of a resolution or the reason of a dismissal.</param>
public sealed record AlertChange(DateTimeOffset At, string Actor, AlertAction Action, AlertStatus? From, AlertStatus To, AlertSeverity Severity, string? Note = null);

/// <summary>One delivery attempt: where, when, whether it went through, and the HTTP status or the error.</summary>
/// <param name="Channel">Webhook or e-mail.</param>
/// <param name="Event">Why it was sent.</param>
/// <param name="At">When the attempt started.</param>
/// <param name="Attempt">1 for the first try, 2 for the first retry, ...</param>
/// <param name="Ok">Whether the receiver took it (a 2xx answer, an accepted message).</param>
/// <param name="HttpStatus">The HTTP status of a webhook's answer, when there was one.</param>
/// <param name="Error">What went wrong, as the transport said it (a timeout, a refused connection); null when ok.</param>
public sealed record AlertDelivery(AlertChannel Channel, AlertEvent Event, DateTimeOffset At, int Attempt, bool Ok, int? HttpStatus = null, string? Error = null);

/// <summary>
/// An alert of the alert center (docs/alerts.md): a finding of a source, with its evidence, owner, status, the history of
/// its changes and every delivery attempt. Changed only through <see cref="AlertRules"/>.
/// </summary>
public sealed record Alert
{
    /// <summary>A short sortable id, <c>A-000001</c> (<see cref="AlertRules.NextId"/>).</summary>
    public required string Id { get; init; }

    /// <summary>What it is about.</summary>
    public required AlertKind Kind { get; init; }

    /// <summary>The finding's identity across evaluations (<see cref="AlertCandidate.Key"/>).</summary>
    public required string Key { get; init; }

    /// <summary>How urgent; only ever raised.</summary>
    public required AlertSeverity Severity { get; init; }

    /// <summary>One line for people.</summary>
    public required string Subject { get; init; }

    /// <summary>The source that found it.</summary>
    public required string Source { get; init; }

    /// <summary>When the finding began.</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>The latest evidence.</summary>
    public required AlertEvidence Evidence { get; init; }

    /// <summary>When the alert was opened.</summary>
    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>When an evaluation last found it.</summary>
    public required DateTimeOffset LastSeenAt { get; init; }

    /// <summary>The function that owns it, as the source said.</summary>
    public string? OwnerFunction { get; init; }

    /// <summary>The owner's person id (<see cref="AlertOwners.Resolve"/>); null when nobody could be found.</summary>
    public string? Owner { get; init; }

    /// <summary>Where it stands.</summary>
    public AlertStatus Status { get; init; } = AlertStatus.New;

    /// <summary>Every change, oldest first.</summary>
    public IReadOnlyList<AlertChange> History { get; init; } = [];

    /// <summary>Every delivery attempt, oldest first.</summary>
    public IReadOnlyList<AlertDelivery> Deliveries { get; init; } = [];

    /// <summary>Whether the alert is still open (new or acknowledged).</summary>
    [JsonIgnore]
    public bool IsOpen => Status is AlertStatus.New or AlertStatus.Acknowledged;
}
