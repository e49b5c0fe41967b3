using System.Text.Json;
using Mercato.Core.Influencers;

namespace Mercato.Core.Tests.Influencers;

public class FakeFollowerModelTests
{
    [Fact]
    public void Features_AreTheDocumentedOnes()
    {
        var x = FakeFollowerFeatures.Of(new FollowerProfile("f", 99, 999, 0, false, true, "ab12", 0));
        Assert.Equal(FakeFollowerFeatures.Names.Count, x.Length);
        Assert.Equal(Math.Log(10), x[0]!.Value, 12);
        Assert.Equal(Math.Log(1000), x[1]!.Value, 12);
        Assert.Equal(Math.Log(100), x[2]!.Value, 12);
        Assert.Equal(1, x[3]);
        Assert.Equal(1, x[4]);
        Assert.Equal(0.5, x[5]);
        Assert.Equal(0.5, x[6]);
        Assert.Equal(1, x[7]);
        Assert.Equal(0, x[8]);
        Assert.Null(x[9]);
        Assert.Equal(0, x[10]);
        Assert.Equal(1, x[11]);

        var y = FakeFollowerFeatures.Of(new FollowerProfile("g", 10, 5, 3, true, false, BioLength: 19, AccountAgeDays: 99));
        Assert.Null(y[5]);
        Assert.Null(y[6]);
        Assert.Equal(0, y[7]);
        Assert.Equal(Math.Log(20), y[8]!.Value, 12);
        Assert.Equal(Math.Log(100), y[9]!.Value, 12);
    }

    [Theory]
    [InlineData(199L, 1000L, 1.0)]
    [InlineData(200L, 1000L, 0.0)]
    [InlineData(10L, 999L, 0.0)]
    public void MassFollowing_NeedsAThousandAndFiveTimesTheFollowers(long followers, long following, double flag) =>
        Assert.Equal(flag, FakeFollowerFeatures.Of(new FollowerProfile("f", followers, following, 5, true, false))[10]);

    private static FakeFollowerModel HandModel()
    {
        var n = FakeFollowerFeatures.Names.Count;
        var means = new double[n];
        var scales = Enumerable.Repeat(1.0, n).ToArray();
        var weights = new double[n];
        means[3] = 0.5;
        scales[3] = 0.5;
        weights[3] = 2;
        means[5] = 0.3;
        weights[5] = 5;
        return new FakeFollowerModel([.. FakeFollowerFeatures.Names], means, scales, weights, -1, 0.5, null, null, "hand");
    }

    /// <summary>No picture: z = (1 − 0.5) ÷ 0.5 = 1, t = −1 + 2 × 1 = 1, σ(1) = 0.7310586; the missing username adds nothing.</summary>
    [Fact]
    public void Score_IsTheLogisticOfTheStandardizedSum_MissingFieldsAddNothing()
    {
        var model = HandModel();
        Assert.Equal(0.7310585786300049, model.Score(new FollowerProfile("f", 10, 10, 1, false, false)), 12);
        Assert.True(model.IsFake(new FollowerProfile("f", 10, 10, 1, false, false)));

        // With a picture: z = −1, t = −3; a username of digit share 0.3 (the mean) adds nothing either.
        Assert.Equal(1 / (1 + Math.Exp(3)), model.Score(new FollowerProfile("f", 10, 10, 1, true, false, "abcdefg123")), 12);
    }

    [Fact]
    public void Default_IsValid_AndRoundTripsThroughJson()
    {
        var model = FakeFollowerModel.Default;
        Assert.Empty(model.Problems());
        Assert.Equal(FakeFollowerFeatures.Names, model.Features);
        Assert.NotNull(model.Sensitivity);
        var json = JsonSerializer.Serialize(model);
        var back = JsonSerializer.Deserialize<FakeFollowerModel>(json)!;
        Assert.Equal(json, JsonSerializer.Serialize(back));
        var p = new FollowerProfile("x", 40, 700, 0, false, false, "qwe12345", 0);
        Assert.Equal(model.Score(p), back.Score(p));
        Assert.True(model.Score(p) > 0.9);
        Assert.True(model.Score(new FollowerProfile("y", 2400, 600, 300, true, false, "annalee", 90)) < 0.1);
    }

    [Fact]
    public void Problems_FindABrokenModel()
    {
        var broken = HandModel() with { Weights = [1.0], Cutoff = 1, Intercept = double.NaN };
        Assert.Equal(["weights", "intercept", "cutoff"], broken.Problems().Select(p => p.Path));
        Assert.All(broken.Problems(), p => Assert.Equal(InfluencerAuditCodes.BadModel, p.Code));
    }
}
