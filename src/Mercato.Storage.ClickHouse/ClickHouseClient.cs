using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Mercato.Storage.ClickHouse;

/// <summary>
/// What ClickHouse refused or could not do: its own message (<c>Code: 60, e.displayText() = DB::Exception: ...</c>) or why
/// it could not be reached, always with the address asked.
/// </summary>
public sealed class ClickHouseException : StoreFailedException
{
    /// <summary>Creates the exception.</summary>
    public ClickHouseException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClickHouseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClickHouseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the server's error code.</summary>
    public ClickHouseException(string message, int? code, Exception? innerException = null)
        : base(message, innerException) => Code = code;

    /// <summary>ClickHouse's error code (60: no such table, 279: all connection tries failed, ...), or null when it did not answer.</summary>
    public int? Code { get; }
}

/// <summary>
/// The one class that talks to ClickHouse: SQL text POSTed over HTTP, results read as <c>TabSeparated</c>, rows written
/// as a streamed <c>TabSeparated</c> body. It is this rather than the official driver because ClickHouse.Driver 1.5.0 asks
/// every statement for settings and formats Debian's 18.16 does not have (docs/clickhouse.md). Every call sends
/// <c>max_execution_time</c>, <c>wait_end_of_query=1</c> (an error late in a query is an HTTP error, never a cut result),
/// <c>skip_unavailable_shards=0</c> (a lost shard fails the query instead of leaving its rows out) and
/// <c>insert_distributed_sync=1</c> (an insert into a Distributed table returns when every shard holds its rows) and
/// <c>max_query_size</c> at 64 MB (a journey query carries the flagged clicks it leaves out as literals).
/// </summary>
internal sealed partial class ClickHouseClient : IDisposable
{
    private readonly HttpClient _http;

