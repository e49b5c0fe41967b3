using static Mercato.Core.Common.TextRules;
using System.Globalization;
using Mercato.Core.DataCenter;
using Mercato.Core.Organization;

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

    /// <summary>The message for an id that is not a slug.</summary>
    internal const string SlugRule = "must be a slug: lower-case letters, digits, '_' and '-', starting with a letter or digit, at most 64 characters";

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
        CheckRequiredText(c.Name, "name", "a campaign needs a name", problems);
        if (!EnumWords.IsDefined(c.Type))
        {
            problems.Add(new("type", "unknown campaign type; expected " + EnumWords.OneOf<CampaignType>()));
        }

        if (string.IsNullOrWhiteSpace(c.Unit))
        {
            problems.Add(new("unit", "a campaign needs an owning unit"));
        }
        else if (structure is not null && structure.FindUnit(c.Unit) is null)
        {
            problems.Add(new("unit", "unknown unit " + Quote(c.Unit)));
        }

        foreach (var (path, day) in new[] { ("start", c.Start), ("end", c.End) }.Where(d => !DateRange.IsSupported(d.Item2)))
        {
            problems.Add(new(path, Day(day) + " is outside the supported days " + Day(DateRange.MinDay) + ".." + Day(DateRange.MaxDay)));
        }

        if (c.End < c.Start)
        {
            problems.Add(new("end", "the end " + Day(c.End) + " is before the start " + Day(c.Start)));
        }

        CheckObjectives(c.Objectives, structure, problems);
        CheckBudget(c.Budget, problems);
        CheckMilestones(c.Milestones, problems);
        CheckCodes(c.Codes, problems);
        CheckSteps(c.BrandSteps, problems);
        CheckKit(c.Kit, problems);
        if (!EnumWords.IsDefined(c.Stage))
        {
            problems.Add(new("stage", "unknown stage; expected " + EnumWords.OneOf<CampaignStage>()));
        }

        if (c.BudgetApproval is { } approval)
        {
            if (string.IsNullOrWhiteSpace(approval.By))
            {
                problems.Add(new("budgetApproval.by", "an approval needs who approved"));
            }

            if (approval.Amount < 0)
            {
                problems.Add(new("budgetApproval.amount", "the approved amount must not be negative"));
            }
        }

        CheckTransitions(c, problems);
        return problems;
    }

    /// <summary>
    /// Problems across campaigns: an id used twice, and a campaign code (compared ignoring case) claimed by two campaigns,
    /// which would join the same facts to both. Paths are <c>campaigns[i].id</c> and <c>campaigns[i].codes[j]</c> of the later one.
    /// </summary>
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
        list.Select((item, i) => (item, i)).Where(x => x.item is null).Select(x => new Problem(Problem.At(path, x.i), "null is not allowed here"));

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
                problems.Add(new(path + ".id", "campaign id " + Quote(c.Id) + " is used twice"));
            }

            for (var j = 0; j < c.Codes.Count; j++)
            {
                var code = c.Codes[j];
                if (codes.TryGetValue(code, out var owner))
                {
                    if (!string.Equals(owner, c.Id, StringComparison.Ordinal))
                    {
                        problems.Add(new(Problem.At(path + ".codes", j), "code " + Quote(code) + " already belongs to campaign " + Quote(owner)));
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
            problems.Add(new(path, "an id is required"));
        }
        else if (!IsSlug(id))
        {
            problems.Add(new(path, Quote(id) + " " + SlugRule));
        }
    }

    internal static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string Money(decimal amount) => amount.ToString("0.####", CultureInfo.InvariantCulture);

    private static void CheckObjectives(IReadOnlyList<Objective> objectives, OrgStructure? structure, List<Problem> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < objectives.Count; i++)
        {
            var o = objectives[i];
            var path = Problem.At("objectives", i);
            if (string.IsNullOrEmpty(o.Kpi))
            {
                problems.Add(new(path + ".kpi", "a KPI id is required"));
            }
            else if (CampaignMetrics.Describe(o.Kpi) is null
                && (structure is null || !structure.Kpis.Any(k => string.Equals(k.Kpi, o.Kpi, StringComparison.Ordinal))))
            {
                problems.Add(new(path + ".kpi", "unknown KPI " + Quote(o.Kpi)));
            }
            else if (!seen.Add(o.Kpi))
            {
                problems.Add(new(path + ".kpi", "KPI " + Quote(o.Kpi) + " has two objectives"));
            }

            if (!double.IsFinite(o.Target) || o.Target < 0)
            {
                problems.Add(new(path + ".target", "the target must be a finite number, not negative"));
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
                problems.Add(new(path + ".kind", "unknown budget line kind; expected " + EnumWords.OneOf<BudgetItemKind>()));
            }

            if (string.IsNullOrWhiteSpace(l.Item))
            {
                problems.Add(new(path + ".item", l.Kind == BudgetItemKind.Cost ? "a cost line needs a cost category" : "a channel line needs a channel"));
            }
            else if (l.Kind == BudgetItemKind.Cost && !IsCostCategory(l.Item))
            {
                problems.Add(new(path + ".item", "unknown cost category " + Quote(l.Item) + "; expected one of " + string.Join(", ", CostCategoryWords)));
            }
            else
            {
                CheckText(l.Item, path + ".item", MaxChannelLength, problems);
                if (kindOk && !seen.Add(l.Key))
                {
                    problems.Add(new(path + ".item", "budget line " + Quote(l.Key) + " is given twice"));
                }
            }

            if (l.Planned < 0)
            {
                problems.Add(new(path + ".planned", "the planned amount must not be negative"));
            }
            else if (l.Planned > MaxAmount || decimal.Round(l.Planned, 4) != l.Planned)
            {
                problems.Add(new(path + ".planned", "the planned amount must be at most 10^14 with at most 4 decimals"));
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
            CheckRequiredText(name, path, "a milestone needs a name", problems);
            if (!string.IsNullOrWhiteSpace(name) && !seen.Add(name))
            {
                problems.Add(new(path, "milestone " + Quote(name) + " is given twice"));
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
                problems.Add(new(path, "a campaign code must not be empty"));
                continue;
            }

            CheckText(code, path, MaxTextLength, problems);
            if (!seen.Add(code))
            {
                problems.Add(new(path, "code " + Quote(code) + " is given twice (codes are compared ignoring case)"));
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
                problems.Add(new(path, string.Create(CultureInfo.InvariantCulture, $"brand cycle step {steps[i]} is outside 1-9")));
            }
            else if (!seen.Add(steps[i]))
            {
                problems.Add(new(path, string.Create(CultureInfo.InvariantCulture, $"brand cycle step {steps[i]} is given twice")));
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
                problems.Add(new(path, "a message must not be empty"));
            }
            else if (kit.Messages[i].Length > 2000 || kit.Messages[i].Any(ch => char.IsControl(ch) && ch != '\n'))
            {
                problems.Add(new(path, "a message has at most 2000 characters and no control characters but line breaks"));
            }
        }

        for (var i = 0; i < kit.Links.Count; i++)
        {
            var path = Problem.At("kit.links", i);
            var link = kit.Links[i];
            CheckRequiredText(link.Label, path + ".label", "a link needs a label", problems);
            if (!IsHttpUrl(link.Url))
            {
                problems.Add(new(path + ".url", "must be an absolute http or https URL"));
            }
        }

        if ((kit.ApprovedBy is null) != (kit.ApprovedAt is null) || (kit.ApprovedBy is not null && kit.ApprovedBy.Trim().Length == 0))
        {
            problems.Add(new("kit.approvedBy", "an approved kit needs both who approved it and when"));
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
                problems.Add(new(path + ".from", "expected " + EnumWords.Word(expected) + ", the stage the previous transition left the campaign in"));
            }

            if (t.From == CampaignStage.Cancelled)
            {
                problems.Add(new(path + ".from", "a cancelled campaign does not move: nothing follows its cancellation"));
            }
            else if (t.To == CampaignStage.Cancelled)
            {
                if (!CampaignLifecycle.CanCancel(t.From))
                {
                    problems.Add(new(path + ".to", "a campaign is cancelled only from planning, resources_confirmed or promotion"));
                }

                if (string.IsNullOrWhiteSpace(t.Note))
                {
                    problems.Add(new(path + ".note", "a cancellation needs a note giving the reason"));
                }
            }
            else if (EnumWords.IsDefined(t.From) && EnumWords.IsDefined(t.To) && Math.Abs((int)t.To - (int)t.From) != 1)
            {
                problems.Add(new(path + ".to", "a transition moves one stage forward or back"));
            }

            if (string.IsNullOrWhiteSpace(t.By))
            {
                problems.Add(new(path + ".by", "a transition needs who made it"));
            }

            if (last is { } before && t.At < before)
            {
                problems.Add(new(path + ".at", "transitions must be in time order"));
            }

            last = t.At;
            expected = t.To;
        }

        if (EnumWords.IsDefined(c.Stage) && c.Stage != expected)
        {
            problems.Add(new("stage", "the stage is " + EnumWords.Word(c.Stage) + " but the transitions end in " + EnumWords.Word(expected)));
        }
    }
}
