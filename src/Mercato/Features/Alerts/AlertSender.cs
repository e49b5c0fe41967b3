using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using Mercato.Core.Alerts;
using MimeKit;

namespace Mercato.Features.Alerts;

/// <summary>
/// How deliveries wait and give up: the webhook's timeout per attempt (10 s) and the wait between attempts
/// (<see cref="AlertSignature.Backoff"/> on the injected clock). Tests give a short timeout and a wait that returns at once.
/// </summary>
public sealed class AlertDeliveryOptions
{
    /// <summary>How long one webhook attempt may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Waits before a retry; null: <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> on the injected clock.</summary>
    public Func<TimeSpan, CancellationToken, Task>? Delay { get; init; }
}

/// <summary>The shapes the alert center writes: the API's alert, the webhook's body.</summary>
public static class AlertShapes
{
    /// <summary>An alert as the API, the CLI's JSON and the webhook write it.</summary>
    public static object View(AlertEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var a = entry.Alert;
        return new
        {
            a.Id, a.Kind, a.Key, a.Severity, a.Status, a.Subject, a.Source, a.Since, a.OpenedAt, a.LastSeenAt, a.OwnerFunction, a.Owner,
            entry.OwnerName, entry.Version, a.Evidence, a.History, a.Deliveries, LastDelivery = AlertRules.LastDelivery(a),
        };
    }

    /// <summary>The webhook's body: <c>{"event", "sentAt", "alert"}</c>, compact, UTF-8.</summary>
    public static byte[] WebhookBody(AlertEntry entry, AlertEvent evt, DateTimeOffset at) =>
        JsonSerializer.SerializeToUtf8Bytes(new { @event = evt, sentAt = at, alert = View(entry) }, MercatoJson.Compact);
}

/// <summary>
/// Delivers an alert: a signed JSON POST to the webhook and an e-mail over SMTP, each when configured, each retried with
/// backoff (<see cref="AlertSignature.Attempts"/> attempts). Every attempt is returned for the alert's record; nothing
/// here throws for a receiver's failure.
/// </summary>
public sealed class AlertSender(IHttpClientFactory http, AlertDeliveryOptions options, TimeProvider time)
{
    /// <summary>The named HTTP client of the webhook.</summary>
    public const string Client = "mercato-alerts";

    /// <summary>Every attempt made for <paramref name="entry"/>, webhook first.</summary>
    public async Task<IReadOnlyList<AlertDelivery>> SendAsync(AlertEntry entry, AlertEvent evt, AlertSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(settings);
        var attempts = new List<AlertDelivery>();
        if (settings.WebhookOn)
        {
            await RetryAsync(AlertChannel.Webhook, evt, attempts, at => PostAsync(entry, evt, settings, at, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        if (settings.EmailOn)
        {
            await RetryAsync(AlertChannel.Email, evt, attempts, _ => MailAsync(entry, evt, settings, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        return attempts;
    }

    /// <summary>The e-mail of an alert: subject "[severity] kind: subject", a plain-text body with the evidence.</summary>
    public static MimeMessage Compose(AlertEntry entry, AlertEvent evt, AlertSettings settings)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(settings);
        var a = entry.Alert;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.SmtpFrom!));
        foreach (var to in settings.Recipients)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Subject = $"[{EnumWords.Word(a.Severity)}] {EnumWords.Word(a.Kind)}: {a.Subject}";
        var e = a.Evidence;
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{EnumWords.Word(evt)} {a.Id} ({EnumWords.Word(a.Status)})")
            .AppendLine(a.Subject)
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{e.Measure}: {e.Value:G6} (expected {e.Expected:G6}, score {e.Score:G4})")
            .AppendLine(CultureInfo.InvariantCulture, $"since {Iso(a.Since)}, peak {Iso(e.Peak)}{(e.End is { } end ? ", ended " + Iso(end) : "")}")
            .AppendLine(e.MoneyAtStake is { } money ? string.Create(CultureInfo.InvariantCulture, $"money at stake: {money:N2}") : "")
            .AppendLine(CultureInfo.InvariantCulture, $"owner: {entry.OwnerName ?? a.Owner ?? "nobody"}");
        foreach (var (key, value) in e.Details)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{key}: {value}");
        }

        message.Body = new TextPart("plain") { Text = text.ToString() };
        return message;
    }

    private async Task RetryAsync(AlertChannel channel, AlertEvent evt, List<AlertDelivery> attempts, Func<DateTimeOffset, Task<(bool Ok, int? Status, string? Error)>> send, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= AlertSignature.Attempts; attempt++)
        {
            if (attempt > 1)
            {
                await (options.Delay ?? ((wait, ct) => Task.Delay(wait, time, ct)))(AlertSignature.Backoff(attempt), cancellationToken).ConfigureAwait(false);
            }

            var at = time.GetUtcNow();
            var (ok, status, error) = await send(at).ConfigureAwait(false);
            attempts.Add(new AlertDelivery(channel, evt, at, attempt, ok, status, error));
            if (ok)
            {
                return;
            }
        }
    }

    private async Task<(bool, int?, string?)> PostAsync(AlertEntry entry, AlertEvent evt, AlertSettings settings, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var body = AlertShapes.WebhookBody(entry, evt, at);
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(AlertSignature.Header, AlertSignature.Sign(body, settings.WebhookSecret));
        request.Headers.Add(AlertSignature.EventHeader, EnumWords.Word(evt));
        request.Headers.Add(AlertSignature.TimestampHeader, AlertSignature.Timestamp(at));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var client = http.CreateClient(Client);
            using var response = await client.SendAsync(request, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? (true, status, null) : (false, status, "HTTP " + status.ToString(CultureInfo.InvariantCulture));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, null, string.Create(CultureInfo.InvariantCulture, $"timed out after {options.Timeout.TotalSeconds:0.###} s"));
        }
        catch (HttpRequestException e)
        {
            return (false, null, e.Message);
        }
    }

    private static async Task<(bool, int?, string?)> MailAsync(AlertEntry entry, AlertEvent evt, AlertSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            using var message = Compose(entry, evt, settings);
            using var smtp = new SmtpClient();
            var security = !settings.SmtpTls ? SecureSocketOptions.None : settings.SmtpPort == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await smtp.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, security, cancellationToken).ConfigureAwait(false);
            if (settings.SmtpUser is { Length: > 0 } userName)
            {
                await smtp.AuthenticateAsync(userName, settings.SmtpPassword ?? "", cancellationToken).ConfigureAwait(false);
            }

            await smtp.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await smtp.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
            return (true, null, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (false, null, e.Message);
        }
    }

    private static string Iso(DateTimeOffset at) => AlertSignature.Timestamp(at);
}
