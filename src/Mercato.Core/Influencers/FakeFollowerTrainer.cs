namespace Mercato.Core.Influencers;

/// <summary>One labelled follower for training or evaluation.</summary>
/// <param name="Profile">The profile.</param>
/// <param name="IsFake">Whether it is fake (bought, a bot, a spam account).</param>
public sealed record LabelledFollower(FollowerProfile Profile, bool IsFake);

/// <summary>The trainer's settings.</summary>
public sealed record FakeFollowerTrainingOptions
{
    /// <summary>Folds of the cross-validation (default 5).</summary>
    public int Folds { get; init; } = 5;

    /// <summary>The seed of the shuffle that deals rows to folds (default 1).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The L2 penalty λ on the standardized weights (not the intercept) (default 1).</summary>
    public double Lambda { get; init; } = 1.0;

    /// <summary>The most Newton steps per fit (default 100).</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>What the fitted model's <see cref="FakeFollowerModel.Source"/> says.</summary>
    public string Source { get; init; } = "trained";
}

/// <summary>How a model scores on labelled rows at one cut-off.</summary>
/// <param name="Rows">Rows scored.</param>
/// <param name="Fake">Fake rows.</param>
/// <param name="Genuine">Genuine rows.</param>
/// <param name="Cutoff">The cut-off.</param>
/// <param name="Accuracy">(true positives + true negatives) ÷ rows.</param>
/// <param name="Sensitivity">Fake rows flagged ÷ fake rows.</param>
/// <param name="Specificity">Genuine rows not flagged ÷ genuine rows.</param>
/// <param name="Auc">Area under the ROC curve: the chance a random fake row scores above a random genuine one (ties count half).</param>
public sealed record FakeFollowerEvaluation(int Rows, int Fake, int Genuine, double Cutoff, double Accuracy, double Sensitivity, double Specificity, double Auc);

/// <summary>The trainer's report.</summary>
/// <param name="Model">The model fitted on every row, with the cut-off and the out-of-fold sensitivity and specificity.</param>
/// <param name="CrossValidated">The out-of-fold figures at the chosen cut-off.</param>
/// <param name="Folds">Folds used.</param>
/// <param name="Seed">The shuffle's seed.</param>
/// <param name="Lambda">The L2 penalty.</param>
public sealed record FakeFollowerTrainingReport(FakeFollowerModel Model, FakeFollowerEvaluation CrossValidated, int Folds, int Seed, double Lambda);

/// <summary>
/// Fits <see cref="FakeFollowerModel"/>: L2-regularized logistic regression on standardized features, minimizing
/// −Σ [y ln p + (1 − y) ln(1 − p)] + (λ/2) Σ wᵢ² (the intercept unpenalized) by Newton's method (iteratively reweighted
/// least squares: H = Xᵀ W X + λI, W = diag p(1 − p), step H⁻¹ g, halved while the objective does not fall), which is
/// deterministic. Missing features take the training mean; a feature constant in training gets scale 1 and, centred to
/// 0, weight 0. Stratified k-fold cross-validation (each class shuffled with the seed and dealt to the folds in turn)
/// gives every row an out-of-fold probability; the cut-off maximizes Youden's J = sensitivity + specificity − 1 over
/// those probabilities (candidates: every distinct out-of-fold probability, flagged when p ≥ it; ties go to the one
/// nearest 0.5). The final model is fitted on every row.
/// </summary>
public static class FakeFollowerTrainer
{
    /// <summary>The fewest rows trained on.</summary>
    public const int MinRows = 20;

    /// <summary>Every reason the rows cannot be trained on: one class only, too few rows, a feature not finite.</summary>
    public static IReadOnlyList<Problem> Problems(IReadOnlyList<LabelledFollower> rows, int folds)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var problems = new List<Problem>();
        var fake = rows.Count(r => r.IsFake);
        var genuine = rows.Count - fake;
        if (rows.Count > 0 && (fake == 0 || genuine == 0))
        {
            problems.Add(Problem.Of("rows", InfluencerAuditCodes.OneClass, ("class", fake == 0 ? "genuine" : "fake")));
        }

