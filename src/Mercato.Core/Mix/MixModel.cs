namespace Mercato.Core.Mix;

/// <summary>
/// The marketing mix model (docs/mix-model.md): outcome per period = intercept + trend + yearly Fourier seasonality +
/// controls + Σ_c β_c·sat_c(adstock_c(spend_c)) + noise, β_c ≥ 0. The nonlinear parameters of every channel are found by
/// a coordinate search on the penalised profile likelihood (the linear part solved exactly for each candidate, ridge
/// toward 0, normal priors on the nonlinear parameters); intervals come from a moving-block residual bootstrap that
/// refits every replicate.
/// </summary>
public static class MixModel
{
    /// <summary>Fits <paramref name="data"/>; call <see cref="MixChecks.Problems"/> first.</summary>
    /// <exception cref="ArgumentException">The data or options have problems (<see cref="MixChecks.Problems"/>).</exception>
    public static MixFit Fit(MixData data, MixOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var problems = MixChecks.Problems(data, options);
        if (problems.Count > 0)
        {
            throw new ArgumentException("the mix data has problems: " + string.Join("; ", problems), nameof(data));
        }

        var design = new MixDesign(data, options);
        var start = Enumerable.Repeat(MixTransforms.Prior(options.Adstock, options.Saturation), design.Channels).ToArray();
        var point = Search(design, design.Y, design.N, start, MainSweeps, grid: true, cancellationToken);

        double[]? forecast = null;
        if (design.Holdout > 0)
        {
            var trained = Search(design, design.Y, design.N - design.Holdout, start, MainSweeps, grid: true, cancellationToken);
            forecast = design.Fitted(trained.Media, trained.Solution.Beta);
        }

        var replicates = Bootstrap(design, point, cancellationToken);
        return new MixFit(design, point, replicates, forecast, MixChecks.Warnings(data, options));
    }

    internal const int MainSweeps = 8;

    internal const int ReplicateSweeps = 4;

    /// <summary>
    /// Coordinate search over every channel's nonlinear parameters (on each parameter's search scale): with
    /// <paramref name="grid"/>, 9 evenly spaced values over the range first, then a golden-section refinement around the
    /// best; without, the refinement alone around the current value. Sweeps end when the loss improves by less than 1e-6.
    /// </summary>
    internal static FitPoint Search(MixDesign design, double[] y, int rows, ChannelShape[] start, int sweeps, bool grid, CancellationToken cancellationToken)
    {
        var shapes = (ChannelShape[])start.Clone();
        var media = new double[design.Channels][];
        for (var c = 0; c < design.Channels; c++)
        {
            media[c] = design.MediaColumn(c, shapes[c]);
        }

        var solution = design.Solve(media, y, rows);
        var loss = design.Loss(solution, shapes, rows);
        for (var sweep = 0; sweep < sweeps; sweep++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var before = loss;
            for (var c = 0; c < design.Channels; c++)
            {
                for (var i = 0; i < design.Space.Count; i++)
                {
                    var space = design.Space[i];
                    var low = space.ToSearch(space.Low);
                    var high = space.ToSearch(space.High);
                    var current = space.ToSearch(MixTransforms.Get(shapes[c], design.Options.Adstock, design.Options.Saturation, i));
                    var bestU = current;
                    var bestLoss = loss;
                    LinearSolution? bestSolution = null;
                    double[]? bestColumn = null;

                    double Evaluate(double u)
                    {
                        var candidate = MixTransforms.With(shapes[c], design.Options.Adstock, design.Options.Saturation, i, space.FromSearch(u));
                        var saved = (shapes[c], media[c]);
                        shapes[c] = candidate;
                        media[c] = design.MediaColumn(c, candidate);
                        var s = design.Solve(media, y, rows);
                        var l = design.Loss(s, shapes, rows);
                        if (l < bestLoss)
                        {
                            bestLoss = l;
                            bestU = u;
                            bestSolution = s;
                            bestColumn = media[c];
                        }

                        (shapes[c], media[c]) = saved;
                        return l;
                    }

                    var width = (high - low) / 8;
                    if (grid)
                    {
                        for (var g = 0; g <= 8; g++)
                        {
                            Evaluate(low + (g * width));
                        }
                    }
                    else
                    {
                        width = (high - low) / 4;
                    }

                    Golden(Evaluate, Math.Max(low, bestU - width), Math.Min(high, bestU + width), grid ? 10 : 8);
                    if (bestSolution is not null)
                    {
                        shapes[c] = MixTransforms.With(shapes[c], design.Options.Adstock, design.Options.Saturation, i, space.FromSearch(bestU));
                        media[c] = bestColumn!;
                        solution = bestSolution;
                        loss = bestLoss;
                    }
                }
            }

            if (before - loss < 1e-6 * Math.Max(1, Math.Abs(loss)))
            {
                break;
            }
        }

        return new FitPoint(shapes, solution, media);
    }

