namespace Mercato.Core.Mix;

/// <summary>What a simulated data set was drawn from: per channel, its true shape, β (outcome per period at full saturation) and contribution over the data.</summary>
/// <param name="Shapes">The true adstock and saturation parameters.</param>
/// <param name="Coefficients">The true β per channel.</param>
/// <param name="Contributions">The true outcome each channel added over the data (before noise).</param>
/// <param name="Baseline">The true intercept + trend + seasonality summed over the data.</param>
public sealed record MixTruth(IReadOnlyList<ChannelShape> Shapes, IReadOnlyList<double> Coefficients, IReadOnlyList<double> Contributions, double Baseline);

/// <summary>A simulated data set and the truth it was drawn from.</summary>
public sealed record MixSimulated(MixData Data, MixTruth Truth);

/// <summary>
/// Draws weekly data from the model's own form with known parameters, for recovery and coverage tests and for the
/// benchmark (docs/mix-model.md, Recovery): a baseline of 100,000 per week with a 10% trend and yearly seasonality,
/// channels whose spend wanders around its own level with flights off, media adding 20 to 50% of the outcome, and
/// normal noise of <c>noise</c> × 100,000.
/// </summary>
public static class MixSimulation
{
    /// <summary>The weekly baseline level.</summary>
    public const double BaseLevel = 100_000;

    /// <summary>One data set: <paramref name="channels"/> channels over <paramref name="weeks"/> weeks from Monday 2022-01-03.</summary>
    public static MixSimulated Draw(int seed, int channels, int weeks, double noise, MixOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 8);
        options ??= new MixOptions();
        var random = new Random(seed);
        var first = new DateOnly(2022, 1, 3);
        var periods = Enumerable.Range(0, weeks).Select(w => first.AddDays(7 * w)).ToArray();
        var maxLag = options.MaxLag ?? 8;

        var spend = new double[channels][];
        var shapes = new ChannelShape[channels];
        var media = new double[channels][];
        var shares = Enumerable.Range(0, channels).Select(_ => 0.3 + random.NextDouble()).ToArray();
        var mediaShare = 0.2 + (0.3 * random.NextDouble());
        var coefficients = new double[channels];
        for (var c = 0; c < channels; c++)
        {
            var level = Math.Exp(Math.Log(1e3) + (random.NextDouble() * Math.Log(100)));
            var phase = random.NextDouble() * 2 * Math.PI;
            var offShare = random.NextDouble() < 0.4 ? 0.15 : 0;
            spend[c] = new double[weeks];
            for (var t = 0; t < weeks; t++)
            {
                var wave = 1 + (0.4 * Math.Sin((2 * Math.PI * t / 52) + phase)) + (0.45 * Normal(random));
                spend[c][t] = random.NextDouble() < offShare ? 0 : Math.Round(level * Math.Max(0.05, wave), 2);
            }

            shapes[c] = new ChannelShape(
                options.Adstock == AdstockKind.Geometric ? 0.1 + (0.6 * random.NextDouble()) : 0.8 + (2.2 * random.NextDouble()),
                options.Adstock == AdstockKind.Geometric ? 0 : 0.1 + (0.4 * random.NextDouble()),
                options.Saturation == SaturationKind.Hill ? 0.8 + (1.7 * random.NextDouble()) : 0,
                options.Saturation == SaturationKind.Hill ? 0.5 + (1.3 * random.NextDouble()) : 0.5 + (2.5 * random.NextDouble()));
            var active = spend[c].Where(v => v > 0).ToArray();
            var scale = active.Length > 0 ? active.Average() : 1;
            var a = MixTransforms.Adstock(spend[c], MixTransforms.Weights(options.Adstock, shapes[c], maxLag));
            media[c] = a.Select(v => MixTransforms.Saturate(options.Saturation, shapes[c], v / scale)).ToArray();
            var meanSaturation = media[c].Average();
            coefficients[c] = meanSaturation > 0 ? shares[c] / shares.Sum() * mediaShare * BaseLevel / meanSaturation : 0;
        }

        var outcome = new double[weeks];
        var baselineTotal = 0.0;
        for (var t = 0; t < weeks; t++)
        {
            var days = periods[t].DayNumber - first.DayNumber;
            var baseline = BaseLevel * (1 + (0.1 * t / Math.Max(1, weeks - 1)) + (0.08 * Math.Sin(2 * Math.PI * days / 365.25)) + (0.04 * Math.Cos(4 * Math.PI * days / 365.25)));
            baselineTotal += baseline;
            var y = baseline + (noise * BaseLevel * Normal(random));
            for (var c = 0; c < channels; c++)
            {
                y += coefficients[c] * media[c][t];
            }

            outcome[t] = y;
        }

        var data = new MixData(
            periods,
            outcome,
            Enumerable.Range(0, channels).Select(c => new MixSeries("channel_" + (c + 1), spend[c])).ToArray(),
            []);
        var contributions = Enumerable.Range(0, channels).Select(c => coefficients[c] * media[c].Sum()).ToArray();
        return new MixSimulated(data, new MixTruth(shapes, coefficients, contributions, baselineTotal));
    }

    private static double Normal(Random random)
    {
        // Box–Muller.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
