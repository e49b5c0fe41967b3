using Mercato.Features.Ads;
using Mercato.Features.Alerts;
using Mercato.Features.Campaigns;
using Mercato.Features.Channels;
using Mercato.Features.Crisis;
using Mercato.Features.Demo;
using Mercato.Features.Imports;
using Mercato.Features.Influencers;
using Mercato.Features.Listening;
using Mercato.Features.Measurement;
using Mercato.Features.Mix;
using Mercato.Features.Organization;
using Mercato.Features.People;
using Mercato.Features.Settings;
using Mercato.Features.Store;
using Mercato.Features.Targets;
using Mercato.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mercato.Hosting;

/// <summary>
/// The services the server and the command line share, built the same way for both: the options, the clock, the acting
/// person, the store's ports, and one use-case class per feature. Every front door resolves the use cases from here.
/// </summary>
public static class MercatoServices
{
    /// <summary>Registers the core services over an opened <paramref name="store"/>, acting as <paramref name="user"/>.</summary>
    public static IServiceCollection AddMercatoCore(this IServiceCollection services, MercatoOptions options, IMercatoStore store, ICurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(Options.Create(options));
        // The one place the real clock enters, unless a clock is registered already (tests, a copy's second container);
        // everything else takes the TimeProvider it is given.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(user);
        services.AddMercatoStore(store);
        services.AddSingleton<DataVersionCache>();
        services.AddSingleton<DataSpans>();
        services.AddSingleton<OutcomeLog>();
        services.AddSingleton<SettingsUseCases>();
        services.AddSingleton<ImportUseCases>();
        // The ingest queue's file is created on first use: only the server's queued imports use it.
        services.AddSingleton(provider => new Storage.Sqlite.IngestQueue(DataDirectory.Resolve(options.DataDir), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ChannelUseCases>();
        services.AddSingleton<MeasurementUseCases>();
        services.AddSingleton<Features.Measurement.Funnels.FunnelUseCases>();
        services.AddSingleton<MixUseCases>();
        services.AddSingleton<MixPlanUseCases>();
        services.AddSingleton<WatchListUseCases>();
        services.AddSingleton<InfluencerDirectoryUseCases>();
        services.AddSingleton<InfluencerAuditUseCases>();
        services.AddSingleton<SentimentModels>();
        services.AddSingleton<ListeningUseCases>();
        services.AddSingleton<MentionReading>();
        services.AddSingleton<MentionUseCases>();
        services.AddSingleton<Core.Alerts.IAlertSource, ListeningAlertSource>();
        services.AddSingleton<AdUseCases>();
        services.AddSingleton<InvalidTrafficUseCases>();
        services.AddSingleton<Core.Alerts.IAlertSource, PacingAlertSource>();
        services.AddSingleton<Core.Alerts.IAlertSource, DeliveryAlertSource>();
        services.AddSingleton<Core.Alerts.IAlertSource, InvalidTrafficAlertSource>();
        services.AddSingleton<ChannelHealthUseCases>();
        services.AddSingleton<KpiInputs>();
        services.AddSingleton<OrganizationUseCases>();
        services.AddSingleton<TargetUseCases>();
        services.AddSingleton<WorkspaceDocuments>();
        services.AddSingleton<PeopleUseCases>();
        services.AddSingleton<CampaignUseCases>();
        services.AddSingleton<DemoUseCases>();
        services.AddSingleton<Features.Naming.NamesUseCases>();
        services.AddSingleton<NameBooks>();
        services.AddSingleton<StoreUseCases>();
        services.AddMercatoAlerts();
        services.AddSingleton<CrisisUseCases>();
        services.AddSingleton<Features.Home.HomeUseCases>();
        services.AddSingleton<Features.Access.AccessGuard>();
        services.AddSingleton<Features.Access.SignInUseCases>();
        services.AddSingleton<Features.Access.AccountUseCases>();
        services.AddSingleton<Features.Access.TokenUseCases>();
        services.AddSingleton<Features.Audit.AuditUseCases>();
        return services;
    }
}
