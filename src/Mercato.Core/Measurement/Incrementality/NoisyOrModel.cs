namespace Mercato.Core.Measurement.Incrementality;

/// <summary>One label's fitted effect in a <see cref="NoisyOrModel"/>.</summary>
/// <param name="Label">Channel name or campaign code.</param>
/// <param name="Probability">p_c, the probability that one touch of the label converts on its own (0 ≤ p_c &lt; 1).</param>
/// <param name="IncrementalConversions">Σ over paths of journeys × (P − P₋c): the conversions that would not happen
/// without the label's touches, under the fitted model.</param>
/// <param name="IncrementalRevenue">The same weighted by revenue per conversion: that of the journeys with the same
/// touches, or, where those never converted, the mean over the converting journeys the label touched.</param>
public sealed record LabelIncrementality(string Label, double Probability, double IncrementalConversions, double IncrementalRevenue);

/// <summary>A fitted noisy-OR conversion model.</summary>
/// <param name="BaseProbability">b, the probability of converting without any touch (0 ≤ b &lt; 1; 0 only in the
/// limit reached when the data have no conversions, or when the touches explain every conversion).</param>
/// <param name="Labels">Every label's fitted probability and incremental conversions and revenue, sorted by label (ordinal).</param>
/// <param name="LogLikelihood">Σ over paths of conversions · ln P + non-conversions · ln(1 − P) at the fit (the
/// binomial coefficients, constant in the parameters, are left out).</param>
/// <param name="Iterations">Projected Newton iterations taken.</param>
/// <param name="Converged">Whether a stopping rule was met before <see cref="NoisyOrModel.MaxIterations"/>.</param>
public sealed record IncrementalityResult(
    double BaseProbability,
    IReadOnlyList<LabelIncrementality> Labels,
    double LogLikelihood,
    int Iterations,
    bool Converged);

/// <summary>
/// A noisy-OR conversion model, fitted by maximum likelihood on journey path counts, and the incremental conversions
/// it implies for every label.
/// <para>
/// <b>Model.</b> A journey whose path has n_c touches of label c converts with probability
/// P = 1 − (1 − b) · Π_c (1 − p_c)^{n_c}: a base chance b, and each touch an independent chance p_c of causing the
/// conversion (the noisy-OR of the causes). This is the form in which the demo company simulates conversions. With
/// a = −ln(1 − b) ≥ 0 and q_c = −ln(1 − p_c) ≥ 0 it reads P = 1 − exp(−x), x = a + Σ_c n_c q_c, linear in (a, q).
/// </para>
/// <para>
/// <b>Fit.</b> The journeys of a path are binomial: Conversions successes in Conversions + NonConversions trials. The
/// log-likelihood ℓ(a, q) = Σ_paths [y · ln(1 − e^{−x}) − m · x] (y conversions, m non-conversions) is concave in
/// (a, q): ln(1 − e^{−x}) is concave in x (its second derivative is −e^{−x} / (1 − e^{−x})² &lt; 0), −x is linear,
/// x is linear in (a, q), and nonnegative sums of concave functions are concave. ℓ is maximized over the convex set
/// a ≥ 0, q ≥ 0 by projected Newton (Bertsekas, "Projected Newton methods for optimization problems with simple
/// constraints", SIAM J. Control and Optimization, 1982): variables at their bound whose gradient pushes outward are
/// held there, the Newton system of the others is solved by Cholesky (with a small ridge when it is singular, e.g.
/// when two labels always occur together and are not separately identifiable), the step is projected onto the bounds
/// and shortened by halving until the Armijo condition holds; when no Newton step is accepted a projected gradient
/// step is tried. Iteration stops when the relative change of ℓ is below <see cref="Tolerance"/>, when the projected
/// gradient is below 1e-9 per journey, or after <see cref="MaxIterations"/>. Everything is deterministic (labels are
/// ordered ordinally, paths with the same touch counts are pooled in first-seen order).
/// </para>
/// <para>
/// <b>Incrementality.</b> A label's incremental conversions are Σ_paths (y + m) · (P − P₋c), where P₋c drops the
/// label's touches: P − P₋c = e^{−(x − n_c q_c)} − e^{−x}. This is the demo's ground-truth definition evaluated under
/// the fitted parameters; revenue values each journey at the revenue per conversion of the journeys with the same touches, or, where those never converted, at the mean over the converting journeys the label touched. Order of touches plays no part in the model.
/// </para>
/// <para>
/// If there are no conversions the supremum of ℓ is at b = 0 and every p_c = 0, which is returned. If every journey
/// converts there is no maximum (b → 1), and an <see cref="ArgumentException"/> is thrown.
/// </para>
/// </summary>
public static class NoisyOrModel
{
    /// <summary>The iteration cap.</summary>
    public const int MaxIterations = 500;

