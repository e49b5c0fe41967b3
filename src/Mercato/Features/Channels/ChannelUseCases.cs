using Mercato.Core.Access;
using Mercato.Core.DataCenter;
using Mercato.Features.Access;

namespace Mercato.Features.Channels;

/// <summary>
/// The channel catalog and its groups, for every front door: read with <see cref="Permission.ReadReports"/>, classified
/// with <see cref="Permission.ClassifyChannels"/>.
/// </summary>
public sealed class ChannelUseCases(IFactCatalog catalog, Core.Campaigns.ICampaignFactReader facts, AccessGuard guard, DataVersionCache cache)
{
    /// <summary>
    /// Every channel with its group and volume, unassigned first; a figure (DataVersionCache.FigureAsync) kept until the
    /// data or a channel's group changes.
    /// </summary>
    public async Task<IReadOnlyList<ChannelInfo>> ListAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        var groups = await facts.ChannelGroupsSignatureAsync(cancellationToken).ConfigureAwait(false);
        return await cache.FigureAsync("channels " + groups, TimeZoneInfo.Utc, () => catalog.ChannelsAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Puts channel <paramref name="name"/> in the group <paramref name="group"/> (a slug): invalid for an unknown group,
    /// not found for an unknown channel, else the channel as it now is.
    /// </summary>
    public async Task<Outcome<ChannelInfo>> SetGroupAsync(string name, string? group, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ClassifyChannels);
        ArgumentNullException.ThrowIfNull(name);
        if (!ChannelGroups.TryParse(group, out var parsed))
        {
            return Outcome<ChannelInfo>.Invalid([Problem.Of("group", CommonCodes.NotOneOf, ("value", group), ("expected", ChannelGroups.All.Select(g => g.Slug())))]);
        }

        if (!await catalog.SetChannelGroupAsync(name, parsed, cancellationToken).ConfigureAwait(false))
        {
            return Outcome<ChannelInfo>.NotFound(ApiCodes.ChannelNotFound, MessageArgs.Of(("name", name)));
        }

        var channels = await catalog.ChannelsAsync(cancellationToken).ConfigureAwait(false);
        return Outcome<ChannelInfo>.Ok(channels.First(c => string.Equals(c.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)));
    }
}
