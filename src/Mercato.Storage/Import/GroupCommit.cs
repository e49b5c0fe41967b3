using System.Threading.Channels;

namespace Mercato.Storage.Import;

/// <summary>
/// Group commit: items submitted while a commit runs wait, and the next commit takes all of them at once (up to a weight),
/// so many concurrent small writers cost one transaction and one sync instead of one each, and never wait on each other's
/// locks. A submitter's task completes when the commit that holds its item has finished. When a commit of several items
/// throws, each item is committed again alone, so a failure fails only the items that fail by themselves. One loop runs
/// the commits, one after the other.
/// </summary>
/// <typeparam name="TItem">What a submitter hands in.</typeparam>
/// <typeparam name="TResult">What the submitter gets back, one per item.</typeparam>
public sealed class GroupCommit<TItem, TResult> : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> _commit;
    private readonly Func<TItem, long> _weight;
    private readonly long _maxWeight;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _startLock = new();
    private Task? _loop;
    private Pending? _carried;

    /// <summary>Creates the queue; the loop starts with the first item.</summary>
    /// <param name="commit">Commits the items given and returns one result per item, in their order.</param>
    /// <param name="weight">An item's weight (its rows); a commit takes items until their weights reach <paramref name="maxWeight"/>.</param>
    /// <param name="maxWeight">The most a commit takes (it always takes at least one item).</param>
    public GroupCommit(Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> commit, Func<TItem, long> weight, long maxWeight)
    {
        _commit = commit;
        _weight = weight;
        _maxWeight = maxWeight;
    }

    /// <summary>Commits made so far (for the logs and the tests).</summary>
    public long Commits { get; private set; }

    /// <summary>Items committed so far.</summary>
    public long Items { get; private set; }

    /// <summary>Queues <paramref name="item"/> for the next commit; completes with its result once that commit ends.</summary>
    public Task<TResult> SubmitAsync(TItem item)
    {
        var pending = new Pending(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommit<TItem, TResult>));
        }

        lock (_startLock)
        {
            _loop ??= Task.Run(RunAsync);
        }

        return pending.Done.Task;
    }

    /// <summary>Stops taking items, commits what is queued, and returns when the loop has ended.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        Task? loop;
        lock (_startLock)
        {
            loop = _loop;
        }

        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var group = new List<Pending>();
        while (_carried is not null || await _queue.Reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
        {
            group.Clear();
            long weight = 0;
            if (_carried is { } carried)
            {
                group.Add(carried);
                weight = _weight(carried.Item);
                _carried = null;
            }

            while (weight < _maxWeight && _queue.Reader.TryRead(out var next))
            {
                var w = _weight(next.Item);
                if (group.Count > 0 && weight + w > _maxWeight)
                {
                    _carried = next;
                    break;
                }

                group.Add(next);
                weight += w;
            }

            if (group.Count > 0)
            {
                await CommitAsync(group).ConfigureAwait(false);
            }
        }
    }

    private async Task CommitAsync(List<Pending> group)
    {
        try
        {
            var results = await _commit([.. group.Select(p => p.Item)], _stop.Token).ConfigureAwait(false);
            Commits++;
            Items += group.Count;
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Done.TrySetResult(results[i]);
            }
        }
        catch (Exception) when (group.Count > 1)
        {
            foreach (var pending in group)
            {
                await CommitAsync([pending]).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            group[0].Done.TrySetException(e);
        }
    }

    private sealed record Pending(TItem Item, TaskCompletionSource<TResult> Done);
}
