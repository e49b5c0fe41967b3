using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Mercato.Core.Campaigns;
using Mercato.Core.Organization;
using Microsoft.AspNetCore.Components;

namespace Mercato.Features.Campaigns;

/// <summary>Shared words, paths and formats of the campaigns area's pages.</summary>
public static partial class CampaignsArea
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The path of a campaign's page.</summary>
    public static string CampaignPath(string id) => "/campaigns/c/" + Uri.EscapeDataString(id);

    /// <summary>The campaign's page with a notice of what was just done (<c>?done=</c>): where a successful form goes.</summary>
    public static string DonePath(string id, string done) => CampaignPath(id) + "?done=" + Uri.EscapeDataString(done);

    /// <summary>A unit's name in <paramref name="structure"/>, or its id when there is none.</summary>
    public static string UnitName(OrgStructure? structure, string unit) =>
        structure?.Units.FirstOrDefault(u => u.Id == unit) is { } found ? Names.Of(DisplayNames.Unit, found.Id, found.Name) : unit;

    /// <summary>A campaign's name in the language in effect (<see cref="Names"/>).</summary>
    public static string Name(Campaign campaign) => Names.Of(DisplayNames.Campaign, campaign.Id, campaign.Name);

    /// <summary>A stage word posted back by a form (the stage it was shown in), or null when there is none that reads.</summary>
    public static CampaignStage? PostedStage(string? word) => EnumWords.TryParse<CampaignStage>(word, out var stage) ? stage : null;

    /// <summary>Optional text from a form: null when blank, else trimmed.</summary>
    public static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The path of a campaign's evaluation report.</summary>
    public static string EvaluationPath(string id) => CampaignPath(id) + "/evaluation";

    /// <summary>
    /// The refusal behind a refused detach (<see cref="CampaignCodes.SquadDetachRefused"/>): its <c>reason</c> code with the
    /// outcome's arguments; null for any other outcome.
    /// </summary>
    public static Message? DetachReason(Outcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Code == CampaignCodes.SquadDetachRefused && outcome.Args.TryGetValue("reason", out var reason)
            && reason is string code && CodeForm.IsCode(code)
            ? new Message(code, outcome.Args)
            : null;
    }

    /// <summary>The words of a failed outcome, a refused detach with its reason (the squad that must stay, the closed campaign).</summary>
    public static string Why(Outcome outcome) => DetachReason(outcome) is { } reason ? Messages.Text(reason) : Messages.Text(outcome);

    /// <summary><see cref="Why"/> as HTML for a page, the ids and names in it marked as data (<see cref="Coded"/>).</summary>
    public static MarkupString WhyHtml(Outcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return DetachReason(outcome) is { } reason ? Coded(reason) : outcome.Code is null ? new("") : Coded(new Message(outcome.Code, outcome.Args));
    }

    private const char Mark = '\u0001';

    /// <summary>An argument of <see cref="Mixed"/> that holds interface words (a stage, a type), not data: it is not marked <c>translate="no"</c>.</summary>
    /// <param name="Text">The words, in the language in effect.</param>
    public sealed record Plain(string Text);

    /// <summary>
    /// <see cref="Words.WM"/> for a sentence that names data (marked <c>translate="no"</c>) and interface words alike: the
    /// arguments given as <see cref="Plain"/> are encoded but not marked, those given as <see cref="MarkupString"/> (a link
    /// to a campaign) go in as they are.
    /// </summary>
    public static MarkupString Mixed(string key, params (string Name, object? Value)[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var html = Words.WM(key, [.. args.Select(a => a.Value is Plain or MarkupString ? (a.Name, (object?)(Mark + a.Name + Mark)) : a)]).Value;
        foreach (var (name, value) in args)
        {
            var inserted = value switch
            {
                Plain plain => WebUtility.HtmlEncode(plain.Text),
                MarkupString markup => markup.Value,
                _ => null,
            };
            if (inserted is not null)
            {
                html = html.Replace("<span translate=\"no\">" + Mark + name + Mark + "</span>", inserted, StringComparison.Ordinal);
            }
        }

        return new(MarksData ? html : DataSpan().Replace(html, "$1"));
    }

    /// <summary>
    /// Whether sentences mark the data they name (<c>translate="no"</c>): in another language than English, where a
    /// checker of untranslated words must skip names and ids; an English page reads as one plain sentence, as it did.
    /// </summary>
    private static bool MarksData => Locale.Language != Languages.English;

    [GeneratedRegex("<span translate=\"no\">([^<]*)</span>")]
    private static partial Regex DataSpan();

    /// <summary>
    /// The sentence of a coded message (a blocker, a warning, a note) as HTML for a page: its string arguments (ids, names)
    /// marked <c>translate="no"</c> as <see cref="Words.WM"/> marks them (in another language than English, see
    /// <see cref="MarksData"/>), except those a select form or a nested message reads.
    /// </summary>
    public static MarkupString Coded(ICodedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var template = Messages.Template(message.Code);
        if (template is null || template.Contains(":message}", StringComparison.Ordinal))
        {
            // A nested message renders as plain text: the whole sentence is encoded, nothing in it marked.
            return new(Encode(Messages.Text(message)));
        }

        var args = message.Args;
        foreach (var (name, value) in message.Args)
        {
            if (Regex.IsMatch(template, "\\{" + Regex.Escape(name) + ":[^{}]*="))
            {
                continue; // a select form chooses by it; it is not shown
            }

            args = value switch
            {
                string text => args.With(name, MarksData ? Data(text) : Encode(text)),
                IReadOnlyList<string> list => args.With(name, list.Select(item => MarksData ? Data(item) : Encode(item)).ToArray()),
                _ => args,
            };
        }

        return new(Messages.Render(Encode(template), args, CultureInfo.CurrentUICulture));
    }

    private static string Data(string text) => "<span translate=\"no\">" + Encode(text) + "</span>";

    // As Words encodes: text content and double-quoted attributes need these four; ' and # stay (# is a plural form's number).
    private static string Encode(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>
    /// Data for a <see cref="Mixed"/> sentence that shows it in code or quotes itself (an id the address named): encoded,
    /// not wrapped, so the sentence reads as it did before the words had a second language.
    /// </summary>
    public static MarkupString Unwrapped(string text) => new(Encode(text));

    /// <summary>A link within this server with interface words as its text: for a <see cref="Mixed"/> sentence.</summary>
    public static MarkupString Link(string path, string text) =>
        new("<a href=\"" + WebUtility.HtmlEncode(path) + "\">" + WebUtility.HtmlEncode(text) + "</a>");

    /// <summary>A link to a campaign's page, its name marked as data: for a <see cref="Mixed"/> sentence.</summary>
    public static MarkupString CampaignLink(string id, string name) =>
        new("<a href=\"" + WebUtility.HtmlEncode(CampaignPath(id)) + "\" translate=\"no\">" + WebUtility.HtmlEncode(name) + "</a>");

    /// <summary>A stage as people say it (DOMAIN.md §3), in the language in effect.</summary>
    public static string StageName(CampaignStage stage) => Terms.Of("stage", EnumWords.Word(stage), stage switch
    {
        CampaignStage.Planning => Words.W("campaigns.stage.planning"),
        CampaignStage.ResourcesConfirmed => Words.W("campaigns.stage.resources_confirmed"),
        CampaignStage.Promotion => Words.W("campaigns.stage.promotion"),
        CampaignStage.Evaluation => Words.W("campaigns.stage.evaluation"),
        CampaignStage.Closed => Words.W("campaigns.stage.closed"),
        CampaignStage.Cancelled => Words.W("campaigns.stage.cancelled"),
        _ => EnumWords.Word(stage),
    });

    /// <summary>A stage inside a sentence: lower case in English ("moved to resources confirmed"), as it is in Chinese.</summary>
    public static string StageInText(CampaignStage stage) => StageName(stage).ToLower(CultureInfo.CurrentCulture);

    /// <summary>A campaign type as people say it, in the language in effect.</summary>
    public static string TypeName(CampaignType type) => Terms.Of("campaign_kind", EnumWords.Word(type), type switch
    {
        CampaignType.ProductLaunch => Words.W("campaigns.type.product_launch"),
        CampaignType.Exhibition => Words.W("campaigns.type.exhibition"),
        CampaignType.BrandEvent => Words.W("campaigns.type.brand_event"),
        CampaignType.ContentSeries => Words.W("campaigns.type.content_series"),
        CampaignType.LiveStream => Words.W("campaigns.type.live_stream"),
        CampaignType.InfluencerCollaboration => Words.W("campaigns.type.influencer_collaboration"),
        CampaignType.PaidMediaFlight => Words.W("campaigns.type.paid_media_flight"),
        CampaignType.MissionMarketing => Words.W("campaigns.type.mission_marketing"),
        CampaignType.AppStorePromotion => Words.W("campaigns.type.app_store_promotion"),
        CampaignType.StorePromotion => Words.W("campaigns.type.store_promotion"),
        _ => EnumWords.Word(type),
    });

    /// <summary>A squad role in words (lead, creative, media, ...).</summary>
    public static string RoleName(SquadRole role) => Terms.Of("squad_role", EnumWords.Word(role), role switch
    {
        SquadRole.Lead => Words.W("campaigns.role.lead"),
        SquadRole.Creative => Words.W("campaigns.role.creative"),
        SquadRole.Media => Words.W("campaigns.role.media"),
        SquadRole.Content => Words.W("campaigns.role.content"),
        SquadRole.Analyst => Words.W("campaigns.role.analyst"),
        SquadRole.Host => Words.W("campaigns.role.host"),
        SquadRole.Other => Words.W("campaigns.role.other"),
        _ => EnumWords.Word(role),
    });

    /// <summary>A budget line's kind in words: channel or cost.</summary>
    public static string LineKind(BudgetItemKind kind) => Terms.Of("budget_item_kind", EnumWords.Word(kind),
        kind == BudgetItemKind.Cost ? Words.W("campaigns.budget.kind_cost") : Words.W("campaigns.budget.kind_channel"));

    /// <summary>A KPI status in words (on track, at risk, off track, no data, no target).</summary>
    public static string StatusName(KpiStatus status) => Terms.Of("kpi_status", EnumWords.Word(status), status switch
    {
        KpiStatus.OnTrack => Words.W("campaigns.status.on_track"),
        KpiStatus.AtRisk => Words.W("campaigns.status.at_risk"),
        KpiStatus.OffTrack => Words.W("campaigns.status.off_track"),
        KpiStatus.NoData => Words.W("campaigns.status.no_data"),
        _ => Words.W("campaigns.status.no_target"),
    });

    /// <summary>A brand-cycle step's state in this round (done, in progress, not started).</summary>
    public static string StateName(StepState state) => Terms.Of("step_state", EnumWords.Word(state), state switch
    {
        StepState.Done => Words.W("campaigns.brand.state.done"),
        StepState.InProgress => Words.W("campaigns.brand.state.in_progress"),
        _ => Words.W("campaigns.brand.state.not_started"),
    });

    /// <summary>Which way is better for an objective: higher or lower.</summary>
    public static string DirectionName(Direction direction) => Terms.Of("direction", EnumWords.Word(direction),
        direction == Direction.Lower ? Words.W("campaigns.eval.lower") : Words.W("campaigns.eval.higher"));

    /// <summary>A brand-cycle step's name (Tell stories, ...), in the language in effect.</summary>
    public static string StepName(string id, string english) => Terms.Of("brand_step", id, Known("campaigns.step." + id + ".name", english));

    /// <summary>What a brand-cycle step does.</summary>
    public static string StepWhat(BrandStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return Terms.Of("brand_step", step.Id + ".what", Known("campaigns.step." + step.Id + ".what", step.What));
    }

    /// <summary>A brand-cycle step's purpose.</summary>
    public static string StepPurpose(string id, string english) =>
        Terms.Of("brand_step", id + ".purpose", Known("campaigns.step." + id + ".purpose", english));

    /// <summary>A brand-cycle evidence metric's name.</summary>
    public static string EvidenceName(string metric, string english) =>
        Terms.Of("step_metric", metric, Known("campaigns.evidence." + metric + ".name", english));

    /// <summary>How a brand-cycle evidence metric is computed (ids in it as code).</summary>
    public static MarkupString EvidenceFormula(string metric, string english) => Marked("campaigns.evidence." + metric + ".formula", english);

    /// <summary><see cref="EvidenceFormula"/> as plain text, for a tooltip.</summary>
    public static string EvidenceFormulaText(string metric, string english) => Unmarked(Known("campaigns.evidence." + metric + ".formula", english));

    /// <summary>
    /// The name of an evaluation figure or an objective's KPI: a campaign metric (reach, participants, ROI, ...), an uplift
    /// figure (<c>uplift_revenue</c>), else a KPI of the catalog; <paramref name="english"/> when none has words.
    /// </summary>
    public static string MetricName(string id, string english)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Words.Template("campaigns.metric." + id + ".name") is not null
            ? Words.Text("campaigns.metric." + id + ".name")
            : Terms.Of("kpi", id, english);
    }

    /// <summary>How an evaluation figure is computed (a campaign metric's or an uplift figure's formula; ids in it as code).</summary>
    public static MarkupString MetricFormula(string id, string english) => Marked("campaigns.metric." + id + ".formula", english);

    /// <summary><see cref="MetricFormula"/> as plain text (the command line).</summary>
    public static string MetricFormulaText(string id, string english) => Unmarked(Known("campaigns.metric." + id + ".formula", english));

    /// <summary>A figure of the whole business in the uplift table (impressions, touchpoints, conversions, revenue in the workspace currency).</summary>
    public static string BusinessName(string id, string english) => id switch
    {
        "impressions" => Words.W("campaigns.business.impressions"),
        "touchpoints" => Words.W("campaigns.business.touchpoints"),
        "conversions" => Words.W("campaigns.business.conversions"),
        "revenue" => Words.W("campaigns.business.revenue", ("currency", Figures.Currency)),
        _ => english,
    };

    /// <summary>An attribution model's name as people read it (in English the command line's name: <c>markov</c>).</summary>
    public static string ModelName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Known("campaigns.model." + name.Replace('-', '_'), name);
    }

    /// <summary>The words of <paramref name="key"/> when the catalogue has them, else <paramref name="english"/> (Core's own text).</summary>
    private static string Known(string key, string english) => Words.Template(key) is null ? english : Words.Text(key);

    /// <summary>The words of <paramref name="key"/> with their light markup, else <paramref name="english"/> encoded.</summary>
    private static MarkupString Marked(string key, string english) => Words.Template(key) is null ? new(WebUtility.HtmlEncode(english)) : Words.WM(key);

    /// <summary>Words without their code marks (<c>`id`</c> → <c>id</c>).</summary>
    private static string Unmarked(string text) => text.Replace("`", "", StringComparison.Ordinal);

    /// <summary>A figure's working with its note in brackets, or the note alone when there is no working ("no attribution model was run").</summary>
    public static string Working(ReportFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var note = Messages.TextOrNull(figure.Note);
        return figure.Working is { Length: > 0 } working ? (note is null ? working : working + " (" + note + ")") : note ?? "";
    }

    /// <summary>A day as <c>2026-03-01</c>.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", Inv);

    /// <summary>A schedule as <c>2026-03-01 – 2026-03-10 (10 days)</c>.</summary>
    public static string Schedule(DateRange range) =>
        Words.W("campaigns.schedule", ("from", Day(range.Start)), ("to", Day(range.End)), ("days", (long)range.Days));

    /// <summary>An instant in the workspace zone as <c>2026-03-01 14:05</c>.</summary>
    public static string Time(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", Inv);

    /// <summary>Money with thousands separators and no decimals when whole, else two, in the culture in effect.</summary>
    public static string Money(decimal amount) =>
        amount == decimal.Truncate(amount) ? amount.ToString("N0", CultureInfo.CurrentCulture) : amount.ToString("N2", CultureInfo.CurrentCulture);

    /// <summary>A standalone amount in a sentence, with the currency's sign (<see cref="Figures.Amount"/>).</summary>
    public static string Amount(decimal amount) => Figures.Amount(amount);

    /// <summary>A share as a whole percentage (0.42 → 42%), in the culture in effect; "–" for none.</summary>
    public static string Percent(double? share) => share is { } s ? s.ToString("P0", CultureInfo.CurrentCulture) : "–";

}
