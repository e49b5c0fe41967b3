using System.Text.Json;
using Mercato.Core.Mix;
using Mercato.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mercato.Tests;

/// <summary>
/// <see cref="FigureShelf"/> keeps the server's figures across a restart: a figure reads back as it was computed (message
/// arguments keep their types, a mix fit its state), a type that would not is not kept, and after a restart
/// <see cref="DataVersionCache"/> answers a kept figure at the same data versions without computing it, shows one of an
/// earlier state of the same facts as the last result, and never one of another store's history.
/// </summary>
public sealed class FigureShelfTests : IDisposable
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;
    private static readonly JsonSerializerOptions Plain = new() { IncludeFields = true };

    private readonly TempDir _dir = new();
    private readonly VersionsCatalog _catalog = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    private FigureShelf Shelf() => new(_dir.Path, "sqlite", "/data/mercato.db", NullLogger.Instance, _clock);

    /// <summary>A figure with what JSON reads back wrongly by default: value tuples, typed message arguments, NaN.</summary>
    public sealed record Sample(
        (string Channel, decimal? Spend) Pair, Message Reason, IReadOnlyList<Problem> Problems, double Ratio, DateOnly Day,
        IReadOnlyDictionary<string, long> Counts);

    private static Sample NewSample() => new(
        ("baidu_sem", 12.5m),
        Message.Of("kpi_missing_input", ("share", 0.25), ("day", new DateOnly(2026, 11, 30)), ("count", 3L), ("amount", 1.10m),
            ("at", new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.FromHours(8))), ("names", (IReadOnlyList<string>)["a", "b"]), ("none", null)),
        [new Problem("row.3", "bad_value")],
        double.NaN,
        new DateOnly(2026, 12, 7),
        new Dictionary<string, long>(StringComparer.Ordinal) { ["wechat"] = 4 });

    [Fact]
    public void AFigure_ReadsBackAsItWasComputed_InANewProcess()
    {
        using (var shelf = Shelf())
        {
            shelf.Put("UTC|*|sample", new FigureShelf.Shelved("touchpoints=t/(1, 1, x)", _clock.GetUtcNow(), NewSample(), typeof(Sample)));
        }

        using var again = Shelf();
        var kept = again.Take<Sample>("UTC|*|sample");

        Assert.NotNull(kept);
        Assert.Equal(("touchpoints=t/(1, 1, x)", _clock.GetUtcNow()), (kept.Version, kept.AsOf));
        var sample = Assert.IsType<Sample>(kept.Value);
        Assert.Equal(("baidu_sem", 12.5m), sample.Pair);
        Assert.True(double.IsNaN(sample.Ratio));
        // Each argument keeps its type: a share stays a double (a percent in the sentence), a day a DateOnly.
        Assert.Equal(NewSample().Reason, sample.Reason);
        Assert.IsType<double>(sample.Reason.Args["share"]);
        Assert.IsType<DateOnly>(sample.Reason.Args["day"]);
        Assert.IsType<DateTimeOffset>(sample.Reason.Args["at"]);
        Assert.Equal(JsonSerializer.Serialize(NewSample() with { Ratio = 0 }, Plain), JsonSerializer.Serialize(sample with { Ratio = 0 }, Plain));
        Assert.Null(again.Take<Sample>("UTC|*|another"));
        Assert.Null(again.Take<string>("UTC|*|sample"));
    }

    /// <summary>Public state set only inside: JSON writes it, but cannot read it back.</summary>
    public sealed class Sealed
    {
        public int Value { get; private set; }

        public static Sealed Of(int value) => new() { Value = value };
    }

    public sealed record Open(string Name, object Value);

    [Fact]
    public void AFigureThatWouldNotReadBackTheSame_IsNotKept()
    {
        using var shelf = Shelf();
        shelf.Put("a", new FigureShelf.Shelved("", _clock.GetUtcNow(), Sealed.Of(7), typeof(Sealed)));
        shelf.Put("b", new FigureShelf.Shelved("", _clock.GetUtcNow(), new Open("x", 3L), typeof(Open)));
        shelf.Flush();

        Assert.Empty(Directory.EnumerateFiles(shelf.Folder));
        Assert.Equal([typeof(Open), typeof(Sealed)], shelf.Refused.OrderBy(t => t.Name, StringComparer.Ordinal));
        Assert.Equal("Open.Value: Object", FigureShelf.OpenMember(typeof(Open)));
        Assert.Null(FigureShelf.OpenMember(typeof(Sample)));
    }

    [Fact]
    public void AMixFit_IsKeptAsItsState_AndRestoredWithTheSameFigures()
    {
        var options = new MixOptions { Replicates = 8 };
        var fit = MixModel.Fit(MixSimulation.Draw(seed: 3, channels: 2, weeks: 60, noise: 0.05, options).Data, options, TestContext.Current.CancellationToken);
        using (var shelf = Shelf())
        {
            shelf.Put("mix", new FigureShelf.Shelved("", _clock.GetUtcNow(), fit, typeof(MixFit)));
            shelf.Flush();
            Assert.Empty(shelf.Refused);
        }

        using var again = Shelf();
        var restored = Assert.IsType<MixFit>(again.Take<MixFit>("mix")?.Value);
        Assert.Equal(JsonSerializer.Serialize(fit.Channels), JsonSerializer.Serialize(restored.Channels));
        Assert.Equal(fit.Quality, restored.Quality);
        Assert.Equal(JsonSerializer.Serialize(fit.Periods), JsonSerializer.Serialize(restored.Periods));
        Assert.Equal(fit.Curve(1), restored.Curve(1));
        Assert.Equal(fit.Replicates, restored.Replicates);
        Assert.Equal(fit.Warnings, restored.Warnings);
    }

    [Theory]
    [InlineData("touchpoints=A/(1, 1, x)", "touchpoints=A/(2, 5, y)", true)]
    [InlineData("touchpoints=A/(1, 1, x)", "touchpoints=A/(1, 1, x);spend=B/(1, 2, z)", true)]
    [InlineData("clicks=-", "clicks=C/(1, 1, x)", true)]
    [InlineData("", "spend=B/(1, 2, z)", true)]
    [InlineData("touchpoints=A/(1, 1, x)", "touchpoints=A2/(1, 1, x)", false)]
    [InlineData("touchpoints=A/(1, 1, x)", "touchpoints=-", false)]
    [InlineData("touchpoints=A/(1, 1, x);spend=B/(1, 2, z)", "touchpoints=A/(1, 1, x)", false)]
    public void AKeptResult_IsAnEarlierStateOnlyOfTheSameHistory(string kept, string now, bool same) =>
        Assert.Equal(same, DataVersionCache.SameHistory(kept, now));

    [Fact]
    public async Task AfterARestart_AFigureIsAnsweredAtOnce_AnEarlierOneShownWithItsTime_AndOneOfAnotherHistoryComputed()
    {
        _catalog.Now["touchpoints"] = "2026-01-01T00:00:00.000Z/(1, 1, 2026-01-01T00:00:01.000Z)";
        var counted = _clock.GetUtcNow();
        using (var shelf = Shelf())
        {
            Assert.Equal("first", await new DataVersionCache(_catalog, _clock, shelf).FigureAsync("kpis", Utc, () => Task.FromResult("first"), default));
        }

        static Task<string> Never() => throw new InvalidOperationException("computed although kept");
        using (var shelf = Shelf())
        {
            Assert.Equal("first", await new DataVersionCache(_catalog, _clock, shelf).FigureAsync("kpis", Utc, Never, default));
        }

        // More facts of the same store: a page view answers the kept figure at once, with its time, while the next runs.
        _clock.Advance(TimeSpan.FromHours(2));
        _catalog.Now["touchpoints"] = "2026-01-01T00:00:00.000Z/(2, 2, 2026-12-07T10:59:00.000Z)";
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (var shelf = Shelf())
        {
            var cache = new DataVersionCache(_catalog, _clock, shelf);
            using (var figures = DataVersionCache.ShowLastFigures(TimeSpan.Zero, _clock))
            {
                Assert.Equal("first", await cache.FigureAsync("kpis", Utc, () => gate.Task, default));
                Assert.Equal(counted, figures.OldestAsOf);
            }

            gate.SetResult("second");
            Assert.Equal("second", await cache.FigureAsync("kpis", Utc, () => gate.Task, default));
        }

        // The store created again (another first batch): what was kept is not its last result; the view waits for its own.
        _catalog.Now["touchpoints"] = "2026-12-07T11:00:00.000Z/(2, 2, 2026-12-07T11:00:01.000Z)";
        using (var shelf = Shelf())
        {
            var cache = new DataVersionCache(_catalog, _clock, shelf);
            using var figures = DataVersionCache.ShowLastFigures(TimeSpan.Zero, _clock);
            Assert.Equal("recreated", await cache.FigureAsync("kpis", Utc, () => Task.FromResult("recreated"), default));
            Assert.Null(figures.OldestAsOf);
        }
    }

    [Fact]
    public void AFileOfAnotherBuild_IsRemovedAtStart_AndATornOneIsNotRead()
    {
        string path;
        using (var shelf = Shelf())
        {
            shelf.Put("UTC|*|sample", new FigureShelf.Shelved("", _clock.GetUtcNow(), NewSample(), typeof(Sample)));
            shelf.Flush();
            path = Assert.Single(Directory.EnumerateFiles(shelf.Folder));
        }

        var text = File.ReadAllText(path);
        File.WriteAllText(path, text[..(text.Length / 2)]);
        using (var shelf = Shelf())
        {
            Assert.Null(shelf.Take<Sample>("UTC|*|sample"));
        }

        var header = JsonDocument.Parse(text[..text.IndexOf('\n', StringComparison.Ordinal)]).RootElement.GetProperty("Build").GetString()!;
        File.WriteAllText(path, text.Replace(header, new string('0', header.Length), StringComparison.Ordinal));
        using (var shelf = Shelf())
        {
            Assert.False(File.Exists(path));
        }
    }
}