    /// <summary>
    /// Moving-block residual bootstrap: y* = fitted + blocks of the centred residuals (block length ⌈n^(1/3)⌉, start drawn
    /// uniformly), each replicate refitted from the point estimate with <see cref="ReplicateSweeps"/> sweeps. Replicate r
    /// draws from its own seeded generator, so the result does not depend on the threads.
    /// </summary>
    internal static FitPoint[] Bootstrap(MixDesign design, FitPoint point, CancellationToken cancellationToken)
    {
        var count = design.Options.Replicates;
        if (count == 0)
        {
            return [];
        }

        var fitted = design.Fitted(point.Media, point.Solution.Beta);
        var residuals = new double[design.N];
        for (var t = 0; t < design.N; t++)
        {
            residuals[t] = design.Y[t] - fitted[t];
        }

        // Centred, and rescaled by √(n / (n − p)) with p the fitted parameters (linear and nonlinear): fitted residuals are
        // smaller than the errors they stand for, and unscaled they make every interval too narrow.
        var mean = residuals.Average();
        var parameters = design.Fixed.Length + (design.Channels * (1 + design.Space.Count));
        var inflate = Math.Sqrt((double)design.N / Math.Max(1, design.N - parameters));
        for (var t = 0; t < design.N; t++)
        {
            residuals[t] = (residuals[t] - mean) * inflate;
        }

        var block = Math.Max(1, (int)Math.Ceiling(Math.Cbrt(design.N)));
        var result = new FitPoint[count];
        Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, r =>
        {
            var random = new Random(unchecked((design.Options.Seed * 1_000_003) + r));
            var y = new double[design.N];
            var t = 0;
            while (t < design.N)
            {
                var from = random.Next(0, design.N - block + 1);
                for (var k = 0; k < block && t < design.N; k++, t++)
                {
                    y[t] = fitted[t] + residuals[from + k];
                }
            }

            result[r] = Search(design, y, design.N, point.Shapes, ReplicateSweeps, grid: true, cancellationToken);
        });
        return result;
    }

    private static void Golden(Func<double, double> f, double a, double b, int iterations)
    {
        if (!(b > a))
        {
            return;
        }

        var ratio = (Math.Sqrt(5) - 1) / 2;
        var x1 = b - (ratio * (b - a));
        var x2 = a + (ratio * (b - a));
        var f1 = f(x1);
        var f2 = f(x2);
        for (var k = 0; k < iterations; k++)
        {
            if (f1 <= f2)
            {
                b = x2;
                x2 = x1;
                f2 = f1;
                x1 = b - (ratio * (b - a));
                f1 = f(x1);
            }
            else
            {
                a = x1;
                x1 = x2;
                f1 = f2;
                x2 = a + (ratio * (b - a));
                f2 = f(x2);
            }
        }
    }
}

/// <summary>One fitted state: every channel's shape, the linear solution, and the media columns it was solved with.</summary>
internal sealed record FitPoint(ChannelShape[] Shapes, LinearSolution Solution, double[][] Media);
