using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Core.Demo;
using Mercato.Core.Kpis;
using Mercato.Core.Measurement;
using Mercato.Core.Measurement.Attribution;
using Mercato.Storage.Demo;

namespace Mercato.Storage.Tests.Support;

// Synchronous views of the store's ports for the tests, in the workspace zone the test holds (TestStore.TimeZone): each
// method calls one port and waits for it. They add no rule of their own; the few that combine ports (referral tallies,
// the leaderboard, the demo's ground truth) do what the use cases do, with the Core functions the use cases call.

/// <summary>The data center's read side (<see cref="IFactCatalog"/>).</summary>
public sealed class DataCenterQueries(TestStore store)
{
    public SourcesReport Sources() => Wait(store.Inner.Catalog.SourcesAsync(store.TimeZone, default));

    public IReadOnlyList<MonthRows> MonthlyRows() => Wait(store.Inner.Catalog.MonthlyRowsAsync(default));

    public IReadOnlyList<BatchInfo> Batches(int limit = 50, string? kind = null) => Wait(store.Inner.Catalog.BatchesAsync(limit, kind, default));

    public BatchInfo? Batch(long id) => Wait(store.Inner.Catalog.BatchAsync(id, default));

    public IReadOnlyList<ChannelInfo> Channels() => Wait(store.Inner.Catalog.ChannelsAsync(default));

    public bool SetChannelGroup(string name, ChannelGroup group) => Wait(store.Inner.Catalog.SetChannelGroupAsync(name, group, default));

    internal static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();
}

/// <summary>The KPI inputs (<see cref="IKpiReader"/>) and <see cref="KpiCalculator"/> over them.</summary>
public sealed class KpiQueries(TestStore store)
{
    public KpiReport Compute(KpiPeriod period) => KpiCalculator.Compute(Figures(period));

    public IReadOnlyList<KpiReport> Compute(IReadOnlyList<KpiPeriod> periods) => [.. Figures(periods).Select(KpiCalculator.Compute)];

    public KpiFigures Figures(KpiPeriod period) => Figures([period])[0];

    public IReadOnlyList<KpiFigures> Figures(IReadOnlyList<KpiPeriod> periods) =>
        DataCenterQueries.Wait(store.Inner.Kpis.FiguresAsync(periods, store.TimeZone, default));
}

/// <summary>Journeys (<see cref="IJourneyReader"/>).</summary>
public sealed class JourneyQueries(TestStore store)
{
    public JourneyPaths Paths(JourneyQuery query) => DataCenterQueries.Wait(store.Inner.Journeys.PathsAsync(query, false, default));

    public JourneyPaths PathsMarkingReturningCustomers(JourneyQuery query) => DataCenterQueries.Wait(store.Inner.Journeys.PathsAsync(query, true, default));

    public IReadOnlyDictionary<YearMonth, JourneyPaths> PathsByMonth(JourneyQuery query, bool markReturningCustomers = false) =>
        DataCenterQueries.Wait(store.Inner.Journeys.PathsByMonthAsync(query, markReturningCustomers, default));

    public IReadOnlyList<TimedPath> TimedPaths(JourneyQuery query, bool productCost = false) =>
        DataCenterQueries.Wait(store.Inner.Journeys.TimedPathsAsync(query, productCost, default));
}

/// <summary>Spend, costs and months (<see cref="IChannelMoneyReader"/>).</summary>
public sealed class MeasurementQueries(TestStore store)
{
    public IReadOnlyList<ChannelMonthSpend> Spend(YearMonth? from = null, YearMonth? to = null) => DataCenterQueries.Wait(store.Inner.Money.SpendAsync(from, to, default));

    public IReadOnlyList<MonthCost> Costs(YearMonth? from = null, YearMonth? to = null) => DataCenterQueries.Wait(store.Inner.Money.CostsAsync(from, to, default));

    public IReadOnlyList<YearMonth> Months() => DataCenterQueries.Wait(store.Inner.Money.MonthsAsync(default));

    public IReadOnlyList<ChannelDaySpend> DailySpend() => DataCenterQueries.Wait(store.Inner.Money.DailySpendAsync(default));

    public IReadOnlyList<DayOutcome> DailyOutcomes() => DataCenterQueries.Wait(store.Inner.Money.DailyOutcomesAsync(default));
}

/// <summary>Acquisition cohorts (<see cref="ICohortReader"/>).</summary>
public sealed class CohortQueries(TestStore store)
{
    public CohortData Cohorts(int lookbackDays = 30) => DataCenterQueries.Wait(store.Inner.Cohorts.CohortsAsync(lookbackDays, default));
}

/// <summary>The campaign aggregates (<see cref="ICampaignFactReader"/>).</summary>
public sealed class CampaignQueries(TestStore store)
{
    private ICampaignFactReader Facts => store.Inner.CampaignFacts;

    public CampaignScopeFigures Scope(IReadOnlyCollection<string> codes, DateRange window) =>
        DataCenterQueries.Wait(Facts.ScopeAsync(codes, window, store.TimeZone, default));

    public BusinessFigures Business(DateRange window) => DataCenterQueries.Wait(Facts.BusinessAsync(window, store.TimeZone, default));

    public IReadOnlyList<BudgetActual> ChannelActuals(Campaign campaign, DateRange? window = null) =>
        DataCenterQueries.Wait(Facts.ChannelActualsAsync(campaign.Codes, window ?? campaign.Schedule, default));