    public ClickHouseClient(ClickHouseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _http = new HttpClient(new SocketsHttpHandler
        {
            // The server closes idle connections after 3 s (keep_alive_timeout): never reuse one it may have closed.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    public ClickHouseSettings Settings { get; }

    /// <summary>The entry node: queries of Distributed tables, the batches, the staging of one node.</summary>
    public Uri Entry => Settings.Endpoint;

    /// <summary>Where the local tables live: every shard of a cluster, or the one node.</summary>
    public IReadOnlyList<Uri> Nodes => Settings.Cluster is null ? [Settings.Endpoint] : Settings.Shards;

    /// <summary>Runs a statement that returns nothing (DDL, INSERT ... SELECT) in the database.</summary>
    public Task ExecuteAsync(string sql, CancellationToken cancellationToken, Uri? node = null) =>
        SendAsync(node ?? Entry, sql, body: null, inDatabase: true, read: false, cancellationToken);

    /// <summary>Runs a statement outside any database (CREATE DATABASE).</summary>
    public Task ExecuteOutsideDatabaseAsync(string sql, CancellationToken cancellationToken, Uri? node = null) =>
        SendAsync(node ?? Entry, sql, body: null, inDatabase: false, read: false, cancellationToken);

    /// <summary>Runs a query and returns its rows, each field unescaped (<c>\N</c> as null).</summary>
    public async Task<IReadOnlyList<string?[]>> QueryAsync(string sql, CancellationToken cancellationToken, Uri? node = null)
    {
        var text = await SendAsync(node ?? Entry, sql + "\nFORMAT TabSeparated", body: null, inDatabase: true, read: true, cancellationToken).ConfigureAwait(false);
        return Tsv.ParseRows(text);
    }

    /// <summary>
    /// Runs a query and hands each row to <paramref name="each"/> as it is read from the answer, never holding the whole
    /// answer (a TabSeparated row is one line: tabs and newlines inside fields are escaped). No <c>Timeout</c> applies: the
    /// caller's pace sets the read's length. With <c>wait_end_of_query=1</c> an error comes before the first row.
    /// </summary>
    public async Task QueryEachAsync(string sql, Action<string?[]> each, CancellationToken cancellationToken, Uri? node = null)
    {
        ArgumentNullException.ThrowIfNull(each);
        await foreach (var row in StreamAsync(sql, node ?? Entry, cancellationToken).ConfigureAwait(false))
        {
            each(row);
        }
    }

    /// <summary>Runs a query outside any database (a database that may not exist yet).</summary>
    public async Task<IReadOnlyList<string?[]>> ExecuteOutsideAndQueryAsync(string sql, CancellationToken cancellationToken = default, Uri? node = null)
    {
        var text = await SendAsync(node ?? Entry, sql + "\nFORMAT TabSeparated", body: null, inDatabase: false, read: true, cancellationToken).ConfigureAwait(false);
        return Tsv.ParseRows(text);
    }

    /// <summary>
    /// Opens a streamed <c>INSERT INTO table (columns) FORMAT TabSeparated</c>: rows written to the returned writer go to
    /// the server as they are written, and <see cref="TsvInsert.CompleteAsync"/> returns when the server has them.
    /// </summary>
    public TsvInsert BeginInsert(string table, IReadOnlyList<string> columns, Uri? node = null)
    {
        var sql = "INSERT INTO " + ClickHouseSql.Identifier(table) + " (" + string.Join(", ", columns.Select(ClickHouseSql.Identifier)) + ") FORMAT TabSeparated";
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 8 << 20, resumeWriterThreshold: 4 << 20, useSynchronizationContext: false));
        var cancel = new CancellationTokenSource();
        return new TsvInsert(pipe, SendRowsAsync(node ?? Entry, sql, pipe, cancel.Token), cancel);
    }

    /// <summary>Sends the pipe's rows; when the request ends, so does the pipe's reader, so a writer never waits on a failed insert.</summary>
    private async Task<string> SendRowsAsync(Uri node, string sql, Pipe pipe, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            var result = await SendAsync(node, sql, pipe.Reader.AsStream(leaveOpen: true), inDatabase: true, read: false, cancellationToken, streamed: true).ConfigureAwait(false);
            await pipe.Reader.CompleteAsync().ConfigureAwait(false);
            return result;
        }
        catch (Exception ex)
        {
            await pipe.Reader.CompleteAsync(ex).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The request of one statement: settings in the URL, the query in the body unless the body carries rows.</summary>
    private HttpRequestMessage NewRequest(Uri node, string sql, Stream? body, bool inDatabase)
    {
        var query = new StringBuilder(node.ToString()).Append('?');
        if (inDatabase)
        {
            query.Append("database=").Append(Uri.EscapeDataString(Settings.Database)).Append('&');
        }

        query.Append(CultureInfo.InvariantCulture, $"max_execution_time={Settings.MaxExecutionTimeSeconds}")
            .Append("&wait_end_of_query=1&skip_unavailable_shards=0&insert_distributed_sync=1&max_query_size=67108864");
        if (body is not null)
        {
            query.Append("&query=").Append(Uri.EscapeDataString(sql));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(query.ToString()));
        request.Headers.Add("X-ClickHouse-User", Settings.User);
        if (Settings.Password.Length > 0)
        {
            request.Headers.Add("X-ClickHouse-Key", Settings.Password);
        }

        request.Content = body is null ? new StringContent(sql, Encoding.UTF8) : new StreamContent(body, 1 << 16);
        return request;
    }

    /// <summary>
    /// Sends one statement. The query goes in the URL when a body carries rows, otherwise in the body; an answer other
    /// than 200 becomes a <see cref="ClickHouseException"/> carrying ClickHouse's message and the address asked.
    /// </summary>
    private async Task<string> SendAsync(Uri node, string sql, Stream? body, bool inDatabase, bool read, CancellationToken cancellationToken, bool streamed = false)
    {
        using var request = NewRequest(node, sql, body, inDatabase);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (!streamed)
        {
            timeout.CancelAfter(Settings.Timeout);
        }

        var where = node.GetLeftPart(UriPartial.Authority);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw Refused(where, response.StatusCode, text, sql);
            }

            return read ? text : "";
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw new ClickHouseException(string.Create(CultureInfo.InvariantCulture,
                $"ClickHouse at {where} did not answer within {Settings.Timeout.TotalSeconds:0} s ({Abbreviate(sql)})"), null, ex);
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(where, ex, sql);
        }
    }

