using System.Globalization;

namespace Mercato.Core.Mix;

/// <summary>One named series of a mix data set: a channel's spend or a control's values, one per period.</summary>
public sealed record MixSeries(string Name, IReadOnlyList<double> Values);

/// <summary>
/// What a mix model is fitted to: consecutive periods of one length (a week or a day), the outcome of each, each
/// channel's spend and each control's value.
/// </summary>
/// <param name="Periods">The first day of each period, oldest first, evenly spaced by 7 days or by 1.</param>
/// <param name="Outcome">The outcome per period (revenue, conversions, any numeric column).</param>
/// <param name="Channels">Spend per channel and period, non-negative.</param>
/// <param name="Controls">Other drivers per period (events, holidays, campaign periods, prices), any sign.</param>
public sealed record MixData(
    IReadOnlyList<DateOnly> Periods,
    IReadOnlyList<double> Outcome,
    IReadOnlyList<MixSeries> Channels,
    IReadOnlyList<MixSeries> Controls);

/// <summary>The choices of a fit, with the defaults of docs/mix-model.md.</summary>
public sealed record MixOptions
{
    /// <summary>The adstock form of every channel.</summary>
    public AdstockKind Adstock { get; init; } = AdstockKind.Geometric;

    /// <summary>The saturation form of every channel.</summary>
    public SaturationKind Saturation { get; init; } = SaturationKind.Hill;

    /// <summary>The longest carry-over in periods; null: 8 for weeks, 28 for days.</summary>
    public int? MaxLag { get; init; }

    /// <summary>The final periods held out to measure the forecast error; null: a tenth of the periods, at most 13 weeks or 28 days, none under 40 periods.</summary>
    public int? HoldoutPeriods { get; init; }

    /// <summary>Fourier pairs of the yearly seasonality, used when the data spans two years (728 days); none below.</summary>
    public int FourierTerms { get; init; } = 2;

    /// <summary>The ridge penalty per period on every coefficient but the intercept and the trend, on the scaled outcome.</summary>
    public double Ridge { get; init; } = 1e-4;

    /// <summary>Block-bootstrap replicates behind every interval; 0 for none (the intervals are then the point).</summary>
    public int Replicates { get; init; } = 100;

    /// <summary>The seed of the bootstrap: the same data, options and seed give the same figures.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The last periods whose mean spend is a channel's current spend per period; null: 13 weeks or 28 days.</summary>
    public int? CurrentPeriods { get; init; }

    /// <summary>The coverage of every interval.</summary>
    public double IntervalLevel { get; init; } = 0.9;

    /// <summary>What is wrong with the options themselves.</summary>
    public IReadOnlyList<Problem> Problems()
    {
        var problems = new List<Problem>();
        if (MaxLag is < 0 or > 60)
        {
            problems.Add(Problem.Of("maxLag", MixCodes.OutOfRange, ("min", 0L), ("max", 60L), ("value", (long)MaxLag.Value)));
        }

        if (HoldoutPeriods is < 0)
        {
            problems.Add(Problem.Of("holdout", MixCodes.OutOfRange, ("min", 0L), ("max", 1000L), ("value", (long)HoldoutPeriods.Value)));
        }

        if (FourierTerms is < 0 or > 6)
        {
            problems.Add(Problem.Of("fourierTerms", MixCodes.OutOfRange, ("min", 0L), ("max", 6L), ("value", (long)FourierTerms)));
        }

        if (!(Ridge >= 0) || double.IsInfinity(Ridge))
        {
            problems.Add(Problem.Of("ridge", MixCodes.OutOfRange, ("min", 0L), ("max", 1L), ("value", Ridge)));
        }

        if (Replicates is < 0 or > 2000)
        {
            problems.Add(Problem.Of("replicates", MixCodes.OutOfRange, ("min", 0L), ("max", 2000L), ("value", (long)Replicates)));
        }

        if (!(IntervalLevel is > 0.5 and < 1))
        {
            problems.Add(Problem.Of("intervalLevel", MixCodes.OutOfRange, ("min", 0.5), ("max", 1.0), ("value", IntervalLevel)));
        }

        return problems;
    }
}

