using System.Globalization;
using Mercato.Core.Demo;
using Mercato.Features.Ads;
using Mercato.Features.Alerts;
using Mercato.Features.Campaigns;
using Mercato.Features.Channels;
using Mercato.Features.Crisis;
using Mercato.Features.Demo;
using Mercato.Features.Imports;
using Mercato.Features.Influencers;
using Mercato.Features.Measurement;
using Mercato.Features.Anomalies;
using Mercato.Features.Listening;
using Mercato.Features.Mix;
using Mercato.Features.Organization;
using Mercato.Features.People;
using Mercato.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;

namespace Mercato.Hosting;

/// <summary>Builds the web host: <c>AddMercato()</c> and <c>MapMercato()</c>.</summary>
public static partial class MercatoHost
{
    /// <summary>
    /// Builds the app: configuration, validated options, the store (with the demo company loaded into an empty store unless
    /// <c>NoDemo</c>), services and endpoints. Returns null and an exit code, after writing the reasons to stderr, when the
    /// options are invalid (2) or the store cannot be opened (1). Raises the thread pool's floor first (<see cref="ThreadPoolFloor"/>).
    /// </summary>
    public static async Task<(WebApplication? App, int ExitCode)> BuildAsync(
        string[] args, IReadOnlyDictionary<string, string?> overrides, TextWriter output, CancellationToken cancellationToken = default)
    {
        ThreadPoolFloor.Raise();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.Configuration.AddMercatoSources(overrides);
        if (MercatoConfiguration.Options(builder.Configuration, out var problems) is not { } options)
        {
            foreach (var problem in problems)
            {
                Console.Error.WriteLine(Words.W("host.configuration", ("problem", problem)));
            }

            return (null, MercatoCli.InvalidInput);
        }

        IMercatoStore store;
        try
        {
            store = await StoreSelection.OpenAsync(options, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException unavailable)
        {
            Console.Error.WriteLine(Messages.Text(unavailable));
            return (null, MercatoCli.Failure);
        }

        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxImportBytes);
        builder.Services.AddMercato(options, store);

        var app = builder.Build();
        // The console speaks the language asked for (--lang, MERCATO_LANG), else the workspace's, as every command does; the
        // culture of this flow stays as it is (the demo loads as it always does).
        var speak = CultureInfo.CurrentUICulture;
        if (!MercatoCli.LanguageAsked)
        {
            var settings = (await app.Services.GetRequiredService<Features.Settings.SettingsUseCases>().GetAsync(cancellationToken).ConfigureAwait(false))?.Value
                ?? WorkspaceSettings.Default;
            speak = Locale.CultureOf(settings.EffectiveLanguage);
        }

        string Say(string key, params (string Name, object? Value)[] args) => Words.Text(key, args.Length == 0 ? MessageArgs.Empty : MessageArgs.Of(args), speak);

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Mercato");
        Log.StoreOpened(logger, store.Provider, store.Location);
        var demo = app.Services.GetRequiredService<DemoUseCases>();
        var load = app.Services.GetRequiredService<DemoLoad>();
        if (!options.NoDemo && await demo.StoreIsEmptyAsync(cancellationToken).ConfigureAwait(false))
        {
            // The server answers at once; the demo loads in the background, each step committed whole (DemoLoadService),
            // and every page says how far it is until it is in.
            load.Ask(Enum.Parse<DemoScale>(options.DemoScale, ignoreCase: true));
            output.WriteLine(Say("host.start.loading_demo", ("location", store.Location), ("scale", options.DemoScale)));
            load.Ended = state =>
            {
                // A refused or broken demo leaves what it committed; Mercato goes on serving, on the user's own data.
                switch (state)
                {
                    case DemoLoadState.Loaded loaded:
                        output.WriteLine(Say("demo.serve.loaded", ("rows", loaded.Rows.ToString("N0", speak)),
                            ("seconds", loaded.Took.TotalSeconds.ToString("F1", speak))));
                        if (!options.NoAuth)
                        {
                            output.WriteLine(Say("host.start.demo_accounts", ("password", Core.Demo.DemoAccounts.Password)));
                        }

                        output.WriteLine(Say("host.start.demo_shown"));
                        break;
                    case DemoLoadState.Failed failed:
                        output.WriteLine(Say("demo.serve.failed", ("reason", failed.Reason(speak))));
                        break;
                    default:
                        break;
                }

                output.Flush();
            };
        }

        var demoLoaded = load.Scale is null && await demo.IsLoadedAsync(cancellationToken).ConfigureAwait(false);
        var anyAccount = options.NoAuth || load.Scale is not null
            || await app.Services.GetRequiredService<Features.Access.AccountUseCases>().AnyAccountAsync(cancellationToken).ConfigureAwait(false);
        app.MapMercato();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                output.WriteLine(Say("host.start.running", ("address", address), ("provider", store.Provider), ("location", store.Location)));
                Log.Listening(logger, address);
            }

