using Mercato.Core.Access;
using Mercato.Core.Campaigns;
using Mercato.Core.Influencers;
using Mercato.Features.Access;
using Mercato.Features.Settings;

namespace Mercato.Features.Influencers;

/// <summary>One influencer of the directory with its follower count and tier.</summary>
/// <param name="Influencer">The document.</param>
/// <param name="Version">Its version.</param>
/// <param name="Followers">Followers: the latest snapshot's on or before today, else the declared count; null when neither.</param>
/// <param name="FollowersOn">The day of that snapshot; null when the count is the declared one.</param>
/// <param name="Tier">The tier of <paramref name="Followers"/> (<see cref="InfluencerTiers"/>); null without a count.</param>
public sealed record InfluencerEntry(Influencer Influencer, long Version, long? Followers, DateOnly? FollowersOn, InfluencerTier? Tier);

/// <summary>What the directory list shows: filters, and the sort.</summary>
/// <param name="Platform">Only this platform (its word); null for all.</param>
/// <param name="Tier">Only this tier (its word); null for all.</param>
/// <param name="Category">Only influencers with this category (ignoring case); null for all.</param>
/// <param name="Query">Text the id, name or handle contains (ignoring case); null for all.</param>
/// <param name="Sort">name (default), followers (most first), tier (largest first) or platform.</param>
public sealed record InfluencerFilter(string? Platform = null, string? Tier = null, string? Category = null, string? Query = null, string? Sort = null)
{
    /// <summary>The sorts the list knows.</summary>
    public static IReadOnlyList<string> Sorts { get; } = ["name", "followers", "tier", "platform"];
}

