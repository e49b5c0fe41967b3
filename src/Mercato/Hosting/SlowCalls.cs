using System.Reflection;

namespace Mercato.Hosting;

/// <summary>
/// Logs every call to a store's port that takes longer than <see cref="Threshold"/> (a slow query): the port, the method
/// and how long it took, as a warning, so it shows without <c>--verbose</c>. Wraps each read port where the store is
/// registered (<see cref="StoreSelection.AddMercatoStore"/>); the ports themselves know nothing of it.
/// </summary>
public partial class SlowCalls : DispatchProxy
{
    /// <summary>Calls slower than this are logged.</summary>
    public static readonly TimeSpan Threshold = TimeSpan.FromSeconds(1);

    private object _inner = null!;
    private ILogger _logger = null!;
    private TimeProvider _time = null!;

    /// <summary><paramref name="inner"/> behind a proxy that times its calls.</summary>
    public static T Wrap<T>(T inner, ILogger logger, TimeProvider time)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(inner);
        var proxy = Create<T, SlowCalls>();
        var calls = (SlowCalls)(object)proxy;
        (calls._inner, calls._logger, calls._time) = (inner, logger, time);
        return proxy;
    }

    /// <inheritdoc/>
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var started = _time.GetTimestamp();
        object? result;
        try
        {
            result = targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }

        if (result is Task task)
        {
            task.ContinueWith(_ => Check(targetMethod, started), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        else
        {
            Check(targetMethod, started);
        }

        return result;
    }

    private void Check(MethodInfo method, long started)
    {
        var elapsed = _time.GetElapsedTime(started);
        if (elapsed > Threshold)
        {
            Log.Slow(_logger, method.DeclaringType?.Name ?? "?", method.Name, (long)elapsed.TotalMilliseconds);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Slow store call: {Port}.{Method} took {Milliseconds} ms")]
        public static partial void Slow(ILogger logger, string port, string method, long milliseconds);
    }
}
