using System.Globalization;
using Mercato.Core.Organization;

namespace Mercato.Core.Demo;

/// <summary>
/// Kangning Medical's names in Chinese (docs/demo-company.md, Names in two languages): every unit, person, campaign,
/// squad and channel of the demo and the company itself, as display names (<see cref="DisplayNames"/>), so a zh-CN
/// session reads like the company's own system in Shenzhen and an English one like its international office's. The
/// stored names are English already (the people's are their names in pinyin), so the demo writes no English display
/// names.
/// </summary>
public static class DemoNames
{
    /// <summary>The company's Chinese name.</summary>
    public const string CompanyName = "康宁医疗";

    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["company"] = CompanyName,
        ["marketing"] = "市场中心",
        ["brand"] = "品牌部",
        ["pr"] = "公关部",
        ["planning"] = "市场策划部",
        ["new_media"] = "新媒体部",
        ["online_promotion"] = "网络推广部",
        ["data_center"] = "数据中心",
        ["operations"] = "运营部",
        ["content_ops"] = "内容运营组",
        ["user_ops"] = "用户运营组",
        ["activity_ops"] = "活动运营组",
        ["product_ops"] = "产品运营组",
        ["new_media_ops"] = "新媒体运营组",
        ["app_store_ops"] = "应用商店运营组",
        ["store_ops"] = "店铺运营组",
        ["sales"] = "医院销售部",
        ["bd"] = "商务拓展部",
        ["rnd"] = "研发中心",
        ["customer_service"] = "客户服务中心",
    };

    private static readonly Dictionary<string, string> Channels = new(StringComparer.Ordinal)
    {
        ["baidu_sem"] = "百度搜索广告",
        ["douyin_ads"] = "抖音信息流广告",
        ["kol"] = "KOL 达人合作",
        ["livestream"] = "直播间",
        ["wechat_official"] = "微信公众号",
        ["content"] = "健康内容",
        ["email"] = "邮件营销",
        ["app_store"] = "应用商店推广",
        ["exhibition"] = "医疗展会",
        ["pr"] = "公关与媒体报道",
        ["staff_referral"] = "全员推荐",
        ["direct"] = "直接访问",
    };

    private static readonly Dictionary<string, string> FamilyNames = new(StringComparer.Ordinal)
    {
        ["Wang"] = "王", ["Li"] = "李", ["Zhang"] = "张", ["Liu"] = "刘", ["Chen"] = "陈", ["Yang"] = "杨", ["Huang"] = "黄",
        ["Zhao"] = "赵", ["Wu"] = "吴", ["Zhou"] = "周", ["Xu"] = "徐", ["Sun"] = "孙", ["Ma"] = "马", ["Zhu"] = "朱", ["Hu"] = "胡",
        ["Guo"] = "郭", ["He"] = "何", ["Lin"] = "林", ["Gao"] = "高", ["Luo"] = "罗", ["Zheng"] = "郑", ["Liang"] = "梁",
        ["Xie"] = "谢", ["Song"] = "宋", ["Tang"] = "唐", ["Han"] = "韩", ["Feng"] = "冯", ["Deng"] = "邓", ["Cao"] = "曹",
        ["Peng"] = "彭", ["Zeng"] = "曾", ["Xiao"] = "肖", ["Tian"] = "田", ["Dong"] = "董", ["Pan"] = "潘", ["Yuan"] = "袁",
        ["Cai"] = "蔡", ["Jiang"] = "蒋", ["Yu"] = "余", ["Du"] = "杜", ["Ye"] = "叶", ["Cheng"] = "程", ["Wei"] = "魏",
        ["Su"] = "苏", ["Lu"] = "卢", ["Ding"] = "丁", ["Ren"] = "任", ["Shen"] = "沈", ["Yao"] = "姚", ["Qian"] = "钱",
    };

    private static readonly Dictionary<string, string> GivenNames = new(StringComparer.Ordinal)
    {
        ["Wei"] = "伟", ["Fang"] = "芳", ["Na"] = "娜", ["Min"] = "敏", ["Jing"] = "静", ["Li"] = "丽", ["Qiang"] = "强",
        ["Lei"] = "磊", ["Jun"] = "军", ["Yang"] = "洋", ["Yong"] = "勇", ["Yan"] = "艳", ["Jie"] = "杰", ["Juan"] = "娟",
        ["Tao"] = "涛", ["Ming"] = "明", ["Chao"] = "超", ["Xiuying"] = "秀英", ["Xia"] = "霞", ["Ping"] = "平", ["Gang"] = "刚",
        ["Hui"] = "慧", ["Hao"] = "浩", ["Yu"] = "宇", ["Xin"] = "欣", ["Ying"] = "颖", ["Bo"] = "波", ["Lin"] = "琳",
        ["Rui"] = "瑞", ["Qing"] = "青", ["Jian"] = "健", ["Kai"] = "凯", ["Yue"] = "悦", ["Dan"] = "丹", ["Lu"] = "璐",
        ["Ning"] = "宁", ["Bin"] = "斌", ["Tingting"] = "婷婷", ["Xiaoming"] = "晓明", ["Zihan"] = "子涵", ["Yuxuan"] = "雨轩",
        ["Haoran"] = "浩然", ["Shuang"] = "爽", ["Peng"] = "鹏", ["Hong"] = "红", ["Feng"] = "峰", ["Wenjie"] = "文杰",
        ["Jiayi"] = "佳怡", ["Mengyao"] = "梦瑶", ["Zhiwei"] = "志伟",
    };

    // The campaign families' names (DemoCampaigns), longest first so that a name is matched by its whole family.
    private static readonly (string English, string Chinese)[] Families =
    [
        .. new (string, string)[]
        {
            ("Baidu brand search", "百度品牌词搜索"),
            ("Baidu symptom and product search", "百度症状词与产品词搜索"),
            ("Douyin in-feed video ads", "抖音信息流视频广告"),
            ("App-store search and optimisation", "应用商店搜索广告与优化"),
            ("Doctors talk home care (KOL series)", "医生谈家庭护理（KOL 系列）"),
            ("Health topics content programme", "健康话题内容计划"),
            ("CRM newsletter", "CRM 会员通讯"),
            ("All-staff referral programme", "全员推荐计划"),
            ("Live-stream programme", "直播计划"),
            ("Winter respiratory care", "冬季呼吸护理"),
            ("A blood-pressure monitor for your parents (Chinese New Year)", "春节给爸妈送台血压计"),
            ("CMEF spring (Shanghai)", "春季 CMEF 医博会（上海）"),
            ("CMEF autumn (Shenzhen)", "秋季 CMEF 医博会（深圳）"),
            ("World Hypertension Day: know your numbers", "世界高血压日：知晓你的血压"),
            ("618 shopping festival", "618 购物节"),
            ("Double 11 shopping festival", "双十一购物节"),
            ("BP monitor X3 launch", "X3 血压计新品发布"),
            ("Nebulizer recall rumour: response", "雾化器召回谣言应对"),
            ("Oximeter O2 launch: trust rebuilt", "O2 血氧仪新品发布：重建信任"),
        }.OrderByDescending(f => f.Item1.Length),
    ];

    private static readonly Dictionary<string, string> StandingSquads = new(StringComparer.Ordinal)
    {
        ["Performance marketing squad"] = "效果营销项目小组",
        ["Content and CRM squad"] = "内容与 CRM 项目小组",
        ["All-staff marketing squad"] = "全员营销项目小组",
    };

    private static readonly string[] Quarters = ["一", "二", "三", "四"];

    /// <summary>
    /// The Chinese display names of the demo: the units of <paramref name="structure"/> (and the company, by the
    /// structure's name) and the people, squads and campaigns of <paramref name="workspace"/>, and the demo's channels.
    /// A stored name the demo did not write (one the tables do not know) gets none.
    /// </summary>
    public static IReadOnlyList<DisplayName> Chinese(OrgStructure structure, DemoWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(workspace);
        var names = new List<DisplayName>();
        void Add(string kind, string id, string? name)
        {
            if (name is not null)
            {
                names.Add(new DisplayName(kind, id, Languages.Chinese, name));
            }
        }

        Add(DisplayNames.Company, structure.Name, CompanyName);
        foreach (var unit in structure.Units)
        {
            Add(DisplayNames.Unit, unit.Id, Units.GetValueOrDefault(unit.Id));
        }

        foreach (var person in workspace.People)
        {
            Add(DisplayNames.Person, person.Id, PersonName(person.Name));
        }

        foreach (var campaign in workspace.Campaigns)
        {
            Add(DisplayNames.Campaign, campaign.Id, CampaignName(campaign.Name));
        }

        foreach (var squad in workspace.Squads)
        {
            Add(DisplayNames.Squad, squad.Id, SquadName(squad.Name));
        }

        foreach (var channel in DemoCompany.Channels)
        {
            Add(DisplayNames.Channel, channel.Name, Channels.GetValueOrDefault(channel.Name));
        }

        return names;
    }

    /// <summary>A name in pinyin, family name first (<c>Lin Hui</c>), in characters (<c>林慧</c>); null when not a demo name.</summary>
    public static string? PersonName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = name.Split(' ');
        return parts.Length == 2 && FamilyNames.TryGetValue(parts[0], out var family) && GivenNames.TryGetValue(parts[1], out var given)
            ? family + given
            : null;
    }

    /// <summary>
    /// A demo campaign's name in Chinese: its family's, with the year (<c>2026年</c>) or the year and quarter
    /// (<c>2026年第一季度</c>) in front; null when not a demo name.
    /// </summary>
    public static string? CampaignName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var (english, chinese) in Families)
        {
            if (!name.StartsWith(english, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = name[english.Length..].Trim();
            if (rest.Length == 0)
            {
                return chinese;
            }

            var parts = rest.Split(' ');
            if (parts.Length is 1 or 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                var prefix = year.ToString(CultureInfo.InvariantCulture) + "年";
                if (parts.Length == 1)
                {
                    return prefix + chinese;
                }

                if (parts[1] is ['Q', >= '1' and <= '4'])
                {
                    return prefix + "第" + Quarters[parts[1][1] - '1'] + "季度" + chinese;
                }
            }

            return null;
        }

        return null;
    }

    /// <summary>A demo squad's name in Chinese: a standing squad's, or its campaign's with 项目小组; null when not a demo name.</summary>
    public static string? SquadName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (StandingSquads.TryGetValue(name, out var standing))
        {
            return standing;
        }

        const string Suffix = " squad";
        return name.EndsWith(Suffix, StringComparison.Ordinal) && CampaignName(name[..^Suffix.Length]) is { } campaign ? campaign + "项目小组" : null;
    }
}
