using Dapper;
using Mercato.Storage.Import;
using Microsoft.Data.Sqlite;

namespace Mercato.Storage.Sqlite;

/// <summary>One validated body waiting in the ingest queue, as it was received.</summary>
/// <param name="Kind">The data kind's name.</param>
/// <param name="Format">The body's format (<see cref="FileFormat.ToString"/>: <c>csv</c>, <c>jsonl</c>, with <c>.gz</c>).</param>
/// <param name="Zone">The workspace time zone the body was validated in; the merge reads dates without a time in it.</param>
/// <param name="TruncateIps">Whether click IPs are truncated (the workspace setting when the body was received).</param>
/// <param name="Actor">Who sent it, for the audit log.</param>
/// <param name="Door">The front door (<c>api</c>).</param>
/// <param name="Address">The client's address.</param>
/// <param name="Rows">Rows in the body.</param>
/// <param name="Body">The raw body.</param>
public sealed record QueuedBody(string Kind, string Format, string Zone, bool TruncateIps, string Actor, string Door, string? Address, long Rows, byte[] Body);

/// <summary>A queued body with its id (never reused) and when it was received.</summary>
public sealed record QueuedItem(long Id, DateTimeOffset Received, QueuedBody Body);

/// <summary>What waits in the queue: bodies, their rows, the oldest one's arrival.</summary>
public sealed record QueueDepth(long Items, long Rows, DateTimeOffset? Oldest);

/// <summary>
/// The ingest queue: validated bodies appended to a small SQLite file of their own (<c>ingest-queue.db</c> in the data
/// directory, WAL, synchronous FULL), so a request's rows are durable after one short sequential write instead of after
/// the fact tables' random index writes. Appends from concurrent requests share one transaction and one sync (a
/// <see cref="GroupCommit{TItem, TResult}"/>). The merger takes the oldest bodies (<see cref="TakeAsync"/>), writes them
/// into the store as ordinary batches, then removes them (<see cref="RemoveThroughAsync"/>); the file is separate from the
/// store so that a long merge never holds a request's append. Ids come from AUTOINCREMENT and are never reused.
/// </summary>
public sealed class IngestQueue : IAsyncDisposable
{
    /// <summary>The queue file's name inside the data directory.</summary>
    public const string FileName = "ingest-queue.db";

    private const string Columns = "kind, format, zone, truncate_ips, actor, door, address, rows, body";

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _arrived = new(0, 1);
    private readonly Lock _openLock = new();
    private GroupCommit<QueuedBody[], long[]>? _appends;
    private bool _created;

    /// <summary>A queue in <paramref name="dataDirectory"/>; the file is created on first use.</summary>
    public IngestQueue(string dataDirectory, TimeProvider time)
    {
        Path = System.IO.Path.Combine(dataDirectory, FileName);
        _time = time;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The queue file.</summary>
    public string Path { get; }

    /// <summary>Whether the file exists: reading a queue nobody appended to creates nothing.</summary>
    private bool Exists => _created || File.Exists(Path);

    /// <summary>Appends <paramref name="bodies"/> in one transaction (shared with other requests' appends); returns their ids once durable.</summary>
    public Task<long[]> AppendAsync(IReadOnlyList<QueuedBody> bodies)
    {
        ArgumentNullException.ThrowIfNull(bodies);
        var appends = LazyInitializer.EnsureInitialized(ref _appends, () => new(CommitAppendsAsync, b => Math.Max(1, b.Sum(x => x.Rows)), 1_000_000));
        return appends.SubmitAsync([.. bodies]);
    }

    /// <summary>The oldest bodies, in arrival order, until their rows reach <paramref name="maxRows"/> (at least one body when any waits).</summary>
    public async Task<IReadOnlyList<QueuedItem>> TakeAsync(long maxRows, CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            return [];
        }

        using var connection = Open();
        var taken = new List<QueuedItem>();
        long rows = 0;
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, received, " + Columns + " FROM queued ORDER BY id";
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (rows < maxRows && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var body = new QueuedBody(
                reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5) != 0, reader.GetString(6), reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetInt64(9), (byte[])reader.GetValue(10));
            if (taken.Count > 0 && rows + body.Rows > maxRows)
            {
                break;
            }

            taken.Add(new QueuedItem(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), body));
            rows += body.Rows;
        }

        return taken;
    }

    /// <summary>Removes every body up to and including <paramref name="id"/> (the merged ones: a prefix of the queue).</summary>
    public async Task RemoveThroughAsync(long id, CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            return;
        }

        using var connection = Open();
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM queued WHERE id <= @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Bodies and rows waiting, and the oldest one's arrival.</summary>
    public async Task<QueueDepth> DepthAsync(CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            return new QueueDepth(0, 0, null);
        }

        using var connection = Open();
        var (items, rows, oldest) = await connection.QuerySingleAsync<(long, long, long?)>(
            new CommandDefinition("SELECT count(*), coalesce(sum(rows), 0), min(received) FROM queued", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new QueueDepth(items, rows, oldest is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
    }

    /// <summary>Waits until a body is appended or <paramref name="timeout"/> passes.</summary>
    public Task WaitForArrivalAsync(TimeSpan timeout, CancellationToken cancellationToken) => _arrived.WaitAsync(timeout, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_appends is not null)
        {
            await _appends.DisposeAsync().ConfigureAwait(false);
        }

        _arrived.Dispose();
    }

    private Task<IReadOnlyList<long[]>> CommitAppendsAsync(IReadOnlyList<QueuedBody[]> groups, CancellationToken cancellationToken)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO queued (received, " + Columns + ") VALUES ($received, $kind, $format, $zone, $truncate, $actor, $door, $address, $rows, $body) RETURNING id";
        var parameters = new[] { "$received", "$kind", "$format", "$zone", "$truncate", "$actor", "$door", "$address", "$rows", "$body" }
            .Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name }))
            .ToArray();
        var received = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var ids = new List<long[]>(groups.Count);
        foreach (var group in groups)
        {
            var groupIds = new long[group.Length];
            for (var i = 0; i < group.Length; i++)
            {
                var b = group[i];
                object?[] values = [received, b.Kind, b.Format, b.Zone, b.TruncateIps ? 1 : 0, b.Actor, b.Door, b.Address, b.Rows, b.Body];
                for (var p = 0; p < values.Length; p++)
                {
                    parameters[p].Value = values[p] ?? DBNull.Value;
                }

                groupIds[i] = (long)insert.ExecuteScalar()!;
            }

            ids.Add(groupIds);
        }

        transaction.Commit();
        if (_arrived.CurrentCount == 0)
        {
            try
            {
                _arrived.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another append signalled first; one signal is enough.
            }
        }

        return Task.FromResult<IReadOnlyList<long[]>>(ids);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;");
        lock (_openLock)
        {
            if (!_created)
            {
                connection.Execute("""
                    CREATE TABLE IF NOT EXISTS queued (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        received INTEGER NOT NULL,
                        kind TEXT NOT NULL, format TEXT NOT NULL, zone TEXT NOT NULL, truncate_ips INTEGER NOT NULL,
                        actor TEXT NOT NULL, door TEXT NOT NULL, address TEXT,
                        rows INTEGER NOT NULL, body BLOB NOT NULL)
                    """);
                _created = true;
            }
        }

        return connection;
    }
}
