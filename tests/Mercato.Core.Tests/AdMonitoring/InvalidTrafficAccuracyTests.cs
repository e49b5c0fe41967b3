using System.Globalization;
using Mercato.Core.AdMonitoring;

namespace Mercato.Core.Tests.AdMonitoring;

/// <summary>
/// Precision and recall of every invalid-traffic rule on the synthetic logs of <see cref="ClickLogGenerator"/>: the
/// thresholds were chosen looking at the dev seed only; the held-out seed was run once they were fixed. Per rule,
/// precision = clicks the rule flagged that carry it in the truth ÷ clicks it flagged, recall = clicks it flagged that carry
/// it ÷ clicks that carry it; "any" compares flagged by any rule with fraudulent of any kind.
/// </summary>
public class InvalidTrafficAccuracyTests(ITestOutputHelper output)
{
    internal const int DevSeed = 14;

    internal const int HeldOutSeed = 20261205;

    /// <summary>The floor on every rule's precision and recall, and on "any".</summary>
    private const double Floor = 0.9;

    internal sealed record Score(string Rule, int Truth, int Flagged, int Hits)
    {
        public double Precision => Flagged == 0 ? 1 : (double)Hits / Flagged;

        public double Recall => Truth == 0 ? 1 : (double)Hits / Truth;
    }

    internal static List<Score> Measure(ClickLogGenerator.Log log)
    {
        var report = InvalidTraffic.Scan(log.Clicks, BotUserAgentsTests.Shipped.Value, delivery: log.Delivery);
        var scores = new List<Score>();
        foreach (var rule in InvalidTraffic.Rules.Select(r => r.Code))
        {
            var truth = log.Truth.Count(t => t.Value.Contains(rule));
            var flagged = report.Verdicts.Where(v => v.Rules.Contains(rule)).ToList();
            scores.Add(new Score(rule, truth, flagged.Count, flagged.Count(v => log.Truth[v.Click.ClickId].Contains(rule))));
        }

        var anyFlagged = report.Verdicts.Where(v => v.IsInvalid).ToList();
        scores.Add(new Score("any", log.Truth.Count(t => t.Value.Count > 0), anyFlagged.Count, anyFlagged.Count(v => log.Truth[v.Click.ClickId].Count > 0)));
        return scores;
    }

    private void Check(int seed, string name)
    {
        var log = ClickLogGenerator.Generate(seed);
        var scores = Measure(log);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} seed {seed}: {log.Clicks.Count} clicks, {log.Truth.Count(t => t.Value.Count > 0)} fraudulent"));
        output.WriteLine("rule                   truth  flagged  hits  precision  recall");
        foreach (var s in scores)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Rule,-22} {s.Truth,5} {s.Flagged,8} {s.Hits,5} {s.Precision,10:F3} {s.Recall,7:F3}"));
        }

        Assert.All(scores, s =>
        {
            Assert.True(s.Precision >= Floor, $"{name} {s.Rule}: precision {s.Precision:F3}");
            Assert.True(s.Recall >= Floor, $"{name} {s.Rule}: recall {s.Recall:F3}");
        });
    }

    [Fact]
    public void Rules_OnTheDevSeed_HavePrecisionAndRecallAtLeast90Percent() => Check(DevSeed, "dev");

    [Fact]
    public void Rules_OnTheHeldOutSeed_HavePrecisionAndRecallAtLeast90Percent() => Check(HeldOutSeed, "held-out");
}
