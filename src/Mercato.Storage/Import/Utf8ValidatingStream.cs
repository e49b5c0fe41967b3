using System.Text.Unicode;

namespace Mercato.Storage.Import;

/// <summary>
/// Passes bytes through unchanged and fails, with the byte offset, as soon as they stop being UTF-8. The CSV reader
/// decodes leniently; this makes a file that is not UTF-8 fail whole, as the contract says, instead of turning its bytes
/// into replacement characters.
/// </summary>
internal sealed class Utf8ValidatingStream(Stream inner) : PassThroughStream(inner)
{
    private readonly byte[] _carry = new byte[4];
    private int _carried;
    private long _offset;
    private long _newlines;

    protected override void OnRead(ReadOnlySpan<byte> data) => Validate(data, endOfInput: data.IsEmpty);

    private void Validate(ReadOnlySpan<byte> chunk, bool endOfInput)
    {
        if (endOfInput)
        {
            if (_carried > 0)
            {
                Fail(_offset - _carried);
            }

            return;
        }

        // Complete a sequence split by the previous read.
        if (_carried > 0)
        {
            var need = SequenceLength(_carry[0]) - _carried;
            var take = Math.Min(need, chunk.Length);
            chunk[..take].CopyTo(_carry.AsSpan(_carried));
            _carried += take;
            chunk = chunk[take..];
            _offset += take;
            if (_carried < SequenceLength(_carry[0]))
            {
                return;
            }

            if (!Utf8.IsValid(_carry.AsSpan(0, _carried)))
            {
                Fail(_offset - _carried);
            }

            _carried = 0;
        }

        // Hold back an incomplete sequence at the end of the chunk.
        var end = chunk.Length;
        for (var back = 1; back <= Math.Min(3, chunk.Length); back++)
        {
            var b = chunk[^back];
            if ((b & 0xC0) != 0x80)
            {
                if (b >= 0xC0 && SequenceLength(b) > back)
                {
                    end = chunk.Length - back;
                }

                break;
            }
        }

        if (!Utf8.IsValid(chunk[..end]))
        {
            var valid = ValidPrefix(chunk[..end]);
            _newlines += chunk[..valid].Count((byte)'\n');
            Fail(_offset + valid);
        }

        _newlines += chunk.Count((byte)'\n');
        chunk[end..].CopyTo(_carry);
        _carried = chunk.Length - end;
        _offset += chunk.Length;
    }

    private static int SequenceLength(byte lead) => lead switch
    {
        < 0xC0 => 1,
        < 0xE0 => 2,
        < 0xF0 => 3,
        _ => 4,
    };

    private static int ValidPrefix(ReadOnlySpan<byte> bytes)
    {
        Span<char> scratch = stackalloc char[256];
        var consumed = 0;
        while (consumed < bytes.Length)
        {
            var status = Utf8.ToUtf16(bytes[consumed..], scratch, out var read, out _, replaceInvalidSequences: false, isFinalBlock: false);
            consumed += read;
            if (status != System.Buffers.OperationStatus.DestinationTooSmall)
            {
                break;
            }
        }

        return consumed;
    }

    private void Fail(long offset) => throw new InvalidUtf8Exception(_newlines + 1, offset);
}

/// <summary>The input stopped being UTF-8 on <see cref="Line"/>, at byte <see cref="Offset"/> of the file.</summary>
internal sealed class InvalidUtf8Exception(long line, long offset)
    : FormatException(FormattableString.Invariant($"not valid UTF-8 text (at byte {offset}); save the file as UTF-8"))
{
    public long Line { get; } = line;

    public long Offset { get; } = offset;
}
