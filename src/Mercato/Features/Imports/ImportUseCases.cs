using Mercato.Core.Access;
using Mercato.Core.DataCenter;
using Mercato.Features.Access;
using Mercato.Features.Listening;
using Mercato.Features.Settings;
using Mercato.Storage.Import;

namespace Mercato.Features.Imports;

/// <summary>
/// Imports and the data center's holdings, for the API, the command line and the pages: every import runs the one
/// pipeline (<see cref="FactImporter"/>) with dates without a time read in the workspace zone and rejected rows explained
/// in the person's words; sources, batches and monthly coverage come from the fact store. Importing needs
/// <see cref="Permission.Import"/> (an <c>import</c>-scoped token holds it and nothing else, so nothing an import calls
/// checks again); reading the holdings needs <see cref="Permission.ReadReports"/>.
/// </summary>
public sealed partial class ImportUseCases(
    IFactSink sink, IFactCatalog catalog, SettingsUseCases settings, MentionReading mentions, IEnumerable<IImportObserver> observers,
    AccessGuard guard, ILogger<ImportUseCases> logger, Audit.AuditUseCases audit)
{
    /// <summary>
    /// Imports one file or body: committed whole, or rejected or failed with nothing written. Dates without a time are
    /// midnight in the workspace zone; the rejected-rows file (with skip-invalid) gives each reason in words. Mentions are
    /// read (language, sentiment, watch-list terms) with the shipped models and the workspace's current watch list. Click
    /// IPs are truncated when the workspace says so (<see cref="WorkspaceSettings.TruncateClickIps"/>).
    /// </summary>
    public async Task<ImportResult> ImportAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        guard.Require(Permission.Import);
        ArgumentNullException.ThrowIfNull(request);
        var workspace = (await settings.GetAsync(cancellationToken).ConfigureAwait(false))?.Value ?? WorkspaceSettings.Default;
        var annotator = ReferenceEquals(request.Kind, DataKinds.Mentions) ? await mentions.AnnotatorAsync(cancellationToken).ConfigureAwait(false) : null;
        var result = await new FactImporter(sink).ImportAsync(
            request with { Context = new ParseContext(workspace.Zone, annotator, workspace.TruncateClickIps), RenderReason = request.RenderReason ?? ((code, args) => Messages.Text(code, args)) },
            cancellationToken).ConfigureAwait(false);
        Log.Imported(logger, result.Kind, result.Source, result.Status, result.RowsRead, result.Added, result.Updated, result.Unchanged, result.Rejected, result.BatchId);
        await audit.RecordImportAsync(result, cancellationToken).ConfigureAwait(false);
        if (result.Added + result.Updated > 0)
        {
            foreach (var observer in observers)
            {
                try
                {
                    await observer.ImportedAsync(result, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.ObserverFailed(logger, observer.GetType().Name, result.BatchId, e);
                }
            }
        }

        return result;
    }

    /// <summary>Per kind: rows held, first and last date in the workspace zone, last import.</summary>
    public async Task<SourcesReport> SourcesAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return await catalog.SourcesAsync(await settings.ZoneAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rows per kind and month.</summary>
    public Task<IReadOnlyList<MonthRows>> MonthlyRowsAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return catalog.MonthlyRowsAsync(cancellationToken);
    }

    /// <summary>The most recent imports, newest first.</summary>
    public Task<IReadOnlyList<BatchInfo>> BatchesAsync(int limit, string? kind, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return catalog.BatchesAsync(Math.Clamp(limit, 1, 10_000), kind, cancellationToken);
    }

    /// <summary>One import, or not found (<see cref="ApiCodes.BatchNotFound"/>).</summary>
    public async Task<Outcome<BatchInfo>> BatchAsync(long id, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return Outcome<BatchInfo>.Found(await catalog.BatchAsync(id, cancellationToken).ConfigureAwait(false), ApiCodes.BatchNotFound, MessageArgs.Of(("id", id)));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "{Observer} failed after import batch {Batch}; the import stands")]
        public static partial void ObserverFailed(ILogger logger, string observer, long batch, Exception exception);

        [LoggerMessage(EventId = 100, Level = LogLevel.Information,
            Message = "Import of {Kind} from {Source}: {Status}, {Read} read, {Added} added, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected (batch {Batch})")]
        public static partial void Imported(
            ILogger logger, string kind, string source, ImportStatus status, long read, long added, long updated, long unchanged, long rejected, long batch);
    }
}
