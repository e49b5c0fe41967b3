using Mercato.Core.DataCenter;

namespace Mercato.Core.Demo;

/// <summary>How much data the demo generates.</summary>
public enum DemoScale
{
    /// <summary>2,000 users (about 20 thousand touchpoints): for tests and a first look.</summary>
    Small,

    /// <summary>100,000 users (about 1 million touchpoints).</summary>
    Medium,

    /// <summary>1,200,000 users (more than 10 million touchpoints): for benchmarks and the scale-out stores.</summary>
    Large,
}

/// <summary>What to generate.</summary>
/// <param name="Seed">The seed; the same options always give the same facts in the same order and the same truth.</param>
/// <param name="Scale">How many users.</param>
/// <param name="LastMonth">The last month of data; twelve months are generated, <c>LastMonth − 11</c> to <c>LastMonth</c>.</param>
public sealed record DemoOptions(int Seed, DemoScale Scale, YearMonth LastMonth);

/// <summary>Receives every generated fact, of any kind and in any order.</summary>
public interface IDemoSink
{
    /// <summary>Takes one fact.</summary>
    void Add(IFact fact);
}

/// <summary>A channel of the demo company.</summary>
public sealed record DemoChannel(string Name, ChannelGroup Group, string Description);

/// <summary>
/// The demo company, Kangning Medical: a manufacturer of medical equipment that sells hospital equipment through a B2B
/// team and home-care devices (blood-pressure monitors, nebulizers, oximeters) direct to consumers through its online
/// store and app. Its year holds a product launch, two medical trade exhibitions, weekly live streams, influencer
/// campaigns, a health-topic content program, the 618 and Double 11 shopping festivals, and one public-opinion crisis
/// (a rumoured recall, in the eighth month of the window) during which conversions dip.
/// </summary>
/// <remarks>
/// <para>
/// The simulation, in full in docs/demo-company.md. Users arrive day by day over the twelve months (seasonality by month,
/// weekday and campaign). Each user has an acquisition journey; a customer (after a purchase) may start repeat journeys
/// in later months. A journey is a sequence of touchpoints within 30 days, each touch's channel and campaign drawn from
/// that day's mix (the same touch shares from which the day's media spend is billed). A journey ending in month m
/// converts with probability P = 1 − (1 − k_m·b) · Π over its touches t of (1 − k_m·p_c(t)), with b the base (organic)
/// probability (higher for repeat journeys), p_c the channel's true per-touch lift and k_m the month factor (below 1 in
/// the crisis). A conversion follows the last touch by a minute to three days.
/// </para>
/// <para>
/// The ground truth is analytic: a channel's incremental conversions are Σ over journeys of (P − P without the channel's
/// touches); its incremental revenue and gross profit weight each term by the journey's expected revenue (the mean of its
/// product mix) and expected gross profit (half of it); its true ROI is (incremental gross profit − spend − channel
/// costs) / (spend + channel costs). Money amounts scale with the number of users, so the economics are the same at
/// every scale.
/// </para>
/// </remarks>
public static class DemoCompany
{
    /// <summary>The demo company's name.</summary>
    public const string Name = "Kangning Medical";

    /// <summary>The demo company's channels, one or more in every group except <see cref="ChannelGroup.Unassigned"/>.</summary>
    public static IReadOnlyList<DemoChannel> Channels { get; } = BuildChannels();

    /// <summary>The number of users generated at a scale.</summary>
    public static int UserCount(DemoScale scale) => scale switch
    {
        DemoScale.Small => 2_000,
        DemoScale.Medium => 100_000,
        DemoScale.Large => 1_200_000,
        _ => throw new ArgumentOutOfRangeException(nameof(scale), scale, "Unknown demo scale."),
    };

    /// <summary>
    /// Generates the company's twelve months of facts, streaming each to <paramref name="sink"/> as it is made (memory
    /// stays flat at every scale), and returns the ground truth. Deterministic: the same options give the same facts in
    /// the same order and the same truth.
    /// </summary>
    public static DemoGroundTruth Generate(DemoOptions options, IDemoSink sink)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        return new DemoGenerator(options.Seed, options.Scale, UserCount(options.Scale), options.LastMonth, sink).Run();
    }

    private static DemoChannel[] BuildChannels()
    {
        var specs = DemoCatalog.Channels;
        var channels = new DemoChannel[specs.Count];
        for (var i = 0; i < specs.Count; i++)
        {
            channels[i] = new DemoChannel(specs[i].Name, specs[i].Group, specs[i].Description);
        }

        return channels;
    }
}
