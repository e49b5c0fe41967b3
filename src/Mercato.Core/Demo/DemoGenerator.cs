using System.Globalization;
using Mercato.Core.DataCenter;

namespace Mercato.Core.Demo;

/// <summary>
/// One run of the demo simulation (see <see cref="DemoCompany"/> and docs/demo-company.md). Users are generated one at a
/// time and their facts streamed to the sink; only per-day, per-slot and per-channel-month accumulators are kept, so
/// memory does not grow with the number of users. Spend and cost facts are emitted at the end, from those accumulators.
/// </summary>
internal sealed class DemoGenerator
{
    private const int SecondsPerDay = DemoCalendar.SecondsPerDay;
    private const int MaxTouches = 48;
    private const int Months = 12;

    /// <summary>Money amounts are given for a company of one million users a year and scaled to the user count.</summary>
    private const decimal ReferenceUsers = 1_000_000m;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private readonly int seed;
    private readonly DemoScale scale;
    private readonly int userCount;
    private readonly IDemoSink sink;
    private readonly DemoCalendar calendar;
    private readonly DemoRandom rng;
    private readonly DemoRandom jumpRng;
    private readonly DemoCpcJump cpcJump;
    private readonly DemoChannelSpec[] specs;
    private readonly DemoSlot[] slots;
    private readonly int channelCount;
    private readonly double[] lift;
    private readonly double[] typeThresholds;
    private readonly string[] staffCodes;
    private readonly string[] articleIds;
    private readonly double[] productCumulative;
    private readonly decimal moneyScale;

    // Accumulators.
    private readonly int[] slotDayTouches;
    private readonly int[] slotDayClicks;
    private readonly long[] monthTouches;
    private readonly double[] monthIncConversions;
    private readonly double[] monthIncRevenue;
    private readonly double[] monthIncGrossProfit;
    private readonly decimal[] monthSpend;
    private readonly decimal[] monthCosts;
    private readonly decimal[] liveRoomRevenue = new decimal[Months];
    private readonly long[] referredConversions = new long[Months];
    private readonly long[] monthNewUsers = new long[Months];
    private readonly double[] monthExpectedConversions = new double[Months];
    private readonly long[] monthConversions = new long[Months];
    private readonly decimal[] monthRevenue = new decimal[Months];
    private readonly decimal[] monthDepartmentCosts = new decimal[Months];
    private readonly long[] slotTouches;
    private readonly decimal[] slotSpend;

    // Per referral code and per live day; filled from values already drawn, so no other fact changes.
    private readonly long[] referralTouches = new long[DemoCatalog.StaffCount];
    private readonly long[] referralJourneys = new long[DemoCatalog.StaffCount];
    private readonly long[] referralConversions = new long[DemoCatalog.StaffCount];
    private readonly decimal[] referralRevenue = new decimal[DemoCatalog.StaffCount];
    private readonly double[] referralIncremental = new double[DemoCatalog.StaffCount];
    private readonly int[] liveDayOrders;
    private readonly decimal[] liveDayGmv;

    // Per influencer and collaboration (null plan: the year without influencers); the KOL touches' codes are picked by a
    // hash of the user id, never from a random stream, so every other fact is the same with or without them.
    private readonly DemoInfluencerPlan? plan;
    private readonly long[] influencerTouches;
    private readonly long[] influencerJourneys;
    private readonly long[] influencerConversions;
    private readonly decimal[] influencerRevenue;
    private readonly double[] influencerIncremental;
    private readonly double[] influencerIncRevenue;
    private readonly double[] influencerProduct;
    private readonly bool[] influencerTouched;
    private readonly int[] influencerList;
    private readonly long[] collaborationTouches;
    private readonly decimal[] collaborationFees;
    private readonly List<DemoInfluencerFeeRow> feeRows = [];
    private readonly int[] journeyCollaboration = new int[MaxTouches];
    private ulong userHash;

    // Per-day accumulators of the operations data (social, app stores, the online store); filling them draws nothing from
    // the main stream, so the facts of the other kinds are the same with or without them.
    private readonly long[] articlePublishedAt;
    private readonly int[] dayInstalls;
    private readonly int[] dayStoreOrders;
    private readonly decimal[] dayStoreGmv;
    private readonly int[] dayStoreArrivals;

    // The current journey.
    private readonly long[] journeyTime = new long[MaxTouches];
    private readonly int[] journeySlot = new int[MaxTouches];
    private readonly TouchpointType[] journeyType = new TouchpointType[MaxTouches];
    private readonly double[] channelProduct;
    private readonly bool[] touched;
    private readonly int[] touchedList;

    private int users;
    private long touchSeq;
    private long orderSeq;
    private long journeys;
    private long acquisitionJourneys;
    private long repeatJourneys;
    private long touchpoints;
    private long conversions;
    private decimal revenue;
    private decimal productCost;
    private double expectedConversions;
    private double conversionVariance;
    private double expectedRevenue;
    private long signedUp;
    private long activityEvents;
    private long spendFacts;
    private long costFacts;
    private decimal departmentCosts;

