using System.Security.Cryptography;
using System.Text;

namespace Mercato.Core.Access;

/// <summary>
/// The form of an API token: <c>mct_</c>, an id of 8 lower-case base32 characters (5 random bytes: the public handle
/// that lists and revokes it), <c>_</c>, and a secret of 32 random bytes in unpadded base64url (43 characters): 56
/// characters in all. Only the SHA-256 of the whole token is stored; a token is looked up by its id and accepted when the
/// hashes match, compared in constant time. The random bytes come from the caller, so this stays pure.
/// </summary>
public static class TokenFormat
{
    /// <summary>What every token starts with (a secret scanner can find a leaked one by it).</summary>
    public const string Prefix = "mct_";

    /// <summary>Characters of the id.</summary>
    public const int IdLength = 8;

    /// <summary>Random bytes of the id.</summary>
    public const int IdBytes = 5;

    /// <summary>Random bytes of the secret.</summary>
    public const int SecretBytes = 32;

    /// <summary>Characters of the secret: 32 bytes in unpadded base64url.</summary>
    public const int SecretLength = 43;

    /// <summary>Characters of a whole token.</summary>
    public const int Length = 4 + IdLength + 1 + SecretLength;

    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>
    /// A new token from <paramref name="idBytes"/> (<see cref="IdBytes"/> random bytes) and <paramref name="secret"/>
    /// (<see cref="SecretBytes"/> random bytes): its id and the whole token, which is shown once and never stored.
    /// </summary>
    /// <exception cref="ArgumentException">The byte counts are not the ones above (a bug).</exception>
    public static (string Id, string Raw) Create(ReadOnlySpan<byte> idBytes, ReadOnlySpan<byte> secret)
    {
        if (idBytes.Length != IdBytes || secret.Length != SecretBytes)
        {
            throw new ArgumentException("a token takes " + IdBytes + " id bytes and " + SecretBytes + " secret bytes");
        }

        var id = EncodeId(idBytes);
        var raw = Prefix + id + "_" + Convert.ToBase64String(secret).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, raw);
    }

    /// <summary>
    /// The id of <paramref name="raw"/>, or <see cref="AccessCodes.TokenMalformed"/> (refused) with <c>reason</c>:
    /// <c>prefix</c> (it does not start with <c>mct_</c>), <c>length</c> (not 56 characters), or <c>characters</c> (an id
    /// character outside lower-case base32, no <c>_</c> after the id, or a secret character outside base64url).
    /// </summary>
    public static Outcome<string> Parse(string? raw)
    {
        if (raw is null || !raw.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return Malformed("prefix");
        }

        if (raw.Length != Length)
        {
            return Malformed("length");
        }

        var id = raw.Substring(Prefix.Length, IdLength);
        var secret = raw.AsSpan(Prefix.Length + IdLength + 1);
        if (!id.All(c => Base32.Contains(c, StringComparison.Ordinal)) || raw[Prefix.Length + IdLength] != '_' || !IsBase64Url(secret))
        {
            return Malformed("characters");
        }

        return Outcome<string>.Ok(id);
    }

    /// <summary>The lower-case hex SHA-256 of the whole token's UTF-8 bytes: what is stored.</summary>
    public static string Hash(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw)));
    }

    /// <summary>Whether two hashes are equal, in time that does not depend on where they differ.</summary>
    public static bool HashesEqual(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
    }

    private static Outcome<string> Malformed(string reason) => Outcome<string>.Refused(AccessCodes.TokenMalformed, MessageArgs.Of(("reason", reason)));

    private static string EncodeId(ReadOnlySpan<byte> bytes)
    {
        // 5 bytes are 40 bits: exactly 8 base32 characters of 5 bits each, the most significant first.
        ulong bits = 0;
        foreach (var b in bytes)
        {
            bits = (bits << 8) | b;
        }

        var chars = new char[IdLength];
        for (var i = IdLength - 1; i >= 0; i--)
        {
            chars[i] = Base32[(int)(bits & 31)];
            bits >>= 5;
        }

        return new string(chars);
    }

    private static bool IsBase64Url(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
