using System.Globalization;
using Mercato.Core.AdMonitoring;
using Mercato.Core.Demo;
using Mercato.Core.Measurement;
using Mercato.Core.Measurement.Attribution;
using Mercato.Core.Measurement.Incrementality;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Measurement;

/// <summary>
/// The demo company (Medium, seed 42, year ending 2026-10) loaded once into a store, its journeys aggregated over the
/// whole year with the default 30-day lookback, and the attribution models run on them. Loading takes most of the
/// class's time (about 15 s in Debug); the models take a second or two together.
/// </summary>
public sealed class GroundTruthFixture : IDisposable
{
    public static readonly DemoOptions Options = new(42, DemoScale.Medium, new YearMonth(2026, 10));

    private readonly TempDir _dir = new();
    private readonly TestStore _store;
    private readonly Dictionary<(AttributionModel Model, int Order), IReadOnlyDictionary<string, double>> _credits = [];

    public GroundTruthFixture()
    {
        _store = TestStore.OpenAsync(StoreProvider.Sqlite, _dir.File("data"), TimeProvider.System).GetAwaiter().GetResult();
        Truth = new DemoData(_store).Load(Options).Truth;

        // The journeys as the reports read them: without the clicks the invalid-traffic rules flag (the demo's injected
        // app-store clicks). No crawler list: crawler clicks carry no user, so they never reach a journey anyway.
        var clean = new JourneyQuery(Exclude: InvalidClickExclusion.BuildAsync(_store.Inner.Clicks, BotUserAgents.FromPatterns([]), null, null, default)
            .GetAwaiter().GetResult());
        Paths = new JourneyQueries(_store).Paths(clean);
        LeftOut = Paths.TouchesLeftOut;
        var lift = NoisyOrModel.Fit(new JourneyQueries(_store).PathsMarkingReturningCustomers(clean).Paths);
        LiftBase = lift.BaseProbability;
        LiftReturning = lift.Labels.Single(l => l.Label == JourneyLabels.ReturningCustomer).Probability;
        var liftByLabel = lift.Labels.ToDictionary(l => l.Label, l => l.IncrementalConversions, StringComparer.Ordinal);
        Lift = Truth.Channels.ToDictionary(c => c.Channel, c => liftByLabel.GetValueOrDefault(c.Channel), StringComparer.Ordinal);
        // What `report roi --model lift` places: the fit evaluated on each month's journeys, for revenue and product cost.
        var revenue = new Dictionary<string, double>(StringComparer.Ordinal);
        var cost = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (_, month) in new JourneyQueries(_store).PathsByMonth(clean, markReturningCustomers: true))
        {
            foreach (var l in NoisyOrModel.Evaluate(lift, month.Paths))
            {
                revenue[l.Label] = revenue.GetValueOrDefault(l.Label) + l.IncrementalRevenue;
            }

            foreach (var l in NoisyOrModel.Evaluate(lift, month.CostPaths()))
            {
                cost[l.Label] = cost.GetValueOrDefault(l.Label) + l.IncrementalRevenue;
            }
        }

