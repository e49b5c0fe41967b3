using System.Text;
using System.Text.Json;
using Mercato.Core.DataCenter;
using Mercato.Storage.Import;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Mercato.Features.Imports;

/// <summary>
/// <c>POST /api/v1/import/{kind}</c> (a CSV or JSON Lines body) and <c>POST /api/v1/events</c> (a JSON array). Both run the
/// same pipeline as <c>mercato import</c>: 200 with the summary when committed, 422 with the bad rows when the input is
/// invalid (nothing written), 413 above the size limit, 415 for a body that is neither CSV nor JSON Lines. With
/// <c>?queue=true</c> a valid body is appended to the ingest queue instead and answered 202 with its queue id once the
/// append is durable; the merger writes it into the store within seconds (<c>GET /api/v1/import/queue</c> shows what waits).
/// </summary>
public static class ImportApi
{
    private static readonly string[] EventKinds = ["touchpoints", "conversions", "activity"];

    public static RouteGroupBuilder MapImportApi(this RouteGroupBuilder api)
    {
        api.MapPost("/import/{kind}", ImportBody)
            .WithName("ImportFile")
            .WithSummary("Import a CSV (Content-Type text/csv) or JSON Lines (application/x-ndjson) body of one data kind")
            .Accepts<string>("text/csv", "application/x-ndjson", "application/jsonl");

        api.MapGet("/import/queue", async (ImportUseCases imports, CancellationToken cancellationToken) => TypedResults.Ok(await imports.QueueStatusAsync(cancellationToken)))
            .WithName("ImportQueue")
            .WithSummary("What waits in the ingest queue (bodies sent with ?queue=true), and the merger's last run");

        api.MapPost("/events", ImportEvents)
            .WithName("ImportEvents")
            .WithSummary("Import a JSON array of touchpoints, conversions or activity rows (?kind=, or a \"kind\" property on each row)");
        return api;
    }

    private static async Task<IResult> ImportBody(
        HttpContext http, string kind, bool? skipInvalid, bool? dryRun, bool? queue, string? format, ImportUseCases imports, IOptions<MercatoOptions> options)
    {
        if (DataKinds.Find(kind) is not { } dataKind)
        {
            return UnknownKind(kind);
        }

        if (TooLarge(http, options.Value) is { } tooLarge)
        {
            return tooLarge;
        }

        if (!TryFormat(http.Request, format, out var fileFormat))
        {
            return ApiProblems.Of(StatusCodes.Status415UnsupportedMediaType, ApiCodes.UnsupportedBodyFormat);
        }

        // Spool the body to a temporary file (asynchronously, within the limit), then run the synchronous pipeline on it.
        var limited = new LimitedStream(http.Request.Body, options.Value.MaxImportBytes);
        await using var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await limited.CopyToAsync(spool, http.RequestAborted).ConfigureAwait(false);
        }
        catch (IOException) when (limited.Exceeded)
        {
            return PayloadTooLarge(options.Value);
        }

        var request = new ImportRequest(dataKind, "http upload", fileFormat, () =>
        {
            spool.Position = 0;
            return new PassThroughStream(spool, disposeInner: false);
        })
        {
            SkipInvalid = skipInvalid ?? false,
            DryRun = dryRun ?? false,
            RenderReason = (code, args) => Messages.Text(code, args),
        };
        if (queue == true)
        {
            var answer = await imports.QueueAsync([request], recordRefused: true, http.RequestAborted).ConfigureAwait(false);
            return answer.Queued.Count > 0 ? Queued(answer.Queued) : ToHttp(answer.Done.Count > 0 ? answer.Done[0] : answer.Refused[0]);
        }

