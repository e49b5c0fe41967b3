using System.Text.Json.Serialization;

namespace Mercato.Core.Mix;

/// <summary>How spend carries over into later periods (docs/mix-model.md, Adstock).</summary>
public enum AdstockKind
{
    /// <summary>Weights λˡ for lags l = 0…L, normalised to sum 1: one parameter, the decay λ.</summary>
    [JsonStringEnumMemberName("geometric")]
    Geometric,

    /// <summary>Weights from the Weibull density at l + 1 (shape k, scale s·L), normalised: a delayed peak is possible.</summary>
    [JsonStringEnumMemberName("weibull")]
    Weibull,
}

/// <summary>How the effect of adstocked spend flattens (docs/mix-model.md, Saturation).</summary>
public enum SaturationKind
{
    /// <summary>Hill: xᵅ / (xᵅ + γᵅ), x in units of the channel's mean active adstocked spend; S-shaped when α &gt; 1.</summary>
    [JsonStringEnumMemberName("hill")]
    Hill,

    /// <summary>Logistic (PyMC-Marketing's): (1 − e^(−μx)) / (1 + e^(−μx)), x as for Hill; concave.</summary>
    [JsonStringEnumMemberName("logistic")]
    Logistic,
}

/// <summary>
/// The nonlinear parameters of one channel. <see cref="First"/> is the geometric decay λ or the Weibull shape k;
/// <see cref="Second"/> the Weibull scale s (unused for geometric); <see cref="Shape"/> the Hill α (unused for logistic);
/// <see cref="HalfPoint"/> the Hill γ or the logistic μ.
/// </summary>
/// <param name="First">Geometric λ in [0, 0.9], or Weibull shape k in [0.5, 5].</param>
/// <param name="Second">Weibull scale s in [0.05, 1] (a share of the maximum lag); 0 for geometric.</param>
/// <param name="Shape">Hill α in [0.5, 3]; 0 for logistic.</param>
/// <param name="HalfPoint">Hill γ in [0.2, 3], or logistic μ in [0.1, 5]; in units of the mean active adstocked spend.</param>
public readonly record struct ChannelShape(double First, double Second, double Shape, double HalfPoint);

