using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Mercato.Core.DataCenter;
using Mercato.Core.Demo;
using Mercato.Storage.DataCenter;
using Mercato.Storage.Demo;
using Mercato.Storage.Import;
using Mercato.Storage.Sqlite;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Mercato.Features.People;
using Mercato.Features.Organization;
using Mercato.Features.Measurement;
using Mercato.Features.Imports;
using Mercato.Features.Demo;
using Mercato.Features.Channels;
using Mercato.Features.Campaigns;

namespace Mercato.Hosting;

/// <summary>Builds the web host: <c>AddMercato()</c> and <c>MapMercato()</c>.</summary>
public static partial class MercatoHost
{
    /// <summary>
    /// Builds the app: configuration, validated options, the store (with the demo company loaded into an empty store unless
    /// <c>NoDemo</c>), services and endpoints. Returns null, after writing the reasons to stderr, when the options are invalid.
    /// </summary>
    public static WebApplication? Build(string[] args, IReadOnlyDictionary<string, string?> overrides, TextWriter output)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.Configuration.AddInMemoryCollection(FriendlyEnvironmentVariables());
        builder.Configuration.AddInMemoryCollection(overrides);

        var options = builder.Configuration.GetSection(MercatoOptions.Section).Get<MercatoOptions>() ?? new MercatoOptions();
        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true))
        {
            foreach (var problem in problems)
            {
                Console.Error.WriteLine("configuration: " + problem.ErrorMessage);
            }

            return null;
        }

        options.DataDir = DataDirectory.Resolve(options.DataDir);
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxImportBytes);
        builder.Services.AddMercato(options);

        var app = builder.Build();
        var store = app.Services.GetRequiredService<MercatoStore>();
        var demo = app.Services.GetRequiredService<DemoData>();
        if (!options.NoDemo && demo.StoreIsEmpty)
        {
            var scale = Enum.Parse<DemoScale>(options.DemoScale, ignoreCase: true);
            output.WriteLine($"The store in {store.DataDirectory} is empty: loading the demo company ({options.DemoScale})...");
            try
            {
                var loaded = demo.Load(new DemoOptions(DemoDefaults.Seed, scale, DemoDefaults.LastMonth(TimeProvider.System)));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Loaded {loaded.RowsByKind.Values.Sum():N0} demo rows."));
            }
            catch (InvalidOperationException refused)
            {
                // The store is left as it was; Mercato still starts, on the user's own data.
                output.WriteLine(Messages.Text(refused));
            }
        }

        app.MapMercato();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                output.WriteLine($"Mercato is running at {address}/  (data: {store.DataDirectory})");
            }

            if (demo.IsLoaded)
            {
                output.WriteLine("It shows the demo company. Start clean with `mercato demo --remove`, or `mercato serve --no-demo` on an empty --data-dir.");
            }

            output.Flush();
        });
        return app;
    }

    /// <summary>Registers the store and the services the CLI and the web share.</summary>
    public static IServiceCollection AddMercato(this IServiceCollection services, MercatoOptions options)
    {
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => MercatoStore.Open(options.DataDir, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new FactImporter(sp.GetRequiredService<MercatoStore>()));
        services.AddSingleton(sp => new DataCenterQueries(sp.GetRequiredService<MercatoStore>()));
        services.AddSingleton(sp => new Mercato.Storage.Campaigns.CampaignStore(sp.GetRequiredService<MercatoStore>()));
        services.AddSingleton(sp => new Mercato.Features.People.StaffService(
            sp.GetRequiredService<MercatoStore>(), sp.GetRequiredService<Mercato.Storage.Campaigns.CampaignStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new DemoData(sp.GetRequiredService<MercatoStore>()));
        services.AddSingleton(sp => new Mercato.Features.Measurement.MeasurementService(sp.GetRequiredService<MercatoStore>()));
        services.AddSingleton(sp => new Mercato.Storage.Kpis.KpiQueries(sp.GetRequiredService<MercatoStore>()));
        services.AddSingleton(sp => new Mercato.Features.Organization.OrgService(
            sp.GetRequiredService<MercatoStore>(), sp.GetRequiredService<Mercato.Storage.Kpis.KpiQueries>(), sp.GetRequiredService<Mercato.Features.Measurement.MeasurementService>()));
        services.AddSingleton(sp => new Mercato.Features.Campaigns.CampaignService(
            sp.GetRequiredService<MercatoStore>(), sp.GetRequiredService<Mercato.Storage.Campaigns.CampaignStore>(),
            sp.GetRequiredService<Mercato.Storage.Kpis.KpiQueries>(), sp.GetRequiredService<Mercato.Features.Measurement.MeasurementService>()));
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower));
            json.SerializerOptions.WithText(); // coded messages carry their rendered sentence beside code and args
        });
        services.AddOpenApi();
        services.AddAntiforgery();
        // Keys for antiforgery tokens live with the data, so a restart does not invalidate an open upload form.
        services.AddDataProtection()
            .SetApplicationName("mercato")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(DataDirectory.Resolve(options.DataDir), "keys")));
        services.AddRazorComponents();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(f => f.MultipartBodyLengthLimit = options.MaxImportBytes);
        return services;
    }

    /// <summary>Maps the UI, the API, health and the OpenAPI document.</summary>
    public static WebApplication MapMercato(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot")),
        });
        app.UseAntiforgery();
        app.MapHealthChecks("/health");
        app.MapOpenApi("/openapi/{documentName}.json");
        var api = app.MapGroup("/api/v1");
        api.MapSourcesApi();
        api.MapImportApi();
        api.MapChannelsApi();
        api.MapDemoApi();
        api.MapMeasurementApi();
        api.MapOrgApi();
        api.MapCampaignsApi();
        api.MapStaffApi();
        app.MapDataCenterForms();
        app.MapRazorComponents<App>();
        return app;
    }

    private static Dictionary<string, string?> FriendlyEnvironmentVariables()
    {
        var map = new Dictionary<string, string?>();
        void From(string variable, string key)
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                map[key] = value;
            }
        }

        From("MERCATO_DATA_DIR", "Mercato:DataDir");
        From("MERCATO_URLS", "Mercato:Urls");
        From("MERCATO_NO_DEMO", "Mercato:NoDemo");
        From("MERCATO_DEMO_SCALE", "Mercato:DemoScale");
        From("MERCATO_MAX_IMPORT_BYTES", "Mercato:MaxImportBytes");
        return map;
    }
}

/// <summary>Healthy when the store answers and its schema is current.</summary>
internal sealed class StoreHealthCheck(MercatoStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(store.IsHealthy(out var detail) ? HealthCheckResult.Healthy(detail) : HealthCheckResult.Unhealthy(detail));
}

/// <summary>The demo company's defaults.</summary>
public static class DemoDefaults
{
    /// <summary>The seed used when none is given.</summary>
    public const int Seed = 42;

    /// <summary>The demo's last month: the last full month before today.</summary>
    public static YearMonth LastMonth(TimeProvider time) => YearMonth.Of(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)).AddMonths(-1);
}
