namespace Mercato.Core.Measurement.Attribution;

/// <summary>
/// Time decay (Google Analytics' time-decay model): touch t of a converting journey, made <c>age_t</c> days before the
/// conversion, weighs w_t = 2^(−age_t / halfLife) (half-life 7 days by default), and the journey's conversions and
/// revenue are split in proportion to the weights, normalized per journey: share_t = w_t / Σ_u w_u. Repeats count as
/// separate touches. The weights are computed relative to the journey's youngest touch (2^(−(age_t − min age)/halfLife)),
/// which leaves the shares unchanged and keeps very old journeys from underflowing to zero.
/// <para>
/// It rewards the touches closest to the sale while still crediting earlier ones. Distrust it for long consideration
/// cycles and awareness channels, and remember that the half-life is a choice, not something learned from the data.
/// </para>
/// </summary>
public static class TimeDecay
{
    /// <summary>The model's name on the command line and in reports.</summary>
    public const string Name = "time-decay";

    /// <summary>The half-life used when none is given, in days.</summary>
    public const double DefaultHalfLifeDays = 7;

    /// <summary>Credits each timed path's conversions and revenue by touch weights 2^(−age/halfLife).</summary>
    /// <param name="timedPaths">Converting journeys with each touch's age at the conversion.</param>
    /// <param name="halfLifeDays">Days after which a touch's weight halves; positive and finite.</param>
    public static AttributionResult Attribute(IReadOnlyList<TimedPath> timedPaths, double halfLifeDays = DefaultHalfLifeDays)
    {
        ArgumentNullException.ThrowIfNull(timedPaths);
        if (!(halfLifeDays > 0) || double.IsInfinity(halfLifeDays))
        {
            throw new ArgumentOutOfRangeException(nameof(halfLifeDays), halfLifeDays, "The half-life must be a positive number of days.");
        }

        var ledger = new CreditLedger();
        var weights = new double[16];
        for (var i = 0; i < timedPaths.Count; i++)
        {
            var path = timedPaths[i];
            ledger.Register(path, i);
            if (path.Conversions == 0)
            {
                continue;
            }

            var touches = path.Touches;
            if (weights.Length < touches.Count)
            {
                weights = new double[touches.Count * 2];
            }

            var youngest = double.PositiveInfinity;
            foreach (var touch in touches)
            {
                youngest = Math.Min(youngest, touch.AgeDays);
            }

            var sum = 0.0;
            for (var t = 0; t < touches.Count; t++)
            {
                weights[t] = Math.Pow(2, -(touches[t].AgeDays - youngest) / halfLifeDays);
                sum += weights[t];
            }

            double conversions = path.Conversions;
            var revenue = (double)path.Revenue;
            for (var t = 0; t < touches.Count; t++)
            {
                var share = weights[t] / sum;
                ledger.Add(ledger.Id(touches[t].Label), conversions * share, revenue * share);
            }
        }

        return ledger.ToResult(Name);
    }
}
