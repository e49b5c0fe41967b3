using Mercato.Hosting;
using Microsoft.Extensions.Logging;

namespace Mercato.Tests;

/// <summary>A store call over a second is logged as a slow query, with the port and the method; a quicker one is not.</summary>
public class SlowCallsTests
{
    public interface IPort
    {
        Task<int> ReadAsync(TimeSpan takes);

        int Read(TimeSpan takes);
    }

    private sealed class Port(FakeTimeProvider clock) : IPort
    {
        public async Task<int> ReadAsync(TimeSpan takes)
        {
            await Task.Yield();
            clock.Advance(takes);
            return 7;
        }

        public int Read(TimeSpan takes)
        {
            clock.Advance(takes);
            return 8;
        }
    }

    private sealed class Recorder : ILogger
    {
        public List<(LogLevel Level, string Text)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }

    [Fact]
    public async Task ACallOverASecond_IsLoggedWithPortMethodAndDuration_AQuickOneIsNot()
    {
        var clock = new FakeTimeProvider(TestWorkspace.Start);
        var log = new Recorder();
        var port = SlowCalls.Wrap<IPort>(new Port(clock), log, clock);

        Assert.Equal(7, await port.ReadAsync(TimeSpan.FromMilliseconds(1500)));
        Assert.Equal(7, await port.ReadAsync(TimeSpan.FromMilliseconds(999)));
        Assert.Equal(8, port.Read(TimeSpan.FromSeconds(3)));
        // The check of an async call is a continuation of its task; it may run just after the caller resumes.
        for (var wait = 0; wait < 100 && log.Entries.Count < 2; wait++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(
            [(LogLevel.Warning, "Slow store call: IPort.Read took 3000 ms"), (LogLevel.Warning, "Slow store call: IPort.ReadAsync took 1500 ms")],
            log.Entries.OrderBy(e => e.Text, StringComparer.Ordinal).ToList());
    }
}