        LiftRevenue = Truth.Channels.ToDictionary(c => c.Channel, c => revenue.GetValueOrDefault(c.Channel), StringComparer.Ordinal);
        LiftGrossProfit = Truth.Channels.ToDictionary(c => c.Channel, c => revenue.GetValueOrDefault(c.Channel) - cost.GetValueOrDefault(c.Channel), StringComparer.Ordinal);
        Channels = Truth.Channels.Select(c => c.Channel).ToArray();
        TrueIncremental = Truth.Channels.ToDictionary(c => c.Channel, c => c.IncrementalConversions, StringComparer.Ordinal);
        Touchpoints = Truth.Channels.ToDictionary(c => c.Channel, c => (double)c.Touchpoints, StringComparer.Ordinal);
    }

    public DemoGroundTruth Truth { get; }

    /// <summary>Incremental conversions per channel from the noisy-OR lift model with a returning-customer base rate.</summary>
    public IReadOnlyDictionary<string, double> Lift { get; }

    public double LiftBase { get; }

    /// <summary>Incremental revenue per channel, the lift model evaluated month by month as the ROI report does.</summary>
    public IReadOnlyDictionary<string, double> LiftRevenue { get; }

    /// <summary>Incremental gross profit per channel, the same way.</summary>
    public IReadOnlyDictionary<string, double> LiftGrossProfit { get; }

    public double LiftReturning { get; }

    public JourneyPaths Paths { get; }

    /// <summary>Touchpoints the clean journeys left out: the injected clicks' records.</summary>
    public long LeftOut { get; }

    /// <summary>The demo's channels, in <see cref="DemoCompany.Channels"/> order.</summary>
    public IReadOnlyList<string> Channels { get; }

    public IReadOnlyDictionary<string, double> TrueIncremental { get; }

    public IReadOnlyDictionary<string, double> Touchpoints { get; }

    /// <summary>A model's credited conversions per channel (0 for a channel it does not list), computed once per model.</summary>
    public IReadOnlyDictionary<string, double> Credit(AttributionModel model, int markovOrder = 1)
    {
        lock (_credits)
        {
            if (!_credits.TryGetValue((model, markovOrder), out var credit))
            {
                var result = AttributionModels.Attribute(model, Paths.Paths, options: new AttributionOptions(MarkovOrder: markovOrder));
                var byLabel = result.Credits.ToDictionary(c => c.Label, c => c.Conversions, StringComparer.Ordinal);
                credit = Channels.ToDictionary(c => c, c => byLabel.GetValueOrDefault(c), StringComparer.Ordinal);
                _credits.Add((model, markovOrder), credit);
            }

            return credit;
        }
    }

    public void Dispose()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _dir.Dispose();
    }
}

/// <summary>
/// How well the attribution models recover the demo company's ground truth: each channel's true incremental conversions,
/// Σ over journeys of (P − P without the channel's touches), computed analytically by the generator.
/// <para>
/// <b>What is compared.</b> The models credit every conversion (8,378 here), incremental or not; the truth counts only
/// incremental ones, and its per-channel figures are marginal effects that do not add up to the total (they sum to
/// 6,390.5). Credited conversions are therefore about 1.31 times the truth even for a model with perfect proportions, so
/// comparing counts mixes the model's error with that gap (a model with perfect shares would still show an absolute error
/// of 31% of the true total). The meaningful comparison is of SHARES: a channel's share of the model's credit against its
/// share of the true incremental conversions. The tests use the Spearman rank correlation over the 12 channels, the
/// total-variation distance between the two share vectors (½ Σ |credit share − true share|: the fraction of credit in
/// the wrong channels), and each channel's share ratio (credit share / true share).
/// </para>
/// <para>
/// <b>Measured</b> (Release harness, the same options; seeds 1–3 in brackets, to show the spread):
/// Markov order 1: ρ = 0.357 [0.406, 0.420, 0.357], TV = 0.293 [0.293, 0.292, 0.293], share ratios 0.38 (staff_referral)
/// to 2.80 (pr), direct 12.4% of credit. Shapley: ρ = 0.434 [0.434 ×3], TV = 0.277 [0.280, 0.278, 0.281], ratios 0.40
/// (exhibition) to 2.54 (pr), direct 12.2%. For scale: giving every channel 1/12 has TV 0.281, crediting by touchpoint
/// volume has TV 0.331 and ρ 0.420; last non-direct touch has TV 0.249 and ρ 0.706. Neither Markov nor Shapley ranks
/// channels by their true effect: with 12 channels a ρ below about 0.59 is not even significant at 5%. The bounds below
/// are those measurements with a margin (ρ: about 0.06, a few swapped neighbours; TV: 0.012, three times the spread over
/// seeds, so that Shapley degraded to linear, TV 0.297, fails); they catch a regression, they do not certify the models.
/// Markov's shares here are within a TV of 0.005 of each channel's share of the journeys it appears in, so these tests
/// cannot tell Markov from that count: the exact tests of the models guard their definitions. See docs/measurement.md, which must
/// be updated when these figures change.
/// </para>
/// </summary>
public sealed class GroundTruthTests(GroundTruthFixture demo) : IClassFixture<GroundTruthFixture>
{
    private static readonly string[] HighLiftLowVolume = ["baidu_sem", "livestream", "exhibition", "staff_referral"];

