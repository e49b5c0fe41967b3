using System.Text;
using System.Text.Json;
using CsvHelper;
using Mercato.Core.DataCenter;

namespace Mercato.Storage.Import;

/// <summary>
/// Reads raw rows of one data kind from text: each row becomes one value per contract field (null when absent or empty),
/// with the line it starts on. Rows that cannot even be split into fields come back with a row-level error.
/// </summary>
internal interface IRowReader : IDisposable
{
    /// <summary>Errors that fail the whole file before any row (a missing required column, a duplicated column).</summary>
    IReadOnlyList<FieldError> HeaderErrors { get; }

    /// <summary>Columns or properties that are not in the contract; they are ignored.</summary>
    IReadOnlyCollection<string> UnknownColumns { get; }

    /// <summary>Reads the next row into <paramref name="values"/>; false at the end.</summary>
    bool Read(string?[] values, out long line, List<FieldError> rowErrors);

    /// <summary>The current row as it stands in the input, without its line break (for the rejected-rows file).</summary>
    string RawRecord();
}

internal static class RowReaders
{
    /// <summary>Strict UTF-8: bytes that are not UTF-8 fail the file with a clear reason instead of turning into '\uFFFD'.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IRowReader Open(Stream stream, DataFormat format, DataKind kind)
    {
        return format == DataFormat.Csv
            ? new CsvRowReader(new Utf8ValidatingStream(stream), kind)
            : new JsonLinesRowReader(new StreamReader(new Utf8ValidatingStream(stream), StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), kind);
    }
}

internal sealed class CsvRowReader : IRowReader
{
    private readonly CsvReader _csv;
    private readonly int[] _fieldOfColumn;
    private readonly int _columnCount;
    private readonly List<FieldError> _header = [];
    private readonly List<string> _unknown = [];
    private CsvMalformedRecord? _malformed;

    public CsvRowReader(Stream stream, DataKind kind)
    {
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            PoolStrings = true,
            OnMalformedRecord = record => _malformed ??= record,
        };
        _csv = CsvReader.Create(stream, options, leaveOpen: false);
        var headers = _csv.Headers;
        _columnCount = headers.Count;
        _fieldOfColumn = new int[_columnCount];
        if (_columnCount == 0)
        {
            _header.Add(new FieldError("(header)", null, StorageCodes.NoHeader));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < _columnCount; c++)
        {
            var name = (headers[c] ?? string.Empty).Trim().TrimStart('\uFEFF');
            _fieldOfColumn[c] = kind.IndexOf(name);
            if (!seen.Add(name))
            {
                _header.Add(new FieldError(name, name, StorageCodes.ColumnTwice));
            }
            else if (_fieldOfColumn[c] < 0)
            {
                _unknown.Add(name);
            }
        }

        foreach (var field in kind.Fields)
        {
            if (!field.Required)
            {
                continue;
            }

            // A required field may be replaced by another column (FieldSpec.Instead): exactly one of them must be there.
            string[] names = [field.Name, .. kind.AlternativesOf(field.Name).Select(f => f.Name)];
            var present = names.Where(seen.Contains).ToList();
            if (present.Count > 1)
            {
                _header.Add(FieldError.Of(present[1], present[1], StorageCodes.ColumnsExclusive, ("columns", present)));
            }
            else if (present.Count == 0)
            {
                _header.Add(names.Length == 1
                    ? new FieldError(field.Name, null, StorageCodes.RequiredColumnMissing)
                    : FieldError.Of(field.Name, null, StorageCodes.RequiredColumnMissingOneOf, ("columns", names)));
            }
        }
    }

    public IReadOnlyList<FieldError> HeaderErrors => _header;

    public IReadOnlyCollection<string> UnknownColumns => _unknown;

    public string RawRecord() => Encoding.UTF8.GetString(_csv.RawRecord);

    public bool Read(string?[] values, out long line, List<FieldError> rowErrors)
    {
        Array.Clear(values);
        _malformed = null;
        if (!_csv.Read())
        {
            line = 0;
            return false;
        }

        line = _csv.LineNumber;
        if (_malformed is not null)
        {
            rowErrors.Add(_malformed.Value.Reason switch
            {
                CsvMalformedReason.StrayQuote => new FieldError("(row)", null, StorageCodes.CsvStrayQuote),
                CsvMalformedReason.TextAfterClosingQuote => new FieldError("(row)", null, StorageCodes.CsvTextAfterQuote),
                CsvMalformedReason.UnterminatedQuote => new FieldError("(row)", null, StorageCodes.CsvUnterminatedQuote),
                _ => FieldError.Of("(row)", null, StorageCodes.CsvMalformed, ("detail", _malformed.Value.Reason.ToString())),
            });
            return true;
        }

        if (_csv.FieldCount != _columnCount)
        {
            rowErrors.Add(FieldError.Of("(row)", null, StorageCodes.FieldCount, ("fields", _csv.FieldCount), ("columns", _columnCount)));
            return true;
        }

        for (var c = 0; c < _columnCount; c++)
        {
            var field = _fieldOfColumn[c];
            if (field < 0)
            {
                continue;
            }

            var value = _csv.GetString(c);
            values[field] = value.Length == 0 ? null : value;
        }

        return true;
    }

    public void Dispose() => _csv.Dispose();
}

