using Mercato.Core.Listening;

namespace Mercato.Core.Tests.Listening;

public class WatchListTests
{
    private static readonly WatchList List = new(
    [
        new WatchTerm("Kangning", WatchKind.Brand, ["康宁"]),
        new WatchTerm("nebulizer", WatchKind.Product, ["雾化器"]),
        new WatchTerm("召回", WatchKind.Risk, ["recall"]),
    ]);

    [Fact]
    public void Match_FindsChineseAnywhere_AndLatinAsWholeWords_IgnoringCase()
    {
        Assert.Equal(["Kangning", "nebulizer", "召回"], List.Match("康宁的雾化器要召回了吗"));
        Assert.Equal(["Kangning", "召回"], List.Match("KANGNING announces a RECALL."));
        Assert.Empty(List.Match("recalled kangningx products"));
        Assert.Equal(["nebulizer"], List.Match("my nebulizer, again"));
    }

    [Fact]
    public void Problems_NameBlankLongAndDuplicatedSpellings_AcrossTerms()
    {
        var bad = new WatchList(
        [
            new WatchTerm("Kangning", WatchKind.Brand, ["  ", "KANGNING"]),
            new WatchTerm(new string('x', WatchList.MaxLength + 1), WatchKind.Risk, []),
            new WatchTerm("康宁", WatchKind.Competitor, []),
            new WatchTerm("康宁", WatchKind.Brand, []),
            new WatchTerm("a|b", WatchKind.Product, ["tab\there"]),
        ]);

        Assert.Equal(
            [
                ("terms[0].aliases[0]", ListeningRuleCodes.WatchBlank),
                ("terms[0].aliases[1]", ListeningRuleCodes.WatchDuplicate),
                ("terms[1].term", ListeningRuleCodes.WatchTooLong),
                ("terms[3].term", ListeningRuleCodes.WatchDuplicate),
                ("terms[4].term", ListeningRuleCodes.WatchBadCharacter),
                ("terms[4].aliases[0]", ListeningRuleCodes.WatchBadCharacter),
            ],
            bad.Problems().Select(p => (p.Path, p.Code)).ToArray());
        Assert.Empty(List.Problems());
        Assert.Empty(new WatchList(WatchList.DefaultRiskTerms).Problems());
    }
}
