namespace Mercato.Core.Mix;

/// <summary>A figure with its bootstrap interval (<see cref="MixOptions.IntervalLevel"/>, percentile method).</summary>
/// <param name="Value">The point estimate (the fit to the data as observed).</param>
/// <param name="Low">The lower bound.</param>
/// <param name="High">The upper bound.</param>
public sealed record MixInterval(double Value, double Low, double High)
{
    /// <summary>Whether <paramref name="x"/> lies in [Low, High].</summary>
    public bool Covers(double x) => x >= Low && x <= High;
}

/// <summary>What the model says about one channel.</summary>
/// <param name="Channel">The channel's name.</param>
/// <param name="Spend">Its spend over the data.</param>
/// <param name="Contribution">The outcome it added over the data: Σₜ β·sat(adstock(spend))ₜ.</param>
/// <param name="Roi">Contribution ÷ spend.</param>
/// <param name="MarginalRoi">The extra outcome per extra unit of spend per period, at the current spend, from the response curve.</param>
/// <param name="CurrentSpend">Mean spend per period over the last <see cref="MixOptions.CurrentPeriods"/> periods.</param>
/// <param name="HighestSpend">The highest spend in one period the data holds: beyond it the curve extrapolates.</param>
/// <param name="Shape">The fitted adstock and saturation parameters.</param>
/// <param name="Coefficient">β: the outcome per period at full saturation.</param>
/// <param name="Scale">The spend unit of the saturation: mean spend over periods with spend.</param>
public sealed record MixChannelFit(
    string Channel,
    double Spend,
    MixInterval Contribution,
    MixInterval Roi,
    MixInterval MarginalRoi,
    double CurrentSpend,
    double HighestSpend,
    ChannelShape Shape,
    double Coefficient,
    double Scale);

/// <summary>How well the model fits: in sample over every period, and the forecast of the held-out final stretch by a fit without it.</summary>
/// <param name="R2">1 − SSE / SST in sample.</param>
/// <param name="Mape">Mean |actual − fitted| / |actual| over periods with a non-zero actual.</param>
/// <param name="Nrmse">√(mean squared error) ÷ (max actual − min actual), as Robyn reports it.</param>
/// <param name="HoldoutPeriods">The final periods held out (0: none).</param>
/// <param name="HoldoutR2">R² of the forecast over the held-out periods.</param>
/// <param name="HoldoutMape">MAPE of the forecast over the held-out periods.</param>
/// <param name="HoldoutNrmse">NRMSE of the forecast over the held-out periods.</param>
public sealed record MixQuality(double R2, double Mape, double Nrmse, int HoldoutPeriods, double? HoldoutR2, double? HoldoutMape, double? HoldoutNrmse);

/// <summary>One period of the decomposition.</summary>
/// <param name="Start">The period's first day.</param>
/// <param name="Actual">The observed outcome.</param>
/// <param name="Fitted">The model's value (fit to every period).</param>
/// <param name="Forecast">For a held-out period, the forecast of the fit without the holdout; else null.</param>
/// <param name="Baseline">Intercept + trend + seasonality.</param>
/// <param name="Controls">The controls' part.</param>
/// <param name="Channels">Each channel's part, in the order of <see cref="MixFit.Channels"/>.</param>
public sealed record MixPeriodFit(DateOnly Start, double Actual, double Fitted, double? Forecast, double Baseline, double Controls, IReadOnlyList<double> Channels);

/// <summary>A point of a response curve: the expected outcome per period at a steady spend per period, with its band.</summary>
public sealed record MixCurvePoint(double Spend, double Outcome, double Low, double High);

/// <summary>A fitted mix model: figures with intervals, fit quality, the decomposition, and response curves on demand.</summary>
public sealed class MixFit
{
    private readonly MixDesign _design;
    private readonly FitPoint _point;
    private readonly FitPoint[] _replicates;
    private readonly double[]? _forecast;
    private readonly IReadOnlyList<Problem> _dataWarnings;

