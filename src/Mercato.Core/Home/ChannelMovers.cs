namespace Mercato.Core.Home;

/// <summary>One channel's figures in one month, as the ROI report gives them.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Spend">Its media spend.</param>
/// <param name="Cost">Spend + allocated costs (ROI's denominator).</param>
/// <param name="Roi">Net return ÷ cost; null when the cost is 0.</param>
public sealed record ChannelMonth(string Channel, decimal Spend, decimal Cost, double? Roi);

/// <summary>How one channel moved from the month before to this month.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="SpendBefore">Its spend the month before (0 when it had no row).</param>
/// <param name="Spend">Its spend this month (0 when it has no row).</param>
/// <param name="RoiBefore">Its ROI the month before, or null.</param>
/// <param name="Roi">Its ROI this month, or null.</param>
public sealed record ChannelMove(string Channel, decimal SpendBefore, decimal Spend, double? RoiBefore, double? Roi)
{
    /// <summary>Spend this month − spend the month before.</summary>
    public decimal SpendChange => Spend - SpendBefore;

    /// <summary>ROI this month − ROI the month before (0.05 is 5 percentage points); null unless both exist.</summary>
    public double? RoiChange => Roi is { } now && RoiBefore is { } before ? now - before : null;
}

/// <summary>
/// The channels that moved most between two months (docs/home.md, Top movers), in two rankings:
/// <list type="bullet">
/// <item>by spend: the largest |spend this month − spend the month before| (a channel missing from a month spent 0 in
/// it), channels that did not move left out;</item>
/// <item>by ROI: the largest |ROI this month − ROI the month before|, among the channels that have an ROI in both months and
/// whose cost (spend + allocated costs) is at least <see cref="MaterialShare"/> of all channels' cost in each month, so
/// that a channel that cost next to nothing cannot top the list with a wild ratio; channels that did not move left out.</item>
/// </list>
/// Each ranking keeps the first <see cref="Count"/>; ties go to the channel first in ordinal name order.
/// </summary>
public static class ChannelMovers
{
    /// <summary>How many channels each ranking keeps.</summary>
    public const int Count = 5;

    /// <summary>The share of a month's total cost a channel needs, in both months, to be ranked by ROI.</summary>
    public const decimal MaterialShare = 0.01m;

    /// <summary>The channels whose spend moved most, largest move first.</summary>
    public static IReadOnlyList<ChannelMove> BySpend(IReadOnlyCollection<ChannelMonth> before, IReadOnlyCollection<ChannelMonth> now, int count = Count) =>
    [
        .. Moves(before, now).Where(m => m.SpendChange != 0)
            .OrderByDescending(m => Math.Abs(m.SpendChange)).ThenBy(m => m.Channel, StringComparer.Ordinal).Take(count),
    ];

    /// <summary>The material channels whose ROI moved most, largest move first.</summary>
    public static IReadOnlyList<ChannelMove> ByRoi(IReadOnlyCollection<ChannelMonth> before, IReadOnlyCollection<ChannelMonth> now, int count = Count)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(now);
        var material = Material(before).ToHashSet(StringComparer.Ordinal);
        material.IntersectWith(Material(now));
        return
        [
            .. Moves(before, now).Where(m => material.Contains(m.Channel) && m.RoiChange is { } c && c != 0)
                .OrderByDescending(m => Math.Abs(m.RoiChange!.Value)).ThenBy(m => m.Channel, StringComparer.Ordinal).Take(count),
        ];
    }

    /// <summary>Every channel of either month with its figures in both, by name.</summary>
    public static IReadOnlyList<ChannelMove> Moves(IReadOnlyCollection<ChannelMonth> before, IReadOnlyCollection<ChannelMonth> now)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(now);
        var was = before.ToDictionary(c => c.Channel, StringComparer.Ordinal);
        var @is = now.ToDictionary(c => c.Channel, StringComparer.Ordinal);
        return
        [
            .. was.Keys.Union(@is.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(channel =>
            {
                var b = was.GetValueOrDefault(channel);
                var n = @is.GetValueOrDefault(channel);
                return new ChannelMove(channel, b?.Spend ?? 0, n?.Spend ?? 0, b?.Roi, n?.Roi);
            }),
        ];
    }

    private static IEnumerable<string> Material(IReadOnlyCollection<ChannelMonth> month)
    {
        var total = month.Sum(c => c.Cost);
        return total <= 0 ? [] : month.Where(c => c.Cost >= total * MaterialShare).Select(c => c.Channel);
    }
}
