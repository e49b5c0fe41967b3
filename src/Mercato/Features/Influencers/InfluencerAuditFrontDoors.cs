using System.CommandLine;

namespace Mercato.Features.Influencers;

/// <summary>The audit commands (filled as the audit use cases arrive).</summary>
internal static partial class InfluencersCommand
{
    private static IEnumerable<Command> AuditCommands() => [];
}

/// <summary>The audit endpoints.</summary>
public static partial class InfluencersApi
{
    private static void MapAudits(RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
    }
}
