using System.Globalization;
using Mercato.Core.Demo;

namespace Mercato.Core.Influencers;

/// <summary>
/// A deterministic generator of labelled followers (genuine accounts and bought ones) for tests and the demo. The two
/// populations overlap, so a scorer cannot be perfect (a held-out accuracy near 90%, not 100%). ln N(μ, σ) is a
/// log-normal draw (median e^μ); counts are rounded down.
/// <list type="table">
/// <listheader><term>field</term><description>genuine / bought</description></listheader>
/// <item><term>followers</term><description>ln N(5.7, 1.2) (median 300) / ln N(3.8, 1.3) (median 45)</description></item>
/// <item><term>following</term><description>ln N(5.85, 0.9) (median 350) / ln N(6.2, 1.0) (median 490)</description></item>
/// <item><term>posts</term><description>0 with 8%, else ln N(3.7, 1.3) (median 40) / 0 with 35%, else ln N(2.0, 1.1) (median 7)</description></item>
/// <item><term>profile picture</term><description>93% / 65%</description></item>
/// <item><term>private</term><description>35% / 25%</description></item>
/// <item><term>username</term><description>8–14 letters, digits at the end with 40% (1–4 of them) / 8–15 characters, digits with 55% (2–6 of them)</description></item>
/// <item><term>bio length</term><description>0 with 45%, else uniform 10–150 / 0 with 70%, else uniform 5–60</description></item>
/// <item><term>account age (days)</term><description>ln N(7.3, 0.8) (median 1,480) / ln N(6.0, 1.1) (median 400)</description></item>
/// </list>
/// </summary>
public static class FakeFollowerSimulator
{
    /// <summary>
    /// <paramref name="count"/> followers, each fake with probability <paramref name="fakeShare"/>, from
    /// <paramref name="seed"/> (the same seed gives the same rows); ids <c>sim-0</c>, <c>sim-1</c>, ….
    /// </summary>
    public static IReadOnlyList<LabelledFollower> Generate(int count, double fakeShare, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new DemoRandom(seed, 0xFA4E);
        var rows = new List<LabelledFollower>(count);
        for (var i = 0; i < count; i++)
        {
            var fake = random.Chance(fakeShare);
            var id = "sim-" + i.ToString(CultureInfo.InvariantCulture);
            rows.Add(new LabelledFollower(fake ? Bought(random, id) : Genuine(random, id), fake));
        }

        return rows;
    }

    private static FollowerProfile Genuine(DemoRandom r, string id) => new(
        id,
        LogNormal(r, 5.7, 1.2),
        LogNormal(r, 5.85, 0.9),
        r.Chance(0.08) ? 0 : LogNormal(r, 3.7, 1.3),
        r.Chance(0.93),
        r.Chance(0.35),
        Username(r, 8, 14, 0.40, 1, 4),
        r.Chance(0.45) ? 0 : 10 + r.Next(141),
        (int)Math.Min(LogNormal(r, 7.3, 0.8), 7000));

    private static FollowerProfile Bought(DemoRandom r, string id) => new(
        id,
        LogNormal(r, 3.8, 1.3),
        LogNormal(r, 6.2, 1.0),
        r.Chance(0.35) ? 0 : LogNormal(r, 2.0, 1.1),
        r.Chance(0.65),
        r.Chance(0.25),
        Username(r, 8, 15, 0.55, 2, 6),
        r.Chance(0.70) ? 0 : 5 + r.Next(56),
        (int)Math.Min(LogNormal(r, 6.0, 1.1), 7000));

    private static long LogNormal(DemoRandom r, double mu, double sigma) => (long)Math.Floor(Math.Exp(mu + (sigma * Normal(r))));

    /// <summary>A standard normal draw by Box–Muller.</summary>
    private static double Normal(DemoRandom r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    private static string Username(DemoRandom r, int minLength, int maxLength, double digitChance, int minDigits, int maxDigits)
    {
        var length = minLength + r.Next(maxLength - minLength + 1);
        var digits = r.Chance(digitChance) ? minDigits + r.Next(maxDigits - minDigits + 1) : 0;
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = i < length - digits ? (char)('a' + r.Next(26)) : (char)('0' + r.Next(10));
        }

        return new string(chars);
    }
}