internal sealed class JsonLinesRowReader : IRowReader
{
    private readonly TextReader _reader;
    private readonly DataKind _kind;
    private readonly HashSet<string> _unknown = new(StringComparer.Ordinal);
    private readonly bool[] _seen;
    private byte[] _buffer = new byte[4096];
    private long _line;

    public JsonLinesRowReader(TextReader reader, DataKind kind)
    {
        _reader = reader;
        _kind = kind;
        _seen = new bool[kind.Fields.Count];
    }

    // JSON Lines has no header: a missing required property is an error of the row that lacks it.
    public IReadOnlyList<FieldError> HeaderErrors => [];

    public IReadOnlyCollection<string> UnknownColumns => _unknown;

    private string _current = string.Empty;

    public string RawRecord() => _current;

    public bool Read(string?[] values, out long line, List<FieldError> rowErrors)
    {
        Array.Clear(values);
        string? text;
        do
        {
            text = _reader.ReadLine();
            _line++;
        }
        while (text is not null && string.IsNullOrWhiteSpace(text));

        line = _line;
        _current = text ?? string.Empty;
        if (text is null)
        {
            return false;
        }

        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_buffer.Length < length)
        {
            _buffer = new byte[Math.Max(length, _buffer.Length * 2)];
        }

        var bytes = Encoding.UTF8.GetBytes(text, _buffer);
        try
        {
            ReadObject(new ReadOnlySpan<byte>(_buffer, 0, bytes), values, rowErrors);
        }
        catch (JsonException ex)
        {
            Array.Clear(values);
            rowErrors.Add(FieldError.Of("(row)", null, StorageCodes.NotJsonObjectDetail, ("detail", FirstSentence(ex.Message))));
        }

        return true;
    }

    public void Dispose() => _reader.Dispose();

    private void ReadObject(ReadOnlySpan<byte> json, string?[] values, List<FieldError> rowErrors)
    {
        Array.Clear(_seen);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            rowErrors.Add(new FieldError("(row)", null, StorageCodes.NotJsonObject));
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var field = _kind.IndexOf(name);
            if (field < 0)
            {
                _unknown.Add(name);
                reader.Skip();
                continue;
            }

            if (_seen[field])
            {
                rowErrors.Add(new FieldError(name, null, StorageCodes.PropertyTwice));
            }

            _seen[field] = true;
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    var s = reader.GetString();
                    values[field] = string.IsNullOrEmpty(s) ? null : s;
                    break;
                case JsonTokenType.Number:
                    values[field] = Encoding.UTF8.GetString(reader.ValueSpan);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    values[field] = reader.TokenType == JsonTokenType.True ? "true" : "false";
                    break;
                case JsonTokenType.Null:
                    values[field] = null;
                    break;
                default:
                    rowErrors.Add(new FieldError(name, null, StorageCodes.NotScalar));
                    reader.Skip();
                    break;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            rowErrors.Add(new FieldError("(row)", null, StorageCodes.NotSingleJsonObject));
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
