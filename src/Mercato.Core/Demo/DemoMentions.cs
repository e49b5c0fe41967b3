using Mercato.Core.DataCenter;
using Mercato.Core.Listening;

namespace Mercato.Core.Demo;

/// <summary>
/// The demo company's year of mentions (docs/demo-company.md, Mentions): Kangning Medical and three competitors in Chinese
/// and English across sources, with the nebulizer recall rumour of the crisis month as a spike. Deterministic and drawn from
/// its own random stream, so every other demo fact and figure is the same with or without it.
/// </summary>
/// <remarks>
/// Each brand's mentions arrive day by day as Poisson counts around its share of the scale's baseline volume, weighted for
/// the company by the day's marketing intensity (its arrival weight, to the power 1.5: launches, festivals, exhibitions and
/// live days up) and for the competitors by weekday and the shopping festivals; each mention's second follows China's
/// hour-of-day curve. The rumour adds, per hour h from its start, a Poisson count of mean
/// F · λ̄ · r(h) · √(w(hour) / w̄), with λ̄ the year's mean hourly volume, F = <see cref="PeakFactor"/>, w the hour-of-day
/// weight and r rising as (1 − e^(−h/5)) · (0.6 + 0.4 h/27) to 1 at 27 h, then decaying as e^(−(h − 27)/45).
/// </remarks>
public static class DemoMentions
{
    /// <summary>The zone of the per-day counts of the truth.</summary>
    public const string DayZone = "Asia/Shanghai";

    /// <summary>The rumour's expected volume in its peak hour, over the year's mean hourly volume of all mentions (before the hour-of-day weight).</summary>
    public const double PeakFactor = 10.0;

    /// <summary>Hours from the rumour's start to its peak, before the hour-of-day weight.</summary>
    internal const int PeakHours = 27;

    /// <summary>Hours from the rumour's start to the company's response.</summary>
    internal const int ResponseHours = 40;

    /// <summary>The decay time constant after the peak, in hours.</summary>
    internal const double DecayHours = 45;

    /// <summary>The rumour starts on the first day of the crisis month at 18:00 in China (10:00 UTC).</summary>
    internal const int StartUtcHour = 10;

    /// <summary>The demo random stream of the mentions (1 to 8 are the other kinds').</summary>
    internal const ulong Stream = 9;

    private const int ZoneOffsetSeconds = 8 * 3600;

    internal static DemoBrandSpec[] Brands { get; } =
    [
        new("Kangning", ["康宁", "康宁医疗"], "Kangning", 0.40,
        [
            new(DemoDevice.BpMonitor, "血压计", "BP monitor", "X3", 599, 0.25),
            new(DemoDevice.BpMonitor, "血压计", "blood pressure monitor", "S1", 299, 0.10),
            new(DemoDevice.Nebulizer, "雾化器", "nebulizer", "N2", 399, 0.25),
            new(DemoDevice.Oximeter, "血氧仪", "oximeter", "O1", 199, 0.22),
            new(DemoDevice.Ecg, "心电仪", "home ECG", "E1", 1299, 0.08),
            new(DemoDevice.Ring, "血氧指环", "oximeter ring", "R1", 899, 0.10),
        ]),
        new("Yuwell", ["鱼跃", "鱼跃医疗"], "Yuwell", 0.27,
        [
            new(DemoDevice.BpMonitor, "血压计", "BP monitor", "", 269, 0.35),
            new(DemoDevice.Nebulizer, "雾化器", "nebulizer", "", 359, 0.25),
            new(DemoDevice.Oximeter, "血氧仪", "oximeter", "", 169, 0.40),
        ]),
        new("Omron", ["欧姆龙"], "Omron", 0.22,
        [
            new(DemoDevice.BpMonitor, "血压计", "blood pressure monitor", "", 459, 0.70),
            new(DemoDevice.Nebulizer, "雾化器", "nebulizer", "", 499, 0.30),
        ]),
        new("Cofoe", ["可孚", "可孚医疗"], "Cofoe", 0.11,
        [
            new(DemoDevice.BpMonitor, "血压计", "BP monitor", "", 199, 0.40),
            new(DemoDevice.Oximeter, "血氧仪", "oximeter", "", 129, 0.30),
            new(DemoDevice.Nebulizer, "雾化器", "nebulizer", "", 259, 0.30),
        ]),
    ];

    /// <summary>
    /// The demo's watch list: the brand Kangning (康宁, 康宁医疗), its products (雾化器 nebulizer, 血压计 blood pressure
    /// monitor, 血氧仪 oximeter, 心电仪 home ECG, 血氧指环 oximeter ring), the competitors Yuwell (鱼跃), Omron (欧姆龙) and
    /// Cofoe (可孚), and <see cref="WatchList.DefaultRiskTerms"/>.
    /// </summary>
    public static WatchList WatchList { get; } = new(
    [
        new("Kangning", WatchKind.Brand, ["康宁", "康宁医疗"]),
        new("雾化器", WatchKind.Product, ["nebulizer", "nebuliser"]),
        new("血压计", WatchKind.Product, ["blood pressure monitor", "BP monitor"]),
        new("血氧仪", WatchKind.Product, ["oximeter"]),
        new("心电仪", WatchKind.Product, ["home ECG", "ECG"]),
        new("血氧指环", WatchKind.Product, ["oximeter ring"]),
        new("Yuwell", WatchKind.Competitor, ["鱼跃", "鱼跃医疗"]),
        new("Omron", WatchKind.Competitor, ["欧姆龙"]),
        new("Cofoe", WatchKind.Competitor, ["可孚", "可孚医疗"]),
        .. WatchList.DefaultRiskTerms,
    ]);

    /// <summary>The ordinary (non-rumour) mentions of a year, all brands: about 2,300 at Small, 18,500 at Medium, 74,000 at Large.</summary>
    public static int BaselineCount(DemoScale scale) => scale switch
    {
        DemoScale.Small => 2_300,
        DemoScale.Medium => 18_500,
        DemoScale.Large => 74_000,
        _ => throw new ArgumentOutOfRangeException(nameof(scale), scale, "Unknown demo scale."),
    };

    /// <summary>
    /// Generates the window's mentions in time order, <c>dm-000001</c> first, streaming each to <paramref name="sink"/>,
    /// and returns their truth. Each fact is annotated with <paramref name="annotator"/> (about half the rows carry their
    /// language, the rest are left to detection, as exports do); without one, as the mentions kind does: the language as
    /// given, not scored, no terms.
    /// </summary>
    public static DemoListeningTruth Generate(DemoOptions options, IMentionAnnotator? annotator, IDemoSink sink)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        return new DemoMentionGenerator(options, annotator, sink).Run();
    }

    /// <summary>The rumour's shape r(h), 0 to 1, h hours after its start (before the hour-of-day weight).</summary>
    internal static double Shape(double h) =>
        h < 0 ? 0
        : h <= PeakHours ? (1 - Math.Exp(-h / 5.0)) * (0.6 + (0.4 * h / PeakHours)) / (1 - Math.Exp(-PeakHours / 5.0))
        : Math.Exp(-(h - PeakHours) / DecayHours);

    internal static long ZoneDay(long unixSeconds) => Math.DivRem(unixSeconds + ZoneOffsetSeconds, DemoCalendar.SecondsPerDay, out _);
}
