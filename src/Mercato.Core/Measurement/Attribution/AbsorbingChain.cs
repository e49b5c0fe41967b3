using System.Numerics;
using System.Runtime.InteropServices;

namespace Mercato.Core.Measurement.Attribution;

/// <summary>
/// The absorbing chain of <see cref="MarkovChain"/>: transient states (0 is the start) in compressed rows, and for each
/// state its one-step probability of conversion and expected one-step revenue. See <see cref="MarkovChain"/> for the
/// states and the solve.
/// </summary>
internal sealed class AbsorbingChain
{
    private readonly StateKey[] _keys;
    private readonly int[] _rowStart;
    private readonly int[] _column;
    private readonly double[] _probability;
    private readonly double[] _conversion;
    private readonly double[] _revenue;

    private AbsorbingChain(StateKey[] keys, int[] rowStart, int[] column, double[] probability, double[] conversion, double[] revenue)
    {
        _keys = keys;
        _rowStart = rowStart;
        _column = column;
        _probability = probability;
        _conversion = conversion;
        _revenue = revenue;
    }

    /// <summary>Transient states, the start included.</summary>
    public int States => _keys.Length;

    /// <summary>Registers every path in <paramref name="ledger"/> and counts the transitions of those with journeys.</summary>
    public static AbsorbingChain Build(IReadOnlyList<JourneyPath> paths, int order, CreditLedger ledger)
    {
        var stateIds = new Dictionary<StateKey, int>();
        var keys = new List<StateKey> { StateKey.Start };
        var outgoing = new List<long> { 0 };
        var converted = new List<long> { 0 };
        var revenue = new List<decimal> { 0 };
        var edges = new Dictionary<long, long>();
        var ids = new int[16];

        int StateOf(StateKey key)
        {
            if (!stateIds.TryGetValue(key, out var id))
            {
                id = keys.Count;
                stateIds.Add(key, id);
                keys.Add(key);
                outgoing.Add(0);
                converted.Add(0);
                revenue.Add(0);
            }

            return id;
        }

        for (var i = 0; i < paths.Count; i++)
        {
            var path = paths[i];
            ledger.Register(path, i);
            var journeys = checked(path.Conversions + path.NonConversions);
            if (journeys == 0)
            {
                continue;
            }

            var n = path.Touches.Count;
            if (ids.Length < n)
            {
                ids = new int[n * 2];
            }

            for (var t = 0; t < n; t++)
            {
                ids[t] = ledger.Id(path.Touches[t]);
            }

            var width = Math.Min(order, n);
            var previous = 0;
            for (var t = 0; t + width <= n; t++)
            {
                var state = StateOf(new StateKey(ids[t], width > 1 ? ids[t + 1] : -1, width > 2 ? ids[t + 2] : -1));
                var edge = ((long)previous << 32) | (uint)state;
                CollectionsMarshal.GetValueRefOrAddDefault(edges, edge, out _) += journeys;
                outgoing[previous] = checked(outgoing[previous] + journeys);
                previous = state;
            }

            outgoing[previous] = checked(outgoing[previous] + journeys);
            converted[previous] += path.Conversions;
            revenue[previous] += path.Revenue;
        }

        var states = keys.Count;
        var sorted = edges.Keys.ToArray();
        Array.Sort(sorted);
        var rowStart = new int[states + 1];
        var column = new int[sorted.Length];
        var probability = new double[sorted.Length];
        for (var e = 0; e < sorted.Length; e++)
        {
            var from = (int)(sorted[e] >> 32);
            rowStart[from + 1]++;
            column[e] = (int)(sorted[e] & 0xFFFF_FFFF);
            probability[e] = (double)edges[sorted[e]] / outgoing[from];
        }

        for (var s = 0; s < states; s++)
        {
            rowStart[s + 1] += rowStart[s];
        }

        var conversion = new double[states];
        var oneStepRevenue = new double[states];
        for (var s = 0; s < states; s++)
        {
            if (outgoing[s] > 0)
            {
                conversion[s] = (double)converted[s] / outgoing[s];
                oneStepRevenue[s] = (double)revenue[s] / outgoing[s];
            }
        }

        return new AbsorbingChain([.. keys], rowStart, column, probability, conversion, oneStepRevenue);
    }

