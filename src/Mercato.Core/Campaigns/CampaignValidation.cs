using Mercato.Core.DataCenter;
using Mercato.Core.Organization;
using static Mercato.Core.Common.TextRules;

namespace Mercato.Core.Campaigns;

/// <summary>
/// The rules a campaign must satisfy before it is stored or imported. Every problem names its path with the JSON field
/// names (<c>budget[2].planned</c>); problems come in field order.
/// </summary>
public static class CampaignValidation
{
    /// <summary>Ids of campaigns, people and squads: at most 64 characters.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Channel names: at most 100 characters (the data contracts' limit).</summary>
    public const int MaxChannelLength = 100;

    /// <summary>A content kit message: at most 2000 characters (line breaks allowed).</summary>
    public const int MaxKitMessageLength = 2000;

    /// <summary>
    /// Every problem of <paramref name="campaign"/>: id (slug), name, type, unit (a unit of <paramref name="structure"/>
    /// when given), end not before start, objectives (known KPI, target finite and not negative, each KPI once), budget
    /// (channel name or cost category word, planned amount not negative with at most 4 decimals, each line once), milestones
    /// (named, each name once), codes (non-empty trimmed text, each once ignoring case), brand steps (1–9, each once),
    /// content kit (messages, http(s) links, approval with both who and when), stage, budget approval, and a transition log
    /// that chains from planning to the current stage in time order. Empty when valid.
    /// </summary>
    public static IReadOnlyList<Problem> Validate(Campaign campaign, OrgStructure? structure = null)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (Nulls(campaign) is { Count: > 0 } nulls)
        {
            return nulls; // the other rules read the items
        }

        var problems = new List<Problem>();
        var c = campaign;
        CheckId(c.Id, "id", problems);
        CheckRequiredText(c.Name, "name", problems);
        if (!EnumWords.IsDefined(c.Type))
        {
            problems.Add(UnknownChoice<CampaignType>("type"));
        }

        if (string.IsNullOrWhiteSpace(c.Unit))
        {
            problems.Add(new("unit", CommonCodes.Required));
        }
        else if (structure is not null && structure.FindUnit(c.Unit) is null)
        {
            problems.Add(Problem.Of("unit", OrgCodes.UnknownUnit, ("unit", c.Unit)));
        }

        foreach (var (path, day) in new[] { ("start", c.Start), ("end", c.End) }.Where(d => !DateRange.IsSupported(d.Item2)))
        {
            problems.Add(DayUnsupported(path, day));
        }

        if (c.End < c.Start)
        {
            problems.Add(EndBeforeStart("end", c.Start, c.End));
        }

        CheckObjectives(c.Objectives, structure, problems);
        CheckBudget(c.Budget, problems);
        CheckMilestones(c.Milestones, problems);
        CheckCodes(c.Codes, problems);
        CheckSteps(c.BrandSteps, problems);
        CheckKit(c.Kit, problems);
        if (!EnumWords.IsDefined(c.Stage))
        {
            problems.Add(UnknownChoice<CampaignStage>("stage"));
        }

        if (c.BudgetApproval is { } approval)
        {
            if (string.IsNullOrWhiteSpace(approval.By))
            {
                problems.Add(new("budgetApproval.by", CommonCodes.Required));
            }

            if (approval.Amount < 0)
            {
                problems.Add(new("budgetApproval.amount", CommonCodes.Negative));
            }
        }

