using MathNet.Numerics.LinearAlgebra;

namespace Mercato.Core.Mix;

/// <summary>
/// The fixed part of a fit: the scaled outcome, the baseline columns (intercept, trend, Fourier pairs, standardised
/// controls) and each channel's spend and scale. Media columns are made per candidate shape; the linear part is solved
/// exactly for each (ridge least squares with non-negative media coefficients, by an active set).
/// </summary>
internal sealed class MixDesign
{
    public MixDesign(MixData data, MixOptions options)
    {
        Data = data;
        Options = options;
        N = data.Periods.Count;
        StepDays = MixChecks.StepDays(data);
        MaxLag = options.MaxLag ?? (StepDays == 1 ? 28 : 8);
        Holdout = MixChecks.Holdout(N, StepDays, options);
        CurrentPeriods = Math.Min(N, options.CurrentPeriods ?? (StepDays == 1 ? 28 : 13));
        var mean = data.Outcome.Average(Math.Abs);
        YScale = mean > 0 ? mean : 1;
        Y = data.Outcome.Select(v => v / YScale).ToArray();

        var columns = new List<double[]>();
        var names = new List<string>();
        columns.Add(Enumerable.Repeat(1.0, N).ToArray());
        names.Add("intercept");
        columns.Add(Enumerable.Range(0, N).Select(t => N > 1 ? (double)t / (N - 1) : 0).ToArray());
        names.Add("trend");
        SeasonalPairs = MixChecks.SeasonalPairs(N, StepDays, options.FourierTerms);
        for (var k = 1; k <= SeasonalPairs; k++)
        {
            var omega = 2 * Math.PI * k / 365.25;
            var first = data.Periods[0].DayNumber;
            columns.Add(data.Periods.Select(d => Math.Sin(omega * (d.DayNumber - first))).ToArray());
            names.Add("sin" + k);
            columns.Add(data.Periods.Select(d => Math.Cos(omega * (d.DayNumber - first))).ToArray());
            names.Add("cos" + k);
        }

        ControlMeans = new double[data.Controls.Count];
        ControlSds = new double[data.Controls.Count];
        for (var i = 0; i < data.Controls.Count; i++)
        {
            var values = data.Controls[i].Values;
            var m = values.Average();
            var sd = Math.Sqrt(values.Sum(v => (v - m) * (v - m)) / N);
            ControlMeans[i] = m;
            ControlSds[i] = sd > 0 ? sd : 1;
            columns.Add(values.Select(v => (v - m) / ControlSds[i]).ToArray());
            names.Add(data.Controls[i].Name);
        }

        Fixed = [.. columns];
        FixedNames = names;
        Channels = data.Channels.Count;
        Spend = data.Channels.Select(c => c.Values.ToArray()).ToArray();
        Scales = Spend.Select(s =>
        {
            var active = s.Where(v => v > 0).ToArray();
            return active.Length > 0 ? active.Average() : 1;
        }).ToArray();
        Penalty = new double[Fixed.Length + Channels];
        for (var j = 2; j < Penalty.Length; j++)
        {
            Penalty[j] = options.Ridge * N;
        }

        Space = MixTransforms.Space(options.Adstock, options.Saturation);
    }

    public MixData Data { get; }

    public MixOptions Options { get; }

    public int N { get; }

    public int StepDays { get; }

    public int MaxLag { get; }

    public int Holdout { get; }

    public int CurrentPeriods { get; }

    public int SeasonalPairs { get; }

    public double YScale { get; }

    public double[] Y { get; }

    public double[][] Fixed { get; }

    public IReadOnlyList<string> FixedNames { get; }

    public double[] ControlMeans { get; }

    public double[] ControlSds { get; }

    public int Channels { get; }

    public double[][] Spend { get; }

    public double[] Scales { get; }

    public double[] Penalty { get; }

    public IReadOnlyList<ParameterSpace> Space { get; }

    /// <summary>sat(adstock(spend) / scale) of channel <paramref name="c"/> under <paramref name="shape"/>.</summary>
    public double[] MediaColumn(int c, ChannelShape shape)
    {
        var weights = MixTransforms.Weights(Options.Adstock, shape, MaxLag);
        var a = MixTransforms.Adstock(Spend[c], weights);
        for (var t = 0; t < a.Length; t++)
        {
            a[t] = MixTransforms.Saturate(Options.Saturation, shape, a[t] / Scales[c]);
        }

        return a;
    }

