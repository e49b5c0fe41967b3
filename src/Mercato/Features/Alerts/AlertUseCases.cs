using Mercato.Core.Access;
using Mercato.Core.Alerts;
using Mercato.Core.Campaigns;
using Mercato.Core.Organization;
using Mercato.Features.Access;

namespace Mercato.Features.Alerts;

/// <summary>An alert as the front doors show it: the stored alert with its version and its owner's name.</summary>
/// <param name="Alert">The alert.</param>
/// <param name="Version">Its document version.</param>
/// <param name="OwnerName">The owner's name in the people directory; null without an owner.</param>
public sealed record AlertEntry(Alert Alert, long Version, string? OwnerName);

/// <summary>What one evaluation did.</summary>
/// <param name="At">When it ran.</param>
/// <param name="Sources">The names of the sources asked, in registration order.</param>
/// <param name="Candidates">Candidates taken.</param>
/// <param name="Opened">The ids of the alerts opened.</param>
/// <param name="Updated">The ids of the open alerts updated without a change of severity.</param>
/// <param name="Escalated">The ids of the open alerts whose severity rose.</param>
/// <param name="Closed">Candidates that matched a resolved or dismissed alert and changed nothing.</param>
/// <param name="Delivered">Deliveries that went through (one per alert and channel).</param>
/// <param name="Failed">Deliveries that failed after every attempt (the attempts are on the alerts).</param>
/// <param name="Problems">Sources that failed and candidates skipped, each with its code; the rest went on.</param>
public sealed record AlertEvaluation(
    DateTimeOffset At, IReadOnlyList<string> Sources, int Candidates, IReadOnlyList<string> Opened, IReadOnlyList<string> Updated,
    IReadOnlyList<string> Escalated, int Closed, int Delivered, int Failed, IReadOnlyList<Problem> Problems);

