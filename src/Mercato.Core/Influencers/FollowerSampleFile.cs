using Mercato.Core.DataCenter;

namespace Mercato.Core.Influencers;

/// <summary>One row of a follower-sample file: the profile, and its label when the file is labelled.</summary>
/// <param name="Profile">The follower's profile.</param>
/// <param name="IsFake">The label (true: fake), or null in an unlabelled sample.</param>
public sealed record FollowerSampleRow(FollowerProfile Profile, bool? IsFake) : IFact
{
    /// <inheritdoc/>
    public long Key { get; } = FactKey.Of("follower_sample", Profile.FollowerId);
}

/// <summary>
/// A file of sampled followers read outside the store: what <c>mercato influencers audit-followers</c> scores and
/// <c>train-audit</c> learns from. Columns: the profile's of <c>influencer_followers</c> (follower_id, followers, following,
/// posts, has_profile_picture, is_private, username?, bio_length?, account_age_days?), other columns ignored, and for a
/// labelled file the label column (true/false, 1/0 or yes/no; true is fake), required on every row.
/// </summary>
public sealed class FollowerSampleFile : DataKind
{
    private readonly string? _label;

    /// <summary>A sample file; labelled by <paramref name="labelColumn"/> when it is given.</summary>
    public FollowerSampleFile(string? labelColumn = null)
    {
        _label = string.IsNullOrWhiteSpace(labelColumn) ? null : labelColumn.Trim();
        Fields = _label is null
            ? InfluencerFollowersKind.ProfileFields
            : [.. InfluencerFollowersKind.ProfileFields, new FieldSpec(_label, true, "the label: true (or 1, yes) when the account is fake")];
    }

    /// <inheritdoc/>
    public override string Name => "follower_sample";

    /// <inheritdoc/>
    public override IReadOnlyList<FieldSpec> Fields { get; }

    /// <inheritdoc/>
    public override string IdentityDescription => "follower_id";

    /// <inheritdoc/>
    public override IFact? Parse(ReadOnlySpan<string?> values, ParseContext context, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var profile = InfluencerFollowersKind.ParseProfile(values, errors);
        bool? fake = null;
        if (_label is not null)
        {
            FieldParsers.Boolean(values[InfluencerFollowersKind.ProfileFields.Count], _label, true, errors, out fake);
        }

        return errors.Count > before ? null : new FollowerSampleRow(profile!, fake);
    }
}
