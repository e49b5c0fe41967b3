namespace Mercato.Core.Influencers;

/// <summary>
/// One sampled follower's public profile, as an audit samples it: what the fake-follower scorer reads
/// (<c>FakeFollowerModel</c>).
/// </summary>
/// <param name="FollowerId">The follower's id on the platform.</param>
/// <param name="Followers">How many accounts follow it (not negative).</param>
/// <param name="Following">How many accounts it follows (not negative).</param>
/// <param name="Posts">How many posts it has published (not negative).</param>
/// <param name="HasProfilePicture">Whether it has a profile picture of its own.</param>
/// <param name="IsPrivate">Whether the account is private.</param>
/// <param name="Username">Its username, when sampled.</param>
/// <param name="BioLength">Length of its bio in characters, when sampled.</param>
/// <param name="AccountAgeDays">Days since the account was created, when known.</param>
public sealed record FollowerProfile(
    string FollowerId, long Followers, long Following, long Posts, bool HasProfilePicture, bool IsPrivate,
    string? Username = null, int? BioLength = null, int? AccountAgeDays = null);