/// <summary>
/// The alert center for every front door (docs/alerts.md): lists and reads alerts, moves them through their statuses
/// (<see cref="AlertRules"/>), evaluates every registered <see cref="IAlertSource"/> into new or updated alerts with
/// their owners (<see cref="AlertOwners"/>), delivers opened and escalated ones (<see cref="AlertSender"/>), and keeps
/// the center's settings. Reading needs <see cref="Permission.ReadReports"/>; handling alerts, saving the settings and
/// evaluating on demand, <see cref="Permission.WriteShared"/>. The server's own evaluations (the schedule, after an
/// import) go through <see cref="EvaluateForServerAsync"/> and <see cref="SettingsForServerAsync"/>, which check nothing:
/// an import by an analyst or an <c>import</c>-scoped token still evaluates the alerts it may not handle by hand.
/// </summary>
public sealed partial class AlertUseCases(
    IDocumentStore documents, IEnumerable<IAlertSource> sources, AlertSender sender, ICurrentUser user, TimeProvider time, OutcomeLog log,
    ILogger<AlertUseCases> logger, AccessGuard guard)
{
    // One evaluation at a time in a process: two at once (the schedule and an import) would open the same key twice.
    private readonly SemaphoreSlim _evaluating = new(1, 1);

    /// <summary>Whether any source is registered (an evaluation without sources has nothing to do).</summary>
    public bool HasSources => sources.Any();

    /// <summary>The names of the registered sources.</summary>
    public IReadOnlyList<string> SourceNames => [.. sources.Select(s => s.Name)];

    /// <summary>
    /// A filter from the words of a query, a command line or a form (blank: no filter); invalid
    /// (<see cref="CommonCodes.NotOneOf"/> with the expected words) for a word that is not a status, kind or severity.
    /// </summary>
    public static Outcome<AlertFilter> Filter(string? status, string? kind, string? severity)
    {
        var problems = new List<Problem>();
        var s = Word<AlertStatus>("status", status, problems);
        var k = Word<AlertKind>("kind", kind, problems);
        var v = Word<AlertSeverity>("severity", severity, problems);
        return problems.Count > 0 ? Outcome<AlertFilter>.Invalid(problems) : Outcome<AlertFilter>.Ok(new AlertFilter(s, k, v));
    }

    /// <summary>The alerts that pass <paramref name="filter"/>, newest first, with their owners' names.</summary>
    public async Task<IReadOnlyList<AlertEntry>> ListAsync(AlertFilter filter, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        ArgumentNullException.ThrowIfNull(filter);
        var stored = await documents.ListAsync(AlertDocuments.Alerts, cancellationToken).ConfigureAwait(false);
        var versions = stored.ToDictionary(v => v.Value.Id, v => v.Version, StringComparer.Ordinal);
        var names = await OwnerNamesAsync(cancellationToken).ConfigureAwait(false);
        return [.. filter.Apply(stored.Select(v => v.Value)).Select(a => new AlertEntry(a, versions[a.Id], a.Owner is { } o ? names.GetValueOrDefault(o) : null))];
    }

    /// <summary>One alert, or not found (<see cref="AlertCodes.NotFound"/>).</summary>
    public async Task<Outcome<AlertEntry>> GetAsync(string id, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        if (await documents.GetAsync(AlertDocuments.Alerts, id, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return Outcome<AlertEntry>.NotFound(AlertCodes.NotFound, MessageArgs.Of(("id", id)));
        }

        var names = await OwnerNamesAsync(cancellationToken).ConfigureAwait(false);
        return Outcome<AlertEntry>.Ok(new AlertEntry(stored.Value, stored.Version, stored.Value.Owner is { } o ? names.GetValueOrDefault(o) : null));
    }

    /// <summary>Acknowledges a new alert (<see cref="AlertRules.Acknowledge"/>).</summary>
    public Task<Outcome<AlertEntry>> AcknowledgeAsync(string id, long? expectedVersion, CancellationToken cancellationToken)
    {
        guard.Require(Permission.WriteShared);
        return ApplyAsync("alert acknowledge", id, expectedVersion, a => AlertRules.Acknowledge(a, user.Name, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>Resolves an open alert with an optional note (<see cref="AlertRules.Resolve"/>).</summary>
    public Task<Outcome<AlertEntry>> ResolveAsync(string id, string? note, long? expectedVersion, CancellationToken cancellationToken)
    {
        guard.Require(Permission.WriteShared);
        return ApplyAsync("alert resolve", id, expectedVersion, a => AlertRules.Resolve(a, user.Name, time.GetUtcNow(), note), cancellationToken);
    }

    /// <summary>Dismisses an open alert with a reason (<see cref="AlertRules.Dismiss"/>): invalid without one.</summary>
    public Task<Outcome<AlertEntry>> DismissAsync(string id, string? reason, long? expectedVersion, CancellationToken cancellationToken)
    {
        guard.Require(Permission.WriteShared);
        return ApplyAsync("alert dismiss", id, expectedVersion, a => AlertRules.Dismiss(a, user.Name, time.GetUtcNow(), reason), cancellationToken);
    }

    /// <summary>The center's settings with their version (the defaults at version 0 until saved).</summary>
    public Task<Versioned<AlertSettings>> SettingsAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return SettingsForServerAsync(cancellationToken);
    }

    /// <summary><see cref="SettingsAsync"/> without its check: for the server's schedule and for deliveries.</summary>
    internal async Task<Versioned<AlertSettings>> SettingsForServerAsync(CancellationToken cancellationToken) =>
        await documents.GetAsync(AlertSettings.Document, AlertSettings.Id, cancellationToken).ConfigureAwait(false)
            ?? new Versioned<AlertSettings>(AlertSettings.Default, 0, "", "");

    /// <summary>Saves the settings: invalid by <see cref="AlertSettings.Problems"/>; moved meanwhile when not at <paramref name="expectedVersion"/>.</summary>
    public async Task<Outcome<AlertSettings>> SaveSettingsAsync(AlertSettings settings, long? expectedVersion, CancellationToken cancellationToken)
    {
        guard.Require(Permission.WriteShared);
        ArgumentNullException.ThrowIfNull(settings);
        settings = settings with
        {
            WebhookUrl = Blank(settings.WebhookUrl), WebhookSecret = Blank(settings.WebhookSecret), SmtpHost = Blank(settings.SmtpHost),
            SmtpFrom = Blank(settings.SmtpFrom), SmtpTo = Blank(settings.SmtpTo), SmtpUser = Blank(settings.SmtpUser), SmtpPassword = Blank(settings.SmtpPassword),
        };
        if (settings.Problems() is { Count: > 0 } problems)
        {
            return log.Noted(Outcome<AlertSettings>.Invalid(problems), "alert settings save", AlertSettings.Id);
        }

        var commit = await documents.CommitAsync([DocumentChange.Put(AlertSettings.Document, settings, expectedVersion)], user, cancellationToken).ConfigureAwait(false);
        return log.Noted(commit.Committed ? Outcome<AlertSettings>.Ok(settings) : Outcome<AlertSettings>.MovedMeanwhile(MessageArgs.Of(("settings", AlertSettings.Id))),
            "alert settings save", AlertSettings.Id);
    }

    /// <summary>
    /// Runs every registered source, one after the other: each candidate opens an alert or updates the open one with its
    /// key (<see cref="AlertRules.Merge"/>), the owner resolved from the organization (<see cref="AlertOwners.Resolve"/>);
    /// then opened and escalated alerts are delivered by the configured channels, every attempt recorded on the alert.
    /// A source that throws is logged and reported in <see cref="AlertEvaluation.Problems"/>; the others still run.
    /// </summary>
    public Task<AlertEvaluation> EvaluateAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.WriteShared);
        return EvaluateForServerAsync(cancellationToken);
    }

    /// <summary>
    /// <see cref="EvaluateAsync"/> without its check: the server's own runs (the schedule, the evaluation after an import),
    /// which follow the data, not the acting person's rights.
    /// </summary>
    internal async Task<AlertEvaluation> EvaluateForServerAsync(CancellationToken cancellationToken)
    {
        await _evaluating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await EvaluateCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _evaluating.Release();
        }
    }

    private async Task<AlertEvaluation> EvaluateCoreAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var problems = new List<Problem>();
        var found = new List<(string Source, AlertCandidate Candidate)>();
        var names = new List<string>();
        foreach (var source in sources)
        {
            names.Add(source.Name);
            try
            {
                var candidates = await source.EvaluateAsync(now, cancellationToken).ConfigureAwait(false);
                foreach (var candidate in candidates ?? [])
                {
                    if (candidate is null || AlertRules.CandidateProblem(candidate, source.Name) is { } bad)
                    {
                        problems.Add(Problem.Of("candidates", AlertCodes.BadCandidate, ("source", source.Name), ("key", candidate?.Key ?? "")));
                        continue;
                    }

                    found.Add((source.Name, candidate));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.SourceFailed(logger, source.Name, e);
                problems.Add(Problem.Of("sources", AlertCodes.SourceFailed, ("source", source.Name), ("error", e.Message)));
            }
        }

        if (found.Count == 0)
        {
            return new AlertEvaluation(now, names, 0, [], [], [], 0, 0, 0, problems);
        }

        var stored = (await documents.ListAsync(AlertDocuments.Alerts, cancellationToken).ConfigureAwait(false)).ToDictionary(v => v.Value.Id, StringComparer.Ordinal);
        var byKey = stored.Values.GroupBy(v => v.Value.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(v => v.Value).ToList(), StringComparer.Ordinal);
        var structure = (await documents.GetAsync(OrganizationDocuments.Structure, OrganizationDocuments.StructureId, cancellationToken).ConfigureAwait(false))?.Value;
        var people = await documents.ValuesAsync(CampaignDocuments.People, cancellationToken).ConfigureAwait(false);
        var taken = stored.Keys.ToList();
        var changes = new Dictionary<string, (Alert Alert, long Version)>(StringComparer.Ordinal);
        var deliver = new List<(string Id, AlertEvent Event)>();
        var opened = new List<string>();
        var updated = new List<string>();
        var escalated = new List<string>();
        var closed = 0;
        foreach (var (source, candidate) in found)
        {
            var sameKey = byKey.GetValueOrDefault(candidate.Key) ?? [];
            var newId = AlertRules.NextId(taken);
            var owner = AlertOwners.Resolve(structure, people, candidate.OwnerFunction)?.Id;
            var merge = AlertRules.Merge(sameKey, candidate, source, newId, owner, user.Name, now);
            switch (merge.Kind)
            {
                case AlertMergeKind.Closed:
                    closed++;
                    continue;
                case AlertMergeKind.Opened:
                    taken.Add(newId);
                    opened.Add(newId);
                    break;
                case AlertMergeKind.Escalated:
                    AddOnce(escalated, merge.Alert.Id);
                    break;
                default:
                    AddOnce(updated, merge.Alert.Id);
                    break;
            }

            var version = changes.TryGetValue(merge.Alert.Id, out var earlier) ? earlier.Version : stored.GetValueOrDefault(merge.Alert.Id)?.Version ?? 0;
            changes[merge.Alert.Id] = (merge.Alert, version);
            byKey[candidate.Key] = [.. sameKey.Where(a => a.Id != merge.Alert.Id), merge.Alert];
            // One delivery per alert and evaluation: an alert opened and escalated by two candidates is delivered as opened,
            // with the severity it has when it is sent.
            if (merge.Deliver is { } evt && !deliver.Any(d => d.Id == merge.Alert.Id))
            {
                deliver.Add((merge.Alert.Id, evt));
            }
        }

        updated.RemoveAll(escalated.Contains);
        var commit = await documents.CommitAsync([.. changes.Values.Select(c => DocumentChange.Put(AlertDocuments.Alerts, c.Alert, c.Version))], user, cancellationToken)
            .ConfigureAwait(false);
        if (!commit.Committed)
        {
            // Someone changed an alert between the read and the write (a person acknowledging it, another process evaluating):
            // nothing of this evaluation was written; the next one starts from what is stored.
            problems.Add(Problem.Of("alerts", CommonCodes.MovedMeanwhile, ("alert", commit.Conflict?.Id)));
            return new AlertEvaluation(now, names, found.Count, [], [], [], closed, 0, 0, problems);
        }

        Log.Evaluated(logger, found.Count, opened.Count, updated.Count, escalated.Count, closed);
        var (delivered, failed) = await DeliverAsync(deliver, cancellationToken).ConfigureAwait(false);
        return new AlertEvaluation(now, names, found.Count, opened, updated, escalated, closed, delivered, failed, problems);
    }

    /// <summary>Delivers each alert by every configured channel and records the attempts on it; the alert stays whatever happens.</summary>
    private async Task<(int Delivered, int Failed)> DeliverAsync(IReadOnlyList<(string Id, AlertEvent Event)> deliveries, CancellationToken cancellationToken)
    {
        var settings = (await SettingsForServerAsync(cancellationToken).ConfigureAwait(false)).Value;
        if (deliveries.Count == 0 || !(settings.WebhookOn || settings.EmailOn))
        {
            return (0, 0);
        }

        var names = await OwnerNamesAsync(cancellationToken).ConfigureAwait(false);
        int delivered = 0, failed = 0;
        foreach (var (id, evt) in deliveries)
        {
            if (await documents.GetAsync(AlertDocuments.Alerts, id, cancellationToken).ConfigureAwait(false) is not { } stored)
            {
                continue;
            }

            var entry = new AlertEntry(stored.Value, stored.Version, stored.Value.Owner is { } o ? names.GetValueOrDefault(o) : null);
            var attempts = await sender.SendAsync(entry, evt, settings, cancellationToken).ConfigureAwait(false);
            foreach (var channel in attempts.GroupBy(a => a.Channel))
            {
                if (channel.Any(a => a.Ok))
                {
                    delivered++;
                }
                else
                {
                    failed++;
                    Log.DeliveryFailed(logger, id, EnumWords.Word(channel.Key), channel.Last().Error ?? channel.Last().HttpStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
                }
            }

            await RecordAsync(id, attempts, cancellationToken).ConfigureAwait(false);
        }

        return (delivered, failed);
    }

    /// <summary>Appends the attempts to the alert as stored now (a person may have acknowledged it meanwhile).</summary>
    private async Task RecordAsync(string id, IReadOnlyList<AlertDelivery> attempts, CancellationToken cancellationToken)
    {
        for (var tries = 0; tries < 5; tries++)
        {
            if (await documents.GetAsync(AlertDocuments.Alerts, id, cancellationToken).ConfigureAwait(false) is not { } stored)
            {
                return;
            }

            var done = await documents.CommitAsync([DocumentChange.Put(AlertDocuments.Alerts, AlertRules.Delivered(stored.Value, attempts), stored.Version)], user, cancellationToken)
                .ConfigureAwait(false);
            if (done.Committed)
            {
                return;
            }
        }
    }

    private async Task<Outcome<AlertEntry>> ApplyAsync(string what, string id, long? expectedVersion, Func<Alert, Outcome<Alert>> rule, CancellationToken cancellationToken)
    {
        if (await documents.GetAsync(AlertDocuments.Alerts, id, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return log.Noted(Outcome<AlertEntry>.NotFound(AlertCodes.NotFound, MessageArgs.Of(("id", id))), what, id);
        }

        if (expectedVersion is { } version && version != stored.Version)
        {
            return log.Noted(Outcome<AlertEntry>.MovedMeanwhile(MessageArgs.Of(("alert", id))), what, id);
        }

        var changed = rule(stored.Value);
        if (changed.Value is not { } alert)
        {
            return log.Noted(Outcome<AlertEntry>.From(changed), what, id);
        }

        var commit = await documents.CommitAsync([DocumentChange.Put(AlertDocuments.Alerts, alert, stored.Version)], user, cancellationToken).ConfigureAwait(false);
        if (!commit.Committed)
        {
            return log.Noted(Outcome<AlertEntry>.MovedMeanwhile(MessageArgs.Of(("alert", id))), what, id);
        }

        var names = await OwnerNamesAsync(cancellationToken).ConfigureAwait(false);
        return log.Noted(Outcome<AlertEntry>.Ok(new AlertEntry(alert, stored.Version + 1, alert.Owner is { } o ? names.GetValueOrDefault(o) : null)), what, id);
    }

    private async Task<Dictionary<string, string>> OwnerNamesAsync(CancellationToken cancellationToken) =>
        (await documents.ValuesAsync(CampaignDocuments.People, cancellationToken).ConfigureAwait(false)).ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);

    private static void AddOnce(List<string> ids, string id)
    {
        if (!ids.Contains(id))
        {
            ids.Add(id);
        }
    }

    private static T? Word<T>(string path, string? word, List<Problem> problems)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(word))
        {
            return null;
        }

        if (EnumWords.TryParse<T>(word, out var value))
        {
            return value;
        }

        problems.Add(Problem.Of(path, CommonCodes.NotOneOf, ("value", word), ("expected", EnumWords.All<T>())));
        return null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static partial class Log
    {
        [LoggerMessage(EventId = 1200, Level = LogLevel.Error, Message = "Alert source {Source} failed; the other sources ran")]
        public static partial void SourceFailed(ILogger logger, string source, Exception exception);

        [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Alerts evaluated: {Candidates} candidates, {Opened} opened, {Updated} updated, {Escalated} escalated, {Closed} matched closed alerts")]
        public static partial void Evaluated(ILogger logger, int candidates, int opened, int updated, int escalated, int closed);

        [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Alert {Alert} was not delivered by {Channel}: {Error}")]
        public static partial void DeliveryFailed(ILogger logger, string alert, string channel, string error);
    }
}