        var smaller = Math.Min(fake, genuine);
        if (rows.Count < MinRows)
        {
            problems.Add(Problem.Of("rows", InfluencerAuditCodes.TooFewRows, ("needed", (long)MinRows), ("have", (long)rows.Count), ("k", (long)folds)));
        }
        else if (smaller > 0 && smaller < folds)
        {
            problems.Add(Problem.Of("rows", InfluencerAuditCodes.TooFewRows, ("needed", (long)folds), ("have", (long)smaller), ("k", (long)folds)));
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var x = FakeFollowerFeatures.Of(rows[i].Profile);
            for (var j = 0; j < x.Length; j++)
            {
                if (x[j] is { } v && !double.IsFinite(v))
                {
                    problems.Add(Problem.Of(Problem.At("rows", i), InfluencerAuditCodes.NotFinite, ("index", (long)i), ("feature", FakeFollowerFeatures.Names[j])));
                    return problems;
                }
            }
        }

        return problems;
    }

    /// <summary>Cross-validates and fits on <paramref name="rows"/>, as the class comment says; refused with the first of <see cref="Problems"/>.</summary>
    public static Outcome<FakeFollowerTrainingReport> Train(IReadOnlyList<LabelledFollower> rows, FakeFollowerTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        options ??= new FakeFollowerTrainingOptions();
        if (options.Folds < 2 || !(options.Lambda >= 0) || options.MaxIterations < 1)
        {
            throw new ArgumentException("folds at least 2, lambda not negative, iterations at least 1", nameof(options));
        }

        if (Problems(rows, options.Folds) is { Count: > 0 } problems)
        {
            return Outcome<FakeFollowerTrainingReport>.Refused(problems[0].Code, problems[0].Args);
        }

        var x = rows.Select(r => FakeFollowerFeatures.Of(r.Profile)).ToArray();
        var y = rows.Select(r => r.IsFake).ToArray();
        var fold = Folds(y, options.Folds, options.Seed);
        var oof = new double[rows.Count];
        for (var f = 0; f < options.Folds; f++)
        {
            var train = Enumerable.Range(0, rows.Count).Where(i => fold[i] != f).ToList();
            var model = Fit([.. train.Select(i => x[i])], [.. train.Select(i => y[i])], options.Lambda, options.MaxIterations, 0.5, null, null, options.Source);
            for (var i = 0; i < rows.Count; i++)
            {
                if (fold[i] == f)
                {
                    oof[i] = model.ScoreFeatures(x[i]);
                }
            }
        }

        var cutoff = YoudenCutoff(oof, y);
        var cv = Evaluate(oof, y, cutoff);
        var final = Fit(x, y, options.Lambda, options.MaxIterations, cutoff, cv.Sensitivity, cv.Specificity, options.Source);
        return Outcome<FakeFollowerTrainingReport>.Ok(new FakeFollowerTrainingReport(final, cv, options.Folds, options.Seed, options.Lambda));
    }

    /// <summary>How <paramref name="model"/> scores on <paramref name="rows"/> at its own cut-off.</summary>
    public static FakeFollowerEvaluation Evaluate(FakeFollowerModel model, IReadOnlyList<LabelledFollower> rows)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        return Evaluate([.. rows.Select(r => model.Score(r.Profile))], [.. rows.Select(r => r.IsFake)], model.Cutoff);
    }

    /// <summary>Accuracy, sensitivity, specificity (flagged when p ≥ <paramref name="cutoff"/>) and AUC of probabilities against labels.</summary>
    public static FakeFollowerEvaluation Evaluate(IReadOnlyList<double> p, IReadOnlyList<bool> fake, double cutoff)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(fake);
        int tp = 0, tn = 0, pos = 0, neg = 0;
        for (var i = 0; i < p.Count; i++)
        {
            var flagged = p[i] >= cutoff;
            if (fake[i])
            {
                pos++;
                tp += flagged ? 1 : 0;
            }
            else
            {
                neg++;
                tn += flagged ? 0 : 1;
            }
        }

        return new FakeFollowerEvaluation(
            p.Count, pos, neg, cutoff, p.Count > 0 ? (tp + tn) / (double)p.Count : 0, pos > 0 ? tp / (double)pos : 0,
            neg > 0 ? tn / (double)neg : 0, Auc(p, fake));
    }

    /// <summary>The area under the ROC curve by the Mann–Whitney count: pairs (fake, genuine) with the fake scored higher, ties counting half, over all pairs; 0.5 without both classes.</summary>
    public static double Auc(IReadOnlyList<double> p, IReadOnlyList<bool> fake)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(fake);
        var order = Enumerable.Range(0, p.Count).OrderBy(i => p[i]).ToArray();
        double rankSum = 0;
        long pos = 0;
        var k = 0;
        while (k < order.Length)
        {
            var j = k;
            while (j + 1 < order.Length && p[order[j + 1]] == p[order[k]])
            {
                j++;
            }

            var midRank = ((k + 1) + (j + 1)) / 2.0;
            for (var m = k; m <= j; m++)
            {
                if (fake[order[m]])
                {
                    rankSum += midRank;
                    pos++;
                }
            }

            k = j + 1;
        }

        var neg = p.Count - pos;
        return pos == 0 || neg == 0 ? 0.5 : (rankSum - (pos * (pos + 1) / 2.0)) / (pos * (double)neg);
    }

    /// <summary>The fold of each row: each class shuffled (Fisher–Yates, the seed's stream) and dealt to folds 0, 1, …, k − 1 in turn.</summary>
    internal static int[] Folds(IReadOnlyList<bool> fake, int k, int seed)
    {
        var fold = new int[fake.Count];
        var random = new Demo.DemoRandom(seed, 0x1F0);
        foreach (var cls in new[] { true, false })
        {
            var idx = Enumerable.Range(0, fake.Count).Where(i => fake[i] == cls).ToArray();
            for (var i = idx.Length - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (idx[i], idx[j]) = (idx[j], idx[i]);
            }

            for (var i = 0; i < idx.Length; i++)
            {
                fold[idx[i]] = i % k;
            }
        }

        return fold;
    }

    /// <summary>The cut-off of largest Youden's J over the distinct probabilities (ties: nearest 0.5).</summary>
    internal static double YoudenCutoff(IReadOnlyList<double> p, IReadOnlyList<bool> fake)
    {
        var best = 0.5;
        var bestJ = double.NegativeInfinity;
        var fakes = fake.Count(f => f);
        var genuine = fake.Count - fakes;
        if (fakes == 0 || genuine == 0)
        {
            foreach (var t in p.Distinct().Order())
            {
                var e = Evaluate(p, fake, t);
                Keep(t, e.Sensitivity + e.Specificity - 1);
            }

            return best;
        }

        // One sweep over the probabilities in order: at the cut-off t every row with p ≥ t is flagged, so passing a group of
        // equal probabilities unflags it (fakes leave the true positives, genuine rows join the true negatives).
        var order = Enumerable.Range(0, p.Count).OrderBy(i => p[i]).ToArray();
        long truePositives = fakes;
        long trueNegatives = 0;
        for (var k = 0; k < order.Length;)
        {
            var t = p[order[k]];
            Keep(t, (truePositives / (double)fakes) + (trueNegatives / (double)genuine) - 1);
            for (; k < order.Length && p[order[k]] == t; k++)
            {
                if (fake[order[k]])
                {
                    truePositives--;
                }
                else
                {
                    trueNegatives++;
                }
            }
        }

        return best;

        void Keep(double t, double j)
        {
            if (j > bestJ + 1e-12 || (Math.Abs(j - bestJ) <= 1e-12 && Math.Abs(t - 0.5) < Math.Abs(best - 0.5)))
            {
                bestJ = j;
                best = t;
            }
        }
    }

    /// <summary>Standardizes and fits one model by penalized Newton steps.</summary>
    internal static FakeFollowerModel Fit(
        IReadOnlyList<double?[]> raw, IReadOnlyList<bool> y, double lambda, int maxIterations, double cutoff, double? sensitivity,
        double? specificity, string source)
    {
        var d = FakeFollowerFeatures.Names.Count;
        var n = raw.Count;
        var means = new double[d];
        var scales = new double[d];
        for (var j = 0; j < d; j++)
        {
            var known = raw.Where(r => r[j] is { } v && double.IsFinite(v)).Select(r => r[j]!.Value).ToList();
            means[j] = known.Count > 0 ? known.Average() : 0;
            var variance = known.Count > 0 ? known.Sum(v => (v - means[j]) * (v - means[j])) / known.Count : 0;
            scales[j] = variance > 1e-12 ? Math.Sqrt(variance) : 1;
        }

        // Design matrix with the intercept first; a missing value is the mean, z = 0.
        var z = new double[n][];
        for (var i = 0; i < n; i++)
        {
            z[i] = new double[d + 1];
            z[i][0] = 1;
            for (var j = 0; j < d; j++)
            {
                z[i][j + 1] = raw[i][j] is { } v && double.IsFinite(v) ? (v - means[j]) / scales[j] : 0;
            }
        }

        var beta = new double[d + 1];
        var objective = Objective(z, y, beta, lambda);
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var g = new double[d + 1];
            var h = new double[d + 1, d + 1];
            for (var i = 0; i < n; i++)
            {
                var p = FakeFollowerModel.Sigmoid(Dot(z[i], beta));
                var r = p - (y[i] ? 1 : 0);
                var w = Math.Max(p * (1 - p), 1e-12);
                for (var a = 0; a <= d; a++)
                {
                    g[a] += r * z[i][a];
                    for (var b = 0; b <= a; b++)
                    {
                        h[a, b] += w * z[i][a] * z[i][b];
                    }
                }
            }

            for (var a = 1; a <= d; a++)
            {
                g[a] += lambda * beta[a];
                h[a, a] += lambda;
            }

            h[0, 0] += 1e-9;
            var step = SolveCholesky(h, g);
            var scale = 1.0;
            double[] next;
            double nextObjective;
            while (true)
            {
                next = [.. beta.Select((b, a) => b - (scale * step[a]))];
                nextObjective = Objective(z, y, next, lambda);
                if (nextObjective <= objective || scale < 1e-6)
                {
                    break;
                }

                scale /= 2;
            }

            var change = step.Max(Math.Abs) * scale;
            beta = next;
            objective = nextObjective;
            if (change < 1e-10)
            {
                break;
            }
        }

        return new FakeFollowerModel(
            [.. FakeFollowerFeatures.Names], means, scales, beta[1..], beta[0], cutoff, sensitivity, specificity, source);
    }

    private static double Objective(double[][] z, IReadOnlyList<bool> y, double[] beta, double lambda)
    {
        var sum = 0.0;
        for (var i = 0; i < z.Length; i++)
        {
            var t = Dot(z[i], beta);

            // −log-likelihood of one row, log(1 + e^t) − y t, computed stably.
            sum += (t > 0 ? t + Math.Log(1 + Math.Exp(-t)) : Math.Log(1 + Math.Exp(t))) - (y[i] ? t : 0);
        }

        for (var a = 1; a < beta.Length; a++)
        {
            sum += 0.5 * lambda * beta[a] * beta[a];
        }

        return sum;
    }

    private static double Dot(double[] a, double[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    /// <summary>Solves H x = g for a symmetric positive definite H given by its lower triangle.</summary>
    private static double[] SolveCholesky(double[,] h, double[] g)
    {
        var m = g.Length;
        var l = new double[m, m];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var s = h[i, j];
                for (var k = 0; k < j; k++)
                {
                    s -= l[i, k] * l[j, k];
                }

                l[i, j] = i == j ? Math.Sqrt(Math.Max(s, 1e-12)) : s / l[j, j];
            }
        }

        var u = new double[m];
        for (var i = 0; i < m; i++)
        {
            var s = g[i];
            for (var k = 0; k < i; k++)
            {
                s -= l[i, k] * u[k];
            }

            u[i] = s / l[i, i];
        }

        var x = new double[m];
        for (var i = m - 1; i >= 0; i--)
        {
            var s = u[i];
            for (var k = i + 1; k < m; k++)
            {
                s -= l[k, i] * x[k];
            }

            x[i] = s / l[i, i];
        }

        return x;
    }
}
