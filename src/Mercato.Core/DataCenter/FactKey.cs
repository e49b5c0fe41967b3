using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mercato.Core.DataCenter;

/// <summary>
/// Idempotency keys: the first eight bytes of SHA-256 over the identity fields, each written as UTF-8 and
/// followed by a 0x1F unit separator. The chance that two distinct rows of a table share a key is about n²/2⁶⁵
/// (3·10⁻⁶ at ten million rows).
/// </summary>
public static class FactKey
{
    /// <summary>The key of an identity made of the given parts, in order.</summary>
    public static long Of(params ReadOnlySpan<string> parts)
    {
        var length = 0;
        foreach (var part in parts)
        {
            length += Encoding.UTF8.GetMaxByteCount(part.Length) + 1;
        }

        var rented = length <= 1024 ? null : ArrayPool<byte>.Shared.Rent(length);
        Span<byte> buffer = rented ?? stackalloc byte[1024];
        var written = 0;
        foreach (var part in parts)
        {
            written += Encoding.UTF8.GetBytes(part, buffer[written..]);
            buffer[written++] = 0x1F;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer[..written], hash);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return BinaryPrimitives.ReadInt64LittleEndian(hash);
    }

    /// <summary>An instant as identity text: milliseconds since the Unix epoch, the precision the store keeps.</summary>
    public static string Instant(DateTimeOffset timestamp) =>
        timestamp.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
}
