namespace Mercato.Core.Measurement;

/// <summary>
/// A distinct journey path and how many journeys followed it. A journey is a user's touchpoints before a conversion
/// within the lookback window (a conversion closes it; later touches start the next); the touches of users who did not
/// convert form non-converting journeys. The store aggregates journeys to these path counts; the models run on them.
/// </summary>
/// <param name="Touches">The labels of the touches in time order (channel names, or campaign codes), repeats included.</param>
/// <param name="Conversions">Journeys on this path that ended in a conversion.</param>
/// <param name="Revenue">Revenue of those conversions.</param>
/// <param name="NonConversions">Journeys on this path that did not convert (the Markov null state).</param>
public sealed record JourneyPath(IReadOnlyList<string> Touches, long Conversions, decimal Revenue, long NonConversions);

/// <summary>One touch of a converting journey with its age at the conversion, for time decay.</summary>
/// <param name="Label">Channel name or campaign code.</param>
/// <param name="AgeDays">Days from the touch to the conversion (0 or more).</param>
public readonly record struct TimedTouch(string Label, double AgeDays);

/// <summary>Converting journeys that share the same touches and ages (ages rounded by the store to the hour).</summary>
public sealed record TimedPath(IReadOnlyList<TimedTouch> Touches, long Conversions, decimal Revenue);

/// <summary>What one label (channel or campaign) is credited with by a model.</summary>
public sealed record Credit(string Label, double Conversions, double Revenue);

/// <summary>A model's credits; they sum to the totals (up to floating-point rounding, 1e-9 relative).</summary>
public sealed record AttributionResult(string Model, long TotalConversions, decimal TotalRevenue, IReadOnlyList<Credit> Credits);
