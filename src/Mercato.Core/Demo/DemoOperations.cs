using Mercato.Core.DataCenter;

namespace Mercato.Core.Demo;

/// <summary>
/// The operations data of the demo company, emitted after everything else from per-day figures the simulation kept, each
/// kind on its own random stream (the main stream and the spend noise are untouched): the official social accounts'
/// daily reports, the two app stores' daily reports, and the online store's daily report. See docs/demo-company.md.
/// </summary>
internal static class DemoOperations
{
    /// <summary>The online store all home-care orders settle through.</summary>
    public const string OnlineStore = "tmall_flagship";

    private const int SocialStream = 3;
    private const int AppStoreStream = 4;
    private const int StoreStream = 5;

    /// <summary>
    /// An official account, for a company of a million users a year (scaled like money): followers when the window opens,
    /// followers gained on an ordinary day, the share of followers reading on a day, the share of reads that interact, posts
    /// a day, and whether the recall rumour spreads on the platform.
    /// </summary>
    private sealed record Account(string Platform, string Name, double Followers, double DailyGain, double ReadRate,
        double InteractionRate, double PostsPerDay, bool RumourPlatform);

    private static readonly Account[] Accounts =
    [
        new("wechat", "kangning_health", 420_000, 350, 0.045, 0.025, 1.0, false),
        new("weibo", "kangning_medical", 260_000, 180, 0.060, 0.020, 3.0, true),
        new("douyin", "kangning_official", 680_000, 900, 0.120, 0.040, 1.2, true),
        new("xiaohongshu", "kangning_care", 95_000, 140, 0.080, 0.050, 0.6, true),
        new("zhihu", "kangning_medical", 38_000, 40, 0.050, 0.015, 0.3, false),
    ];

    /// <summary>The two app stores and their share of the app's installs.</summary>
    private static readonly (string Store, double Share)[] AppStores = [("apple_app_store", 0.4), ("huawei_appgallery", 0.6)];

    public static void Emit(int seed, DemoCalendar calendar, decimal scale, int[] dayInstalls, int[] dayStoreOrders, decimal[] dayStoreGmv,
        int[] dayStoreArrivals, IDemoSink sink)
    {
        EmitStore(new DemoRandom(seed, StoreStream), calendar, dayStoreOrders, dayStoreGmv, dayStoreArrivals, sink);
        EmitAppStores(new DemoRandom(seed, AppStoreStream), calendar, dayInstalls, sink);
        EmitSocial(new DemoRandom(seed, SocialStream), calendar, (double)scale, sink);
    }

    /// <summary>
    /// One row a day: the day's home-care orders and their revenue exactly (hospital orders go through the B2B team, not
    /// the store); visitors are the day's orders plus 0.9 to 1.3 times the day's click and visit touchpoints; refunds are
    /// 1–3% of GMV, 8–14% in the crisis month (customers return nebulizers) and 3–6% in the month after.
    /// </summary>
    private static void EmitStore(DemoRandom rng, DemoCalendar calendar, int[] orders, decimal[] gmv, int[] arrivals, IDemoSink sink)
    {
        for (var day = 0; day < calendar.Days; day++)
        {
            var month = calendar.DayMonth[day];
            var visitors = orders[day] + (long)Math.Round(arrivals[day] * (0.9 + (0.4 * rng.NextDouble())), MidpointRounding.AwayFromZero);
            var (low, high) = month == DemoCalendar.CrisisMonthIndex ? (0.08, 0.14)
                : month == DemoCalendar.CrisisMonthIndex + 1 ? (0.03, 0.06)
                : (0.01, 0.03);
            var refunds = Math.Round(gmv[day] * (decimal)(low + ((high - low) * rng.NextDouble())), 2, MidpointRounding.ToEven);
            sink.Add(new StoreSalesFact(calendar.DateOf(day), OnlineStore, visitors, orders[day], gmv[day], refunds));
        }
    }

