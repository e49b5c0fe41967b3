using System.Globalization;
using Mercato.Core.DataCenter;
using Mercato.Core.Influencers;

namespace Mercato.Core.Demo;

/// <summary>What the influencer facts hold, per influencer in directory order.</summary>
/// <param name="Followers">Followers on the window's last day.</param>
/// <param name="Posts">Posts published in the window.</param>
/// <param name="EngagementRate">Mean over its posts of (likes + comments + shares) / followers that day.</param>
/// <param name="SampledFake">Fake accounts among the sampled followers.</param>
internal sealed record DemoInfluencerAudit(long Followers, long Posts, double EngagementRate, int SampledFake);

/// <summary>The influencer facts' story: the bought-follower jump, the viral post, the sample day, and the per-influencer figures.</summary>
internal sealed record DemoInfluencerFactsResult(
    IReadOnlyList<DemoInfluencerAudit> Audits, IReadOnlyList<DateOnly> JumpDays, string ViralPost, DateOnly ViralDay, DateOnly SampledAt, long Facts);

/// <summary>
/// Draws the influencer facts of the demo from their own random stream (<see cref="Stream"/>): a snapshot per influencer
/// and day, its posts, and one follower sample per influencer near the window's end. See docs/demo-company.md,
/// "Influencers".
/// </summary>
internal static class DemoInfluencerFacts
{
    /// <summary>The demo random stream of the influencer facts (1 to 11 are taken).</summary>
    public const ulong Stream = 12;

    /// <summary>Followers bought by <see cref="DemoInfluencerPlan.BoughtIndex"/> in two days with no post.</summary>
    public const long JumpFollowers = 300_000;

    /// <summary>The jump's first day is this many days before the launch's KOL slot opens.</summary>
    public const int JumpLead = 24;

    /// <summary>Posts whose counts make a snapshot's averages.</summary>
    private const int RecentPosts = 12;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly string[] Syllables =
    [
        "li", "wang", "zhang", "liu", "chen", "yang", "hua", "fang", "min", "jing", "lei", "jun", "yan", "ming", "hui", "xin",
        "ying", "lin", "qing", "yu", "mei", "tao", "bo", "ning", "dong", "xia", "feng", "hong", "wen", "jie",
    ];

    /// <summary>Engagement per follower and post (likes + comments + shares over followers) that is usual for a tier.</summary>
    public static double TierRate(InfluencerTier tier) => tier switch
    {
        InfluencerTier.Nano => 0.06,
        InfluencerTier.Micro => 0.04,
        InfluencerTier.Mid => 0.025,
        InfluencerTier.Macro => 0.018,
        _ => 0.012,
    };

    /// <summary>How a platform's engagement compares with the tier norm.</summary>
    public static double PlatformFactor(InfluencerPlatform platform) => platform switch
    {
        InfluencerPlatform.Weibo => 0.6,
        InfluencerPlatform.Xiaohongshu => 1.1,
        InfluencerPlatform.WechatChannels => 0.9,
        _ => 1.0,
    };

    private static double LikesPerView(InfluencerPlatform platform) => platform switch
    {
        InfluencerPlatform.Xiaohongshu => 0.06,
        InfluencerPlatform.Weibo => 0.03,
        InfluencerPlatform.Bilibili => 0.05,
        _ => 0.04,
    };

    private static double? SavesPerLike(InfluencerPlatform platform) => platform switch
    {
        InfluencerPlatform.Xiaohongshu => 0.6,
        InfluencerPlatform.Bilibili => 0.3,
        InfluencerPlatform.Weibo => null,
        _ => 0.12,
    };

