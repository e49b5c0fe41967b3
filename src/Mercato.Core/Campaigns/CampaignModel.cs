using System.Text.Json.Serialization;

namespace Mercato.Core.Campaigns;

/// <summary>What kind of activity a campaign is (DOMAIN.md §2.3, §3, §6); written in snake_case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CampaignType>))]
public enum CampaignType
{
    /// <summary>A product launch (press conference, online launch).</summary>
    [JsonStringEnumMemberName("product_launch")]
    ProductLaunch,

    /// <summary>An exhibition, trade fair or forum.</summary>
    [JsonStringEnumMemberName("exhibition")]
    Exhibition,

    /// <summary>A brand event (brand launch, anniversary, gathering).</summary>
    [JsonStringEnumMemberName("brand_event")]
    BrandEvent,

    /// <summary>A series of content on one theme.</summary>
    [JsonStringEnumMemberName("content_series")]
    ContentSeries,

    /// <summary>A live-stream programme.</summary>
    [JsonStringEnumMemberName("live_stream")]
    LiveStream,

    /// <summary>A collaboration with influencers (KOLs).</summary>
    [JsonStringEnumMemberName("influencer_collaboration")]
    InfluencerCollaboration,

    /// <summary>A flight of paid media.</summary>
    [JsonStringEnumMemberName("paid_media_flight")]
    PaidMediaFlight,

    /// <summary>Mission or cause marketing tied to a social topic.</summary>
    [JsonStringEnumMemberName("mission_marketing")]
    MissionMarketing,

    /// <summary>An app-store promotion (featured topic, paid slot, holiday event, limited-time free, exclusive launch).</summary>
    [JsonStringEnumMemberName("app_store_promotion")]
    AppStorePromotion,

    /// <summary>An online-store promotion or platform event.</summary>
    [JsonStringEnumMemberName("store_promotion")]
    StorePromotion,
}

/// <summary>
/// A campaign's stage in the activity lifecycle of DOMAIN.md §3 (planning → resource confirmation → publicity and promotion
/// → effect evaluation), plus closed, and cancelled for a campaign called off before it ran; written in snake_case.
/// Cancelled is declared last so the ordinal order of the five lifecycle stages is unchanged: compare stages with
/// <see cref="CampaignLifecycle.IsTerminal"/> and <see cref="CampaignLifecycle.Stages"/>, never cancelled by ordinal.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CampaignStage>))]
public enum CampaignStage
{
    /// <summary>Being planned: objectives, budget, schedule.</summary>
    [JsonStringEnumMemberName("planning")]
    Planning,

    /// <summary>A squad with a lead is attached and every budget line has a planned amount.</summary>
    [JsonStringEnumMemberName("resources_confirmed")]
    ResourcesConfirmed,

    /// <summary>Publicity and promotion: the campaign is live.</summary>
    [JsonStringEnumMemberName("promotion")]
    Promotion,

    /// <summary>Effect evaluation, after the campaign's last day.</summary>
    [JsonStringEnumMemberName("evaluation")]
    Evaluation,

    /// <summary>Evaluated and closed; final.</summary>
    [JsonStringEnumMemberName("closed")]
    Closed,

    /// <summary>Called off before evaluation (from planning, resources confirmed or promotion), with a reason; final.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}

/// <summary>Whether a budget line is media spend on a channel or a non-media cost category; written <c>channel</c> or <c>cost</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BudgetItemKind>))]
public enum BudgetItemKind
{
    /// <summary>Media spend on a channel (its actual is the spend data's rows carrying the campaign's codes).</summary>
    [JsonStringEnumMemberName("channel")]
    Channel,

