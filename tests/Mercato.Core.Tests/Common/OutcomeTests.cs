using Mercato.Core.Campaigns;

namespace Mercato.Core.Tests.Common;

public class OutcomeTests
{
    [Fact]
    public void Ok_HasNoCodeNoArgumentsAndNoProblems()
    {
        var ok = Outcome.Ok();

        Assert.Equal((OutcomeKind.Ok, (string?)null, 0, 0, true), (ok.Kind, ok.Code, ok.Args.Count, ok.Problems.Count, ok.IsOk));
    }

    [Fact]
    public void OkWithAValue_CarriesIt()
    {
        var ok = Outcome<string>.Ok("bp-launch");

        Assert.True(ok.IsOk);
        Assert.Equal("bp-launch", ok.Value);
        Assert.Null(ok.Code);
    }

    [Fact]
    public void NotFound_Refused_AndMovedMeanwhile_CarryTheirCodeAndArguments()
    {
        var args = MessageArgs.Of(("id", "bp-launch"));

        var missing = Outcome.NotFound(CampaignCodes.CampaignNotFound, args);
        var refused = Outcome<Campaign>.Refused(LifecycleCodes.NoSquad, MessageArgs.Of(("campaign", "bp-launch")));
        var moved = Outcome.MovedMeanwhile(args);

        Assert.Equal((OutcomeKind.NotFound, "campaign_not_found", args), (missing.Kind, missing.Code, missing.Args));
        Assert.Equal((OutcomeKind.Refused, "no_squad", false), (refused.Kind, refused.Code, refused.IsOk));
        Assert.Null(refused.Value);
        Assert.Equal((OutcomeKind.MovedMeanwhile, CommonCodes.MovedMeanwhile, args), (moved.Kind, moved.Code, moved.Args));
        Assert.Empty(Outcome.Refused("x").Args);
    }

    [Fact]
    public void Invalid_CarriesEveryProblem_AndTheirCount()
    {
        Problem[] problems = [new("name", CommonCodes.Required), Problem.Of("budget[0].planned", CommonCodes.Negative)];

        var invalid = Outcome<Campaign>.Invalid(problems);

        Assert.Equal((OutcomeKind.Invalid, CommonCodes.Invalid), (invalid.Kind, invalid.Code));
        Assert.Equal(MessageArgs.Of(("count", 2)), invalid.Args);
        Assert.Equal(problems, invalid.Problems);
        Assert.Throws<ArgumentException>(() => Outcome.Invalid([]));
    }

    [Fact]
    public void AFailureCarriesOverToAnotherResultType_ButOkDoesNot()
    {
        var refused = Outcome.Refused(CampaignCodes.SquadLeadRequired, MessageArgs.Of(("campaigns", new[] { "a" })));

        var carried = Outcome<Squad>.From(refused);

        Assert.Equal((refused.Kind, refused.Code, refused.Args), (carried.Kind, carried.Code, carried.Args));
        Assert.Throws<ArgumentException>(() => Outcome<Squad>.From(Outcome.Ok()));
        Assert.Throws<ArgumentException>(() => Outcome.Refused(""));
    }
}
