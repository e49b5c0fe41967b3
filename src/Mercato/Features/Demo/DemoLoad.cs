using System.Globalization;
using Mercato.Core.Demo;
using Mercato.Storage.Demo;

namespace Mercato.Features.Demo;

/// <summary>The steps of loading the demo company, each committed whole, in order (<see cref="DemoUseCases.LoadObservedAsync"/>).</summary>
public static class DemoSteps
{
    /// <summary>Every fact of every kind, written and committed in one transaction with the ground truth.</summary>
    public const string Facts = "facts";

    /// <summary>The structure and six months of targets.</summary>
    public const string Structure = "structure";

    /// <summary>The people, squads and campaigns.</summary>
    public const string Campaigns = "campaigns";

    /// <summary>The influencer directory, its benchmarks and model, and the closed crisis case.</summary>
    public const string Influencers = "influencers";

    /// <summary>The demo's accounts.</summary>
    public const string Accounts = "accounts";
}

/// <summary>Watches a demo load: the facts' rows as they are written, and each step before it runs (a step waits for it).</summary>
public interface IDemoLoadObserver : IProgress<DemoFactsProgress>
{
    /// <summary>Called before <paramref name="step"/> (one of <see cref="DemoSteps"/>) runs; the load waits for the task.</summary>
    Task StepAsync(string step, CancellationToken cancellationToken);
}

/// <summary>Where the server's background demo load is.</summary>
public abstract record DemoLoadState
{
    private DemoLoadState()
    {
    }

    /// <summary>The <c>demo</c> word of <c>/health</c> for this state; null when the store decides (loaded or none).</summary>
    public abstract string? HealthWord { get; }

    /// <summary>No load was started by this server (the store held data, or <c>--no-demo</c>).</summary>
    public sealed record Idle : DemoLoadState
    {
        /// <inheritdoc />
        public override string? HealthWord => null;
    }

    /// <summary>Loading: about <paramref name="Percent"/> done, writing <paramref name="Kind"/> (a data kind's or a step's name).</summary>
    /// <param name="Percent">0..99.</param>
    /// <param name="Kind">A data kind's name (<c>touchpoints</c>), <see cref="DemoFactsProgress.Committing"/> or one of <see cref="DemoSteps"/>.</param>
    public sealed record Loading(int Percent, string Kind) : DemoLoadState
    {
        /// <inheritdoc />
        public override string? HealthWord => "loading";
    }

    /// <summary>Loaded: <paramref name="Rows"/> fact rows in <paramref name="Took"/>.</summary>
    /// <param name="Rows">Fact rows added.</param>
    /// <param name="Took">From the start of the load to its end.</param>
    public sealed record Loaded(long Rows, TimeSpan Took) : DemoLoadState
    {
        /// <inheritdoc />
        public override string? HealthWord => "loaded";
    }

    /// <summary>The load failed: refused (<paramref name="Refusal"/>) or broken (<paramref name="Error"/>); what it committed stays.</summary>
    /// <param name="Refusal">The use case's refusal, or null.</param>
    /// <param name="Error">The exception, or null.</param>
    public sealed record Failed(Outcome? Refusal, Exception? Error) : DemoLoadState
    {
        /// <inheritdoc />
        public override string? HealthWord => "failed";

        /// <summary>Why, in <paramref name="culture"/> (the current one when null).</summary>
        public string Reason(CultureInfo? culture = null) =>
            Refusal is { } refused ? Messages.Text(refused, culture) : Error is { } error ? Messages.Text(error, culture) : "";
    }
}

/// <summary>
/// The server's background demo load (docs/demo-company.md, The background load): started by the host on an empty store,
/// run by <see cref="DemoLoadService"/>, read by every page's layout and by <c>/health</c>. One per server.
/// </summary>
public sealed class DemoLoad
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile DemoLoadState _state = new DemoLoadState.Idle();

    /// <summary>The state now.</summary>
    public DemoLoadState State => _state;

    /// <summary>The scale to load, once the host has asked for a load; null when none was asked.</summary>
    public DemoScale? Scale { get; private set; }

    /// <summary>Done when the asked load has ended (loaded or failed), at once when none was asked.</summary>
    public Task Completion => Scale is null ? Task.CompletedTask : _done.Task;

    /// <summary>
    /// Awaited before each step (<see cref="DemoSteps"/>) with its name: a test holds the load here to look at a page
    /// mid-load, or throws to fail it. Null in production.
    /// </summary>
    public Func<string, CancellationToken, Task>? BeforeStep { get; set; }

    /// <summary>Called once the load has ended, with its final state (the host's console lines).</summary>
    public Action<DemoLoadState>? Ended { get; set; }

    /// <summary>Asks for a load of <paramref name="scale"/>: the state is loading from now on.</summary>
    public void Ask(DemoScale scale)
    {
        Scale = scale;
        _state = new DemoLoadState.Loading(0, DemoSteps.Facts);
    }

    /// <summary>The share done: the facts are about nine tenths of the time, by their rows against the scale's usual count.</summary>
    internal void Report(string kind, long rows)
    {
        var percent = kind switch
        {
            DemoSteps.Facts => 0,
            DemoFactsProgress.Committing => 90,
            DemoSteps.Structure => 92,
            DemoSteps.Campaigns => 95,
            DemoSteps.Influencers => 97,
            DemoSteps.Accounts => 99,
            _ => (int)Math.Min(89, rows * 90 / ExpectedRows(Scale ?? DemoScale.Small)),
        };
        _state = new DemoLoadState.Loading(percent, kind);
    }

    /// <summary>Ends the load with <paramref name="state"/>.</summary>
    internal void End(DemoLoadState state)
    {
        _state = state;
        Ended?.Invoke(state);
        _done.TrySetResult();
    }

    /// <summary>About how many fact rows a scale writes (seed 42, measured; benchmarks/RESULTS.md), for the percentage.</summary>
    internal static long ExpectedRows(DemoScale scale) => scale switch
    {
        DemoScale.Small => 70_000,
        DemoScale.Medium => 2_800_000,
        _ => 30_000_000,
    };
}
