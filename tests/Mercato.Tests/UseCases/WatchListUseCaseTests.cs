using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mercato.Core.Listening;
using Mercato.Features.Listening;

namespace Mercato.Tests.UseCases;

/// <summary>The watch list through its use case: the default risk terms until saved, versioned, the list's rules applied, nothing saved when refused.</summary>
public abstract class WatchListUseCaseTests
{
    protected abstract TestStoreKind Kind { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SavedNames_GoToTheChineseSegmenter_SoTheyAreCutWhole()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind, "pr");
        var watch = w.Get<WatchListUseCases>();

        // Saved before the models load: the words wait, and are added when the scorer loads.
        Expect.Ok(await watch.AddAsync(new WatchTerm("Lanmu", WatchKind.Brand, ["澜沐康护"]), Ct));
        Expect.Ok(await watch.AddAsync(new WatchTerm("雾享宝", WatchKind.Product, []), Ct));
        _ = w.Get<SentimentModels>().Scorer;

        var words = ChineseSegmenter.Load(SentimentModels.SegmenterFolder).Cut("我买了澜沐康护的雾享宝，很好用");
        Assert.Contains("澜沐康护", words);
        Assert.Contains("雾享宝", words);
    }

    [Fact]
    public async Task TheWatchList_StartsFromTheRiskTerms_IsSavedVersioned_AndRefusesADuplicateWithNothingSaved()
    {
        await using var w = await TestWorkspace.OpenAsync(Kind, "pr");
        var watch = w.Get<WatchListUseCases>();

        var fresh = await watch.GetAsync(Ct);
        Assert.Equal((0L, 7), (fresh.Version, fresh.Value.Terms.Count));
        Assert.All(fresh.Value.Terms, t => Assert.Equal(WatchKind.Risk, t.Kind));

        Expect.Ok(await watch.AddAsync(new WatchTerm(" Kangning ", WatchKind.Brand, ["康宁"]), Ct));
        var saved = await watch.GetAsync(Ct);
        Assert.Equal((1L, "pr", 8), (saved.Version, saved.SavedBy, saved.Value.Terms.Count));
        Assert.Equal(new WatchTerm("Kangning", WatchKind.Brand, ["康宁"]), saved.Value.Terms[^1], new TermComparer());

        Expect.Invalid(
            await watch.AddAsync(new WatchTerm("Yuwell", WatchKind.Competitor, ["康宁"]), Ct),
            Problem.Of("terms[8].aliases[0]", ListeningRuleCodes.WatchDuplicate, ("value", "康宁"), ("term", "Kangning")));
        Assert.Equal(1L, (await watch.GetAsync(Ct)).Version);

        Expect.MovedMeanwhile(await watch.SaveAsync(saved.Value, 7, Ct), Expect.Args(("list", WatchList.DocumentId)));
        Expect.Ok(await watch.RemoveAsync("kangning", Ct));
        Assert.Equal((2L, 7), ((await watch.GetAsync(Ct)).Version, (await watch.GetAsync(Ct)).Value.Terms.Count));
        Expect.NotFound(await watch.RemoveAsync("kangning", Ct), ListeningCodes.WatchTermNotFound, Expect.Args(("term", "kangning")));
    }

    private sealed class TermComparer : IEqualityComparer<WatchTerm>
    {
        public bool Equals(WatchTerm? x, WatchTerm? y) => x!.Term == y!.Term && x.Kind == y.Kind && x.Aliases.SequenceEqual(y.Aliases);

        public int GetHashCode(WatchTerm obj) => 0;
    }
}

public sealed class WatchListUseCaseTestsOnSqlite : WatchListUseCaseTests
{
    protected override TestStoreKind Kind => TestStoreKind.Sqlite;
}

public sealed class WatchListUseCaseTestsOnPostgres : WatchListUseCaseTests
{
    protected override TestStoreKind Kind => TestStoreKind.Postgres;
}

/// <summary>The watch list's API and command as their users call them.</summary>
public class WatchListFrontDoorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheApi_ReplacesTheListAtTheVersionRead_And422sABlankTerm()
    {
        await using var app = await RunningApp.StartAsync();
        using var first = await app.Client.GetAsync("/api/v1/listening/watch", Ct);
        Assert.Equal("\"0\"", first.Headers.ETag?.Tag);

        var body = new { terms = new object[] { new { term = "Kangning", kind = "brand", aliases = new[] { "康宁" } }, new { term = "召回", kind = "risk", aliases = new[] { "recall" } } } };
        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/listening/watch") { Content = JsonContent.Create(body) };
        using var saved = await app.Client.SendAsync(put, Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        using var blank = await app.Client.PutAsJsonAsync("/api/v1/listening/watch", new { terms = new object[] { new { term = " ", kind = "brand", aliases = Array.Empty<string>() } } }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blank.StatusCode);
        using var nullTerm = await app.Client.PutAsJsonAsync("/api/v1/listening/watch", new { terms = new object?[] { null } }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nullTerm.StatusCode);
        Assert.Contains("watch_blank", await blank.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var stale = new HttpRequestMessage(HttpMethod.Put, "/api/v1/listening/watch") { Content = JsonContent.Create(body) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"5\"");
        using var conflict = await app.Client.SendAsync(stale, Ct);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);

        using var list = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/listening/watch", Ct));
        Assert.Equal(1, list.RootElement.GetProperty("version").GetInt64());
        Assert.Equal(["Kangning", "召回"], list.RootElement.GetProperty("terms").EnumerateArray().Select(t => t.GetProperty("term").GetString()));
        Assert.Equal("brand", list.RootElement.GetProperty("terms")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task TheCommand_AddsListsAndRemovesTerms_AndExits2OnADuplicate()
    {
        using var dir = new TempDir();
        var add = await Cli.RunAsync("listening", "watch", "add", "Kangning", "--kind", "brand", "--alias", "康宁", "--data-dir", dir.Path);
        var dup = await Cli.RunAsync("listening", "watch", "add", "Yuwell", "--kind", "competitor", "--alias", "kangning", "--data-dir", dir.Path);
        var list = await Cli.RunAsync("listening", "watch", "--format", "json", "--data-dir", dir.Path);
        var gone = await Cli.RunAsync("listening", "watch", "remove", "nope", "--data-dir", dir.Path);

        Assert.Equal((0, "watching 8 terms"), (add.ExitCode, add.Stdout.Trim()));
        Assert.Equal(2, dup.ExitCode);
        Assert.Contains("\"kangning\" is already a spelling of \"Kangning\"", dup.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(list.Stdout);
        Assert.Equal(8, json.RootElement.GetProperty("terms").GetArrayLength());
        Assert.Equal(1, gone.ExitCode);
    }
}
