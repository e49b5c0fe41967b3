using Mercato.Core.Demo;
using Mercato.Storage.Demo;

namespace Mercato.Features.Demo;

/// <summary>
/// Loads the demo company in the background once the server answers, when the host asked for it (<see cref="DemoLoad.Ask"/>):
/// the demo use case with its progress, each step committed whole; the state is on every page and at <c>/health</c>, and a
/// failure is logged with its reason.
/// </summary>
public sealed partial class DemoLoadService(DemoLoad load, DemoUseCases demo, TimeProvider time, ILogger<DemoLoadService> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (load.Scale is not { } scale)
        {
            return;
        }

        // Off the host's start: the generation is CPU work that writes synchronously.
        await Task.Run(() => RunAsync(scale, stoppingToken), CancellationToken.None).ConfigureAwait(false);
    }

    private async Task RunAsync(DemoScale scale, CancellationToken stoppingToken)
    {
        var started = time.GetTimestamp();
        var word = scale.ToString().ToLowerInvariant();
        Log.Started(logger, word);
        try
        {
            var loaded = await demo.LoadObservedAsync(new DemoOptions(DemoUseCases.DefaultSeed, scale, demo.LastMonth()), new Observer(load), stoppingToken)
                .ConfigureAwait(false);
            if (loaded.Value is { } value)
            {
                var state = new DemoLoadState.Loaded(value.RowsByKind.Values.Sum(), time.GetElapsedTime(started));
                Log.Loaded(logger, word, state.Rows, state.Took.TotalSeconds);
                load.End(state);
            }
            else
            {
                var failed = new DemoLoadState.Failed(loaded, null);
                Log.Failed(logger, word, failed.Reason(System.Globalization.CultureInfo.InvariantCulture), null);
                load.End(failed);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server stops: nothing of the step under way is committed.
            load.End(new DemoLoadState.Idle());
        }
#pragma warning disable CA1031 // Any failure of the load is shown on every page; the server goes on serving.
        catch (Exception error)
#pragma warning restore CA1031
        {
            var failed = new DemoLoadState.Failed(null, error);
            Log.Failed(logger, word, failed.Reason(System.Globalization.CultureInfo.InvariantCulture), error);
            load.End(failed);
        }
    }

    private sealed class Observer(DemoLoad load) : IDemoLoadObserver
    {
        public void Report(DemoFactsProgress value) => load.Report(value.Kind, value.Rows);

        public async Task StepAsync(string step, CancellationToken cancellationToken)
        {
            load.Report(step, 0);
            if (load.BeforeStep is { } before)
            {
                await before(step, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Loading the demo company ({Scale}) in the background")]
        public static partial void Started(ILogger logger, string scale);

        [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Loaded the demo company ({Scale}): {Rows} rows in {Seconds:F1} s")]
        public static partial void Loaded(ILogger logger, string scale, long rows, double seconds);

        [LoggerMessage(EventId = 22, Level = LogLevel.Error, Message = "The demo company ({Scale}) could not be loaded: {Reason}")]
        public static partial void Failed(ILogger logger, string scale, string reason, Exception? error);
    }
}
