using Mercato.Core.Access;
using Mercato.Core.Alerts;
using Mercato.Core.Campaigns;
using Mercato.Core.Crisis;
using Mercato.Core.DataCenter;
using Mercato.Core.Listening;
using Mercato.Core.Organization;
using Mercato.Features.Access;
using Mercato.Features.Campaigns;
using Mercato.Features.Listening;
using Mercato.Features.Settings;

namespace Mercato.Features.Crisis;

/// <summary>A case as the front doors show it: the stored case with its version and its owner's name.</summary>
/// <param name="Case">The case.</param>
/// <param name="Version">Its document version.</param>
/// <param name="OwnerName">The owner's name in the people directory; null without an owner.</param>
public sealed record CrisisEntry(CrisisCase Case, long Version, string? OwnerName);

/// <summary>A case with what it is measured by, at <paramref name="At"/>.</summary>
/// <param name="Entry">The case.</param>
/// <param name="At">When the figures were made (now).</param>
/// <param name="Figures">Times to respond and resolve; mentions before, during, after.</param>
/// <param name="Timeline">The case's events merged with the hours of mentions of its terms.</param>
/// <param name="TopMentions">The mentions of its terms in the window with the most reach (of the newest <see cref="CrisisUseCases.MentionPage"/>).</param>
/// <param name="Campaigns">The campaigns running during the window, with pause suggestions.</param>
public sealed record CrisisDetail(
    CrisisEntry Entry, DateTimeOffset At, CrisisFigures Figures, IReadOnlyList<CrisisTimelineEntry> Timeline, IReadOnlyList<MentionFact> TopMentions,
    IReadOnlyList<CrisisCampaign> Campaigns);

