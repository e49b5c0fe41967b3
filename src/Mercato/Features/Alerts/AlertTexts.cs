using System.Globalization;
using System.Text.RegularExpressions;
using Mercato.Core.Alerts;
using Mercato.Features.Listening;

namespace Mercato.Features.Alerts;

/// <summary>
/// What an alert says to people in the language in effect, for the pages, the CLI and the e-mail. A source writes an
/// alert's subject, measure and details once, in English, into the stored alert (they stay as they are in the API and
/// the webhook); the forms the built-in sources write (listening, pacing, delivery, invalid traffic) are read back here
/// into the catalogue's words, the names in them (terms, channels, campaigns) kept as data. Any other text is shown as the
/// source wrote it.
/// </summary>
public static partial class AlertTexts
{
    /// <summary>A text with its data: the catalogue key and its arguments (names are data), or the text as stored when it is none of the known forms.</summary>
    /// <param name="Key">The catalogue key; null when <paramref name="Stored"/> is shown as it is.</param>
    /// <param name="Args">The key's arguments.</param>
    /// <param name="Stored">The text as the source wrote it.</param>
    /// <param name="WordArgs">The arguments that are interface words (a metric, a status, a channel), not data.</param>
    public sealed record Said(string? Key, (string Name, object? Value)[] Args, string Stored, params string[] WordArgs)
    {
        /// <summary>Plain text in the language in effect (the CLI, the e-mail).</summary>
        public string Text => Key is null ? Stored : Words.W(Key, Args);

        /// <summary>HTML for a page: the words with the names marked as data; an unknown text all marked as data.</summary>
        public Microsoft.AspNetCore.Components.MarkupString Html
        {
            get
            {
                if (Key is null)
                {
                    return new(Data(Stored));
                }

                var html = Words.WM(Key, Args).Value;
                foreach (var (name, value) in Args)
                {
                    // WM marks every string argument as data; a word of the interface is not.
                    if (value is string word && WordArgs.Contains(name, StringComparer.Ordinal))
                    {
                        html = html.Replace(Data(word), System.Net.WebUtility.HtmlEncode(word), StringComparison.Ordinal);
                    }
                }

                return new(html);
            }
        }

        private static string Data(string text) => "<span translate=\"no\">" + System.Net.WebUtility.HtmlEncode(text) + "</span>";
    }

    /// <summary>The alert's subject: "all mentions", "negative share", a term, "scope metric", "campaign pacing under", "scope invalid clicks".</summary>
    public static Said Subject(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var subject = alert.Subject;
        switch (alert.Kind)
        {
            case AlertKind.ListeningSpike or AlertKind.RiskTerm when subject == "all mentions":
                return new("alerts.subject.all_mentions", [], subject);
            case AlertKind.ListeningSpike or AlertKind.RiskTerm:
                return new("alerts.subject.term", [("term", subject)], subject);
            case AlertKind.NegativeSurge when subject == "negative share":
                return new("alerts.subject.negative_share", [], subject);
            case AlertKind.AdAnomaly when alert.Key.StartsWith("pacing:", StringComparison.Ordinal) && PacingSubject().Match(subject) is { Success: true } p:
                return new("alerts.subject.pacing", [("campaign", p.Groups["campaign"].Value), ("status", Word("pacing_status", p.Groups["status"].Value))], subject, "status");
            case AlertKind.AdAnomaly when MetricSubject().Match(subject) is { Success: true } m:
                return m.Groups["hour"].Success
                    ? new("alerts.subject.metric_at", [("scope", m.Groups["scope"].Value), ("metric", Word("delivery_metric", m.Groups["metric"].Value)), ("hour", m.Groups["hour"].Value)], subject, "metric")
                    : new("alerts.subject.metric", [("scope", m.Groups["scope"].Value), ("metric", Word("delivery_metric", m.Groups["metric"].Value))], subject, "metric");
            case AlertKind.InvalidTraffic when subject.EndsWith(" invalid clicks", StringComparison.Ordinal):
                return new("alerts.subject.invalid_clicks", [("scope", subject[..^" invalid clicks".Length])], subject);
            default:
                return new(null, [], subject);
        }
    }

