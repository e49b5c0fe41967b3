using Mercato.Core.Campaigns;
using static Mercato.Core.Tests.Campaigns.Fx;

namespace Mercato.Core.Tests.Campaigns;

public class SquadAttachmentTests
{
    [Fact]
    public void Attach_NewSquad_IsLedAndTimeBoxedToTheCampaign()
    {
        var squad = SquadAttachment.Attach(null, "s1", null, "li-na", [new("wang-wei", SquadRole.Creative)], Launch());

        Assert.Equal(new Squad("s1", "s1", [new("li-na", SquadRole.Lead), new("wang-wei", SquadRole.Creative)], D(3, 1), D(3, 31), ["bp-launch"]), squad);
    }

    [Fact]
    public void Detach_InPlanning_TakesTheCampaignOffAndKeepsTheRest()
    {
        var squad = SquadFor("bp-launch") with { Campaigns = ["other", "bp-launch"] };

        var (detached, refusal) = SquadAttachment.Detach(squad, Launch(), [squad]);

        Assert.Null(refusal);
        Assert.Equal(squad with { Campaigns = ["other"] }, detached);
    }

    [Fact]
    public void Detach_PastPlanning_KeepsTheLastLedSquad_ButLetsOneGoWhenAnotherLeadsIt()
    {
        var campaign = InStage(Launch(), CampaignStage.Promotion, T0);
        var first = SquadFor("bp-launch");
        var unled = SquadFor("bp-launch", "helpers", lead: false);
        var second = SquadFor("bp-launch", "second");

        var (_, alone) = SquadAttachment.Detach(first, campaign, [first, unled]);
        var (detached, refusal) = SquadAttachment.Detach(first, campaign, [first, unled, second]);

        Assert.Equal(Message.Of(CampaignCodes.SquadLeadRequired, ("campaign", "bp-launch"), ("stage", "promotion"), ("campaigns", new[] { "bp-launch" })), alone);
        Assert.Null(refusal);
        Assert.Empty(detached!.Campaigns);
    }

    [Fact]
    public void Detach_RefusesAClosedCampaign_AndASquadNotOnIt()
    {
        var squad = SquadFor("bp-launch");
        var other = SquadFor("bp-launch", "second");

        Assert.Equal(Message.Of(CampaignCodes.SquadsPartOfRecord, ("campaign", "bp-launch"), ("stage", "closed")),
            SquadAttachment.Detach(squad, InStage(Launch(), CampaignStage.Closed, T0), [squad, other]).Refusal);
        Assert.Equal(Message.Of(CampaignCodes.SquadNotOnCampaign, ("squad", "launch-squad"), ("campaign", "x")), SquadAttachment.Detach(squad, Launch("x"), [squad]).Refusal);
    }

    [Fact]
    public void LeadRefusal_AChangeMayNotLeaveACampaignPastPlanningUnled()
    {
        var promoted = InStage(Launch(), CampaignStage.Promotion, T0);
        var draft = Launch("draft");
        var led = SquadFor("bp-launch") with { Campaigns = ["bp-launch", "draft"] };
        var unled = led with { Members = [new("li-na", SquadRole.Media)] };
        var backup = SquadFor("bp-launch", "backup");
        Squad[] alone = [led];

        Assert.Equal(Message.Of(CampaignCodes.SquadLeadRequired, ("campaign", "bp-launch"), ("stage", "promotion"), ("campaigns", new[] { "bp-launch" })),
            SquadAttachment.LeadRefusal(alone, SquadAttachment.Replace(alone, led.Id, unled), [promoted, draft]));
        Assert.NotNull(SquadAttachment.LeadRefusal(alone, SquadAttachment.Replace(alone, led.Id, null), [promoted, draft]));
        Assert.Null(SquadAttachment.LeadRefusal([led, backup], [unled, backup], [promoted, draft]));
        Assert.Null(SquadAttachment.LeadRefusal(alone, [unled], [draft]));
        // A campaign that was already unled is not the change's doing.
        Assert.Null(SquadAttachment.LeadRefusal([unled], [unled], [promoted]));
    }

    [Theory]
    [InlineData("lin-mei:lead", "lin-mei", SquadRole.Lead)]
    [InlineData(" wang-wei : creative ", "wang-wei", SquadRole.Creative)]
    public void Member_ReadsPersonColonRole_AndFormatsBack(string text, string person, SquadRole role)
    {
        var member = CampaignInput.Member(text, out var error);

        Assert.Null(error);
        Assert.Equal(new SquadMember(person, role), member);
        Assert.Equal(member, CampaignInput.Member(CampaignInput.Format(member!), out _));
    }

    [Theory]
    [InlineData("lin-mei")]
    [InlineData(":lead")]
    [InlineData("lin-mei:boss")]
    public void Member_RefusesWhatIsNotPersonColonRole(string text)
    {
        Assert.Null(CampaignInput.Member(text, out var error));
        Assert.Equal(Message.Of(CampaignCodes.MemberSyntax, ("text", text), ("roles", EnumWords.All<SquadRole>())), error);
        Assert.Equal("lead", EnumWords.All<SquadRole>()[0]);
    }
}
