namespace Mercato.Core.Measurement.Attribution;

/// <summary>The removal effect of one label in a Markov model.</summary>
/// <param name="Label">Channel name or campaign code.</param>
/// <param name="Conversions">1 − P(conversion | label removed) / P(conversion), between 0 and 1.</param>
/// <param name="Revenue">The same for the expected revenue per journey: 1 − E[revenue | label removed] / E[revenue].</param>
public sealed record RemovalEffect(string Label, double Conversions, double Revenue);

/// <summary>A Markov model's credits with the quantities they come from.</summary>
/// <param name="Attribution">The credits: conversions in proportion to the conversion removal effects, revenue in
/// proportion to the revenue removal effects, each normalized to its total.</param>
/// <param name="Order">The order k of the chain (1 to <see cref="MarkovChain.MaxOrder"/>).</param>
/// <param name="TransientStates">Transient states of the chain: the start state and one per observed state of touches.</param>
/// <param name="ConversionProbability">P(conversion) from the start state. Because the chain is estimated from whole
/// paths, it equals the observed conversions per journey (the empirical flow satisfies the chain's balance equations).</param>
/// <param name="RevenuePerJourney">Expected revenue per journey from the start state (observed revenue per journey, too).</param>
/// <param name="RemovalEffects">Every label's removal effects, sorted by label (ordinal).</param>
public sealed record MarkovResult(
    AttributionResult Attribution,
    int Order,
    int TransientStates,
    double ConversionProbability,
    double RevenuePerJourney,
    IReadOnlyList<RemovalEffect> RemovalEffects);

/// <summary>
/// Markov-chain attribution by removal effects (Anderl, Becker, von Wangenheim and Schumann, "Mapping the customer
/// journey: Lessons learned from graph-based online attribution modeling", International Journal of Research in
/// Marketing, 2016), with the state convention of the R package ChannelAttribution (Altomare and Loris), and the
/// absorbing chain solved exactly as a linear system instead of by simulation.
/// <para>
/// <b>States.</b> For order k, the transient states are a start state and one state per observed run of touches: a path
/// of n ≥ k touches t1 … tn visits the sliding windows (t1 … tk), (t2 … tk+1), …, (tn−k+1 … tn); a path shorter than k
/// (n &lt; k) visits a single state holding all its n touches, which is distinct from every k-touch window. There is no
/// padding with the start: this is what ChannelAttribution's markov_model does (it cuts each path into windows of k
/// touches and keeps a shorter path whole). For k = 1 the states are simply the labels. Two absorbing states follow the
/// last window: conversion and null.
/// </para>
/// <para>
/// <b>Transitions.</b> Every path contributes its journeys, w = conversions + non-conversions, to each transition it
/// makes: start → first state, each window → the next, and from its last state Conversions to conversion and
/// NonConversions to null. Transition probabilities are the counts divided by the state's outgoing total. Repeats of a
/// label in a row are kept, so a path a, a, b has the self-transition a → a. Recent versions of ChannelAttribution drop
/// such self-transitions (a repeated state); the two give identical absorption probabilities, because a self-loop with
/// probability q only rescales a state's other transitions by 1/(1 − q), and the counts of those other transitions are
/// the same.
/// </para>
/// <para>
/// <b>Solve.</b> With Q the transitions among transient states and r the one-step probabilities of conversion, the
/// probability of conversion from every state is the solution of (I − Q) x = r, and P(conversion) = x(start). The same
/// system with r(s) = (revenue of the journeys that end in s) / (journeys leaving s) gives the expected revenue per
/// journey. It is solved over the states reachable from the start (only observed states are ever built), one strongly
/// connected component at a time in reverse topological order (Tarjan), so each component sees its successors solved.
/// A component of up to 256 states (every component at order 1, and at order 2 with up to 15 labels) is solved by dense
/// Gaussian elimination with partial pivoting. A larger one (orders 2 and 3 with rich data, where nearly every k-gram is
/// observed and linked) would cost q³/3 operations that way, so it is first bracketed between two Gauss–Seidel
/// sequences, one rising from 0 and one falling from a supersolution; for the M-matrix I − Q the exact solution always
/// lies between them, and sweeping stops when they agree to 1e-13 of the component's largest value (a certified bound,
/// not an estimate); elimination takes over if they do not within the same operation count.
/// </para>
/// <para>
/// <b>Removal.</b> Removing label c sends every transition into any state that contains c to null. Its removal effect is
/// RE(c) = 1 − P(conversion | c removed) / P(conversion) (0 when nothing converts; rounding noise below 0 is clamped).
/// Conversions are credited as total × RE(c) / Σ RE, so the credits sum to the total conversions; revenue likewise with
/// the revenue removal effects (ChannelAttribution's conversion-value convention: the value of a conversion depends on
/// the state it converts from).
/// </para>
/// <para>
/// It rewards the channels whose absence would cost the most conversions, using the journeys that did not convert as
/// well as those that did. Distrust it with little data or many rare paths (orders 2 and 3 multiply the states and
/// overfit), when removal effects of channels that appear together are large and overlapping, and remember it measures
/// association along observed journeys, not the causal lift an experiment would show.
/// </para>
/// </summary>
public static class MarkovChain
{
    /// <summary>The model's name on the command line and in reports.</summary>
    public const string Name = "markov";

