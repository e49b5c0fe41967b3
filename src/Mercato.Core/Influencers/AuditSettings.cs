namespace Mercato.Core.Influencers;

/// <summary>A fake-follower model trained on the workspace's own verified accounts, as stored.</summary>
/// <param name="Report">The trainer's report: the model and its cross-validated figures.</param>
/// <param name="TrainedOn">Where the labelled rows came from (the file's name).</param>
/// <param name="TrainedAt">When it was trained, ISO 8601 UTC.</param>
/// <param name="Holdout">How it scored on a held-out labelled file, when one was given.</param>
public sealed record TrainedAuditModel(FakeFollowerTrainingReport Report, string TrainedOn, string TrainedAt, FakeFollowerEvaluation? Holdout = null)
{
    /// <summary>The one workspace model (training again replaces it).</summary>
    public static DocumentKind<TrainedAuditModel> Document { get; } = new("influencer_audit_model", _ => Id);

    /// <summary>Its document id.</summary>
    public const string Id = "workspace";
}

/// <summary>The workspace's engagement benchmarks, replacing the defaults row by row (<see cref="EngagementBenchmarks.Lookup"/>).</summary>
/// <param name="Rows">The rows set; a (platform, tier) not here keeps its default.</param>
public sealed record EngagementBenchmarkSet(IReadOnlyList<EngagementBenchmark> Rows)
{
    /// <summary>The one workspace set.</summary>
    public static DocumentKind<EngagementBenchmarkSet> Document { get; } = new("influencer_benchmarks", _ => Id);

    /// <summary>Its document id.</summary>
    public const string Id = "workspace";

    /// <summary>
    /// Every broken rule: a known platform and tier, each pair once; the median a share in (0, 1]; low in [0, median].
    /// </summary>
    public IReadOnlyList<Problem> Problems()
    {
        var problems = new List<Problem>();
        var seen = new HashSet<(InfluencerPlatform, InfluencerTier)>();
        for (var i = 0; i < (Rows?.Count ?? 0); i++)
        {
            var at = Problem.At("rows", i);
            if (Rows![i] is not { } row)
            {
                problems.Add(new(at, CommonCodes.NullItem));
                continue;
            }

            if (!Enum.IsDefined(row.Platform) || !Enum.IsDefined(row.Tier))
            {
                problems.Add(Problem.Of(at, CommonCodes.UnknownChoice, ("expected", EnumWords.All<InfluencerPlatform>().Concat(EnumWords.All<InfluencerTier>()).ToArray())));
            }
            else if (!seen.Add((row.Platform, row.Tier)))
            {
                problems.Add(Problem.Of(at, CommonCodes.Duplicate, ("value", EnumWords.Word(row.Platform) + "/" + EnumWords.Word(row.Tier))));
            }

            if (!double.IsFinite(row.Median) || row.Median <= 0 || row.Median > 1)
            {
                problems.Add(Problem.Of(at + ".median", CommonCodes.OutOfRange, ("value", row.Median), ("min", "0 (excluded)"), ("max", 1)));
            }
            else if (!double.IsFinite(row.Low) || row.Low < 0 || row.Low > row.Median)
            {
                problems.Add(Problem.Of(at + ".low", CommonCodes.OutOfRange, ("value", row.Low), ("min", 0), ("max", row.Median)));
            }
        }

        return problems;
    }
}