    [Fact]
    public void Fixture_ComparesAgainstTheIncrementalTruth_NotAgainstAllConversions()
    {
        var credited = demo.Paths.Paths.Sum(p => p.Conversions);
        var trueIncremental = demo.TrueIncremental.Values.Sum();

        // The models distribute all 8,378 conversions (measured); the truth's 6,390.5 (measured) are only the incremental ones.
        Assert.Equal(demo.Truth.Totals.Conversions, credited + demo.Paths.ConversionsWithoutTouches);
        Assert.InRange(credited / trueIncremental, 1.2, 1.45);
        Assert.Equal(0.0, demo.TrueIncremental["direct"], 12);
        Assert.All(demo.Channels.Where(c => c != "direct"), c => Assert.True(demo.TrueIncremental[c] > 0, c));

        // The journeys are the reports' clean ones: every injected app-store click's touchpoint left out, and the few real
        // users' duplicate clicks (a second click on the same placement within 30 s), nothing else.
        Assert.Equal(demo.Truth.Ads!.InjectedClicks + demo.Truth.Ads.DuplicateClicks, demo.LeftOut);
        Assert.InRange(demo.Truth.Ads.DuplicateClicks, 1, 10);
    }

    [Fact]
    public void Markov1_RanksAndSharesWithinTheMeasuredTolerance()
    {
        var credit = demo.Credit(AttributionModel.Markov);

        // Measured ρ 0.357 (0.357–0.420 over seeds 1–3), TV 0.293 (0.292–0.293), share ratios 0.38–2.80 (pr the highest).
        AssertRecovery(AttributionModel.Markov, credit, minRank: 0.30, maxDistance: 0.305, maxRatio: 3.5);
    }

    [Fact]
    public void Shapley_RanksAndSharesWithinTheMeasuredTolerance()
    {
        var credit = demo.Credit(AttributionModel.Shapley);

        // Measured ρ 0.434 (0.434 over seeds 1–3), TV 0.277 (0.278–0.281), share ratios 0.40–2.54 (pr the highest).
        AssertRecovery(AttributionModel.Shapley, credit, minRank: 0.37, maxDistance: 0.29, maxRatio: 3.5);
    }

    [Theory]
    [InlineData(AttributionModel.Markov)]
    [InlineData(AttributionModel.Shapley)]
    public void MarkovAndShapley_UseTheConversionSignal_BeyondTouchVolume(AttributionModel model)
    {
        var credit = demo.Credit(model);
        var byVolume = TotalVariation(demo.Touchpoints, demo.TrueIncremental);

        // Crediting by touchpoint volume alone: TV 0.331 (measured). Markov 0.293, Shapley 0.277: a little better, and no more.
        Assert.InRange(byVolume, 0.32, 0.34);
        Assert.True(TotalVariation(credit, demo.TrueIncremental) <= byVolume - 0.02, Describe(model, credit));
    }

    [Fact]
    public void LastTouch_CreditsDirect_WhichHasNoTrueLift()
    {
        var credit = demo.Credit(AttributionModel.Last);

        // Direct visits are 15.3% of all touches and close as many journeys, but cause nothing: truth 0, last touch gives
        // it 15.3% of all conversions (measured; 14.8–15.6% over seeds 1–3).
        Assert.True(Share(credit, "direct") - Share(demo.TrueIncremental, "direct") >= 0.12, Describe(AttributionModel.Last, credit));
    }

    [Fact]
    public void LastNonDirect_RemovesDirect_AndBeatsMarkovAndShapleyOnThisDemo()
    {
        var credit = demo.Credit(AttributionModel.LastNonDirect);

        // Direct: 0.5% (measured; only journeys of direct touches alone keep it). TV 0.249 against Markov 0.293 and
        // Shapley 0.277; ρ 0.706 against 0.357 and 0.434 (measured). A rule of thumb beats both data-driven models here
        // because their largest errors are the ones it avoids by construction (direct) or shares with them.
        Assert.True(Share(credit, "direct") <= 0.01, Describe(AttributionModel.LastNonDirect, credit));
        var distance = TotalVariation(credit, demo.TrueIncremental);
        Assert.True(distance <= TotalVariation(demo.Credit(AttributionModel.Markov), demo.TrueIncremental) - 0.02, Describe(AttributionModel.LastNonDirect, credit));
        Assert.True(distance <= TotalVariation(demo.Credit(AttributionModel.Shapley), demo.TrueIncremental) - 0.01, Describe(AttributionModel.LastNonDirect, credit));
        Assert.True(Spearman(credit, demo.TrueIncremental) >= 0.6, Describe(AttributionModel.LastNonDirect, credit));
    }

