using System.Text.RegularExpressions;
using Mercato.Core.DataCenter;
using Mercato.Core.Demo;
using Mercato.Core.Influencers;

namespace Mercato.Core.Tests.Demo;

/// <summary>The demo's influencers (docs/demo-company.md, Influencers): the directory, the KOL touches and fees, the audit facts, against the truth.</summary>
public partial class DemoInfluencersTests
{
    private static readonly YearMonth LastMonth = new(2026, 3);
    private static readonly DemoOptions Options = new(42, DemoScale.Small, LastMonth);

    private static readonly Lazy<Run> With = new(() =>
    {
        var sink = new ListSink();
        var truth = DemoCompany.Generate(Options, sink);
        var facts = new ListSink();
        var count = DemoInfluencers.Emit(Options, facts);
        return new Run(sink.Facts, truth, facts.Facts, count, DemoInfluencers.Build(truth), DemoCampaigns.Build(truth));
    });

    private static readonly Lazy<(List<IFact> Facts, DemoGroundTruth Truth)> Without = new(() =>
    {
        var sink = new ListSink();
        var truth = new DemoGenerator(Options.Seed, Options.Scale, DemoCompany.UserCount(Options.Scale), LastMonth, sink, influencers: false).Run();
        return (sink.Facts, truth);
    });

    private static DemoInfluencerTruth Truth => With.Value.Truth.Influencers!;

    private static IReadOnlyList<Influencer> Directory => With.Value.Directory;

    private static DateOnly FirstDay => LastMonth.AddMonths(-11).FirstDay;

    private static DateOnly LastDay => LastMonth.AddMonths(1).FirstDay.AddDays(-1);

    private static bool IsKolFee(IFact f) => f is CostFact { Channel: "kol", Category: CostCategory.KolFee };

