namespace Mercato.Core.Influencers;

/// <summary>
/// The features the fake-follower model reads from a <see cref="FollowerProfile"/>, in this order (natural logarithms;
/// counts plus one so an empty account has finite ratios):
/// <list type="number">
/// <item><c>ln_following_per_follower</c> = ln((following + 1) / (followers + 1)): bought accounts follow many and are followed by few.</item>
/// <item><c>ln_following_per_post</c> = ln((following + 1) / (posts + 1)): they follow without publishing.</item>
/// <item><c>ln_followers_per_post</c> = ln((followers + 1) / (posts + 1)): a real audience comes with content.</item>
/// <item><c>no_profile_picture</c>: 1 without a picture of its own, else 0.</item>
/// <item><c>no_posts</c>: 1 with no post, else 0.</item>
/// <item><c>username_digit_share</c>: digits ÷ characters of the username (generated names carry digit runs).</item>
/// <item><c>username_letter_share</c>: letters ÷ characters of the username.</item>
/// <item><c>bio_empty</c>: 1 when the bio is empty (length 0), else 0.</item>
/// <item><c>ln_bio_length</c> = ln(1 + bio length).</item>
/// <item><c>ln_account_age_days</c> = ln(1 + account age in days): bought accounts are made in batches, recently.</item>
/// <item><c>mass_following</c>: 1 when following ≥ <see cref="MassFollowing"/> and following &gt; <see cref="MassFollowingRatio"/> × followers, else 0 (the follow-for-follow and bot pattern: a real person rarely follows a thousand accounts, five times more than follow back).</item>
/// <item><c>private</c>: 1 for a private account, else 0.</item>
/// </list>
/// An optional field that was not sampled (username, bio, account age) leaves its features missing (null); the model
/// then uses the training mean, which is 0 after standardization and contributes nothing to the score.
/// </summary>
public static class FakeFollowerFeatures
{
    /// <summary>The following count from which the mass-following flag can be set (1,000).</summary>
    public const long MassFollowing = 1_000;

    /// <summary>The following-to-followers ratio above which the mass-following flag is set (5).</summary>
    public const double MassFollowingRatio = 5;

    /// <summary>The feature names, in order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "ln_following_per_follower", "ln_following_per_post", "ln_followers_per_post", "no_profile_picture", "no_posts",
        "username_digit_share", "username_letter_share", "bio_empty", "ln_bio_length", "ln_account_age_days", "mass_following",
        "private",
    ];

    /// <summary>The raw features of <paramref name="profile"/> in the order of <see cref="Names"/>; null where a field was not sampled.</summary>
    public static double?[] Of(FollowerProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        double followers = Math.Max(profile.Followers, 0);
        double following = Math.Max(profile.Following, 0);
        double posts = Math.Max(profile.Posts, 0);
        double? digits = null;
        double? letters = null;
        if (!string.IsNullOrEmpty(profile.Username))
        {
            digits = profile.Username.Count(char.IsAsciiDigit) / (double)profile.Username.Length;
            letters = profile.Username.Count(char.IsLetter) / (double)profile.Username.Length;
        }

        double? bio = profile.BioLength is { } b ? Math.Max(b, 0) : null;
        return
        [
            Math.Log((following + 1) / (followers + 1)),
            Math.Log((following + 1) / (posts + 1)),
            Math.Log((followers + 1) / (posts + 1)),
            profile.HasProfilePicture ? 0 : 1,
            posts == 0 ? 1 : 0,
            digits,
            letters,
            bio is null ? null : bio == 0 ? 1 : 0,
            bio is null ? null : Math.Log(1 + bio.Value),
            profile.AccountAgeDays is { } age ? Math.Log(1 + Math.Max(age, 0)) : null,
            following >= MassFollowing && following > MassFollowingRatio * followers ? 1 : 0,
            profile.IsPrivate ? 1 : 0,
        ];
    }
}

