using Mercato.Core.DataCenter;

namespace Mercato.Storage.Import;

/// <summary>The text formats the importer reads.</summary>
public enum DataFormat
{
    /// <summary>CSV with a header row, UTF-8, comma separated.</summary>
    Csv,

    /// <summary>JSON Lines: one JSON object per line with the contract's field names.</summary>
    JsonLines,
}

/// <summary>A file's format and compression, from its name: <c>.csv</c>, <c>.jsonl</c>, either optionally <c>.gz</c>.</summary>
public readonly record struct FileFormat(DataFormat Format, bool Gzip)
{
    /// <summary>The format of a file by its extension; false for any other extension.</summary>
    public static bool TryFromFileName(string path, out FileFormat format)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        var gzip = name.EndsWith(".gz", StringComparison.Ordinal);
        if (gzip)
        {
            name = name[..^3];
        }

        if (name.EndsWith(".csv", StringComparison.Ordinal))
        {
            format = new FileFormat(DataFormat.Csv, gzip);
            return true;
        }

        if (name.EndsWith(".jsonl", StringComparison.Ordinal) || name.EndsWith(".ndjson", StringComparison.Ordinal))
        {
            format = new FileFormat(DataFormat.JsonLines, gzip);
            return true;
        }

        format = default;
        return false;
    }

    /// <summary><c>csv</c>, <c>jsonl</c>, <c>csv.gz</c> or <c>jsonl.gz</c>.</summary>
    public override string ToString() => (Format == DataFormat.Csv ? "csv" : "jsonl") + (Gzip ? ".gz" : string.Empty);
}

/// <summary>One import of one file or body.</summary>
/// <param name="Kind">The data kind.</param>
/// <param name="Source">Where the data came from (a path, or "http upload"), recorded with the batch and in every error.</param>
/// <param name="Format">The text format and compression.</param>
/// <param name="Open">Opens the raw (possibly compressed) stream; called once.</param>
public sealed record ImportRequest(DataKind Kind, string Source, FileFormat Format, Func<Stream> Open)
{
    /// <summary>Import the valid rows and report the invalid ones, instead of refusing the whole file.</summary>
    public bool SkipInvalid { get; init; }

    /// <summary>With <see cref="SkipInvalid"/>: where to write the rejected rows with their reasons (CSV).</summary>
    public string? RejectedPath { get; init; }

    /// <summary>
    /// Turns a reason's code and arguments into the words written to the rejected-rows file (the host passes its message
    /// catalogue); without one the file holds the code.
    /// </summary>
    public Func<string, MessageArgs, string>? RenderReason { get; init; }

    /// <summary>Receives bytes read so far, about every 64k rows.</summary>
    public IProgress<ImportProgress>? Progress { get; init; }

    /// <summary>Validate and count what would be added, updated and left, then roll back: nothing is written, no batch recorded.</summary>
    public bool DryRun { get; init; }

    /// <summary>How dates without a time are read: midnight in the workspace time zone (the imports use case sets it).</summary>
    public ParseContext Context { get; init; } = ParseContext.Utc;

    /// <summary>Marks the batch as the demo company's, so that removing the demo removes it.</summary>
    public bool IsDemo { get; init; }
}

/// <summary>How far an import has come.</summary>
public readonly record struct ImportProgress(long BytesRead, long RowsRead);

/// <summary>What an import did.</summary>
public sealed record ImportResult(
    long BatchId,
    string Kind,
    string Source,
    ImportStatus Status,
    long RowsRead,
    long Added,
    long Updated,
    long Unchanged,
    long Rejected,
    IReadOnlyList<RowError> Errors,
    IReadOnlyList<Message> Warnings,
    Message? Message)
{
    /// <summary>At most this many errors are kept and shown; all are counted in <see cref="Rejected"/>.</summary>
    public const int MaxErrorsKept = 100;

    /// <summary>Channels seen for the first time (added to the catalog).</summary>
    public IReadOnlyList<string> NewChannels { get; init; } = [];

    /// <summary>With skip-invalid: the file the rejected rows were written to.</summary>
    public string? RejectedFile { get; init; }
}
