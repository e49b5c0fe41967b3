using Mercato.Core.Campaigns;

namespace Mercato.Core.Tests.Campaigns;

/// <summary>The short text forms of the campaign form and the CLI: read, refused with a reason, written back.</summary>
public class CampaignInputTests
{
    [Theory]
    [InlineData("douyin_ads=50000", BudgetItemKind.Channel, "douyin_ads", "50000")]
    [InlineData("kol_fee = 20,000.50", BudgetItemKind.Cost, "kol_fee", "20000.50")]
    [InlineData("KOL_FEE=1", BudgetItemKind.Cost, "KOL_FEE", "1")]
    [InlineData("channel:event=300", BudgetItemKind.Channel, "event", "300")]
    [InlineData("cost:agency=0.25", BudgetItemKind.Cost, "agency", "0.25")]
    [InlineData("a=b=7", BudgetItemKind.Channel, "a=b", "7")]
    public void BudgetLine_ReadsTheKindItemAndAmount(string text, BudgetItemKind kind, string item, string amount)
    {
        var line = CampaignInput.BudgetLine(text, out var error);

        Assert.Null(error);
        Assert.Equal(new BudgetLine(kind, item, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)), line);
        Assert.Equal(line, CampaignInput.BudgetLine(CampaignInput.Format(line!), out _));
    }

    [Theory]
    [InlineData("douyin_ads")]
    [InlineData("=5")]
    [InlineData("douyin_ads=five")]
    [InlineData("douyin_ads=1e3")]
    public void BudgetLine_RefusesWhatIsNotItemEqualsAmount(string text)
    {
        Assert.Null(CampaignInput.BudgetLine(text, out var error));
        Assert.Equal(Message.Of(CampaignCodes.BudgetLineSyntax, ("text", text)), error);
    }

    [Fact]
    public void Objective_ReadsKpiAndTarget_AndWritesThemBack()
    {
        Assert.Equal(new Objective("roi", 0.5), CampaignInput.Objective("roi=0.5", out _));
        Assert.Equal(new Objective("participants", 5000), CampaignInput.Objective(" participants = 5,000 ", out _));
        Assert.Equal("roi=0.1", CampaignInput.Format(new Objective("roi", 0.1)));
        Assert.Null(CampaignInput.Objective("roi", out var error));
        Assert.Equal(Message.Of(CampaignCodes.ObjectiveSyntax, ("text", "roi")), error);
    }

    [Fact]
    public void Milestone_ReadsDateNameAndDone_AndWritesThemBack()
    {
        var open = CampaignInput.Milestone("2026-03-01 Press day", out _);
        var done = CampaignInput.Milestone("x 2026-03-02  Venue booked ", out _);

        Assert.Equal(new Milestone("Press day", new DateOnly(2026, 3, 1)), open);
        Assert.Equal(new Milestone("Venue booked", new DateOnly(2026, 3, 2), Done: true), done);
        Assert.Equal("x 2026-03-02 Venue booked", CampaignInput.Format(done!));
        Assert.Equal(open, CampaignInput.Milestone(CampaignInput.Format(open!), out _));
        foreach (var bad in new[] { "Press day", "2026-02-30 Press day", "2026-03-01", "x 2026-03-01 " })
        {
            Assert.Null(CampaignInput.Milestone(bad, out var error));
            Assert.Equal(Message.Of(CampaignCodes.MilestoneSyntax, ("text", bad)), error);
        }
    }

    [Fact]
    public void Link_ReadsLabelAndUrl_AndWritesThemBack()
    {
        var link = CampaignInput.Link("Launch page | https://example.com/a?b=1", out _);

        Assert.Equal(new KitLink("Launch page", "https://example.com/a?b=1"), link);
        Assert.Equal("Launch page | https://example.com/a?b=1", CampaignInput.Format(link!));
        Assert.Null(CampaignInput.Link("https://example.com", out var error));
        Assert.Equal(Message.Of(CampaignCodes.LinkSyntax, ("text", "https://example.com")), error);
        Assert.Null(CampaignInput.Link(" | https://example.com", out _));
    }

    [Fact]
    public void Lines_AreTheTrimmedNonEmptyLines()
    {
        Assert.Equal(["a", "b c"], CampaignInput.Lines(" a \r\n\n  b c\n"));
        Assert.Empty(CampaignInput.Lines(null));
    }
}
