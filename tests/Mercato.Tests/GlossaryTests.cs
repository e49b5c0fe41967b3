using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Core.Kpis;
using Mercato.Core.Organization;

namespace Mercato.Tests;

/// <summary>
/// The glossary (Shared/Glossary/Words.resx and .zh-CN) against docs/glossary.md and Core's catalogues: the page lists
/// exactly the catalogue's terms in both languages, and every entry of a built-in catalogue (brand steps, functions, KPIs,
/// channel groups, stages, campaign kinds, the words of every enumeration written in JSON) has a term in both, so a new
/// entry without its Chinese word fails here.
/// </summary>
public partial class GlossaryTests
{
    private const string BaseName = "Mercato.Shared.Glossary.Words";

    private static readonly Lazy<Dictionary<string, string>> English = new(() => Catalogue(CultureInfo.InvariantCulture));

    private static readonly Lazy<Dictionary<string, string>> Chinese = new(() => Catalogue(CultureInfo.GetCultureInfo("zh-CN")));

    private static readonly Lazy<List<(string Key, string English, string Chinese, string Note)>> Rows = new(ReadDoc);

    /// <summary>Proper names and acronyms that read the same in Chinese.</summary>
    private static readonly HashSet<string> SameInBoth = new(StringComparer.Ordinal) { "Webhook", "Twitter", "Facebook", "Instagram", "YouTube", "TikTok" };

    [GeneratedRegex(@"^\| `(term\.[^`]+)` \| (.*) \| (.*) \| (.*) \|$")]
    private static partial Regex Row();

    [GeneratedRegex(@"^term\.[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_.\-]*$")]
    private static partial Regex KeyForm();

    [GeneratedRegex(@"^[A-Z0-9]+( \([A-Z]+\))?$")]
    private static partial Regex Acronym();

