using System.Globalization;
using System.Text.Json.Serialization;
using Mercato.Core.Campaigns;
using Mercato.Core.Organization;

namespace Mercato.Core.Mix;

/// <summary>Where a budget plan stands: draft → approved → in effect → reviewed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MixPlanStatus>))]
public enum MixPlanStatus
{
    /// <summary>Saved from a proposal; can be removed; waits for the budget owner.</summary>
    [JsonStringEnumMemberName("draft")]
    Draft,

    /// <summary>Approved by a head of the owning unit or a unit above it.</summary>
    [JsonStringEnumMemberName("approved")]
    Approved,

    /// <summary>The period has started under the plan.</summary>
    [JsonStringEnumMemberName("in-effect")]
    InEffect,

    /// <summary>The period is over, its data in, and the forecast set against what happened.</summary>
    [JsonStringEnumMemberName("reviewed")]
    Reviewed,
}

/// <summary>The model a plan's forecast came from, so that its review refits the same model on the new data.</summary>
/// <param name="Outcome">The workspace outcome explained.</param>
/// <param name="Adstock">The carry-over form.</param>
/// <param name="Saturation">The saturation form.</param>
/// <param name="Replicates">Bootstrap replicates behind the intervals.</param>
/// <param name="Seed">The bootstrap seed.</param>
/// <param name="StepDays">Days per model period (7: weekly).</param>
/// <param name="FittedFrom">The first day of the data the model was fitted on.</param>
/// <param name="FittedThrough">The last day of the data the model was fitted on.</param>
/// <param name="R2">In-sample R² of that fit.</param>
/// <param name="HoldoutMape">Its holdout MAPE, when it had a holdout.</param>
public sealed record MixPlanModel(
    [property: JsonConverter(typeof(JsonStringEnumConverter<MixOutcomeKind>))] MixOutcomeKind Outcome,
    [property: JsonConverter(typeof(JsonStringEnumConverter<AdstockKind>))] AdstockKind Adstock,
    [property: JsonConverter(typeof(JsonStringEnumConverter<SaturationKind>))] SaturationKind Saturation,
    int Replicates,
    int Seed,
    int StepDays,
    DateOnly FittedFrom,
    DateOnly FittedThrough,
    double R2,
    double? HoldoutMape)
{
    /// <summary>The model of a workspace fit.</summary>
    public static MixPlanModel Of(MixFit fit, MixOutcomeKind outcome)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return new MixPlanModel(
            outcome, fit.Options.Adstock, fit.Options.Saturation, fit.Options.Replicates, fit.Options.Seed, fit.StepDays,
            fit.Periods[0].Start, fit.Periods[^1].Start.AddDays(fit.StepDays - 1), fit.Quality.R2, fit.Quality.HoldoutMape);
    }

    /// <summary>The options to refit with at the review: the same forms and bootstrap, every period fitted (no holdout).</summary>
    public MixOptions RefitOptions() => new() { Adstock = Adstock, Saturation = Saturation, Replicates = Replicates, Seed = Seed, HoldoutPeriods = 0 };
}

/// <summary>One channel of a plan: money and the outcome forecast over the plan's period.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Current">The current split's spend for the period.</param>
/// <param name="Planned">The planned spend.</param>
/// <param name="Forecast">The outcome the channel is expected to add at the planned spend, with its 90% interval.</param>
/// <param name="MarginalRoi">Extra outcome per extra unit of spend at the planned spend.</param>
/// <param name="PeriodsToTarget">The proposal's glide path: planning periods to reach the unconstrained target (−1: headed to 0).</param>
/// <param name="Extrapolating">The planned spend per period is above the highest the data had seen.</param>
/// <param name="CurrentSpend">The channel's current spend rate over the period: what the ±max-change rail is measured from.</param>
public sealed record MixPlanLine(string Channel, double Current, double Planned, MixInterval Forecast, double MarginalRoi, int PeriodsToTarget, bool Extrapolating, double CurrentSpend);

