using System.Globalization;
using System.Text.Json.Serialization;
using Mercato.Core.Alerts;

namespace Mercato.Core.AdMonitoring;

/// <summary>Where a campaign's spend stands against its plan; written <c>not_started</c>, <c>too_early</c>, <c>under</c>, <c>on_pace</c>, <c>over</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PacingStatus>))]
public enum PacingStatus
{
    /// <summary>No day of the flight has ended yet.</summary>
    [JsonStringEnumMemberName("not_started")]
    NotStarted,

    /// <summary>Too little of the flight has passed to judge (<see cref="PacingOptions.MinElapsedDays"/>, <see cref="PacingOptions.MinElapsedShare"/>).</summary>
    [JsonStringEnumMemberName("too_early")]
    TooEarly,

    /// <summary>Spend below expected by more than the tolerance.</summary>
    [JsonStringEnumMemberName("under")]
    Under,

    /// <summary>Spend within the tolerance of expected.</summary>
    [JsonStringEnumMemberName("on_pace")]
    OnPace,

    /// <summary>Spend above expected by more than the tolerance.</summary>
    [JsonStringEnumMemberName("over")]
    Over,
}

/// <summary>A campaign's budget over its flight: <paramref name="Budget"/> planned from <paramref name="Start"/> to <paramref name="End"/>, both local days included.</summary>
/// <param name="Budget">The planned total.</param>
/// <param name="Start">The first day of the flight.</param>
/// <param name="End">The last day of the flight (not before <paramref name="Start"/>).</param>
public sealed record PacingPlan(decimal Budget, DateOnly Start, DateOnly End)
{
    /// <summary>Days in the flight, both ends included.</summary>
    public int Days => End.DayNumber - Start.DayNumber + 1;
}

/// <summary>Spend on one local day.</summary>
/// <param name="Day">The day.</param>
/// <param name="Spend">The spend.</param>
public sealed record DailySpend(DateOnly Day, decimal Spend);

/// <summary>One channel budget line of a campaign paced on its own: the line's planned amount over the campaign's flight against the spend rows of that channel carrying the campaign's codes.</summary>
/// <param name="Channel">The line's channel.</param>
/// <param name="Plan">The line's amount and the campaign's flight.</param>
/// <param name="Result">Its pacing.</param>
public sealed record LinePacing(string Channel, PacingPlan Plan, PacingResult Result);

/// <summary>The settings of pacing; the defaults are in docs/ads.md.</summary>
public sealed record PacingOptions
{
    /// <summary>How far the pace ratio may stray from 1 and still be on pace (default 0.15: ±15%).</summary>
    public double Tolerance { get; init; } = 0.15;

    /// <summary>A flight is judged once this share of its days has passed ... (default 0.20) ...</summary>
    public double MinElapsedShare { get; init; } = 0.20;

    /// <summary>... or this many days (default 3).</summary>
    public int MinElapsedDays { get; init; } = 3;

    /// <summary>The band's width in standard deviations (default 1.96: a 95% band under a normal approximation).</summary>
    public double BandZ { get; init; } = 1.96;

    /// <summary>Days of each weekday the history needs before its weekday shape is used (default 2).</summary>
    public int MinShapeDays { get; init; } = 2;
}

/// <summary>Where a campaign's spend stands and where it will end.</summary>
/// <param name="Status">The verdict.</param>
/// <param name="FlightDays">Days in the flight.</param>
/// <param name="ElapsedDays">Days of the flight that have ended (through the day given).</param>
/// <param name="Actual">Spend on the elapsed days of the flight.</param>
/// <param name="Expected">The budget pro rata to the elapsed days, weighted by the weekday shape, rounded to cents.</param>
/// <param name="PaceRatio">Actual ÷ expected; null when nothing was expected.</param>
/// <param name="Projected">The projected end-of-flight spend at the pace so far, rounded to cents; null before the flight or when the elapsed days weigh nothing.</param>
/// <param name="ProjectedLow">The band's low end (never below the actual spend); null without a projection or with fewer than two elapsed days.</param>
/// <param name="ProjectedHigh">The band's high end; null as <paramref name="ProjectedLow"/>.</param>
/// <param name="Shape">The weekday weights used, Monday first, averaging 1 (all 1 without a usable history).</param>
public sealed record PacingResult(
    PacingStatus Status, int FlightDays, int ElapsedDays, decimal Actual, decimal Expected, double? PaceRatio, decimal? Projected, decimal? ProjectedLow, decimal? ProjectedHigh,
    IReadOnlyList<double> Shape);