    [Theory]
    [InlineData(AttributionModel.Markov)]
    [InlineData(AttributionModel.Shapley)]
    public void MarkovAndShapley_CreditDirect_BecauseTheyRewardPresenceNotLift(AttributionModel model)
    {
        var credit = demo.Credit(model);

        // Direct is 15.3% of all touches and, like every channel present, shares in the conversions the base rate makes
        // (about a fifth of them): Markov gives it 12.4%, Shapley 12.2% of the credit (measured), against a true share of 0.
        Assert.True(Share(credit, "direct") >= 0.09, Describe(model, credit));
    }

    [Theory]
    [InlineData(AttributionModel.Markov)]
    [InlineData(AttributionModel.Shapley)]
    [InlineData(AttributionModel.Linear)]
    [InlineData(AttributionModel.Last)]
    public void PathModels_OverCreditTheFrequentLowLiftChannel_AndUnderCreditTheRareHighLiftOnes(AttributionModel model)
    {
        var credit = demo.Credit(model);

        // douyin_ads has the most touches (20.4%) and a lift of 0.0035: share ratio measured Markov 1.52, Shapley 1.41,
        // linear 1.91, last 1.83. baidu_sem, livestream, exhibition and staff_referral have the highest lifts per touch:
        // share ratios measured 0.27–0.55 (Markov 0.38–0.49, Shapley 0.40–0.55, linear 0.32–0.53, last 0.27–0.53).
        Assert.True(ShareRatio(credit, "douyin_ads") >= 1.25, Describe(model, credit));
        Assert.All(HighLiftLowVolume, c => Assert.True(ShareRatio(credit, c) <= 0.7, c + ": " + Describe(model, credit)));
    }