/// <summary>An approval: who (a person of the directory, head of the owning unit or of a unit above it) and when.</summary>
/// <param name="Person">The approver's person id.</param>
/// <param name="Name">Their name as the directory had it.</param>
/// <param name="Unit">The unit whose head they are.</param>
/// <param name="At">When.</param>
/// <param name="Note">What they said, if anything.</param>
public sealed record MixPlanApproval(string Person, string Name, string Unit, DateTimeOffset At, string? Note = null);

/// <summary>One channel of a review: planned against actual spend, forecast against measured outcome.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="PlannedSpend">The plan's spend.</param>
/// <param name="ActualSpend">Σ spend of the channel's rows dated in the period.</param>
/// <param name="SpendError">Actual ÷ planned − 1; null when nothing was planned.</param>
/// <param name="Forecast">The plan's outcome forecast with its interval.</param>
/// <param name="Measured">The refit model's contribution of the channel over the period (periods pro rata to their days in it); null when the refit left the channel out.</param>
/// <param name="Error">Measured ÷ forecast − 1; null when either is missing or the forecast is 0.</param>
/// <param name="Inside">Whether the measured contribution lies in the forecast's interval.</param>
public sealed record MixPlanLineReview(
    string Channel, double PlannedSpend, double ActualSpend, double? SpendError, MixInterval Forecast, double? Measured, double? Error, bool Inside);

/// <summary>What a review found once the period's data was in.</summary>
/// <param name="At">When it was made.</param>
/// <param name="By">Who made it.</param>
/// <param name="DataThrough">The last day of spend data at the time.</param>
/// <param name="Channels">Per channel of the plan.</param>
/// <param name="ForecastMedia">The plan's media outcome forecast.</param>
/// <param name="MeasuredMedia">Σ measured contributions.</param>
/// <param name="MediaError">Measured ÷ forecast media − 1; null for a zero forecast.</param>
/// <param name="MediaInside">Whether the measured media outcome lies in the forecast's interval.</param>
/// <param name="ActualOutcome">The outcome observed over the period (all sources: baseline, controls and media).</param>
/// <param name="FittedOutcome">The refit model's fitted outcome over the period.</param>
/// <param name="RefitR2">In-sample R² of the refit.</param>
/// <param name="RefitMape">In-sample MAPE of the refit.</param>
public sealed record MixPlanReview(
    DateTimeOffset At,
    string By,
    DateOnly DataThrough,
    IReadOnlyList<MixPlanLineReview> Channels,
    MixInterval ForecastMedia,
    double MeasuredMedia,
    double? MediaError,
    bool MediaInside,
    double ActualOutcome,
    double FittedOutcome,
    double RefitR2,
    double RefitMape);

/// <summary>What the review needs from the store and the refit.</summary>
/// <param name="DataThrough">The last day with spend data.</param>
/// <param name="ActualSpend">Σ spend per channel over the plan's period.</param>
/// <param name="ActualOutcome">The outcome observed over the period.</param>
/// <param name="Refit">The model refitted on the data through <paramref name="DataThrough"/>, with the plan's options.</param>
public sealed record MixReviewInput(DateOnly DataThrough, IReadOnlyDictionary<string, double> ActualSpend, double ActualOutcome, MixFit Refit);

/// <summary>
/// A budget plan: a proposal of the mix model saved for a period, owned by a unit, approved by its head (or a head above),
/// put in effect when the period starts and reviewed against what happened (docs/mix-model.md, Plans).
/// </summary>
public sealed record MixPlan
{
    /// <summary>A slug, unique among plans (<see cref="MixPlans.NextId"/>).</summary>
    public required string Id { get; init; }

    /// <summary>What the plan is ("Q1 online media").</summary>
    public required string Title { get; init; }

    /// <summary>The unit that owns the budget (a unit of the organization).</summary>
    public required string Owner { get; init; }

    /// <summary>The first day of the plan's period.</summary>
    public required DateOnly From { get; init; }

