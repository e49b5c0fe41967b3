namespace Mercato.Core.Measurement.Attribution;

/// <summary>One label's sampled Shapley value with its standard errors.</summary>
/// <param name="Label">Channel name or campaign code.</param>
/// <param name="Conversions">Mean marginal contribution to conversions over the sampled orderings.</param>
/// <param name="ConversionsStandardError">Sample standard deviation of those contributions / √(orderings).</param>
/// <param name="Revenue">Mean marginal contribution to revenue.</param>
/// <param name="RevenueStandardError">Its standard error.</param>
public sealed record SampledCredit(
    string Label, double Conversions, double ConversionsStandardError, double Revenue, double RevenueStandardError);

/// <summary>A Monte-Carlo estimate of the Shapley values; the estimates sum to the totals (up to rounding).</summary>
/// <param name="TotalConversions">Conversions of all paths.</param>
/// <param name="TotalRevenue">Revenue of all paths.</param>
/// <param name="Orderings">How many random orderings of the labels were sampled.</param>
/// <param name="Credits">Every label's estimate, sorted by label (ordinal).</param>
public sealed record ShapleyEstimate(long TotalConversions, decimal TotalRevenue, int Orderings, IReadOnlyList<SampledCredit> Credits);

/// <summary>
/// Shapley-value attribution (Shapley, "A value for n-person games", 1953), with the coalition game used in the
/// multi-touch attribution literature (Shao and Li, "Data-driven multi-touch attribution models", KDD 2011; Dalessandro,
/// Perlich, Stitelman and Provost, "Causally motivated attribution for online advertising", 2012).
/// <para>
/// <b>The game.</b> The players are the labels. The worth of a coalition S is v(S) = the conversions (for revenue: the
/// revenue) of the journeys whose set of labels is a subset of S; order and repeats within a journey do not matter, and
/// journeys that did not convert are not used (they are worth nothing in every coalition).
/// </para>
/// <para>
/// <b>Exact closed form.</b> Let w(T) be the conversions of the journeys whose label set is exactly T. Then
/// v(S) = Σ_{T ⊆ S} w(T) = Σ_T w(T)·u_T(S), where u_T is the unanimity game (u_T(S) = 1 if T ⊆ S, else 0); the w(T) are
/// the Harsanyi dividends of v. In u_T the members of T are symmetric and everyone else is a null player, so efficiency
/// gives each member 1/|T| and everyone else 0; the Shapley value is linear in the game, hence
/// φ_i = Σ_{T ∋ i} w(T) / |T|: each journey's conversions and revenue are split equally among its distinct labels. This is
/// exact for any number of labels and takes one pass over the paths, so the usual subset enumeration (exponential, and
/// practical only up to about 15 labels) and any sampling beyond it are unnecessary for this game.
/// <see cref="Estimate"/> still provides the classic permutation-sampling estimate (Castro, Gómez and Tejada, "Polynomial
/// calculation of the Shapley value based on sampling", 2009) with its standard errors, as a check on the closed form and
/// for games without one.
/// </para>
/// <para>
/// It rewards every channel that takes part in converting journeys, shared fairly by the Shapley axioms. Distrust it as
/// you would linear (for this game it is linear over distinct channels: it ignores order, repeats and the journeys that
/// did not convert), and because fairness among channels in this game is not the causal effect of spending on them.
/// </para>
/// </summary>
public static class ShapleyValue
{
    /// <summary>The model's name on the command line and in reports.</summary>
    public const string Name = "shapley";

    /// <summary>The exact Shapley values φ_i = Σ_{T ∋ i} w(T) / |T| for conversions and for revenue.</summary>
    public static AttributionResult Attribute(IReadOnlyList<JourneyPath> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var ledger = new CreditLedger();
        var members = new List<int>();
        for (var i = 0; i < paths.Count; i++)
        {
            var path = paths[i];
            ledger.Register(path, i);
            if (path.Conversions == 0)
            {
                continue;
            }

            DistinctIds(path, ledger, members);
            var conversions = (double)path.Conversions / members.Count;
            var revenue = (double)path.Revenue / members.Count;
            foreach (var id in members)
            {
                ledger.Add(id, conversions, revenue);
            }
        }

        return ledger.ToResult(Name);
    }

