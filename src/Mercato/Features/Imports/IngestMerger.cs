using Mercato.Storage.Import;

namespace Mercato.Features.Imports;

/// <summary>A queued body: its id in the ingest queue (the batch's source is <c>queue #id</c> once merged), kind and rows.</summary>
public sealed record QueuedImport(long Id, string Kind, long Rows);

/// <summary>
/// What <see cref="ImportUseCases.QueueAsync"/> did: queued every body, or refused them all (an invalid row: nothing
/// queued), or imported them at once (a dry run, a large body).
/// </summary>
/// <param name="Done">Imported at once: the results, as <see cref="ImportUseCases.ImportTogetherAsync"/> gives them.</param>
/// <param name="Queued">Queued: one per body.</param>
/// <param name="Refused">Refused: one result per body, none recorded.</param>
public sealed record QueueAnswer(IReadOnlyList<ImportResult> Done, IReadOnlyList<QueuedImport> Queued, IReadOnlyList<ImportResult> Refused);

/// <summary>The ingest queue's state: bodies and rows waiting, the oldest one's arrival, and the merger's last run.</summary>
public sealed record QueueStatus(long Items, long Rows, DateTimeOffset? Oldest, long MergedSinceStart, DateTimeOffset? LastMerge, string? LastError);

/// <summary>
/// The server's merger: moves queued bodies into the store as soon as they arrive, one merge after the other, each up to
/// <see cref="ImportUseCases.GroupCommitMaxWeight"/> rows; under load the merges grow, so each index leaf is written once
/// for many rows. Bodies left in the queue by a stop or a crash are merged when the server starts again. When the
/// store fails, the bodies stay queued and the merge is retried, waiting longer each time (up to 30 s).
/// </summary>
public sealed class IngestMerger(ImportUseCases imports, Mercato.Storage.Sqlite.IngestQueue queue, TimeProvider time) : BackgroundService
{
    /// <summary>How long the merger waits for an arrival before it looks at the queue again anyway.</summary>
    public static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await imports.MergeQueuedAsync(stoppingToken).ConfigureAwait(false) == 0)
                {
                    await queue.WaitForArrivalAsync(Idle, stoppingToken).ConfigureAwait(false);
                }

                backoff = TimeSpan.Zero;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                imports.MergeFailed(e);
                backoff = TimeSpan.FromMilliseconds(Math.Min(30_000, Math.Max(500, backoff.TotalMilliseconds * 2)));
                try
                {
                    await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
