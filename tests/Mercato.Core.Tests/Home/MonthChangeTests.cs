using Mercato.Core.Home;

namespace Mercato.Core.Tests.Home;

public class MonthChangeTests
{
    [Fact]
    public void AChange_HasTheDifference_AndTheShareOfTheEarlierValue()
    {
        Assert.Equal(new MonthChange(ChangeKind.Change, 25m, 0.25), MonthChange.Of(125m, 100m));
        Assert.Equal(new MonthChange(ChangeKind.Change, -50m, -0.5), MonthChange.Of(50m, 100m));
        // From a negative base, a rise is a positive change: −100 → −50 is +50%.
        Assert.Equal(new MonthChange(ChangeKind.Change, 50m, 0.5), MonthChange.Of(-50m, -100m));
        Assert.Equal(new MonthChange(ChangeKind.Change, 0m, 0.0), MonthChange.Of(100m, 100m));
    }

    [Fact]
    public void WithoutAnEarlierValue_TheComparisonSaysSo_NeverZeroPercent()
    {
        Assert.Equal(new MonthChange(ChangeKind.NoBase, null, null), MonthChange.Of(125m, null));
        Assert.Equal(new MonthChange(ChangeKind.NoValue, null, null), MonthChange.Of(null, 100m));
        Assert.Equal(new MonthChange(ChangeKind.NoValue, null, null), MonthChange.Of(null, null));
        // From 0 there is a difference but no share.
        Assert.Equal(new MonthChange(ChangeKind.Change, 40m, null), MonthChange.Of(40m, 0m));
    }
}