    /// <summary>
    /// Ridge least squares of <paramref name="y"/> on the fixed and media columns over the first <paramref name="rows"/>
    /// periods, the intercept and the media coefficients ≥ 0 (Lawson–Hanson active set on those): an outcome that would
    /// exist without marketing is not negative.
    /// </summary>
    public LinearSolution Solve(double[][] media, double[] y, int rows)
    {
        var f = Fixed.Length;
        var p = f + media.Length;
        var columns = new double[p][];
        Array.Copy(Fixed, columns, f);
        Array.Copy(media, 0, columns, f, media.Length);

        // Gram matrix and X'y once; each active set takes its sub-block.
        var gram = new double[p, p];
        var xy = new double[p];
        for (var i = 0; i < p; i++)
        {
            var ci = columns[i];
            var s = 0.0;
            for (var t = 0; t < rows; t++)
            {
                s += ci[t] * y[t];
            }

            xy[i] = s;
            for (var j = 0; j <= i; j++)
            {
                var cj = columns[j];
                var g = 0.0;
                for (var t = 0; t < rows; t++)
                {
                    g += ci[t] * cj[t];
                }

                gram[i, j] = g;
                gram[j, i] = g;
            }

            gram[i, i] += Penalty[i] + 1e-9;
        }

        var free = new bool[p];
        Array.Fill(free, true);

        // A baseline column that does not move over the rows fitted (a control whose event falls only in the holdout) is
        // the intercept in disguise: held at 0, or its coefficient would be arbitrary and the forecast with it.
        for (var j = 1; j < f; j++)
        {
            var column = columns[j];
            var min = double.MaxValue;
            var max = double.MinValue;
            for (var t = 0; t < rows; t++)
            {
                min = Math.Min(min, column[t]);
                max = Math.Max(max, column[t]);
            }

            if (max - min <= 1e-12)
            {
                free[j] = false;
            }
        }

        var beta = new double[p];
        for (var iteration = 0; iteration < 4 * p; iteration++)
        {
            SolveFree(gram, xy, free, beta);
            var worst = -1;
            for (var j = 0; j < p; j++)
            {
                if ((j == 0 || j >= f) && free[j] && beta[j] < 0 && (worst < 0 || beta[j] < beta[worst]))
                {
                    worst = j;
                }
            }

            if (worst >= 0)
            {
                free[worst] = false;
                beta[worst] = 0;
                continue;
            }

            // A media coefficient held at 0 comes back when the penalised loss falls as it grows (KKT).
            var best = -1;
            var bestGradient = 1e-10;
            for (var j = 0; j < p; j++)
            {
                // Only the intercept and the media come back; a baseline column held at 0 stays there.
                if (free[j] || (j > 0 && j < f))
                {
                    continue;
                }

                var gradient = xy[j];
                for (var k = 0; k < p; k++)
                {
                    gradient -= gram[j, k] * beta[k];
                }

                if (gradient > bestGradient)
                {
                    bestGradient = gradient;
                    best = j;
                }
            }

            if (best < 0)
            {
                break;
            }

            free[best] = true;
        }

        var rss = 0.0;
        for (var t = 0; t < rows; t++)
        {
            var fitted = 0.0;
            for (var j = 0; j < p; j++)
            {
                fitted += beta[j] * columns[j][t];
            }

            rss += (y[t] - fitted) * (y[t] - fitted);
        }

        var penalty = 0.0;
        for (var j = 0; j < p; j++)
        {
            penalty += Penalty[j] * beta[j] * beta[j];
        }

        return new LinearSolution(beta, rss, penalty);
    }

    /// <summary>The loss the search minimises: rows·ln((RSS + ridge) / rows) + Σ prior penalties (−2 log posterior up to a constant).</summary>
    public double Loss(LinearSolution solution, ChannelShape[] shapes, int rows)
    {
        var prior = 0.0;
        foreach (var shape in shapes)
        {
            prior += MixTransforms.PriorPenalty(shape, Options.Adstock, Options.Saturation);
        }

        return (rows * Math.Log(Math.Max(solution.Rss + solution.Penalty, 1e-300) / rows)) + prior;
    }

    /// <summary>The fitted values (scaled) of a solution over every period.</summary>
    public double[] Fitted(double[][] media, double[] beta)
    {
        var fitted = new double[N];
        for (var j = 0; j < Fixed.Length; j++)
        {
            Add(fitted, Fixed[j], beta[j]);
        }

        for (var c = 0; c < media.Length; c++)
        {
            Add(fitted, media[c], beta[Fixed.Length + c]);
        }

        return fitted;
    }

    private static void Add(double[] into, double[] column, double factor)
    {
        if (factor == 0)
        {
            return;
        }

        for (var t = 0; t < into.Length; t++)
        {
            into[t] += factor * column[t];
        }
    }

    private static void SolveFree(double[,] gram, double[] xy, bool[] free, double[] beta)
    {
        var index = new List<int>(free.Length);
        for (var j = 0; j < free.Length; j++)
        {
            if (free[j])
            {
                index.Add(j);
            }
            else
            {
                beta[j] = 0;
            }
        }

        var m = Matrix<double>.Build.Dense(index.Count, index.Count, (i, j) => gram[index[i], index[j]]);
        var v = Vector<double>.Build.Dense(index.Count, i => xy[index[i]]);
        var solution = m.Cholesky().Solve(v);
        for (var i = 0; i < index.Count; i++)
        {
            beta[index[i]] = solution[i];
        }
    }
}

/// <summary>The linear part of a fit: every coefficient (fixed columns then channels), the residual sum of squares and the ridge term, on the scaled outcome.</summary>
internal sealed record LinearSolution(double[] Beta, double Rss, double Penalty);