    /// <summary>
    /// One row a day per store. Each app install of the activity data is credited to a store by its share; 15–30% more
    /// installs never open the app (no activity event). Product page views are installs over a page conversion of 25–40%
    /// (three quarters of that in the crisis month, when the rumour sits in the reviews), impressions are page views over a
    /// tap-through of 5–9%.
    /// </summary>
    private static void EmitAppStores(DemoRandom rng, DemoCalendar calendar, int[] dayInstalls, IDemoSink sink)
    {
        var split = new long[AppStores.Length];
        for (var day = 0; day < calendar.Days; day++)
        {
            Array.Clear(split);
            for (var i = 0; i < dayInstalls[day]; i++)
            {
                split[rng.Chance(AppStores[0].Share) ? 0 : 1]++;
            }

            for (var s = 0; s < AppStores.Length; s++)
            {
                var installs = split[s] + Round(split[s] * (0.15 + (0.15 * rng.NextDouble())), rng);
                var pageConversion = (0.25 + (0.15 * rng.NextDouble())) * (calendar.DayMonth[day] == DemoCalendar.CrisisMonthIndex ? 0.75 : 1.0);
                var views = installs + Round(((installs + 0.5) / pageConversion) - installs, rng);
                var impressions = views + Round((views / (0.05 + (0.04 * rng.NextDouble()))) - views, rng);
                sink.Add(new AppStoreFact(calendar.DateOf(day), AppStores[s].Store, impressions, views, installs));
            }
        }
    }

    /// <summary>
    /// One row a day per account. Followers grow by the account's daily gain times the day's marketing intensity (its
    /// arrival weight over the mean) with ±40% noise. In the crisis month the rumour platforms lose followers for ten days
    /// (2.5 times the daily gain at first, fading) and gain a third as much after; the official WeChat account, which
    /// carries the response, gains half as much. Reads are followers times the read rate (×1.2 at weekends) with ±30%
    /// noise, interactions a share of reads; on the rumour platforms both spike in the crisis month (reads up to five
    /// times, interactions up to nine times, decaying with a four-day time constant).
    /// </summary>
    private static void EmitSocial(DemoRandom rng, DemoCalendar calendar, double scale, IDemoSink sink)
    {
        var meanWeight = calendar.ArrivalWeight.Average();
        var crisisStart = Array.IndexOf(calendar.DayMonth, DemoCalendar.CrisisMonthIndex);
        var followers = Accounts.Select(a => Math.Round(a.Followers * scale)).ToArray();
        for (var day = 0; day < calendar.Days; day++)
        {
            var date = calendar.DateOf(day);
            var intensity = calendar.ArrivalWeight[day] / meanWeight;
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var crisisDay = calendar.DayMonth[day] == DemoCalendar.CrisisMonthIndex ? day - crisisStart : -1;
            for (var i = 0; i < Accounts.Length; i++)
            {
                var a = Accounts[i];
                var gain = a.DailyGain * scale * intensity * (0.6 + (0.8 * rng.NextDouble()));
                double readSpike = 1, interactionSpike = 1;
                if (crisisDay >= 0)
                {
                    if (a.RumourPlatform)
                    {
                        gain = crisisDay < 10 ? -a.DailyGain * scale * (2.5 - (0.2 * crisisDay)) : gain / 3;
                        var decay = Math.Exp(-crisisDay / 4.0);
                        readSpike = 1 + (4 * decay);
                        interactionSpike = 1 + (8 * decay);
                    }
                    else
                    {
                        gain /= 2;
                    }
                }

                followers[i] = Math.Max(0, followers[i] + Round(gain, rng));
                var reads = Round(followers[i] * a.ReadRate * (weekend ? 1.2 : 1.0) * (0.7 + (0.6 * rng.NextDouble())) * readSpike, rng);
                var interactions = Round(reads / readSpike * a.InteractionRate * (0.7 + (0.6 * rng.NextDouble())) * interactionSpike, rng);
                var posts = Round(a.PostsPerDay * (weekend ? 0.5 : 1.0) * (0.5 + rng.NextDouble()), rng);
                sink.Add(new SocialFact(date, a.Platform, a.Name, (long)followers[i], reads, interactions, posts));
            }
        }
    }

    /// <summary>Rounds up with probability equal to the fraction (stochastic rounding), so small scales keep their means.</summary>
    private static long Round(double x, DemoRandom rng)
    {
        var floor = Math.Floor(x);
        return (long)floor + (rng.NextDouble() < x - floor ? 1 : 0);
    }
}