    /// <summary>What the evidence measured: "mentions per hour", "negative share per day", "spend per day", "spend to date", ...</summary>
    public static Said Measure(string measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        if (Known("alerts.measure.", measure) is { } key)
        {
            return new(key, [], measure);
        }

        return MetricMeasure().Match(measure) is { Success: true } m
            ? new("alerts.measure.metric_" + m.Groups["per"].Value.Replace(' ', '_'), [("metric", Word("delivery_metric", m.Groups["metric"].Value))], measure, "metric")
            : new(null, [], measure);
    }

    /// <summary>A detail's name ("mentions", "rule", "budget", ...) in words; as stored when it is not a known one.</summary>
    public static Said DetailName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Known("alerts.detail.", name) is { } key ? new(key, [], name) : new(null, [], name);
    }

    /// <summary>A detail's value: the listening rules and the invalid-traffic thresholds in words, a direction or a buying model as a word; anything else as stored.</summary>
    public static Said DetailValue(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        switch (name)
        {
            case "rule" when Rules.TryGetValue(value, out var rule):
                return new("alerts.rule." + rule, [], value);
            case "direction" when value.Length > 0:
                return new("alerts.detail.word", [("word", Word("anomaly_direction", value))], value, "word");
            case "buying_model" when value.Length > 0:
                return new("alerts.detail.word", [("word", Word("buying_model", value))], value, "word");
            case "thresholds" when Thresholds().Match(value) is { Success: true } t:
                return new("alerts.rule.thresholds", [("share", t.Groups["share"].Value), ("clicks", t.Groups["clicks"].Value)], value);
            default:
                return new(null, [], value);
        }
    }

    /// <summary>How a delivery went: "webhook ok 200", "email failed: timed out after 10 s" (the error as the transport said it), "-" for none.</summary>
    public static Said Delivery(AlertDelivery? delivery) => delivery switch
    {
        null => new(null, [], "-"),
        { Ok: true } d => new("alerts.delivery.ok", [("channel", ListeningTerms.Of(d.Channel)), ("status", d.HttpStatus?.ToString(CultureInfo.InvariantCulture))], "", "channel"),
        _ => new("alerts.delivery.failed", [
            ("channel", ListeningTerms.Of(delivery.Channel)),
            ("error", delivery.Error ?? (delivery.HttpStatus is { } s ? "HTTP " + s.ToString(CultureInfo.InvariantCulture) : "?"))], "", "channel"),
    };

    /// <summary>The stored English rule texts of the listening source, by their catalogue names.</summary>
    private static readonly Dictionary<string, string> Rules = new(StringComparer.Ordinal)
    {
        ["binomial z ≥ 3.5, share ≥ baseline + 10 points, ≥ 20 scored and ≥ 10 negative a day"] = "negative_surge_day",
        ["binomial z ≥ 3.5 against the week before, share ≥ baseline + 10 points, ≥ 20 scored and ≥ 10 negative an hour"] = "negative_surge_hour",
        ["hourly volume ≥ 3.5 robust standard deviations above the same hour of the weekday, +5 and ≥ 10 mentions"] = "volume_spike_hour",
    };

    private static string? Known(string prefix, string text)
    {
        var key = prefix + text.Replace(' ', '_');
        return IsWord().IsMatch(text) && Words.Template(key) is not null ? key : null;
    }

    private static string Word(string kind, string word) => ListeningTerms.Of(kind, word);

    [GeneratedRegex("^[a-z_ ]+$")]
    private static partial Regex IsWord();

    [GeneratedRegex(@"^(?<campaign>.+) pacing (?<status>[a-z_]+)$")]
    private static partial Regex PacingSubject();

    [GeneratedRegex(@"^(?<scope>.+) (?<metric>spend|impressions|clicks|conversions|cpm|cpc|cpa)( at (?<hour>\d{4}-\d\d-\d\d \d\d:00))?$")]
    private static partial Regex MetricSubject();

    [GeneratedRegex(@"^(?<metric>spend|impressions|clicks|conversions|cpm|cpc|cpa) (?<per>per day|per hour)$")]
    private static partial Regex MetricMeasure();

    [GeneratedRegex(@"^share >= (?<share>[0-9.]+), invalid clicks >= (?<clicks>[0-9]+)$")]
    private static partial Regex Thresholds();
}