/// <summary>The codes of the mix model's problems and warnings.</summary>
public static class MixCodes
{
    /// <summary>An option outside <c>min</c>..<c>max</c> (<c>value</c>).</summary>
    public const string OutOfRange = "mix_out_of_range";

    /// <summary>No channel to fit.</summary>
    public const string NoChannels = "mix_no_channels";

    /// <summary>A channel or control is named twice (<c>name</c>).</summary>
    public const string DuplicateName = "mix_duplicate_name";

    /// <summary>Two periods start on the same day (<c>date</c>).</summary>
    public const string DuplicatePeriod = "mix_duplicate_period";

    /// <summary>Periods are not evenly 7 or 1 days apart (<c>date</c> follows <c>previous</c>).</summary>
    public const string IrregularPeriods = "mix_irregular_periods";

    /// <summary>A value that is not a finite number (<c>series</c>, <c>date</c>).</summary>
    public const string NotANumber = "mix_not_a_number";

    /// <summary>Negative spend (<c>channel</c>, <c>date</c>, <c>value</c>).</summary>
    public const string NegativeSpend = "mix_negative_spend";

    /// <summary>A channel whose spend never changes (<c>channel</c>): its effect cannot be told from the baseline.</summary>
    public const string ConstantChannel = "mix_constant_channel";

    /// <summary>A control that never changes (<c>control</c>).</summary>
    public const string ConstantControl = "mix_constant_control";

    /// <summary>An outcome that never changes: nothing to explain.</summary>
    public const string ConstantOutcome = "mix_constant_outcome";

    /// <summary>Fewer periods (<c>have</c>) than the model needs (<c>needed</c>: 10 + 2 per channel + 1 per control and seasonal term, plus the holdout).</summary>
    public const string TooFewPeriods = "mix_too_few_periods";

    /// <summary>
    /// The workspace's conversions per period average <c>have</c>, under the <c>needed</c> the model takes: counting noise
    /// alone (about 1/√count of the outcome) would be larger than what media moves.
    /// </summary>
    public const string SparseOutcome = "mix_sparse_outcome";

    /// <summary>An event name (<c>name</c>) that is not a snake_case word of 1 to <c>max</c> characters.</summary>
    public const string EventBadName = "mix_event_bad_name";

    /// <summary>An event named like a control Mercato fits by itself (<c>name</c>).</summary>
    public const string EventReserved = "mix_event_reserved";

    /// <summary>An event whose last day (<c>last</c>) is before its first (<c>first</c>), or that lasts more than <c>max</c> days.</summary>
    public const string EventBadDates = "mix_event_bad_dates";

    /// <summary>No event <c>name</c> (starting on <c>first</c>, when given).</summary>
    public const string EventNotFound = "mix_event_not_found";

    /// <summary>Warning: a channel spent in fewer than <c>min</c> periods or varies by less than 5% (<c>channel</c>): its figures are weak.</summary>
    public const string LittleVariation = "mix_little_variation";

    /// <summary>Warning: two channels' spend correlates at <c>correlation</c> (<c>channel</c>, <c>other</c>): the split between them is uncertain.</summary>
    public const string Collinear = "mix_collinear";

    /// <summary>Warning: under two years of data (<c>days</c>): no yearly seasonality is fitted.</summary>
    public const string NoSeasonality = "mix_no_seasonality";

    /// <summary>
    /// Warning: the baseline (intercept + trend + seasonality) is below zero in <c>periods</c> of <c>of</c> periods, down
    /// to <c>lowest</c> in the period starting <c>day</c>; <c>by</c> is <c>trend</c> when the trend falls, else
    /// <c>seasonality</c>. No outcome is negative without marketing: there the split between baseline and media is not
    /// identified, and media and controls together are credited with more than the fitted outcome.
    /// </summary>
    public const string NegativeBaseline = "mix_negative_baseline";

    /// <summary>A budget bound names a channel the model does not have (<c>channel</c>).</summary>
    public const string UnknownChannel = "mix_unknown_channel";

    /// <summary>A budget bound with low above high or a negative end (<c>channel</c>).</summary>
    public const string BadBound = "mix_bad_bound";