    internal MixFit(MixDesign design, FitPoint point, FitPoint[] replicates, double[]? forecast, IReadOnlyList<Problem> warnings)
    {
        _design = design;
        _point = point;
        _replicates = replicates;
        _forecast = forecast;
        _dataWarnings = warnings;
        var data = design.Data;
        var f = design.Fixed.Length;
        var beta = point.Solution.Beta;
        var fitted = design.Fitted(point.Media, beta);

        var periods = new List<MixPeriodFit>(design.N);
        for (var t = 0; t < design.N; t++)
        {
            var baseline = 0.0;
            var controls = 0.0;
            for (var j = 0; j < f; j++)
            {
                var part = beta[j] * design.Fixed[j][t] * design.YScale;
                if (j < 2 + (2 * design.SeasonalPairs))
                {
                    baseline += part;
                }
                else
                {
                    controls += part;
                }
            }

            var channels = new double[design.Channels];
            for (var c = 0; c < design.Channels; c++)
            {
                channels[c] = beta[f + c] * point.Media[c][t] * design.YScale;
            }

            periods.Add(new MixPeriodFit(
                data.Periods[t],
                data.Outcome[t],
                fitted[t] * design.YScale,
                forecast is not null && t >= design.N - design.Holdout ? forecast[t] * design.YScale : null,
                baseline,
                controls,
                channels));
        }

        Periods = periods;
        Warnings = NegativeBaseline(periods, beta, design) is { } negative ? [.. warnings, negative] : warnings;
        Baseline = Interval(periods.Sum(p => p.Baseline), replicates.Select(r => Parts(r).Baseline));
        ControlsTotal = Interval(periods.Sum(p => p.Controls), replicates.Select(r => Parts(r).Controls));

        var list = new List<MixChannelFit>(design.Channels);
        for (var c = 0; c < design.Channels; c++)
        {
            var spend = design.Spend[c].Sum();
            var current = design.Spend[c].Skip(design.N - design.CurrentPeriods).Average();
            var contribution = Contribution(point, c);
            var index = c;
            list.Add(new MixChannelFit(
                data.Channels[c].Name,
                spend,
                Interval(contribution, replicates.Select(r => Contribution(r, index))),
                Interval(Ratio(contribution, spend), replicates.Select(r => Ratio(Contribution(r, index), spend))),
                Interval(Slope(c, current, -1), Enumerable.Range(0, replicates.Length).Select(r => Slope(index, current, r))),
                current,
                design.Spend[c].Max(),
                point.Shapes[c],
                beta[f + c] * design.YScale,
                design.Scales[c]));
        }

        Channels = list;
        Media = Interval(
            Enumerable.Range(0, design.Channels).Sum(c => Contribution(point, c)),
            replicates.Select(r => Enumerable.Range(0, design.Channels).Sum(c => Contribution(r, c))));
        Quality = Measure(data.Outcome, fitted, forecast, design);
    }

    /// <summary>The options the model was fitted with.</summary>
    public MixOptions Options => _design.Options;

    /// <summary>What the fit found, to keep it and <see cref="Restore"/> it later without fitting again.</summary>
    public MixFitState State() =>
        new(_design.Data, _design.Options, MixFitPoint.Of(_point), [.. _replicates.Select(MixFitPoint.Of)], _forecast, _dataWarnings);

    /// <summary>The fit of a <see cref="State"/>: the same figures, intervals and curves, without fitting again.</summary>
    public static MixFit Restore(MixFitState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new MixFit(new MixDesign(state.Data, state.Options), state.Point.ToPoint(), [.. state.Replicates.Select(r => r.ToPoint())],
            state.Forecast is null ? null : [.. state.Forecast], state.Warnings);
    }

    /// <summary>Days per period: 7 or 1.</summary>
    public int StepDays => _design.StepDays;

    /// <summary>The longest carry-over in periods.</summary>
    public int MaxLag => _design.MaxLag;

    /// <summary>The bootstrap replicates behind the intervals.</summary>
    public int Replicates => _replicates.Length;

    /// <summary>Every channel, in the order of the data.</summary>
    public IReadOnlyList<MixChannelFit> Channels { get; }

