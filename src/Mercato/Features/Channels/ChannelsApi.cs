using Mercato.Core.DataCenter;

namespace Mercato.Features.Channels;

/// <summary><c>/api/v1/channels</c>: the channel catalog and its groups.</summary>
public static class ChannelsApi
{
    /// <summary>The body of a group change.</summary>
    public sealed record GroupChange(string Group);

    public static RouteGroupBuilder MapChannelsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/channels", async (ChannelUseCases channels, CancellationToken cancellationToken) => TypedResults.Ok(await channels.ListAsync(cancellationToken)))
            .WithName("GetChannels")
            .WithSummary("The channel catalog: each channel's group, touchpoints and spend; unassigned channels first");

        api.MapGet("/channel-groups", () => TypedResults.Ok(ChannelGroups.All.Select(g => new { slug = g.Slug(), label = g.Label() })))
            .WithName("GetChannelGroups");

        api.MapPut("/channels/{name}", async Task<Results<Ok<ChannelInfo>, ProblemHttpResult>> (ChannelUseCases channels, string name, GroupChange change, CancellationToken cancellationToken) =>
                ApiProblems.OkOr(await channels.SetGroupAsync(name, change.Group, cancellationToken)))
            .WithName("SetChannelGroup");
        return api;
    }
}