    public DemoGenerator(int seed, DemoScale scale, int userCount, YearMonth lastMonth, IDemoSink sink, bool influencers = true)
    {
        this.seed = seed;
        this.scale = scale;
        this.userCount = userCount;
        this.sink = sink;
        calendar = new DemoCalendar(lastMonth);
        rng = new DemoRandom(seed, 1);
        jumpRng = new DemoRandom(seed, 11);
        cpcJump = DemoAds.CpcJump(lastMonth);
        specs = [.. DemoCatalog.Channels];
        slots = [.. calendar.Slots];
        channelCount = specs.Length;
        moneyScale = userCount / ReferenceUsers;

        lift = new double[channelCount];
        typeThresholds = new double[channelCount * 3];
        for (var c = 0; c < channelCount; c++)
        {
            var s = specs[c];
            lift[c] = s.Lift;
            var total = s.Impression + s.Click + s.Visit + s.Referral;
            typeThresholds[(c * 3) + 0] = s.Impression / total;
            typeThresholds[(c * 3) + 1] = (s.Impression + s.Click) / total;
            typeThresholds[(c * 3) + 2] = (s.Impression + s.Click + s.Visit) / total;
        }

        staffCodes = new string[DemoCatalog.StaffCount];
        for (var i = 0; i < staffCodes.Length; i++)
        {
            staffCodes[i] = string.Create(Inv, $"STAFF-{i + 1:D3}");
        }

        articleIds = new string[DemoCatalog.ArticleCount];
        for (var i = 0; i < articleIds.Length; i++)
        {
            articleIds[i] = string.Create(Inv, $"article-{i + 1}");
        }

        // The content program publishes the articles after the back catalogue evenly over the window, one every day and a
        // half, at 10:00 in China (02:00 UTC).
        var published = DemoCatalog.ArticleCount - DemoCatalog.BackCatalogueArticles;
        articlePublishedAt = new long[published];
        for (var i = 0; i < published; i++)
        {
            articlePublishedAt[i] = calendar.DayStart((int)((long)i * calendar.Days / published)) + (2 * 3600);
        }

        dayInstalls = new int[calendar.Days];
        dayStoreOrders = new int[calendar.Days];
        dayStoreGmv = new decimal[calendar.Days];
        dayStoreArrivals = new int[calendar.Days];
        liveDayOrders = new int[calendar.Days];
        liveDayGmv = new decimal[calendar.Days];

        var products = DemoCatalog.HomeCareProducts;
        productCumulative = new double[products.Count];
        var running = 0.0;
        for (var i = 0; i < products.Count; i++)
        {
            running += products[i].Share;
            productCumulative[i] = running;
        }

        productCumulative[^1] = 1.0;

        slotDayTouches = new int[calendar.Days * slots.Length];
        slotDayClicks = new int[calendar.Days * slots.Length];
        slotTouches = new long[slots.Length];
        slotSpend = new decimal[slots.Length];
        monthTouches = new long[channelCount * Months];
        monthIncConversions = new double[channelCount * Months];
        monthIncRevenue = new double[channelCount * Months];
        monthIncGrossProfit = new double[channelCount * Months];
        monthSpend = new decimal[channelCount * Months];
        monthCosts = new decimal[channelCount * Months];
        channelProduct = new double[channelCount];
        touched = new bool[channelCount];
        touchedList = new int[channelCount];

        plan = influencers ? new DemoInfluencerPlan(calendar, moneyScale) : null;
        var count = DemoInfluencerPlan.Specs.Count;
        influencerTouches = new long[count];
        influencerJourneys = new long[count];
        influencerConversions = new long[count];
        influencerRevenue = new decimal[count];
        influencerIncremental = new double[count];
        influencerIncRevenue = new double[count];
        influencerProduct = new double[count];
        influencerTouched = new bool[count];
        influencerList = new int[count];
        collaborationTouches = new long[plan?.Collaborations.Count ?? 0];
        collaborationFees = new decimal[plan?.Collaborations.Count ?? 0];
    }

    public DemoGroundTruth Run()
    {
        var arrivals = calendar.Apportion(userCount);
        for (var day = -DemoCalendar.WarmUpDays; day < calendar.Days; day++)
        {
            for (var i = 0; i < arrivals[DemoCalendar.WarmUpDays + day]; i++)
            {
                GenerateUser(day);
            }
        }

        EmitSpend();
        EmitCosts();
        DemoOperations.Emit(seed, calendar, moneyScale, dayInstalls, dayStoreOrders, dayStoreGmv, dayStoreArrivals, sink);
        return BuildTruth();
    }