    /// <summary>
    /// Estimates the Shapley values by sampling <paramref name="orderings"/> uniformly random orderings of the labels (a
    /// seeded <see cref="Random"/>, Fisher–Yates) and averaging each label's marginal contribution v(P ∪ {i}) − v(P),
    /// P being the labels before i. In one ordering, the journeys with label set T add their worth exactly when the last
    /// member of T joins, so that member's contribution includes w(T); each ordering's contributions therefore sum to
    /// v(all labels), and the estimates sum to it up to rounding.
    /// <para>
    /// Error bound: the estimate of φ_i is a mean of m independent contributions, so its standard error is s_i / √m (s_i
    /// the sample standard deviation), reported per label; by the central limit theorem the error exceeds 4 standard
    /// errors with probability about 6 in 100,000. Without that approximation, each contribution lies in [0, W_i]
    /// (W_i = the conversions of the journeys that touch i), and Hoeffding's inequality bounds the error by
    /// W_i·√(ln(2/δ) / (2m)) with probability at least 1 − δ.
    /// </para>
    /// </summary>
    /// <param name="paths">The journey paths.</param>
    /// <param name="orderings">How many orderings to sample, at least 2.</param>
    /// <param name="seed">Seed of the random orderings; the same seed gives the same estimate.</param>
    public static ShapleyEstimate Estimate(IReadOnlyList<JourneyPath> paths, int orderings, int seed)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentOutOfRangeException.ThrowIfLessThan(orderings, 2);
        var ledger = new CreditLedger();
        var coalitions = new Dictionary<string, (int[] Members, double Conversions, double Revenue)>(StringComparer.Ordinal);
        var members = new List<int>();
        for (var i = 0; i < paths.Count; i++)
        {
            var path = paths[i];
            ledger.Register(path, i);
            if (path.Conversions == 0)
            {
                continue;
            }

            DistinctIds(path, ledger, members);
            members.Sort();
            var key = string.Join(',', members.Select(m => m.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var (_, conversions, revenue) = coalitions.GetValueOrDefault(key, ([.. members], 0, 0));
            coalitions[key] = ([.. members], conversions + path.Conversions, revenue + (double)path.Revenue);
        }

        var players = ledger.Count;
        var order = Enumerable.Range(0, players).ToArray();
        var position = new int[players];
        var conversionGain = new double[players];
        var revenueGain = new double[players];
        var conversionStats = new Welford[players];
        var revenueStats = new Welford[players];
        var random = new Random(seed);
        var sets = coalitions.Values.ToArray();
        for (var m = 0; m < orderings; m++)
        {
            random.Shuffle(order);
            for (var p = 0; p < players; p++)
            {
                position[order[p]] = p;
            }

            Array.Clear(conversionGain);
            Array.Clear(revenueGain);
            foreach (var (set, conversions, revenue) in sets)
            {
                var last = set[0];
                foreach (var member in set)
                {
                    if (position[member] > position[last])
                    {
                        last = member;
                    }
                }

                conversionGain[last] += conversions;
                revenueGain[last] += revenue;
            }

            for (var p = 0; p < players; p++)
            {
                conversionStats[p].Add(conversionGain[p]);
                revenueStats[p].Add(revenueGain[p]);
            }
        }

        var credits = ledger.SortedIds()
            .Select(id => new SampledCredit(
                ledger.Label(id),
                conversionStats[id].Mean,
                conversionStats[id].StandardError,
                revenueStats[id].Mean,
                revenueStats[id].StandardError))
            .ToList();
        return new ShapleyEstimate(ledger.TotalConversions, ledger.TotalRevenue, orderings, credits);
    }

    private static void DistinctIds(JourneyPath path, CreditLedger ledger, List<int> members)
    {
        members.Clear();
        foreach (var label in path.Touches)
        {
            var id = ledger.Id(label);
            if (!members.Contains(id))
            {
                members.Add(id);
            }
        }
    }

    /// <summary>Running mean and sum of squared deviations (Welford's algorithm).</summary>
    private struct Welford
    {
        private long _count;
        private double _sumOfSquares;

        public double Mean { get; private set; }

        public readonly double StandardError => _count > 1 ? Math.Sqrt(_sumOfSquares / (_count - 1) / _count) : 0;

        public void Add(double value)
        {
            _count++;
            var delta = value - Mean;
            Mean += delta / _count;
            _sumOfSquares += delta * (value - Mean);
        }
    }
}