    /// <summary>A non-media cost category of the costs contract (<c>agency</c>, <c>kol_fee</c>, <c>event</c>, ...).</summary>
    [JsonStringEnumMemberName("cost")]
    Cost,
}

/// <summary>A campaign objective: a KPI and the value the campaign should reach over its window.</summary>
/// <param name="Kpi">A KPI id of <see cref="Kpis.KpiCatalog"/> or of <see cref="CampaignMetrics"/>.</param>
/// <param name="Target">The target, finite and not negative, in the KPI's own unit (a rate as a fraction).</param>
/// <param name="Note">Why this target, optional.</param>
public sealed record Objective(string Kpi, double Target, string? Note = null);

/// <summary>One line of a campaign's budget: what is planned for a channel or a cost category.</summary>
/// <param name="Kind">Channel (media spend) or cost (non-media).</param>
/// <param name="Item">The channel name (matched ignoring case, like the data center's channels) or the cost category word.</param>
/// <param name="Planned">The planned amount, not negative; the resources gate needs it above 0.</param>
/// <param name="Note">Optional.</param>
public sealed record BudgetLine(BudgetItemKind Kind, string Item, decimal Planned, string? Note = null)
{
    /// <summary>The line's identity, <c>channel:douyin_ads</c> or <c>cost:kol_fee</c> (item lower-cased).</summary>
    [JsonIgnore]
    public string Key => KeyOf(Kind, Item);

    /// <summary>The identity of a line of <paramref name="kind"/> for <paramref name="item"/>.</summary>
    public static string KeyOf(BudgetItemKind kind, string item) =>
        (kind == BudgetItemKind.Cost ? "cost:" : "channel:") + item.Trim().ToLowerInvariant();
}

/// <summary>A dated milestone of a campaign's schedule.</summary>
/// <param name="Name">What happens ("key visual approved").</param>
/// <param name="Date">The day it is due.</param>
/// <param name="Done">Whether it is done.</param>
public sealed record Milestone(string Name, DateOnly Date, bool Done = false);

/// <summary>A link of a content kit.</summary>
/// <param name="Label">What it points to ("product page").</param>
/// <param name="Url">An absolute http or https URL.</param>
public sealed record KitLink(string Label, string Url);

/// <summary>
/// The approved messages and links staff share for a campaign (all-staff marketing). Each person shares the links with
/// their own referral code: <see cref="Referrals.ShareLink"/>.
/// </summary>
/// <remarks>
/// The approval is the lifecycle's (<see cref="CampaignLifecycle.ApproveKit"/>): a kit made from messages and links is a
/// draft, and nothing outside Core sets who approved it.
/// </remarks>
public sealed record ContentKit
{
    /// <summary>A draft kit of <paramref name="messages"/> and <paramref name="links"/>.</summary>
    public ContentKit(IReadOnlyList<string>? messages, IReadOnlyList<KitLink>? links)
        : this(messages, links, null, null)
    {
    }

    /// <summary>A kit as stored, approval included (the store reads it back; <see cref="CampaignLifecycle"/> approves).</summary>
    [JsonConstructor]
    internal ContentKit(IReadOnlyList<string>? messages, IReadOnlyList<KitLink>? links, string? approvedBy, DateTimeOffset? approvedAt)
    {
        Messages = messages ?? [];
        Links = links ?? [];
        ApprovedBy = approvedBy;
        ApprovedAt = approvedAt;
    }

    /// <summary>Who approved the kit; null while it is a draft.</summary>
    public string? ApprovedBy { get; internal init; }

    /// <summary>When; given exactly when <see cref="ApprovedBy"/> is.</summary>
    public DateTimeOffset? ApprovedAt { get; internal init; }

    /// <summary>The same messages and links as a draft: what an edit of an approved kit becomes.</summary>
    public ContentKit AsDraft() => this with { ApprovedBy = null, ApprovedAt = null };

    /// <summary>The messages staff share; a kit read without them has none.</summary>
    public IReadOnlyList<string> Messages { get; init; }

    /// <summary>The links staff share; a kit read without them has none.</summary>
    public IReadOnlyList<KitLink> Links { get; init; }

    /// <summary>An empty draft kit.</summary>
    public static ContentKit Empty { get; } = new([], []);

    /// <summary>Whether the kit is approved (staff may share it).</summary>
    [JsonIgnore]
    public bool IsApproved => ApprovedBy is not null && ApprovedAt is not null;

    /// <inheritdoc/>
    public bool Equals(ContentKit? other) =>
        other is not null
        && Messages.SequenceEqual(other.Messages, StringComparer.Ordinal)
        && Links.SequenceEqual(other.Links)
        && string.Equals(ApprovedBy, other.ApprovedBy, StringComparison.Ordinal)
        && ApprovedAt == other.ApprovedAt;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Messages.Count, Links.Count, ApprovedBy, ApprovedAt);
}

