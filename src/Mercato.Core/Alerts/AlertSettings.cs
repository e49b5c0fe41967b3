using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mercato.Core.Alerts;

/// <summary>
/// The alert center's settings, one document beside the workspace settings: how often the server evaluates, and where
/// alerts are delivered. Webhook and e-mail are both off until configured.
/// </summary>
/// <param name="IntervalMinutes">Minutes between the server's evaluations, 0..1440; 0 turns the schedule off (imports still evaluate).</param>
/// <param name="WebhookUrl">An absolute http or https URL that receives a signed JSON POST per opened or escalated alert; null: off.</param>
/// <param name="WebhookSecret">The key of the HMAC-SHA256 signature; null: the signature is made with an empty key.</param>
/// <param name="SmtpHost">The SMTP server; null: e-mail off.</param>
/// <param name="SmtpPort">The SMTP port (587 with STARTTLS, 465 with TLS, 25 plain).</param>
/// <param name="SmtpFrom">The sender address.</param>
/// <param name="SmtpTo">The recipients, comma-separated.</param>
/// <param name="SmtpUser">The SMTP user; null: no authentication.</param>
/// <param name="SmtpPassword">The SMTP password.</param>
/// <param name="SmtpTls">Whether to use TLS (STARTTLS, or TLS from the start on port 465).</param>
public sealed record AlertSettings(
    int IntervalMinutes = AlertSettings.DefaultInterval,
    string? WebhookUrl = null,
    string? WebhookSecret = null,
    string? SmtpHost = null,
    int SmtpPort = 587,
    string? SmtpFrom = null,
    string? SmtpTo = null,
    string? SmtpUser = null,
    string? SmtpPassword = null,
    bool SmtpTls = true)
{
    /// <summary>The default interval: 15 minutes.</summary>
    public const int DefaultInterval = 15;

    /// <summary>The longest interval: a day.</summary>
    public const int MaxInterval = 1440;

    /// <summary>The id of the document in the settings collection.</summary>
    public const string Id = "alerts";

    /// <summary>The settings of a workspace that saved none: every 15 minutes, no delivery.</summary>
    public static AlertSettings Default { get; } = new();

    /// <summary>The document, in the workspace settings' collection under id <c>alerts</c>.</summary>
    public static DocumentKind<AlertSettings> Document { get; } = new(WorkspaceSettings.Document.Collection, _ => Id);

    /// <summary>Whether alerts are posted to a webhook.</summary>
    public bool WebhookOn => !string.IsNullOrWhiteSpace(WebhookUrl);

    /// <summary>Whether alerts are e-mailed.</summary>
    public bool EmailOn => !string.IsNullOrWhiteSpace(SmtpHost);

    /// <summary>The e-mail recipients.</summary>
    public IReadOnlyList<string> Recipients =>
        [.. (SmtpTo ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>
    /// Every problem: an interval outside 0..1440, a webhook URL that is not absolute http(s), a port outside 1..65535, and
    /// with e-mail on a missing sender or recipient or an address without '@'.
    /// </summary>
    public IReadOnlyList<Problem> Problems()
    {
        var problems = new List<Problem>();
        if (IntervalMinutes is < 0 or > MaxInterval)
        {
            problems.Add(Problem.Of("intervalMinutes", AlertCodes.BadInterval, ("value", IntervalMinutes), ("max", MaxInterval)));
        }

        if (WebhookOn && !(Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            problems.Add(new Problem("webhookUrl", CommonCodes.NotHttpUrl));
        }

        if (SmtpPort is < 1 or > 65535)
        {
            problems.Add(Problem.Of("smtpPort", AlertCodes.BadPort, ("value", SmtpPort)));
        }

        if (EmailOn)
        {
            if (string.IsNullOrWhiteSpace(SmtpFrom))
            {
                problems.Add(Problem.Of("smtpFrom", AlertCodes.EmailIncomplete, ("field", "smtpFrom")));
            }
            else if (!IsAddress(SmtpFrom))
            {
                problems.Add(Problem.Of("smtpFrom", AlertCodes.BadEmail, ("value", SmtpFrom)));
            }

            if (Recipients.Count == 0)
            {
                problems.Add(Problem.Of("smtpTo", AlertCodes.EmailIncomplete, ("field", "smtpTo")));
            }

            foreach (var to in Recipients.Where(r => !IsAddress(r)))
            {
                problems.Add(Problem.Of("smtpTo", AlertCodes.BadEmail, ("value", to)));
            }
        }

        return problems;
    }

    private static bool IsAddress(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < text.Length - 1 && !text.Any(char.IsWhiteSpace);
    }
}

/// <summary>
/// The webhook's signature and retry schedule (docs/alerts.md, Webhook): the header <c>X-Mercato-Signature</c> is
/// <c>sha256=</c> and the lower-case hex HMAC-SHA256 of the raw body keyed with the secret (UTF-8).
/// </summary>
public static class AlertSignature
{
    /// <summary>The signature header's name.</summary>
    public const string Header = "X-Mercato-Signature";

    /// <summary>The event header's name (<c>alert.opened</c>, <c>alert.escalated</c>).</summary>
    public const string EventHeader = "X-Mercato-Event";

    /// <summary>The timestamp header's name: when the attempt was made, ISO 8601 UTC.</summary>
    public const string TimestampHeader = "X-Mercato-Timestamp";

    /// <summary>Attempts per delivery: the first and two retries.</summary>
    public const int Attempts = 3;

    /// <summary><c>sha256=</c> and the hex HMAC-SHA256 of <paramref name="body"/> keyed with <paramref name="secret"/>.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string? secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret ?? ""), body));

    /// <summary>Whether <paramref name="signature"/> is the signature of <paramref name="body"/> (compared in constant time).</summary>
    public static bool Verify(ReadOnlySpan<byte> body, string? secret, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(body, secret)), Encoding.ASCII.GetBytes(signature));

    /// <summary>The wait before attempt <paramref name="attempt"/> (2, 3, ...): 1 s, 4 s, 16 s — four times longer each retry.</summary>
    public static TimeSpan Backoff(int attempt) =>
        attempt <= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Pow(4, attempt - 2));

    /// <summary>An instant as the timestamp header writes it.</summary>
    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
