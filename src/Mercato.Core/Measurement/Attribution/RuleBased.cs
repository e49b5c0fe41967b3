namespace Mercato.Core.Measurement.Attribution;

/// <summary>How a rule-based model shares one journey among its touches: <paramref name="shares"/>[t] receives touch t's
/// share (the shares sum to 1); it arrives cleared.</summary>
internal delegate void ShareRule(IReadOnlyList<string> touches, Span<double> shares);

/// <summary>
/// The common walk of the rule-based models: each converting path's conversions and revenue are split over its touches
/// by the model's shares, the same shares for both, so each path's credits sum to its conversions and revenue.
/// </summary>
internal static class RuleBased
{
    public static AttributionResult Attribute(string model, IReadOnlyList<JourneyPath> paths, ShareRule rule)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var ledger = new CreditLedger();
        var buffer = new double[16];
        for (var i = 0; i < paths.Count; i++)
        {
            var path = paths[i];
            ledger.Register(path, i);
            if (path.Conversions == 0)
            {
                continue;
            }

            var touches = path.Touches;
            if (buffer.Length < touches.Count)
            {
                buffer = new double[touches.Count * 2];
            }

            var shares = buffer.AsSpan(0, touches.Count);
            shares.Clear();
            rule(touches, shares);
            double conversions = path.Conversions;
            var revenue = (double)path.Revenue;
            for (var t = 0; t < shares.Length; t++)
            {
                if (shares[t] != 0)
                {
                    ledger.Add(ledger.Id(touches[t]), conversions * shares[t], revenue * shares[t]);
                }
            }
        }

        return ledger.ToResult(model);
    }
}

/// <summary>
/// First touch: each journey's conversions and revenue go wholly to its first touch (the classic rule-based model, as in
/// Google Analytics and the R package ChannelAttribution's heuristic models).
/// <para>
/// It rewards the channels that open journeys: awareness and discovery. Distrust it when journeys are long, or when the
/// lookback window cuts off their true beginning, because it ignores everything after the first touch.
/// </para>
/// </summary>
public static class FirstTouch
{
    /// <summary>The model's name on the command line and in reports.</summary>
    public const string Name = "first";

    /// <summary>Credits each path's conversions and revenue to its first touch.</summary>
    public static AttributionResult Attribute(IReadOnlyList<JourneyPath> paths) =>
        RuleBased.Attribute(Name, paths, static (_, shares) => shares[0] = 1);
}

/// <summary>
/// Last touch: each journey's conversions and revenue go wholly to its last touch before the conversion (the classic
/// rule-based model, as in Google Analytics and the R package ChannelAttribution's heuristic models).
/// <para>
/// It rewards the channels that close sales. Distrust it for awareness channels, which it starves, and when a habitual
/// last step (a direct visit, a brand search) only harvests demand that other channels created.
/// </para>
/// </summary>
public static class LastTouch
{
    /// <summary>The model's name on the command line and in reports.</summary>
    public const string Name = "last";

    /// <summary>Credits each path's conversions and revenue to its last touch.</summary>
    public static AttributionResult Attribute(IReadOnlyList<JourneyPath> paths) =>
        RuleBased.Attribute(Name, paths, static (_, shares) => shares[^1] = 1);
}

/// <summary>
/// Last non-direct touch: each journey's conversions and revenue go wholly to its last touch whose label is not a
/// "direct" label (by default the single label <c>direct</c>; labels are matched ignoring case, ordinal); a journey made
/// only of direct touches goes to its last touch. This is Google Analytics' default "last non-direct click" rule.
/// <para>
/// It rewards the last channel that actively brought the buyer back, on the view that a direct visit only completes what
/// another channel started. Distrust it as you would last touch, and when direct visits are themselves the effect of
/// owned channels (email, the app, word of mouth) that it then never sees.
/// </para>
/// </summary>
public static class LastNonDirectTouch
{
    /// <summary>The model's name on the command line and in reports.</summary>
    public const string Name = "last-non-direct";

    /// <summary>The labels treated as direct when none are given: <c>direct</c>.</summary>
    public static IReadOnlySet<string> DefaultDirectLabels { get; } =
        new HashSet<string>(["direct"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Credits each path's conversions and revenue to its last non-direct touch.</summary>
    /// <param name="paths">The journey paths.</param>
    /// <param name="directLabels">Labels counted as direct, matched ignoring case; null for <see cref="DefaultDirectLabels"/>.</param>
    public static AttributionResult Attribute(IReadOnlyList<JourneyPath> paths, IReadOnlySet<string>? directLabels = null)
    {
        var direct = directLabels is null
            ? DefaultDirectLabels
            : new HashSet<string>(directLabels, StringComparer.OrdinalIgnoreCase);
        return RuleBased.Attribute(Name, paths, (touches, shares) =>
        {
            var last = touches.Count - 1;
            for (var t = touches.Count - 1; t >= 0; t--)
            {
                if (!direct.Contains(touches[t]))
                {
                    last = t;
                    break;
                }
            }

            shares[last] = 1;
        });
    }
}

/// <summary>
/// Linear: each journey's conversions and revenue are split equally over its touches, repeats included, so touch t of an
/// n-touch journey gets 1/n (a journey a, b, a gives a 2/3 and b 1/3). The classic rule-based model, as in Google
/// Analytics and the R package ChannelAttribution's heuristic models.
/// <para>
/// It rewards channels in proportion to how often they touch converting journeys. Distrust it when some touches are
/// cheap and frequent (retargeting, email), because it credits frequency rather than influence, and because it never
/// looks at the journeys that did not convert.
/// </para>
/// </summary>
public static class LinearTouch
{
    /// <summary>The model's name on the command line and in reports.</summary>
    public const string Name = "linear";

    /// <summary>Credits each path's conversions and revenue equally to its touches.</summary>
    public static AttributionResult Attribute(IReadOnlyList<JourneyPath> paths) =>
        RuleBased.Attribute(Name, paths, static (_, shares) => shares.Fill(1.0 / shares.Length));
}

/// <summary>
/// Position-based ("U-shaped", as in Google Analytics): of each journey's conversions and revenue, 40% go to the first
/// touch, 40% to the last, and 20% are spread evenly over the touches between (each of the n − 2 middle touches gets
/// 0.2 / (n − 2)); a one-touch journey gives its touch everything and a two-touch journey splits 50/50. Positions are
/// touches, so a label that is both first and last gets 80%.
/// <para>
/// It rewards the channels that open and close journeys. Distrust it because the 40/20/40 split is a convention, not
/// evidence, and middle touches that do real work (comparison, reviews, nurturing email) are undervalued.
/// </para>
/// </summary>
public static class PositionBased
{
    /// <summary>The model's name on the command line and in reports.</summary>
    public const string Name = "position";

    /// <summary>Share of the first touch, and of the last, in journeys of three touches or more.</summary>
    public const double EndShare = 0.4;

    /// <summary>Credits each path's conversions and revenue 40% first, 40% last, 20% over the middle.</summary>
    public static AttributionResult Attribute(IReadOnlyList<JourneyPath> paths) =>
        RuleBased.Attribute(Name, paths, static (_, shares) =>
        {
            var n = shares.Length;
            if (n == 1)
            {
                shares[0] = 1;
            }
            else if (n == 2)
            {
                shares[0] = 0.5;
                shares[1] = 0.5;
            }
            else
            {
                shares[1..^1].Fill((1 - 2 * EndShare) / (n - 2));
                shares[0] = EndShare;
                shares[^1] = EndShare;
            }
        });
}