    private void GenerateUser(int day)
    {
        string? userId = null;
        var start = calendar.DayStart(day) + calendar.SecondOfDay(rng);
        var repeat = false;
        var referral = -1;
        var appTouched = false;
        var signupAt = -1L;
        var anchor = -1L;
        var buyer = false;

        while (true)
        {
            var n = DrawJourney(start, repeat);
            if (n == 0)
            {
                break;
            }

            // A user exists from the first recorded touch (a warm-up user whose journey ended before the window never appears).
            if (userId is null)
            {
                userId = "u-" + (++users).ToString("D7", Inv);
                monthNewUsers[calendar.MonthOf(journeyTime[0])]++;
                userHash = plan is null ? 0 : DemoInfluencerPlan.UserHash(userId, seed);
            }

            journeys++;
            if (repeat)
            {
                repeatJourneys++;
            }
            else
            {
                acquisitionJourneys++;
                anchor = journeyTime[rng.Next(n)];
            }

            var last = journeyTime[n - 1];
            var delay = 60 + (long)Math.Min(rng.Exponential(8.0 * 3600), (3.0 * SecondsPerDay) - 60);
            var decision = Math.Min(last + delay, calendar.WindowEnd - 1);
            var month = calendar.MonthOf(decision);
            var k = calendar.MonthFactor[month];
            var oneMinusBase = 1.0 - (k * (repeat ? DemoCatalog.RepeatBase : DemoCatalog.AcquisitionBase));

            // P = 1 − (1 − k·b) · Π (1 − k·p_c(t)); the product is kept per channel too, for the removal effects.
            var productAll = 1.0;
            var touchedCount = 0;
            var influencerCount = 0;
            var hasExhibition = false;
            var hasReferral = false;
            var lastChannel = -1;
            for (var i = 0; i < n; i++)
            {
                var c = slots[journeySlot[i]].Channel;
                if (!touched[c])
                {
                    touched[c] = true;
                    channelProduct[c] = 1.0;
                    touchedList[touchedCount++] = c;
                }

                var factor = 1.0 - (k * lift[c]);
                channelProduct[c] *= factor;
                productAll *= factor;
                journeyCollaboration[i] = -1;
                if (plan is not null && c == DemoCatalog.Kol)
                {
                    var collaboration = plan.Pick(journeySlot[i], DayIndex(journeyTime[i]), DemoInfluencerPlan.Uniform(userHash));
                    journeyCollaboration[i] = collaboration;
                    if (collaboration >= 0)
                    {
                        var who = plan.Collaborations[collaboration].Influencer;
                        if (!influencerTouched[who])
                        {
                            influencerTouched[who] = true;
                            influencerProduct[who] = 1.0;
                            influencerList[influencerCount++] = who;
                        }

                        influencerProduct[who] *= factor;
                    }
                }

                hasExhibition |= c == DemoCatalog.Exhibition;
                hasReferral |= c == DemoCatalog.StaffReferral;
                appTouched |= !repeat && c == DemoCatalog.AppStore;
                lastChannel = c;
            }

            var p = 1.0 - (oneMinusBase * productAll);
            var hospitalShare = hasExhibition
                ? DemoCatalog.HospitalShareWithExhibition
                : repeat ? 0.0 : DemoCatalog.HospitalShareAcquisition;
            var journeyRevenue = DemoCatalog.ExpectedRevenue(hospitalShare);
            var journeyGrossProfit = journeyRevenue * DemoCatalog.ExpectedGrossMargin;
            expectedConversions += p;
            monthExpectedConversions[month] += p;
            conversionVariance += p * (1.0 - p);
            expectedRevenue += p * journeyRevenue;
            var referralIncrement = 0.0;
            for (var j = 0; j < touchedCount; j++)
            {
                var c = touchedList[j];
                touched[c] = false;
                var increment = oneMinusBase * (productAll / channelProduct[c]) * (1.0 - channelProduct[c]);
                if (c == DemoCatalog.StaffReferral)
                {
                    referralIncrement = increment;
                }

                var cell = (c * Months) + month;
                monthIncConversions[cell] += increment;
                monthIncRevenue[cell] += increment * journeyRevenue;
                monthIncGrossProfit[cell] += increment * journeyGrossProfit;
            }

            for (var j = 0; j < influencerCount; j++)
            {
                // The increment of the influencer's touches: the KOL channel's when all the journey's KOL touches are its.
                var who = influencerList[j];
                var increment = oneMinusBase * (productAll / influencerProduct[who]) * (1.0 - influencerProduct[who]);
                influencerJourneys[who]++;
                influencerIncremental[who] += increment;
                influencerIncRevenue[who] += increment * journeyRevenue;
            }

            for (var i = 0; i < n; i++)
            {
                EmitTouch(userId, i, ref referral);
            }

            if (hasReferral)
            {
                // The journey's referral touches all carry the user's one code, drawn at the user's first referral touch.
                referralJourneys[referral]++;
                referralIncremental[referral] += referralIncrement;
            }

            var converted = rng.NextDouble() < p;
            if (converted)
            {
                var hospital = rng.NextDouble() < hospitalShare;
                var amount = hospital
                    ? 100m * (DemoCatalog.HospitalOrderMinHundreds + rng.Next(DemoCatalog.HospitalOrderMaxHundreds - DemoCatalog.HospitalOrderMinHundreds + 1))
                    : DrawHomeCareOrder();
                var cost = Math.Round(amount * (decimal)(0.40 + (0.20 * rng.NextDouble())), 2, MidpointRounding.ToEven);
                orderSeq++;
                sink.Add(new Conversion("ord-" + orderSeq.ToString("D7", Inv), userId, DateTimeOffset.FromUnixTimeSeconds(decision), amount, cost));
                conversions++;
                revenue += amount;
                monthConversions[month]++;
                monthRevenue[month] += amount;
                productCost += cost;
                if (!hospital && lastChannel == DemoCatalog.Livestream)
                {
                    liveRoomRevenue[month] += amount;

                    // Credited to the session of the last touch's day: a live-stream touch happens only on a live day.
                    var liveDay = DayIndex(last);
                    liveDayOrders[liveDay]++;
                    liveDayGmv[liveDay] += amount;
                }

                if (!hospital)
                {
                    var orderDay = DayIndex(decision);
                    dayStoreOrders[orderDay]++;
                    dayStoreGmv[orderDay] += amount;
                }

                if (hasReferral)
                {
                    referredConversions[month]++;
                    referralConversions[referral]++;
                    referralRevenue[referral] += amount;
                }

                for (var j = 0; j < influencerCount; j++)
                {
                    influencerConversions[influencerList[j]]++;
                    influencerRevenue[influencerList[j]] += amount;
                }

                if (!buyer)
                {
                    buyer = true;

                    // Buyers register just before their first order.
                    signupAt = decision - Math.Min(900, (decision - last) / 2);
                }
            }

            for (var j = 0; j < influencerCount; j++)
            {
                influencerTouched[influencerList[j]] = false;
            }

            if (converted ? rng.Chance(DemoCatalog.RepeatAfterPurchase) : repeat && rng.Chance(DemoCatalog.RepeatAfterMiss))
            {
                start = (converted ? decision : last) + (14L * SecondsPerDay) + (long)rng.Exponential(45.0 * SecondsPerDay);
                repeat = true;
                continue;
            }

            break;
        }

        if (!buyer && anchor >= 0 && rng.Chance(DemoCatalog.NonBuyerSignupShare))
        {
            signupAt = anchor + 30 + rng.Next(570);
        }

        if (userId is not null && signupAt >= 0 && signupAt < calendar.WindowEnd)
        {
            GenerateActivity(userId, signupAt, buyer, appTouched);
        }
    }

