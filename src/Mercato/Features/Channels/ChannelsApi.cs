using Mercato.Core.DataCenter;
using Mercato.Storage.DataCenter;

namespace Mercato.Features.Channels;

/// <summary><c>/api/v1/channels</c>: the channel catalog and its groups.</summary>
public static class ChannelsApi
{
    /// <summary>The body of a group change.</summary>
    public sealed record GroupChange(string Group);

    public static RouteGroupBuilder MapChannelsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/channels", (DataCenterQueries queries) => TypedResults.Ok(queries.Channels()))
            .WithName("GetChannels")
            .WithSummary("The channel catalog: each channel's group, touchpoints and spend; unassigned channels first");

        api.MapGet("/channel-groups", () => TypedResults.Ok(ChannelGroups.All.Select(g => new { slug = g.Slug(), label = g.Label() })))
            .WithName("GetChannelGroups");

        api.MapPut("/channels/{name}", Results<Ok<ChannelInfo>, ProblemHttpResult> (DataCenterQueries queries, string name, GroupChange change) =>
            {
                if (!ChannelGroups.TryParse(change.Group, out var group))
                {
                    return ApiProblems.Bad(CommonCodes.NotOneOf, ("value", change.Group), ("expected", ChannelGroups.All.Select(g => g.Slug())));
                }

                if (!queries.SetChannelGroup(name, group))
                {
                    return ApiProblems.NotFound(ApiCodes.ChannelNotFound, ("name", name));
                }

                return TypedResults.Ok(queries.Channels().First(c => string.Equals(c.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)));
            })
            .WithName("SetChannelGroup");
        return api;
    }
}
