using Mercato.Core.Demo;
using Mercato.Core.Influencers;
using Mercato.Core.Measurement.Attribution;
using Mercato.Features.Demo;
using Mercato.Features.Influencers;

namespace Mercato.Tests;

/// <summary>What the audits show on the demo company against its ground truth (docs/demo-company.md, Influencers).</summary>
public class InfluencerDemoTests
{
    private static readonly DemoOptions Small = new(42, DemoScale.Small, new YearMonth(2026, 3));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Audits_FindTheBoughtFollowersAndTheConverter_AsTheTruthSays()
    {
        await using var w = await TestWorkspace.OpenAsync();
        Assert.True((await w.Get<DemoUseCases>().LoadAsync(Small, null, Ct)).IsOk);
        var truth = (await w.Get<DemoUseCases>().GroundTruthAsync(Ct))!.Influencers!;
        var audits = w.Get<InfluencerAuditUseCases>();

        // The demo trains the workspace model on its hand-checked followers; the held-out 500 score as recorded in docs/influencers.md.
        var trained = (await audits.TrainedAsync(Ct))!;
        Assert.Equal(DemoInfluencers.VerifiedSource, trained.TrainedOn);
        Assert.InRange(trained.Holdout!.Accuracy, 0.90, 1.0);

        // Every influencer's estimated fake share is within 5 points of the sampled truth; the 95% intervals (sampling noise
        // only, not the classifier's own error) hold it for 7 of the 8 (kol-dr-tang: 22 of 400 fake, 5.5%, interval 0.4% to 5.3%).
        var ranking = (await audits.RankingAsync("fake_share", AttributionModel.Linear, Ct)).Value!;
        var covered = 0;
        foreach (var figures in truth.Influencers)
        {
            var line = Assert.Single(ranking.Lines, l => l.Influencer == figures.Id);
            var sampled = figures.SampledFake / (double)figures.SampleSize;
            Assert.InRange(line.FakeShare!.Share, sampled - 0.05, sampled + 0.05);
            covered += sampled >= line.FakeShare.Low && sampled <= line.FakeShare.High ? 1 : 0;
        }

        Assert.Equal(7, covered);

        // Sorted by fake share, the bought-follower account comes first.
        Assert.Equal(truth.BoughtFollowers, ranking.Lines[0].Influencer);

        // Its audit: avoid, a poor audience, engagement below its benchmark, and the one follower jump no post explains on the truth's day.
        var bought = (await audits.AuditAsync(truth.BoughtFollowers, AttributionModel.Linear, Ct)).Value!;
        Assert.Equal((AuditRecommendation.Avoid, AudienceBand.Poor), (bought.Verdict.Recommendation, bought.Verdict.Audience));
        Assert.Equal(EngagementVerdict.BelowLow, bought.Verdict.Engagement!.Verdict);
        var jump = Assert.Single(bought.Profile.Growth!.Jumps, j => !j.Explained);
        Assert.Contains(jump.Day, truth.JumpDays);
        Assert.InRange(jump.Gained, 0.9 * truth.JumpFollowers, 1.1 * truth.JumpFollowers);

        // The viral post explains its account's jump.
        var viral = (await audits.ProfileAsync(truth.ViralInfluencer, AttributionModel.Linear, Ct)).Value!;
        Assert.Contains(viral.Growth!.Jumps, j => j.Explained && j.ExplainingPost == truth.ViralPost);

        // The converter: a good audience, engagement above its benchmark, and of all influencers the lowest cost per conversion it brought
        // (fees ÷ last-touch conversions; the lift model's per-code estimates are too noisy at this scale to rank on, see docs/influencers.md).
        var converter = (await audits.AuditAsync(truth.Converter, AttributionModel.Linear, Ct)).Value!;
        Assert.Equal(AudienceBand.Good, converter.Verdict.Audience);
        Assert.Contains(converter.Verdict.Engagement!.Verdict, new[] { EngagementVerdict.AboveMedian, EngagementVerdict.FarAbove });
        var perConversion = ranking.Lines.Where(l => l.Money.Inputs.Conversions > 0).ToDictionary(l => l.Influencer, l => l.Money.Returns.Cost / l.Money.Inputs.Conversions);
        Assert.Equal(truth.Converter, perConversion.MinBy(p => p.Value).Key);
        var trueCost = truth.Influencers.Where(f => f.IncrementalConversions > 0).MinBy(f => (double)f.Fees / f.IncrementalConversions)!;
        Assert.Equal(truth.Converter, trueCost.Id);

        // Touches joined by code: each influencer's touches are the truth's KOL touches; fees the truth's booked fees.
        foreach (var figures in truth.Influencers)
        {
            var money = Assert.Single(ranking.Lines, l => l.Influencer == figures.Id).Money;
            Assert.Equal((figures.Touchpoints, figures.Fees), (money.Inputs.Touches, money.Inputs.Fees + money.Inputs.OtherCosts));
        }

        // The candidate has no collaboration that ran: its audit is a pre-signing one.
        Assert.Empty((await audits.AuditAsync(truth.Candidate, AttributionModel.Linear, Ct)).Value!.Profile.Collaborations);
    }

    [Fact]
    public async Task AtMedium_TheLiftModelByCode_RanksTheConverterFirstAndTheBoughtAccountLast()
    {
        await using var w = await TestWorkspace.OpenAsync();
        Assert.True((await w.Get<DemoUseCases>().LoadAsync(Small with { Scale = DemoScale.Medium }, null, Ct)).IsOk);
        var truth = (await w.Get<DemoUseCases>().GroundTruthAsync(Ct))!.Influencers!;
        var ranking = (await w.Get<InfluencerAuditUseCases>().RankingAsync("cpic", AttributionModel.Linear, Ct)).Value!;

        // By cost per incremental conversion the converter is first and the bought-follower account last, as in the truth.
        var paid = ranking.Lines.Where(l => l.Money.Returns.CostPerIncrementalConversion is not null).ToList();
        // Six of the seven paid influencers get an estimate; kol-mama-chen's lift fits to 0 (truth: 21.7 incremental conversions).
        Assert.Equal(6, paid.Count);
        Assert.Equal((truth.Converter, truth.BoughtFollowers), (paid[0].Influencer, paid[^1].Influencer));

        // The lift model's incremental conversions, summed over the influencers, within 30% of the truth's (measured: docs/influencers.md).
        var estimated = paid.Sum(l => l.Money.Inputs.IncrementalConversions!.Value);
        var actual = truth.Influencers.Sum(f => f.IncrementalConversions);
        Assert.InRange(estimated / actual, 0.7, 1.3);
    }
}