    [Fact]
    public void Markov1_CreditFollowsTouchVolume()
    {
        var credit = demo.Credit(AttributionModel.Markov);

        // The removal effect of a channel is roughly the share of converting journeys that pass through it, so the credit
        // ranks channels by how often they are touched (ρ 0.993, measured), while the truth does not (ρ 0.420).
        Assert.True(Spearman(credit, demo.Touchpoints) >= 0.95, Describe(AttributionModel.Markov, credit));
        Assert.True(Spearman(demo.TrueIncremental, demo.Touchpoints) <= 0.6);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void HigherMarkovOrders_DoNotChangeThePicture(int order)
    {
        var first = TotalVariation(demo.Credit(AttributionModel.Markov), demo.TrueIncremental);
        var credit = demo.Credit(AttributionModel.Markov, order);

        // TV measured 0.293 (order 1), 0.291 (order 2), 0.290 (order 3): the order of touches is not what the models miss.
        Assert.InRange(TotalVariation(credit, demo.TrueIncremental), first - 0.02, first + 0.02);
    }

    private void AssertRecovery(
        AttributionModel model, IReadOnlyDictionary<string, double> credit, double minRank, double maxDistance, double maxRatio)
    {
        var message = Describe(model, credit);
        Assert.True(Math.Abs(credit.Values.Sum() - demo.Paths.Paths.Sum(p => p.Conversions)) < 1e-6, message);
        Assert.True(Spearman(credit, demo.TrueIncremental) >= minRank, message);
        Assert.True(TotalVariation(credit, demo.TrueIncremental) <= maxDistance, message);
        foreach (var channel in demo.Channels.Where(c => demo.TrueIncremental[c] > 0))
        {
            var ratio = ShareRatio(credit, channel);
            Assert.True(ratio >= 1 / maxRatio && ratio <= maxRatio, channel + ": " + message);
        }
    }

    // Measured (medium, seed 42): ρ 0.881, TV 0.072, total 6,170 of 6,390.5 true incremental conversions; b 1.33% (the
    // simulation's first-journey base is 1.2%), returning-customer lift 11.5% (repeat base 10%). Without the returning-
    // customer rate the same model scored ρ 0.587, TV 0.153 (email 2.7x). Margins: about 0.05 on ρ and 0.02 on TV.
    [Fact]
    public void LiftModel_RanksChannelsByTrueIncrementalEffect_AndRecoversTheirShares()
    {
        Assert.True(Spearman(demo.Lift, demo.TrueIncremental) >= 0.83, "lift ρ " + Spearman(demo.Lift, demo.TrueIncremental).ToString("F3", CultureInfo.InvariantCulture));
        Assert.True(TotalVariation(demo.Lift, demo.TrueIncremental) <= 0.09, "lift TV " + TotalVariation(demo.Lift, demo.TrueIncremental).ToString("F3", CultureInfo.InvariantCulture));
        Assert.InRange(demo.Lift.Values.Sum() / demo.TrueIncremental.Values.Sum(), 0.9, 1.1);
    }

    [Fact]
    public void LiftModel_RecoversTheSimulatedBaseRates()
    {
        Assert.InRange(demo.LiftBase, 0.010, 0.016);
        Assert.InRange(demo.LiftReturning, 0.08, 0.14);
    }

    [Fact]
    public void LiftModel_BeatsEveryAttributionModelOnShares()
    {
        var lift = TotalVariation(demo.Lift, demo.TrueIncremental);
        foreach (var model in AttributionModels.All.Where(m => m != AttributionModel.TimeDecay))
        {
            Assert.True(lift < TotalVariation(demo.Credit(model), demo.TrueIncremental), AttributionModels.Name(model));
        }
    }

    // Measured on this fixture: incremental revenue 4,944,959 against 4,929,703 true (+0.3%); per channel the ROI on the
    // truth's cost basis ((gross profit − spend − channel costs) / (spend + channel costs)) is off by 0.254 on average
    // (Markov-placed revenue: 1.09); exhibition exact, pr 0 (true 87,160), direct 106,581 (true 0).
    [Fact]
    public void LiftModel_MonthByMonth_RecoversIncrementalRevenueAndRoi()
    {
        Assert.InRange(demo.LiftRevenue.Values.Sum() / (double)demo.Truth.Channels.Sum(c => c.IncrementalRevenue), 0.95, 1.05);
        var errors = demo.Truth.Channels
            .Where(c => c.Spend + c.ChannelCosts > 0)
            .Select(c =>
            {
                var outlay = (double)(c.Spend + c.ChannelCosts);
                var roi = (demo.LiftGrossProfit[c.Channel] - outlay) / outlay;
                return Math.Abs(roi - c.Roi!.Value);
            })
            .ToList();
        Assert.True(errors.Average() <= 0.35, "mean ROI error " + errors.Average().ToString("F3", CultureInfo.InvariantCulture));
    }

    private static double Share(IReadOnlyDictionary<string, double> values, string channel) => values[channel] / values.Values.Sum();

    private double ShareRatio(IReadOnlyDictionary<string, double> credit, string channel) =>
        Share(credit, channel) / Share(demo.TrueIncremental, channel);

    /// <summary>½ Σ |share in a − share in b| over the keys of <paramref name="a"/>.</summary>
    private static double TotalVariation(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b) =>
        0.5 * a.Keys.Sum(k => Math.Abs(Share(a, k) - Share(b, k)));

    /// <summary>Spearman's ρ over the keys of <paramref name="a"/>: Pearson's correlation of the ranks, ties averaged.</summary>
    private static double Spearman(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b)
    {
        var keys = a.Keys.ToArray();
        var x = Ranks(keys.Select(k => a[k]).ToArray());
        var y = Ranks(keys.Select(k => b[k]).ToArray());
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxy / Math.Sqrt(sxx * syy);
    }

    private static double[] Ranks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && values[order[j + 1]] == values[order[i]])
            {
                j++;
            }

            for (var k = i; k <= j; k++)
            {
                ranks[order[k]] = (i + j) / 2.0 + 1;
            }

            i = j + 1;
        }

        return ranks;
    }

    private string Describe(AttributionModel model, IReadOnlyDictionary<string, double> credit) =>
        string.Create(CultureInfo.InvariantCulture, $"{AttributionModels.Name(model)}: ρ {Spearman(credit, demo.TrueIncremental):F3}, TV {TotalVariation(credit, demo.TrueIncremental):F3}; ") +
        string.Join(", ", demo.Channels.Select(c => string.Create(
            CultureInfo.InvariantCulture, $"{c} {100 * Share(credit, c):F1}% vs {100 * Share(demo.TrueIncremental, c):F1}%")));
}
