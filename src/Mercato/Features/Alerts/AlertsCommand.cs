using System.CommandLine;
using System.Globalization;
using Mercato.Core.Alerts;
using Mercato.Features.Listening;

namespace Mercato.Features.Alerts;

/// <summary><c>mercato alerts</c>: the alert center (docs/alerts.md).</summary>
internal static class AlertsCommand
{
    public static Command Create() =>
        new("alerts", Words.W("alerts.cli.description"))
        {
            List(), Show(), Ack(), Resolve(), Dismiss(), Evaluate(),
        };

    /// <summary><c>mercato config alerts</c>: show or change the alert center's settings.</summary>
    public static Command Config()
    {
        var interval = new Option<int?>("--interval") { Description = Words.W("alerts.cli.config_interval") };
        var webhook = new Option<string?>("--webhook-url") { Description = Words.W("alerts.cli.config_webhook_url") };
        var secret = new Option<string?>("--webhook-secret") { Description = Words.W("alerts.cli.config_webhook_secret") };
        var host = new Option<string?>("--smtp-host") { Description = Words.W("alerts.cli.config_smtp_host") };
        var port = new Option<int?>("--smtp-port") { Description = Words.W("alerts.cli.config_smtp_port") };
        var from = new Option<string?>("--smtp-from") { Description = Words.W("alerts.cli.config_smtp_from") };
        var to = new Option<string?>("--smtp-to") { Description = Words.W("alerts.cli.config_smtp_to") };
        var smtpUser = new Option<string?>("--smtp-user") { Description = Words.W("alerts.cli.config_smtp_user") };
        var password = new Option<string?>("--smtp-password") { Description = Words.W("alerts.cli.config_smtp_password") };
        var tls = new Option<bool?>("--smtp-tls") { Description = Words.W("alerts.cli.config_smtp_tls") };
        var format = CliContext.TableFormatOption();
        var command = new Command("alerts", Words.W("alerts.cli.config_description"))
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

            return CliContext.WriteShown(
                result, result.GetValue(format)!, "alert-settings", [Words.W("alerts.cli.col_setting"), Words.W("alerts.cli.col_value")],
                ShownInWords(s).Select(p => (IReadOnlyList<string>)[p.Key, p.Value]));
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

    /// <summary>The settings as a person reads them: <see cref="Shown"/> with off, none and set in words.</summary>
    private static IEnumerable<KeyValuePair<string, string>> ShownInWords(AlertSettings s) => Shown(s).Select(p => new KeyValuePair<string, string>(p.Key, p.Key switch
    {
        "intervalMinutes" when s.IntervalMinutes == 0 => Words.W("alerts.cli.interval_off"),
        "webhookUrl" when s.WebhookUrl is null => Words.W("alerts.cli.off_value"),
        "smtpHost" when s.SmtpHost is null => Words.W("alerts.cli.off_value"),
        "webhookSecret" or "smtpPassword" => p.Value == "(set)" ? Words.W("alerts.cli.set_value") : Words.W("alerts.cli.none_value"),
        _ => p.Value,
    }));

    private static Command List()
    {
        var status = new Option<string?>("--status") { Description = Words.W("alerts.cli.list_status", ("words", string.Join(", ", EnumWords.All<AlertStatus>()))) };
        var kind = new Option<string?>("--kind") { Description = Words.W("alerts.cli.list_kind", ("words", string.Join(", ", EnumWords.All<AlertKind>()))) };
        var severity = new Option<string?>("--severity") { Description = Words.W("alerts.cli.list_severity", ("words", string.Join(", ", EnumWords.All<AlertSeverity>()))) };
        var format = CliContext.TableFormatOption();
        var command = new Command("list", Words.W("alerts.cli.list_description")) { status, kind, severity, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var filter = AlertUseCases.Filter(result.GetValue(status), result.GetValue(kind), result.GetValue(severity));
            if (filter.Value is not { } f)
            {
                return CliContext.Fail(filter);
            }

            var list = await services.GetRequiredService<AlertUseCases>().ListAsync(f, cancellationToken).ConfigureAwait(false);
            var shape = result.GetValue(format)!;
            if (shape == "json")
            {
                CliContext.WriteJson(new { alerts = list.Select(AlertShapes.View) });
                return MercatoCli.Ok;
            }

            if (list.Count == 0 && shape == "table")
            {
                Console.Out.WriteLine(Words.W(f == AlertFilter.All ? "alerts.cli.no_alerts" : "alerts.cli.no_alerts_match"));
                return MercatoCli.Ok;
            }

            return CliContext.WriteShown(
                result, shape, "alerts",
                [W("col_id"), W("col_kind"), W("col_severity"), W("col_status"), W("col_opened"), W("col_owner"), W("col_subject"), W("col_delivery")],
                list.Select(e => (IReadOnlyList<string>)[
                    e.Alert.Id, ListeningTerms.Of(e.Alert.Kind), ListeningTerms.Of(e.Alert.Severity), ListeningTerms.Of(e.Alert.Status), Iso(e.Alert.OpenedAt),
                    e.OwnerName ?? e.Alert.Owner ?? "-", AlertTexts.Subject(e.Alert).Text, Delivery(AlertRules.LastDelivery(e.Alert))]));
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = Words.W("alerts.cli.id_example") };
        var format = CliContext.TableFormatOption();
        var table = new Option<string>("--table") { Description = Words.W("alerts.cli.show_table"), DefaultValueFactory = _ => "history" };
        table.AcceptOnlyFromAmong("details", "history", "deliveries");
        var command = new Command("show", Words.W("alerts.cli.show_description")) { id, format, table };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var found = await services.GetRequiredService<AlertUseCases>().GetAsync(result.GetValue(id)!, cancellationToken).ConfigureAwait(false);
            if (found.Value is not { } e)
            {
                return CliContext.Fail(found);
            }

            var shape = result.GetValue(format)!;
            if (shape == "json")
            {
                CliContext.WriteJson(AlertShapes.View(e));
                return MercatoCli.Ok;
            }

            var tables = Tables(e.Alert);
            if (shape != "table")
            {
                var (header, rows) = tables[result.GetValue(table)!];
                return CliContext.WriteShown(result, shape, e.Alert.Id + "-" + result.GetValue(table), header, rows);
            }

            Print(e, tables);
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Ack()
    {
        var id = new Argument<string>("id") { Description = Words.W("alerts.cli.id") };
        var ifVersion = CliContext.IfVersionOption("alert");
        var command = new Command("ack", Words.W("alerts.cli.ack_description")) { id, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
            Done(await services.GetRequiredService<AlertUseCases>().AcknowledgeAsync(result.GetValue(id)!, result.GetValue(ifVersion), cancellationToken).ConfigureAwait(false)));
        return command;
    }

    private static Command Resolve()
    {
        var id = new Argument<string>("id") { Description = Words.W("alerts.cli.id") };
        var note = new Option<string?>("--note") { Description = Words.W("alerts.cli.resolve_note") };
        var ifVersion = CliContext.IfVersionOption("alert");
        var command = new Command("resolve", Words.W("alerts.cli.resolve_description")) { id, note, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
            Done(await services.GetRequiredService<AlertUseCases>().ResolveAsync(result.GetValue(id)!, result.GetValue(note), result.GetValue(ifVersion), cancellationToken).ConfigureAwait(false)));
        return command;
    }

    private static Command Dismiss()
    {
        var id = new Argument<string>("id") { Description = Words.W("alerts.cli.id") };
        var reason = new Option<string?>("--reason") { Description = Words.W("alerts.cli.dismiss_reason") };
        var ifVersion = CliContext.IfVersionOption("alert");
        var command = new Command("dismiss", Words.W("alerts.cli.dismiss_description")) { id, reason, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
            Done(await services.GetRequiredService<AlertUseCases>().DismissAsync(result.GetValue(id)!, result.GetValue(reason), result.GetValue(ifVersion), cancellationToken).ConfigureAwait(false)));
        return command;
    }

    private static Command Evaluate()
    {
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("evaluate", Words.W("alerts.cli.evaluate_description")) { format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var done = await services.GetRequiredService<AlertUseCases>().EvaluateAsync(cancellationToken).ConfigureAwait(false);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(done);
                return MercatoCli.Ok;
            }

            Console.Out.WriteLine(done.Sources.Count == 0
                ? Words.W("alerts.cli.no_sources")
                : Words.W("alerts.cli.evaluated", ("sources", string.Join(", ", done.Sources)), ("findings", done.Candidates), ("opened", done.Opened.Count),
                    ("updated", done.Updated.Count), ("escalated", done.Escalated.Count), ("closed", done.Closed), ("delivered", done.Delivered), ("failed", done.Failed)));
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

        Console.Out.WriteLine(Words.W("alerts.cli.done", ("id", e.Alert.Id), ("status", ListeningTerms.Of(e.Alert.Status)), ("version", I(e.Version))));
        return MercatoCli.Ok;
    }

    /// <summary>The tables of <c>alerts show</c>, by the name <c>--table</c> gives.</summary>
    private static Dictionary<string, (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)> Tables(Alert a) => new(StringComparer.Ordinal)
    {
        ["details"] = (
            [W("col_detail"), W("col_value")],
            [.. a.Evidence.Details.Select(d => (IReadOnlyList<string>)[AlertTexts.DetailName(d.Key).Text, AlertTexts.DetailValue(d.Key, d.Value).Text])]),
        ["history"] = (
            [W("col_at"), W("col_who"), W("col_action"), W("col_from"), W("col_to"), W("col_severity"), W("col_note")],
            [.. a.History.Select(h => (IReadOnlyList<string>)[
                Iso(h.At), h.Actor, ListeningTerms.Of(h.Action), h.From is { } from ? ListeningTerms.Of(from) : "", ListeningTerms.Of(h.To), ListeningTerms.Of(h.Severity), h.Note ?? ""])]),
        ["deliveries"] = (
            [W("col_at"), W("col_channel"), W("col_event"), W("col_attempt"), W("col_result")],
            [.. a.Deliveries.Select(d => (IReadOnlyList<string>)[Iso(d.At), ListeningTerms.Of(d.Channel), ListeningTerms.Of(d.Event), I(d.Attempt), Delivery(d)])]),
    };

    private static void Print(AlertEntry e, Dictionary<string, (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)> tables)
    {
        var a = e.Alert;
        var ev = a.Evidence;
        var o = Console.Out;
        o.WriteLine($"{a.Id}  {ListeningTerms.Of(a.Kind)}  {ListeningTerms.Of(a.Severity)}  {ListeningTerms.Of(a.Status)}  " + Words.W("alerts.cli.version", ("version", I(e.Version))));
        o.WriteLine(AlertTexts.Subject(a).Text);
        o.WriteLine(Words.W("alerts.cli.facts", ("key", a.Key), ("source", a.Source), ("since", Iso(a.Since)), ("opened", Iso(a.OpenedAt)), ("last_seen", Iso(a.LastSeenAt))));
        o.WriteLine(Words.W("alerts.cli.owner", ("owner", e.OwnerName ?? a.Owner ?? Words.W("alerts.nobody")),
            ("function", a.OwnerFunction is { } f ? ListeningTerms.Of("function", f) : null)));
        o.WriteLine(Words.W("alerts.cli.evidence", ("measure", AlertTexts.Measure(ev.Measure).Text), ("value", ev.Value.ToString("G6", CultureInfo.CurrentCulture)),
            ("expected", ev.Expected.ToString("G6", CultureInfo.CurrentCulture)), ("score", ev.Score.ToString("G4", CultureInfo.CurrentCulture)),
            ("start", Iso(ev.Start)), ("peak", Iso(ev.Peak)), ("end", ev.End is { } end ? Iso(end) : "-"), ("money", ev.MoneyAtStake is { } m ? Figures.Money(m) : null)));
        if (ev.Details.Count > 0)
        {
            CliContext.WriteTable(tables["details"].Header, tables["details"].Rows);
        }

        o.WriteLine();
        CliContext.WriteTable(tables["history"].Header, tables["history"].Rows);
        o.WriteLine();
        if (a.Deliveries.Count == 0)
        {
            o.WriteLine(Words.W("alerts.cli.no_deliveries"));
            return;
        }

        CliContext.WriteTable(tables["deliveries"].Header, tables["deliveries"].Rows);
    }

    /// <summary>How a delivery went, in words: "webhook ok 200", "email failed: timed out after 10 s", "-" for none.</summary>
    internal static string Delivery(AlertDelivery? d) => AlertTexts.Delivery(d).Text;

    private static string W(string column) => Words.W("alerts.cli." + column);

    internal static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    private static string I(long n) => n.ToString(CultureInfo.InvariantCulture);
}
