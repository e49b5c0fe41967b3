using Mercato.Core.Measurement.Funnels;

namespace Mercato.Core.Tests.Measurement.Funnels;

/// <summary>
/// The funnel rules on hand-worked users (docs/measurement.md, Funnels). Times are minutes after 2026-01-01T00:00Z; the
/// period is that day and the next unless a test says otherwise.
/// </summary>
public sealed class FunnelWalkTests
{
    private static readonly long T0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private const long Minute = 60_000;
    private const long Day = 86_400_000;
    private static readonly long PeriodEnd = T0 + (2 * Day);

    private static long M(double minutes) => T0 + (long)(minutes * Minute);

    private static FunnelDefinition Funnel(string steps, FunnelOrder order = FunnelOrder.Strict, int within = 30) =>
        FunnelDefinition.Parse(FunnelDefinition.SplitList(steps), order, within).Value!;

    private static double[] P(params double[] minutes) => minutes;

    private static FunnelEvent E(string word, double minutes) => new(word, M(minutes));

    /// <summary>The path as minutes after T0, or null.</summary>
    private static double[]? Walk(FunnelDefinition funnel, params FunnelEvent[] events) =>
        FunnelWalk.Walk(funnel, events, T0, PeriodEnd)?.Reached.Select(t => (t - T0) / (double)Minute).ToArray();

    [Fact]
    public void StrictAndLoose_DifferWhenLaterStepsComeOutOfOrder()
    {
        // signup 0, purchase 10, install 20: in strict order no purchase follows the install; loosely all three are done by 20.
        FunnelEvent[] user = [E("signup", 0), E("purchase", 10), E("install", 20)];

        Assert.Equal(P(0, 20), Walk(Funnel("signup,install,purchase"), user));
        Assert.Equal(P(0, 20, 20), Walk(Funnel("signup,install,purchase", FunnelOrder.Loose), user));
    }

    [Fact]
    public void NoStepIsSkipped_InEitherOrder()
    {
        FunnelEvent[] user = [E("signup", 0), E("purchase", 5)];

        Assert.Equal(P(0), Walk(Funnel("signup,install,purchase"), user));
        Assert.Equal(P(0), Walk(Funnel("signup,install,purchase", FunnelOrder.Loose), user));
    }

    [Fact]
    public void StrictStep_TakesTheFirstOccurrenceAfterThePreviousStep()
    {
        // purchase 1 comes before the install; strict takes purchase 3 (the user's second), then purchase 4 as the repeat.
        FunnelEvent[] user = [E("signup", 0), E("purchase", 1), E("install", 2), E("purchase", 3), E("purchase", 4)];

        Assert.Equal(P(0, 2, 3, 4), Walk(Funnel("signup,install,purchase,purchase#2"), user));
        // Loose: purchase 1 is the first purchase (done when the install is, at 2) and purchase 3 the repeat.
        Assert.Equal(P(0, 2, 2, 3), Walk(Funnel("signup,install,purchase,purchase#2", FunnelOrder.Loose), user));
    }

    [Fact]
    public void NthOccurrence_IsTheUsersNthOfThatWordFromThePeriodStart()
    {
        var repeat = Funnel("signup,purchase,purchase#2");

        Assert.Equal(P(0, 5, 7), Walk(repeat, E("signup", 0), E("purchase", 5), E("purchase", 7), E("purchase", 9)));
        Assert.Equal(P(0, 5), Walk(repeat, E("signup", 0), E("purchase", 5)));
        // A second purchase without the first as a step: the second purchase itself.
        Assert.Equal(P(0, 8), Walk(Funnel("signup,purchase#2"), E("signup", 0), E("purchase", 5), E("purchase", 8)));
        // A purchase in the period before the signup is the user's first: the one after the signup is their second.
        Assert.Equal(P(5, 8), Walk(repeat, E("purchase", 2), E("signup", 5), E("purchase", 8)));
        // Before the period it is not read, so the one after the signup is the first.
        Assert.Equal(P(0, 5), Walk(repeat, E("purchase", -3 * 24 * 60), E("signup", 0), E("purchase", 5)));
        Assert.Equal(P(0, 5, 7), Walk(repeat, E("purchase", -3 * 24 * 60), E("signup", 0), E("purchase", 5), E("purchase", 7)));
    }

