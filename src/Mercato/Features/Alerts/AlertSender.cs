using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using Mercato.Core.Alerts;
using Mercato.Features.Listening;
using Mercato.Features.Settings;
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
/// <remarks>
/// The e-mail speaks the workspace's language and shows money in its currency (<see cref="SettingsUseCases.LanguageAsync"/>):
/// deliveries run on the server's schedule and after imports, with no request whose language could count.
/// </remarks>
public sealed class AlertSender(IHttpClientFactory http, AlertDeliveryOptions options, TimeProvider time, SettingsUseCases workspace)
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
            var language = await workspace.LanguageAsync(cancellationToken).ConfigureAwait(false);
            var currency = await workspace.CurrencyAsync(cancellationToken).ConfigureAwait(false);
            await RetryAsync(AlertChannel.Email, evt, attempts, _ => MailAsync(entry, evt, settings, language, currency, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        return attempts;
    }

    /// <summary>
    /// The e-mail of an alert in <paramref name="language"/> (English by default), money in <paramref name="currency"/>:
    /// subject "[severity] kind: subject", a plain-text body with the evidence.
    /// </summary>
    public static MimeMessage Compose(AlertEntry entry, AlertEvent evt, AlertSettings settings, string? language = null, string? currency = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(settings);

        // Composed in the workspace's language whatever the flow speaks, then the flow's language and currency are put back.
        var (culture, uiCulture, flowLanguage, flowCurrency) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture, Locale.Language, Locale.Currency);
        Locale.Apply(language ?? Languages.English, currency ?? Currencies.Dollar);
        try
        {
            return ComposeHere(entry, evt, settings);
        }
        finally
        {
            Locale.Apply(flowLanguage, flowCurrency);
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    private static MimeMessage ComposeHere(AlertEntry entry, AlertEvent evt, AlertSettings settings)
    {
        var a = entry.Alert;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.SmtpFrom!));
        foreach (var to in settings.Recipients)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        var subject = AlertTexts.Subject(a).Text;
        message.Subject = Words.W("alerts.email.subject", ("severity", ListeningTerms.Of(a.Severity)), ("kind", ListeningTerms.Of(a.Kind)), ("subject", subject));
        var e = a.Evidence;
        var culture = CultureInfo.CurrentCulture;
        var text = new StringBuilder()
            .AppendLine(Words.W("alerts.email.headline", ("event", ListeningTerms.Of(evt)), ("id", a.Id), ("status", ListeningTerms.Of(a.Status))))
            .AppendLine(subject)
            .AppendLine()
            .AppendLine(Words.W("alerts.email.evidence", ("measure", AlertTexts.Measure(e.Measure).Text), ("value", e.Value.ToString("G6", culture)),
                ("expected", e.Expected.ToString("G6", culture)), ("score", e.Score.ToString("G4", culture))))
            .AppendLine(Words.W("alerts.email.when", ("since", Iso(a.Since)), ("peak", Iso(e.Peak)), ("end", e.End is { } end ? Iso(end) : null)))
            .AppendLine(e.MoneyAtStake is { } money ? Words.W("alerts.email.money", ("money", Figures.Money(money)), ("currency", Figures.Currency)) : "")
            .AppendLine(Words.W("alerts.email.owner", ("owner", entry.OwnerName ?? a.Owner ?? Words.W("alerts.nobody"))));
        foreach (var (key, value) in e.Details)
        {
            text.AppendLine(Words.W("alerts.email.detail", ("name", AlertTexts.DetailName(key).Text), ("value", AlertTexts.DetailValue(key, value).Text)));
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

    private static async Task<(bool, int?, string?)> MailAsync(AlertEntry entry, AlertEvent evt, AlertSettings settings, string language, string currency, CancellationToken cancellationToken)
    {
        try
        {
            using var message = Compose(entry, evt, settings, language, currency);
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