            if (!anyAccount)
            {
                output.WriteLine(Say("host.start.no_account"));
                Log.NoAccount(logger);
            }
            else if (demoLoaded && !options.NoAuth)
            {
                output.WriteLine(Say("host.start.demo_accounts", ("password", Core.Demo.DemoAccounts.Password)));
            }

            if (demoLoaded)
            {
                output.WriteLine(Say("host.start.demo_shown"));
            }

            output.Flush();
        });
        app.Lifetime.ApplicationStopped.Register(() => store.DisposeAsync().AsTask().GetAwaiter().GetResult());
        return (app, MercatoCli.Ok);
    }

    /// <summary>Registers the core services over the opened store, and the web's.</summary>
    public static IServiceCollection AddMercato(this IServiceCollection services, MercatoOptions options, IMercatoStore store)
    {
        ArgumentNullException.ThrowIfNull(options);
        var http = new HttpContextAccessor();
        services.AddSingleton<IHttpContextAccessor>(http);
        // The server's figures outlive a restart (docs/architecture.md, Figures while data arrives); the command line's do not.
        services.AddSingleton(provider => new FigureShelf(
            DataDirectory.Resolve(options.DataDir), store.Provider, store.Location,
            provider.GetRequiredService<ILoggerFactory>().CreateLogger("Mercato.Figures"), provider.GetService<TimeProvider>()));
        services.AddMercatoCore(options, store, new HttpCurrentUser(http, options));
        services.AddMercatoAccess(options);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json => MercatoJson.Configure(json.SerializerOptions));
        services.AddOpenApi();
        services.AddAntiforgery();
        // Keys for antiforgery tokens live with the data, so a restart does not invalidate an open upload form.
        services.AddDataProtection()
            .SetApplicationName("mercato")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(DataDirectory.Resolve(options.DataDir), "keys")));
        services.AddRazorComponents();
        // Pages write Chinese as characters, not as &#x...; entities (a third of the bytes); HTML-special characters stay encoded.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // The alert schedule runs in the server only; the command line evaluates on demand and after imports.
        services.AddHostedService<AlertSchedule>();
        // Bodies queued by ?queue=true imports, merged into the store as they arrive (and those left by a stop, at start).
        services.AddHostedService<IngestMerger>();
        // The demo company, loaded in the background into an empty store when the host asks (DemoLoad.Ask).
        services.AddSingleton<DemoLoad>();
        services.AddHostedService<DemoLoadService>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(f => f.MultipartBodyLengthLimit = options.MaxImportBytes);
        return services;
    }

    /// <summary>Maps the UI, the API, health and the OpenAPI document.</summary>
    public static WebApplication MapMercato(this WebApplication app)
    {
        app.UseExceptionHandler();
        // A page nobody has (an unknown address) is the not-found page, in the request's language and with the layout; the
        // API and the machine addresses keep their problem answers.
        app.UseWhen(IsPageRequest, page => page.UseStatusCodePagesWithReExecute(Shared.NotFoundPage.Path, createScopeForStatusCodePages: true));
        app.UseWhen(context => !IsPageRequest(context), other => other.UseStatusCodePages());
        // Routing after them (not first, where WebApplication puts it by default), so that the request run again is routed.
        app.UseRouting();
        app.UseMercatoAccess();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot")),
        });
        app.UseMercatoLanguage();
        // A page view may show the last figures while new ones are computed, after a wait shared by all its figures.
        var wait = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MercatoOptions>>().Value.FigureWaitMilliseconds;
        var clock = app.Services.GetRequiredService<TimeProvider>();
        app.UseWhen(IsPageRequest, page => page.Use(async (context, next) =>
        {
            using var figures = DataVersionCache.ShowLastFigures(wait < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(wait), clock);
            await next(context).ConfigureAwait(false);
        }));
        app.UseAntiforgery();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        app.MapOpenApi("/openapi/{documentName}.json");
        var api = app.MapGroup("/api/v1");
        api.MapSourcesApi();
        api.MapImportApi();
        api.MapChannelsApi();
        api.MapDemoApi();
        api.MapMeasurementApi();
        api.MapMixApi();
        api.MapMixPlansApi();
        api.MapListeningApi();
        api.MapInfluencersApi();
        api.MapAlertsApi();
        api.MapCrisisApi();
        api.MapAnomaliesApi();
        api.MapAdsApi();
        api.MapOrgApi();
        api.MapCampaignsApi();
        api.MapStaffApi();
        Features.Audit.AuditApi.MapAuditApi(api);
        app.MapDataCenterForms();
        app.MapSignOut();
        app.MapLanguageSwitch();
        Features.Export.ExportApi.MapTableExport(app);
        app.MapRazorComponents<App>();
        return app;
    }

    /// <summary>Whether <paramref name="context"/> asks for a page (not the API, the OpenAPI document, health or a table download).</summary>
    private static bool IsPageRequest(HttpContext context) =>
        !HttpCurrentUser.IsApi(context.Request)
        && !context.Request.Path.StartsWithSegments("/openapi", StringComparison.Ordinal)
        && !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal)
        && !context.Request.Path.StartsWithSegments("/export", StringComparison.Ordinal)
        && HttpMethods.IsGet(context.Request.Method);

    /// <summary>
    /// <c>{"status":"Unhealthy","store":{"provider":"postgres","detail":"..."},"demo":"none"}</c>: what is wrong, not only that
    /// something is; <c>demo</c> is <c>loading</c>, <c>loaded</c>, <c>failed</c> (the background load, docs/demo-company.md) or
    /// <c>none</c>. A workspace with its facts in ClickHouse adds <c>store.parts</c>: the documents' and the facts' health
    /// each (<c>role</c>, <c>provider</c>, <c>location</c>, <c>healthy</c>, <c>detail</c>), naming the one that does not answer.
    /// </summary>
    private static async Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        var store = context.RequestServices.GetRequiredService<IMercatoStore>();
        var entry = report.Entries.TryGetValue("store", out var e) ? e : default;
        var demo = context.RequestServices.GetRequiredService<DemoLoad>().State.HealthWord;
        if (demo is null)
        {
            try
            {
                demo = report.Status == HealthStatus.Healthy
                    && await context.RequestServices.GetRequiredService<DemoUseCases>().IsLoadedAsync(context.RequestAborted).ConfigureAwait(false)
                    ? "loaded"
                    : "none";
            }
            catch (StoreUnavailableException)
            {
                demo = "none";
            }
        }

        var parts = entry.Data is { } data && data.TryGetValue(StoreHealthCheck.PartsKey, out var value) ? (IReadOnlyList<StorePartHealth>)value : null;
        object about = parts is null
            ? new { provider = store.Provider, location = store.Location, detail = entry.Description }
            : new
            {
                provider = store.Provider,
                location = store.Location,
                detail = entry.Description,
                parts = parts.Select(p => new { role = p.Role, provider = p.Provider, location = p.Location, healthy = p.Healthy, detail = p.Detail }),
            };
        await context.Response.WriteAsJsonAsync(
            new { status = report.Status.ToString(), store = about, demo },
            MercatoJson.Compact, context.RequestAborted).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Store opened: {Provider} at {Location}")]
        public static partial void StoreOpened(ILogger logger, string provider, string location);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Mercato is listening at {Address}")]
        public static partial void Listening(ILogger logger, string address);

        [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "No account exists yet: create the first administrator with `mercato users add NAME --email E --role admin`")]
        public static partial void NoAccount(ILogger logger);
    }
}

/// <summary>Healthy when the store answers and its schema is current.</summary>
internal sealed class StoreHealthCheck(IMercatoStore store) : IHealthCheck
{
    /// <summary>Where the health of each engine of a workspace kept in two goes (<see cref="StoreHealth.Parts"/>).</summary>
    public const string PartsKey = "parts";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = await store.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        var data = health.Parts is { } parts ? new Dictionary<string, object> { [PartsKey] = parts } : null;
        return health.Healthy ? HealthCheckResult.Healthy(health.Detail, data) : HealthCheckResult.Unhealthy(health.Detail, data: data);
    }
}
