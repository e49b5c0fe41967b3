using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using Mercato.Core.Alerts;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Core.Kpis;
using Mercato.Core.Measurement.Cohorts;
using Mercato.Core.Measurement.Roi;
using Mercato.Core.Organization;
using Mercato.Features.Campaigns;
using Mercato.Features.Imports;
using Mercato.Storage.Import;

namespace Mercato.Tests;

/// <summary>
/// The message catalogue (Shared/Messages.resx) against the codes: every code of every <c>*Codes</c> class of Core, the
/// storage and the host has words, every entry is a code, and the codes the rules produce fill every placeholder.
/// </summary>
public partial class MessageCatalogueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly Assembly[] Assemblies = [typeof(CommonCodes).Assembly, typeof(StorageCodes).Assembly, typeof(Messages).Assembly];

    /// <summary>Every <c>public const string</c> of every static class whose name ends in <c>Codes</c>.</summary>
    private static List<(Type Class, string Field, string Code)> AllCodes() =>
    [
        .. Assemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: true, IsSealed: true } && t.Name.EndsWith("Codes", StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => (t, f.Name, (string)f.GetRawConstantValue()!))),
    ];

    /// <summary>The neutral (English) catalogue: key → sentence.</summary>
    private static Dictionary<string, string> Catalogue()
    {
        var manager = new ResourceManager("Mercato.Shared.Messages", typeof(Messages).Assembly);
        var set = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();

    /// <summary>A placeholder left in a rendered text: <c>{name}</c> or <c>{name:format}</c>.</summary>
    [GeneratedRegex(@"\{[a-z_][a-z0-9_.]*[:}]")]
    private static partial Regex Placeholder();

    [Fact]
    public void EveryCode_OfCoreStorageAndTheHost_HasWordsInTheCatalogue()
    {
        var codes = AllCodes();
        var catalogue = Catalogue();

        Assert.Contains(codes, c => c.Class == typeof(LifecycleCodes));
        Assert.Contains(codes, c => c.Class == typeof(StorageCodes));
        Assert.Contains(codes, c => c.Class == typeof(ApiCodes));
        Assert.All(codes, c => Assert.True(catalogue.TryGetValue(c.Code, out var text) && !string.IsNullOrWhiteSpace(text), $"{c.Class.Name}.{c.Field} = {c.Code} has no words"));
    }

    [Fact]
    public void EveryCatalogueEntry_IsACode_NoOrphans()
    {
        var codes = AllCodes().Select(c => c.Code).ToHashSet(StringComparer.Ordinal);

        Assert.All(Catalogue().Keys, key => Assert.True(codes.Contains(key), key + " is in the catalogue but no *Codes class defines it"));
    }

    [Fact]
    public void Codes_AreSnakeCase_AndEachValueHasOneConstant()
    {
        var codes = AllCodes();

        Assert.All(codes, c => Assert.Matches(SnakeCase(), c.Code));
        Assert.All(codes.GroupBy(c => c.Code), g => Assert.True(g.Count() == 1, g.Key + " is defined by " + string.Join(", ", g.Select(c => c.Class.Name + "." + c.Field))));
    }

    [Fact]
    public void ApiCodes_KeepTheirValues()
    {
        // 409 bodies carry these: clients depend on them.
        Assert.Equal(
            ["person_in_squad", "squad_lead_required", "campaign_has_history", "squad_detach_refused", "stage_changes_through_lifecycle",
             "budget_approval_through_lifecycle", "kit_approval_through_lifecycle", "moved_meanwhile", "no_squad", "empty_kit", "not_ended"],
            [CampaignCodes.PersonInSquad, CampaignCodes.SquadLeadRequired, CampaignCodes.CampaignHasHistory, CampaignCodes.SquadDetachRefused,
             CampaignCodes.StageChangesThroughLifecycle, CampaignCodes.BudgetApprovalThroughLifecycle, CampaignCodes.KitApprovalThroughLifecycle,
             CommonCodes.MovedMeanwhile, LifecycleCodes.NoSquad, LifecycleCodes.EmptyKit, LifecycleCodes.NotEnded]);
    }

    [Fact]
    public void AnUnknownCode_RendersAsTheCode_AndAMissingArgumentStaysVisible()
    {
        Assert.Equal("no_such_code", Messages.Text("no_such_code", MessageArgs.Of(("x", 1))));
        Assert.Equal("unknown unit \"{unit}\"", Messages.Text(OrgCodes.UnknownUnit));
        Assert.Equal("", Messages.Text(Outcome.Ok()));
        Assert.Equal(Messages.Text(CampaignCodes.CampaignNotFound, MessageArgs.Of(("id", "x"))), Messages.Text(Outcome.NotFound(CampaignCodes.CampaignNotFound, MessageArgs.Of(("id", "x")))));
    }

    [Fact]
    public void Rendering_FormatsWithTheCulture_DaysStayIso()
    {
        var args = MessageArgs.Of(("campaign", "c"), ("line", "channel:x"), ("actual", 7000.5m), ("planned", 6000m), ("overrun", 1000.5m), ("share", 1000.5 / 6000));

        Assert.Equal("campaign \"c\": channel:x spent 7000.5 of 6000 planned, 1000.5 over (16.7%)",
            Messages.Text(CampaignCodes.BudgetLineOverrun, args, CultureInfo.InvariantCulture));
        Assert.Equal("campaign \"c\": channel:x spent 7000,5 of 6000 planned, 1000,5 over (16,7%)",
            Messages.Text(CampaignCodes.BudgetLineOverrun, args, CultureInfo.GetCultureInfo("de-DE")));
        // zh-CN has its own catalogue: its words, the culture's numbers.
        Assert.Equal("营销活动“c”：channel:x 计划 6000，实际花费 7000.5，超支 1000.5（16.7%）",
            Messages.Text(CampaignCodes.BudgetLineOverrun, args, CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("the end 2026-03-01 is before the start 2026-03-10",
            Messages.Text(CommonCodes.EndBeforeStart, MessageArgs.Of(("start", new DateOnly(2026, 3, 10)), ("end", new DateOnly(2026, 3, 1))), CultureInfo.GetCultureInfo("de-DE")));
    }

    [Fact]
    public void Rendering_ReadsAsTheProductDidBeforeCodes()
    {
        string T(ICodedMessage m) => Messages.Text(m, CultureInfo.InvariantCulture);
        var s = new OrgStructure("Co", [new("co", "Co", UnitKind.Company), new("a", "A", UnitKind.Department, "co"), new("b", "B", UnitKind.Department, "co"),
            new("c", "C", UnitKind.Department, "co"), new("idle", "Strategy office", UnitKind.Department, "co"), new("ops", "Operations", UnitKind.Department, "co")],
            ownerships: [new("c", "seo", RaciRole.Responsible), new("a", "seo", RaciRole.Responsible), new("b", "seo", RaciRole.Responsible),
                new("idle", "seo", RaciRole.Consulted), new("idle", "pr_strategy", RaciRole.Informed), new("ops", "user_operations", RaciRole.Responsible)],
            kpis: [new("dau", "user_operations", null)], needs: ["seo", "user_operations"]);
        var report = OrgAnalysis.Check(s);

        Assert.Equal("Three units are responsible for SEO: A, B and C. Pick one responsible; make the others consulted.", T(Assert.Single(report.Overlaps).Reason));
        Assert.Equal(
            "Strategy office is responsible or accountable for no function (it is only consulted or informed on PR strategy and SEO): give it work, merge it into another unit, or close it.",
            T(Assert.Single(report.IdleUnits).Reason));
        Assert.Equal("Nobody answers for dau (User operations). Operations is responsible for User operations: assign it there.", T(Assert.Single(report.UnownedKpis).Reason));
        Assert.Equal("Nobody answers for retention_d7 (User operations). Nobody is responsible for User operations either.",
            T(Message.Of(OrgCodes.KpiNobodyAnswers, ("kpi", "retention_d7"), ("function", "User operations"), ("responsible", Array.Empty<string>()))));
        Assert.Equal("SEO: in Test, New media and Online promotion are all responsible; in Test, online promotion is responsible.",
            T(Message.Of(OrgCodes.ComparisonSplit, ("function", "SEO"), ("a", "Test"), ("b", "Test"), ("in_a", new[] { "New media", "Online promotion" }), ("in_b", new[] { "online promotion" }))));
        Assert.Equal("campaign \"bp-launch\" runs until 2026-03-31: evaluation can start on 2026-04-01 (today is 2026-03-31)",
            T(LifecycleRefusal.Of(LifecycleCodes.NotEnded, ("campaign", "bp-launch"), ("end", new DateOnly(2026, 3, 31)), ("first", new DateOnly(2026, 4, 1)), ("today", new DateOnly(2026, 3, 31)))));
        Assert.Equal("the move is dated 2026-04-02T09:00:00+00:00, before the last transition of campaign \"bp-launch\" at 2026-04-02T10:00:00+00:00",
            T(LifecycleRefusal.Of(LifecycleCodes.TimeBeforeLastTransition, ("campaign", "bp-launch"), ("at", T0.AddDays(32)), ("last", T0.AddDays(32).AddHours(1)))));
        Assert.Equal(
            "ROI has been negative for 4 months in a row (latest -40%), the trend is not improving (-10 points a month) and payback is not in sight: cut the channel or rebuild it before spending more.",
            T(Guidance.Advise("a", Months(90, 80, 70, 60), null).Reason));
        Assert.Equal("ROI has been negative for 3 months in a row (latest -20%) but is improving (+10 points a month): keep delivering and judge month by month.",
            T(Guidance.Advise("a", Months(60, 70, 80), null).Reason));
        Assert.Equal("\"BP Launch\" must be a slug: lower-case letters, digits, '_' and '-', starting with a letter or digit, at most 64 characters",
            T(Problem.Of("id", CommonCodes.NotSlug, ("value", "BP Launch"), ("max", 64))));
        Assert.Equal("line 6, column 3: units[0].parnet: unknown field \"parnet\"; expected id, name, kind, parent, head or reportsTo",
            Messages.WithPath(Assert.Single(OrgSerializer.FromYaml("name: X\nunits:\n- id: co\n  name: Co\n  kind: company\n  parnet: x\n").Problems), CultureInfo.InvariantCulture));
        var launch = new Campaign("bp-launch", "BP launch", CampaignType.ProductLaunch, "brand", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));
        var promoted = launch with
        {
            Stage = CampaignStage.Promotion,
            Transitions = [new(CampaignStage.Planning, CampaignStage.ResourcesConfirmed, "a", T0), new(CampaignStage.ResourcesConfirmed, CampaignStage.Promotion, "a", T0)],
        };
        Assert.Equal("campaign \"bp-launch\" moves one stage at a time: from promotion the next stage is evaluation, not closed",
            T(CampaignLifecycle.TryMoveTo(promoted, CampaignStage.Closed, "cmo", T0, LifecycleFacts.None).Refusal!));
        Assert.Equal("campaign \"bp-launch\" can go back only one stage at a time: from promotion to resources_confirmed, not planning",
            T(CampaignLifecycle.TryMoveTo(promoted, CampaignStage.Planning, "cmo", T0, LifecycleFacts.None, "rethink").Refusal!));
        Assert.Equal("campaign \"bp-launch\" is in stage promotion now, not planning: it moved meanwhile (a second click?)",
            T(LifecycleRefusal.Of(CommonCodes.MovedMeanwhile, ("campaign", "bp-launch"), ("stage", "promotion"), ("from", "planning"))));
        Assert.Equal("person \"ann\" is a member of squad \"launch\": remove them from it first",
            T(Message.Of(CampaignCodes.PersonInSquad, ("id", "ann"), ("squads", new[] { "launch" }))));
        Assert.Equal("150 invalid rows: nothing was imported", T(Message.Of(StorageCodes.RowsInvalid, ("count", 150))));
        Assert.Equal("1 problem", T(Outcome.Invalid([new Problem("x", CommonCodes.Required)]) is var o ? new Message(o.Code!, o.Args) : null!));
        Assert.Equal("2 problems", Messages.Text(CommonCodes.Invalid, MessageArgs.Of(("count", 2)), CultureInfo.InvariantCulture));
        Assert.Equal("test.csv:3: column 'spend' value \"abc\": not a number (use '.' for decimals, no thousands separators)",
            Messages.WithPlace(new RowError("test.csv", 3, "spend", "abc", ImportCodes.NotANumber, MessageArgs.Empty), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task EveryPlaceholder_IsFilled_ForTheCodesTheRulesProduce()
    {
        var produced = Produced();
        produced.AddRange(await ImportedAsync());

        // The lifecycle's refusals and the campaign validation's problems are all among them.
        var lifecycle = typeof(LifecycleCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(lifecycle, produced.Select(m => m.Code).ToHashSet(StringComparer.Ordinal));
        Assert.True(produced.Count(m => m.Code.StartsWith("budget", StringComparison.Ordinal)) >= 4);
        Assert.True(produced.Select(m => m.Code).Distinct(StringComparer.Ordinal).Count() >= 150);
        Assert.All(produced, m =>
        {
            var text = Messages.Text(m, CultureInfo.InvariantCulture);
            Assert.False(Placeholder().IsMatch(text), m.Code + " " + m.Args + " renders as: " + text);
            Assert.NotEqual(m.Code, text);
        });
    }

    /// <summary>The Chinese catalogue (Messages.zh-CN.resx) alone, without falling back: key → sentence.</summary>
    private static Dictionary<string, string> ChineseCatalogue()
    {
        var manager = new ResourceManager("Mercato.Shared.Messages", typeof(Messages).Assembly);
        var set = manager.GetResourceSet(CultureInfo.GetCultureInfo("zh-CN"), createIfNotExists: true, tryParents: false)!;
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    [GeneratedRegex(@"[A-Za-z]")]
    private static partial Regex Latin();

    /// <summary>Every placeholder of a template, nested ones too: its name and its format (null for none).</summary>
    private static List<(string Name, string? Format)> Placeholders(string template)
    {
        var found = new List<(string, string?)>();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '{')
            {
                continue;
            }

            var depth = 0;
            var end = -1;
            for (var j = i; j < template.Length && end < 0; j++)
            {
                depth += template[j] == '{' ? 1 : template[j] == '}' ? -1 : 0;
                end = depth == 0 ? j : -1;
            }

            Assert.True(end > 0, "an unclosed brace in: " + template);
            var inner = template[(i + 1)..end];
            var colon = inner.IndexOf(':', StringComparison.Ordinal);
            found.Add(colon < 0 ? (inner, null) : (inner[..colon], inner[(colon + 1)..]));
            if (colon >= 0)
            {
                found.AddRange(Placeholders(inner[(colon + 1)..]));
            }

            i = end;
        }

        return found;
    }

    /// <summary>The forms of a format split at the top-level '|' (one form: a plain format).</summary>
    private static List<string> Forms(string format)
    {
        var forms = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < format.Length; i++)
        {
            depth += format[i] == '{' ? 1 : format[i] == '}' ? -1 : 0;
            if (format[i] == '|' && depth == 0)
            {
                forms.Add(format[start..i]);
                start = i + 1;
            }
        }

        forms.Add(format[start..]);
        return forms;
    }

    private static string? SelectKey(string form) =>
        form.IndexOf('=', StringComparison.Ordinal) is > 0 and var eq && SnakeCase().IsMatch(form[..eq]) || form.StartsWith("null=", StringComparison.Ordinal)
            || Regex.IsMatch(form, "^[0-9]+=") ? form[..form.IndexOf('=', StringComparison.Ordinal)] : null;

    [Fact]
    public void EveryCode_HasAChineseSentence_WithTheSamePlaceholders_AndForms()
    {
        var english = Catalogue();
        var chinese = ChineseCatalogue();

        Assert.All(chinese.Keys, key => Assert.True(english.ContainsKey(key), key + " is in Messages.zh-CN.resx but not in Messages.resx"));
        Assert.All(english, e =>
        {
            Assert.True(chinese.TryGetValue(e.Key, out var zh) && !string.IsNullOrWhiteSpace(zh), e.Key + " has no Chinese sentence");
            var en = Placeholders(e.Value);
            var cn = Placeholders(zh);
            Assert.True(en.Select(p => p.Name).ToHashSet(StringComparer.Ordinal).SetEquals(cn.Select(p => p.Name)),
                $"{e.Key}: placeholders {string.Join(", ", en.Select(p => p.Name).Distinct())} in English, {string.Join(", ", cn.Select(p => p.Name).Distinct())} in Chinese");
            foreach (var (name, format) in en.Where(p => p.Format is not null))
            {
                var forms = Forms(format!);
                var keys = forms.Select(SelectKey).ToList();
                if (forms.Count == 1)
                {
                    // A number or date format stays exactly as it is; a list's joiner (", ", "; ", " → ") may change.
                    if (format is "message" or "and" or "or" or "quoted" || format!.IndexOfAny(['0', '#', '%']) >= 0)
                    {
                        // Chinese may name glossary words by {x:term.KIND[.and]} or {x:word.KIND[.and]}: the same list joiner, words translated.
                        Assert.True(
                            cn.Contains((name, format)) || cn.Any(c => c.Name == name && c.Format is { } f && Regex.IsMatch(f, "^(term|word)\\.[a-z_]+" + (format is "and" or "or" ? "\\." + format : "") + "$")),
                            $"{e.Key}: {{{name}:{format}}} is not in the Chinese sentence");
                    }
                }
                else if (keys.All(k => k is not null))
                {
                    Assert.True(cn.Any(p => p.Name == name && p.Format is { } f && keys.ToHashSet(StringComparer.Ordinal).SetEquals(Forms(f).Select(SelectKey))),
                        $"{e.Key}: the Chinese sentence has no {{{name}:...}} choosing by {string.Join(", ", keys)}");
                }
                else
                {
                    Assert.True(cn.Any(p => p.Name == name && p.Format is { } f && Forms(f).Count == forms.Count && Forms(f).All(x => SelectKey(x) is null)),
                        $"{e.Key}: the Chinese sentence has no {{{name}:...}} with {forms.Count} forms");
                }
            }

            if (Latin().IsMatch(Regex.Replace(e.Value, @"\{[^{}]*(\{[^{}]*\}[^{}]*)*\}", "")))
            {
                Assert.True(Han().IsMatch(zh), $"{e.Key}: \"{zh}\" has no Chinese words");
            }
        });
    }

    [Fact]
    public async Task EveryPlaceholder_IsFilled_InChinese_ForTheCodesTheRulesProduce()
    {
        var produced = Produced();
        produced.AddRange(await ImportedAsync());
        var zhCn = CultureInfo.GetCultureInfo("zh-CN");

        Assert.All(produced, m =>
        {
            var text = Messages.Text(m, zhCn);
            Assert.False(Placeholder().IsMatch(text), m.Code + " " + m.Args + " renders as: " + text);
            Assert.NotEqual(m.Code, text);
            Assert.NotEqual(Messages.Text(m, CultureInfo.InvariantCulture), text);
        });
        Assert.Equal("营销活动“bp-launch”每次只能前进一个阶段：“宣传推广”的下一阶段是“效果评估”，不是“已结束”",
            Messages.Text(Message.Of(LifecycleCodes.SkipsStages, ("campaign", "bp-launch"), ("from", "promotion"), ("allowed", "evaluation"), ("to", "closed")), zhCn));
        Assert.Equal("两个组织单元都负责SEO：A 和 B。请只保留一个负责单元，把另一个改为咨询。",
            Messages.Text(Message.Of(OrgCodes.Overlap, ("count", 2), ("function", "SEO"), ("units", new[] { "A", "B" }), ("others", 1)), zhCn));
        Assert.Equal("3 个问题", Messages.Text(CommonCodes.Invalid, MessageArgs.Of(("count", 3)), zhCn));
    }

    /// <summary>The alert center's refusals and problems as its rules produce them.</summary>
    private static IEnumerable<ICodedMessage> AlertMessages()
    {
        var candidate = new AlertCandidate(AlertKind.RiskTerm, "risk_term:召回", AlertSeverity.Severe, "召回", T0, new AlertEvidence("posts", 3, 0, 3, T0, null, T0, null, []), null);
        var alert = AlertRules.Merge([], candidate, "listening", "A-000001", null, "cmo", T0).Alert;
        var resolved = AlertRules.Resolve(alert, "cmo", T0, null).Value!;
        var refused = AlertRules.Acknowledge(resolved, "cmo", T0);
        yield return new Message(refused.Code!, refused.Args);
        foreach (var problem in AlertRules.Dismiss(alert, "cmo", T0, " ").Problems.Concat(AlertRules.Dismiss(alert, "cmo", T0, new string('x', 600)).Problems)
            .Concat(new AlertSettings(-1, "x", null, "smtp", 0, null, "nobody").Problems()).Append(AlertRules.CandidateProblem(candidate with { Key = "" }, "listening")!)
            .Append(Problem.Of("sources", AlertCodes.SourceFailed, ("source", "ads"), ("error", "down"))).Append(Problem.Of("id", AlertCodes.NotFound, ("id", "A-9"))))
        {
            yield return problem;
        }
    }

    /// <summary>Messages as the rules produce them: every lifecycle refusal, a campaign with every validation problem, and more.</summary>
    private static List<ICodedMessage> Produced()
    {
        var messages = new List<ICodedMessage>();
        var campaign = new Campaign("bp-launch", "BP launch", CampaignType.ProductLaunch, "brand", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31),
            budget: [new(BudgetItemKind.Channel, "douyin_ads", 6000m), new(BudgetItemKind.Cost, "event", 4000m)]);
        var lead = new Squad("squad", "Squad", [new("ann", SquadRole.Lead)], campaign.Start, campaign.End, [campaign.Id]);
        var noLead = lead with { Members = [new("ann", SquadRole.Media)] };
        LifecycleRefusal? Refusal(LifecycleOutcome o) => o.Refusal;
        LifecycleOutcome Move(Campaign c, CampaignStage to, string? note = null, params Squad[] squads) =>
            CampaignLifecycle.TryMoveTo(c, to, "cmo", T0, new LifecycleFacts(squads), note);
        Campaign Ok(LifecycleOutcome o) => o.Campaign!;

        var resources = Ok(Move(campaign, CampaignStage.ResourcesConfirmed, null, lead));
        var approved = Ok(CampaignLifecycle.ApproveBudget(resources, "cmo", T0));
        var promoted = Ok(Move(approved, CampaignStage.Promotion, null, lead));
        var evaluation = Ok(CampaignLifecycle.TryMoveTo(promoted, CampaignStage.Evaluation, "cmo", T0.AddMonths(2), new LifecycleFacts([lead])));
        var closed = Ok(CampaignLifecycle.TryMoveTo(evaluation, CampaignStage.Closed, "cmo", T0.AddMonths(2), LifecycleFacts.None));
        var cancelled = Ok(Move(campaign, CampaignStage.Cancelled, "recall"));
        messages.AddRange(new[]
        {
            Refusal(CampaignLifecycle.Advance(campaign, " ", T0, LifecycleFacts.None)),
            Refusal(Move(campaign, CampaignStage.Planning)),
            Refusal(CampaignLifecycle.Advance(closed, "cmo", T0, LifecycleFacts.None)),
            Refusal(CampaignLifecycle.Advance(cancelled, "cmo", T0, LifecycleFacts.None)),
            Refusal(Move(campaign, CampaignStage.Evaluation)),
            Refusal(Move(promoted, CampaignStage.Planning, "why")),
            Refusal(Move(promoted, CampaignStage.ResourcesConfirmed)),
            Refusal(CampaignLifecycle.TryMoveTo(evaluation, CampaignStage.Closed, "cmo", T0.AddDays(-1), LifecycleFacts.None)),
            Refusal(Move(campaign with { Budget = [] }, CampaignStage.ResourcesConfirmed, null, lead)),
            Refusal(Move(campaign with { Budget = [new(BudgetItemKind.Channel, "x", 0m)] }, CampaignStage.ResourcesConfirmed, null, lead)),
            Refusal(Move(campaign, CampaignStage.ResourcesConfirmed)),
            Refusal(Move(campaign, CampaignStage.ResourcesConfirmed, null, noLead)),
            Refusal(Move(resources, CampaignStage.Promotion, null, lead)),
            Refusal(Move(approved with { Budget = [.. approved.Budget, new(BudgetItemKind.Channel, "more", 1m)] }, CampaignStage.Promotion, null, lead)),
            Refusal(Move(promoted, CampaignStage.Evaluation)),
            Refusal(CampaignLifecycle.ApproveKit(campaign, "cmo", T0)),
            Refusal(Move(campaign, CampaignStage.Cancelled)),
            Refusal(Move(evaluation, CampaignStage.Cancelled, "too late")),
        }.OfType<LifecycleRefusal>());

        var bad = new Campaign(
            "BP Launch", " ", (CampaignType)42, "x", new DateOnly(1, 1, 1), new DateOnly(1, 1, 1),
            objectives: [new("nope", 1), new("reach", -1), new("reach", double.NaN), new("gmv", 1, new string('n', 300))],
            budget: [new(BudgetItemKind.Channel, "douyin_ads", -5m), new(BudgetItemKind.Cost, "catering", 10m), new(BudgetItemKind.Channel, "Douyin_Ads", 1.00001m),
                new(BudgetItemKind.Channel, "", 1m), new((BudgetItemKind)9, "x", 1m)],
            milestones: [new("Launch", T0.Date is var d ? DateOnly.FromDateTime(d) : default), new("launch", new DateOnly(2026, 3, 2)), new("", new DateOnly(2026, 3, 3))],
            codes: ["BP", "bp", " ", "BP ", "a\tb"],
            brandSteps: [0, 10, 3, 3],
            kit: null) with
        {
            Kit = new ContentKit(["", new string('m', 2001), "a\u0001b"], [new("", "ftp://x")], "someone", null),
            Stage = CampaignStage.Promotion,
            Transitions = [new(CampaignStage.Planning, CampaignStage.ResourcesConfirmed, "a", T0), new(CampaignStage.Planning, CampaignStage.Evaluation, "", T0.AddDays(-1)),
                new(CampaignStage.Cancelled, CampaignStage.Promotion, "b", T0), new(CampaignStage.Evaluation, CampaignStage.Cancelled, "c", T0)],
        };
        messages.AddRange(bad.Validate(new OrgStructure("Co", [new("co", "Co", UnitKind.Company)])));
        messages.AddRange(CampaignValidation.CheckAll([campaign, campaign with { Id = "b", Codes = ["x"] }, campaign with { Id = "c", Codes = ["X"] }, campaign]));
        messages.AddRange(CampaignEvaluation.CheckBaseline(campaign, new DateRange(new DateOnly(2026, 2, 20), new DateOnly(2026, 3, 2))));
        messages.AddRange(CampaignEvaluation.CheckBaseline(campaign with { Start = new DateOnly(1950, 1, 1) }, null));
        messages.AddRange(PeopleValidation.Validate([new Person("ann", "Ann", "co", referralCodes: ["ANN-1"]), new Person("ann", "", "zz", referralCodes: ["ann-1", "x"])],
            new OrgStructure("Co", [new("co", "Co", UnitKind.Company)])));
        messages.AddRange(PeopleValidation.Validate(new Squad("Sq", "", [new("ann", SquadRole.Lead), new("ann", SquadRole.Host), new("zed", (SquadRole)99)],
            new DateOnly(2026, 3, 5), new DateOnly(2026, 3, 4), ["c1", "c1", "C2", "c3"]), [new Person("ann", "Ann", "co")], ["c1"]));
        messages.Add(SquadAttachment.Detach(lead, closed, [lead]).Refusal!);
        messages.Add(SquadAttachment.Detach(lead, campaign with { Id = "other" }, [lead]).Refusal!);
        messages.Add(SquadAttachment.LeadRefusal([lead], [noLead], [promoted, promoted with { Id = "second" }])!);
        foreach (var text in new[] { "x", "x=y", "x 1" })
        {
            CampaignInput.BudgetLine(text, out var e1);
            CampaignInput.Objective(text, out var e2);
            CampaignInput.Milestone(text, out var e3);
            CampaignInput.Link(text, out var e4);
            CampaignInput.Member(text, out var e5);
            messages.AddRange(new[] { e1, e2, e3, e4, e5 }.OfType<Message>());
        }

        var check = Budgets.Check(campaign, [new(BudgetItemKind.Channel, "douyin_ads", 7000m), new(BudgetItemKind.Channel, "baidu", 500m), new(BudgetItemKind.Cost, "event", 4000m)]);
        messages.AddRange(check.Warnings);
        messages.AddRange(Budgets.Check(campaign with { Budget = [] }, [new(BudgetItemKind.Channel, "x", 1m)]).Warnings);
        messages.AddRange(Workload.Conflicts(
            [lead, lead with { Id = "squad2", Campaigns = ["b"] }],
            [campaign, campaign with { Id = "b" }],
            [new LiveStreamSession("s1", null, HostKind.Staff, "ann", T0, T0.AddHours(2), 1, 1, 0, 0, 0m),
             new LiveStreamSession("s2", null, HostKind.Staff, "ann", T0.AddHours(1), T0.AddHours(3), 1, 1, 0, 0, 0m)]));
        var evaluated = CampaignEvaluation.Evaluate(new EvaluationInput(campaign with { Objectives = [new("reach", 1)] }, new CampaignScopeFigures(1, 1, 1, 1), [],
            new BusinessFigures(1, 1, 1, 10m), new BusinessFigures(1, 1, 1, 5m), new AttributedFigures("linear", 1, 10, 1)));
        messages.AddRange(evaluated.Headline);
        messages.AddRange(CampaignEvaluation.Evaluate(new EvaluationInput(campaign, new CampaignScopeFigures(1, 1, 1, 1), [], new BusinessFigures(1, 1, 1, 10m), new BusinessFigures(0, 0, 0, 0m)))
            .Figures.Select(f => f.Note).OfType<Message>());

        messages.AddRange(LiveStreamRules.Validate(new LiveStreamSession("", "", (HostKind)7, " ", T0, T0, -1, -2, -1, -1, -1m)));
        messages.AddRange(LiveStreamRules.Validate(new LiveStreamSession("s", null, HostKind.Staff, "ann", T0, T0.AddHours(50), 10, 11, 0, 0, 5m), ["bo"]));
        messages.AddRange(LiveStreamRules.Validate(new LiveStreamSession("s", null, HostKind.Staff, "ann", T0, T0.AddHours(1), 10, 0, 0, 0, 5m)));
        var errors = new List<Mercato.Core.DataCenter.FieldError>();
        foreach (var kind in DataKinds.All)
        {
            kind.Parse(Enumerable.Repeat<string?>("bad value\t!", kind.Fields.Count).ToArray(), ParseContext.Utc, errors);
            kind.Parse(new string?[kind.Fields.Count], ParseContext.Utc, errors);
        }

        messages.AddRange(errors);

        var org = new OrgStructure(" ", [new("Bad Id", "", (UnitKind)9, "nowhere", null, "nowhere"), new("a", "A", UnitKind.Company, "a", null, "a"),
            new("b", "B", UnitKind.Department, "c"), new("c", "C", UnitKind.Department, "b"), new("d", "D", UnitKind.Company), new("d", "D2", UnitKind.Company)],
            [new("seo", "S", "", (FunctionArea)9, ""), new("Bad", "", "x", FunctionArea.Data, "")],
            [new("a", "seo", RaciRole.Accountable), new("d", "seo", RaciRole.Accountable), new("a", "seo", RaciRole.Consulted), new("zz", "nothing", (RaciRole)9), new("", "", RaciRole.Informed)],
            [new("dau", "x", "a"), new("dau", "user_operations", "zz"), new("Bad-Kpi", "", null)],
            ["seo", "seo", "telepathy"]);
        messages.AddRange(org.Validate());
        messages.AddRange(OrgSerializer.FromYaml("- a\n").Problems);
        messages.AddRange(OrgSerializer.FromYaml("name: X\nunits: {a: 1}\nownerships:\n- {unit: [1], role: boss, colour: red}\n- {role: ~}\nfoo: 1\n").Problems);
        messages.AddRange(OrgSerializer.FromJson("{").Problems);
        messages.AddRange(OrgSerializer.FromYaml("a: [").Problems);
        messages.AddRange(OrgSerializer.FromYaml("a: 1\n---\nb: 2\n").Problems);
        messages.AddRange(OrgSerializer.FromYaml("").Problems);
        messages.AddRange(KpiTargets.Validate([new("happiness", "nobody", "March", double.NaN), new("dau", "co", "2026-03", -1), new("dau", "co", "2026-03", 1), new("dau", "co", "2026-03", 2), null!],
            new OrgStructure("Co", [new("co", "Co", UnitKind.Company)])).Problems);
        messages.AddRange(KpiTargets.Validate([], null).Problems);
        var recommended = OrgTemplates.Get("recommended")!;
        foreach (var name in OrgTemplates.Names)
        {
            var report = OrgAnalysis.Check(OrgTemplates.Get(name)!);
            messages.AddRange([.. report.Overlaps.Select(x => x.Reason), .. report.Gaps.Select(x => x.Reason), .. report.UnownedKpis.Select(x => x.Reason),
                .. report.IdleUnits.Select(x => x.Reason), .. report.Mismatches.Select(x => x.Reason)]);
            messages.AddRange(OrgComparison.Compare(OrgTemplates.Get(name)!, recommended).Functions.Select(f => f.Reason));
        }

        messages.AddRange(KpiCalculator.Compute(new KpiFigures(KpiPeriod.Of(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)), "UTC", null, null, null, null, null, null))
            .Kpis.Select(k => k.Reason).OfType<Message>());
        foreach (var (revenues, payback) in new (double[], int?)[] { ([90, 80, 70, 60], null), ([130, 130, 130], 4), ([60, 70, 80], null), ([90, 90, 90], 12),
            ([130, 125, 130, 135, 140, 60], null), ([150, 130, 110], 2), ([50, 80, 110], 8), ([50, 80, 110], null), ([130, 130], 4), ([], null) })
        {
            messages.Add(Guidance.Advise("a", Months(revenues), payback).Reason);
        }

        var s = new OrgStructure("Co", [new("co", "Co", UnitKind.Company), new("a", "A", UnitKind.Department, "co"), new("b", "B", UnitKind.Department, "co"),
            new("idle", "Strategy office", UnitKind.Department, "co"), new("ops", "Operations", UnitKind.Department, "co")],
            [new OrgFunction("podcast", "Podcast", "A podcast.", FunctionArea.Marketing, "")],
            [new("a", "seo", RaciRole.Responsible), new("b", "seo", RaciRole.Responsible), new("idle", "seo", RaciRole.Consulted), new("ops", "pr_strategy", RaciRole.Accountable),
                new("ops", "user_operations", RaciRole.Responsible), new("b", "user_operations", RaciRole.Responsible)],
            [new("dau", "user_operations", null), new("mau", "user_operations", "a"), new("reach", "podcast", "a")], ["seo", "user_operations", "podcast", "pr_strategy"]);
        var found = OrgAnalysis.Check(s);
        messages.AddRange([.. found.Overlaps.Select(x => x.Reason), .. found.Gaps.Select(x => x.Reason), .. found.UnownedKpis.Select(x => x.Reason), .. found.IdleUnits.Select(x => x.Reason)]);
        messages.AddRange(OrgComparison.Compare(s, new OrgStructure("Other", [new("co", "Co", UnitKind.Company)], needs: ["ad_monitoring", "seo"])).Functions.Select(f => f.Reason));
        messages.AddRange(KpiCalculator.Compute(new KpiFigures(KpiPeriod.Of(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)), "UTC",
            new ActivityFigures(1, new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1), 0, [], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
            null, null, null, null, null)).Kpis.Select(k => k.Reason).OfType<Message>());
        messages.Add(LifecycleRefusal.Of(CommonCodes.MovedMeanwhile, ("campaign", "c"), ("stage", "promotion"), ("from", "planning")));
        messages.Add(LifecycleRefusal.Of(CommonCodes.MovedMeanwhile));
        messages.Add(new Message(CampaignNoteCodes.KpiNoValue, MessageArgs.Of(("kpi", "dau"), ("from", T0), ("to", T0)).WithMessage("reason", Message.Of(KpiCodes.NoKindData, ("kind", "activity")))));
        messages.AddRange(AlertMessages());
        return messages;
    }

    /// <summary>The row errors, batch messages and warnings the importer gives for broken files.</summary>
    private static async Task<List<ICodedMessage>> ImportedAsync()
    {
        var messages = new List<ICodedMessage>();
        await using var workspace = await TestWorkspace.OpenAsync();
        var imports = workspace.Get<ImportUseCases>();
        async Task Import(DataKind kind, DataFormat format, byte[] bytes, bool gzip = false)
        {
            var result = await imports.ImportAsync(new ImportRequest(kind, "t", new FileFormat(format, gzip), () => new MemoryStream(bytes)), default);
            messages.AddRange(result.Errors);
            messages.AddRange(result.Warnings);
            if (result.Message is { } m)
            {
                messages.Add(m);
            }
        }

        byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);
        await Import(DataKinds.Spend, DataFormat.Csv, Utf8(""));
        await Import(DataKinds.Spend, DataFormat.Csv, Utf8("date,date,channel\n"));
        await Import(DataKinds.Spend, DataFormat.Csv, Utf8("date,channel,spend,note\n2026-03-01,a,1,x\n2026-03-01,a\n2026-03-01,\"a,1\n"));
        await Import(DataKinds.Spend, DataFormat.Csv, Utf8("date,channel,spend\n2026-03-01,a\"b,1\n2026-03-01,\"a\"x,1\n2026-03-01,a,1,2\n"));
        await Import(DataKinds.Spend, DataFormat.Csv, Utf8("date,channel,spend,impressions,clicks\n2026-03-01,a,1,1,2\n"));
        await Import(DataKinds.Activity, DataFormat.JsonLines, Utf8("not json\n[1]\n{\"user_id\":\"u\",\"user_id\":\"v\",\"event\":{}}\n{} {}\n"));
        await Import(DataKinds.Activity, DataFormat.JsonLines, [.. Utf8("{\"user_id\":\"Caf"), 0xE9, .. Utf8("\"}\n")]);
        await Import(DataKinds.Activity, DataFormat.JsonLines, Utf8("{}"), gzip: true);
        return messages;
    }

    private static ChannelMonthRoi[] Months(params double[] revenues) =>
        [.. revenues.Select((revenue, i) => RoiCalculator.ForChannelMonth(new ChannelMonthInput("a", new YearMonth(2026, 1).AddMonths(i), 100m, 1, revenue, 0, 0m), 0m))];
}
