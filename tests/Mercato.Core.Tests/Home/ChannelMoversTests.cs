using Mercato.Core.Home;

namespace Mercato.Core.Tests.Home;

public class ChannelMoversTests
{
    private static ChannelMonth C(string channel, decimal spend, decimal cost, double? roi) => new(channel, spend, cost, roi);

    [Fact]
    public void Moves_PairEveryChannelOfEitherMonth_AMissingMonthSpentNothing()
    {
        var moves = ChannelMovers.Moves([C("b", 100, 110, 0.5), C("a", 50, 50, null)], [C("b", 80, 90, 0.2), C("c", 10, 10, 1.0)]);
        Assert.Equal(["a", "b", "c"], moves.Select(m => m.Channel));
        Assert.Equal(new ChannelMove("a", 50, 0, null, null), moves[0]);
        Assert.Equal(-50m, moves[0].SpendChange);
        Assert.Null(moves[0].RoiChange);
        Assert.Equal(-20m, moves[1].SpendChange);
        Assert.Equal(-0.3, moves[1].RoiChange!.Value, 12);
        Assert.Equal(10m, moves[2].SpendChange);
    }

    [Fact]
    public void BySpend_RanksTheLargestMoveInEitherDirection_LeavesOutStillChannels_TiesByName()
    {
        var before = new[] { C("sem", 1000, 1000, 0.1), C("feed", 500, 500, 0.1), C("email", 20, 20, 0.1), C("kol", 300, 300, 0.1) };
        var now = new[] { C("sem", 700, 700, 0.1), C("feed", 800, 800, 0.1), C("email", 20, 20, 0.1), C("new", 300, 300, 0.1) };
        var ranked = ChannelMovers.BySpend(before, now);
        // sem −300, feed +300, kol −300 (gone), new +300 (new): all 300, by name; email did not move.
        Assert.Equal(["feed", "kol", "new", "sem"], ranked.Select(m => m.Channel));
        Assert.Equal(["feed"], ChannelMovers.BySpend(before, now, 1).Select(m => m.Channel));
    }

    [Fact]
    public void ByRoi_RanksMaterialChannelsWithAnRoiInBothMonths_ByTheSizeOfTheirMove()
    {
        // Totals: 10,000 before, 10,000 now; 1% is 100.
        var before = new[] { C("sem", 5000, 5000, 0.10), C("feed", 4850, 4850, 0.50), C("tiny", 50, 50, -0.9), C("seo", 0, 0, null), C("kol", 100, 100, 0.2) };
        var now = new[] { C("sem", 5000, 5000, 0.40), C("feed", 4850, 4850, 0.45), C("tiny", 50, 50, 5.0), C("seo", 0, 0, null), C("kol", 100, 100, 0.2) };
        var ranked = ChannelMovers.ByRoi(before, now);
        // tiny moved most but cost 0.5% of the month; seo has no ROI; kol did not move.
        Assert.Equal(["sem", "feed"], ranked.Select(m => m.Channel));
        Assert.Equal(0.30, ranked[0].RoiChange!.Value, 12);
        Assert.Equal(-0.05, ranked[1].RoiChange!.Value, 12);
    }

    [Fact]
    public void ByRoi_NeedsTheChannelMaterialInBothMonths_AtExactlyOnePercent()
    {
        var before = new[] { C("a", 99, 99, 0.1), C("b", 9901, 9901, 0.1) };
        var now = new[] { C("a", 100, 100, 0.9), C("b", 9900, 9900, 0.2) };
        Assert.Equal(["b"], ChannelMovers.ByRoi(before, now).Select(m => m.Channel));
        var exactly = new[] { C("a", 100, 100, 0.1), C("b", 9900, 9900, 0.1) };
        Assert.Equal(["a", "b"], ChannelMovers.ByRoi(exactly, now).Select(m => m.Channel));
        Assert.Empty(ChannelMovers.ByRoi([], now));
    }
}