    /// <summary>Stop when |Δℓ| ≤ Tolerance · |ℓ|.</summary>
    public const double Tolerance = 1e-10;

    private const double ArmijoSlope = 1e-4;
    private const int MaxHalvings = 60;

    /// <summary>Fits the model to the paths and evaluates every label's incremental conversions and revenue.</summary>
    /// <param name="paths">Journey paths with their conversion and non-conversion counts.</param>
    public static IncrementalityResult Fit(IReadOnlyList<JourneyPath> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var labels = paths.SelectMany(p => p.Touches).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Length; i++)
        {
            index[labels[i]] = i + 1; // variable 0 is a
        }

        var groups = Pool(paths, index);
        var dimension = labels.Length + 1;
        double conversions = 0, journeys = 0;
        foreach (var g in groups)
        {
            conversions += g.Y;
            journeys += g.Y + g.M;
        }

        if (journeys > 0 && conversions >= journeys)
        {
            throw new ArgumentException("Every journey converts: the noisy-OR likelihood has no maximum (b → 1).", nameof(paths));
        }

        var theta = new double[dimension];
        if (conversions == 0)
        {
            return Result(labels, groups, theta, 0, 0, true);
        }

        theta[0] = -Math.Log(1 - conversions / journeys);
        var objective = Objective(groups, theta); // f = −ℓ, minimized
        var gradient = new double[dimension];
        var hessian = new double[dimension * dimension];
        var iterations = 0;
        var converged = false;
        while (iterations < MaxIterations)
        {
            Derivatives(groups, theta, gradient, hessian, dimension);
            iterations++;

            // Projected gradient norm and the ε-active set of Bertsekas.
            double projected = 0;
            for (var j = 0; j < dimension; j++)
            {
                projected = Math.Max(projected, Math.Abs(theta[j] - Math.Max(0, theta[j] - gradient[j])));
            }

            if (projected <= 1e-9 * journeys)
            {
                converged = true;
                break;
            }

            var epsilon = Math.Min(1e-8, projected);
            var free = new List<int>(dimension);
            for (var j = 0; j < dimension; j++)
            {
                if (!(theta[j] <= epsilon && gradient[j] > 0))
                {
                    free.Add(j);
                }
            }

            var direction = new double[dimension];
            if (free.Count > 0)
            {
                var step = NewtonStep(hessian, gradient, free, dimension);
                for (var k = 0; k < free.Count; k++)
                {
                    direction[free[k]] = step[k];
                }
            }

            // Active variables: a scaled gradient step (moves them onto the bound, where projection holds them).
            for (var j = 0; j < dimension; j++)
            {
                if (theta[j] <= epsilon && gradient[j] > 0)
                {
                    direction[j] = -gradient[j] / Math.Max(hessian[j * dimension + j], 1e-300);
                }
            }

            var (next, value) = LineSearch(groups, theta, direction, gradient, objective);
            if (next is null)
            {
                for (var j = 0; j < dimension; j++)
                {
                    direction[j] = -gradient[j];
                }

                (next, value) = LineSearch(groups, theta, direction, gradient, objective);
            }

            if (next is null)
            {
                converged = true; // no decrease is possible at floating-point precision
                break;
            }

            var change = objective - value;
            theta = next;
            objective = value;
            if (change <= Tolerance * Math.Abs(objective))
            {
                converged = true;
                break;
            }
        }