/// <summary>
/// Budget pacing. With weekday weights m (the mean daily spend of each weekday in the history, Monday to Sunday; all 1
/// without a history that holds every weekday <see cref="PacingOptions.MinShapeDays"/> times, or when it spent nothing), a
/// flight F of days and its elapsed days E (from the start through the given day):
/// expected = budget × Σ_E m ÷ Σ_F m (pro rata to the days when unweighted); pace ratio = actual ÷ expected;
/// projected = actual × Σ_F m ÷ Σ_E m (the pace so far held to the end), all in decimal, so exact before the rounding
/// to cents. The band: with weights w = m ÷ mean(m) and each elapsed day's spend per unit of weight x = spend ÷ w (days of
/// weight 0 left out), s the sample standard deviation of the n values x, and R the remaining days, projected ±
/// z·s·√(Σ_R w² + (Σ_R w)² ÷ n): the remaining days' own variation plus the error of the rate they are projected at;
/// the low end never goes below the actual spend. Status: not started before the first day has ended; too early while
/// fewer than <see cref="PacingOptions.MinElapsedDays"/> days and less than <see cref="PacingOptions.MinElapsedShare"/> of
/// the flight have passed; then over when the ratio exceeds 1 + tolerance, under when it is below 1 − tolerance, else on
/// pace.
/// </summary>
public static class Pacing
{
    private static readonly IReadOnlyList<double> Flat = [1, 1, 1, 1, 1, 1, 1];

    /// <summary>The weekday weights of <paramref name="history"/>, Monday first, as decimals (mean daily spend per weekday); null when unusable.</summary>
    public static decimal[]? WeekdayMeans(IEnumerable<DailySpend>? history, int minDays = 2)
    {
        if (history is null)
        {
            return null;
        }

        var sums = new decimal[7];
        var counts = new int[7];
        foreach (var day in history)
        {
            var i = Index(day.Day);
            sums[i] += day.Spend;
            counts[i]++;
        }

        if (counts.Any(c => c < minDays))
        {
            return null;
        }

        var means = sums.Select((s, i) => s / counts[i]).ToArray();
        return means.Sum() > 0 && means.All(m => m >= 0) ? means : null;
    }