    /// <summary>Components up to this many states are solved by elimination; larger ones by bracketing sweeps first.</summary>
    public const int DefaultDenseLimit = 256;

    /// <summary>Sweeps always allowed before elimination takes over, however small the component.</summary>
    private const int MinimumSweeps = 1000;

    /// <summary>Sweeps stop when the bracket is this narrow, relative to the component's largest value.</summary>
    public const double SweepTolerance = 1e-13;

    /// <summary>
    /// P(conversion) and expected revenue from the start state, with every transition into a state that contains
    /// <paramref name="removedLabel"/> sent to null (−1 removes nothing).
    /// </summary>
    /// <param name="removedLabel">The label id to remove, or −1.</param>
    /// <param name="denseLimit">Largest component solved directly by elimination (tests lower it to exercise the sweeps).</param>
    public (double Conversion, double Revenue) Absorb(int removedLabel, int denseLimit = DefaultDenseLimit)
    {
        var n = _keys.Length;
        bool[]? removed = null;
        if (removedLabel >= 0)
        {
            removed = new bool[n];
            for (var s = 1; s < n; s++)
            {
                removed[s] = _keys[s].Contains(removedLabel);
            }
        }

        var x = new double[n];
        var y = new double[n];
        var index = new int[n];
        Array.Fill(index, -1);
        var low = new int[n];
        var onStack = new bool[n];
        var local = new int[n];
        Array.Fill(local, -1);
        var component = new int[n];
        var componentTop = 0;
        var callNode = new int[n];
        var callEdge = new int[n];
        var callTop = 0;
        var counter = 0;

        void Visit(int v)
        {
            index[v] = low[v] = counter++;
            component[componentTop++] = v;
            onStack[v] = true;
            callNode[callTop] = v;
            callEdge[callTop] = _rowStart[v];
            callTop++;
        }

        // Tarjan's strongly connected components, iteratively; a component is complete only after every component it
        // can reach, so its successors outside it are already solved when it is.
        Visit(0);
        while (callTop > 0)
        {
            var v = callNode[callTop - 1];
            var descended = false;
            for (var e = callEdge[callTop - 1]; e < _rowStart[v + 1]; e++)
            {
                var w = _column[e];
                if (removed is not null && removed[w])
                {
                    continue;
                }

                if (index[w] < 0)
                {
                    callEdge[callTop - 1] = e + 1;
                    Visit(w);
                    descended = true;
                    break;
                }

                if (onStack[w])
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (descended)
            {
                continue;
            }

            callTop--;
            if (low[v] == index[v])
            {
                var first = componentTop;
                do
                {
                    first--;
                    onStack[component[first]] = false;
                }
                while (component[first] != v);

                SolveComponent(component.AsSpan(first, componentTop - first), removed, local, x, y, denseLimit);
                componentTop = first;
            }

            if (callTop > 0)
            {
                var parent = callNode[callTop - 1];
                low[parent] = Math.Min(low[parent], low[v]);
            }
        }

        return (x[0], y[0]);
    }

    /// <summary>Solves (I − Q) x = r on one strongly connected component, its successors outside it already solved.</summary>
    private void SolveComponent(Span<int> members, bool[]? removed, int[] local, double[] x, double[] y, int denseLimit)
    {
        if (members.Length == 1)
        {
            var v = members[0];
            var self = 0.0;
            var cx = _conversion[v];
            var cy = _revenue[v];
            for (var e = _rowStart[v]; e < _rowStart[v + 1]; e++)
            {
                var w = _column[e];
                if (w == v)
                {
                    self += _probability[e];
                }
                else if (removed is null || !removed[w])
                {
                    cx += _probability[e] * x[w];
                    cy += _probability[e] * y[w];
                }
            }

            x[v] = cx / (1 - self);
            y[v] = cy / (1 - self);
            return;
        }

        var q = members.Length;
        for (var i = 0; i < q; i++)
        {
            local[members[i]] = i;
        }

        if (q > denseLimit && TrySweep(members, removed, local, x, y))
        {
            foreach (var v in members)
            {
                local[v] = -1;
            }

            return;
        }

        // Row-major [I − Q_cc | r_x r_y]: two right-hand sides share the elimination.
        var width = q + 2;
        var a = new double[q * width];
        for (var i = 0; i < q; i++)
        {
            var v = members[i];
            var row = a.AsSpan(i * width, width);
            row[i] = 1;
            row[q] = _conversion[v];
            row[q + 1] = _revenue[v];
            for (var e = _rowStart[v]; e < _rowStart[v + 1]; e++)
            {
                var w = _column[e];
                if (removed is not null && removed[w])
                {
                    continue;
                }

                if (local[w] >= 0)
                {
                    row[local[w]] -= _probability[e];
                }
                else
                {
                    row[q] += _probability[e] * x[w];
                    row[q + 1] += _probability[e] * y[w];
                }
            }
        }

        DenseSolve(a, q);
        for (var i = 0; i < q; i++)
        {
            var v = members[i];
            x[v] = a[i * width + q];
            y[v] = a[i * width + q + 1];
            local[v] = -1;
        }
    }

    /// <summary>
    /// Brackets the solution of a large component between two Gauss–Seidel sequences: one from 0, which rises, and one
    /// from the constant M = max_i b_i / e_i (b_i: state i's one-step value plus what its exits outside the component
    /// are worth; e_i: its probability of leaving the component in one step), which is a supersolution and falls. For
    /// the M-matrix I − Q both sequences are monotone and converge to the exact solution, which always lies between
    /// them; sweeping stops when the bracket is within <see cref="SweepTolerance"/> of the component's largest value, and
    /// the midpoint is taken. Returns false, leaving the work to elimination, if that does not happen within the sweeps
    /// that cost as much as elimination would (q³/3 operations), or 1000 sweeps if more.
    /// </summary>
    private bool TrySweep(Span<int> members, bool[]? removed, int[] local, double[] x, double[] y)
    {
        var q = members.Length;
        var rowStart = new int[q + 1];
        var columns = new List<int>();
        var probabilities = new List<double>();
        var scale = new double[q];
        var bx = new double[q];
        var by = new double[q];
        var upperX = 0.0;
        var upperY = 0.0;
        for (var i = 0; i < q; i++)
        {
            var v = members[i];
            var self = 0.0;
            var inside = 0.0;
            bx[i] = _conversion[v];
            by[i] = _revenue[v];
            for (var e = _rowStart[v]; e < _rowStart[v + 1]; e++)
            {
                var w = _column[e];
                if (removed is not null && removed[w])
                {
                    continue;
                }

                if (w == v)
                {
                    self += _probability[e];
                }
                else if (local[w] >= 0)
                {
                    columns.Add(local[w]);
                    probabilities.Add(_probability[e]);
                    inside += _probability[e];
                }
                else
                {
                    bx[i] += _probability[e] * x[w];
                    by[i] += _probability[e] * y[w];
                }
            }

            rowStart[i + 1] = columns.Count;
            scale[i] = 1 / (1 - self);
            var exit = 1 - self - inside;
            if (exit > 0)
            {
                upperX = Math.Max(upperX, bx[i] / exit);
                upperY = Math.Max(upperY, by[i] / exit);
            }
        }

        var lowX = new double[q];
        var lowY = new double[q];
        var highX = new double[q];
        var highY = new double[q];
        Array.Fill(highX, upperX);
        Array.Fill(highY, upperY);
        var sweeps = Math.Max(MinimumSweeps, (double)q * q * q / 3 / (columns.Count + q) / 4);
        for (var sweep = 0; sweep < sweeps; sweep++)
        {
            // Backwards through Tarjan's discovery order: states found late tend to lie nearer the exits.
            for (var i = q - 1; i >= 0; i--)
            {
                double lx = bx[i], ly = by[i], hx = bx[i], hy = by[i];
                for (var k = rowStart[i]; k < rowStart[i + 1]; k++)
                {
                    var j = columns[k];
                    var p = probabilities[k];
                    lx += p * lowX[j];
                    ly += p * lowY[j];
                    hx += p * highX[j];
                    hy += p * highY[j];
                }

                lowX[i] = lx * scale[i];
                lowY[i] = ly * scale[i];
                highX[i] = hx * scale[i];
                highY[i] = hy * scale[i];
            }

            if (Closed(lowX, highX) && Closed(lowY, highY))
            {
                for (var i = 0; i < q; i++)
                {
                    x[members[i]] = (lowX[i] + highX[i]) / 2;
                    y[members[i]] = (lowY[i] + highY[i]) / 2;
                }

                return true;
            }
        }

        return false;

        static bool Closed(double[] low, double[] high)
        {
            var largest = 0.0;
            var gap = 0.0;
            for (var i = 0; i < low.Length; i++)
            {
                largest = Math.Max(largest, high[i]);
                gap = Math.Max(gap, Math.Abs(high[i] - low[i]));
            }

            return gap <= SweepTolerance * largest;
        }
    }

    /// <summary>
    /// Gaussian elimination with partial pivoting on the row-major augmented matrix [A | B] (q rows, q + 2 columns);
    /// B is replaced by A⁻¹B. Zero multipliers are skipped, which keeps the sparse rows of I − Q cheap.
    /// </summary>
    internal static void DenseSolve(double[] a, int q)
    {
        var width = q + 2;
        for (var k = 0; k < q; k++)
        {
            var pivot = k;
            var best = Math.Abs(a[k * width + k]);
            for (var i = k + 1; i < q; i++)
            {
                var candidate = Math.Abs(a[i * width + k]);
                if (candidate > best)
                {
                    best = candidate;
                    pivot = i;
                }
            }

            if (best == 0)
            {
                throw new InvalidOperationException("The absorbing chain is singular: a set of states never reaches conversion or null.");
            }

            if (pivot != k)
            {
                var top = a.AsSpan(k * width, width);
                var other = a.AsSpan(pivot * width, width);
                for (var c = 0; c < width; c++)
                {
                    (top[c], other[c]) = (other[c], top[c]);
                }
            }

            var pivotRow = a.AsSpan(k * width + k, width - k);
            var diagonal = pivotRow[0];
            for (var i = k + 1; i < q; i++)
            {
                var row = a.AsSpan(i * width + k, width - k);
                if (row[0] == 0)
                {
                    continue;
                }

                SubtractScaled(row, pivotRow, row[0] / diagonal);
            }
        }

        for (var k = q - 1; k >= 0; k--)
        {
            var row = a.AsSpan(k * width, width);
            for (var c = q; c < width; c++)
            {
                var sum = row[c];
                for (var j = k + 1; j < q; j++)
                {
                    sum -= row[j] * a[j * width + c];
                }

                row[c] = sum / row[k];
            }
        }
    }

    /// <summary>target −= factor × source, vectorized.</summary>
    private static void SubtractScaled(Span<double> target, ReadOnlySpan<double> source, double factor)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && target.Length >= Vector<double>.Count)
        {
            var t = MemoryMarshal.Cast<double, Vector<double>>(target);
            var s = MemoryMarshal.Cast<double, Vector<double>>(source);
            var f = new Vector<double>(factor);
            for (var v = 0; v < t.Length; v++)
            {
                t[v] -= f * s[v];
            }

            i = t.Length * Vector<double>.Count;
        }

        for (; i < target.Length; i++)
        {
            target[i] -= factor * source[i];
        }
    }

    /// <summary>A state: up to three label ids in order, −1 where the state holds fewer; the start is all −2.</summary>
    private readonly record struct StateKey(int First, int Second, int Third)
    {
        public static StateKey Start { get; } = new(-2, -2, -2);

        public bool Contains(int label) => First == label || Second == label || Third == label;
    }
}
