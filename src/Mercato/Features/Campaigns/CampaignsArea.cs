using System.Globalization;
using Mercato.Core.Campaigns;
using Mercato.Core.Organization;

namespace Mercato.Features.Campaigns;

/// <summary>Shared words, paths and formats of the campaigns area's pages.</summary>
public static class CampaignsArea
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The path of a campaign's page.</summary>
    public static string CampaignPath(string id) => "/campaigns/c/" + Uri.EscapeDataString(id);

    /// <summary>The campaign's page with a notice of what was just done (<c>?done=</c>): where a successful form goes.</summary>
    public static string DonePath(string id, string done) => CampaignPath(id) + "?done=" + Uri.EscapeDataString(done);

    /// <summary>A unit's name in <paramref name="structure"/>, or its id when there is none.</summary>
    public static string UnitName(OrgStructure? structure, string unit) => structure?.Units.FirstOrDefault(u => u.Id == unit)?.Name ?? unit;

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

    /// <summary>A stage as people say it (DOMAIN.md §3).</summary>
    public static string StageName(CampaignStage stage) => stage switch
    {
        CampaignStage.Planning => "Planning",
        CampaignStage.ResourcesConfirmed => "Resources confirmed",
        CampaignStage.Promotion => "Publicity and promotion",
        CampaignStage.Evaluation => "Evaluation",
        CampaignStage.Closed => "Closed",
        CampaignStage.Cancelled => "Cancelled",
        _ => EnumWords.Word(stage),
    };

    /// <summary>A campaign type as people say it.</summary>
    public static string TypeName(CampaignType type) => type switch
    {
        CampaignType.ProductLaunch => "Product launch",
        CampaignType.Exhibition => "Exhibition or trade fair",
        CampaignType.BrandEvent => "Brand event",
        CampaignType.ContentSeries => "Content series",
        CampaignType.LiveStream => "Live stream",
        CampaignType.InfluencerCollaboration => "Influencer collaboration",
        CampaignType.PaidMediaFlight => "Paid media flight",
        CampaignType.MissionMarketing => "Mission or cause marketing",
        CampaignType.AppStorePromotion => "App-store promotion",
        CampaignType.StorePromotion => "Store promotion",
        _ => EnumWords.Word(type),
    };

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
        $"{Day(range.Start)} – {Day(range.End)} ({range.Days.ToString(Inv)} {(range.Days == 1 ? "day" : "days")})";

    /// <summary>An instant in the workspace zone as <c>2026-03-01 14:05</c>.</summary>
    public static string Time(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", Inv);

    /// <summary>Money with thousands separators and no decimals when whole, else two.</summary>
    public static string Money(decimal amount) => amount == decimal.Truncate(amount) ? amount.ToString("N0", Inv) : amount.ToString("N2", Inv);

}