    /// <summary>Pacing of <paramref name="plan"/> through <paramref name="through"/> (the last local day that has ended), as the class comment says.</summary>
    /// <param name="plan">The budget and the flight.</param>
    /// <param name="spend">Daily spend; days outside the flight or after <paramref name="through"/> are ignored, missing days spent nothing, a day given twice counts twice.</param>
    /// <param name="through">The last day that has ended (yesterday, in the workspace's time zone).</param>
    /// <param name="history">Past daily spend that teaches the weekday shape (the campaign's or its channel's); null for a flat shape.</param>
    /// <param name="options">The settings; null for the defaults.</param>
    /// <exception cref="ArgumentException">The flight ends before it starts, or the budget is negative.</exception>
    public static PacingResult Compute(PacingPlan plan, IEnumerable<DailySpend> spend, DateOnly through, IEnumerable<DailySpend>? history = null, PacingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(spend);
        options ??= new PacingOptions();
        if (plan.End < plan.Start || plan.Budget < 0)
        {
            throw new ArgumentException("A flight must not end before it starts, nor have a negative budget.", nameof(plan));
        }

        var means = WeekdayMeans(history, options.MinShapeDays);
        var days = plan.Days;
        var elapsed = Math.Clamp(through.DayNumber - plan.Start.DayNumber + 1, 0, days);
        var weight = new decimal[days];
        var daily = new decimal[days];
        for (var d = 0; d < days; d++)
        {
            weight[d] = means?[Index(plan.Start.AddDays(d))] ?? 1m;
        }

        foreach (var s in spend)
        {
            var d = s.Day.DayNumber - plan.Start.DayNumber;
            if (d >= 0 && d < elapsed)
            {
                daily[d] += s.Spend;
            }
        }

        var actual = daily.Sum();
        var flightWeight = weight.Sum();
        var elapsedWeight = weight.Take(elapsed).Sum();
        if (means is not null && flightWeight == 0)
        {
            // A history that never spends on the flight's weekdays says nothing about this flight: pro rata to days.
            means = null;
            Array.Fill(weight, 1m);
            (flightWeight, elapsedWeight) = (days, elapsed);
        }

        // Weights averaging 1 over the week, for the band and for people.
        var unit = means is null ? 1m : means.Sum() / 7;
        IReadOnlyList<double> shape = means is null ? Flat : [.. means.Select(m => (double)(m / unit))];
        var w = weight.Select(x => (double)(x / unit)).ToArray();

        var expected = Cents(plan.Budget * elapsedWeight / flightWeight);
        double? ratio = expected > 0 ? (double)(actual / expected) : null;
        decimal? projected = elapsed > 0 && elapsedWeight > 0 ? Cents(actual * flightWeight / elapsedWeight) : null;
        decimal? low = null, high = null;
        var x = Enumerable.Range(0, elapsed).Where(d => w[d] > 0).Select(d => (double)daily[d] / w[d]).ToArray();
        if (projected is { } p && x.Length >= 2)
        {
            var mean = x.Average();
            var sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1));
            var remaining = w.Skip(elapsed).ToArray();
            var half = options.BandZ * sd * Math.Sqrt(remaining.Sum(v => v * v) + (remaining.Sum() * remaining.Sum() / x.Length));
            low = Math.Max(actual, Cents(p - (decimal)half));
            high = Cents(p + (decimal)half);
        }

        var status = elapsed == 0 ? PacingStatus.NotStarted
            : elapsed < options.MinElapsedDays && (double)elapsed / days < options.MinElapsedShare ? PacingStatus.TooEarly
            : ratio is null ? (actual > 0 ? PacingStatus.Over : PacingStatus.OnPace)
            : ratio > 1 + options.Tolerance ? PacingStatus.Over
            : ratio < 1 - options.Tolerance ? PacingStatus.Under
            : PacingStatus.OnPace;
        return new PacingResult(status, days, elapsed, actual, expected, ratio, projected, low, high, shape);
    }

    /// <summary>
    /// The alert center's finding for an over- or under-pacing campaign (null for any other status): kind
    /// <c>ad_anomaly</c>, keyed <c>pacing:{campaign}:{over|under}:{flight start}</c>, owned by
    /// <see cref="DeliveryAnomalies.OwnerFunction"/>, since the flight's start, with the spend to date against expected
    /// (score: the pace ratio) and the money at stake: the projected spend beyond the budget (over) or left unspent
    /// (under). Severe when the ratio is 1.5 or more or 0.5 or less, else warning.
    /// </summary>
    /// <param name="campaign">The campaign's id.</param>
    /// <param name="plan">Its budget and flight.</param>
    /// <param name="result">Its pacing (<see cref="Compute"/>) through <paramref name="through"/>.</param>
    /// <param name="through">The day the pacing ran through.</param>
    /// <param name="zone">The workspace zone (the days' midnights).</param>
    /// <param name="options">The settings the pacing used (the tolerance is quoted); null for the defaults.</param>
    public static AlertCandidate? Alert(string campaign, PacingPlan plan, PacingResult result, DateOnly through, TimeZoneInfo zone, PacingOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaign);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(zone);
        if (result.Status is not (PacingStatus.Over or PacingStatus.Under))
        {
            return null;
        }

        options ??= new PacingOptions();
        var word = EnumWords.Word(result.Status);
        var ratio = result.PaceRatio ?? double.PositiveInfinity;
        var projected = result.Projected ?? result.Actual;
        var stake = result.Status == PacingStatus.Over ? Math.Max(0, projected - plan.Budget) : Math.Max(0, plan.Budget - projected);
        var start = LocalTime.MidnightIn(plan.Start, zone);
        string Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
        return new AlertCandidate(
            AlertKind.AdAnomaly,
            string.Create(CultureInfo.InvariantCulture, $"pacing:{campaign}:{word}:{plan.Start:yyyy-MM-dd}"),
            ratio >= 1.5 || ratio <= 0.5 ? AlertSeverity.Severe : AlertSeverity.Warning,
            campaign + " pacing " + word,
            start,
            new AlertEvidence(
                "spend to date", (double)result.Actual, (double)result.Expected, ratio, start, null, LocalTime.MidnightIn(through, zone), stake,
                [
                    new("budget", Text(plan.Budget)),
                    new("flight", string.Create(CultureInfo.InvariantCulture, $"{plan.Start:yyyy-MM-dd}..{plan.End:yyyy-MM-dd}")),
                    new("elapsed_days", string.Create(CultureInfo.InvariantCulture, $"{result.ElapsedDays}/{result.FlightDays}")),
                    new("pace_ratio", ratio.ToString("0.###", CultureInfo.InvariantCulture)),
                    new("projected", Text(result.Projected)),
                    new("projected_band", Text(result.ProjectedLow) + ".." + Text(result.ProjectedHigh)),
                    new("tolerance", options.Tolerance.ToString("0.###", CultureInfo.InvariantCulture)),
                ]),
            DeliveryAnomalies.OwnerFunction);
    }

    private static int Index(DateOnly day) => ((int)day.DayOfWeek + 6) % 7;

    private static decimal Cents(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);
}