/// <summary>
/// A fitted fake-follower scorer: logistic regression on standardized features, pFake = σ(b + Σ wᵢ zᵢ) with
/// zᵢ = (xᵢ − meanᵢ) ÷ scaleᵢ (a missing xᵢ is taken as meanᵢ, so zᵢ = 0) and σ(t) = 1 ÷ (1 + e⁻ᵗ); a follower is
/// flagged fake when pFake ≥ <see cref="Cutoff"/>. Serializable with System.Text.Json (every number finite).
/// </summary>
/// <param name="Features">The feature names (<see cref="FakeFollowerFeatures.Names"/>).</param>
/// <param name="Means">The training mean of each feature.</param>
/// <param name="Scales">The training standard deviation of each feature (1 where the feature was constant).</param>
/// <param name="Weights">The weight of each standardized feature.</param>
/// <param name="Intercept">The intercept b.</param>
/// <param name="Cutoff">pFake at or above which a follower is flagged.</param>
/// <param name="Sensitivity">The share of fake followers flagged at the cut-off, out of fold (null when unknown).</param>
/// <param name="Specificity">The share of genuine followers not flagged at the cut-off, out of fold (null when unknown).</param>
/// <param name="Source">Where the model came from, in words (data, split, trainer settings).</param>
public sealed record FakeFollowerModel(
    IReadOnlyList<string> Features, IReadOnlyList<double> Means, IReadOnlyList<double> Scales, IReadOnlyList<double> Weights,
    double Intercept, double Cutoff, double? Sensitivity, double? Specificity, string Source)
{
    /// <summary>
    /// The default model. Its numbers were fitted by <see cref="FakeFollowerTrainer.Train"/> (defaults: λ = 1, 5 folds,
    /// seed 1) on the 576 rows of the TRAIN split of the public Instagram "fake / genuine accounts" data set (Kaggle
    /// "Instagram fake spammer genuine accounts"; 288 fake, 288 genuine, labels as published by its author), converted to
    /// follower profiles as the test helper InstagramDataset says (username a synthetic 10-character string with the row's digit share rounded to
    /// tenths, bio length = description length, account age unknown so its weight is 0), and pasted here; the cut-off,
    /// sensitivity and specificity are the trainer's out-of-fold figures. The data set is not in the repository (its
    /// licence is unknown); the test FakeFollowerDatasetTests re-scores the held-out TEST split when the file is present.
    /// </summary>
    public static FakeFollowerModel Default { get; } = DefaultModel.Create();

    /// <summary>pFake of <paramref name="profile"/>.</summary>
    public double Score(FollowerProfile profile) => ScoreFeatures(FakeFollowerFeatures.Of(profile));

    /// <summary>pFake of raw features in the order of <see cref="Features"/> (null = missing).</summary>
    public double ScoreFeatures(IReadOnlyList<double?> raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var t = Intercept;
        for (var i = 0; i < Weights.Count; i++)
        {
            if (raw[i] is { } x && double.IsFinite(x))
            {
                t += Weights[i] * (x - Means[i]) / Scales[i];
            }
        }

        return Sigmoid(t);
    }

    /// <summary>Whether <paramref name="profile"/> is flagged fake: pFake ≥ <see cref="Cutoff"/>.</summary>
    public bool IsFake(FollowerProfile profile) => Score(profile) >= Cutoff;

    /// <summary>What is wrong with the model's numbers (lists of different lengths, a value not finite, a scale not positive, a cut-off outside (0, 1)).</summary>
    public IReadOnlyList<Problem> Problems()
    {
        var problems = new List<Problem>();
        var n = Features.Count;
        foreach (var (name, list) in new[] { ("means", Means), ("scales", Scales), ("weights", Weights) })
        {
            if (list.Count != n || list.Any(v => !double.IsFinite(v)))
            {
                problems.Add(Problem.Of(name, InfluencerAuditCodes.BadModel, ("field", name)));
            }
        }

        if (Scales.Any(s => !(s > 0)))
        {
            problems.Add(Problem.Of("scales", InfluencerAuditCodes.BadModel, ("field", "scales")));
        }

        if (!double.IsFinite(Intercept))
        {
            problems.Add(Problem.Of("intercept", InfluencerAuditCodes.BadModel, ("field", "intercept")));
        }

        if (!(Cutoff > 0 && Cutoff < 1))
        {
            problems.Add(Problem.Of("cutoff", InfluencerAuditCodes.BadModel, ("field", "cutoff")));
        }

        return problems;
    }

    /// <summary>The logistic function 1 ÷ (1 + e⁻ᵗ), computed without overflow.</summary>
    internal static double Sigmoid(double t) => t >= 0 ? 1 / (1 + Math.Exp(-t)) : Math.Exp(t) / (1 + Math.Exp(t));
}