    /// <summary>Fills the journey buffers; returns the number of touches (0 when the journey would start after the window).</summary>
    private int DrawJourney(long start, bool repeat)
    {
        var limit = Math.Min(start + DemoCatalog.JourneySeconds, calendar.WindowEnd - 2);
        if (start > limit)
        {
            return 0;
        }

        var mean = repeat ? DemoCatalog.RepeatTouchesMean : DemoCatalog.AcquisitionTouchesMean;
        var count = Math.Min(MaxTouches, 1 + rng.Geometric(mean - 1.0));
        var meanGap = Math.Min(2.0 * SecondsPerDay, 24.0 * SecondsPerDay / count);
        var t = start;
        var n = 0;
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                t += 1 + (long)rng.Exponential(meanGap);
                if (t > limit)
                {
                    break;
                }
            }

            if (t < calendar.WindowStart)
            {
                // A journey under way when the window opens: its earlier touches are not recorded and do not count.
                continue;
            }

            var day = (int)((t - calendar.WindowStart) / SecondsPerDay);
            var mode = repeat ? MixMode.Repeat : i == 0 ? MixMode.AcquisitionFirst : MixMode.AcquisitionLater;
            var slot = calendar.Sample(day, mode, rng.NextDouble());
            journeyTime[n] = t;
            journeySlot[n] = slot.Index;
            journeyType[n] = DrawType(slot.Channel);
            n++;
        }

        return n;
    }

    private TouchpointType DrawType(int channel)
    {
        var u = rng.NextDouble();
        var at = channel * 3;
        return u < typeThresholds[at] ? TouchpointType.Impression
            : u < typeThresholds[at + 1] ? TouchpointType.Click
            : u < typeThresholds[at + 2] ? TouchpointType.Visit
            : TouchpointType.Referral;
    }

    private void EmitTouch(string userId, int i, ref int referral)
    {
        var slot = slots[journeySlot[i]];
        var spec = specs[slot.Channel];
        var t = journeyTime[i];
        var type = journeyType[i];
        touchSeq++;
        var id = spec.CarriesIds ? "tp-" + touchSeq.ToString(Inv) : null;
        string? code = null;
        if (type == TouchpointType.Referral)
        {
            // A user is referred by one colleague; a few enthusiastic staff refer most users.
            if (referral < 0)
            {
                referral = (int)(staffCodes.Length * Math.Pow(rng.NextDouble(), 2.5));
            }

            code = staffCodes[referral];
            referralTouches[referral]++;
        }
        else if (journeyCollaboration[i] >= 0)
        {
            // A KOL touch carries the code of the influencer running on its day and campaign; a user keeps one of its codes.
            var collaboration = plan!.Collaborations[journeyCollaboration[i]];
            var codes = DemoInfluencerPlan.Specs[collaboration.Influencer].Referral;
            code = codes[(int)(userHash & 1) % codes.Length];
            influencerTouches[collaboration.Influencer]++;
            collaborationTouches[collaboration.Index]++;
        }

        var day = (int)((t - calendar.WindowStart) / SecondsPerDay);

        // The week of the CPC jump: the campaign's ads win worse placements, so the same touches (and spend) bring fewer
        // clicks; the lost clicks are recorded as impressions (drawn from their own stream: every other draw is unchanged).
        var recorded = type == TouchpointType.Click && cpcJump.Covers(calendar.DateOf(day), spec.Name, slot.Campaign)
            && jumpRng.Chance(1 - (1 / (double)cpcJump.Factor))
            ? TouchpointType.Impression
            : type;
        sink.Add(new Touchpoint(id, userId, DateTimeOffset.FromUnixTimeSeconds(t), spec.Name, slot.Campaign, recorded, code));
        touchpoints++;
        var cell = (day * slots.Length) + slot.Index;
        slotDayTouches[cell]++;
        if (recorded == TouchpointType.Click)
        {
            slotDayClicks[cell]++;
        }

        if (type is TouchpointType.Click or TouchpointType.Visit)
        {
            dayStoreArrivals[day]++;
        }

        monthTouches[(slot.Channel * Months) + calendar.DayMonth[day]]++;
    }

    private decimal DrawHomeCareOrder()
    {
        var u = rng.NextDouble();
        var i = 0;
        while (i < productCumulative.Length - 1 && u >= productCumulative[i])
        {
            i++;
        }

        var price = DemoCatalog.HomeCareProducts[i].Price;
        return rng.Chance(DemoCatalog.TwoUnitShare) ? price * 2 : price;
    }

    /// <summary>
    /// Signup (or app install), then sessions: an onboarding return on the next day for some, then sessions at the user's
    /// own rate until the user churns. Buyers use the app to sync their device readings, so they stay longer and come back
    /// more often. The mix of immediate churners, rates and lifetimes gives a falling retention curve (day 1 &gt; day 7 &gt;
    /// day 30).
    /// </summary>
    private void GenerateActivity(string userId, long signupAt, bool buyer, bool appTouched)
    {
        signedUp++;
        var end = calendar.WindowEnd;
        var word = appTouched || rng.Chance(0.3) ? "install" : "signup";
        if (word == "install")
        {
            dayInstalls[DayIndex(signupAt)]++;
        }

        var first = SessionLength();
        Activity(userId, signupAt, word, first, null);

        var churnNow = buyer ? 0.25 : 0.45;
        var lifeMeanDays = buyer ? 180.0 : 60.0;
        var lifeEnd = rng.Chance(churnNow) ? signupAt : signupAt + (long)rng.Exponential(lifeMeanDays * SecondsPerDay);
        var u = rng.NextDouble();
        var ratePerDay = buyer
            ? (u < 0.35 ? 0.15 : u < 0.75 ? 0.45 : 1.2)
            : (u < 0.45 ? 0.10 : u < 0.80 ? 0.30 : 0.9);

        var t = signupAt + first;
        if (rng.Chance(buyer ? 0.45 : 0.30))
        {
            var next = signupAt + (20L * 3600) + rng.Next(8 * 3600);
            if (next >= end)
            {
                return;
            }

            if (next > t)
            {
                t = Session(userId, next);
            }
        }

        while (true)
        {
            var next = t + Math.Max(600L, (long)rng.Exponential(SecondsPerDay / ratePerDay));
            if (next > lifeEnd || next >= end)
            {
                return;
            }

            t = Session(userId, next);
        }
    }

    /// <summary>One session: login, a few article views (some shared), sometimes a post. Returns the last event's time.</summary>
    private long Session(string userId, long start)
    {
        var end = calendar.WindowEnd;
        var length = SessionLength();
        Activity(userId, start, "login", length, null);
        var t = start;
        var views = Math.Min(12, rng.Geometric(1.3));
        var step = Math.Max(2, length / (views + 1));
        for (var v = 0; v < views; v++)
        {
            var at = t + 1 + rng.Next(step);
            if (at >= end)
            {
                return t;
            }

            t = at;
            var article = Article(t, rng.NextDouble());
            Activity(userId, t, "view", null, article);
            if (rng.Chance(0.07))
            {
                var shareAt = t + 1 + rng.Next(30);
                if (shareAt >= end)
                {
                    return t;
                }

                t = shareAt;
                Activity(userId, t, "share", null, article);
            }
        }

        if (rng.Chance(0.04))
        {
            var postAt = t + 5 + rng.Next(120);
            if (postAt < end)
            {
                t = postAt;
                Activity(userId, t, "post", null, null);
            }
        }

        return t;
    }

    private int SessionLength() => Math.Min(86_400, 15 + (int)rng.Exponential(220.0));

    /// <summary>
    /// The article a reader opens at <paramref name="t"/>: one of those published by then, the newest most often (a few
    /// articles draw most views). <paramref name="u"/> is uniform in [0, 1).
    /// </summary>
    private string Article(long t, double u)
    {
        var index = Array.BinarySearch(articlePublishedAt, t);
        var available = DemoCatalog.BackCatalogueArticles + (index >= 0 ? index + 1 : ~index);
        return articleIds[available - 1 - (int)(available * Math.Pow(u, 3.0))];
    }

    private int DayIndex(long seconds) => Math.Clamp((int)((seconds - calendar.WindowStart) / SecondsPerDay), 0, calendar.Days - 1);

    private void Activity(string userId, long t, string word, int? seconds, string? content)
    {
        sink.Add(new ActivityEvent(userId, DateTimeOffset.FromUnixTimeSeconds(t), word, seconds, content));
        activityEvents++;
    }

    /// <summary>
    /// One spend fact per paid slot and day: the media platforms bill each tracked touch at the channel's cost per touch
    /// (dearer in festivals and launches), ±8% daily noise. Impressions are the slot's touchpoints that day (every tracked
    /// contact was served), clicks its click touchpoints.
    /// </summary>
    private void EmitSpend()
    {
        var noise = new DemoRandom(seed, 2);
        for (var day = 0; day < calendar.Days; day++)
        {
            var date = calendar.DateOf(day);
            var month = calendar.DayMonth[day];
            foreach (var index in calendar.SlotsOn(day))
            {
                var slot = slots[index];
                var spec = specs[slot.Channel];
                var cell = (day * slots.Length) + index;
                var count = slotDayTouches[cell];
                slotTouches[index] += count;
                if (spec.CostPerTouch == 0)
                {
                    continue;
                }

                var factor = (decimal)(0.92 + (0.16 * noise.NextDouble()));
                var spend = Math.Round(count * spec.CostPerTouch * slot.CostMultiplier * factor, 2, MidpointRounding.ToEven);
                sink.Add(new SpendFact(date, spec.Name, slot.Campaign, spend, count, slotDayClicks[cell]));
                spendFacts++;
                slotSpend[index] += spend;
                monthSpend[(slot.Channel * Months) + month] += spend;
            }
        }
    }

    /// <summary>
    /// Monthly non-media costs. Amounts are for a company of a million users a year, scaled to the user count; variable
    /// costs follow the month's volume (agency fees as a share of spend, KOL fees per touch, live-room commission on
    /// live-room sales, referral rewards per referred order).
    /// </summary>
    private void EmitCosts()
    {
        for (var m = 0; m < Months; m++)
        {
            var month = calendar.Months[m];
            Cost(m, month, -1, CostCategory.Staff, 450_000m * moneyScale, CostKind.Fixed);
            Cost(m, month, -1, CostCategory.Tools, 60_000m * moneyScale, CostKind.Fixed);
            Cost(m, month, -1, CostCategory.Agency, 120_000m * moneyScale, CostKind.Fixed);

            Cost(m, month, DemoCatalog.BaiduSem, CostCategory.Agency, 0.06m * monthSpend[(DemoCatalog.BaiduSem * Months) + m], CostKind.Variable);
            Cost(m, month, DemoCatalog.DouyinAds, CostCategory.Agency, 0.08m * monthSpend[(DemoCatalog.DouyinAds * Months) + m], CostKind.Variable);
            KolFees(m, month, Math.Round(1.60m * monthTouches[(DemoCatalog.Kol * Months) + m], 2, MidpointRounding.ToEven));
            Cost(m, month, DemoCatalog.Livestream, CostCategory.LivestreamCommission, 0.12m * liveRoomRevenue[m], CostKind.Variable);
            Cost(m, month, DemoCatalog.Livestream, CostCategory.Agency, 60_000m * moneyScale, CostKind.Fixed);
            Cost(m, month, DemoCatalog.WechatOfficial, CostCategory.Agency, 50_000m * moneyScale, CostKind.Fixed);
            Cost(m, month, DemoCatalog.Content, CostCategory.Agency, (month.Month == 5 ? 160_000m : 110_000m) * moneyScale, CostKind.Fixed);
            Cost(m, month, DemoCatalog.Email, CostCategory.Tools, 20_000m * moneyScale, CostKind.Fixed);
            Cost(m, month, DemoCatalog.AppStore, CostCategory.Agency, 25_000m * moneyScale, CostKind.Fixed);
            if (month.Month is 4 or 10)
            {
                // The stand, travel and samples of CMEF (spring in April, autumn in October), booked to the fair's campaign.
                var fair = string.Create(CultureInfo.InvariantCulture, $"cmef-{(month.Month == 4 ? "spring" : "autumn")}-{month.Year:D4}");
                Cost(m, month, DemoCatalog.Exhibition, CostCategory.Event, 800_000m * moneyScale, CostKind.Fixed, fair);
            }

            var pr = month == calendar.CrisisMonth ? 420_000m : month == calendar.LaunchMonth ? 160_000m : 90_000m;
            Cost(m, month, DemoCatalog.Pr, CostCategory.Agency, pr * moneyScale, CostKind.Fixed);
            Cost(m, month, DemoCatalog.StaffReferral, CostCategory.Other, 40m * referredConversions[m], CostKind.Variable);
        }
    }

    /// <summary>
    /// The month's KOL fees: one row per influencer with a collaboration in the month (its cost code; each collaboration's
    /// fee spread evenly over its days), the rest in one row without a campaign. The month's total is the same as without
    /// influencers; when the fees would exceed it, they are scaled down to fit (rounded down to the cent) and booked so.
    /// </summary>
    private void KolFees(int m, YearMonth month, decimal total)
    {
        if (plan is null)
        {
            Cost(m, month, DemoCatalog.Kol, CostCategory.KolFee, total, CostKind.Variable);
            return;
        }

        var parts = new decimal[plan.Collaborations.Count];
        foreach (var c in plan.Collaborations)
        {
            if (calendar.DayMonth[c.FirstDay] <= m && calendar.DayMonth[c.LastDay] >= m)
            {
                parts[c.Index] = plan.MonthParts(c)[m];
            }
        }

        parts = FitFees(parts, total);

        var perInfluencer = new decimal[DemoInfluencerPlan.Specs.Count];
        var present = new bool[perInfluencer.Length];
        foreach (var c in plan.Collaborations)
        {
            if (calendar.DayMonth[c.FirstDay] > m || calendar.DayMonth[c.LastDay] < m)
            {
                continue;
            }

            var part = parts[c.Index];
            collaborationFees[c.Index] += part;
            perInfluencer[c.Influencer] += part;
            present[c.Influencer] = true;
        }

        var assigned = 0m;
        for (var i = 0; i < perInfluencer.Length; i++)
        {
            if (present[i])
            {
                var spec = DemoInfluencerPlan.Specs[i];
                Cost(m, month, DemoCatalog.Kol, CostCategory.KolFee, perInfluencer[i], CostKind.Fixed, spec.CostCode);
                feeRows.Add(new DemoInfluencerFeeRow(month, spec.Id, spec.CostCode, perInfluencer[i]));
                assigned += perInfluencer[i];
            }
        }

        Cost(m, month, DemoCatalog.Kol, CostCategory.KolFee, total - assigned, CostKind.Variable);
    }

    /// <summary>
    /// The fee parts as booked in a month whose KOL fees total <paramref name="total"/>: unchanged when they fit, otherwise
    /// each scaled by total / Σ parts and rounded down to the cent, so that they never exceed the total.
    /// </summary>
    internal static decimal[] FitFees(decimal[] parts, decimal total)
    {
        var sum = parts.Sum();
        return sum <= total ? parts : [.. parts.Select(p => Math.Floor(p * total / sum * 100m) / 100m)];
    }

    private void Cost(int m, YearMonth month, int channel, CostCategory category, decimal amount, CostKind kind, string? campaign = null)
    {
        amount = Math.Round(amount, 2, MidpointRounding.ToEven);
        sink.Add(new CostFact(month, channel < 0 ? null : specs[channel].Name, category, amount, kind, campaign));
        costFacts++;
        if (channel < 0)
        {
            departmentCosts += amount;
            monthDepartmentCosts[m] += amount;
        }
        else
        {
            monthCosts[(channel * Months) + m] += amount;
        }
    }

    private DemoGroundTruth BuildTruth()
    {
        var channels = new DemoChannelTruth[channelCount];
        var channelMonths = new DemoChannelMonthTruth[channelCount * Months];
        var lifts = new DemoChannelLift[channelCount];
        var spend = 0m;
        var channelCosts = 0m;
        for (var c = 0; c < channelCount; c++)
        {
            var spec = specs[c];
            lifts[c] = new DemoChannelLift(spec.Name, spec.Lift);
            long touches = 0;
            double inc = 0, incRevenue = 0, incGrossProfit = 0;
            decimal channelSpend = 0, costs = 0;
            for (var m = 0; m < Months; m++)
            {
                var cell = (c * Months) + m;
                touches += monthTouches[cell];
                inc += monthIncConversions[cell];
                incRevenue += monthIncRevenue[cell];
                incGrossProfit += monthIncGrossProfit[cell];
                channelSpend += monthSpend[cell];
                costs += monthCosts[cell];
                channelMonths[cell] = new DemoChannelMonthTruth(spec.Name, calendar.Months[m], monthTouches[cell],
                    monthIncConversions[cell], monthIncRevenue[cell], monthIncGrossProfit[cell], monthSpend[cell], monthCosts[cell],
                    Roi(monthIncGrossProfit[cell], monthSpend[cell], monthCosts[cell]));
            }

            channels[c] = new DemoChannelTruth(spec.Name, spec.Group, spec.Lift, touches, inc, incRevenue, incGrossProfit,
                channelSpend, costs, Roi(incGrossProfit, channelSpend, costs));
            spend += channelSpend;
            channelCosts += costs;
        }

        var factors = new DemoMonthFactor[Months];
        for (var m = 0; m < Months; m++)
        {
            factors[m] = new DemoMonthFactor(calendar.Months[m], calendar.MonthFactor[m]);
        }

        var months = new DemoMonthTruth[Months];
        for (var m = 0; m < Months; m++)
        {
            long touches = 0;
            decimal monthSpendTotal = 0, monthCostTotal = 0;
            for (var c = 0; c < channelCount; c++)
            {
                touches += monthTouches[(c * Months) + m];
                monthSpendTotal += monthSpend[(c * Months) + m];
                monthCostTotal += monthCosts[(c * Months) + m];
            }

            months[m] = new DemoMonthTruth(calendar.Months[m], monthNewUsers[m], touches, monthExpectedConversions[m],
                monthConversions[m], monthRevenue[m], monthSpendTotal, monthCostTotal, monthDepartmentCosts[m]);
        }

        var campaigns = new List<DemoCampaignTruth>();
        foreach (var slot in slots)
        {
            if (slot.Campaign is not null)
            {
                campaigns.Add(new DemoCampaignTruth(slot.Campaign, specs[slot.Channel].Name, calendar.DateOf(slot.FirstDay),
                    calendar.DateOf(slot.LastDay), slotTouches[slot.Index], slotSpend[slot.Index]));
            }
        }

        var referrals = new DemoReferralTruth[staffCodes.Length];
        for (var r = 0; r < staffCodes.Length; r++)
        {
            referrals[r] = new DemoReferralTruth(staffCodes[r], referralTouches[r], referralJourneys[r], referralConversions[r],
                referralRevenue[r], referralIncremental[r]);
        }

        var liveDays = new List<DemoLiveDayTruth>();
        foreach (var slot in slots)
        {
            if (slot.Channel != DemoCatalog.Livestream || slot.Campaign is null)
            {
                continue;
            }

            for (var day = slot.FirstDay; day <= slot.LastDay; day++)
            {
                if (calendar.SlotsOn(day).Contains(slot.Index))
                {
                    liveDays.Add(new DemoLiveDayTruth(calendar.DateOf(day), slot.Campaign, slotDayTouches[(day * slots.Length) + slot.Index],
                        liveDayOrders[day], liveDayGmv[day]));
                }
            }
        }

        liveDays.Sort((a, b) => a.Date.CompareTo(b.Date));
        var model = new DemoModel(DemoCatalog.AcquisitionBase, DemoCatalog.RepeatBase, lifts, factors, DemoCatalog.HomeCareMean,
            DemoCatalog.HospitalOrderMean, DemoCatalog.HospitalShareWithExhibition, DemoCatalog.HospitalShareAcquisition,
            DemoCatalog.ExpectedGrossMargin,
            "expected revenue of the journey's product mix (not the revenue drawn); gross profit is half of it");
        var totals = new DemoTotals(users, journeys, acquisitionJourneys, repeatJourneys, touchpoints, conversions, revenue,
            productCost, expectedConversions, conversionVariance, expectedRevenue, signedUp, activityEvents, spendFacts, costFacts,
            spend, channelCosts, departmentCosts);
        return new DemoGroundTruth(DemoCompany.Name, seed, scale, calendar.FirstMonth, calendar.LastMonth, calendar.CrisisMonth,
            model, totals, channels, channelMonths, months, campaigns, referrals, liveDays)
        {
            Influencers = plan is null ? null : BuildInfluencerTruth(plan),
        };
    }

    /// <summary>The influencers' truth: the counts kept as the touches passed, the fees booked, and the audit facts' figures.</summary>
    private DemoInfluencerTruth BuildInfluencerTruth(DemoInfluencerPlan influencerPlan)
    {
        var facts = DemoInfluencerFacts.Run(seed, influencerPlan, null);
        var specs = DemoInfluencerPlan.Specs;
        var figures = new DemoInfluencerFigures[specs.Count];
        for (var i = 0; i < specs.Count; i++)
        {
            var spec = specs[i];
            var audit = facts.Audits[i];
            var tier = Influencers.InfluencerTiers.Of(audit.Followers);
            var collaborations = influencerPlan.Collaborations.Where(c => c.Influencer == i)
                .OrderBy(c => c.FirstDay).ThenBy(c => c.Id, StringComparer.Ordinal)
                .Select(c => new DemoCollaborationTruth(c.Id, c.Campaign, calendar.DateOf(c.FirstDay), calendar.DateOf(c.LastDay),
                    influencerPlan.StatusOf(c), c.Deliverables, collaborationFees[c.Index], collaborationTouches[c.Index]))
                .ToList();
            figures[i] = new DemoInfluencerFigures(spec.Id, spec.Referral, spec.CostCode, tier, audit.Followers, spec.FakeShare,
                DemoInfluencers.SampleSize, audit.SampledFake, audit.Posts, audit.EngagementRate, DemoInfluencers.TierEngagement(spec.Platform, tier),
                influencerTouches[i], influencerJourneys[i], influencerConversions[i], influencerRevenue[i], influencerIncremental[i],
                influencerIncRevenue[i], collaborations.Sum(c => c.Fee), collaborations);
        }

        return new DemoInfluencerTruth(specs[DemoInfluencerPlan.BoughtIndex].Id, specs[DemoInfluencerPlan.ConverterIndex].Id,
            specs[DemoInfluencerPlan.CandidateIndex].Id, facts.JumpDays, DemoInfluencerFacts.JumpFollowers,
            specs[DemoInfluencerPlan.ViralIndex].Id, facts.ViralPost, facts.ViralDay, facts.SampledAt, figures, feeRows);
    }

    /// <summary>(incremental gross profit − spend − costs) / (spend + costs), null when spend + costs is 0.</summary>
    internal static double? Roi(double incrementalGrossProfit, decimal spend, decimal costs)
    {
        var outlay = spend + costs;
        return outlay == 0 ? null : (incrementalGrossProfit - (double)outlay) / (double)outlay;
    }
}