    /// <summary>The last day of the plan's period.</summary>
    public required DateOnly To { get; init; }

    /// <summary>The budget asked for.</summary>
    public required double Budget { get; init; }

    /// <summary>What the proposal maximised.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<MixObjective>))]
    public required MixObjective Objective { get; init; }

    /// <summary>The guard rail: the largest move of a channel from its current spend.</summary>
    public required double MaxChange { get; init; }

    /// <summary>The model behind the forecast.</summary>
    public required MixPlanModel Model { get; init; }

    /// <summary>Per channel.</summary>
    public required IReadOnlyList<MixPlanLine> Lines { get; init; }

    /// <summary>The media outcome expected from the plan over the period, with its interval.</summary>
    public required MixInterval Forecast { get; init; }

    /// <summary>The same for keeping the current split.</summary>
    public required MixInterval CurrentForecast { get; init; }

    /// <summary>Where it stands.</summary>
    public MixPlanStatus Status { get; init; } = MixPlanStatus.Draft;

    /// <summary>Who saved it.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>When.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The approval, once approved.</summary>
    public MixPlanApproval? Approval { get; init; }

    /// <summary>Who put it in effect, once in effect.</summary>
    public string? StartedBy { get; init; }

    /// <summary>When.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The review, once reviewed.</summary>
    public MixPlanReview? Review { get; init; }

    /// <summary>The campaigns whose budget lines were set from the plan, in order.</summary>
    public IReadOnlyList<string> Campaigns { get; init; } = [];

    /// <summary>Σ planned spend.</summary>
    [JsonIgnore]
    public double Planned => Lines.Sum(l => l.Planned);

    /// <summary>The plan's period.</summary>
    [JsonIgnore]
    public DateRange Period => new(From, To);
}

/// <summary>How far past forecasts can be trusted: over every reviewed plan.</summary>
/// <param name="Reviewed">Plans reviewed.</param>
/// <param name="Lines">Channel lines with a measured outcome.</param>
/// <param name="Inside">Of those, how many fell inside their forecast interval.</param>
/// <param name="InsideShare">Inside ÷ lines; null without lines. A 90% interval should hold about 0.9.</param>
/// <param name="MedianMediaError">Median |measured ÷ forecast − 1| of the plans' media outcome; null without reviews.</param>
/// <param name="MedianSpendError">Median |actual ÷ planned − 1| of the plans' total spend; null without reviews.</param>
public sealed record MixPlanAccuracy(int Reviewed, int Lines, int Inside, double? InsideShare, double? MedianMediaError, double? MedianSpendError);

/// <summary>The codes of budget plans.</summary>
public static class MixPlanCodes
{
    /// <summary>No plan <c>id</c>.</summary>
    public const string NotFound = "mix_plan_not_found";

    /// <summary>Plan <c>plan</c> is <c>status</c>; the step needs <c>expected</c>.</summary>
    public const string WrongStatus = "mix_plan_wrong_status";

    /// <summary>The workspace has no organization structure: no unit can own a budget.</summary>
    public const string NoStructure = "mix_plan_no_structure";

    /// <summary>The owner <c>unit</c> is not a unit of the structure.</summary>
    public const string UnknownOwner = "mix_plan_unknown_owner";

    /// <summary>No person <c>person</c> in the directory.</summary>
    public const string UnknownPerson = "mix_plan_unknown_person";

    /// <summary><c>person</c> heads neither <c>unit</c> nor a unit above it; the budget owners are <c>owners</c>.</summary>
    public const string NotBudgetOwner = "mix_plan_not_budget_owner";

    /// <summary>The period starts on <c>from</c>, after today (<c>today</c>).</summary>
    public const string NotStarted = "mix_plan_not_started";

    /// <summary>The period runs to <c>to</c>; today is <c>today</c>.</summary>
    public const string PeriodOpen = "mix_plan_period_open";