        CheckTransitions(c, problems);
        return problems;
    }

    /// <summary>
    /// The null items a campaign read from JSON can carry (<c>"objectives": [null]</c>), each a problem at its path
    /// (<c>objectives[0]: null is not allowed here</c>); empty when there are none. <see cref="Validate"/> checks these first.
    /// </summary>
    public static IReadOnlyList<Problem> Nulls(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return
        [
            .. NullItems("objectives", campaign.Objectives), .. NullItems("budget", campaign.Budget),
            .. NullItems("milestones", campaign.Milestones), .. NullItems("codes", campaign.Codes),
            .. NullItems("kit.messages", campaign.Kit.Messages), .. NullItems("kit.links", campaign.Kit.Links),
            .. NullItems("transitions", campaign.Transitions),
        ];
    }

    /// <summary>A problem per null item of <paramref name="list"/>: <c>path[i]: null is not allowed here</c>.</summary>
    public static IEnumerable<Problem> NullItems<T>(string path, IReadOnlyList<T> list) =>
        list.Select((item, i) => (item, i)).Where(x => x.item is null).Select(x => new Problem(Problem.At(path, x.i), CommonCodes.NullItem));

    /// <summary>
    /// Problems across campaigns: an id used twice, and a campaign code (compared ignoring case) claimed by two campaigns,
    /// which would join the same facts to both. Paths are <c>campaigns[i].id</c> and <c>campaigns[i].codes[j]</c> of the later one.
    /// </summary>
    public static IReadOnlyList<Problem> CheckAll(IReadOnlyList<Campaign> campaigns)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        var problems = new List<Problem>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var codes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < campaigns.Count; i++)
        {
            var c = campaigns[i];
            var path = Problem.At("campaigns", i);
            if (!ids.TryAdd(c.Id, i))
            {
                problems.Add(Problem.Of(path + ".id", CommonCodes.Duplicate, ("value", c.Id)));
            }

            for (var j = 0; j < c.Codes.Count; j++)
            {
                var code = c.Codes[j];
                if (codes.TryGetValue(code, out var owner))
                {
                    if (!string.Equals(owner, c.Id, StringComparison.Ordinal))
                    {
                        problems.Add(Problem.Of(Problem.At(path + ".codes", j), CampaignCodes.CampaignCodeTaken, ("code", code), ("campaign", owner)));
                    }
                }
                else
                {
                    codes.Add(code, c.Id);
                }
            }
        }

        return problems;
    }

    internal static bool IsSlug(string? id) => OrgValidation.IsUnitId(id);

    internal static void CheckId(string? id, string path, List<Problem> problems)
    {
        if (string.IsNullOrEmpty(id))
        {
            problems.Add(new(path, CommonCodes.Required));
        }
        else if (!IsSlug(id))
        {
            problems.Add(NotSlug(path, id));
        }
    }

    /// <summary><see cref="CommonCodes.NotSlug"/> for <paramref name="id"/>, with the limit.</summary>
    internal static Problem NotSlug(string path, string? id) => Problem.Of(path, CommonCodes.NotSlug, ("value", id), ("max", MaxIdLength));

    /// <summary><see cref="CommonCodes.UnknownChoice"/> with the words of <typeparamref name="T"/> as <c>expected</c>.</summary>
    internal static Problem UnknownChoice<T>(string path)
        where T : struct, Enum => Problem.Of(path, CommonCodes.UnknownChoice, ("expected", EnumWords.All<T>()));

    /// <summary><see cref="CommonCodes.EndBeforeStart"/>.</summary>
    internal static Problem EndBeforeStart(string path, DateOnly start, DateOnly end) =>
        Problem.Of(path, CommonCodes.EndBeforeStart, ("start", start), ("end", end));

    /// <summary><see cref="CommonCodes.DayUnsupported"/> with the supported range.</summary>
    internal static Problem DayUnsupported(string path, DateOnly day) =>
        Problem.Of(path, CommonCodes.DayUnsupported, ("day", day), ("min", DateRange.MinDay), ("max", DateRange.MaxDay));

    private static void CheckObjectives(IReadOnlyList<Objective> objectives, OrgStructure? structure, List<Problem> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < objectives.Count; i++)
        {
            var o = objectives[i];
            var path = Problem.At("objectives", i);
            if (string.IsNullOrEmpty(o.Kpi))
            {
                problems.Add(new(path + ".kpi", CommonCodes.Required));
            }
            else if (CampaignMetrics.Describe(o.Kpi) is null
                && (structure is null || !structure.Kpis.Any(k => string.Equals(k.Kpi, o.Kpi, StringComparison.Ordinal))))
            {
                problems.Add(Problem.Of(path + ".kpi", CampaignCodes.UnknownKpi, ("kpi", o.Kpi)));
            }
            else if (!seen.Add(o.Kpi))
            {
                problems.Add(Problem.Of(path + ".kpi", CommonCodes.Duplicate, ("value", o.Kpi)));
            }

            if (!double.IsFinite(o.Target))
            {
                problems.Add(new(path + ".target", CommonCodes.NotFinite));
            }
            else if (o.Target < 0)
            {
                problems.Add(new(path + ".target", CommonCodes.Negative));
            }

            if (o.Note is not null)
            {
                CheckText(o.Note, path + ".note", MaxTextLength, problems);
            }
        }
    }

    private static void CheckBudget(IReadOnlyList<BudgetLine> lines, List<Problem> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            var path = Problem.At("budget", i);
            var kindOk = EnumWords.IsDefined(l.Kind);
            if (!kindOk)
            {
                problems.Add(UnknownChoice<BudgetItemKind>(path + ".kind"));
            }

            if (string.IsNullOrWhiteSpace(l.Item))
            {
                problems.Add(new(path + ".item", CommonCodes.Required));
            }
            else if (l.Kind == BudgetItemKind.Cost && !IsCostCategory(l.Item))
            {
                problems.Add(Problem.Of(path + ".item", CommonCodes.NotOneOf, ("value", l.Item), ("expected", CostCategoryWords)));
            }
            else
            {
                CheckText(l.Item, path + ".item", MaxChannelLength, problems);
                if (kindOk && !seen.Add(l.Key))
                {
                    problems.Add(Problem.Of(path + ".item", CommonCodes.Duplicate, ("value", l.Key)));
                }
            }

            if (l.Planned < 0)
            {
                problems.Add(new(path + ".planned", CommonCodes.Negative));
            }
            else if (l.Planned > MaxAmount || decimal.Round(l.Planned, 4) != l.Planned)
            {
                problems.Add(new(path + ".planned", CommonCodes.AmountOutOfRange));
            }

            if (l.Note is not null)
            {
                CheckText(l.Note, path + ".note", MaxTextLength, problems);
            }
        }
    }

    /// <summary>The cost category words of the costs contract, in contract order.</summary>
    internal static IReadOnlyList<string> CostCategoryWords { get; } = [.. Enum.GetValues<CostCategory>().Select(c => c.Word())];

    private static bool IsCostCategory(string item) => CostCategoryWords.Contains(item.Trim(), StringComparer.OrdinalIgnoreCase);

    private static void CheckMilestones(IReadOnlyList<Milestone> milestones, List<Problem> problems)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < milestones.Count; i++)
        {
            var path = Problem.At("milestones", i) + ".name";
            var name = milestones[i].Name;
            CheckRequiredText(name, path, problems);
            if (!string.IsNullOrWhiteSpace(name) && !seen.Add(name))
            {
                problems.Add(Problem.Of(path, CommonCodes.DuplicateIgnoringCase, ("value", name)));
            }
        }
    }

    private static void CheckCodes(IReadOnlyList<string> codes, List<Problem> problems)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < codes.Count; i++)
        {
            var path = Problem.At("codes", i);
            var code = codes[i];
            if (string.IsNullOrWhiteSpace(code))
            {
                problems.Add(new(path, CommonCodes.Required));
                continue;
            }

            CheckText(code, path, MaxTextLength, problems);
            if (!seen.Add(code))
            {
                problems.Add(Problem.Of(path, CommonCodes.DuplicateIgnoringCase, ("value", code)));
            }
        }
    }

    private static void CheckSteps(IReadOnlyList<int> steps, List<Problem> problems)
    {
        var seen = new HashSet<int>();
        for (var i = 0; i < steps.Count; i++)
        {
            var path = Problem.At("brandSteps", i);
            if (steps[i] is < 1 or > BrandCycle.StepCount)
            {
                problems.Add(Problem.Of(path, CampaignCodes.BrandStepOutOfRange, ("step", steps[i]), ("max", BrandCycle.StepCount)));
            }
            else if (!seen.Add(steps[i]))
            {
                problems.Add(Problem.Of(path, CommonCodes.Duplicate, ("value", steps[i])));
            }
        }
    }

    private static void CheckKit(ContentKit kit, List<Problem> problems)
    {
        for (var i = 0; i < kit.Messages.Count; i++)
        {
            var path = Problem.At("kit.messages", i);
            if (string.IsNullOrWhiteSpace(kit.Messages[i]))
            {
                problems.Add(new(path, CommonCodes.Required));
            }
            else if (kit.Messages[i].Length > MaxKitMessageLength)
            {
                problems.Add(Problem.Of(path, CommonCodes.TextTooLong, ("max", MaxKitMessageLength)));
            }
            else if (kit.Messages[i].Any(ch => char.IsControl(ch) && ch != '\n'))
            {
                problems.Add(new(path, CampaignCodes.KitMessageControlCharacters));
            }
        }

        for (var i = 0; i < kit.Links.Count; i++)
        {
            var path = Problem.At("kit.links", i);
            var link = kit.Links[i];
            CheckRequiredText(link.Label, path + ".label", problems);
            if (!IsHttpUrl(link.Url))
            {
                problems.Add(new(path + ".url", CommonCodes.NotHttpUrl));
            }
        }

        if ((kit.ApprovedBy is null) != (kit.ApprovedAt is null) || (kit.ApprovedBy is not null && kit.ApprovedBy.Trim().Length == 0))
        {
            problems.Add(new("kit.approvedBy", CampaignCodes.KitApprovalIncomplete));
        }
    }

    internal static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static void CheckTransitions(Campaign c, List<Problem> problems)
    {
        var expected = CampaignStage.Planning;
        DateTimeOffset? last = null;
        for (var i = 0; i < c.Transitions.Count; i++)
        {
            var t = c.Transitions[i];
            var path = Problem.At("transitions", i);
            if (t.From != expected)
            {
                problems.Add(Problem.Of(path + ".from", CampaignCodes.TransitionFromMismatch, ("expected", EnumWords.Word(expected))));
            }

            if (t.From == CampaignStage.Cancelled)
            {
                problems.Add(new(path + ".from", CampaignCodes.TransitionAfterCancellation));
            }
            else if (t.To == CampaignStage.Cancelled)
            {
                if (!CampaignLifecycle.CanCancel(t.From))
                {
                    problems.Add(new(path + ".to", CampaignCodes.TransitionCancelStage));
                }

                if (string.IsNullOrWhiteSpace(t.Note))
                {
                    problems.Add(Problem.Of(path + ".note", LifecycleCodes.CancellationReasonRequired, ("campaign", c.Id)));
                }
            }
            else if (EnumWords.IsDefined(t.From) && EnumWords.IsDefined(t.To) && Math.Abs((int)t.To - (int)t.From) != 1)
            {
                problems.Add(new(path + ".to", CampaignCodes.TransitionNotAdjacent));
            }

            if (string.IsNullOrWhiteSpace(t.By))
            {
                problems.Add(new(path + ".by", CommonCodes.Required));
            }

            if (last is { } before && t.At < before)
            {
                problems.Add(new(path + ".at", CampaignCodes.TransitionsOutOfOrder));
            }

            last = t.At;
            expected = t.To;
        }

        if (EnumWords.IsDefined(c.Stage) && c.Stage != expected)
        {
            problems.Add(Problem.Of("stage", CampaignCodes.StageMismatch, ("stage", EnumWords.Word(c.Stage)), ("last", EnumWords.Word(expected))));
        }
    }
}
