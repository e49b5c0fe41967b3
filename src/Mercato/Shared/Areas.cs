using Mercato.Core.Access;

namespace Mercato.Shared;

/// <summary>One area of the product in the navigation, and what a person needs to open it (the navigation shows only those).</summary>
/// <param name="Path">Where it opens.</param>
/// <param name="Key">Its word in the catalogue: <c>area.{Key}</c>.</param>
/// <param name="Needs">The permission that opens it.</param>
public sealed record Area(string Path, string Key, Permission Needs = Permission.ReadReports)
{
    /// <summary>Its title in the language in effect.</summary>
    public string Title => Words.W("area." + Key);
}

/// <summary>The areas of the product.</summary>
public static class Areas
{
    public static IReadOnlyList<Area> All { get; } =
    [
        new("/", "overview"),
        new("/organization", "organization"),
        new("/campaigns", "campaigns", Permission.ReadCampaign),
        new("/datacenter", "datacenter"),
        new("/measurement", "measurement"),
        new("/listening", "listening"),
        new("/influencers", "influencers"),
        new("/ad-monitoring", "ad_monitoring"),
        new("/audit", "audit", Permission.ReadAudit),
    ];
}
