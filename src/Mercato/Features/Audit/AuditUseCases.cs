using System.Globalization;
using Mercato.Core.Access;
using Mercato.Core.DataCenter;
using Mercato.Features.Access;
using Mercato.Storage.Import;

namespace Mercato.Features.Audit;

/// <summary>
/// The audit log for every front door: reading it (admins and executives: <see cref="Permission.ReadAudit"/>), the
/// filters the CLI, the API and the page take parsed once, and the entries of writes that are not document commits
/// (imports, the demo, a rescore), recorded with the acting person and the front door they came through. Document
/// commits record their own entries in the store, in their transaction.
/// </summary>
public sealed class AuditUseCases(IAuditLog audit, AccessGuard guard, ICurrentUser user)
{
    /// <summary>The most entries one query returns.</summary>
    public const int MaxLimit = AuditQuery.MaxLimit;

    /// <summary>The entries shown when no limit is given.</summary>
    public const int DefaultLimit = 200;

    /// <summary>The entries <paramref name="query"/> selects, newest first.</summary>
    /// <exception cref="AccessDeniedException">The acting person may not read the audit log.</exception>
    public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        guard.Require(Permission.ReadAudit);
        return audit.QueryAsync(query, cancellationToken);
    }

    /// <summary>Records a write that is not a document commit, by the acting person through their front door.</summary>
    public Task RecordAsync(string action, string? collection, string? target, CancellationToken cancellationToken) =>
        audit.AppendAsync(user.Name, user.Origin, action, collection, target, cancellationToken);

    /// <summary>The acting person and their front door, taken now to record later (<see cref="RecordImportsAsync"/>).</summary>
    public (string Name, WriteOrigin Origin) Actor => (user.Name, user.Origin);

    /// <summary>
    /// Records an import that wrote its batch: <c>import</c> for a committed one, <c>import_rejected</c> or
    /// <c>import_failed</c> for one that kept only its batch and errors; collection the kind, target the batch id.
    /// </summary>
    public Task RecordImportAsync(ImportResult result, CancellationToken cancellationToken) =>
        RecordImportsAsync([(result, Actor.Name, Actor.Origin)], cancellationToken);

    /// <summary>
    /// Records several imports, each by the person who sent it, in one transaction (the group commit of streamed
    /// imports records its requests' entries together); as <see cref="RecordImportAsync"/> for each.
    /// </summary>
    public Task RecordImportsAsync(IReadOnlyList<(ImportResult Result, string Actor, WriteOrigin Origin)> imports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(imports);
        var entries = imports.Where(i => i.Result.BatchId > 0)
            .Select(i => new AuditAppend(i.Actor, i.Origin, i.Result.Status switch
            {
                ImportStatus.Committed => "import",
                ImportStatus.Rejected => "import_rejected",
                _ => "import_failed",
            }, i.Result.Kind, i.Result.BatchId.ToString(CultureInfo.InvariantCulture)))
            .ToList();
        return entries.Count == 0 ? Task.CompletedTask : audit.AppendAsync(entries, cancellationToken);
    }

    /// <summary>
    /// The query of the front doors' filters: <paramref name="from"/> and <paramref name="to"/> a day (<c>YYYY-MM-DD</c>,
    /// UTC; <paramref name="to"/>'s whole day included) or an ISO 8601 instant (<paramref name="to"/> excluded); a limit
    /// from 1 to <see cref="MaxLimit"/>; blank filters are none. Invalid with a problem per bad filter.
    /// </summary>
    public static Outcome<AuditQuery> Parse(string? from, string? to, string? actor, string? collection, int? limit, long? beforeId)
    {
        var problems = new List<Problem>();
        return Parse(from, to, actor, collection, limit, beforeId, problems);
    }

    /// <summary>
    /// The same from the text a query string or a form carries: <paramref name="limit"/> and <paramref name="before"/> are
    /// whole numbers or blank (a limit that is no number is out of range; a before that is none is not an entry's number).
    /// </summary>
    public static Outcome<AuditQuery> ParseText(string? from, string? to, string? actor, string? collection, string? limit, string? before)
    {
        var problems = new List<Problem>();
        var count = Number(limit);
        if (count is null && !string.IsNullOrWhiteSpace(limit))
        {
            problems.Add(Problem.Of("limit", AuditCodes.LimitOutOfRange, ("value", limit.Trim()), ("max", MaxLimit)));
        }

        var beforeId = Number(before);
        if (beforeId is null && !string.IsNullOrWhiteSpace(before))
        {
            problems.Add(Problem.Of("before", AuditCodes.BeforeNotAnId, ("value", before.Trim())));
        }

        return Parse(from, to, actor, collection, count is { } c ? (int)Math.Clamp(c, int.MinValue, int.MaxValue) : null, beforeId, problems);
    }

    private static long? Number(string? text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;

    private static Outcome<AuditQuery> Parse(string? from, string? to, string? actor, string? collection, int? limit, long? beforeId, List<Problem> problems)
    {
        var start = Instant("from", from, endOfDay: false, problems);
        var end = Instant("to", to, endOfDay: true, problems);
        if (limit is < 1 or > MaxLimit)
        {
            problems.Add(Problem.Of("limit", AuditCodes.LimitOutOfRange, ("value", limit), ("max", MaxLimit)));
        }

        if (beforeId is < 1)
        {
            problems.Add(Problem.Of("before", AuditCodes.BeforeNotAnId, ("value", beforeId)));
        }

        if (start is { } s && end is { } e && e < s)
        {
            problems.Add(Problem.Of("to", CommonCodes.EndBeforeStart, ("start", from), ("end", to)));
        }

        return problems.Count > 0
            ? Outcome<AuditQuery>.Invalid(problems)
            : Outcome<AuditQuery>.Ok(new AuditQuery(start, end, Blank(actor), Blank(collection), limit ?? DefaultLimit, beforeId));
    }

    private static DateTimeOffset? Instant(string name, string? text, bool endOfDay, List<Problem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day < DateOnly.MaxValue)
        {
            var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? midnight.AddDays(1) : midnight;
        }

        if (text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }

        problems.Add(Problem.Of(name, AuditCodes.DateMalformed, ("name", name), ("value", text)));
        return null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>The message codes of the audit log's front doors.</summary>
public static class AuditCodes
{
    /// <summary>A <c>from</c> or <c>to</c> (<c>name</c>) that is neither a day nor an instant (<c>value</c>).</summary>
    public const string DateMalformed = "audit_date_malformed";

    /// <summary>A limit (<c>value</c>) outside 1..<c>max</c>.</summary>
    public const string LimitOutOfRange = "audit_limit_out_of_range";

    /// <summary>A <c>before</c> (<c>value</c>) that is not an entry's number.</summary>
    public const string BeforeNotAnId = "audit_before_not_an_id";
}