/// <summary>The recorded approval of a campaign's budget.</summary>
/// <param name="By">Who approved it.</param>
/// <param name="At">When.</param>
/// <param name="Amount">The total planned amount approved; a budget planned above it needs a new approval.</param>
/// <param name="Note">Optional.</param>
public sealed record BudgetApproval(string By, DateTimeOffset At, decimal Amount, string? Note = null);

/// <summary>How a campaign came from a bundle into the workspace (<see cref="Campaign.Restore"/>).</summary>
/// <param name="By">Who restored it.</param>
/// <param name="At">When.</param>
public sealed record CampaignRestore(string By, DateTimeOffset At);

/// <summary>One move of a campaign between stages.</summary>
/// <param name="From">The stage before.</param>
/// <param name="To">The stage after.</param>
/// <param name="By">Who moved it.</param>
/// <param name="At">When.</param>
/// <param name="Note">Why; required for a move back.</param>
public sealed record StageTransition(CampaignStage From, CampaignStage To, string By, DateTimeOffset At, string? Note = null);

/// <summary>
/// A campaign: the business unit of marketing planning (DOMAIN.md §2.3) and of activity operations (§3). Immutable;
/// compare with <c>==</c> (lists compare item by item). Create one with the constructor (it starts in
/// <see cref="CampaignStage.Planning"/>), check it with <see cref="Validate"/>, and move it only through
/// <see cref="CampaignLifecycle"/>, which records every move in <see cref="Transitions"/>.
/// </summary>
public sealed record Campaign
{
    /// <summary>
    /// Creates a campaign in <see cref="CampaignStage.Planning"/>, with no history and nothing approved; lists default to
    /// empty. Stage, history and approvals change only through <see cref="CampaignLifecycle"/>, or come back whole from a
    /// bundle through <see cref="Restore"/>.
    /// </summary>
    public Campaign(
        string id,
        string name,
        CampaignType type,
        string unit,
        DateOnly start,
        DateOnly end,
        IReadOnlyList<Objective>? objectives = null,
        IReadOnlyList<BudgetLine>? budget = null,
        IReadOnlyList<Milestone>? milestones = null,
        IReadOnlyList<string>? codes = null,
        IReadOnlyList<int>? brandSteps = null,
        ContentKit? kit = null)
        : this(id, name, type, unit, start, end, objectives, budget, milestones, codes, brandSteps, kit is null ? null : kit.AsDraft(),
            CampaignStage.Planning, null, null, null)
    {
    }

    /// <summary>A campaign as stored, lifecycle state included (the store reads it back).</summary>
    [JsonConstructor]
    internal Campaign(
        string id,
        string name,
        CampaignType type,
        string unit,
        DateOnly start,
        DateOnly end,
        IReadOnlyList<Objective>? objectives,
        IReadOnlyList<BudgetLine>? budget,
        IReadOnlyList<Milestone>? milestones,
        IReadOnlyList<string>? codes,
        IReadOnlyList<int>? brandSteps,
        ContentKit? kit,
        CampaignStage stage,
        BudgetApproval? budgetApproval,
        IReadOnlyList<StageTransition>? transitions,
        CampaignRestore? restored)
    {
        Id = id;
        Name = name;
        Type = type;
        Unit = unit;
        Start = start;
        End = end;
        Objectives = [.. objectives ?? []];
        Budget = [.. budget ?? []];
        Milestones = [.. milestones ?? []];
        Codes = [.. codes ?? []];
        BrandSteps = [.. brandSteps ?? []];
        Kit = kit ?? ContentKit.Empty;
        Stage = stage;
        BudgetApproval = budgetApproval;
        Transitions = [.. transitions ?? []];
        Restored = restored;
    }

    /// <summary>
    /// <paramref name="exported"/> (a campaign of an exported bundle, its stage, history and approvals included) restored
    /// into this workspace by <paramref name="by"/> at <paramref name="at"/>: the one way besides the lifecycle that a
    /// campaign gets a stage, a history or an approval, and the campaign says so (<see cref="Restored"/>). Validate it with
    /// <see cref="Validate"/>: its history must lead to its stage.
    /// </summary>
    public static Campaign Restore(Campaign exported, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(exported);
        return exported with { Restored = new CampaignRestore(by, at) };
    }