    private static ClickHouseException Refused(string where, HttpStatusCode status, string text, string sql) => new(
        "ClickHouse at " + where + " refused: " + text.Trim() + " (HTTP " + ((int)status).ToString(CultureInfo.InvariantCulture) + "; " + Abbreviate(sql) + ")",
        CodeOf(text));

    private static ClickHouseException Unreachable(string where, HttpRequestException ex, string sql) => new(
        "ClickHouse at " + where + " is unreachable: " + (ex.InnerException is SocketException socket ? socket.Message : ex.Message) + " (" + Abbreviate(sql) + ")",
        null, ex);

    private static int? CodeOf(string text) =>
        CodePattern().Match(text) is { Success: true } m ? int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : null;

    private static string Abbreviate(string sql)
    {
        var flat = string.Join(' ', sql.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 160 ? flat : flat[..160] + "...";
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// Runs a query on <paramref name="node"/> and yields its rows as they are read off the answer, a chunk at a time, so a
    /// long result never sits in memory at once. With <c>wait_end_of_query=1</c> the server holds the whole answer before
    /// sending it, so a late error is still a refusal, never a cut stream. The timeout runs until the answer starts.
    /// </summary>
    public async IAsyncEnumerable<string?[]> StreamAsync(string sql, Uri node, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = NewRequest(node, sql + "\nFORMAT TabSeparated", body: null, inDatabase: true);
        var where = node.GetLeftPart(UriPartial.Authority);
        HttpResponseMessage response;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(Settings.Timeout);
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
            {
                throw new ClickHouseException(string.Create(CultureInfo.InvariantCulture,
                    $"ClickHouse at {where} did not answer within {Settings.Timeout.TotalSeconds:0} s ({Abbreviate(sql)})"), null, ex);
            }
            catch (HttpRequestException ex)
            {
                throw Unreachable(where, ex, sql);
            }
        }

        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw Refused(where, response.StatusCode, text, sql);
            }

            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), Encoding.UTF8);
            var buffer = new char[1 << 16];
            var pending = new StringBuilder();
            int read;
            while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
            {
                // A raw line feed always ends a row (one inside a value is escaped): parse up to the last one read.
                var end = Array.LastIndexOf(buffer, '\n', read - 1);
                if (end < 0)
                {
                    pending.Append(buffer, 0, read);
                    continue;
                }

                pending.Append(buffer, 0, end + 1);
                var rows = Tsv.ParseRows(pending.ToString());
                pending.Clear().Append(buffer, end + 1, read - end - 1);
                foreach (var row in rows)
                {
                    yield return row;
                }
            }

            if (pending.Length > 0)
            {
                foreach (var row in Tsv.ParseRows(pending.ToString()))
                {
                    yield return row;
                }
            }
        }
    }

    [GeneratedRegex(@"Code:\s*(\d+)")]
    private static partial Regex CodePattern();
}

/// <summary>
/// One streamed insert: rows are escaped as <c>TabSeparated</c> into a pipe whose other end is the HTTP body. Writing is
/// synchronous (the import's hot path) and blocks while the server is behind, so memory stays flat.
/// </summary>
internal sealed class TsvInsert : IAsyncDisposable
{
    private const int FlushEvery = 1 << 18;
    private readonly Pipe _pipe;
    private readonly Task<string> _send;
    private readonly CancellationTokenSource _cancel;
    private readonly StringBuilder _row = new();
    private long _unflushed;
    private int _fields;
    private bool _completed;

    public TsvInsert(Pipe pipe, Task<string> send, CancellationTokenSource cancel)
    {
        _pipe = pipe;
        _send = send;
        _cancel = cancel;
    }

    /// <summary>Rows written.</summary>
    public long Rows { get; private set; }