    [Fact]
    public void EntryOccurrence_EntersAtTheNthEventOfStepOne()
    {
        // The second login (10) is the entry; the post at 5 is before it.
        FunnelEvent[] user = [E("login", 0), E("post", 5), E("login", 10), E("post", 15)];

        Assert.Equal(P(10, 15), Walk(Funnel("login#2,post"), user));
        Assert.Equal(P(10, 15), Walk(Funnel("login#2,post", FunnelOrder.Loose), user));
        Assert.Null(Walk(Funnel("login#3,post"), user));
    }

    [Fact]
    public void Window_CountsEventsBeforeEntryPlusTheDays_TheExactEndOutside()
    {
        var funnel = Funnel("signup,install", within: 1);

        Assert.Equal([T0, T0 + Day - 1], FunnelWalk.Walk(funnel, [E("signup", 0), new FunnelEvent("install", T0 + Day - 1)], T0, PeriodEnd)!.Reached);
        Assert.Equal(P(0), Walk(funnel, E("signup", 0), E("install", 24 * 60)));
        Assert.Equal(P(0, 24 * 60), Walk(Funnel("signup,install", within: 2), E("signup", 0), E("install", 24 * 60)));
    }

    [Fact]
    public void UsersWithoutStepOneInThePeriod_AreNotInTheFunnel()
    {
        var funnel = Funnel("signup,install");

        Assert.Null(Walk(funnel, E("install", 5), E("login", 6)));
        Assert.Null(Walk(funnel));
        // Before the period, and at its exclusive end.
        Assert.Null(Walk(funnel, E("signup", -1), E("install", 5)));
        Assert.Null(Walk(funnel, new FunnelEvent("signup", PeriodEnd), new FunnelEvent("install", PeriodEnd + 5)));
        Assert.Equal([PeriodEnd - 1], FunnelWalk.Walk(funnel, [new FunnelEvent("signup", PeriodEnd - 1)], T0, PeriodEnd)!.Reached);
    }

    [Fact]
    public void TiesAtTheSameInstant_CountAsInOrder_ButOneEventMakesOneStep()
    {
        Assert.Equal(P(3, 3), Walk(Funnel("signup,install"), E("install", 3), E("signup", 3)));
        Assert.Equal(P(3, 3), Walk(Funnel("install,signup"), E("signup", 3), E("install", 3)));
        Assert.Equal(P(3), Walk(Funnel("purchase,purchase"), E("purchase", 3)));
        Assert.Equal(P(3, 3), Walk(Funnel("purchase,purchase"), E("purchase", 3), E("purchase", 3)));
        Assert.Equal(P(3, 3, 3), Walk(Funnel("signup,purchase,purchase#2"), E("purchase", 3), E("signup", 3), E("purchase", 3)));
    }

    [Fact]
    public void EventsOfOtherWords_AreIgnored()
    {
        Assert.Equal(P(0, 9), Walk(Funnel("signup,install"), E("view", -1), E("signup", 0), E("login", 1), E("install", 9)));
    }

