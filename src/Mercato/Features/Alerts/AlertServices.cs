using Mercato.Core.Alerts;
using Mercato.Features.Imports;
using Mercato.Storage.Import;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mercato.Features.Alerts;

/// <summary>Evaluates the alerts after each import that added or changed rows, when any source is registered.</summary>
public sealed class AlertImportObserver(AlertUseCases alerts) : IImportObserver
{
    /// <inheritdoc/>
    public async Task ImportedAsync(ImportResult result, CancellationToken cancellationToken)
    {
        if (alerts.HasSources)
        {
            await alerts.EvaluateForServerAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>
/// The server's schedule (<c>serve</c> only): evaluates the alerts every <see cref="AlertSettings.IntervalMinutes"/>
/// minutes, read again after every run so a change of the setting takes effect at the next tick (0: off, checked again a
/// minute later). An exception is logged and the schedule goes on; shutdown stops it between runs or cancels the run.
/// </summary>
public sealed partial class AlertSchedule(AlertUseCases alerts, TimeProvider time, ILogger<AlertSchedule> logger) : BackgroundService
{
    /// <summary>How long the schedule waits to look at the setting again while it is off.</summary>
    public static readonly TimeSpan OffRecheck = TimeSpan.FromMinutes(1);

    /// <summary>Waits between runs; <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> on the injected clock unless a test sets it.</summary>
    public Func<TimeSpan, CancellationToken, Task> Wait { get; init; } = (wait, cancellationToken) => Task.Delay(wait, time, cancellationToken);

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var minutes = (await alerts.SettingsForServerAsync(stoppingToken).ConfigureAwait(false)).Value.IntervalMinutes;
                wait = minutes > 0 ? TimeSpan.FromMinutes(minutes) : OffRecheck;
                if (minutes > 0)
                {
                    await Wait(wait, stoppingToken).ConfigureAwait(false);
                    if (alerts.HasSources)
                    {
                        var done = await alerts.EvaluateForServerAsync(stoppingToken).ConfigureAwait(false);
                        Log.Ran(logger, done.Opened.Count, done.Escalated.Count, done.Problems.Count);
                    }

                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.Failed(logger, e);
                wait = OffRecheck;
            }

            try
            {
                await Wait(wait, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1210, Level = LogLevel.Information, Message = "Scheduled alert evaluation: {Opened} opened, {Escalated} escalated, {Problems} problems")]
        public static partial void Ran(ILogger logger, int opened, int escalated, int problems);

        [LoggerMessage(EventId = 1211, Level = LogLevel.Error, Message = "Scheduled alert evaluation failed; the schedule goes on")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}

/// <summary>The alert center's registrations.</summary>
public static class AlertServices
{
    /// <summary>The use case, the sender with its HTTP client, the import observer (server and CLI alike).</summary>
    public static IServiceCollection AddMercatoAlerts(this IServiceCollection services)
    {
        services.AddHttpClient(AlertSender.Client);
        services.TryAddSingleton(new AlertDeliveryOptions());
        services.AddSingleton<AlertSender>();
        services.AddSingleton<AlertUseCases>();
        services.AddSingleton<IImportObserver, AlertImportObserver>();
        return services;
    }
}