        return Result(labels, groups, theta, -objective, iterations, converged);
    }

    /// <summary>
    /// Evaluates a fitted model on other paths (for example one month's): every label's incremental conversions and revenue
    /// Σ (y + m) · (P − P₋c) under the fitted b and p_c, without refitting. A label the fit never saw has p = 0 and gets
    /// nothing. Paths carrying product cost in place of revenue give incremental product cost in the revenue field.
    /// </summary>
    public static IReadOnlyList<LabelIncrementality> Evaluate(IncrementalityResult fit, IReadOnlyList<JourneyPath> paths)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(paths);
        var labels = fit.Labels.Select(l => l.Label)
            .Concat(paths.SelectMany(p => p.Touches))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Length; i++)
        {
            index[labels[i]] = i + 1;
        }

        var theta = new double[labels.Length + 1];
        theta[0] = -Math.Log(1 - fit.BaseProbability);
        foreach (var label in fit.Labels)
        {
            theta[index[label.Label]] = -Math.Log(1 - label.Probability);
        }

        return Result(labels, Pool(paths, index), theta, double.NaN, 0, true).Labels;
    }

    /// <summary>Paths pooled by their touch counts.</summary>
    private sealed class Group(int[] variables, double[] counts)
    {
        public int[] Variables { get; } = variables; // 0 (a) first, then label variables ascending
        public double[] Counts { get; } = counts;    // 1 for a, then n_c
        public double Y { get; set; }
        public double M { get; set; }
        public double Revenue { get; set; }          // Σ revenue of its conversions
    }

    private static List<Group> Pool(IReadOnlyList<JourneyPath> paths, Dictionary<string, int> index)
    {
        var groups = new List<Group>();
        var byKey = new Dictionary<string, Group>(StringComparer.Ordinal);
        var counts = new SortedDictionary<int, int>();
        foreach (var path in paths)
        {
            if (path.Conversions < 0 || path.NonConversions < 0)
            {
                throw new ArgumentException("Conversion and non-conversion counts must be nonnegative.", nameof(paths));
            }

            var weight = (double)path.Conversions + path.NonConversions;
            if (weight == 0)
            {
                continue;
            }

            counts.Clear();
            foreach (var touch in path.Touches)
            {
                var v = index[touch];
                counts[v] = counts.TryGetValue(v, out var n) ? n + 1 : 1;
            }

            var key = string.Join(',', counts.Select(kv => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{kv.Key}:{kv.Value}")));
            if (!byKey.TryGetValue(key, out var group))
            {
                var variables = new int[counts.Count + 1];
                var n = new double[counts.Count + 1];
                n[0] = 1;
                var k = 1;
                foreach (var (v, c) in counts)
                {
                    variables[k] = v;
                    n[k++] = c;
                }

                group = new Group(variables, n);
                byKey[key] = group;
                groups.Add(group);
            }

            group.Y += path.Conversions;
            group.M += path.NonConversions;
            group.Revenue += (double)path.Revenue;
        }

        return groups;
    }

    private static double Exposure(Group g, double[] theta)
    {
        double x = 0;
        for (var k = 0; k < g.Variables.Length; k++)
        {
            x += g.Counts[k] * theta[g.Variables[k]];
        }

        return x;
    }

    /// <summary>1 − e^{−x} without cancellation for small x.</summary>
    private static double OneMinusExp(double x) => x < 1e-5 ? x * (1 - x / 2 * (1 - x / 3)) : -Math.Exp(-x) + 1;

    /// <summary>f = −ℓ; +∞ when a path with conversions has P = 0.</summary>
    private static double Objective(List<Group> groups, double[] theta)
    {
        double f = 0;
        foreach (var g in groups)
        {
            var x = Exposure(g, theta);
            if (g.Y > 0)
            {
                if (x <= 0)
                {
                    return double.PositiveInfinity;
                }

                f -= g.Y * Math.Log(OneMinusExp(x));
            }

            f += g.M * x;
        }

        return f;
    }

    /// <summary>Gradient and Hessian of f = −ℓ.</summary>
    private static void Derivatives(List<Group> groups, double[] theta, double[] gradient, double[] hessian, int dimension)
    {
        Array.Clear(gradient);
        Array.Clear(hessian);
        foreach (var g in groups)
        {
            var x = Exposure(g, theta);
            double d1 = g.M, d2 = 0; // df/dx and d²f/dx²
            if (g.Y > 0)
            {
                var om = OneMinusExp(x);
                var e = Math.Exp(-x);
                d1 -= g.Y * e / om;
                d2 = g.Y * e / (om * om);
            }

            var vars = g.Variables;
            var n = g.Counts;
            for (var i = 0; i < vars.Length; i++)
            {
                gradient[vars[i]] += d1 * n[i];
                if (d2 == 0)
                {
                    continue;
                }

                var row = vars[i] * dimension;
                var s = d2 * n[i];
                for (var j = 0; j <= i; j++)
                {
                    hessian[row + vars[j]] += s * n[j];
                }
            }
        }

        for (var i = 0; i < dimension; i++)
        {
            for (var j = 0; j < i; j++)
            {
                hessian[j * dimension + i] = hessian[i * dimension + j];
            }
        }
    }

    /// <summary>Solves H_FF d = −g_F by Cholesky, adding a growing ridge while the matrix is not positive definite.</summary>
    private static double[] NewtonStep(double[] hessian, double[] gradient, List<int> free, int dimension)
    {
        var size = free.Count;
        double scale = 0;
        foreach (var j in free)
        {
            scale = Math.Max(scale, hessian[j * dimension + j]);
        }

        if (scale <= 0)
        {
            scale = 1;
        }

        var l = new double[size * size];
        for (var ridge = 0.0; ; ridge = ridge == 0 ? 1e-12 * scale : ridge * 100)
        {
            if (Cholesky(hessian, free, dimension, ridge, l))
            {
                break;
            }

            if (ridge > scale * 1e6)
            {
                return free.Select(j => -gradient[j] / scale).ToArray();
            }
        }

        var z = new double[size];
        for (var i = 0; i < size; i++)
        {
            var s = -gradient[free[i]];
            for (var k = 0; k < i; k++)
            {
                s -= l[i * size + k] * z[k];
            }

            z[i] = s / l[i * size + i];
        }

        for (var i = size - 1; i >= 0; i--)
        {
            var s = z[i];
            for (var k = i + 1; k < size; k++)
            {
                s -= l[k * size + i] * z[k];
            }

            z[i] = s / l[i * size + i];
        }

        return z;
    }

    private static bool Cholesky(double[] hessian, List<int> free, int dimension, double ridge, double[] l)
    {
        var size = free.Count;
        for (var i = 0; i < size; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var s = hessian[free[i] * dimension + free[j]] + (i == j ? ridge : 0);
                for (var k = 0; k < j; k++)
                {
                    s -= l[i * size + k] * l[j * size + k];
                }

                if (i == j)
                {
                    if (!(s > 1e-14 * Math.Max(1, Math.Abs(hessian[free[i] * dimension + free[i]]))))
                    {
                        return false;
                    }

                    l[i * size + i] = Math.Sqrt(s);
                }
                else
                {
                    l[i * size + j] = s / l[j * size + j];
                }
            }
        }

        return true;
    }

    /// <summary>Armijo backtracking along the projection arc θ(α) = max(0, θ + α d); null if no step decreases f.</summary>
    private static (double[]? Theta, double Value) LineSearch(
        List<Group> groups, double[] theta, double[] direction, double[] gradient, double objective)
    {
        var candidate = new double[theta.Length];
        var alpha = 1.0;
        for (var h = 0; h < MaxHalvings; h++, alpha /= 2)
        {
            double decrease = 0;
            for (var j = 0; j < theta.Length; j++)
            {
                candidate[j] = Math.Max(0, theta[j] + alpha * direction[j]);
                decrease += gradient[j] * (candidate[j] - theta[j]);
            }

            var value = Objective(groups, candidate);
            if (value <= objective + ArmijoSlope * decrease && value < objective)
            {
                return (candidate, value);
            }
        }

        return (null, objective);
    }

    private static IncrementalityResult Result(string[] labels, List<Group> groups, double[] theta, double logLikelihood, int iterations, bool converged)
    {
        // Revenue per conversion: a group's own; for a group that never converted (most distinct paths), the mean over the
        // converting journeys that the label touched, else over all conversions.
        var labelRevenue = new double[theta.Length];
        var labelConversions = new double[theta.Length];
        foreach (var g in groups)
        {
            for (var k = 1; k < g.Variables.Length; k++)
            {
                labelRevenue[g.Variables[k]] += g.Revenue;
                labelConversions[g.Variables[k]] += g.Y;
            }
        }

        var allConversions = groups.Sum(g => g.Y);
        var mean = allConversions > 0 ? groups.Sum(g => g.Revenue) / allConversions : 0;
        var conversions = new double[theta.Length];
        var revenue = new double[theta.Length];
        foreach (var g in groups)
        {
            var x = Exposure(g, theta);
            var journeys = g.Y + g.M;
            for (var k = 1; k < g.Variables.Length; k++)
            {
                var v = g.Variables[k];
                var share = g.Counts[k] * theta[v];
                var lift = Math.Exp(share - x) - Math.Exp(-x); // P − P₋c = e^{−(x − n_c q_c)} − e^{−x}
                var perConversion = g.Y > 0 ? g.Revenue / g.Y : labelConversions[v] > 0 ? labelRevenue[v] / labelConversions[v] : mean;
                conversions[v] += journeys * lift;
                revenue[v] += journeys * lift * perConversion;
            }
        }

        var result = new LabelIncrementality[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            result[i] = new LabelIncrementality(labels[i], OneMinusExp(theta[i + 1]), conversions[i + 1], revenue[i + 1]);
        }

        return new IncrementalityResult(OneMinusExp(theta[0]), result, logLikelihood, iterations, converged);
    }
}