/// <summary>
/// The influencer directory for every front door: list with filters, one influencer, save (create or replace at a
/// version), add (create only), remove. Every save is checked by <see cref="InfluencerRules"/> against the campaign
/// registry and the rest of the directory; nothing is saved when a rule is broken. Reading needs
/// <see cref="Permission.ReadReports"/>, saving and removing <see cref="Permission.WriteShared"/>.
/// </summary>
public sealed class InfluencerDirectoryUseCases(
    IDocumentStore documents, IInfluencerFactStore facts, SettingsUseCases settings, ICurrentUser user, OutcomeLog log, TimeProvider time, AccessGuard guard)
{
    /// <summary>Every influencer with its follower count and tier, filtered and sorted; invalid for an unknown filter word.</summary>
    public async Task<Outcome<IReadOnlyList<InfluencerEntry>>> ListAsync(InfluencerFilter filter, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        ArgumentNullException.ThrowIfNull(filter);
        var problems = new List<Problem>();
        InfluencerPlatform? platform = null;
        InfluencerTier? tier = null;
        if (!string.IsNullOrWhiteSpace(filter.Platform))
        {
            if (EnumWords.TryParse<InfluencerPlatform>(filter.Platform, out var p))
            {
                platform = p;
            }
            else
            {
                problems.Add(Problem.Of("platform", CommonCodes.NotOneOf, ("value", filter.Platform), ("expected", EnumWords.All<InfluencerPlatform>())));
            }
        }

        if (!string.IsNullOrWhiteSpace(filter.Tier))
        {
            if (EnumWords.TryParse<InfluencerTier>(filter.Tier, out var t))
            {
                tier = t;
            }
            else
            {
                problems.Add(Problem.Of("tier", CommonCodes.NotOneOf, ("value", filter.Tier), ("expected", EnumWords.All<InfluencerTier>())));
            }
        }

        var sort = string.IsNullOrWhiteSpace(filter.Sort) ? "name" : filter.Sort.Trim().ToLowerInvariant();
        if (!InfluencerFilter.Sorts.Contains(sort))
        {
            problems.Add(Problem.Of("sort", CommonCodes.NotOneOf, ("value", filter.Sort), ("expected", InfluencerFilter.Sorts)));
        }

        if (problems.Count > 0)
        {
            return Outcome<IReadOnlyList<InfluencerEntry>>.Invalid(problems);
        }

        var all = await EntriesAsync(cancellationToken).ConfigureAwait(false);
        var q = filter.Query?.Trim();
        var kept = all.Where(e => platform is null || e.Influencer.Platform == platform)
            .Where(e => tier is null || e.Tier == tier)
            .Where(e => string.IsNullOrWhiteSpace(filter.Category) || e.Influencer.Categories.Contains(filter.Category.Trim(), StringComparer.OrdinalIgnoreCase))
            .Where(e => string.IsNullOrEmpty(q) || e.Influencer.Id.Contains(q, StringComparison.OrdinalIgnoreCase)
                || e.Influencer.Name.Contains(q, StringComparison.OrdinalIgnoreCase) || e.Influencer.Handle.Contains(q, StringComparison.OrdinalIgnoreCase));
        IReadOnlyList<InfluencerEntry> sorted = sort switch
        {
            "followers" => [.. kept.OrderByDescending(e => e.Followers ?? -1).ThenBy(e => e.Influencer.Id, StringComparer.Ordinal)],
            "tier" => [.. kept.OrderByDescending(e => e.Tier.HasValue ? (int)e.Tier.Value : -1).ThenByDescending(e => e.Followers ?? -1).ThenBy(e => e.Influencer.Id, StringComparer.Ordinal)],
            "platform" => [.. kept.OrderBy(e => EnumWords.Word(e.Influencer.Platform), StringComparer.Ordinal).ThenBy(e => e.Influencer.Name, StringComparer.CurrentCulture)],
            _ => [.. kept.OrderBy(e => e.Influencer.Name, StringComparer.CurrentCulture).ThenBy(e => e.Influencer.Id, StringComparer.Ordinal)],
        };
        return Outcome<IReadOnlyList<InfluencerEntry>>.Ok(sorted);
    }

    /// <summary>
    /// Every influencer with its follower count and tier, by id: one read of the directory, one of the latest snapshots.
    /// For <see cref="ListAsync"/> and the ranking, which check for their callers; no front door calls it.
    /// </summary>
    public async Task<IReadOnlyList<InfluencerEntry>> EntriesAsync(CancellationToken cancellationToken)
    {
        var stored = await documents.ListAsync(Influencer.Documents, cancellationToken).ConfigureAwait(false);
        if (stored.Count == 0)
        {
            return [];
        }

        var today = LocalTime.Today(time, await settings.ZoneAsync(cancellationToken).ConfigureAwait(false));
        var latest = (await facts.LatestSnapshotsAsync(today, cancellationToken).ConfigureAwait(false))
            .ToDictionary(s => s.Influencer, StringComparer.OrdinalIgnoreCase);
        return [.. stored.Select(d => Entry(d, latest.GetValueOrDefault(d.Value.Id)))];
    }

    /// <summary>One influencer with its follower count and tier; not found by <see cref="InfluencerDirectoryCodes.NotFound"/>.</summary>
    public Task<Outcome<InfluencerEntry>> GetAsync(string id, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return FindAsync(id, cancellationToken);
    }

    /// <summary><see cref="GetAsync"/> without its check, for the audits, which check for their callers.</summary>
    internal async Task<Outcome<InfluencerEntry>> FindAsync(string id, CancellationToken cancellationToken)
    {
        var stored = await documents.GetAsync(Influencer.Documents, id, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return Outcome<InfluencerEntry>.NotFound(InfluencerDirectoryCodes.NotFound, MessageArgs.Of(("influencer", id)));
        }

        var today = LocalTime.Today(time, await settings.ZoneAsync(cancellationToken).ConfigureAwait(false));
        var snapshots = await facts.SnapshotsAsync(id, DateOnly.MinValue, today, cancellationToken).ConfigureAwait(false);
        return Outcome<InfluencerEntry>.Ok(Entry(stored, snapshots.Count > 0 ? snapshots[^1] : null));
    }

    /// <summary>
    /// Saves an influencer, new or replacing the stored one: invalid by <see cref="InfluencerRules"/>; moved meanwhile when
    /// the stored one is not at <paramref name="expectedVersion"/> (0: must not exist yet; null: whatever it is).
    /// </summary>
    public async Task<Outcome<Versioned<Influencer>>> SaveAsync(Influencer influencer, long? expectedVersion, CancellationToken cancellationToken)
    {
        guard.Require(Permission.WriteShared);
        ArgumentNullException.ThrowIfNull(influencer);
        var normalized = Normalize(influencer);
        var campaigns = await documents.ListAsync(CampaignDocuments.Campaigns, cancellationToken).ConfigureAwait(false);
        var others = await documents.ListAsync(Influencer.Documents, cancellationToken).ConfigureAwait(false);
        var codes = campaigns.SelectMany(c => c.Value.Codes.Prepend(c.Value.Id));
        if (InfluencerRules.Problems(normalized, codes, others.Select(o => o.Value)) is { Count: > 0 } problems)
        {
            return log.Noted(Outcome<Versioned<Influencer>>.Invalid(problems), "influencer save", normalized.Id ?? "");
        }

        var commit = await documents.CommitAsync([DocumentChange.Put(Influencer.Documents, normalized, expectedVersion)], user, cancellationToken)
            .ConfigureAwait(false);
        if (!commit.Committed)
        {
            return log.Noted(
                expectedVersion == 0
                    ? Outcome<Versioned<Influencer>>.Refused(InfluencerDirectoryCodes.Exists, MessageArgs.Of(("influencer", normalized.Id)))
                    : Outcome<Versioned<Influencer>>.MovedMeanwhile(MessageArgs.Of(("influencer", normalized.Id))),
                "influencer save", normalized.Id);
        }

        var saved = await documents.GetAsync(Influencer.Documents, normalized.Id, cancellationToken).ConfigureAwait(false);
        return log.Noted(Outcome<Versioned<Influencer>>.Ok(saved!), "influencer save", normalized.Id);
    }

    /// <summary>Removes an influencer; not found when there is none; moved meanwhile at another version.</summary>
    public async Task<Outcome> RemoveAsync(string id, long? expectedVersion, CancellationToken cancellationToken)
    {
        guard.Require(Permission.WriteShared);
        var stored = await documents.GetAsync(Influencer.Documents, id, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return log.Noted(Outcome.NotFound(InfluencerDirectoryCodes.NotFound, MessageArgs.Of(("influencer", id))), "influencer remove", id);
        }

        var commit = await documents.CommitAsync([DocumentChange.Delete(Influencer.Documents, id, expectedVersion ?? stored.Version)], user, cancellationToken)
            .ConfigureAwait(false);
        return log.Noted(commit.Committed ? Outcome.Ok() : Outcome.MovedMeanwhile(MessageArgs.Of(("influencer", id))), "influencer remove", id);
    }

    /// <summary>Lists a body may leave out read as empty, so the rules judge what is there.</summary>
    private static Influencer Normalize(Influencer i) => i with
    {
        Categories = i.Categories ?? [],
        RateCard = i.RateCard ?? [],
        Codes = i.Codes is null ? InfluencerCodes.None : new InfluencerCodes(i.Codes.Referral ?? [], i.Codes.Campaign ?? [], i.Codes.Hosts ?? [], i.Codes.Costs ?? []),
        Collaborations = [.. (i.Collaborations ?? []).Select(c => c is null ? c! : c with { Deliverables = c.Deliverables ?? [] })],
    };

    private static InfluencerEntry Entry(Versioned<Influencer> stored, Core.DataCenter.InfluencerSnapshotFact? latest)
    {
        long? followers = latest?.Followers ?? stored.Value.DeclaredFollowers;
        return new InfluencerEntry(stored.Value, stored.Version, followers, latest?.Date, followers is { } f ? InfluencerTiers.Of(f) : null);
    }
}