/// <summary>The adstock and saturation transforms and the search space of their parameters, with their priors.</summary>
public static class MixTransforms
{
    /// <summary>
    /// The adstock weights w₀…w_L (sum 1). Geometric: wₗ ∝ λˡ. Weibull: wₗ ∝ f(l + 1; k, s·L) with f the Weibull density
    /// k/σ·(x/σ)^(k−1)·e^(−(x/σ)^k).
    /// </summary>
    public static double[] Weights(AdstockKind kind, ChannelShape shape, int maxLag)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLag);
        var w = new double[maxLag + 1];
        if (kind == AdstockKind.Geometric)
        {
            var v = 1.0;
            for (var l = 0; l <= maxLag; l++)
            {
                w[l] = v;
                v *= shape.First;
            }
        }
        else
        {
            var k = shape.First;
            var sigma = Math.Max(shape.Second * Math.Max(maxLag, 1), 1e-6);
            for (var l = 0; l <= maxLag; l++)
            {
                var x = (l + 1) / sigma;
                w[l] = k / sigma * Math.Pow(x, k - 1) * Math.Exp(-Math.Pow(x, k));
            }
        }

        var sum = w.Sum();
        if (!(sum > 0) || double.IsInfinity(sum))
        {
            // A Weibull scale so small that every lag underflows: all weight on the period of the spend itself.
            Array.Clear(w);
            w[0] = 1;
            return w;
        }

        for (var l = 0; l <= maxLag; l++)
        {
            w[l] /= sum;
        }

        return w;
    }

    /// <summary>aₜ = Σₗ wₗ·s_(t−l): spend before the first period counts as 0.</summary>
    public static double[] Adstock(ReadOnlySpan<double> spend, ReadOnlySpan<double> weights)
    {
        var a = new double[spend.Length];
        for (var t = 0; t < spend.Length; t++)
        {
            var v = 0.0;
            var lags = Math.Min(weights.Length - 1, t);
            for (var l = 0; l <= lags; l++)
            {
                v += weights[l] * spend[t - l];
            }

            a[t] = v;
        }

        return a;
    }

    /// <summary>The saturation of x (x in units of the channel's scale, x ≥ 0): Hill or logistic, in [0, 1).</summary>
    public static double Saturate(SaturationKind kind, ChannelShape shape, double x)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (kind == SaturationKind.Hill)
        {
            var xa = Math.Pow(x, shape.Shape);
            return xa / (xa + Math.Pow(shape.HalfPoint, shape.Shape));
        }

        var e = Math.Exp(-shape.HalfPoint * x);
        return (1 - e) / (1 + e);
    }

    /// <summary>The parameters searched for a channel, in the order of <see cref="Get"/> and <see cref="With"/>.</summary>
    public static IReadOnlyList<ParameterSpace> Space(AdstockKind adstock, SaturationKind saturation)
    {
        var list = new List<ParameterSpace>(4);
        if (adstock == AdstockKind.Geometric)
        {
            list.Add(Geometric);
        }
        else
        {
            list.Add(WeibullShape);
            list.Add(WeibullScale);
        }

        if (saturation == SaturationKind.Hill)
        {
            list.Add(HillShape);
            list.Add(HillHalf);
        }
        else
        {
            list.Add(LogisticRate);
        }

        return list;
    }

    /// <summary>The prior means: where every search starts.</summary>
    public static ChannelShape Prior(AdstockKind adstock, SaturationKind saturation) => new(
        adstock == AdstockKind.Geometric ? Geometric.Prior : WeibullShape.Prior,
        adstock == AdstockKind.Geometric ? 0 : WeibullScale.Prior,
        saturation == SaturationKind.Hill ? HillShape.Prior : 0,
        saturation == SaturationKind.Hill ? HillHalf.Prior : LogisticRate.Prior);

    /// <summary>The value of the i-th searched parameter (see <see cref="Space"/>).</summary>
    public static double Get(ChannelShape shape, AdstockKind adstock, SaturationKind saturation, int i) =>
        Slot(adstock, saturation, i) switch
        {
            0 => shape.First,
            1 => shape.Second,
            2 => shape.Shape,
            _ => shape.HalfPoint,
        };

    /// <summary>The shape with the i-th searched parameter (see <see cref="Space"/>) set to <paramref name="value"/>.</summary>
    public static ChannelShape With(ChannelShape shape, AdstockKind adstock, SaturationKind saturation, int i, double value) =>
        Slot(adstock, saturation, i) switch
        {
            0 => shape with { First = value },
            1 => shape with { Second = value },
            2 => shape with { Shape = value },
            _ => shape with { HalfPoint = value },
        };

    /// <summary>The penalty −2·log prior of a shape (normal priors on each parameter's search scale).</summary>
    public static double PriorPenalty(ChannelShape shape, AdstockKind adstock, SaturationKind saturation)
    {
        var space = Space(adstock, saturation);
        var penalty = 0.0;
        for (var i = 0; i < space.Count; i++)
        {
            penalty += space[i].Penalty(Get(shape, adstock, saturation, i));
        }

        return penalty;
    }

    private static int Slot(AdstockKind adstock, SaturationKind saturation, int i)
    {
        var adstockCount = adstock == AdstockKind.Geometric ? 1 : 2;
        if (i < adstockCount)
        {
            return i;
        }

        return saturation == SaturationKind.Hill && i == adstockCount ? 2 : 3;
    }

    private static readonly ParameterSpace Geometric = new("decay", 0, 0.9, 0.3, 0.3, Log: false);
    private static readonly ParameterSpace WeibullShape = new("weibull_shape", 0.5, 5, 1.5, 0.7, Log: true);
    private static readonly ParameterSpace WeibullScale = new("weibull_scale", 0.05, 1, 0.2, 0.8, Log: true);
    private static readonly ParameterSpace HillShape = new("hill_alpha", 0.5, 3, 1.5, 0.4, Log: true);
    private static readonly ParameterSpace HillHalf = new("hill_gamma", 0.5, 3, 1, 0.5, Log: true);
    private static readonly ParameterSpace LogisticRate = new("logistic_mu", 0.1, 5, 1, 0.8, Log: true);
}

/// <summary>
/// One searched parameter: its range, and a normal prior with mean <see cref="Prior"/> and spread <see cref="Spread"/>, on
/// the log scale when <see cref="Log"/> (then the spread is in log units).
/// </summary>
/// <param name="Name">The parameter's name in JSON and docs.</param>
/// <param name="Low">The lowest value searched.</param>
/// <param name="High">The highest value searched.</param>
/// <param name="Prior">The prior mean, where the search starts.</param>
/// <param name="Spread">The prior standard deviation (log units when <paramref name="Log"/>).</param>
/// <param name="Log">Whether the prior and the search work on log(value).</param>
public sealed record ParameterSpace(string Name, double Low, double High, double Prior, double Spread, bool Log)
{
    /// <summary>The value on the search scale.</summary>
    public double ToSearch(double value) => Log ? Math.Log(value) : value;

    /// <summary>The value from the search scale, clamped to the range.</summary>
    public double FromSearch(double u) => Math.Clamp(Log ? Math.Exp(u) : u, Low, High);

    /// <summary>((u − prior) / spread)² on the search scale.</summary>
    public double Penalty(double value)
    {
        var z = (ToSearch(value) - ToSearch(Prior)) / Spread;
        return z * z;
    }
}