    /// <summary>Every channel's contribution summed over the data, its interval from the replicates' sums.</summary>
    public MixInterval Media { get; }

    /// <summary>Intercept + trend + seasonality summed over the data.</summary>
    public MixInterval Baseline { get; }

    /// <summary>The controls' part summed over the data.</summary>
    public MixInterval ControlsTotal { get; }

    /// <summary>The fit's quality, in sample and on the holdout.</summary>
    public MixQuality Quality { get; }

    /// <summary>Actual, fitted and the decomposition per period.</summary>
    public IReadOnlyList<MixPeriodFit> Periods { get; }

    /// <summary>What to be careful about: little variation, collinear channels, no seasonality, a baseline below zero.</summary>
    public IReadOnlyList<Problem> Warnings { get; }

    /// <summary>
    /// The response curve of channel <paramref name="channel"/>: expected outcome per period at a steady spend per period
    /// s (the adstock weights sum to 1, so a steady spend adstocks to itself): β·sat(s / scale), at <paramref name="points"/>
    /// spends from 0 to <paramref name="upTo"/> (default: twice the larger of the highest and the current spend).
    /// </summary>
    public IReadOnlyList<MixCurvePoint> Curve(int channel, int points = 41, double? upTo = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        var fit = Channels[channel];
        var top = upTo ?? (2 * Math.Max(fit.HighestSpend, fit.CurrentSpend));
        var curve = new List<MixCurvePoint>(points);
        for (var k = 0; k < points; k++)
        {
            var s = top * k / (points - 1);
            var outcome = Response(channel, s, -1);
            var interval = Interval(outcome, _replicates.Select((_, r) => Response(channel, s, r)));
            curve.Add(new MixCurvePoint(s, outcome, interval.Low, interval.High));
        }

        return curve;
    }

    /// <summary>Expected outcome per period of <paramref name="channel"/> at a steady spend <paramref name="spend"/> per period, under the point fit (replicate −1) or replicate r.</summary>
    internal double Response(int channel, double spend, int replicate)
    {
        var state = replicate < 0 ? _point : _replicates[replicate];
        var beta = state.Solution.Beta[_design.Fixed.Length + channel];
        return beta * _design.YScale * MixTransforms.Saturate(_design.Options.Saturation, state.Shapes[channel], spend / _design.Scales[channel]);
    }

    /// <summary>d Response / d spend at <paramref name="spend"/> (central difference).</summary>
    internal double Slope(int channel, double spend, int replicate)
    {
        var h = Math.Max(1e-4 * spend, 1e-6 * _design.Scales[channel]);
        var low = Math.Max(0, spend - h);
        return (Response(channel, spend + h, replicate) - Response(channel, low, replicate)) / (spend + h - low);
    }

    internal int ReplicateCount => _replicates.Length;

    internal MixInterval Interval(double value, IEnumerable<double> replicates)
    {
        var sorted = replicates.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0)
        {
            return new MixInterval(value, value, value);
        }

