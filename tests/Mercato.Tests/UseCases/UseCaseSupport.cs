using System.Globalization;
using System.Text.Json.Nodes;
using Mercato.Core.Campaigns;
using Mercato.Hosting;
using Mercato.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mercato.Tests.UseCases;

/// <summary>Asserts on use-case outcomes by kind, code, arguments and problems: codes, never sentences.</summary>
public static class Expect
{
    public static T Ok<T>(Outcome<T> outcome)
    {
        Assert.True(outcome.IsOk, "expected ok, got " + outcome + " " + string.Join(", ", outcome.Problems));
        return outcome.Value!;
    }

    public static void Ok(Outcome outcome) =>
        Assert.True(outcome.IsOk, "expected ok, got " + outcome + " " + string.Join(", ", outcome.Problems));

    public static void Refused(Outcome outcome, string code, MessageArgs args)
    {
        Assert.Equal((OutcomeKind.Refused, code, args), (outcome.Kind, outcome.Code, outcome.Args));
        Assert.Empty(outcome.Problems);
    }

    public static void NotFound(Outcome outcome, string code, MessageArgs args)
    {
        Assert.Equal((OutcomeKind.NotFound, code, args), (outcome.Kind, outcome.Code, outcome.Args));
        Assert.Empty(outcome.Problems);
    }

    public static void MovedMeanwhile(Outcome outcome, MessageArgs args)
    {
        Assert.Equal((OutcomeKind.MovedMeanwhile, CommonCodes.MovedMeanwhile, args), (outcome.Kind, outcome.Code, outcome.Args));
        Assert.Empty(outcome.Problems);
    }

    /// <summary>Invalid with exactly <paramref name="problems"/>, in order, and their number as <c>count</c>.</summary>
    public static void Invalid(Outcome outcome, params Problem[] problems)
    {
        Assert.Equal((OutcomeKind.Invalid, CommonCodes.Invalid, MessageArgs.Of(("count", problems.Length))), (outcome.Kind, outcome.Code, outcome.Args));
        Assert.Equal(problems, outcome.Problems);
    }

    public static MessageArgs Args(params (string Name, object? Value)[] args) => MessageArgs.Of(args);
}

/// <summary>People, squads and campaigns the campaign tests share.</summary>
public static class Samples
{
    public static readonly Person Ann = new("ann", "Ann Lee", "brand", "Brand manager", ["ann-1"]);
    public static readonly Person Bo = new("bo", "Bo Chen", "pr", "PR lead");

    public static readonly Campaign Launch = new(
        "bp-launch", "BP monitor launch", CampaignType.ProductLaunch, "brand", new DateOnly(2026, 4, 10), new DateOnly(2026, 4, 20),
        budget: [new BudgetLine(BudgetItemKind.Channel, "douyin_ads", 6000m), new BudgetLine(BudgetItemKind.Cost, "kol_fee", 2000m)],
        codes: ["bp-launch"]);

    public static readonly Squad LaunchSquad = new(
        "launch-squad", "Launch squad", [new SquadMember("ann", SquadRole.Lead), new SquadMember("bo", SquadRole.Media)],
        new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), ["bp-launch"]);

    /// <summary>
    /// A campaign as a bundle file could carry it, edited as JSON: stage, history and approvals can be written in a file
    /// but not through Core's API, which keeps them to the lifecycle.
    /// </summary>
    public static Campaign AsFileWith(Campaign campaign, Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(CampaignDocuments.Campaigns.ToJson(campaign))!.AsObject();
        edit(json);
        return CampaignDocuments.Campaigns.FromJson(json.ToJsonString());
    }

    public static string Iso(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}

/// <summary>
/// A second service container over the store of a <see cref="TestWorkspace"/>, opened anew (a restart of the program,
/// another process): what it reads is what the store kept.
/// </summary>
public sealed class ReopenedWorkspace : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IMercatoStore _store;

    private ReopenedWorkspace(ServiceProvider services, IMercatoStore store)
    {
        _services = services;
        _store = store;
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static async Task<ReopenedWorkspace> OpenAsync(TestWorkspace workspace, string? actor = null)
    {
        var options = new MercatoOptions
        {
            DataDir = workspace.Dir.Path,
            Store = workspace.Kind == TestStoreKind.Sqlite ? "sqlite" : "postgres",
            Connection = workspace.Connection,
        };
        var store = await StoreSelection.OpenAsync(options, workspace.Clock);
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(workspace.Clock)
            .AddMercatoCore(options, store, new NamedUser(actor ?? workspace.Actor))
            .BuildServiceProvider();
        return new ReopenedWorkspace(services, store);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        await _services.DisposeAsync();
    }
}
