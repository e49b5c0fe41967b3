namespace Mercato.Core.Common;

/// <summary>
/// The workspace's own settings, one document: the time zone its days are local to (a date without a time means midnight
/// there). UTC unless set.
/// </summary>
/// <param name="TimeZone">An IANA time zone id.</param>
public sealed record WorkspaceSettings(string TimeZone = "UTC")
{
    /// <summary>The settings of a workspace that has none saved.</summary>
    public static WorkspaceSettings Default { get; } = new();

    /// <summary>The collection holding the one settings document, <c>workspace</c>.</summary>
    public static DocumentKind<WorkspaceSettings> Document { get; } = new("settings", _ => Id);

    /// <summary>The id of the settings document.</summary>
    public const string Id = "workspace";

    /// <summary>The time zone; UTC when the id is not one this machine knows.</summary>
    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
