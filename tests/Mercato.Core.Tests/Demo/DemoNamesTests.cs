using Mercato.Core.DataCenter;
using Mercato.Core.Demo;

namespace Mercato.Core.Tests.Demo;

/// <summary>The demo's names in Chinese (<see cref="DemoNames"/>) and the rules of display names (<see cref="DisplayNameRules"/>).</summary>
public class DemoNamesTests
{
    private static readonly Lazy<DemoWorkspace> Workspace = new(() =>
    {
        var sink = new NoSink();
        return DemoCampaigns.Build(DemoCompany.Generate(new DemoOptions(42, DemoScale.Small, new YearMonth(2026, 3)), sink));
    });

    [Fact]
    public void Chinese_NamesEveryUnitPersonCampaignSquadChannelAndTheCompany_EachOnce_AndAllValid()
    {
        var structure = DemoOrganization.Structure();
        var w = Workspace.Value;

        var names = DemoNames.Chinese(structure, w);

        Assert.Empty(DisplayNameRules.Validate(names));
        var keys = names.Select(n => DisplayNames.Key(n.Kind, n.Id)).ToHashSet(StringComparer.Ordinal);
        Assert.All(structure.Units, u => Assert.Contains("unit:" + u.Id, keys));
        Assert.All(w.People, p => Assert.Contains("person:" + p.Id, keys));
        Assert.All(w.Campaigns, c => Assert.Contains("campaign:" + c.Id, keys));
        Assert.All(w.Squads, s => Assert.Contains("squad:" + s.Id, keys));
        Assert.All(DemoCompany.Channels, c => Assert.Contains("channel:" + c.Name, keys));
        Assert.Contains("company:" + DemoOrganization.Name, keys);
        Assert.Equal(names.Count, names.Select(n => n.Name).Where(n => n.Length > 0).Count());
        Assert.Equal(w.People.Count, names.Where(n => n.Kind == "person").Select(n => n.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(names, n => n is { Kind: "person", Id: "lin-hui", Name: "林慧" });
        Assert.Contains(names, n => n is { Kind: "unit", Id: "brand", Name: "品牌部" });
        Assert.Contains(names, n => n is { Kind: "company", Name: "康宁医疗" });
        Assert.All(names, n => Assert.DoesNotMatch("[A-Za-z]{4,}", n.Name.Replace("CMEF", "", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Live-stream programme 2026 Q1", "2026年第一季度直播计划")]
    [InlineData("CMEF spring (Shanghai) 2025", "2025年春季 CMEF 医博会（上海）")]
    [InlineData("BP monitor X3 launch", "X3 血压计新品发布")]
    [InlineData("Something else", null)]
    public void CampaignName_PutsTheYearAndQuarterInFront(string english, string? chinese) =>
        Assert.Equal(chinese, DemoNames.CampaignName(english));

    [Fact]
    public void Validate_NamesTheFieldOfEachProblem_AndASecondNameForTheSameRecord()
    {
        var problems = DisplayNameRules.Validate(
        [
            new("unit", "brand", "zh-CN", "品牌部"),
            new("planet", "x", "fr", " "),
            new("unit", "brand", "zh-CN", "品牌中心"),
        ]);

        Assert.Equal(["[1].kind", "[1].language", "[1].name", "[2].id"], problems.Select(p => p.Path));
        Assert.Equal([CommonCodes.NotOneOf, CommonCodes.NotOneOf, CommonCodes.Required, CommonCodes.DuplicateAt], problems.Select(p => p.Code));
    }

    [Fact]
    public void Apply_ChangesOnlyWhatDiffers_SoTheSameRowsTwiceChangeNothing()
    {
        DisplayName[] rows = [new("unit", "brand", "zh-CN", "品牌部"), new("person", "lin-hui", "en", "Hui Lin")];

        var first = DisplayNameRules.Apply([], rows);
        var second = DisplayNameRules.Apply(first, rows);

        Assert.Equal(["en", "zh-CN"], first.Select(d => d.Language));
        Assert.Empty(second);
        Assert.Equal("品牌部", first[1].Find("unit", "brand"));
        Assert.Equal(rows.OrderBy(r => r.Kind == "unit" ? 0 : 1), DisplayNameRules.Rows(first));
        Assert.Equal(["zh-CN"], DisplayNameRules.Remove(first, [rows[0]]).Select(d => d.Language));
        Assert.Empty(DisplayNameRules.Remove(first, [rows[0] with { Name = "other" }]));
    }

    private sealed class NoSink : IDemoSink
    {
        public void Add(IFact fact)
        {
        }
    }
}