    /// <summary>The highest order offered.</summary>
    public const int MaxOrder = 3;

    /// <summary>Credits conversions and revenue by removal effects of an order-k chain.</summary>
    /// <param name="paths">The journey paths, converting and not.</param>
    /// <param name="order">The order k, 1 to <see cref="MaxOrder"/>.</param>
    public static AttributionResult Attribute(IReadOnlyList<JourneyPath> paths, int order = 1) => Solve(paths, order).Attribution;

    /// <summary>Solves the order-k chain and its removal effects exactly, and credits by them.</summary>
    /// <param name="paths">The journey paths, converting and not.</param>
    /// <param name="order">The order k, 1 to <see cref="MaxOrder"/>.</param>
    public static MarkovResult Solve(IReadOnlyList<JourneyPath> paths, int order = 1) =>
        Solve(paths, order, AbsorbingChain.DefaultDenseLimit);

    /// <summary><see cref="Solve(IReadOnlyList{JourneyPath}, int)"/> with the size above which components are swept.</summary>
    internal static MarkovResult Solve(IReadOnlyList<JourneyPath> paths, int order, int denseLimit)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, MaxOrder);

        var ledger = new CreditLedger();
        var chain = AbsorbingChain.Build(paths, order, ledger);
        var (probability, revenue) = chain.Absorb(removedLabel: -1, denseLimit);

        var conversionEffects = new double[ledger.Count];
        var revenueEffects = new double[ledger.Count];
        for (var label = 0; label < ledger.Count; label++)
        {
            var (p, v) = chain.Absorb(label, denseLimit);
            conversionEffects[label] = probability > 0 ? Math.Max(0, 1 - p / probability) : 0;
            revenueEffects[label] = revenue > 0 ? Math.Max(0, 1 - v / revenue) : 0;
        }

        var conversionSum = conversionEffects.Sum();
        var revenueSum = revenueEffects.Sum();
        double totalConversions = ledger.TotalConversions;
        var totalRevenue = (double)ledger.TotalRevenue;
        var effects = new List<RemovalEffect>(ledger.Count);
        foreach (var label in ledger.SortedIds())
        {
            ledger.Add(
                label,
                conversionSum > 0 ? totalConversions * conversionEffects[label] / conversionSum : 0,
                revenueSum > 0 ? totalRevenue * revenueEffects[label] / revenueSum : 0);
            effects.Add(new RemovalEffect(ledger.Label(label), conversionEffects[label], revenueEffects[label]));
        }

        return new MarkovResult(ledger.ToResult(Name), order, chain.States, probability, revenue, effects);
    }
}