        var tail = (1 - _design.Options.IntervalLevel) / 2;
        return new MixInterval(value, Quantile(sorted, tail), Quantile(sorted, 1 - tail));
    }

    /// <summary>The q-quantile of sorted values, linear between order statistics (type 7).</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    private double Contribution(FitPoint state, int c)
    {
        var beta = state.Solution.Beta[_design.Fixed.Length + c];
        return beta * state.Media[c].Sum() * _design.YScale;
    }

    private (double Baseline, double Controls) Parts(FitPoint state)
    {
        var baselineColumns = 2 + (2 * _design.SeasonalPairs);
        double baseline = 0, controls = 0;
        for (var j = 0; j < _design.Fixed.Length; j++)
        {
            var sum = state.Solution.Beta[j] * _design.Fixed[j].Sum() * _design.YScale;
            if (j < baselineColumns)
            {
                baseline += sum;
            }
            else
            {
                controls += sum;
            }
        }

        return (baseline, controls);
    }

    private static double Ratio(double a, double b) => b > 0 ? a / b : 0;

    /// <summary>
    /// The warning of a baseline below zero in some periods (<see cref="MixCodes.NegativeBaseline"/>), or null. The
    /// intercept is held ≥ 0, so what pulls it down is a falling trend (β₁ &lt; 0) or, failing that, the seasonal wave.
    /// </summary>
    private static Problem? NegativeBaseline(List<MixPeriodFit> periods, double[] beta, MixDesign design)
    {
        var tolerance = 1e-9 * design.YScale;
        var below = periods.Where(p => p.Baseline < -tolerance).ToList();
        if (below.Count == 0)
        {
            return null;
        }

        var lowest = below.MinBy(p => p.Baseline)!;
        return Problem.Of(
            "baseline",
            MixCodes.NegativeBaseline,
            ("periods", (long)below.Count),
            ("of", (long)periods.Count),
            ("lowest", Math.Round(lowest.Baseline, 2)),
            ("day", lowest.Start),
            ("by", beta[1] < 0 ? "trend" : "seasonality"));
    }

    private static MixQuality Measure(IReadOnlyList<double> actual, double[] fittedScaled, double[]? forecastScaled, MixDesign design)
    {
        var fitted = fittedScaled.Select(v => v * design.YScale).ToArray();
        var (r2, mape, nrmse) = Errors(actual, fitted, 0, design.N);
        if (forecastScaled is null)
        {
            return new MixQuality(r2, mape, nrmse, 0, null, null, null);
        }

        var forecast = forecastScaled.Select(v => v * design.YScale).ToArray();
        var (hr2, hmape, hnrmse) = Errors(actual, forecast, design.N - design.Holdout, design.N);
        return new MixQuality(r2, mape, nrmse, design.Holdout, hr2, hmape, hnrmse);
    }

    private static (double R2, double Mape, double Nrmse) Errors(IReadOnlyList<double> actual, double[] predicted, int from, int to)
    {
        var count = to - from;
        var mean = 0.0;
        for (var t = from; t < to; t++)
        {
            mean += actual[t];
        }

        mean /= count;
        double sse = 0, sst = 0, ape = 0, max = double.MinValue, min = double.MaxValue;
        var apeCount = 0;
        for (var t = from; t < to; t++)
        {
            var e = actual[t] - predicted[t];
            sse += e * e;
            sst += (actual[t] - mean) * (actual[t] - mean);
            if (actual[t] != 0)
            {
                ape += Math.Abs(e / actual[t]);
                apeCount++;
            }

            max = Math.Max(max, actual[t]);
            min = Math.Min(min, actual[t]);
        }

        var r2 = sst > 0 ? 1 - (sse / sst) : 0;
        var range = max - min;
        return (r2, apeCount > 0 ? ape / apeCount : 0, range > 0 ? Math.Sqrt(sse / count) / range : 0);
    }
}

/// <summary>
/// A mix fit's state (<see cref="MixFit.State"/>): the data and options it was fitted on, the fitted point and the bootstrap
/// replicates, the holdout forecast and the warnings about the data (those about the fit are found again on restoring).
/// </summary>
public sealed record MixFitState(
    MixData Data, MixOptions Options, MixFitPoint Point, IReadOnlyList<MixFitPoint> Replicates, IReadOnlyList<double>? Forecast, IReadOnlyList<Problem> Warnings);

/// <summary>One fitted point: each channel's shape, every coefficient (fixed columns then channels), the residual sum of squares, the ridge term and the transformed media.</summary>
public sealed record MixFitPoint(IReadOnlyList<ChannelShape> Shapes, IReadOnlyList<double> Beta, double Rss, double Penalty, IReadOnlyList<IReadOnlyList<double>> Media)
{
    internal static MixFitPoint Of(FitPoint point) =>
        new([.. point.Shapes], [.. point.Solution.Beta], point.Solution.Rss, point.Solution.Penalty, [.. point.Media.Select(m => (IReadOnlyList<double>)[.. m])]);

    internal FitPoint ToPoint() => new([.. Shapes], new LinearSolution([.. Beta], Rss, Penalty), [.. Media.Select(m => m.ToArray())]);
}
