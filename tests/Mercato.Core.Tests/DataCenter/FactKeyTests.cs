using System.Text;
using Mercato.Core.DataCenter;

namespace Mercato.Core.Tests.DataCenter;

public class FactKeyTests
{
    [Theory]
    [InlineData("", 0xEF46DB3751D8E999UL)]
    [InlineData("a", 0xD24EC4F1A98C6E5BUL)]
    [InlineData("abc", 0x44BC2CF5AD770999UL)]
    [InlineData("Nobody inspects the spammish repetition", 0xFBCEA83C8A378BF1UL)]
    public void XxHash64_MatchesReferenceVectors(string input, ulong expected)
    {
        Assert.Equal(expected, FactKey.XxHash64(Encoding.UTF8.GetBytes(input)));
    }

    [Fact]
    public void Of_SeparatesParts_SoShiftedBoundariesDiffer()
    {
        Assert.NotEqual(FactKey.Of("ab", "c"), FactKey.Of("a", "bc"));
        Assert.Equal(FactKey.Of("ab", "c"), FactKey.Of("ab", "c"));
    }

    [Fact]
    public void Of_LongIdentity_UsesPooledBuffer_AndIsStable()
    {
        var part = new string('x', 3000);
        Assert.Equal(FactKey.Of(part, "1"), FactKey.Of(part, "1"));
        Assert.NotEqual(FactKey.Of(part, "1"), FactKey.Of(part, "2"));
    }

    [Fact]
    public void CostKey_WithoutACampaign_IsTheKeyItHadBefore_AndACampaignMakesADifferentFact()
    {
        var month = new YearMonth(2026, 3);
        var department = new CostFact(month, "KOL", CostCategory.KolFee, 100m, CostKind.Fixed);

        // The key of costs before they could carry a campaign: files exported then re-import as "already present".
        Assert.Equal(FactKey.Of("cost", "2026-03", "kol", "KolFee"), department.Key);
        Assert.Equal(FactKey.Of("cost", "2026-03", "kol", "KolFee", "bp-launch"), new CostFact(month, "KOL", CostCategory.KolFee, 100m, CostKind.Fixed, "bp-launch").Key);
        Assert.NotEqual(department.Key, new CostFact(month, "KOL", CostCategory.KolFee, 100m, CostKind.Fixed, "bp-launch").Key);
    }
}