    /// <summary>
    /// Draws the facts into <paramref name="sink"/> (none when null: the truth's figures only). <paramref name="fakeOf"/>, for
    /// tests, hears (influencer, follower id, fake) for every sampled follower; the truth keeps only the counts.
    /// </summary>
    public static DemoInfluencerFactsResult Run(int seed, DemoInfluencerPlan plan, IDemoSink? sink, Action<string, string, bool>? fakeOf = null)
    {
        var rng = new DemoRandom(seed, Stream);
        var calendar = plan.Calendar;
        var specs = DemoInfluencerPlan.Specs;
        var launch = calendar.Slots.First(s => s.Channel == DemoCatalog.Kol && s.Campaign == "bp-monitor-x3-launch");
        var jumpFirst = Math.Max(1, launch.FirstDay - JumpLead);
        var sampledAt = calendar.DateOf(calendar.Days - 3);
        var audits = new DemoInfluencerAudit[specs.Count];
        string? viralPost = null;
        var viralDay = -1;
        long facts = 0;
        for (var i = 0; i < specs.Count; i++)
        {
            var spec = specs[i];
            var sponsored = new Dictionary<int, string>();
            foreach (var c in plan.Collaborations.Where(c => c.Influencer == i))
            {
                var count = c.Deliverables.Where(d => d.Kind is DeliverableKind.Post or DeliverableKind.Video).Sum(d => d.Count);
                for (var k = 0; k < count; k++)
                {
                    sponsored.TryAdd(c.FirstDay + (int)((k + 0.5) * c.Days / count), c.Campaign);
                }
            }

            var viral = -1;
            if (i == DemoInfluencerPlan.ViralIndex)
            {
                viral = (int)(calendar.Days * 0.4);
                while (sponsored.ContainsKey(viral))
                {
                    viral++;
                }

                viralDay = viral;
            }

            var bought = i == DemoInfluencerPlan.BoughtIndex;
            var growth = Math.Log(1 + spec.YearlyGrowth) / 365.0;
            double followers = spec.StartFollowers;
            var following = spec.Following;
            var posts = spec.PostsBefore;
            var recent = new Queue<(long Views, long Likes, long Comments, long Shares)>();
            var rateSum = 0.0;
            var windowPosts = 0L;
            var seq = 0;
            for (var day = 0; day < calendar.Days; day++)
            {
                followers *= 1 + growth;
                followers += Normal(rng) * Math.Max(3.0, followers * 0.0004);
                if (viral >= 0 && day == viral + 1)
                {
                    followers *= 1.05;
                }
                else if (viral >= 0 && day == viral + 2)
                {
                    followers *= 1.015;
                }

                if (bought && day == jumpFirst)
                {
                    followers += 170_000;
                }
                else if (bought && day == jumpFirst + 1)
                {
                    followers += JumpFollowers - 170_000;
                }

                if (rng.Chance(0.05))
                {
                    following += rng.Next(4) - 1;
                }

                var count = (long)Math.Round(followers, MidpointRounding.AwayFromZero);
                var organic = rng.Chance(spec.PostsPerWeek / 7.0) || day == viral;
                var quiet = bought && day >= jumpFirst - 1 && day <= jumpFirst + 2;
                var todays = new List<(int Second, string? Campaign, bool Viral)>();
                if (organic && !quiet)
                {
                    todays.Add(((10 + rng.Next(4)) * 3600 + rng.Next(3600), null, day == viral));
                }

                if (sponsored.TryGetValue(day, out var campaign) && !quiet)
                {
                    todays.Add((12 * 3600 + rng.Next(1800), campaign, false));
                }

                foreach (var (second, postCampaign, isViral) in todays.OrderBy(t => t.Second))
                {
                    var tier = InfluencerTiers.Of(count);
                    var noise = Math.Exp((0.35 * Normal(rng)) - (0.35 * 0.35 / 2));
                    var interactions = count * TierRate(tier) * PlatformFactor(spec.Platform) * spec.Engagement * noise
                        * (postCampaign is null ? 1.0 : 0.8) * (isViral ? 12.0 : 1.0);
                    var likes = (long)Math.Round(interactions * 0.86, MidpointRounding.AwayFromZero);
                    var comments = (long)Math.Round(interactions * (0.05 + (0.03 * rng.NextDouble())), MidpointRounding.AwayFromZero);
                    var shares = Math.Max(0, (long)Math.Round(interactions, MidpointRounding.AwayFromZero) - likes - comments);
                    var views = (long)Math.Round(likes / LikesPerView(spec.Platform) * (0.9 + (0.2 * rng.NextDouble())), MidpointRounding.AwayFromZero);
                    long? saves = SavesPerLike(spec.Platform) is { } perLike
                        ? (long)Math.Round(likes * perLike * (0.8 + (0.4 * rng.NextDouble())), MidpointRounding.AwayFromZero)
                        : null;
                    var id = string.Create(Inv, $"{spec.Id}-{++seq:D4}");
                    if (isViral)
                    {
                        viralPost = id;
                    }

                    sink?.Add(new InfluencerPostFact(id, spec.Id, DateTimeOffset.FromUnixTimeSeconds(calendar.DayStart(day) + second), postCampaign,
                        views, likes, comments, shares, saves));
                    facts++;
                    posts++;
                    windowPosts++;
                    rateSum += (likes + comments + shares) / (double)count;
                    recent.Enqueue((views, likes, comments, shares));
                    if (recent.Count > RecentPosts)
                    {
                        recent.Dequeue();
                    }
                }

                sink?.Add(new InfluencerSnapshotFact(calendar.DateOf(day), spec.Id, count, following, posts,
                    recent.Count == 0 ? null : recent.Average(r => (double)r.Views),
                    recent.Count == 0 ? null : recent.Average(r => (double)r.Likes),
                    recent.Count == 0 ? null : recent.Average(r => (double)r.Comments),
                    recent.Count == 0 ? null : recent.Average(r => (double)r.Shares)));
                facts++;
            }

            var fake = 0;
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var f = 0; f < DemoInfluencers.SampleSize; f++)
            {
                var isFake = rng.Chance(spec.FakeShare);
                fake += isFake ? 1 : 0;
                string followerId;
                do
                {
                    followerId = string.Create(Inv, $"{1_000_000_000L + ((long)rng.Next(900_000_000) * 10) + rng.Next(10)}");
                }
                while (!ids.Add(followerId));

                // Drawn whether or not there is a sink: the truth's run and the facts' run read the same stream.
                var profile = isFake ? Fake(rng, followerId) : Genuine(rng, followerId);
                fakeOf?.Invoke(spec.Id, followerId, isFake);
                sink?.Add(new InfluencerFollowerFact(spec.Id, sampledAt, profile));
                facts++;
            }

            audits[i] = new DemoInfluencerAudit((long)Math.Round(followers, MidpointRounding.AwayFromZero), windowPosts,
                windowPosts == 0 ? 0 : rateSum / windowPosts, fake);
        }