    /// <summary>The guard rails cannot sum to the budget (<c>budget</c>; feasible from <c>min</c> to <c>max</c>).</summary>
    public const string BudgetInfeasible = "mix_budget_infeasible";

    /// <summary>A budget question's <c>field</c> (budget, period, maxChange) is out of range.</summary>
    public const string BadRequest = "mix_bad_request";

    /// <summary>Warning: a channel was left out of the workspace's fit (<c>channel</c>): it spends in fewer than <c>min</c> periods or hardly varies.</summary>
    public const string LeftOut = "mix_left_out";
}

/// <summary>The checks of a mix data set before a fit, and the period length it implies.</summary>
public static class MixChecks
{
    /// <summary>The periods the model needs for <paramref name="channels"/> channels, <paramref name="controls"/> controls and <paramref name="seasonalColumns"/> Fourier columns, before the holdout.</summary>
    public static int PeriodsNeeded(int channels, int controls, int seasonalColumns) => 10 + (2 * channels) + controls + seasonalColumns;

    /// <summary>Every problem of <paramref name="data"/> under <paramref name="options"/>; empty when it can be fitted.</summary>
    public static IReadOnlyList<Problem> Problems(MixData data, MixOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<Problem>(options.Problems());
        var n = data.Periods.Count;
        if (data.Outcome.Count != n || data.Channels.Any(c => c.Values.Count != n) || data.Controls.Any(c => c.Values.Count != n))
        {
            throw new ArgumentException("every series needs one value per period", nameof(data));
        }

        if (data.Channels.Count == 0)
        {
            problems.Add(new Problem("channels", MixCodes.NoChannels));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var series in data.Channels.Concat(data.Controls))
        {
            if (!names.Add(series.Name))
            {
                problems.Add(Problem.Of("channels", MixCodes.DuplicateName, ("name", series.Name)));
            }
        }

        for (var t = 1; t < n; t++)
        {
            var gap = data.Periods[t].DayNumber - data.Periods[t - 1].DayNumber;
            if (gap == 0)
            {
                problems.Add(Problem.Of(Row(t), MixCodes.DuplicatePeriod, ("date", data.Periods[t])));
            }
            else if (gap != StepDays(data))
            {
                problems.Add(Problem.Of(Row(t), MixCodes.IrregularPeriods, ("date", data.Periods[t]), ("previous", data.Periods[t - 1])));
            }
        }

        NumbersIn("outcome", data.Outcome, data, problems);
        foreach (var channel in data.Channels)
        {
            NumbersIn(channel.Name, channel.Values, data, problems);
            for (var t = 0; t < n; t++)
            {
                if (channel.Values[t] < 0)
                {
                    problems.Add(Problem.Of(Row(t), MixCodes.NegativeSpend, ("channel", channel.Name), ("date", data.Periods[t]), ("value", channel.Values[t])));
                }
            }

            if (n > 0 && IsConstant(channel.Values))
            {
                problems.Add(Problem.Of("channels", MixCodes.ConstantChannel, ("channel", channel.Name)));
            }
        }

        foreach (var control in data.Controls)
        {
            NumbersIn(control.Name, control.Values, data, problems);
            if (n > 0 && IsConstant(control.Values))
            {
                problems.Add(Problem.Of("controls", MixCodes.ConstantControl, ("control", control.Name)));
            }
        }

        if (n > 1 && IsConstant(data.Outcome))
        {
            problems.Add(new Problem("target", MixCodes.ConstantOutcome));
        }

        var step = n > 1 ? StepDays(data) : 7;
        var needed = PeriodsNeeded(data.Channels.Count, data.Controls.Count, 2 * SeasonalPairs(n, step, options.FourierTerms)) + Holdout(n, step, options);
        if (n < needed)
        {
            problems.Add(Problem.Of("periods", MixCodes.TooFewPeriods, ("needed", (long)needed), ("have", (long)n)));
        }

        return problems;
    }