    [Fact]
    public void Build_TheDirectoryHoldsEightInfluencers_WithUniqueIdsAndCodes_NoneACampaignsCode()
    {
        var workspace = With.Value.Workspace;
        var campaignCodes = workspace.Campaigns.SelectMany(c => c.Codes.Append(c.Id)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var campaignIds = workspace.Campaigns.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(8, Directory.Count);
        Assert.Equal(Directory.Count, Directory.Select(i => i.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(Directory, i => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", i.Id));
        Assert.True(Directory.Select(i => i.Platform).Distinct().Count() >= 6, "at least six platforms");
        var codes = Directory.SelectMany(i => i.Codes.All.Select(c => c.Code)).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.DoesNotContain(codes, campaignCodes.Contains);
        Assert.All(Directory, i =>
        {
            Assert.InRange(i.Codes.Referral.Count, 1, 2);
            Assert.Single(i.Codes.Costs);
            Assert.NotEmpty(i.Categories);
            Assert.NotEmpty(i.RateCard);
            Assert.Matches(HanRegex(), i.Name);
            Assert.All(i.Collaborations, c =>
            {
                Assert.Contains(c.Campaign!, campaignIds);
                Assert.True(c.End >= c.Start);
                Assert.True(c.AgreedFee > 0);
            });
            Assert.Equal(i.Collaborations.Count, i.Collaborations.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
        });
    }

    [Fact]
    public void Build_CollaborationsAreInTheWindow_ActiveWhenRunningToItsEnd_AndTheCandidateOnlyProposed()
    {
        var candidate = Directory.Single(i => i.Id == Truth.Candidate);
        var proposed = Assert.Single(candidate.Collaborations);
        Assert.Equal(CollaborationStatus.Proposed, proposed.Status);
        Assert.True(proposed.Start > LastDay);
        Assert.Equal(0, Truth.Influencers.Single(f => f.Id == Truth.Candidate).Touchpoints);

        var signed = Directory.Where(i => i.Id != Truth.Candidate).ToList();
        Assert.Equal(7, signed.Count);
        Assert.All(signed, i =>
        {
            Assert.NotEmpty(i.Collaborations);
            Assert.Equal(i.Collaborations.OrderBy(c => c.Start).Select(c => c.Id), i.Collaborations.Select(c => c.Id));
            Assert.All(i.Collaborations, c =>
            {
                Assert.InRange(c.Start, FirstDay, LastDay);
                Assert.InRange(c.End, FirstDay, LastDay);
                Assert.Equal(c.End == LastDay ? CollaborationStatus.Active : CollaborationStatus.Completed, c.Status);
            });
        });
        Assert.Contains(signed, i => i.Collaborations.Any(c => c.Status == CollaborationStatus.Active));
        var kolCampaigns = With.Value.Facts.OfType<Touchpoint>().Where(t => t.Channel == "kol").Select(t => t.Campaign!).ToHashSet(StringComparer.Ordinal);
        var covered = signed.SelectMany(i => i.Collaborations).Select(c => c.Campaign!).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(kolCampaigns.Order(StringComparer.Ordinal), covered.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Build_TheInvitedLiveHostsAreTheDirectorysHosts()
    {
        var hosts = With.Value.Workspace.Sessions.Where(s => s.HostKind == HostKind.Influencer).Select(s => s.Host).ToHashSet(StringComparer.Ordinal);
        var directory = Directory.SelectMany(i => i.Codes.Hosts).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(4, hosts.Count);
        Assert.Equal(directory.Order(StringComparer.Ordinal), hosts.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Build_TheMegaAccountIsMega_TheConverterMicro()
    {
        var big = Truth.Influencers.Single(f => f.Id == Truth.BoughtFollowers);
        var micro = Truth.Influencers.Single(f => f.Id == Truth.Converter);

        Assert.Equal(InfluencerTier.Mega, big.Tier);
        Assert.InRange(big.Followers, 2_300_000, 2_500_000);
        Assert.InRange(big.FakeShare, 0.44, 0.46);
        Assert.Equal(InfluencerTier.Micro, micro.Tier);
        Assert.InRange(micro.Followers, 30_000, 60_000);
        Assert.All(Truth.Influencers.Where(f => f.Id != big.Id), f => Assert.InRange(f.FakeShare, 0.03, 0.12));
        Assert.Equal(2_400_000, Directory.Single(i => i.Id == big.Id).DeclaredFollowers);
    }

    [Fact]
    public void Generate_WithAndWithoutInfluencers_OnlyTheKolTouchesCodesAndTheKolFeeRowsDiffer()
    {
        var with = With.Value.Facts.Where(f => !IsKolFee(f)).ToList();
        var without = Without.Value.Facts.Where(f => !IsKolFee(f)).ToList();

        Assert.Equal(without.Count, with.Count);
        var kolDiffers = 0;
        for (var i = 0; i < with.Count; i++)
        {
            if (with[i] is Touchpoint { Channel: "kol" } a && without[i] is Touchpoint b)
            {
                Assert.Null(b.ReferralCode);
                Assert.Equal(b, a with { ReferralCode = null });
                kolDiffers += a.ReferralCode is null ? 0 : 1;
            }
            else
            {
                Assert.Equal(without[i], with[i]);
            }
        }

        Assert.Equal(Truth.Influencers.Sum(f => f.Touchpoints), kolDiffers);
        Assert.Equal(Without.Value.Facts.OfType<Conversion>(), With.Value.Facts.OfType<Conversion>());
        var truth = With.Value.Truth;
        var before = Without.Value.Truth;
        Assert.Null(before.Influencers);
        Assert.Equal(before.Channels, truth.Channels);
        Assert.Equal(before.ChannelMonths, truth.ChannelMonths);
        Assert.Equal(before.Months, truth.Months);
        Assert.Equal(before.Referrals, truth.Referrals);
        Assert.Equal(before.Totals with { CostFacts = truth.Totals.CostFacts }, truth.Totals);
        Assert.Equal(before.Totals.CostFacts + Truth.Fees.Count, truth.Totals.CostFacts);
    }

    [Fact]
    public void Generate_EveryKolTouchCarriesTheCodeOfAnInfluencerRunningOnItsDayAndCampaign()
    {
        var byCode = Directory.SelectMany(i => i.Codes.Referral.Select(c => (Code: c, Influencer: i))).ToDictionary(x => x.Code, x => x.Influencer, StringComparer.Ordinal);
        var kol = With.Value.Facts.OfType<Touchpoint>().Where(t => t.Channel == "kol").ToList();

        Assert.All(kol, t =>
        {
            Assert.NotNull(t.ReferralCode);
            var influencer = byCode[t.ReferralCode];
            var day = DateOnly.FromDateTime(t.Timestamp.UtcDateTime);
            Assert.Contains(influencer.Collaborations, c => c.Campaign == t.Campaign && c.Start <= day && c.End >= day);
        });
        Assert.All(With.Value.Facts.OfType<Touchpoint>().Where(t => t.ReferralCode is { } code && byCode.ContainsKey(code)), t => Assert.Equal("kol", t.Channel));

        // A user keeps one code of an influencer with two.
        var zhao = Directory.Single(i => i.Id == Truth.Converter).Codes.Referral;
        Assert.Equal(2, zhao.Count);
        var users = kol.Where(t => zhao.Contains(t.ReferralCode!)).GroupBy(t => t.UserId).ToList();
        Assert.All(users, g => Assert.Single(g.Select(t => t.ReferralCode).Distinct()));
        Assert.All(zhao, c => Assert.Contains(kol, t => t.ReferralCode == c));
    }

    [Fact]
    public void Truth_TouchesJourneysAndConversionsPerInfluencer_AreTheFacts()
    {
        var facts = With.Value.Facts;
        var conversions = facts.OfType<Conversion>().ToList();
        foreach (var f in Truth.Influencers)
        {
            var touches = facts.OfType<Touchpoint>().Where(t => t.ReferralCode is { } c && f.ReferralCodes.Contains(c)).ToList();
            Assert.Equal(f.Touchpoints, touches.Count);
            Assert.Equal(f.Touchpoints, f.Collaborations.Sum(c => c.Touchpoints));
            Assert.All(f.Collaborations, c => Assert.Equal(c.Touchpoints,
                touches.Count(t => t.Campaign == c.Campaign && DateOnly.FromDateTime(t.Timestamp.UtcDateTime) >= c.Start && DateOnly.FromDateTime(t.Timestamp.UtcDateTime) <= c.End)));
            var users = touches.Select(t => t.UserId).ToHashSet(StringComparer.Ordinal);
            Assert.InRange(f.Journeys, users.Count, f.Touchpoints);
            Assert.InRange(f.Conversions, 0, f.Journeys);
            Assert.True(conversions.Count(c => users.Contains(c.UserId)) >= f.Conversions);
            Assert.InRange(f.Revenue, 0m, conversions.Where(c => users.Contains(c.UserId)).Sum(c => c.Revenue));
        }

        // Removing one influencer's touches removes at most the channel's increment; almost every journey has one influencer.
        var channel = With.Value.Truth.Channels.Single(c => c.Channel == "kol").IncrementalConversions;
        var sum = Truth.Influencers.Sum(f => f.IncrementalConversions);
        Assert.InRange(sum, 0.9 * channel, channel + 1e-9);
    }

    [Fact]
    public void Costs_EachMonthsKolFeesSumToTheUnchangedTotal_AndTheRowsAreTheTruthsAndTheDocumentsFees()
    {
        var with = With.Value.Facts.Where(IsKolFee).Cast<CostFact>().ToList();
        var without = Without.Value.Facts.Where(IsKolFee).Cast<CostFact>().ToList();

        Assert.Equal(12, without.Count);
        Assert.All(without, w => Assert.Equal(w.Amount, with.Where(c => c.Month == w.Month).Sum(c => c.Amount)));
        Assert.All(without, w => Assert.Single(with, c => c.Month == w.Month && c.Campaign is null));
        Assert.All(with, c => Assert.True(c.Amount >= 0));
        var rows = with.Where(c => c.Campaign is not null).ToList();
        Assert.Equal(Truth.Fees.Select(f => (f.Month, f.CostCode, f.Amount)), rows.Select(c => (c.Month, c.Campaign!, c.Amount)));

        foreach (var influencer in Directory)
        {
            var figures = Truth.Influencers.Single(f => f.Id == influencer.Id);
            var booked = rows.Where(c => c.Campaign == influencer.Codes.Costs[0]).Sum(c => c.Amount);
            Assert.Equal(figures.Fees, booked);
            Assert.Equal(booked, influencer.Collaborations.Where(c => c.Status != CollaborationStatus.Proposed).Sum(c => c.AgreedFee));
            Assert.Equal(figures.Collaborations.Select(c => (c.Id, c.Fee)), influencer.Collaborations.Where(c => c.Status != CollaborationStatus.Proposed).Select(c => (c.Id, c.AgreedFee)));

            // One row a month in which a collaboration runs.
            var months = influencer.Collaborations.Where(c => c.Status != CollaborationStatus.Proposed)
                .SelectMany(c => Enumerable.Range(0, 12).Select(m => LastMonth.AddMonths(m - 11)).Where(m => m.FirstDay <= c.End && m.AddMonths(1).FirstDay > c.Start))
                .ToHashSet();
            Assert.Equal(months.Order(), rows.Where(c => c.Campaign == influencer.Codes.Costs[0]).Select(c => c.Month).Order());
        }
    }

    [Fact]
    public void Costs_TheMegaAccountCostsMostPerIncrementalConversion_TheMicroLeast()
    {
        var paid = Truth.Influencers.Where(f => f.Fees > 0).ToList();
        var perFee = paid.ToDictionary(f => f.Id, f => f.IncrementalConversions / (double)f.Fees);
        var big = Truth.Influencers.Single(f => f.Id == Truth.BoughtFollowers);
        var micro = Truth.Influencers.Single(f => f.Id == Truth.Converter);

        Assert.Equal(7, paid.Count);
        Assert.Equal(micro.Id, perFee.MaxBy(p => p.Value).Key);
        Assert.Equal(big.Id, perFee.MinBy(p => p.Value).Key);
        Assert.True(perFee[micro.Id] > 10 * perFee[big.Id], "cost per incremental conversion separates them tenfold");
        Assert.True((double)big.Fees / big.Touchpoints > 10 * ((double)micro.Fees / micro.Touchpoints));
        Assert.True(big.Fees > micro.Fees);
        Assert.True(micro.Touchpoints > 5 * big.Touchpoints);
    }

    [Fact]
    public void Facts_ASnapshotPerInfluencerAndDay_ThePostsAndTheSamples_AsEmitCounts()
    {
        var facts = With.Value.InfluencerFacts;
        var days = LastDay.DayNumber - FirstDay.DayNumber + 1;

        Assert.Equal(With.Value.InfluencerCount, facts.Count);
        Assert.Equal(8 * days, facts.OfType<InfluencerSnapshotFact>().Count());
        Assert.Equal(Truth.Influencers.Sum(f => f.Posts), facts.OfType<InfluencerPostFact>().Count());
        Assert.Equal(8 * DemoInfluencers.SampleSize, facts.OfType<InfluencerFollowerFact>().Count());
        Assert.All(facts.GroupBy(f => f.GetType()), g => Assert.Equal(g.Count(), g.Select(f => f.Key).Distinct().Count()));
        Assert.All(facts.OfType<InfluencerFollowerFact>(), f => Assert.Equal(Truth.SampledAt, f.SampledAt));
        Assert.InRange(Truth.SampledAt, LastDay.AddDays(-7), LastDay);

        var again = new ListSink();
        DemoInfluencers.Emit(Options, again);
        Assert.Equal(facts, again.Facts);
        foreach (var f in Truth.Influencers)
        {
            var snapshots = facts.OfType<InfluencerSnapshotFact>().Where(s => s.Influencer == f.Id).ToList();
            Assert.Equal(f.Followers, snapshots[^1].Followers);
            Assert.Equal(LastDay, snapshots[^1].Date);
            Assert.Equal(f.Posts, snapshots[^1].Posts - snapshots[0].Posts + facts.OfType<InfluencerPostFact>().Count(p => p.Influencer == f.Id && DateOnly.FromDateTime(p.Timestamp.UtcDateTime) == FirstDay));
        }
    }

    [Fact]
    public void Facts_SponsoredPostsCarryTheirCollaborationsCampaign_OnItsDays()
    {
        var posts = With.Value.InfluencerFacts.OfType<InfluencerPostFact>().ToList();

        Assert.All(posts.Where(p => p.Campaign is not null), p =>
        {
            var influencer = Directory.Single(i => i.Id == p.Influencer);
            var day = DateOnly.FromDateTime(p.Timestamp.UtcDateTime);
            Assert.Contains(influencer.Collaborations, c => c.Campaign == p.Campaign && c.Start <= day && c.End >= day);
        });
        foreach (var influencer in Directory)
        {
            var sponsored = posts.Count(p => p.Influencer == influencer.Id && p.Campaign is not null);
            var agreed = influencer.Collaborations.Where(c => c.Status != CollaborationStatus.Proposed)
                .Sum(c => c.Deliverables.Where(d => d.Kind is DeliverableKind.Post or DeliverableKind.Video).Sum(d => d.Count));
            Assert.InRange(sponsored, Math.Min(agreed, 1), agreed);
        }
    }

    [Fact]
    public void Facts_TheBoughtFollowersJump_300kInTwoDaysWithNoPost_AndNoOtherDayMovesLikeIt()
    {
        var facts = With.Value.InfluencerFacts;
        var big = facts.OfType<InfluencerSnapshotFact>().Where(s => s.Influencer == Truth.BoughtFollowers).ToList();
        var jumps = big.Zip(big.Skip(1), (a, b) => (b.Date, Gain: b.Followers - a.Followers)).ToList();

        Assert.Equal(2, Truth.JumpDays.Count);
        Assert.Equal(Truth.JumpDays[0].AddDays(1), Truth.JumpDays[1]);
        var jump = jumps.Where(j => Truth.JumpDays.Contains(j.Date)).Sum(j => j.Gain);
        Assert.InRange(jump, 290_000, 310_000);
        Assert.All(jumps.Where(j => !Truth.JumpDays.Contains(j.Date)), j => Assert.InRange(Math.Abs(j.Gain), 0, 10_000));
        var quiet = new[] { Truth.JumpDays[0].AddDays(-1), Truth.JumpDays[0], Truth.JumpDays[1], Truth.JumpDays[1].AddDays(1) };
        Assert.DoesNotContain(facts.OfType<InfluencerPostFact>(), p => p.Influencer == Truth.BoughtFollowers && quiet.Contains(DateOnly.FromDateTime(p.Timestamp.UtcDateTime)));
        Assert.True(jumps.Single(j => j.Date == Truth.JumpDays[0]).Gain > 100_000);
    }

    [Fact]
    public void Facts_TheViralPostIsTheMostEngaging_AndFollowersJumpTheDayAfter()
    {
        var facts = With.Value.InfluencerFacts;
        var posts = facts.OfType<InfluencerPostFact>().Where(p => p.Influencer == Truth.ViralInfluencer).ToList();
        var viral = posts.Single(p => p.PostId == Truth.ViralPost);
        var snapshots = facts.OfType<InfluencerSnapshotFact>().Where(s => s.Influencer == Truth.ViralInfluencer).ToDictionary(s => s.Date);

        Assert.Equal(Truth.ViralDay, DateOnly.FromDateTime(viral.Timestamp.UtcDateTime));
        Assert.Null(viral.Campaign);
        Assert.Equal(viral, posts.MaxBy(p => p.Likes));
        Assert.True(viral.Likes > 5 * posts.Where(p => p != viral).Average(p => p.Likes));
        var before = snapshots[Truth.ViralDay].Followers;
        var after = snapshots[Truth.ViralDay.AddDays(1)].Followers;
        Assert.InRange((after - before) / (double)before, 0.04, 0.06);
    }

    [Fact]
    public void Facts_EngagementIsTheTruths_FarBelowTheTierForTheMegaAccount_AboveItForTheMicro()
    {
        var facts = With.Value.InfluencerFacts;
        var snapshots = facts.OfType<InfluencerSnapshotFact>().ToDictionary(s => (s.Influencer, s.Date));
        foreach (var f in Truth.Influencers)
        {
            var rates = facts.OfType<InfluencerPostFact>().Where(p => p.Influencer == f.Id)
                .Select(p => (p.Likes + p.Comments + p.Shares) / (double)snapshots[(f.Id, DateOnly.FromDateTime(p.Timestamp.UtcDateTime))].Followers)
                .ToList();
            Assert.Equal(f.EngagementRate, rates.Average(), 12);
            var platform = Directory.Single(i => i.Id == f.Id).Platform;
            Assert.Equal(DemoInfluencers.TierEngagement(platform, f.Tier), f.TierEngagementRate);
            if (f.Id == Truth.BoughtFollowers)
            {
                Assert.True(f.EngagementRate < 0.3 * f.TierEngagementRate, "the mega account engages far below its tier");
            }
            else if (f.Id == Truth.Converter)
            {
                Assert.True(f.EngagementRate > 1.5 * f.TierEngagementRate, "the micro account engages well above its tier");
            }
            else
            {
                Assert.InRange(f.EngagementRate / f.TierEngagementRate, 0.7, 1.3);
            }
        }

        Assert.All(facts.OfType<InfluencerPostFact>(), p =>
        {
            Assert.True(p.Views > p.Likes);
            Assert.True(p.Likes > p.Comments);
            Assert.Equal(Directory.Single(i => i.Id == p.Influencer).Platform == InfluencerPlatform.Weibo, p.Saves is null);
        });
    }

    [Fact]
    public void Facts_TheSampledFakeCountsAreTheTruths_AndASimpleScorerIsRightAbout90To95Percent()
    {
        var flags = new Dictionary<(string, string), bool>();
        var plan = new DemoInfluencerPlan(new DemoCalendar(LastMonth), DemoInfluencers.MoneyScale(DemoScale.Small));
        var result = DemoInfluencerFacts.Run(Options.Seed, plan, null, (i, f, fake) => flags.Add((i, f), fake));
        var sample = With.Value.InfluencerFacts.OfType<InfluencerFollowerFact>().ToList();

        Assert.Equal(sample.Count, flags.Count);
        foreach (var f in Truth.Influencers)
        {
            Assert.Equal(DemoInfluencers.SampleSize, f.SampleSize);
            Assert.Equal(f.SampledFake, flags.Count(x => x.Key.Item1 == f.Id && x.Value));
            Assert.Equal(f.SampledFake, result.Audits[Truth.Influencers.ToList().IndexOf(f)].SampledFake);

            // The sample is drawn at the true share: within four standard deviations of it.
            var sd = Math.Sqrt(f.SampleSize * f.FakeShare * (1 - f.FakeShare));
            Assert.InRange(f.SampledFake, (f.SampleSize * f.FakeShare) - (4 * sd), (f.SampleSize * f.FakeShare) + (4 * sd));
        }

        var right = sample.Count(s => Scored(s.Profile) == flags[(s.Influencer, s.Profile.FollowerId)]);
        Assert.InRange(right / (double)sample.Count, 0.88, 0.97);
        var big = sample.Where(s => s.Influencer == Truth.BoughtFollowers).ToList();
        var bigRight = big.Count(s => Scored(s.Profile) == flags[(s.Influencer, s.Profile.FollowerId)]);
        Assert.InRange(bigRight / (double)big.Count, 0.85, 0.97);
    }

    [Fact]
    public void Costs_FeesThatFit_AreBookedAsAgreed_AndFeesThatDoNot_AreScaledDownToTheCent()
    {
        Assert.Equal([100m, 50.5m, 0m], DemoGenerator.FitFees([100m, 50.5m, 0m], 150.5m));
        Assert.Equal([100m, 50.5m], DemoGenerator.FitFees([100m, 50.5m], 1_000m));

        // 300 over a total of 100: a third each, rounded down; the remainder (0.01) stays unassigned.
        var fitted = DemoGenerator.FitFees([100m, 200m], 100m);
        Assert.Equal([33.33m, 66.66m], fitted);
        Assert.True(fitted.Sum() <= 100m);
    }

    [Fact]
    public void Build_WithoutInfluencersInTheTruth_IsEmpty() =>
        Assert.Empty(DemoInfluencers.Build(Without.Value.Truth));

    /// <summary>A plain rule of thumb: fake when four of seven signs show.</summary>
    private static bool Scored(FollowerProfile p)
    {
        var signs = (p.Followers < 30 ? 1 : 0) + (p.Following > 500 ? 1 : 0) + (p.Posts <= 2 ? 1 : 0) + (p.HasProfilePicture ? 0 : 1)
            + (p.BioLength is 0 ? 1 : 0) + (p.AccountAgeDays < 180 ? 1 : 0) + (GeneratedName().IsMatch(p.Username ?? "") ? 1 : 0);
        return signs >= 4;
    }

    [GeneratedRegex("^user[0-9]{9}$")]
    private static partial Regex GeneratedName();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HanRegex();

    private sealed record Run(
        List<IFact> Facts, DemoGroundTruth Truth, List<IFact> InfluencerFacts, long InfluencerCount, IReadOnlyList<Influencer> Directory,
        DemoWorkspace Workspace);

    private sealed class ListSink : IDemoSink
    {
        public List<IFact> Facts { get; } = [];

        public void Add(IFact fact) => Facts.Add(fact);
    }
}
