namespace Mercato.Core.Measurement.Funnels;

/// <summary>Why a funnel cannot be computed as asked (docs/measurement.md, Funnels).</summary>
public static class FunnelCodes
{
    /// <summary>
    /// A step (<c>value</c>) is not an event word optionally followed by <c>#n</c>, its occurrence number from 1 to
    /// <c>max</c>.
    /// </summary>
    public const string StepMalformed = "funnel_step_malformed";

    /// <summary>
    /// A step names an event (<c>value</c>) that no activity row holds; <c>events</c> lists the event words that exist
    /// (empty when the store holds no activity).
    /// </summary>
    public const string UnknownEvent = "funnel_unknown_event";
}