        return new DemoInfluencerFactsResult(audits, [calendar.DateOf(jumpFirst), calendar.DateOf(jumpFirst + 1)], viralPost!,
            calendar.DateOf(viralDay), sampledAt, facts);
    }

    /// <summary>
    /// A genuine follower (docs/demo-company.md): followers log-normal around 120, following around 210, posts around 45, a
    /// profile picture 93% of the time, private 22%, a pinyin username, a bio two times in three, an account of months to
    /// years. One in twenty is a lurker that looks fake (few followers, no posts, no picture, new).
    /// </summary>
    internal static FollowerProfile Genuine(DemoRandom rng, string id)
    {
        var username = Pinyin(rng);
        if (rng.Chance(0.05))
        {
            return Lurker(rng, id, username);
        }

        return new FollowerProfile(id, LogNormal(rng, 120, 1.3), LogNormal(rng, 210, 0.9), LogNormal(rng, 45, 1.2), rng.Chance(0.93),
            rng.Chance(0.22), username, rng.Chance(0.35) ? 0 : 4 + rng.Next(60), 180 + (int)Math.Min(4_300, rng.Exponential(1_100)));
    }

    /// <summary>
    /// A fake (bought) follower: followers log-normal around 6, following around 900 (up to 7,500), one or two posts, a
    /// picture 30% of the time, rarely private, a generated username (<c>user</c> and digits, or random letters and digits),
    /// hardly ever a bio, an account weeks old. One in ten is an aged account that looks genuine in every field.
    /// </summary>
    internal static FollowerProfile Fake(DemoRandom rng, string id)
    {
        if (rng.Chance(0.10))
        {
            return new FollowerProfile(id, LogNormal(rng, 120, 1.3), LogNormal(rng, 210, 0.9), LogNormal(rng, 45, 1.2), rng.Chance(0.93),
                rng.Chance(0.22), Pinyin(rng), rng.Chance(0.35) ? 0 : 4 + rng.Next(60), 180 + (int)Math.Min(4_300, rng.Exponential(1_100)));
        }

        var username = rng.Chance(0.55) ? string.Create(Inv, $"user{100_000_000 + rng.Next(900_000_000)}") : RandomName(rng);
        return new FollowerProfile(id, LogNormal(rng, 6, 1.1), Math.Min(7_500, LogNormal(rng, 900, 0.7)), rng.Geometric(1.5), rng.Chance(0.30),
            rng.Chance(0.04), username, rng.Chance(0.85) ? 0 : rng.Next(20), 10 + (int)rng.Exponential(150));
    }

    private static FollowerProfile Lurker(DemoRandom rng, string id, string username) =>
        new(id, LogNormal(rng, 8, 1.0), LogNormal(rng, 150, 0.8), rng.Geometric(0.5), rng.Chance(0.35), rng.Chance(0.3), username,
            rng.Chance(0.8) ? 0 : rng.Next(20), 20 + (int)rng.Exponential(200));

    private static string Pinyin(DemoRandom rng)
    {
        var name = Syllables[rng.Next(Syllables.Length)] + Syllables[rng.Next(Syllables.Length)];
        return rng.Next(3) switch
        {
            0 => name,
            1 => string.Create(Inv, $"{name}{1960 + rng.Next(45)}"),
            _ => string.Create(Inv, $"{name}_{Syllables[rng.Next(Syllables.Length)]}"),
        };
    }

    private static string RandomName(DemoRandom rng)
    {
        const string Chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        Span<char> name = stackalloc char[10];
        for (var i = 0; i < name.Length; i++)
        {
            name[i] = Chars[rng.Next(Chars.Length)];
        }

        return new string(name);
    }

    private static long LogNormal(DemoRandom rng, double median, double sigma) =>
        (long)Math.Round(median * Math.Exp(sigma * Normal(rng)), MidpointRounding.AwayFromZero);

    /// <summary>A standard normal variate (Box–Muller; one of the pair).</summary>
    private static double Normal(DemoRandom rng)
    {
        var r = Math.Sqrt(-2.0 * Math.Log(1.0 - rng.NextDouble()));
        return r * Math.Cos(2.0 * Math.PI * rng.NextDouble());
    }
}