    private static Dictionary<string, string> Catalogue(CultureInfo culture)
    {
        var manager = new ResourceManager(BaseName, typeof(Terms).Assembly);
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException("no glossary for " + culture.Name);
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    private static List<(string, string, string, string)> ReadDoc()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Mercato.slnx")))
        {
            dir = dir.Parent;
        }

        var path = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), "docs", "glossary.md");
        var rows = new List<(string, string, string, string)>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("| `term.", StringComparison.Ordinal))
            {
                var m = Row().Match(line);
                Assert.True(m.Success, "docs/glossary.md: a row that is not key | English | 简体中文 | note: " + line);
                static string Cell(Group g) => g.Value.Replace("\\|", "|", StringComparison.Ordinal).Trim();
                rows.Add((m.Groups[1].Value, Cell(m.Groups[2]), Cell(m.Groups[3]), Cell(m.Groups[4])));
            }
        }

        return rows;
    }

    /// <summary>Every enumeration of Core written in JSON by word, with its glossary kind.</summary>
    private static IEnumerable<(Type Enum, string Kind)> Enumerations() =>
        typeof(EnumWords).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.IsPublic && t.GetFields(BindingFlags.Public | BindingFlags.Static).Any(f => f.IsDefined(typeof(JsonStringEnumMemberNameAttribute))))
            .Select(t => (t, t == typeof(CampaignStage) ? "stage" : t == typeof(CampaignType) ? "campaign_kind" : Snake(t.Name)));

    private static string Snake(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static IReadOnlyList<string> WordsOf(Type enumType) =>
        (IReadOnlyList<string>)typeof(EnumWords).GetMethod(nameof(EnumWords.All))!.MakeGenericMethod(enumType).Invoke(null, null)!;

    /// <summary>Every term Core's catalogues require, with the English the catalogue gives (null: any readable English).</summary>
    private static List<(string Key, string? English)> Required()
    {
        var required = new List<(string, string?)>();
        foreach (var step in BrandCycle.Steps)
        {
            required.Add((Terms.Key("brand_step", step.Id), step.Name));
            required.Add((Terms.Key("brand_step", step.Id + ".what"), step.What));
            required.Add((Terms.Key("brand_step", step.Id + ".purpose"), step.Purpose));
            required.AddRange(step.Evidence.Select(m => (Terms.Key("step_metric", m.Id), (string?)m.Name)));
        }

        foreach (var function in OrgCatalog.Functions)
        {
            required.Add((Terms.Key("function", function.Id), function.Name));
            required.Add((Terms.Key("function", function.Id + ".description"), function.Description));
        }

        required.AddRange(KpiCatalog.All.Select(k => (Terms.Key("kpi", k.Id), (string?)k.Name)));
        required.AddRange(ChannelGroups.All.Select(g => (Terms.Key("channel_group", g.Slug()), (string?)g.Label())));
        foreach (var (type, kind) in Enumerations())
        {
            required.AddRange(WordsOf(type).Select(w => (Terms.Key(kind, w), (string?)null)));
        }

        return required;
    }

    [Fact]
    public void TheDoc_ListsExactlyTheCatalogue_InBothLanguages()
    {
        var rows = Rows.Value;

        Assert.True(rows.Count > 300, "docs/glossary.md lists " + rows.Count + " terms");
        Assert.All(rows.GroupBy(r => r.Key, StringComparer.Ordinal), g => Assert.True(g.Count() == 1, g.Key + " is listed " + g.Count() + " times"));
        Assert.All(rows, r =>
        {
            Assert.True(English.Value.TryGetValue(r.Key, out var en), r.Key + " is in docs/glossary.md but not in Glossary/Words.resx");
            Assert.True(Chinese.Value.TryGetValue(r.Key, out var zh), r.Key + " is in docs/glossary.md but not in Glossary/Words.zh-CN.resx");
            Assert.True(en == r.English, $"{r.Key}: English \"{en}\" in the catalogue, \"{r.English}\" in docs/glossary.md");
            Assert.True(zh == r.Chinese, $"{r.Key}: Chinese \"{zh}\" in the catalogue, \"{r.Chinese}\" in docs/glossary.md");
        });
        var listed = rows.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        Assert.All(English.Value.Keys.Concat(Chinese.Value.Keys), key => Assert.True(listed.Contains(key), key + " is in the glossary catalogue but not in docs/glossary.md"));
    }

    [Fact]
    public void EveryEntryOfCoresCatalogues_HasATerm_WithTheCataloguesEnglish_AndChinese()
    {
        var required = Required();

        Assert.Contains(required, r => r.Key == "term.brand_step.tell_stories");
        Assert.Contains(required, r => r.Key == "term.stage.resources_confirmed");
        Assert.Contains(required, r => r.Key == "term.campaign_kind.product_launch");
        Assert.Contains(required, r => r.Key == "term.crisis_status.responding");
        Assert.Contains(required, r => r.Key == "term.pacing_status.on_pace");
        Assert.All(required, r =>
        {
            Assert.True(English.Value.TryGetValue(r.Key, out var en) && en.Trim().Length > 0, r.Key + " has no English term");
            if (r.English is not null)
            {
                Assert.True(en == r.English, $"{r.Key}: the glossary says \"{en}\", Core says \"{r.English}\"");
            }

            Assert.True(Chinese.Value.TryGetValue(r.Key, out var zh) && zh.Trim().Length > 0, r.Key + " has no Chinese term");
        });
    }

    [Fact]
    public void EveryTerm_IsWellFormed_AndTranslated()
    {
        Assert.Equal(English.Value.Keys.Order(StringComparer.Ordinal), Chinese.Value.Keys.Order(StringComparer.Ordinal));
        Assert.All(English.Value, e =>
        {
            Assert.Matches(KeyForm(), e.Key);
            var zh = Chinese.Value[e.Key];
            Assert.DoesNotContain("{", e.Value + zh, StringComparison.Ordinal);
            Assert.True(zh != e.Value || Acronym().IsMatch(e.Value) || SameInBoth.Contains(e.Value), $"{e.Key}: \"{zh}\" is the English word");
        });
        Assert.DoesNotContain(Mercato.Shared.Words.Problems, p => p.StartsWith("term.", StringComparison.Ordinal));
    }

    [Fact]
    public void TermsOf_GivesTheWordOfTheLanguage_ElseTheEnglishItIsGiven()
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            Assert.Equal("讲故事", Terms.Of("brand_step", "tell_stories", "Tell stories"));
            Assert.Equal("资源确认", Terms.Of("stage", EnumWords.Word(CampaignStage.ResourcesConfirmed), "resources_confirmed"));
            Assert.Equal("付费搜索", Terms.Of("channel_group", ChannelGroup.PaidSearch.Slug(), ChannelGroup.PaidSearch.Label()));
            Assert.Equal("新用户", Terms.Of("kpi", "new_users", "New users"));
            Assert.Equal("My custom function", Terms.Of("function", "my_custom_function", "My custom function"));

            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal("Tell stories", Terms.Of("brand_step", "tell_stories", "x"));
            Assert.Equal("Resources confirmed", Terms.Of("stage", "resources_confirmed", "x"));
            Assert.Equal("Content operations", Terms.Of("function", "content_operations", "x"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    [Fact]
    public void AFindingsGlossaryWords_AreTheLanguages_AndAWorkspacesOwnNameStaysData()
    {
        var zh = CultureInfo.GetCultureInfo("zh-CN");
        var gap = Message.Of(OrgCodes.GapNobodyUsualOwner, ("function", "Brand positioning"), ("owner", "brand department"));
        Assert.Equal("公司需要品牌定位，但没有组织单元负责。它通常归属于品牌部。", Messages.Text(gap, zh));
        Assert.Equal("Nobody is responsible for Brand positioning, which the company needs. It usually belongs to the brand department.", Messages.Text(gap, CultureInfo.GetCultureInfo("en")));

        // A function the glossary does not know (the workspace's own) keeps its name, and the page marks it as data.
        var own = Message.Of(OrgCodes.GapNobody, ("function", "Hospital partnerships"));
        Assert.Equal("公司需要Hospital partnerships，但没有组织单元负责。", Messages.Text(own, zh));
        Assert.Equal("公司需要<span translate=\"no\">Hospital partnerships</span>，但没有组织单元负责。", Messages.Html(own, zh).Value);
        Assert.Equal("公司需要品牌定位，但没有组织单元负责。", Messages.Html(Message.Of(OrgCodes.GapNobody, ("function", "Brand positioning")), zh).Value);

        // Enum words by id, joined as a list.
        var mismatch = Message.Of(OrgCodes.NameMismatch, ("unit", "运营部"), ("says", new[] { "operations" }), ("outside", 2L), ("count", 3L),
            ("areas", new[] { "marketing" }), ("evidence", new[] { "Brand positioning", "Visual identity" }));
        Assert.Equal("运营部的名称表明它做运营，但在它负责的 3 项职能中，有 2 项属于市场工作：品牌定位和视觉识别。请重命名该组织单元或转移这些工作。", Messages.Text(mismatch, zh));
    }

    [Fact]
    public void TheSharedWords_AreUsed()
    {
        (string Key, string Chinese)[] shared =
        [
            ("term.brand_step.tell_stories", "讲故事"), ("term.brand_step.spread_information", "传播信息"), ("term.brand_step.build_channels", "建渠道"),
            ("term.brand_step.play_in_circles", "玩圈子"), ("term.brand_step.upgrade_product", "升级产品"), ("term.brand_step.event_marketing", "事件营销"),
            ("term.brand_step.initiate_call", "发起号召"), ("term.brand_step.integrated_marketing", "整合营销"), ("term.brand_step.brand_upgrade", "品牌升级"),
            ("term.stage.planning", "策划"), ("term.stage.resources_confirmed", "资源确认"), ("term.stage.promotion", "宣传推广"),
            ("term.stage.evaluation", "效果评估"), ("term.stage.closed", "已结束"), ("term.stage.cancelled", "已取消"),
            ("term.function.content_operations", "内容运营"), ("term.function.user_operations", "用户运营"), ("term.function.activity_operations", "活动运营"),
            ("term.function.product_operations", "产品运营"), ("term.function.new_media_operations", "新媒体运营"),
            ("term.function.app_store_operations", "应用商店运营"), ("term.function.store_operations", "店铺运营"),
            ("term.kpi_status.on_track", "达标"), ("term.kpi_status.at_risk", "有风险"), ("term.kpi_status.off_track", "未达标"),
            ("term.channel_group.unassigned", "未分组"), ("term.unit_kind.department", "部门"), ("term.unit_kind.center", "中心"), ("term.unit_kind.team", "团队"),
            ("term.sentiment_label.positive", "正面"), ("term.sentiment_label.negative", "负面"), ("term.sentiment_label.neutral", "中性"),
            ("term.mix_plan_status.draft", "草稿"), ("term.mix_plan_status.approved", "已批准"), ("term.squad_role.host", "主播"),
        ];

        Assert.All(shared, s => Assert.Equal(s.Chinese, Chinese.Value.GetValueOrDefault(s.Key)));
    }
}
