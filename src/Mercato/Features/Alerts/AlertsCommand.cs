using System.CommandLine;
using System.Globalization;
using Mercato.Core.Alerts;

namespace Mercato.Features.Alerts;

/// <summary><c>mercato alerts</c>: the alert center (docs/alerts.md).</summary>
internal static class AlertsCommand
{
    public static Command Create() =>
        new("alerts", "The alert center: listening spikes, negative surges, risk terms (and later ad anomalies); list, show, ack, resolve, dismiss, evaluate")
        {
            List(), Show(), Ack(), Resolve(), Dismiss(), Evaluate(),
        };

    /// <summary><c>mercato config alerts</c>: show or change the alert center's settings.</summary>
    public static Command Config()
    {
        var interval = new Option<int?>("--interval") { Description = "Minutes between the server's evaluations, 0..1440 (0: off; default 15)" };
        var webhook = new Option<string?>("--webhook-url") { Description = "An absolute http(s) URL receiving a signed JSON POST per opened or escalated alert; \"\" turns it off" };
        var secret = new Option<string?>("--webhook-secret") { Description = "The key of the X-Mercato-Signature HMAC-SHA256" };
        var host = new Option<string?>("--smtp-host") { Description = "The SMTP server; \"\" turns e-mail off" };
        var port = new Option<int?>("--smtp-port") { Description = "The SMTP port (default 587)" };
        var from = new Option<string?>("--smtp-from") { Description = "The sender address" };
        var to = new Option<string?>("--smtp-to") { Description = "The recipients, comma-separated" };
        var smtpUser = new Option<string?>("--smtp-user") { Description = "The SMTP user (none: no authentication)" };
        var password = new Option<string?>("--smtp-password") { Description = "The SMTP password" };
        var tls = new Option<bool?>("--smtp-tls") { Description = "Use TLS: STARTTLS, or TLS from the start on port 465 (default true)" };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("alerts", "Show or change the alert center's settings: evaluation interval, webhook, SMTP (delivery is off until set)")
        {
            interval, webhook, secret, host, port, from, to, smtpUser, password, tls, format,
        };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var uses = services.GetRequiredService<AlertUseCases>();
            var current = await uses.SettingsAsync(cancellationToken).ConfigureAwait(false);
            var s = current.Value;
            var changed = s with
            {
                IntervalMinutes = result.GetValue(interval) ?? s.IntervalMinutes,
                WebhookUrl = result.GetResult(webhook) is null ? s.WebhookUrl : result.GetValue(webhook),
                WebhookSecret = result.GetResult(secret) is null ? s.WebhookSecret : result.GetValue(secret),
                SmtpHost = result.GetResult(host) is null ? s.SmtpHost : result.GetValue(host),
                SmtpPort = result.GetValue(port) ?? s.SmtpPort,
                SmtpFrom = result.GetResult(from) is null ? s.SmtpFrom : result.GetValue(from),
                SmtpTo = result.GetResult(to) is null ? s.SmtpTo : result.GetValue(to),
                SmtpUser = result.GetResult(smtpUser) is null ? s.SmtpUser : result.GetValue(smtpUser),
                SmtpPassword = result.GetResult(password) is null ? s.SmtpPassword : result.GetValue(password),
                SmtpTls = result.GetValue(tls) ?? s.SmtpTls,
            };
            if (changed != s)
            {
                var saved = await uses.SaveSettingsAsync(changed, current.Version, cancellationToken).ConfigureAwait(false);
                if (saved.Value is not { } done)
                {
                    return CliContext.Fail(saved);
                }

                s = done;
            }

            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(Shown(s));
                return MercatoCli.Ok;
            }