/// <summary>
/// Crisis cases for every front door (docs/listening.md, Crisis cases): list, read with figures and timeline, open from a
/// severe alert or by hand, draft and approve statements, move through the statuses, close. The rules are Core's
/// <see cref="CrisisRules"/> and <see cref="CrisisMeasures"/>; the acting person and the clock are injected. Reading
/// needs <see cref="Permission.ReadReports"/>; opening, statements and statuses, <see cref="Permission.WriteShared"/>.
/// </summary>
public sealed class CrisisUseCases(
    IDocumentStore documents, IMentionStore mentions, WatchListUseCases watch, SettingsUseCases settings, CampaignUseCases campaigns, ICurrentUser user,
    TimeProvider time, OutcomeLog log, AccessGuard guard)
{
    /// <summary>The mentions read for the top mentions (the newest of the window, per term), sorted by reach here.</summary>
    public const int MentionPage = 500;

    /// <summary>Top mentions shown.</summary>
    public const int TopMentionCount = 10;

    /// <summary>A status filter from a word (blank: none); invalid (<see cref="CommonCodes.NotOneOf"/>) for another word.</summary>
    public static Outcome<CrisisStatus?> StatusFilter(string? status)
    {
        if (string.IsNullOrWhiteSpace(status))
        {
            return Outcome<CrisisStatus?>.Ok(null);
        }

        return EnumWords.TryParse<CrisisStatus>(status, out var s)
            ? Outcome<CrisisStatus?>.Ok(s)
            : Outcome<CrisisStatus?>.Invalid([Problem.Of("status", CommonCodes.NotOneOf, ("value", status), ("expected", EnumWords.All<CrisisStatus>()))]);
    }

    /// <summary>The cases, newest opened first (ties by id, descending), optionally of one status.</summary>
    public Task<IReadOnlyList<CrisisEntry>> ListAsync(CrisisStatus? status, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return CasesAsync(status, cancellationToken);
    }

    private async Task<IReadOnlyList<CrisisEntry>> CasesAsync(CrisisStatus? status, CancellationToken cancellationToken)
    {
        var stored = await documents.ListAsync(CrisisDocuments.Cases, cancellationToken).ConfigureAwait(false);
        var names = await NamesAsync(cancellationToken).ConfigureAwait(false);
        return
        [
            .. stored.Where(v => status is null || v.Value.Status == status)
                .OrderByDescending(v => v.Value.OpenedAt).ThenByDescending(v => v.Value.Id, StringComparer.Ordinal)
                .Select(v => Entry(v.Value, v.Version, names)),
        ];
    }

    /// <summary>The case opened from alert <paramref name="alertId"/>, or null.</summary>
    public Task<CrisisEntry?> ForAlertAsync(string alertId, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return CaseOfAlertAsync(alertId, cancellationToken);
    }

    private async Task<CrisisEntry?> CaseOfAlertAsync(string alertId, CancellationToken cancellationToken) =>
        (await CasesAsync(null, cancellationToken).ConfigureAwait(false)).FirstOrDefault(e => e.Case.Alerts.Contains(alertId, StringComparer.Ordinal));

    /// <summary>One case with its figures, timeline, top mentions and the campaigns running; not found (<see cref="CrisisCodes.NotFound"/>).</summary>
    public async Task<Outcome<CrisisDetail>> GetAsync(string id, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        if (await documents.GetAsync(CrisisDocuments.Cases, id, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return Outcome<CrisisDetail>.NotFound(CrisisCodes.NotFound, MessageArgs.Of(("id", id)));
        }

        var now = time.GetUtcNow();
        var c = stored.Value;
        var (from, to) = CrisisMeasures.Span(c, now);
        var hourly = await mentions.HourlyAsync(from, to, cancellationToken).ConfigureAwait(false);
        var duringEnd = c.ClosedAt ?? now;
        var top = new Dictionary<string, MentionFact>(StringComparer.Ordinal);
        foreach (var term in c.Terms.Count == 0 ? [null] : c.Terms.Select(t => (string?)t))
        {
            var page = await mentions.ListAsync(new MentionQuery(c.WindowStart, duringEnd > c.WindowStart ? duringEnd : c.WindowStart, null, null, term, null, MentionPage, 0),
                cancellationToken).ConfigureAwait(false);
            foreach (var m in page.Items)
            {
                top.TryAdd(m.MentionId, m);
            }
        }

        var zone = await settings.ZoneAsync(cancellationToken).ConfigureAwait(false);
        var list = (await watch.StoredAsync(cancellationToken).ConfigureAwait(false)).Value;
        var running = CrisisMeasures.Running(c, await campaigns.ListAsync(cancellationToken).ConfigureAwait(false), list,
            LocalTime.DayOf(c.WindowStart, zone), LocalTime.DayOf(duringEnd > c.WindowStart ? duringEnd : c.WindowStart, zone));
        var names = await NamesAsync(cancellationToken).ConfigureAwait(false);
        return Outcome<CrisisDetail>.Ok(new CrisisDetail(
            Entry(c, stored.Version, names), now, CrisisMeasures.Figures(c, hourly, now), CrisisMeasures.Timeline(c, hourly, now),
            [.. top.Values.OrderByDescending(m => m.Reach ?? 0).ThenByDescending(m => m.Timestamp).ThenBy(m => m.MentionId, StringComparer.Ordinal).Take(TopMentionCount)],
            running));
    }

    /// <summary>
    /// Opens a case from alert <paramref name="alertId"/> (<see cref="CrisisRules.OpenFromAlert"/>): not found without the
    /// alert, refused unless it is severe or when it already has a case; owned by the head of the unit handling crises.
    /// </summary>
    public async Task<Outcome<CrisisEntry>> OpenFromAlertAsync(string alertId, CancellationToken cancellationToken)
    {
        guard.Require(Permission.WriteShared);
        if (await documents.GetAsync(AlertDocuments.Alerts, alertId, cancellationToken).ConfigureAwait(false) is not { } alert)
        {
            return log.Noted(Outcome<CrisisEntry>.NotFound(AlertCodes.NotFound, MessageArgs.Of(("id", alertId))), "crisis open", alertId);
        }

        if (await CaseOfAlertAsync(alertId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return log.Noted(Outcome<CrisisEntry>.Refused(CrisisCodes.AlertHasCase, MessageArgs.Of(("alert", alertId), ("case", existing.Case.Id))), "crisis open", alertId);
        }

        return await OpenWithAsync((id, owner, now) => CrisisRules.OpenFromAlert(alert.Value, id, owner, user.Name, now), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a case by hand (<see cref="CrisisRules.Open"/>): a title, an optional watched term, the start of the crisis; severe.</summary>
    public Task<Outcome<CrisisEntry>> OpenAsync(string? title, string? term, DateTimeOffset start, CancellationToken cancellationToken)
    {
        guard.Require(Permission.WriteShared);
        return OpenWithAsync((id, owner, now) => CrisisRules.Open(id, title, [term], start, AlertSeverity.Severe, owner, user.Name, now), cancellationToken);
    }

    /// <summary>Drafts a statement (<see cref="CrisisRules.Draft"/>); <paramref name="kind"/> is <c>holding_statement</c> (the default) or <c>response</c>.</summary>
    public Task<Outcome<CrisisEntry>> DraftAsync(string id, string? kind, string? text, long? expectedVersion, CancellationToken cancellationToken)
    {
        guard.Require(Permission.WriteShared);
        var k = StatementKind.HoldingStatement;
        if (!string.IsNullOrWhiteSpace(kind) && !EnumWords.TryParse(kind, out k))
        {
            return Task.FromResult(Outcome<CrisisEntry>.Invalid([Problem.Of("kind", CommonCodes.NotOneOf, ("value", kind), ("expected", EnumWords.All<StatementKind>()))]));
        }

        return ApplyAsync("crisis draft", id, expectedVersion, c => CrisisRules.Draft(c, k, text, user.Name, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>Approves a statement (<see cref="CrisisRules.Approve"/>): refused for its drafter (four eyes).</summary>
    public Task<Outcome<CrisisEntry>> ApproveAsync(string id, string statementId, long? expectedVersion, CancellationToken cancellationToken)
    {
        guard.Require(Permission.WriteShared);
        return ApplyAsync("crisis approve", id, expectedVersion, c => CrisisRules.Approve(c, statementId, user.Name, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>Moves a case to <paramref name="status"/> (<c>responding</c>, <c>monitoring</c>, <c>closed</c>; <see cref="CrisisRules.Advance"/>).</summary>
    public Task<Outcome<CrisisEntry>> AdvanceAsync(string id, string? status, string? note, long? expectedVersion, CancellationToken cancellationToken)
    {
        guard.Require(Permission.WriteShared);
        if (string.IsNullOrWhiteSpace(status) || !EnumWords.TryParse<CrisisStatus>(status, out var to) || to == CrisisStatus.Open)
        {
            string[] expected = [.. EnumWords.All<CrisisStatus>().Where(w => w != EnumWords.Word(CrisisStatus.Open))];
            return Task.FromResult(Outcome<CrisisEntry>.Invalid([Problem.Of("status", CommonCodes.NotOneOf, ("value", status ?? ""), ("expected", expected))]));
        }

        return ApplyAsync("crisis status", id, expectedVersion, c => CrisisRules.Advance(c, to, user.Name, time.GetUtcNow(), note), cancellationToken);
    }

    /// <summary>Closes a case with a note (<see cref="CrisisRules.Close"/>).</summary>
    public Task<Outcome<CrisisEntry>> CloseAsync(string id, string? note, long? expectedVersion, CancellationToken cancellationToken)
    {
        guard.Require(Permission.WriteShared);
        return ApplyAsync("crisis close", id, expectedVersion, c => CrisisRules.Close(c, user.Name, time.GetUtcNow(), note), cancellationToken);
    }

    private async Task<Outcome<CrisisEntry>> OpenWithAsync(Func<string, string?, DateTimeOffset, Outcome<CrisisCase>> open, CancellationToken cancellationToken)
    {
        var taken = (await documents.ListAsync(CrisisDocuments.Cases, cancellationToken).ConfigureAwait(false)).Select(v => v.Value.Id).ToList();
        var structure = (await documents.GetAsync(OrganizationDocuments.Structure, OrganizationDocuments.StructureId, cancellationToken).ConfigureAwait(false))?.Value;
        var people = await documents.ValuesAsync(CampaignDocuments.People, cancellationToken).ConfigureAwait(false);
        var owner = AlertOwners.Resolve(structure, people, CrisisRules.Function)?.Id;
        var id = CrisisRules.NextId(taken);
        var opened = open(id, owner, time.GetUtcNow());
        if (opened.Value is not { } c)
        {
            return log.Noted(Outcome<CrisisEntry>.From(opened), "crisis open", id);
        }

        var commit = await documents.CommitAsync([DocumentChange.Put(CrisisDocuments.Cases, c, 0)], user, cancellationToken).ConfigureAwait(false);
        if (!commit.Committed)
        {
            return log.Noted(Outcome<CrisisEntry>.MovedMeanwhile(MessageArgs.Of(("case", id))), "crisis open", id);
        }

        return log.Noted(Outcome<CrisisEntry>.Ok(Entry(c, 1, await NamesAsync(cancellationToken).ConfigureAwait(false))), "crisis open", id);
    }

    /// <summary>
    /// One step on a stored case: not found without it; moved meanwhile when <paramref name="expectedVersion"/> is given and the
    /// stored case is at another (the step was decided on what another person has changed since), or when it changes before the commit.
    /// </summary>
    private async Task<Outcome<CrisisEntry>> ApplyAsync(
        string what, string id, long? expectedVersion, Func<CrisisCase, Outcome<CrisisCase>> rule, CancellationToken cancellationToken)
    {
        if (await documents.GetAsync(CrisisDocuments.Cases, id, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return log.Noted(Outcome<CrisisEntry>.NotFound(CrisisCodes.NotFound, MessageArgs.Of(("id", id))), what, id);
        }

        if (expectedVersion is { } expected && expected != stored.Version)
        {
            return log.Noted(Outcome<CrisisEntry>.MovedMeanwhile(MessageArgs.Of(("case", id))), what, id);
        }

        var changed = rule(stored.Value);
        if (changed.Value is not { } c)
        {
            return log.Noted(Outcome<CrisisEntry>.From(changed), what, id);
        }

        var commit = await documents.CommitAsync([DocumentChange.Put(CrisisDocuments.Cases, c, stored.Version)], user, cancellationToken).ConfigureAwait(false);
        if (!commit.Committed)
        {
            return log.Noted(Outcome<CrisisEntry>.MovedMeanwhile(MessageArgs.Of(("case", id))), what, id);
        }

        return log.Noted(Outcome<CrisisEntry>.Ok(Entry(c, stored.Version + 1, await NamesAsync(cancellationToken).ConfigureAwait(false))), what, id);
    }

    private static CrisisEntry Entry(CrisisCase c, long version, Dictionary<string, string> names) =>
        new(c, version, c.Owner is { } o ? names.GetValueOrDefault(o) : null);

    private async Task<Dictionary<string, string>> NamesAsync(CancellationToken cancellationToken) =>
        (await documents.ValuesAsync(CampaignDocuments.People, cancellationToken).ConfigureAwait(false)).ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
}
