using Mercato.Core.Measurement.Funnels;

namespace Mercato.Core.Tests.Measurement.Funnels;

/// <summary>
/// <see cref="FunnelWalk"/> against an independent brute force on random users (seeded): every assignment of the user's
/// events to the steps is tried, and a step's instant is the least over the assignments that reach it (strict: the
/// instant of its own event, each step's event at or after the previous one's; loose: the latest event of steps 1..k, each
/// at or after the entry). Times fall on a coarse grid so that ties and window edges are frequent.
/// </summary>
public sealed class FunnelOracleTests
{
    private const long Unit = 6 * 3_600_000L;
    private static readonly long T0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly string[] Words = ["a", "b", "c", "z"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Walk_EqualsTheBruteForce_OnRandomUsersAndFunnels(int seed)
    {
        var random = new Random(seed);
        var periodStart = T0 + (2 * Unit);
        var periodEnd = T0 + (14 * Unit);
        var compared = 0;
        for (var f = 0; f < 150; f++)
        {
            var steps = Enumerable.Range(0, random.Next(2, 5))
                .Select(_ => new FunnelStep(Words[random.Next(3)], random.Next(10) < 7 ? 1 : random.Next(2, 4)))
                .ToList();
            var funnel = new FunnelDefinition(steps, random.Next(2) == 0 ? FunnelOrder.Strict : FunnelOrder.Loose, random.Next(1, 3));
            var tally = new FunnelTally(funnel);
            var oracleUsers = new long[steps.Count];
            var oracleGaps = Enumerable.Range(0, steps.Count).Select(_ => new List<long>()).ToArray();
            for (var u = 0; u < 40; u++)
            {
                var events = Enumerable.Range(0, random.Next(0, 9))
                    .Select(_ => new FunnelEvent(Words[random.Next(Words.Length)], T0 + (random.Next(0, 24) * Unit)))
                    .ToArray();
                var walked = FunnelWalk.Walk(funnel, events, periodStart, periodEnd);
                var oracle = Oracle(funnel, events, periodStart, periodEnd);
                Assert.Equal(oracle, walked?.Reached.ToArray());
                if (walked is not null)
                {
                    tally.Add(walked);
                    compared++;
                }

                for (var k = 0; k < (oracle?.Length ?? 0); k++)
                {
                    oracleUsers[k]++;
                    if (k > 0)
                    {
                        oracleGaps[k].Add(oracle![k] - oracle[k - 1]);
                    }
                }
            }

            var figures = tally.Total();
            Assert.Equal(oracleUsers, figures.Steps.Select(s => s.Users));
            for (var k = 1; k < steps.Count; k++)
            {
                Assert.Equal(Median(oracleGaps[k]) / 1000.0, figures.Steps[k].MedianSecondsFromPrevious);
                Assert.Equal(oracleUsers[k - 1] - oracleUsers[k], figures.Steps[k].DropOff);
            }
        }

        Assert.True(compared > 500, "too few users entered: " + compared);
    }

    /// <summary>The textbook median (the mean of the two middle values for an even count); null for none.</summary>
    private static double? Median(List<long> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    /// <summary>The completion instants of the steps reached, by trying every assignment; null without an entry.</summary>
    private static long[]? Oracle(FunnelDefinition funnel, FunnelEvent[] events, long periodStart, long periodEnd)
    {
        // The rows read, in time order (ties by input order); each numbered among the rows of its word.
        var rows = events.Select((e, i) => (e.Event, e.Time, Input: i)).Where(r => r.Time >= periodStart)
            .OrderBy(r => r.Time).ThenBy(r => r.Input).ToList();
        var number = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            number[i] = 1 + rows.Take(i).Count(r => r.Event == rows[i].Event);
        }

        var first = funnel.Steps[0];
        var entryRow = Enumerable.Range(0, rows.Count).Where(i => rows[i].Event == first.Event && number[i] == first.Occurrence).ToList();
        if (entryRow.Count == 0 || rows[entryRow[0]].Time >= periodEnd)
        {
            return null;
        }

        var entry = rows[entryRow[0]].Time;
        var deadline = entry + (funnel.WithinDays * 86_400_000L);
        var best = new long?[funnel.Steps.Count];
        best[0] = entry;
        var chosen = new List<int> { entryRow[0] };

        void Extend()
        {
            var k = chosen.Count;
            if (k == funnel.Steps.Count)
            {
                return;
            }

            var step = funnel.Steps[k];
            for (var i = 0; i < rows.Count; i++)
            {
                var after = funnel.Order == FunnelOrder.Strict ? rows[chosen[^1]].Time : entry;
                if (chosen.Contains(i) || rows[i].Event != step.Event || number[i] < step.Occurrence || rows[i].Time < after || rows[i].Time >= deadline)
                {
                    continue;
                }

                chosen.Add(i);
                var completed = funnel.Order == FunnelOrder.Strict ? rows[i].Time : chosen.Max(c => rows[c].Time);
                best[k] = best[k] is { } b ? Math.Min(b, completed) : completed;
                Extend();
                chosen.RemoveAt(chosen.Count - 1);
            }
        }

        Extend();
        return [.. best.TakeWhile(b => b is not null).Select(b => b!.Value)];
    }
}
