using System.Globalization;
using Mercato.Core.Measurement;
using Mercato.Storage.ClickHouse.Tests.Support;

namespace Mercato.Storage.ClickHouse.Tests;

/// <summary>
/// Flagged clicks left out of journeys (<see cref="JourneyQuery.Exclude"/>) in ClickHouse as in the embedded store: the
/// same paths and the same count of records left out, on one node and on the cluster.
/// </summary>
[Collection("clickhouse")]
public sealed class ClickHouseExclusionParityTests(DemoInBoth loaded) : IClassFixture<DemoInBoth>
{
    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task ExcludedTouches_LeaveTheSamePathsAndTheSameCount(Layout layout)
    {
        var both = await loaded.GetAsync(layout);
        // Every clicked touch of one week of the demo, as the invalid-traffic rules would flag them, with the channel's
        // name in another case (the stores match names ignoring case), plus a touch on a channel the catalog lacks.
        var week = new List<(string User, string Channel, DateTimeOffset Time)>();
        await foreach (var click in both.Sqlite.Clicks.ClicksAsync(new DateTimeOffset(2025, 1, 6, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 13, 0, 0, 0, TimeSpan.Zero), null, default))
        {
            if (click.UserId is { } user)
            {
                week.Add((user, click.Channel.ToUpperInvariant(), click.Timestamp));
            }
        }

        week.Add(("nobody", "no such channel", new DateTimeOffset(2025, 1, 7, 0, 0, 0, TimeSpan.Zero)));
        var query = new JourneyQuery(Exclude: new TouchExclusion(week));
        Assert.True(query.Exclude!.Count > 10, "the demo has clicks that week");

        var expected = await both.Sqlite.Journeys.PathsAsync(query, true, default);
        var actual = await both.ClickHouse.Facts.Journeys.PathsAsync(query, true, default);

        Assert.True(expected.TouchesLeftOut > 0, "some flagged clicks are touchpoints");
        Assert.Equal(expected.TouchesLeftOut, actual.TouchesLeftOut);
        Assert.Equal(Lines(expected), Lines(actual));
        Assert.NotEqual(Lines(await both.Sqlite.Journeys.PathsAsync(new JourneyQuery(), true, default)), Lines(expected));
        foreach (var timed in new[] { false, true })
        {
            Assert.Equal(Lines(await both.Sqlite.Journeys.TimedPathsAsync(query, timed, default)), Lines(await both.ClickHouse.Facts.Journeys.TimedPathsAsync(query, timed, default)));
        }
    }

    private static List<string> Lines(IReadOnlyList<TimedPath> paths) =>
    [
        .. paths.Select(p => string.Join(" > ", p.Touches.Select(t => t.Label + "@" + t.AgeDays.ToString("R", CultureInfo.InvariantCulture)))
            + string.Create(CultureInfo.InvariantCulture, $" | {p.Conversions} | {p.Revenue:0.0000}")).Order(StringComparer.Ordinal),
    ];

    private static List<string> Lines(JourneyPaths paths) =>
    [
        .. paths.Paths.Select((p, i) => string.Join(" > ", p.Touches)
            + string.Create(CultureInfo.InvariantCulture, $" | {p.Conversions} | {p.Revenue:0.0000} | {paths.ProductCosts[i]:0.0000} | {p.NonConversions}")).Order(StringComparer.Ordinal),
        string.Create(CultureInfo.InvariantCulture, $"bare {paths.ConversionsWithoutTouches} {paths.RevenueWithoutTouches:0.0000}"),
    ];
}