    /// <summary>Appends a field to the current row (a tab before every field but the first).</summary>
    public void Field(string? value)
    {
        if (_fields++ > 0)
        {
            _row.Append('\t');
        }

        Tsv.Escape(_row, value);
    }

    /// <summary>Appends an integer field.</summary>
    public void Field(long value)
    {
        if (_fields++ > 0)
        {
            _row.Append('\t');
        }

        _row.Append(value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Ends the row and hands it to the pipe; throws the server's error when the insert already failed.</summary>
    public void EndRow()
    {
        _row.Append('\n');
        var max = Encoding.UTF8.GetMaxByteCount(_row.Length);
        var span = _pipe.Writer.GetSpan(max);
        var written = 0;
        foreach (var chunk in _row.GetChunks())
        {
            written += Encoding.UTF8.GetBytes(chunk.Span, span[written..]);
        }

        _pipe.Writer.Advance(written);
        _row.Clear();
        _fields = 0;
        Rows++;
        _unflushed += written;
        if (_unflushed >= FlushEvery)
        {
            _unflushed = 0;
            var result = _pipe.Writer.FlushAsync().AsTask().GetAwaiter().GetResult();
            if (result.IsCompleted)
            {
                // The body's reader stopped: the request failed. Its error says why.
                _send.GetAwaiter().GetResult();
                throw new ClickHouseException("ClickHouse stopped reading the inserted rows");
            }
        }
    }

    /// <summary>Ends the body and waits for the server to take every row.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (!_completed)
        {
            _completed = true;
            await _pipe.Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            await _pipe.Writer.CompleteAsync().ConfigureAwait(false);
        }

        await _send.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Abandons the insert: the request is cancelled, and what the server took stays in the table (a staging table).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            _completed = true;
            await _cancel.CancelAsync().ConfigureAwait(false);
            await _pipe.Writer.CompleteAsync(new OperationCanceledException("insert abandoned")).ConfigureAwait(false);
        }

        try
        {
            await _send.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ClickHouseException or OperationCanceledException or IOException)
        {
        }

        _cancel.Dispose();
    }
}

/// <summary>ClickHouse's <c>TabSeparated</c> escaping, both ways.</summary>
internal static class Tsv
{
    /// <summary>Appends a field escaped (<c>\N</c> for null).</summary>
    public static void Escape(StringBuilder builder, string? value)
    {
        if (value is null)
        {
            builder.Append("\\N");
            return;
        }

        ClickHouseSql.AppendEscaped(builder, value);
    }

    /// <summary>The rows of a <c>TabSeparated</c> answer.</summary>
    public static IReadOnlyList<string?[]> ParseRows(string text)
    {
        var rows = new List<string?[]>();
        var fields = new List<string?>();
        var field = new StringBuilder();
        var escaped = false;
        var isNull = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (escaped)
            {
                escaped = false;
                switch (c)
                {
                    case 'N' when field.Length == 0:
                        isNull = true;
                        break;
                    case 't':
                        field.Append('\t');
                        break;
                    case 'n':
                        field.Append('\n');
                        break;
                    case 'r':
                        field.Append('\r');
                        break;
                    case '0':
                        field.Append('\0');
                        break;
                    case 'b':
                        field.Append('\b');
                        break;
                    case 'f':
                        field.Append('\f');
                        break;
                    case 'a':
                        field.Append('\a');
                        break;
                    case 'v':
                        field.Append('\v');
                        break;
                    default:
                        field.Append(c);
                        break;
                }

                continue;
            }

            switch (c)
            {
                case '\\':
                    escaped = true;
                    break;
                case '\t':
                    fields.Add(isNull ? null : field.ToString());
                    field.Clear();
                    isNull = false;
                    break;
                case '\n':
                    fields.Add(isNull ? null : field.ToString());
                    field.Clear();
                    isNull = false;
                    rows.Add([.. fields]);
                    fields.Clear();
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (field.Length > 0 || fields.Count > 0 || isNull)
        {
            fields.Add(isNull ? null : field.ToString());
            rows.Add([.. fields]);
        }

        return rows;
    }
}