    /// <summary>Warnings that do not stop a fit: channels with little variation, strongly correlated channels, no seasonality.</summary>
    public static IReadOnlyList<Problem> Warnings(MixData data, MixOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var warnings = new List<Problem>();
        var n = data.Periods.Count;
        foreach (var channel in data.Channels)
        {
            var active = channel.Values.Count(v => v > 0);
            if (active < MinActivePeriods || Variation(channel.Values) < 0.05)
            {
                warnings.Add(Problem.Of("channels", MixCodes.LittleVariation, ("channel", channel.Name), ("min", (long)MinActivePeriods)));
            }
        }

        for (var i = 0; i < data.Channels.Count; i++)
        {
            for (var j = i + 1; j < data.Channels.Count; j++)
            {
                var r = Correlation(data.Channels[i].Values, data.Channels[j].Values);
                if (Math.Abs(r) >= 0.9)
                {
                    warnings.Add(Problem.Of("channels", MixCodes.Collinear, ("channel", data.Channels[i].Name), ("other", data.Channels[j].Name), ("correlation", Math.Round(r, 3))));
                }
            }
        }

        var step = n > 1 ? StepDays(data) : 7;
        if (n * step < 728)
        {
            warnings.Add(Problem.Of("periods", MixCodes.NoSeasonality, ("days", (long)(n * step))));
        }

        return warnings;
    }

    /// <summary>The fewest periods with spend a channel needs for its figures to be worth reading.</summary>
    public const int MinActivePeriods = 6;

    /// <summary>Days per period: 7 or 1 (the first gap decides; <see cref="Problems"/> reports others).</summary>
    public static int StepDays(MixData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Periods.Count < 2)
        {
            return 7;
        }

        var gap = data.Periods[1].DayNumber - data.Periods[0].DayNumber;
        return gap == 1 ? 1 : 7;
    }

    /// <summary>The Fourier pairs fitted: <paramref name="wanted"/> from two years of data (728 days), none below: with one year, a fitted yearly wave is indistinguishable from anything else that moved that year and its forecast runs wild.</summary>
    public static int SeasonalPairs(int periods, int stepDays, int wanted)
    {
        var days = periods * stepDays;
        return days >= 728 ? wanted : 0;
    }

    /// <summary>The periods held out: the option, else a tenth of the periods (at most 13 weeks or 28 days), none under 40 periods.</summary>
    public static int Holdout(int periods, int stepDays, MixOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.HoldoutPeriods is { } h)
        {
            return h;
        }

        return periods < 40 ? 0 : Math.Min(periods / 10, stepDays == 1 ? 28 : 13);
    }

    /// <summary>The coefficient of variation (standard deviation over mean) of the values; 0 for a zero mean.</summary>
    public static double Variation(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return 0;
        }

        var mean = values.Average();
        if (mean == 0)
        {
            return 0;
        }

        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
        return sd / Math.Abs(mean);
    }

    private static bool IsConstant(IReadOnlyList<double> values)
    {
        var first = values[0];
        var scale = Math.Max(values.Max(Math.Abs), 1e-300);
        return values.All(v => Math.Abs(v - first) <= 1e-12 * scale);
    }

    private static double Correlation(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (var t = 0; t < a.Count; t++)
        {
            sab += (a[t] - ma) * (b[t] - mb);
            saa += (a[t] - ma) * (a[t] - ma);
            sbb += (b[t] - mb) * (b[t] - mb);
        }

        return saa > 0 && sbb > 0 ? sab / Math.Sqrt(saa * sbb) : 0;
    }

    private static void NumbersIn(string name, IReadOnlyList<double> values, MixData data, List<Problem> problems)
    {
        for (var t = 0; t < values.Count; t++)
        {
            if (!double.IsFinite(values[t]))
            {
                problems.Add(Problem.Of(Row(t), MixCodes.NotANumber, ("series", name), ("date", data.Periods[t])));
            }
        }
    }

    /// <summary>The period index of a problem's path (<c>periods[7]</c> → 7), or null for a path about something else.</summary>
    public static int? Period(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        const string Prefix = "periods[";
        return path.StartsWith(Prefix, StringComparison.Ordinal) && path.EndsWith(']')
            && int.TryParse(path.AsSpan(Prefix.Length, path.Length - Prefix.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var t)
            ? t
            : null;
    }

    private static string Row(int t) => string.Create(CultureInfo.InvariantCulture, $"periods[{t}]");
}