    [Fact]
    public void Tally_GivesUsersConversionDropOffAndTimesFromThePreviousStep()
    {
        var funnel = Funnel("signup,install,purchase");
        var tally = new FunnelTally(funnel);
        // Four users enter; three install after 10, 20 and 40 minutes; two of those purchase after 60 and 30 minutes.
        tally.Add(FunnelWalk.Walk(funnel, [E("signup", 0), E("install", 10), E("purchase", 70)], T0, PeriodEnd)!, "paid_search");
        tally.Add(FunnelWalk.Walk(funnel, [E("signup", 0), E("install", 20)], T0, PeriodEnd)!, "paid_search");
        tally.Add(FunnelWalk.Walk(funnel, [E("signup", 100), E("install", 140), E("purchase", 170)], T0, PeriodEnd)!, FunnelSplits.Unknown);
        tally.Add(FunnelWalk.Walk(funnel, [E("signup", 5)], T0, PeriodEnd)!, FunnelSplits.Unknown);

        var total = tally.Total();
        Assert.Null(total.Key);
        Assert.Equal(4, total.Entered);
        Assert.Equal(0.5, total.Conversion);
        Assert.Equal(
            [
                new FunnelStepFigures("signup", "signup", 1, 4, null, 1.0, 0, null, null, null),
                // Gaps 10, 20, 40 minutes: median 20, p75 at rank 1.5 → 30, mean 70/3.
                new FunnelStepFigures("install", "install", 1, 3, 0.75, 0.75, 1, 1200, 1800, 1400),
                // Gaps 60, 30: median 45, p75 at rank 0.75 → 52.5, mean 45.
                new FunnelStepFigures("purchase", "purchase", 1, 2, 2.0 / 3, 0.5, 1, 2700, 3150, 2700),
            ],
            total.Steps);
        var groups = tally.Groups();
        Assert.Equal(["paid_search", "unknown"], groups.Select(g => g.Key));
        Assert.Equal([2L, 2L, 1L], groups[0].Steps.Select(s => s.Users));
        Assert.Equal([2L, 1L, 1L], groups[1].Steps.Select(s => s.Users));
        Assert.Equal(2400, groups[1].Steps[1].MedianSecondsFromPrevious);
    }

    [Fact]
    public void Tally_WithNobody_HasNoRatesOrTimes()
    {
        var figures = new FunnelTally(Funnel("signup,install")).Total();

        Assert.Equal(0, figures.Entered);
        Assert.Null(figures.Conversion);
        Assert.All(figures.Steps, s => Assert.True(s is { Users: 0, ConversionFromPrevious: null, ConversionFromEntry: null, MedianSecondsFromPrevious: null }));
    }

    [Fact]
    public void Quantile_InterpolatesBetweenRanks()
    {
        Assert.Equal(15, FunnelTally.Quantile([10, 20], 0.5));
        Assert.Equal(17.5, FunnelTally.Quantile([10, 20], 0.75));
        Assert.Equal(7, FunnelTally.Quantile([7], 0.75));
        Assert.Null(FunnelTally.Quantile([], 0.5));
    }

    [Theory]
    [InlineData("purchase", "purchase", 1)]
    [InlineData(" Purchase#2 ", "purchase", 2)]
    [InlineData("first_order#100", "first_order", 100)]
    public void Step_Parses(string text, string word, int occurrence)
    {
        Assert.True(FunnelStep.TryParse(text, out var step));
        Assert.Equal(new FunnelStep(word, occurrence), step);
    }

    [Theory]
    [InlineData("")]
    [InlineData("purchase#")]
    [InlineData("purchase#0")]
    [InlineData("purchase#02")]
    [InlineData("purchase#101")]
    [InlineData("#2")]
    [InlineData("first order")]
    [InlineData("purchase#2#3")]
    [InlineData("a-b")]
    public void Step_RefusesWhatIsNotAWordWithAnOccurrence(string text) => Assert.False(FunnelStep.TryParse(text, out _));

    [Fact]
    public void Definition_ListsEveryProblem()
    {
        var outcome = FunnelDefinition.Parse(["signup", "bad word", ""], FunnelOrder.Loose, 0);

        Assert.Equal(
            [("steps[1]", FunnelCodes.StepMalformed), ("steps[2]", FunnelCodes.StepMalformed), ("withinDays", CommonCodes.OutOfRange)],
            outcome.Problems.Select(p => (p.Path, p.Code)));
        Assert.Equal(("steps", CommonCodes.OutOfRange), FunnelDefinition.Parse(["signup"]).Problems.Select(p => (p.Path, p.Code)).Single());
        Assert.Equal(["signup", "purchase"], Funnel("signup,purchase,purchase#2").Events);
        Assert.Equal("signup,purchase#2", string.Join(',', Funnel(" signup , purchase#2").Steps));
    }
}
