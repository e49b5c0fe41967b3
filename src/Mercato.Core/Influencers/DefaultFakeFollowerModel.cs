namespace Mercato.Core.Influencers;

/// <summary>
/// The default model's numbers, pasted from <see cref="FakeFollowerTrainer.Train"/>'s report (λ = 1, 5 folds, seed 1) on
/// the TRAIN split (576 rows) of the public Instagram "fake / genuine accounts" data set, converted as the test helper
/// InstagramDataset says; see <see cref="FakeFollowerModel.Default"/>. Out of fold on that split: accuracy 0.9253,
/// sensitivity 0.8993, specificity 0.9514, AUC 0.9712 at the cut-off below. On the held-out TEST split (120 rows):
/// accuracy 0.9083, sensitivity 0.9333, specificity 0.8833, AUC 0.9797.
/// </summary>
internal static class DefaultModel
{
    internal const string Source =
        "default: L2 logistic regression (lambda 1, Newton), cut-off by Youden's J out of fold (5 folds, seed 1), fitted on the 576-row "
        + "TRAIN split of the public Instagram fake/genuine accounts data set (Kaggle); held-out TEST split: accuracy 0.908, AUC 0.980";

    internal static FakeFollowerModel Create() => new(
        [.. FakeFollowerFeatures.Names],
        [
            -0.06540497598482481, 2.561679114085982, 2.6270840900708063, 0.2986111111111111, 0.2725694444444444,
            0.16527777777777772, 0.8347222222222227, 0.5659722222222222, 1.5535190324013621, 0, 0.026041666666666668,
            0.3819444444444444,
        ],
        [
            2.246586627780381, 1.9070779399559683, 1.78578483500126, 0.4576488997387605, 0.4452811947519121,
            0.21612735585903364, 0.21612735585903375, 0.49562855637570313, 1.8949055913087036, 1, 0.15925921720229855,
            0.4858630319364393,
        ],
        [
            1.4413143255368406, 0.88332745262629, -0.8699050193900684, 1.9039277036341409, 1.0522368231767258,
            0.8639514630734503, -0.8639514630734556, 0.36198590280525167, -0.390208961130186, 0, -0.1868300033505663,
            -0.3225280600475731,
        ],
        0.8181030968492218,
        0.5169608673577661,
        0.8993055555555556,
        0.9513888888888888,
        Source);
}
