using OtpNet;
using OtpTotp = OtpNet.Totp;

namespace Mercato.Core.Access;

/// <summary>
/// The optional second factor of sign-in: time-based one-time passwords (TOTP, RFC 6238: HMAC-SHA-1 over the number of
/// 30-second steps since 1970, truncated to 6 digits as RFC 4226 says), computed by Otp.NET. A code is accepted in its
/// own step and the steps just before and after (clocks drift), and only once: a step at or before the last one accepted
/// is refused, so a code seen over someone's shoulder cannot be replayed.
/// </summary>
public static class Totp
{
    /// <summary>Seconds of one step.</summary>
    public const int StepSeconds = 30;

    /// <summary>Digits of a code.</summary>
    public const int Digits = 6;

    /// <summary>Random bytes of a new secret (160 bits, RFC 4226's recommendation).</summary>
    public const int SecretBytes = 20;

    /// <summary>The issuer authenticator apps show beside the account.</summary>
    public const string Issuer = "Mercato";

    /// <summary>A new base32 secret from <paramref name="random"/> (<see cref="SecretBytes"/> random bytes, from the caller).</summary>
    /// <exception cref="ArgumentException">Not <see cref="SecretBytes"/> bytes (a bug).</exception>
    public static string NewSecret(ReadOnlySpan<byte> random) =>
        random.Length == SecretBytes
            ? Base32Encoding.ToString(random.ToArray())
            : throw new ArgumentException("a TOTP secret takes " + SecretBytes + " random bytes", nameof(random));

    /// <summary>The code of <paramref name="base32Secret"/> at <paramref name="at"/> with <paramref name="digits"/> digits.</summary>
    public static string Compute(string base32Secret, DateTimeOffset at, int digits = Digits) =>
        new OtpTotp(Base32Encoding.ToBytes(base32Secret), StepSeconds, OtpHashMode.Sha1, digits).ComputeTotp(at.UtcDateTime);

    /// <summary>The step (30-second interval since 1970) that <paramref name="at"/> falls in.</summary>
    public static long StepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>
    /// The step <paramref name="code"/> belongs to when it is the code of <paramref name="base32Secret"/> at
    /// <paramref name="now"/> or one step before or after, and that step is after <paramref name="lastStep"/> (the last
    /// accepted); null otherwise: a wrong code, a code used already, a code that is not six digits, a secret that is not
    /// base32. The caller stores the step returned as the account's last.
    /// </summary>
    public static long? Verify(string? base32Secret, string? code, DateTimeOffset now, long? lastStep)
    {
        code = code?.Trim().Replace(" ", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(base32Secret) || code is not { Length: Digits } || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        byte[] key;
        try
        {
            key = Base32Encoding.ToBytes(base32Secret);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var totp = new OtpTotp(key, StepSeconds, OtpHashMode.Sha1, Digits);
        return totp.VerifyTotp(now.UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1)) && (lastStep is null || step > lastStep)
            ? step
            : null;
    }

    /// <summary>
    /// The <c>otpauth://</c> URI an authenticator app enrols from (Google Authenticator's key URI format): label
    /// <c>Mercato:account</c>, the secret, the issuer, SHA1, 6 digits, 30 seconds.
    /// </summary>
    public static string EnrolmentUri(string base32Secret, string account)
    {
        ArgumentNullException.ThrowIfNull(base32Secret);
        ArgumentNullException.ThrowIfNull(account);
        return "otpauth://totp/" + Uri.EscapeDataString(Issuer) + ":" + Uri.EscapeDataString(account)
            + "?secret=" + base32Secret.TrimEnd('=') + "&issuer=" + Uri.EscapeDataString(Issuer) + "&algorithm=SHA1&digits=6&period=30";
    }
}
