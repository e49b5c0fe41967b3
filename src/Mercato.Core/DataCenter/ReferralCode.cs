namespace Mercato.Core.DataCenter;

/// <summary>The referral code a touchpoint carries (<c>touchpoints.referral_code</c>), as it is compared everywhere.</summary>
public static class ReferralCode
{
    /// <summary>A code as it is compared: trimmed and upper-cased; null when empty.</summary>
    public static string? Normalize(string? code) =>
        string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToUpperInvariant();
}