    public IReadOnlyList<Core.AdMonitoring.DailySpend> DailySpend(IReadOnlyCollection<string>? codes, IReadOnlyCollection<string>? channels, DateRange window) =>
        DataCenterQueries.Wait(Facts.DailySpendAsync(codes, channels, window, default));

    public IReadOnlyList<Core.AdMonitoring.DeliveryRow> Delivery(DateRange window) => DataCenterQueries.Wait(Facts.DeliveryAsync(window, default));

    public IReadOnlyList<Core.AdMonitoring.HourlyDeliveryRow> HourlyDelivery(DateRange window) => DataCenterQueries.Wait(Facts.HourlyDeliveryAsync(window, default));

    public IReadOnlyList<BudgetActual> CostActuals(Campaign campaign) => DataCenterQueries.Wait(Facts.CostActualsAsync(campaign.Codes, default));

    public IReadOnlyList<CampaignChannelSpend> CampaignChannelSpend(IEnumerable<Campaign> campaigns, DateRange window) =>
        BrandCycle.CampaignChannelSpend(campaigns, DataCenterQueries.Wait(Facts.CodeChannelSpendAsync(window, default)));

    public string ChannelGroupsSignature() => DataCenterQueries.Wait(Facts.ChannelGroupsSignatureAsync(default));

    public ChannelEvidence ChannelEvidence(DateRange window) => DataCenterQueries.Wait(Facts.ChannelEvidenceAsync(window, store.TimeZone, default));

    public DateRange? DataDays() => DataCenterQueries.Wait(Facts.DataDaysAsync(store.TimeZone, default));
}

/// <summary>Live-stream sessions from the store, with the campaign core's figures.</summary>
public sealed class LiveStreamQueries(TestStore store)
{
    public IReadOnlyList<LiveStreamSession> Sessions(DateOnly from, DateOnly to) =>
        DataCenterQueries.Wait(store.Inner.CampaignFacts.LiveStreamsAsync(new DateRange(from, to), store.TimeZone, default));

    public IReadOnlyList<SessionMetrics> Metrics(DateOnly from, DateOnly to) => [.. Sessions(from, to).Select(LiveStreams.Metrics)];

    /// <summary>The host leaderboard; staff hosts named from <paramref name="people"/>, by default the stored people directory.</summary>
    public IReadOnlyList<HostLine> Leaderboard(DateOnly from, DateOnly to, IEnumerable<Person>? people = null) =>
        LiveStreams.Leaderboard(Sessions(from, to), people ?? new WorkspaceDocuments(store).People());
}

/// <summary>Referral tallies: the store's touches per code and a model's credits over referral-labelled journeys (<see cref="Referrals.Tallies"/>).</summary>
public sealed class ReferralQueries(TestStore store)
{
    public IReadOnlyList<ReferralTally> Tallies(DateOnly? from, DateOnly? to, AttributionModel model, int lookbackDays = 30)
    {
        var touches = DataCenterQueries.Wait(store.Inner.CampaignFacts.ReferralTouchesAsync(from, to, default));
        var query = new JourneyQuery(from, to, lookbackDays, JourneyLabel.Referral);
        IReadOnlyList<Credit> credits;
        if (model == AttributionModel.TimeDecay)
        {
            var timed = DataCenterQueries.Wait(store.Inner.Journeys.TimedPathsAsync(query, false, default));
            credits = timed.Count == 0 ? [] : AttributionModels.Attribute(model, [], timed).Credits;
        }
        else
        {
            var paths = DataCenterQueries.Wait(store.Inner.Journeys.PathsAsync(query, false, default)).Paths;
            credits = paths.All(p => p.Conversions == 0) ? [] : AttributionModels.Attribute(model, paths, null).Credits;
        }

        return Referrals.Tallies(touches, credits);
    }
}

/// <summary>The demo company's facts (<see cref="DemoFacts"/>, <see cref="IDemoFacts"/>).</summary>
public sealed class DemoData(TestStore store)
{
    public DemoFactsLoad Load(DemoOptions options) => DataCenterQueries.Wait(DemoFacts.LoadAsync(store.Inner.Sink, options, null, default));

    public long Remove() => DataCenterQueries.Wait(store.Inner.Demo.RemoveAsync(default));

    public bool IsLoaded => DataCenterQueries.Wait(store.Inner.Demo.IsLoadedAsync(default));

    public bool StoreIsEmpty => DataCenterQueries.Wait(store.Inner.Catalog.IsEmptyAsync(default));

    public DemoGroundTruth? GroundTruth() => DemoFacts.ReadTruth(DataCenterQueries.Wait(store.Inner.Demo.GroundTruthJsonAsync(default)));
}

/// <summary>The workspace's documents written and read straight through <see cref="IDocumentStore"/> (no use-case rule).</summary>
public sealed class WorkspaceDocuments(TestStore store)
{
    public DocumentCommit Save<T>(DocumentKind<T> kind, T value, long? expectedVersion = null, string actor = "test")
        where T : class =>
        DataCenterQueries.Wait(store.Inner.Documents.CommitAsync([DocumentChange.Put(kind, value, expectedVersion)], new NamedUser(actor), default));

    public IReadOnlyList<Person> People() => DataCenterQueries.Wait(store.Inner.Documents.ValuesAsync(CampaignDocuments.People, default));
}
