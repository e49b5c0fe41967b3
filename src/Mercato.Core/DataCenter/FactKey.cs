using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Mercato.Core.DataCenter;

/// <summary>
/// Idempotency keys: XXH64 (seed 0) over the identity fields, each written as UTF-8 and followed by a 0x1F unit
/// separator. The chance that two distinct rows of a table share a key is about n²/2⁶⁵ (3·10⁻⁶ at ten million rows).
/// XXH64 is written here because no maintained hashing package is available to us; it is checked against the
/// reference test vectors.
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

        var hash = XxHash64(buffer[..written]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return unchecked((long)hash);
    }

    /// <summary>An instant as identity text: milliseconds since the Unix epoch, the precision the store keeps.</summary>
    public static string Instant(DateTimeOffset timestamp) =>
        timestamp.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private const ulong P1 = 0x9E3779B185EBCA87UL;
    private const ulong P2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong P3 = 0x165667B19E3779F9UL;
    private const ulong P4 = 0x85EBCA77C2B2AE63UL;
    private const ulong P5 = 0x27D4EB2F165667C5UL;

    /// <summary>XXH64 with seed 0, as specified by the xxHash reference (Yann Collet).</summary>
    internal static ulong XxHash64(ReadOnlySpan<byte> data)
    {
        unchecked
        {
            var remaining = data;
            ulong h;
            if (data.Length >= 32)
            {
                var v1 = P1 + P2;
                var v2 = P2;
                var v3 = 0UL;
                var v4 = 0UL - P1;
                while (remaining.Length >= 32)
                {
                    v1 = Round(v1, BinaryPrimitives.ReadUInt64LittleEndian(remaining));
                    v2 = Round(v2, BinaryPrimitives.ReadUInt64LittleEndian(remaining[8..]));
                    v3 = Round(v3, BinaryPrimitives.ReadUInt64LittleEndian(remaining[16..]));
                    v4 = Round(v4, BinaryPrimitives.ReadUInt64LittleEndian(remaining[24..]));
                    remaining = remaining[32..];
                }

                h = BitOperations.RotateLeft(v1, 1) + BitOperations.RotateLeft(v2, 7) + BitOperations.RotateLeft(v3, 12) + BitOperations.RotateLeft(v4, 18);
                h = Merge(h, v1);
                h = Merge(h, v2);
                h = Merge(h, v3);
                h = Merge(h, v4);
            }
            else
            {
                h = P5;
            }

            h += (ulong)data.Length;
            while (remaining.Length >= 8)
            {
                h ^= Round(0, BinaryPrimitives.ReadUInt64LittleEndian(remaining));
                h = (BitOperations.RotateLeft(h, 27) * P1) + P4;
                remaining = remaining[8..];
            }

            if (remaining.Length >= 4)
            {
                h ^= BinaryPrimitives.ReadUInt32LittleEndian(remaining) * P1;
                h = (BitOperations.RotateLeft(h, 23) * P2) + P3;
                remaining = remaining[4..];
            }

            foreach (var b in remaining)
            {
                h ^= b * P5;
                h = BitOperations.RotateLeft(h, 11) * P1;
            }

            h ^= h >> 33;
            h *= P2;
            h ^= h >> 29;
            h *= P3;
            h ^= h >> 32;
            return h;
        }
    }

    private static ulong Round(ulong accumulator, ulong input)
    {
        unchecked
        {
            accumulator += input * P2;
            return BitOperations.RotateLeft(accumulator, 31) * P1;
        }
    }

    private static ulong Merge(ulong accumulator, ulong value)
    {
        unchecked
        {
            accumulator ^= Round(0, value);
            return (accumulator * P1) + P4;
        }
    }
}