    /// <summary>A slug: lower-case letters, digits, <c>_</c> and <c>-</c>, starting with a letter or digit, at most 64.</summary>
    public string Id { get; init; }

    /// <summary>The campaign's name.</summary>
    public string Name { get; init; }

    /// <summary>What kind of activity it is.</summary>
    public CampaignType Type { get; init; }

    /// <summary>The id of the owning unit of the organization.</summary>
    public string Unit { get; init; }

    /// <summary>The first day of publicity and promotion (local day).</summary>
    public DateOnly Start { get; init; }

    /// <summary>The last day of publicity and promotion (included).</summary>
    public DateOnly End { get; init; }

    /// <summary>KPI targets for the campaign window.</summary>
    public IReadOnlyList<Objective> Objectives { get; init; }

    /// <summary>Budget lines; actuals come from the data (<see cref="BudgetCheck"/>).</summary>
    public IReadOnlyList<BudgetLine> Budget { get; init; }

    /// <summary>Milestones, in the order given.</summary>
    public IReadOnlyList<Milestone> Milestones { get; init; }

    /// <summary>The campaign codes that join it to facts: <c>spend.campaign</c> and <c>touchpoints.campaign</c>, matched exactly.</summary>
    public IReadOnlyList<string> Codes { get; init; }

    /// <summary>The steps (1–9) of the 9+1 brand cycle the campaign serves (<see cref="BrandCycle"/>).</summary>
    public IReadOnlyList<int> BrandSteps { get; init; }

    /// <summary>The content kit staff share; its approval changes only through the lifecycle.</summary>
    public ContentKit Kit { get; init; }

    /// <summary>The lifecycle stage; changes only through <see cref="CampaignLifecycle"/>.</summary>
    public CampaignStage Stage { get; internal init; }

    /// <summary>The latest budget approval, or null when the budget is not approved.</summary>
    public BudgetApproval? BudgetApproval { get; internal init; }

    /// <summary>Every stage move, oldest first; the lifecycle appends to it, nothing else changes it.</summary>
    public IReadOnlyList<StageTransition> Transitions { get; internal init; }

    /// <summary>When the campaign came into this workspace from a bundle (<see cref="Restore"/>), who restored it and when; null otherwise.</summary>
    public CampaignRestore? Restored { get; internal init; }

    /// <summary>The schedule as a range of days.</summary>
    [JsonIgnore]
    public DateRange Schedule => new(Start, End);

    /// <summary>The sum of the planned amounts.</summary>
    [JsonIgnore]
    public decimal PlannedTotal => Budget.Sum(l => l.Planned);

    /// <summary>When the campaign last moved to closed, or null when it is not closed.</summary>
    [JsonIgnore]
    public DateTimeOffset? ClosedAt =>
        Stage == CampaignStage.Closed ? Transitions.LastOrDefault(t => t.To == CampaignStage.Closed)?.At : null;

    /// <summary>The transition that cancelled the campaign, or null when it is not cancelled.</summary>
    [JsonIgnore]
    public StageTransition? Cancellation =>
        Stage == CampaignStage.Cancelled ? Transitions.LastOrDefault(t => t.To == CampaignStage.Cancelled) : null;

    /// <summary>Every problem that makes the campaign invalid (see <see cref="CampaignValidation.Validate"/>).</summary>
    public IReadOnlyList<Problem> Validate(Organization.OrgStructure? structure = null) =>
        CampaignValidation.Validate(this, structure);

    /// <inheritdoc/>
    public bool Equals(Campaign? other) =>
        other is not null
        && string.Equals(Id, other.Id, StringComparison.Ordinal)
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && Type == other.Type
        && string.Equals(Unit, other.Unit, StringComparison.Ordinal)
        && Start == other.Start
        && End == other.End
        && Objectives.SequenceEqual(other.Objectives)
        && Budget.SequenceEqual(other.Budget)
        && Milestones.SequenceEqual(other.Milestones)
        && Codes.SequenceEqual(other.Codes, StringComparer.Ordinal)
        && BrandSteps.SequenceEqual(other.BrandSteps)
        && Kit == other.Kit
        && Stage == other.Stage
        && BudgetApproval == other.BudgetApproval
        && Transitions.SequenceEqual(other.Transitions)
        && Restored == other.Restored;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Name, Type, Unit, Start, End, Stage, Transitions.Count);
}