    /// <summary>Spend data runs to <c>through</c>, before the period's end <c>to</c>.</summary>
    public const string DataMissing = "mix_plan_data_missing";

    /// <summary>A plan can be saved only from a workspace fit, not from a file.</summary>
    public const string NeedsWorkspace = "mix_plan_needs_workspace";

    /// <summary>A plan's title is blank or longer than <c>max</c>.</summary>
    public const string BadTitle = "mix_plan_bad_title";

    /// <summary>A plan's period (<c>from</c>, <c>to</c>) that ends before it starts.</summary>
    public const string BadPeriod = "mix_plan_bad_period";

    /// <summary>A share (<c>value</c>) of a plan to put on a campaign outside (0, 1].</summary>
    public const string BadShare = "mix_plan_bad_share";

    /// <summary>A channel (<c>channel</c>) named for a campaign that the plan does not hold.</summary>
    public const string UnknownChannel = "mix_plan_unknown_channel";
}

/// <summary>
/// The rules of budget plans (docs/mix-model.md, Plans): saved as drafts from a proposal, approved only by a head of the
/// owning unit or of a unit above it, in effect once their period has started, reviewed once it is over and its data in;
/// only drafts are removed; approved plans can set campaigns' channel budget lines.
/// </summary>
public static class MixPlans
{
    /// <summary>The longest title.</summary>
    public const int MaxTitle = 120;

    /// <summary>The first free id of the form <c>plan-YYYY-MM-DD</c>, then <c>-2</c>, <c>-3</c> … for plans starting on <paramref name="from"/>.</summary>
    public static string NextId(IEnumerable<string> taken, DateOnly from)
    {
        ArgumentNullException.ThrowIfNull(taken);
        var set = taken.ToHashSet(StringComparer.Ordinal);
        var id = "plan-" + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        for (var n = 2; set.Contains(id); n++)
        {
            id = string.Create(CultureInfo.InvariantCulture, $"plan-{from:yyyy-MM-dd}-{n}");
        }

        return id;
    }

    /// <summary>
    /// A draft from <paramref name="proposal"/> for the period <paramref name="period"/>, owned by unit
    /// <paramref name="owner"/> of <paramref name="structure"/>: refused without a structure or for an unknown unit,
    /// invalid for a blank or long title or a reversed period.
    /// </summary>
    public static Outcome<MixPlan> Draft(
        string id, string title, string owner, DateRange period, MixProposal proposal, MixPlanModel model, OrgStructure? structure, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(model);
        if (structure is null)
        {
            return Outcome<MixPlan>.Refused(MixPlanCodes.NoStructure);
        }

        if (structure.FindUnit(owner) is null)
        {
            return Outcome<MixPlan>.Refused(MixPlanCodes.UnknownOwner, MessageArgs.Of(("unit", owner)));
        }

        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > MaxTitle)
        {
            problems.Add(Problem.Of("title", MixPlanCodes.BadTitle, ("max", MaxTitle)));
        }

        if (!period.IsValid)
        {
            problems.Add(Problem.Of("period", MixPlanCodes.BadPeriod, ("from", period.Start), ("to", period.End)));
        }

        if (problems.Count > 0)
        {
            return Outcome<MixPlan>.Invalid(problems);
        }