            CliContext.WriteTable(["setting", "value"], Shown(s).Select(p => (IReadOnlyList<string>)[p.Key, p.Value]));
            return MercatoCli.Ok;
        });
        return command;
    }

    /// <summary>The settings as shown: secrets masked.</summary>
    internal static Dictionary<string, string> Shown(AlertSettings s) => new(StringComparer.Ordinal)
    {
        ["intervalMinutes"] = s.IntervalMinutes == 0 ? "0 (off)" : I(s.IntervalMinutes),
        ["webhookUrl"] = s.WebhookUrl ?? "(off)",
        ["webhookSecret"] = s.WebhookSecret is null ? "(none)" : "(set)",
        ["smtpHost"] = s.SmtpHost ?? "(off)",
        ["smtpPort"] = I(s.SmtpPort),
        ["smtpFrom"] = s.SmtpFrom ?? "",
        ["smtpTo"] = s.SmtpTo ?? "",
        ["smtpUser"] = s.SmtpUser ?? "",
        ["smtpPassword"] = s.SmtpPassword is null ? "(none)" : "(set)",
        ["smtpTls"] = s.SmtpTls ? "true" : "false",
    };

    private static Command List()
    {
        var status = new Option<string?>("--status") { Description = "Only this status: " + string.Join(", ", EnumWords.All<AlertStatus>()) };
        var kind = new Option<string?>("--kind") { Description = "Only this kind: " + string.Join(", ", EnumWords.All<AlertKind>()) };
        var severity = new Option<string?>("--severity") { Description = "Only this severity: " + string.Join(", ", EnumWords.All<AlertSeverity>()) };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("list", "Alerts, newest first, with their owner and last delivery") { status, kind, severity, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var filter = AlertUseCases.Filter(result.GetValue(status), result.GetValue(kind), result.GetValue(severity));
            if (filter.Value is not { } f)
            {
                return CliContext.Fail(filter);
            }

            var list = await services.GetRequiredService<AlertUseCases>().ListAsync(f, cancellationToken).ConfigureAwait(false);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(new { alerts = list.Select(AlertShapes.View) });
                return MercatoCli.Ok;
            }

            if (list.Count == 0)
            {
                Console.Out.WriteLine("no alerts" + (f == AlertFilter.All ? "" : " match") + ": alerts open when a source finds something at an evaluation (after imports, on the server's schedule, or `mercato alerts evaluate`)");
                return MercatoCli.Ok;
            }

            CliContext.WriteTable(
                ["id", "kind", "severity", "status", "opened", "owner", "subject", "delivery"],
                list.Select(e => (IReadOnlyList<string>)[
                    e.Alert.Id, EnumWords.Word(e.Alert.Kind), EnumWords.Word(e.Alert.Severity), EnumWords.Word(e.Alert.Status), Iso(e.Alert.OpenedAt),
                    e.OwnerName ?? e.Alert.Owner ?? "-", e.Alert.Subject, Delivery(AlertRules.LastDelivery(e.Alert))]));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = "The alert's id (A-000001)" };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("show", "One alert: evidence, history, delivery attempts") { id, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var found = await services.GetRequiredService<AlertUseCases>().GetAsync(result.GetValue(id)!, cancellationToken).ConfigureAwait(false);
            if (found.Value is not { } e)
            {
                return CliContext.Fail(found);
            }

            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(AlertShapes.View(e));
                return MercatoCli.Ok;
            }

            Print(e);
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Ack()
    {
        var id = new Argument<string>("id") { Description = "The alert's id" };
        var ifVersion = CliContext.IfVersionOption("alert");
        var command = new Command("ack", "Acknowledge a new alert") { id, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
            Done(await services.GetRequiredService<AlertUseCases>().AcknowledgeAsync(result.GetValue(id)!, result.GetValue(ifVersion), cancellationToken).ConfigureAwait(false)));
        return command;
    }

    private static Command Resolve()
    {
        var id = new Argument<string>("id") { Description = "The alert's id" };
        var note = new Option<string?>("--note") { Description = "What was done" };
        var ifVersion = CliContext.IfVersionOption("alert");
        var command = new Command("resolve", "Resolve an open alert (final)") { id, note, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
            Done(await services.GetRequiredService<AlertUseCases>().ResolveAsync(result.GetValue(id)!, result.GetValue(note), result.GetValue(ifVersion), cancellationToken).ConfigureAwait(false)));
        return command;
    }

    private static Command Dismiss()
    {
        var id = new Argument<string>("id") { Description = "The alert's id" };
        var reason = new Option<string?>("--reason") { Description = "Why it is not worth handling (required)" };
        var ifVersion = CliContext.IfVersionOption("alert");
        var command = new Command("dismiss", "Dismiss an open alert with a reason (final)") { id, reason, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
            Done(await services.GetRequiredService<AlertUseCases>().DismissAsync(result.GetValue(id)!, result.GetValue(reason), result.GetValue(ifVersion), cancellationToken).ConfigureAwait(false)));
        return command;
    }

    private static Command Evaluate()
    {
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("evaluate", "Run every alert source now and deliver what opened or escalated") { format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var done = await services.GetRequiredService<AlertUseCases>().EvaluateAsync(cancellationToken).ConfigureAwait(false);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(done);
                return MercatoCli.Ok;
            }

            Console.Out.WriteLine(done.Sources.Count == 0
                ? "no alert source is registered yet: nothing to evaluate"
                : string.Create(CultureInfo.InvariantCulture,
                    $"sources {string.Join(", ", done.Sources)}: {done.Candidates} findings, {done.Opened.Count} opened, {done.Updated.Count} updated, {done.Escalated.Count} escalated, {done.Closed} already closed; {done.Delivered} delivered, {done.Failed} failed"));
            foreach (var problem in done.Problems)
            {
                Console.Error.WriteLine(Messages.WithPath(problem));
            }

            return MercatoCli.Ok;
        });
        return command;
    }

    private static int Done(Outcome<AlertEntry> outcome)
    {
        if (outcome.Value is not { } e)
        {
            return CliContext.Fail(outcome);
        }

        Console.Out.WriteLine($"{e.Alert.Id}: {EnumWords.Word(e.Alert.Status)} (version {I(e.Version)})");
        return MercatoCli.Ok;
    }

    private static void Print(AlertEntry e)
    {
        var a = e.Alert;
        var ev = a.Evidence;
        var o = Console.Out;
        o.WriteLine($"{a.Id}  {EnumWords.Word(a.Kind)}  {EnumWords.Word(a.Severity)}  {EnumWords.Word(a.Status)}  (version {I(e.Version)})");
        o.WriteLine(a.Subject);
        o.WriteLine($"key {a.Key}; source {a.Source}; since {Iso(a.Since)}; opened {Iso(a.OpenedAt)}; last seen {Iso(a.LastSeenAt)}");
        o.WriteLine($"owner {e.OwnerName ?? a.Owner ?? "nobody"}{(a.OwnerFunction is { } f ? " (function " + f + ")" : "")}");
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"evidence: {ev.Measure} {ev.Value:G6} against {ev.Expected:G6} expected (score {ev.Score:G4}); start {Iso(ev.Start)}, peak {Iso(ev.Peak)}, end {(ev.End is { } end ? Iso(end) : "-")}{(ev.MoneyAtStake is { } m ? $", money at stake {m:N2}" : "")}"));
        if (ev.Details.Count > 0)
        {
            CliContext.WriteTable(["detail", "value"], ev.Details.Select(d => (IReadOnlyList<string>)[d.Key, d.Value]));
        }

        o.WriteLine();
        CliContext.WriteTable(["at", "who", "action", "from", "to", "severity", "note"], a.History.Select(h => (IReadOnlyList<string>)[
            Iso(h.At), h.Actor, EnumWords.Word(h.Action), h.From is { } from ? EnumWords.Word(from) : "", EnumWords.Word(h.To), EnumWords.Word(h.Severity), h.Note ?? ""]));
        o.WriteLine();
        if (a.Deliveries.Count == 0)
        {
            o.WriteLine("no delivery attempt (webhook and e-mail are off until set with `mercato config alerts`)");
            return;
        }

        CliContext.WriteTable(["at", "channel", "event", "attempt", "result"], a.Deliveries.Select(d => (IReadOnlyList<string>)[
            Iso(d.At), EnumWords.Word(d.Channel), EnumWords.Word(d.Event), I(d.Attempt), Delivery(d)]));
    }

    internal static string Delivery(AlertDelivery? d) => d switch
    {
        null => "-",
        { Ok: true } => EnumWords.Word(d.Channel) + " ok" + (d.HttpStatus is { } s ? " " + I(s) : ""),
        _ => EnumWords.Word(d.Channel) + " failed: " + (d.Error ?? (d.HttpStatus is { } s2 ? "HTTP " + I(s2) : "?")),
    };

    internal static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    private static string I(long n) => n.ToString(CultureInfo.InvariantCulture);
}