        // A small body commits with the others that arrive meanwhile (the group commit); a large one streams alone.
        var results = await imports.ImportTogetherAsync([request], recordRefused: true, http.RequestAborted).ConfigureAwait(false);
        return ToHttp(results[0]);
    }

    /// <summary>202 with the queued bodies' ids; the queue's state is at <c>/api/v1/import/queue</c>.</summary>
    private static IResult Queued(IReadOnlyList<QueuedImport> queued) => TypedResults.Accepted("/api/v1/import/queue", new { queued });

    private static async Task<IResult> ImportEvents(HttpContext http, string? kind, bool? dryRun, bool? queue, ImportUseCases imports, IOptions<MercatoOptions> options)
    {
        if (kind is not null && !EventKinds.Contains(kind, StringComparer.OrdinalIgnoreCase))
        {
            return UnknownKind(kind, EventKinds);
        }

        if (TooLarge(http, options.Value) is { } tooLarge)
        {
            return tooLarge;
        }

        var limited = new LimitedStream(http.Request.Body, options.Value.MaxImportBytes);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(limited, cancellationToken: http.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return limited.Exceeded
                ? PayloadTooLarge(options.Value)
                : ApiProblems.Bad(ApiCodes.BodyNotJson, ("detail", ex.Message));
        }
        catch (IOException) when (limited.Exceeded)
        {
            return PayloadTooLarge(options.Value);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return ApiProblems.Bad(ApiCodes.BodyNotArray);
            }

            // Split the rows by kind, remembering each row's position in the array, which errors report as its line.
            var groups = new Dictionary<string, (StringBuilder Lines, List<long> Positions)>(StringComparer.Ordinal);
            var errors = new List<RowError>();
            long position = 0;
            foreach (var row in document.RootElement.EnumerateArray())
            {
                position++;
                var rowKind = kind ?? (row.ValueKind == JsonValueKind.Object && row.TryGetProperty("kind", out var k) ? k.GetString() : null);
                var normalized = EventKinds.FirstOrDefault(e => string.Equals(e, rowKind, StringComparison.OrdinalIgnoreCase)
                                                                 || string.Equals(e, rowKind + "s", StringComparison.OrdinalIgnoreCase));
                if (normalized is null)
                {
                    errors.Add(new RowError("request body", position, "kind", rowKind, ApiCodes.RowWithoutKind, MessageArgs.Empty));
                    continue;
                }

                if (!groups.TryGetValue(normalized, out var group))
                {
                    group = (new StringBuilder(), []);
                    groups[normalized] = group;
                }

                group.Lines.Append(row.GetRawText().ReplaceLineEndings(" ")).Append('\n');
                group.Positions.Add(position);
            }

            if (errors.Count > 0)
            {
                return Invalid(ApiCodes.RowsWithoutKind, MessageArgs.Empty, errors, errors.Count);
            }

            // Every group is read and validated before anything is written; valid ones commit together, with other
            // requests' rows that arrive meanwhile (the group commit), and the answer comes once they are durable.
            var kinds = groups.Keys.ToList();
            var requests = kinds.Select(k => Request(k, groups[k].Lines, dryRun ?? false)).ToList();
            IReadOnlyList<ImportResult> results;
            if (queue == true)
            {
                // Validated the same way, then appended to the ingest queue: the answer comes once the append is durable.
                var answer = await imports.QueueAsync(requests, recordRefused: false, http.RequestAborted).ConfigureAwait(false);
                if (answer.Queued.Count > 0)
                {
                    return Queued(answer.Queued);
                }

                results = answer.Done.Count > 0 ? answer.Done : answer.Refused;
            }
            else
            {
                results = await imports.ImportTogetherAsync(requests, recordRefused: false, http.RequestAborted).ConfigureAwait(false);
            }

            if (results.FirstOrDefault(r => r.Status == ImportStatus.Failed) is { } failed)
            {
                return ToHttp(failed);
            }

            for (var i = 0; i < results.Count; i++)
            {
                if (results[i].Status != ImportStatus.Committed)
                {
                    errors.AddRange(results[i].Errors.Select(e => e with { Line = groups[kinds[i]].Positions[(int)e.Line - 1] }));
                }
            }

            if (errors.Count > 0)
            {
                return Invalid(StorageCodes.RowsInvalid, MessageArgs.Of(("count", errors.Count)), errors.OrderBy(e => e.Line).Take(ImportResult.MaxErrorsKept).ToList(), errors.Count);
            }

            return TypedResults.Ok(new { imports = results });
        }
    }

    private static ImportRequest Request(string kind, StringBuilder lines, bool dryRun)
    {
        var bytes = Encoding.UTF8.GetBytes(lines.ToString());
        return new ImportRequest(DataKinds.Find(kind)!, "request body", new FileFormat(DataFormat.JsonLines, false), () => new MemoryStream(bytes))
        {
            DryRun = dryRun,
        };
    }

    /// <summary>The HTTP answer for an import result: 200, 422 with the bad rows, or 500.</summary>
    internal static IResult ToHttp(ImportResult result) => result.Status switch
    {
        ImportStatus.Committed => TypedResults.Ok(result),
        ImportStatus.Rejected when result.Errors.Count > 0 =>
            Invalid(result.Message?.Code ?? ApiCodes.TitleInvalid, result.Message?.Args ?? MessageArgs.Empty, result.Errors, result.Rejected, result),
        ImportStatus.Rejected => Failed(StatusCodes.Status422UnprocessableEntity, result),
        _ => Failed(StatusCodes.Status500InternalServerError, result),
    };

    /// <summary>422 with the bad rows: the title says what happened to the batch, the code and detail how many rows were refused.</summary>
    private static ProblemHttpResult Invalid(string titleCode, MessageArgs titleArgs, IReadOnlyList<RowError> errors, long rejected, ImportResult? result = null) =>
        ApiProblems.Of(StatusCodes.Status422UnprocessableEntity, ApiCodes.RowsRejected, MessageArgs.Of(("rejected", rejected), ("shown", errors.Count)), titleCode, titleArgs,
            new Dictionary<string, object?>
            {
                ["rejected"] = rejected,
                ["rowsRead"] = result?.RowsRead,
                ["batchId"] = result?.BatchId,
                ["errors"] = errors,
                ["warnings"] = result?.Warnings,
            });

    private static ProblemHttpResult Failed(int status, ImportResult result) => result.Message is { } message
        ? ApiProblems.Of(status, message.Code, message.Args)
        : ApiProblems.Of(status, status >= 500 ? ApiCodes.TitleFailed : ApiCodes.TitleInvalid);

    private static ProblemHttpResult UnknownKind(string kind, IEnumerable<string>? kinds = null) =>
        ApiProblems.NotFound(CommonCodes.NotOneOf, ("value", kind), ("expected", kinds ?? DataKinds.All.Select(k => k.Name)));

    private static ProblemHttpResult? TooLarge(HttpContext http, MercatoOptions options)
    {
        // The endpoint enforces the limit itself (LimitedStream), so that an over-long chunked body also gets 413.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = null;
        }

        return http.Request.ContentLength > options.MaxImportBytes ? PayloadTooLarge(options) : null;
    }

    private static ProblemHttpResult PayloadTooLarge(MercatoOptions options) =>
        ApiProblems.Of(StatusCodes.Status413PayloadTooLarge, ApiCodes.BodyTooLarge, MessageArgs.Of(("limit", options.MaxImportBytes)));

    private static bool TryFormat(HttpRequest request, string? format, out FileFormat fileFormat)
    {
        var gzip = string.Equals(request.Headers.ContentEncoding.ToString(), "gzip", StringComparison.OrdinalIgnoreCase);
        var name = format ?? request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() switch
        {
            "text/csv" or "application/csv" => "csv",
            "application/x-ndjson" or "application/jsonl" or "application/x-jsonlines" or "application/jsonlines" => "jsonl",
            _ => null,
        };
        var ok = FileFormat.TryFromFileName("body." + name + (gzip ? ".gz" : string.Empty), out fileFormat);
        return name is not null && ok;
    }

    /// <summary>A request body that refuses to be read past a limit, and says so.</summary>
    private sealed class LimitedStream(Stream inner, long limit) : PassThroughStream(inner, disposeInner: false)
    {
        public bool Exceeded { get; private set; }

        protected override void OnRead(ReadOnlySpan<byte> data)
        {
            if (BytesRead > limit)
            {
                Exceeded = true;
                throw new IOException("the request body is larger than the import limit");
            }
        }
    }
}