        return Outcome<MixPlan>.Ok(new MixPlan
        {
            Id = id,
            Title = title.Trim(),
            Owner = owner,
            From = period.Start,
            To = period.End,
            Budget = proposal.Request.Budget,
            Objective = proposal.Request.Objective,
            MaxChange = proposal.Request.MaxChange,
            Model = model,
            Lines = [.. proposal.Channels.Select(c => new MixPlanLine(c.Channel, c.Current, c.Proposed, c.Outcome, c.MarginalRoi, c.PeriodsToTarget, c.Extrapolating, c.CurrentSpend))],
            Forecast = proposal.Outcome,
            CurrentForecast = proposal.CurrentOutcome,
            CreatedBy = actor,
            CreatedAt = now,
        });
    }

    /// <summary>
    /// The people who may approve a budget owned by <paramref name="unit"/>: the heads of the unit and of every unit above
    /// it (tree parents), as people of the directory, nearest first. A unit's head names a person when the text before its
    /// first comma ("Lin Hui, CMO") is the person's name or id.
    /// </summary>
    public static IReadOnlyList<(OrgUnit Unit, Person Person)> BudgetOwners(OrgStructure structure, IEnumerable<Person> people, string unit)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(people);
        var directory = people.ToList();
        var owners = new List<(OrgUnit, Person)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var u = structure.FindUnit(unit); u is not null && seen.Add(u.Id); u = u.Parent is { } parent ? structure.FindUnit(parent) : null)
        {
            if (HeadName(u.Head) is { } head && directory.FirstOrDefault(p => p.Name == head || p.Id == head) is { } person)
            {
                owners.Add((u, person));
            }
        }

        return owners;
    }

    /// <summary>
    /// Approves a draft as <paramref name="personId"/>: refused when the plan is not a draft, the person unknown, the
    /// structure missing, or the person heads neither the owning unit nor a unit above it (the owners named).
    /// </summary>
    public static Outcome<MixPlan> Approve(MixPlan plan, string personId, IEnumerable<Person> people, OrgStructure? structure, DateTimeOffset now, string? note)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(people);
        if (Status(plan, MixPlanStatus.Draft) is { } wrong)
        {
            return wrong;
        }

        var directory = people.ToList();
        if (directory.FirstOrDefault(p => p.Id == personId) is not { } person)
        {
            return Outcome<MixPlan>.Refused(MixPlanCodes.UnknownPerson, MessageArgs.Of(("person", personId)));
        }

        if (structure is null)
        {
            return Outcome<MixPlan>.Refused(MixPlanCodes.NoStructure);
        }

        var owners = BudgetOwners(structure, directory, plan.Owner);
        if (owners.FirstOrDefault(o => o.Person.Id == person.Id) is not { Unit: { } unit })
        {
            return Outcome<MixPlan>.Refused(MixPlanCodes.NotBudgetOwner, MessageArgs.Of(
                ("person", person.Id), ("unit", plan.Owner), ("owners", owners.Select(o => o.Person.Id + " (" + o.Unit.Id + ")").ToList())));
        }

        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return Outcome<MixPlan>.Ok(plan with { Status = MixPlanStatus.Approved, Approval = new MixPlanApproval(person.Id, person.Name, unit.Id, now, text) });
    }

    /// <summary>Puts an approved plan in effect: refused before its first day (<paramref name="today"/>, the workspace's local day).</summary>
    public static Outcome<MixPlan> Start(MixPlan plan, string actor, DateTimeOffset now, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (Status(plan, MixPlanStatus.Approved) is { } wrong)
        {
            return wrong;
        }

        return today < plan.From
            ? Outcome<MixPlan>.Refused(MixPlanCodes.NotStarted, MessageArgs.Of(("from", plan.From), ("today", today)))
            : Outcome<MixPlan>.Ok(plan with { Status = MixPlanStatus.InEffect, StartedBy = actor, StartedAt = now });
    }

    /// <summary>
    /// The gate of a review, before anything is refitted: the plan in effect, its period over (<paramref name="today"/>
    /// after its last day) and spend data through its last day. Null when a review may proceed.
    /// </summary>
    public static Outcome<MixPlan>? ReviewRefusal(MixPlan plan, DateOnly today, DateOnly? dataThrough)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (Status(plan, MixPlanStatus.InEffect) is { } wrong)
        {
            return wrong;
        }

        if (today <= plan.To)
        {
            return Outcome<MixPlan>.Refused(MixPlanCodes.PeriodOpen, MessageArgs.Of(("to", plan.To), ("today", today)));
        }

        return dataThrough is not { } through || through < plan.To
            ? Outcome<MixPlan>.Refused(MixPlanCodes.DataMissing, MessageArgs.Of(("through", dataThrough?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"), ("to", plan.To)))
            : null;
    }

    /// <summary>
    /// Reviews a plan in effect once its period is over and its data in (<see cref="ReviewRefusal"/>): per channel,
    /// planned against actual spend and the forecast against the refit model's contribution over the period, the
    /// periods of the refit counted pro rata to their days inside the plan's period; the media total likewise.
    /// </summary>
    public static Outcome<MixPlan> Review(MixPlan plan, MixReviewInput input, string actor, DateTimeOffset now, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(input);
        if (ReviewRefusal(plan, today, input.DataThrough) is { } refused)
        {
            return refused;
        }

        var refit = input.Refit;
        var weights = refit.Periods.Select(p => Overlap(p.Start, refit.StepDays, plan.Period) / (double)refit.StepDays).ToArray();
        var lines = new List<MixPlanLineReview>();
        foreach (var line in plan.Lines)
        {
            var index = -1;
            for (var c = 0; c < refit.Channels.Count; c++)
            {
                if (refit.Channels[c].Channel == line.Channel)
                {
                    index = c;
                }
            }

            double? measured = index < 0 ? null : refit.Periods.Select((p, i) => p.Channels[index] * weights[i]).Sum();
            var actual = input.ActualSpend.GetValueOrDefault(line.Channel);
            lines.Add(new MixPlanLineReview(
                line.Channel, line.Planned, actual, line.Planned > 0 ? (actual / line.Planned) - 1 : null, line.Forecast, measured,
                measured is { } m && line.Forecast.Value != 0 ? (m / line.Forecast.Value) - 1 : null,
                measured is { } inside && line.Forecast.Covers(inside)));
        }

        var media = lines.Sum(l => l.Measured ?? 0);
        var fitted = refit.Periods.Select((p, i) => p.Fitted * weights[i]).Sum();
        var review = new MixPlanReview(
            now, actor, input.DataThrough, lines, plan.Forecast, media, plan.Forecast.Value != 0 ? (media / plan.Forecast.Value) - 1 : null,
            plan.Forecast.Covers(media), input.ActualOutcome, fitted, refit.Quality.R2, refit.Quality.Mape);
        return Outcome<MixPlan>.Ok(plan with { Status = MixPlanStatus.Reviewed, Review = review });
    }

    /// <summary>Refused unless the plan is a draft: only drafts are removed.</summary>
    public static Outcome<MixPlan>? RemoveRefusal(MixPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Status(plan, MixPlanStatus.Draft);
    }

    /// <summary>
    /// Funds <paramref name="campaign"/> from an approved (or in effect) plan: for each of <paramref name="channels"/>
    /// (all of the plan's when empty) with planned spend, one channel budget line of <paramref name="share"/> × the plan's
    /// amount, rounded to cents, noted <see cref="LineNote"/>. The campaign's own lines stay (the plan's money adds to
    /// them); a line this plan put there before is replaced, so doing it again changes nothing. Refused for a draft or
    /// reviewed plan, invalid for a share outside (0, 1] or a channel the plan lacks. The campaign's own rules apply when
    /// it is saved.
    /// </summary>
    public static Outcome<(MixPlan Plan, Campaign Campaign)> ToCampaign(MixPlan plan, Campaign campaign, IReadOnlyList<string> channels, double share)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(channels);
        if (plan.Status is not (MixPlanStatus.Approved or MixPlanStatus.InEffect))
        {
            return Outcome<(MixPlan, Campaign)>.Refused(MixPlanCodes.WrongStatus, MessageArgs.Of(
                ("plan", plan.Id), ("status", EnumWords.Word(plan.Status)), ("expected", EnumWords.Word(MixPlanStatus.Approved) + ", " + EnumWords.Word(MixPlanStatus.InEffect))));
        }

        var problems = new List<Problem>();
        if (!(share is > 0 and <= 1))
        {
            problems.Add(Problem.Of("share", MixPlanCodes.BadShare, ("value", share)));
        }

        foreach (var c in channels.Where(c => plan.Lines.All(l => l.Channel != c)))
        {
            problems.Add(Problem.Of("channels", MixPlanCodes.UnknownChannel, ("channel", c)));
        }

        if (problems.Count > 0)
        {
            return Outcome<(MixPlan, Campaign)>.Invalid(problems);
        }

        var chosen = plan.Lines.Where(l => l.Planned > 0 && (channels.Count == 0 || channels.Contains(l.Channel))).ToList();
        var keys = chosen.Select(l => BudgetLine.KeyOf(BudgetItemKind.Channel, l.Channel)).ToHashSet(StringComparer.Ordinal);
        var note = LineNote(plan);
        var budget = campaign.Budget.Where(b => !(keys.Contains(b.Key) && b.Note == note))
            .Concat(chosen.Select(l => new BudgetLine(BudgetItemKind.Channel, l.Channel, Math.Round((decimal)(l.Planned * share), 2), note)))
            .ToList();
        var campaigns = plan.Campaigns.Contains(campaign.Id) ? plan.Campaigns : [.. plan.Campaigns, campaign.Id];
        return Outcome<(MixPlan, Campaign)>.Ok((plan with { Campaigns = campaigns }, campaign with { Budget = budget }));
    }

    /// <summary>The note of a campaign budget line funded by <paramref name="plan"/>: "from plan ID (FROM to TO)".</summary>
    public static string LineNote(MixPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return FormattableString.Invariant($"from plan {plan.Id} ({plan.From:yyyy-MM-dd} to {plan.To:yyyy-MM-dd})");
    }

    /// <summary>The accuracy of past forecasts over <paramref name="plans"/> (only reviewed ones count).</summary>
    public static MixPlanAccuracy Accuracy(IEnumerable<MixPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var reviews = plans.Where(p => p.Review is not null).ToList();
        var lines = reviews.SelectMany(p => p.Review!.Channels).Where(l => l.Measured is not null).ToList();
        var inside = lines.Count(l => l.Inside);
        var media = reviews.Where(p => p.Review!.MediaError is not null).Select(p => Math.Abs(p.Review!.MediaError!.Value)).ToArray();
        var spend = reviews.Where(p => p.Planned > 0).Select(p => Math.Abs((p.Review!.Channels.Sum(l => l.ActualSpend) / p.Planned) - 1)).ToArray();
        return new MixPlanAccuracy(reviews.Count, lines.Count, inside, lines.Count > 0 ? (double)inside / lines.Count : null, Median(media), Median(spend));
    }

    private static double? Median(double[] values)
    {
        if (values.Length == 0)
        {
            return null;
        }

        Array.Sort(values);
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static int Overlap(DateOnly start, int days, DateRange period)
    {
        var first = start > period.Start ? start : period.Start;
        var endOfStep = start.AddDays(days - 1);
        var last = endOfStep < period.End ? endOfStep : period.End;
        return last < first ? 0 : last.DayNumber - first.DayNumber + 1;
    }

    private static string? HeadName(string? head)
    {
        if (string.IsNullOrWhiteSpace(head))
        {
            return null;
        }

        var comma = head.IndexOf(',', StringComparison.Ordinal);
        return (comma < 0 ? head : head[..comma]).Trim();
    }

    private static Outcome<MixPlan>? Status(MixPlan plan, MixPlanStatus expected) =>
        plan.Status == expected
            ? null
            : Outcome<MixPlan>.Refused(MixPlanCodes.WrongStatus, MessageArgs.Of(("plan", plan.Id), ("status", EnumWords.Word(plan.Status)), ("expected", EnumWords.Word(expected))));
}

/// <summary>Budget plans' collection in the document store, keyed by id.</summary>
public static class MixDocuments
{
    /// <summary>The plans.</summary>
    public static DocumentKind<MixPlan> Plans { get; } = new("mix_plans", p => p.Id);
}
